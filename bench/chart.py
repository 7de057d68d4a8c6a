"""Main-thread tasks and bytes of the journey page's interactive sentiment chart, measured in Chromium.

    .venv/bin/python bench/chart.py [--runs 5] [--path journeys/first-week-setup/] [--width 1280]

Builds content/ with the repository's mkdocs.yml into a temporary folder, serves it on 127.0.0.1 and, in each run,
opens the page in a fresh browser context (nothing cached) of Debian's Chromium. For each phase it lists the long
tasks (main-thread tasks over 50 ms) as Chromium's trace records them — wall-clock time and the CPU time the renderer's
main thread spent in them — and, from a PerformanceObserver of long animation frames, how long each run of chart.js's
or plotly.js's own code (a callback, the script) took. The phases:

- load: the page loading (Material's and the page's own work; no chart code runs then but chart.js's setup);
- chart: from the reader's click on "Explore the chart" until the interactive chart is drawn (fetching and running
  plotly.js, drawing the chart in three steps) and two frames more;
- palette: the palette toggled, the chart drawn again in the other scheme;
- navigation: instant navigation (a link) to another journey page and the same click there (plotly.js is in memory).

The aim is no task over 200 ms in the chart, palette and navigation phases. Wall-clock times include the time the
renderer waited for a core: on a machine busy with other work they come out several times the CPU time (the load
average is printed with each run); the CPU time is the chart's own cost.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser.conftest import EXPLORE, JOURNEY, after_two_frames, build_example, launch, open_tab, serve  # noqa: E402
from browser.weight import PLOTLY, Ledger  # noqa: E402

OBSERVE = """window.__cjmOurs = [];
new PerformanceObserver(list => {
  for (const frame of list.getEntries())
    for (const s of frame.scripts)
      if (/chart\\.js|plotly/.test(s.sourceURL)) window.__cjmOurs.push(Math.round(s.duration));
}).observe({type: 'long-animation-frame', buffered: true});"""
PHASES = ("load", "chart", "palette", "navigation")


TRACE = ["devtools.timeline", "disabled-by-default-devtools.timeline"]


def ours(page: Any) -> list[int]:
    """The runs (ms) of chart.js's and plotly.js's code over 5 ms in long animation frames since the last call: the
    tasks, or the parts of tasks, that are the chart's own."""
    found: list[int] = page.evaluate("window.__cjmOurs.splice(0)")
    return found


def long_tasks(trace: bytes) -> list[tuple[int, int]]:
    """(wall ms, CPU ms) of every task over 50 ms on a renderer's main thread in a Chromium trace."""
    data = json.loads(trace)
    events = data["traceEvents"] if isinstance(data, dict) else data
    main = {
        (e["pid"], e["tid"]) for e in events if e.get("name") == "thread_name" and e["args"]["name"] == "CrRendererMain"
    }
    return [
        (e["dur"] // 1000, e.get("tdur", 0) // 1000)
        for e in events
        if e.get("name") == "RunTask" and e.get("ph") == "X" and (e["pid"], e["tid"]) in main and e["dur"] > 50_000
    ]


def phase(browser: Any, page: Any, action: Callable[[], None]) -> tuple[list[tuple[int, int]], list[int]]:
    """The long tasks (wall, CPU) of ``action`` and the chart's own runs in it."""
    ours(page)
    browser.start_tracing(page=page, categories=TRACE)
    action()
    return long_tasks(browser.stop_tracing()), ours(page)


def draw(page: Any, scheme: str | None = None) -> None:
    page.locator("figure.cjm-chart").evaluate("e => e.scrollIntoView({block: 'center'})")
    page.evaluate(EXPLORE)
    selector = f'[data-cjm-drawn="{scheme}"]' if scheme else "[data-cjm-drawn]"
    page.wait_for_selector(selector, state="attached")
    after_two_frames(page)


Found = dict[str, tuple[list[tuple[int, int]], list[int]]]


def one_run(browser: Any, url: str, width: int) -> tuple[Found, int, int]:
    """Long tasks and the chart's own runs per phase, and the bytes fetched on load and once the chart is interactive."""
    tab = open_tab(browser, viewport={"width": width, "height": 900})
    page = tab.page
    ledger = Ledger()
    ledger.attach(page)
    page.add_init_script(OBSERVE)
    page.add_init_script("window.requestIdleCallback = () => 0;")  # only the click draws the chart
    found: Found = {}

    def load() -> None:
        with page.expect_request_finished(lambda request: request.url.endswith("/sitemap.xml")):
            page.goto(url, wait_until="networkidle")

    def navigate() -> None:
        page.evaluate("window.__oldChart = document.querySelector('[data-cjm-chart]')")
        page.locator('dd a[href$="-future/"], .cjm-facts a[href*="journeys/"]').first.click()
        page.wait_for_function(
            "() => { const c = document.querySelector('[data-cjm-chart]'); return c && c !== window.__oldChart; }"
        )
        page.wait_for_load_state("networkidle")
        after_two_frames(page)

    def toggle() -> None:
        page.locator("form[data-md-component=palette] label:visible").first.click()
        draw(page, "slate")

    page.goto("about:blank")
    found["load"] = phase(browser, page, load)
    on_load = ledger.total
    assert not ledger.asked_for(PLOTLY), "plotly.js was fetched on load"
    found["chart"] = phase(browser, page, lambda: draw(page))
    interactive = ledger.total
    found["palette"] = phase(browser, page, toggle)
    navigate()  # the navigation itself is Material's
    found["navigation"] = phase(browser, page, lambda: draw(page, "slate"))
    assert tab.problems() == [], tab.problems()
    page.context.close()
    return found, on_load, interactive


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--path", default=JOURNEY, help="a journey page that links to another one")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()
    wall: dict[str, list[int]] = {name: [] for name in PHASES}
    cpu: dict[str, list[int]] = {name: [] for name in PHASES}
    own: dict[str, list[int]] = {name: [] for name in PHASES}
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        for served in serve(site_dir):
            build_example(site_dir, served.base)
            for browser in launch():
                for run in range(1, args.runs + 1):
                    found, on_load, interactive = one_run(browser, served.url(args.path), args.width)
                    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
                    print(f"run {run} (load average {load}): long tasks as wall/CPU ms; the chart's own runs in ms")
                    for name in PHASES:
                        found_tasks, found_ours = found[name]
                        wall[name].append(max((w for w, _ in found_tasks), default=0))
                        cpu[name].append(max((c for _, c in found_tasks), default=0))
                        own[name].append(max(found_ours, default=0))
                        shown = " ".join(f"{w}/{c}" for w, c in found_tasks) or "-"
                        print(f"  {name:>10}: {shown}; the chart's: {found_ours or '-'}")
                print(f"bytes on load: {on_load:,}; once the chart is interactive: {interactive:,}")
    print(f"over {args.runs} runs, median and max:")
    for name in PHASES:
        print(
            f"  {name:>10}: longest task {statistics.median(wall[name]):.0f}, {max(wall[name])} ms wall; "
            f"most CPU in a task {statistics.median(cpu[name]):.0f}, {max(cpu[name])} ms; "
            f"the chart's longest run {statistics.median(own[name]):.0f}, {max(own[name])} ms"
        )


if __name__ == "__main__":
    main()
