// Forms marked data-clean-query send no empty fields: /meetings/?near=Austin, not
// /meetings/?near=Austin&lat=&lng=. Without this script the server ignores the empty ones.
(function () {
  "use strict";
  document.querySelectorAll("form[data-clean-query]").forEach(function (form) {
    form.addEventListener("submit", function () {
      Array.from(form.elements).forEach(function (field) {
        if (field.name && !field.disabled && field.value === "" && field.type !== "submit") {
          field.disabled = true;
          // Back in the form if the page is shown again from the back/forward cache.
          window.setTimeout(function () {
            field.disabled = false;
          }, 0);
        }
      });
    });
  });
})();
