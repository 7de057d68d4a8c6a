"""Find a portfolio from a folder or an ``mkdocs.yml``, without importing MkDocs.

The command-line tool reads ``docs_dir``, ``site_url`` and the ``cjm`` plugin's options from
``mkdocs.yml`` itself (the options are parsed by :mod:`~mkdocs_cjm.core.options`, as the
plugin parses them), with a safe YAML loader that tolerates the tags MkDocs configurations
often carry (``!!python/name:…``, ``!ENV``, ``!relative``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .assembly.portfolio import Portfolio
from .loader import load_portfolio
from .models import LaneDef
from .options import PLUGIN_NAME, Options, parse_options
from .problems import ContentError, Problem
from .reading.discovery import Layout
from .schema import LOCAL_SCHEMA_DIR

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads any unknown tag as a plain value instead of failing; nothing
    is ever imported or executed."""


def _any_tag(loader: _TolerantLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("", _any_tag)


@dataclass(frozen=True)
class Project:
    """A portfolio and where its pieces are."""

    root: Path
    """The portfolio root: the docs dir."""
    base: Path
    """The folder of ``mkdocs.yml`` (or the portfolio folder when there is none)."""
    config_file: Path | None = None
    options: Options = field(default_factory=Options)
    site_url: str | None = None

    @property
    def layout(self) -> Layout:
        return self.options.layout

    @property
    def site_lanes(self) -> dict[str, LaneDef]:
        return dict(self.options.lanes)

    @property
    def today(self) -> date:
        return self.options.reference_date()

    @property
    def starters_dir(self) -> Path | None:
        """The gallery's starters when the site has its own (the plugin's ``starters_dir``)."""
        return self.options.starters(self.base, str(self.config_file or "mkdocs.yml"))

    @property
    def journeys(self) -> Path:
        return self.root / self.layout.journeys_dir

    @property
    def personas(self) -> Path:
        return self.root / self.layout.personas_dir

    @property
    def schema_dir(self) -> Path:
        """Where ``mkdocs-cjm schema`` writes the schemas by default."""
        return self.base / LOCAL_SCHEMA_DIR

    def load(self) -> Portfolio:
        """The portfolio, loaded as the site build loads it."""
        return load_portfolio(self.root, self.layout, site_lanes=self.site_lanes, today=self.today)


def find_config(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None


def read_project(path: Path) -> Project:
    """The project at ``path``: an ``mkdocs.yml``, a folder holding one, or a portfolio folder.
    Raises :class:`ContentError` when ``mkdocs.yml`` cannot be read."""
    path = path.resolve()
    if path.is_dir():
        config = find_config(path)
        if config is None:
            return Project(root=path, base=path)
        path = config
    return _from_config(path)


def _problem(path: Path, message: str, hint: str = "", line: int = 0, column: int = 0) -> ContentError:
    return ContentError([Problem(str(path), line, column, message, hint)])


def _read_config(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise _problem(
            path,
            f"cannot read the configuration: {exc.problem}",
            "fix the YAML syntax",
            mark.line + 1 if mark else 0,
            mark.column + 1 if mark else 0,
        ) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise _problem(path, f"cannot read the configuration: {exc}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _problem(path, "the configuration must be a mapping of settings", "see the README's quick start")
    return data


def _from_config(path: Path) -> Project:
    data = _read_config(path)
    base = path.parent
    docs = data.get("docs_dir") or "docs"
    values = _plugin_options(data.get("plugins"))
    if not isinstance(values, dict):
        raise _problem(path, "the options of the 'cjm' plugin must be a mapping")
    options = parse_options(values, str(path))
    options.starters(base, str(path))  # a starters_dir that does not exist is refused, as by the build
    site_url = data.get("site_url")
    return Project(
        root=(base / str(docs)).resolve(),
        base=base,
        config_file=path,
        options=options,
        site_url=str(site_url) if site_url else None,
    )


def _plugin_options(plugins: Any) -> Any:
    """The ``cjm`` plugin's options from a ``plugins:`` list or mapping ({} when not configured)."""
    if isinstance(plugins, dict):
        return plugins.get(PLUGIN_NAME) or {}
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return entry[PLUGIN_NAME] or {}
    return {}
