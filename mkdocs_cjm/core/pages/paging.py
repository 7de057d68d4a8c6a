"""Listings in pages: the journeys index and the opportunities listing show at most
``listing_page_size`` entries on a page (:class:`~mkdocs_cjm.core.options.Options`); the rest
go to numbered continuation pages (``journeys/page/2/``…), linked below the listing, so that
every entry is reachable without JavaScript and no page grows with the portfolio.

Filters and sorting read every entry from the listing's ``entries.json``
(:mod:`~mkdocs_cjm.core.pages.listing_data`), fetched only when a reader filters or sorts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..render.links import Links
from .base import Context, PageSpec

T = TypeVar("T")

ENTRIES_FILE = "entries.json"
"""The name of a paged listing's data file, in the listing's folder (``journeys/entries.json``)."""

WINDOW = 2
"""How many page numbers either side of the current one the pagination links name (the first
and the last are always named)."""


def page_src(section: str, number: int) -> str:
    """The source path of page ``number`` (from 1) of the listing of ``section``."""
    return f"{section}/index.md" if number == 1 else f"{section}/page/{number}.md"


def page_count(total: int, size: int) -> int:
    return max(1, -(-total // size))


def page_specs(kind: str, section: str, title: str, description: str, total: int, size: int) -> list[PageSpec]:
    """The listing's first page (in the navigation) and its continuation pages (not in it)."""
    count = page_count(total, size)
    first = PageSpec(page_src(section, 1), kind, None, title, description, in_nav=True)
    return [first] + [
        PageSpec(page_src(section, n), kind, str(n), f"{title}, page {n} of {count}", description, continues=True)
        for n in range(2, count + 1)
    ]


def page_number(spec: PageSpec) -> int:
    return int(spec.key) if spec.key else 1


def page_slice(items: Sequence[T], spec: PageSpec, size: int) -> list[T]:
    """The entries page ``spec`` shows."""
    start = (page_number(spec) - 1) * size
    return list(items[start : start + size])


@dataclass
class PageLink:
    number: int
    url: str
    current: bool


@dataclass
class Pager:
    """The pagination of one page of a listing: where it is, and links to the others."""

    number: int
    count: int
    first: int
    """The position (from 1) of the page's first entry in the whole listing."""
    last: int
    total: int
    prev: str | None
    next: str | None
    links: list[PageLink | None]
    """The pages named, in order; None where numbers are left out (an ellipsis)."""


def pager(spec: PageSpec, links: Links, section: str, total: int, size: int) -> Pager | None:
    """The pagination of page ``spec``, or None when the listing fits on one page."""
    count = page_count(total, size)
    if count == 1:
        return None
    number = page_number(spec)

    def url(n: int) -> str:
        return links.to(page_src(section, n))

    named = sorted({1, count, *range(max(1, number - WINDOW), min(count, number + WINDOW) + 1)})
    items: list[PageLink | None] = []
    for n in named:
        if items and items[-1] is not None and n > items[-1].number + 1:
            items.append(None)
        items.append(PageLink(n, url(n), n == number))
    return Pager(
        number,
        count,
        (number - 1) * size + 1,
        min(number * size, total),
        total,
        url(number - 1) if number > 1 else None,
        url(number + 1) if number < count else None,
        items,
    )


@dataclass
class ListingData:
    """What a paged listing's script reads from the page: which listing it is, where its
    entries are, how many there are, and how many it shows at once. The filters' values come
    with the entries: a page nobody filters downloads none of them."""

    name: str
    """``journeys`` or ``opportunities``: which filters and columns the script offers."""
    entries_url: str
    total: int
    size: int


def listing_data(ctx: Context, spec: PageSpec, name: str, section: str, total: int) -> ListingData:
    links = ctx.links(spec.src)
    return ListingData(name, links.static(f"{section}/{ENTRIES_FILE}"), total, ctx.options.listing_page_size)


def compact_json(value: Any) -> str:
    """JSON as the site publishes it: compact, keys sorted, non-ASCII kept (the same content
    gives the same bytes)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
