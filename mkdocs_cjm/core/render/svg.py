"""Small server-drawn SVGs that need no JavaScript and survive printing."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from ..models import Scale

Series = tuple[int, Sequence[float | None]]
"""A curve of a sparkline: the persona colour slot (core/colours.py) and a score per stage."""


def sparkline(series: Sequence[Series], scale: Scale, label: str, width: int = 96, height: int = 24) -> Markup:
    """A tiny emotion curve over a map's stages, one line per persona in the persona's colour;
    gaps where a stage has no score."""
    if not any(s is not None for _, scores in series for s in scores):
        return Markup("")

    def y(score: float) -> float:
        return round(2 + (1 - (scale.normalise(score) + 1) / 2) * (height - 4), 1)

    mid = y((scale.min + scale.max) / 2)
    parts = [f'<line class="cjm-spark__mid" x1="0" x2="{width}" y1="{mid:g}" y2="{mid:g}"/>']
    for slot, scores in series:
        step = width / len(scores)
        segments: list[list[str]] = [[]]
        dots = []
        for i, score in enumerate(scores):
            if score is None:
                segments.append([])
                continue
            x, yy = round(step * (i + 0.5), 1), y(score)
            segments[-1].append(f"{x:g},{yy:g}")
            dots.append(f'<circle cx="{x:g}" cy="{yy:g}" r="1.8"/>')
        lines = "".join(f'<polyline points="{" ".join(seg)}"/>' for seg in segments if len(seg) > 1)
        parts.append(f'<g class="cjm-p{slot}">{lines}{"".join(dots)}</g>')
    return Markup(
        f'<svg class="cjm-spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(label)}">{"".join(parts)}</svg>'
    )
