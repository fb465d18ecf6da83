"""Properties of kg/data/registry.csv and kg/data/amendments.csv, as committed."""

import csv
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kg/data"
BUILD = ROOT / "tools/build_registry.py"

NAMED_TYPES = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh")
# 25/2018/QH14, 05/2023/TTLT-BTC-BLĐTBXH, 75/2000/TTLT/BTC-GDĐT, 844/QĐ-TTg, 19/VBHN-VPQH, 102-SL/L-004
NUMBER = re.compile(
    r"\d+-SL(?:/L-\d+)?"
    r"|\d+[a-z]?(?:/(?:19|20)\d{2})?(?:/[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*)+"
)


def read(name):
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def registry():
    return read("registry.csv")


@pytest.mark.parametrize(
    "doc_type, number, title, year, date",
    [
        ("Luật", "104/2016/QH13", "Luật Tiếp cận thông tin", "2016", "2016-04-06"),
        ("Luật", "42/2013/QH13", "Luật Tiếp công dân", "2013", "2013-11-25"),
        ("Luật", "02/2011/QH13", "Luật Khiếu nại", "2011", "2011-11-11"),
        ("Luật", "25/2018/QH14", "Luật Tố cáo", "2018", "2018-06-12"),
        ("Luật", "03/2011/QH13", "Luật Tố cáo", "2011", "2011-11-11"),
        ("Luật", "46/2014/QH13", "Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế", "2014", "2014-06-13"),
        ("Luật", "25/2008/QH12", "Luật Bảo hiểm y tế", "2008", "2008-11-14"),
        ("Luật", "23/2008/QH12", "Luật Giao thông đường bộ", "2008", ""),
        ("Luật", "69/2020/QH14", "Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng", "2020", "2020-11-13"),
        ("Bộ luật", "45/2019/QH14", "Bộ luật Lao động", "2019", "2019-11-20"),
        # "Luật số 35/2018/QH14 sửa đổi, bổ sung ... 37 luật có liên quan đến quy hoạch, có hiệu lực kể từ ngày ..."
        ("Luật", "35/2018/QH14", "Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch", "2018", ""),
        ("Luật", "32/2013/QH13", "Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập doanh nghiệp", "2013", ""),
        ("Luật", "136/2025/QH15", "Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo", "2025", ""),
    ],
)
def test_known_instruments(registry, doc_type, number, title, year, date):
    rows = [row for row in registry if (row["doc_type"], row["number"]) == (doc_type, number)]
    assert len(rows) == 1, (doc_type, number)
    assert (rows[0]["title"], rows[0]["year"], rows[0]["date"]) == (title, year, date)


def test_both_laws_on_denunciation(registry):
    numbers = sorted(row["number"] for row in registry if row["title"] == "Luật Tố cáo")
    assert numbers == ["03/2011/QH13", "25/2018/QH14"]


def test_constitution_has_no_number(registry):
    rows = [row for row in registry if row["doc_type"] == "Hiến pháp"]
    assert [(row["number"], row["title"], row["date"]) for row in rows] == [
        ("", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "2013-11-28")
    ]


def test_columns():
    with (DATA / "registry.csv").open(encoding="utf-8") as handle:
        assert handle.readline().rstrip("\n") == "doc_type,number,title,date,year,issuer,in_force,source"
    with (DATA / "amendments.csv").open(encoding="utf-8") as handle:
        assert handle.readline().rstrip("\n") == (
            "amending_doc_type,amending_number,relation,amended_doc_type,amended_number,source"
        )


def test_numbers_are_strict(registry):
    bad = [row["number"] for row in registry if row["number"] and not NUMBER.fullmatch(row["number"])]
    assert bad == []


def _registered() -> set[str]:
    # tools/build_registry.py reads its kinds from kg/data/document_types.json ("registered"), as kg reads texts
    from kg.vocab import document_types
    return {kind["name"] for kind in document_types()["types"] if kind.get("registered")}


def test_doc_types_are_the_kinds_kg_registers(registry):
    assert {row["doc_type"] for row in registry} == _registered()


def test_every_row_has_number_or_title(registry):
    assert [row for row in registry if not row["number"] and not row["title"]] == []


def test_no_duplicate_instrument(registry):
    # A number with no year part (11/NQ-CP) is reused from year to year; the year tells those apart.
    keys = [
        (row["doc_type"], row["number"], "" if re.search(r"/\d{4}/", row["number"]) else row["year"])
        for row in registry if row["number"]
    ]
    assert len(keys) == len(set(keys))
    with_year = [(row["doc_type"], row["number"]) for row in registry if re.search(r"/\d{4}/", row["number"])]
    assert len(with_year) == len(set(with_year))


def test_named_titles_start_with_type_word(registry):
    bad = [
        (row["doc_type"], row["title"]) for row in registry
        if row["doc_type"] in NAMED_TYPES and row["title"]
        and not re.match(re.escape(row["doc_type"]) + r" \S", row["title"])
    ]
    assert bad == []


def test_named_titles_not_shouting(registry):
    # "Luật BẢO HIỂM XÃ HỘI" must come out as "Luật Bảo hiểm xã hội".
    bad = [row["title"] for row in registry if row["doc_type"] in NAMED_TYPES and re.search(r"[A-ZĐ]{2,}", row["title"])]
    assert bad == []


def test_subject_titles_have_no_type_word(registry):
    bad = [
        row["title"] for row in registry
        if row["doc_type"] not in NAMED_TYPES + ("Văn bản hợp nhất",) and row["title"].startswith(row["doc_type"] + " ")
    ]
    assert bad == []


def test_year_agrees_with_number_and_date(registry):
    for row in registry:
        match = re.match(r"\d+[a-z]?/(\d{4})/", row["number"])
        if match:
            assert row["year"] == match.group(1), row
        elif row["date"]:
            assert row["year"] == row["date"][:4], row
        if row["date"]:
            assert re.fullmatch(r"(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])", row["date"]), row


def test_text_is_clean_nfc(registry):
    for row in registry:
        for value in row.values():
            assert value == unicodedata.normalize("NFC", value)
            assert "\u00d0" not in value, row  # the look-alike Ð, not Đ
            assert value == value.strip() and "  " not in value, row
            assert "CÔNG BÁO" not in value, row


def test_sources_are_named(registry):
    for row in registry:
        kind, _, where = row["source"].partition(":")
        assert kind in {"curated", "phapdien", "corpus"} and where, row
        if kind == "corpus":
            assert (ROOT / where).is_file(), row
        if kind == "phapdien":
            assert where.isdigit(), row


def test_issuer_is_a_body_not_a_minister(registry):
    assert [row["issuer"] for row in registry if row["issuer"].startswith("Bộ trưởng")] == []


def test_amendments():
    rows = read("amendments.csv")
    assert {row["relation"] for row in rows} <= {"amends", "repeals", "replaces"}
    facts = {(row["amending_number"], row["relation"], row["amended_number"]) for row in rows}
    assert ("72/2014/QH13", "amends", "16/1999/QH10") in facts
    assert ("42/2013/QH13", "repeals", "02/2011/QH13") in facts
    for row in rows:
        assert NUMBER.fullmatch(row["amending_number"]) and NUMBER.fullmatch(row["amended_number"]), row
        assert {row["amending_doc_type"], row["amended_doc_type"]} <= _registered(), row


@pytest.mark.slow  # rebuilds the registry from the corpus
def test_build_reproduces_committed_files(tmp_path):
    subprocess.run([sys.executable, str(BUILD), "--out", str(tmp_path)], check=True, cwd=ROOT)
    for name in ("registry.csv", "amendments.csv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
