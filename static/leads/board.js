/* Drag and drop on the pipeline board; it fills and submits the same form the Move button uses. */
(function () {
  "use strict";
  var board = document.querySelector("[data-board]");
  if (!board) { return; }
  var dialog = document.getElementById("vt-close-dialog");
  var dragged = null;

  board.addEventListener("dragstart", function (event) {
    dragged = event.target.closest(".vt-card");
    if (dragged) { event.dataTransfer.setData("text/plain", dragged.dataset.deal); dragged.classList.add("vt-dragging"); }
  });
  board.addEventListener("dragend", function () { if (dragged) { dragged.classList.remove("vt-dragging"); } });
  board.querySelectorAll(".vt-column").forEach(function (column) {
    column.addEventListener("dragover", function (event) { event.preventDefault(); column.classList.add("vt-over"); });
    column.addEventListener("dragleave", function () { column.classList.remove("vt-over"); });
    column.addEventListener("drop", function (event) {
      event.preventDefault();
      column.classList.remove("vt-over");
      if (!dragged) { return; }
      var form = dragged.querySelector("form.vt-move");
      form.querySelector("select[name=stage]").value = column.dataset.stage;
      var kind = column.dataset.kind;
      if (kind === "open" || !dialog || !dialog.showModal) { form.submit(); return; }
      dialog.querySelectorAll("[data-won]").forEach(function (el) { el.hidden = kind !== "won"; });
      dialog.querySelectorAll("[data-lost]").forEach(function (el) { el.hidden = kind !== "lost"; });
      dialog.onclose = function () {
        if (dialog.returnValue !== "ok") { return; }
        form.querySelector("input[name=amount]").value = kind === "won" ? dialog.querySelector("input[name=amount]").value : "";
        form.querySelector("input[name=lost_reason]").value = kind === "lost" ? dialog.querySelector("select[name=lost_reason]").value : "";
        form.submit();
      };
      dialog.showModal();
    });
  });
})();
