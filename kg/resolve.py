"""References -> instruments: one canonical instrument for every mention.

A mention is completed from, in turn: the other mentions of the same number in the document
(a short form "Chỉ thị số 33/CT-TTg" inherits the date and issuer of the full citation),
the codes inside its number (NĐ-CP is the Government's, QĐ-UBND a province's), the citing
document's locality ("Ủy ban nhân dân tỉnh" in a Kon Tum plan is Kon Tum's), and the registry
(a law named by title gets its number where its title and year single it out, and keeps
its title and no number where they do not).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .iri import identity_number, instrument_iri
from .issuers import (bears_code, complete_issuer, in_first_codes, issuer_from_codes, joint_issuers, locality_of,
                      number_codes)
from .models import Citation, Document, Instrument, Reference
from .vocab import RegistryEntry, fold, load_registry, vocabulary

__all__ = ["resolve_references", "Registry", "default_registry", "mint_instrument"]

@lru_cache(maxsize=1 << 16)
def number_key(number: str) -> str:
    """How numbers compare: case, spaces, Đ lookalikes, leading zeros and which of its body's codes aside
    ("04/2023/NĐ-CP" is 4/2023/NĐ-CP, "27/2018/TT-LĐTBXH" 27/2018/TT-BLĐTBXH)."""
    return identity_number(fold(in_first_codes(number.replace(" ", ""))))


@lru_cache(maxsize=1 << 14)
def title_key(title: str) -> str:
    """How titles compare: folded, without the words a title is cited with or without (grammar.json
    "title_optional_words": "... 37 luật liên quan đến quy hoạch" is "... 37 luật có liên quan đến quy hoạch").

    A comma between a title's words is printed or left out ("Luật Thi đua, khen thưởng", "Luật Thi đua khen
    thưởng"): titles compare without it.

    >>> title_key("Luật sửa đổi, bổ sung một số điều của 37 luật liên quan đến quy hoạch") == title_key(
    ...     "Luật sửa đổi, bổ sung một số điều của 37 Luật có liên quan đến quy hoạch")
    True
    >>> title_key("Luật Thi đua, khen thưởng") == title_key("Luật Thi đua khen thưởng")
    True
    """
    return vocabulary().title_optional.sub("", _TITLE_COMMA.sub(" ", fold(title)))


_TITLE_COMMA = re.compile(r"\s*,\s*")


@dataclass(frozen=True)
class Registry:
    """Instruments known beforehand, looked up by number and by title."""

    by_number: dict[tuple[str, str], RegistryEntry] = field(default_factory=dict)
    by_title: dict[tuple[str, str], tuple[RegistryEntry, ...]] = field(default_factory=dict)

    @classmethod
    def from_entries(cls, entries) -> "Registry":
        by_number: dict[tuple[str, str], RegistryEntry] = {}
        by_title: dict[tuple[str, str], list[RegistryEntry]] = {}
        for entry in entries:
            if entry.number:
                by_number.setdefault((entry.doc_type, number_key(entry.number)), entry)
            if entry.title and entry.title.startswith(entry.doc_type):
                by_title.setdefault((entry.doc_type, title_key(entry.title)), []).append(entry)
        return cls(by_number, {k: tuple(v) for k, v in by_title.items()})

    def number(self, doc_type: str, number: str) -> RegistryEntry | None:
        return self.by_number.get((doc_type, number_key(number)))

    def title(self, doc_type: str, title: str, year: int | None, before: int | None,
              date: str | None = None, on: str | None = None, issued_by: bool = False) -> RegistryEntry | None:
        """The one instrument a title names: the date or year decides; with neither, one that
        predates the citing document, or of several the one in force on the citing document's date
        ``on`` where the registry knows when they entered into force (with ``issued_by``, the one issued
        last by then: an instrument that details a law is made before the law enters into force); else none."""
        candidates = self.by_title.get((doc_type, title_key(title)), ())
        if date is not None:  # a full date rules out a same-titled law of another day
            same_day = tuple(c for c in candidates if c.date == date)
            candidates = same_day or tuple(c for c in candidates if c.date is None)
        if year is not None:
            candidates = tuple(c for c in candidates if c.year == year)
        elif before is not None:  # (by its date too where both are known: "Luật Nhà ở" in June 2023 is not the
            # law of November 2023, the only one of that title the registry may hold)
            candidates = tuple(c for c in candidates if (c.year is None or c.year <= before) and not _after(c, on))
        if len(candidates) > 1 and year is None and date is None and on is not None:
            return _latest_issued_by(candidates, on) if issued_by else _in_force_on(candidates, on)
        return candidates[0] if len(candidates) == 1 else None


def _own_title(reference: Reference, own: Instrument, own_title: str | None) -> bool:
    """Whether a law names itself by its title, unnumbered and of no other year: as the heading of the text ("# Luật
    Bảo vệ môi trường" above an article of that law), or in its enacting words ("Quốc hội ban hành Luật Người lao động
    Việt Nam đi làm việc ở nước ngoài theo hợp đồng." in 69/2020/QH14)."""
    return (own_title is not None and reference.number is None and reference.doc_type == own.doc_type
            and reference.year in (None, own.year) and fold(reference.title or "") == own_title)


# "Thông tư số      /       /TT-NHNN" in a form: "số" with no digit after it, a field to fill in
_BLANK_FIELD = re.compile(r"(?:số|Số)\s*:?[\s/.…_\-]*\Z")
# "Thông tư số    /2021/TT-NHNN": a number printed with its ordinal left blank
_BLANK_ORDINAL = re.compile(r"(?:số|Số)\s*:?\s*(/[\w/\-]+)")


def _blank_own(reference: Reference, own: Instrument) -> bool:
    """Whether a reference is a number with its ordinal left blank whose year and code are the document's
    own: the document itself as the forms it issues print it, before it was numbered ("Căn cứ Thông tư số
    /2021/TT-NHNN ngày ... tháng ... năm 2021" in the forms of 10/2021/TT-NHNN)."""
    blank = (reference.number is None and own.number and reference.doc_type == own.doc_type
             and _BLANK_ORDINAL.search(reference.text))
    return bool(blank) and number_key(own.number).endswith(number_key(blank.group(1)))


def _after(entry: RegistryEntry, on: str | None) -> bool:
    """Whether an instrument was issued after the day ``on``, by its date, else its year."""
    if not on:
        return False
    return entry.date > on if entry.date else entry.year is not None and entry.year > int(on[:4])


def _latest_issued_by(candidates: tuple[RegistryEntry, ...], on: str) -> RegistryEntry | None:
    """Of several instruments of one title, the one issued last on or before ``on``, where their dates tell."""
    dated = [c for c in candidates if c.date or c.year]
    if len(dated) < len(candidates):
        return None
    issued = sorted((c for c in dated if (c.date or str(c.year)) <= on), key=lambda c: c.date or f"{c.year}-12-31")
    if not issued or (len(issued) > 1 and (issued[-1].date or str(issued[-1].year)) == (issued[-2].date or str(issued[-2].year))):
        return None
    return issued[-1]


def _in_force_on(candidates: tuple[RegistryEntry, ...], on: str) -> RegistryEntry | None:
    """Of several instruments of one title, the one in force on ``on`` (ISO date).

    From the latest issued back: one in force by then is it; one not yet in force passes the title to the
    one before ("Bộ luật Lao động" in February 2020 is 10/2012/QH13: 45/2019/QH14 entered into force on
    1 January 2021). One whose date of entry into force is unknown decides nothing, unless it is the last
    left after all later ones were not yet in force.
    """
    issued = sorted((c for c in candidates if (c.date or str(c.year or "")) and (c.date or str(c.year)) <= on),
                    key=lambda c: c.date or f"{c.year}-12-31")
    for index in range(len(issued) - 1, -1, -1):
        entry = issued[index]
        if entry.in_force is None:
            return entry if index == 0 else None
        if entry.in_force <= on:
            return entry
    return None


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The registry bundled in ``kg/data/registry.csv``."""
    return Registry.from_entries(load_registry())


def mint_instrument(doc_type: str, number: str | None, title: str | None, date: str | None,
                    year: int | None, issuer: str | None, locality: str | None = None) -> Instrument:
    """An ``Instrument`` with its canonical IRI: local series carry their locality."""
    jurisdiction = None
    if number:
        _, codes = number_codes(number)
        if any(code in vocabulary().local_codes for code in codes):
            jurisdiction = locality_of(issuer) or "unknown locality"
    iri = instrument_iri(doc_type, in_first_codes(number) if number else number, year, jurisdiction, title)
    return Instrument(iri=iri, doc_type=doc_type, number=number, title=title, date=date, year=year, issuer=issuer)


def resolve_references(references: list[Reference], document: Document,
                       registry: Registry | None = None, text: str | None = None) -> list[Citation]:
    """Resolve each reference to its instrument; references to the document itself are dropped.

    ``registry`` defaults to the bundled one; pass another to resolve against your own. ``text``, the
    text the references' offsets index, lets a short name the text defines stand for its instrument.
    """
    registry = registry if registry is not None else default_registry()
    vocab = vocabulary()
    own = document.instrument
    locality = document.locality
    before = own.year
    citations: list[Citation] = []
    last_seen: dict[tuple[str, str], Instrument] = {}
    keys = [_key(reference) for reference in references]
    years = _years_by_key(references, keys)
    own_key = (own.doc_type, number_key(own.number)) if own.number else None
    own_title = fold(f"{own.doc_type} {own.title}") if own.title and own.doc_type in vocab.by_title_types else None
    described: tuple[int, str] | None = None  # (end, date) of the last dated instrument named by number
    described_as: dict[tuple[str, str], set[str]] = {}  # title -> laws it named in descriptions
    dated_by_description: dict[int, str] = {}  # start of a title read in a description -> that instrument's date
    for reference, key in zip(references, keys):
        if (key == own_key if reference.number else _own_title(reference, own, own_title)) or _blank_own(reference, own):
            continue  # the document naming itself, by number, by its title (heading the text or not), or unnumbered
        if reference.number is None and reference.title is None and _BLANK_FIELD.search(reference.text):
            continue  # a form's field left blank for a number to come ("Thông tư số      /       /TT-NHNN"): none yet
        if reference.number:  # (an undated one's description is its own: no law of the time of the one before)
            described = (reference.end, reference.date) if reference.date else None
        elif (described is not None and reference.title and reference.year is None and reference.date is None
              and reference.doc_type in vocab.by_title_types
              and reference.start - described[0] <= _DESCRIPTION_REACH and (own.date is None or described[1] < own.date)):
            # "Nghị định số 46/2013/NĐ-CP ngày 10/5/2013 ... quy định chi tiết ... của Bộ luật Lao động": a law
            # named in an earlier instrument's description is the last of that title issued when it was made
            then = (*key, described[1])
            instrument = last_seen.get(then) or _fresh(reference, None, registry, vocab, locality, before,
                                                        described[1], issued_by=True)
            if instrument.number:
                last_seen[then] = instrument
                described_as.setdefault((instrument.doc_type, fold(instrument.title or "")), set()).add(
                    instrument.iri)
                dated_by_description[reference.start] = described[1]
                citations.append(Citation(reference=reference, instrument=instrument))
                continue
        earlier = last_seen.get(key)
        year = reference.year
        # ("Căn cứ Hiến pháp nước ..." with no year: the one in force, whatever year another mention wrote)
        if year is None and reference.date is None and reference.doc_type not in _bare_is_current():
            if earlier is not None:
                year = earlier.year
            if year is None and len(years.get(key, ())) == 1:
                year = next(iter(years[key]))
        if earlier is not None and earlier.year == year:
            instrument = _merge(earlier, reference, locality)
        else:
            instrument = _fresh(reference, year, registry, vocab, locality, before, own.date)
        last_seen[key] = instrument
        citations.append(Citation(reference=reference, instrument=instrument))
    citations = _titles_to_numbers(citations, described_as, dated_by_description)
    citations = _settle(_bare_names(_short_names(citations, text) if text is not None else citations))
    return _registry_dates(citations, registry)


def _registry_dates(citations: list[Citation], registry: Registry) -> list[Citation]:
    """An instrument whose mentions print different dates takes the one the registry holds for its number, if any
    mention prints it: "Nghị định số 17/2013/NĐ-CP ngày 19 tháng 12 năm 2013" in a Căn cứ line, "... ngày 19
    tháng 02 năm 2013" in an article, and the registry's 2013-02-19 (a misprint the text itself contradicts)."""
    printed: dict[str, tuple[Instrument, set[str]]] = {}
    for citation in citations:
        if citation.reference.date and citation.instrument.number:
            printed.setdefault(citation.instrument.iri, (citation.instrument, set()))[1].add(citation.reference.date)
    fixed: dict[str, Instrument] = {}
    for iri, (instrument, dates) in printed.items():
        known = registry.number(instrument.doc_type, instrument.number) if len(dates) > 1 else None
        if known is not None and known.date in dates and known.date != instrument.date:
            fixed[iri] = replace(instrument, date=known.date)
    return [replace(c, instrument=fixed[c.instrument.iri]) if c.instrument.iri in fixed else c for c in citations]


# "(sau đây gọi tắt là Hiệp định CEPA)": the words between an instrument and the short name the text gives it
_SHORT_NAME_LEAD = re.compile(r"\s*\(\s*(?:sau\s+đây\s+)?(?:được\s+)?(?:gọi\s+(?:tắt\s+|chung\s+)?|viết\s+tắt\s+)là\s*[“\"]?\s*")


def _short_names(citations: list[Citation], text: str) -> list[Citation]:
    """A name the text defines for an instrument stands for it wherever the text uses it.

    "Hiệp định Đối tác kinh tế toàn diện giữa Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam và Chính phủ Các
    Tiểu vương quốc Ả-rập Thống nhất (sau đây gọi tắt là Hiệp định CEPA)": in that text, "Hiệp định CEPA" is that
    agreement (elsewhere it may be another). Both are named by words: where a number stands before the
    parenthesis, the short name may be of a longer phrase ("Luật Sở hữu trí tuệ số 50/2005/QH11 được sửa đổi,
    bổ sung bởi Luật số 131/2025/QH15 (sau đây gọi là Luật Sở hữu trí tuệ)": not the amending law).
    """
    named: dict[str, Instrument] = {}
    for defined, short in zip(citations, citations[1:]):
        one, other = defined.reference, short.reference
        if (defined.instrument.number is None and short.instrument.number is None
                and defined.instrument.doc_type == short.instrument.doc_type
                and defined.instrument.iri != short.instrument.iri and short.instrument.iri not in named
                and _SHORT_NAME_LEAD.fullmatch(text, one.end, other.start)):
            named[short.instrument.iri] = defined.instrument
    if not named:
        return citations
    return [replace(c, instrument=named[c.instrument.iri]) if c.instrument.iri in named else c for c in citations]


def _bare_names(citations: list[Citation]) -> list[Citation]:
    """A kind of which there is one in force named by its kind alone ("tuân thủ Hiến pháp, pháp luật") is the
    one of that kind the text names in full ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam"), where
    it names one only."""
    kinds = _bare_is_current()
    bare = {c.instrument.iri: c.instrument.doc_type for c in citations
            if c.instrument.doc_type in kinds and c.instrument.title == c.instrument.doc_type and c.instrument.year is None}
    if not bare:
        return citations
    full: dict[str, set[str]] = {}
    by_iri: dict[str, Instrument] = {}
    for c in citations:  # (one named with a year of its own is that year's, not the one in force)
        if c.instrument.doc_type in bare.values() and c.instrument.iri not in bare \
                and c.reference.year is None and c.reference.date is None:
            full.setdefault(c.instrument.doc_type, set()).add(c.instrument.iri)
            by_iri[c.instrument.iri] = c.instrument
    named = {iri: by_iri[next(iter(full[kind]))] for iri, kind in bare.items() if len(full.get(kind, ())) == 1}
    return [replace(c, instrument=named[c.instrument.iri]) if c.instrument.iri in named else c for c in citations]


@lru_cache(maxsize=1)
def _bare_is_current() -> frozenset[str]:
    """Kinds of which a mention without a year is the one in force (document_types.json "bare_is_current")."""
    from .vocab import document_types

    return frozenset(kind["name"] for kind in document_types()["types"] if kind.get("bare_is_current"))


# How far after an instrument's number and date its description may name a law (characters)
_DESCRIPTION_REACH = 200


def _titles_to_numbers(citations: list[Citation], described_as: dict[tuple[str, str], set[str]],
                       dated_by_description: dict[int, str] | None = None) -> list[Citation]:
    """A law named by its title alone is the law of that title the document identifies by number or date.

    "Căn cứ Luật Thuế thu nhập cá nhân số 109/2025/QH15; ... Luật sửa đổi, bổ sung một số điều của Luật
    Thuế thu nhập cá nhân, ...": the second mention is the first law, wherever in the document the
    numbered one stands. Where the document numbers two laws of that title, the bare title stays as it is.
    Where the text numbers none, a law named in the description of a dated instrument ("Quyết định số
    1850/QĐ-TTg ngày 27 tháng 8 năm 2025 ... triển khai thi hành Luật Việc làm") is the law of every bare
    mention of that title: one document means one law by one title, unless the calendar rules it out: a title
    read in the description of an instrument made before the numbered law keeps the law of that instrument's
    time ("Thông tư số 21/2007/TT-BLĐTBXH ngày 08 tháng 10 năm 2007 ... hướng dẫn chi tiết một số điều của Luật
    Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng" is 72/2006/QH11, though the document
    numbers 69/2020/QH14 of that title elsewhere: a text of 2007 guides no law of 2020).
    """
    numbered: dict[tuple[str, str], set[str]] = {}
    by_iri: dict[str, Instrument] = {}
    for citation in citations:
        instrument = citation.instrument
        reference = citation.reference
        # identified by the text (its number, date or year), not guessed by the registry from the calendar
        if instrument.number and instrument.title and (reference.number or reference.date or reference.year):
            numbered.setdefault((instrument.doc_type, fold(instrument.title)), set()).add(instrument.iri)
            by_iri[instrument.iri] = instrument
    for title, laws in described_as.items():
        if title not in numbered and len(laws) == 1:
            numbered[title] = laws
    if not numbered:
        return citations
    by_iri.update({c.instrument.iri: c.instrument for c in citations if c.instrument.iri not in by_iri})
    settled = []
    for citation in citations:
        instrument, reference = citation.instrument, citation.reference
        # (the reference's own words: a registry guess by date of entry into force yields to the document's number)
        if not reference.number and instrument.title and reference.year is None and reference.date is None:
            same = numbered.get((instrument.doc_type, fold(instrument.title)), ())
            if len(same) == 1 and instrument.iri not in same:
                law = by_iri[next(iter(same))]
                described_on = (dated_by_description or {}).get(reference.start)
                if described_on is None or not _later_than(law, described_on):
                    citation = replace(citation, instrument=law)
        settled.append(citation)
    return settled


def _later_than(instrument: Instrument, on: str) -> bool:
    """Whether ``instrument`` was issued after the day ``on``, by its date, else by its year."""
    if instrument.date:
        return instrument.date > on
    return instrument.year is not None and instrument.year > int(on[:4])


def _key(reference: Reference) -> tuple[str, str]:
    if reference.number:
        return (reference.doc_type, number_key(reference.number))
    # a malformed number is kept apart by its words, as _fresh names it: "Thông tư liên tịch số 01/2017" and
    # "Thông tư liên tịch số 06/2018", each with no code, are two instruments, not one without a title
    return (reference.doc_type, title_key(reference.title or " ".join(reference.text.split())))


def _years_by_key(references: list[Reference], keys: list[tuple[str, str]]) -> dict[tuple[str, str], set[int]]:
    years: dict[tuple[str, str], set[int]] = {}
    for reference, key in zip(references, keys):
        if reference.year is not None:
            years.setdefault(key, set()).add(reference.year)
    return years


def _fresh(reference: Reference, year: int | None, registry: Registry, vocab, locality: str | None,
           before: int | None, on: str | None = None, issued_by: bool = False) -> Instrument:
    number, title, date, issuer = reference.number, reference.title, reference.date, reference.issuer
    issuer = complete_issuer(issuer, locality)
    if number:
        _, codes = number_codes(number)
        coded = issuer_from_codes(codes, locality)
        # a national code (NĐ-CP, QĐ-TTg) outranks a shared "của ..." that coordination spread to it
        # (unless the text names another body that bore the code: "206-CP ... của Hội đồng Chính phủ")
        if coded and (issuer is None or coded in vocab.national_issuers.values()) and not bears_code(issuer, codes):
            issuer = coded
        # a joint instrument is issued by every body its codes name ("của Bộ trưởng Bộ Lao động - Thương binh và
        # Xã hội và Bộ trưởng Bộ Nội vụ": the text's words give the first only)
        issuer = joint_issuers(number, locality) or issuer
        known = registry.number(reference.doc_type, number)
        if known:
            title = title or (known.title if reference.doc_type in vocab.by_title_types else None)
            date = date or (known.date if (year is None or known.year == year) else None)
            year = year or known.year
            issuer = issuer or known.issuer
    elif title:
        known = registry.title(reference.doc_type, title, year, before, date, on, issued_by)
        if known:
            number, title = known.number, known.title or title
            date = date or known.date
            year = year or known.year
            issuer = issuer or known.issuer
    if date and year is None:
        year = int(date[:4])
    issuer = issuer or vocab.issuer_by_type.get(reference.doc_type)
    if number is None and title is None:  # a malformed number: keep the mention apart, named as written
        # (the words as written label it, so that no reader is shown a bare IRI)
        return replace(mint_instrument(reference.doc_type, None, reference.text, date, year, issuer, locality),
                       title=" ".join(reference.text.split()))
    return mint_instrument(reference.doc_type, number, title, date, year, issuer, locality)


def _merge(earlier: Instrument, reference: Reference, locality: str | None) -> Instrument:
    """A later mention of an instrument already met: it may add a date or issuer the first lacked, or print its
    number better (``_printed_better``)."""
    date = earlier.date or reference.date
    issuer = earlier.issuer or complete_issuer(reference.issuer, locality)
    number = earlier.number
    if number and reference.number and _printed_better(reference.number, number):
        number = reference.number
    if date == earlier.date and issuer == earlier.issuer and number == earlier.number:
        return earlier
    return replace(earlier, date=date, issuer=issuer, number=number)


def _printed_better(number: str, other: str) -> bool:
    """Whether ``number`` prints the number ``other`` prints as it was issued: with the leading zeros ``other`` lacks
    ("Nghị định số 4/2023/NĐ-CP", then "Số 04/2023/NĐ-CP": a number below ten is issued as two digits, and a printing
    drops a zero far more often than it adds one), with its body's first code where ``other`` has another (the
    "64/2008/QĐ-LĐTBXH" of one row, the "64/2008/QĐ-BLĐTBXH" of the next), or in its own letters where a heading
    prints it in capitals.

    >>> _printed_better("04/2023/NĐ-CP", "4/2023/NĐ-CP"), _printed_better("4/2023/NĐ-CP", "04/2023/NĐ-CP")
    (True, False)
    >>> _printed_better("64/2008/QĐ-BLĐTBXH", "64/2008/QĐ-LĐTBXH")
    True
    >>> _printed_better("64/2008/QĐ-LĐTBXH", "64/2008/QĐ-BLĐTBXH")
    False
    """
    if in_first_codes(number) == number != other and in_first_codes(other) == number:
        return True
    if other.isupper() and not number.isupper() and number.upper() == other:
        return True  # (a heading's capitals, "CHỈ THỊ SỐ 32/CT-TTG", against the number as issued, "32/CT-TTg")
    return _zero_padded(number, other)


def _zero_padded(number: str, other: str) -> bool:
    """Whether ``number`` is ``other`` with leading zeros ``other`` lacks."""
    sequence, _, rest = number.partition("/")
    other_sequence, _, other_rest = other.partition("/")
    return (rest == other_rest and len(sequence) > len(other_sequence) and sequence.startswith("0")
            and sequence.lstrip("0") == other_sequence)


def _settle(citations: list[Citation]) -> list[Citation]:
    """Give every mention of one IRI the most complete description any mention found."""
    best: dict[str, Instrument] = {}
    for citation in citations:
        instrument = citation.instrument
        current = best.get(instrument.iri)
        if current is None or current is instrument:
            best.setdefault(instrument.iri, instrument)
            continue
        better = bool(instrument.number and current.number and _printed_better(instrument.number, current.number))
        if ((instrument.date and not current.date) or (instrument.issuer and not current.issuer)
                or (instrument.title and not current.title) or better):
            best[instrument.iri] = replace(
                current,
                date=current.date or instrument.date,
                issuer=current.issuer or instrument.issuer,
                title=current.title or instrument.title,
                number=instrument.number if better else current.number,
            )
    return [c if c.instrument is best[c.instrument.iri] else replace(c, instrument=best[c.instrument.iri])
            for c in citations]
