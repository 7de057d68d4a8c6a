/* mkdocs_cjm: small fixes to Material's chrome on every page. (The sentiment chart of journey
 * pages is chart.js's.)
 *
 * Uses only Material's public surface: `document$` (emits on every page, including after
 * instant navigation).
 */
(function () {
  "use strict";

  // Two gaps in Material's markup that screen readers (and axe) notice: the search overlay is a
  // dialog without a name, and with `navigation.indexes` a section's sub-navigation is labelled
  // by an icon-only <label>; name it after the section's link instead.
  function labelChrome() {
    var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])');
    if (dialog) dialog.setAttribute("aria-label", "Search");
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      if (!label || label.textContent.trim()) return;
      var link = label.parentElement && label.parentElement.querySelector("a");
      var name = link && link.textContent.trim();
      if (!name) return;
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", name);
    });
  }

  function setup() {
    labelChrome();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
