"""Every namespace the project uses, declared once.

Plain strings, so that ``kg extract`` can mint IRIs without importing rdflib;
``bind_prefixes`` gives an rdflib graph the same prefixes.
"""
from __future__ import annotations

__all__ = ["KG", "ID", "ELI", "SKOS", "PROV", "PREFIXES", "bind_prefixes"]

KG = "https://w3id.org/kg-vn/ontology#"
ID = "https://w3id.org/kg-vn/id/"
ELI = "http://data.europa.eu/eli/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"

PREFIXES = {
    "kg": KG,
    "id": ID,
    "eli": ELI,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib graph (or anything with ``bind``)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
