"""The portfolio as one JSON document (``mkdocs-cjm export``, and ``portfolio.json`` on the
site): declared here once, as models, so the exporter builds it from them and its JSON Schema
(``portfolio.schema.json``) is generated from the same declaration.

Each map carries the content arranged for reading (defaults filled in, owners and stage ids
resolved, lanes in display order) and, under ``file``, everything its file holds, which
validates as a journey map file again. Personas and owners carry their files' fields.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SerializeAsAny

from .models import Emotion, Evidence, JourneyMap, KpiSource, Owner, Persona, StageOf


class _Document(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ItemDocument(_Document):
    """A lane item that has an id (an item without one is its text alone)."""

    text: str
    id: str


class StepDocument(_Document):
    id: str | None
    title: str
    description: str | None
    emotion: Emotion | None


class OpportunityDocument(_Document):
    id: str
    title: str
    description: str | None
    owner: str = Field(description="The owner: its own, else the stage's, else the map's.")
    status: str
    priority: str | None
    backlog: str | None = Field(description="The backlog key or address, as the file gives it.")
    addresses: str | None
    impact: int | None = Field(description="Impact (value) on the scale 1–5.")
    effort: int | None = Field(description="Effort on the scale 1–5.")
    quadrant: str = Field(
        description="Its value × effort quadrant: quick-wins, big-bets, fill-ins, money-pits or not-sized."
    )


class KpiDocument(_Document):
    name: str
    value: float | str | None
    target: float | str | None
    unit: str
    better: str
    note: str | None
    source: KpiSource | None = Field(description="Where the number comes from.")


class StageDocument(_Document):
    id: str = Field(description="The stage's anchor id (its own, or made from its name).")
    name: str
    description: str | None
    time: str | None
    owner: str | None
    details: list[str] = Field(description="The maps that detail this stage (zoom levels).")
    emotion: Emotion | None
    score: float | None = Field(description="The stage's score: its own, else the mean of its steps'.")
    steps: list[StepDocument]
    lanes: dict[str, list[str | ItemDocument]] = Field(description="Lane key → items, for lanes with items.")
    opportunities: list[OpportunityDocument]
    kpis: list[KpiDocument]


class ScaleDocument(_Document):
    min: int
    max: int
    labels: dict[str, str]


class LaneDocument(_Document):
    key: str
    title: str
    prompt: str | None
    builtin: bool


class MapDocument(_Document):
    id: str
    source: str = Field(description="The map's file, relative to the docs folder.")
    title: str
    type: str
    personas: list[str]
    scenario: str
    goal: str | None
    summary: str | None
    owner: str
    status: str
    reviewed: str | None
    review_every: str
    tags: list[str]
    scale: ScaleDocument
    improves: str | None
    realises: list[str]
    part_of: StageOf | None = Field(description="The stage of a higher-level map this map details.")
    lanes: list[LaneDocument] = Field(description="The map's item lanes in display order.")
    stages: list[StageDocument]
    body: str | None = Field(description="The Markdown body of a `.md` map.")
    file: SerializeAsAny[JourneyMap] = Field(description="Everything the map's file holds, as read (a valid map file).")


class PersonaDocument(Persona):
    model_config = ConfigDict(str_strip_whitespace=False)  # the body keeps its blank lines

    id: str  # always resolved in the document
    source: str = Field(description="The persona's file, relative to the docs folder.")
    body: str | None = Field(description="The Markdown body of a `.md` persona.")


class OwnerDocument(Owner):
    id: str


class EvidenceDocument(Evidence):
    id: str  # always resolved in the document


class PortfolioDocument(_Document):
    """Personas, owners, shared research sources and maps, each sorted by id."""

    personas: list[PersonaDocument]
    owners: list[OwnerDocument]
    evidence: list[EvidenceDocument] = Field(description="The research sources maps share (evidence.yml).")
    maps: list[MapDocument]


def dump(document: BaseModel) -> dict[str, Any]:
    """A document as plain JSON data."""
    return document.model_dump(mode="json")
