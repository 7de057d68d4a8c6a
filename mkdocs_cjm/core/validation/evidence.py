"""Research sources: the portfolio's evidence file, and the checks of the ids items cite.

A source is declared once: in a map's ``evidence:`` list (its ``id``, else a slug of its title)
or in the portfolio's evidence file (``evidence.yml``: one ``source-id:`` mapping per source).
An item, step, opportunity or KPI cites sources by id (``evidence: [id, …]``). A map's source
may not take the id of a portfolio source (which one a citation meant would be unclear), and a
map may not declare one id twice. A cited id that is declared nowhere gets a did-you-mean.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from ..fields import ID_PATTERN
from ..models import Evidence, JourneyMap, source_id
from ..problems import Problem, did_you_mean
from ..reading.documents import Document, read_document
from ..text import slugify
from .messages import problems_from_validation

if TYPE_CHECKING:
    from .files import Parsed
    from .references import CrossFile, Reference

_ID = re.compile(ID_PATTERN)
_EVIDENCE = TypeAdapter(Evidence)
_NOT_LANES = frozenset({"name", "id", "description", "time", "owner", "emotion"})
"""Keys of a stage that hold no list of items (every other key may cite evidence)."""


@dataclass
class EvidenceFile:
    """The portfolio's evidence file: each source on its own (one bad source does not drop the rest)."""

    doc: Document
    sources: list[Parsed[Evidence]]
    problems: list[Problem]
    """Problems of the file as a whole."""

    @property
    def readable(self) -> bool:
        return isinstance(self.doc.data, dict)

    def line_of(self, ident: str) -> int:
        """The line that declares source ``ident``."""
        return self.doc.where((ident,), key=True)[0]


def parse_evidence(path: Path, rel: str) -> EvidenceFile:
    """The evidence file maps each source id to its details (title, kind, url, date, …)."""
    from .files import _top_level, comma_tail_warnings

    doc = read_document(path, rel)
    problems = list(doc.problems)
    sources: list[Parsed[Evidence]] = []
    if _top_level(doc, "evidence", "one 'source-id:' mapping per research source"):
        sources = [_source(doc, rel, key, value) for key, value in doc.data.items()]
        problems.extend(comma_tail_warnings(doc, [p for s in sources for p in s.problems]))
    else:
        problems.extend(p for p in doc.problems if p not in problems)
    return EvidenceFile(doc, sources, problems)


def _source(doc: Document, rel: str, key: Any, value: Any) -> Parsed[Evidence]:
    from .files import RESERVED_IDS, Parsed

    parsed: Parsed[Evidence] = Parsed(rel, doc)
    ident = str(key)
    if not _ID.match(ident) or ident in RESERVED_IDS:
        parsed.problems.append(
            doc.problem(
                (key,),
                f"'{ident}' is not a valid source id",
                f"use lowercase letters, digits and hyphens, e.g. '{slugify(ident, 'source')}'",
                key=True,
            )
        )
    else:
        parsed.id = ident
    if not isinstance(value, dict):
        parsed.problems.append(
            doc.problem(
                (key,),
                f"source '{ident}' must be a mapping with at least 'title:'",
                f"write '{ident}:' then indented lines such as 'title: …' and 'kind: interview'",
            )
        )
        return parsed
    if "id" in value and str(value["id"]) != ident:
        parsed.problems.append(
            doc.problem(
                (key, "id"),
                f"source '{ident}' says 'id: {value['id']}': in the evidence file, the key is the source's id",
                "remove the 'id:' line, or rename the key",
            )
        )
    try:
        parsed.model = _EVIDENCE.validate_python({**value, "id": parsed.id} if parsed.id else value)
    except ValidationError as exc:
        parsed.problems.extend(
            problems_from_validation(doc, exc, Evidence, data=value, prefix=(key,), label=f"source '{ident}'")
        )
    return parsed


def map_evidence_references(data: Any) -> Iterator[Reference]:
    """What a map file says of evidence, read from its raw data: the sources it declares
    (``source``, their id or their title's slug) and every id its stages cite (``evidence``)."""
    if not isinstance(data, dict):
        return
    declared = data.get("evidence")
    for i, source in enumerate(declared if isinstance(declared, list) else []):
        if isinstance(source, dict) and isinstance(source.get("id"), str):
            yield "source", ("evidence", i, "id"), source["id"]
        elif isinstance(source, dict) and isinstance(source.get("title"), str) and "id" not in source:
            yield "source", ("evidence", i), source_id(source["title"])
    stages = data.get("stages")
    for i, stage in enumerate(stages if isinstance(stages, list) else []):
        for lane, entries in stage.items() if isinstance(stage, dict) else ():
            if lane in _NOT_LANES or not isinstance(entries, list):
                continue
            for j, entry in enumerate(entries):
                cited = entry.get("evidence") if isinstance(entry, dict) else None
                at = ("stages", i, lane, j, "evidence")
                if isinstance(cited, str):
                    yield "evidence", at, cited
                elif isinstance(cited, list):
                    yield from (("evidence", (*at, k), c) for k, c in enumerate(cited) if isinstance(c, str))


def check_evidence(maps: list[Parsed[JourneyMap]], evidence: EvidenceFile | None, found: CrossFile) -> None:
    """Every map's sources against the portfolio's, and every id its items cite."""
    shared = {s.id for s in evidence.sources if s.id} if evidence else set()
    for parsed in maps:
        own: dict[str, tuple[object, ...]] = {}
        for kind, path, ident in parsed.evidence:
            if kind == "source":
                _check_source(parsed, path, ident, own, shared, evidence, found)
                own.setdefault(ident, path)
        unchecked = evidence is not None and not evidence.readable
        for kind, path, ident in parsed.evidence:
            if kind == "evidence" and ident not in own and ident not in shared and not unchecked and _ID.match(ident):
                found.add(parsed, parsed.doc.problem(path, f"unknown evidence '{ident}'", _hint(ident, own, shared)))


def _check_source(
    parsed: Parsed[JourneyMap],
    path: tuple[object, ...],
    ident: str,
    own: dict[str, tuple[object, ...]],
    shared: set[str],
    evidence: EvidenceFile | None,
    found: CrossFile,
) -> None:
    """A map's source whose id is taken: by a portfolio-wide source, or by one before it in the
    map. A source without an 'id:' takes one from its title (``source_id``): the message says
    so, for the editor never wrote that id."""
    named = path[-1] == "id"
    this = f"the source id '{ident}'" if named else f"this source's title gives it the id '{ident}', and that id"
    mine = "give this source another 'id:'" if named else "give this source an 'id:' of its own"
    if ident in shared:
        where = f"{evidence.doc.path}:{evidence.line_of(ident)}" if evidence else "the evidence file"
        message = f"{this} is already declared portfolio-wide in {where}"
        found.add(parsed, parsed.doc.problem(path, message, f"cite that source (and remove this one), or {mine}"))
    elif ident in own:
        message = f"{this} is declared twice in this map (also on line {parsed.doc.where(own[ident])[0]})"
        hint = "give each source its own 'id:'" if named else f"{mine} (items cite a source by its id)"
        found.add(parsed, parsed.doc.problem(path, message, hint))


def _hint(ident: str, own: dict[str, Any], shared: set[str]) -> str:
    hint = did_you_mean(ident, [*own, *shared])
    if hint:
        return hint
    return "declare the source under the map's 'evidence:' (with this 'id:'), or in the portfolio's evidence file"
