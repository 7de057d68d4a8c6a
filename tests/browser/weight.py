"""Bytes a page fetches, measured in the browser (shared by the tests and bench/page_weight.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .conftest import TIMEOUT, after_two_frames, wait_for_chart


@dataclass
class Ledger:
    """Every finished response of a page and its body size (as sent: http.server does not compress)."""

    sizes: dict[str, int] = field(default_factory=dict)
    requested: list[str] = field(default_factory=list)
    """Every request the page made, finished or not (a fetch still under way is in here)."""

    def attach(self, page: Any) -> None:
        page.on("request", lambda request: self.requested.append(request.url))
        page.on("requestfinished", self._finished)

    def _finished(self, request: Any) -> None:
        size = request.sizes()["responseBodySize"]
        if not size:  # a worker's own script is reported without sizes; its header has it
            response = request.response()
            size = int(response.headers.get("content-length", 0)) if response else 0
        self.sizes[request.url] = self.sizes.get(request.url, 0) + size

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    def fetched(self, part: str) -> bool:
        return any(part in url for url in self.sizes)

    def asked_for(self, part: str) -> bool:
        """Whether the page requested a URL containing ``part`` at all (finished or not)."""
        return any(part in url for url in self.requested)


PLOTLY = "assets/cjm/plotly"


def weigh_journey(page: Any, url: str, timeout: float = TIMEOUT) -> tuple[int, int, Ledger]:
    """Bytes fetched by ``url`` once loaded (its chart below the fold), and once the reader has
    asked for the interactive chart and it is drawn (for a page without a chart: once scrolled
    to its end)."""
    ledger = Ledger()
    ledger.attach(page)
    page.goto(url, wait_until="networkidle")
    before = ledger.total
    if ledger.asked_for(PLOTLY):
        raise AssertionError("plotly.js was fetched before the chart came into view")
    if not page.locator("[data-cjm-chart]").count():  # a page without a chart: nothing more to fetch
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        after_two_frames(page)  # chart.js's intersection observer has had its say by then
        return before, ledger.total, ledger
    # Until plotly.js is in (its size counted) and the chart is drawn with it.
    with page.expect_request_finished(lambda request: PLOTLY in request.url, timeout=timeout):
        wait_for_chart(page, timeout=timeout)
    return before, ledger.total, ledger
