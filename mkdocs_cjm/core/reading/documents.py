"""Read content files (YAML, or Markdown with YAML front matter) keeping line numbers.

Every value read from a file remembers where it came from, so a later check can point the
editor at the exact line. Reading never raises: problems are returned alongside the data.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import yaml

from ..problems import Problem
from .bounds import MAX_NODES, may_exceed, measure
from .commas import CommaChecks, CommaTail

try:  # libyaml's parser is several times faster; the constructor stays in Python either way.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Path_ = tuple[str, ...]
"""A location inside a document: keys and list indexes, all as strings."""

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_NUMBER = 10**15
"""Numbers are bounded: beyond it a score, a count or a KPI is a slip of the keyboard, and a
float cannot hold it (``1e400``, a score of five hundred digits)."""

_TIME_LIKE = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
"""Characters YAML counts as line breaks but editors (and our line numbers) do not."""


class _Lines:
    """Turns a parser's mark into the line and column an editor shows (1-based). YAML also
    breaks lines at NEL, U+2028 and U+2029, which editors show inside a line."""

    def __init__(self, text: str, offset: int) -> None:
        self.offset = offset
        self.starts: list[int] | None = None
        if _ODD_BREAKS.search(text):
            self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, mark: Any) -> tuple[int, int]:
        if self.starts is None:
            return (mark.line + 1 + self.offset, mark.column + 1)
        line = bisect.bisect_right(self.starts, mark.index) - 1
        return (line + 1 + self.offset, mark.index - self.starts[line] + 1)


class _Loader(_BaseLoader):
    """YAML as people expect it: ``yes``, ``no``, ``on`` and ``off`` are words and ``7:30``
    is a time of day, not the YAML 1.1 boolean or base-60 number."""


_REPLACED = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in pairs if tag not in _REPLACED]
    for first, pairs in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


class WrittenInt(int):
    """A whole number read from a file that remembers how it was written (``0x1F``, ``1_000``),
    so that a number used as text keeps its spelling."""

    written: str

    def __new__(cls, value: int, written: str) -> WrittenInt:
        number = super().__new__(cls, value)
        number.written = written
        return number

    def __str__(self) -> str:
        return self.written


class WrittenFloat(float):
    """A number read from a file that remembers how it was written (``1.10`` stays ``1.10``)."""

    written: str

    def __new__(cls, value: float, written: str) -> WrittenFloat:
        number = super().__new__(cls, value)
        number.written = written
        return number

    def __str__(self) -> str:
        return self.written


@dataclass
class Document:
    """The data of one content file and where each value of it sits in the file."""

    path: str
    data: Any = None
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict, repr=False)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict, repr=False)
    is_markdown: bool = False
    comma_tails: dict[Path_, CommaTail] = field(default_factory=dict, repr=False)
    """Flow-mapping keys that are likely the rest of the value before them, cut at a comma."""
    unusable: list[Path_] = field(default_factory=list, repr=False)
    """Where the reader reported a value it could not use (a number too large): the schema
    says nothing more about these places."""
    released_from: Path | None = field(default=None, repr=False)
    """Set once :meth:`release` dropped the data and positions; the file they are read from again."""

    def release(self, source: Path) -> None:
        """Forget the raw data and the positions of a file that loaded well: a large portfolio
        would otherwise hold a position for every value of every file. Should a later check need
        a position, :meth:`where` reads the file ``source`` again."""
        self.data = None
        self.positions = {}
        self.key_positions = {}
        self.comma_tails = {}
        self.released_from = source

    def where(self, path: tuple[object, ...], *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest enclosing value that exists.

        With ``key=True`` the position of the mapping key is preferred over its value.
        """
        if self.released_from is not None:
            fresh = read_document(self.released_from, self.path)
            self.positions, self.key_positions = fresh.positions, fresh.key_positions
            self.released_from = None
        parts = tuple(str(p) for p in path)
        while True:
            if key and parts in self.key_positions:
                return self.key_positions[parts]
            if parts in self.positions:
                return self.positions[parts]
            if not parts:
                return (1, 1)
            parts = parts[:-1]

    def problem(self, path: tuple[object, ...], message: str, hint: str = "", *, key: bool = False) -> Problem:
        line, column = self.where(path, key=key)
        return Problem(self.path, line, column, message, hint)


def read_document(abs_path: Path, rel_path: str) -> Document:
    """Read one content file; never raises for bad content."""
    doc = Document(path=rel_path, is_markdown=abs_path.suffix.lower() in (".md", ".markdown"))
    try:
        raw = abs_path.read_bytes()
    except OSError as exc:
        doc.problems.append(Problem(rel_path, 1, 1, f"cannot read the file: {exc.strerror}"))
        return doc
    if len(raw) > MAX_FILE_BYTES:
        doc.problems.append(
            Problem(
                rel_path,
                1,
                1,
                f"the file has {len(raw):,} bytes; a content file may have at most "
                f"{MAX_FILE_BYTES:,} bytes ({MAX_FILE_BYTES // 1024 // 1024} MB)",
                "split it into several maps",
            )
        )
        return doc
    return parse_document(raw, rel_path, markdown=doc.is_markdown)


def parse_document(raw: bytes | str, rel_path: str, *, markdown: bool = False) -> Document:
    """Parse the bytes (or text) of a content file."""
    doc = Document(path=rel_path, is_markdown=markdown)
    if isinstance(raw, bytes):
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            doc.problems.append(
                Problem(
                    rel_path, 1, 1, "the file is saved as UTF-16 text, not UTF-8", "save the file with UTF-8 encoding"
                )
            )
            return doc
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            lines = re.split(rb"\r\n|\r|\n", raw[: exc.start])
            line, column = len(lines), len(lines[-1]) + 1
            doc.problems.append(
                Problem(
                    rel_path,
                    line,
                    column,
                    f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read)",
                    "save the file with UTF-8 encoding",
                )
            )
            return doc
    else:
        text = raw
    text = text.lstrip("\ufeff")
    # Line ends as editors see them: '\r\n' (Windows) and a lone '\r' (old Macs) end a line too.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        doc.problems.append(
            Problem(
                rel_path, line, 1, "the file contains a NUL byte; it is not a text file", "save it as plain UTF-8 text"
            )
        )
        return doc
    offset = 0
    if markdown:
        front, body, offset, problem = _split_front_matter(text, rel_path)
        if problem:
            doc.problems.append(problem)
            return doc
        doc.body = body
        doc.body_line = offset + front.count("\n") + 2
        text = front
    _load_yaml(doc, text, offset)
    return doc


_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def _split_front_matter(text: str, rel_path: str) -> tuple[str, str, int, Problem | None]:
    """Split ``---`` front matter from a Markdown body. Returns (yaml, body, line offset, problem)."""
    if not _FENCE.match(text):
        return (
            "",
            "",
            0,
            Problem(
                rel_path,
                1,
                1,
                "the Markdown file has no YAML front matter",
                "start the file with a line '---', then the map's keys, then another '---' line",
            ),
        )
    first_end = text.find("\n") + 1 if "\n" in text else len(text)
    end = _END.search(text, first_end)
    if end is None:
        return (
            "",
            "",
            0,
            Problem(
                rel_path,
                1,
                1,
                "the front matter that starts on line 1 is never closed",
                "add a line '---' after the last key of the front matter",
            ),
        )
    front = text[first_end : end.start()]
    rest = text[end.end() :]
    body = rest[1:] if rest.startswith("\n") else rest
    return front, body, 1, None


_MESSAGES = [
    # (start of the parser's message, our message, hint, report where the construct opens)
    (
        "found character '\\t' that cannot start any token",
        "a tab character is not allowed here",
        "YAML indents with spaces: replace the tab with spaces",
        False,
    ),
    (
        "found a tab character",
        "a tab character is not allowed here",
        "YAML indents with spaces: replace the tab with spaces",
        False,
    ),
    (
        "mapping values are not allowed",
        "a ':' is not allowed here",
        "put text that contains ': ' in quotes, or fix this line's indentation",
        False,
    ),
    (
        "could not find expected ':'",
        "a key is missing its ':'",
        "write 'key: value', or put text that spans lines in quotes",
        False,
    ),
    (
        "did not find expected key",
        "this line does not fit the structure around it",
        "check its indentation against the lines above",
        False,
    ),
    (
        "did not find expected '-' indicator",
        "this line does not fit the list around it",
        "start list items with '- ' at the same indentation",
        False,
    ),
    (
        "found unexpected end of stream",
        "the quoted text that starts here is never closed",
        "add the closing quote; text that contains a quote needs the other kind of quote around it",
        True,
    ),
    (
        "did not find expected ',' or ']'",
        "the list in [brackets] that starts here is not closed",
        "add the closing ']', or put text containing commas in quotes",
        True,
    ),
    (
        "did not find expected ',' or '}'",
        "the mapping in {braces} that starts here is not closed",
        "add the closing '}', or put text containing commas in quotes",
        True,
    ),
    (
        "found undefined alias",
        "an alias ('*name') refers to an anchor that does not exist",
        "define '&name' before using '*name'",
        False,
    ),
    (
        "did not find expected node content",
        "a value is expected here",
        "write the value, or put text that starts with a sign such as [ { , or ' in quotes",
        False,
    ),
    (
        "did not find expected alphabetic or numeric character",
        "'&' and '*' must be followed by a name here",
        "put text that starts with '&' or '*' in quotes",
        False,
    ),
    (
        "did not find expected comment or line break",
        "this line goes on after its value has ended",
        "put the whole text of the value in quotes",
        False,
    ),
    (
        "block sequence entries are not allowed",
        "a list item ('- ') is not allowed here",
        "start the list on a new line under its key, indented",
        False,
    ),
    (
        "did not find expected hexdecimal number",
        "an escape such as '\\u00e9' in double quotes is incomplete",
        "write a backslash as '\\\\', or use single quotes around the text",
        False,
    ),
    (
        "but found another document",
        "the file holds a second YAML document after a '---' line",
        "a content file holds one document: remove the '---' line, or move what follows into a file of its own",
        False,
    ),
]


def _yaml_problem(exc: yaml.YAMLError, rel_path: str, offset: int, text: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: max(exc.position, 0)]
        line = before.count("\n") + 1 + offset
        column = len(before) - (before.rfind("\n") + 1) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return Problem(
            rel_path,
            line,
            column,
            f"the file contains the control character U+{ord(character):04X}, which YAML does not allow",
            "delete it; it is invisible in most editors",
        )
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    raw = str(getattr(exc, "problem", None) or exc).strip()
    message, hint, mark = "", "", problem_mark or context_mark
    context = str(getattr(exc, "context", None) or "")
    for needle, ours, our_hint, at_start in _MESSAGES:
        if raw.startswith(needle) and (needle != "found unexpected end of stream" or "quoted" in context):
            message, hint = ours, our_hint
            if at_start and context_mark is not None:
                mark = context_mark
            break
    if raw.startswith(("did not find expected key", "did not find expected '-' indicator")) and problem_mark:
        line_text = _line_at(text, problem_mark.line)
        if problem_mark.column > len(line_text) - len(line_text.lstrip(" ")):
            # Not at the start of its line: something follows a value that has ended.
            message, hint = "this line goes on after its value has ended", "put the whole text of the value in quotes"
    if not message and raw.startswith("found character") and problem_mark is not None:
        char = _char_at(text, problem_mark)
        if char == "\t":
            message = "a tab character is not allowed here"
            hint = "YAML indents with spaces: replace the tab with spaces"
        elif char:
            message, hint = f"a value cannot start with '{char}'", "put the text in quotes"
    if not message:
        message, hint = f"the YAML cannot be read: {raw}", "check the quotes and the indentation of this line"
    if mark is None:
        return Problem(rel_path, 1 + offset, 1, message, hint)
    line, column = _Lines(text, 0).at(mark)
    # At the end of a file without a final line break the parser points one line past it.
    lines = text.split("\n")
    if line > len(lines):
        line, column = len(lines), len(lines[-1]) + 1
    return Problem(rel_path, line + offset, column, message, hint)


def _line_at(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line] if 0 <= line < len(lines) else ""


def _char_at(text: str, mark: Any) -> str:
    lines = text.split("\n")
    if 0 <= mark.line < len(lines) and 0 <= mark.column < len(lines[mark.line]):
        return str(lines[mark.line][mark.column])
    return ""


class _Builder:
    """Turns composed YAML nodes into plain Python values, recording positions."""

    def __init__(self, doc: Document, loader: _Loader, lines: _Lines, text: str) -> None:
        self.doc = doc
        self.loader = loader
        self.lines = lines
        self.count = 0
        self.stack: set[int] = set()
        self.commas = CommaChecks(doc.path, text, self.pos)

    def pos(self, node: yaml.Node) -> tuple[int, int]:
        return self.lines.at(node.start_mark)

    def fail(self, node: yaml.Node, message: str, hint: str = "") -> None:
        line, column = self.pos(node)
        self.doc.problems.append(Problem(self.doc.path, line, column, message, hint))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(node)
        self.doc.positions[path] = self.pos(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if id(node) in self.stack:
            self.fail(node, "an alias refers to the value that contains it", "remove the recursive alias")
            return [] if isinstance(node, yaml.SequenceNode) else {}
        self.stack.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                self.commas.sequence(node)
                return [self.build(child, (*path, str(i))) for i, child in enumerate(node.value)]
            return self.mapping(cast(yaml.MappingNode, node), path)
        finally:
            self.stack.discard(id(node))

    def scalar(self, node: yaml.ScalarNode, path: Path_ | None = None) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.fail(node, f"the YAML tag '{shown}' is not supported", "remove the '!' tag; write a plain value")
            return node.value
        if tag == "tag:yaml.org,2002:str" or (node.style and node.style in "'\"|>"):
            return node.value
        try:
            value = self.loader.yaml_constructors[tag](self.loader, node)
        except (ValueError, TypeError, OverflowError, yaml.YAMLError):
            if tag in _NUMBER_TAGS:  # more digits than Python reads as a number
                return self.too_large(node, path)
            return node.value
        if isinstance(value, datetime) and _TIME_LIKE.match(node.value):
            return node.value
        if isinstance(value, int) and not isinstance(value, bool):
            return WrittenInt(value, node.value) if abs(value) < MAX_NUMBER else self.too_large(node, path)
        if isinstance(value, float):
            return WrittenFloat(value, node.value) if abs(value) < MAX_NUMBER else self.too_large(node, path)
        return value

    def too_large(self, node: yaml.ScalarNode, path: Path_ | None) -> str:
        """A number beyond :data:`MAX_NUMBER` (or infinite, or not a number) is reported and
        kept as the text it was written as, so that nothing downstream computes with it."""
        written = node.value if len(node.value) <= 24 else f"{node.value[:16]}… ({len(node.value):,} characters)"
        self.fail(
            node,
            f"the number {written} cannot be used: a number in a content file has at most "
            f"{len(str(MAX_NUMBER)) - 1} digits before its point",
            "write a smaller number, or put the value in quotes if it is text",
        )
        if path is not None:
            self.doc.unusable.append(path)
        return str(node.value)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[Any, Any]:
        self.commas.mapping(node, path)
        own = [(k, v) for k, v in node.value if k.tag != _MERGE]
        merged = self.merged(node, set())
        result: dict[Any, Any] = {}
        for key_node, value_node in own:
            key = self.key(key_node, path)
            if key is _NO_KEY:
                continue
            child = (*path, str(key))
            if key in result:
                first = self.doc.key_positions.get(child)
                where = f" (first on line {first[0]})" if first else ""
                self.fail(
                    key_node, f"the key '{key}' appears twice in the same mapping{where}", "keep only one of them"
                )
                continue
            self.doc.key_positions[child] = self.pos(key_node)
            result[key] = self.build(value_node, child)
        # Merged keys ('<<: *base'): the mapping's own keys override them, as YAML defines; a
        # base's own mistakes are reported where the base is written.
        for key_node, value_node in merged:
            key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else _NO_KEY
            key = key_node.value if isinstance(key, (date, datetime)) else key
            if key is _NO_KEY or key is None or key in result:
                continue
            child = (*path, str(key))
            self.doc.key_positions[child] = self.pos(key_node)
            result[key] = self.build(value_node, child)
        return result

    def key(self, key_node: yaml.Node, path: Path_) -> Any:
        if not isinstance(key_node, yaml.ScalarNode):
            self.fail(
                key_node,
                "a key must be a plain word, not a list or a mapping",
                "write a name followed by ':', e.g. 'steps:'",
            )
            return _NO_KEY
        key = self.scalar(key_node, (*path, key_node.value))
        if isinstance(key, (date, datetime)):
            key = key_node.value
        if key is None:
            self.fail(key_node, "a key is empty", "write a name before the ':'")
            return _NO_KEY
        return key

    def merged(self, node: yaml.MappingNode, seen: set[int]) -> list[tuple[yaml.Node, yaml.Node]]:
        """The pairs that the merge keys of ``node`` bring in, the first source winning (as
        YAML defines: ``<<: [*a, *b]`` takes a key from ``a`` before ``b``)."""
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        seen = seen | {id(node)}
        for key_node, value_node in node.value:
            if key_node.tag != _MERGE:
                continue
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    self.fail(
                        source,
                        "a merge key ('<<') must be followed by a mapping: an alias such as '*base', or a list of them",
                        "define the shared keys as a mapping with '&base', then write '<<: *base'",
                    )
                elif id(source) in seen:
                    self.fail(source, "a merge key ('<<') refers to the mapping that contains it", "remove it")
                else:
                    pairs += [(k, v) for k, v in source.value if k.tag != _MERGE]
                    pairs += self.merged(source, seen)
        return pairs


_MERGE = "tag:yaml.org,2002:merge"
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_NO_KEY = object()


class _TooBig(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _load_yaml(doc: Document, text: str, offset: int) -> None:
    lines = _Lines(text, offset)
    if may_exceed(text):
        probe = _Loader(text)
        try:
            excess = measure(probe)
        finally:
            probe.dispose()
        if excess is not None:
            line, column = lines.at(excess.mark)
            doc.problems.append(Problem(doc.path, line, column, excess.message, excess.hint))
            return
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            doc.data = None
            return
        builder = _Builder(doc, loader, lines, text)
        try:
            doc.data = builder.build(node, ())
            doc.problems.extend(builder.commas.problems)
            doc.comma_tails = builder.commas.tails
        except _TooBig as big:
            builder.fail(
                big.node,
                f"the file expands to more than {MAX_NODES:,} values",
                "it is too large, or it uses aliases that repeat data many times",
            )
            doc.data = None
    except yaml.YAMLError as exc:
        doc.problems.append(_yaml_problem(exc, doc.path, offset, text))
        doc.data = None
    except RecursionError:
        doc.problems.append(Problem(doc.path, 1, 1, "the YAML is nested too deeply to read", "flatten the structure"))
        doc.data = None
    finally:
        loader.dispose()
