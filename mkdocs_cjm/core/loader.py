"""Load a whole portfolio from a folder, reporting every problem of every file in one pass."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from .catalog import MapType
from .checks import check_map, lane_specs, raw_problems
from .documents import Document, read_document
from .models import ID_PATTERN, JourneyMap, LaneDef, Owner, Persona, normalise_word
from .portfolio import MapEntry, OwnerEntry, PersonaEntry, Portfolio, Source
from .problems import Problem, Severity, did_you_mean
from .text import slugify
from .validation import problems_from_validation

CONTENT_SUFFIXES = (".yml", ".yaml", ".md", ".markdown")
RESERVED_IDS = frozenset({"index", "assets", "search", "tags"})
_ID = re.compile(ID_PATTERN)

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Layout:
    """Where the content files sit, relative to the portfolio root (the docs dir)."""

    personas_dir: str = "personas"
    journeys_dir: str = "journeys"
    owners_file: str = "owners.yml"


@dataclass
class Parsed(Generic[M]):
    """One file after reading and validating it on its own."""

    path: str
    doc: Document
    id: str | None = None
    model: M | None = None
    problems: list[Problem] = field(default_factory=list)
    references: list[tuple[str, tuple[object, ...], str]] = field(default_factory=list)
    """For a map: every reference it makes to another file, read from its raw data."""
    opportunity_ids: list[str] = field(default_factory=list)
    """For a map: the opportunity ids it declares, read from its raw data."""
    raw_type: object = None
    readable: bool = True
    """Whether the file could be read at all (its YAML parsed)."""

    @property
    def ok(self) -> bool:
        return self.model is not None and not any(p.severity is Severity.ERROR for p in self.problems)


class ParseCache:
    """Remembers each file's parse result by its modification time and size, so a rebuild
    re-reads only the files that changed."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[tuple[int, int], object]] = {}
        self._options: object = None
        self.hits = 0
        self.misses = 0

    def bind(self, options: object) -> None:
        if options != self._options:
            self._entries.clear()
            self._options = options

    def get(self, kind: str, path: Path) -> object | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        found = self._entries.get((kind, str(path)))
        if found and found[0] == (stat.st_mtime_ns, stat.st_size):
            self.hits += 1
            return found[1]
        self.misses += 1
        return None

    def put(self, kind: str, path: Path, value: object) -> None:
        try:
            stat = path.stat()
        except OSError:
            return
        self._entries[(kind, str(path))] = ((stat.st_mtime_ns, stat.st_size), value)

    def forget_missing(self, present: set[str]) -> None:
        for key in [k for k in self._entries if k[1] not in present]:
            del self._entries[key]


def discover(root: Path, folder: str) -> list[tuple[Path, str]]:
    """Content files under ``root/folder``: (absolute path, path relative to root), sorted.
    Files and folders whose names start with '_' or '.' are skipped."""
    base = root / folder
    if not base.is_dir():
        return []
    found = []
    for path in base.rglob("*"):
        rel_parts = path.relative_to(root).parts
        if any(part.startswith(("_", ".")) for part in rel_parts):
            continue
        if path.suffix.lower() in CONTENT_SUFFIXES and path.is_file():
            found.append((path, path.relative_to(root).as_posix()))
    return sorted(found, key=lambda pair: pair[1])


def _top_level(doc: Document, what: str, needs: str) -> bool:
    """Whether the file holds a mapping to validate. A file that could not be read at all is
    reported once; one with a mistake the reader could skip (a duplicate key, an unsupported
    tag) is still validated, so that all its problems are reported in one pass."""
    if doc.data is None and doc.problems:
        return False
    if doc.data is None:
        where = "the front matter of the" if doc.is_markdown else "the"
        doc.problems.append(Problem(doc.path, 1, 1, f"{where} {what} file is empty",
                                    f"it needs {needs}; the template gallery has a starter to copy"))
        return False
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        doc.problems.append(Problem(doc.path, 1, 1, f"the {what} file must hold {needs}, not {kind}",
                                    "write one 'key: value' per line, starting at the left edge"))
        return False
    return True


def _entity_id(parsed: Parsed[Any], declared: str | None, path: Path) -> None:
    stem = path.stem
    ident = declared or stem
    if not declared and not _ID.match(stem):
        parsed.problems.append(Problem(
            parsed.path, 1, 1, f"the file name '{path.name}' does not make a valid id",
            "rename the file using lowercase letters, digits and hyphens, or add an 'id:' key"))
        return
    if ident in RESERVED_IDS:
        parsed.problems.append(parsed.doc.problem(("id",), f"the id '{ident}' is reserved",
                                                  "choose another id or file name"))
        return
    parsed.id = ident


def _validate(parsed: Parsed[M], model: type[M]) -> None:
    try:
        parsed.model = model.model_validate(parsed.doc.data)
    except ValidationError as exc:
        parsed.problems.extend(problems_from_validation(parsed.doc, exc, model))


def parse_map(path: Path, rel: str, site_lanes: dict[str, LaneDef], today: date) -> Parsed[JourneyMap]:
    doc = read_document(path, rel)
    parsed: Parsed[JourneyMap] = Parsed(rel, doc, problems=list(doc.problems))
    if _top_level(doc, "map", "keys such as title, type, personas, scenario, owner and stages"):
        _validate(parsed, JourneyMap)
    parsed.problems.extend(p for p in doc.problems if p not in parsed.problems)
    if parsed.model is not None:
        parsed.problems.extend(check_map(parsed.model, doc, site_lanes, today))
        _entity_id(parsed, parsed.model.id, path)
    elif isinstance(doc.data, dict):
        parsed.problems.extend(raw_problems(doc, site_lanes))
    # What the cross-file checks need from the raw data, kept so the data itself can go.
    parsed.references = list(map_references(doc.data))
    parsed.opportunity_ids = [ident for _, _, ident in _raw_opportunity_ids(doc.data)]
    parsed.raw_type = doc.data.get("type") if isinstance(doc.data, dict) else None
    parsed.readable = isinstance(doc.data, dict)
    if parsed.ok and parsed.id is not None:
        doc.release(path)
    return parsed


def parse_persona(path: Path, rel: str) -> Parsed[Persona]:
    doc = read_document(path, rel)
    parsed: Parsed[Persona] = Parsed(rel, doc, problems=list(doc.problems))
    if _top_level(doc, "persona", "keys such as name, role and goals"):
        _validate(parsed, Persona)
    parsed.problems.extend(p for p in doc.problems if p not in parsed.problems)
    if parsed.model is not None:
        _entity_id(parsed, parsed.model.id, path)
    return parsed


_OWNER = TypeAdapter(Owner)


def parse_owners(path: Path, rel: str) -> tuple[Document, list[Parsed[Owner]], list[Problem]]:
    """The owners file maps each owner id to its details; one bad owner does not drop the rest."""
    doc = read_document(path, rel)
    problems = list(doc.problems)
    owners: list[Parsed[Owner]] = []
    if not _top_level(doc, "owners", "one 'owner-id:' mapping per owner"):
        problems.extend(p for p in doc.problems if p not in problems)
        return doc, owners, problems
    for key, value in doc.data.items():
        parsed: Parsed[Owner] = Parsed(rel, doc)
        ident = str(key)
        if not _ID.match(ident):
            parsed.problems.append(doc.problem((key,), f"'{ident}' is not a valid owner id",
                                               "use lowercase letters, digits and hyphens, "
                                               f"e.g. '{slugify(ident, 'owner')}'", key=True))
        elif ident in RESERVED_IDS:
            parsed.problems.append(doc.problem((key,), f"the owner id '{ident}' is reserved",
                                               "choose another id", key=True))
        else:
            parsed.id = ident
        if not isinstance(value, dict):
            parsed.problems.append(doc.problem(
                (key,), f"owner '{ident}' must be a mapping with at least 'name:'",
                f"write '{ident}:' then indented lines such as 'name: …' and 'kind: team'"))
        else:
            try:
                parsed.model = _OWNER.validate_python(value)
            except ValidationError as exc:
                parsed.problems.extend(problems_from_validation(doc, exc, Owner, data=value, prefix=(key,),
                                                                 label=f"owner '{ident}'"))
        owners.append(parsed)
    return doc, owners, problems


def _cached(cache: ParseCache | None, kind: str, path: Path, make: Any) -> Any:
    if cache is None:
        return make()
    found = cache.get(kind, path)
    if found is None:
        found = make()
        cache.put(kind, path, found)
    return found


def load_portfolio(
    root: Path | str,
    layout: Layout = Layout(),
    *,
    site_lanes: dict[str, LaneDef] | None = None,
    today: date | None = None,
    cache: ParseCache | None = None,
) -> Portfolio:
    """Read every content file under ``root``. Never raises for bad content: the returned
    portfolio holds the valid entities and a problem for every mistake found."""
    root = Path(root)
    lanes = dict(site_lanes or {})
    today = today or date.today()
    if cache is not None:
        cache.bind((tuple(sorted((k, v.model_dump_json()) for k, v in lanes.items())), today, layout))

    persona_files = discover(root, layout.personas_dir)
    map_files = discover(root, layout.journeys_dir)
    owners_path = root / layout.owners_file

    personas: list[Parsed[Persona]] = [
        _cached(cache, "persona", p, lambda p=p, r=r: parse_persona(p, r)) for p, r in persona_files
    ]
    maps: list[Parsed[JourneyMap]] = [
        _cached(cache, "map", p, lambda p=p, r=r: parse_map(p, r, lanes, today)) for p, r in map_files
    ]
    owner_problems: list[Problem] = []
    owners: list[Parsed[Owner]] = []
    owners_doc: Document | None = None
    if owners_path.is_file():
        owners_doc, owners, owner_problems = _cached(
            cache, "owners", owners_path,
            lambda: parse_owners(owners_path, layout.owners_file))
    elif maps:
        owner_problems.append(Problem(layout.owners_file, 0, 0, "the owners file is missing",
                                      f"create {layout.owners_file} declaring the teams and people "
                                      "that own maps and opportunities"))
    if cache is not None:
        cache.forget_missing({str(p) for p, _ in persona_files + map_files} | {str(owners_path)})

    # Start every parse result with its own problems; cross-file checks add to them.
    extra: dict[int, list[Problem]] = {id(p): [] for p in [*personas, *maps, *owners]}

    def add(parsed: Parsed[Any], problem: Problem) -> None:
        extra[id(parsed)].append(problem)

    def usable(parsed: Parsed[Any]) -> bool:
        return parsed.id is not None and parsed.ok and not any(
            p.severity is Severity.ERROR for p in extra[id(parsed)])

    _check_duplicates(personas, "persona", add)
    _check_duplicates(maps, "map", add)
    _check_duplicate_opportunities(maps, add)

    # Ids of every file count as known, valid or not: a broken file is reported once, and the
    # files that refer to it do not get a second, misleading "unknown id" error.
    persona_ids = {p.id or _raw_id(p) for p in personas}
    owner_ids = {o.id for o in owners if o.id}
    owner_kinds = {o.id: o.model.kind for o in owners if o.id and o.model}
    map_ids = {m.id or _raw_id(m) for m in maps}
    map_types = {m.id: m.model.type for m in maps if m.id and m.model}
    opportunity_ids = {ident for m in maps for ident in m.opportunity_ids}

    # When a file could not be read at all, the ids it declares are unknown; references that
    # might point into it are not reported (the unreadable file is, once).
    unchecked: set[str] = set()
    if any(not m.readable for m in maps):
        unchecked.add("opportunity")
    if owners_doc is None or not isinstance(owners_doc.data, dict):
        unchecked.add("owner")

    def ref(parsed: Parsed[Any], path: tuple[object, ...], value: str | None, known: set[str], what: str,
            prefix: tuple[object, ...] = ()) -> None:
        if value is None or value in known or what in unchecked or not _ID.match(value):
            return  # an id that is not even valid is reported by the validation of the file
        hint = did_you_mean(value, known)
        if not hint:
            hint = f"declare it first, or use one of the existing {what}s" if known else f"no {what} is declared yet"
        add(parsed, parsed.doc.problem(prefix + path, f"unknown {what} '{value}'", hint))

    for parsed in maps:
        for kind, path, value in parsed.references:
            if kind == "persona":
                ref(parsed, path, value, persona_ids, "persona")
            elif kind == "owner":
                ref(parsed, path, value, owner_ids, "owner")
            elif kind == "opportunity":
                ref(parsed, path, value, opportunity_ids, "opportunity")
            elif kind == "map":
                ref(parsed, path, value, map_ids, "map")
                target = map_types.get(value)
                is_future = normalise_word(parsed.raw_type) == MapType.FUTURE_STATE.value
                if value == (parsed.id or _raw_id(parsed)):
                    add(parsed, parsed.doc.problem(path, "a map cannot improve itself",
                                                   "name the current-state map this future state improves"))
                elif target is not None and target is not MapType.CURRENT_STATE and is_future:
                    add(parsed, parsed.doc.problem(
                        path, f"'{value}' is a {target.value} map; a future state improves "
                        "a current-state map", "name the current-state map this future state improves"))
    for parsed in personas:
        if parsed.model is not None:
            ref(parsed, ("owner",), parsed.model.owner, owner_ids, "owner")
    for parsed in owners:
        team = parsed.model.team if parsed.model else None
        if team and parsed.id:
            ref(parsed, ("team",), team, owner_ids, "owner", prefix=(parsed.id,))
            if owner_kinds.get(team) == "person":
                add(parsed, parsed.doc.problem((parsed.id, "team"), f"'{team}' is a person, not a team",
                                               "name the team this person belongs to"))

    portfolio = Portfolio(today=today)
    portfolio.sources = [r for _, r in persona_files + map_files]
    if owners_path.is_file():
        portfolio.sources.append(layout.owners_file)
    portfolio.problems.extend(owner_problems)
    for parsed in [*personas, *maps, *owners]:
        portfolio.problems.extend(parsed.problems)
        portfolio.problems.extend(extra[id(parsed)])
    for parsed in personas:
        if usable(parsed) and parsed.model:
            portfolio.personas[parsed.id] = PersonaEntry(  # type: ignore[index]
                parsed.id, parsed.model, Source(parsed.path, 1, parsed.doc.body, parsed.doc.body_line))  # type: ignore[arg-type]
    for parsed in owners:
        if usable(parsed) and parsed.model and owners_doc:
            line = owners_doc.where((parsed.id,), key=True)[0]
            portfolio.owners[parsed.id] = OwnerEntry(parsed.id, parsed.model, Source(parsed.path, line))  # type: ignore[index,arg-type]
    for parsed in maps:
        if usable(parsed) and parsed.model:
            portfolio.maps[parsed.id] = MapEntry(  # type: ignore[index]
                parsed.id, parsed.model,  # type: ignore[arg-type]
                Source(parsed.path, 1, parsed.doc.body, parsed.doc.body_line),
                lane_specs(parsed.model, lanes))
    portfolio.problems = sorted(set(portfolio.problems))
    return portfolio


def _raw_id(parsed: Parsed[Any]) -> str:
    data = parsed.doc.data
    declared = data.get("id") if isinstance(data, dict) else None
    return declared if isinstance(declared, str) else Path(parsed.path).stem


def _raw_opportunity_ids(data: Any) -> Iterable[tuple[str, tuple[object, ...], str]]:
    stages = data.get("stages") if isinstance(data, dict) else None
    for i, stage in enumerate(stages if isinstance(stages, list) else []):
        opportunities = stage.get("opportunities") if isinstance(stage, dict) else None
        for j, opp in enumerate(opportunities if isinstance(opportunities, list) else []):
            if isinstance(opp, dict) and isinstance(opp.get("id"), str):
                yield "opportunity", ("stages", i, "opportunities", j, "id"), opp["id"]


def map_references(data: Any) -> Iterable[tuple[str, tuple[object, ...], str]]:
    """Every reference a map file makes to another file: (kind, path, id). Read from the raw
    data, so that references are checked even when other parts of the map are invalid."""
    if not isinstance(data, dict):
        return
    personas = data.get("personas")
    if isinstance(personas, str):
        yield "persona", ("personas",), personas
    elif isinstance(personas, list):
        for i, persona in enumerate(personas):
            if isinstance(persona, str):
                yield "persona", ("personas", i), persona
    if isinstance(data.get("owner"), str):
        yield "owner", ("owner",), data["owner"]
    if isinstance(data.get("improves"), str):
        yield "map", ("improves",), data["improves"]
    if isinstance(data.get("realises"), list):
        for i, opp in enumerate(data["realises"]):
            if isinstance(opp, str):
                yield "opportunity", ("realises", i), opp
    stages = data.get("stages")
    for i, stage in enumerate(stages if isinstance(stages, list) else []):
        if not isinstance(stage, dict):
            continue
        if isinstance(stage.get("owner"), str):
            yield "owner", ("stages", i, "owner"), stage["owner"]
        opportunities = stage.get("opportunities")
        for j, opp in enumerate(opportunities if isinstance(opportunities, list) else []):
            if isinstance(opp, dict) and isinstance(opp.get("owner"), str):
                yield "owner", ("stages", i, "opportunities", j, "owner"), opp["owner"]


def _check_duplicates(items: Iterable[Parsed[Any]], what: str, add: Any) -> None:
    first: dict[str, Parsed[Any]] = {}
    for parsed in items:
        if parsed.id is None:
            continue
        if parsed.id in first:
            add(parsed, parsed.doc.problem(
                ("id",), f"the {what} id '{parsed.id}' is already used by {first[parsed.id].path}",
                "give this file another name, or another 'id:'"))
        else:
            first[parsed.id] = parsed


def _check_duplicate_opportunities(maps: Iterable[Parsed[JourneyMap]], add: Any) -> None:
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
                    add(parsed, parsed.doc.problem(
                        path, f"the opportunity id '{opp.id}' is already used in {where}",
                        "opportunity ids must be unique across the portfolio; choose another"))
                elif opp.id not in first:
                    first[opp.id] = (parsed, path)
