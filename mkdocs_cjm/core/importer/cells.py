"""Cells of an export: HTML or plain text into items, and header cells into a name and a prompt."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

_BLOCKS = frozenset(
    {
        "div",
        "p",
        "li",
        "ul",
        "ol",
        "br",
        "hr",
        "tr",
        "td",
        "th",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
_SKIP = frozenset({"script", "style", "template"})
_INLINE = frozenset(
    {
        "span",
        "b",
        "i",
        "u",
        "s",
        "em",
        "strong",
        "a",
        "font",
        "mark",
        "small",
        "big",
        "sub",
        "sup",
        "del",
        "ins",
        "code",
        "abbr",
        "cite",
        "q",
        "label",
        "img",
        "wbr",
    }
)
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


def clean(text: str) -> str:
    """One line of plain text: no control characters, no runs of spaces."""
    return " ".join(_CONTROL.sub(" ", text).replace("\xa0", " ").split())


_BLOCK_NAMES = "|".join(sorted(_BLOCKS, key=len, reverse=True))
_KNOWN_NAMES = "|".join(sorted(_KNOWN, key=len, reverse=True))
_HTML_SIGNS = re.compile(
    rf"<\s*(?:{_BLOCK_NAMES})\b[^<>]*>|</\s*(?:{_KNOWN_NAMES})\s*>"
    r"|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """A cell is HTML when it has a block element (``<div>``, ``<br>``, ``<li>``, …), the end
    tag of an HTML element (``</span>``, ``</b>``) or a character reference; otherwise ``<`` and
    ``&`` are the editor's own characters."""
    return bool(_HTML_SIGNS.search(text))


def blocks(raw: str) -> tuple[list[str], bool]:
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
    return [p for p in pieces if clean(p)], structured


def cell_items(raw: str) -> tuple[list[str], bool]:
    """The items of a cell, and whether they were told apart by something in the cell
    (elements, line breaks, bullets). A cell of plain words is one item."""
    pieces, structured = blocks(raw)
    items: list[str] = []
    bullets = False
    # '1. Call the bank' alone keeps its number; a list of numbered lines loses the numbers.
    if len(pieces) > 1 and all(_NUMBER_LINE.match(p) for p in pieces):
        pieces = [_NUMBER_LINE.sub("", p, count=1) for p in pieces]
    for piece in pieces:
        if _BULLET_LINE.match(piece):
            bullets = True
            piece = _BULLET_LINE.sub("", piece, count=1)
        parts = [p for p in _INLINE_BULLETS.split(piece) if clean(p)]
        bullets = bullets or len(parts) > 1
        items.extend(clean(p) for p in parts)
    return items, structured or bullets or len(items) > 1


_OPENERS = frozenset(
    (
        "How",
        "What",
        "Who",
        "Whom",
        "Whose",
        "Where",
        "When",
        "Why",
        "Which",
        "In",
        "At",
        "On",
        "For",
        "Is",
        "Are",
        "Do",
        "Does",
        "Did",
        "Can",
        "Could",
        "Would",
        "Will",
        "Should",
        "Think",
        "List",
        "Describe",
        "Note",
        "Write",
        "After",
        "Before",
        "During",
        "Whenever",
    )
)


def split_heading(raw: str) -> tuple[str, str]:
    """A header cell as (name, prompt): 'Entice How does someone …?' -> ('Entice', 'How does …?').

    The prompt starts at the first word that opens a question (How, What, At, …) after the
    name; a cell of several blocks (a heading, then a paragraph) names itself in the first.
    """
    pieces, _ = blocks(raw)
    pieces = [clean(p) for p in pieces]
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
