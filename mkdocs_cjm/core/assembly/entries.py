"""The entities of a loaded portfolio, and the defaults that fill in what a file leaves out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..backlogs import NO_BACKLOGS, BacklogLink, Backlogs
from ..lanes import MapLanes
from ..models import Evidence, JourneyMap, Opportunity, Owner, Persona, Stage
from ..reading.documents import Document
from ..text import anchor_slug, count_words, reading_minutes


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

    @cached_property
    def words(self) -> int:
        """The words a reader reads on the persona's page (their maps not counted)."""
        return count_words(" ".join(_texts(self.model.model_dump()))) + count_words(self.source.body)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.words)


@dataclass
class OwnerEntry:
    id: str
    model: Owner
    source: Source


@dataclass
class EvidenceEntry:
    """A research source of the portfolio's evidence file."""

    id: str
    model: Evidence
    source: Source


@dataclass
class MapEntry:
    """A valid map, its rows (:func:`~mkdocs_cjm.core.lanes.resolve_lanes`) and its stages' ids."""

    id: str
    model: JourneyMap
    source: Source
    lanes: MapLanes
    backlogs: Backlogs = NO_BACKLOGS
    """The site's backlog key patterns, which turn an opportunity's key into a link."""

    @cached_property
    def stage_ids(self) -> list[str]:
        return stage_ids(self.model.stages)

    @cached_property
    def words(self) -> int:
        """The words a reader reads on the map's page: its text fields and its narrative."""
        return count_words(" ".join(_texts(self.model.model_dump()))) + count_words(self.source.body)

    @property
    def reading_minutes(self) -> int:
        """How long the map takes to read (:func:`~mkdocs_cjm.core.text.reading_minutes`)."""
        return reading_minutes(self.words)


NOT_READ = frozenset(
    {"id", "type", "personas", "owner", "status", "reviewed", "review_every", "scale", "improves", "realises"}
    | {"lanes", "tags", "emotion", "url", "backlog", "priority", "addresses", "kind", "date", "time", "better"}
    | {"picture", "email", "chat", "details", "part_of", "confidence"}
)
"""Fields of a map or persona that are ids, dates, scores or addresses rather than text a reader reads."""


def _texts(value: object) -> list[str]:
    """Every text of a dumped model, in order, leaving out the fields of :data:`NOT_READ`."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [
            t
            for k, v in value.items()
            if k not in NOT_READ and not (k == "evidence" and all(isinstance(x, str) for x in v))
            for t in _texts(v)
        ]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


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

    @property
    def backlog(self) -> BacklogLink | None:
        """The backlog item's link (its key, or its address's last part, as the label)."""
        return self.map.backlogs.link(self.opportunity.backlog)


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
