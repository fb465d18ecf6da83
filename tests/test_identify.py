"""identify, read directly: the citing document's own type, number, date, issuer, place and signer,
from the three ways the corpus writes them (a portal's metadata block, a gazette's header, a
consolidated text's authentication at its foot)."""
import re

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


@pytest.mark.parametrize("path, date, opening_date", [
    # the opening lines date the base law ("Luật Bảo hiểm y tế số 25/2008/QH12 ... có hiệu lực kể từ ngày 01 tháng
    # 7 năm 2009"); the Office of the National Assembly authenticated the text on 16 March 2026
    ("corpus/congbao/bhxh/van-ban-hop-nhat-so-40-vbhn-vpqh-469125.txt", "2026-03-16", "2009-07-01"),
    # "XÁC THỰC VĂN BẢN HỢP NHẤT / Số: 462/VBHN-BLĐTBXH / Hà Nội, ngày 10 tháng 02 năm 2025"
    ("corpus/congbao/bhxh/van-ban-hop-nhat-so-462-vbhn-bldtbxh-44172.txt", "2025-02-10", "2016-12-10"),
    # the issuer's name and number before the words, the place-and-date line after them
    ("corpus/congbao/chinh_sach_dn/van-ban-hop-nhat-so-113-vbhn-vpqh-469596.txt", "2026-05-20", "2026-10-01"),
])
def test_a_consolidated_text_is_dated_by_its_authentication_not_by_what_it_merges(path, date, opening_date):
    text = read_text(path)
    instrument = identify_document(text).instrument
    assert (instrument.doc_type, instrument.date, instrument.year) == ("Văn bản hợp nhất", date, int(date[:4]))
    assert instrument.iri.endswith(f"/{date[:4]}")
    # the date it used to be given: the base instrument's first day in force, in its opening lines
    assert "có hiệu lực" in text.normalized[:3000] and _iso_in(text.normalized[:3000], opening_date)


def _iso_in(text: str, iso: str) -> bool:
    year, month, day = (int(part) for part in iso.split("-"))
    return re.search(rf"ngày\s+0?{day}\s+tháng\s+0?{month}\s+năm\s+{year}", text) is not None


def test_a_consolidated_window_cut_before_its_authentication_has_no_date():
    # a gazette window of 19/VBHN-VPQH ending "(Xem tiếp Công báo số 331 + 332)": its own date is not in it
    instrument = identify_document(read_text("corpus/congbao/bhxh/van-ban-hop-nhat-so-19-vbhn-vpqh-30971.txt")).instrument
    assert (instrument.number, instrument.date, instrument.year) == ("19/VBHN-VPQH", None, None)


@pytest.mark.parametrize("path, date", [
    # "Sửa đổi, bổ sung một số điều của Thông tư số 21/2021/TT-BLĐTBXH ngày 15 tháng 12 năm 2021" (a title line,
    # a comma earlier on it) stands above the place-and-date line "Hà Nội, ngày 15 tháng 05 năm 2026"
    ("corpus/congbao/hdld/thong-tu-so-09-2026-tt-bnv-469696.txt", "2026-05-15"),
    ("corpus/congbao/chinh_sach_dn/thong-tu-so-32-2026-tt-bkhcn-469766.txt", "2026-06-11"),
    # no place-and-date line: "... khóa XV, phiên họp thứ 45 thông qua ngày 17 tháng 5 năm 2025", not the
    # "ngày 01 tháng 7 năm 2025" opening a line of running text
    ("corpus/congbao/bhxh/nghi-quyet-so-78-2025-ubtvqh15-45003.txt", "2025-05-17"),
    ("corpus/congbao/bhxh/luat-so-51-2024-qh15-43559.txt", "2024-11-27"),
    # a gazette continuation of an appendix: its heading "Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018"
    ("corpus/congbao/bhxh/thong-tu-so-102-2018-tt-btc-28383.txt", "2018-11-14"),
])
def test_the_own_date_is_the_place_and_date_line_or_the_adoption_not_a_date_in_running_text(path, date):
    assert identify_document(read_text(path)).instrument.date == date


def test_a_date_line_left_blank_for_the_signature_gives_its_year_only():
    # QĐ 372/QĐ-BTC as the gazette printed it: "Hà Nội, ngày       tháng      năm 2026"
    instrument = identify_document(read_text("corpus/congbao/thue_tncn/quyet-dinh-so-372-qd-btc-469041.txt")).instrument
    assert (instrument.date, instrument.year) == (None, 2026)
