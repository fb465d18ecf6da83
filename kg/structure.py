"""Text -> the document's structure: parts, items, tasks, articles, appendix rows, footnotes.

One pass over the lines of ``source.normalized``: a line that begins with a marker from
``data/structure.json`` ("II.", "1.2.", "a)", "Điều 3.", "Chương I", "PHỤ LỤC") opens a section
when its number follows the last one at that level, and closes every open section at the same or
a deeper level. Flattened tables (one cell per line between lines holding only "|") are read
apart: a table whose header names a "chủ trì" column is a task table, each numbered row a task
"appendix.N". Items of a plan's implementation part ("NỘI DUNG", "NHIỆM VỤ", "TỔ CHỨC THỰC
HIỆN"...) and a directive's numbered items are tasks; each task's own words give its lead
agency, partners, deadline and the body it reports to.

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
import itertools
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from .models import Document, Section, SourceText
from .issuers import complete_issuer
from .vocab import fold

__all__ = ["parse_sections", "read_deadline"]

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_PIPE_LINE = re.compile(r"[ \t]*\|[ \t]*")
_PIPE_LINES = re.compile(r"\n(?=[ \t]*\|[ \t]*$)", re.MULTILINE)
_HEADING = re.compile(r"\n[ \t]*(?:PHỤ LỤC|Phụ lục)")
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


class _Caseless:
    """A case-insensitive pattern, also compiled in lowercase to be run over lowercased text.

    re tries a case-insensitive pattern at every character; a case-sensitive one skips ahead to
    where its first letters are (a task's deadline phrases are found three times faster). Both find
    the same spans over the text ``_lowercase_twin`` accepts, if the pattern is one that
    ``_lowercases_alike`` accepts.
    """

    def __init__(self, pattern: str):
        self.anycase = re.compile(pattern, re.IGNORECASE)
        self.lowercase = re.compile(pattern.lower()) if _lowercases_alike(pattern) else None

    def search(self, text: str, lowered: str | None) -> re.Match | None:
        """The first match in ``text`` (``lowered`` is its ``_lowercase_twin``): read its span, not its words."""
        if lowered is None or self.lowercase is None:
            return self.anycase.search(text)
        return self.lowercase.search(lowered)

    def finditer(self, text: str, lowered: str | None):
        """The matches in ``text``, as ``search``: read their spans, not their words."""
        if lowered is None or self.lowercase is None:
            return self.anycase.finditer(text)
        return self.lowercase.finditer(lowered)


def _lowercase_twin(text: str) -> str | None:
    """``text`` lowercased, if a case-insensitive pattern finds, in lowercase, the same spans there.

    That holds when every character lowercases to one character that case folding and upper- and
    lowercasing leave as it is, for then ``str.lower`` and re's case folding agree: Vietnamese does;
    "ſ", "ı", "İ" or a final "ς" do not (their text is read with the case-insensitive patterns).

    >>> _lowercase_twin("Trước ngày 30/11/2023"), _lowercase_twin("İ"), _lowercase_twin("ΟΣ")
    ('trước ngày 30/11/2023', None, None)
    """
    lowered = text.lower()
    return lowered if len(lowered) == len(text) and _case_stable(lowered) else None


def _case_stable(lowered: str) -> bool:
    return lowered.casefold() == lowered and lowered.upper().lower() == lowered


def _lowercases_alike(pattern: str) -> bool:
    """Whether ``pattern`` in lowercase is ``pattern`` case-insensitive, over lowercased text.

    Lowercasing must change only its letters, not an escape ("\\S"), a group's name or flags
    ("(?P<Name>"), nor a set: sets must hold no uppercase letter and no range but digits ("[!-a]",
    case-insensitive, holds "B" as well as "b").

    >>> _lowercases_alike(r"Thời\\s+(?:gian|hạn)\\s*:"), _lowercases_alike(r"Quý\\s+[1-4]"), _lowercases_alike(r"\\S+")
    (True, True, False)
    """
    lowercase = pattern.lower()
    if not _case_stable(lowercase):
        return False
    for part in re.findall(r"\\.|\[(?:\\.|[^\]\\])*\]|\(\?[^:]", pattern):  # escapes, sets, (?...
        if part != part.lower() or part[0] == "[" and "-" in re.sub(r"\\.|\d-\d", "", part[1:-1]):
            return False
    return True


@dataclass(frozen=True)
class _Rules:
    marker: re.Pattern         # a closer, or the first marker that matches a line: one alternative each
    marker_kinds: dict[str, tuple[str, int, str]]  # alternative's group -> (kind, level, label group)
    letters: str
    task_parts: tuple[str, ...]
    task_types: frozenset[str]
    marker_lines: re.Pattern   # lines that may open a section or close them all: the only lines read
    closer: re.Pattern         # a closer's words, where a line's words begin
    columns: tuple[tuple[str, tuple[str, ...]], ...]
    inline_lead: _Caseless
    inline_partners: _Caseless
    inline_deadline: _Caseless
    inline_label: re.Pattern
    verb_lead: re.Pattern
    addressee: re.Pattern
    addressee_end: re.Pattern
    not_duty: re.Pattern
    duty: re.Pattern
    clause: re.Pattern
    agency_start: re.Pattern
    agency_split: re.Pattern
    deadlines: tuple[tuple[re.Pattern, str, bool], ...]
    deadline_any: _Caseless
    reports_to: re.Pattern


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = json.loads(files("kg").joinpath("data", "structure.json").read_text(encoding="utf-8"))
    heads = sorted(data["agency_heads"], key=len, reverse=True)
    head_alternation = "|".join(r"\s+".join(map(re.escape, h.split())) for h in heads)
    # words that begin like an agency and are none: "Trường hợp", "Hội nghị", "Báo cáo", "Ban hành"
    not_agency = "|".join(r"\s+".join(map(re.escape, w.split())) for w in data["addressee"]["not_agency"])
    inline = data["inline"]
    deadlines = tuple((re.compile(d["pattern"], re.IGNORECASE), d["value"], bool(d.get("cell_only")))
                      for d in data["deadlines"])
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
        task_types=frozenset(data["task_types"]),
        marker_lines=_line_starts("|".join([_line_body(m["pattern"]) for m in data["markers"]]
                                           + [_line_body(c) for c in data["closers"]])),
        closer=re.compile("|".join(_line_body(c) for c in data["closers"]), re.MULTILINE),
        columns=tuple((name, tuple(fold(w) for w in words)) for name, words in data["table"]["columns"].items()),
        inline_lead=_Caseless(inline["lead"]),
        inline_partners=_Caseless(inline["partners"]),
        inline_deadline=_Caseless(inline["deadline"]),
        inline_label=re.compile("|".join((inline["lead"], inline["partners"], inline["deadline"])), re.IGNORECASE),
        verb_lead=re.compile(data["verb_lead"]),
        # the marker, bold marks and a prefix, then an agency's name where the item's words begin
        addressee=re.compile(r"[\s*]*(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\)|[IVX]{1,5}\s*\.)?[\s*]*(?:"
                             + data["addressee"]["prefix"] + rf")?(?=(?:{head_alternation})\b)"),
        # where the name ends: a heading's end, a list below it, or a duty verb in lowercase
        # (a verb after "cơ quan", "đơn vị", "tổ chức" names the kind of body: "cơ quan tham mưu";
        # a duty that begins a line, in capitals, ends a heading: "Bộ Y tế\\nChủ trì ...")
        addressee_end=re.compile(r"\s*(?P<heading>[:.;]|\n[ \t]*\n|\n[ \t*]*(?:[-+•]|[a-zđ]\)))"
                                 r"|(?<!cơ quan)(?<!Cơ quan)(?<!đơn vị)(?<!Đơn vị)(?<!tổ chức)\s+(?P<duty>" + data["addressee"]["duty"] + r")(?!\w)"
                                 r"|[ \t]*\n[ \t*]*(?P<line>" + _capitalized(data["addressee"]["duty"]) + r")(?!\w)"
                                 r"|(?P<clause>"
                                 + data["addressee"]["clause"] + r")|\s+(?P<other>"
                                 + data["addressee"]["not_duty"] + r")(?!\w)"),
        not_duty=re.compile(data["addressee"]["not_duty"]),
        duty=re.compile(r"(?<!cơ quan)(?<!Cơ quan)(?<!đơn vị)(?<!Đơn vị)(?<!tổ chức)\s+(?:" + data["addressee"]["duty"] + r"|là\s+cơ\s+quan)(?!\w)"),
        clause=re.compile(data["addressee"]["clause"]),
        agency_start=re.compile(rf"(?!(?:{not_agency})\b)(?:{head_alternation})\b"),
        agency_split=re.compile(rf"\s*;\s*|,\s*(?=(?:{head_alternation})\b)"),
        deadlines=deadlines,
        deadline_any=_Caseless("|".join(f"(?:{_unnamed(d['pattern'])})" for d in data["deadlines"]
                                        if not d.get("cell_only"))),
        reports_to=re.compile(data["reports_to"]),
    )


def _capitalized(alternation: str) -> str:
    """Each alternative of a lowercase alternation with its first letter in capitals."""
    return "|".join(a[:1].upper() + a[1:] for a in alternation.split("|"))


def _line_body(pattern: str) -> str:
    """A line-start pattern without its anchor and group names, to join into one lookahead."""
    return _unnamed(_unanchored(pattern))


def _unanchored(pattern: str) -> str:
    return pattern[1:] if pattern.startswith("^") else pattern


def _unnamed(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


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
    children: list = field(default_factory=list)


def parse_sections(source: SourceText, document: Document) -> tuple[Section, ...]:
    """The sections of ``source``, parents before children, offsets into the original text."""
    rules = _rules()
    text = source.normalized
    tables = _tables(text)
    # markdown captures (bold "**") wrap paragraphs at any word and set them apart by blank lines,
    # so there only a line after a blank one can open a section; gazette texts have no such rule
    paragraphs = "**" in source.original
    drafts, closers = _markers(text, tables, paragraphs, rules)
    rows = _rows(text, tables, drafts, rules)
    if rows:  # markers come in text order, one a line: only table rows have to be sorted in
        drafts += rows
        drafts.sort(key=lambda d: (d.start, d.level))
    _close(drafts, len(text), closers)
    first = drafts[0].start if drafts else len(text)
    if first > 0 and text[:first].strip():
        drafts.insert(0, _Draft("preamble", "preamble", -1, 0, end=first))
    _mark_tasks(drafts, document, rules, text)
    return tuple(_freeze(source, text, draft, document, paragraphs, rules) for draft in drafts)


def _line_starts(body: str) -> re.Pattern:
    """Lines whose text (after spaces) matches ``body``: led by a literal newline, so re scans fast.

    The spaces are taken all at once (``*+``): a line's text starts after all of them, and giving
    them back one by one to retry ``body`` at each space was a third of the scan.
    """
    return re.compile(r"\n[ \t]*+(?=" + body + ")", re.MULTILINE)


def _candidate_lines(text: str, pattern: re.Pattern):
    """(start, where the pattern ends, end) of the lines a pattern finds at their start: one regex
    scan of the text, rather than a Python loop over a gazette's hundred thousand lines."""
    first = pattern.match("\n" + text[:400])  # the first line has no newline before it
    matches = pattern.finditer(text)
    if first:
        matches = itertools.chain([None], matches)
    for match in matches:
        start, position = (0, first.end() - 1) if match is None else (match.start() + 1, match.end())
        end = text.find("\n", position)
        yield start, position, (len(text) if end < 0 else end)


def _tables(text: str) -> list[list[tuple[int, int]]]:
    """Runs of "|" lines close enough to be one flattened table: the (start, end) of those lines."""
    runs: list[list[tuple[int, int]]] = []
    if "|" not in text:  # most texts have no table: skip the scan of every line
        return runs
    for start, _, end in _candidate_lines(text, _PIPE_LINES):
        if runs and text.count("\n", runs[-1][-1][1], start) <= _TABLE_GAP \
                and not _HEADING.search(text, runs[-1][-1][1], start):
            runs[-1].append((start, end))  # an appendix heading between two "|" lines means two tables
        else:
            runs.append([(start, end)])
    return [run for run in runs if len(run) >= 4]


def _markers(text, tables, paragraphs, rules) -> tuple[list[_Draft], list[int]]:
    """Sections opened by markers at line starts, each checked against the numbering so far; and
    where the lines that close every section ("Nơi nhận:") begin, wherever they are."""
    spans = [(table[0][0], table[-1][1]) for table in tables]
    table_starts = [span[0] for span in spans]
    drafts: list[_Draft] = []
    closers: list[int] = []
    open_: list[_Draft] = []
    last: dict[tuple, int] = {}
    closed_at = None
    scope, scopes = "", 0
    taken: set[str] = set()
    normative = False
    notes_from = len(text) * 0.7  # footnotes before the signature block are read only this late
    # the candidate pattern ends where a line's words begin (after its spaces), so the marker
    # is matched right there, up to the line's end, without cutting the line out of the text
    for start, position, line_end in _candidate_lines(text, rules.marker_lines):
        # a closer's line is a candidate too: found here, as a scan of closer lines alone would
        # (not cut at the line's end, in a table or a paragraph), it costs no second scan
        if rules.closer.match(text if start else text[:400], position):
            closers.append(position)
        if spans:
            inside = bisect.bisect_right(table_starts, start) - 1
            if inside >= 0 and start <= spans[inside][1]:
                continue
        if text[position] in _QUOTES:
            continue
        if paragraphs and start:
            previous = text[text.rfind("\n", 0, start - 1) + 1:start - 1]
            if previous.strip() and not _PIPE_LINE.fullmatch(previous):
                continue  # a wrapped line of a paragraph, not the start of one
        match = rules.marker.match(text, position, line_end)
        if match is None:
            continue
        if match.lastgroup == "closer":  # the outer group of an alternative closes last
            closed_at = start
            continue
        kind, level, label_group = rules.marker_kinds[match.lastgroup]
        label = match.group(label_group) or ""
        if kind == "footnote" and (closed_at is None and start < notes_from):
            continue
        parent, level = _place(kind, label, level, open_)
        if level is None or (kind == "item" and parent is None and normative):
            continue  # a numbered line outside any article of a decree is a wrapped line or a form's
        ordinal = _ordinal(kind, label)
        key = (kind, parent.id if parent else scope, level)
        previous = last.get(key, 0)
        if kind in ("chapter", "article", "part", "appendix") and previous and ordinal == 1 and kind != "appendix":
            scopes += 1  # numbering starts over: an attached text (a regulation, a plan)
            scope = f"annex.{scopes + 1}"
            last = {k: v for k, v in last.items() if k[0] == "appendix"}
            key, previous = (kind, scope, level), 0
        if not _follows(kind, previous, ordinal):
            continue
        section_id = _qualify(kind, _local_id(kind, label, parent), parent, scope)
        if section_id in taken:
            continue
        taken.add(section_id)
        last[key] = ordinal
        while open_ and open_[-1].level >= level:
            open_.pop()
        normative = normative or kind in ("article", "chapter")
        if kind == "appendix":
            scope = section_id
        draft = _Draft(section_id, kind, level, position, label, parent=parent)
        draft.title = _title(text, match.end(), line_end, paragraphs, kind)
        if parent is not None:
            parent.children.append(draft)
        drafts.append(draft)
        open_.append(draft)
    return drafts, closers


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
        return _roman(label)
    digits = _DIGITS.match(label.rsplit(".", 1)[-1])
    return int(digits.group()) if digits else 1


def _roman(label: str) -> int:
    total = 0
    for index, letter in enumerate(label):
        value = _ROMAN.get(letter, 0)
        total += -value if index + 1 < len(label) and _ROMAN.get(label[index + 1], 0) > value else value
    return total


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


def _rows(text, tables, drafts, rules) -> list[_Draft]:
    """Numbered rows of task tables ("STT | Nhiệm vụ | Cơ quan chủ trì | ..."), as tasks "appendix.N"."""
    rows: list[_Draft] = []
    starts = [d.start for d in drafts]
    for table in tables:
        cells = [(a[1] + 1, b[0] - 1) for a, b in zip(table, table[1:])]
        cells = [(s, max(s, e)) for s, e in cells]
        header = []
        for s, e in cells:
            if not text[s:e].strip():
                if header:
                    break
                continue
            header.append(_column(fold(_SPACES.sub(" ", text[s:e])), rules))
        if "lead" not in header:
            continue
        width = len(header)
        k = len(header)
        while k < len(cells):
            s, e = cells[k]
            label = text[s:e].strip()
            if not re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*", label):
                k += 1
                continue
            row = {}
            column, j = 1, k + 1
            while j < len(cells) and column < width:
                cs, ce = cells[j]
                value = text[cs:ce].strip()
                if not value and j + 1 < len(cells) and re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*|[IVX]+\.?|[A-Z]",
                                                                     text[cells[j + 1][0]:cells[j + 1][1]].strip()):
                    break
                row[header[column]] = (cs, ce)
                column, j = column + 1, j + 1
            end = cells[j - 1][1]
            parent = _innermost(drafts, starts, s)
            draft = _Draft(f"appendix.{len(rows) + 1}", "task", 9, s, label, parent=parent, end=end)
            if "task" in row:
                draft.title = _clip(_SPACES.sub(" ", text[slice(*row["task"])]).strip())
            if "lead" in row:
                draft.lead = _agency_text(text[slice(*row["lead"])]) or None
            if "partners" in row:
                draft.partners = _agencies(text[slice(*row["partners"])], rules)
            if "deadline" in row:
                draft.deadline = read_deadline(text[slice(*row["deadline"])], cell=True)
            rows.append(draft)
            k = j
    return rows


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
    for draft in drafts:
        if draft.kind != "item":
            continue
        part = draft.parent
        while part is not None and part.kind in ("item", "task", "clause"):
            part = part.parent
        if part is not None and part.kind == "article":
            draft.kind = "clause"  # "Điều 3.2": khoản 2 of Điều 3
        elif part is None:
            if directive:
                draft.kind = "task"
        elif part.kind == "part" and part.title and any(word in fold(part.title) for word in rules.task_parts):
            draft.kind = "task"
        elif part.kind == "part" and draft.parent is part and _assigns_work(text, draft, rules):
            draft.kind = "task"


def _assigns_work(text: str, draft: _Draft, rules) -> bool:
    """Whether an item's own words (before its sub-items) name a lead: "X chủ trì", "Cơ quan chủ trì: X"."""
    end = min([child.start for child in draft.children] + [draft.end])
    own = _unwrap(text[draft.start:end])
    if rules.inline_lead.search(own, None):
        return True
    for cue in re.finditer(r"chủ\s+trì", own):
        if _KIND_OF_BODY.search(own, max(0, cue.start() - 12), cue.start()):
            continue  # "cơ quan chủ trì" names a kind of body
        segment = max(own.rfind(mark, 0, cue.start()) for mark in "\n.;:") + 1
        match = rules.verb_lead.match(own, max(segment, cue.start() - 90))
        if match and rules.agency_start.search(match.group("lead")):
            return True
    return False


def _freeze(source: SourceText, text: str, draft: _Draft, document: Document, paragraphs: bool, rules) -> Section:
    lead, partners, reports_to, via = draft.lead, draft.partners, None, None
    deadlines = [draft.deadline] if draft.deadline else []
    if draft.kind == "task" and draft.id.startswith("appendix.") is False:
        own_end = min([c.start for c in draft.children if c.kind == "task"] + [draft.end])
        lead, partners, deadlines, (reports_to, via) = _duties(text, draft, own_end, document, rules)
    elif draft.kind == "task":
        reports_to, via = _reports_to(text[draft.start:draft.end], document, rules)
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


# "X chủ trì", "X có trách nhiệm"; but "cơ quan chủ trì", "đơn vị chịu trách nhiệm" name a kind of body
_LEAD_VERB = re.compile(r"là\s+cơ\s+quan\s+chủ\s+trì|chủ\s+trì|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm")
_KIND_OF_BODY = re.compile(r"(?:(?<!là )cơ\s+quan|đơn\s+vị|tổ\s+chức)\s*$", re.IGNORECASE)
_CELL_VERB = re.compile(r"^(?:tổ\s+chức\s+)?(?:thực\s+hiện|triển\s+khai)\s+(?=\D)", re.IGNORECASE)
_WRAP = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t*]*(?![-+•]|\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\))[^\s*])")


def _unwrap(text: str) -> str:
    """``text`` with the line breaks inside a paragraph read as spaces, its length kept.

    Captured pages and gazettes wrap lines anywhere, inside an agency's name too ("Trung tâm
    Kiểm soát bệnh\\ntật tỉnh chủ trì"); a blank line or a list item still starts a paragraph.

    >>> _unwrap("Sở Nội\\nvụ chủ trì;\\n- Sở Tài chính\\n\\nb) Thời gian")
    'Sở Nội vụ chủ trì;\\n- Sở Tài chính\\n\\nb) Thời gian'
    """
    return _WRAP.sub(lambda m: " " * len(m.group()), text)


def _addressee(own: str, rules) -> str | None:
    """The agency a task item is addressed to, by its heading or as the subject of its first
    sentence (``addressee`` in data/structure.json); None if the item opens otherwise."""
    start = rules.addressee.match(own)
    if start is None or rules.inline_label.match(own, start.end()):
        return None  # "Cơ quan chủ trì: Sở Nội vụ" is a label, read as one
    end = rules.addressee_end.search(own, start.end(), start.end() + 200)
    if end is None or end.group("other"):
        return None
    if (end.group("duty") or end.group("line")) and own[end.end():end.end() + 3].lstrip(" *").startswith(":"):
        return None  # "Cơ quan chủ trì: Sở Nội vụ" is a label, read as one
    name = _agency_text(own[start.end():end.start()])
    if not name or len(name) > 100 or not rules.agency_start.match(name):
        return None
    return name


def _duties(text: str, draft: _Draft, end: int, document: Document, rules):
    """Lead, partners, deadline and report line of one task, from its own words."""
    raw = text[draft.start:end]
    own = _unwrap(raw)
    lowered = _lowercase_twin(own)
    lead = _addressee(raw, rules)  # "**2. Sở Khoa học và Công nghệ**": the lead of every line below
    partners = None
    for match in rules.inline_lead.finditer(own, lowered):  # "b) Cơ quan thực hiện:" may only introduce the lines below
        if lead is not None:
            break
        lead = _lead_text(_value(own, match.end(), rules), rules) or None
        if lead:
            break
    for match in rules.inline_partners.finditer(own, lowered):
        partners = _agencies(_value(own, match.end(), rules), rules) or None
        if partners:
            break
    if lead is None or partners is None:  # "X chủ trì, phối hợp với Y": the lead, and its partners
        body = own[len(draft.label) + 2:] if draft.label else own
        for cue in _LEAD_VERB.finditer(body):  # anchor on the verb, then read the words before it
            if _KIND_OF_BODY.search(body, max(0, cue.start() - 12), cue.start()):
                continue
            segment = max(body.rfind(mark, 0, cue.start()) for mark in "\n.;:") + 1
            match = rules.verb_lead.match(body, max(segment, cue.start() - 90))
            if match is None:
                continue
            candidate = _agency_text(match.group("lead"))
            start = rules.agency_start.search(candidate)
            if start:
                lead = lead or _lead_text(candidate[start.start():], rules)
                if match.group("partners") and partners is None:
                    partners = _agencies(match.group("partners"), rules)
                break
    if lead is None and draft.title:
        heading = re.sub(r"^(?:Đề\s+nghị|Giao)\s+(?=\w)", "", draft.title.split(":", 1)[0])
        if rules.agency_start.match(heading) and (":" in _after_marker(own, draft) or len(heading) < 100
                                                 and heading == draft.title):
            lead = _agency_text(heading)
    deadlines = []
    labelled = (0, 0)
    match = rules.inline_deadline.search(own, lowered)
    if match:
        value = _value(own, match.end(), rules)
        labelled = (match.end(), match.end() + len(value))
        deadlines.append(read_deadline(value, cell=True))
    # a task may set several: "xây dựng kế hoạch ... trong tháng 02 năm 2023; báo cáo ... trước ngày 30/11/2023"
    for found in rules.deadline_any.finditer(own, lowered):
        if labelled[0] <= found.start() < labelled[1]:
            continue  # a phrase of the labelled value, read whole above
        deadlines.append(read_deadline(own[found.start():found.end()], cell=False))
    deadlines = list(dict.fromkeys(d for d in deadlines if d))
    return lead, tuple(partners or ()), deadlines, _reports_to(own, document, rules)


def _after_marker(own: str, draft: _Draft) -> str:
    return own[:len(draft.title or "") + len(draft.label) + 20]


def _value(text: str, position: int, rules) -> str:
    """The words after a label ("Đơn vị chủ trì: ..."), to the end of their paragraph or the next label."""
    end = len(text)
    for stop in (rules.inline_label.search(text, position), re.compile(r"\n[ \t]*\n|[.;](?:\s|$)").search(text, position)):
        if stop:
            end = min(end, stop.start())
    return text[position:end]


def _reports_to(own: str, document: Document, rules) -> tuple[str | None, str | None]:
    """The body a task reports to, and the agency the report goes through ("qua Sở Nội vụ")."""
    match = rules.reports_to.search(own)
    if not match:
        return None, None
    body = _SPACES.sub(" ", match.group("body")).strip()
    if body.startswith("Bộ"):  # a ministry's name holds "và": the longest name the text goes on with
        body = _ministry(own, match.start("body")) or body
    if body.startswith("UBND"):
        body = "Ủy ban nhân dân" + body[4:]
    via = _SPACES.sub(" ", match.group("via")).strip() if match.group("via") else None
    return complete_issuer(body, document.locality) or body, via


def _ministry(text: str, start: int) -> str | None:
    """The national body whose name ``text`` holds at ``start``, the longest that fits
    ("Bộ Nông nghiệp và Môi trường", not "Bộ Nông nghiệp" cut at its "và").

    >>> _ministry("báo cáo Bộ Nông nghiệp và\\nMôi trường trước ngày 15/12", 8)
    'Bộ Nông nghiệp và Môi trường'
    """
    words = fold(_SPACES.sub(" ", text[start:start + 80]))
    return next((name for key, name in _national_names() if words.startswith(key)
                 and not words[len(key):len(key) + 1].isalnum()), None)


@lru_cache(maxsize=1)
def _national_names() -> tuple[tuple[str, str], ...]:
    from .vocab import vocabulary

    names = set(vocabulary().national_issuers.values())
    return tuple(sorted(((fold(name), name) for name in names), key=lambda kv: -len(kv[0])))


def _agency_text(text: str) -> str:
    return _SPACES.sub(" ", text).replace("*", " ").strip(" .;:,-–*")


def _lead_text(text: str, rules) -> str:
    """An agency's name, cut where a clause opens after it ("Sở Tài chính, trên cơ sở đề xuất")
    or where its duty begins ("Sở Nội vụ chủ trì tham mưu ...")."""
    text = _agency_text(text)
    for stop in (rules.clause.search(text), rules.duty.search(text)):
        if stop and stop.start() > 0:
            text = text[:stop.start()]
    return _agency_text(text)


def _agencies(text: str, rules) -> tuple[str, ...]:
    """A list of agencies split where a new name begins ("Sở Khoa học và Công nghệ, UBND xã, phường")."""
    return tuple(a for a in (_agency_text(part) for part in rules.agency_split.split(_SPACES.sub(" ", text))) if a)


def _clip(text: str) -> str:
    return text if len(text) <= 160 else text[:160].rsplit(" ", 1)[0] + " …"


def read_deadline(words: str, cell: bool = False) -> str | None:
    """A deadline as an ISO date, a month, a quarter, a year, or the words of a recurrence.

    >>> read_deadline("trong tháng 02 năm 2023"), read_deadline("trước ngày 30 tháng 11 năm 2023")
    ('2023-02', '2023-11-30')
    >>> read_deadline("định kỳ 6 tháng"), read_deadline("Trước ngày\\n30/11/2025", cell=True)
    ('định kỳ 6 tháng', '2025-11-30')
    """
    for pattern, value, cell_only in _rules().deadlines:
        if cell_only and not cell:
            continue
        match = pattern.search(words)
        if not match:
            continue
        parts = {k: v for k, v in match.groupdict().items() if v}
        if "q" in parts:
            parts["q"] = str(_roman(parts["q"]) if parts["q"][0] in "IV" else parts["q"])
        for key in ("m", "d"):
            if key in parts:
                parts[key] = parts[key].zfill(2)
        if cell and len(_SPACES.sub(" ", words).strip()) <= _CELL_AS_WRITTEN and (
                value in ("{words}", "{written}") or _numbers(value.format(**parts)) != _numbers(words)):
            break  # a short cell that says more than a date (a recurrence, a quarter, two dates): as written
        if value == "{words}":
            return _SPACES.sub(" ", parts.get("w") or match.group()).strip().lower()
        if value == "{written}":
            return _SPACES.sub(" ", match.group()).strip()
        return value.format(**parts)
    if cell:  # as written, without the verb before it ("Thực hiện thường xuyên")
        words = _CELL_VERB.sub("", _SPACES.sub(" ", words.replace("*", " ")).strip(" .;"))
        return _clip(words) if words else None
    return None


_CELL_AS_WRITTEN = 80  # characters: a longer cell is a sentence, read for its first deadline


def _numbers(words: str) -> list[int]:
    return sorted(int(n) for n in _DIGITS.findall(words))
