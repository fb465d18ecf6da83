"""The whole extraction of one document: text -> references -> instruments -> sections -> relations.

``extract_file`` and ``extract_text`` run the stages in order; ``extract_paths`` walks files and
directories and yields each document's extraction, or the error that names why it could not
be read, so one bad file never stops the others.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .errors import KGError
from .find import find_references
from .force import find_dates_of_force
from .identify import identify_document
from .iri import file_iri, is_file_iri
from .models import Citation, Extraction, Relation, Section, SourceText
from .pinpoint import find_pinpoints
from .readers import SUFFIXES
from .relate import find_relations
from .resolve import Registry, resolve_references
from .structure import parse_sections
from .text import prepare_text, read_text

__all__ = ["extract_file", "extract_text", "extract_source", "extract_paths", "iter_text_files", "bind_to_file"]

TEXT_SUFFIXES = tuple(SUFFIXES)  # .txt, .md, .docx, .pdf, HTML; and .doc, to say it cannot be read


def extract_source(source: SourceText, registry: Registry | None = None,
                   locality: str | None = None) -> Extraction:
    """Run every stage over a prepared text.

    ``locality`` ("tỉnh Kon Tum") is the place a text that names none of its own is read in:
    "Ủy ban nhân dân tỉnh" then means that province's.
    """
    document = identify_document(source)
    if locality is not None and document.locality is None:
        document = replace(document, locality=locality)
    references = find_references(source)
    citations = resolve_references(references, document, registry)
    sections = parse_sections(source, document)
    citations = _place(citations, sections)
    citations = _at_marks(citations, _footnote_marks(source.original, sections))
    # the evidence quotes exactly the words its offsets span, whatever words typed the relation
    # (built directly: dataclasses.replace reads the fields anew on every call)
    relations = tuple(Relation(r.subject, r.predicate, r.object, r.start, r.end, r.cue,
                               source.original[r.start:r.end], r.object_provisions)
                      for r in find_relations(source, document, citations, sections))
    provisions = find_pinpoints(source, document, citations, sections, relations)
    citations, relations = list(provisions.citations), provisions.relations
    force = find_dates_of_force(source, document, citations)
    warnings = tuple(f"{c.reference.start}: {w}" for c in citations for w in c.reference.warnings)
    return Extraction(source=source.path, document=document, citations=tuple(citations),
                      sections=sections, relations=relations, warnings=warnings, force=force,
                      pinpoints=provisions.own, changes=provisions.changes)


def extract_text(text: str, path: str = "<text>", registry: Registry | None = None,
                 locality: str | None = None) -> Extraction:
    """Extract from a string (offsets index that string).

    >>> result = extract_text("Triển khai Chỉ thị số 33/CT-TTg ngày 26 tháng 11 năm 2021 của Thủ tướng Chính phủ.")
    >>> [(i.number, i.date, i.issuer) for i, n in result.instruments()]
    [('33/CT-TTg', '2021-11-26', 'Thủ tướng Chính phủ')]
    """
    return extract_source(prepare_text(text, path), registry, locality)


def extract_file(path: str | Path, registry: Registry | None = None) -> Extraction:
    """Extract from one file; raises ``InputError`` naming the file if it cannot be read."""
    return extract_source(read_text(path), registry)


def iter_text_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and text files found recursively in directories named, in a stable order."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
        else:
            yield path


def extract_paths(paths: Iterable[str | Path], registry: Registry | None = None
                  ) -> Iterator[tuple[Path, Extraction | KGError]]:
    """Each file's extraction, or the ``KGError`` that says why it could not be read."""
    for path in iter_text_files(paths):
        try:
            yield path, extract_file(path, registry)
        except KGError as error:
            yield path, error


def bind_to_file(extraction: Extraction, label: str) -> Extraction:
    """``extraction`` with its document named by the file ``label`` when the text does not name
    it (``kg.iri.file_iri``): a build labels each file by its path from the folder it was given,
    and reads one extraction for two files of the same content, which must stay two documents.

    Its sections' relations and its dates of force move with it.
    """
    own = extraction.document.instrument
    if not is_file_iri(own.iri):
        return extraction
    new = file_iri(own.doc_type, label)
    if new == own.iri:
        return extraction
    old, inside = own.iri, own.iri + "/"

    def moved(iri: str) -> str:
        return new + iri[len(old):] if iri == old or iri.startswith(inside) else iri

    return replace(
        extraction,
        document=replace(extraction.document, instrument=replace(own, iri=new)),
        relations=tuple(replace(r, subject=moved(r.subject), object=moved(r.object)) for r in extraction.relations),
        force=tuple(replace(fact, iri=moved(fact.iri)) for fact in extraction.force))


def _place(citations: list[Citation], sections: tuple[Section, ...]) -> list[Citation]:
    """Put each citation in the innermost section that holds its start."""
    if not sections:
        return citations
    ordered = sorted(sections, key=lambda s: (s.start, -s.end))  # stable: ties keep their order
    starts = [s.start for s in ordered]
    # the walk back from a citation passes every section of the articles, items... before it:
    # their ends, and whether they are outermost, are read from lists rather than from each section
    ends = [s.end for s in ordered]
    outermost = [s.parent is None for s in ordered]
    placed = []
    for citation in citations:
        position = citation.reference.start
        best = None
        for k in range(bisect.bisect_right(starts, position) - 1, -1, -1):
            if ends[k] > position:  # it holds the citation (it starts at or before it)
                if best is None or ends[k] - starts[k] < ends[best] - starts[best]:
                    best = k
            elif best is not None and outermost[k]:
                break
        # built directly: dataclasses.replace reads the fields anew on every call, a third of this loop
        placed.append(Citation(citation.reference, citation.instrument, ordered[best].id if best is not None else None,
                               citation.pinpoints))
    return placed


# A footnote's mark in the body, and the footnote's own number at its start: "văn bản chỉ đạo của Chính
# phủ[2]", then "[2] Chỉ thị số 27/CT-TTg ..." at the end (markdown captures keep the brackets)
_FOOTNOTE_MARK = re.compile(r"(?<!\n)\[(\d{1,3})\]")
_FOOTNOTE_NUMBER = re.compile(r"[\s*]*\[(\d{1,3})\]")


def _footnote_marks(text: str, sections: tuple[Section, ...]) -> dict[str, str]:
    """Each footnote (its section id) -> the innermost section holding its mark in the body.

    The k-th mark "[2]" goes with the k-th footnote "[2]": a decision and the plan it issues number
    their footnotes apart. A footnote whose mark is not found stays where it is.
    """
    footnotes = [s for s in sections if s.kind == "footnote"]
    if not footnotes:
        return {}
    body = [s for s in sections if s.kind != "footnote"]
    marks: dict[str, list[int]] = {}
    for mark in _FOOTNOTE_MARK.finditer(text, 0, min(s.start for s in footnotes)):
        marks.setdefault(mark.group(1), []).append(mark.start())
    marked = {}
    for footnote in sorted(footnotes, key=lambda s: s.start):
        number = _FOOTNOTE_NUMBER.match(text, footnote.start)
        positions = marks.get(number.group(1)) if number else None
        if not positions:
            continue
        position = positions.pop(0)
        holding = [s for s in body if s.start <= position < s.end]
        if holding:
            marked[footnote.id] = min(holding, key=lambda s: s.end - s.start).id
    return marked


def _at_marks(citations: list[Citation], marked: dict[str, str]) -> list[Citation]:
    """A footnote's citations count where the footnote is marked: "các văn bản chỉ đạo của Chính phủ[2]"
    in a task, and the instruments footnote [2] lists, are that task's."""
    if not marked:
        return citations
    return [replace(c, section=marked[c.section]) if c.section in marked else c for c in citations]
