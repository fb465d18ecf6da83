"""Task tables as the gazette's text gives them (kg.text_tables): no separators, each cell's words wrapped
over lines in column order. Read on the corpus's Government programmes and a form that is no task table."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.extract import extract_file

CONGBAO = Path(__file__).resolve().parent.parent / "corpus" / "congbao"


@lru_cache(maxsize=None)
def _sections(name: str) -> dict:
    path = next(CONGBAO.rglob(name))
    result = extract_file(path)
    return {section.id: section for section in result.sections}, result


def test_a_programme_table_gives_each_numbered_row_as_a_task_with_its_lead_partners_and_time():
    # 844/QĐ-TTg's appendix: "STT / Tên nhiệm vụ cụ thể / Cơ quan / chủ trì / Cơ quan / phối hợp / Kết quả /
    # Thời gian hoàn / thành", 29 rows numbered through six groups ("I. Đổi mới mạnh mẽ tư duy ...")
    sections, result = _sections("quyet-dinh-so-844-qd-ttg-469526.txt")
    rows = [s for s in sections.values() if s.id.startswith("appendix.")]
    assert [s.id for s in rows] == [f"appendix.{n}" for n in range(1, 30)]
    assert all(s.kind == "task" for s in rows)
    first = sections["appendix.1"]  # "Các / bộ / ở / Trung ương, / Ủy ban nhân / dân cấp tỉnh ở / địa phương"
    assert first.lead == "Các bộ ở Trung ương, Ủy ban nhân dân cấp tỉnh ở địa phương"
    assert first.title.startswith("Tăng cường lãnh đạo, chỉ đạo xây dựng và tổ chức thực hiện")
    assert first.deadline == "Thường xuyên"
    fifth = sections["appendix.5"]
    assert (fifth.lead, fifth.deadline) == ("Bộ Tài chính", "Quý I/2027") and "Bộ Y tế" in fifth.partners[0]
    # the table no longer gives its groups and rows as parts and items of the appendix
    assert not any(s.startswith("Phụ lục.") for s in sections)
    # a row's citations are the task's: row 10, "Xây dựng Luật Bảo hiểm y tế sửa đổi"
    iri = next(c.instrument.iri for c in result.citations if (c.instrument.title or "").startswith("Luật Bảo hiểm y tế"))
    assert any(r.subject.endswith("/appendix.10") and r.object == iri for r in result.relations)


def test_a_row_split_by_a_page_break_keeps_its_time_and_not_the_header_printed_again():
    # 97/NQ-CP: rows run across pages, the header printed again on each ("TT / Tên nhiệm vụ / Cơ quan / chủ trì ...")
    sections, _ = _sections("nghi-quyet-so-97-nq-cp-469324.txt")
    rows = [s for s in sections.values() if s.id.startswith("appendix.")]
    assert len(rows) == 29
    assert not any("Tên nhiệm vụ" in (s.title or "") or "chủ trì" in (s.title or "") for s in rows)
    assert (sections["appendix.1"].lead, sections["appendix.1"].deadline) == ("Các bộ, cơ quan ngang bộ", "2026 và hằng năm")
    assert sections["appendix.7"].deadline == "2026-03"  # "Tháng / 3/2026"


def test_rows_numbered_under_a_heading_row_are_the_tasks_and_the_heading_is_not():
    # 982/QĐ-TTg: "1. / Rà soát, hoàn thiện thể chế" heads rows "1.1", "1.2" ...
    sections, _ = _sections("quyet-dinh-so-982-qd-ttg-469699.txt")
    assert "appendix.1" not in sections and "appendix.1.1" in sections
    row = sections["appendix.1.1"]
    assert (row.lead, row.deadline) == ("Bộ Tài chính", "thường xuyên")  # ("Nhiệm vụ thường xuyên": its time words)
    assert row.partners[0] == "Bộ Khoa học và Công nghệ"


def test_a_time_written_over_two_lines_is_one_time_and_rows_numbered_afresh_under_groups_keep_their_group():
    # 116/NQ-CP: "Giai đoạn / 2026 - 2030" in the time column; rows "1" to "10" under "I", "1" to "7" under "II" ...
    sections, _ = _sections("nghi-quyet-so-116-nq-cp-469463.txt")
    assert sections["appendix.I.5"].deadline == "Giai đoạn 2026 - 2030"
    assert sections["appendix.I.5"].lead == "Bộ Tài chính"
    assert sum(s.startswith("appendix.") for s in sections) == 33 and "appendix.VI.2" in sections


def test_an_agency_written_a_word_a_line_is_one_cell():
    # 100/NQ-CP: "Bộ / Nội / vụ, / Bộ / Ngoại / giao" then "Bộ Công an, / Bộ / Tài / chính, ..." (a narrow column)
    sections, _ = _sections("nghi-quyet-so-100-nq-cp-469357.txt")
    row = sections["appendix.II.1"]
    assert (row.lead, row.deadline) == ("Bộ Nội vụ, Bộ Ngoại giao", "Năm 2026 - 2030")  # (the dash as text.py reads it)
    assert row.partners[:2] == ("Bộ Công an", "Bộ Tài chính")


def test_a_forms_table_with_no_lead_in_its_rows_assigns_no_work():
    # 01/2024/TT-BKHĐT's forms: "STT / Nội dung công việc / ... / Đơn vị thực hiện" with rows of sums
    sections, _ = _sections("thong-tu-so-01-2024-tt-bkhdt-41483.txt")
    assert not any(s.startswith("appendix.") for s in sections)
