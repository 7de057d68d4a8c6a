"""The shape of the code: small functions and modules, one module per page kind, each concept
declared once (the lane registry, the options, the page kinds)."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO
from mkdocs_cjm.core.pages.base import PageKind
from mkdocs_cjm.core.pages.site import PAGE_KINDS

PACKAGE = REPO / "mkdocs_cjm"
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 800


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_function_is_longer_than_sixty_lines() -> None:
    long = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


def test_no_module_is_longer_than_eight_hundred_lines() -> None:
    lengths = {p.relative_to(REPO).as_posix(): len(p.read_text(encoding="utf-8").splitlines()) for p in modules()}
    assert {p: n for p, n in lengths.items() if n > MAX_MODULE_LINES} == {}


def test_each_page_kind_has_its_module_its_template_and_its_fingerprint() -> None:
    kinds = [kind.kind for kind in PAGE_KINDS]
    assert len(kinds) == len(set(kinds))
    templates = {p.stem for p in (PACKAGE / "templates" / "cjm").glob("*.html")}
    for kind in PAGE_KINDS:
        assert isinstance(kind, PageKind)
        module = type(kind).__module__
        assert module.startswith("mkdocs_cjm.core.pages."), module
        assert kind.kind in templates, f"no template cjm/{kind.kind}.html"
        # inputs() is the kind's own declaration of what its page shows (not the base class's).
        assert "inputs" in type(kind).__dict__, kind.kind


def test_the_adapter_only_wires_events() -> None:
    """The plugin module holds no journey-map knowledge: it imports the core, never the reverse,
    and stays small."""
    plugin = (PACKAGE / "plugin.py").read_text(encoding="utf-8")
    assert len(plugin.splitlines()) < 400
    for path in (PACKAGE / "core").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "mkdocs_cjm.plugin" not in text and "from ...plugin" not in text, path
