"""kg's pinpoints against the gold set's (tests/gold/PINPOINTS.md): at least 0.95 of them right, and no fewer than measured."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _scorer():
    spec = importlib.util.spec_from_file_location("score_pinpoints", ROOT / "tools/score_pinpoints.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pinpoints_on_the_gold_set():
    result = _scorer().score([ROOT / "tests/gold/congbao", ROOT / "tests/gold/plans"])
    assert result["gold"] >= 7035  # every settled file was read for pinpoints
    # the issue asks >= 0.95; the floor is the figure measured on the settled gold (two readings),
    # so that a drop fails
    assert result["recall"] >= 0.95 and result["precision"] >= 0.95, result
    assert result["recall"] >= FLOOR["recall"] and result["precision"] >= FLOOR["precision"], result


#: 60/60 on the 22 texts of session 4; the five held-out texts of session 5 brought two misses
#: ("điểm 1 Mục III Quyết định số 213/QĐ-TTg": a point numbered, not lettered; "điểm b khoản 2 Điều 24
#: hoặc quy định tại khoản 6 Điều 24 của Luật ...") and one extra: 75/77 right, 76 given. The four of session 7
#: brought five, one missed until clauses numbered "6.2" were read ("điểm c khoản 6.2 Nghị quyết số 142/2024/QH15"):
#: 81/83 right, 82 given. The second batch of session 7 brought 13, 5 of them read once an appendix printed without
#: a number was ("Thay thế Phụ lục ban hành kèm theo Thông tư số 53/2018/TT-NHNN"): 94/96 right, 95 given. The
#: third batch brought 33, 14 of them read once sections numbered in an outline were ("Mục C.II.1.8 Phụ lục I"):
#: 127/129 right, 128 given. The four of session 8 brought 34 (a joint circular's articles), 25 right as they came;
#: the 9 others named short forms of numbers ("khoản 1, khoản 2 Điều 6 Thông tư liên tịch số 06/2018") read once those
#: were: 161/163 right, 162 given. Session 8's second batch brought 15, all right as they came: 176/178, 177 given.
#: Session 9's four brought 4, 2 right ("mục 1, Phần III Công văn số 7886/HD-BNV": a Part the pinpoint has no field
#: for; "Phụ lục Danh mục ... của Luật Thống kê": an appendix named by its title): 178/182 right, 179 given. Its
#: second batch brought 63 (50 of a consolidated text), 61 right as they came ("khoản 2 Phụ lục kèm theo Thông tư số
#: 26/2016/TT-BLĐTBXH": a clause of an unnumbered appendix; the misprint "Điền 9a"): 239/245 right, 240 given. Its
#: third batch brought 7, all right as they came: 246/252, 247 given; 2530/QĐ-TTg 3, all right: 249/255, 250 given.
#: Session 10's six brought 12, 11 right as they came ("Phụ lục ... kèm theo Chương trình hành động ... tại Nghị quyết
#: số 140/NQ-CP": a part of an appendix named by its title, through the programme it issues): 260/267, 261 given.
#: Its third batch brought 97 (57 of a consolidated text), 95 right as they came (two pinpoints of a number printed
#: with its code cut, "26/2016/TT-BLĐTBX", read once such numbers were): 357/364, 358 given. Session 11's four
#: brought 8, all right as they came: 365/372, 366 given; its second five 70, 62 right as they came (an appendix's
#: lettered section, "số thứ tự 10.1 Mục A, Phụ lục I ban hành kèm theo Thông tư số 29/2021/TT-BLĐTBXH", read once
#: such sections and "Mục A, Phụ lục I" nested were): 435/442, 436 given; its third five 9, 7 right as they came
#: (a law's title read whole once, "Luật Địa chất và khoáng sản", then cut at "và" where no date followed): 444/451,
#: 445 given; its fourth five 9, all right as they came: 453/460, 454 given; its fifth three 4, 2 right ("tại khoản 3
#: Điều 31 và khoản 2.c Bảng số 01 Chương II Phụ lục 4 kèm theo Thông tư số 10/2022/TT-BKHĐT": a table named among the
#: parts, and a clause numbered "2.c", not read): 455/464, 457 given; its sixth two 5, 4 right (the appendix named by
#: its title inside an amending law's, as in session 9): 459/469, 461 given. (tools/score_pinpoints.py read --kg as a
#: directory and scored the kg it imported until session 11.) Session 12's five brought 106, 91 right as they came: a
#: repealing circular's appendix names the parts of 05/2013/TT-BLĐTBXH in a list split by ";" ("Mục 1, ..., Mục 6 Chương
#: I; Điều 24, khoản 1 Điều 26 Mục 7 Chương I; ...; Chương II; Điều 52, Điều 53 Chương III Thông tư số 05/2013"), whose
#: parts before the last ";" are not read (a ";" ends a list of parts everywhere else), nor "Mục 2;" of 462/VBHN: 550/575,
#: 552 given; its second five 10, all right as they came: 560/585, 562 given. Then a list of parts ran on after ";" to
#: its instrument (as the third batch showed again), and lists were read up to 1,000 characters before it: 576/585,
#: 578 given. Its third batch (two Government resolutions) brought 223, 170 right as they came and 197 after ("tiết 7
#: điểm b khoản 4 Điều 41", a part the pinpoint has no field for, ends the list; the readers keep the point):
#: 773/808, 776 given. Its fourth (three texts) 96, all right as they came: 869/904, 872 given; its fifth (three
#: circulars) 4, all right: 873/908, 876 given; its sixth (four circulars) 5, all right: 878/913, 881 given;
#: its seventh (two decrees, a consolidated circular) 81, all right: 959/994, 962 given. Session 13's first five 12,
#: all right as they came: 971/1006, 974 given; its second five 79, all right: 1050/1085, 1053 given;
#: its third four 89, 86 right: 1136/1174, 1139 given. Session 14's first four 25, 24 right as they came (an appendix's
#: heading "PHỤ LỤC (Ban hành kèm theo Thông tư liên tịch số 17/2014/...)" of a consolidated text's base): 1160/1199, 1163 given. Its second four 6, all right:
#: 1166/1205, 1169 given. Its third four 75, all right: 1241/1280, 1244 given. Then 605/VBHN's appendix heading taken out
#: by rule 1 (as 467/VBHN's readers had settled it) and its fourth four 325, 322 right as they came ("Điểm 2 Phụ lục ban
#: hành kèm theo Thông tư số 26/2016/TT-BLĐTBXH", a point numbered 2, read as the appendix; the misprint "Điền 9a";
#: an unnumbered appendix of 356/2025/NĐ-CP in 22/2026/NQ-CP): 1563/1604, 1567 given. Its fifth four 82, all right:
#: 1645/1686, 1649 given. Session 15's first four 85, all right as they came: 1730/1771, 1734 given. Its second four
#: 59, 48 right as they came (466/VBHN's "Điều 3, Điều 9, ..., các khoản 2, khoản 3," | a page's footnote and header |
#: "khoản 4 và khoản 5 Điều 10 Thông tư số 27/2016/TT-BLĐTBXH": a list cut by the page's foot): 1778/1830, 1782 given.
#: Its third four 16, all right as they came: 1794/1846, 1798 given. Its fourth four 37, all right: 1831/1883, 1835 given.
#: Its fifth four 11, all right: 1842/1894, 1846 given. Its sixth four 34, 33 right as they came: 1875/1928, 1879 given.
#: Its seventh four 6, 5 right (an appendix named by its title inside an amending law's title, 22/2022/TT-BKHĐT):
#: 1880/1934, 1884 given. Its eighth four 20, all right: 1900/1954, 1904 given. Session 16's four 83, all right as they
#: came: 1983/2037, 1987 given. Its second four 532 (a Government resolution naming 488 parts), 504 right as they came:
#: "khoản d, đ, e, g, h, i Điều 5" (points printed as clauses, both readers as printed), "mục XIII phần B Phụ lục V" (a
#: "phần" of an appendix between the section and it), "Mục I.B, mục 2 Phụ lục I.2", "Điều 6 và Phụ lục 4 về Danh mục
#: ... của Luật Đầu tư" (an appendix named with its title): 2487/2569, 2502 given. Its third four 148, 145 right as they
#: came ("khoản 2.c Bảng số 01 Mục 2 Chương II Phụ lục VI": a clause "2.c" printed with a table between it and its
#: section; "77 Luật PPP]."): 2633/2717, 2650 given. Its fourth four 87, 86 right as they came (an appendix named
#: inside an amending law's title, 01/2025/TT-BKHĐT, as 22/2022): 2719/2804, 2736 given. Its fifth four 420, 397 right
#: as they came (a list of thirty appendix sections "mục 8 Phụ lục VI-4.5, ..., tiểu mục b mục 8 Phụ lục VI-4.8" read
#: in part, 21/2023/TT-BKHĐT; "15/2023/TT -\nBLĐTBXH" cut, since read): 3117/3224, 3134 given. Session 17's first
#: four 461 (a Government resolution naming 432 parts of another's lettered outline, "Khoản A.III, mục 1, Phụ lục I.3"),
#: 380 right as they came, 450 since; its second two 104, all right: 3671/3789, 3706 given. Its third four 239, 228
#: right as they came ("điểm b, c, d, đ, e k, m" a comma missing; "Mẫu số 01 Phụ lục XIII, Mẫu số 02 ... Phụ lục I"):
#: 3899/4028, 3935 given. Its fourth four 322, 300 right as they came, 309 since (a part's exception in brackets, "Điều
#: 13 (trừ điểm b.11 khoản 1 Điều 13)"; points "b10", "a.1"): 4208/4350, 4246 given. Its fifth four 88, 83 right as
#: they came ("Chương IV, bao gồm các điều 11, ... 15 của Nghị định ...": the articles read without their chapter):
#: 4291/4438, 4334 given. Its sixth four 247, 244 right as they came and since: 4535/4685, 4578 given; then a review of
#: the session's change read a bracketed exception as no part of its list ("Điều 5 (trừ khoản 2), Điều 6 ..."), so 20/2026's
#: "(trừ điểm b.11 khoản 1 Điều 13)", a pinpoint to both its readers, is no longer given: 4534/4685, 4577 given. Its
#: seventh four 117, 103 right as they came (no change made for them): 4637/4802, 4683 given. Session 18, on that
#: four's misses: the list's preposition said again ("các Điều 3, 9, ... 19 và tại các khoản 1, 3 Điều 10 Thông tư ...")
#: and points numbered ("điểm 2 Phụ lục kèm theo Nghị định ...", "Căn cứ điểm 13 của Nghị quyết ..."): 4654/4802, 4695
#: given (17 right more in eight texts, none wrong). Its first new four 306, 302 right as they came (303 since); its
#: second's three 104, 103 right as they came: 5060/5212, 5102 given. Its third four 78, 76 right as they came, all
#: since ("điểm a mục 4 Phần III Quyết định số 90/QĐ-TTg": a Part read past): 5140/5290, 5181 given. Its fourth four
#: 126, 124 right as they came: 5264/5416, 5305 given; after the review's fixes 5265. Its fifth three 33, all right
#: as they came: 5298/5449, 5339 given. Session 19's first four 321, 317 right as they came, 318 since ("các khoản từ
#: 29 đến 45 Điều 1 Luật số 67/2020/QH14"): 5616/5770, 5657 given. Its second four 282, 281 right as they came (not
#: "Chương VI (trừ Điều 93) của Bộ luật Lao động"'s article, as before): 5897/6052, 5938 given. Its third four 167,
#: 165 right as they came: 6062/6219, 6103 given. Its fourth four 110, 104 right as they came, 105 since ("Phụ lục Ib
#: Nghị định số 44/2016/NĐ-CP"): 6167/6329, 6209 given. Session 20's first four 59, 57 right as they came, all since
#: ("khoản 3 Điều 31 và khoản 2.c Bảng số 01 Chương II Phụ lục 4 ban hành kèm theo Thông tư số 10/2022/TT-BKHĐT", which
#: 1373/QĐ-BKHĐT gains too): 6230/6388, 6270 given. Its second four 37, 36 right as they came, all since ("Phụ lục Danh
#: mục chỉ tiêu thống kê quốc gia của Luật Thống kê" inside an amending law's title; 01/2025, 07/2025, 08/2023, 22/2022
#: gain it too): 6272/6425, 6312 given. Its third four 53, all right as they came (the Labour Code's ten namings of its
#: own Điều 169 settled out): 6325/6478, 6365 given. Its fourth four 175, 149 right as they came, 172 since (a list's
#: last item after ", và"; "Phụ lục 4 về danh mục ... của Luật đầu tư"): 6506/6653, 6546 given. Its fifth four 185, 181
#: right as they came, all since ("Phụ lục 1A"): 6691/6838, 6731 given. Its sixth four 197, all right as they came:
#: 6888/7035, 6928 given.
FLOOR = {"recall": 0.978, "precision": 0.993}
