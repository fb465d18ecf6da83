"""The ontology's terms as pyoxigraph nodes and literals, and as N-Quads text: what every quad writer
of the package shares. A source file's graph (kg.rdf.sources) is written as text directly: a pyoxigraph
Quad built for each of its quads, then serialized, cost the build half as much as extracting the file.

Each relation the extractor names is an ontology property declared once, in kg/data/relations.json.

>>> kg_term("basedOn").value, PREDICATES["based_on"]
('https://w3id.org/kg-vn/ontology#basedOn', 'basedOn')
>>> from pyoxigraph import Quad, RdfFormat, serialize
>>> nq_line(nq_kg("x"), NQ_TYPE, nq_string('say "hi"\\n'), "<http://g>") == serialize(
...     [Quad(kg_term("x"), RDF_TYPE, string('say "hi"\\n'), NamedNode("http://g"))], format=RdfFormat.N_QUADS).decode()
True
"""
from __future__ import annotations

import re
from functools import lru_cache

from pyoxigraph import Literal, NamedNode

from ..iri import agency_iri, type_iri
from ..namespaces import ELI, KG, RDF, RDFS, XSD
from ..relations import RELATIONS

__all__ = ["PREDICATES", "ISO_DATE", "RDF_TYPE", "RDFS_LABEL", "XSD_DATE", "kg_term", "eli_term", "string",
           "integer", "agency_node", "type_node", "NQ_TYPE", "NQ_LABEL", "nq_iri", "nq_kg", "nq_eli", "nq_string",
           "nq_typed", "nq_integer", "nq_line", "nq_statement_head"]

#: The extractor's relation names -> the ontology's properties (declared in kg/data/relations.json).
PREDICATES = {name: relation.property for name, relation in RELATIONS.items()}

#: A day as xsd:date holds it; a date a text gives only in part stays a plain string.
ISO_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")

RDF_TYPE = NamedNode(RDF + "type")
RDFS_LABEL = NamedNode(RDFS + "label")
XSD_DATE = NamedNode(XSD + "date")
_XSD_INTEGER = NamedNode(XSD + "integer")


@lru_cache(maxsize=None)
def kg_term(name: str) -> NamedNode:
    """A class or property of the project's ontology (ontology/kg.ttl)."""
    return NamedNode(KG + name)


@lru_cache(maxsize=None)
def eli_term(name: str) -> NamedNode:
    """A class or property of the European Legislation Identifier ontology."""
    return NamedNode(ELI + name)


def string(value: str) -> Literal:
    return Literal(value)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=_XSD_INTEGER)


# The same few hundred bodies and kinds recur through the corpus; their slugs are worth keeping.
@lru_cache(maxsize=None)
def agency_node(name: str) -> NamedNode:
    return NamedNode(agency_iri(name))


@lru_cache(maxsize=None)
def type_node(doc_type: str) -> NamedNode:
    return NamedNode(type_iri(doc_type))


# ---------------------------------------------------------------- the same terms as N-Quads text
#
# Each term is its text in N-Quads, exactly as pyoxigraph writes it (tests/test_rdf.py checks every
# character of a literal against it); a line is four of them. An IRI is checked once by NamedNode,
# so a file whose graph would name an invalid one still fails as it did.

#: The characters pyoxigraph escapes in a literal, and how.
_ESCAPES = {**{code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)},
            0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}
_TO_ESCAPE = re.compile("[\x00-\x1f\"\\\\\x7f\ufffe\uffff]")


@lru_cache(maxsize=1 << 16)
def nq_iri(iri: str) -> str:
    NamedNode(iri)  # a ValueError if it is not an IRI
    return f"<{iri}>"


@lru_cache(maxsize=None)
def nq_kg(name: str) -> str:
    return nq_iri(KG + name)


@lru_cache(maxsize=None)
def nq_eli(name: str) -> str:
    return nq_iri(ELI + name)


def nq_string(value: str) -> str:
    return f'"{value.translate(_ESCAPES)}"' if _TO_ESCAPE.search(value) else f'"{value}"'


def nq_typed(value: str, datatype: str) -> str:
    return f"{nq_string(value)}^^<{datatype}>"


def nq_integer(value: int) -> str:
    return f'"{value}"^^<{XSD}integer>'


def nq_line(subject: str, predicate: str, obj: str, graph: str) -> str:
    return f"{subject} {predicate} {obj} {graph} .\n"


NQ_TYPE = nq_iri(RDF + "type")
NQ_LABEL = nq_iri(RDFS + "label")
_NQ_SUBJECT, _NQ_PREDICATE, _NQ_OBJECT = (nq_iri(RDF + name) for name in ("subject", "predicate", "object"))


def nq_statement_head(node: str, kind: str, subject: str, predicate: str, obj: str, start: int, end: int,
                      graph: str) -> list[str]:
    """The evidence of one edge, as every kind of it (kg:Assertion, kg:ProvisionStatement, kg:DateStatement)
    opens: its class, the edge it states, and the characters of the text that state it (lines written
    out in ``nq_line``'s form: a call a line was a worker's cost at 30,000 files)."""
    tail = f" {graph} .\n"
    return [f"{node} {NQ_TYPE} {nq_kg(kind)}{tail}", f"{node} {_NQ_SUBJECT} {subject}{tail}",
            f"{node} {_NQ_PREDICATE} {predicate}{tail}", f"{node} {_NQ_OBJECT} {obj}{tail}",
            f"{node} {_NQ_START} {nq_integer(start)}{tail}", f"{node} {_NQ_END} {nq_integer(end)}{tail}"]


_NQ_START, _NQ_END = nq_kg("start"), nq_kg("end")
