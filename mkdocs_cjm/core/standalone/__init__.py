"""``mkdocs-cjm build-pages``: the portfolio as a generator-ready project, for hosts that run no
MkDocs plugins (Zensical, MkDocs 2) or plain MkDocs without this plugin. The project holds the
site's own docs, every generated page as Markdown holding its HTML, the assets and data, and a
configuration without the ``cjm`` plugin."""

from .build import Put, build_project, page_markdown, text_version
from .write import MANIFEST, ProjectWriter, Written, check_folder, write_files

__all__ = [
    "MANIFEST",
    "ProjectWriter",
    "Put",
    "Written",
    "build_project",
    "check_folder",
    "page_markdown",
    "text_version",
    "write_files",
]
