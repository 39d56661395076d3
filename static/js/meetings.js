/* Meetings: autosave of phase B notes, and drag ordering of the agenda.
   Both enhance forms that work without JavaScript: the notes form has its own save
   button, and each agenda item has small up/down forms. */
(function () {
  "use strict";

  function csrf() {
    return (window.observe && window.observe.csrfToken) ? window.observe.csrfToken() : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {"X-CSRFToken": csrf(), "X-Requested-With": "fetch"},
      body: body
    });
  }

  // -- autosave: a second after typing stops, and when the field loses focus ----------
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var area = form.querySelector("textarea");
    var status = form.querySelector(".autosave-status");
    var timer = null;
    var saved = area.value;
    var saving = false;
    var failed = false;  // after a failed fetch the button submits the normal way

    function show(text) { if (status) { status.textContent = text; } }

    function save() {
      clearTimeout(timer);
      if (area.value === saved || saving) { return; }
      var value = area.value;
      saving = true;
      show(form.getAttribute("data-saving") || "…");
      post(form.action, new FormData(form)).then(function (response) {
        saving = false;
        if (!response.ok) { throw new Error(String(response.status)); }
        saved = value;
        show("✓ " + new Date().toLocaleTimeString().slice(0, 5));
        if (area.value !== saved) { timer = setTimeout(save, 1000); }
      }).catch(function () {
        saving = false;
        failed = true;
        show("⚠");  // the save button still works: a normal submit
      });
    }

    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(save, 1000);
    });
    area.addEventListener("blur", save);
    form.addEventListener("submit", function (event) {
      if (failed || !window.fetch) { return; }
      event.preventDefault();
      if (area.value === saved) { show("✓"); return; }
      save();
    });
  });

  // -- drag ordering of the agenda (mouse and pen; touch uses the up/down buttons) -----
  var list = document.querySelector("ol.agenda[data-order-url]");
  if (!list) { return; }
  var dragged = null;

  list.addEventListener("dragstart", function (event) {
    dragged = event.target.closest("li[data-item-id]");
    if (!dragged) { return; }
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-item-id"));
  });
  list.addEventListener("dragover", function (event) {
    if (!dragged) { return; }
    event.preventDefault();
    var over = event.target.closest("li[data-item-id]");
    if (!over || over === dragged) { return; }
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextSibling : over);
  });
  list.addEventListener("dragend", function () {
    if (!dragged) { return; }
    dragged.classList.remove("dragging");
    dragged = null;
    var ids = Array.prototype.map.call(list.querySelectorAll("li[data-item-id]"),
      function (li) { return li.getAttribute("data-item-id"); });
    var body = new FormData();
    body.append("order", ids.join(","));
    post(list.getAttribute("data-order-url"), body).then(function (response) {
      if (!response.ok) { window.location.reload(); }
    });
  });
})();
