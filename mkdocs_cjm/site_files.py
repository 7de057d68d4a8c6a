"""The MkDocs side of the file-system rules declared in :mod:`mkdocs_cjm.core.reading.discovery`:
which files of the docs folder reach the site, which page wins a URL, and edit links that are
safe in an HTML attribute. Like :mod:`mkdocs_cjm.plugin`, a thin adapter: the rules are the core's.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from .core.assembly.portfolio import Portfolio
from .core.pages.base import PageSpec
from .core.pages.collisions import collision_problem
from .core.problems import Problem
from .core.reading.discovery import CONTENT_SUFFIXES, Entry, Layout, in_portfolio, is_private, walk

URL_SAFE = "/:?#[]@!$&()*+,;=%~"
"""What an edit link keeps as written: the URL's own punctuation (and escapes already made).
Quotes, angle brackets, spaces, backticks and backslashes are percent-encoded, so that no file
name can end the HTML attribute the link is written into."""


def safe_url(url: str | None) -> str | None:
    """``url`` with every character that could end an HTML attribute percent-encoded."""
    return None if url is None else quote(url, safe=URL_SAFE)


def edit_path(source: str) -> str:
    """A content file's path as the tail of its edit link: every special character encoded."""
    return quote(source, safe="/")


def broken_links(docs_dir: str) -> list[Entry]:
    """Links in the docs folder that dangle or lead to themselves (MkDocs stops with a traceback
    on them). A link back into a folder that holds it stops the build here, with a message: MkDocs
    would follow it until the path is too long, once per such link, in every combination."""
    refused = [entry for entry in walk(Path(docs_dir)) if entry.refused]
    loops = [entry for entry in refused if entry.refused == "loop"]
    if loops:
        raise PluginError(
            "\n".join(str(entry.problem()) for entry in loops)
            + "\nThe site is not built: MkDocs would follow these links without end."
        )
    return refused


def _linked_sources(root: Path, sources: list[str]) -> set[str]:
    """The files (relative to ``root``) that content files read through a link lead to."""
    real_root = Path(os.path.realpath(root))
    real = (Path(os.path.realpath(root / src)) for src in sources)
    return {path.relative_to(real_root).as_posix() for path in real if path.is_relative_to(real_root)}


def withhold(files: Files, portfolio: Portfolio, layout: Layout, broken: list[Entry], docs_dir: str) -> list[Problem]:
    """Take out of the site every file that must not be published: content files (only the pages
    built from them are), private files and folders under the portfolio folders, refused links
    and what they lead to. Returns the problems of broken links outside the portfolio (the loader
    reports those inside it)."""
    problems = [entry.problem() for entry in broken if not in_portfolio(entry.rel, layout)]
    gone = set(portfolio.sources) | set(portfolio.withheld) | {entry.rel for entry in broken}
    gone |= _linked_sources(Path(docs_dir), portfolio.sources)
    below = tuple(f"{rel}/" for rel in gone)
    own_files = (layout.owners_file.strip("/"), layout.evidence_file.strip("/"))
    for file in list(files):
        src = file.src_uri
        portfolio_content = src in own_files or (in_portfolio(src, layout) and src.lower().endswith(CONTENT_SUFFIXES))
        if src in gone or src.startswith(below) or is_private(src, layout) or portfolio_content:
            files.remove(file)
    return problems


def collision(taken: dict[str, File], file: File, spec: PageSpec) -> Problem | None:
    """The problem when a file of the docs folder is published at the URL of the generated page
    ``file`` (``taken``: the files of the docs folder by their destination)."""
    own = taken.get(file.dest_uri)
    return None if own is None else collision_problem(own.src_uri, file.dest_uri, spec)


def destinations(files: Files) -> dict[str, File]:
    """The files of the docs folder, by the path they are written to in the site."""
    return {file.dest_uri: file for file in files}


def generated_file(config: MkDocsConfig, spec: PageSpec, content: str, inclusion: InclusionLevel) -> File:
    """The MkDocs file of a generated page, with the content file it comes from as its edit
    link's path (MkDocs makes the "edit this page" link from it)."""
    file = File.generated(config, spec.src, content=content, inclusion=inclusion)
    file.edit_uri = edit_path(spec.source) if spec.source else None
    return file


def add_data_files(files: Files, config: MkDocsConfig, data: dict[str, str]) -> None:
    """Add the generated data files (path in the site → text), unless the docs folder has a file
    of that name (the site's own file wins)."""
    for src, text in sorted(data.items()):
        if files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content=text))
