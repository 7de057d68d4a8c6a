"""Filters and sorting of the paged listings (the journeys index and the opportunities listing):
filtering updates the rows, the live count and the address; a filtered address opens the
filtered view; column buttons sort with aria-sort; a plain load downloads no entries.json;
without JavaScript every entry is reached through the pages; rows drawn from entries.json are
the server's rows (and phone cards); axe finds nothing; it all works after instant navigation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import REPO, TODAY

from .conftest import PHONE, Opener, Served, goto_for_instant_navigation, serve

WIDE = {"width": 1440, "height": 900}
RESULTS = ".cjm-listing__results tbody tr"
WCAG_22_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
SIZE = 5


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The example site built with pages of ``SIZE`` entries, served at its site_url (for
    Material's instant navigation)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("paged")
    for served in serve(root / "site"):
        cfg = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
        cfg.update(docs_dir=str(REPO / "content"), site_dir=str(root / "site"), site_url=served.base)
        cfg["theme"]["custom_dir"] = str(REPO / "theme")
        cjm = next(p for p in cfg["plugins"] if isinstance(p, dict) and "cjm" in p)["cjm"]
        cjm.update(starters_dir=str(REPO / "site_templates"), listing_page_size=SIZE, today=TODAY)
        (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
        build(load_config(str(root / "mkdocs.yml"), strict=True))
        yield served


def query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def column(page: Any, label: str) -> list[str]:
    """The text of each drawn row's cell of column ``label`` (its data-label)."""
    return [t.strip() for t in page.locator(f'{RESULTS} > td[data-label="{label}"]').all_text_contents()]


def choose(page: Any, key: str, value: str) -> None:
    """Pick ``value`` in the ``key`` filter as a reader would: reach the control, then choose."""
    select = page.locator(f"#cjm-filter-{key}")
    select.focus()
    select.select_option(value)


def entries_requests(requests: list[str]) -> list[str]:
    return [u for u in requests if u.endswith("entries.json")]


def test_filtering_updates_rows_count_and_address(tabs: Opener, example: Served) -> None:
    page = tabs(viewport=WIDE).page
    page.goto(example.url("journeys/"))
    count = page.locator(".cjm-listing__count")
    expect(count).to_have_text("14 maps")
    assert count.get_attribute("role") == "status"
    choose(page, "persona", "priya-shah")
    expect(count).to_have_text("7 of 14 maps")
    expect(page.locator(RESULTS)).to_have_count(7)
    assert all("Priya Shah" in c for c in column(page, "Persona"))
    assert query(page) == {"persona": ["priya-shah"]}
    assert page.locator(".cjm-listing__static").is_hidden()
    choose(page, "type", "current-state")
    expect(count).to_have_text("4 of 14 maps")
    assert set(column(page, "Type")) == {"Current state"}
    assert query(page) == {"persona": ["priya-shah"], "type": ["current-state"]}
    page.locator("#cjm-filter-overdue").check()
    expect(count).to_have_text("0 of 14 maps")
    expect(page.locator(".cjm-listing__none")).to_have_text("No maps match these filters.")
    assert query(page)["overdue"] == ["1"]
    page.get_by_role("button", name="Clear filters").click()
    expect(count).to_have_text("14 maps")
    assert page.locator(".cjm-listing__static").is_visible() and urlsplit(page.url).query == ""


def test_opening_a_filtered_address_shows_the_filtered_view(tabs: Opener, example: Served) -> None:
    tab = tabs(viewport=WIDE)
    page = tab.page
    page.goto(example.url("opportunities/?status=planned&priority=high&persona=priya-shah"))
    expect(page.locator(RESULTS).first).to_be_visible()
    assert set(column(page, "Status")) == {"Planned"} and set(column(page, "Priority")) == {"High"}
    assert all("Priya Shah" in c for c in column(page, "Persona"))
    n = page.locator(RESULTS).count()
    expect(page.locator(".cjm-listing__count")).to_have_text(f"{n} of 56 opportunities")
    assert page.locator("#cjm-filter-status").input_value() == "planned"
    assert page.locator("#cjm-filter-persona").input_value() == "priya-shah"
    # Unknown values are ignored, and dropped from the address.
    page.goto(example.url("journeys/?persona=nobody&status=draft&sort=colour&owner=<b>x"))
    expect(page.locator(".cjm-listing__count")).to_have_text("2 of 14 maps")
    assert set(column(page, "Status")) == {"Draft"} and query(page) == {"status": ["draft"]}
    assert page.locator("#cjm-filter-persona").input_value() == ""
    assert tab.problems() == []


def test_column_buttons_sort_every_entry_with_aria_sort(tabs: Opener, example: Served) -> None:
    page = tabs(viewport=WIDE).page
    page.goto(example.url("opportunities/"))
    head = page.locator(".cjm-listing__static thead th", has=page.locator(".cjm-sort", has_text="Priority"))
    assert head.get_attribute("aria-sort") is None
    head.locator("button").click()
    drawn = page.locator(".cjm-listing__results thead th", has=page.locator(".cjm-sort", has_text="Priority"))
    expect(drawn).to_have_attribute("aria-sort", "ascending")
    expect(drawn.locator("button")).to_be_focused()
    order = {"High": 0, "Medium": 1, "Low": 2, "": 3}
    priorities = column(page, "Priority")
    assert len(priorities) == 56 and [order[p] for p in priorities] == sorted(order[p] for p in priorities)
    assert query(page) == {"sort": ["priority"], "dir": ["asc"]}
    drawn.locator("button").click()
    expect(drawn).to_have_attribute("aria-sort", "descending")
    priorities = column(page, "Priority")
    assert [order[p] for p in priorities] == sorted((order[p] for p in priorities), reverse=True)
    assert query(page)["dir"] == ["desc"]
    page.goto(example.url("journeys/?sort=title&dir=asc"))
    expect(page.locator(RESULTS)).to_have_count(14)
    titles = [t.strip().lower() for t in page.locator(f"{RESULTS} > th > a").all_text_contents()]
    assert titles == sorted(titles)
    assert page.locator(".cjm-listing__results th[aria-sort]").all_text_contents() == ["Map"]


def test_a_plain_load_downloads_no_entries(tabs: Opener, example: Served) -> None:
    for url in ("journeys/", "opportunities/"):
        tab = tabs(viewport=WIDE)
        tab.page.goto(example.url(url), wait_until="networkidle")
        expect(tab.page.locator(".cjm-filters")).to_be_visible()
        assert entries_requests(tab.requests) == []
        # Reaching for a filter fetches them (once).
        with tab.page.expect_response(tab.page.url + "entries.json"):
            tab.page.locator(".cjm-filters select").first.focus()
        tab.page.locator(".cjm-filters select").nth(1).focus()
        assert len(entries_requests(tab.requests)) == 1
        assert tab.problems() == []


def test_without_javascript_every_entry_is_reached_through_the_pages(tabs: Opener, paged: Served) -> None:
    page = tabs(viewport=WIDE, java_script_enabled=False).page
    seen: list[str] = []
    page.goto(paged.url("opportunities/"))
    assert page.locator(".cjm-filters, .cjm-sort").count() == 0
    while True:
        rows = page.locator("tbody th code.cjm-id").all_text_contents()
        assert 0 < len(rows) <= SIZE
        seen += rows
        current = page.locator('.cjm-pager a[aria-current="page"]')
        assert current.count() == 1
        nxt = page.locator('.cjm-pager a[rel="next"]')
        if nxt.count() == 0:
            break
        nxt.click()
    assert len(seen) == len(set(seen)) == 56
    page.goto(paged.url("journeys/page/3/"))
    assert page.locator(".cjm-listing__count").text_content() == "Maps 11–14 of 14"
    assert page.locator('.cjm-pager a[rel="prev"]').get_attribute("href") == "../2/"


def test_more_matches_than_a_page_show_more(tabs: Opener, paged: Served) -> None:
    page = tabs(viewport=WIDE).page
    page.goto(paged.url("journeys/page/2/?sort=title"))
    expect(page.locator(RESULTS)).to_have_count(SIZE)
    expect(page.locator(".cjm-listing__count")).to_have_text("14 of 14 maps, the first 5 shown")
    more = page.get_by_role("button", name="Show 5 more (9 not shown)")
    more.click()
    expect(page.locator(RESULTS)).to_have_count(10)
    expect(page.locator(f"{RESULTS} >> nth=5 >> th a")).to_be_focused()
    page.get_by_role("button", name="Show 4 more (4 not shown)").click()
    expect(page.locator(RESULTS)).to_have_count(14)
    expect(page.locator(".cjm-listing__more")).to_be_hidden()
    # Links drawn from the data lead where the server's do, from a continuation page too.
    href = page.locator(f"{RESULTS} >> nth=0 >> th a").get_attribute("href")
    assert href == paged.url("journeys/legacy-paper-stocktake/")  # "Annual stocktake…", first by title


# Each cell of the server's rows and of the rows drawn from entries.json, by the row's first link,
# with every link made absolute (the drawn rows' are; the server's are relative).
CELLS = """(sel) => {
  const out = {};
  for (const tr of document.querySelectorAll(sel)) {
    const copy = tr.cloneNode(true);
    copy.querySelectorAll('a[href]').forEach(a => a.setAttribute('href', a.href));
    const key = copy.querySelector('th a, th span').getAttribute('href') || copy.cells[0].textContent;
    out[key] = [...copy.cells].filter(c => c.dataset.label !== 'Type').map(c => c.outerHTML);
  }
  return out;
}"""


@pytest.mark.parametrize("url", ["journeys/?sort=id", "opportunities/?sort=id"])
def test_drawn_rows_are_the_servers_rows(tabs: Opener, example: Served, url: str) -> None:
    page = tabs(viewport=WIDE).page
    page.goto(example.url(url))
    expect(page.locator(RESULTS).first).to_be_visible()
    server = page.evaluate(CELLS, ".cjm-listing__static tbody tr")
    drawn = page.evaluate(CELLS, RESULTS)
    assert len(server) == len(drawn) > 0
    assert drawn == server


def test_drawn_rows_are_phone_cards(tabs: Opener, example: Served) -> None:
    page = tabs(viewport=PHONE).page
    page.goto(example.url("opportunities/?owner=onboarding-squad"))
    expect(page.locator(RESULTS).first).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    cards = page.evaluate(
        """(sel) => [...document.querySelectorAll(sel)].map(tr => ({
             display: getComputedStyle(tr).display, border: parseFloat(getComputedStyle(tr).borderTopWidth),
             owner: getComputedStyle(tr.querySelector('td[data-label="Owner"]'), '::before').content}))""",
        RESULTS,
    )
    assert cards and all(c == {"display": "flex", "border": 1, "owner": '"Owner: "'} for c in cards)
    assert page.locator(".cjm-listing__results thead").bounding_box()["height"] <= 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_filtered_listing_has_no_axe_violations(tabs: Opener, paged: Served, scheme: str, viewport: Any) -> None:
    page = tabs(viewport=viewport, color_scheme=scheme).page
    for url in ("journeys/?persona=priya-shah&sort=reviewed&dir=desc", "opportunities/page/2/?status=planned"):
        page.goto(paged.url(url), wait_until="networkidle")
        expect(page.locator(".cjm-listing__more")).to_be_visible()
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_function("() => scrollY === 0 && document.getAnimations().every(a => a.playState !== 'running')")
        found = Axe().run(page, options=WCAG_22_AA).response["violations"]
        assert [f"{v['id']}: {n['target']}" for v in found for n in v["nodes"]] == []


def test_filters_after_instant_navigation(tabs: Opener, example: Served) -> None:
    tab = tabs(viewport=WIDE)
    page = tab.page
    goto_for_instant_navigation(page, example.url(""))
    page.evaluate("window.__cjmSamePage = true")
    page.locator(".md-tabs a", has_text="Opportunities").click()
    page.wait_for_url("**/opportunities/")
    expect(page.locator('[data-cjm-listing="opportunities"] .cjm-filters')).to_be_visible()
    assert page.evaluate("window.__cjmSamePage") is True  # instant navigation, not a new page
    assert entries_requests(tab.requests) == []
    choose(page, "status", "done")
    expect(page.locator(".cjm-listing__count")).to_have_text("8 of 56 opportunities")
    assert query(page) == {"status": ["done"]}
    # Away and back again: one set of filters, still working.
    page.locator(".md-tabs a", has_text="Journeys").click()
    page.wait_for_url("**/journeys/")
    expect(page.locator('[data-cjm-listing="journeys"] .cjm-filters')).to_be_visible()
    expect(page.locator(".cjm-filters")).to_have_count(1)
    choose(page, "owner", "cx-research")
    expect(page.locator(".cjm-listing__count")).to_have_text("3 of 14 maps")
    assert page.evaluate("window.__cjmSamePage") is True and tab.problems() == []
