"""Reviews enforced: maps overdue for review, and maps whose review falls due soon.

A late review is not a mistake in the file, so the site build never reports it (the site shows
it instead: the map's header, the home page, the insights page). ``mkdocs-cjm validate``
reports it, naming the map's owner: a warning by default (``--strict`` fails on it), an error
with the ``overdue_reviews: error`` option, and a notice when the review falls due within
``review_due_days``.
"""

from __future__ import annotations

from typing import Literal

from ..assembly.entries import MapEntry
from ..assembly.portfolio import Portfolio, ReviewState
from ..fields import cadence_phrase
from ..problems import Problem, Severity

REVIEWED_HINT = "review the map with its owner, then set `reviewed:` to the day of the review (YYYY-MM-DD)"


def review_problems(
    portfolio: Portfolio, *, overdue: Literal["warning", "error"] = "warning", due_days: int = 30
) -> list[Problem]:
    """Every map overdue for review (at ``overdue`` severity) and, when ``due_days`` > 0, every
    map whose review is due within that many days (a notice). Archived maps are never due."""
    severity = Severity(overdue)
    problems = []
    for entry in portfolio.maps.values():
        state = portfolio.review_state(entry)
        if state.overdue and state.reviewed is not None:  # never reviewed: the map's own warning says so
            problems.append(_problem(portfolio, entry, _overdue_text(entry, state), severity))
        elif state.due is not None and due_days > 0 and (state.due - portfolio.today).days <= due_days:
            days = (state.due - portfolio.today).days
            when = "today" if days == 0 else f"in {_days(days)}"
            text = f"review due {when} ({state.due.isoformat()}, {cadence_phrase(entry.model.review_every)})"
            problems.append(_problem(portfolio, entry, text, Severity.NOTICE))
    return problems


def _overdue_text(entry: MapEntry, state: ReviewState) -> str:
    assert state.reviewed is not None and state.due is not None
    return (
        f"overdue for review by {_days(state.days_overdue)}: last reviewed {state.reviewed.isoformat()}, "
        f"due {state.due.isoformat()} ({cadence_phrase(entry.model.review_every)})"
    )


def _problem(portfolio: Portfolio, entry: MapEntry, text: str, severity: Severity) -> Problem:
    owner = entry.model.owner
    doc = entry.source.doc
    line, column = doc.where(("reviewed",)) if doc is not None else (entry.source.line, 1)
    return Problem(
        entry.source.path,
        line,
        column,
        f"{text}; map owner: {portfolio.owner_name(owner)} ({owner})",
        REVIEWED_HINT,
        severity,
    )


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"
