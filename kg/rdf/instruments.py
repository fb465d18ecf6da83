"""The graph of instruments: one node per instrument, described once over the whole corpus.

Two documents citing the same decree with and without its date still give it one date: each file
contributes its ``mentions`` (small, JSON-ready), an undated instrument is read as the one dated
instrument of its series (``canonical_iris``), the descriptions are weighed (``InstrumentTally``) and
written to one graph of their own, with each relation between instruments that a file states of
others than its own document (``is_shared_edge``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Quad

from ..iri import INSTRUMENTS_GRAPH, agency_iri
from ..models import Extraction, Instrument
from ..namespaces import ID, SKOS, XSD
from .terms import (ISO_DATE, NQ_TYPE, PREDICATES, RDF_TYPE, RDFS_LABEL, XSD_DATE, agency_node, eli_term, integer,
                    kg_term, nq_iri, nq_kg, nq_line, nq_string, string, type_node)

__all__ = ["RANKED", "is_party", "canonical_iris", "mentions", "mentioned_iris", "InstrumentTally", "instrument_quads",
           "is_shared_edge", "agency_quads", "agency_lines"]

#: How many of the most cited instruments the build ranks (``kg:citationRank``).
RANKED = 1000


# Party numbers put the kind before the body ("57-NQ/TW", "324-QĐ/TU"); state numbers put it
# after the number ("33/CT-TTg"). Titles without a number fall back on the issuing body.
_PARTY_NUMBER = re.compile(r"^\d+[A-Za-z]?-[^/\s]+/\S+$")
_PARTY_ISSUER = re.compile(r"Đảng|Bộ Chính trị|Ban Bí thư|Tỉnh [uủ]y|Thành [uủ]y|Huyện [uủ]y|Đảng [uủ]y")


def is_party(instrument: Instrument) -> bool:
    """Party documents are kept apart from state law.

    >>> is_party(Instrument("x", "Nghị quyết", "57-NQ/TW"))
    True
    >>> is_party(Instrument("x", "Chỉ thị", "33/CT-TTg"))
    False
    """
    if instrument.number:
        return bool(_PARTY_NUMBER.match(instrument.number))
    return bool(instrument.issuer and _PARTY_ISSUER.search(instrument.issuer))


def is_shared_edge(subject: str, document: str) -> bool:
    """Whether a file's relation of ``subject`` is stated once for the corpus, in the instruments'
    graph, rather than in the file's graph: a relation between two instruments other than the
    file's own document ("Luật X được sửa đổi bởi Luật Y"). Every file that says how X and Y relate
    says the same; restated in each file's graph, a walk over X's relations read one quad per file
    (~30,000 quads for an 861-step lineage at 200,000 synthetic documents, bench/READING.md). The
    file keeps its evidence (kg:Assertion, with the words); its document's and sections' relations
    stay its own.

    >>> is_shared_edge(ID + "luat/5", ID + "ke-hoach/1")
    True
    >>> is_shared_edge(ID + "ke-hoach/1", ID + "ke-hoach/1"), is_shared_edge(ID + "ke-hoach/1/section/ii", ID + "ke-hoach/1")
    (False, False)
    """
    return subject != document and "/section/" not in subject


def _series_key(iri: str) -> tuple[str, str, str] | None:
    """(type, number, jurisdiction) of a numbered instrument IRI, None for one named by title."""
    if not iri.startswith(ID):
        return None
    parts = iri[len(ID):].split("/")
    if len(parts) < 3 or parts[1] == "title":
        return None
    return parts[0], parts[1], "/".join(parts[3:])


def canonical_iris(iris: Iterable[str], owned: Iterable[str] = ()) -> dict[str, str]:
    """Map an undated instrument to the one dated instrument of the same type, number and
    jurisdiction, when exactly one exists: "Quyết định số 1847/QĐ-TTg" cited without a date is the
    1847/QĐ-TTg another text dates. Two or more candidates stay apart, since numbers restart yearly.
    A source file's own undated instrument is never read as another file's own (``owned``: the
    files' instruments): two files are one instrument only when their dates agree, and a
    consolidated text's number restarts each year ("19/VBHN-VPQH" of 2018 and of 2026).

    >>> canonical_iris([ID + "quyet-dinh/1-qd-ttg/undated", ID + "quyet-dinh/1-qd-ttg/2018"])
    {'https://w3id.org/kg-vn/id/quyet-dinh/1-qd-ttg/undated': 'https://w3id.org/kg-vn/id/quyet-dinh/1-qd-ttg/2018'}
    >>> canonical_iris([ID + "quyet-dinh/1-qd-ttg/undated", ID + "quyet-dinh/1-qd-ttg/2018",
    ...                 ID + "quyet-dinh/1-qd-ttg/2019"])
    {}
    """
    dated: dict[tuple, set[str]] = {}
    undated: list[tuple[str, tuple]] = []
    for iri in set(iris):
        key = _series_key(iri)
        if key is None:
            continue
        if iri[len(ID):].split("/")[2] == "undated":
            undated.append((iri, key))
        else:
            dated.setdefault(key, set()).add(iri)
    owned = set(owned)
    mapping = {}
    for iri, key in undated:
        candidates = dated.get(key, ())
        if len(candidates) == 1 and not (iri in owned and next(iter(candidates)) in owned):
            mapping[iri] = next(iter(candidates))
    return mapping


def corpus_dating(summaries: list[dict]) -> dict[str, str]:
    """``canonical_iris`` over what the files describe and cite (their ``mentions``)."""
    return canonical_iris(mentioned_iris(summaries), owned=(summary["own"][0] for summary in summaries))


def _merge(own: list[Instrument], cited: list[tuple[Instrument, int]]) -> Instrument:
    """One description: what the document says of itself wins, then the value most citations give
    (``cited`` holds each distinct description with the number of citations giving it)."""
    if len(own) + len(cited) == 1:  # most instruments: one description, nothing to weigh
        return own[0] if own else cited[0][0]
    merged = {}
    for field in ("doc_type", "number", "title", "date", "year", "issuer"):
        values = [getattr(i, field) for i in own if getattr(i, field) is not None]
        if not values:
            counts = Counter()
            for instrument, count in cited:
                if getattr(instrument, field) is not None:
                    counts[getattr(instrument, field)] += count
            values = [counts.most_common(1)[0][0]] if counts else []
        merged[field] = values[0] if values else None
    return Instrument(own[0].iri if own else cited[0][0].iri, **merged)


def _type_from_iri(iri: str) -> str:
    return iri[len(ID):].split("/")[0] if iri.startswith(ID) else "unknown"


_GYEAR = NamedNode(XSD + "gYear")


def _describe(instrument: Instrument, graph: NamedNode, agencies: set[str]) -> Iterable[Quad]:
    """The instrument's description; its issuer's too, unless ``agencies`` shows it described already."""
    node = NamedNode(instrument.iri)
    kind = "PartyDocument" if is_party(instrument) else "StateInstrument"
    yield Quad(node, RDF_TYPE, kg_term(kind), graph)
    yield Quad(node, eli_term("type_document"), type_node(instrument.doc_type), graph)
    yield Quad(node, RDFS_LABEL, string(instrument.label()), graph)
    if instrument.number:
        yield Quad(node, eli_term("number"), string(instrument.number), graph)
    if instrument.title:
        yield Quad(node, kg_term("title"), string(instrument.title), graph)
    if instrument.date and ISO_DATE.match(instrument.date):
        yield Quad(node, eli_term("date_document"), Literal(instrument.date, datatype=XSD_DATE), graph)
    if instrument.year:
        yield Quad(node, kg_term("year"), Literal(f"{instrument.year:04d}", datatype=_GYEAR), graph)
    if instrument.issuer:
        yield Quad(node, eli_term("passed_by"), agency_node(instrument.issuer), graph)
        if instrument.issuer not in agencies:
            agencies.add(instrument.issuer)
            yield from agency_quads(instrument.issuer, graph)


def agency_quads(name: str, graph: NamedNode) -> Iterable[Quad]:
    """An issuing body or an agency given a task: its class and its name."""
    node = agency_node(name)
    yield Quad(node, RDF_TYPE, kg_term("Agency"), graph)
    yield Quad(node, NamedNode(SKOS + "prefLabel"), Literal(name, language="vi"), graph)


def agency_lines(name: str, graph: str) -> tuple[str, str]:
    """``agency_quads`` as N-Quads lines (``graph`` in N-Quads: ``<iri>``), as a file's graph is written."""
    node = nq_iri(agency_iri(name))
    return (nq_line(node, NQ_TYPE, nq_kg("Agency"), graph),
            nq_line(node, _NQ_PREF_LABEL, f"{nq_string(name)}@vi", graph))


_NQ_PREF_LABEL = nq_iri(SKOS + "prefLabel")


_ROW = ("iri", "doc_type", "number", "title", "date", "year", "issuer")


def _row(instrument: Instrument) -> list:
    return [getattr(instrument, name) for name in _ROW]


def mentions(extraction: Extraction) -> dict:
    """What one file contributes to the corpus-wide graph of instruments, small and JSON-ready:
    ``own`` (its instrument), ``cited`` (each distinct description it cites, with how many times,
    in the order first cited), ``objects`` (the targets of its typed relations), ``undated`` (the
    undated instruments it names, the only IRIs ``canonical_iris`` can map) and ``edges`` (its
    relations of instruments, not of its sections: ``InstrumentTally`` keeps those of other
    instruments than its own, ``is_shared_edge``)."""
    cited: dict[tuple, int] = {}
    for citation in extraction.citations:
        row = tuple(_row(citation.instrument))
        cited[row] = cited.get(row, 0) + 1
    relations = [r for r in extraction.relations if r.predicate in PREDICATES]
    named = {extraction.document.instrument.iri, *(row[0] for row in cited),
             *(r.subject for r in relations), *(r.object for r in relations)}
    return {"own": _row(extraction.document.instrument),
            "cited": [[list(row), count] for row, count in cited.items()],
            "objects": sorted({r.object for r in relations}),
            "undated": sorted(iri for iri in named if _is_undated(iri)),
            "edges": sorted({(r.subject, r.predicate, r.object) for r in relations if "/section/" not in r.subject})}


def _is_undated(iri: str) -> bool:
    return _series_key(iri) is not None and iri[len(ID):].split("/")[2] == "undated"


def mentioned_iris(summaries: Iterable[dict]) -> list[str]:
    """Every instrument the files describe or cite: what ``canonical_iris`` reads."""
    iris = {}
    for summary in summaries:
        iris[summary["own"][0]] = None
        iris.update((row[0], None) for row, _ in summary["cited"])
    return list(iris)


class InstrumentTally:
    """What the files say of the instruments they name, summed file by file (``add``): each
    instrument's own descriptions, the descriptions its citations give (each with how many
    citations give it), the targets of typed relations, and how many documents name it. Tallies
    of parts of a corpus add up (``update``) to the tally of the whole, so a corpus too large to
    hold every file's mentions at once is described in parts.

    >>> tally = InstrumentTally()
    >>> for n in (1, 2):
    ...     tally.add({"own": [f"{ID}x/{n}", "Quyết định", f"{n}/QĐ", None, None, 2020, None],
    ...                "cited": [[[ID + "luat/5", "Luật", "5/2020/QH14", None, None, 2020, "Quốc hội"], 2]],
    ...                "objects": [], "undated": []}, {})
    >>> tally.citing[ID + "luat/5"], tally.cited[ID + "luat/5"][(ID + "luat/5", "Luật", "5/2020/QH14",
    ...                                                           None, None, 2020, "Quốc hội")]
    (2, 4)
    """

    def __init__(self):
        self.own: dict[str, list[Instrument]] = {}
        self.cited: dict[str, dict[tuple, int]] = {}
        self.objects: set[str] = set()
        self.citing: Counter = Counter()
        #: The relations between instruments the files state of others than themselves, one copy each.
        self.edges: set[tuple[str, str, str]] = set()

    def add(self, summary: dict, same: dict[str, str]) -> None:
        """One file's ``mentions``, its undated instruments read as ``same`` dates them."""
        me = same.get(summary["own"][0], summary["own"][0])
        self.own.setdefault(me, []).append(Instrument(me, *summary["own"][1:]))
        named = set()
        for row, count in summary["cited"]:
            iri = same.get(row[0], row[0])
            weighted = self.cited.setdefault(iri, {})
            key = (iri, *row[1:])
            weighted[key] = weighted.get(key, 0) + count
            named.add(iri)
        for iri in summary["objects"]:
            iri = same.get(iri, iri)
            self.objects.add(iri)
            named.add(iri)
        named.discard(me)
        self.citing.update(named)
        for subject, predicate, obj in summary.get("edges", ()):
            subject = same.get(subject, subject)
            if is_shared_edge(subject, me):
                self.edges.add((subject, predicate, same.get(obj, obj)))

    def update(self, other: InstrumentTally) -> None:
        """Add the tally of another part of the corpus (a later part: ties go to this one)."""
        for iri, instruments in other.own.items():
            self.own.setdefault(iri, []).extend(instruments)
        for iri, weighted in other.cited.items():
            mine = self.cited.setdefault(iri, {})
            for key, count in weighted.items():
                mine[key] = mine.get(key, 0) + count
        self.objects |= other.objects
        self.citing.update(other.citing)
        self.edges |= other.edges

    def quads(self) -> list[Quad]:
        """The graph of instruments: one merged description per instrument, with the number of
        documents citing it, and one copy of each relation between instruments that a file states
        of others than its own document (``is_shared_edge``)."""
        graph = NamedNode(INSTRUMENTS_GRAPH)
        quads: list[Quad] = []
        agencies: set[str] = set()
        described = set(self.own) | set(self.cited)
        # An edge may point at an instrument no citation described (a relation between two cited
        # instruments, resolved by the relation finder): give it the type its IRI names.
        bare = {iri for iri in self.objects - described if "/section/" not in iri}
        counted = []
        for iri in sorted(described | bare):
            if iri in described:
                cited = [(Instrument(*key), count) for key, count in self.cited.get(iri, {}).items()]
                instrument = _merge(self.own.get(iri, []), cited)
            else:
                instrument = Instrument(iri, _type_from_iri(iri))
            quads.extend(_describe(instrument, graph, agencies))
            if self.citing[iri]:
                # Counted once per build, so that "most cited" reads one number per instrument
                # instead of aggregating every edge of the corpus at query time.
                quads.append(Quad(NamedNode(iri), kg_term("citingDocuments"), integer(self.citing[iri]), graph))
                counted.append((-self.citing[iri], instrument.label(), iri))
        # The most cited are ranked here too: sorting every count at query time took 0.25 s at
        # 200,000 documents, and reading the label of each instrument before the sort 1 s more.
        for rank, (_, _, iri) in enumerate(sorted(counted)[:RANKED], 1):
            quads.append(Quad(NamedNode(iri), kg_term("citationRank"), integer(rank), graph))
        quads.extend(Quad(NamedNode(subject), kg_term(PREDICATES[predicate]), NamedNode(obj), graph)
                     for subject, predicate, obj in sorted(self.edges))
        return list(dict.fromkeys(quads))  # an issuer of two instruments is described once


def instrument_quads(summaries: Iterable[dict], same: dict[str, str]) -> list[Quad]:
    """The graph of instruments: one merged description per instrument over the whole corpus,
    from each file's ``mentions`` in the build's order of files (ties go to the first)."""
    tally = InstrumentTally()
    for summary in summaries:
        tally.add(summary, same)
    return tally.quads()
