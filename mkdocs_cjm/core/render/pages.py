"""Every generated page of the portfolio: what pages exist, and the HTML of each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..catalog import BUILTIN_LANES, MAP_TYPES, SPECIAL_ROWS, MapType
from ..emotion import summarise
from ..models import OpportunityStatus, Priority
from ..portfolio import MapEntry, OpportunityRef, Portfolio
from ..problems import Problem, Severity
from ..starters import Starter
from ..text import format_number, format_score
from .chart import build_chart
from .grid import build_grid, kpi_text, row_order, step_score_text
from .links import Links
from .markdown import SafeMarkdown
from .search import journey_search_html, summary_search_html
from .svg import sparkline
from .urls import Routes, edit_url

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
"""The package's own templates; a site's ``custom_dir`` placed before it overrides any of them."""

STATUS_ORDER = [OpportunityStatus.IN_PROGRESS, OpportunityStatus.PLANNED, OpportunityStatus.IDEA,
                OpportunityStatus.DONE, OpportunityStatus.DROPPED]
PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2, None: 3}
HOME_LIST = 10
"""How many maps the home page lists as overdue; the journeys index shows them all."""


@dataclass
class TocItem:
    title: str
    id: str
    level: int = 2
    children: list[TocItem] = field(default_factory=list)


@dataclass(frozen=True)
class PageSpec:
    """A page the plugin adds to the site."""

    src: str
    kind: str
    key: str | None
    title: str
    description: str = ""
    tags: tuple[str, ...] = ()
    in_nav: bool = False
    source: str | None = None
    """The content file the page is built from, for "edit this page" links."""


@dataclass
class RenderedPage:
    html: str
    toc: list[TocItem]
    search_html: str | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class SiteOptions:
    use_directory_urls: bool = True
    site_name: str = "Journey maps"
    site_description: str = ""
    home: bool = True
    charts: bool = True
    doc_pages: frozenset[str] = frozenset()
    static_files: frozenset[str] = frozenset()
    plotly_url: str | None = None
    repo_url: str | None = None
    """With ``edit_uri`` or ``edit_uri_template``: where the "Edit this map" links point."""
    edit_uri: str | None = None
    edit_uri_template: str | None = None


def human_date(value: date | None) -> str:
    return f"{value.day} {value:%b} {value.year}" if value else ""


def make_environment(template_dirs: Sequence[Path | str]) -> Environment:
    """A Jinja environment that escapes everything by default, looking in ``template_dirs``
    first and in the package's templates last."""
    dirs = [str(d) for d in template_dirs if Path(d).is_dir()]
    if str(TEMPLATES_DIR) not in dirs:
        dirs.append(str(TEMPLATES_DIR))
    env = Environment(loader=FileSystemLoader(dirs), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.filters.update(score=format_score, number=format_number, human_date=human_date,
                       title_word=lambda v: str(v).replace("-", " ").capitalize())
    return env


class SiteRenderer:
    """Renders the generated pages of one portfolio. Pure: knows nothing of MkDocs."""

    def __init__(self, portfolio: Portfolio, starters: dict[MapType, Starter] | None = None, *,
                 routes: Routes | None = None, template_dirs: Sequence[Path | str] = (),
                 options: SiteOptions | None = None) -> None:
        self.portfolio = portfolio
        self.starters = starters or {}
        self.routes = routes or Routes()
        self.options = options or SiteOptions()
        self.env = make_environment(template_dirs)
        self.md = SafeMarkdown()
        self.content_pages: dict[str, str] = {}
        for persona in portfolio.personas.values():
            self.content_pages[persona.source.path] = self.routes.persona(persona.id)
        for entry in portfolio.maps.values():
            self.content_pages[entry.source.path] = self.routes.journey(entry.id)

    # -- which pages --------------------------------------------------------------------------

    def pages(self) -> list[PageSpec]:
        r, p = self.routes, self.portfolio
        specs: list[PageSpec] = []
        if self.options.home:
            specs.append(PageSpec(r.home, "home", None, self.options.site_name or "Journey maps",
                                  self.options.site_description, in_nav=True))
        specs.append(PageSpec(r.index(r.personas), "personas", None, "Personas",
                              "Who our customers are, and every journey of each.", in_nav=True))
        for persona in p.sorted_personas():
            specs.append(PageSpec(r.persona(persona.id), "persona", persona.id, persona.model.name,
                                  persona.model.role or "", ("Persona",), source=persona.source.path))
        specs.append(PageSpec(r.index(r.journeys), "journeys", None, "Journeys",
                              "Every journey map of the portfolio, by type.", in_nav=True))
        for entry in p.sorted_maps():
            tags = (*[self._persona_name(x) for x in entry.model.personas], MAP_TYPES[entry.model.type].title,
                    *entry.model.tags)
            specs.append(PageSpec(r.journey(entry.id), "journey", entry.id, entry.model.title,
                                  entry.model.summary or entry.model.scenario, tuple(dict.fromkeys(tags)),
                                  source=entry.source.path))
        specs.append(PageSpec(r.index(r.opportunities), "opportunities", None, "Opportunities",
                              "Every improvement opportunity, with its owner and status.", in_nav=True))
        specs.append(PageSpec(r.index(r.owners), "owners", None, "Owners",
                              "The teams and people who own maps, stages and opportunities.", in_nav=True))
        for owner in p.sorted_owners():
            specs.append(PageSpec(r.owner(owner.id), "owner", owner.id, owner.model.name,
                                  owner.model.role or owner.model.about or "", source=None))
        specs.append(PageSpec(r.index(r.templates), "templates", None, "Template gallery",
                              "Starters for each kind of journey map.", in_nav=True))
        for kind, info in MAP_TYPES.items():
            specs.append(PageSpec(r.template(kind.value), "template", kind.value, info.title, info.summary,
                                  in_nav=True))
        return specs

    def _persona_name(self, ident: str) -> str:
        entry = self.portfolio.personas.get(ident)
        return entry.model.name if entry else ident

    # -- rendering ----------------------------------------------------------------------------

    def links(self, src: str) -> Links:
        return Links(self.portfolio, self.routes, src, self.options.use_directory_urls,
                     self.options.doc_pages, self.options.static_files)

    def render(self, spec: PageSpec) -> RenderedPage:
        method = getattr(self, f"_render_{spec.kind}")
        page: RenderedPage = method(spec, self.links(spec.src))
        return page

    def _template(self, name: str, **context: Any) -> str:
        return self.env.get_template(f"cjm/{name}.html").render(
            routes=self.routes, portfolio=self.portfolio, types=MAP_TYPES, **context)

    def edit_url(self, source: str) -> str | None:
        """The repository host's editor for a content file, when the site names its repository."""
        o = self.options
        return edit_url(o.repo_url, o.edit_uri, o.edit_uri_template, source)

    def _narrative(self, text: str, source: str, links: Links, used: set[str]) -> tuple[Markup, list[TocItem], list[Problem]]:
        if not text.strip():
            return Markup(""), [], []
        rendered = self.md.block(text, links.resolver(source, self.content_pages), heading_offset=1,
                                 used_ids=used)
        toc = [TocItem(h.title, h.id, h.level) for h in rendered.headings if h.level == 2]
        problems = [Problem(source, 0, 0, f"the link '{href}' points to no page or file of the site",
                            "fix the path; it is relative to this file", Severity.WARNING)
                    for href in rendered.broken_links]
        return Markup(rendered.html), toc, problems

    def _inline(self, text: str | None, links: Links, source: str) -> Markup:
        if not text:
            return Markup("")
        return Markup(self.md.inline(text, links.resolver(source, self.content_pages)))

    def _map_card(self, entry: MapEntry, links: Links) -> dict[str, Any]:
        summary = summarise(entry.model)
        scale = entry.model.scale
        label = "No emotion scores"
        if summary.trough and summary.peak:
            label = (f"Lowest at {summary.trough.label} ({scale.format(summary.trough.score)}), "
                     f"highest at {summary.peak.label} ({scale.format(summary.peak.score)})")
        elif summary.average is not None:
            label = f"Average {scale.format(round(summary.average, 1))}"
        return {
            "entry": entry,
            "url": links.journey(entry.id),
            "info": MAP_TYPES[entry.model.type],
            "review": self.portfolio.review_state(entry),
            "summary": summary,
            "emotion_label": label,
            "average_label": scale.label(summary.average) if summary.average is not None else "",
            "spark": sparkline(summary.stage_scores, scale, f"Emotion curve: {label}"),
            "personas": [(links.persona_name(x), links.persona(x)) for x in entry.model.personas],
            "owner": (links.owner_name(entry.model.owner), links.owner(entry.model.owner)),
        }

    def _opp_row(self, ref: OpportunityRef, links: Links) -> dict[str, Any]:
        return {
            "ref": ref,
            "opp": ref.opportunity,
            "url": links.opportunity(ref.id),
            "map_url": links.journey(ref.map.id),
            "stage_url": links.stage(ref.map.id, ref.stage_index),
            "owner": (links.owner_name(ref.owner), links.owner(ref.owner)),
            "personas": [(links.persona_name(x), links.persona(x)) for x in ref.map.model.personas],
        }

    @staticmethod
    def _opp_sort_key(ref: OpportunityRef) -> tuple[object, ...]:
        return (STATUS_ORDER.index(ref.opportunity.status), PRIORITY_ORDER[ref.opportunity.priority],
                ref.map.model.title.lower(), ref.stage_index, ref.id)

    # home -----------------------------------------------------------------------------------

    def _render_home(self, spec: PageSpec, links: Links) -> RenderedPage:
        p = self.portfolio
        maps = p.sorted_maps()
        reviewed = sorted((m for m in maps if m.model.reviewed),
                          key=lambda m: (-m.model.reviewed.toordinal(), m.model.title.lower(), m.id))[:6]  # type: ignore[union-attr]
        overdue = [(m, p.review_state(m)) for m in maps]
        overdue = sorted([pair for pair in overdue if pair[1].overdue],
                         key=lambda pair: (-pair[1].days_overdue, pair[0].id))
        status_counts = Counter(ref.opportunity.status for ref in p.opportunities.values())
        html = self._template(
            "home", spec=spec, links=links,
            description=self.options.site_description,
            counts={"personas": len(p.personas), "maps": len(p.maps),
                    "opportunities": len(p.opportunities), "owners": len(p.owners)},
            personas=[self._persona_card(x, links) for x in p.sorted_personas()],
            type_counts=[(info, len(p.maps_by_type.get(kind, []))) for kind, info in MAP_TYPES.items()],
            recent=[self._map_card(m, links) for m in reviewed],
            overdue=[(self._map_card(m, links), state) for m, state in overdue[:HOME_LIST]],
            overdue_total=len(overdue),
            status_counts=[(s, status_counts.get(s, 0)) for s in STATUS_ORDER],
        )
        toc = [TocItem("Personas at a glance", "personas"), TocItem("Recently reviewed", "recently-reviewed"),
               TocItem("Overdue for review", "overdue")]
        return RenderedPage(html, toc, summary_search_html(spec.title, self.options.site_description))

    # personas -------------------------------------------------------------------------------

    def _persona_card(self, persona: Any, links: Links) -> dict[str, Any]:
        maps = self.portfolio.maps_by_persona.get(persona.id, [])
        return {"entry": persona, "url": links.persona(persona.id), "map_count": len(maps),
                "types": sorted({MAP_TYPES[m.model.type].title for m in maps})}

    def _render_personas(self, spec: PageSpec, links: Links) -> RenderedPage:
        cards = [self._persona_card(x, links) for x in self.portfolio.sorted_personas()]
        return RenderedPage(self._template("personas", spec=spec, links=links, cards=cards), [],
                            summary_search_html(spec.title, spec.description))

    def _render_persona(self, spec: PageSpec, links: Links) -> RenderedPage:
        persona = self.portfolio.personas[spec.key or ""]
        used = {"profile", "journeys", "goals", "needs", "frustrations", "channels", "about"}
        narrative, narrative_toc, problems = self._narrative(persona.source.body, persona.source.path, links, used)
        maps = [self._map_card(m, links) for m in self.portfolio.maps_by_persona.get(persona.id, [])]
        html = self._template(
            "persona", spec=spec, links=links, persona=persona, model=persona.model, narrative=narrative,
            maps=maps, owner=(links.owner_name(persona.model.owner), links.owner(persona.model.owner)),
            edit_href=self.edit_url(persona.source.path),
        )
        toc = [TocItem("Profile", "profile", children=narrative_toc), TocItem("Journeys", "journeys")]
        return RenderedPage(html, toc, problems=problems)

    # journeys -------------------------------------------------------------------------------

    def _render_journeys(self, spec: PageSpec, links: Links) -> RenderedPage:
        groups = [(info, [self._map_card(m, links) for m in self.portfolio.maps_by_type.get(kind, [])])
                  for kind, info in MAP_TYPES.items()]
        html = self._template("journeys", spec=spec, links=links, groups=groups)
        toc = [TocItem(info.plural, info.key) for info, cards in groups if cards]
        return RenderedPage(html, toc, summary_search_html(spec.title, spec.description))

    def journey_view(self, entry: MapEntry, links: Links, *, preview: bool = False) -> dict[str, Any]:
        """Everything the journey templates need about one map."""
        model = entry.model
        source = entry.source.path
        resolve = links.resolver(source, self.content_pages)
        grid = build_grid(entry, links, self.md, resolve)
        chart = build_chart(entry, self.portfolio) if self.options.charts and not preview else None
        names = {x: links.persona_name(x) for x in model.personas}
        opportunities = []
        for i, stage in enumerate(model.stages):
            for opp in stage.opportunities:
                owner = opp.owner or stage.owner or model.owner
                pain = next((it for s in model.stages for it in s.negatives if it.id and it.id == opp.addresses), None)
                opportunities.append({
                    "opp": opp, "stage": stage, "stage_anchor": f"stage-{entry.stage_ids[i]}",
                    "owner": (links.owner_name(owner), links.owner(owner)),
                    "description": self._inline(opp.description, links, source) if opp.description else None,
                    "pain": self._inline(pain.text, links, source) if pain else None,
                })
        kpis = [(stage, entry.stage_ids[i], [(k, *kpi_text(k)) for k in stage.kpis])
                for i, stage in enumerate(model.stages) if stage.kpis]
        return {
            "entry": entry, "model": model, "info": MAP_TYPES[model.type], "grid": grid, "chart": chart,
            "preview": preview, "links": links,
            "review": self.portfolio.review_state(entry),
            "personas": [(names[x], links.persona(x)) for x in model.personas],
            "owner": (links.owner_name(model.owner), links.owner(model.owner)),
            "improves": self.portfolio.maps.get(model.improves or ""),
            "improves_url": links.journey(model.improves),
            "futures": [(m, links.journey(m.id)) for m in self.portfolio.futures_by_current.get(entry.id, [])],
            "realises": [(ident, self.portfolio.opportunities.get(ident), links.opportunity(ident))
                         for ident in model.realises],
            "opportunities": opportunities, "kpis": kpis,
            "step_score": lambda value: step_score_text(model.scale, value, names),
            "scale": model.scale,
            "plotly_src": self.options.plotly_url or links.asset("plotly.min.js"),
        }

    def _render_journey(self, spec: PageSpec, links: Links) -> RenderedPage:
        entry = self.portfolio.maps[spec.key or ""]
        view = self.journey_view(entry, links)
        used = {"journey", "sentiment", "kpis", "opportunities", "evidence", "about", "realises"}
        used |= {f"stage-{s}" for s in entry.stage_ids} | {o["opp"].id for o in view["opportunities"]}
        narrative, narrative_toc, problems = self._narrative(entry.source.body, entry.source.path, links, used)
        html = self._template("journey", spec=spec, narrative=narrative,
                              edit_href=self.edit_url(entry.source.path), **view)
        toc = [*([TocItem("About this map", "about", children=narrative_toc)] if narrative else []),
               TocItem("Journey", "journey")]
        if view["chart"]:
            toc.append(TocItem("Sentiment", "sentiment"))
        if view["kpis"]:
            toc.append(TocItem("KPIs", "kpis"))
        if view["opportunities"]:
            toc.append(TocItem("Opportunities", "opportunities"))
        if view["realises"]:
            toc.append(TocItem("What it delivers", "realises"))
        if entry.model.evidence:
            toc.append(TocItem("Research evidence", "evidence"))
        search = journey_search_html(view, spec.title)
        return RenderedPage(html, toc, search, problems)

    # owners and opportunities ---------------------------------------------------------------

    def _render_owners(self, spec: PageSpec, links: Links) -> RenderedPage:
        p = self.portfolio
        rows = []
        for owner in p.sorted_owners():
            opps = p.opportunities_by_owner.get(owner.id, [])
            open_count = sum(1 for r in opps if r.opportunity.status not in
                             (OpportunityStatus.DONE, OpportunityStatus.DROPPED))
            rows.append({"entry": owner, "url": links.owner(owner.id), "open": open_count, "total": len(opps),
                         "maps": len(p.maps_by_owner.get(owner.id, [])),
                         "stages": len(p.stages_by_owner.get(owner.id, [])),
                         "team": (links.owner_name(owner.model.team), links.owner(owner.model.team))
                         if owner.model.team else None})
        return RenderedPage(self._template("owners", spec=spec, links=links, rows=rows), [],
                            summary_search_html(spec.title, spec.description))

    def _render_owner(self, spec: PageSpec, links: Links) -> RenderedPage:
        p = self.portfolio
        owner = p.owners[spec.key or ""]
        opps = sorted(p.opportunities_by_owner.get(owner.id, []), key=self._opp_sort_key)
        groups = [(status, [self._opp_row(r, links) for r in opps if r.opportunity.status is status])
                  for status in STATUS_ORDER]
        groups = [(status, rows) for status, rows in groups if rows]
        stages = [{"ref": ref, "url": links.stage(ref.map.id, ref.stage_index), "map_url": links.journey(ref.map.id)}
                  for ref in p.stages_by_owner.get(owner.id, [])]
        html = self._template(
            "owner", spec=spec, links=links, owner=owner, model=owner.model, groups=groups, stages=stages,
            maps=[self._map_card(m, links) for m in p.maps_by_owner.get(owner.id, [])],
            members=[(m.model.name, links.owner(m.id), m.model.role) for m in p.members_by_team.get(owner.id, [])],
            team=(links.owner_name(owner.model.team), links.owner(owner.model.team)) if owner.model.team else None,
            personas=[(x.model.name, links.persona(x.id)) for x in p.sorted_personas() if x.model.owner == owner.id],
        )
        toc = [TocItem("Opportunities", "opportunities",
                       children=[TocItem(s.title, f"status-{s.value}", 3) for s, _ in groups])]
        if stages:
            toc.append(TocItem("Stages owned", "stages"))
        if p.maps_by_owner.get(owner.id):
            toc.append(TocItem("Maps owned", "maps"))
        model = owner.model
        team = f"Member of {links.owner_name(model.team)}." if model.team else ""
        members = p.members_by_team.get(owner.id, [])
        who = ("Members: " + ", ".join(m.model.name for m in members) + ".") if members else ""
        search = summary_search_html(spec.title, f"{model.kind.capitalize()}. {model.role or ''}".strip(),
                                     model.about or "", team, who, model.chat or "", model.email or "")
        return RenderedPage(html, toc, search)

    def _render_opportunities(self, spec: PageSpec, links: Links) -> RenderedPage:
        refs = sorted(self.portfolio.opportunities.values(), key=self._opp_sort_key)
        rows = [self._opp_row(r, links) for r in refs]
        counts = Counter(r.opportunity.status for r in refs)
        html = self._template("opportunities", spec=spec, links=links, rows=rows,
                              counts=[(s, counts.get(s, 0)) for s in STATUS_ORDER])
        return RenderedPage(html, [], summary_search_html(spec.title, spec.description))

    # template gallery -----------------------------------------------------------------------

    def _render_templates(self, spec: PageSpec, links: Links) -> RenderedPage:
        cards = [(info, links.template(kind.value), len(self.portfolio.maps_by_type.get(kind, [])))
                 for kind, info in MAP_TYPES.items()]
        extras = [(name, links.asset(f"starters/{name}")) for name in ("persona.md", "owners.yml")]
        return RenderedPage(self._template("templates", spec=spec, links=links, cards=cards, extras=extras), [])

    def _render_template(self, spec: PageSpec, links: Links) -> RenderedPage:
        kind = MapType(spec.key)
        info = MAP_TYPES[kind]
        starter = self.starters.get(kind)
        preview = self.journey_view(starter.entry, links, preview=True) if starter and starter.entry else None
        lanes = []
        if starter and starter.entry:
            for key in row_order(starter.entry):
                spec_lane = starter.entry.lanes.get(key) or SPECIAL_ROWS.get(key)
                if spec_lane is not None:
                    lanes.append((spec_lane.title if key not in dict(info.lane_titles) else dict(info.lane_titles)[key],
                                  spec_lane.prompt, key))
        else:
            lanes = [(BUILTIN_LANES[k].title, BUILTIN_LANES[k].prompt, k) for k in info.rows if k in BUILTIN_LANES]
        html = self._template(
            "template", spec=spec, links=links, info=info, starter=starter, preview=preview, lanes=lanes,
            download=links.asset(f"starters/{starter.filename}") if starter else None,
            highlighted=_highlight_yaml(starter.text) if starter else Markup(""),
            maps=[self._map_card(m, links) for m in self.portfolio.maps_by_type.get(kind, [])],
        )
        toc = [TocItem("When to use it", "when"), TocItem("Stages and lanes", "lanes"),
               TocItem("Preview", "preview"), TocItem("Starter file", "starter"),
               TocItem("Maps using this template", "maps")]
        return RenderedPage(html, toc)


def _highlight_yaml(text: str) -> Markup:
    """Syntax-highlighted YAML in the markup Material styles (Pygments classes)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import YamlLexer

    body = highlight(text, YamlLexer(), HtmlFormatter(nowrap=True))
    return Markup(f'<div class="language-yaml highlight"><pre><span></span><code>{body}</code></pre></div>')


def iter_sources(specs: Iterable[PageSpec]) -> dict[str, str]:
    """Generated page → the content file it comes from."""
    return {s.src: s.source for s in specs if s.source}
