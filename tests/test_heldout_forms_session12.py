"""Forms of the language the held-out texts of session 12 showed (tests/gold/SETTLING.md, session 12), each
with its passage from the text that showed it, and the corpus's other texts of the same form."""
from __future__ import annotations

from forms import CONGBAO, HEAD, named_relations as _relations

from kg.extract import extract_file, extract_text


def test_an_article_acting_on_what_its_appendix_lists_gives_each_row_its_act():
    # 18/2022/TT-BLĐTBXH: "1. Bãi bỏ toàn bộ các văn bản quy phạm pháp luật ... tại Phụ lục I ban hành kèm theo
    # Thông tư này." and "2. Bãi bỏ một phần ... tại Phụ lục II ...": the 33 and 2 documents the appendices list were
    # only cited; the instruments a row's description names keep their own relations
    found = _relations(extract_file(CONGBAO / "hdld" / "thong-tu-so-18-2022-tt-bldtbxh-37982.txt"))
    repealed = {target for subject, predicate, target in found if subject == "DOC" and predicate == "repeals"}
    assert len(repealed) == 35 and {"28/2005/TT-LĐTBXH", "24/TT-LB", "05/2013/TT-BLĐTBXH", "18/2018/TT-BLĐTBXH"} <= repealed
    assert not repealed & {"49/2013/NĐ-CP", "12/TT-LB", "10/2012/QH13", "55/2016/NĐ-CP"}  # named in the rows' descriptions
    assert ("24/TT-LB", "amends", "12/TT-LB") in found


def test_an_appendix_of_forms_named_by_a_replacing_article_is_no_list_of_documents():
    # "Thay thế Mẫu số 02 ... bằng Mẫu số 02 tại Phụ lục ban hành kèm theo Nghị định này": a form is replaced, and the
    # decree's own forms, which cite the laws they apply, replace nothing
    body = ("Điều 1. Sửa đổi\n1. Thay thế Mẫu số 02 tại Phụ lục ban hành kèm theo Nghị định số 31/2019/NĐ-CP ngày 10 tháng"
            " 4 năm 2019 của Chính phủ bằng Mẫu số 02 tại Phụ lục ban hành kèm theo Thông tư này.\n\n"
            "Phụ lục\nMẫu số 02\n1. Thực hiện theo Thông tư số 24/2018/TT-BLĐTBXH ngày 27 tháng 02 năm 2018 của Bộ "
            "trưởng Bộ Lao động - Thương binh và Xã hội;\n")
    found = _relations(extract_text(HEAD + body, "a.txt"))
    assert {t for _, _, t in found} >= {"24/2018/TT-BLĐTBXH"}
    assert not {p for _, p, t in found if t == "24/2018/TT-BLĐTBXH"} & {"replaces", "repeals", "amends"}
    lists = ("Điều 1. Bãi bỏ\nBãi bỏ các văn bản quy phạm pháp luật tại Phụ lục ban hành kèm theo Thông tư này.\n\n"
             "Phụ lục\n1. Thông tư số 24/2018/TT-BLĐTBXH ngày 27 tháng 02 năm 2018 của Bộ trưởng Bộ Lao động - Thương "
             "binh và Xã hội hướng dẫn một số điều của Nghị định số 31/2016/NĐ-CP ngày 10 tháng 4 năm 2016 của Chính phủ.\n")
    found = _relations(extract_text(HEAD + lists, "a.txt"))
    assert {("DOC", "repeals", "24/2018/TT-BLĐTBXH"), ("DOC", "cites", "31/2016/NĐ-CP"),
            ("24/2018/TT-BLĐTBXH", "guides", "31/2016/NĐ-CP")} <= found


def test_guiding_some_articles_of_an_instrument_guides_the_instrument():
    # 18/2022/TT-BLĐTBXH, Phụ lục I: "Thông tư số 23/2014/TT-BLĐTBXH ... hướng dẫn một số điều của Nghị định số
    # 03/2014/NĐ-CP": "hướng dẫn" alone takes what follows it word for word, and the parts named are the decree's
    found = _relations(extract_text(HEAD + "1. Thông tư số 23/2014/TT-BLĐTBXH ngày 29/8/2014 của Bộ trưởng Bộ Lao động - "
                                    "Thương binh và Xã hội hướng dẫn một số điều của Nghị định số \n03/2014/NĐ-CP ngày "
                                    "16/01/2014 của Chính phủ quy định chi tiết thi hành.\n", "a.txt"))
    assert ("23/2014/TT-BLĐTBXH", "guides", "03/2014/NĐ-CP") in found
    # what a subject is guided "theo" a decree stays a citation of the decree (tests/gold/SETTLING.md, session 10)
    found = _relations(extract_text(HEAD + "1. Thông tư số 23/2016/TT-BLĐTBXH ngày 15/7/2016 của Bộ trưởng Bộ Lao động - "
                                    "Thương binh và Xã hội hướng dẫn điều chỉnh lương hưu theo Nghị định số "
                                    "55/2016/NĐ-CP ngày 15/6/2016 của Chính phủ.\n", "a.txt"))
    assert ("23/2016/TT-BLĐTBXH", "guides", "55/2016/NĐ-CP") not in found


def test_a_date_wrapped_to_a_lines_start_is_no_footnotes_number():
    # 462/VBHN-BLĐTBXH: "1 Thông tư số 12/2024/TT-BLĐTBXH ... có hiệu lực từ ngày \n29 tháng 12 năm 2024 có căn cứ ban
    # hành như sau: “Căn cứ Nghị định số 62/2022/NĐ-CP ...": the quoted lines are the amending circular's bases, not
    # the consolidated text's ("29 tháng" had been read as footnote 29, which names no instrument)
    found = _relations(extract_file(CONGBAO / "bhxh" / "van-ban-hop-nhat-so-462-vbhn-bldtbxh-44172.txt"))
    for decree in ("62/2022/NĐ-CP", "51/2016/NĐ-CP", "52/2016/NĐ-CP", "21/2024/NĐ-CP", "129/2020/NĐ-CP"):
        assert ("12/2024/TT-BLĐTBXH", "based_on", decree) in found
    assert ("DOC", "based_on", "62/2022/NĐ-CP") not in found


def test_a_joint_circular_of_ministries_before_1996_keeps_its_name():
    # 18/2022/TT-BLĐTBXH: "Thông tư liên bộ số 24/TT-LB ngày 19/9/1994 của liên Bộ ...", as both readers wrote it
    kinds = {(c.instrument.doc_type, c.instrument.number) for c in extract_text(
        "Bãi bỏ Thông tư liên bộ số 24/TT-LB ngày 19/9/1994 sửa đổi Thông tư liên Bộ số 12/TT-LB ngày 03/8/1992.\n",
        "a.txt").citations}
    assert kinds == {("Thông tư liên bộ", "24/TT-LB"), ("Thông tư liên bộ", "12/TT-LB")}


def test_a_reason_cell_says_what_changed_its_rows_instrument():
    # 169/QĐ-BLĐTBXH, "Danh mục văn bản ... hết hiệu lực": a row "1 | Thông tư số 03/2017/TT-BLĐTBXH ... | Được thay
    # thế bởi Thông tư số 01/2024/TT-BLĐTBXH ... | 05/4/2024"; a cell of several verbs gives each its change
    found = _relations(extract_file(CONGBAO / "bhxh" / "quyet-dinh-so-169-qd-bldtbxh-44203.txt"))
    assert {("01/2024/TT-BLĐTBXH", "replaces", "03/2017/TT-BLĐTBXH"), ("03/2024/TT-BLĐTBXH", "repeals", "09/2022/TT-BLĐTBXH"),
            ("13/2024/TT-BLĐTBXH", "amends", "26/2018/TT-BLĐTBXH"), ("13/2024/TT-BLĐTBXH", "replaces", "26/2018/TT-BLĐTBXH"),
            ("13/2024/TT-BLĐTBXH", "repeals", "26/2018/TT-BLĐTBXH"), ("21/2024/NĐ-CP", "repeals", "51/2016/NĐ-CP")} <= found
    # the decision announces the list; it changes none of them itself
    assert not {p for s, p, _ in found if s == "DOC"} & {"amends", "replaces", "repeals", "suspends"}


def test_a_bare_date_on_the_next_line_is_the_tables_next_cell():
    # 1205/QĐ-BKHĐT: "| Quy định chi tiết thi hành một số điều của Luật Quy hoạch | 07/5/2019 |", the table's date of
    # force, was read as the law's date: a law of 2019 of that title apart from the registry's 21/2017/QH14
    laws = {c.instrument.number for c in extract_file(CONGBAO / "uu_dai_dt" / "quyet-dinh-so-1205-qd-bkhdt-41976.txt").citations
            if c.instrument.doc_type == "Luật" and c.instrument.title == "Luật Quy hoạch"}
    assert laws == {"21/2017/QH14"}
    assert extract_text("Căn cứ Nghị định số 34/2016/NĐ-CP 14/5/2016 của Chính phủ;\n").citations[0].instrument.date == "2016-05-14"


def test_cyrillic_letters_typed_into_a_numbers_codes_are_read_as_latin():
    # 372/QĐ-BTC: "Thông tư số 06/2022/TT-BТС" (a Cyrillic Т and С) is the 06/2022/TT-BTC the text names again
    numbers = [c.instrument.number for c in extract_file(CONGBAO / "thue_tncn" / "quyet-dinh-so-372-qd-btc-469041.txt").citations
               if c.instrument.number and c.instrument.number.startswith("06/2022")]
    assert numbers and set(numbers) == {"06/2022/TT-BTC"}


def test_a_list_of_parts_runs_on_after_a_semicolon_to_its_instrument():
    # 21/2026/NQ-CP: "quy định tại Điều 5; khoản 1 và khoản 2 Điều 6; ...; Điều 127; Điều 128; ... Điều 135 Nghị định
    # số 96/2023/NĐ-CP" (and 18/2022/TT-BLĐTBXH's "Mục 1, ..., Mục 6 Chương I; Điều 24, khoản 1 Điều 26 Mục 7 Chương I;
    # ... Chương III Thông tư số 05/2013/TT-BLĐTBXH"): every part is the decree's, not only those after the last ";"
    text = (HEAD + "6. Không quy định điều kiện kinh doanh quy định tại Điều 5; khoản 1 và khoản 2 Điều 6; khoản \n4 Điều 7; "
            "Điều 127; Điều 128; Điều 135 Nghị định số 96/2023/NĐ-CP ngày 24 tháng 12 năm 2023 của Chính phủ.\n")
    (decree,) = [c for c in extract_text(text, "a.txt").citations if c.instrument.number == "96/2023/NĐ-CP"]
    assert [p.label() for p in decree.pinpoints] == ["Điều 5", "khoản 1 Điều 6", "khoản 2 Điều 6", "khoản 4 Điều 7",
                                                     "Điều 127", "Điều 128", "Điều 135"]
    # a ";" after the document's own part ends its list there
    own = extract_text(HEAD + "theo quy định tại khoản 2 Điều này; Điều 6 Nghị định số 96/2023/NĐ-CP ngày 24 tháng 12 năm "
                       "2023 của Chính phủ.\n", "a.txt").citations
    assert [p.label() for p in own[0].pinpoints] == ["Điều 6"]


def test_a_long_list_of_parts_is_read_from_its_first_part():
    # 21/2026/NQ-CP names forty parts of 96/2023/NĐ-CP in ~700 characters; read only within 300 before the decree,
    # its first part read was "Điều 43" of "khoản 1 Điều 43" (116/2025/TT-BTC: a list across a page's furniture)
    parts = "; ".join(f"khoản {k} Điều {40 + k}" for k in range(1, 31))
    (decree,) = extract_text(HEAD + f"quy định tại {parts} Nghị định số 96/2023/NĐ-CP ngày 24 tháng 12 năm 2023 của "
                             "Chính phủ.\n", "a.txt").citations
    assert len(parts) > 400 and [p.label() for p in decree.pinpoints][:2] == ["khoản 1 Điều 41", "khoản 2 Điều 42"]
    assert len(decree.pinpoints) == 30


def test_guiding_what_an_instrument_provides_guides_the_instrument():
    # 147/2026/NĐ-CP: "NGHỊ ĐỊNH Hướng dẫn thực hiện cơ chế, chính sách đặc thù tháo gỡ khó khăn ... quy định tại Nghị
    # quyết số 29/2026/QH16": "quy định tại" points to the resolution whose mechanism the decree guides
    head = "CHÍNH PHỦ\nSố: 147/2026/NĐ-CP\nHà Nội, ngày 07 tháng 5 năm 2026\nNGHỊ ĐỊNH\n"
    found = _relations(extract_text(head + "Hướng dẫn thực hiện cơ chế, chính sách đặc thù tháo gỡ \nkhó khăn, vướng mắc "
                                    "cho các dự án tồn đọng, kéo dài quy định tại \nNghị quyết số 29/2026/QH16 ngày 24 tháng "
                                    "4 năm 2026 của Quốc hội về cơ chế xử lý vi phạm trước khi Luật Đất đai năm 2024 có "
                                    "hiệu lực\n", "a.txt"))
    assert ("DOC", "guides", "29/2026/QH16") in found
    # the law the resolution's description names is pointed to only
    assert not {p for s, p, t in found if s == "DOC" and t not in ("29/2026/QH16",)} - {"cites"}
    # a verb in between is the instrument's relation as before ("thực hiện theo quy định tại": cites)
    found = _relations(extract_text(head + "Điều 5. Hồ sơ\nViệc hướng dẫn hồ sơ thực hiện theo quy định tại Nghị định số "
                                    "103/2024/NĐ-CP ngày 30 tháng 7 năm 2024 của Chính phủ.\n", "a.txt"))
    assert ("DOC", "cites", "103/2024/NĐ-CP") in found


def test_a_change_to_what_an_instrument_provides_changes_the_instrument():
    # 182/2026/NĐ-CP: "7. Bãi bỏ quy định về phụ cấp đặc thù đối với nhà giáo ... quy định tại Điều 4, Điều 5, ...
    # Điều 9 Nghị định số 113/2015/NĐ-CP": the decree's articles are repealed (both readers), not only cited
    found = _relations(extract_file(CONGBAO / "chinh_sach_dn" / "nghi-dinh-so-182-2026-nd-cp-469623.txt"))
    assert ("DOC", "repeals", "113/2015/NĐ-CP") in found
