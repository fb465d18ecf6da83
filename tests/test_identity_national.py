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
from kg.namespaces import sparql_prefixes
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
        sparql_prefixes("kg") + "SELECT ?file ?doc WHERE { GRAPH ?file { ?file kg:describes ?doc } }"
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


# ---------------------------------------------------------------- signer and date of force from metadata

SAVED_PAGE = ROOT / "corpus" / "plans" / "2530-qd-ttg-thu-tuong-chinh-phu-2025-646f0a00.txt"


def _document(result) -> dict:
    return result.to_dict()["document"]


def test_metadata_lines_give_the_signer_and_the_date_of_force():
    """The founding plan opens with a site's metadata as lines ("Ngày có hiệu lực 08/02/2023",
    "Người ký Lê Ngọc Tuấn"); its body states no date of force of its own."""
    source = prepare_text(PLAN.read_text(encoding="utf-8"), str(PLAN))
    document = _document(extract_file(PLAN))
    assert document["signer"] == "Lê Ngọc Tuấn"
    assert document["in_force_from"] == "2023-02-08"
    evidence = document["evidence"]["in_force_from"]
    assert source.original[evidence["start"]:evidence["end"]] == "Ngày có hiệu lực 08/02/2023"


def test_a_saved_pages_metadata_cells_give_the_signer_and_no_date_it_hides():
    """thuvienphapluat.vn saved as text puts each cell on a line of its own ("Người ký:" / "|" /
    "Trần Hồng Hà"); to those who are not its members it shows "Đã biết" for the date of force,
    which is no date: the decision's body says when it is in force (from signing)."""
    text = SAVED_PAGE.read_text(encoding="utf-8")
    document = _document(extract_file(SAVED_PAGE))
    assert document["signer"] == "Trần Hồng Hà"
    assert document["in_force_from"] == "2025-11-19"
    evidence = document["evidence"]["in_force_from"]
    assert " ".join(text[evidence["start"]:evidence["end"]].split()) == "Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành"
    assert evidence["start"] > text.index("Đã biết")
    other = ROOT / "corpus" / "plans" / "980-kh-ubnd-tinh-nghe-an-2025-c5d930a5.txt"
    plan = _document(extract_file(other))
    assert plan["signer"] == "Nguyễn Văn Đệ" and "in_force_from" not in plan


def test_a_markdown_metadata_table_gives_the_signer_and_the_date_of_force():
    """The saved page's metadata (2530/QĐ-TTg) as a dataset writes it, a markdown table, with the
    date of force its members see, the day the body states (in force from signing)."""
    text = ("| | |\n|---|---|\n| **Số hiệu** | 2530/QĐ-TTg |\n| **Loại văn bản** | Quyết định |\n"
            "| **Nơi ban hành** | Thủ tướng Chính phủ |\n| **Người ký** | Trần Hồng Hà |\n"
            "| **Ngày ban hành** | 19/11/2025 |\n| **Ngày hiệu lực** | 19/11/2025 |\n\n"
            "Điều 1. Phê duyệt Kế hoạch hành động quốc gia về khắc phục ô nhiễm và quản lý chất lượng "
            "môi trường không khí giai đoạn 2026 - 2030, tầm nhìn đến năm 2045.\n")
    document = _document(extract_text(text))
    assert (document["number"], document["signer"], document["date"], document["in_force_from"]) == \
        ("2530/QĐ-TTg", "Trần Hồng Hà", "2025-11-19", "2025-11-19")
    evidence = document["evidence"]["in_force_from"]
    assert text[evidence["start"]:evidence["end"]].startswith("Ngày hiệu lực")
    # a date of force its body states is the document's word, before a site's record of it
    stated = text + "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 12 năm 2025.\n"
    assert _document(extract_text(stated))["in_force_from"] == "2025-12-01"


def test_the_gazettes_signature_stamp_is_furniture_not_a_signer():
    """The e-signature stamp ("Người ký: Cổng Thông tin điện tử Chính" / "phủ" / "Email: ..." /
    "Cơ quan: ..." / "Thời gian ký: ...") pasted into a gazette page is blanked, its wrapped line
    and the lines under it too; it names no signer."""
    path = ROOT / "corpus" / "congbao" / "hd_khoan" / "thong-tu-so-36-2021-tt-bldtbxh-36618.txt"
    source = prepare_text(path.read_text(encoding="utf-8"), str(path))
    assert "Người ký:" in source.original and "Email: thongtinchinhphu" in source.original
    assert "Người ký:" not in source.normalized and "thongtinchinhphu" not in source.normalized
    assert "Cổng" not in (_document(extract_file(path))["signer"] or "")


def test_an_undated_file_is_not_merged_into_another_file_of_the_same_number(tmp_path):
    """Two consolidated texts "19/VBHN-VPQH": a gazette window that prints no date of its own, and the
    consolidation of 2026 (numbers of consolidated texts restart each year). The corpus pass that
    dates undated citations must not read one file as the other: their dates do not agree."""
    corpus = tmp_path / "collection"
    corpus.mkdir()
    for name in ("van-ban-hop-nhat-so-19-vbhn-vpqh-30971.txt", "van-ban-hop-nhat-so-19-vbhn-vpqh-468972.txt"):
        shutil.copy(ROOT / "corpus" / "congbao" / "bhxh" / name, corpus / name)
    assert build([corpus], tmp_path / "out").ok
    assert sorted(len(files) for files in files_by_document(tmp_path / "out").values()) == [1, 1]


def test_a_heading_naming_the_document_is_its_title_not_a_citation():
    """A dataset's file of one article opens with its law's title as a markdown heading, above the
    metadata table: that is the law's own title, not a citation of an undated law of that title
    (on the national bench, two articles in three cited their own code so)."""
    law = ROOT / "corpus" / "congbao" / "bhxh" / "luat-so-51-2024-qh15-43559.txt"
    text = law.read_text(encoding="utf-8")
    article = text[text.index("Điều 3. Điều khoản thi hành"):]
    table = "| | |\n|---|---|\n| **Số hiệu** | 51/2024/QH15 |\n| **Loại văn bản** | Luật |\n\n"
    heading = "# Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế\n\n"
    headed = extract_text(heading + table + article, "bo-luat/51-2024-QH15/dieu-3.md")
    plain = extract_text(table + article, "bo-luat/51-2024-QH15/dieu-3.md")
    own = headed.document.instrument
    assert (own.doc_type, own.number, own.title) == ("Luật", "51/2024/QH15", "sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế")
    below = [(c.reference.start - len(heading), c.instrument.iri) for c in headed.citations if c.reference.start > len(heading)]
    assert plain.citations and below == [(c.reference.start, c.instrument.iri) for c in plain.citations]
    # in the heading, only the law the title names as the one it amends
    assert [c.instrument.number for c in headed.citations if c.reference.start < len(heading)] == ["25/2008/QH12"]
    # the same title written further on is a citation still: the 2014 law of that title
    body = extract_text(heading + table + article + "\nThay thế Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế "
                        "số 46/2014/QH13.\n", "bo-luat/51-2024-QH15/dieu-3.md")
    assert any(c.instrument.number == "46/2014/QH13" for c in body.citations)


def test_a_title_stops_at_a_tables_bar():
    """No instrument's name holds a table's bar: a heading's title ended there, not in the metadata
    table under it ("Luật Khoáng sản | | | |---|---| |", an undated law cited by half the national
    bench's articles), and a title in a table's cell ends with its cell."""
    table = "| | |\n|---|---|\n| **Số hiệu** | 133/2010/QH12 |\n| **Loại văn bản** | Luật |\n| **Nơi ban hành** | Quốc hội |\n\n"
    headed = extract_text("# Luật Khoáng sản\n\n" + table + _article(), "bo-luat/133-2010-QH12/dieu-36.md")
    own = headed.document.instrument
    assert (own.doc_type, own.number, own.title) == ("Luật", "133/2010/QH12", "Khoáng sản")
    assert not [c for c in headed.citations if "|" in (c.instrument.title or "") or c.reference.start < 20]
    cells = extract_text("| STT | Văn bản | Cơ quan |\n|---|---|---|\n| 1 | Luật Khoáng sản | Quốc hội |\n"
                         "| 2 | Luật Đất đai năm 2024 | Quốc hội |\n")
    assert [c.instrument.title for c in cells.citations] == ["Luật Khoáng sản", "Luật Đất đai"]
