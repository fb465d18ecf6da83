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
  lineage's steps say they rest on ("implements khoản 3 Điều 53 of ...", kg.effects.provisions_named);
- ``steps`` and ``shown``, made from ``facts``: each relation between two IRIs, a node's kept
  together, and each node's label as kg lineage draws it, so that a lineage is one recursive
  query (``ReadingTable.lineage``: SQLite walks it in C).

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

from .namespaces import ELI, KG, XSD

__all__ = ["TABLE_FILE", "ReadingTable", "open_table", "table_is_fresh"]

TABLE_FILE = "reading.sqlite"
_VERSION = 3
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


# ---------------------------------------------------------------- reading

#: The nodes a lineage reaches (kg.network.lineage_tree's walk): ``start``, what it reaches by any
#: of the relations, then by the later ones. Each node once (UNION), so the walk ends.
_REACH = """reach(node) AS (
    SELECT :start
    UNION SELECT {far} FROM steps WHERE {near} = :start AND +predicate IN ({first})
    UNION SELECT steps.{far} FROM reach CROSS JOIN steps ON steps.{near} = reach.node
        WHERE +steps.predicate IN ({later}))"""
#: The same within ``depth`` steps: a node is expanded if it is reached in fewer (its fewest).
_REACH_TO_DEPTH = """reached(node, level) AS (
    SELECT :start, 0
    UNION SELECT {far}, 1 FROM steps WHERE {near} = :start AND +predicate IN ({first})
    UNION SELECT steps.{far}, reached.level + 1 FROM reached CROSS JOIN steps ON steps.{near} = reached.node
        WHERE +steps.predicate IN ({later}) AND reached.level BETWEEN 1 AND :depth - 1),
    reach(node) AS (SELECT node FROM reached GROUP BY node HAVING min(level) < :depth)"""
#: Every step out of each node reached (into it, down), ranked by the order of the relations
#: asked; the IRIs and labels of the nodes are read after, once a node (a lineage of 861 steps
#: reaches ~430 nodes by ~1,500 steps). A node's steps are read in one range of its index, the
#: relations not asked for (rare: repeals, replaces, suspends) skipped there (``+``: not sought
#: one relation at a time, 7 seeks a node).
_LINEAGE = """WITH RECURSIVE {reach}
SELECT steps.{near}, {rank}, steps.{far} FROM reach CROSS JOIN steps ON steps.{near} = reach.node
    WHERE +steps.predicate IN ({later}) OR (reach.node = :start AND +steps.predicate IN ({first}))
    ORDER BY steps.{near}, 2, steps.seq"""
#: kg.lineage's _NUMBERED and _TASK on the table (the same first row).
_NUMBERED = """SELECT terms.value, EXISTS (SELECT 1 FROM facts AS held WHERE held.object = facts.subject
        AND held.predicate = ?) AS held
    FROM facts JOIN terms ON terms.id = facts.subject WHERE facts.object = ? AND facts.predicate = ?
    ORDER BY held DESC, terms.value LIMIT 1"""
_TASK = """SELECT terms.value FROM facts AS numbered
    CROSS JOIN facts AS part ON part.object = numbered.subject AND part.predicate = ?
    CROSS JOIN facts AS id ON id.subject = part.subject AND id.predicate = ? AND +id.object = ?
    CROSS JOIN terms ON terms.id = part.subject
    WHERE numbered.object = ? AND numbered.predicate = ?
    ORDER BY terms.value LIMIT 1"""


class ReadingTable:
    """The table of a build, opened read-only: node lookups in batches, and who-cites by number."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        # pages kept once read (SQLite's default keeps 2 MB): a lineage's ~430 nodes at 200,000
        # synthetic documents are scattered over the table's terms (1.5 ms read again, 0.6 ms kept)
        self.db.execute("PRAGMA cache_size = -65536")
        self.predicates = frozenset(json.loads(
            self.db.execute("SELECT value FROM meta WHERE key = 'predicates'").fetchone()[0]))
        self._terms: dict[int, object] = {}
        #: whether the graph records the provisions its texts name (kg.network._names_provisions)
        self.names_provisions = bool(self.db.execute("SELECT EXISTS (SELECT 1 FROM provisions)").fetchone()[0])

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

    def lineage(self, start: str, relations: dict[str, str], later, down: bool = False,
                depth: int | None = None) -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
        """The steps of a lineage walked breadth-first from ``start`` (``relations``, {predicate
        IRI: its name}, from it, only those ``later`` names beyond; into a node if ``down``; ``depth``
        steps at most), {node: [(relation name, other node)]} in the order of ``outgoing``
        (``incoming``), and the label kg lineage draws for every node reached. One recursive
        query: SQLite walks ``steps`` in C (an 861-step lineage at 200,000 synthetic documents was
        12 queries, one a step of the walk, and ~20,000 Python objects: 17 ms of CPU, now ~4)."""
        ids = self._ids([start, *relations])
        first = ids.get(start)
        names = list(relations.values())
        wanted = [(ids[p], rank, name in later) for rank, (p, name) in enumerate(relations.items()) if p in ids]
        if first is None or not wanted:
            return {}, {start: self.shown([start]).get(start, start)}
        near, far = ("object", "subject") if down else ("subject", "object")
        listed = {"first": ", ".join(str(int(ident)) for ident, _, _ in wanted),
                  "later": ", ".join(str(int(ident)) for ident, _, later in wanted if later) or "NULL"}
        rank = "CASE steps.predicate " + " ".join(f"WHEN {int(i)} THEN {rank}" for i, rank, _ in wanted) + " END"
        reach = (_REACH if depth is None else _REACH_TO_DEPTH).format(near=near, far=far, **listed)
        rows = self.db.execute(_LINEAGE.format(reach=reach, near=near, far=far, rank=rank, **listed),
                               {"start": first, "depth": depth}).fetchall()
        nodes = list({first, *(row[2] for row in rows)})
        iris = dict(self._values(nodes, "SELECT id, value FROM terms WHERE id IN ({})"))
        labels = {iri: iri for iri in iris.values()}
        labels.update((iris[node], label) for node, label in self._values(nodes, "SELECT node, label FROM shown "
                                                                                   "WHERE node IN ({})"))
        steps: dict[str, list[tuple[str, str]]] = {}
        for node, rank, other in rows:
            steps.setdefault(iris[node], []).append((names[rank], iris[other]))
        return steps, labels

    def _values(self, idents: list[int], query: str) -> list[tuple]:
        """The rows of ``query`` for ``idents`` bound in its IN ({}), in chunks SQLite takes."""
        rows = []
        for start in range(0, len(idents), _CHUNK):
            chunk = idents[start:start + _CHUNK]
            rows += self.db.execute(query.format(",".join("?" * len(chunk))), chunk).fetchall()
        return rows

    def shown(self, nodes) -> dict[str, str]:
        """{node: its label as kg lineage draws it} of the nodes that have one (kg.network._short_labels)."""
        ids = self._ids(nodes)
        by_id = {ident: iri for iri, ident in ids.items()}
        found = {}
        idents = list(by_id)
        for start in range(0, len(idents), _CHUNK):
            chunk = idents[start:start + _CHUNK]
            found.update((by_id[node], label) for node, label in self.db.execute(
                f"SELECT node, label FROM shown WHERE node IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def find_start(self, number: str, task: str | None = None) -> str | None:
        """What kg.lineage.find_start answers (the first of its query's rows), or None: the document
        numbered ``number``, one held in the corpus first, then by IRI; or its task ``task``."""
        ids = self._ids([ELI + "number", KG + "describes", KG + "inDocument", KG + "sectionId"])
        literals = {value: ident for value, ident in self.db.execute(
            "SELECT value, id FROM terms WHERE value IN (?, ?) AND kind = 1 AND extra = ?",
            (number, task or number, XSD + "string"))}
        if number not in literals or (task is not None and task not in literals) or len(ids) < 4:
            return None
        if task is None:
            found = self.db.execute(_NUMBERED, (ids[KG + "describes"], literals[number], ids[ELI + "number"])).fetchone()
        else:
            found = self.db.execute(_TASK, (ids[KG + "inDocument"], ids[KG + "sectionId"], literals[task],
                                            literals[number], ids[ELI + "number"])).fetchone()
        return None if found is None else found[0]

    def close(self) -> None:
        self.db.close()
