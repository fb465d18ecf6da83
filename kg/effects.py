"""A graph -> the provisions of an instrument: what changed each (its effects table) and which are cited most.

legislation.gov.uk keeps, for every act, a table of the effects other acts had on each of its
provisions. ``effects`` reads that table from the graph (named query ``effects``): each provision of
the instrument that a text of the corpus changed, the kind of change, by which instrument and which
of its sections, from when (the changing instrument's first day in force, where the graph has it), and
the words. ``most_cited_provisions`` reads the named query ``most-cited-articles``. Views call these
two functions; ``kg effects`` prints the first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .query import run_named

__all__ = ["Effect", "effects", "most_cited_provisions", "render_effects", "provision_label"]

_NUMBER = re.compile(r"\d+|\D+")
#: Where one part of a provision id ends and the next, smaller, begins ("Phụ lục I.Điều 18.2").
_PARTS = re.compile(r"\.(?=(?:Điều|Mục|Chương|Phụ lục) )")


@dataclass(frozen=True)
class Effect:
    """One row of an instrument's effects table."""

    instrument: str          # number of the instrument changed
    provision: str           # its provision, as kg names sections ("Điều 8.3")
    kind: str                # amended, supplemented, replaced, repealed, suspended
    by: str                  # number (or IRI) of the changing instrument
    by_section: str | None   # the section of the changing text that states it ("Điều 1.3")
    in_force: str | None     # the changing instrument's first day in force, where the graph has it
    issued: str | None
    quote: str
    source: str
    start: int
    end: int

    def label(self) -> str:
        return provision_label(self.provision)


def provision_label(provision_id: str) -> str:
    """"Điều 19.3.d" -> "điểm d khoản 3 Điều 19", as Vietnamese writes it: smallest part first.

    >>> provision_label("Điều 19.3.d")
    'điểm d khoản 3 Điều 19'
    >>> provision_label("Phụ lục II")
    'Phụ lục II'
    >>> provision_label("Phụ lục I.Điều 18.2")
    'khoản 2 Điều 18 Phụ lục I'
    >>> provision_label("Chương V.Mục 2")
    'Mục 2 Chương V'
    """
    words = []
    for part in _PARTS.split(provision_id):
        head, *rest = part.split(".") if part.startswith("Điều ") else (part,)
        words.append(" ".join([f"{name} {value}" for name, value in reversed(list(zip(("khoản", "điểm"), rest)))]
                              + [head]))
    return " ".join(reversed(words))


def _order(provision_id: str) -> tuple:
    """Articles in their order (Điều 2 before Điều 10, Điều 7a after Điều 7)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in _NUMBER.findall(provision_id))


def effects(store, number: str) -> list[Effect]:
    """The effects table of the instrument(s) numbered ``number``, provision by provision in the
    order of the instrument, then by the date of the change."""
    rows = []
    for row in run_named(store, "effects", {"number": number}).records():
        rows.append(Effect(number, row["provisionId"], row["kind"], row["changerNumber"] or row["changer"],
                           row["by"], row["inForce"], row["issued"], row["quote"], row["source"],
                           int(row["start"]), int(row["end"])))
    return sorted(rows, key=lambda e: (_order(e.provision), e.in_force or e.issued or "", e.source, e.start))


def most_cited_provisions(store, number: str) -> list[tuple[str, int, int]]:
    """The provisions of an instrument the most documents name: (provision id, documents, mentions)."""
    return [(row["provisionId"], int(row["documents"]), int(row["mentions"]))
            for row in run_named(store, "most-cited-articles", {"number": number}).records()]


def render_effects(rows: list[Effect]) -> str:
    """The table as text: one line per change, the words below it."""
    if not rows:
        return "no provision of it is changed by a text of the corpus"
    lines = []
    for effect in rows:
        when = f"from {effect.in_force}" if effect.in_force else (f"issued {effect.issued}" if effect.issued else "date unknown")
        by = f"{effect.by} {effect.by_section}" if effect.by_section else effect.by
        lines.append(f"{effect.label():<28} {effect.kind:<12} by {by}  ({when})")
        lines.append(f"{'':<28} “{' '.join(effect.quote.split())}” {effect.source}:{effect.start}")
    return "\n".join(lines)
