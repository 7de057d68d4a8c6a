"""The journey page of a map: header, grid, emotion lane, chart data, KPIs, opportunities."""
# Lookups in built pages (BeautifulSoup) may give None: a missing element fails the test where
# it is looked up, which is what these tests are for.
# mypy: disable-error-code="union-attr,index"

from __future__ import annotations

import json
from pathlib import Path

from conftest import Site, build_site, small_portfolio
from mkdocs_cjm.core.models import Scale
from mkdocs_cjm.core.render.chart import score_ticks


def grid_cells(site: Site, url: str) -> dict[str, list[str]]:
    """Lane title -> the text of each stage cell (without the marks of how each entry is backed
    by research, which tests/test_evidence.py checks)."""
    table = site.html(url).select_one("table.cjm-grid")
    assert table is not None
    for mark in table.select(".cjm-assume, .cjm-cite, .cjm-conf"):
        mark.decompose()
    rows = {}
    for tr in table.select("tbody tr.cjm-row"):
        title = tr.select_one("th .cjm-grid__lane-title").get_text(strip=True)
        rows[title] = [td.get_text(" ", strip=True) for td in tr.find_all("td", recursive=False)]
    return rows


def test_grid_is_a_table_with_stage_columns_and_lane_rows(small_site: Site) -> None:
    soup = small_site.html("journeys/setup/")
    table = soup.select_one("table.cjm-grid")
    headers = [th.get_text(" ", strip=True) for th in table.select("thead th[scope=col]")]
    assert headers == ["Discover Finds out what to do first", "Pair the reader", "First sale"]
    assert [th["id"] for th in table.select("thead th[scope=col]")] == [
        "stage-discover",
        "stage-pair-the-reader",
        "stage-first-sale",
    ]
    assert all(th.get("scope") == "row" for th in table.select("tbody th"))
    cells = grid_cells(small_site, "journeys/setup/")
    assert list(cells) == [
        "Emotion",
        "Steps",
        "Interactions & touchpoints",
        "Thoughts & feelings",
        "Positive moments",
        "Negative moments",
        "Areas of opportunity",
        "KPIs",
        "Stage owner",
    ]
    assert cells["Steps"][0].startswith("Unboxes the card reader +1 Looks for the quick-start guide −1")
    assert cells["Steps"][1] == "Turns on Bluetooth Waits for pairing"
    assert cells["Negative moments"] == ["The guide is hard to find", "Pairing fails twice", ""]
    assert cells["Stage owner"] == ["CX research", "", ""]


def test_emotion_lane_is_readable_without_javascript(small_site: Site) -> None:
    cells = grid_cells(small_site, "journeys/setup/")
    # Stage 1 has no own score: the mean of its steps (+1, -1) is 0. The trough and the peak are named.
    assert cells["Emotion"] == ["0 Neutral", "Lowest −2 Very negative", "Highest +2 Very positive"]
    soup = small_site.html("journeys/setup/")
    svgs = soup.select("td.cjm-emo svg")
    assert len(svgs) == 3 and all(svg["aria-hidden"] == "true" for svg in svgs)
    # Two step points in the first cell, one stage point in the others; the extremes ringed.
    assert [len(svg.select("line.cjm-emo__dot")) for svg in svgs] == [2, 1, 1]
    assert [[r["class"][1] for r in svg.select("line.cjm-ring")] for svg in svgs] == [
        [],
        ["cjm-ring--low"],
        ["cjm-ring--high"],
    ]


def test_header_links_persona_owner_and_future_state(small_site: Site) -> None:
    soup = small_site.html("journeys/setup/")
    facts = {div.dt.get_text(strip=True): div.dd for div in soup.select("dl.cjm-facts > div")}
    assert facts["Persona"].a["href"] == "../../personas/priya/"
    assert facts["Map owner"].a["href"] == "../../owners/shop-team/"
    assert facts["Future state"].a["href"] == "../setup-future/"
    assert "Published" in facts["Status"].get_text()
    assert "1 Oct 2026" in facts["Last reviewed"].get_text()
    assert "(reviewed quarterly)" in facts["Last reviewed"].get_text()
    assert "overdue" not in facts["Last reviewed"].get_text()


def test_opportunities_have_anchors_owner_links_and_backlog(small_site: Site) -> None:
    soup = small_site.html("journeys/setup/")
    opp = soup.select_one("article#guide-on-top")
    assert opp is not None
    meta = {div.dt.get_text(strip=True): div.dd for div in opp.select("dl > div")}
    assert meta["Owner"].a["href"] == "../../owners/jo/"
    assert meta["Stage"].a["href"] == "#stage-discover"
    assert meta["Addresses"].a["href"] == "#hidden-guide"
    assert soup.select_one("li#hidden-guide") is not None
    assert meta["Backlog"].a["href"] == "https://backlog.example/TW-1"
    assert "Planned" in opp.get_text() and "High" in opp.get_text()
    # Without its own owner, an opportunity belongs to the stage owner, then the map owner.
    second = soup.select_one("article#pairing-wizard")
    assert second.select_one("dl a")["href"] == "../../owners/shop-team/"
    # The grid's opportunity lane links to the opportunity on the page.
    assert soup.select_one("tr.cjm-row--opportunities a[href='#guide-on-top']") is not None


def test_kpis_per_stage(small_site: Site) -> None:
    soup = small_site.html("journeys/setup/")
    rows = [
        [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        for tr in soup.select("#kpis ~ div table tbody tr")
    ]
    assert rows == [["Discover", "Set-up completion", "71%", "85%", "No", ""]]


def test_chart_data_per_step_with_trough_and_peak(small_site: Site) -> None:
    soup = small_site.html("journeys/setup/")
    data = json.loads(str(soup.select_one(".cjm-chart__plot")["data-cjm-chart"]))
    points = data["series"][0]["points"]
    assert [(p["x"], p["y"], p["label"]) for p in points] == [
        (0.25, 1.0, "Unboxes the card reader"),
        (0.75, -1.0, "Looks for the quick-start guide"),
        (1.5, -2.0, "Pair the reader"),
        (2.5, 2.0, "First sale"),
    ]
    assert data["trough"]["label"] == "Pair the reader" and data["peak"]["label"] == "First sale"
    assert data["overlay"] is None
    plot = soup.select_one(".cjm-chart__plot")
    assert plot["data-plotly-src"] == "../../assets/cjm/plotly-basic.min.js"
    # The score axis: the scale's numbers; this map's scale names none of them, so the built-in words.
    words = ["−2 Very negative", "−1 Negative", "0 Neutral", "+1 Positive", "+2 Very positive"]
    assert data["scale"]["ticks"] == [{"value": v, "label": t} for v, t in zip(range(-2, 3), words, strict=True)]
    assert "Lowest: “Pair the reader”" in soup.select_one("#cjm-chart-summary").get_text()
    # The same numbers as a table for screen readers.
    table_rows = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        for tr in soup.select("details.cjm-chart__data tbody tr")
    ]
    assert table_rows[0] == ["Discover", "Unboxes the card reader", "+1 (Positive)"]
    assert table_rows[2] == ["Pair the reader", "(whole stage)", "−2 (Very negative)"]


def test_future_state_overlays_the_current_state_curve(small_site: Site) -> None:
    soup = small_site.html("journeys/setup-future/")
    data = json.loads(str(soup.select_one(".cjm-chart__plot")["data-cjm-chart"]))
    assert data["overlay"]["name"] == "Current state: Setting up the till"
    assert [(p["x"], p["y"]) for p in data["overlay"]["points"]] == [(0.25, 1.0), (0.75, -1.0), (1.5, -2.0), (2.5, 2.0)]
    facts = {div.dt.get_text(strip=True): div.dd for div in soup.select("dl.cjm-facts > div")}
    assert facts["Improves"].a["href"] == "../setup/"
    delivers = soup.select_one("#realises ~ ul a")
    assert delivers["href"] == "../setup/#guide-on-top"


def test_journey_toc_lists_the_page_sections(small_site: Site) -> None:
    soup = small_site.html("journeys/setup/")
    toc = [a.get_text(strip=True) for a in soup.select("nav.md-nav--secondary a.md-nav__link")]
    assert toc == ["Journey", "Sentiment", "KPIs", "Opportunities", "Changes"]
    # The sidebars are hidden (the map takes the window); the sections are a bar in the page.
    assert soup.select_one(".md-sidebar--primary").has_attr("hidden")
    assert soup.select_one(".md-sidebar--secondary").has_attr("hidden")
    bar = [(a.get_text(strip=True), a["href"]) for a in soup.select(".cjm-head ~ .cjm-bar nav.cjm-sections a")]
    assert bar == [
        ("Journey", "#journey"),
        ("Sentiment", "#sentiment"),
        ("KPIs", "#kpis"),
        ("Opportunities", "#opportunities"),
        ("Changes", "#changes"),
    ]


def test_template_page_takes_the_window_and_lists_its_sections(small_site: Site) -> None:
    soup = small_site.html("templates/current-state/")
    assert soup.select_one(".md-sidebar--secondary").has_attr("hidden")
    assert [a["href"] for a in soup.select("nav.cjm-sections a")] == [
        "#when",
        "#lanes",
        "#preview",
        "#starter",
        "#maps",
    ]
    assert soup.select_one(".cjm-section-head #preview ~ button.cjm-fit[aria-controls=cjm-grid]") is not None
    assert soup.select_one(".cjm-preview #cjm-grid.cjm-grid-wrap table.cjm-grid") is not None


def test_plotly_is_bundled_once_and_only_referenced_by_chart_pages(small_site: Site) -> None:
    assert small_site.exists("assets/cjm/plotly-basic.min.js") and small_site.exists(
        "assets/cjm/plotly-basic.LICENSE.txt"
    )
    assert "plotly" not in small_site.text("personas/priya/").lower()
    # No page loads plotly with a script tag: chart.js fetches it when the reader reaches for the chart.
    assert 'plotly-basic.min.js"></script>' not in small_site.text("journeys/setup/")
    assert "chart.js" in small_site.text("journeys/setup/")


def test_the_plugins_scripts_wait_for_the_page_to_be_parsed(small_site: Site) -> None:
    """cjm.js, chart.js, listing.js (and search.js, with the search box in the header) are deferred: they
    hold up neither parsing nor the first paint, and run after Material's bundle, whose document$
    they use."""
    for path in ("journeys/setup/", "personas/priya/", ""):
        scripts = small_site.html(path).select("script[src]")
        ours = [s for s in scripts if "/assets/cjm/" in f"/{s['src']}"]
        assert [s["src"].rsplit("/", 1)[-1] for s in ours] == ["search.js", "cjm.js", "chart.js", "listing.js"]
        assert all(s.has_attr("defer") for s in ours)
        bundle = next(i for i, s in enumerate(scripts) if "javascripts/bundle" in s["src"])
        assert not scripts[bundle].has_attr("defer") and bundle < scripts.index(ours[1])


def test_plotly_url_replaces_the_bundled_copy(tmp_path: Path) -> None:
    url = "https://cdn.example/plotly-basic-4.1.1.min.js"
    site = build_site(tmp_path, small_portfolio(), plugin={"plotly_url": url})
    assert site.html("journeys/setup/").select_one(".cjm-chart__plot")["data-plotly-src"] == url
    assert not site.exists("assets/cjm/plotly-basic.min.js") and site.exists("assets/cjm/chart.js")


def test_score_axis_names_only_the_scores_the_scale_names() -> None:
    scale = Scale.model_validate({"min": 1, "max": 5, "labels": {1: "Furious", 3: "Indifferent", 5: "Delighted"}})
    labels = [t["label"] for t in score_ticks(scale)]
    assert labels == ["1 Furious", "2", "3 Indifferent", "4", "5 Delighted"]  # no built-in "Negative", "Positive"
    wide = Scale.model_validate({"min": 0, "max": 100, "labels": {50: "Meh"}})
    assert [t["label"] for t in score_ticks(wide)] == ["0", "50 Meh", "100"]
