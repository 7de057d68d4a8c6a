"""The built-in vocabulary: lanes with their prompt questions, and the gallery's map types."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class LaneSpec:
    """A row of the journey grid."""

    key: str
    title: str
    prompt: str
    builtin: bool = True


BUILTIN_LANES: dict[str, LaneSpec] = {
    lane.key: lane
    for lane in (
        LaneSpec("steps", "Steps", "What does the person do here, step by step?"),
        LaneSpec("interactions", "Interactions & touchpoints",
                 "Who and what do they meet: people, places, channels, things?"),
        LaneSpec("goals", "Goals & motivations",
                 "What are they trying to get done? (“Help me…”, “Help me avoid…”)"),
        LaneSpec("thoughts", "Thoughts & feelings", "What goes through their mind? How do they feel?"),
        LaneSpec("positives", "Positive moments",
                 "What do they enjoy, or find reassuring, motivating or delightful?"),
        LaneSpec("negatives", "Negative moments",
                 "What frustrates or confuses them, costs them money, or takes too long?"),
        LaneSpec("physical_evidence", "Physical evidence",
                 "What does the customer see, receive or touch: screens, emails, receipts, signs?"),
        LaneSpec("customer_actions", "Customer actions", "What does the customer do?"),
        LaneSpec("frontstage", "Frontstage",
                 "What do our people and systems do where the customer can see it?"),
        LaneSpec("backstage", "Backstage",
                 "What happens out of the customer's sight to make the frontstage work?"),
        LaneSpec("support", "Support processes",
                 "Which systems, partners and internal processes hold it all up?"),
        LaneSpec("opportunities", "Areas of opportunity",
                 "How might we make this stage better, and who owns each idea?"),
    )
}

EMOTION_ROW = "emotion"
KPI_ROW = "kpis"
OWNER_ROW = "owner"
SPECIAL_ROWS = {
    EMOTION_ROW: LaneSpec(EMOTION_ROW, "Emotion", "How does the person feel at this point?"),
    KPI_ROW: LaneSpec(KPI_ROW, "KPIs", "How do we measure this stage?"),
    OWNER_ROW: LaneSpec(OWNER_ROW, "Stage owner", "Which team is accountable for this stage?"),
}

BLUEPRINT_LANES = ("physical_evidence", "customer_actions", "frontstage", "backstage", "support")
BLUEPRINT_LINES = {
    # A line is drawn above the lane named here.
    "frontstage": "Line of interaction",
    "backstage": "Line of visibility",
    "support": "Line of internal interaction",
}


class MapType(str, Enum):
    """The four templates of the gallery."""

    CURRENT_STATE = "current-state"
    FUTURE_STATE = "future-state"
    DAY_IN_THE_LIFE = "day-in-the-life"
    SERVICE_BLUEPRINT = "service-blueprint"


@dataclass(frozen=True)
class MapTypeInfo:
    type: MapType
    title: str
    plural: str
    nickname: str
    summary: str
    when: tuple[str, ...]
    rows: tuple[str, ...]
    always: tuple[str, ...]
    reading_order: int
    lane_titles: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> str:
        return self.type.value


_JOURNEY_ROWS = (
    "steps", "interactions", "goals", "thoughts", EMOTION_ROW, "positives", "negatives",
    "physical_evidence", "customer_actions", "frontstage", "backstage", "support",
    "opportunities", KPI_ROW, OWNER_ROW,
)

MAP_TYPES: dict[MapType, MapTypeInfo] = {
    MapType.DAY_IN_THE_LIFE: MapTypeInfo(
        MapType.DAY_IN_THE_LIFE, "Day in the life", "Day-in-the-life maps", "a whole day",
        "The persona's whole day, hour by hour, whether or not it touches our product.",
        (
            "You are new to a persona and want to see where our product fits in their day.",
            "You look for moments we are absent from today, and the ones that compete for attention.",
            "Stages are moments or times of day, in the order they happen.",
        ),
        _JOURNEY_ROWS, ("steps",), 0, (("steps", "Activities"),),
    ),
    MapType.CURRENT_STATE: MapTypeInfo(
        MapType.CURRENT_STATE, "Current state", "Current-state maps", "as-is",
        "How one persona experiences one scenario today, pains included.",
        (
            "You need a shared picture of today's experience before deciding what to change.",
            "You want to find the troughs of the experience and who can act on them.",
            "Ground it in research: interviews, support tickets, analytics.",
        ),
        _JOURNEY_ROWS, ("steps",), 1,
    ),
    MapType.FUTURE_STATE: MapTypeInfo(
        MapType.FUTURE_STATE, "Future state", "Future-state maps", "to-be",
        "The experience we intend to deliver, drawn against the current state it improves.",
        (
            "You have a current-state map and agreed what to change.",
            "You want a target that teams can plan against and measure progress towards.",
            "Name the current-state map it improves, so readers can compare the curves.",
        ),
        _JOURNEY_ROWS, ("steps",), 2,
    ),
    MapType.SERVICE_BLUEPRINT: MapTypeInfo(
        MapType.SERVICE_BLUEPRINT, "Service blueprint", "Service blueprints", "behind the scenes",
        "The journey together with everything that delivers it, frontstage and backstage.",
        (
            "You need to see which people, systems and partners make each step happen.",
            "A pain point's cause lies behind the line of visibility.",
            "Several teams must coordinate on one experience.",
        ),
        (
            "steps", "physical_evidence", "customer_actions", "frontstage", "backstage", "support",
            EMOTION_ROW, "interactions", "goals", "thoughts", "positives", "negatives",
            "opportunities", KPI_ROW, OWNER_ROW,
        ),
        BLUEPRINT_LANES, 3,
    ),
}

STAGE_SETS: dict[str, tuple[str, ...]] = {
    "five Es": ("Entice", "Enter", "Engage", "Exit", "Extend"),
    "funnel": ("Awareness", "Consideration", "Decision", "Retention", "Advocacy"),
}
