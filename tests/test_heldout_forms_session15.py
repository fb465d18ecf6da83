"""Forms of the language the held-out texts of session 15 showed (tests/gold/SETTLING.md, session 15), each
with its passage from the text that showed it, and the corpus's other texts of the same form."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from forms import CONGBAO, named_relations as _relations

from kg.extract import extract_file, extract_text
from kg.text import prepare_text

CHANGES = ("amends", "replaces", "repeals")
SESSION_122 = CONGBAO / "hd_kinh_te" / "nghi-quyet-so-122-nq-cp-469492.txt"
IN_FORCE_1478 = CONGBAO / "cong_doan" / "quyet-dinh-so-1478-qd-bldtbxh-42752.txt"


@pytest.fixture(scope="module")
def session_122():
    return extract_file(SESSION_122)


def test_an_appendix_of_tasks_given_to_each_ministry(session_122):
    # 122/NQ-CP, the Government's monthly resolution: "Phụ lục / NHIỆM VỤ CỤ THỂ GIAO CÁC BỘ, CƠ QUAN, ĐỊA PHƯƠNG",
    # then "3. Bộ Tài chính chủ trì, phối hợp với các cơ quan, địa phương: a) ...": each item a task "appendix.N"
    # with its lead (both readers); kg had read them as plain items, with no lead and no time
    found = {s.id: s for s in session_122.sections}
    tasks = [s.id for s in session_122.sections if s.kind == "task" and s.id.startswith("appendix.")]
    assert [task for task in tasks if task.count(".") == 1] == [f"appendix.{n}" for n in range(1, 23)]
    # "22. Về các Chương trình mục tiêu quốc gia: a) Các Bộ chủ chương trình ...; b) Các bộ, cơ quan trung ương và địa
    # phương hoàn thiện ...": each point addressed to its agencies, under an item headed by its work
    assert [task for task in tasks if task.count(".") == 2] == ["appendix.22.a", "appendix.22.b"]
    assert found["appendix.3"].lead == "Bộ Tài chính"
    assert "các cơ quan, địa phương" in found["appendix.3"].partners
    assert "2026-05-15" in found["appendix.3"].deadlines  # "Trước ngày 15 tháng 5 năm 2026, ..."
    assert found["appendix.18"].lead == "Thanh tra Chính phủ"
    assert found["appendix.21"].lead == "Các Tập đoàn, Tổng công ty"  # "... hoàn thành chỉ tiêu kinh doanh"
    assert found["appendix.3.a"].kind == "point"  # its points named after it
    assert found["I.1"].kind == "item"  # the body's orientations give no work


def _structure_data():
    return json.loads((Path(__file__).resolve().parent.parent / "kg" / "data" / "structure.json").read_text("utf-8"))


@pytest.mark.parametrize("heading, task", [(h, True) for h in _structure_data()["task_appendices_examples"]]
                         + [(h, False) for h in _structure_data()["task_appendices_not_examples"]])
def test_every_appendix_heading_example_gives_tasks_or_not(heading, task):
    from kg.identify import identify_document
    from kg.structure import parse_sections
    source = prepare_text(f"NGHỊ QUYẾT\nCăn cứ Luật X;\n\nI. MỤC ĐÍCH\n\n1. Mục đích\n\nPhụ lục\n{heading}\n"
                          "1. Bộ Tài chính chủ trì, phối hợp với các cơ quan, địa phương: a) Rà soát.\n")
    last = parse_sections(source, identify_document(source))[-1]
    assert (last.kind == "task") is task, last
    assert (last.id == "appendix.1") is task


def test_the_line_after_a_printed_table_may_open_a_section():
    # 105/NQ-CP: Phụ lục I's task table (printed without separators) ends where the line "Phụ lục II" starts; the
    # line was read as the table's, so Phụ lục II's items ("1. Về sắp xếp đơn vị sự nghiệp ...") were Phụ lục I's
    extraction = extract_file(CONGBAO / "chinh_sach_dn" / "nghi-quyet-so-105-nq-cp-469364.txt")
    found = {s.id: s for s in extraction.sections}
    assert found["Phụ lục II"].kind == "appendix"
    assert found["1"].kind == "item" and found["1"].start > found["Phụ lục II"].start


def test_the_prime_ministers_dispatch_is_an_instrument(session_122):
    # "Thực hiện nghiêm Công điện số 34/CĐ-TTg ngày 25 tháng 4 năm 2026" (both readers): kg knew no "Công điện"
    dispatches = {c.instrument.number: c.instrument for c in session_122.citations if c.instrument.doc_type == "Công điện"}
    assert set(dispatches) == {"36/CĐ-TTg", "32/CĐ-TTg", "22/CĐ-TTg", "34/CĐ-TTg"}
    assert dispatches["36/CĐ-TTg"].issuer == "Thủ tướng Chính phủ"
    assert dispatches["36/CĐ-TTg"].date == "2026-04-25"


def test_a_law_revised_in_draft_is_no_law_an_amending_law_names(session_122):
    # "dự thảo: Luật Thủ đô (sửa đổi), ..., Luật sửa đổi, bổ sung một số điều của Luật Công chứng, Luật Hộ tịch (sửa
    # đổi), Luật Tiếp cận thông tin (sửa đổi)": the amending law amends the notaries law alone; "(sửa đổi)" labels a
    # law's revision, no act on what follows it (kg read "Luật Thủ đô amends" the next law)
    titles = {c.instrument.title for c in session_122.citations if c.instrument.doc_type == "Luật"}
    assert "Luật sửa đổi, bổ sung một số điều của Luật Công chứng" in titles
    assert not any(title and "Luật Hộ tịch" in title and title != "Luật Hộ tịch" for title in titles)
    found = _relations(session_122)
    assert not any(subject == "Luật Thủ đô" for subject, _, _ in found)
    assert ("Luật sửa đổi, bổ sung một số điều của Luật Công chứng", "amends", "Luật Công chứng") in found


def test_an_agreement_named_by_its_subject_before_its_parties(session_122):
    # "thay đổi quy định hiệu lực của Hiệp định về hợp tác trong lĩnh vực giáo dục giữa Chính phủ nước ... Việt Nam
    # và Chính phủ nước Cộng hòa An-giê-ri dân chủ và nhân dân." (both readers)
    treaties = {c.instrument.title for c in session_122.citations if c.instrument.doc_type == "Điều ước quốc tế"}
    assert ("Hiệp định về hợp tác trong lĩnh vực giáo dục giữa Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam và "
            "Chính phủ nước Cộng hòa An-giê-ri dân chủ và nhân dân") in treaties


@pytest.fixture(scope="module")
def in_force_1478():
    return extract_file(IN_FORCE_1478)


def test_a_list_in_force_whose_rows_are_numbered_with_a_full_stop(in_force_1478):
    # 1478/QĐ-BLĐTBXH: "3.  \nNghị định \nSố 31/2015/NĐ-CP ... - Văn bản sửa đổi, bổ sung, thay thế, bãi bỏ một phần:
    # Nghị định số 140/2018/NĐ-CP ..." (both readers); kg opened rows at "146" or "146 Nghị định", not at "3."
    found = _relations(in_force_1478)
    for agent, row in (("140/2018/NĐ-CP", "31/2015/NĐ-CP"), ("15/2019/NĐ-CP", "113/2015/NĐ-CP"),
                       ("24/2022/NĐ-CP", "143/2016/NĐ-CP")):
        assert {(agent, change, row) for change in CHANGES} <= found, (agent, row)


def test_a_tables_header_repeated_on_each_page_cuts_no_number(in_force_1478):
    # "Thông tư 07/2017/TT-" | the running title, the page's number and header, the table's header again ("TT / Tên
    # loại / văn bản / ... / Ghi chú") | "BLĐTBXH ngày 10/3/2017": one number (both readers); kg read "07/2017/TT"
    numbers = {c.instrument.number for c in in_force_1478.citations}
    assert "07/2017/TT-BLĐTBXH" in numbers and "1229/QĐ-BLĐTBXH" in numbers
    assert "07/2017/TT" not in numbers and "1229/QĐ" not in numbers
    # the header printed where the table starts stays the text's: the words of the first one are kept
    text = prepare_text(IN_FORCE_1478.read_text("utf-8")).normalized
    assert "Trích yếu nội dung của văn bản" in text
    assert "Tập hệ thống hóa VBQPPL còn hiệu lực" not in text  # the running title of every page


def test_a_rows_number_ends_the_row_before():
    # 169/QĐ-BLĐTBXH: the row before ends "... hướng dẫn thực [page] hiện chế độ ... 100% vốn điều lệ \n8 \nThông tư
    # số 32/2016/TT-BLĐTBXH": the decision guides none of the instruments it lists (both readers: cites)
    found = _relations(extract_file(CONGBAO / "bhxh" / "quyet-dinh-so-169-qd-bldtbxh-44203.txt"))
    assert ("DOC", "cites", "32/2016/TT-BLĐTBXH") in found
    assert ("DOC", "guides", "32/2016/TT-BLĐTBXH") not in found
    # 1205/QĐ-BKHĐT's list: a row's description ("... thực hiện hoạt động đấu thầu") is none of the next row's acts
    found = _relations(extract_file(CONGBAO / "uu_dai_dt" / "quyet-dinh-so-1205-qd-bkhdt-41976.txt"))
    assert ("DOC", "implements", "04/2019/TT-BKHĐT") not in found
    # a part's number alone on its line is no row: "sửa đổi khoản 2 Điều \n5 \nNghị định số ..." keeps its act
    passage = ("NGHỊ ĐỊNH\nSố: 10/2026/NĐ-CP\nHà Nội, ngày 12 tháng 1 năm 2026\n\n"
               "Điều 1. Sửa đổi, bổ sung khoản 2 Điều \n5 \nNghị định số 145/2020/NĐ-CP ngày 14 tháng 12 năm 2020.\n")
    assert ("DOC", "amends", "145/2020/NĐ-CP") in _relations(extract_text(passage))


def test_a_denied_verb_states_no_act():
    # 17/2026/NQ-CP, cutting procedures: "I. Không thực hiện thủ tục Cấp lại Giấy phép khảo nghiệm sinh vật biến đổi
    # gen tại Điều 18 Nghị định số 69/2010/NĐ-CP": a citation, as 18/2026's "Không thực hiện thủ tục ... quy định
    # tại ..." was settled; kg read "thực hiện" as implements
    found = _relations(extract_file(CONGBAO / "hd_kinh_te" / "nghi-quyet-so-17-2026-nq-cp-469464.txt"))
    assert ("DOC", "cites", "69/2010/NĐ-CP") in found
    assert ("DOC", "implements", "69/2010/NĐ-CP") not in found
    assert ("DOC", "amends", "69/2010/NĐ-CP") not in found  # its table of decrees "cần sửa đổi": to be amended


def _committee_examples():
    data = json.loads((Path(__file__).resolve().parent.parent / "kg" / "data" / "issuers.json").read_text("utf-8"))
    return data["committees"]["examples"]


@pytest.mark.parametrize("passage, name", _committee_examples())
def test_a_steering_committee_issues_under_its_own_name(passage, name):
    # 105/NQ-CP, 97/NQ-CP, 597/ and 987/KH-UBND: "Công văn số 59-CV/BCĐ ... của Ban Chỉ đạo Trung ương về tổng kết
    # Nghị quyết số 18-NQ/TW về việc ..." (the readers: the committee as printed); kg knew no issuer there, a name no
    # list holds, and the instruments a name holds are still the text's references
    found = extract_text(passage)
    first = found.citations[0].instrument
    assert first.issuer == name
    if "18-NQ/TW" in name:
        assert any(c.instrument.number == "18-NQ/TW" for c in found.citations)


# --- session 15, second batch: an Đề án's resolution, a law, a decree, a consolidated circular ---------------------

def test_the_article_carrying_out_an_approved_plan_gives_each_agency_its_task():
    # 175/NQ-CP, "Phê duyệt Đề án Trung tâm dữ liệu quốc gia": "Điều 2. Tổ chức thực hiện / 1. Trách nhiệm Tổ công tác
    # triển khai Đề án 06: a) ... / 5. Trách nhiệm của Bộ Quốc phòng \nPhối hợp với Bộ Công an ..." (both readers:
    # tasks 2.1-2.13, each led by the body its heading names); kg read them as an article's clauses, as it did 982's
    found = {s.id: s for s in extract_file(CONGBAO / "bhxh" / "nghi-quyet-so-175-nq-cp-40286.txt").sections}
    leads = {f"2.{n}": found[f"2.{n}"].lead for n in range(1, 14)}
    assert leads["2.1"] == "Tổ công tác triển khai Đề án 06"  # "Trách nhiệm" with no "của"
    assert leads["2.3"] == "Bộ Công an" and leads["2.5"] == "Bộ Quốc phòng"  # a heading of one line, its duty below
    assert leads["2.2"] == ("các bộ, cơ quan ngang bộ, cơ quan trực thuộc Chính phủ; Ủy ban nhân dân các tỉnh, thành "
                            "phố trực thuộc Trung ương")  # a heading wrapped after its ";" goes on
    assert found["2.3.a"].kind == "point"
    # 982/QĐ-TTg: "2. Bộ Khoa học và Công nghệ \na) ...", "4. Bộ Ngoại giao \nĐồng chủ trì với ..." ("giao" in the
    # ministry's name is no "giao" that gives work to another)
    found = {s.id: s for s in extract_file(CONGBAO / "chinh_sach_dn" / "quyet-dinh-so-982-qd-ttg-469699.txt").sections}
    assert found["2.2"].lead == "Bộ Khoa học và Công nghệ" and found["2.4"].lead == "Bộ Ngoại giao"


def test_a_closing_article_that_states_rules_gives_no_tasks():
    # 17/2026/NQ-CP, cutting procedures: "Điều 4. Tổ chức thực hiện / 1. Bộ trưởng, Thủ trưởng cơ quan ngang bộ: a)
    # Chịu trách nhiệm ... tổ chức thi hành Nghị quyết này" (its kind's readers, 18/ and 22/2026: no task); and 113/NQ-CP's
    # "3. Bộ Tài chính chỉ đạo Bảo hiểm xã hội Việt Nam ...", a sentence
    for path in (CONGBAO / "hd_kinh_te" / "nghi-quyet-so-17-2026-nq-cp-469464.txt",
                 CONGBAO / "bhxh" / "nghi-quyet-so-113-nq-cp-469448.txt"):
        sections = extract_file(path).sections
        assert any(s.kind == "clause" for s in sections)
        assert not any(s.kind == "task" and s.id[:1].isdigit() and s.id.split(".")[0] in ("2", "4") for s in sections)


def test_bodies_that_bore_a_numbers_code_before():
    # the code of a body that no longer exists, or of the ministry's older series, names its issuer (the readers):
    # "Thông tư số 178/1998/TT-TCCP", "Quyết định số 600/QĐ-LĐTBXH"; "Chỉ thị số 03/2005/CT-BTS"; "15422-CV/VPTW"
    issuers = {c.instrument.number: c.instrument.issuer for c in extract_file(IN_FORCE_1478).citations}
    assert issuers["178/1998/TT-TCCP"] == "Ban Tổ chức - Cán bộ Chính phủ"
    assert issuers["600/QĐ-LĐTBXH"] == "Bộ Lao động - Thương binh và Xã hội"
    found = extract_text("Căn cứ Chỉ thị số 03/2005/CT-BTS và Công văn số 15422-CV/VPTW;")
    assert {c.instrument.number: c.instrument.issuer for c in found.citations} == {
        "03/2005/CT-BTS": "Bộ Thủy sản", "15422-CV/VPTW": "Văn phòng Trung ương Đảng"}


def test_a_law_naming_itself_by_its_title_names_no_other_law():
    # 69/2020/QH14: "Quốc hội ban hành Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng." is the
    # law itself (both readers), not the 2006 law of that title; and the 2019 Labour Code's "khoản 2 Điều 169 của Bộ
    # luật Lao động" (its own retirement age) is no article of the 2012 Code
    numbers = [c.instrument.number for c in extract_file(CONGBAO / "hdld" / "luat-so-69-2020-qh14-32699.txt").citations]
    assert "69/2020/QH14" not in numbers
    assert numbers.count("72/2006/QH11") == 3  # each printed with its number: "... theo hợp đồng số 72/2006/QH11"
    code = extract_file(CONGBAO / "hdld" / "nghi-quyet-so-45-2019-qh14-30232.txt")
    assert code.document.instrument.number == "45/2019/QH14"
    assert [c.instrument.number for c in code.citations].count("10/2012/QH13") == 1  # "Bộ luật Lao động số 10/2012/QH13 hết hiệu lực"
    # a law of the same title and another year is another law: "Luật Đất đai năm 2013" in a text of the 2024 law
    passage = ("QUỐC HỘI\nLuật số: 31/2024/QH15\n\nLUẬT\nĐẤT ĐAI\n\nQuốc hội ban hành Luật Đất đai.\n\n"
               "Điều 1. Các quy định của Luật Đất đai năm 2013 hết hiệu lực.\n")
    found = extract_text(passage)
    assert found.document.instrument.title == "Đất đai"
    assert [(c.instrument.title, c.instrument.year) for c in found.citations] == [("Luật Đất đai", 2013)]


# --- session 15, third batch: a Government resolution's programme, a circular, a decree, a consolidated decree ------

def test_change_verbs_joined_before_one_object_each_change_it():
    # 128/2026/NĐ-CP: "Điều 7. Thay thế, bãi bỏ một số cụm từ, khoản, phụ lục của Nghị định số 85/2024/NĐ-CP" replaces
    # and repeals (both readers, rule 3); kg read the verb nearest the decree only. And one phrase of several verbs:
    # "Sửa đổi, bổ sung, bãi bỏ một số điều của Thông tư số 13/2016/TT-BNNPTNT" (22/2026/TT-BNNMT) amends and repeals
    found = _relations(extract_file(CONGBAO / "chinh_sach_dn" / "nghi-dinh-so-128-2026-nd-cp-469347.txt"))
    assert {("DOC", change, "85/2024/NĐ-CP") for change in CHANGES} <= found
    found = _relations(extract_file(CONGBAO / "chinh_sach_dn" / "thong-tu-so-22-2026-tt-bnnmt-469587.txt"))
    assert {("DOC", "amends", "13/2016/TT-BNNPTNT"), ("DOC", "repeals", "13/2016/TT-BNNPTNT")} <= found
    # a verb joined to a passive history is none of the document's acts
    passage = ("NGHỊ ĐỊNH\nSố: 10/2026/NĐ-CP\nHà Nội, ngày 12 tháng 1 năm 2026\n\nĐiều 1. Sửa đổi khoản 2 Điều 5 Nghị định số "
               "145/2020/NĐ-CP ngày 14 tháng 12 năm 2020.\n")
    assert not {("DOC", "repeals", "145/2020/NĐ-CP"), ("DOC", "replaces", "145/2020/NĐ-CP")} & _relations(extract_text(passage))


def test_a_treaty_named_by_its_subject_and_its_short_name():
    # 109/NQ-CP: "luật pháp quốc tế, trong đó có Công ước Liên hợp quốc về Luật Biển (UNCLOS) \n1982" and "Hiến chương
    # Liên hợp quốc" (both readers); kg read "Luật Biển" as a Vietnamese law. 05/2024/TT-BLĐTBXH: "Công ước quốc tế về
    # tiêu chuẩn huấn luyện, ... đối với thuyền viên (Công ước STCW)": one treaty, its short name part of the naming
    found = extract_file(CONGBAO / "chinh_sach_dn" / "nghi-quyet-so-109-nq-cp-469403.txt")
    treaties = {c.instrument.title: c.instrument for c in found.citations if c.instrument.doc_type == "Điều ước quốc tế"}
    assert treaties["Công ước Liên hợp quốc về Luật Biển"].year == 1982
    assert "Hiến chương Liên hợp quốc" in treaties
    assert not any(c.instrument.title == "Luật Biển" for c in found.citations)
    found = extract_file(CONGBAO / "cong_doan" / "thong-tu-so-05-2024-tt-bldtbxh-41900.txt")
    titles = [c.instrument.title for c in found.citations if c.instrument.doc_type == "Điều ước quốc tế"]
    assert titles == ["Công ước quốc tế về tiêu chuẩn huấn luyện, cấp giấy chứng nhận và trực ca đối với thuyền viên"] * 2


def test_a_standing_task_cell_is_its_time_words():
    # 982/QĐ-TTg's table: a time cell "Nhiệm vụ thường xuyên" is "thường xuyên" (the readers, as "Thực hiện thường
    # xuyên" was settled): the time words, without the words before them
    from kg.duties import read_deadline
    assert read_deadline("Nhiệm vụ thường xuyên", cell=True) == "thường xuyên"
    assert read_deadline("Thực hiện thường xuyên, liên tục", cell=True) == "thường xuyên, liên tục"
    found = {s.id: s for s in extract_file(CONGBAO / "chinh_sach_dn" / "quyet-dinh-so-982-qd-ttg-469699.txt").sections}
    assert found["appendix.1.1"].deadline == "thường xuyên"


# --- a review of the session's change: its forms on passages they were not written for ------------------------------

def test_a_treaty_named_by_subject_stops_before_the_instrument_after_it():
    found = extract_text("1. Tuyên truyền Công ước của Liên hợp quốc về quyền trẻ em, Luật Trẻ em năm 2016 và các văn bản.")
    assert [(c.instrument.doc_type, c.instrument.title) for c in found.citations] == [
        ("Điều ước quốc tế", "Công ước của Liên hợp quốc về quyền trẻ em"), ("Luật", "Luật Trẻ em")]
    # a plural names kinds of treaty, none in particular
    assert not extract_text("ký kết các Hiệp định về lao động với các nước tiếp nhận lao động.").citations
    assert not extract_text("tham gia các Công ước quốc tế về bảo vệ môi trường biển năm 2026.").citations


def test_a_one_line_heading_ends_only_before_its_duty():
    from kg.duties import _addressee, _rules
    rules = _rules()
    for words, lead in (
            ("2. Trách nhiệm của Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung \nương:\na) Chủ trì",
             "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"),  # "ương" is no capital
            ("2. Trách nhiệm của Ủy ban nhân dân các tỉnh, thành phố trực thuộc \nTrung ương\na) Chủ trì",
             "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"),  # a name goes on in capitals
            ("3. Trách nhiệm của Bộ Lao động \n- Thương binh và Xã hội:\na) Chủ trì",
             "Bộ Lao động - Thương binh và Xã hội"),  # a hyphen wrapped is no dash list
            ("4. Trách nhiệm Ủy ban nhân dân tỉnh:\na) Chủ trì", "Ủy ban nhân dân tỉnh"),  # a capital with its mark
            ("1. Bộ Ngoại \ngiao chủ trì, phối hợp với các bộ", "Bộ Ngoại giao"),
            ("5. Trách nhiệm của Bộ Quốc phòng \nPhối hợp với Bộ Công an", "Bộ Quốc phòng")):
        assert _addressee(words, rules) == lead, words


def test_an_appendix_of_spending_items_or_of_a_bodys_functions_gives_no_tasks():
    from kg.identify import identify_document
    from kg.structure import parse_sections
    for heading in ("NHIỆM VỤ CHI CỦA NGÂN SÁCH CẤP TỈNH", "NHIỆM VỤ, QUYỀN HẠN CỦA THÀNH VIÊN BAN CHỈ ĐẠO"):
        source = prepare_text(f"NGHỊ QUYẾT\nCăn cứ Luật X;\n\nI. MỤC ĐÍCH\n\n1. Mục đích\n\nPhụ lục\n{heading}\n"
                              "1. Trưởng Ban Chỉ đạo chủ trì, điều hành hoạt động.\n")
        assert parse_sections(source, identify_document(source))[-1].kind == "item", heading


def test_a_decision_about_approving_carries_out_its_plan_as_one_titled_so():
    from kg.identify import identify_document
    from kg.structure import parse_sections
    body = ("\n\nĐiều 1. Phê duyệt Đề án X.\n\nĐiều 2. Tổ chức thực hiện\n1. Sở Tài chính\na) Chủ trì bố trí kinh phí.\n"
            "2. Trách nhiệm Ủy ban nhân dân các huyện\na) Phối hợp thực hiện.\n")
    for title in ("Phê duyệt Đề án X", "Về việc phê duyệt Đề án X"):
        source = prepare_text("ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: 10/QĐ-UBND\nKon Tum, ngày 1 tháng 2 năm 2025\n\n"
                              f"QUYẾT ĐỊNH\n{title}" + body)
        found = {s.id: s for s in parse_sections(source, identify_document(source))}
        assert (found["2.1"].lead, found["2.2"].lead) == ("Sở Tài chính", "Ủy ban nhân dân các huyện"), title


def test_aviation_is_no_denial():
    found = _relations(extract_text("NGHỊ ĐỊNH\nSố: 10/2026/NĐ-CP\nHà Nội, ngày 12 tháng 1 năm 2026\n\n"
                                    "Các hãng hàng không thực hiện Thông tư số 81/2014/TT-BGTVT ngày 30 tháng 12 năm 2014.\n"))
    assert ("DOC", "implements", "81/2014/TT-BGTVT") in found  # ("hàng không": aviation)
    found = _relations(extract_text("NGHỊ ĐỊNH\nSố: 10/2026/NĐ-CP\nHà Nội, ngày 12 tháng 1 năm 2026\n\n"
                                    "Không thực hiện Thông tư số 81/2014/TT-BGTVT ngày 30 tháng 12 năm 2014.\n"))
    assert ("DOC", "implements", "81/2014/TT-BGTVT") not in found


def test_a_ministrys_work_to_amend_is_no_amendment_by_the_document():
    # "1. Bộ Tài chính khẩn trương nghiên cứu sửa đổi, bổ sung, thay thế Nghị định số ...": work given, the joined
    # verbs add nothing (the readers of 122: an instruction to amend a decree cites it)
    passage = ("NGHỊ QUYẾT\nSố: 10/NQ-CP\nHà Nội, ngày 12 tháng 1 năm 2026\n\n1. Bộ Tài chính khẩn trương nghiên cứu "
               "sửa đổi, bổ sung, thay thế Nghị định số 15/2018/NĐ-CP ngày 02 tháng 02 năm 2018.\n")
    assert ("DOC", "amends", "15/2018/NĐ-CP") not in _relations(extract_text(passage))


def test_a_table_header_repeated_with_one_more_line_some_pages_share_is_still_furniture():
    page = "\nCÔNG BÁO/Số 1/Ngày 1-1-2024\nTT\nTên văn bản\nGhi chú\n"
    text = ("TT\nTên văn bản\nGhi chú\n1. Thông tư 07/2017/TT-" + page + "BLĐTBXH x" + page + "BLĐTBXH y" + page
            + "BLĐTBXH z" + page + "w")
    assert prepare_text(text).normalized.split() == ["TT", "Tên", "văn", "bản", "Ghi", "chú", "1.", "Thông", "tư",
                                                      "07/2017/TT-", "BLĐTBXH", "x", "BLĐTBXH", "y", "BLĐTBXH", "z", "w"]


def test_a_history_of_numbers_listed_under_a_plural_noun():
    # 21/2026/TT-BTC: "Căn cứ Luật Đất đai số 31/2024/QH15 được sửa đổi, bổ sung bởi các Luật số 43/2024/QH15, số
    # 47/2024/QH15, ..., số \n84/2025/QH15, số 93/2025/QH15 và số 95/2025/QH15;" each amends the land law (both readers);
    # kg read the first only, the "số" before each next number breaking the list
    found = _relations(extract_file(CONGBAO / "thue_tncn" / "thong-tu-so-21-2026-tt-btc-469148.txt"))
    for law in ("43/2024/QH15", "47/2024/QH15", "58/2024/QH15", "71/2025/QH15", "84/2025/QH15", "93/2025/QH15",
                "95/2025/QH15"):
        assert (law, "amends", "31/2024/QH15") in found, law
