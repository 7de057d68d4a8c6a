"""Validation of one file on its own: its model (with the schema's messages) and its rules.

What the cross-file checks will need from a file (the ids it declares, the references it makes)
is kept with the result, read from the raw data so that it is there even when the model is not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..fields import ID_PATTERN
from ..models import JourneyMap, LaneDef, Owner, Persona, map_model
from ..problems import Problem, Severity
from ..reading.documents import Document, parse_document, read_document
from ..text import slugify
from .evidence import map_evidence_references
from .messages import problems_from_validation
from .references import Reference, map_references, raw_opportunity_ids
from .rules import map_rules, raw_map_rules

RESERVED_IDS = frozenset({"index", "assets", "search", "tags"})
_ID = re.compile(ID_PATTERN)

M = TypeVar("M", bound=BaseModel)


@dataclass
class Parsed(Generic[M]):
    """One file after reading and validating it on its own."""

    path: str
    doc: Document
    id: str | None = None
    model: M | None = None
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    """For a map: every reference it makes to another file, read from its raw data."""
    opportunity_ids: list[str] = field(default_factory=list)
    """For a map: the opportunity ids it declares, read from its raw data."""
    evidence: list[Reference] = field(default_factory=list)
    """For a map: the research sources it declares and the ids its items cite, read from its raw data."""
    raw_type: object = None
    readable: bool = True
    """Whether the file holds a mapping at all (its YAML parsed into keys and values)."""

    @property
    def ok(self) -> bool:
        return self.model is not None and not any(p.severity is Severity.ERROR for p in self.problems)

    @property
    def raw_id(self) -> str:
        """The id the file declares or its name gives, valid or not."""
        data = self.doc.data
        declared = data.get("id") if isinstance(data, dict) else None
        return declared if isinstance(declared, str) else Path(self.path).stem


def _top_level(doc: Document, what: str, needs: str) -> bool:
    """Whether the file holds a mapping to validate. A file that could not be read at all is
    reported once; one with a mistake the reader could skip (a duplicate key, an unsupported
    tag) is still validated, so that all its problems are reported in one pass."""
    if doc.data is None and doc.problems:
        return False
    if doc.data is None:
        where = "the front matter of the" if doc.is_markdown else "the"
        doc.problems.append(
            Problem(
                doc.path,
                1,
                1,
                f"{where} {what} file is empty",
                f"it needs {needs}; the template gallery has a starter to copy",
            )
        )
        return False
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        doc.problems.append(
            Problem(
                doc.path,
                1,
                1,
                f"the {what} file must hold {needs}, not {kind}",
                "write one 'key: value' per line, starting at the left edge",
            )
        )
        return False
    return True


def _entity_id(parsed: Parsed[Any], declared: str | None, path: Path) -> None:
    stem = path.stem
    ident = declared or stem
    if not declared and not _ID.match(stem):
        parsed.problems.append(
            Problem(
                parsed.path,
                1,
                1,
                f"the file name '{path.name}' does not make a valid id",
                "rename the file using lowercase letters, digits and hyphens, or add an 'id:' key",
            )
        )
        return
    if ident in RESERVED_IDS:
        parsed.problems.append(
            parsed.doc.problem(("id",), f"the id '{ident}' is reserved", "choose another id or file name")
        )
        return
    parsed.id = ident


def _start(path: Path, rel: str) -> Parsed[Any]:
    doc = read_document(path, rel)
    return Parsed(rel, doc, problems=list(doc.problems))


def _finish_reading(parsed: Parsed[Any]) -> None:
    """Problems the reader found while the file was validated are the file's too."""
    parsed.problems.extend(p for p in parsed.doc.problems if p not in parsed.problems)
    parsed.problems.extend(comma_tail_warnings(parsed.doc, parsed.problems))


def comma_tail_warnings(doc: Document, problems: list[Problem]) -> list[Problem]:
    """A warning for each flow-mapping key that is likely the rest of the value before it
    (``{title: Referral to the clinic, cardiology}``) and that no error explains already."""
    explained = {(p.line, p.column) for p in problems if p.severity is Severity.ERROR}
    warnings = []
    for path, tail in doc.comma_tails.items():
        problem = doc.problem(path, tail.message(), tail.hint(), key=True)
        if (problem.line, problem.column) not in explained:
            warnings.append(replace(problem, severity=Severity.WARNING))
    return warnings


def parse_map(path: Path, rel: str, site_lanes: Mapping[str, LaneDef], today: date) -> Parsed[JourneyMap]:
    """A map file, validated with its lanes and checked against the map rules."""
    parsed: Parsed[JourneyMap] = _start(path, rel)
    doc = parsed.doc
    if _top_level(doc, "map", "keys such as title, type, personas, scenario, owner and stages"):
        parsed.model = _validate_map(parsed, site_lanes)
    _finish_reading(parsed)
    if parsed.model is not None:
        parsed.problems.extend(map_rules(parsed.model, doc, site_lanes, today))
        _entity_id(parsed, parsed.model.id, path)
    elif isinstance(doc.data, dict):
        parsed.problems.extend(raw_map_rules(doc))
    # What the cross-file checks need from the raw data, kept so the data itself can go.
    parsed.references = list(map_references(doc.data))
    parsed.opportunity_ids = [ident for _, _, ident in raw_opportunity_ids(doc.data)]
    parsed.evidence = list(map_evidence_references(doc.data))
    parsed.raw_type = doc.data.get("type") if isinstance(doc.data, dict) else None
    parsed.readable = isinstance(doc.data, dict)
    if parsed.ok and parsed.id is not None:
        doc.release(path)
    return parsed


def map_version(raw: bytes, rel: str, site_lanes: Mapping[str, LaneDef]) -> tuple[JourneyMap, str] | None:
    """A version of a map file (its bytes at a commit, :mod:`~mkdocs_cjm.core.history`): its
    model, validated with its lanes as the map is today, and its Markdown body; None when it
    does not load."""
    doc = parse_document(raw, rel, markdown=rel.lower().endswith((".md", ".markdown")))
    if not isinstance(doc.data, dict):
        return None
    model = _validate_map(Parsed(rel, doc), site_lanes)
    return None if model is None else (model, doc.body)


def _validate_map(parsed: Parsed[JourneyMap], site_lanes: Mapping[str, LaneDef]) -> JourneyMap | None:
    """The map's model, validated with its lanes. When the only mistakes are keys a stage
    may not hold, the rest of the map is still a model the rules can check (the file stays
    in error): a misspelt lane does not hide the map's other problems."""
    doc = parsed.doc
    model = map_model(doc.data, site_lanes)
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        parsed.problems.extend(problems_from_validation(doc, exc, model))
        strays = [err["loc"] for err in exc.errors()]
        if not all(err["type"] == "extra_forbidden" and _is_stage_key(err["loc"]) for err in exc.errors()):
            return None
    try:
        return model.model_validate(_without(doc.data, strays))
    except ValidationError:
        return None


def _is_stage_key(loc: tuple[Any, ...]) -> bool:
    return len(loc) == 3 and loc[0] == "stages" and isinstance(loc[1], int)


def _without(data: dict[str, Any], locs: list[tuple[Any, ...]]) -> dict[str, Any]:
    """A copy of a map's data without the stage keys at ``locs``."""
    stages = list(data["stages"])
    for _, i, key in locs:
        stages[i] = {k: v for k, v in stages[i].items() if k != key}
    return {**data, "stages": stages}


def parse_persona(path: Path, rel: str) -> Parsed[Persona]:
    """A persona file, validated."""
    parsed: Parsed[Persona] = _start(path, rel)
    if _top_level(parsed.doc, "persona", "keys such as name, role and goals"):
        try:
            parsed.model = Persona.model_validate(parsed.doc.data)
        except ValidationError as exc:
            parsed.problems.extend(problems_from_validation(parsed.doc, exc, Persona))
    _finish_reading(parsed)
    if parsed.model is not None:
        _entity_id(parsed, parsed.model.id, path)
    return parsed


_OWNER = TypeAdapter(Owner)


@dataclass
class OwnersFile:
    """The owners file: each owner on its own (one bad owner does not drop the rest)."""

    doc: Document
    owners: list[Parsed[Owner]]
    problems: list[Problem]
    """Problems of the file as a whole."""

    @property
    def readable(self) -> bool:
        return isinstance(self.doc.data, dict)


def parse_owners(path: Path, rel: str) -> OwnersFile:
    """The owners file maps each owner id to its details."""
    doc = read_document(path, rel)
    problems = list(doc.problems)
    owners: list[Parsed[Owner]] = []
    if _top_level(doc, "owners", "one 'owner-id:' mapping per owner"):
        owners = [_owner(doc, rel, key, value) for key, value in doc.data.items()]
        problems.extend(comma_tail_warnings(doc, [p for o in owners for p in o.problems]))
    else:
        problems.extend(p for p in doc.problems if p not in problems)
    return OwnersFile(doc, owners, problems)


def _owner(doc: Document, rel: str, key: Any, value: Any) -> Parsed[Owner]:
    parsed: Parsed[Owner] = Parsed(rel, doc)
    ident = str(key)
    if not _ID.match(ident):
        parsed.problems.append(
            doc.problem(
                (key,),
                f"'{ident}' is not a valid owner id",
                f"use lowercase letters, digits and hyphens, e.g. '{slugify(ident, 'owner')}'",
                key=True,
            )
        )
    elif ident in RESERVED_IDS:
        parsed.problems.append(
            doc.problem((key,), f"the owner id '{ident}' is reserved", "choose another id", key=True)
        )
    else:
        parsed.id = ident
    if not isinstance(value, dict):
        parsed.problems.append(
            doc.problem(
                (key,),
                f"owner '{ident}' must be a mapping with at least 'name:'",
                f"write '{ident}:' then indented lines such as 'name: …' and 'kind: team'",
            )
        )
        return parsed
    try:
        parsed.model = _OWNER.validate_python(value)
    except ValidationError as exc:
        parsed.problems.extend(
            problems_from_validation(doc, exc, Owner, data=value, prefix=(key,), label=f"owner '{ident}'")
        )
    return parsed
