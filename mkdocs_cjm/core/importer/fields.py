"""Labelled fields in the text around a board's grid: the scenario, the goal and the title.

Boards label a field in several layouts, all read alike:

* on the label's line: ``Scenario: Sam buys a gift card``, ``**Scenario** – …``, ``# Goal: …``;
* on the lines under a label of its own: ``Scenario`` or ``Scenario:``, then the text;
* under a heading: ``## Scenario``, then the text (a paragraph, up to a blank line);
* in two cells of a row above the grid (``Scenario<TAB>Sam buys…``, a spreadsheet's A1 and B1).

A template also fills these places with its own instructions ("Describe the scenario here…",
"[Scenario]", "What is the customer trying to do?"). Such text is never taken for content: the
real text under or after it is, and when there is none the field stays for the editor to write
(the instructions are kept with the other text around the grid, as comments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cells import clean

GRID = "\x00grid"
"""Stands in the notes where the grid was: a label before it never takes text after it."""

FIELD_LABELS = {
    "scenario": frozenset(
        {"scenario", "the scenario", "journey scenario", "user scenario", "customer scenario", "situation"}
    ),
    "goal": frozenset(
        {"goal", "goals", "the goal", "main goal", "customer goal", "user goal", "persona goal", "journey goal"}
        | {"objective", "customer objective"}
    ),
    "title": frozenset({"title", "map title", "journey title", "journey name", "journey map title"}),
}
"""Each field the importer reads, and the labels a board may give it (lower case)."""

_LABEL = re.compile(
    r"^\s*(?:#{1,6}\s*)?[*_]{0,2}\s*(?P<label>[A-Za-z][A-Za-z' ]{0,30}?)\s*[*_]{0,2}\s*"
    r"(?:(?P<sep>[:：]|\s[-–—]\s|[-–—]\s)\s*[*_]{0,2}\s*(?P<value>.*?)\s*[*_]{0,2}\s*|)$"
)
_HEADING = re.compile(r"^\s*#{1,6}\s")
_VERBS = frozenset(
    [
        "describe",
        "write",
        "add",
        "enter",
        "type",
        "insert",
        "fill",
        "click",
        "double-click",
        "tap",
        "replace",
        "summarise",
        "summarize",
        "explain",
        "list",
        "note",
        "document",
        "define",
        "state",
        "capture",
        "outline",
        "provide",
        "put",
        "paste",
        "use",
        "narrow",
        "identify",
        "choose",
        "select",
        "pick",
        "edit",
        "drag",
        "move",
        "consider",
        "envision",
        "imagine",
        "think",
        "include",
        "specify",
        "name",
        "give",
        "tell",
        "sum",
        "start",
        "delete",
        "remove",
        "change",
        "update",
        "record",
        "jot",
        "draft",
        "map",
        "design",
        "explore",
    ]
)
_META = re.compile(
    r"\b(?:here|your|yours|this|these|below|above|e\.g\.?|eg|for example|placeholder|sticky|"
    r"template|framework|board|field|section|row|column|box|text|one sentence|a sentence|briefly|"
    r"scenario|goal|goals|objective|title|situation)\b",
    re.IGNORECASE,
)
_PLACEHOLDERS = frozenset({"tbd", "tbc", "todo", "to do", "n/a", "na", "none", "xxx", "xx", "x", "...", "…", "-"})
_THE_BOARD = re.compile(r"\b(?:this|the) (?:template|framework|board|map|canvas|exercise|worksheet)\b", re.IGNORECASE)
_HERE = re.compile(r"\b(?:goes|go|comes|add(?:ed)?|type|write|enter)\s+(?:it\s+)?here\b", re.IGNORECASE)
_ENDS_HERE = re.compile(r"\bhere\W*$", re.IGNORECASE)
_TEMPLATE_HEADING = re.compile(
    r"^(?:document|envision|imagine|map|design|capture|explore|describe)\s+(?:an?|the|your)\s+"
    r"(?:(?:existing|current|future|new|ideal|planned)\s+)?experience\W*$",
    re.IGNORECASE,
)


def is_instruction(text: str) -> bool:
    """Whether ``text`` is a template's own words to the editor, not content: an instruction
    ("Describe the scenario here…", "Use this framework to…"), a question to answer ("What is
    the customer trying to do?"), or a placeholder ("[Scenario]", "TBD", "Lorem ipsum")."""
    plain = clean(text).strip(" *_")
    low = plain.lower()
    words = re.findall(r"[\w'-]+", low)
    if not words or low in _PLACEHOLDERS or low.startswith("lorem ipsum"):
        return True
    if re.fullmatch(r"[\[<{(].*[\]>})]", plain) or plain.endswith("?"):
        return True
    if _THE_BOARD.search(plain) or _HERE.search(plain) or _TEMPLATE_HEADING.match(plain):
        return True
    if re.search(r"\b(?:click|tap) to\b", low) or (_ENDS_HERE.search(plain) and len(words) <= 6):
        return True
    first = "double-click" if low.startswith("double-click") else words[0]
    return first in _VERBS and bool(_META.search(plain) or plain.endswith(("…", "...")))


def _label_of(note: str) -> tuple[str, str] | None:
    """(field, the text after the label on its line) of a line that labels a field."""
    match = _LABEL.match(note)
    if match is None:
        return None
    label = " ".join(match.group("label").lower().split())
    for name, labels in FIELD_LABELS.items():
        if label in labels:
            return name, clean(match.group("value") or "")
    return None


def is_field_label(text: str) -> bool:
    """Whether ``text`` is a field's label alone ('Scenario', '**Goal:**')."""
    label = _label_of(text)
    return label is not None and not label[1]


@dataclass
class Fields:
    """What the text around the grid says: field values, the rest of the text (kept as
    comments), and notes for the editor."""

    values: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    only_instructions: set[str] = field(default_factory=set)
    """Fields the board labels but fills with nothing but the template's instructions."""


def _paragraph(notes: list[str], start: int) -> tuple[list[int], list[str]]:
    """The lines of the text under a label at ``start - 1``: instructions and blank lines are
    skipped until text comes; the text runs to a blank line, a label, a heading or an
    instruction. Returns (the indexes taken, the instructions passed over)."""
    taken: list[int] = []
    passed: list[str] = []
    for i in range(start, len(notes)):
        note = notes[i]
        if note == GRID or _label_of(note) is not None or _HEADING.match(note):
            break
        if not note.strip():
            if taken:
                break
            continue
        if is_instruction(note):
            if taken:
                break
            passed.append(note)
            continue
        taken.append(i)
    return taken, passed


def read_fields(notes: list[str]) -> Fields:
    """The labelled fields in ``notes`` (the text around the grid, a line per note, '' for a
    blank line, :data:`GRID` where the grid was). The first label of a field with real text wins."""
    found = Fields()
    used: set[int] = set()
    skipped: dict[str, str] = {}
    for i, note in enumerate(notes):
        label = _label_of(note)
        if label is None or label[0] in found.values:
            continue
        name, value = label
        if value and not is_instruction(value):
            found.values[name] = value
            used.add(i)
            continue
        taken, passed = _paragraph(notes, i + 1)
        if taken:
            found.values[name] = " ".join(notes[j] for j in taken)
            used.update(taken)
            if not value:
                used.add(i)
        elif value or passed:
            skipped.setdefault(name, value or passed[0])
    for name, text in skipped.items():
        if name not in found.values:
            found.only_instructions.add(name)
            found.warnings.append(
                f"the board's {name} holds only the template's instructions ('{text[:60]}'); "
                f"they are kept as a comment — write the map's {name}"
            )
    found.notes = [n for j, n in enumerate(notes) if j not in used and n.strip() and n != GRID]
    return found
