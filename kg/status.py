"""Standing: whether an instrument still stands on a day, derived from what the corpus's texts say.

Only what a text states counts: a date of force ("Thông tư này có hiệu lực thi hành kể từ ngày
...", kg.force) or a change (an instrument that amends, replaces, repeals or suspends it, kg.relate).
A text that merely cites an instrument is no evidence that it stands, so where the corpus is silent
the answer is ``unknown``. A change counts only when the changing instrument was issued after the one
it changes (the same calendar check as extraction's), and takes effect on the changing instrument's
own first day in force when a text states it, else on its date of issue.

``standing`` answers for one instrument on one day; ``alerts`` walks each task of a plan up its
lineage and reports what it rests on that was changed, before or after the plan; ``timeline`` lists
the dated events of an instrument and of what it rests on.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .effects import provision_label, provision_order
from .errors import QueryError
from .namespaces import ELI, KG, sparql_prefixes
from .query import run_named
from .relations import EFFECTS

if TYPE_CHECKING:
    from .store import Store

__all__ = ["Evidence", "Change", "Standing", "Step", "Alert", "Event", "standing", "instruments_numbered", "alerts",
           "timeline", "STATES"]

#: Every state ``standing`` can answer, strongest first.
STATES = ("not yet in force", "repealed", "replaced", "expired", "suspended", "partly repealed", "amended",
          "in force", "unknown")
#: ELI's in-force concept for each state (eli:in_force); ``unknown`` has none.
ELI_IN_FORCE = {"not yet in force": "InForce-notInForce", "repealed": "InForce-notInForce",
                "replaced": "InForce-notInForce", "expired": "InForce-notInForce",
                "suspended": "InForce-notInForce", "partly repealed": "InForce-partiallyInForce",
                "amended": "InForce-inForce", "in force": "InForce-inForce"}

@dataclass(frozen=True)
class Evidence:
    """Where a text says it: the source file, the characters, the words."""

    source: str
    start: int
    end: int
    quote: str

    def __str__(self) -> str:
        return f'{self.source} [{self.start}:{self.end}] «{" ".join(self.quote.split())}»'


@dataclass(frozen=True)
class Change:
    """One instrument changing another: ``effect`` is "amended", "replaced", "repealed" or "suspended"."""

    effect: str
    by: str
    by_label: str
    date: str | None                 # the day it takes effect, as far as the texts say
    date_basis: str                  # "in force" (its own first day in force), "issued", "year" or "unknown"
    partial: bool = False            # a repeal of named parts only
    until: str | None = None         # a suspension's last day, where the suspending text ends its own force
    evidence: tuple[Evidence, ...] = ()
    parts: tuple[str, ...] = ()      # the provisions a partial repeal names ("Điều 8"), from kg:changesProvision


@dataclass(frozen=True)
class Standing:
    """An instrument's state on a day, with everything it was derived from."""

    iri: str
    label: str
    state: str
    as_of: str
    issued: str | None = None
    in_force_from: tuple[str, Evidence | None] | None = None
    in_force_until: tuple[str, Evidence | None] | None = None
    changes: tuple[Change, ...] = ()          # every change the corpus states, effective or not yet
    ignored: tuple[Change, ...] = ()          # changes the calendar contradicts, kept to say so

    @property
    def in_force(self) -> str | None:
        """ELI's in-force concept (an IRI) for the state, None when unknown."""
        name = ELI_IN_FORCE.get(self.state)
        return ELI + name if name else None

    def lines(self) -> list[str]:
        """The answer as a person reads it, each line with its evidence."""
        out = [f"{self.label}: {self.state} (as of {self.as_of}, as far as the corpus says)"]
        if self.issued:
            out.append(f"  issued {self.issued}")
        for name, value in (("in force from", self.in_force_from), ("in force until", self.in_force_until)):
            if value:
                out.append(f"  {name} {value[0]}" + (f"    {value[1]}" if value[1] else ""))
        for change in self.changes:
            when = change.date or "date unknown"
            basis = {"in force": "its first day in force", "issued": "its date of issue",
                     "year": "its year", "unknown": "no date stated"}[change.date_basis]
            scope = "partly " if change.partial else ""
            named = f" ({', '.join(provision_label(p) for p in change.parts)})" if change.parts else ""
            later = "" if _effective(change, self.as_of) else " (not yet in effect)"
            until = f" until {change.until}" if change.until else ""
            out.append(f"  {scope}{change.effect}{named} by {change.by_label} from {when}{until} ({basis}){later}")
            out += [f"      {evidence}" for evidence in change.evidence]
        for change in self.ignored:
            out.append(f"  ignored: {change.effect} by {change.by_label}, which was issued before it")
        if self.state == "unknown":
            out.append("  the corpus states no date of force and no change for it")
        return out


def _value(term) -> str | None:
    return None if term is None else term.value


def _date_key(date: str | None, year: str | None) -> tuple[int, str]:
    """Order by what is known: a full date, else the year."""
    if date:
        return int(date[:4]), date
    if year:
        return int(year), f"{year}-99"
    return 0, ""


def _change(row: dict) -> Change:
    effect = EFFECTS[row["relation"][len(KG):]]
    if row["inForce"]:
        date, basis = row["inForce"], "in force"
    elif row["issued"]:
        date, basis = row["issued"], "issued"
    elif row["year"]:
        date, basis = row["year"], "year"
    else:
        date, basis = None, "unknown"
    return Change(effect, row["changer"], row["changerLabel"] or row["changer"], date, basis,
                  until=row["noLonger"] if effect == "suspended" else None)


# Who repealed named provisions of an instrument: each changer whose kg:changesProvision edges to a
# provision of it are of kind "repealed", with the provisions and the words.
_PARTS_REPEALED = sparql_prefixes("kg", "rdf") + """SELECT DISTINCT ?changer ?provisionId ?quote ?start ?end ?source WHERE {
  ?provision kg:provisionOf ?instrument ; kg:provisionId ?provisionId .
  ?evidence rdf:predicate kg:changesProvision ; rdf:object ?provision ; rdf:subject ?subject ; kg:changeKind "repealed" ;
            kg:quote ?quote ; kg:start ?start ; kg:end ?end ; kg:inSource ?file .
  ?file kg:path ?source .
  OPTIONAL { ?subject kg:inDocument ?document }
  BIND (COALESCE(?document, ?subject) AS ?changer)
  FILTER (?changer != ?instrument)
}"""


def _parts_repealed(store: Store, iri: str) -> dict[str, tuple[tuple[str, ...], tuple[Evidence, ...]]]:
    """The instruments that repealed named provisions of this one (kg:changesProvision of kind
    "repealed": "Bãi bỏ Điều 8 Nghị định số 140/2025/NĐ-CP"), each with those provisions, in the
    order of the instrument, and the words: their repeal leaves the rest standing."""
    parts: dict[str, tuple[set[str], set[Evidence]]] = {}
    for changer, provision_id, quote, start, end, source in store.query(_PARTS_REPEALED, {"instrument": _iri(iri)}).rows:
        named, words = parts.setdefault(changer.value, (set(), set()))
        named.add(provision_id.value)
        words.add(Evidence(source.value, int(start.value), int(end.value), quote.value))
    return {changer: (tuple(sorted(named, key=provision_order)), tuple(sorted(words, key=lambda e: (e.source, e.start))))
            for changer, (named, words) in parts.items()}


def _changes(store: Store, iri: str) -> list[tuple[Change, dict]]:
    """Each changing instrument once per effect, with every piece of evidence for it.

    A repeal is partial when the changer repealed named provisions of it (the graph's
    kg:changesProvision, kind "repealed"); a changer that the graph says amends the instrument and
    that repealed some of its provisions ("Sửa đổi một số điều ...: 5. Bãi bỏ khoản 3 Điều 9") has
    partly repealed it too, from the same day."""
    merged: dict[tuple[str, str], tuple[Change, dict, list[Evidence]]] = {}
    for row in run_named(store, "changes", {"instrument": iri}).records():
        change = _change(row)
        key = (change.by, change.effect)
        entry = merged.setdefault(key, (change, row, []))
        if row["quote"] is not None:
            evidence = Evidence(row["source"], int(row["start"]), int(row["end"]), row["quote"])
            if evidence not in entry[2]:
                entry[2].append(evidence)
    out = []
    in_part = _parts_repealed(store, iri) if merged else {}
    for change, row, evidence in merged.values():
        parts = in_part.get(change.by, ((), ()))[0] if change.effect == "repealed" else ()
        out.append((Change(change.effect, change.by, change.by_label, change.date, change.date_basis, bool(parts),
                           change.until, tuple(evidence), parts), row))
    for by, (parts, words) in in_part.items():
        if (by, "repealed") in merged:
            continue
        other = next(((change, row) for (changer, _), (change, row, _) in merged.items() if changer == by), None)
        if other is not None:
            change, row = other
            out.append((Change("repealed", by, change.by_label, change.date, change.date_basis, True, None, words,
                               parts), row))
    return out


def _effective(change: Change, as_of: str) -> bool:
    if change.date is None:
        return True  # stated, undated: it has happened by any day the corpus speaks of
    return change.date[:len(as_of)] <= as_of if len(change.date) == 10 else int(change.date[:4]) <= int(as_of[:4])


def _issued_after(change: Change, row: dict, issued: str | None, year: str | None) -> bool:
    """The calendar check: a text changes only what was issued before it (the same day allowed)."""
    theirs = row["issued"] or row["year"]
    mine = issued or year
    if not theirs or not mine:
        return True
    if len(theirs) == 10 and len(mine) == 10:
        return theirs >= mine
    return int(theirs[:4]) >= int(mine[:4])


def standing(store: Store, iri: str, as_of: str | None = None) -> Standing:
    """The state of the instrument ``iri`` on ``as_of`` (ISO date; today without it)."""
    as_of = as_of or datetime.date.today().isoformat()
    _check_date(as_of)
    label, issued, year = iri, None, None
    dates: dict[str, tuple[str, Evidence | None]] = {}
    for row in run_named(store, "dates-of-force", {"instrument": iri}).records():
        label, issued, year = row["label"] or label, row["issued"] or issued, row["year"] or year
        if row["property"]:
            kind = "from" if row["property"].endswith("first_date_entry_in_force") else "until"
            evidence = (Evidence(row["source"], int(row["start"]), int(row["end"]), row["quote"])
                        if row["quote"] is not None else None)
            # two texts may give two dates: the earliest first day, the latest last day; evidence of the one kept
            current = dates.get(kind)
            if current is None or (row["date"] < current[0] if kind == "from" else row["date"] > current[0]):
                dates[kind] = (row["date"], evidence)
    kept, ignored = [], []
    for change, row in _changes(store, iri):
        (kept if _issued_after(change, row, issued, year) else ignored).append(change)
    kept.sort(key=lambda c: (_date_key(c.date if c.date and len(c.date) == 10 else None,
                                       c.date[:4] if c.date else None), c.by_label))
    state = _state(dates, kept, as_of)
    return Standing(iri, label, state, as_of, issued, dates.get("from"), dates.get("until"), tuple(kept),
                    tuple(ignored))


def _state(dates: dict, changes: list[Change], as_of: str) -> str:
    effective = [c for c in changes if _effective(c, as_of)]
    effects = {c.effect for c in effective}
    first, last = dates.get("from"), dates.get("until")
    if first and first[0] > as_of:
        return "not yet in force"
    if any(c.effect == "repealed" and not c.partial for c in effective):
        return "repealed"
    if "replaced" in effects:
        return "replaced"
    if last and last[0] < as_of:
        return "expired"
    if any(c.effect == "suspended" and (c.until is None or c.until >= as_of) for c in effective):
        return "suspended"
    if any(c.effect == "repealed" for c in effective):
        return "partly repealed"
    if "amended" in effects:
        return "amended"
    if first:
        return "in force"
    return "unknown"


def _check_date(value: str) -> None:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"--as-of {value!r}: not a date (YYYY-MM-DD)") from None


def instruments_numbered(store: Store, number: str) -> list[str]:
    """Every instrument carrying this number (two provinces' 454/QĐ-UBND are two), held ones first."""
    from .lineage import numbered

    found = numbered(store, number)
    if not found:
        raise QueryError(f"{number}: no instrument with this number in the graph")
    return found


@dataclass(frozen=True)
class Step:
    """One step of a lineage path: the relation, the instrument it reaches, and the words that state it."""

    relation: str
    label: str
    iri: str
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Alert:
    """Something a task rests on that was changed: when, relative to the plan, and the path to it."""

    task: str
    path: tuple[Step, ...]            # from the task up to the changed instrument
    standing: Standing
    change: Change
    before_plan: bool | None          # None: the change's date is not known

    def lines(self) -> list[str]:
        when = {True: "before the plan was issued", False: "after the plan was issued",
                None: "date unknown"}[self.before_plan]
        out = [f"  {self.standing.label}: {self.change.effect} by {self.change.by_label} on "
               f"{self.change.date or '?'} ({when})"]
        for step in self.path:
            out.append(f"      rests on it: {step.relation} {step.label}" + (f"    {step.evidence}" if step.evidence else ""))
        out += [f"      {self.change.effect}: {evidence}" for evidence in self.change.evidence]
        return out


_EDGE_EVIDENCE = sparql_prefixes("kg", "rdf") + """
SELECT ?relation ?quote ?start ?end ?source WHERE {
  ?evidence rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object ; kg:quote ?quote ;
            kg:start ?start ; kg:end ?end ; kg:inSource ?file .
  ?file kg:path ?source .
} ORDER BY ?source ?start"""


def _edge_evidence(store: Store, subject: str, obj: str) -> Evidence | None:
    rows = store.query(_EDGE_EVIDENCE, {"subject": _iri(subject), "object": _iri(obj)}).rows
    if not rows:
        return None
    _, quote, start, end, source = rows[0]
    return Evidence(source.value, int(start.value), int(end.value), quote.value)


def alerts(store: Store, document: str, as_of: str | None = None) -> dict[str, list[Alert]]:
    """For each task of the document (its IRI), what its lineage rests on that was changed: each
    changed instrument once, by the shortest path, with the words of every step."""
    from .network import lineage_tree

    as_of = as_of or datetime.date.today().isoformat()
    plan_date = standing(store, document, as_of).issued
    tasks = store.query(sparql_prefixes("kg") + """
        SELECT ?task ?id WHERE { ?task kg:inDocument ?doc ; kg:sectionId ?id ; a kg:Task }""",
                        {"doc": _iri(document)}).rows
    found: dict[str, list[Alert]] = {}
    cache: dict[str, Standing] = {}
    for task, section_id in sorted(tasks, key=lambda row: _section_order(row[1].value)):
        reached: set[str] = set()
        for path, node in _walk(lineage_tree(store, task.value), (), task.value):
            if node in reached:
                continue  # met again further along: the first (shortest) path says it
            reached.add(node)
            if node not in cache:
                cache[node] = standing(store, node, as_of)
            changes = [c for c in cache[node].changes if _effective(c, as_of)]
            if not changes:
                continue
            steps = tuple(Step(relation, label, iri, _edge_evidence(store, parent, iri))
                          for parent, relation, label, iri in path)
            for change in changes:
                before = None
                if change.date and plan_date:
                    before = (change.date < plan_date if len(change.date) == 10
                              else int(change.date[:4]) < int(plan_date[:4]))
                found.setdefault(section_id.value, []).append(Alert(section_id.value, steps, cache[node], change, before))
    return found


def _iri(value: str):
    import pyoxigraph as ox

    return ox.NamedNode(value)


def _walk(tree: dict, path: tuple, parent: str | None = None) -> list[tuple[tuple, str]]:
    """Every node of a lineage tree below its root, breadth first, with the path of
    (parent, relation, label, node) steps to it."""
    out, level = [], [(tree, path, parent)]
    while level:
        following = []
        for entry, here, above in level:
            for child in entry.get("children", []):
                steps = here + ((above, child["relation"], child["label"], child["iri"]),)
                out.append((steps, child["iri"]))
                following.append((child, steps, child["iri"]))
        level = following
    return out


def _section_order(section_id: str) -> tuple:
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.\s]", section_id))


@dataclass(frozen=True)
class Event:
    """One dated event of an instrument: issued, in force, no longer in force, changed, cited."""

    date: str
    kind: str
    subject: str
    detail: str = ""
    evidence: tuple[Evidence, ...] = field(default=())

    def line(self) -> str:
        return f"{self.date:<10}  {self.kind:<16} {self.subject}" + (f"  {self.detail}" if self.detail else "")


_CITED_BY = sparql_prefixes("kg", "eli", "rdfs") + """
SELECT DISTINCT ?citing ?label ?date WHERE {
  ?subject ?relation ?instrument .
  OPTIONAL { ?subject kg:inDocument ?document }
  BIND (COALESCE(?document, ?subject) AS ?citing)
  ?file kg:describes ?citing .
  FILTER (?citing != ?instrument)
  OPTIONAL { ?citing rdfs:label ?label }
  OPTIONAL { ?citing eli:date_document ?date }
}"""


def timeline(store: Store, iri: str, lineage: bool = True) -> list[Event]:
    """Every dated event of the instrument (and, with ``lineage``, of what it rests on), in date order."""
    from .network import lineage_tree

    nodes = [iri]
    if lineage:
        nodes += [node for _, node in _walk(lineage_tree(store, iri), (), iri) if node not in nodes]
    events: list[Event] = []
    for node in nodes:
        state = standing(store, node)
        if state.label == node and state.issued is None and not state.changes:
            continue  # a task or a node the graph says nothing dated about
        if state.issued:
            events.append(Event(state.issued, "issued", state.label))
        if state.in_force_from:
            events.append(Event(state.in_force_from[0], "in force", state.label, "",
                                tuple(e for e in (state.in_force_from[1],) if e)))
        if state.in_force_until:
            events.append(Event(state.in_force_until[0], "last day in force", state.label, "",
                                tuple(e for e in (state.in_force_until[1],) if e)))
        for change in state.changes:
            if change.date:
                events.append(Event(change.date, change.effect, state.label, f"by {change.by_label}", change.evidence))
        for citing, label, date in store.query(_CITED_BY, {"instrument": _iri(node)}).rows:
            if date is not None:
                events.append(Event(date.value, "cited by", state.label, label.value if label else citing.value))
    return sorted(set(events), key=lambda e: (e.date, e.kind, e.subject, e.detail))
