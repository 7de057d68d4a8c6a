"""The ``mkdocs.yml`` of a ``build-pages`` project: the site's own configuration (its
``INHERIT:`` chain merged, every setting and tag kept) with the ``cjm`` plugin taken out and what
it did written in: the docs folder, the stylesheet and scripts, the navigation it arranged, the
pages it keeps out of the navigation, and a search for sites that used the plugin's Pagefind."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..assets import SCRIPTS, STYLESHEET
from ..config import PLUGIN_NAME

DOCS = "docs"
OVERRIDES = "overrides"
"""Where the site's ``custom_dir`` is copied, in the output folder."""
SEARCH_PLUGINS = ("search", "material/search")
PATH_LISTS = ("hooks",)
"""Settings holding paths relative to the configuration file (rewritten to stay right)."""
EDIT_FEATURES = ("content.action.edit", "content.action.view")
DROPPED = ("watch",)
"""Settings that only make sense for the original project (``serve``'s extra watched paths)."""


def _node(value: Any) -> yaml.Node:
    return yaml.representer.SafeRepresenter(sort_keys=False).represent_data(value)


def _find(mapping: yaml.MappingNode, key: str) -> int | None:
    return next(
        (i for i, (k, _) in enumerate(mapping.value) if isinstance(k, yaml.ScalarNode) and k.value == key), None
    )


def _get(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    i = _find(mapping, key)
    return None if i is None else mapping.value[i][1]


def _set(mapping: yaml.MappingNode, key: str, value: yaml.Node) -> None:
    i = _find(mapping, key)
    if i is None:
        mapping.value.append((_node(key), value))
    else:
        mapping.value[i] = (mapping.value[i][0], value)


def _drop(mapping: yaml.MappingNode, key: str) -> None:
    i = _find(mapping, key)
    if i is not None:
        del mapping.value[i]


def _plugin_name(entry: yaml.Node) -> str | None:
    if isinstance(entry, yaml.ScalarNode):
        return str(entry.value)
    if isinstance(entry, yaml.MappingNode) and len(entry.value) == 1:
        key = entry.value[0][0]
        return str(key.value) if isinstance(key, yaml.ScalarNode) else None
    return None


def _plugins(config: yaml.MappingNode, add_search: bool) -> None:
    """Take the ``cjm`` plugin out (list or mapping form); add ``search`` when asked and absent."""
    plugins = _get(config, "plugins")
    if isinstance(plugins, yaml.MappingNode):
        _drop(plugins, PLUGIN_NAME)
        names = [str(k.value) for k, _ in plugins.value if isinstance(k, yaml.ScalarNode)]
        if add_search and not set(names) & set(SEARCH_PLUGINS):
            plugins.value.insert(0, (_node("search"), _node({})))
        return
    entries = list(plugins.value) if isinstance(plugins, yaml.SequenceNode) else []
    kept = [e for e in entries if _plugin_name(e) != PLUGIN_NAME]
    if add_search and not {_plugin_name(e) for e in kept} & set(SEARCH_PLUGINS):
        kept.insert(0, _node("search"))
    _set(config, "plugins", yaml.SequenceNode("tag:yaml.org,2002:seq", kept))


def _extra_assets(config: yaml.MappingNode) -> None:
    css = _get(config, "extra_css")
    css_entries = list(css.value) if isinstance(css, yaml.SequenceNode) else []
    if not any(isinstance(e, yaml.ScalarNode) and e.value == STYLESHEET for e in css_entries):
        css_entries.append(_node(STYLESHEET))
    _set(config, "extra_css", yaml.SequenceNode("tag:yaml.org,2002:seq", css_entries))
    js = _get(config, "extra_javascript")
    js_entries = list(js.value) if isinstance(js, yaml.SequenceNode) else []
    js_entries += [_node({"path": script, "defer": True}) for script in SCRIPTS]
    _set(config, "extra_javascript", yaml.SequenceNode("tag:yaml.org,2002:seq", js_entries))


def _rebase(value: str, base: Path, out: Path) -> str:
    """A path relative to the original configuration's folder, made relative to ``out``."""
    if os.path.isabs(value):
        return value
    return PurePosixPath(*Path(os.path.relpath(base / value, out)).parts).as_posix()


def _append_lines(config: yaml.MappingNode, key: str, lines: list[str]) -> None:
    """Add gitignore-style ``lines`` to the setting ``key`` (a block of patterns)."""
    own = _get(config, key)
    text = str(own.value).rstrip("\n") + "\n" if isinstance(own, yaml.ScalarNode) and own.value else ""
    _set(
        config, key, yaml.ScalarNode("tag:yaml.org,2002:str", text + "".join(f"{line}\n" for line in lines), style="|")
    )


def generator_config(
    node: yaml.MappingNode | None,
    *,
    base: Path,
    out: Path,
    nav: list[Any] | None,
    not_in_nav: Sequence[str],
    add_search: bool,
    custom_dir: bool,
) -> str:
    """The configuration text for the output folder ``out`` (``base``: the original's folder)."""
    config = node if node is not None else yaml.MappingNode("tag:yaml.org,2002:map", [])
    if _get(config, "site_name") is None:
        _set(config, "site_name", _node("Journey maps"))
    _set(config, "docs_dir", _node(DOCS))
    _set(config, "site_dir", _node("site"))
    # Edit links would point at the generated files; the content files are what editors change.
    _set(config, "edit_uri", _node(""))
    theme = _get(config, "theme")
    if theme is None:
        theme = _node({"name": "material"})
        _set(config, "theme", theme)
    if isinstance(theme, yaml.MappingNode):
        features = _get(theme, "features")
        if isinstance(features, yaml.SequenceNode):  # Zensical makes edit links even without edit_uri
            features.value = [f for f in features.value if getattr(f, "value", None) not in EDIT_FEATURES]
        if custom_dir:
            _set(theme, "custom_dir", _node(OVERRIDES))
        else:
            _drop(theme, "custom_dir")
    _plugins(config, add_search)
    _extra_assets(config)
    for key in PATH_LISTS:
        paths = _get(config, key)
        if isinstance(paths, yaml.SequenceNode):
            for item in paths.value:
                if isinstance(item, yaml.ScalarNode):
                    item.value = _rebase(item.value, base, out)
    for key in DROPPED:
        _drop(config, key)
    # MkDocs leaves out a docs folder's `templates/` unless told otherwise; the gallery is there.
    _append_lines(config, "exclude_docs", ["!/templates/"])
    if nav is not None:
        _set(config, "nav", _node(nav))
    if not_in_nav:
        _append_lines(config, "not_in_nav", ["/" + src for src in not_in_nav])
    header = "# Written by `mkdocs-cjm build-pages`: the site without the cjm plugin. Do not edit; edit the\n"
    header += "# content and the original configuration, then run build-pages again.\n"
    return header + yaml.serialize(config, Dumper=yaml.SafeDumper, allow_unicode=True, width=100)
