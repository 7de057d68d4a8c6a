"""Real non-strict MkDocs builds of portfolios with hostile values, shapes and conflicts: each
build finishes without a traceback, logs every problem with its file and real line, and still
publishes every good map (with the comparison of the future state that improves it)."""
# Lookups in built pages (BeautifulSoup) may give None: a missing element fails the test where
# it is looked up, which is what these tests are for.
# mypy: disable-error-code="union-attr,index"

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from linkcheck import broken_links

from conftest import CURRENT, Site, build_site, small_portfolio

HEAD = "title: Hostile\ntype: current-state\npersonas: [priya]\nscenario: S\nowner: cx\n"


def comparison_survives(site: Site) -> None:
    """The good current state is published, and its future state still compares with it."""
    assert site.exists("journeys/setup/"), site.warnings
    future = site.html("journeys/setup-future/")
    assert any(a.get("href") == "../setup/" for a in future.select("article a")), "the link to the current state"
    assert "Current state: Setting up the till" in site.text("journeys/setup-future/")
    assert broken_links(site.site_dir) == []


HOSTILE = {
    "deep-flow": HEAD + "stages:\n  - name: A\n    steps: " + "[" * 100_000 + "\n",
    "deep-block": HEAD + "stages:\n  - " + "- " * 20_000 + "x\n",
    "laughs": HEAD
    + "stages:\n  - name: &a "
    + "lol" * 300
    + "\n"
    + "".join(f"    s{i}: &a{i} [{', '.join(['*a' if i == 0 else f'*a{i - 1}'] * 10)}]\n" for i in range(8)),
    # 20 aliases of a 100,000-character text: a 100 kB file that would make a 2 MB page.
    "alias-long-text": HEAD
    + "stages:\n  - name: A\n    description: &t "
    + "x" * 100_000
    + "\n    steps: ["
    + ", ".join(["*t"] * 20)
    + "]\n",
    "huge-number": HEAD + "stages:\n  - name: A\n    emotion: " + "9" * 500 + "\n",
    "overflowing-float": HEAD + "stages:\n  - name: A\n    emotion: 1.0e400\n",
    "absurd-cadence": HEAD + "review_every: 100000 years\nreviewed: 2026-01-01\nstages:\n  - name: A\n",
    "end-of-calendar": HEAD + "status: published\nreviewed: 9999-12-31\nreview_every: 10 years\nstages:\n  - name: A\n",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_values_never_stop_the_build(case: str, tmp_path: Path) -> None:
    site = build_site(tmp_path, {**small_portfolio(), "journeys/hostile.yml": HOSTILE[case]}, strict=False)
    assert all(w.startswith("mkdocs_cjm: journeys/hostile.yml:") for w in site.warnings), site.warnings
    assert not any(":0:0:" in w or "Traceback" in w for w in site.warnings)
    comparison_survives(site)
    # A value near the end of the calendar is a warning: the map is published, its review due
    # on the calendar's last day at the latest.
    assert site.exists("journeys/hostile/") == (case == "end-of-calendar")


def test_today_at_the_end_of_the_calendar(tmp_path: Path) -> None:
    files = small_portfolio()
    files["journeys/setup.yml"] = CURRENT.replace("reviewed: 2026-10-01", "reviewed: 9999-12-30")
    site = build_site(tmp_path, files, plugin={"today": "9999-12-31"}, strict=False)
    assert site.warnings == []
    comparison_survives(site)


def test_a_good_map_keeps_its_page_when_another_file_takes_its_ids(tmp_path: Path) -> None:
    files = {
        **small_portfolio(),
        # A new map that reuses an opportunity id of the good map.
        "journeys/another.yml": HEAD + "stages:\n  - name: A\n    opportunities:\n"
        "      - {id: guide-on-top, title: Same id}\n",
        # A stray copy of the good map, in a folder and under another name.
        "journeys/old/setup.yml": CURRENT,
        "journeys/setup-copy.yml": "id: setup\n" + textwrap.dedent(CURRENT),
    }
    site = build_site(tmp_path, files, strict=False)
    blamed = {w.split(":")[1].strip() for w in site.warnings}
    assert blamed == {"journeys/another.yml", "journeys/old/setup.yml", "journeys/setup-copy.yml"}, site.warnings
    assert "journeys/setup.yml" not in " ".join(w.split(" error: ")[0] for w in site.warnings)
    assert "the map whose future state realises it; this map is left out" in " ".join(site.warnings)
    comparison_survives(site)
    assert "Put the quick-start guide on top" in site.text("journeys/setup/")
    assert not site.exists("journeys/another/")


NON_LATIN = {
    "journeys/zh.yml": "title: 开店\ntype: current-state\npersonas: [priya]\nscenario: S\nowner: cx\nstages:\n"
    "  - {name: 发现, emotion: 1}\n  - {name: 配对读卡器, emotion: -1}\n  - {name: 第一笔销售, emotion: 2}\n",
    "journeys/ru.yml": "title: Оплата\ntype: current-state\npersonas: [priya]\nscenario: S\nowner: cx\nstages:\n"
    "  - name: Выбор товара\n  - name: Оплата заказа\n  - name: Оплата заказа!\n",
    "journeys/ar.yml": "title: الدفع\ntype: current-state\npersonas: [priya]\nscenario: S\nowner: cx\nstages:\n"
    "  - name: البحث\n  - name: الدفع\n",
    "journeys/emoji.yml": "title: Emoji\ntype: current-state\npersonas: [priya]\nscenario: S\nowner: cx\nstages:\n"
    "  - name: 🔍\n  - name: 💳\n  - name: '!!!'\n  - name: '?'\n",
}


def test_stage_names_in_any_script_get_unique_anchors(tmp_path: Path) -> None:
    site = build_site(tmp_path, {**small_portfolio(), **NON_LATIN}, strict=True)
    assert site.warnings == []
    expected = {
        "zh": ["stage-发现", "stage-配对读卡器", "stage-第一笔销售"],
        "ru": ["stage-выбор-товара", "stage-оплата-заказа", "stage-оплата-заказа-2"],
        "ar": ["stage-البحث", "stage-الدفع"],
        "emoji": ["stage-u1f50d", "stage-u1f4b3", "stage-u21-u21-u21", "stage-u3f"],
    }
    for key, anchors in expected.items():
        page = site.html(f"journeys/{key}/")
        assert [th.get("id") for th in page.select("[id^=stage-]") if th.name == "th"] == anchors, key
    assert broken_links(site.site_dir) == []


LINKED = """
    title: Linked
    type: current-state
    personas: [priya]
    scenario: S
    owner: cx
    stages:
      - name: A
        description: See [the guide](missing.md)
        steps:
          - title: Reads [a page](../nowhere.md)
          - Opens [the setup map](setup.yml)
        thoughts: ["Was it [here](gone.md#x)?"]
        opportunities:
          - {id: link-idea, title: I, description: "[Backlog](nope/)"}
    ---
""".replace("    ---\n", "")


def test_links_in_lane_items_are_checked_like_the_narrative(tmp_path: Path) -> None:
    markdown = "---\n" + textwrap.dedent(LINKED) + "---\n# About\n\nText.\n\nA [broken](also-missing.md) link.\n"
    site = build_site(tmp_path, {**small_portfolio(), "journeys/linked.md": markdown}, strict=False)
    assert site.warnings == [
        f"mkdocs_cjm: journeys/linked.md:{line}: warning: the link '{href}' points to no page or file of the "
        "site — fix the path; it is relative to this file"
        for line, href in [
            ("10:18", "missing.md"),  # where the value starts
            ("12:16", "../nowhere.md"),
            ("14:16", "gone.md#x"),
            ("16:48", "nope/"),
            ("22:12", "also-missing.md"),  # in the narrative: where the link is written
        ]
    ]
    page = site.html("journeys/linked/")
    assert page.find("a", string="the setup map") is not None  # a good link still works
    assert page.find("a", string="a page") is None and "Reads a page" in page.get_text()


def test_links_to_files_whose_names_markdown_encodes_are_kept(tmp_path: Path) -> None:
    """Markdown percent-encodes a link (`<my pic.svg>`, `café.svg`): it still reaches the file of
    that name, and a broken one is named as it is written, at its place."""
    picture = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n'
    body = (
        "---\n"
        "name: Priya Shah\nowner: cx\n"
        "---\n"
        "See [the plan](<my plan.svg>), [again](my%20plan.svg) and [the café](café.svg).\n\n"
        "Not [this](<no such.svg>) nor [that](ünknown.md).\n"
    )
    files = {**small_portfolio(), "personas/priya.md": body, "personas/my plan.svg": picture}
    site = build_site(tmp_path, {**files, "personas/café.svg": picture}, strict=False)
    hint = "points to no page or file of the site — fix the path; it is relative to this file"
    assert site.warnings == [
        f"mkdocs_cjm: personas/priya.md:7:13: warning: the link 'no such.svg' {hint}",
        f"mkdocs_cjm: personas/priya.md:7:38: warning: the link 'ünknown.md' {hint}",
    ]
    page = site.html("personas/priya/")
    hrefs = {a.get_text(): a.get("href") for a in page.select("article a")}
    assert hrefs["the plan"] == hrefs["again"] == "../my%20plan.svg"
    assert hrefs["the café"] == "../caf%C3%A9.svg"
    assert broken_links(site.site_dir) == []


def test_narrative_headings_take_no_id_of_the_page(tmp_path: Path) -> None:
    """A heading of a narrative named like another part of the page (its title, the grid, an
    item, an opportunity's title) gets an id of its own: no id is on a page twice."""
    headings = ["top", "cjm-grid", "cjm-chart-summary", "hidden-guide", "guide-on-top-title", "stage-discover"]
    body = "".join(f"\n## {h}\n\nText.\n" for h in headings)
    files = {k: v for k, v in small_portfolio().items() if k != "journeys/setup.yml"}
    files["journeys/setup.md"] = "---\n" + textwrap.dedent(CURRENT) + "---\n" + body
    files["personas/priya.md"] = textwrap.dedent(files["personas/priya.md"]).lstrip() + "\n# Top\n\nText.\n"
    site = build_site(tmp_path, files)
    for url in ("journeys/setup/", "personas/priya/"):
        ids = [e["id"] for e in site.html(url).find_all(id=True)]
        assert sorted(i for i in set(ids) if ids.count(i) > 1) == [], url
    assert site.html("journeys/setup/").find("h1", id="top") is not None
