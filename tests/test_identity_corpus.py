"""Each corpus document's own identity agrees with its index.json entry or its file name."""
import json
import re
from pathlib import Path

import pytest

from kg.extract import extract_file
from kg.iri import slug

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
INDEX_TYPES = {"VB HN": "Văn bản hợp nhất", "NQ": "Nghị quyết", "QĐ": "Quyết định"}


def _squash(text: str) -> str:
    """Slug without separators or leading zeros: '07/2026/TT-BNV' and 'so-7-2026-tt-bnv' compare equal."""
    return re.sub(r"(?<![0-9])0+(?=\d)", "", slug(text)).replace("-", "")


def _gazette_disagreements():
    entries = json.loads((CORPUS / "congbao" / "index.json").read_text(encoding="utf-8"))
    checked, wrong = 0, []
    for entry in entries:
        path = CORPUS / "congbao" / entry["path"]
        own = extract_file(path).document.instrument
        stem = path.stem
        stated_type = INDEX_TYPES.get(entry.get("loai"), entry.get("loai"))
        type_ok = slug(own.doc_type) == stem.split("-so-")[0] or stated_type == own.doc_type
        number_ok = bool(own.number) and _squash(own.number) in _squash(stem)
        in_name = re.search(r"-so-(\d+)-((?:19|20)\d\d)-", stem)
        year = entry.get("nam")
        if not (isinstance(year, int) and 1945 <= year <= 2100) or (in_name is None and str(year) in stem):
            year = int(in_name.group(2)) if in_name else None  # index 'nam' holds the number for some entries
        year_ok = year is None or own.year == year
        checked += 1
        if not (type_ok and number_ok and year_ok):
            wrong.append((entry["path"], own.doc_type, own.number, own.year))
    return checked, wrong


def _plan_disagreements():
    entries = json.loads((CORPUS / "plans" / "index.json").read_text(encoding="utf-8"))
    checked, wrong = 0, []
    for entry in entries:
        own = extract_file(CORPUS / "plans" / entry["path"]).document.instrument
        checked += 1
        type_ok = entry["doc_type"].startswith(own.doc_type)
        if not (own.number == entry["number"] and own.year == int(entry["date"][-4:]) and type_ok):
            wrong.append((entry["path"], own.doc_type, own.number, own.year))
    return checked, wrong


@pytest.mark.slow  # the whole corpus
def test_gazette_and_plans_identify_themselves():
    checked_g, wrong_g = _gazette_disagreements()
    checked_p, wrong_p = _plan_disagreements()
    checked = checked_g + checked_p
    wrong = wrong_g + wrong_p
    assert checked == 373
    assert len(wrong) / checked <= 0.02, wrong


def test_founding_plan_identity():
    document = extract_file(CORPUS / "322-KH-UBND-2023-kon-tum.txt").document
    own = document.instrument
    assert (own.doc_type, own.number, own.date, own.year) == ("Kế hoạch", "322/KH-UBND", "2023-02-08", 2023)
    assert own.issuer == "Ủy ban nhân dân tỉnh Kon Tum"
    assert document.signer == "Lê Ngọc Tuấn"
    assert own.title == ("Tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước, "
                         "chính quyền các cấp trên địa bàn tỉnh năm 2023")
    assert document.locality == "tỉnh Kon Tum"


@pytest.mark.parametrize("name, expected", [
    ("corpus/plans/0124-kh-ubnd-tinh-dak-lak-2025-556b2fb4.txt", ("Kế hoạch", "0124/KH-UBND", "2025-11-18", "Ủy ban nhân dân tỉnh Đắk Lắk")),
    ("corpus/plans/153-kh-ubnd-can-tho-2025-24c7124e.txt", ("Kế hoạch", "153/KH-UBND", "2025-11-17", "Ủy ban nhân dân thành phố Cần Thơ")),
    # "UỶ BAN NHÂN DÂN": the old tone placement in capitals is the same body
    ("corpus/plans/7360-kh-ubnd-tinh-lai-chau-2025-6a406c1f.txt", ("Kế hoạch", "7360/KH-UBND", "2025-11-19", "Ủy ban nhân dân tỉnh Lai Châu")),
    ("corpus/congbao/bhxh/nghi-dinh-so-158-2025-nd-cp-45240.txt", ("Nghị định", "158/2025/NĐ-CP", "2025-06-25", "Chính phủ")),
    ("corpus/congbao/hdld/nghi-quyet-so-24-2022-ubtvqh15-37692.txt", ("Nghị quyết", "24/2022/UBTVQH15", None, "Ủy ban Thường vụ Quốc hội")),
    ("corpus/congbao/bhxh/van-ban-hop-nhat-so-464-vbhn-bldtbxh-44174.txt", ("Văn bản hợp nhất", "464/VBHN-BLĐTBXH", None, None)),
])
def test_header_identity(name, expected):
    own = extract_file(CORPUS.parent / name).document.instrument
    doc_type, number, date, issuer = expected
    assert (own.doc_type, own.number) == (doc_type, number)
    if date:
        assert own.date == date
    if issuer:
        assert own.issuer == issuer


def test_every_plan_issued_by_a_local_body_names_its_locality():
    # a plan's IRI carries its province: "unknown-locality" there means its header was misread
    plans = sorted((CORPUS / "plans").glob("*-ubnd-*.txt"))
    assert len(plans) == 29
    unplaced = [path.name for path in plans
                if "unknown-locality" in extract_file(path).document.instrument.iri
                or extract_file(path).document.locality is None]
    assert unplaced == []


def test_a_header_that_lost_its_province_line_is_placed_by_its_place_and_date_line():
    # the Lai Châu plan's own header, its "TỈNH LAI CHÂU" line cut: the date line still says where
    from kg.identify import identify_document
    from kg.text import prepare_text

    text = (CORPUS / "plans" / "7360-kh-ubnd-tinh-lai-chau-2025-6a406c1f.txt").read_text(encoding="utf-8")
    assert "TỈNH LAI CHÂU\n" in text[:200]
    document = identify_document(prepare_text(text.replace("TỈNH LAI CHÂU\n", "", 1)))
    assert document.instrument.issuer == "Ủy ban nhân dân tỉnh Lai Châu"
    assert document.instrument.iri.endswith("/7360-kh-ubnd/2025/tinh-lai-chau")
