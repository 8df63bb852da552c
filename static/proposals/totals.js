/* Live totals on the proposal edit form: lines, discount and tax, as sales type. The server
   recalculates on save with the same rounding (each line, then each total, half up). */
(function () {
  "use strict";
  var discount = document.getElementById("id_discount_percent");
  var tax = document.getElementById("id_tax_rate");
  if (!discount || !tax) { return; }
  var out = document.createElement("p");
  out.className = "help-block vt-live-total";
  out.setAttribute("aria-live", "polite");
  tax.closest("form").querySelector("[type=submit]").insertAdjacentElement("beforebegin", out);
  function round(value) { return Math.round((value + Number.EPSILON) * 100) / 100; }
  function num(el) { var v = parseFloat((el && el.value || "0").replace(",", ".")); return isNaN(v) ? 0 : v; }
  function update() {
    var subtotal = 0;
    document.querySelectorAll("[id^=id_lines-][id$=-quantity]").forEach(function (qty) {
      var prefix = qty.id.replace(/-quantity$/, "");
      var deleted = document.getElementById(prefix + "-DELETE");
      if (deleted && deleted.value === "1") { return; }
      subtotal += round(num(qty) * num(document.getElementById(prefix + "-unit_price")));
    });
    subtotal = round(subtotal);
    var off = round(subtotal * num(discount) / 100);
    var taxed = round((subtotal - off) * num(tax) / 100);
    out.textContent = "Σ " + subtotal.toFixed(2) + " − " + off.toFixed(2) + " + " + taxed.toFixed(2) + " = " + (subtotal - off + taxed).toFixed(2);
  }
  document.addEventListener("input", update);
  document.addEventListener("change", update);
  update();
})();
