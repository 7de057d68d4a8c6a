"""The MkDocs side of ``search: pagefind`` (:mod:`mkdocs_cjm.core.search` says what is indexed).

While MkDocs writes the pages, each page's search document (its search view, or its content)
is written to a staging folder, under the path the page has in the site; after the build,
Pagefind (the binary of the ``pagefind_bin`` package) indexes that folder into the site's
``pagefind/`` folder. The built pages themselves carry nothing for the index: their size does not
change, and Material's search plugin is not needed. A template override puts the plugin's search
box where Material's stands (``templates/search/partials/header.html``).
"""

from __future__ import annotations

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
from .core.search import own_names, search_document

log = get_plugin_logger(__name__)

OVERRIDES = Path(__file__).resolve().parent / "templates" / "search"
"""Material's header with the plugin's search box in it (partials/header.html, cjm-search.html)."""
SCRIPT = Path(__file__).resolve().parent / "assets" / "search.js"
BUNDLE = "pagefind"
"""The folder of the site the index and Pagefind's script are written to."""
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


class SiteSearch:
    """One build's Pagefind index: its staging folder, filled page by page, indexed at the end."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.binary = pagefind_binary()
        self.language = str(config.theme.get("language") or "en")
        self.staging = Path(tempfile.mkdtemp(prefix="cjm-search-"))
        # Before Material's templates, after the site's custom_dir (which still wins).
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
        if any(name in config.plugins for name in MATERIAL_SEARCH):
            log.info(
                "with 'search: pagefind' the 'search' plugin is not needed: its index is built but never "
                "downloaded; remove it from 'plugins' for faster builds"
            )

    @staticmethod
    def start(config: MkDocsConfig, search: str) -> SiteSearch | None:
        """The index of this build with ``search: pagefind``; with ``material``, None (and a warning
        when Material's search plugin is not listed, as the site would have no search box)."""
        if search == "pagefind":
            return SiteSearch(config)
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
        target = self.staging / page.file.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(search_document(title, page.content or "", self.language, names), encoding="utf-8")

    def finish(self, site_dir: str) -> None:
        """Index the staged pages into the site, then remove the staging folder."""
        out = Path(site_dir) / BUNDLE
        shutil.rmtree(out, ignore_errors=True)
        command = [str(self.binary), "--site", str(self.staging), "--output-path", str(out)]
        command += ["--exclude-selectors", "[data-search-exclude], .headerlink"]  # as Material's search
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False)
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
        if done.returncode != 0:
            raise PluginError(
                f"Pagefind could not index the site (exit {done.returncode}):\n{done.stderr}{done.stdout}"
            )
        # Pagefind's own search UIs and highlighter: the header has the plugin's search box.
        for unused in [*out.glob("pagefind-*ui.*"), out / "pagefind-highlight.js"]:
            unused.unlink(missing_ok=True)
        for line in (done.stdout + done.stderr).splitlines():
            log.debug(f"pagefind: {line}")
        target = Path(site_dir) / "assets" / "cjm" / SCRIPT.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SCRIPT, target)
