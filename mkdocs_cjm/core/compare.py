"""Current state against future state, stage by stage.

A future-state map names the current-state map it ``improves`` and the opportunities it
``realises``. Its stages are matched with the current state's by id, then by name (case and
spacing aside); a stage of one with no match in the other is *added* or *removed*. For each
stage: the emotion before (the current state's score, put on the future state's scale) and
after, the current state's pain points the realised opportunities address there, and those
opportunities with their status.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .assembly.entries import MapEntry, OpportunityRef, stage_ids
from .emotion import rescale, stage_score
from .models import Item, Stage


@dataclass
class StagePair:
    """One stage of the comparison: the future state's, the current state's, or both."""

    name: str
    current: int | None
    """The stage's index in the current state (None: added by the future state)."""
    future: int | None
    """The stage's index in the future state (None: removed by it)."""
    before: float | None
    """The current state's score, on the future state's scale."""
    after: float | None
    pains: list[Item] = field(default_factory=list)
    """The current state's pain points of this stage that realised opportunities address."""
    realised: list[OpportunityRef] = field(default_factory=list)
    """The realised opportunities of this stage (of the current state)."""

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 2)

    @property
    def kind(self) -> str:
        """``same`` (in both), ``added`` or ``removed``."""
        return "added" if self.current is None else "removed" if self.future is None else "same"


@dataclass
class Comparison:
    """A future state against the current state it improves."""

    current: MapEntry
    future: MapEntry
    stages: list[StagePair]

    @property
    def mean_change(self) -> float | None:
        """The average change of the stages scored in both (None when none is)."""
        changes = [c for c in (s.change for s in self.stages) if c is not None]
        return round(sum(changes) / len(changes), 2) if changes else None

    @property
    def compared(self) -> int:
        return sum(1 for s in self.stages if s.change is not None)


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def _match(current: MapEntry, future: MapEntry) -> dict[int, int]:
    return match_stages(current.model.stages, future.model.stages, current.stage_ids, future.stage_ids)


def match_stages(
    current: Sequence[Stage],
    future: Sequence[Stage],
    current_ids: Sequence[str] | None = None,
    future_ids: Sequence[str] | None = None,
) -> dict[int, int]:
    """Future stage index → current stage index: by id, then by name (case and spacing aside).
    Also how two versions of one map pair their stages (:mod:`~mkdocs_cjm.core.history`).
    ``*_ids``: the stages' ids when known (:func:`~.assembly.entries.stage_ids` otherwise)."""
    current_ids = stage_ids(current) if current_ids is None else current_ids
    future_ids = stage_ids(future) if future_ids is None else future_ids
    by_id = {sid: i for i, sid in reversed(list(enumerate(current_ids)))}
    by_name = {_key(s.name): i for i, s in reversed(list(enumerate(current)))}
    matched: dict[int, int] = {}
    for j, sid in enumerate(future_ids):
        i = by_id.get(sid)
        if i is None or i in matched.values():
            i = by_name.get(_key(future[j].name))
        if i is not None and i not in matched.values():
            matched[j] = i
    return matched


def compare(current: MapEntry, future: MapEntry, realised: list[OpportunityRef]) -> Comparison:
    """The stage-by-stage comparison of ``future`` with ``current`` (``realised``: the
    opportunities of the current state the future state realises)."""
    matched = _match(current, future)
    scale_from, scale_to = current.model.scale, future.model.scale
    stages = []
    for j, stage in enumerate(future.model.stages):
        i = matched.get(j)
        before = stage_score(current.model.stages[i], None) if i is not None else None
        stages.append(
            StagePair(
                stage.name,
                i,
                j,
                None if before is None else rescale(before, scale_from, scale_to),
                stage_score(stage, None),
            )
        )
    for i, stage in enumerate(current.model.stages):
        if i not in matched.values():
            score = stage_score(stage, None)
            stages.append(
                StagePair(stage.name, i, None, None if score is None else rescale(score, scale_from, scale_to), None)
            )
    by_current = {s.current: s for s in stages if s.current is not None}
    for ref in realised:
        pair = by_current.get(ref.stage_index) if ref.map.id == current.id else None
        if pair is None:
            continue
        pair.realised.append(ref)
        pain = next((x for x in ref.stage.items("negatives") if x.id and x.id == ref.opportunity.addresses), None)
        if pain is not None and pain not in pair.pains:
            pair.pains.append(pain)
    return Comparison(current, future, stages)
