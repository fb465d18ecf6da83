"""Standing, alerts and timelines, derived from the corpus graph (kg.status) and shown by the CLI."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import status
from kg.cli import main
from kg.namespaces import sparql_prefixes
from kg.query import run_named
from kg.relations import having

ROOT = Path(__file__).resolve().parent.parent


def _one(store, number):
    return status.instruments_numbered(store, number)[0]


def _quoted(evidence) -> bool:
    """The evidence points at words that are in its file (the quote is found where it says)."""
    text = (ROOT / evidence.source).read_text(encoding="utf-8")
    return evidence.quote in text[evidence.start - 1:evidence.end + 1] or text[evidence.start:evidence.end] == evidence.quote


def test_a_circular_repealed_by_a_later_one_says_so_with_the_words(corpus_store):
    answer = status.standing(corpus_store, _one(corpus_store, "07/2024/TT-BKHĐT"), "2026-01-01")
    assert answer.state == "repealed"
    [repeal] = [c for c in answer.changes if c.effect == "repealed"]
    assert repeal.by_label == "23/2024/TT-BKHĐT"
    assert (repeal.date, repeal.date_basis) == ("2025-03-01", "in force")  # 23/2024's own first day in force
    assert any("hết hiệu lực" in e.quote for e in repeal.evidence) and all(_quoted(e) for e in repeal.evidence)
    assert answer.in_force_from[0] == "2024-06-15" and _quoted(answer.in_force_from[1])
    assert answer.in_force == "http://data.europa.eu/eli/ontology#InForce-notInForce"


@pytest.mark.parametrize("as_of,state", [("2024-05-01", "not yet in force"), ("2024-07-01", "in force"),
                                         ("2025-02-28", "in force"), ("2025-03-01", "repealed")])
def test_the_state_follows_the_day_asked_about(corpus_store, as_of, state):
    assert status.standing(corpus_store, _one(corpus_store, "07/2024/TT-BKHĐT"), as_of).state == state


def test_amended_replaced_suspended_expired_and_unknown_on_real_texts(corpus_store):
    def state(number, as_of="2026-12-05"):
        return status.standing(corpus_store, _one(corpus_store, number), as_of)

    amended = state("21/2018/QĐ-UBND")
    assert amended.state == "amended" and [c.by_label for c in amended.changes] == ["15/2019/QĐ-UBND"]
    # "Nghị quyết này có hiệu lực thi hành kể từ ngày 01 tháng 5 năm 2026 đến hết ngày 30 tháng 6 năm 2026"
    expired = state("25/2026/NQ-CP")
    assert expired.state == "expired" and expired.in_force_until[0] == "2026-06-30"
    assert state("25/2026/NQ-CP", "2026-06-30").state == "in force"
    # suspended by 16/2022/TT-BKHĐT in 2022, then ended by 01/2024/TT-BKHĐT ("Thông tư 08/2022/TT-BKHĐT ... và Thông
    # tư số 10/2015/TT-BKHĐT ... hết hiệu lực thi hành": each instrument of the list, read since session 13)
    suspended = state("08/2022/TT-BKHĐT", "2023-06-01")
    assert suspended.state == "suspended" and suspended.changes[0].evidence
    assert suspended.changes[0].by_label == "16/2022/TT-BKHĐT"
    ended = state("08/2022/TT-BKHĐT")
    assert ended.state == "repealed" and "01/2024/TT-BKHĐT" in [c.by_label for c in ended.changes]
    # the founding plan cites Chỉ thị 33/CT-TTg; no text says when it came into force or changed it
    unknown = state("33/CT-TTg")
    assert unknown.state == "unknown" and not unknown.changes and unknown.in_force is None


def test_a_repeal_of_one_article_leaves_the_rest_standing(corpus_store):
    # "Bãi bỏ Điều 8 Nghị định số 140/2025/NĐ-CP" (207/2026/NĐ-CP); a list that repeals whole texts
    # ("Bãi bỏ toàn bộ 14 văn bản ... 10. Quyết định số 01/2006/QĐ-BLĐTBXH ...") repeals each whole
    partly = status.standing(corpus_store, _one(corpus_store, "140/2025/NĐ-CP"), "2026-12-05")
    assert partly.state == "partly repealed"
    assert [(c.effect, c.partial, c.by_label) for c in partly.changes if c.effect == "repealed"] == [
        ("repealed", True, "207/2026/NĐ-CP")]
    # read from the graph's provision-level change (kg:changesProvision, kind "repealed"), not from the words
    assert [c.parts for c in partly.changes if c.effect == "repealed"] == [("Điều 8",)]
    assert any(line.strip().startswith("partly repealed (Điều 8) by 207/2026/NĐ-CP") for line in partly.lines())
    whole = status.standing(corpus_store, _one(corpus_store, "01/2006/QĐ-BLĐTBXH"), "2026-12-05")
    assert whole.state == "repealed"


def test_no_standing_rests_on_a_change_issued_before_what_it_changes(corpus_store):
    """The calendar check, corpus-wide: every change kept was issued on or after what it changes."""
    changes = ", ".join("kg:" + relation.property for relation in having("effect"))  # amends, replaces...
    changed = corpus_store.query(sparql_prefixes("kg") + f"""
        SELECT DISTINCT ?o WHERE {{ ?s ?p ?o FILTER (?p IN ({changes})) }}""").rows
    assert len(changed) > 500
    checked = 0
    for (iri,) in changed:
        answer = status.standing(corpus_store, iri.value)
        for change in answer.changes:
            rows = run_named(corpus_store, "dates-of-force", {"instrument": change.by}).records()
            theirs = rows[0]["issued"] if rows else None
            if theirs and answer.issued:
                checked += 1
                assert theirs >= answer.issued, (answer.label, change)
    assert checked > 300


def test_check_of_the_founding_plan_finds_the_amended_decision_under_task_II_5(corpus_store):
    found = status.alerts(corpus_store, _one(corpus_store, "322/KH-UBND"), "2026-12-05")
    [alert] = [a for a in found["II.5"] if a.standing.label == "21/2018/QĐ-UBND"]
    assert alert.change.effect == "amended" and alert.change.by_label == "15/2019/QĐ-UBND"
    assert alert.before_plan is True  # amended 2019-10-17, the plan is of 2023-02-08
    # both quotes: the words by which the task rests on it, and those by which it was amended
    assert "21/2018/QĐ-UBND" in alert.path[-1].evidence.quote
    assert "Sửa đổi, bổ sung" in alert.change.evidence[0].quote


def test_the_cli_answers_status_check_and_timeline(corpus_build):
    runner = CliRunner()
    result = runner.invoke(main, ["status", str(corpus_build), "07/2024/TT-BKHĐT"])
    assert result.exit_code == 0, result.output
    assert "repealed by 23/2024/TT-BKHĐT from 2025-03-01" in result.output
    result = runner.invoke(main, ["check", str(corpus_build), "322/KH-UBND"])
    assert result.exit_code == 0 and "322/KH-UBND II.5" in result.output
    assert "amended by 15/2019/QĐ-UBND on 2019-10-17 (before the plan was issued)" in result.output
    result = runner.invoke(main, ["timeline", str(corpus_build), "21/2018/QĐ-UBND"])
    lines = result.output.splitlines()
    assert result.exit_code == 0
    assert lines[0].startswith("2018-07-20  issued") and any("amended" in line and "2019-10-17" in line for line in lines)
    assert [line[:10] for line in lines if line[:4].isdigit()] == sorted(line[:10] for line in lines if line[:4].isdigit())
    result = runner.invoke(main, ["status", str(corpus_build), "07/2024/TT-BKHĐT", "--as-of", "2024-13-01"])
    assert result.exit_code == 2 and "not a date" in result.output


def test_the_alerts_query_gives_the_same_answer_over_sparql(corpus_store):
    rows = run_named(corpus_store, "alerts", {"number": "322/KH-UBND"}).records()
    assert {(r["taskId"], r["changedLabel"], r["changerLabel"], r["beforePlan"]) for r in rows} >= {
        ("II.5", "21/2018/QĐ-UBND", "15/2019/QĐ-UBND", "true")}


def test_a_document_page_shows_its_status_and_timeline(corpus_site):
    site, _ = corpus_site
    # (named by the IRI, whose number has no leading zeros: 07/2024/TT-BKHĐT is 7-2024-tt-bkhdt)
    page = (site / "doc" / "thong-tu-7-2024-tt-bkhdt-2024.html").read_text(encoding="utf-8")
    status = page[page.index('id="status"'):page.index('id="timeline"')]
    assert "<strong>repealed</strong>" in status and "repealed by 23/2024/TT-BKHĐT from 2025-03-01" in status
    assert "Thông tư số 07/2024/TT-BKHĐT hết hiệu lực thi hành" in status  # the words that say so
    timeline = page[page.index('id="timeline"'):page.index('id="cites"')]
    assert timeline.index("2024-06-15") < timeline.index("2025-03-01")


def test_a_lineage_marks_what_no_longer_stands(corpus_site):
    import json
    import re

    site, _ = corpus_site
    page = (site / "lineage" / "quyet-dinh-1205-qd-bkhdt-2024" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1))
    marked = {node["name"]: node["standing"] for node in data["nodes"] if node.get("standing")}
    assert marked and set(marked.values()) <= {"repealed", "replaced", "expired", "suspended"}
    assert "no longer stands" in page
    assert all("(" + state + ")" in node["label"] for node in data["nodes"]
               for state in [node.get("standing")] if state and node["label"])


def test_an_amending_text_that_repeals_some_articles_leaves_the_instrument_partly_repealed(corpus_store):
    # thong-tu-so-10-2024-tt-bkhdt "Sửa đổi một số điều của Thông tư số 10/2022/TT-BKHĐT ...", item 5:
    # "Bãi bỏ khoản 3 Điều 9; điểm c khoản 1, điểm c khoản 2 và điểm c khoản 3 Điều 10; điểm b khoản 1 Điều 20"
    answer = status.standing(corpus_store, _one(corpus_store, "10/2022/TT-BKHĐT"), "2026-12-05")
    assert answer.state == "partly repealed"
    [repeal] = [c for c in answer.changes if c.effect == "repealed"]
    assert (repeal.by_label, repeal.partial, repeal.date) == ("10/2024/TT-BKHĐT", True, "2024-07-26")
    assert repeal.parts == ("Điều 9.3", "Điều 10.1.c", "Điều 10.2.c", "Điều 10.3.c", "Điều 20.1.b")
    assert all(_quoted(e) and e.quote.startswith("Bãi bỏ khoản 3 Điều 9") for e in repeal.evidence)
    # before 10/2024 came into force no part of it was repealed: it stood amended by 21/2022/TT-BKHĐT ("Sửa đổi
    # khoản 3 Điều 31 và khoản 2.c Bảng số 01 ... Phụ lục 4 ban hành kèm theo Thông tư số 10/2022/TT-BKHĐT": an
    # act on a part is an act on its instrument, settled rule 3), and before that in force
    assert status.standing(corpus_store, answer.iri, "2024-07-25").state == "amended"
    assert status.standing(corpus_store, answer.iri, "2022-11-19").state == "in force"
