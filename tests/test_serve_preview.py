"""`mkdocs serve` as an editor uses it: a real server in a subprocess, files edited on disk,
pages fetched over HTTP. The preview never hangs (not even with ``strict: true``), a broken
map's page lists its problems instead of a 404 and comes back on the next good save, and a
change to the plugin's options in mkdocs.yml (or in a file it inherits) takes effect on the
next rebuild."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_serve import _status, fetch, free_port, wait_for

from conftest import CURRENT, TODAY, small_portfolio, write_tree

CONFIG = f"""site_name: Preview
theme:
  name: material
  font: false
plugins:
  - search
  - cjm:
      today: {TODAY}
"""


class Serve:
    """A running `mkdocs serve` (or ``properdocs serve``: ``host``) in ``root``; its output goes
    to a file (no pipe to fill up)."""

    def __init__(self, root: Path, host: str = "mkdocs") -> None:
        self.root = root
        self.port = free_port()
        self.log = root / "serve.log"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        with self.log.open("w") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", host, "serve", "-a", f"127.0.0.1:{self.port}"],
                cwd=root,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def page(self, path: str) -> str:
        return fetch(self.url(path))

    def article(self, path: str) -> str:
        article = BeautifulSoup(self.page(path), "html.parser").select_one("article")
        return article.get_text(" ", strip=True) if article else ""

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> str:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        return self.output()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Serve]:
    write_tree(tmp_path / "docs", small_portfolio())
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    server = Serve(tmp_path)
    try:
        assert wait_for(lambda: "Setting up the till" in server.page("journeys/setup/"), 60), server.output()
        yield server
    finally:
        output = server.stop()
        assert "Traceback" not in output, output


BROKEN = CURRENT.replace("        emotion: -2\n", "        emotion: -2\n        <b>emotoin</b>: 1\n", 1)
"""Valid YAML, a misspelt key that looks like HTML: the page must show it as text."""


def test_a_broken_map_shows_its_problems_and_comes_back(serve: Serve) -> None:
    source = serve.root / "docs/journeys/setup.yml"
    source.write_text(_dedented(BROKEN), encoding="utf-8")
    assert wait_for(lambda: "has problems" in serve.page("journeys/setup/")), serve.output()
    html = serve.page("journeys/setup/")
    text = serve.article("journeys/setup/")
    assert _status(serve.url("journeys/setup/")) == 200
    assert "journeys/setup.yml:36:5 error: unknown key '<b>emotoin</b>' in stage \"Pair the reader\"" in text, text
    assert "— to add a lane of your own, declare it under 'lanes:' at the top of the map" in text
    assert "&lt;b&gt;emotoin&lt;/b&gt;" in html and "<b>emotoin</b>" not in html
    # The rest of the site goes on; the listing has no link to the broken map.
    assert "Setting up the till, improved" in serve.page("journeys/setup-future/")
    # Fixed: the map's own page is back.
    source.write_text(_dedented(CURRENT), encoding="utf-8")
    assert wait_for(lambda: "has problems" not in serve.page("journeys/setup/")), serve.output()
    assert "Setting up the till" in serve.article("journeys/setup/")


def test_strict_in_mkdocs_yml_never_freezes_the_preview(serve: Serve) -> None:
    config = serve.root / "mkdocs.yml"
    config.write_text(CONFIG + "strict: true\n", encoding="utf-8")
    # A rebuild with strict on, then a typo: the page shows it (MkDocs alone would stop the
    # rebuild, and the browser would wait for it forever).
    assert wait_for(lambda: serve.output().count("Documentation built") >= 2), serve.output()
    source = serve.root / "docs/journeys/setup.yml"
    source.write_text(_dedented(BROKEN), encoding="utf-8")
    assert wait_for(lambda: "has problems" in serve.page("journeys/setup/")), serve.output()
    assert "would stop 'mkdocs build --strict'" in serve.output()
    source.write_text(_dedented(CURRENT).replace("Setting up the till", "Setting up the new till", 1))
    assert wait_for(lambda: "Setting up the new till" in serve.article("journeys/setup/")), serve.output()
    assert "The server will appear stuck" not in serve.output()


def test_an_option_change_takes_effect_on_the_next_rebuild(serve: Serve) -> None:
    config = serve.root / "mkdocs.yml"
    assert "What she thinks" not in serve.article("journeys/setup/")
    config.write_text(CONFIG + "      lanes:\n        thoughts: {title: What she thinks}\n", encoding="utf-8")
    assert wait_for(lambda: "What she thinks" in serve.article("journeys/setup/")), serve.output()
    # A mistake in the options: reported at its line, and the pages stay.
    config.write_text(CONFIG + "      lanes:\n        emotion: {title: Mood}\n", encoding="utf-8")
    assert wait_for(lambda: "What she thinks" not in serve.article("journeys/setup/")), serve.output()
    assert "mkdocs.yml:10:9: error: the cjm plugin's option 'lanes' cannot use 'emotion'" in serve.output()
    assert "Setting up the till" in serve.article("journeys/setup/")


def test_an_option_change_in_an_inherited_file_takes_effect(tmp_path: Path) -> None:
    write_tree(tmp_path / "docs", small_portfolio())
    (tmp_path / "base.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: Inherited\n", encoding="utf-8")
    server = Serve(tmp_path)
    try:
        assert wait_for(lambda: "Setting up the till" in server.page("journeys/setup/"), 60), server.output()
        (tmp_path / "base.yml").write_text(
            CONFIG + "      lanes:\n        thoughts: {title: What she thinks}\n", encoding="utf-8"
        )
        assert wait_for(lambda: "What she thinks" in server.article("journeys/setup/")), server.output()
    finally:
        assert "Traceback" not in server.stop()


def _dedented(text: str) -> str:
    import textwrap

    return textwrap.dedent(text).lstrip("\n")
