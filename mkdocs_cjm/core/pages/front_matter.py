"""What a generated page tells its host besides its HTML: its front matter (title, description,
tags, hidden sidebars), as MkDocs, ProperDocs and Zensical read it. Text from content files is
made safe here for the hosts' templates, which insert titles and tags unescaped."""

from __future__ import annotations

import html
import json
from typing import Any

from .base import PageSpec
from .insights import WIDE_INSIGHTS

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
