"""What one content file may cost before it is turned into data: its nesting depth and, with
its aliases expanded, its number of values and its size.

libyaml composes nodes recursively: a small file of ten thousand ``[`` takes the process down
with its C stack, and a few lines of aliases that repeat each other (the "billion laughs") grow
into gigabytes. The file's parser events are read first (iteratively, nothing is built) whenever
a cheap look at the text cannot rule such a file out, and the first place that goes over a bound
is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

MAX_DEPTH = 50
"""How deeply collections may nest; a map needs fewer than ten levels."""
MAX_NODES = 500_000
"""How many values a file may hold, with its aliases expanded."""
MAX_REPEATED_CHARS = 1_000_000
"""How many characters of text aliases may repeat in one file, all aliases together."""

_ANCHOR = re.compile(r"&[^\s,\[\]{}]")
_CHAIN = re.compile(r"^ *(?:[-?:] +){2,}", re.MULTILINE)
_INDENT = re.compile(r"^ +", re.MULTILINE)


def may_exceed(text: str) -> bool:
    """Whether ``text`` might go over a bound: it defines an anchor, or an upper bound of its
    nesting depth is above :data:`MAX_DEPTH`. Flow collections nest once per bracket; block
    collections at most twice per column of indentation, plus a chain of ``- - …`` on one line."""
    if _ANCHOR.search(text):
        return True
    flow = text.count("[") + text.count("{")
    if flow > MAX_DEPTH:
        return True
    indent = max((len(m) for m in _INDENT.findall(text)), default=0)
    chain = max((m.count(" ") for m in _CHAIN.findall(text)), default=0)
    return flow + 2 * (indent + 1) + chain + 2 > MAX_DEPTH


@dataclass(frozen=True)
class Excess:
    """The first place where a file goes over a bound."""

    mark: Any
    message: str
    hint: str


_DEPTH = (
    f"the values here are nested more than {MAX_DEPTH} levels deep",
    "a content file needs only a few levels: close every '[' and '{', and check that the "
    "indentation does not keep growing",
)
_NODES = (
    f"with its aliases expanded, the file holds more than {MAX_NODES:,} values",
    "use fewer aliases ('*name'), or split the map into several files",
)
_REPEATED = (
    f"the aliases ('*name') of this file repeat more than {MAX_REPEATED_CHARS:,} characters of text",
    "write the text once, or use fewer aliases of long text",
)


class _Measure:
    """Walks the events of one document, weighing each node as (values, characters)."""

    def __init__(self) -> None:
        self.frames: list[list[Any]] = []  # [values, characters, anchor] of each open collection
        self.anchors: dict[str, tuple[int, int]] = {}
        self.nodes = 0
        self.repeated = 0

    def add(self, values: int, chars: int) -> None:
        if self.frames:
            self.frames[-1][0] += values
            self.frames[-1][1] += chars
        self.nodes += values

    def event(self, event: yaml.Event) -> tuple[str, str] | None:
        if isinstance(event, yaml.ScalarEvent):
            weight = (1, len(event.value))
            if event.anchor:
                self.anchors[event.anchor] = weight
            self.add(*weight)
        elif isinstance(event, yaml.AliasEvent):
            values, chars = self.anchors.get(event.anchor or "", (0, 0))
            self.add(values, chars)
            self.repeated += chars
            if self.repeated > MAX_REPEATED_CHARS:
                return _REPEATED
        elif isinstance(event, yaml.CollectionStartEvent):
            self.frames.append([1, 0, event.anchor])
            self.nodes += 1
            if len(self.frames) > MAX_DEPTH:
                return _DEPTH
        elif isinstance(event, yaml.CollectionEndEvent) and self.frames:
            values, chars, anchor = self.frames.pop()
            if anchor:
                self.anchors[anchor] = (values, chars)
            if self.frames:
                self.frames[-1][0] += values
                self.frames[-1][1] += chars
        return _NODES if self.nodes > MAX_NODES else None


def measure(loader: Any) -> Excess | None:
    """Read the events of ``loader`` (which is then used up) and return the first place that
    goes over a bound. A YAML error ends the walk: composing the file reports it."""
    walk = _Measure()
    try:
        while loader.check_event():
            event: yaml.Event = loader.get_event()
            found = walk.event(event)
            if found:
                return Excess(event.start_mark, *found)
    except yaml.YAMLError:
        return None
    return None
