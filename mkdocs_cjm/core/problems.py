"""Problems found in content files: what is wrong, where, and how to fix it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is: an error drops the file from the site, a warning does not; a
    notice is for information (``validate`` notes a review that falls due soon)."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one place of one content file.

    ``file`` is the path relative to the portfolio root (the docs dir), with ``/`` separators.
    ``line`` and ``column`` are 1-based; 0 means "the whole file".
    """

    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def __post_init__(self) -> None:
        # A message quotes what the file holds; control characters in it (a key that is a
        # line break) are shown escaped, so that every problem stays on one line.
        object.__setattr__(self, "message", one_line(self.message))
        object.__setattr__(self, "hint", one_line(self.hint))

    def __str__(self) -> str:
        text = f"{one_line(self.file)}:{self.line}:{self.column}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Control characters, line and paragraph separators, and bidirectional overrides (which make a
line read in another order than it is written)."""


def one_line(text: str) -> str:
    """``text`` with line breaks, other control characters and bidirectional overrides written as
    escapes."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class ContentError(Exception):
    """The project's one error type: raised with every problem found, never a partial list."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid content")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice, or listing the choices when none is close."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if not options:
        return ""
    if len(options) <= 12:
        return "expected one of: " + ", ".join(options)
    return ""
