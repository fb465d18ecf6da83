"""Text -> references: every mention of another instrument, as written.

One pass of one compiled pattern finds the candidates (type words, and "số" before a
number for lowercase type words); each candidate is then read forward with small anchored
patterns: number or numbers, footnote marker, date, issuer, subject. Instruments named by
title ("Luật Tố cáo năm 2018") take the longest title the registry knows, else a cautious
guess at where the name ends. Coordinated references ("Quyết định số 217-QĐ/TW và Quyết
định số 218-QĐ/TW ngày 12 tháng 12 năm 2013 của Bộ Chính trị") share the date and issuer
written once after the last of them.
"""
from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from .issuers import JOINT_SEPARATOR, committee_name, issuer_from_codes, number_codes
from .models import Reference, SourceText
from .vocab import (Vocabulary, document_types, fold, folded_ranked_forms, forms_where, load_registry, part_words,
                    spaced, vocabulary)

__all__ = ["find_references", "TitleIndex", "default_title_index", "plural_list"]

# A table's bar ends a title: no instrument's name holds one ("# Luật Khoáng sản" above a markdown
# table of its metadata read on into "| | | |---|---| |")
_TOKEN = re.compile(r"\s*([^\s,;:.()\[\]“”\"|]+|[,;:])")  # (a bracket ends a word: "77 Luật PPP].", a footnote cut)
# The spaces and comma before a word are read possessively ("*+", "?+"): the word after them
# cannot start with either, so backtracking over them could only fail again, slowly.
_TITLE_NUMBER_LEAD = re.compile(r"\s*+,?+\s*+(?:số|Số)\s*")
_RUNS_TO_LAW_NUMBER = re.compile(r"(?P<words>(?:\s+[a-zà-ỹđ]+){1,5})\s+số\s+(?=\d{1,5}/(?:19|20)\d\d/QH\d)")
# a law's or an ordinance's number with its year and code, after a space (not a table's next cell: "Luật Quản lý thuế \t
# 80/2021/TT-BTC" names the circular beside the law)
_BARE_NUMBER_LEAD = re.compile(r" +(?=\d{1,5}/(?:19|20)\d\d/(?:QH|PL-UBTVQH|UBTVQH)\d)")
_ISSUER_LEAD = re.compile(r"\s*+,?+\s*+(?:của|do)\s+")
_JOIN = re.compile(r"\s*+(?:,\s*+)?+(?:và|cùng)\s+(?:các\s+)?")
_SUBJECT = re.compile(
    r"\s*+,?+\s*+(?:"
    r"(?:về\s+việc|về|V/v|v/v)\s+(?P<subject>(?:[^;()“”\"\n.]|\n(?!\s*\n)|\.(?!\s)){3,240}?)"
    r"(?=\s*(?:[;()“”\"]|\.\s|\n\s*\n|$|,\s*(?:Nghị|Quyết|Chỉ|Thông|Kế|Luật|Kết)))"
    r"|(?:ban\s+hành\s+)?“(?P<quoted>[^”]{3,300})”)"
)
_MAX_TITLE_TOKENS = 40  # the longest title the registry holds that is not an amending law's ("Pháp lệnh về Quyền ưu đãi, ...")
_MAX_GUESSED_TOKENS = 20
# A footnote number glued to the last word of a title in consolidated texts: "Luật Bảo hiểm xã hội1"
_GLUED_FOOTNOTE = re.compile(r"([^\W\d_]+)(\d{1,2})")
#: The kinds a law's title names as the ones it amends ("Luật sửa đổi, bổ sung một số điều của Luật Giao
#: thông đường bộ, Bộ luật Hàng hải Việt Nam"): 'named_in_amending_titles' in kg/data/document_types.json.
_AMENDED_KINDS = "|".join(spaced(form) for form in forms_where("named_in_amending_titles"))
# "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"
# ("... bổ sung Điều 6 và Phụ lục 4 về Danh mục ... của Luật Đầu tư": words may stand between)
# ("Luật Sửa đổi, bổ sung một số điều của Luật Phòng, chống thiên tai và Luật Đê điều": its first word may be capitalised)
_AMENDING = re.compile(r"\s+(?:[sS]ửa\s+đổi,?\s+bổ\s+sung|[sS]ửa\s+đổi|[bB]ổ\s+sung)(?:\s+[^;.]{0,160}?)?\s+(?:của\s+)?(?:các\s+)?"
                       r"(?=(?:" + _AMENDED_KINDS + r")(?!\w))")
_AMENDED_JOIN = re.compile(r"\s*(?:,|và)\s*")
_IN_REVISION = re.compile(r"\s*\((?:sửa\s+đổi|thay\s+thế)\)")  # "Luật Thủ đô (sửa đổi)": the law's revision in draft
_NUMBER_YEAR = re.compile(r"[\d.]+[a-z]?/((?:19|20)\d\d)/")  # "15/2019/QĐ-UBND"
_LISTED_NUMBER = re.compile(r"\s+(?:số|Số)\s*\d[^\s,;]*(?=\s*(?:,|và|$))")
_TITLED_TYPE = re.compile(r"(" + _AMENDED_KINDS + r")(?!\w)")


@dataclass(frozen=True)
class TitleIndex:
    """Titles of instruments known by name, as a tree of folded words after the type word.

    ``tree[doc_type]`` maps a title's first word to the node of the words that may follow it,
    and so on; a node holding the key ``None`` ends a known title. A title is read by walking
    the tree word by word, which stops as soon as no known title goes on.
    """

    tree: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def from_titles(cls, pairs) -> "TitleIndex":
        """Build from ``(doc_type, full title)`` pairs such as ("Luật", "Luật Tố cáo")."""
        vocab = vocabulary()
        tree: dict[str, dict] = {}
        for doc_type, title in pairs:
            if doc_type not in vocab.by_title_types:
                continue
            words = _title_after_type(doc_type, title)
            if words:
                _insert(tree.setdefault(doc_type, {}), words)
        return cls(tree)

    def including(self, doc_type: str, title: str) -> "TitleIndex":
        """This index with one more title of ``doc_type`` (its tree copied, the others shared), or itself if known."""
        words = _title_after_type(doc_type, title)
        if not words or len(words) > _MAX_TITLE_TOKENS or self.longest(doc_type, words) == len(words):
            return self
        tree = {**self.tree, doc_type: copy.deepcopy(self.tree.get(doc_type, {}))}
        _insert(tree[doc_type], words)
        return TitleIndex(tree)

    def longest(self, doc_type: str, words: list[str]) -> int:
        """How many of ``words`` form the longest known title of ``doc_type`` (0 if none)."""
        node = self.tree.get(doc_type, {})
        best = 0
        for length, word in enumerate(words[:_MAX_TITLE_TOKENS], start=1):
            node = node.get(word)
            if node is None:
                break
            if None in node:
                best = length
        return best


def _title_after_type(doc_type: str, title: str) -> list[str]:
    """A title's folded words after the type word(s) it starts with, read for one word more than a title is
    (``_MAX_TITLE_TOKENS``: the words after them never count)."""
    type_words = [fold(w) for w in doc_type.split()]
    words = _tokens(title, limit=len(type_words) + _MAX_TITLE_TOKENS + 1)
    return words[len(type_words):] if words[:len(type_words)] == type_words else words


def _insert(node: dict, words: list[str]) -> None:
    """A title's words into a tree of titles (``TitleIndex``); one longer than a title may be ends no title."""
    for word in words[:_MAX_TITLE_TOKENS]:
        node = node.setdefault(word, {})
    if len(words) <= _MAX_TITLE_TOKENS:
        node[None] = True


def _tokens(text: str, limit: int | None = None) -> list[str]:
    return [fold(m.group(1)) for m in islice(_TOKEN.finditer(text), limit)]


@lru_cache(maxsize=1)
def default_title_index() -> TitleIndex:
    """Titles from the bundled registry."""
    return TitleIndex.from_titles((e.doc_type, e.title) for e in load_registry() if e.title)


@dataclass(slots=True)
class _Draft:
    """A reference being read; becomes a frozen ``Reference`` once its span is known."""

    doc_type: str
    start: int
    end: int
    number: str | None = None
    number_year: int | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None
    title: str | None = None
    subject: str | None = None
    warnings: list[str] = field(default_factory=list)
    contradicted: tuple[str | None, int] | None = None  # (date, year) of a tail whose year its number's contradicts


def find_references(source: SourceText, titles: TitleIndex | None = None) -> list[Reference]:
    """Every reference to an instrument in ``source``, in text order.

    >>> from kg.text import prepare_text
    >>> refs = find_references(prepare_text(
    ...     "theo Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12 tháng 12 năm 2013 của Bộ Chính trị"))
    >>> [(r.number, r.date, r.issuer) for r in refs]
    [('217-QĐ/TW', '2013-12-12', 'Bộ Chính trị'), ('218-QĐ/TW', '2013-12-12', 'Bộ Chính trị')]
    """
    vocab = vocabulary()
    titles = titles if titles is not None else default_title_index()
    text = _numbered_in_capitals(source.normalized)
    drafts: list[_Draft] = []
    covered = 0  # the end of the last reference read: anchors before it lie inside it
    pending: list[_Draft] = []  # undated references that may share the date of the next one
    pending_at = -1
    for anchor in _anchors(vocab, text):
        opening = _type_word(vocab, text, anchor, covered)
        listed = None
        if opening is None:
            listed = _plural_item(vocab, text, anchor, covered)
            if listed is None:
                continue
            opening = (anchor.start(), anchor.start(), listed[2])
        start, after, doc_type = opening
        group, end, has_tail = _read(vocab, titles, text, doc_type, start, after)
        if listed is not None:
            group = _under_plural(vocab, text, listed, group)
        if not group or _malformed(group):  # "Thông tư liên tịch số 06/2018" after "... số 06/2018/TTLT-..."
            group, end, has_tail = _short_form(text, doc_type, start, after, drafts) or (group, end, has_tail)
        if not group:
            continue
        covered = end
        for draft in group:
            if draft.title and " và " in draft.title and draft.doc_type in vocab.by_title_types:
                # a title read whole on "và" (_joined_title) is the text's to the end, with no date after it too
                # ("Căn cứ Luật Địa chất và khoáng sản ngày 29 tháng 11 năm 2024", then "Điều 108 Luật Địa chất và
                # khoáng sản")
                titles = titles.including(draft.doc_type, draft.title)
        if group[0].issuer is None:
            _issuer_before(vocab, text, start, group)
        _kind_from_code(vocab, group)
        pending, pending_at = _carry_tail(text, pending, pending_at, group, start, end, has_tail)
        drafts.extend(group)
    _unglue_footnote_marks(text, drafts)
    _complete_cut_codes(drafts)
    _mend_misprinted_years(drafts, text)
    return _freeze(source, drafts)


def _numbered_in_capitals(text: str) -> str:
    """A type word and "SỐ" in capitals before a number, as a heading prints an instrument ("Chương III / SỬA ĐỔI, BỔ
    SUNG MỘT SỐ ĐIỀU CỦA THÔNG TƯ SỐ / 10/2016/TT-NHNN HƯỚNG DẪN ... NGHỊ ĐỊNH SỐ 135/2015/NĐ-CP"), written as running
    text writes them, "Thông tư số": the same letters, so offsets are kept.

    >>> _numbered_in_capitals("CỦA THÔNG TƯ SỐ \\n10/2016/TT-NHNN HƯỚNG DẪN; THÔNG TƯ\\nQuy định")
    'CỦA Thông tư số \\n10/2016/TT-NHNN HƯỚNG DẪN; THÔNG TƯ\\nQuy định'
    """
    if " SỐ" not in text:
        return text
    return _capitals_pattern().sub(lambda m: m.group("type").capitalize() + m.group("gap") + "số", text)


@lru_cache(maxsize=1)
def _capitals_pattern() -> re.Pattern:
    forms = "|".join(r"\s+".join(map(re.escape, form.upper().split())) for form in vocabulary().forms)
    return re.compile(rf"(?<!\w)(?P<type>{forms})(?P<gap>\s+)SỐ(?=\s*:?\s*\d)")


def _complete_cut_codes(drafts: list[_Draft]) -> None:
    """A number whose last code lost its last letters in print ("Thông tư số 26/2016/TT-BLĐTBX") is the number
    the same text prints whole ("26/2016/TT-BLĐTBXH"), if its cut code names no issuer and the whole one does.

    >>> from kg.text import prepare_text
    >>> [r.number for r in find_references(prepare_text(
    ...     "Thông tư số 26/2016/TT-BLĐTBXH ngày 01/9/2016; khoản 2 Điều 18 Thông tư số 26/2016/TT-BLĐTBX"))]
    ['26/2016/TT-BLĐTBXH', '26/2016/TT-BLĐTBXH']
    """
    cut: dict[str, set[str]] = {}  # a whole number without its last one or two letters -> the whole numbers
    for number in {draft.number for draft in drafts if draft.number and draft.number[-1].isalpha()}:
        for size in (1, 2):
            if number[-size:].isalpha() and number[-size:].isupper():
                cut.setdefault(number[:-size], set()).add(number)
    if not cut:
        return
    for draft in drafts:
        whole = cut.get(draft.number) if draft.number else None
        if whole and not _names_issuer(draft.number):
            named = [number for number in whole if _names_issuer(number)]
            if len(named) == 1:
                draft.number = named[0]


def _mend_misprinted_years(drafts: list[_Draft], text: str) -> None:
    """A number whose year its own date contradicts is the number the same text prints with the date's year, where it
    does: "Nghị quyết số 202/2022/QH15 ngày 19 tháng 02 năm 2025 của Quốc hội quy định về việc sắp xếp đơn vị hành
    chính cấp tỉnh", then "Nghị quyết số 202/2025/QH15 ... về việc sắp xếp đơn vị hành chính cấp tỉnh" (a year
    misprinted in the number), where the words after both say the same (eight in a row: "... sắp xếp đơn vị hành chính
    cấp tỉnh"; not "quy định mức lương cơ sở" and "quy định mức lương tối thiểu", two decrees whatever the year a
    date prints). A number printed elsewhere with a date of its own year is the instrument named, the
    date the misprint ("Nghị định số 94/2022/NĐ-CP ngày 01/7/2016" beside "Nghị định số 94/2022/NĐ-CP ngày 07/11/2022"
    and "Nghị định số 94/2016/NĐ-CP ngày 01/7/2016"); so is one printed once.

    >>> from kg.text import prepare_text
    >>> [r.number for r in find_references(prepare_text(
    ...     "Căn cứ Nghị quyết số 202/2022/QH15 ngày 19 tháng 02 năm 2025 của Quốc hội về việc sắp xếp đơn vị hành "
    ...     "chính cấp tỉnh; Điều 3 Nghị quyết số 202/2025/QH15 ngày 12 tháng 6 năm 2025 của Quốc hội về việc sắp xếp "
    ...     "đơn vị hành chính cấp tỉnh"))]
    ['202/2025/QH15', '202/2025/QH15']
    """
    printed = {draft.number for draft in drafts if draft.number}
    dated = {draft.number for draft in drafts if draft.number and draft.date and draft.year == draft.number_year}
    for draft in drafts:
        if draft.contradicted is None or not draft.number or not draft.number_year or draft.number in dated:
            continue
        date, year = draft.contradicted
        mended = draft.number.replace(f"/{draft.number_year}/", f"/{year}/", 1)
        if mended != draft.number and mended in printed and any(
                _same_words_after(text, draft.end, other.end) for other in drafts if other.number == mended):
            draft.number, draft.number_year, draft.date, draft.year = mended, year, date, year


def _same_words_after(text: str, one: int, other: int, run: int = 8) -> bool:
    """Whether the fifteen words after two offsets hold the same ``run`` words in a row (folded), the words of a date
    and of the bodies that issue left out ("ngày ... của Chính phủ quy định ..." is no subject)."""
    def runs(position: int) -> set[tuple[str, ...]]:
        end = _CLAUSE_END.search(text, position, position + 240)
        words = [w for w in map(fold, _LETTERS.findall(text, position, end.start() if end else position + 240))
                 if w not in _TAIL_WORDS][:15]
        return {tuple(words[k:k + run]) for k in range(len(words) - run + 1)}
    return bool(runs(one) & runs(other))


_LETTERS = re.compile(r"[^\W\d_]+")
_CLAUSE_END = re.compile(r"[;.](?=\s)")  # (the words of one instrument's description, not of the next's)
_TAIL_WORDS = frozenset("ngày tháng năm của chính phủ quốc hội thủ tướng bộ trưởng ủy ban thường vụ".split())


def _names_issuer(number: str) -> bool:
    """Whether a number's last code names a body kg knows (a ministry's, a local body's)."""
    codes = number_codes(number)[1]
    return bool(codes) and issuer_from_codes(codes[-1:], None) is not None


def _unglue_footnote_marks(text: str, drafts: list[_Draft]) -> None:
    """A footnote's mark glued to a number, as a gazette's text gives a superscript ("Nghị quyết số 66-\\nNQ/TW1"
    in a table's cell): the number is the one a footnote names, its line opened by that mark ("1 Nghị quyết số
    66-NQ/TW ngày 30/4/2025 ..." at the page's foot). Codes may end in digits of their own (QH15, HĐNN7), so
    only a mark some footnote line opens, with that very number after it, is taken off.

    >>> from kg.text import prepare_text
    >>> [r.number for r in find_references(prepare_text(
    ...     "Thực hiện Nghị quyết số 66-\\nNQ/TW1\\n\\n1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị."))]
    ['66-NQ/TW', '66-NQ/TW']
    """
    footnoted = set()
    for draft in drafts:
        if draft.number:  # the few characters before it only: a text of one long line has no footnote
            before = text[max(0, draft.start - 8):draft.start]
            cut = before.rfind("\n")
            if cut < 0 and draft.start > 8:
                continue
            mark = before[cut + 1:].strip()
            if mark.isdigit() and len(mark) <= 2:
                footnoted.add((mark, draft.number))
    if not footnoted:
        return
    for draft in drafts:
        number = draft.number
        if not number or not number[-1].isdigit():
            continue
        for size in (1, 2):
            mark, base = number[-size:], number[:-size]
            if (mark, base) in footnoted and not base[-1].isdigit() and text.startswith(mark, draft.end - size):
                draft.number, draft.end = base, draft.end - size
                break


def _kind_from_code(vocab: Vocabulary, group: list[_Draft]) -> None:
    """A reference by a generic word ("Công văn số 7886/HD-BNV") is of the kind its number's type code names
    (HD: a Hướng dẫn); a letter's own number has none ("Công văn số 3637/UBND-VX"). A kind the code narrows is
    the code's too: "Thông tư số 23/2005/TTLT-BLĐTBXH-BTC" is a joint circular, as its code and its two
    issuers say."""
    for draft in group:
        if not draft.number:
            continue
        code = _FIRST_CODE.match(draft.number)
        kind = vocab.type_by_code.get(code.group(1)) if code else None
        if kind and kind != draft.doc_type and (draft.doc_type in _generic_kinds()
                                                or kind.startswith(draft.doc_type + " ")):
            draft.doc_type = kind


@lru_cache(maxsize=1)
def _generic_kinds() -> frozenset[str]:
    return frozenset(kind["name"] for kind in document_types()["types"] if kind.get("generic"))


# "Theo đề nghị của Sở Tài chính tại Công văn số 3679/STC-QLGCS": the issuer written before the reference
_OF_BEFORE = re.compile(r"\bcủa\s+(?=\S)")
_AT_BEFORE = re.compile(r"\s+tại\s+")


def _issuer_before(vocab: Vocabulary, text: str, start: int, group: list[_Draft]) -> None:
    """Give the references at ``start`` the issuer written just before them: "đề nghị của Sở Công Thương tại
    Tờ trình số 298/TTr-SCT", "đề nghị của Bộ trưởng Bộ Tư pháp tại Tờ trình số 34/TTr-BTP"."""
    low = max(0, start - 120)
    if "tại" not in text[low:start]:
        return
    of = None
    for of in _OF_BEFORE.finditer(text, low, start):
        pass
    if of is None:
        return
    found = vocab.issuer.match(text, of.end())
    if found and _AT_BEFORE.fullmatch(text, found.end(), start):
        for draft in group:
            draft.issuer = draft.issuer or _issuer_name(vocab, found)


def _anchors(vocab: Vocabulary, text: str) -> list[re.Match]:
    """Type words, "số" (and "Số" opening a parenthesis) and numbers written with their year and code,
    in text order (sorted runs: the sort merges them)."""
    return sorted([*vocab.anchor.finditer(text), *vocab.number_anchor.finditer(text),
                   *_paren_numbers(text), *_numbers_before_codes(vocab, text)], key=re.Match.start)


# "các Quyết định của Bộ trưởng ... phê duyệt điều chỉnh Quy hoạch ... (Số 1226/QĐ-BVHTTDL ngày 29/4/2025 và số
# 2657/QĐ-BVHTTDL ngày 29/7/2025)": a plural type noun whose numbers follow in parentheses, no type word before
# each. The "Số" that opens such a parenthesis is an anchor; a "số" after a comma or "và" inside it, too.
_PAREN_NUMBER = re.compile(r"\(Số(?=\s*:?\s*\d)")  # (led by its literal: a lookbehind first scanned 20x slower)
_SO = re.compile("Số")


def _paren_numbers(text: str) -> Iterator[re.Match]:
    """The "Số" of each "(Số 1226/..." and ": Số 202/..." (a plural noun's list after a colon, "các Tờ trình: Số
    202/TTr-BVHTTDL ..., số 192/TTr-BVHTTDL ..."): the anchor is the word."""
    for match in _PAREN_NUMBER.finditer(text):
        yield _SO.match(text, match.start() + 1)
    for match in _COLON_NUMBER.finditer(text):
        yield _SO.match(text, match.end() - 2)


_COLON_NUMBER = re.compile(r":\s*+Số(?=\s*:?\s*\d)")
_LIST_OPENS = re.compile(r"\(\s*(?:số|Số)\s*:?\s*\d")
_ITEM_AFTER = re.compile(r"(?:\(|[,;:]|\svà)\s*\Z")
_CLAUSE_STOP = re.compile(r";|\.\s|\n[ \t]*\n")
_PLURAL_REACH = 400  # characters from a plural noun to the last of its numbers


@lru_cache(maxsize=1)
def _plural_noun() -> re.Pattern:
    """"các Nghị định", "Các Quyết định": a type word in the plural."""
    forms = "|".join(r"\s+".join(re.escape(w) for w in form.split()) for form in vocabulary().forms)
    return re.compile(rf"(?<!\w)[Cc]ác\s+(?P<type>{forms})(?!\w)")


_COLON_OPENS = re.compile(r":\s*(?:số|Số)\s*:?\s*\d")


@lru_cache(maxsize=1)
def _plural_noun_before() -> re.Pattern:
    """A plural type noun right before a colon: "các Tờ trình", "và các Báo cáo", or "các văn bản" (no kind)."""
    return re.compile(r"(?:" + _plural_noun().pattern + r"|(?<!\w)[Cc]ác\s+văn\s+bản)[ \t]*\Z")


def plural_list(text: str, position: int) -> tuple[int, int, str, int] | None:
    """The plural type noun whose parenthesised list of numbers holds ``position``: its start, its end,
    its type and where the parenthesis opens; None when ``position`` lies in no such list.

    The parenthesis must open with "Số"/"số" and a number, and the noun stand before it in the same
    clause ("Căn cứ Các Nghị định của Chính phủ quy định chi tiết thi hành một số điều của Luật Quy hoạch
    (Số 37/2019/NĐ-CP ngày 07/5/2019, số 58/2023/NĐ-CP ...)"). A list after a colon right after the noun
    is one too ("tại các Tờ trình: Số 202/TTr-BVHTTDL ngày ..., số 192/TTr-BVHTTDL ..."; the colon its opening).
    """
    colon = text.rfind(":", max(0, position - _PLURAL_REACH), position)
    if colon >= 0 and _COLON_OPENS.match(text, colon) and not _CLAUSE_STOP.search(text, colon, position):
        noun = _plural_noun_before().search(text, max(0, colon - 80), colon)
        if noun is not None:  # ("các văn bản": no kind, each item's code tells it)
            return noun.start(), noun.end(), noun.group("type") and _type_of(noun.group("type")), colon
    if text.rfind("(", max(0, position - _PLURAL_REACH), position) < 0:
        return None  # (nearly every position: no parenthesis within reach, nothing to walk back over)
    depth, opening = 0, -1
    for index in range(position - 1, max(-1, position - _PLURAL_REACH - 1), -1):
        char = text[index]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                opening = index
                break
            depth -= 1
        elif char == ";" and depth == 0:
            return None
    if opening < 0 or not _LIST_OPENS.match(text, opening):
        return None
    low = max(0, opening - _PLURAL_REACH)
    for stop in _CLAUSE_STOP.finditer(text, low, opening):
        low = stop.end()
    noun = None
    for noun in _plural_noun().finditer(text, low, opening):
        pass
    if noun is None:
        return None
    return noun.start(), noun.end(), _type_of(noun.group("type")), opening


def _plural_item(vocab: Vocabulary, text: str, anchor: re.Match, covered: int):
    """The plural noun a "số" anchor is an item of (see ``plural_list``), with the issuer written after the
    noun ("các Quyết định của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch"); None if it is none."""
    start = anchor.start()
    if start < covered or anchor.group() not in ("số", "Số") or not _ITEM_AFTER.search(text, max(0, start - 40), start):
        return None
    found = plural_list(text, start)
    if found is None:
        return None
    kindless = found[2] is None
    if kindless:  # "các văn bản: Số 202/TTr-BVHTTDL ..., số 201/BC-BVHTTDL ...": each item its code's kind
        number = vocab.number.match(text, _NUMBER_AFTER_SO.match(text, start).end())
        code = number and _FIRST_CODE.match(number.group())
        kind = code and vocab.type_by_code.get(code.group(1))
        if not kind:
            return None
        found = (*found[:2], kind, found[3])
    lead = _ISSUER_LEAD.match(text, found[1])
    issuer = lead and vocab.issuer.match(text, lead.end())
    return (*found, _issuer_name(vocab, issuer) if issuer else None, kindless)


_NUMBER_AFTER_SO = re.compile(r"(?:số|Số)\s*:?\s*")


def _under_plural(vocab: Vocabulary, text: str, listed, group: list[_Draft]) -> list[_Draft]:
    """The numbers read in a plural noun's list, of its type and issuer; a number whose own code names
    another type is no item of it (the list is something else's), and none of the group is kept. Under "các
    văn bản", a noun of no kind, each number is of the kind its code names."""
    doc_type, issuer, kindless = listed[2], listed[4], listed[5]
    for draft in group:
        code = draft.number and _FIRST_CODE.match(draft.number)
        kind = code and vocab.type_by_code.get(code.group(1))
        if not kind or (kind != doc_type and not kindless):
            return []
        draft.doc_type = kind  # (under "các văn bản" each its own)
    for draft in group:
        if issuer and not draft.issuer:
            draft.issuer = issuer
    return group


def _numbers_before_codes(vocab: Vocabulary, text: str) -> Iterator[re.Match]:
    """What ``(?<=\\s)\\d{1,5}(?=/(?:19|20)\\d\\d/[A-ZĐ])`` finds, read back from each "/2007/N":
    at most five digits (``str.isdecimal`` is ``\\d``) after a space (``str.isspace`` is ``\\s``)."""
    for code in vocab.year_code.finditer(text):
        end = start = code.start()
        while start > end - 6 and start > 0 and text[start - 1].isdecimal():
            start -= 1
        if 0 < end - start <= 5 and start > 0 and text[start - 1].isspace():
            yield vocab.number_before_code.match(text, start)


def _type_word(vocab: Vocabulary, text: str, anchor: re.Match, covered: int) -> tuple[int, int, str] | None:
    """Where a reference read from ``anchor`` begins, where its type word ends, and its type.

    A "số" counts only after a lowercase type word, and most lie inside a reference already read
    ("Quyết định số"): the covered ones are passed over before the words before them are read.
    None for an anchor inside a word or inside a reference already read.
    """
    start, after = anchor.span()
    if start < covered or (start and _WORD.match(text, start - 1)) or _WORD.match(text, after):
        return None
    word = anchor.group()
    if not (word in ("số", "Số") or word[0].isdigit()):
        return start, after, _type_of(word)
    lower = _lower_type_before(vocab, text, start)
    if lower is None or (lower.start() and _WORD.match(text, lower.start() - 1)) or lower.start() < covered:
        return None
    return lower.start(), lower.end(), _type_of(lower.group())


def _carry_tail(text: str, pending: list[_Draft], pending_at: int, group: list[_Draft], start: int, end: int,
                has_tail: bool) -> tuple[list[_Draft], int]:
    """Undated references joined to the next ("Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW
    ngày 12 tháng 12 năm 2013 của Bộ Chính trị") take its date and issuer once it is read.

    Returns the references still waiting for a date, and where the next must begin to give it.
    """
    if pending and start == pending_at and has_tail:
        _share(pending, group[-1])
    if not has_tail and pending and start == pending_at:
        pending.extend(group)
    elif not has_tail:
        pending = list(group)
    else:
        pending = []
    join = pending and _JOIN.match(text, end)  # (a joining word matters only after undated references)
    return pending, join.end() if join else -1


# "Nghị định 54", "Thông tư số 65": a number alone, no year or code, after its type word; or with its year
# ("(sau đây viết tắt là Thông tư liên tịch số 06/2018)", then "theo Thông tư liên tịch số 06/2018.")
# (a full stop after it ends the sentence, "theo quy định tại Điều 3 Quyết định số 53.", unless the number opens a
# line: "15." there is an item's marker, "... kèm theo Nghị định\n15. Nghị định số ...")
_SHORT_NUMBER = re.compile(r"\s+(?:số\s+)?(?<!\n)(?<!\n[ \t])(\d{1,5}(?:/(?:19|20)\d\d)?)(?![\w/\-]|\.\d)"
                           r"|\s+(?:số\s+)?(\d{1,5}(?:/(?:19|20)\d\d)?)(?![\w/.\-])")


def _short_form(text: str, doc_type: str, start: int, pos: int, drafts: list[_Draft]):
    """A short form of an instrument cited in full before ("Nghị định số 54/2026/NĐ-CP ... Nghị định 54").

    Only the last full citation of that type whose number begins with the same figure is meant; a short
    form nothing before explains is no reference (None).
    """
    short = _SHORT_NUMBER.match(text, pos)
    if not short:
        return None
    figure = short.group(1) or short.group(2)
    for earlier in reversed(drafts):
        if earlier.doc_type == doc_type and earlier.number and re.match(
                re.escape(figure) + r"[/\-]", earlier.number):
            draft = _Draft(doc_type=doc_type, start=start, end=short.end(), number=earlier.number,
                           number_year=earlier.number_year, date=earlier.date, year=earlier.year,
                           issuer=earlier.issuer)
            return [draft], short.end(), False
    return None


def _malformed(group: list[_Draft]) -> bool:
    """A type word whose number was not read ("malformed number ... left empty")."""
    return len(group) == 1 and group[0].number is None and group[0].title is None and bool(group[0].warnings)


def _lower_type_before(vocab: Vocabulary, text: str, pos: int) -> re.Match | None:
    """The lowercase type word that ends just before ``pos`` (within 30 characters), if any.

    Most "số" follow a capitalised type word. Read backwards from "số", the words before it
    either start like a type word spelt backwards or not, in one anchored match; only those
    that do are searched for with ``lower_type``, which tries each of the 30 places it could start.
    """
    start = max(0, pos - 30)
    if vocab.lower_type_reversed.match(text[start:pos][::-1]) is None:
        return None
    return vocab.lower_type.search(text, start, pos)


# A word character (``\w``: a letter, digit or "_"), matched in place: no slice, and no match past the end
_WORD = re.compile(r"\w")


@lru_cache(maxsize=1 << 10)  # texts repeat a few spellings
def _type_of(written: str) -> str:
    """The canonical type of a type word as written."""
    return vocabulary().type_by_form[fold(written)]


def _read(vocab: Vocabulary, titles: TitleIndex, text: str, doc_type: str, start: int, pos: int):
    """Read one reference (or a list of numbers under one type word) starting at a type word.

    Returns the drafts, the end of what was read, and whether a date or issuer was written.
    """
    lead = vocab.reference_lead.match(text, pos)
    amending = None
    number = lead and lead.group("number")
    if number:
        group, end = _number_list(vocab, text, doc_type, start, lead)
    elif (issuer_first := _issuer_then_number(vocab, text, pos)) is not None:
        # "Nghị định của Chính phủ số 132/2008/NĐ-CP": the issuer written between type word and number
        issuer_name, number_match = issuer_first
        draft = _numbered(doc_type, start, number_match.end(), number_match.group("number"))
        draft.issuer = issuer_name
        group, end = [draft], number_match.end()
    elif lead:
        written = lead.group("written")
        if written is None:  # "Quyết định này": the document itself
            return [], pos, False
        draft = _Draft(doc_type=doc_type, start=start, end=lead.end(),
                       warnings=[f"malformed number {written!r} left empty"])
        group, end = [draft], draft.end
    else:
        found = _by_title(vocab, titles, text, doc_type, start, pos)
        if found is None:
            return [], pos, False
        group, end, number, amending = found
        members = [] if number or amending else _named_members(vocab, text, doc_type, pos, end)
        if members:  # (no tail is read after a list of members: none is written for them)
            return [*group, *members], members[-1].end, False
    return _with_tail(vocab, text, doc_type, group, end, number, amending)


def _number_list(vocab: Vocabulary, text: str, doc_type: str, start: int, lead: re.Match):
    """The number after a type word and any listed after it: "các Nghị định số 34/2016/NĐ-CP, 154/2020/NĐ-CP"."""
    end = lead.end()
    group = [_numbered(doc_type, start, end, lead.group("number"))]
    while True:
        separator = vocab.list_separator.match(text, end)
        more = separator and vocab.number.match(text, separator.end())
        if not more:
            break
        end = more.end()
        group.append(_numbered(doc_type, more.start(), end, more.group()))
    return group, end


def _by_title(vocab: Vocabulary, titles: TitleIndex, text: str, doc_type: str, start: int, pos: int):
    """An instrument named, not numbered: an amending law with the laws it amends, a fixed name, or a
    title; with the number written after it ("Luật Bảo hiểm y tế số 25/2008/QH12"). None if none."""
    amending = doc_type in vocab.by_title_types and _amending(vocab, titles, text, doc_type, start, pos)
    if amending:
        draft = amending[0]
    else:
        draft = _named(vocab, text, doc_type, start, pos) or (
            (_amending_by_count(vocab, text, doc_type, start, pos) or _titled(vocab, titles, text, doc_type, start, pos))
            if doc_type in vocab.by_title_types else None)
    if draft is None or not amending and vocab.foreign_law.match(text, draft.end):
        return None  # (no draft, or another state's law: "Luật Lao động cơ bản của Đài Loan")
    end = draft.end
    # (a number may follow the title with no "số" before it: "Căn cứ Luật Chuyển đổi số 148/2025/QH15", whose title
    # ends in "số", digital)
    lead = _TITLE_NUMBER_LEAD.match(text, end) or _BARE_NUMBER_LEAD.match(text, end)
    number = lead and vocab.number.match(text, lead.end())
    if (not number and not amending and (run := _RUNS_TO_LAW_NUMBER.match(text, end)) is not None
            and all(word.islower() for word in run.group("words").split())  # ("Đ", "Ủ" lie in the class's range)
            and fold(draft.title or "") not in _known_titles()):
        # "Luật Người lao động Việt Nam đi làm việc tại nước ngoài số 72/2006/QH11": a guessed title stopped at a
        # function word, and a law's number follows a few lowercase words on; they are the title's (a known title
        # goes on to its number only as _before_number allows: "Luật Tiếp cận thông tin mạng số 104/2016/QH13")
        number = vocab.number.match(text, run.end())
        draft.title = " ".join([draft.title or "", *run.group("words").split()]).strip()
    if number:
        titled_number = _numbered(doc_type, start, number.end(), number.group())
        owner = draft
        if amending and _numbers_title(titled_number.number, amending[1][-1]):
            # "... của Luật Thuế thu nhập cá nhân số 109/2025/QH15": the amended law's own number
            owner = amending[1][-1]
            owner.end = number.end()
        owner.number, owner.number_year = titled_number.number, titled_number.number_year
        end = number.end()
    return [draft], end, number, amending


def _with_tail(vocab: Vocabulary, text: str, doc_type: str, group: list[_Draft], end: int, number, amending):
    """The drafts given the date, issuer and subject written after the last of them; then the laws an
    amending law amends, or the further numbers of a list, each with its own tail."""
    end, date, year, issuer, warnings = _tail(vocab, text, end, by_title=not number)
    for draft in group:
        _apply_tail(draft, date, year, issuer, warnings)
    head = group[-1]  # the draft the tail was written after
    head.end = end
    subject = _SUBJECT.match(text, end)
    if subject:
        words = subject.group("subject") or subject.group("quoted")
        head.subject = " ".join(words.split())
    if amending:
        group.extend(amending[1])
    elif number:
        end = _listed_after(vocab, text, doc_type, end, group)
    return group, end, bool(date or issuer)


# "các Tờ trình số 2138/TTr-BCT ngày 30 tháng 3 năm 2026, số 3390/TTr-BCT ngày 14 tháng 5 năm 2026 và số
# 374/BC-BCT ngày 30 tháng 5 năm 2026": more numbers under one type word, each with its own date and subject
_LISTED_MORE = re.compile(r"\s*+(?:[,;]\s*+(?:và\s+)?|và\s+)(?P<so>số|Số)\s*:?\s*(?=\d)")
_FIRST_CODE = re.compile(r"[\d.]+[a-z]?(?:/(?:19|20)\d\d)?[-/]([^-/]+)")


def _listed_after(vocab: Vocabulary, text: str, doc_type: str, end: int, group: list[_Draft]) -> int:
    """Read the further numbers a list under one type word gives after the first one's date and subject.

    Each is of the type its own code names where that differs (a report, "374/BC-BCT", listed among
    submissions); otherwise of the list's type.
    """
    while (more := _LISTED_MORE.match(text, end)) is not None:
        found = vocab.number.match(text, more.end())
        if not found:
            break
        draft = _numbered(doc_type, more.start("so"), found.end(), found.group())
        code = _FIRST_CODE.match(draft.number)
        if code and code.group(1) in vocab.type_by_code:
            draft.doc_type = vocab.type_by_code[code.group(1)]
        end, date, year, issuer, warnings = _tail(vocab, text, found.end(), by_title=False)
        _apply_tail(draft, date, year, issuer, warnings)
        draft.end = end
        subject = _SUBJECT.match(text, end)
        if subject:
            draft.subject = " ".join((subject.group("subject") or subject.group("quoted")).split())
        group.append(draft)
    return end


def _issuer_then_number(vocab: Vocabulary, text: str, pos: int):
    """The issuer and number of "của Chính phủ số 132/2008/NĐ-CP" after a type word, or None; "của" may be
    left out ("Nghị quyết Hội đồng nhân dân tỉnh số 12/2020/NQ-HĐND", "Kết luận Bộ Chính trị số 132-KL/TW")."""
    lead = _ISSUER_LEAD_OR_NONE.match(text, pos)
    found = lead and vocab.issuer.match(text, lead.end())
    if not found:
        return None
    number = vocab.reference_lead.match(text, found.end())
    if not number or not number.group("number") or not _SAYS_NUMBER.match(text, found.end()):
        return None
    return _issuer_name(vocab, found), number


_SAYS_NUMBER = re.compile(r"\s*(?:số|Số)")
_ISSUER_LEAD_OR_NONE = re.compile(r"\s*+(?:,?+\s*+(?:của|do)\s+)?+")


def _numbered(doc_type: str, start: int, end: int, written: str) -> _Draft:
    number, year = _number_and_year(written)
    return _Draft(doc_type=doc_type, start=start, end=end, number=number, number_year=year)


@lru_cache(maxsize=1 << 14)  # a text cites the same numbers again and again
def _number_and_year(written: str) -> tuple[str, int | None]:
    """A number as written, without its spaces, and the year inside it ("15/2019/QĐ-UBND": 2019)."""
    number = "".join(written.split()).replace("//", "/")  # "185/2007//NĐ-CP": a doubled slash is a typo
    year = _NUMBER_YEAR.match(number)
    return number, int(year.group(1)) if year else None


def _named(vocab: Vocabulary, text: str, doc_type: str, start: int, pos: int) -> _Draft | None:
    """Instruments named by a fixed phrase ("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng")."""
    for named_type, pattern, title, issuer, _ in vocab.named:
        if named_type != doc_type:
            continue
        match = pattern.match(text, pos)
        if match:
            groups = dict(_named_groups(match), form=" ".join(text[start:pos].split()))  # the kind as written
            return _Draft(doc_type=doc_type, start=start, end=match.end(),
                          title=title.format(**groups), issuer=issuer.format(**groups) or None)
    return None


def _named_groups(match: re.Match, earlier: dict | None = None) -> dict:
    """A fixed phrase's groups (over an earlier one's: a member shares its head), its words on one line."""
    groups = dict(earlier or {})
    groups.update({k: " ".join(v.split()) for k, v in match.groupdict().items() if v})
    place = groups.get("place")
    locality = " ".join(filter(None, [groups.get("kind", ""), place])) or ""
    groups["locality"] = locality or "{locality}"
    return groups


def _named_members(vocab: Vocabulary, text: str, doc_type: str, pos: int, end: int) -> list[_Draft]:
    """The instruments written after a named one that share its head ("Hiệp định Thương mại tự do Việt Nam -
    EU, Việt Nam với Anh": the agreement with the United Kingdom too), each a draft of its own."""
    members: list[_Draft] = []
    for named_type, pattern, title, issuer, more in vocab.named:
        match = named_type == doc_type and more is not None and pattern.match(text, pos)
        if not match or match.end() != end:
            continue
        groups = _named_groups(match)
        while (member := more.match(text, end)) is not None:
            words = _named_groups(member, groups)
            first = member.start("parties") if "parties" in member.groupdict() else member.start()
            members.append(_Draft(doc_type=doc_type, start=first, end=member.end(),
                                  title=title.format(**words), issuer=issuer.format(**words) or None))
            end = member.end()
    return members


def _titled(vocab: Vocabulary, titles: TitleIndex, text: str, doc_type: str, start: int, pos: int) -> _Draft | None:
    """A law, code, ordinance or constitution named by its title."""
    tokens, words, known = _title_words(vocab, titles, text, doc_type, pos)
    if not tokens:
        return None
    count = _title_length(vocab, text, tokens, words, known)
    if not count:
        return None
    if known == count:
        count += _before_number(vocab, text, tokens, count, doc_type)
    end = tokens[count - 1][2]
    abbreviations = vocab.title_abbreviations
    title = doc_type + " " + " ".join(abbreviations.get(t[0], t[0]) for t in tokens[:count]).replace(" ,", ",")
    return _Draft(doc_type=doc_type, start=start, end=end, title=title)


def _before_number(vocab: Vocabulary, text: str, tokens: list, count: int, doc_type: str) -> int:
    """How many lowercase words after a known title still name the law, where its number follows them: "Luật Quy
    hoạch đô thị số 30/2009/QH12" is not the Planning Law of 2017 (0: none; at most ``_BEFORE_NUMBER`` words, none a
    word that ends a title)."""
    more, more_words, _ = _title_words(vocab, TitleIndex(), text, "", tokens[count - 1][2])
    for k, (written, _, end) in enumerate(more[:_BEFORE_NUMBER]):
        if not written[0].islower() or more_words[k] in vocab.title_stop_words:
            return 0
        lead = _TITLE_NUMBER_LEAD.match(text, end)
        number = lead and vocab.number.match(text, lead.end())
        if number:
            # (not where the number is the known title's: "Luật Bảo hiểm xã hội bắt buộc số 41/2024/QH15")
            known = " ".join([doc_type, *(t[0] for t in tokens[:count])])
            if _registry_titles().get(fold(number.group()).replace(" ", "")) == fold(known):
                return 0
            tokens[count:] = more[:k + 1]
            return k + 1
    return 0


_BEFORE_NUMBER = 3


def _title_words(vocab: Vocabulary, titles: TitleIndex, text: str, doc_type: str, pos: int):
    """The words after a type word that may be a title: each as written with its span, folded, and how
    many of them make a known title (0: none)."""
    tokens = []
    words = []
    node = titles.tree.get(doc_type)  # where the words read so far lead among known titles (None: nowhere)
    known = 0
    # Read words while they can still be the start of a known title (or, until one is found,
    # of a guessed one: 14 words); a full stop or bracket ends a title.
    # (the words must follow on: anything else, ".", "(", ends the title)
    while (match := _TOKEN.match(text, pos)) is not None:
        pos = match.end()
        written = match.group(1)
        # (only a word ending in a digit can carry a glued footnote: most skip the pattern)
        glued = written[-1].isdigit() and _GLUED_FOOTNOTE.fullmatch(written)
        if glued:
            written = glued.group(1)
        word = fold(written)
        first = match.start(1)
        tokens.append((written, first, first + len(written)))
        words.append(word)
        if node is not None:
            node = node.get(word)
        if node is not None:
            if None in node:
                known = len(words)
        elif known or len(words) >= _MAX_GUESSED_TOKENS or (
                len(words) > 1 and _ends_guess(vocab, word, written, words[-2], lambda: _peek(text, pos))):
            # no known title goes on, and the known one found wins over a guess, or a guess
            # stops here: the words after are never read
            break
        if glued or len(tokens) >= _MAX_TITLE_TOKENS:
            break
    return tokens, words, known


def _title_length(vocab: Vocabulary, text: str, tokens: list, words: list[str], known: int) -> int:
    """How many of the words are the title: the known title's, else a guess (0: no title)."""
    count = known or _guess_title_length(vocab, tokens, words, text=text)
    if not count and tokens[0][0][0].islower():
        # "Luật phòng, chống ma túy năm 2000": a title written in lower case is a title only
        # when a year, a date or a number follows it
        count = _guess_title_length(vocab, tokens, words, lower=True, text=text)
        abbreviated = count and tokens[count - 1][0] in vocab.title_abbreviations  # "Luật thuế GTGT"
        # (or one of a list of laws: "theo quy định của Bộ luật Lao động, Luật sĩ quan quân đội nhân dân Việt Nam, Luật
        # quân nhân chuyên nghiệp ...")
        if count and not abbreviated and not _dated(vocab, text, tokens[count - 1][2]) \
                and not _LISTED_LAW_AFTER.match(text, tokens[count - 1][2]):
            count = 0
    if not count or (not known and " ".join(words[:count]) in vocab.not_titles):
        return 0
    if not known and count == len(words) - 1 and words[-1] in ("và", "của"):
        count += _joined_title(vocab, text, tokens, words)
    return count


def _joined_title(vocab: Vocabulary, text: str, tokens: list, words: list[str]) -> int:
    """How many words after a guessed title's "và" or "của" are its own, read on into ``tokens`` and ``words``
    (0: none). A lowercase content word after "và", and a date or year where the words end, make one
    title: "Luật Ký kết, gia nhập và thực hiện Điều ước quốc tế ngày 14 tháng 6 năm 2005", "Luật Bầu cử
    đại biểu Quốc hội và đại biểu Hội đồng nhân dân năm 2015" (a number there might be another's); or a clause's end,
    "Luật Phòng cháy và chữa cháy;", "Luật Phòng, chống tác hại của rượu, bia;" (``joined_title`` in data/grammar.json)."""
    more, more_words, _ = _title_words(vocab, TitleIndex(), text, "", tokens[-1][2])
    if not more or not more[0][0][0].islower() or more_words[0] in vocab.title_stop_words:
        return 0
    count = _guess_title_length(vocab, more, more_words, lower=True, text=text)
    end = more[count - 1][2] if count else 0
    # (or where a clause ends, the words no law's companions: "Luật Phòng cháy và chữa cháy;", not "Luật Đất đai và văn
    # bản hướng dẫn thi hành;")
    if not count or not (vocab.date.match(text, end) or vocab.year_only.match(text, end) or (
            vocab.joined_title_end.match(text, end) and not _names_ranked_kind(more_words, 0)
            and count <= vocab.joined_title_most and not " ".join(more_words[:count]).startswith(vocab.joined_title_not))):
        return 0
    tokens += more[:count]
    words += more_words[:count]
    return 1 + count


def _amending(vocab: Vocabulary, titles: TitleIndex, text: str, doc_type: str, start: int, pos: int):
    """An amending law named by what it amends: the amending law, then each law it amends.

    The date written after the list belongs to the amending law alone.
    """
    lead = _AMENDING.match(text, pos)
    if not lead:
        return None
    amended: list[_Draft] = []
    cursor = lead.end()
    while True:
        written = _TITLED_TYPE.match(text, cursor)
        draft = written and _titled(vocab, titles, text, _type_of(written.group(1)), cursor, written.end())
        if not draft or (amended and _IN_REVISION.match(text, draft.end)):
            break  # (", Luật Hộ tịch (sửa đổi)": a revised law being drafted, listed after the amending law)
        amended.append(draft)
        cursor = draft.end
        numbered = _TITLE_NUMBER_LEAD.match(text, cursor)
        number = numbered and vocab.number.match(text, numbered.end())
        if number:
            # "... của Luật Giao thông đường bộ số 23/2008/QH12, Bộ luật Hàng hải Việt Nam số 95/2015/QH13":
            # a number another law follows is the number of the law before it
            join = _AMENDED_JOIN.match(text, number.end())
            if not join or not _TITLED_TYPE.match(text, join.end()):
                break  # the number after the list: the amending law's, or the last one's (see _read)
            own = _numbered(draft.doc_type, draft.start, number.end(), number.group())
            draft.number, draft.number_year, draft.end = own.number, own.number_year, number.end()
            cursor = number.end()
        join = _AMENDED_JOIN.match(text, cursor)
        if not join or not _TITLED_TYPE.match(text, join.end()):
            break
        cursor = join.end()
    if not amended:
        return None
    # (the numbers of the amended laws are theirs, not part of the amending law's title)
    abbreviations = vocab.title_abbreviations
    title = doc_type + " " + " ".join(abbreviations.get(word, word)
                                      for word in _LISTED_NUMBER.sub("", text[pos:amended[-1].end]).split())
    return _Draft(doc_type=doc_type, start=start, end=amended[-1].end, title=title), amended


def _amending_by_count(vocab: Vocabulary, text: str, doc_type: str, start: int, pos: int) -> _Draft | None:
    """An amending law named by how many laws it amends ("Luật sửa đổi, bổ sung một số điều của 37 luật có
    liên quan đến quy hoạch"): its title is its words, the number and date after it its own."""
    match = vocab.amending_by_count.match(text, pos)
    if match is None:
        return None
    return _Draft(doc_type=doc_type, start=start, end=match.end(), title=doc_type + " " + " ".join(match.group().split()))


@lru_cache(maxsize=1)
def _registry_titles() -> dict[str, str]:
    """Folded number -> folded title, for the instruments the registry knows by both."""
    return {fold(e.number).replace(" ", ""): fold(e.title) for e in load_registry() if e.number and e.title}


@lru_cache(maxsize=1)
def _known_titles() -> frozenset[str]:
    """The folded titles the registry knows."""
    return frozenset(_registry_titles().values())


def _numbers_title(number: str, named: _Draft) -> bool:
    """Whether the registry gives ``number`` to the law ``named`` by its title."""
    return named.title is not None and _registry_titles().get(fold(number).replace(" ", "")) == fold(named.title)


_LISTED_LAW_AFTER = re.compile(r"\s*,\s*(?:Luật|Bộ\s+luật)\s+\w")


def _dated(vocab: Vocabulary, text: str, pos: int) -> bool:
    lead = _TITLE_NUMBER_LEAD.match(text, pos)
    return bool(vocab.date.match(text, pos) or vocab.year_only.match(text, pos)
                or (lead and vocab.number.match(text, lead.end())))


def _ends_guess(vocab: Vocabulary, word: str, written: str, previous: str = "", following=lambda: "") -> bool:
    """Whether ``_guess_title_length`` stops at this word (a function word, ";", ":" or a number);
    a function word's syllable inside a word of two ("Hàng không", "không gian") does not stop it.
    ``following`` gives the next word, read only then."""
    if word in (";", ":") or written[0].isdigit():
        return True
    if word in part_words() and following()[:1].isdigit():
        return True  # "Luật Trật tự, an toàn giao thông đường bộ \nĐiều 20, Điều 21" in a table's row
    if word not in vocab.title_stop_words:
        return False
    if word == "số" and not following()[:1].isdigit() and following() != ":":
        return False  # no number after it: "digital" ("Luật Công nghiệp công nghệ số ngày 14 tháng 6 năm 2025")
    return (previous, word) not in vocab.title_compounds and (word, following()) not in vocab.title_compounds


def _peek(text: str, pos: int) -> str:
    """The folded word at ``pos`` ("" at a full stop or the end)."""
    match = _TOKEN.match(text, pos)
    return fold(match.group(1)) if match else ""


def _guess_title_length(vocab: Vocabulary, tokens: list[tuple[str, int, int]], words: list[str],
                        lower: bool = False, text: str = "") -> int:
    """Where a title the registry does not know ends: before a function word or punctuation.

    The name must open with a capital ("Luật Tố cáo", not "luật pháp"); a comma stays inside
    it when a lowercase content word follows ("Luật Phòng, chống tham nhũng"). ``text``: where the
    words were read, for the word after the last of them.
    """
    first = tokens[0][0]
    if not (first[0].isupper() or lower) or not first[0].isalpha():
        return 0
    count = 0
    for index, word in enumerate(words):
        if index >= _MAX_GUESSED_TOKENS:
            break
        if word == ",":
            following = tokens[index + 1][0] if index + 1 < len(tokens) else ""
            if following and following[0].islower() and fold(following) not in vocab.title_stop_words and index > 0 \
                    and not _names_ranked_kind(words, index + 1) and tuple(words[index + 1:index + 3]) not in vocab.clause_openers:
                continue
            break
        if index > 0 and _ends_guess(vocab, word, tokens[index][0], words[index - 1],
                                     lambda: words[index + 1] if index + 1 < len(words) else _peek(text, tokens[index][2])):
            break  # (the first word is a capitalised or lowercase letter: checked above)
        count = index + 1
        if tokens[index][0] in vocab.title_abbreviations:
            break  # "Luật NSNN", "Luật thuế GTGT": the abbreviation closes a short name
    return count


def _names_ranked_kind(words: list[str], index: int) -> bool:
    """Whether the words from ``index`` open with a kind the hierarchy of legal documents ranks: after a
    comma, such a kind names another instrument, not more of a title ("Luật Thủ đô, nghị quyết của Quốc hội")."""
    forms = folded_ranked_forms()
    return any(" ".join(words[index:index + count]) in forms for count in (1, 2, 3))


_GROUP_NAME = re.compile(r"\(\?P<\w+>")


@lru_cache(maxsize=1)
def _tail_start() -> re.Pattern:
    """Where any part of a tail (footnote, date, year, issuer) starts, as one pattern.

    Most references have no tail; one failed match rules it out instead of four. The parts'
    named groups become plain ones: they are not read here, and a date's "year" would clash
    with the bare year's.
    """
    vocab = vocabulary()
    parts = (vocab.footnote, vocab.date, vocab.year_only, _ISSUER_LEAD, _SIGNED)
    return re.compile("|".join("(?:" + _GROUP_NAME.sub("(?:", part.pattern) + ")" for part in parts))


# The date an instrument was signed, written as such ("Hiệp định ... ký ngày 28 tháng 10 năm 2024"): its date
_SIGNED = re.compile(r"\s+(?:được\s+)?ký(?:\s+kết)?(?=\s+ngày\s)")


def _tail(vocab: Vocabulary, text: str, pos: int, by_title: bool):
    """Footnote marker, date, issuer after a number or title: (end, date, year, issuer, warnings)."""
    date = year = issuer = None
    warnings: list[str] = []
    if not _tail_start().match(text, pos):
        return pos, date, year, issuer, warnings
    footnote = vocab.footnote.match(text, pos)
    if footnote:
        pos = footnote.end()
    signed = _SIGNED.match(text, pos)
    found = vocab.date.match(text, signed.end() if signed else pos)
    if found and found.group("day2") and "\n" in text[pos:found.start("day2")]:
        found = None  # a bare "15/5/2024" on the next line: a table's next cell ("Ngày hết hiệu lực"), not its date
    if found:
        date, year, warning = _iso_date(found)
        warnings += warning
        pos = found.end()
    elif by_title:
        found = vocab.year_only.match(text, pos)
        if found:
            year = int(found.group("year"))
            pos = found.end()
    lead = _ISSUER_LEAD.match(text, pos)
    found = lead and vocab.issuer.match(text, lead.end())
    committee = lead and not found and committee_name(text, lead.end())
    if found or committee:
        if committee:  # "của Ban Chỉ đạo Trung ương về hoàn thiện thể chế, pháp luật": a name of its own, left
            issuer = committee[0]  # outside the reference, for the instruments it may name ("... Nghị quyết số 18-NQ/TW")
        else:
            issuer = _issuer_name(vocab, found)
            pos = found.end()
        if found and found.group("national"):
            issuer, pos = _joint_issuers(vocab, text, issuer, pos)
        if date is None and year is None:
            found = vocab.date.match(text, pos)
            if found:
                date, year, warning = _iso_date(found)
                warnings += warning
                pos = found.end()
    footnote = vocab.footnote.match(text, pos)
    if footnote:
        pos = footnote.end()
    return pos, date, year, issuer, warnings


def _joint_issuers(vocab: Vocabulary, text: str, issuer: str, pos: int) -> tuple[str, int]:
    """"của Bộ Chính trị, Ban Bí thư về ...": bodies that issue an instrument together, each named in full and joined
    by "," or "và" up to what follows the list; not "của Thủ tướng Chính phủ, Bộ Tài chính chủ trì ...", where the
    second body is the subject of what follows."""
    bodies, at = [issuer], pos
    while (joined := _JOINT_ISSUER.match(text, at)) and (other := vocab.issuer.match(text, joined.end())) \
            and other.group("national"):
        bodies.append(_issuer_name(vocab, other))
        at = other.end()
    if len(bodies) == 1 or len(set(bodies)) < len(bodies) or not _AFTER_ISSUERS.match(text, at):
        return issuer, pos
    return JOINT_SEPARATOR.join(bodies), at


_JOINT_ISSUER = re.compile(r"\s*(?:,|và)\s*")
# (a comma only before another instrument's kind: "của Bộ Chính trị, Ban Bí thư, Công văn số ..."; not "của Bộ Chính
# trị, Chính phủ, các bộ, ngành đã ban hành ...", bodies that do what follows)
_AFTER_ISSUERS = re.compile(r"\s*(?:[;.:()]|,\s*(?=[A-ZĐ])|\n|\Z|(?:về|ngày|năm|khóa)\b)")


def _iso_date(match: re.Match) -> tuple[str | None, int, tuple[str, ...]]:
    day, month, year, day2, month2, year2 = match.group("day", "month", "year", "day2", "month2", "year2")
    return _date(day or day2, month or month2, year or year2)


@lru_cache(maxsize=1 << 12)  # a text dates the same few instruments again and again
def _date(day: str, month: str, year: str) -> tuple[str | None, int, tuple[str, ...]]:
    day, month, year = int(day), int(month), int(year)
    try:
        return datetime.date(year, month, day).isoformat(), year, ()
    except ValueError:
        return None, year, (f"impossible date {day:02d}/{month:02d}/{year} left empty",)


def _issuer_name(vocab: Vocabulary, match: re.Match) -> str:
    """The canonical name of the body an issuer phrase names, its locality when written."""
    if match.group("national"):
        return vocab.national_issuers[fold(match.group("national"))]
    body, style = vocab.local_bodies[fold(match.group("local"))]
    kind = vocab.local_kinds.get(" ".join((match.group("kind") or "").split()), "")
    place = ""
    if match.group("place"):
        kind_of_place, place = vocab.places[fold(match.group("place"))]
        kind = kind or kind_of_place
    return " ".join(style.format(body=body, kind=kind, place=place).split())


def _apply_tail(draft: _Draft, date, year, issuer, warnings) -> None:
    """Give a draft the tail read after it, unless its own number says another year."""
    if date or year:
        if draft.number_year is None or draft.number_year == year:
            draft.date, draft.year = date, year
        elif year:
            draft.contradicted = (date, year)
    if issuer and not draft.issuer:
        draft.issuer = issuer
    draft.warnings.extend(warnings)
    if draft.number_year:
        draft.year = draft.number_year


def _share(pending: list[_Draft], last: _Draft) -> None:
    """Coordination: "A và B ngày ... của X" dates and issues A as well, where A is of B's kind: one
    tail for two instruments of one kind ("Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12
    tháng 12 năm 2013 của Bộ Chính trị"). An instrument of another kind is only named beside B, and the
    tail is B's alone ("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng và Kết luận số
    18-KL/TW ngày 02 tháng 4 năm 2026 của Trung ương"; "Luật Quản lý thuế và Nghị định số
    126/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ")."""
    for draft in pending:
        if draft.doc_type == last.doc_type:
            _apply_tail(draft, last.date, last.year if last.date else None, last.issuer, [])


def _freeze(source: SourceText, drafts: list[_Draft]) -> list[Reference]:
    """The drafts as references, their spans mapped back to the text as read."""
    offsets, original = source.offsets, source.original
    references = []
    for draft in drafts:
        start, end = (draft.start, draft.end) if offsets is None else (offsets[draft.start], offsets[draft.end])
        references.append(Reference(
            start=start, end=end, text=original[start:end], doc_type=draft.doc_type,
            number=draft.number, date=draft.date, year=draft.year or draft.number_year,
            issuer=draft.issuer, title=draft.title, subject=draft.subject, warnings=tuple(draft.warnings),
        ))
    return references
