"""What every page kind shares: the page spec, the rendered result, and the rendering context.

A page kind (:class:`PageKind`) is one module of this package. It says which pages of its kind
exist (``specs``), builds the typed view its template receives (the template API that a
site's ``custom_dir`` overrides rely on), renders it with its table of contents and its search
text, and declares what its render-cache fingerprint is made of (``inputs``).
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..assembly.entries import MapEntry, Source
from ..assembly.portfolio import Portfolio
from ..fields import cadence_phrase
from ..history.history import History
from ..maptypes import MapType
from ..models import LaneDef
from ..options import LIST_LIMIT, LISTING_PAGE_SIZE, REVIEW_DUE_DAYS, Options
from ..problems import Problem, Severity
from ..reading.discovery import Layout
from ..render.links import Links
from ..render.markdown import SafeMarkdown, join_relative
from ..render.urls import Routes
from ..sizing import size_name
from ..starters import Starter
from ..text import format_number, format_score

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
"""The package's own templates; a site's ``custom_dir`` placed before it overrides any of them."""


@dataclass
class TocItem:
    title: str
    id: str
    level: int = 2
    children: list[TocItem] = field(default_factory=list)


@dataclass(frozen=True)
class PageSpec:
    """A page the plugin adds to the site."""

    src: str
    kind: str
    key: str | None
    title: str
    description: str = ""
    tags: tuple[str, ...] = ()
    in_nav: bool = False
    source: str | None = None
    """The content file the page is built from, for "edit this page" links."""
    continues: bool = False
    """A later page of a section split into pages (``journeys/page/2/``): its first page stands
    for the section in search, so a search does not list page after page of the same listing."""


@dataclass
class RenderedPage:
    html: str
    toc: list[TocItem]
    search_html: str | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class SiteOptions:
    """What the host (MkDocs, or another generator) tells the renderer about the site."""

    use_directory_urls: bool = True
    site_name: str = "Journey maps"
    site_description: str = ""
    home: bool = True
    charts: bool = True
    doc_pages: frozenset[str] = frozenset()
    static_files: frozenset[str] = frozenset()
    plotly_url: str | None = None
    listing_page_size: int = LISTING_PAGE_SIZE
    """The most entries a page of the journeys index or the opportunities listing shows."""
    preview: Layout | None = None
    """During a preview (``mkdocs serve``), the portfolio's layout: the page of a map or persona
    file that does not load then lists its problems (:mod:`~mkdocs_cjm.core.pages.problems`)."""
    list_limit: int = LIST_LIMIT
    """The ``list_limit`` option: past it, a section of a page summarises (:mod:`.more`)."""
    review_due_days: int = REVIEW_DUE_DAYS
    """The ``review_due_days`` option: a review due within it is "due soon"."""
    text_starters: bool = False
    """Starter files in Markdown are published as ``<name>.txt`` (a generator that only reads a
    docs folder would make a page of a ``.md`` file there); the download keeps its name."""

    def starter_file(self, name: str) -> str:
        """The name a starter file is published under (:attr:`text_starters`)."""
        return f"{name}.txt" if self.text_starters and name.endswith(".md") else name

    @classmethod
    def of(cls, options: Options, **host: Any) -> SiteOptions:
        """The plugin's ``options`` the pages read, with what the host says (``host``: the
        ``SiteOptions`` fields that are not options)."""
        return cls(
            charts=options.charts,
            plotly_url=options.plotly_url,
            listing_page_size=options.listing_page_size,
            list_limit=options.list_limit,
            review_due_days=options.review_due_days,
            **host,
        )


def human_date(value: date | None) -> str:
    return f"{value.day} {value:%b} {value.year}" if value else ""


def make_environment(template_dirs: Sequence[Path | str]) -> Environment:
    """A Jinja environment that escapes everything by default, looking in ``template_dirs``
    first and in the package's templates last."""
    dirs = [str(d) for d in template_dirs if Path(d).is_dir()]
    if str(TEMPLATES_DIR) not in dirs:
        dirs.append(str(TEMPLATES_DIR))
    env = Environment(
        loader=FileSystemLoader(dirs),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(
        score=format_score,
        number=format_number,
        human_date=human_date,
        cadence=cadence_phrase,
        title_word=lambda v: str(v).replace("-", " ").capitalize(),
        size_name=size_name,
    )
    return env


@dataclass
class Context:
    """Everything pages are rendered from: the portfolio and what the host says of the site."""

    portfolio: Portfolio
    starters: dict[MapType, Starter]
    routes: Routes
    options: SiteOptions
    env: Environment
    site_lanes: Mapping[str, LaneDef] = field(default_factory=dict)
    """The site's lane changes (the plugin's ``lanes`` option)."""
    md: SafeMarkdown = field(default_factory=SafeMarkdown)
    card_facts: Callable[[MapEntry], tuple[Any, ...]] | None = None
    """What listings show of a map, memoised by the render cache (None: computed each time)."""
    history: History | None = None
    """The maps' history from git (None: the ``history`` option is off)."""

    def __post_init__(self) -> None:
        pages = {p.source.path: self.routes.persona(p.id) for p in self.portfolio.personas.values()}
        pages.update((m.source.path, self.routes.journey(m.id)) for m in self.portfolio.maps.values())
        self.content_pages: dict[str, str] = pages
        """Content file (docs-relative) → the generated page it becomes."""
        self._once: dict[str, Any] = {}

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()``, computed once per render pass under ``key``: the portfolio does not change
        during one, and what every page of a listing needs (all 60,000 opportunities in order,
        at 10,000 maps) must not be computed again for each of its thousand pages."""
        if key not in self._once:
            self._once[key] = make()
        return self._once[key]

    @cached_property
    def people(self) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """Every persona and owner (id, model), in order: what pages show of them by id."""
        p = self.portfolio
        return (tuple((x.id, x.model) for x in p.sorted_personas()), tuple((o.id, o.model) for o in p.sorted_owners()))

    def links(self, src: str) -> Links:
        o = self.options
        return Links(self.portfolio, self.routes, src, o.use_directory_urls, o.doc_pages, o.static_files)

    def template(self, name: str, spec: PageSpec, links: Links, view: Any) -> str:
        """The page's template, given its view (and each of the view's fields by name)."""
        fields = {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}
        return self.env.get_template(f"cjm/{name}.html").render(
            spec=spec, links=links, routes=self.routes, view=view, **fields
        )

    def inline(self, text: str | None, links: Links, source: str) -> Markup:
        if not text:
            return Markup("")
        return Markup(self.md.inline(text, links.resolver(source, self.content_pages)))

    def narrative(self, source: Source, links: Links, used: set[str]) -> Narrative:
        """The Markdown body of a content file, its headings and its broken links."""
        text = source.body
        if not text.strip():
            return Narrative(Markup(""), [], [])
        rendered = self.md.block(text, links.resolver(source.path, self.content_pages), heading_offset=1, used_ids=used)
        toc = [TocItem(h.title, h.id, h.level) for h in rendered.headings if h.level == 2]
        problems = [
            broken_link(source.path, source.body_line + line - 1, column, href, self.portfolio.drafts_left_out)
            for href, (line, column) in zip(rendered.broken_links, rendered.broken_at, strict=True)
        ]
        return Narrative(Markup(rendered.html), toc, problems)


def broken_link(path: str, line: int, column: int, href: str, drafts: Mapping[str, str] | None = None) -> Problem:
    """The warning for a link, in a content file, to no page or file of the site (``drafts``:
    the files of draft maps left out of the site, by path, with their ids)."""
    target = join_relative(path, unquote(href))[0]
    if drafts and target in drafts:
        return Problem(
            path,
            line,
            column,
            f"the link '{href}' points to the draft map '{drafts[target]}', which this site leaves out "
            "(publish_drafts: false); the page shows the link's text",
            "remove the link, or publish the map (status: published)",
            Severity.WARNING,
        )
    return Problem(
        path,
        line,
        column,
        f"the link '{href}' points to no page or file of the site",
        "fix the path; it is relative to this file",
        Severity.WARNING,
    )


@dataclass
class Narrative:
    html: Markup
    toc: list[TocItem]
    problems: list[Problem]


class PageKind(ABC):
    """One kind of generated page."""

    kind: ClassVar[str]

    @abstractmethod
    def specs(self, ctx: Context) -> list[PageSpec]:
        """The pages of this kind the portfolio has."""

    @abstractmethod
    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        """The page's HTML, table of contents and search text. ``edit_url``: where the host
        says its content file is edited."""

    @abstractmethod
    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        """Everything the page shows (for the render cache): when these are equal between two
        builds, the page is the same and is not rendered again."""
