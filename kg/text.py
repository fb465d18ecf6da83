"""Text -> the view the patterns read: Unicode clean-up and page furniture, with offsets kept.

The stage after ``kg.readers`` (which turns a file's bytes into text). ``read_text`` reads a file
through it and ``prepare_text`` builds the view the patterns read: NFC letters,
Đ for its lookalike Ð, invisible marks and markdown emphasis as spaces, gazette page headers
and e-signature stamps blanked. Every change but NFC keeps the length, so offsets into the
view are offsets into the text as read; where NFC composed letters, ``SourceText.offsets``
maps back.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .models import OffsetMap, SourceText
from .readers import file_text

__all__ = ["read_text", "prepare_text"]

# Letters that look like Vietnamese ones and invisible marks: one character for one,
# so the translation keeps every offset.
_LOOKALIKES = {
    "\u00d0": "\u0110",  # Icelandic Eth, typed for Đ
    "\u00f0": "\u0111",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " ",
    "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ", "\ufeff": " ",
    "\u200e": " ", "\u200f": " ", "\u202a": " ", "\u202b": " ", "\u202c": " ",
    "\u202d": " ", "\u202e": " ", "\u2066": " ", "\u2067": " ", "\u2068": " ", "\u2069": " ",
    "\u00ad": " ",  # soft hyphen
    "*": " ",  # markdown emphasis from the plans' website split words like "**ỦY BAN\n**"
    "\t": " ",
    "\r": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    # Cyrillic capitals typed into a number's codes ("06/2022/TT-BТС", "40/2026/NĐ-СР"): no Vietnamese text is
    # written in Cyrillic, and "Ф" (a diameter, "Ф550mm") has no Latin twin
    "\u0410": "A", "\u0412": "B", "\u0421": "C", "\u0415": "E", "\u041d": "H", "\u041a": "K", "\u041c": "M",
    "\u041e": "O", "\u0420": "P", "\u0422": "T", "\u0425": "X", "\u0406": "I",
}
# str.translate looks every character up in a dict (slow on megabytes); a character class
# finds the few that need replacing at regex speed.
_LOOKALIKE = re.compile("[" + re.escape("".join(_LOOKALIKES)) + "]")


# Unicode is read from unicodedata below this bound, where the letters, punctuation and symbols
# of Vietnamese text lie; any character above it is taken as one that may break NFC.
_NFC_BOUND = 0x3000


def _may_break_nfc() -> set[str]:
    """The characters below the bound that can make a text other than NFC: combining marks
    (they compose, or stand out of order), characters NFC replaces, and those that compose with
    the character before them, the later parts of canonical decompositions. Hangul syllables
    are the one block above the bound made of parts below it (their jamo)."""
    below = [chr(code) for code in range(_NFC_BOUND)]
    found = {c for c in below if unicodedata.combining(c) or not unicodedata.is_normalized("NFC", c)}
    found.update("".join([unicodedata.normalize("NFD", c)[1:] for c in below
                          if not unicodedata.is_normalized("NFD", c)]))
    found.update(unicodedata.normalize("NFD", "".join(map(chr, range(0xAC00, 0xD7A4)))))
    return found


@lru_cache(maxsize=1)
def _suspects() -> re.Pattern:
    """A lookalike or a character that may break NFC. A text holding none of the latter is NFC,
    and unicodedata.is_normalized reads every character as slowly as the lookalike class does,
    so one scan finds both: a class of every character that is neither, negated (so it takes in
    all above U+FFFF at no cost per character). Built on first use: a few milliseconds."""
    suspect = _may_break_nfc() | _LOOKALIKES.keys()
    ranges = []  # the runs of code points that are neither
    for code in range(_NFC_BOUND):
        if chr(code) in suspect:
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[^" + "".join(re.escape(chr(low)) + ("-" + re.escape(chr(high)) if high > low else "")
                                     for low, high in ranges) + "]")

def _literal_prefix(pattern: str) -> str:
    """The text every match of ``pattern`` opens with ("" when it cannot tell)."""
    special = re.search(r"[\\.^$*+?{}\[\]|()]", pattern)
    if special is None:
        return pattern
    if special.group() == "|":
        return ""
    # a quantifier binds the character before it
    return pattern[:special.start() - 1] if special.group() in "*+?{" else pattern[:special.start()]


# Gazette page furniture: "CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025" with the page number on the
# line before or after, and the e-signature stamp pasted into the text of some pages. Each
# pattern opens with a literal, found by str.find (faster than re's own scan for it); the
# page-number lines around a header are taken in code.
_FURNITURE = tuple((_literal_prefix(pattern), re.compile(pattern)) for pattern in (
    r"CÔNG BÁO[ \t]*/[ \t]*Số[^\n]{0,60}",
    # the stamp: who signed (its name at times wrapped onto a second line), then its email, body
    # and time; a "Người ký" without them is a site's metadata (read by kg.identify), not a stamp
    r"Người ký:[^\n]*(?:\n[^\n:]{1,30}(?=\n(?:Email|Cơ quan|Thời gian ký):))?(?:\n(?:Email|Cơ quan|Thời gian ký):[^\n]*){1,3}",
    r"Ký bởi:[^\n]*(?:\n(?:Cơ quan|Ngày ký):[^\n]*){0,2}",
))
_PAGE_LINE = re.compile(r"[ \t]*\d{0,4}[ \t]*")  # a page number, or nothing
_PAGE_LINE_BELOW = re.compile(rf"\n{_PAGE_LINE.pattern}(?=\n|\Z)")  # one line of the page's number or none, from a line's end

def read_text(path: str | Path) -> SourceText:
    """Read and prepare one file of any format ``kg.readers`` reads (text, markdown, .docx, .pdf,
    HTML); ``InputError`` names the file when it cannot be read. Offsets index the extracted text."""
    return prepare_text(file_text(path), str(path))


def prepare_text(original: str, path: str = "<text>") -> SourceText:
    """Build the normalised view of ``original`` that the patterns read.

    >>> source = prepare_text("Quyết định số 324- QÐ/TU")
    >>> source.normalized[-5:], len(source.normalized) == len(source.original)
    ('QĐ/TU', True)
    """
    text, offsets = _clean_letters(original)
    return SourceText(path=path, original=original, normalized=_blank_headings(_blank_furniture(text)),
                      offsets=offsets)


# "## Điều 5. Phạm vi điều chỉnh": a markdown heading's marks, as datasets of the national code
# write each article; blanked, the line reads as the article it opens.
_HEADING_MARKS = re.compile(r"(?m)^#{1,6}(?=[ \t])")


def _blank_headings(text: str) -> str:
    """Spaces over markdown heading marks at the start of a line (lengths, so offsets, kept).

    >>> _blank_headings("## Điều 5. Phạm vi\\n#hashtag")
    '   Điều 5. Phạm vi\\n#hashtag'
    """
    if "#" not in text:
        return text
    return _HEADING_MARKS.sub(lambda match: " " * len(match.group()), text)


def _clean_letters(text: str) -> tuple[str, OffsetMap | None]:
    """NFC, then the lookalikes replaced; in one scan when the text is NFC, as nearly all are."""
    found = set(_suspects().findall(text))
    if found - _LOOKALIKES.keys():  # a character that may not be NFC: compose the text
        # Composing by clusters leaves an NFC text as it is, and costs less than
        # unicodedata.is_normalized, which on a decomposed text normalizes it whole to tell.
        composed, offsets = _compose(text)
        return _LOOKALIKE.sub(lambda m: _LOOKALIKES[m.group()], composed), (None if composed == text else offsets)
    # each lookalike the text holds (a few: "–", "*", a tab) replaced by one str.replace: no call per
    # character replaced, and none replaces another's replacement (none is a lookalike)
    for lookalike in found:
        text = text.replace(lookalike, _LOOKALIKES[lookalike])
    return text, None


def _blank_furniture(text: str) -> str:
    """Spaces over page headers, their page numbers and signature stamps, and over what every page repeats beside
    its header (``_repeated``); newlines stay, so lines and offsets stay where they were."""
    spans = []
    position = 0
    page_line = _PAGE_LINE.fullmatch  # bound once: tried on every line above every header
    pages = []  # where each page header's furniture starts and ends
    for match in _furniture(text):
        start = match.start()
        if start < position:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        if line_start < start and not text[line_start:start].isspace():
            continue  # furniture stands on a line of its own
        start = line_start
        # the page number printed above or below the header, across blank lines, at times twice
        for _ in range(6):
            if not start:
                break
            previous = text.rfind("\n", 0, start - 1) + 1
            if previous < position or not page_line(text, previous, start - 1):
                break
            start = previous
        line_end = text.find("\n", match.end())
        end = _page_lines_below(text, len(text) if line_end < 0 else line_end)
        spans.append((start, end))
        position = end
        if match.group().startswith("CÔNG BÁO"):
            pages.append((start, end))
    if not spans:
        return text
    blanked = _blanked(text, spans)
    return _blanked(blanked, _repeated(blanked, pages)) if len(pages) >= _REPEATS_AT else blanked


def _page_lines_below(text: str, end: int) -> int:
    """Where the page's number below a header ends (the header's line ends at ``end``): up to six lines of blanks and
    numbers, a number after the first only where it is the same or the next (a page printing its number twice, or two
    pages' numbers side by side, "9" / "10"); another is the text's, a table's row number on the page ("31" / "2").

    >>> text = "CÔNG BÁO\\n117\\n \\n2\\nNghị định số"
    >>> text[:_page_lines_below(text, 8)]
    'CÔNG BÁO\\n117\\n '
    >>> text = "CÔNG BÁO\\n9\\n10\\nNghị định số"
    >>> text[:_page_lines_below(text, 8)]
    'CÔNG BÁO\\n9\\n10'
    """
    number = None
    for _ in range(6):
        line = _PAGE_LINE_BELOW.match(text, end)
        if line is None:
            break
        words = line.group().strip()
        if words:
            if number is not None and int(words) not in (number, number + 1):
                break
            number = int(words)
        end = line.end()
    return end


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with spaces over each of ``spans`` (in order, apart), its newlines kept."""
    pieces, position = [], 0
    for start, end in spans:
        pieces += [text[position:start], _spaces(text[start:end])]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


# What a gazette prints on every page beside its header: a table's header printed again under it ("TT / Tên loại /
# văn bản / ... / Ghi chú"), a running title above its page number ("Tập hệ thống hóa VBQPPL còn hiệu lực"). Read
# as the text's, they cut what runs on across the page ("Thông tư 07/2017/TT-" | ... | "BLĐTBXH ngày 10/3/2017").
_REPEATS_AT = 3      # pages that print the same lines in the same place, at least
_HEADER_LINES = 14   # the lines of a table's repeated header, at most
_FOOTER_LINES = 2    # the lines of a running title, at most
_REPEAT_WIDTH = 80   # the longest line either holds
# a table's header opens with a label; lines that open with an item's marker are the text's, though a page may open
# with the same item each time ("2. Phân tổ chủ yếu" of each indicator in a list of statistical indicators)
_ITEM_OPENING = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*[.)]|[-+•]|[a-zđ]\))\s")


def _repeated(text: str, pages: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of the lines that at least ``_REPEATS_AT`` pages print right below their header, the same lines
    in the same order, when the text prints them once more elsewhere (the table's own header, at its start); and of
    those they print right above it (before the page number), where the text prints them nowhere else.

    >>> page = "\\nCÔNG BÁO/Số 1/Ngày 1-1-2024\\nTT\\nTên văn bản\\nGhi chú\\n"
    >>> text = "TT\\nTên văn bản\\nGhi chú\\n1. Thông tư 07/2017/TT-" + page + "BLĐTBXH" + page + "x" + page + "y"
    >>> _blank_furniture(text).split()
    ['TT', 'Tên', 'văn', 'bản', 'Ghi', 'chú', '1.', 'Thông', 'tư', '07/2017/TT-', 'BLĐTBXH', 'x', 'y']
    """
    spans = []
    # (one line on each side first: most texts repeat none, and reading more lines of every page cost a tenth of
    # the extraction)
    below = [_lines(text, end, 1, forward=True) for _, end in pages]
    if _common(below, 1):
        below = [_lines(text, end, _HEADER_LINES, forward=True) for _, end in pages]
    above = [_lines(text, start, 1, forward=False) for start, _ in pages]
    if _common(above, 1):
        above = [_lines(text, start, _FOOTER_LINES, forward=False) for start, _ in pages]
    header = _common(below, _HEADER_LINES)
    repeats = [lines for lines in below if [words for _, _, words in lines[:len(header)]] == header]
    if len(header) >= 2 and not _ITEM_OPENING.match(header[0]) and _printed(text, header) > len(repeats):
        spans += [(lines[0][0], lines[len(header) - 1][1]) for lines in repeats]
    footer = []
    for k, words in enumerate(_common(above, _FOOTER_LINES)):
        if text.count(words) != sum(1 for lines in above if len(lines) > k and lines[k][2] == words):
            break  # (printed elsewhere too: the text's own words)
        footer.append(words)
    if footer:
        spans += [(lines[len(footer) - 1][0], lines[0][1]) for lines in above
                  if [words for _, _, words in lines[:len(footer)]] == footer]
    return sorted(spans)


def _lines(text: str, position: int, count: int, forward: bool) -> list[tuple[int, int, str]]:
    """Up to ``count`` lines with words after (or before) ``position``, each (start, end, its words)."""
    found = []
    while len(found) < count and 0 < position < len(text):
        if forward:
            start = position + 1 if text[position] == "\n" else position
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            position = end
        else:
            end = text.rfind("\n", 0, position) if text[position - 1] != "\n" else position - 1
            if end < 0:
                break
            start = text.rfind("\n", 0, end) + 1
            position = start
        words = " ".join(text[start:end].split())
        if len(words) > _REPEAT_WIDTH:
            break
        if words:
            found.append((start, end, words))
    return found


def _common(pages: list[list[tuple[int, int, str]]], count: int) -> list[str]:
    """The longest run of lines, from the first, that at least ``_REPEATS_AT`` pages share, less the lines at its end
    that fewer pages share than its second: a line only some of them print after a table's header (a cut number's
    "BLĐTBXH" on three pages) is the text's, and would make the run fit fewer pages than the header it ends. (The
    first line may open the headers of several tables, "TT": the second tells one table's pages.)"""
    run: list[str] = []
    shared: list[int] = []
    sharing = pages
    for k in range(count):
        tally: dict[str, int] = {}
        for lines in sharing:
            if len(lines) > k:
                tally[lines[k][2]] = tally.get(lines[k][2], 0) + 1
        words, times = max(tally.items(), key=lambda item: item[1], default=("", 0))
        if times < _REPEATS_AT:
            break
        run.append(words)
        shared.append(times)
        sharing = [lines for lines in sharing if len(lines) > k and lines[k][2] == words]
    while len(run) > 2 and shared[-1] < shared[1]:
        run.pop()
        shared.pop()
    return run


def _printed(text: str, header: list[str]) -> int:
    """How many times the lines of ``header`` stand one after another in ``text``."""
    pattern = r"[ \t]*\n[ \t]*".join(r"[ \t]+".join(map(re.escape, words.split())) for words in header)
    return sum(1 for _ in re.finditer(pattern, text))


def _spaces(chunk: str) -> str:
    return "\n".join([" " * len(line) for line in chunk.split("\n")])


def _furniture(text: str) -> list[re.Match]:
    """The matches of every furniture pattern, in the order they stand."""
    found = []
    for literal, pattern in _FURNITURE:
        if not literal:
            found.extend(pattern.finditer(text))
            continue
        at = text.find(literal)
        while at >= 0:
            match = pattern.match(text, at)
            at = text.find(literal, match.end() if match else at + 1)
            if match:
                found.append(match)
    found.sort(key=lambda match: match.start())  # one sort of the few matches
    return found


_CLUSTER = re.compile(r".[\u0300-\u036f\u0323\u0309]+", re.DOTALL)


def _compose(text: str) -> tuple[str, OffsetMap]:
    """NFC by letter clusters, recording where each composed character came from."""
    pieces: list[str] = []
    # runs of the offset map: from normalized index starts[k] on, characters follow the text
    # as read from original index origins[k]
    starts: list[int] = []
    origins: list[int] = []
    size = 0  # characters composed so far
    position = 0
    for match in _CLUSTER.finditer(text):
        start, end = match.span()
        if start > position:
            plain = unicodedata.normalize("NFC", text[position:start])
            if len(plain) == start - position:
                pieces.append(plain)
                starts.append(size)
                origins.append(position)
                size += len(plain)
            else:  # rare: composition outside the combining-mark ranges above
                for index in range(position, start):
                    pieces.append(unicodedata.normalize("NFC", text[index]))
                    for _ in pieces[-1]:
                        starts.append(size)
                        origins.append(index)
                        size += 1
        composed = unicodedata.normalize("NFC", match.group(0))
        pieces.append(composed)
        # every composed character starts at the cluster's start; a trailing mark that did
        # not compose maps to itself
        for k in range(len(composed)):
            starts.append(size + k)
            origins.append(min(start + k, end - 1) if k else start)
        size += len(composed)
        position = end
    if position < len(text):
        tail = unicodedata.normalize("NFC", text[position:])
        pieces.append(tail)
        starts.append(size)
        origins.append(position)
        size += len(tail)
    starts.append(size)
    origins.append(len(text))
    shifts = [origin - start for start, origin in zip(starts, origins)]
    return "".join(pieces), OffsetMap(starts, shifts, size + 1)
