"""Prioritisation: an opportunity's impact and effort, and the value × effort quadrant it falls in.

Impact (also written ``value``) and effort are sized on one five-point scale, 1 (very low) to 5
(very high); editors may write the number or its word (``low``, ``very high``). A 4 or 5 is high,
1 to 3 (medium included) is low, so a *quick win* is impact 4–5 for effort 1–3. The quadrants
are the usual action-priority names; declared once here, and read by the journey page's matrix,
the opportunities listing (its column, filter and counts) and the exports.
"""

from __future__ import annotations

from typing import NamedTuple

SIZE_MIN, SIZE_MAX = 1, 5
SIZE_WORDS = {"very-low": 1, "low": 2, "medium": 3, "high": 4, "very-high": 5}
"""The words editors may write for a size (after ``normalise_word``: ``Very high`` → ``very-high``)."""
HIGH_FROM = 4
"""The smallest size that counts as high when placing an opportunity in a quadrant."""

_NAMES = {number: word.replace("-", " ") for word, number in SIZE_WORDS.items()}


class Quadrant(NamedTuple):
    """A quarter of the value × effort matrix."""

    key: str
    """Its id in addresses (``?quadrant=quick-wins``) and in the listing's data."""
    title: str
    one: str
    """What one opportunity in it is called (``Quick win``)."""
    high_impact: bool
    high_effort: bool
    advice: str
    """What to do with what falls in it, one short sentence."""

    @property
    def where(self) -> str:
        """``High impact, low effort``."""
        return f"{'High' if self.high_impact else 'Low'} impact, {'high' if self.high_effort else 'low'} effort"


QUADRANTS = (
    Quadrant("quick-wins", "Quick wins", "Quick win", True, False, "Do these first."),
    Quadrant("big-bets", "Big bets", "Big bet", True, True, "Plan and fund them."),
    Quadrant("fill-ins", "Fill-ins", "Fill-in", False, False, "Do them when there is room."),
    Quadrant("money-pits", "Money pits", "Money pit", False, True, "Reconsider them."),
)
"""In reading order of the matrix: high impact on top, low effort on the left."""

NOT_SIZED = "not-sized"
"""The key of opportunities without both an impact and an effort."""
NOT_SIZED_TITLE = "Not sized"


def size_name(size: int) -> str:
    """``4`` → ``high``."""
    return _NAMES[size]


def size_label(size: int | None) -> str:
    """How pages show a size: ``4 (high)``, or ``""`` when there is none."""
    return f"{size} ({size_name(size)})" if size is not None else ""


def quadrant(impact: int | None, effort: int | None) -> Quadrant | None:
    """The quadrant of an opportunity; None unless both its impact and its effort are sized."""
    if impact is None or effort is None:
        return None
    high_impact, high_effort = impact >= HIGH_FROM, effort >= HIGH_FROM
    return next(q for q in QUADRANTS if q.high_impact == high_impact and q.high_effort == high_effort)


def quadrant_key(impact: int | None, effort: int | None) -> str:
    """The quadrant's key, or ``not-sized``."""
    found = quadrant(impact, effort)
    return found.key if found else NOT_SIZED
