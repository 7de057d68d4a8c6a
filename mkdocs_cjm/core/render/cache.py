"""Reuse of rendered pages between builds of the same site (``mkdocs serve`` rebuilds).

Every generated page gets a fingerprint: a tuple of everything its HTML depends on (the map,
the names of its personas and owners, the maps it links to, what a listing shows of each map,
the site's options and the templates). A page whose fingerprint equals the one of the previous
build is not rendered again.

Fingerprints are compared, never hashed: a content model is compared by identity first (the
parse cache hands back the very same object for a file that did not change) and by value
otherwise, so a re-read file with the same content still matches. What a listing shows of a
map (its "card") is computed once per map model, so editing a lane item of one map leaves
every listing untouched, while editing its title re-renders the listings that show it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..catalog import MapType
from ..emotion import summarise
from ..models import OpportunityStatus
from ..portfolio import MapEntry

if TYPE_CHECKING:
    from .pages import PageSpec, RenderedPage, SiteRenderer


def template_stamp(template_dirs: Iterable[Path | str]) -> tuple[tuple[str, int, int], ...]:
    """Name, mtime and size of every ``cjm`` template: editing a template override re-renders."""
    found = []
    for folder in template_dirs:
        base = Path(folder) / "cjm"
        if base.is_dir():
            for path in sorted(base.glob("*.html")):
                stat = path.stat()
                found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


@dataclass
class _MapFacts:
    model: object
    card: tuple[Any, ...]
    opportunities: tuple[Any, ...]
    stages: tuple[Any, ...]


@dataclass
class RenderCache:
    """Rendered pages of the previous build, by page source path, with their fingerprints."""

    pages: dict[str, tuple[tuple[Any, ...], RenderedPage]] = field(default_factory=dict)
    _facts: dict[int, _MapFacts] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def get(self, src: str, fingerprint: tuple[Any, ...]) -> RenderedPage | None:
        found = self.pages.get(src)
        if found is not None and found[0] == fingerprint:
            self.hits += 1
            return found[1]
        self.misses += 1
        return None

    def put(self, src: str, fingerprint: tuple[Any, ...], page: RenderedPage) -> None:
        self.pages[src] = (fingerprint, page)

    def retain(self, sources: Iterable[str], maps: Iterable[MapEntry]) -> None:
        """Forget pages that no longer exist and facts of maps no longer loaded."""
        keep = set(sources)
        for src in [s for s in self.pages if s not in keep]:
            del self.pages[src]
        live = {id(m.model) for m in maps}
        for key in [k for k in self._facts if k not in live]:
            del self._facts[key]

    def facts(self, entry: MapEntry) -> _MapFacts:
        """What listings show of a map, computed once per map model."""
        found = self._facts.get(id(entry.model))
        if found is not None and found.model is entry.model:
            return found
        m = entry.model
        card = (entry.id, m.title, m.summary, m.scenario, m.type, tuple(m.personas), m.owner, m.status,
                m.reviewed, m.review_every, m.scale, summarise(m))
        opps = tuple((i, entry.stage_ids[i], stage.name, stage.owner, opp.id, opp.title, opp.owner, opp.status,
                      opp.priority, opp.description)
                     for i, stage in enumerate(m.stages) for opp in stage.opportunities)
        stages = tuple((i, sid, stage.name, stage.owner) for i, (sid, stage) in enumerate(zip(entry.stage_ids, m.stages)))
        found = _MapFacts(m, card, opps, stages)
        self._facts[id(m)] = found
        return found


class Fingerprints:
    """The fingerprint of each page of one build."""

    def __init__(self, renderer: SiteRenderer, cache: RenderCache, stamp: tuple[Any, ...]) -> None:
        p = renderer.portfolio
        self.renderer = renderer
        self.cache = cache
        self.base = (renderer.options, renderer.routes, p.today, stamp, tuple(sorted(renderer.content_pages)))
        self.personas = tuple((x.id, x.model) for x in p.sorted_personas())
        self.owners = tuple((o.id, o.model) for o in p.sorted_owners())
        self._everything: tuple[Any, ...] | None = None

    def _cards(self, maps: Iterable[MapEntry]) -> tuple[Any, ...]:
        return tuple((f.card, f.opportunities, f.stages) for f in map(self.cache.facts, maps))

    def everything(self) -> tuple[Any, ...]:
        """What the listing pages show: every map's card, opportunities and stages."""
        if self._everything is None:
            self._everything = self._cards(self.renderer.portfolio.sorted_maps())
        return self._everything

    def of(self, spec: PageSpec) -> tuple[Any, ...]:
        p = self.renderer.portfolio
        kind, key = spec.kind, spec.key or ""
        head = (spec, self.base)
        if kind == "journey":
            entry = p.maps[key]
            m = entry.model
            related = [p.maps[m.improves]] if m.improves in p.maps else []
            related += p.futures_by_current.get(entry.id, [])
            related += [p.opportunities[x].map for x in m.realises if x in p.opportunities]
            personas = tuple((x, p.personas[x].model if x in p.personas else None) for x in m.personas)
            return (*head, m, entry.source, personas, self.owners, tuple((r.id, r.model) for r in related))
        if kind == "persona":
            persona = p.personas[key]
            return (*head, persona.model, persona.source, self.owners,
                    self._cards(p.maps_by_persona.get(key, [])))
        if kind == "owner":
            maps = {ref.map.id: ref.map for ref in p.opportunities_by_owner.get(key, [])}
            maps.update((m.id, m) for m in p.maps_by_owner.get(key, []))
            maps.update((ref.map.id, ref.map) for ref in p.stages_by_owner.get(key, []))
            return (*head, self.personas, self.owners, self._cards(sorted(maps.values(), key=p.reading_key)))
        if kind == "template":
            starter = self.renderer.starters.get(MapType(key))
            return (*head, self.personas, self.owners, self._cards(p.maps_by_type.get(MapType(key), [])),
                    starter.text if starter else None)
        # Indexes that show counts only.
        if kind == "owners":
            return (*head, self.owners, tuple((o, len(p.opportunities_by_owner.get(o, [])), len(p.maps_by_owner.get(o, [])),
                                               len(p.stages_by_owner.get(o, [])),
                                               sum(1 for r in p.opportunities_by_owner.get(o, []) if r.opportunity.status
                                                   in (OpportunityStatus.DONE, OpportunityStatus.DROPPED)))
                                              for o in p.owners))
        if kind == "personas":
            return (*head, self.personas, tuple((x, tuple(m.model.type for m in p.maps_by_persona.get(x, [])))
                                                for x in p.personas))
        if kind == "templates":
            return (*head, tuple((k, len(v)) for k, v in p.maps_by_type.items()))
        # Listings: home, journeys, opportunities.
        return (*head, self.personas, self.owners, self.everything())
