"""Two builds of the same content produce the same bytes.

The example portfolio (``content/`` with the repository's ``mkdocs.yml``) is copied into two
different temporary folders and built there by two ``mkdocs build`` processes with different
``PYTHONHASHSEED`` values. Every file of the two sites must be byte-identical; only the
sitemap may differ, because MkDocs writes the build date into it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, TODAY

SITEMAPS = {"sitemap.xml", "sitemap.xml.gz"}


def build_copy(root: Path, hash_seed: str, host: str = "mkdocs") -> Path:
    """The example built in a copy at ``root`` by ``host`` (``mkdocs``, or ``properdocs``, which
    then reads the configuration as ``properdocs.yml``)."""
    for folder in ("content", "theme", "site_templates"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / f"{host}.yml")
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONHASHSEED": hash_seed,
        "SOURCE_DATE_EPOCH": "1795478400",
    }  # 2026-11-24, so review states do not follow the clock
    site = root / "built-site"
    result = subprocess.run(
        [sys.executable, "-m", host, "build", "--strict", "-q", "-d", str(site)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return site


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    assert TODAY == "2026-11-24"
    first = files_of(build_copy(tmp_path / "one", "1"))
    second = files_of(build_copy(tmp_path / "two" / "elsewhere", "4242"))
    assert sorted(first) == sorted(second)
    assert len(first) > 50
    different = [name for name in first if first[name] != second[name] and name not in SITEMAPS]
    assert different == []
    # The journey pages, the search index (Pagefind's) and the charts are among what was compared.
    assert "pagefind/pagefind-entry.json" in first and any(n.startswith("pagefind/fragment/") for n in first)
    assert any(name.startswith("journeys/") and name.endswith("index.html") for name in first)
