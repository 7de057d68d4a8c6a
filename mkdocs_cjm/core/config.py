"""Read a site's configuration file as MkDocs reads it, keeping where every value was written.

The same reading serves the MkDocs plugin and the command-line tool: the file MkDocs would pick
(``properdocs.yml`` / ``mkdocs.yml`` and their ``.yaml`` spellings), the ``INHERIT:`` chain merged
as MkDocs merges it (mappings deeply, anything else replaced by the child), and a safe YAML loader
that tolerates the tags configurations often carry (``!!python/name:…``, ``!ENV``, ``!relative``)
without importing or running anything. Each value of the ``cjm`` plugin's options keeps the file,
line and column it was written at, so that a wrong option is reported where it is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import ContentError, Problem

CONFIG_NAMES = ("properdocs.yml", "properdocs.yaml", "mkdocs.yml", "mkdocs.yaml")
"""The names of a site's configuration file, in the order MkDocs and ProperDocs look for them."""
PLUGIN_NAME = "cjm"
MAX_INHERIT = 20
"""How many ``INHERIT:`` files a chain may hold (a loop is reported long before)."""

Loc = tuple[str | int, ...]
"""Where a value sits among the plugin's options: ``("lanes", "systems", "after")``."""


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads any unknown tag as a plain value instead of failing; nothing
    is ever imported or executed."""


def _any_tag(loader: _TolerantLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("", _any_tag)


@dataclass(frozen=True)
class Place:
    """A place in a configuration file (1-based line and column)."""

    file: str
    line: int
    column: int


@dataclass
class SiteConfig:
    """A configuration file read with its ``INHERIT:`` chain."""

    path: Path
    """The configuration file given (the child of any ``INHERIT:`` chain)."""
    data: dict[str, Any]
    """Every setting, merged as MkDocs merges them."""
    files: list[Path] = field(default_factory=list)
    """Every file read: ``path`` and the files it inherits from."""
    places: dict[Loc, tuple[Place, Place]] = field(default_factory=dict)
    """Each option of the ``cjm`` plugin (and each value inside one): where its key and its value are."""
    plugin: Place | None = None
    """Where the ``cjm`` plugin is named (``None``: it is not configured)."""

    @property
    def options(self) -> Any:
        """The ``cjm`` plugin's options as written ({} when it has none)."""
        return plugin_options(self.data.get("plugins"))

    def locate(self, loc: Loc, key: bool = False) -> Place:
        """Where the option value at ``loc`` is written (its key with ``key``), else its nearest
        enclosing value, else where the plugin is named, else the top of the file."""
        for end in range(len(loc), 0, -1):
            found = self.places.get(loc[:end])
            if found is not None:
                return found[0] if key or end < len(loc) else found[1]
        return self.plugin or Place(str(self.path), 1, 1)


def find_config(folder: Path) -> Path | None:
    """The configuration file in ``folder``, by the names MkDocs and ProperDocs look for."""
    for name in CONFIG_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None


def read_config(path: Path) -> SiteConfig:
    """Read ``path`` and its ``INHERIT:`` chain. Raises :class:`ContentError` with the file and
    line of what cannot be read."""
    path = path.resolve()
    files: list[Path] = []
    node = _compose_chain(path, files)
    data = _construct(node, path) if node is not None else {}
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _error(path, 1, 1, "the configuration must be a mapping of settings", "see the README's quick start")
    config = SiteConfig(path, data, files)
    entry = _plugin_node(node)
    if entry is not None:
        name_node, options_node = entry
        config.plugin = _place(name_node.start_mark)
        if isinstance(options_node, yaml.MappingNode):
            config.places = dict(_places(options_node, ()))
    return config


def config_node(path: Path) -> yaml.MappingNode | None:
    """The configuration at ``path`` as a YAML node, its ``INHERIT:`` chain merged in, every
    tag kept (``!!python/name:…``), to be written out again. Raises :class:`ContentError` as
    :func:`read_config` does."""
    node = _compose_chain(path.resolve(), [])
    return node if isinstance(node, yaml.MappingNode) else None


def plugin_options(plugins: Any) -> Any:
    """The ``cjm`` plugin's options from a ``plugins:`` list or mapping ({} when not configured)."""
    if isinstance(plugins, dict):
        return plugins.get(PLUGIN_NAME) or {}
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return entry[PLUGIN_NAME] or {}
    return {}


def shown(path: Path | str, cwd: Path | None = None) -> str:
    """``path`` as a message names it: relative to ``cwd`` (the current folder) when inside it."""
    path = Path(path)
    try:
        rel = path.resolve().relative_to((cwd or Path.cwd()).resolve())
    except (ValueError, OSError):
        return path.as_posix()
    return rel.as_posix()


# -- reading ------------------------------------------------------------------------------------


def _error(path: Path, line: int, column: int, message: str, hint: str = "") -> ContentError:
    return ContentError([Problem(str(path), line, column, message, hint)])


def _place(mark: Any) -> Place:
    return Place(str(mark.name), mark.line + 1, mark.column + 1)


def _compose(path: Path) -> yaml.Node | None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _error(path, 1, 1, "the configuration is not UTF-8 text", "save it as UTF-8") from None
    except OSError as exc:
        raise _error(path, 1, 1, f"cannot read the configuration: {exc.strerror or exc}") from None
    loader = _TolerantLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _error(
            path, line, column, f"cannot read the configuration: {exc.problem}", "fix the YAML syntax"
        ) from None
    except yaml.YAMLError as exc:
        raise _error(path, 1, 1, f"cannot read the configuration: {exc}", "fix the YAML syntax") from None
    finally:
        loader.dispose()


def _compose_chain(path: Path, files: list[Path]) -> yaml.Node | None:
    """The node of ``path`` with the files it inherits from merged under it, as MkDocs merges
    them (mergedeep: mappings deeply, anything else replaced by the child)."""
    if path in files:
        raise _error(files[-1], 1, 1, f"'INHERIT' comes back to {path.name}", "remove the loop of INHERIT settings")
    if len(files) >= MAX_INHERIT:
        raise _error(path, 1, 1, f"more than {MAX_INHERIT} files inherit from each other", "shorten the INHERIT chain")
    files.append(path)
    node = _compose(path)
    if not isinstance(node, yaml.MappingNode):
        return node
    for i, (key, value) in enumerate(node.value):
        if isinstance(key, yaml.ScalarNode) and key.value == "INHERIT":
            del node.value[i]
            if not isinstance(value, yaml.ScalarNode) or not value.value:
                where = _place(value.start_mark)
                raise _error(path, where.line, where.column, "'INHERIT' must name a configuration file")
            parent_path = Path(os.path.normpath(path.parent / value.value))
            if not parent_path.is_file():
                where = _place(value.start_mark)
                raise _error(
                    path,
                    where.line,
                    where.column,
                    f"the inherited configuration '{value.value}' does not exist",
                    f"give its path relative to {path.name}",
                )
            parent = _compose_chain(parent_path, files)
            return _merge(parent, node) if isinstance(parent, yaml.MappingNode) else node
    return node


def _merge(parent: yaml.MappingNode, child: yaml.MappingNode) -> yaml.MappingNode:
    pairs = list(parent.value)
    index = {k.value: i for i, (k, _) in enumerate(pairs) if isinstance(k, yaml.ScalarNode)}
    for key, value in child.value:
        i = index.get(key.value) if isinstance(key, yaml.ScalarNode) else None
        if i is None:
            pairs.append((key, value))
            continue
        old = pairs[i][1]
        both = isinstance(old, yaml.MappingNode) and isinstance(value, yaml.MappingNode)
        pairs[i] = (key, _merge(old, value) if both else value)
    return yaml.MappingNode(child.tag, pairs, child.start_mark, child.end_mark, child.flow_style)


def _construct(node: yaml.Node, path: Path) -> Any:
    loader = _TolerantLoader("")
    try:
        return loader.construct_document(node)
    except (ValueError, TypeError, yaml.YAMLError) as exc:
        # A value YAML recognises but cannot make (a date such as 2026-02-30).
        bad = next((n for n in _scalars(node) if _fails(loader, n)), node)
        where = _place(bad.start_mark)
        raise _error(
            Path(where.file),
            where.line,
            where.column,
            f"cannot read the configuration: {exc}",
            "correct the value, or put it in quotes",
        ) from None
    finally:
        loader.dispose()


def _scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)


def _fails(loader: _TolerantLoader, node: yaml.ScalarNode) -> bool:
    try:
        loader.construct_object(node, deep=True)
    except (ValueError, TypeError, yaml.YAMLError):
        return True
    return False


def _plugin_node(root: yaml.Node | None) -> tuple[yaml.Node, yaml.Node | None] | None:
    """The node naming the ``cjm`` plugin and the node of its options (None: no options)."""
    plugins = _value(root, "plugins")
    if isinstance(plugins, yaml.MappingNode):
        for key, value in plugins.value:
            if isinstance(key, yaml.ScalarNode) and key.value == PLUGIN_NAME:
                return key, value
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            if isinstance(item, yaml.ScalarNode) and item.value == PLUGIN_NAME:
                return item, None
            found = _value(item, PLUGIN_NAME)
            if found is not None:
                return next(k for k, v in item.value if v is found), found
    return None


def _value(node: yaml.Node | None, name: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                return value  # type: ignore[no-any-return]
    return None


def _places(node: yaml.Node, loc: Loc) -> Iterator[tuple[Loc, tuple[Place, Place]]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                here = (*loc, key.value)
                yield here, (_place(key.start_mark), _place(value.start_mark))
                yield from _places(value, here)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            here = (*loc, i)
            yield here, (_place(item.start_mark), _place(item.start_mark))
            yield from _places(item, here)
