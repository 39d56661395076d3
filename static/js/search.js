// Search page: submit the form when the period or sort changes, and show the date
// fields only for a custom period. The page works without this file.
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form) { return; }
  var period = form.querySelector("#search-period");
  function toggleDates() {
    var custom = period && period.value === "custom";
    form.querySelectorAll(".search-dates").forEach(function (el) {
      el.hidden = !custom;
    });
  }
  form.querySelectorAll("[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      toggleDates();
      if (select !== period || period.value !== "custom") { form.submit(); }
    });
  });
  toggleDates();
}());
