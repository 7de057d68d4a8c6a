"""The index pages: personas, journeys (by map type), owners, and every opportunity."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..assembly.entries import MapEntry, OpportunityRef, OwnerEntry
from ..maptypes import MAP_TYPES, MapTypeInfo
from ..models import OpportunityStatus
from ..render.links import Link
from .base import Context, PageKind, PageSpec, RenderedPage, TocItem
from .cards import (
    STATUS_ORDER,
    MapCard,
    OpportunityRow,
    PersonaCard,
    cards_inputs,
    map_card,
    opportunity_order,
    opportunity_row,
    people_inputs,
    persona_card,
    summary_search_html,
)
from .matrix import QuadrantCount, count_quadrants, quadrant_counts
from .paging import ListingData, Pager, listing_data, page_slice, page_specs, pager

_CLOSED = (OpportunityStatus.DONE, OpportunityStatus.DROPPED)


class _Index(PageKind):
    """A listing with one page: its spec is fixed, its search text is its summary."""

    section: str
    title: str
    description: str

    def specs(self, ctx: Context) -> list[PageSpec]:
        section = getattr(ctx.routes, self.section)
        return [PageSpec(ctx.routes.index(section), self.kind, None, self.title, self.description, in_nav=True)]

    def page(self, ctx: Context, spec: PageSpec, view: Any, toc: list[TocItem] | None = None) -> RenderedPage:
        html = ctx.template(self.kind, spec, ctx.links(spec.src), view)
        return RenderedPage(html, toc or [], summary_search_html(spec.title, spec.description))


@dataclass
class PersonasView:
    """What ``cjm/personas.html`` receives."""

    cards: list[PersonaCard]


class PersonasIndex(_Index):
    kind, section, title = "personas", "personas", "Personas"
    description = "Who our customers are, and every journey of each."

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        links = ctx.links(spec.src)
        cards = [persona_card(ctx, x, links) for x in ctx.portfolio.sorted_personas()]
        return self.page(ctx, spec, PersonasView(cards))

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        p = ctx.portfolio
        return (
            people_inputs(ctx)[0],
            tuple((x, tuple(m.model.type for m in p.maps_by_persona.get(x, []))) for x in p.personas),
        )


@dataclass
class JourneysView:
    """What ``cjm/journeys.html`` receives: the maps of this page grouped by type, in the
    gallery's order."""

    groups: list[tuple[MapTypeInfo, list[MapCard]]]
    sections: list[TocItem]
    """The page's sections, listed in a bar under its header (the page has no sidebars)."""
    pager: Pager | None
    """Links to the listing's other pages (None when every map is on this one)."""
    listing: ListingData
    """What the filters' script reads: where every map is listed, and how many there are."""


def _listed_maps(ctx: Context) -> list[MapEntry]:
    """Every map in the journeys index's order: by type, then in reading order."""
    by_type = ctx.portfolio.maps_by_type
    return [m for kind in MAP_TYPES for m in by_type.get(kind, [])]


class JourneysIndex(_Index):
    kind, section, title = "journeys", "journeys", "Journeys"
    description = "Every journey map of the portfolio, by type."

    def specs(self, ctx: Context) -> list[PageSpec]:
        section = getattr(ctx.routes, self.section)
        total = len(ctx.portfolio.maps)
        return page_specs(self.kind, section, self.title, self.description, total, ctx.options.listing_page_size)

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        links, size, section = ctx.links(spec.src), ctx.options.listing_page_size, ctx.routes.journeys
        maps = ctx.once("journeys", lambda: _listed_maps(ctx))
        shown = page_slice(maps, spec, size)
        groups = [
            (info, [map_card(ctx, m, links) for m in shown if m.model.type is kind]) for kind, info in MAP_TYPES.items()
        ]
        toc = [TocItem(info.plural, info.key) for info, cards in groups if cards]
        view = JourneysView(
            groups,
            toc,
            pager(spec, links, section, len(maps), size),
            listing_data(ctx, spec, self.kind, section, len(maps)),
        )
        return self.page(ctx, spec, view, toc)

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        return (*people_inputs(ctx), cards_inputs(ctx, ctx.portfolio.sorted_maps()))


@dataclass
class OwnerRow:
    entry: OwnerEntry
    url: str | None
    open: int
    """Opportunities neither done nor dropped."""
    total: int
    maps: int
    stages: int
    team: Link | None


@dataclass
class OwnersView:
    """What ``cjm/owners.html`` receives."""

    rows: list[OwnerRow]


class OwnersIndex(_Index):
    kind, section, title = "owners", "owners", "Owners"
    description = "The teams and people who own maps, stages and opportunities."

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        p, links = ctx.portfolio, ctx.links(spec.src)
        rows = []
        for owner in p.sorted_owners():
            opps = p.opportunities_by_owner.get(owner.id, [])
            rows.append(
                OwnerRow(
                    owner,
                    links.owner(owner.id),
                    sum(1 for r in opps if r.opportunity.status not in _CLOSED),
                    len(opps),
                    len(p.maps_by_owner.get(owner.id, [])),
                    len(p.stages_by_owner.get(owner.id, [])),
                    links.owner_link(owner.model.team) if owner.model.team else None,
                )
            )
        return self.page(ctx, spec, OwnersView(rows))

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        p = ctx.portfolio

        def counts(o: str) -> tuple[int, ...]:
            opps = p.opportunities_by_owner.get(o, [])
            return (
                len(opps),
                len(p.maps_by_owner.get(o, [])),
                len(p.stages_by_owner.get(o, [])),
                sum(1 for r in opps if r.opportunity.status in _CLOSED),
            )

        return (people_inputs(ctx)[1], tuple((o, counts(o)) for o in p.owners))


@dataclass
class OpportunitiesView:
    """What ``cjm/opportunities.html`` receives: the opportunities of this page, most active
    first, and how many the portfolio has of each status."""

    rows: list[OpportunityRow]
    counts: list[tuple[OpportunityStatus, int]]
    pager: Pager | None
    """Links to the listing's other pages (None when every opportunity is on this one)."""
    listing: ListingData
    """What the filters' script reads: where every opportunity is listed, and how many there are."""
    matrix: list[QuadrantCount]
    """The value × effort quadrants (then "Not sized"), each with its count across the portfolio and
    a link to the listing filtered by it."""


def _opportunities_in_order(ctx: Context) -> tuple[list[OpportunityRef], Counter[OpportunityStatus]]:
    """Every opportunity in the listing's order, and how many there are of each status."""
    refs = sorted(ctx.portfolio.opportunities.values(), key=opportunity_order)
    return refs, Counter(r.opportunity.status for r in refs)


class OpportunitiesIndex(_Index):
    kind, section, title = "opportunities", "opportunities", "Opportunities"
    description = "Every improvement opportunity, with its owner and status."

    def specs(self, ctx: Context) -> list[PageSpec]:
        section = getattr(ctx.routes, self.section)
        total = len(ctx.portfolio.opportunities)
        return page_specs(self.kind, section, self.title, self.description, total, ctx.options.listing_page_size)

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        links, size, section = ctx.links(spec.src), ctx.options.listing_page_size, ctx.routes.opportunities
        refs, counts = ctx.once("opportunities", lambda: _opportunities_in_order(ctx))
        view = OpportunitiesView(
            [opportunity_row(r, links) for r in page_slice(refs, spec, size)],
            [(s, counts.get(s, 0)) for s in STATUS_ORDER],
            pager(spec, links, section, len(refs), size),
            listing_data(ctx, spec, self.kind, section, len(refs)),
            quadrant_counts(
                ctx.once("quadrants", lambda: count_quadrants(r.opportunity for r in refs)), links, section
            ),
        )
        return self.page(ctx, spec, view)

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        return (*people_inputs(ctx), cards_inputs(ctx, ctx.portfolio.sorted_maps()))
