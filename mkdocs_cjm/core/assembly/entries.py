"""The entities of a loaded portfolio, and the defaults that fill in what a file leaves out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..lanes import MapLanes
from ..models import JourneyMap, Opportunity, Owner, Persona, Stage
from ..reading.documents import Document
from ..text import anchor_slug


def stage_ids(stages: Sequence[Stage]) -> list[str]:
    """The stages' ids, which anchor them on the page: a stage's own ``id:``, else a slug of
    its name in any script (:func:`~mkdocs_cjm.core.text.anchor_slug`). A slug another stage
    already has (an ``id:`` of any stage, or an earlier stage's slug) gets the first free
    suffix: 'Pay', 'pay' -> 'pay', 'pay-2'. Two equal ``id:`` are the map's error."""
    explicit = {stage.id for stage in stages if stage.id}
    used: set[str] = set()
    ids = []
    for stage in stages:
        if stage.id:
            ids.append(stage.id)
            continue
        base = anchor_slug(stage.name, "stage")
        candidate, n = base, 1
        while candidate in explicit or candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        ids.append(candidate)
    return ids


def opportunity_owner(opportunity: Opportunity, stage: Stage, model: JourneyMap) -> str:
    """Who owns an opportunity: its own owner, else the stage owner, else the map owner."""
    return opportunity.owner or stage.owner or model.owner


@dataclass(frozen=True)
class Source:
    """Where an entity was read from: a path relative to the portfolio root."""

    path: str
    line: int = 1
    body: str = ""
    body_line: int = 1
    doc: Document | None = field(default=None, compare=False, repr=False)
    """The file as read, to find where one of its values is written (read again when needed)."""


@dataclass
class PersonaEntry:
    id: str
    model: Persona
    source: Source


@dataclass
class OwnerEntry:
    id: str
    model: Owner
    source: Source


@dataclass
class MapEntry:
    """A valid map, its rows (:func:`~mkdocs_cjm.core.lanes.resolve_lanes`) and its stages' ids."""

    id: str
    model: JourneyMap
    source: Source
    lanes: MapLanes

    @cached_property
    def stage_ids(self) -> list[str]:
        return stage_ids(self.model.stages)


@dataclass(frozen=True)
class OpportunityRef:
    """An opportunity, where it sits, and its owner after defaults are applied."""

    opportunity: Opportunity
    map: MapEntry
    stage_index: int
    owner: str

    @property
    def id(self) -> str:
        return self.opportunity.id

    @property
    def stage(self) -> Stage:
        return self.map.model.stages[self.stage_index]


@dataclass(frozen=True)
class StageRef:
    map: MapEntry
    stage_index: int

    @property
    def stage(self) -> Stage:
        return self.map.model.stages[self.stage_index]


def opportunities_of(entry: MapEntry) -> list[OpportunityRef]:
    """Every opportunity of a map, in stage order, with its owner."""
    model = entry.model
    return [
        OpportunityRef(opp, entry, i, opportunity_owner(opp, stage, model))
        for i, stage in enumerate(model.stages)
        for opp in stage.opportunities
    ]
