"""The static site: an index, the corpus overview, and per document its annotated page, its
neighbourhood and lineage pages; per instrument outside the corpus, what cites it.

Every page is written atomically and only inside the output directory: names derived from input
paths and numbers are slugged, and checked (:func:`kg.views.html.write_page`).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..effects import changed_instruments
from ..errors import KGError
from .catalog import Catalog, Node, node_id
from .catalog import mark_standing
from .document import Facts, annotate, effects_facts, standing_facts
from .graph import corpus_view, document_view, render_graph
from .html import TEMPLATES, _safe_name, vis_assets, write_page
from .index import index_page, index_rows
from .instrument import instrument_page
from .lineage import lineage_tree, lineage_view
from .links import Links, section_anchor

__all__ = ["SiteReport", "write_site", "source_urls"]


@dataclass
class SiteReport:
    """What ``kg site`` wrote: counts, the corpus view's size, and where each page went."""

    documents: int = 0
    pages: int = 0
    bytes: int = 0
    corpus_nodes: int = 0
    corpus_edges: int = 0
    failed: list[str] = field(default_factory=list)
    #: IRI -> page, relative to the site's root: each document's text, neighbourhood, lineage,
    #: and each cited instrument's own page.
    texts: dict[str, str] = field(default_factory=dict)
    graphs: dict[str, str] = field(default_factory=dict)
    lineages: dict[str, str] = field(default_factory=dict)
    instruments: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [f"{self.documents} documents, {self.pages} pages, {self.bytes / 1e6:.1f} MB; corpus view "
                 f"{self.corpus_nodes} nodes, {self.corpus_edges} edges; {len(self.failed)} files failed"]
        return "\n".join(lines + [f"failed: {failure}" for failure in self.failed])


def source_urls(path: Path, cache: dict) -> str | None:
    """The gazette's URL of a source file, from an ``index.json`` beside it or a few folders up
    (corpus/congbao/index.json: entries with ``path`` and ``nguon_url``), matched by path."""
    path = Path(path).resolve()
    for folder in list(path.parents)[:4]:
        index = folder / "index.json"
        if index not in cache:
            urls = {}
            if index.is_file():
                try:
                    entries = json.loads(index.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    entries = []
                for entry in entries if isinstance(entries, list) else []:
                    url = entry.get("nguon_url") if isinstance(entry, dict) else None
                    if isinstance(url, str) and url.startswith(("https://", "http://")) and entry.get("path"):
                        urls[str((folder / entry["path"]).resolve())] = url
            cache[index] = urls
        if str(path) in cache[index]:
            return cache[index][str(path)]
    return None


def _names(nodes: list[Node]) -> dict[str, str]:
    names, taken = {}, set()
    for node in nodes:
        base = _safe_name(node_id(node.iri).replace("/", "-"), 100)
        name, index = base, 1
        while name in taken:
            index += 1
            name = f"{base}-{index}"
        taken.add(name)
        names[node.iri] = name
    return names


def _plan(catalog: Catalog) -> Links:
    """Where every page goes, decided before any is written, so each page can link to all others."""
    links = Links(catalog)
    documents = catalog.documents()
    names = _names(documents)
    for node in documents:
        name = names[node.iri]
        for number, label in enumerate(node.paths):
            page = f"doc/{name}.html" if number == 0 else f"doc/{name}-{_safe_name(label, 60)}.html"
            links.by_path[label] = page
        links.texts[node.iri] = links.by_path[node.paths[0]]
        links.graphs[node.iri] = f"graph/{name}.html"
    cited = sorted((n for n in catalog.nodes.values() if n.kind == "instrument" and catalog.incoming(n.iri)),
                   key=lambda n: n.iri)
    for iri, name in _names(cited).items():
        links.instruments[iri] = f"instrument/{name}.html"
    # Lineage pages: the document's, each task's, and each top-level section's (a part, an
    # article) that rests on something; a lineage page for every clause of every decree made
    # the site 200 MB and added little to the article's own.
    for node in documents:
        name = names[node.iri]
        if _rests(catalog, node.iri):
            links.lineages[node.iri] = f"lineage/{name}/index.html"
        used = set()
        for section in catalog.sections_of(node.iri):
            if section.kind != "task" and "." in (section.section_id or ""):
                continue
            if _rests(catalog, section.iri):
                page = _safe_name(section.section_id or "section", 60)
                while page in used or page == "index":
                    page += "-"
                used.add(page)
                links.lineages[section.iri] = f"lineage/{name}/{page}.html"
    return links


def _rests(catalog: Catalog, iri: str) -> bool:
    from ..relations import RESTS_ON

    graph = catalog.graph
    # a text that only names itself (a self-citation) rests on nothing: no lineage page of one node
    return iri in graph and any(key in RESTS_ON and target != iri for _, target, key in graph.out_edges(iri, keys=True))


def write_site(paths: Iterable[str | Path], output: str | Path, catalog: Catalog, log=None,
               store=None) -> SiteReport:
    """The static site: index.html, graph.html (the corpus overview), and per document
    doc/NAME.html (annotated text, facts, status and timeline when ``store`` is given (kg.status),
    citations both ways, outline), graph/NAME.html
    (neighbourhood) and lineage/NAME/*.html (the document's lineage and each of its sections');
    per cited instrument outside the corpus, instrument/NAME.html."""
    from ..extract import extract_paths
    from ..text import read_text

    output = Path(output)
    report = SiteReport()
    script, style = vis_assets()
    for name, content in (("static/vis-network.min.js", script), ("static/vis-network.css", style),
                          ("static/graph.js", (TEMPLATES / "graph.js").read_text(encoding="utf-8"))):
        report.bytes += len(content.encode())
        write_page(output, name, content)
        report.pages += 1

    def emit(relative: str, content: str) -> None:
        write_page(output, relative, content)
        report.pages += 1
        report.bytes += len(content.encode())

    if store is not None:
        mark_standing(catalog, store)  # lineages mark what no longer stands
    links = _plan(catalog)
    for iri, page in links.lineages.items():
        root = "../" * page.count("/")
        node = catalog.nodes[iri]
        document = catalog.nodes[node.document] if node.document else node
        crumbs = [("Documents", root + "index.html"), (document.label, root + links.texts[document.iri])]
        if node.document:
            crumbs.append((f"{node.kind} {node.section_id}",
                           root + links.texts[document.iri] + "#" + section_anchor(node.section_id or "")))
        crumbs.append(("lineage", None))
        emit(page, render_graph(catalog, lineage_view(catalog, iri), assets=root + "static", links=links, root=root,
                                home=root + "index.html", crumbs=crumbs,
                                tree=lineage_tree(catalog, iri, links, root)))
    corpus = corpus_view(catalog)
    report.corpus_nodes, report.corpus_edges = len(corpus.nodes), len(corpus.edges)
    emit("graph.html", render_graph(catalog, corpus, assets="static", links=links, home="index.html",
                                    crumbs=[("Documents", "index.html"), ("corpus overview", None)]))
    for iri, page in links.graphs.items():
        node = catalog.nodes[iri]
        emit(page, render_graph(catalog, document_view(catalog, iri), assets="../static", links=links, root="../",
                                home="../index.html", crumbs=[("Documents", "../index.html"),
                                                              (node.label, "../" + links.texts[iri]),
                                                              ("neighbourhood", None)]))
    # Status and effects only for what some text changes: asking each of thousands cited is slow.
    changed = changed_instruments(store) if store is not None else set()
    for iri, page in links.instruments.items():
        node = catalog.nodes[iri]
        status = standing_facts(store, iri)[0] if store is not None and (node.standing or iri in changed) else None
        effects = effects_facts(store, iri, node.number, links, "../") if iri in changed else None
        emit(page, instrument_page(catalog, iri, links, "../", "../index.html", status, effects))

    by_path = {path: node for node in catalog.documents() for path in node.paths}
    extra: dict[str, dict] = {}
    urls: dict = {}
    for path, result in extract_paths(list(paths)):
        if isinstance(result, KGError):
            report.failed.append(str(result))
            continue
        label = _label_of(path, by_path)
        node = by_path.get(label) if label else None
        if node is None:
            report.failed.append(f"{path}: not in the graph (build it with the same inputs)")
            continue
        page = links.by_path[label]
        status, dated = standing_facts(store, node.iri) if store is not None else (None, None)
        changed = effects_facts(store, node.iri, node.number, links, "../") if store is not None else None
        facts = Facts(label=label, source_url=source_urls(Path(path), urls), status=status, timeline=dated,
                      effects=changed)
        emit(page, annotate(result, read_text(path).original, graph_page="../" + links.graphs[node.iri],
                            catalog=catalog, links=links, root="../", home="../index.html", facts=facts))
        report.documents += 1
        report.texts.setdefault(node.iri, page)
        extra.setdefault(node.iri, {"file": label, "title": result.document.instrument.title,
                                    "references": len(result.citations),
                                    "tasks": sum(1 for s in result.sections if s.kind == "task")})
        if log:
            log(page)
    written = Links(catalog, texts={iri: page for iri, page in links.texts.items() if iri in extra},
                    instruments=links.instruments, lineages=links.lineages, graphs=links.graphs)
    emit("index.html", index_page(index_rows(catalog, written, extra), (report.corpus_nodes, report.corpus_edges),
                                  report.failed))
    report.graphs, report.lineages, report.instruments = links.graphs, links.lineages, links.instruments
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
