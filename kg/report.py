"""Extractions -> text a reader scans: the document, its sections, their references and tasks."""
from __future__ import annotations

from .iri import section_iri
from .models import Extraction

__all__ = ["render_table"]


def render_table(extraction: Extraction) -> str:
    """A plain-text outline: each section with its references, each task with agencies and deadline."""
    own = extraction.document.instrument
    lines = [f"{extraction.source}",
             f"  {own.doc_type} {own.number or ''} {own.date or ''} {own.issuer or ''}".rstrip(),
             f"  {own.title or ''}".rstrip()]
    by_section: dict[str | None, list] = {}
    for citation in extraction.citations:
        by_section.setdefault(citation.section, []).append(citation)
    width = max([len(s.id) for s in extraction.sections] + [9])
    for section in extraction.sections:
        depth = _depth(section, extraction)
        head = f"  {'  ' * depth}{section.id:<{width}} {section.kind:<8} {(section.title or '')[:70]}"
        lines.append(head.rstrip())
        details = []
        if section.lead:
            details.append(f"chủ trì: {section.lead}")
        if section.partners:
            details.append(f"phối hợp: {', '.join(section.partners)}")
        if section.deadline:
            details.append(f"thời hạn: {section.deadline}")
        if section.reports_to:
            details.append(f"báo cáo: {section.reports_to}")
        for detail in details:
            lines.append(f"  {'  ' * depth}{'':<{width}}   {detail}")
        for citation in by_section.get(section.id, []):
            lines.append(f"  {'  ' * depth}{'':<{width}}   -> {_describe(citation.instrument)}")
    for citation in by_section.get(None, []):
        lines.append(f"  {'(outside sections)':<{width}} -> {_describe(citation.instrument)}")
    relations = [r for r in extraction.relations if r.predicate != "cites"]
    if relations:
        labels = {c.instrument.iri: c.instrument.label() for c in extraction.citations}
        labels[own.iri] = own.label()
        labels.update({section_iri(own.iri, s.id): f"{own.label()} § {s.id}" for s in extraction.sections})
        lines.append("  relations:")
        for relation in relations:
            lines.append(f"    {labels.get(relation.subject, relation.subject)} {relation.predicate} "
                         f"{labels.get(relation.object, relation.object)}  « {' '.join(relation.cue.split())[:40]} »")
    lines.append(f"  {len(extraction.citations)} references to {len(extraction.instruments())} instruments")
    return "\n".join(lines)


def _depth(section, extraction) -> int:
    parents = {s.id: s.parent for s in extraction.sections}
    depth, parent = 0, section.parent
    while parent is not None and depth < 8:
        depth, parent = depth + 1, parents.get(parent)
    return depth


def _describe(instrument) -> str:
    name = instrument.number or instrument.title or "?"
    parts = [name] if name.startswith(instrument.doc_type) else [instrument.doc_type, name]
    if instrument.date:
        parts.append(instrument.date)
    elif instrument.year:
        parts.append(str(instrument.year))
    if instrument.issuer:
        parts.append(f"({instrument.issuer})")
    return " ".join(parts)
