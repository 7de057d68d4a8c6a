"""Reading a portfolio's history from git, in a bounded number of ``git`` processes.

Whatever the number of maps: one ``git rev-parse`` (is this a repository, a shallow clone, which
commit), one ``git status`` (which files have uncommitted changes), one ``git log`` over the whole
docs folder (every commit that touched a file of it, with the blob of each file before and after),
and one ``git cat-file --batch`` for the contents of the versions the pages compare.

``git`` is run through a :data:`Runner`, so a caller (a test) can count or replace the processes.
Nothing here raises for a missing git, a folder outside any repository or an odd repository: the
answer is then :class:`Unavailable`, with a sentence saying why.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..reading.documents import MAX_FILE_BYTES

Runner = Callable[[Sequence[str], Path, bytes | None], tuple[int, bytes]]
"""Runs ``git`` with these arguments in this folder (with this input): its exit code and output."""

NO_BLOB = "0" * 40
_TIMEOUT = 300


def run_git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> tuple[int, bytes]:
    """The default :data:`Runner`: ``git`` itself, never prompting, in the C locale. A missing
    git, or one that does not answer in five minutes, is exit code 127."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, env=env, timeout=_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return 127, b""
    return done.returncode, done.stdout


@dataclass(frozen=True)
class Unavailable:
    """Why a folder's history cannot be read: one sentence for the page and the log."""

    reason: str


NOT_A_REPOSITORY = Unavailable(
    "History is not available: the site was built from files that are not in a git repository "
    "(or git is not installed)."
)
SHALLOW = Unavailable(
    "History is not available: this copy of the repository has no history (a shallow clone); "
    "fetch the full history (in CI, a checkout with fetch-depth: 0) to show it."
)
NO_COMMITS = Unavailable("History is not available: the repository has no commits yet.")
LOG_FAILED = Unavailable("History is not available: git could not read the repository's history.")


@dataclass(frozen=True)
class RepoState:
    """Where the docs folder is in its repository, at which commit, and what is uncommitted."""

    head: str
    prefix: str
    """The docs folder's path in the repository ('' at its top, else ending in '/')."""
    dirty: frozenset[str]
    """Files of the docs folder (relative to it) that differ from the last commit, or are new."""


def repo_state(folder: Path, run: Runner = run_git, *, shallow_ok: bool = False) -> RepoState | Unavailable:
    """The repository state of ``folder`` (two git processes). A shallow clone is
    :data:`SHALLOW` unless ``shallow_ok`` (its last commit is all there is)."""
    code, out = run(["rev-parse", "--is-shallow-repository", "--show-prefix", "HEAD"], folder, None)
    lines = out.decode("utf-8", "replace").splitlines()
    if code != 0 or len(lines) != 3:
        if code != 0 and lines[:1] in (["true"], ["false"]):
            return NO_COMMITS  # a repository (it answered the first question) without a HEAD
        return NOT_A_REPOSITORY
    shallow, prefix, head = lines
    if shallow == "true" and not shallow_ok:
        return SHALLOW
    code, out = run(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "."], folder, None)
    return RepoState(head, prefix, frozenset(_dirty(out, prefix)) if code == 0 else frozenset())


def _dirty(out: bytes, prefix: str) -> Iterable[str]:
    """The changed files of ``git status --porcelain -z`` (paths from the repository's top)
    under ``prefix``, relative to it."""
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    i = 0
    while i < len(fields):
        entry = fields[i]
        i += 1
        if len(entry) < 4:
            continue
        if "R" in entry[:2] or "C" in entry[:2]:
            i += 1  # the name it had: the next field
        path = entry[3:]
        if path.startswith(prefix):
            yield path[len(prefix) :]


@dataclass(frozen=True)
class Change:
    """A file as one commit changed it."""

    status: str
    """A (added), M (modified), R (renamed), T (type changed), D (deleted)."""
    path: str
    """Its path after the commit (relative to the docs folder)."""
    old_path: str
    old_blob: str
    new_blob: str


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str
    """The author date, as the author's clock gave it (YYYY-MM-DD)."""
    author: str
    """The author's name (never the address, which a published page should not show)."""
    subject: str
    changes: tuple[Change, ...] = field(default=(), repr=False)


_FORMAT = "%x1e%H%x1f%aI%x1f%aN%x1f%s"
LOG_ARGS = (
    "-c",
    "log.showSignature=false",
    "-c",
    "log.showRoot=true",
    "log",
    "--relative",
    "--raw",
    "--no-abbrev",
    "-M",
    "-z",
    "--no-color",
    "--no-decorate",
    f"--format={_FORMAT}",
    "--",
    ".",
)
"""One ``git log`` for the whole docs folder: each commit that touched it, newest first, with
the files it changed (paths relative to the folder; renames found) and their blobs."""


def read_log(folder: Path, run: Runner = run_git) -> list[Commit] | Unavailable:
    """Every commit that touched ``folder``, newest first (one git process)."""
    code, out = run(LOG_ARGS, folder, None)
    if code != 0:
        return LOG_FAILED
    return parse_log(out.decode("utf-8", "surrogateescape"))


def parse_log(text: str) -> list[Commit]:
    """The commits of :data:`LOG_ARGS`'s output; a record it cannot read is left out."""
    commits = []
    for record in text.split("\x1e")[1:]:
        header, _, raw = record.partition("\0")
        parts = header.split("\x1f", 3)
        if len(parts) != 4 or len(parts[0]) < 40:
            continue
        sha, when, author, subject = parts
        if not _is_date(when[:10]):
            continue
        commits.append(Commit(sha, when[:10], author.strip(), subject.strip(), tuple(_changes(raw))))
    return commits


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _changes(raw: str) -> Iterable[Change]:
    fields = raw.split("\0")
    i = 0
    while i < len(fields):
        meta = fields[i].strip()
        i += 1
        if not meta.startswith(":"):
            continue
        parts = meta[1:].split()
        if len(parts) < 5 or i >= len(fields):
            continue
        status, old_blob, new_blob = parts[4][:1], parts[2], parts[3]
        old = new = fields[i]
        i += 1
        if status in "RC" and i < len(fields):
            new = fields[i]
            i += 1
        yield Change(status, new, old, old_blob, new_blob)


def read_blobs(folder: Path, blobs: Iterable[str], run: Runner = run_git) -> dict[str, bytes]:
    """The contents of these blobs (one ``git cat-file --batch`` process), by the name asked
    for (a blob id, or ``<commit>:<path>``); a missing one, or one larger than a content file
    may be, is left out."""
    wanted = sorted(set(blobs) - {NO_BLOB})
    if not wanted or any("\n" in name for name in wanted):
        return {}
    code, out = run(["cat-file", "--batch"], folder, "".join(f"{b}\n" for b in wanted).encode())
    found: dict[str, bytes] = {}
    at = 0
    for name in wanted:  # git answers in the order asked
        end = out.find(b"\n", at) if code == 0 else -1
        if end < 0:
            break
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3 or not header[2].isdigit():
            continue  # "<name> missing" (or ambiguous)
        size = int(header[2])
        if header[1] == b"blob" and size <= MAX_FILE_BYTES:
            found[name] = out[at : at + size]
        at += size + 1
    return found
