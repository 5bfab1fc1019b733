// Capture page: after a statement is appended, hide the empty-state line and focus the text box
// so the note-taker can keep typing. htmx's own hx-on would need eval, which the CSP forbids.
document.addEventListener("htmx:afterSwap", function () {
  var empty = document.getElementById("no-statements");
  if (empty) { empty.remove(); }
  var text = document.querySelector("#capture-form textarea[name=text]");
  if (text) { text.focus(); }
});
