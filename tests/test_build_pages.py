"""``mkdocs-cjm build-pages`` (issue 16, point 1): a generator-ready project that Zensical and
plain MkDocs build into the plugin's portfolio; deterministic; only changed files rewritten,
stale ones removed, nothing else touched; problems reported as ``validate`` reports them;
``--watch`` writes again on a change."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from generators import build_pages, page_view, portfolio_pages, run, zensical
from linkcheck import broken_links
from test_determinism import files_of
from test_serve import wait_for

from conftest import CURRENT, FIXTURES, TODAY_EPOCH, small_portfolio, write_project

OUTSIDE = FIXTURES / "outside-portfolio"
"""A small portfolio kept as an outside team might: own home page, hand-written nav, .html URLs,
a Markdown extension configured with ``!!python/name:`` tags."""


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_cjm", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The outside portfolio built with the plugin, and from build-pages by Zensical and MkDocs."""
    root = tmp_path_factory.mktemp("outside")
    source = root / "source"
    shutil.copytree(OUTSIDE, source)
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(root / "plugin")], source)
    build_pages(source, root / "pages")
    run([zensical(), "build", "--clean"], root / "pages")
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(root / "plain")], root / "pages")
    return {
        "plugin": root / "plugin",
        "zensical": root / "pages/site",
        "plain": root / "plain",
        "pages": root / "pages",
    }


def test_an_outside_portfolio_builds_the_same_on_zensical_and_plain_mkdocs(outside: dict[str, Path]) -> None:
    pages = portfolio_pages(outside["plugin"])
    assert (
        "journeys/renewing-a-loan.html" in {p.replace("index.html", "") for p in pages}
        or (outside["plugin"] / "journeys/renewing-a-loan.html").is_file()
    )
    for host in ("zensical", "plain"):
        assert broken_links(outside[host]) == [], host
        for page in pages:
            assert page_view(outside[host], page) == page_view(outside["plugin"], page), (host, page)
        for page in ("journeys/renewing-a-loan.html", "journeys/returning-late.html", "personas/nell-okonkwo.html"):
            assert page_view(outside[host], page) == page_view(outside["plugin"], page), (host, page)
        grid = (outside[host] / "journeys/renewing-a-loan.html").read_text(encoding="utf-8")
        assert "Cannot remember her PIN" in grid and "cjm-curve__svg" in grid
    # The site's nav and its Markdown extension (with its Python tags) are kept.
    config = (outside["pages"] / "mkdocs.yml").read_text(encoding="utf-8")
    assert "!!python/name:material.extensions.emoji.twemoji" in config and "- About: about.md" in config
    assert "cjm" not in config.split("plugins:")[1].split("markdown_extensions:")[0]
    assert "twemoji" in (outside["zensical"] / "index.html").read_text(encoding="utf-8")


def test_the_project_is_the_same_from_any_copy_and_a_second_run_writes_nothing(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "elsewhere" / "two"
    for root in (first, second):
        shutil.copytree(OUTSIDE, root / "source")
        build_pages(root / "source", root / "pages")
    assert files_of(first / "pages") == files_of(second / "pages")
    again = cli("build-pages", "--out", str(first / "pages"), cwd=first / "source")
    assert again.returncode == 0 and ": 0 files written, " in again.stdout, again.stdout


def test_only_changed_files_are_written_and_gone_ones_removed(tmp_path: Path) -> None:
    root = write_project(tmp_path / "site", small_portfolio())
    out = tmp_path / "pages"
    build_pages(root, out)
    persona = out / "docs/personas/priya/index.md"
    stamp = persona.stat().st_mtime_ns
    time.sleep(0.01)  # a rewrite would give a later modification time
    source = root / "docs/journeys/setup.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("Unboxes the card reader", "Unpacks the card reader"))
    result = build_pages(root, out)
    written = int(result.stdout.split(": ")[-1].split(" files written")[0])
    assert 0 < written <= 4, result.stdout  # the map's page, its future state's comparison, the data
    assert "Unpacks the card reader" in (out / "docs/journeys/setup/index.md").read_text(encoding="utf-8")
    assert persona.stat().st_mtime_ns == stamp
    # A map that is gone takes its page with it; a file of the user's in the folder stays.
    (out / "notes.txt").write_text("mine")
    (root / "docs/journeys/setup-future.yml").unlink()
    result = build_pages(root, out)
    assert ", 1 removed" in result.stdout or " removed" in result.stdout
    assert not (out / "docs/journeys/setup-future").exists() and (out / "notes.txt").read_text() == "mine"


def test_problems_are_reported_as_validate_reports_them(tmp_path: Path) -> None:
    files = small_portfolio()
    files["journeys/setup.yml"] = CURRENT.replace("personas: [priya]", "personas: [pria]")
    root = write_project(tmp_path / "site", files)
    validate = cli("validate", cwd=root)
    result = cli("build-pages", "--out", str(tmp_path / "pages"), cwd=root)
    assert result.returncode == 1 and validate.returncode == 1
    problems = [line for line in validate.stdout.splitlines() if ": error: " in line or ": warning: " in line]
    assert problems and all(line in result.stdout.splitlines() for line in problems)
    assert "unknown persona 'pria'" in result.stdout and "docs/journeys/setup.yml:" in result.stdout
    assert validate.stdout.splitlines()[-1] in result.stdout.splitlines()  # the same summary
    # The rest of the portfolio is written, as the build writes it; the broken map is left out.
    assert (tmp_path / "pages/docs/journeys/setup-future/index.md").is_file()
    assert not (tmp_path / "pages/docs/journeys/setup/index.md").exists()


@pytest.mark.parametrize("where", ["docs", "docs/inside", ".", "taken"])
def test_a_folder_that_is_not_its_own_is_refused(tmp_path: Path, where: str) -> None:
    root = write_project(tmp_path / "site", small_portfolio())
    (root / "taken").mkdir()
    (root / "taken/important.txt").write_text("keep me")
    result = cli("build-pages", "--out", where, cwd=root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: " in result.stderr and ("build-pages did not write" in result.stderr or "would mix" in result.stderr)
    assert (root / "taken/important.txt").read_text() == "keep me" and (root / "mkdocs.yml").is_file()


def test_watch_writes_again_when_a_map_changes(tmp_path: Path) -> None:
    root = write_project(tmp_path / "site", small_portfolio())
    out = tmp_path / "pages"
    log = tmp_path / "watch.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH, "PYTHONUNBUFFERED": "1"}
    with log.open("w") as handle:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs_cjm", "build-pages", "--out", str(out), "--watch"],
            cwd=root,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    try:
        assert wait_for(lambda: "Watching" in log.read_text(), 60), log.read_text()
        source = root / "docs/journeys/setup.yml"
        source.write_text(
            source.read_text(encoding="utf-8").replace("Setting up the till", "Setting up the watched till")
        )
        page = out / "docs/journeys/setup/index.md"
        assert wait_for(lambda: "Setting up the watched till" in page.read_text(encoding="utf-8"), 60), log.read_text()
        assert wait_for(lambda: log.read_text().count("files written") >= 2, 60), log.read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "Traceback" not in log.read_text()


def test_the_changes_section_comes_from_git_as_under_the_plugin(tmp_path: Path) -> None:
    root = write_project(tmp_path / "site", small_portfolio())
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Rosa",
        "GIT_AUTHOR_EMAIL": "rosa@example.com",
        "GIT_COMMITTER_NAME": "Rosa",
        "GIT_COMMITTER_EMAIL": "rosa@example.com",
        "GIT_AUTHOR_DATE": "2026-11-20T10:00:00",
        "GIT_COMMITTER_DATE": "2026-11-20T10:00:00",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Map the till set-up <b>first</b>"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)
    build_pages(root, tmp_path / "pages")
    page = (tmp_path / "pages/docs/journeys/setup/index.md").read_text(encoding="utf-8")
    assert 'id="changes"' in page and "Map the till set-up &lt;b&gt;first&lt;/b&gt;" in page and "Rosa" in page
    assert "rosa@example.com" not in page
