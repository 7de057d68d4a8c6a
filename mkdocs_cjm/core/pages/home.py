"""The portfolio home page: counts, personas at a glance, recent reviews and overdue maps."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..assembly.entries import MapEntry
from ..assembly.portfolio import ReviewState
from ..maptypes import MAP_TYPES, MapTypeInfo
from ..models import OpportunityStatus
from .base import Context, PageKind, PageSpec, RenderedPage, TocItem
from .cards import (
    STATUS_ORDER,
    MapCard,
    PersonaCard,
    cards_inputs,
    map_card,
    people_inputs,
    persona_card,
    summary_search_html,
)
from .more import More, capped, listing, more

HOME_LIST = 10
"""How many maps the home page lists as overdue; the journeys index shows them all."""
RECENT = 6
"""How many recently reviewed maps the home page lists."""


class Counts(NamedTuple):
    personas: int
    maps: int
    opportunities: int
    owners: int


class Overdue(NamedTuple):
    card: MapCard
    state: ReviewState


@dataclass
class HomeView:
    """What ``cjm/home.html`` receives."""

    description: str
    counts: Counts
    personas: list[PersonaCard]
    type_counts: list[tuple[MapTypeInfo, int]]
    recent: list[MapCard]
    """The most recently reviewed maps."""
    overdue: list[Overdue]
    """The most overdue maps (at most ``HOME_LIST``)."""
    overdue_total: int
    status_counts: list[tuple[OpportunityStatus, int]]
    sections: list[TocItem]
    """The page's sections, listed in a bar under its header (the page has no sidebars)."""
    more: dict[str, More] = field(default_factory=dict)
    """The lists cut short (``personas`` at the site's ``list_limit``, ``overdue`` at
    ``HOME_LIST``): their full count and the listing that has them all."""


class HomePage(PageKind):
    kind = "home"

    def specs(self, ctx: Context) -> list[PageSpec]:
        o = ctx.options
        if not o.home:
            return []
        return [
            PageSpec(ctx.routes.home, self.kind, None, o.site_name or "Journey maps", o.site_description, in_nav=True)
        ]

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        p = ctx.portfolio
        links = ctx.links(spec.src)
        overdue, limit = _overdue(ctx), ctx.options.list_limit
        toc = [
            TocItem("Personas at a glance", "personas"),
            TocItem("Recently reviewed", "recently-reviewed"),
            TocItem("Overdue for review", "overdue"),
        ]
        status_counts = Counter(ref.opportunity.status for ref in p.opportunities.values())
        view = HomeView(
            ctx.options.site_description,
            Counts(len(p.personas), len(p.maps), len(p.opportunities), len(p.owners)),
            [persona_card(ctx, x, links) for x in capped(p.sorted_personas(), limit)],
            [(info, len(p.maps_by_type.get(kind, []))) for kind, info in MAP_TYPES.items()],
            [map_card(ctx, m, links) for m in _recent(ctx)],
            [Overdue(map_card(ctx, m, links), state) for m, state in overdue[:HOME_LIST]],
            len(overdue),
            [(s, status_counts.get(s, 0)) for s in STATUS_ORDER],
            toc,
        )
        cut = {
            "personas": more(
                len(p.personas), limit, f"All {len(p.personas)} personas", links.index(ctx.routes.personas)
            ),
            "overdue": more(
                len(overdue),
                HOME_LIST,
                f"All {len(overdue)} maps overdue for review",
                listing(links, ctx.routes.journeys, overdue="1"),
            ),
        }
        view.more = {key: value for key, value in cut.items() if value is not None}
        return RenderedPage(
            ctx.template("home", spec, links, view), toc, summary_search_html(spec.title, ctx.options.site_description)
        )

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        return (*people_inputs(ctx), cards_inputs(ctx, ctx.portfolio.sorted_maps()))


def _recent(ctx: Context) -> list[MapEntry]:
    reviewed = [m for m in ctx.portfolio.sorted_maps() if m.model.reviewed]
    return sorted(reviewed, key=lambda m: (-_ordinal(m), m.model.title.lower(), m.id))[:RECENT]


def _ordinal(entry: MapEntry) -> int:
    return entry.model.reviewed.toordinal() if entry.model.reviewed else 0


def _overdue(ctx: Context) -> list[tuple[MapEntry, ReviewState]]:
    p = ctx.portfolio
    states = [(m, p.review_state(m)) for m in p.sorted_maps()]
    return sorted([pair for pair in states if pair[1].overdue], key=lambda pair: (-pair[1].days_overdue, pair[0].id))
