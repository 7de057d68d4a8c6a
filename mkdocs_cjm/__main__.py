"""``python -m mkdocs_cjm``: the same command-line tool as ``mkdocs-cjm``."""

from .cli import run

if __name__ == "__main__":
    run()
