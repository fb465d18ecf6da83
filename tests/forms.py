"""What the tests of the held-out texts' forms share: where the corpus's gazette texts are, a circular's head for a
passage, an extraction's relations as a reader names them, its task tables' rows and what a section cites."""
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


def task_rows(extraction) -> dict:
    """The rows of task tables an extraction read ("appendix.N", "appendix.IV.II.3"), by id."""
    return {s.id: s for s in extraction.sections if s.kind == "task" and s.id.startswith("appendix.")}


def cited_by(extraction, section) -> set[str]:
    """What a section cites, as `kg extract` gives it (its "cites"), by number or title."""
    numbers = {c.instrument.iri: c.instrument.number or c.instrument.title for c in extraction.citations}
    cites = next(entry["cites"] for entry in extraction.to_dict()["sections"] if entry["id"] == section.id)
    return {numbers.get(iri, iri) for iri in cites}
