"""The graph's relations as a networkx graph: lineage trees, paths between instruments, PageRank.

SPARQL answers "everything this task rests on"; a tree that shows each step, each shared
ancestor once, the citation paths between two instruments and the most foundational
instruments are easier over networkx. Edges point from the citing node to what it rests on.

>>> import networkx as nx
>>> graph = nx.MultiDiGraph()
>>> graph.add_edge("task", "decree", key="cites"); graph.add_edge("decree", "law", key="basedOn")
'cites'
'basedOn'
>>> tree = upstream(graph, "task")
>>> [(child["relation"], child["iri"], [g["iri"] for g in child["children"]]) for child in tree["children"]]
[('cites', 'decree', ['law'])]
"""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from .errors import QueryError
from .namespaces import KG, sparql_prefixes
from .relations import FIRST_STEP_ONLY, FOUNDATIONAL, RESTS_ON, properties

if TYPE_CHECKING:
    import networkx as nx

# networkx loads when a whole graph is asked for (``load``, ``paths``, ``foundational``): 0.1 s that
# ``kg lineage``, which walks the store and draws with ``tree``, does not need.

__all__ = ["RESTS_ON", "load", "find_start", "tree", "upstream", "downstream", "paths", "foundational", "render_text"]

#: Relations a lineage follows: what a text rests on (kg/data/relations.json). Repeals,
#: replacements and suspensions are left out: what a text repeals is not its foundation.
ALL_RELATIONS = properties()
#: A plain citation is followed from the start only: what a task cites it rests on, but what a
#: cited decree merely mentions in passing is not its foundation (and following every mention
#: would reach most of the corpus).
_RANK = {name: rank for rank, name in enumerate(ALL_RELATIONS)}

_EDGES = sparql_prefixes("kg") + f"""
SELECT ?s ?p ?o WHERE {{
  ?s ?p ?o .
  FILTER (?p IN ({", ".join("kg:" + name for name in ALL_RELATIONS)}))
}}"""
_LABELS = sparql_prefixes("kg", "rdfs") + """
SELECT ?node ?label ?document WHERE {
  { ?node a kg:StateInstrument } UNION { ?node a kg:PartyDocument } UNION { ?node a kg:Section }
  UNION { ?node a kg:Task }
  OPTIONAL { ?node rdfs:label ?label }
  OPTIONAL { ?node kg:inDocument ?document }
}"""


def load(store) -> nx.MultiDiGraph:
    """Every relation of the store's graph as an edge keyed by its relation name, every node
    labelled (a section as "322/KH-UBND II.5")."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for subject, predicate, obj in store.query(_EDGES).rows:
        graph.add_edge(subject.value, obj.value, key=predicate.value[len(KG):])
    labels = {}
    documents = {}
    for node, label, document in store.query(_LABELS).rows:
        labels.setdefault(node.value, label.value if label else node.value)
        if document is not None:
            documents.setdefault(node.value, []).append(document.value)
    for node, owners in documents.items():
        owner = owners[0]  # kg:inDocument: the one document a section belongs to
        labels[node] = f"{labels.get(owner, owner)} {labels.get(node, node)}"
    nx.set_node_attributes(graph, {node: label for node, label in labels.items() if node in graph}, "label")
    # a task or document with no relation is in no edge: its label is kept to name it all the same
    graph.graph["labels"] = labels
    return graph


_NUMBERED = sparql_prefixes("eli", "kg") + """
SELECT ?number ?node (EXISTS { ?file kg:describes ?node } AS ?held) WHERE { ?node eli:number ?number }
ORDER BY DESC(?held) ?node"""
_TASK = sparql_prefixes("eli", "kg") + """
SELECT ?number ?task ?node WHERE { ?doc eli:number ?number . ?node kg:inDocument ?doc ; kg:sectionId ?task }
ORDER BY ?node"""


def numbered(store, number: str) -> list[str]:
    """Every instrument carrying this number, the ones held in the corpus first (two provinces'
    454/QĐ-UBND are two); empty when none does."""
    import pyoxigraph as ox

    return [row[1].value for row in store.query(_NUMBERED, {"number": ox.Literal(number)}).rows]


def find_start(store, number: str, task: str | None = None) -> str:
    """The IRI of a document by its number, or of one of its tasks by id; an error if none."""
    import pyoxigraph as ox

    table = getattr(store, "table", None)  # the build's reading table (kg.reading_table)
    if table is not None:
        first = table.find_start(number, task)
        found = [first] if first else []
    elif task is None:
        found = numbered(store, number)
    else:
        rows = store.query(_TASK, {"number": ox.Literal(number), "task": ox.Literal(task)}).rows
        found = [row[2].value for row in rows]
    if not found:
        what = f"task {task} of {number}" if task else number
        raise QueryError(f"{what}: not in the graph")
    return found[0]


def tree(start: str | list[str], neighbours, label, relations=RESTS_ON, depth: int | None = None) -> dict:
    """The lineage tree from ``start`` over ``neighbours(node)`` (its ``(relation, node)`` steps)
    and ``label(node)``: breadth-first, so each node is expanded at its shallowest place and shown
    once; later meetings of the same node are marked ``seen`` and not expanded again. Several
    starts make one tree under a root that names them all, so what they share appears once.
    ``upstream`` and ``downstream`` give it a networkx graph's edges; kg.network the edges it
    walked in the store."""
    relations = set(relations)
    starts = [start] if isinstance(start, str) else list(start)
    trees = [{"iri": s, "label": label(s), "relation": None, "children": []} for s in starts]
    if len(trees) == 1:
        root = trees[0]
    else:
        root = {"iri": None, "label": " + ".join(t["label"] for t in trees), "relation": None,
                "children": [dict(t, relation="start") for t in trees]}
        trees = root["children"]
    expanded = set(starts)
    queue = deque((tree, 0) for tree in trees)
    later = relations - FIRST_STEP_ONLY
    rank = _RANK.__getitem__
    while queue:
        entry, level = queue.popleft()
        if depth is not None and level >= depth:
            continue
        steps: dict[str, list[str]] = {}
        allowed = relations if level == 0 else later
        for relation, node in neighbours(entry["iri"]):
            if relation in allowed:
                found = steps.get(node)
                if found is None:
                    steps[node] = [relation]
                elif relation not in found:
                    found.append(relation)
        # One line per node reached, its relations strongest first ("implements, cites").
        ordered = sorted([(min(map(rank, found)), label(node), node, found) for node, found in steps.items()],
                         key=lambda item: item[:2])
        for _, shown, node, found in ordered:
            relation = found[0] if len(found) == 1 else ", ".join(sorted(found, key=rank))
            child = {"iri": node, "label": shown, "relation": relation, "children": []}
            if node in expanded:
                child["seen"] = True
            else:
                expanded.add(node)
                queue.append((child, level + 1))
            entry["children"].append(child)
    return root


def _label(graph, node) -> str:
    if node in graph:
        return graph.nodes[node].get("label", node)
    return graph.graph.get("labels", {}).get(node, node)


def upstream(graph: nx.MultiDiGraph, start: str | list[str], relations=RESTS_ON, depth: int | None = None) -> dict:
    """What ``start`` rests on, transitively, as a nested dict (iri, label, relation, children)."""
    return tree(start, lambda n: [(k, v) for _, v, k in graph.out_edges(n, keys=True)] if n in graph else [],
                lambda n: _label(graph, n), relations, depth)


def downstream(graph: nx.MultiDiGraph, start: str | list[str], relations=RESTS_ON, depth: int | None = None) -> dict:
    """What rests on ``start``, transitively: the texts that implement, cite or amend it."""
    return tree(start, lambda n: [(k, u) for u, _, k in graph.in_edges(n, keys=True)] if n in graph else [],
                lambda n: _label(graph, n), relations, depth)


def paths(graph: nx.MultiDiGraph, source: str, target: str, cutoff: int = 4, limit: int = 20) -> list[list[str]]:
    """Citation paths from ``source`` to ``target`` (shortest first), each a list of IRIs."""
    import networkx as nx

    simple = nx.DiGraph(graph)
    if source not in simple or target not in simple:
        return []
    found = sorted(nx.all_simple_paths(simple, source, target, cutoff=cutoff), key=len)
    return found[:limit]


def foundational(graph: nx.MultiDiGraph, top: int = 10) -> list[tuple[str, float]]:
    """The most foundational instruments: PageRank over based_on and implements edges, so rank
    flows from a text to what it is based on and carries out."""
    import networkx as nx

    basis = nx.DiGraph()
    basis.add_edges_from((u, v) for u, v, k in graph.edges(keys=True) if k in FOUNDATIONAL)
    if not basis:
        return []
    ranks = _pagerank(basis)
    return sorted(ranks.items(), key=lambda item: (-item[1], item[0]))[:top]


def _pagerank(graph: nx.DiGraph, damping: float = 0.85, tolerance: float = 1e-10) -> dict[str, float]:
    """Power iteration, dangling nodes spread evenly: networkx's own pagerank needs scipy."""
    nodes = list(graph)
    rank = dict.fromkeys(nodes, 1.0 / len(nodes))
    out_degree = {node: graph.out_degree(node) for node in nodes}
    for _ in range(200):
        dangling = damping * sum(rank[n] for n in nodes if out_degree[n] == 0) / len(nodes)
        new = dict.fromkeys(nodes, (1.0 - damping) / len(nodes) + dangling)
        for node in nodes:
            if out_degree[node]:
                share = damping * rank[node] / out_degree[node]
                for target in graph.successors(node):
                    new[target] += share
        if sum(abs(new[n] - rank[n]) for n in nodes) < tolerance * len(nodes):
            return new
        rank = new
    return rank


def _named(provision_ids: list[str]) -> str:
    from .effects import named_parts

    return named_parts(provision_ids)


def _parts(step: dict) -> str:
    """The provisions a step states its relation with, before its instrument: "khoản 3 Điều 53 of "."""
    return f"{_named(step['provisions'])} of " if step.get("provisions") else ""


def render_text(tree: dict, down: bool = False) -> str:
    """A tree as indented text, one line per step: the relation, then what it points at; a tree
    with no step says so in words (``down``: the tree of what rests on its root).

    >>> print(render_text({"iri": "x", "label": "322/KH-UBND I.1", "relation": None, "children": []}))
    322/KH-UBND I.1: rests on nothing in the graph (it cites no instrument and states no basis)
    >>> print(render_text({"iri": "t", "label": "T", "relation": None, "children": [{"iri": "d",
    ...     "label": "42/2010/NĐ-CP", "relation": "implements", "children": [], "provisions": ["Điều 53.3"]}]}))
    T
    └─ implements khoản 3 Điều 53 of 42/2010/NĐ-CP
    """
    if not tree["children"]:
        if down:
            return f"{tree['label']}: nothing in the graph rests on it (no text cites, implements or amends it)"
        return f"{tree['label']}: rests on nothing in the graph (it cites no instrument and states no basis)"
    lines = [tree["label"]]

    def walk(entry, prefix):
        children = entry["children"]
        for index, child in enumerate(children):
            last = index == len(children) - 1
            mark = " (expanded elsewhere in this tree)" if child.get("seen") else ""
            also = f" (also names {_named(child['also_names'])})" if child.get("also_names") else ""
            lines.append(f"{prefix}{'└─' if last else '├─'} {child['relation']} {_parts(child)}{child['label']}{also}{mark}")
            walk(child, prefix + ("   " if last else "│  "))

    walk(tree, "")
    return "\n".join(lines)
