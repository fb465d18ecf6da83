"""kg: a knowledge graph of Vietnamese legal documents.

The package reads as its data flow, one public entry point per stage:

- ``read_text`` / ``prepare_text``: bytes -> text, with offsets kept (``kg.text``)
- ``identify_document``: the citing document's own identity and context (``kg.identify``)
- ``find_references``: text -> references as written (``kg.find``)
- ``resolve_references``: references -> canonical instruments (``kg.resolve``)
- ``parse_sections``: text -> parts, items, tasks, articles (``kg.structure``)
- ``find_relations``: citations -> typed relations (``kg.relate``)
- ``extract_file`` / ``extract_text``: all of the above for one document (``kg.extract``)

The graph, queries and views (rdflib, pyoxigraph, networkx, pyvis) load only when asked for,
so extraction stays light. ``kg.open_build("build/")`` asks a built graph what the reading
commands ask it (``kg.api``).

>>> import kg
>>> [i.number for i, n in kg.extract_text("theo Nghị định số 154/2020/NĐ-CP").instruments()]
['154/2020/NĐ-CP']
"""
from .extract import extract_file, extract_paths, extract_text
from .find import find_references
from .identify import identify_document
from .relate import find_relations
from .resolve import resolve_references
from .structure import parse_sections
from .text import prepare_text, read_text

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


def __getattr__(name: str):
    if name in ("open_build", "Build", "Records"):  # the graph's libraries load on first use
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
