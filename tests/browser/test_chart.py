"""The sentiment chart as drawn by Plotly in the browser: values, marks, overlay, navigation, palette."""

from __future__ import annotations

import json
from typing import Any

import yaml

from conftest import REPO

from .conftest import Opener, Served, wait_for_chart

CURRENT = "journeys/first-week-setup/"
FUTURE = "journeys/first-week-setup-future/"

TRACES = """() => {
  const gd = document.querySelector('[data-cjm-chart]');
  return gd._fullData.filter(t => t.visible !== false).map(t => ({
    role: t.meta && t.meta.role, name: t.name, x: Array.from(t.x), y: Array.from(t.y),
    color: t.line && t.line.color }));
}"""
LAYOUT = """() => { const l = document.querySelector('[data-cjm-chart]')._fullLayout;
  return {font: l.font.color, tick: l.xaxis.tickfont.color, grid: l.yaxis.gridcolor}; }"""


def yaml_scores(name: str) -> list[float]:
    """Scores in reading order, straight from the map's YAML: scored steps, else the stage's score."""
    path = REPO / "content" / "journeys" / name
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---")[1] if path.suffix == ".md" else text)
    scores: list[float] = []
    for stage in data["stages"]:
        steps = [s["emotion"] for s in stage.get("steps", []) if isinstance(s, dict) and "emotion" in s]
        if steps:
            scores.extend(steps)
        elif "emotion" in stage:
            scores.append(stage["emotion"])
    return scores


def embedded(page: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(page.locator("[data-cjm-chart]").get_attribute("data-cjm-chart"))
    return data


def by_role(traces: list[dict[str, Any]], role: str) -> list[dict[str, Any]]:
    return [t for t in traces if t["role"] == role]


def test_chart_draws_the_scores_of_the_map(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url(CURRENT))
    wait_for_chart(page)
    traces = page.evaluate(TRACES)
    data = embedded(page)
    [series] = by_role(traces, "series")
    [expected] = data["series"]
    assert series["y"] == [p["y"] for p in expected["points"]] == yaml_scores("first-week-setup.yml")
    assert series["x"] == [p["x"] for p in expected["points"]]
    assert page.locator("[data-cjm-chart] .scatterlayer .trace").first.locator(".point").count() == len(series["y"])
    # Trough and peak: one ring each, on the lowest and the highest point of the curve.
    [trough], [peak] = by_role(traces, "trough"), by_role(traces, "peak")
    low, high = min(series["y"]), max(series["y"])
    assert trough["y"] == [low] and trough["x"] == [data["trough"]["x"]]
    assert peak["y"] == [high] and peak["x"] == [data["peak"]["x"]]
    assert series["x"][series["y"].index(low)] == trough["x"][0]
    assert series["x"][series["y"].index(high)] == peak["x"][0]
    notes = page.evaluate("() => document.querySelector('[data-cjm-chart]')._fullLayout.annotations.map(a => a.text)")
    assert notes == [f"Lowest: {data['trough']['label']}", f"Highest: {data['peak']['label']}"]
    assert by_role(traces, "overlay") == []
    assert tab.problems() == []


def test_future_state_overlays_the_current_state(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url(FUTURE))
    wait_for_chart(page)
    traces = page.evaluate(TRACES)
    [series], [overlay] = by_role(traces, "series"), by_role(traces, "overlay")
    assert series["y"] == yaml_scores("first-week-setup-future.md")
    assert overlay["y"] == [p["y"] for p in embedded(page)["overlay"]["points"]]
    assert overlay["y"] == yaml_scores("first-week-setup.yml")  # the same stages, in the same order
    assert overlay["name"].startswith("Current state:")
    assert page.locator("[data-cjm-chart] .legendtext").all_text_contents()[-1].startswith("Current state:")


def test_chart_is_drawn_after_instant_navigation(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    # Material's instant navigation follows only links its sitemap lists: wait until it has it
    # (the sitemap's request finished, then half a second without requests).
    with page.expect_request_finished(lambda request: request.url.endswith("/sitemap.xml")):
        page.goto(example.url("journeys/"), wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator('table a[href$="first-week-setup/"]').first.click()
    page.wait_for_url("**/" + CURRENT)
    wait_for_chart(page)
    assert page.evaluate("window.__sameDocument") is True  # Material swapped the page in place
    series = by_role(page.evaluate(TRACES), "series")[0]
    assert series["y"] == yaml_scores("first-week-setup.yml")
    # And on to another map: the new page's chart replaces the old one.
    page.evaluate("window.__oldChart = document.querySelector('[data-cjm-chart]')")
    page.locator('dd a[href$="first-week-setup-future/"]').first.click()
    page.wait_for_url("**/" + FUTURE)
    page.wait_for_function(
        "() => { const c = document.querySelector('[data-cjm-chart]'); return c && c !== window.__oldChart; }"
    )
    wait_for_chart(page)
    assert page.evaluate("window.__sameDocument") is True
    assert by_role(page.evaluate(TRACES), "series")[0]["y"] == yaml_scores("first-week-setup-future.md")
    assert tab.problems() == []


def test_chart_follows_the_palette_toggle(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url(CURRENT))
    wait_for_chart(page, "default")
    page.evaluate("window.__sameDocument = true")
    light = page.evaluate(LAYOUT)
    light_line = by_role(page.evaluate(TRACES), "series")[0]["color"]
    page.locator("form[data-md-component=palette] label:visible").first.click()
    wait_for_chart(page, "slate")
    dark = page.evaluate(LAYOUT)
    dark_line = by_role(page.evaluate(TRACES), "series")[0]["color"]
    assert page.evaluate("window.__sameDocument") is True
    fg = page.evaluate(
        "getComputedStyle(document.querySelector('[data-cjm-chart]')).getPropertyValue('--md-default-fg-color').trim()"
    )
    assert light["font"] != dark["font"] and light_line != dark_line and light["grid"] != dark["grid"]
    assert dark_line == page.evaluate("getComputedStyle(document.body).getPropertyValue('--cjm-chart-1').trim()")
    assert fg and dark["font"] == fg
    # And back.
    page.locator("form[data-md-component=palette] label:visible").first.click()
    wait_for_chart(page, "default")
    assert page.evaluate(LAYOUT) == light
