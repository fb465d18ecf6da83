"""Draw an exported citation network (``kg export --format graphml``) as a PNG, the way a
researcher would open it in networkx: the instruments most cited, their communities and the
edges between them. Writes docs/network.png for the README. Needs matplotlib (the test extra).

    kg export build/ --format graphml -o build/network.graphml
    .venv/bin/python tools/draw_network.py build/network.graphml -o docs/network.png [--top 40]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import networkx as nx


def draw(source: Path, output: Path, top: int = 40, seed: int = 3) -> tuple[int, int]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kg.network import rank

    network = nx.read_graphml(source, force_multigraph=True)
    ranked = {r.iri: r for r in rank(network)}
    cited = sorted(ranked.values(), key=lambda r: (-r.in_degree, r.label))[:top]
    keep = {r.iri for r in cited}
    # the texts citing two or more of them: what ties the most cited instruments together
    citing = {}
    for source_node, target in network.edges():
        if target in keep and source_node not in keep:
            citing.setdefault(source_node, set()).add(target)
    texts = {node for node, targets in citing.items() if len(targets) >= 2}
    simple = nx.DiGraph()
    simple.add_nodes_from(keep | texts)
    simple.add_edges_from((u, v) for u, v in network.edges() if u in simple and v in keep and u != v)
    communities = sorted({ranked[n].community for n in keep})
    palette = plt.get_cmap("tab10")
    colour = {c: palette(i % 10) for i, c in enumerate(communities)}
    layout = nx.spring_layout(simple.to_undirected(), seed=seed, iterations=300)
    figure, axes = plt.subplots(figsize=(16, 11))
    nx.draw_networkx_edges(simple, layout, ax=axes, alpha=0.12, arrows=False, edge_color="#444444")
    nx.draw_networkx_nodes(simple, layout, nodelist=sorted(texts), ax=axes, node_color="#bbbbbb", node_size=14)
    nx.draw_networkx_nodes(simple, layout, nodelist=[r.iri for r in cited], ax=axes,
                           node_color=[colour[r.community] for r in cited],
                           node_size=[40 + 14 * r.in_degree for r in cited], alpha=0.92, edgecolors="white")
    labels = {r.iri: network.nodes[r.iri].get("number") or network.nodes[r.iri]["label"].split(" (")[0][:26]
              for r in cited}
    nx.draw_networkx_labels(simple, layout, labels, ax=axes, font_size=8)
    axes.set_title(f"The {len(keep)} instruments the corpus cites most, and the {len(texts)} texts citing two or more "
                   f"of them ({source.name}: {network.number_of_nodes():,} instruments, "
                   f"{network.number_of_edges():,} edges)\nsize = texts citing it; colour = Louvain community; "
                   "grey = a citing text", fontsize=11)
    axes.axis("off")
    figure.tight_layout()
    output.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(output, dpi=90)
    plt.close(figure)
    return simple.number_of_nodes(), simple.number_of_edges()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graphml", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("docs/network.png"))
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    nodes, edges = draw(args.graphml, args.output, args.top)
    print(f"{args.output}: {nodes} nodes, {edges} edges")


if __name__ == "__main__":
    main()
