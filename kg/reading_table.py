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
import os
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .namespaces import ELI, KG, RDF, RDFS, XSD

__all__ = ["TABLE_FILE", "ReadingTable", "write_reading_table", "open_table", "table_is_fresh"]

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

def _held_predicates() -> list[str]:
    """The predicates of ``facts``: every relation (a lineage's steps) and what describe reads."""
    from .network import _DESCRIBED_BY
    from .relations import properties

    return list(dict.fromkeys([*(KG + name for name in properties()), *_DESCRIBED_BY, KG + "describes"]))


class _Terms:
    def __init__(self, db: sqlite3.Connection):
        self.db, self.ids = db, {}

    def __call__(self, term) -> int | None:
        if term is None:
            return None
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.ids) + 1
        return found

    def write(self) -> None:
        self.db.executemany("INSERT INTO terms VALUES (?, ?, ?, ?)",
                            ((i, *_encode(term)) for term, i in self.ids.items()))


def write_reading_table(folder: str | Path) -> Path:
    """Write ``folder/reading.sqlite`` from the build's store (``folder/oxigraph``, brought up to
    date first if it is not): a temporary file, then renamed into place."""
    from .store import STORE_DIR, _remove_stale_loads, graph_file, refresh_ready_store

    folder = Path(folder)
    source = graph_file(folder)
    refresh_ready_store(folder)
    stamp = _stamp(source)
    store = ox.Store.read_only(str(folder / STORE_DIR))
    _remove_stale_loads(folder, ".reading-*.sqlite")
    temporary = folder / f".reading-{os.getpid()}.sqlite"
    temporary.unlink(missing_ok=True)
    try:
        db = sqlite3.connect(temporary)
        db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE terms (id INTEGER PRIMARY KEY, kind INTEGER, value TEXT, extra TEXT);
            CREATE TABLE facts (subject INTEGER, predicate INTEGER, object INTEGER, seq INTEGER, graphs INTEGER);
            CREATE TABLE citations (number INTEGER, citing INTEGER, label INTEGER, section INTEGER,
                                    relation INTEGER, quote INTEGER, source INTEGER, times INTEGER);
            CREATE TABLE provisions (top INTEGER, instrument INTEGER, relation INTEGER, provision INTEGER);
        """)
        terms, quads = _Terms(db), _Quads(store)
        predicates = _held_predicates()
        _write_facts(db, quads, terms, predicates)
        db.executemany("INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       ((*map(terms, row), times) for row, times in _citations(quads)))
        db.executemany("INSERT INTO provisions VALUES (?, ?, ?, ?)", (tuple(map(terms, row)) for row in _provisions(quads)))
        del quads
        terms.write()
        db.executescript("""
            CREATE INDEX terms_by_value ON terms (value, kind);
            CREATE INDEX facts_out ON facts (subject, predicate, seq);
            CREATE INDEX facts_in ON facts (object, predicate, seq);
            CREATE INDEX citations_by_number ON citations (number);
            CREATE INDEX provisions_by_top ON provisions (top);
        """)
        db.executemany("INSERT INTO meta VALUES (?, ?)",
                       [("stamp", json.dumps(stamp)), ("predicates", json.dumps(predicates))])
        db.commit()
        db.close()
        with open(temporary, "rb+") as file:
            os.fsync(file.fileno())
        temporary.replace(folder / TABLE_FILE)
    finally:
        temporary.unlink(missing_ok=True)
    return folder / TABLE_FILE


class _Quads:
    """The store's quads of a predicate, read once (each read decodes every term from the store's
    dictionary of strings: ~6 µs a quad on disk) and kept for the facts and the citations both."""

    def __init__(self, store: ox.Store):
        self.store, self.read = store, {}

    def __call__(self, predicate: str) -> list[tuple]:
        """[(subject, object, graph)] in the store's order (by object, then subject)."""
        found = self.read.get(predicate)
        if found is None:
            found = self.read[predicate] = [(s, o, g) for s, _, o, g in
                                            self.store.quads_for_pattern(None, ox.NamedNode(predicate), None)]
        return found

    def typed(self) -> list[tuple]:
        """The rdf:type quads whose class is one ``describe`` tells nodes apart by (kg.network.TOLD_APART):
        the others (a section, an evidence record, a provision: a fifth of a full-profile graph's
        quads) change no answer; read as a set, their order is no matter."""
        from .network import TOLD_APART

        found = []
        for name in TOLD_APART:
            found += [(s, o, g) for s, _, o, g in
                      self.store.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(name))]
        return found

    def by_subject(self, predicate: str) -> dict:
        """{subject: [(object, graph)]}, one entry per quad."""
        found: dict = defaultdict(list)
        for subject, obj, graph in self(predicate):
            found[subject].append((obj, graph))
        return found


def _write_facts(db: sqlite3.Connection, quads: _Quads, terms: _Terms, predicates: list[str]) -> None:
    """Each (subject, predicate, object) once, subjects IRIs, in the order the store's index gives
    a predicate's quads (by object, then subject): for one subject and predicate, the order of its
    objects in the store."""
    seq = 0
    for predicate in predicates:
        p = terms(ox.NamedNode(predicate))
        counts: dict[tuple, int] = {}
        for subject, obj, _ in quads.typed() if predicate == RDF + "type" else quads(predicate):
            if not isinstance(subject, ox.NamedNode):
                continue
            key = (subject, obj)
            counts[key] = counts.get(key, 0) + 1
        rows = []
        for (subject, obj), graphs in counts.items():
            seq += 1
            rows.append((terms(subject), p, terms(obj), seq, graphs))
        db.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?)", rows)


def _counted(entries) -> dict:
    """{object: how many graphs state it} of ``(object, graph)`` entries, first seen first."""
    counts: dict = {}
    for obj, _ in entries:
        counts[obj] = counts.get(obj, 0) + 1
    return counts


def _in_graph(entries, graph) -> list:
    return [obj for obj, where in entries if where == graph]


_EVIDENCE = f"""SELECT ?cited ?subject ?relation ?quote ?file WHERE {{
  ?evidence <{RDF}object> ?cited ; <{RDF}subject> ?subject ; <{RDF}predicate> ?relation ; <{KG}quote> ?quote ;
            <{KG}inSource> ?file }}"""


def _citations(quads: _Quads) -> Iterable[tuple[tuple, int]]:
    """The rows of ontology/queries/who-cites.rq for every number, each with how many times it
    comes: its three branches, read here by triple patterns. A pattern outside GRAPH matches once
    per graph that holds the triple (the store's default graph is the union of its graphs, a
    multiset), one inside GRAPH ?file once. Checked row for row against the query itself by
    tests/test_reading_table.py."""
    from .relations import properties

    numbers = quads.by_subject(ELI + "number")
    labels = quads.by_subject(RDFS + "label")
    describes, paths = quads.by_subject(KG + "describes"), quads.by_subject(KG + "path")
    section_ids = quads.by_subject(KG + "sectionId")
    citations_profile = ox.Literal("citations")
    # branch 1: the evidence records of full-profile files, joined by the store (one row per
    # match, as the query's own join gives them: ~5x fewer terms to decode than reading the five
    # predicates' quads, 220,000 evidence records at 30,374 files)
    evidence = Counter(tuple(row) for row in quads.store.query(_EVIDENCE, use_default_graph_as_union=True))
    for (cited, subject, relation, quote, file), times in evidence.items():
        for number, n_number in _counted(numbers.get(cited, ())).items():
            yield from _citing_rows(file, describes, paths, labels, number, cited, relation, quote, times * n_number,
                                    _in_graph(section_ids.get(subject, ()), file) or [None])
    # branches 2 and 3: the edges of citations-profile files, read in the file's own graph
    profiles = quads.by_subject(KG + "profile")
    files = {file for file, entries in profiles.items() if (citations_profile, file) in entries}
    if not files:
        return
    in_document = quads.by_subject(KG + "inDocument")
    for name in properties():
        relation = ox.NamedNode(KG + name)
        for subject, cited, file in quads(KG + name):
            if file not in files or cited not in numbers:
                continue
            citing_of_file = _in_graph(describes.get(file, ()), file)
            source_of_file = _in_graph(paths.get(file, ()), file)
            if subject in citing_of_file:  # branch 2: the document's own edge
                for number, n_number in _counted(numbers[cited]).items():
                    for source in source_of_file:
                        yield from _labelled(subject, labels, (number, subject), (None, relation, None,
                                             source), cited, n_number)
            owners = [owner for owner in _in_graph(in_document.get(subject, ()), file) if owner in citing_of_file]
            sections = _in_graph(section_ids.get(subject, ()), file)
            for citing in owners:  # branch 3: a section's edge, named by its document
                for section in sections:
                    for number, n_number in _counted(numbers[cited]).items():
                        for source in source_of_file:
                            yield from _labelled(citing, labels, (number, citing), (section, relation, None, source),
                                                 cited, n_number)


def _provisions(quads: _Quads) -> Iterable[tuple]:
    """(node, instrument, relation, provision id): the provisions each node, or a section under it,
    names or changes, as ``kg.effects.provisions_named`` asks the store for them (its query's rows
    for every node at once: each statement's source and every node it is part of, transitively)."""
    from .effects import STATEMENTS

    rows = quads.store.query(STATEMENTS, use_default_graph_as_union=True)
    parents: dict = defaultdict(set)
    for child, parent, _ in quads(ELI + "is_part_of"):
        parents[child].add(parent)
    tops_of: dict = {}
    seen = set()
    for source, instrument, relation, provision in rows:
        tops = tops_of.get(source)
        if tops is None:
            tops, stack = {source}, [source]
            while stack:
                for parent in parents.get(stack.pop(), ()):
                    if parent not in tops:
                        tops.add(parent)
                        stack.append(parent)
            tops_of[source] = tops
        for top in tops:
            row = (top, instrument, relation, provision)
            if row not in seen:
                seen.add(row)
                yield row


def _citing_rows(file, describes, paths, labels, number, cited, relation, quote, times, sections):
    for citing, n_citing in _counted(describes.get(file, ())).items():
        for source, n_source in _counted(paths.get(file, ())).items():
            for section in sections:
                yield from _labelled(citing, labels, (number, citing), (section, relation, quote, source), cited,
                                     times * n_citing * n_source)


def _labelled(citing, labels, head, tail, cited, times):
    """The rows of ``citing`` once its label is joined (one per label and graph stating it), the
    citing document being another than the cited instrument."""
    if citing == cited:
        return
    for label, n_label in _counted(labels.get(citing, ())).items():
        yield (*head, label, *tail), times * n_label


# ---------------------------------------------------------------- reading

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

    def answer(self, name: str, bindings: dict):
        """The Result of a named query the table holds (who-cites), else None: the store answers."""
        if name != "who-cites" or set(bindings) != {"number"}:
            return None
        from .store import Result

        return Result(WHO_CITES_COLUMNS, tuple(self.who_cites(bindings["number"])))

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
