"""The insights pages and the Start here path in a browser: a heatmap cell lands on its stage,
the heatmaps are real tables, both pages pass axe (WCAG 2.2 AA) in both palettes on a wide
screen and a phone, and the path is reached from the home page and read in order."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import Opener, Served
from .test_accessibility import SCHEMES, WIDTHS, violations

PAGES = {"insights": "insights/", "heatmap": "insights/priya-shah/", "start": "start/"}


def test_a_heatmap_cell_lands_on_its_stage(tabs: Opener, example: Served) -> None:
    page = tabs().page
    page.goto(example.url("insights/"))
    page.get_by_role("link", name="Priya Shah", exact=True).first.click()
    page.wait_for_url("**/insights/priya-shah/")
    cell = page.locator("table.cjm-heatmap--maps tbody tr").first.locator("td.cjm-heat a").nth(1)
    stage = (cell.locator(".cjm-heat__stage").text_content() or "").strip()
    href = cell.get_attribute("href") or ""
    cell.click()
    fragment = href.split("#", 1)[1]
    page.wait_for_url(f"**/#{fragment}")
    target = page.locator(f"[id='{fragment}']")
    expect(target).to_be_in_viewport()
    assert stage in (target.text_content() or "")


def test_heatmaps_are_tables_with_captions_and_scoped_headers(tabs: Opener, example: Served) -> None:
    page = tabs().page
    for path, selector in (
        ("insights/", "table.cjm-heatmap--summary"),
        ("insights/priya-shah/", "table.cjm-heatmap--maps"),
    ):
        page.goto(example.url(path))
        table = page.locator(selector)
        caption = (table.locator("caption").text_content() or "").strip()
        assert caption and page.get_by_role("table", name=caption, exact=True).count() == 1
        assert table.locator("thead th").count() == table.locator("thead th[scope=col]").count() > 2
        assert table.locator("tbody th[scope=row]").count() == table.locator("tbody tr").count() > 0
        # every score is written in its cell, not only coloured
        texts = table.locator("td.cjm-heat").all_text_contents()
        assert texts and all(t.strip() for t in texts)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGES)
def test_no_axe_violations(tabs: Opener, example: Served, kind: str, scheme: str, width: str) -> None:
    page = tabs(color_scheme=scheme, viewport=WIDTHS[width]).page
    page.goto(example.url(PAGES[kind]), wait_until="networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("() => scrollY === 0 && document.getAnimations().every(a => a.playState !== 'running')")
    assert violations(page) == []


def test_nothing_leaves_the_phone_screen(tabs: Opener, example: Served) -> None:
    """At 360 px the page does not scroll sideways: wide heatmaps scroll inside their own box."""
    page = tabs(viewport=WIDTHS["phone"]).page
    for path in PAGES.values():
        page.goto(example.url(path))
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), path


def test_start_here_is_linked_from_home_and_read_in_order(tabs: Opener, example: Served) -> None:
    page = tabs().page
    page.goto(example.url(""))
    page.get_by_role("link", name="New here? Start here").click()
    page.wait_for_url("**/start/")
    assert (page.locator("section.cjm-path h2").first.text_content() or "").strip().startswith("Priya Shah")
    order = page.locator("section.cjm-path h2").evaluate_all("hs => hs.map(h => h.id)")
    assert order == ["path-priya-shah", "path-tomas-reyes", "path-ava-okafor", "path-dev-patel"]
    first = page.locator("section.cjm-path").first.locator("ol > li")
    assert (first.first.locator("a").get_attribute("href") or "").endswith("personas/priya-shah/")
    kinds = first.locator(".cjm-type").all_text_contents()
    assert kinds[:3] == ["Persona", "Day in the life", "Current state"]
    assert kinds.index("Future state") < kinds.index("Service blueprint")
    assert all(t.endswith("min read") for t in first.locator(".cjm-path__time").all_text_contents())
    first.nth(1).locator("a").click()
    page.wait_for_url("**/journeys/priya-saturday/")
