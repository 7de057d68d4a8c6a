"""``mkdocs-cjm``: check, create, import and export journey maps from the command line.

A thin layer over :mod:`mkdocs_cjm.core`: it finds the portfolio, calls the core, and prints
what happened in words an editor can act on. Exit codes: 0 success, 1 content problems or a
refused action, 2 a mistake in the command itself.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .cli_support import _cwd, _fail, _friendly, _project, config_option, format_option, print_outcome, project_option
from .core.assembly.portfolio import Portfolio
from .core.fields import ID_MAX_LENGTH, ID_PATTERN
from .core.importer import import_file
from .core.maptypes import MapType
from .core.problems import Severity, did_you_mean
from .core.project import Project, config_for, find_config, is_config
from .core.reading.discovery import discover
from .core.report import file_problems, plural, problem_line, validate_project
from .core.schema import MAP_SCHEMA, schema_reference, set_modeline, write_schemas
from .core.starters import default_starters_dir

MAP_TYPES = [t.value for t in MapType]
_ID_HELP = "lowercase letters, digits and hyphens, e.g. 'returns-checkout'"


def _validate_target(path: str | None, config_file: str | None) -> tuple[Project, str | None]:
    """What ``validate PATH`` checks: the project, and the one content file to check (or None
    for all). PATH is a configuration file, a folder, or a content file; a content file is
    checked in the portfolio of ``--config-file``, else of the nearest configuration above it
    whose docs folder holds it, else of the one in the current folder."""
    target = Path(path) if path is not None else None
    if target is None or target.is_dir() or (config_file is None and is_config(target)):
        return _project(path, config_file, quiet=True), None
    config = Path(config_file) if config_file else config_for(target) or find_config(_cwd())
    if config is None:
        _fail(f"{_show(target)} is in no portfolio: give its configuration with --config-file", 2)
    project = _project(None, str(config), quiet=True)
    try:
        rel = target.resolve().relative_to(project.root).as_posix()
    except ValueError:
        _fail(f"{_show(target)} is not in the docs folder of {_show(config)} ({_show(project.root)})", 2)
    return project, rel


def _check_id(ident: str, what: str) -> str:
    if not re.match(ID_PATTERN, ident):
        raise click.BadParameter(f"'{ident}' is not a valid {what} id: use {_ID_HELP}")
    if len(ident) > ID_MAX_LENGTH:
        raise click.BadParameter(f"the {what} id is {len(ident)} characters long: use at most {ID_MAX_LENGTH}")
    return ident


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="mkdocs-cjm", prog_name="mkdocs-cjm")
def main() -> None:
    """Check, create, import and export the journey maps of an mkdocs_cjm portfolio.

    \b
    Examples:
      mkdocs-cjm validate                      check everything mkdocs.yml points at
      mkdocs-cjm new current-state returns-online --persona priya-shah
      mkdocs-cjm import board.tsv --id returns --persona priya-shah --owner cx-research
      mkdocs-cjm export first-week-setup --format mermaid
      mkdocs-cjm schema                        write the JSON Schemas for editor completion
      mkdocs-cjm diff first-week-setup origin/main   what a branch changed in a map

    Run 'mkdocs-cjm COMMAND --help' for the options of a command.
    """


# -- validate ---------------------------------------------------------------------------------


@main.command(short_help="Check every map, persona and owner; list every problem.")
@click.argument("path", required=False, type=click.Path(exists=True))
@format_option("text for people, github for GitHub Actions annotations, json for tools.")
@click.option("--strict", is_flag=True, help="Fail on warnings too, like 'mkdocs build --strict'.")
@click.option(
    "--due-within",
    type=click.IntRange(0, 3660),
    metavar="DAYS",
    help="Note maps whose review falls due within DAYS (default: the review_due_days option, 30; 0: none).",
)
@config_option
def validate(path: str | None, fmt: str, strict: bool, due_within: int | None, config_file: str | None) -> None:
    """Check every persona, owner and map, and list every problem at once.

    PATH is a configuration file (mkdocs.yml, properdocs.yml), a folder holding one or a
    portfolio folder (default: ./mkdocs.yml, whose docs_dir and cjm plugin options are used);
    or one content file, checked on its own in its portfolio. Problems are printed as

      file:line:column: error|warning: message — hint

    followed by a summary. The check is the one the site build makes: the plugin's options
    (INHERIT included), every content file, the site's own starters and every link. It also
    checks reviews, which the build leaves to the site: a map overdue for review is a warning
    naming its owner (an error with the overdue_reviews: error option), and a review due within
    --due-within days a notice (notices never fail).

    \b
    Exit codes: 0 no errors (warnings alone pass, unless --strict),
                1 errors found, 2 a mistake in the command.

    \b
    Examples:
      mkdocs-cjm validate
      mkdocs-cjm validate content
      mkdocs-cjm validate --strict --format github mkdocs.yml
      mkdocs-cjm validate docs/journeys/first-week-setup.yml
    """
    with _friendly():
        project, only = _validate_target(path, config_file)
        if not project.root.is_dir():
            _fail(f"the docs folder {project.root} does not exist; check docs_dir in {project.config_file}")
        outcome = validate_project(project, only, due_days=due_within)
    print_outcome(outcome, fmt)
    if fmt != "json" and outcome.empty and only is None:
        click.echo(
            f"no journey maps or personas found under {project.root} "
            f"(looked in {project.layout.journeys_dir}/ and {project.layout.personas_dir}/)"
        )
    failed = outcome.errors > 0 or (strict and outcome.warnings > 0) or (outcome.empty and only is None)
    sys.exit(1 if failed else 0)


# -- new ----------------------------------------------------------------------------------------


def _known_ids(
    project: Project, portfolio: Portfolio | None = None
) -> tuple[set[str], set[str], dict[str, MapType], dict[str, str]]:
    """Persona ids, owner ids, map types by id, and each persona's owner."""
    if portfolio is None:
        portfolio = project.load()
    personas = set(portfolio.personas) | {Path(r).stem for _, r in discover(project.root, project.layout.personas_dir)}
    maps = {m.id: m.model.type for m in portfolio.maps.values()}
    persona_owners = {p.id: p.model.owner for p in portfolio.personas.values() if p.model.owner}
    return personas, set(portfolio.owners), maps, persona_owners


def _require(value: str, known: set[str], what: str, how: str) -> None:
    if value in known:
        return
    hint = did_you_mean(value, known)
    if not known:
        hint = f"there is no {what} yet; {how}"
    _fail(f"unknown {what} '{value}'" + (f" — {hint}" if hint else ""))


def _refuse_existing(project: Project, folder: Path, ident: str, what: str) -> None:
    for path, _ in discover(project.root, str(folder.relative_to(project.root))):
        if path.stem == ident:
            _fail(
                f"a {what} with the id '{ident}' already exists: {_show(path)} — choose another id, or edit that file"
            )


def _show(path: Path) -> str:
    try:
        return os.path.relpath(path, _cwd()).replace(os.sep, "/")
    except ValueError:
        return str(path)


def _modeline(project: Project, target: Path) -> str:
    """The schema reference for a new map: the site's copy, or a local one (written if missing)."""
    if project.site_url:
        return schema_reference(MAP_SCHEMA, target, site_url=project.site_url)
    existed = (project.schema_dir / MAP_SCHEMA).is_file()
    write_schemas(project.schema_dir)  # refreshed, so it matches this version of the plugin
    if not existed:
        click.echo(f"Wrote the JSON Schemas to {_show(project.schema_dir)}/ for editor completion.")
    return schema_reference(MAP_SCHEMA, target, local_dir=project.schema_dir)


def _report_file(project: Project, path: Path) -> bool:
    """Check one written file with the loader and print the result. True if it has no error."""
    problems, inside = file_problems(project, path)
    if not inside:
        click.echo(f"note: {_show(path)} is outside the portfolio, so its persona and owner ids were not checked")
    for problem in problems:
        click.echo(problem_line(project, problem, _cwd()))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        click.echo(f"{_show(path)} has {plural(len(errors), 'error')}: fix them before opening a pull request.")
        return False
    click.echo(f"{_show(path)} is valid" + (f" ({plural(len(problems), 'warning')})." if problems else "."))
    return True


def _starter(project: Project, name: str) -> str:
    """A starter of the site's own gallery (the plugin's ``starters_dir``), else the bundled one."""
    own = project.starters_dir / name if project.starters_dir else None
    path = own if own is not None and own.is_file() else default_starters_dir() / name
    return path.read_text(encoding="utf-8")


def _write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # never overwrite
        handle.write(text)


@main.command(short_help="Create a map or a persona from a starter.")
@click.argument("kind", metavar="TYPE", type=click.Choice([*MAP_TYPES, "persona"]))
@click.argument("ident", metavar="ID")
@click.option("--persona", help="Map: the persona's id (a file in personas/).")
@click.option(
    "--owner",
    help="Map: the owner's id from owners.yml (default: the persona's owner). "
    "Persona: who keeps it up to date (optional).",
)
@click.option("--title", help="Map: its title (default: the starter's placeholder).")
@click.option("--improves", help="Future-state map: the id of the current-state map it improves.")
@click.option("--name", help="Persona: the full name (default: from the id).")
@project_option
@config_option
def new(
    kind: str,
    ident: str,
    persona: str | None,
    owner: str | None,
    title: str | None,
    improves: str | None,
    name: str | None,
    project_path: str | None,
    config_file: str | None,
) -> None:
    """Create a map or a persona from the template gallery's starter.

    TYPE is current-state, future-state, day-in-the-life, service-blueprint or persona; ID
    becomes the file name and the web address. The new file keeps the starter's comments, is
    filled in with the ids you give and today's date, and is checked right away. An existing
    file is never overwritten.

    \b
    Examples:
      mkdocs-cjm new current-state returns-online --persona priya-shah --owner cx-research \\
          --title "Returning an online order"
      mkdocs-cjm new future-state returns-online-future --persona priya-shah \\
          --improves returns-online
      mkdocs-cjm new persona sam-lee --name "Sam Lee" --owner cx-research
    """
    _check_id(ident, "map" if kind != "persona" else "persona")
    with _friendly():
        project = _project(project_path, config_file)
        personas, owners, maps, persona_owners = _known_ids(project)
        if kind == "persona":
            _new_persona(project, ident, name, owner, owners)
            return
        if not persona:
            _fail(
                "a map needs --persona <persona id>"
                + (f"; the personas are: {', '.join(sorted(personas))}" if personas else ""),
                2,
            )
        _require(persona, personas, "persona", "create one with 'mkdocs-cjm new persona <id>'")
        owner = owner or persona_owners.get(persona)
        if not owner:
            _fail(
                "a map needs an owner: give --owner <owner id>"
                + (f"; the owners are: {', '.join(sorted(owners))}" if owners else ""),
                2,
            )
        _require(owner, owners, "owner", f"declare it in {project.layout.owners_file}")
        _check_improves(kind, improves, maps)
        ok = _new_map(project, kind, ident, persona, owner, title, improves)
    sys.exit(0 if ok else 1)


def _check_improves(kind: str, improves: str | None, maps: dict[str, MapType]) -> None:
    """A future-state map names the current-state map it improves; no other map does."""
    if kind == MapType.FUTURE_STATE.value:
        current = {k for k, t in maps.items() if t is MapType.CURRENT_STATE}
        if not improves:
            _fail(
                "a future-state map needs --improves <current-state map id>"
                + (f"; the current-state maps are: {', '.join(sorted(current))}" if current else ""),
                2,
            )
        _require(improves, current, "current-state map", "create the current-state map first")
    elif improves:
        _fail("--improves is only for future-state maps", 2)


def _new_map(
    project: Project, kind: str, ident: str, persona: str, owner: str, title: str | None, improves: str | None
) -> bool:
    """Write the new map from its starter and check it; True when it has no error."""
    from .core.scaffold import new_map_text

    _refuse_existing(project, project.journeys, ident, "map")
    target = project.journeys / f"{ident}.yml"
    text = new_map_text(
        _starter(project, f"{kind}.yml"),
        map_id=ident,
        persona=persona,
        owner=owner,
        today=project.today,
        title=title,
        improves=improves,
    )
    _write_new(target, set_modeline(text, _modeline(project, target)))
    click.echo(f"Created {_show(target)} ({kind} map of {persona}, owned by {owner}).")
    ok = _report_file(project, target)
    click.echo(
        "Next: replace the placeholder text, then run 'mkdocs-cjm validate' and preview with "
        "'make serve' (or 'mkdocs serve')."
    )
    return ok


def _new_persona(project: Project, ident: str, name: str | None, owner: str | None, owners: set[str]) -> None:
    from .core.scaffold import name_from_id, new_persona_text

    if owner:
        _require(owner, owners, "owner", f"declare it in {project.layout.owners_file}")
    _refuse_existing(project, project.personas, ident, "persona")
    target = project.personas / f"{ident}.md"
    text = new_persona_text(_starter(project, "persona.md"), name=name or name_from_id(ident), owner=owner)
    _write_new(target, text)
    click.echo(f"Created {_show(target)}.")
    ok = _report_file(project, target)
    click.echo("Next: write the profile, then list the persona under 'personas:' in its maps.")
    sys.exit(0 if ok else 1)


# -- import -------------------------------------------------------------------------------------


@main.command("import", short_help="Turn a whiteboard export into a map file.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--id", "ident", required=True, help="The new map's id (its file name).")
@click.option("--persona", required=True, help="The persona's id.")
@click.option("--owner", required=True, help="The owner's id from owners.yml.")
@click.option("--title", help="The map's title (default: made from the id).")
@click.option(
    "--out", type=click.Path(dir_okay=False), help="Where to write the map (default: <journeys folder>/<id>.yml)."
)
@project_option
@config_option
def import_(
    file: str,
    ident: str,
    persona: str,
    owner: str,
    title: str | None,
    out: str | None,
    project_path: str | None,
    config_file: str | None,
) -> None:
    """Turn a whiteboard export or a spreadsheet of a journey map into a map file.

    FILE is a tab-separated export of the "customer experience journey map" template, or a
    sheet saved as CSV (stages as columns, lanes as rows, a cell's items on separate lines).
    Every item is kept; lanes the format does not know become custom lanes. The new map is
    written as a draft (never over an existing file), then checked.

    \b
    Examples:
      mkdocs-cjm import stock-board.txt --id stock-take --persona priya-shah --owner stock-squad
      mkdocs-cjm import board.txt --id returns --persona sam-lee --owner cx --out drafts/returns.yml
    """
    _check_id(ident, "map")
    with _friendly():
        project = _project(project_path, config_file)
        portfolio = project.load()
        personas, owners, _, _ = _known_ids(project, portfolio)
        _require(persona, personas, "persona", "create one with 'mkdocs-cjm new persona <id>'")
        _require(owner, owners, "owner", f"declare it in {project.layout.owners_file}")
        target = Path(out) if out else project.journeys / f"{ident}.yml"
        if target.suffix.lower() not in (".yml", ".yaml"):
            _fail(
                f"{_show(target)}: an imported map is written as YAML — give --out a .yml name "
                "(to add a narrative, rename it to .md afterwards and put the YAML between --- lines)"
            )
        if target.exists():
            _fail(f"{_show(target)} already exists — choose another --id or --out, or delete the file first")
        if not out:
            _refuse_existing(project, project.journeys, ident, "map")
        source = Path(file)
        # New opportunity ids must not clash with any already in the portfolio.
        taken = set(portfolio.opportunities)
        imported = import_file(
            source, source=source.name, map_id=ident, persona=persona, owner=owner, title=title, taken_ids=taken
        )
        text = set_modeline(imported.text, _modeline(project, target))
        _write_new(target, text)
        _say_imported(imported.report, source, target)
        ok = _report_file(project, target)
    sys.exit(0 if ok else 1)


def _say_imported(report: Any, source: Path, target: Path) -> None:
    line = (
        f"Imported {_show(source)} → {_show(target)}: {plural(report.stages, 'stage')} × "
        f"{plural(report.lanes, 'lane')}, {plural(report.items, 'item')}"
    )
    if getattr(report, "scores", 0):
        line += f", {plural(report.scores, 'emotion score')}"
    if report.custom_lanes:
        line += f"; custom lanes: {', '.join(report.custom_lanes)}"
    click.echo(line + ".")
    for warning in report.warnings:
        click.echo(f"check: {warning}")


# -- export -------------------------------------------------------------------------------------


@main.command(short_help="Export a map, or the portfolio, as JSON, CSV or Mermaid.")
@click.argument("map_id", metavar="MAP", required=False)
@click.option("--all", "everything", is_flag=True, help="Export the whole portfolio (JSON only).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "mermaid"]),
    default="json",
    show_default=True,
    help="json: all the data; csv: the grid, a row per lane; mermaid: a journey diagram.",
)
@click.option("--out", type=click.Path(dir_okay=False), help="Write to this file instead of the screen.")
@project_option
@config_option
def export(
    map_id: str | None, everything: bool, fmt: str, out: str | None, project_path: str | None, config_file: str | None
) -> None:
    """Export a map (or, with --all, the whole portfolio) for other tools.

    MAP is a map id (or its file). Only maps without errors can be exported; run
    'mkdocs-cjm validate' to see what is wrong with the others.

    \b
    Examples:
      mkdocs-cjm export first-week-setup --format csv --out first-week-setup.csv
      mkdocs-cjm export first-week-setup --format mermaid
      mkdocs-cjm export --all --format json --out portfolio.json
    """
    from .core import export as exporter

    if everything == bool(map_id):
        _fail("give either a MAP id or --all", 2)
    if everything and fmt != "json":
        _fail("--all exports JSON only; use --format json", 2)
    with _friendly():
        project = _project(project_path, config_file)
        portfolio = project.load()
        if everything:
            text = exporter.to_json(exporter.portfolio_data(portfolio))
            what = (
                f"{plural(len(portfolio.maps), 'map')}, {plural(len(portfolio.personas), 'persona')}, "
                f"{plural(len(portfolio.owners), 'owner')}"
            )
        else:
            assert map_id is not None
            ident = Path(map_id).stem if map_id.endswith((".yml", ".yaml", ".md", ".markdown")) else map_id
            entry = portfolio.maps.get(ident)
            if entry is None:
                known = {Path(r).stem for _, r in discover(project.root, project.layout.journeys_dir)}
                if ident in known:
                    _fail(
                        f"the map '{ident}' has errors, so it cannot be exported — "
                        "run 'mkdocs-cjm validate' to see them"
                    )
                hint = (
                    did_you_mean(ident, portfolio.maps)
                    or f"a map's id is its file name in {project.layout.journeys_dir}/, without .yml or .md"
                )
                _fail(f"there is no map '{ident}' — {hint}")
            names = {p.id: p.model.name for p in portfolio.personas.values()}
            render: dict[str, Callable[[], str]] = {
                "json": lambda: exporter.to_json(exporter.map_data(entry)),
                "csv": lambda: exporter.map_csv(entry),
                "mermaid": lambda: exporter.map_mermaid(entry, names),
            }
            text = render[fmt]()
            what = f"'{entry.model.title}'"
        if out:
            Path(out).write_text(text, encoding="utf-8", newline="")
            click.echo(f"Exported {what} as {fmt} to {_show(Path(out))}.", err=True)
        else:
            click.echo(text, nl=False)


# -- schema -------------------------------------------------------------------------------------


@main.command(short_help="Write the JSON Schemas for editor completion.")
@click.option(
    "--out", type=click.Path(file_okay=False), help="Folder to write to (default: schema/ next to mkdocs.yml)."
)
@project_option
@config_option
def schema(out: str | None, project_path: str | None, config_file: str | None) -> None:
    """Write the JSON Schemas of map, persona and owners files.

    Editors with a YAML language server (VS Code's YAML extension, JetBrains IDEs, Neovim…)
    use them for completion and checks as you type, when a file's first line is

      # yaml-language-server: $schema=<path or address of map.schema.json>

    'mkdocs-cjm new' and 'mkdocs-cjm import' write that line for you. The built site
    publishes the same schemas under assets/cjm/schema/.

    \b
    Examples:
      mkdocs-cjm schema
      mkdocs-cjm schema --out .vscode/schemas
    """
    with _friendly():
        if out:
            folder = Path(out)
        else:
            folder = _project(project_path, config_file).schema_dir
        for path in write_schemas(folder):
            click.echo(f"Wrote {_show(path)}")


# -- diff ---------------------------------------------------------------------------------------


@main.command(short_help="What changed in a map since a git revision, in map terms.")
@click.argument("map_id", metavar="MAP")
@click.argument("rev", metavar="REV", default="HEAD")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people (a pull-request comment), json for tools.",
)
@project_option
@config_option
def diff(map_id: str, rev: str, fmt: str, project_path: str | None, config_file: str | None) -> None:
    """Compare a map as it is now (the file in the working tree) with its version at REV.

    MAP is a map id or its file; REV a commit, branch or tag (default: HEAD, the last commit).
    The changes are those of the journey page's Changes section: stages added, removed and
    renamed; steps and lane items added and removed, per stage and lane; the emotion score of
    each stage; opportunities added, removed, or whose status changed.

    \b
    Exit codes: 0 compared (with or without changes), 1 the map, its version at REV or the
                repository cannot be read, 2 a mistake in the command (an unknown revision).

    \b
    Examples:
      mkdocs-cjm diff first-week-setup
      mkdocs-cjm diff content/journeys/first-week-setup.yml origin/main
      mkdocs-cjm diff stock-management HEAD~3 --format json
    """
    from .core.history import describe
    from .core.history.revision import RevisionError, diff_revision
    from .core.validation.files import map_version

    with _friendly():
        project = _project(project_path, config_file)
        path = _map_file(project, map_id)
        rel = path.resolve().relative_to(project.root.resolve()).as_posix()
        current = map_version(path.read_bytes(), rel, project.site_lanes)
        if current is None:
            _fail(f"{_show(path)} is not a map that loads — run 'mkdocs-cjm validate {_show(path)}' to see why")
        try:
            found = diff_revision(project.root, rel, current, rev, site_lanes=project.site_lanes)
        except RevisionError as exc:
            _fail(str(exc), 2 if exc.usage else 1)
    lines = describe(found.diff) if found.diff is not None else []
    if fmt == "json":
        document = {
            "map": rel,
            "rev": rev,
            "commit": found.sha,
            "new": found.diff is None,
            "changes": [{"kind": line.kind, "text": line.text} for line in lines],
        }
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    where = f"{_show(path)} against {rev} ({found.sha[:7]})"
    if found.diff is None:
        click.echo(f"{where}: the file is not at {rev}: a new map (or one renamed since).")
    elif found.diff.empty:
        click.echo(f"{where}: no changes.")
    else:
        click.echo(f"{where}:")
        marks = {"added": "+", "removed": "-", "changed": "~"}
        for line in lines:
            click.echo(f"  {marks.get(line.kind, '~')} {line.text}")


def _map_file(project: Project, map_id: str) -> Path:
    """The file of the map ``map_id``: a path to it, or its id."""
    given = Path(map_id)
    if given.is_file():
        return given
    ident = given.stem if map_id.endswith((".yml", ".yaml", ".md", ".markdown")) else map_id
    portfolio = project.load()
    entry = portfolio.maps.get(ident)
    if entry is not None:
        return project.root / entry.source.path
    found = {p.stem: p for p, _ in discover(project.root, project.layout.journeys_dir)}
    if ident in found:
        return found[ident]
    hint = (
        did_you_mean(ident, found) or f"give a map's id (its file name in {project.layout.journeys_dir}/) or its path"
    )
    _fail(f"there is no map '{map_id}' — {hint}")


def run(argv: list[str] | None = None) -> Any:
    """Entry point of ``python -m mkdocs_cjm``."""
    return main(args=argv, prog_name="mkdocs-cjm")


# -- build-pages (its own module: the generator-ready project) ---------------------------------

from .cli_pages import build_pages  # noqa: E402  # it builds on the helpers above

main.add_command(build_pages)
