"""Rebuilds the way `mkdocs serve` does them: the same plugin instance, the render cache on.

Each test builds a real site, edits or deletes content files, builds again in the same process
(load the config again, build again: mkdocs/commands/serve.py) and reads the written pages.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import CURRENT, TODAY, small_portfolio, write_tree

SERVE_URL = "http://127.0.0.1:8000/"


class Session:
    """One `mkdocs serve` session: on_startup once, then a build per change."""

    def __init__(self, root: Path) -> None:
        from mkdocs.config import load_config

        cfg: dict[str, Any] = {
            "site_name": "Rebuilds",
            "docs_dir": "docs",
            "site_dir": "site",
            "theme": {"name": "material", "font": False},
            "plugins": ["search", {"cjm": {"today": TODAY}}],
        }
        self.root = root
        self.config_file = root / "mkdocs.yml"
        self.config_file.write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
        self.config = load_config(str(self.config_file))
        self.config.plugins.on_startup(command="serve", dirty=False)
        self.plugin: Any = None

    def build(self) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(str(self.config_file))
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL)
        self.plugin = config.plugins["cjm"]

    def text(self, url: str) -> str:
        return (self.root / "site" / url / "index.html").read_text(encoding="utf-8")

    def main(self, url: str) -> str:
        """The text of the page's article, without the navigation and the search index."""
        soup = BeautifulSoup(self.text(url), "html.parser")
        article = soup.select_one("article")
        assert article is not None
        return article.get_text(" ")

    def exists(self, url: str) -> bool:
        return (self.root / "site" / url / "index.html").is_file()

    def close(self) -> None:
        self.config.plugins.on_shutdown()


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    write_tree(tmp_path / "docs", small_portfolio())
    s = Session(tmp_path)
    try:
        s.build()
        yield s
    finally:
        s.close()


def touch(path: Path, text: str) -> None:
    """Write ``text`` so the new modification time differs from the old one."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_editing_a_map_updates_every_page_that_shows_it(session: Session) -> None:
    assert "Setting up the till" in session.main("journeys/setup")
    source = session.root / "docs/journeys/setup.yml"
    touch(
        source,
        CURRENT.replace("title: Setting up the till", "title: Opening the shiny till")
        .replace("positives: [The receipt prints instantly]", "positives: [The receipt prints in a blink]")
        .replace("emotion: -2", "emotion: 2"),
    )
    session.build()
    assert "Opening the shiny till" in session.main("journeys/setup")
    assert "The receipt prints in a blink" in session.main("journeys/setup")
    for url in (
        "personas/priya",
        "owners/shop-team",
        "owners/jo",
        "journeys",
        "opportunities",
        "",
        "templates/current-state",
    ):
        text = session.main(url)
        assert "Opening the shiny till" in text, url
        assert "Setting up the till" not in text.replace("Setting up the till, improved", ""), url
    future = session.text("journeys/setup-future")
    assert "Opening the shiny till" in future  # the "Improves" link and the overlaid curve
    assert "Current state: Opening the shiny till" in future
    # The overlay carries the current state's new score of "Pair the reader".
    plot = BeautifulSoup(future, "html.parser").select_one(".cjm-chart__plot")
    assert plot is not None
    overlay = json.loads(str(plot["data-cjm-chart"]))["overlay"]["points"]
    assert [p["y"] for p in overlay if p["stage"] == "Pair the reader"] == [2]


def test_editing_a_lane_item_renders_only_what_shows_it(session: Session) -> None:
    source = session.root / "docs/journeys/setup.yml"
    touch(
        source,
        CURRENT.replace("positives: [The receipt prints instantly]", "positives: [The receipt prints in a blink]"),
    )
    session.build()
    assert "The receipt prints in a blink" in session.main("journeys/setup")
    reused, rendered = session.plugin.render_stats
    # The edited map and the future state drawn against it; listings show nothing of a lane item.
    assert rendered == 2
    assert reused > 0
    # Nothing changed: nothing is rendered again.
    session.build()
    assert session.plugin.render_stats[1] == 0


def test_editing_an_owner_updates_the_pages_naming_it(session: Session) -> None:
    owners = session.root / "docs/owners.yml"
    touch(owners, owners.read_text(encoding="utf-8").replace("name: Jo Park", "name: Jo Park-Lee"))
    session.build()
    for url in ("journeys/setup", "owners/jo", "owners", "opportunities"):
        assert "Jo Park-Lee" in session.main(url), url


def test_deleting_a_map_removes_it_everywhere(session: Session) -> None:
    assert session.exists("journeys/setup-future")
    assert "Setting up the till, improved" in session.main("journeys/setup")
    (session.root / "docs/journeys/setup-future.yml").unlink()
    time.sleep(0.01)
    session.build()
    assert not session.exists("journeys/setup-future")
    for url in (
        "journeys/setup",
        "personas/priya",
        "owners/shop-team",
        "journeys",
        "opportunities",
        "",
        "templates/future-state",
    ):
        page = session.text(url)
        assert "Setting up the till, improved" not in page, url
        assert "setup-future" not in page, url
