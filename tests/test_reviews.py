"""Reviews enforced (issue 15, point 6): ``validate`` reports maps overdue for review, naming
their owner, in every format; notes reviews due soon; the build never fails on a late review."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import CURRENT, FUTURE, REPO, build_site, small_portfolio, write_project
from mkdocs_cjm.cli import main

ARCHIVED = CURRENT.replace("status: published", "status: archived").replace("2026-10-01", "2020-01-01")
DRAFT = CURRENT.replace("status: published", "status: draft").replace("2026-10-01", "2026-05-01")


def portfolio() -> dict[str, str]:
    """``returns`` overdue by 24 days, ``setup`` due in 7, ``old`` archived long ago (never due),
    ``sketch`` a draft overdue since September (drafts are kept true too)."""
    files = small_portfolio()
    files["journeys/setup.yml"] = CURRENT.replace(
        "reviewed: 2026-10-01", "reviewed: 2026-10-20\n    review_every: 6 weeks"
    )
    files["journeys/setup-future.yml"] = FUTURE
    files["journeys/returns.yml"] = (
        CURRENT.replace("reviewed: 2026-10-01", "reviewed: 2026-08-01")
        .replace("guide-on-top", "returns-guide")
        .replace("pairing-wizard", "returns-wizard")
    )
    files["journeys/old.yml"] = ARCHIVED.replace("guide-on-top", "old-guide").replace("pairing-wizard", "old-wizard")
    files["journeys/sketch.yml"] = DRAFT.replace("guide-on-top", "sketch-guide").replace(
        "pairing-wizard", "sketch-wizard"
    )
    return files


def project(root: Path, **options: object) -> Path:
    return write_project(root, portfolio(), **options)


def validate(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(root)
    return CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)


OVERDUE = (
    "docs/journeys/returns.yml:8:11: warning: overdue for review by 24 days: last reviewed 2026-08-01, "
    "due 2026-10-31 (quarterly); map owner: Shop experience (shop-team) — review the map with its owner, "
    "then set `reviewed:` to the day of the review (YYYY-MM-DD)"
)
DRAFT_OVERDUE = (
    "docs/journeys/sketch.yml:8:11: warning: overdue for review by 116 days: last reviewed 2026-05-01, "
    "due 2026-07-31 (quarterly); map owner: Shop experience (shop-team) — review the map with its owner, "
    "then set `reviewed:` to the day of the review (YYYY-MM-DD)"
)
DUE_SOON = (
    "docs/journeys/setup.yml:8:11: notice: review due in 7 days (2026-12-01, every 6 weeks); map owner: "
    "Shop experience (shop-team) — review the map with its owner, then set `reviewed:` to the day of the "
    "review (YYYY-MM-DD)"
)


def test_overdue_reviews_are_warnings_that_name_the_owner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    result = validate(root, monkeypatch)
    assert result.output.splitlines() == [
        OVERDUE,
        DUE_SOON,
        DRAFT_OVERDUE,
        "5 maps, 1 persona, 3 owners: 0 errors, 2 warnings, 1 notice",
    ]
    assert result.exit_code == 0  # warnings and notices alone pass…
    assert validate(root, monkeypatch, "--strict").exit_code == 1  # …unless --strict
    # The line named is the map's `reviewed:` line.
    assert (root / "docs/journeys/returns.yml").read_text().splitlines()[7].strip() == "reviewed: 2026-08-01"


def test_the_notice_window_is_an_option_and_a_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, review_due_days=5)
    assert DUE_SOON not in validate(root, monkeypatch).output  # due in 7 days: outside 5
    assert DUE_SOON in validate(root, monkeypatch, "--due-within", "7").output
    only_warnings = validate(root, monkeypatch, "--due-within", "0", "--strict")
    assert only_warnings.output.splitlines()[-1] == "5 maps, 1 persona, 3 owners: 0 errors, 2 warnings"
    assert only_warnings.exit_code == 1
    assert validate(root, monkeypatch, "--due-within", "-1").exit_code == 2


def test_an_option_makes_overdue_reviews_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, overdue_reviews="error")
    result = validate(root, monkeypatch)
    assert OVERDUE.replace(": warning: ", ": error: ") in result.output.splitlines()
    assert result.output.splitlines()[-1] == "5 maps, 1 persona, 3 owners: 2 errors, 0 warnings, 1 notice"
    assert result.exit_code == 1


def test_every_format_carries_reviews(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    github = validate(root, monkeypatch, "--format", "github").output.splitlines()
    assert github[0].startswith(
        "::warning file=docs/journeys/returns.yml,line=8,col=11,title=Journey map content warning::overdue for review"
    )
    assert github[1].startswith("::notice file=docs/journeys/setup.yml,line=8,col=11,title=Journey map notice::")
    assert "map owner%3A" not in github[0] and "map owner: Shop experience (shop-team)" in github[0]
    data = json.loads(validate(root, monkeypatch, "--format", "json").output)
    assert data["ok"] is True
    assert {k: data["summary"][k] for k in ("errors", "warnings", "notices")} == {
        "errors": 0,
        "warnings": 2,
        "notices": 1,
    }
    assert [(p["file"], p["severity"]) for p in data["problems"]] == [
        ("docs/journeys/returns.yml", "warning"),
        ("docs/journeys/setup.yml", "notice"),
        ("docs/journeys/sketch.yml", "warning"),
    ]


def test_one_file_alone_reports_its_own_review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    result = validate(root, monkeypatch, "docs/journeys/returns.yml")
    assert result.output.splitlines()[0] == OVERDUE and len(result.output.splitlines()) == 2


def test_the_build_never_fails_on_a_late_review(tmp_path: Path) -> None:
    site = build_site(tmp_path, portfolio(), plugin={"overdue_reviews": "error", "review_due_days": 10})
    assert site.error is None and not [w for w in site.warnings if "review" in w]
    assert "Review overdue" in site.text("journeys/returns/")
    insights = site.html("insights/")
    assert "due within 10 days" in insights.get_text(" ", strip=True)
    soon = [cell.get_text(strip=True) for cell in insights.select('td[data-label="Due soon"]')]
    assert soon == ["1"]  # one owner; setup is due in 7 days


def test_a_wrong_review_option_is_refused_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path, overdue_reviews="fatal", review_due_days=-3)
    result = validate(root, monkeypatch)
    found = [line for line in result.output.splitlines() if line.startswith("mkdocs.yml:")]
    assert len(found) == 2 and all(re.match(r"mkdocs\.yml:\d+:\d+: error: ", line) for line in found), found
    assert any("overdue_reviews" in line and "'warning'" in line and "'error'" in line for line in found)
    assert any("review_due_days" in line for line in found)


def test_the_readme_shows_what_validate_prints_for_reviews() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert OVERDUE in readme and DUE_SOON in readme
