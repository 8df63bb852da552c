/* Vitrina: where a visitor came from, kept in their own browser and sent only with the request form.
   First-party, no cookies, nothing sent anywhere else. Loaded on every public page.

   Last touch, this visit (sessionStorage, gone when the tab closes): its landing page, referrer,
   UTM tags and the last 20 pages seen. A landing with other UTM tags starts a new visit.
   First touch, the visit that first brought the visitor (localStorage, "vitrina.first"): its
   landing page, referrer, UTM tags and time, kept 90 days, then replaced by the next visit's.
   Without storage (private mode, storage off) the page works as usual and sends what it knows. */
(function () {
  "use strict";
  if (window.vitrinaVisitorPath) { return; }
  var LAST_KEY = "vitrina.path";
  var FIRST_KEY = "vitrina.first";
  var FIRST_DAYS = 90;
  var UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];
  var now = new Date();

  function read(storage, key) {
    try {
      var value = JSON.parse(window[storage].getItem(key) || "null");
      return value && typeof value === "object" && !Array.isArray(value) ? value : null;
    } catch (e) { return null; }  // storage off, or not ours
  }
  function write(storage, key, value) {
    try { window[storage].setItem(key, JSON.stringify(value)); } catch (e) { /* full or off */ }
  }
  function utmOf(search) {
    var params = new URLSearchParams(search), utm = {};
    UTM_KEYS.forEach(function (key) {
      if (params.get(key)) { utm[key] = params.get(key).slice(0, 200); }
    });
    return utm;
  }
  function sameUtm(a, b) {
    return UTM_KEYS.every(function (key) { return (a[key] || "") === (b[key] || ""); });
  }

  var utm = utmOf(location.search);
  var last = read("sessionStorage", LAST_KEY);
  if (!last || !Array.isArray(last.pages) || (Object.keys(utm).length && !sameUtm(utm, last.utm || {}))) {
    last = {
      landing: location.href, referrer: document.referrer || "", utm: utm,
      at: now.toISOString(), pages: []
    };
  }
  var previous = last.pages[last.pages.length - 1];
  if (!previous || previous.url !== location.href) {
    last.pages.push({ url: location.href, title: document.title.slice(0, 300), at: now.toISOString() });
    last.pages = last.pages.slice(-20);
  }
  write("sessionStorage", LAST_KEY, last);

  var first = read("localStorage", FIRST_KEY);
  var firstAt = first ? Date.parse(first.at) : NaN;
  if (!first || isNaN(firstAt) || now - firstAt > FIRST_DAYS * 24 * 3600 * 1000) {
    first = { landing: last.landing, referrer: last.referrer, utm: last.utm, at: last.at || now.toISOString() };
    write("localStorage", FIRST_KEY, first);
  }
  window.vitrinaVisitorPath = { last: last, first: first };

  function fill(form) {
    var path = form.querySelector("input[name=visitor_path]");
    if (path) {
      var sent = {
        landing: last.landing, referrer: last.referrer, utm: last.utm, at: last.at,
        pages: last.pages, first: first
      };
      path.value = JSON.stringify(sent);
    }
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
