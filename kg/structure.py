"""Text -> the document's structure: parts, items, tasks, articles, appendix rows, footnotes.

One pass over the lines of ``source.normalized``: a line that begins with a marker from
``data/structure.json`` ("II.", "1.2.", "a)", "Điều 3.", "Chương I", "PHỤ LỤC") opens a section
when its number follows the last one at that level, and closes every open section at the same or
a deeper level. Flattened tables (one cell per line between lines holding only "|") are read
apart: a table whose header names a "chủ trì" column is a task table, each numbered row a task
"appendix.N". Items of a plan's implementation part ("NỘI DUNG", "NHIỆM VỤ", "TỔ CHỨC THỰC
HIỆN"...) and a directive's numbered items are tasks; each task's own words give its lead
agency, partners, deadline and the body it reports to, read by ``kg.duties``.

>>> from kg.text import prepare_text
>>> from kg.identify import identify_document
>>> source = prepare_text("KẾ HOẠCH\\nCăn cứ Luật X;\\n\\nI. MỤC ĐÍCH\\n\\n1. Mục đích\\n\\n"
...                       "II. NHIỆM VỤ\\n\\n1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính xây dựng"
...                       " quy chế, trước ngày 30 tháng 11 năm 2023.\\n")
>>> [(s.id, s.kind, s.parent) for s in parse_sections(source, identify_document(source))]
[('preamble', 'preamble', None), ('I', 'part', None), ('I.1', 'item', 'I'), ('II', 'part', None), ('II.1', 'task', 'II')]
>>> task = parse_sections(source, identify_document(source))[-1]
>>> task.lead, task.partners, task.deadline
('Sở Nội vụ', ('Sở Tài chính',), '2023-11-30')
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from .models import Document, Section, SourceText
from .text_tables import TextTable, text_tables
from .duties import (addressed_dash, addresses_agency, agencies, agency_text, assigns_work, clip, headed_by_agency,
                     names_agency, opens_with_field, read_deadline, roman, stated_times, task_duties, task_reports_to)
from .vocab import fold, unnamed_groups

__all__ = ["parse_sections", "read_deadline"]

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_PIPE_LINE = re.compile(r"[ \t]*\|[ \t]*")
_PIPE_LINES = re.compile(r"\n(?=[ \t]*\|[ \t]*$)(?P<rest>[^\n]*+)", re.MULTILINE)  # a line of "|": see _candidate_lines
_HEADING = re.compile(r"\n[ \t]*(?:PHỤ LỤC|Phụ lục)")
_GROUP = re.compile(r"([IVX]{1,5})(?:\.?|\.\s.*)", re.DOTALL)  # a task table's group row: "II", "I. Kinh tế số"
_PART_HEADING = re.compile(r"\n[ \t*]*[IVX]{1,5}\.[ \t*]+[A-ZĐ][A-ZĐÀ-Ỹ]+ [A-ZĐÀ-Ỹ]")  # "**I. MỤC ĐÍCH, YÊU CẦU**"
_QUOTES = "“\"'‘«"
_TITLE_END = re.compile(r"[.:;](?:\s|$)|\n[ \t]*\n")
# the same end within one line (no newline to find there): led by a character class, so re skips
# to the next [.:;] at once instead of trying both alternatives at every character
_TITLE_END_IN_LINE = re.compile(r"[.:;](?:\s|$)")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_TABLE_GAP = 120  # lines: a longer run without a "|" line ends the table
_NUMBERED = ("item", "task", "clause")
_PARENT_KINDS = {  # what each marker may sit in; appendices, chapters and footnotes sit in none
    "division": ("chapter",),
    "article": ("division", "chapter", "appendix"),
    "part": ("appendix",),
    "item": ("part", "article", "appendix"),
    "point": _NUMBERED + ("article", "part"),
}


@dataclass(frozen=True)
class _Rules:
    marker: re.Pattern         # a closer, or the first marker that matches a line: one alternative each
    marker_kinds: dict[str, tuple[str, int, str]]  # alternative's group -> (kind, level, label group)
    letters: str
    task_parts: tuple[str, ...]
    report_parts: tuple[str, ...]   # a part that reports what was done: "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ..."
    task_appendices: tuple[str, ...]  # an appendix whose numbered items are tasks: "NHIỆM VỤ CỤ THỂ GIAO ...", folded
    task_appendices_not: tuple[str, ...]  # ... unless they are spending items or a body's functions: "NHIỆM VỤ CHI"
    work_articles: tuple[str, ...]    # an article whose clauses headed by agencies are tasks: "Tổ chức thực hiện", folded
    work_article_types: frozenset[str]  # the kinds of document such an article gives work in
    work_titles: tuple[str, ...]      # ... and the words their titles open with: "Phê duyệt", folded
    work_giving: re.Pattern           # a clause that opens by giving its work to an agency: "2. Giao Bộ ...:"
    time_headings: tuple[str, ...]  # an item that states when the work is done: "Thời gian tổ chức ...", folded
    time_headings_not: tuple[str, ...]  # "Thời gian qua": the past months, no time set
    participant_headings: tuple[str, ...]  # a task headed "Đối tượng thực hiện": its dashes list who takes part, folded
    owner_heading: re.Pattern  # a heading naming whose work its items are: "NHIỆM VỤ CỦA CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG", folded
    task_types: frozenset[str]
    marker_lines: re.Pattern   # lines that may open a section or close them all: the only lines read
    closer: re.Pattern         # a closer's words, where a line's words begin
    closer_initials: str | None  # the letters a closer begins with (None: it cannot tell)
    columns: tuple[tuple[str, tuple[str, ...]], ...]
    agency_heads: tuple[str, ...]  # the words an agency's name opens with ("Bộ", "Các bộ", "Ủy ban")
    acronyms: frozenset[str]   # the words an owner heading in capitals keeps in capitals ("UBND CÁC XÃ")
    time_cell: re.Pattern      # what a cell of times opens with, in a table without separators


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = json.loads(files("kg").joinpath("data", "structure.json").read_text(encoding="utf-8"))
    # one match per line instead of one per marker: alternatives are tried in order, so the
    # first that matches is the one a loop over closers, then markers, would have found; unanchored,
    # as the match is made in the text at the line's start, up to the line's end
    alternatives = ["(?P<closer>" + "|".join(map(_unanchored, data["closers"])) + ")"]
    marker_kinds = {}
    for index, marker in enumerate(data["markers"]):
        pattern = _unanchored(marker["pattern"]).replace("(?P<label>", f"(?P<label{index}>")
        alternatives.append(f"(?P<marker{index}>{pattern})")
        marker_kinds[f"marker{index}"] = (marker["kind"], marker["level"], f"label{index}")
    return _Rules(
        marker=re.compile("|".join(alternatives)),
        marker_kinds=marker_kinds,
        letters=data["letters"],
        task_parts=tuple(fold(p) for p in data["task_parts"]),
        report_parts=tuple(fold(p) for p in data["report_parts"]),
        task_appendices=tuple(fold(p) for p in data["task_appendices"]),
        task_appendices_not=tuple(fold(p) for p in data["task_appendices_not"]),
        work_articles=tuple(fold(p) for p in data["work_articles"]["headings"]),
        work_article_types=frozenset(data["work_articles"]["types"]),
        work_titles=tuple(fold(p) for p in data["work_articles"]["titles"]),
        work_giving=re.compile(r"[\s*]*\d{1,2}\s*[.)][\s*]*(?:" + "|".join(data["work_articles"]["giving"]) + r")\s"),
        time_headings=tuple(fold(p) for p in data["time_headings"]),
        time_headings_not=tuple(fold(p) for p in data["time_headings_not"]),
        participant_headings=tuple(fold(p) for p in data["participant_headings"]),
        owner_heading=_owner_heading(data),
        task_types=frozenset(data["task_types"]),
        marker_lines=_line_starts("|".join([_line_body(m["pattern"]) for m in data["markers"]]
                                           + [_line_body(c) for c in data["closers"]])),
        closer=re.compile("|".join(_line_body(c) for c in data["closers"]), re.MULTILINE),
        closer_initials=_initials(data["closers"]),
        columns=tuple((name, tuple(fold(w) for w in words)) for name, words in data["table"]["columns"].items()),
        agency_heads=tuple(data["agency_heads"]),
        time_cell=re.compile(data["table"]["time_cell"]),
        acronyms=frozenset(data["owner_heading_acronyms"]),
    )


def _owner_heading(data: dict) -> re.Pattern:
    """A heading naming whose work its items are, folded: its opening words, then the owner, to the words that end it
    (folded too, whole words: "giai đoạn" as fold writes it); the owner does not open with one of them."""
    openings = "|".join(re.escape(fold(p)) for p in sorted(data["owner_headings"], key=len, reverse=True))
    ends = "|".join(re.escape(fold(e)) for e in data["owner_heading_ends"] if e != "(")
    return re.compile(rf"(?:{openings})\s+(?!(?:{ends})(?!\w))(?P<owner>.+?)(?=\s+(?:{ends})(?!\w)|\s*\(|\s*$)")


def _line_body(pattern: str) -> str:
    """A line-start pattern without its anchor and group names, to join into one lookahead."""
    return unnamed_groups(_unanchored(pattern))


def _initials(patterns: list[str]) -> str | None:
    r"""The letters that begin the patterns, each a literal letter not made optional; None otherwise.

    >>> _initials(["^Nơi nhận\\s*:", "^Trên đây là"]), _initials(["^N?ơi"]), _initials(["^(?:A|B)"])
    ('NT', None, None)
    """
    bodies = [_unanchored(p) for p in patterns]
    if not all(body[:1].isalpha() and body[1:2] not in ("*", "?", "{") for body in bodies):
        return None
    return "".join(sorted({body[0] for body in bodies}))


def _unanchored(pattern: str) -> str:
    return pattern[1:] if pattern.startswith("^") else pattern


@dataclass(slots=True)
class _Draft:
    """A section while the pass is still finding where it ends."""

    id: str
    kind: str
    level: int
    start: int
    label: str = ""
    title: str | None = None
    parent: "_Draft | None" = None
    end: int = -1
    lead: str | None = None
    partners: tuple[str, ...] = ()
    deadline: str | None = None
    deadlines: tuple[str, ...] = ()  # a printed table's row that states several times (kg.text_tables)
    children: list = field(default_factory=list)
    row: bool = False  # a task table's row: its cells, not its words, give its lead, partners and time


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def parse_sections(source: SourceText, document: Document) -> tuple[Section, ...]:
    """The sections of ``source``, parents before children, offsets into the original text."""
    rules = _rules()
    text = source.normalized
    tables = _tables(text)
    printed = [] if tables else text_tables(text, rules.columns, rules.agency_heads, rules.time_cell)
    # (a span's end is its last character: a printed table ends where the line after it starts, which may open a
    # section, "Phụ lục II" after Phụ lục I's table)
    spans = sorted([(table[0][0], table[-1][1]) for table in tables] + [(table.start, table.end - 1) for table in printed])
    # markdown captures (bold "**") wrap paragraphs at any word and set them apart by blank lines,
    # so there only a line after a blank one can open a section; gazette texts have no such rule, nor
    # a capture that sets no paragraphs apart (one line after another, "**I. MỤC ĐÍCH, YÊU CẦU**\n**1. Mục đích**")
    paragraphs = "**" in source.original and _BLANK_LINE.search(source.original) is not None
    drafts, closers = _markers(text, spans, paragraphs, rules)
    taken = {draft.id for draft in drafts} if printed else set()  # (the ids a printed table's rows may not take)
    rows = (_name_rows(_rows(text, tables, drafts, rules), set(), printed=False)
            + _name_rows(_printed_rows(printed, drafts), taken, printed=True))
    if rows:  # markers come in text order, one a line: only table rows have to be sorted in
        drafts += rows
        drafts.sort(key=lambda d: (d.start, d.level))
    _close(drafts, len(text), closers)
    first = drafts[0].start if drafts else len(text)
    if first > 0 and text[:first].strip():
        drafts.insert(0, _Draft("preamble", "preamble", -1, 0, end=first))
    _mark_tasks(drafts, document, rules, text)
    drafts = _with_dash_tasks(drafts, text, rules)
    return tuple(_freeze(source, text, draft, document, paragraphs, rules) for draft in drafts)


def _line_starts(body: str) -> re.Pattern:
    """Lines whose text (after spaces) matches ``body``: led by a literal newline, so re scans fast.

    The spaces are taken all at once (``*+``): a line's text starts after all of them, and giving
    them back one by one to retry ``body`` at each space was a third of the scan. The rest of the
    line is its group ``rest`` (``_candidate_lines``).
    """
    return re.compile(r"\n[ \t]*+(?=" + body + r")(?P<rest>[^\n]*+)", re.MULTILINE)


def _candidate_lines(text: str, pattern: re.Pattern, position: int = 0):
    """(start, where the pattern's lead ends, end) of the lines a pattern finds at their start, from
    ``position`` on: one regex scan of the text, rather than a Python loop over a gazette's hundred
    thousand lines. The pattern takes the rest of the line as its group ``rest``, so the line's end is
    read from the match. (``position``, not a slice of the text: a copy of the rest for each part
    heading made a text of headings quadratic.)"""
    first = pattern.match("\n" + text[position:position + 400])  # the first line has no newline before it
    if first:
        lead = position + first.start("rest") - 1
        end = text.find("\n", lead)  # (the line may run past the 400 characters matched)
        yield position, lead, (len(text) if end < 0 else end)
    for match in pattern.finditer(text, position):
        yield match.start() + 1, *match.span("rest")


def _tables(text: str) -> list[list[tuple[int, int]]]:
    """Runs of "|" lines close enough to be one flattened table: the (start, end) of those lines."""
    runs: list[list[tuple[int, int]]] = []
    if "|" not in text:  # most texts have no table: skip the scan of every line
        return runs
    for start, _, end in _candidate_lines(text, _PIPE_LINES):
        if runs and text.count("\n", runs[-1][-1][1], start) <= _TABLE_GAP \
                and not _HEADING.search(text, runs[-1][-1][1], start) \
                and not _PART_HEADING.search(text, runs[-1][-1][1], start):
            # an appendix heading between two "|" lines means two tables, and so does a part heading in capitals:
            # the body of a capture that sets no lines apart runs between the metadata's cells and the signature's
            runs[-1].append((start, end))
        else:
            runs.append([(start, end)])
    return [run for run in runs if len(run) >= 4]


def _markers(text, spans, paragraphs, rules) -> tuple[list[_Draft], list[int]]:
    """Sections opened by markers at line starts, each checked against the numbering so far; and
    where the lines that close every section ("Nơi nhận:") begin, wherever they are.

    Each candidate line is, in turn: noted if it is a closer's, passed over if it cannot open a
    section (``_may_open``), matched against the markers, and the marker it holds opens a section
    if its number follows the numbering so far (``_Numbering.open``).
    """
    table_starts = [span[0] for span in spans]
    numbering = _Numbering(notes_from=len(text) * 0.7)  # footnotes before the signature block are read only this late
    closers: list[int] = []
    # the candidate pattern ends where a line's words begin (after its spaces), so the marker
    # is matched right there, up to the line's end, without cutting the line out of the text
    for start, position, line_end in _candidate_lines(text, rules.marker_lines):
        # a closer's line is a candidate too: found here, as a scan of closer lines alone would
        # (not cut at the line's end, in a table or a paragraph), it costs no second scan
        if (rules.closer_initials is None or text[position:position + 1] in rules.closer_initials) \
                and rules.closer.match(text if start else text[:400], position):  # (a few lines of 100,000)
            closers.append(position)
        if not _may_open(text, start, position, paragraphs, spans, table_starts):
            continue
        match = rules.marker.match(text, position, line_end)
        if match is None:
            continue
        if match.lastgroup == "closer":  # the outer group of an alternative closes last
            numbering.closed_at = start
            continue
        kind, level, label_group = rules.marker_kinds[match.lastgroup]
        label = match.group(label_group) or ""
        repeats_as_next = kind == "part" and numbering.repeats(kind, level, label) and _upper_heading(
            text, match.end(), line_end) and _next_part(text, line_end, paragraphs, spans, table_starts, rules) != (
            _ordinal(kind, label) + 1)
        draft = numbering.open(kind, level, label, start, position, repeats_as_next=repeats_as_next)
        if draft is not None:
            draft.title = _title(text, match.end(), line_end, paragraphs, kind)
    return numbering.drafts, closers


def _next_part(text: str, position: int, paragraphs: bool, spans, table_starts, rules) -> int | None:
    """The number of the next part heading after ``position`` (None: none follows)."""
    for start, at, line_end in _candidate_lines(text, rules.marker_lines, position):
        if not _may_open(text, start, at, paragraphs, spans, table_starts):
            continue
        match = rules.marker.match(text, at, line_end)
        if match is not None and match.lastgroup != "closer" and rules.marker_kinds[match.lastgroup][0] == "part":
            return _ordinal("part", match.group(rules.marker_kinds[match.lastgroup][2]) or "")
    return None


def _may_open(text: str, start: int, position: int, paragraphs: bool, spans: list[tuple[int, int]],
              table_starts: list[int]) -> bool:
    """Whether the line at ``start`` may open a section: not in a table, not a quotation, and (in
    text written as paragraphs) not a wrapped line of a paragraph."""
    if spans:
        inside = bisect.bisect_right(table_starts, start) - 1
        if inside >= 0 and start <= spans[inside][1]:
            return False
    if text[position] in _QUOTES:
        return False
    if paragraphs and start:
        previous = text[text.rfind("\n", 0, start - 1) + 1:start - 1]
        if previous.strip() and not _PIPE_LINE.fullmatch(previous):
            return False  # a wrapped line of a paragraph, not the start of one
    return True


@dataclass(slots=True)
class _Numbering:
    """The sections opened so far, and the numbering a new marker must follow."""

    notes_from: float
    drafts: list[_Draft] = field(default_factory=list)
    open_: list[_Draft] = field(default_factory=list)    # the sections a new one may sit in, outermost first
    last: dict[tuple, int] = field(default_factory=dict)  # (kind, parent or scope, level) -> the last ordinal
    closed_at: int | None = None                           # where a closer's line was last seen
    scope: str = ""                                        # an attached text's id prefix ("annex.2")
    scopes: int = 0
    taken: set[str] = field(default_factory=set)
    normative: bool = False                                # an article or chapter seen: a decree's text

    def repeats(self, kind: str, level: int, label: str) -> bool:
        """Whether a marker bears the number of the last one at its place (a heading printed twice)."""
        parent, level = _place(kind, label, level, self.open_)
        previous = self.last.get((kind, self.scope if kind == "article" or parent is None else parent.id, level), 0)
        return bool(previous) and _ordinal(kind, label) == previous

    def open(self, kind: str, level: int, label: str, start: int, position: int,
             repeats_as_next: bool = False) -> _Draft | None:
        """The section a marker opens, if its number follows the numbering so far; None if not.

        ``repeats_as_next``: a heading printed with the number of the one before it is the next ("V. TỔ CHỨC
        THỰC HIỆN" ... "V. CHẾ ĐỘ BÁO CÁO": the second is part VI), for the numbering of a plan's parts goes on;
        unless the next heading bears that next number ("IV. TỈNH CAO BẰNG", "IV. THÀNH PHỐ ĐÀ NẴNG", "V. TỈNH
        ĐẮK LẮK": the second IV is a misprint the numbering does not count).
        """
        if kind == "footnote" and (self.closed_at is None and start < self.notes_from):
            return None
        parent, level = _place(kind, label, level, self.open_)
        if level is None or (kind == "item" and parent is None and self.normative):
            return None  # a numbered line outside any article of a decree is a wrapped line or a form's
        ordinal = _ordinal(kind, label)
        # articles are numbered through the text, across its chapters and sections ("Chương II" / "Điều 4."): only
        # an attached text starts them over (below); items, clauses and points, under their parent
        key = (kind, self.scope if kind == "article" or parent is None else parent.id, level)
        previous = self.last.get(key, 0)
        if kind in ("chapter", "article", "part", "appendix") and previous and ordinal == 1 and kind != "appendix":
            self.scopes += 1  # numbering starts over: an attached text (a regulation, a plan)
            self.scope = f"annex.{self.scopes + 1}"
            self.last = {k: v for k, v in self.last.items() if k[0] == "appendix"}
            key, previous = (kind, self.scope, level), 0
        if repeats_as_next and previous and ordinal == previous:
            ordinal = previous + 1
            label = _roman_numeral(ordinal)
        if not _follows(kind, previous, ordinal) and not (kind == "article" and not self.drafts):
            # (an article that opens the text, before any other section, may have any number: a
            # national code's collections give each article a file of its own, "Điều 45." on top)
            return None
        section_id = _qualify(kind, _local_id(kind, label, parent), parent, self.scope)
        if section_id in self.taken:
            return None
        self.taken.add(section_id)
        self.last[key] = ordinal
        while self.open_ and self.open_[-1].level >= level:
            self.open_.pop()
        self.normative = self.normative or kind in ("article", "chapter")
        if kind == "appendix":
            self.scope = section_id
        draft = _Draft(section_id, kind, level, position, label, parent=parent)
        if parent is not None:
            parent.children.append(draft)
        self.drafts.append(draft)
        self.open_.append(draft)
        return draft


def _upper_heading(text: str, position: int, line_end: int) -> bool:
    """Whether the words after a marker are a heading in capitals (a wrapped line's words are not)."""
    words = text[position:min(line_end, position + 120)].strip()
    return bool(words) and words.upper() == words and any(ch.isalpha() for ch in words)


def _roman_numeral(value: int) -> str:
    """A part's number in Roman numerals (1 to 39), as parts are printed.

    >>> _roman_numeral(6), _roman_numeral(9), _roman_numeral(14)
    ('VI', 'IX', 'XIV')
    """
    tens, units = divmod(value, 10)
    return "X" * tens + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[units]


def _place(kind: str, label: str, level: int, open_: list[_Draft]):
    """The parent and the level of a new marker, given the sections open before it (their levels
    rise from the outermost); no level if the marker has no section to belong to."""
    if kind == "item":
        depth = label.count(".")
        level += depth
        if depth:  # "1.2." belongs to the open item "1."
            prefix = label.rsplit(".", 1)[0]
            parent = _innermost_open(open_, level, _NUMBERED, prefix)
            return parent, (level if parent else None)
    kinds = _PARENT_KINDS.get(kind)
    if kinds is None:
        return None, level
    parent = _innermost_open(open_, level, kinds)
    if kind != "point":
        return parent, level
    # a lettered point belongs to the innermost numbered item or clause
    return parent, (max(level, parent.level + 1) if parent else None)


def _innermost_open(open_: list[_Draft], level: int, kinds: tuple[str, ...], label: str | None = None):
    """The innermost open section above ``level`` of one of ``kinds`` (and with ``label``, if given)."""
    for draft in reversed(open_):
        if draft.level < level and draft.kind in kinds and (label is None or draft.label == label):
            return draft
    return None


def _local_id(kind: str, label: str, parent: _Draft | None) -> str:
    if kind == "appendix":
        return f"Phụ lục {label}".strip()
    if kind == "footnote":
        return f"footnote.{label}"
    if kind == "chapter":
        return f"Chương {label}"
    if kind == "division":
        return f"{parent.id}.Mục {label}" if parent else f"Mục {label}"
    if kind == "article":
        return f"Điều {label}"
    if kind == "part":
        return label
    if kind == "item":
        depth = label.count(".")
        base = parent.id.rsplit(".", depth)[0] if depth else (parent.id if parent and parent.kind != "appendix" else "")
        return f"{base}.{label}" if base else label
    return f"{parent.id}.{label}"


def _qualify(kind: str, section_id: str, parent: _Draft | None, scope: str) -> str:
    # parts and articles of an appendix or an attached text would repeat the body's ids
    if scope and kind != "appendix" and (parent is None or kind in ("part", "article", "chapter")):
        if not section_id.startswith(scope):
            return f"{scope}.{section_id}"
    return section_id


@lru_cache(maxsize=4096)  # the same few labels ("1", "a", "II") recur on every page
def _ordinal(kind: str, label: str) -> int:
    if kind == "point":
        return _rules().letters.find(label) + 1
    if kind == "part" or (kind in ("chapter", "appendix") and label[:1] in _ROMAN):
        return roman(label)
    digits = _DIGITS.match(label.rsplit(".", 1)[-1])
    return int(digits.group()) if digits else 1


def _follows(kind: str, previous: int, ordinal: int) -> bool:
    """Whether a marker's number may follow the last one at its level (wrapped lines start with numbers too)."""
    if kind in ("appendix", "footnote"):
        return ordinal >= previous
    if kind == "article":
        return previous < ordinal <= previous + 3
    if kind in ("part", "chapter"):
        return previous < ordinal <= previous + 2
    if kind == "point":
        return ordinal == previous + 1 or (previous and ordinal == previous + 2)  # "d)" is often followed by "e)"
    return ordinal == previous + 1


def _title(text: str, position: int, line_end: int, paragraphs: bool, kind: str) -> str | None:
    """The heading words after a marker: to the end of the line (of the paragraph in markdown plans)."""
    if position == line_end or text[position:line_end].isspace():  # "Chương I" with its name on the next line
        position = line_end + 1
        while position < len(text) and text[position] in " \t\n":
            position += 1
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
    if paragraphs:
        limit = min(len(text), position + 300)
        stop = _TITLE_END.search(text, position, limit)
        end = stop.start() if stop else limit
    elif kind in ("item", "point", "part", "task"):  # the heading ends with its line: read no further
        limit = min(line_end, position + 300)
        stop = _TITLE_END_IN_LINE.search(text, position, limit)
        end = stop.start() if stop else limit
    else:
        end = line_end
    title = " ".join(text[position:end].split()).strip(" -–")  # split() splits where \s+ does
    if len(title) > 160:
        title = title[:160].rsplit(" ", 1)[0] + " …"
    return title or None


def _close(drafts: list[_Draft], length: int, closers: list[int]) -> None:
    """A section ends where the next one at its level or above begins, or at the signature block."""
    open_: list[_Draft] = []
    for draft in drafts:
        if draft.end >= 0:  # table rows know their end
            continue
        while open_ and open_[-1].level >= draft.level:
            open_.pop().end = draft.start
        open_.append(draft)
    for draft in open_:
        draft.end = length
    for draft in drafts:
        cut = bisect.bisect_right(closers, draft.start)
        if cut < len(closers) and closers[cut] < draft.end and draft.kind not in ("appendix", "footnote"):
            draft.end = closers[cut]
    for draft in drafts:
        # a section whose parent closed before it began (the signature block, or a body's chapter
        # still open when an attached text starts its articles) belongs to the nearest ancestor
        # that holds it; and a child never outlives its parent
        while draft.parent is not None and not draft.parent.start <= draft.start < draft.parent.end:
            draft.parent = draft.parent.parent
        if draft.parent is not None and draft.end > draft.parent.end:
            draft.end = draft.parent.end


def _rows(text, tables, drafts, rules) -> list[list[tuple[str, _Draft]]]:
    """Numbered rows of task tables ("STT | Nhiệm vụ | Cơ quan chủ trì | ..."), each table's with the group its rows are
    numbered under ("" for none): tasks, named by ``_name_rows``."""
    found_in_tables = []
    starts = [d.start for d in drafts]
    for table in tables:
        cells = [(a[1] + 1, b[0] - 1) for a, b in zip(table, table[1:])]
        cells = [(s, max(s, e)) for s, e in cells]
        header = _header(text, cells, rules)
        if "lead" not in header:
            continue
        k, group, found = len(header), "", []
        while k < len(cells):
            s, e = cells[k]
            label = text[s:e].strip(" \t\n*")
            heading = _GROUP.fullmatch(label)
            if heading:  # "**II** | **TRIỂN KHAI ĐỒNG BỘ ...**", "**I. Kinh tế số**": the rows below are its
                group = heading.group(1)
            if not re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*", label):
                k += 1
                continue
            row, j = _row_cells(text, cells, k, header)
            if _heading_row(text, row):
                k = j  # "**5.1** | ** ** | **Thương mại** | ** **": a group's heading, numbered as its rows are
                continue
            draft = _Draft("", "task", 9, s, label, parent=_innermost(drafts, starts, s), end=cells[j - 1][1], row=True)
            _read_row(text, row, draft)
            found.append((group, draft))
            k = j
        found_in_tables.append(found)
    return found_in_tables


def _printed_rows(tables: list[TextTable], drafts: list[_Draft]) -> list[list[tuple[str, _Draft]]]:
    """The numbered rows of tables printed without separators (``kg.text_tables``), each table's with the group
    its rows are numbered under: tasks, named by ``_name_rows``. A row whose number heads the rows numbered under it
    ("1." above "1.1") is their heading, not a task."""
    found_in_tables = []
    starts = [d.start for d in drafts]
    for table in tables:
        labels = [row.label for row in table.rows]
        found = []
        for row in table.rows:
            if row.lead is None and any(label.startswith(row.label + ".") for label in labels):
                continue
            draft = _Draft("", "task", 9, row.start, row.label, parent=_innermost(drafts, starts, row.start),
                           end=row.end, row=True)
            draft.title = clip(row.task) or None
            draft.lead = agency_text(row.lead) if row.lead else None
            draft.partners = agencies(row.partners) if row.partners else ()
            draft.deadlines = tuple(filter(None, (read_deadline(time, cell=True) for time in row.times)))
            draft.deadline = draft.deadlines[0] if draft.deadlines else None
            found.append((row.group, draft))
        found_in_tables.append(found)
    return found_in_tables


def _name_rows(tables: list[list[tuple[str, _Draft]]], taken: set[str], printed: bool) -> list[_Draft]:
    """Each task table's rows named "appendix.N" (numbered through the table) or "appendix.I.N" (numbered afresh
    under each group, where a number alone names no row); where each table stands in an appendix of its own
    ("Phụ lục I" ... "Phụ lục VII", each with its table of instruments to amend), the appendix's numeral first
    ("appendix.IV.II.3", "appendix.III.1"): else the rows of one table would take the names of another's. A
    second table of the same numbers in no appendix of its own has its rows numbered on."""
    appendices = [_appendix_label(found[0][1]) for found in tables if found]
    by_appendix = len(appendices) > 1 and None not in appendices and len(set(appendices)) == len(appendices)
    rows: list[_Draft] = []
    for found in tables:
        labels = [draft.label for _, draft in found]
        afresh = len(set(labels)) < len(labels)
        if not printed:  # (a markdown table's rows go under groups only where each has one; names checked within it)
            afresh, taken = afresh and all(group for group, _ in found), set()
        for group, draft in found:
            name = f"{group}.{draft.label}" if afresh else draft.label
            if by_appendix:
                draft.id = f"appendix.{_appendix_label(draft)}.{name}"
            elif printed or afresh:
                draft.id = f"appendix.{name}"
            else:  # a markdown table's rows numbered through, whatever numbers it prints
                draft.id = f"appendix.{len(rows) + 1}"
            if draft.id in taken:
                draft.id = f"appendix.{len(rows) + 1}"
                while printed and draft.id in taken:
                    draft.id = f"appendix.{int(draft.id.rsplit('.', 1)[1]) + 1}"
            taken.add(draft.id)
            rows.append(draft)
    return rows


def _appendix_label(draft: _Draft) -> str | None:
    """The numeral of the appendix a section stands in ("IV" of "Phụ lục IV"), None outside one or for one unnumbered."""
    parent = draft.parent
    while parent is not None and parent.kind != "appendix":
        parent = parent.parent
    return parent.label or None if parent is not None else None


def _heading_row(text: str, row: dict[str, tuple[int, int]]) -> bool:
    """Whether a numbered row is a heading of the rows below it: no task, and one cell at most written (a
    group's name, whichever column the capture put it in)."""
    written = [name for name, (s, e) in row.items() if text[s:e].strip()]
    return "task" in row and "task" not in written and len(written) <= 1


def _header(text: str, cells: list[tuple[int, int]], rules) -> list[str]:
    """What each column of a table holds, from its first non-empty cells ("number", "task", "lead"...)."""
    header = []
    for s, e in cells:
        if not text[s:e].strip():
            if header:
                break
            continue
        header.append(_column(fold(_SPACES.sub(" ", text[s:e])), rules))
    return header


def _row_cells(text: str, cells: list[tuple[int, int]], k: int, header: list[str]):
    """The cells of the row numbered in cell ``k``, by column, and the cell after the row's last.
    An empty cell before a number (or a part's marker) ends a row that has fewer cells than columns."""
    row = {}
    column, j = 1, k + 1
    while j < len(cells) and column < len(header):
        cs, ce = cells[j]
        value = text[cs:ce].strip()
        if not value and j + 1 < len(cells) and re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*|[IVX]+\.?|[A-Z]",
                                                             text[cells[j + 1][0]:cells[j + 1][1]].strip()):
            break
        row[header[column]] = (cs, ce)
        column, j = column + 1, j + 1
    return row, j


def _read_row(text: str, row: dict[str, tuple[int, int]], draft: _Draft) -> None:
    """A row's task, lead, partners and deadline, each read from its own cell."""
    if "task" in row:
        draft.title = clip(_SPACES.sub(" ", text[slice(*row["task"])]).strip())
    if "lead" in row:
        draft.lead = agency_text(text[slice(*row["lead"])]) or None
    if "partners" in row:
        draft.partners = agencies(text[slice(*row["partners"])])
    if "deadline" in row:
        draft.deadline = read_deadline(text[slice(*row["deadline"])], cell=True)


def _column(header: str, rules) -> str:
    for name, words in rules.columns:
        if name == "number":
            if header.strip(" .") in words:
                return name
        elif any(word in header for word in words):
            return name
    return "other"


def _innermost(drafts: list[_Draft], starts: list[int], position: int) -> _Draft | None:
    index = bisect.bisect_right(starts, position) - 1
    if index < 0:
        return None
    draft = drafts[index]
    while draft is not None and draft.kind not in ("appendix", "part", "article", "item"):
        draft = draft.parent
    return draft


def _mark_tasks(drafts: list[_Draft], document: Document, rules, text: str) -> None:
    """Items of an implementation part, and a directive's numbered items, are tasks; an article's are clauses.

    An item of another part is a task too when its own words give the work to a lead ("Sở Tài
    chính, trên cơ sở đề xuất ..., chủ trì tổng hợp" under "III. KINH PHÍ BẢO ĐẢM").
    """
    directive = document.instrument.doc_type in rules.task_types
    taken = {d.id for d in drafts}  # (names given to tasks anew are added as they are given)
    for draft in drafts:
        if draft.kind != "item":
            continue
        part = draft.parent
        while part is not None and part.kind in ("item", "task", "clause"):
            part = part.parent
        if part is not None and part.kind == "article" and draft.parent is part and (
                _article_gives_work(part, document, rules) or _clause_gives_work(text, draft, document, rules)) \
                and headed_by_agency(text, draft):
            draft.kind = "task"  # "Điều 2. Tổ chức thực hiện / 3. Trách nhiệm của Bộ Công an / a) ...": task "2.3"
            _rename(draft, f"{part.label}.{draft.label}", taken)
        elif part is not None and part.kind == "article":
            draft.kind = "clause"  # "Điều 3.2": khoản 2 of Điều 3
        elif part is None:
            if directive:
                draft.kind = "task"
        elif _gives_work(part, rules):
            draft.kind = "task"
        elif part.kind == "part" and draft.parent is part and assigns_work(text, draft):
            draft.kind = "task"
        elif part.kind == "appendix" and draft.parent is part and _appendix_gives_work(part, rules):
            draft.kind = "task"
            _name_as_row(draft, taken)
    for draft in drafts:  # (in text order: a point's parent is marked before it)
        if draft.kind == "task":
            _mark_activities(draft, text)
        elif (_gives_work(draft, rules) and draft.parent is None and not draft.children
              and task_duties(text, draft, draft.end, document)[0]):
            # a part of the body that gives its work in words, not numbered items, to the agency it names: "VII.
            # CHẾ ĐỘ BÁO CÁO\n\nCác sở, ban, ngành ... gửi báo cáo ... về Sở Nội vụ trước ngày 16 tháng 12 năm 2025"
            draft.kind = "task"


# a dash opening a line of a task's list ("- Sở Nội vụ hướng dẫn ..."): its words start after it
_DASH = re.compile(r"\n[ \t*]*[-–][ \t]+(?=\S)")


def _with_dash_tasks(drafts: list[_Draft], text: str, rules) -> list[_Draft]:
    """``drafts`` with, under a task headed by its work, each dash of its own words that gives the work to the agency
    it opens with as a task of its own, "II.4.-3" for its third dash ("2. Trách nhiệm thực hiện / - Các cơ quan, đơn
    vị căn cứ Kế hoạch này ... / - Sở Văn hóa, Thể thao và Du lịch phối hợp với ... / - Sở Nội vụ hướng dẫn khen thưởng
    ..."), where two dashes or more do: the dashes that state a duty with no agency ("- Đổi mới nội dung, hình thức
    ...") stay the task's own words; nor under a heading that names who takes part ("Đối tượng thực hiện")."""
    added: list[_Draft] = []
    for task in drafts:
        if task.kind != "task" or task.row or fold(task.title or "").startswith(rules.participant_headings) \
                or addresses_agency(text, task):
            continue
        own_end = min([child.start for child in task.children] + [task.end])
        dashes = list(_DASH.finditer(text, task.start, own_end))
        spans = [(dash.end(), after.start()) for dash, after in zip(dashes, dashes[1:])]
        spans += [(dashes[-1].end(), own_end)] if dashes else []
        found = [_Draft(f"{task.id}.-{k}", "task", 9, start, f"-{k}", title=clip(_SPACES.sub(" ", text[start:end]).strip()),
                        parent=task, end=end)
                 for k, (start, end) in enumerate(spans, 1) if addressed_dash(text, start, end)]
        if len(found) >= 2:
            task.children[:0] = found
            added += found
    return sorted(drafts + added, key=lambda d: (d.start, d.level)) if added else drafts


def _gives_work(part: _Draft, rules) -> bool:
    """Whether a part's heading says it gives work ("NHIỆM VỤ", "TỔ CHỨC THỰC HIỆN", "CHẾ ĐỘ BÁO CÁO"), and does not
    report what was done ("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ...")."""
    return (part.kind == "part" and bool(part.title) and any(word in fold(part.title) for word in rules.task_parts)
            and not fold(part.title).startswith(rules.report_parts))


def _appendix_gives_work(appendix: _Draft, rules) -> bool:
    """Whether an appendix's heading opens with the work it gives ("NHIỆM VỤ CỤ THỂ GIAO CÁC BỘ, CƠ QUAN, ĐỊA
    PHƯƠNG"), not with what it sets for tasks named further on ("ĐỊNH MỨC KHOÁN CHI CHO TỪNG NHIỆM VỤ")."""
    title = fold(appendix.title or "")
    return title.startswith(rules.task_appendices) and not title.startswith(rules.task_appendices_not)


def _article_gives_work(article: _Draft, document: Document, rules) -> bool:
    """Whether an article's clauses may be tasks: the article that carries out a decision or a resolution approving
    a programme or an Đề án ("Phê duyệt Đề án ...": "Điều 2. Tổ chức thực hiện"), not a decree's or a circular's
    closing article, whose duties are rules (``work_articles`` in data/structure.json)."""
    title = fold(document.instrument.title or "")
    return (document.instrument.doc_type in rules.work_article_types and title.startswith(rules.work_titles)
            and bool(article.title) and fold(article.title).startswith(rules.work_articles))


def _clause_gives_work(text: str, clause: _Draft, document: Document, rules) -> bool:
    """Whether a clause of a decision or a resolution opens by giving its work to the agency it names, its duties listed
    below ("2. Giao Bộ Văn hoá, Thể thao và Du lịch: / a) Chủ trì, phối hợp ..."): ``giving`` in data/structure.json's
    ``work_articles``."""
    if document.instrument.doc_type not in rules.work_article_types or not clause.children \
            or rules.work_giving.match(text, clause.start, clause.start + 40) is None:
        return False
    # (its first line the agency and a colon, its duties the points below: "1. Giao Ủy ban nhân dân tỉnh quy định chi
    # tiết thi hành Nghị quyết này." is a sentence)
    line_end = text.find("\n", clause.start, clause.children[0].start)
    return text[clause.start:line_end if line_end >= 0 else clause.children[0].start].rstrip(" \t*").endswith(":")


def _name_as_row(task: _Draft, taken: set[str]) -> None:
    """An appendix's numbered task is named as a task table's row is, "appendix.N" (the appendix's own numeral
    before N where another appendix took that name), and its points after it."""
    name = f"appendix.{task.label}"
    if name in taken:
        name = f"appendix.{task.parent.label}.{task.label}"
    _rename(task, name, taken)


def _rename(task: _Draft, name: str, taken: set[str]) -> None:
    """A task named anew, and its points after it; left as it is where the name is taken."""
    if name in taken:
        return
    old, task.id = task.id, name
    taken.add(name)
    stack = list(task.children)
    while stack:
        child = stack.pop()
        if child.id.startswith(old + "."):
            child.id = name + child.id[len(old):]
        stack.extend(child.children)


def _states_time(draft: _Draft, rules) -> bool:
    """Whether an item of a plan's body that is no task is headed by when the work is done ("3. Thời gian tổ
    chức phong trào thi đua: ... từ tháng 10 năm 2025 đến hết tháng 3 năm 2026"; not "Thời gian qua, ...").
    Not inside a task (its time is the task's: "c) Thời gian thực hiện: 2025"), nor inside an item that already
    states it, nor in an article's rules ("Thời gian giảng dạy ... hàng ngày") or an appendix's forms ("Thời
    gian: Bắt đầu từ ...")."""
    if draft.kind not in ("item", "point") or not _headed_by_time(draft, rules):
        return False
    ancestor = draft.parent
    while ancestor is not None:
        if ancestor.kind in ("task", "article", "appendix") or (ancestor.kind in ("item", "point")
                                                                and _headed_by_time(ancestor, rules)):
            return False
        ancestor = ancestor.parent
    return True


def _headed_by_time(draft: _Draft, rules) -> bool:
    title = fold(draft.title or "")
    return title.startswith(rules.time_headings) and not title.startswith(rules.time_headings_not)


def _mark_activities(task: _Draft, text: str) -> None:
    """The lettered points of a task that are activities, each giving its work to its own lead, are tasks of
    their own ("a) Hoạt động 1 ... - Cơ quan thực hiện: Sở Nội vụ chủ trì ...; b) Hoạt động 2 ... Sở Văn hóa
    và Thể thao chủ trì ..."). Points that are the fields of one task ("a) Nhiệm vụ: ...; b) Cơ quan thực
    hiện: ...; c) Thời gian thực hiện: ...") are not, nor a single point naming a lead."""
    points = [child for child in task.children if child.kind == "point"]
    working = [point for point in points if assigns_work(text, point)]
    if len(points) < 2 or any(opens_with_field(text, point) for point in points):
        return
    # (and, beside them, each point that opens with the agency its duty falls to: "e) Bộ Giáo dục và Đào tạo
    # nghiên cứu ..." among "a) Bộ Nông nghiệp và Môi trường chủ trì ...", "c) Bộ Công Thương chủ trì ...")
    addressed = [point for point in points if point in working or addresses_agency(text, point)]
    # under a task headed by its work, every point addressed to its agency is a task of its own too, "chủ trì" or
    # not: "1. Thực hiện hiệu quả công tác giáo dục chính trị ...: a) Các bộ, ngành, địa phương tăng cường ...; b)
    # Các bộ, ngành, địa phương chủ động phối hợp với Bộ Nội vụ tham mưu ..." (not under a task headed by its
    # agency, whose points are its duties: "19. Các doanh nghiệp công nghệ số: a) Các doanh nghiệp viễn thông ...")
    if len(working) >= 2 or (len(addressed) == len(points) and not addresses_agency(text, task)):
        for point in addressed:
            point.kind = "task"


def _heading_owner(task: _Draft, rules) -> str | None:
    """The agencies a heading above a task names as whose work its items are ("Phụ lục I / NHIỆM VỤ CỦA CÁC BỘ, NGÀNH,
    ĐỊA PHƯƠNG / TRONG TRIỂN KHAI ĐỀ ÁN ..." over "1. Phối hợp chặt chẽ với Bộ Công an ..."), written as a name is
    where the heading is in capitals; None where no heading names them."""
    heading = task.parent
    while heading is not None:
        title = " ".join((heading.title or "").split())
        # (read folded, a title of NFC text keeps its length: the match's places are the title's)
        owner = rules.owner_heading.match(fold(title)) if heading.kind in ("part", "appendix") else None
        if owner is not None:
            name = agency_text(title[owner.start("owner"):owner.end("owner")])
            name = _as_name(name, rules.acronyms)
            if not names_agency(name):
                return None  # "NHIỆM VỤ CỦA ĐỀ ÁN", "NHIỆM VỤ CỤ THỂ CỦA NĂM 2025": no agency's
            return name
        heading = heading.parent
    return None


def _as_name(words: str, acronyms: frozenset[str]) -> str:
    """Words a heading writes in capitals as a name is written ("CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG": "Các bộ, ngành, địa
    phương"), its acronyms kept ("UBND CÁC XÃ": "UBND các xã")."""
    if not words.isupper():
        return words
    kept = [word if word in acronyms else word.lower() for word in words.split(" ")]
    return " ".join(kept)[:1].upper() + " ".join(kept)[1:]


def _freeze(source: SourceText, text: str, draft: _Draft, document: Document, paragraphs: bool, rules) -> Section:
    lead, partners, reports_to, via = draft.lead, draft.partners, None, None
    deadlines = list(draft.deadlines) or ([draft.deadline] if draft.deadline else [])
    if draft.kind == "task" and not draft.row:
        own_end = min([c.start for c in draft.children if c.kind == "task"] + [draft.end])
        lead, partners, deadlines, (reports_to, via) = task_duties(text, draft, own_end, document)
        lead = lead or _heading_owner(draft, rules)
    elif draft.kind == "task":
        reports_to, via = task_reports_to(text[draft.start:draft.end], document)
    elif _states_time(draft, rules):
        deadlines = stated_times(text, draft, draft.end)
    return Section(
        id=draft.id,
        kind=draft.kind,
        start=source.to_original(draft.start),
        end=source.to_original(draft.end),
        title=draft.title,
        parent=draft.parent.id if draft.parent else None,
        lead=lead,
        partners=partners,
        deadline=deadlines[0] if deadlines else None,
        reports_to=reports_to,
        deadlines=tuple(deadlines),
        via=via,
    )

