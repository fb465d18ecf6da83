"""The spaCy component agrees with ``kg extract``, on any tokenizer, in one process or several."""

import json
import logging
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from spacy.tokens import Doc, Span

from kg.cli import main
from kg.extract import extract_text
from kg.resolve import Registry
from kg.spacy_component import EXTENSIONS, register_extensions
from kg.text import read_text

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus/322-KH-UBND-2023-kon-tum.txt"
GAZETTE = ROOT / "corpus/congbao"
KEY = "legal_references"
VI = {"nlp": {"tokenizer": {"use_pyvi": False}}}


def pipeline(lang="vi", **config):
    nlp = spacy.blank(lang, config=VI) if lang == "vi" else spacy.blank(lang)
    nlp.max_length = 5_000_000  # the largest gazette issue is 1.2M characters; nothing here parses
    nlp.add_pipe("vn_legal_references", config=config)
    return nlp


def kg_extract(*paths):
    """What ``kg extract --format jsonl`` prints, one dict per document, by source path."""
    result = CliRunner().invoke(main, ["extract", *map(str, paths), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    documents = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return {document["source"]: document for document in documents}


def spans_of(doc):
    return [(span.start_char, span.end_char, span.label_, span.kb_id_, *(span._.get(name) for name in EXTENSIONS))
            for span in doc.spans[KEY]]


def disagreements(doc, text, expected):
    """How the component's spans differ from the references ``kg extract`` printed for ``text``."""
    problems = []
    spans = list(doc.spans[KEY])
    references = expected["references"]
    if len(spans) != len(references):
        problems.append(f"{len(spans)} spans for {len(references)} references")
    own = expected["document"]["iri"]
    predicates = {}
    for relation in expected["relations"]:
        if relation["subject"] == own or relation["subject"].startswith(own + "/section/"):
            predicates.setdefault(relation["object"], set()).add(relation["predicate"])
    for span, reference in zip(spans, references):
        start, end = reference["start"], reference["end"]
        got = (span._.ref_start, span._.ref_end, span._.iri, span._.doc_type, span._.number, span._.date,
               span._.issuer, span._.title, span._.year)
        want = (start, end, reference["iri"], reference["doc_type"], reference["number"], reference["date"],
                reference["issuer"], reference["title"], reference["year"])
        if got != want:
            problems.append(f"{reference['text']!r}: {got} != {want}")
        exact = (span.start_char, span.end_char) == (start, end)
        inside = span.start_char <= start and end <= span.end_char
        if not exact and not (inside and reference["text"] in text[span.start_char:span.end_char]):
            problems.append(f"{reference['text']!r} at {start}-{end}: span {span.start_char}-{span.end_char} "
                            f"{span.text!r} does not hold it")
        if span._.relation not in predicates.get(reference["iri"], {None}):
            problems.append(f"{reference['text']!r}: relation {span._.relation} not in {predicates.get(reference['iri'])}")
    if doc.user_data[f"{KEY}_unplaced"]:
        problems.append(f"{doc.user_data[f'{KEY}_unplaced']} references unplaced")
    return problems


@pytest.fixture(scope="module")
def gazette():
    """Every gazette document's text and what ``kg extract`` says of it (342 extractions: only the
    slow test that compares them all takes it; the others extract what they read)."""
    expected = kg_extract(GAZETTE)
    texts = {path: read_text(path).original for path in expected}
    return texts, expected


def named_docs(nlp, texts):
    """Docs that know their file's name, as ``kg extract`` does (a gazette file's name can be its only identity)."""
    for path, text in texts.items():
        doc = nlp.make_doc(text)
        doc._.source = path
        yield doc


def test_a_file_name_identifies_a_document_that_does_not_say_what_it_is():
    path = str(GAZETTE / "bhxh/thong-tu-so-102-2018-tt-btc-28383.txt")
    expected = kg_extract(path)
    texts = {path: read_text(path).original}
    nlp = pipeline("xx")
    assert expected[path]["document"]["number"] == "102/2018/TT-BTC" and expected[path]["references"] == []
    assert len(nlp(texts[path]).spans[KEY]) > 0  # with no name, its mentions of itself count as citations
    named = next(nlp.pipe(named_docs(nlp, {path: texts[path]})))
    assert disagreements(named, texts[path], expected[path]) == []


@pytest.mark.parametrize("lang", ["vi", "xx", "en"])
def test_agrees_with_kg_extract_on_the_founding_plan(lang):
    expected = kg_extract(PLAN)[str(PLAN)]
    text = read_text(PLAN).original
    nlp = pipeline(lang)
    doc = next(nlp.pipe(named_docs(nlp, {str(PLAN): text})))
    assert len(doc.spans[KEY]) == len(expected["references"]) > 20
    assert disagreements(doc, text, expected) == []


@pytest.mark.slow  # every gazette document, twice
def test_agrees_with_kg_extract_on_every_gazette_document(gazette):
    texts, expected = gazette
    assert len(texts) == 342
    nlp = pipeline("vi")
    problems = {}
    spans = exact = 0
    for (path, text), doc in zip(texts.items(), nlp.pipe(named_docs(nlp, texts))):
        problems.update({path: found for found in [disagreements(doc, text, expected[path])] if found})
        spans += len(doc.spans[KEY])
        exact += sum((s.start_char, s.end_char) == (s._.ref_start, s._.ref_end) for s in doc.spans[KEY])
    assert problems == {}
    assert spans == sum(len(e["references"]) for e in expected.values()) > 15_000
    assert 0 < exact < spans  # whitespace tokens leave punctuation on, so some spans must expand


def test_pipe_in_two_processes_gives_the_spans_of_one():
    texts = [read_text(path).original for path in sorted(GAZETTE.rglob("*.txt"))]  # every gazette text, unextracted
    sample = [read_text(PLAN).original] + sorted(texts, key=len)[:40]
    nlp = pipeline("vi")
    one = [(spans_of(doc), doc.user_data[f"{KEY}_unplaced"]) for doc in nlp.pipe(sample)]
    two = [(spans_of(doc), doc.user_data[f"{KEY}_unplaced"]) for doc in nlp.pipe(sample, n_process=2, batch_size=4)]
    assert two == one
    assert sum(len(spans) for spans, _ in one) > 100


def test_pipe_in_spawned_processes(tmp_path):
    """macOS and Windows start workers by spawning, which pickles the pipeline and its component."""
    script = tmp_path / "spawn.py"
    script.write_text(
        "import json, multiprocessing, spacy\n"
        "if __name__ == '__main__':\n"
        "    multiprocessing.set_start_method('spawn')\n"
        f"    nlp = spacy.blank('vi', config={VI!r})\n"
        "    nlp.add_pipe('vn_legal_references', config={'locality': 'tỉnh Kon Tum'})\n"
        "    texts = ['Theo Quyết định số 454/QĐ-UBND ngày 01/02/2018 của Ủy ban nhân dân tỉnh.'] * 4\n"
        "    docs = nlp.pipe(texts, n_process=2, batch_size=1)\n"
        "    print(json.dumps([s._.iri for d in docs for s in d.spans['legal_references']]))\n",
        encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["https://w3id.org/kg-vn/id/quyet-dinh/454-qd-ubnd/2018/tinh-kon-tum"] * 4


def test_component_pickles_with_its_config():
    nlp = pipeline("xx", span_key="refs", locality="tỉnh Kon Tum")
    copy = pickle.loads(pickle.dumps(nlp.get_pipe("vn_legal_references")))
    assert (copy.span_key, copy.locality) == ("refs", "tỉnh Kon Tum")
    text = "Quyết định số 454/QĐ-UBND ngày 01/02/2018 của Ủy ban nhân dân tỉnh"
    copied, original = copy(nlp.make_doc(text)), nlp(text)
    assert spans_of_key(copied, "refs") == spans_of_key(original, "refs") != []


def test_blank_vietnamese_runs_without_pyvi():
    doc = pipeline("vi")("Căn cứ Luật Tố cáo năm 2018; Nghị định số 31/2019/NĐ-CP ngày 10/4/2019 của Chính phủ.")
    assert "pyvi" not in sys.modules
    assert [(s.text, s._.number, s._.ref_start, s._.ref_end) for s in doc.spans[KEY]] == [
        ("Luật Tố cáo năm 2018;", "25/2018/QH14", 7, 27),
        ("Nghị định số 31/2019/NĐ-CP ngày 10/4/2019 của Chính phủ.", "31/2019/NĐ-CP", 29, 84),
    ]


@pytest.mark.parametrize("locality, text, iri", [
    # no header: the configured place decides which province's 454/QĐ-UBND this is
    (None, "Quyết định số 454/QĐ-UBND ngày 01/02/2018 của Ủy ban nhân dân tỉnh",
     "https://w3id.org/kg-vn/id/quyet-dinh/454-qd-ubnd/2018/unknown-locality"),
    ("tỉnh Kon Tum", "Quyết định số 454/QĐ-UBND ngày 01/02/2018 của Ủy ban nhân dân tỉnh",
     "https://w3id.org/kg-vn/id/quyet-dinh/454-qd-ubnd/2018/tinh-kon-tum"),
    # a header of its own outranks the configured place
    ("thành phố Hà Nội", "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: 1/KH-UBND\nKon Tum, ngày 08 tháng 02 năm 2023\n"
     "KẾ HOẠCH\nVề dân vận\nThực hiện Quyết định số 454/QĐ-UBND ngày 01/02/2018 của Ủy ban nhân dân tỉnh.",
     "https://w3id.org/kg-vn/id/quyet-dinh/454-qd-ubnd/2018/tinh-kon-tum"),
])
def test_locality_reads_a_text_without_a_header(locality, text, iri):
    doc = pipeline("xx", locality=locality)(text)
    assert [span._.iri for span in doc.spans[KEY]] == [iri]


def test_registry_is_chosen_in_the_config():
    text = "Căn cứ Luật Tố cáo năm 2018; Luật Đất đai."
    iris = {}
    for name, registry in (("kg.default_registry.v1", None), ("kg.empty_registry.v1", Registry())):
        doc = pipeline("xx", registry={"@misc": name})(text)
        iris[name] = [span._.iri for span in doc.spans[KEY]]
        assert iris[name] == [c.instrument.iri for c in extract_text(text, registry=registry).citations]
    assert iris["kg.default_registry.v1"] != iris["kg.empty_registry.v1"]


def test_a_reference_without_a_span_of_its_own_is_logged_and_counted(caplog):
    """A tokenizer that makes one token of a line leaves two references on it only one span."""
    nlp = pipeline("xx")
    nlp.tokenizer = lambda text: Doc(nlp.vocab, words=text.split("\n"), spaces=[True] * text.count("\n") + [False])
    text = "Căn cứ Nghị định số 31/2019/NĐ-CP và Thông tư số 09/2019/TT-TTCP\nVà Nghị định số 30/2019/NĐ-CP."
    with caplog.at_level(logging.WARNING, logger="kg.spacy_component"):
        doc = nlp(text)
    assert [span._.number for span in doc.spans[KEY]] == ["31/2019/NĐ-CP", "30/2019/NĐ-CP"]
    assert doc.user_data[f"{KEY}_unplaced"] == 1
    assert "Thông tư số 09/2019/TT-TTCP" in caplog.text


def test_config_survives_to_disk_and_from_disk(tmp_path):
    nlp = pipeline("vi", span_key="refs", locality="tỉnh Kon Tum")
    nlp.to_disk(tmp_path / "pipeline")
    assert json.loads((tmp_path / "pipeline/vn_legal_references/cfg").read_text()) == {
        "span_key": "refs", "locality": "tỉnh Kon Tum"}
    loaded = spacy.load(tmp_path / "pipeline")
    text = "Quyết định số 454/QĐ-UBND ngày 01/02/2018 của Ủy ban nhân dân tỉnh"
    doc = loaded(text)
    assert [s._.iri for s in doc.spans["refs"]] == ["https://w3id.org/kg-vn/id/quyet-dinh/454-qd-ubnd/2018/tinh-kon-tum"]
    assert spans_of_key(doc, "refs") == spans_of_key(nlp(text), "refs")


def spans_of_key(doc, key):
    return [(s.start_char, s.end_char, s._.iri, s._.ref_start, s._.ref_end) for s in doc.spans[key]]


def test_extensions_register_once_and_refuse_to_clobber():
    register_extensions()
    register_extensions()
    pipeline("xx")
    Span.set_extension("iri", getter=lambda span: "someone else's", force=True)
    try:
        with pytest.raises(ValueError, match="'iri'"):
            pipeline("xx")
    finally:
        Span.set_extension("iri", default=None, force=True)


def test_entry_point_finds_the_factory_without_importing_kg():
    code = ("import sys, spacy\n"
            "assert 'kg' not in sys.modules\n"
            "nlp = spacy.blank('xx'); nlp.add_pipe('vn_legal_references')\n"
            "doc = nlp('Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ')\n"
            "print([s._.number for s in doc.spans['legal_references']])\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['33/CT-TTg']"


def test_kg_and_kg_extract_do_not_import_spacy():
    code = "import sys, kg, kg.extract, kg.cli; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
