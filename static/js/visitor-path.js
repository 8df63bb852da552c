/* Vitrina: remembers, in this tab's sessionStorage only, the landing page, UTM tags, referrer and
   the last 20 pages seen, and sends them with the request form. First-party, no cookies. */
(function () {
  "use strict";
  var KEY = "vitrina.path";
  var state;
  try { state = JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch (e) { state = null; }
  if (!state || typeof state !== "object") {
    var params = new URLSearchParams(location.search);
    var utm = {};
    ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"].forEach(function (k) {
      if (params.get(k)) { utm[k] = params.get(k).slice(0, 200); }
    });
    state = { landing: location.href, referrer: document.referrer || "", utm: utm, pages: [] };
  }
  var last = state.pages[state.pages.length - 1];
  if (!last || last.url !== location.href) {
    state.pages.push({ url: location.href, title: document.title.slice(0, 300), at: new Date().toISOString() });
    state.pages = state.pages.slice(-20);
  }
  try { sessionStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* storage full or off */ }

  function fill(form) {
    var path = form.querySelector("input[name=visitor_path]");
    if (path) { path.value = JSON.stringify(state); }
    var token = form.querySelector("input[name=form_token]");
    if (token && !token.value) {
      token.value = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
    }
  }
  function ready() {
    document.querySelectorAll("form.vt-request-form").forEach(function (form) {
      fill(form);
      form.addEventListener("submit", function () {
        fill(form);
        var button = form.querySelector("button[type=submit]");
        if (button) { setTimeout(function () { button.disabled = true; }, 0); }
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
})();
