"""Zoom levels across maps: a stage names the maps that detail it (``details:``), a map the stage
it details (``part_of:``). Each map has at most one place in the level above; the two keys agree
when both say it; a stage of a map that ``part_of`` names exists; and no map is, at any depth,
a detail of itself (A → B → A). Unknown map ids are reported with the other references
(:mod:`.references`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..assembly.entries import stage_ids
from ..models import JourneyMap
from ..problems import did_you_mean

if TYPE_CHECKING:
    from .files import Parsed
    from .references import CrossFile, Reference

Maps = dict[str, "Parsed[JourneyMap]"]


@dataclass(frozen=True)
class _Claim:
    """One file's word that ``child`` details stage ``stage`` (an index) of map ``parent``."""

    parent: str
    stage: int
    child: str
    by: Parsed[JourneyMap]
    path: tuple[object, ...]

    @property
    def place(self) -> tuple[str, int]:
        return self.parent, self.stage

    def where(self) -> str:
        return f"{self.by.path}:{self.by.doc.where(self.path)[0]}"


def level_references(data: dict[Any, Any]) -> Iterator[Reference]:
    """The map ids a map file's ``details:`` and ``part_of:`` name, read from its raw data."""
    stages = data.get("stages")
    for i, stage in enumerate(stages if isinstance(stages, list) else []):
        details = stage.get("details") if isinstance(stage, dict) else None
        if isinstance(details, str):
            yield "map", ("stages", i, "details"), details
        elif isinstance(details, list):
            yield from (("map", ("stages", i, "details", k), d) for k, d in enumerate(details) if isinstance(d, str))
    part_of = data.get("part_of")
    if isinstance(part_of, str) and "#" in part_of:
        yield "map", ("part_of",), part_of.split("#", 1)[0].strip()
    elif isinstance(part_of, dict) and isinstance(part_of.get("map"), str):
        yield "map", ("part_of", "map"), part_of["map"]


def check_levels(maps: list[Parsed[JourneyMap]], found: CrossFile) -> None:
    """Every problem of the portfolio's zoom levels, at the lines that cause it."""
    by_id: Maps = {}
    for parsed in maps:
        if parsed.id is not None and parsed.model is not None:
            by_id.setdefault(parsed.id, parsed)
    claims = [*_details_claims(by_id, found), *_part_of_claims(by_id, found)]
    _two_places(claims, by_id, found)
    _cycles(claims, found)


def _details_claims(by_id: Maps, found: CrossFile) -> Iterator[_Claim]:
    for ident, parsed in by_id.items():
        assert parsed.model is not None
        for i, stage in enumerate(parsed.model.stages):
            for k, child in enumerate(stage.details):
                path = ("stages", i, "details", k)  # written as one id: the line of 'details:'
                if child == ident:
                    hint = "name a more detailed map, or remove this 'details:'"
                    found.add(parsed, parsed.doc.problem(path, "a map cannot detail one of its own stages", hint))
                elif child in stage.details[:k]:
                    hint = "name each detailed map once"
                    found.add(
                        parsed, parsed.doc.problem(path, f"'{child}' is named twice in this stage's details", hint)
                    )
                elif child in by_id:
                    yield _Claim(ident, i, child, parsed, path)


def _part_of_claims(by_id: Maps, found: CrossFile) -> Iterator[_Claim]:
    for ident, parsed in by_id.items():
        assert parsed.model is not None
        part_of = parsed.model.part_of
        if part_of is None:
            continue
        if part_of.map == ident:
            hint = "name the stage of the higher-level map this map details"
            found.add(parsed, parsed.doc.problem(("part_of",), "a map cannot be part of itself", hint))
            continue
        parent = by_id.get(part_of.map)
        if parent is None or parent.model is None:
            continue  # an unknown map is reported with the other references
        ids = stage_ids(parent.model.stages)
        if part_of.stage not in ids:
            hint = did_you_mean(part_of.stage, ids) or "use the id of one of its stages"
            message = f"the map '{part_of.map}' has no stage '{part_of.stage}'"
            found.add(parsed, parsed.doc.problem(("part_of", "stage"), message, hint))
            continue
        yield _Claim(part_of.map, ids.index(part_of.stage), ident, parsed, ("part_of",))


def _place_name(claim: _Claim, by_id: Maps) -> str:
    parent = by_id[claim.parent].model
    assert parent is not None
    return f"'{claim.parent}#{stage_ids(parent.stages)[claim.stage]}'"


def _two_places(claims: list[_Claim], by_id: Maps, found: CrossFile) -> None:
    """A map placed under two different stages (two ``details:``, or ``part_of:`` against a
    ``details:``): each saying is reported, naming the other."""
    by_child: dict[str, list[_Claim]] = {}
    for claim in claims:
        by_child.setdefault(claim.child, []).append(claim)
    for child, said in by_child.items():
        if len({claim.place for claim in said}) < 2:
            continue
        for claim in said:
            others = [c for c in said if c.place != claim.place]
            elsewhere = [f"{_place_name(c, by_id)} in {c.where()}" for c in others]
            who = "this map" if claim.by.id == child else f"the map '{child}'"
            places = len({c.place for c in said})
            count = {2: "two", 3: "three"}.get(places, str(places))
            message = f"{who} is placed under {count} stages: {_place_name(claim, by_id)} here, and " + ", and ".join(
                elsewhere
            )
            hint = "a map details one stage of one map: keep one of them ('part_of:' and 'details:' must agree)"
            found.add(claim.by, claim.by.doc.problem(claim.path, message, hint))


def _cycles(claims: list[_Claim], found: CrossFile) -> None:
    """Maps that are, through their levels, details of themselves: each link of the circle is
    reported where it is written, with the whole circle (A → B → A)."""
    edges: dict[str, dict[str, list[_Claim]]] = {}
    for claim in claims:
        edges.setdefault(claim.parent, {}).setdefault(claim.child, []).append(claim)
    for cycle in _find_cycles({p: sorted(children) for p, children in edges.items()}):
        circle = " → ".join([*cycle, cycle[0]])
        hint = "a map cannot zoom into itself at any depth: remove one of these 'details:' or 'part_of:'"
        for parent, child in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
            for claim in edges[parent][child]:
                message = f"the zoom levels go round in a circle: {circle}"
                found.add(claim.by, claim.by.doc.problem(claim.path, message, hint))


def _find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Circles of the graph (a depth-first search's back edges), each once, starting at its
    smallest id; deterministic."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: dict[tuple[str, ...], list[str]] = {}
    for start in sorted(graph):
        if start in state:
            continue
        path, stack = [start], [iter(graph.get(start, []))]
        state[start] = 1
        while stack:
            node = next(stack[-1], None)
            if node is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(node) == 1:
                cycle = path[path.index(node) :]
                first = cycle.index(min(cycle))
                cycle = cycle[first:] + cycle[:first]
                cycles.setdefault(tuple(cycle), cycle)
            elif node not in state:
                state[node] = 1
                path.append(node)
                stack.append(iter(graph.get(node, [])))
    return list(cycles.values())
