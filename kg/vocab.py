"""The data files under ``kg/data``, loaded and compiled once.

Document types, issuers, provinces, the number and date grammar and the registry of
instruments are knowledge, kept as data with their examples; this module turns them into
compiled patterns and lookup tables and knows nothing of any one of them.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

__all__ = ["Vocabulary", "vocabulary", "document_types", "forms_where", "names_itself_as", "fold", "RegistryEntry",
           "load_registry", "spaced", "phrase_tree", "unnamed_groups"]


def unnamed_groups(pattern: str) -> str:
    """A data file's pattern with its named groups made plain, to join with others in one alternation.

    >>> unnamed_groups("(?P<day>[0-9]+)/(?P<month>[0-9]+)")
    '(?:[0-9]+)/(?:[0-9]+)'
    """
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _data(name: str) -> str:
    return files("kg").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def document_types() -> dict:
    """kg/data/document_types.json as written: the kinds of instrument (``types``) with their forms, codes,
    ranks and family, and the families the views draw them by (``families``). The one list of kinds:
    the finder, the ranks, the concepts of the graph and the views all read it.

    >>> [kind["name"] for kind in document_types()["types"]][:3]
    ['Hiến pháp', 'Bộ luật', 'Luật']
    """
    return json.loads(_data("document_types.json"))


def forms_where(flag: str) -> tuple[str, ...]:
    """The forms, as written and longest first, of the kinds of instrument whose entry in
    kg/data/document_types.json sets ``flag`` (a kind leaves out a flag that is false).

    >>> forms_where("named_in_amending_titles")
    ('Pháp lệnh', 'Bộ luật', 'Luật')
    """
    forms = [form for kind in document_types()["types"] if kind.get(flag) for form in kind["forms"]]
    return tuple(sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=None)
def names_itself_as(doc_type: str) -> frozenset[str]:
    """The kinds whose words an instrument of ``doc_type`` names itself by, with "này": its own, and those its entry
    in kg/data/document_types.json lists ("Thông tư này" in a joint circular).

    >>> sorted(names_itself_as("Thông tư liên tịch"))
    ['Thông tư', 'Thông tư liên tịch']
    """
    kinds = [kind for kind in document_types()["types"] if kind["name"] == doc_type]
    return frozenset([doc_type, *(other for kind in kinds for other in kind.get("names_itself_as", ()))])


@lru_cache(maxsize=1)
def part_words() -> frozenset[str]:
    """The one-word names of an instrument's parts (kg/data/pinpoints.json), lowercased: "điều", "khoản", "điểm",
    "mục", "chương". Before a number such a word names a part, never a word of a title ("Luật Căn cước Điều 13")."""
    parts = json.loads(_data("pinpoints.json"))["parts"].values()
    return frozenset(part["words"].lower() for part in parts if re.fullmatch(r"\w+", part["words"]))


def ranked_forms() -> tuple[str, ...]:
    """The forms, longest first, of the kinds the hierarchy of legal documents ranks, by their own rank or by
    their issuer's (kg/data/document_types.json)."""
    return tuple(sorted({*forms_where("rank"), *forms_where("rank_by_issuer")}, key=len, reverse=True))


@lru_cache(maxsize=1)
def folded_ranked_forms() -> frozenset[str]:
    """``ranked_forms``, folded: to compare with words read from a text."""
    return frozenset(map(fold, ranked_forms()))


# Old-style tone placement as texts still write it, and the modern form it folds to.
# old tone placement; fold casefolds first, so "UỶ BAN" is found as "uỷ ban" (the capital pair
# is for _tone_variants)
_OLD_TONES = (("uỷ", "ủy"), ("Uỷ", "Ủy"), ("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
              ("uý", "úy"), ("uỳ", "ùy"), ("uỵ", "ụy"))


@lru_cache(maxsize=1 << 16)  # pure, and called again and again on the same headings, numbers and names
def fold(text: str) -> str:
    """Case-, space- and tone-placement-insensitive key for names ("Uỷ ban" == "Ủy ban").

    >>> fold("Luật  Tố cáo") == fold("luật tố cáo")
    True
    >>> fold("Thanh Hoá") == fold("Thanh Hóa"), fold("UỶ BAN NHÂN DÂN") == fold("Ủy ban nhân dân")
    (True, True)
    """
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "Đ").replace("\u00f0", "đ").casefold()
    for old, new in _OLD_TONES:
        text = text.replace(old, new)
    return " ".join(text.split())


def spaced(phrase: str) -> str:
    """A literal phrase as a pattern that lets any run of whitespace (line breaks too) join its words."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


@dataclass(frozen=True)
class RegistryEntry:
    doc_type: str
    number: str | None
    title: str | None
    date: str | None
    year: int | None
    issuer: str | None
    source: str
    in_force: str | None = None  # the date it entered into force, where a source states it


@dataclass(frozen=True)
class Vocabulary:
    """Everything the find and resolve stages look up, compiled."""

    type_by_form: dict[str, str]          # folded form -> canonical type
    forms: tuple[str, ...]                # every form as written, longest first
    by_title_types: frozenset[str]
    type_by_code: dict[str, str]          # "QĐ" -> "Quyết định"
    issuer_by_type: dict[str, str]        # "Luật" -> "Quốc hội": kinds only one body issues
    national_issuers: dict[str, str]      # folded alias -> canonical name
    issuer_by_code: list[tuple[re.Pattern, str]]
    first_code: dict[str, str]            # "LĐTBXH" -> "BLĐTBXH": a national body's other codes -> its first
    local_bodies: dict[str, tuple[str, str]]  # folded alias -> (canonical body, style)
    local_codes: frozenset[str]           # issuer codes of local series: UBND, HĐND, TU
    local_bodies_by_code: dict[str, tuple[str, ...]]  # "TU" -> ("Tỉnh ủy", "Thành ủy")
    local_kinds: dict[str, str]
    places: dict[str, tuple[str, str]]    # folded place -> (kind, canonical place)
    roles: tuple[str, ...]
    anchor: re.Pattern                    # type words: the pass over the text that finds candidates
    number_anchor: re.Pattern             # "số" before a digit, for lowercase type words
    year_code: re.Pattern                 # "/2007/NĐ": sought first, the number before it read back
    number_before_code: re.Pattern        # "127" of "127/2007/NĐ-CP" (after a space): an anchor too
    lower_type: re.Pattern                # a lowercase type word just before "số"
    lower_type_reversed: re.Pattern       # the same words spelt backwards, read back from "số"
    number: re.Pattern
    reference_lead: re.Pattern            # what follows a type word: a number, "này" or a malformed number
    list_separator: re.Pattern
    date: re.Pattern
    year_only: re.Pattern
    footnote: re.Pattern
    issuer: re.Pattern
    title_stop_words: frozenset[str]
    joined_title_end: re.Pattern  # where a guessed title's words after "và" end with no date: ";", "." (grammar.json)
    joined_title_not: tuple[str, ...]  # ... and the words they may not open with: "văn bản", "pháp luật", folded
    joined_title_most: int  # ... and how many words they may be where only a clause's end closes them
    clause_openers: frozenset[tuple[str, ...]]  # words that open a clause after a comma: ("bảo", "đảm")
    not_titles: frozenset[str]
    foreign_law: re.Pattern               # "của Đài Loan" after a law's title: another state's law
    title_abbreviations: dict[str, str]   # "QPPL" -> "quy phạm pháp luật", inside a title
    # (type, pattern, title template, issuer, members: further instruments sharing the head, or None)
    named: tuple[tuple[str, re.Pattern, str, str, re.Pattern | None], ...]
    # ("hàng", "không"): the two syllables of a word in which a title stop word does not end a title
    title_compounds: frozenset[tuple[str, str]] = frozenset()
    # "sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch": an amending law's title by count
    amending_by_count: re.Pattern = re.compile(r"(?!)")
    # "có" before "liên quan": words a title is cited with or without, left out where titles are compared
    title_optional: re.Pattern = re.compile(r"(?!)")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The compiled vocabulary of the bundled data files: each file compiled by a step of its own."""
    issuers = json.loads(_data("issuers.json"))
    grammar = json.loads(_data("grammar.json"))
    named = json.loads(_data("named_instruments.json"))["instruments"]
    places, place_pattern = _places(json.loads(_data("provinces.json")))
    return Vocabulary(
        **_type_words(document_types()["types"]),
        **_issuer_tables(issuers),
        places=places,
        issuer=_issuer_pattern(issuers, place_pattern),
        **_grammar(grammar),
        named=tuple((e["doc_type"], re.compile(e["pattern"]), e["title"], e["issuer"],
                     re.compile(e["members"]) if e.get("members") else None) for e in named),
    )


def _capitalised(form: str) -> set[str]:
    """``form`` as written and with any of its words capitalised.

    >>> sorted(_capitalised("Nghị quyết"))
    ['Nghị Quyết', 'Nghị quyết']
    >>> "Thông tư Liên tịch" in _capitalised("Thông tư liên tịch")
    True
    """
    words = form.split()
    options = [{word, word[:1].upper() + word[1:]} for word in words]
    return {" ".join(choice) for choice in itertools.product(*options)}


def _type_words(types: list[dict]) -> dict:
    """The fields of kinds of instrument: their forms and codes, and the patterns that find type words."""
    type_by_form: dict[str, str] = {}
    type_by_code: dict[str, str] = {}
    for entry in types:
        for form in entry["forms"]:
            type_by_form[fold(form)] = entry["name"]
        for code in entry["codes"]:
            type_by_code[code] = entry["name"]
    forms = sorted({form for entry in types for form in entry["forms"]}, key=len, reverse=True)
    # a type's words are sometimes capitalised, each or some ("Căn cứ Nghị Quyết số 48/NQ-CP", "Bộ Luật Lao động",
    # "Thông tư Liên tịch số 17/2003/TTLT-..."): found as the type, written as its form
    capitalised = {variant for form in forms for variant in _capitalised(form)}
    lower_forms = tuple(form[0].lower() + form[1:] for form in forms)
    lower = "|".join(spaced(form) for form in lower_forms)
    return dict(
        type_by_form=type_by_form,
        forms=tuple(forms),
        by_title_types=frozenset(e["name"] for e in types if e["by_title"]),
        type_by_code=type_by_code,
        issuer_by_type={e["name"]: e["issuer"] for e in types if e.get("issuer")},
        # Title-case type words anywhere; lowercase ones only where a number follows ("theo quyết định
        # số 12/QĐ-UBND"). Two literal-led patterns, not one alternation with lookarounds: re scans a
        # literal prefix ten times faster, so word boundaries are checked in find.py instead.
        anchor=re.compile(phrase_tree(sorted(set(forms) | capitalised, key=len, reverse=True))),
        # "số" before a number ("số 12", "số: 12", "số : 12"), or a number with its year and code written
        # straight after a lowercase type word ("theo nghị định 127/2007/NĐ-CP"): the latter found from
        # its literal-led "/2007/N" (find._anchors), as a pattern led by a digit class took ~20x as long
        number_anchor=re.compile(r"số(?=\s*:?\s*\d)"),
        year_code=re.compile(r"/(?:19|20)\d\d/[A-ZĐ]"),
        number_before_code=re.compile(r"\d{1,5}(?=/(?:19|20)\d\d/[A-ZĐ])"),
        lower_type=re.compile(rf"(?<!\w)(?:{lower})\s*$"),
        lower_type_reversed=re.compile(r"\s*(?:" + "|".join(spaced(form[::-1]) for form in lower_forms) + ")"),
    )


def _issuer_tables(issuers: dict) -> dict:
    """The fields of issuing bodies: national ones by alias and by code, local ones by alias and by code."""
    national: dict[str, str] = {}
    issuer_by_code: list[tuple[re.Pattern, str]] = []
    first_code: dict[str, str] = {}
    for body in issuers["national"]:
        for alias in body["aliases"]:
            national[fold(alias)] = body["name"]
        for code in body["codes"]:
            issuer_by_code.append((re.compile(code + r"\Z"), body["name"]))
        for code in body["codes"][1:]:
            if not set(code) & set("\\()[]{}+*?|^$."):  # (a code written out, not a pattern "QH\d+")
                first_code[code] = body["codes"][0]
    local_bodies: dict[str, tuple[str, str]] = {}
    local_codes: set[str] = set()
    local_bodies_by_code: dict[str, list[str]] = {}
    for body in issuers["local"]:
        for alias in body["aliases"]:
            local_bodies[fold(alias)] = (body["name"], body["style"])
        local_codes.update(body["codes"])
        for code in body["codes"]:
            local_bodies_by_code.setdefault(code, []).append(body["name"])
    return dict(
        national_issuers=national,
        issuer_by_code=issuer_by_code,
        first_code=first_code,
        local_bodies=local_bodies,
        local_codes=frozenset(local_codes),
        local_bodies_by_code={code: tuple(names) for code, names in local_bodies_by_code.items()},
        local_kinds=issuers["local_kinds"],
        roles=tuple(issuers["roles"]),
    )


def _places(provinces: dict) -> tuple[dict[str, tuple[str, str]], str]:
    """Each province and city by its folded name, and a pattern of their names (old tone placements too)."""
    places: dict[str, tuple[str, str]] = {}
    for name in provinces["provinces"]:
        places[fold(name)] = ("tỉnh", name)
    for name in provinces["cities"]:
        places[fold(name)] = ("thành phố", name)
    place_names = sorted({n for n in provinces["provinces"] + provinces["cities"]}, key=len, reverse=True)
    return places, "|".join(spaced(n) for n in place_names + _tone_variants(place_names))


def _issuer_pattern(issuers: dict, place_pattern: str) -> re.Pattern:
    """An issuer as a text names it: a lead-in, a role, then a local body with its kind and place, or a national one."""
    national_aliases = sorted({a for b in issuers["national"] for a in b["aliases"]}, key=len, reverse=True)
    local_aliases = sorted({a for b in issuers["local"] for a in b["aliases"]}, key=len, reverse=True)
    kinds = sorted(issuers["local_kinds"], key=len, reverse=True)
    lead_ins = "|".join(issuers["lead_ins"]["patterns"])
    national = "|".join(spaced(a) for a in national_aliases)
    # (a role is read past unless it opens a body's own name: "Chủ tịch Hội đồng Bộ trưởng" issued acts of his own)
    return re.compile(
        rf"(?:{lead_ins})?"
        rf"(?:(?!(?:{national})(?!\w))(?:{'|'.join(spaced(r) for r in issuers['roles'])})\s+)?"
        rf"(?:(?P<local>{'|'.join(spaced(a) for a in local_aliases)})"
        rf"(?:\s+(?P<kind>{'|'.join(spaced(k) for k in kinds)})(?!\w))?"
        rf"(?:\s+(?P<place>{place_pattern})(?!\w))?"
        rf"|(?P<national>{national}))(?!\w)"
        rf"(?:\s+(?:khóa|khoá|Khóa|Khoá)\s+[IVXLC]+(?!\w))?"
    )


def _grammar(grammar: dict) -> dict:
    """The fields of the number and date grammar and of the words that end or shorten a title."""
    number = grammar["number"]["pattern"]
    number_prefix = grammar["number_prefix"]["pattern"]
    self_reference = grammar["self_reference"]["pattern"]
    malformed_number = r"\s*" + grammar["malformed_number"]["pattern"]
    return dict(
        number=re.compile(number),
        # One match instead of three for every type word; the atomic prefix reads "số" as the
        # separate patterns did, never backtracking to try the number elsewhere.
        reference_lead=re.compile(rf"(?>{number_prefix})(?P<number>{number})|(?:{self_reference})|(?:{malformed_number})"),
        list_separator=re.compile(grammar["list_separator"]["pattern"]),
        # (possessive: a date or year starts with neither a space nor a comma, see find.py)
        date=re.compile(r"\s*+,?+\s*+(?:" + grammar["date"]["pattern"] + ")"),
        year_only=re.compile(r"\s*+,?+\s*+(?:" + grammar["year_only"]["pattern"] + ")"),
        footnote=re.compile(grammar["footnote"]["pattern"]),
        title_stop_words=frozenset(grammar["title_stop_words"]),
        joined_title_end=re.compile(grammar["joined_title"]["end"]),
        joined_title_not=tuple(fold(words) for words in grammar["joined_title"]["not_words"]),
        joined_title_most=grammar["joined_title"]["most_words"],
        clause_openers=frozenset(tuple(fold(words).split()) for words in grammar["clause_openers"]["words"]),
        not_titles=frozenset(fold(t) for t in grammar["not_titles"]["titles"]),
        # (an owner's words may wrap at a line's end, as any words do: "của Đài \nLoan")
        foreign_law=re.compile(r"\s+của\s+(?:" + "|".join(spaced(o) for o in grammar["foreign_laws"]["owners"])
                               + r")(?!\w)"),
        title_abbreviations=dict(grammar["title_abbreviations"]["words"]),
        title_compounds=frozenset(tuple(fold(word).split()) for word in grammar["title_compounds"]["words"]),
        amending_by_count=re.compile(grammar["amending_by_count"]["pattern"]),
        title_optional=_optional_words(grammar["title_optional_words"]["before"]),
    )


def _optional_words(before: dict[str, list[str]]) -> re.Pattern:
    """Each optional word, with the space after it, where the words it is optional before follow (folded text)."""
    return re.compile("|".join(rf"(?<!\w){re.escape(fold(word))}\s+(?=(?:{'|'.join(re.escape(fold(w)) for w in then)})(?!\w))"
                               for word, then in before.items()) or r"(?!)")


def phrase_tree(phrases) -> str:
    """Phrases as one pattern that reads each shared beginning once ("Nghị\\s+(?:quyết|định)"),
    a space standing for any run of whitespace.

    A plain alternation tries every phrase at each place the scan stops; this tree only those
    that go on as the text does, and every branch opens with a literal, so re skips at C speed to
    the few letters a phrase can start with (the type words of find.py, the cue phrases of
    relate.py). The longest phrase still wins, as in an alternation sorted longest first: where
    a phrase could end, the longer ones are tried before the end.
    """
    tree: dict[str, dict] = {}
    for phrase in phrases:
        node = tree
        for char in " ".join(phrase.split()):
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + pattern(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


def _tone_variants(names: list[str]) -> list[str]:
    """Old tone placement ("Thanh Hoá") as texts still write it."""
    variants = []
    for name in names:
        old = name
        for written, modern in _OLD_TONES:
            old = old.replace(modern, written)
        if old != name:
            variants.append(old)
    return variants


@lru_cache(maxsize=1)
def load_registry() -> tuple[RegistryEntry, ...]:
    """The bundled registry of instruments known by number and title (``data/registry.csv``)."""
    try:
        text = _data("registry.csv")
    except FileNotFoundError:
        return ()
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        rows.append(RegistryEntry(
            doc_type=row["doc_type"],
            number=row["number"] or None,
            title=row["title"] or None,
            date=row["date"] or None,
            year=int(row["year"]) if row.get("year") else None,
            issuer=row["issuer"] or None,
            source=row.get("source", ""),
            in_force=row.get("in_force") or None,
        ))
    return tuple(rows)
