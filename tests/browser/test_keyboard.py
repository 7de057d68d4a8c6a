"""Keyboard use: Tab reaches every visible link and control, Enter follows links, focus is visible."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import JOURNEY, PAGE_TYPES, Opener, Served

FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])"

# Ids for the focusable elements a reader can see (and is not hidden from them by Material).
VISIBLE_FOCUSABLE = """(selector) => {
  let n = 0;
  return [...document.querySelectorAll(selector)].filter(e => {
    if (e.disabled || e.closest('[hidden], [inert], [aria-hidden="true"]')) return false;
    if (e.tabIndex < 0) return false;
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    if (s.visibility !== 'visible' || !r.width || !r.height) return false;
    if (e.closest('details:not([open])') && e.tagName !== 'SUMMARY') return false;
    return e.checkVisibility({opacityProperty: true, visibilityProperty: true});
  }).map(e => { e.dataset.kbd = e.dataset.kbd || 'k' + (n++); return e.dataset.kbd; });
}"""

# The focused element: its id (given on first sight) and whether a focus ring is drawn.
ACTIVE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  if (!e.dataset.kbd) e.dataset.kbd = 'f' + Math.random().toString(36).slice(2);
  // Material hides the palette toggle's radio input and rings its label instead.
  const shown = e.matches('.md-option') && e.nextElementSibling ? e.nextElementSibling : e;
  const s = getComputedStyle(shown);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  return {id: e.dataset.kbd, ring: ring, visible: e.matches(':focus-visible'),
          what: e.tagName + (e.className ? '.' + String(e.className).split(' ')[0] : '') + ' ' + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)};
}"""


def tab_through(page: Any, limit: int = 800) -> list[dict[str, Any]]:
    page.evaluate("document.activeElement && document.activeElement.blur()")
    seen: list[dict[str, Any]] = []
    ids: set[str] = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active is None:
            # Focus left the document (its end) — or, rarely, an element lost it as it was
            # hidden; the next Tab then either goes on or starts over at a seen element.
            page.keyboard.press("Tab")
            active = page.evaluate(ACTIVE)
        if active is None or active["id"] in ids:
            break
        ids.add(active["id"])
        seen.append(active)
    else:
        pytest.fail(f"Tab did not cycle after {limit} presses")
    return seen


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_tab_reaches_every_control_with_a_visible_ring(tabs: Opener, example: Served, kind: str) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url(PAGE_TYPES[kind]), wait_until="networkidle")
    expected = set(page.evaluate(VISIBLE_FOCUSABLE, FOCUSABLE))
    reached = tab_through(page)
    missing = expected - {a["id"] for a in reached}
    described = page.evaluate(
        'ids => ids.map(i => document.querySelector(`[data-kbd="${i}"]`).outerHTML.slice(0, 120))', sorted(missing)
    )
    assert not missing, described
    assert len(expected) > 5
    no_ring = [a["what"] for a in reached if not (a["ring"] and a["visible"])]
    assert no_ring == [], no_ring


def test_grid_scroll_box_is_focusable_and_scrolls_with_arrow_keys(tabs: Opener, example: Served) -> None:
    tab = tabs(viewport={"width": 800, "height": 900})
    page = tab.page
    page.goto(example.url(JOURNEY))
    wrap = page.locator(".cjm-grid-wrap")
    assert wrap.get_attribute("tabindex") == "0"
    wrap.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.cjm-grid-wrap').scrollLeft > 0")
    assert page.locator(".cjm-table-wrap").first.get_attribute("tabindex") == "0"


def test_enter_on_a_focused_link_navigates(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url(JOURNEY), wait_until="networkidle")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    target = page.locator('.cjm-facts a[href*="personas/"]').first
    href = target.get_attribute("href")
    for _ in range(300):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail("the persona link was never focused")
    page.keyboard.press("Enter")
    page.wait_for_url("**/personas/priya-shah/")
    page.wait_for_function("() => document.querySelector('h1').textContent.trim() === 'Priya Shah'")
    assert href.endswith("personas/priya-shah/")
    assert tab.problems() == []
