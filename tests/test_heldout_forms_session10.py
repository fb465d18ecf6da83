"""Forms of the language the held-out texts of session 10 showed (tests/gold/SETTLING.md, session 10), each
with its passage from the text that showed it."""
from __future__ import annotations

from pathlib import Path

from kg.extract import extract_file, extract_text

CONGBAO = Path(__file__).resolve().parent.parent / "corpus" / "congbao"


def _relations(result) -> set[tuple]:
    """(subject, predicate, object) of an extraction's relations, instruments by their numbers, the document "doc"."""
    label = {c.instrument.iri: c.instrument.number for c in result.citations}
    label[result.document.instrument.iri] = "doc"
    return {(label.get(r.subject), r.predicate, label.get(r.object)) for r in result.relations}


def test_a_footnote_mark_glued_to_a_number_is_not_part_of_it():
    # 97/NQ-CP's table: "Nghị quyết \nsố 66-\nNQ/TW1", its footnote "1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 ..."
    result = extract_file(CONGBAO / "chinh_sach_dn" / "nghi-quyet-so-97-nq-cp-469324.txt")
    numbers = {c.instrument.number for c in result.citations}
    assert {"66-NQ/TW", "140/NQ-CP", "12-CTr/BCĐ", "09/2026/NĐ-CP"} <= numbers
    assert not numbers & {"66-NQ/TW1", "140/NQ-CP2", "12-CTr/BCĐ3", "09/2026/NĐ-CP4"}


def test_digits_a_code_ends_with_stay_when_no_footnote_names_the_number_without_them():
    # a legislature's number ends a code ("685/BC-UBVHXH15"); only a mark a footnote line opens is taken off
    text = ("Theo Báo cáo số 685/BC-UBVHXH15 của Ủy ban Văn hóa, Xã hội và Nghị quyết số 66-\nNQ/TW1\n"
            "15 Luật số 80/2015/QH13 ngày 22/6/2015.\n1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị.\n")
    numbers = [c.reference.number for c in extract_text(text, "a.txt").citations]
    assert numbers == ["685/BC-UBVHXH15", "66-NQ/TW", "80/2015/QH13", "66-NQ/TW"]


def test_a_semicolon_inside_a_basis_title_does_not_end_the_basis():
    # 45/2026/TT-BTC: "Căn cứ Nghị định số 63/2019/NĐ-CP ... quy định xử phạt vi phạm hành chính trong lĩnh vực quản
    # lý tài sản công; \nthực hành tiết kiệm, chống lãng phí; dự trữ quốc gia; kho bạc nhà nước được sửa \nđổi, bổ
    # sung bởi Nghị định số 102/2021/NĐ-CP, Nghị định số 55/2026/NĐ-CP;": the decree's title lists its fields
    result = extract_file(CONGBAO / "thue_tncn" / "thong-tu-so-45-2026-tt-btc-469477.txt")
    relations = _relations(result)
    assert {("102/2021/NĐ-CP", "amends", "63/2019/NĐ-CP"), ("55/2026/NĐ-CP", "amends", "63/2019/NĐ-CP"),
            ("doc", "based_on", "102/2021/NĐ-CP"), ("doc", "based_on", "55/2026/NĐ-CP")} <= relations


def test_a_semicolon_before_the_next_basis_still_ends_the_first():
    text = ("Căn cứ Nghị định số 63/2019/NĐ-CP ngày 11 tháng 7 năm 2019 của Chính phủ quy định xử phạt;\n"
            "Căn cứ Nghị định số 29/2025/NĐ-CP ngày 24 tháng 02 năm 2025 của Chính phủ được sửa đổi, bổ sung bởi "
            "Nghị định số 166/2025/NĐ-CP;\n")
    result = extract_text(text, "a.txt")
    label = {c.instrument.iri: c.instrument.number for c in result.citations}
    amends = {(label.get(r.subject), label.get(r.object)) for r in result.relations if r.predicate == "amends"}
    assert amends == {("166/2025/NĐ-CP", "29/2025/NĐ-CP")}


def test_a_table_row_ends_the_clause_of_the_row_before_it():
    # 97/NQ-CP: "... Chương trình số 12-CTr/BCĐ" ends row 10's basis cell, then "11 / Thể chế hóa Kết luận số
    # 182-KL/TW ..." opens row 11: the programme does not carry out the conclusion; the row (and the document) does
    result = extract_file(CONGBAO / "chinh_sach_dn" / "nghi-quyet-so-97-nq-cp-469324.txt")
    label = {c.instrument.iri: c.instrument.number for c in result.citations}
    relations = {(label.get(r.subject, r.subject.rsplit("/", 1)[-1]), r.predicate, label.get(r.object))
                 for r in result.relations}
    assert ("12-CTr/BCĐ", "implements", "182-KL/TW") not in relations
    assert {("appendix.11", "implements", "182-KL/TW"), ("appendix.11", "implements", "218-KL/TW")} <= relations


def test_a_number_whose_code_lost_its_last_letter_is_the_number_printed_whole():
    # 469/VBHN-BLĐTBXH: "khoản 2 Điều 18 ... Thông tư số 26/2016/TT-BLĐTBX" beside "Thông tư số 26/2016/TT-BLĐTBXH"
    result = extract_file(CONGBAO / "bhxh" / "van-ban-hop-nhat-so-469-vbhn-bldtbxh-44205.txt")
    numbers = {c.instrument.number for c in result.citations}
    assert "26/2016/TT-BLĐTBXH" in numbers and "26/2016/TT-BLĐTBX" not in numbers


def test_a_code_narrowing_the_kind_written_gives_the_kind():
    # 469/VBHN-BLĐTBXH: "Thông / tư số 23/2005/TTLT-BLĐTBXH-BTC ... của Bộ trưởng Bộ Lao động - Thương binh và Xã hội -
    # Bộ Tài chính": a joint circular, as its code and its two issuers say
    result = extract_file(CONGBAO / "bhxh" / "van-ban-hop-nhat-so-469-vbhn-bldtbxh-44205.txt")
    joint = next(c.instrument for c in result.citations if c.instrument.number == "23/2005/TTLT-BLĐTBXH-BTC")
    assert joint.doc_type == "Thông tư liên tịch"
    # a code that names another kind altogether leaves the written kind alone ("Quyết định số 15/2019/QĐ-UBND")
    plain = extract_text("Căn cứ Thông tư số 06/2024/TT-BLĐTBXH ngày 05/7/2024;", "a.txt").citations[0].instrument
    assert plain.doc_type == "Thông tư"


def test_articles_are_numbered_through_the_chapters():
    # 158/2025/NĐ-CP: "Chương II" opens with "Điều 6." (articles go on through the text); every one of its 45
    # articles is a section, each under its chapter. Keyed by chapter, "Điều 6" looked like a chapter's sixth
    # article with none before it, and every article after the first chapter was lost (in 157 corpus texts).
    result = extract_file(CONGBAO / "bhxh" / "nghi-dinh-so-158-2025-nd-cp-45240.txt")
    articles = [s for s in result.sections if s.kind == "article"]
    assert [s.id for s in articles] == [f"Điều {n}" for n in range(1, 46)]
    assert next(s for s in articles if s.id == "Điều 6").parent == "Chương II"
    # an attached text still starts its own numbering over (its articles in a scope of their own)
    attached = extract_text("Điều 1. Ban hành kèm theo Quyết định này Quy chế.\nĐiều 2. Hiệu lực.\nQUY CHẾ\n"
                            "Chương I\nĐiều 1. Phạm vi\nĐiều 2. Đối tượng\nChương II\nĐiều 3. Nội dung\n", "a.txt")
    assert [s.id for s in attached.sections if s.kind == "article"] == [
        "Điều 1", "Điều 2", "annex.2.Điều 1", "annex.2.Điều 2", "annex.2.Điều 3"]


def test_what_a_consolidated_texts_amended_article_cites_its_amender_cites():
    # 469/VBHN-BLĐTBXH: "Điều 5. Xây dựng bảng lương, ... mức tiền lương cơ bản2" with the footnote "2 Điều này được
    # sửa đổi, bổ sung tại khoản 1 Điều 8 của Thông tư số 12/2024/TT-BLĐTBXH": the article's words are 12/2024's,
    # so what it cites (27/2016, 06/2024, 23/2005 ...) 12/2024 cites; the consolidated text cites it too
    result = extract_file(CONGBAO / "bhxh" / "van-ban-hop-nhat-so-469-vbhn-bldtbxh-44205.txt")
    relations = _relations(result)
    assert {("12/2024/TT-BLĐTBXH", "cites", "27/2016/TT-BLĐTBXH"), ("12/2024/TT-BLĐTBXH", "cites", "06/2024/TT-BLĐTBXH"),
            ("12/2024/TT-BLĐTBXH", "cites", "23/2005/TTLT-BLĐTBXH-BTC"), ("doc", "cites", "27/2016/TT-BLĐTBXH")} <= relations
    # the base circular's own articles, marked by no footnote, are not the amender's words
    assert ("12/2024/TT-BLĐTBXH", "cites", "14/2017/NĐ-CP") not in relations


def test_a_title_never_resolves_to_a_law_issued_after_the_citing_document():
    # 05/2023/TT-BKHĐT (30 June 2023): "Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Đầu tư công, ..., Luật
    # Nhà ở, ..." names the housing law 03/2022/QH15 amended, not the Luật Nhà ở of November 2023, the only one of
    # that title the registry holds; the amending law still rests the circular, and amends the law it names
    result = extract_file(CONGBAO / "uu_dai_dt" / "thong-tu-so-05-2023-tt-bkhdt-39996.txt")
    housing = [c.instrument for c in result.citations if c.instrument.title == "Luật Nhà ở"]
    assert housing and all(i.number != "27/2023/QH15" for i in housing)
    assert ("doc", "based_on", "03/2022/QH15") in _relations(result)
    # nor to a later law of that title when the text dates it: "Luật Giao dịch điện tử ngày 29 tháng 11 năm 2005"
    cited = extract_text("Căn cứ Luật Giao dịch điện tử ngày 29 tháng 11 năm 2005;", "a.txt").citations[0].instrument
    assert cited.number != "20/2023/QH15" and cited.date == "2005-11-29"
