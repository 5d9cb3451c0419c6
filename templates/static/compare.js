/* Compare view: "Swap sides" puts the right-hand version on the left, in place. Each row's cells
 * change places and the words marked cut become words added, and back; the rows keep their order.
 * The choice is kept in the address (#swapped), so that a swapped view can be linked; the page's
 * title names the sides in their new order.
 * Without JavaScript the button stays hidden and the page shows the one view. */
(function () {
  "use strict";
  var HASH = "#swapped";
  var OTHER = { "left": "right", "right": "left", "only-left": "only-right", "only-right": "only-left" };
  var RETAG = { "DEL": "ins", "INS": "del" };

  function flip(element) {
    var names = Array.prototype.filter.call(element.classList, function (name) { return OTHER[name]; });
    names.forEach(function (name) { element.classList.remove(name); });
    names.forEach(function (name) { element.classList.add(OTHER[name]); });
  }

  function retag(element) {
    var replacement = document.createElement(RETAG[element.tagName]);
    while (element.firstChild) replacement.appendChild(element.firstChild);
    element.parentNode.replaceChild(replacement, element);
  }

  function swap(table, names) {
    Array.prototype.forEach.call(table.rows, function (row) {
      if (row.cells.length === 2) row.insertBefore(row.cells[1], row.cells[0]);
      flip(row);
      Array.prototype.forEach.call(row.cells, flip);
    });
    Array.prototype.slice.call(table.querySelectorAll("tbody del, tbody ins")).forEach(retag);
    if (names.length === 2) {
      var first = names[0].textContent, second = names[1].textContent, shown = first + " ↔ " + second;
      if (document.title.indexOf(shown) === 0) {
        document.title = second + " ↔ " + first + document.title.slice(shown.length);
      }
      names[0].textContent = second;
      names[1].textContent = first;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("swap-sides");
    var table = document.querySelector("table.compare");
    if (!button || !table) return;
    var names = document.querySelectorAll(".lede .compare-side");
    var swapped = false;
    var show = function (wanted) {
      if (wanted !== swapped) { swap(table, names); swapped = wanted; }
      button.setAttribute("aria-pressed", String(swapped));
    };
    button.hidden = false;
    show(window.location.hash === HASH);
    button.addEventListener("click", function () {
      show(!swapped);
      window.history.replaceState(null, "", swapped ? HASH : window.location.pathname + window.location.search);
    });
    window.addEventListener("hashchange", function () {  // back and forward; another anchor (#main) leaves the view
      var hash = window.location.hash;
      if (hash === HASH || hash === "") show(hash === HASH);
    });
  });
})();
