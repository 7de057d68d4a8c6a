"""The field types content files share: ids, text, web addresses and e-mail addresses, backlog
references, pictures, times of day and review cadences. Each reads what an editor writes (and
says why it cannot) and gives the JSON Schema its description; :mod:`.models` builds on them.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from .backlogs import KEY_PATTERN

ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
ID_MAX_LENGTH = 80

Identifier = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH),
    Field(description="A lowercase id: letters, digits and hyphens, e.g. `returns-checkout`."),
]
Text = Annotated[str, StringConstraints(min_length=1)]


def normalise_word(value: Any) -> Any:
    """Let editors write ``In progress``, ``in_progress`` or ``in-progress``."""
    if isinstance(value, str):
        return re.sub(r"[\s_]+", "-", value.strip().lower())
    return value


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")


def _web_url(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    url = value.strip()
    if not _URL.match(url) or any(ord(c) < 32 for c in url):
        raise PydanticCustomError(
            "cjm_url",
            "'{url}' is not a web link: only http:// and https:// addresses are allowed",
            {"url": url[:80]},
        )
    return url


def _email(value: Any) -> Any:
    if isinstance(value, str) and not _EMAIL.match(value.strip()):
        raise PydanticCustomError("cjm_email", "'{value}' is not an e-mail address", {"value": value[:80]})
    return value.strip() if isinstance(value, str) else value


WebUrl = Annotated[
    str,
    BeforeValidator(_web_url),
    Field(description="An http:// or https:// address.", json_schema_extra={"pattern": "^https?://"}),
]
Email = Annotated[str, BeforeValidator(_email), Field(description="An e-mail address.")]


def _backlog(value: Any) -> Any:
    if not isinstance(value, str) or re.match(r"^[a-z][a-z0-9+.-]*:", value.strip(), re.IGNORECASE):
        return _web_url(value)
    key = value.strip()
    if not re.match(KEY_PATTERN, key):
        raise PydanticCustomError(
            "cjm_backlog",
            "'{key}' is neither a web link (https://…) nor a backlog key such as TW-412 (letters, digits and "
            ". _ / # -, at most 80 characters)",
            {"key": key[:80]},
        )
    return key


BacklogRef = Annotated[
    str,
    BeforeValidator(_backlog),
    Field(
        description="An http:// or https:// address, or a backlog key such as TW-412.",
        json_schema_extra={"pattern": f"^https?://|{KEY_PATTERN}"},
    ),
]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")


def _picture(value: Any) -> Any:
    if not isinstance(value, str) or re.match(r"^[a-z][a-z0-9+.-]*:", value.strip(), re.IGNORECASE):
        return _web_url(value)
    path = value.strip()
    if not path.lower().endswith(IMAGE_SUFFIXES) or any(ord(c) < 32 for c in path):
        raise PydanticCustomError(
            "cjm_picture",
            "'{path}' is not a picture: use a .png, .jpg, .gif, .webp, .avif or .svg file",
            {"path": path[:80]},
        )
    return path


Picture = Annotated[
    str,
    BeforeValidator(_picture),
    Field(
        description="A picture: an image file in the docs folder (relative to this file, like a Markdown "
        "image) or an http:// or https:// address."
    ),
]

_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$", re.IGNORECASE)


def parse_time(value: str) -> int | None:
    """Minutes after midnight for ``07:30``, ``19:05``, ``7am``, ``7:30 pm``; None if unreadable."""
    match = _TIME.match(value.strip())
    if not match:
        return None
    hours, minutes, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if half.lower().startswith("p") else 0)
    elif match.group(2) is None:
        return None
    if hours > 23 or minutes > 59:
        return None
    return hours * 60 + minutes


def _time_of_day(value: Any) -> Any:
    if isinstance(value, str) and parse_time(value) is not None:
        minutes = parse_time(value)
        assert minutes is not None
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    raise PydanticCustomError("cjm_time", "'{value}' is not a time of day", {"value": str(value)[:40]})


TimeOfDay = Annotated[
    str,
    BeforeValidator(_time_of_day, json_schema_input_type=str),
    Field(description="A time of day: `07:30`, `19:05`, `7am` or `7:30 pm`."),
]

_CADENCE = re.compile(r"^(?:every\s+)?(\d+)\s*(day|week|month|year)s?$")
_CADENCES = {"monthly": 30, "quarterly": 91, "half-yearly": 182, "yearly": 365}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
MAX_CADENCE_YEARS = 10
"""The longest review cadence: a map not looked at for longer is not kept true."""


def cadence_days(value: str) -> int:
    """The number of days in a review cadence such as ``quarterly`` or ``6 weeks``."""
    if value in _CADENCES:
        return _CADENCES[value]
    match = _CADENCE.match(value)
    assert match, value
    count, unit = int(match.group(1)), match.group(2)
    return count * _UNIT_DAYS[unit]


def cadence_phrase(value: str) -> str:
    """How a page says a cadence: ``every 6 weeks``, ``every week``, ``quarterly``."""
    match = _CADENCE.match(value)
    if not match:
        return value
    count, unit = int(match.group(1)), match.group(2)
    return f"every {unit}" if count == 1 else f"every {count} {unit}s"


def _cadence(value: Any) -> Any:
    if isinstance(value, str):
        word = value.strip().lower().replace("_", "-")
        word = {
            "half-yearly": "half-yearly",
            "semi-annually": "half-yearly",
            "annually": "yearly",
            "annual": "yearly",
            "every month": "monthly",
            "every quarter": "quarterly",
            "every year": "yearly",
        }.get(word, word)
        if word in _CADENCES:
            return word
        match = _CADENCE.match(word)
        if match:
            digits, unit = match.group(1).lstrip("0"), match.group(2)
            if not digits or len(digits) > 6 or int(digits) * _UNIT_DAYS[unit] > MAX_CADENCE_YEARS * 365:
                raise PydanticCustomError(
                    "cjm_cadence_range",
                    "'{value}' is not a review cadence: the period must be between 1 day and {years} years",
                    {"value": str(value)[:40], "years": MAX_CADENCE_YEARS},
                )
            return word
    raise PydanticCustomError(
        "cjm_cadence",
        "'{value}' is not a review cadence: use monthly, quarterly, half-yearly, yearly, or a period such as '6 weeks'",
        {"value": str(value)[:40]},
    )


Cadence = Annotated[
    str,
    BeforeValidator(_cadence, json_schema_input_type=str),
    Field(
        description="How often the map is reviewed: `monthly`, `quarterly`, `half-yearly`, "
        "`yearly`, or a period such as `6 weeks`."
    ),
]
