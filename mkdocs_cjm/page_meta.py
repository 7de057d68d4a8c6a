"""What MkDocs is told about a generated page besides its HTML: its front matter (title,
description, tags, hidden sidebars), its table of contents, the links on a map's own tags, and
the navigation's order. Text from content files is made safe here for MkDocs' and Material's
templates, which insert titles and tags unescaped."""

from __future__ import annotations

import html
import re
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import normalize_url

from .core.nav import arranged_nav as core_nav
from .core.pages.base import TocItem
from .core.pages.front_matter import safe_label

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


_MAIN = 'class="md-main__inner md-grid"'
"""Material's main column, as its ``main.html`` writes it (the first one on the page)."""


def mark_wide(output: str) -> str:
    """A map's or listing's page with Material's main column marked ``cjm-wide-main``: cjm.css
    lays such a page out over the whole window. ``.cjm-wide`` in the content says so too, but it
    comes after Material's header and sidebars, and a busy browser may paint the page before it
    has parsed that far: laid out Material's way first, the page would then move (a layout
    shift). Material swaps its container, main column included, on instant navigation, so the
    mark comes and goes with the page. A theme without that column keeps ``.cjm-wide``."""
    return output.replace(_MAIN, 'class="md-main__inner md-grid cjm-wide-main"', 1)


def anchor(item: TocItem) -> AnchorLink:
    link = AnchorLink(safe_label(item.title), item.id, item.level)
    link.children = [anchor(child) for child in item.children]
    return link


def arranged_nav(files: Files, sections: list[str]) -> list[Any]:
    """The ``nav`` MkDocs would make from the files, with the portfolio's ``sections`` first
    (:func:`mkdocs_cjm.core.nav.arranged_nav`). MkDocs builds the navigation (titles, previous and
    next pages) from it as from a ``nav`` in ``mkdocs.yml``."""
    return core_nav([f.src_uri for f in files.documentation_pages() if f.inclusion.is_in_nav()], sections)  # type: ignore[no-untyped-call]
