"""Where the content files of a portfolio are, and which files count.

The rules for the file system, in one place:

- **Private names.** Under the portfolio folders (``personas_dir``, ``journeys_dir``), a file or
  folder whose name starts with ``_`` or ``.`` is ignored and never published (:func:`is_private`).
- **Safe names.** A content file whose path holds a character that is special in HTML, a control
  character or a bidirectional override is refused (:data:`UNSAFE_NAME`): its path is shown on
  pages and in edit links.
- **Symbolic links.** A link that leads to a file or folder inside the docs folder is read like
  the file or folder it points to (under its own name). Under the portfolio folders, a link that
  points outside the docs folder is refused; anywhere in the docs folder, a link that dangles, or
  leads back into a folder that contains it, is refused (:func:`walk`). A refused link is never
  read nor published.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem

CONTENT_SUFFIXES = (".yml", ".yaml", ".md", ".markdown")

UNSAFE_NAME = re.compile("[\"'<>&`\\\\\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters a content file's path may not hold: HTML's special characters, the backslash,
control characters and bidirectional overrides (which make a name read differently)."""


@dataclass(frozen=True)
class Layout:
    """Where the content files sit, relative to the portfolio root (the docs dir)."""

    personas_dir: str = "personas"
    journeys_dir: str = "journeys"
    owners_file: str = "owners.yml"
    evidence_file: str = "evidence.yml"

    def folders(self) -> tuple[str, ...]:
        """The portfolio folders, as ``/``-separated paths relative to the root."""
        return tuple(_clean(f) for f in (self.personas_dir, self.journeys_dir))


@dataclass(frozen=True)
class Found:
    """The content files of a portfolio: (absolute path, path relative to the root) pairs."""

    personas: list[tuple[Path, str]]
    maps: list[tuple[Path, str]]
    owners: Path | None
    """The owners file, when it exists."""
    problems: list[Problem] = field(default_factory=list)
    """Refused links and file names."""
    withheld: list[str] = field(default_factory=list)
    """Paths relative to the root (files, or folders with all they hold) that must never be
    published: refused links, and content files with refused names."""
    evidence: Path | None = None
    """The portfolio's evidence file (research sources), when it exists."""

    def paths(self) -> set[str]:
        """Every file found, as absolute paths."""
        found = {str(p) for p, _ in self.personas + self.maps}
        return found | {str(f) for f in (self.owners, self.evidence) if f}


@dataclass(frozen=True)
class Entry:
    """A file met by :func:`walk`, or a link it refused (``refused`` says why: ``broken`` for a
    link that dangles or leads to itself, ``outside`` or ``loop``)."""

    path: Path
    rel: str
    refused: str = ""
    message: str = ""
    hint: str = ""

    def problem(self) -> Problem:
        return Problem(self.rel, 1, 1, self.message, self.hint)


def _clean(folder: str) -> str:
    return "/".join(part for part in folder.replace("\\", "/").split("/") if part not in ("", "."))


def is_private(rel: str, layout: Layout) -> bool:
    """Whether ``rel`` (relative to the root) is under a portfolio folder and has a part whose
    name starts with ``_`` or ``.`` below it: such files are neither read nor published."""
    for folder in layout.folders():
        if folder and rel.startswith(folder + "/"):
            return any(part.startswith(("_", ".")) for part in rel[len(folder) + 1 :].split("/"))
    return False


def in_portfolio(rel: str, layout: Layout) -> bool:
    """Whether ``rel`` is a portfolio folder, the owners or evidence file, or under a portfolio folder."""
    files = (_clean(layout.owners_file), _clean(layout.evidence_file))
    return rel in files or any(rel == f or rel.startswith(f + "/") for f in layout.folders() if f)


def _refusal(path: Path, rel: str, real_root: str, chain: frozenset[str], outside_refused: bool) -> Entry | None:
    """The link ``path`` refused, or None when it may be followed."""
    target = os.readlink(path)
    try:
        real = os.path.realpath(path, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Entry(
                path,
                rel,
                "broken",
                f"the symbolic link leads back to itself (it points to '{target}')",
                "remove the link",
            )
        return Entry(
            path,
            rel,
            "broken",
            f"the symbolic link points to '{target}', which does not exist",
            "point the link at a file inside the docs folder, or remove it",
        )
    if outside_refused and real != real_root and not real.startswith(real_root + os.sep):
        return Entry(
            path,
            rel,
            "outside",
            f"the symbolic link points outside the docs folder (to '{target}')",
            "move what it points to into the docs folder (a link may point inside it), or remove the link",
        )
    if real in chain:
        return Entry(
            path,
            rel,
            "loop",
            f"the symbolic link points to '{target}', a folder that holds the link, so the folder never ends",
            "remove the link, or point it at a folder that does not hold it",
        )
    return None


def _scan(directory: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as entries:
            return sorted(entries, key=lambda e: e.name)
    except OSError:
        return []


def walk(root: Path, folder: str = "", *, skip_private: bool = False, outside_refused: bool = False) -> Iterator[Entry]:
    """Every file under ``root/folder`` (following the links that may be followed), and every
    link refused, in name order. ``folder`` itself may be a link, and a file."""
    real_root = os.path.realpath(root)
    folder = _clean(folder)
    # The folders above ``folder`` hold it: a link back to one of them is a loop too.
    above = [root.joinpath(*folder.split("/")[:depth]) for depth in range(folder.count("/") + 1)] if folder else []
    chain = frozenset(os.path.realpath(path) for path in above)
    yield from _walk_entry(root / folder if folder else root, folder, real_root, chain, skip_private, outside_refused)


def _walk_entry(
    path: Path, rel: str, real_root: str, chain: frozenset[str], skip_private: bool, outside_refused: bool
) -> Iterator[Entry]:
    # Every folder on the way down is in ``chain`` (by its real path): a link back to one of
    # them is a loop, which MkDocs would follow until the path is too long.
    if path.is_symlink():
        refused = _refusal(path, rel, real_root, chain, outside_refused)
        if refused is not None:
            yield refused
            return
    if path.is_dir():
        chain = chain | {os.path.realpath(path)}
        for entry in _scan(path):
            if skip_private and entry.name.startswith(("_", ".")):
                continue
            child = f"{rel}/{entry.name}" if rel else entry.name
            yield from _walk_entry(Path(entry.path), child, real_root, chain, skip_private, outside_refused)
    elif path.is_file():
        yield Entry(path, rel)


def _name_problem(rel: str) -> Problem | None:
    """A content file whose path (below the root) holds a character that cannot be published."""
    for part in rel.split("/"):
        bad = UNSAFE_NAME.search(part)
        if bad:
            what = "file" if part == rel.rsplit("/", 1)[-1] else "folder"
            return Problem(
                rel,
                1,
                1,
                f"the {what} name '{part}' holds {bad.group()!r}, which cannot be part of a published file's path",
                f"rename the {what} using letters, digits, hyphens, underscores, spaces and dots only",
            )
    return None


def _content(root: Path, folder: str, found: Found, into: list[tuple[Path, str]]) -> None:
    for entry in walk(root, folder, skip_private=True, outside_refused=True):
        if entry.refused:
            found.problems.append(entry.problem())
            found.withheld.append(entry.rel)
        elif entry.path.suffix.lower() in CONTENT_SUFFIXES:
            problem = _name_problem(entry.rel)
            if problem is not None:
                found.problems.append(problem)
                found.withheld.append(entry.rel)
            else:
                into.append((entry.path, entry.rel))


def discover(root: Path, folder: str) -> list[tuple[Path, str]]:
    """Content files under ``root/folder``: (absolute path, path relative to root), sorted.
    Private names, refused links and refused names are left out (:func:`find_content` says why)."""
    found = Found([], [], None)
    files: list[tuple[Path, str]] = []
    _content(root, folder, found, files)
    return files


def find_content(root: Path, layout: Layout) -> Found:
    """Every content file of the portfolio at ``root``, and the links and names refused."""
    found = Found([], [], None)
    _content(root, layout.personas_dir, found, found.personas)
    _content(root, layout.journeys_dir, found, found.maps)
    owners = _single_file(root, layout.owners_file, found)
    evidence = _single_file(root, layout.evidence_file, found)
    return Found(found.personas, found.maps, owners, found.problems, found.withheld, evidence)


def _single_file(root: Path, name: str, found: Found) -> Path | None:
    """The file ``name`` (the owners or the evidence file), unless it is missing or a refused link."""
    rel = _clean(name)
    entries = [e for e in walk(root, rel, outside_refused=True) if e.rel == rel] if rel else []
    for entry in entries:
        if entry.refused:
            found.problems.append(entry.problem())
            found.withheld.append(entry.rel)
    usable = [e.path for e in entries if not e.refused]
    return usable[0] if usable else None
