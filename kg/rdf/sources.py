"""What one source file states, as the quads of its own named graph.

Its sections and tasks, its relations and the words that justify each edge, its dates of force and
(full profile) the provisions it names: rebuilding one file replaces its statements and nothing else.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from pyoxigraph import Quad, RdfFormat, parse

from ..errors import GraphError
from ..iri import agency_iri, section_iri, source_graph_iri
from ..models import Citation, Document, Extraction, Relation, Section
from ..namespaces import XSD
from .instruments import agency_lines, is_shared_edge
from .provisions import provision_lines
from .terms import (ISO_DATE, NQ_LABEL, NQ_TYPE, PREDICATES, nq_eli, nq_integer, nq_iri, nq_kg, nq_line, nq_statement_head,
                    nq_string, nq_typed)

__all__ = ["PROFILES", "check_profile", "source_quads", "source_nquads", "dated_nquads", "FORCE_PROPERTIES"]

#: What a source file's graph holds. ``full``: every section with its offsets and, for every edge,
#: the evidence (file, characters, words). ``citations``: the citation layer alone, for national-scale
#: stores (about a tenth of the quads): the document, its tasks, and one edge per (subject,
#: relation, instrument); a citation in a section that is not a task is the document's. The
#: evidence of an edge is then found by extracting its file again (``kg extract``), and its provisions
#: (the articles cited and changed, kg.pinpoint) are left out too.
PROFILES = ("full", "citations")

_YEAR_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _deadline(value: str) -> str:
    if ISO_DATE.match(value):
        return nq_typed(value, XSD + "date")
    if _YEAR_MONTH.match(value):
        return nq_typed(value, XSD + "gYearMonth")
    return nq_string(value)  # a recurrence as written: "hằng năm", "định kỳ 6 tháng"


def _section_iris(sections: tuple[Section, ...], document: str) -> dict[str, str]:
    """Each section id's IRI (``section_iri`` keeps every id apart, "d" from "đ" included)."""
    return {section.id: section_iri(document, section.id) for section in sections}


def _section(section: Section, document: str, graph: str, iris: dict[str, str]) -> list[str]:
    """A section's lines, each written out (``nq_line``'s form): a call and a generator step a
    line cost a build's worker a tenth of its time beside extraction on a corpus of articles."""
    node = nq_iri(iris[section.id])
    parent = iris.get(section.parent, document) if section.parent else document
    identifier = nq_string(section.id)
    tail = f" {graph} .\n"
    lines = [f"{node} {NQ_TYPE} {_TASK if section.kind == 'task' else _SECTION}{tail}",
             f"{node} {_IS_PART_OF} {nq_iri(parent)}{tail}",
             f"{node} {_IN_DOCUMENT} {nq_iri(document)}{tail}",
             f"{node} {_SECTION_ID} {identifier}{tail}",
             f"{node} {NQ_LABEL} {identifier}{tail}",
             f"{node} {_START} {nq_integer(section.start)}{tail}",
             f"{node} {_END} {nq_integer(section.end)}{tail}"]
    if section.title:
        lines.append(f"{node} {_HEADING} {nq_string(section.title)}{tail}")
    agencies = [("leadAgency", section.lead), ("reportsTo", section.reports_to)]
    agencies += [("partnerAgency", partner) for partner in section.partners]
    for predicate, name in agencies:
        if name:
            lines.append(nq_line(node, nq_kg(predicate), nq_iri(agency_iri(name)), graph))
            lines += agency_lines(name, graph)
    if section.deadline:
        lines.append(nq_line(node, nq_kg("deadline"), _deadline(section.deadline), graph))
    return lines


_TASK, _SECTION, _IS_PART_OF, _IN_DOCUMENT, _SECTION_ID, _START, _END, _HEADING = (
    nq_kg("Task"), nq_kg("Section"), nq_eli("is_part_of"), nq_kg("inDocument"), nq_kg("sectionId"), nq_kg("start"),
    nq_kg("end"), nq_kg("heading"))


def _assertion(graph: str, index: int, subject: str, predicate: str, obj: str,
               start: int, end: int, words: str, evidence: bool = True, cue: str = "",
               edge_here: bool = True) -> list[str]:
    """The edge and the evidence for it: which file, which characters (``start``/``end``: the
    words that state it), those words exactly (``words`` is the text's ``[start:end]``), and the
    cue among them that types it. Without ``edge_here`` the edge itself is the instruments'
    graph's (``is_shared_edge``) and only its evidence is the file's."""
    edge, subject, obj = nq_kg(PREDICATES[predicate]), nq_iri(subject), nq_iri(obj)
    lines = [nq_line(subject, edge, obj, graph)] if edge_here else []
    if not evidence:
        return lines
    node = nq_iri(f"{graph[1:-1]}#e{index}")
    lines += nq_statement_head(node, "Assertion", subject, edge, obj, start, end, graph)
    if words:
        lines.append(nq_line(node, _QUOTE, nq_string(words), graph))
    if cue and cue != words:
        lines.append(nq_line(node, _CUE, nq_string(cue), graph))
    lines.append(nq_line(node, _IN_SOURCE, graph, graph))
    return lines


_QUOTE, _CUE, _IN_SOURCE = nq_kg("quote"), nq_kg("cue"), nq_kg("inSource")


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
            profile: str = "full") -> Iterable[str]:
    """The file, its kept sections, its edges with their evidence, its dates of force, its provisions."""
    graph = nq_iri(source_graph_iri(label))
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
        yield from provision_lines(extraction, same, graph, document, owner, iris, evidence)


def _file(graph: str, label: str, sha256: str, profile: str, document: str, own: Document) -> Iterable[str]:
    """The source file (its path, hash and profile, the document it holds) and who signed it, where."""
    yield nq_line(graph, NQ_TYPE, nq_kg("SourceFile"), graph)
    yield nq_line(graph, nq_kg("path"), nq_string(label), graph)
    yield nq_line(graph, nq_kg("sha256"), nq_string(sha256), graph)
    yield nq_line(graph, nq_kg("profile"), nq_string(profile), graph)
    yield nq_line(graph, nq_kg("describes"), nq_iri(document), graph)
    if own.signer:
        yield nq_line(nq_iri(document), nq_kg("signer"), nq_string(own.signer), graph)
    if own.locality:
        yield nq_line(nq_iri(document), nq_kg("jurisdiction"), nq_string(own.locality), graph)


def _sections(sections: tuple[Section, ...], owner: dict[str, str | None], document: str, graph: str,
              iris: dict[str, str]) -> Iterable[str]:
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


def _edges(graph: str, relations: list[Relation], citations: Iterable[Citation], same: dict[str, str],
           owner: dict[str, str | None], iris: dict[str, str], document: str, evidence: bool) -> Iterable[str]:
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


def _dates_of_force(extraction: Extraction, same: dict[str, str], graph: str,
                    evidence: bool) -> Iterable[str]:
    """Each date of force the file states, as ELI has it, and (full profile) the words that state it."""
    for index, fact in enumerate(extraction.force, 1):
        subject = nq_iri(same.get(fact.iri, fact.iri))
        prop, value = nq_eli(FORCE_PROPERTIES[fact.kind]), nq_typed(fact.date, XSD + "date")
        yield nq_line(subject, prop, value, graph)
        if not evidence:
            continue
        node = nq_iri(f"{graph[1:-1]}#f{index}")
        yield from nq_statement_head(node, "DateStatement", subject, prop, value, fact.start, fact.end, graph)
        yield nq_line(node, nq_kg("quote"), nq_string(fact.quote), graph)
        yield nq_line(node, nq_kg("inSource"), graph, graph)


def check_profile(profile: str) -> str:
    """``profile`` if it is one of ``PROFILES``; else a ``GraphError`` naming them."""
    if profile not in PROFILES:
        raise GraphError(f"unknown graph profile {profile!r}: one of {', '.join(PROFILES)}")
    return profile


def source_nquads(label: str, sha256: str, extraction: Extraction, same: dict[str, str],
                  profile: str = "full") -> tuple[bytes, int]:
    """The named graph of one source file as N-Quads (as pyoxigraph serializes them), in a stable
    order and without repeats (``PROFILES`` says what ``profile`` keeps), and how many quads.

    ``same`` maps an undated instrument to its dated one (``canonical_iris``); only the IRIs the file
    mentions are read from it (``Mentions.undated``), so a build can pass just those.
    """
    lines = dict.fromkeys(_source(label, sha256, extraction, same, check_profile(profile)))  # an agency named twice is one
    return "".join(lines).encode("utf-8"), len(lines)


def source_quads(label: str, sha256: str, extraction: Extraction, same: dict[str, str],
                 profile: str = "full") -> list[Quad]:
    """``source_nquads`` as pyoxigraph quads."""
    return list(parse(source_nquads(label, sha256, extraction, same, profile)[0], format=RdfFormat.N_QUADS))


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
