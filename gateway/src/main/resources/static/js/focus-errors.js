/* After a form comes back with errors, move the focus (and the view, on a phone) to the summary of
   what to correct; each field below also shows its own error. */
(function () {
  'use strict';
  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }
})();
