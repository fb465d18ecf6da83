"""Task tables as a gazette's text gives them: no separators, one cell after another in column order,
each cell's words wrapped over one line or more at its column's width.

    TT / Tên nhiệm vụ / Cơ quan / chủ trì / Cơ quan / phối hợp / Kết quả / Thời gian / hoàn thành   (the header)
    1. / Tăng cường lãnh đạo, chỉ đạo xây dựng và / tổ chức thực hiện ... / Các / bộ / ở / Trung ương, /
    Ủy ban nhân / dân cấp tỉnh ở / địa phương / Các cơ quan, tổ / chức, ... / Văn bản chỉ đạo / Thường xuyên

A row opens at a line holding its number alone ("1.", "1.1") or before its task's words after a wide gap
("16  Tiếp tục ..."), numbered in sequence; a group's heading ("I. Hoàn thiện thể chế ...", "II") sits
between rows. A cell begins at a line that opens with a capital (or a digit) after a line that does not
run on (a comma, "và", "của", a hyphen ...): the task's words come first, then the lead's, which open with
an agency's head word ("Bộ", "Các bộ", "Ủy ban"); the partners' cell after it, if it opens so too; the
time is the last cell that reads as one ("Thường xuyên", "Quý I/2027", "Tháng 02/2026"). A header printed
again after a page break is passed over.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, takewhile

from .duties import roman
from .vocab import fold, folded_ranked_forms

__all__ = ["TextRow", "TextTable", "text_tables"]


@dataclass(frozen=True)
class TextRow:
    """One numbered row: its number, the group heading above it, its span and what its cells say."""

    label: str
    group: str
    start: int
    end: int
    task: str
    lead: str | None
    partners: str | None
    times: tuple[str, ...]  # each cell of the row that reads as a time (a row split in two states two)


@dataclass(frozen=True)
class TextTable:
    start: int  # the header's first line
    end: int
    rows: tuple[TextRow, ...]


_LINE = re.compile(r"[^\n]*")
# a header's first line, "STT" alone (led by its line's newline: re finds a literal fast, not a "^" at each place)
_HEADER_LINE = re.compile(r"\n[^\S\n]*(?:STT|TT|Số TT)[^\S\n]*(?=\n|\Z)")
_ROW = re.compile(r"(?P<label>\d{1,3}(?:\.\d{1,2})?)\.?(?:\s*|\s{2,}(?P<rest>\S.*))")
# "2.1 Theo dõi, tổng hợp ...", "10. Nghị định 342/2025/NĐ-CP": a sub-row's number, or a row's number of two digits
# and its dot, and its words one space apart (``_sub_row``)
_SUB_ROW = re.compile(r"(?P<label>\d{1,3}(?:\.\d{1,2})?)(?P<dot>\.?)[ \t](?P<rest>[^\W\d_].*)")
_GROUP = re.compile(r"(?P<label>[IVX]{1,5})\.?(?:\s*|\s+(?P<rest>[A-ZĐÀ-Ỹ].*))")
# an appendix's heading, not a cell's words naming one ("Điều 29; Mẫu số 39 / Phụ lục V.", "... kèm theo / Phụ lục này;"):
# its number alone, or before a colon, a dash or its title's capital
_APPENDIX = re.compile(r"Phụ [lL]ục(?: (?:số )?[IVXLC\d]+(?:\.\d+)*)?+(?:\s*$|\s*[:\-–]|\s+(?P<title>\w))")
_WORD = re.compile(r"\w+")
_HEADER_LINES = 16  # a header's column names take at most this many lines
# the words a wrapped line of one cell ends with when a capital opens the next ("của / Bộ Chính trị", "Bộ Khoa
# học và / Công nghệ", "Nghị quyết số 66- / NQ/TW", "ngày / 29/7/2025", "quý / IV/2026")
# ("hằng năm" ends a cell: "Báo cáo / hằng năm" then "2026 và / hằng năm")
_RUNS_ON = re.compile(r"(?:[,;(/\-–]|\b(?:và|hoặc|của|với|cho|về|ở|tại|theo|trong|để|thuộc|những|được|số|ngày|"
                      r"(?<!hằng )(?<!hàng )năm|tháng|quý|từ|đến|giữa|trên|bởi|là|do|đoạn))\s*$", re.IGNORECASE)
# a line of the body after a table: an article, a chapter, a section ("Mục 2. LĨNH VỰC VIỄN THÁM"), a part's heading
# or a lettered one in capitals ("A. CẮT GIẢM, ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH")
_BODY = re.compile(r"(?:Điều \d+\.|Chương [IVX]+\b|Mục \d+\. |(?:[IVX]{1,5}|[A-ZĐ])\. [A-ZĐÀ-Ỹ ,]{8,}$)")


def text_tables(text: str, columns, agency_heads: tuple[str, ...], time_cell: re.Pattern) -> list[TextTable]:
    """The task tables of ``text`` written without separators (a gazette's text of a PDF's table).

    ``columns``: (name, folded words) of the columns a header may name (kg/data/structure.json "table");
    only a table whose header names a lead's column is read. ``agency_heads``: the words an agency's name
    opens with; ``time_cell``: what a cell of times opens with.
    """
    if "chủ trì" not in text and "thực hiện" not in text:
        return []
    tables, resume = [], 0
    for head in _HEADER_LINE.finditer(text):
        at = head.start() + 1  # the header's line
        if at < resume:
            continue
        # the lines are listed from a header whose columns name a lead only: a gazette's forms print "STT" often
        header, first = _header(text, list(islice(_lines(text, at), 2 * _HEADER_LINES + 2)), 0, columns)
        if header is None:
            continue
        lines = list(_lines(text, at))
        table, index = _table(text, lines, 0, first, header, agency_heads, time_cell)
        resume = lines[index][0] if index < len(lines) else len(text)
        # (a form's table, rows of figures or duties with no lead, assigns no work; a lead printed once beside the
        # first row, a cell merged down the rows, does)
        if table.rows and (table.rows[0].lead is not None
                           or 2 * sum(row.lead is not None for row in table.rows) >= len(table.rows)):
            tables.append(table)
    return tables


def _lines(text: str, start: int):
    """(start, end) of the lines from ``start`` on (and the empty match at each line's end, as ``_LINE`` gives)."""
    return ((m.start(), m.end()) for m in _LINE.finditer(text, start))


def _header(text: str, lines, index: int, columns) -> tuple[list[str] | None, int]:
    """The columns a header starting at line ``index`` names, in order, and the line after it."""
    words, k = [], index + 1
    while k < len(lines) and k <= index + 2 * _HEADER_LINES:  # (each line is followed by its end's empty match)
        line = text[slice(*lines[k])].strip()
        if _ROW.fullmatch(line) or _GROUP.fullmatch(line) or _sub_row(line):
            break
        if line:
            if len(line) > 40:
                return None, k
            words.append(line)
        k += 1
    folded = fold(" ".join(words))
    found = []
    for name, forms in columns:
        if name == "number":
            continue
        at = min((folded.find(form) for form in forms if form in folded), default=-1)
        if at >= 0:
            found.append((at, name))
    names = [name for _, name in sorted(found)]
    # the row's work is named first: a task, or the instruments it amends ("Các văn bản cần sửa đổi, bổ sung")
    if "lead" not in names or names[0] not in ("task", "documents"):
        return None, k
    return names, k


def _table(text, lines, index, first, header, agency_heads, time_cell) -> tuple[TextTable, int]:
    """The rows from line ``first`` on, until a line that no row or group can hold."""
    repeated = [fold(text[slice(*lines[k])].strip()) for k in range(index, first) if text[slice(*lines[k])].strip()]
    rows, group, expected, k, afresh = [], "", None, first, False
    current: list[tuple[int, int]] = []  # the lines of the row being read
    opened: tuple[str, str, int] | None = None

    def close(at: int) -> None:
        if opened is not None:
            rows.append(_row(text, opened, current, at, agency_heads, time_cell))

    while k < len(lines):
        start, end = lines[k]
        line = text[start:end].strip()
        if not line:
            k += 1
            continue
        if fold(line) == repeated[0] and _repeats(text, lines, k, repeated):
            k = _skip_header(text, lines, k, repeated)
            continue
        row = _ROW.fullmatch(line) or _sub_row(line)
        if row and (_in_sequence(row.group("label"), expected) or afresh and _in_sequence(row.group("label"), None)):
            close(start)
            opened, current, expected, afresh = (row.group("label"), group, start), [], row.group("label"), False
            if row.group("rest"):  # "16  Tiếp tục thể chế hóa ...": the task's words begin on the number's line
                current.append((text.index(row.group("rest"), start, end), end))
            k += 1
            continue
        heading = _GROUP.fullmatch(line)
        # (a heading in capitals is the body's, "II. TỔ CHỨC THỰC HIỆN", unless its numeral follows the last group's
        # with no dot and names a kind of instrument: "I / NGHỊ QUYẾT ... II NGHỊ ĐỊNH", where "VI PHẠM HÀNH CHÍNH" is a
        # cell's words, after a group V too)
        if heading and (len(line) <= 6 or line.upper() != line
                        or roman(heading.group("label")) == roman(group or "0") + 1 and line[len(heading.group("label"))] == " "
                        and _names_a_kind(heading.group("rest") or "")):
            close(start)
            opened, current, group = None, [], heading.group("label")
            afresh = True  # the rows under a group go on from the last, or are numbered afresh from 1
            k += 1
            continue
        if _ends_table(line, lambda: _next_line(text, lines, k)):
            break
        if opened is not None:
            current.append((start, end))
        k += 1
    end = lines[k][0] if k < len(lines) else len(text)
    close(end)
    return TextTable(lines[index][0], end, tuple(rows)), k


def _sub_row(line: str) -> re.Match | None:
    """``_SUB_ROW``'s match where the words open with a capital (a wrapped cell's line may open "1.1 đơn vị"); or
    a row's number of two digits or more, which fills its narrow column so that its words follow one space after its
    dot ("10. Nghị định 342/2025/NĐ-CP"), where a cell's own list has a single digit ("1. Bộ Tài chính đầu mối ...",
    "2. Các bộ, cơ quan ...") and a count no dot ("10 ngày").

    >>> bool(_sub_row("2.1 Theo dõi, tổng hợp")), bool(_sub_row("1.1 đơn vị thực hiện")), bool(_sub_row("2.1 Đơn vị"))
    (True, False, True)
    >>> bool(_sub_row("10. Nghị định 342/2025/NĐ-CP")), bool(_sub_row("2. Các bộ, cơ quan")), bool(_sub_row("10 Ngày"))
    (True, False, False)
    """
    row = _SUB_ROW.fullmatch(line)
    return row if row and row.group("rest")[0].isupper() and (
        "." in row.group("label") or row.group("dot") and len(row.group("label")) > 1) else None


def _ends_table(line: str, following) -> bool:
    """A line no row holds: an appendix's heading, the text's closing words, a line of the body. A heading's
    number alone ("Phụ lục II") is told from a cell's words by the line after it, the heading's title in capitals
    or "(Kèm theo ...)", where a cell's goes on ("Điểm c khoản 2 Điều 3 / Phụ lục I / Bộ Giáo dục"). ``following``
    gives that line (asked for only then).

    >>> ends = lambda line, after: _ends_table(line, lambda: after)
    >>> ends("Phụ lục II", "DANH MỤC VĂN BẢN"), ends("PHỤ LỤC 02", ""), ends("Phụ lục V.", "")
    (True, True, False)
    >>> ends("Phụ lục này;", "Phương thức"), ends("Phụ lục I", "Bộ Giáo dục"), ends("Phụ lục I", "(Kèm theo")
    (False, False, True)
    >>> ends("Phụ Lục II", "DANH MỤC"), ends("Phụ Lục số 02: Danh mục", ""), ends("Phụ lục I.3", "II")
    (True, True, False)
    >>> ends("Phụ lục II DANH MỤC VĂN BẢN", ""), ends("Phụ lục I Nghị định số", "142/2025/NĐ-CP")
    (True, False)
    """
    appendix = _APPENDIX.match(line)
    if appendix is not None and not appendix.group("title"):
        if line[appendix.end():].strip():
            return True  # "Phụ Lục số 02: Danh mục ...": its title after a colon or a dash
        after = following()  # (a group's numeral in capitals, "II", is the table's next row's: "Phụ lục I.3" a cell's)
        return after.startswith("(") or after.upper() == after != after.lower() and not _GROUP.fullmatch(after)
    # (a title on the heading's line is in capitals, "Phụ lục II DANH MỤC ...": a cell names a part of an instrument,
    # "Phụ lục I Nghị định số / 142/2025/NĐ-CP")
    return (line.startswith(("PHỤ LỤC", "NƠI NHẬN", "Nơi nhận", "TM.", "KT.")) or _BODY.match(line) is not None
            or appendix is not None and _WORD.match(line, appendix.start("title")).group().isupper())


def _next_line(text: str, lines, k: int) -> str:
    """The first line after line ``k`` that holds words, stripped ("" if none)."""
    for start, end in (lines[j] for j in range(k + 1, len(lines))):
        line = text[start:end].strip()
        if line:
            return line
    return ""


def _repeats(text, lines, k, repeated) -> bool:
    """Whether the header's lines stand again from line ``k`` (after a page break)."""
    seen = [fold(text[slice(*lines[j])].strip()) for j in range(k, min(len(lines), k + 3 * len(repeated)))
            if text[slice(*lines[j])].strip()]
    return seen[:len(repeated)] == repeated


def _skip_header(text, lines, k, repeated) -> int:
    left = len(repeated)
    while k < len(lines) and left:
        if text[slice(*lines[k])].strip():
            left -= 1
        k += 1
    return k


def _names_a_kind(words: str) -> bool:
    """Whether a group's name opens with a kind of instrument the hierarchy of legal documents ranks ("NGHỊ ĐỊNH",
    "NGHỊ ĐỊNH CỦA CHÍNH PHỦ", "THÔNG TƯ, THÔNG TƯ LIÊN TỊCH"): a table of instruments to draft or amend grouped by
    kind; not a cell's words in capitals ("VI PHẠM HÀNH CHÍNH", "III HƯỚNG DẪN")."""
    name = fold(" ".join(words.split()))
    return any(name == kind or name.startswith((kind + " ", kind + ",")) for kind in folded_ranked_forms())


def _in_sequence(label: str, previous: str | None) -> bool:
    """Whether a row numbered ``label`` may follow the row numbered ``previous`` ("1" -> "2", "1" -> "1.1",
    "1.3" -> "2"): a page's number, a footnote's mark or a count in a cell is no row.

    >>> _in_sequence("2", "1"), _in_sequence("1.1", "1"), _in_sequence("2", "1.7"), _in_sequence("99", "15")
    (True, True, True, False)
    """
    if previous is None:
        return label in ("1", "1.1")
    head, _, tail = previous.partition(".")
    here, _, sub = label.partition(".")
    if not sub:
        return int(here) == int(head) + 1
    return (int(here) == int(head) and int(sub) == (int(tail) + 1 if tail else 1)) or (
        int(here) == int(head) + 1 and sub == "1")


def _row(text, opened, lines, end, agency_heads, time_cell) -> TextRow:
    """A row's task, lead, partners and times from its lines: the lead's cell is the first that opens with an
    agency's head word after the task's words; were none to open a cell so, the first such line narrower
    than the task's column is."""
    label, group, start = opened
    words = [line for line in (text[a:b].strip() for a, b in lines) if line]
    width = max((len(line) for line in words[:3]), default=0)
    heads = [i for i in range(1, len(words)) if _opens_agency(" ".join(words[i:i + 3]), agency_heads)]
    lead_at = next((i for i in heads if not _runs_on(words[i - 1], agency_heads)), None)
    if lead_at is None:
        lead_at = next((i for i in heads if len(words[i]) <= 0.6 * width), None)
    task = " ".join(" ".join(words[:lead_at]).split())
    lead = partners = None
    times: tuple[str, ...] = ()
    if lead_at is not None:
        cells = _cells(words[lead_at:], agency_heads)
        # (an item of the column before, "- Sửa đổi, bổ sung Điều 18", printed after the lead where that cell is long)
        lead, rest = " ".join(cells[0].split("\n- ")[0].split()), cells[1:]
        if rest and _opens_agency(" ".join(rest[0].split()), agency_heads):
            partners, rest = " ".join(rest[0].split()), rest[1:]
        times = tuple(_time(cell, width) for cell in rest if time_cell.match(" ".join(cell.split())))
    return TextRow(label, group, start, end, task, lead, partners, times)


def _time(cell: str, width: int) -> str:
    """A cell of times without the words of a task's cell that a page break set after it: its lines as
    long as a narrow column's."""
    first, *rest = cell.split("\n")
    kept = [first, *takewhile(lambda line: len(line) <= 0.6 * width, rest)]
    return " ".join(" ".join(kept).split())


def _opens_agency(cell: str, agency_heads: tuple[str, ...]) -> bool:
    return _agency_start(agency_heads).match(cell) is not None


@lru_cache(maxsize=4)
def _agency_start(agency_heads: tuple[str, ...]) -> re.Pattern:
    heads = sorted(agency_heads, key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(h) for h in heads) + r")\b")


def _runs_on(line: str, agency_heads: tuple[str, ...]) -> bool:
    """Whether a cell's line runs on into the next line even when that one opens with a capital: it ends
    with a word that runs on, or it is an agency's head word alone ("Bộ / Nội / vụ," in a narrow column)."""
    return _RUNS_ON.search(line) is not None or line.rstrip(" ,") in agency_heads or line in ("Các", "các")


def _cells(words: list[str], agency_heads: tuple[str, ...] = ()) -> list[str]:
    r"""Lines joined into cells: a cell opens at a line that opens with a capital or a digit after a line
    that does not run on.

    >>> _cells(["Bộ Khoa học và", "Công nghệ", "Cơ quan, tổ chức", "liên quan", "Quý IV/2026"])
    ['Bộ Khoa học và\nCông nghệ', 'Cơ quan, tổ chức\nliên quan', 'Quý IV/2026']
    >>> _cells(["Báo cáo", "hằng năm", "2026 và", "hằng năm", "Tháng", "3/2026"])
    ['Báo cáo\nhằng năm', '2026 và\nhằng năm', 'Tháng\n3/2026']
    """
    cells: list[str] = []
    for line in words:
        if cells and (line[0].isupper() or line[0].isdigit()) and not _runs_on(cells[-1].rsplit("\n", 1)[-1], agency_heads):
            cells.append(line)
        elif cells:
            cells[-1] += "\n" + line
        else:
            cells.append(line)
    return cells
