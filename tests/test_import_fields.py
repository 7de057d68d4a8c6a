"""The importer's labelled fields (scenario, goal, title): found however a board labels them,
and never taken from the template's own instructions.

Every board is imported into a real portfolio and loaded with the real loader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, small_portfolio, write_tree
from mkdocs_cjm.core.importer import Imported, import_csv, import_file, import_whiteboard
from mkdocs_cjm.core.importer.fields import is_instruction
from mkdocs_cjm.core.loader import load_portfolio

EXPORTS = REPO / "tests/fixtures/template-exports"
GRID = "\tEntice How does it start?\tEnter What happens first?\nSteps\tLooks around\tSigns up\n"
SCENARIO = "Sam buys a gift card online for his sister"
PLACEHOLDER = "Imported from board.txt; describe the situation this map covers."


def convert(text: str, **options: Any) -> Imported:
    return import_whiteboard(text, source="board.txt", map_id="board", persona="priya", owner="cx", **options)


def comments(imported: Imported) -> list[str]:
    return [line[4:] for line in imported.text.splitlines() if line.startswith("#   ")]


def loads_cleanly(root: Path, imported: Imported) -> Any:
    write_tree(root, small_portfolio())
    (root / "journeys" / "board.yml").write_text(imported.text, encoding="utf-8")
    portfolio = load_portfolio(root)
    assert [str(p) for p in portfolio.problems if p.file == "journeys/board.yml"] == []
    return portfolio.maps["board"].model


LAYOUTS = {
    "on the label's line": "Scenario: {s}\n",
    "bold label": "**Scenario:** {s}\n",
    "a dash after the label": "Scenario – {s}\n",
    "label on a line of its own": "Scenario\n{s}\n",
    "label and a blank line": "Scenario:\n\n{s}\n",
    "bold label on a line of its own": "**Scenario**\n{s}\n",
    "heading": "## Scenario\n{s}\n",
    "HTML heading": "<h2>Scenario</h2><p>{s}</p>\n",
    "instructions under the heading": "## Scenario\nDescribe the scenario here…\n{s}\n",
    "instructions on the label's line": "Scenario: Describe the scenario here...\n{s}\n",
    "a placeholder on the label's line": "Scenario: [Scenario]\n{s}\n",
    "a question under the label": "Scenario\nWhat is the customer trying to do?\n\n{s}\n",
    "label and text in two cells": "Scenario\t{s}\n",
    "label in a cell, instructions and text in the next": 'Scenario\t"Write one sentence here\n{s}"\n',
    "another name for the label": "Situation: {s}\n",
}


@pytest.mark.parametrize("layout", list(LAYOUTS), ids=list(LAYOUTS))
def test_the_scenario_is_found_however_the_board_labels_it(tmp_path: Path, layout: str) -> None:
    board = "Checkout board\n\n" + LAYOUTS[layout].format(s=SCENARIO) + "\n" + GRID
    imported = convert(board)
    assert imported.data["scenario"] == SCENARIO
    assert loads_cleanly(tmp_path, imported).scenario == SCENARIO
    assert "Checkout board" in comments(imported)
    assert not any(SCENARIO in c for c in comments(imported))
    assert not any("scenario" in w for w in imported.report.warnings)
    assert [s["name"] for s in imported.data["stages"]] == ["Entice", "Enter"]


@pytest.mark.parametrize(
    "board",
    [
        "## Scenario\nDescribe the scenario here…\n\n",
        "Scenario: Describe the scenario here...\n",
        "Scenario: [Scenario]\n",
        "Scenario\nWho is the customer, and what are they trying to do?\n",
        "Scenario: TBD\n",
        "Scenario\tClick to add text\n",
    ],
)
def test_the_templates_instructions_are_never_the_scenario(tmp_path: Path, board: str) -> None:
    imported = convert("Journey board\n" + board + "\n" + GRID)
    assert imported.data["scenario"] == PLACEHOLDER
    loads_cleanly(tmp_path, imported)
    (warning,) = [w for w in imported.report.warnings if "scenario" in w]
    assert warning.startswith("the board's scenario holds only the template's instructions (")
    assert warning.endswith("they are kept as a comment — write the map's scenario")
    assert "Journey board" in comments(imported)


def test_the_five_es_boards_heading_is_an_instruction_not_the_scenario() -> None:
    imported = convert("Document an existing experience\nNarrow your focus to a specific scenario.\n\n" + GRID)
    assert imported.data["scenario"] == PLACEHOLDER
    assert comments(imported) == ["Document an existing experience", "Narrow your focus to a specific scenario."]
    assert "the export has no scenario line; write the map's scenario" in imported.report.warnings


def test_a_paragraph_under_a_heading_ends_at_a_blank_line_or_the_next_label(tmp_path: Path) -> None:
    board = (
        "# Gift cards\n## Scenario\nSam buys a gift card online.\nHe pays by phone.\n\nWorkshop notes\n"
        "## Goal\nWhat do they want?\nPay in under a minute\nTitle: Buying a gift card\n\n" + GRID
    )
    imported = convert(board)
    model = loads_cleanly(tmp_path, imported)
    assert (model.title, model.scenario, model.goal) == (
        "Buying a gift card",
        "Sam buys a gift card online. He pays by phone.",
        "Pay in under a minute",
    )
    assert comments(imported) == ["# Gift cards", "Workshop notes", "What do they want?"]
    # The title given on the command line wins over the board's.
    assert convert(board, title="Gift cards online").data["title"] == "Gift cards online"


def test_a_label_before_the_grid_does_not_take_text_after_it() -> None:
    imported = convert("Scenario\n\n" + GRID + "Notes from the session: bring snacks\n")
    assert imported.data["scenario"] == PLACEHOLDER
    assert "Notes from the session: bring snacks" in comments(imported)


def test_a_board_in_headings_with_the_templates_instructions(tmp_path: Path) -> None:
    path = EXPORTS / "scenario-under-headings.txt"
    imported = import_file(path, source=path.name, map_id="board", persona="priya", owner="cx")
    model = loads_cleanly(tmp_path, imported)
    assert model.scenario == "Priya replaces the broken card reader in her Bath shop before the Saturday rush."
    assert model.goal == "Take card payments again by Friday evening."
    assert [s.name for s in model.stages] == ["Aware", "Ask", "Fix"]
    assert imported.report.items == 8 and imported.report.warnings == []
    assert comments(imported) == [
        "Customer journey map",
        "Use this template to map one customer's experience from start to finish.",
        "Describe the scenario here…",
        "What is the customer trying to achieve?",
        "Persona",
        "[Persona name]",
    ]


def test_a_sheet_with_its_fields_in_cells_above_the_grid(tmp_path: Path) -> None:
    path = EXPORTS / "fields-in-cells.csv"
    imported = import_file(path, source=path.name, map_id="board", persona="priya", owner="cx")
    model = loads_cleanly(tmp_path, imported)
    assert model.title == "Replacing a broken card reader"
    assert model.scenario == "Priya's card reader dies on a Thursday, two days before her busiest day."
    assert model.goal is None  # the sheet's goal is the template's '[Goal]'
    assert [s.name for s in model.stages] == ["Aware", "Ask", "Fix"]
    assert comments(imported) == [
        "Journey map: card reader replacement",
        "Describe the scenario in one sentence",
        "Goal: [Goal]",
    ]
    assert imported.report.warnings == [
        "the board's goal holds only the template's instructions ('[Goal]'); they are kept as a comment "
        "— write the map's goal"
    ]


def test_a_one_row_label_is_not_taken_for_the_header_of_a_small_sheet() -> None:
    """'Scenario,Text' is a field only when a grid (a header and a lane) follows it."""
    imported = import_csv("Scenario,Entice\nSteps,Looks around\n", source="s.csv", map_id="s")
    assert [s["name"] for s in imported.data["stages"]] == ["Entice"]


# -- generated boards -------------------------------------------------------------------------------

_INSTRUCTIONS = [
    "Describe the scenario here…",
    "Write the scenario in one sentence",
    "[Scenario]",
    "<Describe the situation>",
    "What is the customer trying to do?",
    "Use this template to map the journey.",
    "Click to add text",
    "Your scenario here",
    "TBD",
    "Lorem ipsum dolor sit amet",
]
_LABELS = ["Scenario", "Scenario:", "## Scenario", "**Scenario**", "SCENARIO:", "### Scenario:", "<h3>Scenario</h3>"]
_SUBJECTS = ["Sam", "Priya", "A new customer", "The café manager", "Ava"]
_ACTIONS = ["buys a gift card", "returns a parcel", "replaces a card reader", "opens a second shop", "pays late"]
_WHEN = ["", " before Saturday", " on her phone", ", two days late", " in the rain"]
_SCENARIOS = st.builds(lambda s, a, w: f"{s} {a}{w}.", *(st.sampled_from(x) for x in (_SUBJECTS, _ACTIONS, _WHEN)))


@given(
    label=st.sampled_from(_LABELS),
    instructions=st.lists(st.sampled_from(_INSTRUCTIONS), max_size=3),
    blank=st.booleans(),
    scenario=_SCENARIOS,
    lead=st.sampled_from(["", "Customer journey map\n\n", "Use this framework to map an experience.\n"]),
)
@settings(max_examples=150, deadline=None)
def test_generated_boards_give_the_real_scenario_and_never_an_instruction(
    label: str, instructions: list[str], blank: bool, scenario: str, lead: str
) -> None:
    under = "".join(f"{line}\n" for line in instructions) + ("\n" if blank else "")
    imported = convert(f"{lead}{label}\n{under}{scenario}\n\n{GRID}")
    assert imported.data["scenario"] == scenario
    assert all(line in comments(imported) for line in instructions)


@given(label=st.sampled_from(_LABELS), instructions=st.lists(st.sampled_from(_INSTRUCTIONS), min_size=1, max_size=3))
@settings(max_examples=100, deadline=None)
def test_generated_boards_of_instructions_only_leave_the_scenario_to_write(label: str, instructions: list[str]) -> None:
    imported = convert(label + "\n" + "".join(f"{line}\n" for line in instructions) + "\n" + GRID)
    assert imported.data["scenario"] == PLACEHOLDER
    assert all(is_instruction(line) for line in instructions)
    assert all(line in comments(imported) for line in instructions)


@pytest.mark.parametrize(
    "text",
    [
        "Sam buys a gift card online",
        "Priya replaces a broken card reader before Saturday",
        "Take the first card payment without calling anyone",
        "Replace a broken card reader",
        "Design a new onboarding flow",
        "Returning a parcel",
        "Customer journey map",
    ],
)
def test_content_is_not_taken_for_instructions(text: str) -> None:
    assert not is_instruction(text)
