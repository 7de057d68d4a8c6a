"""The insights page, each persona's heatmap and the Start here path, built from the example
portfolio (content/, on a fixed date) and from a generated larger one."""
# Lookups in built pages (BeautifulSoup) may give None: a missing element fails the test where
# it is looked up, which is what these tests are for.
# mypy: disable-error-code="union-attr,index"

from __future__ import annotations

import math
import sys
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from conftest import REPO, TODAY, Site, build_site, example_options, load_example
from mkdocs_cjm.core.assembly.portfolio import Portfolio
from mkdocs_cjm.core.emotion import to_common
from mkdocs_cjm.core.maptypes import MAP_TYPES
from mkdocs_cjm.core.models import Scale
from mkdocs_cjm.core.options import REVIEW_DUE_DAYS
from mkdocs_cjm.core.pages import insights, start
from mkdocs_cjm.core.pages.cards import STATUS_ORDER
from mkdocs_cjm.core.text import count_words, reading_minutes

CONTENT = REPO / "content"
LONG_BODY = "\n\n## Notes\n\n" + " ".join(["word"] * 1000) + "\n"
"""A thousand words added to one map's narrative: its reading time grows by five minutes."""


def example_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        p.relative_to(CONTENT).as_posix(): p.read_bytes() for p in CONTENT.rglob("*") if p.is_file()
    }
    del files["tags.md"]  # a page for Material's tags plugin, which the test config leaves out
    files["journeys/ava-late-shift.md"] = (CONTENT / "journeys/ava-late-shift.md").read_text(
        encoding="utf-8"
    ) + LONG_BODY
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(tmp_path_factory.mktemp("insights"), example_files(), plugin=example_options())


@pytest.fixture(scope="module")
def portfolio(site: Site) -> Portfolio:
    return load_example(site.root / "docs", today=date.fromisoformat(TODAY))


def resolve(site: Site, page: str, href: Any) -> tuple[str, str, str]:
    """(page URL, fragment, query) of a relative link on the page at ``page``."""
    parts = urlsplit(urljoin("http://x/" + page, str(href)))
    return parts.path.lstrip("/"), parts.fragment, parts.query


def assert_lands(site: Site, page: str, href: Any) -> None:
    """The link goes to a built page, and to an element of it when it names one."""
    url, fragment, _ = resolve(site, page, href)
    assert site.exists(url), href
    if fragment:
        assert site.html(url).find(id=fragment) is not None, href


def test_pages_exist_in_nav_and_are_linked_from_home(site: Site) -> None:
    assert site.warnings == []
    home = site.html("")
    hrefs = [a["href"] for a in home.select(".cjm-home__paths a")]
    assert hrefs == ["start/", "insights/"]
    nav = [a["href"] for a in home.select("nav.md-nav--primary a.md-nav__link[href]")]
    assert "start/" in nav and "insights/" in nav
    for url in ("start/", "insights/", "insights/priya-shah/", "insights/dev-patel/"):
        assert site.exists(url), url


def test_summary_heatmap_is_a_table_of_personas_in_declared_order(site: Site, portfolio: Portfolio) -> None:
    soup = site.html("insights/")
    table = soup.select_one("table.cjm-heatmap--summary")
    assert "−2..+2" in table.caption.get_text()
    heads = [th.get_text() for th in table.select("thead th")]
    assert heads == ["Persona", "Maps", *insights.PHASES, "Lowest moment"]
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    rows = table.select("tbody tr")
    assert [r.th["scope"] for r in rows] == ["row"] * len(rows)
    names = [r.th.get_text(strip=True) for r in rows]
    assert names == [p.model.name for p in portfolio.sorted_personas()]
    for row in rows:
        cells = row.select("td.cjm-heat")
        assert len(cells) == len(insights.PHASES)
        for cell in cells:  # the score is written, the colour repeats it
            text = cell.get_text(strip=True)
            assert text and "−0" not in text.replace("−0.", "")
        assert_lands(site, "insights/", row.th.a["href"])
        for a in row.select("td:last-child a"):
            assert_lands(site, "insights/", a["href"])


def test_scores_are_put_on_one_scale(site: Site, portfolio: Portfolio) -> None:
    """Dev Patel's month-end map is scored 1..5: its 1 reads −2, as a −2 of a −2..+2 map does."""
    assert to_common(Scale(min=1, max=5), 1) == -2 and to_common(Scale(min=1, max=5), 3) == 0
    assert to_common(Scale(min=1, max=10), 10) == 2
    entry = portfolio.maps["month-end-bookkeeping"]
    assert (entry.model.scale.min, entry.model.scale.max) == (1, 5)
    soup = site.html("insights/dev-patel/")
    row = next(r for r in soup.select("table.cjm-heatmap--maps tbody tr") if r.th.a.get_text() == entry.model.title)
    for cell, stage in zip(row.select("td.cjm-heat"), entry.model.stages, strict=True):
        own = stage.emotion if stage.emotion is not None else None
        if isinstance(own, (int, float)):
            assert (
                cell.select_one(".cjm-heat__score").get_text()
                == insights.heat_cell(to_common(entry.model.scale, own)).text
            )
    lowest = site.html("insights/").select("table.cjm-lowest tbody tr")
    dev = [r for r in lowest if "Dev Patel" in r.get_text()]
    assert dev and dev[0].select_one("td.cjm-heat").get_text() == "−2" and "1 on 1..5" in dev[0].get_text()
    assert "cjm-heat--n2" in dev[0].select_one("td.cjm-heat")["class"]


def test_each_heatmap_cell_links_to_its_stage(site: Site, portfolio: Portfolio) -> None:
    for persona in portfolio.sorted_personas():
        page = f"insights/{persona.id}/"
        soup = site.html(page)
        table = soup.select_one("table.cjm-heatmap--maps")
        assert table.caption and all(th["scope"] == "row" for th in table.select("tbody th"))
        rows = table.select("tbody tr")
        maps = portfolio.maps_by_persona[persona.id]
        assert [r.th.a.get_text() for r in rows] == [m.model.title for m in maps]  # reading order
        for row, entry in zip(rows, maps, strict=True):
            links = row.select("td.cjm-heat > a")
            assert len(links) == len(entry.model.stages)
            for a, stage_id, stage in zip(links, entry.stage_ids, entry.model.stages, strict=True):
                url, fragment, _ = resolve(site, page, a["href"])
                assert (url, fragment) == (f"journeys/{entry.id}/", f"stage-{stage_id}")
                assert_lands(site, page, a["href"])
                assert a.select_one(".cjm-heat__stage").get_text() == stage.name


def test_lowest_moments_are_the_lowest_in_order(site: Site, portfolio: Portfolio) -> None:
    expected = insights.lowest_moments(portfolio)
    every = sorted(m.common for e in portfolio.sorted_maps() for m in insights.moments(e))
    assert [m.common for m in expected] == every[: insights.LOWEST]
    rows = site.html("insights/").select("table.cjm-lowest tbody tr")
    assert len(rows) == insights.LOWEST
    assert [r.th.get_text(strip=True) for r in rows] == [m.entry.model.stages[m.stage_index].name for m in expected]
    for row, m in zip(rows, expected, strict=True):
        url, fragment, _ = resolve(site, "insights/", row.th.a["href"])
        assert (url, fragment) == (f"journeys/{m.entry.id}/", f"stage-{m.entry.stage_ids[m.stage_index]}")
        assert_lands(site, "insights/", row.th.a["href"])


def test_opportunity_counts_link_to_the_filtered_listing(site: Site, portfolio: Portfolio) -> None:
    soup = site.html("insights/")
    table = soup.select_one("#opportunities ~ div table.cjm-counts-table")
    statuses = [th.get_text() for th in table.select("thead th")][1:6]
    assert statuses == [s.title for s in STATUS_ORDER]
    seen = 0
    for row in table.select("tbody tr"):
        owner_href = row.th.a["href"]
        owner = owner_href.rstrip("/").rsplit("/", 1)[-1]
        refs = portfolio.opportunities_by_owner[owner]
        for cell, status in zip(row.select("td")[:5], STATUS_ORDER, strict=True):
            n = sum(1 for r in refs if r.opportunity.status is status)
            assert cell.get_text() == str(n)
            if n:
                url, _, query = resolve(site, "insights/", cell.a["href"])
                assert url == "opportunities/" and parse_qs(query) == {"owner": [owner], "status": [status.value]}
                seen += 1
            else:
                assert cell.a is None
        assert row.select("td")[-1].get_text() == str(len(refs))
    assert seen
    prio = soup.select_one("#priorities ~ div table")
    high = prio.select("tbody tr")[0]
    assert high.th.get_text() == "High"
    assert parse_qs(resolve(site, "insights/", high.a["href"])[2]) == {"priority": ["high"]}
    assert high.a.get_text() == str(
        sum(1 for r in portfolio.opportunities.values() if r.opportunity.priority == "high")
    )


def test_review_health_counts_and_links_overdue_maps(site: Site, portfolio: Portfolio) -> None:
    soup = site.html("insights/")
    rows = soup.select("#reviews ~ div table tbody tr")
    overdue_counts = []
    for row in rows:
        owner = row.th.a["href"].rstrip("/").rsplit("/", 1)[-1]
        maps = [m for m in portfolio.maps_by_owner[owner] if m.model.status.value != "archived"]
        overdue = sum(1 for m in maps if portfolio.review_state(m).overdue)
        soon = sum(1 for m in maps if portfolio.review_state(m).due_soon(portfolio.today, REVIEW_DUE_DAYS))
        cells = [td.get_text() for td in row.select("td")]
        assert cells == [str(overdue), str(soon), str(len(maps) - overdue - soon)]
        if overdue:
            url, _, query = resolve(site, "insights/", row.td.a["href"])
            assert url == "journeys/" and parse_qs(query) == {"owner": [owner], "overdue": ["1"]}
        overdue_counts.append(overdue)
    assert overdue_counts == sorted(overdue_counts, reverse=True) and overdue_counts[0] > 0


def test_start_here_reads_personas_in_order_persona_page_first(site: Site, portfolio: Portfolio) -> None:
    soup = site.html("start/")
    sections = soup.select("section.cjm-path")
    assert [s.h2["id"] for s in sections] == [f"path-{p.id}" for p in portfolio.sorted_personas()]
    order = [info.type for info in sorted(MAP_TYPES.values(), key=lambda i: i.reading_order)]
    assert [t.value for t in order] == ["day-in-the-life", "current-state", "future-state", "service-blueprint"]
    for section, persona in zip(sections, portfolio.sorted_personas(), strict=True):
        steps = section.select("ol.cjm-path__steps > li")
        first = steps[0].select_one(".cjm-path__title a")
        assert resolve(site, "start/", first["href"])[0] == f"personas/{persona.id}/"
        path = start.reading_path(portfolio, persona.id)
        assert [s.select_one(".cjm-path__title a").get_text() for s in steps[1:]] == [m.model.title for m in path]
        kinds = [order.index(m.model.type) for m in path]
        assert kinds == sorted(kinds)  # day in the life first, then current state, future state, blueprint
        assert all(m.model.status.value != "archived" for m in path)
        for step, entry in zip(steps[1:], path, strict=True):
            assert step.select_one(".cjm-path__time").get_text() == f"{entry.reading_minutes} min read"
            assert_lands(site, "start/", step.select_one("a")["href"])


def test_reading_time_counts_the_words_of_the_map(site: Site, portfolio: Portfolio) -> None:
    assert count_words("Read [the guide](../x.md) at <b>https://e.x/a</b> — it's short.") == 6
    assert [reading_minutes(n) for n in (0, 1, 200, 201, 400, 401)] == [1, 1, 1, 2, 2, 3]
    entry = portfolio.maps["ava-late-shift"]
    assert entry.words > 1000 and entry.reading_minutes == math.ceil(entry.words / 200)
    without = entry.words - 1001  # the added heading word and a thousand words
    assert reading_minutes(without) + 5 <= entry.reading_minutes <= reading_minutes(without) + 6
    li = next(li for li in site.html("start/").select("li") if li.a and li.a.get_text() == entry.model.title)
    assert li.select_one(".cjm-path__time").get_text() == f"{entry.reading_minutes} min read"


def test_a_path_keeps_at_most_five_maps_and_says_where_the_rest_are(portfolio: Portfolio) -> None:
    assert start.reading_path(portfolio, "priya-shah", limit=2) != []
    two = start.reading_path(portfolio, "priya-shah", limit=2)
    every = [m for m in portfolio.maps_by_persona["priya-shah"] if m.model.status.value != "archived"]
    assert len(two) == 2 and all(m in every for m in two)
    assert [every.index(m) for m in two] == sorted(every.index(m) for m in two)  # still in reading order
    assert {m.model.type for m in two} == {every[0].model.type, two[1].model.type}
    assert two[0].model.type.value == "day-in-the-life"  # the first kind to read is always kept


def test_output_is_deterministic(site: Site, tmp_path: Path) -> None:
    again = build_site(tmp_path, example_files(), plugin=example_options())
    for url in ("insights/", "insights/priya-shah/", "start/"):
        assert again.text(url) == site.text(url), url


@pytest.fixture(scope="module")
def larger(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A generated portfolio of 300 maps (7 personas), its heatmaps, path and tables split or cut small."""
    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate

    root = tmp_path_factory.mktemp("larger")
    generate(root / "docs", 300, 3)
    patch = pytest.MonkeyPatch()
    patch.setattr(insights, "MAPS_PER_PAGE", 12)
    patch.setattr(start, "PERSONAS_PER_PAGE", 3)
    patch.setattr(insights, "TOP_OWNERS", 5)
    try:
        return build_site(root, {}, strict=False)
    finally:
        patch.undo()


def test_pages_stay_bounded_at_scale(larger: Site) -> None:
    portfolio = load_example(larger.root / "docs", today=date.fromisoformat(TODAY))
    assert len(portfolio.maps) == 300
    main = larger.html("insights/")
    assert len(main.select("table.cjm-heatmap--summary tbody tr")) == len(portfolio.personas)
    owners_table = main.select_one("#opportunities ~ div table")
    assert len(owners_table.select("tbody tr")) == 5 < len(portfolio.opportunities_by_owner)
    assert len(main.select("#reviews ~ div table tbody tr")) == 5
    assert larger.path("insights/").stat().st_size < 200_000
    for persona in portfolio.sorted_personas():
        maps = portfolio.maps_by_persona[persona.id]
        pages = math.ceil(len(maps) / 12)
        urls = [f"insights/{persona.id}/"] + [f"insights/{persona.id}/{k}/" for k in range(2, pages + 1)]
        rows = [larger.html(u).select("table.cjm-heatmap--maps tbody tr") for u in urls]
        assert all(len(r) <= 12 for r in rows) and sum(map(len, rows)) == len(maps)
        assert not larger.exists(f"insights/{persona.id}/{pages + 1}/")
        pager = [a["href"] for a in larger.html(urls[0]).select("nav.cjm-pager a")][: len(urls)]
        assert [resolve(larger, urls[0], h)[0] for h in pager] == (urls if pages > 1 else [])
    starts = ["start/"] + [f"start/{k}/" for k in range(2, math.ceil(len(portfolio.personas) / 3) + 1)]
    ids = [s.h2["id"] for u in starts for s in larger.html(u).select("section.cjm-path")]
    assert ids == [f"path-{p.id}" for p in portfolio.sorted_personas()]
    for u in starts:
        for section in larger.html(u).select("section.cjm-path"):
            assert len(section.select("ol > li")) <= start.PATH_MAPS + 1
            assert larger.path(u).stat().st_size < 200_000
