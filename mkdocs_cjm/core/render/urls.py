"""Where each generated page lives, and relative links between pages."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Routes:
    """Source paths (as if they were files in the docs dir) of every generated page."""

    home: str = "index.md"
    personas: str = "personas"
    journeys: str = "journeys"
    owners: str = "owners"
    opportunities: str = "opportunities"
    templates: str = "templates"
    assets: str = "assets/cjm"
    insights: str = "insights"
    start: str = "start"
    evidence: str = "evidence"

    def index(self, section: str) -> str:
        return f"{section}/index.md"

    def persona(self, ident: str) -> str:
        return f"{self.personas}/{ident}.md"

    def journey(self, ident: str) -> str:
        return f"{self.journeys}/{ident}.md"

    def owner(self, ident: str) -> str:
        return f"{self.owners}/{ident}.md"

    def template(self, key: str) -> str:
        return f"{self.templates}/{key}.md"

    def paged(self, section: str, page: int) -> str:
        """Page ``page`` (from 1) of a section that is split into pages: its index, then ``2``…"""
        return self.index(section) if page == 1 else f"{section}/{page}.md"

    def insights_persona(self, ident: str, page: int = 1) -> str:
        """Page ``page`` (from 1) of a persona's emotion heatmap."""
        return f"{self.insights}/{ident}.md" if page == 1 else f"{self.insights}/{ident}/{page}.md"

    def asset(self, name: str) -> str:
        return f"{self.assets}/{name}"


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The URL of the page built from ``src``, as MkDocs computes it (relative to the site root)."""
    stem, ext = posixpath.splitext(src)
    if ext not in (".md", ".markdown"):
        return src
    if not use_directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) in ("index", "README"):
        parent = posixpath.dirname(stem)
        return parent + "/" if parent else ""
    return stem + "/"


def relative_url(target: str, base: str) -> str:
    """A link from the page at URL ``base`` to the URL ``target`` (both site-relative, without
    ``..``): the shortest relative path, as ``posixpath.relpath`` would give, computed directly
    because a large portfolio makes hundreds of thousands of links."""
    base_dir = base if base.endswith("/") or base == "" else posixpath.dirname(base)
    base_parts = [p for p in base_dir.split("/") if p]
    target_parts = [p for p in target.split("/") if p]
    common = 0
    for a, b in zip(base_parts, target_parts, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(base_parts) - common) + target_parts[common:]) or "."
    if target.endswith("/") or target == "":
        rel = "./" if rel == "." else rel + "/"
    return rel
