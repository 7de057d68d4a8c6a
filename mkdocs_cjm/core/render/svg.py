"""Small server-drawn SVGs that need no JavaScript and survive printing."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..models import Scale


def sparkline(scores: tuple[float | None, ...], scale: Scale, label: str, width: int = 96, height: int = 24) -> Markup:
    """A tiny emotion curve over a map's stages; gaps where a stage has no score."""
    if not any(s is not None for s in scores):
        return Markup("")
    n = len(scores)
    step = width / n
    segments: list[list[str]] = [[]]
    dots = []
    for i, score in enumerate(scores):
        if score is None:
            segments.append([])
            continue
        x = round(step * (i + 0.5), 1)
        y = round(2 + (1 - (scale.normalise(score) + 1) / 2) * (height - 4), 1)
        segments[-1].append(f"{x:g},{y:g}")
        dots.append(f'<circle cx="{x:g}" cy="{y:g}" r="1.8"/>')
    lines = "".join(f'<polyline points="{" ".join(seg)}"/>' for seg in segments if len(seg) > 1)
    mid = round(2 + (1 - (scale.normalise((scale.min + scale.max) / 2) + 1) / 2) * (height - 4), 1)
    return Markup(
        f'<svg class="cjm-spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(label)}"><line class="cjm-spark__mid" x1="0" x2="{width}" y1="{mid:g}" '
        f'y2="{mid:g}"/>{lines}{"".join(dots)}</svg>'
    )
