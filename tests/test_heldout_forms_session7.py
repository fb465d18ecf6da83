"""Forms of Vietnamese legal writing the four held-out texts of session 7 showed kg did not read
(tests/gold/SETTLING.md, "Four held-out texts (session 7)"). Each passage is read from its corpus file as printed."""
from pathlib import Path

from kg.extract import extract_file, extract_text
from test_heldout_forms import relations  # (subject, predicate, object) by number, the document as "doc"

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
POPULATION = CORPUS / "plans" / "165-kh-ubnd-can-tho-2025-a83fffe0.txt"
DRUGS = CORPUS / "plans" / "153-kh-ubnd-can-tho-2025-24c7124e.txt"


def cited_by_section(path: Path) -> dict[str, set[str]]:
    result = extract_file(path).to_dict()
    label = {i["iri"]: i.get("number") or i.get("title") for i in result["instruments"]}
    return {s["id"]: {label.get(iri, iri) for iri in s["cites"]} for s in result["sections"]}


def test_a_footnote_belongs_to_the_section_that_marks_it():
    # II.1.a: "... theo Nghị quyết số 21-NQ/TW và các văn bản chỉ đạo của Chính phủ[2], Bộ Y tế[3], ..."
    # and at the end "[2] Chỉ thị số 27/CT-TTg ...; Quyết định số 1679/QĐ-TTg ..." "[3] ... 2324/QĐ-BYT ..."
    cited = cited_by_section(POPULATION)
    assert {"1679/QĐ-TTg", "1745/QĐ-TTg", "149-KL/TW"} <= cited["II.1.a"]  # footnote [2]
    assert {"2324/QĐ-BYT", "403/QĐ-BYT", "2539/QĐ-BYT"} <= cited["II.1"]  # footnote [3], through II.1.a
    # footnote [1] is marked in the preamble ("nhiều chương trình, kế hoạch[1]"): no task cites it
    assert "30-CTr/TU" in cited["preamble"]
    assert not any("30-CTr/TU" in cites for section, cites in cited.items() if section.startswith("II"))


def test_a_footnote_marked_in_a_task_of_another_plan_is_that_tasks():
    # "... các văn bản có liên quan[1];" in III.1, and "[1] Nghị quyết số 163/2024/QH15 ..." at the end
    assert "163/2024/QH15" in cited_by_section(DRUGS)["III.1"]


def test_the_year_of_a_budget_is_no_deadline_of_the_task():
    text = POPULATION.read_text(encoding="utf-8")
    item = text[text.index("**2. Sở Tài"):text.index("**3. Sở")]
    assert "cân đối\nngân sách hàng năm" in item
    result = extract_text(text)
    finance = next(s for s in result.sections if s.id == "II.2")
    assert finance.lead == "Sở Tài chính"
    assert finance.deadlines == ()
    # a recurrence of the task itself is still read: "định kỳ tổng hợp, báo cáo" (III.1)
    assert next(s for s in result.sections if s.id == "III.1").deadline == "định kỳ"


STATE_BANK = CORPUS / "congbao" / "chinh_sach_dn" / "thong-tu-so-13-2026-tt-nhnn-469590.txt"
LAND = CORPUS / "congbao" / "hd_kinh_te" / "nghi-quyet-so-17-2026-nq-cp-469464.txt"


def stated(path: Path) -> set[tuple[str, str, str]]:
    return relations(path.read_text(encoding="utf-8"))


def test_a_parts_history_in_parentheses_is_the_named_instruments_act_not_the_documents():
    # "Điều 7. Sửa đổi, bổ sung điểm b khoản 2 Điều 18 (đã được sửa đổi, bổ sung bởi Điều 21 Thông tư
    # 69/2025/TT-NHNN)": Điều 18 is the amended circular's, 53/2018/TT-NHNN, and 69/2025 changed it before
    relations = stated(STATE_BANK)
    assert ("69/2025/TT-NHNN", "amends", "53/2018/TT-NHNN") in relations
    assert ("doc", "amends", "53/2018/TT-NHNN") in relations
    assert ("doc", "amends", "69/2025/TT-NHNN") not in relations


def test_a_passive_with_no_instrument_before_it_is_no_act_of_the_document():
    # "... tại Điều 17 Nghị định số 101/2024/NĐ-CP quy định về điều tra cơ bản đất đai; ... đã được sửa đổi, bổ
    # sung bởi Nghị định số 226/2025/NĐ-CP.": the resolution names the decree that changed 101/2024, it does
    # not amend it itself
    relations = stated(LAND)
    assert ("doc", "amends", "226/2025/NĐ-CP") not in relations
    assert ("doc", "cites", "226/2025/NĐ-CP") in relations


def test_a_verb_opening_the_line_after_an_articles_heading_acts_on_the_instrument_it_names():
    # "Điều 13. Sửa đổi, bổ sung Phụ lục ban hành kèm theo Thông tư số 53/2018/TT-NHNN\nThay thế Phụ lục ban hành
    # kèm theo Thông tư số 53/2018/TT-NHNN bằng Phụ lục ban hành kèm theo Thông tư này."
    relations = stated(STATE_BANK)
    assert ("doc", "replaces", "53/2018/TT-NHNN") in relations


def test_an_item_naming_parts_of_an_instrument_takes_its_lists_verb():
    # "2. Thông tư này bãi bỏ:\na) Khoản 1, khoản 2, khoản 10, khoản 13 Điều 1 Thông tư số 30/2024/TT-NHNN ...;\n
    # b) Điều 19, Điều 23 và Phụ lục ban hành kèm Thông tư số 69/2025/TT-NHNN ..."
    relations = stated(STATE_BANK)
    assert {("doc", "repeals", "30/2024/TT-NHNN"), ("doc", "repeals", "69/2025/TT-NHNN")} <= relations


def test_an_agency_heading_listing_its_members_in_parentheses_is_the_items_lead():
    # "**1.\nCác cơ quan đăng ký đầu tư (Sở Tài chính, Ban quản lý Khu Kinh tế Phú Yên, Ban quản lý Khu Nông
    # nghiệp ứng dụng Công nghệ cao Phú Yên, Ban Quản lý các Khu công nghiệp tỉnh):**" then its duties a), b) ...
    result = extract_file(CORPUS / "plans" / "010-ct-ubnd-tinh-dak-lak-2025-6bac4a0d.txt")
    lead = next(s.lead for s in result.sections if s.id == "I.1")
    assert lead.startswith("Các cơ quan đăng ký đầu tư (Sở Tài chính,")
    assert lead.endswith("Ban Quản lý các Khu công nghiệp tỉnh)")


def test_the_verb_nearest_an_instrument_says_what_the_one_before_does_to_it():
    # "Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ sửa đổi, bổ sung cập nhật Chương trình hành động
    # của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ...": the resolution amends the programme, not 57-NQ/TW
    relations = stated(CORPUS / "plans" / "597-kh-ubnd-tinh-dong-thap-2025-689f49d2.txt")
    assert ("71/NQ-CP", "implements", "57-NQ/TW") in relations
    assert ("71/NQ-CP", "amends", "57-NQ/TW") not in relations


def test_a_title_printed_without_its_comma_is_the_same_law():
    # "Luật Thi đua, khen thưởng;" and later "... quản lý tài chính của Luật Thi đua khen thưởng" (157, Cần Thơ)
    result = extract_file(CORPUS / "plans" / "157-kh-ubnd-can-tho-2025-3a2db039.txt")
    laws = [i for i, _ in result.instruments() if i.doc_type == "Luật" and "thi đua" in (i.title or "").lower()]
    assert len(laws) == 1


def test_a_type_whose_words_are_each_capitalised_is_that_type():
    # "Căn cứ Nghị Quyết số\n48/NQ-CP ngày 03/4/2023 của Chính phủ" (556, Đồng Tháp); "Bộ Luật Lao động" was read as
    # a "Luật Lao động" that does not exist (21/2021/TT-BLĐTBXH)
    plan = extract_file(CORPUS / "plans" / "556-kh-ubnd-tinh-dong-thap-2025-bffd9da6.txt")
    resolution = next(i for i, _ in plan.instruments() if i.number == "48/NQ-CP")
    assert resolution.date == "2023-04-03"
    circular = extract_file(CORPUS / "congbao" / "hdld" / "thong-tu-so-21-2021-tt-bldtbxh-36486.txt")
    titles = {i.title for i, _ in circular.instruments() if i.title}
    assert "Bộ luật Lao động" in titles and "Luật Lao động" not in titles
