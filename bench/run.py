"""Benchmark: the plugin against the same portfolio written as plain Markdown pages.

    python bench/run.py -n 100 1000 --runs 3 --json bench.json

For each N, generates a portfolio (``bench/generate.py``) and builds it

  (a) with the plugin (MkDocs + Material + search + cjm), and
  (b) as the equivalent hand-written Markdown pages (``bench/plain.py``) under plain MkDocs +
      Material + search, with the same navigation (the same sections and index pages) and
      the same page set,

each build in a fresh ``mkdocs build`` subprocess, ``--runs`` times, alternating (a) and (b).
It reports the medians of wall time, peak memory of the build process (its max RSS, from
``wait4``), site bytes, bytes of the largest and the median journey page's HTML and bytes of the search
index, and the ratio a/b of each. Journey pages are measured twice: the largest one (which
grows a little with N only because a larger sample holds a longer map) and the median one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import TODAY, generate
from plain import write_plain

from mkdocs_cjm.core.loader import load_portfolio
from mkdocs_cjm.core.maptypes import MAP_TYPES

SITE_NAME = "Benchmark portfolio"
METRICS = ("wall_s", "peak_rss_mb", "site_bytes", "largest_journey_bytes", "median_journey_bytes", "search_index_bytes")


def base_config(docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    """What both builds share: Material with the example portfolio's navigation features."""
    return {
        "site_name": SITE_NAME,
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": {
            "name": "material",
            "font": False,
            "features": [
                "navigation.instant",
                "navigation.tabs",
                "navigation.indexes",
                "navigation.top",
                "search.suggest",
                "search.highlight",
            ],
        },
        "markdown_extensions": ["tables", "attr_list", {"toc": {"permalink": True}}],
        "validation": {
            "omitted_files": "info",
            "absolute_links": "info",
            "unrecognized_links": "info",
            "anchors": "info",
            "not_found": "info",
        },
    }


def plugin_config(docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    cfg = base_config(docs_dir, site_dir)
    # As a site with the plugin is set up: its own search (Pagefind), not Material's as well.
    cfg["plugins"] = [{"cjm": {"today": TODAY.isoformat()}}]
    return cfg


def plain_config(docs_dir: Path, site_dir: Path) -> dict[str, Any]:
    cfg = base_config(docs_dir, site_dir)
    cfg["plugins"] = ["search"]
    # The navigation the plugin makes: one entry per section, the gallery with its pages.
    cfg["nav"] = [
        "index.md",
        {"Personas": "personas/index.md"},
        {"Journeys": "journeys/index.md"},
        {"Opportunities": "opportunities/index.md"},
        {"Owners": "owners/index.md"},
        {"Template gallery": ["templates/index.md", *(f"templates/{k.value}.md" for k in MAP_TYPES)]},
    ]
    cfg["not_in_nav"] = "/personas/\n/journeys/\n/owners/\n"
    cfg["exclude_docs"] = "!/templates/\n"  # MkDocs leaves a /templates/ folder out by default
    return cfg


@dataclass
class Result:
    wall_s: float
    peak_rss_mb: float
    site_bytes: int
    largest_journey_bytes: int
    median_journey_bytes: int
    search_index_bytes: int
    """Material's search_index.json (which every page downloads), or Pagefind's whole index on
    disk (of which a search downloads the parts it needs: bench/scale.py measures those)."""


def build(config_file: Path, site_dir: Path) -> Result:
    """One ``mkdocs build`` in a fresh process; its wall time, its own peak RSS and the site's sizes."""
    wall, rss, _ = timed_build(config_file, site_dir)
    journeys = sorted(p.stat().st_size for p in (site_dir / "journeys").glob("*/index.html"))
    return Result(
        wall_s=wall,
        peak_rss_mb=rss,
        site_bytes=sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file()),
        largest_journey_bytes=max(journeys, default=0),
        median_journey_bytes=int(statistics.median(journeys)) if journeys else 0,
        search_index_bytes=_size(site_dir / "search" / "search_index.json") or _tree_size(site_dir / "pagefind"),
    )


def _tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else 0


def timed_build(config_file: Path, site_dir: Path) -> tuple[float, float, float]:
    """``mkdocs build`` in a fresh process: its wall time (s), its own peak RSS (MB) and its CPU
    time (s, user + system: less sensitive than wall time to other work on the machine), from ``wait4``."""
    shutil.rmtree(site_dir, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build of {config_file} failed:\n{errors.decode(errors='replace')}")
    return round(wall, 3), round(usage.ru_maxrss / 1024, 1), round(usage.ru_utime + usage.ru_stime, 3)


def prepare(work: Path, n: int, seed: int, plain_too: bool = True) -> tuple[Path, Path]:
    """Generate the portfolio and its plain twin; return the two config files."""
    content, plain = work / "content", work / "plain"
    shutil.rmtree(content, ignore_errors=True)
    shutil.rmtree(plain, ignore_errors=True)
    generate(content, n, seed)
    portfolio = load_portfolio(content, today=TODAY)
    if portfolio.problems:
        raise SystemExit("the generated portfolio has problems:\n" + "\n".join(map(str, portfolio.problems[:20])))
    if plain_too:
        write_plain(portfolio, plain, SITE_NAME)
    a, b = work / "plugin.yml", work / "plain.yml"
    a.write_text(yaml.safe_dump(plugin_config(content, work / "site-plugin"), sort_keys=False))
    b.write_text(yaml.safe_dump(plain_config(plain, work / "site-plain"), sort_keys=False))
    return a, b


def median(results: list[Result]) -> dict[str, float]:
    return {m: statistics.median(getattr(r, m) for r in results) for m in METRICS}


def bench(n: int, runs: int, seed: int, work: Path, plain_too: bool = True) -> dict[str, Any]:
    a, b = prepare(work, n, seed, plain_too)
    plugin: list[Result] = []
    plain: list[Result] = []
    for _ in range(runs):
        plugin.append(build(a, work / "site-plugin"))
        if plain_too:
            plain.append(build(b, work / "site-plain"))
    ma = median(plugin)
    mb = median(plain) if plain else dict.fromkeys(METRICS, 0.0)
    return {
        "n": n,
        "runs": runs,
        "seed": seed,
        "plugin": ma,
        "plain": mb if plain else None,
        "ratio": {m: round(ma[m] / mb[m], 3) if mb[m] else None for m in METRICS},
        "plugin_runs": [asdict(r) for r in plugin],
        "plain_runs": [asdict(r) for r in plain],
    }


def table(results: list[dict[str, Any]]) -> str:
    lines = ["| N | metric | plugin (a) | plain Markdown (b) | a/b |", "|---:|---|---:|---:|---:|"]
    for res in results:
        for m in METRICS:
            plain = _fmt(res["plain"][m]) if res["plain"] else "–"
            ratio = f"{res['ratio'][m]:.2f}" if res["ratio"][m] is not None else "–"
            lines.append(f"| {res['n']} | {m} | {_fmt(res['plugin'][m])} | {plain} | {ratio} |")
    return "\n".join(lines)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value >= 1000 else f"{value:g}"


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, nargs="+", default=[100, 1000], help="portfolio sizes (default 100 1000)")
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind per size (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--plugin-only", action="store_true", help="build only with the plugin (e.g. at -n 10000)")
    parser.add_argument("--work", type=Path, help="keep the generated portfolios and sites in this folder")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="cjm-bench-") as tmp:
        root = args.work or Path(tmp)
        for n in args.n:
            work = root / f"n{n}"
            work.mkdir(parents=True, exist_ok=True)
            results.append(bench(n, args.runs, args.seed, work, plain_too=not args.plugin_only))
            sys.stderr.write(f"N={n} done\n")
    report = table(results)
    sys.stdout.write(report + "\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
