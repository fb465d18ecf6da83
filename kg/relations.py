"""The relations kg knows, read from their one declaration, ``kg/data/relations.json``.

Every module that needs to know something of a relation (its ontology property, whether an
instrument can only do it to an earlier one, whether a lineage follows it, its words and colour)
asks here, so adding a relation is one entry in the data file.

>>> RELATIONS["amends"].property, RELATIONS["amends"].only_backwards
('amends', True)
>>> CHANGE_RELATIONS["supplemented"]
'amends'
>>> by_property("basedOn").name
'based_on'
>>> [r.property for r in RELATIONS.values() if r.rests_on][:3]
['basedOn', 'implements', 'amends']
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files

__all__ = ["RelationKind", "RELATIONS", "by_property", "properties", "having", "FLAGS", "ONLY_BACKWARDS", "RESTS_ON", "FIRST_STEP_ONLY",
           "FOUNDATIONAL", "EFFECTS", "ONLY_DOWNWARDS", "KEPT_APART", "CHANGE_RELATIONS"]


@dataclass(frozen=True)
class RelationKind:
    """One relation: the extractor's name, the ontology's property and how the other stages treat it."""

    name: str                # as kg extract writes it: "based_on"
    property: str            # local name in the kg ontology: "basedOn"
    eli: str | None          # the ELI property it refines
    label: str               # English words: "based on"
    label_vi: str            # Vietnamese words: "căn cứ"
    inverse: str             # read the other way: "basis of"
    inverse_vi: str
    colour: str
    only_backwards: bool     # can only point at an instrument issued before its subject
    rests_on: bool           # a lineage follows it
    first_step_only: bool    # a lineage follows it from its start only
    foundational: bool       # PageRank of foundations flows along it
    strength: int            # of several cues for one pair, the lowest wins
    kept_apart: bool         # kept beside the pair's other relation, never merged by strength
    amendment_chain: bool    # an amendment chain follows it back to its object's earlier version
    effect: str | None       # what it does to its object's standing: "amended", "repealed"...
    change_kinds: tuple[str, ...]  # the kinds of change to a provision that state it: "amended", "supplemented"


def _load() -> dict[str, RelationKind]:
    data = json.loads(files("kg").joinpath("data", "relations.json").read_text(encoding="utf-8"))
    return {entry["name"]: RelationKind(entry["name"], entry["property"], entry["eli"], entry["label"]["en"],
                                    entry["label"]["vi"], entry["inverse"]["en"], entry["inverse"]["vi"],
                                    entry["colour"], entry["only_backwards"], entry["rests_on"],
                                    entry["first_step_only"], entry["foundational"], entry["strength"], entry["kept_apart"],
                                    entry["amendment_chain"], entry["effect"], tuple(entry["change_kinds"]))
            for entry in data["relations"]}


#: Every relation by its extractor name, in the declared order (the order trees and legends use).
RELATIONS: dict[str, RelationKind] = _load()
_BY_PROPERTY = {relation.property: relation for relation in RELATIONS.values()}

#: Extractor names of the relations an instrument can only have with one issued before it.
ONLY_BACKWARDS = frozenset(name for name, relation in RELATIONS.items() if relation.only_backwards)
#: Extractor names of the relations kept beside a pair's other relation (a Căn cứ and a "quy định chi tiết").
KEPT_APART = frozenset(name for name, relation in RELATIONS.items() if relation.kept_apart)
#: Ontology properties a lineage follows, in declared order.
RESTS_ON = tuple(relation.property for relation in RELATIONS.values() if relation.rests_on)
FIRST_STEP_ONLY = frozenset(relation.property for relation in RELATIONS.values() if relation.first_step_only)
FOUNDATIONAL = frozenset(relation.property for relation in RELATIONS.values() if relation.foundational)
#: Extractor names of the relations that change their object: a lower-ranked instrument cannot have them
#: with a higher-ranked one (a decree never amends a law).
ONLY_DOWNWARDS = frozenset(name for name, relation in RELATIONS.items() if relation.effect)
#: Ontology property -> what it does to the standing of its object ("amends" -> "amended").
EFFECTS = {relation.property: relation.effect for relation in RELATIONS.values() if relation.effect}
#: A kind of change to a provision (kg.pinpoint) -> the extractor name of the relation it states
#: ("supplemented" -> "amends": a clause added to an article amends its instrument).
CHANGE_RELATIONS = {kind: name for name, relation in RELATIONS.items() for kind in relation.change_kinds}


def by_property(local_name: str) -> RelationKind:
    """The relation whose ontology property has this local name ("basedOn")."""
    return _BY_PROPERTY[local_name]


def properties() -> tuple[str, ...]:
    """Every relation's ontology property, in declared order."""
    return tuple(_BY_PROPERTY)


#: The flags a selection of relations can name (``having``): each a field of ``RelationKind`` that is
#: true, or (``effect``) set, for the relations it picks.
FLAGS = ("only_backwards", "rests_on", "first_step_only", "foundational", "amendment_chain", "effect")


def having(*flags: str) -> tuple[RelationKind, ...]:
    """The relations, in declared order, with every flag named set and every flag named with a
    leading ``-`` unset; ``all`` alone names every relation.

    >>> [r.property for r in having("rests_on", "-first_step_only")][-2:]
    ['consolidates', 'issuedWith']
    >>> [r.name for r in having("amendment_chain")]
    ['amends', 'replaces']
    """
    wanted, unwanted = set(), set()
    for flag in flags:
        (unwanted if flag.startswith("-") else wanted).add(flag.lstrip("-"))
    unknown = (wanted | unwanted) - set(FLAGS) - {"all"}
    if unknown or not flags or ("all" in wanted and len(flags) > 1):
        raise ValueError(f"not a selection of relations: {' '.join(flags) or '(nothing)'} "
                         f"(flags: {', '.join(FLAGS)}, each may be -negated; or all)")
    wanted.discard("all")
    return tuple(relation for relation in RELATIONS.values()
                 if all(getattr(relation, flag) for flag in wanted)
                 and not any(getattr(relation, flag) for flag in unwanted))
