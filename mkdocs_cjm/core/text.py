"""Small text helpers shared by the loader and the renderers."""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str, fallback: str = "item") -> str:
    """A lowercase ASCII id for ``text``: 'Café & Co.' -> 'cafe-co'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or fallback


def anchor_slug(text: str, fallback: str = "item") -> str:
    """A stable anchor for a name in any script. Latin letters lose their accents as in
    :func:`slugify` ('Café & Co.' -> 'cafe-co'); letters, marks and digits of other scripts are
    kept, lowercased ('Оплата заказа' -> 'оплата-заказа', '支付' -> '支付'); a name with none
    (emoji only) is spelt by its code points ('🚀 ✨' -> 'u1f680-u2728')."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFKC", text):
        folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii").lower()
        if folded or unicodedata.name(char, "").startswith("LATIN"):
            kept.append(re.sub(r"[^a-z0-9]+", " ", folded))
        elif unicodedata.category(char)[0] in "LMN":
            kept.append(char.lower())
        else:
            kept.append(" ")
    slug = "-".join("".join(kept).split())
    if not slug:
        slug = "-".join(f"u{ord(char):x}" for char in text if not char.isspace())
    return slug or fallback


def fold_accents(text: str) -> str:
    """``text`` in lower case without combining accents ('Tomás' -> 'tomas'), as the search box
    (search.js, ``plain``) and Pagefind compare words; other scripts are kept as they are."""
    return re.sub("[\u0300-\u036f]", "", unicodedata.normalize("NFD", text)).lower()


def format_number(value: float) -> str:
    """``2.0`` -> ``2``; ``-1.5`` -> ``−1.5`` with a real minus sign."""
    text = f"{value:g}" if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace("-", "\u2212")


def format_score(value: float, signed: bool = True) -> str:
    """A score with its sign: ``+1``, ``0``, ``−2``; unsigned (``4``) on all-positive scales."""
    text = format_number(value)
    return f"+{text}" if signed and value > 0 else text


READING_WPM = 200
"""The reading speed reading times assume, in words per minute."""

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_MARKUP = re.compile(r"\]\([^)]*\)|<[^>]*>|https?://\S+")


def count_words(text: str) -> int:
    """The words a reader reads in ``text`` (Markdown): link targets, tags and bare addresses
    are not read, so they do not count."""
    return len(_WORD.findall(_MARKUP.sub(" ", text)))


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` at :data:`READING_WPM`, rounded up; at least one."""
    return max(1, -(-words // READING_WPM))
