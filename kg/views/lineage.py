"""Lineage pages: what a task or document rests on, drawn in layers with every edge pointing up,
and the same lineage as a collapsible tree with the relation and the quoted words on each line.

Layers: an instrument sits one level above the highest of the nodes in the view that rest on it
(longest path from the start), so every drawn edge points up. Where the texts cite each other
in a cycle, the edges found closing it (depth-first from the start) are left out of the layering
and drawn dashed. Within a layer the order is found by barycentre sweeps (Sugiyama's heuristic:
each node moves to the mean position of its neighbours in the layers below, then above), which
removes most crossings; a layer wider than ``ROW`` nodes is wrapped into several rows inside its
band, so labels keep a readable size instead of shrinking to fit one line.
"""
from __future__ import annotations

import math
from collections import defaultdict

from markupsafe import Markup

from .catalog import Catalog, node_id
from .graph import View
from .html import _safe_name, render, shorten
from .links import Links, with_root
from ..effects import provision_label, shown_parts, step_parts
from ..iri import provision_iri
from ..relations import RESTS_ON

__all__ = ["lineage_view", "layered", "crossings", "lineage_tree"]

ROW = 6            # nodes in one row of a layer before it wraps
SPACING = 190.0    # between nodes of a row, in canvas pixels at scale 1 (a label is about 15 characters)
ROW_HEIGHT = 70.0  # between the rows of one wrapped layer
LAYER_GAP = 150.0  # between layers
SWEEPS = 8


def lineage_view(catalog: Catalog, start: str, down: bool = False) -> View:
    """What ``start`` rests on, layer by layer, ``start`` at the bottom. With ``down``, what
    rests on ``start`` as well, below it. Every rests-on edge between the nodes shown is drawn, so
    an amendment between two ancestors appears even where the tree reached both another way."""
    from ..lineage import downstream, upstream

    members = _members(upstream(catalog.graph, start))
    if down:
        members |= _members(downstream(catalog.graph, start))
    edges = sorted({(source, target, relation) for source in members
                    for _, target, relation in catalog.graph.out_edges(source, keys=True)
                    if target in members and target != source and relation in RESTS_ON
                    and (source, target, relation) in catalog.edges})
    dates = {iri: catalog.nodes[iri].date or str(catalog.nodes[iri].year or "") for iri in members}
    levels, against = layered(members, [(s, t) for s, t, _ in edges], start, dates)
    positions = place(levels, [(s, t) for s, t, _ in edges if (s, t) not in against], catalog)
    nodes = sorted(members, key=lambda iri: (levels[iri], positions[iri][0]))
    label = catalog.nodes[start].label
    return View(f"Lineage of {label}", nodes, edges, levels=levels, focus=start, mode="lineage",
                positions=positions, against={edge for edge in edges if edge[:2] in against},
                note=f"{label} at the bottom; above it what it rests on: every arrow points up.")


def _members(tree: dict) -> set[str]:
    found, stack = set(), [tree]
    while stack:
        entry = stack.pop()
        if entry["iri"] is not None:
            found.add(entry["iri"])
        stack.extend(entry["children"])
    return found


def layered(members: set[str], edges: list[tuple[str, str]], start: str,
            dates: dict[str, str] | None = None) -> tuple[dict[str, int], set]:
    """Each node's layer (the longest path from a node nothing in the view rests on) and the
    edges left out because they close a cycle. Within a cycle, an edge from a text to a later
    one goes first (a text rests on what came before it: such an edge is the likelier misreading);
    what still cycles is broken where a depth-first walk from the start meets it.

    >>> levels, against = layered({"t", "a", "b"}, [("t", "a"), ("t", "b"), ("a", "b")], "t")
    >>> levels == {"t": 0, "a": 1, "b": 2}, against
    (True, set())
    >>> layered({"t", "a", "b"}, [("t", "a"), ("a", "b"), ("b", "a")], "t")[1]
    {('b', 'a')}
    >>> layered({"t", "a", "b"}, [("t", "a"), ("a", "b"), ("b", "a")], "t", {"a": "2014", "b": "2015"})[1]
    {('a', 'b')}
    """
    edges = sorted(set(edges))
    against: set[tuple[str, str]] = set()
    if dates:
        against = {(s, t) for s, t in _in_cycles(members, edges) if dates.get(s) and dates.get(t)
                   and dates[s] < dates[t]}
    successors: dict[str, list[str]] = defaultdict(list)
    for source, target in edges:
        if (source, target) not in against:
            successors[source].append(target)
    # Depth-first from the start (then from whatever is left): an edge to a node still on the
    # path closes a cycle.
    state: dict[str, int] = {}
    order: list[str] = []
    for root in [start] + sorted(members - {start}):
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors[root]))]
        while stack:
            node, children = stack[-1]
            for child in children:
                if state.get(child) == 1:
                    against.add((node, child))
                elif child not in state:
                    state[child] = 1
                    stack.append((child, iter(successors[child])))
                    break
            else:
                state[node] = 2
                order.append(node)
                stack.pop()
    # Everything but the start sits above it, even a node whose only way in closed a cycle.
    levels = {node: 0 if node == start else 1 for node in members}
    for node in reversed(order):  # a topological order of what is left
        for child in successors[node]:
            if (node, child) not in against:
                levels[child] = max(levels[child], levels[node] + 1)
    return levels, against


def _in_cycles(members: set[str], edges: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The edges inside a strongly connected part (on some cycle)."""
    import networkx as nx

    graph = nx.DiGraph(edges)
    part = {}
    for number, component in enumerate(nx.strongly_connected_components(graph)):
        for node in component:
            part[node] = number
    return [(s, t) for s, t in edges if part[s] == part[t]]


def place(levels: dict[str, int], edges: list[tuple[str, str]], catalog: Catalog | None = None
          ) -> dict[str, tuple[float, float]]:
    """Canvas positions (y grows downwards): layer 0 at the bottom, each layer's order from
    barycentre sweeps, wide layers wrapped into rows. An edge that spans layers holds a place in
    each narrow layer it crosses (a virtual node, never drawn), so it passes between the
    instruments there rather than through one of them."""
    levels = dict(levels)
    layers: dict[int, list] = defaultdict(list)
    for iri, level in levels.items():
        layers[level].append(iri)
    name = (lambda iri: catalog.nodes[iri].label) if catalog else (lambda iri: iri)
    for members in layers.values():
        members.sort(key=lambda iri: (name(iri), iri))  # (two instruments may share a label: Hiến pháp)
    neighbours = _through_layers(levels, layers, edges)
    _order_by_barycentres(levels, layers, neighbours)
    return _coordinates(layers)


def _through_layers(levels: dict, layers: dict[int, list], edges: list[tuple[str, str]]) -> dict[object, list]:
    """Each node's neighbours once every edge is a chain through the layers it spans: a virtual node
    in each narrow layer crossed (added to ``levels`` and ``layers``); wrapped layers take none."""
    real = {level: len(members) for level, members in layers.items()}
    chains = []
    for source, target in edges:
        chain = [source]
        for level in range(levels[source] + 1, levels[target]):
            if len(layers[level]) < ROW and real.get(level, 0) < ROW:
                virtual = ("virtual", source, target, level)
                levels[virtual] = level
                layers[level].append(virtual)
                chain.append(virtual)
        chains.append(chain + [target])
    neighbours: dict[object, list] = defaultdict(list)
    for chain in chains:
        for lower, upper in zip(chain, chain[1:]):
            neighbours[lower].append(upper)
            neighbours[upper].append(lower)
    return neighbours


def _order_by_barycentres(levels: dict, layers: dict[int, list], neighbours: dict[object, list]) -> None:
    """Sweeps up and down the layers, each time ordering a layer by where its neighbours in the layer
    just ordered stand (their mean place), ties kept in the order they had."""
    top = max(layers, default=0)

    def x_of() -> dict:
        return {iri: index - (len(members) - 1) / 2 for members in layers.values()
                for index, iri in enumerate(members)}

    for sweep in range(SWEEPS):
        upward = sweep % 2 == 0
        for level in (range(1, top + 1) if upward else range(top - 1, -1, -1)):
            x = x_of()
            members = layers[level]
            current = {iri: index for index, iri in enumerate(members)}

            def barycentre(iri):
                near = [x[other] for other in neighbours[iri] if (levels[other] < level) == upward
                        and levels[other] != level]
                return (sum(near) / len(near)) if near else x[iri]

            members.sort(key=lambda iri: (barycentre(iri), current[iri]))


def _coordinates(layers: dict[int, list]) -> dict[str, tuple[float, float]]:
    """The layers' places on the canvas, bottom layer first; a layer wider than a row wraps into
    interleaved rows; virtual nodes hold their place and are left out."""
    top = max(layers, default=0)
    positions: dict[str, tuple[float, float]] = {}
    y = 0.0
    for level in range(top + 1):
        members = layers.get(level, [])
        rows = max(1, math.ceil(len(members) / ROW))
        columns = math.ceil(len(members) / rows) if members else 0
        for index, iri in enumerate(members):
            row, column = index % rows, index // rows  # in order along the layer, rows interleaved
            shift = (row / rows - 0.5 + 0.5 / rows) * SPACING if rows > 1 else 0.0
            if not isinstance(iri, tuple):
                positions[iri] = ((column - (columns - 1) / 2) * SPACING + shift, y - row * ROW_HEIGHT)
        y -= (rows - 1) * ROW_HEIGHT + LAYER_GAP
    return positions


def crossings(positions: dict[str, tuple[float, float]], edges: list[tuple[str, str]]) -> int:
    """Pairs of straight edges that cross, sharing no end: what the ordering is meant to reduce."""
    segments = [(positions[s], positions[t], s, t) for s, t in edges]
    count = 0
    for i, (a, b, s1, t1) in enumerate(segments):
        for c, d, s2, t2 in segments[i + 1:]:
            if {s1, t1} & {s2, t2}:
                continue
            if _ccw(a, c, d) != _ccw(b, c, d) and _ccw(a, b, c) != _ccw(a, b, d):
                count += 1
    return count


def _ccw(a, b, c) -> bool:
    return (c[1] - a[1]) * (b[0] - a[0]) > (b[1] - a[1]) * (c[0] - a[0])


def _parts(provision_ids: list[str], instrument: str, links: Links, root: str) -> dict | None:
    """Provisions of a step as the tree names them: each linked to its place on the instrument's
    page where that is in the corpus, past four their articles, the rest counted."""
    if not provision_ids:
        return None
    shown, more, what = shown_parts(provision_ids)
    return {"items": [{"label": provision_label(p), "page": with_root(root, links.page(provision_iri(instrument, p)))}
                      for p in shown], "more": f"{more} more {what}" if more else ""}


def lineage_tree(catalog: Catalog, start: str, links: Links | None = None, root: str = "") -> Markup:
    """The lineage as nested details/summary: one line per step, with its relation, what it
    points at (a link to its page) and the words of the text that state it (a link to them)."""
    from ..lineage import upstream

    links = links or Links(catalog)
    tree = upstream(catalog.graph, start)

    def line(parent: str, entry: dict, depth: int) -> dict:
        iri = entry["iri"]
        node = catalog.nodes.get(iri)
        relations = entry["relation"].split(", ")
        edge = next((catalog.edges[(parent, iri, r)] for r in relations if (parent, iri, r) in catalog.edges), None)
        quote = edge.quotes[0] if edge and edge.quotes else None
        stated, other = step_parts(catalog.provisions.get((parent, iri), {}), entry["relation"])
        return {"relations": relations, "label": node.label if node else node_id(iri),
                "parts": _parts(stated, iri, links, root), "also": _parts(other, iri, links, root),
                "anchor": _safe_name(node_id(iri)),
                "title": shorten(node.title or node.heading or "", 140) if node else "",
                "page": with_root(root, links.page(iri)), "seen": bool(entry.get("seen")),
                "quote": shorten(quote.words, 160) if quote else None,
                "evidence": with_root(root, links.evidence(quote)) if quote else None,
                "more": edge.count - 1 if edge else 0, "open": depth < 1,
                "children": [line(iri, child, depth + 1) for child in entry["children"]]}

    lines = [line(start, child, 0) for child in tree["children"]]
    count = len(_members(tree))
    node = catalog.nodes[start]
    return Markup(render("tree.html", start=node.label, anchor=_safe_name(node_id(start)),
                         page=with_root(root, links.page(start)), lines=lines,
                         count=count))
