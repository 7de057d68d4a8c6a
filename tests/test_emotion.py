"""Emotion curves: per step or per stage, per persona, troughs and peaks, the future-state overlay."""

from __future__ import annotations

from typing import Any

from mkdocs_cjm.core.emotion import curve_points, curves, extremes, overlay_points, stage_score, summarise
from mkdocs_cjm.core.models import JourneyMap


def make(stages: list[dict[str, Any]], **extra: object) -> JourneyMap:
    return JourneyMap.model_validate(
        {
            "title": "t",
            "type": "current-state",
            "personas": ["a", "b"],
            "scenario": "s",
            "owner": "o",
            "stages": stages,
            **extra,
        }
    )


def test_steps_win_over_the_stage_in_the_curve_but_the_stage_score_is_its_own() -> None:
    m = make(
        [
            {"name": "One", "emotion": 1, "steps": [{"title": "x", "emotion": -2}, "y"]},
            {"name": "Two", "steps": [{"title": "z", "emotion": 2}, {"title": "w", "emotion": 0}]},
            {"name": "Three"},
        ]
    )
    assert [(p.x, p.score, p.label) for p in curve_points(m, None)] == [
        (0.25, -2.0, "x"),
        (2 - 0.75, 2.0, "z"),
        (1.75, 0.0, "w"),
    ]
    assert stage_score(m.stages[0], None) == 1 and stage_score(m.stages[1], None) == 1
    assert stage_score(m.stages[2], None) is None
    summary = summarise(m)
    assert summary.stage_scores == (1.0, 1.0, None) and summary.average == 1.0
    assert summary.trough is not None and summary.peak is not None
    assert summary.trough.label == "x" and summary.peak.label == "z"


def test_one_curve_per_persona_only_when_scores_differ() -> None:
    shared = make([{"name": "One", "emotion": 1}, {"name": "Two", "emotion": -1}])
    assert [c.name for c in curves(shared, {"a": "Ann", "b": "Bo"})] == ["Ann & Bo"]
    split = make([{"name": "One", "emotion": {"a": 1, "b": -1}}, {"name": "Two", "emotion": -1}])
    found = curves(split, {"a": "Ann", "b": "Bo"})
    assert [(c.name, [p.score for p in c.points]) for c in found] == [("Ann", [1.0, -1.0]), ("Bo", [-1.0, -1.0])]


def test_flat_curve_has_no_trough_or_peak() -> None:
    flat = make([{"name": "One", "emotion": 0}, {"name": "Two", "emotion": 0}])
    assert extremes(curve_points(flat, None)) == (None, None)


def test_overlay_matches_stages_by_name_and_rescales() -> None:
    current = make([{"name": "Find", "emotion": -2}, {"name": "Buy", "emotion": 2}])
    future = make([{"name": "Buy", "emotion": 5}, {"name": "Find", "emotion": 4}], scale="1..5")
    points = overlay_points(current, future, ["find", "buy"], ["buy", "find"])
    assert [(p.x, p.score, p.stage) for p in points] == [(0.5, 5.0, "Buy"), (1.5, 1.0, "Find")]


def test_overlay_without_matching_stages_is_stretched() -> None:
    current = make([{"name": "A", "emotion": -1}, {"name": "B", "emotion": 1}])
    future = make(
        [
            {"name": "X", "emotion": 1},
            {"name": "Y", "emotion": 1},
            {"name": "Z", "emotion": 2},
            {"name": "W", "emotion": 2},
        ]
    )
    assert [p.x for p in overlay_points(current, future, ["a", "b"], ["x", "y", "z", "w"])] == [1.0, 3.0]
