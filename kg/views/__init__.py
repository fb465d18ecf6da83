"""The graph as pages a researcher can open anywhere and walk: from the index to a document, to
a task, to its lineage, to any node and back to the words of the text that state each edge.

One module per view, over shared helpers:

- :mod:`.catalog`: what the pages draw from (nodes, edges, the quoted words of each edge);
- :mod:`.html`: words and colours (relations from kg/data/relations.json, kinds of instrument and
  their families from kg/data/document_types.json), escaping, templates, writes that stay inside
  their folder;
- :mod:`.links`: where each node and passage has its page in a site;
- :mod:`.graph`: graph pages (vis-network): the corpus overview and a document's neighbourhood;
- :mod:`.lineage`: lineage pages, laid out in layers with every edge pointing up, and as a tree;
- :mod:`.layout`: positions for large neighbourhoods, before the page opens;
- :mod:`.document`: a document's annotated text with its facts and citations both ways;
- :mod:`.instrument`: an instrument outside the corpus and what cites it;
- :mod:`.index`: the searchable, filterable index;
- :mod:`.site`: the static site.

Pages make no request off the machine. pyvis's own templates link Bootstrap and vis-network
from CDNs even with ``cdn_resources="in_line"`` (../shared/MEASURED.md), so the templates are our
own: a single page inlines vis-network from pyvis's ``lib/``; the site ships one copy beside its
pages. vis-network shows tooltips as text (``innerText``), never as markup.
"""
from __future__ import annotations

from ..errors import ViewError
from .catalog import Catalog, Edge, Node, Quote, load_catalog, node_id
from .document import Facts, annotate
from .graph import PHYSICS_LIMIT, View, corpus_view, document_view, render_graph
from .html import (RELATIONS, TEMPLATES, TYPE_COLOURS, _safe_name, _script_json, fold, number_key, relation_words,
                   write_page, write_single)
from .lineage import crossings, layered, lineage_tree, lineage_view
from .links import Links
from .site import SiteReport, source_urls, write_site

__all__ = ["ViewError", "Catalog", "Node", "Edge", "Quote", "View", "Links", "Facts", "SiteReport", "load_catalog",
           "node_id", "corpus_view", "document_view", "lineage_view", "lineage_tree", "layered", "crossings",
           "render_graph", "annotate", "write_page", "write_single", "write_site", "source_urls", "RELATIONS",
           "TYPE_COLOURS", "TEMPLATES", "PHYSICS_LIMIT", "relation_words", "fold", "number_key"]
