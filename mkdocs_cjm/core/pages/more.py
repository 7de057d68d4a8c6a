"""Sections that stay small: past the site's ``list_limit``, a section of a generated page shows
its first entries, the full count, and a link to the filtered listing that holds them all.

The filtered listings' addresses are a fixed contract (the journeys and opportunities indexes
read their filters from the query string):

* ``journeys/?persona=<id>&type=<map-type>&status=<status>&owner=<owner-id>&tag=<tag>&overdue=1``
* ``opportunities/?status=<status>&owner=<owner-id>&priority=<priority>&persona=<id>&map=<map-id>``
  ``&quadrant=<quick-wins|big-bets|fill-ins|money-pits|not-sized>``
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar
from urllib.parse import urlencode

from ..render.links import Links
from .base import PageSpec

T = TypeVar("T")


@dataclass(frozen=True)
class More:
    """What a capped section says after its first entries."""

    shown: int
    total: int
    text: str
    """The link's text: "All 450 current-state maps"."""
    url: str | None
    """The filtered listing that has them all (None: there is none; the text says how many more)."""


def capped(items: Sequence[T], limit: int) -> list[T]:
    return list(items[:limit])


def listing(links: Links, section: str, **filters: str) -> str:
    """The address of the ``section`` index (``links.routes.journeys`` or ``.opportunities``)
    filtered by ``filters``, in the order given."""
    return f"{links.index(section)}?{urlencode(filters)}"


def more(total: int, limit: int, text: str, url: str | None) -> More | None:
    """The summary of a section of ``total`` entries, or None when all of them fit."""
    return More(limit, total, text, url) if total > limit else None


def limit_tags(specs: list[PageSpec], limit: int) -> list[PageSpec]:
    """The pages with only the tags at most ``limit`` of them carry. Material's tags index lists
    every page of every tag on one page: a tag that thousands of maps carry (a persona, a map
    type) would make it megabytes; the journeys listing filters by persona, type and tag instead,
    and a map's header links such a tag there (``JourneyView.tag_links``)."""
    counts = Counter(tag for spec in specs for tag in spec.tags)
    if all(count <= limit for count in counts.values()):
        return specs
    return [replace(s, tags=tuple(t for t in s.tags if counts[t] <= limit)) if s.tags else s for s in specs]
