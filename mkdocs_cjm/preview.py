"""What the MkDocs plugin needs of the site's configuration and of ``mkdocs serve``, kept out
of :mod:`mkdocs_cjm.plugin` so that the adapter stays thin.

- The configuration file is read again with line numbers (:mod:`mkdocs_cjm.core.config`), so a
  wrong option is reported at the line it is written on, in the file that holds it.
- During ``mkdocs serve`` a preview must never freeze: with ``strict: true`` MkDocs would end
  every rebuild that logged a warning with an error, and the browser would wait for a reload
  that never comes. :func:`keep_preview_going` lets the rebuild finish (the warnings are printed
  as always, and said to fail ``mkdocs build --strict``).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from mkdocs.utils import CountHandler

from .core.config import SiteConfig, read_config, shown
from .core.problems import ContentError, Problem


def site_config(config_file: str | None) -> SiteConfig:
    """The site's configuration with the place of each of the plugin's options. When the file
    cannot be read again (MkDocs read it from a stream), options are placed at its first line."""
    path = Path(config_file or "mkdocs.yml")
    try:
        return read_config(path)
    except (ContentError, OSError):
        return SiteConfig(path.resolve(), {}, [path.resolve()])


def named(problem: Problem) -> str:
    """A problem of a file outside the docs folder (the configuration, the site's own starters),
    its file named from the current folder, as an editor clicks it."""
    return str(replace(problem, file=shown(problem.file)))


def keep_preview_going(logger: logging.Logger) -> int:
    """Forget the warnings strict mode counted in this build of ``mkdocs serve``, so that the
    rebuild ends and the browser reloads. Returns how many there were."""
    counted = 0
    for handler in logger.handlers:
        if isinstance(handler, CountHandler):
            counted += sum(handler.counts.values())
            handler.counts.clear()
    return counted
