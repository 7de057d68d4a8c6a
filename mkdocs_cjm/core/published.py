"""The portfolio as the site publishes it for other tools: ``portfolio.json``, the document
``mkdocs-cjm export --all`` writes (:mod:`.export`), of what the site shows. It is written map by
map, as compact JSON, so a portfolio of 10,000 maps never has to be held in memory at once.

With drafts left out of the site (``publish_drafts: false``), a Markdown link to a draft's file is
reduced to its text, as the pages show it, so nothing in the document names a draft.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .assembly.portfolio import Portfolio
from .export import evidence_documents, map_data, owner_documents, persona_documents, sorted_maps
from .export_document import dump
from .render.markdown import join_relative

DATA_FILE = "portfolio.json"
"""Where the site publishes the portfolio document (the ``publish_data`` option)."""

_MD_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)>\s]+)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_MD_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.MULTILINE)


def _unlink_drafts(value: Any, source: str, drafts: dict[str, str]) -> Any:
    """``value`` (document data of the file ``source``) with every Markdown link to a left-out
    draft's file reduced to its text."""
    if isinstance(value, dict):
        return {k: _unlink_drafts(v, source, drafts) for k, v in value.items()}
    if isinstance(value, list):
        return [_unlink_drafts(v, source, drafts) for v in value]
    if not isinstance(value, str) or ("](" not in value and "]:" not in value):
        return value

    def to_draft(href: str) -> bool:
        return join_relative(source, href)[0] in drafts

    text = _MD_LINK.sub(lambda m: m.group(2) if to_draft(m.group(3)) else m.group(0), value)
    return _MD_DEFINITION.sub(lambda m: "" if to_draft(m.group(1)) else m.group(0), text)


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def published_chunks(portfolio: Portfolio) -> Iterator[str]:
    """The published document as compact JSON text, in pieces: the personas, owners and shared
    sources, then
    one map at a time."""
    drafts = portfolio.drafts_left_out

    def clean(data: dict[str, Any]) -> dict[str, Any]:
        return _unlink_drafts(data, data["source"], drafts) if drafts else data

    personas = [clean(dump(p)) for p in persona_documents(portfolio)]
    owners = [dump(o) for o in owner_documents(portfolio)]
    evidence = [dump(e) for e in evidence_documents(portfolio)]
    head = f'{{"personas":{_compact(personas)},"owners":{_compact(owners)},"evidence":{_compact(evidence)},"maps":['
    yield head
    for i, entry in enumerate(sorted_maps(portfolio)):
        yield ("," if i else "") + _compact(clean(map_data(entry)))
    yield "]}\n"


def write_data_file(site_dir: Path, portfolio: Portfolio) -> Path:
    """Write the published document into the built site, at :data:`DATA_FILE`."""
    path = site_dir / DATA_FILE
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(published_chunks(portfolio))
    return path
