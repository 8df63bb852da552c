// The menu button of narrow screens: opens and closes the navigation. The only behaviour the
// public pages took from Bootstrap's script (80 KB, most of a phone's blocking time), kept to the
// markup Bootstrap's collapse reads: data-bs-target names the menu, .show opens it.
document.addEventListener("click", (event) => {
  const button = event.target.closest('[data-bs-toggle="collapse"]');
  const menu = button && document.querySelector(button.dataset.bsTarget);
  if (!menu) return;
  const open = menu.classList.toggle("show");
  button.classList.toggle("collapsed", !open);
  button.setAttribute("aria-expanded", String(open));
});
