"""Maps and portfolios as data for other tools: JSON, CSV (the whiteboard grid), Mermaid.

Pure functions of a loaded portfolio; the output is the same for the same content.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from typing import Any

from pydantic import BaseModel

from .assembly.entries import MapEntry, opportunity_owner
from .assembly.portfolio import Portfolio
from .emotion import persona_score, stage_score
from .export_document import (
    EvidenceDocument,
    ItemDocument,
    KpiDocument,
    LaneDocument,
    MapDocument,
    OpportunityDocument,
    OwnerDocument,
    PersonaDocument,
    PortfolioDocument,
    ScaleDocument,
    StageDocument,
    StepDocument,
    dump,
)
from .models import Item, Kpi, Opportunity, Scale, Stage
from .sizing import quadrant_key


def item_lanes(entry: MapEntry) -> list[str]:
    """The map's item lanes (not steps, emotion, KPIs, owner or opportunities) in display order."""
    return [row.key for row in entry.lanes.item_rows()]


# -- JSON -------------------------------------------------------------------------------------


def _opportunity(opp: Opportunity, owner: str) -> OpportunityDocument:
    return OpportunityDocument(
        id=opp.id,
        title=opp.title,
        description=opp.description,
        owner=owner,
        status=opp.status.value,
        priority=opp.priority.value if opp.priority else None,
        backlog=opp.backlog,
        addresses=opp.addresses,
        impact=opp.impact,
        effort=opp.effort,
        quadrant=quadrant_key(opp.impact, opp.effort),
    )


def _kpi(kpi: Kpi) -> KpiDocument:
    return KpiDocument(
        name=kpi.name,
        value=kpi.value,
        target=kpi.target,
        unit=kpi.unit,
        better=kpi.better,
        note=kpi.note,
        source=kpi.source,
    )


def _stage(entry: MapEntry, sid: str, stage: Stage, lanes: list[str]) -> StageDocument:
    return StageDocument(
        id=sid,
        name=stage.name,
        description=stage.description,
        time=stage.time,
        owner=stage.owner,
        details=list(stage.details),
        emotion=stage.emotion,
        score=stage_score(stage, None),
        steps=[StepDocument(id=s.id, title=s.title, description=s.description, emotion=s.emotion) for s in stage.steps],
        lanes={key: [_item(i) for i in stage.items(key)] for key in lanes if stage.items(key)},
        opportunities=[_opportunity(o, opportunity_owner(o, stage, entry.model)) for o in stage.opportunities],
        kpis=[_kpi(k) for k in stage.kpis],
    )


def map_document(entry: MapEntry) -> MapDocument:
    """One map: metadata, lanes, and stages with everything they hold; its file under ``file``."""
    model = entry.model
    lanes = item_lanes(entry)
    return MapDocument(
        id=entry.id,
        source=entry.source.path,
        title=model.title,
        type=model.type.value,
        personas=list(model.personas),
        scenario=model.scenario,
        goal=model.goal,
        summary=model.summary,
        owner=model.owner,
        status=model.status.value,
        reviewed=model.reviewed.isoformat() if model.reviewed else None,
        review_every=model.review_every,
        tags=list(model.tags),
        scale=ScaleDocument(
            min=model.scale.min,
            max=model.scale.max,
            labels={str(k): v for k, v in sorted(model.scale.labels.items())},
        ),
        improves=model.improves,
        realises=list(model.realises),
        part_of=model.part_of,
        lanes=[
            LaneDocument(key=row.key, title=row.title, prompt=row.prompt, builtin=row.builtin)
            for row in entry.lanes.item_rows()
        ],
        stages=[_stage(entry, sid, stage, lanes) for sid, stage in zip(entry.stage_ids, model.stages, strict=True)],
        body=entry.source.body,
        file=model,
    )


def map_data(entry: MapEntry) -> dict[str, Any]:
    """One map as plain JSON data (:func:`map_document`)."""
    return dump(map_document(entry))


def file_data(model: BaseModel) -> dict[str, Any]:
    """Everything a map or persona file holds, as the model read it (defaults filled in): the
    model validated from it again is the same (``export --format json`` loses nothing; the keys
    above it are the same content arranged for reading, with defaults and owners resolved)."""
    return model.model_dump(mode="json")


def _item(item: Item) -> ItemDocument | str:
    return ItemDocument(text=item.text, id=item.id) if item.id else item.text


def persona_documents(portfolio: Portfolio) -> list[PersonaDocument]:
    return [
        PersonaDocument.model_validate(
            {**p.model.model_dump(), "id": p.id, "source": p.source.path, "body": p.source.body}
        )
        for p in sorted(portfolio.personas.values(), key=lambda p: p.id)
    ]


def owner_documents(portfolio: Portfolio) -> list[OwnerDocument]:
    return [
        OwnerDocument.model_validate({**o.model.model_dump(), "id": o.id})
        for o in sorted(portfolio.owners.values(), key=lambda o: o.id)
    ]


def evidence_documents(portfolio: Portfolio) -> list[EvidenceDocument]:
    """The portfolio's shared research sources (``evidence.yml``), each with its id."""
    return [
        EvidenceDocument.model_validate({**e.model.model_dump(), "id": e.id})
        for e in sorted(portfolio.evidence.values(), key=lambda e: e.id)
    ]


def sorted_maps(portfolio: Portfolio) -> list[MapEntry]:
    return sorted(portfolio.maps.values(), key=lambda m: m.id)


def portfolio_document(portfolio: Portfolio) -> PortfolioDocument:
    """The whole portfolio: personas, owners, shared research sources and maps, each sorted by id."""
    return PortfolioDocument(
        personas=persona_documents(portfolio),
        owners=owner_documents(portfolio),
        evidence=evidence_documents(portfolio),
        maps=[map_document(m) for m in sorted_maps(portfolio)],
    )


def portfolio_data(portfolio: Portfolio) -> dict[str, Any]:
    """The whole portfolio as plain JSON data (:func:`portfolio_document`)."""
    return dump(portfolio_document(portfolio))


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# -- CSV ----------------------------------------------------------------------------------------


TIME_ROW = "Time"
"""The title of the CSV row of the stages' times of day (a day in the life)."""


def _number(score: float | None) -> str:
    if score is None:
        return ""
    return str(int(score)) if float(score).is_integer() else str(score)  # the shortest exact form


def map_csv(entry: MapEntry) -> str:
    """The grid as CSV: the first row holds the stage names, then the stages' times of day (a
    day in the life) and their emotion scores on the map's scale (``Emotion (1..5)``; a stage of
    several personas has their average), then each lane (its title in the first column), a cell's
    items joined by newlines. The same layout the importer reads back, scores and times included."""
    model = entry.model

    def cells(getter: Any) -> list[str]:
        return ["\n".join(getter(stage)) for stage in model.stages]

    rows: list[list[str]] = [["", *[stage.name for stage in model.stages]]]
    if any(stage.time for stage in model.stages):
        rows.append([TIME_ROW, *[stage.time or "" for stage in model.stages]])
    scores = [stage_score(stage, None) for stage in model.stages]
    if any(score is not None for score in scores):
        rows.append([f"Emotion ({model.scale.min}..{model.scale.max})", *[_number(s) for s in scores]])
    lanes: list[tuple[str, list[str]]] = [(entry.lanes["steps"].title, cells(lambda s: [st.title for st in s.steps]))]
    for lane in entry.lanes.item_rows():
        lanes.append((lane.title, cells(lambda s, key=lane.key: [i.text for i in s.items(key)])))
    lanes.append((entry.lanes["opportunities"].title, cells(lambda s: [o.title for o in s.opportunities])))
    used = [(title, row) for title, row in lanes if any(row)]
    for title, row in used or lanes[:1]:
        rows.append([title, *row])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


# -- Mermaid ------------------------------------------------------------------------------------

_MERMAID_BREAKERS = re.compile(r"[:#;\r\n]+")


def mermaid_text(text: str) -> str:
    """Text that cannot break a Mermaid journey line: no ``:``, ``#``, ``;`` or newlines."""
    return re.sub(r"\s+", " ", _MERMAID_BREAKERS.sub(" ", text)).strip() or "-"


def mermaid_score(score: float | None, scale: Scale) -> int:
    """A score on the map's scale mapped linearly onto Mermaid's 1..5 (rounded half up);
    unscored points sit in the middle."""
    if score is None:
        return 3
    value = 1 + (score - scale.min) / (scale.max - scale.min) * 4
    return max(1, min(5, math.floor(value + 0.5)))


def map_mermaid(entry: MapEntry, persona_names: dict[str, str]) -> str:
    """A Mermaid ``journey`` diagram: a section per stage, a task per step (or the stage itself
    when it has no steps), scored on 1..5, with the map's personas as actors."""
    model = entry.model
    actors = ", ".join(mermaid_text(persona_names.get(p, p)) for p in model.personas)
    lines = ["journey", f"  title {mermaid_text(model.title)}"]
    for stage in model.stages:
        lines.append(f"  section {mermaid_text(stage.name)}")
        own = stage_score(stage, None)
        tasks = [(step.title, persona_score(step.emotion, None)) for step in stage.steps]
        for title, score in tasks or [(stage.name, own)]:
            value = mermaid_score(score if score is not None else own, model.scale)
            lines.append(f"    {mermaid_text(title)}: {value}: {actors}")
    return "\n".join(lines) + "\n"
