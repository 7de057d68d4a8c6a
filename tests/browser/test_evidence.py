"""The "Highlight assumptions" toggle of a journey page: keyboard-operable, aria-pressed, kept in
localStorage across maps; the page is still readable without JavaScript; axe finds nothing with
the assumptions highlighted, in either palette, wide or on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import JOURNEY, Opener, Served
from .test_accessibility import SCHEMES, WIDTHS, violations

KEY = "cjm.assumptions"
ASSUMED = ".cjm-grid li:has(> .cjm-assume)"


def test_the_toggle_highlights_every_assumption_and_is_kept(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url(JOURNEY), wait_until="networkidle")
    button = page.get_by_role("button", name="Highlight assumptions")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-pressed", "false")
    assumed = page.locator(ASSUMED)
    count = assumed.count()
    assert count > 10
    assert f"({count})" in (button.text_content() or "")
    word = assumed.first.locator(".cjm-assume__word")
    assert word.evaluate("w => w.getBoundingClientRect().width") <= 1  # read out, not shown
    underline = "el => getComputedStyle(el).textDecorationStyle"
    before = assumed.first.evaluate(underline)
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".cjm-journey")).to_have_class(
        "cjm cjm-journey cjm-journey--current-state cjm-wide cjm-show-assumptions"
    )
    assert word.evaluate("w => w.getBoundingClientRect().width") > 20  # the word shows
    assert assumed.first.evaluate(underline) != before
    cited = page.locator("#hidden-guide")  # cites two sources: not highlighted
    assert cited.evaluate(underline) == before
    assert page.evaluate(f"localStorage.getItem({KEY!r})") == "1"
    # Kept on another map, and after a reload; Space turns it off.
    page.goto(example.url("journeys/end-of-day-cash-up/"), wait_until="networkidle")
    button = page.get_by_role("button", name="Highlight assumptions")
    expect(button).to_have_attribute("aria-pressed", "true")
    button.focus()
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-pressed", "false")
    page.reload(wait_until="networkidle")
    expect(page.get_by_role("button", name="Highlight assumptions")).to_have_attribute("aria-pressed", "false")
    assert tab.problems() == []


def test_a_citation_leads_to_its_source(tabs: Opener, example: Served) -> None:
    page = tabs().page
    page.goto(example.url(JOURNEY), wait_until="networkidle")
    link = page.locator("#hidden-guide .cjm-cite a").first
    assert (link.get_attribute("href") or "").endswith("#source-first-week-interviews")
    link.focus()  # the grid brings a focused link clear of what sticks over it, a frame later
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.keyboard.press("Enter")
    page.wait_for_url("**#source-first-week-interviews")
    # (Where the page scrolls to is the browser's and Material's business: under load, a chart
    # drawn above can move the page after the jump.)
    assert page.evaluate("decodeURIComponent(location.hash)") == "#source-first-week-interviews"
    expect(page.locator("#source-first-week-interviews")).to_contain_text("Supports 8 items of this map")


def test_without_javascript_assumptions_stay_readable(tabs: Opener, example: Served) -> None:
    page = tabs(java_script_enabled=False).page
    page.goto(example.url(JOURNEY))
    expect(page.locator("button.cjm-assume-toggle")).to_be_hidden()
    first = page.locator(ASSUMED).first
    assert first.locator(".cjm-assume").get_attribute("title") == "Assumption"
    expect(page.locator(".cjm-head")).to_contain_text("cite research")
    expect(page.locator("#evidence")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations_with_assumptions_highlighted(tabs: Opener, example: Served, scheme: str, width: str) -> None:
    tab = tabs(color_scheme=scheme, viewport=WIDTHS[width])
    page = tab.page
    page.goto(example.url(JOURNEY), wait_until="networkidle")
    page.get_by_role("button", name="Highlight assumptions").click()
    expect(page.locator(".cjm-show-assumptions")).to_have_count(1)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("() => scrollY === 0 && document.getAnimations().every(a => a.playState !== 'running')")
    assert violations(page) == []
