"""Writing the reading table (kg.reading_table) from the store a build leaves: what the reading
questions look up, each fact once in the store's order, who-cites' rows for every number and the
provisions each node names. Apart from the reader because it asks the store, kg.network and
kg.effects for what to write, and those read the table."""
from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .namespaces import ELI, KG, RDF, RDFS
from .reading_table import TABLE_FILE, _encode, _stamp

__all__ = ["write_reading_table"]


def _with_graphs() -> frozenset[str]:
    """The predicates whose quads _citations reads with their graphs (who-cites' patterns in GRAPH)."""
    from .relations import properties

    return frozenset([*(KG + name for name in properties()), ELI + "number", RDFS + "label", KG + "describes",
                      KG + "path", KG + "sectionId", KG + "profile", KG + "inDocument"])


def _held_predicates() -> list[str]:
    """The predicates of ``facts``: every relation (a lineage's steps) and what describe reads."""
    from .network import _DESCRIBED_BY
    from .relations import properties

    return list(dict.fromkeys([*(KG + name for name in properties()), *_DESCRIBED_BY, KG + "describes"]))


class _Terms:
    """A number for each term read, given as the store's quads are read: the rest of the writing
    works on numbers (hashing a pyoxigraph term asks Rust each time, 3-7 times a quad before)."""

    def __init__(self, db: sqlite3.Connection):
        self.db, self.ids, self.not_iri = db, {}, set()

    def __call__(self, term) -> int | None:
        if term is None:
            return None
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.ids) + 1
            if not isinstance(term, (ox.NamedNode, ox.Literal)):
                self.not_iri.add(found)  # a blank node: no subject of facts
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
        terms = _Terms(db)
        quads = _Quads(store, terms)
        predicates = _held_predicates()
        _write_facts(db, quads, terms, predicates)
        db.executemany("INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       ((*row, times) for row, times in _citations(quads)))
        db.executemany("INSERT INTO provisions VALUES (?, ?, ?, ?)", _provisions(quads))
        del quads
        terms.write()
        db.executescript("""
            CREATE INDEX terms_by_value ON terms (value, kind);
            CREATE INDEX facts_out ON facts (subject, predicate, seq);
            CREATE INDEX facts_in ON facts (object, predicate, seq);
            CREATE INDEX citations_by_number ON citations (number);
            CREATE INDEX provisions_by_top ON provisions (top);
        """)
        _write_lineage_tables(db)
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


_LINEAGE_TABLES = """
    CREATE TABLE steps (subject INTEGER, predicate INTEGER, seq INTEGER, object INTEGER,
                        PRIMARY KEY (subject, predicate, seq)) WITHOUT ROWID;
    INSERT INTO steps SELECT facts.subject, facts.predicate, facts.seq, facts.object FROM facts
        JOIN terms AS o ON o.id = facts.object
        WHERE facts.predicate IN (SELECT id FROM terms WHERE kind = 0 AND value IN ({relations})) AND o.kind = 0
        ORDER BY facts.subject, facts.predicate, facts.seq;
    CREATE INDEX steps_in ON steps (object, predicate, seq);
    CREATE TEMP TABLE first_label AS SELECT facts.subject AS node, terms.value AS label, min(facts.seq)
        FROM facts JOIN terms ON terms.id = facts.object WHERE facts.predicate =
        (SELECT id FROM terms WHERE kind = 0 AND value = '{label}') GROUP BY facts.subject;
    CREATE INDEX temp.first_label_node ON first_label (node);
    CREATE TEMP TABLE owner AS SELECT facts.subject AS node, facts.object AS owner, min(facts.seq)
        FROM facts JOIN terms ON terms.id = facts.subject WHERE facts.predicate =
        (SELECT id FROM terms WHERE kind = 0 AND value = '{in_document}') AND instr(terms.value, '/section/') > 0
        GROUP BY facts.subject;
    CREATE TABLE shown (node INTEGER PRIMARY KEY, label TEXT);
    INSERT INTO shown SELECT node, label FROM first_label WHERE node NOT IN (SELECT node FROM owner);
    INSERT INTO shown SELECT owner.node,
            coalesce(owned.label, owners.value) || ' ' || coalesce(own.label, nodes.value)
        FROM owner JOIN terms AS nodes ON nodes.id = owner.node JOIN terms AS owners ON owners.id = owner.owner
        LEFT JOIN first_label AS own ON own.node = owner.node LEFT JOIN first_label AS owned ON owned.node = owner.owner;
    DROP TABLE temp.first_label; DROP TABLE temp.owner;
"""


def _write_lineage_tables(db: sqlite3.Connection) -> None:
    """What a lineage reads, made from ``facts`` once they are written: ``steps``, the relations
    between two IRIs, each node's kept together in the order of the store (a lineage of 861 steps
    is one recursive query, kg.reading_table.ReadingTable.lineage); ``shown``, each node's label
    as kg lineage draws it (kg.network._short_labels: its first rdfs:label, a section's after its
    document's: "322/KH-UBND II.5"). A node in neither is drawn by its IRI."""
    from .relations import properties

    db.executescript(_LINEAGE_TABLES.format(relations=", ".join(f"'{KG}{name}'" for name in properties()),
                                            label=RDFS + "label", in_document=KG + "inDocument"))


class _Quads:
    """The store's quads of a predicate, read once (each read decodes every term from the store's
    dictionary of strings: ~6 µs a quad on disk) and kept for the facts and the citations both.
    Asked in SPARQL, which decodes only the terms it returns: the predicate of every quad is not
    decoded, nor its graph where no answer needs it (the graph's IRI is ~45% of a quad's read)."""

    def __init__(self, store: ox.Store, terms: _Terms):
        self.store, self.terms, self.read, self.with_graphs = store, terms, {}, _with_graphs()

    def __call__(self, predicate: str) -> list[tuple[int, int, int]]:
        """[(subject, object, graph)], as numbers (the default graph 0), in the store's order (by
        object, then subject)."""
        found = self.read.get(predicate)
        if found is None:
            term = self.terms
            found = [(term(s), term(o), term(g)) for s, o, g in self.store.query(
                f"SELECT ?s ?o ?g WHERE {{ GRAPH ?g {{ ?s <{predicate}> ?o }} }}")]
            found += [(term(q.subject), term(q.object), 0) for q in
                      self.store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.DefaultGraph())]
            self.read[predicate] = found
        return found

    def pairs(self, predicate: str) -> list[tuple[int, int]]:
        """[(subject, object)], one a quad, in the store's order; the graphs read only where the
        citations need them (kept then)."""
        if predicate in self.read or predicate in self.with_graphs:
            return [(s, o) for s, o, _ in self(predicate)]
        term = self.terms
        return [(term(s), term(o)) for s, o in self.store.query(f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}",
                                                                use_default_graph_as_union=True)]

    def typed(self) -> list[tuple]:
        """The rdf:type pairs whose class is one ``describe`` tells nodes apart by (kg.network.TOLD_APART):
        the others (a section, an evidence record, a provision: a fifth of a full-profile graph's
        quads) change no answer; read as a set, their order is no matter."""
        from .network import TOLD_APART

        found = []
        for name in TOLD_APART:
            kind = self.terms(ox.NamedNode(name))
            found += [(self.terms(s), kind) for (s,) in self.store.query(
                f"SELECT ?s WHERE {{ ?s a <{name}> }}", use_default_graph_as_union=True)]
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
        for key in quads.typed() if predicate == RDF + "type" else quads.pairs(predicate):
            counts[key] = counts.get(key, 0) + 1
        rows = []
        for (subject, obj), graphs in counts.items():
            if subject not in terms.not_iri:
                seq += 1
                rows.append((subject, p, obj, seq, graphs))
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
    term = quads.terms
    # branch 1: the evidence records of full-profile files, joined by the store (one row per
    # match, as the query's own join gives them: ~5x fewer terms to decode than reading the five
    # predicates' quads, 220,000 evidence records at 30,374 files)
    evidence = Counter(tuple(map(term, row)) for row in quads.store.query(_EVIDENCE, use_default_graph_as_union=True))
    for (cited, subject, relation, quote, file), times in evidence.items():
        for number, n_number in _counted(numbers.get(cited, ())).items():
            yield from _citing_rows(file, describes, paths, labels, number, cited, relation, quote, times * n_number,
                                    _in_graph(section_ids.get(subject, ()), file) or [None])
    # branches 2 and 3: the edges of citations-profile files, read in the file's own graph
    profiles = quads.by_subject(KG + "profile")
    citations_profile = term.ids.get(ox.Literal("citations"))
    files = {file for file, entries in profiles.items() if (citations_profile, file) in entries}
    if not files:
        return
    in_document = quads.by_subject(KG + "inDocument")
    of_file: dict = {}  # a file's document and path, and a cited node's numbers, worked out once
    numbers_of: dict = {}
    for name in properties():
        relation = term(ox.NamedNode(KG + name))
        for subject, cited, file in quads(KG + name):
            if file not in files or cited not in numbers:
                continue
            found = of_file.get(file)
            if found is None:
                found = of_file[file] = (_in_graph(describes.get(file, ()), file), _in_graph(paths.get(file, ()), file))
            citing_of_file, source_of_file = found
            cited_numbers = numbers_of.get(cited)
            if cited_numbers is None:
                cited_numbers = numbers_of[cited] = list(_counted(numbers[cited]).items())
            if subject in citing_of_file:  # branch 2: the document's own edge
                for number, n_number in cited_numbers:
                    for source in source_of_file:
                        yield from _labelled(subject, labels, (number, subject), (None, relation, None,
                                             source), cited, n_number)
            owners = [owner for owner in _in_graph(in_document.get(subject, ()), file) if owner in citing_of_file]
            sections = _in_graph(section_ids.get(subject, ()), file)
            for citing in owners:  # branch 3: a section's edge, named by its document
                for section in sections:
                    for number, n_number in cited_numbers:
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
    for child, parent in quads.pairs(ELI + "is_part_of"):
        parents[child].add(parent)
    tops_of: dict = {}
    seen = set()
    for row in rows:
        source, instrument, relation, provision = map(quads.terms, row)
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
