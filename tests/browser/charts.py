"""What the browser tests of the sentiment chart read from a drawn chart (shared by test_chart and test_chart_labels)."""

from __future__ import annotations

import json
from typing import Any


def embedded(page: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(page.locator("[data-cjm-chart]").get_attribute("data-cjm-chart"))
    return data


# Boxes (in page pixels) of what the drawn chart shows: its texts (tick labels, annotations, legend entries), and
# the annotations with their arrows, the legend and the shapes (stage bands and dividers), with the box of the
# chart itself (Plotly's SVG container).
GEOMETRY = """(gd) => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const pick = (kind, selector) => [...gd.querySelectorAll(selector)]
    .map(e => ({kind: kind, text: (e.textContent || '').trim(), box: box(e)}))
    .filter(i => i.box[2] > i.box[0] && i.box[3] > i.box[1]);
  return {
    chart: box(gd.querySelector('.svg-container')),
    texts: [...pick('x tick', '.xtick text'), ...pick('y tick', '.ytick text'),
            ...pick('annotation', '.annotation-text'), ...pick('legend entry', '.legendtext')],
    marks: [...pick('annotation', '.annotation'), ...pick('legend', '.legend'), ...pick('shape', '.shapelayer path')],
  };
}"""


def misplaced(page: Any, where: str) -> list[str]:
    """What of the drawn chart lies outside the chart's box, and which of its texts overlap: [] when all is well."""
    geo = page.locator("[data-cjm-chart]").evaluate(GEOMETRY)
    x0, y0, x1, y1 = geo["chart"]
    texts, marks = geo["texts"], geo["marks"]
    assert len(texts) >= 4 and any(m["kind"] == "shape" for m in marks), (where, geo)
    found = [
        f"{where}: {item['kind']} {item['text'][:30]!r} at {[round(v) for v in item['box']]} is outside the chart "
        f"{[round(v) for v in geo['chart']]}"
        for item in texts + marks
        if item["box"][0] < x0 - 1 or item["box"][1] < y0 - 1 or item["box"][2] > x1 + 1 or item["box"][3] > y1 + 1
    ]
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            across = min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0])
            down = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
            if across > 1 and down > 1:
                found.append(f"{where}: {a['kind']} {a['text'][:30]!r} overlaps {b['kind']} {b['text'][:30]!r}")
    return found
