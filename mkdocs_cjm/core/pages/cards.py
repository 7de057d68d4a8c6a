"""What a page shows of an entity it lists: a map card, an opportunity row, a persona card.

Several page kinds list maps, opportunities and personas; they all show them through these
views, and their render-cache fingerprints use :func:`map_facts`, the values a map card and an
opportunity row read from a map.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from markupsafe import Markup

from ..assembly.entries import MapEntry, OpportunityRef, PersonaEntry
from ..assembly.portfolio import ReviewState
from ..backlogs import BacklogLink
from ..emotion import Summary, persona_stage_scores, summarise
from ..maptypes import MAP_TYPES, MapTypeInfo
from ..models import Opportunity, OpportunityStatus, Priority
from ..render.links import Avatar, Link, Links
from ..render.svg import Series, sparkline
from .base import Context

STATUS_ORDER = [
    OpportunityStatus.IN_PROGRESS,
    OpportunityStatus.PLANNED,
    OpportunityStatus.IDEA,
    OpportunityStatus.DONE,
    OpportunityStatus.DROPPED,
]
PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2, None: 3}


@dataclass
class MapCard:
    """A map as listings show it."""

    entry: MapEntry
    url: str | None
    info: MapTypeInfo
    review: ReviewState
    summary: Summary
    emotion_label: str
    """The emotion curve in words: where it is lowest and highest."""
    average_label: str
    spark: Markup
    """A small server-drawn emotion curve."""
    personas: list[Link]
    owner: Link


def card_series(ctx: Context, entry: MapEntry, persona: str | None = None) -> list[Series]:
    """The curves of a map card's sparkline: one per persona, in the persona's colour."""
    model = entry.model
    slots = ctx.portfolio.persona_slots(model.personas)
    rows = persona_stage_scores(model)
    if persona is not None:
        rows = [row for row in rows if row[0] in (None, persona)]
    return [(slots.get(who or persona or model.personas[0], 1), scores) for who, scores in rows]


def emotion_label(entry: MapEntry, summary: Summary) -> str:
    """The emotion curve in words (what a card's sparkline says to a screen reader)."""
    scale = entry.model.scale
    if summary.trough and summary.peak:
        return (
            f"Lowest at {summary.trough.label} ({scale.format(summary.trough.score)}), "
            f"highest at {summary.peak.label} ({scale.format(summary.peak.score)})"
        )
    if summary.average is not None:
        return f"Average {scale.format(round(summary.average, 1))}"
    return "No emotion scores"


def map_card(ctx: Context, entry: MapEntry, links: Links, persona: str | None = None) -> MapCard:
    """A map card; on a persona's page (``persona``) its emotion is that persona's own."""
    model = entry.model
    summary = summarise(model, persona)
    scale = model.scale
    series = card_series(ctx, entry, persona)
    label = emotion_label(entry, summary)
    return MapCard(
        entry,
        links.journey(entry.id),
        MAP_TYPES[entry.model.type],
        ctx.portfolio.review_state(entry),
        summary,
        label,
        scale.label(summary.average) if summary.average is not None else "",
        sparkline(series, scale, f"Emotion curve: {label}"),
        [links.persona_link(x) for x in entry.model.personas],
        links.owner_link(entry.model.owner),
    )


@dataclass
class OpportunityRow:
    """An opportunity as listings show it."""

    ref: OpportunityRef
    opp: Opportunity
    url: str | None
    map_url: str | None
    stage_url: str | None
    owner: Link
    personas: list[Link]
    backlog: BacklogLink | None
    """The backlog item: its key (or its address's last part) and its address."""


def opportunity_row(ref: OpportunityRef, links: Links) -> OpportunityRow:
    return OpportunityRow(
        ref,
        ref.opportunity,
        links.opportunity(ref.id),
        links.journey(ref.map.id),
        links.stage(ref.map.id, ref.stage_index),
        links.owner_link(ref.owner),
        [links.persona_link(x) for x in ref.map.model.personas],
        ref.backlog,
    )


def opportunity_order(ref: OpportunityRef) -> tuple[object, ...]:
    """Most active first: by status, then priority, then map and stage."""
    return (
        STATUS_ORDER.index(ref.opportunity.status),
        PRIORITY_ORDER[ref.opportunity.priority],
        ref.map.model.title.lower(),
        ref.stage_index,
        ref.id,
    )


@dataclass
class PersonaCard:
    """A persona as listings show it."""

    entry: PersonaEntry
    url: str | None
    map_count: int
    types: list[str]
    """The titles of the map types the persona has maps of."""
    avatar: Avatar


def persona_card(ctx: Context, persona: PersonaEntry, links: Links) -> PersonaCard:
    maps = ctx.portfolio.maps_by_persona.get(persona.id, [])
    types = sorted({MAP_TYPES[m.model.type].title for m in maps})
    return PersonaCard(persona, links.persona(persona.id), len(maps), types, links.avatar(persona.id))


def map_facts(entry: MapEntry) -> tuple[Any, ...]:
    """Everything a map card and the map's opportunity rows and stage links read from a map
    (the render cache memoises it per map model)."""
    m = entry.model
    card = (
        entry.id,
        m.title,
        m.summary,
        m.scenario,
        m.type,
        tuple(m.personas),
        m.owner,
        m.status,
        m.reviewed,
        m.review_every,
        m.scale,
        summarise(m),
        persona_stage_scores(m),
    )
    opps = tuple(
        (
            i,
            entry.stage_ids[i],
            stage.name,
            stage.owner,
            opp.id,
            opp.title,
            opp.owner,
            opp.status,
            opp.priority,
            opp.impact,
            opp.effort,
            opp.description,
            opp.backlog,
        )
        for i, stage in enumerate(m.stages)
        for opp in stage.opportunities
    )
    stages = tuple(
        (i, sid, stage.name, stage.owner) for i, (sid, stage) in enumerate(zip(entry.stage_ids, m.stages, strict=True))
    )
    return card, opps, stages


def cards_inputs(ctx: Context, maps: list[MapEntry]) -> tuple[Any, ...]:
    """The fingerprint inputs of a list of map cards (and the maps' opportunity rows); the
    persona order gives the cards' persona colours."""
    facts = ctx.card_facts or map_facts
    return ctx.portfolio.persona_order, tuple(facts(entry) for entry in maps)


def people_inputs(ctx: Context) -> tuple[Any, ...]:
    """The names pages show for persona and owner ids: (personas, owners)."""
    return ctx.people


def summary_search_html(title: str, *paragraphs: str) -> str:
    """The search view of a listing page: its title and what it is about. The entries it
    lists are indexed on their own pages; leaving the listing out keeps the index small and
    the results pointing at the pages themselves."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)
    return f'<h1 id="top">{escape(title)}</h1>{body}'
