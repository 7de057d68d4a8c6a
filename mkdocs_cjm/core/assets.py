"""The files the portfolio's pages need besides their HTML: the stylesheet, the scripts, and
plotly.js's basic bundle for the interactive chart. Declared once: the plugin adds them to the
MkDocs site, ``mkdocs-cjm build-pages`` copies them into a generator's docs folder."""

from __future__ import annotations

from pathlib import Path

from .options import Options
from .render.chart import PLOTLY_ASSET

PACKAGE_ASSETS = Path(__file__).resolve().parent.parent / "assets"
"""The package's own copies of the assets."""

STYLESHEET = "assets/cjm/cjm.css"
SCRIPTS = ("assets/cjm/cjm.js", "assets/cjm/chart.js", "assets/cjm/listing.js")
"""The scripts every page runs (chart.js: journey charts; listing.js: listing filters), deferred."""
STARTERS = "assets/cjm/starters"
"""Where the gallery's starter files are published for download."""

VENDORED = {
    f"assets/cjm/{PLOTLY_ASSET}": PACKAGE_ASSETS / "vendor" / "plotly-basic.min.js",
    "assets/cjm/plotly-basic.LICENSE.txt": PACKAGE_ASSETS / "vendor" / "plotly-basic.LICENSE.txt",
}
"""plotly.js's basic bundle (scatter, bar and pie traces; axes, shapes, annotations, legends) and
its licence, copied into sites that chart without a ``plotly_url``. See assets/vendor/README.md."""


def site_assets(options: Options) -> dict[str, Path]:
    """Each asset's path in the site, with the package's file of it."""
    assets = {src: PACKAGE_ASSETS / Path(src).name for src in (STYLESHEET, *SCRIPTS)}
    if options.charts and not options.plotly_url:
        assets.update(VENDORED)
    return assets
