"""How much of each example map's grid a reader sees on opening its page (not a timed test).

    .venv/bin/python bench/grid_share.py                  # the working tree
    .venv/bin/python bench/grid_share.py --ref main       # a git revision (e.g. before a change)
    .venv/bin/python bench/grid_share.py --size 1280x800 --fit

Builds content/ with mkdocs.yml — of the working tree, or with ``--ref`` of that revision (its
mkdocs_cjm package, content, theme and mkdocs.yml, taken with ``git archive``, built with that
package) — serves it on 127.0.0.1 and opens each map under content/journeys in Debian's
Chromium (/usr/bin/chromium) at 1440 × 900 (``--size``). Per map it reports, as the page opens
(scrolled to the top, nothing stored): the stages, the grid's width and the part of it in view
sideways (its share), where the grid starts, and whether its stage header row and its first lane
row are wholly above the fold. ``--fit`` opens the pages with the reader's "fit the map to the
window" choice stored (ignored by revisions that do not have it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser.conftest import launch, open_tab, serve  # noqa: E402

FIT_KEY = "cjm.fit"  # cjm.js: where the reader's choice to fit wide maps to the window is kept

MEASURE = """() => {
  const table = document.querySelector('.cjm-grid-wrap table.cjm-grid');
  const wrap = table.closest('.cjm-grid-wrap');
  const t = table.getBoundingClientRect(), w = wrap.getBoundingClientRect();
  const left = Math.max(t.left, w.left + wrap.clientLeft, 0);
  const right = Math.min(t.right, w.left + wrap.clientLeft + wrap.clientWidth, innerWidth);
  const head = table.tHead.getBoundingClientRect(), first = table.tBodies[0].rows[0].getBoundingClientRect();
  return {stages: table.tHead.rows[0].cells.length - 1, width: t.width, seen: Math.max(0, right - left),
          top: t.top, head: head.bottom, first: first.bottom, page: document.scrollingElement.scrollWidth};
}"""


def tree_of(ref: str | None, tmp: Path) -> Path:
    """The repository's files at ``ref`` (None: the working tree itself)."""
    if ref is None:
        return REPO
    archive = tmp / "ref.tar"
    subprocess.run(["git", "-C", str(REPO), "archive", "-o", str(archive), ref], check=True)
    tree = tmp / "tree"
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    return tree


def build(tree: Path, site_dir: Path, site_url: str) -> None:
    """``mkdocs build`` of ``tree`` in a subprocess that imports that tree's mkdocs_cjm."""
    code = (
        "import sys; from mkdocs.commands.build import build; from mkdocs.config import load_config; "
        "build(load_config(sys.argv[1], site_dir=sys.argv[2], site_url=sys.argv[3], strict=True))"
    )
    env = {**os.environ, "PYTHONPATH": str(tree), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-c", code, str(tree / "mkdocs.yml"), str(site_dir), site_url], check=True, cwd=tree, env=env
    )


def measure(browser: Any, url: str, size: tuple[int, int], fit: bool) -> dict[str, Any]:
    tab = open_tab(browser, viewport={"width": size[0], "height": size[1]})
    page = tab.page
    try:
        if fit:
            page.add_init_script(f"localStorage.setItem({FIT_KEY!r}, '1')")
        page.goto(url, wait_until="networkidle")
        page.evaluate("() => document.fonts.ready")
        return dict(page.evaluate(MEASURE))
    finally:
        page.context.close()


def report(rows: list[tuple[str, dict[str, Any]]], size: tuple[int, int]) -> None:
    print(
        f"{'map':<28} {'stages':>6} {'grid px':>8} {'seen px':>8} {'share':>6} {'top':>5} {'head':>5} {'row 1':>6}  above the fold"
    )
    for name, r in rows:
        share = r["seen"] / r["width"]
        fold = "header + row 1" if r["first"] <= size[1] else ("header" if r["head"] <= size[1] else "no")
        print(
            f"{name:<28} {r['stages']:>6} {r['width']:>8.0f} {r['seen']:>8.0f} {share:>6.0%} "
            f"{r['top']:>5.0f} {r['head']:>5.0f} {r['first']:>6.0f}  {fold}"
        )
    fits = sum(1 for _, r in rows if r["seen"] >= r["width"] - 1)
    above = sum(1 for _, r in rows if r["first"] <= size[1])
    mean = sum(r["seen"] / r["width"] for _, r in rows) / len(rows)
    print(
        f"whole width in view: {fits} of {len(rows)} maps; mean share {mean:.0%}; header + first row above the fold: {above} of {len(rows)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", help="a git revision to measure instead of the working tree")
    parser.add_argument("--size", default="1440x900", help="viewport, WIDTHxHEIGHT (default 1440x900)")
    parser.add_argument(
        "--fit", action="store_true", help="with the reader's 'fit the map to the window' choice stored"
    )
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.split("x"))
    assert len(size) == 2
    with tempfile.TemporaryDirectory() as tmp:
        tree = tree_of(args.ref, Path(tmp))
        maps = sorted(p.stem for p in (tree / "content" / "journeys").iterdir() if p.suffix in {".yml", ".yaml", ".md"})
        site_dir = Path(tmp) / "site"
        for served in serve(site_dir):
            build(tree, site_dir, served.base)
            for browser in launch():
                rows = [
                    (name, measure(browser, served.url(f"journeys/{name}/"), (size[0], size[1]), args.fit))
                    for name in maps
                ]
        print(f"{args.ref or 'working tree'} at {size[0]} × {size[1]}{', fit to window' if args.fit else ''}:")
        report(rows, (size[0], size[1]))


if __name__ == "__main__":
    main()
