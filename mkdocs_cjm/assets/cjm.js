/* mkdocs_cjm: draws the sentiment charts of journey pages with Plotly.
 *
 * Uses only Material's public surface: `document$` (emits on every page, including after
 * instant navigation) and the `data-md-color-scheme` attribute (light/dark palette).
 * Plotly is fetched once, and only when a chart is about to scroll into view.
 */
(function () {
  "use strict";

  var plotly = null;       // Promise of window.Plotly, once requested
  var observer = null;     // IntersectionObserver of the current page
  var drawn = [];          // chart elements drawn on the current page

  function loadPlotly(src) {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotly) {
      plotly = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () { plotly = null; reject(new Error("plotly.js could not be loaded")); };
        document.head.appendChild(script);
      });
    }
    return plotly;
  }

  // Plotly reads a little HTML in labels; content text must only ever be shown as text.
  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function palette(el) {
    var style = getComputedStyle(el);
    function v(name, fallback) { return style.getPropertyValue(name).trim() || fallback; }
    return {
      fg: v("--md-default-fg-color", "#222"),
      muted: v("--md-default-fg-color--light", "#777"),
      grid: v("--cjm-chart-grid", "rgba(0,0,0,.12)"),
      band: v("--cjm-chart-band", "rgba(0,0,0,.035)"),
      series: [v("--cjm-chart-1", "#1f5fbf"), v("--cjm-chart-2", "#b3261e"), v("--cjm-chart-3", "#2e7d32"),
               v("--cjm-chart-4", "#8e44ad")],
      overlay: v("--cjm-chart-overlay", "#888"),
      low: v("--cjm-negative", "#b3261e"),
      high: v("--cjm-positive", "#2e7d32"),
      scheme: document.body.getAttribute("data-md-color-scheme") || "default"
    };
  }

  // "+1" on a signed scale (−2..+2), plain "4" on a 1..5 scale; a real minus sign.
  function score(value, signed) {
    return (signed && value > 0 ? "+" : "") + String(value).replace("-", "\u2212");
  }

  function hover(point, signed) {
    var where = point.step ? esc(point.stage) + " › " + esc(point.label) : esc(point.stage);
    return where + "<br>" + score(point.y, signed);
  }

  // Break a long stage name over lines so neighbouring labels do not collide.
  function wrap(text, width) {
    var words = String(text).split(/\s+/), lines = [], line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) lines.push(line);
    return lines.map(esc).join("<br>");
  }

  // Padding (in score units) below and above the scale, so that the trough's label (drawn
  // under it) and the peak's label (drawn over it) stay inside the plot, clear of the axis
  // labels and the legend, whatever the scale's span.
  function room(data, plotHeight) {
    var need = 58, low = 0.6, high = 0.6, span = data.scale.max - data.scale.min;
    for (var i = 0; i < 4; i++) {
      var unit = plotHeight / (span + low + high);
      if (data.trough) low = Math.max(low, need / unit - (data.trough.y - data.scale.min));
      if (data.peak) high = Math.max(high, need / unit - (data.scale.max - data.peak.y));
    }
    return [low, high];
  }

  function figure(data, c, width) {
    var narrow = width < 560;
    var traces = data.series.map(function (series, i) {
      var color = c.series[i % c.series.length];
      return {
        type: "scatter", mode: "lines+markers", name: esc(series.name),
        x: series.points.map(function (p) { return p.x; }),
        y: series.points.map(function (p) { return p.y; }),
        text: series.points.map(function (p) { return hover(p, data.scale.signed); }),
        hovertemplate: "%{text}<extra>" + esc(series.name) + "</extra>",
        line: { color: color, width: 3 },
        marker: { color: color, size: 8 },
        meta: { role: "series" }
      };
    });
    if (data.overlay) {
      traces.push({
        type: "scatter", mode: "lines+markers", name: esc(data.overlay.name),
        x: data.overlay.points.map(function (p) { return p.x; }),
        y: data.overlay.points.map(function (p) { return p.y; }),
        text: data.overlay.points.map(function (p) { return hover(p, data.scale.signed); }),
        hovertemplate: "%{text}<extra>" + esc(data.overlay.name) + "</extra>",
        line: { color: c.overlay, width: 2, dash: "dash" },
        marker: { color: c.overlay, size: 6, symbol: "circle-open" },
        meta: { role: "overlay" }
      });
    }
    var marks = [["trough", "Lowest", c.low, 40], ["peak", "Highest", c.high, -40]];
    marks.forEach(function (m) {
      var p = data[m[0]];
      if (!p) return;
      traces.push({
        type: "scatter", mode: "markers", name: m[1], showlegend: false, hoverinfo: "skip",
        x: [p.x], y: [p.y],
        marker: { color: "rgba(0,0,0,0)", size: 18, line: { color: m[2], width: 3 } },
        meta: { role: m[0] }
      });
    });
    var shapes = [];
    data.stages.forEach(function (stage, i) {
      if (i % 2 === 1) {
        shapes.push({ type: "rect", xref: "x", yref: "paper", x0: stage.x0, x1: stage.x1, y0: 0, y1: 1,
                      fillcolor: c.band, line: { width: 0 }, layer: "below" });
      }
      if (i > 0) {
        shapes.push({ type: "line", xref: "x", yref: "paper", x0: stage.x0, x1: stage.x0, y0: 0, y1: 1,
                      line: { color: c.grid, width: 1, dash: "dot" } });
      }
    });
    var mid = (data.scale.min + data.scale.max) / 2;
    shapes.push({ type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: mid, y1: mid,
                  line: { color: c.grid, width: 1 } });
    var annotations = marks.filter(function (m) { return data[m[0]]; }).map(function (m) {
      var p = data[m[0]];
      return { x: p.x, y: p.y, text: m[1] + ": " + esc(p.label), showarrow: true, arrowhead: 0,
               ax: 0, ay: m[3], font: { color: m[2], size: 12 }, arrowcolor: m[2] };
    });
    var legend = traces.filter(function (t) { return t.showlegend !== false; }).length > 1;
    var margin = { l: narrow ? 36 : 110, r: 12, t: legend ? 56 : 28, b: narrow ? 70 : 56 };
    var height = legend ? 370 : 340;
    var pads = room(data, height - margin.t - margin.b);
    var layout = {
      margin: margin, height: height,
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
      font: { color: c.fg, family: "inherit" },
      showlegend: legend,
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom", font: { color: c.fg } },
      xaxis: {
        range: [0, data.stages.length], fixedrange: true, showgrid: false, zeroline: false,
        tickvals: data.stages.map(function (s) { return (s.x0 + s.x1) / 2; }),
        ticktext: data.stages.map(function (s) {
          return wrap(s.name, Math.max(6, Math.floor(width / data.stages.length / 8)));
        }),
        tickfont: { color: c.fg, size: narrow ? 10 : 12 }
      },
      yaxis: {
        range: [data.scale.min - pads[0], data.scale.max + pads[1]], fixedrange: true, zeroline: false,
        tickvals: data.scale.ticks.map(function (t) { return t.value; }),
        ticktext: data.scale.ticks.map(function (t) {
          return narrow ? score(t.value, data.scale.signed) : esc(t.label);
        }),
        gridcolor: c.grid, tickfont: { color: c.muted }
      },
      shapes: shapes, annotations: annotations, hoverlabel: { namelength: -1 }
    };
    return { data: traces, layout: layout };
  }

  function draw(el) {
    var data = JSON.parse(el.getAttribute("data-cjm-chart"));
    var c = palette(el);
    var fig = figure(data, c, el.clientWidth || 700);
    var fallback = el.querySelector(".cjm-chart__fallback");
    if (fallback) fallback.remove();
    return window.Plotly.react(el, fig.data, fig.layout, { displayModeBar: false, responsive: true })
      .then(function () {
        el.setAttribute("data-cjm-drawn", c.scheme);
        if (drawn.indexOf(el) < 0) drawn.push(el);
      });
  }

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
    if (observer) observer.disconnect();
    drawn = [];
    var charts = Array.prototype.slice.call(document.querySelectorAll("[data-cjm-chart]"));
    if (!charts.length) return;
    var start = function (el) {
      loadPlotly(el.getAttribute("data-plotly-src")).then(function () { return draw(el); })
        .catch(function (err) { el.setAttribute("data-cjm-error", String(err && err.message || err)); });
    };
    if (!("IntersectionObserver" in window)) { charts.forEach(start); return; }
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); start(entry.target); }
      });
    }, { rootMargin: "300px 0px" });
    charts.forEach(function (el) { observer.observe(el); });
  }

  // Follow the palette toggle without a reload.
  new MutationObserver(function () {
    drawn.forEach(function (el) { if (el.isConnected) draw(el); });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();

/* mkdocs_cjm: the map layout of journey pages and template previews (cjm.css, "Map layout").
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
(function () {
  "use strict";

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

  // Natural and fitted widths of the table (the fit attribute is put back as it was).
  function tableWidths(wrap, table) {
    var fit = wrap.hasAttribute("data-cjm-fit");
    wrap.removeAttribute("data-cjm-fit");
    var natural = table.offsetWidth;
    wrap.setAttribute("data-cjm-fit", "");
    var fitted = table.offsetWidth;
    if (!fit) wrap.removeAttribute("data-cjm-fit");
    return { natural: natural, fitted: fitted };
  }

  function gridOf(wrap, button) {
    var table = wrap.querySelector("table.cjm-grid");
    if (!table || !table.tHead) return null;
    var grid = { wrap: wrap, table: table, button: button, scope: wrap.closest(".cjm") || wrap };
    var parts = makeStrip(wrap, table);
    grid.strip = parts.strip; grid.view = parts.view; grid.copy = parts.copy;
    return grid;
  }

  // Sizes: the copy as wide as the table, its view as wide as the box; the button
  // offered when the map is wider than its box (and fitting helps, or the map is fitted).
  function measure(grid) {
    var wrap = grid.wrap;
    var style = getComputedStyle(grid.table);
    grid.copy.style.fontSize = style.fontSize;  // the table's type, its line height as a ratio
    var ratio = parseFloat(style.lineHeight) / parseFloat(style.fontSize);
    grid.copy.style.lineHeight = isFinite(ratio) ? String(ratio) : "normal";
    grid.copy.style.width = grid.table.offsetWidth + "px";
    grid.view.style.width = wrap.offsetWidth + "px";  // bordered like the box: the copy lies on the row
    grid.height = grid.table.tHead.offsetHeight;
    grid.scope.style.setProperty("--cjm-head-h", grid.height + "px");
    if (grid.button) {
      var w = tableWidths(wrap, grid.table), room = wrap.clientWidth + 1;
      var fitted = wrap.hasAttribute("data-cjm-fit");
      grid.button.hidden = !(w.natural > room && (w.fitted <= room || fitted));
    }
    follow(grid);
  }

  // Show the copy once the real row goes under Material's header (not before: a stage the page
  // jumped to shows its outline on the real row), and keep it scrolled sideways with the box.
  function follow(grid) {
    var top = headerBottom();
    if (grid.top !== top) grid.scope.style.setProperty("--cjm-sticky-top", (grid.top = top) + "px");
    var head = grid.table.tHead.getBoundingClientRect();
    var body = grid.table.getBoundingClientRect();
    var on = head.top < top && body.bottom > top + head.height;
    grid.strip.toggleAttribute("data-cjm-stuck", on);
    if (grid.view.scrollLeft !== grid.wrap.scrollLeft) grid.view.scrollLeft = grid.wrap.scrollLeft;
  }

  function applyFit(grids, on) {
    grids.forEach(function (grid) {
      grid.wrap.toggleAttribute("data-cjm-fit", on);
      if (grid.button) grid.button.setAttribute("aria-pressed", on ? "true" : "false");
    });
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
    applyFit(grids, fitWanted());
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

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setupLayout);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupLayout);
  } else {
    setupLayout();
  }
})();
