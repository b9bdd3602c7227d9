// Times in the visitor's own zone where the server did not know it yet (no tz cookie): inside an
// element marked data-local-times, each <time datetime="..."> is written again in the browser's
// zone ("Today 7:00 PM", "Tomorrow 9:30 AM", "Thu 6:00 PM"; with data-local-times="date",
// "Thu 3 Dec, 6:00 PM"), the note #soon-zone says which zone, and the zone is remembered in the
// tz cookie so the next page is drawn in it, without reloading this one.
// Without this script the times stay in the zone the server chose, which the page names.
(function () {
  "use strict";
  const lists = document.querySelectorAll("[data-local-times]");
  if (!lists.length) {
    return;
  }
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (!zone) {
    return;
  }
  const clock = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit" });
  const weekday = new Intl.DateTimeFormat("en-US", { weekday: "short" });
  const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });
  const dayKey = (date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
  const now = new Date();
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);

  function label(date) {
    let day = weekday.format(date);
    if (dayKey(date) === dayKey(now)) {
      day = "Today";
    } else if (dayKey(date) === dayKey(tomorrow)) {
      day = "Tomorrow";
    }
    return `${day} ${clock.format(date)}`;
  }

  function dated(date) {
    return `${weekday.format(date)} ${dayMonth.format(date)}, ${clock.format(date)}`;
  }

  lists.forEach(function (list) {
    const write = list.dataset.localTimes === "date" ? dated : label;
    list.querySelectorAll("time[datetime]").forEach(function (element) {
      const date = new Date(element.getAttribute("datetime"));
      if (!Number.isNaN(date.getTime())) {
        element.textContent = write(date);
      }
    });
  });
  const note = document.getElementById("soon-zone");
  if (note) {
    note.textContent = `Times are in your time zone (${zone}).`;
  }
  if (!/(^|;\s*)tz=/.test(document.cookie)) {
    document.cookie = `tz=${zone}; max-age=31536000; path=/; samesite=lax`;
  }
})();
