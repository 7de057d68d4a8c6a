"""A map diff in words: the lines the journey page's Changes section and ``mkdocs-cjm diff`` show."""

from __future__ import annotations

from dataclasses import dataclass

from ..text import format_score
from .diff import MapDiff

MAX_TEXT = 120
"""An item longer than this is shortened (with an ellipsis) in a change line."""


@dataclass(frozen=True)
class DiffLine:
    kind: str
    """``added``, ``removed`` or ``changed``: what the line reports (a style for it)."""
    text: str


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= MAX_TEXT else flat[: MAX_TEXT - 1].rstrip() + '…'}”"


def describe(diff: MapDiff) -> list[DiffLine]:
    """One line per change, in the order: stages, lane items, emotion, opportunities. A diff
    with nothing to say in map terms says whether anything else changed."""
    lines = []
    for stage in diff.stages:
        if stage.kind == "renamed":
            lines.append(DiffLine("changed", f"Stage renamed: {stage.old_name} → {stage.name}"))
        else:
            lines.append(DiffLine(stage.kind, f"Stage {stage.kind}: {stage.name}"))
    for lane in diff.lanes:
        where = f"{lane.lane} in {lane.stage}"
        lines += [DiffLine("added", f"{where}: added {_quote(text)}") for text in lane.added]
        lines += [DiffLine("removed", f"{where}: removed {_quote(text)}") for text in lane.removed]
    for emotion in diff.emotions:
        lines.append(
            DiffLine("changed", f"Emotion in {emotion.stage}: {_emotion(diff, emotion.before, emotion.after)}")
        )
    for opp in diff.opportunities:
        if opp.kind == "status":
            text = f"Opportunity {opp.id} ({opp.title}): {opp.before} → {opp.after}"
            lines.append(DiffLine("changed", text))
        else:
            lines.append(DiffLine(opp.kind, f"Opportunity {opp.kind}: {opp.id} ({opp.title})"))
    if diff.fields:
        lines.append(DiffLine("changed", "Map details changed: " + ", ".join(diff.fields)))
    if diff.narrative:
        lines.append(DiffLine("changed", "The text about the map (below its front matter) changed"))
    if not lines:
        text = "Wording or details changed; stages, lane items, emotion and opportunities stayed the same"
        lines.append(DiffLine("changed", text if diff.other else "Only formatting or comments changed"))
    return lines


def _emotion(diff: MapDiff, before: float | None, after: float | None) -> str:
    def score(value: float | None) -> str:
        return "no score" if value is None else format_score(value, diff.signed)

    text = f"{score(before)} → {score(after)}"
    if before is not None and after is not None:
        text += f" ({format_score(round(after - before, 2))})"
    return text
