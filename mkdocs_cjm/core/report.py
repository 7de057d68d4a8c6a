"""Validation results for people and for tools: plain lines, GitHub Actions annotations, JSON.

Paths are shown relative to the folder the command runs in, so editors can click them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .assembly.portfolio import Portfolio
from .problems import Problem, Severity, one_line
from .project import Project
from .validation.files import parse_map


@dataclass(frozen=True)
class Outcome:
    """The problems of a portfolio and what was read."""

    project: Project
    portfolio: Portfolio
    maps: int
    personas: int
    owners: int

    @property
    def problems(self) -> list[Problem]:
        return self.portfolio.problems

    @property
    def errors(self) -> int:
        return len(self.portfolio.errors)

    @property
    def warnings(self) -> int:
        return len(self.portfolio.warnings)

    @property
    def empty(self) -> bool:
        return self.maps == 0 and self.personas == 0


def validate_project(project: Project) -> Outcome:
    """Load the portfolio with the plugin's own loader and count what it holds."""
    portfolio = project.load()
    journeys = project.layout.journeys_dir.strip("/") + "/"
    personas = project.layout.personas_dir.strip("/") + "/"
    return Outcome(
        project,
        portfolio,
        maps=sum(1 for s in portfolio.sources if s.startswith(journeys)),
        personas=sum(1 for s in portfolio.sources if s.startswith(personas)),
        owners=len(portfolio.owners),
    )


def file_problems(project: Project, path: Path) -> tuple[list[Problem], bool]:
    """The problems of one file, and whether it lies inside the portfolio. Inside, it is checked
    with the whole portfolio (references included); outside, as a map on its own."""
    try:
        rel = path.resolve().relative_to(project.root).as_posix()
    except ValueError:
        parsed = parse_map(path, str(path.resolve()), project.site_lanes, project.today)
        return parsed.problems, False
    portfolio = project.load()
    return [p for p in portfolio.problems if p.file == rel], True


def display_path(project: Project, problem: Problem, cwd: Path) -> str:
    """The problem's file as a path from ``cwd`` (``/`` separators)."""
    path = Path(problem.file)
    if not path.is_absolute():
        path = project.root / path
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        rel = str(path)
    return one_line(rel.replace(os.sep, "/"))


def problem_line(project: Project, problem: Problem, cwd: Path) -> str:
    """``file:line:column: error|warning: message — hint`` with the file relative to ``cwd``."""
    text = (
        f"{display_path(project, problem, cwd)}:{problem.line}:{problem.column}: "
        f"{problem.severity.value}: {problem.message}"
    )
    return text + (f" — {problem.hint}" if problem.hint else "")


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary(outcome: Outcome) -> str:
    """``13 maps, 4 personas, 11 owners: 2 errors, 1 warning``."""
    found = ", ".join(
        [plural(outcome.maps, "map"), plural(outcome.personas, "persona"), plural(outcome.owners, "owner")]
    )
    if not outcome.problems:
        return f"{found}: no problems"
    return f"{found}: {plural(outcome.errors, 'error')}, {plural(outcome.warnings, 'warning')}"


def text_report(outcome: Outcome, cwd: Path) -> list[str]:
    return [problem_line(outcome.project, p, cwd) for p in outcome.problems] + [summary(outcome)]


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def github_report(outcome: Outcome, cwd: Path) -> list[str]:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lines = []
    for p in outcome.problems:
        props = [f"file={_gh_property(display_path(outcome.project, p, cwd))}"]
        if p.line:
            props.append(f"line={p.line}")
            if p.column:
                props.append(f"col={p.column}")
        kind = "Journey map content error" if p.severity is Severity.ERROR else "Journey map content warning"
        props.append(f"title={_gh_property(kind)}")
        message = p.message + (f" — {p.hint}" if p.hint else "")
        lines.append(f"::{p.severity.value} {','.join(props)}::{_gh_data(message)}")
    lines.append(summary(outcome))
    return lines


def json_report(outcome: Outcome, cwd: Path) -> str:
    document = {
        "ok": outcome.errors == 0,
        "summary": {
            "maps": outcome.maps,
            "personas": outcome.personas,
            "owners": outcome.owners,
            "errors": outcome.errors,
            "warnings": outcome.warnings,
            "text": summary(outcome),
        },
        "problems": [{**p.to_dict(), "file": display_path(outcome.project, p, cwd)} for p in outcome.problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
