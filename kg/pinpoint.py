"""Citations + structure + relations -> the parts of instruments the text names (pinpoints).

Vietnamese names the part before the instrument, smallest part first: "điểm d khoản 3 Điều 19
Nghị định số 34/2016/NĐ-CP", "các điểm a, b khoản 2 Điều 4 của Thông tư ...", "từ Điều 5 đến
Điều 9 ...", "Mục 2 Chương III ...", "Phụ lục II ban hành kèm theo ...". The words and their
values are data (``data/pinpoints.json``). Three things are read:

- each citation's pinpoints: the list of parts that ends just before its reference (with at most
  "của", "tại", "ban hành kèm theo" between them);
- the document's own pinpoints: parts followed by "[của] <type> này" ("Điều 5 của Nghị định này"),
  and "khoản 2 Điều này", "điểm a khoản này": parts of the article (clause) the words stand in;
- changes to parts: a change verb followed by parts ("Bãi bỏ Điều 7, Điều 8 Quyết định số ...",
  and the items of an amending article, "2. Sửa đổi, bổ sung khoản 2 Điều 3 như sau:", whose
  instrument is the one the article's heading names), and changes of words in parts ("Thay cụm từ
  “A” bằng cụm từ “B” tại khoản 3 Điều 2"), which amend those parts.

Parts right before the appendix that holds them are one part ("khoản 2 Điều 18 Phụ lục I").

A relation whose words hold a citation with pinpoints carries them as its ``object_provisions``.

>>> from kg.extract import extract_text
>>> result = extract_text("Căn cứ điểm d khoản 3 Điều 19 Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016 của Chính phủ;")
>>> [p.label() for p in result.citations[0].pinpoints]
['điểm d khoản 3 Điều 19']
>>> result.relations[0].object_provisions[0].provision_id()
'Điều 19.3.d'
"""
from __future__ import annotations

import itertools
import json
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files

from .models import (PINPOINT_PARTS, Citation, Document, Pinpoint, ProvisionChange, Relation, Section,
                     SourceText)

__all__ = ["find_pinpoints", "Pinpoints", "parse_parts", "pinpoints_before", "names_parts_only"]

CONSOLIDATED = "Văn bản hợp nhất"
#: How far before a reference its parts may begin: lists joined by ";" run long (21/2026/NQ-CP names 40 parts of
#: 96/2023/NĐ-CP in ~700 characters; cut at 300, the first part read was an article without its clause).
WINDOW = 1000
LEVEL = {part: level for level, part in enumerate(PINPOINT_PARTS)}


@dataclass(frozen=True)
class Pinpoints:
    """What ``find_pinpoints`` adds to an extraction."""

    citations: tuple[Citation, ...]
    relations: tuple[Relation, ...]
    own: tuple[Pinpoint, ...]
    changes: tuple[ProvisionChange, ...]


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(files("kg.data").joinpath("pinpoints.json").read_text(encoding="utf-8"))


def _words(text: str) -> str:
    """A phrase of the data as a pattern: any run of spaces or a line break between its words,
    letters in any case (gazette lines wrap anywhere; headings capitalise "Khoản")."""
    return r"(?i:" + r"\s+".join(text.split(" ")) + ")"


def _part_tokens(data: dict) -> list[tuple[str, str]]:
    """Each part's pattern: its word, then its values, listed or in a range (an appendix also unnumbered)."""
    tokens = []
    for part in PINPOINT_PARTS:
        words, value = _words(data["parts"][part]["words"]), data["parts"][part]["value"]
        if part == "point":  # ("thang điểm 10", "thời điểm": no point)
            words = "".join(rf"(?<!(?i:{w})[ \n])" for w in data["not_points"]) + words
        one = rf"(?:{value})(?!\w)"
        # (the range may open before the part's word or after it: "từ Điều 5 đến Điều 9", "các khoản từ 29 đến 45")
        opening = rf"(?:(?i:{data['range_opening']})\s+)?"
        body = (rf"(?:(?i:{data['plural']})\s+)?{opening}{words}\s+{opening}{one}"
                rf"(?:{data['range']}(?:{words}\s+)?{one}|(?:{data['list']}){one})*")
        if "titled" in data["parts"][part]:  # "Phụ lục 4 về danh mục ngành, nghề ... của Luật đầu tư"
            body += rf"(?:{data['parts'][part]['titled']})?"
        unnumbered = data["parts"][part].get("unnumbered")
        if unnumbered:  # "Phụ lục ban hành kèm theo Thông tư số ...": the one appendix, no number
            # (the list of parts is read again cut from its connector: there it ends the words; or named by its title,
            # "Phụ lục Danh mục chỉ tiêu ... của Luật ...")
            body = rf"(?:{body}|{words}(?:\s+{data['parts'][part]['named']}|(?=\s+{unnumbered}|\s*$)))"
        tokens.append((part, body))
    return tokens


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    data = _data()
    tokens = _part_tokens(data)
    # named, to tell the parts apart; plain inside the longer patterns, which repeat it
    token = r"(?<!\w)(?:" + "|".join(f"(?P<{part}>{body})" for part, body in tokens) + ")"
    plain = r"(?<!\w)(?:" + "|".join(body for _, body in tokens) + ")"
    joins = data["joins"]
    after_comma = rf"\s*,\s*(?:(?:{data['comma_joins']})\s+)?"  # ("Điều 19, và điểm d ...")
    chain = rf"{plain}(?:(?:{after_comma}|\s+(?:(?:{joins})\s+)?){plain})*"
    # a list of parts may run on after ";" ("Bãi bỏ khoản 3 Điều 9; điểm c khoản 1 ... Điều 10", "quy định tại
    # Điều 5; khoản 1 và khoản 2 Điều 6; ... Điều 135 Nghị định số 96/2023/NĐ-CP")
    # and a part may carry its exception in brackets ("Điều 13 (trừ điểm b.11 khoản 1 Điều 13) và Điều 16 Thông tư số
    # 103/2014/TT-BTC"): the list goes on past it
    # (a level with no field may follow a part inside the list: "mục 4 Phần IV và mục 2 Phần V Quyết định ...")
    excepted = rf"{plain}(?:\s*{data['unnamed_levels']['pattern']})?(?:\s*{_exception().pattern})?"
    listed = rf"{excepted}(?:(?:{after_comma}|\s*;\s*|\s+(?:(?:{joins})\s+)?){excepted})*"
    before = "|".join(_words(w) for w in sorted(data["before"], key=len, reverse=True))
    own = data["own"]
    types = "|".join(_words(t) for t in sorted(own["types"], key=len, reverse=True))
    verbs = "|".join(f"(?P<c{k}>(?i:{change['verb']}))" for k, change in enumerate(data["changes"]))
    phrase = data["phrase_change"]
    quoted = r"(?:“[^”]{0,600}”|\"[^\"\n]{0,600}\")"
    quotes = rf"{quoted}(?:\s*(?:,|và|hoặc)\s*{quoted})*"
    here = "|".join(f"(?P<here_{part}>{_words(words)})" for part, words in data["here"].items())
    return {
        "token": re.compile(token),
        "value": {part: re.compile(rf"(?<!\w)(?:{data['parts'][part]['value']})(?!\w)") for part in PINPOINT_PARTS},
        "keyword": {part: re.compile(_words(data["parts"][part]["words"])) for part in PINPOINT_PARTS},
        "range": re.compile(data["range"]),
        "nested": re.compile(data["nested"]),
        "before": re.compile(rf"(?P<chain>{listed})\s*(?:(?:{before})\s*)?$"),
        "own": re.compile(rf"(?P<chain>{chain})\s*(?:(?:{own['connector']})\s+)?(?:{types})\s+này(?!\w)"),
        "change": re.compile(rf"(?<!\w)(?:{verbs})\s+{data['change_filler']}(?P<chain>{listed})"
                             rf"(?:{data['after_change']}(?P<within>{chain}))?"),
        # "Bỏ cụm từ “lệ phí tuyển sinh” tại Điều 101 và Điều 105 của Luật Giáo dục": the words of a
        # provision changed, the provision amended
        "phrase": re.compile(rf"(?<!\w)(?i:{phrase['verb']})\s+(?i:{phrase['words']})\s*{quotes}"
                             rf"(?:\s*(?i:{phrase['with']})\s+(?:(?i:{phrase['words']})\s*)?{quotes})?"
                             rf"\s*(?i:{phrase['at']})\s+(?P<chain>{listed})"),
        # "khoản 2 Điều này", "điểm a khoản này": parts of the article (clause) the words stand in
        "here": re.compile(rf"(?P<chain>{chain})\s+(?:(?:của|tại)\s+)?(?:{here})\s+này(?!\w)"),
        # a bare "Bổ sung" before the parts (not "sửa đổi, bổ sung"): the smallest part is one added
        "added": re.compile(rf"(?P<amending>(?i:{data['added']['amending']})\s*)?(?<!\w)(?i:{data['added']['verb']})\s+$"),
        "passive": re.compile(r"(?i:(?:được|bị|đã)\s*)$"),
        "then_before": re.compile(rf"\s*(?:(?:{before})\s*)?"),
    }


def _values(part: str, words: str) -> list[str]:
    """The values of one part as printed: "khoản 1, 2" -> ["1", "2"]; "từ Điều 5 đến Điều 9" -> ["5-9"]."""
    patterns = _patterns()
    rest = patterns["keyword"][part].sub(" ", words, count=1)
    found = [m.group() for m in patterns["value"][part].finditer(rest)]
    if not found and "unnumbered" in _data()["parts"][part]:
        return [""]
    if part == "point":  # ("điểm D.III.1.a", a point of a lettered clause, as printed)
        found = [value if "." in value else value.lower() for value in found]
    if len(found) == 2 and patterns["range"].search(rest):
        return [f"{found[0]}-{found[1]}"]
    return found


def parse_parts(words: str, offset: int = 0) -> list[Pinpoint]:
    """The pinpoints a list of parts names, in text order (offsets are ``offset`` + index in ``words``).

    A part no larger than the one before it opens a new pinpoint ("khoản 2 Điều 5, khoản 3 Điều 7");
    a pinpoint that stops short takes the larger parts of the one after it ("khoản 2, khoản 3 Điều 5"),
    or, the last, of the one before it ("khoản 2 Điều 7 và khoản 3").

    >>> [p.label() for p in parse_parts("các điểm a, b khoản 2 Điều 4")]
    ['điểm a khoản 2 Điều 4', 'điểm b khoản 2 Điều 4']
    >>> [p.label() for p in parse_parts("khoản 2 và khoản 3 Điều 8")]
    ['khoản 2 Điều 8', 'khoản 3 Điều 8']
    >>> [p.article for p in parse_parts("từ Điều 5 đến Điều 9")]
    ['5-9']
    """
    return [Pinpoint(offset + start, offset + end, **parts) for start, end, parts in _parsed(words)]


@lru_cache(maxsize=4096)
def _parsed(words: str) -> tuple[tuple[int, int, dict[str, str]], ...]:
    """``parse_parts`` at offset 0, as (start, end, parts): the same lists recur ("Điều 5", "khoản 2 Điều 3")."""
    patterns = _patterns()
    groups: list[dict] = []
    # (a part's exception in brackets names what the reference leaves out: "Điều 5 (trừ khoản 2), Điều 6 và Điều 7")
    words = _exception().sub(lambda m: " " * len(m.group()), words)
    for match in patterns["token"].finditer(words):
        part = match.lastgroup
        level = LEVEL[part]
        # "khoản 2 Điều 18 Phụ lục I": an appendix right after smaller parts (no "," or "và") holds them; after a
        # comma too where they stop at a section ("số thứ tự 10.1 Mục A, Phụ lục I": an appendix's lettered section)
        nested = (part == "appendix" and groups and "appendix" not in groups[-1]["parts"]
                  and (patterns["nested"].fullmatch(words, groups[-1]["end"], match.start()) is not None
                       or (groups[-1]["last"] == LEVEL["section"] and patterns["nested"].fullmatch(
                           words[groups[-1]["end"]:match.start()].replace(",", " ", 1)) is not None)))
        if not nested and (not groups or level <= groups[-1]["last"] or "appendix" in groups[-1]["parts"]
                           or part == "appendix"):
            groups.append({"parts": {}, "last": level, "start": match.start(), "end": match.end()})
        group = groups[-1]
        group["parts"][part] = _values(part, match.group())
        group["last"], group["end"] = level, match.end()
    for k in range(len(groups) - 2, -1, -1):
        top = max(LEVEL[part] for part in groups[k]["parts"])
        if _no_articles(groups[k + 1]) and "article" in groups[k]["parts"]:
            continue  # "khoản 3 Điều 31 và khoản 2.c Bảng số 01 Chương II Phụ lục 4": the appendix's chapter is no article's
        for part, values in groups[k + 1]["parts"].items():
            if top < LEVEL[part] and _shared(part, groups[k + 1]):
                groups[k]["parts"].setdefault(part, values)
    # the last may stop short too: "điểm a khoản 2 Điều 7 và khoản 3" is khoản 3 of Điều 7
    for k in range(1, len(groups)):
        top = max(LEVEL[part] for part in groups[k]["parts"])
        if top >= LEVEL["article"]:
            continue
        for part, values in groups[k - 1]["parts"].items():
            if top < LEVEL[part] and _shared(part, groups[k - 1]):
                groups[k]["parts"].setdefault(part, values)
    pinpoints = []
    for group in groups:
        parts = [part for part in PINPOINT_PARTS if group["parts"].get(part)]
        for values in itertools.product(*(group["parts"][part] for part in parts)):
            pinpoints.append((group["start"], group["end"], dict(zip(parts, values))))
    return tuple(pinpoints)


def _no_articles(group: dict) -> bool:
    """Whether a pinpoint names a part smaller than an article in larger parts without one: a structure of its own
    (an appendix's "khoản 2.c ... Chương II Phụ lục 4"), whose larger parts hold no article listed beside it."""
    parts = group["parts"]
    return "article" not in parts and any(LEVEL[part] < LEVEL["article"] for part in parts) \
        and any(LEVEL[part] > LEVEL["article"] for part in parts)


def _shared(part: str, group: dict) -> bool:
    """Whether a part of one pinpoint also holds the one listed beside it that stops short: any part
    larger than the one it stops at, an appendix only where it holds smaller parts ("khoản 2, khoản 3
    Điều 18 Phụ lục I"), not where it is listed on its own ("Điều 8, Phụ lục VI ban hành kèm theo ...")."""
    return part != "appendix" or len(group["parts"]) > 1


def names_parts_only(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is only a list of parts and the words that join it to the instrument after
    it ("Điều 19, Điều 23 và Phụ lục ban hành kèm ")."""
    return _patterns()["before"].fullmatch(text, start, end) is not None


def pinpoints_before(text: str, end: int, start: int = 0, starts: _Starts | None = None) -> list[Pinpoint]:
    """The pinpoints of the list of parts that ends at ``end`` (where an instrument is named),
    looking no further back than ``start``.

    >>> [p.label() for p in pinpoints_before("quy định tại Điều 19 Thông tư số 26", 21)]
    ['Điều 19']
    >>> pinpoints_before("Điều 5. Thông tư số 26", 8)
    []
    """
    start = max(start, end - WINDOW)
    before = _patterns()["before"]
    match = starts.search_before(before, text, start, end) if starts else before.search(text, start, end)
    if match is None:
        return []
    found = parse_parts(match.group("chain"), match.start("chain"))
    added = _patterns()["added"].search(text, max(0, match.start("chain") - 40), match.start("chain"))
    if added is None or added.group("amending"):
        return found
    # "Bổ sung khoản 15 Điều 4 Nghị định số 320/2025/NĐ-CP" (then “15. ...”): clause 15 is the part
    # added, new wording; the part of the instrument the words name is article 4
    return list(dict.fromkeys(p for p in map(_holder, found) if p is not None))


def _holder(pinpoint: Pinpoint) -> Pinpoint | None:
    """The pinpoint without its smallest part (the part that holds it), or None when it names one part."""
    named = [part for part in PINPOINT_PARTS if getattr(pinpoint, part)]
    if len(named) < 2:
        return None
    return replace(pinpoint, **{min(named, key=LEVEL.__getitem__): None})


def _to_original(source: SourceText, pinpoint: Pinpoint, quote_end: int | None = None) -> Pinpoint:
    """The pinpoint with offsets in the text as read, and the words from it to ``quote_end`` (an
    original offset: the end of the instrument's name) as its quote."""
    start, end = source.to_original(pinpoint.start), source.to_original(pinpoint.end)
    quote = source.original[start:quote_end] if quote_end is not None else ""
    # built directly: dataclasses.replace reads the fields anew on every call
    return Pinpoint(start, end, pinpoint.chapter, pinpoint.section, pinpoint.article, pinpoint.clause,
                    pinpoint.point, pinpoint.appendix, quote)


def _leading_words(pattern: str) -> list[str]:
    """The lowercase words a phrase of the data can begin with: "sửa đổi,?\\s+bổ sung" -> ["sửa"],
    "(?:tạm\\s+)?ngưng hiệu lực" -> ["tạm", "ngưng"], "các|những" -> ["các", "những"]."""
    words, depth, alternatives = [], 0, [""]
    for character in pattern:  # the alternatives at the top level
        depth += (character == "(") - (character == ")")
        if character == "|" and depth == 0:
            alternatives.append("")
        else:
            alternatives[-1] += character
    for alternative in alternatives:
        optional = re.match(r"\(\?:(\w+)\\s\+\)\?", alternative)
        if optional:
            words.append(optional.group(1))
            alternative = alternative[optional.end():]
        word = re.match(r"\w+", alternative)
        if word is None:
            raise ValueError(f"pinpoints.json: cannot tell the words {pattern!r} begins with")
        words.append(word.group())
    return [word.lower() for word in words]


@lru_cache(maxsize=1)
def _first_words() -> dict[str, tuple[str, ...]]:
    """The words a list of parts ("các", "từ", "điểm", ... "phụ") and a change ("sửa", "bãi" ...) begin with."""
    data = _data()
    parts = [data["plural"], data["range_opening"], *(data["parts"][part]["words"] for part in PINPOINT_PARTS)]
    return {"parts": tuple(dict.fromkeys(w for p in parts for w in _leading_words(p))),
            "changes": tuple(dict.fromkeys(w for c in data["changes"] for w in _leading_words(c["verb"]))),
            "phrases": tuple(_leading_words(data["phrase_change"]["verb"]))}


#: Letters ``re``'s caseless matching takes for another than ``str.lower`` gives ("ı" for "i",
#: "ſ" for "s") or that lowercase to two ("İ"): with one in the text, the patterns scan it whole.
_ODD_CASE = "\u0130\u0131\u017f\u1e9b"
#: How far before "<type> này" a list of the document's own parts may begin.
OWN_WINDOW = 2000
#: A character no list of parts holds, nor the words between it and its instrument ("của", "ban
#: hành kèm theo", "Nghị định này"): anything but a letter, a digit, a space and "," ("." and "-"
#: only before a digit: "Phụ lục I.3", "Phụ lục 1-2"; "." before a capital too, or between a digit and a letter:
#: "Mục C.II.1.8", "điểm D.III.1.a").
_BARRIER = re.compile(r"[^\w\s,]")


@lru_cache(maxsize=1)
def _exception() -> re.Pattern:
    """A part's exception in brackets, "(trừ điểm b.11 khoản 1 Điều 13)" (data/pinpoints.json "exception")."""
    return re.compile(rf"\(\s*(?:{_data()['exception']})\s[^()]{{0,80}}\)")


_SPACES = re.compile(r"\s*")


class _Starts:
    """Where, in one text, a list of parts or a change can begin: the places its first words
    stand, found with ``str.find`` in the lowercased text. The long patterns are then tried only
    there, not at each character (``re`` sees no literal prefix in a caseless alternation, and
    tried them at ~50 ns a character: most of the extraction's time).

    A change verb is sought in the whole text. A list of parts is sought only where one is wanted:
    in the stretch right before a reference, or before "<type> này" and "Điều này", back to the
    last character such a list cannot hold (``_BARRIER``); each whole-text scan costs ~5% of the
    bare number scan, and the stretches are short."""

    def __init__(self, text: str):
        self.text = text
        self.whole = any(letter in text for letter in _ODD_CASE)  # four str.find: a tenth of one re class scan
        self._quotes: tuple[list[int], list[int]] | None = None
        if self.whole:
            return
        self._lowered = lowered = text.lower()
        words = _first_words()
        self._reach = max(map(len, words["parts"])) - 1  # a word that starts in a stretch may end past it
        verbs = {word: self._positions(lowered, word) for word in dict.fromkeys(words["changes"] + words["phrases"])}
        self.changes = sorted(set().union(*(verbs[word] for word in words["changes"])))
        self.phrases = sorted(set().union(*(verbs[word] for word in words["phrases"])))

    @staticmethod
    def _positions(lowered: str, word: str) -> list[int]:
        """Where ``word`` begins in ``lowered``, as ``re.finditer`` finds it."""
        found = []
        at = lowered.find(word)
        while at != -1:
            found.append(at)
            at = lowered.find(word, at + len(word))
        return found

    def _parts_before(self, start: int, end: int) -> list[int]:
        """Where a list of parts that runs to ``end`` can begin in ``text[start:end]``: after the last
        character it cannot hold, at the first words of a list."""
        behind = self.text[start:end][::-1]
        found = _BARRIER.search(behind)
        while found is not None:
            k = found.start()
            if behind[k] == ")":  # (a part's exception in brackets: "Điều 13 (trừ điểm b.11 khoản 1 Điều 13) và Điều 16")
                opening = self.text.rfind("(", start, end - 1 - k)
                if opening >= 0 and _exception().match(self.text, opening):
                    found = _BARRIER.search(behind, end - opening)
                    continue
            # (re's \d: a decimal digit; "Mục C.II.1.8", "điểm D.III.1.a": an outline's letters and numerals join by ".")
            if not (behind[k] in ".-" and k > 0 and (behind[k - 1].isdecimal()
                                                      or behind[k] == "." and behind[k - 1].isupper()
                                                      or behind[k] == "." and behind[k - 1].islower()
                                                      and behind[k + 1:k + 2].isdecimal())
                    or behind[k] == ";" and self._part_after(end - k)):
                start = end - k
                break
            found = _BARRIER.search(behind, k + 1)
        if start >= end:
            return []
        # one scan for any first word: a word it passes over inside another begins after a letter,
        # where no list of parts begins ("(?<!\w)")
        window = self._lowered[start:end + self._reach]
        return [start + found.start() for found in _first_words_pattern().finditer(window) if found.start() < end - start]

    def _part_after(self, position: int) -> bool:
        """Whether a part's first word follows ``position`` (past spaces): a list of parts may run on
        after ";" ("Điều 5; khoản 1 và khoản 2 Điều 6; ...; Điều 135 Nghị định số 96/2023/NĐ-CP")."""
        match = _SPACES.match(self._lowered, position)
        return _first_words_pattern().match(self._lowered, match.end()) is not None

    def scan(self, pattern: re.Pattern, text: str, starts: list[int]):
        """What ``pattern.finditer(text)`` yields when each match begins at one of ``starts``."""
        if self.whole:
            yield from pattern.finditer(text)
            return
        last_end = 0
        for at in starts:
            if at >= last_end and (match := pattern.match(text, at)) is not None:
                last_end = match.end()
                yield match

    def own_starts(self) -> tuple[list[int], list[int]]:
        """The starts of lists of parts before "<type> này" (the ``own`` pattern) and before
        "Điều này", "khoản này" (``here``), within ``OWN_WINDOW``.

        Both patterns end in "này" in lower case after a space, and no "này" stands inside a list of
        parts: a list that ends there begins after the "này" before, and after the last character
        a list cannot hold."""
        own_words, here_words = _last_words()
        longest = max(map(len, own_words + here_words))
        text, own, here, previous = self.text, [], [], 0
        at = text.find("này")
        while at != -1:
            k = at
            while k > 0 and text[k - 1].isspace():  # re's \s
                k -= 1
            before = self._lowered[max(0, k - longest):k] if k < at else ""
            of_type, of_part = before.endswith(own_words), before.endswith(here_words)
            if of_type or of_part:
                starts = self._parts_before(max(previous, at - OWN_WINDOW), at)
                if of_type:
                    own += starts
                if of_part:
                    here += starts
            previous = at
            at = text.find("này", at + 3)
        return own, here

    def search_before(self, pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
        """``pattern.search(text, start, end)`` when each match begins at one of the parts' starts
        and runs to ``end``."""
        if self.whole:
            return pattern.search(text, start, end)
        for at in self._parts_before(start, end):
            if (match := pattern.match(text, at, end)) is not None:
                return match
        return None

    def quoted(self, position: int) -> bool:
        """Whether ``position`` is inside new wording an amending text quotes (“...”): the last
        opening quote before it comes after the last closing one."""
        if self._quotes is None:
            self._quotes = (self._positions(self.text, "“"), self._positions(self.text, "”"))
        opening, closing = self._quotes
        k, j = bisect_left(opening, position), bisect_left(closing, position)
        return k > 0 and (j == 0 or opening[k - 1] > closing[j - 1])


@lru_cache(maxsize=1)
def _first_words_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(_first_words()["parts"], key=len, reverse=True)))


@lru_cache(maxsize=1)
def _last_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The last words, lowercased, of the document's own types ("tư" of "Thông tư") and of the
    parts "này" can follow ("điều", "khoản")."""
    data = _data()
    return (tuple(dict.fromkeys(t.split()[-1].lower() for t in data["own"]["types"])),
            tuple(dict.fromkeys(w.split()[-1].lower() for w in data["here"].values())))


def _own(source: SourceText, starts: _Starts, sections: tuple[Section, ...] = ()) -> list[Pinpoint]:
    """Parts of the document itself: "Điều 5 của Nghị định này", and "khoản 2 Điều này" (of the
    article the words stand in), "điểm a khoản này" (of the clause)."""
    found = []
    text = source.normalized
    patterns = _patterns()
    own_starts, here_starts = (None, None) if starts.whole else starts.own_starts()
    for match in starts.scan(patterns["own"], text, own_starts):
        if starts.quoted(match.start()):
            continue  # new wording quoted by an amending text: its "Luật này" is the law amended
        found += [(p, source.to_original(match.end())) for p in parse_parts(match.group("chain"), match.start("chain"))]
    for match in starts.scan(patterns["here"], text, here_starts) if sections else ():
        if starts.quoted(match.start()):
            continue  # its "Điều này" is an article of the law amended
        kind = "article" if match.group("here_article") else "clause"
        holder = _enclosing(sections, source.to_original(match.start()), kind)
        larger = _parts_of(holder.id) if holder is not None else None
        if larger is None:
            continue  # outside any article, or in one kg cannot name as a part (an attached text's)
        for pinpoint in parse_parts(match.group("chain"), match.start("chain")):
            highest = max(LEVEL[p] for p in PINPOINT_PARTS if getattr(pinpoint, p))
            extra = {p: v for p, v in larger.items() if LEVEL[p] > highest}
            found.append((replace(pinpoint, **extra), source.to_original(match.end())))
    found.sort(key=lambda item: item[0].start)
    return [_to_original(source, p, end) for p, end in found]


#: A section id kg.structure gives an article or a clause, read back into parts: "Phụ lục I.Điều 18.2".
_SECTION_PARTS = re.compile(r"(?:Phụ lục (?P<appendix>[^.]+(?:\.\d+)*)\.)?Điều (?P<article>\d{1,3}[a-zđ]?)"
                            r"(?:\.(?P<clause>\d{1,3}[a-zđ]?))?$")


def _parts_of(section_id: str) -> dict[str, str] | None:
    """The parts an article's or a clause's id names ("Điều 5.2" -> article 5, clause 2); None for
    an id that is not one (an attached text's "annex.2.Điều 3")."""
    match = _SECTION_PARTS.match(section_id)
    return {k: v for k, v in match.groupdict().items() if v} if match else None


def _enclosing(sections: tuple[Section, ...], position: int, kind: str) -> Section | None:
    """The innermost section of ``kind`` the position stands in."""
    return _innermost(tuple(s for s in sections if s.kind == kind), position)


def _kind(match: re.Match) -> str:
    """The kind of change of the verb that matched (``c0``, ``c1``... in the order of the data); a
    change of words amends the provision that holds them."""
    if match.re is _patterns()["phrase"]:
        return _data()["phrase_change"]["kind"]
    index = next(int(name[1:]) for name, value in match.groupdict().items()
                 if value is not None and name[:1] == "c" and name[1:].isdigit())
    return _data()["changes"][index]["kind"]


def _within(pinpoints: list[Pinpoint], larger: list[Pinpoint]) -> list[Pinpoint]:
    """"khoản 9 vào sau khoản 8 Điều 2": the new part sits in the larger parts named after it."""
    if not larger:
        return pinpoints
    top = larger[0]
    placed = []
    for pinpoint in pinpoints:
        levels = [LEVEL[p] for p in PINPOINT_PARTS if getattr(pinpoint, p)]
        highest = max(levels) if levels else -1
        extra = {p: getattr(top, p) for p in PINPOINT_PARTS
                 if LEVEL[p] > highest and LEVEL[p] < LEVEL["appendix"] and getattr(top, p)}
        placed.append(replace(pinpoint, **extra))
    return placed


def _heading_target(article: Section, citations: list[Citation], first_child: dict[str, int]) -> str | None:
    """The instrument the heading of an amending article names ("Điều 1. Sửa đổi, bổ sung một số
    điều của Luật ..."): its items change parts of it."""
    heading_end = first_child.get(article.id, article.end)
    for citation in citations:
        if article.start <= citation.reference.start < heading_end:
            return citation.instrument.iri
    return None


def _changes(source: SourceText, citations: list[Citation], sections: tuple[Section, ...], starts: _Starts,
             ) -> list[ProvisionChange]:
    """Parts of other instruments the text changes, and how.

    A change verb followed by parts changes the instrument named right after them; an item that
    opens with one ("2. Sửa đổi, bổ sung khoản 2 Điều 3 như sau:") changes the instrument its
    article's heading names, and a point under such an item ("a) Sửa đổi, bổ sung khoản 1 như
    sau:") a part of what the item names ("Sửa đổi, bổ sung một số khoản của Điều 6").
    """
    patterns = _patterns()
    text = source.normalized
    by_id = {section.id: section for section in sections}
    first_child: dict[str, int] = {}
    for section in sections:
        if section.parent and section.parent not in first_child:
            first_child[section.parent] = section.start
    named = {source.to_normalized(c.reference.start): c for c in citations}
    opened: dict[str, tuple[str, list[Pinpoint]]] = {}  # item id -> what its head changes
    changes = []
    found = itertools.chain(starts.scan(patterns["change"], text, None if starts.whole else starts.changes),
                            starts.scan(patterns["phrase"], text, None if starts.whole else starts.phrases))
    line, looked = 0, 0  # the start of the line of the last match, and how far a line break was looked for
    for match in sorted(found, key=lambda m: m.start()):
        if patterns["passive"].search(text, max(0, match.start() - 8), match.start()):
            continue  # "được sửa đổi, bổ sung tại khoản 2": this text is not the one changing it
        # the matches come in text order: a line break is looked for since the last one only, not
        # back to the start of the text for each (quadratic on a text with few line breaks)
        line, looked = text.rfind("\n", looked, match.start()) + 1 or line, match.start()
        pinpoints = parse_parts(match.group("chain"), match.start("chain"))
        if match.groupdict().get("within"):
            pinpoints = _within(pinpoints, parse_parts(match.group("within"), match.start("within")))
        after = patterns["then_before"].match(text, match.end())
        citation = named.get(after.end())
        start, end = source.to_original(match.start()), source.to_original(match.end())
        section = _innermost(sections, start) if _opens_item(text, line, match.start()) else None
        target = citation.instrument.iri if citation is not None else None
        at = section
        while target is None and at is not None:
            if at.id in opened and at is not section:
                target, larger = opened[at.id]
                pinpoints = _within(pinpoints, larger)
            elif at.kind == "article":
                target = _heading_target(at, citations, first_child)
                break
            at = by_id.get(at.parent) if at.parent else None
        if target is None:
            continue
        if section is not None:
            opened.setdefault(section.id, (target, pinpoints))
        quote = source.original[start:end]
        by = section.id if section is not None else (_innermost(sections, start) or Section("", "", 0, 0)).id or None
        for pinpoint in pinpoints:
            changes.append(ProvisionChange(_kind(match), target, _to_original(source, pinpoint), by, start, end, quote))
    return changes


_ITEM_MARK = re.compile(r"[ \t]*(?:\*\*)?[ \t]*(?:\d{1,2}(?:\.\d{1,2})*[ \t]*[.)]|[a-zđ]\)|Điều[ \t]+\d{1,3}[a-zđ]?[ \t]*\.)[ \t]*(?:\*\*)?[ \t]*$")


def _opens_item(text: str, line: int, position: int) -> bool:
    """Whether the change at ``position`` (on the line that starts at ``line``) opens a numbered
    item, a point or an article ("2. Sửa đổi ...")."""
    return _ITEM_MARK.match(text, line, position) is not None


def _innermost(sections: tuple[Section, ...], position: int) -> Section | None:
    best = None
    for section in sections:
        if section.start <= position < section.end and (best is None or section.end - section.start < best.end - best.start):
            best = section
    return best


def find_pinpoints(source: SourceText, document: Document, citations: list[Citation],
                   sections: tuple[Section, ...], relations: tuple[Relation, ...]) -> Pinpoints:
    """Each citation's pinpoints, the document's own, the relations' ``object_provisions`` and the
    parts the text changes."""
    text = source.normalized
    starts = _Starts(text)
    placed = []
    previous_start = previous_end = 0
    for citation in citations:
        start = source.to_normalized(citation.reference.start)
        # (a reference inside the one before, a law in an amending law's title, looks back within that title: "Luật
        # sửa đổi, bổ sung một số điều và Phụ lục Danh mục chỉ tiêu thống kê quốc gia của Luật Thống kê")
        found = pinpoints_before(text, start, previous_end if previous_end <= start else previous_start, starts)
        if source.to_normalized(citation.reference.end) > previous_end:
            previous_start, previous_end = start, source.to_normalized(citation.reference.end)
        if found:
            citation = Citation(citation.reference, citation.instrument, citation.section,
                                tuple(_to_original(source, p, citation.reference.end) for p in found))
        placed.append(citation)
    with_parts: dict[str, list[Citation]] = {}  # instrument -> its citations with parts, in text order
    for citation in placed:
        if citation.pinpoints:
            with_parts.setdefault(citation.instrument.iri, []).append(citation)
    typed = []
    for relation in relations:
        named = tuple(p for c in with_parts.get(relation.object, ())
                      if relation.start <= c.reference.start < relation.end for p in c.pinpoints)
        typed.append(replace(relation, object_provisions=named) if named else relation)
    own_iri = document.instrument.iri
    cited = {c.instrument.iri for c in placed} - {own_iri}
    changes = []
    for change in _changes(source, placed, sections, starts):
        if change.target == own_iri:
            continue
        # "Thông tư số 02/2023/TT-BLĐTBXH ... sửa đổi, bổ sung Điều 1 của Thông tư số 09/2022/TT-BLĐTBXH":
        # the relation finder found who changes what; the change is that instrument's
        changer = next((r.subject for r in relations if r.object == change.target and r.subject in cited
                        and r.start <= change.start < r.end), None)
        if changer is None and document.instrument.doc_type == CONSOLIDATED:
            continue  # a consolidated text changes nothing itself (it restates what others changed)
        changes.append(replace(change, changer=changer) if changer else change)
    return Pinpoints(tuple(placed), tuple(typed), tuple(_own(source, starts, sections)), tuple(changes))
