// Times in the browser's own time zone, on every page that shows them in the viewer's zone: the
// online meetings page, the urge log, its charts and My progress.
//
// The page marks the element that says which zone it was drawn in:
//   data-viewer-zone="Europe/London"  the zone the times are in (UTC when none is known yet);
//   data-zone-asked="true|false"      whether its address asked for a zone (the server's word;
//                                     without it, whether the address has a tz parameter).
// When the browser's zone differs from the one used, no zone was asked for, and the zone used was
// not picked by hand, the page loads again with ?tz=<browser's zone>, which the server remembers
// in a cookie. Only pages drawn by a plain GET carry data-viewer-zone, so nothing typed is lost.
//
// Optional parts of the page, found by id:
//   #zone-picker    a GET form with a tz field: the zone submitted is remembered as picked by
//                   hand, and from then on respected across pages;
//   #zone-detected  hidden, with #zone-detected-name and the link #zone-detected-link: shown to
//                   offer the device's zone when the page keeps another one.
// Without this script the picker (a plain GET form) does the same job.
(function () {
  "use strict";
  const page = document.querySelector("[data-viewer-zone]");
  if (!page) {
    return;
  }
  const PICKED = "sr-picked-zone";
  const used = page.dataset.viewerZone;
  const url = new URL(window.location.href);
  const asked =
    page.dataset.zoneAsked !== undefined
      ? page.dataset.zoneAsked === "true"
      : url.searchParams.has("tz");
  const form = document.getElementById("zone-picker");

  function remember(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {
      // Storage may be disabled; the cookie still remembers the zone.
    }
  }

  function recall(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }

  if (form) {
    form.addEventListener("submit", function () {
      remember(PICKED, form.elements.namedItem("tz").value);
    });
  }

  let detected = "";
  try {
    detected = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (!detected || detected === used) {
    return;
  }

  url.searchParams.set("tz", detected);
  if (!asked && recall(PICKED) !== used) {
    window.location.replace(url.toString());
    return;
  }

  // A zone was asked for or picked: offer the device's, without overriding the choice.
  const offer = document.getElementById("zone-detected");
  const name = document.getElementById("zone-detected-name");
  const link = document.getElementById("zone-detected-link");
  if (offer && name && link) {
    name.textContent = detected;
    link.href = url.pathname + url.search;
    offer.hidden = false;
  }
})();
