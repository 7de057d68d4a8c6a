"""Does the site stay small and fast as the portfolio grows? (issue 14, point 7)

    .venv/bin/python bench/scale.py -n 1000 10000 [--query invoice "order history"] [--json scale.json] [--work DIR]

For each N, generates a portfolio (``bench/generate.py``), builds it with the plugin in a fresh
``mkdocs build`` subprocess (wall time; CPU time, which depends less than wall time on what
else the machine runs; peak memory as the process's max RSS; all three from ``wait4``), then
reports

* the largest generated HTML page (path, bytes), the five largest, and how many are over
  ``PAGE_LIMIT`` (200 KB);
* the site's total bytes, its HTML pages, and both per map: they stay about constant from one
  N to the next when the site grows linearly;
* with Playwright and Debian's Chromium against the site served over HTTP (127.0.0.1, no
  compression): what a reader's search costs, for each query in a new browser. The home page is
  opened; once it has loaded, the header's search box is opened, the query typed (one key at a
  time, as fast as Playwright types: about 30 ms a key here, so about 1 s for a question of 39
  characters; ``--key-delay 180`` types at a person's pace), and the clock stops on the frame
  the first result is on screen (checked every frame). Two times are given: from opening the
  box, the typing included, and from the last keystroke, which is what the reader waits for.
  Typed at a person's pace, the box may already show the answer to an earlier query (what was
  typed so far): the time from the last keystroke to the whole query's answer is given too.
  *Search bytes* are every response from opening the box to the first result, plus
  any response before it that belongs to the search (its index and worker, fetched at page load
  by Material's search): what one query costs a reader who had not searched before. The gzip
  column is what a host that compresses would send.

The search UI is recognised by its markup (``SEARCH_UIS``: Material's built-in search, or
Pagefind's); add an entry there to measure another one.

Baseline (before issue 14, Material's lunr search), at 10,000 maps: a 133 s build, 1,650 MB
peak memory (``BASELINE``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests"))

from run import prepare, timed_build  # noqa: E402

PAGE_LIMIT = 200 * 1024
"""No generated HTML page may be larger than this (issue 14, point 3)."""
BASELINE = {10_000: {"wall_s": 133.0, "peak_rss_mb": 1650.0}}
"""The build before issue 14, by N: what the plugin must not regress."""
DEFAULT_QUERIES = ("invoice", "order history", "map-00042", "what hurts for shop owners at month end")
"""What readers search for, each in a new browser: a word on many pages ("the monthly invoice"),
two words, a map's id, and a question of common words (stop words among them)."""


# -- the built site -------------------------------------------------------------------------


@dataclass
class SiteSize:
    """How big the built site is."""

    maps: int
    html_pages: int
    site_bytes: int
    largest: list[tuple[str, int]]
    """The five largest HTML pages (path in the site, bytes), largest first."""
    over_limit: int
    """HTML pages over ``PAGE_LIMIT``."""

    @property
    def pages_per_map(self) -> float:
        return round(self.html_pages / self.maps, 3) if self.maps else 0.0

    @property
    def bytes_per_map(self) -> int:
        return self.site_bytes // self.maps if self.maps else 0


def measure_site(site_dir: Path, maps: int, limit: int = PAGE_LIMIT, top: int = 5) -> SiteSize:
    """The sizes of a built site (``maps``: the portfolio's map count)."""
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    html = sorted(
        ((p.relative_to(site_dir).as_posix(), p.stat().st_size) for p in files if p.suffix == ".html"),
        key=lambda item: (-item[1], item[0]),
    )
    return SiteSize(
        maps=maps,
        html_pages=len(html),
        site_bytes=sum(p.stat().st_size for p in files),
        largest=html[:top],
        over_limit=sum(1 for _, size in html if size > limit),
    )


# -- search in the browser ------------------------------------------------------------------


@dataclass(frozen=True)
class SearchUI:
    """How to drive one kind of search box: all selectors are CSS."""

    name: str
    present: str
    """Markup that says the page has this search."""
    opener: str
    """What a reader clicks or focuses to open the search box."""
    field: str
    """The text field the query is typed into."""
    result: str
    """One result in the result list."""
    assets: str
    """A regular expression matching the URLs of the search's own files (index, worker):
    fetched before the reader searched, they still count as the query's cost."""


SEARCH_UIS = (
    SearchUI(
        "pagefind",
        "[data-cjm-search]",
        "[data-cjm-search] input.md-search__input",
        "[data-cjm-search] input.md-search__input",
        "[data-cjm-search] .md-search-result__item",
        r"/pagefind/",
    ),
    SearchUI(
        "material",
        ".md-search",
        "input.md-search__input",
        "input.md-search__input",
        ".md-search-result__item",
        r"/search/search_index\.json|/workers/search\.",
    ),
)
"""The search UIs the benchmark knows, the first one present on the page wins."""


SHOWN = """(selector) => Array.from(document.querySelectorAll(selector)).some(
  (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden")"""
"""True once a result is on screen (laid out, not hidden)."""


@dataclass
class Fetch:
    url: str
    started: float
    """``time.perf_counter()`` when the request was made."""
    bytes: int = 0
    gzip_bytes: int = 0


@dataclass
class SearchCost:
    ui: str
    query: str
    results: int
    """Result elements on screen when the clock stopped."""
    first_results_s: float
    """From opening the search box to the first result on screen (the typing included)."""
    after_typing_s: float
    """From the last keystroke to the first result on screen (with ``--key-delay``, it may be a
    result of an earlier query, what was typed so far)."""
    answered_s: float | None
    """From the last keystroke to the answer to the whole query on screen (Pagefind's box only)."""
    search_bytes: int
    search_gzip_bytes: int
    requests: int
    page_bytes: int
    """What the page fetched on load, before the search box was opened (search files included)."""
    largest: list[tuple[str, int]] = field(default_factory=list)
    """The search's largest responses (URL path, bytes)."""


def search_cost(fetches: Iterable[Fetch], opened: float, assets: str) -> tuple[list[Fetch], int]:
    """The responses a query costs (those after ``opened``, and the search's own files before
    it), and the bytes fetched before ``opened``."""
    fetches = list(fetches)
    mine = [f for f in fetches if f.started >= opened or re.search(assets, f.url)]
    before = sum(f.bytes for f in fetches if f.started < opened)
    return mine, before


def measure_search(base_url: str, query: str, timeout_ms: float = 600_000, key_delay_ms: float = 0) -> SearchCost:
    """Open ``base_url`` in Chromium at 1440 × 900, search for ``query`` typed ``key_delay_ms``
    apart and measure (see the module's docstring)."""
    from browser.conftest import launch

    for browser in launch():
        return _measure(browser, base_url, query, timeout_ms, key_delay_ms)
    raise AssertionError("unreachable")


# The Pagefind box has drawn its answer to the whole query (search.js: data-cjm-answered).
ANSWERED = """(query) => [...document.querySelectorAll('[data-cjm-search] [data-cjm-answered]')]
  .some((e) => e.dataset.cjmAnswered === query)"""


def _measure(browser: Any, base_url: str, query: str, timeout_ms: float, key_delay_ms: float) -> SearchCost:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.set_default_timeout(timeout_ms)
    page = context.new_page()
    fetches: dict[Any, Fetch] = {}
    page.on("request", lambda r: fetches.setdefault(r, Fetch(r.url, time.perf_counter())))
    page.on("requestfinished", lambda r: _weigh(r, fetches))
    page.goto(base_url, wait_until="load")
    ui = next((u for u in SEARCH_UIS if page.locator(u.present).count()), None)
    if ui is None:
        raise SystemExit(f"no search box that bench/scale.py knows on {base_url}: see SEARCH_UIS")
    opened = time.perf_counter()
    page.locator(ui.opener).first.click()
    field = page.locator(ui.field).first
    # Playwright waits the delay between a key's down and up: the last key goes without it, so
    # that the clock starts when the box has its last letter (its input event comes at keydown).
    field.press_sequentially(query[:-1], delay=key_delay_ms)
    field.press_sequentially(query[-1:])
    typed = time.perf_counter()
    # Checked on every frame: Playwright's own wait_for polls at up to 500 ms apart, which would
    # add its polling to the time.
    page.wait_for_function(SHOWN, arg=ui.result, polling="raf")
    shown = time.perf_counter()
    results = page.locator(ui.result).count()
    answered = None
    if ui.name == "pagefind":
        page.wait_for_function(ANSWERED, arg=query.strip(), polling="raf")
        answered = round(time.perf_counter() - typed, 3)
    page.wait_for_load_state("networkidle")  # the responses in flight are counted too
    mine, before = search_cost(fetches.values(), opened, ui.assets)
    context.close()
    largest = sorted(((re.sub(r"^\w+://[^/]+", "", f.url), f.bytes) for f in mine), key=lambda x: -x[1])
    return SearchCost(
        ui.name,
        query,
        results,
        round(shown - opened, 3),
        round(shown - typed, 3),
        answered,
        sum(f.bytes for f in mine),
        sum(f.gzip_bytes for f in mine),
        len(mine),
        before,
        largest[:3],
    )


def _weigh(request: Any, fetches: dict[Any, Fetch]) -> None:
    fetch = fetches.setdefault(request, Fetch(request.url, time.perf_counter()))
    response = request.response()
    try:
        body = response.body() if response else b""
    except Exception:  # a body the browser no longer holds (a redirect, a worker's script)
        body = b""
    fetch.bytes = request.sizes()["responseBodySize"] or len(body)
    fetch.gzip_bytes = len(gzip.compress(body, 6)) if body else fetch.bytes


# -- one size ---------------------------------------------------------------------------------


def bench(
    n: int, work: Path, seed: int = 1, queries: Iterable[str] = DEFAULT_QUERIES, key_delay_ms: float = 0
) -> dict[str, Any]:
    config, _ = prepare(work, n, seed, plain_too=False)
    site_dir = work / "site-plugin"
    wall, rss, cpu = timed_build(config, site_dir)
    searched = measure_built(site_dir, n, queries, key_delay_ms)
    return {"n": n, "wall_s": wall, "cpu_s": cpu, "peak_rss_mb": rss, **searched}


def measure_built(
    site_dir: Path, n: int, queries: Iterable[str] = DEFAULT_QUERIES, key_delay_ms: float = 0
) -> dict[str, Any]:
    """The sizes of a built site of ``n`` maps and what each of ``queries`` costs, typed
    ``key_delay_ms`` apart."""
    size = measure_site(site_dir, n)
    result: dict[str, Any] = {
        "site": {**asdict(size), "pages_per_map": size.pages_per_map, "bytes_per_map": size.bytes_per_map}
    }
    queries = list(queries)
    if queries:
        from browser.conftest import serve

        for served in serve(site_dir):
            result["searches"] = [
                asdict(measure_search(served.base, query, key_delay_ms=key_delay_ms)) for query in queries
            ]
    return result


# -- the report -----------------------------------------------------------------------------


def table(results: list[dict[str, Any]]) -> str:
    """The results as a Markdown table, a column per N, with the baseline where there is one."""
    ns = [r["n"] for r in results]
    lines = ["| metric | " + " | ".join(f"N = {n:,}" for n in ns) + " |", "|---" + "|---:" * len(ns) + "|"]

    def row(label: str, values: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    def base(r: dict[str, Any], key: str, unit: str) -> str:
        before = BASELINE.get(r["n"], {}).get(key)
        return f"{r[key]:,.1f} {unit}" + (f" (before: {before:,.0f})" if before else "")

    row("build wall time", [base(r, "wall_s", "s") for r in results])
    row("build CPU time (user + system)", [f"{r['cpu_s']:,.1f} s" for r in results])
    row("build peak memory", [base(r, "peak_rss_mb", "MB") for r in results])
    row("largest HTML page", [f"{r['site']['largest'][0][1]:,} B `{r['site']['largest'][0][0]}`" for r in results])
    for i in range(1, 5):
        row(f"  {i + 1}. largest", [_nth(r, i) for r in results])
    row(f"pages over {PAGE_LIMIT // 1024} KB", [str(r["site"]["over_limit"]) for r in results])
    row("HTML pages (per map)", [f"{r['site']['html_pages']:,} ({r['site']['pages_per_map']})" for r in results])
    row("site bytes (per map)", [f"{r['site']['site_bytes']:,} ({r['site']['bytes_per_map']:,})" for r in results])
    for i, first in enumerate(results[0].get("searches", [])):
        s = [r["searches"][i] for r in results]
        row(f"search “{first['query']}” ({first['ui']}): bytes (gzip), requests", [_cost(x) for x in s])
        row(
            "  time to first results: from opening the box, from the last keystroke",
            [f"{x['first_results_s']:.2f} s, {x['after_typing_s']:.2f} s ({x['results']} shown)" for x in s],
        )
        if first.get("answered_s") is not None:
            row("  the whole query answered, from the last keystroke", [f"{x['answered_s']:.2f} s" for x in s])
    if results[0].get("searches"):
        row("page bytes before searching", [f"{r['searches'][0]['page_bytes']:,}" for r in results])
    return "\n".join(lines)


def _cost(search: dict[str, Any]) -> str:
    return f"{search['search_bytes']:,} ({search['search_gzip_bytes']:,}), {search['requests']}"


def _nth(result: dict[str, Any], i: int) -> str:
    largest = result["site"]["largest"]
    return f"{largest[i][1]:,} B `{largest[i][0]}`" if len(largest) > i else "–"


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("-n", type=int, nargs="+", default=[1000, 10000], help="portfolio sizes (default 1000 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--query",
        nargs="+",
        default=list(DEFAULT_QUERIES),
        help=f"what the reader searches for, one browser each (default: {', '.join(DEFAULT_QUERIES)})",
    )
    parser.add_argument("--no-search", action="store_true", help="skip the browser measurement")
    parser.add_argument(
        "--key-delay", type=float, default=0, metavar="MS", help="ms between keystrokes (default 0: as fast as it can)"
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--work", type=Path, help="keep the generated portfolios and sites in this folder")
    parser.add_argument(
        "--site", type=Path, help="measure this built site of -n maps instead (no generation, no build)"
    )
    args = parser.parse_args(argv)
    results = []
    if args.site:
        [n] = args.n
        results.append(
            {
                "n": n,
                "wall_s": 0.0,
                "cpu_s": 0.0,
                "peak_rss_mb": 0.0,
                **measure_built(args.site, n, [] if args.no_search else args.query, args.key_delay),
            }
        )
    with tempfile.TemporaryDirectory(prefix="cjm-scale-") as tmp:
        root = args.work or Path(tmp)
        for n in [] if args.site else args.n:
            work = root / f"n{n}"
            work.mkdir(parents=True, exist_ok=True)
            results.append(bench(n, work, args.seed, [] if args.no_search else args.query, args.key_delay))
            sys.stderr.write(f"N={n} done\n")
    sys.stdout.write(table(results) + "\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
