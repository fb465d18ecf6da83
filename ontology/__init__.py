"""The ontology, SHACL shapes, named SPARQL queries and examples, installed as ``kg.ontology``.

Read them with ``importlib.resources.files("kg.ontology")``; the files themselves are the source.
"""
