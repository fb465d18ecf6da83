"""A task's own words -> its duties: lead agency, partners, deadlines, and the body it reports to.

structure finds the sections and which of them are tasks; this module reads what a task says
about who does it, with whom, by when and to whom it reports: a label ("Cơ quan chủ trì: Sở Nội
vụ"), a heading addressed to an agency ("2. Sở Khoa học và Công nghệ"), or a sentence ("Sở Nội vụ
chủ trì, phối hợp với Sở Tài chính ..., trước ngày 30/11/2023"). Its phrases are the "inline",
"addressee", "verb_lead", "deadlines" and "reports_to" entries of ``data/structure.json``.

>>> read_deadline("trước ngày 30 tháng 11 năm 2023")
'2023-11-30'
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Protocol

from .issuers import complete_issuer
from .models import Document
from .vocab import fold, unnamed_groups

__all__ = ["task_duties", "task_reports_to", "stated_times", "assigns_work", "addresses_agency", "headed_by_agency",
           "opens_with_field", "read_deadline", "agency_text", "agencies", "clip", "roman"]

class _Draft(Protocol):
    """What this module reads of a section that kg.structure is still drafting: its span, the spans
    of its children, its label and its heading (kg.structure calls this module, never the reverse)."""

    start: int
    end: int
    label: str
    title: str | None
    children: list


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=64)  # a handful of patterns, each compiled once per way of running it
def _compiled(pattern: str, folded: bool) -> re.Pattern | None:
    """``pattern`` case-insensitive, or (``folded``) casefolded to run case-sensitively over casefolded text.

    re tries a case-insensitive pattern at every character; a case-sensitive one skips ahead to
    where its first letters are (a task's deadline phrases are found three times faster). Both find
    the same spans over the text ``_casefolded`` accepts, if the pattern is one ``_folds_alike``
    accepts; None where it is not.
    """
    if not folded:
        return re.compile(pattern, re.IGNORECASE)
    return re.compile(pattern.casefold()) if _folds_alike(pattern) else None


def _search(pattern: str, text: str, folded: str | None) -> re.Match | None:
    """The first match of ``pattern`` in ``text`` (``folded`` is its ``_casefolded``): read its span, not its words."""
    quick = _compiled(pattern, True) if folded is not None else None
    return quick.search(folded) if quick is not None else _compiled(pattern, False).search(text)


def _finditer(pattern: str, text: str, folded: str | None):
    """The matches of ``pattern`` in ``text``, as ``_search``: read their spans, not their words."""
    quick = _compiled(pattern, True) if folded is not None else None
    return quick.finditer(folded) if quick is not None else _compiled(pattern, False).finditer(text)


def _casefolded(text: str) -> str | None:
    """``text`` casefolded, if a case-insensitive pattern finds, casefolded, the same spans there.

    That holds when every character folds to one character that upper-casing and folding again
    leave as it is, for then ``str.casefold`` and re's case folding agree: Vietnamese does; "İ"
    (two characters folded) or "ı" (whose capital folds to "i") do not (their text is read with
    the case-insensitive patterns).

    >>> _casefolded("Trước ngày 30/11/2023"), _casefolded("İ"), _casefolded("ı")
    ('trước ngày 30/11/2023', None, None)
    """
    folded = text.casefold()
    return folded if len(folded) == len(text) and _case_stable(folded) else None


def _case_stable(folded: str) -> bool:
    return folded.upper().casefold() == folded


def _folds_alike(pattern: str) -> bool:
    """Whether ``pattern`` casefolded is ``pattern`` case-insensitive, over casefolded text.

    Folding must change only its letters, not an escape ("\\S"), a group's name or flags
    ("(?P<Name>"), nor a set: sets must hold no uppercase letter and no range but digits ("[!-a]",
    case-insensitive, holds "B" as well as "b").

    >>> _folds_alike(r"Thời\\s+(?:gian|hạn)\\s*:"), _folds_alike(r"Quý\\s+[1-4]"), _folds_alike(r"\\S+")
    (True, True, False)
    """
    folded = pattern.casefold()
    if len(folded) != len(pattern) or not _case_stable(folded):
        return False
    for part in re.findall(r"\\.|\[(?:\\.|[^\]\\])*\]|\(\?[^:]", pattern):  # escapes, sets, (?...
        if part != part.casefold() or part[0] == "[" and "-" in re.sub(r"\\.|\d-\d", "", part[1:-1]):
            return False
    return True


@dataclass(frozen=True)
class _Rules:
    inline_lead: str  # run by _search and _finditer
    inline_partners: str  # run by _search and _finditer
    inline_deadline: str  # run by _search and _finditer
    inline_label: re.Pattern
    field: re.Pattern  # a point that opens with a field of its task (its marker, then a label)
    verb_lead: re.Pattern
    addressee: re.Pattern
    addressee_end: re.Pattern
    heading_line_end: re.Pattern  # where a one-line heading ends: the next line opens with its duty
    request: re.Pattern  # the addressee's prefix where a name begins ("Đề nghị: Hiệp hội ...")
    not_duty: re.Pattern
    duty: re.Pattern
    clause: re.Pattern
    agency_start: re.Pattern
    not_agency: re.Pattern  # words an agency's name may begin with that name no agency: "Thanh tra, kiểm tra ..."
    agency_split: re.Pattern
    deadlines: tuple[tuple[re.Pattern, str, bool], ...]
    deadline_any: str  # run by _search and _finditer
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
    return _Rules(
        inline_lead=inline["lead"],
        inline_partners=inline["partners"],
        inline_deadline=inline["deadline"],
        inline_label=re.compile("|".join((inline["lead"], inline["partners"], inline["deadline"])), re.IGNORECASE),
        field=re.compile(r"[\s*]*[a-zđ]\)[\s*]*(?:" + "|".join((inline["lead"], inline["partners"], inline["deadline"],
                                                                inline["field"])) + ")", re.IGNORECASE),
        verb_lead=re.compile(data["verb_lead"]),
        # the marker, bold marks and a prefix, then an agency's name where the item's words begin
        addressee=re.compile(r"[\s*]*(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\)|[IVX]{1,5}\s*\.)?[\s*]*(?:(?:"
                             + data["addressee"]["lead_in"] + ")?(?:" + data["addressee"]["prefix"]
                             + rf")?(?=(?:{head_alternation})\b)|(?P<owner>"
                             + data["addressee"]["owner"] + r"))"),
        # where the name ends: a heading's end, a list below it, or a duty verb in lowercase
        # (a verb after "cơ quan", "đơn vị", "tổ chức" names the kind of body: "cơ quan tham mưu";
        # a duty that begins a line, in capitals, ends a heading: "Bộ Y tế\\nChủ trì ...")
        addressee_end=re.compile(r"\s*(?P<heading>[:.;]|\n[ \t]*\n|\n[ \t*]*(?:[-+•]|[a-zđ]\)))"
                                 r"|(?<!cơ quan)(?<!Cơ quan)(?<!đơn vị)(?<!Đơn vị)(?<!tổ chức)\s+(?P<duty>" + data["addressee"]["duty"] + r")(?!\w)"
                                 r"|[ \t]*\n[ \t*]*(?P<line>" + _capitalized(data["addressee"]["duty"]) + r")(?!\w)"
                                 r"|(?P<clause>"
                                 + data["addressee"]["clause"] + r")|\s+(?P<other>(?<!goại\s)(?<!goại\s\s)(?:"  # (no "giao" in "Bộ Ngoại giao")
                                 + data["addressee"]["not_duty"] + r"))(?!\w)"),
        # a heading's line ends where the next opens with a duty in capitals or a lead-in ("5. Trách nhiệm của Bộ Quốc
        # phòng \nPhối hợp với ...", "8. Trách nhiệm của Bộ Kế hoạch và Đầu tư \nTrên cơ sở đề nghị ..."), not where a
        # name goes on ("... trực thuộc \nTrung ương", "Ngân hàng Nhà nước \nViệt Nam")
        heading_line_end=re.compile(r"[ \t*]*\n(?=[ \t*]*(?:" + _capitalized(data["addressee"]["duty"]) + "|"
                                    + data["addressee"]["lead_in_words"] + r")(?!\w))"),
        request=re.compile("^(?:" + data["addressee"]["prefix"] + ")"),
        not_duty=re.compile(data["addressee"]["not_duty"]),
        duty=re.compile(r"(?<!cơ quan)(?<!Cơ quan)(?<!đơn vị)(?<!Đơn vị)(?<!tổ chức)\s+(?:" + data["addressee"]["duty"] + r"|là\s+cơ\s+quan)(?!\w)"),
        clause=re.compile(data["addressee"]["clause"]),
        agency_start=re.compile(rf"(?!(?:{not_agency})\b)(?:{head_alternation})\b"),
        not_agency=re.compile(rf"[\s*]*(?:{not_agency})\b"),
        agency_split=re.compile(rf"\s*;\s*|,\s*(?=(?:{head_alternation})\b)"),
        deadlines=deadlines,
        deadline_any="|".join(f"(?:{unnamed_groups(d['pattern'])})" for d in data["deadlines"] if not d.get("cell_only")),
        reports_to=re.compile(data["reports_to"]),
    )


def _capitalized(alternation: str) -> str:
    """Each alternative of a lowercase alternation with its first letter in capitals."""
    return "|".join(a[:1].upper() + a[1:] for a in alternation.split("|"))


def roman(label: str) -> int:
    """A Roman numeral's value: a part's number ("IV"), a quarter ("Quý II")."""
    total = 0
    for index, letter in enumerate(label):
        value = _ROMAN.get(letter, 0)
        total += -value if index + 1 < len(label) and _ROMAN.get(label[index + 1], 0) > value else value
    return total


def _own_end(draft: _Draft) -> int:
    """Where an item's own words end: at its first sub-item, else at its end."""
    return min([child.start for child in draft.children] + [draft.end])


def assigns_work(text: str, draft: _Draft) -> bool:
    """Whether an item's own words (before its sub-items) name a lead: "X chủ trì", "Cơ quan chủ trì: X"."""
    rules = _rules()
    end = _own_end(draft)
    own = _unwrap(text[draft.start:end])
    # casefolded, the label is found by a case-sensitive pattern, which re skips along to its first
    # letters (case-insensitive, it is tried at every character of every item)
    if _search(rules.inline_lead, own, _casefolded(own)):
        return True
    for cue in re.finditer(r"chủ\s+trì", own):
        if _KIND_OF_BODY.search(own, max(0, cue.start() - 12), cue.start()):
            continue  # "cơ quan chủ trì" names a kind of body
        segment = max(own.rfind(mark, 0, cue.start()) for mark in "\n.;:") + 1
        match = rules.verb_lead.match(own, max(segment, cue.start() - 90))
        if match and rules.agency_start.search(match.group("lead")):
            return True
    return False


def addresses_agency(text: str, draft: _Draft) -> bool:
    """Whether an item's own words open with the agency its duty falls to ("e) Bộ Giáo dục và Đào tạo nghiên cứu
    việc xây dựng ...", "h) Bộ Công an chỉ đạo lực lượng công an các cấp ...")."""
    end = _own_end(draft)
    return _addressee(text[draft.start:end], _rules()) is not None


def headed_by_agency(text: str, draft: _Draft) -> bool:
    """Whether an item is headed by the agency whose duties its points list ("2. Bộ Khoa học và Công nghệ\\na) ...",
    "3. Trách nhiệm của Bộ Công an\\na) Chủ trì ..."), not a sentence with an agency as its subject ("3. Bộ Tài chính chỉ
    đạo Bảo hiểm xã hội Việt Nam ...")."""
    found = _addressee_found(text[draft.start:draft.end], _rules())  # (with its points: a heading ends where they begin)
    if found is None:
        return False
    _, start, end = found
    # (or alone on its line, its duty opening the next: "4. Bộ Ngoại giao \\nĐồng chủ trì với ...")
    return start.group("owner") is not None or (end.group("heading") or end.group("line")) is not None


def addressed_dash(text: str, start: int, end: int) -> bool:
    """Whether a dash of a task's list, its words from ``start`` to ``end``, opens with the agency its duty falls to
    and states that duty ("- Sở Nội vụ hướng dẫn khen thưởng ...", "- Bộ Y tế tăng cường ..."), not a name alone in a
    list of them ("- Sở Tài chính;"), a list's or a form's heading ("- Các cơ quan, đơn vị ..., bao gồm:", "- Đơn vị
    báo cáo: ...") nor a duty with no agency ("- Đổi mới nội dung ...")."""
    found = _addressee_found(text[start:end], _rules())
    if found is None:
        return False
    _, opening, name_end = found
    return opening.group("owner") is not None or name_end.group("duty") is not None or name_end.group("line") is not None


def names_agency(words: str) -> bool:
    """Whether words open with an agency's name ("Các bộ, ngành", "Sở Y tế"), not with a document's or a time's."""
    return _rules().agency_start.match(words) is not None


def opens_with_field(text: str, draft: _Draft) -> bool:
    """Whether a point's words open with a field of its task ("a) Nhiệm vụ: ...", "b) Cơ quan thực hiện:",
    "c) Thời gian thực hiện: ..."): ``inline`` labels and ``fields`` in data/structure.json."""
    return _rules().field.match(text, draft.start, draft.start + 200) is not None


# "X chủ trì", "X có trách nhiệm"; but "cơ quan chủ trì", "đơn vị chịu trách nhiệm" name a kind of body, and
# "vai trò chủ trì của lực lượng Công an" a role, not the verb
_LEAD_VERB = re.compile(r"là\s+cơ\s+quan\s+chủ\s+trì|chủ\s+trì|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm")
_KIND_OF_BODY = re.compile(r"(?:(?<!là )cơ\s+quan|đơn\s+vị|tổ\s+chức|vai\s+trò)\s*$", re.IGNORECASE)
# where a heading's words end: its colon, a blank line, or the points below it ("3. Trách nhiệm của Bộ Công an\na) ..."; not
# a dash, which may be a name's hyphen wrapped: "Bộ Lao động \n- Thương binh và Xã hội")
_HEADING_END = re.compile(r"[ \t*]*(?::|\n[ \t]*\n|\n(?=[ \t*]*[a-zđ]\)))")
# ("Nhiệm vụ thường xuyên": a standing task, its time "thường xuyên")
_CELL_VERB = re.compile(r"^(?:là\s+)?(?:tổ\s+chức\s+)?(?:thực\s+hiện|triển\s+khai|nhiệm\s+vụ)\s+(?=\D)", re.IGNORECASE)
# a line break the next line's words go on after (not a blank line, a dash or a list item's marker)
_WRAP = re.compile(r"\n(?=[ \t*]*(?![-+•]|\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\))[^\s*])")


def _unwrap(text: str) -> str:
    """``text`` with the line breaks inside a paragraph read as spaces, its length kept.

    Captured pages and gazettes wrap lines anywhere, inside an agency's name too ("Trung tâm
    Kiểm soát bệnh\\ntật tỉnh chủ trì"); a blank line or a list item still starts a paragraph.

    >>> _unwrap("Sở Nội\\nvụ chủ trì;\\n- Sở Tài chính\\n\\nb) Thời gian")
    'Sở Nội vụ chủ trì;\\n- Sở Tài chính\\n\\nb) Thời gian'
    >>> _unwrap("Sở Nội \\t \\nvụ;\\n \\nSở")
    'Sở Nội    vụ;\\n \\nSở'
    """
    # what (?<=\S)[ \t]*\n(?=...) finds: led by its line break, which re skips to at once (the
    # lookbehind was tried at every character); the spaces before it are read back from there
    pieces, position = [], 0
    for match in _WRAP.finditer(text):
        start = newline = match.start()
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        if start == 0 or text[start - 1].isspace():  # re's \s: a blank line's spaces end no words
            continue
        pieces += [text[position:start], " " * (newline + 1 - start)]
        position = newline + 1
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def _addressee(own: str, rules) -> str | None:
    """The agency a task item is addressed to, by its heading or as the subject of its first
    sentence (``addressee`` in data/structure.json); None if the item opens otherwise."""
    found = _addressee_found(own, rules)
    return found[0] if found is not None else None


def _addressee_found(own: str, rules) -> tuple[str, re.Match, re.Match | None] | None:
    """``_addressee``'s agency with the matches that bound it: where its words start, and where they end (the end of a
    heading "Trách nhiệm của X" may be the text's)."""
    start = rules.addressee.match(own)
    if start is None or rules.inline_label.match(own, start.end()):
        return None  # "Cơ quan chủ trì: Sở Nội vụ" is a label, read as one
    if start.group("owner"):  # "Trách nhiệm của X:" is a heading naming X, whatever word X begins with
        end = _HEADING_END.search(own, start.end(), start.end() + 200)
        line = rules.heading_line_end.search(own, start.end(), end.start() if end else start.end() + 200)
        if line:  # "5. Trách nhiệm của Bộ Quốc phòng \nPhối hợp với ...": a heading of one line, its duty below
            end = line
        name = agency_text(own[start.end():end.start()]) if end else ""
        return (name, start, end) if 0 < len(name) <= 160 else None
    end = rules.addressee_end.search(own, start.end(), start.end() + 300)
    if end is None or end.group("other"):
        return None
    if (end.group("duty") or end.group("line")) and own[end.end():end.end() + 3].lstrip(" *").startswith(":"):
        return None  # "Cơ quan chủ trì: Sở Nội vụ" is a label, read as one
    name = agency_text(own[start.end():end.start()])
    # (the members a heading lists in parentheses do not make it a sentence: "Các cơ quan đăng ký đầu tư (Sở
    # Tài chính, Ban quản lý Khu Kinh tế ..., Ban Quản lý các Khu công nghiệp tỉnh):")
    if not name or len(_MEMBERS.sub("", name)) > 120 or not rules.agency_start.match(name) \
            or rules.not_agency.match(own, start.end()):  # ("Thanh tra, kiểm tra" ends its name at the comma)
        return None
    # "Đề nghị các cấp ủy Đảng ..." matched with "Đề nghị" as its head: those asked, without the asking
    return rules.request.sub("", name), start, end


_MEMBERS = re.compile(r"\s*\([^()]*\)")


def task_duties(text: str, draft: _Draft, end: int, document: Document):
    """Lead, partners, deadlines and report line of one task, from its own words (to ``end``)."""
    rules = _rules()
    raw = text[draft.start:end]
    own = _unwrap(raw)
    folded = _casefolded(own)
    lead = _addressee(raw, rules)  # "**2. Sở Khoa học và Công nghệ**": the lead of every line below
    if lead is None and draft.parent is None and draft.title:
        # a part names its agency in its body, after its heading: "VII. CHẾ ĐỘ BÁO CÁO\n\nCác sở, ban, ngành ..."
        heading = _HEADING_END.search(raw)
        lead = heading and _addressee(raw[heading.end():], rules)
    lead, partners = _labelled_lead(own, folded, lead, rules)
    if lead is None or partners is None:  # "X chủ trì, phối hợp với Y": the lead, and its partners
        lead, partners = _lead_by_verb(own, draft, lead, partners, rules)
    if lead is None and draft.title:
        lead = _lead_in_heading(own, draft, rules)
    return lead, tuple(partners or ()), _deadlines(own, folded, rules), _reports_to(own, document, rules)


def stated_times(text: str, draft: _Draft, end: int) -> list[str]:
    """The times an item that is no task gives, from its own words (to ``end``), as a task's deadlines are read;
    a form's blank ("1. Thời gian: Bắt đầu từ ....") gives none."""
    own = _unwrap(text[draft.start:end])
    return [d for d in _deadlines(own, _casefolded(own), _rules()) if _A_TIME.search(d)]


_A_TIME = re.compile(r"\d|hằng|hàng|định kỳ|thường xuyên|liên tục", re.IGNORECASE)
_TIME_WORDS = re.compile(r"\d|quý|tháng|năm|tuần|ngày|hằng|hàng|định kỳ|thường xuyên|liên tục", re.IGNORECASE)


def _labelled_lead(own: str, folded: str | None, lead: str | None, rules):
    """The lead and partners where labels name them ("Cơ quan chủ trì: ...", "Đơn vị phối hợp: ...")."""
    partners = None
    for match in _finditer(rules.inline_lead, own, folded):  # "b) Cơ quan thực hiện:" may only introduce the lines below
        if lead is not None:
            break
        lead = _lead_text(_value(own, match.end(), rules), rules) or None
        if lead:
            break
    for match in _finditer(rules.inline_partners, own, folded):
        partners = _agencies(_value(own, match.end(), rules), rules) or None
        if partners:
            break
    return lead, partners


def _lead_by_verb(own: str, draft: _Draft, lead: str | None, partners, rules):
    """The lead (and partners) a verb names: "Sở X chủ trì, phối hợp với Y ...", the words before it read."""
    body = own[len(draft.label) + 2:] if draft.label else own
    for cue in _LEAD_VERB.finditer(body):  # anchor on the verb, then read the words before it
        if _KIND_OF_BODY.search(body, max(0, cue.start() - 12), cue.start()):
            continue
        segment = max(body.rfind(mark, 0, cue.start()) for mark in "\n.;:") + 1
        match = rules.verb_lead.match(body, max(segment, cue.start() - 90))
        if match is None:
            continue
        candidate = agency_text(match.group("lead"))
        start = rules.agency_start.search(candidate)
        if start:
            lead = lead or _lead_text(candidate[start.start():], rules)
            if match.group("partners") and partners is None:
                partners = _agencies(match.group("partners"), rules)
            break
    return lead, partners


def _lead_in_heading(own: str, draft: _Draft, rules) -> str | None:
    """A task headed by the agency it falls to ("Sở Tài chính: ..."; "Giao Sở Y tế ...")."""
    heading = re.sub(r"^(?:Đề\s+nghị|Giao)\s+(?=\w)", "", draft.title.split(":", 1)[0])
    if rules.agency_start.match(heading) and (":" in _after_marker(own, draft) or len(heading) < 100
                                             and heading == draft.title):
        return agency_text(heading)
    return None


def _deadlines(own: str, folded: str | None, rules) -> list[str]:
    """Every deadline a task sets: the labelled one ("Thời gian hoàn thành: ..."), then each phrase of time."""
    deadlines = []
    labelled = []
    # a task of several duties labels each one's time ("- Tuyên truyền ... Thời gian thực hiện: Từ tháng
    # 11/2025 ...; - Tham mưu ... Thời gian hoàn thành: Tháng 11 - 12/2025"): every label is read
    for match in _finditer(rules.inline_deadline, own, folded):
        value = _value(own, match.end(), rules)
        labelled.append((match.end(), match.end() + len(value)))
        deadlines.append(read_deadline(value, cell=True))
    # a task may set several: "xây dựng kế hoạch ... trong tháng 02 năm 2023; báo cáo ... trước ngày 30/11/2023"
    for found in _finditer(rules.deadline_any, own, folded):
        if any(start <= found.start() < end for start, end in labelled):
            continue  # a phrase of a labelled value, read whole above
        deadlines.append(read_deadline(own[found.start():found.end()], cell=False))
    return list(dict.fromkeys(d for d in deadlines if d))


def _after_marker(own: str, draft: _Draft) -> str:
    return own[:len(draft.title or "") + len(draft.label) + 20]


def _value(text: str, position: int, rules) -> str:
    """The words after a label ("Đơn vị chủ trì: ..."), to the end of their paragraph or the next label."""
    end = len(text)
    for stop in (rules.inline_label.search(text, position), re.compile(r"\n[ \t]*\n|[.;](?:\s|$)").search(text, position)):
        if stop:
            end = min(end, stop.start())
    return text[position:end]


def task_reports_to(own: str, document: Document) -> tuple[str | None, str | None]:
    """The body a task reports to, and the agency the report goes through ("qua Sở Nội vụ")."""
    return _reports_to(own, document, _rules())


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


def agency_text(text: str) -> str:
    """An agency's name as written, its spaces and bold marks tidied."""
    return _SPACES.sub(" ", text).replace("*", " ").strip(" .;:,-–*")


def _lead_text(text: str, rules) -> str:
    """An agency's name, cut where a clause opens after it ("Sở Tài chính, trên cơ sở đề xuất")
    or where its duty begins ("Sở Nội vụ chủ trì tham mưu ...")."""
    text = agency_text(text)
    for stop in (rules.clause.search(text), rules.duty.search(text)):
        if stop and stop.start() > 0:
            text = text[:stop.start()]
    return agency_text(text)


def agencies(text: str) -> tuple[str, ...]:
    """A list of agencies, as ``_agencies`` splits it."""
    return _agencies(text, _rules())


def _agencies(text: str, rules) -> tuple[str, ...]:
    """A list of agencies split where a new name begins ("Sở Khoa học và Công nghệ, UBND xã, phường")."""
    return tuple(a for a in (agency_text(part) for part in rules.agency_split.split(_SPACES.sub(" ", text))) if a)


def clip(text: str) -> str:
    """A table cell's words cut to 160 characters at a word."""
    return text if len(text) <= 160 else text[:160].rsplit(" ", 1)[0] + " …"


def read_deadline(words: str, cell: bool = False) -> str | None:
    """A deadline as an ISO date, a month, a quarter, a year, or the words of a recurrence.

    >>> read_deadline("trong tháng 02 năm 2023"), read_deadline("trước ngày 30 tháng 11 năm 2023")
    ('2023-02', '2023-11-30')
    >>> read_deadline("định kỳ 6 tháng"), read_deadline("Trước ngày\\n30/11/2025", cell=True)
    ('định kỳ 6 tháng', '2025-11-30')

    A cell's remark in parentheses after its time, with no time of its own, is no part of the time:

    >>> read_deadline("Thường xuyên (hoặc theo yêu cầu của cấp có thẩm quyền)", cell=True)
    'Thường xuyên'
    >>> read_deadline("Năm 2026 (sau khi Chính phủ ban hành", cell=True), read_deadline("Năm 2026 (Quý III)", cell=True)
    ('2026', 'Năm 2026 (Quý III)')
    """
    if cell:
        time, remark, said = words.partition("(")
        if remark and _A_TIME.search(time) and not _TIME_WORDS.search(said):
            words = time
    for pattern, value, cell_only in _rules().deadlines:
        if cell_only and not cell:
            continue
        match = pattern.search(words)
        if not match:
            continue
        parts = {k: v for k, v in match.groupdict().items() if v}
        if "q" in parts:
            parts["q"] = str(roman(parts["q"]) if parts["q"][0] in "IV" else parts["q"])
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
        return clip(words) if words else None
    return None


_CELL_AS_WRITTEN = 80  # characters: a longer cell is a sentence, read for its first deadline


def _numbers(words: str) -> list[int]:
    return sorted(int(n) for n in _DIGITS.findall(words))
