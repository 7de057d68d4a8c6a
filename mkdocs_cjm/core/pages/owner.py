"""The owner page: everything a team or a person owns, down to the exact opportunity."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..assembly.entries import OwnerEntry, StageRef
from ..models import OpportunityStatus, Owner
from ..render.links import Link, Links
from .base import Context, PageKind, PageSpec, RenderedPage, TocItem
from .cards import (
    STATUS_ORDER,
    MapCard,
    OpportunityRow,
    cards_inputs,
    map_card,
    opportunity_order,
    opportunity_row,
    people_inputs,
    summary_search_html,
)
from .more import More, capped, listing, more


class StatusGroup(NamedTuple):
    status: OpportunityStatus
    rows: list[OpportunityRow]


class Member(NamedTuple):
    name: str
    url: str | None
    role: str | None


@dataclass
class StageLink:
    ref: StageRef
    url: str | None
    map_url: str | None


@dataclass
class OwnerView:
    """What ``cjm/owner.html`` receives."""

    owner: OwnerEntry
    model: Owner
    groups: list[StatusGroup]
    """The owner's opportunities by status, most active status first; empty groups left out."""
    stages: list[StageLink]
    maps: list[MapCard]
    members: list[Member]
    team: Link | None
    personas: list[Link]
    """The personas this owner keeps up to date."""
    sections: list[TocItem] = field(default_factory=list)
    """The page's sections, listed in a bar under its header (the page has no sidebars)."""
    more: dict[str, More] = field(default_factory=dict)
    """The sections cut at the site's ``list_limit``, by id (``status-<status>``, ``stages``,
    ``maps``): their full count and the filtered listing that has them all."""


class OwnerPage(PageKind):
    kind = "owner"

    def specs(self, ctx: Context) -> list[PageSpec]:
        return [
            PageSpec(ctx.routes.owner(o.id), self.kind, o.id, o.model.name, o.model.role or o.model.about or "")
            for o in ctx.portfolio.sorted_owners()
        ]

    def view(self, ctx: Context, owner: OwnerEntry, links: Links) -> OwnerView:
        p, limit, name = ctx.portfolio, ctx.options.list_limit, owner.model.name
        opps = sorted(p.opportunities_by_owner.get(owner.id, []), key=opportunity_order)
        stages = p.stages_by_owner.get(owner.id, [])
        maps = p.maps_by_owner.get(owner.id, [])
        cut: dict[str, More | None] = {
            "stages": more(len(stages), limit, f"The other {len(stages) - limit} are on their maps' pages", None),
            "maps": more(
                len(maps), limit, f"All {len(maps)} maps of {name}", listing(links, ctx.routes.journeys, owner=owner.id)
            ),
        }
        groups = []
        for status in STATUS_ORDER:
            refs = [r for r in opps if r.opportunity.status is status]
            url = listing(links, ctx.routes.opportunities, owner=owner.id, status=status.value)
            cut[f"status-{status.value}"] = more(
                len(refs), limit, f"All {len(refs)} {status.value} opportunities of {name}", url
            )
            groups.append(StatusGroup(status, [opportunity_row(r, links) for r in capped(refs, limit)]))
        return OwnerView(
            owner,
            owner.model,
            [g for g in groups if g.rows],
            [
                StageLink(ref, links.stage(ref.map.id, ref.stage_index), links.journey(ref.map.id))
                for ref in capped(stages, limit)
            ],
            [map_card(ctx, m, links) for m in capped(maps, limit)],
            [Member(m.model.name, links.owner(m.id), m.model.role) for m in p.members_by_team.get(owner.id, [])],
            links.owner_link(owner.model.team) if owner.model.team else None,
            [Link(x.model.name, links.persona(x.id)) for x in p.sorted_personas() if x.model.owner == owner.id],
            more={key: value for key, value in cut.items() if value is not None},
        )

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        owner = ctx.portfolio.owners[spec.key or ""]
        links = ctx.links(spec.src)
        view = self.view(ctx, owner, links)
        toc = [
            TocItem(
                "Opportunities",
                "opportunities",
                children=[TocItem(g.status.title, f"status-{g.status.value}", 3) for g in view.groups],
            )
        ]
        if view.stages:
            toc.append(TocItem("Stages owned", "stages"))
        if view.maps:
            toc.append(TocItem("Maps owned", "maps"))
        view.sections = toc
        return RenderedPage(ctx.template("owner", spec, links, view), toc, _search_html(spec, view))

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        p, key = ctx.portfolio, spec.key or ""
        maps = {ref.map.id: ref.map for ref in p.opportunities_by_owner.get(key, [])}
        maps.update((m.id, m) for m in p.maps_by_owner.get(key, []))
        maps.update((ref.map.id, ref.map) for ref in p.stages_by_owner.get(key, []))
        return (*people_inputs(ctx), cards_inputs(ctx, sorted(maps.values(), key=p.reading_key)))


def _search_html(spec: PageSpec, view: OwnerView) -> str:
    model = view.model
    team = f"Member of {view.team.text}." if view.team else ""
    who = ("Members: " + ", ".join(m.name for m in view.members) + ".") if view.members else ""
    return summary_search_html(
        spec.title,
        f"{model.kind.capitalize()}. {model.role or ''}".strip(),
        model.about or "",
        team,
        who,
        model.chat or "",
        model.email or "",
    )
