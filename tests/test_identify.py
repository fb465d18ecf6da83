"""identify, read directly: the citing document's own type, number, date, issuer, place and signer,
from the three ways the corpus writes them (a portal's metadata block, a gazette's header, a
consolidated text's authentication at its foot)."""
import pytest

from kg.identify import identify_document
from kg.text import prepare_text, read_text


@pytest.mark.parametrize("path, doc_type, number, date, issuer, locality, signer", [
    # a portal page: "Số hiệu 322/KH-UBND", "Ngày ban hành 08/02/2023", the header "ỦY BAN NHÂN DÂN / TỈNH KON TUM"
    ("corpus/322-KH-UBND-2023-kon-tum.txt", "Kế hoạch", "322/KH-UBND", "2023-02-08",
     "Ủy ban nhân dân tỉnh Kon Tum", "tỉnh Kon Tum", "Lê Ngọc Tuấn"),
    # a gazette page: "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Số: 15/2024/TT-BLĐTBXH", "Hà Nội, ngày 31 tháng 12 năm 2024"
    ("corpus/congbao/bhxh/thong-tu-so-15-2024-tt-bldtbxh-43951.txt", "Thông tư", "15/2024/TT-BLĐTBXH",
     "2024-12-31", "Bộ Lao động - Thương binh và Xã hội", None, "Lê Văn Thanh"),
    # a provincial directive: "012/CT-UBND" of Đắk Lắk
    ("corpus/plans/012-ct-ubnd-tinh-dak-lak-2025-541cde0f.txt", "Chỉ thị", "012/CT-UBND", "2025-11-26",
     "Ủy ban nhân dân tỉnh Đắk Lắk", "tỉnh Đắk Lắk", "Trương Công Thái"),
])
def test_identity_of_a_corpus_document(path, doc_type, number, date, issuer, locality, signer):
    document = identify_document(read_text(path))
    instrument = document.instrument
    assert (instrument.doc_type, instrument.number, instrument.date, instrument.issuer) == (doc_type, number, date, issuer)
    assert (document.locality, document.signer) == (locality, signer)
    assert instrument.year == int(date[:4])


def test_a_consolidated_text_is_named_by_its_authentication_not_its_opening_type_line():
    # van-ban-hop-nhat-so-04-vbhn-byt: opens "THÔNG TƯ / Ban hành Danh mục thuốc đông y ...", and states
    # "Số: 04/VBHN-BYT" only at its foot (line 400)
    instrument = identify_document(read_text("corpus/congbao/bhxh/van-ban-hop-nhat-so-04-vbhn-byt-26289.txt")).instrument
    assert (instrument.doc_type, instrument.number, instrument.issuer) == ("Văn bản hợp nhất", "04/VBHN-BYT", "Bộ Y tế")
    assert instrument.title.startswith("Ban hành Danh mục thuốc đông y")


def test_the_header_alone_names_a_plan_and_its_province():
    # the founding plan's own header, without the portal's metadata block above it
    source = prepare_text("ỦY BAN NHÂN DÂN\nTỈNH KON TUM\n-------\n\nSố: 322/KH-UBND\n\nKon Tum, ngày 08 tháng 02 "
                          "năm 2023\n\nKẾ HOẠCH\n\nTIẾP TỤC TĂNG CƯỜNG VÀ ĐỔI MỚI CÔNG TÁC DÂN VẬN\n")
    document = identify_document(source)
    assert (document.instrument.number, document.instrument.date, document.instrument.issuer, document.locality) == (
        "322/KH-UBND", "2023-02-08", "Ủy ban nhân dân tỉnh Kon Tum", "tỉnh Kon Tum")
    assert document.instrument.doc_type == "Kế hoạch"
