"""The MkDocs plugin: a thin adapter that wires MkDocs events to the pure core.

All knowledge of journey maps lives in :mod:`mkdocs_cjm.core`; this module only turns MkDocs
configuration into core options, adds the generated pages and assets to the build, and hands
each page's HTML, table of contents and search text back to MkDocs.
"""

from __future__ import annotations

import functools
import html
import json
import os
import time
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from pydantic import TypeAdapter, ValidationError

from .core.loader import Layout, ParseCache, load_portfolio
from .core.models import LaneDef
from .core.portfolio import Portfolio
from .core.render.cache import Fingerprints, RenderCache, template_stamp
from .core.render.pages import PageSpec, RenderedPage, SiteOptions, SiteRenderer, TocItem
from .core.render.urls import Routes, edit_url
from .core.schema import SITE_SCHEMA_DIR, published_starter, write_schemas
from .core.starters import EXTRA_STARTERS, default_starters_dir, load_starters

log = get_plugin_logger(__name__)

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
_LANES = TypeAdapter(dict[str, LaneDef])


def _timed(event: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add the time spent in an event handler to the plugin's per-event totals (``timings``),
    which a debug message reports after each build (``mkdocs build -v``)."""
    def wrap(handler: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(handler)
        def timed(self: CjmPlugin, *args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return handler(self, *args, **kwargs)
            finally:
                self.timings[event] = self.timings.get(event, 0.0) + time.perf_counter() - started
        return timed
    return wrap


class CjmConfig(base.Config):
    """Options of the ``cjm`` plugin in ``mkdocs.yml``."""

    enabled = c.Type(bool, default=True)
    """Build the journey-map pages. Set to false to build the site without them."""

    personas_dir = c.Type(str, default="personas")
    """Folder of persona files (YAML or Markdown with front matter), relative to ``docs_dir``."""

    journeys_dir = c.Type(str, default="journeys")
    """Folder of journey map files, relative to ``docs_dir``; sub-folders are searched too."""

    owners_file = c.Type(str, default="owners.yml")
    """The YAML file declaring owners (teams and people), relative to ``docs_dir``."""

    home = c.Type(bool, default=True)
    """Generate the portfolio home page as ``index.md``, unless the docs dir has its own."""

    starters_dir = c.Optional(c.Dir(exists=True))
    """Folder of the template gallery's starter files; defaults to the starters that ship
    with the plugin."""

    lanes = c.Type(dict, default={})
    """Site-wide lane changes: rename a built-in lane (``thoughts: {title: Thinking}``) or
    declare a custom lane every map may use (``systems: {title: Systems, prompt: …}``)."""

    today = c.Optional(c.Type(str))
    """The date (YYYY-MM-DD) reviews are judged against. Defaults to ``SOURCE_DATE_EPOCH`` when
    set, else today; set it to make builds reproducible."""

    charts = c.Type(bool, default=True)
    """Draw the interactive sentiment chart on journey pages (the grid's emotion lane and the
    data table are always there)."""

    plotly_url = c.Optional(c.Type(str))
    """Load plotly.js from this URL instead of the copy bundled into the site."""

    arrange_nav = c.Type(bool, default=True)
    """When ``mkdocs.yml`` has no ``nav``, put the portfolio's sections first, in reading order,
    with one entry per section (maps, personas and owners are reached from the index pages)."""


class CjmPlugin(BasePlugin[CjmConfig]):
    """Publishes a customer journey map portfolio."""

    def __init__(self) -> None:
        self._cache = ParseCache()
        self._portfolio: Portfolio | None = None
        self._renderer: SiteRenderer | None = None
        self._specs: dict[str, PageSpec] = {}
        self._real_content: dict[str, str | None] = {}
        self._lanes: dict[str, LaneDef] = {}
        self._today = date.today()
        self._starters_dir = default_starters_dir()
        self._starter_files: list[Path] = []
        self._render_cache: RenderCache | None = None
        self._fingerprints: Fingerprints | None = None
        self.render_stats: tuple[int, int] = (0, 0)
        """Pages reused from and rendered into the render cache in the last build (serve only)."""
        self.timings: dict[str, float] = {}
        """Seconds spent in each event handler during the last build."""

    # Defining on_startup makes MkDocs keep this instance across `mkdocs serve` rebuilds, so
    # the parse cache survives and only changed files are read again; under `serve`, rendered
    # pages are kept too, and a page whose inputs did not change is not rendered again.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command
        self._render_cache = RenderCache() if command == "serve" else None

    def on_shutdown(self) -> None:
        self._render_cache = None

    @_timed("on_config")
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.timings = {}
        if not self.config.enabled:
            return config
        try:
            self._lanes = _LANES.validate_python(self.config.lanes or {})
        except ValidationError as exc:
            raise PluginError(f"cjm: option 'lanes' is invalid: {exc}") from exc
        self._today = _reference_date(self.config.today)
        self._starters_dir = Path(self.config.starters_dir) if self.config.starters_dir else default_starters_dir()
        # Our templates come last: a site's custom_dir (first in the list) overrides any of them.
        config.theme.dirs.append(str(Path(__file__).resolve().parent / "templates"))
        for css in ("assets/cjm/cjm.css",):
            if css not in config.extra_css:
                config.extra_css.append(css)
        if "assets/cjm/cjm.js" not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append("assets/cjm/cjm.js")
        return config

    @_timed("on_files")
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        layout = Layout(self.config.personas_dir, self.config.journeys_dir, self.config.owners_file)
        portfolio = load_portfolio(config.docs_dir, layout, site_lanes=self._lanes, today=self._today,
                                   cache=self._cache)
        for problem in portfolio.problems:
            log.warning(str(problem))
        starters = load_starters(self._starters_dir, self._lanes, self._today, config.site_url)
        for starter in starters.values():
            for problem in starter.problems:
                log.warning(f"starter {problem}")

        for src in portfolio.sources:
            existing = files.get_file_from_path(src)
            if existing is not None:
                files.remove(existing)

        doc_pages = frozenset(f.src_uri for f in files.documentation_pages())
        static = frozenset(f.src_uri for f in files.static_pages() if not f.src_uri.startswith("assets/cjm/"))
        options = SiteOptions(
            use_directory_urls=config.use_directory_urls,
            site_name=config.site_name,
            site_description=config.site_description or "",
            home=self.config.home and files.get_file_from_path("index.md") is None,
            charts=self.config.charts,
            doc_pages=doc_pages,
            static_files=static,
            plotly_url=self.config.plotly_url,
            repo_url=config.repo_url,
            edit_uri=config.edit_uri,
            edit_uri_template=config.edit_uri_template,
        )
        renderer = SiteRenderer(portfolio, starters, routes=Routes(), template_dirs=config.theme.dirs,
                                options=options)
        self._specs = {}
        for spec in renderer.pages():
            if files.get_file_from_path(spec.src) is not None:
                log.warning(f"{spec.src} exists in the docs dir, so the generated {spec.kind} page is not "
                            "added; rename or remove the file")
                continue
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, spec.src, content=_front_matter(spec), inclusion=inclusion))
            self._specs[spec.src] = spec

        assets = {
            "assets/cjm/cjm.css": ASSETS_DIR / "cjm.css",
            "assets/cjm/cjm.js": ASSETS_DIR / "cjm.js",
        }
        if self.config.charts and not self.config.plotly_url:
            assets["assets/cjm/plotly.min.js"] = _plotly_bundle()
        self._starter_files = [p for p in (self._starters_dir / n for n in
                               [f"{kind.value}.yml" for kind in starters] + list(EXTRA_STARTERS)) if p.is_file()]
        for src, path in assets.items():
            if files.get_file_from_path(src) is None:
                files.append(File.generated(config, src, abs_src_path=str(path)))

        self._portfolio, self._renderer = portfolio, renderer
        self._fingerprints = None
        if self._render_cache is not None:
            self._render_cache.retain(self._specs, portfolio.maps.values())
            self._fingerprints = Fingerprints(renderer, self._render_cache, template_stamp(config.theme.dirs))
        return files

    @_timed("on_nav")
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or not self.config.arrange_nav or config.nav is not None:
            return nav
        return _arrange(nav, [Routes().home, *(f"{s}/index.md" for s in
                                                ("personas", "journeys", "opportunities", "owners", "templates"))])

    # A generated page is rendered when MkDocs writes it (on_page_context), not when MkDocs
    # reads the pages (on_page_content): MkDocs reads every page before it writes the first, so
    # rendering early would hold the HTML of thousands of pages in memory at once. Until then the
    # page holds a placeholder; after it is written, its HTML is let go (on_post_page).
    PLACEHOLDER = "<!-- cjm: this page is rendered when it is written -->"

    @_timed("on_page_content")
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        spec = self._specs.get(page.file.src_uri)
        if spec is None or self._renderer is None:
            return html
        if spec.source:
            page.edit_url = _edit_url(config, spec.source)
        return self.PLACEHOLDER

    def _render(self, spec: PageSpec) -> RenderedPage:
        assert self._renderer is not None
        if self._render_cache is None or self._fingerprints is None:
            return self._renderer.render(spec)
        fingerprint = self._fingerprints.of(spec)
        rendered = self._render_cache.get(spec.src, fingerprint)
        if rendered is None:
            rendered = self._renderer.render(spec)
            self._render_cache.put(spec.src, fingerprint, rendered)
        return rendered

    # The search plugin indexes `page.content` in its own on_page_context. A generated page is
    # rendered just before it, and indexed from its search view (a journey page stage by stage,
    # a listing by its summary), swapped in for the search plugin and swapped out just after.
    @event_priority(100)
    @_timed("on_page_context")
    def _render_page(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> None:
        spec = self._specs.get(page.file.src_uri)
        if spec is None or self._renderer is None:
            return
        rendered = self._render(spec)
        for problem in rendered.problems:
            log.warning(str(problem))
        page.toc = TableOfContents([_anchor(item) for item in rendered.toc])  # type: ignore[arg-type]
        self._real_content[page.file.src_uri] = rendered.html
        page.content = rendered.search_html if rendered.search_html is not None else rendered.html

    @event_priority(-100)
    @_timed("on_page_context")
    def _search_view_out(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> None:
        if page.file.src_uri in self._real_content:
            page.content = self._real_content.pop(page.file.src_uri)

    on_page_context = CombinedEvent(_render_page, _search_view_out)

    @_timed("on_post_page")
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.src_uri in self._specs:
            page.content = self.PLACEHOLDER
        return output

    @_timed("on_post_build")
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Starter files are downloads, not pages (persona.md would otherwise become a page).
        if not self.config.enabled:
            return
        target = Path(config.site_dir) / "assets" / "cjm" / "starters"
        target.mkdir(parents=True, exist_ok=True)
        for path in self._starter_files:
            text = published_starter(path.read_text(encoding="utf-8"), config.site_url)
            (target / path.name).write_text(text, encoding="utf-8", newline="")
        # The JSON Schemas editors point their YAML language server at.
        write_schemas(Path(config.site_dir) / SITE_SCHEMA_DIR)
        cache = self._render_cache
        log.debug("time per event: " + ", ".join(f"{k} {v:.3f}s" for k, v in sorted(self.timings.items()))
                  + (f"; pages reused {cache.hits}, rendered {cache.misses}" if cache else ""))
        if cache is not None:
            self.render_stats = (cache.hits, cache.misses)
            cache.hits = cache.misses = 0

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled and self._starters_dir.is_dir():
            server.watch(str(self._starters_dir))
        return server


def _reference_date(value: str | None) -> date:
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise PluginError(f"cjm: option 'today' must be a date like 2026-09-14, not '{value}'") from exc
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def safe_label(text: str) -> str:
    """Text from content files, made safe for MkDocs and Material templates, which insert
    page titles, descriptions, tags and table-of-contents titles without escaping (and run
    titles through ``striptags``, which un-escapes entities). Angle brackets become look-alike
    quotation marks, so no tag can ever form; the rest is escaped."""
    return html.escape(text.replace("<", "\u2039").replace(">", "\u203a"), quote=True)


def _front_matter(spec: PageSpec) -> str:
    meta: dict[str, Any] = {"title": safe_label(spec.title)}
    if spec.description:
        meta["description"] = safe_label(spec.description)
    if spec.tags:
        meta["tags"] = [safe_label(tag) for tag in spec.tags]
    if spec.kind == "journey":
        meta["hide"] = ["navigation"]
    # JSON is YAML, and json.dumps quotes whatever an editor wrote safely.
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n"


def _plotly_bundle() -> Path:
    import plotly

    path = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise PluginError("cjm: plotly.min.js is missing from the plotly package; reinstall plotly "
                          "or set the plugin's 'plotly_url' option")
    return path


def _anchor(item: TocItem) -> AnchorLink:
    link = AnchorLink(safe_label(item.title), item.id, item.level)
    link.children = [_anchor(child) for child in item.children]
    return link


def _edit_url(config: MkDocsConfig, source: str) -> str | None:
    """The "edit this page" link of a generated page points at the content file it comes from."""
    return edit_url(config.repo_url, config.edit_uri, config.edit_uri_template, source)


def _arrange(nav: Navigation, first: list[str]) -> Navigation:
    """Put the portfolio's sections first, and collapse a section that only holds its index
    page into that page."""
    def key(item: Any) -> str | None:
        page = item if isinstance(item, Page) else (
            item.children[0] if isinstance(item, Section) and item.children and isinstance(item.children[0], Page)
            else None)
        return page.file.src_uri if page is not None else None

    items = list(nav.items)
    ours = [next((i for i in items if key(i) == src), None) for src in first]
    rest = [i for i in items if i not in ours]
    arranged: list[Any] = []
    for item in [i for i in ours if i is not None] + rest:
        if isinstance(item, Section) and len(item.children) == 1 and isinstance(item.children[0], Page):
            page = item.children[0]
            page.parent = None
            arranged.append(page)
        else:
            arranged.append(item)
    pages: list[Page] = []

    def collect(entries: list[Any]) -> None:
        for entry in entries:
            if isinstance(entry, Page):
                pages.append(entry)
            elif isinstance(entry, Section):
                collect(entry.children)

    collect(arranged)
    for i, page in enumerate(pages):
        page.previous_page = pages[i - 1] if i > 0 else None
        page.next_page = pages[i + 1] if i + 1 < len(pages) else None
    return Navigation(arranged, pages)
