"""Reuse of rendered pages between builds of the same site (``mkdocs serve`` rebuilds).

Every generated page gets a fingerprint: what the site says of itself (options, routes, the
date, the templates), its spec, and the inputs its page kind declares next to the code that
reads them (``PageKind.inputs`` in :mod:`mkdocs_cjm.core.pages`). A page whose fingerprint
equals the one of the previous build is not rendered again.

Fingerprints are compared, never hashed: a content model is compared by identity first (the
parse cache hands back the very same object for a file that did not change) and by value
otherwise, so a re-read file with the same content still matches. What a listing shows of a
map is computed once per map model (:meth:`RenderCache.memo`), so editing a lane item of one
map leaves every listing untouched, while editing its title re-renders the listings that show it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..assembly.entries import MapEntry

if TYPE_CHECKING:
    from ..pages.base import RenderedPage


@dataclass
class RenderCache:
    """Rendered pages of the previous build, by page source path, with their fingerprints."""

    pages: dict[str, tuple[tuple[Any, ...], RenderedPage]] = field(default_factory=dict)
    _facts: dict[int, tuple[object, tuple[Any, ...]]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def get(self, src: str, fingerprint: tuple[Any, ...]) -> RenderedPage | None:
        found = self.pages.get(src)
        if found is not None and found[0] == fingerprint:
            self.hits += 1
            return found[1]
        self.misses += 1
        return None

    def put(self, src: str, fingerprint: tuple[Any, ...], page: RenderedPage) -> None:
        self.pages[src] = (fingerprint, page)

    def retain(self, sources: Iterable[str]) -> None:
        """Forget pages that no longer exist."""
        keep = set(sources)
        for src in [s for s in self.pages if s not in keep]:
            del self.pages[src]

    def retain_facts(self, maps: Iterable[MapEntry]) -> None:
        """Forget what was memoised of maps no longer loaded."""
        live = {id(m.model) for m in maps}
        for key in [k for k in self._facts if k not in live]:
            del self._facts[key]

    def memo(self, facts: Callable[[MapEntry], tuple[Any, ...]]) -> Callable[[MapEntry], tuple[Any, ...]]:
        """``facts``, computed once per map model."""

        def memoised(entry: MapEntry) -> tuple[Any, ...]:
            found = self._facts.get(id(entry.model))
            if found is not None and found[0] is entry.model:
                return found[1]
            value = facts(entry)
            self._facts[id(entry.model)] = (entry.model, value)
            return value

        return memoised

    @staticmethod
    def template_stamp(template_dirs: Iterable[Path | str]) -> tuple[tuple[str, int, int], ...]:
        """Name, mtime and size of every ``cjm`` template: editing a template override re-renders."""
        found = []
        for folder in template_dirs:
            base = Path(folder) / "cjm"
            if base.is_dir():
                for path in sorted(base.glob("*.html")):
                    stat = path.stat()
                    found.append((str(path), stat.st_mtime_ns, stat.st_size))
        return tuple(found)
