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
    var update = function () {
      document.documentElement.style.setProperty("--cjm-header-height", header.offsetHeight + "px");
    };
    update();
    if ("ResizeObserver" in window) {
      headerWatch = new ResizeObserver(update);
      headerWatch.observe(header);
    }
  }

  // A link focused from the keyboard in the grid's scroll box comes into view whole, clear of the
  // lane headers that stick to its left edge (Chromium leaves a link that is partly in view where
  // it is).
  function revealInGrid(event) {
    var el = event.target;
    var wrap = el.closest ? el.closest(".cjm-grid-wrap") : null;
    if (!wrap || wrap === el || !el.matches(":focus-visible")) return;
    var corner = wrap.querySelector(".cjm-grid__corner");
    wrap.style.scrollPaddingLeft = (corner ? corner.offsetWidth : 0) + "px";
    el.scrollIntoView({ block: "nearest", inline: "nearest" });
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

  function setup() {
    labelChrome();
    tidyFocusOrder();
    watchHeader();
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

  window.addEventListener("beforeprint", fitForPrint);
  document.addEventListener("focusin", revealInGrid);

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
