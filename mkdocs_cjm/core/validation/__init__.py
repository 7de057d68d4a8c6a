"""Validation: every problem of every file, each with its file, line and a hint, never raised.

The second step of the pipeline (:mod:`~mkdocs_cjm.core.reading` → validation →
:mod:`~mkdocs_cjm.core.assembly`):

* :mod:`.messages`: the schema's (pydantic's) errors as plain-language problems;
* :mod:`.files`: one file on its own, its model and its rules;
* :mod:`.rules`: the rules of one map the model alone cannot say;
* :mod:`.references`: checks across files (unique ids, references to other files);
* :mod:`.levels`: the zoom levels across maps (``details:`` and ``part_of:``).
"""
