// "Copy the link" beside a share link just made: copies its address and says so. Without this
// script (or a clipboard) the button stays hidden and the address can be selected by hand.
(function () {
  "use strict";
  // The page's words for what this script says (templates/includes/js_words.html), else English.
  function word(key, english) {
    var words = document.getElementById("js-words");
    return (words && words.dataset[key]) || english;
  }

  const button = document.getElementById("copy-link");
  if (!button || !navigator.clipboard) {
    return;
  }
  const link = document.getElementById(button.dataset.copy);
  const status = document.getElementById("copy-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(link.href).then(
      function () {
        button.textContent = word("copiedButton", "Copied");
        status.textContent = word("copied", "The link is copied: paste it into a message to your facilitator.");
      },
      function () {
        status.textContent = word("notCopied", "We could not copy it: select the link and copy it by hand.");
      }
    );
  });
})();
