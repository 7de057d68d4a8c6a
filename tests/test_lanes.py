"""The lane registry: each lane declared once, and everything that shows lanes reads it.

One function (``resolve_lanes``) decides a map's rows and their titles; the grid, the gallery,
the exports, the importer, the content model, the JSON Schema and the README all follow it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, Site, build_site, small_portfolio
from mkdocs_cjm.core.lanes import (
    ITEM_LANES,
    LANES,
    STAGE_KEYS,
    TYPE_LANES,
    Cell,
    lane_for_title,
    readme_table,
    resolve_lanes,
)
from mkdocs_cjm.core.maptypes import MapType
from mkdocs_cjm.core.models import JourneyMap, LaneDef, Stage
from mkdocs_cjm.core.schema import map_schema

DAY = """
    title: A Saturday
    type: day-in-the-life
    personas: [priya]
    scenario: A busy Saturday in the shop.
    owner: cx
    status: published
    reviewed: 2026-10-01
    stages:
      - name: Opening
        time: "08:00"
        steps: [Unlocks the door]
        systems: [Till]
        thoughts: [Busy day ahead]
      - name: Lunch
        time: "12:30"
        steps: [Eats behind the counter]
"""


def lanes(**changes: Any) -> dict[str, LaneDef]:
    return {key: LaneDef(**value) for key, value in changes.items()}


def grid_titles(soup: BeautifulSoup) -> list[str]:
    """The grid's lane titles after its emotion row (always the first row when the map is scored)."""
    rows = soup.select("table.cjm-grid tbody tr.cjm-row:not(.cjm-row--emotion) .cjm-grid__lane-title")
    return [t.get_text(strip=True) for t in rows]


# -- one declaration ----------------------------------------------------------------------------


def test_every_item_lane_is_a_field_of_a_stage_described_by_its_prompt() -> None:
    fields = Stage.model_fields
    for key in ITEM_LANES:
        assert key in fields, key
        assert fields[key].description == LANES[key].prompt
    lane_fields = {k for k in fields if k not in STAGE_KEYS}
    assert {"name", "id", "description", "time", "details"} == STAGE_KEYS
    assert lane_fields == set(LANES), "every stage field besides name/id/description/time/details is a lane"


def test_the_json_schema_of_a_stage_lists_every_lane_with_its_prompt() -> None:
    schema = map_schema()
    stage = schema["$defs"]["Stage"]["properties"]
    for key in ITEM_LANES:
        assert stage[key]["description"] == LANES[key].prompt


def test_the_readme_lane_table_is_the_registry() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme, "update the README's lane table: print(lanes.readme_table())"


def test_every_map_type_shows_every_lane() -> None:
    for kind, type_lanes in TYPE_LANES.items():
        assert sorted(type_lanes.rows) == sorted(LANES), kind
        assert set(type_lanes.always) <= set(LANES) and set(type_lanes.titles) <= set(LANES), kind


@pytest.mark.parametrize("key", [k for k, lane in LANES.items() if lane.renamable])
def test_the_importer_knows_every_lane_by_its_title_and_key(key: str) -> None:
    assert lane_for_title(LANES[key].title) == key
    assert lane_for_title(key.replace("_", " ")) == key
    for synonym in LANES[key].synonyms:
        assert lane_for_title(synonym) == key, synonym


# -- one resolution -----------------------------------------------------------------------------


def test_a_title_comes_from_the_map_then_the_site_then_the_type_then_the_lane() -> None:
    day = MapType.DAY_IN_THE_LIFE
    assert resolve_lanes(day, {}, {})["steps"].title == "Activities"
    assert resolve_lanes(MapType.CURRENT_STATE, {}, {})["steps"].title == "Steps"
    assert resolve_lanes(day, {}, lanes(steps={"title": "What she does"}))["steps"].title == "What she does"
    both = resolve_lanes(day, lanes(steps={"title": "Her day"}), lanes(steps={"title": "What she does"}))
    assert both["steps"].title == "Her day"
    # A map may even give a lane its built-in title back.
    assert resolve_lanes(day, lanes(steps={"title": "Steps"}), {})["steps"].title == "Steps"
    # A prompt is renamed on its own; the title stays.
    prompt = resolve_lanes(day, lanes(steps={"prompt": "What does she do?"}), {})["steps"]
    assert (prompt.title, prompt.prompt) == ("Activities", "What does she do?")


def test_custom_lanes_come_before_the_opportunities_unless_placed() -> None:
    rows = resolve_lanes(MapType.CURRENT_STATE, lanes(systems={"title": "Systems"}), {})
    keys = list(rows)
    assert keys.index("systems") == keys.index("opportunities") - 1
    assert rows["systems"] == rows["systems"].__class__("systems", "Systems", "", Cell.ITEMS, builtin=False)


def test_after_places_custom_and_built_in_lanes_from_the_map_or_the_site() -> None:
    site = lanes(systems={"title": "Systems", "after": "steps"}, thoughts={"after": "systems"})
    keys = list(resolve_lanes(MapType.CURRENT_STATE, {}, site))
    assert keys[:4] == ["emotion", "steps", "systems", "thoughts"]
    # The map's after: wins over the site's.
    keys = list(resolve_lanes(MapType.CURRENT_STATE, lanes(systems={"after": "goals"}), site))
    assert keys.index("systems") == keys.index("goals") + 1
    # A chain declared in any order, and a loop, still place every lane once.
    chain = lanes(b={"after": "a"}, a={"after": "steps"})
    assert list(resolve_lanes(MapType.CURRENT_STATE, chain, {}))[:4] == ["emotion", "steps", "a", "b"]
    loop = list(resolve_lanes(MapType.CURRENT_STATE, lanes(a={"after": "b"}, b={"after": "a"}), {}))
    assert sorted(loop) == sorted([*LANES, "a", "b"])


def test_the_emotion_kpi_and_owner_rows_cannot_be_renamed() -> None:
    rows = resolve_lanes(MapType.CURRENT_STATE, lanes(emotion={"title": "Mood"}), {})
    assert rows["emotion"].title == "Emotion"


def test_a_service_blueprint_draws_its_lines_above_its_lanes() -> None:
    rows = resolve_lanes(MapType.SERVICE_BLUEPRINT, {}, {})
    assert {k: r.line_above for k, r in rows.items() if r.line_above} == {
        "frontstage": "Line of interaction",
        "backstage": "Line of visibility",
        "support": "Line of internal interaction",
    }
    assert not any(r.line_above for r in resolve_lanes(MapType.CURRENT_STATE, {}, {}).values())


# -- the two bugs of two title rules and an ignored site-wide after: ------------------------------


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    files = {**small_portfolio(), "journeys/day.yml": DAY}
    return build_site(
        tmp_path_factory.mktemp("lanes"),
        files,
        plugin={
            "lanes": {
                "steps": {"title": "What she does"},
                "systems": {"title": "Systems", "prompt": "Which systems are in play?", "after": "steps"},
            }
        },
    )


def test_the_gallery_lists_a_lane_under_the_title_its_preview_and_maps_show(renamed_site: Site) -> None:
    soup = renamed_site.html("templates/day-in-the-life/")
    listed = [dt.get_text(" ", strip=True) for dt in soup.select("dl.cjm-lanes dt")]
    assert "What she does steps" in listed and not any(t.startswith("Activities") for t in listed)
    assert grid_titles(soup)[0] == "What she does"
    assert grid_titles(renamed_site.html("journeys/day/"))[0] == "What she does"


def test_without_a_rename_the_gallery_and_the_grid_both_say_activities(tmp_path: Path) -> None:
    site = build_site(tmp_path, {**small_portfolio(), "journeys/day.yml": DAY.replace("        systems: [Till]\n", "")})
    soup = site.html("templates/day-in-the-life/")
    assert "Activities steps" in [dt.get_text(" ", strip=True) for dt in soup.select("dl.cjm-lanes dt")]
    assert grid_titles(soup)[0] == "Activities"
    assert grid_titles(site.html("journeys/day/"))[0] == "Activities"


def test_the_site_wide_after_places_a_lane_on_every_map(renamed_site: Site) -> None:
    titles = grid_titles(renamed_site.html("journeys/day/"))
    assert titles[:3] == ["What she does", "Systems", "Thoughts & feelings"], titles
    listed = [
        dt.get_text(" ", strip=True) for dt in renamed_site.html("templates/day-in-the-life/").select("dl.cjm-lanes dt")
    ]
    assert listed.index("Systems systems") == listed.index("What she does steps") + 1


def test_a_map_validated_with_its_lanes_refuses_other_stage_keys() -> None:
    from mkdocs_cjm.core.models import map_model

    data = {
        "title": "T",
        "type": "current-state",
        "personas": ["p"],
        "scenario": "S",
        "owner": "o",
        "lanes": {"systems": {"title": "Systems"}},
        "stages": [{"name": "A", "systems": ["Till"]}],
    }
    model = map_model(data).model_validate(data)
    assert [i.text for i in model.stages[0].items("systems")] == ["Till"]
    assert isinstance(model, JourneyMap)
    with pytest.raises(Exception, match="systms"):
        map_model(data).model_validate({**data, "stages": [{"name": "A", "systms": ["Till"]}]})
