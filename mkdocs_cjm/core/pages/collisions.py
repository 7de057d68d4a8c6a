"""A page of the site's own at the URL of a page the plugin generates: one rule and one message
for the build (the MkDocs adapter) and for ``mkdocs-cjm validate``."""

from __future__ import annotations

from collections.abc import Iterable
from posixpath import basename, dirname, join, splitext

from ..problems import Problem
from .base import PageSpec


def destination(src: str, use_directory_urls: bool) -> str:
    """Where MkDocs writes the page of the Markdown file ``src``: ``README.md`` is its folder's
    index, as ``index.md`` is; with directory URLs, ``a/b.md`` is ``a/b/index.html``."""
    stem = splitext(basename(src))[0]
    stem = "index" if stem == "README" else stem
    folder = dirname(src)
    if stem == "index" or not use_directory_urls:
        return join(folder, f"{stem}.html")
    return join(folder, stem, "index.html")


def url_of(dest: str) -> str:
    """The URL a reader sees for a page written to ``dest``."""
    if dest == "index.html":
        return "/"
    return "/" + (dest.removesuffix("index.html") if dest.endswith("/index.html") else dest)


def _generated(spec: PageSpec) -> str:
    return f"its {spec.kind} page" + (f" for '{spec.key}'" if spec.key else "")


def collision_problem(own: str, dest: str, spec: PageSpec) -> Problem:
    """The problem of the site's own page ``own``, written to ``dest``, where the plugin
    generates ``spec``. The site keeps the hand-written page: the generated one is left out."""
    fix = "rename or move the file"
    if spec.kind == "home":
        fix += ", or set 'home: false' for the cjm plugin in mkdocs.yml to make it the home page"
    return Problem(
        own,
        1,
        1,
        f"this page is published at '{url_of(dest)}', where the plugin generates {_generated(spec)}",
        f"{fix}; until then the site shows this page and leaves the generated one out",
    )


def collisions(pages: Iterable[str], specs: Iterable[PageSpec], use_directory_urls: bool) -> list[Problem]:
    """Every page of ``pages`` (the site's own Markdown files) written where a generated page of
    ``specs`` would be, as the build finds them."""
    taken: dict[str, str] = {}
    for src in sorted(pages):
        taken.setdefault(destination(src, use_directory_urls), src)
    problems = []
    for spec in specs:
        dest = destination(spec.src, use_directory_urls)
        own = taken.get(dest)
        if own is not None:
            problems.append(collision_problem(own, dest, spec))
    return problems
