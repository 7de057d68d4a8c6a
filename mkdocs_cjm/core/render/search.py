"""What the site search indexes for a journey page: one section per stage, one per opportunity.

The grid puts a stage's content in one column of many rows, so the page's HTML cannot be split
into per-stage sections by headings. The search index is given this document instead: the
same text, arranged stage by stage, each section anchored on its stage's column header. Chart
data is not part of it.
"""

from __future__ import annotations

from html import escape
from typing import Any


def journey_search_html(view: dict[str, Any], title: str) -> str:
    model = view["model"]
    grid = view["grid"]
    info = view["info"]
    personas = ", ".join(name for name, _ in view["personas"])
    parts = [f'<h1 id="top">{escape(title)}</h1>']
    intro = [f"{info.title} map of {personas}.", f"Scenario: {model.scenario}"]
    if model.goal:
        intro.append(f"Goal: {model.goal}")
    intro.append(f"Owner: {view['owner'][0]}.")
    if model.tags:
        intro.append("Tags: " + ", ".join(model.tags) + ".")
    parts.append("<p>" + escape(" ".join(intro)) + "</p>")

    for i, column in enumerate(grid.columns):
        heading = column.name + (f" ({column.time})" if column.time else "")
        parts.append(f'<h2 id="{escape(column.anchor)}">{escape(heading)}</h2>')
        if column.description:
            parts.append(f"<p>{column.description}</p>")
        items: list[str] = []
        for row in grid.rows:
            cell = row.cells[i] if row.cells else None
            if not cell:
                continue
            if row.kind == "steps":
                for step_title, description, _, _ in cell:
                    items.append(f"{step_title}" + (f": {description}" if description else ""))
            elif row.kind == "items":
                items.extend(str(html) for html, _ in cell)
            elif row.kind == "kpis":
                items.extend(escape(f"{kpi.name} {value} (target {target})".replace(" (target )", ""))
                             for kpi, value, target, _ in cell)
            elif row.kind == "owner":
                items.append(escape(f"Stage owner: {cell[0]}"))
            elif row.kind == "opportunities":
                items.extend(escape(f"{opp.id}: {opp.title}") for opp in cell)
        if items:
            parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")

    for o in view["opportunities"]:
        opp = o["opp"]
        parts.append(f'<h3 id="{escape(opp.id)}">{escape(opp.id)}: {escape(opp.title)}</h3>')
        text = [f"Opportunity in stage {o['stage'].name}, owned by {o['owner'][0]}, {opp.status.title.lower()}."]
        parts.append("<p>" + escape(" ".join(text)) + (f" {o['description']}" if o["description"] else "") + "</p>")
    return "\n".join(parts)


def summary_search_html(title: str, *paragraphs: str) -> str:
    """The search view of a listing page: its title and what it is about. The entries it
    lists are indexed on their own pages; leaving the listing out keeps the index small and
    the results pointing at the pages themselves."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)
    return f'<h1 id="top">{escape(title)}</h1>{body}'
