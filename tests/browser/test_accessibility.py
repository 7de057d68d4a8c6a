"""axe-core (pinned through axe-playwright-python) finds nothing against WCAG 2.2 AA on any page
type, in either palette, on a wide screen and on a phone."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import PAGE_TYPES, Opener, Served, after_two_frames, wait_for_chart

AXE = Axe()
# axe's default run leaves WCAG 2.2 out (target-size among others): name every level-A and
# level-AA rule set up to 2.2.
WCAG_22_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
SCHEMES = {"light": "default", "dark": "slate"}
WIDTHS = {"wide": {"width": 1440, "height": 900}, "phone": {"width": 360, "height": 740}}


def settle_at_top(page: Any) -> None:
    """Back at the top of the page, once Material has faded its tabs in again (it starts to a
    frame or two after the scroll): axe reads colours once nothing moves."""
    page.evaluate("window.scrollTo(0, 0)")
    after_two_frames(page)
    page.wait_for_function("() => scrollY === 0 && document.getAnimations().every(a => a.playState !== 'running')")
    after_two_frames(page)
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def violations(page: Any, options: dict[str, Any] | None = WCAG_22_AA) -> list[str]:
    found = AXE.run(page, options=options).response["violations"]
    return [f"{v['id']} ({v['impact']}): {n['target']} {n['failureSummary']}" for v in found for n in v["nodes"]]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_axe_violations(tabs: Opener, example: Served, kind: str, scheme: str, width: str) -> None:
    tab = tabs(color_scheme=scheme, viewport=WIDTHS[width])
    page = tab.page
    page.goto(example.url(PAGE_TYPES[kind]), wait_until="networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    if page.locator("[data-cjm-chart]").count():
        wait_for_chart(page, SCHEMES[scheme])
        page.locator(".cjm-chart__data > summary").click()  # the table behind the chart too
    # axe measures targets where they are on screen: one half under Material's sticky header
    # would count as too small, wherever the scrolling above left it. Back at the top, Material
    # fades its tabs in again: axe reads colours once nothing moves.
    settle_at_top(page)
    assert violations(page) == []


def test_axe_notices_a_violation(tabs: Opener, example: Served) -> None:
    """The check can fail: an image without a text alternative is reported."""
    tab = tabs()
    tab.page.goto(example.url(""))
    tab.page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    assert any(v.startswith("image-alt") for v in violations(tab.page))


SMALL_TARGETS = """() => document.querySelector('article').insertAdjacentHTML('beforeend',
  '<div><a href="#a" style="display:block;width:8rem;height:15px">one</a>' +
  '<a href="#b" style="display:block;width:8rem;height:15px">two</a></div>')"""


def test_axe_checks_wcag_22_target_size(tabs: Opener, example: Served) -> None:
    """The WCAG 2.2 rules are really on: two 15 px high links, one on top of the other, are
    reported (2.5.8 Target Size), which axe's default rule set would let pass."""
    tab = tabs()
    page = tab.page
    page.goto(example.url(""))
    assert not any(v.startswith("target-size") for v in violations(page))
    page.evaluate(SMALL_TARGETS)
    assert any(v.startswith("target-size") for v in violations(page))
    assert not any(v.startswith("target-size") for v in violations(page, options=None))


def test_grid_and_chart_are_described(tabs: Opener, example: Served) -> None:
    """The grid is a real table with scoped header cells; the chart has a text alternative and a data table."""
    tab = tabs()
    page = tab.page
    page.goto(example.url("journeys/first-week-setup/"))
    grid = page.locator("table.cjm-grid")
    assert grid.locator("thead th[scope=col]").count() == 5
    assert grid.locator("tbody th[scope=row]").count() == grid.locator("tbody tr").count()
    caption = (grid.locator("caption").text_content() or "").strip()
    assert "5 stages" in caption and page.get_by_role("table", name=caption, exact=True).count() == 1
    wait_for_chart(page)
    plot = page.locator("[data-cjm-chart]")
    assert plot.get_attribute("role") == "img"
    summary = page.locator("#" + plot.get_attribute("aria-labelledby")).inner_text()
    assert "Lowest:" in summary and "Highest:" in summary
    assert page.get_by_role("img", name=summary).count() == 1
    assert page.locator(".cjm-chart__data table th[scope=col]").count() >= 3


ZOOM_TOP = "journeys/shop-owner-lifecycle/"
"""The example's high-level map: its grid's "Detailed maps" row links down (zoom levels). The
maps it links to, with their breadcrumb, are among PAGE_TYPES."""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_zoom_levels_have_no_axe_violations(tabs: Opener, example: Served, scheme: str, width: str) -> None:
    page = tabs(color_scheme=scheme, viewport=WIDTHS[width]).page
    for url in (ZOOM_TOP, "journeys/priya-saturday/"):
        page.goto(example.url(url), wait_until="networkidle")
        wait_for_chart(page, SCHEMES[scheme])
        settle_at_top(page)
        assert violations(page) == [], url
        # Every link between levels is a target of at least 24 by 24 px (WCAG 2.2, 2.5.8).
        links = page.locator("a.cjm-zoom, nav.cjm-levels a")
        assert links.count() > 0
        sizes = links.evaluate_all(
            "els => els.map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])"
        )
        assert all(w >= 24 and h >= 24 for w, h in sizes), (url, sizes)
