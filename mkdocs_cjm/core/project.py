"""Find a portfolio from a folder or an ``mkdocs.yml``, without importing MkDocs.

The command-line tool reads ``docs_dir``, ``site_url`` and the ``cjm`` plugin's options from
``mkdocs.yml`` itself, with a safe YAML loader that tolerates the tags MkDocs configurations
often carry (``!!python/name:…``, ``!ENV``, ``!relative``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
import os
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from .loader import Layout
from .models import LaneDef
from .problems import ContentError, Problem
from .schema import LOCAL_SCHEMA_DIR

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
_LANES = TypeAdapter(dict[str, LaneDef])


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
    layout: Layout = Layout()
    site_lanes: dict[str, LaneDef] = field(default_factory=dict)
    site_url: str | None = None
    today: date | None = None
    starters_dir: Path | None = None
    """The gallery's starters when the site has its own (the plugin's ``starters_dir``)."""

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
            return Project(root=path, base=path, today=source_date())
        path = config
    return _from_config(path)


def _problem(path: Path, message: str, hint: str = "", line: int = 0, column: int = 0) -> ContentError:
    return ContentError([Problem(str(path), line, column, message, hint)])


def _from_config(path: Path) -> Project:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 - safe loader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise _problem(path, f"cannot read the configuration: {exc.problem}", "fix the YAML syntax",
                       mark.line + 1 if mark else 0, mark.column + 1 if mark else 0) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise _problem(path, f"cannot read the configuration: {exc}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _problem(path, "the configuration must be a mapping of settings", "see the README's quick start")
    base = path.parent
    docs = data.get("docs_dir") or "docs"
    options = _plugin_options(data.get("plugins"))
    if not isinstance(options, dict):
        raise _problem(path, "the options of the 'cjm' plugin must be a mapping")
    layout = Layout(
        personas_dir=str(options.get("personas_dir") or Layout.personas_dir),
        journeys_dir=str(options.get("journeys_dir") or Layout.journeys_dir),
        owners_file=str(options.get("owners_file") or Layout.owners_file),
    )
    try:
        lanes = _LANES.validate_python(options.get("lanes") or {})
    except ValidationError as exc:
        raise _problem(path, f"the cjm plugin's 'lanes' option is invalid: {exc.errors()[0]['msg']}",
                       "see the README's section on renaming lanes") from exc
    today = options.get("today")
    if today is not None and not isinstance(today, date):
        try:
            today = date.fromisoformat(str(today))
        except ValueError as exc:
            raise _problem(path, f"the cjm plugin's 'today' option must be a date like 2026-09-14, not '{today}'") from exc
    if today is None:
        today = source_date()
    site_url = data.get("site_url")
    starters = options.get("starters_dir")
    return Project(root=(base / str(docs)).resolve(), base=base, config_file=path, layout=layout,
                   site_lanes=lanes, site_url=str(site_url) if site_url else None, today=today,
                   starters_dir=(base / str(starters)).resolve() if starters else None)


def source_date() -> date | None:
    """The date of ``SOURCE_DATE_EPOCH`` when it is set, as the plugin uses it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return None


def _plugin_options(plugins: Any) -> Any:
    """The ``cjm`` plugin's options from a ``plugins:`` list or mapping ({} when not configured)."""
    if isinstance(plugins, dict):
        return plugins.get("cjm") or {}
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and "cjm" in entry:
            return entry["cjm"] or {}
    return {}
