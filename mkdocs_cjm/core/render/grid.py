"""The journey grid as a view: stages are columns, the map's rows (its resolved lanes) are rows.

Cells are typed (named tuples, so templates may also unpack them): the grid template, the
search text and anything else that reads a grid read the same values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from markupsafe import Markup

from ..assembly.entries import MapEntry
from ..emotion import has_per_persona_scores, persona_score, stage_score
from ..lanes import Cell, Row
from ..maptypes import MAP_TYPES
from ..models import Kpi, Opportunity, Scale, Stage
from ..text import format_number
from .links import Link, Links
from .markdown import LinkResolver, SafeMarkdown


@dataclass
class Column:
    anchor: str
    name: str
    time: str | None
    description: Markup | None


class StepCell(NamedTuple):
    """A step in a cell of the steps lane."""

    title: Markup
    description: Markup | None
    score: float | dict[str, float] | None
    id: str | None


class ItemCell(NamedTuple):
    """An item in a cell of an item lane."""

    html: Markup
    id: str | None


class KpiCell(NamedTuple):
    """A KPI with its value and target as display strings, and whether it is on target."""

    kpi: Kpi
    value: str
    target: str
    ok: bool | None


@dataclass
class EmotionCell:
    score: float | None
    text: str
    label: str
    tone: str
    svg: Markup


@dataclass
class GridRow:
    """A row of the grid. ``cells`` holds one entry per stage: a list of StepCell, ItemCell,
    KpiCell or Opportunity (by ``kind``), an EmotionCell, or a Link (the stage owner) or None.
    A ``line`` row is a service blueprint's line and has no cells."""

    key: str
    title: str
    prompt: str
    kind: str  # a Cell value (items | steps | opportunities | emotion | kpis | owner) or "line"
    cells: list[Any] = field(default_factory=list)


@dataclass
class Grid:
    caption: str
    type: str
    columns: list[Column]
    rows: list[GridRow]


def _tone(scale: Scale, score: float | None) -> str:
    if score is None:
        return "none"
    n = scale.normalise(score)
    return "negative" if n <= -0.25 else "positive" if n >= 0.25 else "neutral"


def kpi_cell(kpi: Kpi) -> KpiCell:
    return KpiCell(kpi, *kpi_text(kpi))


def kpi_text(kpi: Kpi) -> tuple[str, str, bool | None]:
    """A KPI's value and target as display strings, and whether it is on target."""

    def show(value: float | str | None) -> str:
        if value is None:
            return ""
        text = format_number(value) if isinstance(value, float) else str(value)
        return f"{text}{kpi.unit}" if kpi.unit and isinstance(value, float) else text

    on_target = None
    if isinstance(kpi.value, float) and isinstance(kpi.target, float):
        on_target = kpi.value >= kpi.target if kpi.better == "higher" else kpi.value <= kpi.target
    return show(kpi.value), show(kpi.target), on_target


def _emotion_svg(scale: Scale, points: list[tuple[float, float]], left: float | None, right: float | None) -> Markup:
    """A piece of the emotion curve for one cell: x in 0..100 across the cell, joining the
    neighbouring cells' pieces at the cell borders."""
    if not points:
        return Markup("")

    def y(score: float) -> float:
        return round(8 + (1 - (scale.normalise(score) + 1) / 2) * 84, 2)

    coords = [(0.0, y(left if left is not None else points[0][1]))]
    coords += [(round(x * 100, 2), y(s)) for x, s in points]
    coords.append((100.0, y(right if right is not None else points[-1][1])))
    line = " ".join(f"{x:g},{yy:g}" for x, yy in coords)
    dots = "".join(
        f'<line class="cjm-emo__dot cjm-emo__dot--{_tone(scale, score)}" x1="{x:g}" y1="{yy:g}" x2="{x:g}" '
        f'y2="{yy:g}"/>'
        for (x, yy), (_, score) in zip(coords[1:-1], points, strict=True)
    )
    return Markup(
        '<svg class="cjm-emo__svg" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true" '
        f'focusable="false"><polyline class="cjm-emo__line" points="{line}"/>{dots}</svg>'
    )


def _stage_points(stage: Stage, persona: str | None) -> list[tuple[float, float]]:
    """Where a stage's curve passes: its scored steps across the cell, else its own score."""
    scores = [persona_score(step.emotion, persona) for step in stage.steps]
    if any(s is not None for s in scores):
        n = len(stage.steps)
        return [((j + 0.5) / n, s) for j, s in enumerate(scores) if s is not None]
    own = persona_score(stage.emotion, persona)
    return [(0.5, own)] if own is not None else []


def _emotion_row(entry: MapEntry, row: Row, persona: str | None, title: str) -> GridRow:
    model = entry.model
    scale = model.scale
    per_stage = [_stage_points(stage, persona) for stage in model.stages]
    out = GridRow(row.key, title, row.prompt, Cell.EMOTION.value)
    for i, stage in enumerate(model.stages):
        points = per_stage[i]
        prev_pts = per_stage[i - 1] if i > 0 else []
        next_pts = per_stage[i + 1] if i + 1 < len(per_stage) else []
        left = (prev_pts[-1][1] + points[0][1]) / 2 if points and prev_pts else None
        right = (points[-1][1] + next_pts[0][1]) / 2 if points and next_pts else None
        score = stage_score(stage, persona)
        text = scale.format(score) if score is not None else ""
        label = scale.label(score) if score is not None else "Not scored"
        out.cells.append(EmotionCell(score, text, label, _tone(scale, score), _emotion_svg(scale, points, left, right)))
    return out


@dataclass
class _Builder:
    """Builds the grid rows of one map."""

    entry: MapEntry
    links: Links
    md: SafeMarkdown
    resolve: LinkResolver | None

    @property
    def stages(self) -> list[Stage]:
        return self.entry.model.stages

    def inline(self, text: str) -> Markup:
        return Markup(self.md.inline(text, self.resolve))

    def rows(self, row: Row) -> list[GridRow]:
        """The grid rows of one of the map's rows: none when it is empty and need not show."""
        build: dict[Cell, Callable[[Row], list[GridRow]]] = {
            Cell.EMOTION: self.emotion,
            Cell.KPIS: self.kpis,
            Cell.OWNER: self.owner,
            Cell.STEPS: self.steps,
            Cell.OPPORTUNITIES: self.opportunities,
            Cell.ITEMS: self.items,
        }
        return build[row.cell](row)

    def emotion(self, row: Row) -> list[GridRow]:
        model = self.entry.model
        if not any(stage_score(s, None) is not None for s in self.stages):
            return []
        if len(model.personas) > 1 and has_per_persona_scores(model):
            return [
                _emotion_row(self.entry, row, p, f"{row.title}: {self.links.persona_name(p)}") for p in model.personas
            ]
        return [_emotion_row(self.entry, row, None, row.title)]

    def kpis(self, row: Row) -> list[GridRow]:
        if not any(s.kpis for s in self.stages):
            return []
        return [
            GridRow(
                row.key, row.title, row.prompt, row.cell.value, [[kpi_cell(k) for k in s.kpis] for s in self.stages]
            )
        ]

    def owner(self, row: Row) -> list[GridRow]:
        if not any(s.owner for s in self.stages):
            return []
        cells = [
            Link(self.links.owner_name(s.owner), self.links.owner(s.owner)) if s.owner else None for s in self.stages
        ]
        return [GridRow(row.key, row.title, row.prompt, row.cell.value, cells)]

    def steps(self, row: Row) -> list[GridRow]:
        if not any(s.steps for s in self.stages) and not row.always:
            return []
        cells = [
            [
                StepCell(
                    self.inline(step.title),
                    self.inline(step.description) if step.description else None,
                    step.emotion,
                    step.id,
                )
                for step in s.steps
            ]
            for s in self.stages
        ]
        return [GridRow(row.key, row.title, row.prompt, row.cell.value, cells)]

    def opportunities(self, row: Row) -> list[GridRow]:
        if not any(s.opportunities for s in self.stages):
            return []
        cells: list[list[Opportunity]] = [list(s.opportunities) for s in self.stages]
        return [GridRow(row.key, row.title, row.prompt, row.cell.value, cells)]

    def items(self, row: Row) -> list[GridRow]:
        if not any(s.items(row.key) for s in self.stages) and not row.always:
            return []
        line = [GridRow(f"line-{row.key}", row.line_above, "", "line")] if row.line_above else []
        cells = [[ItemCell(self.inline(item.text), item.id) for item in s.items(row.key)] for s in self.stages]
        return [*line, GridRow(row.key, row.title, row.prompt, row.cell.value, cells)]


def build_grid(entry: MapEntry, links: Links, md: SafeMarkdown, resolve: LinkResolver | None) -> Grid:
    """The grid of a map: one column per stage, the map's rows that have something to show."""
    model = entry.model
    columns = [
        Column(
            f"stage-{sid}",
            stage.name,
            stage.time,
            Markup(md.inline(stage.description, resolve)) if stage.description else None,
        )
        for sid, stage in zip(entry.stage_ids, model.stages, strict=True)
    ]
    builder = _Builder(entry, links, md, resolve)
    rows = [grid_row for row in entry.lanes.values() for grid_row in builder.rows(row)]
    caption = (
        f"{MAP_TYPES[model.type].title} map: {len(columns)} stages × {sum(1 for r in rows if r.kind != 'line')} lanes"
    )
    return Grid(caption, model.type.value, columns, rows)


def step_score_text(scale: Scale, value: float | dict[str, float] | None, names: dict[str, str]) -> str:
    """'−1' for a plain score; 'Priya −1, Ava +2' for per-persona scores."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{names.get(p, p)} {scale.format(s)}" for p, s in value.items())
    return scale.format(value)
