"""Citations + structure -> typed relations, each with the words that state it.

(Being written: every citation is a plain ``cites`` for now.)
"""
from __future__ import annotations

from .models import Citation, Document, Relation, Section, SourceText

__all__ = ["find_relations"]


def find_relations(source: SourceText, document: Document, citations: list[Citation],
                   sections: tuple[Section, ...]) -> tuple[Relation, ...]:
    """Relations of the document (or its sections) to what it cites, and between cited instruments."""
    seen = set()
    relations = []
    for citation in citations:
        key = citation.instrument.iri
        if key in seen:
            continue
        seen.add(key)
        relations.append(Relation(document.instrument.iri, "cites", key,
                                  citation.reference.start, citation.reference.end, citation.reference.text))
    return tuple(relations)
