"""The site's navigation when ``mkdocs.yml`` has none: the pages in the order MkDocs gives them,
with the portfolio's sections first (the ``arrange_nav`` option). Pure, so that the plugin and
``mkdocs-cjm build-pages`` (which writes it into a generator's configuration) arrange it alike."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

NavItem = Any
"""A ``nav`` entry as ``mkdocs.yml`` writes it: a page's path, or ``{title: [entries]}``."""

_INDEX_NAMES = frozenset({"index", "README"})


def sort_key(src: str) -> tuple[Any, ...]:
    """MkDocs's order of a docs folder's files: a folder's index first, its sub-folders last."""
    parts = PurePosixPath(src).parts
    if not parts:
        return ()
    return (parts[:-1], PurePosixPath(parts[-1]).stem not in _INDEX_NAMES, parts[-1])


def dirname_to_title(dirname: str) -> str:
    """A section's title from its folder's name, as MkDocs makes it (``first_steps`` → ``First steps``)."""
    title = dirname.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def nest_paths(paths: Iterable[str]) -> list[NavItem]:
    """Pages nested by folder, each folder a ``{title: [entries]}`` section, as MkDocs nests them."""
    nested: list[NavItem] = []
    for path in paths:
        branch = nested
        for part in PurePosixPath(path).parent.parts:
            title = dirname_to_title(part)
            node = next((n for n in branch if isinstance(n, dict) and title in n), None)
            if node is None:
                node = {title: []}
                branch.append(node)
            branch = node[title]
        branch.append(path)
    return nested


def arranged_nav(pages: Iterable[str], sections: list[str]) -> list[NavItem]:
    """The ``nav`` MkDocs would make from the documentation ``pages`` (those in the navigation),
    with the portfolio's ``sections`` (their index pages, in site order) first and a section that
    holds only its index page collapsed into that page."""
    items = nest_paths(sorted(pages, key=sort_key))

    def first_page(item: NavItem) -> Any:
        if isinstance(item, dict):
            children = next(iter(item.values()))
            return children[0] if children and isinstance(children[0], str) else None
        return item

    ours = [next((i for i in items if first_page(i) == src), None) for src in sections]
    arranged = [i for i in ours if i is not None] + [i for i in items if i not in ours]
    return [
        first_page(i) if isinstance(i, dict) and len(next(iter(i.values()))) == 1 and first_page(i) else i
        for i in arranged
    ]
