"""Every example kept in the data files runs: knowledge kept as data says what it does, or a test fails.

- relation_cues.json: each cue's examples yield a relation of its predicate, stated by one of its phrases, and
  each vocabulary's examples (nouns, licences, enumeration, coordination, fields, left_out) do what it says;
- grammar.json: each fragment matches each of its examples to its end;
- document_types.json: each type's examples are read as a reference of that type, and each flag of a kind
  reaches the pattern that reads it.
"""
import json
import re
from importlib.resources import files
from pathlib import Path

import pytest

from kg import find, identify
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


@pytest.mark.parametrize("example", _data("grammar.json")["joined_title"]["examples"]
                         + _data("grammar.json")["clause_openers"]["examples"])
def test_a_guessed_title_ends_where_the_grammar_says(example):
    # after "và", lowercase words to a clause's end are the title's ("Luật Phòng cháy và chữa cháy;"), not a law's
    # companions ("và văn bản hướng dẫn"); a comma before a clause's opener ("bảo đảm") ends it
    titles = [r.title for r in find_references(prepare_text(example["text"]))]
    assert example["title"] in titles, (example, titles)


@pytest.mark.parametrize("example, laws", _data("grammar.json")["foreign_laws"]["examples"])
def test_a_law_named_as_another_states_is_no_instrument(example, laws):
    # "Luật Lao động cơ bản của Đài Loan (Trung Quốc)" (02/2024/TT-BLĐTBXH, both readers): Taiwan's law, none of Việt
    # Nam's; "... của Việt Nam" names Việt Nam's own
    assert len([r for r in find_references(prepare_text(example)) if r.doc_type == "Luật"]) == laws


@pytest.mark.parametrize("example, not_stated", _data("relation_cues.json")["nouns"]["examples"])
def test_a_cue_phrase_inside_a_noun_states_no_relation(example, not_stated):
    result = extract_text(example)
    assert result.citations
    assert not [r for r in result.relations if r.predicate in not_stated], result.relations


@pytest.mark.parametrize("example, not_stated", _data("relation_cues.json")["licences"]["examples"])
def test_a_verb_whose_object_is_a_permit_states_no_relation_to_the_instrument(example, not_stated):
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


def _numbers_the_document_relates_to(example, predicate):
    result = extract_text(example)
    own = result.document.instrument.iri
    number = {c.instrument.iri: c.instrument.number for c in result.citations}
    return {number[r.object] for r in result.relations if r.subject == own and r.predicate == predicate}


@pytest.mark.parametrize("example, predicate, joined", _data("relation_cues.json")["coordination"]["examples"])
def test_a_further_object_joined_by_va_takes_the_clause_s_cue(example, predicate, joined):
    assert set(joined) <= _numbers_the_document_relates_to(example, predicate)


# ---- document_types.json: a kind's flags are all the finder and the identifier need to know of it

def _forms_of_kinds():
    for kind in _data("document_types.json")["types"]:
        for form in kind["forms"]:
            yield pytest.param(kind, form, id=f"{kind['name']}:{form}")


def test_an_amending_law_s_title_names_each_law_and_code_it_amends():
    # 22/VBHN-VPQH quotes the amending law's basis: a code stands in the list of laws it amends
    text = ("Quốc hội ban hành Luật sửa đổi, bổ sung một số điều có liên quan đến quy hoạch của Luật \n"
            "Giao thông đường bộ số 23/2008/QH12, Bộ luật Hàng hải Việt Nam số 95/2015/QH13, Luật \n"
            "Đường sắt số 06/2017/QH14, Luật Giao thông đường thủy nội địa số 23/2004/QH11 đã được ")
    found = [(r.doc_type, r.number, r.title) for r in find_references(prepare_text(text))]
    assert found == [
        ("Luật", None, "Luật sửa đổi, bổ sung một số điều có liên quan đến quy hoạch của Luật Giao thông đường bộ, "
                       "Bộ luật Hàng hải Việt Nam, Luật Đường sắt, Luật Giao thông đường thủy nội địa"),
        ("Luật", "23/2008/QH12", "Luật Giao thông đường bộ"),
        ("Bộ luật", "95/2015/QH13", "Bộ luật Hàng hải Việt Nam"),
        ("Luật", "06/2017/QH14", "Luật Đường sắt"),
        ("Luật", "23/2004/QH11", "Luật Giao thông đường thủy nội địa")]


@pytest.mark.parametrize("kind, form", list(_forms_of_kinds()))
def test_the_kinds_an_amending_law_names_are_those_the_data_flags(kind, form):
    named = bool(kind.get("named_in_amending_titles"))
    assert bool(find._TITLED_TYPE.fullmatch(form)) == named
    assert bool(find._AMENDING.match(" sửa đổi, bổ sung một số điều của " + form + " X")) == named


def test_a_law_s_header_writes_its_number_after_its_kind():
    # luat-so-51-2024-qh15: "QUỐC HỘI / Luật số: 51/2024/QH15 / LUẬT / SỬA ĐỔI, BỔ SUNG ..."
    head = "\n".join((Path(__file__).resolve().parent.parent / "corpus" / "congbao" / "bhxh" / "luat-so-51-2024-qh15-43559.txt")
                     .read_text(encoding="utf-8").split("\n")[:20])
    assert "\nLuật số: 51/2024/QH15" in head
    assert identify._header_number(head) == "51/2024/QH15"
    assert identify._header_number(head.replace("Luật số:", "Thông tư số:")) is None


@pytest.mark.parametrize("kind, form", list(_forms_of_kinds()))
def test_the_kinds_whose_header_number_follows_their_name_are_those_the_data_flags(kind, form):
    for written in (form, form.upper()):
        found = identify._header_number(f"QUỐC HỘI\n{written} số: 51/2024/QH15\n")
        assert (found == "51/2024/QH15") == bool(kind.get("number_after_kind")), written


@pytest.mark.parametrize("written, title", sorted(_data("grammar.json")["title_optional_words"]["examples"].items()))
def test_every_title_cited_without_an_optional_word_compares_as_the_title(written, title):
    from kg.resolve import title_key
    assert written != title and title_key(written) == title_key(title)


@pytest.mark.parametrize("example, predicate, listed", _data("relation_cues.json")["fields"]["examples"])
def test_fields_parted_by_semicolons_in_a_description_end_no_clause(example, predicate, listed):
    assert set(listed) <= _numbers_the_document_relates_to(example, predicate)


@pytest.mark.parametrize("words, leaves_out", _data("relation_cues.json")["left_out"]["examples"])
def test_the_words_that_leave_something_out_of_the_documents_scope(words, leaves_out):
    from kg.cues import relation_cues

    assert (relation_cues().left_out.search(words) is not None) == leaves_out
