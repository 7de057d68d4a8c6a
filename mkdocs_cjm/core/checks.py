"""Checks of one map file that need more than one value at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .catalog import BLUEPRINT_LANES, BUILTIN_LANES, SPECIAL_ROWS, LaneSpec, MapType
from .documents import Document
from .models import ItemList, JourneyMap, LaneDef, Scale, Stage, parse_time
from .problems import Problem, Severity, did_you_mean
from .text import slugify
from .validation import problems_from_validation

RESERVED_ANCHORS = frozenset(
    {"journey", "grid", "sentiment", "sentiment-data", "kpis", "opportunities", "evidence",
     "about", "story", "related", "summary", "realises", "index"}
)
_ITEMS = TypeAdapter(ItemList)


def lane_specs(model: JourneyMap, site_lanes: dict[str, LaneDef]) -> dict[str, LaneSpec]:
    """Every lane the map may use, with titles after the site's and the map's renames."""
    specs = dict(BUILTIN_LANES)
    for source in (site_lanes, model.lanes):
        for key, lane in source.items():
            base = specs.get(key)
            title = lane.title or (base.title if base else key.replace("_", " ").capitalize())
            prompt = lane.prompt if lane.prompt is not None else (base.prompt if base else "")
            specs[key] = LaneSpec(key, title, prompt, builtin=key in BUILTIN_LANES)
    return specs


def stage_id(stage: Stage) -> str:
    return stage.id or slugify(stage.name, "stage")


def check_map(model: JourneyMap, doc: Document, site_lanes: dict[str, LaneDef], today: date) -> list[Problem]:
    """Everything about a single map that the model alone cannot say. Also attaches the items of
    custom lanes to their stages."""
    problems: list[Problem] = []
    specs = lane_specs(model, site_lanes)
    custom = {k for k, spec in specs.items() if not spec.builtin}
    stage_keys = set(Stage.model_fields)

    for key, lane in {**site_lanes, **model.lanes}.items():
        if key in SPECIAL_ROWS or key in stage_keys and key not in BUILTIN_LANES:
            problems.append(doc.problem(("lanes", key), f"'{key}' cannot be used as a lane name",
                                        "choose another name", key=True))
        if lane.after and lane.after not in specs and lane.after not in SPECIAL_ROWS:
            problems.append(doc.problem(("lanes", key, "after"), f"'after: {lane.after}' names no lane",
                                        did_you_mean(lane.after, list(specs) + list(SPECIAL_ROWS))))

    # Custom lanes and misspelled keys in stages.
    for i, stage in enumerate(model.stages):
        for key, value in (stage.model_extra or {}).items():
            path = ("stages", i, key)
            if key not in custom:
                problems.append(doc.problem(
                    path, f"unknown key '{key}' in stage \"{stage.name}\"",
                    did_you_mean(key, sorted(stage_keys | custom))
                    or "to add a lane of your own, declare it under 'lanes:' at the top of the map",
                    key=True))
                continue
            try:
                stage.set_custom(key, _ITEMS.validate_python(value))
            except ValidationError as exc:
                problems.extend(problems_from_validation(doc, exc, None, data=value, prefix=path))

    # Stage ids, item ids, opportunity ids: unique on the page, not clashing with page sections.
    seen: dict[str, tuple[object, ...]] = {}

    def claim(anchor: str, path: tuple[object, ...], what: str) -> None:
        if anchor in RESERVED_ANCHORS or anchor.startswith(("stage-", "cjm-")):
            problems.append(doc.problem(path, f"the id '{anchor}' of {what} is reserved for the page",
                                        "choose another id"))
        elif anchor in seen:
            line = doc.where(seen[anchor])[0]
            problems.append(doc.problem(path, f"the id '{anchor}' of {what} is already used on line {line}",
                                        "ids must be unique within a map"))
        else:
            seen[anchor] = path

    stage_seen: dict[str, int] = {}
    claims: list[tuple[str, tuple[object, ...], str]] = []
    for i, stage in enumerate(model.stages):
        sid = stage_id(stage)
        if sid in stage_seen:
            path = ("stages", i, "id") if stage.id else ("stages", i, "name")
            problems.append(doc.problem(
                path, f"two stages have the id '{sid}' (stages {stage_seen[sid] + 1} and {i + 1})",
                "give one of them a different name or an 'id:'"))
        else:
            stage_seen[sid] = i
        for j, step in enumerate(stage.steps):
            if step.id:
                claims.append((step.id, ("stages", i, "steps", j, "id"), f'step "{step.title}"'))
        for lane in sorted(set(specs) - {"steps", "opportunities"}):
            for j, item in enumerate(stage.items(lane)):
                if item.id:
                    claims.append((item.id, ("stages", i, lane, j, "id"), "an item"))
        for j, opp in enumerate(stage.opportunities):
            claims.append((opp.id, ("stages", i, "opportunities", j, "id"), f"opportunity \"{opp.title}\""))
    # In the order of the file, so that the later of two equal ids is the one reported.
    for anchor, path, what in sorted(claims, key=lambda c: doc.where(c[1])):
        claim(anchor, path, what)

    pain_ids = {item.id for stage in model.stages for item in stage.negatives if item.id}
    for i, stage in enumerate(model.stages):
        for j, opp in enumerate(stage.opportunities):
            if opp.addresses and opp.addresses not in pain_ids:
                problems.append(doc.problem(
                    ("stages", i, "opportunities", j, "addresses"),
                    f"opportunity '{opp.id}' addresses '{opp.addresses}', which is not the id of a "
                    "negative moment of this map",
                    did_you_mean(opp.addresses, pain_ids) if pain_ids else
                    "give the pain point an id: '- {text: …, id: " + opp.addresses + "}' under 'negatives'"))

    problems.extend(score_problems(doc, model.scale, set(model.personas), _model_scores(model)))
    problems.extend(_check_type_rules(model, doc, today))
    return problems


Score = float | dict[str, float]


def score_problems(doc: Document, scale: Scale, personas: set[str] | None,
                   scores: Iterable[tuple[tuple[object, ...], Any, str]]) -> list[Problem]:
    """Scores outside the scale, and per-persona scores for someone not on the map."""
    problems: list[Problem] = []
    bounds = f"{scale.min}..{scale.max}"
    for path, value, what in scores:
        pairs = value.items() if isinstance(value, dict) else [(None, value)]
        for persona, score in pairs:
            if not isinstance(score, (int, float)) or isinstance(score, bool):
                continue
            where = path + ((persona,) if persona else ())
            if persona is not None and personas is not None and persona not in personas:
                problems.append(doc.problem(
                    where, f"the emotion of {what} is given for '{persona}', who is not a persona of this map",
                    did_you_mean(persona, personas), key=True))
            if not scale.contains(score):
                problems.append(doc.problem(
                    where, f"the emotion score {score:g} of {what} is outside the map's scale {bounds}",
                    f"use a score from {scale.min} to {scale.max}, or declare another 'scale:' for the map"))
    return problems


def _model_scores(model: JourneyMap) -> Iterator[tuple[tuple[object, ...], Any, str]]:
    for i, stage in enumerate(model.stages):
        if stage.emotion is not None:
            yield ("stages", i, "emotion"), stage.emotion, f'stage "{stage.name}"'
        for j, step in enumerate(stage.steps):
            if step.emotion is not None:
                yield ("stages", i, "steps", j, "emotion"), step.emotion, f'step "{step.title}"'


def raw_problems(doc: Document, site_lanes: dict[str, LaneDef]) -> list[Problem]:
    """Checks for a map whose model did not validate, read from the raw data: scores outside
    the scale and unknown keys in stages (which the model lets through for custom lanes)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems = raw_score_problems(doc, data)
    lanes = data.get("lanes") if isinstance(data.get("lanes"), dict) else {}
    allowed = set(Stage.model_fields) | set(site_lanes) | {str(k) for k in lanes}
    stages = data.get("stages")
    for i, stage in enumerate(stages if isinstance(stages, list) else []):
        if not isinstance(stage, dict):
            continue
        name = stage.get("name")
        label = f'stage "{name}"' if isinstance(name, (str, int)) else f"stage {i + 1}"
        for key in stage:
            if str(key) not in allowed:
                problems.append(doc.problem(
                    ("stages", i, key), f"unknown key '{key}' in {label}",
                    did_you_mean(str(key), allowed)
                    or "to add a lane of your own, declare it under 'lanes:' at the top of the map", key=True))
    return problems


def raw_score_problems(doc: Document, data: dict[str, Any]) -> list[Problem]:
    try:
        scale = Scale.model_validate(data.get("scale") or {})
    except ValidationError:
        scale = Scale()

    def scores() -> Iterator[tuple[tuple[object, ...], Any, str]]:
        stages = data.get("stages")
        for i, stage in enumerate(stages if isinstance(stages, list) else []):
            if not isinstance(stage, dict):
                continue
            if "emotion" in stage:
                yield ("stages", i, "emotion"), stage["emotion"], f'stage "{stage.get("name", i + 1)}"'
            steps = stage.get("steps")
            for j, step in enumerate(steps if isinstance(steps, list) else []):
                if isinstance(step, dict) and "emotion" in step:
                    yield ("stages", i, "steps", j, "emotion"), step["emotion"], f'step "{step.get("title", j + 1)}"'

    return score_problems(doc, scale, None, scores())


def _check_type_rules(model: JourneyMap, doc: Document, today: date) -> list[Problem]:
    problems: list[Problem] = []
    kind = model.type
    if kind is MapType.FUTURE_STATE and not model.improves:
        problems.append(doc.problem(
            ("type",), "a future-state map must name the current-state map it improves",
            "add 'improves: <id of the current-state map>'"))
    if kind is not MapType.FUTURE_STATE:
        for key in ("improves", "realises"):
            if getattr(model, key):
                problems.append(doc.problem(
                    (key,), f"only a future-state map can use '{key}'",
                    "remove it, or change 'type' to future-state", key=True))
    if kind is MapType.DAY_IN_THE_LIFE:
        previous: tuple[int, str, str] | None = None
        for i, stage in enumerate(model.stages):
            if stage.time is None:
                problems.append(doc.problem(
                    ("stages", i), f'stage "{stage.name}" of a day-in-the-life map has no time of day',
                    "add 'time: HH:MM' to the stage"))
                continue
            minutes = parse_time(stage.time)
            assert minutes is not None
            if previous and minutes <= previous[0]:
                problems.append(doc.problem(
                    ("stages", i, "time"),
                    f'stage "{stage.name}" at {stage.time} comes after "{previous[2]}" at {previous[1]}: '
                    "the stages of a day in the life must be in time order",
                    "move the stage to its place in the day, or correct its time"))
            previous = (minutes, stage.time, stage.name)
    if kind is MapType.SERVICE_BLUEPRINT:
        for lane in BLUEPRINT_LANES:
            if not any(stage.items(lane) for stage in model.stages):
                problems.append(_warning(doc.problem(
                    ("stages",), f"the service blueprint has no '{lane}' items",
                    f"add '{lane}:' items to the stages; a blueprint shows all five of its lanes",
                    key=True)))
    if model.status.value == "published" and model.reviewed is None:
        problems.append(_warning(doc.problem(
            ("status",), "the map is published but has no 'reviewed' date",
            "add 'reviewed: YYYY-MM-DD' with the date of its last review")))
    if model.reviewed and model.reviewed > today:
        problems.append(_warning(doc.problem(
            ("reviewed",), f"the review date {model.reviewed.isoformat()} lies in the future",
            "use the date the map was last reviewed")))
    return problems


def _warning(problem: Problem) -> Problem:
    return Problem(problem.file, problem.line, problem.column, problem.message, problem.hint,
                   Severity.WARNING)
