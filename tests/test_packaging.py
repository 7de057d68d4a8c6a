"""The wheel installs into a clean virtual environment and builds a portfolio that lives
outside this repository."""

from __future__ import annotations

import email
import hashlib
import importlib.metadata
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from conftest import REPO, TODAY_EPOCH, small_portfolio, write_tree


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env["SOURCE_DATE_EPOCH"] = TODAY_EPOCH  # reviews are judged on the tests' fixed day
    env.pop("PYTHONPATH", None)
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def dependency_closure(requirements: list[str]) -> dict[str, importlib.metadata.Distribution]:
    """The installed distributions (of the test environment) that ``requirements`` need, all
    the way down, markers and extras followed; each must satisfy its requirement's versions."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: dict[str, importlib.metadata.Distribution] = {}
    done: set[tuple[str, str]] = set()
    todo = [(Requirement(r), "") for r in requirements]
    while todo:
        req, extra = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": extra}):
            continue
        dist = importlib.metadata.distribution(req.name)
        assert req.specifier.contains(dist.version, prereleases=True), f"{req} is wanted, {dist.version} installed"
        name = canonicalize_name(dist.metadata["Name"])
        found[name] = dist
        for wanted in ("", *sorted(req.extras)):
            if (name, wanted) not in done:
                done.add((name, wanted))
                todo.extend((Requirement(r), wanted) for r in dist.requires or [])
    return found


def link_distributions(dists: dict[str, importlib.metadata.Distribution], folder: Path) -> None:
    """A site folder holding exactly ``dists``: a link to each top-level file or folder they installed."""
    folder.mkdir()
    for dist in dists.values():
        assert dist.files, f"{dist.metadata['Name']} lists no files"
        for top in {f.parts[0] for f in dist.files if f.parts[0] != ".."}:
            if not (folder / top).exists():
                (folder / top).symlink_to(Path(str(dist.locate_file(top))))


def test_wheel_builds_an_outside_portfolio(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, REPO)
    wheel = next(dist.glob("mkdocs_cjm-*.whl"))
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    for required in [
        "mkdocs_cjm/plugin.py",
        "mkdocs_cjm/templates/cjm/journey.html",
        "mkdocs_cjm/assets/cjm.js",
        "mkdocs_cjm/assets/search.js",
        "mkdocs_cjm/templates/search/partials/header.html",
        "mkdocs_cjm/templates/search/partials/cjm-search.html",
        "mkdocs_cjm/assets/chart.js",
        "mkdocs_cjm/assets/listing.js",
        "mkdocs_cjm/assets/cjm.css",
        "mkdocs_cjm/assets/vendor/plotly-basic.min.js",
        "mkdocs_cjm/assets/vendor/plotly-basic.LICENSE.txt",
        "mkdocs_cjm/site_templates/current-state.yml",
        "mkdocs_cjm/site_templates/persona.md",
    ]:
        assert required in names, required
    assert not any(n.startswith(("tests/", "content/")) for n in names)

    # A clean virtual environment with the wheel installed and, besides it, only what the wheel
    # says it needs: the closure of its Requires-Dist (without the test extra), at the versions
    # this repository pins (the test environment's), each checked against the wheel's ranges.
    # Linking them instead of installing them again from the package index saves half a minute.
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    requires = email.message_from_bytes(archive.read(metadata)).get_all("Requires-Dist") or []
    assert any(r.startswith("mkdocs") for r in requires) and any("extra ==" in r for r in requires)
    deps = dependency_closure(requires)
    assert {"mkdocs", "mkdocs-material", "pydantic", "click", "pagefind-bin"} <= set(deps)
    assert "plotly" not in deps  # plotly.js comes with the package (assets/vendor/)
    assert not {"mkdocs-cjm", "pytest", "beautifulsoup4", "playwright", "hypothesis"} & set(deps)
    link_distributions(deps, tmp_path / "deps")
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    (Path(purelib) / "cjm-test-deps.pth").write_text(f"import site; site.addsitedir({str(tmp_path / 'deps')!r})\n")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", wheel)
    seen = run(
        python,
        "-c",
        "import importlib.util as u, mkdocs_cjm; print(mkdocs_cjm.__file__); "
        "print([m for m in ('pytest', 'bs4', 'playwright', 'hypothesis') if u.find_spec(m)])",
        cwd=tmp_path,
    )
    where, test_modules = seen.stdout.splitlines()
    assert Path(where).is_relative_to(env_dir), where  # the wheel's copy, not this repository
    assert test_modules == "[]"

    project = tmp_path / "elsewhere"
    write_tree(project / "docs", small_portfolio())
    (project / "mkdocs.yml").write_text(
        "site_name: Elsewhere\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - cjm\n"
    )
    run(python, "-m", "mkdocs", "build", "--strict", cwd=project)
    site = project / "site"
    assert (site / "journeys/setup/index.html").is_file()
    gallery = (site / "templates/current-state/index.html").read_text()
    assert "Entice" in gallery and "# Current-state journey map" in gallery
    assert (site / "assets/cjm/starters/persona.md").is_file()
    assert 1_000_000 < (site / "assets/cjm/plotly-basic.min.js").stat().st_size <= 1_500_000
    assert (site / "assets/cjm/plotly-basic.LICENSE.txt").is_file()
    assert (site / "assets/cjm/schema/map.schema.json").is_file()
    assert (site / "pagefind/pagefind.js").is_file()  # search: pagefind, with the packaged binary

    # The command-line tool comes with the wheel and finds the starters packaged inside it.
    cli = env_dir / "bin" / "mkdocs-cjm"
    assert run(cli, "validate", cwd=project).stdout.endswith("no problems\n")
    made = run(cli, "new", "service-blueprint", "repair", "--persona", "priya", "--owner", "cx", cwd=project)
    assert "docs/journeys/repair.yml is valid." in made.stdout
    assert "# Service blueprint" in (project / "docs/journeys/repair.yml").read_text()
    run(cli, "validate", "--strict", cwd=project)


def test_the_core_imports_nothing_from_mkdocs() -> None:
    """Every module of mkdocs_cjm.core loads without MkDocs (or the CLI's click) being imported."""
    code = (
        "import pkgutil, importlib, sys, mkdocs_cjm.core as core\n"
        "names = [m.name for m in pkgutil.walk_packages(core.__path__, 'mkdocs_cjm.core.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "print(len(names), sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'click')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, leaked = result.stdout.split(" ", 1)
    assert int(count) >= 20 and leaked.strip() == "[]"


def test_vendored_plotly_is_the_published_basic_bundle() -> None:
    """assets/vendor/ holds plotly.js-basic-dist-min as published (the checksum in its README), with a compile hint
    on top, and the licence that comes with it."""
    vendor = REPO / "mkdocs_cjm" / "assets" / "vendor"
    hint, _, published = (vendor / "plotly-basic.min.js").read_bytes().partition(b"\n")
    assert hint == b"//# allFunctionsCalledOnLoad"
    readme = (vendor / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(published).hexdigest() in readme and f"{len(published):,} bytes" in readme
    assert published.startswith(b"/**\n* plotly.js (basic - minified) v4.") and len(published) <= 1_500_000
    assert "MIT License" in (vendor / "plotly-basic.LICENSE.txt").read_text(encoding="utf-8")
