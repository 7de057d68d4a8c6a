"""Bytes a page of the example portfolio fetches on load, and once its interactive chart is drawn (or, without a chart, once scrolled to its end).

    .venv/bin/python bench/page_weight.py [journeys/first-week-setup/]

Builds content/ with the repository's mkdocs.yml into a temporary folder, serves it on
127.0.0.1 and measures in Debian's Chromium (/usr/bin/chromium) at 1280 × 900.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser.conftest import JOURNEY, build_example, launch, open_tab, serve  # noqa: E402
from browser.weight import PLOTLY, weigh_journey  # noqa: E402


def main(path: str = JOURNEY) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        for served in serve(site_dir):
            build_example(site_dir, served.base)
            for browser in launch():
                tab = open_tab(browser)
                before, after, ledger = weigh_journey(tab.page, served.url(path))
                plotly = sum(size for url, size in ledger.sizes.items() if PLOTLY in url)
                print(f"page: /{path}")
                print(f"on load:                         {before:>9,} bytes in {len(ledger.sizes) - 1} responses")
                print(f"chart interactive:               {after:>9,} bytes (plotly.js: {plotly:,})")
                for url, size in sorted(ledger.sizes.items(), key=lambda item: -item[1]):
                    print(f"  {size:>9,}  {url.removeprefix(served.base)}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
