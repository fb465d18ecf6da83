"""Named SPARQL queries: the ``.rq`` files of ``ontology/queries``, run with bound parameters.

Each file says what it answers in its opening comments and declares its parameters there:
``# @param NAME KIND DESCRIPTION`` with KIND ``literal``, ``iri`` or ``integer``. A value given on
the command line becomes an RDF term of that kind and is bound to ``?NAME``; the query text is
never edited. (pyoxigraph substitutes only projected variables, so each parameter is also
selected; ``run_named`` drops those columns again.)

A query may also ask for labels: ``# @labels from to`` adds a column ``fromLabel`` after ``from``
(and ``toLabel`` after ``to``) holding each node's ``rdfs:label``, read by a second query that
binds the nodes of the answer in a VALUES block. ``# @order fromLabel relation toLabel`` orders the
rows in Python, comparing values as text, instead of an ORDER BY (which Oxigraph on disk pays for
by reading terms back comparison after comparison). (An OPTIONAL label pattern in the query itself is joined by Oxigraph 0.5 by
hashing every label in the store: 1.5 s for a task's lineage at 200,000 documents.)

A query names relations by what they are, never one by one: ``{{path rests_on -first_step_only}}``
becomes ``kg:basedOn|kg:implements|...`` (a property path), ``{{inverse-path amendment_chain}}``
``^kg:amends|^kg:replaces``, and ``{{list effect}}`` ``kg:amends, kg:replaces, ...`` (for ``IN``),
each from the declaration in ``kg/data/relations.json`` (``kg.relations.having`` reads the flags).

``# @question ...`` says in a researcher's words what the query answers: ``kg query --list`` shows
it, one line a query (a file without it is listed by its description's first sentence).

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
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .errors import QueryError
from .namespaces import XSD, sparql_prefixes
from .rdf import ontology_file
from .relations import having

if TYPE_CHECKING:
    from .store import Result, Store

__all__ = ["Parameter", "NamedQuery", "named_queries", "bind", "run_named", "format_result", "page",
           "labelled_records", "fit_widths", "numbered_values"]

_PARAM = re.compile(r"^#\s*@param\s+(\w+)\s+(literal|iri|integer)\s+(.*)$")
_LIST = re.compile(r"^#\s*@(labels|order)\s+(.*)$")
_QUESTION = re.compile(r"^#\s*@question\s+(.*)$")
_EXAMPLE_VALUE = re.compile(r'\("([^"]+)"\)')
_LABELS = sparql_prefixes("rdfs") + """SELECT ?nodeIndex ?label WHERE {
  %s
  ?node rdfs:label ?label .
}"""
XSD_INTEGER = ox.NamedNode(XSD + "integer")
_RELATIONS = re.compile(r"\{\{(path|inverse-path|list) ([\w -]+)\}\}")
_RELATION_FORMS = {"path": ("kg:{}", "|"), "inverse-path": ("^kg:{}", "|"), "list": ("kg:{}", ", ")}


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
    question: str = ""

    @property
    def example(self) -> str:
        """A command that runs it, each parameter given the example its description quotes.

        >>> named_queries()["who-cites"].example
        'kg query build/ who-cites --param number=15/2019/QĐ-UBND'
        """
        words = ["kg query build/", self.name]
        for parameter in self.parameters.values():
            found = _EXAMPLE_VALUE.search(parameter.description)
            value = found[1] if found else parameter.name.upper()
            words.append(f"--param {parameter.name}={value}" if " " not in value else f'--param "{parameter.name}={value}"')
        return " ".join(words)

    def help(self) -> str:
        """What ``kg query NAME --help`` prints: the question, the parameters, an example, the notes."""
        lines = [f"{self.name}: {self.question}", ""]
        if self.parameters:
            lines.append("Parameters (--param NAME=VALUE):")
            lines += [f"  {p.name:<10} {p.description}" for p in self.parameters.values()]
        else:
            lines.append("Parameters: none")
        lines += ["", "Example:", f"  {self.example}", "", "How it answers:"]
        import textwrap

        lines += textwrap.wrap(self.description, 96, initial_indent="  ", subsequent_indent="  ")
        return "\n".join(lines)


@lru_cache(maxsize=None)
def named_queries() -> dict[str, NamedQuery]:
    """Every query shipped in ``kg.ontology/queries``, read once."""
    folder = ontology_file("kg.ttl").parent / "queries"
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        text = relations_filled(path.read_text(encoding="utf-8"), path.name)
        description, parameters, lists, question = [], {}, {"labels": (), "order": ()}, []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            match, listed, asked = _PARAM.match(line), _LIST.match(line), _QUESTION.match(line)
            if asked:
                question.append(asked[1].strip())
            elif match:
                parameters[match[1]] = Parameter(match[1], match[2], match[3].strip())
            elif listed:
                lists[listed[1]] = tuple(listed[2].split())
            else:
                description.append(line.lstrip("# ").rstrip())
        described = " ".join(description).strip()
        # a query without its own @question is asked by its description's first sentence
        asked = " ".join(question) or re.split(r"(?<=[.:])\s", described, maxsplit=1)[0].rstrip(".:")
        queries[path.stem] = NamedQuery(path.stem, text, described, parameters, lists["labels"], lists["order"],
                                        asked)
    return queries


def relations_filled(text: str, source: str = "query") -> str:
    """The query with each ``{{FORM FLAG...}}`` written out as the relations the flags select.

    >>> relations_filled("?a ({{path rests_on -first_step_only}})* ?b")
    '?a (kg:basedOn|kg:implements|kg:amends|kg:guides|kg:consolidates|kg:issuedWith)* ?b'
    >>> relations_filled("FILTER (?r IN ({{list effect}}))")
    'FILTER (?r IN (kg:amends, kg:replaces, kg:repeals, kg:suspends))'
    """
    def written(match: re.Match) -> str:
        term, separator = _RELATION_FORMS[match[1]]
        try:
            return separator.join(term.format(relation.property) for relation in having(*match[2].split()))
        except ValueError as error:
            raise QueryError(f"{source}: {match[0]}: {error}") from None

    filled = _RELATIONS.sub(written, text)
    if "{{" in filled:
        raise QueryError(f"{source}: a '{{{{' that is not a list of relations "
                         "({{path|inverse-path|list FLAG...}})")
    return filled


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


def run_named(store: Store, name: str, values: dict[str, str], max_rows: int | None = None) -> Result:
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
    # Rows ordered here (``@order``) are all read first, so that a cut keeps the first in that order.
    kwargs = {} if max_rows is None and not query.order else {"max_rows": None if query.order else max_rows}
    table = getattr(store, "table", None)  # the build's reading table (kg.reading_table), where it answers
    answer = table.answer(name, bindings) if table is not None else None
    from .store import Result

    result = Result(*answer) if answer is not None else store.query(query.text, bindings, **kwargs)
    keep = [i for i, name in enumerate(result.variables) if name not in query.parameters]
    if len(keep) != len(result.variables):
        result = replace(result, variables=tuple(result.variables[i] for i in keep),
                         rows=tuple(tuple(row[i] for i in keep) for row in result.rows))
    if query.labels:
        result = _labelled(store, result, query)
    if not query.order:
        return result
    from .store import DEFAULT_MAX_ROWS

    return _ordered(result, query.order, DEFAULT_MAX_ROWS if max_rows is None else max_rows)


def _ordered(result: Result, order: tuple[str, ...], max_rows: int) -> Result:
    """The rows in the order of the ``order`` columns, compared as text (an unbound value first, as
    SPARQL's ORDER BY puts it), the first ``max_rows`` of them. Sorted here rather than by ORDER BY:
    Oxigraph on disk reads each compared term back from its dictionary of strings, comparison after
    comparison (who-cites at 20,000 synthetic documents: 29 ms of CPU with ORDER BY, 17 ms without)."""
    keys = [result.variables.index(name) for name in order]
    # then every other column: rows equal in the ordered columns come in one order whatever the
    # store (or the reading table) gave them in
    keys += [index for index in range(len(result.variables)) if index not in keys]
    rows = sorted(result.rows, key=lambda row: tuple("" if row[k] is None else row[k].value for k in keys))
    return replace(result, rows=tuple(rows[:max_rows]), truncated=result.truncated or len(rows) > max_rows)


def numbered_values(name: str, nodes) -> str:
    """A VALUES block giving each node (an IRI, or a pyoxigraph NamedNode) a number:
    ``(?name ?nameIndex)``. An answer that names a node by its number instead of its IRI spares
    the store writing the IRI out again: on disk, Oxigraph reads each IRI of an answer back from
    its dictionary of strings (the labels of a lineage's 255 nodes at 20,000 synthetic documents:
    3 ms without their IRIs, 28 ms with them).

    >>> numbered_values("node", ["http://a", "http://b"])
    'VALUES (?node ?nodeIndex) { (<http://a> 0) (<http://b> 1) }'
    """
    rows = " ".join(f"({node if isinstance(node, ox.NamedNode) else ox.NamedNode(node)} {index})"
                    for index, node in enumerate(nodes))
    return f"VALUES (?{name} ?{name}Index) {{ {rows} }}"


def _labelled(store: Store, result: Result, query: NamedQuery) -> Result:
    """``result`` with a label column after each of ``query.labels``."""
    columns = [result.variables.index(name) for name in query.labels]
    nodes = {row[i] for row in result.rows for i in columns if isinstance(row[i], ox.NamedNode)}
    labels: dict = {}
    ordered = sorted(nodes, key=lambda node: node.value)
    for chunk in range(0, len(ordered), 1000):
        block = ordered[chunk:chunk + 1000]
        for index, label in store.query(_LABELS % numbered_values("node", block), max_rows=10**9).rows:
            labels.setdefault(block[int(index.value)], label)
    variables, picks = [], []
    for i, name in enumerate(result.variables):
        variables.append(name)
        picks.append((i, False))
        if name in query.labels:
            variables.append(name + "Label")
            picks.append((i, True))
    rows = [tuple(labels.get(row[i]) if label else row[i] for i, label in picks) for row in result.rows]
    return replace(result, variables=tuple(variables), rows=tuple(rows))


def page(result, offset: int = 0, limit: int | None = None):
    """Rows ``offset`` to ``offset + limit`` of a result (all from ``offset`` with None)."""
    if result.boolean is not None:
        return result
    end = None if limit is None else offset + limit
    return replace(result, rows=result.rows[offset:end])


def _cell(term) -> str:
    if term is None:
        return ""
    return term.value


def _iri_columns(result) -> list[int]:
    return [i for i in range(len(result.variables))
            if any(isinstance(row[i], ox.NamedNode) for row in result.rows)]


def labelled_records(result, labels: dict[str, str] | None = None) -> tuple[list[str], list[dict]]:
    """Columns and rows as plain values, the IRIs kept and, after each column of IRIs that has no
    label column of its own, a ``…Label`` column saying what each IRI is (``labels``: IRI -> words)."""
    labels = labels or {}
    added = [i for i in _iri_columns(result) if result.variables[i] + "Label" not in result.variables]
    columns = []
    for i, name in enumerate(result.variables):
        columns.append(name)
        if i in added:
            columns.append(name + "Label")
    rows = []
    for row in result.rows:
        record = {}
        for i, name in enumerate(result.variables):
            record[name] = None if row[i] is None else row[i].value
            if i in added:
                record[name + "Label"] = labels.get(row[i].value, row[i].value) if isinstance(row[i], ox.NamedNode) \
                    else record[name]
        rows.append(record)
    return columns, rows


def _display_table(result, labels: dict[str, str]) -> tuple[list[str], list[list[str]], frozenset[int]]:
    """Columns and cells for people: an IRI shown as its label, a column that only labelled another
    left out (the label now stands in the column it labelled); and the columns of labels, which
    keep their width longest when the table must shrink."""
    iris = set(_iri_columns(result))
    dropped = {i for i, name in enumerate(result.variables)
               if name.endswith("Label") and name[:-len("Label")] in result.variables
               and result.variables.index(name[:-len("Label")]) in iris}
    keep = [i for i in range(len(result.variables)) if i not in dropped]
    cells = [[labels.get(row[i].value, row[i].value) if isinstance(row[i], ox.NamedNode) else _cell(row[i])
              for i in keep] for row in result.rows]
    favoured = frozenset(position for position, i in enumerate(keep) if i in iris)
    return [result.variables[i] for i in keep], cells, favoured


def fit_widths(headers: list[str], rows: list[list[str]], width: int, gap: int = 2,
               favoured: frozenset[int] = frozenset()) -> list[int]:
    """Column widths that fit ``width`` characters: the widest column gives way first (a
    ``favoured`` column, one naming instruments, as if it were half as wide), none below its
    header's first twelve characters (or six).

    >>> fit_widths(["a", "b"], [["x" * 50, "y" * 50]], 40)
    [19, 19]
    >>> fit_widths(["a", "b"], [["x" * 50, "y" * 50]], 40, favoured=frozenset({0}))
    [23, 15]
    """
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    floors = [min(w, max(6, min(len(h), 12))) for w, h in zip(widths, headers)]
    weight = [0.5 if i in favoured else 1.0 for i in range(len(headers))]
    while sum(widths) + gap * (len(widths) - 1) > width:
        widest = max(range(len(widths)), key=lambda i: ((widths[i] - floors[i]) * weight[i], widths[i]))
        if widths[widest] <= floors[widest]:
            break
        widths[widest] -= 1
    return widths


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())  # a quote's line breaks would break the row
    return text if len(text) <= width else text[:max(width - 1, 0)] + "…"


def format_result(result, fmt: str = "table", labels: dict[str, str] | None = None, width: int | None = None,
                  total: int | None = None) -> str:
    """A result for people (``table``: labels for IRIs, relations as words, columns fitted to
    ``width``, the terminal's by default) or for tools (``csv``, ``tsv``, ``json``: the IRIs kept,
    their labels in columns of their own). ``labels`` maps IRIs to words (``kg.network.describe``);
    ``total`` is the number of rows the whole answer has, when ``result`` is a page of it."""
    if result.boolean is not None:
        return json.dumps(result.boolean) if fmt == "json" else str(result.boolean).lower()
    labels = labels or {}
    if fmt == "json":
        columns, records = labelled_records(result, labels)
        payload = {"variables": columns, "rows": records, "truncated": result.truncated}
        if total is not None:
            payload["total"] = total
        return json.dumps(payload, ensure_ascii=False, indent=1)
    if fmt in ("csv", "tsv"):
        columns, records = labelled_records(result, labels)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n", **({"delimiter": "\t"} if fmt == "tsv" else {}))
        writer.writerow(columns)
        writer.writerows([["" if r[c] is None else r[c] for c in columns] for r in records])
        return out.getvalue().rstrip("\n")
    if fmt != "table":
        raise QueryError(f"{fmt}: no such format (table, csv, tsv or json)")
    headers, rows, favoured = _display_table(result, labels)
    if width is None:
        import shutil

        width = shutil.get_terminal_size((120, 24)).columns
    widths = fit_widths(headers, [[" ".join(c.split()) for c in row] for row in rows], width, favoured=favoured)
    numeric = [bool(rows) and all(re.fullmatch(r"-?[\d.]+(e-?\d+)?", r[i]) for r in rows if r[i])
               for i in range(len(headers))]

    def line(cells):
        return "  ".join(_clip(cell, w).rjust(w) if right else _clip(cell, w).ljust(w)
                         for cell, w, right in zip(cells, widths, numeric)).rstrip()

    lines = [line(headers), line(["─" * w for w in widths])] + [line(row) for row in rows]
    shown = len(rows)
    count = total if total is not None else shown
    lines.append(f"({shown} of {count} rows)" if count != shown else f"({shown} rows)")
    return "\n".join(lines)
