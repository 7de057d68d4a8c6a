"""Every generated page of a portfolio: which pages exist, and the HTML of each.

The page kinds, in the order their pages are listed (and the navigation shows them). Pure: it
knows nothing of MkDocs; a host gives it the portfolio and what it knows of the site.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..assembly.portfolio import Portfolio
from ..history.history import History
from ..maptypes import MapType
from ..models import LaneDef
from ..render.cache import RenderCache
from ..render.urls import Routes
from ..starters import Starter
from .base import Context, PageKind, PageSpec, RenderedPage, SiteOptions, TocItem, make_environment
from .cards import map_facts
from .evidence import EvidencePage
from .gallery import TemplatePage, TemplatesIndex
from .home import HomePage
from .insights import InsightsPage, InsightsPersonaPage
from .journey import JourneyPage
from .listing_data import data_files
from .listings import JourneysIndex, OpportunitiesIndex, OwnersIndex, PersonasIndex
from .more import limit_tags
from .owner import OwnerPage
from .persona import PersonaPage
from .problems import ProblemsPage
from .start import StartPage

PAGE_KINDS: tuple[PageKind, ...] = (
    HomePage(),
    StartPage(),
    PersonasIndex(),
    PersonaPage(),
    JourneysIndex(),
    JourneyPage(),
    OpportunitiesIndex(),
    OwnersIndex(),
    OwnerPage(),
    EvidencePage(),
    InsightsPage(),
    InsightsPersonaPage(),
    TemplatesIndex(),
    TemplatePage(),
    ProblemsPage(),
)
"""Every kind of generated page, in the order of the site."""


class SiteRenderer:
    """Renders the generated pages of one portfolio."""

    def __init__(
        self,
        portfolio: Portfolio,
        starters: dict[MapType, Starter] | None = None,
        *,
        routes: Routes | None = None,
        template_dirs: Sequence[Path | str] = (),
        options: SiteOptions | None = None,
        site_lanes: Mapping[str, LaneDef] | None = None,
        cache: RenderCache | None = None,
        history: History | None = None,
    ) -> None:
        self.cache = cache
        self.ctx = Context(
            portfolio,
            starters or {},
            routes or Routes(),
            options or SiteOptions(),
            make_environment(template_dirs),
            site_lanes=dict(site_lanes or {}),
            card_facts=cache.memo(map_facts) if cache else None,
            history=history,
        )
        self.kinds = {kind.kind: kind for kind in PAGE_KINDS}
        self._base: tuple[Any, ...] = ()
        if cache is not None:
            cache.retain_facts(portfolio.maps.values())
            stamp = cache.template_stamp(template_dirs)
            lanes = tuple(sorted((k, v.model_dump_json()) for k, v in self.ctx.site_lanes.items()))
            self._base = (
                self.ctx.options,
                self.ctx.routes,
                portfolio.today,
                stamp,
                lanes,
                tuple(sorted(self.ctx.content_pages)),
            )

    @property
    def portfolio(self) -> Portfolio:
        return self.ctx.portfolio

    def pages(self) -> list[PageSpec]:
        """Every page of the site, in order."""
        return limit_tags([spec for kind in PAGE_KINDS for spec in kind.specs(self.ctx)], self.ctx.options.list_limit)

    def data_files(self) -> dict[str, str]:
        """The site's generated data files (the paged listings' entries), by their path in the site."""
        return data_files(self.ctx)

    def render(self, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        """The page of ``spec``; with a render cache, the previous build's when nothing it shows
        has changed.

        Its table of contents starts with the page title (``h1#top``, which every page template
        opens with), its sections below it, as a Markdown page's does: Material lists the
        sections, and its "Skip to content" link goes to the first entry, the title."""
        kind = self.kinds[spec.kind]
        if self.cache is None:
            rendered = kind.render(self.ctx, spec, edit_url)
        else:
            fingerprint = (spec, edit_url, self._base, kind.inputs(self.ctx, spec))
            cached = self.cache.get(spec.src, fingerprint)
            if cached is None:
                cached = kind.render(self.ctx, spec, edit_url)
                self.cache.put(spec.src, fingerprint, cached)
            rendered = cached
        return replace(rendered, toc=[TocItem(spec.title, "top", level=1, children=rendered.toc)])
