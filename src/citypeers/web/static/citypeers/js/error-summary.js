// A form that comes back with errors starts with its error summary (USWDS error summary
// pattern): focus moves there on load, or after htmx swaps in a form with errors, so keyboard
// and screen-reader users hear the list of problems first and can follow its links.
(function () {
  "use strict";
  function focusSummary(root) {
    var summary = root && root.querySelector ? root.querySelector("[data-error-summary]") : null;
    if (summary) {
      summary.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { focusSummary(document); });
  } else {
    focusSummary(document);
  }
  document.addEventListener("htmx:afterSettle", function (event) { focusSummary(event.target); });
})();
