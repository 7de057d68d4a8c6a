"""A grid read from an export, turned into a map: stages, lanes, items, emotion scores, and a
report of what was found and what the editor should check."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..fields import parse_time
from ..lanes import LANES, RESERVED_KEYS, lane_for_title, title_words
from ..text import slugify
from .cells import blocks, cell_items, clean, split_heading
from .fields import read_fields


@dataclass(frozen=True)
class ImportReport:
    """What an import found: stages × lanes (rows of the export, empty ones included), items
    (every non-empty item, steps and opportunities included), the lanes that became custom
    lanes (their keys), what the editor should check, and emotion scores."""

    stages: int
    lanes: int
    items: int
    custom_lanes: list[str]
    warnings: list[str]
    scores: int = 0
    """Emotion scores read from an emotion row (numbers, one per stage); not counted as items."""


@dataclass(frozen=True)
class Imported:
    """The new map as data, the YAML text to write, and the report."""

    data: dict[str, Any]
    text: str
    report: ImportReport


_TAKEN_KEYS = frozenset(LANES) | RESERVED_KEYS
"""Keys a custom lane made from a row title cannot have."""


def _custom_key(title: str, used: set[str]) -> str:
    base = slugify(title, "lane").replace("-", "_")[:40].strip("_") or "lane"
    if not base[0].isalpha():
        base = f"lane_{base}"
    key, n = base, 2
    while key in used or key in _TAKEN_KEYS:
        key = f"{base}_{n}"
        n += 1
    used.add(key)
    return key


@dataclass
class Grid:
    """A grid as read from an export: raw header cells, then (line, title cell, cells) per row."""

    header: list[str]
    header_line: int
    rows: list[tuple[int, str, list[str]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # text around the grid, kept as comments
    warnings: list[str] = field(default_factory=list)


def _join(names: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _stages(grid: Grid, warnings: list[str]) -> list[dict[str, Any]]:
    """A stage per column: its name and prompt from the header cell ('Stage N' when it has
    none), and an id of its own when its name gives the anchor of an earlier stage."""
    width = max([len(grid.header)] + [len(cells) for _, _, cells in grid.rows])
    headings = [split_heading(grid.header[i]) if i < len(grid.header) else ("", "") for i in range(width)]
    stages: list[dict[str, Any]] = []
    natural: list[str] = []
    taken = {slugify(name or f"Stage {i + 1}", "stage") for i, (name, _) in enumerate(headings)}
    for i, (name, prompt) in enumerate(headings):
        if not name:
            name = f"Stage {i + 1}"
            warnings.append(
                f"stage {i + 1} has no name in the header row (line {grid.header_line}); "
                f"it is called '{name}' — rename it"
            )
        stage: dict[str, Any] = {"name": name}
        sid = slugify(name, "stage")
        if sid in natural:
            n = 2
            while f"{sid}-{n}" in taken:
                n += 1
            stage["id"] = f"{sid}-{n}"
            taken.add(stage["id"])
            first = stages[natural.index(sid)]["name"]
            same = "have the same name" if first == name else f"give the same link anchor '{sid}'"
            warnings.append(
                f"stages {natural.index(sid) + 1} ('{first}') and {i + 1} ('{name}') {same}; "
                f"stage {i + 1} has the id '{stage['id']}'"
            )
        natural.append(sid)
        if prompt:
            stage["description"] = prompt
        stages.append(stage)
    return stages


def _unseparated_note(unseparated: dict[str, list[str]]) -> str:
    """The warning about cells kept whole: how many, and in which lanes and stages."""
    count = sum(len(names) for names in unseparated.values())
    where = (
        _join([f"{label} ({_join(names, 3)})" for label, names in unseparated.items()], 3)
        if len(unseparated) <= 3
        else f"in {len(unseparated)} lanes: {_join(list(unseparated), 3)}"
    )
    return (
        f"{count} cell{'s' if count != 1 else ''} had nothing between items, so each was kept as one "
        f"item — split any that hold several notes ({where})"
    )


@dataclass
class _Rows:
    """Reads a grid's rows into its stages: each row into its lane, or into the stages'
    emotion scores; what it finds is counted and anything odd becomes a warning."""

    stages: list[dict[str, Any]]
    map_id: str
    warnings: list[str]
    opportunity_ids: set[str]
    lines_separate_items: bool
    lanes: dict[str, dict[str, str]] = field(default_factory=dict)
    custom: list[str] = field(default_factory=list)
    used_keys: set[str] = field(default_factory=set)
    seen_builtin: dict[str, int] = field(default_factory=dict)
    unseparated: dict[str, list[str]] = field(default_factory=dict)
    items: int = 0
    scale: str | None = None
    scored: int = 0
    emotion_row: int = 0
    timed: int = 0
    """The line of the time row (0: none)."""

    def read(self, line: int, title_cell: str, cells: list[str]) -> None:
        name, prompt = split_heading(title_cell)
        if _is_emotion_row(name) and self._emotion(line, name, f"{title_cell} {prompt}", cells):
            return
        if title_words(name) in _TIME_TITLES and self._times(line, cells):
            return
        key, label = self._lane(line, name, prompt)
        if len(cells) < len(self.stages) and any(c.strip() for c in cells):
            self.warnings.append(
                f"line {line}: the '{label}' row has {len(cells)} of {len(self.stages)} cells; "
                "the missing ones are empty"
            )
        for i, raw in enumerate(cells):
            self._cell(key, label, self.stages[i], raw)

    def _emotion(self, line: int, name: str, stated: str, cells: list[str]) -> bool:
        """Read an emotion row into the stages' scores; False when it must stay a lane of text."""
        scores = _scores(cells, _stated_scale(stated)) if not self.emotion_row else None
        if scores is not None:
            values, self.scale, note = scores
            for stage, value in zip(self.stages, values, strict=False):
                if value is not None:
                    stage["emotion"] = value
            self.scored, self.emotion_row = sum(v is not None for v in values), line
            if note:
                self.warnings.append(f"line {line}: {note}")
            return True
        why = (
            f"a second emotion row (the first is on line {self.emotion_row})"
            if self.emotion_row
            else "an emotion row that does not hold one number per stage on a scale of −2..+2, 1..5 or 1..10"
        )
        self.warnings.append(f"line {line}: '{name}' is {why}; it was kept as a lane of text")
        return False

    def _times(self, line: int, cells: list[str]) -> bool:
        """Read a time row (``Time``: one time of day per stage) into the stages' times; False
        when a cell holds anything else (the row stays a lane of text)."""
        values = [clean(" ".join(cell_items(raw)[0])) for raw in cells]
        if not any(values) or any(v and parse_time(v) is None for v in values) or self.timed:
            self.warnings.append(
                f"line {line}: the 'Time' row does not hold one time of day per stage; it was kept as a lane of text"
            )
            return False
        for stage, value in zip(self.stages, values, strict=False):
            if value:
                stage["time"] = value
        self.timed = line
        return True

    def _lane(self, line: int, name: str, prompt: str) -> tuple[str, str]:
        """The lane a row goes into (a built-in one, or a new custom lane), and its label."""
        key = lane_for_title(name) if name else None
        if key is not None and key in self.seen_builtin:
            self.warnings.append(
                f"line {line}: '{name}' is a second row of the {LANES[key].title} lane "
                f"(the first is on line {self.seen_builtin[key]}); it became a lane of its own"
            )
            key = None
        if key is not None:
            self.seen_builtin[key] = line
            return key, name
        label = name or f"Lane on line {line}"
        if not name:
            self.warnings.append(f"line {line}: a row without a lane title; it became the lane '{label}'")
        key = _custom_key(label, self.used_keys)
        self.lanes[key] = {"title": label, **({"prompt": prompt} if prompt else {})}
        self.custom.append(key)
        return key, label

    def _cell(self, key: str, label: str, stage: dict[str, Any], raw: str) -> None:
        found, separated = cell_items(raw)
        if not found:
            return
        self.items += len(found)
        if not separated and not self.lines_separate_items and len(found[0].split()) > 1:
            self.unseparated.setdefault(label, []).append(stage["name"])
        if key == "opportunities":
            stage["opportunities"] = [
                {"id": _opportunity_id(self.map_id, text, self.opportunity_ids), "title": text} for text in found
            ]
        else:
            stage[key] = found


def build_map(
    grid: Grid,
    *,
    source: str,
    map_id: str,
    persona: str,
    owner: str,
    title: str | None,
    taken_ids: Collection[str] = (),
    lines_separate_items: bool = False,
) -> Imported:
    """The map of a grid: stages, then each row into its lane (or the stages' emotion scores)."""
    warnings = list(grid.warnings)
    rows = _Rows(_stages(grid, warnings), map_id, warnings, set(taken_ids), lines_separate_items)
    for line, title_cell, cells in grid.rows:
        rows.read(line, title_cell, cells)
    if rows.unseparated:
        warnings.append(_unseparated_note(rows.unseparated))
    if not any("steps" in s for s in rows.stages):
        warnings.append("no stage has steps; add what the person does in each stage")
    fields = read_fields(grid.notes)
    warnings.extend(fields.warnings)
    scenario = fields.values.get("scenario")
    if not scenario and "scenario" not in fields.only_instructions:
        warnings.append("the export has no scenario line; write the map's scenario")
    data: dict[str, Any] = {
        "title": title or fields.values.get("title") or map_id.replace("-", " ").replace("_", " ").capitalize(),
        "type": "day-in-the-life" if rows.timed and all("time" in s for s in rows.stages) else "current-state",
        "personas": [persona],
        "scenario": scenario or f"Imported from {source}; describe the situation this map covers.",
        **({"goal": fields.values["goal"]} if "goal" in fields.values else {}),
        "owner": owner,
        "status": "draft",
        **({"scale": rows.scale} if rows.scale else {}),
        **({"lanes": rows.lanes} if rows.lanes else {}),
        "stages": rows.stages,
    }
    report = ImportReport(len(rows.stages), len(grid.rows), rows.items, rows.custom, warnings, rows.scored)
    return Imported(data, _text(data, source, report, fields.notes), report)


_TIME_TITLES = frozenset({"time", "time of day", "when"})

_EMOTION_WORDS = frozenset({"emotion", "emotions", "emotional", "sentiment", "mood", "score", "scores"})
_NUMBER = re.compile(r"^[+\-−]?\d+(?:[.,]\d+)?$")
_SCALES = {(-2, 2): None, (1, 5): "1..5", (1, 10): "1..10"}


def _is_emotion_row(title: str) -> bool:
    words = title_words(title).split()
    return bool(words) and words[0] in _EMOTION_WORDS


def _stated_scale(text: str) -> tuple[int, int] | None:
    """A scale the row's title or prompt states: '(1-5)', '1 to 10', '−2..+2', '1 = awful, 5 = great'."""
    plain = clean(" ".join(blocks(text)[0])).replace("−", "-")
    match = re.search(r"([+-]?\d+)\s*(?:\.\.|to|–|—|-)\s*([+-]?\d+)", plain)
    if match:
        low, high = int(match.group(1)), int(match.group(2))
        return (low, high) if low < high else None
    named = [int(n) for n in re.findall(r"([+-]?\d+)\s*=", plain)]
    return (min(named), max(named)) if len(named) >= 2 and min(named) < max(named) else None


def _scores(
    cells: Sequence[str], stated: tuple[int, int] | None
) -> tuple[list[float | int | None], str | None, str] | None:
    """An emotion row's cells as one score per stage, the map's scale for them (None: the
    default −2..+2) and a note for the editor; None when a cell holds anything but one number
    or the numbers fit neither the stated scale nor a usual one."""
    values: list[float | int | None] = []
    for raw in cells:
        found, _ = cell_items(raw)
        if not found:
            values.append(None)
            continue
        if len(found) > 1 or not _NUMBER.match(found[0]):
            return None
        number = float(found[0].replace("−", "-").replace(",", "."))
        values.append(int(number) if number.is_integer() else number)
    present = [v for v in values if v is not None]
    if not present:
        return None
    if stated is not None:
        if not all(stated[0] <= v <= stated[1] for v in present):
            return None
        scale = _SCALES.get(stated, f"{stated[0]}..{stated[1]}")
        return values, scale, ""
    fits = [(low, high) for low, high in _SCALES if all(low <= v <= high for v in present)]
    if not fits:
        return None
    low, high = fits[0]
    note = ""
    if len(fits) > 1:
        others = " or ".join(f"{a}..{b}" for a, b in fits[1:])
        note = (
            f"the emotion scores fit more than one scale; they were read on {low}..{high} — if the "
            f"board used {others}, set the map's 'scale' (or write it in the row title: 'Emotion (1-5)')"
        )
    return values, _SCALES[fits[0]], note


def _opportunity_id(map_id: str, text: str, used: set[str]) -> str:
    base = f"{map_id}-{slugify(text, 'idea')}"[:72].strip("-_")
    ident, n = base, 2
    while ident in used:
        ident = f"{base}-{n}"
        n += 1
    used.add(ident)
    return ident


def _text(data: dict[str, Any], source: str, report: ImportReport, notes: list[str]) -> str:
    head = [
        f"# Imported from {clean(source)} with `mkdocs-cjm import`: {report.stages} stages x "
        f"{report.lanes} lanes, {report.items} items.",
        "# Before publishing: write the title, scenario and goal; add emotion scores, stage owners,",
        "# and owners, statuses and priorities of the opportunities; then set status: published.",
    ]
    if notes:
        head.append("# Text around the grid in the export (not imported):")
        for note in notes:
            head.extend(f"#   {part}" for part in textwrap.wrap(clean(note), 96) or [""])
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return "\n".join(head) + "\n" + body
