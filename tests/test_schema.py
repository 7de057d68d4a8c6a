"""The JSON Schemas editors get: generated from the models, in step with what the loader accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import TypeAdapter, ValidationError

from conftest import REPO, build_site, small_portfolio
from mkdocs_cjm.core.models import JourneyMap, Owner, Persona
from mkdocs_cjm.core.reading.documents import read_document
from mkdocs_cjm.core.schema import (
    evidence_schema,
    map_schema,
    owners_schema,
    persona_schema,
    published_starter,
    schema_reference,
    schema_text,
    schemas,
    set_modeline,
    write_schemas,
)

MAP = jsonschema.Draft202012Validator(map_schema())
PERSONA = jsonschema.Draft202012Validator(persona_schema())
OWNERS = jsonschema.Draft202012Validator(owners_schema())
_OWNERS_MODEL = TypeAdapter(dict[str, Owner])


def as_json(data: Any) -> Any:
    """What a YAML language server sees: JSON values (dates as text, keys as strings)."""
    return json.loads(json.dumps(data, default=str))


def data_of(path: Path) -> Any:
    doc = read_document(path, path.name)
    assert not doc.problems, doc.problems
    return as_json(doc.data)


def errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_the_schemas_are_valid_json_schemas() -> None:
    for name, schema in schemas().items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        assert json.loads(schema_text(schema)) == schema


CONTENT_MAPS = sorted((REPO / "content" / "journeys").glob("*.*"))
CONTENT_PERSONAS = sorted((REPO / "content" / "personas").glob("*.*"))
STARTER_MAPS = sorted(p for p in (REPO / "site_templates").glob("*.yml") if p.name != "owners.yml")


@pytest.mark.parametrize("path", CONTENT_MAPS + STARTER_MAPS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_map_file_matches_the_map_schema(path: Path) -> None:
    assert errors(MAP, data_of(path)) == []


@pytest.mark.parametrize(
    "path", [*CONTENT_PERSONAS, REPO / "site_templates" / "persona.md"], ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_every_persona_file_matches_the_persona_schema(path: Path) -> None:
    assert errors(PERSONA, data_of(path)) == []


@pytest.mark.parametrize(
    "path", [REPO / "content" / "owners.yml", REPO / "site_templates" / "owners.yml"], ids=lambda p: p.parent.name
)
def test_the_owners_files_match_the_owners_schema(path: Path) -> None:
    assert errors(OWNERS, data_of(path)) == []


def test_the_evidence_file_matches_the_evidence_schema() -> None:
    evidence = jsonschema.Draft202012Validator(evidence_schema())
    assert errors(evidence, data_of(REPO / "content" / "evidence.yml")) == []
    assert errors(evidence, {"Owner Panel": {"title": "x"}})  # a key that is no id
    assert errors(evidence, {"panel": {"kind": "interview"}})  # no title


def test_there_is_content_to_check() -> None:
    assert len(CONTENT_MAPS) >= 10 and len(STARTER_MAPS) == 4 and len(CONTENT_PERSONAS) >= 3


BASE_MAP: dict[str, Any] = {
    "title": "Renewing",
    "type": "current-state",
    "personas": ["priya"],
    "scenario": "Renews.",
    "owner": "cx",
    "stages": [{"name": "Start"}],
}


def with_map(**changes: Any) -> dict[str, Any]:
    return {**BASE_MAP, **changes}


def with_stage(**keys: Any) -> dict[str, Any]:
    return with_map(stages=[{"name": "Start", **keys}])


# Each case: a document, and whether the models accept it. The schema must agree.
MAP_CASES = [
    ("minimal", BASE_MAP, True),
    ("scale shorthand", with_map(scale="1..5"), True),
    ("scale shorthand with 'to'", with_map(scale="0 to 10"), True),
    ("scale mapping with labels", with_map(scale={"min": 1, "max": 5, "labels": {"1": "Awful", "5": "Great"}}), True),
    ("scale that is no scale", with_map(scale="very"), False),
    ("one persona as text", with_map(personas="priya"), True),
    ("tags as text", with_map(tags="onboarding"), True),
    ("plain-text steps and items", with_stage(steps=["Opens the box"], negatives=["Slow"]), True),
    ("items with ids", with_stage(negatives=[{"text": "Slow", "id": "slow"}]), True),
    ("step with details", with_stage(steps=[{"title": "Opens", "description": "Box", "emotion": -1}]), True),
    ("emotion per persona", with_stage(emotion={"priya": -1, "ava": 2}), True),
    (
        "custom lane on a stage",
        {
            **with_stage(systems=["Device registry"]),
            "lanes": {"systems": {"title": "Systems", "after": "interactions"}},
        },
        True,
    ),
    ("day-in-the-life time", with_map(type="day-in-the-life", stages=[{"name": "Up", "time": "07:30"}]), True),
    (
        "opportunity",
        with_stage(
            opportunities=[
                {
                    "id": "fix-it",
                    "title": "Fix it",
                    "status": "in-progress",
                    "priority": "high",
                    "backlog": "https://x.example/1",
                }
            ]
        ),
        True,
    ),
    ("no stages", {k: v for k, v in BASE_MAP.items() if k != "stages"}, False),
    ("empty stages", with_map(stages=[]), False),
    ("no personas", with_map(personas=[]), False),
    ("unknown top-level key", with_map(titel="Oops"), False),
    ("unknown map type", with_map(type="wish-list"), False),
    ("unknown status", with_map(status="finished"), False),
    ("bad id", with_map(owner="CX Team"), False),
    ("stage without a name", with_map(stages=[{"steps": ["x"]}]), False),
    ("unknown key in an opportunity", with_stage(opportunities=[{"id": "a", "title": "A", "owners": "cx"}]), False),
    (
        "backlog that is no web link",
        with_stage(opportunities=[{"id": "a", "title": "A", "backlog": "javascript:x"}]),
        False,
    ),
    ("emotion as text", with_stage(emotion="sad"), False),
]


@pytest.mark.parametrize("data,accepted", [(d, a) for _, d, a in MAP_CASES], ids=[c[0] for c in MAP_CASES])
def test_map_schema_accepts_what_the_model_accepts(data: dict[str, Any], accepted: bool) -> None:
    try:
        JourneyMap.model_validate(data)
        model_ok = True
    except ValidationError:
        model_ok = False
    assert model_ok is accepted
    assert (errors(MAP, as_json(data)) == []) is accepted


PERSONA_CASES = [
    ("minimal", {"name": "Priya"}, True),
    (
        "full",
        {
            "name": "Priya",
            "role": "Owner",
            "about": {"Age": "41"},
            "goals": ["Sell"],
            "tags": "retail",
            "owner": "cx",
            "order": 1,
        },
        True,
    ),
    ("no name", {"role": "Owner"}, False),
    ("unknown key", {"name": "Priya", "frustration": ["typo"]}, False),
    ("goals as a mapping", {"name": "Priya", "goals": {"a": "b"}}, False),
    ("a number where text is expected", {"name": "Priya", "about": {"Since": 2024}}, True),
    ("true where text is expected", {"name": "Priya", "role": True}, False),
]


@pytest.mark.parametrize("data,accepted", [(d, a) for _, d, a in PERSONA_CASES], ids=[c[0] for c in PERSONA_CASES])
def test_persona_schema_accepts_what_the_model_accepts(data: dict[str, Any], accepted: bool) -> None:
    try:
        Persona.model_validate(data)
        model_ok = True
    except ValidationError:
        model_ok = False
    assert model_ok is accepted
    assert (errors(PERSONA, data) == []) is accepted


OWNERS_CASES = [
    (
        "team and person",
        {"cx": {"name": "CX"}, "jo": {"name": "Jo", "kind": "person", "team": "cx", "email": "jo@x.example"}},
        True,
    ),
    ("owner without a name", {"cx": {"kind": "team"}}, False),
    ("unknown kind", {"cx": {"name": "CX", "kind": "robot"}}, False),
    ("unknown key", {"cx": {"name": "CX", "mail": "cx@x.example"}}, False),
]


@pytest.mark.parametrize("data,accepted", [(d, a) for _, d, a in OWNERS_CASES], ids=[c[0] for c in OWNERS_CASES])
def test_owners_schema_accepts_what_the_model_accepts(data: dict[str, Any], accepted: bool) -> None:
    try:
        _OWNERS_MODEL.validate_python(data)
        model_ok = True
    except ValidationError:
        model_ok = False
    assert model_ok is accepted
    assert (errors(OWNERS, data) == []) is accepted


def test_owners_schema_rejects_an_invalid_owner_id() -> None:
    assert errors(OWNERS, {"CX Team": {"name": "CX"}})


def test_schema_files_are_written_the_same_every_time(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in write_schemas(tmp_path / "a")]
    second = [p.read_bytes() for p in write_schemas(tmp_path / "b")]
    assert first == second
    assert [p.name for p in (tmp_path / "a").iterdir()] and sorted(p.name for p in (tmp_path / "a").iterdir()) == [
        "evidence.schema.json",
        "map.schema.json",
        "owners.schema.json",
        "persona.schema.json",
        "portfolio.schema.json",
    ]


def test_modelines() -> None:
    assert set_modeline("title: x\n", "../s.json") == "# yaml-language-server: $schema=../s.json\ntitle: x\n"
    replaced = set_modeline("# yaml-language-server: $schema=old.json\ntitle: x\n", "new.json")
    assert replaced == "# yaml-language-server: $schema=new.json\ntitle: x\n"
    assert (
        schema_reference("map.schema.json", Path("/r/docs/journeys/a.yml"), local_dir=Path("/r/schema"))
        == "../../schema/map.schema.json"
    )
    assert (
        schema_reference("map.schema.json", Path("/r/a.yml"), site_url="https://maps.example/cx/")
        == "https://maps.example/cx/assets/cjm/schema/map.schema.json"
    )
    starter = "# yaml-language-server: $schema=../schema/map.schema.json\ntitle: x\n"
    assert published_starter(starter, None) == starter
    assert (
        published_starter(starter, "https://maps.example")
        == "# yaml-language-server: $schema=https://maps.example/assets/cjm/schema/map.schema.json\ntitle: x\n"
    )


def test_every_map_starter_names_the_map_schema() -> None:
    for path in STARTER_MAPS:
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schema/map.schema.json\n"
        ), path.name
    assert (
        (REPO / "site_templates" / "owners.yml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../schema/owners.schema.json\n")
    )


def test_the_site_publishes_the_schemas(tmp_path: Path) -> None:
    site = build_site(tmp_path, small_portfolio())
    for name, schema in schemas().items():
        assert json.loads(site.text(f"assets/cjm/schema/{name}")) == schema
    # Relative to the downloadable starter, the starter's modeline reaches the published schema.
    starter = site.text("assets/cjm/starters/current-state.yml")
    reference = starter.splitlines()[0].split("$schema=")[1]
    assert (site.path("assets/cjm/starters/current-state.yml").parent / reference).resolve() == site.path(
        "assets/cjm/schema/map.schema.json"
    ).resolve()


def test_with_a_site_url_published_starters_point_at_the_site(tmp_path: Path) -> None:
    site = build_site(tmp_path, small_portfolio(), config={"site_url": "https://maps.example/cx/"})
    first = site.text("assets/cjm/starters/service-blueprint.yml").splitlines()[0]
    assert first == "# yaml-language-server: $schema=https://maps.example/cx/assets/cjm/schema/map.schema.json"
    owners = site.text("assets/cjm/starters/owners.yml").splitlines()[0]
    assert owners.endswith("https://maps.example/cx/assets/cjm/schema/owners.schema.json")
    code = site.html("templates/service-blueprint/").select_one("div.highlight code")
    assert code is not None
    gallery = code.get_text()
    assert gallery.startswith(first)
