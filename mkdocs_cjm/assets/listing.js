/* mkdocs_cjm: filters and sorting for the paged listings (the journeys index and the
 * opportunities listing, `[data-cjm-listing]`).
 *
 * Without JavaScript a listing is complete: its pages list every entry, a page at a time. With
 * it, the listing's bar gets filters and its column headings sort buttons. Filtering or sorting
 * (or opening an address with filters) fetches the listing's entries.json, every entry of the
 * listing, and draws the matching rows as the server draws them (the same markup, every text
 * inserted as text). The filters live in the address (`?persona=…&sort=…&dir=…`), kept up to date
 * with history.replaceState: a link shares the view. Runs on every page Material's document$ emits.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var loaded = {};  // entries.json address → Promise of its data, kept while the reader browses

  // What each listing offers: its filters (in the address's order), its sortable columns, the
  // columns of the table it draws, and how it names its entries.
  var LISTINGS = {
    journeys: {
      one: "map",
      many: "maps",
      caption: "Matching maps",
      table: "cjm-maps",
      filters: [
        { key: "persona", label: "Persona", all: "All personas", values: function (d) { return named(d.personas, d.entries.map(function (e) { return e.personas; })); } },
        { key: "type", label: "Type", all: "All types", values: function (d) { return d.types.map(function (t) { return [t[0], t[1]]; }); } },
        { key: "status", label: "Status", all: "Any status", values: function (d) { return d.statuses.map(function (s) { return [s, titleWord(s)]; }); } },
        { key: "owner", label: "Owner", all: "All owners", values: function (d) { return named(d.owners, d.entries.map(function (e) { return [e.owner]; })); } },
        { key: "tag", label: "Tag", all: "All tags", values: function (d) { return tags(d); } },
        { key: "overdue", label: "Review overdue", check: true }
      ],
      match: {
        persona: function (e, v) { return e.personas.indexOf(v) >= 0; },
        type: function (e, v) { return e.type === v; },
        status: function (e, v) { return e.status === v; },
        owner: function (e, v) { return e.owner === v; },
        tag: function (e, v) { return e.tags.indexOf(v) >= 0; },
        overdue: function (e) { return e.overdue !== null; }
      },
      // Column headings: [heading, sort key or null]; the server's tables lack "Type".
      columns: [["Map", "title"], ["Type", "type"], ["Persona", null], ["Owner", "owner"], ["Status", "status"], ["Last reviewed", "reviewed"], ["Emotion", null]],
      sorts: {
        title: function (d, e) { return e.title.toLowerCase(); },
        id: function (d, e) { return e.id; },
        type: function (d, e) { return d.typeOrder[e.type]; },
        owner: function (d, e) { return name(d.owners, e.owner).toLowerCase(); },
        status: function (d, e) { return d.statuses.indexOf(e.status); },
        reviewed: function (d, e) { return e.reviewed || ""; }
      },
      row: journeyRow
    },
    opportunities: {
      one: "opportunity",
      many: "opportunities",
      caption: "Matching opportunities",
      table: "cjm-opps-table",
      filters: [
        { key: "status", label: "Status", all: "Any status", values: function (d) { return d.statuses.map(function (s) { return [s, titleWord(s)]; }); } },
        { key: "owner", label: "Owner", all: "All owners", values: function (d) { return named(d.owners, d.entries.map(function (e) { return [e.owner]; })); } },
        { key: "priority", label: "Priority", all: "Any priority", values: function (d) { return d.priorities.map(function (p) { return [p, titleWord(p)]; }); } },
        { key: "quadrant", label: "Value × effort", all: "Any quadrant", values: function (d) { return d.sizing.quadrants.map(function (q) { return [q[0], q[1]]; }).concat([d.sizing.none]); } },
        { key: "persona", label: "Persona", all: "All personas", values: function (d) { return named(d.personas, d.maps.map(function (m) { return m[3]; })); } },
        { key: "map", label: "Map", all: "All maps", values: function (d) { return sortByName(d.maps.map(function (m) { return [m[0], m[1]]; })); } }
      ],
      match: {
        status: function (e, v) { return e.status === v; },
        owner: function (e, v) { return e.owner === v; },
        priority: function (e, v) { return e.priority === v; },
        quadrant: function (e, v, d) { return quadrantOf(d, e) === v; },
        persona: function (e, v, d) { return d.maps[e.map][3].indexOf(v) >= 0; },
        map: function (e, v, d) { return d.maps[e.map][0] === v; }
      },
      columns: [["Opportunity", "title"], ["Map", "map"], ["Stage", null], ["Persona", null], ["Owner", "owner"], ["Status", "status"], ["Priority", "priority"], ["Impact", "impact"], ["Effort", "effort"], ["Backlog", null]],
      sorts: {
        title: function (d, e) { return e.title.toLowerCase(); },
        id: function (d, e) { return e.id; },
        map: function (d, e) { return d.maps[e.map][1].toLowerCase(); },
        owner: function (d, e) { return name(d.owners, e.owner).toLowerCase(); },
        status: function (d, e) { return d.statuses.indexOf(e.status); },
        priority: function (d, e) { return e.priority ? d.priorities.indexOf(e.priority) : d.priorities.length; },
        impact: function (d, e) { return e.impact === null ? d.sizing.words.length + 1 : e.impact; },
        effort: function (d, e) { return e.effort === null ? d.sizing.words.length + 1 : e.effort; }
      },
      row: opportunityRow,
      setup: matrixSetup,
      shown: matrixCounts
    }
  };

  // -- small helpers ------------------------------------------------------------------------

  function titleWord(value) {
    var text = String(value).replace(/-/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function count(n) { return n.toLocaleString("en-US"); }

  function name(people, id) { return people[id] ? people[id][0] : id; }

  function sortByName(pairs) {
    return pairs.sort(function (a, b) { return a[1].localeCompare(b[1]) || (a[0] < b[0] ? -1 : 1); });
  }

  // The people the entries name (lists of ids), as [id, name] sorted by name.
  function named(people, lists) {
    var seen = {};
    lists.forEach(function (ids) { ids.forEach(function (id) { seen[id] = true; }); });
    return sortByName(Object.keys(seen).map(function (id) { return [id, name(people, id)]; }));
  }

  function tags(d) {
    var seen = {};
    d.entries.forEach(function (e) { e.tags.forEach(function (t) { seen[t] = true; }); });
    return Object.keys(seen).sort(function (a, b) { return a.localeCompare(b); }).map(function (t) { return [t, t]; });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  // The `link` macro: a link, or the text alone when its page is not part of the site.
  function link(text, url, base) {
    return url === null || url === undefined ? el("span", {}, [text]) : el("a", { href: new URL(url, base).href }, [text]);
  }

  function people(list, base) {
    var out = [];
    list.forEach(function (pair, i) {
      if (i) out.push(", ");
      out.push(link(pair[0], pair[1], base));
    });
    return out;
  }

  function person(d, id) { return d.personas[id] || [id, null]; }
  function owner(d, id) { return d.owners[id] || [id, null]; }

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function humanDate(iso) {
    var p = iso.split("-");
    return parseInt(p[2], 10) + " " + MONTHS[parseInt(p[1], 10) - 1] + " " + parseInt(p[0], 10);
  }

  // -- the value × effort quadrants (core/sizing.py declares them; entries.json's `sizing`) -----------

  function quadrantOf(d, e) {
    if (e.impact === null || e.effort === null) return d.sizing.none[0];
    var hi = e.impact >= d.sizing.high, he = e.effort >= d.sizing.high;
    var q = d.sizing.quadrants.filter(function (x) { return x[2] === hi && x[3] === he; })[0];
    return q[0];
  }

  // Choosing a quadrant of the listing's matrix filters the listing by it.
  function matrixSetup(listing) {
    var view = listing.root.querySelector("[data-cjm-matrix]");
    if (!view) return;
    view.querySelectorAll("[data-cjm-quadrant] a").forEach(function (a) {
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        var key = a.closest("[data-cjm-quadrant]").getAttribute("data-cjm-quadrant"), select = listing.controls.quadrant;
        select.value = key;
        if (select.value !== key) {  // until the data says what the quadrants are called
          select.append(el("option", { value: key }, [key]));
          select.value = key;
        }
        listing.set("quadrant", key);
      });
    });
  }

  // The matrix counts the entries the other filters keep (the server's counts are the whole listing's);
  // its links keep those filters, and the chosen quadrant is marked.
  function matrixCounts(listing) {
    var view = listing.root.querySelector("[data-cjm-matrix]");
    if (!view) return;
    var d = listing.data, state = listing.state, spec = listing.spec;
    var others = Object.keys(state.filters).filter(function (k) { return k !== "quadrant"; });
    var counts = {};
    if (d) {
      d.entries.forEach(function (e) {
        if (!others.every(function (k) { return spec.match[k](e, state.filters[k], d); })) return;
        var q = quadrantOf(d, e);
        counts[q] = (counts[q] || 0) + 1;
      });
    }
    view.querySelectorAll("[data-cjm-quadrant]").forEach(function (box) {
      var key = box.getAttribute("data-cjm-quadrant"), number = box.querySelector("[data-cjm-count]");
      if (!box.hasAttribute("data-cjm-total")) box.setAttribute("data-cjm-total", number.textContent);
      number.textContent = d && active(state) ? count(counts[key] || 0) : box.getAttribute("data-cjm-total");
      var a = box.querySelector("a"), q = new URLSearchParams();
      if (!a.hasAttribute("data-cjm-base")) a.setAttribute("data-cjm-base", a.getAttribute("href").split("?")[0]);
      others.forEach(function (k) { q.set(k, state.filters[k]); });
      q.set("quadrant", key);
      a.setAttribute("href", a.getAttribute("data-cjm-base") + "?" + q.toString());
      if (state.filters.quadrant === key) box.setAttribute("aria-current", "true");
      else box.removeAttribute("aria-current");
    });
  }

  // -- rows, as the server draws them (templates/cjm/macros.html) --------------------------------

  function sparkline(d, e) {
    if (!e.spark) return null;
    var w = d.spark[0], h = d.spark[1];
    var svg = document.createElementNS(SVG, "svg");
    [["class", "cjm-spark"], ["viewBox", "0 0 " + w + " " + h], ["width", w], ["height", h], ["role", "img"],
      ["aria-label", "Emotion curve: " + e.emotion]].forEach(function (a) { svg.setAttribute(a[0], a[1]); });
    var mid = document.createElementNS(SVG, "line");
    [["class", "cjm-spark__mid"], ["x1", 0], ["x2", w], ["y1", e.spark[0]], ["y2", e.spark[0]]].forEach(function (a) { mid.setAttribute(a[0], a[1]); });
    svg.append(mid);
    e.spark[1].forEach(function (curve) {
      var g = document.createElementNS(SVG, "g");
      g.setAttribute("class", "cjm-p" + curve[0]);
      var dots = [];
      curve[1].forEach(function (run) {
        var points = [];
        for (var i = 0; i < run.length; i += 2) {
          points.push(run[i] + "," + run[i + 1]);
          var dot = document.createElementNS(SVG, "circle");
          dot.setAttribute("cx", run[i]); dot.setAttribute("cy", run[i + 1]); dot.setAttribute("r", "1.8");
          dots.push(dot);
        }
        if (points.length > 1) {
          var line = document.createElementNS(SVG, "polyline");
          line.setAttribute("points", points.join(" "));
          g.append(line);
        }
      });
      dots.forEach(function (dot) { g.append(dot); });
      svg.append(g);
    });
    return svg;
  }

  function review(e) {
    var out = [e.reviewed ? el("time", { datetime: e.reviewed }, [humanDate(e.reviewed)]) : "Never reviewed"];
    if (e.overdue !== null) {
      var days = e.overdue;
      var text = days ? "Review overdue by " + days + " day" + (days !== 1 ? "s" : "") : "Needs a first review";
      out.push(" ", el("span", { class: "cjm-badge cjm-badge--stale" }, [text]));
    }
    return out;
  }

  function journeyRow(d, e, base) {
    var type = d.typeTitle[e.type] || titleWord(e.type);
    var emotion = el("td", { "data-label": "Emotion", class: "cjm-maps__emotion" });
    var spark = sparkline(d, e);
    if (spark) emotion.append(spark);
    emotion.append(el("span", { class: "cjm-visually-hidden" }, [e.emotion]));
    return el("tr", {}, [
      el("th", { scope: "row" }, [link(e.title, e.url, base), el("span", { class: "cjm-maps__scenario" }, [e.summary])]),
      el("td", { "data-label": "Type" }, [el("span", { class: "cjm-type cjm-type--" + e.type }, [type])]),
      el("td", { "data-label": "Persona" }, people(e.personas.map(function (p) { return person(d, p); }), base)),
      el("td", { "data-label": "Owner" }, [link(owner(d, e.owner)[0], owner(d, e.owner)[1], base)]),
      el("td", { "data-label": "Status" }, [el("span", { class: "cjm-badge cjm-badge--" + e.status }, [titleWord(e.status)])]),
      el("td", { "data-label": "Last reviewed" }, review(e)),
      emotion
    ]);
  }

  function opportunityRow(d, e, base, backlog) {
    var map = d.maps[e.map];
    var mapUrl = map[2];
    var cells = [
      el("th", { scope: "row" }, [link(e.title, mapUrl === null ? null : mapUrl + "#" + e.id, base), " ", el("code", { class: "cjm-id" }, [e.id])]),
      el("td", { "data-label": "Map" }, [link(map[1], mapUrl, base)]),
      el("td", { "data-label": "Stage" }, [link(e.stage_name, mapUrl === null ? null : mapUrl + "#stage-" + e.stage, base)]),
      el("td", { "data-label": "Persona" }, people(map[3].map(function (p) { return person(d, p); }), base)),
      el("td", { "data-label": "Owner" }, [link(owner(d, e.owner)[0], owner(d, e.owner)[1], base)]),
      el("td", { "data-label": "Status" }, [el("span", { class: "cjm-status cjm-status--" + e.status }, [titleWord(e.status)])]),
      el("td", { "data-label": "Priority" }, e.priority ? [el("span", { class: "cjm-priority cjm-priority--" + e.priority }, [titleWord(e.priority)])] : []),
      el("td", { "data-label": "Impact" }, e.impact === null ? [] : [String(e.impact)]),
      el("td", { "data-label": "Effort" }, e.effort === null ? [] : [String(e.effort)])
    ];
    if (backlog) {
      var item = e.backlog ? [el("a", { href: e.backlog, rel: "noopener noreferrer", class: "cjm-backlog" },
        [e.backlog_label, el("span", { class: "cjm-visually-hidden" }, [" (backlog item for " + e.title + ")"])])] : [];
      cells.push(el("td", { "data-label": "Backlog", class: "cjm-opps-table__backlog" }, item));
    }
    return el("tr", {}, cells);
  }

  // -- data --------------------------------------------------------------------------------

  // The listing's entries.json, each entry made an object of its fields.
  function load(url) {
    if (!loaded[url]) {
      loaded[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("cjm: " + url + " answered " + r.status);
        return r.json();
      }).then(function (d) {
        d.entries = d.entries.map(function (values, i) {
          var e = { index: i };
          d.fields.forEach(function (f, j) { e[f] = values[j]; });
          return e;
        });
        d.typeOrder = {}; d.typeTitle = {};
        (d.types || []).forEach(function (t, i) { d.typeOrder[t[0]] = i; d.typeTitle[t[0]] = t[1]; });
        return d;
      });
      loaded[url].catch(function () { delete loaded[url]; });
    }
    return loaded[url];
  }

  // -- state: the filters and the sort, read from and written to the address ------------------

  function readState(spec) {
    var q = new URLSearchParams(location.search), state = { filters: {}, sort: null, dir: "asc" };
    spec.filters.forEach(function (f) { if (q.get(f.key)) state.filters[f.key] = q.get(f.key); });
    if (q.get("sort") && spec.sorts[q.get("sort")]) state.sort = q.get("sort");
    if (q.get("dir") === "desc") state.dir = "desc";
    return state;
  }

  // Only the values the data knows: an unknown persona, status or sort is dropped.
  function validState(spec, state, d) {
    var kept = { filters: {}, sort: state.sort, dir: state.dir };
    spec.filters.forEach(function (f) {
      var v = state.filters[f.key];
      if (v === undefined) return;
      var ok = f.check ? v === "1" : f.values(d).some(function (pair) { return pair[0] === v; });
      if (ok) kept.filters[f.key] = v;
    });
    return kept;
  }

  function active(state) { return Object.keys(state.filters).length > 0 || state.sort !== null; }

  function writeState(spec, state) {
    var q = new URLSearchParams(location.search);
    spec.filters.forEach(function (f) { q.delete(f.key); });
    ["sort", "dir"].forEach(function (k) { q.delete(k); });
    spec.filters.forEach(function (f) { if (state.filters[f.key]) q.set(f.key, state.filters[f.key]); });
    if (state.sort) { q.set("sort", state.sort); q.set("dir", state.dir); }
    var query = q.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function matches(spec, state, d) {
    var keys = Object.keys(state.filters);
    var rows = d.entries.filter(function (e) {
      return keys.every(function (k) { return spec.match[k](e, state.filters[k], d); });
    });
    if (state.sort) {
      var key = spec.sorts[state.sort], sign = state.dir === "desc" ? -1 : 1;
      var values = new Map(rows.map(function (e) { return [e, key(d, e)]; }));
      rows.sort(function (a, b) {
        var x = values.get(a), y = values.get(b);
        var c = typeof x === "string" ? x.localeCompare(y) : x - y;
        return c * sign || a.index - b.index;
      });
    }
    return rows;
  }

  // -- the listing ---------------------------------------------------------------------------

  function Listing(root, spec) {
    this.root = root;
    this.spec = spec;
    this.url = new URL(root.getAttribute("data-cjm-entries"), location.href).href;
    this.total = parseInt(root.getAttribute("data-cjm-total"), 10);
    this.size = parseInt(root.getAttribute("data-cjm-size"), 10) || 50;
    this.bar = root.querySelector(".cjm-bar");
    this.count = root.querySelector(".cjm-listing__count");
    this.countText = this.count ? this.count.textContent : "";
    this.static = root.querySelector(".cjm-listing__static");
    this.state = readState(spec);
    this.data = null;
    this.shown = 0;
  }

  Listing.prototype.build = function () {
    var self = this, spec = this.spec;
    var form = el("form", { class: "cjm-filters", role: "search", "aria-label": "Filter the " + spec.many });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    this.controls = {};
    spec.filters.forEach(function (f) {
      var id = "cjm-filter-" + f.key, control;
      if (f.check) {
        control = el("input", { type: "checkbox", id: id, name: f.key, value: "1" });
        control.checked = self.state.filters[f.key] === "1";
        form.append(el("span", { class: "cjm-filter cjm-filter--check" }, [control, el("label", { for: id }, [f.label])]));
        control.addEventListener("change", function () { self.set(f.key, control.checked ? "1" : null); });
      } else {
        control = el("select", { id: id, name: f.key }, [el("option", { value: "" }, [f.all])]);
        if (self.state.filters[f.key]) {  // until the data says what it is called
          control.append(el("option", { value: self.state.filters[f.key] }, [self.state.filters[f.key]]));
          control.value = self.state.filters[f.key];
        }
        form.append(el("span", { class: "cjm-filter" }, [el("label", { for: id }, [f.label]), control]));
        control.addEventListener("change", function () { self.set(f.key, control.value || null); });
      }
      self.controls[f.key] = control;
    });
    this.clear = el("button", { type: "button", class: "cjm-filters__clear md-button" }, ["Clear filters"]);
    this.clear.addEventListener("click", function () { self.reset(); });
    form.append(this.clear);
    this.form = form;
    // The values of the filters come with the entries: fetched once the reader reaches for them.
    var wanted = function () { self.fetch(); };
    form.addEventListener("focusin", wanted, { once: true });
    form.addEventListener("pointerover", wanted, { once: true });
    this.bar.append(form);
    this.results = el("div", { class: "cjm-listing__results", hidden: "" });
    this.root.append(this.results);
    this.root.querySelectorAll(".cjm-listing__static table.cjm-table").forEach(function (t) { self.sortable(t); });
    if (spec.setup) spec.setup(this);
    this.sync();
  };

  Listing.prototype.fetch = function () {
    var self = this;
    if (this.data) return Promise.resolve(this.data);
    this.root.setAttribute("aria-busy", "true");
    return load(this.url).then(function (d) {
      self.root.removeAttribute("aria-busy");
      if (!self.root.isConnected) return d;
      self.data = d;
      self.fill();
      return d;
    }, function (err) {
      self.root.removeAttribute("aria-busy");
      if (self.count) self.count.textContent = "The filters could not load the " + self.spec.many + ": every " + self.spec.one + " is listed below, a page at a time.";
      throw err;
    });
  };

  // The filters' values, from the data.
  Listing.prototype.fill = function () {
    var self = this, d = this.data;
    this.spec.filters.forEach(function (f) {
      if (f.check) return;
      var select = self.controls[f.key], chosen = self.state.filters[f.key] || "";
      while (select.options.length > 1) select.remove(1);
      f.values(d).forEach(function (pair) { select.append(el("option", { value: pair[0] }, [pair[1]])); });
      select.value = chosen;
      if (select.value !== chosen) select.value = "";
    });
  };

  // Sort buttons in a table's column headings (the headings without one are not sortable).
  Listing.prototype.sortable = function (table) {
    var self = this, sorts = {};
    this.spec.columns.forEach(function (c) { if (c[1]) sorts[c[0]] = c[1]; });
    table.querySelectorAll("thead th").forEach(function (th) {
      var key = sorts[th.textContent.trim()];
      if (!key) return;
      var button = el("button", { type: "button", class: "cjm-sort", "data-sort": key }, [th.textContent.trim()]);
      th.textContent = "";
      th.append(button);
      button.addEventListener("click", function () {
        var dir = self.state.sort === key && self.state.dir === "asc" ? "desc" : "asc";
        self.state.sort = key;
        self.state.dir = dir;
        self.update(key);
      });
    });
    this.markSort(table);
  };

  Listing.prototype.markSort = function (table) {
    var state = this.state;
    table.querySelectorAll("thead th").forEach(function (th) {
      var button = th.querySelector(".cjm-sort");
      if (!button) return;
      if (button.getAttribute("data-sort") === state.sort) th.setAttribute("aria-sort", state.dir === "desc" ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
  };

  Listing.prototype.set = function (key, value) {
    if (value) this.state.filters[key] = value;
    else delete this.state.filters[key];
    this.update();
  };

  Listing.prototype.reset = function () {
    this.state = { filters: {}, sort: null, dir: "asc" };
    var controls = this.controls;
    Object.keys(controls).forEach(function (k) {
      if (controls[k].type === "checkbox") controls[k].checked = false;
      else controls[k].value = "";
    });
    this.update();
    this.controls[this.spec.filters[0].key].focus();
  };

  // After a change: the address, then the rows (fetching the entries the first time).
  Listing.prototype.update = function (focusSort) {
    var self = this;
    if (!active(this.state)) {
      writeState(this.spec, this.state);
      this.sync();
      return;
    }
    this.fetch().then(function (d) {
      if (!self.root.isConnected) return;
      self.state = validState(self.spec, self.state, d);
      writeState(self.spec, self.state);
      self.sync(focusSort);
    }).catch(function (err) { console.warn(err); });
  };

  // Show the view the state asks for: the server's pages, or the matching rows.
  Listing.prototype.sync = function (focusSort) {
    var on = active(this.state);
    this.clear.hidden = !on;
    if (this.static) this.static.hidden = on;
    var sections = this.bar.querySelector(".cjm-sections");
    if (sections) sections.hidden = on;
    this.results.hidden = !on;
    var self = this;
    this.root.querySelectorAll(".cjm-listing__static table.cjm-table").forEach(function (t) { self.markSort(t); });
    if (this.spec.shown) this.spec.shown(this);
    if (!on) {
      this.results.textContent = "";
      if (this.count) this.count.textContent = this.countText;
      return;
    }
    if (!this.data) return;
    this.rows = matches(this.spec, this.state, this.data);
    this.shown = 0;
    this.draw();
    this.more(this.size);
    if (focusSort) {
      var button = this.results.querySelector('.cjm-sort[data-sort="' + focusSort + '"]');
      if (button) button.focus();
    }
  };

  // The table of matching rows, empty; more() adds rows to it.
  Listing.prototype.draw = function () {
    var spec = this.spec, self = this;
    var backlog = spec.columns.some(function (c) { return c[0] === "Backlog"; }) &&
      this.rows.some(function (e) { return e.backlog; });
    this.backlog = backlog;
    var heads = spec.columns.filter(function (c) { return c[0] !== "Backlog" || backlog; })
      .map(function (c) { return el("th", { scope: "col" }, [c[0]]); });
    this.body = el("tbody");
    var table = el("table", { class: "cjm-table " + spec.table }, [el("caption", {}, [spec.caption]), el("thead", {}, [el("tr", {}, heads)]), this.body]);
    var wrap = el("div", { class: "cjm-table-wrap", tabindex: "0", role: "region", "aria-label": spec.caption + " (table)", "data-search-exclude": "" }, [table]);
    this.moreButton = el("button", { type: "button", class: "cjm-listing__more md-button" });
    this.moreButton.addEventListener("click", function () { self.more(self.size, true); });
    this.results.textContent = "";
    this.results.append(this.rows.length ? wrap : el("p", { class: "cjm-listing__none" }, ["No " + spec.many + " match these filters."]), this.moreButton);
    if (this.rows.length) this.sortable(table);
  };

  Listing.prototype.more = function (n, focus) {
    var d = this.data, base = this.url, spec = this.spec, self = this;
    var next = this.rows.slice(this.shown, this.shown + n);
    var first = null;
    next.forEach(function (e) {
      var tr = spec.row(d, e, base, self.backlog);
      if (!first) first = tr;
      self.body.append(tr);
    });
    this.shown += next.length;
    var left = this.rows.length - this.shown;
    this.moreButton.hidden = left <= 0;
    this.moreButton.textContent = "Show " + count(Math.min(left, this.size)) + " more (" + count(left) + " not shown)";
    var noun = this.total === 1 ? spec.one : spec.many;
    this.count.textContent = count(this.rows.length) + " of " + count(this.total) + " " + noun +
      (this.rows.length > this.shown ? ", the first " + count(this.shown) + " shown" : "");
    if (focus && first) {
      var a = first.querySelector("a");
      if (a) a.focus();
    }
  };

  function setup() {
    document.querySelectorAll("[data-cjm-listing]").forEach(function (root) {
      var spec = LISTINGS[root.getAttribute("data-cjm-listing")];
      if (!spec || root.hasAttribute("data-cjm-ready") || !root.querySelector(".cjm-bar")) return;
      root.setAttribute("data-cjm-ready", "");
      var listing = new Listing(root, spec);
      listing.build();
      if (active(listing.state)) listing.update();
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
