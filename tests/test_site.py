"""Site-level behaviour: navigation, search index, strict and non-strict builds, overrides."""
# Lookups in built pages (BeautifulSoup) may give None: a missing element fails the test where
# it is looked up, which is what these tests are for.
# mypy: disable-error-code="union-attr,index"

from __future__ import annotations

import json
from pathlib import Path

from conftest import CURRENT, Site, build_site, small_portfolio


def nav_entries(site: Site, url: str) -> list[tuple[str, str | None]]:
    soup = site.html(url)
    entries = []
    for li in soup.select("nav.md-nav--primary > ul > li"):
        link = li.find("a", recursive=False) or li.select_one(":scope > div > a")
        label = li.find("label", recursive=False)
        text = (link or label).get_text(" ", strip=True)
        entries.append((text, str(link["href"]) if link else None))
    return entries


def test_navigation_has_one_entry_per_section(small_site: Site) -> None:
    assert nav_entries(small_site, "journeys/setup/") == [
        ("Test portfolio", "../.."),
        ("Start here", "../../start/"),
        ("Personas", "../../personas/"),
        ("Journeys", "../"),
        ("Opportunities", "../../opportunities/"),
        ("Owners", "../../owners/"),
        ("Insights", "../../insights/"),
        ("Templates", None),
    ]
    # Maps, personas and owners are reached from the index pages, not from every sidebar.
    sidebar = small_site.html("").select_one("nav.md-nav--primary").get_text()
    assert "Setting up the till" not in sidebar and "Priya Shah" not in sidebar


GENERATED = ["", "personas/", "personas/priya/", "journeys/", "journeys/setup/", "opportunities/", "owners/"]
GENERATED += ["owners/jo/", "templates/", "templates/current-state/"]


def test_skip_link_goes_to_the_page_title(small_site: Site) -> None:
    """Material's "Skip to content" goes to the first entry of a page's table of contents: on a
    generated page, its title (h1#top), not its first section; the table of contents Material
    shows still lists the sections."""
    for url in GENERATED:
        soup = small_site.html(url)
        assert soup.select_one("a.md-skip")["href"].endswith("#top"), url
        assert soup.select_one("article h1")["id"] == "top", url
    toc = small_site.html("journeys/setup/").select("nav.md-nav--secondary a.md-nav__link")
    assert toc[0].get_text(strip=True) == "Journey"


def test_page_size_does_not_grow_with_the_number_of_maps(tmp_path: Path) -> None:
    def portfolio(n: int) -> dict[str, str]:
        files = small_portfolio()
        for i in range(n):
            files[f"journeys/extra-{i}.yml"] = (
                CURRENT.replace("guide-on-top", f"guide-{i}")
                .replace("pairing-wizard", f"wizard-{i}")
                .replace("Setting up the till", f"Map {i}")
            )
        return files

    small = build_site(tmp_path / "a", portfolio(2))
    large = build_site(tmp_path / "b", portfolio(40))
    a = len(small.text("journeys/setup/"))
    b = len(large.text("journeys/setup/"))
    assert abs(a - b) < 200, (a, b)


def test_user_nav_is_left_alone(tmp_path: Path) -> None:
    files = {**small_portfolio(), "about.md": "# About\n\nHello.\n"}
    site = build_site(tmp_path, files, config={"nav": ["about.md", {"Maps": "journeys/index.md"}]})
    assert [e[0] for e in nav_entries(site, "about/")] == ["About", "Maps"]


def test_search_index_has_a_section_per_stage_and_opportunity(small_site: Site) -> None:
    index = json.loads((small_site.site_dir / "search/search_index.json").read_text())
    docs = {d["location"]: d for d in index["docs"]}
    stage = docs["journeys/setup/#stage-discover"]
    assert stage["title"] == "Discover"
    assert "Looks for the quick-start guide" in stage["text"] and "The guide is hard to find" in stage["text"]
    assert docs["journeys/setup/#guide-on-top"]["title"] == "guide-on-top: Put the quick-start guide on top"
    assert "Priya Shah" in docs["journeys/setup/"]["text"] and "Shop experience" in docs["journeys/setup/"]["text"]
    assert docs["journeys/setup/"]["tags"] == ["Priya Shah", "Current state", "onboarding"]
    assert docs["personas/priya/"]["title"] == "Priya Shah"
    assert docs["owners/jo/"]["title"] == "Jo Park"
    # Chart data and listings stay out of the index.
    text = json.dumps(index)
    assert '"x":' not in text and "plotly" not in text
    assert "Setting up the till" not in docs["journeys/"]["text"]
    # The journey page itself is served with its real content.
    assert small_site.html("journeys/setup/").select_one("table.cjm-grid") is not None


def test_broken_map_strict_fails_listing_every_problem(tmp_path: Path) -> None:
    files = {
        **small_portfolio(),
        "journeys/bad.yml": "title: Bad\ntype: current-state\npersonas: [nobody]\nscenario: s\nowner: cx\n"
        "stages:\n  - name: S\n    emotion: 7\n",
    }
    site = build_site(tmp_path, files, expect_failure=True)
    assert (
        "mkdocs_cjm: journeys/bad.yml:3:12: error: unknown persona 'nobody' — expected one of: priya" in site.warnings
    )
    assert any(w.startswith("mkdocs_cjm: journeys/bad.yml:8:14: error: the emotion score 7") for w in site.warnings)
    assert "Aborted with 2 errors in strict mode" in str(site.error)


def test_broken_map_non_strict_publishes_the_rest(tmp_path: Path) -> None:
    files = {
        **small_portfolio(),
        "journeys/bad.yml": "title: Bad\ntype: current-state\npersonas: [nobody]\nscenario: s\nowner: cx\n"
        "stages:\n  - name: S\n",
    }
    site = build_site(tmp_path, files, strict=False)
    assert site.warnings == [
        "mkdocs_cjm: journeys/bad.yml:3:12: error: unknown persona 'nobody' — expected one of: priya"
    ]
    assert site.exists("journeys/setup/") and site.exists("journeys/setup-future/")
    assert not site.exists("journeys/bad/")
    assert "Bad" not in site.text("journeys/")


def test_custom_dir_overrides_a_plugin_template(small_site: Site, tmp_path: Path) -> None:
    """A theme's custom_dir replaces one plugin template; every other page keeps the bundled ones."""
    (tmp_path / "overrides/cjm").mkdir(parents=True)
    (tmp_path / "overrides/cjm/persona.html").write_text('<h1 id="top">{{ model.name }}</h1><p class="mine">Custom</p>')
    site = build_site(
        tmp_path, small_portfolio(), config={"theme": {"name": "material", "font": False, "custom_dir": "overrides"}}
    )
    soup = site.html("personas/priya/")
    assert soup.select_one("p.mine").get_text() == "Custom"
    assert soup.h1.get_text() == "Priya Shah"
    # What the bundled persona template always renders (as on the same page built without the
    # override) is gone: its header with the source file, the profile, the list of journeys.
    bundled = small_site.html("personas/priya/")
    for selector in (".cjm-persona", ".cjm-head", "h2#profile", "ol.cjm-journey-list"):
        assert bundled.select_one(selector) is not None, selector
        assert soup.select_one(selector) is None, selector
    assert bundled.select_one("p.mine") is None
    # Pages of other kinds still come from the bundled templates, header and all.
    journey = site.html("journeys/setup/")
    assert journey.select_one("table.cjm-grid") is not None
    assert journey.select_one(".cjm-head").find("code", string="journeys/setup.yml") is not None
    assert journey.select_one("p.mine") is None
    assert site.html("owners/cx/").select_one(".cjm-head") is not None
    card = site.html("personas/").select_one(".cjm-card__title a")
    assert (card.get_text(), card["href"]) == ("Priya Shah", "priya/")


def test_plugin_can_be_disabled(tmp_path: Path) -> None:
    files = {"index.md": "# Hello\n"}
    site = build_site(tmp_path, files, plugin={"enabled": False})
    assert site.exists("") and not site.exists("personas/")


def test_own_index_page_is_kept(tmp_path: Path) -> None:
    site = build_site(tmp_path, {**small_portfolio(), "index.md": "# Our portfolio\n\nWelcome.\n"})
    assert site.html("").h1.get_text().startswith("Our portfolio")


def test_content_cannot_inject_markup(tmp_path: Path) -> None:
    payload = "</title><script>alert(1)</script><img src=x onerror=alert(2)>"
    files = small_portfolio()
    files["journeys/setup.yml"] = (
        CURRENT.replace("title: Setting up the till", f"title: '{payload}'")
        .replace("tags: [onboarding]", "tags: ['&lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;']")
        .replace("[Box, Leaflet]", f"['{payload}', '[x](javascript:alert(3))', '</script><script>alert(4)</script>']")
    )
    files["personas/priya.md"] = files["personas/priya.md"].replace("## Her week", "## <img src=x onerror=alert(6)>")
    site = build_site(tmp_path, files)
    for url in ["journeys/setup/", "journeys/", "personas/priya/", "", "opportunities/", "owners/jo/"]:
        html = site.text(url)
        assert "<script>alert" not in html and "<img src=x" not in html, url
        assert 'href="javascript:' not in html, url
    soup = site.html("journeys/setup/")
    assert soup.h1.get_text() == payload
    cell = soup.select_one("tr.cjm-row--interactions td").get_text()
    assert payload in cell and "[x](javascript:alert(3))" in cell
    data = str(soup.select_one(".cjm-chart__plot")["data-cjm-chart"])
    assert "</script>" not in data and json.loads(data)["title"] == payload


def test_edit_link_points_at_the_source_file(tmp_path: Path) -> None:
    site = build_site(
        tmp_path,
        small_portfolio(),
        config={
            "repo_url": "https://git.example/acme/maps",
            "edit_uri": "edit/main/docs/",
            "theme": {"name": "material", "font": False, "features": ["content.action.edit"]},
        },
    )
    link = site.html("journeys/setup/").select_one("a.md-content__button")
    assert link["href"] == "https://git.example/acme/maps/edit/main/docs/journeys/setup.yml"
    persona = site.html("personas/priya/").select_one("a.md-content__button")
    assert persona["href"] == "https://git.example/acme/maps/edit/main/docs/personas/priya.md"


def test_no_broken_link_or_anchor(small_site: Site) -> None:
    from linkcheck import broken_links

    assert broken_links(small_site.site_dir) == []


def test_the_link_checker_notices_what_is_broken(tmp_path: Path) -> None:
    """The check above can fail: a missing page, a missing anchor, a script link, an empty site."""
    from linkcheck import broken_links

    (tmp_path / "site/a").mkdir(parents=True)
    (tmp_path / "site/index.html").write_text(
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="b/">gone</a> '
        '<a href="a/#nowhere">no anchor</a> <a href="javascript:x()">js</a>'
    )
    (tmp_path / "site/a/index.html").write_text('<h2 id="here">Here</h2><a href="../">back</a>')
    assert broken_links(tmp_path / "site") == [
        "index.html: missing b/",
        "index.html: no anchor a/#nowhere",
        "index.html: unsafe link javascript:x()",
    ]
    (tmp_path / "empty").mkdir()
    assert len(broken_links(tmp_path / "empty")) == 1


def test_markdown_links_between_content_files(tmp_path: Path) -> None:
    files = small_portfolio()
    files["personas/priya.md"] = files["personas/priya.md"].replace(
        "Weekdays are quiet; Saturdays are frantic.",
        "See [her set-up](../journeys/setup.yml#stage-discover), [the guide](../guide.md) and "
        "[a missing page](../nowhere.md).",
    )
    files["guide.md"] = "# Guide\n"
    site = build_site(tmp_path, files, strict=False)
    links = {a.get_text(): a.get("href") for a in site.html("personas/priya/").select(".cjm-persona p a")}
    assert links["her set-up"] == "../../journeys/setup/#stage-discover"
    assert links["the guide"] == "../../guide/"
    assert "a missing page" not in links  # kept as text, never a dead link
    assert site.warnings == [
        "mkdocs_cjm: personas/priya.md:18:103: warning: the link '../nowhere.md' points to no "
        "page or file of the site — fix the path; it is relative to this file"
    ]
