"""Links from one generated page to the others; a link is only made to a page that exists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import quote, unquote

from ..assembly.portfolio import Portfolio
from .markdown import LinkResolver, join_relative
from .urls import Routes, page_url, relative_url


class Link(NamedTuple):
    """Text and where it links to; no URL when the target is not part of the site (shown as
    plain text, never as a dead link)."""

    text: str
    url: str | None


class Avatar(NamedTuple):
    """A persona's face: their picture when they have one, else their initials on their colour."""

    initials: str
    src: str | None
    slot: int


def initials(name: str) -> str:
    """``PS`` for Priya Shah, ``A`` for Ava; the first letters of the first and last words."""
    words = [w for w in name.split() if w[:1].isalnum()] or [name]
    letters = words[0][:1] + (words[-1][:1] if len(words) > 1 else "")
    return letters.upper()


@dataclass
class Links:
    """URLs relative to the page being rendered (``page_src``). Methods return None when the
    target is not part of the site, so templates fall back to plain text, never a dead link."""

    portfolio: Portfolio
    routes: Routes
    page_src: str
    use_directory_urls: bool = True
    doc_pages: frozenset[str] = frozenset()
    """Other Markdown pages of the site (docs-relative source paths) that content may link to."""
    static_files: frozenset[str] = frozenset()
    """Other files of the site (images and such) that content may link to."""

    @property
    def here(self) -> str:
        return page_url(self.page_src, self.use_directory_urls)

    def to(self, src: str, fragment: str = "") -> str:
        url = relative_url(page_url(src, self.use_directory_urls), self.here)
        return f"{url}#{fragment}" if fragment else url

    def index(self, section: str) -> str:
        return self.to(self.routes.index(section))

    def persona(self, ident: str | None) -> str | None:
        return self.to(self.routes.persona(ident)) if ident in self.portfolio.personas else None

    def owner(self, ident: str | None) -> str | None:
        return self.to(self.routes.owner(ident)) if ident in self.portfolio.owners else None

    def journey(self, ident: str | None, fragment: str = "") -> str | None:
        return self.to(self.routes.journey(ident), fragment) if ident in self.portfolio.maps else None

    def opportunity(self, ident: str) -> str | None:
        ref = self.portfolio.opportunities.get(ident)
        return self.journey(ref.map.id, ident) if ref else None

    def stage(self, map_id: str, stage_index: int) -> str | None:
        entry = self.portfolio.maps.get(map_id)
        if entry is None:
            return None
        return self.journey(map_id, f"stage-{entry.stage_ids[stage_index]}")

    def template(self, key: str) -> str:
        return self.to(self.routes.template(key))

    def asset(self, name: str) -> str:
        return relative_url(self.routes.asset(name), self.here)

    def static(self, path: str) -> str:
        return relative_url(path, self.here)

    def persona_name(self, ident: str) -> str:
        return self.portfolio.persona_name(ident)

    def owner_name(self, ident: str | None) -> str:
        return self.portfolio.owner_name(ident)

    def persona_link(self, ident: str) -> Link:
        return Link(self.persona_name(ident), self.persona(ident))

    def owner_link(self, ident: str | None) -> Link:
        return Link(self.owner_name(ident), self.owner(ident))

    def avatar(self, ident: str, slot: int | None = None) -> Avatar:
        """A persona's avatar; ``slot`` is the colour the page gives them (a map may move it)."""
        entry = self.portfolio.personas.get(ident)
        colour = slot or self.portfolio.persona_slots([ident])[ident]
        picture = entry.model.picture if entry else None
        src = None
        if entry and picture:
            path, _ = join_relative(entry.source.path, picture)
            src = picture if "://" in picture else self.static(path) if path in self.static_files else None
        return Avatar(initials(self.persona_name(ident)), src, colour)

    def resolver(self, source_src: str, content_pages: dict[str, str]) -> LinkResolver:
        """A link resolver for Markdown written in ``source_src``: links to other content files
        go to their generated pages, links to other docs pages and files to their URLs."""

        def resolve(href: str) -> str | None:
            # Markdown percent-encodes a link (`<my picture.png>`, `café.md`); files have the
            # names it encodes.
            path, fragment = join_relative(source_src, unquote(href))
            suffix = f"#{fragment}" if fragment else ""
            if path in content_pages:
                return self.to(content_pages[path]) + suffix
            if path in self.doc_pages:
                return quote(self.to(path)) + suffix
            if path in self.static_files:
                return quote(self.static(path)) + suffix
            return None

        return resolve
