// The site's web font, Figtree, is drawn once the page has loaded: the first paint uses the
// system font and never waits for the font file (largest contentful paint on a slow phone,
// issue 15). After the first page of a visit the file is in the browser's cache, so later pages
// switch at once. Without JavaScript the system font stays.
(function () {
  "use strict";
  const SEEN = "sr-fonts-seen";
  const root = document.documentElement;

  function useFigtree() {
    root.classList.add("fonts-ready");
    try {
      window.sessionStorage.setItem(SEEN, "1");
    } catch (error) {
      // Storage may be disabled; the next page waits for its load again.
    }
  }

  let seen = false;
  try {
    seen = window.sessionStorage.getItem(SEEN) === "1";
  } catch (error) {
    seen = false;
  }
  // After the load and two frames: never before the page's first paint, however fast it loads.
  function afterFirstPaint() {
    window.requestAnimationFrame(function () {
      window.requestAnimationFrame(useFigtree);
    });
  }

  if (seen) {
    useFigtree();
  } else if (document.readyState === "complete") {
    afterFirstPaint();
  } else {
    window.addEventListener("load", afterFirstPaint, { once: true });
  }
})();
