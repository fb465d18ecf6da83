"""The reading side on the corpus graph: labels people read, a lineage walked in the store, the
exported network read back by the tools researchers use, and the measures of kg rank."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import lineage, network
from kg.cli import main
from kg.namespaces import ID, KG
from kg.query import run_named
from kg.store import DiskStore, open_store

PLAN = ID + "ke-hoach/322-kh-ubnd/2023/tinh-kon-tum"
DECISION = ID + "quyet-dinh/15-2019-qd-ubnd/2019/tinh-kon-tum"


@pytest.fixture(scope="module")
def store(corpus_build):
    """What every reading command opens: the store kg build left beside graph.nq."""
    opened = open_store(corpus_build)
    assert isinstance(opened, DiskStore) and opened.source == "store"
    return opened


@pytest.fixture(scope="module")
def instruments(store):
    return network.citation_network(store)


def test_each_node_is_named_as_a_person_reads_it(store):
    named = network.describe(store, [PLAN, DECISION, PLAN + "/section/ii.5", KG + "basedOn", KG + "issuedWith",
                                     ID + "quyet-dinh/1847-qd-ttg/undated"])
    assert named[DECISION].label == "Quyết định 15/2019/QĐ-UBND (2019, Ủy ban nhân dân tỉnh Kon Tum)"
    assert named[DECISION].locality == "tỉnh Kon Tum" and not named[DECISION].in_corpus
    # the plan is a document of the corpus; its title is the one its text gives
    assert named[PLAN].in_corpus and named[PLAN].title.startswith("Tiếp tục tăng cường và đổi mới công tác dân vận")
    assert named[PLAN].label == "Kế hoạch 322/KH-UBND (2023, Ủy ban nhân dân tỉnh Kon Tum)"
    assert named[PLAN + "/section/ii.5"].label == "Kế hoạch 322/KH-UBND II.5"
    assert named[PLAN + "/section/ii.5"].kind == "task"
    assert (named[KG + "basedOn"].label, named[KG + "issuedWith"].label) == ("based on", "issued with")
    # cited without a date, so no year: the label says only what the texts say
    assert named[ID + "quyet-dinh/1847-qd-ttg/undated"].label == "Quyết định 1847/QĐ-TTg (Thủ tướng Chính phủ)"


def test_a_lineage_walked_in_the_store_is_the_one_the_whole_graph_gives(store, corpus_store):
    """kg lineage reads the edges it reaches, node by node; the tree must be the one kg.lineage
    draws from every edge of the graph, for every section of the founding plan and for whole
    documents, up and down."""
    whole = lineage.load(corpus_store)
    sections = [r["id"] for r in run_named(corpus_store, "outline", {"document": "322/KH-UBND"}).records()]
    assert len(sections) == 16 and "II.5" in sections
    starts = [lineage.find_start(store, "322/KH-UBND", section) for section in sections]
    starts += [PLAN, lineage.find_start(store, "62/2022/NĐ-CP")]
    for start in starts:
        tree = network.lineage_tree(store, start)
        if start in whole:
            assert tree == lineage.upstream(whole, start)
        else:  # a heading that cites nothing: kg.lineage names it by its IRI, the walk by its number
            assert tree["children"] == [] and tree["label"].startswith("322/KH-UBND ")
    assert sum(start in whole for start in starts) >= 10
    for start in (DECISION, lineage.find_start(store, "62/2022/NĐ-CP")):
        assert _steps(network.lineage_tree(store, start, down=True)) == lineage.downstream(whole, start)
        assert _steps(network.lineage_tree(store, start, down=True, depth=1)) == lineage.downstream(whole, start, depth=1)


def test_the_steps_read_by_triple_patterns_are_those_sparql_gives(store):
    """A lineage's steps are read in Oxigraph by a triple pattern per node and relation
    (network._steps); any other store is asked in SPARQL (network._steps_asked). Both must give the
    same steps, up and down, for every node the plan's and a decree's lineages reach."""
    starts = [lineage.find_start(store, "322/KH-UBND", section) for section in ("II.5", "II.1", "I.1")]
    starts += [PLAN, DECISION, lineage.find_start(store, "62/2022/NĐ-CP")]
    nodes = set(starts)
    for start in starts:
        for down in (False, True):
            stack = [network.lineage_tree(store, start, down=down)]
            while stack:
                entry = stack.pop()
                nodes.add(entry["iri"])
                stack.extend(entry["children"])
    nodes = sorted(nodes - {None})
    assert len(nodes) > 100
    for relations in (lineage.RESTS_ON, lineage.ALL_RELATIONS):
        for down in (False, True):
            read = network._steps(store, nodes, relations, down)
            asked = network._steps_asked(store, nodes, relations, down)
            assert len(read) == len(set(read)) and set(read) == set(asked)
            assert read and {relation for _, relation, _ in read} > {"cites", "implements"}


def _steps(tree: dict) -> dict:
    """The tree without the provisions each step names (the walk adds them; kg.lineage's whole-graph
    tree has none)."""
    return {k: [_steps(c) for c in v] if k == "children" else v for k, v in tree.items()
            if k not in ("provisions", "also_names")}


def test_a_walked_step_names_the_provisions_its_text_states(store):
    """Below Nghị định 62/2022/NĐ-CP, Thông tư 06/2024/TT-BLĐTBXH; below it, 12/2024/TT-BLĐTBXH, whose
    text names "khoản 3 Điều 1 Thông tư số 06/2024/TT-BLĐTBXH" and "khoản 2, ... khoản 8 Điều 2 Thông tư
    số 06/2024/TT-BLĐTBXH": the step carries those provisions."""
    tree = network.lineage_tree(store, lineage.find_start(store, "62/2022/NĐ-CP"), down=True)
    (middle,) = [c for c in tree["children"] if c["label"] == "06/2024/TT-BLĐTBXH"]
    (step,) = [c for c in middle["children"] if c["label"] == "12/2024/TT-BLĐTBXH"]
    named = step.get("provisions", []) + step.get("also_names", [])
    assert {"Điều 1.3", "Điều 2.2", "Điều 2.8"} <= set(named)


def _edges(graph):
    return sorted((u, v, d["relation"], int(d["passages"])) for u, v, d in graph.edges(data=True))


def test_the_network_holds_the_plans_relations_with_their_passages(instruments):
    assert instruments.nodes[PLAN]["in_corpus"] is True
    assert instruments.nodes[DECISION]["number"] == "15/2019/QĐ-UBND"
    relations = {(data["relation"], data["passages"]) for _, target, data in instruments.out_edges(PLAN, data=True)
                 if target == DECISION}
    # the plan implements 15/2019/QĐ-UBND in two passages: its preamble and task II.5
    assert relations == {("implements", 2)}
    amended = ID + "quyet-dinh/21-2018-qd-ubnd/2018/tinh-kon-tum"
    assert instruments.has_edge(DECISION, amended, key="amends")


@pytest.mark.parametrize("fmt", network.FORMATS)
def test_each_export_reads_back_with_the_same_nodes_and_edges(store, instruments, tmp_path, fmt):
    """What Gephi, Cytoscape, pandas or rdflib would find in the file: networkx reads GraphML,
    GEXF and the CSV tables, rdflib the JSON-LD."""
    written = network.write_network(instruments, tmp_path / f"network.{fmt}", fmt)
    assert all(path.stat().st_size for path in written)
    back = network.read_network(written[0], fmt)
    assert set(back) == set(instruments)
    assert _edges(back) == _edges(instruments)
    for node in (PLAN, DECISION):
        assert back.nodes[node]["label"] == instruments.nodes[node]["label"]
    if fmt != "jsonld":
        assert back.nodes[DECISION]["number"] == "15/2019/QĐ-UBND"
        assert str(back.nodes[PLAN]["in_corpus"]) in ("True", "true")


def test_the_task_level_adds_each_task_with_its_own_edges(store, tmp_path):
    graph = network.citation_network(store, tasks=True)
    task = PLAN + "/section/ii.5"
    assert graph.has_edge(task, PLAN, key="part_of")
    assert {t for _, t, k in graph.out_edges(task, keys=True) if k != "part_of"} >= {
        DECISION, ID + "quyet-dinh/1847-qd-ttg/undated"}
    written = network.write_network(graph, tmp_path / "tasks.graphml", "graphml")
    assert _edges(network.read_network(written[0], "graphml")) == _edges(graph)


def test_pagerank_and_hits_are_those_of_networkx(instruments):
    """Written here because networkx's own need scipy: checked against networkx's pure-Python
    reference implementations on the corpus network."""
    from networkx.algorithms.link_analysis.hits_alg import _hits_python
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    simple = nx.DiGraph(instruments)
    ours, theirs = network.pagerank(simple), _pagerank_python(simple, tol=1e-12, max_iter=500)
    assert max(abs(ours[n] - theirs[n]) for n in simple) < 1e-6  # the scores run from 6e-5 to 1e-2
    assert sorted(simple, key=lambda n: (-ours[n], n))[:50] == sorted(simple, key=lambda n: (-theirs[n], n))[:50]
    hubs, authorities = network.hits(simple)
    their_hubs, their_authorities = _hits_python(simple, tol=1e-12, max_iter=1000)
    assert max(abs(hubs[n] - their_hubs[n]) for n in simple) < 1e-6
    assert max(abs(authorities[n] - their_authorities[n]) for n in simple) < 1e-6


def test_rank_counts_the_citing_texts_and_finds_communities(store, instruments):
    rows = {r.iri: r for r in network.rank(instruments)}
    # every corpus document citing an instrument is one of its in-edges
    for record in run_named(store, "most-cited", {}).records()[:5]:
        assert rows[record["instrument"]].in_degree >= int(record["documents"])
    assert {r.community for r in rows.values()} >= {0, 1, 2}
    assert rows == {r.iri: r for r in network.rank(instruments)}, "the same ranks and communities each time"
    based = network.rank(instruments, relations=["basedOn"])
    assert based and all(instruments.has_edge(u, r.iri, key="basedOn")
                         for r in based[:20] if r.in_degree for u in [next(
                             u for u, _, k in instruments.in_edges(r.iri, keys=True) if k == "basedOn")])
    by_issuer = {g["issuer"]: g for g in network.group_ranking(list(rows.values()), "issuer")}
    assert by_issuer["Quốc hội"]["instruments"] == sum(1 for r in rows.values() if r.issuer == "Quốc hội")


# ---------------------------------------------------------------- the commands


def test_who_cites_prints_a_table_a_person_can_read(corpus_build):
    out = CliRunner().invoke(main, ["who-cites", str(corpus_build), "15/2019/QĐ-UBND"], env={"COLUMNS": "200"})
    assert out.exit_code == 0, out.output
    assert "Kế hoạch 322/KH-UBND (2023, Ủy ban nhân dân tỉnh Kon Tum)" in out.stdout
    assert "implements" in out.stdout and "https://" not in out.stdout
    assert "parsing graph.nq" not in out.stderr  # the ready store answered


def test_a_table_fits_the_terminal_and_tools_get_iris_and_labels(corpus_build):
    runner = CliRunner()
    narrow = runner.invoke(main, ["query", str(corpus_build), "who-cites", "--param", "number=62/2022/NĐ-CP"],
                           env={"COLUMNS": "90"})
    assert narrow.exit_code == 0 and all(len(line) <= 90 for line in narrow.stdout.splitlines())
    out = runner.invoke(main, ["query", str(corpus_build), "who-cites", "--param", "number=15/2019/QĐ-UBND",
                               "--format", "tsv"])
    rows = list(csv.DictReader(io.StringIO(out.stdout), delimiter="\t"))
    assert rows[0]["citing"] == PLAN and rows[0]["citingLabel"] == "322/KH-UBND"
    assert {r["relation"] for r in rows} == {KG + "implements"} and {r["relationLabel"] for r in rows} == {"implements"}
    data = json.loads(runner.invoke(main, ["rank", str(corpus_build), "--format", "json", "--limit", "3"]).stdout)
    assert data["total"] > 1000 and len(data["rows"]) == 3
    assert all(r["instrument"].startswith(ID) and r["instrumentLabel"] for r in data["rows"])


def test_a_cut_answer_says_so_and_how_to_get_the_rest(corpus_build):
    runner = CliRunner()
    first = runner.invoke(main, ["query", str(corpus_build), "most-cited", "--limit", "10", "--format", "csv"])
    assert first.exit_code == 0
    assert "rows 1–10 of 25" in first.stderr and "--offset 10" in first.stderr and "--limit 0" in first.stderr
    rest = runner.invoke(main, ["query", str(corpus_build), "most-cited", "--offset", "10", "--format", "csv"])
    whole = runner.invoke(main, ["query", str(corpus_build), "most-cited", "--format", "csv"])
    assert whole.stderr == "" and len(whole.stdout.splitlines()) == 26
    assert first.stdout.splitlines() + rest.stdout.splitlines()[1:] == whole.stdout.splitlines()


def test_the_list_is_one_question_a_line_and_each_query_explains_itself():
    runner = CliRunner()
    listed = runner.invoke(main, ["query", "--list"])
    from kg.query import named_queries

    assert len(listed.stdout.splitlines()) == len(named_queries())
    assert any(line.startswith("who-cites") and "Which documents cite" in line for line in listed.stdout.splitlines())
    for args in (["query", "who-cites", "--help"], ["query", "build/", "who-cites", "-h"]):
        shown = runner.invoke(main, args)
        assert shown.exit_code == 0
        assert "number of the cited instrument" in shown.stdout
        assert "kg query build/ who-cites --param number=15/2019/QĐ-UBND" in shown.stdout


def test_export_and_rank_commands(corpus_build, tmp_path):
    runner = CliRunner()
    out = runner.invoke(main, ["export", str(corpus_build), "--format", "gexf", "-o", str(tmp_path / "n.gexf")])
    assert out.exit_code == 0, out.output
    assert nx.read_gexf(tmp_path / "n.gexf").number_of_nodes() > 2000
    ranked = runner.invoke(main, ["rank", str(corpus_build), "--by", "issuer", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(ranked.stdout)))
    assert rows[0]["issuer"] in ("Quốc hội", "Chính phủ") and float(rows[0]["pagerank"]) > 0.2
    wrong = runner.invoke(main, ["rank", str(corpus_build), "--relation", "quotes"])
    assert wrong.exit_code == 2 and "no such relation" in wrong.output
