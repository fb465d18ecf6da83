"""Graph pages (vis-network): what a view holds, the node and edge lists a page draws, its options.

Three views: the corpus as an overview (instruments grouped by family, the most cited labelled,
edges shown for the node a reader selects), one document's neighbourhood, and lineages
(:mod:`kg.views.lineage`, laid out here in Python). Every node carries the page it leads to and
every edge the passages that state it, so a click always opens something.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from .catalog import NO_LONGER_STANDS, QUOTES_PER_EDGE, Catalog, Edge, Node, node_id
from .html import (FAMILY_COLOURS, FAMILY_WORDS, RELATIONS, SECTION_COLOUR, colour_of, family, render, shorten,
                   vis_assets)
from .links import Links, with_root
from ..relations import RESTS_ON

__all__ = ["View", "corpus_view", "document_view", "render_graph", "node_title", "edge_title", "PHYSICS_LIMIT",
           "SHAPES", "KIND_WORDS"]

#: Kind of node -> vis-network shape (every one of them sized by ``value``).
SHAPES = {"document": "square", "task": "diamond", "section": "triangleDown", "instrument": "dot"}
KIND_WORDS = {"document": "document in the corpus", "task": "task", "section": "section",
              "instrument": "instrument outside the corpus"}
#: Views larger than this are laid out here, before the page opens, and open with physics off:
#: vis-network's own physics took 41 s to stabilise the 7,300-node corpus in headless Chromium.
PHYSICS_LIMIT = 1000
#: How many of the most cited instruments of each group the overview labels.
LABELLED_PER_GROUP = 12


@dataclass
class View:
    """A subgraph to draw: nodes, edges; lineage views also each node's level and position."""

    title: str
    nodes: list[str]
    edges: list[tuple[str, str, str]]
    levels: dict[str, int] | None = None
    focus: str | None = None
    note: str = ""
    mode: str = "neighbourhood"  # overview, neighbourhood, lineage
    positions: dict[str, tuple[float, float]] | None = None
    labelled: set[str] | None = None  # None: every node labelled
    against: set[tuple[str, str, str]] = field(default_factory=set)  # edges that close a cycle
    groups: list[tuple[str, float, float]] = field(default_factory=list)  # overview: words, x, y


def corpus_view(catalog: Catalog) -> View:
    """Every instrument with an edge, a section's edges lifted to its document, grouped by family
    of instrument (laws, decrees, decisions, …): each group a disc, the most cited at its centre."""
    edges: set[tuple[str, str, str]] = set()
    for source, target, relation in catalog.edges:
        source, target = catalog.owner(source), catalog.owner(target)
        if source != target:
            edges.add((source, target, relation))
    used = sorted({end for edge in edges for end in edge[:2]})
    groups: dict[str, list[str]] = defaultdict(list)
    for iri in used:
        groups[family(catalog.nodes[iri].doc_type)].append(iri)
    positions, titles, labelled = _discs(catalog, groups)
    return View("The corpus: instruments by kind, the most cited labelled", used, sorted(edges), focus=None,
                note="Click an instrument to see its citations; search to find one.", mode="overview",
                positions=positions, labelled=labelled, groups=titles)


def _discs(catalog: Catalog, groups: dict[str, list[str]]):
    """Each group on a sunflower spiral, most cited first (at the centre); groups side by side in rows."""
    import math

    golden = math.pi * (3.0 - math.sqrt(5.0))
    step = 26.0
    order = [name for name in FAMILY_COLOURS if name in groups]
    positions: dict[str, tuple[float, float]] = {}
    titles: list[tuple[str, float, float]] = []
    labelled: set[str] = set()
    x = y = row_height = 0.0
    width = 0.0
    radii = {name: step * math.sqrt(len(groups[name])) + 80.0 for name in order}
    limit = max(4000.0, 2.2 * max(radii.values(), default=0.0))
    for name in order:
        members = sorted(groups[name], key=lambda iri: (-catalog.nodes[iri].cited, catalog.nodes[iri].label))
        radius = radii[name]
        if x and x + 2 * radius > limit:
            x, y, row_height = 0.0, y + row_height + 260.0, 0.0
        centre = (x + radius, y + radius + 120.0)
        for index, iri in enumerate(members):
            distance, angle = step * math.sqrt(index + 0.5), index * golden
            positions[iri] = (centre[0] + distance * math.cos(angle), centre[1] + distance * math.sin(angle))
        labelled.update(members[:LABELLED_PER_GROUP])
        titles.append((f"{FAMILY_WORDS[name]}: {len(members)}", centre[0], y + 40.0))
        x += 2 * radius + 260.0
        width = max(width, x)
        row_height = max(row_height, 2 * radius + 120.0)
    return positions, titles, labelled


def document_view(catalog: Catalog, document: str) -> View:
    """A document, its sections, what they rest on and what cites it."""
    node = catalog.nodes[document]
    members = {document} | {n.iri for n in catalog.sections_of(document)}
    edges = [key for key in catalog.edges if key[0] in members or key[1] in members]
    used = {end for edge in edges for end in edge[:2]} | {document}
    edges += [(iri, document, "partOf") for iri in sorted(used & members) if iri != document]
    return View(f"{node.label} and its neighbours", sorted(used), edges, focus=document)


# ---------------------------------------------------------------- what a page draws

def node_title(node: Node) -> str:
    """A node's tooltip, as text."""
    if node.kind in ("task", "section"):
        lines = [f"{KIND_WORDS[node.kind].capitalize()} {node.section_id} of {node.label.rsplit(' ', 1)[0]}"]
        if node.heading:
            lines.append(shorten(node.heading, 300))
        if node.lead:
            lines.append(f"Lead agency: {node.lead}")
        return "\n".join(lines)
    lines = [f"{node.doc_type or 'Văn bản'} {node.number}" if node.number else node.label,
             f"{KIND_WORDS[node.kind].capitalize()} · date {node.date or node.year or 'unknown'}",
             f"Issuer: {node.issuer or 'unknown'}"]
    if node.title:
        lines.append(f"Title: {shorten(node.title, 300)}")
    if node.paths:
        lines.append(f"File: {', '.join(node.paths)}")
    lines.append(f"Cited {node.cited} time{'s' if node.cited != 1 else ''}" if node.cited
                 else "Not cited in the corpus")
    return "\n".join(lines)


def edge_title(edge: Edge | None, relation: str, quotes: int = QUOTES_PER_EDGE) -> str:
    words = RELATIONS[relation][0]
    if edge is None:
        return words
    lines = [f"{words} ({edge.count} statement{'s' if edge.count != 1 else ''})"]
    for quote in edge.quotes[:quotes]:
        where = f"{quote.path} @{quote.start}" if quote.start is not None else quote.path
        lines.append(f"“{shorten(quote.words, 300)}” — {where}")
    shown = min(len(edge.quotes), quotes)
    if edge.count > shown:
        lines.append(f"… and {edge.count - shown} more")
    return "\n".join(lines)


def _lists(catalog: Catalog, view: View, links: Links, root: str) -> tuple[list[dict], list[dict]]:
    """The node and edge lists of a page: short integer ids (edges name both ends, 23k times in the corpus)."""
    large = len(view.nodes) > PHYSICS_LIMIT
    quotes = 1 if large else QUOTES_PER_EDGE
    positions = view.positions
    if positions is None and view.levels is None and large:
        from .layout import layout

        positions = layout(catalog, view)
    numbers: dict[str, int] = {}
    nodes = []
    median = sorted(catalog.nodes[i].cited + 1 for i in view.nodes)[len(view.nodes) // 2] if view.nodes else 1
    for iri in view.nodes:
        node = catalog.nodes[iri]
        colour = SECTION_COLOUR if node.kind in ("task", "section") else colour_of(node.doc_type)
        label = shorten(node.label, 32) if view.labelled is None or iri in view.labelled else ""
        entry = {"id": len(nodes), "key": node.id, "label": label, "name": node.label, "title": node_title(node),
                 "shape": SHAPES[node.kind], "color": {"background": colour, "border": "#333333"},
                 "value": node.cited + 1, "kind": node.kind, "year": node.year}
        page, lineage = with_root(root, links.page(iri)), links.lineages.get(iri)
        if page:
            entry["page"] = page
        if lineage:
            entry["lineage"] = root + lineage
        if view.levels is not None:
            entry["level"] = view.levels[iri]
        if positions is not None:
            entry["x"], entry["y"] = positions[iri]
        if node.standing in NO_LONGER_STANDS:  # drawn with a dashed red border, and said in its label
            entry["color"]["border"] = "#d50000"
            entry["borderWidth"] = 3
            entry["shapeProperties"] = {"borderDashes": [6, 3]}
            entry["standing"] = node.standing
            entry["title"] = f"{entry['title']}\n{node.standing.upper()} (kg status)"
            if label:
                entry["label"] = f"{label} ({node.standing})"
        if iri == view.focus:
            entry["borderWidth"] = 4
            # The task a lineage starts from is rarely cited: draw it at the size of the median node.
            entry["value"] = max(entry["value"], median)
        nodes.append(entry)
        numbers[iri] = entry["id"]
    edges = []
    for key in view.edges:
        source, target, relation = key
        edge = catalog.edges.get(key)
        # Label, colour and dashes come from the relation, in the page's script: a third of the size.
        entry = {"from": numbers[source], "to": numbers[target], "relation": relation,
                 "title": edge_title(edge, relation, quotes)}
        if edge is not None and not large:
            found = [(shorten(q.words, 120), with_root(root, links.evidence(q))) for q in edge.quotes]
            entry["evidence"] = [[words, href] for words, href in found if href][:QUOTES_PER_EDGE]
        if key in view.against:
            entry["against"] = True
        edges.append(entry)
    return nodes, edges


def options(view: View, size: int) -> dict:
    result = {
        "autoResize": True,
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}, "borderWidth": 1,
                  "scaling": {"min": 8, "max": 40, "label": {"enabled": False}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "smooth": False, "width": 1,
                  "font": {"size": 11, "align": "middle", "color": "#444444"}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": size > 1000,
                        "hideEdgesOnZoom": size > 1000, "navigationButtons": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }
    if view.mode == "lineage":
        result["physics"] = {"enabled": False}
        result["nodes"]["scaling"] = {"min": 10, "max": 26, "label": {"enabled": False}}
        result["edges"]["smooth"] = {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical",
                                     "roundness": 0.35}
    elif view.positions is not None or size > PHYSICS_LIMIT:
        result["physics"] = {"enabled": False}
    else:
        # Stabilise a bounded number of iterations, then the page turns physics off.
        result["physics"] = {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 110, "springConstant": 0.04,
                          "damping": 0.4, "avoidOverlap": 0.05},
            "minVelocity": 1.0,
            "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 20, "fit": True},
        }
    return result


def render_graph(catalog: Catalog, view: View, assets: str | None = None, links: Links | None = None,
                 root: str = "", home: str | None = None, crumbs: list[tuple[str, str | None]] | None = None,
                 tree: Markup | None = None) -> str:
    """The HTML of a graph view. ``assets`` is the relative path of a folder holding
    vis-network.min.js and vis-network.css (a site); without it both are inlined (one file).
    ``links`` says where nodes and passages have their pages (paths from the site's root);
    ``root`` leads from this page to that root ("../../")."""
    links = links or Links(catalog)
    nodes, edges = _lists(catalog, view, links, root)
    script, style = (None, None) if assets else vis_assets()
    families = sorted({family(catalog.nodes[iri].doc_type) for iri in view.nodes if catalog.nodes[iri].is_instrument},
                      key=list(FAMILY_COLOURS).index)
    relations = [name for name in RELATIONS if any(edge[2] == name for edge in view.edges)]
    years = sorted({catalog.nodes[iri].year for iri in view.nodes if catalog.nodes[iri].year})
    kinds = sorted({catalog.nodes[iri].kind for iri in view.nodes}, key=list(SHAPES).index)
    return render(
        "graph.html", title=view.title, note=view.note, assets=assets, vis_script=Markup(script) if script else None,
        vis_style=Markup(style) if style else None, home=home, crumbs=crumbs or [], tree=tree, mode=view.mode,
        data={"nodes": nodes, "edges": edges, "options": options(view, len(nodes)), "restsOn": list(RESTS_ON),
              "relations": {name: list(RELATIONS[name]) for name in relations}, "mode": view.mode,
              "groups": [[words, x, y] for words, x, y in view.groups],
              "hierarchical": view.levels is not None, "focus": node_id(view.focus) if view.focus else None},
        legend_types=[(FAMILY_WORDS[name], FAMILY_COLOURS[name]) for name in families],
        legend_kinds=[(KIND_WORDS[kind], SHAPES[kind]) for kind in kinds],
        section_colour=SECTION_COLOUR, relations=[(name, *RELATIONS[name]) for name in relations],
        years=years, counts=(len(nodes), len(edges)), against=len(view.against),
        no_longer=sum(1 for entry in nodes if entry.get("standing")))
