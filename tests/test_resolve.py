"""resolve, read directly: a mention completed from the other mentions of its number, from the codes
in the number and from the citing document's locality, on sentences of the founding plan (322/KH-UBND)."""
import pytest

from kg.find import find_references
from kg.identify import identify_document
from kg.issuers import complete_issuer, issuer_from_codes, locality_of, number_codes
from kg.resolve import default_registry, mint_instrument, resolve_references
from kg.text import prepare_text, read_text

FOUNDING = "corpus/322-KH-UBND-2023-kon-tum.txt"


def _resolved(passage: str):
    """The passage's citations, resolved as the founding plan (a Kon Tum plan) cites them."""
    document = identify_document(read_text(FOUNDING))
    source = prepare_text(passage)
    return resolve_references(find_references(source), document, default_registry())


def test_a_short_form_inherits_date_and_issuer_of_the_full_citation():
    # 322/KH-UBND, line 29 then line 43
    citations = _resolved(
        "Triển khai thực hiện Chỉ thị số 33/CT-TTg ngày 26 tháng 11 năm 2021 của Thủ tướng Chính phủ về tiếp "
        "tục tăng cường và đổi mới công tác dân vận. - Các cơ quan hành chính nhà nước có trách nhiệm tổ "
        "chức thực hiện Chỉ thị số 33/CT-TTg và Kế hoạch này")
    assert [(c.instrument.number, c.instrument.date, c.instrument.issuer) for c in citations] == [
        ("33/CT-TTg", "2021-11-26", "Thủ tướng Chính phủ")] * 2
    assert citations[0].instrument.iri == citations[1].instrument.iri


def test_a_provincial_body_named_without_its_place_is_the_citing_province():
    # 322/KH-UBND, line 45: "Ủy ban nhân dân tỉnh" in a Kon Tum plan is Kon Tum's
    [citation] = _resolved("theo Quyết định số 454/QĐ-UBND ngày 04 tháng 5 năm 2018 của Ủy ban nhân dân tỉnh")
    assert citation.instrument.issuer == "Ủy ban nhân dân tỉnh Kon Tum"
    assert citation.instrument.date == "2018-05-04"
    assert citation.instrument.iri.endswith("/tinh-kon-tum")


def test_the_issuer_comes_from_the_codes_of_the_number_where_no_body_is_written():
    # 322/KH-UBND, line 49: "Quyết định số 324- QĐ/TU của Tỉnh ủy" and line 59: "Quyết định số 1847/QĐ-TTg"
    citations = _resolved("triển khai Quyết định số 324- QĐ/TU; theo Quyết định số 1847/QĐ-TTg")
    assert [(c.instrument.number, c.instrument.issuer) for c in citations] == [
        ("324-QĐ/TU", "Tỉnh ủy Kon Tum"), ("1847/QĐ-TTg", "Thủ tướng Chính phủ")]


def test_issuer_helpers_on_the_founding_plans_numbers():
    assert number_codes("15/2019/QĐ-UBND") == ("QĐ", ["UBND"])
    assert issuer_from_codes(["TTg"], None) == "Thủ tướng Chính phủ"
    assert complete_issuer("Ủy ban nhân dân tỉnh", "tỉnh Kon Tum") == "Ủy ban nhân dân tỉnh Kon Tum"
    assert locality_of("Ủy ban nhân dân tỉnh Kon Tum") == "tỉnh Kon Tum"
    assert locality_of("Thủ tướng Chính phủ") is None


def test_a_local_number_minted_without_its_place_says_so():
    # a provincial decision whose province is not known is not merged with another province's 454/QĐ-UBND
    kon_tum = mint_instrument("Quyết định", "454/QĐ-UBND", None, "2018-05-04", 2018, "Ủy ban nhân dân tỉnh Kon Tum")
    unplaced = mint_instrument("Quyết định", "454/QĐ-UBND", None, "2018-05-04", 2018, None)
    assert kon_tum.iri != unplaced.iri
    assert kon_tum.iri.endswith("/tinh-kon-tum")


def _laws_at(path: str, title_word: str):
    """Each mention of a law named by title alone containing ``title_word``: its start and resolved number,
    and the relations between cited instruments the file states, by number."""
    from kg.extract import extract_file

    result = extract_file(path)
    mentions = [(c.reference.start, c.instrument.number) for c in result.citations
                if c.reference.number is None and c.reference.title and title_word in c.reference.title]
    label = {c.instrument.iri: c.instrument.number for c in result.citations}
    between = {(label.get(r.subject), r.predicate, label.get(r.object)) for r in result.relations}
    return mentions, between


def test_a_law_in_an_older_instruments_description_is_not_the_later_law_the_document_numbers():
    # thong-tu-so-21-2021-tt-bldtbxh, Điều 27: "Thông tư số 21/2007/TT-BLĐTBXH ngày 08 tháng 10 năm 2007 ...
    # hướng dẫn chi tiết một số điều của Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng và
    # Nghị định số 126/2007/NĐ-CP": the 2006 law, though the circular is based on 69/2020/QH14 of that title
    mentions, between = _laws_at("corpus/congbao/hdld/thong-tu-so-21-2021-tt-bldtbxh-36486.txt", "đi làm việc")
    assert {number for start, number in mentions if 24000 < start < 24400} == {"72/2006/QH11"}
    assert "69/2020/QH14" in {number for _, number in mentions}
    assert ("21/2007/TT-BLĐTBXH", "guides", "72/2006/QH11") in between


def test_a_law_in_a_description_stays_the_documents_numbered_law_where_the_calendar_allows_it():
    # thong-tu-so-10-2024-tt-bkhdt (dev gold): "Căn cứ Luật Đấu thầu ngày 26 tháng 11 năm 2013", then
    # "Nghị định số 23/2024/NĐ-CP ngày 27/02/2024 ... thi hành Luật Đấu thầu": one law by one title, as settled
    mentions, _ = _laws_at("corpus/congbao/uu_dai_dt/thong-tu-so-10-2024-tt-bkhdt-42068.txt", "Đấu thầu")
    assert {number for _, number in mentions} == {"43/2013/QH13"}


@pytest.mark.parametrize("passage, number, issuer", [
    # plans/1627-qd-ubnd-tinh-quang-ngai-2025: a province's department, named as the text gives it (gold)
    ("*Theo\nđề nghị của Sở Tài chính tại Công văn số 3679/STC-QLGCS ngày 05 tháng 11 năm\n2025.*",
     "3679/STC-QLGCS", "Sở Tài chính"),
    # plans/2954-qd-ubnd-tinh-son-la-2025
    ("Theo đề nghị của Sở Công Thương tại Tờ trình số 298/TTr-SCT", "298/TTr-SCT", "Sở Công Thương"),
    # congbao nghi-quyet-so-126-nq-cp: a role before the body, the body's place written
    ("của     \nChủ tịch Ủy ban nhân dân thành phố Hà Nội tại Tờ trình số 82/TTr-UBND \nngày 31 tháng 3 năm 2026. ",
     "82/TTr-UBND", "Ủy ban nhân dân thành phố Hà Nội"),
    # plans/182-kh-ubnd-tinh-dong-nai-2025
    ("Bám sát quan\nđiểm chỉ đạo của Bộ Chính trị tại Kết luận số 132- KL/TW; Nghị quyết 93/NQ-CP",
     "132-KL/TW", "Bộ Chính trị"),
])
def test_the_issuer_written_before_a_reference_is_its_issuer(passage, number, issuer):
    from kg.extract import extract_text

    result = extract_text(passage)
    assert {c.instrument.number: c.instrument.issuer for c in result.citations}[number] == issuer


def test_a_joint_instrument_is_issued_by_every_body_its_number_names():
    # congbao thong-tu-so-15-2024-tt-bldtbxh, items 11 and 13 of its list (gold: every body, in the number's order)
    from kg.extract import extract_text

    result = extract_text(
        "11. Thông tư liên tịch số 28/2010/TTLT-BLĐTBXH-BNV ngày 16/9/2010 của \n"
        "Bộ trưởng Bộ Lao động - Thương binh và Xã hội và Bộ trưởng Bộ Nội vụ hướng \n"
        "dẫn chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức và biên chế của Trung tâm \n"
        "quản lý sau cai nghiện ma tuý. \n"
        "13. Nghị quyết liên tịch số 01/2005/NQLT-BLĐTBXH-BCA-BVHTT-UBTWMTTQVN \n"
        "ngày 17/11/2005 của Bộ Lao động - Thương binh và Xã hội, Bộ Công an, Bộ Văn \n"
        "hóa - Thông tin và Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam về việc quy \n")
    issuers = {c.instrument.number: c.instrument.issuer for c in result.citations}
    assert issuers["28/2010/TTLT-BLĐTBXH-BNV"] == "Bộ Lao động - Thương binh và Xã hội, Bộ Nội vụ"
    assert issuers["01/2005/NQLT-BLĐTBXH-BCA-BVHTT-UBTWMTTQVN"] == (
        "Bộ Lao động - Thương binh và Xã hội, Bộ Công an, Bộ Văn hóa - Thông tin, "
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam")


def test_a_code_borne_by_an_earlier_body_keeps_the_body_the_text_names():
    # congbao nghi-dinh-so-162-2026-nd-cp: CP meant the Hội đồng Chính phủ in 1975-1979, HĐBT the Hội đồng Bộ trưởng
    from kg.extract import extract_text

    result = extract_text(
        "d) Cán bộ xã, phường, thị trấn đang hưởng trợ cấp hằng tháng theo Quyết \n"
        "định số 130-CP ngày 20 tháng 6 năm 1975 của Hội đồng Chính phủ bổ sung \n"
        "chính sách, chế độ đãi ngộ đối với cán bộ xã và Quyết định số 111-HĐBT ngày \n"
        "13 tháng 10 năm 1981 của Hội đồng Bộ trưởng về việc sửa đổi, bổ sung một số \n"
        "Căn cứ Nghị định số 62/2022/NĐ-CP ngày 12 tháng 9 năm 2022;")
    issuers = {c.instrument.number: c.instrument.issuer for c in result.citations}
    assert issuers == {"130-CP": "Hội đồng Chính phủ", "111-HĐBT": "Hội đồng Bộ trưởng", "62/2022/NĐ-CP": "Chính phủ"}


def test_a_constitution_named_without_a_year_is_the_one_in_force():
    # congbao van-ban-hop-nhat-so-22-vbhn-vpqh: the base law (2008) rests on "Hiến pháp ... năm 1992 đã được sửa
    # đổi, bổ sung theo Nghị quyết số 51/2001/QH10"; the footnotes quote the amending laws of 2014-2024, whose
    # "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;" is the Constitution of 2013
    from kg.extract import extract_file

    result = extract_file("corpus/congbao/bhxh/van-ban-hop-nhat-so-22-vbhn-vpqh-44464.txt")
    label = {c.instrument.iri: (c.instrument.number or c.instrument.title, c.instrument.year) for c in result.citations}
    based = {(label[r.subject][0], label[r.object][1]) for r in result.relations
             if r.predicate == "based_on" and r.subject in label and label[r.object][0].startswith("Hiến pháp")}
    assert {("32/2013/QH13", 1992), ("46/2014/QH13", 2013), ("51/2024/QH15", 2013)} <= based
    assert ("46/2014/QH13", 1992) not in based
