"""What a search index built from the finished site (Pagefind, the ``search: pagefind`` option)
reads of each page: a small HTML document per page, made of the page's search view (a journey
page stage by stage, each stage a heading with the id of its column in the grid, so a result
deep-links to the stage), its title, and the names the page is the home of.

A page's *own names* (a persona's or owner's name and id; a map's opportunity ids and backlog
keys) go into the ``name`` metadata field, which the search box ranks far above the rest
(``NAME_WEIGHT``): the page of a persona is the first result for her name, not the maps that
mention her; an opportunity id leads to the map where the opportunity is described.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from .assembly.entries import opportunities_of
from .assembly.portfolio import Portfolio
from .backlogs import GENERIC_LABEL
from .text import fold_accents

NAME_FIELD = "name"
"""The Pagefind metadata field of a page's own names."""

NAME_WEIGHT = 40.0
"""How much a match in a page's own names counts, against 5 for its title (Pagefind's
``ranking.metaWeights``; the search box's script reads it from the page)."""

STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """a about an and are as at be but by can do for from has have how i if in into is it its me
        my no not of on or our so than that the their them then there these they this to us was we
        what when where which who why will with you your""".split()  # noqa: SIM905
    ),
}
"""Words, by language, that the search box leaves out of a query of other words: they are on
nearly every page, so they find nothing more and cost most of the index to fetch (the chunk of
"the" alone is 250 KB per index at 10,000 maps). A query of nothing else asks for a word more."""

__all__ = ["NAME_FIELD", "NAME_WEIGHT", "STOP_WORDS", "own_names", "search_document", "stop_words"]


def stop_words(language: str, names: Iterable[str] = ()) -> list[str]:
    """The stop words of ``language`` (``en``, ``en-GB``…), or none for a language without a list,
    less the words of the site's own ``names`` (a persona called Will is found by "Will")."""
    kept = {re.sub(r"[\W_]+", "", word) for name in names for word in fold_accents(name).split()}  # as search.js
    return sorted(STOP_WORDS.get(language.lower().split("-")[0].split("_")[0], frozenset()) - kept)


def own_names(portfolio: Portfolio, kind: str, key: str | None, title: str) -> list[str]:
    """The names and ids the page of ``kind`` and ``key`` is the home of."""
    if kind in ("persona", "owner") and key:
        return [title, key]
    entry = portfolio.maps.get(key or "") if kind == "journey" else None
    if entry is None:
        return []
    names: list[str] = []
    for ref in opportunities_of(entry):
        link = ref.backlog
        names += [ref.id, *([link.label] if link and link.label != GENERIC_LABEL else [])]
    return names


def search_document(title: str, body: str, language: str, names: list[str]) -> str:
    """The document the index is built from: ``body`` (HTML: a search view, or a page's content)
    under the page's ``title``, with its own ``names``. Headings with an ``id`` become the
    sections a result links to."""
    lang = escape(language or "en")
    heading = "" if "<h1" in body[:200] else f"<h1>{escape(title)}</h1>"
    meta = f'<meta data-pagefind-meta="title[content]" content="{escape(title)}">'
    if names:
        joined = escape("; ".join(dict.fromkeys(names)))
        meta += f'<meta data-pagefind-meta="{NAME_FIELD}[content]" content="{joined}">'
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
        f"<body><main data-pagefind-body>{meta}{heading}{body}</main></body></html>\n"
    )
