"""Who can see it (issue 15, point 9): ``publish_drafts: false`` leaves draft maps out of the
published site entirely — no page, listing entry, count, search entry or data — while
``validate`` still checks them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FUTURE, PERSONA, Site, build_site, small_portfolio
from mkdocs_cjm.cli import main


def portfolio() -> dict[str, str]:
    files = small_portfolio()
    files["journeys/setup-future.yml"] = FUTURE.replace("status: published", "status: draft").replace(
        "Setting up the till, improved", "Secret till plan"
    )
    # The persona's profile links to the draft's file.
    files["personas/priya.md"] = PERSONA.replace(
        "## Her week", "Her [planned set-up](../journeys/setup-future.yml) is on its way.\n\n    ## Her week"
    )
    return files


def every_text(site_dir: Path) -> str:
    """Every HTML, JSON and XML file the site holds (Pagefind's index is built from the HTML)."""
    files = [p for p in sorted(site_dir.rglob("*")) if p.suffix in {".html", ".json", ".xml", ".txt"}]
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Site]:
    root = tmp_path_factory.mktemp("drafts")
    shown = build_site(root / "shown", portfolio(), strict=False)
    hidden = build_site(root / "hidden", portfolio(), plugin={"publish_drafts": False}, strict=False)
    return shown, hidden


def test_drafts_are_published_by_default(sites: tuple[Site, Site]) -> None:
    shown, _ = sites
    assert shown.exists("journeys/setup-future/")
    assert "Secret till plan" in every_text(shown.site_dir)


def test_publish_drafts_false_leaves_no_trace_of_a_draft(sites: tuple[Site, Site]) -> None:
    _, hidden = sites
    assert not hidden.exists("journeys/setup-future/")
    text = every_text(hidden.site_dir)
    assert "Secret till plan" not in text and "setup-future" not in text
    assert not (hidden.site_dir / "journeys/setup-future.yml").exists()
    # The published maps are all there, and the current state no longer says it is improved.
    page = hidden.html("journeys/setup/")
    assert "Setting up the till" in page.get_text() and "improved" not in page.get_text(" ").lower()
    # The link to the draft's file is reported where it is written (the site has no page for it).
    [warning] = [w for w in hidden.warnings if "setup-future" in w]
    assert "personas/priya.md:" in warning and "points to the draft map 'setup-future'" in warning
    assert "planned set-up" in hidden.text("personas/priya/")
    assert 'href="../../journeys/setup-future' not in hidden.text("personas/priya/")


def test_validate_still_checks_drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = portfolio()
    files["journeys/setup-future.yml"] = files["journeys/setup-future.yml"].replace(
        "personas: [priya]", "personas: [pria]"
    )
    site = build_site(tmp_path, files, plugin={"publish_drafts": False}, strict=False)
    monkeypatch.chdir(site.root)
    result = CliRunner().invoke(main, ["validate", "--due-within", "0"])
    assert "docs/journeys/setup-future.yml:3:" in result.output and "unknown persona 'pria'" in result.output
