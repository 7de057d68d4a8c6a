"""The importer: whiteboard exports and spreadsheets into map files, with nothing lost.

Each imported map is written into a real portfolio and loaded with the real loader, so "it
validates" means what `mkdocs-cjm validate` says.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from conftest import REPO, load_example, small_portfolio, write_tree
from mkdocs_cjm.core import export
from mkdocs_cjm.core.importer import (
    Imported,
    cell_items,
    import_csv,
    import_file,
    import_table,
    import_whiteboard,
    looks_like_html,
    split_heading,
)
from mkdocs_cjm.core.lanes import LANES, lane_for_title
from mkdocs_cjm.core.loader import load_portfolio
from mkdocs_cjm.core.problems import ContentError

EXPORTS = REPO / "tests/fixtures/template-exports"
LANE_ORDER = ["steps", "interactions", "goals", "positives", "negatives", "opportunities"]


def convert(text: str, **options: Any) -> Imported:
    return import_whiteboard(text, source="board.txt", map_id="board", persona="priya", owner="cx", **options)


def grid(imported: Imported) -> dict[str, list[list[str]]]:
    """Lane key -> the items of each stage, as the map file holds them."""
    stages = imported.data["stages"]
    keys = ["steps", *imported.data.get("lanes", {}), *LANES]
    table: dict[str, list[list[str]]] = {}
    for key in dict.fromkeys(keys):
        cells = [[o["title"] if isinstance(o, dict) else o for o in s.get(key, [])] for s in stages]
        if any(cells):
            table[key] = cells
    return table


def loads_cleanly(tmp_path: Path, imported: Imported, name: str = "board") -> Any:
    """Write the import into a small portfolio and load it: no problem at all in its file."""
    write_tree(tmp_path, small_portfolio())
    (tmp_path / "journeys" / f"{name}.yml").write_text(imported.text, encoding="utf-8")
    portfolio = load_portfolio(tmp_path)
    problems = [str(p) for p in portfolio.problems if p.file == f"journeys/{name}.yml"]
    assert problems == []
    return portfolio.maps[name].model


def total(imported: Imported) -> int:
    return sum(len(cell) for cells in grid(imported).values() for cell in cells)


# -- the two fixtures -----------------------------------------------------------------------------


def test_stock_management_export_arrives_item_for_item(tmp_path: Path) -> None:
    path = EXPORTS / "stock-management-five-es.txt"
    imported = import_file(path, source=path.name, map_id="board", persona="priya", owner="cx")
    report = imported.report
    assert (report.stages, report.lanes, report.items, report.custom_lanes) == (5, 6, 65, [])
    model = loads_cleanly(tmp_path, imported)
    assert [s.name for s in model.stages] == ["Entice", "Enter", "Engage", "Exit", "Extend"]
    assert model.stages[0].description == "How does someone initially become aware of this process?"
    # The same items, in the same cells, as the map converted by hand for the example portfolio.
    by_hand = load_example().maps["stock-management"].model
    for got, want in zip(model.stages, by_hand.stages, strict=True):
        assert [s.title for s in got.steps] == [s.title for s in want.steps]
        for lane in ("interactions", "goals", "positives", "negatives"):
            assert [i.text for i in got.items(lane)] == [i.text for i in want.items(lane)], (got.name, lane)
        assert [o.title for o in got.opportunities] == [o.title for o in want.opportunities]
    assert (
        sum(len(s.steps) + len(s.opportunities) + sum(len(s.items(k)) for k in LANE_ORDER[1:5]) for s in model.stages)
        == 65
    )
    # The board's own words around the grid are kept as comments; its heading ("Document an
    # existing experience") is the template's instruction, never the scenario.
    assert model.scenario == "Imported from stock-management-five-es.txt; describe the situation this map covers."
    assert "#   Customer experience journey map" in imported.text
    assert "#   Document an existing experience" in imported.text
    assert report.warnings[-1] == "the export has no scenario line; write the map's scenario"


def test_blank_template_gives_its_stages_lanes_and_prompts(tmp_path: Path) -> None:
    path = EXPORTS / "blank-five-es-template.txt"
    imported = import_file(path, source=path.name, map_id="board", persona="priya", owner="cx")
    assert (imported.report.stages, imported.report.lanes, imported.report.items) == (5, 6, 30)
    model = loads_cleanly(tmp_path, imported)
    assert [s.name for s in model.stages] == ["Entice", "Enter", "Engage", "Exit", "Extend"]
    assert model.stages[4].description == "What happens after the experience is over?"
    # Plain words in every cell: kept whole, and the editor is told to split them.
    assert model.stages[0].steps[0].title == "Research to Market Discover the Problem Learn to Solve the Problem"
    assert imported.report.warnings[0].startswith("30 cells had nothing between items")


# -- cells and headings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "items", "separated"),
    [
        ("<div>One</div> <div>Two</div>", ["One", "Two"], True),
        ("<div>One</div><div>Two</div>", ["One", "Two"], True),  # no space between the elements
        ("<div>Only one</div>", ["Only one"], True),
        ("One<br>Two<br/>Three", ["One", "Two", "Three"], True),
        ("<ul><li>One</li><li>Two</li></ul>", ["One", "Two"], True),
        ("<p>One &amp; two</p><p>&lt;three&gt;&nbsp;four</p>", ["One & two", "<three> four"], True),
        ("One\nTwo\r\nThree", ["One", "Two", "Three"], True),  # a quoted cell's line breaks
        ("• One • Two", ["One", "Two"], True),
        ("- One\n- Two\n* Three", ["One", "Two", "Three"], True),
        ("1. One\n2) Two", ["One", "Two"], True),
        ("<div>1. Call the bank</div>", ["1. Call the bank"], True),  # one numbered note keeps its number
        ("Plain words in a cell", ["Plain words in a cell"], False),
        ("", [], False),
        ("  <div> </div>  ", [], True),
        ("<div><b>Bold</b> and <i>italic</i></div>", ["Bold and italic"], True),
        ("<div>Keep a <script>alert(1)</script>script out</div>", ["Keep a script out"], True),
        ("Fish & chips < 5 €", ["Fish & chips < 5 €"], False),  # not HTML: left as written
        ("<Customer> signs in", ["<Customer> signs in"], False),  # no HTML in it: text
        ("<Customer> signs <b>in</b>", ["<Customer> signs in"], False),  # HTML, but '<Customer>' is not
        ("<span>C</span> <span>D</span>", ["C D"], False),  # inline elements do not separate
        ("Tab\x0bbed\x07 text", ["Tab bed text"], False),  # control characters go
    ],
)
def test_cell_items(raw: str, items: list[str], separated: bool) -> None:
    assert cell_items(raw) == (items, separated)


@pytest.mark.parametrize(
    ("raw", "name", "prompt"),
    [
        (
            "Entice How does someone initially become aware of this process?",
            "Entice",
            "How does someone initially become aware of this process?",
        ),
        (
            "<div>Goals & motivations At each step, what is a person's primary goal?</div>",
            "Goals & motivations",
            "At each step, what is a person's primary goal?",
        ),
        ("<div><h3>Entice</h3><p>How does it start?</p></div>", "Entice", "How does it start?"),
        (
            "<div>Interactions What do they meet?<ul><li>People: who?</li><li>Places: where?</li></ul></div>",
            "Interactions",
            "What do they meet? People: who? Places: where?",
        ),
        (
            "Interactions What do they meet?<ul>People: who?Places: where?</ul>",
            "Interactions",
            "What do they meet? People: who? Places: where?",
        ),
        ("Awareness", "Awareness", ""),
        ("Help me decide", "Help me decide", ""),
        ("", "", ""),
    ],
)
def test_headings_split_into_name_and_prompt(raw: str, name: str, prompt: str) -> None:
    assert split_heading(raw) == (name, prompt)


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Steps", "steps"),
        ("Actions", "steps"),
        ("Touchpoints", "interactions"),
        ("Interactions & touchpoints", "interactions"),
        ("Goals and motivations", "goals"),
        ("Thoughts & feelings", "thoughts"),
        ("Pain points", "negatives"),
        ("Positive moments", "positives"),
        ("Areas of opportunity", "opportunities"),
        ("Ideas", "opportunities"),
        ("Front stage", "frontstage"),
        ("Support processes", "support"),
        ("Physical evidence", "physical_evidence"),
        ("Systems involved", None),
        ("Emotion", None),
        ("KPIs", None),
    ],
)
def test_lane_titles_map_to_built_in_lanes(title: str, key: str | None) -> None:
    assert lane_for_title(title) == key


# -- dialects -------------------------------------------------------------------------------------

HEADER = "\tEntice How does it start?\tEnter What happens first?\tEngage What happens?\n"


def test_flat_divs_without_separators_between_them(tmp_path: Path) -> None:
    imported = convert(
        HEADER + "<div>Steps What do they do?</div>\t<div>A</div><div>B</div>\t<div>C</div>\t<div>D</div>\n"
    )
    assert grid(imported) == {"steps": [["A", "B"], ["C"], ["D"]]}
    assert imported.report.warnings[:1] != ["no stage has steps; add what the person does in each stage"]
    loads_cleanly(tmp_path, imported)


def test_nested_headings_in_header_cells(tmp_path: Path) -> None:
    header = "\t" + "\t".join(f"<div><h3>{n}</h3><p>Prompt of {n}?</p></div>" for n in ("Discover", "Buy")) + "\n"
    imported = convert(header + "<div><h4>Steps</h4><p>What?</p></div>\tLooks around\tPays\n")
    model = loads_cleanly(tmp_path, imported)
    assert [(s.name, s.description) for s in model.stages] == [
        ("Discover", "Prompt of Discover?"),
        ("Buy", "Prompt of Buy?"),
    ]
    assert grid(imported) == {"steps": [["Looks around"], ["Pays"]]}


def test_empty_cells_stay_empty_and_blank_lines_around_the_grid_are_ignored(tmp_path: Path) -> None:
    text = (
        "\n\n\r\n"
        + HEADER.replace("\n", "\r\n")
        + "Steps\tA\t\tC\r\n"
        + "Negative moments\t\t\t\r\n"
        + "Pain points too\t\tSlow\t\r\n\r\n\r\n"
    )
    imported = convert(text)
    assert grid(imported) == {"steps": [["A"], [], ["C"]], "pain_points_too": [[], ["Slow"], []]}
    assert imported.report.lanes == 3 and imported.report.items == 3
    model = loads_cleanly(tmp_path, imported)
    assert [len(s.negatives) for s in model.stages] == [0, 0, 0]
    assert "Enter" in [s.name for s in model.stages] and not model.stages[1].steps


def test_unknown_lanes_become_custom_lanes_never_dropped(tmp_path: Path) -> None:
    text = (
        HEADER
        + "Steps\tA\tB\tC\nSystems involved Which systems?\tCRM\t\tERP; WMS\nKPIs\tNPS\t\t\n"
        + "Steps\tAgain\t\t\n\tNo title\t\t\n"
    )
    imported = convert(text)
    report = imported.report
    assert report.custom_lanes == ["systems_involved", "kpis_2", "steps_2", "lane_on_line_6"]
    assert imported.data["lanes"]["systems_involved"] == {"title": "Systems involved", "prompt": "Which systems?"}
    assert report.items == 8 and report.lanes == 5
    assert any("'Steps' is a second row of the Steps lane (the first is on line 2)" in w for w in report.warnings)
    assert any("line 6: a row without a lane title" in w for w in report.warnings)
    model = loads_cleanly(tmp_path, imported)
    assert [i.text for i in model.stages[2].items("systems_involved")] == ["ERP; WMS"]


def test_ragged_rows_lose_nothing(tmp_path: Path) -> None:
    text = HEADER + "Steps\tA\n" + "Goals\tG1\tG2\tG3\tG4 beyond the last stage\n"
    imported = convert(text)
    assert [s["name"] for s in imported.data["stages"]] == ["Entice", "Enter", "Engage", "Stage 4"]
    assert grid(imported)["goals"] == [["G1"], ["G2"], ["G3"], ["G4 beyond the last stage"]]
    assert any("has no name in the header row" in w for w in imported.report.warnings)
    assert any("the 'Steps' row has 1 of 4 cells" in w for w in imported.report.warnings)
    loads_cleanly(tmp_path, imported)


def test_quoted_cells_with_line_breaks_and_tabs() -> None:
    text = HEADER + 'Steps\t"One\nTwo"\t"Say ""hi""\tthere"\tThree\nGoals\tG\t\t\n'
    imported = convert(text)
    assert grid(imported) == {"steps": [["One", "Two"], ['Say "hi" there'], ["Three"]], "goals": [["G"], [], []]}
    assert "line 6" not in " ".join(imported.report.warnings)


def test_a_scenario_line_and_text_after_the_grid(tmp_path: Path) -> None:
    text = (
        "Checkout board\nScenario: Sam buys a gift card online\n\n"
        + HEADER
        + "Steps\tA\tB\tC\n"
        + "Notes from the session: bring snacks\n"
    )
    imported = convert(text, title="Buying a gift card")
    model = loads_cleanly(tmp_path, imported)
    assert (model.title, model.scenario) == ("Buying a gift card", "Sam buys a gift card online")
    assert "#   Checkout board" in imported.text and "#   Notes from the session: bring snacks" in imported.text
    assert any("line 6 has no tab" in w for w in imported.report.warnings)


@pytest.mark.parametrize(
    ("row", "scale", "scores"),
    [
        ("Emotion\t+1\t\t−2", None, [1, None, -2]),
        ("Sentiment score\t4\t5\t1", "1..5", [4, 5, 1]),
        ("Mood\t7\t10\t2.5", "1..10", [7, 10, 2.5]),
    ],
)
def test_an_emotion_row_of_numbers_gives_the_stages_scores(
    tmp_path: Path, row: str, scale: str | None, scores: list[float | None]
) -> None:
    imported = convert(HEADER + "Steps\tA\tB\tC\n" + row + "\n")
    model = loads_cleanly(tmp_path, imported)
    assert [s.emotion for s in model.stages] == scores
    assert imported.data.get("scale") == scale and "lanes" not in imported.data
    assert (imported.report.lanes, imported.report.items, imported.report.scores) == (2, 3, 3 - scores.count(None))


def test_an_emotion_row_of_words_or_odd_numbers_stays_a_lane(tmp_path: Path) -> None:
    imported = convert(HEADER + "Steps\tA\tB\tC\nEmotion\thappy\t\tcross\nMood\t11\t3\t-4\n")
    assert imported.report.custom_lanes == ["emotion_2", "mood"] and imported.report.scores == 0
    assert grid(imported)["mood"] == [["11"], ["3"], ["-4"]]
    loads_cleanly(tmp_path, imported)


def test_a_titled_header_row_and_stages_with_the_same_anchor(tmp_path: Path) -> None:
    imported = convert("Journey map\t😀\t!!!\tLook\nSteps\tA\tB\tC\n")
    model = loads_cleanly(tmp_path, imported)
    assert [(s.name, s.id) for s in model.stages] == [("😀", None), ("!!!", "stage-2"), ("Look", None)]
    assert imported.report.warnings[:2] == [
        "the first cell of the header row (line 1) holds 'Journey map'; it was taken as a label, not a stage",
        "stages 1 ('😀') and 2 ('!!!') give the same link anchor 'stage'; stage 2 has the id 'stage-2'",
    ]
    assert "#   Journey map" in imported.text


def test_duplicate_stage_names_and_awkward_texts(tmp_path: Path) -> None:
    text = "\tLook\tLook\tPay\nSteps\tyes\t123\tnull\nAreas of opportunity\tSame idea\tSame idea\t<div>#1 &quot;fix&quot;</div>\n"
    imported = convert(text)
    model = loads_cleanly(tmp_path, imported)
    assert [s.id for s in model.stages] == [None, "look-2", None]
    assert [s.steps[0].title for s in model.stages] == ["yes", "123", "null"]
    ids = [o.id for s in model.stages for o in s.opportunities]
    assert ids == ["board-same-idea", "board-same-idea-2", "board-1-fix"]
    assert model.stages[2].opportunities[0].title == '#1 "fix"'


# -- CSV ------------------------------------------------------------------------------------------


def test_csv_with_commas_semicolons_and_quoted_line_breaks(tmp_path: Path) -> None:
    rows = [["", "Discover", "Buy"], ["Steps", "Looks\nCompares", "Pays"], ["Pain points", "", "Fees; hidden"]]
    for delimiter in (",", ";", "\t"):
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        imported = import_csv(out.getvalue(), source="sheet.csv", map_id="board", persona="priya", owner="cx")
        assert grid(imported) == {"steps": [["Looks", "Compares"], ["Pays"]], "negatives": [[], ["Fees; hidden"]]}
        loads_cleanly(tmp_path / (delimiter.strip().replace("\t", "tab") or "x"), imported)


def test_a_csv_file_is_told_apart_from_a_board(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Lanes,Discover,Buy\nSteps,Looks,Pays\n", encoding="utf-8")
    imported = import_file(sheet, source="sheet.csv", map_id="board", persona="priya", owner="cx")
    assert grid(imported) == {"steps": [["Looks"], ["Pays"]]}
    assert import_table([["", "A"], ["Steps", "x"]]).report.items == 1


def test_every_example_map_survives_a_csv_round_trip() -> None:
    portfolio = load_example()
    for entry in portfolio.maps.values():
        text = export.map_csv(entry)
        imported = import_csv(text, source="x.csv", map_id="x", persona="priya", owner="cx")
        stages = entry.model.stages
        want = sum(
            len(s.steps) + len(s.opportunities) + sum(len(s.items(k)) for k in export.item_lanes(entry)) for s in stages
        )
        assert (imported.report.stages, imported.report.items) == (len(stages), want), entry.id
        assert [s["name"] for s in imported.data["stages"]] == [s.name for s in stages]


# -- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "board.txt:1:1: error: the export is empty"),
        (b"\n  \n", "board.txt:1:1: error: the export is empty"),
        (b"Just some notes\nwithout a grid\n", "board.txt:1:1: error: no grid found in the export"),
        (b"\tEntice\tEnter\n\n", "board.txt:1:1: error: the export has stage names but no lane rows"),
        (b"first line\n\tEntice\tEnter\n", "board.txt:2:1: error: the export has stage names but no lane rows"),
        (b"ok\n\xff\xfe broken\n", "board.txt:2:1: error: the export is not UTF-8 text"),
    ],
)
def test_bad_exports_get_one_clear_message(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "board.txt"
    path.write_bytes(content)
    with pytest.raises(ContentError) as caught:
        import_file(path, source="board.txt")
    assert str(caught.value).startswith(expected + " — ")


def test_a_missing_file_is_a_message(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="the export cannot be read"):
        import_file(tmp_path / "nowhere.txt", source="nowhere.txt")


@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_either_import_or_raise_a_content_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(content)
    try:
        imported = import_file(path, source="any.txt", map_id="any", persona="priya", owner="cx")
    except ContentError:
        return
    assert yaml.safe_load(imported.text) == imported.data


# -- generated boards: nothing lost, nothing invented ----------------------------------------------

_WORD = (
    st.text(
        st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\t•◦▪‣"),
        min_size=1,
        max_size=25,
    )
    .map(lambda t: " ".join(t.split()))
    .filter(lambda t: t and t[0] not in "-*+·–" and not re.match(r"\d{1,3}[.)] ", t))
)
_LANES = [
    "Steps",
    "Interactions",
    "Goals & motivations",
    "Positive moments",
    "Negative moments",
    "Areas of opportunity",
    "Systems involved",
    "Thoughts & feelings",
    "Staff mood",
]


@st.composite
def boards(draw: Any) -> tuple[str, list[str], list[tuple[str, list[list[str]]]], str]:
    stages = draw(
        st.lists(
            st.sampled_from(["Entice", "Enter", "Engage", "Exit", "Extend", "Find", "Pay"]),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    lanes = draw(st.lists(st.sampled_from(_LANES), min_size=1, max_size=6, unique=True))
    content = [(lane, [draw(st.lists(_WORD, max_size=3)) for _ in stages]) for lane in lanes]
    dialect = draw(st.sampled_from(["divs", "divs-tight", "br", "li", "quoted-lines", "csv"]))
    return dialect, stages, content, draw(st.sampled_from(["", "\n\n", "Board title\n\n"]))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_board(dialect: str, stages: list[str], content: list[tuple[str, list[list[str]]]], lead: str) -> str:
    if dialect == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["", *stages])
        for lane, cells in content:
            writer.writerow([lane, *["\n".join(items) for items in cells]])
        return out.getvalue()

    def cell(items: list[str]) -> str:
        if dialect == "divs":
            return " ".join(f"<div>{_html(i)}</div>" for i in items)
        if dialect == "divs-tight":
            return "".join(f"<div>{_html(i)}</div>" for i in items)
        if dialect == "br":
            return "<br>".join(_html(i) for i in items) + ("<br>" if len(items) == 1 else "")
        if dialect == "li":
            return "<ul>" + "".join(f"<li>{_html(i)}</li>" for i in items) + "</ul>" if items else ""
        return (
            '"' + "\n".join(i.replace('"', '""') for i in items) + ('\n"' if len(items) == 1 else '"') if items else ""
        )

    lines = ["\t" + "\t".join(f"<div>{s} What happens here?</div>" for s in stages)]
    lines += [
        "\t".join([f"<div>{lane} What goes here?</div>", *[cell(items) for items in cells]]) for lane, cells in content
    ]
    return lead + "\n".join(lines) + "\n"


@given(boards())
@example(("br", ["Entice"], [("Steps", [['"', '"']])], ""))  # a quote mark that starts an item
@example(("quoted-lines", ["Entice"], [("Steps", [["0", "0"]])], ""))  # one stage, a quoted multi-line cell
@example(("csv", ["Entice", "Enter"], [("Steps", [["0", ";0"], ["0", ";", ";0"]])], ""))  # ';' inside cells
@settings(max_examples=150, deadline=None)
def test_generated_boards_arrive_cell_for_cell(
    board: tuple[str, list[str], list[tuple[str, list[list[str]]]], str],
) -> None:
    dialect, stages, content, lead = board
    if dialect in ("csv", "quoted-lines"):  # plain text: an entity or a block tag would be read as HTML
        assume(not any(looks_like_html(i) for _, cells in content for items in cells for i in items))
    text = render_board(dialect, stages, content, lead if dialect != "csv" else "")
    imported = (import_csv if dialect == "csv" else import_whiteboard)(
        text, source="b", map_id="b", persona="priya", owner="cx"
    )
    assert [s["name"] for s in imported.data["stages"]] == stages
    assert imported.report.items == sum(len(items) for _, cells in content for items in cells)
    assert imported.report.lanes == len(content)
    by_title = {
        lane_for_title(lane) or next(k for k, v in imported.data.get("lanes", {}).items() if v["title"] == lane): cells
        for lane, cells in content
    }
    assert grid(imported) == {k: v for k, v in by_title.items() if any(v)}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scratch")
    write_tree(root, small_portfolio())
    return root


_CELLS = st.text(max_size=25) | st.sampled_from(
    [
        "Steps",
        "Pain points",
        "<div>A</div><div>B</div>",
        "<Foo>",
        "1. x",
        "Look",
        "look",
        "Stage 2",
        "",
        "&amp;",
        "Journey map",
        "Emotion",
        "+1",
        "-2",
        "4",
        "11",
    ]
)
_GRIDS = st.tuples(
    st.sampled_from(["\t", "", "Board\t"]),
    st.lists(st.lists(_CELLS, min_size=2, max_size=5).map("\t".join), min_size=1, max_size=6),
).map(lambda lead_rows: lead_rows[0] + "\n".join(lead_rows[1]))


@given(_GRIDS)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_whatever_a_grid_holds_the_imported_map_validates(scratch: Path, text: str) -> None:
    """Odd stage names, lane titles and items (symbols, control characters, empty headers,
    names that give the same anchor) never make a map the loader refuses."""
    try:
        imported = import_whiteboard(text, source="b", map_id="b", persona="priya", owner="cx")
    except ContentError:
        return
    (scratch / "journeys" / "b.yml").write_text(imported.text, encoding="utf-8")
    portfolio = load_portfolio(scratch)
    assert [str(p) for p in portfolio.problems if p.file == "journeys/b.yml"] == []


# -- where the grid is, and what it holds (cases a review found) ------------------------------------


def stages_and_lanes(imported: Imported) -> tuple[list[str], dict[str, list[list[str]]]]:
    return [s["name"] for s in imported.data["stages"]], grid(imported)


@pytest.mark.parametrize(
    ("text", "stages", "lanes"),
    [
        # A lane row without a title is a row of the grid, not its header.
        (
            "Customer journey\tEntice\tEnter\nSteps\ta\tb\nPain points\tc\td\n\te\tf\nIdeas\tg\th\n",
            ["Entice", "Enter"],
            {
                "steps": [["a"], ["b"]],
                "negatives": [["c"], ["d"]],
                "lane_on_line_4": [["e"], ["f"]],
                "opportunities": [["g"], ["h"]],
            },
        ),
        # A line with a tab above the grid, on its own, is not the grid.
        (
            "Owner:\tJane Doe\n\nReturns map\tEntice\tEnter\nSteps\ta\tb\n",
            ["Entice", "Enter"],
            {"steps": [["a"], ["b"]]},
        ),
        (
            "Board\n\tTIP: move the Es around\n\n\tEntice\tEnter\nSteps\ta\tb\n",
            ["Entice", "Enter"],
            {"steps": [["a"], ["b"]]},
        ),
        # Columns empty in every row are dropped, on either side.
        ("\tEntice\tEnter\t\nSteps\ta\tb\t\n", ["Entice", "Enter"], {"steps": [["a"], ["b"]]}),
        # A header row without the empty corner cell.
        ("Entice\tEnter\tEngage\nSteps\ta\tb\tc\n", ["Entice", "Enter", "Engage"], {"steps": [["a"], ["b"], ["c"]]}),
        # A second grid is not merged into the first.
        (
            "Current state\n\tEntice\tEnter\nSteps\ta\tb\n\nFuture state\n\tEntice\tEnter\nSteps\te\tf\n",
            ["Entice", "Enter"],
            {"steps": [["a"], ["b"]]},
        ),
        # '<template>' in an item is text when nothing closes it; the next item is kept.
        (
            "\tEntice\tEnter\nSteps\tChoose a <template> from the gallery<br>Then edit it\tb\n",
            ["Entice", "Enter"],
            {"steps": [["Choose a <template> from the gallery", "Then edit it"], ["b"]]},
        ),
        # '&reg' without ';' is not an entity.
        (
            "\tA\tB\nSteps\t<div>Sign up&register</div>\t<div>Cut&copy &amp; paste</div>\n",
            ["A", "B"],
            {"steps": [["Sign up&register"], ["Cut&copy & paste"]]},
        ),
        # An opener word inside a stage name: the prompt starts at the last one before the question.
        (
            "\tSign In How does the person log in?\tCheck Out What happens?\nSteps\tx\ty\n",
            ["Sign In", "Check Out"],
            {"steps": [["x"], ["y"]]},
        ),
    ],
)
def test_the_grid_is_found_and_read_whole(
    tmp_path: Path, text: str, stages: list[str], lanes: dict[str, list[list[str]]]
) -> None:
    imported = convert(text)
    assert stages_and_lanes(imported) == (stages, lanes)
    loads_cleanly(tmp_path, imported)


def test_a_second_grid_is_reported_and_kept_as_comments() -> None:
    imported = convert("Current state\n\tEntice\tEnter\nSteps\ta\tb\n\nFuture state\n\tEntice\tEnter\nSteps\te\tf\n")
    assert (
        "line 6 starts a second grid; it was not imported (its text is kept as comments) — import it "
        "from a file of its own" in imported.report.warnings
    )
    assert "#   Steps | e | f" in imported.text


@pytest.mark.parametrize(
    ("text", "stages", "lanes"),
    [
        ("\ufeff;Entice;Enter;;\r\nSteps;a;b;;\r\n", ["Entice", "Enter"], {"steps": [["a"], ["b"]]}),
        (
            ",,Entice,Enter\n,Steps,a,b\n,Pain points,c,d\n",
            ["Entice", "Enter"],
            {"steps": [["a"], ["b"]], "negatives": [["c"], ["d"]]},
        ),
        # A tie on the first line: the delimiter that splits every line alike wins.
        (
            ";Discover, compare;Buy, pay\r\nSteps;Search;Checkout\r\nPain points;Too many options, slow site;Card declined\r\n",
            ["Discover, compare", "Buy, pay"],
            {"steps": [["Search"], ["Checkout"]], "negatives": [["Too many options, slow site"], ["Card declined"]]},
        ),
        # A title row above the grid.
        (
            "Customer journey map - returns,,\r\n,,\r\n,Entice,Enter\r\nSteps,a,b\r\n",
            ["Entice", "Enter"],
            {"steps": [["a"], ["b"]]},
        ),
    ],
)
def test_sheets_as_spreadsheets_save_them(
    tmp_path: Path, text: str, stages: list[str], lanes: dict[str, list[list[str]]]
) -> None:
    imported = import_csv(text.lstrip("\ufeff"), source="s.csv", map_id="board", persona="priya", owner="cx")
    assert stages_and_lanes(imported) == (stages, lanes)
    assert not any("nothing between items" in w for w in imported.report.warnings)  # lines separate items here
    loads_cleanly(tmp_path, imported)


@pytest.mark.parametrize(
    ("title", "values", "scale", "scores"),
    [
        ("Emotion How do they feel? (1 = awful, 5 = great)", "2\t1\t2", "1..5", [2, 1, 2]),
        ("Emotion (1-5)", "2\t1\t2", "1..5", [2, 1, 2]),
        ("Emotion (0-10)", "7\t0\t10", "0..10", [7, 0, 10]),
    ],
)
def test_a_scale_written_on_the_emotion_row_is_used(
    tmp_path: Path, title: str, values: str, scale: str, scores: list[int]
) -> None:
    imported = convert(HEADER + "Steps\tA\tB\tC\n" + f"{title}\t{values}\n")
    model = loads_cleanly(tmp_path, imported)
    assert imported.data["scale"] == scale and [s.emotion for s in model.stages] == scores


def test_emotion_rows_that_are_guessed_or_kept_as_text_are_reported() -> None:
    imported = convert(HEADER + "Steps\tA\tB\tC\nEmotion\t2\t1\t2\nSentiment\t3\t4\t5\n")
    warnings = imported.report.warnings
    assert any(
        w.startswith("line 3: the emotion scores fit more than one scale; they were read on -2..2") for w in warnings
    )
    assert (
        "line 4: 'Sentiment' is a second emotion row (the first is on line 3); it was kept as a lane of text"
        in warnings
    )
    words = convert(HEADER + "Steps\tA\tB\tC\nEmotion\t-1\t4\t2.5\n").report.warnings
    assert any("'Emotion' is an emotion row that does not hold one number per stage" in w for w in words)


def test_new_opportunity_ids_avoid_the_portfolios() -> None:
    imported = import_whiteboard(
        "\tA\tB\nIdeas\tLocation lookup\tx\n",
        map_id="stock",
        persona="p",
        owner="o",
        taken_ids={"stock-location-lookup"},
    )
    assert [o["id"] for s in imported.data["stages"] for o in s.get("opportunities", [])] == [
        "stock-location-lookup-2",
        "stock-x",
    ]


def test_long_text_around_the_grid_is_wrapped_not_cut() -> None:
    long = "word " * 60
    imported = convert(long + "\n" + HEADER + "Steps\tA\tB\tC\n")
    comments = " ".join(line[4:] for line in imported.text.splitlines() if line.startswith("#   "))
    assert comments == long.strip()
