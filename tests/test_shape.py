"""The shape of the code, read from its syntax trees: the package is a data flow without loops.

A module imports only the stages before it (text -> references -> instruments -> graph -> queries and
views); an import inside a function or under ``TYPE_CHECKING`` counts too, since it ties the two
modules all the same.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kg"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, Path]:
    # kg/ontology is a link to ../ontology in a worktree: not a module of the package
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))
            if "ontology" not in path.relative_to(PACKAGE).parts}


def _imported(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of kg that ``name`` imports, anywhere in its body."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join(base + (node.module.split(".") if node.module else []))
            # "from . import lineage" imports the module kg.lineage; "from .models import Document" kg.models
            found.update(f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target
                         for alias in node.names)
    return {module for module in found if module in modules and module != name}


def _import_graph() -> dict[str, set[str]]:
    modules = _sources()
    return {name: _imported(name, path, modules) for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One loop of imports, as the modules along it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for imported in sorted(graph[module]):
            if state.get(imported) == 1:
                return path[path.index(imported):] + [imported]
            if imported not in state and (loop := visit(imported)):
                return loop
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (loop := visit(module)):
            return loop
    return None


def test_no_module_of_kg_imports_one_that_imports_it_back():
    graph = _import_graph()
    assert graph["kg.text"] == {"kg.models", "kg.readers"}  # the reading is seen at all
    loop = _cycle(graph)
    assert loop is None, " -> ".join(loop)


@pytest.mark.parametrize("graph, loop", [
    ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
    ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
])
def test_a_loop_of_imports_is_found(graph, loop):
    assert _cycle(graph) == loop
