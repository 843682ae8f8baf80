// Permalinks /van-ban/<doc>/<unit>: bring the unit into view even without a #fragment.
(function () {
  var page = document.querySelector("[data-focus]");
  if (!page) return;
  var unit = document.getElementById(page.getAttribute("data-focus"));
  if (unit) {
    unit.classList.add("focus");
    if (!location.hash) unit.scrollIntoView();
  }
})();
