"""What MkDocs is told about a generated page besides its HTML: its front matter (title,
description, tags, hidden sidebars), its table of contents, the links on a map's own tags, and
the navigation's order. Text from content files is made safe here for MkDocs' and Material's
templates, which insert titles and tags unescaped."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from mkdocs.structure.files import Files, file_sort_key
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import nest_paths, normalize_url

from .core.pages.base import PageSpec, TocItem
from .core.pages.insights import WIDE_INSIGHTS

WIDE_PAGES = ("journey", "template", "home", "journeys", "opportunities", "owners", "owner", *WIDE_INSIGHTS)
"""Page kinds that show a map grid, laid out over the whole window."""


def safe_label(text: str) -> str:
    """Text from content files, made safe for MkDocs and Material templates, which insert
    page titles, descriptions, tags and table-of-contents titles without escaping (and run
    titles through ``striptags``, which un-escapes entities). Angle brackets become look-alike
    quotation marks, so no tag can ever form; the rest is escaped."""
    return html.escape(text.replace("<", "\u2039").replace(">", "\u203a"), quote=True)


def front_matter(spec: PageSpec) -> str:
    meta: dict[str, Any] = {"title": safe_label(spec.title)}
    if spec.description:
        meta["description"] = safe_label(spec.description)
    if spec.tags:
        meta["tags"] = [safe_label(tag) for tag in spec.tags]
    if spec.continues:  # Material's search leaves it out, as Pagefind's does (site_search.py)
        meta["search"] = {"exclude": True}
    if spec.kind in WIDE_PAGES:
        # Maps and listings take the whole window: no sidebars (the page's sections are listed in
        # the page, cjm.css widens Material's grid), and a map's tags are links in its header (_link_tags).
        meta["hide"] = ["navigation", "toc", "tags"]
    # JSON is YAML, and json.dumps quotes whatever an editor wrote safely.
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n"


_TAG = re.compile(r'<span class="cjm-tag">([^<]*)</span>')


def link_tags(text: str, tags: Any, page: Page) -> str:
    """A map's own tags are named in its header (``<span class="cjm-tag">``), not above its title
    where Material shows them; with Material's tags plugin, each becomes a link to the tag's
    listing, as Material's would be (``tags``: the page's tag references, which Material's
    templates read as ``tag.name`` and ``tag.url``; their names are front matter, safe_label'd)."""
    urls = {str(tag.name): str(tag.url) for tag in tags or () if getattr(tag, "url", None)}

    def link(match: re.Match[str]) -> str:
        url = urls.get(safe_label(html.unescape(match.group(1))))
        if url is None:
            return match.group(0)
        return f'<a class="cjm-tag" href="{html.escape(normalize_url(url, page))}">{match.group(1)}</a>'

    return _TAG.sub(link, text) if urls else text


def anchor(item: TocItem) -> AnchorLink:
    link = AnchorLink(safe_label(item.title), item.id, item.level)
    link.children = [anchor(child) for child in item.children]
    return link


def arranged_nav(files: Files, sections: list[str]) -> list[Any]:
    """The ``nav`` MkDocs would make from the files, with the portfolio's ``sections`` (their
    index pages, in site order) first and a section that holds only its index page collapsed
    into that page. MkDocs builds the navigation (titles, previous and next pages) from it as
    from a ``nav`` in ``mkdocs.yml``."""
    pages = sorted(files.documentation_pages(), key=file_sort_key)
    items = nest_paths(f.src_uri for f in pages if f.inclusion.is_in_nav())  # type: ignore[no-untyped-call]

    def first_page(item: Any) -> Any:
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
