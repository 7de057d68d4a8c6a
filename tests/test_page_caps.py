"""Pages that stay small (issue 14, point 3): past the ``list_limit`` option, a section of a
generated page shows its first entries, the full count and an "All N →" link into the filtered
journeys or opportunities listing; common tags stay off Material's tags index. A small
portfolio (the example) is not touched."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import REPO, TODAY, Site, build_project, build_site, example_options
from mkdocs_cjm.core.assembly.portfolio import Portfolio
from mkdocs_cjm.core.loader import load_portfolio
from mkdocs_cjm.core.maptypes import MapType
from mkdocs_cjm.core.models import MapStatus
from mkdocs_cjm.core.pages.cards import STATUS_ORDER

sys.path.insert(0, str(REPO / "bench"))
import generate

LIMIT = 2
TAGS_PAGE = "# Tags\n\n<!-- material/tags -->\n"


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Portfolio]:
    """120 generated maps (3 personas, 2 teams, 2 people) with ``list_limit: 2`` and Material's tags."""
    root = tmp_path_factory.mktemp("caps")
    generate.generate(root / "docs", 120, seed=1)
    plugins = ["search", "tags", {"cjm": {"today": TODAY, "list_limit": LIMIT}}]
    site = build_site(root, {"tags.md": TAGS_PAGE}, config={"plugins": plugins}, strict=False)
    return site, load_portfolio(root / "docs", today=generate.TODAY)


def more(html: BeautifulSoup) -> list[tuple[str, str | None]]:
    """Each "Showing … of …" note: its text and its link's target."""
    notes = []
    for p in html.select(".cjm-more"):
        a = p.find("a")
        notes.append((p.get_text(" ", strip=True), str(a["href"]) if isinstance(a, Tag) else None))
    return notes


def query(href: str | None) -> tuple[str, dict[str, str]]:
    assert href is not None
    parts = urlsplit(href)
    return parts.path, dict(parse_qsl(parts.query))


def test_owner_page_caps_each_status_and_links_to_the_filtered_opportunities(big: tuple[Site, Portfolio]) -> None:
    site, portfolio = big
    owner = "team-0001"
    html = site.html(f"owners/{owner}/")
    refs = portfolio.opportunities_by_owner[owner]
    notes = iter(more(html))
    for status in STATUS_ORDER:
        total = sum(1 for r in refs if r.opportunity.status is status)
        assert total > LIMIT  # the portfolio is big enough for every status to be cut
        heading = html.select_one(f"h3#status-{status.value}")
        assert heading is not None and heading.select_one(".cjm-count").get_text() == str(total)  # type: ignore[union-attr]
        table = heading.find_next("table")
        assert isinstance(table, Tag) and len(table.select("tbody tr")) == LIMIT
        text, href = next(notes)
        assert text == f"Showing {LIMIT} of {total}. All {total} {status.value} opportunities of Onboarding squad 1 →"
        assert query(href) == ("../../opportunities/", {"owner": owner, "status": status.value})
    stages = len(portfolio.stages_by_owner[owner])
    assert len(html.select("#stages ~ ul li")) == LIMIT
    assert next(notes) == (f"Showing {LIMIT} of {stages}. The other {stages - LIMIT} are on their maps' pages.", None)
    maps = len(portfolio.maps_by_owner[owner])
    text, href = next(notes)
    assert text == f"Showing {LIMIT} of {maps}. All {maps} maps of Onboarding squad 1 →"
    assert query(href) == ("../../journeys/", {"owner": owner})
    assert len(html.select("table.cjm-maps tbody tr")) == LIMIT


def test_template_page_shows_examples_and_links_to_every_map_of_its_type(big: tuple[Site, Portfolio]) -> None:
    site, portfolio = big
    html = site.html("templates/current-state/")
    maps = portfolio.maps_by_type[MapType.CURRENT_STATE]
    [(text, href)] = more(html)
    assert text == f"All {len(maps)} current-state maps →"
    assert query(href) == ("../../journeys/", {"type": "current-state"})
    assert f"{len(maps)} maps of the portfolio use this template. {LIMIT} examples" in html.get_text(" ", strip=True)
    shown = [a.get_text() for a in html.select("table.cjm-maps tbody th a")]
    published = [m for m in maps if m.model.status is MapStatus.PUBLISHED]
    newest = sorted(published, key=lambda m: (-(m.model.reviewed or date.min).toordinal(), m.model.title.lower()))
    assert shown == [m.model.title for m in newest[:LIMIT]]


def test_persona_page_lists_the_first_journeys_in_reading_order(big: tuple[Site, Portfolio]) -> None:
    site, portfolio = big
    persona = "persona-0001"
    html = site.html(f"personas/{persona}/")
    maps = portfolio.maps_by_persona[persona]
    assert [a.get_text() for a in html.select(".cjm-journey-card h3 a")] == [m.model.title for m in maps[:LIMIT]]
    [(text, href)] = more(html)
    assert text == f"Showing {LIMIT} of {len(maps)}. All {len(maps)} journeys of {portfolio.persona_name(persona)} →"
    assert query(href) == ("../../journeys/", {"persona": persona})


def test_home_page_caps_personas_and_links_every_overdue_map(big: tuple[Site, Portfolio]) -> None:
    site, portfolio = big
    html = site.html("")
    overdue = sum(1 for m in portfolio.maps.values() if portfolio.review_state(m).overdue)
    assert len(html.select("#personas + ul .cjm-card")) == LIMIT
    (personas, to_personas), (late, to_overdue) = more(html)
    assert personas == f"Showing {LIMIT} of 3. All 3 personas →" and to_personas == "personas/"
    assert late == f"Showing 10 of {overdue}. All {overdue} maps overdue for review →"
    assert query(to_overdue) == ("journeys/", {"overdue": "1"})


def test_common_tags_stay_off_materials_tags_index_and_link_to_the_journeys_listing(
    big: tuple[Site, Portfolio],
) -> None:
    site, portfolio = big
    listed = {h.get_text(strip=True) for h in site.html("tags/").select("h2")}
    assert "Current state" not in listed and portfolio.persona_name("persona-0001") not in listed
    entry = portfolio.maps["map-00001"]
    links = site.html("journeys/map-00001/").select("a.cjm-tag")
    assert [(a.get_text(), query(str(a["href"]))) for a in links] == [
        (t, ("../", {"tag": t})) for t in entry.model.tags
    ]


def test_no_cap_touches_the_example_portfolio(tmp_path: Path) -> None:
    """The example builds byte for byte the same with the default limit as with none at all, and
    no page of it says "Showing … of …"."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(REPO / "content"), strict=False)
    config["theme"]["custom_dir"] = str(REPO / "theme")
    sites = {}
    for name, options in (("default", {}), ("unlimited", {"list_limit": 10**9})):
        config["site_dir"] = str(tmp_path / name)
        config["plugins"] = [
            "search",
            "tags",
            {"cjm": {"starters_dir": str(REPO / "site_templates"), **example_options(), **options}},
        ]
        (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        messages, error = build_project(tmp_path)
        assert error is None, messages
        sites[name] = {p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*.html")}
    assert [p for p in sites["default"] if sites["default"][p] != sites["unlimited"].get(p)] == []
    assert not [p for p, text in sites["default"].items() if b'class="cjm-more"' in text]
