"""The emotion curve of a map: scores per step and per stage, per persona, troughs and peaks."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from .models import JourneyMap, Scale, Stage

ScoreValue = float | dict[str, float] | None


def persona_score(value: ScoreValue, persona: str | None) -> float | None:
    """A score for one persona: per-persona mappings pick theirs, plain numbers apply to all."""
    if value is None:
        return None
    if isinstance(value, dict):
        if persona is None:
            return fmean(value.values()) if value else None
        return value.get(persona)
    return value


def stage_score(stage: Stage, persona: str | None) -> float | None:
    """The stage's own score, or else the mean of its scored steps."""
    own = persona_score(stage.emotion, persona)
    if own is not None:
        return own
    steps = [s for s in (persona_score(st.emotion, persona) for st in stage.steps) if s is not None]
    return fmean(steps) if steps else None


@dataclass(frozen=True)
class Point:
    """One point of a curve. ``x`` runs from 0 to the number of stages; stage i spans [i, i+1)."""

    x: float
    score: float
    label: str
    stage_index: int
    stage: str
    is_step: bool


@dataclass(frozen=True)
class Curve:
    name: str
    persona: str | None
    points: tuple[Point, ...]


def curve_points(model: JourneyMap, persona: str | None) -> tuple[Point, ...]:
    """Per step where steps are scored, else one point per scored stage."""
    points: list[Point] = []
    for i, stage in enumerate(model.stages):
        step_scores = [persona_score(step.emotion, persona) for step in stage.steps]
        if any(s is not None for s in step_scores):
            count = len(stage.steps)
            for j, (step, score) in enumerate(zip(stage.steps, step_scores, strict=True)):
                if score is not None:
                    points.append(Point(i + (j + 0.5) / count, score, step.title, i, stage.name, True))
        else:
            score = persona_score(stage.emotion, persona)
            if score is not None:
                points.append(Point(i + 0.5, score, stage.name, i, stage.name, False))
    return tuple(points)


def has_per_persona_scores(model: JourneyMap) -> bool:
    return any(
        isinstance(stage.emotion, dict) or any(isinstance(s.emotion, dict) for s in stage.steps)
        for stage in model.stages
    )


def curves(model: JourneyMap, names: dict[str, str]) -> list[Curve]:
    """One curve per persona when scores differ by persona; otherwise one shared curve."""
    if len(model.personas) > 1 and has_per_persona_scores(model):
        found = [Curve(names.get(p, p), p, curve_points(model, p)) for p in model.personas]
        return [c for c in found if c.points]
    label = " & ".join(names.get(p, p) for p in model.personas)
    points = curve_points(model, None)
    return [Curve(label, None, points)] if points else []


def extremes(points: tuple[Point, ...] | list[Point]) -> tuple[Point | None, Point | None]:
    """The lowest trough and the highest peak (the first one when several tie)."""
    if not points:
        return None, None
    trough = min(points, key=lambda p: (p.score, p.x))
    peak = max(points, key=lambda p: (p.score, -p.x))
    if trough.score == peak.score:
        return None, None
    return trough, peak


def overlay_points(
    current: JourneyMap, future: JourneyMap, current_ids: list[str], future_ids: list[str]
) -> tuple[Point, ...]:
    """The current state's curve placed on the future state's stages, rescaled to its scale.

    Stages are matched by id (or name); when no stage matches, positions are stretched
    proportionally so the two curves still span the same width."""
    source = curve_points(current, None)
    by_key: dict[str, int] = {}
    for i, stage in enumerate(future.stages):
        by_key.setdefault(future_ids[i], i)
        by_key.setdefault(stage.name.strip().lower(), i)
    matched: list[Point] = []
    for p in source:
        key_id, key_name = current_ids[p.stage_index], current.stages[p.stage_index].name.strip().lower()
        target = by_key.get(key_id, by_key.get(key_name))
        if target is not None:
            matched.append(
                Point(
                    target + (p.x - p.stage_index),
                    rescale(p.score, current.scale, future.scale),
                    p.label,
                    target,
                    future.stages[target].name,
                    p.is_step,
                )
            )
    if matched:
        return tuple(sorted(matched, key=lambda p: p.x))
    width_from, width_to = len(current.stages), len(future.stages)
    return tuple(
        Point(
            p.x * width_to / width_from,
            rescale(p.score, current.scale, future.scale),
            p.label,
            min(int(p.x * width_to / width_from), width_to - 1),
            p.stage,
            p.is_step,
        )
        for p in source
    )


COMMON_SCALE = Scale()
"""The scale portfolio views compare maps on: −2..+2, the default scale."""


def to_common(scale: Scale, score: float) -> float:
    """A map's score on :data:`COMMON_SCALE`: its own scale stretched linearly, ends to ends
    (on a 1..5 map, 1 is −2, 3 is 0 and 5 is +2; on a 1..10 map, 1 is −2 and 10 is +2)."""
    return rescale(score, scale, COMMON_SCALE)


def rescale(score: float, source: Scale, target: Scale) -> float:
    """``score`` on the ``source`` scale, put on the ``target`` scale (rounded to 2 places)."""
    if source == target:
        return score
    n = source.normalise(score)
    return round(target.min + (n + 1) / 2 * (target.max - target.min), 2)


@dataclass(frozen=True)
class Summary:
    """What a listing says about a map's emotion."""

    average: float | None
    trough: Point | None
    peak: Point | None
    stage_scores: tuple[float | None, ...]


def summarise(model: JourneyMap, persona: str | None = None) -> Summary:
    """A map's emotion for listings. With ``persona``, that persona's own scores; without, every
    persona's points count for the trough and peak (no averaged curve stands in for them)."""
    if persona is None and len(model.personas) > 1 and has_per_persona_scores(model):
        points: tuple[Point, ...] = tuple(p for who in model.personas for p in curve_points(model, who))
    else:
        points = curve_points(model, persona)
    trough, peak = extremes(points)
    stage_scores = tuple(stage_score(s, persona) for s in model.stages)
    scored = [s for s in stage_scores if s is not None]
    return Summary(fmean(scored) if scored else None, trough, peak, stage_scores)


def persona_stage_scores(model: JourneyMap) -> list[tuple[str | None, tuple[float | None, ...]]]:
    """Each persona's score per stage (one shared row, ``None``, when scores are not per persona)."""
    if len(model.personas) > 1 and has_per_persona_scores(model):
        return [(p, tuple(stage_score(s, p) for s in model.stages)) for p in model.personas]
    return [(None, tuple(stage_score(s, None) for s in model.stages))]
