"""Forms of the language the held-out texts of session 10 showed (tests/gold/SETTLING.md, session 10), each
with its passage from the text that showed it."""
from __future__ import annotations

from pathlib import Path

from kg.extract import extract_file, extract_text

CONGBAO = Path(__file__).resolve().parent.parent / "corpus" / "congbao"


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
