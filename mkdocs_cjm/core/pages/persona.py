"""The persona page: a profile, then every journey of the persona in reading order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..assembly.entries import PersonaEntry
from ..models import Persona
from ..render.links import Avatar, Link
from .base import Context, PageKind, PageSpec, RenderedPage, TocItem
from .cards import MapCard, cards_inputs, map_card
from .more import More, capped, listing, more

SECTIONS = {"profile", "journeys", "goals", "needs", "frustrations", "channels", "about"}
"""Ids of the page's own sections, which headings of the persona's narrative may not take."""


@dataclass
class PersonaView:
    """What ``cjm/persona.html`` receives."""

    persona: PersonaEntry
    model: Persona
    narrative: Markup
    """The Markdown body of the persona file."""
    maps: list[MapCard]
    """The persona's maps, in reading order."""
    owner: Link
    """Who keeps the persona up to date (empty text when nobody does)."""
    edit_href: str | None
    avatar: Avatar
    more: More | None = None
    """Past the site's ``list_limit``: how many journeys the persona has, and the journeys listing of them."""


class PersonaPage(PageKind):
    kind = "persona"

    def specs(self, ctx: Context) -> list[PageSpec]:
        return [
            PageSpec(
                ctx.routes.persona(p.id),
                self.kind,
                p.id,
                p.model.name,
                p.model.role or "",
                ("Persona",),
                source=p.source.path,
            )
            for p in ctx.portfolio.sorted_personas()
        ]

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        persona = ctx.portfolio.personas[spec.key or ""]
        links = ctx.links(spec.src)
        narrative = ctx.narrative(persona.source, links, SECTIONS | {"top"})
        maps, limit = ctx.portfolio.maps_by_persona.get(persona.id, []), ctx.options.list_limit
        url = listing(links, ctx.routes.journeys, persona=persona.id)
        view = PersonaView(
            persona,
            persona.model,
            narrative.html,
            [map_card(ctx, m, links, persona.id) for m in capped(maps, limit)],
            links.owner_link(persona.model.owner),
            edit_url,
            links.avatar(persona.id),
            more(len(maps), limit, f"All {len(maps)} journeys of {persona.model.name}", url),
        )
        toc = [TocItem("Profile", "profile", children=narrative.toc), TocItem("Journeys", "journeys")]
        return RenderedPage(ctx.template("persona", spec, links, view), toc, problems=narrative.problems)

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        p = ctx.portfolio
        persona = p.personas[spec.key or ""]
        owners = ctx.people[1]
        return (persona.model, persona.source, owners, cards_inputs(ctx, p.maps_by_persona.get(persona.id, [])))
