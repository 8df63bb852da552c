/* As-you-type suggestions for the header search box. Without JavaScript the box is a plain form. */
(function () {
  "use strict";
  var form = document.querySelector("form.vt-search");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var list = form.querySelector(".vt-suggestions");
  var url = form.dataset.suggestUrl;
  var timer = null;
  var latest = 0;

  function hide() { list.hidden = true; list.innerHTML = ""; input.setAttribute("aria-expanded", "false"); }
  function show(results) {
    list.innerHTML = "";
    results.forEach(function (item, index) {
      var li = document.createElement("li");
      li.className = "list-group-item list-group-item-action";
      li.setAttribute("role", "option");
      li.id = "suggestion-" + index;
      var a = document.createElement("a");
      a.href = item.url;
      a.className = "stretched-link text-decoration-none";
      a.textContent = item.title;
      var kind = document.createElement("small");
      kind.className = "text-muted ms-2";
      kind.textContent = item.kind_label || item.kind;
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) { hide(); return; }
    timer = setTimeout(function () {
      var ticket = ++latest;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (ticket === latest) { show(data.results || []); } })
        .catch(hide);
    }, 150);
  });
  input.addEventListener("keydown", function (event) {
    var items = Array.prototype.slice.call(list.querySelectorAll("a"));
    if (!items.length) { return; }
    var current = items.indexOf(document.activeElement);
    if (event.key === "ArrowDown") { event.preventDefault(); items[Math.min(current + 1, items.length - 1)].focus(); }
    if (event.key === "Escape") { hide(); }
  });
  list.addEventListener("keydown", function (event) {
    var items = Array.prototype.slice.call(list.querySelectorAll("a"));
    var current = items.indexOf(document.activeElement);
    if (event.key === "ArrowDown") { event.preventDefault(); items[Math.min(current + 1, items.length - 1)].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); if (current <= 0) { input.focus(); } else { items[current - 1].focus(); } }
    if (event.key === "Escape") { hide(); input.focus(); }
  });
  document.addEventListener("click", function (event) { if (!form.contains(event.target)) { hide(); } });
})();
