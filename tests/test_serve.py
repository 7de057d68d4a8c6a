"""`mkdocs serve` rebuilds when a content file changes (live reload really works)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import CURRENT, small_portfolio, write_tree


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def wait_for(predicate, timeout: float = 40.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_reloads_on_content_edit(tmp_path: Path) -> None:
    write_tree(tmp_path / "docs", small_portfolio())
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Serve\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - cjm\n"
    )
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # The plain command, as an editor types it: live reload must be on by default.
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/journeys/setup/"
    try:
        assert wait_for(lambda: "Setting up the till" in fetch(url)), "server did not start"
        page = fetch(url)
        assert "livereload" in page  # the reload script is injected
        source = tmp_path / "docs/journeys/setup.yml"
        source.write_text(CURRENT.replace("title: Setting up the till", "title: Setting up the shiny till"))
        assert wait_for(lambda: "Setting up the shiny till" in fetch(url)), "the edit was not rebuilt"
        # A broken edit is reported (on the page, instead of a 404), and fixing it brings the page back.
        source.write_text("title: [broken\n")
        assert wait_for(lambda: "journeys/setup.yml:1:8" in fetch(url)), "the page does not show the problem"
        assert _status(url) == 200 and "Setting up the" not in fetch(url)
        source.write_text(CURRENT)
        assert wait_for(lambda: "Setting up the till" in fetch(url))
    finally:
        proc.terminate()
        output = proc.communicate(timeout=20)[0]
    assert "journeys/setup.yml:1:8: error: the list in [brackets] that starts here is not closed" in output
    assert "Traceback" not in output


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
