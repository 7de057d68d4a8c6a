/* mkdocs_cjm: small fixes to Material's chrome on every page, and the map layout of journey
 * pages and template previews. (The sentiment chart of journey pages is chart.js's.)
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

  // Material's search results box stays in the tab order while the search is shut (it shuts as
  // focus leaves the search field), where it is an invisible stop of no height; the results are
  // reached with the arrow keys from the search field (cjm.css keeps the shut box from scrolling).
  function tidyFocusOrder() {
    document.querySelectorAll('.md-search__scrollwrap[tabindex="0"]').forEach(function (el) {
      el.setAttribute("tabindex", "-1");
    });
  }

  // Focus never hides under Material's sticky header (WCAG 2.4.11): cjm.css pads the top of the
  // page's scrolling by --cjm-header-height, the header's height (with the tabs when they are
  // sticky), followed here as it changes.
  var headerWatch = null;  // ResizeObserver of the current header

  function watchHeader() {
    if (headerWatch) headerWatch.disconnect();
    var header = document.querySelector(".md-header");
    if (!header) return;
    var root = document.documentElement;
    // Read once laid out (the observer's first call, no forced layout), and written only when it
    // differs from what the property holds: every element inherits it, so each write restyles
    // the whole page.
    var update = function () {
      var held = root.style.getPropertyValue("--cjm-header-height");
      var height = header.offsetHeight;
      var fallback = 2.4 * parseFloat(getComputedStyle(root).fontSize);  // cjm.css's 2.4rem
      if (held ? held !== height + "px" : Math.abs(height - fallback) > 0.5) {
        root.style.setProperty("--cjm-header-height", height + "px");
      }
    };
    if ("ResizeObserver" in window) {
      headerWatch = new ResizeObserver(update);
      headerWatch.observe(header);
    } else {
      update();
    }
  }

  // Printing puts a journey map's grid on a sheet of its own, zoomed to fit it (cjm.css, "Paper").
  // Before printing, each grid is measured as it will be printed (html.cjm-measuring) at the width
  // it is laid out at for a zoom, sheet width / zoom, and the largest zoom at which it fits the
  // sheet is found by bisection; a grid that needs less than MIN_PRINT_ZOOM is printed at that
  // zoom over several sheets. Nothing is painted while it is measured.
  var MIN_PRINT_ZOOM = 0.5;
  var PRINT_SAFETY = 0.97;  // print and screen layout can differ by a line break here and there

  function paperSize() {
    var probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;width:var(--cjm-paper-width);" +
      "height:var(--cjm-paper-height);margin-top:var(--cjm-paper-heading)";
    document.body.appendChild(probe);
    var style = getComputedStyle(probe);
    var size = { width: parseFloat(style.width), height: parseFloat(style.height) - parseFloat(style.marginTop) };
    probe.remove();
    return size;
  }

  function fitGrid(wrap, sheet) {
    var table = wrap.querySelector("table.cjm-grid");
    if (!table) return;
    var saved = table.style.cssText;
    var room = sheet.height * PRINT_SAFETY;
    var fits = function (zoom) {
      table.style.width = sheet.width / zoom + "px";
      table.style.minWidth = "0";
      return table.offsetHeight * zoom <= room;
    };
    var zoom = 1;
    if (!fits(1)) {
      var low = MIN_PRINT_ZOOM, high = 1;
      if (fits(low)) {
        for (var i = 0; i < 8; i++) {
          var mid = (low + high) / 2;
          if (fits(mid)) low = mid; else high = mid;
        }
      }
      zoom = low;
    }
    table.style.cssText = saved;
    wrap.style.setProperty("--cjm-print-zoom", zoom.toFixed(4));
    wrap.style.setProperty("--cjm-print-width", (sheet.width / zoom).toFixed(2) + "px");
  }

  function fitForPrint() {
    var wraps = document.querySelectorAll(".cjm-journey__grid .cjm-grid-wrap");
    if (!wraps.length) return;
    var root = document.documentElement;
    root.classList.add("cjm-measuring");
    try {
      var sheet = paperSize();
      wraps.forEach(function (wrap) { fitGrid(wrap, sheet); });
    } finally {
      root.classList.remove("cjm-measuring");
    }
  }

  // "Skip to content" moves keyboard focus to where it leads (the page title), so that the next
  // Tab goes on from there. The browser would only move its starting point for Tab, and not when
  // Material's instant navigation takes the click over (as it does once the sitemap is in).
  function skipTo(event) {
    var link = event.target && event.target.closest ? event.target.closest("a.md-skip[href*='#']") : null;
    var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }

  function setup() {
    labelChrome();
    tidyFocusOrder();
    watchHeader();
  }

  window.addEventListener("beforeprint", fitForPrint);
  document.addEventListener("click", skipTo, true);

  /* The map layout of journey pages and template previews (cjm.css, "Map layout").
   *
   * - The grid's stage header row stays in view under Material's header while the grid is read:
   *   the grid scrolls sideways in its own box, which a sticky row inside it could not escape, so a
   *   copy of the row (aria-hidden, without ids) sits in a sticky strip over the box's top, shown
   *   once the real row goes under Material's header and scrolled sideways with the box.
   * - A map wider than its box gets a "Fit map to window" toggle (aria-pressed); the reader's
   *   choice is kept in localStorage and applied to every map, after instant navigation too.
   * - A focused element in the grid is scrolled clear of the sticky row, the sticky lane column
   *   and Material's header.
   * Without JavaScript the grid simply scrolls sideways in its box.
   */

  var FIT_KEY = "cjm.fit";
  var GAP = 8;            // px kept between a focused element and whatever covers the grid
  var current = null;     // the grids of the current page and how to let go of them

  function fitWanted() {
    try { return window.localStorage.getItem(FIT_KEY) === "1"; } catch (e) { return false; }
  }

  function keepFit(on) {
    try { window.localStorage.setItem(FIT_KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
  }

  // The bottom of Material's header while it covers the page (0 when it scrolls away).
  function headerBottom() {
    var header = document.querySelector(".md-header");
    if (!header) return 0;
    var position = getComputedStyle(header).position;
    if (position !== "sticky" && position !== "fixed") return 0;
    return Math.max(0, header.getBoundingClientRect().bottom);
  }

  // The sticky copy of the stage header row, in a zero-height strip after the box in the page
  // (so that the page's own grid comes first to anything that looks for it) and before it on
  // screen (cjm.css). The copy is no .cjm-grid table and has no .cjm-grid__stage cells (the
  // page's grid is the one to look for); its view is a .cjm-grid, for the cells' styles.
  function makeStrip(wrap, table) {
    var strip = document.createElement("div");
    strip.className = "cjm-grid-head";
    strip.setAttribute("aria-hidden", "true");
    var view = document.createElement("div");
    view.className = "cjm-grid-head__view " + table.className;
    var copy = document.createElement("table");
    copy.className = "cjm-grid-head__copy";
    copy.setAttribute("style", table.getAttribute("style") || "");
    var head = table.tHead.cloneNode(true);
    head.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    head.querySelectorAll(".cjm-grid__stage").forEach(function (el) { el.classList.remove("cjm-grid__stage"); });
    copy.appendChild(head);
    view.appendChild(copy);
    strip.appendChild(view);
    wrap.parentNode.insertBefore(strip, wrap.nextSibling);
    return { strip: strip, view: view, copy: copy };
  }

  function setStyle(style, name, value) {
    if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
  }

  // Natural and fitted widths of the table, one of them measured (as it is laid out now): the
  // other one is its computed --cjm-grid-min or --cjm-grid-fitted (registered lengths, cjm.css;
  // the table is as wide as its box, or that). A browser that leaves them unresolved lays the
  // table out the other way (the fit attribute is put back as it was).
  function tableWidths(wrap, style, width, fitted) {
    var other = parseFloat(style.getPropertyValue(fitted ? "--cjm-grid-min" : "--cjm-grid-fitted"));
    if (isFinite(other) && other > 0) {
      other = Math.max(other, wrap.clientWidth);
    } else {
      wrap.toggleAttribute("data-cjm-fit", !fitted);
      other = wrap.querySelector("table.cjm-grid").offsetWidth;
      wrap.toggleAttribute("data-cjm-fit", fitted);
    }
    return fitted ? { natural: other, fitted: width } : { natural: width, fitted: other };
  }

  function gridOf(wrap, button) {
    var table = wrap.querySelector("table.cjm-grid");
    if (!table || !table.tHead) return null;
    var parts = makeStrip(wrap, table);
    return {
      wrap: wrap, table: table, button: button, scope: wrap.parentNode,
      strip: parts.strip, view: parts.view, copy: parts.copy,
    };
  }

  // Where the grid is: the bottom of Material's header, the grid's and its header row's boxes,
  // how far the box and the copy's view are scrolled sideways. (Read before anything is written: reading after a write
  // would lay the page out again.)
  function where(grid) {
    return {
      top: headerBottom(), head: grid.table.tHead.getBoundingClientRect(),
      body: grid.table.getBoundingClientRect(), left: grid.wrap.scrollLeft, shown: grid.view.scrollLeft,
    };
  }

  // Sizes: the copy as wide as the table, its view as wide as the box; the button
  // offered when the map is wider than its box (and fitting helps, or the map is fitted).
  // Called by the ResizeObserver, when the layout is fresh: all reads first, then the writes
  // that change something (each restyles part of the page).
  function measure(grid) {
    var wrap = grid.wrap, table = grid.table;
    var style = getComputedStyle(table);
    var ratio = parseFloat(style.lineHeight) / parseFloat(style.fontSize);
    var width = table.offsetWidth, outer = wrap.offsetWidth, room = wrap.clientWidth + 1;
    var height = table.tHead.offsetHeight;
    var fitted = wrap.hasAttribute("data-cjm-fit");
    // Whether fitting helps is only worth a look when the map is wider than its box.
    var w = grid.button && (fitted || width > room) ? tableWidths(wrap, style, width, fitted) : null;
    var at = where(grid);
    if (grid.top === undefined) {  // what --cjm-sticky-top holds before it is set: cjm.css's 2.4rem
      grid.top = 2.4 * parseFloat(getComputedStyle(document.documentElement).fontSize);
    }
    setStyle(grid.copy.style, "font-size", style.fontSize);  // the table's type, its line height as a ratio
    setStyle(grid.copy.style, "line-height", isFinite(ratio) ? String(ratio) : "normal");
    setStyle(grid.copy.style, "width", width + "px");
    setStyle(grid.view.style, "width", outer + "px");  // bordered like the box: the copy lies on the row
    grid.height = height;
    setStyle(grid.scope.style, "--cjm-head-h", height + "px");
    if (grid.button) {
      var offered = w !== null && w.natural > room && (w.fitted <= room || fitted);
      if (grid.button.hidden === offered) grid.button.hidden = !offered;
    }
    show(grid, at);
  }

  // Show the copy once the real row goes under Material's header (not before: a stage the page
  // jumped to shows its outline on the real row), and keep it scrolled sideways with the box.
  function show(grid, at) {
    if (grid.top !== at.top) setStyle(grid.scope.style, "--cjm-sticky-top", (grid.top = at.top) + "px");
    // (Not before the copy is measured to the grid, which would show it moving into place.)
    var on = grid.height > 0 && at.head.top < at.top && at.body.bottom > at.top + at.head.height;
    if (grid.strip.hasAttribute("data-cjm-stuck") !== on) grid.strip.toggleAttribute("data-cjm-stuck", on);
    if (at.shown !== at.left) grid.view.scrollLeft = at.left;
  }

  function follow(grid) {
    show(grid, where(grid));
  }

  function setFit(grids, on) {
    grids.forEach(function (grid) {
      grid.wrap.toggleAttribute("data-cjm-fit", on);
      if (grid.button) grid.button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function applyFit(grids, on) {
    setFit(grids, on);
    grids.forEach(measure);
  }

  function buttonFor(wrap) {
    var buttons = document.querySelectorAll("button.cjm-fit[aria-controls]");
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].getAttribute("aria-controls") === wrap.id) return buttons[i];
    }
    return null;
  }

  function release() {
    if (!current) return;
    current.observer.disconnect();
    window.removeEventListener("scroll", current.onScroll);
    window.removeEventListener("resize", current.onScroll);
    current = null;
  }

  function setupLayout() {
    release();
    var grids = [];
    document.querySelectorAll(".cjm-grid-wrap").forEach(function (wrap) {
      var next = wrap.nextElementSibling;
      if (next && next.classList.contains("cjm-grid-head")) return;  // set up already
      var grid = gridOf(wrap, buttonFor(wrap));
      if (grid) grids.push(grid);
    });
    if (!grids.length) return;
    var frame = 0;
    var onScroll = function () {
      if (frame) return;
      frame = requestAnimationFrame(function () { frame = 0; grids.forEach(follow); });
    };
    var observer = new ResizeObserver(function () { grids.forEach(measure); });
    grids.forEach(function (grid) {
      observer.observe(grid.wrap);
      observer.observe(grid.table);
      grid.wrap.addEventListener("scroll", function () { follow(grid); }, { passive: true });
      if (grid.button) {
        grid.button.addEventListener("click", function () {
          var on = grid.button.getAttribute("aria-pressed") !== "true";
          keepFit(on);
          applyFit(grids, on);
        });
      }
    });
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll, { passive: true });
    current = { observer: observer, onScroll: onScroll };
    setFit(grids, fitWanted());  // measured when first laid out: the observer's first call
  }

  // Tab and Shift+Tab: the browser scrolls the focused element into view, not minding what is
  // stuck over the grid; a frame later it is moved clear of it, sideways in the box and down
  // the page.
  function reveal(el, wrap) {
    if (document.activeElement !== el) return;
    var r = el.getBoundingClientRect(), box = wrap.getBoundingClientRect();
    var corner = wrap.querySelector(".cjm-grid__corner");
    var inLane = el.closest(".cjm-grid__lane, .cjm-grid__corner");
    var left = box.left + wrap.clientLeft + (inLane || !corner ? 0 : corner.offsetWidth) + GAP;
    var right = box.left + wrap.clientLeft + wrap.clientWidth - GAP;
    if (r.left < left) wrap.scrollLeft -= left - r.left;
    else if (r.right > right) wrap.scrollLeft += Math.min(r.right - right, r.left - left);
    var head = el.closest("thead") ? 0 : wrap.querySelector("thead").offsetHeight;
    var top = headerBottom() + head + GAP, bottom = window.innerHeight - GAP;
    r = el.getBoundingClientRect();
    if (r.top < top) window.scrollBy(0, r.top - top);
    else if (r.bottom > bottom) window.scrollBy(0, Math.min(r.bottom - bottom, r.top - top));
  }

  document.addEventListener("focusin", function (event) {
    var el = event.target;
    var wrap = el && el.closest ? el.closest(".cjm-grid-wrap") : null;
    if (!wrap || wrap === el) return;
    requestAnimationFrame(function () { reveal(el, wrap); });
  });

  // Every page, including those instant navigation brings: Material's document$ emits each.
  function onEveryPage(fn) {
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  // A generator's own search (Zensical's, or Material's without the plugin) lands on a map's
  // text version, stage by stage (`#text-stage-…`, which `mkdocs-cjm build-pages` writes under the
  // grid): the reader is taken to the same stage on the grid, and the address names it.
  var TEXT_PREFIX = "text-";
  function followTextAnchor() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf(TEXT_PREFIX) !== 0) return;
    var target = document.getElementById(id.slice(TEXT_PREFIX.length));
    if (!target) return;
    history.replaceState(history.state, "", "#" + encodeURIComponent(target.id));
    target.scrollIntoView({ block: "start", inline: "nearest" });
  }

  /* "Highlight assumptions" on a journey page: marks every part of the map that cites no research
   * (an entry with a .cjm-assume mark) and shows the word its mark reads out. The reader's choice is kept in
   * localStorage for every map. Without JavaScript the button is not shown (cjm.css); each assumption keeps
   * its discreet mark and its label. */
  var ASSUME_KEY = "cjm.assumptions";

  function setupAssumptions() {
    document.querySelectorAll("button.cjm-assume-toggle").forEach(function (button) {
      if (button.hasAttribute("data-cjm-ready")) return;
      button.setAttribute("data-cjm-ready", "");
      var page = button.closest(".cjm-journey") || document.body;
      var apply = function (on) {
        page.classList.toggle("cjm-show-assumptions", on);
        button.setAttribute("aria-pressed", on ? "true" : "false");
      };
      var wanted = false;
      try { wanted = window.localStorage.getItem(ASSUME_KEY) === "1"; } catch (e) { /* private mode */ }
      apply(wanted);
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        try { window.localStorage.setItem(ASSUME_KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
        apply(on);
      });
    });
  }

  onEveryPage(setup);
  onEveryPage(setupLayout);
  onEveryPage(followTextAnchor);
  window.addEventListener("hashchange", followTextAnchor);
  onEveryPage(setupAssumptions);
})();
