"""The entities of a loaded portfolio, and the defaults that fill in what a file leaves out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..lanes import MapLanes
from ..models import JourneyMap, Opportunity, Owner, Persona, Stage
from ..text import slugify


def stage_id(stage: Stage) -> str:
    """A stage's id: its own ``id:``, else a slug of its name."""
    return stage.id or slugify(stage.name, "stage")


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
        return [stage_id(stage) for stage in self.model.stages]


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
