"""Small server-drawn SVGs that need no JavaScript and survive printing."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from ..models import Scale

Series = tuple[int, Sequence[float | None]]
"""A curve of a sparkline: the persona colour slot (core/colours.py) and a score per stage."""


SPARK_SIZE = (96, 24)
"""A sparkline's width and height (listings draw it the same size from their entries.json)."""

SparkShape = tuple[float, list[tuple[int, list[list[tuple[float, float]]]]]]
"""A sparkline's geometry: the middle line's height, and each curve's colour slot and runs of
points (a run ends where a stage has no score)."""


def spark_shape(series: Sequence[Series], scale: Scale, width: int = 96, height: int = 24) -> SparkShape | None:
    """Where a sparkline's lines and dots go, or None when no stage has a score."""
    if not any(s is not None for _, scores in series for s in scores):
        return None

    def y(score: float) -> float:
        return round(2 + (1 - (scale.normalise(score) + 1) / 2) * (height - 4), 1)

    curves = []
    for slot, scores in series:
        step = width / len(scores)
        runs: list[list[tuple[float, float]]] = [[]]
        for i, score in enumerate(scores):
            if score is None:
                runs.append([])
            else:
                runs[-1].append((round(step * (i + 0.5), 1), y(score)))
        curves.append((slot, [run for run in runs if run]))
    return y((scale.min + scale.max) / 2), curves


def sparkline(series: Sequence[Series], scale: Scale, label: str, width: int = 96, height: int = 24) -> Markup:
    """A tiny emotion curve over a map's stages, one line per persona in the persona's colour;
    gaps where a stage has no score."""
    shape = spark_shape(series, scale, width, height)
    if shape is None:
        return Markup("")
    mid, curves = shape
    parts = [f'<line class="cjm-spark__mid" x1="0" x2="{width}" y1="{mid:g}" y2="{mid:g}"/>']
    for slot, runs in curves:
        lines = "".join(
            f'<polyline points="{" ".join(f"{x:g},{yy:g}" for x, yy in run)}"/>' for run in runs if len(run) > 1
        )
        dots = "".join(f'<circle cx="{x:g}" cy="{yy:g}" r="1.8"/>' for run in runs for x, yy in run)
        parts.append(f'<g class="cjm-p{slot}">{lines}{dots}</g>')
    return Markup(
        f'<svg class="cjm-spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(label)}">{"".join(parts)}</svg>'
    )
