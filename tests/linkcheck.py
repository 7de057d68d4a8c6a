"""Check every internal link and anchor of a built site."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

# Anchors that Material's JavaScript provides at run time.
RUNTIME_ANCHORS = {"", "__consent", "__search", "__drawer", "__code_0", "__palette_0", "__palette_1"}


def broken_links(site_dir: Path) -> list[str]:
    @cache
    def ids(path: Path) -> frozenset[str]:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return frozenset(str(el["id"]) for el in soup.find_all(id=True))

    problems = []
    pages = sorted(site_dir.rglob("*.html"))
    checked = 0
    for page in pages:
        rel_dir = posixpath.dirname(page.relative_to(site_dir).as_posix())
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for el in soup.find_all(tag):
                url = el.get(attr)
                if not isinstance(url, str):
                    continue
                parts = urlsplit(url)
                if parts.scheme in ("http", "https", "mailto"):
                    continue
                if parts.scheme:
                    problems.append(f"{page.relative_to(site_dir)}: unsafe link {url}")
                    continue
                if parts.path:
                    path = unquote(parts.path)
                    base = "" if path.startswith("/") else rel_dir
                    target_rel = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
                    target = site_dir / target_rel
                    if url.endswith("/") or target.is_dir():
                        target = target / "index.html"
                else:
                    target = page
                checked += 1
                if not target.is_file():
                    problems.append(f"{page.relative_to(site_dir)}: missing {url}")
                    continue
                known = parts.fragment in RUNTIME_ANCHORS or target.suffix != ".html"
                if parts.fragment and not known and unquote(parts.fragment) not in ids(target):
                    problems.append(f"{page.relative_to(site_dir)}: no anchor {url}")
    # An empty or missing site would have nothing broken: that is a failure too.
    if not pages or not checked:
        problems.append(f"{site_dir}: no page or no internal link to check ({len(pages)} pages)")
    return problems
