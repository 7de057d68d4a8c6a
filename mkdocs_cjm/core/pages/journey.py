"""The journey page: one map as a grid with its emotion curve, chart, KPIs and opportunities.

Its search text is built from the same view, stage by stage: the grid puts a stage's content
in one column of many rows, so the page's HTML cannot be split into per-stage sections by
headings. The search index gets the same text arranged stage by stage, each section anchored
on its stage's column header, plus a section per opportunity. Chart data is not part of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape
from typing import Any, NamedTuple

from markupsafe import Markup

from ..assembly.entries import MapEntry, OpportunityRef, opportunities_of
from ..assembly.portfolio import Portfolio, ReviewState
from ..backlogs import BacklogLink
from ..compare import Comparison, compare
from ..evidence import MapEvidence
from ..history.history import MapHistory
from ..maptypes import MAP_TYPES, MapTypeInfo
from ..models import JourneyMap, Opportunity, Scale, Stage
from ..problems import Problem
from ..render.chart import PLOTLY_ASSET, Chart, build_chart
from ..render.grid import (
    ZOOM_ROW,
    Grid,
    GridRow,
    ItemCell,
    KpiCell,
    StepCell,
    build_grid,
    kpi_cell,
    step_score_text,
    zoom_row,
)
from ..render.links import Avatar, Link, Links
from ..render.markdown import LinkResolver
from ..sizing import QUADRANTS, Quadrant, quadrant
from .base import Context, PageKind, PageSpec, RenderedPage, TocItem, broken_link
from .evidence import SourceView, map_sources, share_text, source_anchor
from .matrix import Matrix, opportunity_matrix
from .more import listing

SECTIONS = {
    "journey",
    "sentiment",
    "kpis",
    "value-effort",
    "opportunities",
    "evidence",
    "about",
    "realises",
    "compare",
    "changes",
}
PAGE_IDS = {"top", "cjm-grid", "cjm-chart-summary", *(f"cjm-matrix-{q.key}" for q in QUADRANTS), "cjm-matrix-not-sized"}
"""Ids of other parts of the page (the title, the grid, the chart's summary)."""
"""Ids of the page's own sections, which headings of the map's narrative may not take."""


@dataclass
class OpportunityView:
    """An opportunity card on the journey page."""

    opp: Opportunity
    stage: Stage
    stage_anchor: str
    owner: Link
    description: Markup | None
    pain: Markup | None
    """The text of the negative moment it addresses."""
    backlog: BacklogLink | None = None

    @property
    def quadrant(self) -> Quadrant | None:
        """Where its impact and effort place it in the value × effort matrix (None: not sized)."""
        return quadrant(self.opp.impact, self.opp.effort)


class StageKpis(NamedTuple):
    """The KPIs of one stage, for the KPI table."""

    stage: Stage
    sid: str
    rows: list[KpiCell]


class Level(NamedTuple):
    """A stage above the map in the breadcrumb of zoom levels: its map and the stage itself."""

    map: Link
    stage: Link


class Realised(NamedTuple):
    """An opportunity a future state delivers (``ref`` is None when it is not in the portfolio)."""

    ident: str
    ref: OpportunityRef | None
    url: str | None


@dataclass
class JourneyView:
    """What ``cjm/journey.html`` (and the grid and chart it includes) receives."""

    entry: MapEntry
    model: JourneyMap
    info: MapTypeInfo
    grid: Grid
    chart: Chart | None
    preview: bool
    """A preview in the template gallery: no chart, no links into the page."""
    review: ReviewState
    personas: list[Link]
    avatars: list[Avatar]
    """The personas' faces, in the colours this map gives them."""
    owner: Link
    improves: MapEntry | None
    improves_url: str | None
    levels: list[Level]
    """The stages above this map (zoom levels), from the top level down: its breadcrumb."""
    futures: list[tuple[MapEntry, str | None, Comparison]]
    """The future states that improve this map, each with its link and its comparison."""
    comparison: Comparison | None
    """A future state against the current state it improves, stage by stage."""
    realises: list[Realised]
    opportunities: list[OpportunityView]
    kpis: list[StageKpis]
    matrix: Matrix[OpportunityView] | None
    """The opportunities in the value × effort quadrants (None: none is sized)."""
    step_score: Callable[[Any], str]
    """A step's score as text ('−1', or 'Priya −1, Ava +2')."""
    scale: Scale
    plotly_src: str
    narrative: Markup = field(default_factory=Markup)
    edit_href: str | None = None
    sections: list[TocItem] = field(default_factory=list)
    """The page's sections, for the section bar under its header (the page's table of contents)."""
    tag_links: dict[str, str] = field(default_factory=dict)
    """The map's tags too common for Material's tags index (:func:`.more.limit_tags`), each
    linked to the journeys listing filtered by it."""
    history: MapHistory | None = None
    """The map's Changes section (None: the ``history`` option is off, or a gallery preview)."""
    evidence: MapEvidence | None = None
    """The map's sources and how each of its parts is backed (None in a gallery preview)."""
    sources: list[SourceView] = field(default_factory=list)
    """The map's sources as its evidence section lists them, each with what it supports."""
    evidence_share: str = ""
    """How much of the map cites research: ``14 of 38 items (37%)``."""


def journey_view(ctx: Context, entry: MapEntry, links: Links, *, preview: bool = False) -> JourneyView:
    """Everything the journey templates need about one map."""
    p, model = ctx.portfolio, entry.model
    resolve = links.resolver(entry.source.path, ctx.content_pages)
    names = {x: links.persona_name(x) for x in model.personas}
    opps = [_opportunity(ctx, ref, links) for ref in opportunities_of(entry)]
    evidence = None if preview else p.map_evidence(entry)
    return JourneyView(
        entry=entry,
        model=model,
        info=MAP_TYPES[model.type],
        grid=_grid(ctx, entry, links, resolve, preview, evidence),
        chart=build_chart(entry, p) if ctx.options.charts and not preview else None,
        preview=preview,
        review=p.review_state(entry),
        personas=[links.persona_link(x) for x in model.personas],
        avatars=[links.avatar(x, slot) for x, slot in p.persona_slots(model.personas).items()],
        owner=links.owner_link(model.owner),
        improves=p.maps.get(model.improves or ""),
        improves_url=links.journey(model.improves),
        levels=[] if preview else _levels(p, entry, links),
        futures=[(m, links.journey(m.id), _compare(ctx, entry, m)) for m in p.futures_by_current.get(entry.id, [])],
        comparison=_compare(ctx, p.maps[model.improves], entry) if model.improves in p.maps else None,
        realises=[Realised(x, p.opportunities.get(x), links.opportunity(x)) for x in model.realises],
        opportunities=opps,
        matrix=opportunity_matrix(opps, (o.opp for o in opps)),
        kpis=[
            StageKpis(stage, entry.stage_ids[i], [kpi_cell(k, evidence) for k in stage.kpis])
            for i, stage in enumerate(model.stages)
            if stage.kpis
        ],
        step_score=lambda value: step_score_text(model.scale, value, names),
        scale=model.scale,
        plotly_src=ctx.options.plotly_url or links.asset(PLOTLY_ASSET),
        history=_history(ctx, entry) if not preview else None,
        evidence=evidence,
        sources=map_sources(ctx, entry, evidence, links) if evidence else [],
        evidence_share=share_text(evidence) if evidence and evidence.total else "",
    )


def _grid(
    ctx: Context, entry: MapEntry, links: Links, resolve: LinkResolver, preview: bool, evidence: MapEvidence | None
) -> Grid:
    """The map's grid, with a row of links down to the maps that detail its stages (not in a
    preview, whose map is no map of the site), and each part's evidence."""
    grid = build_grid(entry, links, ctx.md, resolve, ctx.portfolio.persona_slots(entry.model.personas), evidence)
    zoom = None if preview else zoom_row(entry, links)
    if zoom is not None:
        grid.rows.insert(0, zoom)
    return grid


def _levels(p: Portfolio, entry: MapEntry, links: Links) -> list[Level]:
    return [
        Level(Link(ref.map.model.title, links.journey(ref.map.id)), Link(ref.stage.name, links.stage(ref.map.id, i)))
        for ref in p.levels(entry)
        for i in [ref.stage_index]
    ]


def _history(ctx: Context, entry: MapEntry) -> MapHistory | None:
    return ctx.history.of(entry.source.path, entry.model, entry.source.body) if ctx.history is not None else None


def _opportunity(ctx: Context, ref: OpportunityRef, links: Links) -> OpportunityView:
    opp, model, source = ref.opportunity, ref.map.model, ref.map.source.path
    pain = next((it for s in model.stages for it in s.items("negatives") if it.id and it.id == opp.addresses), None)
    return OpportunityView(
        opp,
        ref.stage,
        f"stage-{ref.map.stage_ids[ref.stage_index]}",
        links.owner_link(ref.owner),
        ctx.inline(opp.description, links, source) if opp.description else None,
        ctx.inline(pain.text, links, source) if pain else None,
        ref.backlog,
    )


def _compare(ctx: Context, current: MapEntry, future: MapEntry) -> Comparison:
    p = ctx.portfolio
    return compare(current, future, [p.opportunities[x] for x in future.model.realises if x in p.opportunities])


class JourneyPage(PageKind):
    kind = "journey"

    def specs(self, ctx: Context) -> list[PageSpec]:
        specs = []
        for entry in ctx.portfolio.sorted_maps():
            m = entry.model
            tags = (*[ctx.portfolio.persona_name(x) for x in m.personas], MAP_TYPES[m.type].title, *m.tags)
            specs.append(
                PageSpec(
                    ctx.routes.journey(entry.id),
                    self.kind,
                    entry.id,
                    m.title,
                    m.summary or m.scenario,
                    tuple(dict.fromkeys(tags)),
                    source=entry.source.path,
                )
            )
        return specs

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        entry = ctx.portfolio.maps[spec.key or ""]
        links = ctx.links(spec.src)
        view = journey_view(ctx, entry, links)
        used = SECTIONS | {f"stage-{s}" for s in entry.stage_ids} | _item_ids(view)
        used |= {f"{o.opp.id}{end}" for o in view.opportunities for end in ("", "-title")}
        used |= {source_anchor(s.id) for s in view.sources}
        narrative = ctx.narrative(entry.source, links, used)
        view.narrative, view.edit_href = narrative.html, edit_url
        journeys = ctx.routes.journeys
        view.tag_links = {t: listing(links, journeys, tag=t) for t in entry.model.tags if t not in spec.tags}
        view.sections = _toc(view, narrative.toc)
        html = ctx.template("journey", spec, links, view)
        problems = [*inline_link_problems(ctx, entry, links), *narrative.problems]
        return RenderedPage(html, view.sections, search_html(view, spec.title), problems)

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        p = ctx.portfolio
        entry = p.maps[spec.key or ""]
        m = entry.model
        related = [p.maps[m.improves]] if m.improves in p.maps else []
        related += p.futures_by_current.get(entry.id, [])
        related += [p.opportunities[x].map for x in m.realises if x in p.opportunities]
        related += [ref.map for ref in p.levels(entry)]  # the breadcrumb names them and their stages
        related += [d for i in range(len(m.stages)) for d in p.details.get((entry.id, i), [])]
        personas = tuple((x, p.personas[x].model if x in p.personas else None) for x in m.personas)
        owners = ctx.people[1]
        related_maps = tuple((r.id, r.model) for r in related)
        cited = tuple(
            (x, p.evidence[x].model) for c in p.map_evidence(entry).claims for x in c.backing.sources if x in p.evidence
        )
        return (m, entry.source, personas, p.persona_order, owners, related_maps, cited, _history(ctx, entry))


def _inline_texts(entry: MapEntry) -> Iterator[tuple[tuple[object, ...], str]]:
    """Every short Markdown text of a map the page shows, with where it sits in the file."""
    item_lanes = [row.key for row in entry.lanes.item_rows()]
    for i, stage in enumerate(entry.model.stages):
        at: tuple[object, ...] = ("stages", i)
        if stage.description:
            yield (*at, "description"), stage.description
        for j, step in enumerate(stage.steps):
            yield (*at, "steps", j, "title"), step.title
            if step.description:
                yield (*at, "steps", j, "description"), step.description
        for key in item_lanes:
            yield from (((*at, key, j, "text"), item.text) for j, item in enumerate(stage.items(key)))
        for j, opp in enumerate(stage.opportunities):
            if opp.description:
                yield (*at, "opportunities", j, "description"), opp.description


def inline_link_problems(ctx: Context, entry: MapEntry, links: Links) -> list[Problem]:
    """Links in a map's lane items, steps and descriptions that point nowhere: reported like
    the links of its narrative, where the text is written (the page shows their text)."""
    resolve = links.resolver(entry.source.path, ctx.content_pages)
    problems = []
    for path, text in _inline_texts(entry):
        if "]" not in text:  # no link without a bracket
            continue
        broken: list[str] = []
        ctx.md.inline(text, resolve, broken)
        doc = entry.source.doc
        line, column = doc.where(path) if doc is not None else (entry.source.line, 1)
        problems += [
            broken_link(entry.source.path, line, column, href, ctx.portfolio.drafts_left_out) for href in broken
        ]
    return problems


def _item_ids(view: JourneyView) -> set[str]:
    """The ids the page gives its own parts and the grid's steps and items: a heading of the
    narrative takes none of them."""
    cells = (x for row in view.grid.rows for cell in getattr(row, "cells", ()) if isinstance(cell, list) for x in cell)
    return PAGE_IDS | {x.id for x in cells if isinstance(x, (StepCell, ItemCell)) and x.id}


def _toc(view: JourneyView, narrative: list[TocItem]) -> list[TocItem]:
    # The map first: the narrative (About this map) follows the grid, so the grid opens the page.
    toc = [TocItem("Journey", "journey")]
    if view.narrative:
        toc.append(TocItem("About this map", "about", children=narrative))
    sections = [
        (view.chart, "Sentiment", "sentiment"),
        (view.kpis, "KPIs", "kpis"),
        (view.matrix, "Value × effort", "value-effort"),
        (view.opportunities, "Opportunities", "opportunities"),
        (view.comparison, "Before and after", "compare"),
        (view.realises, "What it delivers", "realises"),
        (view.sources or view.model.evidence, "Research evidence", "evidence"),
        (view.history, "Changes", "changes"),
    ]
    return toc + [TocItem(title, ident) for present, title, ident in sections if present]


def search_html(view: JourneyView, title: str) -> str:
    """The journey page as the search index sees it: an introduction, then a section per stage
    (anchored on its column of the grid) and per opportunity."""
    parts = [f'<h1 id="top">{escape(title)}</h1>', "<p>" + escape(" ".join(_intro(view))) + "</p>"]
    for i, column in enumerate(view.grid.columns):
        heading = column.name + (f" ({column.time})" if column.time else "")
        parts.append(f'<h2 id="{escape(column.anchor)}">{escape(heading)}</h2>')
        if column.description:
            parts.append(f"<p>{column.description}</p>")
        items = [text for row in view.grid.rows for text in _cell_text(row, i)]
        if items:
            parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
    for o in view.opportunities:
        opp = o.opp
        parts.append(f'<h3 id="{escape(opp.id)}">{escape(opp.id)}: {escape(opp.title)}</h3>')
        text = f"Opportunity in stage {o.stage.name}, owned by {o.owner.text}, {opp.status.title.lower()}."
        if o.quadrant:
            text += f" {o.quadrant.one}: impact {opp.impact}, effort {opp.effort}."
        if o.backlog:
            text += f" Backlog item: {o.backlog.label}."
        parts.append("<p>" + escape(text) + (f" {o.description}" if o.description else "") + "</p>")
    return "\n".join(parts)


def _intro(view: JourneyView) -> list[str]:
    model = view.model
    personas = ", ".join(p.text for p in view.personas)
    intro = [f"{view.info.title} map of {personas}.", f"Scenario: {model.scenario}"]
    if model.goal:
        intro.append(f"Goal: {model.goal}")
    if view.levels:
        intro.append("Part of: " + " › ".join(f"{level.map.text}, {level.stage.text}" for level in view.levels) + ".")
    intro.append(f"Owner: {view.owner.text}.")
    if model.tags:
        intro.append("Tags: " + ", ".join(model.tags) + ".")
    return intro


def _cell_text(row: GridRow, i: int) -> list[str]:
    """What one cell of the grid says, as HTML snippets for the search index."""
    cell = row.cells[i] if row.cells else None
    if not cell:
        return []
    if row.kind == "steps":
        return [f"{s.title}" + (f": {s.description}" if s.description else "") for s in cell]
    if row.kind == "items":
        return [str(item.html) for item in cell]
    if row.kind == "kpis":
        return [escape(f"{k.kpi.name} {k.value} (target {k.target})".replace(" (target )", "")) for k in cell]
    if row.kind == ZOOM_ROW:
        return [escape(f"Zoom in: {link.text}") for link in cell]
    if row.kind == "owner":
        return [escape(f"Stage owner: {cell.text}")]
    if row.kind == "opportunities":
        return [escape(f"{opp.id}: {opp.title}") for opp in cell]
    return []
