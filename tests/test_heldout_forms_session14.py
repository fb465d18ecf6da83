"""Forms of the language the held-out texts of session 14 showed (tests/gold/SETTLING.md, session 14), each
with its passage from the text that showed it, and the corpus's other texts of the same form."""
from __future__ import annotations

from forms import CONGBAO, HEAD, named_relations as _relations

from kg.extract import extract_file, extract_text

CHANGES = ("amends", "replaces", "repeals")
IN_FORCE_225 = CONGBAO / "cong_doan" / "quyet-dinh-so-225-qd-bldtbxh-41601.txt"


def test_the_notes_of_a_list_in_force_name_what_changed_each_row():
    # 225/QĐ-BLĐTBXH, the ministry's list of instruments in force: "- Văn bản sửa đổi, bổ sung, thay thế, bãi bỏ một
    # phần:" over the instrument, or over lines "+ Nghị định số ..." that a page break may cut; each changes the row's
    # instrument by each verb of the cell (both readers); kg had read the head as a noun and the cells gave nothing
    found = _relations(extract_file(IN_FORCE_225))
    for agent, row in (("15/2019/NĐ-CP", "113/2015/NĐ-CP"),       # one instrument after the colon
                       ("140/2018/NĐ-CP", "143/2016/NĐ-CP"),      # the first bullet, before the page break
                       ("24/2022/NĐ-CP", "143/2016/NĐ-CP"),       # the last, after it
                       ("08/2023/TT-BLĐTBXH", "57/2015/TT-BLĐTBXH")):
        assert {(agent, change, row) for change in CHANGES} <= found, (agent, row)
    # the next row's instrument is no item of the cell before it
    assert not any(agent == "15/2019/NĐ-CP" and row == "143/2016/NĐ-CP" and change == "cites"
                   for agent, change, row in found)
    assert ("24/2022/NĐ-CP", "amends", "49/2018/NĐ-CP") not in found


def test_a_row_numbered_on_the_line_of_its_kind_is_the_row_the_cell_changes():
    # 1205/QĐ-BKHĐT: "146 Nghị định 95/2016/NĐ-CP ... - Văn bản bãi bỏ một phần: Nghị định số 100/2021/NĐ-CP": the
    # row opens with its number before its kind on one line; the row before it lists Luật 01/2021/QH15
    found = _relations(extract_file(CONGBAO / "uu_dai_dt" / "quyet-dinh-so-1205-qd-bkhdt-41976.txt"))
    assert ("100/2021/NĐ-CP", "repeals", "95/2016/NĐ-CP") in found
    assert not any(agent == "100/2021/NĐ-CP" and row == "01/2021/QH15" for agent, _, row in found)
    # "Văn bản bãi bỏ một phần" says repeals only
    assert ("100/2021/NĐ-CP", "replaces", "95/2016/NĐ-CP") not in found


def test_a_correction_cites_what_it_corrects_and_changes_nothing():
    # 225: "Đã được đính chính tại Quyết định số 600/QĐ-LĐTBXH" in a row's notes; "Văn bản sửa đổi, bổ sung, thay
    # thế, bãi bỏ một phần: Quyết định số 1229/QĐ-BLĐTBXH ... về việc đính chính Thông tư số 15/2017/TT-BLĐTBXH":
    # a correction is none of the guide's relation words (settled for 2416 and 372): it cites
    found = _relations(extract_file(IN_FORCE_225))
    assert {("600/QĐ-LĐTBXH", "cites", row) for row in ("51/2018/TT-BLĐTBXH", "52/2018/TT-BLĐTBXH",
                                                        "55/2018/TT-BLĐTBXH", "19/2019/TT-BLĐTBXH")} <= found
    assert ("1229/QĐ-BLĐTBXH", "cites", "15/2017/TT-BLĐTBXH") in found
    assert not any(agent in ("600/QĐ-LĐTBXH", "1229/QĐ-BLĐTBXH") and change in CHANGES for agent, change, _ in found)
    # "đính chính Thông tư ban hành Quy định ..." names no number: the next row's circular is not what it corrects
    assert ("600/QĐ-LĐTBXH", "cites", "54/2018/TT-BLĐTBXH") not in found
    # 12/VBHN-BTC's footnote: "Quyết định số 372/QĐ-BTC ... về việc đính chính Thông tư số 138/2025/TT-BTC ... và
    # Thông tư số 139/2025/TT-BTC" (session 11's leftover): both
    found = _relations(extract_file(CONGBAO / "thue_tncn" / "van-ban-hop-nhat-so-12-vbhn-btc-469542.txt"))
    assert {("372/QĐ-BTC", "cites", "138/2025/TT-BTC"), ("372/QĐ-BTC", "cites", "139/2025/TT-BTC")} <= found


def test_a_number_printed_once_without_its_leading_zero_keeps_it():
    # 225: "+ Nghị định số 4/2023/NĐ-CP ngày 13/02/2023" in a cell, then its own row "Số 04/2023/NĐ-CP": one decree,
    # numbered as issued (both readers)
    numbers = {c.instrument.number for c in extract_file(IN_FORCE_225).citations}
    assert "04/2023/NĐ-CP" in numbers and "4/2023/NĐ-CP" not in numbers
    found = extract_text(HEAD + "Căn cứ Nghị định số 04/2023/NĐ-CP ngày 13/02/2023 và Nghị định số 4/2023/NĐ-CP.", "a.txt")
    assert {c.instrument.number for c in found.citations} == {"04/2023/NĐ-CP"}


def test_the_constitution_by_its_bare_name():
    # 185/2026/NĐ-CP: "Hoạt động của thôn, tổ dân phố phải tuân thủ Hiến pháp, pháp luật" (both readers, as the set
    # settled for 129/2026's "trừ Hiến pháp, thì áp dụng ...")
    found = extract_file(CONGBAO / "hd_kinh_te" / "nghi-dinh-so-185-2026-nd-cp-469629.txt")
    assert [(c.instrument.title, c.instrument.issuer) for c in found.citations if c.instrument.doc_type == "Hiến pháp"] \
        == [("Hiến pháp", "Quốc hội")]
    # named in full in the text too: the one it names in full (45/2019/QH14)
    found = extract_text(HEAD + "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n\nĐiều 1. Bảo đảm "
                         "nguyên tắc tuân thủ Hiến pháp, pháp luật và điều lệ.", "a.txt")
    assert len({c.instrument.iri for c in found.citations}) == 1 and len(found.citations) == 2
    # a title after it is the title's ("Hiến pháp năm 2013"); a lowercase word is no name
    found = extract_text(HEAD + "Theo Hiến pháp năm 2013 và bảo vệ hiến pháp.", "a.txt")
    assert [(c.instrument.year, c.reference.text) for c in found.citations] == [(2013, "Hiến pháp năm 2013")]


# ---------------------------------------------------------------- the second batch

PROGRAMME_105 = CONGBAO / "chinh_sach_dn" / "nghi-quyet-so-105-nq-cp-469364.txt"


def _sections(path):
    return {s.id: s for s in extract_file(path).sections}


def test_a_sub_row_numbered_on_the_line_of_its_words_is_a_row_of_its_own():
    # 105/NQ-CP's table: "2 Sắp xếp các đơn vị ..." then "2.1 Theo dõi, tổng hợp việc sắp xếp ...", "2.2 ...", each
    # with its own lead and time (both readers); kg had read the four into row 2's words, leads and times
    sections = _sections(PROGRAMME_105)
    assert [(sections[f"appendix.III.2.{k}"].lead, sections[f"appendix.III.2.{k}"].deadline) for k in (1, 2, 3, 4)] \
        == [("Bộ Nội vụ", "Thường xuyên"), ("Các bộ quản lý ngành, lĩnh vực", "Thường xuyên"),
            ("Bộ Giáo dục và Đào tạo", "Quý III/2026"), ("Bộ Y tế", "Quý III/2026")]
    cited = {c.instrument.number for c in extract_file(PROGRAMME_105).citations
             if c.section == "appendix.III.2.4"}
    assert {"72-NQ/TW", "282/NQ-CP", "221-KL/TW"} <= cited


def test_a_header_of_nine_lines_repeated_after_a_page_break_is_no_rows_words():
    # 105/NQ-CP: "TT / Nội dung công việc / Cơ quan chủ trì / Cơ quan phối hợp / Cấp trình / Sản phẩm / Thời hạn /
    # hoàn thành": the header's last line was read into the time of the row before each page break
    sections = _sections(PROGRAMME_105)
    assert not any("hoàn thành" in (s.deadline or "") for s in sections.values())
    assert sections["appendix.I.2"].deadline == "Thường xuyên"


def test_points_each_addressed_to_an_agency_under_a_task_headed_by_its_work_are_tasks():
    # 105/NQ-CP II.1: "1. Thực hiện hiệu quả công tác giáo dục chính trị ...: a) Các bộ, ngành, địa phương tăng cường
    # ...; b) Các bộ, ngành, địa phương chủ động phối hợp với Bộ Nội vụ tham mưu ..." (both readers: a row each)
    sections = _sections(PROGRAMME_105)
    assert [(sections[k].kind, sections[k].lead) for k in ("II.1.a", "II.2.b")] == [
        ("task", "Các bộ, ngành, địa phương"), ("task", "Bộ Tài chính")]
    # a task headed by its agency keeps its points as its duties (179/KH-UBND: "19. Các doanh nghiệp công nghệ số")
    plan = _sections(CONGBAO.parent / "plans" / "179-kh-ubnd-tinh-dong-nai-2025-f004d93b.txt")
    assert plan["VI.19"].kind == "task" and plan["VI.19.a"].kind != "task"


def test_a_time_cells_remark_in_parentheses_is_no_part_of_its_time():
    # 105/NQ-CP: "Thường xuyên (hoặc theo yêu cầu của cấp có thẩm quyền)", "Năm 2026 (sau khi Chính phủ ban hành ..."
    sections = _sections(PROGRAMME_105)
    assert sections["appendix.V.1"].deadline == "Thường xuyên" and sections["appendix.IV.2"].deadline == "2026"


def test_bodies_that_issue_an_instrument_together():
    # 105/NQ-CP: "Kết luận số 221-KL/TW ngày 28 tháng 11 năm 2025 của Bộ Chính trị, Ban Bí thư về ..."; "Báo cáo số
    # 04-BC/ĐU ngày 16 tháng 10 năm 2025 của Đảng ủy Chính phủ" (both readers)
    issuers = {c.instrument.number: c.instrument.issuer for c in extract_file(PROGRAMME_105).citations}
    assert issuers["221-KL/TW"] == "Bộ Chính trị, Ban Bí thư" and issuers["04-BC/ĐU"] == "Đảng ủy Chính phủ"
    # the second body the subject of what follows is none of the issuers
    found = extract_text(HEAD + "Thực hiện Quyết định số 12/QĐ-TTg ngày 01/02/2025 của Thủ tướng Chính phủ, Bộ Tài "
                         "chính chủ trì hướng dẫn.", "a.txt")
    assert [c.instrument.issuer for c in found.citations] == ["Thủ tướng Chính phủ"]


# ---------------------------------------------------------------- the third batch

def test_a_footnote_mark_after_a_points_letter_gives_the_point_to_its_amending_instrument():
    # 16/VBHN-BTC: "a)16 Chi trang phục thanh tra ... theo quy định tại Khoản 2 Điều 9 Nghị định số 21/2016/NĐ-CP"
    # with "16 Điểm này được sửa đổi, bổ sung theo quy định tại điểm c khoản 9 Điều 1 Quyết định số 38/2019/QĐ-TTg":
    # the point's words are 38/2019's, which cites the decree (both readers; the convention of 465, 469 and 714)
    found = _relations(extract_file(CONGBAO / "bhxh" / "van-ban-hop-nhat-so-16-vbhn-btc-30897.txt"))
    assert ("38/2019/QĐ-TTg", "cites", "21/2016/NĐ-CP") in found
    # the footnote printed inside the point, at its page's foot, is no word of it: 10/VBHN-BTC's "a)5 ..." cites
    # 119/2020 and 121/2020; its footnote's title of 08/2026 ("... Thông tư số 120/2020/TT-BTC ...") does not
    found = _relations(extract_file(CONGBAO / "thue_tncn" / "van-ban-hop-nhat-so-10-vbhn-btc-469540.txt"))
    assert {("08/2026/TT-BTC", "cites", "119/2020/TT-BTC"), ("08/2026/TT-BTC", "cites", "121/2020/TT-BTC")} <= found
    assert ("08/2026/TT-BTC", "cites", "120/2020/TT-BTC") not in found
    found = _relations(extract_file(CONGBAO / "chinh_sach_dn" / "van-ban-hop-nhat-so-19-vbhn-btc-469710.txt"))
    assert ("517/QĐ-BTC", "cites", "67/2025/QH15") not in found


# ---------------------------------------------------------------- the fourth batch

def test_detailing_the_carrying_out_of_a_law_guides_it():
    # 118/2026/NĐ-CP: "Nghị định này quy định chi tiết việc thực hiện khoản 6 Điều 37 của Luật Ngân sách nhà nước số
    # 89/2025/QH15": guides (both readers); "việc thực hiện" is a noun there, not the decree carrying the law out
    found = _relations(extract_file(CONGBAO / "chinh_sach_dn" / "nghi-dinh-so-118-2026-nd-cp-469379.txt"))
    assert ("DOC", "guides", "89/2025/QH15") in found and ("DOC", "implements", "89/2025/QH15") not in found


def test_a_history_said_with_sua_doi_tai():
    # 12/2024/TT-BLĐTBXH: "Thông tư số 37/2016/TT-BLĐTBXH ... đã được sửa đổi tại Thông tư số 04/2018/TT-BLĐTBXH"
    found = _relations(extract_file(CONGBAO / "cong_doan" / "thong-tu-so-12-2024-tt-bldtbxh-43233.txt"))
    assert ("04/2018/TT-BLĐTBXH", "amends", "37/2016/TT-BLĐTBXH") in found
    assert ("DOC", "amends", "04/2018/TT-BLĐTBXH") not in found


def test_a_part_named_after_a_title_is_no_word_of_it():
    # 22/2026/NQ-CP's table: "... thi hành Luật Trật tự, an toàn giao thông đường \nbộ \nĐiều 20, Điều 21, Điều 33"
    titles = {c.instrument.title for c in extract_file(CONGBAO / "hd_kinh_te" / "nghi-quyet-so-22-2026-nq-cp-469469.txt")
              .citations if c.instrument.title}
    assert {"Luật Trật tự, an toàn giao thông đường bộ", "Luật Căn cước"} <= titles
    assert not any(title.endswith("Điều") for title in titles)
    # a law whose title holds the word: "Luật Điều ước quốc tế năm 2016"
    found = extract_text(HEAD + "Căn cứ Luật Điều ước quốc tế năm 2016;", "a.txt")
    assert [c.instrument.title for c in found.citations] == ["Luật Điều ước quốc tế"]



# ---------------------------------------------------------------- the fifth batch

def test_guiding_what_an_instrument_issues_or_provides_guides_the_instrument():
    # 13/2023/TT-BKHĐT: "Thông tư này hướng dẫn cơ chế tổ chức thực hiện “Chương trình ...” quy định tại Quyết định số
    # 167/QĐ-TTg" (both readers, as 09/2022's were): "thực hiện" is the guided words' own, the verb before them acts
    found = _relations(extract_text(HEAD + "Điều 1. Phạm vi điều chỉnh\nThông tư này hướng dẫn cơ chế tổ chức thực hiện "
                                     "“Chương trình hỗ trợ doanh nghiệp khu vực tư nhân kinh doanh bền vững giai đoạn "
                                     "2022 - 2025” quy định tại Quyết định số 167/QĐ-TTg ngày 08 tháng 02 năm 2022 của "
                                     "Thủ tướng Chính phủ.", "a.txt"))
    assert ("DOC", "guides", "167/QĐ-TTg") in found
    # 17/2023/TT-BLĐTBXH: "Thông tư này hướng dẫn việc ủy quyền thực hiện nhiệm vụ ... theo quy định tại Nghị định số
    # 35/2022/NĐ-CP"
    found = _relations(extract_file(CONGBAO / "cong_doan" / "thong-tu-so-17-2023-tt-bldtbxh-41049.txt"))
    assert ("DOC", "guides", "35/2022/NĐ-CP") in found
    # a change verb does not reach past what is carried out: 22/2026/NQ-CP's "Bãi bỏ thủ tục ... thực hiện ... quy định
    # tại Điều 13 Nghị định số 70/2024/NĐ-CP" abolishes a procedure (settled: cites)
    found = _relations(extract_file(CONGBAO / "hd_kinh_te" / "nghi-quyet-so-22-2026-nq-cp-469469.txt"))
    assert ("DOC", "repeals", "70/2024/NĐ-CP") not in found


def test_a_page_break_after_a_word_that_needs_what_follows_ends_no_clause():
    # 17/2022/TT-BLĐTBXH: "... theo quy định tại \n\n[CÔNG BÁO ...]\n\nThông tư số 36/2018/TT-BTC": the nearest cue
    # speaks for the circular, a page away, not the sentence's opening "Thực hiện theo quy định của pháp luật"
    found = extract_file(CONGBAO / "hdld" / "thong-tu-so-17-2022-tt-bldtbxh-37918.txt")
    cues = {r.cue for r in found.relations
            if any(c.instrument.iri == r.object and c.instrument.number == "36/2018/TT-BTC" for c in found.citations)}
    assert "theo quy định tại" in cues


# ---------------------------------------------------------------- what a review of the session's change found

def test_a_lists_last_cell_ends_before_the_next_part_of_the_text():
    text = (HEAD + "1\nNghị định\nSố 113/2015/NĐ-CP ngày 09/11/2015 về A\n- Hết hiệu lực một phần\n- Văn bản sửa đổi, bổ "
            "sung, thay thế, bãi bỏ một phần:\n+ Nghị định số 15/2019/NĐ-CP ngày 01/02/2019 của Chính phủ\n\nII. VĂN BẢN "
            "KHÁC\n- Nghị định số 77/2024/NĐ-CP ngày 01/7/2024 của Chính phủ;\n- Thông tư số 10/2023/TT-BLĐTBXH ngày "
            "01/7/2023 của Bộ Lao động - Thương binh và Xã hội.")
    found = _relations(extract_text(text, "a.txt"))
    assert ("15/2019/NĐ-CP", "replaces", "113/2015/NĐ-CP") in found
    assert not any(agent in ("77/2024/NĐ-CP", "10/2023/TT-BLĐTBXH") and row == "113/2015/NĐ-CP"
                   for agent, _, row in found)


def test_the_bare_constitution_is_not_one_named_with_a_year_of_its_own():
    found = extract_text(HEAD + "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992;\n\nĐiều 1. Tuân thủ "
                         "Hiến pháp, pháp luật.", "a.txt")
    assert len({c.instrument.iri for c in found.citations}) == 2


def test_bodies_that_do_what_follows_are_no_joint_issuers():
    found = extract_text(HEAD + "Thực hiện Kết luận số 45-KL/TW ngày 01/02/2025 của Bộ Chính trị, Chính phủ, các bộ, "
                         "ngành đã ban hành văn bản.", "a.txt")
    assert [c.instrument.issuer for c in found.citations] == ["Bộ Chính trị"]


def test_a_footnote_of_any_change_inside_an_amended_part_is_none_of_its_words():
    from kg.consolidated import _outside_notes, _printed_notes
    text = ("a)5 Chi theo Thông tư số 119/2020/TT-BTC;\n6 Cụm từ “x” được thay thế theo Thông tư số 08/2026/TT-BTC sửa "
            "đổi Thông tư số 120/2020/TT-BTC.\ntiếp theo của điểm a: Thông tư số 121/2020/TT-BTC.")
    kept = "".join(text[a:b] for a, b in _outside_notes(0, len(text), _printed_notes(text)))
    assert "119/2020" in kept and "121/2020" in kept and "120/2020" not in kept
