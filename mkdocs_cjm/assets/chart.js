/* mkdocs_cjm: the interactive sentiment chart of journey pages, a light enhancement of the chart
 * drawn at build time.
 *
 * The build-time chart (.cjm-chart__static) is what readers see first, and what prints. The
 * interactive one (Plotly, with a hover label on every point) replaces it on screen when the
 * reader reaches for it — the pointer over the figure, focus in it, the "Explore the chart"
 * button — and not before: not when the browser is idle either, for a page opened at its chart
 * would then spend its first seconds running plotly.js, and a reader reading on below the chart
 * gains nothing from it. plotly.js is fetched then (its basic bundle, vendored with a compile
 * hint that lets Chromium compile it off the main thread); it runs in a task of its own, and the
 * chart is drawn in later ones.
 *
 * Uses only Material's public surface: `document$` (emits on every page, including after
 * instant navigation) and the `data-md-color-scheme` attribute (light/dark palette).
 */
(function () {
  "use strict";

  var STYLE_ID = "plotly.js-style-global";   // where Plotly keeps its stylesheet
  var CONFIG = { displayModeBar: false, responsive: false, scrollZoom: false, doubleClick: false };
  var LINE = 1.3;                            // Plotly's line height for text over several lines
  var ARROW = 28;                            // length of the arrows to the lowest and highest points
  var plotly = null;                         // Promise of window.Plotly, once requested
  var plotlyCss = "";                        // Plotly's stylesheet, as text
  var measurer = null;                       // a canvas context that measures label widths
  var current = null;                        // the current page: its charts and their watchers

  function loadPlotly(src) {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotly) {
      plotly = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onload = function () {
          if (window.Plotly) resolve(window.Plotly);
          else { plotly = null; reject(new Error("plotly.js did not define Plotly")); }
        };
        script.onerror = function () { plotly = null; reject(new Error("plotly.js could not be loaded")); };
        document.head.appendChild(script);
      });
    }
    return plotly;
  }

  // Plotly adds its stylesheet (which stacks the chart's SVG layers on one another) to <head>
  // once, when its script runs. Material's instant navigation removes from <head> whatever the
  // next page's HTML lacks, so every chart drawn after a navigation had its layers one under
  // the other: annotations, legend and stage lines some 400 px below the plot. The rules are
  // kept as text in a <style> in <body>, which navigation leaves alone, and put back if gone.
  function keepPlotlyStyles() {
    var style = document.getElementById(STYLE_ID);
    if (style && style.sheet && style.sheet.cssRules.length) {
      plotlyCss = Array.prototype.map.call(style.sheet.cssRules, function (r) { return r.cssText; }).join("\n");
    }
    if (!plotlyCss || (style && style.parentNode === document.body)) return;
    if (!style) {
      style = document.createElement("style");
      style.id = STYLE_ID;
    }
    style.textContent = plotlyCss;
    document.body.appendChild(style);
  }

  // Resolves after the next frame is painted: heavy steps run in tasks of their own.
  function nextFrame(value) {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () { setTimeout(function () { resolve(value); }, 0); });
    });
  }

  // Plotly reads a little HTML in labels; content text must only ever be shown as text.
  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function palette(el, slots) {
    var style = getComputedStyle(el);
    function v(name, fallback) { return style.getPropertyValue(name).trim() || fallback; }
    return {
      fg: v("--md-default-fg-color", "#222"),
      bg: v("--md-default-bg-color", "#fff"),
      muted: v("--md-default-fg-color--light", "#777"),
      grid: v("--cjm-chart-grid", "rgba(0,0,0,.12)"),
      band: v("--cjm-chart-band", "rgba(0,0,0,.035)"),
      persona: slots.map(function (slot) { return v("--cjm-persona-" + slot, v("--cjm-persona-1", "#1f5fbf")); }),
      overlay: v("--cjm-chart-overlay", "#888"),
      low: v("--cjm-negative", "#b3261e"),
      high: v("--cjm-positive", "#2e7d32"),
      family: style.fontFamily || "sans-serif",
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

  function textWidth(text, size, family) {
    if (!measurer) measurer = document.createElement("canvas").getContext("2d");
    measurer.font = size + "px " + family;
    return measurer.measureText(text).width;
  }

  // Text broken between words into lines no wider than `max` pixels. A word wider than that
  // makes it fail (null), unless `hard`: then the word is cut. At most `most` lines; the last
  // one ends in "…" when the text goes on.
  function lines(text, size, family, max, hard, most) {
    var words = String(text).split(/\s+/).filter(Boolean), out = [], line = "";
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      while (textWidth(word, size, family) > max) {
        if (!hard) return null;
        var cut = word.length - 1;
        while (cut > 1 && textWidth(word.slice(0, cut) + "-", size, family) > max) cut--;
        if (line) { out.push(line); line = ""; }
        out.push(word.slice(0, cut) + "-");
        word = word.slice(cut);
      }
      var next = line ? line + " " + word : word;
      if (line && textWidth(next, size, family) > max) { out.push(line); line = word; } else { line = next; }
    }
    if (line) out.push(line);
    if (most && out.length > most) {
      out = out.slice(0, most);
      var last = out[most - 1];
      while (last.length > 1 && textWidth(last + "…", size, family) > max) last = last.slice(0, -1);
      out[most - 1] = last + "…";
    }
    return out;
  }

  function widest(rows, size, family) {
    return rows.reduce(function (w, row) { return Math.max(w, textWidth(row, size, family)); }, 0);
  }

  // The y axis: the scale's numbers, with the names the map's own scale gives them when they fit.
  function yAxis(data, width, family) {
    var size = width < 560 ? 11 : 12;
    var named = data.scale.ticks.map(function (t) { return t.label; });
    var plain = data.scale.ticks.map(function (t) { return score(t.value, data.scale.signed); });
    var text = widest(named, size, family) <= width * 0.25 ? named : plain;
    return { size: size, text: text.map(esc), margin: Math.ceil(widest(text, size, family)) + 14 };
  }

  // The x axis: stage names over up to three lines under their stage, or, where a stage is too
  // narrow for its name, the stages' numbers and a key under the chart.
  function xAxis(data, plotWidth, family) {
    var size = plotWidth < 480 ? 11 : 12, per = plotWidth / data.stages.length;
    var names = data.stages.map(function (s) { return lines(s.name, size, family, per - 10, false, 0); });
    var fit = names.every(function (l) { return l && l.length <= 3; });
    var text = fit
      ? names.map(function (l) { return l.map(esc).join("<br>"); })
      : data.stages.map(function (s, i) { return String(i + 1); });
    var rows = fit ? names.reduce(function (n, l) { return Math.max(n, l.length); }, 1) : 1;
    return { size: size, text: text, key: !fit, margin: Math.ceil(rows * size * LINE) + 18 };
  }

  // The legend above the plot, each name over as many lines as it needs; its height in pixels.
  function legendOf(traces, plotWidth, family) {
    var shown = traces.filter(function (t) { return t.showlegend !== false; });
    if (shown.length < 2) return { show: false, height: 0 };
    var size = 12, rowWidth = 0, rowLines = 0, height = 0;
    shown.forEach(function (t) {
      var l = lines(t.meta.name, size, family, plotWidth - 60, true, 3);
      t.name = l.map(esc).join("<br>");
      var w = 50 + widest(l, size, family);
      if (rowWidth && rowWidth + w > plotWidth) { height += rowLines; rowWidth = 0; rowLines = 0; }
      rowWidth += w;
      rowLines = Math.max(rowLines, l.length * size * LINE + 8);
    });
    return { show: true, height: Math.ceil(height + rowLines + 12) };
  }

  function traces(data, c) {
    var out = data.series.map(function (series, i) {
      return curve(series, data, { line: { color: c.persona[i], width: 3 }, marker: { color: c.persona[i], size: 8 } }, "series");
    });
    if (data.overlay) {
      out.push(curve(data.overlay, data, {
        line: { color: c.overlay, width: 2, dash: "dash" },
        marker: { color: c.overlay, size: 6, symbol: "circle-open" }
      }, "overlay"));
    }
    [["trough", c.low], ["peak", c.high]].forEach(function (m) {
      var p = data[m[0]];
      if (!p) return;
      out.push({
        type: "scatter", mode: "markers", showlegend: false, hoverinfo: "skip", x: [p.x], y: [p.y],
        marker: { color: "rgba(0,0,0,0)", size: 18, line: { color: m[1], width: 3 } },
        meta: { role: m[0], name: m[0] }
      });
    });
    return out;
  }

  function curve(series, data, look, role) {
    return {
      type: "scatter", mode: "lines+markers", name: esc(series.name),
      x: series.points.map(function (p) { return p.x; }),
      y: series.points.map(function (p) { return p.y; }),
      text: series.points.map(function (p) { return hover(p, data.scale.signed); }),
      hovertemplate: "%{text}<extra>" + esc(series.name) + "</extra>",
      line: look.line, marker: look.marker, meta: { role: role, name: series.name }
    };
  }

  // The labels of the lowest and the highest point, clear of the plot's edges: the lowest one
  // under its point, the highest over it. Every curve of the map's personas lies between them;
  // a background keeps them legible where the current state's curve (a future state's) runs.
  function marks(data, c, plotWidth, family) {
    var n = data.stages.length;
    return [["trough", "Lowest", c.low, 1], ["peak", "Highest", c.high, -1]].filter(function (m) {
      return data[m[0]];
    }).map(function (m) {
      var p = data[m[0]], size = 12;
      var l = lines(m[1] + ": " + p.label, size, family, Math.min(300, plotWidth - 16), true, 3);
      var w = widest(l, size, family) + 8, h = l.length * size * LINE + 6;
      var px = p.x / n * plotWidth, centre = Math.min(Math.max(px, w / 2 + 4), plotWidth - w / 2 - 4);
      return { point: p, text: l.map(esc).join("<br>"), dir: m[3], colour: m[2], size: size, height: h, dx: centre - px };
    });
  }

  // Padding (in score units) below and above the scale, so that each label stays inside the plot.
  function room(data, labels, plotHeight) {
    var low = 0.5, high = 0.5, span = data.scale.max - data.scale.min;
    for (var i = 0; i < 6; i++) {
      var unit = plotHeight / (span + low + high);
      labels.forEach(function (a) {
        var need = (ARROW + a.height + 4) / unit;
        if (a.dir > 0) low = Math.max(low, need - (a.point.y - data.scale.min));
        else high = Math.max(high, need - (data.scale.max - a.point.y));
      });
    }
    return { low: low, high: high };
  }

  function shapes(data, c) {
    var out = [];
    data.stages.forEach(function (stage, i) {
      if (i % 2 === 1) {
        out.push({ type: "rect", xref: "x", yref: "paper", x0: stage.x0, x1: stage.x1, y0: 0, y1: 1,
                   fillcolor: c.band, line: { width: 0 }, layer: "below" });
      }
      if (i > 0) {
        out.push({ type: "line", xref: "x", yref: "paper", x0: stage.x0, x1: stage.x0, y0: 0, y1: 1,
                   line: { color: c.grid, width: 1, dash: "dot" } });
      }
    });
    var mid = (data.scale.min + data.scale.max) / 2;
    out.push({ type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: mid, y1: mid, line: { color: c.grid, width: 1 } });
    return out;
  }

  // The figure at ``width``, and at least ``height`` pixels tall (when given).
  function figure(data, c, width, height) {
    var all = traces(data, c);
    var y = yAxis(data, width, c.family);
    var margin = { l: y.margin, r: 12, t: 12, b: 0 };
    var plotWidth = width - margin.l - margin.r;
    var x = xAxis(data, plotWidth, c.family);
    var legend = legendOf(all, plotWidth, c.family);
    var labels = marks(data, c, plotWidth, c.family);
    var plotHeight = Math.max(width < 560 ? 210 : 240, labels.reduce(function (h, a) {
      return h + ARROW + a.height + 4;
    }, 0) + 80);
    margin.t += legend.height;
    margin.b = x.margin;
    plotHeight = Math.max(plotHeight, (height || 0) - margin.t - margin.b);
    var pads = room(data, labels, plotHeight);
    var layout = {
      width: width, height: margin.t + plotHeight + margin.b, margin: margin, autosize: false,
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
      // No colour here: a change of the page-wide font would make Plotly redraw everything on a
      // palette toggle; each text has its own colour below.
      font: { family: c.family, size: 12 },
      showlegend: legend.show,
      legend: { orientation: "h", x: 0, xanchor: "left", y: 1, yanchor: "bottom", font: { color: c.fg, size: 12 } },
      xaxis: {
        range: [0, data.stages.length], fixedrange: true, showgrid: false, zeroline: false, automargin: true,
        tickvals: data.stages.map(function (s) { return (s.x0 + s.x1) / 2; }),
        ticktext: x.text, tickangle: 0, tickfont: { color: c.fg, size: x.size }
      },
      yaxis: {
        range: [data.scale.min - pads.low, data.scale.max + pads.high], fixedrange: true, zeroline: false,
        automargin: true, tickvals: data.scale.ticks.map(function (t) { return t.value; }), ticktext: y.text,
        gridcolor: c.grid, tickfont: { color: c.muted, size: y.size }
      },
      shapes: shapes(data, c),
      annotations: labels.map(function (a) {
        return {
          x: a.point.x, y: a.point.y, text: a.text, showarrow: true, arrowhead: 0, arrowwidth: 1.5,
          ax: a.dx, ay: a.dir * ARROW, xanchor: "center", yanchor: a.dir > 0 ? "top" : "bottom",
          font: { color: a.colour, size: a.size }, arrowcolor: a.colour, bgcolor: c.bg, borderpad: 2
        };
      }),
      hoverlabel: { namelength: -1 }
    };
    return { data: all, layout: layout, key: x.key };
  }

  // Under a chart that numbers its stages: the key, "1 Unboxing", "2 Pairing", … as text.
  function showKey(fig, data, numbered) {
    var key = fig.querySelector(".cjm-chart__key");
    if (!numbered) { if (key) key.remove(); return; }
    if (!key) {
      key = document.createElement("ol");
      key.className = "cjm-chart__key";
      fig.appendChild(key);
    }
    key.replaceChildren.apply(key, data.stages.map(function (s) {
      var li = document.createElement("li");
      li.textContent = s.name;
      return li;
    }));
  }

  // The chart is drawn in steps, each a task of its own and far below the 200 ms that make a page
  // feel stuck on a slow machine: the first time, its frame and axes, then the curves, then the
  // rest; in the other palette, everything but the axes, then the axes.
  function stepsOf(el, built, drawn, width) {
    var full = [built.data, built.layout];
    if (!drawn) {
      var bare = Object.assign({}, built.layout, { annotations: [], shapes: [] });
      return [[[], bare], [built.data, bare], full];
    }
    var before = el.layout || {};
    if (before.width !== width) return [full];
    return [[built.data, Object.assign({}, built.layout, { xaxis: before.xaxis, yaxis: before.yaxis })], full];
  }

  function draw(el, page) {
    var fig = el.closest(".cjm-chart") || el.parentNode;
    var data = JSON.parse(el.getAttribute("data-cjm-chart"));
    // Reading the palette makes the browser restyle the page if a palette toggle left it to do:
    // a task of its own too.
    var c = palette(el, data.series.map(function (s) { return s.slot || 1; }));
    var width = Math.floor(fig.clientWidth) || 700;
    var drawn = fig.classList.contains("cjm-chart--live");
    var room = drawn ? 0 : fig.getBoundingClientRect().height;
    var built = null, steps = [];
    return nextFrame().then(function () {
      built = figure(data, c, width);
      if (!drawn) {
        // The interactive chart fills the build-time one's room (its button and key included),
        // so that nothing below the figure moves when one replaces the other (the pointer may
        // pass over the figure while the page is scrolled).
        showKey(fig, data, built.key);
        var key = fig.querySelector(".cjm-chart__key");
        var keyHeight = key ? key.getBoundingClientRect().height + parseFloat(getComputedStyle(key).marginTop) : 0;
        if (room - keyHeight > built.layout.height) built = figure(data, c, width, Math.floor(room - keyHeight));
      }
      keepPlotlyStyles();
      steps = stepsOf(el, built, drawn, width);
      return steps.reduce(function (done, step, i) {
        return done.then(function () {
          if (page !== current) throw new Error("the page was left");
          return window.Plotly.react(el, step[0], step[1], CONFIG).then(i < steps.length - 1 ? nextFrame : null);
        });
      }, Promise.resolve());
    }).then(function () {
      showKey(fig, data, built.key);
      el.setAttribute("data-cjm-width", String(width));
      if (page.drawn.indexOf(el) < 0) page.drawn.push(el);
      live(el, fig);
      el.setAttribute("data-cjm-drawn", c.scheme);
      // The palette or the width changed while it was drawn: again, as it is now.
      var scheme = document.body.getAttribute("data-md-color-scheme") || "default";
      var now = Math.floor(fig.clientWidth);
      if (page === current && (scheme !== c.scheme || (now && now !== width))) return draw(el, page);
    });
  }

  // The interactive chart takes the build-time one's place on screen (print keeps the latter).
  function live(el, fig) {
    if (fig.classList.contains("cjm-chart--live")) return;
    var button = fig.querySelector(".cjm-chart__explore");
    var focused = button && button === document.activeElement;
    el.setAttribute("role", "img");
    var summary = el.closest("section") && el.closest("section").querySelector(".cjm-chart__summary[id]");
    if (summary) el.setAttribute("aria-labelledby", summary.id);
    el.setAttribute("tabindex", "-1");
    fig.classList.add("cjm-chart--live");
    if (button) button.remove();
    if (!focused) return;
    // Focus moves on from the button (under the build-time chart) to the chart that replaces it,
    // which is scrolled whole into view, below the header (the page's scroll padding).
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest" });
  }

  function start(el, page) {
    if (el.getAttribute("data-cjm-state")) return;
    el.setAttribute("data-cjm-state", "loading");
    loadPlotly(el.getAttribute("data-plotly-src"))
      .then(function () { return page === current && el.isConnected ? draw(el, page) : null; })
      .then(function () { if (page === current) el.setAttribute("data-cjm-state", "live"); })
      .catch(function (err) {
        el.removeAttribute("data-cjm-state");   // the next reach for it tries again
        el.setAttribute("data-cjm-error", String((err && err.message) || err));
      });
  }

  function prepare(el, page) {
    var fig = el.closest(".cjm-chart") || el.parentNode;
    if (!fig.querySelector(".cjm-chart__explore")) {  // a site's own chart template may leave it out
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cjm-chart__explore";
      button.textContent = "Explore the chart";
      fig.insertBefore(button, el);
    }
    var go = function () { start(el, page); };
    ["pointerenter", "focusin", "click"].forEach(function (type) { fig.addEventListener(type, go); });
  }

  // Redraw a chart whose figure changed width (a turned phone, a resized window).
  function resized(page) {
    if (!("ResizeObserver" in window)) return null;
    return new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        var el = entry.target.querySelector("[data-cjm-chart]");
        var was = Number(el && el.getAttribute("data-cjm-width"));
        if (!el || !was || Math.abs(Math.floor(entry.target.clientWidth) - was) < 1) return;
        requestAnimationFrame(function () {
          if (page === current && el.isConnected) draw(el, page).catch(function (err) { el.setAttribute("data-cjm-error", String(err)); });
        });
      });
    });
  }

  function teardown(page) {
    if (page.resize) page.resize.disconnect();
    page.drawn.forEach(function (el) {
      try { window.Plotly.purge(el); } catch (err) { /* already gone with its page */ }
    });
  }

  function setup() {
    if (current) teardown(current);
    var charts = Array.prototype.slice.call(document.querySelectorAll("[data-cjm-chart]"));
    var page = current = { drawn: [], resize: null };
    if (!charts.length) return;
    page.resize = resized(page);
    charts.forEach(function (el) {
      prepare(el, page);
      if (page.resize) page.resize.observe(el.closest(".cjm-chart") || el.parentNode);
    });
  }

  // Follow the palette toggle without a reload: redrawn in a task after Material's, which
  // restyles the whole page.
  new MutationObserver(function () {
    if (!current) return;
    var page = current;
    nextFrame().then(function () {
      page.drawn.forEach(function (el) {
        if (page === current && el.isConnected) {
          draw(el, page).catch(function (err) { el.setAttribute("data-cjm-error", String(err)); });
        }
      });
    });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
