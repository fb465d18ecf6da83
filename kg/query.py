"""Named SPARQL queries: the ``.rq`` files of ``ontology/queries``, run with bound parameters.

Each file says what it answers in its opening comments and declares its parameters there:
``# @param NAME KIND DESCRIPTION`` with KIND ``literal``, ``iri`` or ``integer``. A value given on
the command line becomes an RDF term of that kind and is bound to ``?NAME``; the query text is
never edited. (pyoxigraph substitutes only projected variables, so each parameter is also
selected; ``run_named`` drops those columns again.)

A query may also ask for labels: ``# @labels from to`` adds a column ``fromLabel`` after ``from``
(and ``toLabel`` after ``to``) holding each node's ``rdfs:label``, read by a second query that
binds the nodes of the answer in a VALUES block; ``# @order fromLabel relation toLabel`` then
orders the rows. (An OPTIONAL label pattern in the query itself is joined by Oxigraph 0.5 by
hashing every label in the store: 1.5 s for a task's lineage at 200,000 documents.)

>>> sorted(named_queries())[:4]
['alerts', 'amendment-chain', 'changes', 'dates-of-force']
>>> named_queries()["who-cites"].parameters["number"].kind
'literal'
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache

import pyoxigraph as ox

from .errors import QueryError
from .rdf import ontology_file

__all__ = ["Parameter", "NamedQuery", "named_queries", "bind", "run_named", "format_result"]

_PARAM = re.compile(r"^#\s*@param\s+(\w+)\s+(literal|iri|integer)\s+(.*)$")
_LIST = re.compile(r"^#\s*@(labels|order)\s+(.*)$")
_LABELS = """SELECT ?node ?label WHERE {
  VALUES ?node { %s }
  ?node <http://www.w3.org/2000/01/rdf-schema#label> ?label .
}"""
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    description: str
    parameters: dict[str, Parameter]
    labels: tuple[str, ...] = ()
    order: tuple[str, ...] = ()


@lru_cache(maxsize=None)
def named_queries() -> dict[str, NamedQuery]:
    """Every query shipped in ``kg.ontology/queries``, read once."""
    folder = ontology_file("kg.ttl").parent / "queries"
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        description, parameters, lists = [], {}, {"labels": (), "order": ()}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            match, listed = _PARAM.match(line), _LIST.match(line)
            if match:
                parameters[match[1]] = Parameter(match[1], match[2], match[3].strip())
            elif listed:
                lists[listed[1]] = tuple(listed[2].split())
            else:
                description.append(line.lstrip("# ").rstrip())
        queries[path.stem] = NamedQuery(path.stem, text, " ".join(description).strip(), parameters,
                                        lists["labels"], lists["order"])
    return queries


def bind(parameter: Parameter, value: str):
    """The RDF term for a parameter's value.

    >>> term = bind(Parameter("number", "literal", ""), '1" } ; DROP ALL ; #')
    >>> term.value, term.datatype.value
    ('1" } ; DROP ALL ; #', 'http://www.w3.org/2001/XMLSchema#string')
    """
    if parameter.kind == "iri":
        try:
            return ox.NamedNode(value)
        except ValueError as error:
            raise QueryError(f"--param {parameter.name}: not an IRI: {error}") from None
    if parameter.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"--param {parameter.name}: not an integer: {value!r}")
        return ox.Literal(value.strip(), datatype=XSD_INTEGER)
    return ox.Literal(value)


def run_named(store, name: str, values: dict[str, str], max_rows: int | None = None):
    """Run a named query on a store, every declared parameter bound."""
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"{name}: no such query (known: {', '.join(sorted(queries))})")
    query = queries[name]
    unknown = set(values) - set(query.parameters)
    if unknown:
        raise QueryError(f"{name}: unknown parameter(s) {', '.join(sorted(unknown))} "
                         f"(it takes: {', '.join(query.parameters) or 'none'})")
    missing = [p for p in query.parameters if p not in values]
    if missing:
        raise QueryError(f"{name}: missing parameter(s) {', '.join(missing)}: "
                         + "; ".join(f"{p} = {query.parameters[p].description}" for p in missing))
    bindings = {p: bind(query.parameters[p], v) for p, v in values.items()}
    kwargs = {} if max_rows is None else {"max_rows": max_rows}
    result = store.query(query.text, bindings, **kwargs)
    keep = [i for i, name in enumerate(result.variables) if name not in query.parameters]
    if len(keep) != len(result.variables):
        result = replace(result, variables=tuple(result.variables[i] for i in keep),
                         rows=tuple(tuple(row[i] for i in keep) for row in result.rows))
    return _labelled(store, result, query) if query.labels else result


def _labelled(store, result, query: NamedQuery):
    """``result`` with a label column after each of ``query.labels``, ordered by ``query.order``."""
    columns = [result.variables.index(name) for name in query.labels]
    nodes = {row[i] for row in result.rows for i in columns if isinstance(row[i], ox.NamedNode)}
    labels: dict = {}
    ordered = sorted(nodes, key=lambda node: node.value)
    for chunk in range(0, len(ordered), 1000):
        block = " ".join(str(node) for node in ordered[chunk:chunk + 1000])
        for node, label in store.query(_LABELS % block, max_rows=10**9).rows:
            labels.setdefault(node, label)
    variables, picks = [], []
    for i, name in enumerate(result.variables):
        variables.append(name)
        picks.append((i, False))
        if name in query.labels:
            variables.append(name + "Label")
            picks.append((i, True))
    rows = [tuple(labels.get(row[i]) if label else row[i] for i, label in picks) for row in result.rows]
    if query.order:
        keys = [variables.index(name) for name in query.order]
        rows.sort(key=lambda row: tuple("" if row[k] is None else row[k].value for k in keys))
    return replace(result, variables=tuple(variables), rows=tuple(rows))


def _cell(term) -> str:
    if term is None:
        return ""
    return term.value


def format_result(result, fmt: str = "table") -> str:
    """A result as an aligned text table, CSV, or SPARQL-like JSON records."""
    if result.boolean is not None:
        return json.dumps(result.boolean) if fmt == "json" else str(result.boolean).lower()
    if fmt == "json":
        return json.dumps({"variables": list(result.variables), "rows": result.records(),
                           "truncated": result.truncated}, ensure_ascii=False, indent=1)
    rows = [[_cell(term) for term in row] for row in result.rows]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    widths = [min(60, max([len(name)] + [len(row[i]) for row in rows])) for i, name in enumerate(result.variables)]

    def line(cells):
        return "  ".join((cell if len(cell) <= 60 else cell[:57] + "...").ljust(width)
                         for cell, width in zip(cells, widths)).rstrip()

    lines = [line(result.variables), line(["-" * w for w in widths])] + [line(row) for row in rows]
    lines.append(f"({len(rows)} rows{', truncated' if result.truncated else ''})")
    return "\n".join(lines)
