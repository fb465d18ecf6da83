"""The citations profile (national-scale graphs) and the citation counts the build writes."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from kg.build import build, cached_extractions
from kg.namespaces import KG
from kg.query import run_named
from kg.relations import RELATIONS
from kg.store import MemoryStore

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "322-KH-UBND-2023-kon-tum.txt"


@pytest.fixture(scope="module")
def plan_builds(tmp_path_factory):
    """The founding plan and four gazette texts, built in both profiles: {profile: build dir}."""
    texts = tmp_path_factory.mktemp("texts")
    for path in [PLAN, *sorted((ROOT / "corpus" / "congbao").rglob("*.txt"))[:4]]:
        (texts / path.name).write_bytes(path.read_bytes())
    builds = {}
    for profile in ("full", "citations"):
        output = tmp_path_factory.mktemp(profile)
        assert build([texts], output, profile=profile).ok
        builds[profile] = output
    return builds


def _quads(build_dir: Path) -> list[str]:
    return (build_dir / "graph.nq").read_text(encoding="utf-8").splitlines()


def test_the_citations_profile_keeps_no_evidence_and_a_fraction_of_the_quads(plan_builds):
    full, lean = _quads(plan_builds["full"]), _quads(plan_builds["citations"])
    evidence = (f"#type> <{KG}Assertion>", f"<{KG}quote> \"")
    assert any(line.find(evidence[0]) > 0 for line in full)
    assert not any(line.find(mark) > 0 for line in lean for mark in evidence)
    assert len(lean) * 4 < len(full)


def test_the_citations_profile_keeps_every_edge_of_a_document(plan_builds):
    """Every relation a document states (each declared in kg/data/relations.json, ``cites`` too) is
    in both graphs; in the citations profile a section's edge that is not a task's becomes its document's."""
    typed = ", ".join(f"<{KG}{relation.property}>" for relation in RELATIONS.values())

    def edges(build_dir):
        store = MemoryStore(build_dir)
        rows = store.query(f"""
            SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} ?g <{KG}describes> ?doc .
              FILTER (?p IN ({typed}))
              FILTER (?s = ?doc) }}""", max_rows=100_000)
        return {tuple(term.value for term in row) for row in rows.rows}

    full, lean = edges(plan_builds["full"]), edges(plan_builds["citations"])
    assert full and full <= lean


def test_the_lineage_of_a_task_is_the_same_in_both_profiles(plan_builds):
    def lineage(build_dir):
        rows = run_named(MemoryStore(build_dir), "lineage-of-task",
                         {"document": "322/KH-UBND", "task": "II.5"}).records()
        return {(r["fromLabel"], r["relation"], r["toLabel"]) for r in rows}

    full = lineage(plan_builds["full"])
    assert any(row[2] == "15/2019/QĐ-UBND" for row in full)
    assert lineage(plan_builds["citations"]) == full


def test_who_cites_answers_in_both_profiles_and_quotes_only_where_evidence_is_kept(plan_builds):
    answers = {profile: run_named(MemoryStore(build_dir), "who-cites", {"number": "33/CT-TTg"}).records()
               for profile, build_dir in plan_builds.items()}
    assert {r["citingLabel"] for r in answers["full"]} == {"322/KH-UBND"}
    assert {r["citingLabel"] for r in answers["citations"]} == {"322/KH-UBND"}
    assert all(r["quote"] for r in answers["full"])
    assert not any(r["quote"] for r in answers["citations"])


def test_the_citations_profile_conforms_to_the_shapes(plan_builds):
    from kg.validate import validate

    report = validate(plan_builds["citations"])
    assert report.conforms, [str(v) for v in report.violations[:10]]


def test_an_unknown_profile_is_refused_before_anything_is_written(tmp_path):
    from kg.errors import GraphError

    with pytest.raises(GraphError, match="profile 'lean'"):
        build([PLAN], tmp_path / "out", profile="lean")
    assert not (tmp_path / "out" / "graph.nq").exists()


def test_citing_documents_are_counted_from_the_extractions(corpus_build):
    """kg:citingDocuments, written by the build, against a count made here from the cached
    extractions: the documents naming each instrument in a citation or a typed relation."""
    citing = defaultdict(set)
    for data in cached_extractions(corpus_build):
        own = data["document"]["instrument"]["iri"]
        for iri in [c["instrument"]["iri"] for c in data["citations"]] + [r["object"] for r in data["relations"]]:
            if iri != own:
                citing[iri].add(own)
    store = MemoryStore(corpus_build)
    counted = {row[0].value: int(row[1].value) for row in store.query(
        f"SELECT ?i ?n WHERE {{ ?i <{KG}citingDocuments> ?n }}", max_rows=100_000).rows}
    # undated mentions are merged into their dated instrument by the build; compare the dated ones
    dated = {iri: len(docs) for iri, docs in citing.items() if "/undated" not in iri and "/section/" not in iri}
    top = sorted(dated, key=dated.get, reverse=True)[:20]
    assert all(counted[iri] >= dated[iri] for iri in top)
    assert sum(counted[iri] == dated[iri] for iri in top) >= 15
    rows = run_named(store, "most-cited", {}).records()
    assert int(rows[0]["documents"]) == max(counted.values())
    assert [int(r["documents"]) for r in rows] == sorted((int(r["documents"]) for r in rows), reverse=True)


def test_the_most_cited_are_ranked_by_their_counts(corpus_store):
    rows = corpus_store.query(f"""
        SELECT ?rank ?n WHERE {{ ?i <{KG}citationRank> ?rank ; <{KG}citingDocuments> ?n }}
        ORDER BY ?rank""", max_rows=10_000).rows
    ranks = [int(rank.value) for rank, _ in rows]
    counts = [int(n.value) for _, n in rows]
    assert ranks == list(range(1, len(rows) + 1)) and len(rows) == 1000
    assert counts == sorted(counts, reverse=True)
    unranked = corpus_store.query(f"""
        SELECT (MAX(?n) AS ?most) WHERE {{ ?i <{KG}citingDocuments> ?n
          FILTER NOT EXISTS {{ ?i <{KG}citationRank> ?rank }} }}""").rows[0][0]
    assert int(unranked.value) <= counts[-1]
    top = run_named(corpus_store, "most-cited", {}).records()
    assert [int(r["documents"]) for r in top] == counts[:25]


def _plan_in_two_files(tmp_path: Path, profile: str) -> Path:
    """Two files of one document, built: the plan, and its first 50 lines (same header, same
    identity, the same sections as far as they go)."""
    texts = tmp_path / "two"
    texts.mkdir()
    (texts / "whole.txt").write_bytes(PLAN.read_bytes())
    lines = PLAN.read_text(encoding="utf-8").splitlines(keepends=True)
    assert "76/NQ-CP" not in "".join(lines[:50]) and "76/NQ-CP" in "".join(lines[50:])
    (texts / "first-part.txt").write_text("".join(lines[:50]), encoding="utf-8")
    output = tmp_path / "out"
    assert build([texts], output, profile=profile).ok
    return output


def test_who_cites_gives_each_citation_once_where_files_share_a_section(tmp_path):
    """Both files state the plan's sections, each in its graph: a section id read from every graph
    repeated each row once per file (at 30,000 national files, whose article clauses a code's
    files share, 100,000 rows capped for 11,383 citations). Read in the evidence's own file, once."""
    store = MemoryStore(_plan_in_two_files(tmp_path, "full"))
    cited = run_named(store, "who-cites", {"number": "33/CT-TTg"}).records()
    assert {r["source"] for r in cited} == {"two/whole.txt", "two/first-part.txt"}
    assert any(r["section"] for r in cited)
    assert len(cited) == len({tuple(sorted(r.items())) for r in cited})
    evidences = store.query('SELECT ?evidence WHERE { ?cited <http://data.europa.eu/eli/ontology#number> "33/CT-TTg" . '
                            '?evidence <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?cited }')
    assert len(cited) == len(evidences.rows)


def test_who_cites_names_only_the_file_that_states_the_citation(tmp_path):
    """The plan in two files, in the citations profile: 76/NQ-CP is cited after line 50, so only
    the whole plan cites it. An edge read through kg:describes was given to every file describing
    the document (at 30,000 national files, to each of the hundreds of article files of a code)."""
    output = _plan_in_two_files(tmp_path, "citations")
    store = MemoryStore(output)
    cited = run_named(store, "who-cites", {"number": "76/NQ-CP"}).records()
    assert cited and {r["source"] for r in cited} == {"two/whole.txt"}
    assert {r["citingLabel"] for r in cited} == {"322/KH-UBND"}
    both = run_named(store, "who-cites", {"number": "33/CT-TTg"}).records()  # cited in the first lines
    assert {r["source"] for r in both} == {"two/whole.txt", "two/first-part.txt"}
