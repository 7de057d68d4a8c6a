"""The value × effort view of the opportunities listing (issue 15, point 7): choosing a quadrant
filters the listing (and the address says so); the quadrant counts follow the other filters;
Impact and Effort sort every entry; the views pass axe, and the matrix reads on a phone."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import JOURNEY, PHONE, Opener, Served
from .test_filters import RESULTS, WCAG_22_AA, WIDE, choose, column, query

MATRIX = "[data-cjm-matrix]"


def counts(page: Any) -> dict[str, int]:
    """The count each quadrant (and "Not sized") of the listing's matrix shows."""
    found: dict[str, int] = page.evaluate(
        """(sel) => Object.fromEntries([...document.querySelectorAll(sel + ' [data-cjm-quadrant]')].map(
             b => [b.dataset.cjmQuadrant, parseInt(b.querySelector('[data-cjm-count]').textContent, 10)]))""",
        MATRIX,
    )
    return found


def sizes(page: Any, label: str) -> list[int | None]:
    return [int(v.split()[0]) if v else None for v in column(page, label)]


def test_choosing_a_quadrant_filters_the_listing(tabs: Opener, example: Served) -> None:
    tab = tabs(viewport=WIDE)
    page = tab.page
    page.goto(example.url("opportunities/"))
    whole = counts(page)
    assert sum(whole.values()) == 56 and whole["not-sized"] == 4 and whole["quick-wins"] > 0
    page.locator(f"{MATRIX} [data-cjm-quadrant=quick-wins] a").click()
    count = page.locator(".cjm-listing__count")
    expect(count).to_have_text(f"{whole['quick-wins']} of 56 opportunities")
    assert query(page) == {"quadrant": ["quick-wins"]}
    assert page.locator("#cjm-filter-quadrant").input_value() == "quick-wins"
    expect(page.locator(f"{MATRIX} [data-cjm-quadrant=quick-wins]")).to_have_attribute("aria-current", "true")
    impact, effort = sizes(page, "Impact"), sizes(page, "Effort")
    assert len(impact) == whole["quick-wins"]
    assert all(i is not None and i >= 4 for i in impact) and all(e is not None and e <= 3 for e in effort)
    # Another filter: the counts are of what it keeps, and the quadrants' links keep it.
    choose(page, "owner", "onboarding-squad")
    expect(count).not_to_have_text(f"{whole['quick-wins']} of 56 opportunities")
    assert query(page) == {"quadrant": ["quick-wins"], "owner": ["onboarding-squad"]}
    mine = counts(page)
    choose(page, "quadrant", "")
    expect(page.locator(RESULTS)).to_have_count(sum(mine.values()))
    assert set(column(page, "Owner")) == {"Onboarding squad"}
    href = page.locator(f"{MATRIX} [data-cjm-quadrant=big-bets] a").get_attribute("href")
    assert href is not None and href.endswith("?owner=onboarding-squad&quadrant=big-bets")
    page.get_by_role("button", name="Clear filters").click()
    expect(count).to_have_text("56 opportunities")
    assert counts(page) == whole
    assert tab.problems() == []


def test_a_quadrant_address_opens_the_filtered_view(tabs: Opener, example: Served) -> None:
    page = tabs(viewport=WIDE).page
    page.goto(example.url("opportunities/?quadrant=not-sized"))
    expect(page.locator(RESULTS)).to_have_count(4)
    assert all(i is None or e is None for i, e in zip(sizes(page, "Impact"), sizes(page, "Effort"), strict=True))
    page.goto(example.url("opportunities/?quadrant=everything"))  # unknown: ignored and dropped
    # The built page already says "56 opportunities": listing.js drops the unknown quadrant from
    # the address once it has the entries (update() → fetch() → writeState), and shows the listing.
    expect(page).to_have_url(example.url("opportunities/"))
    expect(page.locator(".cjm-listing__static")).to_be_visible()
    expect(page.locator(".cjm-listing__count")).to_have_text("56 opportunities")
    assert query(page) == {}


def test_impact_and_effort_sort_every_entry(tabs: Opener, example: Served) -> None:
    page = tabs(viewport=WIDE).page
    page.goto(example.url("opportunities/"))
    page.locator(".cjm-listing__static thead .cjm-sort", has_text="Impact").click()
    drawn = page.locator(".cjm-listing__results thead th", has=page.locator(".cjm-sort", has_text="Impact"))
    expect(drawn).to_have_attribute("aria-sort", "ascending")
    impact = sizes(page, "Impact")
    assert len(impact) == 56 and impact == sorted(impact, key=lambda v: 6 if v is None else v)
    assert query(page) == {"sort": ["impact"], "dir": ["asc"]}
    page.goto(example.url("opportunities/?sort=effort&dir=desc"))
    expect(page.locator(RESULTS)).to_have_count(56)
    effort = [6 if v is None else v for v in sizes(page, "Effort")]
    assert effort == sorted(effort, reverse=True)


def test_the_journey_matrix_stacks_on_a_phone(tabs: Opener, example: Served) -> None:
    page = tabs(viewport=PHONE).page
    page.goto(example.url(JOURNEY))
    boxes = page.locator(".cjm-matrix__quadrant")
    expect(boxes).to_have_count(4)
    lefts = {round(boxes.nth(i).bounding_box()["x"]) for i in range(4)}
    assert len(lefts) == 1  # one column
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(WIDE)
    expect(boxes.first).to_be_visible()
    page.wait_for_function(
        "() => new Set([...document.querySelectorAll('.cjm-matrix__quadrant')].map(b => b.getBoundingClientRect().x)).size === 2"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_the_value_effort_views_have_no_axe_violations(
    tabs: Opener, example: Served, scheme: str, viewport: Any
) -> None:
    page = tabs(viewport=viewport, color_scheme=scheme).page
    for url in ("opportunities/?quadrant=quick-wins&owner=onboarding-squad", JOURNEY + "#value-effort"):
        page.goto(example.url(url), wait_until="networkidle")
        expect(page.locator(".cjm-matrix").first).to_be_visible()
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        found = Axe().run(page, options=WCAG_22_AA).response["violations"]
        assert [f"{v['id']}: {n['target']}" for v in found for n in v["nodes"]] == []
