"""Research evidence on pages: a map's sources (with what each supports) on the journey page,
and the page of the portfolio's shared sources (``evidence/``), each with the maps that cite it.

At 10,000 maps a shared source may be cited thousands of times: its section on the evidence
page lists the first maps (up to the site's ``list_limit``) and says how many more there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..assembly.entries import MapEntry
from ..evidence import Claim, MapEvidence
from ..models import Evidence
from ..render.links import Links
from .base import Context, PageKind, PageSpec, RenderedPage, TocItem
from .cards import summary_search_html
from .more import More, capped, more


def source_anchor(ident: str) -> str:
    """The anchor of a source on a journey page and on the evidence page."""
    return f"source-{ident}"


@dataclass
class Support:
    """A claim a source supports, as a list entry: where it is (linked) and what it says."""

    where: str
    """``Stage · Lane``."""
    href: str
    text: Markup


@dataclass
class SourceView:
    """A source in a map's evidence section (or on the evidence page)."""

    number: int
    id: str
    model: Evidence
    shared_url: str | None
    """For a portfolio source: its entry on the evidence page."""
    supports: list[Support] = field(default_factory=list)


def share_text(evidence: MapEvidence) -> str:
    """How much of a map rests on research: ``14 of 38 items (37%)``."""
    total = evidence.total
    percent = round(100 * evidence.backed / total) if total else 0
    return f"{evidence.backed} of {total} item{'s' if total != 1 else ''} ({percent}%)"


def _support(ctx: Context, entry: MapEntry, claim: Claim, links: Links, href: str) -> Support:
    stage = entry.model.stages[claim.stage_index]
    lane = entry.lanes[claim.lane].title if claim.lane in entry.lanes else claim.lane
    return Support(f"{stage.name} · {lane}", href, ctx.inline(claim.text, links, entry.source.path))


def claim_fragment(entry: MapEntry, claim: Claim) -> str:
    """Where a claim is on its journey page: its own id, else its stage's column."""
    return claim.anchor or f"stage-{entry.stage_ids[claim.stage_index]}"


def map_sources(ctx: Context, entry: MapEntry, evidence: MapEvidence, links: Links) -> list[SourceView]:
    """A map's sources, numbered as its grid cites them, each with what it supports here."""
    views = []
    for number, (ident, model, shared) in enumerate(evidence.sources, 1):
        url = links.to(ctx.routes.index(ctx.routes.evidence), source_anchor(ident)) if shared else None
        supports = [_support(ctx, entry, c, links, "#" + claim_fragment(entry, c)) for c in evidence.citing(ident)]
        views.append(SourceView(number, ident, model, url, supports))
    return views


@dataclass
class CitingMap:
    """A map that cites a shared source, and what of it does."""

    title: str
    url: str | None
    supports: list[Support]


@dataclass
class SharedSource:
    """A source of the evidence file on the evidence page."""

    id: str
    model: Evidence
    maps: list[CitingMap]
    cited: int
    """How many items cite it, across all maps."""
    map_count: int
    more: More | None


@dataclass
class EvidenceView:
    """What ``cjm/evidence.html`` receives."""

    sources: list[SharedSource]
    sections: list[TocItem]


class EvidencePage(PageKind):
    """The portfolio's shared research sources, each with the items across maps that cite it."""

    kind = "evidence"
    title = "Research evidence"
    description = "The research the portfolio's maps rest on, and what each source supports."

    def specs(self, ctx: Context) -> list[PageSpec]:
        if not ctx.portfolio.evidence:
            return []
        src = ctx.routes.index(ctx.routes.evidence)
        return [PageSpec(src, self.kind, None, self.title, self.description, in_nav=True)]

    def view(self, ctx: Context, links: Links) -> EvidenceView:
        p, limit = ctx.portfolio, ctx.options.list_limit
        shared = []
        for ident, entry in sorted(p.evidence.items(), key=lambda kv: (kv[1].model.title.lower(), kv[0])):
            cited = p.citations.get(ident, [])
            by_map: dict[str, list[Claim]] = {}
            for map_entry, claim in cited:
                by_map.setdefault(map_entry.id, []).append(claim)
            maps = [
                CitingMap(
                    p.maps[m].model.title,
                    links.journey(m),
                    [_support(ctx, p.maps[m], c, links, _href(links, p.maps[m], c)) for c in claims],
                )
                for m, claims in capped(list(by_map.items()), limit)
            ]
            cut = more(len(by_map), limit, f"The other {len(by_map) - limit} maps cite it on their pages", None)
            shared.append(SharedSource(ident, entry.model, maps, len(cited), len(by_map), cut))
        toc = [TocItem(s.model.title, source_anchor(s.id)) for s in shared]
        return EvidenceView(shared, toc)

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        links = ctx.links(spec.src)
        view = self.view(ctx, links)
        html = ctx.template(self.kind, spec, links, view)
        texts = [f"{s.model.title}. {s.model.summary or ''}" for s in view.sources]
        return RenderedPage(html, view.sections, summary_search_html(spec.title, spec.description, *texts))

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        p = ctx.portfolio
        maps = {m.id: m for cited in p.citations.values() for m, _ in cited}
        return (tuple(p.evidence.items()), tuple((m.id, m.model, m.lanes) for m in maps.values()))


def _href(links: Links, entry: MapEntry, claim: Claim) -> str:
    return links.journey(entry.id, claim_fragment(entry, claim)) or ""
