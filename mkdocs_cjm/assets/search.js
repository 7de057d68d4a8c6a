/* mkdocs_cjm: the search box of `search: pagefind` (partials/cjm-search.html, in the header).
 *
 * Nothing of the index is loaded until a reader opens the box (focus, the magnifier button, or
 * the keys / s f); then Pagefind (pagefind/pagefind.js, written by the build) loads the parts of
 * its index a query needs. Results are built as DOM nodes: titles and section names are set as
 * text, and an excerpt (Pagefind escapes the page's text and marks the matches with <mark>) is
 * parsed in an inert document and copied over as text and <mark> elements only.
 *
 * The header stays across Material's instant navigation, and this script runs once per full page
 * load: result links are absolute paths, and the box is shut on every `document$` emit.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : location.href);  // assets/cjm/search.js
  // The ranking of core/search.py: a match in a page's own names (NAME_FIELD, NAME_WEIGHT) counts
  // far above one in its title; Pagefind's default title weight is 5.
  var RANKING = { metaWeights: { title: 5.0, name: 40.0 } };
  var SHOWN = 10;        // results shown at once (each one's data is a download)
  var SECTIONS = 3;      // sections listed under a result
  var DEBOUNCE = 100;    // ms of no typing before a query is searched
  var DEBOUNCE_SHORT = 300;  // … when its last word is shorter than PRELOAD (likely half typed)
  var PRELOAD = 3;       // letters of the last word before its part of the index is fetched ahead

  var box = document.querySelector("[data-cjm-search]");
  var toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  var input = box.querySelector(".md-search__input");
  var form = box.querySelector("[data-cjm-search-form]");
  var output = box.querySelector(".md-search__output");
  var status = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var placeholder = status.textContent.trim();
  var pagefind = null;   // a promise of the loaded module
  var shown = [];        // the current query's results, and how many are on screen
  var asked = "";        // the query the list answers
  var searches = 0;      // queries asked so far: only the newest one's answer is shown
  var following = "";    // the query whose first result Enter asked for
  var working = Promise.resolve();  // the search Pagefind is busy with (it answers one at a time)

  // What the build wrote for the box (site_search.py, pagefind/cjm-search.json): a large site's
  // further indexes (pagefind/<n>/), which Pagefind searches as one with the first one's
  // WebAssembly, and the words left out of a query (core/search.py, STOP_WORDS).
  function settings() {
    return fetch(new URL("pagefind/cjm-search.json", root).href).then(function (r) {
      return r.ok ? r.json() : {};
    }).catch(function () { return {}; });
  }

  var stopWords = new Set();

  function load() {
    if (!pagefind) {
      var options = { baseUrl: root.pathname, ranking: RANKING };
      pagefind = Promise.all([import(new URL("pagefind/pagefind.js", root).href), settings()]).then(function (both) {
        var pf = both[0];
        stopWords = new Set(both[1].stopWords || []);
        return pf.options(options).then(function () { return pf.init(); }).then(function () {
          return Promise.all((both[1].indexes || []).map(function (path) {
            return pf.mergeIndex(new URL("pagefind/" + path, root).pathname, options);
          }));
        }).then(function () { return pf; });
      });
      pagefind.catch(function () { say(box.dataset.cjmFailed); });
    }
    return pagefind;
  }

  // The query Pagefind is asked: without its stop words, unless it is an exact phrase ("…") or
  // is nothing but stop words (then "", and the reader is asked for a more specific word).
  function terms(query) {
    if (/^".+"$/.test(query)) return query;
    return query.split(/\s+/).filter(function (w) {
      return !stopWords.has(plain(w).replace(/[^\p{L}\p{N}]+/gu, ""));
    }).join(" ");
  }

  function say(text) { status.textContent = text; }

  function count(n) {
    if (n === 0) return box.dataset.cjmNone;
    return n === 1 ? box.dataset.cjmOne : box.dataset.cjmOther.replace("#", String(n));
  }

  function open() {
    if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    output.inert = false;
    load();
  }

  var shutting = false;  // this script shuts the box (not Material)

  function shut() {
    shutting = true;
    if (toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
    output.inert = true;
    shutting = false;
  }

  // An excerpt as nodes: text, and <mark> around matches; any other markup is kept as its text.
  function excerpt(html) {
    var p = document.createElement("p");
    var doc = new DOMParser().parseFromString("<body>" + html, "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function score(sub) {
    return (sub.weighted_locations || []).reduce(function (s, l) { return s + (l.balanced_score || l.weight || 0); }, 0);
  }

  function href(url) { return url.replace(/#top$/, ""); }

  function link(url, level, title, text) {
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = href(url);
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (level === 1) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.appendChild(icon);
    }
    var heading = document.createElement(level === 1 ? "h1" : "h2");
    heading.textContent = title;
    article.appendChild(heading);
    if (text) article.appendChild(excerpt(text));
    a.appendChild(article);
    return a;
  }

  // One page: its title and the excerpt of its best-matching part, linked to that part (a stage
  // of a map, an opportunity), then the other parts that match, each linked to its anchor.
  // Letters without accents, in lower case: "Tomás" and "tomas" read alike, as Pagefind reads them.
  function plain(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  // Whether every word of the query is in the page's title: the reader asked for the page itself
  // (a persona's or an owner's name), so the page opens at its top, not at its busiest part.
  function names(title, query) {
    var words = plain(title).split(/[^\p{L}\p{N}]+/u);
    return plain(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean).every(function (w) { return words.indexOf(w) >= 0; });
  }

  function item(data) {
    var subs = (data.sub_results || []).slice().sort(function (a, b) { return score(b) - score(a); });
    var best = subs[0] || { url: data.url, excerpt: data.excerpt };
    if (data.meta.title && names(data.meta.title, shown.words)) {
      best = { url: data.url, excerpt: best.excerpt };
      subs = [best].concat(subs);
    }
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    li.appendChild(link(best.url, 1, data.meta.title || data.url, best.excerpt));
    subs.slice(1).filter(function (s) { return /#./.test(href(s.url)) && score(s) > 0; })
      .slice(0, SECTIONS).forEach(function (s) { li.appendChild(link(s.url, 2, s.title, s.excerpt)); });
    return li;
  }

  // The words of a result's page that Pagefind matched (at its locations), letters and digits
  // only, as plain() has them. Pagefind numbers the words of a page's content split at white
  // space (as its excerpts do; zero-width spaces where a segmenting Pagefind left them).
  function matched(data) {
    var content = data.content || "";
    var words = content.indexOf("\u200B") >= 0 ? content.split("\u200B") : content.split(/[\r\n\s]+/g);
    var found = [];
    (data.locations || []).forEach(function (at) { found = found.concat(parts(words[at] || "")); });
    return found;
  }

  // A word as Pagefind indexes it: whole, and each of its parts at punctuation and at a change
  // to capitals ("TW-412": "tw412", "tw", "412"; "iPhone": "iphone", "i", "phone").
  function parts(word) {
    var split = plain(word.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")).split(/[^\p{L}\p{N}]+/u);
    return [bare(word)].concat(split.filter(Boolean));
  }

  function bare(word) { return plain(word).replace(/[^\p{L}\p{N}]+/gu, ""); }

  // A message of the box with "#" replaced by ``text`` (as it is: no "$&" patterns).
  function filled(message, text) { return message.replace("#", function () { return text; }); }

  // The words of the query, when none of them is on any page. For a word no page has, Pagefind
  // answers with the pages of the longest word it begins with ("awesome": the pages with "a";
  // "ibex": those with "I").
  // A query word is found when a word matched on one of the first results begins as it does
  // (its first three letters; all of it if shorter): "invoices" finds "invoice", "running"
  // finds "run", a half-typed "invo" finds "invoice"; "awesome" finds nothing. Only the
  // pages of the first answer are read (they are drawn anyway).
  function missing(all, words) {
    if (!all.length) return [];  // no page at all: Pagefind's own "no results"
    var found = [];
    all.forEach(function (data) {  // a page may be found by its title alone (metaWeights)
      (data.meta.title || "").split(/\s+/).forEach(function (w) { found = found.concat(parts(w)); });
      found = found.concat(matched(data));
    });
    var typed = words.split(/\s+/).filter(function (word) { return bare(word); });
    var absent = typed.filter(function (word) {
      var head = Array.from(bare(word)).slice(0, 3).join("");
      return !found.some(function (m) { return m.indexOf(head) === 0; });
    });
    // Pagefind ranks the pages that have any of a query's words: one word of several on no page
    // leaves the others' answer, which is shown.
    return absent.length === typed.length ? absent : [];
  }

  // The next results on screen; ``fresh``: the first of a new answer, which replace the list
  // (and its count) only once they are drawn: until then the earlier answer stays, not an empty
  // list (Pagefind loads the results' fragments in its worker, which may be busy with the next
  // query by then).
  function more(fresh) {
    var next = shown.results.slice(shown.count, shown.count + SHOWN);
    var query = asked;
    shown.count += next.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
      if (query !== asked) return;
      if (fresh) {
        list.replaceChildren();
        var absent = missing(all, shown.words);
        if (absent.length) {  // Pagefind's answer is the pages of a shorter word
          say(filled(box.dataset.cjmMissing, absent.join("”, “")));
          list.dataset.cjmAnswered = query;
          followFirst();  // nothing to follow: Enter is forgotten
          return;
        }
        say(count(shown.results.length));
      }
      var old = list.querySelector(".cjm-search__more");
      if (old) old.remove();
      all.forEach(function (data) { list.appendChild(item(data)); });
      if (shown.count < shown.results.length) {
        var li = document.createElement("li");
        li.className = "cjm-search__more";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = box.dataset.cjmMore.replace("#", String(shown.results.length - shown.count));
        button.addEventListener("click", function () { more(false); });
        li.appendChild(button);
        list.appendChild(li);
      }
      list.dataset.cjmAnswered = query;  // the query the list answers (tests wait for it)
      followFirst();
    });
  }

  function search() {
    var query = input.value.trim();
    if (!query) { asked = ""; list.replaceChildren(); say(placeholder); return; }
    var id = ++searches;
    var words;
    // The pause runs from the keystroke, while Pagefind may still be loading (the first query
    // does not wait for both in turn). A last word of one or two letters is most likely half
    // typed, and its chunks hold the most common words: the reader gets longer to go on typing.
    var short = Array.from(query.split(/\s+/).pop()).length < PRELOAD;
    var pause = new Promise(function (done) { setTimeout(done, short ? DEBOUNCE_SHORT : DEBOUNCE); });
    load().then(function (pf) {
      words = terms(query);
      if (!words) {
        asked = "";  // a list still being drawn for an earlier query stops
        list.replaceChildren();
        delete list.dataset.cjmAnswered;
        say(filled(box.dataset.cjmCommon, query));
        return null;
      }
      // Pagefind's own debouncedSearch preloads the index for every prefix typed ("i", "in"…),
      // and the chunks of short prefixes hold the most common words: only a last word of
      // PRELOAD letters or more is fetched ahead.
      var last = words.split(/\s+/).pop();
      if (Array.from(last).length >= PRELOAD) pf.preload(words);
      return pause.then(function () {
        if (id !== searches) return null;
        list.dataset.cjmAsking = query;  // the newest query handed on (tests wait for it)
        return after(function () { return id === searches ? pf.search(words) : null; });
      });
    }).then(function (found) {
      if (!found || id !== searches || query !== input.value.trim()) return;  // a later query is on its way
      asked = query;
      shown = { results: found.results, count: 0, words: words };
      delete list.dataset.cjmAnswered;
      var button = list.querySelector(".cjm-search__more");  // it would show the new answer's next ones
      if (button) button.remove();
      return more(true);
    }).catch(function () { say(box.dataset.cjmFailed); });
  }

  function followFirst() {
    if (!following || list.dataset.cjmAnswered !== following) return;
    var first = following === input.value.trim() && list.querySelector("a");
    following = "";
    if (first) first.click();
  }

  // Run ``ask`` once Pagefind has answered the query before: a query typed while Pagefind works on
  // an earlier one waits for it, and is only asked if no later one came meanwhile (Pagefind cannot
  // drop a query it has started, and would answer every waiting one in turn).
  function after(ask) {
    var next = working.then(ask, ask);
    working = next.catch(function () {});
    return next;
  }

  // The focusable parts of the open box, in order: the field, then every result link.
  function stops() {
    return [input].concat(Array.prototype.slice.call(list.querySelectorAll("a, button")));
  }

  function onKey(event) {
    if (event.key === "Escape") { shut(); input.blur(); event.preventDefault(); return; }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var all = stops();
    var at = all.indexOf(document.activeElement);
    var next = all[(Math.max(at, 0) + (event.key === "ArrowDown" ? 1 : all.length - 1)) % all.length];
    if (next) { next.focus(); event.preventDefault(); }
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", search);
  box.addEventListener("keydown", onKey);
  form.addEventListener("submit", function (event) {
    event.preventDefault();  // Enter in the field follows the first result of its answer,
    following = input.value.trim();  // now or once it is drawn
    followFirst();
  });
  form.addEventListener("reset", function () { setTimeout(search); input.focus(); });
  box.addEventListener("focusout", function (event) {
    if (!event.relatedTarget || !box.contains(event.relatedTarget)) {
      if (event.relatedTarget) shut();
    }
  });
  list.addEventListener("click", function (event) { if (event.target.closest("a")) shut(); });
  toggle.addEventListener("change", function () {
    // Material shuts the search 125 ms after every navigation; a reader who has opened the box
    // since (focus in it) keeps it open.
    if (!toggle.checked && !shutting && box.contains(document.activeElement)) { toggle.checked = true; return; }
    output.inert = !toggle.checked;
    if (toggle.checked && document.activeElement !== input) { load(); input.focus(); }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-cjm-search-open]")) { open(); input.focus(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
      input.focus();
      input.select();
    }
  });
  // A new page shuts the box, unless the reader is in it (it may have been opened as it came).
  if (window.document$) window.document$.subscribe(function () { if (!box.contains(document.activeElement)) shut(); });
})();
