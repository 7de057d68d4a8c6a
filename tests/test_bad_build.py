"""Real MkDocs builds of portfolios with broken files: a non-strict build publishes everything
valid, links nowhere that is missing and logs every problem with its file and line; a strict
build fails and lists the problems of all broken files."""
# Lookups in built pages (BeautifulSoup) may give None: a missing element fails the test where
# it is looked up, which is what these tests are for.
# mypy: disable-error-code="union-attr,index"

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from linkcheck import broken_links

from conftest import CURRENT, Site, build_site, small_portfolio, write_tree
from mkdocs_cjm.core.loader import load_portfolio

EXTRA = """
    title: Restocking the shop
    type: current-state
    personas: [priya]
    scenario: Priya reorders bike parts.
    owner: cx
    stages:
      - name: Count
        emotion: -1
        steps: [Counts the inner tubes]
      - name: Order
        emotion: 1
        steps: [Orders from the wholesaler]
"""

# Valid YAML, several mistakes: the map is dropped, every mistake is reported.
INVALID = """
    title: Paying by card
    type: curent-state
    personas: [priya, sam]
    scenario: Priya takes a payment.
    owner: cx
    stages:
      - name: Pay
        emotio: 1
        emotion: 5
"""

# Not even YAML.
UNREADABLE = "title: [Returns\ntype: current-state\n"


def expected_warnings(site: Site) -> list[str]:
    """What the plugin must log: every problem the loader finds in the docs folder."""
    portfolio = load_portfolio(site.root / "docs", today=date(2026, 11, 24))
    return [f"mkdocs_cjm: {problem}" for problem in portfolio.problems]


def links_of(site: Site, url: str) -> set[str]:
    return {str(a.get("href")) for a in site.html(url).select("article a[href]")}


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    files = {
        **small_portfolio(),
        "journeys/restock.yml": EXTRA,
        "journeys/pay.yml": INVALID,
        "journeys/returns.yml": UNREADABLE,
    }
    return build_site(tmp_path_factory.mktemp("broken"), files, strict=False)


def test_every_valid_map_is_published(broken_site: Site) -> None:
    for url in [
        "journeys/setup/",
        "journeys/setup-future/",
        "journeys/restock/",
        "personas/priya/",
        "owners/jo/",
        "opportunities/",
        "journeys/",
    ]:
        assert broken_site.exists(url), url
    assert not broken_site.exists("journeys/pay/") and not broken_site.exists("journeys/returns/")


def test_no_page_links_to_a_broken_map(broken_site: Site) -> None:
    assert broken_links(broken_site.site_dir) == []
    for url in ["", "journeys/", "personas/priya/", "owners/cx/"]:
        text = broken_site.text(url)
        assert "Paying by card" not in text and "journeys/pay" not in text, url
        assert "Returns" not in text and "journeys/returns" not in text, url
    assert "restock/" in links_of(broken_site, "journeys/")


def test_each_problem_is_logged_once_with_its_file_and_line(broken_site: Site) -> None:
    expected = expected_warnings(broken_site)
    assert expected == [
        "mkdocs_cjm: journeys/pay.yml:2:7: error: 'curent-state' is not a valid type — did you mean 'current-state'?",
        "mkdocs_cjm: journeys/pay.yml:3:19: error: unknown persona 'sam' — expected one of: priya",
        "mkdocs_cjm: journeys/pay.yml:8:5: error: unknown key 'emotio' in stage \"Pay\" — did you mean 'emotion'?",
        'mkdocs_cjm: journeys/pay.yml:9:14: error: the emotion score 5 of stage "Pay" is outside the map\'s scale '
        "-2..2 — use a score from -2 to 2, or declare another 'scale:' for the map",
        "mkdocs_cjm: journeys/returns.yml:1:8: error: the list in [brackets] that starts here is not closed — add "
        "the closing ']', or put text containing commas in quotes",
    ]
    assert broken_site.warnings == expected


def test_a_broken_current_state_leaves_its_future_state_without_dead_links(tmp_path: Path) -> None:
    files = small_portfolio()
    files["journeys/setup.yml"] = CURRENT.replace("type: current-state", "type: current")
    site = build_site(tmp_path, files, strict=False)
    assert (
        site.warnings
        == expected_warnings(site)
        == ["mkdocs_cjm: journeys/setup.yml:2:7: error: 'current' is not a valid type — did you mean 'current-state'?"]
    )
    assert site.exists("journeys/setup-future/") and not site.exists("journeys/setup/")
    assert broken_links(site.site_dir) == []
    assert not any("setup/" in href and "future" not in href for href in links_of(site, "journeys/setup-future/"))


def test_a_broken_persona_or_owner_leaves_no_dead_link(tmp_path: Path) -> None:
    files = small_portfolio()
    files["personas/priya.md"] = textwrap.dedent(str(files["personas/priya.md"])).replace(
        "role: Owner of a bike shop", "role: Owner of a bike shop\nrloe: typo"
    )
    files["owners.yml"] = textwrap.dedent(str(files["owners.yml"])).replace("kind: person", "kind: human")
    site = build_site(tmp_path, files, strict=False)
    assert (
        site.warnings
        == expected_warnings(site)
        == [
            "mkdocs_cjm: owners.yml:9:9: error: 'human' is not a valid kind in owner 'jo' — expected one of: person, team",
            "mkdocs_cjm: personas/priya.md:4:1: error: unknown key 'rloe' — did you mean 'role'?",
        ]
    )
    # The maps still publish; they name the persona and the owner without linking to missing pages.
    assert site.exists("journeys/setup/") and not site.exists("personas/priya/") and not site.exists("owners/jo/")
    assert broken_links(site.site_dir) == []
    soup = site.html("journeys/setup/")
    facts = {div.dt.get_text(strip=True): div.dd for div in soup.select("dl.cjm-facts > div")}
    assert facts["Persona"].get_text(strip=True) == "priya" and facts["Persona"].a is None
    owner = {div.dt.get_text(strip=True): div.dd for div in soup.select("article#guide-on-top dl > div")}["Owner"]
    assert owner.get_text(strip=True) == "jo" and owner.a is None
    row = [c.get_text(strip=True) for c in site.html("opportunities/").select("tbody tr")[0].find_all(["th", "td"])]
    assert row[3:5] == ["priya", "jo"]


def test_strict_build_fails_listing_every_problem_of_every_file(tmp_path: Path) -> None:
    files = {
        **small_portfolio(),
        "journeys/pay.yml": INVALID,
        "journeys/returns.yml": UNREADABLE,
        "personas/sam.yml": "name: [Sam]\nrloe: Buyer\n",
        "owners.yml": textwrap.dedent(str(small_portfolio()["owners.yml"])) + "ops:\n  name: Ops\n  emial: x\n",
    }
    site = build_site(tmp_path, files, expect_failure=True)
    expected = expected_warnings(site)
    assert [line.split(": error: ")[0] for line in expected] == [
        "mkdocs_cjm: journeys/pay.yml:2:7",
        "mkdocs_cjm: journeys/pay.yml:8:5",
        "mkdocs_cjm: journeys/pay.yml:9:14",
        "mkdocs_cjm: journeys/returns.yml:1:8",
        "mkdocs_cjm: owners.yml:14:3",
        "mkdocs_cjm: personas/sam.yml:1:7",
        "mkdocs_cjm: personas/sam.yml:2:1",
    ]
    for line in expected:
        assert line in site.warnings
    assert f"Aborted with {len(site.warnings)} errors in strict mode" in str(site.error)


def test_a_quiet_strict_build_still_fails_and_says_why(tmp_path: Path) -> None:
    """`mkdocs build -q` drops warnings before strict mode counts them: content errors are logged
    as errors, so a quiet strict build still stops on them and shows them; warnings stay warnings."""
    linked = EXTRA.replace("[Orders from the wholesaler]", '["[Orders](nowhere.md) from the wholesaler"]')
    files = {**small_portfolio(), "journeys/invalid.yml": INVALID, "journeys/restock.yml": linked}
    write_tree(tmp_path / "docs", files)
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - cjm:\n      today: '2026-11-24'\n")
    quiet = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], cwd=tmp_path, capture_output=True, text=True
    )
    assert quiet.returncode == 1
    shown = [line for line in quiet.stderr.splitlines() if "mkdocs_cjm:" in line]
    assert shown and all(line.startswith("ERROR") and "journeys/invalid.yml:" in line for line in shown), quiet.stderr
    loud = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, capture_output=True, text=True)
    levels = {
        line.split()[0] + (" link" if "nowhere.md" in line else "")
        for line in loud.stderr.splitlines()
        if "mkdocs_cjm:" in line and not line.startswith("INFO")  # (e.g. that the folder has no git history)
    }
    assert levels == {"ERROR", "WARNING link"} and loud.returncode == 0, loud.stderr
