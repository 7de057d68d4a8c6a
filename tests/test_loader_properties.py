"""Property-based tests: whatever a content file holds, loading reports problems, never raises.

Documents are built from nested lists and mappings of scalars, with keys drawn mostly from the
real field names of the models (so that the validation and the checks run deep, not just
the "unknown key" branch), dumped with PyYAML, and written as a map (.yml and .md), a
persona (.yml and .md) or the owners file, next to the valid base portfolio of the corpus.
"""

from __future__ import annotations

import html
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from test_bad_inputs import BASE, TODAY, assert_nothing_lost

from mkdocs_cjm.core.loader import load_portfolio
from mkdocs_cjm.core.maptypes import MapType
from mkdocs_cjm.core.models import (
    Evidence,
    JourneyMap,
    Kpi,
    LaneDef,
    Opportunity,
    Owner,
    Persona,
    Scale,
    Stage,
    Step,
    source_id,
)
from mkdocs_cjm.core.problems import ContentError, Problem, Severity
from mkdocs_cjm.core.reading.documents import parse_document
from mkdocs_cjm.core.text import slugify

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FIELD_NAMES = sorted(
    {
        name
        for model in (JourneyMap, Stage, Step, Opportunity, Kpi, Evidence, Scale, LaneDef, Persona, Owner)
        for name in model.model_fields
    }
)
# Values that mean something somewhere: ids of the base portfolio, enum words, times, links.
MEANINGFUL = [
    "priya",
    "cx",
    "jo",
    "shop-team",
    "setup",
    "setup-future",
    "guide-on-top",
    "hidden-guide",
    *(t.value for t in MapType),
    "published",
    "draft",
    "in-progress",
    "high",
    "person",
    "team",
    "07:30",
    "7pm",
    "25:00",
    "quarterly",
    "6 weeks",
    "1..5",
    "https://example.com/x",
    "javascript:alert(1)",
    "a@b.example",
    "-2",
    "Index",
    "index",
]

keys = st.one_of(st.sampled_from(FIELD_NAMES), st.sampled_from(MEANINGFUL), st.text(max_size=8), st.integers(-3, 3))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.integers(),
    st.floats(allow_nan=True),
    st.sampled_from(MEANINGFUL),
    st.text(max_size=20),
    st.dates(min_value=date(1900, 1, 1)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=25,
)


def others(model: Any, *required: str) -> dict[str, st.SearchStrategy[Any]]:
    return {k: values for k in model.model_fields if k not in required}


stage = st.fixed_dictionaries({"name": values}, optional=others(Stage, "name"))
map_documents = st.one_of(
    values,
    st.fixed_dictionaries(
        {
            "title": values,
            "type": st.sampled_from([t.value for t in MapType]) | values,
            "personas": values,
            "scenario": values,
            "owner": values,
            "stages": st.lists(stage | values, max_size=4),
        },
        optional=others(JourneyMap, "title", "type", "personas", "scenario", "owner", "stages"),
    ),
)
persona_documents = st.one_of(values, st.fixed_dictionaries({"name": values}, optional=others(Persona, "name")))
owner_documents = st.one_of(
    values,
    st.dictionaries(
        keys, st.one_of(values, st.fixed_dictionaries({"name": values}, optional=others(Owner, "name"))), max_size=4
    ),
)

TARGETS = {
    "map.yml": "journeys/fuzz.yml",
    "map.md": "journeys/fuzz.md",
    "persona.yml": "personas/fuzz.yml",
    "persona.md": "personas/fuzz.md",
    "owners": "owners.yml",
}


def dump(document: Any) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def as_markdown(text: str) -> str:
    return f"---\n{text}---\n# About\n\nSome text.\n"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base portfolio, written once; each example writes its one file and takes it away."""
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(BASE, folder, dirs_exist_ok=True)
    return folder


def check(root: Path, rel: str, content: str | bytes) -> None:
    """Loading returns; every problem points into a file of the portfolio, within its lines;
    a file without errors of its own is loaded."""
    path = root / rel
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    try:
        portfolio = load_portfolio(root, today=TODAY)
        for problem in portfolio.problems:
            assert isinstance(problem, Problem)
            assert problem.file in portfolio.sources, str(problem)
            raw = (root / problem.file).read_bytes()
            lines = len(re.split(rb"\r\n|\r|\n", raw))  # as editors count them
            assert 0 <= problem.line <= lines, str(problem)
            assert problem.column >= 0, str(problem)
            assert problem.message and "\n" not in str(problem), str(problem)
            assert "Input should" not in problem.message and "pydantic" not in str(problem), str(problem)
        assert_nothing_lost(portfolio, root)
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


@SETTINGS
@given(document=map_documents, markdown=st.booleans())
def test_any_yaml_as_a_map(root: Path, document: Any, markdown: bool) -> None:
    text = dump(document)
    check(root, TARGETS["map.md" if markdown else "map.yml"], as_markdown(text) if markdown else text)


@SETTINGS
@given(document=persona_documents, markdown=st.booleans())
def test_any_yaml_as_a_persona(root: Path, document: Any, markdown: bool) -> None:
    text = dump(document)
    check(root, TARGETS["persona.md" if markdown else "persona.yml"], as_markdown(text) if markdown else text)


@SETTINGS
@given(document=owner_documents)
def test_any_yaml_as_the_owners_file(root: Path, document: Any) -> None:
    check(root, TARGETS["owners"], dump(document))


# Text made of the characters YAML and front matter care about, so that the parser's error
# paths are reached, plus any other character.
TOKENS = [
    *"-:[]{}#&*!|>'\"%@`,?\t\n \r\ufeff\x00\x85",
    "---\n",
    "...\n",
    "  ",
    "- ",
    ": ",
    "title",
    "stages",
    "name",
    "priya",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "<<: ",
    "\\u00",
    "\U0001f600",
]
yamlish_text = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)), max_size=60).map("".join)


@SETTINGS
@given(target=st.sampled_from(sorted(TARGETS)), text=yamlish_text)
def test_any_text_in_any_content_file(root: Path, target: str, text: str) -> None:
    check(root, TARGETS[target], text)


@SETTINGS
@given(target=st.sampled_from(sorted(TARGETS)), data=st.binary(max_size=200))
def test_any_bytes_in_any_content_file(root: Path, target: str, data: bytes) -> None:
    check(root, TARGETS[target], data)


@SETTINGS
@given(data=st.binary(max_size=300) | yamlish_text, markdown=st.booleans())
def test_the_reader_never_raises(data: bytes | str, markdown: bool) -> None:
    doc = parse_document(data, "x.yml", markdown=markdown)
    for problem in doc.problems:
        assert problem.file == "x.yml" and problem.line >= 1


def test_content_error_lists_every_problem() -> None:
    problems = [Problem("b.yml", 2, 1, "second"), Problem("a.yml", 9, 3, "first", "fix it")]
    error = ContentError(problems)
    assert [p.file for p in error.problems] == ["a.yml", "b.yml"]
    assert str(error) == "a.yml:9:3: error: first — fix it\nb.yml:2:1: error: second"


# Maps that are valid (at most warnings: a blueprint without all its lanes, a published map
# without a review date, a review date in the future) with any text in them: every one loads,
# and every page renders with the map on it.
any_text = st.text(min_size=1, max_size=30).filter(lambda t: t.strip() != "")
# Step titles that inline Markdown leaves as they are (no markup characters, no entities), so that
# their text can be compared with the page; '<', '>' and quotes must come out escaped.
PLAIN = re.compile(r"^(?:[^\W_]|[ <>\"'])+$")  # letters, digits, spaces, <>"' (no '_': Markdown emphasis)
plain_text = st.text(st.characters(categories=("L", "N"), include_characters=" <>\"'"), min_size=1, max_size=30).filter(
    lambda t: t.strip() != ""
)
SCALES = {None: (-2, 2), "-2..2": (-2, 2), "1..5": (1, 5), "0..10": (0, 10)}
VALID_TYPES = [t.value for t in MapType if t is not MapType.FUTURE_STATE]


def clock(minutes: int, twelve: bool) -> str:
    hours, mins = divmod(minutes, 60)
    if twelve:
        return f"{(hours % 12) or 12}:{mins:02d}{'am' if hours < 12 else 'pm'}"
    return f"{hours:02d}:{mins:02d}"


@st.composite
def valid_maps(draw: Any) -> dict[str, Any]:
    kind = draw(st.sampled_from(VALID_TYPES))
    scale = draw(st.sampled_from(sorted(SCALES, key=str)))
    low, high = SCALES[scale]
    score = st.integers(low, high) | st.floats(low, high)
    names = draw(st.lists(any_text, min_size=1, max_size=5))
    # Stage ids must be unique: a name whose anchor an earlier stage has gets an id of its own.
    slugs = [slugify(n.strip(), "stage") for n in names]
    taken = set(slugs)
    if kind == MapType.DAY_IN_THE_LIFE.value:  # a time for every stage, in the order of the day
        minutes = sorted(
            draw(st.lists(st.integers(0, 24 * 60 - 1), min_size=len(names), max_size=len(names), unique=True))
        )
        times: list[str | None] = [clock(m, draw(st.booleans())) for m in minutes]
    else:
        times = [draw(st.none() | st.sampled_from(["07:30", "7pm", "12:00", "00:00", "23:59"])) for _ in names]
    stages = []
    for i, (name, time) in enumerate(zip(names, times, strict=False)):
        stage = draw(
            st.fixed_dictionaries(
                {"name": st.just(name)},
                optional={
                    "emotion": score,
                    "steps": st.lists(
                        plain_text
                        | any_text
                        | st.fixed_dictionaries({"title": plain_text | any_text}, optional={"emotion": score}),
                        max_size=3,
                    ),
                    "description": any_text,
                    "negatives": st.lists(any_text, max_size=2),
                    "thoughts": st.lists(any_text, max_size=2),
                    "kpis": st.lists(
                        st.fixed_dictionaries(
                            {"name": any_text}, optional={"value": score | any_text, "target": score, "unit": any_text}
                        ),
                        max_size=2,
                    ),
                    "frontstage": st.lists(any_text, max_size=2),
                    "owner": st.sampled_from(["cx", "jo"]),
                },
            )
        )
        if time is not None:
            stage["time"] = time
        if slugs[i] in slugs[:i]:
            n = 2
            while f"{slugs[i]}-{n}" in taken:
                n += 1
            stage["id"] = f"{slugs[i]}-{n}"
            taken.add(stage["id"])
        stages.append(stage)
    document: dict[str, Any] = draw(
        st.fixed_dictionaries(
            {
                "title": any_text,
                "type": st.just(kind),
                "personas": st.just(["priya"]),
                "scenario": any_text,
                "owner": st.just("cx"),
                "stages": st.just(stages),
            },
            optional={
                "summary": any_text,
                "goal": any_text,
                "tags": st.lists(any_text, max_size=3),
                "status": st.sampled_from(["draft", "published", "archived"]),
                "reviewed": st.dates(),
                # Sources without an 'id:' take one from their titles, which must differ (two
                # sources of one id are an error the map's author is told to fix).
                "evidence": st.lists(
                    st.fixed_dictionaries({"title": any_text}, optional={"summary": any_text}),
                    max_size=2,
                    unique_by=lambda source: source_id(source["title"]),
                ),
            },
        )
    )
    if scale is not None:
        document["scale"] = scale
    return document


def step_title(step: Any) -> str:
    return str(step["title"] if isinstance(step, dict) else step).strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    document=valid_maps(),
    markdown=st.booleans(),
    body=st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=80),
)  # a NUL byte is an error
def test_whatever_loads_also_renders(root: Path, document: Any, markdown: bool, body: str) -> None:
    from mkdocs_cjm.core.pages.site import SiteRenderer

    rel = TARGETS["map.md" if markdown else "map.yml"]
    text = dump(document)
    path = root / rel
    path.write_text(f"---\n{text}---\n{body}" if markdown else text, encoding="utf-8")
    try:
        portfolio = load_portfolio(root, today=TODAY)
        errors = [str(p) for p in portfolio.problems if p.severity is Severity.ERROR]
        assert errors == [], errors
        assert "fuzz" in portfolio.maps
        event(f"warnings about the map: {sum(p.file == rel for p in portfolio.problems)}")
        # The title as loaded: YAML folds line breaks such as U+0085 into spaces, and pydantic
        # strips fewer characters than str.strip.
        title = portfolio.maps["fuzz"].model.title
        assert title.split() == document["title"].split()
        stages = document["stages"]
        renderer = SiteRenderer(portfolio)
        rendered = {}
        for spec in renderer.pages():
            page = renderer.render(spec)
            assert page.html.strip(), spec.src
            rendered[(spec.kind, spec.key)] = page
        journey = rendered[("journey", "fuzz")]
        # The title, escaped, is the page's heading.
        heading = re.search(r'<h1 id="top">(.*?)</h1>', journey.html, re.DOTALL)
        assert heading is not None and heading.group(1) == str(escape(title))
        soup = BeautifulSoup(journey.html, "html.parser")
        grid = soup.select_one("table.cjm-grid")
        assert grid is not None
        assert len(grid.select("thead th[scope=col]")) == len(stages)
        assert [" ".join(th.get_text().split()) for th in grid.select("thead .cjm-grid__name")] == [
            " ".join(s["name"].split()) for s in stages
        ]
        # Every step, in its stage's column; the text of plain titles exactly.
        row = grid.select_one("tr.cjm-row--steps")
        if any(s.get("steps") for s in stages):
            assert row is not None
            cells = row.find_all("td", recursive=False)
            assert len(cells) == len(stages)
            for stage, cell in zip(stages, cells, strict=False):
                shown = [" ".join(span.get_text().split()) for span in cell.select(".cjm-step__title")]
                wanted = [step_title(step) for step in stage.get("steps", [])]
                assert len(shown) == len(wanted)
                for got, want in zip(shown, wanted, strict=False):
                    if PLAIN.match(want):
                        assert got == " ".join(want.split()), (got, want)
        # The search view: the title, a section per stage.
        assert journey.search_html and html.escape(title) in journey.search_html
        assert journey.search_html.count("<h2 id=") == len(stages)
        # The listings show the map too.
        assert str(escape(title)) in rendered[("journeys", None)].html
        assert str(escape(title)) in rendered[("persona", "priya")].html
    finally:
        path.unlink()
