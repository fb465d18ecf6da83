"""A national collection's identity: metadata tables, emphasis inside a number, files without a
header, and a build in which no two files become one document unless their identity agrees."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.extract import extract_file, extract_text
from kg.iri import is_file_iri
from kg.text import prepare_text

ROOT = Path(__file__).resolve().parent.parent
DECREE = ROOT / "corpus" / "congbao" / "bhxh" / "nghi-dinh-so-158-2025-nd-cp-45240.txt"
PLAN = ROOT / "corpus" / "322-KH-UBND-2023-kon-tum.txt"


def _decree_body() -> str:
    """The decree from its type line on: its header gone, as a dataset's markdown keeps it."""
    text = DECREE.read_text(encoding="utf-8")
    return text[text.index(" NGHỊ ĐỊNH"):]


def _article() -> str:
    """One article of the decree, alone in its file, as the national code's collections give it."""
    text = DECREE.read_text(encoding="utf-8")
    start = text.index("Điều 1. Phạm vi điều chỉnh")
    return text[start:text.index("Điều 2.", start)]


def test_markdown_metadata_table_names_the_document():
    table = ("| | |\n|---|---|\n| **Số hiệu** | 158/2025/NĐ-CP |\n| **Loại văn bản** | Nghị định |\n"
             "| **Nơi ban hành** | Chính phủ |\n| **Người ký** | Nguyễn Hòa Bình |\n"
             "| **Ngày ban hành** | 25/06/2025 |\n\n")
    document = extract_text(table + _decree_body(), "luat/158.md").document
    own = document.instrument
    assert (own.doc_type, own.number, own.date, own.issuer) == ("Nghị định", "158/2025/NĐ-CP", "2025-06-25", "Chính phủ")
    assert document.signer == "Nguyễn Hòa Bình"
    assert own.iri.endswith("/nghi-dinh/158-2025-nd-cp/2025")


def test_emphasis_inside_the_number_does_not_cut_it():
    text = DECREE.read_text(encoding="utf-8").replace("Số: 158/2025/NĐ-CP", "Số: **158**/2025/NĐ-CP", 1)
    assert "**158**" in text
    own = extract_text(text, "158.md").document.instrument
    assert own.number == "158/2025/NĐ-CP"


def test_markdown_heading_is_read_as_the_type_line():
    text = DECREE.read_text(encoding="utf-8").replace(" NGHỊ ĐỊNH \n", "# NGHỊ ĐỊNH\n", 1)
    assert "# NGHỊ ĐỊNH" in text
    own = extract_text(text, "158.md").document.instrument
    assert own.doc_type == "Nghị định" and own.title.startswith("Quy định chi tiết và hướng dẫn thi hành")


def test_a_file_without_header_has_no_issuer_and_its_own_iri():
    article = _article()
    first = extract_text(article, "bo-luat/dieu-1.md").document.instrument
    second = extract_text(article, "bo-luat/chuong-1/dieu-1.md").document.instrument
    assert first.number is None and first.issuer is None
    assert is_file_iri(first.iri) and "untitled" not in first.iri
    assert first.iri != second.iri  # the same words in two files are two documents
    assert first.iri == extract_text(article, "bo-luat/dieu-1.md").document.instrument.iri  # stable


def test_title_stops_at_the_rule_under_it():
    own = extract_file(ROOT / "corpus/congbao/hd_kinh_te/nghi-quyet-so-122-nq-cp-469492.txt").document.instrument
    assert own.title == "Phiên họp Chính phủ thường kỳ tháng 4 năm 2026"


def files_by_document(output: Path) -> dict[str, list[str]]:
    """Each document IRI of a build with the labels of the files that describe it, from the graph."""
    from urllib.parse import unquote

    from kg.namespaces import ID
    from kg.store import MemoryStore

    rows = MemoryStore(output).query(
        "PREFIX kg: <https://w3id.org/kg-vn/ontology#> SELECT ?file ?doc WHERE { GRAPH ?file { ?file kg:describes ?doc } }"
    ).records()
    files: dict[str, list[str]] = {}
    for row in rows:
        files.setdefault(row["doc"], []).append(unquote(row["file"][len(ID + "source/"):]))
    return files


def test_build_merges_no_two_files_unless_their_identity_agrees(tmp_path):
    corpus = tmp_path / "collection"
    (corpus / "bo-luat" / "chuong-1").mkdir(parents=True)
    article = _article()
    (corpus / "bo-luat" / "dieu-1.md").write_text(article, encoding="utf-8")
    (corpus / "bo-luat" / "chuong-1" / "dieu-1.md").write_text(article, encoding="utf-8")  # same bytes
    (corpus / "bo-luat" / "dieu-1-ban-sao.md").write_text("Điều 1.\n" + article[9:], encoding="utf-8")
    shutil.copy(DECREE, corpus / "158.txt")
    shutil.copy(DECREE, corpus / "158-ban-sao.txt")  # the same instrument twice: one document
    shutil.copy(PLAN, corpus / "322.txt")
    report = build([corpus], tmp_path / "out")
    assert report.ok and report.files_read == 6
    assert sorted(report.unnumbered) == ["collection/bo-luat/chuong-1/dieu-1.md", "collection/bo-luat/dieu-1-ban-sao.md",
                                         "collection/bo-luat/dieu-1.md"]
    identity = {}
    for path in corpus.rglob("*.*"):
        own = extract_file(path).document.instrument
        identity[path.relative_to(tmp_path).as_posix()] = (own.doc_type, own.number, own.issuer, own.date)
    by_document = files_by_document(tmp_path / "out")
    assert sorted(len(files) for files in by_document.values()) == [1, 1, 1, 1, 2], by_document
    for document, files in by_document.items():
        if len(files) > 1:  # only files that agree on number, type, issuer and date share a node
            assert len({identity[label] for label in files}) == 1 and identity[files[0]][1], (document, files)
    saved = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert len(saved["unnumbered"]) == 3


def test_kg_build_report_lists_files_without_their_own_number(tmp_path):
    corpus = tmp_path / "collection"
    corpus.mkdir()
    (corpus / "dieu-1.md").write_text(_article(), encoding="utf-8")
    shutil.copy(PLAN, corpus / "322.txt")
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--report"])
    assert result.exit_code == 0, result.output
    assert "1 documents without their own number" in result.output
    assert "no own number: collection/dieu-1.md" in result.output
    assert "no own number: collection/322.txt" not in result.output


def test_title_compounds_of_the_grammar_hold_a_title_together():
    """The examples of grammar.json's title_compounds: a stop word's syllable inside a word of two
    ("Hàng không") does not cut the title; the stop word alone ("không áp dụng") still ends it."""
    grammar = json.loads((ROOT / "kg" / "data" / "grammar.json").read_text(encoding="utf-8"))
    for example in grammar["title_compounds"]["examples"]:
        titles = [c.instrument.title for c in extract_text(example["text"]).citations]
        assert titles == [example["title"]], example
    numbered = extract_text("Căn cứ Luật Hàng không dân dụng Việt Nam số 66/2006/QH11;").citations[0].instrument
    assert numbered.number == "66/2006/QH11"


def test_an_article_alone_in_its_file_is_read_as_that_article():
    """The national code's collections give each article a file, "## Điều 2." on top; its clauses are
    that article's, so two articles of one law never share a section node ("1", "2")."""
    def markdown(article: str) -> str:  # as a dataset writes it: a heading, a paragraph a clause
        text = prepare_text(article).normalized  # the gazette's page furniture blanked
        heading, *clauses = re.split(r"\n\s*(?=\d+\. )", text)
        return "\n\n".join(["## " + " ".join(heading.split())] + [" ".join(c.split()) for c in clauses]) + "\n"

    text = DECREE.read_text(encoding="utf-8")
    start = text.index("Điều 2. ")
    table = "| **Số hiệu** | 158/2025/NĐ-CP |\n| **Loại văn bản** | Nghị định |\n| **Ngày ban hành** | 25/06/2025 |\n\n"
    second = extract_text(table + markdown(text[start:text.index("Điều 3.", start)]), "nghi-dinh-158/dieu-2.md")
    first = extract_text(table + markdown(_article()), "nghi-dinh-158/dieu-1.md")
    assert second.document.instrument == first.document.instrument  # one decree, two files
    assert [s.id for s in second.sections if s.kind == "article"] == ["Điều 2"]
    assert {s.id for s in second.sections if s.kind == "clause"} >= {"Điều 2.1", "Điều 2.2"}
    assert not {s.id for s in first.sections} & {s.id for s in second.sections} - {"preamble"}
