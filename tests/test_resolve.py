"""resolve, read directly: a mention completed from the other mentions of its number, from the codes
in the number and from the citing document's locality, on sentences of the founding plan (322/KH-UBND)."""
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
