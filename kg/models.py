"""The types that flow between the stages: text -> references -> instruments -> sections/relations.

Every stage takes the previous stage's frozen dataclasses and returns its own; nothing here
knows how it was produced. Offsets (``start``/``end``) always index the text *as read*
(``SourceText.original``), so any edge of the graph can point back to the words behind it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

__all__ = [
    "SourceText",
    "Reference",
    "Instrument",
    "Citation",
    "Section",
    "Relation",
    "Document",
    "Extraction",
]


@dataclass(frozen=True)
class SourceText:
    """A decoded document and the view of it that the patterns read.

    ``normalized`` has NFC letters, Đ for its lookalikes and page furniture blanked out.
    Where it has the same length as ``original`` the offsets coincide; otherwise
    ``offsets[i]`` is the original index of ``normalized[i]`` (one extra entry at the end).
    """

    path: str
    original: str
    normalized: str
    offsets: tuple[int, ...] | None = None

    def to_original(self, index: int) -> int:
        """Map an index of ``normalized`` back to ``original``."""
        if self.offsets is None:
            return index
        return self.offsets[index]


@dataclass(frozen=True)
class Reference:
    """One mention of an instrument, as written, before resolution.

    ``issuer`` is the issuing body as the text names it ("Ủy ban nhân dân tỉnh");
    ``resolve`` completes it from context. ``title`` is set for instruments named by
    title ("Luật Tố cáo") and holds the subject ("về ...") otherwise, when written.
    """

    start: int
    end: int
    text: str
    doc_type: str
    number: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None
    title: str | None = None
    subject: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Instrument:
    """A canonical legal instrument: one node of the graph, however it was written."""

    iri: str
    doc_type: str
    number: str | None = None
    title: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None

    def label(self) -> str:
        """The shortest name a reader recognises: the number, else the title."""
        return self.number or self.title or self.iri


@dataclass(frozen=True)
class Citation:
    """A reference resolved to its instrument, placed in the section it stands in."""

    reference: Reference
    instrument: Instrument
    section: str | None = None


@dataclass(frozen=True)
class Section:
    """A part of the citing document: a plan's item, a task, an article, a table row."""

    id: str
    kind: str
    start: int
    end: int
    title: str | None = None
    parent: str | None = None
    lead: str | None = None
    partners: tuple[str, ...] = ()
    deadline: str | None = None
    reports_to: str | None = None
    deadlines: tuple[str, ...] = ()  # every deadline the task states, ``deadline`` the first
    via: str | None = None  # "báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ)": the channel


@dataclass(frozen=True)
class Relation:
    """A typed edge, with the offsets of the words that state it."""

    subject: str
    predicate: str
    object: str
    start: int
    end: int
    cue: str = ""


@dataclass(frozen=True)
class Document:
    """The citing document's own identity and the context its references resolve in."""

    instrument: Instrument
    signer: str | None = None
    locality: str | None = None  # "tỉnh Kon Tum", "thành phố Hà Nội": resolves "Tỉnh ủy", "UBND tỉnh"


@dataclass(frozen=True)
class Extraction:
    """Everything ``kg extract`` learns from one document."""

    source: str
    document: Document
    citations: tuple[Citation, ...]
    sections: tuple[Section, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def instruments(self) -> list[tuple[Instrument, int]]:
        """Distinct cited instruments in order of first mention, with their mention counts."""
        seen: dict[str, list] = {}
        for citation in self.citations:
            entry = seen.setdefault(citation.instrument.iri, [citation.instrument, 0])
            entry[1] += 1
        return [(instrument, count) for instrument, count in seen.values()]

    def to_dict(self) -> dict:
        """The JSON shape of the extraction contract (spec/extract-output.md)."""
        own = self.document.instrument
        sections = []
        for section in self.sections:
            cites = _cites_within(section, self.sections, self.citations)
            entry = {
                "id": section.id,
                "kind": section.kind,
                "title": section.title,
                "start": section.start,
                "end": section.end,
                "cites": cites,
            }
            for key in ("lead", "deadline", "reports_to", "via"):
                value = getattr(section, key)
                if value is not None:
                    entry[key] = value
            if section.partners:
                entry["partners"] = list(section.partners)
            if len(section.deadlines) > 1:
                entry["deadlines"] = list(section.deadlines)
            sections.append(entry)
        return {
            "source": self.source,
            "document": dict(asdict(own), signer=self.document.signer),
            "references": [
                {
                    "start": c.reference.start,
                    "end": c.reference.end,
                    "text": c.reference.text,
                    "iri": c.instrument.iri,
                    "doc_type": c.instrument.doc_type,
                    "number": c.instrument.number,
                    "title": c.instrument.title,
                    "date": c.instrument.date,
                    "year": c.instrument.year,
                    "issuer": c.instrument.issuer,
                    "section": c.section,
                    **({"warnings": list(c.reference.warnings)} if c.reference.warnings else {}),
                }
                for c in self.citations
            ],
            "instruments": [dict(asdict(i), mentions=n) for i, n in self.instruments()],
            "relations": [asdict(r) for r in self.relations],
            "sections": sections,
            "warnings": list(self.warnings),
        }


def _cites_within(section: Section, sections: tuple[Section, ...], citations: tuple[Citation, ...]) -> list[str]:
    """IRIs cited in a section or any of its descendants, in order of first mention."""
    inside = {section.id}
    for other in sections:  # sections come parents first, so one pass collects descendants
        if other.parent in inside:
            inside.add(other.id)
    cites: list[str] = []
    for citation in citations:
        if citation.section in inside and citation.instrument.iri not in cites:
            cites.append(citation.instrument.iri)
    return cites
