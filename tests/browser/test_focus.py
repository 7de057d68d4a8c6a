"""Where keyboard focus is and how it shows: a focus ring of 3:1 or more against what is around it
(WCAG 1.4.11) in both palettes, never hidden under Material's sticky header nor off screen (2.4.11,
2.4.7), and "Skip to content" landing on the page title."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import JOURNEY, PAGE_TYPES, Opener, Served

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 360, "height": 740}

# How the focused element ``el`` looks, once what focusing it set off has ended: what it is, its
# focus ring (style, width, and contrast of its colour against the background it is drawn on),
# and whether it shows.
#
# Focus in Material's header or navigation, or leaving it (``settle`` "chrome"), may set off a
# transition (the search box opens as its field gets focus, the drawer slides in): transitions are
# waited for. Material follows scrolling (the sidebars' height) a frame later: after a scroll
# (``settle`` "scroll"), two frames are.
#
# The ring is drawn on the element's own background when it is drawn on or inside its edge
# (outline-offset <= 0), otherwise on its parent's; a background is composed of the translucent
# ones of the element and its ancestors down to the first opaque one. Colours are read back from a
# canvas, which turns any CSS colour (oklch() included) into sRGB.
#
# It shows when all of its box is inside the viewport, below Material's sticky header (all but
# 24 px of that room, for a box larger than it), unless it is in the header or fixed over it (the
# skip link, the navigation drawer on narrow screens), and nothing hides any of it: no element on
# top of it (but a grid's own sticky stage row over the grid's box), no box it scrolls in cutting
# it off.
STATE = r"""async (el, settle) => {
  const chrome = settle === 'chrome' || !!el.closest('.md-header, .md-sidebar');
  if (settle || chrome) await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  if (chrome) {  // (not the element's own transitions: Material fades a focused link's colour)
    const others = document.getAnimations().filter(a => !(a.effect && a.effect.target && el.contains(a.effect.target)));
    await Promise.all(others.map(a => a.finished.catch(() => null)));
  }
  // Material's palette toggle: focus is on a hidden radio button, the ring on the button shown.
  if (el.matches('input.md-option')) el = el.parentElement.querySelector('label:not([hidden])') || el;
  const what = el.tagName + '.' + String(el.className).split(' ')[0] + ' ' +
    (el.textContent || el.getAttribute('aria-label') || el.title || '').trim().slice(0, 30);

  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const rgba = c => {
    ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = '#000'; ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data; return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, below) => [0, 1, 2].map(i => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
  const behind = start => {
    const layers = [];
    for (let n = start; n && n.nodeType === 1; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]);
  };
  const lum = c => c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const s = getComputedStyle(el);
  const ground = behind(parseFloat(s.outlineOffset) <= 0 ? el : el.parentElement);
  const ring = over(rgba(s.outlineColor), ground);
  const [hi, lo] = [lum(ring), lum(ground)].sort((a, b) => b - a);
  const contrast = (hi + 0.05) / (lo + 0.05);

  const r = el.getBoundingClientRect();
  const header = document.querySelector('.md-header');
  let above = header.contains(el);
  for (let n = el; n && !above; n = n.parentElement) above = getComputedStyle(n).position === 'fixed';
  const top = above ? 0 : Math.max(0, header.getBoundingClientRect().bottom);
  const room = {top, bottom: innerHeight, left: 0, right: innerWidth};
  const seen = {top: Math.max(r.top, room.top), bottom: Math.min(r.bottom, room.bottom),
                left: Math.max(r.left, room.left), right: Math.min(r.right, room.right)};
  let shows = r.width > 0 && r.height > 0 &&
    seen.bottom - seen.top >= Math.min(r.height - 1, room.bottom - room.top - 24) &&
    seen.right - seen.left >= Math.min(r.width - 1, room.right - room.left - 24);
  // Nothing is on top of it, and no box it scrolls in cuts it off: the middle and the corners of
  // each of its lines (inside the room; the corners a little in, for rounded ones) are its own.
  // (Hit testing skips what takes no pointer events, as Material's link to the current section.)
  let under = null;
  // A grid's box, focused to scroll it, has its sticky stage row over it: that row is its own.
  const own = hit => el.contains(hit) || (el.matches('.cjm-grid-wrap') && !!hit.closest('.cjm-grid-head') &&
    hit.closest('.cjm-map') === el.closest('.cjm-map'));
  const probe = document.createElement('style');
  probe.textContent = '[data-focus-probe], [data-focus-probe] * { pointer-events: auto !important; }';
  document.head.append(probe);
  el.setAttribute('data-focus-probe', '');
  for (const line of [...el.getClientRects()].slice(0, 4)) {
    const inset = Math.max(2, Math.min(line.width, line.height) * 0.2);
    const x0 = Math.max(line.left, room.left) + inset, x1 = Math.min(line.right, room.right) - inset;
    const y0 = Math.max(line.top, room.top) + inset, y1 = Math.min(line.bottom, room.bottom) - inset;
    if (x1 < x0 || y1 < y0) continue;
    for (const [x, y] of [[(x0 + x1) / 2, (y0 + y1) / 2], [x0, y0], [x1, y0], [x0, y1], [x1, y1]]) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !own(hit)) {
        shows = false;
        under = hit ? hit.tagName + '.' + String(hit.className).split(' ')[0] : 'nothing';
      }
    }
  }
  el.removeAttribute('data-focus-probe');
  probe.remove();
  return {what, style: s.outlineStyle, width: parseFloat(s.outlineWidth), contrast, shows,
          box: [r.left, r.top, r.width, r.height].map(Math.round), header: top, under};
}"""

# The focused element's state, with an id it gets on first sight; null when nothing is focused.
FOCUSED = f"""async () => {{
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  if (!el.dataset.kbd) el.dataset.kbd = 'f' + Math.random().toString(36).slice(2);
  return {{id: el.dataset.kbd, ...(await ({STATE})(el, 'chrome'))}};
}}"""

# Every element a reader can reach with Tab, focused in turn by script (after a first Tab, so it
# shows as keyboard focus), and its state.
EVERY_STOP = f"""async () => {{
  const state = {STATE};
  const stops = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]")].filter(e =>
    e.tabIndex >= 0 && !e.disabled && !e.closest('[hidden], [inert]') &&
    !(e.closest('details:not([open])') && e.tagName !== 'SUMMARY') && e.checkVisibility({{visibilityProperty: true}}));
  // The search field last: focused by script, Material's search stays open over the page.
  stops.sort((a, b) => a.matches('.md-search__input') - b.matches('.md-search__input'));
  const out = [];
  let settle = false;
  for (const el of stops) {{
    const y = scrollY;
    el.focus();
    if (document.activeElement !== el) continue;
    out.push(await state(el, settle || (scrollY !== y && 'scroll')));
    settle = !!el.closest('.md-header, .md-sidebar') && 'chrome';
  }}
  return out;
}}"""


def walk(page: Any, key: str = "Tab", limit: int = 600) -> list[dict[str, Any]]:
    """Press ``key`` until focus comes back to an element already seen; what was focused, in order."""
    seen: list[dict[str, Any]] = []
    ids: set[str] = set()
    for _ in range(limit):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        if focused is None:  # focus left the document at one of its ends
            page.keyboard.press(key)
            focused = page.evaluate(FOCUSED)
        if focused is None or focused["id"] in ids:
            return seen
        ids.add(focused["id"])
        seen.append(focused)
    pytest.fail(f"{key} did not come round after {limit} presses")


SCHEMES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_focus_ring_stands_out(tabs: Opener, example: Served, kind: str, scheme: str) -> None:
    """Every tab stop, Material's chrome included, has a solid ring 2 px wide or more, at 3:1 or
    more against the background it is drawn on, and shows when focused."""
    tab = tabs(viewport=WIDE, color_scheme=scheme)
    page = tab.page
    page.goto(example.url(PAGE_TYPES[kind]), wait_until="networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    page.keyboard.press("Tab")
    stops = page.evaluate(EVERY_STOP)
    assert len(stops) > 10
    faint = [
        (f["what"], f["style"], f["width"], round(f["contrast"], 2))
        for f in stops
        if f["style"] in ("none", "hidden") or f["width"] < 2 or f["contrast"] < 3
    ]
    assert not faint, faint
    hidden = [(f["what"], f["box"], f["under"]) for f in stops if not f["shows"]]
    assert not hidden, hidden


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
@pytest.mark.parametrize("key", ["Tab", "Shift+Tab"])
def test_focus_is_never_under_the_header(tabs: Opener, example: Served, key: str, viewport: dict[str, int]) -> None:
    """Tab down a long page from its top, and Shift+Tab up it from its bottom (the page scrolls
    the other way): every focused element shows below Material's sticky header, in the viewport."""
    tab = tabs(viewport=viewport)
    page = tab.page
    page.goto(example.url(JOURNEY), wait_until="networkidle")
    if key == "Shift+Tab":
        page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
        page.locator(".md-copyright").evaluate("e => { e.tabIndex = -1; e.focus(); }")
    stops = walk(page, key)
    assert len(stops) > 40
    assert sum(1 for f in stops if f["box"][1] > f["header"]) > 10  # the page did scroll past them
    hidden = [(f["what"], f["box"], f["header"], f["under"]) for f in stops if not f["shows"]]
    assert not hidden, hidden


SKIP_KINDS = [
    "current-state map",
    "persona",
    "owner",
    "home",
    "persona index",
    "journey index",
    "owner index",
    "opportunities",
]

# The first element after the page title that Tab would reach.
FIRST_AFTER_TITLE = """() => {
  const h1 = document.querySelector('h1');
  const all = [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")];
  return all.find(e => e.tabIndex >= 0 && (h1.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)
    && e.checkVisibility({visibilityProperty: true})) || null;
}"""


@pytest.mark.parametrize(
    ("kind", "viewport"),
    [(kind, WIDE) for kind in SKIP_KINDS] + [(kind, PHONE) for kind in ("current-state map", "persona index")],
    ids=[f"{kind}-wide" for kind in SKIP_KINDS] + ["current-state map-phone", "persona index-phone"],
)
def test_skip_link_lands_on_the_page_title(tabs: Opener, example: Served, kind: str, viewport: dict[str, int]) -> None:
    """From the bottom of the page, Tab, Enter on "Skip to content": the title (h1#top) is scrolled
    into view below the header, and the next Tab goes to the first link after it (on a journey
    page, the persona: the skip link used to pass title, persona and goal for the About section)."""
    tab = tabs(viewport=viewport)
    page = tab.page
    page.goto(example.url(PAGE_TYPES[kind]), wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
    # Material notes the scroll offset in the history entry (100 ms later); pushed before that,
    # its own handling of the link would take the note for the new entry's and stay put.
    page.wait_for_function("() => scrollY === 0 || (history.state && Math.abs(history.state.y - scrollY) < 1)")
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    assert skip.evaluate("e => e === document.activeElement"), "the skip link is the first tab stop"
    assert skip.inner_text().strip() == "Skip to content"
    page.keyboard.press("Enter")
    page.wait_for_function(
        """() => { const h = document.querySelector('h1').getBoundingClientRect();
                   const bar = document.querySelector('.md-header').getBoundingClientRect();
                   return location.hash === '#top' && h.top >= bar.bottom && h.bottom <= innerHeight; }"""
    )
    assert page.locator("h1").get_attribute("id") == "top"
    page.keyboard.press("Tab")
    assert page.evaluate(f"() => ({FIRST_AFTER_TITLE})() === document.activeElement"), page.evaluate(
        "document.activeElement.outerHTML.slice(0, 120)"
    )
    assert tab.problems() == []
