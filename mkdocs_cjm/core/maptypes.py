"""The four kinds of journey map of the template gallery, and what the gallery says of each.

Which lanes each kind shows, in what order and under which titles, is declared with the lanes
themselves, in :mod:`mkdocs_cjm.core.lanes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class MapType(str, Enum):
    """The four templates of the gallery."""

    CURRENT_STATE = "current-state"
    FUTURE_STATE = "future-state"
    DAY_IN_THE_LIFE = "day-in-the-life"
    SERVICE_BLUEPRINT = "service-blueprint"


@dataclass(frozen=True)
class MapTypeInfo:
    """How the gallery and the listings present one kind of map."""

    type: MapType
    title: str
    plural: str
    nickname: str
    summary: str
    when: tuple[str, ...]
    """When to use it: the gallery lists these."""
    reading_order: int
    """Where maps of this kind come in a new hire's reading order (lowest first)."""

    @property
    def key(self) -> str:
        return self.type.value


MAP_TYPES: dict[MapType, MapTypeInfo] = {
    info.type: info
    for info in (
        MapTypeInfo(
            MapType.DAY_IN_THE_LIFE,
            "Day in the life",
            "Day-in-the-life maps",
            "a whole day",
            "The persona's whole day, hour by hour, whether or not it touches our product.",
            (
                "You are new to a persona and want to see where our product fits in their day.",
                "You look for moments we are absent from today, and the ones that compete for attention.",
                "Stages are moments or times of day, in the order they happen.",
            ),
            0,
        ),
        MapTypeInfo(
            MapType.CURRENT_STATE,
            "Current state",
            "Current-state maps",
            "as-is",
            "How one persona experiences one scenario today, pains included.",
            (
                "You need a shared picture of today's experience before deciding what to change.",
                "You want to find the troughs of the experience and who can act on them.",
                "Ground it in research: interviews, support tickets, analytics.",
            ),
            1,
        ),
        MapTypeInfo(
            MapType.FUTURE_STATE,
            "Future state",
            "Future-state maps",
            "to-be",
            "The experience we intend to deliver, drawn against the current state it improves.",
            (
                "You have a current-state map and agreed what to change.",
                "You want a target that teams can plan against and measure progress towards.",
                "Name the current-state map it improves, so readers can compare the curves.",
            ),
            2,
        ),
        MapTypeInfo(
            MapType.SERVICE_BLUEPRINT,
            "Service blueprint",
            "Service blueprints",
            "behind the scenes",
            "The journey together with everything that delivers it, frontstage and backstage.",
            (
                "You need to see which people, systems and partners make each step happen.",
                "A pain point's cause lies behind the line of visibility.",
                "Several teams must coordinate on one experience.",
            ),
            3,
        ),
    )
}
