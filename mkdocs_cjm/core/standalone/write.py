"""Writing a ``build-pages`` project: only files whose bytes changed are written (so a
generator's own watch mode sees only real edits), and files an earlier run wrote that are no
longer part of the project are removed. A manifest in the output folder lists what was written;
nothing else in the folder is ever touched, and a folder with other files and no manifest is
refused."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..problems import ContentError, Problem

MANIFEST = ".cjm-build-pages"
"""The list of the files the last run wrote, one path per line, in the output folder."""


@dataclass(frozen=True)
class Written:
    written: int
    unchanged: int
    removed: int


def check_folder(out: Path, docs: Path, base: Path) -> None:
    """Refuse an output folder inside the docs folder or holding it, or holding the project's
    configuration, or holding files build-pages did not write."""
    resolved = out.resolve()
    if resolved.is_relative_to(docs) or docs.is_relative_to(resolved) or base.is_relative_to(resolved):
        raise ContentError(
            [
                Problem(
                    str(out),
                    0,
                    0,
                    f"the output folder would mix with the project's own files ({docs})",
                    "choose a folder outside the docs folder, e.g. build/pages",
                )
            ]
        )
    if out.is_dir() and not (out / MANIFEST).is_file() and any(out.iterdir()):
        raise ContentError(
            [
                Problem(
                    str(out),
                    0,
                    0,
                    "the folder holds files that build-pages did not write",
                    "give an empty or new folder (build-pages writes a whole project into it)",
                )
            ]
        )


def write_files(out: Path, files: dict[str, bytes]) -> Written:
    """Write ``files`` (path relative to ``out`` → bytes) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    manifest = out / MANIFEST
    before = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
    written = unchanged = 0
    for rel, data in files.items():
        path = out / rel
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".cjm-tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        written += 1
    stale = [rel for rel in before if rel not in files and _inside(out, rel)]
    for rel in stale:
        (out / rel).unlink(missing_ok=True)
        _remove_empty_parents(out, (out / rel).parent)
    manifest.write_text("".join(f"{rel}\n" for rel in files), encoding="utf-8")
    return Written(written, unchanged, len(stale))


def _inside(out: Path, rel: str) -> bool:
    return not rel.startswith("/") and ".." not in Path(rel).parts


def _remove_empty_parents(out: Path, folder: Path) -> None:
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
