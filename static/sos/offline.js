/* Makes /sos/ work offline: registers the service worker (/sw.js) and says when the page is
   stored on this device. Loaded only on the urge page and the crisis numbers page. */
(() => {
  "use strict";
  const script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) return;
  const workerUrl = script.dataset.worker;
  const status = document.getElementById("offline-status");

  navigator.serviceWorker.register(workerUrl, { scope: "/" }).catch(() => {
    // Private windows and some browsers refuse workers: the page still works online.
  });
  navigator.serviceWorker.ready.then((registration) => {
    // Puts back anything a sign-out or the browser removed since the worker was installed.
    // and stores this page when it is the urge page in another language (/es/sos/).
    if (registration.active) {
      registration.active.postMessage({ type: "refill", page: window.location.pathname });
    }
    if (status) status.hidden = false;
  });
})();
