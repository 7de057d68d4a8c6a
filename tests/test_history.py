"""The Changes section of journey pages, from git, and ``mkdocs-cjm diff``.

A temporary repository gets several commits with fixed authors and dates: a map is added, edited
(steps, items, emotion), has a stage renamed and an opportunity's status changed, is broken and
mended, and another map is renamed. Real MkDocs builds of it, of a shallow clone and of a copy
without git are read back from their HTML.
"""
# Lookups in built pages (BeautifulSoup) may give None: a missing element fails the test where
# it is looked up, which is what these tests are for.
# mypy: disable-error-code="union-attr,index"

from __future__ import annotations

import json
import os
import shutil
import subprocess
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner

from conftest import CURRENT, REPO, Site, build_project, small_portfolio, write_project
from mkdocs_cjm.cli import main
from mkdocs_cjm.core.history import HistoryCache, commit_url, run_git
from mkdocs_cjm.core.history.git import NOT_A_REPOSITORY, parse_log
from mkdocs_cjm.core.models import JourneyMap

REPO_URL = "https://github.com/acme/journeys"
AUTHORS = {"ana": ("Ana Lima", "ana@example.com"), "ben": ("Ben Ode", "ben@example.com")}


def git(root: Path, *args: str, when: str = "2026-01-01", who: str = "ana") -> str:
    name, email = AUTHORS[who]
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": f"{when}T10:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{when}T10:00:00+00:00",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def commit(root: Path, message: str, when: str, who: str = "ana") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=when, who=who)


def write(root: Path, rel: str, text: str) -> None:
    (root / "docs" / rel).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def edit(root: Path, rel: str, *pairs: tuple[str, str]) -> None:
    path = root / "docs" / rel
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


SETUP = "journeys/setup.yml"


def make_repo(root: Path, repo_url: str | None = None, **options: object) -> Path:
    """A site's repository with six commits touching its maps (see the module's docstring)."""
    write_project(root, small_portfolio(), **options)
    if repo_url:
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        (root / "mkdocs.yml").write_text(yaml.safe_dump({**config, "repo_url": repo_url}), encoding="utf-8")
    edit(root, SETUP, ("reviewed: 2026-10-01", "reviewed: 2026-03-01"))
    git(root, "init", "-q", "-b", "main")
    commit(root, "Add the set-up journey and its future state", "2026-01-10")
    edit(
        root,
        SETUP,
        ("        emotion: -1\n", "        emotion: -1\n      - title: Calls the helpline\n"),
        ("interactions: [Box, Leaflet]", "interactions: [Box]"),
        ("    emotion: -2\n", "    emotion: -1\n"),
    )
    commit(root, "Set-up: the helpline call from the March interviews", "2026-02-05", "ben")
    edit(
        root,
        SETUP,
        ("  - name: First sale\n", "  - name: First payment\n    id: first-sale\n"),
        ("        status: idea\n", "        status: planned\n"),
    )
    commit(root, "Set-up: rename the last stage; the pairing wizard is planned", "2026-03-01")
    edit(
        root,
        SETUP,
        ("    positives: [The receipt prints instantly]\n", RESTOCK),
    )
    git(root, "mv", "docs/journeys/setup-future.yml", "docs/journeys/setup-next.yml")
    commit(root, "Add the restocking stage; the future state is setup-next", "2026-04-02", "ben")
    edit(root, SETUP, ("stages:\n", "stages: [oops\n"))
    commit(root, "Work in progress <b>bold</b>", "2026-05-01")
    edit(root, SETUP, ("stages: [oops\n", "stages:\n"))
    commit(root, "Mend the set-up map", "2026-05-02")
    return root


RESTOCK = """\
    positives: [The receipt prints instantly]
  - name: Reorder paper rolls
    emotion: 0
    steps: [Orders rolls in the app]
    opportunities:
      - id: auto-reorder
        title: Reorder paper rolls automatically
        status: idea
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("history-repo"), repo_url=REPO_URL)


def build(root: Path) -> Site:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_dir"] = str(root / "site")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    site = Site(root, root / "site")
    site.warnings, site.error = build_project(root, strict=True)
    assert site.error is None, site.warnings
    assert site.warnings == []
    return site


def changes(site: Site, url: str = "journeys/setup/") -> Tag:
    section = site.html(url).find("section", class_="cjm-history")
    assert section is not None
    return section


def commits_of(section: Tag) -> list[dict[str, Any]]:
    found = []
    for li in section.select("ol.cjm-history__commits > li"):
        link = li.select_one("a.cjm-history__sha")
        found.append(
            {
                "date": li.select_one("time")["datetime"],
                "meta": li.select_one(".cjm-history__meta").get_text(" ", strip=True),
                "subject": li.select_one(".cjm-history__subject").get_text(),
                "url": link["href"] if link else None,
                "lines": [x.get_text() for x in li.select("ul.cjm-history__diff > li")],
                "what": " ".join(x.get_text() for x in li.select(".cjm-history__what")),
            }
        )
    return found


@pytest.fixture(scope="module")
def site(repo: Path) -> Site:
    return build(repo)


def test_the_changes_section_lists_each_commit_newest_first_with_date_author_message_and_link(
    site: Site, repo: Path
) -> None:
    section = changes(site)
    assert section.find("h2", id="changes").get_text() == "Changes"
    found = commits_of(section)
    assert [c["date"] for c in found] == [
        "2026-05-02",
        "2026-05-01",
        "2026-04-02",
        "2026-03-01",
        "2026-02-05",
        "2026-01-10",
    ]
    shas = git(repo, "log", "--format=%H", "--", "docs/journeys/setup.yml").split()
    assert [c["url"] for c in found] == [f"{REPO_URL}/commit/{sha}" for sha in shas]
    assert "Ben Ode" in found[2]["meta"] and "Ana Lima" in found[0]["meta"]
    assert found[1]["subject"] == "Work in progress <b>bold</b>"  # escaped, shown as written
    assert section.find("b") is None
    html = site.text("journeys/setup/")
    assert "@example.com" not in html  # names only, never addresses
    assert found[-1]["what"] == "The map was added." and found[-1]["lines"] == []
    # The page's outline has the section.
    assert site.html("journeys/setup/").select_one('.cjm-bar a[href="#changes"]') is not None


def test_each_commit_says_what_it_changed_in_map_terms(site: Site) -> None:
    by_date = {c["date"]: c for c in commits_of(changes(site))}
    assert by_date["2026-02-05"]["lines"] == [
        "Steps in Discover: added “Calls the helpline”",
        "Interactions & touchpoints in Discover: removed “Leaflet”",
        "Emotion in Pair the reader: −2 → −1 (+1)",
    ]
    assert by_date["2026-03-01"]["lines"] == [
        "Stage renamed: First sale → First payment",
        "Opportunity pairing-wizard (A pairing wizard that explains each light): Idea → Planned",
    ]
    assert by_date["2026-04-02"]["lines"] == [
        "Stage added: Reorder paper rolls",
        "Opportunity added: auto-reorder (Reorder paper rolls automatically)",
    ]
    # A version that does not load is said so, on both commits that compare with it.
    for when in ("2026-05-01", "2026-05-02"):
        assert "could not be read as a map" in by_date[when]["what"]
        assert by_date[when]["lines"] == []


def test_since_the_last_review_compares_the_map_with_the_version_of_its_review_date(site: Site) -> None:
    section = changes(site)
    intro = section.find("h3", string="Since the last review").find_next("p")
    assert intro.find("time")["datetime"] == "2026-03-01"
    assert "2026-03-01" in intro.select("time")[1]["datetime"]  # the commit of that day
    lines = [li.get_text() for li in intro.find_next("ul").find_all("li")]
    assert lines == [
        "Stage added: Reorder paper rolls",
        "Opportunity added: auto-reorder (Reorder paper rolls automatically)",
    ]


def test_a_renamed_map_keeps_its_history(site: Site) -> None:
    found = commits_of(changes(site, "journeys/setup-next/"))
    assert [c["date"] for c in found] == ["2026-04-02", "2026-01-10"]
    assert found[0]["what"] == "Renamed from journeys/setup-future.yml."
    assert found[0]["lines"] == ["Only formatting or comments changed"]


def test_history_limit_lists_the_most_recent_commits_and_counts_the_rest(tmp_path: Path) -> None:
    root = make_repo(tmp_path, history_limit=2)
    section = changes(build(root))
    assert [c["date"] for c in commits_of(section)] == ["2026-05-02", "2026-05-01"]
    assert section.select_one(".cjm-history__earlier").get_text() == "4 earlier changes not listed."
    assert all(c["url"] is None for c in commits_of(section))  # no repo_url: no links, the short id


def test_uncommitted_edits_are_said_and_compared_with_the_review(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    edit(root, SETUP, ("    emotion: 0\n", "    emotion: -2\n"))
    section = changes(build(root))
    assert "not committed to git yet" in section.select_one(".cjm-history__note").get_text()
    review = [li.get_text() for li in section.find("h3").find_next("ul").find_all("li")]
    assert review == [
        "Stage added: Reorder paper rolls",
        "Opportunity added: auto-reorder (Reorder paper rolls automatically)",
    ]
    edit(root, SETUP, ("reviewed: 2026-03-01", "reviewed: 2026-04-02"))
    review = [li.get_text() for li in changes(build(root)).find("h3").find_next("ul").find_all("li")]
    assert review == ["Emotion in Reorder paper rolls: 0 → −2 (−2)", "Map details changed: reviewed"]


def test_a_shallow_clone_says_the_history_is_missing_and_builds(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    section = changes(build(clone))
    assert section.find("p").get_text() == (
        "History is not available: this copy of the repository has no history (a shallow clone); "
        "fetch the full history (in CI, a checkout with fetch-depth: 0) to show it."
    )
    assert section.find("ol") is None


def test_a_copy_without_git_says_so_and_builds(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".git", "site"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above it either
    section = changes(build(copy))
    assert section.find("p").get_text() == NOT_A_REPOSITORY.reason


def test_a_map_not_committed_yet_says_so(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    write(root, "journeys/draft-idea.yml", NEW_MAP)
    site = build(root)
    assert changes(site, "journeys/draft-idea/").find("p").get_text() == (
        "History is not available: this file is not committed to git yet."
    )


NEW_MAP = """
    title: A new idea
    type: current-state
    personas: [priya]
    scenario: Priya tries the new stock report.
    owner: cx
    status: draft
    stages:
      - name: Opens the report
        steps: [Taps Reports]
"""


def test_the_history_option_off_leaves_the_section_out(tmp_path: Path) -> None:
    root = make_repo(tmp_path, history=False)
    page = build(root).html("journeys/setup/")
    assert page.find("section", class_="cjm-history") is None and page.find(id="changes") is None


def test_two_clones_of_the_same_repository_build_the_same_bytes(repo: Path, tmp_path: Path) -> None:
    pages = []
    for name in ("one", "elsewhere/two"):
        clone = tmp_path / name
        git(tmp_path, "clone", "-q", f"file://{repo}", str(clone))
        pages.append(build(clone).text("journeys/setup/"))
    assert pages[0] == pages[1]
    assert pages[0].count('class="cjm-history__commit"') == 6


class Counting:
    """A git runner that counts the processes it starts."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, args: Sequence[str], cwd: Path, stdin: bytes | None) -> tuple[int, bytes]:
        self.calls.append(next(a for a in args if not a.startswith("-") and "=" not in a))
        return run_git(args, cwd, stdin)


def _repo_with_maps(root: Path, count: int) -> dict[str, object]:
    files = {f"journeys/map-{i}.yml": CURRENT for i in range(count)}
    write_project(root, {**small_portfolio(), **files})
    git(root, "init", "-q")
    commit(root, "Add the maps", "2026-01-10")
    for i in range(count):
        edit(root, f"journeys/map-{i}.yml", ("interactions: [Box, Leaflet]", "interactions: [Box]"))
    commit(root, "Edit every map", "2026-02-10")
    return {f"journeys/map-{i}.yml": None for i in range(count)}


@pytest.mark.parametrize("count", [2, 40])
def test_git_runs_a_bounded_number_of_times_whatever_the_number_of_maps(tmp_path: Path, count: int) -> None:
    maps = _repo_with_maps(tmp_path, count)
    runner = Counting()
    cache = HistoryCache(runner)
    history = cache.load(tmp_path / "docs", maps)  # type: ignore[arg-type]
    assert runner.calls == ["rev-parse", "status", "log", "cat-file"]
    first = history.of("journeys/map-0.yml", _model(tmp_path, "journeys/map-0.yml"))
    assert first.entries[0].lines[0].text == "Interactions & touchpoints in Discover: removed “Leaflet”"
    # A rebuild at the same commit reads neither the log nor a version again.
    runner.calls.clear()
    cache.load(tmp_path / "docs", maps)  # type: ignore[arg-type]
    assert runner.calls == ["rev-parse", "status"]
    # A new commit: the log once more, and only the versions not read yet.
    edit(tmp_path, "journeys/map-0.yml", ("interactions: [Box]", "interactions: [Box, Shop]"))
    commit(tmp_path, "One more", "2026-03-10")
    runner.calls.clear()
    cache.load(tmp_path / "docs", maps)  # type: ignore[arg-type]
    assert runner.calls == ["rev-parse", "status", "log", "cat-file"]


def _model(root: Path, rel: str) -> JourneyMap:
    from mkdocs_cjm.core.validation.files import map_version

    version = map_version((root / "docs" / rel).read_bytes(), rel, {})
    assert version is not None
    return version[0]


def test_without_git_the_history_is_unavailable_in_one_sentence(tmp_path: Path) -> None:
    runner_calls: list[Sequence[str]] = []

    def missing_git(args: Sequence[str], cwd: Path, stdin: bytes | None) -> tuple[int, bytes]:
        runner_calls.append(args)
        return 127, b""

    history = HistoryCache(missing_git).load(tmp_path, {SETUP: None})
    assert history.unavailable == NOT_A_REPOSITORY.reason and len(runner_calls) == 1


def test_commit_links_follow_the_host() -> None:
    sha = "a" * 40
    assert commit_url("https://github.com/acme/maps/", sha) == f"https://github.com/acme/maps/commit/{sha}"
    assert commit_url("https://gitlab.com/acme/maps.git", sha) == f"https://gitlab.com/acme/maps/-/commit/{sha}"
    assert commit_url("https://bitbucket.org/acme/maps", sha) == f"https://bitbucket.org/acme/maps/commits/{sha}"
    assert commit_url(None, sha) is None and commit_url("git@github.com:acme/maps", sha) is None


def test_a_log_that_is_not_what_git_writes_is_read_without_failing() -> None:
    assert parse_log("") == []
    assert parse_log("\x1enot a commit\x00\n:100644 100644 x") == []
    assert parse_log("\x1e" + "b" * 40 + "\x1f2026-13-45T00:00:00Z\x1fAna\x1fHi\x00") == []
    good = "\x1e" + "b" * 40 + "\x1f2026-01-02T03:04:05+01:00\x1fAna\x1fHi\x00\n:000000 100644 " + "0" * 40
    found = parse_log(good + " " + "c" * 40 + " A\x00a.yml\x00:broken\x00")
    assert [(c.date, c.author, [ch.path for ch in c.changes]) for c in found] == [("2026-01-02", "Ana", ["a.yml"])]


# -- mkdocs-cjm diff ----------------------------------------------------------------------------


def diff(repo: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["diff", *args, "-p", str(repo / "mkdocs.yml")], catch_exceptions=False)
    return result.exit_code, result.output


def test_diff_compares_the_working_file_with_a_revision(repo: Path) -> None:
    code, out = diff(repo, "setup", "HEAD~4")
    assert code == 0
    assert out.splitlines()[1:] == [
        "  ~ Stage renamed: First sale → First payment",
        "  + Stage added: Reorder paper rolls",
        "  + Opportunity added: auto-reorder (Reorder paper rolls automatically)",
        "  ~ Opportunity pairing-wizard (A pairing wizard that explains each light): Idea → Planned",
    ]
    assert out.splitlines()[0].endswith(f"against HEAD~4 ({git(repo, 'rev-parse', '--short=7', 'HEAD~4').strip()}):")
    code, out = diff(repo, str(repo / "docs" / SETUP))
    assert (code, out.split(": ", 1)[1]) == (0, "no changes.\n")
    code, out = diff(repo, "setup", "HEAD~3", "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["changes"] == [
        {"kind": "added", "text": "Stage added: Reorder paper rolls"},
        {"kind": "added", "text": "Opportunity added: auto-reorder (Reorder paper rolls automatically)"},
    ]
    code, out = diff(repo, "setup-next", "HEAD~4")
    assert code == 0 and "the file is not at HEAD~4" in out


def test_diff_mistakes_are_messages_with_exit_codes(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = diff(repo, "setup", "no-such-branch")
    assert (code, out) == (
        2,
        "error: git knows no revision 'no-such-branch' — give a commit, branch or tag, e.g. HEAD or origin/main\n",
    )
    code, out = diff(repo, "setpu")
    assert code == 1 and out.startswith("error: there is no map 'setpu' — did you mean 'setup")
    code, out = diff(repo, "setup", "HEAD~1")  # the broken version
    assert code == 1 and "is not a map that loads" in out
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".git", "site"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, out = diff(copy, "setup")
    assert code == 1 and out.startswith("error: cannot compare: the site was built from files that are not in a git")


# -- The example site ---------------------------------------------------------------------------


def _full_checkout() -> bool:
    if not (REPO / ".git").exists():
        return False
    done = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=REPO, capture_output=True, text=True)
    return done.returncode == 0 and done.stdout.strip() == "false"


@pytest.mark.skipif(not _full_checkout(), reason="the plugin's own repository is not a full git checkout here")
def test_the_example_builds_strict_from_a_fresh_clone_with_its_history(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{REPO}", str(clone))
    site = build(clone)
    found = commits_of(changes(site, "journeys/first-week-setup/"))
    assert found and all(
        str(c["url"]).startswith("https://github.com/example/tillwise-journeys/commit/") for c in found
    )
    assert found[-1]["what"] == "The map was added."


def test_a_commit_that_changes_much_shows_a_bounded_number_of_lines(tmp_path: Path) -> None:
    from mkdocs_cjm.core.history.history import LINES_SHOWN

    root = make_repo(tmp_path)
    many = "".join(f"      - Reason {i} to call the helpline\n" for i in range(40))
    edit(root, SETUP, ('    thoughts: ["Where do I start?"]\n', f"    thoughts:\n{many}"))
    commit(root, "Forty thoughts from the diary study", "2026-06-01")
    newest = commits_of(changes(build(root)))[0]
    assert len(newest["lines"]) == LINES_SHOWN
    assert newest["lines"][-1] == "… and 17 more changes (mkdocs-cjm diff lists them all)"
    code, out = diff(root, "setup", "HEAD~1")
    assert code == 0 and len(out.splitlines()) == 1 + 41  # the command lists every change


def test_serve_rebuilds_read_the_log_again_only_when_head_moves(tmp_path: Path) -> None:
    from test_rebuild import Session

    root = make_repo(tmp_path)
    session = Session(root)
    runner = Counting()
    plugin: Any = session.config.plugins["cjm"]
    # The session's plugin instance, kept across its rebuilds (MkDocs may hand this process's
    # earlier instance back), starts with an empty history cache that counts its git processes.
    plugin._history = HistoryCache(runner)
    try:
        session.build()
        assert runner.calls == ["rev-parse", "status", "log", "cat-file"]
        page = BeautifulSoup(session.text("journeys/setup"), "html.parser")
        assert page.select_one(".cjm-history__note") is None
        # An edit saved, not committed: the page says so; git answers two questions only.
        runner.calls.clear()
        edit(root, SETUP, ("    emotion: 0\n", "    emotion: 2\n"))
        session.build()
        assert runner.calls == ["rev-parse", "status"]
        page = BeautifulSoup(session.text("journeys/setup"), "html.parser")
        assert page.select_one(".cjm-history__note") is not None
        # Committed: the log is read again, and the new commit is listed first.
        runner.calls.clear()
        commit(root, "Restocking is a pleasure now", "2026-06-01")
        session.build()
        assert runner.calls == ["rev-parse", "status", "log", "cat-file"]
        page = BeautifulSoup(session.text("journeys/setup"), "html.parser")
        assert page.select_one(".cjm-history__note") is None
        assert page.select_one(".cjm-history__subject").get_text() == "Restocking is a pleasure now"
        assert page.select_one("ol .cjm-history__diff li").get_text() == "Emotion in Reorder paper rolls: 0 → +2 (+2)"
    finally:
        session.close()


def test_a_markdown_map_is_compared_by_its_front_matter(tmp_path: Path) -> None:
    from mkdocs_cjm.core.history.history import version_key

    root = make_repo(tmp_path)
    write(root, "journeys/notes.md", "---\n" + textwrap.dedent(NEW_MAP).lstrip() + "---\nWhat we heard.\n")
    commit(root, "Notes from the shop visit", "2026-06-01")
    edit(root, "journeys/notes.md", ("steps: [Taps Reports]", "steps: [Taps Reports, Scrolls to stock]"))
    edit(root, "journeys/notes.md", ("What we heard.", "What we heard in May."))
    commit(root, "A second step", "2026-06-02")
    found = commits_of(changes(build(root), "journeys/notes/"))
    assert found[0]["lines"] == [
        "Steps in Opens the report: added “Scrolls to stock”",
        "The text about the map (below its front matter) changed",
    ]
    # The same bytes read as YAML and as Markdown are two versions.
    assert version_key("a" * 40, "x.md") != version_key("a" * 40, "x.yml")
