"""A map file as it is against its version at a git revision (``mkdocs-cjm diff MAP [REV]``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..models import LaneDef
from ..validation.files import map_version
from .diff import MapDiff, Version, diff_versions
from .git import Runner, Unavailable, read_blobs, repo_state, run_git


@dataclass(frozen=True)
class RevisionDiff:
    """The map at ``path`` compared with its version at ``rev`` (the commit ``sha``)."""

    path: str
    rev: str
    sha: str
    diff: MapDiff | None
    """None when the file is not at that revision (a new map, or one renamed since)."""


class RevisionError(Exception):
    """Why the comparison cannot be made, as a sentence; ``usage``: a mistake in the command."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


def diff_revision(
    docs: Path,
    path: str,
    current: Version,
    rev: str = "HEAD",
    *,
    site_lanes: Mapping[str, LaneDef] | None = None,
    run: Runner = run_git,
) -> RevisionDiff:
    """``current`` (the map file at ``path``, relative to ``docs``: its model and body, as
    :func:`~mkdocs_cjm.core.validation.files.map_version` reads it) against its version at
    ``rev``. Raises :class:`RevisionError` outside a repository, for a revision git does not
    know, and for a version at ``rev`` that is not a map that loads."""
    state = repo_state(docs, run, shallow_ok=True)
    if isinstance(state, Unavailable):
        raise RevisionError(state.reason.replace("History is not available: ", "cannot compare: "))
    if rev.startswith("-") or not rev.strip():
        raise RevisionError(f"'{rev}' is not a revision (a commit, branch or tag, e.g. HEAD or origin/main)", True)
    code, out = run(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], docs, None)
    sha = out.decode("utf-8", "replace").strip()
    if code != 0 or not sha:
        raise RevisionError(
            f"git knows no revision '{rev}' — give a commit, branch or tag, e.g. HEAD or origin/main", True
        )
    spec = f"{sha}:{state.prefix}{path}"
    found = read_blobs(docs, [spec], run).get(spec)
    if found is None:
        return RevisionDiff(path, rev, sha, None)
    old = map_version(found, path, site_lanes or {})
    if old is None:
        raise RevisionError(
            f"the version of {path} at {rev} ({sha[:7]}) is not a map that loads, so it cannot be compared"
        )
    return RevisionDiff(path, rev, sha, diff_versions(old, current, site_lanes))
