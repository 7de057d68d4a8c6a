"""File-system shapes the loader-only corpus (tests/bad_inputs) cannot express, built as real
MkDocs sites: hostile file names, private files and folders, symbolic links, and hand-written
pages at a generated page's URL. Each build either publishes what it should and nothing else,
or says exactly what is wrong, where, and how to fix it; never a traceback, never silence."""
# Lookups in built pages (BeautifulSoup) may give None: a missing element fails the test where
# it is looked up, which is what these tests are for.
# mypy: disable-error-code="union-attr,index"

from __future__ import annotations

import gzip
import json
import os
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from conftest import CURRENT, Site, build_site, small_portfolio, write_tree
from mkdocs_cjm.cli import main

REPO = {
    "repo_url": "https://git.example/shop/portfolio",
    "edit_uri": "edit/main/docs/",
    "theme": {"name": "material", "font": False, "features": ["content.action.edit", "content.action.view"]},
}
"""Material's edit and view buttons are made from each page's ``edit_url``."""

QUOTED = 'journeys/x" onfocus="alert(1)" y.yml'
RENAME = "rename the file using letters, digits, hyphens, underscores, spaces and dots only"


def another_map(ident: str) -> str:
    """The small portfolio's current-state map under another id, with its own opportunity ids."""
    text = textwrap.dedent(CURRENT).replace("guide-on-top", f"{ident}-guide").replace("pairing-wizard", f"{ident}-pair")
    return f"id: {ident}\n" + text.replace("hidden-guide", f"{ident}-hidden")


def published(site: Site) -> set[str]:
    """Every file of the site except the plugin's and Material's assets and the gallery."""
    skip = ("assets/", "templates/", "search/", "schema/", "pagefind/")
    files = {p.relative_to(site.site_dir).as_posix() for p in site.site_dir.rglob("*") if p.is_file()}
    return {f for f in files if not f.startswith(skip)}


def search_locations(site: Site) -> set[str]:
    index = json.loads((site.site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    return {doc["location"].split("#")[0] for doc in index["docs"]}


def sitemap(site: Site) -> str:
    return (site.site_dir / "sitemap.xml").read_text(encoding="utf-8")


def attributes(site: Site) -> list[tuple[str, str, str]]:
    """(file, attribute name, value) of every attribute of every element of every page."""
    found = []
    for page in site.site_dir.rglob("*.html"):
        for element in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all(True):
            for name, value in element.attrs.items():
                found.append((page.relative_to(site.site_dir).as_posix(), name, str(value)))
    return found


# -- file names ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def named_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    files: dict[str, str | bytes] = {
        **small_portfolio(),
        QUOTED: another_map("evil"),
        "journeys/My map #1 ü.yml": another_map("odd"),
        'notes/a" onfocus="alert(2)" b.md': "# A page of the site's own\n",
    }
    return build_site(tmp_path_factory.mktemp("named"), files, config=REPO, strict=False)


def test_a_content_file_name_with_html_characters_is_refused(named_site: Site) -> None:
    assert named_site.warnings == [
        f"mkdocs_cjm: {QUOTED}:1:1: error: the file name 'x\" onfocus=\"alert(1)\" y.yml' holds '\"', which cannot "
        f"be part of a published file's path — {RENAME}"
    ]
    assert not named_site.exists("journeys/evil/")
    assert not any("onfocus" in f for f in published(named_site) if f.startswith("journeys/"))  # nor copied raw


def test_no_file_name_ever_becomes_an_attribute(named_site: Site) -> None:
    found = attributes(named_site)
    assert found and not [a for a in found if a[1].startswith("on")]
    assert not [a for a in found if "onfocus" in a[2] and '"' in a[2]]


def test_edit_links_are_percent_encoded(named_site: Site) -> None:
    # A journey page: the edit and view buttons, and the map header's "Edit this map".
    soup = named_site.html("journeys/odd/")
    edit = "https://git.example/shop/portfolio/edit/main/docs/journeys/My%20map%20%231%20%C3%BC.yml"
    assert soup.select_one(".md-content__button[rel=edit]")["href"] == edit
    assert soup.select_one("a.md-content__button:not([rel])")["href"] == edit.replace("/edit/", "/raw/")
    assert soup.select_one(".cjm-facts a[rel=edit]")["href"] == edit
    # A page of the site's own, whose name the plugin does not judge: its edit link is made safe too.
    own = named_site.html('notes/a" onfocus="alert(2)" b/')
    assert own.select_one(".md-content__button[rel=edit]")["href"] == (
        "https://git.example/shop/portfolio/edit/main/docs/notes/a%22%20onfocus=%22alert(2)%22%20b.md"
    )


# -- private files and folders, content files ---------------------------------------------------

PRIVATE = {
    "journeys/_drafts/secret.md": "# Secret draft\n\n<script>alert('draft')</script> plans\n",
    "journeys/_drafts/picture.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    "journeys/_wip.yml": "title: Work in progress\nstages: [nope\n",
    "journeys/.hidden.md": "# Hidden\n",
    "journeys/retail/_notes.txt": "private notes\n",
    "personas/_old/sam.md": "---\nname: Sam\n---\n# Sam, retired persona\n",
    "personas/.scratch/idea.yml": "name: Idea\n",
}


@pytest.fixture(scope="module")
def private_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    files = {
        **small_portfolio(),
        **PRIVATE,
        "personas/pictures/priya.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    }
    return build_site(tmp_path_factory.mktemp("private"), files)


def test_private_files_and_folders_never_reach_the_site(private_site: Site) -> None:
    assert private_site.warnings == []  # ignored, as documented: not read, so nothing to report
    files = published(private_site)
    assert not [f for f in files if "_" in f or "/." in f or "secret" in f or "sam" in f], files
    assert not [loc for loc in search_locations(private_site) if "_" in loc or "sam" in loc]
    assert "_drafts" not in sitemap(private_site) and "_old" not in sitemap(private_site)
    text = (private_site.site_dir / "search/search_index.json").read_text(encoding="utf-8")
    assert "Secret draft" not in text and "retired persona" not in text
    fragments = (private_site.site_dir / "pagefind" / "fragment").iterdir()
    text = "".join(gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in fragments)
    assert "Secret draft" not in text and "retired persona" not in text and "_drafts" not in text


def test_content_files_are_never_copied_raw(private_site: Site) -> None:
    files = published(private_site)
    assert not [f for f in files if f.endswith((".yml", ".yaml", ".md", ".markdown"))], files
    assert "personas/pictures/priya.svg" in files  # what is not content is published as it is


# -- symbolic links -----------------------------------------------------------------------------


def linked_site(root: Path, links: dict[str, str], *, strict: bool = False, expect_failure: bool = False) -> Site:
    """The small portfolio, a folder ``shared/`` in the docs folder holding a map, a file outside
    the docs folder, and ``links`` (link path in the docs folder: its target, as written)."""
    docs = root / "docs"
    write_tree(docs, {"shared/restock.yml": another_map("restock")})
    write_tree(root / "outside", {"secret.md": "---\nname: Secret\n---\nSECRET\n", "map.yml": another_map("far")})
    for link, target in links.items():
        (docs / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, docs / link)
    return build_site(root, small_portfolio(), strict=strict, expect_failure=expect_failure)


def test_links_inside_the_docs_folder_are_read_like_the_files_they_point_to(tmp_path: Path) -> None:
    site = linked_site(tmp_path, {"journeys/retail": "../shared"}, strict=True)
    assert site.warnings == []
    assert site.exists("journeys/restock/")
    assert "journeys/retail/restock.yml" not in published(site)
    assert "shared/restock.yml" not in published(site)  # the content file the link leads to


def test_links_that_point_outside_dangle_or_lead_to_themselves_are_refused(tmp_path: Path) -> None:
    links = {
        "journeys/far.yml": "../../outside/map.yml",
        "journeys/away": "../../outside",
        "personas/gone.md": "sam.md",
        "journeys/me.yml": "me.yml",
        "notes/old-page.md": "../nowhere.md",  # not content: MkDocs would stop with a traceback
    }
    site = linked_site(tmp_path, links)
    outside = "move what it points to into the docs folder (a link may point inside it), or remove the link"
    assert site.warnings == [
        "mkdocs_cjm: journeys/away:1:1: error: the symbolic link points outside the docs folder (to "
        f"'../../outside') — {outside}",
        "mkdocs_cjm: journeys/far.yml:1:1: error: the symbolic link points outside the docs folder (to "
        f"'../../outside/map.yml') — {outside}",
        "mkdocs_cjm: journeys/me.yml:1:1: error: the symbolic link leads back to itself (it points to 'me.yml') "
        "— remove the link",
        "mkdocs_cjm: personas/gone.md:1:1: error: the symbolic link points to 'sam.md', which does not exist — "
        "point the link at a file inside the docs folder, or remove it",
        "mkdocs_cjm: notes/old-page.md:1:1: error: the symbolic link points to '../nowhere.md', which does not "
        "exist — point the link at a file inside the docs folder, or remove it",
    ]
    files = published(site)
    assert not [f for f in files if "away" in f or "far" in f or "gone" in f or "old-page" in f], files
    assert "SECRET" not in (site.site_dir / "search/search_index.json").read_text(encoding="utf-8")
    assert site.exists("journeys/setup/") and site.exists("personas/priya/")


def test_a_link_back_into_its_own_folder_stops_the_build_with_a_message(tmp_path: Path) -> None:
    site = linked_site(tmp_path, {"journeys/again": "..", "notes/up": "../notes"}, expect_failure=True)
    loop = "a folder that holds the link, so the folder never ends — remove the link, or point it at a folder that does not hold it"
    assert site.warnings == [
        f"journeys/again:1:1: error: the symbolic link points to '..', {loop}\n"
        f"notes/up:1:1: error: the symbolic link points to '../notes', {loop}\n"
        "The site is not built: MkDocs would follow these links without end."
    ]
    assert not site.site_dir.exists()


def test_validate_follows_the_same_link_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path / "docs", small_portfolio())
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - cjm:\n      today: '2026-11-24'\n")
    os.symlink("moved.yml", tmp_path / "docs/journeys/gone.yml")
    os.symlink("..", tmp_path / "docs/journeys/again")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"], catch_exceptions=False)
    assert result.output.splitlines()[:2] == [
        "docs/journeys/again:1:1: error: the symbolic link points to '..', a folder that holds the link, so the "
        "folder never ends — remove the link, or point it at a folder that does not hold it",
        "docs/journeys/gone.yml:1:1: error: the symbolic link points to 'moved.yml', which does not exist — point "
        "the link at a file inside the docs folder, or remove it",
    ]
    assert result.exit_code == 1


# -- a hand-written page at a generated page's URL ----------------------------------------------

OWN_PAGES = {
    "README.md": "# Our portfolio\n\nRead me first.\n",
    "opportunities.md": "# Our own opportunities page\n",
    "owners/jo.md": "# Jo's own page\n",
}


def collisions() -> list[str]:
    home = "rename or move the file, or set 'home: false' for the cjm plugin in mkdocs.yml to make it the home page"
    keep = "until then the site shows this page and leaves the generated one out"
    return [
        f"mkdocs_cjm: README.md:1:1: error: this page is published at '/', where the plugin generates its home "
        f"page — {home}; {keep}",
        "mkdocs_cjm: opportunities.md:1:1: error: this page is published at '/opportunities/', where the plugin "
        f"generates its opportunities page — rename or move the file; {keep}",
        "mkdocs_cjm: owners/jo.md:1:1: error: this page is published at '/owners/jo/', where the plugin generates "
        f"its owner page for 'jo' — rename or move the file; {keep}",
    ]


def test_a_page_at_a_generated_pages_url_is_reported_and_kept(tmp_path: Path) -> None:
    site = build_site(tmp_path, {**small_portfolio(), **OWN_PAGES}, strict=False)
    assert site.warnings == collisions()
    assert site.html("").h1.get_text(strip=True) == "Our portfolio"
    assert site.html("opportunities/").h1.get_text(strip=True) == "Our own opportunities page"
    assert site.html("owners/jo/").h1.get_text(strip=True) == "Jo's own page"
    assert site.exists("owners/cx/") and site.exists("journeys/setup/")


def test_a_page_at_a_generated_pages_url_fails_a_strict_build(tmp_path: Path) -> None:
    site = build_site(tmp_path, {**small_portfolio(), **OWN_PAGES}, expect_failure=True)
    assert site.warnings[:3] == collisions()


def test_the_sites_own_index_is_its_home_page_as_documented(tmp_path: Path) -> None:
    site = build_site(tmp_path, {**small_portfolio(), "index.md": "# Welcome\n"})
    assert site.warnings == [] and site.html("").h1.get_text(strip=True) == "Welcome"


def test_validate_reports_pages_at_generated_urls_as_the_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path / "docs", {**small_portfolio(), **OWN_PAGES})
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - cjm:\n      today: '2026-11-24'\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"], catch_exceptions=False)
    said = [line for line in result.output.splitlines() if "where the plugin generates" in line]
    assert said == [line.replace("mkdocs_cjm: ", "docs/") for line in collisions()]
    assert result.exit_code == 1
