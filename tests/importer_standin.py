"""A TEST-ONLY stand-in for ``mkdocs_cjm.core.importer``, with the same interface.

The CLI's ``import`` command is tested against this small converter (simple tab-separated
grids, items separated by ``;``, a fixed warning) so that the command's own behaviour —
writing, refusing to overwrite, printing the report and the converter's warnings, validating —
is tested apart from the real converter, which has tests of its own (tests/test_importer.py).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from mkdocs_cjm.core.importer import ImportReport, Imported
from mkdocs_cjm.core.problems import ContentError, Problem

KNOWN = {"steps": "steps", "interactions": "interactions", "goals": "goals", "positive": "positives",
         "negative": "negatives", "areas": "opportunities"}


def import_file(path: Path, *, source: str = "<export>", map_id: str = "imported-map",
                persona: str = "persona-id", owner: str = "owner-id", title: str | None = None,
                taken_ids: object = ()) -> Imported:
    try:
        rows = [r for r in csv.reader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t") if len(r) > 1]
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(source, 0, 0, "the export is not UTF-8 text")]) from exc
    if not rows:
        raise ContentError([Problem(source, 1, 1, "no grid found in the export",
                                    "export the board as tab-separated text")])
    stages: list[dict[str, Any]] = [{"name": name.strip()} for name in rows[0][1:]]
    lanes: dict[str, dict[str, str]] = {}
    items = 0
    warnings = []
    for row in rows[1:]:
        title_cell = row[0].strip()
        key = KNOWN.get(title_cell.split()[0].lower()) if title_cell else None
        if key is None:
            key = re.sub(r"[^a-z0-9]+", "_", title_cell.lower()).strip("_") or "lane"
            lanes[key] = {"title": title_cell}
        for i, cell in enumerate(row[1:len(stages) + 1]):
            found = [part.strip() for part in cell.split(";") if part.strip()]
            items += len(found)
            if key == "opportunities":
                stages[i][key] = [{"id": f"{map_id}-{i + 1}-{j + 1}", "title": t} for j, t in enumerate(found)]
            elif found:
                stages[i][key] = found
    if any(not s.get("steps") for s in stages):
        warnings.append("some stages have no steps")
    data: dict[str, Any] = {"title": title or f"Imported from {source}", "type": "current-state",
                            "personas": [persona], "scenario": f"Imported from {source}.", "owner": owner,
                            "status": "draft"}
    if lanes:
        data["lanes"] = lanes
    data["stages"] = stages
    text = f"# Imported from {source}\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    report = ImportReport(len(stages), len(rows) - 1, items, sorted(lanes), warnings)
    return Imported(data, text, report)


def as_module() -> ModuleType:
    module = ModuleType("mkdocs_cjm.core.importer")
    module.ImportReport = ImportReport  # type: ignore[attr-defined]
    module.Imported = Imported  # type: ignore[attr-defined]
    module.import_file = import_file  # type: ignore[attr-defined]
    return module
