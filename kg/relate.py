"""Citations + structure -> typed relations, each with the words that state it.

The text is cut into clauses (at ";", a sentence's end, a blank line, a colon before a new line);
the cue phrases of ``data/relation_cues.json`` are found in one pass. Within a clause:

- the cue nearest before a citation says how the citing document relates to it ("Căn cứ" ->
  based_on); a clause that is only a further item of a list ("Căn cứ A; B;") keeps the cue of the
  clause before it;
- a cue between two citations says how the first relates to the second ("Nghị định số 154/2020/NĐ-CP
  ... sửa đổi, bổ sung một số điều của Nghị định số 34/2016/NĐ-CP"), or the second to the first
  when passive ("... được sửa đổi, bổ sung bởi Luật số 32/2013/QH13, Luật số 46/2014/QH13"), and it
  carries on over the rest of a plain list;
- a consolidated text (Văn bản hợp nhất) consolidates what its opening lines list.

Each (subject, object) pair keeps one relation, the strongest; a citation inside a task also gives
the task's own relation (subject: the section's IRI).

>>> from kg.extract import extract_text
>>> result = extract_text("Căn cứ Nghị định số 154/2020/NĐ-CP ngày 31 tháng 12 năm 2020 của Chính phủ sửa đổi, "
...                       "bổ sung một số điều của Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016 của Chính phủ;")
>>> labels = {c.instrument.iri: c.instrument.number for c in result.citations}
>>> sorted((labels.get(r.subject, "doc"), r.predicate, labels[r.object]) for r in result.relations)
[('154/2020/NĐ-CP', 'amends', '34/2016/NĐ-CP'), ('doc', 'based_on', '154/2020/NĐ-CP'), ('doc', 'based_on', '34/2016/NĐ-CP')]
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from .consolidated import amended_parts, ITEM_MARK, Merged, consolidation_end, merged_list, quoted_bases, quoted_owner
from .cues import NAMED, Cue, Cues, cue_key, cue_windows, find_cues, relation_cues, scope_opening, words_length
from .iri import section_iri
from .models import Citation, Document, Instrument, Relation, Section, SourceText
from .pinpoint import names_parts_only
from .relations import KEPT_APART, ONLY_BACKWARDS, ONLY_DOWNWARDS
from .find import plural_list
from .issuers import JOINT_SEPARATOR, locality_of
from .vocab import document_types, fold, forms_where, names_itself_as, spaced, vocabulary

__all__ = ["find_relations"]


@lru_cache(maxsize=1)
def _boundary() -> re.Pattern:
    """Where a clause may end: ";", a full stop, a colon at a line's end, a blank line; and the line before a table's
    row, its number alone on its line above the kind of the instrument it lists ("... 100% vốn điều lệ \\n8 \\nThông tư
    số 32/2016/TT-BLĐTBXH": the row before's words, run on across a page, end there). The row's stop is that newline
    alone, so no stop holds a character ``_STOP_FREE`` finds."""
    return re.compile(rf";|\.(?=\s)|:[ \t]*\n|\n[ \t]*\n|\n(?=[ \t]*\d{{1,3}}\.?[ \t]*\n[ \t]*(?:{_registered_kinds()})\b)")


@lru_cache(maxsize=1)
def _registered_kinds() -> str:
    """The kinds of instrument the registry lists, as one alternation: what a list's row opens with."""
    return "|".join(spaced(form) for form in forms_where("registered"))


# The stops relate reads, declared together: ";" ends a clause, "." a sentence, ":" a sentence's lead-in (the clause
# boundary, with its table rows and page breaks, is _boundary's).
# A character no stop can hold: two scans for stops that have both passed one find the same stops after it.
_STOP_FREE = re.compile(r"[^;.: \t\n]")
_FULL_STOP = re.compile(r"[.:](?=\s)")  # a sentence's end in running text (";" only ends a clause)
_CLAUSE_STOP = re.compile(r"[;.](?=\s|$)")  # a clause's end (a lead-in's colon goes on)
_SENTENCE_STOP = re.compile(r"[.;:](?=\s)|\n[ \t]*\n")  # any stop, or a blank line
# where the sentence introducing a quoted article begins: after the one before it, or a footnote's line
_SENTENCE_END = re.compile(r"[.;:”][ \t]*\n|\n(?=\d{1,3}[ \t]+[A-ZĐ])")  # (not a date's day wrapped: "\n01 tháng 7")
_AFTER_SEMICOLON = re.compile(r";\s*(\w)")  # the word a ";" stands before
# a ";" ending its line before a capital: the list's end ("...;\nCăn cứ"); a lowercase word goes on ("...; \nquản lý")
_SEMICOLON_ENDS_LINE = re.compile(r";[ \t]*\n\s*(\w)")


# A paragraph break that words in lowercase go on after is a page break inside a sentence, not a clause's end
_GOES_ON = re.compile(r"[\s\x00]*(\w)")
# The words a sentence cannot end with, which what follows a page break completes
_LINKS_ON = re.compile(r"(?<!\w)(?:tại|của|theo|bởi|với|và|hoặc|kèm|số)[ \t]*\Z")
# Parts of an instrument on both sides of a ";" (_Clauses._starts_clause): a list of them, not two clauses
_PART_BEFORE = re.compile(r"(?i:điều|khoản|điểm|mục|chương)\s+[\dIVXLC]+[a-zđ]?\s*\Z")
_PART_WORD_BEFORE = re.compile(r"(?i:điều|khoản|điểm|mục|chương|phụ\s+lục)[ \t]*\Z")  # its number on the next line
_PARTS_ONLY = re.compile(r"(?:\s|[,;]|(?i:các|và|của|tại|điều|khoản|điểm|mục|chương|phụ\s+lục)(?!\w)|[\dIVXLC]+[a-zđ]?(?!\w))+")
_PARTS_REACH = 300


def _in_basis(text: str, position: int) -> bool:
    """Whether ``position`` lies in a basis the document rests on: "Căn cứ ..." opening its line, up to a ";"
    before a capital (the next "Căn cứ", "Theo đề nghị"). A semicolon before words in lowercase is a title's
    ("... trong lĩnh vực quản lý tài sản công; thực hành tiết kiệm, chống lãng phí; dự trữ quốc gia ...")."""
    opened = text.rfind("Căn cứ", max(0, position - 600), position)
    if opened < 0 or text[max(0, opened - 40):opened].rstrip(" \t")[-1:] not in ("", "\n"):
        return False
    return all(not word.group(1).isupper() for word in _AFTER_SEMICOLON.finditer(text, opened, position + 1))


# (a clause's own predicate or condition: "... được thực hiện theo quy định của ...", "trường hợp ... thì ...")
_CONDITION = re.compile(r"(?<!\w)(?:thì|nếu|trường\s+hợp|được)(?!\w)", re.IGNORECASE)


# (a list of numbers under a plural noun repeats its "số": "được sửa đổi, bổ sung bởi các Luật số 43/2024/QH15, số
# 47/2024/QH15, ... và số 95/2025/QH15")
# (after "và", the next may be named by some of its articles: "hướng dẫn thực hiện Điều 52 Luật Việc làm và một số điều
# của Nghị định số 28/2015/NĐ-CP")
_LIST_GAP = re.compile(r"[\s,;:\-–]*(?:(?P<joined>và|hoặc)[\s,;:\-–]*(?:(?<=\s)một\s+số\s+điều(?:\s*,\s*khoản)?\s+"
                       r"(?:của\s+)?)?)?[\s,;:\-–]*(?:[Ss]ố\s*)?")


def find_relations(source: SourceText, document: Document, citations: list[Citation],
                   sections: tuple[Section, ...]) -> tuple[Relation, ...]:
    """Relations of the document (or its sections) to what it cites, and between cited instruments.

    In three steps: the cues and clauses around the citations are read once (``_read_context``);
    each citation, in text order, gets the cue that governs it (``_governing_cue``, which carries
    "Căn cứ A; B;" and "A được sửa đổi bởi B, C" from one citation to the next) and the predicate
    that cue gives once consolidation and rank are weighed (``_predicate``); every offered relation
    keeps the strongest predicate per pair (``_Strongest``).
    """
    context = _read_context(source, document, citations, sections)
    own = document.instrument.iri
    text = context.text
    strongest = _Strongest(context.cues.rank, next((s.end for s in sections if s.kind == "preamble"), 0),
                           (text, source.original) if text is not source.original else None)
    offer = strongest.offer
    _named_in_titles(offer, text, context.ordered, context.found, context.cue_starts, context.quoted)
    sections_by_id = {s.id: s for s in sections}
    walk = _Walk()
    consolidating = document.instrument.doc_type in context.cues.consolidating
    changed: Citation | None = None  # the last instrument the document amends
    appendix_acts = _appendix_acts(context, sections)
    for index, citation in enumerate(context.ordered):
        ref = citation.reference
        doc_cue = _governing_cue(context, walk, index, offer)
        listed = _listed(context, index, walk.given, offer)
        if listed is not None:
            doc_cue = listed[0]
        act = appendix_acts.get(ref.start)
        if act is not None:
            doc_cue = act
        walk.given.append(doc_cue)
        predicate, start, end, words = _predicate(context, citation, doc_cue, offer)
        if act is not None:  # (the act is written in the article, pages before: the evidence is the row's name)
            start, end, words = ref.start, ref.end, ref.text
        target = citation.instrument.iri
        owner = quoted_owner(context.quoted, text, ref.start)
        if owner is not None:  # "Căn cứ ..." quoted from a merged instrument: its basis, not the document's
            checked = _checked(predicate, owner.instrument, citation.instrument)
            if checked is not None and not _ENACTS.search(text, max(0, ref.start - 20), ref.start):
                offer(owner.instrument.iri, checked, target, start, end, words)
            predicate, start, end, words = "cites", ref.start, ref.end, ref.text
        elif predicate in ONLY_DOWNWARDS and consolidating:
            _offer_merged_act(offer, context, index, (predicate, start, end, words), doc_cue is not None and doc_cue.after)
            predicate, start, end, words = "cites", ref.start, ref.end, ref.text
        elif doc_cue is not None and doc_cue.passive and predicate == doc_cue.predicate:
            _offer_part_history(offer, text, doc_cue, citation, changed, (predicate, start, end, words))
            predicate, start, end, words = "cites", ref.start, ref.end, ref.text
        _offer_to_amender(offer, context, citation)
        if (task := _task_of(citation.section, sections_by_id)) is not None:
            predicate, start, end, words = _offered_to_task(offer, section_iri(own, task.id), target, ref,
                                                            (predicate, start, end, words))
        offer(own, predicate, target, start, end, words)
        if predicate in ONLY_DOWNWARDS and doc_cue is not None:
            _offer_joined_changes(offer, context, doc_cue, citation, (own, start, end, words))
        if predicate == "amends":
            changed = citation
    _offer_reason_cells(context, offer)
    return strongest.relations()


def _offer_joined_changes(offer, context: _Context, cue: Cue, citation: Citation, stated: tuple[str, int, int, str]
                          ) -> None:
    """Beside the change ``cue`` states, those of the verbs joined to it (``_joined_changes``), each as checked."""
    own, start, end, words = stated
    for joined in _joined_changes(context, cue):
        if (checked := _checked(joined, context.document.instrument, citation.instrument)) in ONLY_DOWNWARDS:
            offer(own, checked, citation.instrument.iri, start, end, words)


def _joined_changes(context: _Context, cue: Cue) -> list[str]:
    """The changes of each verb joined to a change cue: those of its own phrase ("sửa đổi, bổ sung, bãi bỏ" amends
    and repeals) and of the change cues joined before it ("Thay thế, bãi bỏ một số cụm từ, khoản, phụ lục của Nghị
    định số 85/2024/NĐ-CP": replaces and repeals), as a list in force's notes cell gives each of its verbs
    (``_offer_reason_cells``)."""
    text = context.text
    words = text[cue.start:cue.end]
    changes = _verbs_predicates(context, words) if "," in words else []
    k, first = bisect.bisect_left(context.cue_starts, cue.start) - 1, cue
    while k >= 0 and (before := context.found[k]).predicate in ONLY_DOWNWARDS and not before.passive \
            and _JOINED.fullmatch(text, before.end, context.found[k + 1].start):
        changes.append(before.predicate)
        k, first = k - 1, before
    # only where the verbs open what they say, as an article's heading or an item does: "1. Bộ Tài chính nghiên cứu
    # sửa đổi, bổ sung, thay thế Nghị định ..." gives a ministry work to do, which the document itself does not
    if not _act_opening().search(text, max(0, first.start - 40), first.start):
        return []
    return [change for change in dict.fromkeys(changes) if change in ONLY_DOWNWARDS and change != cue.predicate]


def _verbs_predicates(context: _Context, words: str) -> list[str]:
    """Each verb of a joined phrase its own relation ("sửa đổi, bổ sung, bãi bỏ": amends, amends, repeals); "" for a
    word that is no cue."""
    meaning = context.cues.meaning
    return [meaning.get(cue_key(verb.strip()), ("",))[0] for verb in words.split(",")]


_JOINED = re.compile(r"[ \t]*(?:,|và|hoặc)[ \t]*")


@lru_cache(maxsize=1)
def _act_opening() -> re.Pattern:
    """Where joined change verbs open what they say: after an article's or an item's number, and any verb of the
    change relations' phrases (kg/data/relation_cues.json) that no phrase is alone ("Điều 2. Bổ sung, thay thế, bãi
    bỏ một số từ ... của Thông tư số 44/2022/TT-BTC"), each verb a piece of a phrase between its commas."""
    meaning = relation_cues().meaning
    verbs = {piece.strip() for phrase, (predicate, passive, after, *_) in meaning.items()
             if predicate in ONLY_DOWNWARDS and not passive and not after for piece in phrase.split(",")}
    alternatives = "|".join(f"[{verb[0].upper()}{verb[0]}]" + r"[ \t]+".join(map(re.escape, verb[1:].split(" ")))
                            for verb in sorted(verbs, key=len, reverse=True))
    return re.compile(r"(?:^|\n)[ \t*]*(?:Điều[ \t]+\d+[a-zđ]?\.|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\))?[ \t*]*"
                      rf"(?:(?:{alternatives})[ \t]*,[ \t]*)*\Z")


def _offered_to_task(offer, task: str, target: str, ref, stated: tuple[str, int, int, str]
                     ) -> tuple[str, int, int, str]:
    """Offers the task its relation to ``target``, and returns the document's: the same, but that a "Căn cứ" inside
    a task ("Căn cứ nội dung ... theo Quyết định số 7619/QĐ-BCA ..., các Sở ... tổ chức quán triệt") is the basis of
    the agencies' work in it, not of the document, whose bases its opening lines state."""
    offer(task, stated[0], target, *stated[1:])
    return ("cites", ref.start, ref.end, ref.text) if stated[0] == "based_on" else stated


# A reference that is only a number ("Số 37/2019/NĐ-CP", "số 58/2023/NĐ-CP", "22/2025/NĐ-CP"): an item of a list
_BARE_NUMBER = re.compile(r"(?:[Ss]ố\s*:?\s*)?\d")


def _listed(context: _Context, index: int, given: list, offer) -> tuple[Cue | None] | None:
    """The document's cue for an item of a plural noun's list of numbers, the noun's own (None: not such an item).

    "Căn cứ Các Nghị định của Chính phủ quy định chi tiết thi hành một số điều của Luật Quy hoạch (Số
    37/2019/NĐ-CP ..., số 58/2023/NĐ-CP ...)": the document rests on each decree, and the words between the
    noun and the list describe each ("quy định chi tiết": each guides the law). The noun takes the cue
    written before it in its clause, or else that of the instrument it is joined to ("Triển khai thực hiện
    Quyết định số 991/QĐ-TTg ... và các Quyết định của Bộ trưởng ... (Số 1226/QĐ-BVHTTDL ...)", "Căn cứ
    Quyết định số 991/QĐ-TTg ...; các Quyết định ... (Số ...)").
    """
    citation = context.ordered[index]
    ref, text = citation.reference, context.text
    if not _BARE_NUMBER.match(ref.text):
        return None
    found = plural_list(text, ref.start)
    if found is None:
        return None
    noun_start, noun_end, _, opening = found
    described = [c for c in context.ordered if noun_end <= c.reference.start and c.reference.end <= opening]
    for cue in _between(context.found, context.cue_starts, noun_end, opening):
        # (the noun makes its cue a name, NAMED: what the phrase says is read again from its words)
        predicate, passive, _, between, *_ = context.cues.meaning[cue_key(text[cue.start:cue.end])]
        if between and not passive:
            for named in described:
                if cue.end <= named.reference.start:
                    predicate = _checked(predicate, citation.instrument, named.instrument)
                    if predicate is not None:  # (the words that state it: from the cue to the number)
                        offer(citation.instrument.iri, predicate, named.instrument.iri, cue.start, ref.end,
                              text[cue.start:cue.end])
    clause = max(0, noun_start - 400)  # (read here: the clauses' scan goes on in text order, and the noun is behind)
    for stop in _boundary().finditer(text, clause, noun_start):
        clause = stop.end()
    before = [k for k in range(index) if context.ordered[k].reference.end <= noun_start]
    cues = [c for c in _between(context.found, context.cue_starts, clause, noun_start) if not c.after]
    last = context.ordered[before[-1]] if before else None
    if cues and (last is None or last.reference.end <= cues[-1].start) and noun_start - cues[-1].end <= context.cues.reach:
        return (cues[-1],)
    if last is not None and (last.reference.end > clause or _list_item(text, clause, noun_start)):
        return (given[before[-1]],)
    return (None,)


# An article's act on the documents an appendix of its own lists: "1. Bãi bỏ toàn bộ các văn bản quy phạm pháp luật do
# Bộ trưởng ... ban hành, liên tịch ban hành tại Phụ lục I ban hành kèm theo Thông tư này." The verb opens its line (or
# item) and takes documents as its object ("Thay thế Mẫu số 02 ... bằng Mẫu số 02 tại Phụ lục ... kèm theo Nghị định
# này" replaces a form, not what the appendix lists); the appendix is the document's own.
@lru_cache(maxsize=1)
def _appendix_act() -> re.Pattern:
    """The pattern of such an act, whose object's kinds are the legal documents the registry lists, or documents at
    large ("văn bản", a generic kind), as kg/data/document_types.json declares them."""
    forms = {*forms_where("registered"), *forms_where("generic")}
    kinds = "|".join(spaced(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(
        r"(?m)^[ \t]*+(?:(?:Điều[ \t]+)?\d+[.)][ \t]*|[a-zđ]\)[ \t]*)?"
        r"(?P<verb>\w+(?:,?[ \t]\w+){0,3}?)[ \t]+(?:toàn[ \t]+bộ[ \t]+|một[ \t]+phần[ \t]+)?(?:các|những)\s+"
        rf"(?i:{kinds})\b"
        r"[^;.]{0,400}?\b(?:tại|theo|nêu\s+tại|quy\s+định\s+tại|trong)\s+(?:[Dd]anh\s+mục\s+)?[Pp]hụ\s+lục"
        r"(?:\s+(?:số\s+)?(?P<label>[IVXLCDM]+|\d+))?\s+(?:ban\s+hành\s+)?kèm\s+theo\s+(?:\w+\s+){1,3}?này\b")


def _appendix_acts(context: _Context, sections: tuple[Section, ...]) -> dict[int, Cue]:
    """The act each row of an appendix takes from the article naming it (``_appendix_act``), by the start of the
    row's first citation: the instrument the row lists; the others a row names (in its description) keep their own."""
    appendices = [s for s in sections if s.kind == "appendix"]
    if not appendices:
        return {}
    source, text = context.source, context.text
    heads: dict[int, Cue] = {}
    for match in _appendix_clauses(text, appendices[0].start):
        window = (source.to_normalized(match.start("verb")), source.to_normalized(match.end("verb")))
        act = next((cue for cue in find_cues(source, context.cues, [window])
                    if cue.predicate in ONLY_DOWNWARDS and not cue.passive and cue.for_document), None)
        label = match.group("label")
        listed = [s for s in appendices if s.id == f"Phụ lục {label}"] if label else appendices[:1] if len(appendices) == 1 else []
        if act is None or not listed:
            continue
        first: dict[str, int] = {}  # each innermost section of the appendix: where its first citation starts
        for citation in context.ordered:
            if listed[0].start <= citation.reference.start < listed[0].end:
                first.setdefault(citation.section, citation.reference.start)
        heads.update(dict.fromkeys(first.values(), act))
    return heads


# Where an article names an appendix of the document itself ("Phụ lục I ban hành kèm theo Thông tư này")
_OWN_APPENDIX = re.compile(r"[Pp]hụ\s+lục(?:\s+(?:số\s+)?(?:[IVXLCDM]+|\d+))?\s+(?:ban\s+hành\s+)?kèm\s+theo\s+(?:\w+\s+){1,3}?này\b")


def _appendix_clauses(text: str, end: int) -> list[re.Match]:
    """The ``_appendix_act`` clauses before ``end``, sought only on the lines before a mention of the document's own
    appendix (the pattern tried at every line of a text cost a twentieth of the relations' time)."""
    found: dict[int, re.Match] = {}
    at = text.find("lục", 0, end)
    while at >= 0:
        own = _OWN_APPENDIX.search(text, max(0, at - 8), min(end, at + 200))
        if own is not None and own.start() <= at:
            low = text.rfind("\n", 0, max(0, own.start() - 500)) + 1
            for match in _appendix_act().finditer(text, low, own.end()):
                found.setdefault(match.start(), match)
        at = text.find("lục", at + 3, end)
    return [found[start] for start in sorted(found)]


# A table's cell saying what changed its row's instrument, in the lists of documents a ministry or a province
# publishes each year (the "Danh mục văn bản hết hiệu lực" and "... còn hiệu lực" of its systematization):
# - the reason a row's instrument no longer stands: "Được thay thế bởi Thông tư số 01/2024/TT-BLĐTBXH ...", "Được
#   sửa đổi, bổ sung, thay thế, bãi bỏ bởi Nghị định số 77/2024/NĐ-CP ...", "Đã được đính chính tại Quyết định số
#   600/QĐ-LĐTBXH ...": the instrument after "bởi" or "tại";
# - the notes of a list in force: "- Văn bản sửa đổi, bổ sung, thay thế, bãi bỏ một phần: Nghị định số 15/2019/NĐ-CP
#   ..." or the same head over lines "+ Nghị định số 140/2018/NĐ-CP ...", "+ Nghị định số 24/2022/NĐ-CP ...": the
#   instrument after the colon, or the one opening each bulleted line, up to the next row.
# The cell opens its line; the row opens with its number ("146", "3."), alone on its line (a page's number is blanked
# with its header) or before the kind of the instrument it lists first on the same line, which is the one the cell's
# instruments change, by each verb of the cell.
_REASON_CELL = re.compile(
    r"(?m)^[ \t]*(?:[-+][ \t]*)?(?:Được|Bị|Đã[ \t]+(?:được|bị))[ \t]+"
    r"(?P<verbs>[^\n]{1,80}?(?:\n[^\n]{0,80}?)?)[ \t,]*\s(?:bởi|tại)\s")
_CHANGERS_CELL = re.compile(
    r"(?m)^[ \t]*(?:[-+][ \t]*)?Văn[ \t]+bản[ \t]+(?P<verbs>[^\n:]{1,80}?(?:\n[^\n:]{0,80}?)?)"
    r"(?:[ \t]+một[ \t]+phần)?[ \t]*:")
_BULLET = re.compile(r"(?m)^[ \t]*[-+•][ \t]*")
# where a list's cell ends at the latest: a heading of the body, or this far from its head
_CELL_END = re.compile(r"(?m)^[ \t]*(?:[IVX]{1,5}\.[ \t]|Điều[ \t]+\d+\.|Chương[ \t]+[IVX]+\b|PHỤ[ \t]+LỤC\b|Phụ[ \t]+lục\b)")
_CELL_REACH = 3000
_CELL_WORDS = ("Được", "Bị", "Đã", "Văn")
_CELL_LEAD = re.compile(r"[ \t]*(?:[-+][ \t]*)?")


@lru_cache(maxsize=1)
def _row_opening() -> re.Pattern:
    return re.compile(rf"(?m)^[ \t]*\d{{1,3}}\.?[ \t]*(?:$|(?=(?:{_registered_kinds()})\b))")


def _cells(text: str) -> list[tuple[re.Match, bool]]:
    """The cells of ``text`` (``_REASON_CELL`` or ``_CHANGERS_CELL``, the second marked True), tried only where
    one of their first words opens a line (the patterns tried at every line cost a twentieth of the relations'
    time)."""
    found: dict[int, tuple[re.Match, bool]] = {}
    for word in _CELL_WORDS:
        at = text.find(word)
        while at >= 0:
            newline = text.rfind("\n", max(0, at - 40), at)  # (a cell's word opens its line, after a bullet at most)
            line = newline + 1
            if (newline >= 0 or at <= 40) and line not in found and _CELL_LEAD.fullmatch(text, line, at):
                for pattern, listing in ((_REASON_CELL, False), (_CHANGERS_CELL, True)):
                    if (cell := pattern.match(text, line)) is not None:
                        found[line] = (cell, listing)
                        break
            at = text.find(word, at + len(word))
    return [found[line] for line in sorted(found)]


def _offer_reason_cells(context: _Context, offer) -> None:
    """The changes each cell (``_cells``) states between its instruments and its row's."""
    source, text = context.source, context.source.normalized
    cells = _cells(text)
    if not cells:
        return
    rows = [row.end() for row in _row_opening().finditer(text)]
    starts = [c.reference.start for c in context.ordered]
    ends = [cell.start() for cell, _ in cells]
    for k, (cell, listing) in enumerate(cells):
        opened = bisect.bisect_right(rows, cell.start()) - 1
        if opened < 0:
            continue
        first = bisect.bisect_left(starts, source.to_original(rows[opened]))
        if first == len(starts) or starts[first] >= source.to_original(cell.start()):
            continue
        head = context.ordered[first]
        # the cell's instruments: the one right after its head, and in a list the one opening each bulleted line
        # up to the next row or the next cell
        at = [cell.end()]
        if listing:
            heading = _CELL_END.search(text, cell.end(), cell.end() + _CELL_REACH)
            closed = min(rows[opened + 1] if opened + 1 < len(rows) else len(text),
                         ends[k + 1] if k + 1 < len(ends) else len(text),
                         heading.start() if heading else cell.end() + _CELL_REACH)
            at += [bullet.end() for bullet in _BULLET.finditer(text, cell.end(), closed)]
        agents = []
        for position in at:
            after = source.to_original(position)
            agent = bisect.bisect_left(starts, after)
            if agent < len(starts) and not context.text[after:starts[agent]].strip():
                agents.append(context.ordered[agent])
        cues = find_cues(source, context.cues, [(cell.start("verbs"), cell.end("verbs"))])
        for by in agents:
            if head.instrument.iri == by.instrument.iri:
                continue
            for cue in cues:
                words = context.text[cue.start:cue.end]
                for predicate in dict.fromkeys([cue.predicate, *_verbs_predicates(context, words)]):
                    # a change, or a correction ("Đã được đính chính tại"): a citation between the two
                    stated = predicate in ONLY_DOWNWARDS or (predicate == "cites" and cue.between)
                    checked = stated and _checked(predicate, by.instrument, head.instrument)
                    if checked:
                        offer(by.instrument.iri, checked, head.instrument.iri, cue.start, by.reference.end, words)


@dataclass(frozen=True)
class _Context:
    """What every citation's relation is read against: the cues near the citations and the clauses."""

    source: SourceText
    document: Document
    text: str
    cues: Cues
    ordered: list[Citation]           # the citations of other instruments, in text order
    found: list[Cue]
    cue_starts: list[int]
    trailing: list[Cue]              # cues written after what they govern ("... được bãi bỏ")
    trailing_starts: list[int]
    clauses: _Clauses
    consolidated_until: int | None
    merged: Merged | None
    quoted: list
    rows: dict[str, int]             # where each table row starts: its cells hold no stop, yet a row ends a clause
    amended: list                    # a consolidated text's parts whose words a footnote gives to an amending instrument
    in_titles: frozenset[int]        # where the citations named inside another's title start (_named_in_a_title)
    # each citation's trailing cue once sought (``_trailing_cue``): a list's items are sought again for the item before
    trailing_of: dict[int, Cue | None] = field(default_factory=dict)


def _read_context(source: SourceText, document: Document, citations: list[Citation],
                  sections: tuple[Section, ...] = ()) -> _Context:
    cues = relation_cues()
    own = document.instrument.iri
    # (a carriage return before each line's end, as a Windows file gives it, is a space: the patterns end lines at
    # "\n" after spaces and tabs; one character for one, so every offset stays the original's)
    text = source.original.replace("\r", " ") if "\r" in source.original else source.original
    ordered = sorted((c for c in citations if c.instrument.iri != own), key=lambda c: c.reference.start)
    spans = [(c.reference.start, c.reference.end) for c in ordered]
    found = find_cues(source, cues, cue_windows(source, spans, cues.reach, _AFTER_REACH))
    trailing = [c for c in found if c.after]
    trailing_starts = [c.start for c in trailing]
    consolidated_until = consolidation_end(source, document, cues)
    return _Context(
        source=source, document=document, text=text, cues=cues, ordered=ordered, found=found,
        cue_starts=[c.start for c in found], trailing=trailing, trailing_starts=trailing_starts,
        clauses=_Clauses(source, found, spans, trailing_starts), consolidated_until=consolidated_until,
        merged=merged_list(text, ordered, found, consolidated_until), quoted=quoted_bases(text, ordered, cues),
        rows={s.id: s.start for s in sections if s.id.startswith("appendix.")},
        amended=amended_parts(text, ordered, sections) if document.instrument.doc_type in cues.consolidating else [],
        in_titles=_named_in_a_title(ordered))


class _Strongest:
    """The relations kept for each (subject, target): the first offered of the strongest rank; beside it,
    one of those declared kept apart (based_on); and, when the strongest changes its object, every other
    relation offered that changes it too (an act amends some parts of an instrument, repeals others and
    replaces its forms: "Điều 1. Sửa đổi, bổ sung ...", "Điều 2. Bãi bỏ khoản 5 Điều 5 ... của Thông tư số
    26/2018/TT-BLĐTBXH", "Điều 3. Thay thế Mẫu số 01 ... ban hành kèm theo Thông tư số 26/2018/TT-BLĐTBXH")."""

    def __init__(self, rank: dict[str, int], preamble_end: int = 0, texts: tuple[str, str] | None = None):
        self.rank, self.preamble_end = rank, preamble_end
        self.first: dict[tuple[str, str], dict[str, Relation]] = {}
        self.order: dict[tuple[str, str, bool], int] = {}  # relations at one offset are listed as first offered
        self.texts = texts  # (the text read, the original) where they differ: a cue's words are the original's

    def offer(self, subject: str, predicate: str, target: str, start: int, end: int, cue: str) -> None:
        if subject == target:
            return
        if self.texts is not None and (at := self.texts[0].find(cue, start, end)) >= 0:
            cue = self.texts[1][at:at + len(cue)]  # ("\r" read as a space, quoted as the source has it)
        offered = self.first.setdefault((subject, target), {})
        if predicate not in offered:  # (a relation built only when it is the first of its kind)
            offered[predicate] = Relation(subject, predicate, target, start, end, cue)
        self.order.setdefault((subject, target, predicate in KEPT_APART), len(self.order))

    def relations(self) -> tuple[Relation, ...]:
        rank = self.rank
        kept = []
        for offered in self.first.values():
            apart = [r for p, r in offered.items() if p in KEPT_APART]
            others = sorted((r for p, r in offered.items() if p not in KEPT_APART), key=lambda r: rank[r.predicate])
            kept += [min(apart, key=lambda r: rank[r.predicate])] if apart else []
            # beside a relation kept apart, another of the pair says more only if it is stronger ("Căn cứ Luật X"
            # and "quy định chi tiết Luật X": both; "Căn cứ Luật X" and "theo quy định của Luật X": the basis), or
            # if the document declares it before its first part ("Căn cứ Kết luận số 213-KL/TW ...; Thực hiện các
            # nhiệm vụ tại Kết luận số 213-KL/TW ..., Chính phủ ban hành Kế hoạch": both; in the body, "được thực
            # hiện theo khoản 3 Điều 17 Nghị định số ..." beside the decree's Căn cứ says no more than the basis)
            floor = min((rank[r.predicate] for r in apart), default=None)
            others = [r for r in others if floor is None or rank[r.predicate] < floor
                      or (r.predicate == "implements" and r.start < self.preamble_end)]
            if others:
                kept.append(others[0])
                if others[0].predicate in ONLY_DOWNWARDS:
                    kept += [r for r in others[1:] if r.predicate in ONLY_DOWNWARDS]
                # (as beside a basis, a "Thực hiện ..." the document declares before its first part stays beside its
                # guiding: "Thực hiện Quyết định số 90/QĐ-TTg ...; ... Thông tư này hướng dẫn ... thuộc Chương trình
                # ... ban hành kèm theo Quyết định số 90/QĐ-TTg" implements and guides the decision; an act that
                # replaces what it carried out says all)
                if others[0].predicate == "guides":
                    kept += [r for r in others[1:] if r.predicate == "implements" and r.start < self.preamble_end]
        order = self.order
        return tuple(sorted(kept, key=lambda r: (r.start, order[(r.subject, r.object, r.predicate in KEPT_APART)])))


@dataclass(slots=True)
class _Walk:
    """What one citation hands the next: the cue governing the last clause ("Căn cứ A; B;"), and the
    chain an in-between cue opened ("A được sửa đổi bởi B, C": B and C both amend A)."""

    previous_cue: Cue | None = None
    chain: tuple[Citation, Cue] | None = None
    guided: Cue | None = None  # the guiding verb a list of instruments with their parts goes on taking (``_guided_at``)
    outer: tuple[Citation, Cue] | None = None  # the change chain whose object a description's chain now speaks of
    given: list[Cue | None] = field(default_factory=list)  # the document's cue of each citation so far


def _governing_cue(context: _Context, walk: _Walk, index: int, offer) -> Cue | None:
    """The cue that governs the document's relation to the ``index``-th citation.

    The first citation of a clause takes the cue before it (or, in a list, the list's lead-in); a
    later one may be linked to the one before by a cue between them (offered as a relation between
    the two), or continue the chain such a cue opened, or take the cue before it; a cue written
    after it ("... được bãi bỏ") wins where it ranks higher.
    """
    cues, text, ordered = context.cues, context.text, context.ordered
    citation = ordered[index]
    ref = citation.reference
    clause = context.clauses.start_before(ref.start)
    if (row := context.rows.get(citation.section)) is not None:
        clause = max(clause, row)  # "... Chương trình số 12-CTr/BCĐ / 11 / Thể chế hóa Kết luận số 182-KL/TW"
    first_in_clause = index == 0 or ordered[index - 1].reference.end <= clause
    gap_start = clause if first_in_clause else ordered[index - 1].reference.end
    gap = _between(context.found, context.cue_starts, gap_start, ref.start)
    if first_in_clause:
        doc_cue = _first_cue(context, walk, index, clause, gap)
    else:
        doc_cue = _later_cue(context, walk, index, clause, gap, offer)
    part = None
    if doc_cue is None or doc_cue.predicate in (NAMED, "cites"):
        # (after an instrument in the clause, a verb is that instrument's: "Quyết định số 15/2019/QĐ-UBND ...
        # Sửa đổi, bổ sung một số điều của Quy chế ... ban hành kèm theo Quyết định số 21/2018/QĐ-UBND")
        part = _part_changed(context, gap, ref.start) if first_in_clause or _opens_sentence(text, gap) else None
        doc_cue = _enumerated(context, gap_start, ref.start) or doc_cue if part is None else doc_cue
    in_history = walk.chain is not None and walk.chain[1].predicate in ONLY_DOWNWARDS
    # (a cue after an instrument's history, "A đã được sửa đổi, bổ sung theo B và C hết hiệu lực", or after what its
    # description says it changed, "A ... sửa đổi, bổ sung ... B hết hiệu lực", is A's, not B's or C's)
    after = None if in_history else _trailing_cue(context, index) or _listed_before_trailing_cue(context, index)
    if after is not None and (doc_cue is None or doc_cue.predicate != NAMED
                              and cues.rank[after.predicate] < cues.rank[doc_cue.predicate]):
        doc_cue, part = after, None
    if first_in_clause or (doc_cue is not None and walk.chain is None):
        walk.previous_cue = doc_cue
    if part is not None:
        # the verb changes the part named before this instrument, and no item of a list after it
        # ("Bãi bỏ thủ tục ... quy định tại Nghị định số 37/2026/NĐ-CP ...", then a table "1. Nghị định số ...")
        return part
    if context.document.instrument.doc_type in cues.consolidating:
        return doc_cue  # (a consolidated text's "hướng dẫn" is its base's, between the cited: rule 4)
    # (for this instrument, and the others listed after it with their parts: "quy định chi tiết ... theo quy định tại
    # khoản 4 Điều 122 ... Luật Bảo hiểm xã hội, khoản 5 Điều 35 Luật Bảo hiểm y tế ..., và khoản 3 Điều 59 Luật Việc
    # làm"; what its description names after it is pointed to, not guided)
    guided = _guided_at(gap, doc_cue, context.source)
    if guided is not doc_cue:
        walk.guided = guided
    elif first_in_clause:
        walk.guided = None
    elif walk.guided is not None and _PARTS_BETWEEN.fullmatch(context.text, ordered[index - 1].reference.end, ref.start):
        guided = walk.guided  # (past what a parenthesis says of the one before: "(được sửa đổi, bổ sung tại ...), và")
    return guided


def _guided_at(gap: list[Cue], cue: Cue | None, source: SourceText) -> Cue | None:
    """The guiding or changing verb, where what it acts on is named as what an instrument provides or issues: "hướng
    dẫn thực hiện cơ chế, chính sách đặc thù ... quy định tại Nghị quyết số 29/2026/QH16" guides the resolution,
    "Hướng dẫn cơ chế tổ chức thực hiện “Chương trình ...” ban hành kèm theo Quyết định số 167/QĐ-TTg" the decision,
    "Bãi bỏ quy định về phụ cấp đặc thù ... quy định tại Điều 4, ..., Điều 9 Nghị định số 113/2015/NĐ-CP" repeals
    (those parts of) the decree, which "quy định tại" only points to; else ``cue``."""
    # (the words that point to the instrument: the document's cue, or one that speaks only of what stands before it,
    # "... thuộc Chương trình ... ban hành kèm theo Quyết định số 90/QĐ-TTg", which _bearing gives the document not)
    pointer = cue if cue is not None else (gap[-1] if gap and gap[-1].subject_before else None)
    if pointer is None or pointer.predicate not in ("cites", "issued_with") or not gap or gap[-1] is not pointer:
        return cue
    carried_out = False
    for earlier in reversed(gap[:-1]):
        # (a cites is passed over below, whoever speaks it: the document's name is sought only before another verb)
        itself = earlier.predicate != "cites" and _ITSELF_BEFORE().search(
            source.original, max(0, earlier.start - 40), earlier.start) is not None
        # (the document's own scope, "Thông tư này hướng dẫn ...", not quoted, governs its clause whatever the guided
        # words' length: "... hướng dẫn một số nội dung thực hiện đa dạng hóa sinh kế, ... thuộc Chương trình mục tiêu
        # quốc gia ... ban hành kèm theo Quyết định số 90/QĐ-TTg")
        scope = (itself and earlier.predicate == "guides" and not _in_quotation(source.original, earlier.start)
                 and relation_cues().left_out.search(source.original, earlier.end, pointer.start) is None)
        if not scope and pointer.start - earlier.end > _GUIDED_REACH \
                and _prose_length(source, earlier.end, pointer.start) > _GUIDED_REACH:
            break
        if cue is None:  # (past a pointer that speaks not for the document, only its own scope acts)
            if scope:
                return earlier
            continue
        if earlier.predicate == "cites":
            continue
        if earlier.predicate == "implements" and not earlier.passive:
            # "hướng dẫn cơ chế tổ chức thực hiện “Chương trình ...” ban hành kèm theo Quyết định số 167/QĐ-TTg": what is
            # carried out is the guided words' own, a guiding verb before them acts (a change verb does not reach
            # past it: "Bãi bỏ thủ tục ... thực hiện ... quy định tại Nghị định ..." abolishes a procedure)
            carried_out = True
            continue
        # (a verb that only links two cited instruments, "hướng dẫn", acts for the document after "Thông tư này")
        acts = (earlier.predicate == "guides" or (earlier.predicate in ONLY_DOWNWARDS and not carried_out)) and (
            earlier.for_document or itself)
        return earlier if acts and not earlier.passive else cue
    return cue


_GUIDED_REACH = 200  # characters of words guided or changed, between the verb and "quy định tại" (_prose_length)


def _prose_length(source: SourceText, start: int, end: int) -> int:
    """The characters of words between two offsets, one space between words: a page's furniture (blanked in the
    normalized text) and line breaks add none ("hướng dẫn ... giai đoạn 2021 - 2025 / [signature stamp, page header]
    / quy định tại Quyết định số 90/QĐ-TTg")."""
    return words_length(source.normalized, source.to_normalized(start), source.to_normalized(end))


# between two instruments of such a list: a comma or "và", then the parts of the next ("), và khoản 3 Điều 59 ")
# (possessive: a gap that is no such list fails at once, not after every way of splitting its parts)
_PART_WORD = r"(?:điểm|khoản|Điều|Mục|Chương|Phụ\s+lục)"
_PARTS_BETWEEN = re.compile(r"\)?\s*(?:,|;|,?\s*và)\s*(?:(?:" + _PART_WORD + r"\s+[\w.]+(?:\s*(?:,|và)\s*(?!"
                            + _PART_WORD + r"\b)[\w.]+)*+\s*+(?:,|và)?+\s*+)++(?:của\s+)?)?", re.IGNORECASE)


def _next_changeable(context: _Context, index: int, history: range) -> int:
    """Where the next citation the document may change starts, within a trailing cue's reach: the cue skips
    an instrument named in the description that it cannot change ("Thông tư số 09/2020/TT-BKHĐT ... thuộc
    phạm vi điều chỉnh của Hiệp định CPTPP hết hiệu lực thi hành": the circular expires, not the treaty), and the
    instruments its history names (``_history``), but not one a clause of time opens ("Nghị định số 30/2016/NĐ-CP
    đến khi Luật Việc làm ... hết hiệu lực": the law's)."""
    ordered, end = context.ordered, context.ordered[index].reference.end
    # (a consolidated text speaks as the instrument it merges: "... Nghị định số 48/2015/NĐ-CP ... quy định chi tiết thi
    # hành một số điều của Luật Giáo dục nghề nghiệp hết hiệu lực thi hành" ends the decree, not the law)
    speaker = context.merged.base.instrument if context.merged is not None else context.document.instrument
    for k in range(index + 1, len(ordered)):  # (not a slice: a copy of the rest per citation was quadratic)
        later = ordered[k]
        if k in history:
            continue
        if (later.reference.start >= end + 200 or not _outranks(speaker, later.instrument)
                or _WHEN.search(context.text, end, later.reference.start)):
            return later.reference.start
    return len(context.text)


def _trailing_cue(context: _Context, index: int) -> Cue | None:
    """The cue that follows ``ordered[index]`` and speaks of it (``_after_cue``), past its history (``_history``)."""
    end = context.ordered[index].reference.end
    if not _trailing_after(context, end):
        return None  # (most citations: no history sought)
    if index not in context.trailing_of:
        history = _history(context, index)
        described_to = context.ordered[history[-1]].reference.end if history else end
        context.trailing_of[index] = _after_cue(context.text, context.trailing, context.trailing_starts, end,
                                                _next_changeable(context, index, history), context.clauses,
                                                described_to)
    return context.trailing_of[index]


def _trailing_after(context: _Context, position: int) -> bool:
    """Whether any cue that follows its instrument stands after ``position``."""
    return bisect.bisect_left(context.trailing_starts, position) < len(context.trailing_starts)


def _listed_before_trailing_cue(context: _Context, index: int) -> Cue | None:
    """The trailing cue of a list of instruments that ``ordered[index]`` is an item of (``_next_item``): "2. Thông tư
    số 08/2017/TT-BLĐTBXH ... quy định chuẩn về chuyên môn, nghiệp vụ ...; Thông tư số 21/2020/TT-BLĐTBXH ... sửa đổi,
    bổ sung ... hết hiệu lực thi hành": both expire."""
    if not _trailing_after(context, context.ordered[index].reference.end):
        return None
    for _ in range(_LISTED_ITEMS):
        index = _next_item(context, index)
        if index is None:
            return None
        if (cue := _trailing_cue(context, index)) is not None:
            return cue
    return None


_LISTED_ITEMS = 10  # items of such a list read ahead for its cue


def _next_item(context: _Context, index: int) -> int | None:
    """The next item of a list of instruments that ``ordered[index]`` is an item of: after a ";" that ends its clause
    (their descriptions hold commas), the instrument opening right after it; or, after "và", one more of its kind
    that neither its history nor a verb of change in its description names ("Quyết định số 04/2011/QĐ-TTg ... về quản
    lý tài chính ... và Quyết định số 51/2013/QĐ-TTg ... về sửa đổi một số điểm của Quyết định số 04/2011/QĐ-TTg")."""
    ordered, text = context.ordered, context.text
    end = ordered[index].reference.end
    stop = text.find(";", end, end + _AFTER_REACH)
    if stop >= 0 and context.clauses.end_after(end, _AFTER_REACH) == stop + 1:
        following = next((k for k in range(index + 1, len(ordered)) if ordered[k].reference.start > stop), None)
        if following is None:
            return None
        start = ordered[following].reference.start
        gap = text[stop + 1:start]
        if not gap.strip():
            return following
        # (or by its parts, where the one before opens its clause as an item does: "2. Nghị định số 35/2019/NĐ-CP
        # ...; Điều 1 Nghị định số 07/2022/NĐ-CP ... hết hiệu lực"; not "... được xử lý theo Nghị định số
        # 45/2019/NĐ-CP ...; Điều 2 Nghị định số 46/2019/NĐ-CP ... hết hiệu lực", which still applies the first)
        return following if names_parts_only(text, start - len(gap.lstrip()), start) and _opens_its_clause(
            context, index) else None
    following, history = index + 1, _history(context, index)
    # (past its history, closed by "và", a comma: "Luật ... số 41/2019/QH14 đã được sửa đổi, bổ sung một số điều theo
    # Luật số 59/2024/QH15 và Luật số 86/2025/QH15, Nghị quyết số 54/2022/QH15 ... hết hiệu lực")
    if history and history.stop < len(ordered) and _COMMA.fullmatch(text, ordered[history.stop - 1].reference.end,
                                                                      ordered[history.stop].reference.start):
        return history.stop
    if following >= len(ordered) or following in history:
        return None
    start = ordered[following].reference.start
    # (one of another kind right after it: "Luật Bảo hiểm xã hội số 58/2014/QH13 đã được sửa đổi ... (sau đây gọi
    # chung là Luật số 58/2014/QH13) và Nghị quyết số 93/2015/QH13 ... hết hiệu lực thi hành")
    same_kind = ordered[following].instrument.doc_type == ordered[index].instrument.doc_type or (
        _AND_RIGHT_BEFORE.fullmatch(text, end, start) is not None)
    between = _between(context.found, context.cue_starts, end, start)
    if (not same_kind or start - end > _AFTER_REACH
            or not _and_right_before(text, end, start, between) or any(mark in text[end:start] for mark in ";.:")
            or _change_verbs(between)):
        return None
    return following


def _opens_its_clause(context: _Context, index: int) -> bool:
    """Whether ``ordered[index]`` (or its parts) opens its clause, after an item's mark at most."""
    ref = context.ordered[index].reference
    clause = context.clauses.start_before(ref.start)
    opening = ITEM_MARK.match(context.text, _first_word(context.text, clause, ref.start)).end()
    return opening >= ref.start or names_parts_only(context.text, opening, ref.start)


def _first_word(text: str, start: int, end: int) -> int:
    """The offset of the first character after the spaces that open ``text[start:end]`` (``end`` if all are spaces)."""
    span = text[start:end]
    return start + len(span) - len(span.lstrip())


_COMMA = re.compile(r"\s*,\s*")
_AND_BEFORE = re.compile(r"\svà\s*\Z")
_AND_RIGHT_BEFORE = re.compile(r"\)?\s+và\s+")


def _and_right_before(text: str, end: int, start: int, between: list[Cue]) -> bool:
    """Whether "và" stands right before the instrument at ``start``, or before some of its parts after a description
    that says nothing of its own (no cue in it): "Nghị định số 128/2020/NĐ-CP ... về xử phạt ... và Điều 2 Nghị định số
    102/2021/NĐ-CP ... hết hiệu lực thi hành"; not "... theo Nghị định số 45/2019/NĐ-CP ... được tiếp tục thực hiện và
    Điều 2 Nghị định số 46/2019/NĐ-CP ... hết hiệu lực", two clauses."""
    if _AND_BEFORE.search(text, end, start):
        return True
    joined = text.rfind(" và ", end, start)
    return joined >= 0 and not between and names_parts_only(text, joined + len(" và "), start)


def _history(context: _Context, index: int) -> range:
    """The citations that name the history of ``ordered[index]`` after it, in its description: "Luật Thuế thu nhập cá
    nhân số 04/2007/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 26/2012/QH13, ..., Luật số 93/2025/QH15
    hết hiệu lực ...", or what it changed: "Thông tư liên tịch số 06/2015/TTLT-BLĐTBXH-BTC ... sửa đổi, bổ sung khoản 2
    và 4 Điều 11 Thông tư liên tịch số 29/2014/TTLT-BLĐTBXH-BTC hết hiệu lực": a verb of change right before the first,
    the others a plain list after it. Only through instruments the citing document could not change (the law a
    decree's description names)."""
    ordered, text, reach = context.ordered, context.text, context.cues.reach
    first, end = index + 1, ordered[index].reference.end
    while first < len(ordered) and ordered[first].reference.start - end <= _AFTER_REACH:
        gap_start, start = ordered[first - 1].reference.end, ordered[first].reference.start
        if any(c.between and not c.after and c.predicate in ONLY_DOWNWARDS and start - c.end <= reach
               for c in _between(context.found, context.cue_starts, gap_start, start)):
            break
        if not _outranks(context.document.instrument, ordered[first].instrument):
            return range(0)
        first += 1
    else:
        return range(0)
    last = first
    while last + 1 < len(ordered):
        gap = _LIST_GAP.fullmatch(text, ordered[last].reference.end, ordered[last + 1].reference.start)
        # (a list closes with "và" before its last: "theo Luật số 59/2024/QH15 và Luật số 86/2025/QH15, Nghị quyết
        # số 54/2022/QH15 ... hết hiệu lực" names one more that expires, not a third amender)
        if gap is None or gap.group("joined") is None and last > first and _joined_by_and(text, ordered, last):
            break
        if gap.group("joined") is None and not _named_by_title(ordered[first]) and _named_by_title(ordered[last + 1]):
            break  # (amending laws listed by their numbers, "theo Luật số 08/2017/QH14, Luật Đất đai số 45/2013/QH13":
            # a law named by its title is the outer list's next)
        last += 1
    return range(first, last + 1)


def _named_by_title(citation: Citation) -> bool:
    """Whether a citation names its instrument by its title ("Luật Đất đai số 45/2013/QH13"), not by its type and
    number alone ("Luật số 48/2014/QH13", "Nghị định số 155/2018/NĐ-CP về ...")."""
    title, kind = citation.reference.title, citation.reference.doc_type
    return bool(title) and title.startswith(kind)


_WHEN = re.compile(r"(?<!\w)khi(?!\w)")


def _changes_one_more(context: _Context, cue: Cue, gap: list[Cue], prior: Citation, citation: Citation) -> bool:
    """Whether "và" joins one more instrument to what a change verb acts on, past the description of the one
    before ("Nghị định số 21/2024/NĐ-CP ... sửa đổi, bổ sung một số điều của Nghị định số 51/2016/NĐ-CP ... quy định
    quản lý lao động ... và Nghị định số 52/2016/NĐ-CP"), or a comma one more of the same kind ("Thông tư số
    34/2018/TT-BLĐTBXH ... sửa đổi, bổ sung một số điều Thông tư số 42/2015/TT-BLĐTBXH ... quy định về đào tạo trình
    độ sơ cấp, Thông tư số 43/2015/TT-BLĐTBXH ... quy định về đào tạo thường xuyên, ..."). Not after a verb that
    describes ("Thông tư A hướng dẫn ... Quyết định B về ... và Thông tư C ... hết hiệu lực": A and C expire), nor in
    the passive, nor past a parenthesis."""
    start, end = prior.reference.end, citation.reference.start
    if cue.predicate not in ONLY_DOWNWARDS or cue.passive or gap or ")" in context.text[start:end]:
        return False
    if context.cues.coordination.search(context.text, start, end) is not None:
        return True
    if citation.instrument.doc_type != prior.instrument.doc_type or not _ONE_MORE_OF_A_KIND.fullmatch(context.text,
                                                                                                   start, end):
        return False
    # (only where the verb took the first of them word for word: "sửa đổi, bổ sung một số quy định về cán bộ ..., Nghị
    # định số 92/2009/NĐ-CP về ..., Nghị định số 121/2003/NĐ-CP" lists decrees after the words a verb acts on)
    starts = context.clauses.span_starts  # (the citations' starts, in their order)
    at = bisect.bisect_left(starts, cue.end)
    first = starts[at] if at < len(starts) else end
    return _VERBS_OBJECT.fullmatch(context.text, cue.end, first) is not None


# The rest of an instrument's description, then the comma before one more instrument of its kind (above)
_ONE_MORE_OF_A_KIND = re.compile(r"[^;:.()“”]{0,300},\s*")
# What stands between a verb of change and the instrument it takes word for word
_VERBS_OBJECT = re.compile(r"\s*(?:một\s+số\s+điều\s+)?(?:của\s+)?")


def _first_cue(context: _Context, walk: _Walk, index: int, clause: int, gap: list[Cue]) -> Cue | None:
    """The cue of the first citation of a clause: the cue before it, or its list's lead-in."""
    cues, text, ordered = context.cues, context.text, context.ordered
    ref = ordered[index].reference
    walk.chain = walk.outer = walk.guided = None
    # (not a verb inside the words a change quotes: "Bãi bỏ cụm từ “Thực hiện đúng yêu cầu phối hợp ...” tại điểm b
    # khoản 1 Điều 12 Nghị định số 01/2015/NĐ-CP" repeals, "Thực hiện" is the phrase's)
    before = [c for c in gap if not c.after and c.for_document and not _in_quoted_words(text, c.start, ref.start)]
    # (in the document's scope that guides, the reach in words: a page's furniture between adds none, "Thông tư này
    # hướng dẫn ... theo quy định tại khoản 6 Điều 4, ..., khoản 6 Điều 24 và điểm b / [signature stamp, page header] /
    # khoản 1 Điều 28 của Nghị định số 233/2025/NĐ-CP"; elsewhere a table's headers are words too)
    if before and (ref.start - before[-1].end <= cues.reach or (
            any(c.predicate == "guides" for c in before)
            and scope_opening(context.source.normalized, context.source.to_normalized(ref.start)) is not None
            and _prose_length(context.source, before[-1].end, ref.start) <= cues.reach)):
        return _bearing(text, before[-1], ref.start)
    if (not before and index and ordered[index].section not in context.rows
            and _objects_run_on(text, clause, ref.start, ordered[index - 1].reference.end)):
        # (the act that governed the instrument before, a change of what it provides among them: "thay thế nội dung
        # ... quy định tại Thông tư số 03/2021/TT-BKHĐT ...; Thông tư số 25/2023/TT-BKHĐT"; a task table's cells name
        # work to do: no act of the document's runs on there)
        governed = walk.given[-1]
        return governed if governed is not None and governed.predicate not in (NAMED, "cites") else walk.previous_cue
    normalized, to_normalized = context.source.normalized, context.source.to_normalized
    if not before and _list_item(normalized, to_normalized(clause), to_normalized(ref.start)):  # (furniture blanked)
        # "Bãi bỏ toàn bộ 14 văn bản ... sau đây: | 1. Thông tư số 08/2013/TT-BLĐTBXH ...": the list's
        # lead-in speaks for its items, else the cue of the item before
        low = ordered[index - 1].reference.end if index else 0
        article = _last_match(_ARTICLE_LINE, text, low, clause)
        if article is not None:  # (an article's list is led from within it, not by the article before)
            low = article.start()
        lead = _list_lead(context.source, low, clause)
        if lead is None and (heading := _heading_above(normalized, to_normalized(clause))) is not None:
            return _lead_at(context.source, *heading)  # (a heading with no cue leads nothing: no cue from before it)
        # (the first item of a list whose lead-in gives no cue takes none from the clause before the lead-in, nor from
        # an article before its own: "Điều 43. Sửa đổi, bổ sung ... Nghị định số 355/2025/NĐ-CP ... / Điều 44. Hiệu lực thi
        # hành / 1. ... / 2. Nghị định số 118/2024/NĐ-CP ... hết hiệu lực")
        if lead is None and (_lead_in(context.source, low, clause) or article is not None):
            return None
        return lead if lead is not None else walk.previous_cue
    return None


def _objects_run_on(text: str, clause: int, position: int, prior_end: int) -> bool:
    """Whether a clause after a ";" only names the instrument at ``position``, or its parts: one more object of the
    verb before ("Bãi bỏ Điều 10 của Nghị định số 18/2026/NĐ-CP ...; các Điều 27, 28, 29 và 30 của Nghị định số
    121/2025/NĐ-CP ...": both repealed; "thay thế nội dung ... quy định tại Thông tư số 03/2021/TT-BKHĐT ... quy định
    mẫu văn bản ...; Thông tư số 25/2023/TT-BKHĐT ..."), not a clause saying something of its own of them ("...;
    khoản 2 Điều 5 của Nghị định số 121/2025/NĐ-CP tiếp tục có hiệu lực ...", "...; Điều 5 của Nghị định số ... vẫn
    được áp dụng"). An instrument named alone runs on only from one of the same sentence, ``prior_end`` the end of
    the one before: "... theo quy định của pháp luật về giá; Nghị định số 60/2021/NĐ-CP ..." takes nothing from a
    sentence before."""
    opening = _first_word(text, clause, position)
    stop = _CLAUSE_STOP.search(text, position)
    rest = text[position:stop.start() if stop else len(text)]
    if text[max(0, clause - 3):clause].rstrip()[-1:] != ";" or relation_cues().own_predicate.search(rest) is not None:
        return False
    if opening == position:
        return prior_end < clause and _FULL_STOP.search(text, prior_end, clause) is None
    return names_parts_only(text, opening, position)


def _in_quoted_words(text: str, position: int, end: int) -> bool:
    """Whether ``position`` stands inside words quoted between it and ``end`` (“...”, closed before ``end``)."""
    opened = text.rfind("“", max(0, position - _QUOTED_WORDS_REACH), position)
    return opened >= 0 and text.find("”", opened, position) < 0 and 0 <= text.find("”", position, end)


_QUOTED_WORDS_REACH = 300  # a phrase a change quotes ("Bãi bỏ cụm từ “...”"), not an article's new wording


def _later_cue(context: _Context, walk: _Walk, index: int, clause: int, gap: list[Cue], offer) -> Cue | None:
    """The cue of a later citation of a clause: linked to the one before by a cue between them (offered
    as a relation between the two), continuing the chain such a cue opened, or the cue before it."""
    cues, text, ordered = context.cues, context.text, context.ordered
    citation = ordered[index]
    ref = citation.reference
    prior = ordered[index - 1]
    linking = [c for c in gap if c.between and not c.after and _links(text, prior, c, ref.start)]
    if linking and ref.start - prior.reference.end <= cues.reach:
        # the verb nearest the instrument takes it as its object: "Nghị quyết số 71/NQ-CP ... sửa đổi, bổ sung cập
        # nhật Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW" amends the programme and
        # implements the resolution
        cue = linking[-1]
        if context.merged is not None and cue is context.merged.cue:
            prior = context.merged.base  # the merged instrument, not one its description names
        elif cue.passive and cue.predicate in ONLY_DOWNWARDS:
            prior = _amended_head(ordered, index, clause, citation)
        elif walk.outer is not None and _PURPOSE_BEFORE.search(text, max(0, cue.start - 12), cue.start):
            # a purpose is the act's, not the changed instrument's: "Nghị định số 09/2022/NĐ-CP ... sửa đổi, bổ sung
            # ... Nghị định số 95/2020/NĐ-CP ... hướng dẫn ... theo Hiệp định CPTPP để hướng dẫn ... theo Hiệp định
            # CPTPP, Hiệp định EVFTA, ...": the amending decree guides the three agreements
            prior = walk.outer[0]
        changing = walk.chain is not None and walk.chain[1].predicate in ONLY_DOWNWARDS and not walk.chain[1].passive
        walk.outer = walk.chain if changing and cue.predicate == "guides" else None
        walk.chain = (prior, cue)
        _offer_between(offer, text, prior, citation, cue)
        return _through(walk.previous_cue)
    if (outer := _changes_past_guided(walk, citation, text, prior)) is not None:
        # "Nghị định số 62/2024/NĐ-CP ... sửa đổi, bổ sung ... của Nghị định số 94/2016/NĐ-CP ... quy định chi tiết ...
        # Luật Thống kê và Nghị định số 94/2022/NĐ-CP": a decree guides no decree; "và" joins the change's second object
        walk.chain, walk.outer = outer, None
        _offer_between(offer, text, outer[0], citation, outer[1])
        return _through(walk.previous_cue)
    listed = _LIST_GAP.fullmatch(text, prior.reference.end, ref.start)
    if listed is not None and (not listed.group("joined") and _joined_by_and(text, ordered, index - 1)
                               or not listed.group("joined") and walk.chain is not None and walk.chain[1].passive
                               and not _named_by_title(prior) and _named_by_title(citation)):
        # (the chain's list closed with "và" before the one before, or a history of amending laws listed by their
        # numbers, "theo Luật số 08/2017/QH14, Luật Đất đai số 45/2013/QH13", reaches a law named by its title: this
        # one is the outer list's)
        listed = None
    if walk.chain is not None and (listed is not None
                                   or _changes_one_more(context, walk.chain[1], gap, prior, citation)):
        _offer_between(offer, text, walk.chain[0], citation, walk.chain[1])
        return _through(walk.previous_cue)
    walk.chain = None
    before = [c for c in gap if not c.after and c.for_document]
    if before and before[-1].between and ref.start - prior.reference.end <= cues.reach:
        # a cue that links no instruments here describes the one before ("Căn cứ Nghị định A quy định
        # ... tổ chức thực hiện các chương trình ... và Nghị định B"): the clause's own cue speaks for B; and
        # when "và" joins B to the clause's object, whatever that cue is ("Thực hiện Thông tri A về ... thực
        # hiện hiệu quả X và hướng dẫn của Bộ Nội vụ tại Công văn B": the plan carries out both)
        if cues.coordination.search(text, before[-1].end, ref.start):
            return walk.previous_cue
        return _through(walk.previous_cue)
    return (_bearing(text, before[-1], ref.start) if before and ref.start - before[-1].end <= cues.reach
            else walk.previous_cue)


def _joined_by_and(text: str, ordered: list[Citation], index: int) -> bool:
    """Whether "và" joins ``ordered[index]`` to the one before it in a list ("Luật số 59/2024/QH15 và Luật số
    86/2025/QH15"): the list closes with it."""
    if index < 1:
        return False
    gap = _LIST_GAP.fullmatch(text, ordered[index - 1].reference.end, ordered[index].reference.start)
    return gap is not None and gap.group("joined") is not None


def _changes_past_guided(walk: _Walk, citation: Citation, text: str, prior: Citation) -> tuple[Citation, Cue] | None:
    """The change chain "và" joins ``citation`` to, past the description of the change's first object that says what
    it guides: where that object (the guiding chain's subject) could not guide ``citation`` (of its own kind, or
    below it) and ``citation`` is of that object's kind."""
    if walk.outer is None or walk.chain is None or walk.chain[1].predicate != "guides":
        return None
    guiding = walk.chain[0].instrument
    if citation.instrument.doc_type != guiding.doc_type or not _AND_GAP.fullmatch(text, prior.reference.end,
                                                                                  citation.reference.start):
        return None
    low, high = rank_of(guiding), rank_of(citation.instrument)
    return walk.outer if low is not None and high is not None and high >= low else None


_AND_GAP = re.compile(r"\s*,?\s*và\s+")
_PURPOSE_BEFORE = re.compile(r"(?<!\w)(?:để|nhằm)\s+\Z")


def _part_changed(context: _Context, gap: list[Cue], position: int) -> Cue | None:
    """The verb that changes a part of the instrument at ``position``, where the words naming the part end in a
    cue that only describes it.

    "Thay thế Mẫu số 01, Mẫu số 02 của Phụ lục III ban hành kèm theo Thông tư số 26/2018/TT-BLĐTBXH", "Bãi bỏ
    số thứ tự 15 tại Biểu phí, lệ phí quy định tại khoản 1 Điều 1 Thông tư số 64/2025/TT-BTC": the forms are
    issued with the circular, the fees set out in it, and what the verb does to them it does to the
    circular (in part). ``gap``: the cues since the clause's start or the instrument before. Not through a
    quotation or "như sau:" (the quoted words speak for the text they amend).
    """
    verbs = _change_verbs(gap)
    if not verbs or position - verbs[-1].end > context.cues.reach:
        return None
    verb = verbs[-1]
    describing = [c for c in gap if c.start >= verb.end]
    if not describing or any(c.predicate not in ("issued_with", "cites") or not c.describes for c in describing):
        return None
    if _QUOTING.search(context.text, verb.end, position):
        return None
    return verb


def _change_verbs(gap: list[Cue]) -> list[Cue]:
    """The verbs of change among ``gap``'s cues that act on what follows them (no passive, none written after)."""
    return [c for c in gap if not c.after and not c.passive and c.predicate in ONLY_DOWNWARDS]


def _opens_sentence(text: str, gap: list[Cue]) -> bool:
    """Whether the last verb of change in ``gap`` opens a sentence of its own: at the start of its line and
    capitalised ("... Phụ lục ban hành kèm theo Thông tư số 53/2018/TT-NHNN\nThay thế Phụ lục ban hành kèm
    theo Thông tư số 53/2018/TT-NHNN bằng ..."): an article's heading ends without a stop, and a page never
    wraps a sentence before a capital letter."""
    verbs = _change_verbs(gap)
    if not verbs:
        return False
    start = verbs[-1].start
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip(" \t*") and text[start].isupper()


# Where the words after a verb turn into the words it puts in: "như sau:", a quotation
_QUOTING = re.compile(r"[:“\"]")


def _enumerated(context: _Context, floor: int, position: int) -> Cue | None:
    """The verb whose general object the list opening just before ``position`` spells out, if any.

    "triển khai có hiệu quả các quy định của pháp luật và các văn bản hướng dẫn thi hành ..., nhất là: Luật
    Bảo vệ bí mật nhà nước, ...": the law is one of what the plan implements; the cue phrases inside the
    general words ("quy định của", the noun "văn bản hướng dẫn thi hành") do not speak for it. The verb is
    the last cue after ``floor`` (the clause's start, or the instrument before) that states a relation.
    """
    cues, text = context.cues, context.text
    opening = cues.enumeration.search(text, max(floor, position - 40), position)
    if opening is None:
        return None
    verbs = [c for c in _between(context.found, context.cue_starts, floor, opening.start())
             if not c.after and c.predicate not in (NAMED, "cites")]
    if not verbs or opening.start() - verbs[-1].end > cues.reach:
        return None
    return _bearing(text, verbs[-1], position)


def _predicate(context: _Context, citation: Citation, doc_cue: Cue | None, offer) -> tuple[str, int, int, str]:
    """The document's relation to ``citation``, its span and words: the governing cue's, unless the
    citation is one a consolidated text merges, or the cue speaks of what the document cannot do."""
    ref, text = citation.reference, context.text
    merged, consolidated_until = context.merged, context.consolidated_until
    if consolidated_until is not None and ref.start < consolidated_until and (
            merged is None or citation in merged.items or citation is merged.base):
        predicate, start, end, words = "consolidates", ref.start, ref.end, ref.text
        if merged is not None and citation in merged.items:
            _offer_between(offer, text, merged.base, citation, merged.cue)
    elif consolidated_until is not None and ref.start < consolidated_until:
        # named in the description of a merged instrument: what the cue says is that instrument's
        predicate, start, end, words = "cites", ref.start, ref.end, ref.text
    elif doc_cue is not None and doc_cue.predicate != NAMED and not (
            doc_cue.predicate == "guides" and _body_guides(context.source, doc_cue.start, context.document.instrument.issuer)):
        predicate, words = doc_cue.predicate, text[doc_cue.start:doc_cue.end]
        start, end = min(doc_cue.start, ref.start), max(doc_cue.end, ref.end)
    else:
        predicate, start, end, words = "cites", ref.start, ref.end, ref.text
    if predicate in ONLY_DOWNWARDS and _outranks(context.document.instrument, citation.instrument):
        # a circular does not amend a decree: the cue speaks of something else
        predicate, start, end, words = "cites", ref.start, ref.end, ref.text
    elif predicate != "cites" and _issued_before(context.document.instrument, citation.instrument):
        # a law of 2006 does not implement a resolution of 2026: an article as a dataset gives it, consolidated
        # since under its law's first date, or a date misread; what the text does is cite it
        predicate, start, end, words = "cites", ref.start, ref.end, ref.text
    elif predicate == "based_on" and ref.start in context.in_titles:
        # (the basis is the amending law whose title names it: "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ
        # chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019" cites the laws it amends)
        predicate, start, end, words = "cites", ref.start, ref.end, ref.text
    return predicate, start, end, words


def _body_guides(source: SourceText, cue_start: int, own_issuer: str | None) -> bool:
    """Whether a body the text names, not the document's own issuer, is the subject of a guiding verb: "Bộ Y tế
    hướng dẫn thực hiện ...", "Cơ quan có thẩm quyền hướng dẫn thi hành ...": that body is to guide the instrument;
    the document cites it. ("Chính phủ quy định chi tiết ... như sau:" in a decree, "Bộ Tài chính hướng dẫn thi hành
    ..." in its circular: the issuer's own words, the document's guiding.)"""
    text, cue_start = source.normalized, source.to_normalized(cue_start)  # (a page's furniture blanked)
    body = _BODY_BEFORE().search(text, max(0, cue_start - 160), cue_start)
    if body is None:
        return False
    if _ISSUED_BY.search(text, max(0, body.start() - 40), body.start()):
        return True  # an instrument's issuer in its description: "Nghị định của Chính phủ quy định chi tiết ..."
    return not (own_issuer and fold(own_issuer) in fold(body.group()))


# ("trưởng" alone: the "của Bộ" of "của Bộ trưởng" a page's furniture or a table's header away, its "Bộ" not read with it)
_ISSUED_BY = re.compile(r"(?:(?:của|do)\s+(?:(?:Bộ\s+trưởng|Thủ\s+trưởng|Chủ\s+tịch|Thống\s+đốc)\s+)?"
                        r"|(?<!Bộ\s)(?<!Thủ\s)\btrưởng\s+)\Z")


@lru_cache(maxsize=1)
def _BODY_BEFORE() -> re.Pattern:
    """A body (an issuer the vocabulary knows, or a competent body named generically) right before a verb."""
    generic = r"(?:[Cc]ơ\s+quan|[Cc]ấp)(?:\s+nhà\s+nước)?\s+(?:có\s+thẩm\s+quyền|chức\s+năng|chuyên\s+môn)"
    return re.compile(rf"(?:{vocabulary().issuer.pattern}|{generic})[ \t]*(?:\n[ \t]*)?\Z")


def _named_in_titles(offer, text: str, ordered: list[Citation], found: list[Cue], cue_starts: list[int],
                     quoted: list) -> None:
    """An instrument whose title says what it does to the instruments the title names.

    "Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập cá nhân, Luật Thuế giá trị gia tăng ... số
    09/2026/QH16": the amending law's reference holds those of the laws it amends, and its own words
    (the cue before the first of them) state the relation, to each. Where the title is the enacting words of a
    law a footnote quotes ("Luật số 35/2018/QH14 ... có căn cứ ban hành như sau: “... Quốc hội ban hành Luật sửa đổi,
    bổ sung một số điều có liên quan đến quy hoạch của Luật Giao thông đường bộ số 23/2008/QH12, ... Luật Tài nguyên nước
    số 17/2012/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 08/2017/QH14, Luật Đất đai ...”"), that law
    speaks, and the title's list goes on past the histories that end its reference (``_enacted_list``).
    """
    for index, outer in enumerate(ordered):
        start, end = outer.reference.start, outer.reference.end
        inner = []
        for k in range(index + 1, len(ordered)):  # (a slice copied the rest for every citation)
            other = ordered[k]
            if other.reference.start >= end:
                break
            if other.reference.end <= end and other.instrument.iri != outer.instrument.iri:
                inner.append(other)
        if not inner:
            continue
        cues = [c for c in _between(found, cue_starts, start, inner[0].reference.start) if c.between and not c.passive]
        if not cues:
            continue
        cue, speaker = cues[0], outer.instrument
        if _ENACTS.search(text, max(0, start - 20), start) and (owner := quoted_owner(quoted, text, start)) is not None:
            speaker = owner.instrument
            after = next((k for k in range(index + 1, len(ordered)) if ordered[k].reference.start >= end), len(ordered))
            inner += _enacted_list(text, ordered, after, end, found, cue_starts)
        for named in inner:
            predicate = _checked(cue.predicate, speaker, named.instrument)
            if predicate is not None and named.instrument.iri != speaker.iri:
                offer(speaker.iri, predicate, named.instrument.iri, start, end, text[cue.start:cue.end])


def _named_in_a_title(ordered: list[Citation]) -> frozenset[int]:
    """Where the citations named inside another's reference start, as an amending law's title names the laws it
    amends ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa
    phương ngày 22 tháng 11 năm 2019"): a basis of the amending law's, the document's only where it names them again."""
    inside, outer_end, outer = set(), -1, None
    for citation in ordered:
        reference = citation.reference
        if outer is not None and reference.end <= outer_end and citation.instrument.iri != outer:
            inside.add(reference.start)
        elif reference.end > outer_end:
            outer_end, outer = reference.end, citation.instrument.iri
    return frozenset(inside)


def _enacted_list(text: str, ordered: list[Citation], k: int, end: int, found: list[Cue], cue_starts: list[int]
                  ) -> list[Citation]:
    """The instruments a quoted amending law's title goes on naming after its reference ended (at ``end``, the
    first history): each history's amending laws ("đã được sửa đổi, bổ sung một số điều theo Luật số 48/2014/QH13 và
    Luật số 97/2015/QH13") passed over, to the next law of the list, named by its title or after a history closed by
    "và"; a list the page cuts goes on below the next page's body, after the footnotes' rule."""
    named, history, closed = [], False, False
    while k < len(ordered) and ordered[k].reference.start - end <= _ENACTED_PAGE_REACH:
        citation = ordered[k]
        gap = text[end:citation.reference.start]
        rule = _FOOTNOTE_RULE.search(gap)
        # (below the rule, the rest of a reference the page cut may come first: "... hàng hóa / ... / số 05/2007/QH12,")
        listed = _LIST_GAP.fullmatch(gap, _CUT_NUMBER.match(gap, rule.end()).end() if rule else 0)
        if rule is not None and listed is None:
            break
        if _only_amended_by(text, _between(found, cue_starts, end, citation.reference.start), end, citation.reference.start):
            history, closed = True, False
        elif listed is None:
            break
        elif history and not _named_by_title(citation) and not (closed and not listed.group("joined")):
            closed = closed or listed.group("joined") is not None
        else:
            history = False
            named.append(citation)
        end, k = citation.reference.end, k + 1
        if text[end:end + 2].lstrip()[:1] in (".", "”"):
            break  # (the title ends its sentence)
    return named


def _only_amended_by(text: str, cues: list[Cue], start: int, end: int) -> bool:
    """Whether the words between two citations (``cues``, the cues found there) are only an amendment history's
    passive verb: "Luật Tài nguyên nước số 17/2012/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số
    08/2017/QH14"."""
    # ("đã" may stand outside the cue found: "đã được sửa đổi, bổ sung theo" is read as "được sửa đổi, bổ sung theo")
    return (len(cues) == 1 and cues[0].predicate == "amends" and cues[0].passive
            and text[start:cues[0].start].split() in ([], ["đã"]) and not text[cues[0].end:end].strip())


# The rule above a page's footnotes (a line of spaces, as the text gives it), past which a cut footnote goes on
_FOOTNOTE_RULE = re.compile(r"\n[ \t]{20,}\r?\n(?!.*\n[ \t]{20,}\r?\n)", re.DOTALL)
_CUT_NUMBER = re.compile(r"\s*(?:(?:[^\W\d][^\n,;.]{0,60}?\s)?số\s+\d[\w/.\-]*)?")  # ("... kinh doanh tại / doanh nghiệp số 69/2014/QH13")
_ENACTED_PAGE_REACH = 3000  # a page's body between a cut list's parts


# What may stand between a cue whose object follows it and that object: white space, an opening mark, and
# words that say how (""triển khai thực hiện có hiệu quả Nghị quyết ...")
_OBJECT_NEXT = re.compile(r"[\s“\"(:]*(?:(?:có\s+)?hiệu\s+quả|nghiêm(?:\s+túc)?|tốt|đầy\s+đủ|kịp\s+thời|và|,|\s)*[\s“\"(]*",
                          re.IGNORECASE)
# Parts of the instrument named by their number ("hướng dẫn một số điều của Nghị định số 03/2014/NĐ-CP"): the
# object is the instrument still
_SOME_PARTS = re.compile(r"\s*(?:một\s+số|các)\s+(?:điều|điều,\s+khoản|điều\s+và\s+biện\s+pháp\s+thi\s+hành)"
                         r"\s+(?:của\s+)?", re.IGNORECASE)
# What may stand between an instrument's reference and a cue that speaks of it: a parenthesis naming it
_SUBJECT_BEFORE = re.compile(r"\s*(?:\([^()]{0,200}\)\s*)?,?\s*")


def _bearing(text: str, cue: Cue, position: int) -> Cue | None:
    """The cue, if it says how the document relates to the instrument at ``position``.

    One that speaks of what stands just before it speaks for the document only where it opens its line
    ("(Ban hành kèm theo Thông tư số ...)" heading the document's own annex); "Các tài liệu, giấy tờ khác
    kèm theo tại khoản 3 Điều 6 Nghị định số ..." and "Mẫu số 05 Phụ lục I ban hành kèm theo Nghị định số
    ..." speak of papers and forms, and the document only cites the decree.
    """
    if not cue.for_document or cue.subject_before and not _opens_line(text, cue.start):
        return None
    return cue


# What may stand before a cue that opens its line: an opening mark, a list mark
_LINE_OPENING = re.compile(r"[ \t(\[*_“\"\-–+•]*")


def _opens_line(text: str, position: int) -> bool:
    """Whether ``position`` opens a line of its own: after a parenthesis opening the line, or a line that
    ends a heading or an item (a line that a printed page only wraps goes on with the same sentence)."""
    line = text.rfind("\n", 0, position) + 1
    if not _LINE_OPENING.fullmatch(text, line, position):
        return False
    if "(" in text[line:position] or line == 0:
        return True
    before = text[max(0, line - 300):line - 1].rstrip(" \t")
    return not before or before.endswith(("\n", ".", ":", ";", ")"))


def _links(text: str, prior: Citation, cue: Cue, position: int) -> bool:
    """Whether ``cue``, between two citations, says how the first relates to the one at ``position``.

    "Quy chuẩn ... (sau đây viết tắt là QCVN 32:2018) ban hành kèm theo Thông tư số ...": yes; "... quy
    định tại Nghị định số 17/2023/NĐ-CP ... tại Mẫu số 13 Phụ lục III ban hành kèm theo Nghị định số ...":
    the form is issued with the decree, not the instrument named before it.
    """
    if cue.object_next and not (_OBJECT_NEXT.fullmatch(text, cue.end, position)
                                or _SOME_PARTS.fullmatch(text, cue.end, position)
                                or names_parts_only(text, _OBJECT_NEXT.match(text, cue.end).end(), position)):
        return False  # "Luật ... thực hiện chế độ hưu trí ... theo quy định tại Nghị định số ...": the decree is cited
    return not cue.subject_before or bool(_SUBJECT_BEFORE.fullmatch(text, prior.reference.end, cue.start))


def _through(cue: Cue | None) -> Cue | None:
    """The document's cue for an instrument named in another's description: only a clause-wide one.

    "Căn cứ Nghị định A quy định chi tiết Luật B": the document rests on both; but in "sửa đổi
    Nghị định A quy định chi tiết Luật B" it amends A and only mentions B.
    """
    return cue if cue is not None and not cue.between else None


class _Clauses:
    """Where clauses begin, found only around the citations that ask.

    A gazette has a hundred thousand stops; scanning just before (and after) each citation finds
    the same clause starts as scanning them all. Stops inside a citation, or a colon right after
    a cue ("được sửa đổi, bổ sung bởi:" goes on past it), begin no clause.
    """

    _WINDOW = 400

    def __init__(self, source: SourceText, found: list[Cue], spans: list[tuple[int, int]], trailing_starts: list[int]):
        self.source = source
        self.text = source.normalized
        self.spans = spans
        self.span_starts = [s for s, _ in spans]
        # (a cue written after what it speaks of, "các văn bản sau đây hết hiệu lực:", ends its clause at the colon)
        self.cue_ends = [c.end for c in found if not c.after]
        self.found, self.found_starts = found, [c.start for c in found]
        self.trailing_starts = trailing_starts  # (cues after what they speak of: "... kiểm toán độc lập hết hiệu lực")
        self._last: tuple[int, int] | None = None  # (normalized position asked, its clause start)
        # stops read by one scan that goes on from citation to citation (see _stops_until)
        self._scan: Iterator[re.Match] | None = None
        self._scan_from = self._scan_reached = 0
        self._stops: list[re.Match] = []
        self._stop_starts: list[int] = []

    def _normalized(self, position: int) -> int:
        return self.source.to_normalized(position)

    def _starts_clause(self, match: re.Match) -> bool:
        position = self.source.to_original(match.start())
        k = bisect.bisect_right(self.span_starts, position) - 1
        if k >= 0 and self.spans[k][0] <= position < self.spans[k][1]:
            return False
        if match.group().startswith(":"):
            j = bisect.bisect_right(self.cue_ends, position) - 1
            if j >= 0 and position - self.cue_ends[j] <= 15:
                return False
        if match.group() == "\n" and _PART_WORD_BEFORE.search(self.text, max(0, match.start() - 30), match.start()):
            return False  # a part's number on its own line: "sửa đổi Điều \n5 \nNghị định số ..." is no row
        if match.group().startswith("\n") and (word := _GOES_ON.match(self.text, match.end())) and word.group(1).islower():
            return False  # a page break inside a sentence: "... về hội nhập quốc \n\n[page furniture]\n\ntế ..."
        if match.group().startswith("\n") and _LINKS_ON.search(
                self.text[max(0, match.start() - 400):match.start()].rstrip()[-20:]):
            return False  # ... after a word that needs what follows: "... quy định tại \n\n[page furniture]\n\nQuyết định số ..."
        if match.group() == ";" and (word := _GOES_ON.match(self.text, match.end())) and word.group(1).islower():
            if _in_basis(self.text, match.start()):
                return False  # a title's fields in a basis: "Căn cứ Nghị định ... quản lý tài sản công; thực hành ..."
            if scope_opening(self.text, match.start()) is not None and self._lists_subjects(match):
                return False  # the subjects the document's scope lists: "Thông tư này hướng dẫn ... y tế; chế độ ..."
        if match.group() == ";" and self._lists_fields(match):
            return False  # and in a description: "Nghị định số ... trong lĩnh vực thuế, hóa đơn; hải quan; ..."
        if match.group() == ";" and self._parts_run_on(match, position):
            return False  # a list of parts: "Bãi bỏ khoản 1 Điều 15; các khoản 1, 2 Điều 18 của Thông tư số 59/2015/..."
        return True

    def _lists_fields(self, match: re.Match) -> bool:
        """Whether the ";" of ``match`` parts the fields an instrument's description names, as a basis's title does
        (``_in_basis``): "Nghị định số 128/2020/NĐ-CP ... và Điều 2 Nghị định số 102/2021/NĐ-CP ... sửa đổi, bổ sung
        một số điều của các Nghị định về xử phạt vi phạm hành chính trong lĩnh vực thuế, hóa đơn; hải quan; kinh
        doanh bảo hiểm, kinh doanh xổ số; ... hết hiệu lực thi hành": both expire. A field may be a body's name
        ("...; dự trữ quốc gia; Kho bạc Nhà nước; kế toán"). The list ends at a ";" that ends its line before a capital
        or an item's mark ("...;\nCăn cứ ...", "...;\nb) Đề xuất ..."), and a field is a few words naming no
        instrument and not the document ("...; các quy định trước đây trái với Nghị định này hết hiệu lực" is a clause
        of its own)."""
        text = self.text
        opener = _last_match(relation_cues().fields, text, max(0, match.start() - _FIELDS_REACH), match.start())
        field = opener.start() if opener is not None else -1
        if field < 0 or any(mark in text[field:match.start()] for mark in ".:"):
            return False
        for line_end in _SEMICOLON_ENDS_LINE.finditer(text, field, match.end() + _LINE_REACH):
            if line_end.start() > match.start():
                break
            if line_end.group(1).isupper() or ITEM_MARK.match(text, line_end.start(1)).end() > line_end.start(1):
                return False
        described = self.source.to_original(field)
        k = bisect.bisect_right(self.span_starts, described) - 1
        if k < 0 or not 0 <= described - self.spans[k][1] <= _DESCRIPTION_REACH:
            return False  # (the fields of no instrument named just before)
        stop = _CLAUSE_STOP.search(text, match.end())
        end = self.source.to_original(stop.start()) if stop else len(self.source.original)
        after = self.source.to_original(match.end())
        cue = bisect.bisect_left(self.trailing_starts, after)
        if cue < len(self.trailing_starts):
            end = min(end, self.trailing_starts[cue])
        following = bisect.bisect_left(self.span_starts, after)
        words = " ".join(self.source.original[after:end].split())
        return ((following == len(self.spans) or self.span_starts[following] >= end)
                and len(words) <= _FIELD_LENGTH and _ITSELF_NAMED().search(words) is None)

    def _lists_subjects(self, match: re.Match) -> bool:
        """Whether the words after the ";" of ``match``, to the clause's end, are one more subject of the scope before
        it: no verb of their own ("...; việc chi trả trợ cấp được thực hiện theo quy định của ... Thông tư ...",
        "...; bãi bỏ Thông tư ..."), no condition ("...; trường hợp ... thì áp dụng ..."), nothing left out ("...
        không thuộc phạm vi điều chỉnh"): only the pointer to the instrument ("theo quy định tại")."""
        stop = _CLAUSE_STOP.search(self.text, match.end())
        end = stop.start() if stop else len(self.text)
        rest, cues = self.text[match.end():end], relation_cues()
        if cues.own_predicate.search(rest) or cues.left_out.search(rest) or _CONDITION.search(rest):
            return False
        low, high = self.source.to_original(match.end()), self.source.to_original(end)
        found = self.found[bisect.bisect_left(self.found_starts, low):bisect.bisect_left(self.found_starts, high)]
        return all(cue.predicate in ("cites", NAMED) for cue in found)

    def _parts_run_on(self, match: re.Match, position: int) -> bool:
        """Whether the ";" of ``match`` (at ``position``, original offsets) joins parts of the instrument named after
        them, nothing but parts standing between it and that instrument (a table's cell "Sửa đổi, bổ sung Điều 88;
        ...; Điều 93", whose instrument heads its row, ends where the cell does)."""
        if not _PART_BEFORE.search(self.text, max(0, match.start() - 30), match.start()):
            return False
        k = bisect.bisect_right(self.span_starts, position)
        if k >= len(self.spans):
            return False
        end = self._normalized(self.spans[k][0])
        return end - match.end() <= _PARTS_REACH and _PARTS_ONLY.fullmatch(self.text, match.end(), end) is not None

    def start_before(self, position: int) -> int:
        """The start of the clause holding ``position`` (original offsets).

        Citations ask in order, so the answer for the one asked last bounds the search: only the
        stretch since then is scanned. Scanning back to the start each time made a long text with
        no stops ("Luật Luật ...", citations strung without punctuation) quadratic.
        """
        high = asked = self._normalized(position)
        floor, known = 0, 0
        if self._last is not None and self._last[0] <= asked:
            floor, known = max(0, self._last[0] - self._WINDOW), self._last[1]
        found = self._last_stop_in_window(position, asked, floor)
        while found is None and high > floor:
            low = max(floor, high - self._WINDOW)
            last = None
            # the last stop that begins a clause: sought from the end, since most stops do
            for match in reversed(list(_boundary().finditer(self.text, low, min(len(self.text), high + 2)))):
                end = self.source.to_original(match.end())
                if end <= position and self._starts_clause(match):
                    last = end
                    break
            if last is not None:
                found = last
                break
            high = low + 2 if low > floor else floor  # overlap, so a stop across the window's edge is seen
        answer = known if found is None else max(found, known)
        self._last = (asked, answer)
        return answer

    def _last_stop_in_window(self, position: int, asked: int, floor: int) -> int | None:
        """The clause start the first window back from ``asked`` finds, read from the shared scan;
        None where the scan cannot tell (the loop in start_before then reads the text itself).

        Neighbouring citations' windows overlap, and rescanning each cost more than all the rest
        of start_before. The shared scan finds the window's own stops from the window's first
        character no stop can hold onwards; stops cut by the window's end end past ``position``.
        """
        if asked <= floor:
            return None
        low = max(floor, asked - self._WINDOW)
        bound = min(len(self.text), asked + 2)
        settled = _STOP_FREE.search(self.text, low, bound)
        if settled is None:
            return None
        self._stops_until(low, bound)
        stops, starts, offsets = self._stops, self._stop_starts, self.source.offsets
        first = bisect.bisect_left(starts, settled.start())
        for k in range(bisect.bisect_left(starts, bound) - 1, first - 1, -1):
            match = stops[k]
            end = match.end() if offsets is None else offsets[match.end()]
            if end <= position and self._starts_clause(match):
                return end
        return None

    def _stops_until(self, low: int, bound: int) -> None:
        """Read stops on to the first one at or past ``bound``; a scan begun at or before ``low``
        goes on, unless a long stretch no citation needs lies between."""
        if self._scan is None or not self._scan_from <= low <= self._scan_reached + self._WINDOW:
            self._scan = _boundary().finditer(self.text, low)
            self._scan_from = self._scan_reached = low
            self._stops, self._stop_starts = [], []
        if self._scan_reached >= bound:
            return
        stops, starts = self._stops, self._stop_starts
        for match in self._scan:
            stops.append(match)
            starts.append(reached := match.start())
            if reached >= bound:
                self._scan_reached = reached
                return
        self._scan_reached = len(self.text)

    def end_after(self, position: int, reach: int) -> int | None:
        """The start of the next clause after ``position``, if within ``reach`` characters."""
        low = self._normalized(position)
        for match in _boundary().finditer(self.text, low, min(len(self.text), low + reach + 2)):
            end = self.source.to_original(match.end())
            if end > position and self._starts_clause(match):
                return end
        return None


def _between(found: list[Cue], starts: list[int], start: int, end: int) -> list[Cue]:
    low = bisect.bisect_left(starts, start)
    high = bisect.bisect_left(starts, end)
    return [c for c in found[low:high] if c.end <= end]


# How far after its instrument a cue that follows it may stand (characters): past the instrument's description
# ("Nghị định số 59/2021/NĐ-CP ngày ... quy định một số nội dung đặc thù về cơ chế quản lý tài chính, đánh giá hiệu
# quả hoạt động đối với Sở Giao dịch Chứng khoán Việt Nam, Tổng công ty Lưu ký và Bù trừ chứng khoán Việt Nam hết
# hiệu lực thi hành"), within its clause
_AFTER_REACH = 400
_DESCRIPTION_REACH = 200
_FIELDS_REACH = 300  # how far back a ";" between fields looks for the words that open them ("lĩnh vực")
_FIELD_LENGTH = 60  # characters of one field's words ("kinh doanh bảo hiểm, kinh doanh xổ số")
_LINE_REACH = 200  # (the spaces and blank lines a page's furniture leaves in the normalized text)


def _after_cue(text: str, trailing: list[Cue], starts: list[int], position: int, limit: int,
               clauses: _Clauses, described_to: int | None = None) -> Cue | None:
    """A cue that follows its instrument ("... hết hiệu lực"), in the same clause, before the next citation.

    ``trailing`` holds only the cues that follow; where none stands within reach, the clause's
    end need not be sought (most citations have none). ``described_to``: where the instrument's history
    named after it ends (``_history``), from which the reach counts.
    """
    reach = min(limit, max(position, described_to or position) + _AFTER_REACH)
    nearest = bisect.bisect_left(starts, position)
    if nearest == len(starts) or starts[nearest] >= reach:
        return None
    clause_end = clauses.end_after(position, max(_AFTER_REACH, reach - position))
    for cue in _between(trailing, starts, position, min(reach, clause_end or limit)):
        # past a description's length, not through a clause of time, whose subject is its own: "Thông tư số
        # 19/2025/TT-BKHCN ... trong vòng 01 năm kể từ ngày được cấp tài khoản hoặc khi chứng nhận kiểm toán kỹ thuật
        # đã nộp trước đó hết hiệu lực" (but "Nghị định số 39/2015/NĐ-CP ... quy định chính sách hỗ trợ cho phụ nữ ...
        # khi sinh con đúng chính sách dân số hết hiệu lực": its title)
        far = cue.start - position > _DESCRIPTION_REACH
        return None if far and _WHEN.search(text, position, cue.start) else cue
    return None


def _list_lead(source: SourceText, low: int, clause: int) -> Cue | None:
    """The cue of a list's lead-in ("... sau đây:") that no instrument follows before the list at ``clause``.

    The document speaks when the cue opens its line, as a verb ("Bãi bỏ toàn bộ 14 văn bản ... sau đây:", after
    its own name, "Thông tư này bãi bỏ ..."), or follows the list named as its subject ("Các Thông tư sau hết hiệu
    lực ...:"); after other words it names something else ("- Văn bản sửa đổi, bổ sung, thay thế, bãi bỏ một phần:").
    The lead-in may stand a page of furniture away, beyond where cues are sought near instruments: the
    text is read with the furniture blanked ("Thời gian ký: 07.03.2025 09:10:52" holds colons too).
    """
    text = source.normalized
    low, clause = source.to_normalized(low), source.to_normalized(clause)
    low = max(low, clause - _LIST_LEAD_REACH)
    colon = text.rfind(":", low, clause)
    if colon < 0:
        return None
    stop = _last_match(_SENTENCE_STOP, text, low, colon)
    sentence = stop.end() if stop is not None else low
    start = ITEM_MARK.match(text, _first_word(text, sentence, colon)).end()
    # (a heading's line may stand above the lead-in, no stop after it: "Điều 8. Hiệu lực thi hành\nThông tư này bãi bỏ")
    for line in (start, *(m.end() for m in _LINE_START.finditer(text, start, colon))):
        found = _lead_at(source, line, colon)
        if found is not None:
            return found
    return None


_LINE_START = re.compile(r"\n[ \t]*")


def _heading_above(text: str, position: int) -> tuple[int, int] | None:
    """Where the words of an article's heading right above the line of ``position`` start and end (normalized
    text), a lead-in with no colon for the numbered list under it ("Điều 1. Bãi bỏ toàn bộ 15 văn bản quy phạm
    pháp luật\n1. Chỉ thị số 03/2005/CT-BTS ..."); None if no heading stands there."""
    item = text.rfind("\n", 0, position)
    heading = _ARTICLE_HEADING.search(text, max(0, item - 300), item) if item > 0 else None
    return (heading.end(), item) if heading else None


# The line of an article's heading, up to its words ("Điều 1. " of "Điều 1. Bãi bỏ toàn bộ ..."), the last before
# the item's line
_ARTICLE_HEADING = re.compile(r"(?:^|\n)[ \t*]*Điều\s+\d+\w*\.[ \t]*(?=[^\n]*\Z)")


def _lead_at(source: SourceText, start: int, colon: int) -> Cue | None:
    """The cue of a lead-in read from ``start`` to its ``colon`` (normalized offsets), if it leads a list."""
    text = source.normalized
    itself = _ITSELF.match(text, start, colon)  # "Thông tư này bãi bỏ ... sau đây:": the document, saying it
    start = itself.end() if itself else start
    found = _lead_cue(source, start, colon, trailing=False)
    if found is None and (listed := _LISTED_SUBJECT.search(text, start, colon)) is not None:
        # "Các Thông tư sau hết hiệu lực ...:", "Kể từ ngày ..., các văn bản sau đây hết hiệu lực thi hành:": the
        # list the lead-in's subject, the cue after it
        found = _lead_cue(source, listed.end(), colon, trailing=True)
    return found


def _lead_cue(source: SourceText, start: int, colon: int, trailing: bool) -> Cue | None:
    """The cue at ``start`` of a list's lead-in that ends at ``colon`` (normalized offsets): one that speaks for the
    document, not passive, and written after what it speaks of if ``trailing``, else before."""
    text, cues = source.normalized, relation_cues()
    match = cues.pattern.match(text[start:colon].lower())
    if match is None or (match.end() < colon - start and text[start + match.end()].isalnum()):
        return None
    meaning = cues.meaning.get(match.group()) or cues.meaning.get(cue_key(match.group()))
    if meaning is None or meaning[1] or meaning[2] != trailing or not meaning[6]:
        return None
    return Cue(source.to_original(start), source.to_original(start + match.end()), *meaning)


def _lead_in(source: SourceText, low: int, clause: int) -> bool:
    """Whether the clause at ``clause`` is a list's first item: only space (the furniture blanked) stands between
    it and a colon after ``low``."""
    text = source.normalized
    low, clause = source.to_normalized(low), source.to_normalized(clause)
    colon = text.rfind(":", max(low, clause - _LIST_LEAD_REACH), clause)
    return colon >= 0 and not text[colon + 1:clause].strip()


# The document naming itself as its sentence's subject: "Thông tư này", "Nghị định này", "Thông tư liên tịch này"
_ITSELF = re.compile(r"[A-ZĐ]\w*(?:[ \t]+[a-zđ]\w*){0,3}[ \t]+này[ \t]+")
# The list as its lead-in's subject, before a cue that follows what it speaks of: "Các Thông tư sau ", "Các văn bản
# quy phạm pháp luật sau đây "
# ("Kể từ ngày Thông tư này có hiệu lực thi hành, các văn bản sau đây hết hiệu lực thi hành:")
_LISTED_SUBJECT = re.compile(r"(?<!\w)(?:Các|các|Những|những)\s[^:;.]{0,80}?\bsau(?:\s+đây)?\s+")
_LISTED_SUBJECT_BEFORE = re.compile(_LISTED_SUBJECT.pattern + r"\Z")
# How far a list's first item may stand from the cue of its lead-in: a page's furniture may lie between
_LIST_LEAD_REACH = 1500


def _list_item(text: str, clause: int, position: int) -> bool:
    """Whether a clause is one more item of the list before it: it starts with the citation, or with the
    parts of it the item names ("b) Điều 19, Điều 23 và Phụ lục ban hành kèm Thông tư số 69/2025/TT-NHNN")."""
    words = text[clause:position]
    if not words.strip(" \t\n-–+•*,;:và"):
        # (the clause may start after an item's number, "1." its stop)
        numbered = _NUMBERED_BEFORE.search(text, max(0, clause - 12), clause)
        return numbered is None or _goes_on(text, numbered.start(), numbered.group(1))
    marker = _ITEM_MARKER.match(text, clause, position)
    if marker is None:
        return False
    if marker.end() == position:
        return _goes_on(text, clause, _MARK.search(marker.group()).group(1))
    return names_parts_only(text, marker.end(), position)


def _goes_on(text: str, item: int, mark: str) -> bool:
    """Whether an item that opens with its instrument, its mark alone before it ("b) Thông tư số ..."), goes on a
    list: after a ";" or its lead-in's ":", or right after the item marked before it ("2. ... .\n3. Thông tư số
    ..."); not after another kind of mark or a heading ("a) ...; b) ... .\n2. Thông tư số ...", "... .\nĐiều 9
    ...\n1. Quyết định số ...": another clause, which no list's verb reaches)."""
    before = text[max(0, item - 600):item]
    if before.rstrip()[-1:] in (";", ":") or _ARTICLE_HEADING.search(before):
        return True  # (or right under an article's heading, which may lead it: "Điều 1. Bãi bỏ ...\n1. Chỉ thị ...")
    previous = list(_LINE_MARK.finditer(before))
    if not previous or _HEADING.search(before, previous[-1].end()):
        return False
    earlier = previous[-1].group(1)
    if mark.isdigit() and earlier.isdigit():
        return int(earlier) + 1 == int(mark)
    return not mark.isdigit() and not earlier.isdigit() and len(mark) == len(earlier) == 1 and ord(earlier) + 1 == ord(mark)


# An item's number right before a clause that the "." after it began ("\n1." of "1. Quyết định số ...")
_NUMBERED_BEFORE = re.compile(r"\n[ \t*]*(\d{1,2})\.\Z")
_MARK = re.compile(r"(\d{1,2}|[a-zđ])[.)]")
_LINE_MARK = re.compile(r"\n[ \t*]*(\d{1,2}|[a-zđ])[.)]")
_HEADING = re.compile(r"\n[ \t*]*(?:Điều|Chương|Mục)\s+\w+")


# An item's marker on its own line
# (the line break before it is the clause's own when a colon and its line end the clause before: "sau đây:\na) ...")
_ITEM_MARKER = re.compile(r"(?:[\s,;]*\n)?[ \t*]*(?:\d{1,2}|[a-zđ])[.)][ \t*]*")


# An instrument can amend, replace, repeal, guide, rest on or cite only what was issued before it: a relation
# between two cited instruments that the calendar contradicts is a misread (a passive voice missed, a cue from
# another clause, a subject read from the wrong words) and is dropped.
# Nor can it amend, replace, repeal or suspend a document of higher rank (a decree never amends a law):
# such a relation is kept as a plain citation (ONLY_DOWNWARDS: the relations that change their object).


@lru_cache(maxsize=1)
def _ranks() -> tuple[dict[str, int], dict[str, dict[str, int]], int, dict[str, int], frozenset[str]]:
    """Ranks in the hierarchy of legal documents (``document_types.json``): by kind, by kind and issuer,
    the rank of a local body's document, and the lowest rank that may amend a kind where it is not its own."""
    data = document_types()
    by_type = {t["name"]: t["rank"] for t in data["types"] if "rank" in t}
    # (the rank of a body not listed under the key None)
    by_issuer = {t["name"]: {**t["rank_by_issuer"], None: t.get("rank_otherwise")} for t in data["types"]
                 if "rank_by_issuer" in t}
    amendable = {t["name"]: t["amendable_by_rank"] for t in data["types"] if "amendable_by_rank" in t}
    unranked = frozenset(t["name"] for t in data["types"] if "rank" not in t and "rank_by_issuer" not in t)
    return by_type, by_issuer, data["local_rank"], amendable, unranked


def rank_of(instrument: Instrument) -> int | None:
    """Where an instrument stands in the hierarchy (1 the Constitution; larger is lower), None when outside it.

    >>> rank_of(Instrument(iri="x", doc_type="Nghị quyết", issuer="Ủy ban Thường vụ Quốc hội"))
    3
    >>> rank_of(Instrument(iri="x", doc_type="Quyết định", issuer="Ủy ban nhân dân tỉnh Kon Tum"))
    9
    >>> rank_of(Instrument(iri="x", doc_type="Quyết định", issuer="Bộ Chính trị")) is None
    True
    >>> rank_of(Instrument(iri="x", doc_type="Nghị quyết liên tịch", issuer="Bộ Lao động - Thương binh và Xã hội"))
    7
    """
    by_type, by_issuer, local, _, _ = _ranks()
    rank = by_type.get(instrument.doc_type)
    if rank is not None:
        return rank
    issuers = by_issuer.get(instrument.doc_type)
    if issuers is None or instrument.issuer is None:
        return None
    # (several bodies issue a joint instrument: the first named leads it)
    rank = issuers.get(instrument.issuer.split(JOINT_SEPARATOR)[0]) if instrument.issuer not in issuers \
        else issuers[instrument.issuer]
    if rank is None and locality_of(instrument.issuer) is not None:
        return local
    return rank if rank is not None else issuers[None]


def _outranks(subject: Instrument, target: Instrument) -> bool:
    """Whether ``target`` stands too high in the hierarchy for ``subject`` to change it.

    Both ranked: by their ranks. A known kind outside the hierarchy altogether (a plan, a letter, a report,
    a conclusion: no rank of its own or by issuer) changes no legal document ("Kế hoạch ... đề xuất sửa đổi,
    bổ sung, thay thế, bãi bỏ ... tương thích với Luật ..." repeals no law). A consolidated text is the
    instrument it merges, and is not checked.
    """
    _, _, _, amendable, unranked = _ranks()
    high = rank_of(target)
    if high is None:
        return False
    if subject.doc_type in unranked:
        # (a consolidated text speaks as the instrument it merges, whose rank it does not say)
        return subject.doc_type not in relation_cues().consolidating
    low = rank_of(subject)
    if low is None and subject.issuer and subject.doc_type in _ranks()[1]:
        # a kind that ranks by its issuer, from a body not listed (a minister's Quyết định): an act of
        # administration, not of legislation; it changes no ranked document ("Danh mục văn bản hết hiệu lực")
        return True
    return low is not None and max(high, amendable.get(target.doc_type, high)) < low


def _amended_head(ordered: list[Citation], index: int, clause: int, amending: Citation) -> Citation:
    """What a passive "được sửa đổi, bổ sung bởi" after ``ordered[index - 1]`` speaks of.

    Usually the instrument just before; but when that one stands too high for the amending one
    ("Nghị định số 34/2016/NĐ-CP ... quy định chi tiết ... Luật Ban hành văn bản quy phạm pháp luật
    đã được sửa đổi, bổ sung một số điều theo Nghị định số 154/2020/NĐ-CP"), the law is only named
    in the decree's description: the nearest earlier instrument of the clause that it can amend.
    """
    prior = ordered[index - 1]
    if not _outranks(amending.instrument, prior.instrument):
        return prior
    for earlier in reversed(ordered[:index - 1]):
        if earlier.reference.start < clause:
            break
        if not _outranks(amending.instrument, earlier.instrument):
            return earlier
    return prior


def _checked(predicate: str, subject: Instrument, target: Instrument) -> str | None:
    """The relation between two cited instruments as the calendar and the hierarchy allow it: dropped (None)
    when ``subject`` is older than ``target``, for an instrument can change, guide, rest on or even cite only
    what was issued before it (a passive voice missed reverses a pair; "Luật Chứng khoán số 54/2019/QH14 (kèm
    theo ... Nghị định số 155/2020/NĐ-CP" read the law as issued with the later decree; a footnote's quoted
    "Căn cứ" lines given to the wrong instrument); the citing document's own citation of each is kept. A plain
    citation when it stands too low to change it.

    >>> law = Instrument(iri="l", doc_type="Luật", issuer="Quốc hội", date="2019-11-26", year=2019)
    >>> decree = Instrument(iri="d", doc_type="Nghị định", issuer="Chính phủ", date="2020-12-31", year=2020)
    >>> _checked("guides", decree, law), _checked("guides", law, decree), _checked("issued_with", law, decree)
    ('guides', None, None)
    >>> _checked("amends", decree, law)
    'cites'
    """
    if predicate in ONLY_BACKWARDS and _issued_before(subject, target):
        return None
    if predicate in ONLY_DOWNWARDS and _outranks(subject, target):
        return "cites"
    return predicate


def _issued_before(subject: Instrument, target: Instrument) -> bool:
    """Whether ``subject`` was issued before ``target``: by their dates when both are known, else by their years."""
    if subject.date and target.date:
        return subject.date < target.date
    return subject.year is not None and target.year is not None and subject.year < target.year


def _offer_between(offer, text: str, prior: Citation, citation: Citation, cue: Cue) -> None:
    subject, target = (citation, prior) if cue.passive else (prior, citation)
    predicate = _checked(cue.predicate, subject.instrument, target.instrument)
    if predicate is None:
        return
    start = min(prior.reference.start, citation.reference.start)
    end = max(prior.reference.end, citation.reference.end)
    offer(subject.instrument.iri, predicate, target.instrument.iri, start, end, text[cue.start:cue.end])


def _offer_part_history(offer, text: str, cue: Cue, citation: Citation, changed: Citation | None, stated) -> None:
    """A passive with no instrument before it is no act of the document. "Sửa đổi, bổ sung điểm b khoản 2 Điều 18
    (đã được sửa đổi, bổ sung bởi Điều 21 Thông tư số 69/2025/TT-NHNN)": what it changed is a part of the instrument
    the document amends (``changed``, the last one so far), and the act is the named instrument's."""
    predicate, start, end, words = stated
    if changed is None or not _PART_HISTORY.search(text, max(0, cue.start - 200), cue.start):
        return
    checked = _checked(predicate, citation.instrument, changed.instrument)
    if checked is not None and checked != "cites":
        offer(citation.instrument.iri, checked, changed.instrument.iri, start, end, words)


# An amending item's part and, in parentheses, what changed it before: "Điều 7. Sửa đổi, bổ sung điểm b khoản 2
# Điều 18 (đã được sửa đổi, bổ sung bởi ..." (the passive cue follows the parenthesis)
_PART_HISTORY = re.compile(r"(?:^|\n)[ \t*]*(?:Điều\s+\d+\w*\.|\d+\.|[a-zđ]\))?[ \t*]*(?:Sửa\s+đổi|Bổ\s+sung|Bãi\s+bỏ|"
                           r"Thay\s+thế)[^()\n;:]*\(\s*\Z", re.IGNORECASE)


# A consolidated text's footnote on the part it marks: "Khoản này được bãi bỏ theo quy định tại ...", "Mẫu này
# được thay thế theo quy định tại ...", "Quy định ... tại Mục này hết hiệu lực ... theo quy định tại ..."; or on words
# of it, a footnote's opening: "2 Từ “quy hoạch,” được bãi bỏ theo quy định tại ..." (in the body, "Cụm từ “...” được
# thay thế bằng ... tại ... Luật ..." is the text's own change of another law's words)
_THIS_PART = re.compile(r"\bnày\s+(?:(?:đã\s+)?(?:được|bị)\s|hết\s+hiệu\s+lực\b)")
_THESE_WORDS = re.compile(r"(?m)^[ \t]*\d{1,3}[ \t]+(?:Từ|Cụm\s+từ|Nội\s+dung)\s+“[^”\n]{0,120}”\s+(?:đã\s+)?(?:được|bị)\s+\Z")


# "Quốc hội ban hành Luật An ninh mạng.": what follows the enacting words is the quoted instrument itself
_ENACTS = re.compile(r"\bban hành\s+\Z")


def _offer_merged_act(offer, context: _Context, index: int, stated: tuple[str, int, int, str], after: bool = False
                      ) -> None:
    """A consolidated text changes nothing itself: the articles it reprints ("Thông tư này thay thế ...", "Bãi bỏ
    ...") are acts of the instruments it merges. Its footnote "Khoản này được bãi bỏ theo quy định tại Điều 3 của
    Thông tư số 26/2026/TT-BCT" says what that instrument did to the merged base (only the instrument the footnote's
    words name first: the others its description names are not); an article no footnote marks, "2. Thông tư này bãi
    bỏ toàn bộ các văn bản ... sau đây: a) Thông tư số 180/2015/TT-BTC ...", is the base's own act (settled rule 4),
    and so is "Luật ... số 04/2007/QH12 ... hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành" (``after``: the
    verb follows the instrument)."""
    predicate, start, end, words = stated
    citation, text = context.ordered[index], context.text
    ref, target = citation.reference, citation.instrument.iri
    if (context.merged is not None and (_THIS_PART.search(text, max(0, start - 30), min(start + 12, ref.start))
                                        or _THESE_WORDS.search(text, max(0, start - 160), start))
            and (index == 0 or context.ordered[index - 1].reference.end <= start)):
        base = context.merged.base.instrument
        checked = _checked(predicate, citation.instrument, base)
        if checked is not None and checked != "cites":
            offer(target, checked, base.iri, start, end, words)
    elif (base := _speaking_base(context, start, end if after else None)) is not None:
        checked = _checked(predicate, base, citation.instrument)
        if checked is not None and checked != "cites" and base.iri != target:
            offer(base.iri, checked, target, start, end, words)
    elif (speaker := _quoting_instrument(context, index, start, end, after)) is not None:
        checked = _checked(predicate, speaker, citation.instrument)
        if checked is not None and checked != "cites" and speaker.iri != target:
            offer(speaker.iri, checked, target, start, end, words)


def _quoting_instrument(context: _Context, index: int, cue_start: int, cue_end: int, after: bool) -> Instrument | None:
    """The instrument whose article a consolidated text's footnote gives, where a cue in it is that instrument's act:
    timed by its words for itself after the citation ("Điều 63 của Luật Thanh tra số 84/2025/QH15, có hiệu lực kể từ
    ngày 01 tháng 7 năm 2025 quy định như sau: “Điều 63. Hiệu lực thi hành ... 2. Luật Thanh tra số 11/2022/QH15 hết
    hiệu lực kể từ ngày Luật này có hiệu lực thi hành ...”": 84/2025 repeals 11/2022), or opening an item of the article
    ("7 Thông tư số 40/2025/TT-BTC ... có điều khoản thi hành như sau: / Điều 11. Điều khoản thi hành / ... / 2. Bãi bỏ
    quy định ... tại ... Thông tư số 117/1999/TT-BTC", printed without quotation marks): the first instrument the
    sentence introducing the article names (the article's own, "Điều 2 của Luật số 32/2013/QH13 sửa đổi, bổ sung một số
    điều của Luật Thuế thu nhập doanh nghiệp, ... quy định như sau:"); else None."""
    text, ref = context.text, context.ordered[index].reference
    colon = _introduction(text, ref.start)
    if colon is None:
        return None
    if after:
        timed = _timed_by_itself(text, ref.start, cue_end)
        kind = timed and _type_of_form(timed.group(1))
    else:
        kind = None if _act_opening().search(text, max(0, cue_start - 40), cue_start) is None else ""
    if kind is None:
        return None
    opening = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, colon - 400), colon)), default=max(0, colon - 400))
    named = [c for c in context.ordered[:index] if opening <= c.reference.start and c.reference.end <= colon]
    speaker = named[0].instrument if named else None
    return speaker if speaker is not None and (kind == "" or kind in names_itself_as(speaker.doc_type)) else None


def _introduction(text: str, position: int) -> int | None:
    """Where the colon stands that introduces the quoted article holding ``position``: before its opening mark
    ("... quy định như sau: “Điều 63. ...", or a straight mark: "... như sau: \\"Điều 10. ..."), or, printed without
    marks, before its heading ("... có điều khoản thi hành như sau: \\nĐiều 11. ..."); None where ``position`` is in no
    such article."""
    floor = max(0, position - _QUOTED_ARTICLE_REACH)
    opened = _last_match(_QUOTED_ARTICLE, text, floor, position)
    if opened is not None:
        if not _closed(text, opened.group("mark"), opened.end(), position) and _quoted_run(text, opened.end(), position):
            return opened.start()
    heading = _last_match(_ARTICLE_LINE, text, floor, position)
    if heading is None:
        return None
    introduced = _INTRODUCES_QUOTATION.search(text, max(0, heading.start() - 40), heading.start())
    return introduced.start() if introduced else None


def _closed(text: str, mark: str, start: int, position: int) -> bool:
    """Whether a quotation opened by ``mark`` just before ``start`` is closed before ``position``: words quoted inside it
    open and close marks of their own ("“Điều 23. ... c) Bỏ cụm từ “lệ phí tuyển sinh” tại Điều 101 ... đ) Bãi bỏ ..."
    is still the quoted article at "đ)"); a straight mark cannot say which it closes, so the first one does."""
    if mark != "“":
        return text.find('"', start, position) >= 0
    depth = 0
    for quote in _CURLY_MARK.finditer(text, start, position):
        if quote.group() == "“":
            depth += 1
        elif depth == 0:
            return True
        else:
            depth -= 1
    return False


_CURLY_MARK = re.compile(r"[“”]")


def _last_match(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    """The last of ``pattern``'s matches in ``text[start:end]``, None where there is none."""
    found = None
    for found in pattern.finditer(text, start, end):
        pass
    return found


def _quoted_run(text: str, start: int, position: int) -> bool:
    """Whether the articles from a quotation's opening mark to ``position`` are the quoted run, numbered one after
    another ("“Điều 23. ... Điều 24. ... Điều 25. ..."): a footnote's quotation that a page cuts goes on below the
    next page's body, whose article is no next one ("“Điều 51. Hiệu lực thi hành ... Luật số 43/2024/QH15, / CÔNG
    BÁO ... / Điều 19. Hiệu lực thi hành" of the base)."""
    numbers = [int(m.group(1)) for m in _ARTICLE_NUMBER.finditer(text, start - 1, position)]
    return all(after == before + 1 for before, after in zip(numbers, numbers[1:]))


_ARTICLE_NUMBER = re.compile(r"(?:^|\n|[“\"])[ \t*]*Điều[ \t]+(\d+)[a-zđ]?\.")
# the articles a footnote quotes whole (three of a decree, pages long); the colon of "... quy định như sau:" before them
_QUOTED_ARTICLE_REACH = 20_000
_QUOTED_ARTICLE = re.compile(r":[ \t]*\n?[ \t]*(?P<mark>[“\"])(?=[ \t]*Điều\b)")
_ARTICLE_LINE = re.compile(r"\n[ \t*]*Điều[ \t]+\d+[a-zđ]?\.")
_INTRODUCES_QUOTATION = re.compile(r":[ \t]*\n?[ \t]*\Z")


def _speaking_base(context: _Context, cue_start: int, after_end: int | None = None) -> Instrument | None:
    """The base a consolidated text merges, where a cue in its body follows the base's words for itself or for the
    list it speaks of ("Thông tư này bãi bỏ ...", "các văn bản sau đây hết hiệu lực"), or a cue that follows its
    instrument (ending at ``after_end``) is timed by the base's words for itself ("... hết hiệu lực kể từ ngày Luật
    này có hiệu lực thi hành"), outside the parts a footnote gives to an amending instrument; else None."""
    merged = context.merged
    if merged is None or context.consolidated_until is None or cue_start < context.consolidated_until:
        return None
    base, text = merged.base.instrument, context.text
    named = _ITSELF_BEFORE().search(text, max(0, cue_start - 120), cue_start)
    # (not in a footnote's quotation of an amending instrument's own article: "“Điều 38. ... 2. Luật Cư trú số
    # 81/2006/QH11 ... hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành”": that law is the one speaking,
    # ``_quoting_instrument``)
    timed = (after_end is not None and not _in_quotation(text, cue_start)
             and _timed_by_itself(text, cue_start, after_end))
    # an item of the base's own article that opens with its act, as an amending article's does: "Điều 139. Sửa đổi,
    # bổ sung một số luật ... / 1. Sửa đổi, bổ sung một số điều của Luật An toàn, vệ sinh lao động số 84/2015/QH13",
    # "3. Bãi bỏ khoản 2 Điều 17 của Luật Người cao tuổi số 39/2009/QH12."
    opening = after_end is None and _act_opening().search(text, max(0, cue_start - 40), cue_start) is not None \
        and not _in_quotation(text, cue_start) and _introduction(text, cue_start) is None
    own_kinds = names_itself_as(base.doc_type)  # (a joint circular's "Thông tư này")
    if not ((named is not None and _type_of_form(named.group(1)) in own_kinds)
            or _LISTED_SUBJECT_BEFORE.search(text, max(0, cue_start - 120), cue_start)
            or (timed and _type_of_form(timed.group(1)) in own_kinds) or opening):
        return None
    if any(start <= cue_start < end for start, end, _ in context.amended):
        return None
    # a sentence naming another kind of instrument as itself is another's, quoted ("... hết hiệu lực thi hành kể từ
    # ngày Nghị định này có hiệu lực thi hành:" in a footnote of a consolidated circular quotes the decree that
    # amended it)
    colon = text.find(":", cue_start, cue_start + 300)
    sentence = text[max(0, cue_start - 120):colon if colon >= 0 else cue_start + 120]
    if any(_type_of_form(this.group(1)) not in own_kinds for this in _ITSELF_NAMED().finditer(sentence)):
        return None
    return base


def _timed_by_itself(text: str, start: int, cue_end: int) -> re.Match | None:
    """The words an instrument names itself with that time a cue after a citation (from ``start``, the cue ending at
    ``cue_end``): after it, "... hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành", or opening its sentence, "Kể từ
    ngày Nghị định này có hiệu lực thi hành, Nghị định số 48/2015/NĐ-CP ... hết hiệu lực thi hành"."""
    return _ITSELF_NAMED().search(text, cue_end, cue_end + 40) or _ITSELF_TIMING().search(text, max(0, start - 80), start)


def _in_quotation(text: str, position: int) -> bool:
    """Whether ``position`` stands inside a quotation (“...”), opened at most ``_QUOTATION_REACH`` before it."""
    floor = max(0, position - _QUOTATION_REACH)
    opened = text.rfind("“", floor, position)
    if opened >= 0 and text.find("”", opened, position) < 0:
        return True
    # (a quoted article may itself quote words, “A” thành “B”: then more quotes are opened than closed)
    return text.count("“", floor, position) > text.count("”", floor, position)


_QUOTATION_REACH = 20_000


@lru_cache(maxsize=1)
def _ITSELF_NAMED() -> re.Pattern:
    """A kind of instrument named as the text itself: "Thông tư này", "Nghị định này" (the vocabulary's forms,
    longest first)."""
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, vocabulary().forms)) + r")\s+này(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _ITSELF_TIMING() -> re.Pattern:
    """"Kể từ ngày Nghị định này có hiệu lực thi hành, " right before a citation: the text times what follows by itself."""
    return re.compile(r"(?:[Kk]ể\s+từ|[Tt]ừ)\s+ngày\s+" + _ITSELF_NAMED().pattern
                      + r"\s+có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s*,\s*\Z", re.IGNORECASE)


@lru_cache(maxsize=1)
def _ITSELF_BEFORE() -> re.Pattern:
    """``_ITSELF_NAMED`` right before a position: "Thông tư này " before its verb, or before its entry into force and
    the verb after it: "Nghị định này có hiệu lực thi hành từ ngày 25 tháng 11 năm 2019 và thay thế ...", "Thông tư
    này có hiệu lực thi hành từ ngày 15 tháng 3 năm 2019 thay thế ...", "... kể từ ngày ký và thay thế ...".
    """
    return re.compile(_ITSELF_NAMED().pattern + r"\s+(?:có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+kể)?\s+từ\s+ngày\s+"
                      r"(?:[\d/\s]*(?:tháng\s+\d{1,2}\s+năm\s+\d{4}\s*)?|ký(?:\s+ban\s+hành)?\s*),?\s*(?:và\s+)?)?\Z",
                      re.IGNORECASE)


def _type_of_form(form: str) -> str | None:
    """The kind of instrument a form names ("thông tư" -> "Thông tư")."""
    return vocabulary().type_by_form.get(fold(form))


def _offer_to_amender(offer, context: _Context, citation: Citation) -> None:
    """"Điều 5. ... cơ bản2" / "2 Điều này được sửa đổi, bổ sung tại ... Thông tư số 12/2024/TT-BLĐTBXH": what a
    consolidated text's amended part cites, its amending instrument cites (the words are its own); the
    consolidated text cites it too."""
    ref = citation.reference
    for start, end, amender in context.amended:
        if (start <= ref.start < end and amender.instrument.iri != citation.instrument.iri
                and not _same_title(amender, citation)
                and _checked("cites", amender.instrument, citation.instrument) is not None):
            offer(amender.instrument.iri, "cites", citation.instrument.iri, ref.start, ref.end, ref.text)


def _same_title(one: Citation, other: Citation) -> bool:
    """Whether two citations name one instrument by its title, one with its number and one without ("Bộ luật
    Lao động số 45/2019/QH14", "Bộ luật Lao động")."""
    a, b = one.instrument, other.instrument
    return bool(a.title and b.title) and a.doc_type == b.doc_type and fold(a.title) == fold(b.title)


def _task_of(section_id: str | None, sections: dict[str, Section]) -> Section | None:
    section = sections.get(section_id) if section_id else None
    while section is not None and section.kind != "task":
        section = sections.get(section.parent) if section.parent else None
    return section
