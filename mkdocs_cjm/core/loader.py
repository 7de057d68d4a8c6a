"""Load a whole portfolio from a folder, reporting every problem of every file in one pass.

The pipeline, one step per package:

1. :mod:`~mkdocs_cjm.core.reading`: find the content files and read each (line numbers kept);
2. :mod:`~mkdocs_cjm.core.validation`: validate each file on its own, then across files;
3. :mod:`~mkdocs_cjm.core.assembly`: put the valid files together into a
   :class:`~mkdocs_cjm.core.assembly.portfolio.Portfolio` with its indexes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from .assembly.assemble import Validated, assemble
from .assembly.portfolio import Portfolio
from .backlogs import Backlogs
from .models import LaneDef, Persona
from .problems import Problem, Severity
from .reading.cache import ParseCache, cached
from .reading.discovery import Found, Layout, find_content, is_private
from .render.markdown import join_relative
from .validation.evidence import EvidenceFile, parse_evidence
from .validation.files import OwnersFile, Parsed, parse_map, parse_owners, parse_persona
from .validation.references import check_references

__all__ = ["Layout", "ParseCache", "load_portfolio"]


def load_portfolio(
    root: Path | str,
    layout: Layout | None = None,
    *,
    site_lanes: Mapping[str, LaneDef] | None = None,
    today: date | None = None,
    backlogs: Mapping[str, str] | None = None,
    cache: ParseCache | None = None,
) -> Portfolio:
    """Read every content file under ``root``. Never raises for bad content: the returned
    portfolio holds the valid entities and a problem for every mistake found. With a ``cache``,
    files that did not change since the last load are not read again. ``backlogs``: the
    site's backlog key patterns (:mod:`~mkdocs_cjm.core.backlogs`)."""
    root = Path(root)
    layout = layout or Layout()
    lanes = dict(site_lanes or {})
    today = today or date.today()
    if cache is not None:
        cache.bind((tuple(sorted((k, v.model_dump_json()) for k, v in lanes.items())), today, layout))
    found = find_content(root, layout)
    keys = Backlogs.of(backlogs or {})
    validated = _validate(found, layout, lanes, today, cache, keys)
    validated.problems.extend(picture_problems(root, validated.personas, layout))
    if cache is not None:
        cache.forget_missing(found.paths())
    portfolio = assemble(validated, lanes, today, keys)
    portfolio.withheld = list(found.withheld)
    return portfolio


def picture_problems(root: Path, personas: list[Parsed[Persona]], layout: Layout) -> list[Problem]:
    """A persona's picture that is not a file in the docs folder, or one that is never published
    (checked on every load: the picture may come and go while the persona file stays the same).
    The page shows initials."""
    problems = []
    for parsed in personas:
        picture = parsed.model.picture if parsed.model else None
        if not picture or "://" in picture:
            continue
        path, _ = join_relative(parsed.path, picture)
        if path.startswith("../") or not (root / path).is_file():
            message = f"the picture '{picture}' is not a file in the docs folder"
            hint = "fix the path (it is relative to this file), or remove 'picture' to show the persona's initials"
        elif is_private(path, layout):
            message = f"the picture '{picture}' is in a private place (a name starting with '_' or '.'), which is never published"
            hint = "move the picture out of it, or remove 'picture' to show the persona's initials"
        else:
            continue
        problem = parsed.doc.problem(("picture",), message, hint)
        problems.append(replace(problem, severity=Severity.WARNING))
    return problems


def _validate(
    found: Found,
    layout: Layout,
    lanes: dict[str, LaneDef],
    today: date,
    cache: ParseCache | None,
    backlogs: Backlogs,
) -> Validated:
    personas = [cached(cache, "persona", p, partial(parse_persona, p, r)) for p, r in found.personas]
    maps = [cached(cache, "map", p, partial(parse_map, p, r, lanes, today)) for p, r in found.maps]
    owners: OwnersFile | None = None
    problems: list[Problem] = list(found.problems)
    if found.owners is not None:
        path = found.owners
        owners = cached(cache, "owners", path, lambda: parse_owners(path, layout.owners_file))
    elif maps and layout.owners_file not in found.withheld:
        problems.append(
            Problem(  # (no line to point at: the file-level place, as for other whole-file problems)
                layout.owners_file,
                1,
                1,
                "the owners file is missing",
                f"create {layout.owners_file} declaring the teams and people that own maps and opportunities",
            )
        )
    evidence: EvidenceFile | None = None
    if found.evidence is not None:
        path_ = found.evidence
        evidence = cached(cache, "evidence", path_, lambda: parse_evidence(path_, layout.evidence_file))
    sources = [r for _, r in found.personas + found.maps] + ([layout.owners_file] if owners else [])
    sources += [layout.evidence_file] if evidence else []
    cross_file = check_references(personas, maps, owners, backlogs, evidence)
    return Validated(personas, maps, owners, cross_file, sources, problems, evidence)
