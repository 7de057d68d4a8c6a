"""Published data (issue 16, point 5): the site carries the portfolio as JSON at
``portfolio.json`` — the same document as ``mkdocs-cjm export --all`` — with its JSON Schema,
so other tools read it without the repository; ``publish_data: false`` leaves it out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from test_determinism import build_copy

from conftest import TODAY_EPOCH, build_site, small_portfolio
from mkdocs_cjm.core.schema import MAP_SCHEMA, PORTFOLIO_SCHEMA, schemas


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example, built (its site in ``built-site``)."""
    root = tmp_path_factory.mktemp("published")
    build_copy(root, "1")
    return root


def test_the_site_publishes_what_export_all_writes(example: Path) -> None:
    published = (example / "built-site/portfolio.json").read_bytes()
    out = example / "exported.json"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_cjm", "export", "--all", "--format", "json", "--out", str(out)],
        cwd=example,
        env={**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    # The same document; the site's copy is compact JSON (a third smaller), written map by map.
    data = json.loads(published)
    assert data == json.loads(out.read_bytes())
    assert b"\n" not in published.rstrip(b"\n")
    assert {m["id"] for m in data["maps"]} >= {"first-week-setup", "stock-management-future"}
    assert len(data["maps"]) == len(list((example / "content/journeys").glob("*.*")))
    assert [p["id"] for p in data["personas"]] == sorted(p["id"] for p in data["personas"])


def test_the_published_document_follows_its_published_schema(example: Path) -> None:
    site = example / "built-site"
    schema = json.loads((site / "assets/cjm/schema" / PORTFOLIO_SCHEMA).read_text(encoding="utf-8"))
    assert schema == schemas()[PORTFOLIO_SCHEMA]
    Draft202012Validator.check_schema(schema)
    data = json.loads((site / "portfolio.json").read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(data))
    assert errors == []
    # Each map's file is a valid map file; a document with an unknown key is not valid.
    map_schema = Draft202012Validator(schemas()[MAP_SCHEMA])
    assert all(map_schema.is_valid(m["file"]) for m in data["maps"])
    data["maps"][0]["stages"][0]["moood"] = 1
    assert not Draft202012Validator(schema).is_valid(data)


def test_publish_data_false_leaves_it_out_and_the_sites_own_file_wins(tmp_path: Path) -> None:
    off = build_site(tmp_path / "off", small_portfolio(), plugin={"publish_data": False})
    assert not (off.site_dir / "portfolio.json").exists()
    assert (off.site_dir / "assets/cjm/schema" / PORTFOLIO_SCHEMA).is_file()
    files = {**small_portfolio(), "portfolio.json": '{"mine": true}\n'}
    own = build_site(tmp_path / "own", files)
    assert json.loads((own.site_dir / "portfolio.json").read_text(encoding="utf-8")) == {"mine": True}
    on = build_site(tmp_path / "on", small_portfolio())
    assert [m["id"] for m in json.loads((on.site_dir / "portfolio.json").read_text(encoding="utf-8"))["maps"]] == [
        "setup",
        "setup-future",
    ]
