"""Extractions -> RDF quads: the only module that writes triples.

One node per instrument, one named graph per source file. The instruments' descriptions
(type, number, date, issuer) are merged over the whole corpus into one graph of their own,
so that two documents citing the same decree with and without its date still give it one
date; everything a source file states (its sections, tasks, relations, and the words that
justify each edge) sits in the named graph of that file, so rebuilding one file replaces
its statements and nothing else.

>>> from kg.models import Citation, Document, Extraction, Instrument, Reference, Relation
>>> plan = Instrument(ID + "ke-hoach/1-kh-ubnd/2025/tinh-a", "Kế hoạch", "1/KH-UBND", year=2025)
>>> law = Instrument(ID + "luat/5-2020-qh14/2020", "Luật", "5/2020/QH14", year=2020, issuer="Quốc hội")
>>> words = "Căn cứ Luật số 5/2020/QH14"
>>> extraction = Extraction("corpus/a.txt", Document(plan), (Citation(Reference(7, 26, words[7:], "Luật"), law),),
...                         relations=(Relation(plan.iri, "based_on", law.iri, 0, 26, "Căn cứ", words),))
>>> quads = dataset([("corpus/a.txt", "0" * 64, extraction)])
>>> sorted(str(q.predicate) for q in quads if q.subject == NamedNode(plan.iri))[:2]
['<http://data.europa.eu/eli/ontology#number>', '<http://data.europa.eu/eli/ontology#type_document>']
>>> [str(q.object) for q in quads if q.predicate == NamedNode(KG + "basedOn")]
['<https://w3id.org/kg-vn/id/luat/5-2020-qh14/2020>']
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from .errors import GraphError
from .iri import provision_iri, section_iri, slug
from .models import Extraction, Instrument, Pinpoint, Section
from .namespaces import ELI, ID, KG, SKOS
from .relations import RELATIONS

__all__ = ["PREDICATES", "PROFILES", "dataset", "source_quads", "mentions", "mentioned_iris", "instrument_quads",
           "InstrumentTally", "check_profile", "canonical_iris", "source_graph_iri", "agency_iri", "type_iri", "ontology_file",
           "ontology_quads", "type_concepts", "INSTRUMENTS_GRAPH", "ONTOLOGY_GRAPH"]

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: The extractor's relation names -> the ontology's properties (declared in kg/data/relations.json).
PREDICATES = {name: relation.property for name, relation in RELATIONS.items()}

#: What a source file's graph holds. ``full``: every section with its offsets and, for every edge,
#: the evidence (file, characters, words). ``citations``: the citation layer alone, for national-scale
#: stores (about a tenth of the quads): the document, its tasks, and one edge per (subject,
#: relation, instrument); a citation in a section that is not a task is the document's. The
#: evidence of an edge is then found by extracting its file again (``kg extract``), and its provisions
#: (the articles cited and changed, kg.pinpoint) are left out too.
PROFILES = ("full", "citations")

INSTRUMENTS_GRAPH = ID + "graph/instruments"
#: How many of the most cited instruments the build ranks (``kg:citationRank``).
RANKED = 1000
ONTOLOGY_GRAPH = ID + "graph/ontology"

# Party numbers put the kind before the body ("57-NQ/TW", "324-QĐ/TU"); state numbers put it
# after the number ("33/CT-TTg"). Titles without a number fall back on the issuing body.
_PARTY_NUMBER = re.compile(r"^\d+[A-Za-z]?-[^/\s]+/\S+$")
_PARTY_ISSUER = re.compile(r"Đảng|Bộ Chính trị|Ban Bí thư|Tỉnh [uủ]y|Thành [uủ]y|Huyện [uủ]y|Đảng [uủ]y")
_ISO_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

_TYPE = NamedNode(RDF + "type")


def ontology_file(name: str) -> Path:
    """A file shipped in the installed ``kg.ontology`` package (kg.ttl, shapes.ttl, queries/x.rq).

    >>> ontology_file("kg.ttl").name
    'kg.ttl'
    """
    path = files("kg.ontology").joinpath(name)
    if not path.is_file():
        raise GraphError(f"{name}: no such file in the kg ontology package")
    return Path(str(path))


def type_concepts() -> list[Quad]:
    """The concept scheme of document types, one concept per kind in kg/data/document_types.json.

    >>> any(q.object == Literal("Quyết định", language="vi") for q in type_concepts())
    True
    """
    import json

    kinds = json.loads((Path(__file__).parent / "data" / "document_types.json").read_text(encoding="utf-8"))
    graph = NamedNode(ONTOLOGY_GRAPH)
    scheme = _kg("DocumentTypes")
    quads = []
    for kind in kinds["types"]:
        concept = NamedNode(type_iri(kind["name"]))
        quads += [Quad(concept, _TYPE, NamedNode(SKOS + "Concept"), graph),
                  Quad(concept, NamedNode(SKOS + "inScheme"), scheme, graph),
                  Quad(concept, NamedNode(SKOS + "prefLabel"), Literal(kind["name"], language="vi"), graph),
                  Quad(concept, NamedNode(SKOS + "notation"), _text(slug(kind["name"])), graph)]
    return quads


def ontology_quads() -> list[Quad]:
    """kg.ttl and the concepts of document types, in the ontology graph."""
    ontology = NamedNode(ONTOLOGY_GRAPH)
    quads = [Quad(t.subject, t.predicate, t.object, ontology)
             for t in parse(path=ontology_file("kg.ttl"), format=RdfFormat.TURTLE)]
    return quads + type_concepts()


@lru_cache(maxsize=None)
def _kg(name: str) -> NamedNode:
    return NamedNode(KG + name)


@lru_cache(maxsize=None)
def _eli(name: str) -> NamedNode:
    return NamedNode(ELI + name)


def _text(value: str) -> Literal:
    return Literal(value)


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + "integer"))


def source_graph_iri(label: str) -> str:
    """The named graph (and node) of a source file, from its path relative to the build's input.

    >>> source_graph_iri("corpus/plans/a b.txt")
    'https://w3id.org/kg-vn/id/source/corpus/plans/a%20b.txt'
    """
    return ID + "source/" + quote(label.replace("\\", "/").lstrip("./"), safe="/-_.~")


def agency_iri(name: str) -> str:
    """The node of an issuing body or an agency given a task, by its full name.

    >>> agency_iri("Ủy ban nhân dân tỉnh Kon Tum")
    'https://w3id.org/kg-vn/id/agency/uy-ban-nhan-dan-tinh-kon-tum'
    """
    return ID + "agency/" + slug(name)


def type_iri(doc_type: str) -> str:
    """The SKOS concept of a kind of instrument (ontology/kg.ttl lists them).

    >>> type_iri("Quyết định")
    'https://w3id.org/kg-vn/id/type/quyet-dinh'
    """
    return ID + "type/" + slug(doc_type)


# The same few hundred bodies and kinds recur through the corpus; their slugs are worth keeping.
@lru_cache(maxsize=None)
def _agency_node(name: str) -> NamedNode:
    return NamedNode(agency_iri(name))


@lru_cache(maxsize=None)
def _type_node(doc_type: str) -> NamedNode:
    return NamedNode(type_iri(doc_type))


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


# ---------------------------------------------------------------- one node per instrument

def _series_key(iri: str) -> tuple[str, str, str] | None:
    """(type, number, jurisdiction) of a numbered instrument IRI, None for one named by title."""
    if not iri.startswith(ID):
        return None
    parts = iri[len(ID):].split("/")
    if len(parts) < 3 or parts[1] == "title":
        return None
    return parts[0], parts[1], "/".join(parts[3:])


def canonical_iris(iris: Iterable[str]) -> dict[str, str]:
    """Map an undated instrument to the one dated instrument of the same type, number and
    jurisdiction, when exactly one exists: "Quyết định số 1847/QĐ-TTg" cited without a date is the
    1847/QĐ-TTg another text dates. Two or more candidates stay apart, since numbers restart yearly.

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
    mapping = {}
    for iri, key in undated:
        candidates = dated.get(key, ())
        if len(candidates) == 1:
            mapping[iri] = next(iter(candidates))
    return mapping


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


_LABEL = NamedNode(RDFS + "label")
_DATE = NamedNode(XSD + "date")
_GYEAR = NamedNode(XSD + "gYear")


def _describe(instrument: Instrument, graph: NamedNode, agencies: set[str]) -> Iterable[Quad]:
    """The instrument's description; its issuer's too, unless ``agencies`` shows it described already."""
    node = NamedNode(instrument.iri)
    kind = "PartyDocument" if is_party(instrument) else "StateInstrument"
    yield Quad(node, _TYPE, _kg(kind), graph)
    yield Quad(node, _eli("type_document"), _type_node(instrument.doc_type), graph)
    yield Quad(node, _LABEL, _text(instrument.label()), graph)
    if instrument.number:
        yield Quad(node, _eli("number"), _text(instrument.number), graph)
    if instrument.title:
        yield Quad(node, _kg("title"), _text(instrument.title), graph)
    if instrument.date and _ISO_DATE.match(instrument.date):
        yield Quad(node, _eli("date_document"), Literal(instrument.date, datatype=_DATE), graph)
    if instrument.year:
        yield Quad(node, _kg("year"), Literal(f"{instrument.year:04d}", datatype=_GYEAR), graph)
    if instrument.issuer:
        yield Quad(node, _eli("passed_by"), _agency_node(instrument.issuer), graph)
        if instrument.issuer not in agencies:
            agencies.add(instrument.issuer)
            yield from _agency(instrument.issuer, graph)


def _agency(name: str, graph: NamedNode) -> Iterable[Quad]:
    node = _agency_node(name)
    yield Quad(node, _TYPE, _kg("Agency"), graph)
    yield Quad(node, NamedNode(SKOS + "prefLabel"), Literal(name, language="vi"), graph)


# ---------------------------------------------------------------- what one source file states

def _deadline(value: str) -> Literal:
    if _ISO_DATE.match(value):
        return Literal(value, datatype=NamedNode(XSD + "date"))
    if _YEAR_MONTH.match(value):
        return Literal(value, datatype=NamedNode(XSD + "gYearMonth"))
    return _text(value)  # a recurrence as written: "hằng năm", "định kỳ 6 tháng"


def _section_iris(sections: tuple[Section, ...], document: str) -> dict[str, str]:
    """Each section id's IRI (``section_iri`` keeps every id apart, "d" from "đ" included)."""
    return {section.id: section_iri(document, section.id) for section in sections}


def _section(section: Section, document: str, graph: NamedNode, iris: dict[str, str]) -> Iterable[Quad]:
    node = NamedNode(iris[section.id])
    parent = iris.get(section.parent, document) if section.parent else document
    yield Quad(node, _TYPE, _kg("Task" if section.kind == "task" else "Section"), graph)
    yield Quad(node, _eli("is_part_of"), NamedNode(parent), graph)
    yield Quad(node, _kg("inDocument"), NamedNode(document), graph)
    yield Quad(node, _kg("sectionId"), _text(section.id), graph)
    yield Quad(node, NamedNode(RDFS + "label"), _text(section.id), graph)
    yield Quad(node, _kg("start"), _integer(section.start), graph)
    yield Quad(node, _kg("end"), _integer(section.end), graph)
    if section.title:
        yield Quad(node, _kg("heading"), _text(section.title), graph)
    agencies = [("leadAgency", section.lead), ("reportsTo", section.reports_to)]
    agencies += [("partnerAgency", partner) for partner in section.partners]
    for predicate, name in agencies:
        if name:
            yield Quad(node, _kg(predicate), _agency_node(name), graph)
            yield from _agency(name, graph)
    if section.deadline:
        yield Quad(node, _kg("deadline"), _deadline(section.deadline), graph)


def _assertion(graph: NamedNode, index: int, subject: str, predicate: str, obj: str,
               start: int, end: int, words: str, evidence: bool = True, cue: str = "",
               edge_here: bool = True) -> Iterable[Quad]:
    """The edge and the evidence for it: which file, which characters (``start``/``end``: the
    words that state it), those words exactly (``words`` is the text's ``[start:end]``), and the
    cue among them that types it. Without ``edge_here`` the edge itself is the instruments'
    graph's (``is_shared_edge``) and only its evidence is the file's."""
    edge = _kg(PREDICATES[predicate])
    if edge_here:
        yield Quad(NamedNode(subject), edge, NamedNode(obj), graph)
    if not evidence:
        return
    node = NamedNode(f"{graph.value}#e{index}")
    yield Quad(node, _TYPE, _kg("Assertion"), graph)
    yield Quad(node, NamedNode(RDF + "subject"), NamedNode(subject), graph)
    yield Quad(node, NamedNode(RDF + "predicate"), edge, graph)
    yield Quad(node, NamedNode(RDF + "object"), NamedNode(obj), graph)
    yield Quad(node, _kg("start"), _integer(start), graph)
    yield Quad(node, _kg("end"), _integer(end), graph)
    if words:
        yield Quad(node, _kg("quote"), _text(words), graph)
    if cue and cue != words:
        yield Quad(node, _kg("cue"), _text(cue), graph)
    yield Quad(node, _kg("inSource"), graph, graph)


def _kept_sections(sections: tuple[Section, ...], profile: str) -> dict[str, str | None]:
    """Each section id -> the id of the section its citations go to (None: the document).

    ``full`` keeps every section; ``citations`` keeps tasks and the sections holding them, so
    that a task's lineage still starts from the task, and gives the rest to the nearest kept one.
    """
    if profile == "full":
        return {section.id: section.id for section in sections}
    parents = {section.id: section.parent for section in sections}
    kept: set[str] = set()
    for section in sections:
        if section.kind == "task":
            at = section.id
            while at is not None and at not in kept:
                kept.add(at)
                at = parents.get(at)
    owner: dict[str, str | None] = {}
    for section in sections:
        at = section.id
        while at is not None and at not in kept:
            at = parents.get(at)
        owner.setdefault(section.id, at)
    return owner


def _source(label: str, sha256: str, extraction: Extraction, same: dict[str, str],
            profile: str = "full") -> Iterable[Quad]:
    graph = NamedNode(source_graph_iri(label))
    document = same.get(extraction.document.instrument.iri, extraction.document.instrument.iri)
    yield Quad(graph, _TYPE, _kg("SourceFile"), graph)
    yield Quad(graph, _kg("path"), _text(label), graph)
    yield Quad(graph, _kg("sha256"), _text(sha256), graph)
    yield Quad(graph, _kg("profile"), _text(profile), graph)
    yield Quad(graph, _kg("describes"), NamedNode(document), graph)
    if extraction.document.signer:
        yield Quad(NamedNode(document), _kg("signer"), _text(extraction.document.signer), graph)
    if extraction.document.locality:
        yield Quad(NamedNode(document), _kg("jurisdiction"), _text(extraction.document.locality), graph)
    evidence = profile == "full"
    owner = _kept_sections(extraction.sections, profile)
    known = {section.id for section in extraction.sections}
    iris = _section_iris(extraction.sections, document)
    written = set()
    for section in extraction.sections:
        if section.id in written or owner[section.id] != section.id:
            continue  # the same id twice: one node, described by its first (outermost) occurrence;
            # or a section the profile does not keep
        written.add(section.id)
        if section.parent and section.parent not in known:
            section = replace(section, parent=None)
        yield from _section(section, document, graph, iris)
    index = 0
    relations = []
    section_ids = {iri: section_id for section_id, iri in iris.items()}
    for relation in extraction.relations:
        if relation.predicate not in PREDICATES:
            continue
        subject = same.get(relation.subject, relation.subject)
        if subject in section_ids:  # a section's relation goes to the section kept for it
            kept = owner[section_ids[subject]]
            subject = iris[kept] if kept is not None else document
        relations.append(replace(relation, subject=subject))
    for relation in relations:
        index += 1
        subject = relation.subject
        obj = same.get(relation.object, relation.object)
        yield from _assertion(graph, index, subject, relation.predicate, obj,
                              relation.start, relation.end, relation.quote, evidence, relation.cue,
                              not is_shared_edge(subject, document))
    # A citation standing inside a section makes that section cite it, unless the relation finder
    # already typed that link: the link a task's lineage starts from. The first mention is the evidence.
    placed = {(relation.subject, same.get(relation.object, relation.object)) for relation in relations}
    for citation in extraction.citations:
        if citation.section is None or citation.section not in known:
            continue
        target = same.get(citation.instrument.iri, citation.instrument.iri)
        kept = owner[citation.section]
        subject = iris[kept] if kept is not None else document
        if (subject, target) in placed or target == document:
            continue  # a typed relation (or an earlier mention) already links them
        placed.add((subject, target))
        index += 1
        reference = citation.reference
        yield from _assertion(graph, index, subject, "cites", target,
                              reference.start, reference.end, reference.text, evidence)
    yield from _dates_of_force(extraction, same, graph, evidence)
    if evidence:  # provisions are the full profile's: the citations profile is the instrument layer alone
        yield from _provisions(extraction, same, graph, document, owner, iris, evidence)


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


#: A date of force (kg.force) -> the ELI property that holds it.
FORCE_PROPERTIES = {"in_force_from": "first_date_entry_in_force", "in_force_until": "date_no_longer_in_force"}


def _dates_of_force(extraction: Extraction, same: dict[str, str], graph: NamedNode,
                    evidence: bool) -> Iterable[Quad]:
    """Each date of force the file states, as ELI has it, and (full profile) the words that state it."""
    for index, fact in enumerate(extraction.force, 1):
        subject = NamedNode(same.get(fact.iri, fact.iri))
        prop, value = _eli(FORCE_PROPERTIES[fact.kind]), Literal(fact.date, datatype=NamedNode(XSD + "date"))
        yield Quad(subject, prop, value, graph)
        if not evidence:
            continue
        node = NamedNode(f"{graph.value}#f{index}")
        yield Quad(node, _TYPE, _kg("DateStatement"), graph)
        yield Quad(node, NamedNode(RDF + "subject"), subject, graph)
        yield Quad(node, NamedNode(RDF + "predicate"), prop, graph)
        yield Quad(node, NamedNode(RDF + "object"), value, graph)
        yield Quad(node, _kg("start"), _integer(fact.start), graph)
        yield Quad(node, _kg("end"), _integer(fact.end), graph)
        yield Quad(node, _kg("quote"), _text(fact.quote), graph)
        yield Quad(node, _kg("inSource"), graph, graph)


def check_profile(profile: str) -> str:
    """``profile`` if it is one of ``PROFILES``; else a ``GraphError`` naming them."""
    if profile not in PROFILES:
        raise GraphError(f"unknown graph profile {profile!r}: one of {', '.join(PROFILES)}")
    return profile


def source_quads(label: str, sha256: str, extraction: Extraction, same: dict[str, str],
                 profile: str = "full") -> list[Quad]:
    """The named graph of one source file, in a stable order and without repeats (``PROFILES``
    says what ``profile`` keeps).

    ``same`` maps an undated instrument to its dated one (``canonical_iris``); only the IRIs the file
    mentions are read from it (``Mentions.undated``), so a build can pass just those.
    """
    return list(dict.fromkeys(_source(label, sha256, extraction, same, check_profile(profile))))  # an agency named twice is one


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
                quads.append(Quad(NamedNode(iri), _kg("citingDocuments"), _integer(self.citing[iri]), graph))
                counted.append((-self.citing[iri], instrument.label(), iri))
        # The most cited are ranked here too: sorting every count at query time took 0.25 s at
        # 200,000 documents, and reading the label of each instrument before the sort 1 s more.
        for rank, (_, _, iri) in enumerate(sorted(counted)[:RANKED], 1):
            quads.append(Quad(NamedNode(iri), _kg("citationRank"), _integer(rank), graph))
        quads.extend(Quad(NamedNode(subject), _kg(PREDICATES[predicate]), NamedNode(obj), graph)
                     for subject, predicate, obj in sorted(self.edges))
        return list(dict.fromkeys(quads))  # an issuer of two instruments is described once


def instrument_quads(summaries: Iterable[dict], same: dict[str, str]) -> list[Quad]:
    """The graph of instruments: one merged description per instrument over the whole corpus,
    from each file's ``mentions`` in the build's order of files (ties go to the first)."""
    tally = InstrumentTally()
    for summary in summaries:
        tally.add(summary, same)
    return tally.quads()


def dataset(sources: Iterable[tuple[str, str, Extraction]], profile: str = "full") -> list[Quad]:
    """Every quad of the graph, from ``(label, sha256, extraction)`` of each source file.

    ``label`` is the file's path relative to the build's input; it names the file's graph. The
    ontology graph, then each file's graph (``source_quads``), then the instruments' (``instrument_quads``).
    """
    from .extract import bind_to_file

    # a document its text does not name is its file's, by the label, as a build names it
    sources = [(label, sha256, bind_to_file(extraction, label)) for label, sha256, extraction in sources]
    summaries = [mentions(extraction) for _, _, extraction in sources]
    same = canonical_iris(mentioned_iris(summaries))
    # The ontology travels with the data, so that queries can read class labels and the
    # concepts of document types, and the graph validates on its own.
    quads: list[Quad] = ontology_quads()
    for label, sha256, extraction in sources:
        quads.extend(source_quads(label, sha256, extraction, same, profile))
    quads.extend(instrument_quads(summaries, same))
    return list(dict.fromkeys(quads))  # a file named twice is one graph


# ---------------------------------------------------------------- provisions: the parts of instruments a text names
#
# A provision ("điểm d khoản 3 Điều 19" of a decree) is an eli:LegalResourceSubdivision whose IRI is
# the one the decree's own section of that id has (kg.iri.provision_iri): where the decree is in the
# corpus, its article and the cited article are one node. A text names it with kg:citesProvision and
# changes it with kg:changesProvision; the edges to the instrument are left as they are, so every
# query on instruments answers as before (the lineage does not walk into provisions).

#: A kind of change (kg.pinpoint) -> the relation whose evidence it refines.
CHANGE_RELATIONS = {"amended": "amends", "supplemented": "amends", "replaced": "replaces",
                    "repealed": "repeals", "suspended": "suspends"}
#: How many articles "từ Điều 5 đến Điều 9" may stand for before it is kept as one node.
LONGEST_RANGE = 60


def provision_ids(pinpoint: Pinpoint) -> list[str]:
    """The provision ids a pinpoint names: one, or each article of a range ("Điều 5-9").

    >>> provision_ids(Pinpoint(0, 0, article="5-7", clause="2"))
    ['Điều 5.2', 'Điều 6.2', 'Điều 7.2']
    >>> provision_ids(Pinpoint(0, 0, clause="2"))
    []
    """
    first, _, last = (pinpoint.article or "").partition("-")
    if last and first.isdigit() and last.isdigit() and 0 < int(last) - int(first) <= LONGEST_RANGE:
        return [replace(pinpoint, article=str(n)).provision_id() for n in range(int(first), int(last) + 1)]
    found = pinpoint.provision_id()
    return [found] if found else []


def _provision_node(instrument: str, provision_id: str, graph: NamedNode) -> Iterable[Quad]:
    """The provision, and each larger one it is part of ("Điều 19.3.d" -> "Điều 19.3" -> "Điều 19")."""
    parts = provision_id.split(".")
    for depth in range(len(parts), 0, -1):
        current = ".".join(parts[:depth])
        node = NamedNode(provision_iri(instrument, current))
        yield Quad(node, _TYPE, _eli("LegalResourceSubdivision"), graph)
        yield Quad(node, _TYPE, _kg("Provision"), graph)
        if depth > 1:
            yield Quad(node, _eli("is_part_of"), NamedNode(provision_iri(instrument, ".".join(parts[:depth - 1]))), graph)
        # an article is part of its instrument by kg:provisionOf (a subproperty of eli:is_part_of): an
        # eli:is_part_of of its own would give the article of a document in the corpus a second parent
        # beside its chapter
        yield Quad(node, _kg("provisionOf"), NamedNode(instrument), graph)
        yield Quad(node, _kg("provisionId"), _text(current), graph)
        yield Quad(node, NamedNode(RDFS + "label"), _text(current), graph)


def _provision_edge(graph: NamedNode, index: int, subject: str, predicate: str, obj: str, start: int, end: int,
                    words: str, evidence: bool, extra: Iterable[tuple[str, Literal | NamedNode]] = ()) -> Iterable[Quad]:
    """An edge to a provision, and (full profile) its evidence, as ``_assertion`` writes them but of a
    class of its own (kg:ProvisionStatement), so that what reads the evidence of relations between
    instruments and sections reads the same as before."""
    edge = _kg(predicate)
    yield Quad(NamedNode(subject), edge, NamedNode(obj), graph)
    if not evidence:
        return
    node = NamedNode(f"{graph.value}#p{index}")
    yield Quad(node, _TYPE, _kg("ProvisionStatement"), graph)
    yield Quad(node, NamedNode(RDF + "subject"), NamedNode(subject), graph)
    yield Quad(node, NamedNode(RDF + "predicate"), edge, graph)
    yield Quad(node, NamedNode(RDF + "object"), NamedNode(obj), graph)
    yield Quad(node, _kg("start"), _integer(start), graph)
    yield Quad(node, _kg("end"), _integer(end), graph)
    yield Quad(node, _kg("quote"), _text(words or "?"), graph)
    yield Quad(node, _kg("inSource"), graph, graph)
    for name, value in extra:
        yield Quad(node, _kg(name), value, graph)


def _provisions(extraction: Extraction, same: dict[str, str], graph: NamedNode, document: str,
                owner: dict[str, str | None], iris: dict[str, str], evidence: bool) -> Iterable[Quad]:
    """The provisions the file names and changes, the edges to them and the words that state them.

    A citation's provisions are cited by the section it stands in (or the section kept for it), with
    the relation the text states (``kg:asRelation``: a "Căn cứ khoản 3 Điều 53" is based on it); a
    change is stated by the item that makes it, with its kind (``kg:changeKind``).
    """
    def holder(section_id: str | None) -> str:
        kept = owner.get(section_id) if section_id is not None else None
        return iris[kept] if kept is not None and kept in iris else document

    stated = {}
    for relation in extraction.relations:
        if relation.object_provisions and relation.predicate in PREDICATES:
            for pinpoint in relation.object_provisions:
                stated.setdefault((pinpoint.start, same.get(relation.object, relation.object)), relation.predicate)
    index = 0
    for citation in extraction.citations:
        target = same.get(citation.instrument.iri, citation.instrument.iri)
        if target == document:
            continue
        for pinpoint in citation.pinpoints:
            relation = stated.get((pinpoint.start, target), "cites")
            for provision_id in provision_ids(pinpoint):
                obj = provision_iri(target, provision_id)
                yield from _provision_node(target, provision_id, graph)
                index += 1
                yield from _provision_edge(graph, index, holder(citation.section), "citesProvision", obj,
                                           pinpoint.start, citation.reference.end, pinpoint.quote, evidence,
                                           [("asRelation", _kg(PREDICATES[relation]))])
    for change in extraction.changes:
        target = same.get(change.target, change.target)
        if target == document:
            continue
        for provision_id in provision_ids(change.provision):
            obj = provision_iri(target, provision_id)
            yield from _provision_node(target, provision_id, graph)
            index += 1
            subject = same.get(change.changer, change.changer) if change.changer else holder(change.by)
            yield from _provision_edge(graph, index, subject, "changesProvision", obj,
                                       change.start, change.end, change.quote, evidence,
                                       [("changeKind", _text(change.kind)),
                                        ("asRelation", _kg(PREDICATES[CHANGE_RELATIONS[change.kind]]))])

