"""Printing a journey map on A3 landscape: the grid on one sheet when it can be read there, nothing
clipped, no navigation chrome, the sentiment curve once, opportunity cards whole."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import REPO, Site, build_site, small_portfolio

from .conftest import JOURNEY, Opener, Served, wait_for_chart

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


# What a reader gets from Chromium's print to PDF (cjm.js fits the grid as printing begins: Chromium
# sends `beforeprint` for page.pdf() as for Ctrl+P), one text per sheet. Whitespace is dropped and
# ligatures are undone, so that text broken over lines is still found.
def printed(page: Any) -> list[str]:
    pdf = page.pdf(format="A3", landscape=True, print_background=True)
    return [squash(p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages]


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def in_order(text: str, parts: list[str]) -> bool:
    at = 0
    for part in parts:
        at = text.find(squash(part), at)
        if at < 0:
            return False
        at += len(squash(part))
    return True


# The grid's stage names, lane titles and last row, and each opportunity card's text as shown.
GRID = """() => {
  const grid = document.querySelector('.cjm-journey__grid table.cjm-grid');
  const text = e => e.textContent.trim();
  const rows = [...grid.querySelectorAll('tbody tr')];
  const shown = e => { const c = e.cloneNode(true); c.querySelectorAll('.cjm-visually-hidden').forEach(h => h.remove()); return text(c); };
  return {
    stages: [...grid.querySelectorAll('thead .cjm-grid__name')].map(text),
    lanes: rows.map(r => text(r.querySelector('th .cjm-grid__lane-title') || r.querySelector('th'))),
    last: [...rows[rows.length - 1].querySelectorAll('td')].map(shown).filter(t => t),
    cards: [...document.querySelectorAll('.cjm-opp')].map(shown),
  };
}"""

MAPS = sorted(p.stem for p in (REPO / "content" / "journeys").iterdir() if p.suffix in (".yml", ".md"))


@pytest.mark.parametrize("map_id", MAPS)
def test_map_prints_its_grid_on_one_sheet(tabs: Opener, example: Served, map_id: str) -> None:
    """Every example map (none has more than 8 stages): the whole grid on one A3 sheet, each
    opportunity card whole on one sheet, and no word of the interactive chart's stand-in."""
    tab = tabs()
    page = tab.page
    page.goto(example.url(f"journeys/{map_id}/"), wait_until="networkidle")
    grid = page.evaluate(GRID)
    assert 0 < len(grid["stages"]) <= 8
    sheets = printed(page)
    whole = [i for i, text in enumerate(sheets) if in_order(text, grid["stages"] + grid["lanes"] + grid["last"])]
    assert whole, f"no sheet holds the whole grid: {grid['stages']} / {grid['lanes']} / {grid['last']}"
    split = [card[:50] for card in grid["cards"] if not any(squash(card) in text for text in sheets)]
    assert split == []
    assert not any("needsJavaScript" in text for text in sheets)
    assert tab.problems() == []


STATIC_CURVE = """() => { document.querySelector('figure.cjm-chart .cjm-chart__static').innerHTML =
  '<svg viewBox="0 0 200 40" width="200" height="40"><text x="0" y="20">STATICCURVE</text></svg>'; }"""


def test_chart_prints_its_static_curve_once_and_never_its_plot(tabs: Opener, example: Served) -> None:
    """The sentiment figure prints its drawing made at build time (here one whose only text is
    STATICCURVE), once; neither the interactive plot, drawn or not, nor the sentence that stands
    in for it until it is drawn."""
    tab = tabs()
    page = tab.page
    page.goto(example.url(JOURNEY), wait_until="networkidle")
    page.evaluate(STATIC_CURVE)
    assert page.locator(".cjm-chart--live").count() == 0  # not drawn yet: it is far down the page
    sheets = printed(page)
    assert sum(text.count("STATICCURVE") for text in sheets) == 1
    assert not any("needsJavaScript" in text for text in sheets)
    wait_for_chart(page)
    label = squash(page.locator(".cjm-chart__plot .annotation-text").first.text_content() or "")
    assert label.startswith("Lowest:")
    sheets = printed(page)
    assert sum(text.count("STATICCURVE") for text in sheets) == 1
    assert not any(label in text for text in sheets), "the plot is printed"
    page.emulate_media(media="print")
    expect(page.locator(".cjm-chart__plot")).to_be_hidden()
    expect(page.locator(".cjm-chart__static")).to_be_visible()


def token(lane: str, stage: int, item: int) -> str:
    return f"{lane}{stage}at{item:02d}"


def long_map(stages: int, items: int) -> str:
    """A map too long for one sheet even at the smallest print zoom: every lane full."""
    lanes = ("interactions", "goals", "thoughts", "positives", "negatives")
    lines = [
        "title: A very long day",
        "type: current-state",
        "personas: [priya]",
        "scenario: Everything happens at once.",
        "owner: shop-team",
        "status: published",
        "reviewed: 2026-10-01",
        "stages:",
    ]
    for s in range(stages):
        lines.append(f"  - name: Stage {chr(65 + s)}{chr(65 + s)}")
        lines.append(f"    emotion: {s % 3 - 1}")
        lines.append("    steps: [" + ", ".join(token("steps", s, i) for i in range(items)) + "]")
        lines += [f"    {lane}: [" + ", ".join(token(lane, s, i) for i in range(items)) + "]" for lane in lanes]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory, serve_site: Callable[[Site], Served]) -> Served:
    files = {**small_portfolio(), "journeys/long.yml": long_map(6, 24)}
    return serve_site(build_site(tmp_path_factory.mktemp("long"), files))


def test_long_map_continues_over_sheets_with_its_stage_header(tabs: Opener, long_site: Served) -> None:
    """A grid that would be too small to read on one sheet is printed at half size over several,
    the stage header on each, no row cut in two."""
    tab = tabs()
    page = tab.page
    page.goto(long_site.url("journeys/long/"), wait_until="networkidle")
    grid = page.evaluate(GRID)
    sheets = printed(page)
    assert (
        page.locator(".cjm-journey__grid .cjm-grid-wrap").evaluate(
            "e => getComputedStyle(e).getPropertyValue('--cjm-print-zoom')"
        )
        == "0.5000"
    )
    rows = {lane: [token(lane, s, i) for s in range(6) for i in range(24)] for lane in ("steps", "goals", "negatives")}
    on = {
        lane: {i for i, text in enumerate(sheets) for token in tokens if token in text} for lane, tokens in rows.items()
    }
    assert all(len(pages) == 1 for pages in on.values()), f"a row is cut in two: {on}"
    grid_sheets = sorted(set().union(*on.values()))
    assert len(grid_sheets) >= 2, on
    assert all(in_order(sheets[i], grid["stages"]) for i in grid_sheets), "the stage header is not on every sheet"
