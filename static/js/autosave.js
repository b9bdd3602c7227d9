// Worksheets: save a draft as the participant types, and never overwrite a newer save.
// The form works without this script (its Save button posts normally); this only adds autosave.
(function () {
  "use strict";
  // The page's words for what this script says (templates/includes/js_words.html), else English.
  function word(key, english) {
    var words = document.getElementById("js-words");
    return (words && words.dataset[key]) || english;
  }


  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var form = document.getElementById("worksheet-form");
  if (!form || !form.dataset.autosaveUrl) {
    return;
  }
  var status = document.getElementById("autosave-status");
  var banner = document.getElementById("autosave-conflict");
  var versionInput = form.querySelector("input[name=version]");
  var INTERVAL = 3000;
  var dirty = false;
  var saving = false;
  var stopped = false;
  var lastSaved = null;

  function say(text) {
    if (status) { status.textContent = text; }
  }

  function payload() {
    var data = new FormData(form);
    data.delete("add_row");
    data.delete("action");
    data.set("_autosave", "1");
    return data;
  }

  function adopt(result) {
    versionInput.value = result.version;
    if (result.autosave_url && form.dataset.autosaveUrl !== result.autosave_url) {
      // A new worksheet now exists: later saves and the Save button go to its own address.
      form.dataset.autosaveUrl = result.autosave_url;
      form.action = result.url;
      window.history.replaceState(null, "", result.url);
      document.querySelectorAll("a[data-next-link]").forEach(function (link) {
        var target = new URL(link.href);
        target.searchParams.set("next", result.url);
        link.href = target.toString();
      });
    }
    lastSaved = Date.now();
    say(word("savedMoment", "Saved a moment ago."));
  }

  function conflict() {
    stopped = true;
    say(word("conflict", "Not saved: a newer version was saved elsewhere."));
    if (banner) {
      banner.hidden = false;
      banner.querySelector("button").focus();
    }
  }

  function save() {
    if (!dirty || saving || stopped) { return; }
    saving = true;
    dirty = false;
    say(word("saving", "Saving…"));
    fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: payload(),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (result) {
        if (response.status === 409) {
          conflict();
        } else if (response.status === 422) {
          say(word("tooLong", "Not saved yet: an answer is longer than its limit. Press Save to see which one."));
        } else if (response.ok) {
          adopt(result);
        } else {
          dirty = true;
          say(word("retry", "Could not save just now; we will keep trying."));
        }
      });
    }).catch(function () {
      dirty = true;
      say(word("offline", "Offline? Could not save just now; we will keep trying."));
    }).finally(function () {
      saving = false;
    });
  }

  // On leaving, the page may be gone before an answer comes: send and forget.
  function saveOnLeave() {
    if (!dirty || stopped) { return; }
    dirty = false;
    fetch(form.dataset.autosaveUrl, {
      method: "POST", body: payload(), credentials: "same-origin", keepalive: true
    }).catch(function () {});
  }

  form.addEventListener("input", function () { dirty = true; say(word("unsaved", "Changes not saved yet…")); });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function () { stopped = true; });
  window.setInterval(save, INTERVAL);
  window.setInterval(function () {
    if (lastSaved && !dirty && !saving && !stopped) {
      var minutes = Math.round((Date.now() - lastSaved) / 60000);
      say(minutes < 1 ? word("savedMoment", "Saved a moment ago.") : word("savedMinutes", "Saved {minutes} min ago.").replace("{minutes}", minutes));
    }
  }, 30000);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { saveOnLeave(); }
  });
  window.addEventListener("pagehide", saveOnLeave);
})();
