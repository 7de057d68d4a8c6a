"""The comma trap: prose in YAML flow lists and flow mappings is cut at its commas. The loader
warns where a flow list reads as one text cut in pieces, and explains a flow-mapping key that
is the rest of the value before it; lists of names, ids and quoted items are left alone.

The exact messages are in the bad-input corpus (``tests/bad_inputs/comma-*``); these tests
cover the heuristic's reach and its false positives, on the example portfolio, the starters
and the README too, which must give no warning at all.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, load_example
from mkdocs_cjm.core.reading.documents import parse_document, read_document


def comma_warnings(text: str, *, markdown: bool = False) -> list[str]:
    doc = parse_document(text, "m.yml", markdown=markdown)
    return [f"{p.line}:{p.column} {p.message}" for p in doc.problems if "comma" in p.message]


@pytest.mark.parametrize(
    ("items", "cut"),
    [
        ("Waits at home, 600 m from the clinic", "600 m from the clinic"),
        ("Done by Thursday, a day earlier than last month", "a day earlier than last month"),
        ("The note is on paper, so Margaret only sees it", "so Margaret only sees it"),
        ("Sheets in alphabetical order, not in shelf order", "not in shelf order"),
        ("Bookings live in a paper diary, separate from the till", "separate from the till"),
        ("All 2,400 lines are in", "400 lines are in"),
        ("Weighs 1,5 kg", "5 kg"),
        ("Arrives, 20 min late", "20 min late"),
        ("takes the bus, which is late", "which is late"),  # a connective in a lower-case list
        ('"Help me get there on time", and without stress', "and without stress"),
        ("Opens the box, then reads the guide", "then reads the guide"),
    ],
)
def test_a_flow_list_that_reads_as_one_text_is_a_warning(items: str, cut: str) -> None:
    assert comma_warnings(f"steps: [{items}]\n") == [
        f"1:{9 + items.index(cut)} the comma before '{cut}' splits what reads as one text into 2 list items"
    ]


@pytest.mark.parametrize(
    "items",
    [
        "Phone, Email, Shop floor",
        "Phone, email",  # a single word
        "Phone, taxi app",  # a name after a name: no clause to continue
        "Till, iPad check-in, Waiting room",  # brand names in lower case
        "onboarding, hardware, multi-site",  # tags and ids
        "priya-shah, ava-okafor",
        "not now, not with a queue",  # parallel items that open with the same word
        "when it rains, when it snows",
        '"Waits at home, 600 m from the clinic"',  # quoted: the editor chose
        '"Done by Thursday", "a day earlier"',
        "10, 100, 250",  # numbers
        '"07:30", "08:00"',
        "Room 7, 12:30 slot",
        "Help centre, https://help.example/a b",
        "Bristol, UK",
    ],
)
def test_lists_of_names_ids_numbers_and_quoted_items_are_left_alone(items: str) -> None:
    assert comma_warnings(f"steps: [{items}]\n") == []


def test_each_cut_text_is_reported_once_where_the_first_cut_is() -> None:
    text = "stages:\n  - name: A\n    negatives: [Late, The bus is late, so she calls, and pays twice, Rain]\n"
    assert comma_warnings(text) == [
        "3:40 the comma before 'so she calls' splits what reads as one text into 3 list items"
    ]


def test_positions_in_front_matter_and_across_lines() -> None:
    text = "---\ntitle: T\nsteps: [Waits at home,\n  a long way from the clinic]\n---\nBody, with commas.\n"
    assert comma_warnings(text, markdown=True) == [
        "4:3 the comma before 'a long way from the clinic' splits what reads as one text into 2 list items"
    ]


def test_block_lists_and_block_values_never_warn() -> None:
    text = (
        "steps:\n  - Waits at home, 600 m from the clinic\n  - Done by Thursday, a day earlier\n"
        "title: Referral to the clinic, cardiology\n"
        "kpi:\n  name: Lines, imported\n  value: 2400\n"
    )
    doc = parse_document(text, "m.yml")
    assert doc.problems == [] and doc.comma_tails == {}


def test_a_flow_mapping_key_without_a_colon_after_text_is_a_comma_tail() -> None:
    text = (
        "a: {title: Referral to the clinic, cardiology, kind: interview}\n"
        "b: {value: 2,400}\n"
        "c: {priya: 1, sam}\n"  # a missing score, not a cut text
        "d: {title: Referral, note: }\n"  # an empty value written with its ':'
        'e: {title: "Quoted, right", x}\n'  # a quoted value cannot have been cut
    )
    tails = parse_document(text, "m.yml").comma_tails
    assert {path: (t.key, t.whole, t.hint()) for path, t in tails.items()} == {
        ("a", "cardiology"): (
            "title",
            "Referral to the clinic, cardiology",
            'if it is all one value, put it in quotes: title: "Referral to the clinic, cardiology"',
        ),
        ("b", "400"): ("value", "2,400", "write the number without a comma: value: 2400"),
    }


@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30), min_size=2))
@settings(max_examples=200, deadline=None)
def test_quoted_items_never_warn(items: list[str]) -> None:
    """Whatever the items say, an editor who quotes them is never told about commas."""
    text = "steps: [" + ", ".join(json.dumps(i, ensure_ascii=False) for i in items) + "]\n"
    assert comma_warnings(text) == []


def test_the_example_portfolio_and_the_starters_give_no_comma_warning() -> None:
    portfolio = load_example()
    assert [str(p) for p in portfolio.problems] == []
    for path in sorted((REPO / "site_templates").iterdir()):
        doc = read_document(path, path.name)
        assert (doc.problems, doc.comma_tails) == ([], {}), path.name


def test_the_readmes_examples_give_no_comma_warning() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(yaml|markdown)\n(.*?)```", readme, re.DOTALL)
    assert len(blocks) >= 5
    for kind, block in blocks:
        doc = parse_document(block, "README.md", markdown=kind == "markdown" and block.startswith("---"))
        assert [str(p) for p in doc.problems if "comma" in p.message] == [] and doc.comma_tails == {}, block[:60]


def test_a_comma_tail_no_error_explains_is_still_a_warning() -> None:
    """Wherever a key without a value is accepted, the cut value is still reported."""
    from mkdocs_cjm.core.validation.files import comma_tail_warnings

    doc = parse_document("a:\n  b: {title: Referral to the clinic, cardiology}\n", "m.yml")
    assert [str(p) for p in comma_tail_warnings(doc, [])] == [
        "m.yml:2:38: warning: the comma after 'Referral to the clinic' ends the value of 'title', so 'cardiology' "
        'became a key of its own — if it is all one value, put it in quotes: title: "Referral to the clinic, cardiology"'
    ]
