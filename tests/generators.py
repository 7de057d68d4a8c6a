"""The example portfolio built four ways, for tests/test_generators.py and the browser test of the
Zensical build: MkDocs + the plugin, ProperDocs + the plugin, and the ``mkdocs-cjm build-pages``
project built by Zensical and by plain MkDocs (no plugin). Each build runs in its own process,
as a user runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from test_determinism import build_copy

from conftest import REPO, TODAY_EPOCH

HOSTS = ("mkdocs", "properdocs", "zensical", "plain-mkdocs")
"""The four builds: the plugin under MkDocs and ProperDocs; build-pages under Zensical and MkDocs."""
PORTFOLIO_SECTIONS = ("journeys/", "personas/", "owners/", "opportunities/", "insights/", "start/", "templates/")


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": TODAY_EPOCH}
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result


def copy_example(root: Path) -> Path:
    for folder in ("content", "theme", "site_templates"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def build_pages(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "mkdocs_cjm", "build-pages", "--out", str(out)], source)


def zensical() -> str:
    return str(Path(sys.executable).with_name("zensical"))


def build_four_ways(root: Path) -> dict[str, Path]:
    """The example built by each of :data:`HOSTS`; their site folders by host."""
    sites = {
        "mkdocs": build_copy(root / "mkdocs", "1"),
        "properdocs": build_copy(root / "properdocs", "1", host="properdocs"),
    }
    pages = root / "pages"
    build_pages(copy_example(root / "source"), pages)
    run([zensical(), "build", "--clean"], pages)
    sites["zensical"] = pages / "site"
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(root / "plain-site")], pages)
    sites["plain-mkdocs"] = root / "plain-site"
    return sites


def portfolio_pages(site: Path) -> list[str]:
    """The portfolio's pages of a built site (its own pages, such as the tags index, aside)."""
    pages = [p.relative_to(site).as_posix() for p in site.rglob("index.html")]
    return sorted(p for p in pages if p == "index.html" or p.startswith(PORTFOLIO_SECTIONS))


def page_view(site: Path, page: str) -> tuple[list[str], list[str]]:
    """What a page shows of the portfolio: the text of every grid cell, and its links inside the
    article. Left out: links to other hosts (edit links are each generator's), links to the tags
    index (only Material's tags plugin, under the plugin, tells a map's tags where they are
    listed), and the text version build-pages adds under a map for the generators' search."""
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article") or soup
    for extra in article.select(".cjm-as-text"):
        extra.decompose()
    cells = [c.get_text(" ", strip=True) for c in article.select(".cjm-grid th, .cjm-grid td")]
    links = sorted(
        str(a["href"]).replace(".md.txt", ".md")  # build-pages publishes Markdown starters as .txt
        for a in article.select("a[href]")
        if not str(a["href"]).startswith(("http:", "https:")) and "#tag:" not in str(a["href"])
    )
    return cells, links
