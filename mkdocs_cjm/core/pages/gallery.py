"""The template gallery: an index of the four map types, and a page per type with its lanes,
a preview built from its starter file, and the starter to copy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from markupsafe import Markup

from ..assembly.entries import MapEntry
from ..lanes import resolve_lanes
from ..maptypes import MAP_TYPES, MapType, MapTypeInfo
from ..models import MapStatus
from ..starters import EXTRA_STARTERS, Starter
from .base import Context, PageKind, PageSpec, RenderedPage, TocItem
from .cards import MapCard, cards_inputs, map_card, people_inputs
from .journey import JourneyView, journey_view
from .more import More, listing, more


class TemplateCard(NamedTuple):
    info: MapTypeInfo
    url: str
    map_count: int
    """How many maps of the portfolio use the template."""


@dataclass
class TemplatesView:
    """What ``cjm/templates.html`` receives."""

    cards: list[TemplateCard]
    extras: list[tuple[str, str]]
    """The other starter files (persona, owners) and where to download them."""


class TemplatesIndex(PageKind):
    kind = "templates"

    def specs(self, ctx: Context) -> list[PageSpec]:
        return [
            PageSpec(
                ctx.routes.index(ctx.routes.templates),
                self.kind,
                None,
                "Template gallery",
                "Starters for each kind of journey map.",
                in_nav=True,
            )
        ]

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        links = ctx.links(spec.src)
        cards = [
            TemplateCard(info, links.template(kind.value), len(ctx.portfolio.maps_by_type.get(kind, [])))
            for kind, info in MAP_TYPES.items()
        ]
        extras = [(name, links.asset(f"starters/{ctx.options.starter_file(name)}")) for name in EXTRA_STARTERS]
        return RenderedPage(ctx.template("templates", spec, links, TemplatesView(cards, extras)), [])

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        return (tuple((k, len(v)) for k, v in ctx.portfolio.maps_by_type.items()),)


class LaneInfo(NamedTuple):
    """A lane as the gallery lists it: its title on maps of this type, its prompt, its key."""

    title: str
    prompt: str
    key: str


@dataclass
class TemplateView:
    """What ``cjm/template.html`` receives."""

    info: MapTypeInfo
    starter: Starter | None
    preview: JourneyView | None
    """The starter drawn as a map (without chart)."""
    lanes: list[LaneInfo]
    download: str | None
    highlighted: Markup
    """The starter file, syntax-highlighted."""
    maps: list[MapCard]
    """Every map of this type; past the site's ``list_limit``, that many examples (:func:`examples`)."""
    sections: list[TocItem]
    """The page's sections, for the section bar under its header (the page's table of contents)."""
    more: More | None = None
    """When ``maps`` are examples: how many maps use the template, and the journeys listing of them."""


class TemplatePage(PageKind):
    kind = "template"

    def specs(self, ctx: Context) -> list[PageSpec]:
        return [
            PageSpec(ctx.routes.template(kind.value), self.kind, kind.value, info.title, info.summary, in_nav=True)
            for kind, info in MAP_TYPES.items()
        ]

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        kind = MapType(spec.key)
        links = ctx.links(spec.src)
        starter = ctx.starters.get(kind)
        entry = starter.entry if starter else None
        view = TemplateView(
            MAP_TYPES[kind],
            starter,
            journey_view(ctx, entry, links, preview=True) if entry else None,
            _lanes(ctx, kind, starter),
            links.asset(f"starters/{ctx.options.starter_file(starter.filename)}") if starter else None,
            _highlight_yaml(starter.text) if starter else Markup(""),
            [map_card(ctx, m, links) for m in examples(ctx, kind)],
            [
                TocItem("When to use it", "when"),
                TocItem("Stages and lanes", "lanes"),
                TocItem("Preview", "preview"),
                TocItem("Starter file", "starter"),
                TocItem("Maps using this template", "maps"),
            ],
        )
        total = len(ctx.portfolio.maps_by_type.get(kind, []))
        url = listing(links, ctx.routes.journeys, type=kind.value)
        view.more = more(total, ctx.options.list_limit, f"All {total} {kind.value} maps", url)
        return RenderedPage(ctx.template("template", spec, links, view), view.sections)

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        kind = MapType(spec.key)
        starter = ctx.starters.get(kind)
        return (
            *people_inputs(ctx),
            cards_inputs(ctx, ctx.portfolio.maps_by_type.get(kind, [])),
            starter.text if starter else None,
        )


def examples(ctx: Context, kind: MapType) -> list[MapEntry]:
    """The maps a template's page lists: all of them, in reading order, up to the site's
    ``list_limit``; past it, that many examples: published maps first, the most recently
    reviewed first."""
    maps = ctx.portfolio.maps_by_type.get(kind, [])
    limit = ctx.options.list_limit
    if len(maps) <= limit:
        return list(maps)

    def key(m: MapEntry) -> tuple[object, ...]:
        reviewed = m.model.reviewed.toordinal() if m.model.reviewed else 0
        return (m.model.status != MapStatus.PUBLISHED, -reviewed, m.model.title.lower(), m.id)

    return sorted(maps, key=key)[:limit]


def _lanes(ctx: Context, kind: MapType, starter: Starter | None) -> list[LaneInfo]:
    """The lanes of the type as its maps show them: the starter's rows (with the site's and the
    starter's own lane changes), or the type's rows when there is no starter."""
    rows = starter.entry.lanes if starter and starter.entry else resolve_lanes(kind, {}, ctx.site_lanes)
    return [LaneInfo(row.title, row.prompt, row.key) for row in rows.values()]


def _highlight_yaml(text: str) -> Markup:
    """Syntax-highlighted YAML in the markup Material styles (Pygments classes)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import YamlLexer

    body = highlight(text, YamlLexer(), HtmlFormatter(nowrap=True))
    return Markup(f'<div class="language-yaml highlight"><pre><span></span><code>{body}</code></pre></div>')
