"""The graph as pages a researcher can open anywhere: pyvis views, annotated text, a static site.

The only module that writes HTML. Three kinds of page:

- graph views (pyvis's vis-network): the whole corpus, one document and its neighbourhood, and
  lineage views laid out as a hierarchy (the task at the bottom, what it rests on above it);
- annotated text: a document's own words with every reference highlighted and linked to its
  node, each section's citations listed beside it;
- the site: an index of documents, then per document its annotated text, its neighbourhood
  and the lineage of the document and of each of its sections.

Pages make no request off the machine. pyvis's own templates link Bootstrap and vis-network
from CDNs even with ``cdn_resources="in_line"`` (../shared/MEASURED.md), so the templates here
are our own: a single page inlines vis-network from pyvis's ``lib/``; the site ships one copy
beside its pages. Document text reaches a page in two ways only, both escaped: HTML-escaped
by the templates (autoescape) and the annotator, or as JSON in a non-executing
``<script type="application/json">`` with ``<``, ``>`` and ``&`` written as ``\\u`` escapes;
vis-network shows tooltips as text (``innerText``), never as markup.

Every page is written atomically (a temporary file, then a rename) and only inside the output
directory: names derived from input paths and numbers are slugged, and checked.

>>> _script_json({"title": "</script><img src=x>"})
Markup('{"title":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}')
>>> _safe_name("../../etc/passwd")
'etc-passwd'
"""
from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from .errors import KGError, ViewError
from .iri import section_iri, slug
from .namespaces import ID, KG
from .relations import RELATIONS as RELATION_KINDS, RESTS_ON

__all__ = ["ViewError", "Catalog", "View", "SiteReport", "load_catalog", "node_id", "corpus_view", "document_view",
           "lineage_view", "render_graph", "annotate", "write_page", "write_single", "write_site", "RELATIONS",
           "TYPE_COLOURS"]


TEMPLATES = Path(__file__).parent / "templates"

#: Relation (ontology local name) -> (words shown, colour), from kg/data/relations.json.
#: ``partOf`` joins a section to its document.
RELATIONS = {relation.property: (relation.label, relation.colour) for relation in RELATION_KINDS.values()}
RELATIONS["partOf"] = ("part of", "#d9d9d9")

#: Kind of instrument -> node colour. Kinds not listed are grey.
TYPE_COLOURS = {
    "Hiến pháp": "#7f0000", "Bộ luật": "#b30000", "Luật": "#e31a1c", "Pháp lệnh": "#fc4e2a",
    "Nghị quyết": "#ff7f00", "Nghị định": "#1f78b4", "Quyết định": "#33a02c", "Chỉ thị": "#6a3d9a",
    "Thông tư": "#a6761d", "Thông tư liên tịch": "#d4a017", "Kế hoạch": "#17becf", "Kết luận": "#e7298a",
    "Chương trình": "#66a61e", "Đề án": "#b2df8a", "Công văn": "#999999", "Hướng dẫn": "#fb9a99",
    "Văn bản hợp nhất": "#cab2d6", "Thông báo": "#bdbdbd", "Quy định": "#80b1d3", "Quy chế": "#8dd3c7",
}
OTHER_COLOUR = "#c7c7c7"
SECTION_COLOUR = "#ffd54f"
#: Kind of node -> vis-network shape (every one of them sized by ``value``).
SHAPES = {"document": "square", "task": "diamond", "section": "triangleDown", "instrument": "dot"}
KIND_WORDS = {"document": "document in the corpus", "task": "task", "section": "section",
              "instrument": "instrument outside the corpus"}
QUOTES_PER_EDGE = 3
#: Views larger than this are laid out here, before the page opens (a force layout of the
#: documents and shared instruments, the rest placed around them), and open with physics off:
#: vis-network's own physics took 41 s to stabilise the 7,300-node corpus in headless Chromium.
PHYSICS_LIMIT = 1000

_PREFIXES = """PREFIX kg: <https://w3id.org/kg-vn/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_INSTRUMENTS = _PREFIXES + """
SELECT ?node ?label ?type ?number ?title ?date ?year ?issuer ?path WHERE {
  { ?node a kg:StateInstrument } UNION { ?node a kg:PartyDocument }
  OPTIONAL { ?node rdfs:label ?label }
  OPTIONAL { ?node eli:type_document/skos:prefLabel ?type }
  OPTIONAL { ?node eli:number ?number }
  OPTIONAL { ?node kg:title ?title }
  OPTIONAL { ?node eli:date_document ?date }
  OPTIONAL { ?node kg:year ?year }
  OPTIONAL { ?node eli:passed_by/skos:prefLabel ?issuer }
  OPTIONAL { ?file kg:describes ?node ; kg:path ?path }
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
_ASSERTIONS = _PREFIXES + """
SELECT ?subject ?predicate ?object ?quote ?start ?path WHERE {
  ?assertion a kg:Assertion ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ;
             kg:inSource ?file .
  OPTIONAL { ?assertion kg:quote ?quote }
  OPTIONAL { ?assertion kg:start ?start }
  OPTIONAL { ?file kg:path ?path }
}"""


# ---------------------------------------------------------------- what the pages draw from

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
    cited: int = 0

    @property
    def id(self) -> str:
        return node_id(self.iri)


@dataclass
class Edge:
    source: str
    target: str
    relation: str
    quotes: list[tuple[str, str, int | None]] = field(default_factory=list)  # words, source file, offset
    count: int = 0


@dataclass
class Catalog:
    """Every node and edge of a built graph, with what the tooltips say. ``graph`` is the
    relation graph of :func:`kg.lineage.load` (edges keyed by relation, nodes labelled)."""

    nodes: dict[str, Node]
    edges: dict[tuple[str, str, str], Edge]
    graph: object  # networkx.MultiDiGraph

    def documents(self) -> list[Node]:
        """Documents of the corpus, by kind, number and file."""
        held = [node for node in self.nodes.values() if node.kind == "document"]
        return sorted(held, key=lambda n: (n.doc_type or "", n.year or 0, n.label, n.paths))

    def sections_of(self, document: str) -> list[Node]:
        return sorted((n for n in self.nodes.values() if n.document == document),
                      key=lambda n: (n.start if n.start is not None else 1 << 40, n.section_id or ""))

    def find(self, number: str, task: str | None = None) -> str:
        """The IRI of a document (a held one first) by number, or of its section by id."""
        matches = [n for n in self.nodes.values() if n.number == number and n.kind in ("document", "instrument")]
        if not matches:
            raise ViewError(f"{number}: not in the graph")
        matches.sort(key=lambda n: (n.kind != "document", n.iri))
        if task is None:
            return matches[0].iri
        for match in matches:
            for node in self.nodes.values():
                if node.document == match.iri and node.section_id == task:
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


def load_catalog(store) -> Catalog:
    """Read every instrument, section and asserted edge (with its quoted words) from a store."""
    from .lineage import load

    graph = load(store)
    nodes: dict[str, Node] = {}
    for row in store.query(_INSTRUMENTS).rows:
        iri, label, doc_type, number, title, date, year, issuer, path = map(_value, row)
        node = nodes.get(iri)
        if node is None:
            node = nodes[iri] = Node(iri, label or number or node_id(iri), "instrument", doc_type or _type_of(iri),
                                     number, title, date, int(year) if year else None, issuer)
        if path and path not in node.paths:
            node.paths.append(path)
            node.kind = "document"
    for row in store.query(_SECTIONS).rows:
        iri, section, task, parent, heading, start, end, lead = map(_value, row)
        if iri in nodes:
            continue
        nodes[iri] = Node(iri, section, "task" if task == "true" else "section", section_id=section, parent=parent,
                          heading=heading, start=int(start) if start else None, lead=lead)
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
        subject, predicate, obj, quote, start, path = map(_value, row)
        relation = predicate[len(KG):]
        edge = edges.get((subject, obj, relation))
        if edge is None:
            edge = edges[subject, obj, relation] = Edge(subject, obj, relation)
        edge.count += 1
        if quote and len(edge.quotes) < QUOTES_PER_EDGE:
            edge.quotes.append((quote, path or "", int(start) if start else None))
    for edge in edges.values():
        for end in (edge.source, edge.target):
            if end not in nodes:
                nodes[end] = Node(end, graph.nodes[end].get("label", node_id(end)) if end in graph else node_id(end),
                                  "instrument", _type_of(end))
        nodes[edge.target].cited += edge.count
    for edge in edges.values():
        edge.quotes.sort(key=lambda q: (q[1], q[2] or 0))
    return Catalog(nodes, edges, graph)


def _type_of(iri: str) -> str | None:
    """Documents' kinds name their IRIs' first segment (quyet-dinh): the kind's name, if known."""
    first = node_id(iri).split("/")[0]
    for name in TYPE_COLOURS:
        if slug(name) == first:
            return name
    return None


# ---------------------------------------------------------------- choosing what a view shows

@dataclass
class View:
    """A subgraph to draw: nodes, edges, and for lineage views each node's level."""

    title: str
    nodes: list[str]
    edges: list[tuple[str, str, str]]
    levels: dict[str, int] | None = None
    focus: str | None = None
    note: str = ""


def corpus_view(catalog: Catalog) -> View:
    """Every node with an edge, and each section joined to its document."""
    edges = list(catalog.edges)
    used = {end for edge in edges for end in edge[:2]}
    for iri in sorted(used):
        node = catalog.nodes[iri]
        if node.document and node.document in catalog.nodes:
            edges.append((iri, node.document, "partOf"))
            used.add(node.document)
    return View("The corpus graph", sorted(used), edges)


def document_view(catalog: Catalog, document: str) -> View:
    """A document, its sections, what they rest on and what cites it."""
    node = catalog.nodes[document]
    members = {document} | {n.iri for n in catalog.sections_of(document)}
    edges = [key for key in catalog.edges if key[0] in members or key[1] in members]
    used = {end for edge in edges for end in edge[:2]} | {document}
    edges += [(iri, document, "partOf") for iri in sorted(used & members) if iri != document]
    return View(f"{node.label} and its neighbours", sorted(used), edges, focus=document)


def lineage_view(catalog: Catalog, start: str, down: bool = False) -> View:
    """What ``start`` rests on, level by level: ``start`` at level 0 (drawn at the bottom), each
    instrument at the level of its shortest path. With ``down``, what rests on ``start`` as
    well, below it. Every rests-on edge between the nodes shown is drawn, so an amendment
    between two ancestors appears even where the tree reached both another way."""
    from .lineage import downstream, upstream

    levels = _levels(upstream(catalog.graph, start), 1)
    if down:
        below = _levels(downstream(catalog.graph, start), -1)
        levels.update({iri: level for iri, level in below.items() if iri not in levels})
    levels.update(_layers(catalog, {iri for iri, level in levels.items() if level >= 0}, start))
    lowest = min(levels.values())
    levels = {iri: level - lowest for iri, level in levels.items()}
    nodes = sorted(levels, key=lambda iri: (levels[iri], catalog.nodes[iri].label if iri in catalog.nodes else iri))
    edges = sorted({(source, target, relation) for source in levels
                    for _, target, relation in catalog.graph.out_edges(source, keys=True)
                    if target in levels and relation in RESTS_ON and (source, target, relation) in catalog.edges})
    label = catalog.nodes[start].label
    return View(f"Lineage of {label}", nodes, edges, levels=levels, focus=start,
                note=f"{label} at the bottom; above it, level by level, what it rests on.")


def _layers(catalog: Catalog, members: set[str], start: str) -> dict[str, int]:
    """Each instrument above everything in the view that rests on it (the longest path from
    ``start``), so an amended decision sits above the one amending it; the shortest-path
    levels stand where the relations make a cycle."""
    import networkx as nx

    graph = nx.DiGraph((source, target) for source in members
                       for _, target, relation in catalog.graph.out_edges(source, keys=True)
                       if target in members and relation in RESTS_ON and target != source)
    graph.add_nodes_from(members)
    if not nx.is_directed_acyclic_graph(graph):
        return {}
    layers = dict.fromkeys(members, 0)
    for node in nx.topological_sort(graph):
        for target in graph.successors(node):
            layers[target] = max(layers[target], layers[node] + 1)
    return {iri: max(layer, 1) if iri != start else 0 for iri, layer in layers.items()}


def _levels(tree: dict, sign: int) -> dict[str, int]:
    levels: dict[str, int] = {}
    stack = [(tree, 0)]
    while stack:
        entry, level = stack.pop()
        if entry["iri"] is not None and (entry["iri"] not in levels or abs(level) < abs(levels[entry["iri"]])):
            levels[entry["iri"]] = level
        stack.extend((child, level + sign) for child in entry["children"])
    return levels


# ---------------------------------------------------------------- drawing a view with pyvis

def _node_title(node: Node) -> str:
    lines = [f"{node.doc_type or 'Văn bản'} {node.number}" if node.number else node.label]
    if node.kind in ("task", "section"):
        lines = [f"{KIND_WORDS[node.kind].capitalize()} {node.section_id} of {node.label.rsplit(' ', 1)[0]}"]
        if node.heading:
            lines.append(node.heading)
        if node.lead:
            lines.append(f"Lead: {node.lead}")
    else:
        lines.append(f"Type: {node.doc_type or 'unknown'} · {KIND_WORDS[node.kind]}")
        lines.append(f"Date: {node.date or node.year or 'unknown'}")
        lines.append(f"Issuer: {node.issuer or 'unknown'}")
        if node.title:
            lines.append(f"Title: {node.title}")
    if node.paths:
        lines.append(f"File: {', '.join(node.paths)}")
    lines.append(f"Cited {node.cited} time{'s' if node.cited != 1 else ''}")
    return "\n".join(lines)


def _edge_title(edge: Edge | None, relation: str, quotes: int = QUOTES_PER_EDGE) -> str:
    words = RELATIONS[relation][0]
    if edge is None:
        return words
    lines = [f"{words} ({edge.count} statement{'s' if edge.count != 1 else ''})"]
    for quote, path, start in edge.quotes[:quotes]:
        where = f"{path} @{start}" if start is not None else path
        lines.append(f"“{_shorten(quote, 300)}” — {where}")
    shown = min(len(edge.quotes), quotes)
    if edge.count > shown:
        lines.append(f"… and {edge.count - shown} more")
    return "\n".join(lines)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _network(catalog: Catalog, view: View, links: dict[str, str] | None = None, root: str = ""):
    """A pyvis Network with its node and edge lists filled directly (``add_node`` is ten times
    slower at this size), and the options for the layout the view needs."""
    from pyvis.network import Network

    network = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    links = links or {}
    numbers: dict[str, int] = {}  # short integer ids: edges name both ends, 23k times in the corpus
    quotes = 1 if len(view.nodes) > PHYSICS_LIMIT else QUOTES_PER_EDGE
    positions = _layout(catalog, view) if view.levels is None and len(view.nodes) > PHYSICS_LIMIT else None
    for iri in view.nodes:
        node = catalog.nodes[iri]
        colour = SECTION_COLOUR if node.kind in ("task", "section") else TYPE_COLOURS.get(node.doc_type, OTHER_COLOUR)
        entry = {"id": len(network.nodes), "key": node.id, "label": _shorten(node.label, 40), "title": _node_title(node),
                 "shape": SHAPES[node.kind], "color": colour, "value": node.cited + 1, "kind": node.kind,
                 "year": node.year}
        if iri in links:
            entry["page"] = root + links[iri]
        if view.levels is not None:
            entry["level"] = view.levels[iri]
        elif positions is not None:
            entry["x"], entry["y"] = positions[iri]
        if iri == view.focus:
            entry["borderWidth"] = 4
            # The task a lineage starts from is rarely cited: draw it at the size of the median node.
            entry["value"] = max(entry["value"], sorted(catalog.nodes[i].cited + 1 for i in view.nodes)[
                len(view.nodes) // 2])
        network.nodes.append(entry)
        network.node_ids.append(entry["id"])
        numbers[iri] = entry["id"]
    for source, target, relation in view.edges:
        # Label, colour and dashes come from the relation, in the page's script: a third of the size.
        network.edges.append({"from": numbers[source], "to": numbers[target], "relation": relation,
                              "title": _edge_title(catalog.edges.get((source, target, relation)), relation, quotes)})
    network.options = _options(view, len(view.nodes), positions is not None)
    return network


def _layout(catalog: Catalog, view: View) -> dict[str, tuple[float, float]]:
    """Positions for a large view. Sections fold into their document and instruments cited
    from one place only hang off it; what is left (documents and the instruments several of
    them share) gets a Fruchterman-Reingold layout; each node's satellites then sit on a
    sunflower spiral around it. Deterministic, and seconds where the browser took a minute."""
    import numpy as np

    members = set(view.nodes)
    anchor = {}
    for iri in view.nodes:
        document = catalog.nodes[iri].document
        anchor[iri] = document if document in members else iri
    neighbours: dict[str, Counter] = defaultdict(Counter)
    for source, target, _ in view.edges:
        a, b = anchor[source], anchor[target]
        if a != b:
            neighbours[a][b] += 1
            neighbours[b][a] += 1
    heads = sorted({a for a in anchor.values()})
    satellites: dict[str, list[str]] = defaultdict(list)
    for iri in view.nodes:
        if anchor[iri] != iri:
            satellites[anchor[iri]].append(iri)
    core = []
    for head in heads:
        if len(neighbours[head]) == 1 and catalog.nodes[head].kind == "instrument":
            satellites[next(iter(neighbours[head]))].append(head)
        else:
            core.append(head)
    step = 16.0
    placed: dict[str, tuple[float, float]] = {}
    # Each connected part gets its own layout, sized by the room its clusters need (a
    # spiral's radius grows with the square root of its satellites), then the parts go in
    # rows, largest first: repulsion alone would fling small parts far off the screen.
    parts = _components(core, neighbours)
    shelf_x = shelf_y = shelf_height = 0.0
    width = None
    for part in parts:
        index = {iri: i for i, iri in enumerate(part)}
        adjacency = np.zeros((len(part), len(part)))
        for head in part:
            for other, count in neighbours[head].items():
                if other in index:
                    adjacency[index[head], index[other]] = 1.0 + np.log(count)
        position = _spring(adjacency)
        radii = np.array([step * np.sqrt(len(satellites[head]) + 1) + 30.0 for head in part])
        side = float(np.sqrt((np.pi * radii ** 2).sum() * 3.0))
        span = float(np.ptp(position, axis=0).max()) if len(part) > 1 else 1.0
        position = (position - position.min(axis=0)) * (side / (span or 1.0))
        if width is None:
            width = max(side, 2000.0)
        elif shelf_x + side > width:
            shelf_x, shelf_y, shelf_height = 0.0, shelf_y + shelf_height + 300.0, 0.0
        for head, (x, y) in zip(part, position):
            placed[head] = (float(x) + shelf_x, float(y) + shelf_y)
        shelf_x += side + 300.0
        shelf_height = max(shelf_height, side)
    golden = np.pi * (3.0 - np.sqrt(5.0))

    def spiral(centre, children, start=1):
        for offset, child in enumerate(children, start):
            radius, angle = step * np.sqrt(offset) + 20.0, offset * golden
            placed[child] = (centre[0] + float(radius * np.cos(angle)), centre[1] + float(radius * np.sin(angle)))
            grandchildren = [g for g in satellites.get(child, ()) if g not in placed]
            if grandchildren:
                spiral(placed[child], grandchildren)

    for head in core:
        spiral(placed[head], sorted(satellites[head], key=lambda iri: (catalog.nodes[iri].kind != "task",
                                                                        catalog.nodes[iri].start or 0, iri)))
    # Whatever is still unplaced (a satellite of a satellite's loop) goes in a row below.
    bottom = max((y for _, y in placed.values()), default=0.0) + 200.0
    for number, iri in enumerate(i for i in view.nodes if i not in placed):
        placed[iri] = (number % 60 * 40.0, bottom + number // 60 * 40.0)
    return placed


def _components(nodes: list[str], neighbours: dict[str, Counter]) -> list[list[str]]:
    """Connected parts among ``nodes``, largest first, each in a stable order."""
    inside, seen, parts = set(nodes), set(), []
    for start in nodes:
        if start in seen:
            continue
        seen.add(start)
        part, stack = [], [start]
        while stack:
            current = stack.pop()
            part.append(current)
            for other in neighbours[current]:
                if other in inside and other not in seen:
                    seen.add(other)
                    stack.append(other)
        parts.append(sorted(part))
    return sorted(parts, key=lambda part: (-len(part), part[0]))


def _spring(adjacency, iterations: int = 80, seed: int = 7):
    """Fruchterman-Reingold over a dense weighted adjacency matrix: numpy in float32 with
    x and y apart (no scipy here, and 3-D difference arrays were three times slower)."""
    import numpy as np

    size = len(adjacency)
    rng = np.random.default_rng(seed)
    position = rng.random((size, 2))
    if size < 2:
        return position
    x, y = position[:, 0].astype(np.float32), position[:, 1].astype(np.float32)
    weights = adjacency.astype(np.float32)
    k = np.float32(1.0 / np.sqrt(size))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        distance = np.sqrt(dx * dx + dy * dy)
        np.maximum(distance, np.float32(0.01), out=distance)
        force = k * k / (distance * distance) - weights * distance / k
        move_x = (dx * force).sum(axis=1)
        move_y = (dy * force).sum(axis=1)
        length = np.maximum(np.sqrt(move_x * move_x + move_y * move_y), np.float32(0.01))
        x += move_x * (temperature / length)
        y += move_y * (temperature / length)
        temperature -= cooling
    return np.stack([x, y], axis=1).astype(float)
    k = 1.0 / np.sqrt(size)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = position[:, None, :] - position[None, :, :]
        distance = np.sqrt((delta ** 2).sum(axis=-1))
        np.maximum(distance, 0.01, out=distance)
        force = k * k / distance ** 2 - adjacency * distance / k
        displacement = np.einsum("ijk,ij->ik", delta, force)
        length = np.sqrt((displacement ** 2).sum(axis=1))
        np.maximum(length, 0.01, out=length)
        position += displacement * (temperature / length)[:, None]
        temperature -= cooling
    return position


def _options(view: View, size: int, placed: bool = False) -> dict:
    options = {
        "autoResize": True,
        "nodes": {"font": {"size": 12}, "borderWidth": 1,
                  "scaling": {"min": 6, "max": 40, "label": {"enabled": True, "min": 10, "max": 22,
                                                              "drawThreshold": 7}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "smooth": False, "width": 1,
                  "font": {"size": 9, "align": "middle", "color": "#555"},
                  "scaling": {"label": {"drawThreshold": 7}}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": size > 1000,
                        "hideEdgesOnZoom": size > 1000, "navigationButtons": False},
    }
    if view.levels is not None:
        options["layout"] = {"hierarchical": {"enabled": True, "direction": "DU", "sortMethod": "directed",
                                              "levelSeparation": 130, "nodeSpacing": 190, "treeSpacing": 220,
                                              "shakeTowards": "leaves"}}
        options["physics"] = {"enabled": False}
        # A lineage is read by its labels: keep them one size; the node still grows with citations.
        options["nodes"]["font"] = {"size": 15}
        options["nodes"]["scaling"] = {"min": 10, "max": 30, "label": {"enabled": False}}
        options["edges"]["smooth"] = {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical",
                                      "roundness": 0.4}
    elif placed:
        options["layout"] = {"improvedLayout": False}
        options["physics"] = {"enabled": False}
    else:
        # Kamada-Kawai "improved layout" is quadratic in nodes: off; stabilise a bounded number of
        # iterations, then the page turns physics off so nothing keeps moving.
        options["layout"] = {"improvedLayout": False, "randomSeed": 7}
        options["physics"] = {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 110, "springConstant": 0.04,
                          "damping": 0.4, "avoidOverlap": 0.05},
            "minVelocity": 1.0,
            "stabilization": {"enabled": True, "iterations": 300 if size > 1000 else 600,
                              "updateInterval": 20, "fit": True},
        }
    return options



def _script_json(value) -> Markup:
    """JSON that is safe inside a ``<script>`` element: no "<", ">" or "&" survive as such."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)


@functools.lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters["script_json"] = _script_json
    return environment


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet from the installed pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    script = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    # The source map is not shipped; its comment would only send DevTools looking for it.
    script = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", script)
    return script, (lib / "vis-network.css").read_text(encoding="utf-8")


def render_graph(catalog: Catalog, view: View, assets: str | None = None, links: dict[str, str] | None = None,
                 root: str = "", home: str | None = None) -> str:
    """The HTML of a graph view. ``assets`` is the relative path of a folder holding
    vis-network.min.js and vis-network.css (a site); without it both are inlined (one file).
    ``links`` maps IRIs to pages (a task's lineage page) that a click offers to open, as paths
    from the site's root; ``root`` leads from this page to that root ("../../")."""
    network = _network(catalog, view, links, root)
    nodes, edges, _, _, _, options = network.get_network_data()
    script, style = (None, None) if assets else _vis_assets()
    types = sorted({catalog.nodes[iri].doc_type or "other" for iri in view.nodes
                    if catalog.nodes[iri].kind in ("document", "instrument")})
    relations = [name for name in RELATIONS if any(edge[2] == name for edge in view.edges)]
    years = sorted({catalog.nodes[iri].year for iri in view.nodes if catalog.nodes[iri].year})
    return _environment().get_template("graph.html").render(
        title=view.title, note=view.note, assets=assets, vis_script=Markup(script) if script else None,
        vis_style=Markup(style) if style else None, home=home,
        data={"nodes": nodes, "edges": edges, "options": json.loads(options), "restsOn": list(RESTS_ON),
              "relations": {name: list(RELATIONS[name]) for name in relations},
              "hierarchical": view.levels is not None, "focus": node_id(view.focus) if view.focus else None},
        legend_types=[(name, TYPE_COLOURS.get(name, OTHER_COLOUR)) for name in types],
        legend_kinds=[(KIND_WORDS[kind], SHAPES[kind]) for kind in SHAPES],
        section_colour=SECTION_COLOUR,
        relations=[(name, *RELATIONS[name]) for name in relations],
        years=years, counts=(len(nodes), len(edges)))


# ---------------------------------------------------------------- annotated text

def annotate(extraction, text: str, graph_page: str = "graph.html", catalog: Catalog | None = None,
             lineage_pages: dict[str, str] | None = None, root: str = "", home: str | None = None,
             graph_links: dict[str, str] | None = None) -> str:
    """A document's own text, every reference highlighted and linked to its node in
    ``graph_page``, each section's citations listed beside the text.

    ``text`` is what the extraction's offsets index (``read_text(path).original``). With a
    ``catalog``, instruments are named as the graph names them (an undated citation joins the
    one dated instrument of its number)."""
    document = extraction.document.instrument
    canonical = _canonical(extraction, catalog)
    references = sorted(extraction.citations, key=lambda c: (c.reference.start, -c.reference.end))
    pieces: list[str] = []
    anchors = sorted(((s.start, s.id) for s in extraction.sections), key=lambda a: a[0])
    position = 0
    marks: list[dict] = []
    section_anchor = 0
    cursor_end = -1
    for number, citation in enumerate(references):
        reference = citation.reference
        if reference.start < cursor_end or reference.end <= reference.start:
            continue  # overlapping or empty: the earlier, longer reference keeps the span
        iri = canonical.get(citation.instrument.iri, citation.instrument.iri)
        while section_anchor < len(anchors) and anchors[section_anchor][0] <= reference.start:
            start, section = anchors[section_anchor]
            if start >= position:
                pieces.append(html.escape(text[position:start]))
                pieces.append(f'<span class="anchor" id="{html.escape(_anchor(section))}"></span>')
                position = start
            section_anchor += 1
        pieces.append(html.escape(text[position:reference.start]))
        node = catalog.nodes.get(iri) if catalog else None
        tip = _node_title(node) if node else f"{citation.instrument.doc_type} {citation.instrument.number or ''}"
        target = (graph_links or {}).get(iri, graph_page) + "#node=" + _url_part(node_id(iri))
        pieces.append(f'<a class="ref" id="ref-{number}" href="{html.escape(target)}" title="{html.escape(tip)}"'
                      f' data-node="{html.escape(node_id(iri))}">{html.escape(text[reference.start:reference.end])}</a>')
        position = cursor_end = reference.end
        marks.append({"number": number, "iri": iri, "section": citation.section,
                      "label": node.label if node else (citation.instrument.number or citation.instrument.label()),
                      "target": target})
    for start, section in anchors[section_anchor:]:
        if start >= position:
            pieces.append(html.escape(text[position:start]))
            pieces.append(f'<span class="anchor" id="{html.escape(_anchor(section))}"></span>')
            position = start
    pieces.append(html.escape(text[position:]))
    by_section: dict[str | None, dict[str, list[dict]]] = defaultdict(dict)
    for mark in marks:
        by_section[mark["section"]].setdefault(mark["iri"], []).append(mark)
    outline = []
    seen = set()
    for section in extraction.sections:
        if section.id in seen:
            continue
        seen.add(section.id)
        iri = section_iri(document.iri, section.id)
        outline.append({"id": section.id, "anchor": _anchor(section.id), "kind": section.kind,
                        "title": _shorten(section.title or "", 120), "depth": section.id.count("."),
                        "lead": section.lead, "deadline": section.deadline,
                        "lineage": root + lineage_pages[iri] if iri in (lineage_pages or {}) else None,
                        "citations": [{"label": found[0]["label"], "count": len(found),
                                       "first": f"ref-{found[0]['number']}", "target": found[0]["target"]}
                                      for found in by_section.get(section.id, {}).values()]})
    loose = [{"label": found[0]["label"], "count": len(found), "first": f"ref-{found[0]['number']}",
              "target": found[0]["target"]} for found in by_section.get(None, {}).values()]
    return _environment().get_template("annotated.html").render(
        title=document.label(), instrument=document, source=str(extraction.source), body=Markup("".join(pieces)),
        outline=outline, loose=loose, references=len(marks), home=home,
        document_lineage=root + lineage_pages[document.iri] if document.iri in (lineage_pages or {}) else None,
        graph_page=graph_page)


def _anchor(section_id: str) -> str:
    return "sec-" + _safe_name(section_id, 80)


def _url_part(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="/-_.~")


def _canonical(extraction, catalog: Catalog | None) -> dict[str, str]:
    if catalog is None:
        return {}
    from .rdf import canonical_iris

    cited = {c.instrument.iri for c in extraction.citations} - set(catalog.nodes)
    if not cited:
        return {}
    mapping = canonical_iris(list(cited) + [iri for iri in catalog.nodes if "/section/" not in iri])
    return {iri: target for iri, target in mapping.items() if iri in cited}


# ---------------------------------------------------------------- writing pages, inside the output only

def _safe_name(text: str, limit: int = 120) -> str:
    """A file name made of [a-z0-9.-] only, never empty, never "." or "..": input paths and
    numbers can hold slashes, dots, NULs or markup, and none of it reaches the file system."""
    name = re.sub(r"[^a-z0-9.]+", "-", slug(text.replace("/", "-")))
    name = re.sub(r"\.{2,}", ".", name).strip(".-")
    if not name:
        name = "x-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    if len(name) > limit:
        name = name[: limit - 13].rstrip(".-") + "-" + hashlib.sha256(text.encode()).hexdigest()[:12]
    return name


def write_page(root: str | Path, relative: str, content: str) -> Path:
    """Write ``content`` to ``root/relative`` atomically; refuse any path that resolves outside ``root``."""
    from .build import write_atomic

    base = Path(root).resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base) or target == base:
        raise ViewError(f"{relative}: would be written outside {root}")
    data = content.encode("utf-8")
    write_atomic(target, lambda file: file.write(data))
    return target


def write_single(path: str | Path, content: str) -> Path:
    """Write one page where the user asked for it, atomically."""
    path = Path(path)
    return write_page(path.parent if str(path.parent) else ".", path.name, content)


@dataclass
class SiteReport:
    """What ``kg site`` wrote: counts, the corpus view's size, and where each page went."""

    documents: int = 0
    pages: int = 0
    bytes: int = 0
    corpus_nodes: int = 0
    corpus_edges: int = 0
    failed: list[str] = field(default_factory=list)
    #: IRI -> page, relative to the site's root: each document's text, neighbourhood, lineage.
    texts: dict[str, str] = field(default_factory=dict)
    graphs: dict[str, str] = field(default_factory=dict)
    lineages: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [f"{self.documents} documents, {self.pages} pages, {self.bytes / 1e6:.1f} MB; corpus view "
                 f"{self.corpus_nodes} nodes, {self.corpus_edges} edges; {len(self.failed)} files failed"]
        return "\n".join(lines + [f"failed: {failure}" for failure in self.failed])


def write_site(paths: Iterable[str | Path], output: str | Path, catalog: Catalog, log=None) -> SiteReport:
    """The static site: index.html, graph.html (the corpus), and per document
    doc/NAME.html (annotated text and outline), graph/NAME.html (neighbourhood) and
    lineage/NAME/*.html (the document's lineage and each of its sections')."""
    from .extract import extract_paths
    from .text import read_text

    output = Path(output)
    report = SiteReport()
    script, style = _vis_assets()
    behaviour = (TEMPLATES / "graph.js").read_text(encoding="utf-8")
    for name, content in (("static/vis-network.min.js", script), ("static/vis-network.css", style),
                          ("static/graph.js", behaviour)):
        report.bytes += len(content.encode())
        write_page(output, name, content)
        report.pages += 1

    def emit(relative: str, content: str) -> None:
        write_page(output, relative, content)
        report.pages += 1
        report.bytes += len(content.encode())

    documents = catalog.documents()
    names: dict[str, str] = {}
    taken: set[str] = set()
    for node in documents:
        base = _safe_name(node_id(node.iri).replace("/", "-"), 100)
        name, index = base, 1
        while name in taken:
            index += 1
            name = f"{base}-{index}"
        taken.add(name)
        names[node.iri] = name
    by_path = {path: node for node in documents for path in node.paths}

    # Lineage pages: the document's, each task's, and each top-level section's (a part, an
    # article) that rests on something; a lineage page for every clause of every decree made
    # the site 200 MB and added little to the article's own.
    lineage_pages: dict[str, str] = {}  # iri -> path relative to the site root
    for node in documents:
        name = names[node.iri]
        lineage_pages[node.iri] = f"lineage/{name}/index.html"
        used = set()
        for section in catalog.sections_of(node.iri):
            if section.kind != "task" and "." in (section.section_id or ""):
                continue
            if section.iri in catalog.graph and catalog.graph.out_degree(section.iri):
                page = _safe_name(section.section_id or "section", 60)
                while page in used or page == "index":
                    page += "-"
                used.add(page)
                lineage_pages[section.iri] = f"lineage/{name}/{page}.html"
    for iri, page in lineage_pages.items():
        root = "../" * page.count("/")
        emit(page, render_graph(catalog, lineage_view(catalog, iri), assets=root + "static", links=lineage_pages,
                                root=root, home=root + "index.html"))

    report.lineages = lineage_pages
    corpus = corpus_view(catalog)
    report.corpus_nodes, report.corpus_edges = len(corpus.nodes), len(corpus.edges)
    emit("graph.html", render_graph(catalog, corpus, assets="static", links=lineage_pages, home="index.html"))
    for node in documents:
        report.graphs[node.iri] = f"graph/{names[node.iri]}.html"
        emit(f"graph/{names[node.iri]}.html", render_graph(catalog, document_view(catalog, node.iri),
                                                           assets="../static", links=lineage_pages, root="../",
                                                           home="../index.html"))

    rows = []
    for path, result in extract_paths(list(paths)):
        if isinstance(result, KGError):
            report.failed.append(str(result))
            continue
        label = _label_of(path, by_path)
        node = by_path.get(label) if label else None
        if node is None:
            report.failed.append(f"{path}: not in the graph (build it with the same inputs)")
            continue
        name = names[node.iri] if node.paths[0] == label else f"{names[node.iri]}-{_safe_name(label, 60)}"
        page = f"doc/{name}.html"
        text = read_text(path).original
        graph_page = f"../graph/{names[node.iri]}.html"
        emit(page, annotate(result, text, graph_page=graph_page, catalog=catalog, lineage_pages=lineage_pages,
                            root="../", home="../index.html"))
        report.documents += 1
        report.texts.setdefault(node.iri, page)
        rows.append({"page": page, "graph": f"graph/{names[node.iri]}.html",
                     "lineage": lineage_pages[node.iri], "label": node.label, "type": node.doc_type or "",
                     "date": node.date or (str(node.year) if node.year else ""), "issuer": node.issuer or "",
                     "title": _shorten(node.title or result.document.instrument.title or "", 160), "file": label,
                     "references": len(result.citations),
                     "tasks": sum(1 for s in result.sections if s.kind == "task")})
        if log:
            log(f"{page}")
    rows.sort(key=lambda row: (row["type"], row["label"], row["file"]))
    emit("index.html", _environment().get_template("index.html").render(
        title="Vietnamese legal documents: references and lineage", rows=rows, home=None,
        corpus=(report.corpus_nodes, report.corpus_edges), failed=report.failed))
    return report


def _label_of(path: Path, by_path: dict[str, Node]) -> str | None:
    """The graph's name of a source file: its path relative to the build's input, which
    may differ from the site's input by leading folders; the longest matching suffix wins."""
    parts = Path(path).parts
    for index in range(len(parts)):
        candidate = "/".join(parts[index:])
        if candidate in by_path:
            return candidate
    return None
