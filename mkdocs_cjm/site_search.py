"""The MkDocs side of ``search: pagefind`` (:mod:`mkdocs_cjm.core.search` says what is indexed).

While MkDocs writes the pages, each page's search document (its search view, or its content)
is written to a staging folder, under the path the page has in the site; after the build,
Pagefind (the binary of the ``pagefind_bin`` package) indexes that folder into the site's
``pagefind/`` folder. The built pages themselves carry nothing for the index: their size does not
change, and Material's search plugin is not needed. A template override puts the plugin's search
box where Material's stands (``templates/search/partials/header.html``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from .core.pages.base import PageSpec
from .core.search import own_names, search_document, stop_words
from .core.search_chunks import rechunk

log = get_plugin_logger(__name__)

OVERRIDES = Path(__file__).resolve().parent / "templates" / "search"
"""Material's header with the plugin's search box in it (partials/header.html, cjm-search.html)."""
SCRIPT = Path(__file__).resolve().parent / "assets" / "search.js"
BUNDLE = "pagefind"
"""The folder of the site the index and Pagefind's script are written to."""
SETTINGS = "cjm-search.json"
"""What the search box reads when it opens, in the bundle folder: ``indexes``, the site's further
indexes (``pagefind/<n>/``), and ``stopWords``, the words it leaves out of a query."""
MATERIAL_SEARCH = ("search", "material/search")


def pagefind_binary() -> Path:
    """The Pagefind binary the ``pagefind_bin`` package ships, or a clear error."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-untyped]

        return Path(get_executable())
    except (ImportError, FileNotFoundError) as exc:
        raise PluginError(
            f"The cjm plugin's option 'search: pagefind' needs Pagefind's binary, which was not found ({exc}). "
            "Install it with `pip install 'pagefind_bin>=1.5,<2'` (a dependency of mkdocs-cjm), "
            "or set 'search: material' to use Material's search plugin."
        ) from exc


def deal(pages: list[str], most: int) -> list[list[str]]:
    """``pages`` (paths) dealt to the fewest indexes of ``most`` pages at most, each page to the
    index its path's hash names (or the next one with room), in path order within each.

    Each index is then a sample of the whole site. Pagefind scores a page (BM25) by how rare the
    query's words are in the page's own index and how long that index's pages are, and merges
    the indexes by those scores: cut in path order, the smallest index (the last: the journeys'
    tail, owners, personas…) took all ten first results of every common word at 10,000 maps.
    And a page added or removed changes one index, not every index after it. The same paths
    give the same indexes."""
    count = -(-len(pages) // most)
    groups: list[list[str]] = [[] for _ in range(count)]
    for page in sorted(pages):
        at = int.from_bytes(hashlib.sha256(page.encode()).digest()[:8], "big") % count
        while len(groups[at]) >= most:  # full: the next one with room (there is one: count × most ≥ pages)
            at = (at + 1) % count
        groups[at].append(page)
    return [group for group in groups if group]


class SiteSearch:
    """One build's Pagefind index: its staging folder, filled page by page, indexed at the end."""

    def __init__(self, config: MkDocsConfig, index_pages: int) -> None:
        self.binary = pagefind_binary()
        self.index_pages = index_pages
        self.language = str(config.theme.get("language") or "en")
        self.staging = Path(tempfile.mkdtemp(prefix="cjm-search-"))
        self.names: set[str] = set()
        """Every page's own names: their words are never stop words."""
        # Before Material's templates, after the site's custom_dir (which still wins).
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
        if any(name in config.plugins for name in MATERIAL_SEARCH):
            log.info(
                "with 'search: pagefind' the 'search' plugin is not needed: its index is built but never "
                "downloaded; remove it from 'plugins' for faster builds"
            )

    @staticmethod
    def start(config: MkDocsConfig, search: str, index_pages: int) -> SiteSearch | None:
        """The index of this build with ``search: pagefind``; with ``material``, None (and a warning
        when Material's search plugin is not listed, as the site would have no search box)."""
        if search == "pagefind":
            return SiteSearch(config, index_pages)
        if not any(name in config.plugins for name in MATERIAL_SEARCH):
            log.warning("the cjm plugin's option 'search: material' needs the 'search' plugin under 'plugins'")
        return None

    def add(self, page: Page, spec: PageSpec | None, portfolio: Any) -> None:
        """Stage ``page`` as it is now (``page.content``: a generated page's search view); a later
        page of a paged section is left out, as its first page stands for it."""
        if spec is not None and spec.continues:
            return
        title = spec.title if spec is not None else str(page.title or "")
        names = own_names(portfolio, spec.kind, spec.key, spec.title) if spec is not None and portfolio else []
        self.names.update(names)
        target = self.staging / page.file.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(search_document(title, page.content or "", self.language, names), encoding="utf-8")

    def finish(self, site_dir: str) -> None:
        """Index the staged pages into the site, ``index_pages`` at most per index, then remove
        the staging folder. The first index is ``pagefind/``, with Pagefind's script; the others
        are ``pagefind/<n>/`` (index files only), listed in ``pagefind/cjm-search.json`` for the search box."""
        out = Path(site_dir) / BUNDLE
        shutil.rmtree(out, ignore_errors=True)
        try:
            groups = self._split()
            for number, group in enumerate(groups):
                self._index(group, out / str(number) if number else out)
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
        for unused in [*out.glob("pagefind-*ui.*"), out / "pagefind-highlight.js"]:
            unused.unlink(missing_ok=True)
        settings = {
            "indexes": [f"{number}/" for number in range(1, len(groups))],
            "stopWords": stop_words(self.language, self.names),
        }
        (out / SETTINGS).write_text(json.dumps(settings), encoding="utf-8")
        target = Path(site_dir) / "assets" / "cjm" / SCRIPT.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SCRIPT, target)

    def _split(self) -> list[Path]:
        """The staged pages in folders of ``index_pages`` at most (:func:`deal`)."""
        pages = sorted(p.relative_to(self.staging) for p in self.staging.rglob("*.html"))
        if len(pages) <= self.index_pages:
            return [self.staging]
        groups = []
        for number, group in enumerate(deal([rel.as_posix() for rel in pages], self.index_pages)):
            folder = self.staging / f".index-{number}"
            for rel in group:
                (folder / rel).parent.mkdir(parents=True, exist_ok=True)
                (self.staging / rel).rename(folder / rel)
            groups.append(folder)
        return groups

    def _index(self, source: Path, out: Path) -> None:
        """Run Pagefind on the staged pages in ``source``, writing its index to ``out``; an index
        after the first keeps only its index files (the first one's script and WebAssembly serve all)."""
        command = [str(self.binary), "--site", str(source), "--output-path", str(out)]
        command += ["--exclude-selectors", "[data-search-exclude], .headerlink"]  # as Material's search
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise PluginError(
                f"Pagefind could not index the site (exit {done.returncode}):\n{done.stderr}{done.stdout}"
            )
        for line in (done.stdout + done.stderr).splitlines():
            log.debug(f"pagefind: {line}")
        if not rechunk(out):
            log.debug(f"pagefind: the word chunks of {out} were left as Pagefind wrote them")
        if out.name != BUNDLE:
            for runtime in [*out.glob("*.js"), *out.glob("wasm.*")]:
                runtime.unlink()
