"""The reading table: what the reading questions look up, written once by ``kg build`` beside the
store (``build/reading.sqlite``), so that a lineage, a who-cites or a node's label costs a few
SQLite queries instead of one store lookup a step (issues #17, #18).

Why: at 200,000 synthetic documents the on-disk store (2.3 GB) outgrows RocksDB's block cache, and
each index lookup costs ~35-45 µs of CPU; a lineage of 861 steps made ~3,500 of them, and
who-cites ~5 a row (11,383 rows for 158/2025/NĐ-CP at 30,374 files: 3.3-4 s). The table holds:

- ``facts``: the triples a reader looks up node by node (every relation between nodes, and what
  ``kg.network.describe`` reads of a node; of rdf:type, only the classes it tells apart), each once (the store holds one per graph that states
  it, and says so in ``graphs``), in the store's own order of objects (``seq``), so that "the
  first value" is the store's first value;
- ``citations``: the rows of the named query who-cites, for every number, as the query finds them
  (``times``: how often the same row comes, as the store's union of graphs repeats a match once
  per graph that holds it);
- ``provisions``: the provisions each node (or a section under it) names, by relation: what a
  lineage's steps say they rest on ("implements khoản 3 Điều 53 of ...", kg.effects.provisions_named).

One code path per question: ``kg.network`` and ``kg.query.run_named`` ask the table where a store
has one (``store.table``) and the store otherwise; ``tests/test_reading_table.py`` asks the corpus
every question both ways and finds the same rows. The table is written from the store in a
temporary file renamed into place (a killed build leaves none, or the previous one) and stamped
with graph.nq's size and time, as the store is: a reader uses it only when it holds the graph.nq
beside it.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .namespaces import XSD

__all__ = ["TABLE_FILE", "ReadingTable", "open_table", "table_is_fresh"]

TABLE_FILE = "reading.sqlite"
_VERSION = 2
_XSD_STRING = ox.NamedNode(XSD + "string")
_CHUNK = 900  # SQLite binds at most 999 parameters in older builds
#: The columns of ontology/queries/who-cites.rq, as its SELECT names them (a test holds them equal).
WHO_CITES_COLUMNS = ("number", "citing", "citingLabel", "section", "relation", "quote", "source")


def _stamp(source: Path) -> dict:
    stat = source.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "version": _VERSION}


def table_is_fresh(folder: str | Path) -> bool:
    """Whether ``folder/reading.sqlite`` was written from the graph.nq beside it (a stat, as for the store)."""
    folder = Path(folder)
    path, source = folder / TABLE_FILE, folder / "graph.nq"
    if not path.is_file() or not source.is_file():
        return False
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            stamp = json.loads(db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()[0])
    except (sqlite3.Error, TypeError, ValueError):
        return False
    return stamp == _stamp(source)


def open_table(folder: str | Path) -> ReadingTable | None:
    """The reading table of a build, or None when it is missing or older than graph.nq."""
    folder = Path(folder)
    return ReadingTable(folder / TABLE_FILE) if table_is_fresh(folder) else None


# ---------------------------------------------------------------- terms as rows

def _encode(term) -> tuple[int, str, str]:
    """(kind, value, datatype or language) of a pyoxigraph term: 0 IRI, 1 typed literal, 2 language
    literal, 3 blank node."""
    if isinstance(term, ox.NamedNode):
        return 0, term.value, ""
    if isinstance(term, ox.Literal):
        if term.language:
            return 2, term.value, term.language
        return 1, term.value, term.datatype.value
    return 3, term.value, ""


def _decode(kind: int, value: str, extra: str):
    if kind == 0:
        return ox.NamedNode(value)
    if kind == 1:
        return ox.Literal(value, datatype=ox.NamedNode(extra))
    if kind == 2:
        return ox.Literal(value, language=extra)
    return ox.BlankNode(value)


# ---------------------------------------------------------------- writing

class ReadingTable:
    """The table of a build, opened read-only: node lookups in batches, and who-cites by number."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self.predicates = frozenset(json.loads(
            self.db.execute("SELECT value FROM meta WHERE key = 'predicates'").fetchone()[0]))
        self._terms: dict[int, object] = {}

    def holds(self, predicates) -> bool:
        """Whether every one of ``predicates`` is in the table (else the store must be asked)."""
        return predicates is not None and set(predicates) <= self.predicates

    def _ids(self, iris: Iterable[str]) -> dict[str, int]:
        iris = list(dict.fromkeys(iris))
        found = {}
        for start in range(0, len(iris), _CHUNK):
            chunk = iris[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT value, id FROM terms WHERE value IN ({marks}) AND kind = 0",
                                         chunk).fetchall())
        return found

    def _term(self, ident: int | None):
        if ident is None:
            return None
        term = self._terms.get(ident)
        if term is None:
            row = self.db.execute("SELECT kind, value, extra FROM terms WHERE id = ?", (ident,)).fetchone()
            term = self._terms[ident] = _decode(*row)
        return term

    def _load_terms(self, idents: Iterable[int | None]) -> None:
        missing = list({i for i in idents if i is not None and i not in self._terms})
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for ident, kind, value, extra in self.db.execute(
                    f"SELECT id, kind, value, extra FROM terms WHERE id IN ({marks})", chunk):
                self._terms[ident] = _decode(kind, value, extra)

    def _pattern(self, nodes, predicates, outward: bool) -> list[tuple[str, str, object]]:
        """(node IRI, predicate IRI, other term) of the facts from ``nodes`` (to them if not
        ``outward``), by node, then predicate in the order given, then in the store's order."""
        ids = self._ids(nodes)
        predicate_ids = self._ids(predicates)
        if not ids or not predicate_ids:
            return []
        near, far = ("subject", "object") if outward else ("object", "subject")
        wanted = [predicate_ids[p] for p in predicates if p in predicate_ids]
        rank = {ident: position for position, ident in enumerate(wanted)}
        by_id = {ident: iri for iri, ident in ids.items()}
        rows = []
        idents = list(by_id)
        pmarks = ",".join("?" * len(wanted))
        for start in range(0, len(idents), _CHUNK - len(wanted)):
            chunk = idents[start:start + _CHUNK - len(wanted)]
            marks = ",".join("?" * len(chunk))
            rows += self.db.execute(f"SELECT {near}, predicate, {far}, seq FROM facts WHERE {near} IN ({marks}) "
                                    f"AND predicate IN ({pmarks})", chunk + wanted).fetchall()
        self._load_terms(row[2] for row in rows)
        self._load_terms(wanted)
        order = {iri: position for position, iri in enumerate(nodes)}
        rows.sort(key=lambda row: (order.get(by_id[row[0]], 0), rank[row[1]], row[3]))
        return [(by_id[node], self._terms[predicate].value, self._terms[other]) for node, predicate, other, _ in rows]

    def outgoing(self, nodes, predicates) -> list[tuple[str, str, object]]:
        """(node, predicate, object term) for each node: what ``quads_for_pattern(node, p, None)``
        gives for each predicate in turn, each triple once."""
        return self._pattern(list(nodes), list(predicates), True)

    def incoming(self, nodes, predicates) -> list[tuple[str, str, object]]:
        """(node, predicate, subject term) of the IRIs pointing at each node by ``predicates``."""
        return self._pattern(list(nodes), list(predicates), False)

    def who_cites(self, number) -> list[tuple]:
        """The rows of who-cites for a number (a pyoxigraph literal), as the query's columns:
        number, citing, citingLabel, section, relation, quote, source."""
        kind, value, extra = _encode(number)
        found = self.db.execute("SELECT id FROM terms WHERE value = ? AND kind = ? AND extra = ?",
                                (value, kind, extra)).fetchone()
        if found is None:
            return []
        rows = self.db.execute("SELECT number, citing, label, section, relation, quote, source, times "
                               "FROM citations WHERE number = ?", found).fetchall()
        self._load_terms(ident for row in rows for ident in row[:7])
        terms = self._terms
        out = []
        for row in rows:
            values = tuple(None if ident is None else terms[ident] for ident in row[:7])
            out.extend([values] * row[7])
        return out

    def answer(self, name: str, bindings: dict) -> tuple[tuple[str, ...], tuple] | None:
        """(columns, rows) of a named query the table holds (who-cites), else None: the store answers."""
        if name != "who-cites" or set(bindings) != {"number"}:
            return None
        return WHO_CITES_COLUMNS, tuple(self.who_cites(bindings["number"]))

    def provisions(self, nodes) -> list[tuple[str, str, str, str]]:
        """(node, instrument, relation, provision id) of what ``kg.effects.provisions_named`` asks."""
        ids = self._ids(nodes)
        by_id = {ident: iri for iri, ident in ids.items()}
        rows = []
        idents = list(by_id)
        for start in range(0, len(idents), _CHUNK):
            chunk = idents[start:start + _CHUNK]
            rows += self.db.execute(f"SELECT top, instrument, relation, provision FROM provisions WHERE top IN "
                                    f"({','.join('?' * len(chunk))})", chunk).fetchall()
        self._load_terms(ident for row in rows for ident in row[1:])
        return [(by_id[top], self._terms[instrument].value, self._terms[relation].value, self._terms[provision].value)
                for top, instrument, relation, provision in rows]

    def close(self) -> None:
        self.db.close()
