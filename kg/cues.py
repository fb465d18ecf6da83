"""The cue phrases of ``data/relation_cues.json``, read once, and found in a text: the words that
say how a text relates to what it cites ("Căn cứ" -> based_on), each with what it governs (the
instrument after it or before it, one instrument to another), and the phrases a noun makes a name
("các văn bản hướng dẫn thi hành"). kg.relate reads the relations from where they stand."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from .models import SourceText
from .relations import ONLY_DOWNWARDS, RELATIONS
from .vocab import phrase_tree, spaced, unnamed_groups

__all__ = ["Cue", "Cues", "relation_cues", "cue_key", "cue_windows", "find_cues", "scope_opening", "NAMED",
           "NAMED_ONLY"]


class Cue(NamedTuple):
    """A cue phrase found near a citation (a named tuple: tens of thousands are made per corpus,
    and a frozen dataclass takes several times as long to build)."""

    start: int
    end: int
    predicate: str
    passive: bool
    after: bool
    between: bool
    object_next: bool     # its object is what follows it word for word ("kèm theo tại khoản 3 ..." is no issued_with)
    subject_before: bool  # between two instruments, it speaks of what stands just before it
    for_document: bool    # it may say how the citing document relates ("hướng dẫn" alone only links two cited ones)
    describes: bool       # it may end the words naming a part of the instrument after it ("... ban hành kèm theo")


@dataclass(frozen=True)
class Cues:
    pattern: re.Pattern          # the phrases, lowercase, as one tree: longest first, literal-led
    meaning: dict[str, tuple[str, bool, bool, bool, bool, bool, bool, bool]]  # folded phrase -> the Cue fields after its span
    first_word: dict[str, int]   # folded phrase -> length of its first word
    stop: re.Pattern             # a character no phrase holds: a match attempt ends there
    rank: dict[str, int]
    consolidating: frozenset[str]
    consolidation_ends: re.Pattern
    reach: int
    quoted_basis: re.Pattern
    quoted_basis_ends: re.Pattern
    quoted_basis_reach: int
    noun: re.Pattern             # words that make the phrase after them a noun ("văn bản hướng dẫn thi hành")
    noun_except: frozenset[str]  # predicates whose phrases no such word makes a noun ("bằng văn bản theo quy định tại")
    enumeration: re.Pattern      # ", nhất là:" just before a citation: it is one of what the verb before acts on
    coordination: re.Pattern     # "và (hướng dẫn của ... tại)" just before a citation: one more object of the clause's cue
    licence: re.Pattern          # what follows a change verb whose object is a permit ("..., gia hạn Giấy phép"), lowercased
    bare_type: re.Pattern        # a type word alone on the line just before a phrase: "Nghị định quy định chi tiết"
    after_bare_type: frozenset[str]  # predicates whose phrases after a type word alone name an unnamed document
    own_predicate: re.Pattern    # what a clause after ";" states of its own instrument ("tiếp tục có hiệu lực")
    valued: frozenset[str]       # phrases that are cues only before a part's value ("bổ sung điểm g", not "điểm mới")
    fields: re.Pattern           # words that open a description's ";"-parted fields ("trong lĩnh vực thuế, hóa đơn; ...")
    left_out: re.Pattern         # words that leave out of the document's scope what they name ("..., trừ ...")


@lru_cache(maxsize=1)
def relation_cues() -> Cues:
    data = json.loads(files("kg").joinpath("data", "relation_cues.json").read_text(encoding="utf-8"))
    meaning = {}
    for cue in data["cues"]:
        for phrase in cue["phrases"]:
            fields = (cue["predicate"], cue.get("voice") == "passive", cue.get("position") == "after",
                      cue.get("between", True), cue.get("object_next", False), cue.get("subject_before", False),
                      cue.get("document", True), cue.get("describes", True))
            meaning[cue_key(phrase)] = fields
            # (and as texts also write it, without its commas: "sửa đổi bổ sung bởi"; a phrase of its own wins)
            meaning.setdefault(cue_key(phrase.replace(",", "")), fields)
    marks = "".join(sorted({ch for phrase in meaning for ch in phrase if not ch.isalnum() and not ch.isspace()}))
    return Cues(re.compile(phrase_tree(meaning) + r"(?!\w)"), meaning, {p: len(p.split()[0]) for p in meaning},
                 re.compile(rf"[^\w\s{re.escape(marks)}]"),
                 {name: relation.strength for name, relation in RELATIONS.items()},
                 frozenset(data["consolidating_types"]), re.compile(data["consolidation_ends"]), data["cue_reach"],
                 re.compile("|".join(spaced(p) for p in data["quoted_basis"]["phrases"])),
                 re.compile(data["quoted_basis_ends"]), data["quoted_basis_reach"],
                 _noun_pattern(data["nouns"]),
                 frozenset(data["nouns"]["except"]),
                 re.compile(r",\s*(?:" + "|".join(spaced(p) for p in data["enumeration"]["phrases"]) + r")\s*:?\s*\Z",
                            re.IGNORECASE),
                 _coordination_pattern(data["coordination"]["nouns"]),
                 _licence_pattern(data["licences"]),
                 _bare_type_pattern(), frozenset(data["nouns"]["after_one_type"]),
                 re.compile(r"(?<!\w)(?:" + "|".join(spaced(w) for w in data["own_predicates"]["words"]) + r")(?!\w)",
                            re.IGNORECASE),
                 frozenset(cue_key(p) for cue in data["cues"] if cue.get("value_after") for p in cue["phrases"]),
                 re.compile("|".join(spaced(w) for w in data["fields"]["words"])),
                 _left_out_pattern(data["left_out"]))


def _left_out_pattern(left_out: dict) -> re.Pattern:
    """Words that leave something out, whole words, not where they end another word ("khấu trừ")."""
    not_after = "".join(f"(?<!{re.escape(word)} )" for word in left_out["not_after"])
    words = "|".join(spaced(word) for word in sorted(left_out["words"], key=len, reverse=True))
    return re.compile(rf"{not_after}(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def _licence_pattern(licences: dict) -> re.Pattern:
    """What follows a change verb that acts on a permit: the procedure's other verbs, then a permit's word."""
    verbs = "|".join(spaced(verb) for verb in sorted(licences["verbs"], key=len, reverse=True))
    nouns = "|".join(spaced(noun) for noun in sorted(licences["nouns"], key=len, reverse=True))
    return re.compile(rf"(?:\s*,?\s*(?:{verbs})(?!\w))*\s*,?\s*(?:(?:một\s+số\s+)?nội\s+dung\s+(?:của\s+)?)?(?:{nouns})(?!\w)")


def _noun_pattern(nouns: dict) -> re.Pattern:
    """Words that end where a cue phrase would be a noun: the data's ("văn bản"), or document types
    named in the plural ("các Nghị định, Thông tư hướng dẫn thi hành Luật ..."); one type named alone
    is a title ("Luật sửa đổi, bổ sung một số điều của Luật ...") and keeps its cue."""
    from .vocab import vocabulary

    kinds = _kinds()
    words = "|".join(spaced(word) for word in nouns["words"])
    # (the body that issues them may follow the plural: "các Nghị định của Chính phủ quy định chi tiết ...")
    issuer = unnamed_groups(vocabulary().issuer.pattern)
    return re.compile(rf"(?:^|\W)(?:{words}|các\s+(?:{kinds})(?:\s*(?:,|và|hoặc)\s*(?:{kinds}))*"
                      rf"(?:\s+của\s+(?:{issuer}))?)\s+$", re.IGNORECASE)


def _coordination_pattern(nouns: list[str]) -> re.Pattern:
    """"và" right before an instrument, or before a noun of guidance, its author and "tại" ("và hướng dẫn của Bộ
    Nội vụ tại Công văn số ..."), searched in the words between a cue and the instrument (ending there)."""
    words = "|".join(spaced(noun) for noun in sorted(nouns, key=len, reverse=True))
    return re.compile(rf"(?<!\w)và\s+(?:(?:các\s+)?(?:{words})\s+của\s+[^,;.:“”\"()]{{1,80}}?\s+tại\s+)?\Z",
                      re.IGNORECASE)


def _bare_type_pattern() -> re.Pattern:
    """A type word alone, on the same line as what follows it ("a) Nghị định quy định chi tiết thi hành ...")."""
    return re.compile(rf"(?<!\w)(?P<type>{_kinds()})[ \t]+\Z", re.IGNORECASE)


def _kinds() -> str:
    """Every document type's name as one alternation, longest first (so "Nghị quyết liên tịch" wins over
    "Nghị quyết")."""
    from .vocab import vocabulary

    return "|".join(spaced(kind) for kind in sorted(set(vocabulary().type_by_form.values()), key=len, reverse=True))


def cue_key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


_LONGEST_CUE = 80  # characters: a window reaches this far past its edge so a cue is read whole
# a part's value after its word, in the lowercased text: "điểm g khoản 2", "khoản 9 vào", "điều 28a", "chương iv"
_PART_VALUE = re.compile(r"\s+(?:\d|[ivxlc]+(?![^\W\d_])|[a-zđ](?![^\W\d_]))")
_BLANKED = re.compile(r"\s{12,}")  # a page's furniture, blanked in the normalized text (a line's end is one or two)


def words_length(text: str, start: int, end: int) -> int:
    """The characters of the words of ``text[start:end]``, one space between words: a page's furniture (blanked in the
    normalized text) and line breaks add none."""
    return len(" ".join(text[start:end].split()))


def cue_windows(source: SourceText, spans: list[tuple[int, int]], reach: int, after: int) -> list[tuple[int, int]]:
    """The stretches of normalized text where a cue can bear on a citation: before it within
    ``reach`` words, between two close ones, and after it as far as a cue that follows its instrument
    may stand (``after`` characters); merged where they overlap."""
    windows: list[list[int]] = []
    text = source.normalized
    for start, end in spans:
        if source.offsets is not None:
            start, end = source.to_normalized(start), source.to_normalized(end)
        low, high = max(0, start - reach - _LONGEST_CUE), end + after + _LONGEST_CUE
        # (the reach is of words: a page's furniture, blanked, and line breaks before the citation lengthen it, so
        # a verb a signature stamp and the gazette's header away is read: "hướng dẫn ... 2021 - 2025 / [furniture]
        # / quy định tại Quyết định số 90/QĐ-TTg")
        for _ in range(3 if _BLANKED.search(text, low, start) else 0):  # (the words counted only where a page was)
            blank = (start - low) - words_length(text, low, start)
            if blank <= 1 or low == 0:
                break
            low = max(0, start - reach - _LONGEST_CUE - blank)
        # (and back to the document's scope, whose verb governs a long object: "Thông tư này hướng dẫn thực hiện một
        # số nội dung về chi ...; chế độ báo cáo ... theo quy định tại khoản 6 Điều 4, ..., [a page] ... Điều 28 của
        # Nghị định số 233/2025/NĐ-CP")
        if low > 0 and (scope := scope_opening(text, start)) is not None:
            low = min(low, scope)
        if windows and low <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], high)
        else:
            windows.append([low, high])
    return [(low, min(high, len(source.normalized))) for low, high in windows]


def scope_opening(text: str, position: int) -> int | None:
    """Where the sentence by which the document states its scope opens ("Thông tư này hướng dẫn", "Nghị định này quy
    định", opening its line), if ``position`` lies in it: at most ``_SCOPE_REACH`` before, no full stop or colon
    between. Its ";" before lowercase words may part the subjects it lists (relate), and its verb governs a long
    object (``cue_windows``): "Thông tư này hướng dẫn ... bảo hiểm y tế; chế độ báo cáo ... theo quy định tại ...
    Nghị định số 233/2025/NĐ-CP"."""
    low, high = max(0, position - _SCOPE_REACH), position
    if text.find("này", low, high) < 0:  # (most windows hold none: no pattern is run)
        return None
    opened = None
    for opened in _scope_pattern().finditer(text, low, high):
        pass
    if opened is None or _SCOPE_ENDED.search(text, opened.end(), high) is not None:
        return None
    return opened.start("itself")


@lru_cache(maxsize=1)
def _scope_pattern() -> re.Pattern:
    from .vocab import vocabulary

    forms = "|".join(re.escape(form) for form in vocabulary().forms)
    return re.compile(rf"(?:^|\n)[ \t]*(?:\d{{1,2}}[.)][ \t]*)?"
                      rf"(?P<itself>(?:{forms})\s+này\s+(?:quy\s+định|hướng\s+dẫn))(?!\w)", re.IGNORECASE)


_SCOPE_REACH = 600  # characters before a citation its document's scope sentence may open
_SCOPE_ENDED = re.compile(r"[.:](?=\s)")


def find_cues(source: SourceText, cues: Cues, windows: list[tuple[int, int]]) -> list[Cue]:
    """Every cue phrase near a citation, leftmost-longest, with original offsets.

    Only the text near citations can hold a cue that matters, so only it is lowercased and
    searched: each window a piece that runs on to a character no phrase holds, so a phrase
    across the window's edge is read whole. A phrase starts a word and its first word lies in
    the window.
    """
    text = source.normalized
    # Vietnamese letters lowercase one to one; the one letter that does not ("İ" -> "i̇") would
    # move offsets, so a text holding it is read as written
    lowercase = "\u0130" not in text
    offsets = source.offsets
    meaning, first_word = cues.meaning, cues.first_word
    found: list[Cue] = []
    reached = noun_end = 0
    for low, high in windows:
        base = max(0, low - 1)  # one character before: does a word end there?
        stop = cues.stop.search(text, high)
        piece = text[base:stop.end() if stop else len(text)]
        if lowercase:
            piece = piece.lower()
        position = max(low, reached)
        while match := cues.pattern.search(piece, position - base):
            start = match.start() + base
            key = match.group()
            if key not in meaning:
                key = cue_key(key)
            if start + first_word[key] > high:
                break  # any later phrase starts past the window too
            if start > 0 and piece[start - base - 1].isalnum() or (
                    key in cues.valued and not _PART_VALUE.match(piece, match.end())):
                position = start + 1  # inside a word, or a part's word with no value: a phrase may still start within
                continue
            position = reached = match.end() + base
            if meaning[key][0] in _ON_LICENCES and cues.licence.match(piece, reached - base):
                # "cấp, sửa đổi, bổ sung, gia hạn Giấy phép", "thực hiện cấp Giấy phép", "Căn cứ thu hồi giấy phép":
                # a permit changed, issued or revoked, and the procedure's ground; no act on an instrument
                fields = NAMED_ONLY
            elif _no_act(text, start, reached):
                fields = NAMED_ONLY
            elif meaning[key][0] not in cues.noun_except and (
                    cues.noun.search(piece, max(0, start - base - 60), start - base)
                    or noun_end >= base and _NOUN_GOES_ON.fullmatch(piece, noun_end - base, start - base)
                    or meaning[key][0] in cues.after_bare_type and _after_bare_type(cues, text, start)):
                # "các văn bản hướng dẫn thi hành", "Văn bản sửa đổi, bổ sung, thay thế, bãi bỏ một phần:":
                # documents named by what they do, each phrase of the list; no act of this text, which
                # only mentions what it names next (and a cue before it reaches no further)
                noun_end = reached
                fields = NAMED_ONLY
            else:
                fields = meaning[key]
            if offsets is None:
                found.append(Cue(start, reached, *fields))
            else:
                found.append(Cue(offsets[start], offsets[reached], *fields))
    return found


def _after_bare_type(cues: Cues, text: str, start: int) -> bool:
    """Whether the phrase at ``start`` follows a type word alone on its line, as written in running text (a
    gazette heads a document with its type in capitals on a line of its own: "NGHỊ ĐỊNH \nQuy định chi tiết")."""
    found = cues.bare_type.search(text, max(0, start - 40), start)
    if found is None or found.group("type").isupper() or not found.group("type")[0].isupper():
        return False  # (a lowercase "luật" ends "pháp luật")
    # "Chính phủ ban hành Nghị định quy định chi tiết ...": the enacting sentence of the document itself
    return not _ENACTING.search(text, max(0, found.start() - 20), found.start())


_ENACTING = re.compile(r"ban\s+hành\s+\Z", re.IGNORECASE)


def _no_act(text: str, start: int, end: int) -> bool:
    """Whether the phrase from ``start`` to ``end`` is denied ("Không thực hiện thủ tục ... tại Điều 18 Nghị định
    số 69/2010/NĐ-CP": a verb denied states no act) or a label in brackets ("Luật Thủ đô (sửa đổi)": the law's
    revision being drafted, named by its label)."""
    return (_DENIED.search(text, max(0, start - 8), start) is not None
            or (_OPENED.search(text, max(0, start - 3), start) is not None and _CLOSED.match(text, end) is not None))


# (not "hàng không", "phòng không": aviation and air defence, "Các hãng hàng không thực hiện theo Thông tư ...")
_DENIED = re.compile(r"(?<!\w)(?<![Hh]àng )(?<![Pp]hòng )(?:[Kk]hông|[Cc]hưa)[ \t]+\Z")
_OPENED = re.compile(r"\([ \t]*\Z")
_CLOSED = re.compile(r"[ \t]*\)")


#: The predicate of a phrase inside a noun ("các văn bản hướng dẫn thi hành, nhất là: Luật ..."): what it
#: governs is only named, the citation's own words its evidence; no cue after it outweighs it (no
#: relation is declared by this name: it never leaves this module)
NAMED = "named"
#: The relations whose verb may take a permit as its object (the ``licences`` of relation_cues.json)
_ON_LICENCES = ONLY_DOWNWARDS | {"implements", "based_on"}
NAMED_ONLY = (NAMED, False, False, False, False, False, True, True)
# What joins the phrases of a noun's list: "văn bản sửa đổi, bổ sung, thay thế, bãi bỏ"
_NOUN_GOES_ON = re.compile(r"\s*(?:,|và|hoặc)\s*")
