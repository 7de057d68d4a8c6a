"""Prioritisation (issue 15, point 7): an opportunity's impact (or value) and effort on a 1..5
scale, the value × effort matrix on journey pages, the listing's columns, filter and quadrant
counts, and a KPI's source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import Site, build_site, load_example, small_portfolio
from mkdocs_cjm.core.export import map_data
from mkdocs_cjm.core.models import Kpi, Opportunity
from mkdocs_cjm.core.sizing import QUADRANTS, quadrant, quadrant_key

SIZED = """
    title: Cashing up
    type: current-state
    personas: [priya]
    scenario: Priya closes the shop and counts the drawer.
    owner: shop-team
    status: published
    reviewed: 2026-10-01
    stages:
      - name: Count
        emotion: -1
        opportunities:
          - {id: count-guide, title: Count on screen, impact: 5, effort: 2}
          - {id: card-match, title: Match card totals, value: very high, effort: Very_High}
          - {id: note-to-owner, title: Leave a note, impact: low, effort: "1"}
          - {id: paper-sheets, title: "<b>Print</b> count sheets", impact: 2, effort: high}
          - {id: research-closers, title: Shadow closing shifts, impact: 4}
          - {id: untouched, title: Ask the team}
        kpis:
          - name: Variance over £5
            value: 18
            unit: "%"
            better: lower
            source: 'Cash-up records <script>alert("x")</script>'
          - name: Count time
            value: 6
            source: {title: Till logs, url: "https://analytics.example/cash?a=1&b=2"}
          - {name: Drawer opens, value: 40, source: "https://analytics.example/drawer"}
"""


def files() -> dict[str, str]:
    return {**small_portfolio(), "journeys/cash-up.yml": SIZED}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(tmp_path_factory.mktemp("prio"), files())


# -- the model ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "size"),
    [(1, 1), (5, 5), ("3", 3), (4.0, 4), ("very low", 1), ("Low", 2), ("medium", 3), ("HIGH", 4), ("very_high", 5)],
)
def test_sizes_are_numbers_from_1_to_5_or_their_words(written: object, size: int) -> None:
    opp = Opportunity.model_validate({"id": "x", "title": "X", "impact": written, "effort": written})
    assert (opp.impact, opp.effort) == (size, size)


@pytest.mark.parametrize("written", [0, 6, 2.5, "huge", "", True, [3]])
def test_other_sizes_are_refused(written: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Opportunity.model_validate({"id": "x", "title": "X", "effort": written})
    assert caught.value.errors()[0]["loc"] == ("effort",)


def test_value_is_another_name_for_impact_but_not_both() -> None:
    opp = Opportunity.model_validate({"id": "x", "title": "X", "value": "high", "effort": 1})
    assert opp.impact == 4 and opp.value is None
    assert "value" not in opp.model_dump() and opp.model_dump()["impact"] == 4
    with pytest.raises(ValidationError) as caught:
        Opportunity.model_validate({"id": "x", "title": "X", "impact": 2, "value": 4})
    [error] = caught.value.errors()
    assert error["loc"] == ("value",) and error["type"] == "cjm_size_twice"


def test_a_kpi_source_is_text_an_address_or_both() -> None:
    def source(value: object) -> tuple[str | None, str | None, str]:
        s = Kpi.model_validate({"name": "N", "source": value}).source
        assert s is not None
        return s.title, s.url, s.label

    assert source("Looker: Funnel") == ("Looker: Funnel", None, "Looker: Funnel")
    assert source("https://bi.example/d/7/") == (None, "https://bi.example/d/7/", "bi.example/d/7")
    assert source({"title": "T", "url": "https://x.example"}) == ("T", "https://x.example", "T")
    assert source("javascript:alert(1)") == ("javascript:alert(1)", None, "javascript:alert(1)")  # text, never a link
    for bad in ({}, "ftp://x.example", {"url": "javascript:alert(1)"}):
        with pytest.raises(ValidationError):
            Kpi.model_validate({"name": "N", "source": bad})


def test_the_quadrants() -> None:
    assert [q.title for q in QUADRANTS] == ["Quick wins", "Big bets", "Fill-ins", "Money pits"]
    names = {(i, e): quadrant_key(i, e) for i in range(1, 6) for e in range(1, 6)}
    assert names[5, 1] == names[4, 3] == "quick-wins"
    assert names[4, 4] == names[5, 5] == "big-bets"
    assert names[3, 3] == names[1, 1] == "fill-ins"  # medium counts as low
    assert names[3, 4] == names[1, 5] == "money-pits"
    assert quadrant(None, 2) is None and quadrant_key(4, None) == "not-sized"


# -- the journey page ------------------------------------------------------------------------


def _quadrant_links(html: object, key: str) -> list[str]:
    box = html.select_one(f".cjm-matrix__quadrant--{key}")  # type: ignore[attr-defined]
    return [a["href"] for a in box.select("li a")]


def test_the_journey_page_places_each_opportunity_in_its_quadrant(site: Site) -> None:
    html = site.html("journeys/cash-up/")
    section = html.select_one("section.cjm-matrix-section")
    assert section is not None and section.h2 is not None and section.h2.get_text() == "Value × effort"
    headings = [h.get_text(" ", strip=True) for h in section.select(".cjm-matrix__quadrant h3")]
    assert headings == ["Quick wins 1", "Big bets 1", "Fill-ins 1", "Money pits 1"]
    assert _quadrant_links(html, "quick-wins") == ["#count-guide"]
    assert _quadrant_links(html, "big-bets") == ["#card-match"]  # `value:` is its impact
    assert _quadrant_links(html, "fill-ins") == ["#note-to-owner"]
    assert _quadrant_links(html, "money-pits") == ["#paper-sheets"]
    # The title is text, never markup.
    assert section.select_one('a[href="#paper-sheets"]').get_text() == "<b>Print</b> count sheets"  # type: ignore[union-attr]
    unsized = section.select_one(".cjm-matrix__unsized")
    assert unsized is not None and unsized.h3 is not None
    assert unsized.h3.get_text(" ", strip=True) == "Not sized 2"
    assert [a["href"] for a in unsized.select("a")] == ["#research-closers", "#untouched"]
    # In the page's sections, after the KPIs; each card names its quadrant.
    bar = [a["href"] for a in html.select(".cjm-bar .cjm-sections a")]
    assert bar.index("#value-effort") == bar.index("#kpis") + 1
    card = html.select_one("#count-guide")
    assert card is not None and card.select_one(".cjm-quadrant").get_text() == "Quick win"  # type: ignore[union-attr]
    assert "Impact 5 Very high" in card.get_text(" ", strip=True)


def test_a_map_without_sized_opportunities_has_no_matrix(site: Site) -> None:
    html = site.html("journeys/setup/")
    assert html.select_one(".cjm-matrix") is None and html.select_one("#value-effort") is None


def test_a_kpi_source_is_shown_escaped_in_the_grid_and_the_table(site: Site) -> None:
    text = site.text("journeys/cash-up/")
    assert "<script>alert" not in text
    html = site.html("journeys/cash-up/")
    sources = [s.get_text(" ", strip=True) for s in html.select(".cjm-grid .cjm-kpi__source")]
    assert sources == [
        'Source: Cash-up records <script>alert("x")</script>',
        "Source: Till logs",
        "Source: analytics.example/drawer",
    ]
    links = html.select(".cjm-grid .cjm-kpi__source a")
    assert [(a["href"], a["rel"]) for a in links] == [
        ("https://analytics.example/cash?a=1&b=2", ["noopener", "noreferrer"]),
        ("https://analytics.example/drawer", ["noopener", "noreferrer"]),
    ]
    table = html.select_one("section[aria-labelledby=kpis] table")
    assert table is not None
    assert [th.get_text() for th in table.select("thead th")][-1] == "Source"
    assert [tr.select("td")[-1].get_text(strip=True) for tr in table.select("tbody tr")][:2] == [
        'Cash-up records <script>alert("x")</script>',
        "Till logs",
    ]
    # A map whose KPIs have no source has no Source column.
    other = site.html("journeys/setup/").select_one("section[aria-labelledby=kpis] table")
    assert other is not None and "Source" not in [th.get_text() for th in other.select("thead th")]


# -- the opportunities listing ---------------------------------------------------------------


def test_the_listing_shows_impact_and_effort_and_counts_the_quadrants(site: Site) -> None:
    html = site.html("opportunities/")
    table = html.select_one(".cjm-listing__static table")
    assert table is not None
    heads = [th.get_text() for th in table.select("thead th")]
    assert heads[heads.index("Priority") + 1 : heads.index("Priority") + 3] == ["Impact", "Effort"]
    row = next(tr for tr in table.select("tbody tr") if tr.select_one('code:-soup-contains("card-match")'))
    assert row.select_one('td[data-label="Impact"]').get_text() == "5"  # type: ignore[union-attr]
    assert row.select_one('td[data-label="Effort"]').get_text() == "5"  # type: ignore[union-attr]
    matrix = html.select_one("[data-cjm-matrix]")
    assert matrix is not None
    counts = {
        box["data-cjm-quadrant"]: (box.select_one("[data-cjm-count]").get_text(), box.select_one("a")["href"])  # type: ignore[union-attr,index]
        for box in matrix.select("[data-cjm-quadrant]")
    }
    assert counts == {
        "quick-wins": ("1", "./?quadrant=quick-wins"),
        "big-bets": ("1", "./?quadrant=big-bets"),
        "fill-ins": ("1", "./?quadrant=fill-ins"),
        "money-pits": ("1", "./?quadrant=money-pits"),
        "not-sized": ("4", "./?quadrant=not-sized"),  # two here, two on the small portfolio's map
    }


def test_the_listing_data_has_the_sizes_and_the_quadrants(site: Site) -> None:
    data = json.loads(site.text("opportunities/entries.json"))
    fields = data["fields"]
    entries = {e[0]: dict(zip(fields, e, strict=True)) for e in data["entries"]}
    assert (entries["card-match"]["impact"], entries["card-match"]["effort"]) == (5, 5)
    assert (entries["research-closers"]["impact"], entries["research-closers"]["effort"]) == (4, None)
    assert data["sizing"] == {
        "high": 4,
        "quadrants": [
            ["quick-wins", "Quick wins", True, False],
            ["big-bets", "Big bets", True, True],
            ["fill-ins", "Fill-ins", False, False],
            ["money-pits", "Money pits", False, True],
        ],
        "none": ["not-sized", "Not sized"],
        "words": ["very low", "low", "medium", "high", "very high"],
    }


def test_a_portfolio_without_sizes_shows_no_matrix_on_the_listing(tmp_path: Path) -> None:
    site = build_site(tmp_path, small_portfolio())
    assert site.html("opportunities/").select_one("[data-cjm-matrix]") is None


def test_the_json_export_has_the_sizes_quadrant_and_source() -> None:
    data = map_data(load_example().maps["first-week-setup"])
    opps = {o["id"]: o for st in data["stages"] for o in st["opportunities"]}
    assert (opps["guide-on-top"]["impact"], opps["guide-on-top"]["effort"], opps["guide-on-top"]["quadrant"]) == (
        4,
        1,
        "quick-wins",
    )
    assert opps["first-month-churn-interviews"]["quadrant"] == "not-sized"
    kpis = [k for st in data["stages"] for k in st["kpis"]]
    assert {
        "title": "Import service logs, weekly report",
        "url": "https://analytics.tillwise.example/reports/import-success",
    } in [k["source"] for k in kpis]
