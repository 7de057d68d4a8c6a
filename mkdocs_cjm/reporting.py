"""How the plugin tells MkDocs about a problem."""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from .core.problems import Problem, Severity

log = get_plugin_logger(__name__)


def report(problem: Problem, text: str | None = None) -> None:
    """Log a problem at its own level: an error as an error (shown by ``mkdocs build -q`` too, as
    MkDocs shows its own errors), a warning as a warning; a strict build stops on either.
    ``text``: the problem as it is to be shown, when not as ``str(problem)``."""
    say = {Severity.ERROR: log.error, Severity.WARNING: log.warning}.get(problem.severity, log.info)
    say(text or str(problem))
