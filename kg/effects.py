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
from typing import TYPE_CHECKING

from .namespaces import KG, sparql_prefixes
from .query import run_named

if TYPE_CHECKING:
    from .store import Store

__all__ = ["Effect", "effects", "changed_instruments", "most_cited_provisions", "render_effects", "provision_label", "provision_order",
           "provisions_named", "named_parts", "shown_parts",
           "step_parts"]

#: How much of the words a line of the text table quotes (a phrase change may list thirty provisions).
QUOTED = 160
_NUMBER = re.compile(r"\d+|\D+")
#: Where one part of a provision id ends and the next, smaller, begins ("Phụ lục I.Điều 18.2").
#: An article's clause or point, to be read as the article ("Phụ lục I.Điều 18.2" -> "Phụ lục I.Điều 18").
_ARTICLE = re.compile(r"(Điều [^.]+)\..*$")
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
    instrument_iri: str = ""  # the instrument changed (two provinces' 454/QĐ-UBND are two)
    changer_iri: str = ""     # the changing instrument

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


def provision_order(provision_id: str) -> tuple:
    """Articles in their order (Điều 2 before Điều 10, Điều 7a after Điều 7)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in _NUMBER.findall(provision_id))


def effects(store: Store, number: str) -> list[Effect]:
    """The effects table of the instrument(s) numbered ``number``, provision by provision in the
    order of the instrument, then by the date of the change."""
    rows = []
    for row in run_named(store, "effects", {"number": number}).records():
        rows.append(Effect(number, row["provisionId"], row["kind"], row["changerNumber"] or row["changer"],
                           row["by"], row["inForce"], row["issued"], row["quote"], row["source"],
                           int(row["start"]), int(row["end"]), row["instrument"], row["changer"]))
    return sorted(rows, key=lambda e: (provision_order(e.provision), e.in_force or e.issued or "", e.source, e.start))


_CHANGED = sparql_prefixes("kg", "rdf") + """SELECT DISTINCT ?instrument WHERE {
  ?evidence rdf:predicate kg:changesProvision ; rdf:object ?provision . ?provision kg:provisionOf ?instrument .
}"""


def changed_instruments(store: Store) -> set[str]:
    """The instruments some of whose provisions a text of the corpus changes: those whose pages
    have an effects table (one query, rather than asking each of the thousands cited)."""
    return {iri.value for (iri,) in store.query(_CHANGED, max_rows=None).rows}


_STATEMENT = """
  ?evidence a kg:ProvisionStatement ; rdf:subject ?source ; rdf:object ?provision ; kg:asRelation ?relation .
  ?provision kg:provisionOf ?instrument ; kg:provisionId ?provisionId .
}"""
_NAMED = sparql_prefixes("kg", "eli", "rdf") + """SELECT DISTINCT ?top ?instrument ?relation ?provisionId WHERE {
  VALUES ?top { %s }
  ?source eli:is_part_of* ?top .""" + _STATEMENT
#: The statements of every source at once: what kg.reading_table climbs eli:is_part_of from.
STATEMENTS = sparql_prefixes("kg", "rdf") + "SELECT DISTINCT ?source ?instrument ?relation ?provisionId WHERE {" \
    + _STATEMENT


def provisions_named(store, nodes) -> dict[tuple[str, str], dict[str, list[str]]]:
    """(node, instrument) -> relation -> the provisions of the instrument that each of ``nodes`` (a
    document, a task) or a section under it names or changes with that relation ("Căn cứ khoản 3
    Điều 53 ..." is basedOn, "quy định tại Điều 5 ..." cites), in the order of the instrument."""
    named: dict[tuple[str, str], dict[str, set[str]]] = {}
    nodes = sorted(set(nodes))
    table = getattr(store, "table", None)  # the build's reading table holds these rows (kg.reading_table)
    if table is not None:
        found = table.provisions(nodes)
    else:
        found = []
        for chunk in range(0, len(nodes), 200):
            block = " ".join(f"<{iri}>" for iri in nodes[chunk:chunk + 200])
            found += [tuple(term.value for term in row) for row in store.query(_NAMED % block, max_rows=None).rows]
    for top, instrument, relation, provision_id in found:
        by_relation = named.setdefault((top, instrument), {})
        by_relation.setdefault(relation[len(KG):], set()).add(provision_id)
    return {key: {relation: sorted(found, key=provision_order) for relation, found in by_relation.items()}
            for key, by_relation in named.items()}


def step_parts(by_relation: dict[str, list[str]], relations: str) -> tuple[list[str], list[str]]:
    """The provisions of an instrument a step of a lineage names, from what its text names by
    relation: those named with one of the step's relations ("implements, cites"), as in
    "implements khoản 3 Điều 53 of ...", and those named otherwise (a decree that guides a law and,
    in its articles, cites some of the law's).

    >>> step_parts({"basedOn": ["Điều 53.3"], "cites": ["Điều 5", "Điều 53.3"]}, "basedOn")
    (['Điều 53.3'], ['Điều 5'])
    """
    steps = relations.split(", ")
    stated = {p for relation in steps for p in by_relation.get(relation, ())}
    other = {p for relation, found in by_relation.items() if relation not in steps for p in found} - stated
    return sorted(stated, key=provision_order), sorted(other, key=provision_order)


def shown_parts(provision_ids: list[str], most: int = 4) -> tuple[list[str], int, str]:
    """The provisions to name, how many more there are, and of what: past ``most``, the articles
    they belong to ("Điều 2.1.a" read as "Điều 2").

    >>> shown_parts(["Điều 1", "Điều 2.1", "Điều 2.1.a", "Điều 3", "Điều 4"], most=2)
    (['Điều 1', 'Điều 2'], 2, 'articles')
    """
    if len(provision_ids) <= most:
        return list(provision_ids), 0, ""
    articles = list(dict.fromkeys(_ARTICLE.sub(r"\1", p) for p in provision_ids))
    return articles[:most], max(0, len(articles) - most), "articles"


def named_parts(provision_ids: list[str], most: int = 4) -> str:
    """The provisions as a reader takes them in: "khoản 3 Điều 53, Điều 54", the rest counted.

    >>> named_parts(["Điều 53.3", "Điều 54"])
    'khoản 3 Điều 53, Điều 54'
    >>> named_parts(["Điều 1", "Điều 2.1", "Điều 2.1.a", "Điều 3", "Điều 4"], most=2)
    'Điều 1, Điều 2 and 2 more articles'
    """
    shown, more, what = shown_parts(provision_ids, most)
    return ", ".join(provision_label(p) for p in shown) + (f" and {more} more {what}" if more else "")


def most_cited_provisions(store: Store, number: str) -> list[tuple[str, int, int]]:
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
        words = " ".join(effect.quote.split())
        words = words if len(words) <= QUOTED else words[:QUOTED - 1].rstrip() + "…"
        lines.append(f"{'':<28} “{words}” {effect.source}:{effect.start}")
    return "\n".join(lines)
