"""The generated pages, one module per page kind.

Each kind (:class:`~.base.PageKind`) owns its page specs, the typed view its template receives
(the template API a site's ``custom_dir`` overrides rely on), its search text built from that
view, and the inputs of its render-cache fingerprint:

* :mod:`.home`: the portfolio home page;
* :mod:`.persona`, :mod:`.journey`, :mod:`.owner`: a page per persona, map and owner;
* :mod:`.listings`: the persona, journey, owner and opportunity indexes;
* :mod:`.gallery`: the template gallery and a page per map type.

:mod:`.cards` holds what several kinds show of the entities they list; :mod:`.site` lists the
kinds in site order and renders a page (through the render cache when there is one).
"""
