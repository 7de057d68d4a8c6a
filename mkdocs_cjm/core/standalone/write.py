"""Writing a ``build-pages`` project: only files whose bytes changed are written (so a
generator's own watch mode sees only real edits), and files an earlier run wrote that are no
longer part of the project are removed. A manifest in the output folder lists what was written;
nothing else in the folder is ever touched, and a folder with other files and no manifest is
refused."""

from __future__ import annotations

import filecmp
import os
from collections.abc import Iterable
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


class ProjectWriter:
    """Writes a project's files into ``out`` one by one (:meth:`put`), then removes the files an
    earlier run wrote that were not put this time and records what was written (:meth:`finish`)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        manifest = out / MANIFEST
        self.before = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
        self.put_paths: set[str] = set()
        self.written = self.unchanged = 0

    def put(self, rel: str, data: bytes | Iterable[str]) -> None:
        """Write the file ``rel`` (bytes, or text in pieces), unless it already holds them."""
        path = self.out / rel
        self.put_paths.add(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".cjm-tmp")
        if isinstance(data, bytes):
            if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
                self.unchanged += 1
                return
            temporary.write_bytes(data)
        else:
            with temporary.open("w", encoding="utf-8", newline="\n") as handle:
                handle.writelines(data)
            if path.is_file() and filecmp.cmp(temporary, path, shallow=False):
                temporary.unlink()
                self.unchanged += 1
                return
        os.replace(temporary, path)
        self.written += 1

    def finish(self) -> Written:
        stale = [rel for rel in self.before if rel not in self.put_paths and _inside(rel)]
        for rel in stale:
            (self.out / rel).unlink(missing_ok=True)
            _remove_empty_parents(self.out, (self.out / rel).parent)
        (self.out / MANIFEST).write_text("".join(f"{rel}\n" for rel in sorted(self.put_paths)), encoding="utf-8")
        return Written(self.written, self.unchanged, len(stale))


def write_files(out: Path, files: dict[str, bytes]) -> Written:
    """Write ``files`` (path relative to ``out`` → bytes) into ``out``."""
    writer = ProjectWriter(out)
    for rel, data in files.items():
        writer.put(rel, data)
    return writer.finish()


def _inside(rel: str) -> bool:
    return not rel.startswith("/") and ".." not in Path(rel).parts


def _remove_empty_parents(out: Path, folder: Path) -> None:
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
