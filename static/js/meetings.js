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
  // Each save names the version of the notes it started from. When a colleague saved
  // in between, the server writes nothing and answers 409 with their text: it is shown
  // above the box, the typed text stays, and autosave waits until the note-taker has
  // combined the two and pressed the button (which then saves on top of their version).
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var area = form.querySelector("textarea");
    var status = form.querySelector(".autosave-status");
    var version = form.querySelector("input[name=version]");
    var clash = form.querySelector(".notes-conflict");
    var timer = null;
    // What the server has: the text the page came with (not area.value, which may
    // already hold words typed before this script ran on a slow tablet).
    var saved = area.defaultValue;
    var saving = false;
    var failed = false;  // after a failed fetch the button submits the normal way
    var conflicted = Boolean(clash && !clash.hidden);  // the page came with a conflict

    function show(text) { if (status) { status.textContent = text; } }

    function showConflict(body) {
      conflicted = true;
      if (version && body.version !== undefined) { version.value = body.version; }
      if (!clash) { return; }
      clash.querySelector(".notes-conflict-message").textContent =
        (body.error && body.error.message) || "";
      clash.querySelector(".notes-theirs").textContent = body.notes || "";
      clash.hidden = false;
    }

    function save(explicit) {
      clearTimeout(timer);
      if (saving || (conflicted && !explicit)) { return; }
      if (area.value === saved && !conflicted) { return; }
      var value = area.value;
      saving = true;
      show(form.getAttribute("data-saving") || "…");
      post(form.action, new FormData(form)).then(function (response) {
        if (response.status === 409) {
          return response.json().then(function (body) {
            saving = false;
            if (body.notes === undefined) { throw new Error("409"); }
            showConflict(body);
            show("⚠");
          });
        }
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json().then(function (body) {
          saving = false;
          saved = value;
          conflicted = false;
          if (clash) { clash.hidden = true; }
          if (version && body.version !== undefined) { version.value = body.version; }
          show("✓ " + new Date().toLocaleTimeString().slice(0, 5));
          if (area.value !== saved) { timer = setTimeout(save, 1000); }
        });
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
    area.addEventListener("blur", function () { save(false); });
    if (area.value !== saved) { timer = setTimeout(save, 1000); }  // typed before we ran
    form.addEventListener("submit", function (event) {
      if (failed || !window.fetch) { return; }
      event.preventDefault();
      if (area.value === saved && !conflicted) { show("✓"); return; }
      save(true);
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
