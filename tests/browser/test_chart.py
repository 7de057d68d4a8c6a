"""The sentiment chart in the browser: the build-time chart first, then Plotly's interactive one when the reader
reaches for it — its values, marks, overlay, colours and labels, after instant navigation and palette toggles,
at every width."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from conftest import REPO

from .conftest import Opener, Served, after_two_frames, wait_for_chart

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


def embedded(page: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(page.locator("[data-cjm-chart]").get_attribute("data-cjm-chart"))
    return data


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
    assert light_line != dark_line and all(light[k] != dark[k] for k in ("tick", "note", "grid", "shapes"))
    slot = embedded(page)["series"][0]["slot"]
    assert colour(page, dark_line) == colour(page, f"var(--cjm-persona-{slot})")
    assert fg and dark["tick"] == fg
    # And back.
    page.locator("form[data-md-component=palette] label:visible").first.click()
    wait_for_chart(page, "default")
    assert page.evaluate(LAYOUT) == light


# Boxes (in page pixels) of what the drawn chart shows: its texts (tick labels, annotations, legend entries), and
# the annotations with their arrows, the legend and the shapes (stage bands and dividers), with the box of the
# chart itself (Plotly's SVG container).
GEOMETRY = """(gd) => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const pick = (kind, selector) => [...gd.querySelectorAll(selector)]
    .map(e => ({kind: kind, text: (e.textContent || '').trim(), box: box(e)}))
    .filter(i => i.box[2] > i.box[0] && i.box[3] > i.box[1]);
  return {
    chart: box(gd.querySelector('.svg-container')),
    texts: [...pick('x tick', '.xtick text'), ...pick('y tick', '.ytick text'),
            ...pick('annotation', '.annotation-text'), ...pick('legend entry', '.legendtext')],
    marks: [...pick('annotation', '.annotation'), ...pick('legend', '.legend'), ...pick('shape', '.shapelayer path')],
  };
}"""


def misplaced(page: Any, where: str) -> list[str]:
    """What of the drawn chart lies outside the chart's box, and which of its texts overlap: [] when all is well."""
    geo = page.locator("[data-cjm-chart]").evaluate(GEOMETRY)
    x0, y0, x1, y1 = geo["chart"]
    texts, marks = geo["texts"], geo["marks"]
    assert len(texts) >= 4 and any(m["kind"] == "shape" for m in marks), (where, geo)
    found = [
        f"{where}: {item['kind']} {item['text'][:30]!r} at {[round(v) for v in item['box']]} is outside the chart "
        f"{[round(v) for v in geo['chart']]}"
        for item in texts + marks
        if item["box"][0] < x0 - 1 or item["box"][1] < y0 - 1 or item["box"][2] > x1 + 1 or item["box"][3] > y1 + 1
    ]
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            across = min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0])
            down = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
            if across > 1 and down > 1:
                found.append(f"{where}: {a['kind']} {a['text'][:30]!r} overlaps {b['kind']} {b['text'][:30]!r}")
    return found


def toggle_palette(page: Any) -> None:
    page.locator("form[data-md-component=palette] label:visible").first.click()


def test_charts_stay_whole_across_instant_navigation_and_palette_toggles(tabs: Opener, example: Served) -> None:
    """Plotly's stylesheet stacks the chart's layers; Material's instant navigation removes it from <head> (it is
    not in the next page's HTML), which once dropped every later chart's annotations, legend and stage lines some
    400 px below it. Four journey pages in a row, reached by links, two palette toggles: every chart stays whole."""
    tab = tabs()
    page = tab.page
    with page.expect_request_finished(lambda request: request.url.endswith("/sitemap.xml")):
        page.goto(example.url("journeys/"), wait_until="networkidle")
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


MAPS = sorted(f"journeys/{p.stem}/" for p in (REPO / "content" / "journeys").iterdir() if p.suffix in (".yml", ".md"))


@pytest.mark.parametrize("width", [360, 1024, 1440, 2560])
def test_no_label_is_clipped_or_overlaps_another_on_any_map(tabs: Opener, example: Served, width: int) -> None:
    assert len(MAPS) == 13
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


def test_build_time_chart_first_interactive_chart_on_request(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.add_init_script("window.requestIdleCallback = () => 0;")  # a browser that is never idle: only the reader
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
    for _ in range(300):
        page.keyboard.press("Tab")
        if button.evaluate("e => e === document.activeElement"):
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


def test_chart_becomes_interactive_when_the_browser_is_idle_after_it_was_in_view(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url(CURRENT), wait_until="networkidle")
    assert not [u for u in tab.requests if "plotly" in u]
    page.locator("figure.cjm-chart").evaluate("e => e.scrollIntoView({block: 'center'})")
    page.wait_for_selector("[data-cjm-drawn]", state="attached")  # no pointer, no focus, no click
    assert page.locator(".cjm-chart__explore").count() == 0
    assert tab.problems() == []


def test_without_javascript_the_build_time_chart_and_the_table(tabs: Opener, example: Served) -> None:
    tab = tabs(java_script_enabled=False)
    page = tab.page
    page.goto(example.url(CURRENT))
    figure = page.locator("figure.cjm-chart")
    assert figure.locator(".cjm-chart__static").evaluate("e => getComputedStyle(e).display") != "none"
    expect(figure.locator(".cjm-chart__nojs")).to_be_visible()
    assert figure.locator(".cjm-chart__explore").count() == 0
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


def test_score_axis_names_only_what_the_map_names(tabs: Opener, example: Served) -> None:
    tab = tabs(viewport={"width": 1440, "height": 900})
    page = tab.page
    page.goto(example.url("journeys/month-end-bookkeeping/"))  # scale 1..5 naming 1, 3 and 5
    wait_for_chart(page)
    ticks = page.locator("[data-cjm-chart] .ytick text").all_text_contents()
    assert ticks == ["1 Exasperated", "2", "3 Getting on with it", "4", "5 Satisfied"]
    page.goto(example.url(CURRENT))  # the default −2..+2, without names
    wait_for_chart(page)
    assert page.locator("[data-cjm-chart] .ytick text").all_text_contents() == ["−2", "−1", "0", "+1", "+2"]
