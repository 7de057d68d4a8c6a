"""Plotly is fetched only by pages with a chart, and only once the reader reaches for the chart; never on load,
nor when the browser is idle.

`bench/page_weight.py` prints the same measurement with every response listed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from conftest import CURRENT, Site, build_site, small_portfolio

from .conftest import JOURNEY, PAGE_TYPES, Opener, Served, after_two_frames
from .weight import PLOTLY, Ledger, weigh_journey


def test_plotly_waits_for_the_chart_to_scroll_into_view(tabs: Opener, example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url(JOURNEY), wait_until="networkidle")
    # The premise: on load the chart is well below the fold.
    assert (
        page.evaluate("document.querySelector('.cjm-chart').getBoundingClientRect().top")
        > page.evaluate("innerHeight") + 300
    )
    page.close()
    page = tab.page = tab.page.context.new_page()
    before, after, ledger = weigh_journey(page, example.url(JOURNEY))
    assert ledger.fetched(PLOTLY)
    plotly = sum(size for url, size in ledger.sizes.items() if PLOTLY in url)
    assert after - before >= plotly > 1_000_000
    assert plotly <= 1_500_000, f"{plotly:,} bytes of plotly.js: the basic bundle is 1.2 MB"
    assert before < 1_000_000, f"{before:,} bytes before the chart"


@pytest.mark.parametrize(
    "kind", [k for k, path in PAGE_TYPES.items() if not path.startswith("journeys/") or path == "journeys/"]
)
def test_pages_without_a_chart_fetch_no_plotly(tabs: Opener, example: Served, kind: str) -> None:
    tab = tabs()
    page = tab.page
    ledger = Ledger()
    ledger.attach(page)
    page.goto(example.url(PAGE_TYPES[kind]), wait_until="networkidle")
    assert ledger.fetched("chart.js"), "the page runs chart.js, which would fetch plotly.js for a chart"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    after_two_frames(page)  # anything the scroll set off has asked for its files by now
    assert page.locator("[data-cjm-chart]").count() == 0
    assert page.locator("script[src*=plotly]").count() == 0
    assert not ledger.asked_for(PLOTLY) and not ledger.asked_for("plotly")


@pytest.fixture(scope="module")
def unscored(tmp_path_factory: pytest.TempPathFactory, serve_site: Callable[[Site], Served]) -> Served:
    files = small_portfolio()
    files["journeys/setup.yml"] = re.sub(r"\n\s*emotion: -?\d+", "", CURRENT)
    del files["journeys/setup-future.yml"]
    site: Site = build_site(tmp_path_factory.mktemp("unscored"), files)
    return serve_site(site)


def test_a_map_without_scores_fetches_no_plotly(tabs: Opener, unscored: Served) -> None:
    tab = tabs()
    page = tab.page
    ledger = Ledger()
    ledger.attach(page)
    page.goto(unscored.url("journeys/setup/"), wait_until="networkidle")
    assert page.locator("table.cjm-grid").count() == 1
    assert ledger.fetched("chart.js")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    after_two_frames(page)
    assert page.locator("[data-cjm-chart]").count() == 0
    assert page.locator("script[src*=plotly]").count() == 0
    assert not ledger.asked_for("plotly")
    assert tab.problems() == []


# The layout shifts of the page so far (not those right after the reader's input).
SHIFTS = """() => new Promise(resolve => {
  new PerformanceObserver((list, observer) => {
    observer.disconnect();
    resolve(list.getEntries().filter(e => !e.hadRecentInput).map(e => [e.value, e.sources.map(s => [
      s.node ? (s.node.outerHTML || s.node.nodeName).slice(0, 120) : '?',
      [s.previousRect.x, s.previousRect.y, s.previousRect.width, s.previousRect.height],
      [s.currentRect.x, s.currentRect.y, s.currentRect.width, s.currentRect.height]])]));
  }).observe({type: 'layout-shift', buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => resolve([])));
})"""


@pytest.mark.parametrize("anchor", ["", "#sentiment"])
def test_nothing_moves_as_a_journey_page_loads(tabs: Opener, example: Served, anchor: str) -> None:
    """Opened at its top or at its chart, a journey page lays out once: the chart's button and
    the sentence for readers without JavaScript are settled before the first paint, although the
    plugin's scripts run after the page is parsed (Lighthouse's CLS)."""
    tab = tabs(viewport={"width": 412, "height": 823})
    page = tab.page
    page.goto(example.url(JOURNEY) + anchor, wait_until="networkidle")
    after_two_frames(page)
    assert page.locator(".cjm-chart__explore").is_visible() or anchor == ""
    # A busy machine may paint a page it has parsed in part (what of it may not move is checked
    # deterministically by test_a_journey_page_painted_half_parsed_is_laid_out_as_it_ends): one
    # rare shift of a few pixels (0.006 in a full test run, not reproduced since) is let pass,
    # well under Lighthouse's "good" 0.1; the map's main column moving (0.018) is not.
    shifts = page.evaluate(SHIFTS)
    assert sum(value for value, _ in shifts) < 0.01, shifts
    assert not [s for _, sources in shifts for s in sources if "md-main__inner" in s[0]], shifts
    assert tab.problems() == []


# Where Material's main column starts, where the content's text starts, how wide the header's grid is.
LAYOUT = """() => { const r = s => document.querySelector(s).getBoundingClientRect();
  return {main: r('.md-main__inner').top, content: r('.md-content__inner').left, header: r('.md-header__inner').width}; }"""


@pytest.mark.parametrize("width", [412, 1440])
def test_a_journey_page_painted_half_parsed_is_laid_out_as_it_ends(tabs: Opener, example: Served, width: int) -> None:
    """A busy browser may paint a page it has parsed only in part, before any script has run: the
    whole-window layout of a map holds from then on (Material's header, main column and the
    start of the content sit where they end up), so nothing moves when the rest arrives."""
    tab = tabs(viewport={"width": width, "height": 900})
    page = tab.page
    page.goto(example.url(JOURNEY), wait_until="networkidle")
    whole = page.evaluate(LAYOUT)
    html = (example.site_dir / JOURNEY / "index.html").read_text(encoding="utf-8")
    cut = html.index("<h1")  # the page's title: Material's header, sidebars and content column are parsed
    assert html.index('class="md-content"') < cut < html.index('cjm-wide">')
    half = example.url(JOURNEY) + "?half"
    page.route(half, lambda route: route.fulfill(body=html[:cut], content_type="text/html"))
    page.goto(half, wait_until="load")
    assert page.locator("script[src*=bundle]").count() == 0  # no script has run
    assert page.evaluate(LAYOUT) == whole
    assert tab.problems() == []
