"""Markdown of content files is rendered safely: text stays text, links are vetted."""

from __future__ import annotations

import pytest

from mkdocs_cjm.core.render.markdown import SafeMarkdown

md = SafeMarkdown()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Plain words", "Plain words"),
        ("Fish & chips", "Fish &amp; chips"),
        ("**Bold** and `code`", "<strong>Bold</strong> and <code>code</code>"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<img src=x onerror="alert(1)">', "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ("[x](JaVaScRiPt:alert(1))", "[x](JaVaScRiPt:alert(1))"),
        ("[x](data:text/html,hi)", "[x](data:text/html,hi)"),
        ("[site](https://example.com)", '<a href="https://example.com">site</a>'),
        ("<https://example.com>", '<a href="https://example.com">https://example.com</a>'),
        ("[mail](mailto:a@b.example)", '<a href="mailto:a@b.example">mail</a>'),
    ],
)
def test_inline(text: str, expected: str) -> None:
    assert md.inline(text) == expected


def test_relative_links_are_resolved_or_dropped() -> None:
    seen = []

    def resolve(href: str) -> str | None:
        seen.append(href)
        return "../../x/" if href == "x.md" else None

    assert md.inline("[ok](x.md) and [gone](y.md)", resolve) == '<a href="../../x/">ok</a> and gone'
    assert seen == ["x.md", "y.md"]
    assert md.inline("![pic](missing.png)", resolve) == "pic"


def test_block_headings_get_ids_and_move_down() -> None:
    rendered = md.block("# Intro\n\n## Intro\n\ntext <b>", heading_offset=1, used_ids={"intro"})
    assert rendered.html.startswith('<h2 id="intro-2">Intro</h2>\n<h3 id="intro-3">Intro</h3>')
    assert "&lt;b&gt;" in rendered.html
    assert [(h.level, h.id) for h in rendered.headings] == [(2, "intro-2"), (3, "intro-3")]
