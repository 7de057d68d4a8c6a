"""``mkdocs-cjm build-pages``: write the portfolio as a generator-ready project (see
:mod:`mkdocs_cjm.core.standalone`), once or on every change (``--watch``)."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import click

from .cli_support import _fail, _friendly, _project, config_option, format_option, print_outcome
from .core.history import HistoryCache
from .core.problems import ContentError
from .core.project import Project
from .core.report import Outcome
from .core.standalone import ProjectWriter, build_project, check_folder

QUIET_SECONDS = 0.3
"""How long the content must stay unchanged before ``--watch`` builds again (editors save in bursts)."""


def _build(project: Project, out: Path, fmt: str, history: HistoryCache | None = None) -> Outcome:
    writer = ProjectWriter(out)
    outcome = build_project(project, out, writer.put, history)
    written = writer.finish()
    print_outcome(outcome, fmt)
    if fmt != "json":
        click.echo(
            f"{out}: {written.written} files written, {written.unchanged} unchanged, {written.removed} removed; "
            f"build it with 'cd {out} && zensical build' or 'mkdocs build'"
        )
    return outcome


def _watched(project: Project) -> list[Path]:
    paths = [project.root, *project.files]
    for extra in (project.starters_dir, project.custom_dir):
        if extra is not None and extra.is_dir():
            paths.append(extra)
    return paths


def _watch(path: str | None, config_file: str | None, out: Path, fmt: str) -> None:
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()
    history = HistoryCache()  # git is read again only when HEAD moves

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type not in ("opened", "closed_no_write"):
                changed.set()

    project = _project(path, config_file, quiet=True)
    observer = Observer()
    for watched in _watched(project):
        observer.schedule(Handler(), str(watched if watched.is_dir() else watched.parent), recursive=watched.is_dir())
    observer.start()
    click.echo(f"Watching {project.root} for changes (Ctrl+C to stop)")
    try:
        while True:
            changed.wait()
            while changed.is_set():  # until the files have been quiet for a moment
                changed.clear()
                time.sleep(QUIET_SECONDS)
            with _friendly():
                try:
                    _build(_project(path, config_file, quiet=True), out, fmt, history)
                except ContentError as exc:
                    for problem in exc.problems:
                        click.echo(str(problem), err=True)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        observer.join()


@click.command("build-pages", short_help="Write the portfolio as a project any generator builds.")
@click.argument("path", required=False, type=click.Path(exists=True))
@click.option(
    "--out", "out", required=True, type=click.Path(file_okay=False), help="The folder to write the project into."
)
@click.option("--watch", is_flag=True, help="Write again whenever the content or the configuration changes.")
@click.option("--strict", is_flag=True, help="Exit with 1 on warnings too.")
@format_option("How problems are listed, as 'validate' lists them.")
@config_option
def build_pages(path: str | None, out: str, watch: bool, strict: bool, fmt: str, config_file: str | None) -> None:
    """Write the site as a project that Zensical, or MkDocs without this plugin, builds.

    The folder OUT gets an mkdocs.yml (the site's own, without the cjm plugin) and a docs
    folder: the site's own pages and files, every page the plugin makes (maps, personas, owners,
    listings, gallery, home, insights…) as Markdown holding its HTML, the styles, scripts and
    chart, the data files, starters and schemas. Only files whose content changed are written,
    and files an earlier run wrote that are gone are removed; nothing else in OUT is touched.
    Problems are listed as 'validate' lists them.

    \b
    Exit codes: 0 written without errors, 1 errors (or warnings with --strict),
                2 a mistake in the command.

    \b
    Examples:
      mkdocs-cjm build-pages --out build/pages && cd build/pages && zensical build
      mkdocs-cjm build-pages --out build/pages --watch    # beside 'zensical serve' in build/pages
    """
    target = Path(out)
    with _friendly():
        project = _project(path, config_file, quiet=True)
        if not project.root.is_dir():
            _fail(f"the docs folder {project.root} does not exist; check docs_dir in {project.config_file}")
        check_folder(target, project.root, project.base)
        outcome = _build(project, target, fmt)
    if watch:
        _watch(path, config_file, target, fmt)
        return
    failed = outcome.errors > 0 or (strict and outcome.warnings > 0)
    sys.exit(1 if failed else 0)
