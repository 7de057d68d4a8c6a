"""Messages from the schema: pydantic's validation errors, as one plain-language problem per
mistake, each with the file, line and column of the value it is about and a hint to fix it."""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from ..problems import Problem, did_you_mean
from ..reading.documents import Document
from ..text import slugify

_EXPECTED = {
    "string_type": "text",
    "list_type": "a list (lines that start with '- ')",
    "dict_type": "a mapping (lines of 'key: value')",
    "model_type": "a mapping (lines of 'key: value')",
    "model_attributes_type": "a mapping (lines of 'key: value')",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time (YYYY-MM-DD)",
}

_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")

_BOUNDS = {
    "greater_than_equal": "at least",
    "greater_than": "more than",
    "less_than_equal": "at most",
    "less_than": "less than",
}
_BOUND_KEY = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt"}

_TOO_SHORT_HINTS = {
    "stages": "add at least one stage: a line '- name: …' under 'stages:'",
    "personas": "name at least one persona, e.g. 'personas: [persona-id]'",
}

_CUSTOM_HINTS = {
    "cjm_url": "write the full address of the page, starting with https://",
    "cjm_backlog": "write the item's key (TW-412, when the site has a backlog key pattern for it) or its full address (https://…)",
    "cjm_email": "write an address such as team@example.com",
    "cjm_time": "write the time as HH:MM (07:30, 19:05) or as 7am, 7:30 pm",
    "cjm_scale": "write the scale as min..max, e.g. 'scale: 1..5', with any labels inside it",
    "cjm_emotion": "write a number such as -1, or e.g. '{priya: -1, sam: 1}'",
    "cjm_cadence_range": "write a period such as '6 weeks', 'quarterly' or '2 years'",
    "cjm_size": "write a whole number from 1 (very low) to 5 (very high), or one of the words very low, low, medium, high, very high",
    "cjm_size_twice": "keep one of the two lines",
    "cjm_source": "write e.g. 'source: Looker dashboard \"Onboarding funnel\"', or 'source: {title: …, url: https://…}'",
}

HINTS = {
    "title": "add a line 'title: …' naming what the map is about",
    "type": "add 'type:' with one of current-state, future-state, day-in-the-life, service-blueprint",
    "personas": "add 'personas: [persona-id]' naming who the map is about",
    "scenario": "add 'scenario: …' with the situation the map follows",
    "owner": "add 'owner: owner-id' with an owner from the owners file",
    "stages": "add 'stages:' with at least one stage (a '- name: …' line)",
    "name": "add 'name: …'",
    "id": "add 'id: a-short-id' (lowercase letters, digits and hyphens)",
    "text": "add 'text: …'",
}


def _written(value: Any) -> str:
    """A value as an editor would have written it."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, date):
        return "a date"
    return type(value).__name__


def _unwrap(annotation: Any) -> tuple[Any, int]:
    """The innermost model/enum/literal type of an annotation and how many containers wrap it."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            if arg is not type(None):
                inner, depth = _unwrap(arg)
                if isinstance(inner, type) and issubclass(inner, (BaseModel, Enum)):
                    return inner, depth
        return annotation, 0
    if origin in (list, tuple, set):
        inner, depth = _unwrap(get_args(annotation)[0])
        return inner, depth + 1
    if origin is dict:
        inner, depth = _unwrap(get_args(annotation)[1])
        return inner, depth + 1
    return annotation, 0


def _field(model: type[BaseModel], key: str) -> FieldInfo | None:
    """The field ``key`` names in ``model``: by its name, or by its alias (custom lanes)."""
    found = model.model_fields.get(key)
    if found is None:
        found = next((f for f in model.model_fields.values() if f.alias == key), None)
    return found


def field_type_at(model: type[BaseModel] | None, loc: tuple[Any, ...]) -> Any:
    """The (unwrapped) type of the value at ``loc`` inside ``model``; None if unknown."""
    current: Any = model
    i = 0
    while i < len(loc):
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = _field(current, str(loc[i]))
        if field is None:
            return None
        current, skip = _unwrap(field.annotation)
        i += 1 + skip
    return current


def allowed_keys(model: Any) -> list[str]:
    """The keys a mapping of ``model`` may hold (aliases where fields have one)."""
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [field.alias or name for name, field in model.model_fields.items()]
    return []


def allowed_values(kind: Any) -> list[str]:
    if isinstance(kind, type) and issubclass(kind, Enum):
        return [str(m.value) for m in kind]
    if get_origin(kind) is Literal:
        return [str(a) for a in get_args(kind)]
    return []


def data_at(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], Any, bool]:
    """Follow ``loc`` through the raw data. Returns (the part of loc that exists, the value there,
    whether the whole loc exists)."""
    current = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, dict) and str(part) in current:
            current = current[str(part)]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            return loc[:i], current, False
    return loc, current, True


def describe(data: Any, loc: tuple[Any, ...], *, whole: bool = False) -> str:
    """Words for where a value sits, e.g. 'step 2 of stage "Compare quotes"'. The last key of
    ``loc`` is left out (it is named by the message itself) unless ``whole`` is set."""
    parts: list[str] = []
    current = data
    i = 0
    while i < len(loc):
        key = loc[i]
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        value = current.get(key) if isinstance(current, dict) else None
        if isinstance(value, list) and isinstance(nxt, int) and 0 <= nxt < len(value):
            item = value[nxt]
            label = str(key)
            singular = {
                "stages": "stage",
                "steps": "step",
                "opportunities": "opportunity",
                "kpis": "KPI",
                "evidence": "evidence",
                "personas": "persona",
            }.get(label, label)
            name = None
            if isinstance(item, dict):
                name = item.get("name") or item.get("id") or item.get("title")
            if name and isinstance(name, (str, int)):
                parts.append(f'{singular} "{name}"' if singular != label else f'{label} item "{name}"')
            else:
                parts.append(f"{singular} {nxt + 1}" if singular != label else f"{label} item {nxt + 1}")
            current = item
            i += 2
            continue
        if isinstance(value, (dict, list)) and (whole or i < len(loc) - 1):
            parts.append(f"'{key}'")
        current = value
        i += 1
    return " of ".join(reversed(parts))


@dataclass(frozen=True)
class _Mistake:
    """One place in the data where validation failed, with the words that name it."""

    loc: tuple[Any, ...]
    errors: list[dict[str, Any]]
    raw: Any
    model: type[BaseModel] | None
    where: str
    suffix: str

    @property
    def first(self) -> dict[str, Any]:
        return self.errors[0]

    @property
    def key(self) -> str:
        return str(self.loc[-1]) if self.loc else ""

    @property
    def subject(self) -> str:
        """The key in its place, or for a list entry (which has no key) its place."""
        if self.loc and isinstance(self.loc[-1], int):
            return describe(self.raw, self.loc) or "this entry"
        return f"'{self.key}'{self.suffix}"


_Message = tuple[str, str, bool] | None
"""(message, hint, whether the problem points at the key rather than the value); None: no problem."""


def _missing(m: _Mistake) -> _Message:
    # A misspelt key explains a missing one: the unknown key is reported instead.
    parent = m.loc[:-1]
    _, mapping, _ = data_at(m.raw, parent)
    known = set(allowed_keys(field_type_at(m.model, parent) if parent else m.model))
    strays = [str(k) for k in mapping if str(k) not in known] if isinstance(mapping, dict) else []
    if any(did_you_mean(stray, [m.key]).startswith("did you mean") for stray in strays):
        return None
    hint = HINTS.get(m.key)
    if hint and m.suffix and "the map" in hint:
        hint = None  # a hint about the map's own key, not one of a source, a stage or an owner
    return f"missing the required key '{m.key}'{m.suffix}", hint or f"add '{m.key}: …'", False


def _unknown_key(m: _Mistake) -> _Message:
    parent = m.loc[:-1]
    container = field_type_at(m.model, parent) if parent else m.model
    hint = did_you_mean(m.key, allowed_keys(container)) or getattr(container, "unknown_key_hint", "")
    return f"unknown key '{m.key}'{m.suffix}", hint, True


def _wrong_type(m: _Mistake) -> _Message:
    kind = m.first["type"]
    expected = " or ".join(dict.fromkeys(_EXPECTED[e["type"]] for e in m.errors))
    value = m.first["input"]
    hint = ""
    if value is None:
        message = f"{m.subject} is empty; it must be {expected}"
    elif kind.startswith("date") and isinstance(value, str) and _DATE_LIKE.match(value.strip()):
        message = f"{m.subject}: '{value.strip()}' is not a day of the calendar"
        hint = "check the month (01-12) and the day of the month"
    else:
        message = f"{m.subject} must be {expected}, not {kind_of(value)}"
    if not hint and kind.startswith("date"):
        hint = "write dates as YYYY-MM-DD, e.g. 2026-09-14"
    elif kind == "string_type" and isinstance(value, (bool, int, float, date)):
        hint = f"put it in quotes to use it as text: '{_written(value)}'"
    return message, hint, False


def _out_of_bounds(m: _Mistake) -> _Message:
    kind, err = m.first["type"], m.first
    return (
        f"{m.subject} must be {_BOUNDS[kind]} {_written(err['ctx'][_BOUND_KEY[kind]])}, not {_written(err['input'])}",
        "",
        False,
    )


def _not_allowed(m: _Mistake) -> _Message:
    values = allowed_values(field_type_at(m.model, m.loc))
    value = str(m.first["input"])
    return f"'{value}' is not a valid {m.key}{m.suffix}", did_you_mean(value, values), False


def _bad_id(m: _Mistake) -> _Message:
    value = str(m.first["input"])
    example = slugify(value, "checkout-returns")
    return (
        f"'{value}' is not a valid id{m.suffix}",
        f"use lowercase letters, digits and hyphens, e.g. '{example}'",
        False,
    )


def _bad_key(m: _Mistake) -> _Message:
    example = slugify(m.key, "my_lane").replace("-", "_")
    example = example if example[0].isalpha() else f"lane_{example}"
    return (
        f"'{m.key}' is not a valid key{m.suffix}",
        f"use lowercase letters, digits and underscores, e.g. '{example}'",
        False,
    )


def _empty_text(m: _Mistake) -> _Message:
    return f"'{m.key}'{m.suffix} is empty", f"write some text after '{m.key}:', or remove the line", False


def _empty_list(m: _Mistake) -> _Message:
    return f"'{m.key}'{m.suffix} needs at least one entry", _TOO_SHORT_HINTS.get(m.key, ""), False


def _ours(m: _Mistake) -> _Message:
    where, key = m.where, m.key
    place = f" ('{key}' of {where})" if where and key else f" ({where})" if where else ""
    return m.first["msg"] + place, _CUSTOM_HINTS.get(m.first["type"], ""), False


def _other(m: _Mistake) -> _Message:
    msg = m.first["msg"]
    return (f"'{m.key}'{m.suffix}: {msg[0].lower()}{msg[1:]}" if m.key else msg), "", False


_MESSAGES = {
    "missing": _missing,
    "extra_forbidden": _unknown_key,
    **dict.fromkeys(_BOUNDS, _out_of_bounds),
    "enum": _not_allowed,
    "literal_error": _not_allowed,
    "string_pattern_mismatch": _bad_id,
    "cjm_bad_key": _bad_key,
    "string_too_short": _empty_text,
    "too_short": _empty_list,
}


def _message(m: _Mistake) -> _Message:
    kind = m.first["type"]
    if kind in _EXPECTED and all(e["type"] in _EXPECTED for e in m.errors):
        return _wrong_type(m)
    if kind in _MESSAGES:
        return _MESSAGES[kind](m)
    return _ours(m) if kind.startswith("cjm_") else _other(m)


def _grouped(error: ValidationError, raw: Any) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    """The errors by the place in the data they are about."""
    grouped: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for details in error.errors(include_url=False):
        err: dict[str, Any] = dict(details)
        loc = tuple(err["loc"])
        if err["type"] not in ("missing", "extra_forbidden"):
            # Drop union member tags and other parts that are not in the data.
            loc, _, _ = data_at(raw, loc)
            if err["type"] == "string_pattern_mismatch" and "[key]" in err["loc"]:
                err = {**err, "type": "cjm_bad_key"}
        grouped.setdefault(loc, []).append(err)
    return grouped


def _mistake(
    doc: Document,
    loc: tuple[Any, ...],
    errs: list[dict[str, Any]],
    raw: Any,
    model: type[BaseModel] | None,
    prefix: tuple[Any, ...],
    label: str,
) -> _Mistake:
    in_container = errs[0]["type"] in ("missing", "extra_forbidden")
    where_loc = loc[:-1] if in_container else loc
    if label:
        inner = describe(raw, where_loc, whole=in_container)
        where = f"{inner} of {label}" if inner else label
    elif prefix:
        where = describe(doc.data, prefix + where_loc, whole=in_container)
    else:
        where = describe(raw, where_loc, whole=in_container)
    suffix = f" in {where}" if where else ""
    if loc and isinstance(loc[-1], int) and not in_container and not isinstance(errs[0].get("input"), dict):
        # A plain list entry, e.g. an id in 'personas': name the list, not "persona 1".
        container = describe(raw, loc[:-1], whole=True) if not label else where
        suffix = f" in {container}" if container else ""
    return _Mistake(loc, errs, raw, model, where, suffix)


def problems_from_validation(
    doc: Document,
    error: ValidationError,
    model: type[BaseModel] | None,
    *,
    data: Any = None,
    prefix: tuple[Any, ...] = (),
    label: str = "",
) -> list[Problem]:
    """One problem per mistake, located in ``doc``. ``prefix`` is where ``data`` sits in the doc;
    ``label`` names that place in messages (e.g. "owner 'jo'") instead of the document path."""
    raw = doc.data if data is None else data
    problems: list[Problem] = []
    for loc, errs in _grouped(error, raw).items():
        where = tuple(str(part) for part in prefix + loc)
        if where and any(bad[: len(where)] == where for bad in doc.unusable):
            continue  # the reader has said what is wrong there
        mistake = _mistake(doc, loc, errs, raw, model, prefix, label)
        said = _message(mistake)
        tail = doc.comma_tails.get(where)
        if said is not None and tail is not None:  # the key is the rest of a value, cut at a comma
            said = (tail.message(mistake.suffix), tail.hint(), True)
        if said is not None:
            message, hint, at_key = said
            problems.append(doc.problem(prefix + loc, message, hint, key=at_key))
    return problems
