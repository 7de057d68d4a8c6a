"""Markdown from content files, rendered safely.

Content files are written by many people; their text must never run as HTML or script in a
reader's browser. Raw HTML is shown as text, only http(s), mailto and relative links survive,
and plain text (the common case for lane items) skips the parser entirely.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..text import slugify

LinkResolver = Callable[[str], "str | None"]
"""Maps a relative link written in a content file to a URL relative to the page, or None when
the target does not exist."""

_SPECIAL = re.compile(r"[\\`*_\[\]<>!~&]|^\s*(?:[-+#>]|\d+[.)])|\n|https?:|www\.")
_SAFE_SCHEMES = ("http", "https", "mailto")


def _safe_href(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in _SAFE_SCHEMES or scheme == ""


@dataclass
class Heading:
    level: int
    title: str
    id: str


@dataclass
class Rendered:
    html: str
    headings: list[Heading] = field(default_factory=list)
    broken_links: list[str] = field(default_factory=list)
    broken_at: list[tuple[int, int]] = field(default_factory=list)
    """Where each broken link is written: (line, column) in the text, both counted from 1."""


class SafeMarkdown:
    """CommonMark with tables and strikethrough, no raw HTML, and vetted links."""

    def __init__(self) -> None:
        self.md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        self.md.enable(["table", "strikethrough"])
        self.md.validateLink = _safe_href  # type: ignore[method-assign]

    def inline(self, text: str, resolve: LinkResolver | None = None, broken: list[str] | None = None) -> str:
        """One line of Markdown as inline HTML (no paragraph). The links that point nowhere
        are shown as their text, and added to ``broken``."""
        if not _SPECIAL.search(text):
            return html.escape(text, quote=False)
        env: dict[str, object] = {}
        tokens = self.md.parseInline(text, env)
        broken = [] if broken is None else broken
        for token in tokens:
            if token.children:
                _rewrite_links(token.children, resolve, broken)
        return str(self.md.renderer.render(tokens, self.md.options, env))

    def block(
        self,
        text: str,
        resolve: LinkResolver | None = None,
        *,
        heading_offset: int = 0,
        used_ids: set[str] | None = None,
    ) -> Rendered:
        """A Markdown document. Headings get ids (unique among ``used_ids``) and can be moved
        down by ``heading_offset`` levels so that a narrative sits below the page's own h2s."""
        env: dict[str, object] = {}
        tokens = self.md.parse(text, env)
        used = used_ids if used_ids is not None else set()
        result = Rendered("")
        for i, token in enumerate(tokens):
            if token.type in ("heading_open", "heading_close"):
                level = min(int(token.tag[1]) + heading_offset, 6)
                token.tag = f"h{level}"
                if token.type == "heading_open":
                    title = _plain(tokens[i + 1])
                    ident = _unique(slugify(title, "section"), used)
                    token.attrSet("id", ident)
                    result.headings.append(Heading(level, title, ident))
            if token.children:
                before = len(result.broken_links)
                _rewrite_links(token.children, resolve, result.broken_links)
                for href in result.broken_links[before:]:
                    result.broken_at.append(_find(text, href, token.map[0] if token.map else 0))
        result.html = self.md.renderer.render(tokens, self.md.options, env)
        return result


def _find(text: str, href: str, first_line: int) -> tuple[int, int]:
    """Where ``href`` is written in ``text``, looking from line ``first_line`` (from 0) on
    (as it is given, or as Markdown percent-encodes it)."""
    lines = text.split("\n")
    for written in (href, quote(href, safe="/#:?&=+@!$'()*,;~")):
        for number in range(first_line, len(lines)):
            column = lines[number].find(written) if written else -1
            if column >= 0:
                return number + 1, column + 1
    return first_line + 1, 1


def _plain(inline: Token) -> str:
    return "".join(c.content for c in (inline.children or []) if c.type in ("text", "code_inline")) or inline.content


def _unique(ident: str, used: set[str]) -> str:
    candidate, n = ident, 1
    while candidate in used:
        n += 1
        candidate = f"{ident}-{n}"
    used.add(candidate)
    return candidate


def _rewrite_links(tokens: list[Token], resolve: LinkResolver | None, broken: list[str]) -> None:
    """Relative links point at content files; turn them into page URLs, or drop them when
    their target does not exist (keeping the text)."""
    for i, token in enumerate(tokens):
        attr = "href" if token.type == "link_open" else "src" if token.type == "image" else None
        if attr is None:
            continue
        url = str(token.attrGet(attr) or "")
        parts = urlsplit(url)
        if parts.scheme or url.startswith(("#", "//")):
            continue
        target = resolve(url) if resolve else None
        if target is None:
            broken.append(unquote(url))
            if token.type == "link_open":
                _unlink(tokens, i)
            else:
                token.type, token.tag, token.children, token.attrs = "text", "", None, {}
        else:
            token.attrSet(attr, target)


def _unlink(tokens: list[Token], start: int) -> None:
    depth = 0
    for j in range(start, len(tokens)):
        if tokens[j].type == "link_open":
            depth += 1
        elif tokens[j].type == "link_close":
            depth -= 1
            if depth == 0:
                tokens[j].type, tokens[j].tag, tokens[j].nesting = "text", "", 0
                tokens[j].content = ""
                break
    tokens[start].type, tokens[start].tag, tokens[start].nesting = "text", "", 0
    tokens[start].content = ""
    tokens[start].attrs = {}


def join_relative(base_src: str, href: str) -> tuple[str, str]:
    """Resolve ``href`` written in the file ``base_src`` to a docs-relative path and fragment."""
    parts = urlsplit(href)
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base_src), parts.path)) if parts.path else base_src
    return path.lstrip("/"), parts.fragment
