"""Pagefind's word chunks made contiguous (``mkdocs_cjm.core.search_chunks``): every word falls
in the one chunk that would hold it, nothing else in the metadata changes, and a file the module
does not know is left alone."""

from __future__ import annotations

import gzip
from bisect import bisect_right
from itertools import pairwise
from pathlib import Path
from typing import Any

import cbor2
from hypothesis import given
from hypothesis import strategies as st

from conftest import build_site, small_portfolio
from mkdocs_cjm.core.search_chunks import MAGIC, contiguous, contiguous_folder


def meta_file(chunks: list[list[str]], version: str = "1.5.2") -> bytes:
    """A ``.pf_meta`` file as Pagefind writes it: pages, chunks, filters, sorts, meta fields."""
    meta: list[Any] = [version, [["en_1a2b", 120]], chunks, [["tag", "f1"]], [], ["title", "name"]]
    return gzip.compress(MAGIC + cbor2.dumps(meta), mtime=0)


def decoded(data: bytes) -> list[Any]:
    raw = gzip.decompress(data)
    assert raw.startswith(MAGIC)
    meta: list[Any] = cbor2.loads(raw[len(MAGIC) :])
    return meta


def chunk_of(chunks: list[list[str]], word: str) -> list[str] | None:
    """The chunk Pagefind picks for ``word``: the first whose bounds hold it."""
    return next((c for c in chunks if c[0] <= word <= c[1]), None)


CHUNKS = [["abc", "hum", "h1"], ["hu\u00e9", "invoic", "h2"], ["invoicing", "pay", "h3"], ["paz", "zulu", "h4"]]


def test_a_word_between_two_chunks_falls_in_the_one_that_would_hold_it() -> None:
    before = decoded(meta_file(CHUNKS))[2]
    assert chunk_of(before, "invoice") is None  # Pagefind would then load every chunk sharing a prefix
    after = decoded(contiguous(meta_file(CHUNKS)) or b"")
    chunks = after[2]
    assert chunk_of(chunks, "invoice") == chunks[1]
    assert chunk_of(chunks, "invoicing") == chunks[2]  # a chunk's own first word stays its own
    assert chunk_of(chunks, "invoicin") == chunks[1]
    assert chunk_of(chunks, "zzzz") == chunks[3]  # past the last word: the last chunk
    assert [c[0] for c in chunks] == [c[0] for c in CHUNKS] and [c[2] for c in chunks] == [c[2] for c in CHUNKS]
    # Only the bounds changed: pages, filters, sorts and fields are as Pagefind wrote them.
    assert after[:2] + after[3:] == decoded(meta_file(CHUNKS))[:2] + decoded(meta_file(CHUNKS))[3:]


words = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x2FFF), min_size=1, max_size=8)


@given(st.lists(words, min_size=2, max_size=12, unique=True), st.lists(words, max_size=20))
def test_every_word_lands_in_the_chunk_its_order_gives(starts: list[str], probes: list[str]) -> None:
    starts.sort()
    chunks = [[start, start, f"h{n}"] for n, start in enumerate(starts)]
    rewritten = contiguous(meta_file(chunks))
    assert rewritten is not None
    after = decoded(rewritten)[2]
    for word in probes + starts:
        position = bisect_right(starts, word) - 1
        assert chunk_of(after, word) == (after[position] if position >= 0 else None), word


def test_the_rewrite_is_deterministic_and_idempotent() -> None:
    once = contiguous(meta_file(CHUNKS))
    assert once is not None and once == contiguous(meta_file(CHUNKS))
    assert contiguous(once) is None  # already contiguous: left as it is


def test_a_file_of_an_unknown_layout_is_left_alone(tmp_path: Path) -> None:
    unknown = [
        meta_file(CHUNKS, version="2.0.0"),
        meta_file([["b", "c", "h1"], ["a", "z", "h2"]]),  # chunks out of order
        gzip.compress(MAGIC + cbor2.dumps({"version": "1.5.2"}), mtime=0),
        gzip.compress(b"pagefind_xyz" + cbor2.dumps(["1.5.2", [], CHUNKS]), mtime=0),
        b"not gzip at all",
        gzip.compress(MAGIC + b"\xff\x00 not cbor", mtime=0),
    ]
    for data in unknown:
        assert contiguous(data) is None
    (tmp_path / "pagefind.x.pf_meta").write_bytes(unknown[0])
    assert contiguous_folder(tmp_path) == []
    assert (tmp_path / "pagefind.x.pf_meta").read_bytes() == unknown[0]


def test_the_built_index_has_contiguous_chunks(tmp_path: Path) -> None:
    """Pagefind's own metadata, as the build leaves it: it still decodes, its chunks reach each other."""
    site = build_site(tmp_path, small_portfolio(), config={"plugins": [{"cjm": {"today": "2026-11-24"}}]})
    [meta] = (site.site_dir / "pagefind").glob("*.pf_meta")
    chunks = decoded(meta.read_bytes())[2]
    assert chunks and chunks[-1][1].endswith("\U0010ffff")
    assert all(a[1] < b[0] and a[1][: len(b[0]) - 1] == b[0][:-1] for a, b in pairwise(chunks))
