"""The options of the ``cjm`` plugin, declared once and read the same way by every host.

The MkDocs plugin builds its ``config_scheme`` from :class:`Options` and hands the values it
gets to :func:`parse_options`; the command-line tool reads the same ``plugins: - cjm:`` block
of ``mkdocs.yml`` and parses it with the same function. So an option means the same, and is
refused with the same message, in ``mkdocs build`` and in ``mkdocs-cjm validate``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .models import LaneDefs
from .problems import ContentError, Problem
from .reading.discovery import Layout

PLUGIN_NAME = "cjm"


class Options(BaseModel):
    """Options of the ``cjm`` plugin in ``mkdocs.yml``."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    enabled: bool = True
    """Build the journey-map pages. Set to false to build the site without them."""

    personas_dir: str = "personas"
    """Folder of persona files (YAML or Markdown with front matter), relative to ``docs_dir``."""

    journeys_dir: str = "journeys"
    """Folder of journey map files, relative to ``docs_dir``; sub-folders are searched too."""

    owners_file: str = "owners.yml"
    """The YAML file declaring owners (teams and people), relative to ``docs_dir``."""

    home: bool = True
    """Generate the portfolio home page as ``index.md``, unless the docs dir has its own."""

    starters_dir: str | None = None
    """Folder of the template gallery's starter files, relative to ``mkdocs.yml``; defaults to
    the starters that ship with the plugin."""

    lanes: LaneDefs = {}
    """Site-wide lane changes: rename a built-in lane (``thoughts: {title: Thinking}``), move
    one (``after:``) or declare a custom lane every map may use (``systems: {title: Systems}``)."""

    today: date | None = None
    """The date (YYYY-MM-DD) reviews are judged against. Defaults to ``SOURCE_DATE_EPOCH`` when
    set, else today; set it to make builds reproducible."""

    charts: bool = True
    """Draw the interactive sentiment chart on journey pages (the grid's emotion lane and the
    data table are always there)."""

    plotly_url: str | None = None
    """Load plotly.js from this URL instead of the copy bundled into the site."""

    arrange_nav: bool = True
    """When ``mkdocs.yml`` has no ``nav``, put the portfolio's sections first, in reading order,
    with one entry per section (maps, personas and owners are reached from the index pages)."""

    @field_validator("today", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return value.isoformat() if isinstance(value, datetime) else value

    @property
    def layout(self) -> Layout:
        return Layout(self.personas_dir, self.journeys_dir, self.owners_file)

    def reference_date(self) -> date:
        """The date reviews are judged against: the ``today`` option, else ``SOURCE_DATE_EPOCH``,
        else today."""
        return self.today or source_date() or date.today()

    def starters(self, config_dir: Path, config_file: str = "mkdocs.yml") -> Path | None:
        """The site's own starters folder, when it has one (relative to ``config_dir``, the
        folder of ``mkdocs.yml``). Raises :class:`ContentError` when it does not exist."""
        if not self.starters_dir:
            return None
        path = (config_dir / self.starters_dir).resolve()
        if not path.is_dir():
            raise ContentError(
                [
                    Problem(
                        config_file,
                        0,
                        0,
                        f"the {PLUGIN_NAME} plugin's option 'starters_dir' "
                        f"names '{self.starters_dir}', which is not a folder",
                        "give the folder of your starter files, relative to mkdocs.yml",
                    )
                ]
            )
        return path


def source_date() -> date | None:
    """The date of ``SOURCE_DATE_EPOCH`` when it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return None


def defaults() -> dict[str, Any]:
    """Each option's default value, by name."""
    return {name: field.get_default(call_default_factory=True) for name, field in Options.model_fields.items()}


def parse_options(values: Mapping[str, Any], config_file: str = "mkdocs.yml") -> Options:
    """The plugin's options from their values in ``mkdocs.yml``. Raises :class:`ContentError`
    naming the config file and each option that is wrong."""
    try:
        return Options.model_validate(dict(values))
    except ValidationError as exc:
        raise ContentError([_problem(config_file, err) for err in exc.errors(include_url=False)]) from exc


def _problem(config_file: str, err: Any) -> Problem:
    parts = [str(part) for part in err["loc"]]
    if "[key]" in parts:  # a key of a mapping, e.g. a lane of 'lanes'
        key = parts[parts.index("[key]") - 1]
        return Problem(
            config_file,
            0,
            0,
            f"the {PLUGIN_NAME} plugin's option '{parts[0]}' has an invalid key '{key}'",
            "lane keys are lowercase letters, digits and underscores, e.g. 'systems'",
        )
    loc = ".".join(parts)
    if err["type"] == "extra_forbidden":
        return Problem(
            config_file, 0, 0, f"the {PLUGIN_NAME} plugin has no option '{loc}'", "see the plugin options in the README"
        )
    value = err.get("input")
    shown = f" (not {value!r})" if not isinstance(value, (dict, list)) else ""
    return Problem(
        config_file,
        0,
        0,
        f"the {PLUGIN_NAME} plugin's option '{loc}' is invalid: {err['msg'][0].lower()}{err['msg'][1:]}{shown}",
        "see the plugin options in the README",
    )
