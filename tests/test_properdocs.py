"""ProperDocs (a fork of MkDocs 1.6 that loads MkDocs plugins) is a first-class host: it builds
the example portfolio from ``properdocs.yml`` into the same site as MkDocs does, its ``serve``
renders and rebuilds the portfolio, and the CLI reads ``properdocs.yml`` as it reads
``mkdocs.yml``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from test_determinism import build_copy, files_of
from test_serve import wait_for
from test_serve_preview import CONFIG, Serve

from conftest import small_portfolio, write_tree

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_example_into_the_same_site(tmp_path: Path) -> None:
    mkdocs = files_of(build_copy(tmp_path / "mkdocs", "1"))
    properdocs = files_of(build_copy(tmp_path / "properdocs", "1", host="properdocs"))
    assert sorted(properdocs) == sorted(mkdocs)
    pages = [name for name in mkdocs if name.endswith(".html")]
    assert len([n for n in pages if n.startswith("journeys/")]) > 10
    # Only the generator's name differs (and the sitemap's build date).
    different = [name for name in pages if GENERATOR.sub(b"", mkdocs[name]) != GENERATOR.sub(b"", properdocs[name])]
    assert different == []
    assert b"ProperDocs" in properdocs["journeys/first-week-setup/index.html"]
    assert b'class="cjm-grid' in properdocs["journeys/first-week-setup/index.html"]


def test_properdocs_serve_renders_and_rebuilds_the_portfolio(tmp_path: Path) -> None:
    write_tree(tmp_path / "docs", small_portfolio())
    (tmp_path / "properdocs.yml").write_text(CONFIG, encoding="utf-8")
    server = Serve(tmp_path, host="properdocs")
    try:
        assert wait_for(lambda: "Setting up the till" in server.page("journeys/setup/"), 60), server.output()
        assert "cjm-grid" in server.page("journeys/setup/")
        source = tmp_path / "docs/journeys/setup.yml"
        source.write_text(source.read_text(encoding="utf-8").replace("Setting up the till", "Setting up the new till"))
        assert wait_for(lambda: "Setting up the new till" in server.article("journeys/setup/")), server.output()
    finally:
        output = server.stop()
    assert "Traceback" not in output, output


def test_properdocs_build_strict_fails_on_a_broken_map(tmp_path: Path) -> None:
    files = small_portfolio()
    files["journeys/setup.yml"] = files["journeys/setup.yml"].replace("owner: shop-team", "owner: shop-teem", 1)
    write_tree(tmp_path / "docs", files)
    (tmp_path / "properdocs.yml").write_text(CONFIG, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "journeys/setup.yml:" in result.stderr and "shop-teem" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
