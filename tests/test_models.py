"""Model-level rules: scales, times, cadences, forgiving spellings."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mkdocs_cjm.core.fields import cadence_days, parse_time
from mkdocs_cjm.core.models import JourneyMap, Kpi, Scale, Stage
from mkdocs_cjm.core.render.grid import kpi_text


@pytest.mark.parametrize(
    "text,minutes",
    [
        ("07:30", 450),
        ("7:30", 450),
        ("19:05", 1145),
        ("7am", 420),
        ("7:30 pm", 1170),
        ("12am", 0),
        ("12pm", 720),
        ("23:59", 1439),
    ],
)
def test_times_of_day(text: str, minutes: int) -> None:
    assert parse_time(text) == minutes


@pytest.mark.parametrize("text", ["25:00", "7", "noon", "13pm", "7:60"])
def test_not_times_of_day(text: str) -> None:
    assert parse_time(text) is None


def test_cadences() -> None:
    assert [cadence_days(c) for c in ("monthly", "quarterly", "half-yearly", "yearly", "6 weeks", "45 days")] == [
        30,
        91,
        182,
        365,
        42,
        45,
    ]
    base = {
        "title": "t",
        "type": "current-state",
        "personas": "p",
        "scenario": "s",
        "owner": "o",
        "stages": [{"name": "a"}],
    }
    assert JourneyMap.model_validate({**base, "review_every": "Every 2 months"}).review_every == "every 2 months"
    assert JourneyMap.model_validate({**base, "review_every": "annually"}).review_every == "yearly"
    with pytest.raises(ValidationError, match="is not a review cadence"):
        JourneyMap.model_validate({**base, "review_every": "sometimes"})
    assert JourneyMap.model_validate(base).personas == ["p"]


def test_scales() -> None:
    assert Scale.model_validate("1..5") == Scale(min=1, max=5)
    assert Scale.model_validate("1-10") == Scale(min=1, max=10)
    assert Scale.model_validate("-2..2") == Scale()
    assert (
        Scale().label(-2) == "Very negative"
        and Scale().label(0.4) == "Neutral"
        and Scale().label(-1.5) == "Very negative"
    )
    five = Scale(min=1, max=5, labels={5: "Delighted"})
    assert five.label(5) == "Delighted" and five.label(1) == "Very negative" and five.label(3) == "Neutral"
    assert five.normalise(1) == -1 and five.normalise(5) == 1
    # Signs only mean something on a scale that has negatives: "+1" on −2..+2, "4" on 1..5.
    assert Scale().format(1) == "+1" and Scale().format(-1.5) == "\u22121.5" and Scale().format(0) == "0"
    assert five.format(4) == "4" and five.signed is False and Scale().signed is True
    for bad, message in [
        ("5..1", "below its max"),
        ({"min": 1, "max": 5, "labels": {9: "x"}}, "outside the scale"),
        ("loud", "is not a scale"),
    ]:
        with pytest.raises(ValidationError, match=message):
            Scale.model_validate(bad)


def test_lane_items_and_steps_accept_plain_text() -> None:
    stage = Stage.model_validate(
        {
            "name": "S",
            "steps": ["Walks in", {"title": "Pays", "emotion": 1}],
            "thoughts": ["Hmm", {"text": "Ok", "id": "ok"}, 42],
        }
    )
    assert [s.title for s in stage.steps] == ["Walks in", "Pays"]
    assert [i.text for i in stage.items("thoughts")] == ["Hmm", "Ok", "42"]
    assert stage.items("thoughts")[1].id == "ok"


def test_kpi_display() -> None:
    assert kpi_text(Kpi(name="CSAT", value=4.2, target=4.5, unit="/5")) == ("4.2/5", "4.5/5", False)
    assert kpi_text(Kpi(name="Calls", value=0.4, target=0.5, better="lower")) == ("0.4", "0.5", True)
    assert kpi_text(Kpi(name="Mood", value="mixed")) == ("mixed", "", None)
