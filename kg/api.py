"""The reading commands as Python: open a build, ask it questions, get plain records back.

>>> import kg
>>> corpus = kg.open_build("build/")                            # doctest: +SKIP
>>> corpus.who_cites("15/2019/QĐ-UBND")[0]["citing_label"]      # doctest: +SKIP
'Kế hoạch 322/KH-UBND (2023, Ủy ban nhân dân tỉnh Kon Tum)'
>>> corpus.rank(relation="based_on").to_pandas().head()         # doctest: +SKIP

Every answer is a ``Records``: a list of plain dicts (IRIs and labels as text, numbers as
numbers), with ``to_pandas()`` when pandas is installed and ``table()`` for the text kg prints.
The store is the one kg build left beside graph.nq, opened read-only (kg.store).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import KGError, QueryError
from .namespaces import XSD

if TYPE_CHECKING:
    from .store import Store

__all__ = ["Build", "Records", "open_build"]


class Records(list):
    """Rows as plain dicts, in order; ``to_pandas()`` for a DataFrame."""

    def to_pandas(self):
        """A pandas DataFrame of the rows (pandas is not a dependency of kg: install it to use this)."""
        try:
            import pandas
        except ImportError:
            raise KGError("to_pandas() needs pandas: pip install pandas") from None
        return pandas.DataFrame(list(self))

    def table(self, width: int = 120) -> str:
        """The rows as the aligned text table kg prints."""
        from .query import fit_widths

        if not self:
            return "(0 rows)"
        headers = list(self[0])
        cells = [["" if row.get(h) is None else str(row[h]) for h in headers] for row in self]
        widths = fit_widths(headers, cells, width)

        def clip(text, size):
            return text if len(text) <= size else text[:size - 1] + "…"

        lines = ["  ".join(clip(h, w).ljust(w) for h, w in zip(headers, widths)).rstrip(),
                 "  ".join("─" * w for w in widths)]
        lines += ["  ".join(clip(c, w).ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
        return "\n".join(lines)


def open_build(location: str | Path = "build", store: str = "auto") -> Build:
    """A build directory (or a SPARQL endpoint URL) to ask questions of."""
    return Build(location, store)


class Build:
    """A built corpus graph, asked as the kg commands ask it."""

    def __init__(self, location: str | Path = "build", store: str = "auto"):
        from .store import open_store

        self.location = location
        self.store: Store = open_store(location, store)

    def __repr__(self) -> str:
        return f"Build({str(self.location)!r}, store from {getattr(self.store, 'source', '?')})"

    # ------------------------------------------------------------ who is who
    def find(self, number: str, task: str | None = None) -> str:
        """The IRI of a document or instrument by its number (or of one of its tasks)."""
        from .network import find_node

        return find_node(self.store, number, task)

    def describe(self, number_or_iri: str) -> dict:
        """What the graph says of an instrument: label, type, number, issuer, date, locality, title,
        in the corpus or not, times cited."""
        from dataclasses import asdict

        from .network import describe

        iri = number_or_iri if number_or_iri.startswith(("http://", "https://")) else self.find(number_or_iri)
        return asdict(describe(self.store, [iri])[iri])

    # ------------------------------------------------------------ questions
    def query(self, name: str, **params: str) -> Records:
        """A named query (``kg query --list``), parameters as keywords, a label column after each
        column of IRIs."""
        from .network import describe
        from .query import labelled_records, run_named

        result = run_named(self.store, name, params, max_rows=None)
        iris = {term.value for row in result.rows for term in row if _is_iri(term)}
        labels = {iri: d.label for iri, d in describe(self.store, iris).items()}
        numbers = {i for i, name in enumerate(result.variables) if result.rows and all(
            _number(row[i]) is not None for row in result.rows if row[i] is not None)}
        records = labelled_records(result, labels)[1]
        for row, terms in zip(records, result.rows):
            for i in numbers:
                row[result.variables[i]] = _number(terms[i])
        return Records(records)

    def who_cites(self, number: str) -> Records:
        """The documents citing an instrument: citing document, section, relation, quoted words, file."""
        from .network import describe
        from .query import run_named

        result = run_named(self.store, "who-cites", {"number": number}, max_rows=None)
        rows = result.records()
        named = describe(self.store, {r["citing"] for r in rows} | {r["relation"] for r in rows})
        return Records({"citing": r["citing"], "citing_label": named[r["citing"]].label, "section": r["section"],
                        "relation": named[r["relation"]].label, "quote": r["quote"], "source": r["source"]}
                       for r in rows)

    def lineage(self, number: str, task: str | None = None, down: bool = False, depth: int | None = None) -> Records:
        """The lineage of a document or task as edges, one a step: from, relation, to, depth (the
        start is depth 0), each instrument expanded once, as ``kg lineage`` draws it."""
        tree = self.lineage_tree(number, task, down=down, depth=depth)
        named = self._labels(tree)
        edges = Records()

        def walk(entry, level):
            for child in entry["children"]:
                source, target = (child, entry) if down else (entry, child)
                edges.append({"from": source["iri"], "from_label": named.get(source["iri"], source["label"]),
                              "relation": child["relation"], "to": target["iri"],
                              "to_label": named.get(target["iri"], target["label"]), "depth": level + 1})
                walk(child, level + 1)

        walk(tree, 0)
        return edges

    def lineage_tree(self, number: str, task: str | None = None, down: bool = False,
                     depth: int | None = None) -> dict:
        """The nested tree ``kg lineage --format json`` prints."""
        from .network import lineage_tree

        return lineage_tree(self.store, self.find(number, task), down=down, depth=depth)

    def status(self, number: str, as_of: str | None = None) -> Records:
        """``kg status``: the instrument's state on ``as_of`` (today without it), derived from what
        the texts state; one row per change that the corpus states (amended, replaced, repealed,
        suspended), or one row with the state alone when none is stated."""
        from .network import describe
        from .status import instruments_numbered, standing

        rows = []
        for iri in instruments_numbered(self.store, number):
            answer = standing(self.store, iri, as_of)
            named = describe(self.store, {iri} | {change.by for change in answer.changes})
            base = {"instrument": iri, "label": named[iri].label if iri in named else answer.label,
                    "state": answer.state, "as_of": answer.as_of,
                    "in_force_from": answer.in_force_from[0] if answer.in_force_from else None,
                    "in_force_until": answer.in_force_until[0] if answer.in_force_until else None}
            for change in answer.changes:
                evidence = change.evidence[0] if change.evidence else None
                rows.append(dict(base, changed_by=change.by,
                                 changed_by_label=named[change.by].label if change.by in named else change.by_label,
                                 effect=change.effect, partial=change.partial, date=change.date,
                                 date_basis=change.date_basis, quote=evidence.quote if evidence else None,
                                 source=evidence.source if evidence else None))
            if not answer.changes:
                rows.append(dict(base, changed_by=None, changed_by_label=None, effect=None, partial=False,
                                 date=None, date_basis=None, quote=None, source=None))
        return Records(rows)

    def check(self, number: str, as_of: str | None = None) -> Records:
        """``kg check``: for each task of a plan, what its lineage rests on that was changed, before
        or after the plan was issued, with the path and the words."""
        from .status import alerts, instruments_numbered

        rows = []
        for task, found in alerts(self.store, instruments_numbered(self.store, number)[0], as_of).items():
            for alert in found:
                rows.append({"task": task, "instrument": alert.standing.iri, "label": alert.standing.label,
                             "effect": alert.change.effect, "changed_by": alert.change.by_label,
                             "date": alert.change.date, "before_plan": alert.before_plan,
                             "path": " -> ".join(f"{step.relation} {step.label}" for step in alert.path),
                             "quote": alert.change.evidence[0].quote if alert.change.evidence else None})
        return Records(rows)

    def timeline(self, number: str, lineage: bool = True) -> Records:
        """``kg timeline``: every dated event of an instrument (and of what it rests on), in order."""
        from .status import instruments_numbered, timeline

        return Records({"date": event.date, "event": event.kind, "instrument": event.subject, "detail": event.detail}
                       for event in timeline(self.store, instruments_numbered(self.store, number)[0], lineage))

    # ------------------------------------------------------------ the network
    def network(self, tasks: bool = False):
        """The citation network of instruments (kg export) as a networkx MultiDiGraph."""
        from .network import citation_network

        return citation_network(self.store, tasks=tasks)

    def rank(self, relation: str | list[str] | None = None, by: str | None = None) -> Records:
        """In-degree, PageRank, HITS hub and authority and Louvain community of each instrument,
        over one relation (or several: "based_on", "implements"...) or all; summed ``by`` issuer,
        year, type or community if asked. Highest PageRank first."""
        from dataclasses import asdict

        from .network import group_ranking, rank

        relations = None if relation is None else [_relation_key(r) for r in
                                                     ([relation] if isinstance(relation, str) else relation)]
        rows = rank(self.network(), relations)
        if by:
            return Records(group_ranking(rows, by))
        return Records(asdict(row) for row in rows)

    def export(self, path: str | Path, fmt: str = "graphml", tasks: bool = False) -> list[Path]:
        """Write the network (graphml, gexf, csv or jsonld); the files written."""
        from .network import write_network

        return write_network(self.network(tasks=tasks), path, fmt)

    def _labels(self, tree: dict) -> dict[str, str]:
        from .network import describe

        iris = set()

        def collect(entry):
            if entry["iri"]:
                iris.add(entry["iri"])
            for child in entry["children"]:
                collect(child)

        collect(tree)
        return {iri: d.label for iri, d in describe(self.store, iris).items()}




def _number(term):
    """An xsd:integer, decimal or double literal as a Python number; None for anything else."""
    import pyoxigraph as ox

    if not isinstance(term, ox.Literal):
        return None
    kind = term.datatype.value
    if kind in (XSD + "integer", XSD + "int", XSD + "long"):
        return int(term.value)
    if kind in (XSD + "decimal", XSD + "double", XSD + "float"):
        return float(term.value)
    return None


def _is_iri(term) -> bool:
    import pyoxigraph as ox

    return isinstance(term, ox.NamedNode)


def _relation_key(name: str) -> str:
    """A relation as kg names it ("basedOn") from the ways a person writes it: based_on, based-on,
    "based on", basedOn."""
    from .lineage import ALL_RELATIONS

    wanted = name.replace("-", "").replace("_", "").replace(" ", "").lower()
    for key in ALL_RELATIONS:
        if key.lower() == wanted:
            return key
    raise QueryError(f"{name}: no such relation (one of {', '.join(ALL_RELATIONS)})")
