"""What changed between two versions of a map, in map terms.

Stages are paired as the before-and-after comparison pairs a current and a future state
(:func:`~mkdocs_cjm.core.compare.match_stages`: by id, then by name). Then: the stages added,
removed and renamed; for each stage in both, the steps and lane items added and removed (per lane,
as :func:`~mkdocs_cjm.core.lanes.resolve_lanes` gives the map's rows) and the change of its
emotion score (the stage's mean, the older version's put on the newer's scale); the
opportunities added and removed, and those whose status changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..compare import match_stages
from ..emotion import rescale, stage_score
from ..lanes import Cell, Row, resolve_lanes
from ..models import JourneyMap, LaneDef, Opportunity, Stage


@dataclass(frozen=True)
class StageChange:
    kind: str
    """``added``, ``removed`` or ``renamed``."""
    name: str
    """The stage's name (its new name when renamed)."""
    old_name: str = ""


@dataclass(frozen=True)
class LaneChange:
    """The items of one lane of one stage that one version has and the other has not."""

    stage: str
    lane: str
    """The lane's title, as the newer version shows it."""
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class EmotionChange:
    stage: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else round(self.after - self.before, 2)


@dataclass(frozen=True)
class OpportunityChange:
    id: str
    title: str
    kind: str
    """``added``, ``removed`` or ``status``."""
    before: str = ""
    """The old status's title (status changes)."""
    after: str = ""


@dataclass(frozen=True)
class MapDiff:
    """Two versions of a map compared in map terms."""

    stages: tuple[StageChange, ...] = ()
    lanes: tuple[LaneChange, ...] = ()
    emotions: tuple[EmotionChange, ...] = ()
    opportunities: tuple[OpportunityChange, ...] = ()
    fields: tuple[str, ...] = ()
    """The map's own keys (not its stages) whose values changed: ``title``, ``reviewed``…"""
    other: bool = False
    """Whether the versions differ in anything at all (wording, descriptions, KPIs, the header)."""
    narrative: bool = False
    """Whether the map's Markdown body (About this map) changed."""
    signed: bool = True
    """Whether the newer version's scale has negative scores (scores are shown with a sign)."""

    @property
    def in_map_terms(self) -> bool:
        """Whether stages, lane items, emotion scores or opportunities changed."""
        return bool(self.stages or self.lanes or self.emotions or self.opportunities)

    @property
    def empty(self) -> bool:
        return not self.in_map_terms and not self.other


Version = tuple[JourneyMap, str]
"""A version of a map file: its model and its Markdown body."""


def diff_versions(old: Version, new: Version, site_lanes: Mapping[str, LaneDef] | None = None) -> MapDiff:
    """What changed from ``old`` to ``new``, their Markdown bodies included."""
    diff = diff_maps(old[0], new[0], site_lanes)
    if old[1] == new[1]:
        return diff
    return replace(diff, narrative=True, other=True)


def diff_maps(old: JourneyMap, new: JourneyMap, site_lanes: Mapping[str, LaneDef] | None = None) -> MapDiff:
    """What changed from ``old`` to ``new``."""
    matched = match_stages(old.stages, new.stages)  # new stage index -> old stage index
    rows = [(key, row.title, row.cell) for key, row in _rows(old, new, site_lanes or {}).items()]
    stages: list[StageChange] = []
    lanes: list[LaneChange] = []
    emotions: list[EmotionChange] = []
    for j, stage in enumerate(new.stages):
        i = matched.get(j)
        if i is None:
            stages.append(StageChange("added", stage.name))
            continue
        before = old.stages[i]
        if before.name != stage.name:
            stages.append(StageChange("renamed", stage.name, before.name))
        lanes += _lane_changes(rows, before, stage)
        emotion = _emotion_change(old, new, before, stage)
        if emotion is not None:
            emotions.append(emotion)
    kept = set(matched.values())
    fields = tuple(k for k in type(new).model_fields if k != "stages" and getattr(old, k, None) != getattr(new, k))
    stages += [StageChange("removed", s.name) for i, s in enumerate(old.stages) if i not in kept]
    return MapDiff(
        tuple(stages),
        tuple(lanes),
        tuple(emotions),
        tuple(_opportunity_changes(old, new)),
        fields,
        other=bool(fields) or old.stages != new.stages,
        signed=new.scale.min < 0,
    )


def _rows(old: JourneyMap, new: JourneyMap, site_lanes: Mapping[str, LaneDef]) -> dict[str, Row]:
    """The lanes of either version, as the newer one shows them."""
    rows = dict(resolve_lanes(old.type, old.lanes, site_lanes))
    rows.update(resolve_lanes(new.type, new.lanes, site_lanes))
    return rows


def _lane_changes(rows: list[tuple[str, str, Cell]], before: Stage, after: Stage) -> list[LaneChange]:
    changes = []
    for key, title, cell in rows:
        if cell is Cell.STEPS:
            was, now = [s.title for s in before.steps], [s.title for s in after.steps]
        elif cell is Cell.ITEMS:
            was, now = [x.text for x in before.items(key)], [x.text for x in after.items(key)]
        else:
            continue
        if was == now:
            continue
        added, removed = _multiset_difference(now, was), _multiset_difference(was, now)
        if added or removed:
            changes.append(LaneChange(after.name, title, added, removed))
    return changes


def _multiset_difference(first: list[str], second: list[str]) -> tuple[str, ...]:
    """The entries of ``first`` that ``second`` has not (counting repeats), in ``first``'s order."""
    left = Counter(second)
    found = []
    for text in first:
        if left[text]:
            left[text] -= 1
        else:
            found.append(text)
    return tuple(found)


def _emotion_change(old: JourneyMap, new: JourneyMap, before: Stage, after: Stage) -> EmotionChange | None:
    was, now = stage_score(before, None), stage_score(after, None)
    if was is not None:
        was = round(rescale(was, old.scale, new.scale), 2)
    if now is not None:
        now = round(now, 2)
    return None if was == now else EmotionChange(after.name, was, now)


def _opportunities(model: JourneyMap) -> dict[str, Opportunity]:
    return {o.id: o for stage in model.stages for o in stage.opportunities}


def _opportunity_changes(old: JourneyMap, new: JourneyMap) -> list[OpportunityChange]:
    was, now = _opportunities(old), _opportunities(new)
    changes = [OpportunityChange(x, o.title, "added") for x, o in now.items() if x not in was]
    changes += [OpportunityChange(x, o.title, "removed") for x, o in was.items() if x not in now]
    changes += [
        OpportunityChange(x, o.title, "status", was[x].status.title, o.status.title)
        for x, o in now.items()
        if x in was and was[x].status != o.status
    ]
    return changes
