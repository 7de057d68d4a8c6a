"""Exports of real maps: JSON read back, CSV parsed with the csv module, Mermaid checked line by line."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from conftest import load_example, write_tree
from mkdocs_cjm.core import export
from mkdocs_cjm.core.assembly.portfolio import Portfolio
from mkdocs_cjm.core.emotion import persona_score, stage_score
from mkdocs_cjm.core.loader import load_portfolio
from mkdocs_cjm.core.models import Scale


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    loaded = load_example(today=date(2026, 11, 24))
    assert not loaded.errors
    return loaded


def test_map_json_holds_every_stage_lane_and_opportunity(portfolio: Portfolio) -> None:
    entry = portfolio.maps["first-week-setup"]
    data = json.loads(export.to_json(export.map_data(entry)))
    model = entry.model
    assert data["id"] == "first-week-setup" and data["title"] == model.title and data["type"] == "current-state"
    assert [s["name"] for s in data["stages"]] == [s.name for s in model.stages]
    for stage, out in zip(model.stages, data["stages"], strict=False):
        assert [s["title"] for s in out["steps"]] == [s.title for s in stage.steps]
        assert [o["id"] for o in out["opportunities"]] == [o.id for o in stage.opportunities]
        for key, items in out["lanes"].items():
            assert [i if isinstance(i, str) else i["text"] for i in items] == [i.text for i in stage.items(key)]
        assert sum(len(v) for v in out["lanes"].values()) == sum(len(stage.items(k)) for k in export.item_lanes(entry))
    # Opportunities carry their owner after defaults (stage owner, then map owner).
    owners = {o["owner"] for s in data["stages"] for o in s["opportunities"]}
    assert owners and owners <= set(portfolio.owners)


def test_custom_lanes_are_exported(portfolio: Portfolio) -> None:
    custom = [(m, k) for m in portfolio.maps.values() for k, spec in m.lanes.items() if not spec.builtin]
    assert custom, "the example portfolio has a map with a custom lane"
    entry, key = custom[0]
    data = export.map_data(entry)
    assert key in [lane["key"] for lane in data["lanes"]]
    assert any(key in s["lanes"] for s in data["stages"])


def test_portfolio_json_is_sorted_and_complete(portfolio: Portfolio) -> None:
    text = export.to_json(export.portfolio_data(portfolio))
    data = json.loads(text)
    assert [m["id"] for m in data["maps"]] == sorted(portfolio.maps)
    assert [p["id"] for p in data["personas"]] == sorted(portfolio.personas)
    assert [o["id"] for o in data["owners"]] == sorted(portfolio.owners)
    opportunities = sum(len(s["opportunities"]) for m in data["maps"] for s in m["stages"])
    assert opportunities == sum(len(st.opportunities) for m in portfolio.maps.values() for st in m.model.stages)
    assert opportunities >= 50
    # Deterministic: a second load exports the same bytes.
    again = load_example(today=date(2026, 11, 24))
    assert export.to_json(export.portfolio_data(again)) == text


def test_csv_has_a_row_per_lane_and_a_column_per_stage(portfolio: Portfolio) -> None:
    entry = portfolio.maps["first-week-setup"]
    rows = list(csv.reader(io.StringIO(export.map_csv(entry))))
    stages = entry.model.stages
    assert rows[0] == ["", *[s.name for s in stages]]
    assert all(len(row) == len(stages) + 1 for row in rows)
    assert rows[1][0] == "Emotion (-2..2)"
    assert [float(c) if c else None for c in rows[1][1:]] == [stage_score(s, None) for s in stages]
    rows = [rows[0], *rows[2:]]  # the lanes: every item once
    by_lane = {row[0]: row[1:] for row in rows[1:]}
    assert by_lane["Steps"] == ["\n".join(st.title for st in s.steps) for s in stages]
    assert by_lane["Negative moments"] == ["\n".join(i.text for i in s.items("negatives")) for s in stages]
    assert by_lane["Areas of opportunity"] == ["\n".join(o.title for o in s.opportunities) for s in stages]
    # Only lanes with something in them; nothing is lost.
    exported = sum(len(c.split("\n")) for row in rows[1:] for c in row[1:] if c)
    expected = sum(
        len(s.steps) + len(s.opportunities) + sum(len(s.items(k)) for k in export.item_lanes(entry)) for s in stages
    )
    assert exported == expected


def test_csv_quotes_commas_quotes_and_newlines(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "owners.yml": "cx: {name: CX}\n",
            "personas/p.yml": "name: Pat\n",
            "journeys/m.yml": """
            title: 'Commas, "quotes"'
            type: current-state
            personas: [p]
            scenario: x
            owner: cx
            stages:
              - name: 'One, two'
                steps: ['Says "hi", waves']
                thoughts: ["Line one", "Line two"]
        """,
        },
    )
    portfolio = load_portfolio(tmp_path, today=date(2026, 11, 24))
    assert not portfolio.errors, portfolio.problems
    rows = list(csv.reader(io.StringIO(export.map_csv(portfolio.maps["m"]))))
    assert rows == [["", "One, two"], ["Steps", 'Says "hi", waves'], ["Thoughts & feelings", "Line one\nLine two"]]


JOURNEY_LINE = re.compile(r"^    ([^:#;\n]+): ([1-5]): ([^:#;\n]+)$")


def test_mermaid_journey_of_a_real_map(portfolio: Portfolio) -> None:
    entry = portfolio.maps["first-week-setup"]
    names = {p.id: p.model.name for p in portfolio.personas.values()}
    lines = export.map_mermaid(entry, names).splitlines()
    assert lines[0] == "journey"
    assert lines[1] == f"  title {export.mermaid_text(entry.model.title)}"
    sections = [line[len("  section ") :] for line in lines if line.startswith("  section ")]
    assert sections == [export.mermaid_text(s.name) for s in entry.model.stages]
    tasks = [line for line in lines[2:] if not line.startswith("  section ")]
    assert all(JOURNEY_LINE.match(t) for t in tasks), tasks
    assert len(tasks) == sum(len(s.steps) or 1 for s in entry.model.stages)
    assert all(t.endswith(": Priya Shah") for t in tasks)
    # Scores follow the map's scale: the first stage's steps, mapped from −2..2 onto 1..5.
    first = entry.model.stages[0]
    assert len(first.steps) >= 2
    for step, line in zip(first.steps, tasks, strict=False):
        score = persona_score(step.emotion, None)
        expected = export.mermaid_score(score if score is not None else stage_score(first, None), entry.model.scale)
        assert line.endswith(f": {expected}: Priya Shah")


def test_mermaid_uses_stage_names_for_stages_without_steps_and_strips_breakers(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "owners.yml": "cx: {name: CX}\n",
            "personas/p.yml": "name: 'Pat #1'\n",
            "personas/q.yml": "name: Quinn\n",
            "journeys/m.yml": """
            title: "Renewal: the hard part; really #2"
            type: current-state
            personas: [p, q]
            scenario: x
            owner: cx
            scale: 1..10
            stages:
              - name: "Call: waiting"
                emotion: 10
              - name: Letter
                steps:
                  - title: "Reads it: twice"
                    emotion: 1
                  - Signs it
        """,
        },
    )
    portfolio = load_portfolio(tmp_path, today=date(2026, 11, 24))
    assert not portfolio.errors, portfolio.problems
    names = {p.id: p.model.name for p in portfolio.personas.values()}
    assert export.map_mermaid(portfolio.maps["m"], names).splitlines() == [
        "journey",
        "  title Renewal the hard part really 2",
        "  section Call waiting",
        "    Call waiting: 5: Pat 1, Quinn",
        "  section Letter",
        "    Reads it twice: 1: Pat 1, Quinn",
        "    Signs it: 1: Pat 1, Quinn",  # unscored step: the stage's score (the mean of its steps)
    ]


@pytest.mark.parametrize(
    "score,scale,expected",
    [
        (-2, Scale(), 1),
        (-1, Scale(), 2),
        (0, Scale(), 3),
        (1, Scale(), 4),
        (2, Scale(), 5),
        (1, Scale(min=1, max=10), 1),
        (10, Scale(min=1, max=10), 5),
        (5.5, Scale(min=1, max=10), 3),
        (3, Scale(min=1, max=5), 3),
        (-0.5, Scale(), 3),
        (-1.5, Scale(), 2),
        (None, Scale(), 3),  # halves round up
    ],
)
def test_mermaid_scores_are_mapped_linearly_and_rounded(score: float | None, scale: Scale, expected: int) -> None:
    assert export.mermaid_score(score, scale) == expected


def test_csv_reads_back_through_the_importer(portfolio: Portfolio, tmp_path: Path) -> None:
    """The CSV layout is the importer's: exporting a map and importing it keeps every item."""
    from mkdocs_cjm.core import importer

    entry = portfolio.maps["first-week-setup"]
    path = tmp_path / "first-week-setup.csv"
    path.write_text(export.map_csv(entry), encoding="utf-8")
    imported = importer.import_file(
        path, source=path.name, map_id="round-trip", persona="priya-shah", owner="onboarding-squad"
    )
    stages = entry.model.stages
    assert imported.report.stages == len(stages)
    assert imported.report.items == sum(
        len(s.steps) + len(s.opportunities) + sum(len(s.items(k)) for k in export.item_lanes(entry)) for s in stages
    )
