"""The loader: a valid portfolio loads; every mistake gets one message with file, line and column."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest

from conftest import CURRENT, small_portfolio, write_tree
from mkdocs_cjm.core.assembly.portfolio import Portfolio
from mkdocs_cjm.core.loader import ParseCache, load_portfolio
from mkdocs_cjm.core.maptypes import MapType
from mkdocs_cjm.core.problems import Severity

TODAY = date(2026, 11, 24)


def load(tmp_path: Path, files: Mapping[str, str | bytes]) -> Portfolio:
    write_tree(tmp_path, files)
    return load_portfolio(tmp_path, today=TODAY)


def messages(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    return [str(p) for p in load(tmp_path, {**small_portfolio(), **files}).problems]


def test_valid_portfolio_loads_everything(tmp_path: Path) -> None:
    portfolio = load(tmp_path, small_portfolio())
    assert portfolio.problems == []
    assert list(portfolio.personas) == ["priya"]
    assert sorted(portfolio.maps) == ["setup", "setup-future"]
    assert sorted(portfolio.owners) == ["cx", "jo", "shop-team"]
    assert sorted(portfolio.opportunities) == ["guide-on-top", "pairing-wizard"]
    assert portfolio.opportunities["pairing-wizard"].owner == "shop-team"
    assert portfolio.maps["setup"].model.type is MapType.CURRENT_STATE
    assert portfolio.personas["priya"].source.body.startswith("Priya has run")
    assert portfolio.personas["priya"].source.body_line == 14
    assert sorted(portfolio.sources) == [
        "journeys/setup-future.yml",
        "journeys/setup.yml",
        "owners.yml",
        "personas/priya.md",
    ]


def test_forgiving_spellings_of_enums_and_dates(tmp_path: Path) -> None:
    text = CURRENT.replace("status: planned", "status: In Progress").replace(
        "type: current-state", "type: Current State"
    )
    portfolio = load(tmp_path, {**small_portfolio(), "journeys/setup.yml": text})
    assert portfolio.problems == []
    assert portfolio.opportunities["guide-on-top"].opportunity.status.value == "in-progress"


CASES = [
    # (file, find, replace, expected problem)
    (
        "journeys/setup.yml",
        "    emotion: -2\n",
        "    emotio: -2\n",
        "journeys/setup.yml:35:5: error: unknown key 'emotio' in stage \"Pair the reader\" — did you mean 'emotion'?",
    ),
    (
        "journeys/setup.yml",
        "type: current-state",
        "type: curent-state",
        "journeys/setup.yml:2:7: error: 'curent-state' is not a valid type — did you mean 'current-state'?",
    ),
    (
        "journeys/setup.yml",
        "personas: [priya]",
        "personas: [priyaa]",
        "journeys/setup.yml:3:12: error: unknown persona 'priyaa' — did you mean 'priya'?",
    ),
    (
        "journeys/setup.yml",
        "owner: shop-team",
        "owner: shop-teem",
        "journeys/setup.yml:6:8: error: unknown owner 'shop-teem' — did you mean 'shop-team'?",
    ),
    (
        "journeys/setup.yml",
        "        owner: jo\n",
        "        owner: joe\n",
        "journeys/setup.yml:27:16: error: unknown owner 'joe' — did you mean 'jo'?",
    ),
    (
        "journeys/setup.yml",
        "    emotion: -2\n",
        "    emotion: -3\n",
        'journeys/setup.yml:35:14: error: the emotion score -3 of stage "Pair the reader" is outside the map\'s '
        "scale -2..2 — use a score from -2 to 2, or declare another 'scale:' for the map",
    ),
    (
        "journeys/setup.yml",
        "reviewed: 2026-10-01",
        "reviewed: 1 October",
        "journeys/setup.yml:8:11: error: 'reviewed' must be a date (YYYY-MM-DD), not text — write dates as "
        "YYYY-MM-DD, e.g. 2026-09-14",
    ),
    (
        "journeys/setup.yml",
        "        addresses: hidden-guide",
        "        addresses: hiden-guide",
        "journeys/setup.yml:31:20: error: opportunity 'guide-on-top' addresses 'hiden-guide', which is not the id of "
        "a negative moment of this map — did you mean 'hidden-guide'?",
    ),
    (
        "journeys/setup.yml",
        "backlog: https://backlog.example/TW-1",
        "backlog: javascript:alert(1)",
        "journeys/setup.yml:30:18: error: 'javascript:alert(1)' is not a web link: only http:// and https:// "
        'addresses are allowed (\'backlog\' of opportunity "guide-on-top" of stage "Discover") — write the full '
        "address of the page, starting with https://",
    ),
    (
        "journeys/setup.yml",
        "    steps: [Takes a card payment]",
        "    thoughts: yes",
        "journeys/setup.yml:44:15: error: 'thoughts' in stage \"First sale\" must be a list (lines that start with "
        "'- '), not text",
    ),
    (
        "journeys/setup.yml",
        "  - name: First sale\n",
        "  - nam: First sale\n",
        "journeys/setup.yml:42:5: error: unknown key 'nam' in stage 3 — did you mean 'name'?",
    ),
    (
        "journeys/setup-future.yml",
        "improves: setup",
        "improves: setpu",
        "journeys/setup-future.yml:4:11: error: unknown map 'setpu' — did you mean 'setup'?",
    ),
    (
        "journeys/setup-future.yml",
        "realises: [guide-on-top]",
        "realises: [guide-on-tpo]",
        "journeys/setup-future.yml:5:12: error: unknown opportunity 'guide-on-tpo' — did you mean 'guide-on-top'?",
    ),
    (
        "journeys/setup-future.yml",
        "improves: setup\n",
        "",
        "journeys/setup-future.yml:2:7: error: a future-state map must name the current-state map it improves "
        "— add 'improves: <id of the current-state map>'",
    ),
    (
        "journeys/setup.yml",
        "stages:\n",
        "improves: setup-future\nstages:\n",
        "journeys/setup.yml:10:1: error: only a future-state map can use 'improves' — remove it, or change 'type' "
        "to future-state",
    ),
    (
        "journeys/setup.yml",
        "scenario: Priya sets up her new till before opening on Saturday.\n",
        "",
        "journeys/setup.yml:1:1: error: missing the required key 'scenario' — add 'scenario: …' with the "
        "situation the map follows",
    ),
    (
        "personas/priya.md",
        "owner: cx",
        "owner: ux",
        "personas/priya.md:12:8: error: unknown owner 'ux' — expected one of: cx, jo, shop-team",
    ),
    (
        "personas/priya.md",
        "quote: I want",
        "quot: I want",
        "personas/priya.md:4:1: error: unknown key 'quot' — did you mean 'quote'?",
    ),
    (
        "owners.yml",
        "  team: shop-team",
        "  team: jo",
        "owners.yml:10:9: error: 'jo' is a person, not a team — name the team this person belongs to",
    ),
    (
        "owners.yml",
        "  kind: person",
        "  kind: human",
        "owners.yml:9:9: error: 'human' is not a valid kind in owner 'jo' — expected one of: person, team",
    ),
]


@pytest.mark.parametrize("file,find,replace,expected", CASES, ids=[c[3].split(": ", 2)[2][:50] for c in CASES])
def test_each_mistake_has_one_clear_message(tmp_path: Path, file: str, find: str, replace: str, expected: str) -> None:
    files = small_portfolio()
    original = files[file]
    assert isinstance(original, str)
    dedented = __import__("textwrap").dedent(original).lstrip("\n")
    assert find in dedented, f"test setup: {find!r} not in {file}"
    files[file] = dedented.replace(find, replace, 1)
    problems = [str(p) for p in load(tmp_path, files).problems if p.severity is Severity.ERROR]
    assert problems == [expected]


def test_broken_map_is_dropped_but_the_rest_loads(tmp_path: Path) -> None:
    portfolio = load(tmp_path, {**small_portfolio(), "journeys/setup.yml": "title: [unclosed\n"})
    assert [str(p) for p in portfolio.problems] == [
        "journeys/setup.yml:1:8: error: the list in [brackets] that starts here is not closed — add the closing "
        "']', or put text containing commas in quotes"
    ]
    assert "setup" not in portfolio.maps
    # The future state still loads; no second error about its link to the unreadable map.
    assert "setup-future" in portfolio.maps
    assert "priya" in portfolio.personas


def test_every_error_of_the_portfolio_in_one_pass(tmp_path: Path) -> None:
    files = {
        **small_portfolio(),
        "journeys/a.yml": "title: A\ntype: current-state\npersonas: [nobody]\nscenario: s\nowner: nobody\n"
        "stages:\n  - name: S\n    emotion: 9\n    emotio: 1\n",
        "journeys/b.yml": "title: B\ntype: day-in-the-life\npersonas: [priya]\nscenario: s\nowner: cx\n"
        "stages:\n  - {name: Noon, time: '12:00'}\n  - {name: Morning, time: '08:00'}\n"
        "  - {name: Night}\n",
        "personas/x.yml": "name: [a]\n",
    }
    problems = [str(p) for p in load(tmp_path, files).problems]
    assert problems == [
        "journeys/a.yml:3:12: error: unknown persona 'nobody' — expected one of: priya, x",
        "journeys/a.yml:5:8: error: unknown owner 'nobody' — expected one of: cx, jo, shop-team",
        'journeys/a.yml:8:14: error: the emotion score 9 of stage "S" is outside the map\'s scale -2..2 — use a '
        "score from -2 to 2, or declare another 'scale:' for the map",
        "journeys/a.yml:9:5: error: unknown key 'emotio' in stage \"S\" — did you mean 'emotion'?",
        'journeys/b.yml:8:27: error: stage "Morning" at 08:00 comes after "Noon" at 12:00: the stages of a day '
        "in the life must be in time order — move the stage to its place in the day, or correct its time",
        "journeys/b.yml:9:5: error: stage \"Night\" of a day-in-the-life map has no time of day — add 'time: HH:MM' "
        "to the stage",
        "personas/x.yml:1:7: error: 'name' must be text, not a list",
    ]


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    second = __import__("textwrap").dedent(CURRENT).replace("title: Setting up the till", "title: Copy")
    problems = [str(p) for p in load(tmp_path, {**small_portfolio(), "journeys/more/setup.yml": second}).problems]
    # The stray copy deeper in the folders is the one left out, with its opportunities; the
    # original keeps its id, its opportunities and its future state.
    assert problems == [
        "journeys/more/setup.yml:1:1: error: the map id 'setup' is already used by journeys/setup.yml, "
        "which sits in fewer folders; this file is left out — give this file another name, or another 'id:'",
        "journeys/more/setup.yml:25:13: error: the opportunity id 'guide-on-top' is already used in "
        "journeys/setup.yml:25, which has no error of its own; this map is left out — opportunity ids must be "
        "unique across the portfolio; choose another",
        "journeys/more/setup.yml:39:13: error: the opportunity id 'pairing-wizard' is already used in "
        "journeys/setup.yml:39, which has no error of its own; this map is left out — opportunity ids must be "
        "unique across the portfolio; choose another",
    ]


def test_yaml_problems(tmp_path: Path) -> None:
    cases: dict[str, str | bytes] = {
        "journeys/tabs.yml": "title: A\n\ttype: x\n",
        "journeys/twice.yml": "title: A\ntitle: B\n",
        "journeys/empty.yml": "",
        "journeys/list.yml": "- a\n- b\n",
        "journeys/latin1.yml": "title: Caf\xe9\n".encode("latin-1"),
        "journeys/nofront.md": "# Just a heading\n",
        "journeys/open.md": "---\ntitle: A\n",
    }
    problems = {p.file: str(p) for p in load(tmp_path, {**small_portfolio(), **cases}).problems}
    assert problems["journeys/tabs.yml"] == (
        "journeys/tabs.yml:2:1: error: a tab character is not allowed here — "
        "YAML indents with spaces: replace the tab with spaces"
    )
    assert problems["journeys/twice.yml"] == (
        "journeys/twice.yml:2:1: error: the key 'title' appears twice in the "
        "same mapping (first on line 1) — keep only one of them"
    )
    assert problems["journeys/empty.yml"].startswith("journeys/empty.yml:1:1: error: the map file is empty — ")
    assert problems["journeys/list.yml"].startswith("journeys/list.yml:1:1: error: the map file must hold keys")
    assert problems["journeys/latin1.yml"] == (
        "journeys/latin1.yml:1:11: error: the file is not UTF-8 text (byte "
        "0xe9 cannot be read) — save the file with UTF-8 encoding"
    )
    assert problems["journeys/nofront.md"] == (
        "journeys/nofront.md:1:1: error: the Markdown file has no YAML front "
        "matter — start the file with a line '---', then the map's keys, "
        "then another '---' line"
    )
    assert problems["journeys/open.md"] == (
        "journeys/open.md:1:1: error: the front matter that starts on line 1 is "
        "never closed — add a line '---' after the last key of the front matter"
    )


def test_yaml_reads_like_people_expect(tmp_path: Path) -> None:
    text = (
        __import__("textwrap")
        .dedent(CURRENT)
        .replace('thoughts: ["Where do I start?"]', "thoughts: [no, yes, 7:30, 0123]")
    )
    portfolio = load(tmp_path, {**small_portfolio(), "journeys/setup.yml": text})
    assert portfolio.problems == []
    items = [i.text for i in portfolio.maps["setup"].model.stages[0].items("thoughts")]
    assert items == ["no", "yes", "7:30", "0123"]


def test_warnings_do_not_drop_the_map(tmp_path: Path) -> None:
    text = __import__("textwrap").dedent(CURRENT).replace("reviewed: 2026-10-01\n", "")
    portfolio = load(tmp_path, {**small_portfolio(), "journeys/setup.yml": text})
    assert [str(p) for p in portfolio.problems] == [
        "journeys/setup.yml:7:9: warning: the map is published but has no 'reviewed' date — add "
        "'reviewed: YYYY-MM-DD' with the date of its last review"
    ]
    assert "setup" in portfolio.maps


def test_missing_owners_file(tmp_path: Path) -> None:
    files = small_portfolio()
    del files["owners.yml"]
    problems = [str(p) for p in load(tmp_path, files).problems]
    assert problems[0] == (
        "owners.yml:1:1: error: the owners file is missing — create owners.yml declaring the "
        "teams and people that own maps and opportunities"
    )


def test_parse_cache_reads_only_changed_files(tmp_path: Path) -> None:
    write_tree(tmp_path, small_portfolio())
    cache = ParseCache()
    load_portfolio(tmp_path, today=TODAY, cache=cache)
    assert (cache.hits, cache.misses) == (0, 4)
    path = tmp_path / "journeys/setup.yml"
    path.write_text(path.read_text().replace("Setting up the till", "Setting up the new till"))
    portfolio = load_portfolio(tmp_path, today=TODAY, cache=cache)
    assert (cache.hits, cache.misses) == (3, 5)
    assert portfolio.maps["setup"].model.title == "Setting up the new till"


def test_owners_and_persona_defaults(tmp_path: Path) -> None:
    portfolio = load(tmp_path, small_portfolio())
    assert portfolio.owners["jo"].source.line == 7
    assert portfolio.members_by_team["shop-team"][0].id == "jo"
    assert [m.id for m in portfolio.maps_by_persona["priya"]] == ["setup", "setup-future"]
    assert portfolio.personas["priya"].model.owner == "cx"
    assert portfolio.owners["cx"].model.kind == "team" and portfolio.owners["cx"].model.team is None
    assert list(portfolio.members_by_team) == ["shop-team"]  # only teams with members


def test_numbers_used_as_text_keep_their_spelling(tmp_path: Path) -> None:
    text = (
        __import__("textwrap")
        .dedent(CURRENT)
        .replace("title: Setting up the till", "title: 1.10")
        .replace("steps: [Takes a card payment]", "steps: [0x1F, 1_000, 2.50]")
        .replace("tags: [onboarding]", "tags: 007.0")
    )
    portfolio = load(tmp_path, {**small_portfolio(), "journeys/setup.yml": text})
    assert portfolio.problems == []
    model = portfolio.maps["setup"].model
    assert model.title == "1.10"
    assert [s.title for s in model.stages[2].steps] == ["0x1F", "1_000", "2.50"]
    assert model.tags == ["007.0"]
    # As numbers they are still numbers.
    assert model.stages[1].emotion == -2.0 and type(model.stages[1].emotion) is float


def test_merge_keys_follow_yaml_with_the_mapping_own_keys_winning(tmp_path: Path) -> None:
    merged = (
        "title: Merged\ntype: current-state\npersonas: [priya]\nscenario: S\nowner: cx\nstages:\n"
        "  - &base {name: Look, emotion: -1, steps: [Looks around], owner: cx}\n"
        "  - <<: *base\n    name: Look again\n    emotion: 1\n"
        "  - <<: [{name: First, description: From the first}, {name: Second, description: Two, emotion: 2}]\n"
    )
    portfolio = load(tmp_path, {**small_portfolio(), "journeys/merged.yml": merged})
    assert portfolio.problems == []
    stages = portfolio.maps["merged"].model.stages
    assert [(s.name, s.emotion, [x.title for x in s.steps], s.owner) for s in stages[:2]] == [
        ("Look", -1.0, ["Looks around"], "cx"),
        ("Look again", 1.0, ["Looks around"], "cx"),
    ]
    assert (stages[2].name, stages[2].description, stages[2].emotion) == ("First", "From the first", 2.0)


def test_stage_anchors_are_unique_and_stable_in_any_script(tmp_path: Path) -> None:
    names = ["发现", "Оплата", "оплата", "🔍", "💳", "!!!", "Café", "cafe", "الدفع", "हिन्दी"]
    stages = "".join(f"  - name: '{n}'\n" for n in names) + "  - {name: Other, id: cafe-2}\n"
    text = "title: T\ntype: current-state\npersonas: [priya]\nscenario: S\nowner: cx\nstages:\n" + stages
    portfolio = load(tmp_path, {**small_portfolio(), "journeys/any.yml": text})
    assert portfolio.problems == []
    ids = portfolio.maps["any"].stage_ids
    assert ids == [
        "发现",
        "оплата",
        "оплата-2",
        "u1f50d",
        "u1f4b3",
        "u21-u21-u21",
        "cafe",
        "cafe-3",  # cafe-2 is another stage's own id
        "الدفع",
        "हिन्दी",
        "cafe-2",
    ]
