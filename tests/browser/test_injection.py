"""No script injection: every text field of a portfolio carries payloads; none of them runs.

The HTML-level checks are in tests/test_site.py; this is the proof in a browser: no dialog opens,
no payload sets its flag, hovering and clicking around the grid and the chart changes nothing,
and the payloads are shown as text where they belong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
import yaml

from conftest import Site, build_site

from .conftest import Opener, Served, wait_for_chart

PAYLOADS = [
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    '<img src=x onerror="window.__pwned=3;alert(3)">',
    '" onmouseover="window.__pwned=4;alert(4)',
    "[x](javascript:alert(5))",
    '<a href="javascript:window.__pwned=6;alert(6)">six</a>',
    "{{ 7*7 }}",
    "{% raw %}",
    "<svg onload=window.__pwned=8>",
]
PAY = " ".join(PAYLOADS)
NAMED = 'x" autofocus onfocus="window.__pwned=13;alert(13)" y'
"""A page of the site's own whose file name would end its edit link's attribute, were it not encoded."""
EDITING = {
    "repo_url": "https://git.example/shop/portfolio",
    "edit_uri": "edit/main/docs/",
    "theme": {"name": "material", "font": False, "features": ["content.action.edit", "content.action.view"]},
}
"""Material's edit and view buttons, made from each page's edit link (file names included)."""
TITLE = f"Map {PAY}"
LINKED_LABEL = '<a href="https://evil.example/">Bad</a>'
"""A scale's name for a score, which Plotly would make a link of were it not escaped."""


def p(label: str) -> str:
    return f"{label} {PAY}"


def front(data: dict[str, Any], body: str) -> str:
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body


def portfolio() -> dict[str, str | bytes]:
    owners = {
        "team": {"name": p("Team"), "kind": "team", "role": p("Role"), "chat": p("#chat")},
        "jo": {"name": p("Jo"), "kind": "person", "team": "team", "role": p("PM")},
    }
    persona = front(
        {
            "name": p("Persona"),
            "role": p("Role"),
            "summary": p("Summary"),
            "quote": p("Quote"),
            "about": {p("Key"): p("Value")},
            "goals": [p("Goal")],
            "needs": [p("Need")],
            "frustrations": [p("Frustration")],
            "channels": [p("Channel")],
            "owner": "team",
        },
        f'{PAY}\n\n## {PAY}\n\nBody [link](javascript:window.__pwned=7) <b onmouseover="window.__pwned=9">b</b>\n',
    )
    stages = []
    for i, name in enumerate(["One", "Two", "Three"]):
        stages.append(
            {
                "name": p(f"Stage {name}"),
                "description": p("Description"),
                "owner": "jo",
                "steps": [
                    {"title": p(f"Step {i}a"), "description": p("Step detail"), "emotion": [-1, -2, 1][i]},
                    {"title": p(f"Step {i}b"), "emotion": [0, -1, 2][i]},
                ],
                "interactions": [p("Interaction")],
                "goals": [p("Goal")],
                "thoughts": [p("Thought")],
                "positives": [p("Positive")],
                "negatives": [{"text": p("Negative"), "id": f"pain-{i}"}],
                "opportunities": [
                    {
                        "id": f"opp-{i}",
                        "title": p("Opportunity"),
                        "description": p("Opp description"),
                        "status": "planned",
                        "priority": "high",
                        "addresses": f"pain-{i}",
                        "backlog": "https://backlog.example/1",
                    }
                ],
                "kpis": [{"name": p("KPI"), "value": 5, "target": 9, "unit": p("unit")}],
            }
        )
    current = {
        "title": TITLE,
        "type": "current-state",
        "personas": ["persona"],
        "scenario": p("Scenario"),
        "goal": p("Goal"),
        "summary": p("Summary"),
        "owner": "team",
        "status": "published",
        "reviewed": "2026-10-01",
        "tags": [p("tag")],
        "evidence": [{"title": p("Evidence"), "kind": "interview", "summary": p("Evidence summary")}],
        "stages": stages,
    }
    future = {
        "title": p("Future"),
        "type": "future-state",
        "personas": ["persona"],
        "improves": "evil",
        "realises": ["opp-0"],
        "scenario": p("Scenario"),
        "owner": "team",
        "status": "published",
        "reviewed": "2026-10-01",
        "stages": [{"name": s["name"], "emotion": 1, "steps": [p("Better")]} for s in stages],
    }
    bad_link = {
        "title": "Bad links",
        "type": "current-state",
        "personas": ["persona"],
        "scenario": "s",
        "owner": "team",
        "status": "published",
        "reviewed": "2026-10-01",
        "evidence": [{"title": "Evil", "kind": "interview", "url": "javascript:alert(10)"}],
        "stages": [
            {
                "name": "S",
                "emotion": 1,
                "opportunities": [
                    {"id": "evil-backlog", "title": "Evil", "backlog": "javascript:alert(11)"},
                    {"id": "<script>alert(12)</script>", "title": "Evil id"},
                ],
            }
        ],
    }
    scaled = {
        "title": "Scaled",
        "type": "current-state",
        "personas": ["persona"],
        "scenario": "s",
        "owner": "team",
        "status": "draft",
        # Short names (the y axis shows them when they fit) that Plotly would read as markup.
        "scale": {"min": 1, "max": 3, "labels": {1: LINKED_LABEL, 3: "<b>Good</b>"}},
        "stages": [{"name": "A", "emotion": 1}, {"name": "B", "emotion": 3}],
    }
    return {
        "owners.yml": yaml.safe_dump(owners, allow_unicode=True),
        "journeys/scaled.yml": yaml.safe_dump(scaled, sort_keys=False, allow_unicode=True),
        "personas/persona.md": persona,
        "journeys/evil.yml": yaml.safe_dump(current, sort_keys=False, allow_unicode=True),
        "journeys/evil-future.yml": yaml.safe_dump(future, sort_keys=False, allow_unicode=True),
        "journeys/bad-links.yml": yaml.safe_dump(bad_link, sort_keys=False, allow_unicode=True),
        f"notes/{NAMED}.md": "# Notes\n\nA page of the site's own.\n",
    }


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(tmp_path_factory.mktemp("evil"), portfolio(), strict=False, config=EDITING)


@pytest.fixture(scope="module")
def evil(evil_site: Site, serve_site: Callable[[Site], Served]) -> Served:
    return serve_site(evil_site)


PAGES = [
    "",
    "journeys/",
    "journeys/evil/",
    "journeys/evil-future/",
    "personas/",
    "personas/persona/",
    "owners/",
    "owners/team/",
    "owners/jo/",
    "opportunities/",
    f"notes/{quote(NAMED)}/",
    # Rows drawn by listing.js from entries.json (the payloads are in every text it inserts).
    "journeys/?sort=title",
    "opportunities/?sort=title&dir=desc",
]


def test_javascript_urls_are_refused(evil_site: Site) -> None:
    reported = [w for w in evil_site.warnings if "bad-links.yml" in w]
    assert any("javascript:alert(10)" in w and "not a web link" in w for w in reported), evil_site.warnings
    assert any("javascript:alert(11)" in w and "not a web link" in w for w in reported), evil_site.warnings
    assert any("bad-links.yml:" in w and "alert(12)" in w for w in reported), reported  # ids are slugs
    assert not evil_site.exists("journeys/bad-links/")  # an invalid map is not published
    for html in evil_site.site_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8").lower()
        assert 'href="javascript:' not in text and "href='javascript:" not in text, html


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs(tabs: Opener, evil: Served, path: str) -> None:
    tab = tabs()
    page = tab.page
    page.goto(evil.url(path), wait_until="networkidle")
    if page.locator("[data-cjm-chart]").count():
        wait_for_chart(page)
        plot = page.locator("[data-cjm-chart] .nsewdrag").first
        box = plot.bounding_box()
        for i in range(1, 20):  # sweep the hover line across every point
            page.mouse.move(box["x"] + box["width"] * i / 20, box["y"] + box["height"] / 2)
        legend = page.locator("[data-cjm-chart] .legendtext")
        if legend.count():
            legend.first.hover(force=True)
        page.locator(".cjm-chart__data > summary").click()
    # Focus and hover Material's edit and view buttons (their links are made from file names).
    buttons = page.locator(".md-content__button")
    if path.startswith(("journeys/evil", "personas/persona", "notes/")):  # pages made from a file
        assert buttons.count() == 2
    for button in buttons.all():
        button.focus()
        button.hover()
    # Hover and click every cell and item that is not a link (links would leave the page).
    # (Not the visually hidden ones: a pointer cannot reach them, e.g. the grid's heading; nor the
    # sticky copy of the stage row, shown only while the real row is scrolled away: its text is
    # the real row's, and scrolling to one of its cells hides it.)
    reachable = ":not(.cjm-visually-hidden, .cjm-grid-head *)"
    for cell in page.locator(f".md-content :is(td, th, li, dd, p, h1, h2, h3){reachable}").all()[:120]:
        if cell.is_visible():
            cell.hover()
    for cell in page.locator(f".md-content :is(td, th.cjm-grid__lane, p, dd){reachable}").all()[:60]:
        if cell.is_visible() and not cell.locator("a").count():
            cell.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert tab.dialogs == []
    assert tab.page_errors == []
    assert not [u for u in tab.requests if u.endswith("/x")], "an injected <img src=x> was loaded"
    assert tab.foreign == []
    if path.startswith("notes/"):
        return  # the site's own page: no payloads in it, only in its file name
    # The payloads are in the page as text.
    content = page.locator(".md-content").inner_text()
    assert PAYLOADS[0] in content and PAYLOADS[2] in content and "{{ 7*7 }}" in content
    assert page.locator(".md-content script").count() == 0
    assert page.locator(".md-content img").count() == 0


def test_payloads_show_as_text_where_they_belong(tabs: Opener, evil: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(evil.url("journeys/evil/"))
    assert page.locator("h1").inner_text() == TITLE
    assert page.title().startswith("Map ‹script›alert(1)‹/script›")  # nav labels use ‹ › (page_meta.safe_label)
    name = page.locator(".cjm-grid__stage .cjm-grid__name").first.inner_text()
    assert name == p("Stage One")
    step = page.locator(".cjm-step__title").first.inner_text()
    assert step == p("Step 0a")
    facts = page.locator(".cjm-facts").inner_text()
    assert p("Scenario") in facts and p("tag") in facts
    assert p("Opportunity") in page.locator(".cjm-opp__title").first.inner_text()
    assert p("KPI") in page.locator(".cjm-row--kpis").inner_text()
    wait_for_chart(page)
    # The stage names under the chart: escaped in Plotly's tick labels, shown as text in the SVG; or, too long for
    # their stage (these are), numbered, with a key under the chart that shows them as text.
    ticks = page.evaluate("() => document.querySelector('[data-cjm-chart]')._fullLayout.xaxis.ticktext")
    labels = page.locator("[data-cjm-chart] .xtick text").all_text_contents()
    stages = ["One", "Two", "Three"]
    assert len(ticks) == len(labels) == len(stages), (ticks, labels)
    key = page.locator("figure.cjm-chart .cjm-chart__key li")
    if ticks == labels == ["1", "2", "3"]:
        labels = key.all_text_contents()
        assert key.locator("*").count() == 0  # text only
    else:
        for name, tick in zip(stages, ticks, strict=True):
            assert tick.startswith(f"Stage {name} &lt;script&gt;alert(1)&lt;/script&gt;"), tick
    for name, label in zip(stages, labels, strict=True):
        assert label.startswith(f"Stage {name} <script>alert(1)</script>"), label
    hover = page.evaluate("() => document.querySelector('[data-cjm-chart]')._fullData[0].text[0]")
    assert hover.startswith("Stage One &lt;script&gt;alert(1)&lt;/script&gt;")
    page.goto(evil.url("personas/persona/"))
    assert page.locator("h1").inner_text() == p("Persona")
    body = page.locator(".md-content").inner_text()
    assert "[x](javascript:alert(5))" in body and p("Quote") in body
    assert page.locator('.md-content a[href^="javascript"]').count() == 0


def test_the_names_of_a_scale_are_text_on_the_chart(tabs: Opener, evil: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(evil.url("journeys/scaled/"))
    wait_for_chart(page)
    ticks = page.evaluate("() => document.querySelector('[data-cjm-chart]')._fullLayout.yaxis.ticktext")
    assert any("&lt;b&gt;Good&lt;/b&gt;" in t for t in ticks), ticks
    labels = page.locator("[data-cjm-chart] .ytick text").all_text_contents()
    assert any(LINKED_LABEL in label for label in labels) and any("<b>Good</b>" in label for label in labels), labels
    assert page.locator("[data-cjm-chart] a").count() == 0
    assert page.locator("[data-cjm-chart] .ytick [style*=bold]").count() == 0


def test_the_detectors_work(tabs: Opener, evil: Served) -> None:
    """A payload that does run is noticed: the flag is set and the dialog recorded."""
    tab = tabs()
    page = tab.page
    page.goto(evil.url("journeys/evil/"))
    page.evaluate("document.querySelector('h1').innerHTML = document.querySelector('h1').textContent")
    page.wait_for_function("() => window.__pwned === 3")
    page.wait_for_function("() => document.querySelectorAll('h1 img').length === 1")
    assert any(d.startswith("alert:") for d in tab.dialogs)
