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
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from .backlogs import pattern_problem
from .config import PLUGIN_NAME, Loc, Place
from .lanes import LANES, RESERVED_KEYS, custom_lane_keys
from .models import LaneDef, LaneDefs
from .problems import ContentError, Problem, Severity, did_you_mean
from .reading.discovery import Layout

__all__ = [
    "HISTORY_LIMIT",
    "LISTING_PAGE_SIZE",
    "LIST_LIMIT",
    "PLUGIN_NAME",
    "REVIEW_DUE_DAYS",
    "Options",
    "check_options",
    "parse_options",
]

LIST_LIMIT = 25
"""The ``list_limit`` option's default (issue 14: every generated page stays small at any size)."""

SEARCH_INDEX_PAGES = 2000
"""The default of the ``search_index_pages`` option."""

REVIEW_DUE_DAYS = 30
"""The default of the ``review_due_days`` option."""

HISTORY_LIMIT = 10
"""The default of the ``history_limit`` option."""

LISTING_PAGE_SIZE = 60
"""The default of the ``listing_page_size`` option (a page of the densest listing, the
opportunities, stays well under 200 KB of HTML with it)."""


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

    evidence_file: str = "evidence.yml"
    """The YAML file declaring the portfolio's research sources, relative to ``docs_dir`` (optional)."""

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

    publish_drafts: bool = True
    """Publish maps whose ``status`` is ``draft`` (marked as drafts). Set to false to leave them out
    of the site: no page, no entry in any listing, count, search or data file, and links to them
    shown as text. ``mkdocs-cjm validate`` still checks them."""

    publish_data: bool = True
    """Publish the portfolio as data at ``portfolio.json`` in the site (the document ``mkdocs-cjm
    export --all`` writes; its JSON Schema at ``assets/cjm/schema/portfolio.schema.json``), so
    dashboards and other tools can read it without the repository. It holds what the site shows
    (drafts only when they are published). Set to false to leave it out; a ``portfolio.json`` of
    the docs folder is published instead of it."""

    backlogs: dict[str, str] = {}
    """Backlog key patterns, each with the address template of its tracker: an opportunity's
    ``backlog`` may then be a key (``TW-412``) instead of a full address. A pattern has one
    ``*`` (the key's own part); in the address, ``{key}`` is the whole key and ``{id}`` the part
    the ``*`` matched: ``"TW-*": https://tracker.example.com/browse/{key}``. The first pattern
    that matches a key gives its link; a key no pattern matches is an error."""

    overdue_reviews: Literal["warning", "error"] = "warning"
    """How ``mkdocs-cjm validate`` reports a map overdue for review (naming its owner): a
    ``warning`` fails only ``validate --strict``; an ``error`` fails every ``validate``. The
    site build never fails on a late review: the site shows it."""

    review_due_days: int = Field(REVIEW_DUE_DAYS, ge=0, le=3660)
    """A review that falls due within this many days is "due soon": ``validate`` notes it (a
    notice, which never fails) and the insights page counts it. 0 turns the notice off."""

    charts: bool = True
    """Draw the interactive sentiment chart on journey pages (the grid's emotion lane and the
    data table are always there)."""

    plotly_url: str | None = None
    """Load plotly.js from this URL instead of the copy bundled into the site."""

    arrange_nav: bool = True
    """When ``mkdocs.yml`` has no ``nav``, put the portfolio's sections first, in reading order,
    with one entry per section (maps, personas and owners are reached from the index pages)."""

    history: bool = True
    """Give each journey page a "Changes" section from git: the commits that changed its file
    (date, author name, message; linked to the commit when ``repo_url`` is set) and what each
    changed in map terms, and what changed since the map's last review. Needs the repository's
    history: in a shallow clone (a CI checkout with ``fetch-depth: 1``) the section says so."""

    history_limit: int = Field(HISTORY_LIMIT, ge=1, le=1000)
    """How many of a map's most recent commits its Changes section lists (older ones are counted)."""

    # -- Pages that stay small (issue 14) ----------------------------------------------------
    list_limit: PositiveInt = LIST_LIMIT
    """How many entries one section of a generated page lists before it summarises: an owner's
    opportunities of one status, stages and maps; a persona's journeys; the maps of a template;
    the home page's personas. Past it the section shows the first ones, the full count, and an
    "All N →" link to the filtered journeys or opportunities listing."""

    listing_page_size: int = Field(LISTING_PAGE_SIZE, ge=1, le=10_000)
    """The most entries the journeys index and the opportunities listing show on one page; the
    rest go to numbered continuation pages (``journeys/page/2/``…), linked below the listing.
    Filters and sorting still reach every entry: they read the listing's ``entries.json``."""

    search: Literal["pagefind", "material"] = "pagefind"
    """The site's search box. ``pagefind``: the plugin indexes the built site with Pagefind and
    puts its own search box in Material's header; a reader downloads only the parts of the index
    a query needs, and only once they open the search (for large portfolios). ``material``:
    Material's own ``search`` plugin (list it under ``plugins``), whose whole index every page
    downloads; it suits small sites and sites opened from disk (``file://``)."""

    search_index_pages: int = Field(SEARCH_INDEX_PAGES, ge=1, le=1_000_000)
    """With ``search: pagefind``, the most pages one Pagefind index holds; a larger site gets
    several indexes, which the search box loads together and searches as one. Pagefind's search
    time grows with the square of the pages a word is found on in one index: split, a word found
    on every page of 10,000 is answered in a fraction of the time, for about the same bytes."""

    @field_validator("backlogs")
    @classmethod
    def _patterns(cls, value: dict[str, str]) -> dict[str, str]:
        for pattern, template in value.items():
            problem = pattern_problem(pattern, template)
            if problem:
                raise PydanticCustomError("cjm_backlogs", problem)
        return value

    @field_validator("today", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return value.isoformat() if isinstance(value, datetime) else value

    @property
    def layout(self) -> Layout:
        return Layout(self.personas_dir, self.journeys_dir, self.owners_file, self.evidence_file)

    def reference_date(self) -> date:
        """The date reviews are judged against: the ``today`` option, else ``SOURCE_DATE_EPOCH``,
        else today."""
        return self.today or source_date() or date.today()

    def starters(self, config_dir: Path) -> Path | None:
        """The site's own starters folder, when it has one that exists (relative to
        ``config_dir``, the folder of ``mkdocs.yml``); :func:`check_options` reports one that
        does not."""
        if not self.starters_dir:
            return None
        path = (config_dir / self.starters_dir).resolve()
        return path if path.is_dir() else None


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
    options, problems = check_options(values, lambda loc, key=False: Place(config_file, 0, 0))
    if problems:
        raise ContentError(problems)
    return options


class Locate(Protocol):
    """Where the option value at ``loc`` is written (its key, with ``key``)."""

    def __call__(self, loc: Loc, key: bool = False) -> Place: ...


def check_options(
    values: Any, locate: Locate, config_dir: Path | None = None, docs_dir: Path | None = None
) -> tuple[Options, list[Problem]]:
    """The plugin's options, and a problem for each mistake in them, at the place ``locate``
    gives. A wrong option is left out (its default applies), and so is only the wrong part of
    the ``lanes`` option (one lane, or one lane's ``after:``): the site is built with the rest.
    With ``config_dir``, a ``starters_dir`` that is not a folder is reported too; with
    ``docs_dir``, a place set in mkdocs.yml that is not there (a warning)."""
    if not isinstance(values, Mapping):
        where = locate(())
        problem = Problem(
            where.file,
            where.line,
            where.column,
            f"the options of the {PLUGIN_NAME} plugin must be a mapping of option: value",
            "write each option on its own line under '- cjm:', indented",
        )
        return Options(), [problem]
    problems: list[Problem] = []
    kept: dict[str, Any] = {}
    for name, value in values.items():
        if name not in Options.model_fields:
            problems.append(_at(locate((str(name),), key=True), _unknown(str(name))))
        elif name == "lanes" and isinstance(value, Mapping):
            kept[name] = _check_lanes(value, locate, problems)
        else:
            try:
                kept[name] = getattr(Options.model_validate({name: value}), name)
            except ValidationError as exc:
                problems += [_problem(locate, err) for err in exc.errors(include_url=False)]
    options = Options.model_validate(kept)
    options = _check_places(options, set(kept), locate, problems)
    if docs_dir is not None and options.enabled:
        problems += _missing_places(options, locate, docs_dir)
    if config_dir is not None and options.starters_dir and options.starters(config_dir) is None:
        problems.append(
            _at(
                locate(("starters_dir",)),
                Problem(
                    "",
                    0,
                    0,
                    f"the {PLUGIN_NAME} plugin's option 'starters_dir' names '{options.starters_dir}', which is "
                    "not a folder",
                    "give the folder of your starter files, relative to mkdocs.yml; until then the gallery "
                    "shows the bundled starters",
                ),
            )
        )
        options = options.model_copy(update={"starters_dir": None})
    return options, sorted(problems)


PLACES = ("journeys_dir", "personas_dir", "owners_file", "evidence_file")
"""The options that name a place in the docs folder, each its own (no two overlap)."""


def _check_places(options: Options, given: set[str], locate: Locate, problems: list[Problem]) -> Options:
    """The places of the content inside the docs folder, apart from each other: a place outside
    it, the docs folder itself, or a place inside another is reported (the one ``given`` in
    mkdocs.yml, not a default) and its default applies."""
    kept: dict[str, str] = {}
    for name in sorted(PLACES, key=lambda n: n in given):
        value = str(getattr(options, name))
        parts = [part for part in value.replace("\\", "/").split("/") if part not in ("", ".")]
        clean = "/".join(parts)
        overlap = next(filter(None, (_overlap(clean, o, v) for o, v in kept.items())), None)
        if value.startswith(("/", "\\")) or value[1:2] == ":" or ".." in parts:
            wrong = "which is outside the docs folder"
        elif not clean:
            wrong = "which is the docs folder itself"
        elif overlap is not None:
            wrong = overlap
        else:
            kept[name] = clean
            continue
        default = Options.model_fields[name].default
        problems.append(
            _at(
                locate((name,)),
                Problem(
                    "",
                    0,
                    0,
                    f"the {PLUGIN_NAME} plugin's option '{name}' names '{value}', {wrong}",
                    f"give a place of its own inside the docs folder, relative to it; until then '{default}' is used",
                ),
            )
        )
        options = options.model_copy(update={name: default})
        kept[name] = default
    return options


def _missing_places(options: Options, locate: Locate, docs_dir: Path) -> list[Problem]:
    """A warning for each place set in mkdocs.yml (not the default: a new portfolio may not have
    its folders yet) that the docs folder does not have: a mistyped folder name would otherwise
    read nothing, and say nothing."""
    problems = []
    for name in PLACES:
        value = str(getattr(options, name))
        path = docs_dir / value
        is_file = name.endswith("_file")
        if value == Options.model_fields[name].default or (path.is_file() if is_file else path.is_dir()):
            continue
        what = "file" if is_file else "folder"
        where = locate((name,))
        problems.append(
            Problem(
                where.file,
                where.line,
                where.column,
                f"the {PLUGIN_NAME} plugin's option '{name}' names '{value}', but the docs folder has no such {what}",
                f"check the name (it is relative to the docs folder); until the {what} is there, nothing is read "
                "from it",
                severity=Severity.WARNING,
            )
        )
    return problems


def _overlap(place: str, other: str, other_place: str) -> str | None:
    """How ``place`` overlaps the place of the option ``other``, if it does."""
    if place == other_place:
        return f"the place the option '{other}' names too"
    if place.startswith(other_place + "/"):
        return f"which is inside the place of the option '{other}' ('{other_place}')"
    if other_place.startswith(place + "/"):
        return f"which holds the place of the option '{other}' ('{other_place}')"
    return None


def _check_lanes(lanes: Mapping[Any, Any], locate: Locate, problems: list[Problem]) -> dict[str, LaneDef]:
    """The site's lanes without the wrong ones (a reserved or invalid key, a wrong value) and
    without an ``after:`` that names no lane; a problem for each."""
    kept: dict[str, LaneDef] = {}
    for key, value in lanes.items():
        try:
            kept[key] = Options.model_validate({"lanes": {key: value}}).lanes[key]
        except ValidationError as exc:
            problems += [_problem(locate, err) for err in exc.errors(include_url=False)]
            continue
        if key in RESERVED_KEYS:
            del kept[key]
            problems.append(
                _at(
                    locate(("lanes", key), key=True),
                    Problem(
                        "",
                        0,
                        0,
                        f"the {PLUGIN_NAME} plugin's option 'lanes' cannot use '{key}' as a lane name: "
                        "it is a fixed part of every stage",
                        "choose another name; until then the site is built without this lane",
                    ),
                )
            )
    known = [*LANES, *custom_lane_keys(kept)]
    for key, lane in list(kept.items()):
        if lane.after and lane.after not in known:
            kept[key] = lane.model_copy(update={"after": None})
            close = did_you_mean(lane.after, known)
            hint = "name a built-in lane or one declared under 'lanes'" + (
                f" ({close})" if close.startswith("did") else ""
            )
            problems.append(
                _at(
                    locate(("lanes", key, "after")),
                    Problem(
                        "",
                        0,
                        0,
                        f"the {PLUGIN_NAME} plugin's option 'lanes': 'after: {lane.after}' of the lane '{key}' "
                        "names no lane",
                        f"{hint}; until then the lane keeps its usual place",
                    ),
                )
            )
    return kept


def _at(where: Place, problem: Problem) -> Problem:
    return Problem(where.file, where.line, where.column, problem.message, problem.hint)


def _unknown(name: str) -> Problem:
    hint = did_you_mean(name, Options.model_fields)
    return Problem(
        "",
        0,
        0,
        f"the {PLUGIN_NAME} plugin has no option '{name}'",
        hint if hint.startswith("did") else "see the plugin options in the README",
    )


def _problem(locate: Locate, err: Any) -> Problem:
    parts = list(err["loc"])
    if "[key]" in parts:  # a key of a mapping, e.g. a lane of 'lanes'
        key = parts[parts.index("[key]") - 1]
        return _at(
            locate(tuple(parts[: parts.index("[key]")]), key=True),
            Problem(
                "",
                0,
                0,
                f"the {PLUGIN_NAME} plugin's option '{parts[0]}' has an invalid key '{key}'",
                "lane keys are lowercase letters, digits and underscores, e.g. 'systems'",
            ),
        )
    loc = ".".join(str(part) for part in parts)
    where = locate(tuple(parts), key=err["type"] == "extra_forbidden")
    if err["type"] == "extra_forbidden" and len(parts) == 3 and parts[0] == "lanes":
        hint = did_you_mean(str(parts[2]), ("title", "prompt", "after"))
        return _at(
            where,
            Problem(
                "",
                0,
                0,
                f"the {PLUGIN_NAME} plugin's option 'lanes': the lane '{parts[1]}' has no setting '{parts[2]}'",
                hint if hint.startswith("did") else "a lane has a 'title', a 'prompt' and an 'after'",
            ),
        )
    value = err.get("input")
    if parts == ["today"]:
        return _at(
            where,
            Problem(
                "",
                0,
                0,
                f"the {PLUGIN_NAME} plugin's option 'today' is not a date (not {value!r})",
                "write it as YYYY-MM-DD, e.g. today: 2026-11-24, or leave it out to judge reviews against today",
            ),
        )
    shown = f" (not {value!r})" if not isinstance(value, (dict, list)) else ""
    return _at(
        where,
        Problem(
            "",
            0,
            0,
            f"the {PLUGIN_NAME} plugin's option '{loc}' is invalid: {err['msg'][0].lower()}{err['msg'][1:]}{shown}",
            "see the plugin options in the README",
        ),
    )
