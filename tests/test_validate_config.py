"""`mkdocs-cjm validate` makes the checks the build makes, on the configuration the build reads:
``INHERIT:``, ``properdocs.yml``, ``--config-file``, links, one map file checked in its
portfolio, and a configuration that cannot be read is a located message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import CURRENT, TODAY, build_site, small_portfolio, write_tree
from mkdocs_cjm.cli import main

CONFIG = f"site_name: V\ntheme:\n  name: material\nplugins:\n  - search\n  - cjm:\n      today: {TODAY}\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def project(root: Path, files: dict[str, str] | None = None, config: str = CONFIG) -> Path:
    write_tree(root / "docs", {**small_portfolio(), **(files or {})})
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def test_validate_checks_links_as_the_build_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    persona = small_portfolio()["personas/priya.md"].replace(
        "    Weekdays are quiet; Saturdays are frantic.",
        "    See [her shop](../shop.md) and [setup](../journeys/setup.yml).",
    )
    files = {"personas/priya.md": persona}
    site = build_site(tmp_path / "build", {**small_portfolio(), **files}, strict=False)
    built = [w.removeprefix("mkdocs_cjm: ") for w in site.warnings]
    assert any("the link '../shop.md' points to no page or file of the site" in w for w in built), built
    root = project(tmp_path / "cli", files)
    monkeypatch.chdir(root)
    result = run("validate")
    shown = [line.removeprefix("docs/") for line in result.output.splitlines()[:-1]]
    assert shown == built
    assert result.exit_code == 0 and result.output.splitlines()[-1].endswith("0 errors, 1 warning")


def test_validate_follows_inherit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, config="INHERIT: base/common.yml\nsite_name: Child\n")
    (root / "base").mkdir()
    # Its docs_dir (the default, docs) is relative to mkdocs.yml, as MkDocs takes it.
    (root / "base/common.yml").write_text(CONFIG + "      lanez: 1\n")
    monkeypatch.chdir(root)
    result = run("validate")
    assert result.output.splitlines() == [
        "base/common.yml:8:7: error: the cjm plugin has no option 'lanez' — did you mean 'lanes'?",
        "2 maps, 1 persona, 3 owners: 1 error, 0 warnings",
    ]
    assert result.exit_code == 1


def test_validate_reads_properdocs_yml_and_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    (root / "mkdocs.yml").rename(root / "properdocs.yml")
    (root / "properdocs.yml").write_text(CONFIG + "      charts: sometimes\n")
    monkeypatch.chdir(root)
    first = run("validate").output.splitlines()
    assert first[0].startswith("properdocs.yml:8:15: error: the cjm plugin's option 'charts' is invalid")
    (root / "ci.yml").write_text(CONFIG)
    result = run("validate", "--config-file", "ci.yml")
    assert result.output.splitlines() == ["2 maps, 1 persona, 3 owners: no problems"] and result.exit_code == 0
    assert run("validate", "-f", "ci.yml").exit_code == 0


def test_a_map_file_is_validated_on_its_own_in_its_portfolio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = CURRENT.replace("personas: [priya]", "personas: [priya, sam]")
    other = CURRENT.replace("title: Setting up the till", "titel: x")
    root = project(tmp_path, {"journeys/setup.yml": broken, "journeys/other.yml": other})
    monkeypatch.chdir(root / "docs")  # anywhere: the portfolio is found from the file
    result = run("validate", "journeys/setup.yml")
    assert result.output.splitlines() == [
        "journeys/setup.yml:3:19: error: unknown persona 'sam' — expected one of: priya",
        "1 map, 0 personas, 0 owners: 1 error, 0 warnings",
    ]
    assert result.exit_code == 1
    monkeypatch.chdir(tmp_path)
    good = run("validate", "docs/journeys/setup-future.yml")
    assert good.output.splitlines() == ["1 map, 0 personas, 0 owners: no problems"] and good.exit_code == 0


def test_an_impossible_date_in_the_configuration_is_a_located_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path, config=CONFIG.replace(TODAY, "2026-02-30"))
    monkeypatch.chdir(root)
    result = run("validate")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.splitlines() == [
        "mkdocs.yml:7:14: error: cannot read the configuration: day is out of range for month — correct the "
        "value, or put it in quotes"
    ]


def test_a_missing_inherit_and_a_loop_are_located_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, config="INHERIT: nowhere.yml\nsite_name: x\n")
    monkeypatch.chdir(root)
    result = run("validate")
    assert result.output.splitlines() == [
        "mkdocs.yml:1:10: error: the inherited configuration 'nowhere.yml' does not exist — give its path "
        "relative to mkdocs.yml"
    ]
    (root / "mkdocs.yml").write_text("INHERIT: a.yml\n")
    (root / "a.yml").write_text("INHERIT: mkdocs.yml\n")
    result = run("validate")
    assert result.exit_code == 1 and result.output.splitlines() == [
        "a.yml:1:1: error: 'INHERIT' comes back to mkdocs.yml — remove the loop of INHERIT settings"
    ]
