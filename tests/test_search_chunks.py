"""Pagefind's word index cut again (``mkdocs_cjm.core.search_chunks``): small chunks whose bounds
reach each other, so every word falls in the one chunk that would hold it; the same words and
pages as Pagefind wrote; an index of a layout the module does not know is left alone."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from conftest import build_site, small_portfolio
from mkdocs_cjm.core.search_chunks import BEYOND, _cut, bounds, decode, encode, rechunk


def holding(chunks: list[list[str]], word: str) -> list[str] | None:
    """The chunk Pagefind picks for ``word``: the first whose bounds hold it."""
    return next((c for c in chunks if c[0] <= word <= c[1]), None)


def chunked(runs: list[list[str]], sizes: list[int] | None = None) -> list[list[str]]:
    """``[from, to, words…]`` of each run of words, with :func:`bounds`."""
    limits = bounds([(run[0], run[-1]) for run in runs], sizes)
    return [[start, end, *run] for (start, end), run in zip(limits, runs, strict=True)]


words = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x2FFF), min_size=1, max_size=8)


@given(st.lists(words, min_size=1, max_size=30, unique=True), st.data())
def test_every_word_and_every_prefix_falls_in_a_chunk_that_begins_it(index: list[str], data: st.DataObject) -> None:
    """Every word lands in its own chunk, and every prefix of a word in a chunk holding a word it
    begins (so a reader's half-typed word finds what it would find at Pagefind's own bounds)."""
    index.sort()
    cuts = sorted(data.draw(st.sets(st.integers(1, len(index) - 1), max_size=len(index) - 1)) if len(index) > 1 else [])
    runs = [index[a:b] for a, b in pairwise([0, *cuts, len(index)])]
    chunks = chunked(runs, data.draw(st.none() | st.lists(st.integers(1, 9), min_size=len(runs), max_size=len(runs))))
    assert chunks[0][0] == "" and chunks[-1][1] == BEYOND
    for (start, end, *run), (following, *_) in pairwise(chunks):
        assert start <= run[0] and run[-1] <= end < following
    for word in index:
        assert word in (holding(chunks, word) or [])[2:], word
        for n in range(1, len(word)):
            found = holding(chunks, word[:n])
            assert found is not None and any(w.startswith(word[:n]) for w in found[2:]), (word[:n], chunks)


def test_a_word_between_two_chunks_and_a_prefix_of_the_next_find_their_chunks() -> None:
    """Pagefind bounds a chunk by its last word ("invoic", a stem); the raw word "invoice" then
    matched no chunk. Here it falls in the chunk that ends at its stem, and "invoicin", a prefix of
    the next chunk's first word, in that next chunk."""
    chunks = chunked([["abc", "hum"], ["hu\u00e9", "invoic"], ["invoicing", "pay"], ["paz", "zulu"]])
    assert holding(chunks, "invoice") == chunks[1] and holding(chunks, "hu") == chunks[0]
    assert holding(chunks, "invoicin") == chunks[2] and holding(chunks, "invoicing") == chunks[2]
    assert holding(chunks, "pa") == chunks[2] and holding(chunks, "paz") == chunks[3]
    assert holding(chunks, "a") == chunks[0] and holding(chunks, "zzzz") == chunks[3]


def test_a_word_of_no_page_costs_the_smaller_of_the_chunks_around_it() -> None:
    """A word the index does not have ("end", between "email" and "error") is fetched with one
    of the chunks around it: the smaller one. A word that differs from the last word before only
    in its last letter stays with that word (the reader's "happy" is the stem "happi")."""
    runs = [["abc", "email"], ["error", "zulu"]]
    big_first, big_next = chunked(runs, [50_000, 5_000]), chunked(runs, [5_000, 50_000])
    assert holding(big_first, "end") == big_first[1] and holding(big_next, "end") == big_next[0]
    for chunks in (big_first, big_next):
        for word in ("abc", "emai", "email", "emails", "emaim", "e", "em"):
            assert holding(chunks, word) == chunks[0], word
        for word in ("er", "error", "errors", "zulu", "zzz"):
            assert holding(chunks, word) == chunks[1], word
    chunks = chunked([["deliveri", "happi"], ["hue", "zulu"]], [50_000, 5_000])
    assert holding(chunks, "happy") == chunks[0] and holding(chunks, "hoax") == chunks[1]


def test_a_word_in_more_places_than_a_chunk_holds_has_a_chunk_of_its_own() -> None:
    """A word with more than ``locations`` locations is cut off from the words around it that
    share no prefix with it, so a query for a rare word beside it never fetches it."""
    entries = [["a", pages(1, 1), []], ["big", pages(50, 9), []], ["c", pages(5, 1), []], ["d", pages(1, 1), []]]
    cut = list(_cut(entries, locations=12))
    assert [[entry[0] for entry in run] for run in cut] == [["a"], ["big"], ["c", "d"]]


def test_chunks_are_cut_where_neighbours_share_the_shortest_prefix() -> None:
    """Pagefind completes a typed prefix with the words of the one chunk it falls in: a cut between
    "applied" and "apply" would lose "apply" for "appl". The cut falls between words that share
    the shortest prefix, within twice the chunk size, so every prefix of two letters or more here
    finds all the words it begins."""
    names = ["apple", "applied", "apply", "banana", "band", "bandit"]
    cut = list(_cut([[name, pages(1, 3), []] for name in names], locations=8))
    runs = [[entry[0] for entry in run] for run in cut]
    assert runs == [["apple", "applied", "apply"], ["banana", "band", "bandit"]]
    chunks = chunked(runs)
    for prefix in {name[:n] for name in names for n in range(2, len(name) + 1)}:
        assert {w for w in names if w.startswith(prefix)} <= set(holding(chunks, prefix) or []), prefix


def pages(n: int, locations: int) -> list[list[Any]]:
    """``n`` pages, each with ``locations`` locations of a word (Pagefind's entry shape)."""
    return [[page, list(range(locations)), []] for page in range(n)]


def bundle(folder: Path, version: str = "1.5.2") -> list[list[Any]]:
    """A Pagefind bundle of one index as Pagefind writes it: two chunks of ten words; its words."""
    entries = [[f"w{n:02}", pages(3, 4), []] for n in range(20)]
    (folder / "index").mkdir(parents=True)
    for name, run in (("en_aaa", entries[:10]), ("en_bbb", entries[10:])):
        (folder / "index" / f"{name}.pf_index").write_bytes(encode([run]))
    chunks = [["w00", "w09", "en_aaa"], ["w1", "w19", "en_bbb"]]
    meta = [version, [["en_1a2b", 120]], chunks, [["tag", "f1"]], [], ["title", "name"]]
    (folder / "pagefind.en_1a2b.pf_meta").write_bytes(encode(meta))
    entry = {"version": version, "languages": {"en": {"hash": "en_1a2b", "wasm": "en", "page_count": 3}}}
    (folder / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    return entries


def meta_of(folder: Path) -> Path:
    """The metadata file the bundle's entry file names."""
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    return folder / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_index_is_cut_again_with_the_same_words_and_pages(tmp_path: Path) -> None:
    entries = bundle(tmp_path)
    before = decode((tmp_path / "pagefind.en_1a2b.pf_meta").read_bytes())
    [written] = rechunk(tmp_path, locations=30)
    # A new name for the new metadata, given by the entry file: a cached old one is never used.
    assert written == meta_of(tmp_path) != tmp_path / "pagefind.en_1a2b.pf_meta"
    assert [p.name for p in tmp_path.glob("*.pf_meta")] == [written.name]
    meta = decode(written.read_bytes())
    assert meta[:2] + meta[3:] == before[:2] + before[3:]  # only the chunk list changed
    chunks = meta[2]
    # Each word has 3 × (4 + 1) = 15 locations: two words a chunk, except that "w09" and "w10"
    # share less than the others, so the chunk up to "w09" takes four.
    assert len(chunks) == 8 and holding(chunks, "w09") == chunks[3] and holding(chunks, "w10") == chunks[4]
    assert {p.stem for p in (tmp_path / "index").iterdir()} == {c[2] for c in chunks}  # the old ones are gone
    again: list[Any] = []
    for start, end, name in chunks:
        run = decode((tmp_path / "index" / f"{name}.pf_index").read_bytes())[0]
        assert all(start <= entry[0] <= end for entry in run)
        again += run
    assert again == entries
    assert all(a[1] < b[0] for a, b in pairwise(chunks))


def test_cutting_is_deterministic(tmp_path: Path) -> None:
    bundle(tmp_path / "a")
    bundle(tmp_path / "b")
    rechunk(tmp_path / "a", locations=30)
    rechunk(tmp_path / "b", locations=30)
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_an_index_the_module_does_not_know_is_left_as_it_is(tmp_path: Path) -> None:
    bundle(tmp_path / "version", version="2.0.0")
    bundle(tmp_path / "broken")
    (tmp_path / "broken" / "index" / "en_bbb.pf_index").write_bytes(b"not gzip at all")
    bundle(tmp_path / "missing")
    (tmp_path / "missing" / "index" / "en_bbb.pf_index").unlink()
    bundle(tmp_path / "shape")
    (tmp_path / "shape" / "index" / "en_bbb.pf_index").write_bytes(encode([[["w10", "not pages"]]]))
    bundle(tmp_path / "order")
    (tmp_path / "order" / "index" / "en_bbb.pf_index").write_bytes(encode([[["a", pages(1, 1), []]]]))
    bundle(tmp_path / "entry")
    (tmp_path / "entry" / "pagefind-entry.json").write_text("{not json", encoding="utf-8")
    for case in ("version", "broken", "missing", "shape", "order", "entry"):
        before = files(tmp_path / case)
        assert rechunk(tmp_path / case, locations=30) == [], case
        assert files(tmp_path / case) == before, case  # no new chunk left behind either


def test_the_built_index_is_cut_small_with_contiguous_bounds(tmp_path: Path) -> None:
    """Pagefind's own output, as the build leaves it: every chunk the metadata lists is there and
    holds only words within its bounds, no other chunk is, and the bounds reach each other."""
    site = build_site(tmp_path, small_portfolio(), config={"plugins": [{"cjm": {"today": "2026-11-24"}}]})
    bundle_dir = site.site_dir / "pagefind"
    assert list(bundle_dir.glob("*.pf_meta")) == [meta_of(bundle_dir)]
    chunks = decode(meta_of(bundle_dir).read_bytes())[2]
    assert {p.stem for p in (bundle_dir / "index").iterdir()} == {c[2] for c in chunks}
    assert chunks[0][0] == "" and chunks[-1][1] == BEYOND and all(a[1] < b[0] for a, b in pairwise(chunks))
    for start, end, name in chunks:
        run = decode((bundle_dir / "index" / f"{name}.pf_index").read_bytes())[0]
        assert all(start <= entry[0] <= end for entry in run)
