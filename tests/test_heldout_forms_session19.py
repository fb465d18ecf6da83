"""Forms of the language session 19 read from held-out texts and from session 18's leftovers (tests/gold/SETTLING.md,
session 19), each with its passage from the text that showed it."""
from __future__ import annotations

from forms import CONGBAO, named_relations

from kg.extract import extract_file, extract_text
from kg.pinpoint import pinpoints_before


def _relations(text: str) -> set[tuple[str, str]]:
    return {(predicate, cited) for _, predicate, cited in named_relations(extract_text(text))}


def test_adding_several_parts_or_more_parts_amends_only_before_their_values():
    # session 18's review: "Bổ sung thêm khoản 5", "Bổ sung các khoản 5, 6" are the verb of an amendment as "Bổ sung
    # khoản 5" is (kg/data/relation_cues.json holds both as examples); the same words before a noun are not:
    # "bổ sung các điều kiện bảo đảm an ninh" (a text of the corpus) amends nothing
    assert ("amends", "28/2015/TT-BLĐTBXH") in _relations(
        "Bổ sung các khoản 5, 6 vào Điều 3 Thông tư số 28/2015/TT-BLĐTBXH như sau:")
    assert ("amends", "15/2018/NĐ-CP") not in _relations(
        "Cơ quan bổ sung các điều kiện bảo đảm an ninh theo Nghị định số 15/2018/NĐ-CP.")


def test_a_point_numbered_with_a_dot():
    # 03/2021/TT-BNV, Điều 2 ("Sửa đổi, bổ sung ... tại Thông tư số 04/2005/TT-BNV"): "1. Bổ sung điểm 1.3 khoản 1 Mục I
    # như sau:", "2. Sửa đổi điểm 1.3 khoản 1 Mục III như sau:"; a circular's points numbered under their clause
    # (33/2026/TT-BTC: "theo quy định tại điểm 1.5 khoản 1 Điều 15 Thông tư này"); kg read the clause alone
    extraction = extract_file(CONGBAO / "hdld" / "thong-tu-so-03-2021-tt-bnv-33974.txt")
    changed = {(c.kind, c.provision.section, c.provision.clause, c.provision.point) for c in extraction.changes
               if c.target.endswith("/4-2005-tt-bnv/2005")}
    assert changed == {("supplemented", "I", "1", "1.3"), ("amended", "III", "1", "1.3")}
    # a point's number is its own, never a year's: "điểm 2.2024" names no point
    assert pinpoints_before("tại điểm 2.1 khoản 2 Điều 3 của ", 33)[0].point == "2.1"
    assert pinpoints_before("điểm 2.2024 của ", 16) == []
