"""A journey page shows its map whole: the whole window, a compact header, the stage row and the
lane column in view while the grid is read, and a reader's choice to fit a wide map to the window."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from conftest import REPO

from .conftest import PHONE, Opener, Served, after_two_frames, goto_for_instant_navigation, open_tab

WIDE = {"width": 1440, "height": 900}
MAPS = sorted(p.stem for p in (REPO / "content" / "journeys").iterdir() if p.suffix in {".yml", ".md"})
SEVEN_STAGES = "journeys/priya-saturday/"
FIT_KEY = "cjm.fit"

GRID = ".cjm-grid-wrap table.cjm-grid"

# The grid's geometry as the page opens.
GEOMETRY = """() => {
  const wrap = document.querySelector('.cjm-grid-wrap'), table = wrap.querySelector('table.cjm-grid');
  const rows = table.tBodies[0].rows;
  return {stages: table.tHead.rows[0].cells.length - 1, top: table.getBoundingClientRect().top,
          head: table.tHead.getBoundingClientRect().bottom, first: rows[0].getBoundingClientRect().bottom,
          overflow: wrap.scrollWidth - wrap.clientWidth, page: document.scrollingElement.scrollWidth};
}"""

# Material's header's bottom edge on screen.
HEADER_BOTTOM = "() => document.querySelector('.md-header').getBoundingClientRect().bottom"

# What the reader sees just under Material's header, over the middle of each stage's column:
# the stage named there (or what else is there).
SEEN_UNDER_HEADER = """() => {
  const y = document.querySelector('.md-header').getBoundingClientRect().bottom + 4;
  const wrap = document.querySelector('.cjm-grid-wrap'), box = wrap.getBoundingClientRect();
  const lanes = wrap.querySelector('thead .cjm-grid__corner').getBoundingClientRect().right;
  return [...wrap.querySelectorAll('thead .cjm-grid__stage')].map(th => {
    const r = th.getBoundingClientRect(), x = r.left + r.width / 2;
    if (x < lanes + 1 || x > box.right - 1) return null;  // a column scrolled out of the box
    const hit = document.elementFromPoint(x, y), stage = hit && hit.closest('thead th');
    const name = stage && stage.querySelector('.cjm-grid__name');
    return name ? name.textContent.trim() : (hit ? hit.tagName + '.' + hit.className : 'nothing');
  }).filter(v => v !== null);
}"""

# The names of the lanes seen at the box's left edge, row by row, for the rows on screen.
SEEN_AT_LEFT = """() => {
  const wrap = document.querySelector('.cjm-grid-wrap'), x = wrap.getBoundingClientRect().left + 12;
  const top = document.querySelector('.md-header').getBoundingClientRect().bottom + wrap.querySelector('thead').offsetHeight;
  return [...wrap.querySelectorAll('tbody tr.cjm-row')].map(tr => {
    const r = tr.getBoundingClientRect(), y = r.top + Math.min(12, r.height / 2);
    if (y < top + 4 || y > innerHeight - 4) return null;  // off screen, or under the stage row
    const hit = document.elementFromPoint(x, y), lane = hit && hit.closest('.cjm-grid__lane');
    return [tr.querySelector('.cjm-grid__lane-title').textContent, lane ? lane.textContent.trim().slice(0, 40) : String(hit && hit.className)];
  }).filter(v => v !== null);
}"""

# True when the focused element is wholly on screen and on top: every line box of it is hit at
# its ends and middle (nothing sticky, no header, no edge of the box over it).
FOCUSED_IN_CLEAR = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  for (const r of el.getClientRects()) {
    const y = r.top + r.height / 2, points = [[r.left + 2, y], [r.right - 2, y], [r.left + r.width / 2, r.top + 2], [r.left + r.width / 2, r.bottom - 2]];
    for (const [x, py] of points) {
      const hit = document.elementFromPoint(x, py);
      if (!hit || !el.contains(hit)) return false;
    }
  }
  return el.getClientRects().length > 0;
}"""


def scroll_grid_under_header(page: Any, by: float) -> None:
    """Scroll the page until the grid's top is ``by`` px above Material's header's bottom edge."""
    page.evaluate(
        """(by) => { const t = document.querySelector('.cjm-grid-wrap table.cjm-grid').getBoundingClientRect().top;
        const h = document.querySelector('.md-header').getBoundingClientRect().bottom;
        window.scrollBy(0, t - h + by); }""",
        by,
    )
    after_two_frames(page)


def stage_names(page: Any) -> list[str]:
    return [" ".join(n.split()) for n in page.locator(f"{GRID} thead .cjm-grid__name").all_inner_texts()]


@pytest.fixture(scope="module")
def wide(browser: Any) -> Any:
    tab = open_tab(browser, viewport=WIDE)
    yield tab
    tab.page.context.close()


@pytest.mark.parametrize("name", MAPS)
def test_each_example_map_opens_whole_at_1440(wide: Any, example: Served, name: str) -> None:
    """Up to six stages fit the window without sideways scrolling; the grid starts above the fold
    with its stage row and first lane row; the sidebars are gone."""
    page = wide.page
    page.goto(example.url(f"journeys/{name}/"), wait_until="networkidle")
    page.evaluate("() => document.fonts.ready")
    g = page.evaluate(GEOMETRY)
    assert g["top"] < WIDE["height"] and g["head"] <= WIDE["height"], g
    assert g["first"] <= WIDE["height"], f"the first lane row ends below the fold: {g}"
    assert g["page"] <= WIDE["width"], g
    button = page.locator("button.cjm-fit")
    if g["stages"] <= 6:
        assert g["overflow"] <= 0, f"{g['stages']} stages scroll sideways by {g['overflow']}px"
        expect(button).to_be_hidden()
    else:
        assert g["overflow"] > 0
        expect(button).to_be_visible()
    for sidebar in (".md-sidebar--primary", ".md-sidebar--secondary"):
        expect(page.locator(sidebar)).to_be_hidden()
    wrap = page.locator(".cjm-grid-wrap").bounding_box()
    assert wrap["width"] >= WIDE["width"] - 60, "the grid does not take the window's width"
    assert wide.problems() == []


def test_the_header_names_each_fact_once(tabs: Opener, example: Served) -> None:
    page = tabs(viewport=WIDE).page
    page.goto(example.url("journeys/first-week-setup/"), wait_until="networkidle")
    content = page.locator(".md-content")
    labels = [t.strip().lower() for t in page.locator(".cjm-head dt").all_inner_texts()]
    assert len(labels) == len(set(labels)), labels
    for fact in ("scenario", "goal", "type", "status", "persona", "map owner", "last reviewed", "future state", "tags"):
        assert fact in labels, fact
    expect(content.locator(".cjm-type")).to_have_count(1)
    expect(content.locator(".cjm-badge--published")).to_have_count(1)
    expect(page.locator(".md-tags")).to_be_hidden()  # Material's tag chips: the header names the tags
    tag = page.locator(".cjm-head a.cjm-tag", has_text="onboarding")
    assert (tag.get_attribute("href") or "").endswith("tags/#tag:onboarding")


def test_the_page_sections_are_a_bar_under_the_header(tabs: Opener, example: Served) -> None:
    page = tabs(viewport=WIDE).page
    page.goto(example.url("journeys/month-end-bookkeeping/"), wait_until="networkidle")
    bar = page.get_by_role("navigation", name="Sections of this page")
    links = bar.get_by_role("link")
    assert links.all_inner_texts() == [
        "Journey",
        "About this map",
        "Sentiment",
        "KPIs",
        "Value × effort",
        "Opportunities",
        "Research evidence",
        "Changes",
    ]
    for target in links.evaluate_all("links => links.map(a => a.hash)"):
        assert page.locator(target).count() == 1, target
    # Below the header, above the grid, and in the page's order (the map opens the page).
    assert bar.bounding_box()["y"] < page.locator(GRID).bounding_box()["y"]
    assert page.locator("#journey").bounding_box()["y"] < page.locator("#about").bounding_box()["y"]
    links.filter(has_text="KPIs").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#kpis")
    page.wait_for_function(
        "() => { const r = document.querySelector('#kpis').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )


@pytest.mark.parametrize(
    ("path", "viewport"),
    [
        ("journeys/first-week-setup/", WIDE),  # fits: no sideways scrolling
        ("journeys/card-reader-replacement/", {"width": 1024, "height": 768}),  # scrolls sideways in its box
        (SEVEN_STAGES, PHONE),
        ("templates/current-state/", {"width": 1024, "height": 768}),
    ],
)
def test_the_stage_row_stays_under_materials_header_and_the_lanes_at_the_left(
    tabs: Opener, example: Served, path: str, viewport: dict[str, int]
) -> None:
    tab = tabs(viewport=viewport)
    page = tab.page
    page.goto(example.url(path), wait_until="networkidle")
    names = stage_names(page)
    height = page.locator(f"{GRID} tbody").bounding_box()["height"]
    for by in (200, height / 2, height - 250):  # reading down the grid
        scroll_grid_under_header(page, by)
        expect(page.locator(".cjm-grid-head[data-cjm-stuck]")).to_have_count(1)
        page.wait_for_function(f"({SEEN_UNDER_HEADER})().length > 0")
        seen = page.evaluate(SEEN_UNDER_HEADER)
        assert seen == names[: len(seen)], f"{by}px into the grid, under the header: {seen}"
    overflow = page.evaluate(
        "() => { const w = document.querySelector('.cjm-grid-wrap'); return w.scrollWidth - w.clientWidth; }"
    )
    if overflow > 0:  # and across it
        scroll_grid_under_header(page, height / 3)
        lanes = page.evaluate(SEEN_AT_LEFT)
        page.locator(".cjm-grid-wrap").evaluate("(w, x) => { w.scrollLeft = x; }", overflow)
        page.wait_for_function(
            f"() => {{ const s = ({SEEN_UNDER_HEADER})(); return s.length > 0 && s[s.length - 1] === {names[-1]!r}; }}"
        )
        seen = page.evaluate(SEEN_UNDER_HEADER)
        assert seen == names[len(names) - len(seen) :], seen
        assert page.evaluate(SEEN_AT_LEFT) == lanes
        assert all(title.split()[0] in seen_text for title, seen_text in lanes), lanes
    # Past the grid, the stage row goes with it.
    scroll_grid_under_header(page, height + 400)
    expect(page.locator(".cjm-grid-head[data-cjm-stuck]")).to_have_count(0)
    assert not any(isinstance(s, str) and s in names for s in page.evaluate(SEEN_UNDER_HEADER))
    assert page.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"]
    assert tab.problems() == []


def test_the_stage_row_copy_lies_on_the_row_and_is_hidden_from_assistive_technology(
    tabs: Opener, example: Served
) -> None:
    page = tabs(viewport={"width": 1024, "height": 768}).page
    page.goto(example.url("journeys/first-week-setup/"), wait_until="networkidle")
    assert page.locator("table.cjm-grid").count() == 1
    strip = page.locator(".cjm-grid-head")
    assert strip.get_attribute("aria-hidden") == "true" and strip.locator("[id]").count() == 0
    # The copy lies exactly on the row (shown once the row goes under Material's header).
    scroll_grid_under_header(page, -10)
    assert not page.locator(".cjm-grid-head__view").is_visible()
    cells = "([sel]) => [...document.querySelectorAll(sel)].map(c => { const r = c.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].map(Math.round); })"
    assert page.evaluate(cells, [".cjm-grid-head thead :is(th, td)"]) == page.evaluate(
        cells, [f"{GRID} thead :is(th, td)"]
    )


def focus_first_grid_link(page: Any) -> None:
    page.locator(".cjm-grid-wrap").focus()
    page.keyboard.press("Tab")
    page.wait_for_function(
        "() => document.activeElement.closest('.cjm-grid-wrap') && document.activeElement.tagName === 'A'"
    )


def in_clear(page: Any, what: str) -> None:
    try:
        page.wait_for_function(FOCUSED_IN_CLEAR, timeout=5_000)
    except PlaywrightTimeout:
        active = page.evaluate(
            "() => { const e = document.activeElement, r = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 40), r.x, r.y, r.width, r.height]; }"
        )
        pytest.fail(f"{what}: the focused link {active} is not wholly in view")


def test_tab_and_shift_tab_bring_grid_links_clear_of_what_sticks(tabs: Opener, example: Served) -> None:
    """Each link of the grid, focused with Tab then Shift+Tab, is wholly visible: not under the
    stage row, the lane column or Material's header, and not past the box's edge."""
    page = tabs(viewport={"width": 1024, "height": 600}).page
    page.goto(example.url("journeys/first-week-setup/"), wait_until="networkidle")
    count = page.locator(f"{GRID} a").count()
    assert count >= 10
    assert page.evaluate(
        "() => { const w = document.querySelector('.cjm-grid-wrap'); return w.scrollWidth > w.clientWidth; }"
    )
    focus_first_grid_link(page)
    for i in range(count):
        if i:
            page.keyboard.press("Tab")
        in_clear(page, f"Tab to link {i + 1}")
    # Back up from the last, with the page scrolled so that the previous rows are above the fold.
    page.evaluate("() => document.activeElement.scrollIntoView({block: 'center'})")
    for i in range(count - 1, 0, -1):
        page.keyboard.press("Shift+Tab")
        in_clear(page, f"Shift+Tab to link {i}")
    assert page.evaluate("() => document.activeElement.closest('.cjm-grid-wrap') !== null")


def test_a_wide_map_fits_the_window_at_the_readers_choice_kept_across_pages(tabs: Opener, example: Served) -> None:
    tab = tabs()  # 1280 × 900: six and seven stages are wider than the window
    page = tab.page
    goto_for_instant_navigation(page, example.url(SEVEN_STAGES))
    overflow = "() => { const w = document.querySelector('.cjm-grid-wrap'); return w.scrollWidth - w.clientWidth; }"
    button = page.get_by_role("button", name="Fit map to window")
    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(overflow) > 0
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "true")
    page.wait_for_function(f"({overflow})() <= 0")
    assert page.evaluate(f"localStorage.getItem({FIT_KEY!r})") == "1"
    # Instant navigation to a six-stage map (through the persona page): fitted too.
    page.evaluate("window.__sameDocument = true")
    page.locator('.cjm-head a[href$="personas/priya-shah/"]').first.click()
    page.wait_for_url("**/personas/priya-shah/")
    page.locator('a[href$="journeys/till-outage-support/"]').first.click()
    page.wait_for_url("**/journeys/till-outage-support/")
    expect(page.locator(f"{GRID} thead .cjm-grid__stage")).to_have_count(6)
    expect(page.get_by_role("button", name="Fit map to window")).to_have_attribute("aria-pressed", "true")
    page.wait_for_function(f"({overflow})() <= 0")
    assert page.evaluate("window.__sameDocument") is True
    expect(page.locator(".cjm-grid-head")).to_have_count(1)
    # Back, and after a reload: still fitted; then back to scrolling.
    page.go_back()
    expect(page.locator("h1")).to_have_text("Priya Shah")
    page.go_back()
    expect(page.locator("h1")).to_have_text("Priya's Saturday in the shop")
    expect(page.locator(f"{GRID} thead .cjm-grid__stage")).to_have_count(7)
    page.wait_for_function(f"({overflow})() <= 0")
    page.reload(wait_until="networkidle")
    button = page.get_by_role("button", name="Fit map to window")
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(overflow) <= 0
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    page.wait_for_function(f"({overflow})() > 0")
    assert page.evaluate(f"localStorage.getItem({FIT_KEY!r})") == "0"
    assert tab.problems() == []


# The grid laid out both ways (the fit attribute toggled and put back): whether the map is wider
# than its box, and whether it fits once fitted.
LAID_OUT_BOTH_WAYS = """() => {
  const wrap = document.querySelector('.cjm-grid-wrap'), table = wrap.querySelector('table.cjm-grid');
  const was = wrap.hasAttribute('data-cjm-fit'), room = wrap.clientWidth + 1;
  wrap.removeAttribute('data-cjm-fit'); const natural = table.offsetWidth;
  wrap.setAttribute('data-cjm-fit', ''); const fitted = table.offsetWidth;
  wrap.toggleAttribute('data-cjm-fit', was);
  return {natural, fitted, room, offered: !document.querySelector('button.cjm-fit').hidden};
}"""


@pytest.mark.parametrize("width", [360, 1024, 1280, 1440])
def test_the_fit_toggle_is_offered_exactly_when_fitting_helps(browser: Any, example: Served, width: int) -> None:
    """cjm.js reads the other layout's width from the grid's computed style (registered lengths)
    instead of laying the grid out twice: the toggle shows exactly when the map is wider than its
    box and fits it once fitted, on every example map."""
    tab = open_tab(browser, viewport={"width": width, "height": 900})
    try:
        for name in MAPS:
            tab.page.goto(example.url(f"journeys/{name}/"), wait_until="networkidle")
            expect(tab.page.locator(".cjm-grid-head")).to_have_count(1)
            after_two_frames(tab.page)
            g = tab.page.evaluate(LAID_OUT_BOTH_WAYS)
            helps = g["natural"] > g["room"] and g["fitted"] <= g["room"]
            assert g["offered"] == helps, (name, g)
        assert tab.problems() == []
    finally:
        tab.page.context.close()


def test_without_javascript_the_grid_scrolls_sideways_in_its_box(tabs: Opener, example: Served) -> None:
    page = tabs(viewport={"width": 1024, "height": 768}, java_script_enabled=False).page
    page.goto(example.url(SEVEN_STAGES))
    wrap = page.locator(".cjm-grid-wrap")
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth + 200")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1024
    expect(page.locator("button.cjm-fit")).to_be_hidden()
    expect(page.locator(".md-sidebar--secondary")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Sections of this page")).to_be_visible()
