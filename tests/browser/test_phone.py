"""On a 360 × 740 phone: no sideways page scroll, the grid scrolls in its own box, readable text."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import JOURNEY, PAGE_TYPES, PHONE, Served, open_tab

# Visible elements that carry their own text in the content area, and their font size.
SMALLEST_TEXT = """() => {
  const out = [];
  for (const el of document.querySelectorAll('.md-content :is(p, li, dd, dt, td, th, a, span, h1, h2, h3, caption)')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const r = el.getBoundingClientRect();
    if (!own || !r.width || !r.height || el.closest('.cjm-visually-hidden, .js-plotly-plot, [hidden]')) continue;
    out.push([parseFloat(getComputedStyle(el).fontSize), el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 30)]);
  }
  out.sort((a, b) => a[0] - b[0]);
  return out.slice(0, 3);
}"""


@pytest.fixture(scope="module")
def phone(browser: Any) -> Any:
    tab = open_tab(browser, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield tab
    tab.page.context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_sideways_scroll_and_readable_text(phone: Any, example: Served, kind: str) -> None:
    page = phone.page
    page.goto(example.url(PAGE_TYPES[kind]), wait_until="networkidle")
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert page.evaluate("innerWidth") == PHONE["width"]
    assert width <= PHONE["width"], f"the page scrolls sideways: {width}px wide"
    smallest = page.evaluate(SMALLEST_TEXT)
    assert smallest and smallest[0][0] >= 12, smallest


def test_grid_scrolls_in_its_box_with_lane_headers_in_view(phone: Any, example: Served) -> None:
    page = phone.page
    page.goto(example.url(JOURNEY))
    wrap = page.locator(".cjm-grid-wrap")
    wrap.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.evaluate("window.scrollBy(0, -120)")  # below Material's sticky header
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth + 200"), "the grid should be wider than a phone"
    box = wrap.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    lane = page.locator(".cjm-grid__lane").first
    before = lane.bounding_box()
    stage = page.locator(".cjm-grid__stage").nth(2)
    stage_before = stage.bounding_box()
    wrap.evaluate("e => { e.scrollLeft = 500; }")
    page.wait_for_function("() => document.querySelector('.cjm-grid-wrap').scrollLeft >= 499")
    after = lane.bounding_box()
    assert abs(after["x"] - before["x"]) < 1, "the lane header cells stay put (sticky)"
    assert after["x"] >= box["x"] - 1 and after["x"] + after["width"] <= PHONE["width"]
    assert stage.bounding_box()["x"] == pytest.approx(stage_before["x"] - 500, abs=1), "the stages moved"
    # The sticky lane header is on top of the cells that scroll under it.
    x, y = after["x"] + after["width"] / 2, after["y"] + after["height"] / 2
    hit = page.evaluate(
        "([x, y]) => { const e = document.elementFromPoint(x, y); return !!e && !!e.closest('.cjm-grid__lane'); }",
        [x, y],
    )
    assert hit, (x, y)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
