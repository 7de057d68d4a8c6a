"""Where the content files of a portfolio are, and which files count."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONTENT_SUFFIXES = (".yml", ".yaml", ".md", ".markdown")


@dataclass(frozen=True)
class Layout:
    """Where the content files sit, relative to the portfolio root (the docs dir)."""

    personas_dir: str = "personas"
    journeys_dir: str = "journeys"
    owners_file: str = "owners.yml"


@dataclass(frozen=True)
class Found:
    """The content files of a portfolio: (absolute path, path relative to the root) pairs."""

    personas: list[tuple[Path, str]]
    maps: list[tuple[Path, str]]
    owners: Path | None
    """The owners file, when it exists."""

    def paths(self) -> set[str]:
        """Every file found, as absolute paths."""
        found = {str(p) for p, _ in self.personas + self.maps}
        return found | ({str(self.owners)} if self.owners else set())


def discover(root: Path, folder: str) -> list[tuple[Path, str]]:
    """Content files under ``root/folder``: (absolute path, path relative to root), sorted.
    Files and folders whose names start with '_' or '.' are skipped."""
    base = root / folder
    if not base.is_dir():
        return []
    found = []
    for path in base.rglob("*"):
        rel_parts = path.relative_to(root).parts
        if any(part.startswith(("_", ".")) for part in rel_parts):
            continue
        if path.suffix.lower() in CONTENT_SUFFIXES and path.is_file():
            found.append((path, path.relative_to(root).as_posix()))
    return sorted(found, key=lambda pair: pair[1])


def find_content(root: Path, layout: Layout) -> Found:
    """Every content file of the portfolio at ``root``."""
    owners = root / layout.owners_file
    return Found(
        discover(root, layout.personas_dir), discover(root, layout.journeys_dir), owners if owners.is_file() else None
    )
