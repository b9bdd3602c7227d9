// The header's menu button on a phone: shows or hides the menu (Bootstrap's .collapse/.show
// classes) and says so in aria-expanded. Escape closes it. This replaces Bootstrap's 80 KB
// script bundle, of which the site used only this.
(function () {
  "use strict";
  document.querySelectorAll('[data-bs-toggle="collapse"]').forEach(function (button) {
    const menu = document.querySelector(button.dataset.bsTarget);
    if (!menu) {
      return;
    }
    function set(open) {
      menu.classList.toggle("show", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      set(!menu.classList.contains("show"));
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("show")) {
        set(false);
        button.focus();
      }
    });
  });
})();
