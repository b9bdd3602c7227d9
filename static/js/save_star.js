// The star saves or unsaves a meeting without leaving the page: the same form posts in the
// background and the button changes in place (without JavaScript the form posts and the page
// comes back at the star). A short status line tells screen readers what happened.
(function () {
  "use strict";
  // The page's words for what this script says (templates/includes/js_words.html), else English.
  function word(key, english) {
    var words = document.getElementById("js-words");
    return (words && words.dataset[key]) || english;
  }

  var status;

  function announce(text) {
    if (!status) {
      status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
  }

  function span(text, className) {
    var element = document.createElement("span");
    element.textContent = text;
    if (className) {
      element.className = className;
    } else {
      element.setAttribute("aria-hidden", "true");
    }
    return element;
  }

  function show(form, saved) {
    var button = form.querySelector("button");
    var name = form.dataset.name;
    form.elements.saved.value = saved ? "0" : "1";
    button.classList.toggle("btn-primary", saved);
    button.classList.toggle("btn-outline-primary", !saved);
    button.replaceChildren(
      span(saved ? "★" : "☆"),
      document.createTextNode(" " + (saved ? word("starSaved", "Saved") : word("starSave", "Save"))),
      span(
        saved
          ? ": " + word("starRemove", "remove {name} from my meetings").replace("{name}", name)
          : " " + word("starAdd", "{name} to my meetings").replace("{name}", name),
        "visually-hidden"
      )
    );
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("save-star")) {
      return;
    }
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (answer) {
        show(form, answer.saved);
        announce(answer.message);
      })
      .catch(function () {
        // Whatever went wrong, the plain form still works.
        form.submit();
      });
  });
})();
