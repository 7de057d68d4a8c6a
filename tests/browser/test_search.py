"""With ``search: material``, Material's search box finds stages, personas, owners and opportunities, and
links to the right place (the plugin feeds it each page's search view)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .conftest import Opener, Served, search


def hrefs(links: Any) -> list[str]:
    return [
        urlsplit(h).path + ("#" + urlsplit(h).fragment if urlsplit(h).fragment else "")
        for h in (links.nth(i).get_attribute("href") for i in range(links.count()))
    ]


def test_a_step_finds_its_stage(tabs: Opener, material_example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(material_example.url(""))
    links = search(page, "rejected rows one by one")
    found = hrefs(links)
    assert found[0] == "/journeys/first-week-setup/", found
    assert "/journeys/first-week-setup/#stage-importing-products" in found, found
    # Following the result lands on that stage's column of the grid.
    page.locator('.md-search-result__link[href*="#stage-importing-products"]').first.click()
    page.wait_for_url("**/journeys/first-week-setup/**#stage-importing-products")
    stage = page.locator("#stage-importing-products")
    assert stage.evaluate("e => e.tagName") == "TH"
    assert "Importing products" in stage.inner_text()
    assert tab.problems() == []


def test_people_owners_and_opportunities_are_found(tabs: Opener, material_example: Served) -> None:
    tab = tabs()
    page = tab.page
    page.goto(material_example.url("journeys/"))
    assert "/personas/priya-shah/" in hrefs(search(page, "Priya Shah"))
    page.keyboard.press("Escape")
    assert "/owners/onboarding-squad/" in hrefs(search(page, "Onboarding squad"))
    page.keyboard.press("Escape")
    found = hrefs(search(page, "import-error-explainer"))
    assert "/journeys/first-week-setup/#import-error-explainer" in found, found
    assert tab.problems() == []
