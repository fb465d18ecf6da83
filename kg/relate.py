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
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from .iri import section_iri
from .models import Citation, Document, Relation, Section, SourceText
from .vocab import spaced

__all__ = ["find_relations"]

_BOUNDARY = re.compile(r";|\.(?=\s)|:[ \t]*\n|\n[ \t]*\n")
_LIST_GAP = re.compile(r"[\s,;:\-–]*(?:và|hoặc)?[\s,;:\-–]*")


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    predicate: str
    passive: bool
    after: bool
    between: bool


@dataclass(frozen=True)
class _Cues:
    pattern: re.Pattern          # the phrases, lowercase, tried only where a first word stands
    first_words: tuple[str, ...]
    meaning: dict[str, tuple[str, bool, bool, bool]]  # folded phrase -> (predicate, passive, after, between)
    rank: dict[str, int]
    consolidating: frozenset[str]
    consolidation_ends: re.Pattern
    reach: int


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = json.loads(files("kg").joinpath("data", "relation_cues.json").read_text(encoding="utf-8"))
    meaning = {}
    for cue in data["cues"]:
        for phrase in cue["phrases"]:
            meaning[_key(phrase)] = (cue["predicate"], cue.get("voice") == "passive",
                                     cue.get("position") == "after", cue.get("between", True))
    phrases = sorted(meaning, key=len, reverse=True)  # the longest phrase wins where several start
    pattern = re.compile(r"(?:" + "|".join(spaced(p) for p in phrases) + r")(?!\w)")
    first_words = tuple(sorted({p.split()[0] for p in phrases}))
    return _Cues(pattern, first_words, meaning, {p: k for k, p in enumerate(data["strength"])},
                 frozenset(data["consolidating_types"]), re.compile(data["consolidation_ends"]), data["cue_reach"])


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def find_relations(source: SourceText, document: Document, citations: list[Citation],
                   sections: tuple[Section, ...]) -> tuple[Relation, ...]:
    """Relations of the document (or its sections) to what it cites, and between cited instruments."""
    cues = _cues()
    own = document.instrument.iri
    text = source.original
    found = _find_cues(source, cues)
    cue_starts = [c.start for c in found]
    ordered = sorted((c for c in citations if c.instrument.iri != own), key=lambda c: c.reference.start)
    spans = [(c.reference.start, c.reference.end) for c in ordered]
    clauses = _clause_starts(source, found, spans)
    consolidated_until = _consolidation_end(source, document, cues)

    best: dict[tuple[str, str], tuple[int, Relation]] = {}

    def offer(subject: str, predicate: str, target: str, start: int, end: int, cue: str) -> None:
        rank = cues.rank[predicate]
        key = (subject, target)
        if subject == target:
            return
        if key not in best or rank < best[key][0]:
            best[key] = (rank, Relation(subject, predicate, target, start, end, cue))

    sections_by_id = {s.id: s for s in sections}
    previous_cue: _Cue | None = None  # the cue governing the last clause, for "Căn cứ A; B;"
    chain: tuple[Citation, _Cue] | None = None
    for index, citation in enumerate(ordered):
        ref = citation.reference
        clause = clauses[bisect.bisect_right(clauses, ref.start) - 1] if clauses else 0
        first_in_clause = index == 0 or ordered[index - 1].reference.end <= clause
        gap_start = clause if first_in_clause else ordered[index - 1].reference.end
        gap = _between(found, cue_starts, gap_start, ref.start)
        doc_cue: _Cue | None = None
        if first_in_clause:
            chain = None
            before = [c for c in gap if not c.after]
            if before and ref.start - before[-1].end <= cues.reach:
                doc_cue = before[-1]
            elif not before and _list_item(text, clause, ref.start) and previous_cue is not None:
                doc_cue = previous_cue
        else:
            prior = ordered[index - 1]
            linking = [c for c in gap if c.between and not c.after]
            if linking and ref.start - prior.reference.end <= cues.reach:
                cue = min(linking, key=lambda c: cues.rank[c.predicate])
                chain = (prior, cue)
                _offer_between(offer, text, prior, citation, cue)
                doc_cue = _through(previous_cue)
            elif chain is not None and _LIST_GAP.fullmatch(text, prior.reference.end, ref.start):
                _offer_between(offer, text, chain[0], citation, chain[1])
                doc_cue = _through(previous_cue)
            else:
                chain = None
                before = [c for c in gap if not c.after]
                doc_cue = before[-1] if before and ref.start - before[-1].end <= cues.reach else previous_cue
        after = _after_cue(found, cue_starts, ref.end, ordered[index + 1].reference.start
                           if index + 1 < len(ordered) else len(text), clauses)
        if after is not None and (doc_cue is None or cues.rank[after.predicate] < cues.rank[doc_cue.predicate]):
            doc_cue = after
        if first_in_clause or (doc_cue is not None and chain is None):
            previous_cue = doc_cue
        if consolidated_until is not None and ref.start < consolidated_until:
            predicate, start, end, words = "consolidates", ref.start, ref.end, ref.text
        elif doc_cue is not None:
            predicate, words = doc_cue.predicate, text[doc_cue.start:doc_cue.end]
            start, end = min(doc_cue.start, ref.start), max(doc_cue.end, ref.end)
        else:
            predicate, start, end, words = "cites", ref.start, ref.end, ref.text
        target = citation.instrument.iri
        offer(own, predicate, target, start, end, words)
        task = _task_of(citation.section, sections_by_id)
        if task is not None:
            offer(section_iri(own, task.id), predicate, target, start, end, words)
    return tuple(relation for _, relation in sorted(best.values(), key=lambda item: item[1].start))


def _through(cue: _Cue | None) -> _Cue | None:
    """The document's cue for an instrument named in another's description: only a clause-wide one.

    "Căn cứ Nghị định A quy định chi tiết Luật B": the document rests on both; but in "sửa đổi
    Nghị định A quy định chi tiết Luật B" it amends A and only mentions B.
    """
    return cue if cue is not None and not cue.between else None


def _find_cues(source: SourceText, cues: _Cues) -> list[_Cue]:
    """Every cue phrase, leftmost-longest, with original offsets.

    str.find on the few first words and a match only there is three times faster than one
    case-insensitive alternation scanning every position.
    """
    lower = source.normalized.lower()  # Vietnamese letters lowercase one to one
    if len(lower) != len(source.normalized):  # a rare letter ("İ") that does not: keep offsets right
        lower = source.normalized
    spans = []
    for word in cues.first_words:
        position = lower.find(word)
        while position >= 0:
            if position == 0 or not lower[position - 1].isalnum():
                match = cues.pattern.match(lower, position)
                if match:
                    spans.append((match.start(), -match.end()))
            position = lower.find(word, position + 1)
    found, reached = [], -1
    for start, negative_end in sorted(spans):
        if start < reached:
            continue
        reached = -negative_end
        predicate, passive, after, between = cues.meaning[_key(lower[start:reached])]
        found.append(_Cue(source.to_original(start), source.to_original(reached), predicate, passive, after, between))
    return found


def _clause_starts(source: SourceText, found: list[_Cue], spans: list[tuple[int, int]]) -> list[int]:
    """Where clauses begin (original offsets), ignoring stops inside a citation or right after a cue."""
    starts = [0]
    span_starts = [s for s, _ in spans]
    cue_ends = [c.end for c in found]
    for match in _BOUNDARY.finditer(source.normalized):
        position = source.to_original(match.start())
        k = bisect.bisect_right(span_starts, position) - 1
        if k >= 0 and spans[k][0] <= position < spans[k][1]:
            continue
        if match.group().startswith(":"):
            j = bisect.bisect_right(cue_ends, position) - 1
            if j >= 0 and position - cue_ends[j] <= 15:  # "được sửa đổi, bổ sung bởi:" goes on past the colon
                continue
        starts.append(source.to_original(match.end()))
    return starts


def _between(found: list[_Cue], starts: list[int], start: int, end: int) -> list[_Cue]:
    low = bisect.bisect_left(starts, start)
    high = bisect.bisect_left(starts, end)
    return [c for c in found[low:high] if c.end <= end]


def _after_cue(found, starts, position: int, limit: int, clauses: list[int]) -> _Cue | None:
    """A cue that follows its instrument ("... hết hiệu lực"), in the same clause, before the next citation."""
    k = bisect.bisect_right(clauses, position)
    clause_end = clauses[k] if k < len(clauses) else limit
    for cue in _between(found, starts, position, min(limit, clause_end, position + 200)):
        if cue.after:
            return cue
    return None


def _list_item(text: str, clause: int, position: int) -> bool:
    """Whether a clause is one more item of the list before it: it starts with the citation."""
    return not text[clause:position].strip(" \t\n-–+•*,;:và")


def _offer_between(offer, text: str, prior: Citation, citation: Citation, cue: _Cue) -> None:
    subject, target = (citation, prior) if cue.passive else (prior, citation)
    start = min(prior.reference.start, citation.reference.start)
    end = max(prior.reference.end, citation.reference.end)
    offer(subject.instrument.iri, cue.predicate, target.instrument.iri, start, end, text[cue.start:cue.end])


def _consolidation_end(source: SourceText, document: Document, cues: _Cues) -> int | None:
    """Where the list of merged instruments of a consolidated text ends, or None for other documents."""
    if document.instrument.doc_type not in cues.consolidating:
        return None
    match = cues.consolidation_ends.search(source.normalized)
    return source.to_original(match.start()) if match else None


def _task_of(section_id: str | None, sections: dict[str, Section]) -> Section | None:
    section = sections.get(section_id) if section_id else None
    while section is not None and section.kind != "task":
        section = sections.get(section.parent) if section.parent else None
    return section
