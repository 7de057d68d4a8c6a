"""The example portfolio built by Zensical from ``mkdocs-cjm build-pages`` (issue 16): the map is
whole (grid, curve, interactive chart) in light and dark, instant navigation between maps keeps
the scripts working, and Zensical's own search lands on a stage of the grid."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from generators import build_pages, copy_example, run, zensical

from .conftest import Opener, Served, serve, wait_for_chart

JOURNEY = "journeys/first-week-setup/"
STAGE = "stage-pairing-the-card-reader"


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("zensical")
    www = root / "www"
    www.mkdir()
    for served in serve(www):
        # Served at its site_url, as it is published: instant navigation needs it.
        source = copy_example(root / "source")
        config = source / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {served.base}", text), encoding="utf-8")
        build_pages(source, root / "pages")
        run([zensical(), "build"], root / "pages")
        shutil.copytree(root / "pages" / "site", www, dirs_exist_ok=True)
        yield served


def _background_luminance(page: object, selector: str) -> float:
    rgb = page.locator(selector).first.evaluate(  # type: ignore[attr-defined]
        """e => { let n = e; while (n) { const c = getComputedStyle(n).backgroundColor;
            if (c && !c.endsWith(', 0)') && c !== 'transparent') return c; n = n.parentElement; }
            return getComputedStyle(document.body).backgroundColor; }"""
    )
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize(("scheme", "palette"), [("light", "default"), ("dark", "slate")])
def test_the_map_is_whole_on_zensical(tabs: Opener, zensical_site: Served, scheme: str, palette: str) -> None:
    tab = tabs(color_scheme=scheme)
    page = tab.page
    page.goto(zensical_site.url(JOURNEY))
    assert page.locator("body").get_attribute("data-md-color-scheme") == palette
    assert page.locator("table.cjm-grid th.cjm-grid__stage").count() == 5
    assert page.locator(".cjm-curve__svg").is_visible()
    # The map takes the window (no sidebars), as under the plugin.
    box = page.locator(".cjm-grid-wrap").bounding_box()
    assert box is not None and box["width"] > 1200
    luminance = _background_luminance(page, "table.cjm-grid td")
    assert (luminance < 0.3) if scheme == "dark" else (luminance > 0.7)
    wait_for_chart(page, palette)
    assert tab.problems() == []


def test_instant_navigation_between_maps_keeps_the_scripts_working(tabs: Opener, zensical_site: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(zensical_site.url(JOURNEY), wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    for target in ("journeys/first-week-setup-future/", "journeys/priya-saturday/"):
        link = page.locator(f"article a[href$='{target.split('/')[1]}/']").first
        if link.count() == 0:
            page.goto(zensical_site.url("journeys/"), wait_until="networkidle")
            page.evaluate("window.__sameDocument = true")
            link = page.locator(f"article a[href$='{target.split('/')[1]}/']").first
        page.evaluate("window.__oldChart = document.querySelector('[data-cjm-chart]')")
        link.click()
        page.wait_for_url(re.compile(re.escape(target) + "$"))
        # The address changes before the new page is swapped in: wait for its chart, set up by
        # cjm.js (the stage strip) and chart.js in the same emission of document$.
        page.wait_for_function(
            "() => { const c = document.querySelector('[data-cjm-chart]');"
            " return !!c && c !== window.__oldChart && !!document.querySelector('.cjm-grid-wrap + .cjm-grid-head'); }"
        )
        assert page.evaluate("window.__sameDocument === true"), "the link loaded a new document"
        wait_for_chart(page)
    assert tab.problems() == []


def test_zensical_search_lands_on_the_stage_of_the_grid(tabs: Opener, zensical_site: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(zensical_site.url(), wait_until="networkidle")
    page.locator("button.md-search__button").first.click()
    page.locator("input[type=search], input[placeholder*=earch]").first.fill("Pairing")
    result = page.locator(f"a[href$='{JOURNEY}#text-{STAGE}']").first
    result.click()
    page.wait_for_url(re.compile(re.escape(f"{JOURNEY}#{STAGE}") + "$"))
    # The stage's column of the grid is on screen, clear of the header.
    page.wait_for_function(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
                   return r.top >= header - 1 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }""",
        arg=STAGE,
    )
    assert tab.problems() == []


def test_the_text_version_is_there_without_javascript(zensical_site: Served) -> None:
    html = (Path(zensical_site.site_dir) / JOURNEY / "index.html").read_text(encoding="utf-8")
    assert f'id="text-{STAGE}"' in html and '<details class="cjm-as-text">' in html


@pytest.mark.parametrize(("scheme", "width"), [("light", 1440), ("dark", 360)])
@pytest.mark.parametrize("path", [JOURNEY, "opportunities/", "personas/priya-shah/", "insights/"])
def test_the_portfolio_pages_meet_wcag_22_on_zensical(
    tabs: Opener, zensical_site: Served, path: str, scheme: str, width: int
) -> None:
    """axe with every WCAG 2.0–2.2 A and AA rule, over what the plugin puts on the page (the
    article); Zensical's own header and navigation are Zensical's to answer for."""
    from axe_playwright_python.sync_playwright import Axe

    tab = tabs(color_scheme=scheme, viewport={"width": width, "height": 800})
    page = tab.page
    page.goto(zensical_site.url(path), wait_until="networkidle")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    options = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    }
    found = Axe().run(page, context={"include": [["article"]]}, options=options).response["violations"]
    assert [f"{v['id']}: {n['target']} {n['failureSummary']}" for v in found for n in v["nodes"]] == []


@pytest.fixture(scope="module")
def evil_zensical(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The injection portfolio (test_injection.py) through build-pages, built by Zensical."""
    from conftest import TODAY, write_tree

    from .test_injection import EDITING, portfolio

    root = tmp_path_factory.mktemp("evil-zensical")
    write_tree(root / "source" / "docs", portfolio())
    config = {"site_name": "Evil", "docs_dir": "docs", **EDITING, "plugins": ["search", {"cjm": {"today": TODAY}}]}
    (root / "source" / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_cjm", "build-pages", "--out", str(root / "pages")],
        cwd=root / "source",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1 and "bad-links.yml" in result.stdout, result.stdout + result.stderr
    run([zensical(), "build"], root / "pages")
    yield from serve(root / "pages" / "site")


@pytest.mark.parametrize("path", ["journeys/evil/", "journeys/evil-future/", "personas/persona/", "owners/team/", ""])
def test_no_payload_runs_on_zensical(tabs: Opener, evil_zensical: Served, path: str) -> None:
    tab = tabs()
    page = tab.page
    page.goto(evil_zensical.url(path), wait_until="networkidle")
    if page.locator("[data-cjm-chart]").count():
        wait_for_chart(page)
    reachable = ":not(.cjm-visually-hidden, .cjm-grid-head *)"  # as in test_injection.py
    for cell in page.locator(f"article :is(td, th, li, p, h1, h2, h3){reachable}").all()[:80]:
        if cell.is_visible():
            cell.hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert tab.dialogs == [] and tab.page_errors == []
    assert not [u for u in tab.requests if u.endswith("/x")], "an injected <img src=x> was loaded"
    assert page.locator("article script, article img[src='x']").count() == 0
    assert page.locator("[href^='javascript' i], [src^='javascript' i]").count() == 0
    if path:
        assert "<script>alert(1)</script>" in page.locator("article.md-content__inner").inner_text()
