// The meeting page's map, drawn only when the visitor presses "Show the map": until then no
// Leaflet file is loaded and no tile server is asked for anything. The address, a directions
// link and an OpenStreetMap link are on the page either way.
(function () {
  "use strict";
  // The page's words for what this script says (templates/includes/js_words.html), else English.
  function word(key, english) {
    var words = document.getElementById("js-words");
    return (words && words.dataset[key]) || english;
  }

  const button = document.getElementById("show-map");
  const map = document.getElementById("meeting-map");
  if (!button || !map) {
    return;
  }
  button.hidden = false;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      const element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) {
        element.setAttribute(name, attributes[name]);
      });
      element.addEventListener("load", resolve);
      element.addEventListener("error", reject);
      document.head.appendChild(element);
    });
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    map.hidden = false;
    load("link", { rel: "stylesheet", href: button.dataset.mapCss })
      .then(function () {
        return load("script", { src: button.dataset.mapJs });
      })
      .then(function () {
        return load("script", { src: button.dataset.mapDraw });
      })
      .then(function () {
        button.hidden = true;
        map.focus();
      })
      .catch(function () {
        map.hidden = true;
        button.disabled = false;
        button.textContent = word("mapFailed", "The map could not load: try again");
      });
  });
})();
