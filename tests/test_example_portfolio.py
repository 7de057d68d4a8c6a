"""The example portfolio in content/: it builds strictly, links nowhere broken, covers what it
promises, and the stock-management map keeps every item of the whiteboard export."""

from __future__ import annotations

import logging
import re
from datetime import date

import pytest
from linkcheck import broken_links

from conftest import FIXTURES, REPO, Site, load_example
from mkdocs_cjm.core.assembly.portfolio import Portfolio
from mkdocs_cjm.core.maptypes import MapType
from mkdocs_cjm.core.models import OpportunityStatus

CONTENT = REPO / "content"


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    return load_example(CONTENT, today=date(2026, 11, 24))


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Build the repository's own mkdocs.yml, strictly, into a temporary folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tmp_path_factory.mktemp("example") / "site"
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(site_dir), strict=True))
    finally:
        logger.removeHandler(handler)
    return Site(REPO, site_dir, messages)


def test_content_has_no_problem_at_all(portfolio: Portfolio) -> None:
    assert [str(p) for p in portfolio.problems] == []


def test_strict_build_without_a_single_warning(example_site: Site) -> None:
    assert example_site.warnings == []


def test_no_broken_link_or_anchor_anywhere(example_site: Site) -> None:
    assert broken_links(example_site.site_dir) == []


def test_portfolio_covers_what_a_reader_needs(portfolio: Portfolio) -> None:
    maps = [m.model for m in portfolio.maps.values()]
    assert len(portfolio.personas) >= 3
    assert len(maps) >= 8
    assert {m.type for m in maps} == set(MapType)
    assert any(m.improves for m in maps), "a current/future pair"
    assert any(len(m.personas) > 1 for m in maps), "a multi-persona map"
    assert len(portfolio.owners) >= 4
    opportunities = [o for m in maps for s in m.stages for o in s.opportunities]
    assert len(opportunities) >= 20
    assert len({o.status for o in opportunities}) == len(OpportunityStatus), "every status shows somewhere"
    assert all(e.source.body.strip() for e in portfolio.personas.values()), "every persona has a profile"


def test_every_page_type_is_generated(example_site: Site, portfolio: Portfolio) -> None:
    for url in [
        "",
        "personas/",
        "journeys/",
        "templates/",
        "owners/",
        "opportunities/",
        "tags/",
        *(f"personas/{p}/" for p in portfolio.personas),
        *(f"journeys/{m}/" for m in portfolio.maps),
        *(f"owners/{o}/" for o in portfolio.owners),
        *(f"templates/{t.value}/" for t in MapType),
    ]:
        assert example_site.exists(url), url
    # Tags link to Material's tags index, where every persona and map type is a tag.
    tags = example_site.html("tags/")
    assert tags.find(id="tag:current-state") and tags.find(id="tag:priya-shah")
    published = {p.relative_to(example_site.site_dir).as_posix() for p in example_site.site_dir.rglob("*.y*ml")}
    # Only the gallery's starters are downloadable; content YAML is never published as is.
    assert published == {f"assets/cjm/starters/{p.name}" for p in (REPO / "site_templates").glob("*.yml")}


def _export_rows(text: str) -> tuple[list[str], dict[str, list[list[str]]]]:
    """Stages and the items of every lane, per stage, of the whiteboard's tab-separated export."""
    rows = [line.split("\t") for line in text.splitlines() if line.count("\t") >= 5]
    header, *lanes = rows
    stages = [re.sub(r"<.*?>", "", cell).split()[0] for cell in header[1:]]
    table = {}
    for row in lanes:
        lane = re.sub(r"<.*?>", "", row[0]).split()[0]
        table[lane] = [re.findall(r"<div>(.*?)</div>", cell) for cell in row[1:]]
    return stages, table


def test_stock_management_map_keeps_every_item_of_the_export(portfolio: Portfolio) -> None:
    stages, table = _export_rows((FIXTURES / "template-exports" / "stock-management-five-es.txt").read_text())
    assert stages == ["Entice", "Enter", "Engage", "Exit", "Extend"]
    assert set(table) == {"Steps", "Interactions", "Goals", "Positive", "Negative", "Areas"}
    model = portfolio.maps["stock-management"].model
    assert [s.name for s in model.stages] == stages
    for i, stage in enumerate(model.stages):
        got = {
            "Steps": [s.title for s in stage.steps],
            "Interactions": [x.text for x in stage.items("interactions")],
            "Goals": [x.text for x in stage.items("goals")],
            "Positive": [x.text for x in stage.items("positives")],
            "Negative": [x.text for x in stage.items("negatives")],
            "Areas": [o.title for o in stage.opportunities],
        }
        for lane, items in table.items():
            assert got[lane] == items[i], (stage.name, lane)
    assert sum(len(cells[i]) for cells in table.values() for i in range(5)) == 65


def test_starters_carry_the_blank_templates_stages_and_prompts() -> None:
    """The blank export's stages and prompt questions reappear in the current-state starter."""
    stages, _ = _export_rows((FIXTURES / "template-exports" / "blank-five-es-template.txt").read_text())
    starter = (REPO / "site_templates" / "current-state.yml").read_text()
    assert stages == ["Entice", "Enter", "Engage", "Exit", "Extend"]
    for name in stages:
        assert f"name: {name}" in starter


def test_a_two_level_journey(portfolio: Portfolio, example_site: Site) -> None:
    """Priya's first year links down to the maps of its chapters, and each shows its place above
    its title (one says it with `part_of:`, the others get it from the stage's `details:`)."""
    top = portfolio.maps["shop-owner-lifecycle"]
    below = {ident: ref.map.id for ident, ref in portfolio.parents.items()}
    detailed = ["first-week-setup", "priya-saturday", "till-outage-support", "card-reader-replacement"]
    assert {ident: below[ident] for ident in [*detailed, "month-end-bookkeeping"]} == dict.fromkeys(
        [*detailed, "month-end-bookkeeping"], top.id
    )
    assert portfolio.maps["priya-saturday"].model.part_of is not None
    assert portfolio.levels(top) == []
    html = example_site.html("journeys/shop-owner-lifecycle/")
    links = html.select("tr.cjm-row--details a.cjm-zoom")
    assert [a.get_text() for a in links] == [
        f"Zoom in: {portfolio.maps[i].model.title}" for i in [*detailed, "month-end-bookkeeping"]
    ]
    for ident in [*detailed, "month-end-bookkeeping"]:
        page = example_site.html(f"journeys/{ident}/")
        nav = page.select_one('nav[aria-label="Journey levels"]')
        assert nav is not None, ident
        hrefs = [str(a["href"]) for a in nav.select("a")]
        stage = portfolio.parents[ident]
        assert hrefs == [
            "../shop-owner-lifecycle/",
            f"../shop-owner-lifecycle/#stage-{top.stage_ids[stage.stage_index]}",
        ]
        assert nav.select_one("[aria-current=page]").get_text() == portfolio.maps[ident].model.title  # type: ignore[union-attr]
