"""Counts of the bad-input corpus: `python tests/bad_inputs/stats.py`.

A "distinct message" is a problem's text without its place (file:line:column) and without
the quoted values that vary from case to case ('…' and "…"), so that "unknown key 'emotio'"
and "unknown key 'rloe'" count once.
"""

from __future__ import annotations

import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
PLACE = re.compile(r"^[^:]+:\d+:\d+: (error|warning): ")
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\b\d+(?:[.,]\d+)*\b")


def main() -> None:
    cases = sorted(p for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))
    lines = [line for case in cases for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()]
    exact = {PLACE.sub("", line) for line in lines}
    messages = {PLACE.sub("", line).split(" — ")[0] for line in lines}
    kinds = {QUOTED.sub("…", message) for message in messages}
    print(f"cases: {len(cases)}")
    print(f"problem lines: {len(lines)}")
    print(f"distinct problem texts (message and hint): {len(exact)}")
    print(f"distinct messages: {len(messages)}")
    print(f"distinct kinds of message (quoted values and numbers left out): {len(kinds)}")


if __name__ == "__main__":
    main()
