"""A whole-portfolio property test: generated portfolios, in generated file-system shapes, built by
real MkDocs + Material + the plugin.

Each example starts from the corpus's valid base portfolio and adds maps drawn by hypothesis:
stage names in any script, file names with spaces, quotes, angle brackets and non-Latin letters,
Markdown and YAML maps, nested folders, private (`_`/`.`) folders, stray copies of a map,
opportunity ids reused across files, symbolic links (inside the docs dir, outside it, dangling,
looping), and plugin options, good and bad (site-wide lanes, unknown options, wrong values).
Whatever is drawn, the build must either succeed or stop on the problems it logged (a strict
build, on any problem); never raise anything else. Then:

- every problem logged names its file with a real line (`file:line:column: error|warning:`);
- every map that is valid on its own, in a public folder, with an opportunity id no other file
  uses, has its page, with its title (a stray copy never takes the map's page with it), and the
  base portfolio's maps are never lost;
- nothing from a private file or folder reaches the site, and no content file is copied raw.
"""

# Lookups in built pages may give None: a missing element fails the test where it is looked up.
# mypy: disable-error-code="union-attr"

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_bad_inputs import BASE, TODAY

from conftest import build_project

SETTINGS = settings(
    max_examples=int(os.environ.get("CJM_PROPERTY_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# A located problem, as the plugin logs it.
LOCATED = re.compile(r"^(?:mkdocs_cjm: )?(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:error|warning): \S")

# Stage names in several scripts, distinct in any script: each must get an anchor of its own.
WORDS = st.sampled_from(
    [
        "Discover",
        "Pay",
        "Найти магазин",
        "Оплата",
        "注册账户",
        "付款",
        "الدفع",
        "支払い",
        "🚲",
        "🚲🚲",
        "Café",
        "R&D <b>",
        '"quoted"',
        "x" * 80,
    ]
)
# File-name stems: the id inside the file is what names the map.
STEMS = st.sampled_from(["plain", "with space", "quote'", 'dq"x', "ang<le>", "naïve", "地图", "UPPER", "a.b"])
# Folders a map may sit in under journeys/: public ones, and private ones that must stay out.
FOLDERS = st.sampled_from(["", "team-a/", "deep/er/", "_drafts/", ".hidden/", "team-a/_wip/"])
PRIVATE = re.compile(r"(^|/)[_.]")


@dataclass
class Drawn:
    """One generated map file, and what the test expects of it."""

    rel: str
    map_id: str
    title: str
    opportunity: str
    marker: str  # a word only this file holds

    @property
    def private(self) -> bool:
        return bool(PRIVATE.search(self.rel.removeprefix("journeys/")))

    @property
    def refused(self) -> bool:
        """A name that would be unsafe in an HTML attribute is refused (with a message)."""
        return any(c in self.rel for c in "\"'<>&`")


@dataclass
class Portfolio:
    files: dict[str, str] = field(default_factory=dict)
    maps: list[Drawn] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # link path -> target (relative to docs)
    outside_links: list[str] = field(default_factory=list)
    copies: set[str] = field(default_factory=set)  # map ids with a stray copy
    plugin: dict[str, Any] = field(default_factory=dict)


def map_text(map_id: str, title: str, stages: list[str], opportunity: str, marker: str) -> str:
    document = {
        "id": map_id,
        "title": title,
        "type": "current-state",
        "personas": ["priya"],
        "scenario": f"Priya works through it ({marker}).",
        "owner": "shop-team",
        "status": "published",
        "reviewed": "2026-10-01",
        "stages": [
            {
                "name": name,
                "emotion": (i % 5) - 2,
                "steps": [f"Step {i} of {marker}"],
                **({"opportunities": [{"id": opportunity, "title": f"Fix {marker}"}]} if i == 0 else {}),
            }
            for i, name in enumerate(stages)
        ],
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@st.composite
def portfolios(draw: Any) -> Portfolio:
    p = Portfolio()
    count = draw(st.integers(1, 4))
    for n in range(count):
        folder, stem = draw(FOLDERS), draw(STEMS)
        map_id = f"map-{n}"
        marker = f"zqx{n}marker"
        # Most maps have opportunity ids of their own; some reuse the base map's or another's.
        opportunity = draw(st.sampled_from([f"opp-{n}", f"opp-{n}", "guide-on-top", "opp-0"]))
        stages = draw(st.lists(WORDS, min_size=1, max_size=5, unique=True))
        markdown = draw(st.booleans())
        rel = f"journeys/{folder}{stem}-{n}.{'md' if markdown else 'yml'}"
        title = f"Map {n} {draw(st.sampled_from(['', '& co', '<i>it</i>', 'Ünïcode']))}".strip()
        text = map_text(map_id, title, stages, opportunity, marker)
        p.files[rel] = f"---\n{text}---\n\nNotes on {marker}, with <b>raw HTML</b>.\n" if markdown else text
        p.maps.append(Drawn(rel, map_id, title, opportunity, marker))
    public = [d for d in p.maps if not d.private]  # (a public copy of a private map is public)
    for drawn in draw(st.lists(st.sampled_from(public), max_size=1)) if public else []:
        copy = f"journeys/copy-of-{Path(drawn.rel).name}"
        if copy not in p.files:
            p.files[copy] = p.files[drawn.rel]
            p.copies.add(drawn.map_id)
    shape = draw(st.sampled_from(["none", "inside", "outside", "dangling", "loop", "ancestor"]))
    if shape == "inside":
        p.links["journeys/linked-folder"] = "journeys/team-a"
    elif shape == "outside":
        p.outside_links.append("journeys/outside.yml")
    elif shape == "dangling":
        p.links["journeys/dangling.yml"] = "journeys/nowhere.yml"
    elif shape == "loop":
        p.links["journeys/loop"] = "journeys/loop"
    elif shape == "ancestor":  # MkDocs would walk it without end: the build stops, and says why
        p.links["journeys/deep/up"] = "journeys"
    lanes = draw(
        st.sampled_from(
            [
                None,
                {},
                {"channels": {"title": "Channels", "after": "interactions"}},  # a custom lane
                {"thoughts": {"title": "What they think"}},  # a renamed built-in lane
                {"stages": {"title": "Reserved"}},  # a reserved name
                {"channels": {"after": "nowhere"}},  # after a lane that does not exist
                {"bad lane": "not a mapping"},
            ]
        )
    )
    if lanes is not None:
        p.plugin["lanes"] = lanes
    p.plugin.update(
        draw(
            st.sampled_from(
                [
                    {},
                    {"home": False},
                    {"charts": False},
                    {"arrange_nav": False},
                    {"lanez": {}},  # no such option
                    {"today": "someday"},  # not a date
                    {"charts": "sometimes"},  # not a yes or no
                ]
            )
        )
    )
    return p


def write(root: Path, p: Portfolio) -> None:
    docs = root / "docs"
    shutil.copytree(BASE, docs)
    for rel, text in p.files.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    for rel, target in p.links.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(docs / target, docs / rel)
    for rel in p.outside_links:
        secret = root / "secret.yml"
        secret.write_text(map_text("outside", "Outside", ["A"], "opp-out", "zqxoutsidemarker"), encoding="utf-8")
        os.symlink(secret, docs / rel)
    config = {
        "site_name": "Property portfolio",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"cjm": {"today": TODAY, **p.plugin}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def expected_pages(p: Portfolio) -> list[Drawn]:
    """The maps that must be published whatever else is wrong: public, valid on their own, and
    with an opportunity id that no other file uses (a stray copy of a map does not take the map's
    page with it; the base portfolio's maps are checked apart)."""
    public = [d for d in p.maps if not d.private and not d.refused]
    opportunities = [d.opportunity for d in public] + ["guide-on-top", "pairing-wizard"]
    return [d for d in public if opportunities.count(d.opportunity) == 1]


def site_bytes(site: Path) -> dict[str, bytes]:
    return {str(f.relative_to(site)): f.read_bytes() for f in site.rglob("*") if f.is_file() and not f.is_symlink()}


@SETTINGS
@given(p=portfolios(), strict=st.booleans())
def test_any_portfolio_builds_or_says_where_it_is_wrong(p: Portfolio, strict: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write(root, p)
        messages, error = build_project(root, strict)
        event(f"strict={strict} failed={error is not None}")
        assert not any("Traceback" in m for m in messages), messages
        if error is not None:  # a strict build stops on any problem; any build on a link MkDocs cannot skip
            assert messages, f"the build raised {error!r} without a reason logged"
            assert type(error).__name__ == "Abort", repr(error)
            assert strict or all(LOCATED.match(m) for m in messages), messages
        ours = [m for m in messages if m.startswith("mkdocs_cjm")]
        for message in ours:
            match = LOCATED.match(message)
            assert match, f"a problem without its place: {message}"
            assert int(match["line"]) >= 1, message
        if error is not None:
            return
        site = root / "site"
        built = site_bytes(site)
        for base in ("setup", "setup-future"):  # untouched: never lost to another file's mistake
            assert (site / "journeys" / base / "index.html").is_file(), f"{base} was lost: {ours}"
        for drawn in expected_pages(p):
            page = site / "journeys" / drawn.map_id / "index.html"
            assert page.is_file(), f"{drawn.rel} ({drawn.map_id}) is valid, yet has no page: {ours}"
            assert html.escape(drawn.title, quote=False) in page.read_text(encoding="utf-8")
        secrets = [d.marker for d in p.maps if d.private] + (["zqxoutsidemarker"] if p.outside_links else [])
        for name, data in built.items():
            assert not name.endswith((".yml", ".yaml", ".md")) or not name.startswith(("journeys/", "personas/")), name
            for marker in secrets:
                assert marker.encode() not in data, f"{marker} (a private file's text) is in {name}"
