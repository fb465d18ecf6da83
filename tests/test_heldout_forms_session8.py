"""Forms of Vietnamese legal writing the held-out texts of session 8 showed kg did not read
(tests/gold/SETTLING.md, "Four held-out texts (session 8)"). Each passage is read from its corpus file as printed."""
from pathlib import Path

from kg.extract import extract_file, extract_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
JOINT = CORPUS / "congbao" / "hd_khoan" / "thong-tu-lien-tich-so-01-2022-ttlt-vksndtc-tandtc-bca-bqp-bldtbxh-36844.txt"
HOUSING = CORPUS / "congbao" / "uu_dai_dt" / "quyet-dinh-so-1205-qd-bkhdt-41976.txt"
BOARDING = CORPUS / "congbao" / "cong_doan" / "van-ban-hop-nhat-so-1546-vbhn-bldtbxh-41718.txt"
PERMITS = CORPUS / "congbao" / "hd_kinh_te" / "nghi-quyet-so-20-2026-nq-cp-469467.txt"


def mentions(path: Path) -> dict[str, int]:
    return {i["number"] or i["title"]: i["mentions"] for i in extract_file(path).to_dict()["instruments"]}


def test_a_joint_instrument_of_five_bodies_keeps_every_code_of_its_number():
    # "Thông tư liên tịch số \n06/2018/TTLT-VKSNDTC-TANDTC-BCA-BTP-BLĐTBXH ngày 21/12/2018 của Viện kiểm sát ..."
    found = extract_file(JOINT).to_dict()
    cited = {i["number"]: i["issuer"] for i in found["instruments"] if i["number"]}
    assert cited["06/2018/TTLT-VKSNDTC-TANDTC-BCA-BTP-BLĐTBXH"].endswith("Bộ Tư pháp, Bộ Lao động - Thương binh và Xã hội")
    assert "Bộ Nông nghiệp và Phát triển nông thôn" in cited["01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC"]
    assert not any(number.endswith(("-BTP", "-BNN&PTNT")) for number in cited)
    # and six: "08/2009/TTLT-\nBXD-BTC-BKHĐT- \nBNNPTNT-NHNN"
    assert "08/2009/TTLT-BXD-BTC-BKHĐT-BNNPTNT-NHNN" in mentions(HOUSING)


def test_a_joint_instruments_own_number_wraps_in_its_header_and_names_its_issuers():
    # "Số: 01/2022/TTLT-VKSNDTC-\nTANDTC-BCA-BQP-BLĐTBXH" under five bodies in two columns of capitals
    own = extract_file(JOINT).to_dict()["document"]
    assert own["number"] == "01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH"
    assert own["issuer"] == ("Viện kiểm sát nhân dân tối cao, Tòa án nhân dân tối cao, Bộ Công an, Bộ Quốc phòng, "
                             "Bộ Lao động - Thương binh và Xã hội")


def test_a_short_name_by_number_and_year_is_the_instrument_it_shortens():
    # "(sau đây viết tắt là Thông tư liên tịch số 06/2018)", then "Thông tư liên tịch số 06/2018." in later articles;
    # 01/2017 and 01/2021 are two circulars, each shortened so
    counts = mentions(JOINT)
    assert counts["06/2018/TTLT-VKSNDTC-TANDTC-BCA-BTP-BLĐTBXH"] == 7
    assert counts["01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC"] == 6
    assert counts["01/2021/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC"] == 5
    assert counts["02/2018/TT-TANDTC"] == 3
    assert not any(name.startswith("Thông tư") for name in counts)  # no short form left as an instrument of its own
    # "(sau đây gọi là Quyết định số 53)", "theo quy định tại Điều 3 Quyết định số 53." (a full stop ends the sentence)
    assert "Quyết định số 53." not in mentions(BOARDING) and mentions(BOARDING)["53/2015/QĐ-TTg"] >= 19


def test_a_row_number_after_a_type_word_at_a_lines_end_is_no_short_form():
    # "Phụ lục \nVII ban hành kèm theo Nghị định \n15. \n \nNghị \nđịnh \nsố \n147/2024/NĐ-CP": "15." opens the next row
    text = PERMITS.read_text(encoding="utf-8")
    assert "kèm theo Nghị định \n15. \n" in text
    assert "15/2026/NĐ-CP" not in {r.reference.text for r in extract_text(text).citations if r.reference.text.endswith("15")}
    assert not [c for c in extract_text(text).citations if " ".join(c.reference.text.split()) == "Nghị định 15"]


def test_mentions_whose_numbers_are_malformed_stay_apart():
    # no code and no earlier full citation: each is kept as written, never one instrument for all of them
    result = extract_text("Căn cứ Thông tư liên tịch số 01/2017 về việc A;\nCăn cứ Thông tư liên tịch số 01/2021 về "
                          "việc B;\nThực hiện Thông tư liên tịch số 01/2017.\n")
    assert sorted(c.instrument.title for c in result.citations) == [
        "Thông tư liên tịch số 01/2017", "Thông tư liên tịch số 01/2017", "Thông tư liên tịch số 01/2021"]


WOMEN = CORPUS / "plans" / "174-kh-ubnd-ho-chi-minh-2025-31fb08f3.txt"
DIGITAL = CORPUS / "plans" / "144-kh-ubnd-tinh-bac-ninh-2025-ad5aff6c.txt"
DATA = CORPUS / "congbao" / "bhxh" / "nghi-quyet-so-175-nq-cp-40286.txt"
HANOI = CORPUS / "plans" / "308-kh-ubnd-ha-noi-2025-8e9a425d.txt"


def sections(path: Path) -> dict[str, dict]:
    return {s["id"]: s for s in extract_file(path).to_dict()["sections"]}


def test_lettered_activities_of_a_task_each_have_their_own_lead():
    # "a) Hoạt động 1 ... - Cơ quan thực hiện: Sở Nội vụ chủ trì ...", "b) Hoạt động 2 ... Sở Văn hóa và Thể thao
    # chủ trì ...": three activities of III.1, three leads; the item names none of its own
    found = sections(WOMEN)
    assert [found[f"III.1.{p}"].get("lead") for p in "abc"] == ["Sở Nội vụ", "Sở Văn hóa và Thể thao",
                                                                "Sở Văn hóa và Thể thao"]
    assert found["III.1"].get("lead") is None and found["III.1.a"]["kind"] == "task"
    # a resolution's plan: "a) Rà soát văn bản pháp luật ... - Đơn vị chủ trì: Bộ Công an. - Thời gian thực hiện:
    # Trong năm 2023, 2024. ... c) Tham mưu Thủ tướng ... - Đơn vị chủ trì: Bộ Thông tin và Truyền thông."
    plan = sections(DATA)
    assert (plan["V.1.a"]["lead"], plan["V.1.a"]["deadline"]) == ("Bộ Công an", "Trong năm 2023, 2024")
    assert (plan["V.1.c"]["lead"], plan["V.1.c"]["deadline"]) == ("Bộ Thông tin và Truyền thông", "Quý IV năm 2023")


def test_points_that_are_the_fields_of_one_task_stay_its_fields():
    # "a) Nhiệm vụ: ...; b) Cơ quan thực hiện: - Đơn vị chủ trì: Các Sở, ban, ngành. ...; c) Thời gian thực hiện:
    # Hoàn thành trong năm 2025.": one task with its lead and its time
    found = sections(HANOI)
    assert found["II.4.1"]["lead"] == "Các Sở, ban, ngành" and found["II.4.1.b"]["kind"] == "point"


def test_a_part_that_gives_its_work_in_words_is_a_task():
    # "VII. CHẾ ĐỘ BÁO CÁO\n\nCác sở, ban, ngành, đoàn thể\nThành phố, Ủy ban nhân dân phường, xã, đặc khu gửi báo
    # cáo ... về Sở Nội vụ\ntrước ngày 16 tháng 12 năm 2025"
    report = sections(WOMEN)["VII"]
    assert report["kind"] == "task" and report["deadline"] == "2025-12-16"
    assert report["lead"] == "Các sở, ban, ngành, đoàn thể Thành phố, Ủy ban nhân dân phường, xã, đặc khu"
    # "Các cơ quan, đơn vị được giao\nnhiệm vụ ... có trách nhiệm ... Định kǶ gửi báo cáo kết quả thực hiện trước
    # ngày 15/11 hằng năm"
    assert "trước ngày 15/11 hằng năm" in sections(DIGITAL)["VII"]["deadlines"]


def test_an_instrument_made_to_carry_out_provisions_of_a_code_implements_it():
    # "Thông tư liên tịch số 04/2018/TTLT-VKSNDTC-BCA-BQP ... quy định về phối hợp ... trong việc thực hiện \nmột số
    # quy định của Bộ luật Tố tụng hình sự": implements; "hướng dẫn thực hiện một số quy định của" still guides
    found = extract_file(JOINT).to_dict()
    label = {i["iri"]: i["number"] for i in found["instruments"]}
    between = {(label.get(r["subject"]), r["predicate"], label.get(r["object"])) for r in found["relations"]}
    for number in ("04/2018/TTLT-VKSNDTC-BCA-BQP", "06/2018/TTLT-VKSNDTC-TANDTC-BCA-BTP-BLĐTBXH"):
        assert (number, "implements", "101/2015/QH13") in between
    guided = extract_text("Căn cứ Thông tư số 80/2021/TT-BTC ngày 29 tháng 9 năm 2021 của Bộ trưởng Bộ Tài chính hướng "
                          "dẫn thực hiện một số quy định của Luật Quản lý thuế số 38/2019/QH14;")
    assert {(r.predicate, r.cue) for r in guided.relations if r.predicate != "based_on"} == {
        ("guides", "hướng dẫn thực hiện")}


def test_a_thing_done_by_an_instruments_rules_only_cites_it():
    # "... được thực hiện theo quy định Thông tư liên tịch số 01/2017 và Thông tư liên tịch số 01/2021": the
    # circular cites them, implements neither
    found = extract_file(JOINT).to_dict()
    own = found["document"]["iri"]
    implemented = {r["object"] for r in found["relations"] if r["subject"] == own and r["predicate"] == "implements"}
    numbers = {i["iri"]: i["number"] for i in found["instruments"]}
    assert not {numbers.get(iri) for iri in implemented} & {"01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC",
                                                           "01/2021/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC"}


DYKES = CORPUS / "plans" / "2853-qd-ubnd-ho-chi-minh-2025-437c3beb.txt"
INSURANCE = CORPUS / "congbao" / "bhxh" / "nghi-quyet-so-89-2025-ubtvqh15-45738.txt"
EXCHANGE = CORPUS / "congbao" / "hd_kinh_te" / "nghi-dinh-so-145-2026-nd-cp-469483.txt"
SIGNATURES = CORPUS / "congbao" / "hdld" / "thong-tu-so-08-2026-tt-bnv-469695.txt"


def labelled_relations(path: Path) -> set[tuple[str, str, str]]:
    found = extract_file(path).to_dict()
    label = {i["iri"]: i["number"] or i["title"] for i in found["instruments"]}
    label[found["document"]["iri"]] = "doc"
    return {(label.get(r["subject"], r["subject"]), r["predicate"], label.get(r["object"], r["object"]))
            for r in found["relations"]}


def test_an_amending_law_whose_title_opens_with_a_capital():
    # "Căn cứ Luật Sửa đổi, bổ sung\nmột số điều của Luật Phòng, chống thiên tai và Luật Đê điều ngày 17 tháng 6 năm 2020"
    named = mentions(DYKES)
    amending = "Luật Sửa đổi, bổ sung một số điều của Luật Phòng, chống thiên tai và Luật Đê điều"
    assert amending in named and "Luật Sửa đổi" not in named
    assert (amending, "amends", "Luật Đê điều") in labelled_relations(DYKES)


def test_a_committees_verification_report_is_a_report_of_that_committee():
    # "Báo cáo thẩm tra số 685/BC-UBVHXH15 ngày 09 tháng 7 năm 2025 của Ủy \nban Văn hóa và Xã hội của Quốc hội"
    report = next(i for i in extract_file(INSURANCE).to_dict()["instruments"] if i["number"] == "685/BC-UBVHXH15")
    assert (report["doc_type"], report["issuer"]) == ("Báo cáo", "Ủy ban Văn hóa và Xã hội của Quốc hội")


def test_an_expiry_after_a_long_description_is_the_instruments():
    # "2. Nghị định số 59/2021/NĐ-CP ngày 18 tháng 6 năm 2021 của Chính phủ \nquy định một số nội dung đặc thù về cơ chế
    # quản lý tài chính, ... Tổng công ty Lưu \nký và Bù trừ chứng khoán Việt Nam hết hiệu lực thi hành"
    assert ("doc", "repeals", "59/2021/NĐ-CP") in labelled_relations(EXCHANGE)
    # but not through a clause of time: "Thông tư số 19/2025/TT-BKHCN ... hoặc khi chứng nhận kiểm toán kỹ thuật đã
    # nộp trước đó hết hiệu lực" (the certificate expires)
    signatures = labelled_relations(SIGNATURES)
    assert ("doc", "repeals", "19/2025/TT-BKHCN") not in signatures and ("doc", "cites", "19/2025/TT-BKHCN") in signatures


CIVIL_DEFENCE = CORPUS / "plans" / "980-kh-ubnd-tinh-nghe-an-2025-c5d930a5.txt"
LIVESTOCK = CORPUS / "congbao" / "chinh_sach_dn" / "thong-tu-so-22-2026-tt-bnnmt-469587.txt"


def test_a_capture_that_sets_no_lines_apart_is_read_line_by_line():
    # no blank line anywhere, the website's metadata in "|" cells above the body and the signature's below it:
    # "**I. MỤC ĐÍCH, YÊU CẦU**\n**1. Mục đích**\n..." and "**IV. TỔ CHỨC THỰC HIỆN**\n1. Các sở, ban, ngành, ..."
    text = CIVIL_DEFENCE.read_text(encoding="utf-8")
    assert "\n\n" not in text and "**IV. TỔ CHỨC THỰC HIỆN**\n1. Các sở" in text
    found = sections(CIVIL_DEFENCE)
    assert {"I", "II", "III", "IV"} <= set(found) and [f"II.{n}" in found for n in range(1, 9)] == [True] * 8
    assert found["IV.2"]["lead"] == "Bộ CHQS tỉnh"


def test_a_part_heading_ends_a_table_of_cells_before_it():
    # a circular whose articles stood between two "|" cell runs was read as one table: "Điều 1" to the appendices
    found = sections(LIVESTOCK)
    assert {"Điều 1", "Điều 2", "Điều 3", "Chương II"} <= set(found)


def test_rows_numbered_afresh_under_each_group_are_named_by_both():
    # "**I** | **KIỆN TOÀN ...** | 1 | Tổ chức lại ...", "**II** | **TRIỂN KHAI ĐỒNG BỘ ...** | 1 | ... | 2 | ..."; the
    # capture cut the table after II.8 ("…....."), and rows 2-6 of a group whose heading is lost keep their places
    found = sections(CIVIL_DEFENCE)
    rows = [sid for sid in found if sid.startswith("appendix.")]
    assert rows[:4] == ["appendix.I.1", "appendix.II.1", "appendix.II.2", "appendix.II.3"] and len(set(rows)) == len(rows)
    assert "appendix.10" in rows and "appendix.VII.1" in rows
    # "**I. Kinh\ntế số**" is a group's heading in its own cell
    assert "appendix.II.13" in sections(DIGITAL)
    # a table numbered through keeps "appendix.N"
    assert "appendix.1" in sections(CORPUS / "plans" / "617-kh-ubnd-tinh-dong-thap-2025-8718801c.txt")
