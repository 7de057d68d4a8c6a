"""Every file of a ``build-pages`` project, in memory: the site's own docs, each generated page as
a Markdown file holding its rendered HTML under front matter, the assets, the data files, the
starters and schemas, and the generator's configuration. Pure: nothing is written here
(:mod:`.write` does that), so the same content gives the same files, byte for byte."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from ..assembly.portfolio import Portfolio
from ..assets import STARTERS, site_assets
from ..config import config_node
from ..history import History, HistoryCache
from ..nav import arranged_nav
from ..pages.base import PageSpec, RenderedPage, SiteOptions
from ..pages.collisions import collisions
from ..pages.front_matter import front_matter
from ..pages.site import SiteRenderer
from ..problems import Problem
from ..project import Project
from ..published import DATA_FILE, published_chunks
from ..render.urls import Routes
from ..report import Outcome, outcome_of, site_files, starter_problems
from ..schema import SITE_SCHEMA_DIR, published_starter, schema_text, schemas
from ..starters import EXTRA_STARTERS, default_starters_dir, load_starters
from ..validation.reviews import review_problems
from .generator_config import DOCS, OVERRIDES, generator_config

TEXT_VERSION_PREFIX = "text-"
"""The ids of a map's text version are its grid's ids with this prefix (cjm.js takes a link to one
to the grid's own)."""


Put = Callable[[str, "bytes | Iterable[str]"], None]
"""Receives each file of the project: its path in the output folder and its bytes (or text in pieces)."""


def text_version(search_html: str) -> str:
    """A journey page's text version, stage by stage: what a generator's own search indexes by
    heading, so that its results land on a stage (the page title is the page's own)."""
    body = re.sub(r"<h1\b[^>]*>.*?</h1>\s*", "", search_html, count=1, flags=re.S)
    body = body.replace(' id="', f' id="{TEXT_VERSION_PREFIX}')
    return f'<details class="cjm-as-text">\n<summary>The map as text, stage by stage</summary>\n{body}\n</details>\n'


def output_src(src: str, use_directory_urls: bool) -> str:
    """Where a generated page is written in the docs folder: ``journeys/a.md`` becomes
    ``journeys/a/index.md`` with directory URLs, so the file sits where its page is served and the
    relative links in its HTML mean the same to every generator."""
    path = PurePosixPath(src)
    if not use_directory_urls or path.stem in ("index", "README"):
        return src
    return (path.parent / path.stem / "index.md").as_posix()


def page_markdown(spec: PageSpec, rendered: RenderedPage) -> str:
    """A generated page as a Markdown file: its front matter, then its HTML, which Markdown
    passes through as it is (a raw HTML block)."""
    html = rendered.html.strip()
    if spec.kind == "journey" and rendered.search_html:
        html += "\n" + text_version(rendered.search_html)
    return f"{front_matter(spec)}\n{html}\n"


def _history(project: Project, portfolio: Portfolio, cache: HistoryCache | None) -> History | None:
    """The maps' history from git, as the plugin reads it (``cache``: kept across ``--watch`` runs)."""
    o = project.options
    if not o.history:
        return None
    maps = {m.source.path: m.model.reviewed for m in portfolio.maps.values()}
    return (cache or HistoryCache()).load(
        project.root, maps, site_lanes=o.lanes, limit=o.history_limit, repo_url=project.repo_url
    )


def _renderer(
    project: Project, portfolio: Portfolio, pages: frozenset[str], others: frozenset[str], history: History | None
) -> SiteRenderer:
    folder = project.starters_dir or default_starters_dir()
    starters = load_starters(folder, project.site_lanes, project.today, project.site_url)
    options = SiteOptions.of(
        project.options,
        use_directory_urls=project.use_directory_urls,
        site_name=project.site_name,
        site_description=project.site_description,
        home=project.options.home and "index.md" not in pages,
        doc_pages=pages,
        static_files=others,
        text_starters=True,
    )
    dirs = [project.custom_dir] if project.custom_dir else []
    return SiteRenderer(
        portfolio,
        starters,
        routes=Routes(),
        template_dirs=dirs,
        options=options,
        site_lanes=project.site_lanes,
        history=history,
    )


def _pages(
    renderer: SiteRenderer, pages: frozenset[str], project: Project, put: Put
) -> tuple[list[PageSpec], list[Problem]]:
    """Render and put every generated page (one at a time: a large portfolio is never held in
    memory whole); the pages written, and the problems found."""
    specs = renderer.pages()
    clashes = collisions(pages, specs, project.use_directory_urls)
    left_out = {p.file for p in clashes}
    kept: list[PageSpec] = []
    problems: list[Problem] = list(clashes)
    for spec in specs:
        if spec.src in pages or spec.src in left_out:
            continue
        rendered = renderer.render(spec)
        problems += rendered.problems
        put(f"{DOCS}/{output_src(spec.src, project.use_directory_urls)}", page_markdown(spec, rendered).encode())
        kept.append(spec)
    return kept, problems


def _starters(project: Project, renderer: SiteRenderer) -> dict[str, bytes]:
    folder = project.starters_dir or default_starters_dir()
    names = [f"{kind.value}.yml" for kind in renderer.ctx.starters] + list(EXTRA_STARTERS)
    files = {}
    for name in names:
        path = folder / name
        if path.is_file():
            text = published_starter(path.read_text(encoding="utf-8"), project.site_url)
            files[f"{STARTERS}/{renderer.ctx.options.starter_file(name)}"] = text.encode()
    return files


def build_project(project: Project, out: Path, put: Put, history: HistoryCache | None = None) -> Outcome:
    """Put every file of the output folder for ``project``; the problems ``validate`` would report
    (``history``: the git history read before, kept across ``--watch`` runs)."""
    everything = project.load()
    portfolio = everything.published(project.options.publish_drafts)
    pages, others = site_files(project.root, portfolio.sources, project.layout)
    own = pages | others
    for rel in sorted(own):
        put(f"{DOCS}/{rel}", (project.root / rel).read_bytes())
    renderer = _renderer(project, portfolio, pages, others, _history(project, portfolio, history))
    specs, render_problems = _pages(renderer, pages, project, put)
    extra: dict[str, bytes] = {src: text.encode() for src, text in renderer.data_files().items()}
    extra.update({src: path.read_bytes() for src, path in site_assets(project.options).items()})
    extra.update(_starters(project, renderer))
    extra.update({f"{SITE_SCHEMA_DIR}/{name}": schema_text(s).encode() for name, s in schemas().items()})
    for rel, data in extra.items():
        if rel not in own:  # a file of the site's own wins, as in the plugin's build
            put(f"{DOCS}/{rel}", data)
    if project.options.publish_data and DATA_FILE not in own:
        put(f"{DOCS}/{DATA_FILE}", published_chunks(portfolio))
    for rel, data in _overrides(project).items():
        put(rel, data)
    put("mkdocs.yml", _config(project, out, pages, specs).encode())
    problems = [
        *project.problems,
        *everything.problems,
        *starter_problems(project),
        *render_problems,
        *review_problems(everything, overdue=project.options.overdue_reviews, due_days=project.options.review_due_days),
    ]
    return outcome_of(project, everything, problems)


def _overrides(project: Project) -> dict[str, bytes]:
    folder = project.custom_dir
    if folder is None:
        return {}
    return {
        f"{OVERRIDES}/{path.relative_to(folder).as_posix()}": path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    }


def _config(project: Project, out: Path, pages: frozenset[str], specs: list[PageSpec]) -> str:
    node = config_node(project.config_file) if project.config_file else None
    moved = {s.src: output_src(s.src, project.use_directory_urls) for s in specs}
    nav = _moved(project.nav, moved) if project.nav is not None else None
    if project.options.arrange_nav and project.nav is None:
        sections = [Routes().home, *(s.src for s in specs if s.in_nav and s.key is None)]
        in_nav = list(pages) + [s.src for s in specs if s.in_nav]
        nav = _moved(arranged_nav(in_nav, list(dict.fromkeys(sections))), moved)
    return generator_config(
        node,
        base=project.base,
        out=out,
        nav=nav,
        not_in_nav=[moved[s.src] for s in specs if not s.in_nav],
        add_search=project.options.search == "pagefind",
        custom_dir=project.custom_dir is not None,
    )


def _moved(nav: Any, moved: dict[str, str]) -> Any:
    """``nav`` with each generated page's path replaced by where it is written."""
    if isinstance(nav, list):
        return [_moved(item, moved) for item in nav]
    if isinstance(nav, dict):
        return {title: _moved(items, moved) for title, items in nav.items()}
    return moved.get(nav, nav)
