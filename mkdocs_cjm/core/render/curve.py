"""The emotion curve drawn at build time: the grid's emotion row and the static sentiment chart.

Both are SVG (plus a little HTML for text, so labels keep their size at any width) and need no
JavaScript: they are what readers see at first paint and what prints. Each persona's curve is
drawn in the persona's colour (``cjm-pN`` classes, see ``core/colours.py``); the lowest and
highest points are ringed. Lines and dots use non-scaling strokes, so the drawings stretch to
their boxes without distorting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from ..emotion import Curve, Point, extremes, stage_score
from ..models import JourneyMap, Scale

PLOT_PAD = 18.0
"""Room (in 0..100 units) above the scale's top and below its bottom, for the marks' labels."""
MARKS = (("low", "Lowest"), ("high", "Highest"))


def tone(scale: Scale, score: float | None) -> str:
    if score is None:
        return "none"
    n = scale.normalise(score)
    return "negative" if n <= -0.25 else "positive" if n >= 0.25 else "neutral"


HEAT_LEVELS = ("n2", "n1", "0", "p1", "p2")
"""The colour steps of a heatmap cell, lowest first (``cjm-heat--<level>`` in ``assets/cjm.css``)."""


def heat(scale: Scale, score: float | None) -> str:
    """A score's heatmap step: the three tones of :func:`tone`, with the outer quarter of each end
    of the scale (below −0.75 or above +0.75 normalised) a stronger step; "none" when unscored."""
    if score is None:
        return "none"
    n = scale.normalise(score)
    return HEAT_LEVELS[(n > -0.75) + (n > -0.25) + (n >= 0.25) + (n >= 0.75)]


HEAT_LEGEND = (
    ("n2", "−2 to −1.5", "very negative"),
    ("n1", "−1.5 to −0.5", "negative"),
    ("0", "−0.5 to +0.5", "neutral"),
    ("p1", "+0.5 to +1.5", "positive"),
    ("p2", "+1.5 to +2", "very positive"),
)
"""What each step of :func:`heat` means on the common −2..+2 scale (the heatmaps' legend)."""


@dataclass(frozen=True)
class PersonaCurve:
    """A curve as drawn: the persona's colour slot and name, and its points."""

    slot: int
    name: str
    persona: str | None
    points: tuple[Point, ...]


def persona_curves(model: JourneyMap, found: Sequence[Curve], slots: dict[str, int]) -> list[PersonaCurve]:
    """The map's curves with their colours (a shared curve takes the first persona's)."""
    return [PersonaCurve(slots.get(c.persona or model.personas[0], 1), c.name, c.persona, c.points) for c in found]


# -- the grid's emotion row -------------------------------------------------------------------


@dataclass
class EmotionScore:
    """One persona's score in one stage, as text."""

    slot: int
    name: str
    """The persona's name when the row shows several personas ("" otherwise)."""
    score: float | None
    text: str
    label: str
    face: str
    tone: str


@dataclass
class EmotionCell:
    scores: list[EmotionScore]
    svg: Markup
    marks: list[str]
    """"Lowest −2" and/or "Highest +2" when a lowest or highest point lies in this stage."""


@dataclass
class EmotionLane:
    """What the grid's emotion row shows: a cell per stage, with every persona's curve."""

    cells: list[EmotionCell] = field(default_factory=list)
    legend: list[tuple[int, str]] = field(default_factory=list)
    """(colour slot, persona name) when several personas are drawn."""
    axis: tuple[str, str] = ("", "")
    """The top and bottom of the scale, in the map's own words."""


def _y(scale: Scale, score: float, pad: float = 14.0) -> float:
    return round(pad + (1 - (scale.normalise(score) + 1) / 2) * (100 - 2 * pad), 2)


def _dot(x: float, y: float, cls: str) -> str:
    """A round dot that keeps its shape in a stretched drawing: a zero-length line with round caps."""
    return f'<line class="{cls}" x1="{x:g}" y1="{y:g}" x2="{x:g}" y2="{y:g}"/>'


def _ring(x: float, y: float, kind: str) -> str:
    """The ring around the lowest or highest point, drawn under the curve's own dot."""
    return _dot(x, y, f"cjm-ring cjm-ring--{kind}") + _dot(x, y, "cjm-ring__hole")


def _cell_svg(scale: Scale, index: int, curves: list[PersonaCurve], rings: list[tuple[str, Point]]) -> Markup:
    """Stage ``index``'s piece of every curve: x in 0..100 across the cell, joining the
    neighbouring cells' pieces half-way at the cell borders."""
    parts = [
        _ring(round((p.x - index) * 100, 2), _y(scale, p.score), kind) for kind, p in rings if p.stage_index == index
    ]
    for curve in curves:
        here = [p for p in curve.points if p.stage_index == index]
        if not here:
            continue
        before = [p for p in curve.points if p.stage_index == index - 1]
        after = [p for p in curve.points if p.stage_index == index + 1]
        left = (before[-1].score + here[0].score) / 2 if before else here[0].score
        right = (here[-1].score + after[0].score) / 2 if after else here[-1].score
        coords = [(0.0, _y(scale, left))]
        coords += [(round((p.x - index) * 100, 2), _y(scale, p.score)) for p in here]
        coords.append((100.0, _y(scale, right)))
        line = " ".join(f"{x:g},{y:g}" for x, y in coords)
        dots = "".join(_dot(x, y, "cjm-emo__dot") for x, y in coords[1:-1])
        parts.append(f'<g class="cjm-p{curve.slot}"><polyline class="cjm-emo__line" points="{line}"/>{dots}</g>')
    return Markup(
        '<svg class="cjm-emo__svg" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true" '
        f'focusable="false">{"".join(parts)}</svg>'
    )


def _score(scale: Scale, curve: PersonaCurve, name: str, score: float | None) -> EmotionScore:
    if score is None:
        return EmotionScore(curve.slot, name, None, "", "Not scored", "", "none")
    return EmotionScore(
        curve.slot, name, score, scale.format(score), scale.label(score), scale.face(score), tone(scale, score)
    )


def emotion_lane(model: JourneyMap, curves: list[PersonaCurve]) -> EmotionLane:
    """The grid's emotion row (directly under the stage headers). Every point at the lowest
    score is ringed, and every one at the highest: a tie is not settled by picking one."""
    scale = model.scale
    points = [p for c in curves for p in c.points]
    trough, peak = extremes(points)
    rings = [
        (kind, p)
        for (kind, _), extreme in zip(MARKS, (trough, peak), strict=True)
        if extreme is not None
        for p in points
        if p.score == extreme.score
    ]
    several = len(curves) > 1
    out = EmotionLane()
    out.legend = [(c.slot, c.name) for c in curves] if several else []
    out.axis = (scale.tick_label(scale.max), scale.tick_label(scale.min))
    for i, stage in enumerate(model.stages):
        scores = [_score(scale, c, c.name if several else "", stage_score(stage, c.persona)) for c in curves]
        here = {kind: p.score for kind, p in rings if p.stage_index == i}
        shown = {s.score for s in scores}
        marks = [
            title if here[kind] in shown else f"{title} {scale.format(here[kind])}"  # a step's, not the stage's
            for kind, title in MARKS
            if kind in here
        ]
        out.cells.append(EmotionCell(scores, _cell_svg(scale, i, curves, rings), marks))
    return out


# -- the static sentiment chart ---------------------------------------------------------------


def _plot_y(data: dict[str, Any], score: float) -> float:
    lo, hi = float(data["scale"]["min"]), float(data["scale"]["max"])
    return round(PLOT_PAD + (1 - (score - lo) / (hi - lo)) * (100 - 2 * PLOT_PAD), 2)


def _polyline(data: dict[str, Any], points: list[dict[str, Any]], cls: str) -> str:
    coords = [(round(p["x"] * 100, 2), _plot_y(data, p["y"])) for p in points]
    line = " ".join(f"{x:g},{y:g}" for x, y in coords)
    dots = "".join(_dot(x, y, "cjm-curve__dot") for x, y in coords)
    return f'<g class="{cls}"><polyline class="cjm-curve__line" points="{line}"/>{dots}</g>'


def _plot_svg(data: dict[str, Any]) -> str:
    stages = data["stages"]
    width = len(stages) * 100
    parts = [
        f'<rect class="cjm-curve__band" x="{i * 100}" y="0" width="100" height="100"/>'
        for i in range(1, len(stages), 2)
    ]
    mid = _plot_y(data, (data["scale"]["min"] + data["scale"]["max"]) / 2)
    parts.append(f'<line class="cjm-curve__mid" x1="0" x2="{width}" y1="{mid:g}" y2="{mid:g}"/>')
    for kind, _ in MARKS:
        p = data.get("trough" if kind == "low" else "peak")
        if p:
            parts.append(_ring(round(p["x"] * 100, 2), _plot_y(data, p["y"]), kind))
    if data.get("overlay"):
        parts.append(_polyline(data, data["overlay"]["points"], "cjm-curve__overlay"))
    parts += [_polyline(data, s["points"], f"cjm-p{s['slot']}") for s in data["series"]]
    return (
        f'<svg class="cjm-curve__svg" viewBox="0 0 {width} 100" preserveAspectRatio="none" aria-hidden="true" '
        f'focusable="false">{"".join(parts)}</svg>'
    )


def _mark(data: dict[str, Any], kind: str, title: str) -> str:
    p = data.get("trough" if kind == "low" else "peak")
    if not p:
        return ""
    left = p["x"] / len(data["stages"]) * 100
    anchor = "start" if left < 20 else "end" if left > 80 else "middle"
    return (
        f'<span class="cjm-curve__mark cjm-curve__mark--{kind} cjm-curve__mark--{anchor}" '
        f'style="left:{left:.2f}%;top:{_plot_y(data, p["y"]):.2f}%">{escape(title)}'
        f'<span class="cjm-curve__what">: {escape(p["label"])}</span></span>'
    )


def chart_svg(data: dict[str, Any], scale: Scale) -> Markup:
    """The sentiment chart as a reader sees it before (or without) the interactive one: the
    scale (in the map's own words) on the left, one column per stage, each persona's curve,
    the trough and the peak."""
    axis = "".join(
        f'<span style="top:{_plot_y(data, v):.2f}%"><b>{escape(scale.format(v))}</b>'
        + (f' <span class="cjm-curve__word">{escape(words)}</span>' if (words := scale.own_label(v)) else "")
        + "</span>"
        for v in scale.ticks()
    )
    stages = "".join(
        f'<li><span class="cjm-curve__num" aria-hidden="true">{i}</span><span class="cjm-curve__name">{escape(s["name"])}</span></li>'
        for i, s in enumerate(data["stages"], 1)
    )
    count = len(data["stages"])
    crowd = "many" if count >= 6 else "some" if count >= 4 else "few"
    key = (
        '<ol class="cjm-curve__key" aria-hidden="true">'
        + "".join(f"<li>{escape(s['name'])}</li>" for s in data["stages"])
        + "</ol>"
    )
    legend = [(f"cjm-p{s['slot']}", s["name"]) for s in data["series"]]
    if data.get("overlay"):
        legend.append(("cjm-curve__overlay", data["overlay"]["name"]))
    keys = (
        '<ul class="cjm-curve__legend">'
        + "".join(
            f'<li class="{cls}"><span class="cjm-curve__swatch"></span>{escape(name)}</li>' for cls, name in legend
        )
        + "</ul>"
        if len(legend) > 1
        else ""
    )
    marks = "".join(_mark(data, kind, title) for kind, title in MARKS)
    return Markup(
        f'<div class="cjm-curve cjm-curve--{crowd}" style="--cjm-stages:{count}">{keys}'
        f'<div class="cjm-curve__axis">{axis}</div>'
        f'<div class="cjm-curve__plot">{_plot_svg(data)}{marks}</div>'
        f'<ol class="cjm-curve__stages">{stages}</ol>{key}</div>'
    )
