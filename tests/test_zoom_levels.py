"""Zoom levels (issue 15, point 4): a stage names the map that details it (``details:``), a map
the stage it details (``part_of:``); the map above links down ("Zoom in: …"), the map below shows
its place in a breadcrumb across levels. The messages of bad levels are in the bad-input corpus
(``tests/bad_inputs/zoom-*``); here: the pages, three levels deep, and drafts left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import OWNERS, PERSONA, Site, build_site
from mkdocs_cjm.core.models import JourneyMap, StageOf


def _map(title: str, stages: str, head: str = "", status: str = "published") -> str:
    return (
        f"title: {title}\ntype: current-state\npersonas: [priya]\nscenario: {title}.\nowner: shop-team\n"
        f"status: {status}\nreviewed: 2026-10-01\n{head}stages:\n{stages}"
    )


# Three levels: the year (top) → its "Trading" stage is detailed by the Saturday (middle, named
# by the top's `details:`) → the Saturday's "Closing" stage is detailed by the cash-up (bottom,
# which names its place with `part_of:` alone). A fourth map stands on its own.
THREE_LEVELS = {
    "owners.yml": OWNERS,
    "personas/priya.md": PERSONA,
    "journeys/year.yml": _map(
        "Priya's year",
        "  - name: Setting up\n    emotion: 0\n"
        "  - name: Trading\n    id: trading\n    details: saturday\n    emotion: 1\n",
    ),
    "journeys/saturday.yml": _map(
        "A Saturday in the shop",
        "  - name: Opening\n    emotion: 1\n  - name: Closing up\n    emotion: -1\n",
    ),
    "journeys/cash-up.yml": _map(
        "Cashing up",
        "  - name: Counting\n    emotion: -1\n",
        head="part_of: {map: saturday, stage: closing-up}\n",
    ),
    "journeys/alone.yml": _map("On its own", "  - name: Only\n    emotion: 0\n"),
}


@pytest.fixture(scope="module")
def levels_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(tmp_path_factory.mktemp("levels"), THREE_LEVELS)


def _zoom_links(html: BeautifulSoup) -> list[tuple[int, str, str]]:
    """(stage column, link text, href) of every "Zoom in" link of a map's grid."""
    row = html.select_one("tr.cjm-row--details")
    if row is None:
        return []
    return [(i, a.get_text(), str(a["href"])) for i, td in enumerate(row.find_all("td")) for a in td.select("a")]


def _crumbs(html: BeautifulSoup) -> list[tuple[str, str | None]]:
    nav = html.select_one('nav[aria-label="Journey levels"]')
    if nav is None:
        return []
    assert isinstance(nav, Tag) and nav.ol is not None
    items = nav.ol.find_all("li", recursive=False)
    crumbs = []
    for li in items:
        a = li.find("a")
        crumbs.append((li.get_text(), str(a["href"]) if a else None))
    return crumbs


def test_a_stage_links_down_to_the_map_that_details_it(levels_site: Site) -> None:
    html = levels_site.html("journeys/year/")
    assert _zoom_links(html) == [(1, "Zoom in: A Saturday in the shop", "../saturday/")]
    row = html.select_one("tr.cjm-row--details")
    assert row is not None and row.th is not None and "Detailed maps" in row.th.get_text()
    # The row sits right under the stage names, before the lanes.
    assert html.select("table.cjm-grid tbody tr")[0] is row
    # A stage detailed only by the other map's `part_of:` links down too.
    assert _zoom_links(levels_site.html("journeys/saturday/")) == [(1, "Zoom in: Cashing up", "../cash-up/")]


def test_the_breadcrumb_shows_every_level_above_with_links_to_the_stages(levels_site: Site) -> None:
    html = levels_site.html("journeys/cash-up/")
    assert _crumbs(html) == [
        ("Priya's year", "../year/"),
        ("Trading (stage)", "../year/#stage-trading"),
        ("A Saturday in the shop", "../saturday/"),
        ("Closing up (stage)", "../saturday/#stage-closing-up"),
        ("Cashing up", None),
    ]
    nav = html.select_one('nav[aria-label="Journey levels"]')
    assert nav is not None and nav.select_one("li[aria-current=page]") is not None
    assert nav.find_next("h1") is not None and nav.find_next("h1").get_text() == "Cashing up"  # type: ignore[union-attr]
    # Every stage link lands on the stage's column on the map above.
    for target in ("year/", "saturday/"):
        page = levels_site.html(f"journeys/{target}")
        anchors = {str(th["id"]) for th in page.select("th.cjm-grid__stage")}
        assert any(href.endswith(f"{target}#{a}") for _, href in _crumbs(html) if href for a in anchors)
    assert _crumbs(levels_site.html("journeys/saturday/")) == [
        ("Priya's year", "../year/"),
        ("Trading (stage)", "../year/#stage-trading"),
        ("A Saturday in the shop", None),
    ]


def test_a_map_without_levels_has_neither_breadcrumb_nor_zoom_row(levels_site: Site) -> None:
    for page in ("journeys/alone/", "journeys/year/"):
        assert _crumbs(levels_site.html(page)) == []
    assert _zoom_links(levels_site.html("journeys/alone/")) == []
    assert _zoom_links(levels_site.html("journeys/cash-up/")) == []


def test_the_search_text_names_the_levels_above(levels_site: Site) -> None:
    text = levels_site.html("journeys/cash-up/").get_text(" ")
    assert "Cashing up" in text
    docs = json.loads(levels_site.text("search/search_index.json"))["docs"]
    intro = next(d["text"] for d in docs if d["location"] == "journeys/cash-up/")
    assert "Part of: Priya's year, Trading › A Saturday in the shop, Closing up." in intro


def test_a_draft_left_out_is_no_level_of_any_map(tmp_path: Path) -> None:
    files = dict(THREE_LEVELS)
    files["journeys/saturday.yml"] = _map(
        "A Saturday in the shop",
        "  - name: Opening\n    emotion: 1\n  - name: Closing up\n    emotion: -1\n",
        status="draft",
    )
    site = build_site(tmp_path, files, plugin={"publish_drafts": False})  # strict: no broken link
    assert not site.exists("journeys/saturday/")
    assert _zoom_links(site.html("journeys/year/")) == []
    assert _crumbs(site.html("journeys/cash-up/")) == []
    assert "saturday" not in str(site.html("journeys/year/").select_one("table.cjm-grid"))
    # Published, the draft is a level like any map.
    both = build_site(tmp_path / "drafts", files)
    assert _zoom_links(both.html("journeys/year/")) == [(1, "Zoom in: A Saturday in the shop", "../saturday/")]
    assert [text for text, _ in _crumbs(both.html("journeys/cash-up/"))] == [
        "Priya's year",
        "Trading (stage)",
        "A Saturday in the shop",
        "Closing up (stage)",
        "Cashing up",
    ]


def test_details_takes_one_id_or_a_list_and_part_of_two_spellings() -> None:
    head = {"title": "T", "type": "current-state", "personas": ["p"], "scenario": "S", "owner": "o"}
    one = JourneyMap.model_validate({**head, "stages": [{"name": "A", "details": "b"}]})
    many = JourneyMap.model_validate({**head, "stages": [{"name": "A", "details": ["b", "c"]}]})
    assert one.stages[0].details == ["b"] and many.stages[0].details == ["b", "c"]
    short = JourneyMap.model_validate({**head, "part_of": "year#trading", "stages": [{"name": "A"}]})
    long = JourneyMap.model_validate(
        {**head, "part_of": {"map": "year", "stage": "trading"}, "stages": [{"name": "A"}]}
    )
    assert short.part_of == long.part_of == StageOf(map="year", stage="trading")
    # What a model dumps, it reads back (the JSON export's `file`).
    assert JourneyMap.model_validate(short.model_dump(mode="json")) == short


def test_every_circle_is_found_once_from_its_smallest_id() -> None:
    from mkdocs_cjm.core.validation.levels import _find_cycles

    assert _find_cycles({"b": ["a"], "a": ["b"]}) == [["a", "b"]]
    assert _find_cycles({"a": ["b"], "b": ["a", "c"], "c": ["b"]}) == [["a", "b"], ["b", "c"]]
    assert _find_cycles({"top": ["mid"], "mid": ["low"], "low": []}) == []
    assert _find_cycles({"x": ["y"], "y": ["z"], "z": ["x"], "w": ["x"]}) == [["x", "y", "z"]]
