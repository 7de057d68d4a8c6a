"""Data for the sentiment chart: JSON for the browser, and the same numbers as text and a table."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..assembly.entries import MapEntry
from ..assembly.portfolio import Portfolio
from ..emotion import Curve, Point, curves, extremes, overlay_points
from ..models import Scale
from .curve import chart_svg

PLOTLY_ASSET = "plotly-basic.min.js"
"""The name under the site's assets of the plotly.js that draws the interactive chart."""


@dataclass
class Chart:
    data: dict[str, Any]
    summary: str
    table_columns: list[str]
    table_rows: list[list[str]]
    svg: Markup = field(default_factory=Markup)
    """The chart drawn at build time: what readers see first and what prints."""

    def json(self) -> str:
        """JSON with no ``<``, ``>`` or ``&`` that could close an element or start markup
        wherever it is embedded (the template puts it, HTML-escaped, in an attribute)."""
        text = json.dumps(self.data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return (
            text.replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
            .replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029")
        )


def _point(p: Point) -> dict[str, Any]:
    return {"x": round(p.x, 4), "y": p.score, "label": p.label, "stage": p.stage, "step": p.is_step}


def build_chart(entry: MapEntry, portfolio: Portfolio) -> Chart | None:
    model = entry.model
    names = {p: portfolio.persona_name(p) for p in model.personas}
    found: list[Curve] = curves(model, names)
    slots = portfolio.persona_slots(model.personas)
    if not found:
        return None
    scale = model.scale
    data: dict[str, Any] = {
        "title": model.title,
        "scale": {"min": scale.min, "max": scale.max, "signed": scale.signed, "ticks": score_ticks(scale)},
        "stages": [
            {
                "name": stage.name + (f" ({stage.time})" if stage.time else ""),
                "x0": i,
                "x1": i + 1,
                "anchor": f"stage-{sid}",
            }
            for i, (sid, stage) in enumerate(zip(entry.stage_ids, model.stages, strict=True))
        ],
        "series": [
            {"name": c.name, "slot": slots[c.persona or model.personas[0]], "points": [_point(p) for p in c.points]}
            for c in found
        ],
        "overlay": None,
    }
    overlay_label = ""
    if model.improves and model.improves in portfolio.maps:
        current = portfolio.maps[model.improves]
        points = overlay_points(current.model, model, current.stage_ids, entry.stage_ids)
        if points:
            overlay_label = f"Current state: {current.model.title}"
            data["overlay"] = {"name": overlay_label, "points": [_point(p) for p in points]}
    all_points = [p for c in found for p in c.points]
    trough, peak = extremes(all_points)
    data["trough"] = _point(trough) if trough else None
    data["peak"] = _point(peak) if peak else None

    summary = _summary(found, trough, peak, scale, overlay_label)
    table_curves = [(c.name, c.points) for c in found]
    if data["overlay"]:
        table_curves.append((overlay_label, points))
    columns = ["Stage", "Step", *[name for name, _ in table_curves]]
    cells: dict[tuple[int, str], list[str]] = {}
    xs: dict[tuple[int, str], float] = {}
    for ci, (_, curve_points) in enumerate(table_curves):
        for p in curve_points:
            key = (p.stage_index, p.label if p.is_step else "")
            xs.setdefault(key, p.x)
            cells.setdefault(key, [""] * len(table_curves))[ci] = f"{scale.format(p.score)} ({scale.label(p.score)})"
    rows = [[model.stages[k[0]].name, k[1] or "(whole stage)", *cells[k]] for k in sorted(cells, key=xs.__getitem__)]
    return Chart(data, summary, columns, rows, chart_svg(data, scale))


def score_ticks(scale: Scale) -> list[dict[str, Any]]:
    """The y axis's ticks (``Scale.ticks``), each labelled with its number and the name the map's
    scale gives it; built-in words only on a scale that names no score at all."""
    return [{"value": v, "label": scale.tick_label(v)} for v in scale.ticks()]


def _summary(found: list[Curve], trough: Point | None, peak: Point | None, scale: Scale, overlay_label: str) -> str:
    label = scale.label
    parts = []
    count = sum(len(c.points) for c in found)
    who = " and ".join(c.name for c in found)
    parts.append(f"Emotion of {who} across {count} scored point{'s' if count != 1 else ''}.")
    if trough and peak:
        parts.append(
            f"Lowest: “{trough.label}” in {trough.stage} ({scale.format(trough.score)}, {label(trough.score)})."
        )
        parts.append(f"Highest: “{peak.label}” in {peak.stage} ({scale.format(peak.score)}, {label(peak.score)}).")
    if overlay_label:
        parts.append(f"The {overlay_label[0].lower()}{overlay_label[1:]} is drawn for comparison.")
    return " ".join(parts)
