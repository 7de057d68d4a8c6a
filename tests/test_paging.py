"""Paged listings: the journeys index and the opportunities listing show ``listing_page_size``
entries a page, the rest on continuation pages linked below; every entry is on exactly one page;
each listing's ``entries.json`` holds every entry, deterministically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO, TODAY, Site, build_project, build_site, small_portfolio

SIZE = 5
"""A page size that splits the example portfolio (14 maps, 56 opportunities)."""


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The example portfolio (content/) built with pages of ``SIZE`` entries."""
    root = tmp_path_factory.mktemp("paged")
    cfg = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg.update(docs_dir=str(REPO / "content"), site_dir=str(root / "site"))
    cfg["theme"]["custom_dir"] = str(REPO / "theme")
    cjm = next(p for p in cfg["plugins"] if isinstance(p, dict) and "cjm" in p)["cjm"]
    cjm.update(starters_dir=str(REPO / "site_templates"), listing_page_size=SIZE, today=TODAY)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    warnings, error = build_project(root, strict=True)
    assert error is None, warnings
    return Site(root, root / "site")


def pages_of(site: Site, section: str) -> list[str]:
    """The URLs of a listing's pages, following its "next" links from the first."""
    urls, url = [], f"{section}/"
    while url:
        urls.append(url)
        nxt = site.html(url).select_one('.cjm-pager a[rel="next"]')
        url = _normal(f"{url}{nxt['href']}") if nxt else ""
        assert len(urls) < 100
    return urls


def _normal(url: str) -> str:
    parts: list[str] = []
    for part in url.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts) + "/"


def text(soup: BeautifulSoup, selector: str) -> str:
    found = soup.select_one(selector)
    assert found is not None, selector
    return found.get_text()


def entries(site: Site, section: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(site.text(f"{section}/entries.json"))
    return data


@pytest.mark.parametrize(
    ("section", "count", "selector"),
    [
        ("journeys", 14, ".cjm-listing__static table.cjm-maps tbody th > a"),
        ("opportunities", 56, "tbody th code.cjm-id"),
    ],
)
def test_every_entry_is_on_exactly_one_page_in_the_listings_order(
    paged: Site, section: str, count: int, selector: str
) -> None:
    urls = pages_of(paged, section)
    assert len(urls) == -(-count // SIZE)
    assert urls[1] == f"{section}/page/2/"
    data = entries(paged, section)
    order = [e[0] for e in data["entries"]]
    assert len(order) == len(set(order)) == count
    shown: list[str] = []
    for url in urls:
        soup = paged.html(url)
        rows = soup.select(selector)
        assert 0 < len(rows) <= SIZE
        shown += [str(r["href"]).rstrip("/").rsplit("/", 1)[-1] if r.name == "a" else r.get_text() for r in rows]
    assert shown == order


def test_pages_link_to_each_other_accessibly(paged: Site) -> None:
    first, second, last = (paged.html(u) for u in ("opportunities/", "opportunities/page/2/", "opportunities/page/12/"))
    assert not paged.exists("opportunities/page/13/") and not paged.exists("opportunities/page/1/")
    nav = second.select_one("nav.cjm-pager")
    assert nav is not None and second.h1 is not None
    assert nav["aria-label"] == "Pages of opportunities"
    links = [(a.get_text(), a["href"], a.get("aria-current"), a.get("rel")) for a in nav.select("a")]
    assert links[0] == ("Previous page", "../../", None, ["prev"])
    assert links[-1] == ("Next page", "../3/", None, ["next"])
    assert ("Page 2", "./", "page", None) in links and ("Page 12", "../12/", None, None) in links
    assert text(second, ".cjm-listing__count") == "Opportunities 6–10 of 56"
    assert second.h1.get_text() == "Opportunities, page 2 of 12"
    assert not first.select('.cjm-pager a[rel="prev"]') and not last.select('.cjm-pager a[rel="next"]')
    # The numbers far from the current page are left out; the first and the last never are.
    numbers = [a.get_text() for a in last.select(".cjm-pager a:not([rel])")]
    assert numbers == ["Page 1", "Page 10", "Page 11", "Page 12"] and last.select(".cjm-pager__gap")
    # Continuation pages are not in the navigation.
    assert not [a for a in first.select("nav.md-nav a") if "page/" in a["href"]]


def test_entries_json_has_what_a_row_shows(paged: Site) -> None:
    journeys = entries(paged, "journeys")
    maps = {e[0]: dict(zip(journeys["fields"], e, strict=True)) for e in journeys["entries"]}
    ava = maps["ava-late-shift"]
    assert ava["url"] == "ava-late-shift/" and paged.exists("journeys/ava-late-shift/")
    assert ava["type"] == "day-in-the-life" and ava["personas"] == ["ava-okafor"]
    assert journeys["personas"]["ava-okafor"] == ["Ava Okafor", "../personas/ava-okafor/"]
    assert ava["overdue"] == 177 and ava["reviewed"] == "2026-03-01"
    assert ava["spark"][0] == 12 and ava["spark"][1][0][0] == 3
    assert ava["emotion"].startswith("Lowest at ")
    opps = entries(paged, "opportunities")
    first = dict(zip(opps["fields"], opps["entries"][0], strict=True))
    assert opps["maps"][first["map"]][0] == "end-of-day-cash-up"
    assert first["backlog_label"] == "TW-353" and first["status"] == "in-progress"
    assert opps["statuses"] == ["in-progress", "planned", "idea", "done", "dropped"]


def test_a_portfolio_on_one_page_has_no_pages(tmp_path: Path) -> None:
    site = build_site(tmp_path, small_portfolio())
    for section in ("journeys", "opportunities"):
        soup = site.html(f"{section}/")
        assert soup.select(".cjm-pager") == [] and not site.exists(f"{section}/page/2/")
        listing = soup.select_one("[data-cjm-listing]")
        assert listing is not None
        assert listing["data-cjm-entries"] == "entries.json" and listing["data-cjm-size"] == "60"
        assert site.exists(f"{section}/entries.json")
    assert text(site.html("journeys/"), ".cjm-listing__count") == "2 maps"


def test_entries_json_is_the_same_bytes_each_build(tmp_path: Path) -> None:
    files = small_portfolio()
    a = build_site(tmp_path / "a", files, plugin={"listing_page_size": 1})
    b = build_site(tmp_path / "b", dict(reversed(list(files.items()))), plugin={"listing_page_size": 1})
    for url in ("journeys/entries.json", "opportunities/entries.json", "journeys/page/2/", "opportunities/page/2/"):
        assert a.path(url).read_bytes() == b.path(url).read_bytes(), url
    text = a.text("journeys/entries.json")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def test_content_in_entries_json_is_data(tmp_path: Path) -> None:
    """A title with markup stays text in the JSON (the script inserts it as text)."""
    files = small_portfolio()
    files["journeys/setup.yml"] = files["journeys/setup.yml"].replace(
        "title: Setting up the till", 'title: "Setting up </script><img src=x onerror=alert(1)> the till"'
    )
    site = build_site(tmp_path, files)
    data = entries(site, "journeys")
    assert "Setting up </script><img src=x onerror=alert(1)> the till" in [e[1] for e in data["entries"]]
