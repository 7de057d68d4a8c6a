"""Current vs future, stage by stage (issue 15, point 3): stages matched by id, then name;
unmatched stages added or removed; emotion before and after on the future state's scale; the
pains the realised opportunities address; the current state's page names the gain."""

from __future__ import annotations

from pathlib import Path

from conftest import FUTURE, TODAY, build_site, small_portfolio, write_tree
from mkdocs_cjm.core.compare import compare
from mkdocs_cjm.core.loader import load_portfolio

# The future state renames "Pair the reader" (matched by its id), drops "First sale", adds
# "Tells a friend", and scores on 1..5 (the current state's −2..+2 scores are put on it).
FUTURE_PLUS = (
    FUTURE.replace("  - name: Pair the reader\n", "  - name: Pairing in one tap\n        id: pair-the-reader\n")
    .replace("      - name: First sale\n        emotion: 2\n        steps: [Takes a card payment]\n", "")
    .replace("    stages:\n", "    scale: 1..5\n    stages:\n")
    .replace("emotion: 1\n", "emotion: 4\n")
    + "      - name: Tells a friend\n        emotion: 5\n        steps: [Recommends the till]\n"
)


def portfolio_files() -> dict[str, str]:
    return {**small_portfolio(), "journeys/setup-future.yml": FUTURE_PLUS}


def test_stages_are_matched_by_id_then_name_and_scored_on_the_future_scale(tmp_path: Path) -> None:
    write_tree(tmp_path, portfolio_files())
    p = load_portfolio(tmp_path, today=None)
    assert [str(x) for x in p.errors] == []
    current, future = p.maps["setup"], p.maps["setup-future"]
    cmp = compare(current, future, [p.opportunities["guide-on-top"]])
    rows = [(s.name, s.kind, s.before, s.after, s.change) for s in cmp.stages]
    # Discover: current mean of steps (1, −1) = 0 → 3 on 1..5; Pair: −2 → 1; First sale removed.
    assert rows == [
        ("Discover", "same", 3.0, 4, 1.0),
        ("Pairing in one tap", "same", 1.0, 4, 3.0),
        ("Tells a friend", "added", None, 5, None),
        ("First sale", "removed", 5.0, None, None),
    ]
    assert cmp.mean_change == 2.0 and cmp.compared == 2
    discover = cmp.stages[0]
    assert [x.text for x in discover.pains] == ["The guide is hard to find"]
    assert [r.id for r in discover.realised] == ["guide-on-top"]


def test_the_pages_show_the_comparison_and_the_gain(tmp_path: Path) -> None:
    site = build_site(tmp_path, portfolio_files(), plugin={"today": TODAY})
    page = site.html("journeys/setup-future/")
    section = page.select_one("section.cjm-compare")
    assert section is not None
    assert [h.get_text() for h in section.select("h2#compare")] == ["Before and after"]
    assert [a["href"] for a in page.select(".cjm-bar .cjm-sections a") if a["href"] == "#compare"] == ["#compare"]
    rows = [[c.get_text(" ", strip=True) for c in tr.select("th, td")] for tr in section.select("tbody tr")]
    assert rows[0][:4] == ["Discover", "3", "4", "+1"]
    assert rows[0][4] == "The guide is hard to find" and rows[0][5].startswith("Put the quick-start guide on top")
    assert rows[2][0] == "Tells a friend Added" and rows[2][1] == "—"
    assert rows[3][0] == "First sale Removed" and rows[3][2] == "—"
    link = section.select_one('td[data-label="Opportunities realised"] a')
    assert link is not None and link["href"] == "../setup/#guide-on-top"
    current = site.html("journeys/setup/")
    facts = [d.get_text(" ", strip=True) for d in current.select(".cjm-facts div") if "Future state" in d.get_text()]
    assert facts == ["Future state Setting up the till, improved (+2 a stage on average over 2 stages)"]
