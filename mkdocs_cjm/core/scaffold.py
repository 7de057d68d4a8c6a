"""New content files made from the gallery's starters, filled in and ready to edit.

The starters are edited line by line, so every guiding comment in them survives. The
placeholders they use (``your-persona``, ``your-team``, ``your-…-opportunity``,
``your-current-state-map``) are replaced with real ids.
"""

from __future__ import annotations

import json
import re
from datetime import date

import yaml

_PLAIN_UNSAFE = re.compile(r"(^[\s\-?:,\[\]{}#&*!|>'\"%@`])|(:\s)|(\s#)|(:$)|\s$")


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when that reads back as the same string, else quoted."""
    if value and not _PLAIN_UNSAFE.search(value) and "\n" not in value:
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def set_top_value(text: str, key: str, value: str) -> str:
    """Replace the value of the first top-level ``key:`` line, keeping its trailing comment
    (or add the line when there is none)."""
    pattern = re.compile(rf"^{re.escape(key)}:([ \t]*)(.*?)([ \t]+#.*)?$", re.MULTILINE)
    match = pattern.search(text)
    if match is None:  # a site's own starter may leave the key out: add it before the first key
        first = re.search(r"^(?!#|---|\s|$)", text, re.MULTILINE)
        at = first.start() if first else len(text)
        return text[:at] + f"{key}: {value}\n" + text[at:]
    old_value = match.group(2)
    comment = match.group(3) or ""
    if comment:
        # Keep the comment where it was when the new value fits before it.
        width = len(old_value) + len(comment) - len(comment.lstrip(" \t"))
        gap = max(1, width - len(value))
        comment = " " * gap + comment.lstrip(" \t")
    line = f"{key}: {value}{comment}"
    return text[: match.start()] + line + text[match.end() :]


def comment_out_top_key(text: str, key: str) -> str:
    return re.sub(rf"^({re.escape(key)}:)", r"# \1", text, count=1, flags=re.MULTILINE)


_COMMENT = re.compile(r"(\S)([ \t]+)(#\s.*)$")


def replace_keeping_comments(pattern: str, replacement: str, text: str) -> str:
    """``re.sub`` line by line, keeping trailing ``# comments`` in their column where possible."""
    lines = []
    for line in text.split("\n"):
        new = re.sub(pattern, replacement, line)
        before, after = _COMMENT.search(line), _COMMENT.search(new)
        if new != line and before and after:
            column = before.start(3)
            gap = max(1, column - after.start(2))
            new = new[: after.start(2)] + " " * gap + after.group(3)
        lines.append(new)
    return "\n".join(lines)


def new_map_text(
    starter: str,
    *,
    map_id: str,
    persona: str,
    owner: str,
    today: date,
    title: str | None = None,
    improves: str | None = None,
) -> str:
    """A new map from a map starter."""
    text = replace_keeping_comments(r"\byour-([a-z0-9-]*opportunity)\b", rf"{map_id}-\1", starter)
    text = replace_keeping_comments(r"\byour-persona\b", persona, text)
    text = replace_keeping_comments(r"\byour-team\b", owner, text)
    if improves:
        text = replace_keeping_comments(r"\byour-current-state-map\b", improves, text)
    if title:
        text = set_top_value(text, "title", yaml_scalar(title))
    text = set_top_value(text, "reviewed", today.isoformat())
    return text


def new_persona_text(starter: str, *, name: str, owner: str | None) -> str:
    """A new persona from the persona starter."""
    text = set_top_value(starter, "name", yaml_scalar(name))
    if owner:
        return replace_keeping_comments(r"\byour-team\b", owner, text)
    return comment_out_top_key(text, "owner")


def name_from_id(ident: str) -> str:
    """``priya-shah`` → ``Priya Shah``."""
    return " ".join(part.capitalize() for part in re.split(r"[-_]+", ident) if part)
