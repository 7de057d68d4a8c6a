"""Reading: finding the content files of a portfolio and reading each one, line numbers kept.

The first step of the pipeline (reading → :mod:`~mkdocs_cjm.core.validation` →
:mod:`~mkdocs_cjm.core.assembly`). Nothing here judges content; reading never raises.
"""
