"""A map file that loads well does not keep its raw data and positions in memory, yet a
problem found later (by a cross-file check) still points at the exact line and column."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from conftest import FUTURE, small_portfolio, write_tree
from mkdocs_cjm.core.loader import ParseCache, load_portfolio
from mkdocs_cjm.core.validation.files import Parsed

DAY = """
    title: Priya's Saturday
    type: day-in-the-life
    personas: [priya]
    scenario: A Saturday in the shop.
    owner: cx
    stages:
      - {name: Opening, time: "08:00", steps: [Opens the shop]}
"""


def test_loaded_maps_release_their_raw_data(tmp_path: Path) -> None:
    write_tree(tmp_path, small_portfolio())
    cache = ParseCache()
    portfolio = load_portfolio(tmp_path, today=date(2026, 11, 24), cache=cache)
    assert portfolio.problems == []
    parsed = [value for (kind, _), (_, value) in cache._entries.items() if kind == "map" and isinstance(value, Parsed)]
    assert len(parsed) == 2
    for p in parsed:
        assert p.doc.data is None and p.doc.positions == {} and p.doc.released_from is not None
        assert p.model is not None


def test_a_later_problem_still_has_its_line_and_column(tmp_path: Path) -> None:
    # The future state is valid on its own; only the cross-file check finds that the map it
    # improves is not a current-state map, after its positions were released.
    future = (
        textwrap.dedent(FUTURE)
        .replace("improves: setup", "improves: saturday")
        .replace("realises: [guide-on-top]\n", "")
    )
    write_tree(tmp_path, {**small_portfolio(), "journeys/setup-future.yml": future, "journeys/saturday.yml": DAY})
    cache = ParseCache()
    first = [str(p) for p in load_portfolio(tmp_path, today=date(2026, 11, 24), cache=cache).problems]
    again = [str(p) for p in load_portfolio(tmp_path, today=date(2026, 11, 24), cache=cache).problems]
    expected = (
        "journeys/setup-future.yml:4:11: error: 'saturday' is a day-in-the-life map; a future state "
        "improves a current-state map — name the current-state map this future state improves"
    )
    assert expected in first
    assert first == again
