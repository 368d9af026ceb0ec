// The annual-report editor: mark the cells changed since the page was loaded and say, beside the
// save button, that there are unsaved changes. No inline script (CSP: scripts from this site only).
(function () {
  "use strict";
  var form = document.getElementById("an-form");
  if (!form) { return; }
  var note = document.getElementById("an-unsaved");
  form.addEventListener("input", function (event) {
    var field = event.target;
    var cell = field.closest ? field.closest("td.an-cell") : null;
    if (cell) { cell.classList.toggle("an-changed", field.value !== field.defaultValue); }
    if (note) { note.hidden = false; }
  });
})();
