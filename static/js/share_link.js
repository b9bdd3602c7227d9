// A share link is /worksheets/shared/#<token>. Browsers never send the part after "#" to a
// server, so the token is in no access log, proxy log or referrer. This posts it, with the
// page's CSRF token, through the page's own form (the same one a visitor without JavaScript
// pastes the link into); the answer is the worksheet at an address without the token.
(function () {
  "use strict";
  var form = document.getElementById("open-shared");
  var token = window.location.hash.slice(1);
  if (!form || !token) {
    return;
  }
  // Out of the address bar and this page's history entry too.
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  form.elements.link.value = token;
  form.submit();
})();
