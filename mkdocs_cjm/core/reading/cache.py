"""Parse results kept between builds of the same site (``mkdocs serve`` rebuilds)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class ParseCache:
    """Remembers each file's parse result by its modification time and size, so a rebuild
    re-reads only the files that changed. Results depend on the options they were read with:
    :meth:`bind` forgets everything when those change."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[tuple[int, int], object]] = {}
        self._options: object = None
        self.hits = 0
        self.misses = 0

    def bind(self, options: object) -> None:
        if options != self._options:
            self._entries.clear()
            self._options = options

    def get(self, kind: str, path: Path) -> object | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        found = self._entries.get((kind, str(path)))
        if found and found[0] == (stat.st_mtime_ns, stat.st_size):
            self.hits += 1
            return found[1]
        self.misses += 1
        return None

    def put(self, kind: str, path: Path, value: object) -> None:
        try:
            stat = path.stat()
        except OSError:
            return
        self._entries[(kind, str(path))] = ((stat.st_mtime_ns, stat.st_size), value)

    def forget_missing(self, present: set[str]) -> None:
        for key in [k for k in self._entries if k[1] not in present]:
            del self._entries[key]


def cached(cache: ParseCache | None, kind: str, path: Path, make: Callable[[], T]) -> T:
    """``make()``, or what it gave for the same unchanged file before."""
    if cache is None:
        return make()
    found = cache.get(kind, path)
    if found is None:
        found = make()
        cache.put(kind, path, found)
    return found  # type: ignore[return-value]
