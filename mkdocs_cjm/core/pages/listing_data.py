"""The data files of the paged listings: every entry of the journeys index
(``journeys/entries.json``) and of the opportunities listing (``opportunities/entries.json``),
with what a listing's script needs to filter, sort and draw a row exactly as the server draws it.

A listing page downloads its file only when a reader filters or sorts (or opens a filtered
address). The format (documented in README.md, "Filters and pages"): compact JSON, keys sorted,
every entry in the listing's own order; each entry an array of the values named by ``fields``;
URLs relative to the file's folder (null where the page is not part of the site).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..emotion import summarise
from ..maptypes import MAP_TYPES
from ..models import MapStatus, Priority
from ..render.links import Links
from ..render.svg import SPARK_SIZE, SparkShape, spark_shape
from ..sizing import HIGH_FROM, NOT_SIZED, NOT_SIZED_TITLE, QUADRANTS, SIZE_MAX, SIZE_MIN, size_name
from .base import Context
from .cards import STATUS_ORDER, card_series, emotion_label, opportunity_order
from .paging import ENTRIES_FILE, compact_json

FORMAT = 1
"""The version of the format; a change that breaks a reader of the files raises it."""

JOURNEY_FIELDS = (
    "id",
    "title",
    "url",
    "summary",
    "type",
    "personas",
    "owner",
    "status",
    "reviewed",
    "overdue",
    "tags",
    "emotion",
    "spark",
)
"""A map's values, in order. ``overdue``: null when the review is not overdue, else the days
it is overdue (0: a published map never reviewed). ``spark``: null, or the emotion curve's
middle line and each curve's colour slot and runs of points ``[x, y, x, y…]``."""

OPPORTUNITY_FIELDS = (
    "id",
    "title",
    "map",
    "stage",
    "stage_name",
    "owner",
    "status",
    "priority",
    "impact",
    "effort",
    "backlog",
    "backlog_label",
)
"""An opportunity's values, in order. ``map``: its position in ``maps``; ``stage``: its
stage's id (the map page's ``#stage-<id>`` anchor); ``impact``, ``effort``: 1..5 or null
(``sizing`` says which quadrant they make)."""


def _people(links: Links, personas: Iterable[str], owners: Iterable[str]) -> dict[str, Any]:
    """The names and pages of the personas and owners the entries name, by id."""
    return {
        "personas": {p: list(links.persona_link(p)) for p in sorted(set(personas))},
        "owners": {o: list(links.owner_link(o)) for o in sorted(set(owners))},
    }


def _shape(shape: SparkShape | None) -> Any:
    if shape is None:
        return None
    mid, curves = shape
    return [_num(mid), [[slot, [[_num(c) for point in run for c in point] for run in runs]] for slot, runs in curves]]


def _num(value: float) -> float | int:
    """``12.0`` as ``12``: shorter, and read back the same."""
    return int(value) if value.is_integer() else value


def journeys_data(ctx: Context, section: str) -> dict[str, Any]:
    """Every map of the journeys index, in its order (by map type, then reading order)."""
    p = ctx.portfolio
    links = ctx.links(ctx.routes.index(section))
    maps = [m for kind in MAP_TYPES for m in p.maps_by_type.get(kind, [])]
    entries = []
    for m in maps:
        model, review = m.model, p.review_state(m)
        summary = summarise(model)
        entries.append(
            [
                m.id,
                model.title,
                links.journey(m.id),
                model.summary or model.scenario,
                model.type.value,
                list(model.personas),
                model.owner,
                model.status.value,
                review.reviewed.isoformat() if review.reviewed else None,
                review.days_overdue if review.overdue else None,
                list(model.tags),
                emotion_label(m, summary),
                _shape(spark_shape(card_series(ctx, m), model.scale, *SPARK_SIZE)),
            ]
        )
    return {
        "format": FORMAT,
        "fields": list(JOURNEY_FIELDS),
        "entries": entries,
        "types": [[k.value, i.title] for k, i in MAP_TYPES.items()],
        "statuses": [s.value for s in MapStatus],
        "spark": list(SPARK_SIZE),
        **_people(links, (x for m in maps for x in m.model.personas), (m.model.owner for m in maps)),
    }


def opportunities_data(ctx: Context, section: str) -> dict[str, Any]:
    """Every opportunity of the portfolio, most active first (the listing's order)."""
    p = ctx.portfolio
    links = ctx.links(ctx.routes.index(section))
    refs = sorted(p.opportunities.values(), key=opportunity_order)
    maps = p.sorted_maps()
    position = {m.id: i for i, m in enumerate(maps)}
    entries = [
        [
            r.id,
            r.opportunity.title,
            position[r.map.id],
            r.map.stage_ids[r.stage_index],
            r.stage.name,
            r.owner,
            r.opportunity.status.value,
            r.opportunity.priority.value if r.opportunity.priority else None,
            r.opportunity.impact,
            r.opportunity.effort,
            r.backlog.url if r.backlog else None,
            r.backlog.label if r.backlog else None,
        ]
        for r in refs
    ]
    return {
        "format": FORMAT,
        "fields": list(OPPORTUNITY_FIELDS),
        "entries": entries,
        "maps": [[m.id, m.model.title, links.journey(m.id), list(m.model.personas)] for m in maps],
        "statuses": [s.value for s in STATUS_ORDER],
        "priorities": [x.value for x in Priority],
        "sizing": sizing_data(),
        **_people(links, (x for m in maps for x in m.model.personas), (r.owner for r in refs)),
    }


def sizing_data() -> dict[str, Any]:
    """What the listing needs to place an entry in a quadrant: the size from which impact or
    effort is high, the quadrants (key, title, high impact, high effort), the key and title of
    the unsized, and each size's word (``words[n - 1]``)."""
    return {
        "high": HIGH_FROM,
        "quadrants": [[q.key, q.title, q.high_impact, q.high_effort] for q in QUADRANTS],
        "none": [NOT_SIZED, NOT_SIZED_TITLE],
        "words": [size_name(n) for n in range(SIZE_MIN, SIZE_MAX + 1)],
    }


def data_files(ctx: Context) -> dict[str, str]:
    """The data files of the paged listings, by their path in the site."""
    journeys, opportunities = ctx.routes.journeys, ctx.routes.opportunities
    return {
        f"{journeys}/{ENTRIES_FILE}": compact_json(journeys_data(ctx, journeys)),
        f"{opportunities}/{ENTRIES_FILE}": compact_json(opportunities_data(ctx, opportunities)),
    }
