"""Evidence behind every item (issue 15, point 1): research sources declared once (in a map or
in the portfolio's ``evidence.yml``), cited by id from steps, items, opportunities and KPIs;
confidence stated or derived; assumptions marked; a source's page lists what it supports."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import CURRENT, OWNERS, PERSONA, Site, build_site, write_tree
from mkdocs_cjm.core.evidence import Backing, Claimant, derived_confidence
from mkdocs_cjm.core.loader import load_portfolio
from mkdocs_cjm.core.models import Confidence, Evidence, EvidenceKind, Item, Kpi, Opportunity, Step
from mkdocs_cjm.core.problems import Severity

SHARED = """
    owner-panel:
      title: Owner panel survey, spring
      kind: survey
      participants: 640
      summary: Twice-yearly survey of owners.
    ticket-tags:
      title: Support ticket tags
      kind: support-tickets
"""

# The small portfolio's map, with sources of its own and citations: the guide step cites the
# map's interviews, the pain point two sources, the opportunity the shared survey, the KPI the
# analytics; the pairing pain point states a low confidence; everything else is an assumption.
CITED = (
    CURRENT.replace(
        "    tags: [onboarding]\n",
        "    tags: [onboarding]\n"
        "    evidence:\n"
        "      - id: setup-interviews\n"
        "        title: Set-up interviews\n"
        "        kind: interview\n"
        "        participants: 3\n"
        "      - title: Set-up funnel\n"
        "        kind: analytics\n",
    )
    .replace(
        "            description: The leaflet is in the bottom of the box.\n",
        "            description: The leaflet is in the bottom of the box.\n            evidence: setup-interviews\n",
    )
    .replace(
        "{text: The guide is hard to find, id: hidden-guide}",
        "{text: The guide is hard to find, id: hidden-guide, evidence: [setup-interviews, ticket-tags]}",
    )
    .replace(
        "            addresses: hidden-guide\n",
        "            addresses: hidden-guide\n            evidence: owner-panel\n",
    )
    .replace('unit: "%"}', 'unit: "%", evidence: set-up-funnel}')
    .replace("negatives: [Pairing fails twice]", "negatives: [{text: Pairing fails twice, confidence: low}]")
)


def files(**extra: str) -> dict[str, str]:
    found = {"owners.yml": OWNERS, "personas/priya.md": PERSONA, "journeys/setup.yml": CITED, "evidence.yml": SHARED}
    found.update(extra)
    return found


def line_of(text: str, needle: str) -> int:
    """The line of ``text`` (as ``write_tree`` writes it) that holds ``needle``."""
    lines = textwrap.dedent(text).lstrip("\n").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def problems(tmp_path: Path, **extra: str) -> list[str]:
    write_tree(tmp_path, files(**extra))
    portfolio = load_portfolio(tmp_path)
    return [f"{p.file}:{p.line}: {p.severity.value}: {p.message} — {p.hint}" for p in portfolio.problems]


# -- models and the confidence rule -----------------------------------------------------------


def test_parts_cite_one_or_many_sources_and_state_a_confidence() -> None:
    assert Item.model_validate({"text": "x", "evidence": "a", "confidence": "High"}).evidence == ["a"]
    assert Step.model_validate({"title": "x", "evidence": ["a", "b"]}).evidence == ["a", "b"]
    assert Opportunity.model_validate({"id": "o", "title": "x", "confidence": "low"}).confidence is Confidence.LOW
    assert Kpi.model_validate({"name": "k", "evidence": "a"}).evidence == ["a"]
    with pytest.raises(ValueError):
        Item.model_validate({"text": "x", "confidence": "certain"})


def test_a_source_without_id_is_cited_by_its_titles_slug() -> None:
    assert Evidence(title="Owner interviews, spring 2026").key == "owner-interviews-spring-2026"
    assert Evidence(id="own", title="Owner interviews").key == "own"
    assert len(Evidence(title="word " * 40).key) <= 80


def test_confidence_is_stated_or_follows_from_the_sources() -> None:
    interview = Evidence(title="a", kind=EvidenceKind.INTERVIEW, participants=3)
    analytics = Evidence(title="b", kind=EvidenceKind.ANALYTICS)
    survey = Evidence(title="c", kind=EvidenceKind.SURVEY, participants=640)
    assert derived_confidence(None, []) is None  # an assumption
    assert derived_confidence(Confidence.LOW, []) is Confidence.LOW
    assert derived_confidence(Confidence.LOW, [interview, analytics]) is Confidence.LOW  # stated wins
    assert derived_confidence(None, [interview]) is Confidence.MEDIUM
    assert derived_confidence(None, [analytics]) is Confidence.HIGH
    assert derived_confidence(None, [survey]) is Confidence.HIGH
    assert derived_confidence(None, [interview, interview.model_copy(update={"title": "d"})]) is Confidence.HIGH


def test_each_part_of_the_map_is_backed_as_it_says(tmp_path: Path) -> None:
    write_tree(tmp_path, files())
    portfolio = load_portfolio(tmp_path)
    assert portfolio.problems == []
    entry = portfolio.maps["setup"]
    found = portfolio.map_evidence(entry)
    stages = entry.model.stages

    def backing(part: Claimant) -> Backing:
        result = found.of(part)
        assert result is not None
        return result

    guide, pain = stages[0].steps[1], stages[0].items("negatives")[0]
    opp, kpi = stages[0].opportunities[0], stages[0].kpis[0]
    evidence = found
    assert [ident for ident, _, _ in evidence.sources] == [
        "setup-interviews",
        "set-up-funnel",
        "ticket-tags",
        "owner-panel",
    ]
    assert [shared for _, _, shared in evidence.sources] == [False, False, True, True]
    assert backing(guide).confidence is Confidence.MEDIUM  # one interview with 3 people
    assert backing(pain).confidence is Confidence.HIGH and backing(pain).sources == (
        "setup-interviews",
        "ticket-tags",
    )
    assert backing(opp).confidence is Confidence.HIGH  # a survey of 640
    assert backing(kpi).confidence is Confidence.HIGH  # analytics
    stated = backing(stages[1].items("negatives")[0])
    assert stated.confidence is Confidence.LOW and stated.stated and not stated.sources and not stated.assumption
    assert backing(stages[0].steps[0]).assumption
    assert evidence.backed == 4
    assert evidence.assumptions == evidence.total - 5 and len(evidence.claims) == 5
    assert [(m.id, c.text) for m, c in portfolio.citations["owner-panel"]] == [
        ("setup", "Put the quick-start guide on top")
    ]


# -- messages ---------------------------------------------------------------------------------


def test_an_unknown_source_gets_a_did_you_mean_at_the_citing_line(tmp_path: Path) -> None:
    text = CITED.replace("evidence: setup-interviews\n", "evidence: setup-interview\n").replace(
        "evidence: owner-panel\n", "evidence: [owner-panle]\n"
    )
    found = problems(tmp_path, **{"journeys/setup.yml": text})
    assert found == [
        f"journeys/setup.yml:{line_of(text, 'evidence: setup-interview')}: error: unknown evidence 'setup-interview' — did you mean 'setup-interviews'?",
        f"journeys/setup.yml:{line_of(text, 'owner-panle')}: error: unknown evidence 'owner-panle' — did you mean 'owner-panel'?",
    ]


def test_an_unknown_source_with_nothing_close_says_where_to_declare_it(tmp_path: Path) -> None:
    text = CURRENT.replace("negatives: [Pairing fails twice]", "negatives: [{text: Pairing fails, evidence: zzz}]")
    write_tree(tmp_path, {"owners.yml": OWNERS, "personas/priya.md": PERSONA, "journeys/setup.yml": text})
    (found,) = load_portfolio(tmp_path).problems
    assert found.message == "unknown evidence 'zzz'"
    assert "declare the source under the map's 'evidence:'" in found.hint
    assert "setup" not in load_portfolio(tmp_path).maps


def test_a_maps_source_may_not_take_a_portfolio_sources_id(tmp_path: Path) -> None:
    text = CITED.replace("      - id: setup-interviews\n", "      - id: ticket-tags\n").replace(
        "evidence: setup-interviews\n", "evidence: ticket-tags\n"
    )
    found = problems(tmp_path, **{"journeys/setup.yml": text})
    assert found[0] == (
        f"journeys/setup.yml:{line_of(text, '- id: ticket-tags')}: error: the source id 'ticket-tags' is already "
        f"declared portfolio-wide in evidence.yml:{line_of(SHARED, 'ticket-tags:')} — cite that source (and remove this one), or give this source another 'id:'"
    )


def test_a_map_may_not_declare_a_source_id_twice(tmp_path: Path) -> None:
    text = CITED.replace("      - title: Set-up funnel\n", "      - id: setup-interviews\n        title: Funnel\n")
    found = problems(tmp_path, **{"journeys/setup.yml": text})
    first = line_of(text, "- id: setup-interviews")
    assert found == [
        f"journeys/setup.yml:{first + 4}: error: the source id 'setup-interviews' is declared twice in this map "
        f"(also on line {first}) — give each source its own 'id:'",
        f"journeys/setup.yml:{line_of(text, 'evidence: set-up-funnel')}: error: unknown evidence 'set-up-funnel' — "
        "expected one of: owner-panel, setup-interviews, ticket-tags",
    ]


def test_sources_whose_titles_give_the_same_id_are_told_apart_by_their_titles(tmp_path: Path) -> None:
    """A source without an 'id:' takes its id from its title: two such sources of one title (or
    one titled as a portfolio source's id) clash on an id the editor never wrote, and the
    message says where it came from."""
    text = CITED.replace(
        "      - title: Set-up funnel\n",
        "      - title: Set-up funnel\n        kind: analytics\n      - title: Set-up funnel\n",
    )
    found = problems(tmp_path, **{"journeys/setup.yml": text})
    first = line_of(text, "- title: Set-up funnel")
    assert found == [
        f"journeys/setup.yml:{first + 2}: error: this source's title gives it the id 'set-up-funnel', and that id is "
        f"declared twice in this map (also on line {first}) — give this source an 'id:' of its own (items cite a "
        "source by its id)"
    ]
    text = CITED.replace("      - title: Set-up funnel\n", "      - title: Ticket tags\n")
    found = problems(tmp_path, **{"journeys/setup.yml": text})
    assert found[0] == (
        f"journeys/setup.yml:{line_of(text, '- title: Ticket tags')}: error: this source's title gives it the id "
        f"'ticket-tags', and that id is already declared portfolio-wide in evidence.yml:{line_of(SHARED, 'ticket-tags:')} "
        "— cite that source (and remove this one), or give this source an 'id:' of its own"
    )


def test_the_evidence_file_is_checked_source_by_source(tmp_path: Path) -> None:
    shared = (
        SHARED
        + "    Bad Id:\n      title: x\n    no-title:\n      kind: interview\n    wrong:\n      id: other\n      title: y\n"
    )
    found = problems(tmp_path, **{"evidence.yml": shared})
    assert (
        f"evidence.yml:{line_of(shared, 'Bad Id')}: error: 'Bad Id' is not a valid source id — use lowercase letters, digits and hyphens, e.g. 'bad-id'"
        in found
    )
    assert any(
        p.startswith(f"evidence.yml:{line_of(shared, 'no-title') + 1}: error: missing the required key 'title'")
        for p in found
    )
    wrong = f"evidence.yml:{line_of(shared, 'id: other')}: error: source 'wrong' says 'id: other'"
    assert any(p.startswith(wrong) for p in found), found
    # The good sources still count: the map that cites them is valid.
    assert not any(p.startswith("journeys/") for p in found)


def test_no_evidence_file_is_fine_and_a_map_can_stand_alone(tmp_path: Path) -> None:
    write_tree(tmp_path, {"owners.yml": OWNERS, "personas/priya.md": PERSONA, "journeys/setup.yml": CURRENT})
    portfolio = load_portfolio(tmp_path)
    assert portfolio.problems == [] and portfolio.evidence == {}
    assert portfolio.map_evidence(portfolio.maps["setup"]).backed == 0


# -- pages ------------------------------------------------------------------------------------


def one(node: BeautifulSoup | Tag, selector: str) -> Tag:
    found = node.select_one(selector)
    assert found is not None, selector
    return found


def up(node: Tag) -> Tag:
    assert node.parent is not None
    return node.parent


def fact(page: BeautifulSoup, term: str) -> Tag:
    """The value of a fact of the map's header."""
    dt = next(d for d in page.select(".cjm-facts dt") if d.get_text() == term)
    dd = dt.find_next_sibling("dd")
    assert isinstance(dd, Tag)
    return dd


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_site(tmp_path_factory.mktemp("evidence"), files())


def test_the_grid_marks_assumptions_and_cites_sources_by_number(site: Site) -> None:
    page = site.html("journeys/setup/")
    pain = one(page, "#hidden-guide")
    assert [a["href"] for a in pain.select(".cjm-cite a")] == ["#source-setup-interviews", "#source-ticket-tags"]
    assert [a.get_text() for a in pain.select(".cjm-cite a")] == ["1", "3"]
    assert "High confidence" in one(pain, ".cjm-cite").get_text()
    assert pain.select(".cjm-assume") == []
    unboxes = up(next(t for t in page.select(".cjm-step__title") if t.get_text() == "Unboxes the card reader"))
    assert one(unboxes, ".cjm-assume").get_text(strip=True) == "Assumption"
    assert one(unboxes, ".cjm-assume")["title"] == "Assumption"
    stated = next(li for li in page.select(".cjm-items li") if li.get_text().startswith("Pairing fails twice"))
    assert one(stated, ".cjm-conf").get_text(strip=True) == "(Low confidence, stated)"
    assert stated.select(".cjm-assume") == []
    kpi = one(page, ".cjm-items--kpis li")
    assert one(kpi, ".cjm-cite a")["href"] == "#source-set-up-funnel"
    toggle = one(page, "button.cjm-assume-toggle")
    assert toggle["aria-pressed"] == "false" and toggle["aria-controls"] == "cjm-grid"


def test_the_header_says_how_much_of_the_map_rests_on_research(site: Site) -> None:
    dd = fact(site.html("journeys/setup/"), "Evidence")
    entry = load_portfolio(site.root / "docs").maps["setup"]
    total = sum(
        len(s.steps)
        + sum(len(s.items(k)) for k in [r.key for r in entry.lanes.item_rows()])
        + len(s.opportunities)
        + len(s.kpis)
        for s in entry.model.stages
    )
    assert dd.get_text(" ", strip=True).startswith(f"4 of {total} items ({round(400 / total)}%) cite research")
    assert one(dd, "a")["href"] == "#evidence"


def test_each_source_lists_what_it_supports_on_the_map(site: Site) -> None:
    page = site.html("journeys/setup/")
    sources = page.select("#evidence ~ ol.cjm-evidence > li.cjm-source")
    assert [li["id"] for li in sources] == [
        "source-setup-interviews",
        "source-set-up-funnel",
        "source-ticket-tags",
        "source-owner-panel",
    ]
    assert [(a["href"], a.get_text()) for a in sources[0].select(".cjm-source__supports a")] == [
        ("#stage-discover", "Discover · Steps"),
        ("#hidden-guide", "Discover · Negative moments"),
    ]
    panel = sources[3]
    assert one(panel, ".cjm-source__shared")["href"] == "../../evidence/#source-owner-panel"
    assert "Put the quick-start guide on top" in panel.get_text()


def test_the_evidence_page_lists_every_shared_source_and_what_cites_it(site: Site) -> None:
    page = site.html("evidence/")
    assert one(page, "h1").get_text() == "Research evidence"
    panel = up(one(page, "#source-owner-panel"))
    assert "Cited by 1 item on 1 map." in panel.get_text()
    assert [a["href"] for a in panel.select("li a")] == ["../journeys/setup/#guide-on-top"]
    tags = up(one(page, "#source-ticket-tags"))
    assert [a["href"] for a in tags.select("li a")] == ["../journeys/setup/#hidden-guide"]
    nav = site.html("journeys/setup/").select(".md-nav__link")
    assert any(a.get_text(strip=True) == "Research evidence" for a in nav)
    assert not site.exists("evidence.yml")


def test_the_evidence_page_summarises_a_much_cited_source(tmp_path: Path) -> None:
    many = {
        f"journeys/map-{i}.yml": CITED.replace("guide-on-top", f"guide-{i}").replace("pairing-wizard", f"wizard-{i}")
        for i in range(3)
    }
    site = build_site(tmp_path, {**files(), **many}, plugin={"list_limit": 2})
    panel = up(one(site.html("evidence/"), "#source-owner-panel"))
    assert "Cited by 4 items on 4 maps." in panel.get_text()
    assert len(panel.select("h3")) == 2
    assert "Showing 2 of 4." in one(panel, ".cjm-more").get_text()


def test_a_map_without_evidence_shows_no_evidence_section_but_its_share(tmp_path: Path) -> None:
    site = build_site(tmp_path, {"owners.yml": OWNERS, "personas/priya.md": PERSONA, "journeys/setup.yml": CURRENT})
    page = site.html("journeys/setup/")
    assert page.select_one("#evidence") is None
    assert fact(page, "Evidence").get_text(" ", strip=True).startswith("0 of ")
    assert not site.exists("evidence/index.html")


def test_problems_are_errors(tmp_path: Path) -> None:
    write_tree(tmp_path, files(**{"journeys/setup.yml": CITED.replace("evidence: owner-panel", "evidence: nope")}))
    assert {p.severity for p in load_portfolio(tmp_path).problems} == {Severity.ERROR}
