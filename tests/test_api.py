"""kg.open_build: the reading commands as Python, answering what the commands answer."""
from __future__ import annotations

import pytest

import kg
from kg.errors import QueryError
from kg.namespaces import KG
from kg.query import run_named


@pytest.fixture(scope="module")
def corpus(corpus_build):
    return kg.open_build(corpus_build)


def test_it_opens_the_store_the_build_left(corpus):
    assert corpus.store.source == "store" and "store" in repr(corpus)


def test_lineage_records_are_the_edges_of_the_lineage_query(corpus, corpus_store):
    """Each step of the walked lineage is an edge the lineage-of-task query finds, and the other
    way round, for every task of the founding plan."""
    tasks = {r["id"] for r in run_named(corpus_store, "outline", {"document": "322/KH-UBND"}).records()
             if r["task"] == "true"}
    assert "II.5" in tasks
    for task in sorted(tasks):
        walked = {(r["from"], r["relation"], r["to"]) for r in corpus.lineage("322/KH-UBND", task=task)}
        queried = {(r["from"], r["relation"][len(KG):], r["to"]) for r in
                   run_named(corpus_store, "lineage-of-task", {"document": "322/KH-UBND", "task": task}).records()}
        assert walked == queried, task
    steps = corpus.lineage("322/KH-UBND", task="II.5")
    assert {(r["to_label"], r["depth"]) for r in steps} >= {
        ("Quyết định 15/2019/QĐ-UBND (2019, Ủy ban nhân dân tỉnh Kon Tum)", 1),
        ("Quyết định 21/2018/QĐ-UBND (2018, Ủy ban nhân dân tỉnh Kon Tum)", 2)}


def test_who_cites_status_and_describe(corpus):
    rows = corpus.who_cites("15/2019/QĐ-UBND")
    assert {(r["citing_label"], r["relation"]) for r in rows} == {
        ("Kế hoạch 322/KH-UBND (2023, Ủy ban nhân dân tỉnh Kon Tum)", "implements")}
    assert {r["section"] for r in rows} == {None, "II.5"}
    [change] = corpus.status("21/2018/QĐ-UBND")
    assert (change["state"], change["changed_by_label"], change["effect"], change["date"]) == (
        "amended", "Quyết định 15/2019/QĐ-UBND (2019, Ủy ban nhân dân tỉnh Kon Tum)", "amended", "2019-10-17")
    assert "Sửa đổi, bổ sung" in change["quote"]
    [alert] = [row for row in corpus.check("322/KH-UBND") if row["task"] == "II.5"]
    assert alert["before_plan"] is True and alert["changed_by"] == "15/2019/QĐ-UBND"
    assert corpus.timeline("21/2018/QĐ-UBND", lineage=False)[0] == {
        "date": "2018-07-20", "event": "issued", "instrument": "21/2018/QĐ-UBND", "detail": ""}
    plan = corpus.describe("322/KH-UBND")
    assert plan["in_corpus"] and plan["locality"] == "tỉnh Kon Tum" and plan["date"] == "2023-02-08"


def test_named_queries_give_numbers_as_numbers_and_a_label_column(corpus):
    rows = corpus.query("most-cited")
    assert len(rows) == 25 and all(isinstance(r["documents"], int) for r in rows)
    assert rows[0]["instrumentLabel"].startswith("Luật 63/2025/QH15")
    with pytest.raises(QueryError, match="missing parameter"):
        corpus.query("who-cites")


def test_rank_and_dataframes(corpus):
    frame = corpus.rank(relation="based on").to_pandas()
    assert list(frame.columns)[:7] == ["iri", "label", "in_degree", "pagerank", "hub", "authority", "community"]
    assert frame["pagerank"].is_monotonic_decreasing
    assert "Quốc hội" in frame["label"].iloc[0]  # an act of the National Assembly (law, Constitution) heads it
    by_year = corpus.rank(by="year")
    assert sum(g["instruments"] for g in by_year) == len(corpus.rank())
    with pytest.raises(QueryError, match="no such relation"):
        corpus.rank(relation="quotes")
