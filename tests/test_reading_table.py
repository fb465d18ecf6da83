"""The reading table (kg.reading_table) gives the answers the store gives, row for row.

Every reading question the table serves is asked both ways: the store alone (``open_store(BUILD,
"disk")``) and the store with its table (``open_store(BUILD)``, what every command opens): who-cites
for every number the corpus cites, the lineage of every document and of tasks up and down, the
description of every instrument. Also on a synthetic graph of the citations profile (the shape of
the national-scale builds), and the table's freshness rule: a table older than graph.nq is not used.
"""
from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

import pytest

from kg.network import describe, lineage_tree
from kg.query import named_queries, run_named
from kg.reading_table import TABLE_FILE, WHO_CITES_COLUMNS, open_table
from kg.reading_table_writer import write_reading_table
from kg.store import open_store

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _both(build: Path):
    alone, tabled = open_store(build, "disk"), open_store(build)
    assert alone.table is None and tabled.table is not None
    return alone, tabled


def _every_who_cites_row(store) -> Counter:
    """The rows of who-cites for every number at once: the query itself, its number left unbound."""
    rows = store.store.query(named_queries()["who-cites"].text, use_default_graph_as_union=True)
    return Counter(tuple(None if term is None else str(term) for term in row) for row in rows)


def _every_table_row(table) -> Counter:
    found = Counter()
    for (ident,) in table.db.execute("SELECT DISTINCT number FROM citations"):
        for row in table.who_cites(table._term(ident)):
            found[tuple(None if term is None else str(term) for term in row)] += 1
    return found


def _documents(store) -> list[str]:
    query = "PREFIX kg: <https://w3id.org/kg-vn/ontology#> SELECT DISTINCT ?d WHERE { ?f kg:describes ?d }"
    return sorted(row[0].value for row in store.query(query, max_rows=None).rows)


def _tasks(store) -> list[str]:
    query = "PREFIX kg: <https://w3id.org/kg-vn/ontology#> SELECT DISTINCT ?t WHERE { ?t a kg:Task }"
    return sorted(row[0].value for row in store.query(query, max_rows=None).rows)


def test_the_table_has_the_columns_of_the_query():
    assert named_queries()["who-cites"].text.split("SELECT", 1)[1].split("WHERE")[0].split() == \
        ["?" + name for name in WHO_CITES_COLUMNS]


# ---------------------------------------------------------------- the bundled corpus

def test_who_cites_every_number_of_the_corpus_same_rows(corpus_build):
    alone, tabled = _both(corpus_build)
    expected = _every_who_cites_row(alone)
    assert sum(expected.values()) > 10_000  # the corpus's evidence: quotes, sections, files
    assert _every_table_row(tabled.table) == expected


@pytest.mark.parametrize("number", ["15/2019/QĐ-UBND", "62/2022/NĐ-CP", "29/2025/NĐ-CP", "25/2008/QH12"])
def test_who_cites_same_result_in_the_same_order(corpus_build, number):
    alone, tabled = _both(corpus_build)
    asked, read = run_named(alone, "who-cites", {"number": number}), run_named(tabled, "who-cites", {"number": number})
    assert read == asked
    assert read.rows, number


def test_who_cites_of_a_number_nobody_cites(corpus_build):
    _, tabled = _both(corpus_build)
    assert run_named(tabled, "who-cites", {"number": "999/2099/NĐ-CP"}).rows == ()


def test_lineage_of_every_document_and_task_same_tree(corpus_build):
    alone, tabled = _both(corpus_build)
    starts = _documents(alone) + _tasks(alone)[::7]
    assert len(starts) > 400
    walked = 0
    for start in starts:
        for down in (False, True):
            expected = lineage_tree(alone, start, down=down)
            assert lineage_tree(tabled, start, down=down) == expected, (start, down)
            walked += bool(expected["children"])
    assert walked > 300  # most starts rest on something, or something rests on them


def test_lineage_to_a_depth_same_tree(corpus_build):
    alone, tabled = _both(corpus_build)
    starts = _documents(alone)[::5] + _tasks(alone)[::11]
    deeper = 0
    for start in starts:
        for down in (False, True):
            for depth in (1, 2, 3):
                expected = lineage_tree(alone, start, down=down, depth=depth)
                assert lineage_tree(tabled, start, down=down, depth=depth) == expected, (start, down, depth)
            deeper += expected != lineage_tree(alone, start, down=down, depth=2)
    assert deeper > 20  # a third step reaches further than two, for many starts


def test_lineage_of_chosen_relations_same_tree(corpus_build):
    alone, tabled = _both(corpus_build)
    for start in _documents(alone)[::9]:
        for relations in (("implements", "cites"), ("cites", "basedOn", "amends"), ("repeals",)):
            assert lineage_tree(tabled, start, relations=relations) == lineage_tree(alone, start, relations=relations)


def test_the_start_of_a_lineage_found_the_same(corpus_build):
    from kg.errors import QueryError
    from kg.network import find_node

    alone, tabled = _both(corpus_build)
    query = ("PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX kg: <https://w3id.org/kg-vn/ontology#> "
             "SELECT DISTINCT ?number ?task WHERE { ?d eli:number ?number OPTIONAL { ?t kg:inDocument ?d ; "
             "kg:sectionId ?task } }")
    asked = [(row[0].value, row[1].value if row[1] else None) for row in alone.query(query, max_rows=None).rows]
    asked = sorted(set(asked + [(number, None) for number, _ in asked]), key=str)[::3]
    assert len(asked) > 500
    for number, task in asked + [("999/2099/NĐ-CP", None), ("322/KH-UBND", "IX.99")]:
        try:
            expected = find_node(alone, number, task)
        except QueryError as error:
            with pytest.raises(QueryError, match=str(error).split(":")[0]):
                find_node(tabled, number, task)
            continue
        assert find_node(tabled, number, task) == expected, (number, task)


def test_describe_every_instrument_same(corpus_build):
    alone, tabled = _both(corpus_build)
    query = ("PREFIX eli: <http://data.europa.eu/eli/ontology#> "
             "SELECT DISTINCT ?i WHERE { ?i eli:number ?n }")
    iris = [row[0].value for row in alone.query(query, max_rows=None).rows] + _tasks(alone)[::5]
    expected = describe(alone, iris)
    assert describe(tabled, iris) == expected
    assert sum(d.in_corpus for d in expected.values()) >= 370


def test_the_cli_prints_the_same_with_or_without_the_table(corpus_build):
    from click.testing import CliRunner

    from kg.cli import main

    runner = CliRunner()
    for arguments in (["who-cites", str(corpus_build), "62/2022/NĐ-CP", "--format", "json"],
                      ["lineage", str(corpus_build), "322/KH-UBND", "--task", "II.5", "--format", "json"]):
        tabled = runner.invoke(main, arguments)
        alone = runner.invoke(main, [*arguments, "--store", "disk"])
        assert tabled.exit_code == alone.exit_code == 0, tabled.output
        assert tabled.output == alone.output


# ---------------------------------------------------------------- freshness, and a write that is killed

def test_a_table_older_than_graph_nq_is_not_used(corpus_build, tmp_path):
    import shutil

    build = tmp_path / "build"
    shutil.copytree(corpus_build, build, ignore=shutil.ignore_patterns(".cache", ".lock"))
    assert open_table(build) is not None
    graph = build / "graph.nq"
    os.utime(graph, ns=(graph.stat().st_atime_ns, graph.stat().st_mtime_ns + 10**9))
    assert open_table(build) is None
    assert open_store(build, "memory").table is None  # the graph is parsed again, and asked alone


def test_a_killed_write_leaves_no_table(tmp_path, monkeypatch):
    from kg import reading_table_writer
    from kg.build import build

    assert build(["corpus/322-KH-UBND-2023-kon-tum.txt"], tmp_path, reading_table=True).ok
    (tmp_path / TABLE_FILE).unlink()

    def killed(quads):
        yield from ()
        raise KeyboardInterrupt

    monkeypatch.setattr(reading_table_writer, "_citations", killed)
    with pytest.raises(KeyboardInterrupt):
        write_reading_table(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir() if "reading" in p.name) == []
    monkeypatch.undo()
    write_reading_table(tmp_path)
    assert open_table(tmp_path) is not None
    # a temporary table left by a writer that no longer runs is removed by the next write
    stale = tmp_path / ".reading-999999999.sqlite"
    stale.write_bytes(b"half")
    write_reading_table(tmp_path)
    assert not stale.exists()


# ---------------------------------------------------------------- a synthetic graph (citations profile)

@pytest.fixture(scope="module")
def synthetic_build(tmp_path_factory) -> tuple[Path, dict]:
    sys.path.insert(0, str(BENCH))
    from synthetic import Corpus, write_nquads

    build = tmp_path_factory.mktemp("synthetic-table")
    write_nquads(300, build / "graph.nq", seed=11, profile="citations")
    write_reading_table(build)
    return build, Corpus(300, seed=11).parameters()


def test_synthetic_who_cites_every_number_same_rows(synthetic_build):
    build, _ = synthetic_build
    alone, tabled = _both(build)
    expected = _every_who_cites_row(alone)
    assert sum(expected.values()) > 500
    assert {row[3] is None for row in expected} == {True, False}  # documents' edges and tasks' edges
    assert _every_table_row(tabled.table) == expected


def test_synthetic_lineage_same_tree(synthetic_build):
    from kg.network import find_node

    build, parameters = synthetic_build
    alone, tabled = _both(build)
    for asked in parameters["lineage-of-task"]:
        start = find_node(alone, asked["document"], asked["task"])
        for down in (False, True):
            assert lineage_tree(tabled, start, down=down) == lineage_tree(alone, start, down=down)
    for asked in parameters["who-cites"]:
        assert run_named(tabled, "who-cites", asked) == run_named(alone, "who-cites", asked)
        assert run_named(alone, "who-cites", asked).rows
    documents = _documents(alone)
    for start in documents[::10]:
        assert lineage_tree(tabled, start) == lineage_tree(alone, start)
        assert json.dumps(describe(tabled, [start])[start].__dict__) == json.dumps(describe(alone, [start])[start].__dict__)


def test_a_build_writes_the_table_only_when_asked_and_removes_one_it_no_longer_holds(tmp_path):
    from kg.build import build

    plan = "corpus/322-KH-UBND-2023-kon-tum.txt"
    assert build([plan], tmp_path, reading_table=True).ok
    assert open_table(tmp_path) is not None and open_store(tmp_path).table is not None
    assert build([plan], tmp_path).ok  # a rebuild without it: the old table would speak of the old graph.nq
    assert not (tmp_path / TABLE_FILE).exists() and open_store(tmp_path).table is None
