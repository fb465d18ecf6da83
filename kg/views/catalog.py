"""What the pages draw from: every instrument, section and asserted edge of a built graph, with
the words of the text that state each edge and where they stand in their file."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..errors import ViewError
from ..iri import slug
from ..namespaces import ID, KG, sparql_prefixes
from ..relations import having
from ..vocab import document_types

__all__ = ["Node", "Edge", "Quote", "Catalog", "load_catalog", "node_id"]

QUOTES_PER_EDGE = 3
#: Kinds of instrument (kg/data/document_types.json) by the slug that opens their IRIs (quyet-dinh/...):
#: the kind of a node the graph knows only by its IRI.
_TYPE_BY_SLUG = {slug(kind["name"]): kind["name"] for kind in document_types()["types"]}

_PREFIXES = sparql_prefixes("kg", "eli", "rdf", "rdfs", "skos")
_INSTRUMENTS = _PREFIXES + """
SELECT ?node ?label ?type ?number ?title ?date ?year ?issuer ?path ?signer WHERE {
  { ?node a kg:StateInstrument } UNION { ?node a kg:PartyDocument }
  OPTIONAL { ?node rdfs:label ?label }
  OPTIONAL { ?node eli:type_document/skos:prefLabel ?type }
  OPTIONAL { ?node eli:number ?number }
  OPTIONAL { ?node kg:title ?title }
  OPTIONAL { ?node eli:date_document ?date }
  OPTIONAL { ?node kg:year ?year }
  OPTIONAL { ?node eli:passed_by/skos:prefLabel ?issuer }
  OPTIONAL { ?file kg:describes ?node ; kg:path ?path }
  OPTIONAL { ?node kg:signer ?signer }
}"""
_SECTIONS = _PREFIXES + """
SELECT ?node ?id ?task ?parent ?heading ?start ?end ?lead WHERE {
  ?node kg:sectionId ?id ; eli:is_part_of ?parent .
  BIND (EXISTS { ?node a kg:Task } AS ?task)
  OPTIONAL { ?node kg:heading ?heading }
  OPTIONAL { ?node kg:start ?start }
  OPTIONAL { ?node kg:end ?end }
  OPTIONAL { ?node kg:leadAgency/skos:prefLabel ?lead }
}"""
#: The provisions each node names or changes (kg:citesProvision, kg:changesProvision), by instrument
#: and by the relation the text states with it (kg:asRelation).
_PROVISIONS = _PREFIXES + """
SELECT DISTINCT ?source ?instrument ?relation ?provisionId WHERE {
  ?evidence a kg:ProvisionStatement ; rdf:subject ?source ; rdf:object ?provision ; kg:asRelation ?relation .
  ?provision kg:provisionOf ?instrument ; kg:provisionId ?provisionId .
}"""
_ASSERTIONS = _PREFIXES + """
SELECT ?subject ?predicate ?object ?quote ?start ?end ?path WHERE {
  ?assertion a kg:Assertion ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ;
             kg:inSource ?file .
  OPTIONAL { ?assertion kg:quote ?quote }
  OPTIONAL { ?assertion kg:start ?start }
  OPTIONAL { ?assertion kg:end ?end }
  OPTIONAL { ?file kg:path ?path }
}"""


@dataclass
class Node:
    """One node of the graph as the pages show it."""

    iri: str
    label: str
    kind: str  # document, task, section, instrument
    doc_type: str | None = None
    number: str | None = None
    title: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None
    paths: list[str] = field(default_factory=list)
    section_id: str | None = None
    parent: str | None = None
    document: str | None = None
    heading: str | None = None
    start: int | None = None
    lead: str | None = None
    signer: str | None = None
    cited: int = 0
    standing: str | None = None  # kg.status's state, where it was asked for (mark_standing)

    @property
    def id(self) -> str:
        return node_id(self.iri)

    @property
    def is_instrument(self) -> bool:
        return self.kind in ("document", "instrument")


@dataclass(frozen=True)
class Quote:
    """Words of a text that state an edge: which file, which characters."""

    words: str
    path: str
    start: int | None
    end: int | None


@dataclass
class Edge:
    source: str
    target: str
    relation: str
    quotes: list[Quote] = field(default_factory=list)
    count: int = 0


@dataclass
class Catalog:
    """Every node and edge of a built graph, with what the tooltips say. ``graph`` is the
    relation graph of :func:`kg.lineage.load` (edges keyed by relation, nodes labelled)."""

    nodes: dict[str, Node]
    edges: dict[tuple[str, str, str], Edge]
    graph: object  # networkx.MultiDiGraph
    _incoming: dict[str, list[Edge]] | None = None
    _sections: dict[str, list[Node]] | None = None
    #: (node, instrument) -> relation -> the provisions of the instrument the node or a section
    #: under it names with that relation
    provisions: dict[tuple[str, str], dict[str, list[str]]] = field(default_factory=dict)

    def documents(self) -> list[Node]:
        """Documents of the corpus, by kind, number and file."""
        held = [node for node in self.nodes.values() if node.kind == "document"]
        return sorted(held, key=lambda n: (n.doc_type or "", n.year or 0, n.label, n.paths))

    def sections_of(self, document: str) -> list[Node]:
        if self._sections is None:
            self._sections = defaultdict(list)
            for node in self.nodes.values():
                if node.document:
                    self._sections[node.document].append(node)
            for held in self._sections.values():
                held.sort(key=lambda n: (n.start if n.start is not None else 1 << 40, n.section_id or ""))
        return self._sections.get(document, [])

    def incoming(self, iri: str) -> list[Edge]:
        """Edges that point at ``iri``."""
        if self._incoming is None:
            self._incoming = defaultdict(list)
            for edge in self.edges.values():
                self._incoming[edge.target].append(edge)
        return self._incoming.get(iri, [])

    def outgoing(self, members: set[str]) -> list[Edge]:
        return [edge for key, edge in self.edges.items() if key[0] in members]

    def owner(self, iri: str) -> str:
        """The document a section belongs to; an instrument is its own."""
        node = self.nodes.get(iri)
        return node.document if node is not None and node.document else iri

    def find(self, number: str, task: str | None = None) -> str:
        """The IRI of a document (a held one first) by number, or of its section by id."""
        matches = [n for n in self.nodes.values() if n.number == number and n.is_instrument]
        if not matches:
            raise ViewError(f"{number}: not in the graph")
        matches.sort(key=lambda n: (n.kind != "document", n.iri))
        if task is None:
            return matches[0].iri
        for match in matches:
            for node in self.sections_of(match.iri):
                if node.section_id == task:
                    return node.iri
        raise ViewError(f"task {task} of {number}: not in the graph")


def node_id(iri: str) -> str:
    """The id a page gives a node: its IRI without the project's namespace.

    >>> node_id("https://w3id.org/kg-vn/id/chi-thi/33-ct-ttg/2021")
    'chi-thi/33-ct-ttg/2021'
    """
    return iri[len(ID):] if iri.startswith(ID) else iri


def _value(term):
    return None if term is None else term.value


def _int(text):
    return int(text) if text else None


def load_catalog(store) -> Catalog:
    """Read every instrument, section and asserted edge (with its quoted words) from a store."""
    from ..lineage import load

    graph = load(store)
    nodes: dict[str, Node] = {}
    for row in store.query(_INSTRUMENTS).rows:
        iri, label, doc_type, number, title, date, year, issuer, path, signer = map(_value, row)
        node = nodes.get(iri)
        if node is None:
            node = nodes[iri] = Node(iri, label or number or node_id(iri), "instrument", doc_type or _type_of(iri),
                                     number, title, date, _int(year), issuer, signer=signer)
        if path and path not in node.paths:
            node.paths.append(path)
            node.kind = "document"
    for row in store.query(_SECTIONS).rows:
        iri, section, task, parent, heading, start, end, lead = map(_value, row)
        if iri not in nodes:
            nodes[iri] = Node(iri, section, "task" if task == "true" else "section", section_id=section,
                              parent=parent, heading=heading, start=_int(start), lead=lead)
    for node in nodes.values():
        if node.parent is None:
            continue
        owner, seen = node.parent, set()
        while owner in nodes and nodes[owner].parent and owner not in seen:
            seen.add(owner)
            owner = nodes[owner].parent
        node.document = owner
        document = nodes.get(owner)
        if document is not None:
            node.label = f"{document.label} {node.section_id}"
            node.year, node.date, node.doc_type = document.year, document.date, document.doc_type
            node.paths = document.paths
    edges: dict[tuple[str, str, str], Edge] = {}
    for row in store.query(_ASSERTIONS).rows:
        subject, predicate, obj, quote, start, end, path = map(_value, row)
        relation = predicate[len(KG):]
        edge = edges.get((subject, obj, relation))
        if edge is None:
            edge = edges[subject, obj, relation] = Edge(subject, obj, relation)
        edge.count += 1
        edge.quotes.append(Quote(quote or "", path or "", _int(start), _int(end)))
    for edge in edges.values():
        for end in (edge.source, edge.target):
            if end not in nodes:
                nodes[end] = Node(end, graph.nodes[end].get("label", node_id(end)) if end in graph else node_id(end),
                                  "instrument", _type_of(end))
        nodes[edge.target].cited += edge.count
        edge.quotes.sort(key=lambda q: (q.path, q.start or 0))
    return Catalog(nodes, edges, graph, provisions=_provisions(store, nodes))


def _provisions(store, nodes: dict[str, Node]) -> dict[tuple[str, str], dict[str, list[str]]]:
    """The provisions each node names, by relation, its sections' included (a document names what
    its articles name), in the order of the instrument."""
    from ..effects import provision_order

    named: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for source, instrument, relation, provision_id in store.query(_PROVISIONS).rows:
        at, seen = source.value, set()
        while at is not None and at not in seen:  # up to the document
            seen.add(at)
            named[at, instrument.value][relation.value[len(KG):]].add(provision_id.value)
            node = nodes.get(at)
            at = node.parent if node is not None else None
    return {key: {relation: sorted(found, key=provision_order) for relation, found in by_relation.items()}
            for key, by_relation in named.items()}


def _type_of(iri: str) -> str | None:
    """Documents' kinds name their IRIs' first segment (quyet-dinh): the kind's name, if known."""
    return _TYPE_BY_SLUG.get(node_id(iri).split("/")[0])


# What some text changes (the relations with an effect on their object, kg/data/relations.json), or dates
# out of force.
_CHANGED = sparql_prefixes("kg", "eli") + f"""SELECT DISTINCT ?i WHERE {{
  {{ ?s ?p ?i FILTER (?p IN ({", ".join("kg:" + relation.property for relation in having("effect"))})) }}
  UNION {{ ?i eli:date_no_longer_in_force ?d }} }}"""

#: States of an instrument that no longer stands (kg.status): marked in every drawing.
NO_LONGER_STANDS = frozenset({"repealed", "replaced", "expired", "suspended"})


def mark_standing(catalog: Catalog, store, only=None) -> int:
    """Give each instrument of the catalog (or of ``only``) that some text changes or dates its state
    today (kg.status), so drawings can mark what no longer stands; returns how many were marked."""
    from ..status import standing

    rows = store.query(_CHANGED, max_rows=1_000_000).rows
    marked = 0
    for (iri,) in rows:
        node = catalog.nodes.get(iri.value)
        if node is not None and (only is None or iri.value in only):
            node.standing = standing(store, iri.value).state
            marked += node.standing in NO_LONGER_STANDS
    return marked
