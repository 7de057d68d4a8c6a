"""Turn pydantic's validation errors into one plain-language problem per mistake."""

from __future__ import annotations

import re
import types
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from .documents import Document
from .problems import Problem, did_you_mean
from .text import slugify

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

_BOUNDS = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most",
           "less_than": "less than"}
_BOUND_KEY = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le", "less_than": "lt"}

_TOO_SHORT_HINTS = {
    "stages": "add at least one stage: a line '- name: …' under 'stages:'",
    "personas": "name at least one persona, e.g. 'personas: [persona-id]'",
}

_CUSTOM_HINTS = {
    "cjm_url": "write the full address of the page, starting with https://",
    "cjm_email": "write an address such as team@example.com",
    "cjm_time": "write the time as HH:MM (07:30, 19:05) or as 7am, 7:30 pm",
    "cjm_scale": "write the scale as min..max, e.g. 'scale: 1..5', with any labels inside it",
    "cjm_emotion": "write a number such as -1, or e.g. '{priya: -1, sam: 1}'",
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


def field_type_at(model: type[BaseModel] | None, loc: tuple[Any, ...]) -> Any:
    """The (unwrapped) type of the value at ``loc`` inside ``model``; None if unknown."""
    current: Any = model
    i = 0
    while i < len(loc):
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(loc[i]))
        if field is None:
            return None
        current, skip = _unwrap(field.annotation)
        i += 1 + skip
    return current


def allowed_keys(model: Any) -> list[str]:
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
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
            singular = {"stages": "stage", "steps": "step", "opportunities": "opportunity",
                        "kpis": "KPI", "evidence": "evidence", "personas": "persona"}.get(label, label)
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
    grouped: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        if err["type"] not in ("missing", "extra_forbidden"):
            # Drop union member tags and other parts that are not in the data.
            loc, _, _ = data_at(raw, loc)
            if err["type"] == "string_pattern_mismatch" and "[key]" in err["loc"]:
                err = {**err, "type": "cjm_bad_key"}
        grouped.setdefault(loc, []).append(err)

    problems: list[Problem] = []
    for loc, errs in grouped.items():
        err = errs[0]
        kind = err["type"]
        key = str(loc[-1]) if loc else ""
        parent = loc[:-1]
        in_container = kind in ("missing", "extra_forbidden")
        where_loc = parent if in_container else loc
        if label:
            inner = describe(raw, where_loc, whole=in_container)
            where = f"{inner} of {label}" if inner else label
        elif prefix:
            where = describe(doc.data, prefix + where_loc, whole=in_container)
        else:
            where = describe(raw, where_loc, whole=in_container)
        suffix = f" in {where}" if where else ""
        if loc and isinstance(loc[-1], int) and not in_container and not isinstance(err.get("input"), dict):
            # A plain list entry, e.g. an id in 'personas': name the list, not "persona 1".
            container = describe(raw, parent, whole=True) if not label else where
            suffix = f" in {container}" if container else ""
        hint = ""
        at_key = False
        # A list entry has no key of its own: name it by its place instead.
        subject = f"'{key}'{suffix}" if not isinstance(loc[-1] if loc else "", int) else (describe(raw, loc) or "this entry")
        if kind == "missing":
            # A misspelt key explains a missing one: the unknown key is reported instead
            # (as an unknown key by the model, or by the stage checks for open mappings).
            _, mapping, _ = data_at(raw, parent)
            known = set(allowed_keys(field_type_at(model, parent) if parent else model))
            strays = [str(k) for k in mapping if str(k) not in known] if isinstance(mapping, dict) else []
            if any(did_you_mean(stray, [key]).startswith("did you mean") for stray in strays):
                continue
            message = f"missing the required key '{key}'{suffix}"
            hint = HINTS.get(key, f"add '{key}: …'")
        elif kind == "extra_forbidden":
            allowed = allowed_keys(field_type_at(model, parent)) if parent else allowed_keys(model)
            message = f"unknown key '{key}'{suffix}"
            hint = did_you_mean(key, allowed)
            at_key = True
        elif kind in _EXPECTED and all(e["type"] in _EXPECTED for e in errs):
            expected = " or ".join(dict.fromkeys(_EXPECTED[e["type"]] for e in errs))
            value = err["input"]
            if value is None:
                message = f"{subject} is empty; it must be {expected}"
            elif kind.startswith("date") and isinstance(value, str) and _DATE_LIKE.match(value.strip()):
                message = f"{subject}: '{value.strip()}' is not a day of the calendar"
                hint = "check the month (01-12) and the day of the month"
            else:
                message = f"{subject} must be {expected}, not {kind_of(value)}"
            if not hint and kind.startswith("date"):
                hint = "write dates as YYYY-MM-DD, e.g. 2026-09-14"
            elif kind == "string_type" and isinstance(value, (bool, int, float, date)):
                hint = f"put it in quotes to use it as text: '{_written(value)}'"
        elif kind in _BOUNDS:
            message = f"{subject} must be {_BOUNDS[kind]} {_written(err['ctx'][_BOUND_KEY[kind]])}, " \
                      f"not {_written(err['input'])}"
        elif kind in ("enum", "literal_error"):
            values = allowed_values(field_type_at(model, loc))
            message = f"'{err['input']}' is not a valid {key}{suffix}"
            hint = did_you_mean(str(err["input"]), values)
        elif kind == "string_pattern_mismatch":
            message = f"'{err['input']}' is not a valid id{suffix}"
            example = slugify(str(err["input"]), "checkout-returns")
            hint = f"use lowercase letters, digits and hyphens, e.g. '{example}'"
        elif kind == "cjm_bad_key":
            message = f"'{key}' is not a valid key{suffix}"
            example = slugify(key, "my_lane").replace("-", "_")
            example = example if example[0].isalpha() else f"lane_{example}"
            hint = f"use lowercase letters, digits and underscores, e.g. '{example}'"
        elif kind == "string_too_short":
            message = f"'{key}'{suffix} is empty"
            hint = f"write some text after '{key}:', or remove the line"
        elif kind == "too_short":
            message = f"'{key}'{suffix} needs at least one entry"
            hint = _TOO_SHORT_HINTS.get(key, "")
        elif kind.startswith("cjm_"):
            message = err["msg"] + (f" ('{key}' of {where})" if where and key else f" ({where})" if where else "")
            hint = _CUSTOM_HINTS.get(kind, "")
        else:
            message = f"'{key}'{suffix}: {err['msg'][0].lower()}{err['msg'][1:]}" if key else err["msg"]
        problems.append(doc.problem(prefix + loc, message, hint, key=at_key))
    return problems


def validate_part(doc: Document, adapter: TypeAdapter[Any], data: Any, prefix: tuple[Any, ...],
                  model: type[BaseModel] | None) -> tuple[Any, list[Problem]]:
    """Validate one part of a document with a type adapter, locating problems under ``prefix``."""
    try:
        return adapter.validate_python(data), []
    except ValidationError as exc:
        return None, problems_from_validation(doc, exc, model, data=data, prefix=prefix)
