"""The lane registry: every row a journey grid can have, declared once.

A lane is a row of the grid (stages are its columns). Each built-in lane is declared here with
its key (the key editors write on a stage), its title and prompt question, the kind of cell it
holds, and the row titles the importer recognises for it. Each map type declares which lanes
it shows, in which order, under which titles, and where a service blueprint draws its lines.

Everything else reads this module: the content model (:class:`~mkdocs_cjm.core.models.Stage`
gets one field per item lane, described by its prompt, and so does the JSON Schema), the
checks, the grid, the gallery, the search text, the exports, the importer and the README's lane
table (``tests/test_lanes.py`` keeps the README in step).

A map's rows are worked out by one function, :func:`resolve_lanes`, from the built-in lanes,
the site's ``lanes:`` option and the map's own ``lanes:`` (renames, custom lanes, ``after:``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import NamedTuple, Protocol

from .maptypes import MapType


class Cell(str, Enum):
    """What a lane's cells hold, and so how they are read, validated and drawn."""

    STEPS = "steps"
    """Steps: a title, an optional description and emotion score each."""
    ITEMS = "items"
    """Items: short Markdown text, optionally with an id."""
    OPPORTUNITIES = "opportunities"
    """Improvement opportunities with owner, status, priority, backlog link."""
    EMOTION = "emotion"
    """The emotion score of the stage (or of its steps), drawn as a curve."""
    KPIS = "kpis"
    """Measures of the stage."""
    OWNER = "owner"
    """The team that owns the stage."""


@dataclass(frozen=True)
class Lane:
    """A built-in lane."""

    key: str
    title: str
    prompt: str
    cell: Cell
    synonyms: tuple[str, ...] = ()
    """Other row titles that mean this lane in an imported board ('Pain points')."""

    @property
    def renamable(self) -> bool:
        """Whether a map or the site may rename it (the emotion, KPI and owner rows are fixed)."""
        return self.cell in (Cell.STEPS, Cell.ITEMS, Cell.OPPORTUNITIES)


LANES: dict[str, Lane] = {
    lane.key: lane
    for lane in (
        Lane(
            "steps",
            "Steps",
            "What does the person do here, step by step?",
            Cell.STEPS,
            (
                "step",
                "actions",
                "activities",
                "doing",
                "tasks",
                "what they do",
                "journey steps",
                "user actions",
                "process steps",
                "experience",
            ),
        ),
        Lane(
            "interactions",
            "Interactions & touchpoints",
            "Who and what do they meet: people, places, channels, things?",
            Cell.ITEMS,
            (
                "interaction",
                "touchpoints",
                "touchpoint",
                "touch points",
                "channels",
                "interactions touchpoints",
                "touchpoints and channels",
            ),
        ),
        Lane(
            "goals",
            "Goals & motivations",
            "What are they trying to get done? (“Help me…”, “Help me avoid…”)",
            Cell.ITEMS,
            ("goal", "motivations", "goals motivations", "needs", "goals and needs", "jobs to be done"),
        ),
        Lane(
            "thoughts",
            "Thoughts & feelings",
            "What goes through their mind? How do they feel?",
            Cell.ITEMS,
            ("feelings", "thinking", "thinking and feeling", "quotes", "what they think", "thoughts feelings"),
        ),
        Lane("emotion", "Emotion", "How does the person feel at this point?", Cell.EMOTION),
        Lane(
            "positives",
            "Positive moments",
            "What do they enjoy, or find reassuring, motivating or delightful?",
            Cell.ITEMS,
            ("positives", "positive", "highs", "delights", "gains", "moments of delight", "what works"),
        ),
        Lane(
            "negatives",
            "Negative moments",
            "What frustrates or confuses them, costs them money, or takes too long?",
            Cell.ITEMS,
            (
                "negatives",
                "negative",
                "pain points",
                "painpoints",
                "pains",
                "lows",
                "frustrations",
                "roadblocks",
                "barriers",
            ),
        ),
        Lane(
            "physical_evidence",
            "Physical evidence",
            "What does the customer see, receive or touch: screens, emails, receipts, signs?",
            Cell.ITEMS,
            ("evidence", "props"),
        ),
        Lane("customer_actions", "Customer actions", "What does the customer do?", Cell.ITEMS),
        Lane(
            "frontstage",
            "Frontstage",
            "What do our people and systems do where the customer can see it?",
            Cell.ITEMS,
            ("front stage", "frontstage actions", "front stage actions", "onstage", "visible contact employee actions"),
        ),
        Lane(
            "backstage",
            "Backstage",
            "What happens out of the customer's sight to make the frontstage work?",
            Cell.ITEMS,
            ("back stage", "backstage actions", "back stage actions", "invisible contact employee actions"),
        ),
        Lane(
            "support",
            "Support processes",
            "Which systems, partners and internal processes hold it all up?",
            Cell.ITEMS,
            ("support process", "supporting processes", "support"),
        ),
        Lane(
            "opportunities",
            "Areas of opportunity",
            "How might we make this stage better, and who owns each idea?",
            Cell.OPPORTUNITIES,
            (
                "opportunities",
                "opportunity",
                "ideas",
                "improvements",
                "opportunity areas",
                "how might we",
                "areas of opportunities",
            ),
        ),
        Lane("kpis", "KPIs", "How do we measure this stage?", Cell.KPIS),
        Lane("owner", "Stage owner", "Which team is accountable for this stage?", Cell.OWNER),
    )
}

ITEM_LANES: tuple[str, ...] = tuple(key for key, lane in LANES.items() if lane.cell is Cell.ITEMS)
"""The built-in lanes whose cells hold items; each is a field of a stage."""

BLUEPRINT_LANES = ("physical_evidence", "customer_actions", "frontstage", "backstage", "support")


@dataclass(frozen=True)
class TypeLanes:
    """The lanes of one map type."""

    rows: tuple[str, ...]
    """Every built-in lane, in the order the grid shows them."""
    always: tuple[str, ...] = ("steps",)
    """Lanes shown even when no stage fills them (so the gap shows)."""
    expected: tuple[str, ...] = ()
    """Lanes a map of this type should fill: an empty one is reported as a warning."""
    titles: Mapping[str, str] = field(default_factory=dict)
    """Titles this type gives built-in lanes, unless the site or the map renames them."""
    lines: Mapping[str, str] = field(default_factory=dict)
    """Lines drawn across the grid above a lane: lane key → the line's name."""


_JOURNEY_ROWS = (
    "emotion",
    "steps",
    "interactions",
    "goals",
    "thoughts",
    "positives",
    "negatives",
    *BLUEPRINT_LANES,
    "opportunities",
    "kpis",
    "owner",
)

TYPE_LANES: dict[MapType, TypeLanes] = {
    MapType.DAY_IN_THE_LIFE: TypeLanes(_JOURNEY_ROWS, titles={"steps": "Activities"}),
    MapType.CURRENT_STATE: TypeLanes(_JOURNEY_ROWS),
    MapType.FUTURE_STATE: TypeLanes(_JOURNEY_ROWS),
    MapType.SERVICE_BLUEPRINT: TypeLanes(
        (
            "emotion",
            "steps",
            *BLUEPRINT_LANES,
            "interactions",
            "goals",
            "thoughts",
            "positives",
            "negatives",
            "opportunities",
            "kpis",
            "owner",
        ),
        always=BLUEPRINT_LANES,
        expected=BLUEPRINT_LANES,
        lines={
            "frontstage": "Line of interaction",
            "backstage": "Line of visibility",
            "support": "Line of internal interaction",
        },
    ),
}

STAGE_KEYS = frozenset({"name", "id", "description", "time", "details"})
"""Keys of a stage that are not lanes."""
RESERVED_KEYS = STAGE_KEYS | {key for key, lane in LANES.items() if not lane.renamable}
"""Keys that cannot name a custom lane, nor rename a built-in one."""
LANE_KEY_PATTERN = r"^[a-z][a-z0-9_]*$"


class LaneChange(Protocol):
    """A lane declared under ``lanes:`` (a map's, or the site's option): see ``models.LaneDef``."""

    @property
    def title(self) -> str | None: ...
    @property
    def prompt(self) -> str | None: ...
    @property
    def after(self) -> str | None: ...


@dataclass(frozen=True)
class Row:
    """A lane as one map shows it: its final title and prompt, and where the grid draws it."""

    key: str
    title: str
    prompt: str
    cell: Cell
    builtin: bool = True
    always: bool = False
    """Shown even when no stage fills it."""
    line_above: str | None = None
    """The name of the line drawn above this row (service blueprints)."""


class MapLanes(Mapping[str, Row]):
    """The rows of one map by lane key, in display order."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self._rows = {row.key: row for row in rows}

    def __getitem__(self, key: str) -> Row:
        return self._rows[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MapLanes) and list(self._rows.values()) == list(other._rows.values())

    def __hash__(self) -> int:
        return hash(tuple(self._rows.values()))

    def __repr__(self) -> str:
        return f"MapLanes({list(self._rows)})"

    def item_rows(self) -> list[Row]:
        """The rows whose cells hold items (built-in and custom), in display order."""
        return [row for row in self._rows.values() if row.cell is Cell.ITEMS]


def custom_lane_keys(*declared: Iterable[str]) -> tuple[str, ...]:
    """The keys among ``declared`` (the site's lanes, then a map's) that declare custom lanes:
    keys that are neither built-in lanes nor reserved, in the order first declared. (A key that
    is not a valid lane key still declares one, so that it is reported once, where declared.)"""
    found: dict[str, None] = {}
    for keys in declared:
        for key in keys:
            if isinstance(key, str) and key not in LANES and key not in RESERVED_KEYS:
                found.setdefault(key, None)
    return tuple(found)


def resolve_lanes(
    map_type: MapType, map_lanes: Mapping[str, LaneChange], site_lanes: Mapping[str, LaneChange]
) -> MapLanes:
    """The rows of a map of ``map_type``: the type's built-in lanes and every custom lane, with
    the final title and prompt of each, in display order.

    A title or prompt comes from the map's ``lanes:``, else the site's, else (titles only) the
    map type's, else the built-in lane. A lane with ``after:`` is shown after that lane (the
    map's ``after:`` wins over the site's); a custom lane without one comes just before the
    opportunities. Reserved keys and ``after:`` that names no lane are reported by the checks
    and left out here.

    Maps with the same type and lane changes share one result (most maps have none)."""
    return _resolve(map_type, _changes(map_lanes), _changes(site_lanes))


class _Change(NamedTuple):
    """A lane change as a value that can be a cache key."""

    title: str | None
    prompt: str | None
    after: str | None


def _changes(lanes: Mapping[str, LaneChange]) -> tuple[tuple[str, _Change], ...]:
    return tuple((key, _Change(c.title, c.prompt, c.after)) for key, c in lanes.items())


@lru_cache(maxsize=256)
def _resolve(
    map_type: MapType, own: tuple[tuple[str, _Change], ...], site: tuple[tuple[str, _Change], ...]
) -> MapLanes:
    map_lanes, site_lanes = dict(own), dict(site)
    declared = {**site_lanes, **map_lanes}
    kind = TYPE_LANES[map_type]
    rows = {key: _row(key, kind, map_lanes.get(key), site_lanes.get(key)) for key in kind.rows}
    for key in custom_lane_keys(site_lanes, map_lanes):
        rows[key] = _row(key, kind, map_lanes.get(key), site_lanes.get(key))
    moves = {
        key: change.after
        for key, change in declared.items()
        if key in rows and change.after in rows and change.after != key
    }
    order = _place(list(kind.rows), [k for k in rows if k not in kind.rows], moves)
    return MapLanes(rows[key] for key in order)


def _row(key: str, kind: TypeLanes, own: LaneChange | None, site: LaneChange | None) -> Row:
    lane = LANES.get(key)
    changes = [c for c in (own, site) if c is not None] if lane is None or lane.renamable else []
    title = next((c.title for c in changes if c.title), None)
    prompt = next((c.prompt for c in changes if c.prompt is not None), None)
    if lane is None:
        return Row(key, title or key.replace("_", " ").capitalize(), prompt or "", Cell.ITEMS, builtin=False)
    return Row(
        key,
        title or kind.titles.get(key, lane.title),
        lane.prompt if prompt is None else prompt,
        lane.cell,
        always=key in kind.always,
        line_above=kind.lines.get(key),
    )


def _place(order: list[str], custom: list[str], moves: Mapping[str, str]) -> list[str]:
    """``order`` with every moved lane after its ``after:`` lane and every other custom lane
    before the opportunities. Lanes are placed once their ``after:`` lane is; a lane whose
    ``after:`` can never be placed (no such lane, or a loop) goes before the opportunities."""
    pending = [key for key in order if key in moves] + custom
    placed = [key for key in order if key not in moves]
    while pending:
        ready = [key for key in pending if moves.get(key) is None or moves[key] in placed]
        if not ready:
            ready = pending[:1]
        for key in ready:
            after = moves.get(key)
            placed.insert(placed.index(after) + 1 if after in placed else _default_slot(placed), key)
            pending.remove(key)
    return placed


def _default_slot(placed: list[str]) -> int:
    return placed.index("opportunities") if "opportunities" in placed else len(placed)


def lane_for_title(title: str) -> str | None:
    """The built-in lane a row title means ('Pain points' → 'negatives'), or None."""
    return _BY_WORDS.get(title_words(title))


def title_words(title: str) -> str:
    """A row title as plain lowercase words, for matching: 'Goals & motivations' → 'goals and motivations'."""
    text = title.lower().replace("&", " and ").replace("+", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


_BY_WORDS: dict[str, str] = {}
for _lane in LANES.values():
    if _lane.renamable:
        for _name in (_lane.key.replace("_", " "), _lane.title, *_lane.synonyms):
            _BY_WORDS.setdefault(title_words(_name), _lane.key)


def readme_table() -> str:
    """The README's table of the lanes editors write on stages (kept in step by a test)."""
    lines = ["| key | lane | prompt question |", "|---|---|---|"]
    lines += [f"| `{lane.key}` | {lane.title} | {lane.prompt} |" for lane in LANES.values() if lane.renamable]
    return "\n".join(lines)
