"""Issuers: who a number's codes and a body's name point to.

The issuer codes inside a number ("QĐ-UBND", "NĐ-CP", "TTLT-BTC-BLĐTBXH"), the body they name, a local
body written without its place completed from the citing document's locality, and the locality a body's
name carries. Read by resolve (completing a mention), identify (the document's own issuer) and structure
(the bodies a plan names), from the tables in kg/data through kg.vocab.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files

from .vocab import fold, spaced, vocabulary

__all__ = ["number_codes", "in_first_codes", "issuer_from_codes", "bears_code", "joint_issuers", "complete_issuer",
           "locality_of", "committee_name", "JOINT_SEPARATOR"]

#: What joins the bodies that issue one instrument together ("Bộ Lao động - Thương binh và Xã hội, Bộ Nội vụ")
JOINT_SEPARATOR = ", "

_LEADING = re.compile(r"^[\d.]+[a-z]?(?:/(?:19|20)\d\d)?[-/]")
_CODE_SEPARATOR = re.compile(r"[-/]")


def number_codes(number: str) -> tuple[str | None, list[str]]:
    """The type code and the issuer codes inside a number.

    >>> number_codes("15/2019/QĐ-UBND")
    ('QĐ', ['UBND'])
    >>> number_codes("05/2023/TTLT-BTC-BLĐTBXH")
    ('TTLT', ['BTC', 'BLĐTBXH'])
    >>> number_codes("25/2018/QH14")
    (None, ['QH14'])
    """
    type_code, issuer_codes = _codes(number)
    return type_code, list(issuer_codes)


@lru_cache(maxsize=1 << 14)  # a document cites the same numbers again and again
def _codes(number: str) -> tuple[str | None, tuple[str, ...]]:
    parts = tuple(p for p in _CODE_SEPARATOR.split(_LEADING.sub("", number)) if p)
    if parts and parts[0] in vocabulary().type_by_code:
        return parts[0], parts[1:]
    return None, parts


def in_first_codes(number: str) -> str:
    """The number with each issuer code that names its body by another of the body's codes written as the body's
    first: one body numbers one series of a kind a year, whichever of its codes is printed ("Thông tư số
    27/2018/TT-LĐTBXH" in an appendix's heading is the 27/2018/TT-BLĐTBXH its text cites).

    >>> in_first_codes("27/2018/TT-LĐTBXH"), in_first_codes("17/2003/TTLT-LĐTBXH-TWĐTNCSHCM")
    ('27/2018/TT-BLĐTBXH', '17/2003/TTLT-BLĐTBXH-TWĐTNCSHCM')
    >>> in_first_codes("25/2018/QH14"), in_first_codes("456/QĐ-LĐTBXH")
    ('25/2018/QH14', '456/QĐ-LĐTBXH')
    """
    first = vocabulary().first_code
    number = number.replace("\u00d0", "Đ")  # (the Icelandic Ð some texts print for Đ)
    # (only a number with its year, a ministry's legal instrument: a province's department numbers its own papers
    # "456/QĐ-LĐTBXH", no year, under a code the ministry's printings share)
    if not _WITH_YEAR.search(number) or not any(code in first for code in _codes(number)[1]):
        return number
    lead = _LEADING.match(number)
    at = lead.end() if lead else 0
    return number[:at] + "".join(first.get(piece, piece) for piece in _PIECES.split(number[at:]))


_PIECES = re.compile(r"([-/])")
_WITH_YEAR = re.compile(r"/(?:19|20)\d\d/")


def issuer_from_codes(codes: list[str], locality: str | None) -> str | None:
    """The body a number's issuer codes name ("TTg" -> "Thủ tướng Chính phủ")."""
    return _issuer_from_codes(tuple(codes), locality)


@lru_cache(maxsize=1 << 14)  # a handful of code sets recur in every document
def _issuer_from_codes(codes: tuple[str, ...], locality: str | None) -> str | None:
    vocab = vocabulary()
    for code in codes:
        for pattern, name in vocab.issuer_by_code:
            if pattern.match(code):
                return name
        bodies = vocab.local_bodies_by_code.get(code)
        if bodies:
            # one code, several bodies (TU: Tỉnh ủy of a province, Thành ủy of a city): the one
            # named like the locality's kind
            kind = fold(locality.split()[0]) if locality else ""
            body = next((b for b in bodies if fold(b.split()[0]) == kind), bodies[0])
            return complete_issuer(body, locality)
    return None


@lru_cache(maxsize=1)
def _incomplete_issuers() -> dict[str, tuple[str, str]]:
    """Local bodies written without their place ("Ủy ban nhân dân tỉnh", "Tỉnh ủy") -> (style, kind)."""
    vocab = vocabulary()
    incomplete = {}
    for body, style in vocab.local_bodies.values():
        if body in _named_as_written():
            continue
        for kind in ("", "tỉnh", "thành phố") if "{kind}" in style else ("",):
            name = " ".join(style.format(body=body, kind=kind, place="").split())
            incomplete.setdefault(name, (style.replace("{body}", body), kind))
    return incomplete


@lru_cache(maxsize=1)
def _issuers_data() -> dict:
    return json.loads(files("kg").joinpath("data", "issuers.json").read_text(encoding="utf-8"))


def committee_name(text: str, position: int) -> tuple[str, int] | None:
    """A steering committee's name as written at ``position`` and where it ends ("Ban Chỉ đạo Trung ương về hoàn thiện
    thể chế, pháp luật"), by the rules of issuers.json "committees"; None if none is named there.

    >>> committee_name("Ban Chỉ đạo Trung ương về tổng kết Nghị quyết số 18-NQ/TW về việc sắp xếp", 0)[0]
    'Ban Chỉ đạo Trung ương về tổng kết Nghị quyết số 18-NQ/TW'
    """
    head, ends, longest = _committee_rules()
    found = head.match(text, position)
    if found is None:
        return None
    end = at = found.end()
    for count in range(longest):
        step = _NAME_STEP.match(text, at)
        if step is None or ends.match(text, at) or (step.group("comma") and not step.group("word")[0].islower()):
            break
        word = step.group("word")
        if word == "về" and count:  # (the name's own "về" follows its head; a later one opens the instrument's subject)
            break
        if word == "và" and (following := _NAME_STEP.match(text, step.end())) and following.group("word")[0].isupper():
            break  # "... và Ban Nội chính Trung ương": another body, issuing with it
        end = at = step.end()
        if _NUMBER_IN_NAME.search(word):
            break  # "... về tổng kết Nghị quyết số 18-NQ/TW": a number the name holds ends it
    return " ".join(text[position:end].split()), end


#: One more word of a name: after spaces (one line break at most) and perhaps a comma
_NAME_STEP = re.compile(r"[ \t]*(?:\n[ \t]*)?(?P<comma>,[ \t]*(?:\n[ \t]*)?)?(?P<word>[^\s,;.:()\[\]“”\"]+)")
_NUMBER_IN_NAME = re.compile(r"\d[^/\s]*/")


@lru_cache(maxsize=1)
def _committee_rules() -> tuple[re.Pattern, re.Pattern, int]:
    rules = _issuers_data()["committees"]
    heads = "|".join(spaced(head) for head in rules["heads"])
    qualifiers = "|".join(spaced(q) for q in sorted(rules["qualifiers"], key=len, reverse=True))
    ends = "|".join(spaced(word) for word in sorted(rules["ends"], key=len, reverse=True))
    return (re.compile(rf"(?:{heads})(?:\s+(?:{qualifiers})(?!\w))?"),
            re.compile(rf"\s+(?:{ends})(?!\w)"), rules["longest"])


@lru_cache(maxsize=1)
def _named_as_written() -> frozenset[str]:
    """Local bodies never completed with the citing document's place (issuers.json "completed": false)."""
    return frozenset(body["name"] for body in _issuers_data()["local"] if body.get("completed") is False)


def bears_code(body: str | None, codes: list[str]) -> bool:
    """Whether ``body`` is one of the bodies the number's issuer codes name (a code borne by several over time).

    >>> bears_code("Hội đồng Chính phủ", ["CP"]), bears_code("Bộ Tài chính", ["CP"])
    (True, False)
    """
    return body is not None and any(name == body and pattern.match(code)
                                    for code in codes for pattern, name in vocabulary().issuer_by_code)


def joint_issuers(number: str, locality: str | None = None) -> str | None:
    """The bodies that issue a joint instrument together, from its number's codes, or None.

    >>> joint_issuers("28/2010/TTLT-BLĐTBXH-BNV")
    'Bộ Lao động - Thương binh và Xã hội, Bộ Nội vụ'
    >>> joint_issuers("01/2005/NQLT-BLĐTBXH-BCA-BVHTT-UBTWMTTQVN")
    'Bộ Lao động - Thương binh và Xã hội, Bộ Công an, Bộ Văn hóa - Thông tin, Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam'
    >>> joint_issuers("05/2023/TT-BTC") is None, joint_issuers("12/2020/TTLT-BTC-XYZ") is None
    (True, True)
    """
    type_code, codes = _codes(number)
    if type_code not in _issuers_data()["joint"]["type_codes"] or len(codes) < 2:
        return None
    bodies = [_issuer_from_codes((code,), locality) for code in codes]
    if None in bodies or len(set(bodies)) < len(bodies):
        return None  # a code that names no known body: the list would be short of one
    return JOINT_SEPARATOR.join(bodies)


def complete_issuer(issuer: str | None, locality: str | None) -> str | None:
    """Add the citing document's place to a local body named without one.

    >>> complete_issuer("Ủy ban nhân dân tỉnh", "tỉnh Kon Tum")
    'Ủy ban nhân dân tỉnh Kon Tum'
    >>> complete_issuer("Tỉnh ủy", "tỉnh Kon Tum")
    'Tỉnh ủy Kon Tum'
    >>> complete_issuer("Ủy ban nhân dân tỉnh", "thành phố Hà Nội")
    'Ủy ban nhân dân tỉnh'
    >>> complete_issuer("Sở Tài chính", "tỉnh Quảng Ngãi")
    'Sở Tài chính'
    """
    if issuer is None or locality is None:
        return issuer
    known = _incomplete_issuers().get(issuer)
    if known is None:
        return issuer
    style, kind = known
    place_kind, _, place = locality.partition(" ") if not locality.startswith("thành phố") else ("thành phố", "", locality[len("thành phố "):])
    if kind and kind != place_kind:
        return issuer
    return " ".join(style.format(kind=place_kind, place=place).split())


@lru_cache(maxsize=1 << 12)  # tries every place name; the issuers of one corpus are few
def locality_of(issuer: str | None) -> str | None:
    """The locality a local body's name carries ("Ủy ban nhân dân tỉnh Kon Tum" -> "tỉnh Kon Tum")."""
    if not issuer:
        return None
    vocab = vocabulary()
    folded = fold(issuer)
    for place_key, (kind, place) in vocab.places.items():
        if folded.endswith(" " + place_key):
            return f"{kind} {place}"
    return None
