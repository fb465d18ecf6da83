"""Where each node and each quoted passage has its page in the site, as paths from the site's root.

A node leads to its document page (a section to its place in the text), an instrument outside
the corpus to its own page; a quote to its passage in the annotated text (``#at-START``).
Single pages (``kg view``) have no site: every lookup answers None.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import Catalog, Quote
from .html import _safe_name, url_part


@dataclass
class Links:
    catalog: Catalog | None = None
    texts: dict[str, str] = field(default_factory=dict)        # document IRI -> doc/NAME.html
    instruments: dict[str, str] = field(default_factory=dict)  # IRI -> instrument/NAME.html
    lineages: dict[str, str] = field(default_factory=dict)     # IRI -> lineage/NAME/....html
    graphs: dict[str, str] = field(default_factory=dict)       # document IRI -> graph/NAME.html
    by_path: dict[str, str] = field(default_factory=dict)      # source file label -> doc/NAME.html

    def page(self, iri: str) -> str | None:
        """The page a node leads to: its text (a section: its place in it), or its instrument page."""
        if iri in self.texts:
            return self.texts[iri]
        if iri in self.instruments:
            return self.instruments[iri]
        node = self.catalog.nodes.get(iri) if self.catalog else None
        if node is not None and node.document in self.texts:
            return f"{self.texts[node.document]}#{section_anchor(node.section_id or '')}"
        return None

    def evidence(self, quote: Quote) -> str | None:
        """The passage that states an edge, in the annotated text of its file."""
        page = self.by_path.get(quote.path)
        if page is None or quote.start is None:
            return None
        return f"{page}#at-{quote.start}"


def section_anchor(section_id: str) -> str:
    """A section's anchor on its document's page; a point "đ)" keeps apart from "d)" (as in kg.iri),
    so a pinpoint "điểm đ khoản 1 Điều 6" leads to its own point.

    >>> section_anchor("Điều 6.1.đ") != section_anchor("Điều 6.1.d")
    True
    """
    return "sec-" + _safe_name(".".join("dd" if part in ("đ", "Đ") else part for part in section_id.split(".")), 80)


def with_root(root: str, page: str | None) -> str | None:
    return None if page is None else root + page


def node_fragment(key: str) -> str:
    return "#node=" + url_part(key)
