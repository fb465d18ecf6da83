"""Forms of the language session 20 read from held-out texts (tests/gold/SETTLING.md, session 20), each with its
passage from the text that showed it."""
from __future__ import annotations

import pytest
from forms import CONGBAO, named_relations

from kg.extract import extract_file

PLANS = CONGBAO.parent / "plans"


@pytest.mark.parametrize("name, subject, replaced", [
    # 1346/VBHN-BLĐTBXH, Điều 13 of the base it merges, no footnote on it: "Thông tư này có hiệu lực thi hành từ ngày
    # 15 tháng 3 năm 2019 thay thế Thông tư liên tịch số 37/2012/TTLT/BLĐTBXH-BYT-BTC-BGDĐT ..." (both readers): the
    # base's entry into force stands between its name and its verb, with no "và"
    ("cong_doan/van-ban-hop-nhat-so-1346-vbhn-bldtbxh-41622.txt", "01/2019/TT-BLĐTBXH",
     {"37/2012/TTLT/BLĐTBXH-BYT-BTC-BGDĐT"}),
    # 4/VBHN-BTC, Điều 81 of 98/2020/TT-BTC: "Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2021, thay
    # thế các Thông tư: Thông tư số 183/2011/TT-BTC ...; Thông tư số 15/2016/TT-BTC ..."
    ("thue_tncn/van-ban-hop-nhat-so-4-vbhn-btc-469150.txt", "98/2020/TT-BTC",
     {"183/2011/TT-BTC", "15/2016/TT-BTC", "224/2012/TT-BTC", "227/2012/TT-BTC", "228/2012/TT-BTC", "229/2012/TT-BTC"}),
])
def test_a_merged_base_replaces_after_its_entry_into_force(name, subject, replaced):
    relations = named_relations(extract_file(CONGBAO / name))
    assert {cited for by, predicate, cited in relations if by == subject and predicate == "replaces"} >= replaced


def test_a_purpose_after_a_changed_instruments_description_is_the_changing_instruments():
    # 21/2022/TT-BKHĐT's basis: "Căn cứ Nghị định số 09/2022/NĐ-CP ... sửa đổi, bổ sung một số điều của Nghị định số
    # 95/2020/NĐ-CP ... hướng dẫn thực hiện về đấu thầu mua sắm theo Hiệp định Đối tác Toàn diện và Tiến bộ xuyên Thái
    # Bình Dương để hướng dẫn thực hiện về đấu thầu mua sắm theo Hiệp định ..., Hiệp định ... Liên minh Châu Âu, Hiệp
    # định ... Bắc Ai-len" (both readers): "để" opens the amending decree's purpose; an agreement guides none
    relations = named_relations(extract_file(CONGBAO / "uu_dai_dt/thong-tu-so-21-2022-tt-bkhdt-38037.txt"))
    guided_by = {}
    for subject, predicate, cited in relations:
        if predicate == "guides" and cited.startswith("Hiệp định"):
            guided_by.setdefault(subject, set()).add(cited.split(" giữa ")[-1])
    assert guided_by["09/2022/NĐ-CP"] == {"Hiệp định Đối tác Toàn diện và Tiến bộ xuyên Thái Bình Dương",
                                         "Cộng hòa xã hội chủ nghĩa Việt Nam và Liên minh châu Âu",
                                         "Cộng hòa xã hội chủ nghĩa Việt Nam và Liên hiệp Vương quốc Anh và Bắc Ai-len"}
    assert not [s for s in guided_by if s.startswith("Hiệp định")], guided_by


def test_a_number_printed_with_another_code_of_its_body_is_the_same_instrument():
    # 959/VBHN-BLĐTBXH's appendices: "(Ban hành kèm theo Thông tư số 27/2018/TT-LĐTBXH ngày 25 tháng 12 năm 2018 ...)"
    # under a text that cites 27/2018/TT-BLĐTBXH (both readers: one instrument, four mentions more); the ministry
    # numbers one series of circulars a year, whichever of its codes (issuers.json) is printed
    extraction = extract_file(CONGBAO / "hd_khoan/van-ban-hop-nhat-so-959-vbhn-bldtbxh-36963.txt")
    numbers = [i.number for i, _ in extraction.instruments() if i.number.startswith("27/2018/")]
    assert numbers == ["27/2018/TT-BLĐTBXH"]
    # 01/2021/TT-BLĐTBXH: "Quyết định số 64/2008/ QĐ-LĐTBXH" in one row, "64/2008/ QĐ-BLĐTBXH" in the next two: one
    # decision, its number as issued
    extraction = extract_file(CONGBAO / "hdld/thong-tu-so-01-2021-tt-bldtbxh-33806.txt")
    assert [(i.number, n) for i, n in extraction.instruments() if i.number and i.number.startswith("64/2008/")] == [
        ("64/2008/QĐ-BLĐTBXH", 3)]


def test_an_appendix_named_by_its_title_in_an_amending_laws_title():
    # 06/2023/TT-BKHĐT's basis: "Luật sửa đổi, bổ sung một số điều và Phụ lục Danh mục chỉ tiêu thống kê quốc gia của
    # Luật Thống kê ngày 12 tháng 11 năm 2021" (both readers; as settled for 07/2025, 08/2023, 22/2022, 01/2025): the
    # law named inside the amending law's title is pinpointed by the words before it in that title
    extraction = extract_file(CONGBAO / "uu_dai_dt/thong-tu-so-06-2023-tt-bkhdt-40164.txt")
    inner = [c for c in extraction.citations if c.instrument.title == "Luật Thống kê" and c.pinpoints]
    assert [(p.appendix, p.article) for c in inner for p in c.pinpoints] == [("", None)]


def test_the_documents_scope_listing_its_subjects_by_semicolons_guides_across_a_page():
    # 116/2025/TT-BTC, Điều 1: "Thông tư này hướng dẫn thực hiện một số nội dung về chi tổ chức và hoạt động bảo hiểm
    # xã hội, bảo hiểm thất nghiệp, bảo hiểm y tế; chế độ báo cáo và việc lập báo cáo quyết toán theo quy định tại khoản
    # 6 Điều 4, ..., khoản 6 Điều 24 và điểm b / [signature stamp, page header] / khoản 1 Điều 28 của Nghị định số
    # 233/2025/NĐ-CP" (both readers: guides, beside the Căn cứ's based_on): the scope's ";" parts its subjects, and its
    # verb reaches the decree in words, not in the page's characters
    relations = named_relations(extract_file(CONGBAO / "bhxh/thong-tu-so-116-2025-tt-btc-46847.txt"))
    assert {("DOC", "guides", "233/2025/NĐ-CP"), ("DOC", "based_on", "233/2025/NĐ-CP")} <= relations


@pytest.mark.parametrize("name, relation", [
    # a table's column headers ("Thực \nhiện \nnăm \n(n-1)") over a row "Chi bảo hiểm tai nạn lao động tự nguyện (Nghị
    # định 143/2024/NĐ-CP)": no verb of the document's, however few words the headers are
    ("bhxh/nghi-dinh-so-233-2025-nd-cp-46022.txt", ("DOC", "implements", "143/2024/NĐ-CP")),
    # a scope that states ("Thông tư này quy định việc quản lý ... kinh phí ... thực hiện Chương / [a page] / trình ...
    # được phê duyệt tại Quyết định số 7619/QĐ-BCA"): the words reach is a guiding scope's alone
    ("thue_tncn/thong-tu-so-147-2025-tt-btc-468713.txt", ("DOC", "implements", "7619/QĐ-BCA")),
])
def test_what_the_scopes_reach_in_words_does_not_reach(name, relation):
    assert relation not in named_relations(extract_file(CONGBAO / name))


def test_a_year_misprinted_in_a_number_its_date_contradicts():
    # 116/2025/TT-BTC: "Căn cứ ... Nghị quyết số 202/2022/QH15 ngày 19 tháng 02 năm 2025 của Quốc hội quy định về việc
    # sắp xếp đơn vị hành chính cấp tỉnh", then "Điều 3 Nghị quyết số 202/2025/QH15 ngày 12 tháng 6 năm 2025 ... về việc
    # sắp xếp đơn vị hành chính cấp tỉnh" (both readers: one resolution, the document's basis)
    relations = named_relations(extract_file(CONGBAO / "bhxh/thong-tu-so-116-2025-tt-btc-46847.txt"))
    assert ("DOC", "based_on", "202/2025/QH15") in relations
    assert not [r for r in relations if "202/2022/QH15" in r]
    # 04/2024/TT-BLĐTBXH: "Nghị định số 94/2022/NĐ-CP ngày 01/7/2016" under "Căn cứ Nghị định số 94/2022/NĐ-CP ngày
    # 07/11/2022" (its gold: the date is the misprint): a number printed with a date of its own year is kept
    extraction = extract_file(CONGBAO / "cong_doan/thong-tu-so-04-2024-tt-bldtbxh-41844.txt")
    counts = {i.number: n for i, n in extraction.instruments() if i.number and i.number.startswith("94/20")}
    assert counts == {"94/2016/NĐ-CP": 1, "94/2022/NĐ-CP": 3}


def test_a_heading_in_capitals_names_the_instrument_it_amends():
    # 17/2026/TT-NHNN's chapters: "Chương III / SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA THÔNG TƯ SỐ / 10/2016/TT-NHNN HƯỚNG DẪN
    # MỘT SỐ NỘI DUNG QUY ĐỊNH TẠI / NGHỊ ĐỊNH SỐ 135/2015/NĐ-CP ..." (both readers: the circular amends the five circulars
    # its chapters name, 10/2016 and 26/2021 named nowhere else); a form's blank "Thông tư số      /       /TT-NHNN" is none
    extraction = extract_file(CONGBAO / "chinh_sach_dn/thong-tu-so-17-2026-tt-nhnn-469613.txt")
    relations = named_relations(extraction)
    amended = {cited for by, predicate, cited in relations if by == "DOC" and predicate == "amends"}
    assert amended >= {"22/2013/TT-NHNN", "37/2013/TT-NHNN", "10/2016/TT-NHNN", "39/2025/TT-NHNN", "26/2021/TT-NHNN"}
    assert ("DOC", "cites", "135/2015/NĐ-CP") in relations
    assert not [i for i, _ in extraction.instruments() if (i.title or "").rstrip().endswith("/")]
    # a plan's title in capitals, "KẾ HOẠCH TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 32/CT-TTG", names the directive as issued
    extraction = extract_file(PLANS / "1026-kh-ubnd-tinh-nghe-an-2025-0a97eb9c.txt")
    assert [i.number for i, _ in extraction.instruments() if (i.number or "").upper() == "32/CT-TTG"] == ["32/CT-TTg"]


_HEADER = ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 12/2025/TT-BLĐTBXH\nHà Nội, ngày 10 tháng 3 năm 2025\nTHÔNG TƯ\n"
           "Hướng dẫn\n\nĐiều 1. Phạm vi điều chỉnh\n")


@pytest.mark.parametrize("passage, relation", [
    # the review of the session's change (tests/gold/SETTLING.md, session 20): passages of its own, each once read wrong
    # after the scope's ";", a clause with a verb, a condition or an exclusion of its own
    ("Thông tư này hướng dẫn thực hiện chế độ trợ cấp hằng tháng; việc chi trả trợ cấp được thực hiện theo quy định của "
     "Bộ Tài chính tại Thông tư số 76/2021/TT-BTC ngày 15 tháng 9 năm 2021 của Bộ trưởng Bộ Tài chính.",
     ("DOC", "guides", "76/2021/TT-BTC")),
    ("Thông tư này hướng dẫn thực hiện điều chỉnh mức lương hưu; trường hợp người hưởng thuộc diện điều chỉnh theo nhiều "
     "mức khác nhau thì áp dụng theo quy định tại Nghị định số 75/2024/NĐ-CP ngày 30 tháng 6 năm 2024 của Chính phủ.",
     ("DOC", "guides", "75/2024/NĐ-CP")),
    ("Thông tư này hướng dẫn thực hiện chế độ báo cáo thống kê; các chỉ tiêu thống kê quốc gia đã được quy định tại "
     "Quyết định số 43/2010/QĐ-TTg ngày 02 tháng 6 năm 2010 của Thủ tướng Chính phủ không thuộc phạm vi điều chỉnh của "
     "Thông tư này.", ("DOC", "guides", "43/2010/QĐ-TTg")),
    ("Thông tư này hướng dẫn thực hiện Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ; bãi bỏ Thông tư "
     "số 06/2016/TT-BLĐTBXH ngày 04 tháng 5 năm 2016 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội.",
     ("20/2021/NĐ-CP", "repeals", "06/2016/TT-BLĐTBXH")),
])
def test_what_the_sessions_forms_do_not_reach(passage, relation):
    from kg.extract import extract_text

    assert relation not in named_relations(extract_text(_HEADER + passage))


def test_no_merge_the_review_found():
    from kg.extract import extract_text

    # two decrees of one number and another year, their subjects apart: the date's year is the misprint, no merge
    extraction = extract_text(_HEADER + "Căn cứ Nghị định số 38/2019/NĐ-CP ngày 09 tháng 5 năm 2022 của Chính phủ quy "
                              "định mức lương cơ sở đối với cán bộ, công chức; Căn cứ Nghị định số 38/2022/NĐ-CP ngày 12 "
                              "tháng 6 năm 2022 của Chính phủ quy định mức lương tối thiểu đối với người lao động;")
    assert {i.number for i, _ in extraction.instruments()} == {"38/2019/NĐ-CP", "38/2022/NĐ-CP"}
    # a province's department's decision, numbered with no year under the ministry's other code, is not the ministry's
    extraction = extract_text(_HEADER + "Căn cứ Quyết định số 456/QĐ-BLĐTBXH ngày 05 tháng 6 năm 2025 của Bộ Lao động - "
                              "Thương binh và Xã hội; Căn cứ Quyết định số 456/QĐ-LĐTBXH ngày 10 tháng 3 năm 2025 của Sở "
                              "Lao động - Thương binh và Xã hội tỉnh Nghệ An về việc kiện toàn Tổ công tác;")
    assert len({i.iri for i, _ in extraction.instruments()}) == 2
