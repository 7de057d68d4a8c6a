"""Every page type of the example portfolio loads cleanly and talks to no other host."""

from __future__ import annotations

import pytest

from .conftest import PAGE_TYPES, Opener, Served, find, wait_for_chart


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_loads_without_errors_or_foreign_requests(tabs: Opener, example: Served, kind: str) -> None:
    tab = tabs()
    page = tab.page
    page.goto(example.url(PAGE_TYPES[kind]), wait_until="networkidle")
    assert page.locator("h1").first.is_visible()
    if page.locator("[data-cjm-chart]").count():
        wait_for_chart(page)
        page.wait_for_load_state("networkidle")
    # The search box loads Pagefind's index on first use: exercise it too.
    find(page, "till")
    page.wait_for_load_state("networkidle")
    assert tab.problems() == []
    assert any("/pagefind/pagefind-entry.json" in r for r in tab.requests)


def test_foreign_requests_are_noticed(tabs: Opener, example: Served) -> None:
    """The recorder itself works: a request to another host is caught and blocked."""
    tab = tabs()
    tab.page.goto(example.url(""))
    tab.page.evaluate("fetch('https://api.github.com/repos/example/x').catch(() => null)")
    assert tab.foreign == ["https://api.github.com/repos/example/x"]
