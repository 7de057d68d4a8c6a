"""The journey grid as a view model: stages are columns, lanes are rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..catalog import BLUEPRINT_LINES, BUILTIN_LANES, EMOTION_ROW, KPI_ROW, MAP_TYPES, OWNER_ROW, SPECIAL_ROWS, LaneSpec
from ..emotion import has_per_persona_scores, persona_score, stage_score
from ..models import Kpi, Scale
from ..portfolio import MapEntry
from ..text import format_number
from .links import Links
from .markdown import LinkResolver, SafeMarkdown


@dataclass
class Column:
    anchor: str
    name: str
    time: str | None
    description: Markup | None


@dataclass
class Row:
    key: str
    title: str
    prompt: str
    kind: str  # items | steps | opportunities | emotion | kpis | owner | line
    cells: list[Any] = field(default_factory=list)


@dataclass
class EmotionCell:
    score: float | None
    text: str
    label: str
    tone: str
    svg: Markup


@dataclass
class Grid:
    caption: str
    type: str
    columns: list[Column]
    rows: list[Row]


def _tone(scale: Scale, score: float | None) -> str:
    if score is None:
        return "none"
    n = scale.normalise(score)
    return "negative" if n <= -0.25 else "positive" if n >= 0.25 else "neutral"


def row_order(entry: MapEntry) -> list[str]:
    """Row keys in display order: the type's rows, custom lanes placed after their ``after``
    lane (or before opportunities)."""
    rows = list(MAP_TYPES[entry.model.type].rows)
    custom = [spec for spec in entry.lanes.values() if not spec.builtin]
    defs = {**entry.model.lanes}
    for spec in custom:
        after = defs[spec.key].after if spec.key in defs else None
        position = rows.index(after) + 1 if after in rows else rows.index("opportunities")
        rows.insert(position, spec.key)
    return rows


def kpi_text(kpi: Kpi) -> tuple[str, str, bool | None]:
    """(value, target, on target?) as display strings."""
    def show(value: float | str | None) -> str:
        if value is None:
            return ""
        text = format_number(value) if isinstance(value, float) else str(value)
        return f"{text}{kpi.unit}" if kpi.unit and isinstance(value, float) else text

    on_target = None
    if isinstance(kpi.value, float) and isinstance(kpi.target, float):
        on_target = kpi.value >= kpi.target if kpi.better == "higher" else kpi.value <= kpi.target
    return show(kpi.value), show(kpi.target), on_target


def _emotion_svg(scale: Scale, points: list[tuple[float, float]], left: float | None,
                 right: float | None) -> Markup:
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
        f'y2="{yy:g}"/>' for (x, yy), (_, score) in zip(coords[1:-1], points)
    )
    return Markup(
        '<svg class="cjm-emo__svg" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true" '
        f'focusable="false"><polyline class="cjm-emo__line" points="{line}"/>{dots}</svg>'
    )


def _emotion_row(entry: MapEntry, persona: str | None, title: str) -> Row:
    model = entry.model
    scale = model.scale
    per_stage: list[list[tuple[float, float]]] = []
    for stage in model.stages:
        scores = [persona_score(step.emotion, persona) for step in stage.steps]
        if any(s is not None for s in scores):
            n = len(stage.steps)
            per_stage.append([((j + 0.5) / n, s) for j, s in enumerate(scores) if s is not None])
        else:
            own = persona_score(stage.emotion, persona)
            per_stage.append([(0.5, own)] if own is not None else [])
    row = Row(EMOTION_ROW, title, SPECIAL_ROWS[EMOTION_ROW].prompt, "emotion")
    for i, stage in enumerate(model.stages):
        points = per_stage[i]
        prev_pts = per_stage[i - 1] if i > 0 else []
        next_pts = per_stage[i + 1] if i + 1 < len(per_stage) else []
        left = (prev_pts[-1][1] + points[0][1]) / 2 if points and prev_pts else None
        right = (points[-1][1] + next_pts[0][1]) / 2 if points and next_pts else None
        score = stage_score(stage, persona)
        text = scale.format(score) if score is not None else ""
        label = scale.label(score) if score is not None else "Not scored"
        row.cells.append(EmotionCell(score, text, label, _tone(scale, score), _emotion_svg(scale, points, left, right)))
    return row


def build_grid(entry: MapEntry, links: Links, md: SafeMarkdown, resolve: LinkResolver | None) -> Grid:
    model = entry.model
    info = MAP_TYPES[model.type]
    titles = dict(info.lane_titles)
    columns = [
        Column(f"stage-{sid}", stage.name, stage.time,
               Markup(md.inline(stage.description, resolve)) if stage.description else None)
        for sid, stage in zip(entry.stage_ids, model.stages)
    ]
    rows: list[Row] = []
    for key in row_order(entry):
        if key == EMOTION_ROW:
            if any(stage_score(s, None) is not None for s in model.stages):
                if len(model.personas) > 1 and has_per_persona_scores(model):
                    for persona in model.personas:
                        rows.append(_emotion_row(entry, persona, f"Emotion: {links.persona_name(persona)}"))
                else:
                    rows.append(_emotion_row(entry, None, "Emotion"))
            continue
        if key == KPI_ROW:
            if any(s.kpis for s in model.stages):
                row = Row(key, SPECIAL_ROWS[key].title, SPECIAL_ROWS[key].prompt, "kpis")
                row.cells = [[(k, *kpi_text(k)) for k in s.kpis] for s in model.stages]
                rows.append(row)
            continue
        if key == OWNER_ROW:
            if any(s.owner for s in model.stages):
                row = Row(key, SPECIAL_ROWS[key].title, SPECIAL_ROWS[key].prompt, "owner")
                row.cells = [(links.owner_name(s.owner), links.owner(s.owner)) if s.owner else None
                             for s in model.stages]
                rows.append(row)
            continue
        spec: LaneSpec = entry.lanes[key]
        renamed = key not in BUILTIN_LANES or spec.title != BUILTIN_LANES[key].title
        title = spec.title if renamed else titles.get(key, spec.title)
        if key == "steps":
            if not any(s.steps for s in model.stages) and key not in info.always:
                continue
            row = Row(key, title, spec.prompt, "steps")
            row.cells = [
                [(Markup(md.inline(step.title, resolve)),
                  Markup(md.inline(step.description, resolve)) if step.description else None,
                  step.emotion, step.id) for step in s.steps]
                for s in model.stages
            ]
        elif key == "opportunities":
            if not any(s.opportunities for s in model.stages):
                continue
            row = Row(key, title, spec.prompt, "opportunities")
            row.cells = [list(s.opportunities) for s in model.stages]
        else:
            if not any(s.items(key) for s in model.stages) and key not in info.always:
                continue
            if key in BLUEPRINT_LINES and model.type.value == "service-blueprint":
                rows.append(Row(f"line-{key}", BLUEPRINT_LINES[key], "", "line"))
            row = Row(key, title, spec.prompt, "items")
            row.cells = [[(Markup(md.inline(item.text, resolve)), item.id) for item in s.items(key)]
                         for s in model.stages]
        rows.append(row)
    caption = f"{info.title} map: {len(columns)} stages × {sum(1 for r in rows if r.kind != 'line')} lanes"
    return Grid(caption, model.type.value, columns, rows)


def step_score_text(scale: Scale, value: float | dict[str, float] | None, names: dict[str, str]) -> str:
    """'−1' for a plain score; 'Priya −1, Ava +2' for per-persona scores."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{names.get(p, p)} {scale.format(s)}" for p, s in value.items())
    return scale.format(value)
