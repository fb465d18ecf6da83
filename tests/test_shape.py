"""The shape of the code, read from its syntax trees: the package is a data flow without loops, and
its functions fit a screen.

A module imports only the stages before it (text -> references -> instruments -> graph -> queries and
views); an import inside a function or under ``TYPE_CHECKING`` counts too, since it ties the two
modules all the same. A function longer than ``LONGEST`` lines is a pipeline to write as named steps,
unless the comment just above it (above its decorators) says why it stays whole: "# Long because ...".
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kg"
#: The most lines a function may take, from its ``def`` to its last line, without a reason given.
LONGEST = 60
REASON = "# Long because"


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


def _readme_order() -> list[str]:
    """The modules the README's Layout lists, in its order ("kg/rdf/" then "  terms.py" is kg.rdf.terms)."""
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("\n## Layout\n", 1)[1].split("```\n", 2)[1]
    order, package = [], None
    for line in block.splitlines():
        if found := re.match(r"(kg/(?:\w+/)*)(\w+)\.py\s", line):
            order.append(_module_name(PACKAGE.parent / found.group(1) / f"{found.group(2)}.py"))
        elif found := re.match(r"(kg/\w+/)\s", line):
            package = found.group(1)
        elif (found := re.match(r"  (\w+)\.py\s", line)) and package:
            order.append(_module_name(PACKAGE.parent / package / f"{found.group(1)}.py"))
    return order


def test_the_readme_lists_every_module_in_the_order_of_the_data_flow():
    """Each module the README's Layout lists imports only modules listed above it."""
    order = _readme_order()
    graph = _import_graph()
    assert sorted(order) == sorted(graph)  # every module, once
    above: set[str] = set()
    for module in order:
        assert graph[module] <= above, f"{module} imports {sorted(graph[module] - above)}, listed below it"
        above.add(module)


@pytest.mark.parametrize("graph, loop", [
    ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
    ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
])
def test_a_loop_of_imports_is_found(graph, loop):
    assert _cycle(graph) == loop


# ---------------------------------------------------------------- functions that fit a screen

def _long_functions(source: str, longest: int = LONGEST) -> list[tuple[str, int, int]]:
    """``(name, line, length)`` of each function over ``longest`` lines with no reason above it."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        length = node.end_lineno - node.lineno + 1
        first = min([node.lineno] + [decorator.lineno for decorator in node.decorator_list])
        above = lines[first - 2].strip() if first > 1 else ""
        if length > longest and not above.startswith(REASON):
            found.append((node.name, node.lineno, length))
    return found


def test_every_long_function_of_kg_says_why_it_stays_long():
    found = [f"{path.relative_to(PACKAGE.parent)}:{line} {name} ({length} lines)"
             for path in _sources().values()
             for name, line, length in _long_functions(path.read_text(encoding="utf-8"))]
    assert not found, (f"longer than {LONGEST} lines: write as named steps, or say above it "
                       f"'{REASON} ...': " + "; ".join(found))


def _function(name: str, body_lines: int, above: str = "", decorated: bool = False) -> str:
    head = (above + "\n" if above else "") + ("@lru_cache\n" if decorated else "")
    return head + f"def {name}():\n" + "    x = 1\n" * body_lines


@pytest.mark.parametrize("source, found", [
    (_function("short", LONGEST - 1), []),
    (_function("long", LONGEST), [("long", 1, LONGEST + 1)]),
    (_function("explained", LONGEST, "# Long because one table of cases reads best whole"), []),
    (_function("decorated", LONGEST, "# Long because one table of cases reads best whole", decorated=True), []),
    (_function("far", LONGEST, "# Long because a reason\nx = 0"), [("far", 3, LONGEST + 1)]),
    (_function("vague", LONGEST, "# long, sorry"), [("vague", 2, LONGEST + 1)]),
])
def test_a_long_function_without_its_reason_is_found(source, found):
    assert _long_functions(source) == found


def _named_twice(source: str) -> list[str]:
    """The module-level names a module binds more than once (a def, a class or an assignment): the later silently
    takes the earlier's place for every use, the earlier's included."""
    seen, twice = set(), []
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        elif isinstance(node, ast.Assign):
            names = [target.id for target in node.targets if isinstance(target, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        else:
            continue
        for name in names:
            if name in seen and name not in twice:
                twice.append(name)
            seen.add(name)
    return twice


def test_no_module_of_kg_binds_one_name_twice():
    # (7935efe: relate.py named a new pattern _SENTENCE_END, as a pattern further down was already named; the second
    # took the first's place)
    found = [f"{path.relative_to(PACKAGE.parent)}: {name}" for path in _sources().values()
             for name in _named_twice(path.read_text(encoding="utf-8"))]
    assert not found, "bound twice at module level: " + "; ".join(found)


@pytest.mark.parametrize("source, twice", [
    ('A = re.compile("a")\ndef f():\n    return A\nA = re.compile("b")\n', ["A"]),
    ("def f():\n    pass\ndef f():\n    pass\n", ["f"]),
    ("A = 1\nB = 2\n", []),
])
def test_a_name_bound_twice_is_found(source, twice):
    assert _named_twice(source) == twice
