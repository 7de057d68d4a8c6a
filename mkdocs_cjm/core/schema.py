"""JSON Schemas of the content files, generated from the models, for editors' autocompletion.

Editors point their YAML language server at these files (a ``# yaml-language-server:
$schema=…`` first line); the plugin publishes them with the site and ``mkdocs-cjm schema``
writes them into a repository. They are never written by hand: they come from the same
pydantic models the loader validates with, so they cannot drift from what the site accepts.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

from pydantic import StringConstraints, TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .export_document import PortfolioDocument
from .fields import ID_MAX_LENGTH, ID_PATTERN
from .models import Evidence, JourneyMap, Owner, Persona

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SITE_SCHEMA_DIR = "assets/cjm/schema"
"""Where the plugin publishes the schemas, relative to the site root."""
LOCAL_SCHEMA_DIR = "schema"
"""Where ``mkdocs-cjm schema`` writes them by default, next to ``mkdocs.yml``."""

MAP_SCHEMA = "map.schema.json"
PERSONA_SCHEMA = "persona.schema.json"
OWNERS_SCHEMA = "owners.schema.json"
PORTFOLIO_SCHEMA = "portfolio.schema.json"
EVIDENCE_SCHEMA = "evidence.schema.json"

_OwnerId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
_OWNERS = TypeAdapter(dict[_OwnerId, Owner])
_EVIDENCE = TypeAdapter(dict[_OwnerId, Evidence])

MODELINE_PREFIX = "# yaml-language-server: $schema="
_MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=\S*[ \t]*$")


class _Generator(GenerateJsonSchema):
    """The models read numbers where they expect text (``Age: 41``, ``value: 2024``), so the
    schema lets a number stand wherever text is expected, as the site does."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        json_schema["type"] = ["string", "number"]
        return json_schema


def _finish(schema: dict[str, Any], title: str, description: str) -> dict[str, Any]:
    return {
        "$schema": DIALECT,
        "title": title,
        "description": description,
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def map_schema() -> dict[str, Any]:
    """The schema of a journey map file (YAML, or the front matter of a Markdown map)."""
    return _finish(
        JourneyMap.model_json_schema(schema_generator=_Generator),
        "Journey map",
        "A customer journey map of an mkdocs_cjm portfolio (journeys/<id>.yml).",
    )


def persona_schema() -> dict[str, Any]:
    """The schema of a persona file (YAML, or the front matter of a Markdown persona)."""
    return _finish(
        Persona.model_json_schema(schema_generator=_Generator),
        "Persona",
        "A persona of an mkdocs_cjm portfolio (personas/<id>.md or .yml).",
    )


def owners_schema() -> dict[str, Any]:
    """The schema of the owners file: owner id → owner."""
    schema = _OWNERS.json_schema(schema_generator=_Generator)
    # Keys that do not look like ids are not owners but mistakes (pydantic leaves them open).
    schema["additionalProperties"] = False
    return _finish(schema, "Owners", "The teams and people who own maps, stages and opportunities (owners.yml).")


def portfolio_schema() -> dict[str, Any]:
    """The schema of the portfolio document: ``mkdocs-cjm export`` output and the site's
    ``portfolio.json``. Each map's ``file`` is a journey map file."""
    return _finish(
        PortfolioDocument.model_json_schema(),
        "Journey map portfolio",
        "An mkdocs_cjm portfolio as data (mkdocs-cjm export --all, or portfolio.json on the site).",
    )


def evidence_schema() -> dict[str, Any]:
    """The schema of the evidence file: source id → research source."""
    schema = _EVIDENCE.json_schema(schema_generator=_Generator)
    schema["additionalProperties"] = False
    return _finish(schema, "Evidence", "The research sources maps share, by id (evidence.yml).")


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema by its file name, in a fixed order."""
    return {
        MAP_SCHEMA: map_schema(),
        PERSONA_SCHEMA: persona_schema(),
        OWNERS_SCHEMA: owners_schema(),
        PORTFOLIO_SCHEMA: portfolio_schema(),
        EVIDENCE_SCHEMA: evidence_schema(),
    }


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as stable, readable JSON (the same bytes on every run)."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder`` (created if missing); the paths written, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


def schema_reference(
    schema_file: str, target: Path, *, site_url: str | None = None, local_dir: Path | None = None
) -> str:
    """The ``$schema`` address to put in ``target``'s modeline: the site's published copy when
    the site has a ``site_url``, otherwise a path relative to ``target`` into ``local_dir``."""
    if site_url:
        return site_url.rstrip("/") + f"/{SITE_SCHEMA_DIR}/{schema_file}"
    if local_dir is None:
        raise ValueError("a local schema folder is needed when there is no site_url")
    rel = os.path.relpath(local_dir / schema_file, target.resolve().parent)
    return PurePosixPath(*Path(rel).parts).as_posix()


def set_modeline(text: str, reference: str) -> str:
    """``text`` with its first line a YAML language server modeline pointing at ``reference``
    (an existing modeline is replaced; otherwise one is added)."""
    line = MODELINE_PREFIX + reference
    first, sep, rest = text.partition("\n")
    if _MODELINE.match(first.strip()):
        return line + sep + rest
    return line + "\n" + text


def published_starter(text: str, site_url: str | None) -> str:
    """A starter as the site serves it for download. Its modeline points next door
    (``../schema/…``: right both in the repository and under ``assets/cjm/starters/``); with a
    ``site_url`` it becomes an absolute address, so it still works once the file is copied."""
    first, sep, rest = text.partition("\n")
    match = re.match(r"^#\s*yaml-language-server:\s*\$schema=(?:\S*/)?([\w.-]+\.schema\.json)\s*$", first)
    if not site_url or match is None:
        return text
    return MODELINE_PREFIX + site_url.rstrip("/") + f"/{SITE_SCHEMA_DIR}/{match.group(1)}" + sep + rest
