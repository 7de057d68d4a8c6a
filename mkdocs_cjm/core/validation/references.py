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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..backlogs import NO_BACKLOGS, Backlogs, is_url
from ..fields import ID_PATTERN, normalise_word
from ..maptypes import MapType
from ..models import JourneyMap, Owner, Persona
from ..problems import Problem, Severity, did_you_mean
from .levels import check_levels, level_references

if TYPE_CHECKING:
    from .evidence import EvidenceFile
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
    personas: list[Parsed[Persona]],
    maps: list[Parsed[JourneyMap]],
    owners: OwnersFile | None,
    backlogs: Backlogs = NO_BACKLOGS,
    evidence: EvidenceFile | None = None,
) -> CrossFile:
    """Every cross-file problem of the portfolio (a backlog key is checked against the site's
    key patterns, ``backlogs``; cited research sources against the maps' and ``evidence``'s)."""
    from .evidence import check_evidence

    found = CrossFile()
    _duplicate_ids(personas, "persona", found)
    _duplicate_ids(maps, "map", found)
    _duplicate_opportunities(maps, found)
    known = _known(personas, maps, owners)
    for parsed in maps:
        for kind, path, value in parsed.references:
            _check(parsed, path, value, kind, known, found)
            if kind == "map" and path == ("improves",):
                _check_improves(parsed, path, value, known, found)
        _check_backlogs(parsed, backlogs, found)
    check_levels(maps, found)
    for persona in personas:
        if persona.model is not None:
            _check(persona, ("owner",), persona.model.owner, "owner", known, found)
    for owner in owners.owners if owners else []:
        _check_team(owner, known, found)
    check_evidence(maps, evidence, found)
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


def _check_backlogs(parsed: Parsed[JourneyMap], backlogs: Backlogs, found: CrossFile) -> None:
    """An opportunity's backlog key that no key pattern of the site matches."""
    if parsed.model is None:
        return
    for i, stage in enumerate(parsed.model.stages):
        for j, opp in enumerate(stage.opportunities):
            if opp.backlog and not is_url(opp.backlog) and backlogs.key_url(opp.backlog) is None:
                path = ("stages", i, "opportunities", j, "backlog")
                found.add(parsed, parsed.doc.problem(path, *unknown_key(opp.backlog, backlogs)))


def unknown_key(key: str, backlogs: Backlogs) -> tuple[str, str]:
    """The message and hint for a backlog key no pattern matches."""
    if not backlogs.patterns:
        return (
            f"the backlog key '{key}' cannot become a link: the site declares no backlog key patterns",
            "write the item's full address (https://…), or add a pattern for it to the cjm plugin's "
            "'backlogs' option in mkdocs.yml, e.g. \"TW-*\": https://tracker.example.com/browse/{key}",
        )
    names = ", ".join(backlogs.names)
    hint = did_you_mean(key.split("-")[0] + "-*", backlogs.names) if "-" in key else ""
    return (
        f"unknown backlog key '{key}': it matches none of the site's key patterns ({names})",
        (hint + "; " if hint else "") + "fix the key, write the item's full address (https://…), or add a pattern "
        "for it to the 'backlogs' option in mkdocs.yml",
    )


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


# -- ids claimed by more than one file ------------------------------------------------------
#
# The file that keeps a contested id is chosen by a rule an editor can follow, so that a good,
# untouched file is never the one left out because another file took its id: a file without
# errors of its own wins over one with errors; then the file whose name gives the id (a stray
# copy or a renamed file does not); then the file in fewer folders; then the first in
# alphabetical order of path. For an opportunity, the map that a future state improves while
# realising the opportunity keeps it. Every other claimant is reported and left out.


Rank = tuple[bool, bool, bool, int, str]
_REASONS = (
    "which has no error of its own",
    "the map whose future state realises it",
    "whose file name gives its id",
    "which sits in fewer folders",
    "which comes first in alphabetical order",
)


def _rank(parsed: Parsed[Any], found: CrossFile, realised_in: set[str] | None = None) -> Rank:
    """Where ``parsed`` stands in the claim to an id: the lowest rank keeps it."""
    errors = not parsed.ok or any(p.severity is Severity.ERROR for p in found.of(parsed))
    return (
        errors,
        realised_in is not None and parsed.id not in realised_in,
        Path(parsed.path).stem != parsed.id,
        parsed.path.count("/"),
        parsed.path,
    )


def _why(keeper: Rank, other: Rank) -> str:
    """Why the file ranked ``keeper`` keeps an id rather than the one ranked ``other``."""
    return next((_REASONS[i] for i, (a, b) in enumerate(zip(keeper, other, strict=True)) if a != b), _REASONS[-1])


def _duplicate_ids(files: Iterable[Parsed[Any]], what: str, found: CrossFile) -> None:
    claims: dict[str, list[Parsed[Any]]] = {}
    for parsed in files:
        if parsed.id is not None:
            claims.setdefault(parsed.id, []).append(parsed)
    for ident, claimants in claims.items():
        keeper, *others = sorted(claimants, key=lambda p: _rank(p, found))
        for parsed in others:
            found.add(
                parsed,
                parsed.doc.problem(
                    ("id",),
                    f"the {what} id '{ident}' is already used by {keeper.path}, "
                    f"{_why(_rank(keeper, found), _rank(parsed, found))}; this file is left out",
                    "give this file another name, or another 'id:'",
                ),
            )


def _realised_from(maps: Iterable[Parsed[JourneyMap]]) -> dict[str, set[str]]:
    """For each opportunity id: the maps that future states improve while realising it."""
    improved: dict[str, set[str]] = {}
    for parsed in maps:
        model = parsed.model
        if model is not None and model.improves:
            for ident in model.realises:
                improved.setdefault(ident, set()).add(model.improves)
    return improved


Claim = tuple["Parsed[JourneyMap]", tuple[object, ...]]


def _duplicate_opportunities(maps: list[Parsed[JourneyMap]], found: CrossFile) -> None:
    """An opportunity id in several maps: the map that keeps it is chosen as for a map id, a
    map that a future state improves while realising the opportunity first. A map that loses
    one contest is out, so it keeps no other: a third map is not left out for its sake."""
    claims: dict[str, list[Claim]] = {}
    for parsed in maps:
        for i, stage in enumerate(parsed.model.stages if parsed.model else []):
            for j, opp in enumerate(stage.opportunities):
                claims.setdefault(opp.id, []).append((parsed, ("stages", i, "opportunities", j, "id")))
    contests = {k: v for k, v in claims.items() if len({id(parsed) for parsed, _ in v}) > 1}
    improved = _realised_from(maps)
    ranks = {id(parsed): _rank(parsed, found) for parsed in maps}  # before any is blamed here
    lost: dict[int, set[str]] = {}

    def rank(parsed: Parsed[JourneyMap], ident: str, *, other_losses: bool = True) -> Rank:
        errors, _, renamed, depth, path = ranks[id(parsed)]
        out = errors or (other_losses and bool(lost.get(id(parsed), set()) - {ident}))
        return (out, parsed.id not in improved.get(ident, set()), renamed, depth, path)

    def why(keeper: Parsed[JourneyMap], other: Parsed[JourneyMap], ident: str) -> str:
        mine, theirs = rank(keeper, ident, other_losses=False), rank(other, ident, other_losses=False)
        return _why(mine, theirs) if mine < theirs else "which keeps it as this map is left out for another id"

    for _ in range(10):  # until no map loses another contest (a few rounds at most)
        losses: dict[int, set[str]] = {}
        for ident, claimants in contests.items():
            keeper = min(claimants, key=lambda claim: rank(claim[0], ident))[0]
            for parsed, _ in claimants:
                if parsed is not keeper:
                    losses.setdefault(id(parsed), set()).add(ident)
        if losses == lost:
            break
        lost = losses
    for ident, claimants in contests.items():
        keeper, keeper_path = min(claimants, key=lambda claim: rank(claim[0], ident))
        where = f"{keeper.path}:{keeper.doc.where(keeper_path)[0]}"
        for parsed, path in claimants:
            if parsed is not keeper:
                found.add(
                    parsed,
                    parsed.doc.problem(
                        path,
                        f"the opportunity id '{ident}' is already used in {where}, "
                        f"{why(keeper, parsed, ident)}; this map is left out",
                        "opportunity ids must be unique across the portfolio; choose another",
                    ),
                )


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
    yield from level_references(data)
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
