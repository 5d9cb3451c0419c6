/* Light or dark theme: the reader's choice, remembered in this browser, over the system's.
 * Loaded in <head> so that a remembered choice applies before the page is drawn. */
(function () {
  "use strict";
  var KEY = "story-archive-theme";
  var root = document.documentElement;
  var saved = null;
  try { saved = window.localStorage.getItem(KEY); } catch (error) { saved = null; }
  if (saved === "light" || saved === "dark") root.setAttribute("data-theme", saved);

  function current() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) return chosen;
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    var show = function () { button.setAttribute("aria-pressed", String(current() === "dark")); };
    button.hidden = false;
    show();
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { window.localStorage.setItem(KEY, next); } catch (error) { /* private mode: not remembered */ }
      show();
    });
  });
})();
