"""Relations from cue phrases: one real corpus passage per cue, and the gazette's Căn cứ lines."""
import glob
import re

import pytest

from kg.extract import extract_file, extract_text
from kg.text import read_text
from kg.extract import extract_source


def _relations(text):
    result = extract_text(text)
    own = result.document.instrument.iri
    label = {c.instrument.iri: c.instrument.number or c.instrument.title for c in result.citations}
    label[own] = "doc"
    return {(label.get(r.subject, r.subject), r.predicate, label.get(r.object, r.object)) for r in result.relations}


def lines(*parts):
    """A passage that runs over several lines of its file, newlines kept."""
    return "\n".join(parts)


# (passage as printed in the corpus, relations it must yield)
CASES = [
    ("Căn cứ Nghị định số 62/2022/NĐ-CP ngày 12 tháng 9 năm 2022 của Chính phủ quy định chức năng, nhiệm vụ, "
     "quyền hạn và cơ cấu tổ chức của Bộ Lao động - Thương binh và Xã hội;",  # thong-tu-so-11-2023-tt-bldtbxh
     {("doc", "based_on", "62/2022/NĐ-CP")}),
    ("Triển khai thực hiện Chỉ thị số 33/CT-TTg ngày 26 tháng 11 năm 2021 của Thủ tướng Chính phủ về tiếp tục "
     "tăng cường và đổi mới công tác dân vận",  # 322/KH-UBND
     {("doc", "implements", "33/CT-TTg")}),
    ("Thực hiện Quyết định số 2437/QĐ-TTg ngày 04/11/2025 của Thủ tướng Chính phủ ban hành Kế hoạch triển khai "
     "Đợt thi đua",  # 0124/KH-UBND
     {("doc", "implements", "2437/QĐ-TTg")}),
    ("gắn với việc thực hiện Kết luận số 01-KL/TW ngày 18 tháng 5 năm 2021 của Bộ Chính trị về tiếp tục thực hiện "
     "Chỉ thị số 05-CT/TW ngày 15 tháng 5 năm 2016 của Bộ Chính trị",  # 322/KH-UBND
     {('01-KL/TW', 'implements', '05-CT/TW'),
      ('doc', 'cites', '05-CT/TW'),
      ('doc', 'implements', '01-KL/TW')}),
    ("Quyết định số 15/2019/QĐ-UBND ngày 17 tháng 10 năm 2019 của Ủy ban nhân dân tỉnh Sửa đổi, bổ sung một số "
     "điều của Quy chế văn hóa công sở tại các cơ quan hành chính, đơn vị sự nghiệp công lập trên địa bàn tỉnh "
     "ban hành kèm theo Quyết định số 21/2018/QĐ-UBND ngày 20 tháng 7 năm 2018 của Ủy ban nhân dân tỉnh.",
     {('15/2019/QĐ-UBND', 'amends', '21/2018/QĐ-UBND'),
      ('doc', 'cites', '15/2019/QĐ-UBND'),
      ('doc', 'cites', '21/2018/QĐ-UBND')}),
    ("Căn cứ Luật Giá số 16/2023/QH15 được sửa đổi, bổ sung bởi Luật số 44/2024/QH15, Luật số 61/2024/QH15;",
     # nghi-dinh-so-128-2026-nd-cp: passive, carried over the list
     {('44/2024/QH15', 'amends', '16/2023/QH15'),
      ('61/2024/QH15', 'amends', '16/2023/QH15'),
      ('doc', 'based_on', '16/2023/QH15'),
      ('doc', 'based_on', '44/2024/QH15'),
      ('doc', 'based_on', '61/2024/QH15')}),
    ("Căn cứ Luật Quản lý, sử dụng tài sản công số 15/2017/QH14 được sửa đổi, \nbổ sung một số điều bởi Luật số "
     "64/2020/QH14, Luật số 07/2022/QH15;",  # thong-tu-so-45-2026-tt-btc: passive with words inside the cue
     {('07/2022/QH15', 'amends', '15/2017/QH14'),
      ('64/2020/QH14', 'amends', '15/2017/QH14'),
      ('doc', 'based_on', '07/2022/QH15'),
      ('doc', 'based_on', '15/2017/QH14'),
      ('doc', 'based_on', '64/2020/QH14')}),
    ("Căn cứ Nghị định số 105/2014/NĐ-CP ngày 15 tháng 11 năm 2014 của Chính phủ quy định chi tiết và hướng dẫn "
     "thi hành một số điều của Luật bảo hiểm y tế;",  # van-ban-hop-nhat-so-04-vbhn-byt
     {('105/2014/NĐ-CP', 'guides', '25/2008/QH12'),
      ('doc', 'based_on', '105/2014/NĐ-CP'),
      ('doc', 'based_on', '25/2008/QH12')}),
    ("Thông tư này thay thế Thông tư số 36/2017/TT-BLĐTBXH ngày 29 tháng 12 năm 2017",  # thong-tu-so-05-2023
     {("doc", "replaces", "36/2017/TT-BLĐTBXH")}),
    ("1. Bãi bỏ toàn bộ Thông tư số 55/2015/TT-BLĐTBXH ngày 16 tháng 12 năm 2015",  # thong-tu-so-08-2023
     {("doc", "repeals", "55/2015/TT-BLĐTBXH")}),
    ("2. Thông tư số 35/2017/TT-BLĐTBXH ngày 29/12/2017 hết hiệu lực thi hành",  # thong-tu-so-20-2021
     {("doc", "repeals", "35/2017/TT-BLĐTBXH")}),
    ("Nghị quyết tạm ngưng hiệu lực Nghị định số 46/2026/NĐ-CP",  # issue 6: a title that says what it does
     {("doc", "suspends", "46/2026/NĐ-CP")}),
    ("Triển khai thực hiện khi có sửa đổi hoặc ban hành mới Quyết định thay thế Quyết định số 118/2008/QĐ-TTg "
     "ngày 27/8/2008 của Thủ tướng Chính phủ",  # 980/KH-UBND appendix
     {("doc", "replaces", "118/2008/QĐ-TTg")}),
    ("thực hiện theo quy định tại Điều 3 Nghị định số 106/2020/NĐ-CP ngày 10 tháng 9 năm 2020 của Chính phủ",
     {("doc", "cites", "106/2020/NĐ-CP")}),  # thong-tu-so-11-2023: "quy định tại" is no implementing
    # "kèm theo" speaks of what stands just before it: the annex, not the law named earlier in the sentence
    (lines("b) Cơ quan, tổ chức, cá nhân đề nghị thành lập trường theo quy định của Luật Giáo dục gửi 01 bộ hồ sơ "
           "quy định tại điểm b khoản 4 Điều 9 ",
           "Phụ lục I ban hành kèm theo Nghị định số 142/2025/NĐ-CP"),  # nghi-quyet-so-6616-2026-nq-cp
     {("doc", "cites", "142/2025/NĐ-CP"), ("doc", "cites", "Luật Giáo dục")}),
    # ... and the QCVN (named in the words before the cue) is what is issued with the circular, not 42/2019
    (lines("hướng dẫn tại Thông tư số 42/2019/TT-BLĐTBXH ngày 30 tháng 12 năm 2019 ",
           "của Bộ trưởng Bộ Lao động - Thương binh và Xã hội và QCVN 32:2018/BLĐTBXH ",
           "Quy chuẩn kỹ thuật quốc gia về an toàn lao động đối với thang máy gia đình (sau ",
           "đây viết tắt là QCVN 32:2018) ban hành kèm theo Thông tư số 15/2018/TT-BLĐTBXH ",
           "ngày 12 tháng 10 năm 2018 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội. "),  # thong-tu-so-12-2021
     {("doc", "cites", "15/2018/TT-BLĐTBXH"), ("doc", "cites", "42/2019/TT-BLĐTBXH")}),
    # "thực hiện theo quy định tại": a reckoning is done as the decree says; the law implements nothing
    (lines("2. Mốc để tính số năm nghỉ hưu trước tuổi đối với trường hợp nghỉ hưu do suy ",
           "giảm khả năng lao động theo quy định tại khoản 3 Điều 66 Luật Bảo hiểm xã hội ",
           "được thực hiện theo quy định tại khoản 4 Điều 13 Nghị định số 157/2025/NĐ-CP."),  # thong-tu-so-88-2025-tt-bca
     {("doc", "cites", "157/2025/NĐ-CP"), ("doc", "cites", "Luật Bảo hiểm xã hội")}),
    ("(Ban hành kèm theo Thông tư số 16/2021/TT-BLĐTBXH ngày 08 tháng 11 năm 2021",  # an annex's heading
     {("doc", "issued_with", "16/2021/TT-BLĐTBXH")}),
    # the Quy chế is issued with the decision; the text that names it only cites the decision
    ("Quy chế văn hóa công sở ban hành kèm theo Quyết định số 21/2018/QĐ-UBND ngày 20 tháng 7 năm 2018",
     {("doc", "cites", "21/2018/QĐ-UBND")}),
    # ... but a verb that changes the part those words name changes the instrument (in part): settled rule 3
    (lines("3. Bãi bỏ số thứ tự 15 tại Biểu phí, lệ phí quy định tại khoản 1 Điều 1 Thông ",
           "tư số 64/2025/TT-BTC ngày 30 tháng 6 năm 2025 của Bộ trưởng Bộ Tài chính quy "),  # thong-tu-so-11-2026-tt-btc
     {("doc", "repeals", "64/2025/TT-BTC")}),
    (lines("Điều 3. Thay thế Mẫu số 01, Mẫu số 02 của Phụ lục III ban hành kèm theo ",
           "Thông tư số 26/2018/TT-BLĐTBXH bằng Mẫu số 01, Mẫu số 02 của Phụ lục "),  # thong-tu-so-13-2024-tt-bldtbxh
     {("doc", "replaces", "26/2018/TT-BLĐTBXH")}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_cue(text, expected):
    assert _relations(text) == expected


def test_amending_title_and_not_its_description():
    # nghi-dinh-so-128-2026-nd-cp: the decree amends 85/2024 and only mentions the law 85/2024 details
    found = _relations("Sửa đổi, bổ sung một số điều của Nghị định số 85/2024/NĐ-CP ngày 10 tháng 7 năm 2024 "
                       "của Chính phủ quy định chi tiết một số điều của Luật Giá số 16/2023/QH15")
    assert ("doc", "amends", "85/2024/NĐ-CP") in found
    assert ("doc", "amends", "16/2023/QH15") not in found
    assert ("85/2024/NĐ-CP", "guides", "16/2023/QH15") in found


def test_consolidated_text_consolidates_what_it_merges():
    result = extract_file("corpus/congbao/bhxh/van-ban-hop-nhat-so-04-vbhn-byt-26289.txt")
    own = result.document.instrument.iri
    label = {c.instrument.iri: c.instrument.number for c in result.citations}
    found = {(label.get(r.subject, "doc"), r.predicate, label.get(r.object)) for r in result.relations}
    assert {("doc", "consolidates", "05/2015/TT-BYT"), ("doc", "consolidates", "50/2017/TT-BYT"),
            ("50/2017/TT-BYT", "amends", "05/2015/TT-BYT")} <= found
    assert all(r.subject != own or r.predicate != "consolidates" or r.start < 3000 for r in result.relations)


def test_founding_plan():
    result = extract_file("corpus/322-KH-UBND-2023-kon-tum.txt")
    own = result.document.instrument.iri
    by_number = {c.instrument.number: c.instrument.iri for c in result.citations}
    mine = {(r.subject, r.object): r for r in result.relations}
    relation = mine[(own, by_number["33/CT-TTg"])]
    assert relation.predicate == "implements"
    assert result.source  # the words that justify it are where they say
    text = open("corpus/322-KH-UBND-2023-kon-tum.txt", encoding="utf-8").read()
    assert text[relation.start:relation.end].startswith("Triển khai thực hiện Chỉ thị số 33/CT-TTg")
    assert len({(r.subject, r.object) for r in result.relations}) == len(result.relations)  # one per pair
    assert any(r.subject.endswith("/section/ii.5") for r in result.relations)  # a task's own relation


GAZETTE = sorted(glob.glob("corpus/congbao/**/*.txt", recursive=True))
_CAN_CU = re.compile(r"(?m)^[ \t]*Căn\s+cứ\b[^;]*")
STRONGER = {"consolidates", "amends", "replaces", "repeals", "suspends", "guides"}


@pytest.mark.slow  # every gazette document
def test_every_can_cu_line_of_the_gazette_yields_based_on():
    """Each preamble "Căn cứ" line that holds a reference: every instrument in it is based_on, whatever
    else the text says of it (based_on is kept apart: a decree rests on the law it details); but a law named only
    inside an amending law's title ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật A ...") is cited: the basis is
    the amending law (the gold readers' reading, session 19)."""
    lines = 0
    missing = []
    for path in GAZETTE:
        source = read_text(path)
        result = extract_source(source)
        own = result.document.instrument.iri
        predicates = {}
        for r in result.relations:
            # a consolidated text's footnote quoting a merged instrument's "Căn cứ" lines: that instrument's basis
            if r.subject == own or r.predicate == "based_on" and "/section/" not in r.subject:
                predicates.setdefault(r.object, set()).add(r.predicate)
        for match in _CAN_CU.finditer(source.normalized):
            start, end = source.to_original(match.start()), source.to_original(match.end())
            cited = [c for c in result.citations
                     if start <= c.reference.start < end and c.section == "preamble" and c.instrument.iri != own]
            if not cited:
                continue
            lines += 1
            for citation in cited:
                got = predicates.get(citation.instrument.iri, set())
                if any(other.reference.start <= citation.reference.start and citation.reference.end <= other.reference.end
                       and other.instrument.iri != citation.instrument.iri for other in cited):
                    if not got:  # (inside another's title: cited at least)
                        missing.append((path, source.original[start:start + 100], got))
                    continue
                if not got & {"based_on", "consolidates"}:  # a consolidated text merges what its body names
                    missing.append((path, source.original[start:start + 100], got))
    assert lines > 1300
    assert not missing, (len(missing), lines, missing[:5])


@pytest.mark.slow  # the whole corpus
def test_no_instrument_rests_on_a_later_one_and_no_lineage_cycles_anywhere_in_the_corpus():
    """The calendar check: over all 374 documents, every relation between two dated cited instruments, and
    every relation but a citation from the document or its tasks to a dated instrument, runs from the later
    to the earlier (a missed passive would reverse it; "Phụ lục I ban hành kèm theo Nghị định"
    read the law named before the annex as issued with the decree). And the relations a lineage follows
    (rests_on in relations.json), each section's lifted to its document, close no cycle across the corpus:
    in law, with time respected, none can (85 edges closed one before the cues' object_next/subject_before)."""
    from pathlib import Path

    import networkx as nx

    from kg.extract import extract_paths
    from kg.relations import RELATIONS

    rests_on = {name for name, relation in RELATIONS.items() if relation.rests_on and name != "cites"}
    lineage = nx.DiGraph()
    checked, wrong = 0, []
    for path, result in extract_paths([Path(__file__).resolve().parent.parent / "corpus"]):
        own = result.document.instrument.iri
        known = {c.instrument.iri: c.instrument for c in result.citations}
        known[own] = result.document.instrument
        for relation in result.relations:
            subject, target = known.get(relation.subject), known.get(relation.object)
            if relation.subject.split("/section/")[0] == own:  # the document's (and its tasks'): a citation at most
                subject = result.document.instrument if relation.predicate != "cites" else None
            if subject and target and subject.year and target.year:
                checked += 1
                dated = subject.date and target.date
                if subject.date < target.date if dated else subject.year < target.year:
                    wrong.append((path.name, subject.label(), relation.predicate, target.label()))
            source = relation.subject.split("/section/")[0]
            if relation.predicate in rests_on and source != relation.object:
                lineage.add_edge(source, relation.object, quote=relation.quote)
    assert checked > 1000
    assert not wrong, wrong[:10]
    cycles = [[(a, b, lineage.edges[a, b]["quote"]) for a, b in nx.find_cycle(lineage.subgraph(part))]
              for part in nx.strongly_connected_components(lineage) if len(part) > 1]
    assert not cycles, cycles[:3]


# The hierarchy of legal documents (issue 18): a lower-ranked instrument never amends, replaces, repeals
# or suspends a higher-ranked one. A passive "được sửa đổi, bổ sung ... theo/bởi" after a decree's
# description speaks of the decree, not of the law its description names.
HIERARCHY = [
    (lines("Nghị định số 59/2024/NĐ-CP ngày 25/5/2024 của Chính phủ sửa ",
           "đổi, bổ sung một số điều của Nghị định số 34/2016/NĐ-CP ngày 14/5/2016 của ",
           "Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Ban hành văn ",
           "bản quy phạm pháp luật đã được sửa đổi, bổ sung một số điều theo Nghị định ",
           "số 154/2020/NĐ-CP ngày 31/12/2020 của Chính phủ; "),  # quyet-dinh-so-169-qd-bldtbxh
     {('154/2020/NĐ-CP', 'amends', '34/2016/NĐ-CP'),
      ('34/2016/NĐ-CP', 'guides', '80/2015/QH13'),
      ('59/2024/NĐ-CP', 'amends', '34/2016/NĐ-CP'),
      ('doc', 'cites', '154/2020/NĐ-CP'),
      ('doc', 'cites', '34/2016/NĐ-CP'),
      ('doc', 'cites', '59/2024/NĐ-CP'),
      ('doc', 'cites', '80/2015/QH13')},
     {("154/2020/NĐ-CP", "amends", "80/2015/QH13"), ("154/2020/NĐ-CP", "amends", "Luật Ban hành văn bản quy phạm pháp luật")}),
    (lines("I. Các tài liệu, giấy tờ khác kèm theo tại khoản 3 Điều 6 Nghị định số ",
           "63/2023/NĐ-CP quy định chi tiết một số điều của Luật Tần số vô tuyến điện ",
           "số 42/2009/QH12, được sửa đổi, bổ sung một số điều theo Luật số ",
           "09/2022/QH15, được sửa đổi, bổ sung bởi Nghị định số 163/2024/NĐ-CP, ",
           "Nghị định số 229/2025/NĐ-CP và Nghị định số 15/2026/NĐ-CP"),  # nghi-quyet-so-6616-2026-nq-cp
     {('09/2022/QH15', 'amends', '42/2009/QH12'),
      ('15/2026/NĐ-CP', 'amends', '63/2023/NĐ-CP'),
      ('163/2024/NĐ-CP', 'amends', '63/2023/NĐ-CP'),
      ('229/2025/NĐ-CP', 'amends', '63/2023/NĐ-CP'),
      ('63/2023/NĐ-CP', 'guides', '42/2009/QH12'),
      ('doc', 'cites', '09/2022/QH15'),
      ('doc', 'cites', '15/2026/NĐ-CP'),
      ('doc', 'cites', '163/2024/NĐ-CP'),
      ('doc', 'cites', '229/2025/NĐ-CP'),
      ('doc', 'cites', '42/2009/QH12'),
      ('doc', 'cites', '63/2023/NĐ-CP')},
     # "giấy tờ khác kèm theo tại khoản 3 Điều 6 Nghị định số 63/2023/NĐ-CP": papers attached as that decree
     # lists, not a document issued with it (the cue's object is what follows it word for word)
     {("163/2024/NĐ-CP", "amends", "09/2022/QH15"), ("229/2025/NĐ-CP", "amends", "09/2022/QH15"),
      ("doc", "issued_with", "63/2023/NĐ-CP")}),
    (lines("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992 đã ",
           "được sửa đổi, bổ sung theo Nghị quyết số 51/2001/QH10; "),  # van-ban-hop-nhat-so-22-vbhn-vpqh:
     # the Quốc hội amends the Constitution by a resolution (Hiến pháp 2013, Điều 120)
     {('51/2001/QH10', 'amends', 'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam'),
      ('doc', 'based_on', '51/2001/QH10'),
      ('doc', 'based_on', 'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam')}, set()),
]


@pytest.mark.parametrize("text, expected, impossible", HIERARCHY)
def test_hierarchy(text, expected, impossible):
    found = _relations(text)
    assert found == expected
    assert not impossible & found


def test_a_decree_suspends_no_law():
    # nghi-dinh-so-152-2026-nd-cp: "có quyết định đình chỉ thi hành án ... theo quy định của Luật Thi hành án
    # dân sự": the cue speaks of a judgment's enforcement; a decree cannot suspend a law, so it cites it
    result = extract_file("corpus/congbao/hd_kinh_te/nghi-dinh-so-152-2026-nd-cp-469524.txt")
    own = result.document.instrument.iri
    law = {c.instrument.iri for c in result.citations if c.instrument.title == "Luật Thi hành án dân sự"}
    assert law
    assert "suspends" not in {r.predicate for r in result.relations if r.subject == own and r.object in law}


@pytest.mark.slow  # every gazette document
def test_no_lower_ranked_instrument_changes_a_higher_one_in_the_gazette():
    from kg.relate import rank_of

    changes = {"amends", "replaces", "repeals", "suspends"}
    wrong = []
    for path in GAZETTE:
        result = extract_file(path)
        by_iri = {c.instrument.iri: c.instrument for c in result.citations}
        by_iri[result.document.instrument.iri] = result.document.instrument
        for r in result.relations:
            subject, target = by_iri.get(r.subject), by_iri.get(r.object)
            if r.predicate in changes and subject and target:
                low, high = rank_of(subject), rank_of(target)
                if low and high and high < low and target.doc_type != "Hiến pháp":
                    wrong.append((path, subject.label(), r.predicate, target.label()))
    assert not wrong, wrong[:5]


# Amending laws named by their title (issue 13): "Luật sửa đổi, bổ sung một số điều của Luật A, Luật B và
# Luật C" amends A, B and C; a law named by its bare title is the one of that title the document numbers.
AMENDING_TITLES = [
    (lines("Căn cứ Luật Bảo hiểm y tế ngày 14 tháng 11 năm 2008; Luật sửa đổi, ",
           "bổ sung một số điều của Luật Bảo hiểm y tế ngày 13 tháng 6 năm 2014; Luật ",
           "sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế ngày 27 tháng 11 năm ",
           "2024; "),  # nghi-quyet-so-113-nq-cp: the registry numbers the three laws by their dates
     {('46/2014/QH13', 'amends', '25/2008/QH12'),
      ('51/2024/QH15', 'amends', '25/2008/QH12'),
      ('doc', 'based_on', '25/2008/QH12'),
      ('doc', 'based_on', '46/2014/QH13'),
      ('doc', 'based_on', '51/2024/QH15')}),
    (lines("Căn cứ Luật Thuế thu nhập cá nhân số 109/2025/QH15; ",
           "Căn cứ Luật Thuế giá trị gia tăng số 48/2024/QH15 được sửa đổi, bổ ",
           "sung bởi Luật số 90/2025/QH15 và Luật số 149/2025/QH15; ",
           "Căn cứ Luật Thuế thu nhập doanh nghiệp số 67/2025/QH15 được sửa ",
           "đổi, bổ sung bởi Luật số 116/2025/QH15, Luật số 127/2025/QH15, Luật số ",
           "133/2025/QH15, Luật số 141/2025/QH15 và Luật số 143/2025/QH15; ",
           "Căn cứ Luật Quản lý thuế số 38/2019/QH14 được sửa đổi, bổ sung bởi ",
           "Luật số 56/2024/QH15;  ",
           "Căn cứ Luật Quản lý thuế số 108/2025/QH15; ",
           "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập cá ",
           "nhân, Luật Thuế giá trị gia tăng, Luật Thuế thu nhập doanh nghiệp và Luật ",
           "Thuế tiêu thụ đặc biệt số 09/2026/QH16; "),  # nghi-dinh-so-141-2026-nd-cp
     {('09/2026/QH16', 'amends', '109/2025/QH15'),
      ('09/2026/QH16', 'amends', '48/2024/QH15'),
      ('09/2026/QH16', 'amends', '67/2025/QH15'),
      ('09/2026/QH16', 'amends', 'Luật Thuế tiêu thụ đặc biệt'),
      ('116/2025/QH15', 'amends', '67/2025/QH15'),
      ('127/2025/QH15', 'amends', '67/2025/QH15'),
      ('133/2025/QH15', 'amends', '67/2025/QH15'),
      ('141/2025/QH15', 'amends', '67/2025/QH15'),
      ('143/2025/QH15', 'amends', '67/2025/QH15'),
      ('149/2025/QH15', 'amends', '48/2024/QH15'),
      ('56/2024/QH15', 'amends', '38/2019/QH14'),
      ('90/2025/QH15', 'amends', '48/2024/QH15'),
      ('doc', 'based_on', '09/2026/QH16'),
      ('doc', 'based_on', '108/2025/QH15'),
      ('doc', 'based_on', '109/2025/QH15'),
      ('doc', 'based_on', '116/2025/QH15'),
      ('doc', 'based_on', '127/2025/QH15'),
      ('doc', 'based_on', '133/2025/QH15'),
      ('doc', 'based_on', '141/2025/QH15'),
      ('doc', 'based_on', '143/2025/QH15'),
      ('doc', 'based_on', '149/2025/QH15'),
      ('doc', 'based_on', '38/2019/QH14'),
      ('doc', 'based_on', '48/2024/QH15'),
      ('doc', 'based_on', '56/2024/QH15'),
      ('doc', 'based_on', '67/2025/QH15'),
      ('doc', 'based_on', '90/2025/QH15'),
      # (named only in 09/2026's title: the basis is the amending law, this law is cited; 141/2026's gold)
      ('doc', 'cites', 'Luật Thuế tiêu thụ đặc biệt')}),
]


@pytest.mark.parametrize("text, expected", AMENDING_TITLES)
def test_amending_law_named_by_title(text, expected):
    assert _relations(text) == expected


def test_bare_title_is_the_numbered_law_of_that_title():
    # nghi-dinh-so-141-2026-nd-cp: "Luật Thuế thu nhập doanh nghiệp" in the title and in Điều 2 is the law the
    # preamble numbers (67/2025/QH15)
    result = extract_file("corpus/congbao/hd_kinh_te/nghi-dinh-so-141-2026-nd-cp-469455.txt")
    titled = {c.reference.text.replace("\n", "").replace(" ", ""): c.instrument.number for c in result.citations
              if c.reference.number is None and c.reference.title}
    assert titled["LuậtThuếthunhậpdoanhnghiệp"] == "67/2025/QH15"
    label = {c.instrument.iri: c.instrument.number or c.instrument.title for c in result.citations}
    assert ("320/2025/NĐ-CP", "guides", "67/2025/QH15") in {
        (label.get(r.subject), r.predicate, label.get(r.object)) for r in result.relations}


def _found(path):
    result = extract_file(path)
    own = result.document.instrument.iri
    label = {c.instrument.iri: c.instrument.number or c.instrument.title for c in result.citations}
    return {(label.get(r.subject, "doc" if r.subject == own else r.subject), r.predicate, label.get(r.object))
            for r in result.relations}


# Consolidated texts (issue 13): the opening lines name the base and, after "được sửa đổi, bổ sung bởi:", each
# amending instrument; the base's description names others that are not merged. A footnote quoting an amending
# instrument's "Căn cứ" lines ("... có căn cứ ban hành như sau: “Căn cứ ...”") gives that instrument's basis.
CONSOLIDATED = [
    ("corpus/congbao/chinh_sach_dn/van-ban-hop-nhat-so-40-vbhn-bct-469651.txt",
     {("doc", "consolidates", "15/2026/TT-BCT"), ("doc", "consolidates", "26/2026/TT-BCT"),
      ("26/2026/TT-BCT", "amends", "15/2026/TT-BCT"), ("15/2026/TT-BCT", "amends", "38/2025/TT-BCT"),
      ("26/2026/TT-BCT", "based_on", "19/2026/NQ-CP"), ("doc", "based_on", "63/2025/QH15"),
      # the footnote's quotation, cut by the page, goes on below the next page's body
      ("26/2026/TT-BCT", "based_on", "66.18/2026/NQ-CP"), ("26/2026/TT-BCT", "based_on", "193/2025/NĐ-CP")},
     {("doc", "consolidates", "38/2025/TT-BCT"),
      ("doc", "based_on", "19/2026/NQ-CP"), ("26/2026/TT-BCT", "amends", "38/2025/TT-BCT"),
      ("doc", "based_on", "66.18/2026/NQ-CP")}),
    ("corpus/congbao/bhxh/van-ban-hop-nhat-so-14-vbhn-vpqh-42949.txt",
     {("doc", "consolidates", "84/2015/QH13"), ("doc", "consolidates", "41/2024/QH15"),
      ("41/2024/QH15", "amends", "84/2015/QH13"),
      ("41/2024/QH15", "based_on", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam")}, set()),
    # a footnote whose number the gazette's text lost: it begins after the quotation before it
    ("corpus/congbao/cong_doan/van-ban-hop-nhat-so-2007-vbhn-bldtbxh-42065.txt",
     {("02/2024/TT-BLĐTBXH", "based_on", "69/2020/QH14"), ("02/2024/TT-BLĐTBXH", "amends", "21/2021/TT-BLĐTBXH"),
      ("08/2023/TT-BLĐTBXH", "amends", "21/2021/TT-BLĐTBXH"), ("doc", "consolidates", "21/2021/TT-BLĐTBXH")},
     {("69/2020/QH14", "amends", "21/2021/TT-BLĐTBXH"), ("doc", "consolidates", "69/2020/QH14")}),
    # the title lines above the base name the law it guides: not merged
    ("corpus/congbao/cong_doan/van-ban-hop-nhat-so-3305-vbhn-bldtbxh-42445.txt",
     {("doc", "consolidates", "28/2015/TT-BLĐTBXH"), ("doc", "consolidates", "15/2023/TT-BLĐTBXH"),
      ("15/2023/TT-BLĐTBXH", "amends", "28/2015/TT-BLĐTBXH")},
     {("doc", "consolidates", "38/2013/QH13"), ("doc", "consolidates", "28/2015/NĐ-CP")}),
    # "1 Thông tư số 12/2024/TT-BLĐTBXH ... [nine lines of its title] ... có căn cứ ban hành như sau:": a footnote
    # longer than the reach once read from its number line; the gazette prints no quotation marks
    ("corpus/congbao/bhxh/van-ban-hop-nhat-so-470-vbhn-bldtbxh-44206.txt",
     {("12/2024/TT-BLĐTBXH", "based_on", "62/2022/NĐ-CP"), ("12/2024/TT-BLĐTBXH", "based_on", "51/2016/NĐ-CP")},
     {("doc", "based_on", "62/2022/NĐ-CP"), ("doc", "based_on", "21/2024/NĐ-CP")}),
    # the quotation cut by the page goes on below the next page's body, opening with its mark: "“Căn cứ Luật
    # Chứng khoán số 54/2019/QH14 được sửa đổi, bổ sung bởi Luật số 56/2024/QH15; ..."
    ("corpus/congbao/thue_tncn/van-ban-hop-nhat-so-09-vbhn-btc-469539.txt",
     {("08/2026/TT-BTC", "based_on", "54/2019/QH14"), ("08/2026/TT-BTC", "based_on", "29/2025/NĐ-CP")},
     {("doc", "based_on", "56/2024/QH15"), ("doc", "based_on", "29/2025/NĐ-CP")}),
    # no marks at all: the cut quotation goes on after the footnotes' rule, "Căn cứ Luật Giáo dục nghề nghiệp ...;
    # Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019; ...", to the enacting sentence "Chính phủ ban hành Nghị định ..."
    ("corpus/congbao/hd_khoan/van-ban-hop-nhat-so-2022-vbhn-bldtbxh-37412.txt",
     {("24/2022/NĐ-CP", "based_on", "43/2019/QH14"), ("24/2022/NĐ-CP", "based_on", "61/2020/QH14")},
     {("doc", "based_on", "43/2019/QH14"), ("doc", "based_on", "61/2020/QH14")}),
    # footnotes the page split go on unnumbered, each after the enacting sentence of the one before ("... thuộc
    # phạm vi quản lý nhà nước của Bộ Lao động - Thương binh và Xã hội." / "Nghị định số 15/2019/NĐ-CP ... có căn
    # cứ ban hành như sau:"): the instrument that opens the footnote is the one quoted, not a law on its lines
    ("corpus/congbao/hd_khoan/van-ban-hop-nhat-so-2021-vbhn-bldtbxh-37407.txt",
     {("140/2018/NĐ-CP", "based_on", "10/2012/QH13"), ("15/2019/NĐ-CP", "based_on", "67/2014/QH13"),
      ("24/2022/NĐ-CP", "based_on", "43/2019/QH14")},
     {("74/2014/QH13", "based_on", "67/2014/QH13"), ("76/2015/QH13", "based_on", "67/2014/QH13"),
      ("doc", "based_on", "10/2012/QH13")}),
    # the enacting sentence names the quoted decree and what it amends ("Chính phủ ban hành Nghị định về kéo dài
    # ... sửa đổi, bổ sung một số điều của Nghị định số 121/2016/NĐ-CP ... đã được sửa đổi, bổ sung tại Nghị định
    # số 74/2020/NĐ-CP"): it is no basis, and 82/2021 does not amend 74/2020
    ("corpus/congbao/hd_khoan/van-ban-hop-nhat-so-2091-vbhn-bldtbxh-37409.txt",
     {("82/2021/NĐ-CP", "based_on", "45/2019/QH14"), ("82/2021/NĐ-CP", "amends", "121/2016/NĐ-CP")},
     {("82/2021/NĐ-CP", "amends", "74/2020/NĐ-CP"), ("74/2020/NĐ-CP", "based_on", "45/2019/QH14")}),
    # "“Căn cứ Hiến pháp ...; Quốc hội ban hành Luật An ninh mạng.”": the enacting words name the quoted law itself
    # (116/2025/QH15), not the 2018 law of that title its bare title would resolve to
    ("corpus/congbao/chinh_sach_dn/van-ban-hop-nhat-so-113-vbhn-vpqh-469596.txt",
     {("116/2025/QH15", "based_on", "203/2025/QH15"), ("143/2025/QH15", "based_on", "203/2025/QH15")},
     {("116/2025/QH15", "cites", "24/2018/QH14"), ("143/2025/QH15", "cites", "61/2020/QH14")}),
    # a "Thực hiện" line among the quoted ones, after a "Căn cứ" item whose second line reads "ban hành": quoted too
    ("corpus/congbao/hd_khoan/van-ban-hop-nhat-so-1676-vbhn-bldtbxh-39315.txt",
     {("02/2023/TT-BLĐTBXH", "implements", "90/QĐ-TTg"), ("02/2023/TT-BLĐTBXH", "based_on", "02/2022/QĐ-TTg")},
     set()),
]


@pytest.mark.parametrize("path, expected, wrong", CONSOLIDATED)
def test_consolidated_text(path, expected, wrong):
    found = _found(path)
    assert expected <= found
    assert not wrong & found


def test_a_list_lead_in_speaks_for_its_items_across_a_page_break():
    # thong-tu-so-15-2024-tt-bldtbxh: "Bãi bỏ toàn bộ 14 văn bản ... sau đây:", the gazette's page furniture,
    # then "1. Thông tư số 08/2013/TT-BLĐTBXH ..." — the circular repeals each listed item, it rests on none
    found = _found("corpus/congbao/bhxh/thong-tu-so-15-2024-tt-bldtbxh-43951.txt")
    listed = ("08/2013/TT-BLĐTBXH", "30/2013/TT-BLĐTBXH", "19/2014/TT-BLĐTBXH", "01/2006/QĐ-BLĐTBXH",
              "28/2010/TTLT-BLĐTBXH-BNV", "43/2011/TTLT-BLĐTBXH-BYT")
    assert {("doc", "repeals", n) for n in listed} <= found
    assert not {("doc", "based_on", n) for n in listed} & found


def test_a_list_lead_in_that_names_no_action_of_the_document_governs_nothing():
    # quyet-dinh-so-1478-qd-bldtbxh: a table row "- Văn bản sửa đổi, bổ sung, thay thế, bãi bỏ một phần: + Nghị
    # định số 140/2018/NĐ-CP ..." names the amending instruments of the row's decree; the decision amends nothing
    found = _found("corpus/congbao/cong_doan/quyet-dinh-so-1478-qd-bldtbxh-42752.txt")
    assert ("doc", "amends", "140/2018/NĐ-CP") not in found


def test_a_plan_changes_no_law():
    # 7360/KH-UBND Lai Châu: "đề xuất sửa đổi, bổ sung, thay thế, bãi bỏ cụ thể từng văn bản và đánh giá sơ bộ
    # tính tương thích với Luật sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và quy chuẩn kỹ thuật": a plan
    # stands outside the hierarchy of legal documents and repeals no law
    found = _found("corpus/plans/7360-kh-ubnd-tinh-lai-chau-2025-6a406c1f.txt")
    assert not {(s, p, o) for s, p, o in found if s == "doc" and p in {"amends", "replaces", "repeals", "suspends"}}
    # it implements the amending law (its title; gold), and guides nothing: "a) Nghị định quy định chi tiết thi
    # hành một số điều của Luật Tiêu chuẩn và quy chuẩn kỹ thuật và Luật sửa đổi ..." names a decree to come
    assert ("doc", "implements", "70/2025/QH15") in found
    assert not {(s, p, o) for s, p, o in found if s == "doc" and p == "guides"}


# "A và B ngày ... của X": the tail dates A too only where A is of B's kind
COORDINATED = [
    # nghi-quyet-so-109-nq-cp, Điều 1: the Party Congress's resolution is not dated by the Conclusion beside it
    (lines("Chương trình hành động của Chính phủ thực hiện Nghị quyết Đại hội đại biểu toàn ",
           "quốc lần thứ XIV của Đảng và Kết luận số 18-KL/TW ngày 02 tháng 4 năm ",
           "2026 của Trung ương về Kế hoạch phát triển kinh tế - xã hội"),
     [("Nghị quyết", None, None), ("Kết luận", "18-KL/TW", "2026-04-02")]),
    # thong-tu-so-21-2026-tt-btc: a law named by title beside a dated decree
    (lines("hướng dẫn thi hành một số ",
           "điều của Luật Quản lý thuế và Nghị định số 126/2020/NĐ-CP ngày 19 ",
           "tháng 10 năm 2020 của Chính phủ quy định chi tiết"),
     [("Luật", None, None), ("Nghị định", "126/2020/NĐ-CP", "2020-10-19")]),
    # 322/KH-UBND: two decisions of one kind under one tail share it
    ("theo Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12 tháng 12 năm 2013 của Bộ Chính trị",
     [("Quyết định", "217-QĐ/TW", "2013-12-12"), ("Quyết định", "218-QĐ/TW", "2013-12-12")]),
]


@pytest.mark.parametrize("text, expected", COORDINATED)
def test_a_tail_after_two_coordinated_instruments_dates_the_first_only_if_of_one_kind(text, expected):
    from kg.find import find_references
    from kg.text import prepare_text

    found = [(r.doc_type, r.number, r.date) for r in find_references(prepare_text(text))]
    assert found == expected


def test_the_government_programme_implements_the_party_congress_resolution_it_predates_no_more():
    # "Căn cứ Nghị quyết số 41/NQ-CP ngày 11 tháng 3 năm 2026 của Chính phủ về Chương trình hành động của
    # Chính phủ thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng": the calendar check
    # dropped it while the resolution took the date 2026-04-02 of the Conclusion named beside it elsewhere
    result = extract_file("corpus/congbao/chinh_sach_dn/nghi-quyet-so-109-nq-cp-469403.txt")
    label = {c.instrument.iri: c.instrument.number or c.instrument.title for c in result.citations}
    congress = "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"
    assert ("41/NQ-CP", "implements", congress) in {
        (label.get(r.subject), r.predicate, label.get(r.object)) for r in result.relations}
    assert {c.instrument.date for c in result.citations if c.instrument.title == congress} == {None}


def test_a_decree_rests_on_the_law_it_details():
    """"Căn cứ Luật Thi hành án dân sự số 106/2025/QH15;" and "Nghị định này quy định chi tiết Điều 9,
    ...; khoản 9 Điều 25 và biện pháp hướng dẫn thi hành Luật Thi hành án dân sự": based_on is kept
    beside guides, not merged into it; a later plain mention adds no 'cites' beside them."""
    result = extract_file("corpus/congbao/hd_kinh_te/nghi-dinh-so-150-2026-nd-cp-469522.txt")
    own = result.document.instrument.iri
    law = next(c.instrument.iri for c in result.citations if c.instrument.number == "106/2025/QH15")
    assert {r.predicate for r in result.relations if r.subject == own and r.object == law} == {"based_on", "guides"}


def test_a_page_break_inside_a_sentence_does_not_end_its_clause():
    """"Góp phần thực hiện ... Nghị quyết số 59-NQ/TW ... về hội nhập quốc [page: CÔNG BÁO/Số 302 ...
    46] tế trong tình hình mới và các mục tiêu đề ra của Nghị quyết số 26-NQ/TW": the words go on in
    lowercase after the gazette's page furniture, and 'thực hiện' governs 26-NQ/TW too."""
    result = extract_file("corpus/congbao/thue_tncn/quyet-dinh-so-892-qd-ttg-469579.txt")
    own = result.document.instrument.iri
    resolution = next(c.instrument.iri for c in result.citations if c.instrument.number == "26-NQ/TW")
    assert {r.predicate for r in result.relations if r.subject == own and r.object == resolution} == {"implements"}


def test_an_act_that_amends_repeals_and_replaces_parts_of_one_instrument_keeps_all_three():
    # thong-tu-so-13-2024-tt-bldtbxh: three articles, three acts on Thông tư 26/2018 (gold holds all three)
    found = _relations(lines(
        "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 26/2018/TT-BLĐTBXH ",
        "1. Sửa đổi, bổ sung khoản 2 Điều 5 Thông tư số 26/2018/TT-BLĐTBXH như sau: ",
        "Điều 2. Bãi bỏ khoản 5 Điều 5, Điều 6, khoản 1 Điều 13 và Phụ lục I của ",
        "Thông tư số 26/2018/TT-BLĐTBXH. ",
        "Điều 3. Thay thế Mẫu số 01, Mẫu số 02 của Phụ lục III ban hành kèm theo ",
        "Thông tư số 26/2018/TT-BLĐTBXH bằng Mẫu số 01, Mẫu số 02 của Phụ lục ",
        "ban hành kèm theo Thông tư này. "))
    assert {("doc", "amends", "26/2018/TT-BLĐTBXH"), ("doc", "repeals", "26/2018/TT-BLĐTBXH"),
            ("doc", "replaces", "26/2018/TT-BLĐTBXH")} <= found
    # a weaker word of the same pair says nothing more
    assert ("doc", "cites", "26/2018/TT-BLĐTBXH") not in found


def test_a_verb_on_a_part_does_not_run_on_into_a_list_after_it():
    # nghi-quyet-so-22-2026-nq-cp: the annex's table of decrees "ĐƯỢC ĐỀ XUẤT SỬA ĐỔI" after the last "Bãi bỏ thủ
    # tục ... quy định tại Nghị định số 37/2026/NĐ-CP" is repealed by nothing
    result = extract_file("corpus/congbao/hd_kinh_te/nghi-quyet-so-22-2026-nq-cp-469469.txt")
    own = result.document.instrument.iri
    label = {c.instrument.iri: c.instrument.number for c in result.citations}
    found = {(r.predicate, label.get(r.object)) for r in result.relations if r.subject == own}
    assert ("repeals", "37/2026/NĐ-CP") in found and ("repeals", "99/2016/NĐ-CP") in found
    assert ("repeals", "151/2024/NĐ-CP") not in found and ("cites", "151/2024/NĐ-CP") in found


def test_a_joint_resolution_of_ministries_is_repealed_by_a_circular():
    # thong-tu-so-15-2024-tt-bldtbxh: "Bãi bỏ toàn bộ 14 văn bản ...: ... 13. Nghị quyết liên tịch số
    # 01/2005/NQLT-BLĐTBXH-BCA-BVHTT-UBTWMTTQVN": a ministries' joint resolution ranks with a joint circular
    result = extract_file("tests/gold/congbao/thong-tu-so-15-2024-tt-bldtbxh-43951.txt")
    own = result.document.instrument.iri
    label = {c.instrument.iri: c.instrument.number for c in result.citations}
    found = {(r.predicate, label.get(r.object)) for r in result.relations if r.subject == own}
    assert {("repeals", "01/2005/NQLT-BLĐTBXH-BCA-BVHTT-UBTWMTTQVN"),
            ("repeals", "01/2008/NQLT-BLĐTBXH-BCA-BVHTTDL-UBTƯMTTQVN")} <= found


def test_a_consolidated_text_changes_nothing_itself():
    # settled rule 4: the "Bãi bỏ ..." and "thay thế" articles a consolidated text reprints are its merged
    # instruments' acts; the footnotes' relations between them stay
    from kg.relations import ONLY_DOWNWARDS

    result = extract_file("corpus/congbao/bhxh/van-ban-hop-nhat-so-04-vbhn-byt-26289.txt")
    own = result.document.instrument.iri
    label = {c.instrument.iri: c.instrument.number for c in result.citations}
    assert not [r for r in result.relations if r.subject == own and r.predicate in ONLY_DOWNWARDS]
    assert ("cites", "28/2014/TT-BYT") in {(r.predicate, label.get(r.object)) for r in result.relations
                                         if r.subject == own}
    assert ("50/2017/TT-BYT", "amends", "05/2015/TT-BYT") in {
        (label.get(r.subject), r.predicate, label.get(r.object)) for r in result.relations}


def test_a_consolidated_texts_footnote_on_a_part_it_marks_is_the_merged_instruments_act():
    # van-ban-hop-nhat-so-40-vbhn-bct: "2 Khoản này được bãi bỏ theo quy định tại Điều 3 của Thông tư số
    # 26/2026/TT-BCT ...": the amending circular repeals (part of) the base it amends (gold holds both)
    result = extract_file("tests/gold/congbao/van-ban-hop-nhat-so-40-vbhn-bct-469651.txt")
    own = result.document.instrument.iri
    label = {c.instrument.iri: c.instrument.number for c in result.citations}
    found = {(label.get(r.subject, "doc" if r.subject == own else r.subject), r.predicate, label.get(r.object))
             for r in result.relations}
    assert {("26/2026/TT-BCT", "repeals", "15/2026/TT-BCT"), ("26/2026/TT-BCT", "amends", "15/2026/TT-BCT")} <= found
    assert not {("doc", "repeals", "15/2026/TT-BCT"), ("doc", "repeals", "26/2026/TT-BCT")} & found
