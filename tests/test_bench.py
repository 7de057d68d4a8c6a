"""The benchmark scripts keep working (quick runs at a tiny N; the timings are not checked)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

import generate
import rebuild
import run
import scale

from mkdocs_cjm.core.loader import load_portfolio
from mkdocs_cjm.core.maptypes import MapType


def test_generated_portfolio_loads_without_a_single_problem(tmp_path: Path) -> None:
    generate.generate(tmp_path, 80, seed=7)
    portfolio = load_portfolio(tmp_path, today=generate.TODAY)
    assert [str(p) for p in portfolio.problems] == []
    assert len(portfolio.maps) == 80
    assert len(portfolio.personas) == 2 and len(portfolio.owners) == 3
    types = Counter(m.model.type for m in portfolio.maps.values())
    assert types == {
        MapType.CURRENT_STATE: 36,
        MapType.FUTURE_STATE: 16,
        MapType.DAY_IN_THE_LIFE: 12,
        MapType.SERVICE_BLUEPRINT: 16,
    }
    for entry in portfolio.maps.values():
        assert 5 <= len(entry.model.stages) <= 8
        if entry.model.type is MapType.FUTURE_STATE:
            assert portfolio.maps[entry.model.improves or ""].model.type is MapType.CURRENT_STATE
    assert any(ref.opportunity.addresses for ref in portfolio.opportunities.values())
    assert {o.model.kind for o in portfolio.owners.values()} == {"team", "person"}


def test_the_same_seed_gives_the_same_files(tmp_path: Path) -> None:
    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    one = files(generate.generate(tmp_path / "a", 12, seed=3))
    assert one == files(generate.generate(tmp_path / "b", 12, seed=3))
    assert one != files(generate.generate(tmp_path / "c", 12, seed=4))


def test_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    [result] = run.main(["-n", "10", "--runs", "1", "--json", str(out), "--work", str(tmp_path / "work")])
    assert out.is_file()
    for side in ("plugin", "plain"):
        assert result[side]["wall_s"] > 0 and result[side]["peak_rss_mb"] > 0
        assert result[side]["largest_journey_bytes"] > 1000
        assert result[side]["search_index_bytes"] > 1000
    # Both sites have the same pages.
    pages = [
        {
            p.relative_to(tmp_path / "work/n10" / site).as_posix()
            for p in (tmp_path / "work/n10" / site).rglob("index.html")
        }
        for site in ("site-plugin", "site-plain")
    ]
    assert pages[0] == pages[1]
    assert "index.html" in pages[0] and len(pages[0]) > 10


def test_rebuild_timing_runs_at_a_tiny_size() -> None:
    result = rebuild.main(["-n", "10"])
    assert result["rebuild"]["pages_rendered"] >= 1
    assert result["rebuild"]["pages_reused"] > 0
    # A share of times, not checked against 1: at ten maps on a busy machine the rebuild's plugin
    # time can exceed the full build's (a timing is the benchmark's to report, not a test's).
    assert result["plugin_share"] > 0


def test_scale_reports_page_sizes_at_a_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "scale.json"
    # Its own process: Playwright's sync API refuses to start beside the browser tests' session on this worker.
    command = [sys.executable, str(REPO / "bench/scale.py"), "-n", "10", "--query", "till", "--key-delay", "20"]
    done = subprocess.run(
        [*command, "--json", str(out), "--work", str(tmp_path / "work")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    [result] = json.loads(out.read_text(encoding="utf-8"))
    # The site's own search box (search: pagefind) is found, opened and answers in Chromium.
    [search] = result["searches"]
    assert search["ui"] == "pagefind" and search["results"] >= 1 and search["query"] == "till"
    assert (
        search["search_bytes"] > 0
        and search["requests"] >= 3
        and search["first_results_s"] >= search["after_typing_s"] > 0
        and search["answered_s"] >= search["after_typing_s"]
    )
    assert any("/pagefind/" in url for url, _ in search["largest"])
    site = result["site"]
    assert len(site["largest"]) == 5 and site["over_limit"] == 0
    sizes = [size for _, size in site["largest"]]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] < scale.PAGE_LIMIT
    assert site["html_pages"] > 10 and site["pages_per_map"] == site["html_pages"] / 10
    assert site["bytes_per_map"] == site["site_bytes"] // 10
    assert "| largest HTML page |" in scale.table([result])
    assert "the whole query answered, from the last keystroke" in scale.table([result])


def test_scale_counts_what_a_search_fetches(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_bytes(b"x" * (scale.PAGE_LIMIT + 1))
    (tmp_path / "index.html").write_bytes(b"y" * 10)
    (tmp_path / "style.css").write_bytes(b"z" * 5)
    size = scale.measure_site(tmp_path, maps=2)
    assert size.largest == [("a/index.html", scale.PAGE_LIMIT + 1), ("index.html", 10)]
    assert (size.over_limit, size.html_pages, size.site_bytes) == (1, 2, scale.PAGE_LIMIT + 16)
    # The index fetched at page load counts; the page's own stylesheet does not; all after opening does.
    fetches = [
        scale.Fetch("http://h/assets/style.css", 1.0, 100),
        scale.Fetch("http://h/search/search_index.json", 1.5, 5000),
        scale.Fetch("http://h/pagefind/fragment/x.pf_fragment", 3.0, 70),
    ]
    material = next(ui for ui in scale.SEARCH_UIS if ui.name == "material")
    mine, before = scale.search_cost(fetches, opened=2.0, assets=material.assets)
    assert [f.bytes for f in mine] == [5000, 70] and before == 5100
