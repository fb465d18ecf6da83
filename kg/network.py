"""The citation network of a build, read for people and for their tools: who each node is, a
lineage walked in the store, the instrument network as networkx, its exports and its measures.

- ``describe``: each IRI as a person reads it, "Quyết định 1847/QĐ-TTg (Thủ tướng Chính phủ)",
  with the facts behind the words (type, number, issuer, date, locality, title, in the corpus or
  not, times cited), read node by node from the store.
- ``lineage_tree``: what a document or task rests on (or what rests on it), walked step by step in
  the store, so a question costs the nodes it reaches, not a load of every edge (kg.lineage
  draws the tree).
- ``citation_network``: instruments (and, if asked, tasks) as a networkx MultiDiGraph, one edge
  per citing document, relation and cited instrument, counting the passages that state it.
- ``write_network``: GraphML, GEXF, CSV (nodes and edges) or JSON-LD of that network.
- ``rank``: in-degree, PageRank, HITS hubs and authorities and Louvain communities.

Edges point from the citing text to what it rests on, as everywhere in kg.
"""
from __future__ import annotations

import csv
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError
from .namespaces import ELI, ID, KG, RDF, RDFS, SKOS, XSD, sparql_prefixes
from .query import numbered_values

# networkx (and kg.lineage, which imports it and names the relations) load when a network or a
# lineage is asked for: 0.1 s that who-cites and a named query do not need.


def _relations() -> tuple[str, ...]:
    from .lineage import ALL_RELATIONS

    return ALL_RELATIONS

__all__ = ["Description", "describe", "relation_words", "find_node", "lineage_tree", "citation_network",
           "write_network", "read_network", "FORMATS", "Ranking", "rank", "group_ranking"]

_TYPE, _LABEL = ox.NamedNode(RDF + "type"), ox.NamedNode(RDFS + "label")
_DESCRIBES, _IN_DOCUMENT = ox.NamedNode(KG + "describes"), ox.NamedNode(KG + "inDocument")
_PREF_LABEL = ox.NamedNode(SKOS + "prefLabel")
_INSTRUMENT_CLASSES = {KG + "StateInstrument", KG + "PartyDocument"}
#: The classes ``describe`` tells nodes apart by: of a node's types, only these change its description
#: (the reading table keeps no other rdf:type, kg.reading_table).
TOLD_APART = (*sorted(_INSTRUMENT_CLASSES), KG + "Task", KG + "Agency")


# ---------------------------------------------------------------- the store, node by node

def _oxigraph(store) -> ox.Store | None:
    """The pyoxigraph store behind ``store``, whose triple patterns cost microseconds; None for
    rdflib and remote stores, which are asked the same in SPARQL."""
    inner = getattr(store, "store", None)
    return inner if isinstance(inner, ox.Store) else None


def _table(store, predicates):
    """The reading table beside ``store`` (kg.reading_table) when it holds every one of
    ``predicates``; None when the store must be asked."""
    table = getattr(store, "table", None)
    return table if table is not None and table.holds(predicates) else None


def _outgoing(store, nodes, predicates=None) -> dict[str, list[tuple[str, ox.NamedNode | ox.Literal]]]:
    """{node IRI: [(predicate IRI, object term)]} for each node, every graph read."""
    found: dict[str, list] = defaultdict(list)
    nodes = sorted(set(nodes))
    table = _table(store, predicates)
    if table is not None:
        for node, predicate, obj in table.outgoing(nodes, predicates):
            found[node].append((predicate, obj))
        return found
    wanted = None if predicates is None else [ox.NamedNode(p) for p in predicates]
    inner = _oxigraph(store)
    if inner is not None:
        for iri in nodes:
            subject = ox.NamedNode(iri)
            for predicate in wanted or [None]:
                for quad in inner.quads_for_pattern(subject, predicate, None):
                    found[iri].append((quad.predicate.value, quad.object))
        return found
    for chunk in range(0, len(nodes), 500):
        block = " ".join(f"<{iri}>" for iri in nodes[chunk:chunk + 500])
        where = "" if wanted is None else "FILTER (?p IN (" + ", ".join(str(p) for p in wanted) + "))"
        for node, predicate, obj in store.query(f"SELECT ?node ?p ?o WHERE {{ VALUES ?node {{ {block} }} "
                                                f"?node ?p ?o {where} }}", max_rows=None).rows:
            found[node.value].append((predicate.value, obj))
    return found


def _incoming(store, nodes, predicates) -> dict[str, list[tuple[str, str]]]:
    """{node IRI: [(predicate IRI, subject IRI)]}: the named-node subjects pointing at each node."""
    found: dict[str, list] = defaultdict(list)
    nodes = sorted(set(nodes))
    table = _table(store, predicates)
    if table is not None:
        for node, predicate, subject in table.incoming(nodes, predicates):
            if isinstance(subject, ox.NamedNode):
                found[node].append((predicate, subject.value))
        return found
    inner = _oxigraph(store)
    if inner is not None:
        for iri in nodes:
            target = ox.NamedNode(iri)
            for predicate in predicates:
                for quad in inner.quads_for_pattern(None, ox.NamedNode(predicate), target):
                    if isinstance(quad.subject, ox.NamedNode):
                        found[iri].append((predicate, quad.subject.value))
        return found
    listed = ", ".join(f"<{p}>" for p in predicates)
    for chunk in range(0, len(nodes), 500):
        block = " ".join(f"<{iri}>" for iri in nodes[chunk:chunk + 500])
        for node, predicate, subject in store.query(f"SELECT ?node ?p ?s WHERE {{ VALUES ?node {{ {block} }} "
                                                    f"?s ?p ?node FILTER (?p IN ({listed}) && isIRI(?s)) }}",
                                                    max_rows=None).rows:
            found[node.value].append((predicate.value, subject.value))
    return found


# ---------------------------------------------------------------- who each node is

@dataclass(frozen=True)
class Description:
    """A node of the graph as a person reads it (``label``) and the facts the label is made of."""

    iri: str
    label: str
    kind: str  # instrument, task, section, agency, relation, other
    type: str | None = None
    number: str | None = None
    issuer: str | None = None
    date: str | None = None
    year: str | None = None
    locality: str | None = None
    title: str | None = None
    in_corpus: bool = False
    times_cited: int | None = None
    document: str | None = None  # a section's document
    section: str | None = None  # a section's id ("II.5")


@lru_cache(maxsize=1)
def _localities() -> dict[str, str]:
    """The slug an instrument IRI ends with for a local series ("tinh-kon-tum") -> "tỉnh Kon Tum"."""
    from importlib.resources import files

    from .iri import slug

    data = json.loads(files("kg").joinpath("data", "provinces.json").read_text(encoding="utf-8"))
    names = [f"thành phố {c}" for c in data["cities"]] + [f"tỉnh {p}" for p in data["provinces"]]
    return {slug(name): name for name in names}


def _locality(iri: str, stated: str | None) -> str | None:
    if stated:
        return stated
    if iri.startswith(ID):
        parts = iri[len(ID):].split("/")
        tail = "/".join(parts[3:]) if len(parts) > 3 and parts[1] != "title" else \
            "/".join(parts[4:]) if len(parts) > 4 else ""
        return _localities().get(tail) or (tail or None)
    return None


def relation_words(iri: str) -> str:
    """A relation as words, from the ontology's English label ("based on"); another IRI unchanged.

    >>> relation_words("https://w3id.org/kg-vn/ontology#issuedWith")
    'issued with'
    """
    return _ontology_labels().get(iri, iri)


@lru_cache(maxsize=1)
def _ontology_labels() -> dict[str, str]:
    from .rdf import ontology_file

    labels = {}
    for triple in ox.parse(path=str(ontology_file("kg.ttl")), format=ox.RdfFormat.TURTLE):
        if triple.predicate == _LABEL and isinstance(triple.object, ox.Literal) and triple.object.language == "en":
            labels[triple.subject.value] = triple.object.value
    return labels


def _first(facts, predicate):
    for p, o in facts:
        if p == predicate:
            return o.value
    return None


#: What ``describe`` reads of a node: its description, not its relations (an instrument of the
#: corpus states hundreds, each read back from the store's dictionary on disk for nothing).
_DESCRIBED_BY = (RDF + "type", RDFS + "label", SKOS + "prefLabel", KG + "inDocument", KG + "sectionId",
                 ELI + "type_document", ELI + "passed_by", ELI + "number", KG + "title", ELI + "date_document",
                 KG + "year", KG + "citingDocuments", KG + "jurisdiction")


def describe(store, iris) -> dict[str, Description]:
    """Each IRI as a person reads it: an instrument as "Quyết định 1847/QĐ-TTg (Thủ tướng Chính phủ)"
    with its year when known, a section as "Kế hoạch 322/KH-UBND II.5", a relation as words; an
    IRI the graph does not describe keeps its own text."""
    iris = {iri for iri in iris if iri}
    ontology = _ontology_labels()
    facts = _outgoing(store, [i for i in iris if i not in ontology], _DESCRIBED_BY)
    documents = {}
    for iri, found in facts.items():
        owner = _first(found, KG + "inDocument")
        if owner:
            documents[iri] = owner
    facts.update(_outgoing(store, set(documents.values()) - set(facts), _DESCRIBED_BY))
    named = {o.value for found in facts.values() for p, o in found
             if p in (ELI + "passed_by", ELI + "type_document") and isinstance(o, ox.NamedNode)}
    names = {iri: _first(found, SKOS + "prefLabel")
             for iri, found in _outgoing(store, named, [SKOS + "prefLabel"]).items()}
    held = {iri for iri, found in _incoming(store, [i for i, f in facts.items() if _is_instrument(f)],
                                            [KG + "describes"]).items() if found}

    def instrument(iri) -> Description:
        found = facts.get(iri, [])
        kind_iri, issuer_iri = _first(found, ELI + "type_document"), _first(found, ELI + "passed_by")
        kind, issuer = names.get(kind_iri), names.get(issuer_iri)
        number, title = _first(found, ELI + "number"), _first(found, KG + "title")
        date, year = _first(found, ELI + "date_document"), _first(found, KG + "year")
        cited = _first(found, KG + "citingDocuments")
        label = _first(found, RDFS + "label")
        if label and label.startswith(ID):
            # an instrument read with neither number nor title is labelled by its IRI in the graph:
            # its slug is the only name it has
            label = "[" + label[len(ID):].split("/")[2 if "/title/" in label else 1] + "]"
        name = " ".join(part for part in (kind, number or (None if title else label)) if part)
        if not number and title:
            name = title if not kind or title.startswith(kind) else f"{kind} {title}"
        when = ", ".join(part for part in ((date or year or "")[:4] or None, issuer) if part)
        return Description(iri, f"{name} ({when})" if when else name, "instrument", kind, number, issuer, date,
                           year or (date[:4] if date else None), _locality(iri, _first(found, KG + "jurisdiction")),
                           title, iri in held, int(cited) if cited else None)

    described = {}
    for iri in iris:
        found = facts.get(iri, [])
        types = {o.value for p, o in found if p == RDF + "type"}
        if iri in ontology:
            described[iri] = Description(iri, ontology[iri], "relation")
        elif types & _INSTRUMENT_CLASSES:
            described[iri] = instrument(iri)
        elif iri in documents:
            owner = instrument(documents[iri])
            section = _first(found, KG + "sectionId") or _first(found, RDFS + "label") or iri
            short = " ".join(part for part in (owner.type, owner.number) if part) or owner.label
            described[iri] = Description(iri, f"{short} {section}", "task" if KG + "Task" in types else "section",
                                         document=owner.iri, section=section)
        elif _first(found, SKOS + "prefLabel") or _first(found, RDFS + "label"):
            described[iri] = Description(iri, _first(found, SKOS + "prefLabel") or _first(found, RDFS + "label"),
                                         "agency" if KG + "Agency" in types else "other")
        else:
            described[iri] = Description(iri, iri, "other")
    return described


def _is_instrument(found) -> bool:
    return any(p == RDF + "type" and o.value in _INSTRUMENT_CLASSES for p, o in found)


def find_node(store, number: str, task: str | None = None) -> str:
    """The IRI of a document (or instrument) by its number, the one held in the corpus first, or of
    one of its tasks by id; a QueryError that says what was asked if there is none."""
    from .lineage import find_start

    return find_start(store, number, task)


# ---------------------------------------------------------------- lineage, walked in the store

def lineage_tree(store, start: str, down: bool = False, relations=None, depth: int | None = None) -> dict:
    """The lineage tree of ``start`` as kg.lineage draws it (iri, label, relation, children), its
    edges read a step at a time from the store: a plain citation followed from the start only, as
    there. Labels are those of ``kg lineage`` ("15/2019/QĐ-UBND", "322/KH-UBND II.5")."""
    from .lineage import FIRST_STEP_ONLY, RESTS_ON, tree

    relations = tuple(RESTS_ON if relations is None else relations)
    table = _table(store, [KG + name for name in relations])
    if table is not None:  # the whole walk in one query of the reading table
        steps, labels = table.lineage(start, {KG + name: name for name in relations},
                                      set(relations) - FIRST_STEP_ONLY, down, depth)
        return _with_provisions(store, tree(start, lambda node: steps.get(node, ()),
                                            lambda node: labels.get(node, node), relations, depth), down)
    steps: dict[str, list[tuple[str, str]]] = defaultdict(list)
    frontier, seen, level = [start], {start}, 0
    while frontier and (depth is None or level < depth):
        allowed = [r for r in relations if level == 0 or r not in FIRST_STEP_ONLY]
        reached = []
        for node, relation, other in _steps(store, frontier, allowed, down):
            steps[node].append((relation, other))
            if other not in seen:
                seen.add(other)
                reached.append(other)
        frontier, level = reached, level + 1
    labels = _short_labels(store, list(seen))
    return _with_provisions(store, tree(start, lambda node: steps.get(node, ()), lambda node: labels.get(node, node),
                                        relations, depth), down)

def _with_provisions(store, tree: dict, down: bool) -> dict:
    """Each step of the tree with the provisions it names ("implements khoản 3 Điều 53 of ..."):
    those of the instrument below that the text above names or changes (``down``: of the one above)."""
    from .effects import provisions_named, step_parts

    steps, stack = [], [tree]
    while stack:
        entry = stack.pop()
        for child in entry["children"]:
            if entry["iri"] is not None and child.get("relation") != "start":
                steps.append((entry, child))
            stack.append(child)
    sources = {(child if down else entry)["iri"] for entry, child in steps}
    table = getattr(store, "table", None)  # it says whether the graph records any: no need to ask the store
    asked = sources and (table.names_provisions if table is not None else _names_provisions(store))
    named = provisions_named(store, sources) if asked else {}
    if not named:
        return tree
    for entry, child in steps:
        source, target = (child["iri"], entry["iri"]) if down else (entry["iri"], child["iri"])
        stated, other = step_parts(named.get((source, target), {}), child["relation"])
        if stated:
            child["provisions"] = stated
        if other:
            child["also_names"] = other
    return tree


_PROVISION_STATEMENT = sparql_prefixes("kg") + "ASK { ?statement a kg:ProvisionStatement }"


def _names_provisions(store) -> bool:
    """Whether the graph records the provisions its texts name: a build of the citations profile
    does not (the instrument layer alone), and asking for them node by node is then most of a
    lineage's time (45 ms of 290 at 20,000 synthetic documents)."""
    return bool(store.query(_PROVISION_STATEMENT).boolean)


def _steps(store, nodes: list[str], relations, down: bool) -> list[tuple[str, str, str]]:
    """The distinct (node, relation name, other node) steps out of ``nodes`` (into them if
    ``down``). In Oxigraph, a triple pattern per node and relation: a seek in its index, reading
    only the relations asked for (a step beyond the first does not follow the hundreds of plain
    citations a decree makes). Measured against the same steps asked in SPARQL with the nodes bound
    by number (``_steps_asked``, what other stores are asked; CPU time, 730 steps at 20,000 synthetic
    documents: 15-17 ms against 20-32 ms; 1,483 steps at 200,000: 97-120 ms against 76-95 ms), the
    two are within the noise of a loaded machine; both give the same steps (tests/test_network.py).

    A triple pattern returns one quad per graph that holds it: a relation between two
    instruments is held once, in the instruments' graph (kg.rdf.is_shared_edge), and a step is
    kept once, so that a graph built before that gives the same steps."""
    table = _table(store, [KG + name for name in relations])
    if table is not None:
        lookup = table.incoming if down else table.outgoing
        return [(node, predicate[len(KG):], other.value)
                for node, predicate, other in lookup(nodes, [KG + name for name in relations])
                if isinstance(other, ox.NamedNode)]
    inner = _oxigraph(store)
    if inner is None:
        return _steps_asked(store, nodes, relations, down)
    predicates = [(name, ox.NamedNode(KG + name)) for name in relations]
    found = []
    for node in nodes:
        term = ox.NamedNode(node)
        for name, predicate in predicates:
            quads = inner.quads_for_pattern(None, predicate, term) if down else \
                inner.quads_for_pattern(term, predicate, None)
            others = set()
            for quad in quads:
                other = quad.subject if down else quad.object
                if isinstance(other, ox.NamedNode) and other.value not in others:
                    others.add(other.value)
                    found.append((node, name, other.value))
    return found


def _steps_asked(store, nodes: list[str], relations, down: bool) -> list[tuple[str, str, str]]:
    """``_steps`` in SPARQL, one query a step of the walk, the nodes bound by number."""
    listed = ", ".join(str(ox.NamedNode(KG + name)) for name in relations)
    pattern = "?other ?p ?node" if down else "?node ?p ?other"
    found = []
    for chunk in range(0, len(nodes), 500):
        block = nodes[chunk:chunk + 500]
        query = (f"SELECT DISTINCT ?nodeIndex ?p ?other WHERE {{ {numbered_values('node', block)} {pattern} . "
                 f"FILTER (?p IN ({listed}) && isIRI(?other)) }}")
        for node, relation, other in store.query(query, max_rows=None).rows:
            found.append((block[int(node.value)], relation.value[len(KG):], other.value))
    return found


def _short_labels(store, nodes: list[str]) -> dict[str, str]:
    """Each node's rdfs:label; a section's prefixed with its document's ("322/KH-UBND II.5"). The
    nodes are bound by number, and only a section (its IRI is its document's + "/section/",
    kg.iri.section_iri) is asked for its document: at 200,000 synthetic documents each lookup in
    the on-disk store costs ~40 µs of CPU, and a lineage reaches ~900 instruments."""
    labels = _first_values(store, nodes, "rdfs:label")
    owners = _first_values(store, [node for node in nodes if "/section/" in node], "kg:inDocument")
    documents = sorted(set(owners.values()) - set(labels))
    labels.update(_first_values(store, documents, "rdfs:label"))
    shown = {}
    for iri in nodes:
        label = labels.get(iri, iri)
        owner = owners.get(iri)
        shown[iri] = f"{labels.get(owner, owner)} {label}" if owner else label
    return shown


def _first_values(store, nodes: list[str], predicate: str) -> dict[str, str]:
    """{node: the first value of ``predicate`` (a prefixed name) found for it}, for the nodes that have one."""
    found: dict[str, str] = {}
    predicate_iri = {"rdfs:label": RDFS + "label", "kg:inDocument": KG + "inDocument"}.get(predicate)
    table = _table(store, [predicate_iri] if predicate_iri else None)
    if table is not None:
        for node, _, value in table.outgoing(nodes, [predicate_iri]):
            found.setdefault(node, value.value)
        return found
    for chunk in range(0, len(nodes), 2000):
        block = nodes[chunk:chunk + 2000]
        query = (sparql_prefixes("kg", "rdfs") + f"SELECT ?nodeIndex ?value WHERE {{ "
                 f"{numbered_values('node', block)} ?node {predicate} ?value }}")
        for index, value in store.query(query, max_rows=None).rows:
            found.setdefault(block[int(index.value)], value.value)
    return found


# ---------------------------------------------------------------- the instrument network

_EDGES = """
PREFIX kg: <{KG}>
SELECT ?from ?relation ?to (COUNT(*) AS ?statements) WHERE {{
  ?subject ?relation ?to .
  FILTER (?relation IN ({relations}) && isIRI(?to))
  OPTIONAL {{ ?subject kg:inDocument ?document }}
  BIND (COALESCE(?document, ?subject) AS ?from)
}} GROUP BY ?from ?relation ?to"""
_PASSAGES = f"""
PREFIX kg: <{KG}>
PREFIX rdf: <{RDF}>
SELECT ?from ?relation ?to (COUNT(*) AS ?passages) WHERE {{
  ?evidence rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?to .
  OPTIONAL {{ ?subject kg:inDocument ?document }}
  BIND (COALESCE(?document, ?subject) AS ?from)
}} GROUP BY ?from ?relation ?to"""
_TASK_EDGES = """
PREFIX kg: <{KG}>
SELECT ?task ?document ?relation ?to WHERE {{
  ?task a kg:Task ; kg:inDocument ?document .
  ?task ?relation ?to .
  FILTER (?relation IN ({relations}) && isIRI(?to))
}}"""
_TASK_PASSAGES = f"""
PREFIX kg: <{KG}>
PREFIX rdf: <{RDF}>
SELECT ?task ?relation ?to (COUNT(*) AS ?passages) WHERE {{
  ?evidence rdf:subject ?task ; rdf:predicate ?relation ; rdf:object ?to .
  ?task a kg:Task .
}} GROUP BY ?task ?relation ?to"""

def _with_relations(text: str) -> str:
    return text.format(KG=KG, relations=", ".join("kg:" + name for name in _relations()))


#: The attributes every instrument node carries, in this order (GraphML and CSV keep it).
NODE_ATTRIBUTES = ("label", "kind", "type", "number", "issuer", "date", "year", "locality", "title", "in_corpus",
                   "times_cited")


def citation_network(store, tasks: bool = False):
    """The instruments of a build and the relations between them: an edge from each citing
    document to each instrument it rests on, keyed by relation ("implements"), with ``passages``,
    the passages of the text that state it (its evidence records; in a citations-profile build,
    the document and tasks that state it). A relation stated in a section counts as its document's.

    With ``tasks``, each task of the corpus is a node too, with its own edges and a ``part_of``
    edge to its document. Node attributes: NODE_ATTRIBUTES, None left out.
    """
    import networkx as nx

    counts, passages = _edge_counts(store)
    graph = nx.MultiDiGraph()
    for (source, relation, target), statements in counts.items():
        if source == target:
            continue  # a text that names itself is not a citation
        graph.add_edge(source, target, key=relation, relation=relation_words(KG + relation),
                       passages=passages.get((source, relation, target), statements))
    if tasks:
        task_passages = {(s.value, r.value[len(KG):], t.value): int(n.value)
                         for s, r, t, n in store.query(_TASK_PASSAGES, max_rows=None).rows}
        for task, document, relation, target in store.query(_with_relations(_TASK_EDGES), max_rows=None).rows:
            key = relation.value[len(KG):]
            graph.add_edge(task.value, target.value, key=key, relation=relation_words(relation.value),
                           passages=task_passages.get((task.value, key, target.value), 1))
            graph.add_edge(task.value, document.value, key="part_of", relation="part of", passages=1)
    facts = describe(store, list(graph))
    for node in list(graph):
        description = facts[node]
        attributes = {name: getattr(description, name) for name in NODE_ATTRIBUTES
                      if getattr(description, name) is not None}
        if description.kind in ("task", "section"):
            attributes["section"] = description.section
            attributes["document"] = description.document
        graph.nodes[node].update(attributes)
    return graph


def _edge_counts(store) -> tuple[Counter, dict]:
    """{(document, relation, instrument): statements} and {(...): passages}. In pyoxigraph, three
    scans of triple patterns and a dict, 0.2 s on the corpus, where the grouped SPARQL took 1.6 s."""
    inner = _oxigraph(store)
    if inner is None:
        counts = Counter({(s.value, r.value[len(KG):], t.value): int(n.value)
                          for s, r, t, n in store.query(_with_relations(_EDGES), max_rows=None).rows})
        passages = {(s.value, r.value[len(KG):], t.value): int(n.value)
                    for s, r, t, n in store.query(_PASSAGES, max_rows=None).rows}
        return counts, passages
    owner = {quad.subject.value: quad.object.value for quad in inner.quads_for_pattern(None, _IN_DOCUMENT, None)}
    stated = set()
    for relation in _relations():
        for quad in inner.quads_for_pattern(None, ox.NamedNode(KG + relation), None):
            if isinstance(quad.object, ox.NamedNode) and isinstance(quad.subject, ox.NamedNode):
                stated.add((quad.subject.value, relation, quad.object.value))
    counts = Counter((owner.get(subject, subject), relation, target) for subject, relation, target in stated)
    subjects = {q.subject: q.object for q in inner.quads_for_pattern(None, ox.NamedNode(RDF + "subject"), None)}
    objects = {q.subject: q.object for q in inner.quads_for_pattern(None, ox.NamedNode(RDF + "object"), None)}
    passages: Counter = Counter()
    evidence = set()
    for quad in inner.quads_for_pattern(None, ox.NamedNode(RDF + "predicate"), None):
        if quad.subject in evidence or not quad.object.value.startswith(KG):
            continue
        evidence.add(quad.subject)
        subject, target = subjects.get(quad.subject), objects.get(quad.subject)
        if subject is not None and target is not None:
            passages[owner.get(subject.value, subject.value), quad.object.value[len(KG):], target.value] += 1
    return counts, dict(passages)


FORMATS = ("graphml", "gexf", "csv", "jsonld")


def write_network(graph, path: str | Path, fmt: str) -> list[Path]:
    """Write ``graph`` as GraphML, GEXF, CSV (``PATH`` names the nodes file; the edges go beside it,
    ``…-edges.csv``) or JSON-LD; the files written."""
    import networkx as nx

    path = Path(path)
    if fmt not in FORMATS:
        raise QueryError(f"{fmt}: no such format (choose from {', '.join(FORMATS)})")
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(graph, path, named_key_ids=True)
        return [path]
    if fmt == "gexf":
        plain = nx.MultiDiGraph()
        plain.add_nodes_from(graph.nodes(data=True))
        for source, target, key, data in graph.edges(keys=True, data=True):
            # GEXF keeps an edge's own ``label`` and ``weight``: the relation, and its passages
            plain.add_edge(source, target, key=key, label=data["relation"], weight=data["passages"],
                           relation=data["relation"], passages=data["passages"])
        nx.write_gexf(plain, path)
        return [path]
    if fmt == "csv":
        nodes, edges = _csv_paths(path)
        columns = ["id", *NODE_ATTRIBUTES, "section", "document"]
        with open(nodes, "w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(columns)
            for node, data in graph.nodes(data=True):
                writer.writerow([node, *("" if data.get(c) is None else data[c] for c in columns[1:])])
        with open(edges, "w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(["source", "target", "relation", "passages"])
            for source, target, data in graph.edges(data=True):
                writer.writerow([source, target, data["relation"], data["passages"]])
        return [nodes, edges]
    path.write_text(json.dumps(_jsonld(graph), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [path]


def _csv_paths(path: Path) -> tuple[Path, Path]:
    stem = path.name[:-len(".csv")] if path.name.endswith(".csv") else path.name
    stem = stem[:-len("-nodes")] if stem.endswith("-nodes") else stem
    return path.with_name(stem + "-nodes.csv"), path.with_name(stem + "-edges.csv")


#: JSON-LD terms: the nodes in kg's and ELI's own words, so that the document reads back as RDF
#: that means what the store means; each edge a kg:Link naming its ends, relation and passages.
_CONTEXT = {
    "kg": KG, "eli": ELI, "rdfs": RDFS, "xsd": XSD,
    "label": "rdfs:label", "kind": "kg:kind", "type": "kg:typeName", "number": "eli:number",
    "issuer": "kg:issuerName", "date": "eli:date_document", "year": "kg:year", "locality": "kg:jurisdiction",
    "title": "kg:title", "in_corpus": {"@id": "kg:inCorpus", "@type": "xsd:boolean"},
    "times_cited": {"@id": "kg:citingDocuments", "@type": "xsd:integer"},
    "section": "kg:sectionId", "document": {"@id": "kg:inDocument", "@type": "@id"},
    "source": {"@id": "kg:linkSource", "@type": "@id"}, "target": {"@id": "kg:linkTarget", "@type": "@id"},
    "relation": "kg:relationName", "relation_iri": {"@id": "kg:relationProperty", "@type": "@id"},
    "passages": {"@id": "kg:passages", "@type": "xsd:integer"},
}


def _jsonld(graph) -> dict:
    nodes = [{"@id": node, **{k: v for k, v in data.items() if v is not None}} for node, data in graph.nodes(data=True)]
    links = [{"@type": "kg:Link", "source": source, "target": target, "relation": data["relation"],
              "relation_iri": KG + key if key != "part_of" else ELI + "is_part_of", "passages": data["passages"]}
             for source, target, key, data in graph.edges(keys=True, data=True)]
    return {"@context": _CONTEXT, "@graph": nodes + links}


def read_network(path: str | Path, fmt: str):
    """A network written by ``write_network``, read back with networkx (rdflib for JSON-LD): what a
    researcher's tool finds in the file."""
    import networkx as nx

    path = Path(path)
    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    if fmt == "gexf":
        return nx.read_gexf(path)
    graph = nx.MultiDiGraph()
    if fmt == "csv":
        nodes, edges = _csv_paths(path)
        with open(nodes, encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                graph.add_node(row.pop("id"), **{k: v for k, v in row.items() if v != ""})
        with open(edges, encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                graph.add_edge(row["source"], row["target"], key=row["relation"], relation=row["relation"],
                               passages=int(row["passages"]))
        return graph
    import rdflib

    from .store import _rdflib_own_deprecation

    with _rdflib_own_deprecation():
        data = rdflib.Graph().parse(path, format="json-ld")
    term = rdflib.Namespace(KG)
    for node, label in data.subject_objects(rdflib.RDFS.label):
        graph.add_node(str(node), label=str(label))
    for link in data.subjects(rdflib.RDF.type, term.Link):
        relation = str(data.value(link, term.relationName))
        graph.add_edge(str(data.value(link, term.linkSource)), str(data.value(link, term.linkTarget)), key=relation,
                       relation=relation, passages=int(data.value(link, term.passages)))
    return graph


# ---------------------------------------------------------------- measures

@dataclass(frozen=True)
class Ranking:
    """One node's measures in the network: what cites it, how central it is, its community."""

    iri: str
    label: str
    in_degree: int
    pagerank: float
    hub: float
    authority: float
    community: int
    type: str | None = None
    issuer: str | None = None
    year: str | None = None
    in_corpus: bool = False


MEASURES = ("in_degree", "pagerank", "hub", "authority")


def rank(graph, relations=None, seed: int = 7) -> list[Ranking]:
    """Every node's in-degree (the distinct texts that cite it), PageRank, HITS hub and authority
    scores and Louvain community, over the edges of ``relations`` (relation names as in the
    graph's keys, "implements"; all without it). Highest PageRank first.

    PageRank and HITS are power iterations written here: networkx's own need scipy, which kg does
    not otherwise use. Louvain is networkx's, on the undirected graph, seeded for repeatability.
    """
    import networkx as nx

    wanted = None if relations is None else set(relations)
    simple = nx.DiGraph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((u, v) for u, v, k in graph.edges(keys=True)
                          if (wanted is None or k in wanted) and k != "part_of")
    simple.remove_nodes_from([n for n in list(simple) if simple.degree(n) == 0])
    if not simple:
        return []
    ranks = pagerank(simple)
    hubs, authorities = hits(simple)
    community = {}
    for index, members in enumerate(sorted(nx.community.louvain_communities(simple.to_undirected(), seed=seed),
                                           key=lambda c: (-len(c), min(c)))):
        for node in members:
            community[node] = index
    rows = []
    for node in simple:
        data = graph.nodes[node]
        rows.append(Ranking(node, data.get("label", node), simple.in_degree(node), ranks[node], hubs[node],
                            authorities[node], community[node], data.get("type"), data.get("issuer"),
                            data.get("year"), bool(data.get("in_corpus"))))
    rows.sort(key=lambda r: (-r.pagerank, r.label))
    return rows


def pagerank(graph, damping: float = 0.85, tolerance: float = 1e-10) -> dict:
    """PageRank by power iteration, the rank of nodes without out-edges spread evenly (as networkx)."""
    nodes = list(graph)
    count = len(nodes)
    rank_of = dict.fromkeys(nodes, 1.0 / count)
    out_degree = {node: graph.out_degree(node) for node in nodes}
    for _ in range(500):
        dangling = damping * sum(rank_of[n] for n in nodes if not out_degree[n]) / count
        new = dict.fromkeys(nodes, (1.0 - damping) / count + dangling)
        for node in nodes:
            if out_degree[node]:
                share = damping * rank_of[node] / out_degree[node]
                for target in graph.successors(node):
                    new[target] += share
        if sum(abs(new[n] - rank_of[n]) for n in nodes) < count * tolerance:
            return new
        rank_of = new
    return rank_of


def hits(graph, tolerance: float = 1e-10) -> tuple[dict, dict]:
    """HITS hub and authority scores by power iteration, each summing to 1 (as networkx)."""
    nodes = list(graph)
    edges = list(graph.edges())
    hub = dict.fromkeys(nodes, 1.0 / len(nodes))
    authority = dict.fromkeys(nodes, 0.0)
    for _ in range(1000):
        authority = dict.fromkeys(nodes, 0.0)
        for source, target in edges:
            authority[target] += hub[source]
        new = dict.fromkeys(nodes, 0.0)
        for source, target in edges:
            new[source] += authority[target]
        total = sum(new.values()) or 1.0
        new = {n: v / total for n, v in new.items()}
        if sum(abs(new[n] - hub[n]) for n in nodes) < tolerance:
            hub = new
            break
        hub = new
    total = sum(authority.values()) or 1.0
    return hub, {n: v / total for n, v in authority.items()}


def group_ranking(rows: list[Ranking], by: str) -> list[dict]:
    """The measures summed by ``type``, ``issuer``, ``year`` or ``community``: how much of the
    network's rank each issuer's (or year's) instruments hold, and its top instrument."""
    if by not in ("type", "issuer", "year", "community"):
        raise QueryError(f"{by}: cannot group by it (type, issuer, year or community)")
    groups: dict = defaultdict(list)
    for row in rows:
        groups[getattr(row, by) if getattr(row, by) is not None else "(unknown)"].append(row)
    summary = []
    for key, members in groups.items():
        top = max(members, key=lambda r: (r.pagerank, r.label))
        summary.append({by: key, "instruments": len(members), "cited_by": sum(r.in_degree for r in members),
                        "pagerank": math.fsum(r.pagerank for r in members),
                        "authority": math.fsum(r.authority for r in members), "top": top.label})
    summary.sort(key=lambda g: (-g["pagerank"], str(g[by])))
    return summary
