"""What every ``mkdocs-cjm`` command shares: finding the project, and turning what can go
wrong into messages and exit codes (0 success, 1 content problems or a refused action, 2 a
mistake in the command itself), never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from .core.config import shown
from .core.problems import ContentError, Problem
from .core.project import Project, find_config, read_project
from .core.report import Outcome, github_report, json_report, problem_line, text_report


def _cwd() -> Path:
    return Path.cwd()


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@contextmanager
def _friendly() -> Iterator[None]:
    """Turn the errors a command can meet into messages and exit codes, never a traceback."""
    try:
        yield
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(_plain_problem(problem), err=True)
        sys.exit(1)
    except OSError as exc:
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        _fail(f"{exc.strerror or exc}{where}")
    except UnicodeDecodeError:
        _fail("a file is not UTF-8 text; save it as UTF-8 and try again")


def _plain_problem(problem: Problem) -> str:
    text = str(replace(problem, file=shown(problem.file, _cwd())))
    if problem.line == 0:
        text = text.replace(":0:0:", ":", 1)
    return text


def _project(path: str | None, config_file: str | None = None, *, quiet: bool = False) -> Project:
    """The project at ``path`` (or of ``config_file``), or the one in the current folder. The
    mistakes in the plugin's options are printed (unless ``quiet``: validate lists them)."""
    if config_file is not None:
        project = read_project(Path(config_file), Path(config_file))
    elif path is None:
        here = _cwd()
        if find_config(here) is None:
            _fail(
                "there is no mkdocs.yml here (nor properdocs.yml); give the portfolio folder or the "
                "configuration file to use, e.g. 'mkdocs-cjm validate docs' or '--config-file site/mkdocs.yml'",
                2,
            )
        project = read_project(here)
    else:
        project = read_project(Path(path))
    if not quiet:
        for problem in project.problems:
            click.echo(problem_line(project, problem, _cwd()), err=True)
    return project


project_option = click.option(
    "-p",
    "--project",
    "project_path",
    type=click.Path(exists=True, dir_okay=True),
    help="The mkdocs.yml, or the portfolio folder (default: ./mkdocs.yml).",
)
config_option = click.option(
    "-f",
    "--config-file",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    help="The site's configuration file, as 'mkdocs build -f' takes it (default: ./mkdocs.yml).",
)


F = TypeVar("F", bound=Callable[..., Any])


def format_option(help_text: str) -> Callable[[F], F]:
    """``--format text|github|json``: how problems are listed (text for people, GitHub Actions
    annotations, JSON for tools)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "github", "json"]),
        default="text",
        show_default=True,
        help=help_text,
    )


def print_outcome(outcome: Outcome, fmt: str) -> None:
    """The problems of ``outcome`` as ``--format`` asks: lines for people, GitHub annotations, JSON."""
    cwd = _cwd()
    if fmt == "json":
        click.echo(json_report(outcome, cwd))
        return
    for line in (github_report if fmt == "github" else text_report)(outcome, cwd):
        click.echo(line)
