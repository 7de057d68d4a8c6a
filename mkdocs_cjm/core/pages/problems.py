"""During a preview (``mkdocs serve``), the page of a content file that does not load lists its
problems where the page would be, instead of a "404 Not Found": the editor sees what to fix in
the browser, and the page comes back on the next save that fixes it. A published site never
has these pages (a broken file is left out and its problems are logged)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any

from ..fields import ID_PATTERN
from ..problems import Problem, Severity
from ..reading.discovery import Layout
from .base import Context, PageKind, PageSpec, RenderedPage


@dataclass
class ProblemsView:
    """What ``cjm/problems.html`` receives."""

    source: str
    """The content file, relative to the docs folder."""
    what: str
    """"map" or "persona"."""
    problems: list[Problem]


def broken_sources(ctx: Context, layout: Layout) -> dict[str, tuple[str, str]]:
    """Each map or persona file with an error and no page of its own: the page it would have
    → (the file, "map" or "persona")."""
    loaded = set(ctx.content_pages)
    failed = sorted({p.file for p in ctx.portfolio.problems if p.severity is Severity.ERROR} - loaded)
    found: dict[str, tuple[str, str]] = {}
    for source in failed:
        if source not in ctx.portfolio.sources:
            continue
        stem = posixpath.splitext(posixpath.basename(source))[0]
        if not re.match(ID_PATTERN, stem):
            continue
        if _under(source, layout.journeys_dir):
            found.setdefault(ctx.routes.journey(stem), (source, "map"))
        elif _under(source, layout.personas_dir):
            found.setdefault(ctx.routes.persona(stem), (source, "persona"))
    return found


def _under(source: str, folder: str) -> bool:
    folder = folder.strip("/")
    return not folder or source.startswith(folder + "/")


class ProblemsPage(PageKind):
    kind = "problems"

    def specs(self, ctx: Context) -> list[PageSpec]:
        layout = ctx.options.preview
        if layout is None:
            return []
        return [
            PageSpec(src, self.kind, source, f"{source} has problems", source=source)
            for src, (source, _) in broken_sources(ctx, layout).items()
        ]

    def render(self, ctx: Context, spec: PageSpec, edit_url: str | None = None) -> RenderedPage:
        source = spec.key or ""
        layout = ctx.options.preview or Layout()
        what = "persona" if _under(source, layout.personas_dir) and not _under(source, layout.journeys_dir) else "map"
        view = ProblemsView(source, what, self._problems(ctx, source))
        return RenderedPage(ctx.template("problems", spec, ctx.links(spec.src), view), [])

    @staticmethod
    def _problems(ctx: Context, source: str) -> list[Problem]:
        return [p for p in ctx.portfolio.problems if p.file == source]

    def inputs(self, ctx: Context, spec: PageSpec) -> tuple[Any, ...]:
        return tuple(self._problems(ctx, spec.key or ""))
