"""The emotion curve drawn at build time: the grid's first row, the static sentiment chart,
persona colours, the map's own scale words, faces, and each persona's own curve on their page."""
# Lookups in built pages (BeautifulSoup) may give None: a missing element fails the test where
# it is looked up, which is what these tests are for.
# mypy: disable-error-code="union-attr,index"

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import OWNERS, PERSONA, Site, build_site
from mkdocs_cjm.core.colours import PERSONA_COLOURS, persona_slots

AVA = """---
id: ava
name: Ava Jones
role: Shop assistant
---
"""

# Two personas scored separately, on a labelled 1..10 scale with faces; KPIs with units.
SHARED = """
title: Closing the month
type: current-state
personas: [priya, ava]
scenario: The month ends.
owner: shop-team
status: published
reviewed: 2026-10-01
review_every: 6 weeks
scale:
  min: 1
  max: 10
  labels: {1: Furious, 10: Delighted}
  faces: {1: "😣", 9: "😀"}
stages:
  - name: Count stock
    emotion: {priya: 3, ava: 8}
    kpis:
      - {name: Orders, value: 0.8, target: 1, unit: per shop}
      - {name: Waiting, value: 19, unit: min}
      - {name: Accuracy, value: 97, unit: "%"}
  - name: Close the books
    emotion: {priya: 1, ava: 9}
  - name: Pay suppliers
    emotion: {priya: 6, ava: 7}
"""


def slot_of(tag: Tag) -> str:
    return next(c for c in tag["class"] if c.startswith("cjm-p") and c[5:].isdigit())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("curve")
    files = {
        "owners.yml": OWNERS,
        "personas/priya.md": PERSONA,
        "personas/ava.md": AVA,
        "journeys/month.yml": SHARED,
    }
    return build_site(root, files)


def test_the_emotion_row_comes_first_with_every_persona_in_their_colour(site: Site) -> None:
    soup = site.html("journeys/month/")
    rows = soup.select("table.cjm-grid tbody tr")
    assert "cjm-row--emotion" in rows[0]["class"], "the emotion row is right under the stage headers"
    assert len(soup.select("tr.cjm-row--emotion")) == 1, "one row, both curves"
    legend = soup.select(".cjm-emo__legend > span")
    assert [s.get_text(strip=True) for s in legend] == ["Priya Shah", "Ava Jones"]
    colours = [slot_of(s) for s in legend]
    assert len(set(colours)) == 2
    first = soup.select("tr.cjm-row--emotion td")[0]
    assert [slot_of(li) for li in first.select("li")] == colours
    assert [slot_of(g) for g in first.select("svg g")] == colours
    assert [li.get_text(" ", strip=True) for li in first.select("li")] == [
        "Priya Shah 3 Negative",
        "Ava Jones 8 Positive",
    ]
    # The chart's series and its static legend use the same colours.
    data = json.loads(str(soup.select_one(".cjm-chart__plot")["data-cjm-chart"]))
    assert [f"cjm-p{s['slot']}" for s in data["series"]] == colours
    assert [slot_of(li) for li in soup.select(".cjm-curve__legend li")] == colours


def test_trough_and_peak_are_marked_across_personas(site: Site) -> None:
    soup = site.html("journeys/month/")
    cells = soup.select("tr.cjm-row--emotion td")
    assert [[m.get_text() for m in td.select(".cjm-emo__mark")] for td in cells] == [[], ["Lowest", "Highest"], []]
    marks = [m.get_text() for m in soup.select(".cjm-chart__static .cjm-curve__mark")]
    assert marks == ["Lowest: Close the books", "Highest: Close the books"]


def test_axes_use_the_maps_own_scale_words_only(site: Site) -> None:
    soup = site.html("journeys/month/")
    axis = [s.get_text(" ", strip=True) for s in soup.select(".cjm-curve__axis > span")]
    assert axis[0] == "1 Furious" and axis[-1] == "10 Delighted"
    assert axis[1:-1] == [str(v) for v in range(2, 10)], "no built-in words on a scale that names its own"
    assert [s.get_text(strip=True) for s in soup.select(".cjm-emo__axis > span")] == ["10 Delighted", "1 Furious"]


def test_faces_from_the_scale_sit_beside_the_score(site: Site) -> None:
    soup = site.html("journeys/month/")
    second = soup.select("tr.cjm-row--emotion td")[1]
    assert [f.get_text() for f in second.select(".cjm-emo__face")] == ["😣", "😀"]


def test_the_static_chart_lists_the_stages_under_the_curves(site: Site) -> None:
    soup = site.html("journeys/month/")
    static = soup.select_one("figure.cjm-chart .cjm-chart__static .cjm-curve")
    assert static["style"] == "--cjm-stages:3"
    assert [li.select_one(".cjm-curve__name").get_text() for li in static.select(".cjm-curve__stages li")] == [
        "Count stock",
        "Close the books",
        "Pay suppliers",
    ]
    assert len(static.select("polyline.cjm-curve__line")) == 2


def test_a_persona_page_draws_that_personas_own_curve(site: Site) -> None:
    legend = site.html("journeys/month/").select(".cjm-emo__legend > span")
    ava_colour = slot_of(legend[1])
    card = site.html("personas/ava/").select_one(".cjm-journey-card__emotion")
    assert [slot_of(g) for g in card.select("svg g")] == [ava_colour], "only Ava's curve, not an average"
    text = card.get_text(" ", strip=True)
    assert "Lowest at Pay suppliers (7)" in text and "highest at Close the books (9)" in text
    priya = site.html("personas/priya/").select_one(".cjm-journey-card__emotion").get_text(" ", strip=True)
    assert "Lowest at Close the books (1)" in priya


def test_kpi_units_are_spaced_and_the_cadence_reads_naturally(site: Site) -> None:
    soup: BeautifulSoup = site.html("journeys/month/")
    values = [tr.find_all("td")[1].get_text() for tr in soup.select("#kpis ~ div table tbody tr")]
    assert values == ["0.8\u00a0per shop", "19\u00a0min", "97%"]
    assert "(reviewed every 6 weeks)" in soup.select_one("dl.cjm-facts").get_text(" ")


def test_persona_colours_are_distinct_on_a_map_and_stable_across_maps() -> None:
    order = [f"p{i}" for i in range(12)]
    everyone = persona_slots(order, order[:PERSONA_COLOURS])
    assert sorted(everyone.values()) == list(range(1, PERSONA_COLOURS + 1))
    # p0 and p8 would share a colour; on one map the later one moves to the next free slot.
    clash = persona_slots(order, ["p0", "p8"])
    assert clash["p0"] == everyone["p0"] and clash["p8"] != clash["p0"]
    assert persona_slots(order, ["p3"]) == {"p3": everyone["p3"]}
    assert persona_slots(order, ["unknown", "p0"])["unknown"] != everyone["p0"]


TIES = """
title: Two good moments
type: current-state
personas: [priya]
scenario: A day.
owner: shop-team
status: published
reviewed: 2026-10-01
stages:
  - name: Morning
    steps:
      - {title: A sale, emotion: 2}
      - {title: A refund, emotion: 0}
  - name: Noon
    emotion: -1
  - name: Evening
    emotion: 2
"""


def test_every_tied_extreme_is_marked_with_its_score_where_the_stage_shows_another(tmp_path: Path) -> None:
    built = build_site(tmp_path, {"owners.yml": OWNERS, "personas/priya.md": PERSONA, "journeys/ties.yml": TIES})
    cells = built.html("journeys/ties/").select("tr.cjm-row--emotion td")
    marks = [[m.get_text() for m in td.select(".cjm-emo__mark")] for td in cells]
    # Morning's own score is +1 (the mean of its steps); its +2 is a step's, so the mark says so.
    assert marks == [["Highest +2"], ["Lowest"], ["Highest"]]
    rings = [[r["class"][1] for r in td.select("line.cjm-ring")] for td in cells]
    assert rings == [["cjm-ring--high"], ["cjm-ring--low"], ["cjm-ring--high"]]
