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
from ..emotion import curves
from ..evidence import Backing, MapEvidence
from ..lanes import Cell, Row
from ..maptypes import MAP_TYPES
from ..models import Kpi, Opportunity, Scale, Stage
from ..text import format_number
from .curve import emotion_lane, persona_curves
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
    backing: Backing | None = None
    """How it is backed by research (None on a page that does not show it, a gallery preview)."""


class ItemCell(NamedTuple):
    """An item in a cell of an item lane."""

    html: Markup
    id: str | None
    backing: Backing | None = None


class KpiCell(NamedTuple):
    """A KPI with its value and target as display strings, and whether it is on target."""

    kpi: Kpi
    value: str
    target: str
    ok: bool | None
    backing: Backing | None = None


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
class EmotionRow(GridRow):
    """The emotion row: one EmotionCell per stage, every persona's curve in it."""

    legend: list[tuple[int, str]] = field(default_factory=list)
    """(colour slot, persona name) when several personas are drawn."""
    axis: tuple[str, str] = ("", "")
    """The top and bottom of the scale, in the map's own words."""


@dataclass
class Grid:
    caption: str
    type: str
    columns: list[Column]
    rows: list[GridRow]
    evidence: MapEvidence | None = None
    """The map's sources and how each part is backed (None in a gallery preview)."""

    def backing(self, part: Any) -> Backing | None:
        """How a part of the map (an opportunity, a step, an item, a KPI) is backed."""
        return self.evidence.of(part) if self.evidence else None


def kpi_cell(kpi: Kpi, evidence: MapEvidence | None = None) -> KpiCell:
    return KpiCell(kpi, *kpi_text(kpi), evidence.of(kpi) if evidence else None)


UNITS_WITHOUT_SPACE = ("%", "‰", "°", "/")
"""Units written against their number (``42%``, ``3/day``); the others take a space (``19 min``)."""


def with_unit(number: str, unit: str) -> str:
    """A number and its unit, spaced as typographers do (a no-break space, so they never part)."""
    return f"{number}{unit}" if unit.startswith(UNITS_WITHOUT_SPACE) else f"{number}\u00a0{unit.strip()}"


def kpi_text(kpi: Kpi) -> tuple[str, str, bool | None]:
    """A KPI's value and target as display strings, and whether it is on target."""

    def show(value: float | str | None) -> str:
        if value is None:
            return ""
        text = format_number(value) if isinstance(value, float) else str(value)
        return with_unit(text, kpi.unit) if kpi.unit and isinstance(value, float) else text

    on_target = None
    if isinstance(kpi.value, float) and isinstance(kpi.target, float):
        on_target = kpi.value >= kpi.target if kpi.better == "higher" else kpi.value <= kpi.target
    return show(kpi.value), show(kpi.target), on_target


@dataclass
class _Builder:
    """Builds the grid rows of one map."""

    entry: MapEntry
    links: Links
    md: SafeMarkdown
    resolve: LinkResolver | None
    slots: dict[str, int]
    evidence: MapEvidence | None = None

    def backing(self, part: Any) -> Backing | None:
        return self.evidence.of(part) if self.evidence else None

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
        names = {p: self.links.persona_name(p) for p in model.personas}
        found = persona_curves(model, curves(model, names), self.slots)
        if not found:
            return []
        lane = emotion_lane(model, found)
        return [EmotionRow(row.key, row.title, row.prompt, row.cell.value, lane.cells, lane.legend, lane.axis)]

    def kpis(self, row: Row) -> list[GridRow]:
        if not any(s.kpis for s in self.stages):
            return []
        return [
            GridRow(
                row.key,
                row.title,
                row.prompt,
                row.cell.value,
                [[kpi_cell(k, self.evidence) for k in s.kpis] for s in self.stages],
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
                    self.backing(step),
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
        cells = [
            [ItemCell(self.inline(item.text), item.id, self.backing(item)) for item in s.items(row.key)]
            for s in self.stages
        ]
        return [*line, GridRow(row.key, row.title, row.prompt, row.cell.value, cells)]


def build_grid(
    entry: MapEntry,
    links: Links,
    md: SafeMarkdown,
    resolve: LinkResolver | None,
    slots: dict[str, int],
    evidence: MapEvidence | None = None,
) -> Grid:
    """The grid of a map: one column per stage, the map's rows that have something to show;
    with ``evidence``, each part says how it is backed."""
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
    builder = _Builder(entry, links, md, resolve, slots, evidence)
    rows = [grid_row for row in entry.lanes.values() for grid_row in builder.rows(row)]
    caption = (
        f"{MAP_TYPES[model.type].title} map: {len(columns)} stages × {sum(1 for r in rows if r.kind != 'line')} lanes"
    )
    return Grid(caption, model.type.value, columns, rows, evidence)


ZOOM_ROW = "details"
"""The key of the grid row that links each stage to the maps that detail it (zoom levels)."""


def zoom_row(entry: MapEntry, links: Links) -> GridRow | None:
    """The row of links down to the maps that detail each stage ("Zoom in: …"), None when no
    stage of the map has one in the site (a draft left out is not linked)."""
    details = links.portfolio.details
    cells = [
        [Link(m.model.title, links.journey(m.id)) for m in details.get((entry.id, i), [])]
        for i in range(len(entry.model.stages))
    ]
    if not any(cells):
        return None
    return GridRow(ZOOM_ROW, "Detailed maps", "This stage, zoomed in", ZOOM_ROW, cells)


def step_score_text(scale: Scale, value: float | dict[str, float] | None, names: dict[str, str]) -> str:
    """'−1' for a plain score; 'Priya −1, Ava +2' for per-persona scores."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{names.get(p, p)} {scale.format(s)}" for p, s in value.items())
    return scale.format(value)
