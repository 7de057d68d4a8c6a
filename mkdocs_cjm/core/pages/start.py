"""Start here: a reading path through the portfolio for someone new to it.

The personas come in their declared order (:meth:`Portfolio.sorted_personas`). For each, the
path starts with the persona's own page, then their maps in the portfolio's reading order
(:meth:`Portfolio.reading_key`: day in the life, current state, future state, service
blueprint), each with how long it takes to read. A persona with many maps gets at most
:data:`PATH_MAPS` of them (:func:`reading_path` says which); their persona page lists the rest.
The path is split into pages of :data:`PERSONAS_PER_PAGE` personas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..assembly.entries import MapEntry, PersonaEntry
from ..assembly.portfolio import Portfolio
from ..maptypes import MAP_TYPES, MapTypeInfo
from ..models import MapStatus
from ..render.links import Avatar, Links
from ..text import READING_WPM
from .base import Context, PageKind, PageSpec, RenderedPage, TocItem
from .cards import summary_search_html

PATH_MAPS = 5
"""The most maps a persona's path lists."""
PERSONAS_PER_PAGE = 25
"""How many personas' paths one page of the path shows."""


def _central(p: Portfolio, entry: MapEntry) -> tuple[object, ...]:
    """Which of a persona's maps to read first when there are too many: published before
    drafts, then the current states that most future states improve, then the most recently
    reviewed, then reading order."""
    reviewed = entry.model.reviewed.toordinal() if entry.model.reviewed else 0
    return (
        entry.model.status is not MapStatus.PUBLISHED,
        -len(p.futures_by_current.get(entry.id, [])),
        -reviewed,
        p.reading_key(entry),
    )


def reading_path(p: Portfolio, persona: str, limit: int = PATH_MAPS) -> list[MapEntry]:
    """The persona's maps to read, in reading order; archived maps are left out. With more than
    ``limit``, the most central map (:func:`_central`) of each type first, then the most central
    of the others, up to ``limit``."""
    maps = [m for m in p.maps_by_persona.get(persona, []) if m.model.status is not MapStatus.ARCHIVED]
    if len(maps) <= limit:
        return maps
    ranked = sorted(maps, key=lambda m: _central(p, m))
    chosen: list[MapEntry] = []
    for kind in sorted(MAP_TYPES, key=lambda k: MAP_TYPES[k].reading_order):
        chosen += [m for m in ranked if m.model.type is kind][:1]
    chosen += [m for m in ranked if m not in chosen]
    kept = {m.id for m in chosen[:limit]}
    return [m for m in maps if m.id in kept]


@dataclass
class PathStep:
    """A page to read, and how long it takes."""

    title: str
    url: str | None
    minutes: int
    info: MapTypeInfo | None
    """The map's type (None: the persona's own page)."""
    summary: str


@dataclass
class PersonaPath:
    anchor: str
    name: str
    role: str
    avatar: Avatar
    steps: list[PathStep]
    minutes: int
    more: int
    """The persona's maps that are not in the path (archived ones included)."""
    url: str | None


def persona_path(ctx: Context, persona: PersonaEntry, links: Links) -> PersonaPath:
    p = ctx.portfolio
    maps = reading_path(p, persona.id)
    steps = [PathStep(f"Meet {persona.model.name}", links.persona(persona.id), persona.reading_minutes, None, "")]
    steps += [
        PathStep(
            m.model.title,
            links.journey(m.id),
            m.reading_minutes,
            MAP_TYPES[m.model.type],
            m.model.summary or m.model.scenario,
        )
        for m in maps
    ]
    return PersonaPath(
        f"path-{persona.id}",
        persona.model.name,
        persona.model.role or "",
        links.avatar(persona.id),
        steps,
        sum(s.minutes for s in steps),
        len(p.maps_by_persona.get(persona.id, [])) - len(maps),
        links.persona(persona.id),
    )


@dataclass
class StartView:
    """What ``cjm/start.html`` receives: one page of the reading path."""

    paths: list[PersonaPath]
    page: int
    pages: list[str]
    """The URL of every page of the path, in order."""
    total: int
    """How many personas the whole path has."""
    path_maps: int
    wpm: int
    insights: str


class StartPage(PageKind):
    kind = "start"
    title = "Start here"
    description = "New to the portfolio? Meet each persona, then read their journeys in this order."

    def specs(self, ctx: Context) -> list[PageSpec]:
        pages = max(1, -(-len(ctx.portfolio.personas) // PERSONAS_PER_PAGE))
        return [
            PageSpec(
                ctx.routes.paged(ctx.routes.start, k),
                self.kind,
                None if k == 1 else str(k),
                self.title if k == 1 else f"{self.title} ({k})",
                self.description,
                in_nav=k == 1,
                continues=k > 1,
            )
            for k in range(1, pages + 1)
        ]

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        page = int(spec.key or 1)
        p, links, routes = ctx.portfolio, ctx.links(spec.src), ctx.routes
        personas = p.sorted_personas()
        shown = personas[(page - 1) * PERSONAS_PER_PAGE : page * PERSONAS_PER_PAGE]
        paths = [persona_path(ctx, x, links) for x in shown]
        count = max(1, -(-len(personas) // PERSONAS_PER_PAGE))
        view = StartView(
            paths,
            page,
            [links.to(routes.paged(routes.start, k)) for k in range(1, count + 1)],
            len(personas),
            PATH_MAPS,
            READING_WPM,
            links.index(routes.insights),
        )
        toc = [TocItem(x.name, x.anchor) for x in paths]
        return RenderedPage(
            ctx.template(self.kind, spec, links, view), toc, summary_search_html(spec.title, spec.description)
        )

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        """What the page shows: its personas, and the maps of their paths."""
        p, page = ctx.portfolio, int(spec.key or 1)
        personas = p.sorted_personas()
        shown = personas[(page - 1) * PERSONAS_PER_PAGE : page * PERSONAS_PER_PAGE]

        def facts(m: MapEntry) -> tuple[Any, ...]:
            return m.id, m.model.title, m.model.summary, m.model.scenario, m.model.type, m.reading_minutes

        return (
            len(personas),
            tuple(
                (
                    x.id,
                    x.model,
                    x.reading_minutes,
                    len(p.maps_by_persona.get(x.id, [])),
                    tuple(map(facts, reading_path(p, x.id))),
                )
                for x in shown
            ),
        )
