"""What one source file states, as the quads of its own named graph.

Its sections and tasks, its relations and the words that justify each edge, its dates of force and
(full profile) the provisions it names: rebuilding one file replaces its statements and nothing else.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from pyoxigraph import Literal, NamedNode, Quad

from ..errors import GraphError
from ..iri import section_iri, source_graph_iri
from ..models import Citation, Document, Extraction, Relation, Section
from ..namespaces import RDFS, XSD
from .instruments import agency_quads, is_shared_edge
from .provisions import provision_quads
from .terms import (ISO_DATE, PREDICATES, RDF_TYPE, agency_node, eli_term, integer, kg_term, statement_head,
                    string)

__all__ = ["PROFILES", "check_profile", "source_quads", "dated_nquads", "FORCE_PROPERTIES"]

#: What a source file's graph holds. ``full``: every section with its offsets and, for every edge,
#: the evidence (file, characters, words). ``citations``: the citation layer alone, for national-scale
#: stores (about a tenth of the quads): the document, its tasks, and one edge per (subject,
#: relation, instrument); a citation in a section that is not a task is the document's. The
#: evidence of an edge is then found by extracting its file again (``kg extract``), and its provisions
#: (the articles cited and changed, kg.pinpoint) are left out too.
PROFILES = ("full", "citations")

_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _deadline(value: str) -> Literal:
    if ISO_DATE.match(value):
        return Literal(value, datatype=NamedNode(XSD + "date"))
    if _YEAR_MONTH.match(value):
        return Literal(value, datatype=NamedNode(XSD + "gYearMonth"))
    return string(value)  # a recurrence as written: "hằng năm", "định kỳ 6 tháng"


def _section_iris(sections: tuple[Section, ...], document: str) -> dict[str, str]:
    """Each section id's IRI (``section_iri`` keeps every id apart, "d" from "đ" included)."""
    return {section.id: section_iri(document, section.id) for section in sections}


def _section(section: Section, document: str, graph: NamedNode, iris: dict[str, str]) -> Iterable[Quad]:
    node = NamedNode(iris[section.id])
    parent = iris.get(section.parent, document) if section.parent else document
    yield Quad(node, RDF_TYPE, kg_term("Task" if section.kind == "task" else "Section"), graph)
    yield Quad(node, eli_term("is_part_of"), NamedNode(parent), graph)
    yield Quad(node, kg_term("inDocument"), NamedNode(document), graph)
    yield Quad(node, kg_term("sectionId"), string(section.id), graph)
    yield Quad(node, NamedNode(RDFS + "label"), string(section.id), graph)
    yield Quad(node, kg_term("start"), integer(section.start), graph)
    yield Quad(node, kg_term("end"), integer(section.end), graph)
    if section.title:
        yield Quad(node, kg_term("heading"), string(section.title), graph)
    agencies = [("leadAgency", section.lead), ("reportsTo", section.reports_to)]
    agencies += [("partnerAgency", partner) for partner in section.partners]
    for predicate, name in agencies:
        if name:
            yield Quad(node, kg_term(predicate), agency_node(name), graph)
            yield from agency_quads(name, graph)
    if section.deadline:
        yield Quad(node, kg_term("deadline"), _deadline(section.deadline), graph)


def _assertion(graph: NamedNode, index: int, subject: str, predicate: str, obj: str,
               start: int, end: int, words: str, evidence: bool = True, cue: str = "",
               edge_here: bool = True) -> Iterable[Quad]:
    """The edge and the evidence for it: which file, which characters (``start``/``end``: the
    words that state it), those words exactly (``words`` is the text's ``[start:end]``), and the
    cue among them that types it. Without ``edge_here`` the edge itself is the instruments'
    graph's (``is_shared_edge``) and only its evidence is the file's."""
    edge = kg_term(PREDICATES[predicate])
    if edge_here:
        yield Quad(NamedNode(subject), edge, NamedNode(obj), graph)
    if not evidence:
        return
    node = NamedNode(f"{graph.value}#e{index}")
    yield from statement_head(node, "Assertion", NamedNode(subject), edge, NamedNode(obj), start, end, graph)
    if words:
        yield Quad(node, kg_term("quote"), string(words), graph)
    if cue and cue != words:
        yield Quad(node, kg_term("cue"), string(cue), graph)
    yield Quad(node, kg_term("inSource"), graph, graph)


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
    """The file, its kept sections, its edges with their evidence, its dates of force, its provisions."""
    graph = NamedNode(source_graph_iri(label))
    document = same.get(extraction.document.instrument.iri, extraction.document.instrument.iri)
    evidence = profile == "full"
    owner = _kept_sections(extraction.sections, profile)
    iris = _section_iris(extraction.sections, document)
    yield from _file(graph, label, sha256, profile, document, extraction.document)
    yield from _sections(extraction.sections, owner, document, graph, iris)
    relations = _placed_relations(extraction.relations, same, owner, iris, document)
    yield from _edges(graph, relations, extraction.citations, same, owner, iris, document, evidence)
    yield from _dates_of_force(extraction, same, graph, evidence)
    if evidence:  # provisions are the full profile's: the citations profile is the instrument layer alone
        yield from provision_quads(extraction, same, graph, document, owner, iris, evidence)


def _file(graph: NamedNode, label: str, sha256: str, profile: str, document: str, own: Document) -> Iterable[Quad]:
    """The source file (its path, hash and profile, the document it holds) and who signed it, where."""
    yield Quad(graph, RDF_TYPE, kg_term("SourceFile"), graph)
    yield Quad(graph, kg_term("path"), string(label), graph)
    yield Quad(graph, kg_term("sha256"), string(sha256), graph)
    yield Quad(graph, kg_term("profile"), string(profile), graph)
    yield Quad(graph, kg_term("describes"), NamedNode(document), graph)
    if own.signer:
        yield Quad(NamedNode(document), kg_term("signer"), string(own.signer), graph)
    if own.locality:
        yield Quad(NamedNode(document), kg_term("jurisdiction"), string(own.locality), graph)


def _sections(sections: tuple[Section, ...], owner: dict[str, str | None], document: str, graph: NamedNode,
              iris: dict[str, str]) -> Iterable[Quad]:
    """Each section the profile keeps, once: the same id twice is one node, described by its first
    (outermost) occurrence."""
    known = {section.id for section in sections}
    written = set()
    for section in sections:
        if section.id in written or owner[section.id] != section.id:
            continue
        written.add(section.id)
        if section.parent and section.parent not in known:
            section = replace(section, parent=None)
        yield from _section(section, document, graph, iris)


def _placed_relations(relations: Iterable[Relation], same: dict[str, str], owner: dict[str, str | None],
                      iris: dict[str, str], document: str) -> list[Relation]:
    """The typed relations, each from the instrument as ``same`` dates it, a section's from the section
    kept for it (or the document)."""
    section_ids = {iri: section_id for section_id, iri in iris.items()}
    placed = []
    for relation in relations:
        if relation.predicate not in PREDICATES:
            continue
        subject = same.get(relation.subject, relation.subject)
        if subject in section_ids:
            kept = owner[section_ids[subject]]
            subject = iris[kept] if kept is not None else document
        placed.append(replace(relation, subject=subject))
    return placed


def _edges(graph: NamedNode, relations: list[Relation], citations: Iterable[Citation], same: dict[str, str],
           owner: dict[str, str | None], iris: dict[str, str], document: str, evidence: bool) -> Iterable[Quad]:
    """The typed relations, then a ``cites`` edge from each section to what a citation in it names,
    each with its evidence, numbered in that order (#e1, #e2...)."""
    index = 0
    for relation in relations:
        index += 1
        obj = same.get(relation.object, relation.object)
        yield from _assertion(graph, index, relation.subject, relation.predicate, obj,
                              relation.start, relation.end, relation.quote, evidence, relation.cue,
                              not is_shared_edge(relation.subject, document))
    # A citation standing inside a section makes that section cite it, unless the relation finder
    # already typed that link: the link a task's lineage starts from. The first mention is the evidence.
    placed = {(relation.subject, same.get(relation.object, relation.object)) for relation in relations}
    for citation in citations:
        if citation.section is None or citation.section not in owner:  # owner holds every section id
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


#: A date of force (kg.force) -> the ELI property that holds it.
FORCE_PROPERTIES = {"in_force_from": "first_date_entry_in_force", "in_force_until": "date_no_longer_in_force"}


def _dates_of_force(extraction: Extraction, same: dict[str, str], graph: NamedNode,
                    evidence: bool) -> Iterable[Quad]:
    """Each date of force the file states, as ELI has it, and (full profile) the words that state it."""
    for index, fact in enumerate(extraction.force, 1):
        subject = NamedNode(same.get(fact.iri, fact.iri))
        prop, value = eli_term(FORCE_PROPERTIES[fact.kind]), Literal(fact.date, datatype=NamedNode(XSD + "date"))
        yield Quad(subject, prop, value, graph)
        if not evidence:
            continue
        node = NamedNode(f"{graph.value}#f{index}")
        yield from statement_head(node, "DateStatement", subject, prop, value, fact.start, fact.end, graph)
        yield Quad(node, kg_term("quote"), string(fact.quote), graph)
        yield Quad(node, kg_term("inSource"), graph, graph)


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


#: A literal of N-Quads, escapes included.
_LITERAL = re.compile(rb'"(?:[^"\\\n]|\\.)*"')


def dated_nquads(nquads: bytes, same: dict[str, str], own: str) -> bytes | None:
    """A file's graph under the corpus's dating (``same``, only the IRIs it names), from its N-Quads
    without it (``source_quads(..., {})`` serialized): each undated instrument's IRI, and the IRIs of
    its provisions (``<undated/section/...``), replaced by the dated one's. That is what
    ``source_quads`` gives with ``same`` whenever the dating joins no two nodes of the file: no
    dated IRI is already named in it, no two undated ones become one, and the file's own document
    keeps its IRI (its sections' IRIs are made from it). Then every comparison ``source_quads`` makes
    (a citation of its own document, an edge already placed, a quad stated twice) comes out as it
    did, and only the names differ. Otherwise, or if an IRI stands inside a literal, None: the
    graph must be made again from the extraction.

    A build dates about a quarter of the files of a national corpus: made again, each cost its
    cached extraction read back and its graph made and serialized a second time.
    """
    if own in same or len(set(same.values())) != len(same):
        return None
    for dated in same.values():
        if f"<{dated}>".encode() in nquads or f"<{dated}/section/".encode() in nquads:
            return None
    if any(b"<https://" in literal or b"<http://" in literal for literal in _LITERAL.findall(nquads)):
        return None
    for undated, dated in same.items():
        for old, new in ((f"<{undated}>", f"<{dated}>"), (f"<{undated}/section/", f"<{dated}/section/")):
            nquads = nquads.replace(old.encode(), new.encode())
    return nquads
