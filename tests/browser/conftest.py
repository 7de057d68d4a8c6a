"""Browser fixtures: built sites served on 127.0.0.1 and Debian's Chromium driven by Playwright.

Every site is built once per session and served by a small threaded http.server; one browser
serves the whole session and each test gets a fresh context (storage and palette choice do not
leak between tests). Requests to any host other than 127.0.0.1 are blocked and recorded.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import REPO, Site, example_options

CHROMIUM = os.environ.get("CJM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
# Timeouts for a loaded machine (two busy cores): a wait that times out fails the test, so a
# generous limit costs nothing when all is well. Nothing waits for a fixed time.
TIMEOUT = 30_000

# One page of each type of the example portfolio (content/), by site path.
PAGE_TYPES: dict[str, str] = {
    "home": "",
    "persona index": "personas/",
    "persona": "personas/priya-shah/",
    "journey index": "journeys/",
    "current-state map": "journeys/first-week-setup/",
    "future-state map": "journeys/first-week-setup-future/",
    "day-in-the-life map": "journeys/priya-saturday/",
    "service-blueprint map": "journeys/card-reader-replacement/",
    "template gallery": "templates/",
    "template": "templates/current-state/",
    "owner index": "owners/",
    "owner": "owners/onboarding-squad/",
    "opportunities": "opportunities/",
    "evidence": "evidence/",
    "tags index": "tags/",
}
JOURNEY = "journeys/first-week-setup/"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Served:
    """A built site and the address it is served at."""

    site_dir: Path
    base: str

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


def serve(site_dir: Path) -> Generator[Served, None, None]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(site_dir, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()


MATERIAL_SEARCH = [
    "search",
    "tags",
    {"cjm": {"starters_dir": "site_templates", **example_options(), "search": "material"}},
]
"""The example's plugins with Material's search instead of Pagefind (``search: material``)."""


def build_example(site_dir: Path, site_url: str, **overrides: Any) -> None:
    """The repository's own mkdocs.yml (content/, theme/, strict) built into ``site_dir``, with
    ``overrides`` of its settings (e.g. ``plugins``).

    ``site_url`` is where it is served: Material's instant navigation only follows links that
    its sitemap lists, and it matches them by host *and port*."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site_dir), site_url=site_url, strict=True, **overrides)
    build(config)


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    site_dir = tmp_path_factory.mktemp("example") / "site"
    for served in serve(site_dir):
        build_example(site_dir, served.base)
        yield served


@pytest.fixture(scope="session")
def material_example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The example site with Material's own search (``search: material``)."""
    site_dir = tmp_path_factory.mktemp("example-material") / "site"
    for served in serve(site_dir):
        build_example(site_dir, served.base, plugins=MATERIAL_SEARCH)
        yield served


SPLIT_SEARCH = ["tags", {"cjm": {"starters_dir": "site_templates", **example_options(), "search_index_pages": 7}}]
"""The example's plugins with its search index split into indexes of 7 pages (``search_index_pages``),
as a site of many thousand pages is split into indexes of 2,000."""


@pytest.fixture(scope="session")
def split_example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The example site with several Pagefind indexes, searched as one."""
    site_dir = tmp_path_factory.mktemp("example-split") / "site"
    for served in serve(site_dir):
        build_example(site_dir, served.base, plugins=SPLIT_SEARCH)
        yield served


@pytest.fixture(scope="session")
def serve_site() -> Iterator[Any]:
    """Serve test sites (``conftest.build_site``) for the rest of the session: ``serve_site(site)``."""
    servers: list[Generator[Served, None, None]] = []

    def start(site: Site) -> Served:
        gen = serve(site.site_dir)
        servers.append(gen)
        return next(gen)

    yield start
    for gen in servers:
        gen.close()


def launch() -> Iterator[Any]:
    """Debian's Chromium under Playwright (never Playwright's own browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: the browser tests need it. "
            "Install it with `apt-get install chromium` (`make test` does this) or point "
            "CJM_CHROMIUM at a Chromium binary.",
            pytrace=False,
        )
    yield from launch()


@dataclass
class Tab:
    """A page with everything that went wrong on it recorded."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed]
            + [f"request to another host: {m}" for m in self.foreign]
            + [f"dialog: {m}" for m in self.dialogs]
        )


def open_tab(browser: Any, *, viewport: dict[str, int] = DESKTOP, color_scheme: str = "light", **options: Any) -> Tab:
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme, **options)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    tab = Tab(page)

    def route(r: Any) -> None:
        host = urlsplit(r.request.url).hostname
        if host == "127.0.0.1":
            r.continue_()
        else:
            tab.foreign.append(r.request.url)
            r.abort("blockedbyclient")

    def failed(request: Any) -> None:
        if urlsplit(request.url).hostname == "127.0.0.1":
            tab.failed.append(f"{request.url} ({request.failure})")

    def response(resp: Any) -> None:
        if resp.status >= 400:
            tab.failed.append(f"{resp.url} (HTTP {resp.status})")

    def dialog(d: Any) -> None:
        tab.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    context.route("**/*", route)
    page.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: tab.page_errors.append(str(e)))
    page.on("requestfailed", failed)
    page.on("response", response)
    page.on("request", lambda r: tab.requests.append(r.url))
    page.on("dialog", dialog)
    return tab


Opener = Callable[..., Tab]


@pytest.fixture
def tabs(browser: Any) -> Iterator[Opener]:
    """Opens tabs like :func:`open_tab` (same options) and closes them when the test ends."""
    opened: list[Tab] = []

    def open_(**options: Any) -> Tab:
        tab = open_tab(browser, **options)
        opened.append(tab)
        return tab

    yield open_
    for tab in opened:
        tab.page.context.close()


# What a reader does to have the interactive chart: the "Explore the chart" button (gone once
# the chart is drawn, when it was drawn first on hover, focus or idle).
EXPLORE = "() => { const b = document.querySelector('.cjm-chart__explore'); if (b) b.click(); }"


def goto_for_instant_navigation(page: Any, url: str) -> None:
    """Open ``url`` and wait until Material's instant navigation is ready: it follows only
    links its sitemap lists, so a click before the sitemap has arrived loads a new page."""
    with page.expect_request_finished(lambda request: request.url.endswith("/sitemap.xml")):
        page.goto(url, wait_until="networkidle")


def wait_for_chart(page: Any, scheme: str | None = None, timeout: float = TIMEOUT) -> None:
    """Scroll the chart into view, ask for the interactive chart (the "Explore the chart"
    button) and wait until chart.js says it is drawn (in ``scheme``)."""
    plot = page.locator("[data-cjm-chart]")
    plot.evaluate("e => e.closest('figure').scrollIntoView({block: 'center'})")
    page.evaluate(EXPLORE)
    selector = f'[data-cjm-drawn="{scheme}"]' if scheme else "[data-cjm-drawn]"
    page.wait_for_selector(selector, state="attached", timeout=timeout)


# Resolves after two animation frames: whatever the last frame's layout set off (intersection
# observers, lazy loads) has run by then.
AFTER_TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"


def after_two_frames(page: Any) -> None:
    page.evaluate(AFTER_TWO_FRAMES)


SEARCH_READY = """() => { const m = document.querySelector('.md-search-result__meta');
  return !!m && m.textContent.trim() !== '' && !/initiali[sz]ing/i.test(m.textContent); }"""

# True once the box holds ``query``, results are listed, and the box, the count and the links are
# the same as on the previous check one animation frame earlier.
RESULTS_SETTLED = """(query) => {
  const box = document.querySelector('input.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  const links = [...document.querySelectorAll('.md-search-result__link')].map(a => a.getAttribute('href'));
  const now = JSON.stringify([box.value, meta ? meta.textContent : null, links]);
  const before = window.__cjmSearchSeen;
  window.__cjmSearchSeen = now;
  return box.value === query && links.length > 0 && now === before;
}"""


def search(page: Any, query: str, timeout: float = TIMEOUT) -> Any:
    """Search ``query`` with Material's search box once its index is ready; return the result
    links once they answer ``query`` and have stopped changing.

    Material searches on every keyup and keeps the results of the last answer on screen until
    the next arrives, so typing letter by letter shows results for parts of the query, and a
    second search on a page first shows the first one's results. Here the list is emptied first
    (an empty query), then the whole query is sent at once (one keyup): every result listed from
    then on answers it, and the links are read once they are the same on two checks a frame apart.
    A query that finds nothing times out.
    """
    from playwright.sync_api import expect

    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_function(SEARCH_READY, timeout=timeout)
    box.fill("")
    box.press("End")  # the keyup that makes Material search (for nothing: the list empties)
    expect(page.locator(".md-search-result__item")).to_have_count(0, timeout=timeout)
    page.evaluate("window.__cjmSearchSeen = null")
    box.fill(query)
    box.press("End")
    page.wait_for_function(RESULTS_SETTLED, arg=query, polling="raf", timeout=timeout)
    return page.locator(".md-search-result__link")


# True once the plugin's search box (search: pagefind) lists the results of ``query``
# (search.js marks the list with the query it answers once its first results are shown).
ANSWERED = """(query) => {
  const list = document.querySelector('.cjm-search .md-search-result__list');
  return !!list && list.dataset.cjmAnswered === query;
}"""


def find(page: Any, query: str, timeout: float = TIMEOUT) -> Any:
    """Search ``query`` with the plugin's search box (``search: pagefind``): focus the field (or,
    where it is hidden, press the magnifier), type the query, and return the result links once
    they answer it."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("[data-cjm-search-open]").click()
    box.focus()
    box.fill(query)
    page.wait_for_function(ANSWERED, arg=query, polling="raf", timeout=timeout)
    return page.locator(".cjm-search .md-search-result__link")
