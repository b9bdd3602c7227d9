// Online meetings: show times in the browser's own time zone.
// When the page was drawn without a zone in its address, and the browser's zone differs from the
// one used (UTC, or a zone remembered from an earlier visit), reload with ?tz=<browser's zone>,
// which the server remembers in a cookie. A zone the visitor chose in the picker is respected:
// it is noted here, and a different device zone is then only offered as a link.
// Without this script the picker (a plain GET form) does the same job.
(function () {
  "use strict";
  const page = document.getElementById("online-page");
  if (!page) {
    return;
  }
  const PICKED = "sr-picked-zone";
  const used = page.dataset.zone;
  const asked = page.dataset.zoneAsked === "true";
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

  const url = new URL(window.location.href);
  url.searchParams.set("tz", detected);
  if (!asked && recall(PICKED) !== used) {
    window.location.replace(url.toString());
    return;
  }

  // The visitor chose another zone: offer the device's, without overriding their choice.
  const offer = document.getElementById("zone-detected");
  const name = document.getElementById("zone-detected-name");
  const link = document.getElementById("zone-detected-link");
  if (offer && name && link) {
    name.textContent = detected;
    link.href = url.pathname + url.search;
    offer.hidden = false;
  }
})();
