// "Use my location": fills the place form's hidden lat/lng from the browser and submits it.
// The form works without this script; the button only appears where geolocation exists.
(function () {
  "use strict";
  // The page's words for what this script says (templates/includes/js_words.html), else English.
  function word(key, english) {
    var words = document.getElementById("js-words");
    return (words && words.dataset[key]) || english;
  }

  const form = document.getElementById("place-search");
  const button = document.getElementById("use-location");
  if (!form || !button || !("geolocation" in navigator)) {
    return;
  }
  const status = document.getElementById("location-status");
  const near = form.elements.namedItem("near");
  button.hidden = false;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    say(word("locating", "Finding your location…"));
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.namedItem("lat").value = position.coords.latitude.toFixed(5);
        form.elements.namedItem("lng").value = position.coords.longitude.toFixed(5);
        near.required = false;
        near.value = "";
        // requestSubmit fires "submit", so data-clean-query leaves the emptied place out.
        if (form.requestSubmit) {
          form.requestSubmit();
        } else {
          form.submit();
        }
      },
      function () {
        button.disabled = false;
        say(word("noLocation", "We could not get your location. Type a city or ZIP code instead."));
        near.focus();
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
    );
  });
})();
