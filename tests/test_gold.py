"""The development gold set (tests/gold/, read twice by the annotation guide and settled against the
text) scored by exactly the held-out scorer (tools/score_gold_dir.py, a copy of the shared one), each
figure held at what extraction reaches: a drop fails CI.

The scorer runs ``kg extract`` in a subprocess per file; here the same JSON comes from the library
in-process (``Extraction.to_dict`` is what ``kg extract --format json`` prints), so the whole set
scores in seconds. The CLI's output is the same JSON (tests/test_cli.py).
"""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from kg.extract import extract_file

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"

#: What the set scores today; raise these as extraction improves, never lower them to pass. (Sessions 5, 6, 7, 8, 9,
#: 10, 11, 12, 13, 14, 15 and 16 added five, three, twelve, nine, thirteen, ten, twenty-four, twenty-five, fourteen,
#: twenty, thirty-two and twenty held-out texts, scored
#: before kg was changed for them: see SETTLING.md; the set's figures are over 235, and fell when each batch came in, which is what they are for; then kg learnt the
#: forms they showed, tests/test_heldout_forms*.py. Left, so the floors stand below where they were: the misprint
#: "Chỉ thị số 27/CTTg" (165) read as printed; five agencies each heading a
#: dash of one item (982 V.2) and three leads of 157 III not read; a bare law title
#: read as the only law of that title the registry holds (174: "Luật Phòng chống bạo lực gia đình", 02/2007/QH12,
#: which a 2022 law replaced); a law title cut at its "và" ("Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng
#: nhân dân", 0125); one number printed with two codes ("64/2008/QĐ-LĐTBXH" beside "64/2008/QĐ-BLĐTBXH",
#: 01/2021), kept apart as printed; "các quy định ... sau đây chấm dứt hiệu lực:" before its list (26/2026/NQ-CP); a
#: consolidated text's footnoted articles citing as the amending instrument's words (465/VBHN); 2530/QĐ-TTg's two task
#: tables, whose rows the readers name by table and group ("appendix.I.A.1") and whose cells hold several times each
#: ("Ban hành trong quý I năm 2026. Thực hiện rà soát ... (nếu có)"): tasks, leads and deadlines fell with it. Session
#: 10's six: the "Căn cứ bổ sung" column of 97/NQ-CP's table read as no basis, and its amending of the programme
#: 140/NQ-CP issued; the misprint "Chỉ thị số 49-NQ/TW" (100/NQ-CP) read as printed. Session 11's second batch: two
#: Hague conventions named by place and year ("Công ước La Hay năm 1965 về ...") not read; the repeals of a consolidated
#: text's list whose items a footnote interrupts (12/VBHN-BTC); a correction ("đính chính") citing nothing between
#: the cited (read since session 14); "không áp dụng ... kể từ ngày" read as no repeal (158/2026/NĐ-CP). Its third: a misprinted year
#: ("Luật Địa chất và Khoáng sản ngày 29 tháng 11 năm 2025" in a form) kept apart as printed; four leads of 116/NQ-CP's
#: table: leads fell with it. Its fourth: a resolution's operative article assigning work ("2. Giao Bộ ...: a) Chủ trì,
#: phối hợp ...", 126/NQ-CP) read as no tasks, and tasks fell with it; "Luật Phòng, chống tác hại của thuốc lá" cut at
#: "của"; the WTO's accession protocol named by its title (25/2026/NQ-CP). Session 12's five: a subject guided "theo"
#: a decree ("hướng dẫn điều chỉnh lương hưu ... theo Nghị định số 55/2016/NĐ-CP", 18/2022/TT-BLĐTBXH), which both
#: readers read as guiding it and kg as citing it; the issuer of "của liên Bộ A và Bộ B"; a date printed against its
#: number's year ("Nghị định số 95/2010/NĐ-CP ngày 22/8/2013"). Its second five: "27/2016/TTBLĐTBXH", a code printed
#: without its hyphen, kept apart from "27/2016/TT-BLĐTBXH" (169/QĐ-BLĐTBXH); a change verb's second object past the
#: first's description ("sửa đổi ... Thông tư 95/2020/TT-BTC ... hướng dẫn ... và Thông tư số 06/2022/TT-BTC", 372).
#: Its third, two Government resolutions cutting administrative procedures: a table of the decrees to amend with the
#: body to draft each ("Cơ quan chủ trì soạn thảo", 18/2026/NQ-CP) read as no task table, so tasks fell with it
#: (11 rows); "Luật Phòng, chống nhiễm vi rút gây ra hội chứng suy giảm miễn dịch mắc phải ở người (HIV/AIDS)", a
#: title longer than a guess reads (21/2026/NQ-CP). Its fourth, three texts scored on the session's end: a consolidated
#: text's footnoted articles citing as the amending circular's words, and its base's unmarked repeal (464/VBHN); a
#: decree's closing article charging the provinces to carry out a resolution, read as no act of the decree (147/2026).
#: Its fifth, three circulars, all right as they came; its sixth, four circulars: "Không áp dụng mức thu lệ phí ...
#: tại ... Thông tư số 64/2025/TT-BTC ... đến hết ngày 31 tháng 12 năm 2026", read by both readers as a suspension;
#: its seventh, two decrees and a consolidated circular: the base's unmarked repeal (468/VBHN). Session 13's five: a
#: decree's title of two subjects joined by ";" whose second guides a law (152/2025/NĐ-CP in 01/2026/TT-BTC). Its
#: second five: 982/QĐ-TTg's Điều 2, agency headings with duties, read as no tasks (tasks, leads and deadlines fell
#: with it); a convention's short name in parentheses; two instruments ending before one trailing "hết hiệu lực". Its
#: third four: forms a footnote gives to an amending circular (714/VBHN), a company's letter "28-2024/CTHĐQT-DA".
#: Session 14's four: a number cut by a page's running head and the table's repeated header ("42/2015/TT-" ... "BLĐTBXH",
#: 225/QĐ-BLĐTBXH), read as a circular of its own. Its second four: a steering committee's name as an issuer ("Ban Chỉ
#: đạo Trung ương về tổng kết Nghị quyết số 18-NQ/TW", 105/NQ-CP), not read; a date cut by a table's cells. Its third
#: four, all but one relation right as they came: a footnoted point citing as its amending decision's (16/VBHN-BTC). Its
#: fourth four: 22/2026/NQ-CP's Phụ lục II, the decrees to amend with the body to draft each ("CÁC NGHỊ ĐỊNH CẦN SỬA ĐỔI,
#: BỔ SUNG | ... | CƠ QUAN CHỦ TRÌ SOẠN THẢO"), read as no task table as 18/2026's was: tasks and leads fell with it
#: (18 citations, 10 leads); a law's title cut at its "và" ("Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ").
#: Its fifth four: a guiding verb a page of furniture away from its instrument (13/2023/TT-BKHĐT); a footnote quoting an
#: amending decree's article, whose citations are that decree's (2092/VBHN). Session 15's four: 122/NQ-CP's II.3, the
#: work the Government asks of every minister ("Chính phủ yêu cầu các Bộ trưởng, ...: a) ...") with no lead of its
#: points, read as no task; a table's column "Căn cứ bổ sung" not read for its meaning (97/NQ-CP). Its second four:
#: 175/NQ-CP's Phụ lục I, whose first group's items name no agency but the appendix's heading does ("NHIỆM VỤ CỦA CÁC
#: BỘ, NGÀNH, ĐỊA PHƯƠNG"), and whose table prints each agency amid its duties (leads and deadlines fell with it); a
#: consolidated circular's list of parts cut by a page's footnotes (466/VBHN). Its third four: a law whose title the
#: registry lacks cut at its "và" ("Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp", 128/2026); an
#: agency heading longer than a sentence's subject may be (109/NQ-CP IV.1); citations of a footnote's quoted articles
#: (2651/VBHN). Its fourth four, all right as they came but four relations: a guiding verb's objects listed by ";"
#: ("quy định chi tiết Điều 11 của Luật Dẫn độ ... (sau đây gọi là ...); Điều 10, Điều 11 của Luật ...", 172/2026).
#: Its fifth four, all right but one: a law inside a 2024 amending law's title read as the 2025 law of that title
#: (152/2025/TT-BTC). Its sixth four: a ministry's list whose rows print the issuer between kind and number ("Quyết
#: định của TTCP / 26/2020/QĐ-TTg", 1205/QĐ-BKHĐT); a decision's closing article giving work to its departments. Its
#: seventh four, four circulars, all right as they came; its eighth four too, but for two "quy định chi tiết" of laws
#: the circulars name only as what they detail by (05/ and 25/2024/TT-BKHĐT).) Session 16 read the lists of
#: instruments to amend with who drafts each ("CÁC NGHỊ ĐỊNH CẦN SỬA ĐỔI, BỔ SUNG | ... | CƠ QUAN CHỦ TRÌ SOẠN THẢO") as
#: task tables, left by sessions 12 and 14 (18/ and 22/2026/NQ-CP): tasks 0.858 -> 0.947, leads 0.888 -> 0.902; and
#: dashes each giving the work to the agency they open with as tasks of their own (982's V.2, 844's II.4): 0.909. Its
#: held-out four (a decree, two circulars, a consolidated law), as they came: macro-F1 0.951, relations 0.864 (95/110);
#: after the forms they showed (titles of laws the registry does not hold, a consolidated law's own and quoted acts)
#: 0.981 and 0.973; the set of 193: relations 3698/3810. Its second four (a Government resolution cutting procedures,
#: a decree, a circular, a consolidated decree), as they came: 0.974, relations 0.919 (136/148); after the forms they
#: showed (change phrases without their comma, a verb inside quoted words, a quoted effect article timed before what it
#: ends) 0.979 and 0.973; the set of 197: relations 3845/3958. Its third four (a decree, two circulars, a consolidated
#: decree), as they came: 0.978, relations 0.948 (73/77); after the forms they showed (a guiding verb's list of laws
#: each with its parts, a bracket ending a title's word) 0.988 and 0.974; the set of 201: relations 3921/4035. And a
#: heading naming whose work its items are ("NHIỆM VỤ CỦA CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG", 175/NQ-CP): leads 0.918. Its fourth
#: four (a decree, two circulars, a consolidated decree), as they came: 0.993, relations 0.924 (61/66); after (a
#: lowercase title in a list of laws; and a clause "Giao X:" a task, 126/NQ-CP) 1.000 and 0.939; the set of 205:
#: relations 3983/4101, leads 767/834. Its fifth four (a decree, two circulars, a consolidated circular), as they came:
#: 0.990, relations 0.938 (90/96); after (a number's hyphen after a space at a line's end) 1.000; the set of 209:
#: relations 4074/4197. Session 17's first four (a decree, a circular, a consolidated law, a Government resolution
#: with a task table in each of its seven appendices), as they came: 0.989, relations 0.955 (126/132), task citations
#: 0/24, leads 14/16; after (rows named by their appendix, tables going on past a cell's appendix and a group in
#: capitals, a row's number below a page's header) tasks 24/24, leads 16/16. Its second two (a circular, a consolidated
#: joint circular), as they came: 1.000, relations 49/51. The set of 215: relations 4249/4380, tasks 327/342, leads
#: 783/850. Its third four (two circulars, a consolidated law, a decree), as they came: 0.913, relations 0.582 (57/98:
#: 39 of the misses the 37 laws a quoted amending law's title names); the set of 219: relations 4307/4478; after
#: (the quoted amending law amending each law its enacting title lists, past their histories and the page, and more)
#: 0.915, relations 94/98. Its fourth four (two circulars, a consolidated circular, a decree), as they came: 0.964,
#: relations 0.832 (99/119); after (a foreign law no instrument, "sửa đổi, bổ sung thành", a part's exception in
#: brackets) 0.974, 0.916. The set of 223: relations 4457/4597. Its fifth four (two circulars, a consolidated circular,
#: a decree), as they came: 1.000, fields 0.988, relations 0.972 (69/71); the set of 227: relations 4526/4668. Its
#: sixth four (two circulars, a consolidated circular, a decree), as they came: 0.964, relations 0.920 (104/113); after
#: 0.979, 0.938. Its seventh four (two circulars, a consolidated decree, a decree; no change made for them), as they came:
#: 1.000, relations 0.914 (64/70); the set of 235: relations 4697/4851. Session 18's first four (two circulars, a
#: consolidated decree, a decree), as they came: 0.948, relations 0.918 (146/159); after (a footnote's mark after a
#: clause's number, "2.6"; a spaced hyphen in a number; an instrument after ";" taking the act before; "bổ sung điểm";
#: "Luật Chuyển đổi số") 0.972, 0.969 (154/159). Its second four, of which three (two circulars, a consolidated law; the
#: fourth, 186/2026/NĐ-CP, an empty scan, left out), as they came: 0.988, relations 0.828 (96/116); after (a capital
#: plural opening a list item's parts; words quoted inside a quoted article) 0.988, 0.931 (108/116). The set of 242:
#: relations 4962/5126. Its third four (two circulars, a consolidated circular, a decree), as they came: 1.000,
#: relations 0.952 (99/104); after (a footnote's mark before the footnote before it; a part amended twice) 0.971. The
#: set of 246: relations 5065/5230. Its fourth four (two circulars, a consolidated law, a decree), as they came: 0.994,
#: relations 0.971 (101/104); after ("và một số điều của Nghị định ...") 0.981. The set of 250: relations 5168/5334. Its
#: fifth three (two circulars, a consolidated circular; no change made for them), as they came: 1.000, relations 0.981
#: (52/53). The set of 253: relations 5220/5387. Session 19's first four (two circulars, a consolidated law, a decree),
#: as they came: 0.965, relations 0.946 (174/184); after (a description's fields listed by ";" before "hết hiệu lực";
#: "và Điều 2 Nghị định ..." a list's item; an undated law's description its own) 0.993, 0.957 (176/184). The set of
#: 257: relations 5396/5571. Its second four (two circulars, a consolidated joint circular, a decree), as they came:
#: 0.980, relations 0.918 (56/61); after (a joint circular's "Thông tư Liên tịch" and "Thông tư này"; the Chủ tịch Hội
#: đồng Bộ trưởng's act his own) 0.994, 0.984 (60/61). The set of 261: relations 5456/5632. Its third four (two
#: circulars, a consolidated decree, a decree), as they came: 1.000, relations 0.944 (68/72); after (the document's own
#: scope guiding what its long object belongs to; a law named only in an amending law's title in a basis cited) 1.000,
#: 0.972 (70/72). The set of 265: relations 5532/5704 (0.970). Its fourth four (two circulars, a consolidated
#: circular, a decree), as they came: 0.972, relations 0.860 (74/86: 1548/VBHN's footnote quoting its amending decree's
#: effect articles across six pages, left); after (an appendix "Ib") 0.972, 0.860. The set of 269: relations 5606/5790
#: (0.968): the floor follows the held-out texts down, not a change of kg's. Session 20's first four (three circulars,
#: a consolidated circular), as they came: 0.955, relations 0.909 (50/55); after (a merged base's act after its entry
#: into force; a purpose the changing instrument's) 0.955, 0.964 (53/55: the UKVFTA kg names by its full title). The
#: set of 273: relations 5659/5845 (0.968). Its second four (three circulars, a consolidated circular), as they came:
#: 0.990, relations 0.982 (55/56); after (a number printed with another of its body's codes) 1.000, 0.982. The set of
#: 277: relations 5714/5901 (0.968). Its third four (two circulars, the Labour Code, a consolidated decree), as they
#: came: 0.987, relations 0.974 (74/76); no change made for them. The set of 281: relations 5788/5977 (0.968). Its
#: fourth four (three circulars, two of them long, and a long consolidated decree), as they came: 0.955, relations
#: 0.938 (106/113); after (the document's scope guiding across a page) 0.955, 0.947 (107/113). The set of 285:
#: relations 5895/6090 (0.968). Its fifth four (three long circulars and a long consolidated circular), as they came:
#: 0.943, relations 0.851 (80/94); after (headings in capitals naming what a chapter amends) 0.978, 0.915 (86/94). The
#: set of 289: relations 5982/6184 (0.967): the floor follows the held-out texts down, not a change of kg's (the other
#: 285 texts' scores are those before the batch). Its sixth four (three long circulars, a long consolidated law), as
#: they came on the session's last code: 0.941, relations 0.947 (72/76). The set of 293: macro-F1 0.989, relations
#: 6054/6260 (0.967): the held-out texts bring the macro-F1 down, no change of kg's.
FLOORS = {"macro-F1": 0.989, "fields": 0.996, "relations": 0.967, "tasks": 0.955, "leads": 0.920, "deadlines": 0.889}


def _scorer():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        spec = importlib.util.spec_from_file_location("score_gold_dir", ROOT / "tools" / "score_gold_dir.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "tools"))
    return module


@pytest.fixture(scope="module")
def summary():
    scorer = _scorer()
    scorer.run_kg = lambda kg, path: extract_file(path).to_dict()
    import contextlib
    import io

    out = io.StringIO()
    argv, sys.argv = sys.argv, ["score_gold_dir.py", str(GOLD)]
    try:
        with contextlib.redirect_stdout(out):
            scorer.main()
    finally:
        sys.argv = argv
    return out.getvalue()


def test_the_gold_set_holds_every_figure(summary):
    last = summary.strip().splitlines()[-1]
    assert last.startswith("SUMMARY"), summary
    figures = {key: float(value) for key, value in re.findall(r"([\w-]+)=([\d.]+)", last)}
    assert figures["files"] == 293
    for name, floor in FLOORS.items():
        assert figures[name] >= floor, f"{name} fell to {figures[name]} (held at {floor})\n{summary}"


def test_every_gold_file_has_its_text_and_both_readings():
    for gold in GOLD.glob("*/*.json"):
        if gold.parent.name == "readings":
            continue
        assert gold.with_suffix(".txt").exists(), gold
        for reading in ("first", "second"):
            assert (GOLD / "readings" / reading / gold.name).exists(), (reading, gold.name)
