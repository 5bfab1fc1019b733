// Peer finder: show each slider's value next to its label while it moves.
(function () {
  function sync(input) {
    var out = document.querySelector('output[for="' + input.id + '"]');
    if (out) { out.value = input.value; out.textContent = input.value; }
  }
  document.addEventListener("input", function (event) {
    if (event.target.classList && event.target.classList.contains("cp-weight")) { sync(event.target); }
  });
})();
