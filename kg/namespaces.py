"""Every namespace the project uses, declared once.

Plain strings, so that ``kg extract`` can mint IRIs without importing rdflib;
``bind_prefixes`` gives an rdflib graph the same prefixes, ``sparql_prefixes`` a query its
PREFIX lines.

>>> sparql_prefixes("kg", "rdfs")
'PREFIX kg: <https://w3id.org/kg-vn/ontology#>\\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\\n'
"""
from __future__ import annotations

__all__ = ["KG", "ID", "ELI", "SKOS", "PROV", "DCTERMS", "RDF", "RDFS", "XSD", "OWL", "SH", "PREFIXES",
           "bind_prefixes", "sparql_prefixes"]

KG = "https://w3id.org/kg-vn/ontology#"
ID = "https://w3id.org/kg-vn/id/"
ELI = "http://data.europa.eu/eli/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES = {
    "kg": KG,
    "id": ID,
    "eli": ELI,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "owl": OWL,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
}


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib graph (or anything with ``bind``)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)


def sparql_prefixes(*names: str) -> str:
    """The PREFIX lines that open a SPARQL query, one for each prefix named ("kg", "eli", "rdf"...)."""
    return "".join(f"PREFIX {name}: <{({'rdf': RDF} | PREFIXES)[name]}>\n" for name in names)
