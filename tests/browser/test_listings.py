"""The listings read: the home page, the journeys index, the opportunities, the owners and an
owner's page use the window's width; at 1440 px nothing is clipped and a row is a few lines; on a
360 px phone each row is a compact card; an id is never broken inside a word."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import PHONE, Opener, Served

WIDE = {"width": 1440, "height": 900}
LISTINGS = {
    "home": "",
    "journeys": "journeys/",
    "opportunities": "opportunities/",
    "owners": "owners/",
    "owner": "owners/onboarding-squad/",
}
SCHEMES = ("light", "dark")
ROW_LINES = 4
"""The most lines a row of a listing may take at 1440 px."""

# Each table's rows, with their height in lines of the table's text, and everything of a row that
# does not fit in the row, its cell, the table's box or the window.
ROWS = """() => [...document.querySelectorAll('.cjm table.cjm-table')].flatMap(table => {
  const line = parseFloat(getComputedStyle(table).lineHeight) || parseFloat(getComputedStyle(table).fontSize) * 1.6;
  const wrap = table.closest('.cjm-table-wrap').getBoundingClientRect();
  return [...table.tBodies[0].rows].map(tr => {
    const r = tr.getBoundingClientRect(), out = [];
    for (const cell of tr.cells) {
      const c = cell.getBoundingClientRect();
      if (cell.scrollWidth > cell.clientWidth + 1) out.push('cell overflows: ' + cell.textContent.trim().slice(0, 40));
      for (const el of cell.querySelectorAll('a, code, .cjm-badge, .cjm-status, .cjm-priority, .cjm-type, svg')) {
        const e = el.getBoundingClientRect();
        if (e.width === 0) continue;
        if (e.left < c.left - 1 || e.right > c.right + 1) out.push('outside its cell: ' + el.textContent.trim().slice(0, 40));
        if (e.right > wrap.right + 1 || e.left < wrap.left - 1) out.push('outside the table box: ' + el.textContent.trim().slice(0, 40));
        if (e.right > innerWidth) out.push('outside the window: ' + el.textContent.trim().slice(0, 40));
      }
    }
    return {row: (tr.cells[0].textContent || '').trim().slice(0, 40), lines: r.height / line, out};
  });
})"""

# Ids drawn on more than one line (broken inside the id).
BROKEN_IDS = """() => [...document.querySelectorAll('.cjm code.cjm-id')]
  .filter(c => c.getClientRects().length > 1 || c.getBoundingClientRect().height > parseFloat(getComputedStyle(c).lineHeight) * 1.5)
  .map(c => c.textContent)"""

# The page's width and its tables' boxes that scroll sideways.
SIDEWAYS = """() => ({page: document.scrollingElement.scrollWidth,
  boxes: [...document.querySelectorAll('.cjm-table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.getAttribute('aria-label'))})"""

# How each row is drawn on a phone: a card (a bordered block as wide as the content or less), its
# column headings hidden, each fact cell introduced by its column's name (or a self-explaining badge).
CARDS = """() => {
  const content = document.querySelector('.md-content__inner').getBoundingClientRect();
  return [...document.querySelectorAll('.cjm table.cjm-table')].map(table => {
    const head = table.tHead.getBoundingClientRect();
    const rows = [...table.tBodies[0].rows].map(tr => {
      const s = getComputedStyle(tr), r = tr.getBoundingClientRect();
      const labels = [...tr.cells].filter(c => c.tagName === 'TD' && c.textContent.trim())
        .map(c => [c.dataset.label, getComputedStyle(c, '::before').content]);
      return {display: s.display, border: parseFloat(s.borderTopWidth), left: r.left >= content.left - 1,
              right: r.right <= content.right + 1, width: r.width, height: r.height, labels};
    });
    return {headHeight: head.height, rows};
  });
}"""


def open_listing(tabs: Opener, example: Served, url: str, viewport: dict[str, int], scheme: str) -> Any:
    tab = tabs(viewport=viewport, color_scheme=scheme)
    tab.page.goto(example.url(url))
    tab.page.wait_for_function("() => document.fonts.status === 'loaded' && !!document.querySelector('.cjm')")
    return tab


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", LISTINGS)
def test_listing_reads_at_1440(tabs: Opener, example: Served, name: str, scheme: str) -> None:
    tab = open_listing(tabs, example, LISTINGS[name], WIDE, scheme)
    page = tab.page
    # The whole window: no sidebars, the content well over Material's 690 px column.
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".md-sidebar--secondary").is_hidden()
    assert page.evaluate("() => document.querySelector('.cjm').getBoundingClientRect().width") > 1300
    assert page.evaluate(SIDEWAYS) == {"page": WIDE["width"], "boxes": []}
    rows = page.evaluate(ROWS)
    assert rows, "the listing has no table rows"
    assert [r for r in rows if r["out"]] == []
    tall = [(r["row"], round(r["lines"], 1)) for r in rows if r["lines"] > ROW_LINES + 0.5]
    assert tall == [], f"rows taller than {ROW_LINES} lines at 1440 px"
    assert page.evaluate(BROKEN_IDS) == []
    assert tab.problems() == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", LISTINGS)
def test_listing_rows_are_cards_on_a_phone(tabs: Opener, example: Served, name: str, scheme: str) -> None:
    tab = open_listing(tabs, example, LISTINGS[name], PHONE, scheme)
    page = tab.page
    assert page.evaluate(SIDEWAYS) == {"page": PHONE["width"], "boxes": []}
    tables = page.evaluate(CARDS)
    assert tables
    for table in tables:
        assert table["headHeight"] <= 1, "the column headings are hidden (each fact names its column)"
        for row in table["rows"]:
            assert row["display"] == "flex"
            assert row["border"] >= 1
            assert row["left"] and row["right"], "a card stays inside the content"
            for label, before in row["labels"]:
                assert label
                if label not in {"Status", "Priority", "Type", "Emotion"}:
                    assert before == f'"{label}: "', (label, before)
    assert page.evaluate(BROKEN_IDS) == []
    assert page.evaluate(ROWS) and all(not r["out"] for r in page.evaluate(ROWS))
    assert tab.problems() == []


def test_opportunity_cards_are_compact_on_a_phone(tabs: Opener, example: Served) -> None:
    """A card is a handful of short lines: far shorter than the same row as a squeezed table row."""
    tab = open_listing(tabs, example, "opportunities/", PHONE, "light")
    heights = [row["height"] for table in tab.page.evaluate(CARDS) for row in table["rows"]]
    line = tab.page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.cjm-table tbody tr')).lineHeight)"
    )
    # Twelve lines, and one more for the impact and effort an opportunity may be sized with.
    assert max(heights) <= 13 * line, max(heights) / line


def test_opportunities_show_the_backlog_link(tabs: Opener, example: Served) -> None:
    tab = open_listing(tabs, example, "opportunities/", WIDE, "light")
    links = tab.page.locator(".cjm-opps-table__backlog a")
    assert links.count() > 0
    first = links.first
    assert first.is_visible()
    assert first.get_attribute("href", timeout=1000).startswith("https://")
    assert (first.inner_text()).startswith("TW-")


def test_listings_without_javascript_are_the_same(tabs: Opener, example: Served) -> None:
    """Nothing of the layout waits for a script: without JavaScript the rows and cards are drawn the same."""
    for viewport in (WIDE, PHONE):
        tab = tabs(viewport=viewport, java_script_enabled=False)
        tab.page.goto(example.url("opportunities/"))
        tab.page.wait_for_selector(".cjm table.cjm-table tbody tr")
        shown = tab.page.locator(".cjm table.cjm-table tbody tr").count()
        assert shown > 10
        display = tab.page.locator(".cjm table.cjm-table tbody tr").first.evaluate("tr => getComputedStyle(tr).display")
        assert display == ("flex" if viewport is PHONE else "table-row")
