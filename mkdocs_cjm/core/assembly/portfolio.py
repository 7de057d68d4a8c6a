"""The loaded portfolio: valid personas, owners and maps, and the indexes pages are built from."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from ..colours import persona_slots
from ..evidence import Claim, MapEvidence, map_evidence
from ..fields import cadence_days
from ..maptypes import MAP_TYPES, MapType
from ..models import Evidence, MapStatus
from ..problems import Problem, Severity
from .entries import EvidenceEntry, MapEntry, OpportunityRef, OwnerEntry, PersonaEntry, StageRef, opportunities_of


@dataclass(frozen=True)
class ReviewState:
    reviewed: date | None
    due: date | None
    overdue: bool
    days_overdue: int

    def due_soon(self, today: date, days: int) -> bool:
        """Not overdue, and due within ``days`` of ``today`` (never, with ``days`` 0)."""
        return days > 0 and not self.overdue and self.due is not None and (self.due - today).days <= days


@dataclass
class Portfolio:
    """The valid entities of a portfolio, every problem found, and indexes over them."""

    personas: dict[str, PersonaEntry] = field(default_factory=dict)
    owners: dict[str, OwnerEntry] = field(default_factory=dict)
    maps: dict[str, MapEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    today: date = field(default_factory=date.today)
    sources: list[str] = field(default_factory=list)
    """Every content file read (valid or not), relative to the root: none is published as is."""
    withheld: list[str] = field(default_factory=list)
    """Refused links and content files with refused names, relative to the root (a folder with
    everything under it): none is read or published."""
    drafts_left_out: dict[str, str] = field(default_factory=dict)
    """The files of the draft maps left out of the site (``publish_drafts: false``), with their ids."""
    evidence: dict[str, EvidenceEntry] = field(default_factory=dict)
    """The research sources of the portfolio's evidence file, by id (a map's own are in the map)."""

    def published(self, drafts: bool) -> Portfolio:
        """The portfolio as the site publishes it: with ``drafts`` false, without its draft maps
        (their pages, their opportunities, every count and listing; links to them are text). Their
        files stay content files, never published as they are."""
        if drafts:
            return self
        left_out = {m.source.path: i for i, m in self.maps.items() if m.model.status is MapStatus.DRAFT}
        if not left_out:
            return self
        kept = {i: m for i, m in self.maps.items() if m.model.status is not MapStatus.DRAFT}
        return replace(self, maps=kept, drafts_left_out=left_out)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def persona_name(self, ident: str) -> str:
        """A persona's name, or its id when it is not in the portfolio."""
        entry = self.personas.get(ident)
        return entry.model.name if entry else ident

    def owner_name(self, ident: str | None) -> str:
        """An owner's name, or its id when it is not in the portfolio ("" for none)."""
        if ident is None:
            return ""
        entry = self.owners.get(ident)
        return entry.model.name if entry else ident

    # -- ordering ---------------------------------------------------------------------------

    def sorted_personas(self) -> list[PersonaEntry]:
        return sorted(
            self.personas.values(),
            key=lambda p: (p.model.order if p.model.order is not None else 10**6, p.model.name.lower(), p.id),
        )

    @cached_property
    def persona_order(self) -> tuple[str, ...]:
        """Persona ids in display order (which also gives each persona its colour)."""
        return tuple(p.id for p in self.sorted_personas())

    def persona_slots(self, personas: Sequence[str]) -> dict[str, int]:
        """The colour slot of each persona of a map (see ``core/colours.py``)."""
        return persona_slots(self.persona_order, personas)

    def sorted_owners(self) -> list[OwnerEntry]:
        return sorted(self.owners.values(), key=lambda o: (o.model.kind != "team", o.model.name.lower(), o.id))

    @staticmethod
    def reading_key(entry: MapEntry) -> tuple[object, ...]:
        """The order a new hire should read maps in: day in the life first, then current
        state, future state, blueprint; archived maps last."""
        return (
            entry.model.status is MapStatus.ARCHIVED,
            MAP_TYPES[entry.model.type].reading_order,
            entry.model.title.lower(),
            entry.id,
        )

    def sorted_maps(self) -> list[MapEntry]:
        """Every map in reading order."""
        return list(self._sorted_maps)

    @cached_property
    def _sorted_maps(self) -> tuple[MapEntry, ...]:
        return tuple(sorted(self.maps.values(), key=self.reading_key))

    # -- indexes ----------------------------------------------------------------------------

    @cached_property
    def maps_by_persona(self) -> dict[str, list[MapEntry]]:
        index: dict[str, list[MapEntry]] = defaultdict(list)
        for entry in self.sorted_maps():
            for persona in entry.model.personas:
                index[persona].append(entry)
        return dict(index)

    @cached_property
    def maps_by_type(self) -> dict[MapType, list[MapEntry]]:
        index: dict[MapType, list[MapEntry]] = defaultdict(list)
        for entry in self.sorted_maps():
            index[entry.model.type].append(entry)
        return dict(index)

    @cached_property
    def opportunities(self) -> dict[str, OpportunityRef]:
        return {ref.id: ref for entry in self.sorted_maps() for ref in opportunities_of(entry)}

    @cached_property
    def opportunities_by_owner(self) -> dict[str, list[OpportunityRef]]:
        index: dict[str, list[OpportunityRef]] = defaultdict(list)
        for ref in self.opportunities.values():
            index[ref.owner].append(ref)
        return dict(index)

    @cached_property
    def maps_by_owner(self) -> dict[str, list[MapEntry]]:
        index: dict[str, list[MapEntry]] = defaultdict(list)
        for entry in self.sorted_maps():
            index[entry.model.owner].append(entry)
        return dict(index)

    @cached_property
    def stages_by_owner(self) -> dict[str, list[StageRef]]:
        index: dict[str, list[StageRef]] = defaultdict(list)
        for entry in self.sorted_maps():
            for i, stage in enumerate(entry.model.stages):
                if stage.owner:
                    index[stage.owner].append(StageRef(entry, i))
        return dict(index)

    @cached_property
    def members_by_team(self) -> dict[str, list[OwnerEntry]]:
        index: dict[str, list[OwnerEntry]] = defaultdict(list)
        for owner in self.sorted_owners():
            if owner.model.team:
                index[owner.model.team].append(owner)
        return dict(index)

    @cached_property
    def futures_by_current(self) -> dict[str, list[MapEntry]]:
        index: dict[str, list[MapEntry]] = defaultdict(list)
        for entry in self.sorted_maps():
            if entry.model.improves:
                index[entry.model.improves].append(entry)
        return dict(index)

    # -- zoom levels ------------------------------------------------------------------------

    @cached_property
    def parents(self) -> dict[str, StageRef]:
        """Each map that details a stage of another map, and that stage: a stage's ``details:``
        says it, or the map's own ``part_of:`` (validation makes sure they agree). Only maps of
        the site count: a draft left out is no level of any other map."""
        index: dict[str, StageRef] = {}
        for entry in self.sorted_maps():
            for i, stage in enumerate(entry.model.stages):
                for child in stage.details:
                    if child in self.maps and child != entry.id:
                        index.setdefault(child, StageRef(entry, i))
        for entry in self.sorted_maps():
            part_of = entry.model.part_of
            parent = self.maps.get(part_of.map) if part_of else None
            if part_of and parent and part_of.stage in parent.stage_ids and parent is not entry:
                index.setdefault(entry.id, StageRef(parent, parent.stage_ids.index(part_of.stage)))
        return index

    @cached_property
    def details(self) -> dict[tuple[str, int], list[MapEntry]]:
        """The maps that detail each stage, by (map id, stage index): in the order the stage's
        ``details:`` names them, then (those that name the stage in ``part_of:``) in reading order."""
        index: dict[tuple[str, int], list[MapEntry]] = defaultdict(list)
        for entry in self.sorted_maps():
            ref = self.parents.get(entry.id)
            if ref is not None:
                index[(ref.map.id, ref.stage_index)].append(entry)
        for (map_id, i), children in index.items():
            named = self.maps[map_id].model.stages[i].details
            children.sort(key=lambda c: named.index(c.id) if c.id in named else len(named))
        return dict(index)

    def levels(self, entry: MapEntry) -> list[StageRef]:
        """The stages above a map, from the top level down to the stage it details ([] for a
        map that details none)."""
        chain: list[StageRef] = []
        seen = {entry.id}
        ref = self.parents.get(entry.id)
        while ref is not None and ref.map.id not in seen:  # a circle is an error; never loop on one
            chain.append(ref)
            seen.add(ref.map.id)
            ref = self.parents.get(ref.map.id)
        return chain[::-1]

    # -- evidence ---------------------------------------------------------------------------

    def map_evidence(self, entry: MapEntry) -> MapEvidence:
        """The sources of a map and how each of its claims is backed (computed once per map)."""
        found = self._map_evidence.get(entry.id)
        if found is None:
            found = self._map_evidence[entry.id] = map_evidence(entry, self._shared_sources)
        return found

    @cached_property
    def _shared_sources(self) -> dict[str, Evidence]:
        return {ident: e.model for ident, e in self.evidence.items()}

    @cached_property
    def _map_evidence(self) -> dict[str, MapEvidence]:
        return {}

    @cached_property
    def citations(self) -> dict[str, list[tuple[MapEntry, Claim]]]:
        """For each source of the evidence file: every claim that cites it, map by map in
        reading order."""
        index: dict[str, list[tuple[MapEntry, Claim]]] = {ident: [] for ident in self.evidence}
        for entry in self.sorted_maps():
            for claim in self.map_evidence(entry).claims:
                for ident in claim.backing.sources:
                    if ident in index:
                        index[ident].append((entry, claim))
        return index

    # -- review -----------------------------------------------------------------------------

    def review_state(self, entry: MapEntry) -> ReviewState:
        reviewed = entry.model.reviewed
        if entry.model.status is MapStatus.ARCHIVED:
            return ReviewState(reviewed, None, False, 0)
        if reviewed is None:
            return ReviewState(None, None, entry.model.status is MapStatus.PUBLISHED, 0)
        # A review date near the end of the calendar has its next review on its last day.
        due = date.fromordinal(min(reviewed.toordinal() + cadence_days(entry.model.review_every), date.max.toordinal()))
        late = (self.today - due).days
        return ReviewState(reviewed, due, late > 0, max(late, 0))
