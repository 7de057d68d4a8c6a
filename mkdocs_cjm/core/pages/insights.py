"""Portfolio insights: where customers hurt, who holds open work, where reviews lapse.

The insights page (``insights/``) summarises the whole portfolio in tables that stay small at
any size: an emotion heatmap with one row per persona (their maps' mean score per phase of
the journey), the lowest-scored moments, opportunity counts by owner and status and by
priority, and review health by owner. Each persona's full heatmap, a row per map and a cell
per stage linking to it, is a page of its own (``insights/<persona>/``), split into pages of
:data:`MAPS_PER_PAGE` maps. Scores of every map are put on one scale first
(:func:`~mkdocs_cjm.core.emotion.to_common`), so maps of different scales compare.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from statistics import fmean
from typing import Any
from urllib.parse import urlencode

from ..assembly.entries import MapEntry
from ..assembly.portfolio import Portfolio
from ..emotion import COMMON_SCALE, persona_stage_scores, stage_score, to_common
from ..maptypes import MAP_TYPES, MapTypeInfo
from ..models import MapStatus, OpportunityStatus, Priority
from ..render.curve import HEAT_LEGEND, heat
from ..render.links import Avatar, Link, Links
from .base import Context, PageKind, PageSpec, RenderedPage, TocItem
from .cards import STATUS_ORDER, cards_inputs, people_inputs, summary_search_html

PHASES = ("Start", "Early", "Middle", "Late", "End")
"""The phases of a journey the summary heatmap compares: stage ``i`` of ``n`` falls in phase
``i × 5 ÷ n`` (rounded down), so maps of any length line up from start to end."""
LOWEST = 10
"""How many of the portfolio's lowest-scored moments the page lists."""
TOP_OWNERS = 25
"""How many owners the counts tables list (those with the most open work or overdue reviews)."""
MAPS_PER_PAGE = 60
"""How many maps one page of a persona's heatmap shows."""
PRIORITIES = (Priority.HIGH, Priority.MEDIUM, Priority.LOW)
_CLOSED = (OpportunityStatus.DONE, OpportunityStatus.DROPPED)


@dataclass(frozen=True)
class HeatCell:
    """One cell of a heatmap: a score on the common scale, its text, colour step and link."""

    text: str
    level: str
    url: str | None = None
    stage: str = ""
    """The stage's name (cells of a persona's heatmap)."""


def heat_cell(score: float | None, url: str | None = None, stage: str = "") -> HeatCell:
    text = COMMON_SCALE.format(round(score, 1) + 0.0) if score is not None else "–"  # + 0.0: no "−0"
    return HeatCell(text, heat(COMMON_SCALE, score), url, stage)


@dataclass(frozen=True)
class Moment:
    """One persona's score at one stage of a map (``persona`` None: the map's shared score)."""

    entry: MapEntry
    stage_index: int
    persona: str | None
    score: float
    """On the map's own scale."""

    @property
    def common(self) -> float:
        return to_common(self.entry.model.scale, self.score)


def moments(entry: MapEntry) -> list[Moment]:
    """Every scored stage of a map, once per persona when its scores are per persona."""
    return [
        Moment(entry, i, who, score)
        for who, scores in persona_stage_scores(entry.model)
        for i, score in enumerate(scores)
        if score is not None
    ]


def persona_moments(entry: MapEntry, persona: str) -> list[Moment]:
    """The persona's own score at each stage of a map."""
    scored = ((i, stage_score(s, persona)) for i, s in enumerate(entry.model.stages))
    return [Moment(entry, i, persona, score) for i, score in scored if score is not None]


@dataclass
class PersonaHeat:
    """A persona's row of the summary heatmap."""

    name: str
    url: str | None
    """The persona's own heatmap."""
    maps: int
    phases: list[HeatCell]
    lowest: MomentRow | None


@dataclass
class MomentRow:
    """A moment as the page lists it."""

    cell: HeatCell
    own: str
    """The score on the map's own scale, and the scale ("−2 on −2..+2")."""
    stage: Link
    map: Link
    personas: list[Link]


def moment_row(m: Moment, links: Links) -> MomentRow:
    model = m.entry.model
    stage = model.stages[m.stage_index]
    scale = f"{model.scale.format(model.scale.min)}..{model.scale.format(model.scale.max)}"
    who = [m.persona] if m.persona else model.personas
    return MomentRow(
        heat_cell(m.common),
        f"{model.scale.format(m.score)} on {scale}",
        Link(stage.name, links.stage(m.entry.id, m.stage_index)),
        Link(model.title, links.journey(m.entry.id)),
        [links.persona_link(x) for x in who],
    )


def _order(p: Portfolio) -> dict[str, int]:
    return {m.id: i for i, m in enumerate(p.sorted_maps())}


def lowest_moments(p: Portfolio, count: int = LOWEST) -> list[Moment]:
    """The portfolio's lowest-scored moments on the common scale; ties in reading order."""
    order = _order(p)
    found = [m for entry in p.sorted_maps() for m in moments(entry)]
    return sorted(found, key=lambda m: (m.common, order[m.entry.id], m.stage_index, m.persona or ""))[:count]


def persona_heat(ctx: Context, persona: str, links: Links, order: dict[str, int]) -> PersonaHeat:
    """A persona's summary row: their maps' mean score per phase, and their lowest moment
    (``order``: each map's place in reading order, which settles ties)."""
    p = ctx.portfolio
    maps = p.maps_by_persona.get(persona, [])
    phases: dict[int, list[float]] = defaultdict(list)
    found: list[Moment] = []
    for entry in maps:
        count = len(entry.model.stages)
        for m in persona_moments(entry, persona):
            phases[m.stage_index * len(PHASES) // count].append(m.common)
            found.append(m)
    low = min(found, key=lambda m: (m.common, order[m.entry.id], m.stage_index), default=None)
    return PersonaHeat(
        p.persona_name(persona),
        links.to(ctx.routes.insights_persona(persona)) if maps else None,
        len(maps),
        [heat_cell(fmean(phases[i]) if phases[i] else None) for i in range(len(PHASES))],
        moment_row(low, links) if low else None,
    )


@dataclass
class Count:
    """A count and the filtered listing it links to (None: zero, or no listing filters it)."""

    value: int
    url: str | None


def count(value: int, base: str, **query: str) -> Count:
    return Count(value, f"{base}?{urlencode(query)}" if value else None)


@dataclass
class OwnerCounts:
    owner: Link
    cells: list[Count]
    open: int
    total: int


@dataclass
class ReviewHealth:
    owner: Link
    overdue: Count
    due_soon: int
    not_due: int


def owner_counts(ctx: Context, links: Links) -> tuple[list[OwnerCounts], int]:
    """The owners with the most open opportunities (at most TOP_OWNERS), and how many own any."""
    p = ctx.portfolio
    base = links.index(ctx.routes.opportunities)
    rank = {o.id: i for i, o in enumerate(p.sorted_owners())}
    rows = []
    for owner, refs in p.opportunities_by_owner.items():
        by_status = Counter(r.opportunity.status for r in refs)
        cells = [count(by_status[s], base, owner=owner, status=s.value) for s in STATUS_ORDER]
        open_ = sum(by_status[s] for s in STATUS_ORDER if s not in _CLOSED)
        rows.append((owner, OwnerCounts(links.owner_link(owner), cells, open_, len(refs))))
    rows.sort(key=lambda pair: (-pair[1].open, -pair[1].total, rank.get(pair[0], len(rank)), pair[0]))
    return [row for _, row in rows[:TOP_OWNERS]], len(rows)


def priority_counts(ctx: Context, links: Links) -> list[tuple[str, Count, int]]:
    """Per priority (and "none"): every opportunity linked to the listing so filtered, and the open ones."""
    refs = ctx.portfolio.opportunities.values()
    base = links.index(ctx.routes.opportunities)
    rows = []
    for prio in (*PRIORITIES, None):
        mine = [r for r in refs if r.opportunity.priority is prio]
        open_ = sum(1 for r in mine if r.opportunity.status not in _CLOSED)
        total = count(len(mine), base, priority=prio.value) if prio else Count(len(mine), None)
        rows.append((prio.value.capitalize() if prio else "No priority", total, open_))
    return rows


def review_health(ctx: Context, links: Links) -> tuple[list[ReviewHealth], int]:
    """Per map owner: maps overdue for review, due soon and not due (archived maps left out);
    the owners with the most overdue first (at most TOP_OWNERS), and how many owners there are."""
    p = ctx.portfolio
    base = links.index(ctx.routes.journeys)
    rank = {o.id: i for i, o in enumerate(p.sorted_owners())}
    rows = []
    for owner, maps in p.maps_by_owner.items():
        states = [p.review_state(m) for m in maps if m.model.status is not MapStatus.ARCHIVED]
        overdue = sum(1 for s in states if s.overdue)
        soon = sum(1 for s in states if s.due_soon(p.today, ctx.options.review_due_days))
        row = ReviewHealth(links.owner_link(owner), count(overdue, base, owner=owner, overdue="1"), soon, 0)
        row.not_due = len(states) - overdue - soon
        rows.append((owner, row))
    rows.sort(key=lambda pair: (-pair[1].overdue.value, -pair[1].due_soon, rank.get(pair[0], len(rank)), pair[0]))
    return [row for _, row in rows[:TOP_OWNERS]], len(rows)


@dataclass
class InsightsView:
    """What ``cjm/insights.html`` receives."""

    phases: tuple[str, ...]
    personas: list[PersonaHeat]
    lowest: list[MomentRow]
    statuses: list[OpportunityStatus]
    owners: list[OwnerCounts]
    owners_total: int
    """How many owners own any opportunity (the table lists at most TOP_OWNERS)."""
    priorities: list[tuple[str, Count, int]]
    reviews: list[ReviewHealth]
    reviews_total: int
    overdue_url: str
    due_soon_days: int
    sections: list[TocItem]
    legend: tuple[tuple[str, str, str], ...] = HEAT_LEGEND


SECTIONS = [
    TocItem("Emotion by persona", "emotion"),
    TocItem("Lowest moments", "lowest"),
    TocItem("Opportunities by owner", "opportunities"),
    TocItem("Opportunities by priority", "priorities"),
    TocItem("Review health", "reviews"),
]


class InsightsPage(PageKind):
    kind = "insights"
    title = "Insights"
    description = "Where customers hurt most, who holds open work, and where reviews lapse."

    def specs(self, ctx: Context) -> list[PageSpec]:
        src = ctx.routes.index(ctx.routes.insights)
        return [PageSpec(src, self.kind, None, self.title, self.description, in_nav=True)]

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        p, links, order = ctx.portfolio, ctx.links(spec.src), _order(ctx.portfolio)
        owners, owners_total = owner_counts(ctx, links)
        reviews, reviews_total = review_health(ctx, links)
        view = InsightsView(
            PHASES,
            [persona_heat(ctx, x.id, links, order) for x in p.sorted_personas()],
            [moment_row(m, links) for m in lowest_moments(p)],
            STATUS_ORDER,
            owners,
            owners_total,
            priority_counts(ctx, links),
            reviews,
            reviews_total,
            f"{links.index(ctx.routes.journeys)}?overdue=1",
            ctx.options.review_due_days,
            SECTIONS,
        )
        html = ctx.template(self.kind, spec, links, view)
        return RenderedPage(html, list(SECTIONS), summary_search_html(spec.title, spec.description))

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        return (*people_inputs(ctx), cards_inputs(ctx, ctx.portfolio.sorted_maps()))


@dataclass
class MapHeat:
    """A map's row of a persona's heatmap: a cell per stage, linking to it."""

    map: Link
    info: MapTypeInfo
    cells: list[HeatCell]


@dataclass
class PersonaInsightsView:
    """What ``cjm/heatmap.html`` receives: one page of a persona's heatmap."""

    persona: Link
    avatar: Avatar
    rows: list[MapHeat]
    columns: int
    """The most stages of a map on this page: the table's stage columns."""
    page: int
    pages: list[str]
    """The URL of every page of the persona's heatmap, in order."""
    first: int
    """The number of this page's first map (from 1)."""
    total: int
    insights: str
    legend: tuple[tuple[str, str, str], ...] = HEAT_LEGEND


def map_heat(entry: MapEntry, persona: str, links: Links) -> MapHeat:
    model = entry.model
    cells = [
        heat_cell(
            to_common(model.scale, score) if (score := stage_score(stage, persona)) is not None else None,
            links.stage(entry.id, i),
            stage.name,
        )
        for i, stage in enumerate(model.stages)
    ]
    return MapHeat(Link(model.title, links.journey(entry.id)), MAP_TYPES[model.type], cells)


class InsightsPersonaPage(PageKind):
    kind = "heatmap"

    def specs(self, ctx: Context) -> list[PageSpec]:
        p = ctx.portfolio
        return [
            PageSpec(
                ctx.routes.insights_persona(x.id, page),
                self.kind,
                f"{x.id}/{page}",
                f"Emotion heatmap: {x.model.name}" + (f" ({page})" if page > 1 else ""),
                f"Every journey of {x.model.name}, stage by stage, coloured by score.",
                continues=page > 1,
            )
            for x in p.sorted_personas()
            for page in range(1, -(-len(p.maps_by_persona.get(x.id, [])) // MAPS_PER_PAGE) + 1)
        ]

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        persona, page = _key(spec)
        p, links = ctx.portfolio, ctx.links(spec.src)
        maps = p.maps_by_persona.get(persona, [])
        first = (page - 1) * MAPS_PER_PAGE
        rows = [map_heat(m, persona, links) for m in maps[first : first + MAPS_PER_PAGE]]
        view = PersonaInsightsView(
            links.persona_link(persona),
            links.avatar(persona),
            rows,
            max((len(r.cells) for r in rows), default=0),
            page,
            [links.to(ctx.routes.insights_persona(persona, k)) for k in range(1, -(-len(maps) // MAPS_PER_PAGE) + 1)],
            first + 1,
            len(maps),
            links.index(ctx.routes.insights),
        )
        html = ctx.template(self.kind, spec, links, view)
        return RenderedPage(html, [], summary_search_html(spec.title, spec.description))

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        persona, _ = _key(spec)
        maps = ctx.portfolio.maps_by_persona.get(persona, [])
        return (people_inputs(ctx)[0], cards_inputs(ctx, maps))


def _key(spec: PageSpec) -> tuple[str, int]:
    persona, _, page = (spec.key or "").rpartition("/")
    return persona, int(page)


WIDE_INSIGHTS = (InsightsPage.kind, InsightsPersonaPage.kind)
"""The insights page kinds, laid out over the whole window (the plugin's ``WIDE_PAGES``)."""
