"""Validation results for people and for tools: plain lines, GitHub Actions annotations, JSON.

Paths are shown relative to the folder the command runs in, so editors can click them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .assembly.portfolio import Portfolio
from .pages.base import SiteOptions
from .pages.collisions import collisions
from .pages.site import SiteRenderer
from .problems import Problem, Severity, one_line
from .project import Project
from .reading.discovery import Layout, is_private
from .render.urls import Routes
from .starters import load_starters
from .validation.files import parse_map
from .validation.reviews import review_problems

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd"})
"""The files MkDocs makes pages of."""


@dataclass(frozen=True)
class Outcome:
    """The problems of a portfolio and what was read."""

    project: Project
    portfolio: Portfolio
    maps: int
    personas: int
    owners: int
    problems: list[Problem] = field(default_factory=list)
    """Every problem the site build reports: the options', the content files', the site's own
    starters' and the links'."""

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.WARNING)

    @property
    def notices(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.NOTICE)

    @property
    def empty(self) -> bool:
        return self.maps == 0 and self.personas == 0


def validate_project(project: Project, only: str | None = None, *, due_days: int | None = None) -> Outcome:
    """Check the portfolio as the site build does: the plugin's options, every content file with
    the build's loader, the site's own starters, and every link the pages make. With ``only``
    (a content file, relative to the docs folder), the problems of that file alone, checked in
    its portfolio. Reviews are checked too (:mod:`~mkdocs_cjm.core.validation.reviews`): a
    review due within ``due_days`` (default: the ``review_due_days`` option) is noted."""
    if due_days is None:
        due_days = project.options.review_due_days
    portfolio = project.load()
    problems = [
        *project.problems,
        *portfolio.problems,
        *starter_problems(project),
        *link_problems(project, portfolio),
        *review_problems(portfolio, overdue=project.options.overdue_reviews, due_days=due_days),
    ]
    return outcome_of(project, portfolio, problems, only)


def outcome_of(project: Project, portfolio: Portfolio, problems: list[Problem], only: str | None = None) -> Outcome:
    """The outcome of checking ``portfolio``: its ``problems`` (those of the file ``only``, when
    given) and what was read."""
    journeys = project.layout.journeys_dir.strip("/") + "/"
    personas = project.layout.personas_dir.strip("/") + "/"
    if only is not None:
        problems = [p for p in problems if p.file == only]
    sources = [s for s in portfolio.sources if only is None or s == only]
    return Outcome(
        project,
        portfolio,
        maps=sum(1 for s in sources if s.startswith(journeys)),
        personas=sum(1 for s in sources if s.startswith(personas)),
        owners=len(portfolio.owners) if only is None or only == project.layout.owners_file else 0,
        problems=sorted(problems),
    )


def starter_problems(project: Project) -> list[Problem]:
    """The problems of the site's own starters (``starters_dir``); the bundled ones are the
    plugin's, never the site's."""
    folder = project.starters_dir
    if folder is None:
        return []
    starters = load_starters(folder, project.site_lanes, project.today, project.site_url)
    return [p for starter in starters.values() for p in starter.problems]


def site_files(root: Path, sources: Iterable[str], layout: Layout) -> tuple[frozenset[str], frozenset[str]]:
    """The docs folder's pages and other files as MkDocs finds them (without dot-files, the
    content files, which are never published as they are, and private files under the portfolio
    folders), relative to ``root``."""
    skip = set(sources)
    pages: set[str] = set()
    others: set[str] = set()
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            rel = Path(folder, name).relative_to(root).as_posix()
            if name.startswith(".") or rel in skip or is_private(rel, layout):
                continue
            (pages if Path(name).suffix.lower() in MARKDOWN_SUFFIXES else others).add(rel)
    return frozenset(pages), frozenset(others)


def link_problems(project: Project, portfolio: Portfolio) -> list[Problem]:
    """The problems the build finds as it writes the pages (links that point nowhere): every
    generated page is rendered, as the build renders it."""
    portfolio = portfolio.published(project.options.publish_drafts)
    pages, others = site_files(project.root, portfolio.sources, project.layout)
    options = SiteOptions.of(
        project.options,
        use_directory_urls=project.use_directory_urls,
        home=project.options.home and "index.md" not in pages,
        doc_pages=pages,
        static_files=others,
    )
    renderer = SiteRenderer(portfolio, routes=Routes(), options=options, site_lanes=project.site_lanes)
    specs = list(renderer.pages())
    clashes = collisions(pages, specs, project.use_directory_urls)
    left_out = {spec.src for spec in specs} & pages | {p.file for p in clashes}
    rendered = [p for spec in specs if spec.src not in left_out for p in renderer.render(spec).problems]
    return clashes + rendered


def file_problems(project: Project, path: Path) -> tuple[list[Problem], bool]:
    """The problems of one file, and whether it lies inside the portfolio. Inside, it is checked
    with the whole portfolio (references and links included); outside, as a map on its own."""
    try:
        rel = path.resolve().relative_to(project.root).as_posix()
    except ValueError:
        parsed = parse_map(path, str(path.resolve()), project.site_lanes, project.today)
        return parsed.problems, False
    return validate_project(project, only=rel).problems, True


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
    counts = [plural(outcome.errors, "error"), plural(outcome.warnings, "warning")]
    if outcome.notices:
        counts.append(plural(outcome.notices, "notice"))
    return f"{found}: {', '.join(counts)}"


def text_report(outcome: Outcome, cwd: Path) -> list[str]:
    return [problem_line(outcome.project, p, cwd) for p in outcome.problems] + [summary(outcome)]


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


ANNOTATION_TITLES = {
    Severity.ERROR: "Journey map content error",
    Severity.WARNING: "Journey map content warning",
    Severity.NOTICE: "Journey map notice",
}


def github_report(outcome: Outcome, cwd: Path) -> list[str]:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lines = []
    for p in outcome.problems:
        props = [f"file={_gh_property(display_path(outcome.project, p, cwd))}"]
        if p.line:
            props.append(f"line={p.line}")
            if p.column:
                props.append(f"col={p.column}")
        props.append(f"title={_gh_property(ANNOTATION_TITLES[p.severity])}")
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
            "notices": outcome.notices,
            "text": summary(outcome),
        },
        "problems": [{**p.to_dict(), "file": display_path(outcome.project, p, cwd)} for p in outcome.problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
