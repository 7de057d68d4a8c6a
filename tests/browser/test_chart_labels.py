"""The interactive chart's labels at every width, on every map of the example portfolio: inside the chart, clear of
each other, legible on a phone; the score axis names only what the map's scale names."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import REPO

from .charts import embedded, misplaced
from .conftest import Opener, Served, wait_for_chart

CURRENT = "journeys/first-week-setup/"


MAPS = sorted(f"journeys/{p.stem}/" for p in (REPO / "content" / "journeys").iterdir() if p.suffix in (".yml", ".md"))


@pytest.mark.parametrize("width", [360, 1024, 1440, 2560])
def test_no_label_is_clipped_or_overlaps_another_on_any_map(tabs: Opener, example: Served, width: int) -> None:
    assert len(MAPS) == 14
    tab = tabs(viewport={"width": width, "height": 900})
    page = tab.page
    problems: list[str] = []
    for path in MAPS:
        page.goto(example.url(path))
        wait_for_chart(page)
        problems += misplaced(page, f"{path} at {width} px")
        stages = [s["name"] for s in embedded(page)["stages"]]
        ticks = page.locator("[data-cjm-chart] .xtick text")
        # Every stage has its label under the chart, big enough to read: its name, or its number and a key.
        assert ticks.count() == len(stages), path
        assert all(
            size >= 11 for size in ticks.evaluate_all("ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize))")
        )
        labels = [
            " ".join(t.split())
            for t in ticks.evaluate_all(
                "ts => ts.map(t => [...t.querySelectorAll('tspan.line')].map(l => l.textContent).join(' ') || t.textContent)"
            )
        ]
        if labels != [" ".join(name.split()) for name in stages]:
            assert labels == [str(i + 1) for i in range(len(stages))], (path, labels)
            key = page.locator("figure.cjm-chart .cjm-chart__key li")
            assert key.all_inner_texts() == stages, path
            expect(key.first).to_be_visible()
    assert problems == []
    assert tab.problems() == []


def test_seven_stages_on_a_phone_are_numbered_with_a_key(tabs: Opener, example: Served) -> None:
    tab = tabs(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = tab.page
    page.goto(example.url("journeys/priya-saturday/"))
    wait_for_chart(page)
    stages = [s["name"] for s in embedded(page)["stages"]]
    assert len(stages) == 7
    assert page.locator("[data-cjm-chart] .xtick text").all_text_contents() == [str(i) for i in range(1, 8)]
    key = page.locator("figure.cjm-chart .cjm-chart__key li")
    assert key.all_inner_texts() == stages
    assert all(size >= 12 for size in key.evaluate_all("ls => ls.map(l => parseFloat(getComputedStyle(l).fontSize))"))
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    # Turned sideways, the chart is drawn again for its new width, with the stages' names.
    page.set_viewport_size({"width": 1280, "height": 740})
    page.wait_for_function("() => Number(document.querySelector('[data-cjm-chart]').dataset.cjmWidth) > 600")
    expect(key).to_have_count(0)
    names = page.locator("[data-cjm-chart] .xtick text").all_text_contents()
    assert [n.replace(" ", "") for n in names] == [s.replace(" ", "") for s in stages]
    assert misplaced(page, "priya-saturday at 1280 px") == []
    assert tab.problems() == []


def test_score_axis_names_only_what_the_map_names(tabs: Opener, example: Served) -> None:
    tab = tabs(viewport={"width": 1440, "height": 900})
    page = tab.page
    page.goto(example.url("journeys/month-end-bookkeeping/"))  # scale 1..5 naming 1, 3 and 5
    wait_for_chart(page)
    ticks = page.locator("[data-cjm-chart] .ytick text").all_text_contents()
    assert ticks == ["1 Exasperated", "2", "3 Getting on with it", "4", "5 Satisfied"]
    page.goto(example.url(CURRENT))  # the default −2..+2, without names of its own: the built-in words
    wait_for_chart(page)
    words = ["−2 Very negative", "−1 Negative", "0 Neutral", "+1 Positive", "+2 Very positive"]
    assert page.locator("[data-cjm-chart] .ytick text").all_text_contents() == words
