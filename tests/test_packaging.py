"""The wheel installs into a clean virtual environment and builds a portfolio that lives
outside this repository."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from conftest import REPO, small_portfolio, write_tree


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def test_wheel_builds_an_outside_portfolio(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, REPO)
    wheel = next(dist.glob("mkdocs_cjm-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ["mkdocs_cjm/plugin.py", "mkdocs_cjm/templates/cjm/journey.html", "mkdocs_cjm/assets/cjm.js",
                     "mkdocs_cjm/assets/cjm.css", "mkdocs_cjm/site_templates/current-state.yml",
                     "mkdocs_cjm/site_templates/persona.md"]:
        assert required in names, required
    assert not any(n.startswith(("tests/", "content/")) for n in names)

    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", "-c", REPO / "constraints.txt", wheel)

    project = tmp_path / "elsewhere"
    write_tree(project / "docs", small_portfolio())
    (project / "mkdocs.yml").write_text("site_name: Elsewhere\ntheme:\n  name: material\n  font: false\n"
                                        "plugins:\n  - search\n  - cjm\n")
    run(python, "-m", "mkdocs", "build", "--strict", cwd=project)
    site = project / "site"
    assert (site / "journeys/setup/index.html").is_file()
    gallery = (site / "templates/current-state/index.html").read_text()
    assert "Entice" in gallery and "# Current-state journey map" in gallery
    assert (site / "assets/cjm/starters/persona.md").is_file()
    assert (site / "assets/cjm/plotly.min.js").stat().st_size > 1_000_000
    assert (site / "assets/cjm/schema/map.schema.json").is_file()

    # The command-line tool comes with the wheel and finds the starters packaged inside it.
    cli = env_dir / "bin" / "mkdocs-cjm"
    assert run(cli, "validate", cwd=project).stdout.endswith("no problems\n")
    made = run(cli, "new", "service-blueprint", "repair", "--persona", "priya", "--owner", "cx", cwd=project)
    assert "docs/journeys/repair.yml is valid." in made.stdout
    assert "# Service blueprint" in (project / "docs/journeys/repair.yml").read_text()
    run(cli, "validate", "--strict", cwd=project)


def test_the_core_imports_nothing_from_mkdocs() -> None:
    """Every module of mkdocs_cjm.core loads without MkDocs (or the CLI's click) being imported."""
    code = ("import pkgutil, importlib, sys, mkdocs_cjm.core as core\n"
            "names = [m.name for m in pkgutil.walk_packages(core.__path__, 'mkdocs_cjm.core.')]\n"
            "for name in names: importlib.import_module(name)\n"
            "print(len(names), sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'click')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, leaked = result.stdout.split(" ", 1)
    assert int(count) >= 20 and leaked.strip() == "[]"
