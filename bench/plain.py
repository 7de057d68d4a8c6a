"""The baseline of the benchmark: the same portfolio as hand-written Markdown pages.

Writes the page set the plugin generates (home, persona index and pages, journeys index and
pages, opportunities, owners index and pages, template gallery, insights and their per-persona
heatmaps, the Start here path) as ordinary Markdown for plain
MkDocs + Material, with the same information on each page: a journey page has its facts, the
grid as a Markdown table (stages as columns, lanes as rows, the emotion row included), the
sentiment scores, the KPI table, every opportunity with owner, status, stage and the pain point
it addresses, what it delivers and its evidence. Listings are Markdown tables.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from mkdocs_cjm.core.assembly.entries import MapEntry, OpportunityRef, opportunity_owner
from mkdocs_cjm.core.assembly.portfolio import Portfolio
from mkdocs_cjm.core.emotion import stage_score
from mkdocs_cjm.core.maptypes import MAP_TYPES
from mkdocs_cjm.core.options import LISTING_PAGE_SIZE
from mkdocs_cjm.core.pages.insights import MAPS_PER_PAGE, lowest_moments
from mkdocs_cjm.core.pages.paging import page_count, page_src
from mkdocs_cjm.core.pages.start import PERSONAS_PER_PAGE, reading_path

T = TypeVar("T")

STATUS = ["in-progress", "planned", "idea", "done", "dropped"]


def cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def front(title: str, **extra: object) -> str:
    meta = {"title": title, **{k: v for k, v in extra.items() if v}}
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n"


class Writer:
    def __init__(self, portfolio: Portfolio, out: Path) -> None:
        self.p = portfolio
        self.out = out

    def write(self, rel: str, text: str) -> None:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    # links, written from the page at docs path ``here`` (all pages sit one folder deep)
    def persona(self, ident: str) -> str:
        entry = self.p.personas.get(ident)
        return f"[{cell(entry.model.name)}](../personas/{ident}.md)" if entry else ident

    def owner(self, ident: str | None) -> str:
        entry = self.p.owners.get(ident or "")
        return f"[{cell(entry.model.name)}](../owners/{ident}.md)" if entry else (ident or "")

    def journey(self, entry: MapEntry, fragment: str = "") -> str:
        return f"[{cell(entry.model.title)}](../journeys/{entry.id}.md{'#' + fragment if fragment else ''})"

    def map_table(self, maps: list[MapEntry]) -> str:
        lines = ["| Map | Type | Persona | Owner | Status | Last reviewed |", "|---|---|---|---|---|---|"]
        for m in maps:
            state = self.p.review_state(m)
            late = f" (overdue by {state.days_overdue} days)" if state.overdue else ""
            lines.append(
                f"| {self.journey(m)}<br>{cell(m.model.summary or m.model.scenario)} | "
                f"{MAP_TYPES[m.model.type].title} | {', '.join(self.persona(x) for x in m.model.personas)} | "
                f"{self.owner(m.model.owner)} | {m.model.status.value} | {m.model.reviewed or ''}{late} |"
            )
        return "\n".join(lines) + "\n"

    def opp_table(self, refs: list[OpportunityRef]) -> str:
        lines = ["| Opportunity | Map | Stage | Persona | Owner | Status | Priority |", "|---|---|---|---|---|---|---|"]
        for r in refs:
            o = r.opportunity
            lines.append(
                f"| {self.journey(r.map, o.id).replace(cell(r.map.model.title), cell(o.title), 1)} `{o.id}` | "
                f"{self.journey(r.map)} | {self.journey(r.map, 'stage-' + r.map.stage_ids[r.stage_index]).replace(cell(r.map.model.title), cell(r.stage.name), 1)} | "
                f"{', '.join(self.persona(x) for x in r.map.model.personas)} | {self.owner(r.owner)} | "
                f"{o.status.title} | {o.priority.value if o.priority else ''} |"
            )
        return "\n".join(lines) + "\n"

    # pages
    def all(self, site_name: str) -> None:
        p = self.p
        maps = p.sorted_maps()
        overdue = sorted(
            (m for m in maps if p.review_state(m).overdue), key=lambda m: (-p.review_state(m).days_overdue, m.id)
        )
        counts = Counter(r.opportunity.status.value for r in p.opportunities.values())
        recent = sorted(
            (m for m in maps if m.model.reviewed), key=lambda m: m.model.reviewed or date.min, reverse=True
        )[:6]
        self.write(
            "index.md",
            front(site_name) + f"# {site_name}\n\n"
            f"{len(p.personas)} personas, {len(p.maps)} maps, {len(p.opportunities)} opportunities, "
            f"{len(p.owners)} owners.\n\n"
            + "".join(f"- {s}: {counts.get(s, 0)}\n" for s in STATUS)
            + "\n## Personas at a glance\n\n"
            + "".join(
                f"- [{cell(x.model.name)}](personas/{x.id}.md): {cell(x.model.role)}\n" for x in p.sorted_personas()
            )
            + "\n## Recently reviewed\n\n"
            + self.map_table(recent).replace("](../", "](")
            + f"\n## Overdue for review\n\n{len(overdue)} maps are overdue.\n\n"
            + self.map_table(overdue[:10]).replace("](../", "]("),
        )
        self.write(
            "personas/index.md",
            front("Personas")
            + "# Personas\n\n"
            + "".join(
                f"- [{cell(x.model.name)}]({x.id}.md): {cell(x.model.role)}, "
                f"{len(p.maps_by_persona.get(x.id, []))} maps\n"
                for x in p.sorted_personas()
            ),
        )
        for x in p.sorted_personas():
            m = x.model
            text = (
                front(m.name, description=m.role, tags=["Persona"]) + f"# {m.name}\n\n{m.role or ''}\n\n## Profile\n\n"
            )
            text += f"> {m.quote}\n\n{m.summary or ''}\n\n" + "".join(f"- **{k}**: {v}\n" for k, v in m.about.items())
            for title, values in (
                ("Goals", m.goals),
                ("Needs", m.needs),
                ("Frustrations", m.frustrations),
                ("Channels", m.channels),
            ):
                text += f"\n### {title}\n\n" + "".join(f"- {v}\n" for v in values)
            text += f"\n{x.source.body}\n\nKept up to date by {self.owner(m.owner)}.\n\n## Journeys\n\n"
            text += "".join(
                f"1. {self.journey(j)}: {cell(j.model.summary or j.model.scenario)}\n"
                for j in p.maps_by_persona.get(x.id, [])
            )
            self.write(f"personas/{x.id}.md", text)
        self.paged(
            "journeys", "Journeys", [m for kind in MAP_TYPES for m in p.maps_by_type.get(kind, [])], self.map_table
        )
        for entry in maps:
            self.write(f"journeys/{entry.id}.md", self.journey_page(entry))
        opps = sorted(
            p.opportunities.values(), key=lambda r: (STATUS.index(r.opportunity.status.value), r.map.model.title, r.id)
        )
        self.paged("opportunities", "Opportunities", opps, self.opp_table)
        self.write(
            "owners/index.md",
            front("Owners")
            + "# Owners\n\n| Owner | Kind | Team | Open | Maps |\n|---|---|---|---|---|\n"
            + "".join(
                f"| {self.owner(o.id).replace('../owners/', '')} | {o.model.kind} | {self.owner(o.model.team).replace('../owners/', '')} | "
                f"{len(p.opportunities_by_owner.get(o.id, []))} | {len(p.maps_by_owner.get(o.id, []))} |\n"
                for o in p.sorted_owners()
            ),
        )
        for o in p.sorted_owners():
            refs = p.opportunities_by_owner.get(o.id, [])
            text = (
                front(o.model.name, description=o.model.role)
                + f"# {o.model.name}\n\n{o.model.role or ''}\n\n{o.model.about or ''}\n\n"
            )
            text += f"E-mail: {o.model.email or ''}, chat: {o.model.chat or ''}. Team: {self.owner(o.model.team)}\n\n## Opportunities\n\n"
            for s in STATUS:
                group = [r for r in refs if r.opportunity.status.value == s]
                if group:
                    text += f"### {s.capitalize()}\n\n" + self.opp_table(group) + "\n"
            stages = p.stages_by_owner.get(o.id, [])
            if stages:
                text += "## Stages owned\n\n" + "".join(
                    f"- {self.journey(r.map, 'stage-' + r.map.stage_ids[r.stage_index])}: {cell(r.stage.name)}\n"
                    for r in stages
                )
            if p.maps_by_owner.get(o.id):
                text += "\n## Maps owned\n\n" + self.map_table(p.maps_by_owner[o.id])
            self.write(f"owners/{o.id}.md", text)
        self.write(
            "templates/index.md",
            front("Template gallery")
            + "# Template gallery\n\n"
            + "".join(
                f"- [{info.title}]({kind.value}.md): {info.summary} ({len(p.maps_by_type.get(kind, []))} maps)\n"
                for kind, info in MAP_TYPES.items()
            ),
        )
        for kind, info in MAP_TYPES.items():
            text = (
                front(info.title)
                + f"# {info.title}\n\n{info.summary}\n\n## When to use it\n\n"
                + "".join(f"- {w}\n" for w in info.when)
                + "\n## Maps using this template\n\n"
            )
            text += "".join(f"- {self.journey(m)}\n" for m in p.maps_by_type.get(kind, []))
            self.write(f"templates/{kind.value}.md", text)

        self.insights()
        self.start()

    def paged(self, section: str, title: str, rows: list[T], table: Callable[[list[T]], str]) -> None:
        """A listing in pages of the plugin's default ``listing_page_size``, as the plugin pages it."""
        for n in range(1, page_count(len(rows), LISTING_PAGE_SIZE) + 1):
            text = front(title) + f"# {title}\n\n" + table(rows[(n - 1) * LISTING_PAGE_SIZE : n * LISTING_PAGE_SIZE])
            rel = page_src(section, n)
            self.write(rel, text if n == 1 else text.replace("](../", "](../../"))

    def insights(self) -> None:
        p = self.p
        text = front("Insights") + "# Insights\n\n## Lowest moments\n\n| Map | Stage | Score |\n|---|---|---|\n"
        for low in lowest_moments(p):
            e = low.entry
            text += f"| {self.journey(e)} | {cell(e.model.stages[low.stage_index].name)} | {e.model.scale.format(low.score)} |\n"
        text += "\n## Emotion by persona\n\n" + "".join(
            f"- [{cell(x.model.name)}]({x.id}.md)\n" for x in p.sorted_personas()
        )
        self.write("insights/index.md", text)
        for x in p.sorted_personas():
            maps = p.maps_by_persona.get(x.id, [])
            for page in range(1, -(-len(maps) // MAPS_PER_PAGE) + 1):
                text = front(f"Emotion heatmap: {x.model.name}") + f"# Emotion heatmap: {cell(x.model.name)}\n\n"
                for m in maps[(page - 1) * MAPS_PER_PAGE : page * MAPS_PER_PAGE]:
                    scores = [stage_score(s, None) for s in m.model.stages]
                    text += (
                        f"- {self.journey(m)}: "
                        + ", ".join(
                            f"{cell(s.name)} {m.model.scale.format(v) if v is not None else '–'}"
                            for s, v in zip(m.model.stages, scores, strict=True)
                        )
                        + "\n"
                    )
                rel = f"insights/{x.id}.md" if page == 1 else f"insights/{x.id}/{page}.md"
                self.write(rel, text if page == 1 else text.replace("](../", "](../../"))

    def start(self) -> None:
        personas = self.p.sorted_personas()
        for page in range(1, max(1, -(-len(personas) // PERSONAS_PER_PAGE)) + 1):
            text = front("Start here") + "# Start here\n\n"
            for x in personas[(page - 1) * PERSONAS_PER_PAGE : page * PERSONAS_PER_PAGE]:
                text += (
                    f"## {cell(x.model.name)}\n\n{self.persona(x.id)}: {cell(x.model.role)}\n\n"
                    + "".join(
                        f"{i}. {self.journey(m)} ({MAP_TYPES[m.model.type].title})\n"
                        for i, m in enumerate(reading_path(self.p, x.id), 1)
                    )
                    + "\n"
                )
            self.write("start/index.md" if page == 1 else f"start/{page}.md", text)

    def journey_page(self, entry: MapEntry) -> str:
        p, m = self.p, entry.model
        info = MAP_TYPES[m.type]
        tags = [*(self.p.personas[x].model.name for x in m.personas if x in self.p.personas), info.title, *m.tags]
        text = front(m.title, description=m.summary or m.scenario, tags=tags, hide=["navigation"])
        state = p.review_state(entry)
        text += (
            f"# {m.title}\n\n**{info.title}** · {m.status.value}\n\n{m.summary or ''}\n\n"
            f"- **Persona**: {', '.join(self.persona(x) for x in m.personas)}\n- **Scenario**: {m.scenario}\n"
            f"- **Goal**: {m.goal or ''}\n- **Map owner**: {self.owner(m.owner)}\n"
            f"- **Last reviewed**: {m.reviewed or 'never'} (reviewed {m.review_every})"
            f"{f' — overdue by {state.days_overdue} days' if state.overdue else ''}\n"
        )
        if m.improves and m.improves in p.maps:
            text += f"- **Improves**: {self.journey(p.maps[m.improves])}\n"
        futures = p.futures_by_current.get(entry.id, [])
        if futures:
            text += f"- **Future state**: {', '.join(self.journey(f) for f in futures)}\n"
        text += f"- **Tags**: {', '.join(m.tags)}\n\n"
        if entry.source.body.strip():
            text += "## About this map\n\n" + entry.source.body.replace("\n## ", "\n### ") + "\n\n"
        text += (
            "## Journey\n\n| | "
            + " | ".join(
                f'<span id="stage-{sid}">{cell(s.name)}{" (" + s.time + ")" if s.time else ""}</span><br>{cell(s.description)}'
                for sid, s in zip(entry.stage_ids, m.stages, strict=True)
            )
            + " |\n|---"
            + "|---" * len(m.stages)
            + "|\n"
        )
        for spec in entry.lanes.values():
            key = spec.key
            if key == "emotion":
                scores = [stage_score(s, None) for s in m.stages]
                if any(v is not None for v in scores):
                    text += (
                        "| **Emotion** | "
                        + " | ".join(
                            f"{m.scale.format(v)} {m.scale.label(v)}" if v is not None else "–" for v in scores
                        )
                        + " |\n"
                    )
                continue
            if key == "kpis":
                text += (
                    "| **KPIs** | "
                    + " | ".join(
                        "<br>".join(f"{k.name}: {k.value}{k.unit} / target {k.target}{k.unit}" for k in s.kpis)
                        for s in m.stages
                    )
                    + " |\n"
                )
                continue
            if key == "owner":
                text += "| **Stage owner** | " + " | ".join(self.owner(s.owner) for s in m.stages) + " |\n"
                continue
            if key == "steps":
                cells = [
                    "<br>".join(
                        f"{i + 1}. {cell(st.title)}"
                        + (f" ({m.scale.format(st.emotion)})" if isinstance(st.emotion, float) else "")
                        + (f": {cell(st.description)}" if st.description else "")
                        for i, st in enumerate(s.steps)
                    )
                    for s in m.stages
                ]
            elif key == "opportunities":
                cells = [
                    "<br>".join(f"[{cell(o.title)}](#{o.id}) ({o.status.title})" for o in s.opportunities)
                    for s in m.stages
                ]
            else:
                cells = ["<br>".join(f"• {cell(it.text)}" for it in s.items(key)) for s in m.stages]
            if any(cells):
                text += f"| **{spec.title}**<br>{cell(spec.prompt)} | " + " | ".join(cells) + " |\n"
        text += "\n## Sentiment\n\n| Stage | Step | Score |\n|---|---|---|\n"
        for s in m.stages:
            for st in s.steps:
                if isinstance(st.emotion, float):
                    text += f"| {cell(s.name)} | {cell(st.title)} | {m.scale.format(st.emotion)} ({m.scale.label(st.emotion)}) |\n"
        if any(s.kpis for s in m.stages):
            text += "\n## KPIs\n\n| Stage | KPI | Value | Target | On target |\n|---|---|---|---|---|\n"
            for sid, s in zip(entry.stage_ids, m.stages, strict=True):
                for k in s.kpis:
                    ok = k.value >= k.target if isinstance(k.value, float) and isinstance(k.target, float) else ""
                    text += f"| [{cell(s.name)}](#stage-{sid}) | {cell(k.name)} | {k.value}{k.unit} | {k.target}{k.unit} | {'Yes' if ok else 'No'} |\n"
        opps = [(i, o) for i, s in enumerate(m.stages) for o in s.opportunities]
        if opps:
            text += "\n## Opportunities\n\n"
            pains = {it.id: it.text for s in m.stages for it in s.items("negatives") if it.id}
            for i, o in opps:
                owner = opportunity_owner(o, m.stages[i], m)
                text += (
                    f"### {o.title} {{#{o.id}}}\n\n`{o.id}` {o.status.title} {o.priority.value if o.priority else ''}\n\n"
                    f"{o.description or ''}\n\n- **Owner**: {self.owner(owner)}\n"
                    f"- **Stage**: [{cell(m.stages[i].name)}](#stage-{entry.stage_ids[i]})\n"
                )
                if o.addresses:
                    text += f"- **Addresses**: [{cell(pains.get(o.addresses))}](#{o.addresses})\n"
                if o.backlog:
                    text += f"- **Backlog**: [Backlog item]({o.backlog})\n"
                text += "\n"
        if m.realises:
            text += (
                "## What it delivers\n\n"
                + "".join(
                    f"- {self.journey(p.opportunities[x].map, x).replace(cell(p.opportunities[x].map.model.title), cell(p.opportunities[x].opportunity.title), 1)} `{x}`\n"
                    for x in m.realises
                    if x in p.opportunities
                )
                + "\n"
            )
        if m.evidence:
            text += "## Research evidence\n\n" + "".join(
                f"- {ev.kind.value}: {ev.title}, {ev.date or ''}, {ev.participants or ''} participants: {ev.summary or ''}\n"
                for ev in m.evidence
            )
        return text


def write_plain(portfolio: Portfolio, out: Path, site_name: str) -> None:
    """Write the Markdown pages of ``portfolio`` into the docs dir ``out``."""
    Writer(portfolio, out).all(site_name)
