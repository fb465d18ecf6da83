"""Dates of force: when the document and the instruments it cites come into force, and when they stop.

The phrases are data (``kg/data/force.json``); the dates use the grammar's date pattern. A date
"kể từ ngày ký" is the signing date, "sau 45 ngày kể từ ngày ký" the signing date and 45 days.
Each date keeps the characters that state it, so the graph can quote them.

>>> from kg.text import prepare_text
>>> from kg.identify import identify_document
>>> source = prepare_text("Số: 23/2024/TT-BKHĐT\\nHà Nội, ngày 31 tháng 12 năm 2024\\nTHÔNG TƯ\\n"
...                       "Điều 6.\\n1. Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 3 năm 2025.")
>>> [(f.kind, f.date) for f in find_dates_of_force(source, identify_document(source), [])]
[('in_force_from', '2025-03-01')]
"""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from .models import Citation, Document, DateOfForce, SourceText

__all__ = ["find_dates_of_force", "DateOfForce"]


@dataclass(frozen=True)
class _Patterns:
    own: dict[str, re.Pattern]            # the document's own type -> "<type> này <entry|end> ..."
    cited: re.Pattern                     # right after a citation: ", có hiệu lực kể từ ngày ..."
    second_verb: re.Pattern               # "... và hết hiệu lực kể từ ngày ..." after an entry date
    date: re.Pattern
    from_date: re.Pattern
    on_signing: re.Pattern
    after_days: re.Pattern
    until_date: re.Pattern
    metadata: re.Pattern                  # "Ngày hiệu lực: 15/09/2012" in a site's metadata block


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = json.loads(files("kg").joinpath("data", "force.json").read_text(encoding="utf-8"))
    grammar = json.loads(files("kg").joinpath("data", "grammar.json").read_text(encoding="utf-8"))
    date = grammar["date"]["pattern"]
    verb = rf"(?:(?P<entry>{data['entry']})|(?P<end>{data['end']}))"
    # the word boundary checked after the first word, not before it: a pattern that opens with a
    # literal is scanned for at C speed, one that opens with a lookbehind tried at each character
    own = {subject: re.compile(re.escape(first) + rf"(?<!\w{re.escape(first)})" + "".join(
                                   r"\s+" + re.escape(word) for word in rest) + rf"\s+này\s+{verb}")
           for subject in data["subjects"] for first, *rest in [subject.split()]}
    return _Patterns(own, re.compile(rf"\s*,?\s*(?:và\s+)?(?:đã\s+)?(?P<entry>{data['entry']})"),
                     re.compile(rf"\s*,?\s*(?:và\s+)?{verb}"),
                     re.compile(date),
                     re.compile(data["from_date"]), re.compile(data["on_signing"]),
                     re.compile(data["after_days"]), re.compile(data["until_date"]), re.compile(data["metadata"]))


def _iso(match: re.Match) -> str | None:
    day, month, year = (match.group("day") or match.group("day2"), match.group("month") or match.group("month2"),
                        match.group("year") or match.group("year2"))
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:  # "ngày 30 tháng 2": no such day, no date
        return None


def _shift(iso: str | None, days: int) -> str | None:
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=days)).isoformat() if iso else None


def _date_at(patterns: _Patterns, text: str, pos: int) -> re.Match | None:
    return patterns.date.match(text, pos)


def _entry_date(patterns: _Patterns, text: str, pos: int, signed: str | None) -> tuple[str | None, int]:
    """The first day in force stated at ``pos`` (just after "có hiệu lực"), and where the words end."""
    if match := patterns.on_signing.match(text, pos):
        return signed, match.end()
    if match := patterns.after_days.match(text, pos):
        return _shift(signed, int(match.group("days"))), match.end()
    if (match := patterns.from_date.match(text, pos)) and (date := _date_at(patterns, text, match.end())):
        return _iso(date), date.end()
    return None, pos


def _end_date(patterns: _Patterns, text: str, pos: int) -> tuple[str | None, int]:
    """The last day in force after "hết hiệu lực": "kể từ ngày X" is the day before X."""
    if (match := patterns.from_date.match(text, pos)) and (date := _date_at(patterns, text, match.end())):
        return _shift(_iso(date), -1), date.end()
    return None, pos


def _until(patterns: _Patterns, text: str, pos: int) -> tuple[str | None, int]:
    """"... đến (hết) ngày Y" after an entry date: Y is the last day in force."""
    if (match := patterns.until_date.match(text, pos)) and (date := _date_at(patterns, text, match.end())):
        return _iso(date), date.end()
    return None, pos


def find_dates_of_force(source: SourceText, document: Document,
                        citations: list[Citation] | tuple[Citation, ...]) -> tuple[DateOfForce, ...]:
    """Every date of force the text states: of the document itself ("Thông tư này có hiệu lực ...",
    the first statement of its own type only) and of each instrument a citation names right before
    ", có hiệu lực kể từ ngày ..." (the list of a consolidated text)."""
    patterns = _patterns()
    text = source.normalized
    own = document.instrument
    facts: list[DateOfForce] = []
    pattern = patterns.own.get(own.doc_type)
    if pattern is not None:
        facts += _own_dates(patterns, pattern, source, own.iri, own.date)
    if not any(fact.kind == "in_force_from" for fact in facts):
        facts += _metadata_date(patterns, source, own.iri)
    for citation in citations:
        if citation.instrument.iri == own.iri:
            continue
        pos = source.to_normalized(citation.reference.end)
        verb = patterns.cited.match(text, pos)
        if verb is None:
            continue
        date, end = _entry_date(patterns, text, verb.end(), None)
        if date is not None:
            facts.append(_fact(source, citation.instrument.iri, "in_force_from", date, pos, end))
    return tuple(facts)


def _own_dates(patterns: _Patterns, pattern: re.Pattern, source: SourceText, iri: str,
               signed: str | None) -> list[DateOfForce]:
    text = source.normalized
    found: dict[str, DateOfForce] = {}
    for match in pattern.finditer(text):
        if match.group("entry") and "in_force_from" not in found:
            date, end = _entry_date(patterns, text, match.end(), signed)
            if date is None:
                continue  # "trước ngày Thông tư này có hiệu lực": no date here
            found["in_force_from"] = _fact(source, iri, "in_force_from", date, match.start(), end)
            last, until_end = _until(patterns, text, end)
            if last is not None and "in_force_until" not in found:
                found["in_force_until"] = _fact(source, iri, "in_force_until", last, match.start(), until_end)
        elif match.group("end") and "in_force_until" not in found:
            date, end = _end_date(patterns, text, match.end())
            if date is not None:
                found["in_force_until"] = _fact(source, iri, "in_force_until", date, match.start(), end)
        if len(found) == 2:
            break
    # "có hiệu lực kể từ ngày X và hết hiệu lực kể từ ngày Y": the end is stated by a second verb
    if "in_force_from" in found and "in_force_until" not in found:
        start = source.to_normalized(found["in_force_from"].end)
        tail = patterns.second_verb.match(text, start)
        if tail and tail.group("end"):
            date, end = _end_date(patterns, text, tail.end())
            if date is not None:
                found["in_force_until"] = _fact(source, iri, "in_force_until", date, start, end)
    return list(found.values())


#: How far into a text a site's metadata block may stand (identify reads its head as far).
METADATA_HEAD = 6000


def _metadata_date(patterns: _Patterns, source: SourceText, iri: str) -> list[DateOfForce]:
    """The first day in force a site's metadata block states ("Ngày hiệu lực: 15/09/2012"), when
    the body states none: the body is the instrument's own word, the block a site's record of it.
    A value that is no date ("Đã biết", what a site shows those who are not its members) is none."""
    text = source.normalized
    match = patterns.metadata.search(text, 0, METADATA_HEAD)
    if match is None:
        return []
    try:
        date = datetime.date(int(match.group("year")), int(match.group("month")), int(match.group("day"))).isoformat()
    except ValueError:
        return []
    return [_fact(source, iri, "in_force_from", date, match.start("key"), match.end())]


def _fact(source: SourceText, iri: str, kind: str, date: str, start: int, end: int) -> DateOfForce:
    first, last = source.to_original(start), source.to_original(end)
    return DateOfForce(iri, kind, date, first, last, source.original[first:last])
