"""The ``mkdocs-cjm`` command line: what editors see, exit codes, and the files it writes."""
# Lookups in built pages (BeautifulSoup) may give None: a missing element fails the test where
# it is looked up, which is what these tests are for.
# mypy: disable-error-code="union-attr,index"

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, TODAY_EPOCH, build_site, load_example, small_portfolio, write_tree
from mkdocs_cjm.cli import main
from mkdocs_cjm.core.report import plural
from mkdocs_cjm.core.schema import schema_text, schemas

SCRIPT = Path(sys.executable).parent / "mkdocs-cjm"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def lines(result: Result) -> list[str]:
    return result.output.splitlines()


def assert_clean() -> None:
    """``validate`` finds nothing but maps overdue for review (the example has some on purpose)."""
    result = run("validate", "--due-within", "0")
    *found, _ = lines(result)
    assert result.exit_code == 0 and all(": warning: overdue for review by " in x for x in found), result.output


# -- validate -----------------------------------------------------------------------------------


def test_validate_the_example_portfolio_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    """No mistakes; its reviews (judged on a fixed day) are all it reports: one map is overdue
    on purpose, as maps are in a real portfolio."""
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    result = run("validate", "--due-within", "0")
    content = {".yml", ".yaml", ".md"}
    maps = len([p for p in (REPO / "content/journeys").rglob("*.*") if p.suffix in content])
    personas = len([p for p in (REPO / "content/personas").rglob("*.*") if p.suffix in content])
    owners = len(yaml.safe_load((REPO / "content/owners.yml").read_text(encoding="utf-8")))
    *found, summary = lines(result)
    overdue = [line for line in found if ": warning: overdue for review by " in line]
    assert found == overdue and overdue, found
    assert summary == f"{maps} maps, {personas} personas, {owners} owners: 0 errors, {plural(len(overdue), 'warning')}"
    assert result.exit_code == 0
    assert run("validate", "--strict").exit_code == 1


MKDOCS_YML = """
    site_name: Broken
    docs_dir: docs
    markdown_extensions:
      - pymdownx.emoji:
          emoji_index: !!python/name:material.extensions.emoji.twemoji
          emoji_generator: !!python/name:material.extensions.emoji.to_svg
    plugins:
      - search
      - cjm:
          today: 2026-11-24
"""

BROKEN = {
    "mkdocs.yml": MKDOCS_YML,
    "docs/owners.yml": """
        cx:
          name: CX research
    """,
    "docs/personas/priya-shah.md": """
        ---
        name: Priya Shah
        owner: cx
        ---
        Runs a bike shop.
    """,
    "docs/journeys/setup.yml": """
        title: Setting up
        type: current-state
        personas: [priya-sha]
        scenario: Priya sets up the till.
        owner: cx
        status: published
        stages:
          - name: Unboxing
            emotio: 1
    """,
    "docs/journeys/returns.yml": """
        title: Returns
        type: current-state
        personas: [priya-shah]
        scenario: A customer returns a bike.
        owner: cx
        status: published
        stages:
          - name: Asking
    """,
}

NO_REVIEW = (
    "the map is published but has no 'reviewed' date — add 'reviewed: YYYY-MM-DD' with the date of its last review"
)


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_tree(tmp_path, BROKEN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_lists_every_problem_then_a_summary(broken: Path) -> None:
    result = run("validate")
    assert lines(result) == [
        f"docs/journeys/returns.yml:6:9: warning: {NO_REVIEW}",
        "docs/journeys/setup.yml:3:12: error: unknown persona 'priya-sha' — did you mean 'priya-shah'?",
        f"docs/journeys/setup.yml:6:9: warning: {NO_REVIEW}",
        "docs/journeys/setup.yml:9:5: error: unknown key 'emotio' in stage \"Unboxing\" — did you mean 'emotion'?",
        "2 maps, 1 persona, 1 owner: 2 errors, 2 warnings",
    ]
    assert result.exit_code == 1


def test_validate_paths_are_relative_to_the_current_folder(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken / "docs" / "journeys")
    result = run("validate", "../../mkdocs.yml")
    assert lines(result)[1] == "setup.yml:3:12: error: unknown persona 'priya-sha' — did you mean 'priya-shah'?"
    assert result.exit_code == 1


def test_validate_a_portfolio_folder_without_mkdocs_yml(broken: Path) -> None:
    (broken / "mkdocs.yml").unlink()
    result = run("validate", "docs")
    assert lines(result)[-1] == "2 maps, 1 persona, 1 owner: 2 errors, 2 warnings"
    assert lines(result)[0].startswith("docs/journeys/returns.yml:6:9: warning:")


def test_validate_for_github_actions(broken: Path) -> None:
    result = run("validate", "--format", "github")
    assert lines(result) == [
        f"::warning file=docs/journeys/returns.yml,line=6,col=9,title=Journey map content warning::{NO_REVIEW}",
        "::error file=docs/journeys/setup.yml,line=3,col=12,title=Journey map content error::"
        "unknown persona 'priya-sha' — did you mean 'priya-shah'?",
        f"::warning file=docs/journeys/setup.yml,line=6,col=9,title=Journey map content warning::{NO_REVIEW}",
        "::error file=docs/journeys/setup.yml,line=9,col=5,title=Journey map content error::"
        "unknown key 'emotio' in stage \"Unboxing\" — did you mean 'emotion'?",
        "2 maps, 1 persona, 1 owner: 2 errors, 2 warnings",
    ]
    assert result.exit_code == 1


def test_validate_as_json(broken: Path) -> None:
    result = run("validate", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False
    assert data["summary"] == {
        "maps": 2,
        "personas": 1,
        "owners": 1,
        "errors": 2,
        "warnings": 2,
        "notices": 0,
        "text": "2 maps, 1 persona, 1 owner: 2 errors, 2 warnings",
    }
    assert data["problems"][1] == {
        "file": "docs/journeys/setup.yml",
        "line": 3,
        "column": 12,
        "severity": "error",
        "message": "unknown persona 'priya-sha'",
        "hint": "did you mean 'priya-shah'?",
    }


def test_warnings_alone_pass_unless_strict(broken: Path) -> None:
    (broken / "docs/journeys/setup.yml").unlink()
    result = run("validate")
    assert lines(result) == [
        f"docs/journeys/returns.yml:6:9: warning: {NO_REVIEW}",
        "1 map, 1 persona, 1 owner: 0 errors, 1 warning",
    ]
    assert result.exit_code == 0
    assert run("validate", "--strict").exit_code == 1


def test_validate_reads_the_plugin_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(
        tmp_path,
        {
            "site/mkdocs.yml": """
            site_name: x
            docs_dir: ../maps-repo
            plugins:
              cjm:
                personas_dir: people
                journeys_dir: maps
                owners_file: teams.yml
                lanes:
                  systems: {title: Systems}
        """,
            "maps-repo/teams.yml": "cx: {name: CX}\n",
            "maps-repo/people/pat.yml": "name: Pat\n",
            "maps-repo/maps/m.yml": """
            title: M
            type: current-state
            personas: pat
            scenario: x
            owner: cx
            stages:
              - name: One
                systems: [Till]
        """,
        },
    )
    monkeypatch.chdir(tmp_path)
    result = run("validate", "site/mkdocs.yml")
    assert lines(result) == ["1 map, 1 persona, 1 owner: no problems"]
    assert result.exit_code == 0


def test_an_empty_portfolio_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"mkdocs.yml": "site_name: x\ndocs_dir: content\n", "content/index.md": "# Hi\n"})
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 1
    assert "no journey maps or personas found" in result.output


def test_usage_mistakes_exit_with_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2 and "there is no mkdocs.yml here" in result.output
    assert run("validate", "missing-folder").exit_code == 2
    assert run("validate", "--format", "xml", ".").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_an_unreadable_mkdocs_yml_is_a_message_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"mkdocs.yml": "site_name: x\nplugins: [search\n"})
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 1
    assert "mkdocs.yml:3:1: error: cannot read the configuration" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [[], ["validate"], ["new"], ["import"], ["export"], ["schema"]])
def test_every_command_has_help_with_examples(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output and "mkdocs-cjm" in result.output


# -- new ------------------------------------------------------------------------------------------


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example portfolio, as the current folder, without its ``site_url`` (so new
    files point at a local copy of the schemas; see the site_url test for the other case)."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "site_templates", tmp_path / "site_templates")  # mkdocs.yml's starters_dir
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nsite_url:" in config
    (tmp_path / "mkdocs.yml").write_text(re.sub(r"(?m)^site_url:.*\n", "", config), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("kind", ["current-state", "future-state", "day-in-the-life", "service-blueprint"])
def test_new_map_from_each_starter_is_valid(example: Path, kind: str) -> None:
    extra = ["--improves", "first-week-setup"] if kind == "future-state" else []
    result = run(
        "new",
        kind,
        "returns-online",
        "--persona",
        "priya-shah",
        "--owner",
        "online-squad",
        "--title",
        "Returning: an online order",
        *extra,
    )
    assert result.exit_code == 0, result.output
    assert "Created content/journeys/returns-online.yml" in result.output
    assert "content/journeys/returns-online.yml is valid." in result.output
    text = (example / "content/journeys/returns-online.yml").read_text(encoding="utf-8")
    starter = (REPO / "site_templates" / f"{kind}.yml").read_text(encoding="utf-8")
    # Every guiding comment of the starter survives.
    comments = [line.split("#", 1)[1] for line in starter.splitlines()[1:] if "# " in line and "your-" not in line]
    assert comments and all(c in text for c in comments)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/map.schema.json"
    assert (example / "schema" / "map.schema.json").read_text(encoding="utf-8") == schema_text(
        schemas()["map.schema.json"]
    )
    assert 'title: "Returning: an online order"' in text and "your-" not in text
    # The whole portfolio, new map included, is still clean.
    assert_clean()
    portfolio = load_example(example / "content")
    model = portfolio.maps["returns-online"].model
    assert model.personas == ["priya-shah"] and model.owner == "online-squad" and model.type.value == kind
    assert model.reviewed is not None
    if kind == "future-state":
        assert model.improves == "first-week-setup"


def test_new_map_defaults_its_owner_to_the_personas_owner(example: Path) -> None:
    result = run("new", "current-state", "sunday-admin", "--persona", "priya-shah")
    assert result.exit_code == 0, result.output
    persona_owner = load_example(example / "content").personas["priya-shah"].model.owner
    assert f"owned by {persona_owner}" in result.output


def test_new_refuses_to_overwrite(example: Path) -> None:
    before = (example / "content/journeys/first-week-setup.yml").read_bytes()
    result = run("new", "current-state", "first-week-setup", "--persona", "priya-shah")
    assert result.exit_code == 1
    assert "a map with the id 'first-week-setup' already exists: content/journeys/first-week-setup.yml" in result.output
    assert (example / "content/journeys/first-week-setup.yml").read_bytes() == before
    # A Markdown map counts too.
    assert run("new", "current-state", "ava-late-shift", "--persona", "priya-shah").exit_code == 1


def test_new_suggests_the_persona_and_owner_meant(example: Path) -> None:
    result = run("new", "current-state", "x-map", "--persona", "priya-sha")
    assert result.exit_code == 1
    assert "error: unknown persona 'priya-sha' — did you mean 'priya-shah'?" in result.output
    result = run("new", "current-state", "x-map", "--persona", "priya-shah", "--owner", "online-sqad")
    assert "error: unknown owner 'online-sqad' — did you mean 'online-squad'?" in result.output
    assert not (example / "content/journeys/x-map.yml").exists()


def test_new_future_state_needs_a_current_state_map(example: Path) -> None:
    result = run("new", "future-state", "f", "--persona", "priya-shah")
    assert result.exit_code == 2 and "needs --improves" in result.output and "first-week-setup" in result.output
    result = run("new", "future-state", "f", "--persona", "priya-shah", "--improves", "first-week-setp")
    assert result.exit_code == 1 and "did you mean 'first-week-setup'?" in result.output
    result = run("new", "current-state", "f", "--persona", "priya-shah", "--improves", "first-week-setup")
    assert result.exit_code == 2


def test_new_rejects_an_invalid_id(example: Path) -> None:
    result = run("new", "current-state", "Returns Online", "--persona", "priya-shah")
    assert result.exit_code == 2 and "not a valid map id" in result.output
    result = run("new", "current-state", "a" * 300, "--persona", "priya-shah")
    assert result.exit_code == 2 and "the map id is 300 characters long: use at most 80" in result.output


def test_new_persona(example: Path) -> None:
    result = run("new", "persona", "sam-lee", "--owner", "cx-research")
    assert result.exit_code == 0, result.output
    text = (example / "content/personas/sam-lee.md").read_text(encoding="utf-8")
    assert "name: Sam Lee" in text and "owner: cx-research" in text
    assert "# the file name becomes the persona's id" in text
    assert_clean()
    assert run("new", "persona", "sam-lee").exit_code == 1
    result = run("new", "persona", "kim", "--name", "Kim O'Neil: baker")
    assert result.exit_code == 0
    assert load_example(example / "content").personas["kim"].model.name == "Kim O'Neil: baker"
    assert "# owner: your-team" in (example / "content/personas/kim.md").read_text(encoding="utf-8")


def test_new_with_a_site_url_points_the_modeline_at_the_site(example: Path) -> None:
    config = example / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_url: https://maps.example/\n", encoding="utf-8")
    assert run("new", "service-blueprint", "bp", "--persona", "ava-okafor").exit_code == 0
    first = (example / "content/journeys/bp.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=https://maps.example/assets/cjm/schema/map.schema.json"
    assert not (example / "schema").exists()


# -- import ---------------------------------------------------------------------------------------
# Every import test runs the real importer (mkdocs_cjm.core.importer) through the command and
# checks what it really reports: its counts, its warnings and its messages.

EXPORTS = REPO / "tests/fixtures/template-exports"

# A board as the whiteboard tool exports it: a scenario line, then tab-separated rows of <div> items.
BOARD = (
    "Scenario: Priya signs up for the online shop\n"
    "\tEntice\tEnter\tEngage\n"
    "Steps\t<div>Hears about it</div><div>Looks it up</div>\t<div>Signs up</div>\t<div>Uses it</div>\n"
    "Negative moments\t\t<div>Too many forms</div>\t\n"
    "Areas of opportunity\t\t<div>Shorter form</div>\t\n"
    "Systems involved\t<div>Website</div>\t<div>CRM</div>\t<div>App</div>\n"
)


def test_import_writes_reports_and_validates(example: Path) -> None:
    (example / "board.txt").write_text(BOARD, encoding="utf-8")
    result = run(
        "import",
        "board.txt",
        "--id",
        "signing-up",
        "--persona",
        "priya-shah",
        "--owner",
        "online-squad",
        "--title",
        "Signing up",
    )
    assert result.exit_code == 0, result.output
    assert lines(result) == [
        "Wrote the JSON Schemas to schema/ for editor completion.",
        "Imported board.txt → content/journeys/signing-up.yml: 3 stages × 4 lanes, 9 items; "
        "custom lanes: systems_involved.",
        "content/journeys/signing-up.yml is valid.",
    ]
    written = (example / "content/journeys/signing-up.yml").read_text(encoding="utf-8")
    assert written.startswith(
        "# yaml-language-server: $schema=../../schema/map.schema.json\n"
        "# Imported from board.txt with `mkdocs-cjm import`: 3 stages x 4 lanes, 9 items.\n"
    )
    assert (example / "schema/map.schema.json").is_file()
    # The written map is part of the portfolio now, with every item of the board where it was.
    entry = load_example(example / "content").maps["signing-up"]
    model = entry.model
    assert (model.title, model.scenario, model.personas, model.owner, model.status.value) == (
        "Signing up",
        "Priya signs up for the online shop",
        ["priya-shah"],
        "online-squad",
        "draft",
    )
    assert [s.name for s in model.stages] == ["Entice", "Enter", "Engage"]
    assert [[step.title for step in s.steps] for s in model.stages] == [
        ["Hears about it", "Looks it up"],
        ["Signs up"],
        ["Uses it"],
    ]
    assert [[i.text for i in s.items("negatives")] for s in model.stages] == [[], ["Too many forms"], []]
    assert [(o.id, o.title) for s in model.stages for o in s.opportunities] == [
        ("signing-up-shorter-form", "Shorter form")
    ]
    assert [[i.text for i in s.items("systems_involved")] for s in model.stages] == [["Website"], ["CRM"], ["App"]]
    assert_clean()


def test_import_never_overwrites_an_existing_file(example: Path) -> None:
    (example / "board.txt").write_text(BOARD, encoding="utf-8")
    args = ["--persona", "priya-shah", "--owner", "online-squad"]
    assert run("import", "board.txt", "--id", "signing-up", *args).exit_code == 0
    journeys = example / "content/journeys"
    before = {p: p.read_bytes() for p in journeys.rglob("*.*")}
    (example / "drafts").mkdir()
    (example / "drafts/mine.yml").write_text("# my own notes\n", encoding="utf-8")
    # The same id again, an existing map (YAML, then Markdown), an existing --out file.
    again = run("import", "board.txt", "--id", "signing-up", *args)
    assert again.exit_code == 1 and lines(again) == [
        "error: content/journeys/signing-up.yml already exists — choose another --id or --out, or delete the file first"
    ]
    assert run("import", "board.txt", "--id", "first-week-setup", *args).exit_code == 1
    markdown = run("import", "board.txt", "--id", "ava-late-shift", *args)
    assert markdown.exit_code == 1 and lines(markdown) == [
        "error: a map with the id 'ava-late-shift' already exists: content/journeys/ava-late-shift.md — "
        "choose another id, or edit that file"
    ]
    out = run("import", "board.txt", "--id", "mine", *args, "--out", "drafts/mine.yml")
    assert out.exit_code == 1 and "drafts/mine.yml already exists" in out.output
    assert {p: p.read_bytes() for p in journeys.rglob("*.*")} == before
    assert (example / "drafts/mine.yml").read_text(encoding="utf-8") == "# my own notes\n"
    assert not (journeys / "ava-late-shift.yml").exists() and not (journeys / "mine.yml").exists()


def test_import_prints_the_converters_report_and_warnings(example: Path) -> None:
    """The real blank template: what the importer reports is what the command prints."""
    from mkdocs_cjm.core.importer import import_file

    shutil.copy(EXPORTS / "blank-five-es-template.txt", example / "blank.txt")
    result = run(
        "import",
        "blank.txt",
        "--id",
        "blank",
        "--persona",
        "priya-shah",
        "--owner",
        "online-squad",
        "--out",
        "drafts/blank.yml",
    )
    assert result.exit_code == 0, result.output
    assert lines(result) == [
        "Wrote the JSON Schemas to schema/ for editor completion.",
        "Imported blank.txt → drafts/blank.yml: 5 stages × 6 lanes, 30 items.",
        "check: 30 cells had nothing between items, so each was kept as one item — split any that hold several "
        "notes (in 6 lanes: Steps, Interactions, Goals & motivations and 3 more)",
        "check: the export has no scenario line; write the map's scenario",
        "note: drafts/blank.yml is outside the portfolio, so its persona and owner ids were not checked",
        "drafts/blank.yml is valid.",
    ]
    report = import_file(example / "blank.txt", source="blank.txt", map_id="blank").report
    assert [line for line in lines(result) if line.startswith("check: ")] == [f"check: {w}" for w in report.warnings]
    assert (example / "drafts/blank.yml").is_file()


def test_import_prints_every_warning_of_an_odd_board(example: Path) -> None:
    (example / "board.txt").write_text(
        "\tOne\tTwo\nSteps\tWalks in and looks around\t\n\tA note\t\nSteps\tAgain\n", encoding="utf-8"
    )
    result = run("import", "board.txt", "--id", "odd", "--persona", "priya-shah", "--owner", "online-squad")
    assert result.exit_code == 0, result.output
    assert lines(result)[1:] == [
        "Imported board.txt → content/journeys/odd.yml: 2 stages × 3 lanes, 3 items; "
        "custom lanes: lane_on_line_3, steps_2.",
        "check: line 3: a row without a lane title; it became the lane 'Lane on line 3'",
        "check: line 4: 'Steps' is a second row of the Steps lane (the first is on line 2); it became a lane "
        "of its own",
        "check: line 4: the 'Steps' row has 1 of 2 cells; the missing ones are empty",
        "check: 2 cells had nothing between items, so each was kept as one item — split any that hold several "
        "notes (Steps (One), Lane on line 3 (One))",
        "check: the export has no scenario line; write the map's scenario",
        "content/journeys/odd.yml is valid.",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"nothing here\n",
            "no grid found in the export — export the board as tab-separated text, or save the "
            "sheet as CSV: a header row of stage names (its first cell empty), then one row per lane",
        ),
        (
            b"",
            "the export is empty — export the board as tab-separated text, or save the sheet as CSV: a header "
            "row of stage names (its first cell empty), then one row per lane",
        ),
        (
            b"\tEntice\tEnter\n",
            "the export has stage names but no lane rows — each lane is a row below the stage "
            "names: its title, then a cell per stage",
        ),
    ],
    ids=["no grid", "empty", "no lanes"],
)
def test_import_of_an_unreadable_export_is_a_message(example: Path, content: bytes, message: str) -> None:
    (example / "export.txt").write_bytes(content)
    result = run("import", "export.txt", "--id", "e", "--persona", "priya-shah", "--owner", "online-squad")
    assert result.exit_code == 1
    assert lines(result) == [f"export.txt:1:1: error: {message}"]
    assert "Traceback" not in result.output
    assert not (example / "content/journeys/e.yml").exists()


def test_import_of_an_export_that_is_not_utf8(example: Path) -> None:
    (example / "board.txt").write_bytes("\tEntrée\tSortie\nSteps\tCafé\tThé\n".encode("latin-1"))
    result = run("import", "board.txt", "--id", "x", "--persona", "priya-shah", "--owner", "online-squad")
    assert result.exit_code == 1 and lines(result) == [
        "board.txt:1:1: error: the export is not UTF-8 text — export it again as UTF-8 (or open it in an editor "
        "and save it as UTF-8)"
    ]
    assert "Traceback" not in result.output
    assert not (example / "content/journeys/x.yml").exists()


def test_import_checks_persona_and_owner_first(example: Path) -> None:
    """Unknown ids stop the command before the export is read or anything is written."""
    (example / "board.txt").write_text(BOARD, encoding="utf-8")
    (example / "empty.txt").write_bytes(b"")
    for export_file in ("board.txt", "empty.txt"):
        result = run("import", export_file, "--id", "x", "--persona", "priya", "--owner", "online-squad")
        assert result.exit_code == 1 and lines(result) == [
            "error: unknown persona 'priya' — did you mean 'priya-shah'?"
        ]
        result = run("import", export_file, "--id", "x", "--persona", "priya-shah", "--owner", "online-sqad")
        assert result.exit_code == 1 and lines(result) == [
            "error: unknown owner 'online-sqad' — did you mean 'online-squad'?"
        ]
    assert not (example / "content/journeys/x.yml").exists() and not (example / "schema").exists()


def test_import_of_a_real_whiteboard_export(example: Path) -> None:
    """With the real converter installed: every item of the stock-management export arrives."""
    fixture = REPO / "tests/fixtures/template-exports/stock-management-five-es.txt"
    result = run(
        "import", str(fixture), "--id", "stock-import", "--persona", "priya-shah", "--owner", "inventory-squad"
    )
    assert result.exit_code == 0, result.output
    assert "→ content/journeys/stock-import.yml: 5 stages × 6 lanes, 65 items." in result.output
    assert "content/journeys/stock-import.yml is valid" in result.output
    # A sheet saved as CSV goes the same way.
    (example / "sheet.csv").write_text(
        'Lanes,Discover,Buy\nSteps,"Looks\nCompares",Pays\nStaff mood,Calm,Busy\nEmotion,+1,-1\n', encoding="utf-8"
    )
    result = run("import", "sheet.csv", "--id", "sheet", "--persona", "priya-shah", "--owner", "inventory-squad")
    assert result.exit_code == 0, result.output
    assert lines(result)[0] == (
        "Imported sheet.csv → content/journeys/sheet.yml: 2 stages × 3 lanes, 5 items, "
        "2 emotion scores; custom lanes: staff_mood."
    )


# -- export and schema ----------------------------------------------------------------------------


def test_export_a_map_to_a_file_and_to_the_screen(example: Path) -> None:
    result = run("export", "first-week-setup", "--format", "mermaid")
    assert result.exit_code == 0 and lines(result)[0] == "journey"
    result = run("export", "journeys/first-week-setup.yml", "--format", "csv", "--out", "fws.csv")
    assert result.exit_code == 0 and "Exported 'Getting set up in the first week' as csv to fws.csv." in result.output
    assert (example / "fws.csv").read_text(encoding="utf-8").startswith(",Unboxing the kit,")
    result = run("export", "--all", "--out", "all.json")
    data = json.loads((example / "all.json").read_text(encoding="utf-8"))
    assert len(data["maps"]) == len(list((example / "content/journeys").iterdir()))


def test_export_mistakes(example: Path) -> None:
    assert run("export").exit_code == 2
    assert run("export", "--all", "--format", "csv").exit_code == 2
    result = run("export", "first-week-setp")
    assert result.exit_code == 1 and "did you mean 'first-week-setup'?" in result.output
    (example / "content/journeys/first-week-setup.yml").write_text("title: [broken\n", encoding="utf-8")
    result = run("export", "first-week-setup")
    assert result.exit_code == 1 and "has errors" in result.output


def test_schema_command_writes_the_generated_schemas(example: Path) -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert lines(result) == [
        "Wrote schema/map.schema.json",
        "Wrote schema/persona.schema.json",
        "Wrote schema/owners.schema.json",
        "Wrote schema/portfolio.schema.json",
        "Wrote schema/evidence.schema.json",
    ]
    for name, schema in schemas().items():
        assert json.loads((example / "schema" / name).read_text(encoding="utf-8")) == schema
    assert run("schema", "--out", "elsewhere").exit_code == 0 and (example / "elsewhere/map.schema.json").is_file()


# -- the installed script -------------------------------------------------------------------------


def test_the_installed_script_and_python_m(broken: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    script = subprocess.run([str(SCRIPT), "validate"], capture_output=True, text=True, env=env, cwd=broken)
    module = subprocess.run(
        [sys.executable, "-m", "mkdocs_cjm", "validate", "--format", "github"],
        capture_output=True,
        text=True,
        env=env,
        cwd=broken,
    )
    assert script.returncode == 1 and module.returncode == 1
    assert script.stdout.splitlines()[-1] == "2 maps, 1 persona, 1 owner: 2 errors, 2 warnings"
    assert module.stdout.splitlines()[1].startswith("::error file=docs/journeys/setup.yml,line=3,col=12,")
    assert "Traceback" not in script.stderr + module.stderr
    usage = subprocess.run([sys.executable, "-m", "mkdocs_cjm", "--help"], capture_output=True, text=True)
    assert usage.returncode == 0 and usage.stdout.startswith("Usage: mkdocs-cjm ")


# -- the pull-request path ------------------------------------------------------------------------


def test_the_workflow_validates_then_builds_strictly() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/portfolio.yml").read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(python["with"]["python-version"]) == "3.11"
    runs = [s.get("run", "") for s in steps]
    validate = next(i for i, r in enumerate(runs) if "mkdocs-cjm validate --format github" in r)
    build = next(i for i, r in enumerate(runs) if "mkdocs build --strict" in r)
    install = next(i for i, r in enumerate(runs) if "pip install" in r)
    assert install < validate < build
    # Weekly, late reviews fail the run (validate --strict), and only then.
    assert triggers["schedule"][0]["cron"]
    weekly = next(s for s in steps if "validate --strict" in s.get("run", ""))
    assert weekly["if"] == "github.event_name == 'schedule'"
    assert any(s.get("env", {}).get("NO_MKDOCS_2_WARNING") for s in steps) or workflow.get("env", {}).get(
        "NO_MKDOCS_2_WARNING"
    )


def test_the_pre_commit_hooks() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    local = next(h for h in hooks if h["id"] == "mkdocs-cjm-validate")
    assert local["entry"].startswith("mkdocs-cjm validate") and local["pass_filenames"] is False
    assert local["language"] in ("system", "python")
    files = re.compile(local["files"])
    assert files.search("content/journeys/a.yml") and files.search("content/personas/p.md")
    assert files.search("content/owners.yml") and not files.search("mkdocs_cjm/cli.py")
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in published if h["id"] == "mkdocs-cjm-validate")
    assert hook["entry"].startswith("mkdocs-cjm validate") and hook["language"] == "python"
    assert hook["pass_filenames"] is False and set(hook["types_or"]) >= {"yaml", "markdown"}


def test_the_hook_command_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The exact command the hooks run passes on the example portfolio."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entry = next(h for r in config["repos"] for h in r["hooks"] if h["id"] == "mkdocs-cjm-validate")["entry"]
    monkeypatch.chdir(REPO)
    result = run(*entry.split()[1:])
    assert result.exit_code == 0, result.output


def test_edit_links_point_at_yaml_and_markdown_map_files(tmp_path: Path) -> None:
    """Journey pages' "edit this page" link opens the map's own file, whichever its format and folder."""
    files = small_portfolio()
    files["journeys/retail/late-shift.md"] = """
        ---
        title: The late shift
        type: day-in-the-life
        personas: [priya]
        scenario: Priya closes the shop.
        owner: shop-team
        stages:
          - name: Closing
            time: "18:00"
        ---
        Written from two observation sessions.
    """
    site = build_site(
        tmp_path,
        files,
        config={
            "repo_url": "https://git.example/acme/maps",
            "edit_uri": "edit/main/docs/",
            "theme": {"name": "material", "font": False, "features": ["content.action.edit"]},
        },
    )
    edit = site.html("journeys/late-shift/").select_one("a.md-content__button")
    assert edit["href"] == "https://git.example/acme/maps/edit/main/docs/journeys/retail/late-shift.md"
    assert (
        site.html("journeys/setup/").select_one("a.md-content__button")["href"]
        == "https://git.example/acme/maps/edit/main/docs/journeys/setup.yml"
    )
    # A visible link in the map's header for editors who do not know Material's pencil icon.
    head = site.html("journeys/late-shift/").select_one(".cjm-head")
    link = head.find("a", string="Edit this map")
    assert link["href"] == edit["href"] and link["rel"] == ["edit"]
    assert head.find("code", string="journeys/retail/late-shift.md")
    persona = site.html("personas/priya/").select_one(".cjm-head").find("a", string="Edit this persona")
    assert persona["href"].startswith("https://git.example/acme/maps/edit/main/docs/personas/priya.")


def test_edit_links_follow_edit_uri_template_and_are_absent_without_a_repository(tmp_path: Path) -> None:
    site = build_site(
        tmp_path / "a",
        small_portfolio(),
        config={
            "repo_url": "https://git.example/acme/maps",
            "edit_uri_template": "src/main/docs/{path_noext}?mode=edit",
        },
    )
    link = site.html("journeys/setup/").select_one(".cjm-head").find("a", string="Edit this map")
    assert link["href"] == "https://git.example/acme/maps/src/main/docs/journeys/setup?mode=edit"
    plain = build_site(tmp_path / "b", small_portfolio())
    head = plain.html("journeys/setup/").select_one(".cjm-head")
    assert head.find("a", string="Edit this map") is None and head.find("code", string="journeys/setup.yml")


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(str.strip))
@settings(max_examples=200, deadline=None)
def test_any_title_survives_the_starter(title: str) -> None:
    from datetime import date

    from mkdocs_cjm.core.scaffold import new_map_text

    starter = (REPO / "site_templates/current-state.yml").read_text(encoding="utf-8")
    text = new_map_text(starter, map_id="m", persona="p", owner="o", today=date(2026, 11, 24), title=title)
    data = yaml.safe_load(text)
    assert data["title"] == title and data["personas"] == ["p"] and data["owner"] == "o"
    assert str(data["reviewed"]) == "2026-11-24"


def test_new_uses_the_sites_own_starters(example: Path) -> None:
    """A site with its own gallery (the plugin's starters_dir) gets maps from its own starters."""
    own = example / "our-starters"
    own.mkdir()
    starter = (REPO / "site_templates/current-state.yml").read_text(encoding="utf-8")
    (own / "current-state.yml").write_text(
        starter.replace("# Current-state journey map", "# OUR current-state starter"), encoding="utf-8"
    )
    config = example / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("starters_dir: site_templates", "starters_dir: our-starters"),
        encoding="utf-8",
    )
    assert run("new", "current-state", "ours", "--persona", "priya-shah").exit_code == 0
    assert "# OUR current-state starter" in (example / "content/journeys/ours.yml").read_text(encoding="utf-8")
    # Types the site has no starter for come from the bundled gallery.
    assert run("new", "day-in-the-life", "theirs", "--persona", "priya-shah").exit_code == 0
    assert "# Day in the life" in (example / "content/journeys/theirs.yml").read_text(encoding="utf-8")


def test_starter_keys_are_replaced_in_place_or_added() -> None:
    from mkdocs_cjm.core.scaffold import set_top_value

    assert set_top_value("title: Old   # note\ntype: x\n", "title", "New") == "title: New   # note\ntype: x\n"
    assert (
        set_top_value("# about\n\ntype: x\n", "reviewed", "2026-11-24") == "# about\n\nreviewed: 2026-11-24\ntype: x\n"
    )
    assert set_top_value("---\n# c\nrole: A\n---\nbody", "name", "B") == "---\n# c\nname: B\nrole: A\n---\nbody"
    # Only top-level keys: a stage's `title:` is left alone.
    assert set_top_value("stages:\n  - title: S\n", "title", "T") == "title: T\nstages:\n  - title: S\n"


def test_import_outside_the_portfolio_reports_the_files_own_problems(example: Path) -> None:
    """The real importer keeps the scale a board states on its emotion row; one of more than 100
    points is not a scale a map may have, so the written draft has problems of its own, reported
    with its path from the current folder."""
    (example / "board.txt").write_text("\tOne\tTwo\nSteps\tA\tB\nEmotion (0-1000)\t5\t900\n", encoding="utf-8")
    result = run(
        "import",
        "board.txt",
        "--id",
        "half",
        "--persona",
        "priya-shah",
        "--owner",
        "online-squad",
        "--out",
        "drafts/half.yml",
    )
    assert result.exit_code == 1
    assert lines(result)[1:4] == [
        "Imported board.txt → drafts/half.yml: 2 stages × 2 lanes, 2 items, 2 emotion scores.",
        "check: the export has no scenario line; write the map's scenario",
        "note: drafts/half.yml is outside the portfolio, so its persona and owner ids were not checked",
    ]
    problems = [line for line in lines(result) if ": error: " in line]
    assert problems and all(p.startswith("drafts/half.yml:") for p in problems), problems
    assert (
        "drafts/half.yml:12:8: error: the scale spans more than 100 points — write the scale as min..max, "
        "e.g. 'scale: 1..5', with any labels inside it" in problems
    )
    assert lines(result)[-1] == f"drafts/half.yml has {len(problems)} errors: fix them before opening a pull request."
    assert "scale: 0..1000" in (example / "drafts/half.yml").read_text(encoding="utf-8")


def test_import_avoids_opportunity_ids_of_the_portfolio_and_writes_yaml_only(example: Path) -> None:
    (example / "board.txt").write_text("\tFind\tPay\nSteps\tLooks\tPays\nIdeas\tLocation lookup\t\n", encoding="utf-8")
    result = run("import", "board.txt", "--id", "stock", "--persona", "priya-shah", "--owner", "inventory-squad")
    assert result.exit_code == 0, result.output
    assert "id: stock-location-lookup-2" in (example / "content/journeys/stock.yml").read_text(encoding="utf-8")
    result = run(
        "import",
        "board.txt",
        "--id",
        "other",
        "--persona",
        "priya-shah",
        "--owner",
        "inventory-squad",
        "--out",
        "content/journeys/other.md",
    )
    assert result.exit_code == 1 and lines(result) == [
        "error: content/journeys/other.md: an imported map is written as YAML — give --out a .yml name (to add "
        "a narrative, rename it to .md afterwards and put the YAML between --- lines)"
    ]
    assert not (example / "content/journeys/other.md").exists()
