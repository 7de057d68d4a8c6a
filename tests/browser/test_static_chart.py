"""The sentiment chart drawn at build time (what readers see first, and what prints): on every
example map and at every width, its labels stay inside it, no word of a stage name is broken,
and the marks of the lowest and highest points never cover the stage names."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import REPO

from .conftest import Opener, Served

MAPS = sorted(p.stem for p in (REPO / "content" / "journeys").iterdir() if p.suffix in {".yml", ".md"})
WIDTHS = [360, 1024, 1440, 2560]

# Every problem with the static chart's text on the page, as readable strings.
PROBLEMS = """() => {
  const chart = document.querySelector('.cjm-chart__static .cjm-curve');
  if (!chart) return ['no static chart'];
  const box = chart.getBoundingClientRect();
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const inside = r => r.left >= box.left - 1 && r.right <= box.right + 1;
  const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const out = [];
  const texts = [...chart.querySelectorAll('.cjm-curve__axis > span, .cjm-curve__mark, .cjm-curve__stages li')];
  for (const el of texts.filter(shown)) {
    if (!inside(el.getBoundingClientRect())) out.push('outside the chart: ' + el.textContent.trim());
  }
  for (const name of [...chart.querySelectorAll('.cjm-curve__name, .cjm-curve__key li')].filter(shown)) {
    const node = name.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE) continue;
    let at = 0;
    for (const word of node.textContent.split(' ')) {
      const range = document.createRange();
      range.setStart(node, at); range.setEnd(node, at + word.length);
      if (word && range.getClientRects().length > 1) out.push('word broken: ' + word);
      at += word.length + 1;
    }
  }
  const stages = chart.querySelector('.cjm-curve__stages').getBoundingClientRect();
  for (const mark of [...chart.querySelectorAll('.cjm-curve__mark')].filter(shown)) {
    if (overlap(mark.getBoundingClientRect(), stages)) out.push('mark over the stage names: ' + mark.textContent);
  }
  return out;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_static_chart_labels_fit_on_every_map(tabs: Opener, example: Served, width: int) -> None:
    tab = tabs(viewport={"width": width, "height": 900})
    page: Any = tab.page
    found = {}
    for name in MAPS:
        page.goto(example.url(f"journeys/{name}/"))
        if page.locator(".cjm-chart__static").count() == 0:
            continue
        problems = page.evaluate(PROBLEMS)
        if problems:
            found[name] = problems
    assert found == {}


def test_the_check_sees_a_broken_word(tabs: Opener, example: Served) -> None:
    """The check can fail: squeezed into a narrow box, the stage names break inside words."""
    tab = tabs(viewport={"width": 1440, "height": 900})
    page: Any = tab.page
    page.goto(example.url("journeys/first-week-setup/"))
    page.add_style_tag(content=".md-typeset .cjm-curve__stages > li { width: 2.5rem; }")
    assert any(p.startswith("word broken") for p in page.evaluate(PROBLEMS))
