"""Forms of older and looser legal prose that the bundled corpus does not hold (issue 13).

Issue 13 lists them from about 5,000 reference spans annotated by others in sentences of laws, decrees and
circulars: each span below is quoted from the issue as written there; only the short-form case joins two of
them into one passage (said so in its id). Each yields the instrument a reader takes it for.
"""
import pytest

from kg.find import find_references
from kg.text import prepare_text

CASES = [
    ("issuer-before-number", "Nghị định của Chính phủ số 132/2008/NĐ-CP",
     [("Nghị định", "132/2008/NĐ-CP", "Chính phủ")]),
    ("lowercase-type-word-no-so", "nghị định 127/2007/NĐ-CP",
     [("Nghị định", "127/2007/NĐ-CP", None)]),
    ("doubled-slash", "Nghị định số 185/2007//NĐ-CP",
     [("Nghị định", "185/2007/NĐ-CP", None)]),
    ("old-joint-number", "Thông tư liên bộ số 223/TT/LB",
     [("Thông tư liên bộ", "223/TT/LB", None)]),  # the joint circular's name before 1996, kept
    ("space-before-code", "Quyết định số 84 TC/CĐKT",
     [("Quyết định", "84TC/CĐKT", None)]),
    ("so-space-colon", "Quyết định số : 84 TC/CĐKT",
     [("Quyết định", "84TC/CĐKT", None)]),
    ("protocol-is-a-treaty", "Nghị định thư Kyoto", []),
    ("joined-short-form-after-full-citation", "Nghị định của Chính phủ số 132/2008/NĐ-CP; Nghị định 132",
     [("Nghị định", "132/2008/NĐ-CP", "Chính phủ"), ("Nghị định", "132/2008/NĐ-CP", "Chính phủ")]),
]


@pytest.mark.parametrize("text, expected", [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_form_yields_its_instrument(text, expected):
    found = [(r.doc_type, r.number, r.issuer) for r in find_references(prepare_text(text))]
    assert found == expected


def test_a_short_form_nothing_explains_is_no_reference():
    # "Nghị định 54" with no full citation of a decree numbered 54/... before it names nothing known
    assert find_references(prepare_text("Nghị định số 132/2008/NĐ-CP; Nghị định 54")) [1:] == []


@pytest.mark.parametrize("written, expanded", [
    ("Căn cứ Luật Ban hành văn bản QPPL năm 2015;", "Luật Ban hành văn bản quy phạm pháp luật"),
    ("theo Luật NSNN và", "Luật Ngân sách nhà nước"),
    ("Bộ luật LĐ năm 2019", "Bộ luật Lao động"),
    ("Luật thuế GTGT", "Luật thuế giá trị gia tăng"),
])
def test_abbreviated_title_reads_as_the_full_one(written, expanded):
    assert [r.title for r in find_references(prepare_text(written))] == [expanded]


def test_numbers_read_back_from_their_year_and_code_are_the_anchors_one_pattern_finds():
    """find._anchors reads "127" of "127/2007/NĐ-CP" back from "/2007/N"; the pattern it replaced,
    a lookbehind led scan, finds the same anchors: on a corpus text and at the edges (six digits,
    a digit other than ASCII, no space before)."""
    import re
    from pathlib import Path

    from kg.find import _anchors
    from kg.text import read_text
    from kg.vocab import vocabulary

    vocab = vocabulary()
    scan = re.compile(r"số(?=\s*:?\s*\d)|(?<=\s)\d{1,5}(?=/(?:19|20)\d\d/[A-ZĐ])")
    text = read_text(Path(__file__).resolve().parents[1] / "corpus/322-KH-UBND-2023-kon-tum.txt").normalized
    for sample in (text, "theo nghị định 127/2007/NĐ-CP", "x 123456/2020/NĐ", "\t\u0663/2020/A", "a12/2020/B",
                   "12/2020/QĐ"):
        expected = sorted([*vocab.anchor.finditer(sample), *scan.finditer(sample)], key=re.Match.start)
        assert [(m.span(), m.group()) for m in _anchors(vocab, sample)] == [(m.span(), m.group()) for m in expected]
