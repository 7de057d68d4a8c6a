"""Pagefind's word index cut again into small chunks with contiguous bounds, so that a query
fetches little of it.

Pagefind writes an index's words, sorted, into chunks (``pagefind/index/<lang>_<hash>.pf_index``:
gzip of ``pagefind_dcd`` and a CBOR ``[[[word, pages], ...]]``) of about 20,000 word locations
each, and lists them in the index's metadata (``pagefind.<lang>_<hash>.pf_meta``: gzip of
``pagefind_dcd`` and a CBOR array whose item 2 lists each chunk as ``[from, to, hash]``). A query
fetches, for each of its words and in every index of the site, the chunk whose bounds hold the
word. Two things make that costly on a large site:

* a chunk is 30-120 KB, fetched whole for one word;
* a typed word that sorts *between* two chunks (the raw word "invoice" after a chunk ending at
  its stem "invoic") matches none, and Pagefind then fetches every chunk sharing a prefix with it.

:func:`rechunk` reads an index's chunks in order and writes the same words again in chunks of
about ``locations`` word locations (:data:`CHUNK_LOCATIONS`), cut where the words on either side
share the shortest prefix, so that a typed prefix finds all the words it begins. Each chunk
starts where Pagefind would start it (its first word, cut just past what it shares with the word
before) and ends just below where the next one starts (:func:`bounds`), so every typed word, or
prefix of a word, falls in exactly one chunk, the one that holds the words it begins; a word no
page has falls in the smaller of the two chunks around it. Words and their pages are copied as
they are; the metadata gets a new name, which ``pagefind-entry.json`` gives. An index this module
does not recognise (another format version, a decoding that does not give back its bytes) is left
as Pagefind wrote it. The same index gives the same files.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from hashlib import sha256
from itertools import pairwise
from os.path import commonprefix
from pathlib import Path
from typing import Any

import cbor2

ENTRY = "pagefind-entry.json"
"""The file of a Pagefind bundle that names each language's metadata file."""
MAGIC = b"pagefind_dcd"
"""What Pagefind's decompressed index files start with."""
VERSIONS = ("1.",)
"""The Pagefind versions whose metadata layout (``[version, pages, chunks, ...]``) is known."""
CHUNKS = 2
"""The metadata item that lists the word chunks."""
CHUNK_LOCATIONS = 4_000
"""Word locations per chunk, about (Pagefind's own: 20,000). Smaller chunks make a query's
download smaller and its requests more; a word found in more places than this has a chunk of its
own, unless it shares a prefix with the words before it."""
BEYOND = "\U0010ffff" * 4
"""Above any word: the last chunk's upper bound, and appended to the others' (above any word that
starts with the bound)."""

__all__ = ["CHUNK_LOCATIONS", "bounds", "rechunk"]


class Unknown(Exception):
    """An index file this module does not know how to read: the index is left alone."""


def rechunk(folder: Path, locations: int = CHUNK_LOCATIONS) -> list[Path]:
    """Cut every index of ``folder`` (a Pagefind bundle, ``pagefind-entry.json`` naming each
    language's metadata file) again; the new metadata files. A rewritten metadata file gets a new
    name (its language and content hash), so that a browser holding the old one in its cache
    never pairs it with the new chunks; the entry file names it."""
    entry_path = folder / ENTRY
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
        hashes = {language: str(languages[language]["hash"]) for language in languages}
    except (OSError, ValueError, KeyError, TypeError):
        return []
    written = []
    for language, hash_ in sorted(hashes.items()):
        meta = _rechunk_index(folder, folder / f"pagefind.{hash_}.pf_meta", language, locations)
        if meta is not None:
            languages[language]["hash"] = meta.name.removeprefix("pagefind.").removesuffix(".pf_meta")
            written.append(meta)
    if written:
        entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return written


def bounds(runs: list[tuple[str, str]], sizes: list[int] | None = None) -> list[tuple[str, str]]:
    """The bounds of each chunk, given each chunk's first and last word (in order) and, when
    known, its size in bytes. A chunk starts at its first word cut just past what it shares with
    the word before it (Pagefind's own "from"), so that a typed prefix of the word ("tanak" for
    "tanaka") finds the chunk that holds it; the first chunk starts below any word. Each chunk ends
    just below where the next starts, and the last one past any word.

    Between a chunk's last word and the next chunk's start lie words the index does not have
    ("end" between "email" and "error"): a reader's typo, a word of no page. They cost the chunk
    that takes them in, so the smaller of the two neighbours does: when it is the next one, that
    one starts past every word that shares all but the last letter of the last word before. (The
    index holds stems and a reader types words, which sort after their stems and may differ from
    them in its last letter: "happy" for "happi", "hoping" for "hope"; those stay with the stem.)"""
    # commonprefix compares character by character, which is what is meant here (words, not paths).
    shared = [len(commonprefix((last, first))) for (_, last), (first, _) in pairwise(runs)]  # noqa: RUF071
    starts = [""] + [first[: n + 1] for (first, _), n in zip(runs[1:], shared, strict=True)]
    if sizes is not None:
        for i, ((_, last), start) in enumerate(zip(runs, starts[1:], strict=False)):
            if sizes[i + 1] < sizes[i] and last[:-1] + BEYOND < start:
                starts[i + 1] = last[:-1] + BEYOND
    ends = [_below(start) for start in starts[1:]] + [BEYOND]
    return list(zip(starts, ends, strict=True))


def _rechunk_index(folder: Path, meta_path: Path, language: str, locations: int) -> Path | None:
    """Write the chunks of one index again and a metadata file for them (the old one removed);
    the new metadata file, or None (and nothing changed) when a file of the index is not one this
    module knows."""
    try:
        meta = decode(meta_path.read_bytes())
        chunks = _chunks(meta)
    except (Unknown, OSError):
        return None
    old = {hash_: folder / "index" / f"{hash_}.pf_index" for _, _, hash_ in chunks}
    written: list[tuple[str, str, str, int]] = []  # each new chunk's first and last word, name and size
    try:
        for words in _cut(_words(old.values()), locations):
            written.append((words[0][0], words[-1][0], *_write(folder / "index", language, words)))
        limits = bounds([(first, last) for first, last, *_ in written], [size for *_, size in written])
        meta[CHUNKS] = [[start, end, name] for (start, end), (_, _, name, _) in zip(limits, written, strict=True)]
    except Unknown:
        for _, _, name, _ in written:
            if name not in old:
                (folder / "index" / f"{name}.pf_index").unlink(missing_ok=True)
        return None
    data = encode(meta)
    new_meta = folder / f"pagefind.{language}_{sha256(data).hexdigest()[:10]}.pf_meta"
    new_meta.write_bytes(data)
    if new_meta != meta_path:
        meta_path.unlink()
    kept = {name for _, _, name, _ in written}
    for name, path in old.items():
        if name not in kept:
            path.unlink(missing_ok=True)
    return new_meta


def decode(data: bytes) -> Any:
    """A Pagefind file's content, when encoding it again gives back its bytes."""
    try:
        raw = gzip.decompress(data)
        content = cbor2.loads(raw[len(MAGIC) :]) if raw.startswith(MAGIC) else None
    except (OSError, EOFError, ValueError, cbor2.CBORDecodeError) as exc:
        raise Unknown(str(exc)) from exc
    if content is None or cbor2.dumps(content) != raw[len(MAGIC) :]:
        raise Unknown("not a Pagefind file this module can write again")
    return content


def encode(content: Any) -> bytes:
    """A Pagefind file of ``content`` (the same content gives the same bytes)."""
    return gzip.compress(MAGIC + cbor2.dumps(content), mtime=0)


def _chunks(meta: Any) -> list[list[str]]:
    """The chunk list of a decoded metadata file, when it has the known shape."""
    if not (isinstance(meta, list) and len(meta) > CHUNKS and isinstance(meta[0], str)):
        raise Unknown("not a metadata layout this module knows")
    chunks = meta[CHUNKS]
    if not meta[0].startswith(VERSIONS) or not isinstance(chunks, list) or not chunks:
        raise Unknown(f"Pagefind {meta[0]}: a version this module does not know")
    if not all(isinstance(c, list) and len(c) == 3 and all(isinstance(s, str) for s in c) for c in chunks):
        raise Unknown("chunks of an unknown shape")
    return chunks


def _words(paths: Iterable[Path]) -> Iterator[list[Any]]:
    """The ``[word, pages]`` entries of the chunk files ``paths``, in order; each word sorts after
    the one before it."""
    last = ""
    for path in paths:
        content = decode(path.read_bytes()) if path.is_file() else None
        if not (isinstance(content, list) and len(content) == 1 and isinstance(content[0], list)):
            raise Unknown(f"{path.name}: not a word chunk this module knows")
        for entry in content[0]:
            if not (isinstance(entry, list) and len(entry) >= 2 and isinstance(entry[0], str)):
                raise Unknown(f"{path.name}: a word entry of an unknown shape")
            if entry[0] <= last or not isinstance(entry[1], list):
                raise Unknown(f"{path.name}: words out of order")
            last = entry[0]
            yield entry


def _cut(words: Iterable[list[Any]], locations: int) -> Iterator[list[list[Any]]]:
    """``words`` in runs of about ``locations`` locations (Pagefind's measure: a page's locations
    of the word, plus one), at most twice that unless one word has more. Each run ends where the
    words on either side of the cut share the shortest prefix (:func:`_best_cut`): Pagefind looks
    a typed word up in one chunk only and completes it with the words of that chunk, so a prefix
    longer than what the two share finds all its words."""
    run: list[list[Any]] = []
    sizes: list[int] = []
    total = 0
    for entry in words:
        try:
            sizes.append(sum(len(page[1]) + 1 for page in entry[1]))
        except (TypeError, IndexError, KeyError) as exc:
            raise Unknown(f"the pages of {entry[0]!r}: an unknown shape") from exc
        run.append(entry)
        total += sizes[-1]
        while len(run) > 1 and total > 2 * locations:
            n = _best_cut([word for word, *_ in run], sizes, locations)
            yield run[:n]
            total -= sum(sizes[:n])
            run, sizes = run[n:], sizes[n:]
    if run:
        yield run


def _best_cut(words: list[str], sizes: list[int], locations: int) -> int:
    """How many of ``words`` (two or more, each of ``sizes`` locations) the next run takes: the cut
    between two words that share the shortest prefix, among those that leave at least a quarter
    of ``locations`` before them (or the last cut), the one nearest ``locations`` of those. A word
    found in more places than that is cut off from words it shares no prefix with."""
    cuts = []
    total = 0
    for n in range(1, len(words)):
        total += sizes[n - 1]
        if total >= locations // 4 or n == len(words) - 1:
            cuts.append((len(commonprefix((words[n - 1], words[n]))), abs(total - locations), n))  # noqa: RUF071 (words, not paths)
    return min(cuts)[2]


def _write(folder: Path, language: str, words: list[list[Any]]) -> tuple[str, int]:
    """Write a chunk of ``words`` into ``folder``; its name (language and content hash) and size."""
    data = encode([words])
    name = f"{language}_{sha256(data).hexdigest()[:16]}"
    (folder / f"{name}.pf_index").write_bytes(data)
    return name, len(data)


def _below(word: str) -> str:
    """A string that sorts just below ``word`` and above every word that sorts below it (up to
    four characters longer than the shared prefix)."""
    last = ord(word[-1]) - 1 if word else -1
    if last < 0:
        raise Unknown(f"no bound below the word {word!r}")
    if 0xD800 <= last <= 0xDFFF:  # no surrogates in UTF-8: the code point below them
        last = 0xD7FF
    return word[:-1] + chr(last) + BEYOND
