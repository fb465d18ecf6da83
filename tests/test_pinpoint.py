"""Pinpoints: the parts of instruments a text names (kg.pinpoint), on the data's examples and on
real passages of the corpus, one for each form Vietnamese legal writing uses."""
from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest

from kg.extract import extract_file, extract_text
from kg.pinpoint import _patterns, parse_parts, pinpoints_before
from kg.text import prepare_text

ROOT = Path(__file__).resolve().parents[1]
DATA = json.loads(files("kg.data").joinpath("pinpoints.json").read_text(encoding="utf-8"))
KEYS = ("chapter", "section", "article", "clause", "point", "appendix")


def _values(pinpoints) -> list[dict]:
    return [{k: getattr(p, k) for k in KEYS if getattr(p, k) is not None} for p in pinpoints]


@pytest.mark.parametrize("example", DATA["examples"], ids=lambda e: e["text"].strip())
def test_pinpoints_before_an_instrument(example):
    text = example["text"] + example["instrument"]
    assert _values(pinpoints_before(text, len(example["text"]))) == example["pinpoints"]


@pytest.mark.parametrize("example", DATA["examples"], ids=lambda e: e["text"].strip())
def test_pinpoints_before_an_instrument_from_first_words(example):
    # the same, tried only after the last character a list of parts cannot hold ("I.3" holds one)
    from kg.pinpoint import _Starts
    text = example["text"] + example["instrument"]
    found = pinpoints_before(text, len(example["text"]), starts=_Starts(text))
    assert _values(found) == example["pinpoints"]


@pytest.mark.parametrize("example", DATA["own_examples"], ids=lambda e: e["text"])
def test_pinpoints_into_the_document_itself(example):
    found = [p for m in _patterns()["own"].finditer(example["text"]) for p in parse_parts(m.group("chain"))]
    assert _values(found) == example["pinpoints"]


@pytest.mark.parametrize("example", DATA["change_examples"], ids=lambda e: e["text"])
def test_change_items(example):
    from kg.pinpoint import _kind, _within
    match = _patterns()["change"].search(example["text"])
    if example["kind"] is None:
        assert match is None
        return
    found = parse_parts(match.group("chain"))
    if match.group("within"):
        found = _within(found, parse_parts(match.group("within")))
    assert (_kind(match), _values(found)) == (example["kind"], example["pinpoints"])


def test_offsets_point_at_the_words():
    text = "Căn cứ điểm d khoản 3 Điều 19 Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016 của Chính phủ;"
    result = extract_text(text)
    (pinpoint,) = result.citations[0].pinpoints
    assert text[pinpoint.start:pinpoint.end] == "điểm d khoản 3 Điều 19"
    entry = result.to_dict()["references"][0]["pinpoints"][0]
    assert entry == {"start": 7, "end": 29, "chapter": None, "section": None, "article": "19", "clause": "3",
                     "point": "d", "appendix": None}
    assert result.to_dict()["relations"][0]["object_provision"]["article"] == "19"


def _passage(path: str, words: str):
    """The extraction of the paragraph of a corpus file that holds ``words``."""
    text = (ROOT / path).read_text(encoding="utf-8")
    at = text.index(words)
    start = text.rfind("\n\n", 0, at) + 1
    end = text.find("\n\n", at)
    return extract_text(text[start:end if end > 0 else len(text)])


def _pinpoints_of(result, number):
    return [p.label() for c in result.citations if c.instrument.number == number for p in c.pinpoints]


def test_point_clause_article_before_a_decree():
    # thong-tu-so-10-2024-tt-bkhdt: "theo quy định tại điểm a khoản 1 Điều 12 Nghị định số 25/2020/NĐ-CP"
    result = extract_file(ROOT / "tests/gold/congbao/thong-tu-so-10-2024-tt-bkhdt-42068.txt")
    assert _pinpoints_of(result, "25/2020/NĐ-CP")[:2] == ["điểm a khoản 1 Điều 12", "Điều 13"]
    assert "khoản 3 Điều 29" in _pinpoints_of(result, "61/2020/QH14")
    assert "khoản 8 Điều 32" in _pinpoints_of(result, "31/2021/NĐ-CP")  # across a line break


def test_a_second_instrument_in_the_same_sentence_keeps_its_own_parts():
    # "tại Điều 19 Thông tư số 26/2016/TT-BLĐTBXH, Điều 21 Thông tư số 27/2016/TT-BLĐTBXH"
    text = ("c) Kiểm soát viên có trách nhiệm thực hiện nhiệm vụ quy định tại Điều 19 \nThông tư số 26/2016/TT-BLĐTBXH, "
            "Điều 21 Thông tư số 27/2016/TT-BLĐTBXH \nvà theo Điều lệ tổ chức và hoạt động của Quỹ.")
    result = extract_text(text)
    assert [(c.instrument.number, [p.label() for p in c.pinpoints]) for c in result.citations] == [
        ("26/2016/TT-BLĐTBXH", ["Điều 19"]), ("27/2016/TT-BLĐTBXH", ["Điều 21"])]


def test_amending_items_change_the_parts_of_the_law_the_heading_names():
    # luat-so-51-2024-qh15: "Điều 1. Sửa đổi, bổ sung một số điều của Luật ..." and its items
    result = extract_file(ROOT / "tests/gold/congbao/luat-so-51-2024-qh15-43559.txt")
    changes = [(c.kind, c.provision.label()) for c in result.changes]
    # "3. Sửa đổi, bổ sung một số khoản của Điều 6 như sau: a) Sửa đổi, bổ sung khoản 1 như sau:"
    assert changes[:5] == [("supplemented", "khoản 9 Điều 2"), ("amended", "khoản 2 Điều 3"),
                           ("amended", "Điều 6"), ("amended", "khoản 1 Điều 6"), ("amended", "khoản 3 Điều 6")]
    assert ("amended", "Điều 7a") in changes
    assert ("amended", "khoản 2 Điều 8") in changes and ("amended", "khoản 3 Điều 8") in changes
    assert len({c.target for c in result.changes}) == 1


def test_quoted_new_wording_is_not_the_amending_law_itself():
    # luat-so-51-2024-qh15 quotes the amended law's new articles: their "Luật này" is that law
    result = extract_file(ROOT / "tests/gold/congbao/luat-so-51-2024-qh15-43559.txt")
    text = (ROOT / "tests/gold/congbao/luat-so-51-2024-qh15-43559.txt").read_text(encoding="utf-8")
    assert all(text.rfind("“", 0, p.start) <= text.rfind("”", 0, p.start) for p in result.pinpoints)


def test_document_itself():
    result = extract_file(ROOT / "tests/gold/congbao/nghi-dinh-so-162-2026-nd-cp-469551.txt")
    assert result.pinpoints and all(p.article for p in result.pinpoints)
    assert "pinpoints" in result.to_dict()["document"]


def test_the_build_cache_keeps_pinpoints_and_changes():
    from kg.cache import from_json, to_json
    result = extract_file(ROOT / "tests/gold/congbao/van-ban-hop-nhat-so-40-vbhn-bct-469651.txt")
    assert result.changes and any(c.pinpoints for c in result.citations)
    assert any(r.object_provisions for r in result.relations)
    cached = from_json(json.loads(json.dumps(to_json(result))))
    assert (cached.citations, cached.relations, cached.pinpoints, cached.changes) == (
        result.citations, result.relations, result.pinpoints, result.changes)


# The scans tried only where a list of parts or a change verb can begin (kg.pinpoint._Starts) find
# what the patterns find scanning every character: on amending laws and decrees of the corpus, and
# on the same text with a letter re's caseless matching reads differently (the whole-text scan).
AMENDING = ["corpus/congbao/bhxh/luat-so-51-2024-qh15-43559.txt",
            "corpus/congbao/chinh_sach_dn/nghi-dinh-so-134-2026-nd-cp-469388.txt",
            "corpus/congbao/thue_tncn/van-ban-hop-nhat-so-4-vbhn-btc-469150.txt"]


@pytest.mark.parametrize("name", AMENDING)
def test_scans_from_first_words_find_what_a_whole_scan_finds(name):
    from kg.pinpoint import _Starts
    from kg.text import read_text

    patterns = _patterns()
    text = read_text(ROOT / name).normalized
    for sample in (text, text + " ı"):
        starts = _Starts(sample)
        own = [(m.span(), m.group("chain")) for m in patterns["own"].finditer(sample)]
        changes = [(m.span(), m.groupdict()) for m in patterns["change"].finditer(sample)]
        assert own and changes
        own_starts, here_starts = (None, None) if starts.whole else starts.own_starts()
        assert own == [(m.span(), m.group("chain")) for m in starts.scan(patterns["own"], sample, own_starts)]
        assert changes == [(m.span(), m.groupdict()) for m in
                           starts.scan(patterns["change"], sample, None if starts.whole else starts.changes)]
        for name, places in (("phrase", "phrases"), ("here", None)):
            whole = [m.span() for m in patterns[name].finditer(sample)]
            at = here_starts if places is None else None if starts.whole else getattr(starts, places)
            assert whole == [m.span() for m in starts.scan(patterns[name], sample, at)], name
        assert starts.whole == (sample is not text)
        # inside quoted new wording: the last “ before a position comes after the last ”
        every = range(0, len(sample), 97)
        assert [sample.rfind("“", 0, k) > sample.rfind("”", 0, k) for k in every] == [starts.quoted(k) for k in every]
        ends = [m.end() for m in patterns["token"].finditer(sample)][::50]
        assert [(m.span() if m else None) for m in (patterns["before"].search(sample, max(0, e - 300), e) for e in ends)] \
            == [(m.span() if m else None) for m in (starts.search_before(patterns["before"], sample, max(0, e - 300), e)
                                                     for e in ends)]


@pytest.mark.parametrize("example", DATA["phrase_examples"], ids=lambda e: e["text"])
def test_changes_of_words_in_a_part(example):
    # "Bỏ cụm từ “...” tại Điều 101 và Điều 105": the words of those articles change, the articles are amended
    from kg.pinpoint import _kind
    match = _patterns()["phrase"].search(example["text"])
    if example["pinpoints"] is None:
        assert match is None
        return
    assert (_kind(match), _values(parse_parts(match.group("chain")))) == ("amended", example["pinpoints"])


def test_a_change_of_words_amends_the_provisions_of_the_law_the_article_names():
    # luat-so-51-2024-qh15, Điều 1 (amending the Law on Health Insurance 25/2008/QH12), item 35 a):
    # "Thay cụm từ “tổ chức bảo hiểm y tế” bằng cụm từ “cơ quan bảo hiểm xã hội” tại khoản 3 và khoản 6 Điều 2, ..."
    result = extract_file(ROOT / "corpus/congbao/bhxh/luat-so-51-2024-qh15-43559.txt")
    words = [c for c in result.changes if "tổ chức bảo hiểm y tế” bằng" in c.quote]
    labels = [c.provision.label() for c in words]
    assert labels[:2] == ["khoản 3 Điều 2", "khoản 6 Điều 2"] and "khoản 4 Điều 7c" in labels
    assert {(c.kind, c.target.rsplit("/", 2)[-2], c.by) for c in words} == {("amended", "25-2008-qh12", "Điều 1.35.a")}


def test_parts_of_an_appendix_are_one_nested_pinpoint():
    # nghi-quyet-so-6616-2026-nq-cp: "quy định tại khoản 2 Điều 18 Phụ lục I ban hành kèm theo Nghị định
    # số 142/2025/NĐ-CP" names clause 2 of article 18 of appendix I, not clause 2 of article 18 and appendix I
    path = ROOT / "corpus/congbao/chinh_sach_dn/nghi-quyet-so-6616-2026-nq-cp-469362.txt"
    at = path.read_text(encoding="utf-8").index("gửi 01 bộ hồ sơ quy định tại khoản 2 Điều 18 Phụ lục I")
    (citation,) = [c for c in extract_file(path).citations if at < c.reference.start < at + 120]
    assert citation.instrument.number == "142/2025/NĐ-CP"
    assert [(p.label(), p.provision_id()) for p in citation.pinpoints] == [
        ("khoản 2 Điều 18 Phụ lục I", "Phụ lục I.Điều 18.2")]


def test_a_part_listed_beside_an_appendix_stays_apart():
    assert [p.label() for p in parse_parts("Điều 8, Phụ lục VI")] == ["Điều 8", "Phụ lục VI"]
    assert [p.provision_id() for p in parse_parts("khoản 2, khoản 3 Điều 18 Phụ lục I")] == [
        "Phụ lục I.Điều 18.2", "Phụ lục I.Điều 18.3"]


def test_parts_of_this_article_and_this_clause():
    # nghi-dinh-so-158-2025-nd-cp, Điều 3: "2. Chủ hộ kinh doanh ... b) ... không thuộc đối tượng quy định tại
    # điểm a khoản này ..." and "3. Đối tượng quy định tại khoản 2 Điều này và điểm n khoản 1 Điều 2 của Luật ..."
    result = extract_file(ROOT / "corpus/congbao/bhxh/nghi-dinh-so-158-2025-nd-cp-45240.txt")
    text = (ROOT / "corpus/congbao/bhxh/nghi-dinh-so-158-2025-nd-cp-45240.txt").read_text(encoding="utf-8")
    here = [(p.provision_id(), text[p.start:p.end]) for p in result.pinpoints if "này" in p.quote.split()[-1:][0]
            and ("Điều này" in p.quote or "khoản này" in p.quote)]
    assert here[:3] == [("Điều 3.2.a", "điểm a"), ("Điều 3.2", "khoản 2"), ("Điều 3.2", "khoản 2")]
    # luat-so-51-2024-qh15 says "khoản 2 và khoản 3 Điều này" twice: in the new wording of Điều 12 of the
    # Law on Health Insurance it quotes (that law's article, left out), and in its own Điều 3 (in force)
    path = ROOT / "corpus/congbao/bhxh/luat-so-51-2024-qh15-43559.txt"
    text = path.read_text(encoding="utf-8")
    words = "khoản 2 và khoản 3 Điều này"
    quoted, own = text.index(words), text.rindex(words)
    law = extract_file(path)
    assert [p.provision_id() for p in law.pinpoints if quoted <= p.start < quoted + len(words)] == []
    assert [p.provision_id() for p in law.pinpoints if own <= p.start < own + len(words)] == ["Điều 3.2", "Điều 3.3"]
