"""A graph -> its SHACL violations: pyshacl over ontology/shapes.ttl, with ontology/kg.ttl mixed in.

>>> report = validate(ontology_file("examples/valid/plan-task.ttl"))
>>> report.conforms, report.violations
(True, [])
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import GraphError
from .namespaces import SH
from .rdf import ontology_file, ontology_quads

__all__ = ["Violation", "ValidationReport", "validate", "load_graph"]



@dataclass(frozen=True)
class Violation:
    """One result of the shapes: which node, along which property, and what is wrong."""

    focus: str
    path: str | None
    message: str
    value: str | None = None

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value {self.value})" if self.value else ""
        return f"{self.focus}{where}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    source: str
    conforms: bool
    triples: int
    violations: list[Violation] = field(default_factory=list)


def load_graph(source: str | Path):
    """An rdflib graph of the triples in a build directory (its graph.nq), a Turtle, N-Triples or N-Quads file
    (the graphs of N-Quads merged), named in the error when it cannot be read."""
    import rdflib

    path = Path(source)
    if path.is_dir():  # graph.nq: every build writes it (graph.ttl only with --ttl)
        path = path / "graph.nq"
    if not path.is_file():
        raise GraphError(f"{source}: no graph here (expected a build directory or a .ttl/.nt/.nq file)")
    suffix = path.suffix.lower()
    try:
        if suffix in (".nq", ".trig"):
            from .store import _rdflib_own_deprecation

            with _rdflib_own_deprecation():  # rdflib's parser reads its own deprecated attribute
                dataset = rdflib.Dataset()
                dataset.parse(path, format="nquads" if suffix == ".nq" else "trig")
                graph = rdflib.Graph()
                for s, p, o, _ in dataset.quads((None, None, None, None)):
                    graph.add((s, p, o))
            return graph
        return rdflib.Graph().parse(path, format={".nt": "nt"}.get(suffix, "turtle"))
    except Exception as error:  # rdflib raises parser-specific types; the message is what matters
        raise GraphError(f"{source}: cannot be parsed: {error}") from None


def validate(source) -> ValidationReport:
    """Check a graph (a path, or an rdflib graph) against the shapes; never raises on violations."""
    import pyshacl
    import rdflib
    from pyoxigraph import RdfFormat, serialize

    graph = source if isinstance(source, rdflib.Graph) else load_graph(source)
    shapes = rdflib.Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    # The ontology is merged in by hand: sh:class needs its subclass axioms and the concepts
    # of document types as data, and pyshacl's ont_graph mixes in only part of it.
    data = rdflib.Graph()
    data.parse(data=serialize([q.triple for q in ontology_quads()], format=RdfFormat.N_TRIPLES), format="nt")
    for triple in graph:
        data.add(triple)
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes,
                                            inference="none", advanced=True, allow_warnings=False)
    violations = []
    for result in results.subjects(rdflib.RDF.type, rdflib.URIRef(SH + "ValidationResult")):
        def value(name):
            found = results.value(result, rdflib.URIRef(SH + name))
            return None if found is None else str(found)
        violations.append(Violation(value("focusNode"), value("resultPath"), value("resultMessage") or "",
                                    value("value")))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    name = "<graph>" if isinstance(source, rdflib.Graph) else str(source)
    return ValidationReport(name, bool(conforms), len(graph), violations)
