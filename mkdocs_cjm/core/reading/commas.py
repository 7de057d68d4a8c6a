"""The comma trap: prose written in YAML's flow style (``[a, b]``, ``{key: value}``) is split at
every comma, silently. These checks look at how a list or mapping was written (flow or block,
plain or quoted, where each item starts) and point at the places where a comma most likely cut
one text in two.

A flow list is flagged only where an item reads as the continuation of the one before it:

* it opens with a connective (``so``, ``but``, ``not``, ``which``, …) — unless the list's first
  item opens with the same word (``[not now, not here]`` is a parallel list);
* the list is written in sentence case (its first item starts with a capital), the item starts
  with a lower-case word, and either that word is one that opens no item of its own (an article,
  a preposition, a pronoun: ``[Done by Thursday, a day earlier]``) or the item before it reads
  as a clause of four words or more (``[Bookings live in a paper diary, separate from the till]``);
* the item continues a number (``[All 2, 400 lines]`` was ``2,400``; ``[1, 5 kg]`` was ``1,5 kg``);
* the item is a measure of distance or time that qualifies what precedes it
  (``[Waits at home, 600 m from the clinic]``, ``[Arrives, 20 min late]``).

Only plain (unquoted) text is looked at, and (but for numbers) only items of two words or more:
quoting shows the editor chose where items end, and lists of single words or ids
(``[Phone, email]``, ``[onboarding, hardware]``) and lists of names (``[Phone, taxi app]``) are
left alone.

A flow mapping entry without its ``:`` right after a plain text (``{title: Referral to the
clinic, cardiology}``), or digits right after a whole number (``{value: 2,400}``), is a comma
tail: it is recorded, so that validation can explain the unknown key it gives, or warn where
the key is accepted.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..problems import Problem, Severity

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CONNECTIVES = _words(
    """and or but so yet nor then because while whilst although though which who whom whose
    where whereas when unless until since than if not including especially except even
    instead otherwise however therefore thus whether"""
)
"""Words that join a clause to the one before it: an item opening with one continues a text."""

FUNCTION_WORDS = CONNECTIVES | _words(
    """a an the from to in on at by with without for of after before near into onto over under
    about via per during within across behind beyond like despite through towards toward around
    between among against along outside inside she he they it we you i her his their its our my
    them him this that these those there here too also again only just still already mostly
    usually often sometimes never always"""
)
"""Words that cannot start an item of their own in a list written in sentence case."""

_UNITS = (
    r"(?:%|m|km|cm|mm|mi|miles?|metres?|meters?|yards?|ft|feet|kg|g|mg|lbs?|oz|l|ml|cl|°C|°F"
    r"|min|mins|minutes?|h|hrs?|hours?"
    r"|s|secs?|seconds?|days?|weeks?|months?|years?)"
)
_MEASURE_TAIL = re.compile(
    rf"^\d[\d.]*\s*{_UNITS}\s+(?:from|away|later|earlier|after|before|ago|late|early|behind|ahead|past)\b",
    re.IGNORECASE,
)
_ENDS_IN_SHORT_NUMBER = re.compile(r"(?:^|[^\d.,:])\d{1,3}$")
_THOUSANDS = re.compile(r"^\d{3}(?![\d:])")
_DECIMAL = re.compile(rf"^\d+\s*{_UNITS}(?![\w])", re.IGNORECASE)
_NOT_WORDS = re.compile(r"://|@|`")
MAX_SHOWN = 120
"""Longest text quoted back in a message; longer ones are cut with '…'."""


@dataclass(frozen=True)
class CommaTail:
    """A flow-mapping key written without ':' right after a plain value: likely the rest of
    that value, cut off at a comma. ``key`` is the key the value belongs to, ``value`` the value
    as read, ``tail`` the stray key and ``whole`` the text as written from value to tail."""

    key: str
    value: str
    tail: str
    whole: str

    def message(self, where: str = "") -> str:
        """What happened; ``where`` names the mapping (e.g. ' in stage "Referral"')."""
        return (
            f"the comma after '{shorten(self.value)}' ends the value of '{self.key}', so "
            f"'{shorten(self.tail)}' became a key of its own{where}"
        )

    def hint(self) -> str:
        if re.fullmatch(r"\d+,\s*\d+", self.whole):  # a number: 2,400 (thousands) or 1,5 (decimal)
            digits = self.tail.strip()
            number = self.value + (digits if len(digits) == 3 else "." + digits)
            return f"write the number without a comma: {self.key}: {number}"
        return f"if it is all one value, put it in quotes: {self.key}: {quoted(self.whole)}"


def shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1].rstrip() + "…"


def quoted(text: str) -> str:
    """``text`` in YAML quotes: double quotes unless it holds some (or a backslash)."""
    text = shorten(text)
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def _plain_text(node: yaml.Node) -> str | None:
    """The text of a plain (unquoted) scalar, whatever it resolves to; None for anything else."""
    if isinstance(node, yaml.ScalarNode) and not node.style and node.tag != _NULL:
        return str(node.value)
    return None


def _first_word(text: str) -> str:
    return text.split(maxsplit=1)[0] if text.split() else ""


def _is_lower_word(word: str) -> bool:
    """A word written all in lower case (not 'iPad', 'eBay', '3D', a link or an address)."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and word[0].islower() and not any(c.isupper() or c.isdigit() for c in word)


def continues(before: str, item: str, first: str) -> bool:
    """Whether ``item`` reads as the rest of ``before`` (the item ahead of it in a flow list
    whose first item is ``first``), cut off at the comma between them."""
    if _ENDS_IN_SHORT_NUMBER.search(before) and (_THOUSANDS.match(item) or _DECIMAL.match(item)):
        return True
    if len(item.split()) < 2 or _NOT_WORDS.search(item):
        return False
    word = _first_word(item)
    if word in CONNECTIVES and _first_word(first) != word:
        return True
    if first[:1].isupper() and _is_lower_word(word) and (word in FUNCTION_WORDS or len(before.split()) >= 4):
        return True
    return bool(_MEASURE_TAIL.match(item))


class CommaChecks:
    """The comma checks of one document, run as its YAML nodes are built. ``at`` turns a node
    into its (line, column); ``text`` is the YAML the nodes' marks index."""

    def __init__(self, path: str, text: str, at: Any) -> None:
        self.path = path
        self.text = text
        self.at = at
        self.problems: list[Problem] = []
        self.tails: dict[tuple[str, ...], CommaTail] = {}
        self._seen: set[int] = set()

    def sequence(self, node: yaml.SequenceNode) -> None:
        """Warn once per text that a flow list's commas split into several items."""
        if not node.flow_style or len(node.value) < 2 or id(node) in self._seen:
            return
        self._seen.add(id(node))
        texts = [_plain_text(child) for child in node.value]
        first = str(node.value[0].value) if node.value[0].tag == _STR else None
        i = 1
        while i < len(texts):
            if not self._splits(node.value, texts, i, first):
                i += 1
                continue
            start, end = i - 1, i
            while end + 1 < len(texts) and self._splits(node.value, texts, end + 1, first):
                end += 1
            self._warn_split(node.value[start : end + 1], node.value[i])
            i = end + 1

    @staticmethod
    def _splits(nodes: list[yaml.Node], texts: list[str | None], i: int, first: str | None) -> bool:
        """Item ``i`` (plain) continues the text before it (plain or quoted, not a number)."""
        before, item = nodes[i - 1], texts[i]
        if item is None or before.tag != _STR or not isinstance(before, yaml.ScalarNode):
            return False
        return continues(str(before.value), item, first or "")

    def _joined(self, nodes: list[yaml.Node]) -> str:
        """The items' texts joined by what separates them in the file (', ' or a bare ',')."""
        whole = str(nodes[0].value)
        for before, item in itertools.pairwise(nodes):
            gap = self.text[before.end_mark.index : item.start_mark.index]
            whole += (", " if any(c.isspace() for c in gap) else ",") + str(item.value)
        return whole

    def _warn_split(self, nodes: list[yaml.Node], cut: yaml.Node) -> None:
        whole = self._joined(nodes)
        count = len(nodes)
        line, column = self.at(cut)
        self.problems.append(
            Problem(
                self.path,
                line,
                column,
                f"the comma before '{shorten(str(cut.value))}' splits what reads as one text into {count} list items",
                f"if it is one item, put it in quotes: {quoted(whole)}; "
                "or write the list one '- ' item per line, where commas are safe",
                Severity.WARNING,
            )
        )

    def mapping(self, node: yaml.MappingNode, path: tuple[str, ...]) -> None:
        """Record the entries of a flow mapping that are the tail of the value before them."""
        if not node.flow_style:
            return
        for (key, value), (tail, empty) in zip(node.value, node.value[1:], strict=False):
            before, rest = _plain_text(value), _plain_text(tail)
            if before is None or rest is None or not isinstance(key, yaml.ScalarNode):
                continue
            if value.tag != _STR and not (rest.isdigit() and before.isdigit()):
                continue  # '{priya: 1, sam}' misses a score; '{value: 2,400}' is a number cut in two
            written = self.text[tail.end_mark.index : empty.start_mark.index]
            if empty.tag != _NULL or empty.value != "" or ":" in written:
                continue
            whole = self.text[value.start_mark.index : tail.end_mark.index]
            self.tails[(*path, rest)] = CommaTail(str(key.value), before, rest, whole)
