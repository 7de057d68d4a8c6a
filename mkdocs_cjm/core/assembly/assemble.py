"""From validated files to a portfolio: a file with no error becomes an entry; every problem
found, in any file, is kept with the portfolio."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..backlogs import NO_BACKLOGS, Backlogs
from ..lanes import resolve_lanes
from ..models import JourneyMap, LaneDef, Persona
from ..problems import Problem, Severity
from ..validation.evidence import EvidenceFile
from ..validation.files import OwnersFile, Parsed
from ..validation.references import CrossFile
from .entries import EvidenceEntry, MapEntry, OwnerEntry, PersonaEntry, Source
from .portfolio import Portfolio


@dataclass
class Validated:
    """Every file of a portfolio after validation, and what the cross-file checks found."""

    personas: list[Parsed[Persona]]
    maps: list[Parsed[JourneyMap]]
    owners: OwnersFile | None
    cross_file: CrossFile
    sources: list[str]
    """Every content file read (valid or not), relative to the root: none is published as is."""
    problems: list[Problem]
    """Problems of the portfolio as a whole (a missing owners file)."""
    evidence: EvidenceFile | None = None
    """The portfolio's evidence file, when it has one."""


def assemble(
    files: Validated, site_lanes: Mapping[str, LaneDef], today: date, backlogs: Backlogs = NO_BACKLOGS
) -> Portfolio:
    portfolio = Portfolio(today=today, sources=list(files.sources))
    owners = files.owners.owners if files.owners else []
    problems = list(files.problems) + (files.owners.problems if files.owners else [])
    sources = files.evidence.sources if files.evidence else []
    problems += files.evidence.problems if files.evidence else []
    every: list[Parsed[Any]] = [*files.personas, *files.maps, *owners, *sources]
    for parsed in every:
        problems += parsed.problems + files.cross_file.of(parsed)
    for persona in files.personas:
        if _usable(persona, files.cross_file) and persona.model and persona.id:
            portfolio.personas[persona.id] = PersonaEntry(persona.id, persona.model, _source(persona))
    for owner in owners:
        if _usable(owner, files.cross_file) and owner.model and owner.id:
            line = owner.doc.where((owner.id,), key=True)[0]
            portfolio.owners[owner.id] = OwnerEntry(owner.id, owner.model, Source(owner.path, line))
    for source in sources:
        if _usable(source, files.cross_file) and source.model and source.id:
            line = source.doc.where((source.id,), key=True)[0]
            portfolio.evidence[source.id] = EvidenceEntry(source.id, source.model, Source(source.path, line))
    for parsed in files.maps:
        if _usable(parsed, files.cross_file) and parsed.model and parsed.id:
            lanes = resolve_lanes(parsed.model.type, parsed.model.lanes, site_lanes)
            portfolio.maps[parsed.id] = MapEntry(parsed.id, parsed.model, _source(parsed), lanes, backlogs)
    portfolio.problems = sorted(set(problems))
    return portfolio


def _usable(parsed: Parsed[Any], cross_file: CrossFile) -> bool:
    """A file becomes an entry when it has an id and no error, of its own or across files."""
    return parsed.id is not None and parsed.ok and not any(p.severity is Severity.ERROR for p in cross_file.of(parsed))


def _source(parsed: Parsed[Any]) -> Source:
    return Source(parsed.path, 1, parsed.doc.body, parsed.doc.body_line, parsed.doc)
