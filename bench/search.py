"""Benchmark of ``search: pagefind``: what a reader's search costs at N maps.

    python bench/search.py -n 1000 [--work DIR] [--reuse]

Generates a portfolio (``bench/generate.py``), builds it with the plugin and without Material's
search plugin (the default ``search: pagefind``), serves the site on 127.0.0.1 and, in Debian's
Chromium under Playwright, opens a journey page, then for each query opens the search box in a
fresh tab, types the query and waits for the first result. It reports the build's wall time,
Pagefind's share of it, the size of the ``pagefind/`` folder, what the page load fetched of the index (nothing is
expected), and per query: the bytes fetched from opening the box to the first result shown
(transfer sizes, headers included), the number of requests, and the time from the last key
to the first result.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import TODAY
from run import base_config, prepare

CHROMIUM = "/usr/bin/chromium"


def config(work: Path, n: int, seed: int, reuse: bool) -> Path:
    cfg_path = work / "search.yml"
    if reuse and cfg_path.is_file():
        return cfg_path
    prepare(work, n, seed, plain_too=False)
    cfg = base_config(work / "content", work / "site-search")
    cfg["plugins"] = [{"cjm": {"today": TODAY.isoformat()}}]  # search: pagefind, the default
    cfg_path.write_text(yaml.safe_dump(cfg, sort_keys=False))
    return cfg_path


def build(cfg: Path) -> tuple[float, float | None]:
    """The build's wall time, and Pagefind's share of it (its own "Finished in" line, logged at
    debug level by the plugin)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-v", "-f", str(cfg)], check=True, capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    found = re.search(r"pagefind: Finished in ([\d.]+) seconds", done.stdout + done.stderr)
    return wall, float(found.group(1)) if found else None


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


FIRST_RESULT = "() => document.querySelector('.md-search-result__item a.md-search-result__link') !== null"


def measure(base: str, page_path: str, queries: list[str]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        for query in queries:
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            fetched: list[Any] = []
            page.on("requestfinished", functools.partial(list.append, fetched))
            page.goto(base + page_path)
            page.wait_for_load_state("networkidle")
            on_load = [r.url for r in fetched if "/pagefind/" in r.url or "search_index" in r.url]
            fetched.clear()
            box = page.locator("input.md-search__input")
            box.click()
            box.fill(query)
            typed = time.perf_counter()
            page.wait_for_function(FIRST_RESULT, polling="raf", timeout=30_000)
            first = time.perf_counter() - typed
            page.wait_for_load_state("networkidle")
            sizes = [r.sizes() for r in fetched]
            out[query] = {
                "index_requests_on_page_load": len(on_load),
                "bytes_to_results": sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes),
                "requests": len(sizes),
                "first_result_s": round(first, 3),
                "first_result": page.locator(".md-search-result__link").first.get_attribute("href"),
            }
            page.context.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--reuse", action="store_true", help="reuse the generated portfolio and built site in --work")
    parser.add_argument("--query", action="append", default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="cjm-bench-search-"))
    cfg = config(work, args.n, args.seed, args.reuse)
    site = work / "site-search"
    built = (None, None) if args.reuse and (site / "pagefind").is_dir() else build(cfg)
    journeys = sorted(p.parent.name for p in (site / "journeys").glob("*/index.html"))
    personas = sorted(p.parent.name for p in (site / "personas").glob("*/index.html"))
    queries = args.query or ["checkout", "refund delayed", personas[0].replace("-", " "), journeys[len(journeys) // 2]]
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        results = measure(f"http://127.0.0.1:{server.server_address[1]}/", f"journeys/{journeys[0]}/", queries)
    finally:
        server.shutdown()
    bundle = sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file())
    wall, indexing = built
    report = {"n": args.n, "build_s": wall and round(wall, 1), "pagefind_s": indexing, "pagefind_bytes": bundle}
    report["queries"] = results
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
