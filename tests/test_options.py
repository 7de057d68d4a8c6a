"""The plugin's options are declared once (core/options.py): the MkDocs plugin, the command-line
tool and the README all follow that declaration, and both tools read an option the same way."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import REPO, TODAY, build_site, small_portfolio, write_tree
from mkdocs_cjm.cli import main
from mkdocs_cjm.core.options import Options, defaults
from mkdocs_cjm.core.project import read_project
from mkdocs_cjm.plugin import CjmPlugin


def test_the_plugin_config_is_the_core_declaration() -> None:
    scheme = dict(CjmPlugin().config_class._schema)
    assert list(scheme) == list(Options.model_fields)
    assert {name: option.default for name, option in scheme.items()} == defaults()
    for name, field in Options.model_fields.items():
        assert field.description, f"option '{name}' has no docstring"


def test_the_readme_lists_every_option_with_its_default() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Plugin options\n\n```yaml\n(.*?)```", readme, re.S)
    assert block is not None
    listed = next(p["cjm"] for p in yaml.safe_load(block.group(1))["plugins"] if isinstance(p, dict))
    assert sorted(listed) == sorted(Options.model_fields)
    shown = {k: v for k, v in listed.items() if k != "starters_dir"}  # shown with an example value
    assert shown == {k: v for k, v in defaults().items() if k != "starters_dir"}


def write_project(root: Path, options: dict[str, object]) -> None:
    write_tree(root / "docs", small_portfolio())
    config = {
        "site_name": "T",
        "docs_dir": "docs",
        "theme": {"name": "material"},
        "plugins": ["search", {"cjm": options}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def test_an_unquoted_date_means_the_same_to_the_build_and_the_cli(tmp_path: Path) -> None:
    day = datetime.date(2030, 1, 2)  # written unquoted: YAML reads it as a date, not as text
    site = build_site(tmp_path / "a", small_portfolio(), plugin={"today": day})
    # Reviews are judged against that day: every map is overdue by then.
    assert "Review overdue" in site.text("journeys/")
    write_project(tmp_path / "b", {"today": day})
    assert read_project(tmp_path / "b").today == day


@pytest.mark.parametrize(
    "options,message",
    [
        ({"lanes": {"Bad Key": {"title": "x"}}}, "option 'lanes' has an invalid key 'Bad Key'"),
        ({"today": "next tuesday"}, "option 'today' is not a date"),
        ({"charts": "sometimes"}, "option 'charts' is invalid"),
        ({"starters_dir": "nowhere"}, "option 'starters_dir' names 'nowhere', which is not a folder"),
    ],
)
def test_a_wrong_option_is_refused_the_same_way_by_the_build_and_the_cli(
    tmp_path: Path, options: dict[str, object], message: str
) -> None:
    site = build_site(tmp_path / "a", small_portfolio(), plugin=options, expect_failure=True)
    said = "\n".join(site.warnings)
    assert message in said and "mkdocs.yml" in said
    write_project(tmp_path / "b", options)
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "b" / "mkdocs.yml")])
    assert result.exit_code == 1
    assert message in result.output and "mkdocs.yml" in result.output


def test_the_cli_reads_the_options_the_build_uses(tmp_path: Path) -> None:
    write_project(tmp_path, {"journeys_dir": "maps", "today": TODAY, "lanes": {"systems": {"title": "Systems"}}})
    project = read_project(tmp_path)
    assert project.layout.journeys_dir == "maps"
    assert project.today == datetime.date.fromisoformat(TODAY)
    assert project.site_lanes["systems"].title == "Systems"


def readme_synopses() -> dict[str, list[list[str]]]:
    """Each command's synopses in the README's "Command line" section, as lists of words."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Command line", 1)[1].split("\n## ", 1)[0]
    found: dict[str, list[list[str]]] = {}
    for synopsis in re.findall(r"\*\*`(mkdocs-cjm [^`]*)`\*\*", section.replace("\n", " ")):
        words = synopsis.split()
        found.setdefault(words[1], []).append(words[2:])
    return found


def test_the_readme_command_line_section_matches_the_commands() -> None:
    import click

    from mkdocs_cjm.cli import main as group

    synopses = readme_synopses()
    assert sorted(synopses) == sorted(group.commands), "every command has a synopsis, and no other"
    for name, command in group.commands.items():
        options = {opt: param for param in command.params for opt in param.opts if opt.startswith("--")}
        written: dict[str, set[str]] = {}
        for words in synopses[name]:
            for i, word in enumerate(words):
                word = word.strip("[]")
                if word.startswith("--"):
                    value = words[i + 1].strip("[]") if i + 1 < len(words) else ""
                    choices = set(value.split("|")) if "|" in value or value in ("json",) else set()
                    written.setdefault(word, set()).update(choices)
        assert sorted(written) == sorted(set(options) - {"--help"}), name
        for opt, choices in written.items():
            kind = options[opt].type
            if isinstance(kind, click.Choice):
                assert choices and choices <= set(kind.choices), (name, opt)
                if name == "validate" or len(synopses[name]) == 1 or choices != {"json"}:
                    assert choices == set(kind.choices), (name, opt)
    # The short forms the section names exist.
    section = (REPO / "README.md").read_text(encoding="utf-8").split("## Command line", 1)[1]
    for short, long in re.findall(r"`(-[a-z]) [A-Z]+`/`(--[a-z-]+) [A-Z]+`", section):
        for command in group.commands.values():
            for param in command.params:
                if long in param.opts:
                    assert short in param.opts, (short, long)
