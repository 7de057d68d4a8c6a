"""axe-core (pinned through axe-playwright-python) finds nothing on any page type, in either palette."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import PAGE_TYPES, Opener, Served, wait_for_chart

AXE = Axe()
SCHEMES = {"light": "default", "dark": "slate"}


def violations(page: Any) -> list[str]:
    found = AXE.run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {n['target']} {n['failureSummary']}" for v in found for n in v["nodes"]]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_axe_violations(tabs: Opener, example: Served, kind: str, scheme: str) -> None:
    tab = tabs(color_scheme=scheme)
    page = tab.page
    page.goto(example.url(PAGE_TYPES[kind]), wait_until="networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    if page.locator("[data-cjm-chart]").count():
        wait_for_chart(page, SCHEMES[scheme])
        page.locator(".cjm-chart__data > summary").click()  # the table behind the chart too
    assert violations(page) == []


def test_axe_notices_a_violation(tabs: Opener, example: Served) -> None:
    """The check can fail: an image without a text alternative is reported."""
    tab = tabs()
    tab.page.goto(example.url(""))
    tab.page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    assert any(v.startswith("image-alt") for v in violations(tab.page))


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
