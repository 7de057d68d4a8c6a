"""The MkDocs plugin: a thin adapter that wires MkDocs events to the pure core.

All knowledge of journey maps lives in :mod:`mkdocs_cjm.core`; this module hands MkDocs the
options the core declares, the generated pages and assets (with the content file each page is
edited in, for edit links), the order of the navigation, each page's HTML, table of contents and
search text (Pagefind's index: :mod:`mkdocs_cjm.site_search`)."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from .core.assembly.portfolio import Portfolio
from .core.assets import SCRIPTS, STARTERS, STYLESHEET, site_assets
from .core.history import History, HistoryCache
from .core.loader import ParseCache, load_portfolio
from .core.options import Options, check_options, defaults
from .core.pages.base import TEMPLATES_DIR, PageSpec, SiteOptions
from .core.pages.front_matter import WIDE_PAGES, front_matter
from .core.pages.site import SiteRenderer
from .core.published import DATA_FILE, write_data_file
from .core.reading.discovery import Entry
from .core.render.cache import RenderCache
from .core.render.urls import Routes
from .core.schema import SITE_SCHEMA_DIR, published_starter, write_schemas
from .core.starters import EXTRA_STARTERS, default_starters_dir, load_starters
from .page_meta import anchor, arranged_nav, link_tags, mark_wide
from .preview import keep_preview_going, named, site_config
from .reporting import report
from .site_files import add_data_files, broken_links, collision, destinations, generated_file, safe_url, withhold
from .site_search import SiteSearch

log = get_plugin_logger(__name__)


def deferred(path: str) -> ExtraScriptValue:
    """A script run once the page is parsed (after Material's, which it builds on): it holds up
    neither the parser nor the first paint."""
    script = ExtraScriptValue(path)
    script.defer = True
    return script


class _CoreOption(base.BaseConfigOption[Any]):
    """An option whose meaning (type, default, docstring) is declared in the core
    (:class:`mkdocs_cjm.core.options.Options`), which also validates it."""

    def __init__(self, default: Any) -> None:
        super().__init__()
        self.default = default


class _Config(base.Config):  # type: ignore[no-untyped-call]  # MkDocs leaves __init_subclass__ untyped
    def _validate(self) -> tuple[Any, Any]:
        failed, warnings = super()._validate()
        # The plugin reports an unknown option itself, at its line in mkdocs.yml, with a hint.
        return failed, [w for w in warnings if not str(w[1]).startswith("Unrecognised configuration name")]


if TYPE_CHECKING:
    CjmConfig = base.Config
else:
    # The plugin's config class, made from the core's declaration of the options.
    CjmConfig = type(
        "CjmConfig",
        (_Config,),
        {"__doc__": Options.__doc__, **{name: _CoreOption(value) for name, value in defaults().items()}},
    )


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


class CjmPlugin(BasePlugin[CjmConfig]):  # type: ignore[no-untyped-call]  # MkDocs leaves __class_getitem__ untyped
    """Publishes a customer journey map portfolio."""

    def __init__(self) -> None:
        self._cache = ParseCache()
        self._options = Options()
        self._renderer: SiteRenderer | None = None
        self._specs: dict[str, PageSpec] = {}
        self._real_content: dict[str, str | None] = {}
        self._starters_dir = default_starters_dir()
        self._own_starters = False
        self._serving = False
        self._config_files: list[Path] = []
        self._starter_files: list[Path] = []
        self._broken_links: list[Entry] = []
        self._own_data_file = False
        self._render_cache: RenderCache | None = None
        self._search: SiteSearch | None = None
        self._history = HistoryCache()
        """The docs folder's git history, read again when HEAD moves (``mkdocs serve``)."""
        self.render_stats: tuple[int, int] = (0, 0)
        """Pages reused from and rendered into the render cache in the last build (serve only)."""
        self.timings: dict[str, float] = {}
        """Seconds spent in each event handler during the last build."""

    # Defining on_startup keeps this instance across `mkdocs serve` rebuilds: only changed files
    # are read again, and a page whose inputs did not change is not rendered again.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"
        self._render_cache = RenderCache() if self._serving else None

    def on_shutdown(self) -> None:
        # MkDocs keeps this instance for the process: a later build must not be a preview.
        self._render_cache = None
        self._serving = False

    @_timed("on_config")
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.timings, self._search = {}, None
        # A wrong option is reported once, where mkdocs.yml (or a file it inherits) says it, and
        # left out: the site is built with the rest, as a wrong content file is left out.
        site = site_config(config.config_file_path)
        self._config_files = site.files
        docs = Path(config.docs_dir)
        self._options, problems = check_options(dict(self.config), site.locate, site.path.parent, docs)
        for problem in problems:
            report(problem, named(problem))
        if not self._options.enabled:
            return config
        self._broken_links = broken_links(config.docs_dir)
        own = self._options.starters(site.path.parent)
        self._own_starters = own is not None
        self._starters_dir = own or default_starters_dir()
        # Our templates come last: a site's custom_dir (first in the list) overrides any of them.
        config.theme.dirs.append(str(TEMPLATES_DIR))
        self._search = SiteSearch.start(config, self._options.search, self._options.search_index_pages)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        for script in SCRIPTS:
            if script not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(deferred(script))
        return config

    @_timed("on_files")
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self._options.enabled:
            return files
        o = self._options
        portfolio = load_portfolio(
            config.docs_dir,
            o.layout,
            site_lanes=o.lanes,
            today=o.reference_date(),
            backlogs=o.backlogs,
            cache=self._cache,
        )
        for problem in portfolio.problems:
            report(problem)
        portfolio = portfolio.published(o.publish_drafts)
        if portfolio.drafts_left_out:
            log.info("%d draft maps left out of the site (publish_drafts: false)", len(portfolio.drafts_left_out))
        starters = load_starters(self._starters_dir, o.lanes, o.reference_date(), config.site_url)
        for starter in starters.values():
            for problem in starter.problems:
                # The bundled starters are the plugin's own: a problem there is not the site's.
                if self._own_starters:
                    report(problem, named(problem))
                else:
                    log.debug(named(problem))
        # Content files are never published as they are, nor private files, nor refused links.
        for problem in withhold(files, portfolio, o.layout, self._broken_links, config.docs_dir):
            report(problem)
        self._renderer = SiteRenderer(
            portfolio,
            starters,
            routes=Routes(),
            template_dirs=config.theme.dirs,
            options=self._site_options(files, config),
            site_lanes=o.lanes,
            cache=self._render_cache,
            history=self._history_of(portfolio, config),
        )
        self._add_pages(files, config)
        self._add_assets(files, config, [kind.value for kind in starters])
        add_data_files(files, config, self._renderer.data_files())
        self._own_data_file = files.get_file_from_path(DATA_FILE) is not None
        if self._render_cache is not None:
            self._render_cache.retain(self._specs)
        if o.arrange_nav and config.nav is None:
            # The home page (generated or the site's own) first, then the portfolio's sections.
            home = self._renderer.ctx.routes.home
            sections = [home, *(s.src for s in self._specs.values() if s.in_nav and s.key is None)]
            config.nav = arranged_nav(files, list(dict.fromkeys(sections)))
        return files

    def _history_of(self, portfolio: Portfolio, config: MkDocsConfig) -> History | None:
        if not self._options.history:
            return None
        maps = {m.source.path: m.model.reviewed for m in portfolio.maps.values()}
        o, docs = self._options, Path(config.docs_dir)
        history = self._history.load(docs, maps, site_lanes=o.lanes, limit=o.history_limit, repo_url=config.repo_url)
        if self._history.news(history):  # said once, not at every rebuild
            log.info(history.unavailable)
        return history

    def _site_options(self, files: Files, config: MkDocsConfig) -> SiteOptions:
        return SiteOptions.of(
            self._options,
            use_directory_urls=config.use_directory_urls,
            site_name=config.site_name,
            site_description=config.site_description or "",
            home=self._options.home and files.get_file_from_path("index.md") is None,
            doc_pages=frozenset(f.src_uri for f in files.documentation_pages()),
            static_files=frozenset(
                f.src_uri for f in files if not f.is_documentation_page() and not f.src_uri.startswith("assets/cjm/")
            ),
            preview=self._options.layout if self._serving else None,
        )

    def _add_pages(self, files: Files, config: MkDocsConfig) -> None:
        assert self._renderer is not None
        self._specs = {}
        taken = destinations(files)
        for spec in self._renderer.pages():
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            file = generated_file(config, spec, front_matter(spec), inclusion)
            problem = collision(taken, file, spec)
            if problem is not None:  # a page of the docs folder at its URL: that page wins
                report(problem)
                continue
            files.append(file)
            self._specs[spec.src] = spec

    def _add_assets(self, files: Files, config: MkDocsConfig, map_starters: list[str]) -> None:
        for src, path in site_assets(self._options).items():
            if files.get_file_from_path(src) is None:
                files.append(File.generated(config, src, abs_src_path=str(path)))
        names = [f"{kind}.yml" for kind in map_starters] + list(EXTRA_STARTERS)
        self._starter_files = [p for p in (self._starters_dir / n for n in names) if p.is_file()]

    # A generated page is rendered when MkDocs writes it (on_page_context), not when it reads
    # the pages (MkDocs reads every page before it writes the first: thousands of pages' HTML at
    # once). Until then the page holds a placeholder; once written, its HTML is let go.
    PLACEHOLDER = "<!-- cjm: this page is rendered when it is written -->"

    @_timed("on_page_content")
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return self.PLACEHOLDER if page.file.src_uri in self._specs else html

    # Search plugins index `page.content` in on_page_context: a generated page is rendered just
    # before, its search view (a journey page stage by stage) swapped in, and out just after.
    @event_priority(100)
    @_timed("on_page_context")
    def _render_page(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> None:
        # Edit links go into HTML attributes (Material's edit and view buttons): no file name may end one.
        page.edit_url = safe_url(page.edit_url)
        spec = self._specs.get(page.file.src_uri)
        if spec is None or self._renderer is None:
            return
        rendered = self._renderer.render(spec, page.edit_url)
        for problem in rendered.problems:
            report(problem)
        page.toc = TableOfContents([anchor(item) for item in rendered.toc])
        self._real_content[page.file.src_uri] = rendered.html
        page.content = rendered.search_html if rendered.search_html is not None else rendered.html

    @event_priority(-100)
    @_timed("on_page_context")
    def _search_view_out(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> None:
        if self._search is not None:  # search: pagefind stages the search view (site_search.py)
            self._search.add(page, self._specs.get(page.file.src_uri), self._renderer and self._renderer.ctx.portfolio)
        if page.file.src_uri in self._real_content:
            content = self._real_content.pop(page.file.src_uri)
            page.content = content and link_tags(content, context.get("tags"), page)

    on_page_context = CombinedEvent(_render_page, _search_view_out)

    @_timed("on_post_page")
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        spec = self._specs.get(page.file.src_uri)
        if spec is None:
            return output
        page.content = self.PLACEHOLDER
        return mark_wide(output) if spec.kind in WIDE_PAGES else output

    @event_priority(-100)  # last: after every plugin's warnings
    @_timed("on_post_build")
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._serving and (counted := keep_preview_going(logging.getLogger("mkdocs"))):
            log.info(f"{counted} warning(s) would stop 'mkdocs build --strict'; the preview goes on")
        if not self._options.enabled:
            return
        # Starter files are downloads, not pages (persona.md would otherwise become a page).
        target = Path(config.site_dir) / STARTERS
        target.mkdir(parents=True, exist_ok=True)
        for path in self._starter_files:
            text = published_starter(path.read_text(encoding="utf-8"), config.site_url)
            (target / path.name).write_text(text, encoding="utf-8", newline="")
        # The JSON Schemas editors point their YAML language server at.
        write_schemas(Path(config.site_dir) / SITE_SCHEMA_DIR)
        # The data is for the published site; a preview (`mkdocs serve`) does without it.
        publish = self._options.publish_data and not self._own_data_file and not self._serving
        if self._renderer is not None and publish:
            write_data_file(Path(config.site_dir), self._renderer.portfolio)
        if self._search is not None:
            self._search.finish(config.site_dir)
        cache = self._render_cache
        log.debug(
            "time per event: "
            + ", ".join(f"{k} {v:.3f}s" for k, v in sorted(self.timings.items()))
            + (f"; pages reused {cache.hits}, rendered {cache.misses}" if cache else "")
        )
        if cache is not None:
            self.render_stats = (cache.hits, cache.misses)
            cache.hits = cache.misses = 0

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self._options.enabled and self._starters_dir.is_dir():
            server.watch(str(self._starters_dir))
        for path in self._config_files[1:]:  # MkDocs watches mkdocs.yml, not what it inherits
            server.watch(str(path))
        return server
