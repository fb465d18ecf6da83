"""What the tests of the held-out texts' forms share: where the corpus's gazette texts are, a circular's head for a
passage, and an extraction's relations as a reader names them."""
from __future__ import annotations

from pathlib import Path

CONGBAO = Path(__file__).resolve().parent.parent / "corpus" / "congbao"
HEAD = "THÔNG TƯ\nSố: 57/2025/TT-BLĐTBXH\nHà Nội, ngày 12 tháng 7 năm 2025\n\n"


def named_relations(extraction) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) of an extraction's relations: each instrument by its number (else its title), the
    document "DOC"."""
    label = {c.instrument.iri: c.instrument.number or c.instrument.title for c in extraction.citations}
    label[extraction.document.instrument.iri] = "DOC"
    return {(label.get(r.subject, r.subject), r.predicate, label.get(r.object, r.object)) for r in extraction.relations}
