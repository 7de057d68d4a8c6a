"""Backlog keys: an opportunity's ``backlog`` is a web address, or a key such as ``TW-412`` that
the site's ``backlogs`` option turns into one.

The option maps key patterns to address templates, one per tracker::

    backlogs:
      "TW-*": https://tracker.example.com/browse/{key}
      "till#*": https://github.com/example/till/issues/{id}

A pattern has one ``*``, which stands for the key's own part (letters, digits, ``.``, ``_``,
``-``); ``{key}`` in the template is the whole key, ``{id}`` the part the ``*`` matched. The
first pattern that matches a key gives its address.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._/#-]{0,79}$"
"""What a backlog key may be: letters, digits and ``. _ / # -``, at most 80 characters."""

_KEY = re.compile(KEY_PATTERN)
_URL = re.compile(r"^https?://", re.IGNORECASE)
_PATTERN = re.compile(r"^[A-Za-z0-9._/#-]*\*[A-Za-z0-9._/#-]*$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
WILDCARD = "[A-Za-z0-9._-]+"
"""What the ``*`` of a pattern matches."""

GENERIC_LABEL = "Backlog item"
"""What a backlog address without a short last part says."""

LABEL_LENGTH = 24
"""The longest last part of a backlog address that a page shows as the item's key."""


def is_url(value: str) -> bool:
    return bool(_URL.match(value))


def is_key(value: str) -> bool:
    return bool(_KEY.match(value)) and not is_url(value)


def pattern_problem(pattern: str, template: str) -> str | None:
    """What is wrong with one entry of the ``backlogs`` option, or None."""
    if not _PATTERN.match(pattern):
        return (
            f"the key pattern '{pattern}' must hold one '*' (the key's own part) and otherwise only "
            "letters, digits and . _ / # -, e.g. 'TW-*'"
        )
    if not isinstance(template, str) or not _URL.match(template):
        return f"the address of '{pattern}' must start with http:// or https://, e.g. https://tracker.example.com/browse/{{key}}"
    names = set(_PLACEHOLDER.findall(template))
    if not names or names - {"key", "id"}:
        return f"the address of '{pattern}' must use {{key}} (the whole key) or {{id}} (the part '*' matched), and no other {{…}}"
    return None


@dataclass(frozen=True)
class BacklogLink:
    """What a page shows for an opportunity's backlog item, and where it links."""

    label: str
    url: str


@dataclass(frozen=True)
class Backlogs:
    """The site's key patterns (the ``backlogs`` option), in order."""

    patterns: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, option: Mapping[str, str]) -> Backlogs:
        return cls(tuple(option.items()))

    @property
    def names(self) -> list[str]:
        return [pattern for pattern, _ in self.patterns]

    def key_url(self, key: str) -> str | None:
        """The address of ``key`` from the first pattern that matches it, or None."""
        for pattern, template in self.patterns:
            head, tail = pattern.split("*", 1)
            match = re.fullmatch(re.escape(head) + f"({WILDCARD})" + re.escape(tail), key)
            if match:
                return template.replace("{key}", quote(key, safe="")).replace("{id}", quote(match.group(1), safe=""))
        return None

    def link(self, value: str | None) -> BacklogLink | None:
        """The link of an opportunity's ``backlog`` (None for none, or for an unknown key, which
        validation reports)."""
        if not value:
            return None
        if is_url(value):
            return BacklogLink(url_label(value), value)
        url = self.key_url(value)
        return BacklogLink(value, url) if url else None


def url_label(url: str) -> str:
    """What a backlog address says: its last part when short (``TW-1`` of
    ``https://backlog.example/TW-1``), else "Backlog item"."""
    path = urlsplit(url).path.rstrip("/")
    last = unquote(path.rsplit("/", 1)[-1]) if path else ""
    return last if 0 < len(last) <= LABEL_LENGTH and not last.isspace() else GENERIC_LABEL


NO_BACKLOGS = Backlogs()
"""A site without key patterns."""
