/* As-you-type suggestions for the header search box. Without JavaScript the box is a plain form.

   With it the box is an ARIA combobox: focus stays in the box, ArrowDown/ArrowUp move through the
   suggestions (aria-activedescendant names the highlighted one), Enter opens the highlighted one
   (or, with none highlighted, sends the form to the search page), Escape closes the list, and a
   polite live region says how many suggestions came (its words come from the form's
   data-announce-count / data-announce-none, translated in the template). */
(function () {
  "use strict";
  var form = document.querySelector("form.vt-search");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var list = form.querySelector(".vt-suggestions");
  var url = form.dataset.suggestUrl;
  var timer = null;
  var latest = 0;
  var active = -1;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  form.appendChild(status);

  function options() { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }
  function highlight(index) {
    options().forEach(function (option, position) {
      var on = position === index;
      option.classList.toggle("active", on);
      option.setAttribute("aria-selected", on ? "true" : "false");
      option.querySelector("small").classList.toggle("text-muted", !on);
      if (on) { option.scrollIntoView({ block: "nearest" }); }
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", list.id + "-" + index);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    highlight(-1);
  }
  function hide() { close(); list.innerHTML = ""; status.textContent = ""; }
  function show(results) {
    list.innerHTML = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    results.forEach(function (item, index) {
      var li = document.createElement("li");
      li.className = "list-group-item list-group-item-action";
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.id = list.id + "-" + index;
      li.dataset.href = item.url;  // no link inside: an option holds no other control
      li.style.cursor = "pointer";
      var title = document.createElement("span");
      title.textContent = item.title;
      var kind = document.createElement("small");
      kind.className = "text-muted ms-2";
      kind.textContent = item.kind_label || item.kind;
      li.appendChild(title);
      li.appendChild(kind);
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
    status.textContent = results.length
      ? (form.dataset.announceCount || "") + " " + results.length
      : form.dataset.announceNone || "";
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) { latest++; hide(); return; }
    timer = setTimeout(function () {
      var ticket = ++latest;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (ticket === latest) { show(data.results || []); } })
        .catch(hide);
    }, 150);
  });
  input.addEventListener("keydown", function (event) {
    var items = options();
    if (event.key === "Escape") {
      if (!list.hidden) { event.preventDefault(); close(); }
      return;
    }
    if (!items.length) { return; }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = active + step;
      if (next >= items.length) { next = 0; }
      if (next < -1) { next = items.length - 1; }
      highlight(next);
    } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
      event.preventDefault();
      window.location.assign(items[active].dataset.href);
    }
  });
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep focus in the box
  list.addEventListener("click", function (event) {
    var option = event.target.closest("[role=option]");
    if (option) { window.location.assign(option.dataset.href); }
  });
  input.addEventListener("blur", close);  // Tab away closes the list
  document.addEventListener("click", function (event) { if (!form.contains(event.target)) { hide(); } });
})();
