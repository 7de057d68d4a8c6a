"""The pure core of mkdocs_cjm: models, loader and renderers. Imports nothing from MkDocs."""
