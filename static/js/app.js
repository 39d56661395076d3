/* observe: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Destructive actions ask first. Without JavaScript the server-side confirm page asks.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (!question) { return; }
    if (!window.confirm(question)) {
      event.preventDefault();
      return;
    }
    var flag = form.querySelector('input[name="confirmed"]');
    if (flag) { flag.value = "1"; }
  });

  // The CSRF token for fetch() calls from our own pages (sent as X-CSRFToken).
  window.observe = window.observe || {};
  window.observe.csrfToken = function () {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  };
})();
