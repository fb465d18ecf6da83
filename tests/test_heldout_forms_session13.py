"""Forms of the language the held-out texts of session 13 showed (tests/gold/SETTLING.md, session 13), each
with its passage from the text that showed it, and the corpus's other texts of the same form."""
from __future__ import annotations

from forms import CONGBAO, named_relations as _relations

from kg.extract import extract_file, extract_text
from kg.find import find_references
from kg.text import prepare_text

CONGRESS_X = "Nghị quyết Đại hội đại biểu toàn quốc lần thứ X của Đảng"
CONGRESS_XIV = "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"


def test_the_party_congress_resolution_by_its_short_forms_is_the_national_congress_resolution():
    # 18/2021/TT-BNNPTNT repeals "Quyết định số 02/2007/QĐ-BTS ... về việc ban hành Chương trình hành động của Bộ Thủy
    # sản thực hiện Nghị quyết Đại hội Đảng lần thứ X, Nghị quyết số 25/2006/NQ-CP ...": the decision implements both
    found = _relations(extract_file(CONGBAO / "hdld" / "thong-tu-so-18-2021-tt-bnnptnt-36440.txt"))
    assert {("02/2007/QĐ-BTS", "implements", CONGRESS_X), ("02/2007/QĐ-BTS", "implements", "25/2006/NQ-CP"),
            ("DOC", "repeals", "02/2007/QĐ-BTS")} <= found
    # 122/NQ-CP: "Nghị quyết Đại hội XIV của Đảng", "Nghị quyết Đại hội Đảng lần thứ XIV và Kết luận số 18-KL/TW"
    found = _relations(extract_file(CONGBAO / "hd_kinh_te" / "nghi-quyet-so-122-nq-cp-469492.txt"))
    assert {("109/NQ-CP", "implements", CONGRESS_XIV), ("109/NQ-CP", "implements", "18-KL/TW")} <= found
    titles = [r.title for r in find_references(prepare_text("Triển khai Nghị quyết Đại hội XIV và Kết luận số 18-KL/TW."))]
    assert titles == [CONGRESS_XIV, None]


def test_a_congress_of_a_party_committee_or_of_shareholders_is_not_the_national_congress():
    for text in ("Thực hiện Nghị quyết Đại hội lần thứ XVII của Đảng bộ tỉnh Nghệ An.",
                 "Thực hiện Nghị quyết Đại hội XVII Đảng bộ tỉnh.",
                 "Theo Nghị quyết Đại hội đồng cổ đông và Nghị quyết Đại hội Cổ đông thường niên."):
        assert not any(r.title and "toàn quốc" in r.title for r in find_references(prepare_text(text))), text


def test_a_comma_before_a_ranked_kind_ends_a_guessed_title():
    # 109/2025/QH15 (VBHN 112/VBHN-VPQH): "giữa Luật này với Luật Thủ đô, nghị quyết của Quốc hội và giải pháp ..."
    found = _relations(extract_file(CONGBAO / "thue_tncn" / "van-ban-hop-nhat-so-112-vbhn-vpqh-469595.txt"))
    assert "Luật Thủ đô" in {t for _, _, t in found} and "Luật Thủ đô, nghị quyết" not in {t for _, _, t in found}
    titles = [r.title for r in find_references(prepare_text("Theo Luật Thi đua, khen thưởng và Luật Phòng, chống tham "
                                                            "nhũng, luật Đất đai năm 2024."))]
    assert titles[:2] == ["Luật Thi đua, khen thưởng", "Luật Phòng, chống tham nhũng"]


def test_what_expires_after_an_instruments_history_is_that_instrument_not_its_last_amender():
    # 207/2026/NĐ-CP: "Nghị định số 06/2021/NĐ-CP ... đã được sửa đổi, bổ sung một số điều theo Nghị định số
    # 35/2023/NĐ-CP, Nghị định số 175/2024/NĐ-CP, Nghị định số 14/2026/NĐ-CP, Nghị định số 67/2026/NĐ-CP hết hiệu
    # lực": the decree of 2021 expires, and the four amended it (67/2026 was read as repealed)
    found = _relations(extract_file(CONGBAO / "chinh_sach_dn" / "nghi-dinh-so-207-2026-nd-cp-469769.txt"))
    assert ("DOC", "repeals", "06/2021/NĐ-CP") in found and ("DOC", "repeals", "67/2026/NĐ-CP") not in found
    assert {(a, "amends", "06/2021/NĐ-CP") for a in ("35/2023/NĐ-CP", "175/2024/NĐ-CP", "14/2026/NĐ-CP",
                                                       "67/2026/NĐ-CP")} <= found
    # 152/2026/NĐ-CP: the history past the law the decree's description names ("... một số điều của Luật Thi hành án
    # dân sự đã được sửa đổi, bổ sung bởi Nghị định số 120/2016/NĐ-CP, ... và Nghị định số 152/2024/NĐ-CP hết hiệu lực")
    found = _relations(extract_file(CONGBAO / "hd_kinh_te" / "nghi-dinh-so-152-2026-nd-cp-469524.txt"))
    assert ("DOC", "repeals", "62/2015/NĐ-CP") in found and ("DOC", "repeals", "152/2024/NĐ-CP") not in found


def test_a_consolidated_bases_own_article_ends_what_it_names_and_a_quoted_article_is_the_quoted_laws():
    # 112/VBHN-VPQH, the base's Điều 29, no footnote: "3. Luật Thuế thu nhập cá nhân số 04/2007/QH12 đã được sửa đổi,
    # bổ sung một số điều theo Luật số 26/2012/QH13, ... hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành"
    found = _relations(extract_file(CONGBAO / "thue_tncn" / "van-ban-hop-nhat-so-112-vbhn-vpqh-469595.txt"))
    assert ("109/2025/QH15", "repeals", "04/2007/QH12") in found
    assert not {(s, p, t) for s, p, t in found if p == "repeals" and t == "93/2025/QH15"}
    # 464/VBHN-BLĐTBXH: "2. Thông tư số 31/2015/TT-BLĐTBXH ... hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực"
    found = _relations(extract_file(CONGBAO / "bhxh" / "van-ban-hop-nhat-so-464-vbhn-bldtbxh-44174.txt"))
    assert ("37/2016/TT-BLĐTBXH", "repeals", "31/2015/TT-BLĐTBXH") in found
    # 40/VBHN-VPQH quotes in a footnote the Law on Residence's "“Điều 38. ... 2. Luật Cư trú số 81/2006/QH11 ... hết
    # hiệu lực kể từ ngày Luật này có hiệu lực thi hành": the base (the Law on Health Insurance) repeals nothing there;
    # the Law on Residence does (session 16: the quoting instrument's act)
    found = _relations(extract_file(CONGBAO / "bhxh" / "van-ban-hop-nhat-so-40-vbhn-vpqh-469125.txt"))
    assert {(s, p, t) for s, p, t in found if p == "repeals" and t == "81/2006/QH11"} == {
        ("68/2020/QH14", "repeals", "81/2006/QH11")}


def test_a_year_that_ends_a_sentence_is_the_titles_year():
    # 05/2024/TT-BLĐTBXH: "... điểm c khoản 2 Điều 4 Luật Giáo dục năm 2005." and "... khoản 2 Điều 12 Luật Giáo dục năm
    # 2019.": two laws of one title, told apart by the year the full stop followed (both were read as the 2019 law)
    found = _relations(extract_file(CONGBAO / "cong_doan" / "thong-tu-so-05-2024-tt-bldtbxh-41900.txt"))
    assert {"38/2005/QH11", "43/2019/QH14"} <= {t for _, _, t in found}
    assert [r.year for r in find_references(prepare_text("theo Luật Giáo dục 2019.12 của"))] == [None]


def test_so_without_a_number_after_it_is_a_word_of_the_title():
    # 982/QĐ-TTg: "Căn cứ Luật Công nghiệp công nghệ số ngày 14 tháng 6 năm 2025;" ("số": digital)
    found = _relations(extract_file(CONGBAO / "chinh_sach_dn" / "quyet-dinh-so-982-qd-ttg-469699.txt"))
    assert ("DOC", "based_on", "Luật Công nghiệp công nghệ số") in found
    read = [(r.title, r.number) for r in find_references(prepare_text("Căn cứ Luật Đất đai số 31/2024/QH15;"))]
    assert read == [("Luật Đất đai", "31/2024/QH15")]


def test_a_change_verbs_objects_listed_by_commas_past_their_descriptions_are_all_changed():
    # 05/2024/TT-BLĐTBXH: "Bãi bỏ Điều 4 Thông tư số 34/2018/TT-BLĐTBXH ... ban hành Thông tư sửa đổi, bổ sung một số
    # điều Thông tư số 42/2015/TT-BLĐTBXH ... quy định về đào tạo trình độ sơ cấp, Thông tư số 43/2015/TT-BLĐTBXH ...
    # quy định về đào tạo thường xuyên, Thông tư số 07/2017/TT-BLĐTBXH ...": 34/2018 amends each; the circular repeals
    # (part of) 34/2018 alone (it was read as repealing 43/2015, 07/2017 and 10/2017)
    found = _relations(extract_file(CONGBAO / "cong_doan" / "thong-tu-so-05-2024-tt-bldtbxh-41900.txt"))
    amended = {"42/2015/TT-BLĐTBXH", "43/2015/TT-BLĐTBXH", "07/2017/TT-BLĐTBXH", "08/2017/TT-BLĐTBXH", "10/2017/TT-BLĐTBXH"}
    assert {("34/2018/TT-BLĐTBXH", "amends", number) for number in amended} <= found
    assert ("DOC", "repeals", "34/2018/TT-BLĐTBXH") in found
    assert not {("DOC", "repeals", number) for number in amended - {"08/2017/TT-BLĐTBXH"}} & found
    # 162/2026/NĐ-CP: "Nghị định số 34/2019/NĐ-CP sửa đổi, bổ sung một số quy định về cán bộ ..., Nghị định số
    # 92/2009/NĐ-CP về ..., Nghị định số 121/2003/NĐ-CP ...": a list of decrees after the words the verb acts on
    found = _relations(extract_file(CONGBAO / "bhxh" / "nghi-dinh-so-162-2026-nd-cp-469551.txt"))
    assert ("34/2019/NĐ-CP", "amends", "121/2003/NĐ-CP") not in found


def test_every_instrument_of_a_list_before_a_trailing_cue_expires_and_not_what_their_descriptions_change():
    # 05/2024/TT-BLĐTBXH: "2. Thông tư số 08/2017/TT-BLĐTBXH ... quy định chuẩn về chuyên môn, nghiệp vụ của nhà giáo
    # giáo dục nghề nghiệp; Thông tư số 21/2020/TT-BLĐTBXH ... sửa đổi, bổ sung một số điều của Thông tư số
    # 08/2017/TT-BLĐTBXH ... hết hiệu lực thi hành": both expire (21/2020 was only cited)
    found = _relations(extract_file(CONGBAO / "cong_doan" / "thong-tu-so-05-2024-tt-bldtbxh-41900.txt"))
    assert {("DOC", "repeals", "08/2017/TT-BLĐTBXH"), ("DOC", "repeals", "21/2020/TT-BLĐTBXH")} <= found
    # 02/2021/TT-BLĐTBXH: "Thông tư liên tịch số 29/2014/TTLT-BLĐTBXH-BTC ... hướng dẫn ... Nghị định số 136/2013/NĐ-CP
    # ...; Thông tư liên tịch số 06/2015/TTLT-BLĐTBXH-BTC ... sửa đổi, bổ sung khoản 2 và 4 Điều 11 Thông tư liên tịch
    # số 29/2014/TTLT-BLĐTBXH-BTC hết hiệu lực"
    found = _relations(extract_file(CONGBAO / "hdld" / "thong-tu-so-02-2021-tt-bldtbxh-33949.txt"))
    assert {("DOC", "repeals", "29/2014/TTLT-BLĐTBXH-BTC"), ("DOC", "repeals", "06/2015/TTLT-BLĐTBXH-BTC")} <= found
    assert ("DOC", "repeals", "136/2013/NĐ-CP") not in found
    # 233/2025/NĐ-CP: "4. Quyết định số 60/2015/QĐ-TTg và Quyết định số 38/2019/QĐ-TTg hết hiệu lực thi hành ..."
    found = _relations(extract_file(CONGBAO / "bhxh" / "nghi-dinh-so-233-2025-nd-cp-46022.txt"))
    assert {("DOC", "repeals", "60/2015/QĐ-TTg"), ("DOC", "repeals", "38/2019/QĐ-TTg")} <= found


def test_a_list_of_parts_joined_by_a_semicolon_is_one_clause_up_to_their_instrument():
    # 06/2021/TT-BLĐTBXH: "Bãi bỏ khoản 1 Điều 15; các khoản 1, 2 Điều 18 của Thông tư số 59/2015/TT-BLĐTBXH": the
    # circular repeals (those parts of) 59/2015 as well as amending it
    found = _relations(extract_file(CONGBAO / "hdld" / "thong-tu-so-06-2021-tt-bldtbxh-34037.txt"))
    assert {("DOC", "repeals", "59/2015/TT-BLĐTBXH"), ("DOC", "amends", "59/2015/TT-BLĐTBXH")} <= found
    # 158/2025/NĐ-CP: "... các điều khoản sau đây hết hiệu lực thi hành: ... c) Khoản 2 Điều 3; các khoản 1, 3 Điều 7 và
    # khoản 2 Điều 8 của Nghị định số 135/2020/NĐ-CP ..."
    found = _relations(extract_file(CONGBAO / "bhxh" / "nghi-dinh-so-158-2025-nd-cp-45240.txt"))
    assert ("DOC", "repeals", "135/2020/NĐ-CP") in found
    # 23/2026/NQ-CP's table: a cell "Sửa đổi, bổ sung Điều 88; ...; Điều 93" of its row's decree ends with the cell
    found = _relations(extract_file(CONGBAO / "hd_kinh_te" / "nghi-quyet-so-23-2026-nq-cp-469470.txt"))
    assert ("125/2024/NĐ-CP", "amends", "143/2016/NĐ-CP") not in found


def test_a_quoted_article_that_quotes_words_is_still_quoted():
    # 22/VBHN-VPQH quotes in a footnote an amending law's articles, which quote words themselves (“lệ phí tuyển
    # sinh”), then "3. Pháp lệnh Phí và lệ phí số 38/2001/PL-UBTVQH10 ... hết hiệu lực kể từ ngày Luật này có hiệu lực
    # thi hành": that law's act, not the base's (25/2008/QH12); since session 18 (the phrase's marks no longer close the
    # quoted article) given to that law, 97/2015/QH13
    found = _relations(extract_file(CONGBAO / "bhxh" / "van-ban-hop-nhat-so-22-vbhn-vpqh-44464.txt"))
    assert {(s, p, t) for s, p, t in found if p == "repeals" and t == "38/2001/PL-UBTVQH10"} == {
        ("97/2015/QH13", "repeals", "38/2001/PL-UBTVQH10")}


def test_a_trailing_cue_past_a_sentences_end_is_not_the_instruments():
    # (a history's instruments take a trailing cue's reach further, but not past the sentence that names them)
    body = ("Điều 30. Hiệu lực thi hành\n2. Nghị định số 06/2021/NĐ-CP ngày 26 tháng 01 năm 2021 của Chính phủ quy định "
            "chi tiết một số nội dung về quản lý chất lượng, thi công xây dựng và bảo trì công trình xây dựng, quản lý an "
            "toàn, vệ sinh lao động, bảo vệ môi trường trong thi công xây dựng công trình và các hoạt động liên quan khác "
            "theo quy định của pháp luật về xây dựng đã được sửa đổi, bổ sung theo Luật số 35/2024/QH15 được áp dụng tiếp. "
            "Từ ngày Nghị định này có hiệu lực, các quy định trái với Nghị định này hết hiệu lực thi hành.\n")
    found = _relations(extract_text("NGHỊ ĐỊNH\nSố: 207/2026/NĐ-CP\nHà Nội, ngày 10 tháng 6 năm 2026\n\n" + body, "a.txt"))
    assert ("DOC", "repeals", "06/2021/NĐ-CP") not in found
