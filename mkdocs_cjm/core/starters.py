"""The gallery's starter files: one map per template type, plus a persona and an owners file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .assembly.entries import MapEntry, Source
from .lanes import resolve_lanes
from .maptypes import MAP_TYPES, MapType
from .models import LaneDef
from .problems import Problem
from .schema import published_starter
from .validation.files import parse_map

EXTRA_STARTERS = ("persona.md", "owners.yml")


def default_starters_dir() -> Path:
    """Starters ship inside the wheel as ``mkdocs_cjm/site_templates``; in a source checkout
    they are the repository's top-level ``site_templates`` folder."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "site_templates"
    return packaged if packaged.is_dir() else package.parent / "site_templates"


@dataclass
class Starter:
    type: MapType
    filename: str
    text: str
    entry: MapEntry | None
    problems: list[Problem] = field(default_factory=list)


def load_starters(
    folder: Path, site_lanes: Mapping[str, LaneDef], today: date, site_url: str | None = None
) -> dict[MapType, Starter]:
    """Each map type's starter, parsed with the same loader as the portfolio (its references to
    personas and owners are placeholders, so they are not checked). Its text is the one the
    site offers for download (see :func:`~mkdocs_cjm.core.schema.published_starter`). Each
    problem names the starter's file by its absolute path."""
    found: dict[MapType, Starter] = {}
    for kind in MAP_TYPES:
        path = folder / f"{kind.value}.yml"
        if not path.is_file():
            continue
        rel = f"site_templates/{path.name}"
        parsed = parse_map(path, rel, site_lanes, today)
        entry = None
        if parsed.model is not None and parsed.ok:
            entry = MapEntry(
                parsed.id or kind.value,
                parsed.model,
                Source(rel),
                resolve_lanes(parsed.model.type, parsed.model.lanes, site_lanes),
            )
        text = published_starter(path.read_text(encoding="utf-8"), site_url)
        # A problem names the starter file itself (the gallery names it as site_templates/…).
        problems = [replace(p, file=str(path)) for p in parsed.problems]
        found[kind] = Starter(kind, path.name, text, entry, problems)
    return found
