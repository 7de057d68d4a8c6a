"""Issue 16: the same portfolio on every generator. The example is built four ways (MkDocs and
ProperDocs with the plugin; Zensical and plain MkDocs from ``mkdocs-cjm build-pages``); each site
is link-checked, and they are compared: the same portfolio pages, the same grid cells, the same
links, the same curve."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from generators import HOSTS, build_four_ways, page_view, portfolio_pages
from linkcheck import broken_links


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_four_ways(tmp_path_factory.mktemp("generators"))


@pytest.mark.parametrize("host", HOSTS)
def test_every_link_of_each_build_works(sites: dict[str, Path], host: str) -> None:
    assert broken_links(sites[host]) == []


def test_the_four_builds_have_the_same_portfolio_pages(sites: dict[str, Path]) -> None:
    reference = portfolio_pages(sites["mkdocs"])
    assert len([p for p in reference if p.startswith("journeys/")]) > 13
    for host in HOSTS[1:]:
        assert portfolio_pages(sites[host]) == reference, host


def test_the_four_builds_show_the_same_grids_and_links(sites: dict[str, Path]) -> None:
    pages = portfolio_pages(sites["mkdocs"])
    grids = 0
    for page in pages:
        reference = page_view(sites["mkdocs"], page)
        grids += bool(reference[0])
        for host in HOSTS[1:]:
            assert page_view(sites[host], page) == reference, f"{host}: {page}"
    assert grids > 13  # every journey page, the template previews and the insights heatmaps


def test_every_journey_page_has_its_curve_and_chart_everywhere(sites: dict[str, Path]) -> None:
    for host in HOSTS:
        soup = BeautifulSoup((sites[host] / "journeys/first-week-setup/index.html").read_text(), "html.parser")
        assert soup.select_one("svg.cjm-curve, .cjm-curve svg"), host
        assert soup.select_one("[data-cjm-chart], .cjm-chart"), host
        scripts = [s.get("src", "") for s in soup.select("script[src]")]
        assert any(str(s).endswith("assets/cjm/chart.js") for s in scripts), host


def test_the_generator_builds_carry_the_published_data_and_schemas(sites: dict[str, Path]) -> None:
    reference = (sites["mkdocs"] / "portfolio.json").read_bytes()
    for host in HOSTS[1:]:
        assert (sites[host] / "portfolio.json").read_bytes() == reference, host
        assert (sites[host] / "assets/cjm/schema/portfolio.schema.json").is_file(), host
        assert (sites[host] / "journeys/entries.json").is_file(), host
