"""Rules of one map that the model alone cannot say: they need more than one value at a time.

Lanes declared under ``lanes:``, ids unique on the page, pain points an opportunity addresses,
scores against the map's scale, and the rules of each map type. Pure checks: they read the
model and return problems; they never change it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError

from ..fields import parse_time
from ..lanes import ITEM_LANES, LANES, RESERVED_KEYS, TYPE_LANES, custom_lane_keys
from ..maptypes import MapType
from ..models import JourneyMap, LaneDef, Scale
from ..problems import Problem, Severity, did_you_mean
from ..reading.documents import Document

RESERVED_ANCHORS = frozenset(
    {
        "journey",
        "grid",
        "sentiment",
        "sentiment-data",
        "kpis",
        "opportunities",
        "evidence",
        "about",
        "story",
        "related",
        "summary",
        "realises",
        "index",
    }
)
"""Ids of the sections of a journey page, which no stage, item or opportunity may take."""

Path_ = tuple[object, ...]
Scored = tuple[Path_, Any, str]
"""A score where it sits in the file, its value, and words for what it scores."""


def map_rules(model: JourneyMap, doc: Document, site_lanes: Mapping[str, LaneDef], today: date) -> list[Problem]:
    """Every rule of a map whose model validated."""
    return [
        *lane_rules(model, doc, site_lanes),
        *anchor_rules(model, doc, site_lanes),
        *address_rules(model, doc),
        *score_problems(doc, model.scale, set(model.personas), _model_scores(model)),
        *type_rules(model, doc, today),
    ]


def lane_rules(model: JourneyMap, doc: Document, site_lanes: Mapping[str, LaneDef]) -> list[Problem]:
    """The map's own ``lanes:``: no reserved name, ``after:`` a lane (of the map or the site).
    The site's lanes are checked once, where the plugin's options are read
    (:func:`~mkdocs_cjm.core.options.check_options`), never against each map."""
    problems: list[Problem] = []
    known = [*LANES, *custom_lane_keys(site_lanes, model.lanes)]
    for key, lane in model.lanes.items():
        if key in RESERVED_KEYS:
            problems.append(
                doc.problem(("lanes", key), f"'{key}' cannot be used as a lane name", "choose another name", key=True)
            )
        if lane.after and lane.after not in known:
            problems.append(
                doc.problem(
                    ("lanes", key, "after"), f"'after: {lane.after}' names no lane", did_you_mean(lane.after, known)
                )
            )
    return problems


def anchor_rules(model: JourneyMap, doc: Document, site_lanes: Mapping[str, LaneDef]) -> list[Problem]:
    """Stage ids, item ids and opportunity ids: unique on the page, not a section of the page."""
    problems = _stage_id_rules(model, doc)
    seen: dict[str, Path_] = {}
    # In the order of the file, so that the later of two equal ids is the one reported.
    for anchor, path, what in sorted(_claims(model, site_lanes), key=lambda c: doc.where(c[1])):
        if anchor in RESERVED_ANCHORS or anchor.startswith(("stage-", "cjm-")):
            problems.append(
                doc.problem(path, f"the id '{anchor}' of {what} is reserved for the page", "choose another id")
            )
        elif anchor in seen:
            line = doc.where(seen[anchor])[0]
            problems.append(
                doc.problem(
                    path,
                    f"the id '{anchor}' of {what} is already used on line {line}",
                    "ids must be unique within a map",
                )
            )
        else:
            seen[anchor] = path
    return problems


def _stage_id_rules(model: JourneyMap, doc: Document) -> list[Problem]:
    """Two stages with the same ``id:`` (ids made from names never clash: see
    :func:`~mkdocs_cjm.core.assembly.entries.stage_ids`)."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for i, stage in enumerate(model.stages):
        sid = stage.id
        if sid is None:
            continue
        if sid in first:
            problems.append(
                doc.problem(
                    ("stages", i, "id"),
                    f"two stages have the id '{sid}' (stages {first[sid] + 1} and {i + 1})",
                    "give one of them a different 'id:'",
                )
            )
        else:
            first[sid] = i
    return problems


def _claims(model: JourneyMap, site_lanes: Mapping[str, LaneDef]) -> Iterator[tuple[str, Path_, str]]:
    """Every id a map gives a step, an item or an opportunity: (id, where, what it names)."""
    item_lanes = sorted({*ITEM_LANES, *custom_lane_keys(site_lanes, model.lanes)})
    for i, stage in enumerate(model.stages):
        for j, step in enumerate(stage.steps):
            if step.id:
                yield step.id, ("stages", i, "steps", j, "id"), f'step "{step.title}"'
        for lane in item_lanes:
            for j, item in enumerate(stage.items(lane)):
                if item.id:
                    yield item.id, ("stages", i, lane, j, "id"), "an item"
        for j, opp in enumerate(stage.opportunities):
            yield opp.id, ("stages", i, "opportunities", j, "id"), f'opportunity "{opp.title}"'


def address_rules(model: JourneyMap, doc: Document) -> list[Problem]:
    """An opportunity ``addresses`` a negative moment of the same map."""
    problems: list[Problem] = []
    pain_ids = {item.id for stage in model.stages for item in stage.items("negatives") if item.id}
    for i, stage in enumerate(model.stages):
        for j, opp in enumerate(stage.opportunities):
            if opp.addresses and opp.addresses not in pain_ids:
                problems.append(
                    doc.problem(
                        ("stages", i, "opportunities", j, "addresses"),
                        f"opportunity '{opp.id}' addresses '{opp.addresses}', which is not the id of a "
                        "negative moment of this map",
                        did_you_mean(opp.addresses, pain_ids)
                        if pain_ids
                        else "give the pain point an id: '- {text: …, id: " + opp.addresses + "}' under 'negatives'",
                    )
                )
    return problems


def score_problems(doc: Document, scale: Scale, personas: set[str] | None, scores: Iterable[Scored]) -> list[Problem]:
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
                problems.append(
                    doc.problem(
                        where,
                        f"the emotion of {what} is given for '{persona}', who is not a persona of this map",
                        did_you_mean(persona, personas),
                        key=True,
                    )
                )
            if not scale.contains(score):
                problems.append(
                    doc.problem(
                        where,
                        f"the emotion score {score:g} of {what} is outside the map's scale {bounds}",
                        f"use a score from {scale.min} to {scale.max}, or declare another 'scale:' for the map",
                    )
                )
    return problems


def _model_scores(model: JourneyMap) -> Iterator[Scored]:
    for i, stage in enumerate(model.stages):
        if stage.emotion is not None:
            yield ("stages", i, "emotion"), stage.emotion, f'stage "{stage.name}"'
        for j, step in enumerate(stage.steps):
            if step.emotion is not None:
                yield ("stages", i, "steps", j, "emotion"), step.emotion, f'step "{step.title}"'


def raw_map_rules(doc: Document) -> list[Problem]:
    """The rules that can still be checked on a map whose model did not validate, read from
    its raw data: scores outside the scale."""
    data = doc.data if isinstance(doc.data, dict) else {}
    try:
        scale = Scale.model_validate(data.get("scale") or {})
    except ValidationError:
        scale = Scale()
    return score_problems(doc, scale, None, _raw_scores(data))


def _raw_scores(data: dict[str, Any]) -> Iterator[Scored]:
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


def type_rules(model: JourneyMap, doc: Document, today: date) -> list[Problem]:
    """The rules of the map's type, and of its review."""
    problems = _future_state_rules(model, doc)
    if model.type is MapType.DAY_IN_THE_LIFE:
        problems += _time_order_rules(model, doc)
    for lane in TYPE_LANES[model.type].expected:
        if not any(stage.items(lane) for stage in model.stages):
            problems.append(
                _warning(
                    doc.problem(
                        ("stages",),
                        f"the {_type_title(model)} has no '{lane}' items",
                        # Only service blueprints expect lanes to be filled.
                        f"add '{lane}:' items to the stages; a blueprint shows all five of its lanes",
                        key=True,
                    )
                )
            )
    return problems + _review_rules(model, doc, today)


def _type_title(model: JourneyMap) -> str:
    return model.type.value.replace("-", " ")


def _future_state_rules(model: JourneyMap, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    if model.type is MapType.FUTURE_STATE and not model.improves:
        problems.append(
            doc.problem(
                ("type",),
                "a future-state map must name the current-state map it improves",
                "add 'improves: <id of the current-state map>'",
            )
        )
    if model.type is not MapType.FUTURE_STATE:
        for key in ("improves", "realises"):
            if getattr(model, key):
                problems.append(
                    doc.problem(
                        (key,),
                        f"only a future-state map can use '{key}'",
                        "remove it, or change 'type' to future-state",
                        key=True,
                    )
                )
    return problems


def _time_order_rules(model: JourneyMap, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    previous: tuple[int, str, str] | None = None
    for i, stage in enumerate(model.stages):
        if stage.time is None:
            problems.append(
                doc.problem(
                    ("stages", i),
                    f'stage "{stage.name}" of a day-in-the-life map has no time of day',
                    "add 'time: HH:MM' to the stage",
                )
            )
            continue
        minutes = parse_time(stage.time)
        assert minutes is not None
        if previous and minutes <= previous[0]:
            problems.append(
                doc.problem(
                    ("stages", i, "time"),
                    f'stage "{stage.name}" at {stage.time} comes after "{previous[2]}" at {previous[1]}: '
                    "the stages of a day in the life must be in time order",
                    "move the stage to its place in the day, or correct its time",
                )
            )
        previous = (minutes, stage.time, stage.name)
    return problems


def _review_rules(model: JourneyMap, doc: Document, today: date) -> list[Problem]:
    problems: list[Problem] = []
    if model.status.value == "published" and model.reviewed is None:
        problems.append(
            _warning(
                doc.problem(
                    ("status",),
                    "the map is published but has no 'reviewed' date",
                    "add 'reviewed: YYYY-MM-DD' with the date of its last review",
                )
            )
        )
    if model.reviewed and model.reviewed > today:
        problems.append(
            _warning(
                doc.problem(
                    ("reviewed",),
                    f"the review date {model.reviewed.isoformat()} lies in the future",
                    "use the date the map was last reviewed",
                )
            )
        )
    return problems


def _warning(problem: Problem) -> Problem:
    return Problem(problem.file, problem.line, problem.column, problem.message, problem.hint, Severity.WARNING)
