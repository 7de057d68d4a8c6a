"""Find a portfolio from a folder, a configuration file or a content file, without MkDocs.

The command-line tool reads the configuration as the plugin does (:mod:`~mkdocs_cjm.core.config`:
``properdocs.yml`` or ``mkdocs.yml``, ``INHERIT:`` chains, tags such as ``!!python/name:`` read
safely) and checks the ``cjm`` plugin's options with the same function
(:func:`~mkdocs_cjm.core.options.check_options`), so both report the same problems at the
same places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .assembly.portfolio import Portfolio
from .config import CONFIG_NAMES, SiteConfig, find_config, read_config
from .loader import load_portfolio
from .models import LaneDef
from .options import Options, check_options
from .problems import ContentError, Problem
from .reading.discovery import Layout
from .schema import LOCAL_SCHEMA_DIR

__all__ = ["CONFIG_NAMES", "Project", "find_config", "read_project"]

CONFIG_KEYS = frozenset({"site_name", "INHERIT", "plugins", "docs_dir", "theme", "nav"})
"""Settings only a configuration file has: a YAML file holding one is read as a configuration."""


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
    problems: tuple[Problem, ...] = ()
    """The mistakes in the plugin's options, where they are written (the build reports the same)."""
    use_directory_urls: bool = True
    files: tuple[Path, ...] = ()
    """The configuration files read (the file given and those it inherits from)."""
    site_name: str = "Journey maps"
    repo_url: str | None = None
    site_description: str = ""
    custom_dir: Path | None = None
    """The theme's ``custom_dir`` (template overrides), when it is a folder."""
    nav: Any = None
    """The configuration's ``nav``, if it has one."""

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
        return self.options.starters(self.base)

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
        return load_portfolio(
            self.root, self.layout, site_lanes=self.site_lanes, today=self.today, backlogs=self.options.backlogs
        )


def read_project(path: Path, config_file: Path | None = None) -> Project:
    """The project at ``path``: a configuration file, a folder holding one, or a portfolio
    folder; with ``config_file``, that configuration. Raises :class:`ContentError` when the
    configuration cannot be read."""
    if config_file is not None:
        return _from_config(config_file.resolve())
    path = path.resolve()
    if path.is_dir():
        config = find_config(path)
        if config is None:
            return Project(root=path, base=path)
        path = config
    return _from_config(path)


def is_config(path: Path) -> bool:
    """Whether ``path`` is a site's configuration rather than a content file: it has one of the
    names MkDocs looks for, or it holds settings only a configuration has."""
    if path.name in CONFIG_NAMES:
        return True
    if path.suffix.lower() not in (".yml", ".yaml"):
        return False
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return False
    keys = {k.value for k, _ in node.value} if isinstance(node, yaml.MappingNode) else set()
    return bool(keys & CONFIG_KEYS) and "stages" not in keys


def config_for(path: Path) -> Path | None:
    """The configuration of the portfolio a content file belongs to: the nearest one in its
    folder or above whose docs folder holds it."""
    path = path.resolve()
    for folder in path.parents:
        config = find_config(folder)
        if config is None:
            continue
        try:
            project = _from_config(config)
        except ContentError:
            return config
        if path.is_relative_to(project.root):
            return config
    return None


def _from_config(path: Path) -> Project:
    site: SiteConfig = read_config(path)
    data = site.data
    base = path.parent
    docs = data.get("docs_dir") or "docs"
    options, problems = check_options(site.options, site.locate, base, (base / str(docs)).resolve())
    site_url = data.get("site_url")
    return Project(
        root=(base / str(docs)).resolve(),
        base=base,
        config_file=path,
        options=options,
        site_url=str(site_url) if site_url else None,
        problems=tuple(problems),
        use_directory_urls=data.get("use_directory_urls") is not False,
        files=tuple(site.files),
        site_name=str(data.get("site_name") or "Journey maps"),
        repo_url=str(data["repo_url"]) if data.get("repo_url") else None,
        site_description=str(data.get("site_description") or ""),
        custom_dir=_custom_dir(base, data.get("theme")),
        nav=data.get("nav"),
    )


def _custom_dir(base: Path, theme: object) -> Path | None:
    folder = theme.get("custom_dir") if isinstance(theme, dict) else None
    path = (base / str(folder)).resolve() if folder else None
    return path if path is not None and path.is_dir() else None
