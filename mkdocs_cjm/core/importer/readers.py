"""The importer's entry points: a whiteboard export, a table of cells, a CSV sheet, a file."""

from __future__ import annotations

import csv
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from .build import Imported, build_map
from .cells import blocks, clean
from .sheets import (
    NO_GRID_HINT,
    are_filled,
    delimiter_of,
    field_text,
    find_grid,
    grid_start,
    is_field_row,
    problem,
    split_tab_rows,
)


def import_whiteboard(
    text: str,
    *,
    source: str = "<export>",
    map_id: str = "imported-map",
    persona: str = "persona-id",
    owner: str = "owner-id",
    title: str | None = None,
    taken_ids: Collection[str] = (),
) -> Imported:
    """A tab-separated export of a journey-map board (text around the grid allowed).
    ``taken_ids``: opportunity ids already used in the portfolio, which new ones avoid."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = grid_start(lines)
    if start is None:
        raise problem(source, 1, "no grid found in the export", NO_GRID_HINT)
    notes = _notes_before(lines[:start])
    numbered, line_no = [], start + 1
    for row in split_tab_rows(lines[start:]):
        numbered.append((line_no, row))
        line_no += 1 + sum(cell.count("\n") for cell in row)
    grid = find_grid(numbered, notes, source)
    return build_map(grid, source=source, map_id=map_id, persona=persona, owner=owner, title=title, taken_ids=taken_ids)


def _notes_before(lines: list[str]) -> list[str]:
    """The text above a board's grid, a note per line ('' for a blank one). A row of a label and
    a cell ('Scenario<TAB>Sam buys…', the cell maybe quoted over several lines) is the field's."""
    notes: list[str] = []
    i = 0
    while i < len(lines):
        end = i + 1
        if "\t" in lines[i] and lines[i].count('"') % 2:  # a quoted cell that goes on below
            quotes = lines[i].count('"')
            while end < len(lines) and quotes % 2:
                quotes += lines[end].count('"')
                end += 1
        chunk = "\n".join(lines[i:end])
        try:
            cells = next(csv.reader([chunk], delimiter="\t", strict=True)) if "\t" in chunk else []
        except (csv.Error, StopIteration):
            cells = []
        if not is_field_row(cells):
            end, cells = i + 1, lines[i].split("\t")
        notes.extend(field_text(cells) if is_field_row(cells) else [clean(b) for b in blocks(lines[i])[0]] or [""])
        i = end
    return notes


def import_table(
    rows: Sequence[Sequence[str]],
    *,
    source: str = "<export>",
    map_id: str = "imported-map",
    persona: str = "persona-id",
    owner: str = "owner-id",
    title: str | None = None,
    lines: Sequence[int] | None = None,
    taken_ids: Collection[str] = (),
) -> Imported:
    """A grid already split into cells, as a spreadsheet holds it: rows above the grid with one
    filled cell at most (a title) are kept as comments; the next row holds the stage names
    (after one cell for the lane titles), each further row a lane, a cell's items on separate
    lines. ``lines`` are the rows' line numbers in the file (by default 1, 2, 3, …)."""
    numbers = list(lines) if lines is not None else list(range(1, len(rows) + 1))
    numbered = [(numbers[i], [str(c) for c in row] or [""]) for i, row in enumerate(rows)]
    if not any(any(are_filled(c)) for _, c in numbered):
        raise problem(source, 1, "the export is empty", NO_GRID_HINT)
    grid = find_grid(numbered, [], source)
    return build_map(
        grid,
        source=source,
        map_id=map_id,
        persona=persona,
        owner=owner,
        title=title,
        taken_ids=taken_ids,
        lines_separate_items=True,
    )


def import_csv(
    text: str,
    *,
    source: str = "<export>",
    map_id: str = "imported-map",
    persona: str = "persona-id",
    owner: str = "owner-id",
    title: str | None = None,
    taken_ids: Collection[str] = (),
) -> Imported:
    """A spreadsheet saved as CSV (comma, semicolon or tab separated, told from the content)."""
    try:
        rows = list(csv.reader(text.splitlines(keepends=True), delimiter=delimiter_of(text), strict=True))
    except csv.Error as exc:
        raise problem(
            source,
            1,
            f"the CSV cannot be read: {exc}",
            "check the quotes in the file, or save it again from the spreadsheet",
        ) from exc
    # Line numbers of rows: a quoted cell may span lines.
    starts, line = [], 1
    for row in rows:
        starts.append(line)
        line += 1 + sum(cell.count("\n") for cell in row)
    return import_table(
        rows, source=source, map_id=map_id, persona=persona, owner=owner, title=title, lines=starts, taken_ids=taken_ids
    )


def import_file(
    path: Path,
    *,
    source: str = "<export>",
    map_id: str = "imported-map",
    persona: str = "persona-id",
    owner: str = "owner-id",
    title: str | None = None,
    taken_ids: Collection[str] = (),
) -> Imported:
    """Read an export and convert it; the layout is told from the content (and a ``.csv`` name)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise problem(
            source, 0, f"the export cannot be read: {exc.strerror or exc}", "check the file's name and permissions"
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise problem(
            source,
            line,
            "the export is not UTF-8 text",
            "export it again as UTF-8 (or open it in an editor and save it as UTF-8)",
        ) from exc
    if not text.strip():
        raise problem(source, 1, "the export is empty", NO_GRID_HINT)
    options: dict[str, Any] = {
        "source": source,
        "map_id": map_id,
        "persona": persona,
        "owner": owner,
        "title": title,
        "taken_ids": taken_ids,
    }
    is_csv = Path(path).suffix.lower() == ".csv" or "\t" not in text
    return import_csv(text, **options) if is_csv else import_whiteboard(text, **options)
