"""What each part of a map rests on: the research sources it cites, and how sure we are of it.

A step, a lane item (a pain point is an item of the negatives lane), an opportunity or a KPI
*claims* something about the customer. Its confidence is the one it states (``confidence:``);
else it follows from the sources it cites (:func:`derived_confidence`); with neither, the claim
is an **assumption**. The rule, kept simple so an editor can predict it:

- two or more sources, or one source of kind ``analytics``, or one with at least
  :data:`STRONG_PARTICIPANTS` participants: **high**;
- one other source: **medium**;
- ``low`` is only ever stated (a team saying "we have a hint, not proof").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lanes import Cell
from .models import Confidence, Evidence, EvidenceKind, Item, Kpi, Opportunity, Step

if TYPE_CHECKING:
    from .assembly.entries import MapEntry

STRONG_PARTICIPANTS = 5
"""A single source with at least this many participants makes a claim of high confidence."""

Claimant = Item | Step | Opportunity | Kpi


def derived_confidence(stated: Confidence | None, sources: Sequence[Evidence]) -> Confidence | None:
    """The confidence of a claim: stated, else from its sources; None for an assumption."""
    if stated is not None:
        return stated
    if not sources:
        return None
    strong = sources[0].kind is EvidenceKind.ANALYTICS or (sources[0].participants or 0) >= STRONG_PARTICIPANTS
    return Confidence.HIGH if len(sources) > 1 or strong else Confidence.MEDIUM


@dataclass(frozen=True)
class Backing:
    """How one claim is backed: its confidence (None: an assumption), whether the map states it,
    and the ids of the sources it cites."""

    confidence: Confidence | None
    stated: bool
    sources: tuple[str, ...]

    @property
    def assumption(self) -> bool:
        return self.confidence is None

    @property
    def label(self) -> str:
        """``Assumption``, or ``High confidence`` (with ``, stated`` when the map says so)."""
        if self.confidence is None:
            return "Assumption"
        return f"{self.confidence.value.capitalize()} confidence" + (", stated" if self.stated else "")


@dataclass(frozen=True)
class Claim:
    """A step, item, opportunity or KPI of a map, where it is, and how it is backed."""

    stage_index: int
    lane: str
    """Its lane's key (``steps``, ``negatives``, ``opportunities``, ``kpis``, a custom lane…)."""
    text: str
    """Its Markdown text: a step's title, an item's text, an opportunity's title, a KPI's name."""
    anchor: str | None
    """Its own id on the page (a step's, an item's or an opportunity's), if it has one."""
    backing: Backing


ASSUMPTION = Backing(None, False, ())
"""The backing of every claim that cites no source and states no confidence."""


@dataclass
class MapEvidence:
    """The sources of one map and the claims it backs, in the order of the grid."""

    sources: list[tuple[str, Evidence, bool]]
    """(id, source, portfolio-wide) in the order the page lists and numbers them: the map's own
    sources as declared, then the portfolio's it cites, in the order first cited."""
    claims: list[Claim]
    """The claims that cite a source or state a confidence (the others are assumptions)."""
    total: int
    """How many claims the map makes (steps, items, opportunities and KPIs the grid shows)."""
    _by_object: dict[int, Backing] = field(default_factory=dict, repr=False)

    def of(self, part: Claimant) -> Backing:
        """The backing of a step, item, opportunity or KPI of this map."""
        return self._by_object.get(id(part), ASSUMPTION)

    def number(self, ident: str) -> int:
        """A source's number on the page (from 1)."""
        return next(i for i, (key, _, _) in enumerate(self.sources, 1) if key == ident)

    @property
    def backed(self) -> int:
        """How many claims cite at least one source."""
        return sum(1 for c in self.claims if c.backing.sources)

    @property
    def assumptions(self) -> int:
        return self.total - len(self.claims)

    def citing(self, ident: str) -> list[Claim]:
        """The claims that cite source ``ident``."""
        return [c for c in self.claims if ident in c.backing.sources]


def _parts(entry: MapEntry) -> Iterator[tuple[int, str, str, str | None, Claimant]]:
    """Every claim of a map as the grid shows it: stage by stage, lane by lane."""
    for i, stage in enumerate(entry.model.stages):
        for key, row in entry.lanes.items():
            if row.cell is Cell.STEPS:
                yield from ((i, key, s.title, s.id, s) for s in stage.steps)
            elif row.cell is Cell.ITEMS:
                yield from ((i, key, it.text, it.id, it) for it in stage.items(key))
            elif row.cell is Cell.OPPORTUNITIES:
                yield from ((i, key, o.title, o.id, o) for o in stage.opportunities)
            elif row.cell is Cell.KPIS:
                yield from ((i, key, k.name, None, k) for k in stage.kpis)


def map_evidence(entry: MapEntry, shared: Mapping[str, Evidence]) -> MapEvidence:
    """The evidence of one map: its own sources and the portfolio's (``shared``) it cites."""
    own = {source.key: source for source in entry.model.evidence}
    claims: list[Claim] = []
    by_object: dict[int, Backing] = {}
    cited: dict[str, Evidence] = {}
    total = 0
    for i, lane, text, anchor, part in _parts(entry):
        total += 1
        if not part.evidence and part.confidence is None:
            continue  # an assumption (most parts of most maps): nothing to keep
        found = [(ident, own.get(ident) or shared.get(ident)) for ident in dict.fromkeys(part.evidence)]
        sources = [(ident, source) for ident, source in found if source is not None]
        backing = Backing(
            derived_confidence(part.confidence, [s for _, s in sources]),
            part.confidence is not None,
            tuple(ident for ident, _ in sources),
        )
        cited.update((ident, source) for ident, source in sources if ident not in own)
        claims.append(Claim(i, lane, text, anchor, backing))
        by_object[id(part)] = backing
    listed = [(k, s, False) for k, s in own.items()] + [(k, s, True) for k, s in cited.items()]
    return MapEvidence(listed, claims, total, by_object)
