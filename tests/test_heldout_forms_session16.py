"""Forms of the language session 16 read from the held-out texts' leftovers (tests/gold/SETTLING.md, session 16), each
with its passage from the text that showed it, and the corpus's other texts of the same form."""
from __future__ import annotations

import pytest
from forms import CONGBAO

from kg.extract import extract_file, extract_text

RESOLUTIONS = CONGBAO / "hd_kinh_te"


def _rows(result):
    return {s.id: s for s in result.sections if s.kind == "task" and s.id.startswith("appendix.")}


def _cited(result, section) -> set[str]:
    """What a section cites, as `kg extract` gives it (its "cites"), by number or title."""
    numbers = {c.instrument.iri: c.instrument.number or c.instrument.title for c in result.citations}
    cites = next(entry["cites"] for entry in result.to_dict()["sections"] if entry["id"] == section.id)
    return {numbers.get(iri, iri) for iri in cites}


@pytest.fixture(scope="module")
def resolution_22():
    return extract_file(RESOLUTIONS / "nghi-quyet-so-22-2026-nq-cp-469469.txt")


@pytest.fixture(scope="module")
def resolution_18():
    return extract_file(RESOLUTIONS / "nghi-quyet-so-18-2026-nq-cp-469465.txt")


def test_a_list_of_decrees_to_amend_with_who_drafts_each_gives_tasks(resolution_22):
    # 22/2026/NQ-CP, "Phụ lục II / DANH MỤC VĂN BẢN ĐƯỢC ĐỀ XUẤT SỬA ĐỔI, BỔ SUNG ... / STT / CÁC NGHỊ ĐỊNH CẨN SỬA
    # ĐỔI, BỔ SUNG / ĐIỀU, KHOẢN, ĐIỂM CẦN SỬA ĐỔI, BỔ SUNG, BÃI BỎ / CƠ QUAN CHỦ TRÌ SOẠN THẢO": each row a task, the
    # decree it amends cited by it, its drafter its lead (both readers); kg read the rows as plain items
    rows = _rows(resolution_22)
    assert sorted(rows, key=lambda name: int(name.split(".")[1])) == [f"appendix.{n}" for n in range(1, 11)]
    assert {row.lead for row in rows.values()} == {"Bộ Công an"}
    assert _cited(resolution_22, rows["appendix.4"]) == {"96/2016/NĐ-CP", "56/2023/NĐ-CP", "58/2026/NĐ-CP"}
    assert _cited(resolution_22, rows["appendix.1"]) >= {"151/2024/NĐ-CP"}


def test_a_lead_printed_once_beside_the_first_row_is_that_rows(resolution_18):
    # 18/2026/NQ-CP, Phụ lục III: "Cơ quan chủ trì soạn thảo" printed once, "Bộ Văn hóa, / Thể thao và / Du lịch"
    # beside row 1 of eleven (a merged cell); the table is read, the lead stays with row 1 (as settled for dash rows)
    rows = _rows(resolution_18)
    assert len(rows) == 11
    assert rows["appendix.1"].lead == "Bộ Văn hóa, Thể thao và Du lịch"
    assert [name for name, row in rows.items() if row.lead] == ["appendix.1"]


def test_a_row_number_of_two_digits_runs_into_its_words(resolution_18):
    # "9. / Nghị định số 113/2013/NĐ-CP / Điều 36 / 10. Nghị định 342/2025/NĐ-CP / Điều 14": a number of two digits
    # fills its narrow column, so its words follow one space after its dot
    rows = _rows(resolution_18)
    assert _cited(resolution_18, rows["appendix.9"]) == {"113/2013/NĐ-CP"}
    assert _cited(resolution_18, rows["appendix.10"]) == {"342/2025/NĐ-CP"}
    assert _cited(resolution_18, rows["appendix.11"]) == {"116/2026/NĐ-CP"}


def test_a_cells_own_numbered_list_opens_no_row():
    # 109/NQ-CP's table of targets: "1 / Tốc độ tăng trưởng GDP bình / quân/năm (%) / Phấn đấu ≥ / 10,0 / 1. Bộ Tài
    # chính đầu / mối tham mưu ... / 2. Các bộ, cơ quan, địa / phương ...": a list inside a cell, numbered with single
    # digits, opens no row ("2." would have followed row 1), where "10. Nghị định ..." does
    result = extract_file(CONGBAO / "chinh_sach_dn" / "nghi-quyet-so-109-nq-cp-469403.txt")
    rows = _rows(result)
    assert sorted(rows, key=lambda name: int(name.split(".")[1])) == [f"appendix.{n}" for n in range(1, 175)]
    assert rows["appendix.2"].title.startswith("GDP bình quân đầu người")


@pytest.mark.parametrize("name, rows, leads", [
    # 17/2026 (agriculture and environment): thirteen appendices, each with its "DANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT
    # CẦN SỬA ĐỔI, BỔ SUNG" of one to seven decrees ("TT / Văn bản / ... / Cơ quan chủ trì soạn thảo")
    # (row 3 of Phụ lục XV, "... Điều 16; Điều 20; / Bộ Công an": a cell ending with ";" runs on, its lead not read)
    ("nghi-quyet-so-17-2026-nq-cp-469464.txt", 27, {"Bộ Nông nghiệp và Môi trường", "Bộ Khoa học và Công nghệ"}),
    # 23/2026 (education): "Các văn bản cần sửa đổi, bổ sung", rows under "I / NGHỊ QUYẾT" and "II / NGHỊ ĐỊNH"
    ("nghi-quyet-so-23-2026-nq-cp-469470.txt", 11, {"Bộ Tư pháp", "Bộ Giáo dục và Đào tạo"}),
])
def test_the_corpus_lists_of_instruments_to_amend(name, rows, leads):
    result = extract_file(RESOLUTIONS / name)
    found = _rows(result)
    assert len(found) == rows
    assert {row.lead for row in found.values() if row.lead} == leads
    assert all(_cited(result, row) for row in found.values())  # each row names the instrument it amends


def test_a_cell_naming_an_appendix_ends_no_table():
    # 17/2026: "- Điều 10; ... Mẫu số 39 / Phụ lục V. / Bộ Nông nghiệp / và Môi trường / 5. / Nghị định số 38/2026/NĐ-CP";
    # 23/2026: "Điểm c khoản 2 Điều 3 / Phụ lục I / Bộ Giáo dục / và Đào tạo": an appendix named in a cell, not the
    # heading of the next one ("Phụ lục XIV / CẮT GIẢM, PHÂN CẤP ..." or "Phụ lục II / (Kèm theo ...)")
    result = extract_file(RESOLUTIONS / "nghi-quyet-so-23-2026-nq-cp-469470.txt")
    rows = _rows(result)
    assert rows["appendix.II.1"].lead == "Bộ Giáo dục và Đào tạo"
    result = extract_file(RESOLUTIONS / "nghi-quyet-so-17-2026-nq-cp-469464.txt")
    row_5 = [row for row in _rows(result).values() if row.title.startswith("Nghị định số 38/2026/NĐ-CP ngày 24/01")]
    assert [row.lead for row in row_5] == ["Bộ Nông nghiệp và Môi trường"]
    assert _cited(result, row_5[0]) == {"38/2026/NĐ-CP"}


def test_a_lettered_heading_in_capitals_after_a_table_is_the_body():
    # 17/2026: a table's last row, then "Mục 2. LĨNH VỰC VIỄN THÁM / A. CẮT GIẢM, ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH /
    # Không thực hiện thủ tục ...": the table ends, and the next appendix's list of decrees is a table of its own
    result = extract_file(RESOLUTIONS / "nghi-quyet-so-17-2026-nq-cp-469464.txt")
    by_decree = {next(iter(_cited(result, row) & {"27/2019/NĐ-CP", "03/2019/NĐ-CP"}), None): row
                 for row in _rows(result).values()}
    assert by_decree["27/2019/NĐ-CP"].id != by_decree["03/2019/NĐ-CP"].id
    assert by_decree["03/2019/NĐ-CP"].lead == "Bộ Nông nghiệp và Môi trường"


def test_dashes_each_giving_the_work_to_their_agency_are_tasks():
    # 982/KH-UBND (Nghệ An), "2. Trách nhiệm thực hiện / - ... / - Sở Văn hóa, Thể thao và Du lịch phối hợp với Ban
    # Tuyên giáo ... / - Hội đồng Thi đua - Khen thưởng các cấp phân công rõ trách nhiệm ... / - Sở Nội vụ hướng dẫn
    # khen thưởng ...": each dash a lead of its own (both readers, session 11); kg had one section and no lead
    result = extract_file(CONGBAO.parent / "plans" / "982-kh-ubnd-tinh-nghe-an-2025-99c7d8ff.txt")
    dashes = {s.id: s.lead for s in result.sections if s.id.startswith("V.2.-")}
    assert dashes == {"V.2.-2": "Ủy ban Mặt trận Tổ quốc tỉnh, các tổ chức chính trị-xã hội",
                      "V.2.-3": "Sở Văn hóa, Thể thao và Du lịch",
                      "V.2.-4": "Hội đồng Thi đua - Khen thưởng các cấp", "V.2.-5": "Sở Nội vụ"}
    assert all(s.parent == "V.2" and s.kind == "task" for s in result.sections if s.id in dashes)


def test_dashes_of_duties_with_no_agency_stay_the_tasks_words():
    # 844/QĐ-TTg, "4. Tăng cường, nâng cao năng lực ... / - Phối hợp chặt chẽ ... / - Bộ Y tế tăng cường ... / - Bộ Tài
    # chính tăng cường ... / - Uỷ ban nhân dân tỉnh, thành phố trực thuộc Trung ương ban hành ... / - Kiểm soát chi phí
    # ...": the three addressed dashes are tasks (their ordinal among the dashes in their id), the others the item's
    result = extract_file(CONGBAO / "bhxh" / "quyet-dinh-so-844-qd-ttg-469526.txt")
    dashes = {s.id: s.lead for s in result.sections if s.id.startswith("II.4.-")}
    assert dashes == {"II.4.-2": "Bộ Y tế", "II.4.-3": "Bộ Tài chính",
                      "II.4.-4": "Uỷ ban nhân dân tỉnh, thành phố trực thuộc Trung ương"}


def test_a_list_of_who_takes_part_gives_no_tasks():
    # 160/KH-UBND (Cần Thơ), "1. Đối tượng thực hiện / - Cơ quan chủ quản Chương trình, ... / - Các cơ quan, đơn vị, địa
    # phương và đối tượng tham gia thực hiện Chương trình.": who is supervised, not who does what
    result = extract_file(CONGBAO.parent / "plans" / "160-kh-ubnd-can-tho-2025-5d99697f.txt")
    assert not [s.id for s in result.sections if ".-" in s.id]


def test_a_dash_tasks_iri_is_apart_from_the_item_of_its_number():
    from kg.iri import section_iri
    assert section_iri("d", "II.4.-2") != section_iri("d", "II.4.2")
