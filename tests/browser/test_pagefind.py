"""The plugin's search box (``search: pagefind``, the example site's): where Material's stands,
nothing downloaded until a reader searches, results ranked with a page's own names first and
linked to the stage or opportunity, usable with the keyboard and after instant navigation."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import cbor2
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import REPO, build_site

from .conftest import (
    ANSWERED,
    JOURNEY,
    PHONE,
    TIMEOUT,
    Opener,
    Served,
    after_two_frames,
    find,
    goto_for_instant_navigation,
)

sys.path.insert(0, str(REPO / "bench"))
import generate

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def hrefs(links: Any) -> list[str]:
    out = []
    for i in range(links.count()):
        url = urlsplit(links.nth(i).get_attribute("href"))
        out.append(url.path + ("#" + url.fragment if url.fragment else ""))
    return out


def first_hrefs(page: Any) -> list[str]:
    """The main link of each result, in order."""
    return hrefs(page.locator(".cjm-search .md-search-result__item > a.md-search-result__link:first-child"))


def test_a_page_where_nobody_searches_downloads_no_index(tabs: Opener, example: Served) -> None:
    tab = tabs()
    tab.page.goto(example.url(JOURNEY), wait_until="networkidle")
    assert tab.page.locator(".md-header [data-cjm-search] input.md-search__input").count() == 1
    assert not [r for r in tab.requests if "/pagefind/" in r or "search_index" in r], tab.requests
    # Opening the box (focus, no query yet) loads Pagefind, and only Pagefind.
    with tab.page.expect_request(lambda r: "/pagefind/pagefind-entry.json" in r.url):
        tab.page.locator("input.md-search__input").focus()
    assert not [r for r in tab.requests if "search_index" in r]
    assert tab.problems() == []


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Priya Shah", "/personas/priya-shah/"),
        ("Priya", "/personas/priya-shah/"),
        ("Onboarding squad", "/owners/onboarding-squad/"),
        ("Nadia Osei", "/owners/nadia-osei/"),
        ("import-error-explainer", "/journeys/first-week-setup/#import-error-explainer"),
        ("TW-382", "/journeys/month-end-bookkeeping/#bookkeeper-access"),
        ("Tomas", "/personas/tomas-reyes/"),
        ("Tomás Reyes", "/personas/tomas-reyes/"),
    ],
)
def test_a_page_is_the_first_result_for_its_own_name(tabs: Opener, example: Served, query: str, first: str) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url("journeys/"))
    find(page, query)
    assert first_hrefs(page)[0] == first, first_hrefs(page)
    assert tab.problems() == []


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Priya Shah", "/personas/priya-shah/"),
        ("Nadia Osei", "/owners/nadia-osei/"),
        ("TW-382", "/journeys/month-end-bookkeeping/#bookkeeper-access"),
        ("Tomás Reyes", "/personas/tomas-reyes/"),
    ],
)
def test_a_site_split_into_several_indexes_searches_them_as_one(
    tabs: Opener, split_example: Served, query: str, first: str
) -> None:
    """Pages from every index come back, ranked together: the page of a name is still first, from
    whichever index holds it; the WebAssembly is downloaded once."""
    indexes = json.loads((split_example.site_dir / "pagefind" / "cjm-search.json").read_text(encoding="utf-8"))[
        "indexes"
    ]
    assert len(indexes) >= 5
    tab = tabs()
    page = tab.page
    page.goto(split_example.url("journeys/"))
    find(page, query)
    assert first_hrefs(page)[0] == first, first_hrefs(page)
    entries = [r for r in tab.requests if r.endswith("pagefind-entry.json") or "pagefind-entry.json?" in r]
    assert len(entries) == len(indexes) + 1, entries
    assert len([r for r in tab.requests if "/wasm." in r]) == 1
    assert tab.problems() == []


def test_a_word_on_pages_in_several_indexes_finds_them_all(tabs: Opener, split_example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(split_example.url(""))
    find(page, "till")
    found = {urlsplit(h).path for h in first_hrefs(page)}
    indexed = {
        json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])["url"]
        for f in (split_example.site_dir / "pagefind").rglob("fragment/*.pf_fragment")
    }
    homes = {
        url: folder.parent.name
        for folder in (split_example.site_dir / "pagefind").rglob("fragment")
        for url in [
            json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])["url"] for f in folder.iterdir()
        ]
    }
    assert found <= indexed
    assert len({homes[url] for url in found}) >= 2, (found, homes)
    assert tab.problems() == []


def test_a_result_deep_links_to_its_stage(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url(""))
    found = hrefs(find(page, "rejected rows one by one"))
    assert "/journeys/first-week-setup/#stage-importing-products" in found, found
    page.locator('.cjm-search a.md-search-result__link[href$="#stage-importing-products"]').first.click()
    page.wait_for_url("**/journeys/first-week-setup/#stage-importing-products")
    stage = page.locator("#stage-importing-products")
    assert stage.evaluate("e => e.tagName") == "TH"
    assert "Importing products" in stage.inner_text()
    # The box shut as the page changed.
    assert not page.locator("#__search").is_checked()
    assert tab.problems() == []


def test_search_works_after_instant_navigation(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    goto_for_instant_navigation(page, example.url(""))
    page.evaluate("() => { window.__cjmSamePage = true; }")
    page.locator(".md-tabs a", has_text="Personas").first.click()
    page.wait_for_url("**/personas/")
    assert page.evaluate("() => window.__cjmSamePage === true"), "instant navigation reloaded the page"
    find(page, "Ava Okafor")
    assert first_hrefs(page)[0] == "/personas/ava-okafor/"
    page.locator(".cjm-search .md-search-result__link").first.click()
    page.wait_for_url("**/personas/ava-okafor/")
    assert page.evaluate("() => window.__cjmSamePage === true")
    find(page, "Priya Shah")
    assert first_hrefs(page)[0] == "/personas/priya-shah/"
    assert tab.problems() == []


def test_the_keyboard_opens_searches_and_follows_a_result(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url(JOURNEY))
    page.locator("body").press("/")
    assert page.evaluate("() => document.activeElement.matches('.cjm-search input.md-search__input')")
    assert page.locator("#__search").is_checked()
    page.keyboard.type("Onboarding squad")
    page.wait_for_function(
        "() => document.querySelector('.cjm-search .md-search-result__list').dataset.cjmAnswered === 'Onboarding squad'"
    )
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.getAttribute('href')").endswith("/owners/onboarding-squad/")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Tab")  # Tab from the first result goes on through the results
    assert page.evaluate("() => document.activeElement.matches('.cjm-search .md-search-result__link')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/owners/onboarding-squad/")
    # Escape shuts the box again.
    page.locator("body").press("s")
    assert page.locator("#__search").is_checked()
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    assert tab.problems() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_open_search_passes_axe(tabs: Opener, example: Served, scheme: str, viewport: Any) -> None:
    tab = tabs(color_scheme=scheme, **({"viewport": viewport} if viewport else {}))
    page = tab.page
    page.goto(example.url(JOURNEY))
    find(page, "Priya")
    page.wait_for_load_state("networkidle")
    found = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}}).response["violations"]
    assert [f"{v['id']}: {n['target']} {n['failureSummary']}" for v in found for n in v["nodes"]] == []
    # Results are on screen, inside the window, at the phone's width too.
    first = page.locator(".cjm-search .md-search-result__link").first.bounding_box()
    width = page.viewport_size["width"]
    assert first is not None and first["x"] >= 0 and first["x"] + first["width"] <= width + 1
    assert tab.problems() == []


@pytest.fixture(scope="module")
def chunked(tmp_path_factory: pytest.TempPathFactory, serve_site: Any) -> Served:
    """150 generated maps: an index large enough for Pagefind to split its words into chunks."""
    root = tmp_path_factory.mktemp("chunked")
    generate.generate(root / "docs", 150, seed=1)
    site = build_site(root, {}, config={"plugins": [{"cjm": {"today": generate.TODAY.isoformat()}}]}, strict=False)
    served: Served = serve_site(site)
    return served


def chunk_names(site_dir: Path) -> Callable[[str], str]:
    """The name of the chunk of the site's (first) index whose bounds hold a word."""
    [meta] = (site_dir / "pagefind").glob("*.pf_meta")
    chunks = cbor2.loads(gzip.decompress(meta.read_bytes())[len(b"pagefind_dcd") :])[2]
    return lambda word: str(next(name for start, end, name in chunks if start <= word <= end))


def hold(page: Any, pattern: str) -> list[Any]:
    """Hold back the page's (and its workers') requests for ``pattern`` until :func:`release`."""
    held: list[Any] = []
    page.context.route(pattern, lambda route: held.append(route))
    return held


def release(page: Any, pattern: str, held: list[Any]) -> None:
    page.context.unroute(pattern)
    for route in held:
        route.continue_()


def open_search(page: Any, url: str) -> Any:
    """Open ``url`` and focus its search field; return the field."""
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.focus()
    return box


def fetched_chunks(tab: Any) -> set[str]:
    return {urlsplit(r).path.rsplit("/", 1)[-1].removesuffix(".pf_index") for r in tab.requests if ".pf_index" in r}


def test_a_typed_query_fetches_only_the_chunks_of_its_words(tabs: Opener, chunked: Served) -> None:
    """Typing "the store" letter by letter fetches the chunk that holds "store" and, ahead of the
    search, those of its prefixes of three letters or more: not the chunks of "s" and "st"
    (which hold the most common words), nor that of the stop word "the". The page's timers stand
    still while it is typed, as if typed at once: on a busy machine a pause between two keys
    would otherwise let the box search "the st" (as it should)."""
    holding = chunk_names(chunked.site_dir)
    allowed = {holding(prefix) for prefix in ("sto", "stor", "store")}
    assert holding("s") not in allowed and holding("the") not in allowed  # else this site cannot tell
    tab = tabs()
    page = tab.page
    page.clock.install()
    page.goto(chunked.url(""))
    page.locator("input.md-search__input").focus()
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    page.keyboard.type("the store")
    page.clock.resume()
    page.wait_for_function(ANSWERED, arg="the store", polling="raf", timeout=TIMEOUT)
    assert page.locator(".cjm-search .md-search-result__link").count() > 0
    assert holding("store") in fetched_chunks(tab) <= allowed, (fetched_chunks(tab), allowed)
    assert tab.problems() == []


def test_a_query_of_stop_words_only_asks_for_a_more_specific_word(tabs: Opener, chunked: Served) -> None:
    tab = tabs()
    page = tab.page
    box = open_search(page, chunked.url(""))
    box.fill("of the")
    status = page.locator("#cjm-search-status")
    expect(status).to_have_text("Words such as “of the” are on nearly every page: add a more specific word.")
    assert page.locator(".cjm-search .md-search-result__item").count() == 0
    box.fill("The, of")  # punctuation and capitals make no other word of them
    expect(status).to_have_text("Words such as “The, of” are on nearly every page: add a more specific word.")
    assert fetched_chunks(tab) == set()
    box.fill('"of the"')  # an exact phrase is searched as it is
    page.wait_for_function(ANSWERED, arg='"of the"', polling="raf", timeout=TIMEOUT)
    assert fetched_chunks(tab)
    assert tab.problems() == []


ASKING = """(query) => {
  const list = document.querySelector('.cjm-search .md-search-result__list');
  return !!list && list.dataset.cjmAsking === query;
}"""


def test_a_query_typed_while_pagefind_works_waits_and_only_the_newest_is_asked(tabs: Opener, chunked: Served) -> None:
    """Pagefind answers one query at a time and cannot drop one it has started: a query typed
    while it works on an earlier one waits, and of the queries that waited only the newest is
    asked (here the chunk of "invoice" is held back, so the first query stays unanswered while
    two more are typed; the chunk of "zq", which only the middle query needs, is never fetched)."""
    holding = chunk_names(chunked.site_dir)
    first, skipped, last = holding("invoice"), holding("zq"), holding("refund")
    assert len({first, skipped, last}) == 3  # else this site cannot tell
    tab = tabs()
    page = tab.page
    held = hold(page, f"**/{first}.pf_index")
    box = open_search(page, chunked.url(""))
    for query in ("invoice", "invoice zq", "invoice refund"):
        box.fill(query)
        page.wait_for_function(ASKING, arg=query, polling="raf", timeout=TIMEOUT)
    release(page, f"**/{first}.pf_index", held)
    page.wait_for_function(ANSWERED, arg="invoice refund", polling="raf", timeout=TIMEOUT)
    assert held and first in fetched_chunks(tab) and last in fetched_chunks(tab)
    assert skipped not in fetched_chunks(tab), fetched_chunks(tab)
    assert page.locator(".cjm-search .md-search-result__link").count() > 0
    assert tab.problems() == []


def test_an_answer_replaces_the_list_only_once_it_is_drawn(tabs: Opener, chunked: Served) -> None:
    """The results of a new answer are drawn from their fragments, which Pagefind loads in its
    worker: until they are in, the list and its count still show the earlier answer (held back
    here), not an empty list."""
    tab = tabs()
    page = tab.page
    box = open_search(page, chunked.url(""))
    box.fill("map-00001")
    page.wait_for_function(ANSWERED, arg="map-00001", polling="raf", timeout=TIMEOUT)
    links = page.locator(".cjm-search .md-search-result__link")
    status = page.locator("#cjm-search-status")
    before, said = links.all_inner_texts(), status.inner_text()
    assert before and said
    held = hold(page, "**/*.pf_fragment")
    # Pagefind has answered the new query once it asks for the fragment of its result.
    with page.context.expect_event("request", lambda r: r.url.endswith(".pf_fragment"), timeout=TIMEOUT):
        box.fill("map-00002")
    after_two_frames(page)
    assert links.all_inner_texts() == before and status.inner_text() == said
    release(page, "**/*.pf_fragment", held)
    page.wait_for_function(ANSWERED, arg="map-00002", polling="raf", timeout=TIMEOUT)
    assert links.all_inner_texts() != before
    assert tab.problems() == []


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("awesome", False),  # Pagefind answers with the pages of "a"
        ("ibex", False),  # … of "I"
        ("awesome ibex", False),  # nor any word of a query
        ("awesome card", True),  # Pagefind ranks the pages with any of the words: those with "card"
        ("invoicez", True),  # a typo at the end still finds "invoice", as Pagefind means it to
        ("invo", True),  # a half-typed word finds the words it begins
        ("running", True),  # and a word its stem: "run"
        ("412", True),  # a part of a joined word: "TW-412"
        ("churn", True),  # … "first-month-churn-interviews"
    ],
)
def test_a_word_no_page_has_is_said_so_not_answered_with_a_shorter_word(
    tabs: Opener, example: Served, query: str, found: bool
) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url(""))
    links = find(page, query)
    status = page.locator("#cjm-search-status")
    if found:
        assert links.count() > 0 and "matching document" in status.inner_text()
    else:
        expect(status).to_have_text(f"No page has “{'”, “'.join(query.split())}”.")
        assert links.count() == 0
    assert tab.problems() == []


def test_enter_in_the_field_follows_the_first_result_of_what_it_holds(tabs: Opener, example: Served) -> None:
    """Enter pressed before the answer is in follows its first result once it is drawn (not the
    first result of an earlier answer still on screen)."""
    tab = tabs()
    page = tab.page
    page.goto(example.url(JOURNEY))
    find(page, "Priya")
    held = hold(page, "**/*.pf_index")
    box = page.locator("input.md-search__input")
    box.fill("Onboarding squad")
    page.wait_for_function(ASKING, arg="Onboarding squad", polling="raf", timeout=TIMEOUT)
    box.press("Enter")
    after_two_frames(page)
    assert page.url == example.url(JOURNEY)  # the answer on screen is Priya's: not followed
    release(page, "**/*.pf_index", held)
    page.wait_for_url("**/owners/onboarding-squad/", timeout=TIMEOUT)
    assert tab.problems() == []
