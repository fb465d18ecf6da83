"""Forms of the language session 17 read from its held-out texts (tests/gold/SETTLING.md, session 17), each with its
passage from the text that showed it, and the corpus's other texts of the same form."""
from __future__ import annotations

import pytest
from forms import CONGBAO, cited_by, named_relations, task_rows

from kg.extract import extract_file, extract_text
from kg.text import prepare_text

RESOLUTIONS = CONGBAO / "hd_kinh_te"


@pytest.fixture(scope="module")
def resolution_23():
    return extract_file(RESOLUTIONS / "nghi-quyet-so-23-2026-nq-cp-469470.txt")


def test_the_rows_of_a_table_in_each_appendix_are_named_by_their_appendix(resolution_23):
    # 23/2026/NQ-CP: seven appendices, each closing with "B. DANH MỤC VĂN BẢN QUY PHẠM PHÁP LUẬT CẦN SỬA ĐỔI, BỔ SUNG /
    # TT / Các văn bản cần sửa đổi, bổ sung / ... / Cơ quan chủ trì soạn thảo / I / NGHỊ QUYẾT / 1. ... / II / NGHỊ
    # ĐỊNH / 1. ...": both readers named each row by its appendix, group and number ("appendix.IV.II.3"); kg named
    # the first table's "appendix.I.1" and numbered the others' on, so that one table's rows took another's names
    rows = task_rows(resolution_23)
    assert sorted(rows) == sorted(["appendix.I.I.1", "appendix.I.II.1", "appendix.II.I.1", "appendix.II.II.1",
                                   "appendix.III.1", "appendix.III.2", "appendix.IV.I.1", "appendix.IV.II.1",
                                   "appendix.IV.II.2", "appendix.IV.II.3", "appendix.IV.II.4", "appendix.V.I.1",
                                   "appendix.V.II.1", "appendix.VI.1", "appendix.VII.1", "appendix.VII.2"])
    assert cited_by(resolution_23, rows["appendix.IV.II.3"]) == {"15/2019/NĐ-CP"}
    assert {row.lead for name, row in rows.items() if ".I.1" in name[8:]} == {"Bộ Tư pháp"}


def test_an_appendix_a_cell_names_ends_no_table(resolution_23):
    # Phụ lục II's table: "Khoản B.XIII, mục 1, / Phụ lục I.3 / II / NGHỊ ĐỊNH / 1 / Nghị định số 142/2025/NĐ-CP": the
    # line after "Phụ lục I.3" is the next group's numeral, not an appendix's title in capitals; Phụ lục VII's: "Điều 62
    # / Phụ lục I Nghị định số / 142/2025/NĐ-CP": a part of a decree, not an appendix's heading with its title
    rows = task_rows(resolution_23)
    assert rows["appendix.II.II.1"].lead == "Bộ Giáo dục và Đào tạo"
    assert cited_by(resolution_23, rows["appendix.II.II.1"]) == {"142/2025/NĐ-CP"}
    assert cited_by(resolution_23, rows["appendix.VII.2"]) == {"143/2016/NĐ-CP", "24/2022/NĐ-CP", "140/2018/NĐ-CP",
                                                             "142/2025/NĐ-CP", "66.16/2026/NQ-CP"}


def test_a_groups_numeral_and_its_name_on_one_line_in_capitals(resolution_23):
    # Phụ lục V's table: "Bộ Tư pháp / II NGHỊ ĐỊNH / 1. / Nghị định số 142/2025/NĐ-CP": the group follows the table's
    # "I / NGHỊ QUYẾT"; a line in capitals whose numeral follows no group ("VI PHẠM HÀNH CHÍNH") is still a cell's words
    rows = task_rows(resolution_23)
    assert cited_by(resolution_23, rows["appendix.V.II.1"]) == {"142/2025/NĐ-CP"}
    table = ("Phụ lục I\nDANH MỤC\nTT\nNhiệm vụ\nCơ quan chủ trì\nThời gian\n1.\nRà soát các quy định về xử lý\n"
             "VI PHẠM HÀNH CHÍNH\nBộ Tư pháp\nNăm 2026\n2.\nSửa đổi Nghị định số 118/2021/NĐ-CP\nBộ Tư pháp\nNăm 2026\n")
    result = extract_text("Điều 1. Ban hành kèm theo Nghị quyết này Phụ lục I.\n" + table, "<t>")
    assert sorted(task_rows(result)) == ["appendix.1", "appendix.2"]
    # (session 18: after a group V too, the numeral of a group named on its line names a kind of instrument)
    grouped = table.replace("1.\nRà soát", "V\nNGHỊ QUYẾT\n1.\nRà soát")
    result = extract_text("Điều 1. Ban hành kèm theo Nghị quyết này Phụ lục I.\n" + grouped, "<t>")
    rows = task_rows(result)
    assert sorted(rows) == ["appendix.1", "appendix.2"] and rows["appendix.1"].lead == "Bộ Tư pháp"
    assert "VI PHẠM HÀNH CHÍNH" in rows["appendix.1"].title


def test_a_row_number_below_a_page_header_is_the_tables():
    # 23/2026/NQ-CP, Phụ lục VII: "CÔNG BÁO/Số 275/Ngày 15-05-2026 / 117 / / 2 / Nghị định số 143/2016/NĐ-CP": the
    # page's number and then the next row's, which the page's furniture took with it; two numbers in sequence are
    # a page printing two pages' numbers ("9" / "10", 58/2021/TT-BQP) and both go
    text = prepare_text("ngày 10/3/2017\nCÔNG BÁO/Số 275/Ngày 15-05-2026 \n117\n \n \n2 \nNghị định số\n").normalized
    assert text.split() == ["ngày", "10/3/2017", "2", "Nghị", "định", "số"]
    text = prepare_text("ngày 10/3/2017\nCÔNG BÁO/Số 1/Ngày 1-1-2021 \n9\n10\nNghị định số\n").normalized
    assert text.split() == ["ngày", "10/3/2017", "Nghị", "định", "số"]


def test_a_list_closed_by_and_ends_an_instruments_history():
    # 113/VBHN-VPQH, footnote 20 quoting 127/2025/QH15's Điều 179: "Luật Thi hành án hình sự số 41/2019/QH14 đã được
    # sửa đổi, bổ sung một số điều theo Luật số 59/2024/QH15 và Luật số 86/2025/QH15, Nghị quyết số 54/2022/QH15 ...
    # hết hiệu lực": the amenders' list closes with "và"; the resolution after its comma is one more that expires
    text = ("QUỐC HỘI\nLuật số: 127/2025/QH15\n\nLUẬT\nTHI HÀNH ÁN HÌNH SỰ\n\nĐiều 179. Hiệu lực thi hành\n"
            "2. Luật Thi hành án hình sự số 41/2019/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số 59/2024/QH15 "
            "và Luật số 86/2025/QH15, Nghị quyết số 54/2022/QH15 ngày 16 tháng 6 năm 2022 của Quốc hội thí điểm mô hình "
            "tổ chức hoạt động lao động cho phạm nhân ngoài trại giam hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.\n")
    relations = named_relations(extract_text(text, "<t>"))
    assert {("59/2024/QH15", "amends", "41/2019/QH14"), ("86/2025/QH15", "amends", "41/2019/QH14")} <= relations
    assert ("54/2022/QH15", "amends", "41/2019/QH14") not in relations
    assert {("DOC", "repeals", "41/2019/QH14"), ("DOC", "repeals", "54/2022/QH15")} <= relations


@pytest.mark.parametrize("name, wrong", [
    # 35/2018/QH14's enacting words, quoted by the consolidated laws of the corpus: "... Luật Bảo hiểm y tế số
    # 25/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 32/2013/QH13, Luật số 46/2014/QH13 và Luật số
    # 97/2015/QH13, Luật Phòng, chống bệnh truyền nhiễm số 03/2007/QH12, Luật Giám định tư pháp số 13/2012/QH13 và
    # Luật Bảo vệ quyền lợi người tiêu dùng số 59/2010/QH12": the laws after the closed list are the title's, no amenders
    ("bhxh/van-ban-hop-nhat-so-50-vbhn-vpqh-28208.txt", {("13/2012/QH13", "amends", "25/2008/QH12"),
                                                         ("59/2010/QH12", "amends", "25/2008/QH12"),
                                                         ("17/2012/QH13", "amends", "23/2004/QH11")}),
    # "Thông tư số 96/2020/TT-BTC ... được sửa đổi, bổ sung bởi Thông tư số 68/2024/TT-BTC và Thông tư số
    # 18/2025/TT-BTC, Thông tư số 120/2020/TT-BTC ...": 120/2020 is the next circular the title amends
    ("thue_tncn/van-ban-hop-nhat-so-09-vbhn-btc-469539.txt", {("120/2020/TT-BTC", "amends", "96/2020/TT-BTC")}),
])
def test_no_amender_after_a_list_closed_by_and(name, wrong):
    assert not wrong & named_relations(extract_file(CONGBAO / name))


@pytest.mark.parametrize("name", ["bhxh/van-ban-hop-nhat-so-19-vbhn-vpqh-30971.txt", "bhxh/van-ban-hop-nhat-so-50-vbhn-vpqh-28208.txt"])
def test_a_history_of_laws_by_number_ends_at_a_law_named_by_its_title(name):
    # 19/VBHN-VPQH, footnote 1 quoting 35/2018/QH14's enacting words: "... Luật Tài nguyên nước số 17/2012/QH13 đã được
    # sửa đổi, bổ sung một số điều theo Luật số 08/2017/QH14, Luật Đất đai số 45/2013/QH13, Luật Bảo vệ môi trường số
    # 55/2014/QH13, ...": the amending laws of a history are written by their numbers; the Land Law is the next law the
    # title names (both readers), not a second amender of the Water Law
    relations = named_relations(extract_file(CONGBAO / name))
    assert ("08/2017/QH14", "amends", "17/2012/QH13") in relations
    assert not {("45/2013/QH13", "amends", "17/2012/QH13"), ("55/2014/QH13", "amends", "17/2012/QH13"),
                ("62/2006/QH11", "amends", "70/2006/QH11"), ("58/2014/QH13", "amends", "10/2012/QH13")} & relations
    assert ("62/2010/QH12", "amends", "70/2006/QH11") in relations  # "Luật Chứng khoán số 70/2006/QH11 ... theo Luật số 62/2010/QH12, Luật Điện ảnh ..."


@pytest.mark.parametrize("name", ["bhxh/van-ban-hop-nhat-so-19-vbhn-vpqh-30971.txt", "bhxh/van-ban-hop-nhat-so-50-vbhn-vpqh-28208.txt"])
def test_a_quoted_amending_laws_enacting_title_amends_every_law_it_lists(name):
    # 19/VBHN-VPQH, footnote 1: "Luật số 35/2018/QH14 sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch
    # có căn cứ ban hành như sau: “...; Quốc hội ban hành Luật sửa đổi, bổ sung một số điều có liên quan đến quy hoạch
    # của Luật Giao thông đường bộ số 23/2008/QH12, ..., Luật Tài nguyên nước số 17/2012/QH13 đã được sửa đổi, bổ sung
    # một số điều theo Luật số 08/2017/QH14, Luật Đất đai ... / (the next page's body) / ... số 05/2007/QH12, Luật An
    # toàn thông tin mạng ... và Luật Bảo vệ quyền lợi người tiêu dùng số 59/2010/QH12.”": the quoted law speaks its
    # enacting words; it amends the 37 laws its title lists, past their histories and the page (both readers)
    relations = named_relations(extract_file(CONGBAO / name))
    amended = {target for subject, predicate, target in relations if subject == "35/2018/QH14" and predicate == "amends"}
    assert {"23/2008/QH12", "17/2012/QH13", "45/2013/QH13", "05/2007/QH12", "86/2015/QH13", "44/2013/QH13",
            "30/2009/QH12", "Luật Dầu khí", "10/2012/QH13", "25/2008/QH12", "59/2010/QH12"} <= amended
    assert not {"48/2014/QH13", "77/2015/QH13", "92/2015/QH13", "32/2013/QH13"} & amended  # (the histories' amenders)


def test_a_known_title_goes_on_to_its_number():
    # 19/VBHN-VPQH: "Luật Quy hoạch đô thị số 30/2009/QH12" read as "Luật Quy hoạch" (2017, the registry's) and no
    # number; a known title's lowercase words up to "số" and a number are the law's own
    result = extract_text("Căn cứ Luật Quy hoạch đô thị số 30/2009/QH12;\nCăn cứ Luật Quy hoạch số 21/2017/QH14;\n", "<t>")
    assert [(c.instrument.number, c.instrument.title) for c in result.citations] == [
        ("30/2009/QH12", "Luật Quy hoạch đô thị"), ("21/2017/QH14", "Luật Quy hoạch")]


def test_parts_of_one_more_instrument_after_a_semicolon_take_the_verb():
    # 151/2026/NĐ-CP, Điều 57.3: "Bãi bỏ Điều 10 của Nghị định số 18/2026/NĐ-CP ... sửa đổi, bổ sung một số nghị định ...;
    # các Điều 27, 28, 29 và 30 của Nghị định số 121/2025/NĐ-CP ...": both repealed (both readers); the clause after the
    # ";" names only the parts of the next instrument, as 207/2026's "Bãi bỏ Điều 8 Nghị định số 140/2025/NĐ-CP; Điều 13
    # Nghị định số 144/2025/NĐ-CP; khoản 4 Điều 9, Điều 38 của Nghị định số 11/2013/NĐ-CP"
    relations = named_relations(extract_file(RESOLUTIONS / "nghi-dinh-so-151-2026-nd-cp-469523.txt"))
    assert {("DOC", "repeals", "18/2026/NĐ-CP"), ("DOC", "repeals", "121/2025/NĐ-CP")} <= relations
    relations = named_relations(extract_file(CONGBAO / "chinh_sach_dn" / "nghi-dinh-so-207-2026-nd-cp-469769.txt"))
    assert {("DOC", "repeals", n) for n in ("140/2025/NĐ-CP", "144/2025/NĐ-CP", "11/2013/NĐ-CP")} <= relations


def test_a_footnote_on_words_the_base_loses_is_a_repeal():
    # 19/VBHN-VPQH, footnote 2: "Từ “quy hoạch,” được bãi bỏ theo quy định tại điểm d khoản 1 Điều 30 của Luật số
    # 35/2018/QH14 ...": the amending law repeals words of the base (both readers, as "Khoản này được bãi bỏ theo ..."
    # was read; "Cụm từ “phân hiệu” được bãi bỏ theo ... Nghị định số 143/2016/NĐ-CP" in 1548/VBHN)
    relations = named_relations(extract_file(CONGBAO / "bhxh" / "van-ban-hop-nhat-so-19-vbhn-vpqh-30971.txt"))
    assert ("35/2018/QH14", "repeals", "58/2014/QH13") in relations
    relations = named_relations(extract_file(CONGBAO / "cong_doan" / "van-ban-hop-nhat-so-1548-vbhn-bldtbxh-41720.txt"))
    assert ("143/2016/NĐ-CP", "repeals", "57/2015/TT-BLĐTBXH") in relations


def test_a_part_with_its_exception_in_brackets_stays_in_its_list():
    # 20/2026/TT-BTC, Điều 10.7: "Thông tư này bãi bỏ các quy định ... tại: / a) Điều 1, Điều 2, Điều 7, Điều 10, Điều 13
    # (trừ điểm b.11 khoản 1 Điều 13) và Điều 16 Thông tư số 103/2014/TT-BTC ...; / b) Điều 6 Thông tư số 119/2014/TT-BTC
    # ...": the bracket excepts a point, the item still names only parts of its circular; all eight repealed (both
    # readers), where the first item's bracket had left the lead-in's verb to none of them
    relations = named_relations(extract_file(CONGBAO / "thue_tncn" / "thong-tu-so-20-2026-tt-btc-469144.txt"))
    assert {("DOC", "repeals", n) for n in ("103/2014/TT-BTC", "119/2014/TT-BTC", "151/2014/TT-BTC", "130/2016/TT-BTC",
                                             "25/2018/TT-BTC", "67/2022/TT-BTC", "83/2016/TT-BTC", "128/2011/TT-BTC")} <= relations


def test_a_treaty_is_dated_by_the_day_it_was_signed():
    # 49/VBHN-BCT: "Thực hiện Hiệp định Đối tác kinh tế toàn diện giữa Chính phủ nước Cộng hòa Xã hội Chủ nghĩa Việt Nam
    # và Chính phủ Các Tiểu vương quốc Ả-rập thống nhất ký ngày 28 tháng 10 năm 2024;": its date (both readers)
    result = extract_text("Thực hiện Hiệp định Đối tác kinh tế toàn diện giữa Chính phủ nước Cộng hòa Xã hội Chủ nghĩa "
                          "Việt Nam và Chính phủ Các Tiểu vương quốc Ả-rập thống nhất ký ngày 28 tháng 10 năm 2024;\n", "<t>")
    assert [(c.instrument.doc_type, c.instrument.date) for c in result.citations] == [("Điều ước quốc tế", "2024-10-28")]


def test_an_articles_heading_with_a_footnote_mark_after_its_dot():
    # 9191/VBHN-BKHĐT: "Điều 4.4 (được bãi bỏ)", "Điều 5.5 Quyền của tổ hợp tác" (the footnote's mark printed after the
    # heading's dot) opened no article, so Điều 4 to 32 were read as Điều 3's; and "Điều 31. Hiệu lực thi hành / Nghị
    # định này có hiệu lực thi hành từ ngày 25 tháng 11 năm 2019 và thay thế Nghị định số 151/2007/NĐ-CP": the base
    # replaces 151/2007 (both readers), its own words for itself before its entry into force
    result = extract_file(CONGBAO / "uu_dai_dt" / "van-ban-hop-nhat-so-9191-vbhn-bkhdt-43190.txt")
    articles = [s.id for s in result.sections if s.kind == "article" and "." not in s.id.split(" ", 1)[1]]
    assert [f"Điều {n}" for n in range(1, 33)] == articles[:32]
    assert ("77/2019/NĐ-CP", "replaces", "151/2007/NĐ-CP") in named_relations(result)


# From a review of the session's change: each passage a form the session's rules had misread.

def test_a_bracketed_exception_names_no_part_of_the_list():
    # "Điều 5 (trừ khoản 2), Điều 6 và Điều 7 của Nghị định ...": the excepted clause is no part of Điều 6
    from kg.pinpoint import parse_parts
    assert [p.label() for p in parse_parts("Điều 5 (trừ khoản 2), Điều 6 và Điều 7")] == ["Điều 5", "Điều 6", "Điều 7"]


def test_a_law_named_by_its_title_after_va_is_the_historys_last_amender():
    # "... số 66/2014/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 62/2020/QH14 và Luật Đầu tư số
    # 61/2020/QH14 hết hiệu lực ...": the Investment Law amended it too; what expires is 66/2014
    text = ("QUỐC HỘI\nLuật số: 29/2023/QH15\n\nLUẬT\nKINH DOANH BẤT ĐỘNG SẢN\n\nĐiều 82. Hiệu lực thi hành\n2. Luật Kinh "
            "doanh bất động sản số 66/2014/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 62/2020/QH14 và Luật Đầu "
            "tư số 61/2020/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.\n")
    relations = named_relations(extract_text(text, "<t>"))
    assert {("61/2020/QH14", "amends", "66/2014/QH13"), ("DOC", "repeals", "66/2014/QH13")} <= relations
    assert ("DOC", "repeals", "61/2020/QH14") not in relations


@pytest.mark.parametrize("clause, act", [
    ("Bãi bỏ Điều 10 của Nghị định số 18/2026/NĐ-CP; khoản 2 Điều 5 của Nghị định số 121/2025/NĐ-CP tiếp tục có hiệu "
     "lực đến hết năm 2026.", "repeals"),
    ("Nghị định này thay thế Nghị định số 18/2026/NĐ-CP; Điều 5 của Nghị định số 121/2025/NĐ-CP vẫn được áp dụng.",
     "replaces"),
])
def test_parts_after_a_semicolon_with_a_predicate_of_their_own_take_no_verb(clause, act):
    text = "CHÍNH PHỦ\nSố: 151/2026/NĐ-CP\nHà Nội, ngày 13 tháng 5 năm 2026\n\nNGHỊ ĐỊNH\n\nĐiều 57. Hiệu lực thi hành\n3. "
    relations = named_relations(extract_text(text + clause + "\n", "<t>"))
    assert ("DOC", act, "18/2026/NĐ-CP") in relations and ("DOC", "cites", "121/2025/NĐ-CP") in relations


def test_a_known_title_keeps_its_number_where_the_registry_gives_it():
    # "Luật Bảo hiểm xã hội bắt buộc số 41/2024/QH15": the words before the number describe, 41/2024 is the known title's
    result = extract_text("theo Luật Bảo hiểm xã hội bắt buộc số 41/2024/QH15\n", "<t>")
    assert [c.reference.title for c in result.citations] == ["Luật Bảo hiểm xã hội"]
