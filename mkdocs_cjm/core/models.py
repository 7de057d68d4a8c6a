"""Typed models of the content files: personas, owners, journey maps and what they hold.

These models say what a file may contain (and generate the JSON Schema editors use). A stage's
item lanes come from the lane registry (:mod:`mkdocs_cjm.core.lanes`); a map is validated
together with the custom lanes it declares (:func:`validate_map`). Rules that need more than
one value at a time (scores against the map's scale, time order, ids that refer to other
files) live in :mod:`mkdocs_cjm.core.validation`.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, cast

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .fields import (
    ID_MAX_LENGTH,
    BacklogRef,
    Cadence,
    Email,
    Identifier,
    Picture,
    Text,
    TimeOfDay,
    WebUrl,
    _one_or_many,
    normalise_word,
)
from .lanes import ITEM_LANES, LANE_KEY_PATTERN, LANES, custom_lane_keys
from .maptypes import MapType
from .sizing import SIZE_MAX, SIZE_MIN, SIZE_WORDS
from .text import format_score, slugify


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True, use_enum_values=False
    )


# ---------------------------------------------------------------------------------------------
# Evidence references and confidence (of items, steps, opportunities and KPIs)


class Confidence(str, Enum):
    """How sure the team is of an item: stated, or following from its evidence."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


EvidenceRefs = Annotated[
    list[Identifier],
    BeforeValidator(_one_or_many, json_schema_input_type=Identifier | list[Identifier]),
    Field(
        description="Ids of the research sources it rests on: the map's `evidence` or the portfolio's "
        "evidence file. One id or a list."
    ),
]
StatedConfidence = Annotated[
    Annotated[Confidence, BeforeValidator(normalise_word)] | None,
    Field(
        description="How sure we are: `high`, `medium` or `low`. Left out, it follows from the evidence; with "
        "neither, the item is an assumption."
    ),
]


# ---------------------------------------------------------------------------------------------
# Lane items, steps, emotion scores


class Item(_Model):
    """One entry of a lane: a short piece of Markdown, optionally with an id to link to."""

    text: Text = Field(description="Short Markdown text.")
    id: Identifier | None = Field(
        None, description="Optional anchor id, e.g. for a pain point an opportunity `addresses`."
    )
    evidence: EvidenceRefs = Field(default_factory=list)
    confidence: StatedConfidence = None


def _as_item(value: Any) -> Any:
    if isinstance(value, bool):
        return {"text": str(value).lower()}
    if isinstance(value, (str, int, float)):
        return {"text": str(value)}
    return value


LaneItem = Annotated[Item, BeforeValidator(_as_item, json_schema_input_type=str | Item)]
ItemList = Annotated[
    list[LaneItem], Field(description="Items of this lane: text, or `{text, id, evidence, confidence}`.")
]

EmotionScore = float | dict[str, float]


def _emotion(value: Any) -> Any:
    def number(v: Any) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    if number(value):
        return float(value)
    if isinstance(value, dict) and value and all(number(v) for v in value.values()):
        return {str(k): float(v) for k, v in value.items()}
    raise PydanticCustomError(
        "cjm_emotion",
        "an emotion score must be a number on the map's scale, or one number per persona (persona: score); got {value}",
        {"value": repr(value)[:60]},
    )


Emotion = Annotated[
    EmotionScore,
    BeforeValidator(_emotion, json_schema_input_type=float | dict[str, float]),
    Field(description="A score on the map's scale, or a mapping persona id → score."),
]


class Step(_Model):
    """What the person does; written as plain text or as a mapping with details."""

    title: Text = Field(description="A short title of the step.")
    description: str | None = Field(None, description="Optional Markdown detail.")
    emotion: Emotion | None = None
    id: Identifier | None = None
    evidence: EvidenceRefs = Field(default_factory=list)
    confidence: StatedConfidence = None


def _as_step(value: Any) -> Any:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return {"title": str(value)}
    return value


StepEntry = Annotated[Step, BeforeValidator(_as_step, json_schema_input_type=str | Step)]


def _scale_schema(schema: dict[str, Any]) -> None:
    """The JSON Schema of a scale also accepts the shorthand ``"1..5"``."""
    mapping = dict(schema)
    schema.clear()
    schema["anyOf"] = [
        {"type": "string", "pattern": SCALE_PATTERN, "description": "A shorthand such as `1..5` or `-2..2`."},
        mapping,
    ]


SCALE_PATTERN = r"^\s*-?\d+\s*(\.\.|to|–|—|-)\s*-?\d+\s*$"


class Scale(_Model):
    """The emotion scale of a map. Default −2..+2; ``1..5`` and ``1..10`` are common too."""

    model_config = ConfigDict(json_schema_extra=_scale_schema)

    min: int = -2
    max: int = 2
    labels: dict[int, str] = Field(default_factory=dict, description="Names of some scores.")
    faces: dict[int, Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12)]] = Field(
        default_factory=dict,
        description="A face or emoji for some scores (e.g. `-2: 😣`), shown beside the score on the map.",
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = re.match(r"^\s*(-?\d+)\s*(?:\.\.|to|–|—|-)\s*(-?\d+)\s*$", value)
            if not match:
                raise PydanticCustomError("cjm_scale", "'{value}' is not a scale", {"value": value[:40]})
            return {"min": int(match.group(1)), "max": int(match.group(2))}
        return value

    @model_validator(mode="after")
    def _sane(self) -> Scale:
        if self.min >= self.max:
            raise PydanticCustomError("cjm_scale", "the scale's min must be below its max")
        if self.max - self.min > 100:
            raise PydanticCustomError("cjm_scale", "the scale spans more than 100 points")
        for what, scores in (("label", self.labels), ("face", self.faces)):
            for score in scores:
                if not self.min <= score <= self.max:
                    raise PydanticCustomError(
                        "cjm_scale",
                        "the {what} for {score} lies outside the scale {min}..{max}",
                        {"what": what, "score": score, "min": self.min, "max": self.max},
                    )
        return self

    def contains(self, score: float) -> bool:
        return self.min <= score <= self.max

    @property
    def signed(self) -> bool:
        """Whether scores read as signed (−2..+2) rather than as plain counts (1..5)."""
        return self.min < 0

    def format(self, score: float) -> str:
        """``+1`` on a −2..+2 scale, ``4`` on a 1..5 scale."""
        return format_score(score, self.signed)

    def normalise(self, score: float) -> float:
        """Map a score to −1..+1."""
        return (score - self.min) / (self.max - self.min) * 2 - 1

    def own_label(self, score: float) -> str:
        """The map's own name for a score when it names some ("" for the others); the built-in
        words only on a scale that names none. Axes use it, so they never mix the two."""
        if self.labels:
            return self.labels.get(int(score), "") if float(score).is_integer() else ""
        return self.label(score)

    def ticks(self) -> list[int]:
        """The scores an axis marks: every one on a short scale (up to 10 steps); on a longer one
        its ends and the scores the map names."""
        if self.max - self.min <= 10:
            return list(range(self.min, self.max + 1))
        return sorted({self.min, self.max, *self.labels})

    def tick_label(self, score: int) -> str:
        """An axis label: the number, and the name the scale gives it (see ``own_label``)."""
        return f"{self.format(score)} {self.own_label(score)}".strip()

    def face(self, score: float) -> str:
        """The face the map gives the nearest whole score ("" when it gives none)."""
        return self.faces.get(round(score), "") if self.faces else ""

    def label(self, score: float) -> str:
        if score in self.labels:
            return self.labels[int(score)]
        if self.min == -2 and self.max == 2 and float(score).is_integer():
            return {-2: "Very negative", -1: "Negative", 0: "Neutral", 1: "Positive", 2: "Very positive"}[int(score)]
        n = self.normalise(score)
        if n <= -0.75:
            return "Very negative"
        if n <= -0.25:
            return "Negative"
        if n < 0.25:
            return "Neutral"
        if n < 0.75:
            return "Positive"
        return "Very positive"


# ---------------------------------------------------------------------------------------------
# Opportunities, KPIs, evidence


class OpportunityStatus(str, Enum):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def title(self) -> str:  # type: ignore[override]  # a status's title is how pages show it
        return self.value.replace("-", " ").capitalize()


class Priority(str, Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


def _size(value: Any) -> Any:
    word = normalise_word(value)
    if isinstance(word, str) and word in SIZE_WORDS:
        return SIZE_WORDS[word]
    if isinstance(word, str) and word.isdigit():
        word = int(word)
    if isinstance(word, (int, float)) and not isinstance(word, bool) and word in range(SIZE_MIN, SIZE_MAX + 1):
        return int(word)
    raise PydanticCustomError(
        "cjm_size",
        "'{value}' is not a size from {low} to {high}",
        {"value": str(value)[:40], "low": SIZE_MIN, "high": SIZE_MAX},
    )


Size = Annotated[
    int,
    BeforeValidator(_size),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": SIZE_MIN, "maximum": SIZE_MAX},
                {"type": "string", "enum": [*SIZE_WORDS, *(w.replace("-", " ") for w in SIZE_WORDS if "-" in w)]},
            ]
        }
    ),
]
"""A size on the prioritisation scale (:mod:`mkdocs_cjm.core.sizing`): 1..5, or its word."""

_SIZE_SCALE = "1 (very low) to 5 (very high), or the word: very low, low, medium, high, very high"


class Opportunity(_Model):
    """An improvement idea for a stage, owned by a team or a person."""

    id: Identifier = Field(description="Stable id, used as the link anchor. Unique in the portfolio.")
    title: Text
    description: str | None = Field(None, description="Markdown.")
    owner: Identifier | None = Field(None, description="Owner id; defaults to the stage owner, then the map owner.")
    status: Annotated[OpportunityStatus, BeforeValidator(normalise_word)] = OpportunityStatus.IDEA
    priority: Annotated[Priority, BeforeValidator(normalise_word)] | None = None
    backlog: BacklogRef | None = Field(
        None,
        description="The backlog item: its address (https://…), or its key (`TW-412`) when the site's `backlogs` "
        "option has a pattern for it.",
    )
    addresses: Identifier | None = Field(
        None, description="Id of the negative moment (pain point) of this map it addresses."
    )
    evidence: EvidenceRefs = Field(default_factory=list)
    confidence: StatedConfidence = None
    impact: Size | None = Field(
        None, description=f"How much it would improve the experience (its value): {_SIZE_SCALE}."
    )
    effort: Size | None = Field(None, description=f"How much work it would take: {_SIZE_SCALE}.")
    value: Size | None = Field(
        None, exclude=True, description="Another name for `impact` (a value × effort matrix); give one of the two."
    )

    @field_validator("value")
    @classmethod
    def _one_impact(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is not None and info.data.get("impact") is not None:
            raise PydanticCustomError(
                "cjm_size_twice", "'value' and 'impact' both given: 'value' is another name for 'impact'"
            )
        return value

    @model_validator(mode="after")
    def _value_is_impact(self) -> Opportunity:
        if self.value is not None:
            self.impact, self.value = self.value, None
        return self


class KpiSource(_Model):
    """Where a KPI's number comes from: a short text, a link, or both."""

    title: Text | None = Field(None, description='What the number is read from, e.g. `Looker: "Onboarding funnel"`.')
    url: WebUrl | None = Field(None, description="The address of the report or dashboard.")

    @model_validator(mode="after")
    def _something(self) -> KpiSource:
        if self.title is None and self.url is None:
            raise PydanticCustomError("cjm_source", "a KPI's source needs a title, a url or both")
        return self

    @property
    def label(self) -> str:
        """Its title, or the address without its scheme."""
        return self.title or re.sub(r"^https?://", "", self.url or "").rstrip("/")


def _as_source(value: Any) -> Any:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        return {"url": text} if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE) else {"title": text}
    return value


SourceEntry = Annotated[KpiSource, BeforeValidator(_as_source, json_schema_input_type=str | KpiSource)]


class Kpi(_Model):
    """A measure of a stage."""

    name: Text
    value: float | Text | None = None
    target: float | Text | None = None
    unit: str = Field("", description="e.g. `%`, `s`, `pts`.")
    better: Literal["higher", "lower"] = Field("higher", description="Which direction is good.")
    note: str | None = None
    source: SourceEntry | None = Field(
        None,
        description="Where the number comes from: a short text (`Looker: Onboarding funnel`), an address, "
        "or `{title, url}`.",
    )
    evidence: EvidenceRefs = Field(default_factory=list)
    confidence: StatedConfidence = None


class EvidenceKind(str, Enum):
    INTERVIEW = "interview"
    SURVEY = "survey"
    ANALYTICS = "analytics"
    USABILITY_TEST = "usability-test"
    SUPPORT_TICKETS = "support-tickets"
    OBSERVATION = "observation"
    WORKSHOP = "workshop"
    OTHER = "other"


class Evidence(_Model):
    """A research source: declared in a map's ``evidence`` or in the portfolio's evidence file."""

    id: Identifier | None = Field(
        None,
        description="The id items cite it by (`evidence: [id]`); defaults to a slug of the title. In the "
        "portfolio's evidence file, the key is the id.",
    )
    title: Text
    kind: Annotated[EvidenceKind, BeforeValidator(normalise_word)] = EvidenceKind.OTHER
    url: WebUrl | None = None
    date: _dt.date | None = None
    participants: int | None = Field(None, ge=1)
    summary: str | None = None

    @property
    def key(self) -> str:
        """The id items cite it by: its own, else a slug of its title."""
        return self.id or source_id(self.title)


def source_id(title: str) -> str:
    """The id of a source that declares none: a slug of its title ('Owner interviews, 2025' ->
    'owner-interviews-2025')."""
    return slugify(title, "source")[:ID_MAX_LENGTH].strip("-")


# ---------------------------------------------------------------------------------------------
# Stages and maps


class LaneDef(_Model):
    """Renames a built-in lane, or declares a custom one."""

    title: Text | None = None
    prompt: str | None = None
    after: str | None = Field(None, description="Show the lane after this lane (a lane key).")


LaneKey = Annotated[str, StringConstraints(pattern=LANE_KEY_PATTERN)]
LaneDefs = dict[LaneKey, LaneDef]


class _StageFields(_Model):
    """A column of the map: its name, then what each lane says of it (steps, interactions,
    goals, …, opportunities, KPIs). A stage may also hold the items of the custom lanes the map
    or the site declares under ``lanes``."""

    # The item lanes of the lane registry are added as fields below (``Stage``). Other keys are
    # let through here, as the JSON Schema must (it cannot know a map's custom lanes); a map is
    # validated with the model of its own lanes (``journey_model``), which refuses them.
    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, ItemList] = Field(init=False)

    name: Text
    id: Identifier | None = Field(None, description="Anchor id; defaults to a slug of the name.")
    description: str | None = None
    time: TimeOfDay | None = Field(None, description="Time of day (day-in-the-life maps).")
    owner: Identifier | None = Field(None, description="The internal team that owns this stage.")
    emotion: Emotion | None = None
    details: Annotated[
        list[Identifier], BeforeValidator(_one_or_many, json_schema_input_type=Identifier | list[Identifier])
    ] = Field(
        default_factory=list,
        description="Zoom levels: the id of the more detailed map that zooms into this stage (or a list of "
        "them). The stage links down to it; that map shows this stage as its place above it.",
    )
    steps: list[StepEntry] = Field(default_factory=list, description=LANES["steps"].prompt)
    opportunities: list[Opportunity] = Field(default_factory=list, description=LANES["opportunities"].prompt)
    kpis: list[Kpi] = Field(default_factory=list, description=LANES["kpis"].prompt)

    unknown_key_hint: ClassVar[str] = "to add a lane of your own, declare it under 'lanes:' at the top of the map"
    """The hint for a key that is no field of a stage, when none is close to it."""
    _custom_fields: ClassVar[dict[str, str]] = {}
    """Custom lane key → the field holding its items (maps validated with their lanes)."""

    def items(self, lane: str) -> list[Item]:
        """The items of an item lane (built-in or custom) in this stage."""
        if lane in ITEM_LANES:
            found = getattr(self, lane)
        elif lane in self._custom_fields:
            found = getattr(self, self._custom_fields[lane])
        else:
            found = (self.model_extra or {}).get(lane, [])
        return cast(list[Item], found)


def _item_lane_field(key: str) -> Any:
    return (ItemList, Field(default_factory=list, description=LANES[key].prompt))


if TYPE_CHECKING:
    Stage = _StageFields
else:
    Stage = create_model(
        "Stage",
        __base__=_StageFields,
        __module__=__name__,
        __doc__=_StageFields.__doc__,
        **{key: _item_lane_field(key) for key in ITEM_LANES},
    )


class _ClosedStage(Stage):
    """A stage of a map whose lanes are known: any other key is a mistake."""

    model_config = ConfigDict(extra="forbid")


STAGE_OF_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*#\S+$"


def _stage_of(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    map_id, sep, stage = value.strip().partition("#")
    if not sep or not map_id.strip() or not stage.strip():
        raise PydanticCustomError(
            "cjm_part_of",
            "'{value}' does not name a stage of a map: write '<map id>#<stage id>', e.g. 'shop-owner-lifecycle#set-up'",
            {"value": value[:80]},
        )
    return {"map": map_id.strip(), "stage": stage.strip()}


class StageOf(_Model):
    """A stage of another map: the place of a more detailed map in the level above it."""

    map: Identifier = Field(description="The id of the higher-level map.")
    stage: Text = Field(
        description="The id of the stage it details: the stage's `id:`, else the slug of its name "
        "(as in the stage's link, `#stage-<id>`)."
    )


PartOf = Annotated[
    StageOf,
    BeforeValidator(
        _stage_of,
        json_schema_input_type=Annotated[str, StringConstraints(pattern=STAGE_OF_PATTERN)] | StageOf,
    ),
]


class MapStatus(str, Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class JourneyMap(_Model):
    """One persona's (or a few personas') experience of one scenario, stage by stage."""

    id: Identifier | None = Field(None, description="Defaults to the file name.")
    title: Text
    type: Annotated[MapType, BeforeValidator(normalise_word)]
    personas: Annotated[
        list[Identifier],
        BeforeValidator(_one_or_many, json_schema_input_type=Identifier | list[Identifier]),
        Field(min_length=1),
    ]
    scenario: Text
    goal: str | None = None
    summary: str | None = Field(None, description="One sentence for listings.")
    owner: Identifier = Field(description="Owner id of the team or person who keeps the map true.")
    status: Annotated[MapStatus, BeforeValidator(normalise_word)] = MapStatus.DRAFT
    reviewed: _dt.date | None = Field(None, description="When the map was last reviewed (YYYY-MM-DD).")
    review_every: Cadence = "quarterly"
    tags: Annotated[list[Text], BeforeValidator(_one_or_many, json_schema_input_type=Text | list[Text])] = Field(
        default_factory=list
    )
    scale: Scale = Field(default_factory=Scale)
    improves: Identifier | None = Field(None, description="Future state: the current-state map it improves.")
    realises: list[Identifier] = Field(
        default_factory=list, description="Future state: ids of opportunities it delivers."
    )
    part_of: PartOf | None = Field(
        None,
        description="Zoom levels: the stage of a higher-level map this map details, as `<map id>#<stage id>` "
        "(or `{map: …, stage: …}`). Optional: a stage's `details:` naming this map says it already.",
    )
    lanes: LaneDefs = Field(default_factory=dict, description="Rename built-in lanes or declare custom ones.")
    evidence: list[Evidence] = Field(
        default_factory=list, description="The research this map rests on: sources its items cite by id."
    )
    stages: list[Stage] = Field(min_length=1)


@lru_cache(maxsize=64)
def journey_model(custom_lanes: tuple[str, ...] = ()) -> type[JourneyMap]:
    """The model of a map whose stages may hold these custom lanes (and no other key)."""
    fields: dict[str, Any] = {
        f"custom_lane_{i}": (ItemList, Field(default_factory=list, alias=key)) for i, key in enumerate(custom_lanes)
    }
    stage: Any = create_model(
        "Stage", __base__=_ClosedStage, __module__=__name__, __doc__=_StageFields.__doc__, **fields
    )
    stage._custom_fields = {key: f"custom_lane_{i}" for i, key in enumerate(custom_lanes)}
    return create_model(
        "JourneyMap",
        __base__=JourneyMap,
        __module__=__name__,
        __doc__=JourneyMap.__doc__,
        stages=(list[stage], Field(min_length=1)),
    )


def declared_lanes(data: Any) -> list[str]:
    """The lane keys a map's raw data declares under ``lanes:`` (whatever else is wrong with it)."""
    lanes = data.get("lanes") if isinstance(data, dict) else None
    return [key for key in lanes if isinstance(key, str)] if isinstance(lanes, dict) else []


def map_model(data: Any, site_lanes: Mapping[str, LaneDef] | None = None) -> type[JourneyMap]:
    """The model to validate a map's data with: its stages may hold the custom lanes the map
    (in ``data``) or the site declares, and nothing else."""
    return journey_model(custom_lane_keys(site_lanes or {}, declared_lanes(data)))


class Persona(_Model):
    """A customer archetype."""

    id: Identifier | None = Field(None, description="Defaults to the file name.")
    name: Text
    role: str | None = Field(None, description="One line: who they are.")
    picture: Picture | None = None
    summary: str | None = None
    quote: str | None = None
    about: dict[str, str] = Field(default_factory=dict, description="Facts: age, location, …")
    goals: list[Text] = Field(default_factory=list)
    needs: list[Text] = Field(default_factory=list)
    frustrations: list[Text] = Field(default_factory=list)
    channels: list[Text] = Field(default_factory=list)
    tags: Annotated[list[Text], BeforeValidator(_one_or_many, json_schema_input_type=Text | list[Text])] = Field(
        default_factory=list
    )
    owner: Identifier | None = Field(None, description="Who keeps the persona up to date.")
    order: int | None = Field(None, description="Position in the persona index (lowest first).")


class Owner(_Model):
    """A team or a person who owns maps, stages and opportunities."""

    name: Text
    kind: Literal["team", "person"] = "team"
    team: Identifier | None = Field(None, description="For a person: the id of their team.")
    role: str | None = None
    email: Email | None = None
    chat: str | None = Field(None, description="Chat channel, e.g. `#renewals`.")
    url: WebUrl | None = None
    about: str | None = None
