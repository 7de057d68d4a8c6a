"""Printing a journey map on A3 landscape: the whole grid, nothing clipped, no navigation chrome."""

from __future__ import annotations

import io

from pypdf import PdfReader

from .conftest import JOURNEY, Opener, Served

A3_LANDSCAPE_CONTENT_PX = round((420 - 2 * 10) / 25.4 * 96)  # 420 mm wide, 10 mm margins (cjm.css @page)

CLIPPED_CELLS = """() => [...document.querySelectorAll('table.cjm-grid th, table.cjm-grid td')]
  .filter(c => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
  .map(c => c.textContent.trim().slice(0, 40))"""


def test_journey_prints_whole_on_a3(tabs: Opener, example: Served) -> None:
    tab = tabs(viewport={"width": A3_LANDSCAPE_CONTENT_PX, "height": 1000})
    page = tab.page
    page.goto(example.url(JOURNEY), wait_until="networkidle")
    page.emulate_media(media="print")
    grid = page.locator("table.cjm-grid")
    box = grid.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= A3_LANDSCAPE_CONTENT_PX, box
    wrap = page.locator(".cjm-grid-wrap")
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the grid is cut at the right"
    assert page.evaluate(CLIPPED_CELLS) == []
    last = page.locator(".cjm-grid__stage").last
    last_box = last.bounding_box()
    assert last_box["x"] + last_box["width"] <= box["x"] + box["width"] + 1
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-tabs"):
        for i in range(page.locator(chrome).count()):
            assert not page.locator(chrome).nth(i).is_visible(), f"{chrome} is printed"
    pdf = page.pdf(format="A3", landscape=True, print_background=True)
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)
    words = " ".join(text.split())
    last_name = " ".join(last.locator(".cjm-grid__name").inner_text().split())
    assert last_name in words
    assert "Emotion" in words
    assert "Tillwise journey maps" not in words.split(page.locator("h1").inner_text())[0], "header printed"
    assert page.locator("h1").inner_text() in words
