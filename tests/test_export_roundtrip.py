"""Exports without loss (issue 15, point 8): JSON carries everything a map or persona file
holds (validated again, it is the same model), and CSV carries the emotion row and a day in the
life's times, so that ``export`` → ``import`` keeps the scores. Proved on every example map."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
from mkdocs_cjm.cli import main
from mkdocs_cjm.core.emotion import stage_score
from mkdocs_cjm.core.export import map_csv, map_data, portfolio_data
from mkdocs_cjm.core.importer import import_csv
from mkdocs_cjm.core.maptypes import MapType
from mkdocs_cjm.core.models import Evidence, JourneyMap, Persona, Scale
from mkdocs_cjm.core.project import read_project

EXAMPLE = read_project(REPO / "mkdocs.yml").load()  # with the site's options (its backlog keys)
MAPS = sorted(EXAMPLE.maps)


@pytest.mark.parametrize("ident", MAPS)
def test_json_gives_back_the_same_map(ident: str) -> None:
    entry = EXAMPLE.maps[ident]
    data = json.loads(json.dumps(map_data(entry)))  # through JSON text, as a tool reads it
    again = JourneyMap.model_validate(data["file"])
    assert again.model_dump(mode="json") == entry.model.model_dump(mode="json")
    assert data["body"] == entry.source.body
    # Step ids and evidence (in the file) are there too.
    assert [[s["id"] for s in st["steps"]] for st in data["stages"]] == [
        [s.id for s in st.steps] for st in entry.model.stages
    ]
    assert data["file"]["evidence"] == entry.model.model_dump(mode="json")["evidence"]


def test_json_of_the_whole_portfolio_gives_back_every_persona() -> None:
    data = json.loads(json.dumps(portfolio_data(EXAMPLE)))
    for persona in data["personas"]:
        entry = EXAMPLE.personas[persona["id"]]
        # `id` is the persona's id (its file name, when the file does not say it).
        again = Persona.model_validate({k: v for k, v in persona.items() if k not in ("source", "body", "id")})
        assert again.model_dump(mode="json") == entry.model.model_dump(mode="json")
        assert persona["body"] == entry.source.body
    assert [m["id"] for m in data["maps"]] == MAPS
    # The shared research sources (evidence.yml), each with its id, validated again the same.
    assert [Evidence.model_validate(e) for e in data["evidence"]] == [
        EXAMPLE.evidence[i].model for i in sorted(EXAMPLE.evidence)
    ]
    assert len(data["evidence"]) == 3


def _scores_on(scale: Scale, values: list[float | None]) -> list[float | None]:
    return [None if v is None else round(float(v), 6) for v in values]


@pytest.mark.parametrize("ident", MAPS)
def test_csv_export_then_import_keeps_the_scores_and_times(ident: str) -> None:
    entry = EXAMPLE.maps[ident]
    model = entry.model
    imported = import_csv(map_csv(entry), map_id="back", persona="p", owner="o").data
    stages = imported["stages"]
    assert [s["name"] for s in stages] == [s.name for s in model.stages]
    want = [stage_score(s, None) for s in model.stages]
    got = [s.get("emotion") for s in stages]
    assert _scores_on(model.scale, got) == _scores_on(model.scale, want)
    if any(v is not None for v in want):
        back = JourneyMap.model_validate({**imported, "scale": imported.get("scale") or "-2..2"})
        assert (back.scale.min, back.scale.max) == (model.scale.min, model.scale.max)
    if model.type is MapType.DAY_IN_THE_LIFE:
        assert [s.get("time") for s in stages] == [s.time for s in model.stages]
        assert imported["type"] == "day-in-the-life"
    else:
        assert all("time" not in s for s in stages)


def test_the_command_line_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``export --format csv`` then ``import``: the imported map has the example's scores."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "site_templates", tmp_path / "site_templates")
    (tmp_path / "theme").mkdir()
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke
    assert run(main, ["export", "ava-late-shift", "--format", "csv", "--out", "ava.csv"]).exit_code == 0
    result = run(main, ["import", "ava.csv", "--id", "ava-again", "--persona", "ava-okafor", "--owner", "cx-research"])
    assert result.exit_code == 0, result.output
    again = read_project(tmp_path / "mkdocs.yml").load().maps.get("ava-again")
    original = EXAMPLE.maps["ava-late-shift"].model
    assert again is not None and again.model.type is MapType.DAY_IN_THE_LIFE
    assert [s.time for s in again.model.stages] == [s.time for s in original.stages]
    assert [stage_score(s, None) for s in again.model.stages] == [stage_score(s, None) for s in original.stages]
