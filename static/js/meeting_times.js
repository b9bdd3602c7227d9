// The meeting admin's "In words" line: "Thursdays 7:00 PM in Chicago (01:00 UTC on Fridays)".
// The server says it (zoneinfo, at the next occurrence, so daylight saving is right); this asks
// again whenever the day, the times or the zone change on the form.
(function () {
  "use strict";

  function start() {
    var line = document.getElementById("meeting-when");
    var day = document.getElementById("id_day");
    var time = document.getElementById("id_time");
    var zone = document.getElementById("id_timezone");
    if (!line || !day || !time || !zone) {
      return;
    }
    var asked = 0;

    function refresh() {
      var query = new URLSearchParams({ day: day.value, time: time.value, timezone: zone.value });
      var mine = ++asked;
      if (!day.value || !time.value || !zone.value) {
        line.textContent = "";
        return;
      }
      fetch(line.dataset.url + "?" + query.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json();
        })
        .then(function (answer) {
          // An older answer arriving late must not overwrite a newer one.
          if (mine === asked) {
            line.textContent = answer.sentence || "";
          }
        })
        .catch(function () {
          if (mine === asked) {
            line.textContent = "";
          }
        });
    }

    [day, time, zone].forEach(function (field) {
      field.addEventListener("change", refresh);
    });
    // A form sent back with errors shows the unsaved values; say them.
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
