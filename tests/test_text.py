"""Decoding and normalisation: every encoding a legal text arrives in, and what is not text."""
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import InputError
from kg.extract import extract_file, extract_text
from kg.text import prepare_text, read_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SENTENCE = "Triển khai thực hiện Chỉ thị số 33/CT-TTg ngày 26 tháng 11 năm 2021 của Thủ tướng Chính phủ."


def _windows_1258(text: str) -> bytes:
    """Encode as Windows-1258 does: â, ê, ơ, ư... precomposed, tone marks as combining characters."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        for mark in marks:  # fold the vowel's own mark (circumflex, breve, horn) into the letter
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1 and composed.encode("cp1258", errors="ignore"):
                base = composed
                marks.remove(mark)
                break
        out.append((base + "".join(marks)).encode("cp1258"))
    return b"".join(out)


@pytest.mark.parametrize("encode", [
    lambda s: s.encode("utf-8"),
    lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
    lambda s: s.encode("utf-16"),
    lambda s: s.encode("utf-16-le"),
    lambda s: s.encode("utf-16-be"),
    lambda s: _windows_1258(s),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "utf16be-nobom", "windows-1258"])
def test_every_encoding_reads_to_the_same_instrument(tmp_path, encode):
    path = tmp_path / "plan.txt"
    path.write_bytes(encode(SENTENCE))
    result = extract_file(path)
    [(instrument, mentions)] = result.instruments()
    assert (instrument.number, instrument.date, instrument.issuer) == ("33/CT-TTg", "2021-11-26", "Thủ tướng Chính phủ")
    original = read_text(path).original
    reference = result.citations[0].reference
    assert original[reference.start:reference.end] == reference.text


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (b"\x01\x02\x03\xff\xfe\x80\x81 binary", "binary control bytes"),
])
def test_what_is_not_text_is_an_error_naming_the_file(tmp_path, content, reason):
    path = tmp_path / "scan.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        read_text(path)
    assert str(path) in str(raised.value) and reason in str(raised.value)


def test_a_directory_with_bad_files_reports_them_and_reads_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "scan.txt").write_bytes(b"%PDF-1.4 rest")
    (tmp_path / "sub" / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    assert "scan.txt: not a text file: it is a PDF file" in result.stderr
    assert "empty.txt: empty file" in result.stderr
    assert result.stdout.count('"33/CT-TTg"') >= 1


def test_nfd_text_offsets_slice_the_text_as_read():
    text = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Kon Tum ban hành. " + SENTENCE)
    assert len(text) > len(unicodedata.normalize("NFC", text))
    [citation] = extract_text(text).citations
    reference = citation.reference
    assert text[reference.start:reference.end] == reference.text
    assert unicodedata.normalize("NFC", reference.text).startswith("Chỉ thị số 33/CT-TTg")
    assert citation.instrument.number == "33/CT-TTg"


def test_lookalike_eth_zero_width_and_stray_spaces():
    text = "thực hiện Quyết định số 324- QÐ/TU của Tỉnh\u200b ủy và Chỉ thị số 49-CT /TW"
    numbers = [c.instrument.number for c in extract_text(text).citations]
    assert numbers == ["324-QĐ/TU", "49-CT/TW"]


def test_gazette_page_furniture_is_blanked_in_place():
    path = CORPUS / "congbao" / "bhxh" / "nghi-dinh-so-158-2025-nd-cp-45240.txt"
    source = read_text(path)
    assert len(source.normalized) == len(source.original)
    assert "CÔNG BÁO/Số" in source.original and "CÔNG BÁO/Số" not in source.normalized
    assert "Thời gian ký" not in source.normalized
    assert source.normalized.count("\n") == source.original.count("\n")


def test_a_reference_broken_by_a_page_header():
    text = ("Căn cứ Nghị định số \n \n4 \nCÔNG BÁO/Số 851 + 852/Ngày 01-7-2025 \n  \n"
            "46/2026/NĐ-CP ngày 06 tháng 4 năm 2026 của Chính phủ;")
    [citation] = extract_text(text).citations
    assert citation.instrument.number == "46/2026/NĐ-CP"
    assert citation.instrument.date == "2026-04-06"
    assert "CÔNG BÁO" in citation.reference.text  # offsets still point into the text as read


def test_malformed_numbers_and_impossible_dates_keep_the_reference_with_a_warning():
    result = extract_text("Theo Nghị định số /2020/NĐ-CP ngày 30 tháng 2 năm 2021 của Chính phủ.")
    [citation] = result.citations
    assert citation.instrument.number is None and citation.instrument.date is None
    assert citation.instrument.label().startswith("Nghị định số /2020/NĐ-CP")  # its words, never a bare IRI
    assert any("malformed number" in w for w in citation.reference.warnings)
    assert any("impossible date 30/02/2021" in w for w in result.warnings)
    [citation] = extract_text("Quyết định số 99999999999/QĐ").citations
    assert citation.instrument.number is None


def test_a_ten_megabyte_line_is_read_whole():
    line = ("xin chào " * 600_000) + SENTENCE + (" tiếp" * 400_000)
    assert "\n" not in line and len(line) > 7_000_000
    result = extract_text(line)
    assert [i.number for i, _ in result.instruments()] == ["33/CT-TTg"]


def test_prepare_keeps_length_for_nfc_text():
    source = prepare_text(SENTENCE.replace(" ", "\u00a0"))
    assert source.offsets is None and len(source.normalized) == len(SENTENCE)


def test_mojibake_is_repaired(tmp_path):
    mangled = SENTENCE.encode("utf-8").decode("cp1252", errors="replace")
    assert "Ä‘" in mangled or "á»" in mangled
    path = tmp_path / "pasted.txt"
    path.write_text(mangled, encoding="utf-8")
    assert read_text(path).original == SENTENCE
    [(instrument, _)] = extract_file(path).instruments()
    assert instrument.number == "33/CT-TTg" and instrument.issuer == "Thủ tướng Chính phủ"


def test_text_that_merely_quotes_latin_letters_is_left_alone():
    # the repair needs several marks of mojibake, not one "Ã"
    from kg.readers import decode_bytes
    assert decode_bytes("Café Ã la carte — Nghị định".encode("utf-8")) == "Café Ã la carte — Nghị định"


@pytest.mark.slow  # a 50 MB file
def test_a_fifty_megabyte_file(tmp_path):
    plan = (CORPUS / "322-KH-UBND-2023-kon-tum.txt").read_text(encoding="utf-8")
    body = plan.split("I. MỤC ĐÍCH", 1)[1]
    path = tmp_path / "big.txt"
    with path.open("w", encoding="utf-8") as out:
        out.write(plan)
        while out.tell() < 50_000_000:
            out.write(body)
    result = extract_file(path)
    assert path.stat().st_size >= 50_000_000
    counts = dict((i.number, n) for i, n in result.instruments())
    assert counts["33/CT-TTg"] > 1000 and counts["15/2019/QĐ-UBND"] > 1000


def test_the_offset_map_of_a_decomposed_text_reads_as_its_offsets_written_out():
    import bisect
    text = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh ban hành. " + SENTENCE) + " a\u0301\u0301 ạ\u0302"
    source = prepare_text(text)
    offsets = list(source.offsets)
    assert len(offsets) == len(source.normalized) + 1 and offsets[-1] == len(text)
    assert offsets == [source.offsets[i] for i in range(len(offsets))] == [source.to_original(i) for i in range(len(offsets))]
    assert all(text[offsets[i]] == char for i, char in enumerate(source.normalized) if char.isascii())
    assert all(source.to_normalized(p) == bisect.bisect_left(offsets, p) for p in range(len(text) + 2))


def test_a_text_without_any_character_that_may_break_nfc_is_nfc():
    # prepare_text skips the NFC check on such a text; the characters it looks for are read from
    # unicodedata below a bound, so check them against all of Unicode: every combining mark,
    # every character NFC replaces, every later part of a canonical decomposition.
    from kg.text import _LOOKALIKES, _NFC_BOUND, _may_break_nfc
    every = set()
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.combining(char) or not unicodedata.is_normalized("NFC", char):
            every.add(char)
        every.update(unicodedata.normalize("NFD", char)[1:])
    assert {c for c in every if ord(c) < _NFC_BOUND} <= _may_break_nfc()
    assert not every & _LOOKALIKES.keys()  # a lookalike is replaced, never composed


def test_lookalikes_replaced_one_after_another_read_as_replaced_at_once():
    # kg.text replaces each lookalike a text holds by its own str.replace: that is one pass over
    # the text only while no replacement is itself a lookalike (a later pass would change it again)
    from kg.text import _LOOKALIKES
    assert not set(_LOOKALIKES.values()) & _LOOKALIKES.keys()
    text = "Quyết định số 324–QÐ/TU\u00a0ngày\t01/02/2023 *của* Tỉnh\u200bủy"
    assert prepare_text(text).normalized == "Quyết định số 324-QĐ/TU ngày 01/02/2023  của  Tỉnh ủy"
