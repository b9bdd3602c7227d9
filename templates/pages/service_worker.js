{% autoescape off %}/* The service worker for /sos/ (pages/sos.py renders it; pages/offline.py holds the lists).

   It keeps an allow-list and nothing else: the urge page, the crisis numbers, the app manifest
   and the static files they use. Pages are fetched for the cache without cookies, so a signed-in
   visitor's page is never stored. Every other request goes to the network untouched. Signing out
   deletes everything it stored. */
"use strict";

const VERSION = "{{ version }}";
const CACHE = `sos-${VERSION}`;
const PAGES = {{ pages }};
// The same pages in the other languages, stored when a visitor opens one.
const OTHER_PAGES = {{ other_pages }};
const ASSETS = {{ assets }};
const PRECACHE = PAGES.concat(ASSETS);
const SIGN_OUT = {{ sign_out }};  // in every language
// On a slow connection, the stored page is shown after this long rather than a blank screen.
const NETWORK_PATIENCE_MS = 4000;

function cookieless(url) {
  return new Request(url, { credentials: "omit", cache: "reload" });
}

async function precache() {
  const cache = await caches.open(CACHE);
  await cache.addAll(PRECACHE.map(cookieless));
}

async function refill() {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const url of PRECACHE) {
    if (!(await cache.match(url, { ignoreVary: true }))) missing.push(url);
  }
  if (missing.length) await cache.addAll(missing.map(cookieless));
}

async function forgetEverything() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith("sos-")).map((name) => caches.delete(name)));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => name.startsWith("sos-") && name !== CACHE).map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// /sos/ asks for a refill when it opens: after a sign-out emptied the cache, or a cleared one,
// and to store the page itself when it is one in another language.
async function keep(page) {
  const cache = await caches.open(CACHE);
  if (OTHER_PAGES.includes(page) && !(await cache.match(page, { ignoreVary: true }))) {
    await cache.add(cookieless(page));
  }
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "refill") {
    event.waitUntil(refill().then(() => keep(String(event.data.page || ""))));
  }
});

async function fromCache(path) {
  const cache = await caches.open(CACHE);
  return cache.match(path, { ignoreVary: true });
}

// A page: the network first (with the visitor's cookies, as usual, and never stored), the
// cookie-less stored copy when the network fails or is too slow.
async function networkFirst(request, path) {
  const network = fetch(request);
  // Settled later than the stored copy is shown, a failure must not count as unhandled.
  network.catch(() => undefined);
  const patience = new Promise((resolve) => setTimeout(resolve, NETWORK_PATIENCE_MS));
  try {
    const first = await Promise.race([network, patience]);
    if (first) return first;
    const stored = await fromCache(path);
    return stored || (await network);
  } catch (error) {
    const stored = await fromCache(path);
    if (stored) return stored;
    throw error;
  }
}

// A static file: stored copies first (their contents are part of the version).
async function cacheFirst(request, path) {
  return (await fromCache(path)) || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && SIGN_OUT.includes(url.pathname)) {
    // The sign-out itself goes to the network; meanwhile everything stored is deleted.
    event.waitUntil(forgetEverything());
    return;
  }
  if (request.method !== "GET" || url.search) return;
  if (PAGES.includes(url.pathname) || OTHER_PAGES.includes(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith(cacheFirst(request, url.pathname));
  }
  // Anything else: no respondWith, so the browser fetches it from the network as usual.
});
{% endautoescape %}
