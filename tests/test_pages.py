"""Every generated page type exists, holds real content and links where it should."""
# Lookups in built pages (BeautifulSoup) may give None: a missing element fails the test where
# it is looked up, which is what these tests are for.
# mypy: disable-error-code="union-attr,index"

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Site


def test_generated_pages_exist(small_site: Site) -> None:
    for url in [
        "",
        "personas/",
        "personas/priya/",
        "journeys/",
        "journeys/setup/",
        "journeys/setup-future/",
        "owners/",
        "owners/cx/",
        "owners/shop-team/",
        "owners/jo/",
        "opportunities/",
        "templates/",
        "templates/current-state/",
        "templates/future-state/",
        "templates/day-in-the-life/",
        "templates/service-blueprint/",
    ]:
        assert small_site.exists(url), url
    assert small_site.warnings == []


def test_source_files_are_not_published(small_site: Site) -> None:
    published = {p.relative_to(small_site.site_dir).as_posix() for p in small_site.site_dir.rglob("*")}
    assert "journeys/setup/index.html" in published and "assets/cjm/starters/current-state.yml" in published
    assert not any(p.endswith((".yml", ".yaml")) and not p.startswith("assets/cjm/starters/") for p in published)
    assert "personas/priya.md" not in published and "owners.yml" not in published


def test_home_summarises_the_portfolio(small_site: Site) -> None:
    soup = small_site.html("")
    stats = [li.get_text(" ", strip=True) for li in soup.select("ul.cjm-stats li")]
    assert stats == ["1 personas", "2 journey maps", "2 opportunities", "3 owners"]
    assert soup.select_one("ul.cjm-cards a")["href"] == "personas/priya/"
    recent = [a.get_text() for a in soup.select("#recently-reviewed ~ div table tbody th a")]
    assert recent == ["Setting up the till", "Setting up the till, improved"]
    assert "Every map is within its review cadence." in soup.get_text()


def test_persona_page_reads_like_a_profile(small_site: Site) -> None:
    soup = small_site.html("personas/priya/")
    assert soup.h1.get_text() == "Priya Shah"
    assert "I want the till to just work." in soup.select_one("blockquote.cjm-quote").get_text()
    cards = {s.h3.get_text(): [li.get_text() for li in s.select("li")] for s in soup.select(".cjm-profile__card")}
    assert cards == {
        "Goals": ["Spend Saturdays with customers, not with admin"],
        "Needs": ["A quick way to see stock"],
        "Frustrations": ["Reports that need a laptop"],
        "Channels": ["Phone", "Email"],
    }
    facts = {d.dt.get_text(): d.dd.get_text() for d in soup.select("dl.cjm-facts--about > div")}
    assert facts == {"Age": "41", "Location": "Bristol"}
    # The Markdown body is rendered, its heading part of the table of contents.
    assert soup.select_one("strong").get_text() == "Spoke & Chain"
    assert soup.select_one("h3#her-week").get_text() == "Her week"
    journeys = [a.get_text() for a in soup.select("ol.cjm-journey-list h3 a")]
    assert journeys == ["Setting up the till", "Setting up the till, improved"]
    assert "Lowest at Pair the reader (−2)" in soup.select_one(".cjm-journey-card__emotion").get_text()


def test_reading_order_for_new_hires(tmp_path: Path) -> None:
    from conftest import build_site, small_portfolio

    files = small_portfolio()
    files["journeys/day.yml"] = """
        title: A Saturday
        type: day-in-the-life
        personas: [priya]
        scenario: A busy day.
        owner: cx
        stages:
          - {name: Opening, time: "08:30", emotion: 1}
          - {name: Closing, time: "17:30", emotion: 0}
    """
    files["journeys/blueprint.yml"] = """
        title: Repairs
        type: service-blueprint
        personas: [priya]
        scenario: A repair.
        owner: cx
        stages:
          - name: Book
            physical_evidence: [Form]
            customer_actions: [Books]
            frontstage: [Agent confirms]
            backstage: [Slot reserved]
            support: [Calendar]
    """
    site = build_site(tmp_path, files)
    journeys = [a.get_text() for a in site.html("personas/priya/").select("ol.cjm-journey-list h3 a")]
    assert journeys == ["A Saturday", "Setting up the till", "Setting up the till, improved", "Repairs"]
    grid = site.html("journeys/day/").select_one("table.cjm-grid")
    assert [t.get_text() for t in grid.select("thead time")] == ["08:30", "17:30"]
    lanes = [
        th.get_text(" ", strip=True).split(" ")[0:3]
        for th in site.html("journeys/blueprint/").select("table.cjm-grid tbody th")
    ]
    titles = [" ".join(t) for t in lanes]
    assert [t for t in titles if t.startswith(("Physical", "Customer", "Front", "Back", "Support", "Line"))] == [
        "Physical evidence What",
        "Customer actions What",
        "Line of interaction",
        "Frontstage What do",
        "Line of visibility",
        "Backstage What happens",
        "Line of internal",
        "Support processes Which",
    ]


def test_owner_page_lists_opportunities_by_status_with_exact_links(small_site: Site) -> None:
    soup = small_site.html("owners/jo/")
    assert [h.get_text(" ", strip=True) for h in soup.select("#opportunities ~ h3")] == ["Planned 1"]
    link = soup.select_one("table.cjm-opps-table tbody th a")
    assert (link.get_text(), link["href"]) == ("Put the quick-start guide on top", "../../journeys/setup/#guide-on-top")
    facts = {d.dt.get_text(): d.dd for d in soup.select("dl.cjm-facts > div")}
    assert facts["Team"].a["href"] == "../shop-team/"
    team = small_site.html("owners/shop-team/")
    assert [a.get_text() for a in team.select("dl.cjm-facts dd a")] == ["Jo Park"]
    assert [h.get_text(" ", strip=True) for h in team.select("#opportunities ~ h3")] == ["Idea 1"]
    maps = [a.get_text() for a in team.select("#maps ~ div table tbody th a")]
    assert maps == ["Setting up the till", "Setting up the till, improved"]
    cx = small_site.html("owners/cx/")
    assert [(a.get_text(), a["href"]) for a in cx.select("#stages ~ ul a")] == [
        ("Discover", "../../journeys/setup/#stage-discover"),
        ("Setting up the till", "../../journeys/setup/"),
    ]


def test_owner_index(small_site: Site) -> None:
    rows = [
        [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        for tr in small_site.html("owners/").select("tbody tr")
    ]
    assert rows == [
        ["CX research", "Team", "0", "0", "0", "1"],
        ["Shop experience", "Team", "1", "1", "2", "0"],
        ["Jo Park Product manager", "Person in Shop experience", "1", "1", "0", "0"],
    ]


def test_opportunities_index_is_one_table(small_site: Site) -> None:
    soup = small_site.html("opportunities/")
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in soup.select("tbody tr")]
    assert rows == [
        [
            "Put the quick-start guide on top guide-on-top",
            "Setting up the till",
            "Discover",
            "Priya Shah",
            "Jo Park",
            "Planned",
            "High",
            "",
            "",
            "TW-1 (backlog item for Put the quick-start guide on top)",
        ],
        [
            "A pairing wizard that explains each light pairing-wizard",
            "Setting up the till",
            "Pair the reader",
            "Priya Shah",
            "Shop experience",
            "Idea",
            "",
            "",
            "",
            "",
        ],
    ]
    assert soup.select_one("tbody th a")["href"] == "../journeys/setup/#guide-on-top"


def test_journeys_index_groups_by_type_with_stale_badges(tmp_path: Path) -> None:
    from conftest import CURRENT, build_site, small_portfolio

    files = small_portfolio()
    files["journeys/setup.yml"] = CURRENT.replace("reviewed: 2026-10-01", "reviewed: 2026-03-01")
    site = build_site(tmp_path, files)
    soup = site.html("journeys/")
    assert [h.get_text() for h in soup.select("h2")] == ["Current-state maps", "Future-state maps"]
    stale = soup.select_one(".cjm-badge--stale")
    assert stale.get_text() == "Review overdue by 177 days"
    home = site.html("")
    assert [a.get_text() for a in home.select("#overdue ~ div table tbody th a")] == ["Setting up the till"]
    header = site.html("journeys/setup/").select_one(".cjm-facts .cjm-badge--stale")
    assert header is not None


def test_template_gallery(small_site: Site) -> None:
    index = small_site.html("templates/")
    assert [a.get_text() for a in index.select(".cjm-card__title a")] == [
        "Day in the life",
        "Current state",
        "Future state",
        "Service blueprint",
    ]
    soup = small_site.html("templates/current-state/")
    assert soup.h1.get_text() == "Current state"
    lanes = [dt.get_text(" ", strip=True) for dt in soup.select("dl.cjm-lanes dt")]
    assert "Steps steps" in lanes and "Areas of opportunity opportunities" in lanes
    # A preview rendered from the starter file, with the five Es as stages.
    assert [
        th.get_text(strip=True).split("How")[0].split("What")[0] for th in soup.select("table.cjm-grid thead th")
    ] == ["Entice", "Enter", "Engage", "Exit", "Extend"]
    code = soup.select_one("div.highlight code").get_text()
    # The first line points a YAML language server at the map schema published with the site.
    assert code.startswith("# yaml-language-server: $schema=../schema/map.schema.json\n# Current-state journey map")
    download = soup.select_one("a[download]")
    assert download["href"] == "../../assets/cjm/starters/current-state.yml"
    assert small_site.exists("assets/cjm/starters/current-state.yml")
    assert [a.get_text() for a in soup.select("#maps ~ div table tbody th a")] == ["Setting up the till"]
    blueprint = small_site.html("templates/service-blueprint/")
    assert "Line of visibility" in blueprint.select_one("table.cjm-grid").get_text()


def test_tags_and_descriptions_in_page_meta(small_site: Site) -> None:
    soup = small_site.html("journeys/setup/")
    assert soup.select_one('meta[name="description"]')["content"].startswith("Priya sets up her new till")
    assert soup.title.get_text().startswith("Setting up the till")


def test_opportunities_index_has_a_backlog_column_linking_each_item(small_site: Site) -> None:
    soup = small_site.html("opportunities/")
    assert [th.get_text(strip=True) for th in soup.select("thead th")][-1] == "Backlog"
    cells = soup.select("tbody td.cjm-opps-table__backlog")
    assert [c.get("data-label") for c in cells] == ["Backlog", "Backlog"]
    link = cells[0].find("a")
    assert link["href"] == "https://backlog.example/TW-1"
    assert link["rel"] == ["noopener", "noreferrer"]
    assert link.find(string=True, recursive=False) == "TW-1"
    assert cells[1].get_text(strip=True) == ""
    # An owner's page lists the backlog link too.
    owner = small_site.html("owners/jo/")
    assert [a["href"] for a in owner.select("td.cjm-opps-table__backlog a")] == ["https://backlog.example/TW-1"]


def test_no_backlog_column_when_no_opportunity_has_a_backlog(tmp_path: Path) -> None:
    from conftest import CURRENT, build_site, small_portfolio

    files = small_portfolio()
    files["journeys/setup.yml"] = CURRENT.replace("            backlog: https://backlog.example/TW-1\n", "")
    soup = build_site(tmp_path, files).html("opportunities/")
    assert "Backlog" not in [th.get_text(strip=True) for th in soup.select("thead th")]
    assert not soup.select("td.cjm-opps-table__backlog")


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("https://jira.example/browse/TW-412", "TW-412"),
        ("https://tracker.example/items/TW-412/", "TW-412"),
        ("https://tracker.example/a%20b", "a b"),
        ("https://tracker.example", "Backlog item"),
        ("https://tracker.example/issues/" + "x" * 25, "Backlog item"),
    ],
)
def test_backlog_label_is_the_items_key(url: str, label: str) -> None:
    from mkdocs_cjm.core.backlogs import url_label

    assert url_label(url) == label


@pytest.mark.parametrize("url", ["", "journeys/", "opportunities/", "owners/", "owners/jo/"])
def test_listings_take_the_whole_window(small_site: Site, url: str) -> None:
    """Like a journey page: no sidebars (front matter), the content marked wide for cjm.css."""
    soup = small_site.html(url)
    assert soup.select_one(".md-sidebar--primary").has_attr("hidden")
    assert soup.select_one(".md-sidebar--secondary").has_attr("hidden")
    assert soup.select_one(".cjm.cjm-wide.cjm-listing") is not None
    assert len(soup.select(".md-main__inner.cjm-wide-main")) == 1  # Material's column too, parsed first
    # Every fact cell names its column, for the phone's cards.
    for td in soup.select(".cjm-table tbody td"):
        assert td.get("data-label"), td


def test_listing_pages_list_their_sections_in_a_bar(small_site: Site) -> None:
    home = small_site.html("")
    assert [a["href"] for a in home.select(".cjm-bar .cjm-sections a")] == [
        "#personas",
        "#recently-reviewed",
        "#overdue",
    ]


def test_only_maps_and_listings_mark_materials_main_column_wide(small_site: Site) -> None:
    for url in ("journeys/setup/", "templates/current-state/"):
        assert len(small_site.html(url).select(".md-main__inner.cjm-wide-main")) == 1, url
    for url in ("personas/", "personas/priya/"):
        assert small_site.html(url).select(".md-main__inner.cjm-wide-main") == [], url
