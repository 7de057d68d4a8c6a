"""Each map's history: the commits that touched its file, and what each changed in map terms.

:class:`HistoryCache` reads the whole docs folder's history in a bounded number of git processes
(:mod:`.git`) and keeps it across ``mkdocs serve`` rebuilds: the log is read again only when the
repository's HEAD moves, and a version of a map (a blob, which never changes) is read and parsed
once. :meth:`History.of` then gives one map's :class:`MapHistory`, what its page shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..models import JourneyMap, LaneDef
from ..options import HISTORY_LIMIT
from ..validation.files import map_version
from .describe import DiffLine, describe
from .diff import MapDiff, Version, diff_versions
from .git import NO_BLOB, Change, Commit, Runner, Unavailable, read_blobs, read_log, repo_state, run_git

LINES_SHOWN = 25
"""The most change lines a page shows for one commit (or since the review); the rest are counted."""


def _shown(diff: MapDiff) -> tuple[DiffLine, ...]:
    lines = describe(diff)
    if len(lines) <= LINES_SHOWN:
        return tuple(lines)
    more = len(lines) - LINES_SHOWN + 1
    return (
        *lines[: LINES_SHOWN - 1],
        DiffLine("changed", f"… and {more} more changes (mkdocs-cjm diff lists them all)"),
    )


def commit_url(repo_url: str | None, sha: str) -> str | None:
    """The page of a commit on the repository's host: ``{repo_url}/commit/{sha}`` (GitHub,
    Gitea, Forgejo), ``/-/commit/`` on GitLab, ``/commits/`` on Bitbucket; None without an
    ``http(s)`` ``repo_url``."""
    if not repo_url or not repo_url.startswith(("https://", "http://")):
        return None
    base = repo_url.rstrip("/").removesuffix(".git")
    host = base.split("/")[2].lower()
    path = "/-/commit/" if "gitlab" in host else "/commits/" if "bitbucket" in host else "/commit/"
    return f"{base}{path}{sha}"


@dataclass(frozen=True)
class HistoryEntry:
    """One commit that changed a map's file."""

    sha: str
    date: date
    author: str
    subject: str
    url: str | None
    kind: str
    """``added`` (the file's first commit), ``renamed`` (from ``old_path``) or ``changed``."""
    old_path: str = ""
    lines: tuple[DiffLine, ...] = ()
    """What the commit changed in the map, against the version before it."""
    unreadable: bool = False
    """One of the two versions is not a map that loads: no comparison."""

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True)
class ReviewChanges:
    """The map as it is against the version of its last review."""

    reviewed: date
    at: HistoryEntry | None
    """The last commit on or before the review date (None: the file's history starts later)."""
    lines: tuple[DiffLine, ...] = ()
    unreadable: bool = False
    same: bool = False
    """Nothing changed since the review."""


@dataclass(frozen=True)
class MapHistory:
    """What a journey page's Changes section shows."""

    unavailable: str = ""
    """Why there is no history (one sentence), or ''."""
    entries: tuple[HistoryEntry, ...] = ()
    """The most recent commits, newest first (at most the ``history_limit`` option)."""
    earlier: int = 0
    """How many older commits are not listed."""
    uncommitted: bool = False
    """The file has changes not committed yet: the page shows them."""
    review: ReviewChanges | None = None


@dataclass
class History:
    """The history of one build's maps (see :class:`HistoryCache`)."""

    unavailable: str = ""
    files: Mapping[str, list[tuple[Commit, Change]]] = field(default_factory=dict)
    dirty: frozenset[str] = frozenset()
    versions: Mapping[str, Version | None] = field(default_factory=dict)
    """The models of the versions read, by :func:`version_key` (None: the version does not load)."""
    compare: Callable[[str, str], MapDiff | None] = lambda old, new: None
    """The diff of two versions, by :func:`version_key` (None: one of them does not load)."""
    limit: int = HISTORY_LIMIT
    repo_url: str | None = None
    site_lanes: Mapping[str, LaneDef] = field(default_factory=dict)
    _made: dict[str, MapHistory] = field(default_factory=dict)

    def of(self, path: str, current: JourneyMap, body: str = "") -> MapHistory:
        """The history of the map file at ``path`` (docs-relative), whose model is ``current``
        and Markdown body ``body``."""
        if self.unavailable:
            return MapHistory(self.unavailable)
        if path not in self._made:
            self._made[path] = self._make(path, (current, body))
        return self._made[path]

    def _make(self, path: str, current: Version) -> MapHistory:
        commits = self.files.get(path, [])
        if not commits:
            return MapHistory("History is not available: this file is not committed to git yet.")
        entries = tuple(self._entry(c, change) for c, change in commits[: self.limit])
        return MapHistory(
            entries=entries,
            earlier=max(0, len(commits) - self.limit),
            uncommitted=path in self.dirty,
            review=self._review(commits, current),
        )

    def _entry(self, commit: Commit, change: Change) -> HistoryEntry:
        kind = "added" if change.old_blob == NO_BLOB else "renamed" if change.status == "R" else "changed"
        old, new = version_key(change.old_blob, change.old_path), version_key(change.new_blob, change.path)
        diff = None if kind == "added" else self.compare(old, new)
        return HistoryEntry(
            commit.sha,
            date.fromisoformat(commit.date),
            commit.author,
            commit.subject,
            commit_url(self.repo_url, commit.sha),
            kind,
            change.old_path if kind == "renamed" else "",
            _shown(diff) if diff is not None else (),
            unreadable=kind != "added" and diff is None,
        )

    def _review(self, commits: list[tuple[Commit, Change]], current: Version) -> ReviewChanges | None:
        reviewed = current[0].reviewed
        if reviewed is None:
            return None
        at = at_review(commits, reviewed)
        if at is None:
            return ReviewChanges(reviewed, None)
        old = self.versions.get(version_key(at[1].new_blob, at[1].path))
        entry = self._entry(*at)
        if old is None:
            return ReviewChanges(reviewed, entry, unreadable=True)
        diff = diff_versions(old, current, self.site_lanes)
        return ReviewChanges(reviewed, entry, _shown(diff) if not diff.empty else (), same=diff.empty)


def version_key(blob: str, path: str) -> str:
    """What a version is cached under: its blob, which never changes, and whether it is read as
    Markdown with front matter (the same bytes may be a ``.yml`` and a ``.md`` file)."""
    return f"{blob}.md" if path.lower().endswith((".md", ".markdown")) else blob


def at_review(commits: list[tuple[Commit, Change]], reviewed: date | None) -> tuple[Commit, Change] | None:
    """The last commit (of a file's, newest first) on or before the ``reviewed`` date."""
    if reviewed is None:
        return None
    return next(((c, ch) for c, ch in commits if c.date <= reviewed.isoformat()), None)


def file_commits(commits: Iterable[Commit], paths: Iterable[str]) -> dict[str, list[tuple[Commit, Change]]]:
    """The commits (newest first) that changed each file of ``paths``, following renames back."""
    found: dict[str, list[tuple[Commit, Change]]] = {p: [] for p in paths}
    tracked = {p: p for p in found}  # the file's name at this point of history -> its name now
    for commit in commits:
        renamed = {}
        for change in commit.changes:
            now = tracked.get(change.path)
            if now is None:
                continue
            if change.status == "D":  # a file of the same name, deleted before this one was added
                del tracked[change.path]
                continue
            found[now].append((commit, change))
            if change.status in "AR":
                del tracked[change.path]
            if change.status == "R":
                renamed[change.old_path] = now
        tracked.update(renamed)
    return found


class HistoryCache:
    """The docs folder's history, kept between builds of the same site (on the plugin)."""

    def __init__(self, run: Runner = run_git) -> None:
        self.run = run
        self._key: tuple[str, ...] = ()
        self._log: list[Commit] | Unavailable = []
        self._lanes: str = ""
        self._site_lanes: dict[str, LaneDef] = {}
        self._versions: dict[str, Version | None] = {}
        self._diffs: dict[tuple[str, str], MapDiff | None] = {}
        self._said = ""

    def news(self, history: History) -> bool:
        """Whether ``history`` is unavailable for a reason not given before (to log it once)."""
        said, self._said = self._said, history.unavailable
        return bool(history.unavailable) and history.unavailable != said

    def load(
        self,
        docs: Path,
        maps: Mapping[str, date | None],
        *,
        site_lanes: Mapping[str, LaneDef] | None = None,
        limit: int = HISTORY_LIMIT,
        repo_url: str | None = None,
    ) -> History:
        """The history of the map files ``maps`` (paths relative to ``docs``, each with the date of
        its last review)."""
        lanes = dict(site_lanes or {})
        state = repo_state(docs, self.run)
        if isinstance(state, Unavailable):
            return History(state.reason)
        key = (state.head, state.prefix, str(docs.resolve()))
        if key != self._key:
            self._key, self._log = key, read_log(docs, self.run)
        if isinstance(self._log, Unavailable):
            return History(self._log.reason)
        stamp = repr(sorted((k, v.model_dump_json()) for k, v in lanes.items()))
        if stamp != self._lanes:
            self._lanes, self._site_lanes, self._versions, self._diffs = stamp, lanes, {}, {}
        files = file_commits(self._log, sorted(maps))
        self._read_versions(docs, files, maps, limit)
        return History(
            files=files,
            dirty=state.dirty,
            versions=self._versions,
            compare=self._compare,
            limit=limit,
            repo_url=repo_url,
            site_lanes=lanes,
        )

    def _read_versions(
        self,
        docs: Path,
        files: Mapping[str, list[tuple[Commit, Change]]],
        maps: Mapping[str, date | None],
        limit: int,
    ) -> None:
        """Read (in one git process) and parse the versions the pages compare that are not read yet."""
        wanted: dict[str, tuple[str, str]] = {}  # version key -> its blob, and the file's path then
        for path, commits in files.items():
            shown = [(c.new_blob, c.path) for _, c in commits[:limit]]
            shown += [(c.old_blob, c.old_path) for _, c in commits[:limit] if c.old_blob != NO_BLOB]
            review = at_review(commits, maps.get(path))  # the version of the last review
            if review is not None:
                shown.append((review[1].new_blob, review[1].path))
            wanted.update((version_key(blob, p), (blob, p)) for blob, p in shown)
        missing = [key for key in wanted if key not in self._versions]
        contents = read_blobs(docs, {wanted[key][0] for key in missing}, self.run) if missing else {}
        for key in missing:
            blob, path = wanted[key]
            raw = contents.get(blob)
            self._versions[key] = None if raw is None else map_version(raw, path, self._site_lanes)
        for key in [k for k in self._versions if k not in wanted]:
            del self._versions[key]
        for pair in [p for p in self._diffs if p[0] not in wanted or p[1] not in wanted]:
            del self._diffs[pair]

    def _compare(self, old: str, new: str) -> MapDiff | None:
        if (old, new) not in self._diffs:
            before, after = self._versions.get(old), self._versions.get(new)
            diff = None if before is None or after is None else diff_versions(before, after, self._site_lanes)
            self._diffs[(old, new)] = diff
        return self._diffs[(old, new)]
