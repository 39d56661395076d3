/* observe: drafts kept on this device until saved, and saving that survives a lost
   connection. Reusable by any page:

     <form method="post" data-draft-key="story:new" data-draft-owner="{{ current_user.id }}">

   - Every change to the form's fields is kept in localStorage (per key and owner, so a
     shared tablet never shows one colleague's draft to another).
   - On load, a kept draft is put back into the form and the user is told, with a
     button to discard it. A form the server re-rendered with errors is not overwritten:
     it already holds what the user sent.
   - Submitting goes through fetch(). Offline (navigator.onLine false, or the request
     fails) the draft stays, the user is told clearly, and it is sent again as soon as
     the browser is back online (and every 20 seconds while it waits).
   - The draft is deleted only when the page the server answers with carries
     <div data-draft-saved="KEY">: the server's word that the record was saved. (The
     observation pages put the key in the session after a save; the next page renders
     it.) A login page after an expired session, or an error page, keeps the draft.

   Without JavaScript, or without fetch/localStorage, the form posts as usual. */
(function () {
  "use strict";

  var PREFIX = "observe:draft:";
  var RETRY_MS = 20000;
  var TEXTS = {
    da: {
      offline: "Du er offline – kladden er gemt på enheden, og vi prøver igen, så snart forbindelsen er tilbage.",
      retrying: "Forbindelsen er tilbage – vi gemmer nu …",
      restored: "Vi har hentet en kladde, som ikke var gemt endnu.",
      pending: "Kladden er ikke sendt endnu. Tryk gem, når du er online.",
      discard: "Kassér kladden",
      kept: "Kladden er gemt på enheden.",
      failed: "Det lykkedes ikke at gemme. Kladden er gemt på enheden."
    },
    en: {
      offline: "You are offline – the draft is saved on this device, and we will try again as soon as the connection is back.",
      retrying: "The connection is back – saving now …",
      restored: "We restored a draft that had not been saved yet.",
      pending: "The draft has not been sent yet. Tap save when you are online.",
      discard: "Discard draft",
      kept: "The draft is saved on this device.",
      failed: "Saving did not work. The draft is saved on this device."
    }
  };

  function t(name) {
    var lang = (document.documentElement.lang || "da").slice(0, 2);
    return (TEXTS[lang] || TEXTS.da)[name];
  }

  function storage() {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;  // private mode or storage disabled: the form still works
    }
  }

  var store = storage();

  function storageKey(form) {
    return PREFIX + (form.getAttribute("data-draft-owner") || "") + ":" +
      form.getAttribute("data-draft-key");
  }

  function read(form) {
    if (!store) { return null; }
    try { return JSON.parse(store.getItem(storageKey(form)) || "null"); } catch (e) { return null; }
  }

  function write(form, extra) {
    if (!store) { return; }
    var draft = read(form) || {};
    draft.fields = collect(form);
    draft.at = Date.now();
    draft.pending = extra && "pending" in extra ? extra.pending : !!draft.pending;
    try { store.setItem(storageKey(form), JSON.stringify(draft)); } catch (e) { /* full */ }
  }

  function forget(key) {
    if (!store) { return; }
    var suffix = ":" + key;
    for (var i = store.length - 1; i >= 0; i--) {
      var name = store.key(i);
      if (name && name.indexOf(PREFIX) === 0 && name.slice(-suffix.length) === suffix) {
        store.removeItem(name);
      }
    }
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrf_token" && !el.disabled &&
        ["hidden", "file", "password", "submit", "button", "reset"].indexOf(el.type) === -1;
    });
  }

  function collect(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        data[el.name] = data[el.name] || [];
        if (el.checked) { data[el.name].push(el.value); }
      } else if (el.tagName === "SELECT" && el.multiple) {
        data[el.name] = Array.prototype.filter.call(el.options, function (o) {
          return o.selected;
        }).map(function (o) { return o.value; });
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function apply(form, data) {
    fields(form).forEach(function (el) {
      if (!Object.prototype.hasOwnProperty.call(data, el.name)) { return; }
      var value = data[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = value.indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) {
          o.selected = value.indexOf(o.value) !== -1;
        });
      } else {
        el.value = value;
      }
    });
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function status(form, message, kind, withDiscard) {
    var box = form.querySelector("[data-draft-status]");
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("data-draft-status", "");
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      form.insertBefore(box, form.firstChild);
    }
    box.className = "draft-status draft-status-" + (kind || "info");
    box.textContent = message;
    box.hidden = !message;
    if (withDiscard) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-quiet";
      button.textContent = t("discard");
      button.addEventListener("click", function () {
        forget(form.getAttribute("data-draft-key"));
        window.location.reload();
      });
      box.appendChild(document.createTextNode(" "));
      box.appendChild(button);
    }
  }

  // -- sending ------------------------------------------------------------------------

  function goOffline(form) {
    write(form, { pending: true });
    status(form, t("offline"), "offline");
    form.setAttribute("data-draft-waiting", "1");
  }

  var swapped = false;

  function swapPage(doc, url) {
    swapped = true;
    if (url && url !== window.location.href) {
      window.history.pushState({ observeDraft: true }, "", url);
    }
    document.title = doc.title;
    document.body.className = doc.body.className;
    document.body.innerHTML = doc.body.innerHTML;
    window.scrollTo(0, 0);
    init();
  }

  function send(form, submitter) {
    if (form.getAttribute("data-draft-sending") === "1") { return; }
    if (!navigator.onLine) { goOffline(form); return; }
    var key = form.getAttribute("data-draft-key");
    var body = new FormData(form);
    var action = form.action;
    if (submitter && submitter.name) { body.append(submitter.name, submitter.value); }
    if (submitter && submitter.getAttribute("formaction")) {
      action = submitter.formAction;
    }
    form.setAttribute("data-draft-sending", "1");
    form.setAttribute("aria-busy", "true");
    window.fetch(action, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (html) {
          form.removeAttribute("data-draft-sending");
          var doc = new DOMParser().parseFromString(html, "text/html");
          var saved = Array.prototype.some.call(
            doc.querySelectorAll("[data-draft-saved]"),
            function (el) { return el.getAttribute("data-draft-saved") === key; });
          if (saved) {
            forget(key);
          } else {
            write(form, { pending: false });
          }
          swapPage(doc, response.url);
        });
      })
      .catch(function () {
        form.removeAttribute("data-draft-sending");
        form.removeAttribute("aria-busy");
        goOffline(form);
      });
  }

  function retryWaiting() {
    if (!navigator.onLine) { return; }
    document.querySelectorAll("form[data-draft-waiting]").forEach(function (form) {
      form.removeAttribute("data-draft-waiting");
      status(form, t("retrying"), "info");
      send(form, null);
    });
  }

  // -- wiring -------------------------------------------------------------------------

  function wire(form) {
    if (form.getAttribute("data-draft-wired")) { return; }
    form.setAttribute("data-draft-wired", "1");
    var draft = read(form);
    var hasErrors = form.querySelector(".has-error, .error") ||
      document.querySelector(".form-error");
    if (hasErrors) {
      write(form);  // the re-rendered form holds the newest text: keep that
    } else if (draft && draft.fields && !same(draft.fields, collect(form))) {
      apply(form, draft.fields);
      status(form, draft.pending ? t("pending") : t("restored"), "info", true);
    }
    var timer = null;
    function keep() {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { write(form); }, 300);
    }
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) { return; }
      window.clearTimeout(timer);
      write(form);
      if (!window.fetch || !window.FormData || !window.DOMParser) { return; }
      event.preventDefault();
      send(form, event.submitter);
    });
  }

  function init() {
    document.querySelectorAll("[data-draft-saved]").forEach(function (el) {
      forget(el.getAttribute("data-draft-saved"));
    });
    if (!store) { return; }
    document.querySelectorAll("form[data-draft-key]").forEach(wire);
  }

  window.addEventListener("online", retryWaiting);
  window.setInterval(retryWaiting, RETRY_MS);
  window.addEventListener("popstate", function () {
    if (swapped) { window.location.reload(); }  // the page shown is not the URL's
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { init(); }  // back/forward cache: fields may be stale
  });

  window.observe = window.observe || {};
  window.observe.drafts = { init: init, forget: forget };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
