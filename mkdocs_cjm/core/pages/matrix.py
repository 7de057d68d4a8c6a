"""The value × effort views: a map's opportunities in the four quadrants of the matrix (on its
journey page), and how many opportunities of the portfolio each quadrant holds (on the
opportunities listing, each count a link to the listing filtered by its quadrant).

The quadrants and the rule that places an opportunity are declared in :mod:`..sizing`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..models import Opportunity
from ..render.links import Links
from ..sizing import NOT_SIZED, NOT_SIZED_TITLE, QUADRANTS, Quadrant, quadrant, quadrant_key
from .more import listing

T = TypeVar("T")


@dataclass
class QuadrantCell(Generic[T]):
    """One quadrant and what falls in it (the cards of a map's opportunities)."""

    quadrant: Quadrant
    items: list[T]


@dataclass
class Matrix(Generic[T]):
    """A map's opportunities by quadrant, in the matrix's reading order, and those not sized."""

    cells: list[QuadrantCell[T]]
    unsized: list[T]


def opportunity_matrix(items: Sequence[T], opportunity: Iterable[Opportunity]) -> Matrix[T] | None:
    """``items`` (one per opportunity, in the same order) by quadrant; None when none is sized."""
    sized = [(item, o, quadrant(o.impact, o.effort)) for item, o in zip(items, opportunity, strict=True)]
    if all(q is None for _, _, q in sized):
        return None
    # In a quadrant, the most impact first, then the least effort (then the map's order).
    placed = sorted(sized, key=lambda x: (-(x[1].impact or 0), x[1].effort or 0))
    return Matrix(
        [QuadrantCell(q, [item for item, _, at in placed if at is q]) for q in QUADRANTS],
        [item for item, _, at in sized if at is None],
    )


@dataclass
class QuadrantCount:
    """A quadrant (or "Not sized") on the listing: how many opportunities, and the filtered listing."""

    key: str
    title: str
    advice: str
    count: int
    url: str
    quadrant: Quadrant | None


def count_quadrants(opportunities: Iterable[Opportunity]) -> Counter[str]:
    """How many opportunities each quadrant (and "Not sized") holds."""
    return Counter(quadrant_key(o.impact, o.effort) for o in opportunities)


def quadrant_counts(counts: Counter[str], links: Links, section: str) -> list[QuadrantCount]:
    """The four quadrants, then "Not sized", each with its count across the portfolio
    (:func:`count_quadrants`, counted once for every page of the listing)."""
    rows = [
        QuadrantCount(q.key, q.title, q.advice, counts[q.key], listing(links, section, quadrant=q.key), q)
        for q in QUADRANTS
    ]
    advice = "Without an impact or an effort yet."
    rows.append(
        QuadrantCount(
            NOT_SIZED, NOT_SIZED_TITLE, advice, counts[NOT_SIZED], listing(links, section, quadrant=NOT_SIZED), None
        )
    )
    return rows
