"""``search: pagefind`` (the default): the build indexes the site with Pagefind, the header holds the
plugin's search box instead of Material's, and ``search: material`` still builds Material's index."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, Site, build_site, small_portfolio
from mkdocs_cjm.core.search import NAME_FIELD, NAME_WEIGHT, STOP_WORDS, search_document, stop_words
from mkdocs_cjm.site_search import deal

PLUGINS_WITHOUT_SEARCH = {"plugins": [{"cjm": {"today": "2026-11-24"}}]}


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(tmp_path_factory.mktemp("pagefind"), small_portfolio(), config=PLUGINS_WITHOUT_SEARCH)


def test_the_build_writes_a_pagefind_index_and_no_lunr_index(pagefind_site: Site) -> None:
    bundle = pagefind_site.site_dir / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert list((bundle / "fragment").iterdir()) and list((bundle / "index").iterdir())
    assert not (bundle / "pagefind-ui.js").exists()  # Pagefind's own UIs are not shipped
    assert not (pagefind_site.site_dir / "search" / "search_index.json").exists()
    assert (pagefind_site.site_dir / "assets" / "cjm" / "search.js").is_file()


def test_the_header_has_the_plugin_search_box_and_not_materials(pagefind_site: Site) -> None:
    for url in ("", "journeys/setup/", "personas/priya/"):
        page = pagefind_site.html(url)
        header = page.select_one("header.md-header")
        assert header is not None
        assert header.select_one("[data-cjm-search] input.md-search__input") is not None
        assert header.select_one("button[data-cjm-search-open]") is not None
        # Nothing Material's search would start on (it downloads its index for a form named "search").
        assert page.select_one('form[name="search"]') is None
        assert page.select_one('[data-md-component="search"]') is None
        script = page.select_one('script[src$="assets/cjm/search.js"]')
        assert script is not None and script.has_attr("defer")


def test_search_material_keeps_materials_search(tmp_path: Path) -> None:
    site = build_site(tmp_path, small_portfolio(), plugin={"search": "material"})
    assert (site.site_dir / "search" / "search_index.json").is_file()
    assert not (site.site_dir / "pagefind").exists()
    page = site.html("journeys/setup/")
    assert page.select_one('form[name="search"]') is not None
    assert page.select_one("[data-cjm-search]") is None


def test_search_material_without_the_search_plugin_is_reported(tmp_path: Path) -> None:
    config = {"plugins": [{"cjm": {"today": "2026-11-24", "search": "material"}}]}
    site = build_site(tmp_path, small_portfolio(), config=config, strict=False)
    assert any("'search: material' needs the 'search' plugin" in w for w in site.warnings), site.warnings


def test_a_wrong_search_value_is_refused(tmp_path: Path) -> None:
    site = build_site(tmp_path, small_portfolio(), plugin={"search": "lunr"}, strict=False)
    assert any("'search'" in w and "lunr" in w for w in site.warnings), site.warnings


def test_a_missing_binary_stops_the_build_with_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pagefind_bin  # type: ignore[import-untyped]

    def missing() -> Path:
        raise FileNotFoundError("Could not find any of [pagefind]")

    monkeypatch.setattr(pagefind_bin, "get_executable", missing)
    site = build_site(tmp_path, small_portfolio(), config=PLUGINS_WITHOUT_SEARCH, expect_failure=True)
    assert "needs Pagefind's binary" in str(site.error) + "\n".join(site.warnings)
    assert "search: material" in str(site.error) + "\n".join(site.warnings)


def test_a_custom_dir_header_still_wins(tmp_path: Path) -> None:
    files = {**small_portfolio()}
    (tmp_path / "overrides" / "partials").mkdir(parents=True)
    (tmp_path / "overrides" / "partials" / "header.html").write_text('<header class="mine">Own header</header>')
    config = {**PLUGINS_WITHOUT_SEARCH, "theme": {"name": "material", "font": False, "custom_dir": "overrides"}}
    site = build_site(tmp_path, files, config=config)
    page = site.html("journeys/setup/")
    assert page.select_one("header.mine") is not None and page.select_one("[data-cjm-search]") is None


def staged(site: Site) -> dict[str, Any]:
    """Pagefind's metadata of every indexed page, read back from its fragments (gzip'd JSON)."""
    out = {}
    for fragment in (site.site_dir / "pagefind").rglob("fragment/*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd") :])
        out[data["url"]] = data
    return out


def test_the_index_holds_search_views_own_names_and_stage_anchors(pagefind_site: Site) -> None:
    pages = staged(pagefind_site)
    journey = pages["/journeys/setup/"]
    assert journey["meta"]["title"] == "Setting up the till"
    # The map is the home of its opportunities and their backlog keys.
    assert set(journey["meta"][NAME_FIELD].split("; ")) == {"guide-on-top", "TW-1", "pairing-wizard"}
    anchors = {a["id"] for a in journey["anchors"]}
    assert {"stage-discover", "stage-pair-the-reader", "guide-on-top", "pairing-wizard"} <= anchors
    assert "Backlog item: TW-1" in journey["content"]
    assert '"x":' not in journey["content"] and "plotly" not in journey["content"]
    assert pages["/personas/priya/"]["meta"][NAME_FIELD] == "Priya Shah; priya"
    assert pages["/owners/jo/"]["meta"][NAME_FIELD] == "Jo Park; jo"
    # Permalink signs are not indexed (Material's search leaves them out too).
    assert "¶" not in "".join(p["content"] for p in pages.values())


def test_the_index_is_the_same_for_the_same_content(tmp_path: Path) -> None:
    a = build_site(tmp_path / "a", small_portfolio(), config=PLUGINS_WITHOUT_SEARCH)
    b = build_site(tmp_path / "b", small_portfolio(), config=PLUGINS_WITHOUT_SEARCH)

    def files(site: Site) -> dict[str, bytes]:
        root = site.site_dir / "pagefind"
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    assert files(a) == files(b)


def test_a_search_document_escapes_what_content_says() -> None:
    doc = search_document('Tom "<b>" & co', "<p>body</p>", "en", ["<script>", "x"])
    soup = BeautifulSoup(doc, "html.parser")
    heading, meta = soup.select_one("h1"), soup.select_one('meta[data-pagefind-meta="name[content]"]')
    assert heading is not None and heading.get_text() == 'Tom "<b>" & co'
    assert soup.select_one("main[data-pagefind-body]") is not None
    assert meta is not None and meta["content"] == "<script>; x"
    assert soup.find("script") is None and soup.find("b") is None


def test_the_search_box_ranks_with_the_cores_name_field() -> None:
    script = (REPO / "mkdocs_cjm" / "assets" / "search.js").read_text(encoding="utf-8")
    weights = re.search(r"metaWeights: \{ title: [\d.]+, (\w+): ([\d.]+) \}", script)
    assert weights is not None
    assert weights.group(1) == NAME_FIELD and float(weights.group(2)) == NAME_WEIGHT


@pytest.mark.parametrize("search", ["pagefind", "material"])
def test_later_pages_of_a_paged_section_are_not_search_results(tmp_path: Path, search: str) -> None:
    """A listing's continuation pages repeat its title and summary: the first page stands for the
    listing in search, whichever search the site uses."""
    site = build_site(tmp_path, small_portfolio(), plugin={"search": search, "listing_page_size": 1})
    assert (site.site_dir / "opportunities" / "page" / "2" / "index.html").is_file()
    if search == "pagefind":
        urls = set(staged(site))
    else:
        index = json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
        urls = {"/" + doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"/opportunities/", "/journeys/setup/"} <= urls
    assert not [url for url in urls if "/page/" in url]


def test_a_large_site_gets_several_indexes_that_hold_every_page_once(tmp_path: Path) -> None:
    """Past ``search_index_pages`` the pages are dealt out to the fewest indexes of that many (``deal``):
    ``pagefind/`` (with Pagefind's script and WebAssembly) and ``pagefind/<n>/`` (index files only),
    listed in ``pagefind/cjm-search.json``; the same content gives the same bytes."""
    whole = build_site(tmp_path / "whole", small_portfolio(), config=PLUGINS_WITHOUT_SEARCH)
    split_config = {"plugins": [{"cjm": {"today": "2026-11-24", "search_index_pages": 3}}]}
    split = build_site(tmp_path / "split", small_portfolio(), config=split_config)
    again = build_site(tmp_path / "again", small_portfolio(), config=split_config)
    bundle = split.site_dir / "pagefind"
    assert json.loads((whole.site_dir / "pagefind" / "cjm-search.json").read_text(encoding="utf-8"))["indexes"] == []
    shards = json.loads((bundle / "cjm-search.json").read_text(encoding="utf-8"))["indexes"]
    pages = staged(whole)
    assert len(shards) == -(-len(pages) // 3) - 1 >= 2
    counts = []
    for shard in shards:
        folder = bundle / shard
        assert (folder / "pagefind-entry.json").is_file(), shard
        assert not [*folder.glob("*.js"), *folder.glob("wasm.*")], shard  # the first index's serve all
        counts.append(len(list((folder / "fragment").iterdir())))
    first = len(list((bundle / "fragment").iterdir()))
    assert (bundle / "pagefind.js").is_file()
    assert max(first, *counts) <= 3
    assert staged(split).keys() == pages.keys()  # every page in exactly one index (urls are keys)
    assert sum(counts) + first == len(pages)

    def files(site: Site) -> dict[str, bytes]:
        root = site.site_dir / "pagefind"
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    assert files(split) == files(again)


def test_the_search_box_gets_the_stop_words_of_the_sites_language(tmp_path: Path) -> None:
    """English sites leave "the", "of"… out of a query; a language without a list leaves nothing out."""
    english = json.loads(
        (build_site(tmp_path / "en", small_portfolio()).site_dir / "pagefind" / "cjm-search.json").read_text(
            encoding="utf-8"
        )
    )
    assert {"the", "of", "for", "what"} <= set(english["stopWords"]) and "invoice" not in english["stopWords"]
    assert english["stopWords"] == sorted(STOP_WORDS["en"])
    assert stop_words("en-GB") == stop_words("en") and stop_words("de") == []
    german = build_site(tmp_path / "de", small_portfolio(), config={"theme": {"name": "material", "language": "de"}})
    assert json.loads((german.site_dir / "pagefind" / "cjm-search.json").read_text(encoding="utf-8"))["stopWords"] == []


def test_the_words_of_a_pages_own_names_are_never_stop_words(tmp_path: Path) -> None:
    """A persona called Will, a team called "What If": their names are searched, not dropped."""
    assert {"will", "an", "what", "if"}.isdisjoint(stop_words("en", ["Will Smith", "An Dô", "What if?"]))
    # An id is one word of a query: the words inside it stay stop words.
    assert "the" in stop_words("en", ["Will Smith"]) and "on" in stop_words("en", ["guide-on-top"])
    files = small_portfolio()
    files["owners.yml"] = files["owners.yml"].replace("CX research", "What If Research")
    site = build_site(tmp_path, files, config=PLUGINS_WITHOUT_SEARCH)
    stops = json.loads((site.site_dir / "pagefind" / "cjm-search.json").read_text(encoding="utf-8"))["stopWords"]
    assert "what" not in stops and "if" not in stops and "the" in stops


def test_pages_are_dealt_to_indexes_that_sample_the_whole_site() -> None:
    """Each index holds about as many pages of each section (Pagefind's scores, counted per
    index, are then comparable when it merges them), none more than the limit, and a page added
    changes one index only."""
    pages = [f"journeys/map-{i:05d}/index.html" for i in range(10_000)] + [
        f"owners/t{i}/index.html" for i in range(500)
    ]
    groups = deal(pages, 2_000)
    assert len(groups) == 6 and sorted(p for g in groups for p in g) == sorted(pages)
    for group in groups:
        assert 1_500 <= len(group) <= 2_000 and group == sorted(group)
        assert 50 <= sum(p.startswith("owners/") for p in group) <= 120  # 500 / 6 ≈ 83 each
    more = deal([*pages, "journeys/new/index.html"], 2_000)
    assert sum(a != b for a, b in zip(groups, more, strict=True)) == 1
    assert deal(pages, 2_000) == groups
    assert [len(g) for g in deal([f"p{i}" for i in range(4)], 1)] == [1, 1, 1, 1]  # full: the next with room
