"""Shared test helpers: build real MkDocs sites from a small tree description."""

from __future__ import annotations

import logging
import os
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from mkdocs_cjm.core.assembly.portfolio import Portfolio

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = "2026-11-24"
TODAY_EPOCH = "1795478400"
"""TODAY as SOURCE_DATE_EPOCH: reviews are judged on it where no ``today`` option applies."""


def example_options() -> dict[str, Any]:
    """The plugin options of the example site (``mkdocs.yml``) its content needs to load
    without errors: its backlog key patterns."""
    from mkdocs_cjm.core.project import read_project

    return {"backlogs": read_project(REPO / "mkdocs.yml").options.backlogs}


def load_example(root: Path | None = None, **kwargs: Any) -> Portfolio:
    """The example portfolio (or a copy of it at ``root``), loaded with the example site's options."""
    from mkdocs_cjm.core.loader import load_portfolio

    return load_portfolio(root or REPO / "content", **example_options(), **kwargs)


@dataclass
class Site:
    root: Path
    site_dir: Path
    warnings: list[str] = field(default_factory=list)
    error: BaseException | None = None

    def path(self, url: str) -> Path:
        target = self.site_dir / url.lstrip("/")
        return target / "index.html" if url.endswith("/") or url == "" else target

    def text(self, url: str) -> str:
        return self.path(url).read_text(encoding="utf-8")

    def html(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(url), "html.parser")

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()


class Collect(logging.Handler):
    """The messages MkDocs logs at WARNING and above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


def write_project(root: Path, files: Mapping[str, str | bytes], **options: Any) -> Path:
    """Write ``files`` under ``root/docs`` and a mkdocs.yml with the plugin and its ``options``
    (reviews judged on ``TODAY``), as a site's repository holds them; return ``root``."""
    write_tree(root / "docs", files)
    config = {
        "site_name": "Test portfolio",
        "docs_dir": "docs",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"cjm": {"today": TODAY, **options}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


def build_project(root: Path, strict: bool = False) -> tuple[list[str], BaseException | None]:
    """Build the site of ``root/mkdocs.yml`` as ``mkdocs build`` run there does: the messages
    logged (warnings and errors), and what the build raised (strict mode raises click.Abort)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handler = Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        build(load_config(str(root / "mkdocs.yml"), strict=strict))
    except BaseException as exc:  # strict mode raises click.Abort; a test checks what was raised
        return handler.messages, exc
    finally:
        logger.removeHandler(handler)
    return handler.messages, None


def build_site(
    root: Path,
    files: Mapping[str, str | bytes],
    *,
    plugin: dict[str, Any] | None = None,
    config: dict[str, Any] | None = None,
    strict: bool = True,
    expect_failure: bool = False,
) -> Site:
    """Write ``files`` under ``root/docs`` and build them with MkDocs + Material + the plugin."""
    write_tree(root / "docs", files)
    options = {"today": TODAY, **(plugin or {})}
    cfg: dict[str, Any] = {
        "site_name": "Test portfolio",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"cjm": options}],
    }
    cfg.update(config or {})
    (root / "mkdocs.yml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
    site = Site(root, root / "site")
    site.warnings, site.error = build_project(root, strict)
    if site.error is not None and not expect_failure:
        raise AssertionError("build failed:\n" + "\n".join(site.warnings)) from site.error
    if expect_failure and site.error is None:
        raise AssertionError("the build was expected to fail")
    return site


OWNERS = """
    cx:
      name: CX research
      kind: team
    shop-team:
      name: Shop experience
      kind: team
    jo:
      name: Jo Park
      kind: person
      team: shop-team
      role: Product manager
"""

PERSONA = """
    ---
    name: Priya Shah
    role: Owner of a bike shop
    quote: I want the till to just work.
    goals: ["Spend Saturdays with customers, not with admin"]
    needs: [A quick way to see stock]
    frustrations: [Reports that need a laptop]
    channels: [Phone, Email]
    about:
      Age: "41"
      Location: Bristol
    owner: cx
    ---
    Priya has run **Spoke & Chain** for nine years.

    ## Her week

    Weekdays are quiet; Saturdays are frantic.
"""

CURRENT = """
    title: Setting up the till
    type: current-state
    personas: [priya]
    scenario: Priya sets up her new till before opening on Saturday.
    goal: Take the first card payment without help.
    owner: shop-team
    status: published
    reviewed: 2026-10-01
    tags: [onboarding]
    stages:
      - name: Discover
        description: Finds out what to do first
        owner: cx
        steps:
          - title: Unboxes the card reader
            emotion: 1
          - title: Looks for the quick-start guide
            description: The leaflet is in the bottom of the box.
            emotion: -1
        interactions: [Box, Leaflet]
        thoughts: ["Where do I start?"]
        negatives:
          - {text: The guide is hard to find, id: hidden-guide}
        opportunities:
          - id: guide-on-top
            title: Put the quick-start guide on top
            owner: jo
            status: planned
            priority: high
            backlog: https://backlog.example/TW-1
            addresses: hidden-guide
        kpis:
          - {name: Set-up completion, value: 71, target: 85, unit: "%"}
      - name: Pair the reader
        emotion: -2
        steps: [Turns on Bluetooth, Waits for pairing]
        negatives: [Pairing fails twice]
        opportunities:
          - id: pairing-wizard
            title: A pairing wizard that explains each light
            status: idea
      - name: First sale
        emotion: 2
        steps: [Takes a card payment]
        positives: [The receipt prints instantly]
"""

FUTURE = """
    title: Setting up the till, improved
    type: future-state
    personas: [priya]
    improves: setup
    realises: [guide-on-top]
    scenario: Priya sets up her till in ten minutes.
    owner: shop-team
    status: published
    reviewed: 2026-10-01
    stages:
      - name: Discover
        emotion: 1
        steps: [Opens the box and sees the guide]
      - name: Pair the reader
        emotion: 1
        steps: [Follows the wizard]
      - name: First sale
        emotion: 2
        steps: [Takes a card payment]
"""


def small_portfolio() -> dict[str, str]:
    return {
        "owners.yml": OWNERS,
        "personas/priya.md": PERSONA,
        "journeys/setup.yml": CURRENT,
        "journeys/setup-future.yml": FUTURE,
    }


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("small")
    return build_site(root, small_portfolio())
