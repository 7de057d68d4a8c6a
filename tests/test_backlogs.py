"""Backlog keys (issue 15, point 5): the ``backlogs`` option maps key patterns to trackers'
addresses; an opportunity's ``backlog`` is a key or an address; keys are shown and searchable;
a key no pattern matches, and a wrong pattern, are clear errors at their lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import CURRENT, REPO, build_site, small_portfolio, write_project
from mkdocs_cjm.cli import main
from mkdocs_cjm.core.backlogs import Backlogs, url_label
from mkdocs_cjm.core.schema import schemas

TRACKERS = {
    "TW-*": "https://tracker.example.com/browse/{key}",
    "till#*": "https://github.example/acme/till/issues/{id}",
}


def test_a_key_becomes_the_address_of_the_first_pattern_that_matches() -> None:
    keys = Backlogs.of({**TRACKERS, "T*": "https://other.example/{id}"})
    assert keys.key_url("TW-412") == "https://tracker.example.com/browse/TW-412"
    assert keys.key_url("till#57") == "https://github.example/acme/till/issues/57"
    assert keys.key_url("TX-1") == "https://other.example/X-1"  # the third pattern
    two = Backlogs.of(TRACKERS)
    assert two.key_url("tw-412") is None and two.key_url("TW-") is None and two.key_url("XTW-1") is None
    # The whole key is quoted in the address: '#' and '/' never change where it points.
    assert Backlogs.of({"a/*": "https://x.example/{key}"}).key_url("a/b") == "https://x.example/a%2Fb"
    link = keys.link("TW-9")
    assert link is not None and (link.label, link.url) == ("TW-9", "https://tracker.example.com/browse/TW-9")
    address = keys.link("https://backlog.example/items/TW-1")
    assert address is not None and address.label == "TW-1"
    assert url_label("https://backlog.example/" + "x" * 40) == "Backlog item"
    assert keys.link(None) is None and keys.link("NOPE-1") is None


OWNERS_AND_PERSONA = {k: v for k, v in small_portfolio().items() if not k.startswith("journeys/")}


def keyed(backlog: str) -> dict[str, str]:
    return {
        **OWNERS_AND_PERSONA,
        "journeys/setup.yml": CURRENT.replace("backlog: https://backlog.example/TW-1", f'backlog: "{backlog}"'),
    }


def test_keys_are_links_labelled_with_the_key_on_every_page(tmp_path: Path) -> None:
    site = build_site(tmp_path, keyed("till#57"), plugin={"backlogs": TRACKERS})
    want = "https://github.example/acme/till/issues/57"
    for url in ("journeys/setup/", "opportunities/", "owners/jo/"):
        [link] = [a for a in site.html(url).select("a") if a.get("href") == want]
        assert link.get_text(" ", strip=True).startswith("till#57"), url
    data = json.loads(site.text("opportunities/entries.json"))
    row = next(e for e in data["entries"] if e[0] == "guide-on-top")
    assert want in row and "till#57" in row
    # The key is one of the map page's own names in search.
    assert "till#57" in site.text("journeys/setup/")


def validate(root: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.chdir(root)
    return CliRunner().invoke(main, ["validate", "--due-within", "0"], catch_exceptions=False)


def line_of(root: Path, text: str) -> int:
    lines = (root / "docs/journeys/setup.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_an_unknown_key_is_an_error_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_project(tmp_path, keyed("TX-412"), backlogs=TRACKERS)
    result = validate(root, monkeypatch)
    line = line_of(root, "TX-412")
    assert result.output.splitlines()[0] == (
        f"docs/journeys/setup.yml:{line}:18: error: unknown backlog key 'TX-412': it matches none of the site's key "
        "patterns (TW-*, till#*) — did you mean 'TW-*'?; fix the key, write the item's full address (https://…), "
        "or add a pattern for it to the 'backlogs' option in mkdocs.yml"
    )
    assert result.exit_code == 1
    # A build does not publish a map with an error (as for any other error).
    site = build_site(tmp_path / "site", keyed("TX-412"), plugin={"backlogs": TRACKERS}, strict=False)
    assert any("unknown backlog key 'TX-412'" in w for w in site.warnings)


def test_a_key_without_any_pattern_says_how_to_declare_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_project(tmp_path, keyed("TW-412"))
    [first, *_] = validate(root, monkeypatch).output.splitlines()
    assert "the backlog key 'TW-412' cannot become a link: the site declares no backlog key patterns" in first
    assert "'backlogs' option in mkdocs.yml, e.g. \"TW-*\": https://tracker.example.com/browse/{key}" in first


def test_a_backlog_that_is_neither_a_link_nor_a_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_project(tmp_path, keyed("TW 412"), backlogs=TRACKERS)
    [first, *_] = validate(root, monkeypatch).output.splitlines()
    assert f"docs/journeys/setup.yml:{line_of(root, 'TW 412')}:" in first
    assert "'TW 412' is neither a web link (https://…) nor a backlog key such as TW-412" in first
    root = write_project(tmp_path / "b", keyed("ftp://x.example/1"), backlogs=TRACKERS)
    assert "is not a web link" in validate(root, monkeypatch).output


@pytest.mark.parametrize(
    ("pattern", "template", "says"),
    [
        ("TW-", "https://x.example/{key}", "must hold one '*'"),
        ("TW-**", "https://x.example/{key}", "must hold one '*'"),
        ("TW-*", "ftp://x.example/{key}", "must start with http:// or https://"),
        ("TW-*", "https://x.example/browse", "must use {key} (the whole key) or {id}"),
        ("TW-*", "https://x.example/{number}", "must use {key} (the whole key) or {id}"),
    ],
)
def test_a_wrong_pattern_is_refused_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, template: str, says: str
) -> None:
    root = write_project(tmp_path, small_portfolio(), backlogs={pattern: template})
    found = [x for x in validate(root, monkeypatch).output.splitlines() if x.startswith("mkdocs.yml:")]
    assert len(found) == 1 and re.match(r"mkdocs\.yml:\d+:\d+: error: the cjm plugin's option 'backlogs'", found[0])
    assert says in found[0]


def test_the_schema_and_the_example_know_keys() -> None:
    schema = json.dumps(schemas()["map.schema.json"])
    assert "a backlog key such as TW-412" in schema
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert '"TW-*": https://tillwise.example/backlog/{key}' in config
    example = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "content/journeys").glob("*.*"))
    assert re.search(r"backlog: TW-\d+", example) and re.search(r"backlog: SUP-\d+", example)
    assert re.search(r"backlog: https://", example)  # both forms
