/* The pipeline board: cards move between columns by drag and drop (SortableJS, mouse and touch,
   the board scrolls when a card nears its edge) or by each card's stage select and Move button.
   A won stage asks for the amount and a lost stage for the reason and a comment. A dropped card
   posts the card's own move form and stays in its new column only if the server accepts it.
   Without JavaScript the select and Move button post the same form. */
(function () {
  "use strict";
  var board = document.querySelector("[data-board]");
  if (!board) { return; }
  var dialogs = { won: document.getElementById("vt-won-dialog"), lost: document.getElementById("vt-lost-dialog") };
  var canAsk = Boolean(dialogs.won && dialogs.lost && typeof dialogs.won.showModal === "function");
  var droppedAt = 0; // when the last drag ended

  function columnOf(stageId) { return board.querySelector(".vt-column[data-stage='" + stageId + "']"); }

  function fill(form, stageId, fields) {
    form.elements.stage.value = stageId;
    ["amount", "lost_reason", "comment"].forEach(function (name) { form.elements[name].value = fields[name] || ""; });
  }

  function announce(texts, type) {
    texts.forEach(function (text, index) {
      document.dispatchEvent(new CustomEvent("w-messages:add", { detail: { clear: index === 0, text: text, type: type } }));
    });
  }

  /* Asks what closing a deal needs: done(fields), or done(null) when the user cancels. */
  function ask(kind, card, done) {
    var dialog = dialogs[kind];
    if (!dialog || !canAsk) { done({}); return; }
    var form = dialog.querySelector("form");
    form.reset();
    dialog.querySelector("[data-deal-title]").textContent = card.dataset.title || "";
    if (kind === "won") { form.elements.amount.value = card.dataset.amount || ""; }
    dialog.returnValue = "";
    dialog.addEventListener("close", function closed() {
      dialog.removeEventListener("close", closed);
      if (dialog.returnValue !== "ok") { done(null); return; }
      done(kind === "won"
        ? { amount: form.elements.amount.value }
        : { lost_reason: form.elements.lost_reason.value, comment: form.elements.comment.value });
    });
    dialog.showModal();
  }

  function send(form) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) { throw new Error(board.dataset.errorText); }
      return response.json().then(function (data) {
        if (!response.ok || !data.ok) { throw new Error((data.errors || []).join(" ") || board.dataset.errorText); }
        return data;
      });
    }, function () { throw new Error(board.dataset.errorText); });
  }

  /* Column heads (count, totals, older deals) and the moved card as the server now shows them. */
  function refresh(card) {
    return fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        fresh.querySelectorAll(".vt-column").forEach(function (freshColumn) {
          var column = columnOf(freshColumn.dataset.stage);
          if (!column) { return; }
          column.querySelector(".vt-column-head").replaceWith(freshColumn.querySelector(".vt-column-head"));
          var older = column.querySelector(".vt-older");
          var freshOlder = freshColumn.querySelector(".vt-older");
          if (older) { older.remove(); }
          if (freshOlder) { column.appendChild(freshOlder); }
        });
        var freshCard = fresh.querySelector(".vt-card[data-deal='" + card.dataset.deal + "']");
        if (freshCard && card.isConnected && !card.contains(document.activeElement)) { card.replaceWith(freshCard); }
      })
      .catch(function () { /* the heads stay as they were; the move itself is saved */ });
  }

  /* A card dropped in another column: ask what the stage needs, post, and put it back if refused. */
  function dropped(event) {
    droppedAt = Date.now();
    var card = event.item;
    var from = event.from;
    var target = event.to.closest(".vt-column");
    var source = from.closest(".vt-column");
    if (!target || target === source) { return; }
    var form = card.querySelector("form[data-move]");
    var putBack = function () {
      var cards = from.querySelectorAll(":scope > .vt-card");
      from.insertBefore(card, cards[event.oldDraggableIndex] || null);
      fill(form, source.dataset.stage, {});
    };
    ask(target.dataset.kind, card, function (fields) {
      if (!fields) { putBack(); return; }
      fill(form, target.dataset.stage, fields);
      card.classList.add("vt-saving");
      card.setAttribute("aria-busy", "true");
      send(form)
        .then(function (data) {
          fill(form, target.dataset.stage, {});
          if (fields.amount) { card.dataset.amount = fields.amount; }
          announce(data.messages || [], "success");
          return refresh(card);
        }, function (error) {
          putBack();
          announce([error.message], "error");
        })
        .then(function () {
          card.classList.remove("vt-saving");
          card.removeAttribute("aria-busy");
        });
    });
  }

  /* The Move button: a won or lost stage asks first, then the form posts as without JavaScript. */
  board.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-move]");
    if (!form) { return; }
    var option = form.elements.stage.selectedOptions[0];
    var kind = option ? option.dataset.kind : "";
    var card = form.closest(".vt-card");
    var column = card.closest(".vt-column");
    if ((kind !== "won" && kind !== "lost") || !canAsk || (column && column.dataset.stage === form.elements.stage.value)) { return; }
    event.preventDefault();
    ask(kind, card, function (fields) {
      if (!fields) { return; }
      fill(form, form.elements.stage.value, fields);
      form.submit();
    });
  });

  if (typeof window.Sortable !== "function") { return; }
  /* The click that ends a drag (a finger lifted over the Move button or a link) is not a click;
     a real click starts with its own press. */
  board.addEventListener("pointerdown", function () { droppedAt = 0; }, true);
  board.addEventListener("click", function (event) {
    if (Date.now() - droppedAt < 1000) { event.preventDefault(); event.stopPropagation(); }
    droppedAt = 0;
  }, true);
  board.querySelectorAll("[data-cards]").forEach(function (list) {
    window.Sortable.create(list, {
      group: "deals",
      sort: false,
      draggable: ".vt-card",
      filter: "select, option, button, input, textarea, label",
      preventOnFilter: false,
      forceFallback: true, // one code path for mouse and touch, with SortableJS's own autoscroll
      fallbackOnBody: true,
      fallbackTolerance: 4,
      delay: 200, // on touch a long press picks a card up; a swipe scrolls the board
      delayOnTouchOnly: true,
      touchStartThreshold: 6,
      scroll: true,
      bubbleScroll: true,
      scrollSensitivity: Math.max(30, Math.min(80, Math.round(board.clientWidth / 8))), // px from the edge
      scrollSpeed: 18,
      ghostClass: "vt-ghost",
      chosenClass: "vt-chosen",
      dragClass: "vt-dragging",
      onEnd: dropped,
    });
  });
  board.classList.add("vt-board-draggable");
})();
