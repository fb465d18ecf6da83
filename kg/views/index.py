"""The index: every document of the corpus and every instrument it cites, searchable without
diacritics across numbers, titles and issuers, filtered by kind, issuer and year, sorted by date
or number (numbers as numbers: 124 before 1026)."""
from __future__ import annotations

from .catalog import Catalog
from .html import fold, number_key, render, shorten
from .links import Links

__all__ = ["index_page", "index_rows"]


def index_rows(catalog: Catalog, links: Links, extra: dict[str, dict]) -> list[dict]:
    """One row per document (``extra``: its references and tasks) and per cited instrument."""
    rows = []
    nodes = [n for n in catalog.nodes.values()
             if n.is_instrument and (n.iri in links.texts or n.iri in links.instruments)]
    for rank, node in enumerate(sorted(nodes, key=lambda n: number_key(n.number))):
        held = node.iri in links.texts
        more = extra.get(node.iri, {})
        rows.append({
            "page": links.page(node.iri), "label": node.label, "type": node.doc_type or "",
            "date": node.date or (str(node.year) if node.year else ""), "year": str(node.year or ""),
            "issuer": node.issuer or "", "title": shorten(node.title or more.get("title") or "", 160),
            "held": held, "file": more.get("file", ""), "references": more.get("references", ""),
            "tasks": more.get("tasks", ""), "cited": node.cited, "lineage": links.lineages.get(node.iri),
            "graph": links.graphs.get(node.iri), "number_rank": rank,
            "search": fold(" ".join(filter(None, (node.doc_type, node.label, node.number, node.title,
                                                  more.get("title"), node.issuer, more.get("file"))))),
        })
    # Documents of the corpus first, newest first (stable sorts, the last one the first key).
    rows.sort(key=lambda row: row["date"], reverse=True)
    rows.sort(key=lambda row: not row["held"])
    return rows


def index_page(rows: list[dict], corpus: tuple[int, int], failed: list[str]) -> str:
    types = sorted({row["type"] for row in rows if row["type"]})
    issuers = sorted({row["issuer"] for row in rows if row["issuer"] and row["held"]})
    years = sorted({row["year"] for row in rows if row["year"]}, reverse=True)
    return render("index.html", title="Vietnamese legal documents: references and lineage", rows=rows, home=None,
                  crumbs=[], corpus=corpus, failed=failed, types=types, issuers=issuers, years=years,
                  held=sum(1 for row in rows if row["held"]))
