"""The sentiment chart in the browser: the build-time chart first, then Plotly's interactive one when the reader
reaches for it — its values, marks, overlay and colours, whole after instant navigation and palette toggles.
Its labels at every width: test_chart_labels.py."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from conftest import REPO

from .charts import embedded, misplaced
from .conftest import Opener, Served, after_two_frames, goto_for_instant_navigation, wait_for_chart

CURRENT = "journeys/first-week-setup/"
FUTURE = "journeys/first-week-setup-future/"

TRACES = """() => {
  const gd = document.querySelector('[data-cjm-chart]');
  return gd._fullData.filter(t => t.visible !== false).map(t => ({
    role: t.meta && t.meta.role, name: t.name, x: Array.from(t.x), y: Array.from(t.y),
    color: t.line && t.line.color }));
}"""
LAYOUT = """() => { const l = document.querySelector('[data-cjm-chart]')._fullLayout;
  return {tick: l.xaxis.tickfont.color, note: l.annotations.map(a => [a.font.color, a.bgcolor]), grid: l.yaxis.gridcolor,
          shapes: l.shapes.map(s => s.line.color + ' ' + s.fillcolor)}; }"""


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


def by_role(traces: list[dict[str, Any]], role: str) -> list[dict[str, Any]]:
    return [t for t in traces if t["role"] == role]


def colour(page: Any, value: str) -> str:
    """A CSS colour (or ``var(--name)``) as the browser computes it, on the chart's element."""
    return str(
        page.evaluate(
            """(v) => { const e = document.createElement('i'); e.style.color = v;
               document.querySelector('.cjm-chart').appendChild(e); const c = getComputedStyle(e).color; e.remove(); return c; }""",
            value,
        )
    )


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
    notes = page.evaluate(
        "() => document.querySelector('[data-cjm-chart]')._fullLayout.annotations.map(a => a.text.replaceAll('<br>', ' '))"
    )
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
    assert colour(page, overlay["color"]) == colour(page, "var(--cjm-chart-overlay)")


def test_chart_is_drawn_after_instant_navigation(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    goto_for_instant_navigation(page, example.url("journeys/"))
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
    assert light_line != dark_line and all(light[k] != dark[k] for k in ("tick", "note", "grid", "shapes"))
    slot = embedded(page)["series"][0]["slot"]
    assert colour(page, dark_line) == colour(page, f"var(--cjm-persona-{slot})")
    assert fg and dark["tick"] == fg
    # And back.
    page.locator("form[data-md-component=palette] label:visible").first.click()
    wait_for_chart(page, "default")
    assert page.evaluate(LAYOUT) == light


def toggle_palette(page: Any) -> None:
    page.locator("form[data-md-component=palette] label:visible").first.click()


def test_charts_stay_whole_across_instant_navigation_and_palette_toggles(tabs: Opener, example: Served) -> None:
    """Plotly's stylesheet stacks the chart's layers; Material's instant navigation removes it from <head> (it is
    not in the next page's HTML), which once dropped every later chart's annotations, legend and stage lines some
    400 px below it. Four journey pages in a row, reached by links, two palette toggles: every chart stays whole."""
    tab = tabs()
    page = tab.page
    goto_for_instant_navigation(page, example.url("journeys/"))
    page.evaluate("window.__sameDocument = true")
    problems: list[str] = []

    def follow(link: str, path: str) -> None:
        page.evaluate("window.__oldChart = document.querySelector('[data-cjm-chart]')")
        page.locator(link).first.click()
        page.wait_for_url("**/" + path)
        page.wait_for_function(
            "() => { const c = document.querySelector('[data-cjm-chart]'); return c && c !== window.__oldChart; }"
        )

    follow('table a[href$="first-week-setup/"]', CURRENT)
    wait_for_chart(page, "default")
    problems += misplaced(page, "first page")
    follow('dd a[href$="first-week-setup-future/"]', FUTURE)
    wait_for_chart(page, "default")
    problems += misplaced(page, "second page")
    toggle_palette(page)
    wait_for_chart(page, "slate")
    problems += misplaced(page, "second page, dark")
    page.locator('.cjm-facts a[href$="personas/priya-shah/"]').first.click()
    page.wait_for_url("**/personas/priya-shah/")
    follow('.md-content a[href$="journeys/priya-saturday/"]', "journeys/priya-saturday/")
    wait_for_chart(page, "slate")
    problems += misplaced(page, "third page, dark")
    toggle_palette(page)
    wait_for_chart(page, "default")
    problems += misplaced(page, "third page, light again")
    page.locator('.cjm-facts a[href$="personas/priya-shah/"]').first.click()
    page.wait_for_url("**/personas/priya-shah/")
    follow(f'.md-content a[href$="{CURRENT}"]', CURRENT)
    wait_for_chart(page, "default")
    problems += misplaced(page, "first page again")
    assert page.evaluate("window.__sameDocument") is True  # every page came by instant navigation
    assert problems == []
    assert tab.problems() == []


def test_build_time_chart_first_interactive_chart_on_request(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url(CURRENT), wait_until="networkidle")
    figure = page.locator("figure.cjm-chart")
    static, plot = figure.locator(".cjm-chart__static"), figure.locator("[data-cjm-chart]")
    button = figure.get_by_role("button", name="Explore the chart")
    figure.evaluate("e => e.scrollIntoView({block: 'center'})")
    expect(button).to_be_visible()
    assert static.evaluate("e => getComputedStyle(e).display") != "none"
    assert plot.evaluate("e => getComputedStyle(e).visibility") == "hidden"
    expect(figure.locator(".cjm-chart__nojs")).to_be_hidden()  # JavaScript runs: no word of needing it
    after_two_frames(page)
    assert not [u for u in tab.requests if "plotly" in u]
    assert plot.get_attribute("role") is None  # the build-time chart is the picture until then
    # From the keyboard: Tab to the button, Enter; focus moves on to the chart that replaces it.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    # Focus on the button already starts the chart, which may replace the button before the next
    # question reaches the page: the button notes its own focus.
    button.evaluate("e => e.addEventListener('focus', () => { window.__explored = true; })")
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("window.__explored === true"):
            break
    else:
        pytest.fail("Tab never reached the button")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-cjm-drawn]", state="attached")
    expect(button).to_have_count(0)
    assert static.evaluate("e => getComputedStyle(e).display") == "none"
    assert plot.evaluate("e => getComputedStyle(e).visibility") == "visible"
    assert plot.evaluate("e => e === document.activeElement")
    assert plot.get_attribute("role") == "img"
    # Paper gets the build-time chart, never the interactive one or a word about JavaScript.
    page.emulate_media(media="print")
    assert static.evaluate("e => getComputedStyle(e).display") != "none"
    for hidden in (plot, figure.locator(".cjm-chart__nojs")):
        assert hidden.evaluate("e => getComputedStyle(e).display") == "none"
    assert tab.problems() == []


# A browser that runs the idle callbacks it is given only when told to (window.__idle()).
IDLE_ON_CUE = """window.__idleQueue = [];
window.requestIdleCallback = fn => window.__idleQueue.push(fn);
window.__idle = () => { const q = window.__idleQueue.splice(0); q.forEach(fn => fn({timeRemaining: () => 50, didTimeout: false})); return q.length; };"""


def test_chart_waits_for_the_reader_not_for_an_idle_browser(tabs: Opener, example: Served) -> None:
    """A chart in view stays the build-time one while the browser is idle (a page opened at its
    chart would spend its first seconds running plotly.js); the reader's pointer brings it in."""
    tab = tabs()
    page = tab.page
    page.add_init_script(IDLE_ON_CUE)
    page.goto(example.url(CURRENT), wait_until="networkidle")
    figure = page.locator("figure.cjm-chart")
    figure.evaluate("e => e.scrollIntoView({block: 'center'})")
    after_two_frames(page)
    page.evaluate("window.__idle()")
    after_two_frames(page)
    assert page.locator("[data-cjm-chart]").get_attribute("data-cjm-state") is None
    assert not [u for u in tab.requests if "plotly" in u]
    figure.hover()
    page.wait_for_selector("[data-cjm-drawn]", state="attached")
    assert page.locator(".cjm-chart__explore").count() == 0
    assert tab.problems() == []


# Where what follows the figure starts, from the top of the page.
BELOW_FIGURE = "() => { const n = document.querySelector('figure.cjm-chart').nextElementSibling; return n.getBoundingClientRect().top + scrollY; }"


@pytest.mark.parametrize(("path", "width"), [(CURRENT, 360), (CURRENT, 1440), (FUTURE, 360), (FUTURE, 1024)])
def test_the_interactive_chart_takes_the_build_time_ones_room(
    tabs: Opener, example: Served, path: str, width: int
) -> None:
    """Nothing below the figure moves when the interactive chart replaces the build-time one (the
    chart may swap in while the reader reads on below it, when the browser is idle)."""
    tab = tabs(viewport={"width": width, "height": 800})
    page = tab.page
    page.goto(example.url(path), wait_until="networkidle")
    before = page.evaluate(BELOW_FIGURE)
    wait_for_chart(page)
    expect(page.locator(".cjm-chart__static")).to_be_hidden()
    assert abs(page.evaluate(BELOW_FIGURE) - before) <= 2
    assert tab.problems() == []


def test_without_javascript_the_build_time_chart_and_the_table(tabs: Opener, example: Served) -> None:
    tab = tabs(java_script_enabled=False)
    page = tab.page
    page.goto(example.url(CURRENT))
    figure = page.locator("figure.cjm-chart")
    assert figure.locator(".cjm-chart__static").evaluate("e => getComputedStyle(e).display") != "none"
    expect(figure.locator(".cjm-chart__nojs")).to_be_visible()
    expect(figure.locator(".cjm-chart__explore")).to_be_hidden()  # nothing to explore without JavaScript
    assert figure.locator("[data-cjm-chart]").evaluate("e => e.getBoundingClientRect().height") == 0
    assert page.locator(".cjm-chart__data table tbody tr").count() >= 5
    page.emulate_media(media="print")
    expect(figure.locator(".cjm-chart__nojs")).to_be_hidden()


RINGS = """() => document.querySelector('[data-cjm-chart]')._fullData
  .filter(t => t.meta && (t.meta.role === 'trough' || t.meta.role === 'peak'))
  .map(t => [t.meta.role, t.marker.line.color])"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_persona_has_its_colour_and_the_lowest_point_its_own(tabs: Opener, example: Served, scheme: str) -> None:
    tab = tabs(color_scheme=scheme)
    page = tab.page
    page.goto(example.url("journeys/till-outage-support/"))
    wait_for_chart(page)
    series = by_role(page.evaluate(TRACES), "series")
    slots = [s["slot"] for s in embedded(page)["series"]]
    assert len(series) == 2 and len(set(slots)) == 2
    for trace, slot in zip(series, slots, strict=True):
        assert colour(page, trace["color"]) == colour(page, f"var(--cjm-persona-{slot})")
    rings = dict(page.evaluate(RINGS))
    negative = colour(page, "var(--cjm-negative)")
    assert colour(page, rings["trough"]) == negative
    assert negative not in {colour(page, f"var(--cjm-persona-{n})") for n in range(1, 9)}
    assert tab.problems() == []
