"""Finding the grid in an export's text: where it starts, how rows split into cells, which
row is the header, which columns are empty, what lies around it."""

from __future__ import annotations

import csv
from collections.abc import Sequence

from ..lanes import title_words
from ..problems import ContentError, Problem
from .build import Grid
from .cells import blocks, clean
from .fields import GRID, is_field_label


def problem(source: str, line: int, message: str, hint: str) -> ContentError:
    return ContentError([Problem(source, line, 1, message, hint)])


NO_GRID_HINT = (
    "export the board as tab-separated text, or save the sheet as CSV: a header row of "
    "stage names (its first cell empty), then one row per lane"
)
_HEADER_LABELS = frozenset(
    {
        "",
        "stage",
        "stages",
        "lane",
        "lanes",
        "phase",
        "phases",
        "lanes stages",
        "lane stage",
        "stages lanes",
        "journey",
        "step",
    }
)


def split_tab_rows(lines: list[str]) -> list[list[str]]:
    """Rows of a tab-separated grid. Quoted cells may hold tabs, quotes and line breaks, but a
    quote mark may also just start an item: quoting is followed only where it makes the rows
    more alike in width than plain lines do."""
    plain = [line.split("\t") for line in lines]
    if not any(cell.startswith('"') for row in plain for cell in row):
        return plain
    try:
        quoted = [
            [c.replace("\r\n", "\n") for c in row]
            for row in csv.reader("\n".join(lines).splitlines(keepends=True), delimiter="\t", strict=True)
        ]
    except csv.Error:
        return plain
    return quoted if _alike(quoted) > _alike(plain) else plain


def _alike(rows: list[list[str]]) -> tuple[float, int]:
    """How alike the rows are: the share of rows of more than one cell that have the most
    common width, then (fewer is better) the lines of text without a tab among them."""
    widths = [len(r) for r in rows if len(r) > 1]
    share = max(widths.count(w) for w in set(widths)) / len(widths) if widths else 0.0
    return share, -sum(1 for r in rows if len(r) == 1 and r[0].strip())


def are_filled(cells: Sequence[str]) -> list[bool]:
    return [bool(blocks(c)[0]) for c in cells]


def _text_of(cells: Sequence[str]) -> str:
    return " | ".join(t for c in cells for t in (clean(x) for x in blocks(c)[0]) if t)


def find_grid(rows: list[tuple[int, list[str]]], notes: list[str], source: str) -> Grid:
    """The grid in ``rows`` (line number, cells): rows before the first one with a filled cell
    after its first are notes; then the header row, then a row per lane. Columns empty in every row go,
    a header without its empty corner cell is set right, and a second grid is kept as notes."""
    multi = [cells for _, cells in rows if len(cells) > 1]
    width = max((len(c) for c in multi), default=0)
    keep = [i for i in range(width) if any(i < len(c) and are_filled(c[i : i + 1])[0] for c in multi)]
    if keep and len(keep) < width:
        rows = [(n, [c[i] if i < len(c) else "" for i in keep] if len(c) > 1 else c) for n, c in rows]
    starts = [i for i, (_, c) in enumerate(rows) if len(c) > 1 and any(are_filled(c[1:]))]
    # 'Scenario<TAB>Sam buys a gift card' above the grid is a labelled field, not its header.
    first = next((i for n, i in enumerate(starts) if not (is_field_row(rows[i][1]) and n + 2 < len(starts))), None)
    if first is None:
        line = next((n for n, c in rows if any(are_filled(c))), 1)
        raise problem(source, line, "no grid found in the export", NO_GRID_HINT)
    notes = notes + [t for _, c in rows[:first] for t in field_text(c)]
    body = rows[first + 1 :]
    grid = _header(*rows[first], body, notes)
    grid.notes.append(GRID)
    _lane_rows(grid, body)
    if not grid.rows:
        raise problem(
            source,
            grid.header_line,
            "the export has stage names but no lane rows",
            "each lane is a row below the stage names: its title, then a cell per stage",
        )
    return grid


def is_field_row(cells: Sequence[str]) -> bool:
    """A row of a field's label and its text: 'Scenario', then one filled cell."""
    filled = are_filled(cells)
    return len(cells) > 1 and sum(filled[1:]) == 1 and is_field_label(_cell_text(cells[0]))


def _cell_text(cell: str) -> str:
    return clean(" ".join(blocks(cell)[0]))


def field_text(cells: Sequence[str]) -> list[str]:
    """A row's text as notes: a field's row as its label's line ('Scenario: Sam buys…'), or the
    label, then each line of the cell (where a template's instructions may come first)."""
    if not is_field_row(cells):
        return [_text_of(cells)]
    value = next(c for c, filled in zip(cells[1:], are_filled(cells[1:]), strict=True) if filled)
    label = _cell_text(cells[0]).strip(" *_").rstrip(":")
    lines = [clean(b) for b in blocks(value)[0]]
    return [f"{label}: {lines[0]}"] if len(lines) == 1 else [f"{label}:", *lines]


def _header(header_line: int, header: list[str], body: list[tuple[int, list[str]]], notes: list[str]) -> Grid:
    """The grid of a header row: its stage cells after the corner cell, which may be missing
    (a header one cell shorter than the lane rows) or hold a label."""
    warnings: list[str] = []
    lane_width = max((len(c) - _trailing_empty(c) for _, c in body if len(c) > 1), default=0)
    corner = clean(" ".join(blocks(header[0])[0]))
    header_width = len(header) - _trailing_empty(header)
    if corner and title_words(corner) not in _HEADER_LABELS and header_width == lane_width - 1:
        header = ["", *header]
        warnings.append(
            f"the header row (line {header_line}) has no empty cell above the lane titles; "
            f"'{corner[:40]}' was taken as the first stage"
        )
    elif corner and title_words(corner) not in _HEADER_LABELS:
        notes.insert(0, corner)
        warnings.append(
            f"the first cell of the header row (line {header_line}) holds '{corner[:60]}'; "
            "it was taken as a label, not a stage"
        )
    return Grid(header=header[1:], header_line=header_line, notes=notes, warnings=warnings)


def _lane_rows(grid: Grid, body: list[tuple[int, list[str]]]) -> None:
    """The rows below the header into the grid's lane rows, up to a second grid (kept as notes)."""
    stage_names = [clean(" ".join(blocks(c)[0])) for c in grid.header]
    after_text = False
    for i, (line, cells) in enumerate(body):
        filled = are_filled(cells)
        if len(cells) == 1 or not any(filled):
            if any(filled):
                grid.notes.append(_text_of(cells))
                grid.warnings.append(
                    f"line {line} has no tab, so it is not a row of the grid; its text is kept as a comment"
                )
                after_text = True
            continue
        names = [clean(" ".join(blocks(c)[0])) for c in cells[1:]]
        if not filled[0] and (after_text or names[: len(stage_names)] == stage_names):
            grid.notes.extend(t for _, c in body[i:] if (t := _text_of(c)))
            grid.warnings.append(
                f"line {line} starts a second grid; it was not imported (its text is kept "
                "as comments) — import it from a file of its own"
            )
            break
        grid.rows.append((line, cells[0], cells[1:]))


def _trailing_empty(cells: Sequence[str]) -> int:
    n = 0
    for filled in reversed(are_filled(cells)):
        if filled:
            break
        n += 1
    return n


def grid_start(lines: list[str]) -> int | None:
    """The first line of the grid in a board's text: the first line with a tab that is followed
    by another (a header needs lane rows), else the first with a filled cell after its first."""

    def tabbed(n: int) -> bool:
        return "\t" in lines[n]

    for n in range(len(lines)):
        if not tabbed(n) or not any(are_filled(lines[n].split("\t")[1:])):
            continue
        following = n + 1
        quotes = lines[n].count('"')
        while following < len(lines) and quotes % 2 and not tabbed(following):
            quotes += lines[following].count('"')  # a quoted cell going on over lines
            following += 1
        if following < len(lines) and tabbed(following):
            return n
    return next((n for n, line in enumerate(lines) if any(are_filled(line.split("\t")[1:]))), None)


def delimiter_of(text: str) -> str:
    """The delimiter (comma, semicolon or tab) that splits the sheet's rows most alike:
    the largest share of its rows at one width of two cells or more, then the widest."""
    best, score = ",", (0.0, 0)
    for delimiter in (",", ";", "\t"):
        try:
            rows = [
                r
                for r in csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
                if any(c.strip() for c in r)
            ]
        except csv.Error:
            continue
        wide = [len(r) for r in rows if len(r) > 1]
        if not wide:
            continue
        common = max(set(wide), key=lambda w: (wide.count(w), w))
        candidate = (wide.count(common) / len(rows), common)
        if candidate > score:
            best, score = delimiter, candidate
    return best
