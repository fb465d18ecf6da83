"""Forms of the language the held-out texts of session 11 showed (tests/gold/SETTLING.md, session 11), each
with its passage from the text that showed it, and the corpus's other texts of the same form."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract_file, extract_text

CONGBAO = Path(__file__).resolve().parent.parent / "corpus" / "congbao"


def _titles(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(c.instrument.doc_type, c.instrument.title, c.instrument.number)
            for c in extract_text(text, "a.txt").citations]


def test_a_registry_title_longer_than_sixteen_words_is_read_whole():
    # 716/VBHN-BLĐTBXH: "Căn cứ Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam ngày 16
    # tháng 6 năm 2014;" (18 words after "Luật"): it was cut at "của", a guess's end, an undated law of no number
    assert _titles("Căn cứ Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại\nViệt Nam ngày 16 tháng "
                   "6 năm 2014;") == [("Luật", "Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại "
                                              "Việt Nam", "47/2014/QH13")]


@pytest.mark.parametrize("text, title", [
    # 716/VBHN-BLĐTBXH
    ("Căn cứ Luật Ký kết, gia nhập và thực hiện Điều ước quốc tế ngày 14 tháng 6 \nnăm 2005;",
     "Luật Ký kết, gia nhập và thực hiện Điều ước quốc tế"),
    ("Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân năm 2015;",
     "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân"),
])
def test_a_guessed_title_goes_on_past_and_to_the_date_after_it(text, title):
    assert [t for _, t, _ in _titles(text)] == [title]


@pytest.mark.parametrize("text, titles", [
    ("theo Luật Đất đai và các văn bản hướng dẫn năm 2024", ["Luật Đất đai"]),  # "các": a function word
    ("Luật Đầu tư và nghị định số 31/2021/NĐ-CP", ["Luật Đầu tư", None]),  # no date after: another instrument
    ("Luật Đất đai và Luật Nhà ở năm 2023", ["Luật Đất đai", "Luật Nhà ở"]),  # a type word: a second law
])
def test_and_ends_a_guessed_title_where_no_date_closes_the_words_after_it(text, titles):
    assert [t for _, t, _ in _titles(text)] == titles


@pytest.mark.parametrize("path, kind", [
    ("cong_doan/van-ban-hop-nhat-so-716-vbhn-bldtbxh-41388.txt", "Thỏa thuận giữa Chính phủ nước Cộng hòa xã hội chủ "
     "nghĩa Việt Nam và Chính phủ Ô-xtơ-rây-li-a về Chương trình Lao động kết hợp kỳ nghỉ"),
    ("chinh_sach_dn/thong-tu-so-20-2026-tt-bxd-469697.txt", "Hiệp định giữa Chính phủ nước Cộng hòa xã hội chủ nghĩa "
     "Việt Nam và Chính phủ Hoàng gia Campuchia về vận tải thủy"),
    ("uu_dai_dt/thong-tu-so-01-2023-tt-bkhdt-39270.txt", "Nghị định thư giữa Chính phủ nước Cộng hòa xã hội chủ nghĩa "
     "Việt Nam và Chính phủ Liên bang Nga về hỗ trợ sản xuất phương tiện vận tải có động cơ trên lãnh thổ Việt Nam"),
])
def test_an_agreement_between_two_governments_is_a_treaty_named_by_its_parties_and_subject(path, kind):
    treaties = {c.instrument.title for c in extract_file(CONGBAO / path).citations
                if c.instrument.doc_type == "Điều ước quốc tế"}
    assert kind in treaties


def test_an_agreements_subject_ends_at_a_blank_line_and_agreement_alone_names_none():
    # 716's heading: the agreement's subject, a blank line, then the base circular's number, which is not the treaty's
    text = ("Hướng dẫn thực hiện một số điều của Thỏa thuận giữa Chính phủ nước \nCộng hòa xã hội chủ nghĩa Việt Nam và "
            "Chính phủ Ô-xtơ-rây-li-a \nvề Chương trình Lao động kết hợp kỳ nghỉ \n \nThông tư liên tịch số "
            "21/2016/TTLT-BLĐTBXH-BCA-BNG ngày 29 tháng 6 \nnăm 2016")
    found = _titles(text)
    assert found[0][0] == "Điều ước quốc tế" and found[0][1].endswith("về Chương trình Lao động kết hợp kỳ nghỉ")
    assert found[0][2] is None and found[1][2] == "21/2016/TTLT-BLĐTBXH-BCA-BNG"
    # 714/VBHN: "theo Thỏa thuận giữa Chính phủ Việt Nam với các nước: bố trí ...": no subject, no treaty
    assert _titles("đào tạo trình độ cao theo Thỏa thuận giữa Chính phủ Việt Nam với các nước: bố trí từ kinh phí") == []
    assert _titles("theo thỏa thuận giữa các bên về giá") == []


@pytest.mark.parametrize("path, blank", [
    ("hdld/thong-tu-so-10-2021-tt-nhnn-34057.txt", "/2021/TT-NHNN"),  # "Căn cứ Thông tư số    /2021/TT-NHNN ngày ..."
    ("chinh_sach_dn/nghi-dinh-so-118-2026-nd-cp-469379.txt", "/2026/NĐ-CP"),
    ("hd_kinh_te/nghi-quyet-so-21-2026-nq-cp-469468.txt", "/2026/NQ-CP"),
    ("uu_dai_dt/thong-tu-so-28-2024-tt-bkhdt-44112.txt", "/2024/TT-BKHĐT"),
])
def test_a_form_citing_the_document_with_its_ordinal_left_blank_cites_the_document_itself(path, blank):
    # the forms a document issues print its number before it was given: "Thông tư số    /2021/TT-NHNN"
    text = (CONGBAO / path).read_text(encoding="utf-8")
    assert blank.split("/", 1)[1] in " ".join(text.split())
    result = extract_file(CONGBAO / path)
    assert result.document.instrument.number.endswith(blank)
    assert not [c for c in result.citations if blank.replace("/", "") in "".join(c.reference.text.split()).replace("/", "")]


def test_a_blank_ordinal_of_another_code_is_kept():
    # a number left blank whose code is not the document's: another instrument, kept with its warning
    result = extract_text("QUYẾT ĐỊNH\nSố: 12/2021/QĐ-UBND\n\nCăn cứ Thông tư số    /2021/TT-NHNN của Ngân hàng Nhà nước;\n",
                          "a.txt")
    assert [c.instrument.number for c in result.citations] == [None]


# --- lists of instruments a lead-in's verb acts on ---------------------------------------------------------------

def _relations(result) -> set[tuple]:
    """(subject, predicate, object) of an extraction's relations, instruments by their numbers, the document "doc"."""
    label = {c.instrument.iri: c.instrument.number for c in result.citations}
    label[result.document.instrument.iri] = "doc"
    return {(label.get(r.subject), r.predicate, label.get(r.object)) for r in result.relations}


@pytest.mark.parametrize("path, repealed", [
    # "2. Thông tư này bãi bỏ toàn bộ các văn bản quy phạm pháp luật sau đây: \na) Thông tư số 116/2017/TT-BTC ...;
    # \nb) Thông tư số 35/2019/TT-BTC ...": the first item, lettered, after the lead-in's colon and line end, was read
    # as no item of the list, and the rest took its want of a cue
    ("hdld/thong-tu-so-29-2022-tt-bldtbxh-39050.txt", {"1614/2003/QĐ-BLĐTBXH", "14/2014/TT-BLĐTBXH", "25/2018/TT-BLĐTBXH",
                                                       "60/2008/QĐ-BLĐTBXH"}),
    # "2. Các Thông tư sau hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực thi hành: \na) ...": the list is the
    # lead-in's subject, its cue after it
    ("thue_tncn/thong-tu-so-01-2026-tt-btc-468744.txt", {"01/2018/TT-BTC", "28/2019/TT-BTC"}),
    # "2. Kể từ ngày Thông tư này có hiệu lực thi hành, các Thông tư sau hết hiệu lực thi hành: \na) ..."
    ("uu_dai_dt/thong-tu-so-07-2024-tt-bkhdt-41891.txt", {"10/2016/TT-BKHĐT", "19/2015/TT-BKHĐT", "23/2015/TT-BKHĐT"}),
])
def test_a_lead_ins_verb_acts_on_every_lettered_item_of_its_list(path, repealed):
    relations = _relations(extract_file(CONGBAO / path))
    assert {("doc", "repeals", number) for number in repealed} <= relations


def test_a_lists_first_item_takes_no_cue_from_before_a_lead_in_that_gives_none():
    # 16/VBHN-BTC's footnote "Văn bản này được hợp nhất từ 02 Quyết định sau: \n- Quyết định số 60/2015/QĐ-TTg ...":
    # the "Căn cứ" before the lead-in is no basis of what it lists
    relations = _relations(extract_file(CONGBAO / "bhxh" / "van-ban-hop-nhat-so-16-vbhn-btc-30897.txt"))
    assert not {r for r in relations if r[0] == "doc" and r[1] == "based_on" and r[2] in ("60/2015/QĐ-TTg", "38/2019/QĐ-TTg")}


def test_a_consolidated_texts_unmarked_article_is_its_bases_act():
    # 11/VBHN-BTC, Điều 14 of the base 06/2022/TT-BTC, no footnote: "2. Thông tư này bãi bỏ toàn bộ các văn bản quy
    # phạm pháp luật sau đây: a) Thông tư số 116/2017/TT-BTC ...; b) Thông tư số 35/2019/TT-BTC ..." (settled rule 4)
    relations = _relations(extract_file(CONGBAO / "thue_tncn" / "van-ban-hop-nhat-so-11-vbhn-btc-469541.txt"))
    assert {("06/2022/TT-BTC", "repeals", "116/2017/TT-BTC"), ("06/2022/TT-BTC", "repeals", "35/2019/TT-BTC")} <= relations
    assert not {r for r in relations if r[0] == "doc" and r[1] == "repeals"}  # it changes nothing itself


def test_a_consolidated_texts_footnote_quoting_another_kind_of_instrument_is_not_the_bases_words():
    # 1548/VBHN (base: Thông tư 57/2015) quotes in a footnote the decree that amended it, "Điều 25 ... 2. Các văn bản
    # sau đây hết hiệu lực thi hành kể từ ngày Nghị định này có hiệu lực thi hành: a) Thông tư số 24/2011/TT-BLĐTBXH"
    relations = _relations(extract_file(CONGBAO / "cong_doan" / "van-ban-hop-nhat-so-1548-vbhn-bldtbxh-41720.txt"))
    assert ("57/2015/TT-BLĐTBXH", "repeals", "24/2011/TT-BLĐTBXH") not in relations


@pytest.mark.parametrize("sentence, predicate", [
    # the national bench's articles: "Cơ quan có thẩm quyền hướng dẫn thi hành ...": that body is to guide it
    ("Cơ quan có thẩm quyền hướng dẫn thi hành Nghị định số 158/2025/NĐ-CP.", "cites"),
    ("3. Giao Sở Tài chính hướng dẫn thực hiện Nghị định số 158/2025/NĐ-CP.", "cites"),
    # a description's issuer before its verb: "Nghị định của Chính phủ quy định chi tiết ... Luật ..." (25/2024/TT-BKHĐT)
    ("ban hành kèm theo Nghị định của Chính phủ quy định chi tiết một số điều của Luật Quản lý, sử dụng tài sản công số "
     "15/2017/QH14.", "cites"),
    # the document itself, saying it, or its issuer in its own words ("Bộ Tài chính hướng dẫn thi hành ... như sau:")
    ("Thông tư này hướng dẫn thi hành Nghị định số 158/2025/NĐ-CP.", "guides"),
    ("Bộ Tài chính hướng dẫn thi hành Nghị định số 158/2025/NĐ-CP như sau:", "guides"),
])
def test_a_guiding_verb_speaks_for_the_document_only_when_no_body_is_its_subject(sentence, predicate):
    text = ("BỘ TÀI CHÍNH\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 57/2025/TT-BTC\n"
            f"Hà Nội, ngày 12 tháng 7 năm 2025\n\nTHÔNG TƯ\n\n{sentence}\n")
    result = extract_text(text, "a.txt")
    assert result.document.instrument.issuer == "Bộ Tài chính"
    cited = [c.instrument.iri for c in result.citations][-1]
    assert {r.predicate for r in result.relations
            if r.subject == result.document.instrument.iri and r.object == cited} == {predicate}


def test_a_title_read_whole_on_and_is_the_texts_for_its_later_undated_mentions():
    # 38/VBHN-BCT: "Căn cứ Luật Địa chất và khoáng sản ngày 29 tháng 11 năm 2024;" then "khoản 1 Điều 108 Luật Địa
    # chất và khoáng sản, trình ...": the later mentions, with no date to close the title, were "Luật Địa chất"
    result = extract_file(CONGBAO / "chinh_sach_dn" / "van-ban-hop-nhat-so-38-vbhn-bct-469649.txt")
    titles = {c.instrument.title for c in result.citations if c.instrument.title and "Địa chất" in c.instrument.title}
    assert "Luật Địa chất" not in titles and "Luật Địa chất và khoáng sản" in titles
    assert {(p.article, p.clause) for c in result.citations if c.instrument.title == "Luật Địa chất và khoáng sản"
            for p in c.pinpoints} == {("108", "1"), ("108", "2")}


@pytest.mark.parametrize("path, party, implemented", [
    # "Căn cứ Kết luận số 213-KL/TW ...;" and "Thực hiện các nhiệm vụ tại Kết luận số 213-KL/TW ..., Chính phủ ban
    # hành Kế hoạch thực hiện Kết luận số 213-KL/TW": the document rests on it and carries it out
    ("hd_kinh_te/nghi-quyet-so-116-nq-cp-469463.txt", "213-KL/TW", True),
    ("chinh_sach_dn/nghi-quyet-so-100-nq-cp-469357.txt", "49-CT/TW", True),
    # in the body, "... được thực hiện theo khoản 3 Điều 17 Nghị định số 157/2025/NĐ-CP" beside the decree's Căn cứ
    # says no more than the basis
    ("bhxh/thong-tu-so-88-2025-tt-bca-46337.txt", "157/2025/NĐ-CP", False),
])
def test_a_preambles_carrying_out_stands_beside_its_basis(path, party, implemented):
    relations = _relations(extract_file(CONGBAO / path))
    assert ("doc", "based_on", party) in relations
    assert (("doc", "implements", party) in relations) is implemented


def test_a_plural_nouns_list_after_a_colon_names_each_instrument():
    # 126/NQ-CP: "Theo đề nghị ... tại các văn \nbản: Số 202/TTr-BVHTTDL ..., số 192/TTr-BVHTTDL ..., số 201/BC-BVHTTDL
    # ..., số \n191/BC-BVHTTDL ...;" (documents, each of its code's kind) and, in Điều 1, "tại các Tờ trình: \nSố
    # 202/TTr-BVHTTDL ..., số 192/TTr-BVHTTDL ... và các Báo cáo: Số 201/BC-BVHTTDL ..."
    result = extract_file(CONGBAO / "hd_kinh_te" / "nghi-quyet-so-126-nq-cp-469505.txt")
    kinds = {(c.instrument.number, c.instrument.doc_type) for c in result.citations}
    assert {("202/TTr-BVHTTDL", "Tờ trình"), ("192/TTr-BVHTTDL", "Tờ trình"), ("201/BC-BVHTTDL", "Báo cáo"),
            ("191/BC-BVHTTDL", "Báo cáo"), ("82/TTr-UBND", "Tờ trình")} <= kinds
    numbers = [c.reference.number for c in result.citations]
    assert numbers.count("202/TTr-BVHTTDL") == 2 and numbers.count("201/BC-BVHTTDL") == 2


def test_a_colon_after_a_number_line_opens_no_list():
    # the header's "Số: 12/2021/QĐ-UBND" is the document's own number, and "Kính gửi:" names no instrument
    result = extract_text("QUYẾT ĐỊNH\nSố: 12/2021/QĐ-UBND\n\nKính gửi: các sở, ban, ngành\n", "a.txt")
    assert result.citations == ()


@pytest.mark.parametrize("path, number, date", [
    # 08/2023/TT-BKHĐT: "Căn cứ Nghị định số 17/2013/NĐ-CP ngày 19 tháng 12 năm 2013" and, in Điều 11, "... ngày 19
    # tháng 02 năm 2013": the registry holds 2013-02-19
    ("uu_dai_dt/thong-tu-so-08-2023-tt-bkhdt-40175.txt", "17/2013/NĐ-CP", "2013-02-19"),
    # 1478/QĐ-BLĐTBXH: "Số 113/2015/NĐ-CP ngày 09/10/2015" beside "Nghị định số 113/2015/NĐ-CP ngày 09 tháng 11 năm 2015"
    ("cong_doan/quyet-dinh-so-1478-qd-bldtbxh-42752.txt", "113/2015/NĐ-CP", "2015-11-09"),
])
def test_of_two_printed_dates_the_one_the_registry_holds_is_the_instruments(path, number, date):
    dates = {c.instrument.date for c in extract_file(CONGBAO / path).citations if c.instrument.number == number}
    assert dates == {date}


@pytest.mark.parametrize("text, repealed", [
    # a list's verb reaches its items, not the numbered clause of the next article after the list's full stop
    ("Điều 8. Hiệu lực thi hành\nThông tư này bãi bỏ các văn bản sau đây:\na) Thông tư số 5/2019/TT-BTC ngày 10 tháng 1 "
     "năm 2019;\nb) Thông tư số 6/2019/TT-BTC ngày 10 tháng 1 năm 2019.\nĐiều 9. Quy định chuyển tiếp\n1. Quyết định số "
     "10/2020/QĐ-BTC ngày 10 tháng 1 năm 2020 tiếp tục áp dụng đối với hồ sơ nộp trước ngày Thông tư này có hiệu lực.",
     {"5/2019/TT-BTC", "6/2019/TT-BTC"}),
    ("Điều 6. Hiệu lực thi hành\n1. Bãi bỏ các quy định sau:\na) Điều 3 Thông tư số 5/2019/TT-BTC;\nb) Điều 4 Thông tư số "
     "6/2019/TT-BTC.\n2. Thông tư số 10/2020/TT-BTC ngày 10 tháng 1 năm 2020 tiếp tục được áp dụng.",
     {"5/2019/TT-BTC", "6/2019/TT-BTC"}),
])
def test_a_lists_verb_stops_at_its_full_stop(text, repealed):
    head = "BỘ TÀI CHÍNH\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 20/2025/TT-BTC\nHà Nội, ngày 12 tháng 7 năm 2025\n\n"
    relations = _relations(extract_text(head + text, "a.txt"))
    assert {r[2] for r in relations if r[0] == "doc" and r[1] == "repeals"} == repealed


@pytest.mark.parametrize("text", [
    "Thỏa thuận giữa Bộ Công Thương với Ủy ban nhân dân tỉnh Lào Cai về phát triển thương mại;",
    "Thỏa thuận giữa Bộ Tài chính với đối tác nước ngoài về vay vốn ưu đãi;",
])
def test_an_agreement_of_a_ministry_with_a_province_or_a_firm_is_no_treaty(text):
    assert [t for t in _titles(text) if t[0] == "Điều ước quốc tế"] == []


def test_a_treatys_subject_ends_before_the_next_instrument_and_keeps_a_number_word():
    found = _titles("theo Hiệp định giữa Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam và Chính phủ Hoàng gia Campuchia "
                    "về vận tải đường bộ và Thông tư số 88/2014/TT-BGTVT; Hiệp định giữa Chính phủ nước Cộng hòa xã hội "
                    "chủ nghĩa Việt Nam và Chính phủ Nhật Bản về một số vấn đề hợp tác;")
    assert found[0] == ("Điều ước quốc tế", "Hiệp định giữa Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam và Chính phủ "
                        "Hoàng gia Campuchia về vận tải đường bộ", None)
    assert found[1][2] == "88/2014/TT-BGTVT" and found[2][1].endswith("về một số vấn đề hợp tác")


def test_points_of_an_appendixs_section_after_a_comma_are_all_the_appendixs():
    from kg.pinpoint import parse_parts

    assert [p.label() for p in parse_parts("điểm a, điểm b Mục A, Phụ lục I")] == ["điểm a Mục A Phụ lục I",
                                                                                "điểm b Mục A Phụ lục I"]
    assert [p.label() for p in parse_parts("Điều 8, Phụ lục VI")] == ["Điều 8", "Phụ lục VI"]


def test_an_article_heading_leads_the_numbered_list_under_it():
    # 18/2021/TT-BNNPTNT: "Điều 1. Bãi bỏ toàn bộ 15 văn bản quy phạm pháp luật \n1. Chỉ thị số 03/2005/CT-BTS ..."
    relations = _relations(extract_file(CONGBAO.parent / "congbao" / "hdld" / "thong-tu-so-18-2021-tt-bnnptnt-36440.txt"))
    repealed = {r[2] for r in relations if r[0] == "doc" and r[1] == "repeals"}
    assert {"03/2005/CT-BTS", "54/2003/QĐ-BNN", "78/2008/QĐ-BNN", "15/2010/TT-BNNPTNT"} <= repealed
    assert not {r for r in relations if r[0] == "doc" and r[1] == "based_on" and r[2] in repealed}
