"""The types that flow between the stages: text -> references -> instruments -> sections/relations.

Every stage takes the previous stage's frozen dataclasses and returns its own; nothing here
knows how it was produced. Offsets (``start``/``end``) always index the text *as read*
(``SourceText.original``), so any edge of the graph can point back to the words behind it.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from operator import index as as_index

__all__ = [
    "SourceText",
    "OffsetMap",
    "Reference",
    "Instrument",
    "Pinpoint",
    "ProvisionChange",
    "Citation",
    "Section",
    "Relation",
    "Document",
    "Extraction",
]


def _frozen(cls):
    """``@dataclass(frozen=True)`` whose ``__init__`` writes the fields into the instance's dict.

    A frozen dataclass's own ``__init__`` sets each field through ``object.__setattr__`` (its
    ``__setattr__`` refuses), three times the cost of this one; an extraction of the gazette corpus
    builds ~160,000 of them. Everything else is the dataclass's: the same parameters and defaults
    (tests/test_models.py holds them equal), fields that cannot be set, equality and hashing.
    """
    cls = dataclass(frozen=True)(cls)
    names = [f.name for f in fields(cls)]
    if any(f.default_factory is not MISSING or not f.init for f in fields(cls)) or hasattr(cls, "__post_init__") \
            or "__slots__" in cls.__dict__:
        return cls  # (none here has them: the dataclass's own __init__ would then be needed; slots have no dict)
    defaults = {f"_default_{f.name}": f.default for f in fields(cls) if f.default is not MISSING}
    parameters = ", ".join(name + (f"=_default_{name}" if f"_default_{name}" in defaults else "") for name in names)
    body = "".join(f"    state[{name!r}] = {name}\n" for name in names)
    namespace = dict(defaults)
    exec(f"def __init__(self, {parameters}):\n    state = self.__dict__\n{body}", namespace)
    namespace["__init__"].__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = namespace["__init__"]
    return cls


class OffsetMap(Sequence[int]):
    """Where each character of a normalized text stood in the text as read: ``offsets[i]`` is
    the original index of ``normalized[i]``, with one entry more for the end.

    NFC moves offsets only where it composes a letter, so the map keeps just the points where
    the shift between the two texts changes (a few hundred in a decomposed gazette), not an
    integer for each of its million characters. It reads like the tuple it stands for.
    """

    __slots__ = ("_starts", "_shifts", "_length", "_lasts")

    def __init__(self, starts: Sequence[int], shifts: Sequence[int], length: int):
        """``offsets[i] == i + shifts[k]`` for the last ``starts[k] <= i`` (``starts[0]`` is 0);
        a run that keeps the shift before it is folded into that one."""
        kept = [k for k in range(len(shifts)) if k == 0 or shifts[k] != shifts[k - 1]]
        self._starts = tuple(starts[k] for k in kept)
        self._shifts = tuple(shifts[k] for k in kept)
        self._length = length
        # the last original index of each run, to map an original index forward
        ends = self._starts[1:] + (length,)
        self._lasts = tuple(end - 1 + shift for end, shift in zip(ends, self._shifts))

    def first_at(self, original: int) -> int:
        """The first normalized index whose original index is ``original`` or later: what
        ``bisect.bisect_left(offsets, original)`` finds on a map that never goes back (NFC
        keeps letters in order), reading a few runs, not the map."""
        k = bisect_left(self._lasts, original)
        if k == len(self._lasts):
            return self._length
        return max(self._starts[k], original - self._shifts[k])

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, position):
        # the common case first: bisect over this map (relate.py) reads it twenty times a lookup
        if type(position) is int and 0 <= position < self._length:
            return position + self._shifts[bisect_right(self._starts, position) - 1]
        if isinstance(position, slice):
            return tuple(self[k] for k in range(*position.indices(self._length)))
        position = as_index(position)
        if position < 0:
            position += self._length
        if not 0 <= position < self._length:
            raise IndexError("offset map index out of range")
        return position + self._shifts[bisect_right(self._starts, position) - 1]

    def __iter__(self) -> Iterator[int]:
        ends = self._starts[1:] + (self._length,)
        for start, end, shift in zip(self._starts, ends, self._shifts):
            yield from range(start + shift, end + shift)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap):
            return (self._length, self._starts, self._shifts) == (other._length, other._starts, other._shifts)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._length, self._starts, self._shifts))

    def __repr__(self) -> str:
        return f"OffsetMap({list(self._starts)!r}, {list(self._shifts)!r}, {self._length})"


@_frozen
class SourceText:
    """A decoded document and the view of it that the patterns read.

    ``normalized`` has NFC letters, Đ for its lookalikes and page furniture blanked out.
    Where it has the same length as ``original`` the offsets coincide; otherwise
    ``offsets[i]`` is the original index of ``normalized[i]`` (one extra entry at the end).
    """

    path: str
    original: str
    normalized: str
    offsets: OffsetMap | None = None

    def to_original(self, index: int) -> int:
        """Map an index of ``normalized`` back to ``original``."""
        if self.offsets is None:
            return index
        return self.offsets[index]

    def to_normalized(self, index: int) -> int:
        """Map an index of ``original`` to the first index of ``normalized`` at or after it."""
        if self.offsets is None:
            return index
        return self.offsets.first_at(index)


@_frozen
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


@_frozen
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


#: The parts of an instrument a pinpoint may name, smallest first, as the JSON names them.
PINPOINT_PARTS = ("point", "clause", "article", "section", "chapter", "appendix")


@_frozen
class Pinpoint:
    """A part of an instrument a text names ("điểm d khoản 3 Điều 19"), values as printed.

    ``article`` "5-9" is a range ("từ Điều 5 đến Điều 9"); ``start``/``end`` index the words
    that name this part (several pinpoints named together share them: "khoản 1, 2 Điều 3").
    """

    start: int
    end: int
    chapter: str | None = None
    section: str | None = None  # "Mục 2"
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    appendix: str | None = None
    quote: str = ""  # the words from the part to the end of the instrument's name: the evidence in the graph

    def provision_id(self) -> str | None:
        """The id the part has among the instrument's own sections (kg.structure): "Điều 19.3.d",
        "Chương V", "Chương V.Mục 2", "Phụ lục II"; None where a part cannot be placed ("khoản 2"
        of no article)."""
        if self.appendix:
            inner = replace(self, appendix=None).provision_id()
            # "khoản 2 Điều 18 Phụ lục I": the articles of an appendix are kg.structure's "Phụ lục I.Điều 18"
            return f"Phụ lục {self.appendix}" + (f".{inner}" if inner else "")
        if self.article:
            return ".".join(["Điều " + self.article] + [v for v in (self.clause, self.point) if v])
        if self.clause or self.point:
            return None
        if self.section:
            return f"Chương {self.chapter}.Mục {self.section}" if self.chapter else f"Mục {self.section}"
        if self.chapter:
            return f"Chương {self.chapter}"
        return None

    def label(self) -> str:
        """The part as Vietnamese writes it: "điểm d khoản 3 Điều 19"."""
        words = [("điểm", self.point), ("khoản", self.clause), ("Điều", self.article), ("Mục", self.section),
                 ("Chương", self.chapter), ("Phụ lục", self.appendix)]
        # (an appendix printed without a number, "Phụ lục ban hành kèm theo ...", has the value "")
        return " ".join(f"{word} {value}".rstrip() for word, value in words if value is not None)

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "chapter": self.chapter, "section": self.section,
                "article": self.article, "clause": self.clause, "point": self.point, "appendix": self.appendix}


@_frozen
class ProvisionChange:
    """One part of an instrument changed by a text: "2. Sửa đổi, bổ sung khoản 2 Điều 3 như sau:".

    ``kind`` is amended, supplemented, replaced, repealed or suspended; ``target`` the IRI of the
    instrument changed; ``by`` the id of the section of the changing text that states it (None: the
    text as a whole); ``quote`` the words, ``original[start:end]``; ``changer`` the IRI of another
    instrument the text says makes the change ("Thông tư số 02/2023/TT-BLĐTBXH ... sửa đổi, bổ sung
    Điều 1 của Thông tư số 09/2022/TT-BLĐTBXH"), None where the text makes it itself.
    """

    kind: str
    target: str
    provision: Pinpoint
    by: str | None
    start: int
    end: int
    quote: str
    changer: str | None = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "target": self.target, "provision": self.provision.to_dict(), "by": self.by,
                "changer": self.changer, "start": self.start, "end": self.end, "quote": self.quote}


@_frozen
class Citation:
    """A reference resolved to its instrument, placed in the section it stands in, with the parts
    of it the text names."""

    reference: Reference
    instrument: Instrument
    section: str | None = None
    pinpoints: tuple[Pinpoint, ...] = ()


@_frozen
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


@_frozen
class Relation:
    """A typed edge, with the offsets of the words that state it.

    ``start``/``end`` span the words that state the relation: the cue and the reference it bears
    on ("Căn cứ Luật ... ;"), or the two references and the cue between them ("Nghị định A sửa
    đổi, bổ sung Nghị định B"); ``quote`` is exactly the original text's ``[start:end]``;
    ``cue`` the words within it that type the relation ("Căn cứ", "sửa đổi, bổ sung").
    """

    subject: str
    predicate: str
    object: str
    start: int
    end: int
    cue: str = ""
    quote: str = ""
    object_provisions: tuple[Pinpoint, ...] = ()  # the parts of the object it names, if any


@_frozen
class DateOfForce:
    """A date the text states for an instrument's force, and the characters that state it.

    ``kind`` is ``in_force_from`` (the first day in force) or ``in_force_until`` (the last day in
    force, as ELI's ``date_no_longer_in_force``); ``quote`` is ``original[start:end]``.
    """

    iri: str
    kind: str
    date: str
    start: int
    end: int
    quote: str


@_frozen
class Document:
    """The citing document's own identity and the context its references resolve in."""

    instrument: Instrument
    signer: str | None = None
    locality: str | None = None  # "tỉnh Kon Tum", "thành phố Hà Nội": resolves "Tỉnh ủy", "UBND tỉnh"


@_frozen
class Extraction:
    """Everything ``kg extract`` learns from one document."""

    source: str
    document: Document
    citations: tuple[Citation, ...]
    sections: tuple[Section, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    force: tuple[DateOfForce, ...] = ()  # dates of force of the document and of what it cites
    pinpoints: tuple[Pinpoint, ...] = ()  # parts of the document itself it names ("Điều 5 của Nghị định này")
    changes: tuple[ProvisionChange, ...] = ()  # parts of other instruments it changes

    def instruments(self) -> list[tuple[Instrument, int]]:
        """Distinct cited instruments in order of first mention, with their mention counts."""
        seen: dict[str, list] = {}
        for citation in self.citations:
            entry = seen.setdefault(citation.instrument.iri, [citation.instrument, 0])
            entry[1] += 1
        return [(instrument, count) for instrument, count in seen.values()]

    def _force_of(self, iri: str) -> dict:
        return _force_dict(self.force, iri)

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
        document = dict(asdict(own), signer=self.document.signer, **self._force_of(own.iri))
        if self.pinpoints:
            document["pinpoints"] = [p.to_dict() for p in self.pinpoints]
        result = {
            "source": self.source,
            "document": document,
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
                    **({"pinpoints": [p.to_dict() for p in c.pinpoints]} if c.pinpoints else {}),
                }
                for c in self.citations
            ],
            "instruments": [dict(asdict(i), mentions=n, **self._force_of(i.iri)) for i, n in self.instruments()],
            "relations": [_relation_dict(r) for r in self.relations],
            "sections": sections,
            "warnings": list(self.warnings),
        }
        if self.changes:
            result["changes"] = [change.to_dict() for change in self.changes]
        return result


def _relation_dict(relation: Relation) -> dict:
    """A relation as the JSON has it: ``object_provision`` where its object is a part of an
    instrument (``object_provisions``, all of them, where it names several)."""
    entry = {"subject": relation.subject, "predicate": relation.predicate, "object": relation.object,
             "start": relation.start, "end": relation.end, "cue": relation.cue, "quote": relation.quote}
    if relation.object_provisions:
        entry["object_provision"] = relation.object_provisions[0].to_dict()
        if len(relation.object_provisions) > 1:
            entry["object_provisions"] = [p.to_dict() for p in relation.object_provisions]
    return entry


def _force_dict(force: tuple[DateOfForce, ...], iri: str) -> dict:
    """``in_force_from`` / ``in_force_until`` of one instrument, with their evidence, for the JSON."""
    found = {fact.kind: fact for fact in force if fact.iri == iri}
    if not found:
        return {}
    return {**{kind: fact.date for kind, fact in found.items()},
            "evidence": {kind: {"start": fact.start, "end": fact.end} for kind, fact in found.items()}}


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
