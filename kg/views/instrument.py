"""The page of an instrument the corpus cites but does not hold: what is known of it, and every
text that cites it, with the relation and the quoted words (each a link to its passage)."""
from __future__ import annotations

from .catalog import Catalog
from .document import cited_by
from .graph import KIND_WORDS
from .html import render
from .links import Links, with_root

__all__ = ["instrument_page"]


def instrument_page(catalog: Catalog, iri: str, links: Links, root: str, home: str, status=None,
                    effects=None) -> str:
    """``status`` and ``effects``: the Status and Effects sections (kg.views.document's
    standing_facts and effects_facts), for an instrument some text of the corpus changes."""
    node = catalog.nodes[iri]
    name = f"{node.doc_type or ''} {node.number or node.label}".strip()
    return render("instrument.html", title=name, node=node, kind=KIND_WORDS[node.kind], home=home,
                  crumbs=[("Documents", home), (name, None)], cited_by=cited_by(catalog, {iri}, links, root),
                  lineage=with_root(root, links.lineages.get(iri)), status=status, effects=effects)
