// Times in the visitor's own zone where the server did not know it yet (no tz cookie): inside an
// element marked data-local-times, each <time datetime="..."> is written again in the browser's
// zone ("Today 7:00 PM", "Tomorrow 9:30 AM", "Thu 6:00 PM"; with data-local-times="date",
// "Thu 3 Dec, 6:00 PM"), the note #soon-zone says so, and the zone's name is remembered in the tz
// cookie (at the visitor's first tap or click) so the next page is drawn in it, without
// reloading this one. Without this script the times stay in the zone the server chose, which the
// page names.
//
// Written with Date's own methods, not Intl: the first Intl call loads locale data, a long task
// on a slow phone while the page is still loading. Intl is asked for the zone's name only when
// the visitor first touches the page.
(function () {
  "use strict";
  const lists = document.querySelectorAll("[data-local-times]");
  if (!lists.length) {
    return;
  }
  // A page in another language than English gives its words (templates/base.html): its short
  // weekdays and months, "Today" and "Tomorrow", and a 24-hour clock.
  const words = (document.getElementById("local-time-words") || {}).dataset || {};
  const DAYS = words.days ? words.days.split(",") : ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const MONTHS = words.months
    ? words.months.split(",")
    : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const now = new Date();
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const sameDay = (a, b) =>
    a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

  function clock(date) {
    const hours = date.getHours();
    const minutes = String(date.getMinutes()).padStart(2, "0");
    if (words.days) {
      return `${words.pad ? String(hours).padStart(2, "0") : hours}:${minutes}`;
    }
    return `${hours % 12 || 12}:${minutes} ${hours < 12 ? "AM" : "PM"}`;
  }

  function label(date) {
    let day = DAYS[date.getDay()];
    if (sameDay(date, now)) {
      day = words.today || "Today";
    } else if (sameDay(date, tomorrow)) {
      day = words.tomorrow || "Tomorrow";
    }
    return `${day} ${clock(date)}`;
  }

  function dated(date) {
    return `${DAYS[date.getDay()]} ${date.getDate()} ${MONTHS[date.getMonth()]}, ${clock(date)}`;
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
    note.textContent = words.note || "Times are in your time zone.";
  }

  function remember() {
    if (/(^|;\s*)tz=/.test(document.cookie)) {
      return;
    }
    let zone = "";
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return;
    }
    if (zone) {
      document.cookie = `tz=${zone}; max-age=31536000; path=/; samesite=lax`;
    }
  }
  document.addEventListener("pointerdown", remember, { once: true, passive: true });
  document.addEventListener("keydown", remember, { once: true, passive: true });
})();
