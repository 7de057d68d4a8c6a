"""Journey maps that already exist elsewhere, turned into map files.

Two layouts are read, both a grid with stages as columns and lanes as rows:

* the tab-separated text a whiteboard tool exports from its customer-journey template (the
  "five Es" board): text around the grid, a header row of stage cells, then a row per lane
  whose first cell holds the lane's title and prompt question. Cells may hold HTML: items as
  ``<div>``s, ``<br>``-separated lines or list items, headings nested in header cells;
* a spreadsheet saved as CSV (comma, semicolon or tab): the first row holds the stage names,
  the first column the lane titles, and a cell's items are on separate lines
  (what ``mkdocs-cjm export --format csv`` writes).

Every item of the export arrives in the map: lanes the format does not know become custom
lanes, a cell whose items cannot be told apart is kept as one item (and reported), and text
around the grid is kept as comments. Pure functions; bad input raises :class:`ContentError`.
"""

from __future__ import annotations

import csv
import re
import textwrap
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from .lanes import LANES, RESERVED_KEYS, lane_for_title, title_words
from .problems import ContentError, Problem
from .text import slugify

__all__ = ["ImportReport", "Imported", "import_csv", "import_file", "import_table", "import_whiteboard"]

# -- results ------------------------------------------------------------------------------------


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


# -- cells: HTML and plain text into items -------------------------------------------------------

_BLOCKS = frozenset({"div", "p", "li", "ul", "ol", "br", "hr", "tr", "td", "th", "table", "section",
                     "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl",
                     "h1", "h2", "h3", "h4", "h5", "h6"})
_SKIP = frozenset({"script", "style", "template"})
_INLINE = frozenset({"span", "b", "i", "u", "s", "em", "strong", "a", "font", "mark", "small", "big", "sub",
                     "sup", "del", "ins", "code", "abbr", "cite", "q", "label", "img", "wbr"})
_KNOWN = _BLOCKS | _SKIP | _INLINE
_BREAK = "\x00"  # marks a boundary between items while a cell is parsed
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_BULLET_LINE = re.compile(r"^\s*[-*+•·◦▪‣–]\s+")
_NUMBER_LINE = re.compile(r"^\s*\d{1,3}[.)]\s+")
_INLINE_BULLETS = re.compile(r"\s*[•◦▪‣]\s*")


class _CellParser(HTMLParser):
    """Text of a cell with a break wherever a block element starts or ends (``markup``: there
    was one). Inline elements only lose their tags; tags HTML does not know stay as text."""

    def __init__(self, raw: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self._raw = raw.lower()
        self.parts: list[str] = []
        self.markup = False
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIP and f"</{tag}" not in self._raw:  # 'pick a <template>' is text, not a script
            self.handle_data(self.get_starttag_text() or "")
            return
        if tag not in _KNOWN:  # '<Customer>' in an item is the editor's text, not markup
            self.handle_data(self.get_starttag_text() or "")
            return
        if tag in _SKIP:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.markup = True
            self.parts.append(_BREAK)

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        if tag not in _KNOWN:
            self.handle_data(self.get_starttag_text() or "")
            return
        if tag in _BLOCKS:
            self.markup = True
            self.parts.append(_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _KNOWN:
            self.handle_data(f"</{tag}>")
            return
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.markup = True
            self.parts.append(_BREAK)

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _clean(text: str) -> str:
    """One line of plain text: no control characters, no runs of spaces."""
    return " ".join(_CONTROL.sub(" ", text).replace("\xa0", " ").split())


_BLOCK_NAMES = "|".join(sorted(_BLOCKS, key=len, reverse=True))
_KNOWN_NAMES = "|".join(sorted(_KNOWN, key=len, reverse=True))
_HTML_SIGNS = re.compile(rf"<\s*(?:{_BLOCK_NAMES})\b[^<>]*>|</\s*(?:{_KNOWN_NAMES})\s*>"
                         r"|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """A cell is HTML when it has a block element (``<div>``, ``<br>``, ``<li>``, …), the end
    tag of an HTML element (``</span>``, ``</b>``) or a character reference; otherwise ``<`` and
    ``&`` are the editor's own characters."""
    return bool(_HTML_SIGNS.search(text))


def _blocks(raw: str) -> tuple[list[str], bool]:
    """The pieces of a cell between block elements and line breaks, and whether it had any
    structure at all (markup or line breaks)."""
    if looks_like_html(raw):
        # '&reg' without its ';' is not an entity here: 'Sign up&register' stays as written.
        raw = re.sub(r"&(?!#\d+;|#x[0-9a-fA-F]+;|[a-zA-Z][a-zA-Z0-9]*;)", "&amp;", raw)
        parser = _CellParser(raw)
        parser.feed(raw)
        parser.close()
        text, markup = "".join(parser.parts), parser.markup
    else:
        text, markup = raw, False
    structured = markup or "\n" in text.strip() or "\r" in text.strip()
    pieces = [p for chunk in text.split(_BREAK) for p in re.split(r"\r\n|\r|\n", chunk)]
    return [p for p in pieces if _clean(p)], structured


def cell_items(raw: str) -> tuple[list[str], bool]:
    """The items of a cell, and whether they were told apart by something in the cell
    (elements, line breaks, bullets). A cell of plain words is one item."""
    pieces, structured = _blocks(raw)
    items: list[str] = []
    bullets = False
    # '1. Call the bank' alone keeps its number; a list of numbered lines loses the numbers.
    if len(pieces) > 1 and all(_NUMBER_LINE.match(p) for p in pieces):
        pieces = [_NUMBER_LINE.sub("", p, count=1) for p in pieces]
    for piece in pieces:
        if _BULLET_LINE.match(piece):
            bullets = True
            piece = _BULLET_LINE.sub("", piece, count=1)
        parts = [p for p in _INLINE_BULLETS.split(piece) if _clean(p)]
        bullets = bullets or len(parts) > 1
        items.extend(_clean(p) for p in parts)
    return items, structured or bullets or len(items) > 1


_OPENERS = frozenset((
    "How", "What", "Who", "Whom", "Whose", "Where", "When", "Why", "Which", "In", "At", "On", "For",
    "Is", "Are", "Do", "Does", "Did", "Can", "Could", "Would", "Will", "Should", "Think", "List",
    "Describe", "Note", "Write", "After", "Before", "During", "Whenever",
))


def split_heading(raw: str) -> tuple[str, str]:
    """A header cell as (name, prompt): 'Entice How does someone …?' -> ('Entice', 'How does …?').

    The prompt starts at the first word that opens a question (How, What, At, …) after the
    name; a cell of several blocks (a heading, then a paragraph) names itself in the first.
    """
    pieces, _ = _blocks(raw)
    pieces = [_clean(p) for p in pieces]
    if not pieces:
        return "", ""
    name, prompt = _split_words(pieces[0])
    prompt = " ".join(p for p in (prompt, *pieces[1:]) if p)
    # Exports glue a list's lines together: 'talk to?Places: Where …' -> 'talk to? Places: Where …'
    return name, re.sub(r"([?!.])(?=[A-Z])", r"\1 ", prompt)


def _split_words(text: str) -> tuple[str, str]:
    """The prompt starts at the last opener before the question ends: 'Sign In How does …?'
    is the stage 'Sign In'."""
    words = text.split(" ")
    best = None
    for i in range(1, min(len(words), 8)):
        if "?" in " ".join(words[:i]):
            break
        rest = " ".join(words[i:])
        if words[i] in _OPENERS and ("?" in rest or rest.endswith((".", ")", ":"))):
            name = " ".join(words[:i]).rstrip(":–—-").strip()
            if name:
                best = (name, rest)
    return best or (text, "")


# -- lanes ----------------------------------------------------------------------------------------

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


# -- the grid -----------------------------------------------------------------------------------

@dataclass
class _Grid:
    """A grid as read from an export: raw header cells, then (line, title cell, cells) per row."""

    header: list[str]
    header_line: int
    rows: list[tuple[int, str, list[str]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # text around the grid, kept as comments
    warnings: list[str] = field(default_factory=list)


def _join(names: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _stages(grid: _Grid, warnings: list[str]) -> list[dict[str, Any]]:
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
            warnings.append(f"stage {i + 1} has no name in the header row (line {grid.header_line}); "
                            f"it is called '{name}' — rename it")
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
            warnings.append(f"stages {natural.index(sid) + 1} ('{first}') and {i + 1} ('{name}') {same}; "
                            f"stage {i + 1} has the id '{stage['id']}'")
        natural.append(sid)
        if prompt:
            stage["description"] = prompt
        stages.append(stage)
    return stages


def _unseparated_note(unseparated: dict[str, list[str]]) -> str:
    """The warning about cells kept whole: how many, and in which lanes and stages."""
    count = sum(len(names) for names in unseparated.values())
    where = (_join([f"{label} ({_join(names, 3)})" for label, names in unseparated.items()], 3)
             if len(unseparated) <= 3 else f"in {len(unseparated)} lanes: {_join(list(unseparated), 3)}")
    return (f"{count} cell{'s' if count != 1 else ''} had nothing between items, so each was kept as one "
            f"item — split any that hold several notes ({where})")


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

    def read(self, line: int, title_cell: str, cells: list[str]) -> None:
        name, prompt = split_heading(title_cell)
        if _is_emotion_row(name) and self._emotion(line, name, f"{title_cell} {prompt}", cells):
            return
        key, label = self._lane(line, name, prompt)
        if len(cells) < len(self.stages) and any(c.strip() for c in cells):
            self.warnings.append(f"line {line}: the '{label}' row has {len(cells)} of {len(self.stages)} cells; "
                                 "the missing ones are empty")
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
        why = (f"a second emotion row (the first is on line {self.emotion_row})" if self.emotion_row
               else "an emotion row that does not hold one number per stage on a scale of −2..+2, 1..5 or 1..10")
        self.warnings.append(f"line {line}: '{name}' is {why}; it was kept as a lane of text")
        return False

    def _lane(self, line: int, name: str, prompt: str) -> tuple[str, str]:
        """The lane a row goes into (a built-in one, or a new custom lane), and its label."""
        key = lane_for_title(name) if name else None
        if key is not None and key in self.seen_builtin:
            self.warnings.append(f"line {line}: '{name}' is a second row of the {LANES[key].title} lane "
                                 f"(the first is on line {self.seen_builtin[key]}); it became a lane of its own")
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
            stage["opportunities"] = [{"id": _opportunity_id(self.map_id, text, self.opportunity_ids), "title": text}
                                      for text in found]
        else:
            stage[key] = found


def _build(grid: _Grid, *, source: str, map_id: str, persona: str, owner: str, title: str | None,
           taken_ids: Collection[str] = (), lines_separate_items: bool = False) -> Imported:
    """The map of a grid: stages, then each row into its lane (or the stages' emotion scores)."""
    warnings = list(grid.warnings)
    rows = _Rows(_stages(grid, warnings), map_id, warnings, set(taken_ids), lines_separate_items)
    for line, title_cell, cells in grid.rows:
        rows.read(line, title_cell, cells)
    if rows.unseparated:
        warnings.append(_unseparated_note(rows.unseparated))
    if not any("steps" in s for s in rows.stages):
        warnings.append("no stage has steps; add what the person does in each stage")
    scenario, how, notes = _scenario(grid.notes)
    if not scenario:
        warnings.append("the export has no scenario line; write the map's scenario")
    elif how == "heading":
        warnings.append(f"the scenario is the board's heading '{scenario}'; say whose situation "
                        "this map covers")
    data: dict[str, Any] = {
        "title": title or map_id.replace("-", " ").replace("_", " ").capitalize(),
        "type": "current-state",
        "personas": [persona],
        "scenario": scenario or f"Imported from {source}; describe the situation this map covers.",
        "owner": owner,
        "status": "draft",
        **({"scale": rows.scale} if rows.scale else {}),
        **({"lanes": rows.lanes} if rows.lanes else {}),
        "stages": rows.stages,
    }
    report = ImportReport(len(rows.stages), len(grid.rows), rows.items, rows.custom, warnings, rows.scored)
    return Imported(data, _text(data, source, report, notes), report)


_EMOTION_WORDS = frozenset({"emotion", "emotions", "emotional", "sentiment", "mood", "score", "scores"})
_NUMBER = re.compile(r"^[+\-−]?\d+(?:[.,]\d+)?$")
_SCALES = {(-2, 2): None, (1, 5): "1..5", (1, 10): "1..10"}


def _is_emotion_row(title: str) -> bool:
    words = title_words(title).split()
    return bool(words) and words[0] in _EMOTION_WORDS


def _stated_scale(text: str) -> tuple[int, int] | None:
    """A scale the row's title or prompt states: '(1-5)', '1 to 10', '−2..+2', '1 = awful, 5 = great'."""
    plain = _clean(" ".join(_blocks(text)[0])).replace("−", "-")
    match = re.search(r"([+-]?\d+)\s*(?:\.\.|to|–|—|-)\s*([+-]?\d+)", plain)
    if match:
        low, high = int(match.group(1)), int(match.group(2))
        return (low, high) if low < high else None
    named = [int(n) for n in re.findall(r"([+-]?\d+)\s*=", plain)]
    return (min(named), max(named)) if len(named) >= 2 and min(named) < max(named) else None


def _scores(cells: Sequence[str], stated: tuple[int, int] | None
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
        note = (f"the emotion scores fit more than one scale; they were read on {low}..{high} — if the "
                f"board used {others}, set the map's 'scale' (or write it in the row title: 'Emotion (1-5)')")
    return values, _SCALES[fits[0]], note


def _opportunity_id(map_id: str, text: str, used: set[str]) -> str:
    base = f"{map_id}-{slugify(text, 'idea')}"[:72].strip("-_")
    ident, n = base, 2
    while ident in used:
        ident = f"{base}-{n}"
        n += 1
    used.add(ident)
    return ident


_SCENARIO_LINE = re.compile(r"^\s*(?:\*\*)?scenario(?:\*\*)?\s*[:–—-]\s*(.+)$", re.IGNORECASE)
_SCENARIO_HEADING = re.compile(r"^(?:document|envision|imagine|map|design|capture|explore|describe)\b.*"
                               r"\bexperience\b", re.IGNORECASE)


def _scenario(notes: list[str]) -> tuple[str, str, list[str]]:
    """The export's scenario line and how it was found ('line' for 'Scenario: …', 'heading'
    for the board's 'Document an existing experience'), and the rest of the text around the grid."""
    for i, note in enumerate(notes):
        match = _SCENARIO_LINE.match(note)
        if match and _clean(match.group(1)):
            return _clean(match.group(1)), "line", notes[:i] + notes[i + 1:]
    for i, note in enumerate(notes):
        if len(note) <= 80 and _SCENARIO_HEADING.match(note):
            return note, "heading", notes[:i] + notes[i + 1:]
    return "", "", notes


def _text(data: dict[str, Any], source: str, report: ImportReport, notes: list[str]) -> str:
    head = [f"# Imported from {_clean(source)} with `mkdocs-cjm import`: {report.stages} stages x "
            f"{report.lanes} lanes, {report.items} items.",
            "# Before publishing: write the title, scenario and goal; add emotion scores, stage owners,",
            "# and owners, statuses and priorities of the opportunities; then set status: published."]
    if notes:
        head.append("# Text around the grid in the export (not imported):")
        for note in notes:
            head.extend(f"#   {part}" for part in textwrap.wrap(_clean(note), 96) or [""])
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return "\n".join(head) + "\n" + body


# -- readers ------------------------------------------------------------------------------------

def _problem(source: str, line: int, message: str, hint: str) -> ContentError:
    return ContentError([Problem(source, line, 1, message, hint)])


_NO_GRID_HINT = ("export the board as tab-separated text, or save the sheet as CSV: a header row of "
                 "stage names (its first cell empty), then one row per lane")
_HEADER_LABELS = frozenset({"", "stage", "stages", "lane", "lanes", "phase", "phases", "lanes stages",
                            "lane stage", "stages lanes", "journey", "step"})


def _split_tab_rows(lines: list[str]) -> list[list[str]]:
    """Rows of a tab-separated grid. Quoted cells may hold tabs, quotes and line breaks, but a
    quote mark may also just start an item: quoting is followed only where it makes the rows
    more alike in width than plain lines do."""
    plain = [line.split("\t") for line in lines]
    if not any(cell.startswith('"') for row in plain for cell in row):
        return plain
    try:
        quoted = [[c.replace("\r\n", "\n") for c in row]
                  for row in csv.reader("\n".join(lines).splitlines(keepends=True), delimiter="\t", strict=True)]
    except csv.Error:
        return plain
    return quoted if _alike(quoted) > _alike(plain) else plain


def _alike(rows: list[list[str]]) -> tuple[float, int]:
    """How alike the rows are: the share of rows of more than one cell that have the most
    common width, then (fewer is better) the lines of text without a tab among them."""
    widths = [len(r) for r in rows if len(r) > 1]
    share = max(widths.count(w) for w in set(widths)) / len(widths) if widths else 0.0
    return share, -sum(1 for r in rows if len(r) == 1 and r[0].strip())


def _filled(cells: Sequence[str]) -> list[bool]:
    return [bool(_blocks(c)[0]) for c in cells]


def _text_of(cells: Sequence[str]) -> str:
    return " | ".join(t for c in cells for t in (_clean(x) for x in _blocks(c)[0]) if t)


def _grid(rows: list[tuple[int, list[str]]], notes: list[str], source: str) -> _Grid:
    """The grid in ``rows`` (line number, cells): rows before the first one with a filled cell
    after its first are notes; then the header row, then a row per lane. Columns empty in every row go,
    a header without its empty corner cell is set right, and a second grid is kept as notes."""
    warnings: list[str] = []
    multi = [cells for _, cells in rows if len(cells) > 1]
    width = max((len(c) for c in multi), default=0)
    keep = [i for i in range(width) if any(i < len(c) and _filled(c[i:i + 1])[0] for c in multi)]
    if keep and len(keep) < width:
        rows = [(n, [c[i] if i < len(c) else "" for i in keep] if len(c) > 1 else c) for n, c in rows]
    first = next((i for i, (_, c) in enumerate(rows) if len(c) > 1 and any(_filled(c[1:]))), None)
    if first is None:
        line = next((n for n, c in rows if any(_filled(c))), 1)
        raise _problem(source, line, "no grid found in the export", _NO_GRID_HINT)
    notes = notes + [t for _, c in rows[:first] if (t := _text_of(c))]
    header_line, header = rows[first]
    body = rows[first + 1:]
    lane_width = max((len(c) - _trailing_empty(c) for _, c in body if len(c) > 1), default=0)
    corner = _clean(" ".join(_blocks(header[0])[0]))
    header_width = len(header) - _trailing_empty(header)
    if corner and title_words(corner) not in _HEADER_LABELS and header_width == lane_width - 1:
        header = ["", *header]
        warnings.append(f"the header row (line {header_line}) has no empty cell above the lane titles; "
                        f"'{corner[:40]}' was taken as the first stage")
    elif corner and title_words(corner) not in _HEADER_LABELS:
        notes.insert(0, corner)
        warnings.append(f"the first cell of the header row (line {header_line}) holds '{corner[:60]}'; "
                        "it was taken as a label, not a stage")
    grid = _Grid(header=header[1:], header_line=header_line, notes=notes, warnings=warnings)
    stage_names = [_clean(" ".join(_blocks(c)[0])) for c in header[1:]]
    after_text = False
    for i, (line, cells) in enumerate(body):
        filled = _filled(cells)
        if len(cells) == 1 or not any(filled):
            if any(filled):
                grid.notes.append(_text_of(cells))
                grid.warnings.append(f"line {line} has no tab, so it is not a row of the grid; "
                                     "its text is kept as a comment")
                after_text = True
            continue
        names = [_clean(" ".join(_blocks(c)[0])) for c in cells[1:]]
        if not filled[0] and (after_text or names[:len(stage_names)] == stage_names):
            grid.notes.extend(t for _, c in body[i:] if (t := _text_of(c)))
            grid.warnings.append(f"line {line} starts a second grid; it was not imported (its text is kept "
                                 "as comments) — import it from a file of its own")
            break
        grid.rows.append((line, cells[0], cells[1:]))
    if not grid.rows:
        raise _problem(source, header_line, "the export has stage names but no lane rows",
                       "each lane is a row below the stage names: its title, then a cell per stage")
    return grid


def _trailing_empty(cells: Sequence[str]) -> int:
    n = 0
    for filled in reversed(_filled(cells)):
        if filled:
            break
        n += 1
    return n


def _grid_start(lines: list[str]) -> int | None:
    """The first line of the grid in a board's text: the first line with a tab that is followed
    by another (a header needs lane rows), else the first with a filled cell after its first."""
    def tabbed(n: int) -> bool:
        return "\t" in lines[n]
    for n in range(len(lines)):
        if not tabbed(n) or not any(_filled(lines[n].split("\t")[1:])):
            continue
        following = n + 1
        quotes = lines[n].count('"')
        while following < len(lines) and quotes % 2 and not tabbed(following):
            quotes += lines[following].count('"')  # a quoted cell going on over lines
            following += 1
        if following < len(lines) and tabbed(following):
            return n
    return next((n for n, line in enumerate(lines) if any(_filled(line.split("\t")[1:]))), None)


def import_whiteboard(text: str, *, source: str = "<export>", map_id: str = "imported-map",
                      persona: str = "persona-id", owner: str = "owner-id", title: str | None = None,
                      taken_ids: Collection[str] = ()) -> Imported:
    """A tab-separated export of a journey-map board (text around the grid allowed).
    ``taken_ids``: opportunity ids already used in the portfolio, which new ones avoid."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = _grid_start(lines)
    if start is None:
        raise _problem(source, 1, "no grid found in the export", _NO_GRID_HINT)
    notes = [_clean(t) for line in lines[:start] for t in _blocks(line)[0]]
    numbered, line_no = [], start + 1
    for row in _split_tab_rows(lines[start:]):
        numbered.append((line_no, row))
        line_no += 1 + sum(cell.count("\n") for cell in row)
    grid = _grid(numbered, notes, source)
    return _build(grid, source=source, map_id=map_id, persona=persona, owner=owner, title=title,
                  taken_ids=taken_ids)


def import_table(rows: Sequence[Sequence[str]], *, source: str = "<export>", map_id: str = "imported-map",
                 persona: str = "persona-id", owner: str = "owner-id", title: str | None = None,
                 lines: Sequence[int] | None = None, taken_ids: Collection[str] = ()) -> Imported:
    """A grid already split into cells, as a spreadsheet holds it: rows above the grid with one
    filled cell at most (a title) are kept as comments; the next row holds the stage names
    (after one cell for the lane titles), each further row a lane, a cell's items on separate
    lines. ``lines`` are the rows' line numbers in the file (by default 1, 2, 3, …)."""
    numbers = list(lines) if lines is not None else list(range(1, len(rows) + 1))
    numbered = [(numbers[i], [str(c) for c in row] or [""]) for i, row in enumerate(rows)]
    if not any(any(_filled(c)) for _, c in numbered):
        raise _problem(source, 1, "the export is empty", _NO_GRID_HINT)
    grid = _grid(numbered, [], source)
    return _build(grid, source=source, map_id=map_id, persona=persona, owner=owner, title=title,
                  taken_ids=taken_ids, lines_separate_items=True)


def _delimiter(text: str) -> str:
    """The delimiter (comma, semicolon or tab) that splits the sheet's rows most alike:
    the largest share of its rows at one width of two cells or more, then the widest."""
    best, score = ",", (0.0, 0)
    for delimiter in (",", ";", "\t"):
        try:
            rows = [r for r in csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
                    if any(c.strip() for c in r)]
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


def import_csv(text: str, *, source: str = "<export>", map_id: str = "imported-map",
               persona: str = "persona-id", owner: str = "owner-id", title: str | None = None,
               taken_ids: Collection[str] = ()) -> Imported:
    """A spreadsheet saved as CSV (comma, semicolon or tab separated, told from the content)."""
    try:
        rows = list(csv.reader(text.splitlines(keepends=True), delimiter=_delimiter(text), strict=True))
    except csv.Error as exc:
        raise _problem(source, 1, f"the CSV cannot be read: {exc}",
                       "check the quotes in the file, or save it again from the spreadsheet") from exc
    # Line numbers of rows: a quoted cell may span lines.
    starts, line = [], 1
    for row in rows:
        starts.append(line)
        line += 1 + sum(cell.count("\n") for cell in row)
    return import_table(rows, source=source, map_id=map_id, persona=persona, owner=owner, title=title,
                        lines=starts, taken_ids=taken_ids)


def import_file(path: Path, *, source: str = "<export>", map_id: str = "imported-map",
                persona: str = "persona-id", owner: str = "owner-id", title: str | None = None,
                taken_ids: Collection[str] = ()) -> Imported:
    """Read an export and convert it; the layout is told from the content (and a ``.csv`` name)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise _problem(source, 0, f"the export cannot be read: {exc.strerror or exc}",
                       "check the file's name and permissions") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise _problem(source, line, "the export is not UTF-8 text",
                       "export it again as UTF-8 (or open it in an editor and save it as UTF-8)") from exc
    if not text.strip():
        raise _problem(source, 1, "the export is empty", _NO_GRID_HINT)
    options: dict[str, Any] = {"source": source, "map_id": map_id, "persona": persona, "owner": owner,
                               "title": title, "taken_ids": taken_ids}
    is_csv = Path(path).suffix.lower() == ".csv" or "\t" not in text
    return import_csv(text, **options) if is_csv else import_whiteboard(text, **options)
