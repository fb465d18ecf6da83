"""Forms of Vietnamese legal writing the three held-out texts of session 6 showed kg did not read
(tests/gold/SETTLING.md, "Three held-out texts"). Each passage is read from its corpus file as printed."""
from pathlib import Path

import pytest

from kg.extract import extract_text
from kg.find import find_references
from kg.text import prepare_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MINISTRY = CORPUS / "plans" / "4385-qd-bvhttdl-bo-van-hoa-the-thao-va-du-lich-2025-448306af.txt"


def passage(path: Path, first: str, last: str) -> str:
    """The text of ``path`` from the words ``first`` to the end of the words ``last`` after them."""
    text = path.read_text(encoding="utf-8")
    start = text.index(first)
    return text[start:text.index(last, start) + len(last)]


def relations(text: str) -> set[tuple[str, str, str]]:
    result = extract_text(text)
    own = result.document.instrument.iri
    label = {c.instrument.iri: c.instrument.number or c.instrument.title for c in result.citations}
    label[own] = "doc"
    return {(label.get(r.subject, r.subject), r.predicate, label.get(r.object, r.object)) for r in result.relations}


# "Căn cứ Các Nghị định của Chính phủ quy định chi tiết ... Luật Quy hoạch (Số 37/2019/NĐ-CP ngày ..., số
# 58/2023/NĐ-CP ... và số 22/2025/NĐ-CP ...)": numbers with no type word of their own, under a plural noun
DECREES = ("*Căn cứ Các Nghị định của", "theo Nghị định* *số 58/2023/NĐ-CP);*")
DECISIONS = ("*Căn cứ Quyết định số 991/QĐ-TTg", "số 2657/QĐ-BVHTTDL ngày 29/7/2025);*")


def test_numbers_in_parentheses_after_a_plural_noun_are_instruments_of_its_type_and_issuer():
    found = [(r.doc_type, r.number, r.date, r.issuer)
             for r in find_references(prepare_text(passage(MINISTRY, *DECISIONS)))]
    assert found == [
        ("Quyết định", "991/QĐ-TTg", "2024-09-16", "Thủ tướng Chính phủ"),
        ("Quyết định", "1226/QĐ-BVHTTDL", "2025-04-29", "Bộ Văn hóa, Thể thao và Du lịch"),
        ("Quyết định", "2657/QĐ-BVHTTDL", "2025-07-29", "Bộ Văn hóa, Thể thao và Du lịch"),
    ]
    decrees = {r.number for r in find_references(prepare_text(passage(MINISTRY, *DECREES))) if r.number}
    assert decrees == {"37/2019/NĐ-CP", "58/2023/NĐ-CP", "22/2025/NĐ-CP"}


def test_a_plural_nouns_list_rests_on_its_cue_and_its_description_is_each_items():
    stated = relations(passage(MINISTRY, *DECREES))
    for decree in ("37/2019/NĐ-CP", "58/2023/NĐ-CP", "22/2025/NĐ-CP"):
        assert ("doc", "based_on", decree) in stated
        assert (decree, "guides", "Luật Quy hoạch") in stated
    # the decrees guide the law, the decision that rests on them does not
    assert not {r for r in stated if r[0] == "doc" and r[1] == "guides"}
    assert ("58/2023/NĐ-CP", "amends", "37/2019/NĐ-CP") in stated
    stated = relations(passage(MINISTRY, *DECISIONS))
    assert {("doc", "based_on", n) for n in ("991/QĐ-TTg", "1226/QĐ-BVHTTDL", "2657/QĐ-BVHTTDL")} <= stated


def test_a_plural_nouns_list_joined_to_an_instrument_shares_its_cue():
    # the plan's first purpose: "Triển khai thực hiện có hiệu quả Quyết định số 991/QĐ-TTg ... và các Quyết
    # định của Bộ trưởng ... (Số 1226/QĐ-BVHTTDL ... và số 2657/QĐ-BVHTTDL ...)"
    stated = relations(passage(MINISTRY, "Triển khai thực\nhiện có hiệu quả", "ngày 29/7/2025)"))
    assert {("doc", "implements", n) for n in ("991/QĐ-TTg", "1226/QĐ-BVHTTDL", "2657/QĐ-BVHTTDL")} <= stated


def test_a_parenthesis_of_numbers_of_another_type_is_no_list_of_the_noun():
    # the numbers' own code names their type: a law's number after "các Nghị định hướng dẫn Luật ..." is the law's
    text = "Căn cứ các Nghị định của Chính phủ quy định chi tiết Luật Đầu tư (số 61/2020/QH14);"
    assert {r.doc_type for r in find_references(prepare_text(text))} == {"Luật"}


def test_an_amending_law_named_by_how_many_laws_it_amends_is_one_law_with_its_date():
    stated = relations(passage(MINISTRY, "*Căn cứ Luật Quy hoạch ngày", "Luật Đấu thầu ngày 29/11/2024;*"))
    title = "Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch"
    # its title and date single out the law the consolidated texts number: "Luật số 35/2018/QH14 sửa đổi, bổ sung
    # một số điều của 37 luật có liên quan đến quy hoạch, có hiệu lực kể từ ngày 01 tháng 01 năm 2019"
    assert ("doc", "based_on", "35/2018/QH14") in stated
    found = find_references(prepare_text(passage(MINISTRY, "; Luật sửa đổi, bổ sung một số điều của 37", "20/11/2018")))
    assert [(r.title, r.date) for r in found] == [(title, "2018-11-20")]
    # "Luật Xuất bản ... (được sửa đổi, bổ sung một số điều bởi Luật sửa đổi, bổ sung một số điều của 37 luật
    # liên quan đến quy hoạch ngày 20 tháng 11 năm 2018)": it amends the law it is said to
    resolution = CORPUS / "congbao" / "chinh_sach_dn" / "nghi-quyet-so-6616-2026-nq-cp-469362.txt"
    stated = relations(passage(resolution, "Căn cứ Luật Xuất bản ngày 20 tháng 11 năm 2012", "năm 2018);"))
    assert ("35/2018/QH14", "amends", "19/2012/QH13") in stated


def test_an_amending_law_cited_with_or_without_a_word_its_title_may_drop_is_one_law():
    # 66.16/2026/NQ-CP: "... bởi Luật sửa đổi, bổ sung một số điều của 37 luật liên quan đến quy hoạch ngày 20 tháng
    # 11 năm 2018" and "... bởi Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch ngày 20 ..."
    resolution = CORPUS / "congbao" / "chinh_sach_dn" / "nghi-quyet-so-6616-2026-nq-cp-469362.txt"
    from kg.extract import extract_file
    laws = {(c.instrument.iri, c.instrument.number) for c in extract_file(resolution).citations
            if "37 luật" in " ".join(c.reference.text.split())}
    assert laws == {("https://w3id.org/kg-vn/id/luat/35-2018-qh14/2018", "35/2018/QH14")}
    # the same without the registry: the two wordings compare as one title
    text = ("Căn cứ Luật sửa đổi, bổ sung một số điều của 11 Luật liên quan đến quy hoạch ngày 15/6/2018; "
            "Luật sửa đổi, bổ sung một số điều của 11 luật có liên quan đến quy hoạch;")
    from kg.resolve import Registry
    from kg.identify import identify_document
    from kg.resolve import resolve_references
    source = prepare_text(text)
    cited = resolve_references(find_references(source), identify_document(source), Registry())
    assert len({c.instrument.iri for c in cited}) == 1


# --- structure: parts, and the parts whose items are tasks -----------------------------------------------------

EXPORT = CORPUS / "plans" / "2954-qd-ubnd-tinh-son-la-2025-f1e09814.txt"
BUDGET = CORPUS / "plans" / "0204-kh-ubnd-tinh-ca-mau-2025-9b7eebad.txt"


def sections(path: Path) -> dict:
    from kg.extract import extract_file
    return {s.id: s for s in extract_file(path).sections}


def test_a_part_printed_with_the_number_of_the_part_before_it_is_the_next_part():
    # "**V. TỔ CHỨC THỰC HIỆN" ... "**V. CHẾ ĐỘ BÁO CÁO": the second is VI, its items report on a cycle
    found = sections(EXPORT)
    assert [k for k, s in found.items() if s.kind == "part"] == ["I", "II", "III", "IV", "V", "VI"]
    assert found["VI"].title == "CHẾ ĐỘ BÁO CÁO"
    assert found["VI.1"].kind == found["VI.2"].kind == "task"
    assert {"trước ngày 16 hàng tháng", "trước ngày 16/6", "trước ngày 20/11 hàng năm"} <= set(found["VI.1"].deadlines)
    assert {"trước ngày 18 hàng tháng", "trước ngày 18/5", "trước ngày 30/11 hàng năm"} <= set(found["VI.2"].deadlines)
    assert found["VI.2"].lead == "Sở Công Thương"
    assert not found["V.11"].deadlines  # the reporting cycle is VI's, not the last item of V


def test_a_repeated_number_the_next_heading_goes_on_from_is_a_misprint_not_a_part():
    # "IV. TỈNH CAO BẰNG", "IV. THÀNH PHỐ ĐÀ NẴNG", "V. TỈNH ĐẮK LẮK": the numbering goes on from the first IV
    found = sections(CORPUS / "congbao" / "hdld" / "thong-tu-so-19-2021-tt-bldtbxh-36628.txt")
    assert found["Phụ lục.V"].title == "TỈNH ĐẮK LẮK"
    assert found["Phụ lục.VI"].title == "TỈNH ĐẮK NÔNG"


def test_a_reporting_cycle_is_an_items_deadline():
    # "báo cáo định kỳ, đột xuất việc thực hiện nội dung quy hoạch ... gửi Bộ Văn hóa, Thể thao và Du lịch"
    assert sections(MINISTRY)["IV.3"].deadlines == ("định kỳ",)


def test_the_items_of_a_part_that_reports_what_was_done_are_no_tasks():
    # "I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ KINH TẾ - XÃ HỘI VÀ DỰ TOÁN NGÂN SÁCH NHÀ NƯỚC NĂM 2025": a report,
    # though it names "thực hiện nhiệm vụ"; "III. ... CÁC GIẢI PHÁP" gives the work
    found = sections(BUDGET)
    assert {found[k].kind for k in ("I.1", "I.2", "I.2.1", "I.2.2")} == {"item"}
    assert found["III.1"].kind == found["III.2"].kind == "task"


def _structure_data():
    import json
    return json.loads((Path(__file__).resolve().parent.parent / "kg" / "data" / "structure.json").read_text("utf-8"))


@pytest.mark.parametrize("heading, task", [(h, True) for h in _structure_data()["task_parts_examples"]]
                         + [(h, False) for h in _structure_data()["report_parts_examples"]])
def test_every_part_heading_example_gives_tasks_or_not(heading, task):
    from kg.identify import identify_document
    from kg.structure import parse_sections
    words = heading.split(". ", 1)[1]  # (numbered II here, to follow I)
    source = prepare_text(f"KẾ HOẠCH\nCăn cứ Luật X;\n\nI. MỤC ĐÍCH\n\n1. Mục đích\n\nII. {words}\n\n1. Nội dung thứ nhất.\n")
    last = parse_sections(source, identify_document(source))[-1]
    assert (last.kind == "task") is task, last


# --- instruments named by a fixed phrase ------------------------------------------------------------------------

def _named_data():
    import json
    path = Path(__file__).resolve().parent.parent / "kg" / "data" / "named_instruments.json"
    return json.loads(path.read_text("utf-8"))["instruments"]


@pytest.mark.parametrize("doc_type, example", [(e["doc_type"], x) for e in _named_data() for x in e["examples"]])
def test_every_named_instrument_example_is_read_as_that_type(doc_type, example):
    found = find_references(prepare_text(example))
    assert found and {r.doc_type for r in found} == {doc_type} and all(r.title for r in found)


def test_free_trade_agreements_named_by_their_parties_are_treaties_and_a_shared_head_names_two():
    # "khai thác tốt lợi thế về thuế khi Hiệp định Thương mại tự do Việt Nam - EU, Việt Nam với Anh có hiệu lực"
    text = passage(EXPORT, "lợi thế\nvề thuế khi Hiệp định", "có hiệu\nlực")
    found = [(r.doc_type, r.title) for r in find_references(prepare_text(text))]
    assert found == [("Điều ước quốc tế", "Hiệp định Thương mại tự do Việt Nam - EU"),
                     ("Điều ước quốc tế", "Hiệp định Thương mại tự do Việt Nam với Anh")]
    # a protocol named by a place is not read by name
    assert find_references(prepare_text("Nghị định thư Kyoto có hiệu lực")) == []


BIDDING = CORPUS / "congbao" / "uu_dai_dt" / "thong-tu-so-12-2022-tt-bkhdt-37525.txt"


def test_a_treaty_named_in_full_and_by_its_acronym_is_one_treaty():
    # "... Hiệp định Đối tác Toàn diện và Tiến bộ xuyên Thái Bình Dương (sau đây gọi là Hiệp định CPTPP), Hiệp định
    # Thương mại tự do giữa Cộng hòa xã hội chủ nghĩa Việt Nam và Liên minh Châu Âu (sau đây gọi là Hiệp định EVFTA),
    # Hiệp định Thương mại tự do giữa Việt Nam và Liên hiệp Vương quốc Anh và Bắc Ai-len (sau đây gọi là Hiệp định
    # UKVFTA)"
    text = passage(BIDDING, "Hiệp định Đối tác Toàn diện và Tiến bộ \nxuyên", "gọi là Hiệp định UKVFTA)")
    found = [(r.doc_type, r.title) for r in find_references(prepare_text(text))]
    cptpp = "Hiệp định Đối tác Toàn diện và Tiến bộ xuyên Thái Bình Dương"
    evfta = "Hiệp định Thương mại tự do giữa Cộng hòa xã hội chủ nghĩa Việt Nam và Liên minh châu Âu"
    ukvfta = "Hiệp định Thương mại tự do giữa Cộng hòa xã hội chủ nghĩa Việt Nam và Liên hiệp Vương quốc Anh và Bắc Ai-len"
    assert found == [("Điều ước quốc tế", t) for t in (cptpp, cptpp, evfta, evfta, ukvfta, ukvfta)]
    # "... theo quy định của Công ước MLC 2006 hoặc pháp luật của quốc gia mà tàu biển mang cờ quốc tịch"
    seafarers = CORPUS / "congbao" / "hdld" / "thong-tu-so-02-2024-tt-bldtbxh-41394.txt"
    found = find_references(prepare_text(passage(seafarers, "Công ước MLC", "2006")))
    assert [(r.doc_type, r.title) for r in found] == [("Điều ước quốc tế", "Công ước MLC 2006")]
    # a figure glued to an acronym is a footnote's: "ghi tên các nước đã ký kết Hiệp định CPTPP1:"
    assert [r.title for r in find_references(prepare_text("các nước đã ký kết Hiệp định CPTPP1: ____"))] == [cptpp]


def _changes(path: Path) -> dict[int, tuple[str, str]]:
    from kg.extract import extract_file
    result = extract_file(path)
    label = {c.instrument.iri: c.instrument.number or c.instrument.title for c in result.citations}
    return {r.start: (r.predicate, label.get(r.object)) for r in result.relations
            if r.subject == result.document.instrument.iri}


def test_what_expires_is_the_instrument_a_description_follows_not_one_it_names_that_the_document_cannot_change():
    # "Thông tư số 09/2020/TT-BKHĐT ngày 27 tháng 11 năm 2020 ... quy định chi tiết lập hồ sơ mời thầu ... thuộc phạm
    # vi điều chỉnh của Hiệp định CPTPP hết hiệu lực thi hành": the circular expires, a circular ends no treaty
    stated = set(_changes(BIDDING).values())
    assert ("repeals", "09/2020/TT-BKHĐT") in stated
    assert not {s for s in stated if s[0] in ("repeals", "amends", "replaces") and s[1].startswith("Hiệp định")}
    # "các Điều 7, 8, 9, 10 và 13 của Thông tư số 06/2020/TT-BKHĐT ... hướng dẫn thực hiện Nghị định số
    # 25/2020/NĐ-CP ... Luật Đấu thầu về lựa chọn nhà đầu tư hết hiệu lực thi hành"
    investors = CORPUS / "congbao" / "uu_dai_dt" / "thong-tu-so-10-2022-tt-bkhdt-37566.txt"
    assert ("repeals", "06/2020/TT-BKHĐT") in set(_changes(investors).values())
    # but a clause of time names what it waits for: "... Nghị định số 30/2016/NĐ-CP đến khi Luật Việc làm số
    # 38/2013/QH13 ... hết hiệu lực thi hành" repeals nothing; Điều 24 does ("2. Nghị định số 30/2016/NĐ-CP ...
    # hết hiệu lực thi hành kể từ ngày Nghị định này có hiệu lực thi hành")
    funds = CORPUS / "congbao" / "bhxh" / "nghi-dinh-so-212-2025-nd-cp-45740.txt"
    text = funds.read_text(encoding="utf-8")
    waiting = text.index("Nghị định số 30/2016/NĐ-CP đến khi Luật Việc làm")
    assert _changes(funds).get(waiting) != ("repeals", "30/2016/NĐ-CP")


# --- identity: one instrument however its number is printed ----------------------------------------------------

CONSOLIDATED = CORPUS / "congbao" / "hd_khoan" / "van-ban-hop-nhat-so-1798-vbhn-bldtbxh-39344.txt"


def test_a_number_printed_with_leading_zeros_is_the_same_instrument():
    # "3. Nghị định số 04/2023/NĐ-CP ngày 13 tháng 02 năm 2023 của Chính phủ ..." and, in the notes,
    # "6 Mẫu này được thay thế theo quy định tại khoản 7 Điều 1 Nghị định số 4/2023/NĐ-CP": one decree
    text = CONSOLIDATED.read_text(encoding="utf-8")
    assert "Nghị định số 04/2023/NĐ-CP" in text and "Nghị định số 4/2023/NĐ-CP" in text
    from kg.extract import extract_file
    result = extract_file(CONSOLIDATED)
    decree = [c for c in result.citations if c.reference.number in ("04/2023/NĐ-CP", "4/2023/NĐ-CP")]
    assert len({c.instrument.iri for c in decree}) == 1
    assert decree[0].instrument.iri.endswith("/nghi-dinh/4-2023-nd-cp/2023")
    # each mention keeps its number as printed
    printed = {r["number"] for r in result.to_dict()["references"] if r["iri"] == decree[0].instrument.iri}
    assert printed == {"04/2023/NĐ-CP", "4/2023/NĐ-CP"}
    # "Số 04/2023/NĐ-CP ngày 13/02/2023" in a table, "Nghị định số 4/2023/NĐ-CP ngày 13/02/2023" in another
    table = CORPUS / "congbao" / "cong_doan" / "quyet-dinh-so-225-qd-bldtbxh-41601.txt"
    cited = {i.iri for i, _ in extract_file(table).instruments() if i.number in ("04/2023/NĐ-CP", "4/2023/NĐ-CP")}
    assert len(cited) == 1


def test_leading_zeros_do_not_join_numbers_that_differ_otherwise():
    result = extract_text("Căn cứ Thông tư số 04/2023/TT-BTC; Thông tư số 40/2023/TT-BTC; Thông tư số 4/2022/TT-BTC;")
    assert len({c.instrument.iri for c in result.citations}) == 3


def test_a_short_name_the_text_gives_an_instrument_named_by_words_is_that_instrument():
    # "... thực hiện Hiệp định Đối tác kinh tế toàn diện giữa Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam và
    # Chính phủ Các Tiểu vương quốc Ả-rập Thống nhất (sau đây gọi tắt là Hiệp định CEPA)"
    from kg.extract import extract_file
    decree = CORPUS / "congbao" / "hd_kinh_te" / "nghi-dinh-so-143-2026-nd-cp-469481.txt"
    result = extract_file(decree)
    treaties = {c.instrument.title for c in result.citations if c.instrument.doc_type == "Điều ước quốc tế"}
    assert treaties == {"Hiệp định Đối tác kinh tế toàn diện giữa Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam "
                        "và Chính phủ Các Tiểu vương quốc Ả-rập Thống nhất"}
    assert any(" ".join(c.reference.text.split()) == "Hiệp định CEPA" for c in result.citations)
    # a number before the parenthesis: the short name may be of a longer phrase, not of the numbered law
    text = ("Căn cứ Luật Sở hữu trí tuệ số 50/2005/QH11 được sửa đổi, bổ sung bởi Luật số 131/2025/QH15 (sau đây "
            "gọi là Luật Sở hữu trí tuệ);")
    assert {c.instrument.number for c in extract_text(text).citations} == {"50/2005/QH11", "131/2025/QH15"}
