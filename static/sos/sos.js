/* The urge page's two helpers: a timer to ride an urge out, and a short plan the visitor may
   keep in this browser only (localStorage; never sent anywhere). Without JavaScript the page
   says how to do both without them. */
(() => {
  "use strict";

  // Parts that need this script are hidden in the HTML; parts that stand in for them go away.
  for (const element of document.querySelectorAll("[data-needs-script]")) element.hidden = false;
  for (const element of document.querySelectorAll("[data-without-script]")) element.hidden = true;

  /* Meetings starting soon are useful only while they are: a copy stored for offline use may be
     days old, so they go when the network is off or the last of them started an hour ago. */
  for (const block of document.querySelectorAll("[data-soon]")) {
    const starts = [...block.querySelectorAll("time[datetime]")].map((time) =>
      Date.parse(time.getAttribute("datetime")),
    );
    const latest = Math.max(...starts);
    if (!navigator.onLine || !(latest > Date.now() - 60 * 60000)) block.hidden = true;
  }

  /* The page's words for what this script says (templates/pages/sos.html), English if missing. */
  const word = (key, english, minutes) => {
    const words = document.querySelector("template[data-sos-words]");
    const element = words && words.content.querySelector(`[data-word="${key}"]`);
    return ((element && element.textContent.trim()) || english).replace("{minutes}", String(minutes));
  };

  /* The timer. The clock (role="timer") is read on request; a polite status line says the few
     things worth interrupting for: started, every five minutes, the last minute, the end. */
  const timer = document.getElementById("urge-timer");
  if (timer) {
    const clock = timer.querySelector("[data-clock]");
    const startButton = timer.querySelector("[data-start]");
    const stopButton = timer.querySelector("[data-stop]");
    const status = timer.querySelector("[data-status]");
    const lengths = timer.querySelectorAll("input[name=minutes]");
    let deadline = 0;
    let remaining = 0;
    let ticking = 0;
    let lastMinute = 0;

    const chosenMinutes = () => {
      const chosen = timer.querySelector("input[name=minutes]:checked");
      return chosen ? Number(chosen.value) : 15;
    };
    const show = (milliseconds) => {
      const seconds = Math.max(0, Math.ceil(milliseconds / 1000));
      const minutes = Math.floor(seconds / 60);
      clock.textContent = `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
    };
    const say = (words) => {
      status.textContent = words;
    };

    const tick = () => {
      remaining = deadline - Date.now();
      show(remaining);
      if (remaining <= 0) {
        finish();
        return;
      }
      // Whole minutes shown on the clock, rounded up: it becomes 10 as the clock reads 10:00.
      const minutesLeft = Math.ceil(remaining / 60000);
      if (minutesLeft !== lastMinute) {
        lastMinute = minutesLeft;
        if (minutesLeft % 5 === 0 || minutesLeft === 1) say(
            minutesLeft === 1
              ? word("one-to-go", "One minute to go.")
              : word("to-go", "{minutes} minutes to go.", minutesLeft),
          );
      }
    };
    const run = () => {
      deadline = Date.now() + remaining;
      lastMinute = Math.ceil(remaining / 60000);
      ticking = window.setInterval(tick, 250);
      startButton.textContent = word("pause", "Pause");
      stopButton.hidden = false;
      for (const input of lengths) input.disabled = true;
      timer.dataset.state = "running";
    };
    const pause = () => {
      window.clearInterval(ticking);
      remaining = deadline - Date.now();
      startButton.textContent = word("carry-on", "Carry on");
      timer.dataset.state = "paused";
      say(word("paused", "Paused."));
    };
    const reset = (words) => {
      window.clearInterval(ticking);
      remaining = chosenMinutes() * 60000;
      show(remaining);
      startButton.textContent = word("start", "Start the timer");
      stopButton.hidden = true;
      for (const input of lengths) input.disabled = false;
      timer.dataset.state = "idle";
      if (words) say(words);
    };
    const finish = () => {
      reset();
      show(0);
      timer.dataset.state = "done";
      startButton.textContent = word("start-again", "Start again");
      say(
        word(
          "done",
          "Time's up. Notice how strong the urge is now. However it feels, you have ridden it " +
            "this far; start again if you need more time.",
        ),
      );
    };

    startButton.addEventListener("click", () => {
      const state = timer.dataset.state;
      if (state === "running") {
        pause();
      } else if (state === "paused") {
        run();
        say(word("carrying-on", "Carrying on."));
      } else {
        remaining = chosenMinutes() * 60000;
        run();
        say(
          word(
            "started",
            "Timer started: {minutes} minutes. Breathe slowly and watch the urge rise and fall.",
            chosenMinutes(),
          ),
        );
      }
    });
    stopButton.addEventListener("click", () => reset(word("stopped", "Timer stopped.")));
    for (const input of lengths) {
      input.addEventListener("change", () => reset());
    }
    reset();
  }

  /* The plan, kept in this browser only. */
  const plan = document.getElementById("urge-plan");
  if (plan) {
    const KEY = "smartrecovery.urge-plan";
    const text = plan.querySelector("textarea");
    const saveButton = plan.querySelector("[data-save]");
    const clearButton = plan.querySelector("[data-clear]");
    const status = plan.querySelector("[data-status]");
    const storage = (() => {
      try {
        const probe = "smartrecovery.probe";
        window.localStorage.setItem(probe, "1");
        window.localStorage.removeItem(probe);
        return window.localStorage;
      } catch {
        return null;
      }
    })();

    if (!storage) {
      text.disabled = true;
      saveButton.disabled = true;
      clearButton.disabled = true;
      status.textContent = word(
        "no-storage",
        "This browser isn't letting the page keep anything (a private window, perhaps), so the plan can't be kept here.",
      );
    } else {
      const kept = storage.getItem(KEY);
      if (kept) {
        text.value = kept;
        status.textContent = word("kept", "Your plan is kept on this phone.");
      }
      clearButton.hidden = !kept;
      saveButton.addEventListener("click", () => {
        const words = text.value.trim();
        if (!words) {
          status.textContent = word("write-first", "Write a line or two first.");
          text.focus();
          return;
        }
        storage.setItem(KEY, words);
        clearButton.hidden = false;
        status.textContent = word(
          "saved",
          "Kept on this phone, in this browser only. It was not sent anywhere.",
        );
      });
      clearButton.addEventListener("click", () => {
        storage.removeItem(KEY);
        text.value = "";
        clearButton.hidden = true;
        status.textContent = word(
          "cleared",
          "Cleared. Nothing of your plan is left on this phone.",
        );
        text.focus();
      });
    }
  }
})();
