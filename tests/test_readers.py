"""Every format a legal text is downloaded in reads to the same document: the founding plan as
.txt, and as .docx, .pdf and an HTML page made from it by tools/make_format_fixtures.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.errors import InputError
from kg.extract import extract_file
from kg.readers import file_text, html_text
from kg.text import read_text

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "322-KH-UBND-2023-kon-tum.txt"
FORMATS = ROOT / "tests" / "fixtures" / "formats"
STEM = PLAN.stem


def _citations(extraction) -> list[tuple[str, str]]:
    return [(c.instrument.iri, " ".join(c.reference.text.split())) for c in extraction.citations]


@pytest.mark.parametrize("suffix", ["docx", "pdf", "html"])
def test_each_format_reads_to_the_same_document(suffix):
    plain = extract_file(PLAN)
    other = extract_file(FORMATS / f"{STEM}.{suffix}")
    assert other.document.instrument == plain.document.instrument
    assert len(plain.citations) == 28
    assert _citations(other) == _citations(plain)
    assert [(r.subject, r.predicate, r.object) for r in other.relations] == \
        [(r.subject, r.predicate, r.object) for r in plain.relations]
    assert [s.id for s in other.sections] == [s.id for s in plain.sections]


@pytest.mark.parametrize("suffix", ["docx", "pdf", "html"])
def test_offsets_index_the_extracted_text(suffix):
    source = read_text(FORMATS / f"{STEM}.{suffix}")
    extraction = extract_file(FORMATS / f"{STEM}.{suffix}")
    assert source.original == file_text(FORMATS / f"{STEM}.{suffix}")
    for citation in extraction.citations:
        reference = citation.reference
        assert source.original[reference.start:reference.end] == reference.text
    words = "Chỉ thị số 33/CT-TTg ngày 26 tháng 11 năm 2021 của Thủ tướng Chính phủ"
    first = extraction.citations[0].reference
    assert " ".join(source.original[first.start:first.end].split()) == words


def test_html_reads_the_document_body_only():
    text = file_text(FORMATS / f"{STEM}.html")
    page = (FORMATS / f"{STEM}.html").read_text(encoding="utf-8")
    assert "59/2012/NĐ-CP" in page and "59/2012/NĐ-CP" not in text  # the related-documents list, the script
    assert "Trang chủ" not in text and "Bản quyền" not in text
    assert text.startswith("| ỦY BAN NHÂN DÂN TỈNH KON TUM ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    iris = {c.instrument.iri for c in extract_file(FORMATS / f"{STEM}.html").citations}
    assert not any("59-2012-nd-cp" in iri or "66-2006-qh11" in iri for iri in iris)


def test_html_body_containers_of_the_data_file():
    """Each container kg/data/html_bodies.json names holds the body; what stands around it does not."""
    rules = json.loads((ROOT / "kg" / "data" / "html_bodies.json").read_text(encoding="utf-8"))
    for container in rules["containers"]:
        if "id" in container:
            opening, closing = f'<div id="{container["id"]}">', "</div>"
        elif "class" in container:
            opening, closing = f'<div class="x {container["class"]}">', "</div>"
        else:
            opening, closing = f"<{container['tag']}>", f"</{container['tag']}>"
        page = (f"<html><body><nav><a>Văn bản mới: Nghị định số 59/2012/NĐ-CP</a></nav><div>Quảng cáo</div>"
                f"{opening}<p>Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;</p><div><p>Điều 1.</p></div>"
                f"{closing}<footer>Liên hệ</footer></body></html>")
        assert html_text(page) == "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n\nĐiều 1.\n", container


def test_a_scanned_pdf_says_to_run_ocr():
    with pytest.raises(InputError) as error:
        read_text(FORMATS / "scanned-no-text-layer.pdf")
    assert error.value.path.endswith("scanned-no-text-layer.pdf")
    assert "without a text layer" in error.value.reason and "OCR" in error.value.reason


def test_a_doc_file_says_to_save_it_as_docx(tmp_path):
    doc = tmp_path / "quyet-dinh.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + PLAN.read_bytes())  # an OLE header, as Word 97-2003 writes
    with pytest.raises(InputError) as error:
        read_text(doc)
    assert error.value.path == str(doc) and ".docx" in error.value.reason


def test_a_broken_docx_names_the_file(tmp_path):
    broken = tmp_path / "ke-hoach.docx"
    broken.write_bytes((FORMATS / f"{STEM}.docx").read_bytes()[:2000])
    with pytest.raises(InputError) as error:
        read_text(broken)
    assert "not a readable .docx" in error.value.reason


def test_a_folder_of_formats_builds_one_document_and_reports_what_it_cannot_read(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    for path in FORMATS.iterdir():
        if path.stem in (STEM, "scanned-no-text-layer"):
            (folder / path.name).write_bytes(path.read_bytes())
    (folder / f"{STEM}.txt").write_bytes(PLAN.read_bytes())
    (folder / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    report = build([folder], tmp_path / "out")
    assert report.files_read == 4  # .txt, .docx, .pdf, .html: one plan, four files
    assert sorted(f["path"] for f in report.failed) == ["downloads/cu.doc", "downloads/scanned-no-text-layer.pdf"]
    graph = (tmp_path / "out" / "graph.nq").read_text(encoding="utf-8")
    describes = {line.split()[2] for line in graph.splitlines()
                 if line.split()[1:2] == ["<https://w3id.org/kg-vn/ontology#describes>"]}
    assert describes == {"<https://w3id.org/kg-vn/id/ke-hoach/322-kh-ubnd/2023/tinh-kon-tum>"}
    result = CliRunner().invoke(main, ["extract", str(folder / "cu.doc")])
    assert result.exit_code != 0 and "cu.doc" in result.output + (result.stderr if result.stderr_bytes else "")


SAVED_PLAN = ROOT / "corpus" / "plans" / "308-kh-ubnd-ha-noi-2025-8e9a425d.txt"
SAVED_PAGE = FORMATS / f"{SAVED_PLAN.stem}.html"


def test_a_saved_page_of_a_legal_document_site_reads_to_the_same_document():
    """Plan 308/KH-UBND of Hà Nội as a browser saves a page of thuvienphapluat.vn ("Web page,
    complete"; made by tools/make_format_fixtures.py from the corpus text): the site's chrome (its
    metadata cells, copyright notice and members' notice, whose words plans/980 keeps) around
    div.content1 > div#divContentDoc, the document as Word-made HTML whose source lines wrap inside
    paragraphs and between tags. Read through kg.readers it is the same document as the text."""
    plain, page = extract_file(SAVED_PLAN), extract_file(SAVED_PAGE)
    assert page.document == plain.document
    assert page.document.signer == "Trương Việt Dũng"  # the signature table's cell, read as one line
    # (12: its title in capitals, "KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ 214/NQ-CP", is read since session 20)
    assert len(plain.citations) == 12 and _citations(page) == _citations(plain)
    assert [(r.subject, r.predicate, r.object) for r in page.relations] == \
        [(r.subject, r.predicate, r.object) for r in plain.relations]
    assert [s.id for s in page.sections] == [s.id for s in plain.sections]
    # the chrome is not the document: the members' notice cites a decree the plan does not
    html = SAVED_PAGE.read_text(encoding="utf-8")
    assert "13/2023/NĐ-CP" in html and not any("13-2023-nd-cp" in c.instrument.iri for c in page.citations)
    source = read_text(SAVED_PAGE)
    assert "Đang tải văn bản" not in source.original and "THƯ VIỆN PHÁP LUẬT" not in source.original
    # a paragraph's wrapped source lines read as one line, as a browser shows them
    assert "Thực hiện Nghị quyết số 214/NQ-CP ngày 23/7/2025 của Chính phủ ban hành" in source.original
    for citation in page.citations:
        assert source.original[citation.reference.start:citation.reference.end] == citation.reference.text


def test_html_white_space_is_one_space_but_inside_pre():
    page = "<html><body><main><p>Căn cứ Luật\n   Đất đai</p><pre>Điều 1.\n  Điều 2.</pre></main></body></html>"
    assert html_text(page) == "Căn cứ Luật Đất đai\n\nĐiều 1.\nĐiều 2.\n"
