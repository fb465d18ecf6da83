"""Forms of the language session 19 read from held-out texts and from session 18's leftovers (tests/gold/SETTLING.md,
session 19), each with its passage from the text that showed it."""
from __future__ import annotations

import pytest
from forms import CONGBAO, named_relations

from kg.extract import extract_file, extract_text
from kg.pinpoint import pinpoints_before


def _relations(text: str) -> set[tuple[str, str]]:
    return {(predicate, cited) for _, predicate, cited in named_relations(extract_text(text))}


def test_adding_several_parts_or_more_parts_amends_only_before_their_values():
    # session 18's review: "Bổ sung thêm khoản 5", "Bổ sung các khoản 5, 6" are the verb of an amendment as "Bổ sung
    # khoản 5" is (kg/data/relation_cues.json holds both as examples); the same words before a noun are not:
    # "bổ sung các điều kiện bảo đảm an ninh" (a text of the corpus) amends nothing
    assert ("amends", "28/2015/TT-BLĐTBXH") in _relations(
        "Bổ sung các khoản 5, 6 vào Điều 3 Thông tư số 28/2015/TT-BLĐTBXH như sau:")
    assert ("amends", "15/2018/NĐ-CP") not in _relations(
        "Cơ quan bổ sung các điều kiện bảo đảm an ninh theo Nghị định số 15/2018/NĐ-CP.")


def test_a_point_numbered_with_a_dot():
    # 03/2021/TT-BNV, Điều 2 ("Sửa đổi, bổ sung ... tại Thông tư số 04/2005/TT-BNV"): "1. Bổ sung điểm 1.3 khoản 1 Mục I
    # như sau:", "2. Sửa đổi điểm 1.3 khoản 1 Mục III như sau:"; a circular's points numbered under their clause
    # (33/2026/TT-BTC: "theo quy định tại điểm 1.5 khoản 1 Điều 15 Thông tư này"); kg read the clause alone
    extraction = extract_file(CONGBAO / "hdld" / "thong-tu-so-03-2021-tt-bnv-33974.txt")
    changed = {(c.kind, c.provision.section, c.provision.clause, c.provision.point) for c in extraction.changes
               if c.target.endswith("/4-2005-tt-bnv/2005")}
    assert changed == {("supplemented", "I", "1", "1.3"), ("amended", "III", "1", "1.3")}
    # a point's number is its own, never a year's: "điểm 2.2024" names no point
    assert pinpoints_before("tại điểm 2.1 khoản 2 Điều 3 của ", 33)[0].point == "2.1"
    assert pinpoints_before("điểm 2.2024 của ", 16) == []


@pytest.mark.parametrize("name, expired", [
    # 169/2026/NĐ-CP, Điều 38.2: "Nghị định số 128/2020/NĐ-CP ... quy định xử phạt vi phạm hành chính trong lĩnh vực
    # hải quan và Điều 2 Nghị định số 102/2021/NĐ-CP ... sửa đổi, bổ sung một số điều của các Nghị định về xử phạt
    # vi phạm hành chính trong lĩnh vực thuế, hóa đơn; hải quan; ...; dự trữ / quốc gia; Kho bạc Nhà nước; kế toán,
    # kiểm toán độc lập hết hiệu lực thi / hành": both readers, both repealed. The fields' ";" end no clause (as in a
    # basis), "và Điều 2 Nghị định" joins the list, and the cue, 290 characters past the second decree, is sought
    ("hd_kinh_te/nghi-dinh-so-169-2026-nd-cp-469561.txt", {"128/2020/NĐ-CP", "102/2021/NĐ-CP"}),
    # 146/2026/NĐ-CP, Điều 40.2: "Nghị định số 35/2019/NĐ-CP ... trong lĩnh vực lâm nghiệp; Điều 1 Nghị định số
    # 07/2022/NĐ-CP ... trong lĩnh vực lâm nghiệp; bảo vệ và kiểm dịch thực vật; thú y; chăn nuôi hết hiệu lực kể từ
    # ngày ...": a list's next item named by its part after the ";"
    ("hd_kinh_te/nghi-dinh-so-146-2026-nd-cp-469484.txt", {"35/2019/NĐ-CP", "07/2022/NĐ-CP"}),
])
def test_a_description_listing_fields_by_semicolons_before_the_cue_that_follows_it(name, expired):
    relations = named_relations(extract_file(CONGBAO / name))
    assert {cited for subject, predicate, cited in relations if subject == "DOC" and predicate == "repeals"} >= expired



@pytest.mark.parametrize("name", ["uu_dai_dt/thong-tu-so-06-2025-tt-bkhdt-44234.txt",
                                  "hd_kinh_te/nghi-dinh-so-153-2026-nd-cp-469525.txt"])
def test_a_law_in_an_undated_amending_laws_title_is_not_of_the_time_of_the_instrument_before(name):
    # 06/2025/TT-BKHĐT's forms: "Căn cứ Luật Đầu tư số 61/2020/QH14 ngày 17 tháng 6 năm 2020; / Căn cứ Luật số
    # 57/2024/QH15 sửa đổi, bổ sung một số điều của Luật Quy hoạch, / Luật Đầu tư, ... và Luật Đấu thầu;": the bidding
    # law was read in the 2020 law's description, as the one issued by June 2020 (43/2013/QH13); 153/2026/NĐ-CP's
    # "Luật sửa đổi, bổ sung ... của Luật Đấu thầu, ... số 90/2025/QH15" the same. Both readers: no law of 2013
    cited = {c.instrument.number for c in extract_file(CONGBAO / name).citations}
    assert "43/2013/QH13" not in cited


def test_a_range_opened_after_the_parts_word():
    # 169/2026/NĐ-CP, Điều 35.1: "theo quy định tại Chương III Phần thứ hai Luật Xử lý vi phạm hành chính số
    # 15/2012/QH13 và các khoản từ 29 đến 45 Điều 1 Luật / số 67/2020/QH14": both readers, clauses 29-45 of article 1
    assert [p.label() for p in pinpoints_before("và các khoản từ 29 đến 45 Điều 1 ", 33)] == ["khoản 29-45 Điều 1"]
    assert [p.label() for p in pinpoints_before("tại các Điều từ 5 đến 9 của ", 28)] == ["Điều 5-9"]


@pytest.mark.parametrize("name", ["hd_khoan/thong-tu-so-07-2022-tt-bldtbxh-37100.txt",
                                  "cong_doan/van-ban-hop-nhat-so-605-vbhn-bldtbxh-41352.txt"])
def test_the_head_of_the_council_of_ministers_issues_his_own_acts(name):
    # 07/2022/TT-BLĐTBXH, Điều 2.1.a: "khoản 7 Điều 2 Quyết định số 87-CT ngày 01 tháng 3 năm 1985 của Chủ tịch Hội /
    # đồng Bộ trưởng": both readers (and 605/VBHN's), the Chủ tịch's act, as a Thủ tướng's is not the Government's;
    # kg read the role past and gave the Council
    issuers = {c.instrument.issuer for c in extract_file(CONGBAO / name).citations if c.instrument.number == "87-CT"}
    assert issuers == {"Chủ tịch Hội đồng Bộ trưởng"}
    # a minister is still read as the ministry
    assert {c.instrument.issuer for c in extract_text(
        "Thông tư số 10/2020/TT-BTC ngày 20 tháng 2 năm 2020 của Bộ trưởng Bộ Tài chính").citations} == {"Bộ Tài chính"}


def test_a_joint_circular_capitalised_and_naming_itself_as_a_circular():
    # 835/VBHN-BLĐTBXH, the base's Điều 8 (08/2012/TTLT-BLĐTBXH-BNV-BTC): "Thông tư này bãi bỏ Thông tư Liên tịch số
    # 17/2003/TTLT-LĐTBXH-TWĐTNCSHCM / ngày 09/6/2003 và Thông tư Liên tịch số 26/2007/TTLT-LĐTBXH-TWĐTNCSHCM": both
    # readers, two instruments the base repeals. kg read no "Thông tư Liên tịch" (a type's words capitalised, some not
    # all), nor a joint circular's "Thông tư này" as the base speaking
    relations = named_relations(extract_file(CONGBAO / "cong_doan" / "van-ban-hop-nhat-so-835-vbhn-bldtbxh-41446.txt"))
    for repealed in ("17/2003/TTLT-LĐTBXH-TWĐTNCSHCM", "26/2007/TTLT-LĐTBXH-TWĐTNCSHCM"):
        assert ("08/2012/TTLT-BLĐTBXH-BNV-BTC", "repeals", repealed) in relations
    # "... của Bộ Lao động - Thương binh và Xã hội - Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh": both issued them
    extraction = extract_file(CONGBAO / "cong_doan" / "van-ban-hop-nhat-so-835-vbhn-bldtbxh-41446.txt")
    assert {c.instrument.issuer for c in extraction.citations if c.instrument.number.startswith("17/2003")} == {
        "Bộ Lao động - Thương binh và Xã hội, Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh"}
    # 844/QĐ-TTg: "Nghị Quyết số 282/NQ-CP" (each word capitalised) is read as before
    assert {cited for _, cited in _relations("theo Nghị Quyết số 282/NQ-CP ngày 10 tháng 1 năm 2025.")} == {"282/NQ-CP"}


def test_the_documents_own_scope_guides_what_its_long_object_belongs_to():
    # 03/2024/TT-BLĐTBXH, Điều 1: "Thông tư này hướng dẫn một số nội dung thực hiện đa dạng hóa sinh kế, phát / triển
    # mô hình giảm nghèo và hỗ trợ người lao động đi làm việc ở nước ngoài theo / hợp đồng thuộc Chương trình mục tiêu
    # quốc gia giảm nghèo bền vững giai đoạn / 2021 - 2025 ban hành kèm theo Quyết định số 90/QĐ-TTg": both readers,
    # guides the decision, beside the preamble's "Thực hiện Quyết định số 90/QĐ-TTg" (implements: declared before the
    # first part, kept beside the stronger act as a basis is)
    relations = named_relations(extract_file(CONGBAO / "hdld" / "thong-tu-so-03-2024-tt-bldtbxh-41827.txt"))
    assert {("DOC", "guides", "90/QĐ-TTg"), ("DOC", "implements", "90/QĐ-TTg")} <= relations
    # 13/2022/TT-BLĐTBXH: "Thông tư này hướng dẫn quản lý lao động, tiền lương, ... của Quỹ hỗ trợ phát triển hợp / tác
    # xã theo quy định tại Nghị định số 45/2021/NĐ-CP" (its gold: guides, beside the Căn cứ)
    assert ("DOC", "guides", "45/2021/NĐ-CP") in named_relations(
        extract_file(CONGBAO / "hd_khoan" / "thong-tu-so-13-2022-tt-bldtbxh-37543.txt"))


@pytest.mark.parametrize("name, relation", [
    # 02/2023/TT-BLĐTBXH quotes 09/2022's new Điều 1 ("Thông tư này hướng dẫn ... ban hành kèm theo Quyết định số
    # 90/QĐ-TTg"): the quoted circular's scope, not the amending one's (its gold: implements only)
    ("hdld/thong-tu-so-02-2023-tt-bldtbxh-39230.txt", ("DOC", "guides", "90/QĐ-TTg")),
    # 25/2026/NQ-CP: a "sửa đổi" before "... ban hành kèm theo Nghị định số 26/2023/NĐ-CP" (its gold: cites)
    ("hd_kinh_te/nghi-quyet-so-25-2026-nq-cp-469472.txt", ("DOC", "amends", "26/2023/NĐ-CP")),
    # 1205/QĐ-BKHĐT's list row: "Quy định chi tiết ... hướng dẫn thực hiện ... ban hành kèm theo Quyết định số
    # 119/2009/QĐ-TTg", a listed instrument's title (its gold: cites)
    ("uu_dai_dt/quyet-dinh-so-1205-qd-bkhdt-41976.txt", ("DOC", "guides", "119/2009/QĐ-TTg")),
])
def test_a_pointer_that_speaks_not_for_the_document_lends_it_no_other_verb(name, relation):
    assert relation not in named_relations(extract_file(CONGBAO / name))


def test_a_law_named_only_in_an_amending_laws_title_in_a_basis_is_cited():
    # 2022/VBHN-BLĐTBXH, footnote 1, 24/2022/NĐ-CP's basis: "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
    # Luật sửa đổi, bổ sung một số / điều của Luật Tổ chức Chính phủ và Luật Tổ chức Chính quyền địa phương ngày 22
    # tháng 11 / năm 2019": both readers, 24/2022 rests on the amending law and cites the local government law its title
    # names (as 2650/, 2651/ and 156/VBHN's readers, and 153/2026's "Luật Đấu thầu")
    relations = named_relations(extract_file(CONGBAO / "hd_khoan" / "van-ban-hop-nhat-so-2022-vbhn-bldtbxh-37412.txt"))
    assert ("24/2022/NĐ-CP", "cites", "Luật Tổ chức Chính quyền địa phương") in relations
    assert ("24/2022/NĐ-CP", "based_on", "Luật Tổ chức Chính quyền địa phương") not in relations
    # the document's own basis alike; a law with its own basis line keeps it
    text = ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức "
            "Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;\nChính phủ ban hành Nghị định.")
    named = named_relations(extract_text(text))
    assert ("DOC", "cites", "Luật Tổ chức chính quyền địa phương") in named
    assert ("DOC", "based_on", "Luật Tổ chức chính quyền địa phương") not in named
    assert ("DOC", "based_on", "76/2015/QH13") in named


def test_an_appendix_numbered_in_roman_with_a_letter():
    # 17/2021/TT-BLĐTBXH: "thuộc thẩm quyền quản lý nhà nước ... theo quy định tại Phụ / lục Ib Nghị định số
    # 44/2016/NĐ-CP": both readers, appendix Ib; 22/2026/TT-BNNMT's "Bãi bỏ khoản 2 Điều 1, Điều 7a, Phụ lục Ia, Phụ
    # lục IIa ban hành kèm theo ..." (kg stopped the list at Điều 7a)
    named = "theo quy định tại Phụ \nlục Ib "
    assert [p.label() for p in pinpoints_before(named, len(named))] == ["Phụ lục Ib"]
    repealed = "Bãi bỏ khoản 2 Điều 1, Điều 7a, Phụ lục Ia, Phụ lục IIa ban hành kèm theo "
    assert [p.label() for p in pinpoints_before(repealed, len(repealed))] == [
        "khoản 2 Điều 1", "Điều 7a", "Phụ lục Ia", "Phụ lục IIa"]


_HEADER = ("CHÍNH PHỦ\nSố: 50/2024/NĐ-CP\nHà Nội, ngày 10 tháng 5 năm 2024\nNGHỊ ĐỊNH\nQUY ĐỊNH XỬ PHẠT\n\n")


@pytest.mark.parametrize("passage, relation", [
    # the review of the session's change (tests/gold/SETTLING.md, session 19): passages of its own, each once read wrong
    # a ";" ending its line before an item's mark ends the fields' list
    ("a) Rà soát việc thực hiện Nghị định số 45/2019/NĐ-CP ngày 21 tháng 5 năm 2019 của Chính phủ quy định xử phạt vi "
     "phạm hành chính trong lĩnh vực du lịch;\nb) Đề xuất bãi bỏ các văn bản đã hết hiệu lực thi hành.",
     ("DOC", "repeals", "45/2019/NĐ-CP")),
    # a clause of its own after the ";" (it names the document), not a field
    ("2. Các cơ quan tiếp tục áp dụng Nghị định số 45/2019/NĐ-CP ngày 21 tháng 5 năm 2019 của Chính phủ quy định xử phạt "
     "vi phạm hành chính trong lĩnh vực du lịch; các quy định trước đây trái với Nghị định này hết hiệu lực thi hành.",
     ("DOC", "repeals", "45/2019/NĐ-CP")),
    # "và" joining two clauses, the first saying something of its own
    ("Kể từ ngày Nghị định này có hiệu lực, các dự án đã được cấp phép theo Nghị định số 45/2019/NĐ-CP ngày 21 tháng 5 "
     "năm 2019 của Chính phủ được tiếp tục thực hiện và Điều 2 Nghị định số 46/2019/NĐ-CP ngày 27 tháng 5 năm 2019 của "
     "Chính phủ hết hiệu lực.", ("DOC", "repeals", "45/2019/NĐ-CP")),
    # after ";", a part of another instrument where the one before is no item of a list
    ("Hành vi vi phạm xảy ra trước ngày Nghị định này có hiệu lực được xử lý theo Nghị định số 45/2019/NĐ-CP ngày 21 "
     "tháng 5 năm 2019 của Chính phủ; Điều 2 Nghị định số 46/2019/NĐ-CP ngày 27 tháng 5 năm 2019 của Chính phủ hết hiệu "
     "lực kể từ ngày Nghị định này có hiệu lực.", ("DOC", "repeals", "45/2019/NĐ-CP")),
    # what the document's scope leaves out ("trừ ...") it does not guide
    ("Thông tư này hướng dẫn chế độ báo cáo thống kê ngành lao động, người có công và xã hội, bao gồm danh mục biểu mẫu, "
     "giải thích biểu mẫu và trách nhiệm của các cơ quan, đơn vị trong việc tổng hợp, cung cấp thông tin thống kê, trừ "
     "các chỉ tiêu thống kê quốc gia đã được quy định tại Quyết định số 43/2010/QĐ-TTg ngày 02 tháng 6 năm 2010 của Thủ "
     "tướng Chính phủ.", ("DOC", "guides", "43/2010/QĐ-TTg")),
])
def test_what_the_sessions_forms_do_not_reach(passage, relation):
    assert relation not in named_relations(extract_text(_HEADER + passage))


def test_a_score_is_no_point():
    # "đạt điểm 5.5 theo Thông tư ..." (a language test's score), "mức điểm 7.5": not_points
    passage = "phải có chứng chỉ IELTS đạt điểm 5.5 theo "
    assert pinpoints_before(passage, len(passage)) == []
