"""The bad-input corpus: every case is a folder under ``tests/bad_inputs/``.

A case folder holds only the files that differ from the shared valid portfolio in
``tests/bad_inputs/_base/`` (same relative path: replaced; new path: added), and
``expected.txt``: every problem ``load_portfolio`` must report, one ``str(problem)`` per line,
in the order the portfolio lists them (by file, then line, then column). No more, no fewer.

Cases whose files are large or binary are written by a generator below instead of being
committed; their folder still holds ``expected.txt``.

To add a case: make a folder with the changed files, run
``CJM_WRITE_EXPECTED=1 .venv/bin/python -m pytest tests/test_bad_inputs.py -k <case>``,
then read the ``expected.txt`` it wrote and keep it only if every message is right.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from mkdocs_cjm.core.assembly.portfolio import Portfolio
from mkdocs_cjm.core.loader import load_portfolio
from mkdocs_cjm.core.problems import Severity
from mkdocs_cjm.core.reading.documents import MAX_FILE_BYTES

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
BASE = CORPUS / "_base"
TODAY = date(2026, 11, 24)
EXPECTED = "expected.txt"

MAP_HEAD = "title: T\ntype: current-state\npersonas: [priya]\nscenario: S\nowner: cx\n"


def _huge(root: Path) -> None:
    filler = "  - name: Stage\n    steps: [" + ", ".join(["Step"] * 40) + "]\n"
    text = MAP_HEAD + "stages:\n"
    text += filler * (MAX_FILE_BYTES // len(filler) + 1)
    (root / "journeys/huge.yml").write_text(text, encoding="utf-8")


def _latin1(root: Path) -> None:
    (root / "journeys/latin1.yml").write_bytes((MAP_HEAD + "stages:\n  - name: Caf\xe9\n").encode("latin-1"))


def _latin1_persona(root: Path) -> None:
    (root / "personas/rene.md").write_bytes("---\nname: Ren\xe9\n---\nHe runs a caf\xe9.\n".encode("latin-1"))


def _nul(root: Path) -> None:
    (root / "journeys/nul.yml").write_bytes((MAP_HEAD + "stages:\n  - name: A\x00B\n").encode())


def _bom(root: Path) -> None:
    # A byte-order mark is harmless: only the misspelt key on line 2 is reported.
    (root / "journeys/bom.yml").write_bytes(b"\xef\xbb\xbf" + (MAP_HEAD + "stages:\n  - nmae: A\n").encode())


def _bom_markdown(root: Path) -> None:
    (root / "personas/bom.md").write_bytes(b"\xef\xbb\xbf---\nname: Bo\nrloe: Buyer\n---\nBody.\n")


def _crlf(root: Path) -> None:
    text = MAP_HEAD + "stages:\n  - name: A\n    emotion: 5\n"
    (root / "journeys/crlf.yml").write_bytes(text.replace("\n", "\r\n").encode())


def _crlf_markdown(root: Path) -> None:
    text = "---\nname: Cleo\nrole: Buyer\ngaols: [Buy]\n---\n# Cleo\n\nShe buys.\n"
    (root / "personas/cleo.md").write_bytes(text.replace("\n", "\r\n").encode())


def _old_mac_line_ends(root: Path) -> None:
    text = MAP_HEAD + "stages:\n  - name: A\n    emotion: 5\n"
    (root / "journeys/mac.yml").write_bytes(text.replace("\n", "\r").encode())


def _utf16(root: Path) -> None:
    (root / "personas/wide.yml").write_bytes("name: Wide\n".encode("utf-16"))


def _control(root: Path) -> None:
    (root / "journeys/bell.yml").write_text(MAP_HEAD + "stages:\n  - name: Ring\x07\n", encoding="utf-8")


def _link_dangling(root: Path) -> None:
    (root / "journeys/gone.yml").symlink_to("moved-away.yml")


def _link_to_itself(root: Path) -> None:
    (root / "personas/me.md").symlink_to("me.md")


def _link_outside(root: Path) -> None:
    # A readable, valid map outside the docs folder: refused all the same, and never read.
    outside = root.parent / "outside-docs"
    outside.mkdir(exist_ok=True)
    (outside / "elsewhere.yml").write_text(MAP_HEAD + "stages:\n  - name: A\n    emotion: 1\n", encoding="utf-8")
    (root / "journeys/elsewhere.yml").symlink_to("../../outside-docs/elsewhere.yml")
    (root / "journeys/shared").symlink_to("../../outside-docs")


def _link_loop(root: Path) -> None:
    (root / "journeys/retail").mkdir()
    (root / "journeys/retail/again").symlink_to("..")
    (root / "personas/everything").symlink_to("..")


def _link_inside(root: Path) -> None:
    # Links that stay in the docs folder are read through the link, under the link's name.
    (root / "shared").mkdir()
    (root / "shared/restock.yml").write_text(MAP_HEAD + "stages:\n  - name: A\n    emotio: 1\n", encoding="utf-8")
    (root / "journeys/retail").symlink_to("../shared")
    (root / "journeys/restock-copy.yml").symlink_to("../shared/restock.yml")


def _control_in_name(root: Path) -> None:
    (root / "journeys/two\nlines.yml").write_text(
        "id: two-lines\n" + MAP_HEAD + "stages:\n  - name: A\n", encoding="utf-8"
    )
    (root / "journeys/\u202egnp.yml").write_text(
        "id: reversed\n" + MAP_HEAD + "stages:\n  - name: A\n", encoding="utf-8"
    )


def _deep_flow(root: Path) -> None:
    # 100,000 '[' in 100 kB: composed, it would take the process down with its C stack.
    (root / "journeys/deep.yml").write_text(MAP_HEAD + "stages:\n  - name: A\n    steps: " + "[" * 100_000 + "\n")


def _deep_flow_mapping(root: Path) -> None:
    (root / "journeys/deep.yml").write_text(MAP_HEAD + "stages:\n  - name: A\n    steps: " + "{a: " * 50_000 + "\n")


def _deep_block(root: Path) -> None:
    # Block lists nested 50,000 deep on one line ('- - - …'), then by indentation.
    (root / "journeys/deep.yml").write_text(MAP_HEAD + "stages:\n  - " + "- " * 50_000 + "x\n")
    lines = "".join(" " * i + "- \n" for i in range(1_000))
    (root / "journeys/deeper.yml").write_text(MAP_HEAD + "stages:\n" + lines)


def _deep_front_matter(root: Path) -> None:
    (root / "personas/deep.md").write_text("---\nname: Deep\nabout: " + "[" * 100_000 + "\n---\nBody.\n")


def _number_digits(root: Path) -> None:
    # More digits than Python reads as a number at all (its limit is 4,300).
    digits = "9" * 5_000
    text = MAP_HEAD + f"stages:\n  - name: A\n    emotion: {digits}\n  - name: B\n    emotion: -{digits}.5\n"
    (root / "journeys/digits.yml").write_text(text)


def _alias_long_text(root: Path) -> None:
    # A 100,000-character text repeated by eleven aliases: a 100 kB file that would make a 1 MB page.
    text = MAP_HEAD + "stages:\n  - name: A\n    description: &long " + "x" * 100_000 + "\n"
    text += "    steps: [" + ", ".join(["*long"] * 11) + "]\n"
    (root / "journeys/long.yml").write_text(text)


GENERATED: dict[str, Callable[[Path], None]] = {
    "generated-symlink-dangling": _link_dangling,
    "generated-symlink-to-itself": _link_to_itself,
    "generated-symlink-outside-docs": _link_outside,
    "generated-symlink-loop": _link_loop,
    "generated-symlink-inside-docs": _link_inside,
    "generated-file-name-control-characters": _control_in_name,
    "generated-deep-flow-list": _deep_flow,
    "generated-deep-flow-mapping": _deep_flow_mapping,
    "generated-deep-block": _deep_block,
    "generated-deep-front-matter": _deep_front_matter,
    "generated-number-thousands-of-digits": _number_digits,
    "generated-alias-long-text": _alias_long_text,
    "generated-control-character": _control,
    "generated-huge-file": _huge,
    "generated-non-utf8-map": _latin1,
    "generated-non-utf8-persona": _latin1_persona,
    "generated-nul-byte": _nul,
    "generated-bom": _bom,
    "generated-bom-markdown": _bom_markdown,
    "generated-crlf-line-ends": _crlf,
    "generated-utf16": _utf16,
    "generated-crlf-markdown": _crlf_markdown,
    "generated-old-mac-line-ends": _old_mac_line_ends,
}


def case_names() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


def materialise(case: str, root: Path) -> None:
    """The base portfolio, then the case's files on top of it."""
    shutil.copytree(BASE, root, dirs_exist_ok=True)
    folder = CORPUS / case
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != EXPECTED:
            target = root / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    if case in GENERATED:
        GENERATED[case](root)


def problem_lines(portfolio: Portfolio) -> list[str]:
    return [str(p) for p in portfolio.problems]


def assert_nothing_lost(portfolio: Portfolio, root: Path) -> None:
    """A content file without errors of its own is always published."""
    failing = {p.file for p in portfolio.problems if p.severity is Severity.ERROR}
    loaded = {e.source.path for e in portfolio.maps.values()} | {e.source.path for e in portfolio.personas.values()}
    for rel in portfolio.sources:
        if rel in failing or not rel.startswith(("journeys/", "personas/")):
            continue
        assert rel in loaded, f"{rel} has no error, yet it was not loaded"
    if "owners.yml" not in failing and (root / "owners.yml").stat().st_size and portfolio.owners:
        assert {o.source.path for o in portfolio.owners.values()} == {"owners.yml"}


def test_the_base_portfolio_is_valid(tmp_path: Path) -> None:
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    portfolio = load_portfolio(tmp_path, today=TODAY)
    assert problem_lines(portfolio) == []
    assert sorted(portfolio.maps) == ["setup", "setup-future"]


def test_every_generated_case_has_a_folder() -> None:
    assert set(GENERATED) <= set(case_names())
    assert len(case_names()) >= 60


@pytest.mark.parametrize("case", case_names())
def test_bad_input(case: str, tmp_path: Path) -> None:
    materialise(case, tmp_path)
    portfolio = load_portfolio(tmp_path, today=TODAY)
    actual = problem_lines(portfolio)
    expected_file = CORPUS / case / EXPECTED
    if os.environ.get("CJM_WRITE_EXPECTED"):
        expected_file.write_text("".join(line + "\n" for line in actual), encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert actual == expected
    assert actual, "a bad-input case must report at least one problem"
    assert_nothing_lost(portfolio, tmp_path)
