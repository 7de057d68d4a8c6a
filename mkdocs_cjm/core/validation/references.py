"""Cross-file checks: ids unique across the portfolio, and every reference to another file
(a persona, an owner, a map, an opportunity) pointing at something that exists.

References are read from each file's raw data, so they are checked even when other parts of
the file are invalid. The ids of every file count as known, valid or not: a broken file is
reported once, and the files that refer to it get no second, misleading "unknown id" error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..maptypes import MapType
from ..models import ID_PATTERN, JourneyMap, Owner, Persona, normalise_word
from ..problems import Problem, did_you_mean

if TYPE_CHECKING:
    from .files import OwnersFile, Parsed

Reference = tuple[str, tuple[object, ...], str]
"""(kind of thing referred to, where in the file, the id referred to)."""

_ID = re.compile(ID_PATTERN)


@dataclass
class CrossFile:
    """The problems the cross-file checks found, by the file (parse result) they belong to."""

    problems: dict[int, list[Problem]] = field(default_factory=dict)

    def add(self, parsed: Parsed[Any], problem: Problem) -> None:
        self.problems.setdefault(id(parsed), []).append(problem)

    def of(self, parsed: Parsed[Any]) -> list[Problem]:
        return self.problems.get(id(parsed), [])


@dataclass(frozen=True)
class _Known:
    """The ids the portfolio declares, and what is known about them."""

    personas: set[str]
    owners: set[str]
    owner_kinds: dict[str, str]
    maps: set[str]
    map_types: dict[str, MapType]
    opportunities: set[str]
    unchecked: set[str]
    """Kinds of id that cannot be checked, because a file that declares them is unreadable."""

    def of(self, kind: str) -> set[str]:
        return {"persona": self.personas, "owner": self.owners, "map": self.maps, "opportunity": self.opportunities}[
            kind
        ]


def check_references(
    personas: list[Parsed[Persona]], maps: list[Parsed[JourneyMap]], owners: OwnersFile | None
) -> CrossFile:
    """Every cross-file problem of the portfolio."""
    found = CrossFile()
    _duplicate_ids(personas, "persona", found)
    _duplicate_ids(maps, "map", found)
    _duplicate_opportunities(maps, found)
    known = _known(personas, maps, owners)
    for parsed in maps:
        for kind, path, value in parsed.references:
            _check(parsed, path, value, kind, known, found)
            if kind == "map":
                _check_improves(parsed, path, value, known, found)
    for persona in personas:
        if persona.model is not None:
            _check(persona, ("owner",), persona.model.owner, "owner", known, found)
    for owner in owners.owners if owners else []:
        _check_team(owner, known, found)
    return found


def _known(personas: list[Parsed[Persona]], maps: list[Parsed[JourneyMap]], owners: OwnersFile | None) -> _Known:
    valid_owners = [o for o in owners.owners if o.id] if owners else []
    unchecked = set()
    if any(not m.readable for m in maps):
        unchecked.add("opportunity")
    if owners is None or not owners.readable:
        unchecked.add("owner")
    return _Known(
        personas={p.id or p.raw_id for p in personas},
        owners={o.id for o in valid_owners if o.id},
        owner_kinds={o.id: o.model.kind for o in valid_owners if o.id and o.model},
        maps={m.id or m.raw_id for m in maps},
        map_types={m.id: m.model.type for m in maps if m.id and m.model},
        opportunities={ident for m in maps for ident in m.opportunity_ids},
        unchecked=unchecked,
    )


def _check(
    parsed: Parsed[Any],
    path: tuple[object, ...],
    value: str | None,
    kind: str,
    known: _Known,
    found: CrossFile,
    prefix: tuple[object, ...] = (),
) -> None:
    ids = known.of(kind)
    if value is None or value in ids or kind in known.unchecked or not _ID.match(value):
        return  # an id that is not even valid is reported by the validation of the file
    hint = did_you_mean(value, ids)
    if not hint:
        hint = f"declare it first, or use one of the existing {kind}s" if ids else f"no {kind} is declared yet"
    found.add(parsed, parsed.doc.problem(prefix + path, f"unknown {kind} '{value}'", hint))


def _check_improves(parsed: Parsed[Any], path: tuple[object, ...], value: str, known: _Known, found: CrossFile) -> None:
    target = known.map_types.get(value)
    is_future = normalise_word(parsed.raw_type) == MapType.FUTURE_STATE.value
    if value == (parsed.id or parsed.raw_id):
        found.add(
            parsed,
            parsed.doc.problem(
                path, "a map cannot improve itself", "name the current-state map this future state improves"
            ),
        )
    elif target is not None and target is not MapType.CURRENT_STATE and is_future:
        found.add(
            parsed,
            parsed.doc.problem(
                path,
                f"'{value}' is a {target.value} map; a future state improves a current-state map",
                "name the current-state map this future state improves",
            ),
        )


def _check_team(parsed: Parsed[Owner], known: _Known, found: CrossFile) -> None:
    team = parsed.model.team if parsed.model else None
    if not team or not parsed.id:
        return
    _check(parsed, ("team",), team, "owner", known, found, prefix=(parsed.id,))
    if known.owner_kinds.get(team) == "person":
        found.add(
            parsed,
            parsed.doc.problem(
                (parsed.id, "team"), f"'{team}' is a person, not a team", "name the team this person belongs to"
            ),
        )


def _duplicate_ids(files: Iterable[Parsed[Any]], what: str, found: CrossFile) -> None:
    first: dict[str, Parsed[Any]] = {}
    for parsed in files:
        if parsed.id is None:
            continue
        if parsed.id in first:
            found.add(
                parsed,
                parsed.doc.problem(
                    ("id",),
                    f"the {what} id '{parsed.id}' is already used by {first[parsed.id].path}",
                    "give this file another name, or another 'id:'",
                ),
            )
        else:
            first[parsed.id] = parsed


def _duplicate_opportunities(maps: Iterable[Parsed[JourneyMap]], found: CrossFile) -> None:
    first: dict[str, tuple[Parsed[JourneyMap], tuple[object, ...]]] = {}
    for parsed in maps:
        if parsed.model is None:
            continue
        for i, stage in enumerate(parsed.model.stages):
            for j, opp in enumerate(stage.opportunities):
                path = ("stages", i, "opportunities", j, "id")
                if opp.id in first and first[opp.id][0].path != parsed.path:
                    other, other_path = first[opp.id]
                    where = f"{other.path}:{other.doc.where(other_path)[0]}"
                    found.add(
                        parsed,
                        parsed.doc.problem(
                            path,
                            f"the opportunity id '{opp.id}' is already used in {where}",
                            "opportunity ids must be unique across the portfolio; choose another",
                        ),
                    )
                elif opp.id not in first:
                    first[opp.id] = (parsed, path)


def raw_opportunity_ids(data: Any) -> Iterator[Reference]:
    """The opportunity ids a map file declares, read from its raw data."""
    stages = data.get("stages") if isinstance(data, dict) else None
    for i, stage in enumerate(stages if isinstance(stages, list) else []):
        opportunities = stage.get("opportunities") if isinstance(stage, dict) else None
        for j, opp in enumerate(opportunities if isinstance(opportunities, list) else []):
            if isinstance(opp, dict) and isinstance(opp.get("id"), str):
                yield "opportunity", ("stages", i, "opportunities", j, "id"), opp["id"]


def map_references(data: Any) -> Iterator[Reference]:
    """Every reference a map file makes to another file, read from its raw data."""
    if not isinstance(data, dict):
        return
    personas = data.get("personas")
    if isinstance(personas, str):
        yield "persona", ("personas",), personas
    elif isinstance(personas, list):
        yield from (("persona", ("personas", i), p) for i, p in enumerate(personas) if isinstance(p, str))
    if isinstance(data.get("owner"), str):
        yield "owner", ("owner",), data["owner"]
    if isinstance(data.get("improves"), str):
        yield "map", ("improves",), data["improves"]
    if isinstance(data.get("realises"), list):
        yield from (("opportunity", ("realises", i), o) for i, o in enumerate(data["realises"]) if isinstance(o, str))
    stages = data.get("stages")
    for i, stage in enumerate(stages if isinstance(stages, list) else []):
        if isinstance(stage, dict):
            yield from _stage_references(i, stage)


def _stage_references(i: int, stage: dict[Any, Any]) -> Iterator[Reference]:
    if isinstance(stage.get("owner"), str):
        yield "owner", ("stages", i, "owner"), stage["owner"]
    opportunities = stage.get("opportunities")
    for j, opp in enumerate(opportunities if isinstance(opportunities, list) else []):
        if isinstance(opp, dict) and isinstance(opp.get("owner"), str):
            yield "owner", ("stages", i, "opportunities", j, "owner"), opp["owner"]
