"""Provisions: the parts of instruments a text names, and the edges to them.

A provision ("điểm d khoản 3 Điều 19" of a decree) is an eli:LegalResourceSubdivision whose IRI is
the one the decree's own section of that id has (kg.iri.provision_iri): where the decree is in the
corpus, its article and the cited article are one node. A text names it with kg:citesProvision and
changes it with kg:changesProvision; the edges to the instrument are left as they are, so every
query on instruments answers as before (the lineage does not walk into provisions).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace


from ..iri import provision_iri
from ..models import Extraction, Pinpoint
from ..relations import CHANGE_RELATIONS
from .terms import NQ_LABEL, NQ_TYPE, PREDICATES, nq_eli, nq_iri, nq_kg, nq_line, nq_statement_head, nq_string

__all__ = ["CHANGE_RELATIONS", "LONGEST_RANGE", "provision_ids", "provision_lines"]

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


def _provision_node(instrument: str, provision_id: str, graph: str) -> Iterable[str]:
    """The provision, and each larger one it is part of ("Điều 19.3.d" -> "Điều 19.3" -> "Điều 19")."""
    parts = provision_id.split(".")
    for depth in range(len(parts), 0, -1):
        current = ".".join(parts[:depth])
        node, identifier = nq_iri(provision_iri(instrument, current)), nq_string(current)
        yield nq_line(node, NQ_TYPE, nq_eli("LegalResourceSubdivision"), graph)
        yield nq_line(node, NQ_TYPE, nq_kg("Provision"), graph)
        if depth > 1:
            yield nq_line(node, nq_eli("is_part_of"), nq_iri(provision_iri(instrument, ".".join(parts[:depth - 1]))),
                          graph)
        # an article is part of its instrument by kg:provisionOf (a subproperty of eli:is_part_of): an
        # eli:is_part_of of its own would give the article of a document in the corpus a second parent
        # beside its chapter
        yield nq_line(node, nq_kg("provisionOf"), nq_iri(instrument), graph)
        yield nq_line(node, nq_kg("provisionId"), identifier, graph)
        yield nq_line(node, NQ_LABEL, identifier, graph)


def _provision_edge(graph: str, index: int, subject: str, predicate: str, obj: str, start: int, end: int,
                    words: str, evidence: bool, extra: Iterable[tuple[str, str]] = ()) -> Iterable[str]:
    """An edge to a provision, and (full profile) its evidence, as ``_assertion`` writes them but of a
    class of its own (kg:ProvisionStatement), so that what reads the evidence of relations between
    instruments and sections reads the same as before."""
    edge, subject, obj = nq_kg(predicate), nq_iri(subject), nq_iri(obj)
    yield nq_line(subject, edge, obj, graph)
    if not evidence:
        return
    node = nq_iri(f"{graph[1:-1]}#p{index}")
    yield from nq_statement_head(node, "ProvisionStatement", subject, edge, obj, start, end, graph)
    yield nq_line(node, nq_kg("quote"), nq_string(words or "?"), graph)
    yield nq_line(node, nq_kg("inSource"), graph, graph)
    for name, value in extra:
        yield nq_line(node, nq_kg(name), value, graph)


def provision_lines(extraction: Extraction, same: dict[str, str], graph: str, document: str,
                    owner: dict[str, str | None], iris: dict[str, str], evidence: bool) -> Iterable[str]:
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
                                           [("asRelation", nq_kg(PREDICATES[relation]))])
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
                                       [("changeKind", nq_string(change.kind)),
                                        ("asRelation", nq_kg(PREDICATES[CHANGE_RELATIONS[change.kind]]))])

