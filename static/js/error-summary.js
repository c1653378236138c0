/* PPS-portaal: a form that comes back with errors starts at its error summary.
   The summary is at the top of the form anyway; this moves keyboard and screen
   reader focus there, so the first thing read is what to fix and where. */
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
