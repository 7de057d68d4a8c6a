"""How much of a `mkdocs serve` rebuild is the plugin's own time, after editing one map.

    python bench/rebuild.py -n 1000

Generates a portfolio, then does what ``mkdocs serve`` does (mkdocs/commands/serve.py): loads
the config, calls ``on_startup(command="serve")`` once, builds, and on each change loads the
config again and builds again with the same plugin instances. Between the builds it edits one
lane item of one map. It reports the plugin's time per event handler in the full build and in
the rebuild (the plugin's own ``timings``), the whole rebuild's wall time, and the share.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from generate import generate
from run import plugin_config

from mkdocs_cjm.plugin import CjmPlugin


class ServeSession:
    """Builds one site again and again the way ``mkdocs serve`` does."""

    def __init__(self, config_file: Path) -> None:
        from mkdocs.config import load_config

        self.config_file = config_file
        config = load_config(str(config_file))
        config.plugins.on_startup(command="serve", dirty=False)
        self.config = config
        self.serve_url = "http://127.0.0.1:8000/"

    def build(self) -> dict[str, Any]:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(str(self.config_file))
        config.site_url = self.serve_url
        started = time.perf_counter()
        build(config, serve_url=self.serve_url)
        wall = time.perf_counter() - started
        plugin = config.plugins["cjm"]
        assert isinstance(plugin, CjmPlugin)
        reused, rendered = plugin.render_stats
        return {
            "wall_s": round(wall, 3),
            "plugin_s": round(sum(plugin.timings.values()), 3),
            "events": {k: round(v, 3) for k, v in sorted(plugin.timings.items())},
            "pages_rendered": rendered,
            "pages_reused": reused,
        }


def edit_one_map(content: Path, what: str = "item") -> Path:
    """Change one current-state map as an editor would: the text of one lane item, or its title
    (which listings, persona and owner pages show too)."""
    path = sorted((content / "journeys" / "current-state").glob("*.yml"))[0]
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if what == "title":
        old = f"title: {data['title']}"
    else:
        old = data["stages"][0]["positives"][0]
        old = old["text"] if isinstance(old, dict) else old
    path.write_text(text.replace(old, old + " (edited)", 1), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="number of maps (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--edit",
        choices=("item", "title"),
        default="item",
        help="what to edit: one lane item (default) or the map's title",
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args(argv)
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="cjm-rebuild-") as tmp:
        work = Path(tmp)
        content = generate(work / "content", args.n, args.seed)
        config_file = work / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(plugin_config(content, work / "site"), sort_keys=False))
        session = ServeSession(config_file)
        try:
            full = session.build()
            edited = edit_one_map(content, args.edit)
            time.sleep(0.01)
            rebuild = session.build()
        finally:
            session.config.plugins.on_shutdown()
            logger.setLevel(level)
    result = {
        "n": args.n,
        "edited": f"{edited.name} ({args.edit})",
        "full": full,
        "rebuild": rebuild,
        "plugin_share": round(rebuild["plugin_s"] / full["plugin_s"], 4),
    }
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
