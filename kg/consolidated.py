"""Consolidated texts and quoted bases, as kg.relate reads them: the list of instruments a
consolidated text (Văn bản hợp nhất) merges and where it ends, and the "Căn cứ" lines an amending
instrument's footnote quotes, which are that instrument's bases, not the consolidated text's."""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from .cues import Cue, Cues
from .models import Citation, Document, SourceText

__all__ = ["ITEM_MARK", "Merged", "merged_list", "quoted_bases", "quoted_owner", "consolidation_end"]


class Merged(NamedTuple):
    """What a consolidated text's opening lines say it merges: the base instrument, the cue after it
    ("được sửa đổi, bổ sung bởi:"), and each amending instrument the list after the cue names."""

    base: Citation
    cue: Cue
    items: list[Citation]


# What may stand before an item of a list on its line: "1.", "a)", "-", "+"; a footnote's mark may follow the item's
# dot, as consolidated texts print them ("2.6 Nghị định này thay thế ... tại các Nghị định sau:", clause 2, footnote 6)
ITEM_MARK = re.compile(r"[ \t]*(?:(?:\d{1,2}|[a-zđ])[.)](?:\d{1,3}(?=[ \t]))?[ \t]*|[-–+•*][ \t]*)?")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def merged_list(text: str, ordered: list[Citation], found: list[Cue], until: int | None) -> Merged | None:
    """The base and the amending instruments of a consolidated text.

    "Thông tư số 15/2026/TT-BCT ngày ... sửa đổi, bổ sung một số điều của Thông tư số 38/2025/TT-BCT ...,
    có hiệu lực kể từ ngày ..., được sửa đổi, bổ sung bởi: Thông tư số 26/2026/TT-BCT ...": the base opens
    a line of the paragraph of the cue; an item opens a line of the list (or follows the cue); other instruments on
    these lines only describe them.
    """
    if until is None:
        return None
    cue = next((c for c in found if c.start < until and c.passive and c.predicate == "amends"), None)
    if cue is None:
        return None
    base = _merged_base(text, ordered, cue)
    if base is None:
        return None
    return Merged(base, cue, _merged_items(text, ordered, cue, until))


def _merged_base(text: str, ordered: list[Citation], cue: Cue) -> Citation | None:
    """The consolidated text's base: the instrument that opens a line of the cue's paragraph."""
    paragraph = 0
    for match in _PARAGRAPH.finditer(text, 0, cue.start):
        paragraph = match.end()
    heading = [c for c in ordered if paragraph <= c.reference.start < cue.start]
    if not heading:
        return None
    # the base opens its line; a law named in the title lines above it ("Hướng dẫn ... của Luật Việc làm") does not
    return next((c for c in heading
                 if not text[text.rfind("\n", 0, c.reference.start) + 1:c.reference.start].strip()), heading[0])


def _merged_items(text: str, ordered: list[Citation], cue: Cue, until: int) -> list[Citation]:
    """The amending instruments listed after the cue, to ``until``: each one that opens an item."""
    items = []
    reached = cue.end  # the end of the furthest reference read: one inside another opens no item
    for citation in ordered:
        start = citation.reference.start
        if start < cue.end:
            continue
        if start >= until:
            break
        inside = start < reached
        reached = max(reached, citation.reference.end)
        if not inside and _opens_item(text, cue, start):
            items.append(citation)
    return items


def _opens_item(text: str, cue: Cue, start: int) -> bool:
    """Whether the reference at ``start`` opens an item of the list after the cue."""
    line = max(text.rfind("\n", 0, start) + 1, cue.end)
    before = text[line:start]
    if line == cue.end:  # right after the cue
        return ITEM_MARK.fullmatch(before.lstrip(" \t:\n")) is not None
    if before.strip():  # after a list mark: "1.", "-"
        return ITEM_MARK.fullmatch(before) is not None
    # at a line's start, only after a line that ends an item ("... năm 2023.", ";")
    return text[max(cue.end, line - 80):line].rstrip()[-1:] in (".", ";", ":")


# A footnote opens a line with its number: "2 Thông tư số 02/2024/TT-BLĐTBXH sửa đổi, bổ sung ..."
# (a date's day wrapped to a line's start is no footnote's number: "... có hiệu lực từ ngày \n29 tháng 12 năm 2024 có
# căn cứ ban hành như sau:")
_FOOTNOTE_LINE = re.compile(r"(?m)^[ \t]*\d{1,3}[ \t]+(?!tháng\b)(?=[^\W\d])")
_FOOTNOTE_REACH = 1500  # a footnote naming an amending instrument by its whole title runs to ~1,000


def _footnote_start(text: str, position: int) -> int:
    """Where the footnote holding ``position`` begins: the line that opens with its number, the end of the
    quotation before it, a blank line, or the line after a sentence's end (a footnote the page split goes on
    unnumbered after the enacting sentence "Chính phủ ban hành Nghị định ... ." of the one before), whichever
    is last within reach; else the line of ``position``."""
    floor = max(0, position - _FOOTNOTE_REACH)
    begin = -1
    for note in _FOOTNOTE_LINE.finditer(text, floor, position):
        begin = note.end()
    begin = max(begin, text.rfind("”", floor, position) + 1 or -1)
    for blank in _BLANK_LINE.finditer(text, floor, position):
        begin = max(begin, blank.end())
    for ended in _SENTENCE_AT_LINE_END.finditer(text, floor, position):
        begin = max(begin, ended.end())
    return begin if begin > 0 else text.rfind("\n", 0, position) + 1


# (a gazette's text may end its lines with "\r\n")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_SENTENCE_AT_LINE_END = re.compile(r"\.[ \t\r]*\n")


def quoted_bases(text: str, ordered: list[Citation], cues: Cues) -> list[tuple[int, int, int, Citation]]:
    """Stretches of a footnote that quote a merged instrument's own "Căn cứ" lines, with that instrument.

    "1 Luật Bảo hiểm xã hội số 41/2024/QH15 có căn cứ ban hành như sau: “Căn cứ Hiến pháp ...”": the
    instrument is the first one named in the footnote (from the line that opens with its number); the
    quotation runs to its closing mark. A quotation the page cuts goes on in the footnotes of the next
    page, past the body text between: there only lines that open with "Căn cứ" are read as quoted, up
    to the line that closes the quotation. Each stretch: (start, end of the page, end of the quotation, owner).
    """
    stretches = []
    starts = [c.reference.start for c in ordered]
    for match in cues.quoted_basis.finditer(text):
        line = _footnote_start(text, match.start())
        low = bisect.bisect_left(starts, line)
        high = bisect.bisect_left(starts, match.start())
        if low >= high:
            continue
        owner = ordered[low]
        reach = match.end() + cues.quoted_basis_reach
        page = cues.quoted_basis_ends.search(text, match.end(), reach)
        bound = page.start() if page else reach
        close = text.find("”", match.end(), bound)
        if close < 0:  # a gazette that prints no marks: the "Căn cứ" lines end at the enacting sentence
            enacted = _ENACTED.search(text, match.end(), bound)
            close = enacted.start("line") if enacted else -1
        if close >= 0 or page is None:
            end = close if close >= 0 else reach
            stretches.append((match.end(), end, end, owner))
            continue
        # cut by the page: its "Căn cứ" lines go on below the next page's body, up to a line closing the quotation
        after = _QUOTED_TAIL.search(text, page.end(), reach)
        stretches.append((match.end(), page.start(), after.end() if after else page.start(), owner))
    return stretches


# The rest of a cut quotation, in the footnotes below the next page's body: "Căn cứ ..." lines up to the
# closing mark; or, opening with the quotation mark or after the footnotes' rule (a blank line), up to the
# closing mark or, where the gazette prints no marks, the enacting sentence that ends every preamble
# ("Chính phủ ban hành Nghị định ...").
_QUOTED_TAIL = re.compile(
    r"(?m)^[ \t]*Căn cứ\b[^\n]*(?:\n(?![ \t]*\d{1,3}[ \t])[^\n]*?)*?”"
    r"|(?:^[ \t]*“|^[ \t\r]*\n[ \t]*)Căn cứ\b[^\n]*(?:\n(?![ \t]*\d{1,3}[ \t])[^\n]*?)*?"
    r"(?:”|\bban hành\b[^\n”]*(?:\n(?![ \t]*\d{1,3}[ \t])[^\n”]*?)*?\.[ \t\r]*$)")


# The enacting sentence that ends a preamble, opening the line after the last item ("...;"): "Chính phủ ban hành
# Nghị định ... ." It names the quoted instrument itself and what that one changes, which is no basis: an
# unmarked quotation's lines end before it.
_ENACTED = re.compile(r"(?m)[;:][ \t\r]*\n(?P<line>(?![ \t]*“?(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị))"
                      r"[^\n;]{0,80}?\bban hành\b[^\n”]*(?:\n(?![ \t]*\d{1,3}[ \t])[^\n”]*?)*?\.[ \t\r]*$)")


def quoted_owner(stretches: list[tuple[int, int, int, Citation]], text: str, position: int) -> Citation | None:
    for start, page, end, owner in reversed(stretches):  # the footnote nearest before speaks
        if start <= position < page:
            return owner
        if page <= position < end and _in_can_cu_item(text, position):
            return owner
    return None


def _in_can_cu_item(text: str, position: int) -> bool:
    """Whether ``position`` lies in an item that opens with "Căn cứ", on its first line or one it runs on to."""
    line = text.rfind("\n", 0, position) + 1
    for _ in range(6):
        if _CAN_CU_LINE.match(text, line):
            return True
        if line == 0 or text[max(0, line - 200):line - 1].rstrip()[-1:] in (";", ".", ":", "”"):
            return False  # the line before ends an item: this one opens another
        line = text.rfind("\n", 0, line - 1) + 1
    return False


_CAN_CU_LINE = re.compile(r"[ \t]*“?Căn cứ\b")


def consolidation_end(source: SourceText, document: Document, cues: Cues) -> int | None:
    """Where the list of merged instruments of a consolidated text ends, or None for other documents."""
    if document.instrument.doc_type not in cues.consolidating:
        return None
    match = cues.consolidation_ends.search(source.normalized)
    return source.to_original(match.start()) if match else None


# "2 Điều này được sửa đổi, bổ sung tại khoản 1 Điều 8 của Thông tư số 12/2024/TT-BLĐTBXH, có hiệu lực ...": a
# consolidated text's footnote saying whose words the part its mark stands in are
# what a footnote says was done to the part its mark stands at, its words rewritten: "Điều này được sửa đổi, bổ sung"
_PART_REWORDED = r"(?P<part>Điều|Khoản|Điểm) này (?:đã )?được (?:sửa đổi|bổ sung)"
_AMENDED_NOTE = re.compile(r"(?m)^[ \t]*(?P<mark>\d{1,2})[ \t]+" + _PART_REWORDED)
_PART_KINDS = {"Điều": "article", "Khoản": "clause", "Điểm": "point"}
# any footnote of a consolidated text saying what was done to the words its mark stands at ("6 Cụm từ “x” được thay thế
# theo ...", "5 Điểm này được sửa đổi, bổ sung theo ...", "3 Khoản này được bãi bỏ theo ...")
_ANY_NOTE = re.compile(r"(?m)^[ \t]*\d{1,3}[ \t]+[^\n]{0,80}?được[ \t]+(?:sửa[ \t]+đổi|bổ[ \t]+sung|thay[ \t]+thế|bãi[ \t]+bỏ|"
                       r"hủy[ \t]+bỏ|đính[ \t]+chính|ban[ \t]+hành)")
_NOTE_REACH = 400  # from the footnote's mark to its instrument ("... tại khoản 1 Điều 8 của Thông tư số ...")


def amended_parts(text: str, ordered: list[Citation], sections) -> list[tuple[int, int, Citation]]:
    """The parts of a consolidated text a footnote says are an amending instrument's words: (start, end of the
    part, that instrument). The footnote's mark is glued to the part's heading ("Điều 5. Xây dựng bảng lương,
    ... mức tiền lương cơ bản2") or to its number ("1.3 Việc xác định ...": clause 1, mark 3; "a)16 Chi trang phục
    ...": point a, mark 16), after the footnote
    before it; the part is the article (clause, point) the footnote names that holds the mark. What such a
    part cites, the amending instrument cites: its words are that instrument's."""
    found: list[tuple[int, int, Citation]] = []
    starts = [c.reference.start for c in ordered]
    floor = 0
    notes = list(_AMENDED_NOTE.finditer(text))
    printed = _printed_notes(text)  # every footnote of the text, that the parts may hold at a page's foot
    printed_starts = [start for start, _ in printed]
    for note in notes:
        mark, at = note.group("mark"), note.start()
        # (the part's words are the last amender's: "16 Điều này được bổ sung theo ... Luật số 46/2014/QH13 ... năm 2015.
        # / Điều này được sửa đổi, bổ sung theo ... Luật số 51/2024/QH15 ...")
        opened = _note_sentences(text, note)[-1][2]
        k = bisect.bisect_left(starts, opened)
        amender = ordered[k] if k < len(ordered) and ordered[k].reference.start - opened <= _NOTE_REACH else None
        glued = None
        for hit in re.compile(rf"{mark}(?=[ \t]*\n|[ \t]+[A-ZĐÀ-Ỹ])").finditer(text, floor, at):
            before = text[hit.start() - 2:hit.start()]  # glued to a word's last letter, or after "1." or "a)"
            if (before[-1:].isalpha() or (before[-1:] == "." and before[:1].isdigit()) or (
                    before[-1:] == ")" and before[:1].isalpha())) and not _in_a_note(hit.start(), printed, printed_starts):
                glued = hit
        # (the next footnote's mark may stand before this footnote: two marks on one page, their footnotes at its foot,
        # "... 3.4 Các ngành ... / Điều 10. ... nước5 / ... / 4 Khoản này ... / 5 Điều này ...")
        floor = glued.end() if glued is not None else floor
        if amender is None or glued is None:
            continue
        kind = _PART_KINDS[note.group("part")]
        holding = [s for s in sections if s.kind == kind and s.start <= glued.start() < s.end]
        if holding:
            part = max(holding, key=lambda s: s.start)
            found += [(start, end, amender) for start, end in _outside_notes(part.start, part.end, printed)]
    return found


def _printed_notes(text: str) -> list[tuple[int, int]]:
    """Where each footnote of the text starts and ends (``_note_end``)."""
    return [(note.start(), _note_end(text, note)) for note in _ANY_NOTE.finditer(text)]


def _in_a_note(position: int, notes: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``position`` lies in one of the footnotes printed, ``notes`` their (start, end) and ``starts`` their
    starts."""
    k = bisect.bisect_right(starts, position)
    return k > 0 and position < notes[k - 1][1]


def _note_end(text: str, note: re.Match) -> int:
    """Where a footnote printed at a page's foot ends (``_note_sentences``)."""
    return _note_sentences(text, note)[-1][1]


def _note_sentences(text: str, note: re.Match) -> list[tuple[int, int, int]]:
    """The sentences of a footnote printed at a page's foot, each (start, end, where its words after "được ..." begin):
    its opening one, to the blank line or the sentence's end at a line's end, whichever comes first; then each next
    one that says what was done again to the same part ("Điều này được sửa đổi, bổ sung theo quy định tại ...")."""
    sentences, start, words = [], note.start(), note.end()
    while True:
        reach = min(len(text), words + _FOOTNOTE_REACH)
        blank = _BLANK_LINE.search(text, words, reach)
        stop = _SENTENCE_AT_LINE_END.search(text, words, reach)
        end = min([found.end() for found in (blank, stop) if found], default=reach)
        within = _AGAIN_WITHIN.search(text, words, end)  # (the next sentence on the same line: "... năm 2015. Điều này ...")
        if within is not None:
            sentences.append((start, within.start() + 1, words))
            start, words = within.start() + 1, within.end()
            continue
        sentences.append((start, end, words))
        again = _AGAIN.match(text, end) if blank is None or blank.end() != end else None
        if again is None:
            return sentences
        start, words = end, again.end()


_AGAIN = re.compile(r"[ \t\r]*" + _PART_REWORDED)
_AGAIN_WITHIN = re.compile(r"\.[ \t]+" + _PART_REWORDED)


def _outside_notes(start: int, end: int, notes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of ``start``-``end`` outside the footnotes printed inside it (a part the page breaks holds the
    footnotes at the page's foot: "5 Điểm này được sửa đổi, bổ sung theo ... Thông tư số 08/2026/TT-BTC ... sửa đổi,
    bổ sung ... Thông tư số 120/2020/TT-BTC ...", whose instruments the part's words do not cite), each footnote up to
    the blank line or the sentence's end at a line's end after it, whichever comes first (``notes``: each (start,
    end))."""
    stretches = []
    for note_start, note_end in notes:
        if start <= note_start < end:
            stretches.append((start, note_start))
            start = min(end, note_end)
    stretches.append((start, end))
    return [(a, b) for a, b in stretches if a < b]
