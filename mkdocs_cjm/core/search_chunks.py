"""Pagefind's word chunks made contiguous, so that a query fetches one chunk per word.

Pagefind splits an index's words into chunks (``pagefind/index/*.pf_index``); its metadata file
(``pagefind.<hash>.pf_meta``: gzip of ``pagefind_dcd`` and a CBOR array whose item 2 lists each
chunk as ``[from, to, hash]``) gives each chunk the first and last word it holds. A typed word
that sorts *between* two chunks (the raw word "invoice" after a chunk ending at its stem
"invoic") matches none, and Pagefind then loads every chunk that shares a prefix with it: on a
large site that is several chunks of 30-120 KB per index, for a word whose stem sits in one.

:func:`contiguous` rewrites each chunk's ``to`` to reach just below the next chunk's ``from``
(and the last one's past any word), so every word falls in exactly the chunk that would hold
it. Nothing else in the file changes; a file this module does not recognise (another format
version, a decoding that does not reproduce its bytes) is left as it is.
"""

from __future__ import annotations

import gzip
from itertools import pairwise
from pathlib import Path
from typing import Any

import cbor2

MAGIC = b"pagefind_dcd"
"""What Pagefind's decompressed index files start with."""
VERSIONS = ("1.",)
"""The Pagefind versions whose metadata layout (``[version, pages, chunks, ...]``) is known."""
CHUNKS = 2
"""The metadata item that lists the word chunks."""
BEYOND = "\U0010ffff" * 4
"""Above any word: the last chunk's upper bound, and appended to the others' (above any word that
starts with the bound)."""

__all__ = ["contiguous", "contiguous_folder"]


def contiguous(data: bytes) -> bytes | None:
    """``data`` (a ``.pf_meta`` file) with contiguous chunk bounds, or None when the file is not
    a metadata layout this module knows, or its bounds are contiguous already."""
    try:
        raw = gzip.decompress(data)
        meta = cbor2.loads(raw[len(MAGIC) :]) if raw.startswith(MAGIC) else None
    except (OSError, EOFError, ValueError, cbor2.CBORDecodeError):
        return None
    chunks = _chunks(meta)
    if chunks is None or cbor2.dumps(meta) != raw[len(MAGIC) :]:
        return None
    below = [_below(following[0]) for following in chunks[1:]]
    bounds = [bound for bound in below if bound is not None] + [BEYOND]
    if len(bounds) < len(chunks) or any(chunk[1] >= bound for chunk, bound in zip(chunks, bounds, strict=True)):
        return None  # bounds already wide, or a word with no string just below it
    for chunk, bound in zip(chunks, bounds, strict=True):
        chunk[1] = bound
    return gzip.compress(MAGIC + cbor2.dumps(meta), mtime=0)


def contiguous_folder(folder: Path) -> list[Path]:
    """Rewrite every ``*.pf_meta`` file in ``folder`` (a Pagefind bundle); the files changed."""
    changed = []
    for path in sorted(folder.glob("*.pf_meta")):
        rewritten = contiguous(path.read_bytes())
        if rewritten is not None:
            path.write_bytes(rewritten)
            changed.append(path)
    return changed


def _chunks(meta: Any) -> list[list[str]] | None:
    """The chunk list of a decoded metadata file, when it has the known shape and order."""
    if not (isinstance(meta, list) and len(meta) > CHUNKS and isinstance(meta[0], str)):
        return None
    chunks = meta[CHUNKS]
    if not meta[0].startswith(VERSIONS) or not isinstance(chunks, list) or not chunks:
        return None
    if not all(isinstance(c, list) and len(c) == 3 and all(isinstance(s, str) for s in c) for c in chunks):
        return None
    ordered = all(a[0] <= a[1] < b[0] <= b[1] for a, b in pairwise(chunks))
    return chunks if ordered else None


def _below(word: str) -> str | None:
    """A string that sorts just below ``word`` and above every word that sorts below it (up to
    four characters longer than the shared prefix), or None when there is none."""
    last = ord(word[-1]) - 1 if word else -1
    if last < 0:
        return None
    if 0xD800 <= last <= 0xDFFF:  # no surrogates in UTF-8: the code point below them
        last = 0xD7FF
    return word[:-1] + chr(last) + BEYOND
