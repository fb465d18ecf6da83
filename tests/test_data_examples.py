"""Every example kept in the data files runs: knowledge kept as data says what it does, or a test fails.

- relation_cues.json: each cue's examples yield a relation of its predicate, stated by one of its phrases;
- grammar.json: each fragment matches each of its examples to its end;
- document_types.json: each type's examples are read as a reference of that type.
"""
import json
import re
from importlib.resources import files

import pytest

from kg.extract import extract_text
from kg.find import find_references
from kg.text import prepare_text


def _data(name):
    return json.loads(files("kg").joinpath("data", name).read_text(encoding="utf-8"))


def _cue_examples():
    for cue in _data("relation_cues.json")["cues"]:
        for example in cue["examples"]:
            yield pytest.param(cue, example, id=f"{cue['predicate']}{'-' + cue['voice'] if 'voice' in cue else ''}:{example[:40]}")


@pytest.mark.parametrize("cue, example", list(_cue_examples()))
def test_every_cue_example_yields_its_predicate(cue, example):
    result = extract_text(example)
    phrases = {" ".join(p.lower().split()) for p in cue["phrases"]}
    stated = {(r.predicate, " ".join(r.cue.lower().split())) for r in result.relations}
    if cue["predicate"] == "cites":  # "what is left when nothing more is said": no phrase states it
        assert {p for p, _ in stated} == {"cites"}, stated
    else:
        assert any(p == cue["predicate"] and words in phrases for p, words in stated), stated


def _grammar_examples():
    grammar = _data("grammar.json")
    for name, fragment in grammar.items():
        if isinstance(fragment, dict) and "pattern" in fragment:
            for example in fragment.get("examples", []):
                yield pytest.param(fragment["pattern"], example, id=f"{name}:{example}")


@pytest.mark.parametrize("pattern, example", list(_grammar_examples()))
def test_every_grammar_example_is_matched_whole(pattern, example):
    # an example may hold words before the fragment ("Luật phòng, chống ma túy 2008"): it ends the example
    assert re.compile(f"(?:{pattern})\\Z").search(example), example


def _type_examples():
    for kind in _data("document_types.json")["types"]:
        for example in kind.get("examples", []):
            yield pytest.param(kind["name"], example, id=f"{kind['name']}:{example[:40]}")


@pytest.mark.parametrize("doc_type, example", list(_type_examples()))
def test_every_document_type_example_is_read_as_that_type(doc_type, example):
    assert doc_type in {r.doc_type for r in find_references(prepare_text(example))}


@pytest.mark.parametrize("example", _data("relation_cues.json")["quoted_basis"]["examples"])
def test_every_quoted_basis_example_is_the_basis_of_its_instrument(example):
    result = extract_text(example)
    label = {c.instrument.iri: c.instrument.number or c.instrument.title for c in result.citations}
    own = result.document.instrument.iri
    quoted = {(label.get(r.subject), r.object) for r in result.relations if r.predicate == "based_on" and r.subject != own}
    assert quoted and all(subject is not None for subject, _ in quoted)
    assert not any(r.predicate == "based_on" and r.subject == own for r in result.relations)


@pytest.mark.parametrize("written, expanded", sorted(_data("grammar.json")["title_abbreviations"]["examples"].items()))
def test_every_abbreviated_title_example_reads_as_the_full_title(written, expanded):
    assert [r.title for r in find_references(prepare_text(written))] == [expanded]


@pytest.mark.parametrize("example, not_stated", _data("relation_cues.json")["nouns"]["examples"])
def test_a_cue_phrase_inside_a_noun_states_no_relation(example, not_stated):
    result = extract_text(example)
    assert result.citations
    assert not [r for r in result.relations if r.predicate in not_stated], result.relations


@pytest.mark.parametrize("example, predicate, listed", _data("relation_cues.json")["enumeration"]["examples"])
def test_a_list_opened_by_nhat_la_takes_the_verb_before_it(example, predicate, listed):
    result = extract_text(example)
    own = result.document.instrument.iri
    label = {c.instrument.iri: {c.instrument.number, c.instrument.title} for c in result.citations}
    got = set()
    for relation in result.relations:
        if relation.subject == own and relation.predicate == predicate:
            got |= label[relation.object]
    assert set(listed) <= got, got
