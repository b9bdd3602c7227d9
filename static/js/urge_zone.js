// Urge log, its charts and My progress: days and hours in the participant's own time zone.
// When the page was drawn in a zone other than the browser's (UTC on a first visit), and no zone
// is in its address, it loads again with ?tz=<browser's zone>, which the server remembers in a
// cookie. A zone the visitor picked on the online meetings page is respected, as that page does.
// Only pages drawn by a plain GET carry data-viewer-zone, so nothing typed can be lost.
(function () {
  "use strict";
  const page = document.querySelector("[data-viewer-zone]");
  if (!page) {
    return;
  }
  const used = page.dataset.viewerZone;
  let detected = "";
  try {
    detected = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (!detected || detected === used) {
    return;
  }
  let picked = null;
  try {
    picked = window.localStorage.getItem("sr-picked-zone");
  } catch (error) {
    // Storage may be disabled; the cookie still remembers the zone.
  }
  const url = new URL(window.location.href);
  if (url.searchParams.has("tz") || picked === used) {
    return;
  }
  url.searchParams.set("tz", detected);
  window.location.replace(url.toString());
})();
