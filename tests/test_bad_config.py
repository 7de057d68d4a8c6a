"""The bad-configuration corpus: mistakes in the ``cjm`` plugin's options, built into real sites.

Each case is a folder under ``tests/bad_config/``: a ``mkdocs.yml`` (and any file it inherits
from, or the site's own starters), and ``expected.txt``, every problem the build reports, one
``file:line:column: error|warning: message — hint`` per line, with the paths an editor sees
when running ``mkdocs build`` in the folder. The docs folder is the small valid portfolio of
``conftest.small_portfolio``.

For every case:

- a non-strict ``mkdocs build`` reports exactly the expected problems, once each, naming the
  configuration file (or the user's starter) and the line of the mistake, never a content file
  nor a bundled starter, and still publishes every journey page, without the bad part;
- ``mkdocs-cjm validate`` prints the same problems, in the same words, at the same places;
- ``mkdocs build --strict`` fails (checked on one case).

To add a case: make a folder with its ``mkdocs.yml``, run
``CJM_WRITE_EXPECTED=1 .venv/bin/python -m pytest tests/test_bad_config.py -k <case>``,
then read ``expected.txt`` and keep it only if every line is right.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TODAY_EPOCH, build_project, small_portfolio, write_tree
from mkdocs_cjm.cli import main

CORPUS = Path(__file__).resolve().parent / "bad_config"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
PREFIX = "mkdocs_cjm: "
JOURNEY_PAGES = ("journeys/setup/index.html", "journeys/setup-future/index.html")


def make_case(case: str, root: Path) -> Path:
    shutil.copytree(CORPUS / case, root, dirs_exist_ok=True)
    (root / "expected.txt").unlink(missing_ok=True)
    write_tree(root / "docs", small_portfolio())
    return root


def build(root: Path, strict: bool = False) -> tuple[list[str], BaseException | None]:
    """Build the site in ``root`` as ``mkdocs build`` run there does; the warnings logged."""
    return build_project(root, strict)


@pytest.mark.parametrize("case", CASES)
def test_an_option_mistake_is_reported_once_where_it_is_written(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_case(case, tmp_path / case)
    monkeypatch.chdir(root)
    warnings, error = build(root)
    assert error is None, warnings
    reported = [w.removeprefix(PREFIX) for w in warnings]
    expected_file = CORPUS / case / "expected.txt"
    if os.environ.get("CJM_WRITE_EXPECTED"):
        expected_file.write_text("".join(line + "\n" for line in reported), encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert expected, "a case must find something"
    assert reported == expected
    for line in expected:
        # The configuration (or the site's own starter), never a content file or a bundled starter.
        assert not line.startswith(("docs/", "journeys/", "personas/", "owners.yml", "site_templates/")), line
        assert ":0:" not in line.split(": ")[0] and ":1:1:" not in line.split(": ")[0], line
    # Nothing good is lost: every journey page is published.
    for page in JOURNEY_PAGES:
        assert (root / "site" / page).is_file(), page

    # validate reports the same problems, in the same words (and reviews, which the build leaves
    # to the site: judged on a fixed day, none falls due).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[:-1] == expected


def test_a_strict_build_fails_on_an_option_mistake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_case("lane-reserved-name", tmp_path)
    monkeypatch.chdir(root)
    warnings, error = build(root, strict=True)
    assert error is not None and "Aborted with 2 errors in strict mode" in str(error)
    assert [w.removeprefix(PREFIX) for w in warnings] == (CORPUS / "lane-reserved-name/expected.txt").read_text(
        encoding="utf-8"
    ).splitlines()


def test_the_bad_lane_is_left_out_and_the_good_ones_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_case("lane-after-names-no-lane", tmp_path)
    root.joinpath("docs/journeys/setup.yml").write_text(
        root.joinpath("docs/journeys/setup.yml")
        .read_text()
        .replace("    negatives:", "    systems: [Till]\n    partners: [Bank]\n    negatives:", 1)
    )
    monkeypatch.chdir(root)
    warnings, error = build(root)
    assert error is None
    page = (root / "site/journeys/setup/index.html").read_text(encoding="utf-8")
    assert "Systems" in page and "Partners" in page and "Till" in page and "Bank" in page
    assert all(w.startswith(PREFIX + "mkdocs.yml:") for w in warnings), warnings


def test_a_bundled_starter_is_never_blamed_for_the_sites_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Reviews judged in 2020: the bundled starters' review dates lie in the future then, which
    # is no mistake of the site's.
    root = make_case("lane-reserved-name", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("today: 2026-11-24", "today: 2020-01-01"))
    monkeypatch.chdir(root)
    warnings, _ = build(root)
    assert not any("site_templates" in w or "starter" in w for w in warnings), warnings
    assert (root / "site/templates/current-state/index.html").is_file()


def test_a_place_that_is_not_there_is_named_in_mkdocs_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A mistyped folder (journeys_dir: jorneys) would read no map and say nothing: it is a
    warning at the option's line, in the build and in validate, and a strict build stops on it."""
    write_tree(tmp_path / "docs", small_portfolio())
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nplugins:\n  - cjm:\n      today: '2026-11-24'\n      journeys_dir: jorneys\n"
        "      owners_file: team/owners.yml\n"
    )
    monkeypatch.chdir(tmp_path)
    expected = [
        "mkdocs.yml:5:21: warning: the cjm plugin's option 'journeys_dir' names 'jorneys', but the docs folder "
        "has no such folder — check the name (it is relative to the docs folder); until the folder is there, "
        "nothing is read from it",
        "mkdocs.yml:6:20: warning: the cjm plugin's option 'owners_file' names 'team/owners.yml', but the docs "
        "folder has no such file — check the name (it is relative to the docs folder); until the file is there, "
        "nothing is read from it",
    ]
    warnings, error = build(tmp_path)
    assert error is None
    assert [w.removeprefix(PREFIX) for w in warnings][:2] == expected
    assert CliRunner().invoke(main, ["validate"]).output.splitlines()[:2] == expected
    assert build(tmp_path, strict=True)[1] is not None
