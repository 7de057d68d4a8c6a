"""Assembly: the valid files of a portfolio put together, with the indexes pages are built from.

The last step of the pipeline (:mod:`~mkdocs_cjm.core.reading` →
:mod:`~mkdocs_cjm.core.validation` → assembly):

* :mod:`.entries`: what each entity carries (its model, source, resolved lanes, stage ids) and
  the rules that fill in what a file leaves out (stage ids, an opportunity's owner);
* :mod:`.portfolio`: the portfolio and its indexes (by persona, type, owner…), review dates;
* :mod:`.assemble`: from validated files to a portfolio.
"""
