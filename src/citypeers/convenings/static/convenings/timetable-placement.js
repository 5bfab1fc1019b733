// Drag and drop on the organiser's timetable: drop a session on a room and slot to place it
// there. It posts the same fields as the "Place a session by hand" form (which stays the
// keyboard way) to the same URL, so the same service checks the room and the speakers; a
// refusal is shown in words, a success reloads the grid.
(function () {
  "use strict";

  var grid = document.querySelector("[data-place-url]");
  var form = document.querySelector("form[action='" + (grid && grid.dataset.placeUrl) + "']");
  if (!grid || !form || !window.fetch || !window.FormData) {
    return;
  }
  var errors = document.querySelector(".cv-dnd-errors");
  var hint = document.querySelector(".cv-dnd-hint");
  if (hint) {
    hint.hidden = false;
  }

  function showErrors(messages) {
    if (!errors) {
      return;
    }
    errors.querySelector(".usa-alert__text").textContent = messages.join(" ");
    errors.hidden = false;
  }

  document.querySelectorAll(".cv-session[data-proposal]").forEach(function (card) {
    card.addEventListener("dragstart", function (event) {
      event.dataTransfer.setData("text/plain", card.dataset.proposal);
      event.dataTransfer.effectAllowed = "move";
      card.classList.add("cv-dragging");
    });
    card.addEventListener("dragend", function () {
      card.classList.remove("cv-dragging");
    });
  });

  grid.querySelectorAll(".cv-drop").forEach(function (cell) {
    cell.addEventListener("dragover", function (event) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      cell.classList.add("cv-drop--over");
    });
    cell.addEventListener("dragleave", function () {
      cell.classList.remove("cv-drop--over");
    });
    cell.addEventListener("drop", function (event) {
      event.preventDefault();
      cell.classList.remove("cv-drop--over");
      var proposal = event.dataTransfer.getData("text/plain");
      if (!proposal) {
        return;
      }
      var body = new FormData();
      body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      body.append("proposal", proposal);
      body.append("room", cell.dataset.room);
      body.append("slot", cell.dataset.slot);
      fetch(grid.dataset.placeUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "HX-Request": "true", Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (answer) {
            if (response.ok) {
              window.location.reload();
            } else {
              showErrors(answer.errors || ["The session could not be placed."]);
            }
          });
        })
        .catch(function () {
          showErrors(["The session could not be placed; try the form below."]);
        });
    });
  });
})();
