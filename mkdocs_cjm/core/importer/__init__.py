"""Journey maps that already exist elsewhere, turned into map files.

Two layouts are read, both a grid with stages as columns and lanes as rows:

* the tab-separated text a whiteboard tool exports from its customer-journey template (the
  "five Es" board): text around the grid, a header row of stage cells, then a row per lane
  whose first cell holds the lane's title and prompt question. Cells may hold HTML: items as
  ``<div>``s, ``<br>``-separated lines or list items, headings nested in header cells;
* a spreadsheet saved as CSV (comma, semicolon or tab): the first row holds the stage names,
  the first column the lane titles, and a cell's items are on separate lines
  (what ``mkdocs-cjm export --format csv`` writes).

Every item of the export arrives in the map: lanes the format does not know become custom
lanes, a cell whose items cannot be told apart is kept as one item (and reported), the
scenario, goal and title are read however the board labels them (never from the template's own
instructions: :mod:`.fields`), and the rest of the text around the grid is kept as comments. Pure functions; bad input raises :class:`ContentError`.
"""

from __future__ import annotations

from .build import Imported, ImportReport
from .cells import cell_items, looks_like_html, split_heading
from .readers import import_csv, import_file, import_table, import_whiteboard

__all__ = [
    "ImportReport",
    "Imported",
    "cell_items",
    "import_csv",
    "import_file",
    "import_table",
    "import_whiteboard",
    "looks_like_html",
    "split_heading",
]
