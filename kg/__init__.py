"""kg: a knowledge graph of Vietnamese legal documents.

The package reads as its data flow, one public entry point per stage:

- ``read_text`` / ``prepare_text``: bytes -> text, with offsets kept (``kg.text``)
- ``identify_document``: the citing document's own identity and context (``kg.identify``)
- ``find_references``: text -> references as written (``kg.find``)
- ``resolve_references``: references -> canonical instruments (``kg.resolve``)
- ``parse_sections``: text -> parts, items, tasks, articles (``kg.structure``)
- ``find_relations``: citations -> typed relations (``kg.relate``)
- ``extract_file`` / ``extract_text``: all of the above for one document (``kg.extract``)

Each stage, and the graph, queries and views (rdflib, pyoxigraph, networkx, pyvis), load only
when asked for, so extraction stays light and a reading command does not load the extractor. ``kg.open_build("build/")`` asks a built graph what the reading
commands ask it (``kg.api``).

>>> import kg
>>> [i.number for i, n in kg.extract_text("theo Nghị định số 154/2020/NĐ-CP").instruments()]
['154/2020/NĐ-CP']
"""
__all__ = [
    "read_text",
    "prepare_text",
    "identify_document",
    "find_references",
    "resolve_references",
    "parse_sections",
    "find_relations",
    "extract_file",
    "extract_text",
    "extract_paths",
    "open_build",
]

#: Where each entry point lives. Each stage loads on first use, so that a reading command
#: (``kg who-cites``, ``kg lineage``) does not load the extractor's modules and rules: 0.1-0.4 s
#: of every command's start.
_STAGES = {
    "read_text": "text", "prepare_text": "text", "identify_document": "identify", "find_references": "find",
    "resolve_references": "resolve", "parse_sections": "structure", "find_relations": "relate",
    "extract_file": "extract", "extract_text": "extract", "extract_paths": "extract",
    "open_build": "api", "Build": "api", "Records": "api",
}


def __getattr__(name: str):
    if name in _STAGES:
        from importlib import import_module

        return getattr(import_module(f".{_STAGES[name]}", __name__), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
