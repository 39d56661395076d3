/* observe: photo upload with progress, and retry without retyping.

   Enhances <form data-photo-upload data-api-url="..."> (see templates/photos/_section.html).
   Without JavaScript the form posts to the page route and works the same, one file at a
   time. With it, every chosen file is sent on its own to the JSON API through
   XMLHttpRequest (which reports upload progress); a failed file keeps its place in the
   queue with the server's message and a "Try again" button, so nothing is typed twice.
   The record's text (story or observation) is already saved on the server before this
   form is shown.

   Consent is told before uploading: children without photo consent are rendered by the
   server with data-consent="none" (disabled, marked), and a notice names them.

   Events are delegated from the document, so the form also works after drafts.js has
   swapped the page in without a full reload. */
(function () {
  "use strict";

  var TEXTS = {
    da: { uploading: "Sender …", done: "Gemt", failed: "Det lykkedes ikke", retry: "Prøv igen",
          offline: "Ingen forbindelse. Prøv igen, når du er online.", choose: "Vælg et eller flere billeder først.",
          consent: "Uden samtykke til billeder:" },
    en: { uploading: "Uploading …", done: "Saved", failed: "Upload failed", retry: "Try again",
          offline: "No connection. Try again when you are online.", choose: "Choose one or more photos first.",
          consent: "No photo consent:" }
  };
  function t(key) {
    var lang = (document.documentElement.getAttribute("lang") || "da").slice(0, 2);
    return (TEXTS[lang] || TEXTS.da)[key];
  }

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function fieldsOf(form) {
    // Caption and children as they are when the user taps Upload: kept per file, so
    // a retry sends exactly what was chosen then.
    var caption = form.querySelector('input[name="caption"]');
    var ids = [];
    form.querySelectorAll('input[name="child_ids"]').forEach(function (box) {
      if (box.type === "checkbox" && box.checked && !box.disabled) { ids.push(box.value); }
    });
    return { caption: caption ? caption.value : "", childIds: ids.join(",") };
  }

  function queueItem(form, file) {
    var list = form.querySelector(".upload-queue");
    var li = document.createElement("li");
    li.className = "upload-item";
    var name = document.createElement("span");
    name.className = "upload-name";
    name.textContent = file.name || "foto";
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    var state = document.createElement("span");
    state.className = "upload-state";
    state.setAttribute("role", "status");
    li.appendChild(name);
    li.appendChild(bar);
    li.appendChild(state);
    list.appendChild(li);
    return { li: li, bar: bar, state: state };
  }

  function send(form, file, fields, item, onDone) {
    var body = new FormData();
    body.append("file", file, file.name || "photo");
    body.append("caption", fields.caption);
    body.append("child_ids", fields.childIds);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.getAttribute("data-api-url"));
    xhr.setRequestHeader("X-CSRFToken", csrf());
    xhr.setRequestHeader("Accept", "application/json");
    item.li.className = "upload-item is-uploading";
    item.state.textContent = t("uploading");
    var old = item.li.querySelector("button");
    if (old) { old.remove(); }
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) { item.bar.value = Math.round(event.loaded / event.total * 100); }
    });
    xhr.addEventListener("load", function () {
      if (xhr.status >= 200 && xhr.status < 300) {
        item.bar.value = 100;
        item.li.className = "upload-item is-done";
        item.state.textContent = t("done");
        onDone(true);
        return;
      }
      var message = t("failed");
      try { message = JSON.parse(xhr.responseText).error.message || message; } catch (e) { /* not JSON */ }
      fail(form, file, fields, item, message, onDone);
    });
    xhr.addEventListener("error", function () {
      fail(form, file, fields, item, t("offline"), onDone);
    });
    xhr.send(body);
  }

  function fail(form, file, fields, item, message, onDone) {
    item.li.className = "upload-item is-failed";
    item.state.textContent = message;
    var retry = document.createElement("button");
    retry.type = "button";
    retry.className = "button";
    retry.textContent = t("retry");
    retry.addEventListener("click", function () { send(form, file, fields, item, onDone); });
    item.li.appendChild(retry);
    onDone(false);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-photo-upload")) { return; }
    if (!window.FormData || !window.XMLHttpRequest) { return; }
    event.preventDefault();
    var input = form.querySelector('input[type="file"]');
    if (!input || !input.files || !input.files.length) {
      input.setCustomValidity(t("choose"));
      input.reportValidity();
      input.setCustomValidity("");
      return;
    }
    var fields = fieldsOf(form);
    var files = Array.prototype.slice.call(input.files);
    function settled() {
      // Once every file has arrived (first time or after a retry), show the photos
      // from the server; the record's text is saved there already.
      if (!form.querySelector(".upload-item.is-uploading, .upload-item.is-failed")) {
        window.location.reload();
      }
    }
    files.forEach(function (file) {
      var item = queueItem(form, file);
      send(form, file, fields, item, settled);
    });
    input.value = "";
  });
})();
