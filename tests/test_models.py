"""models, read directly: the offsets a SourceText keeps, the instruments an Extraction counts, and the
JSON shape it writes (spec/extract-output.md), on the founding plan (322/KH-UBND)."""
import re
import unicodedata
from pathlib import Path

from kg.extract import extract_file
from kg.text import prepare_text

FOUNDING = "corpus/322-KH-UBND-2023-kon-tum.txt"


def test_offsets_map_a_decomposed_text_back_to_the_original():
    # 322/KH-UBND line 49, as a file saved in decomposed Unicode (NFD) would hold it
    original = unicodedata.normalize("NFD", "trọng tâm là triển khai Chỉ thị số 33/CT-TTg, Quyết định số 324- QĐ/TU của Tỉnh ủy")
    source = prepare_text(original)
    assert source.normalized == unicodedata.normalize("NFC", original)
    assert len(source.normalized) < len(original) and source.offsets is not None
    at = source.normalized.index("33/CT-TTg")
    assert original[source.to_original(at):source.to_original(at + len("33/CT-TTg"))] == "33/CT-TTg"
    assert source.to_normalized(source.to_original(at)) == at


def test_instruments_are_counted_once_each_in_order_of_first_mention():
    result = extract_file(FOUNDING)
    instruments = result.instruments()
    assert len({i.iri for i, _ in instruments}) == len(instruments)
    assert sum(n for _, n in instruments) == len(result.citations)
    first, mentions = instruments[0]
    assert first.number == "33/CT-TTg"  # "Triển khai thực hiện Chỉ thị số 33/CT-TTg ...": the plan's first words
    # six mentions, one of them written with a space: "Chỉ thị số 33/CT- TTg"
    assert mentions == len(re.findall(r"33/CT-\s*TTg", Path(FOUNDING).read_text(encoding="utf-8"))) == 6


def test_the_json_shape_names_each_reference_and_what_each_task_cites():
    result = extract_file(FOUNDING)
    data = result.to_dict()
    assert sorted(data) == ["document", "instruments", "references", "relations", "sections", "source", "warnings"]
    assert data["document"]["number"] == "322/KH-UBND" and data["document"]["signer"] == "Lê Ngọc Tuấn"
    assert [r["iri"] for r in data["references"]] == [c.instrument.iri for c in result.citations]
    # task II.5 (line 59) names Quyết định 1847/QĐ-TTg, 319/QĐ-BNV, 15/2019/QĐ-UBND and 21/2018/QĐ-UBND
    [task] = [s for s in data["sections"] if s["id"] == "II.5"]
    assert task["kind"] == "task"
    assert [iri.split("/")[6] for iri in task["cites"]] == ["1847-qd-ttg", "319-qd-bnv", "15-2019-qd-ubnd", "21-2018-qd-ubnd"]


def test_every_model_is_built_as_its_dataclass_would_build_it():
    # kg.models gives its frozen dataclasses a quicker __init__ (kg.models._frozen): the same
    # parameters, in the same order, with the same defaults, as dataclass(frozen=True) makes;
    # the same instance, by position or by name; and fields that still cannot be set
    import dataclasses
    import inspect

    import pytest

    import kg.models as models

    classes = [c for c in vars(models).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]
    assert {c.__name__ for c in classes} >= {"Reference", "Citation", "Section", "Pinpoint", "Relation"}
    for cls in classes:
        plain = dataclasses.dataclass(frozen=True)(type(cls.__name__, (), {
            "__annotations__": {f.name: f.type for f in dataclasses.fields(cls)},
            **{f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING}}))
        assert [(p.name, p.kind, p.default) for p in inspect.signature(cls.__init__).parameters.values()] == \
               [(p.name, p.kind, p.default) for p in inspect.signature(plain.__init__).parameters.values()], cls
        values = [f"value {k}" for k in range(len(dataclasses.fields(cls)))]
        by_position = cls(*values)
        by_name = cls(**{f.name: v for f, v in zip(dataclasses.fields(cls), values)})
        assert by_position == by_name and dataclasses.astuple(by_position) == tuple(values)
        assert dataclasses.replace(by_position, **{dataclasses.fields(cls)[0].name: "other"}) != by_position
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(by_position, dataclasses.fields(cls)[0].name, "other")
    # and the extraction they carry reads as before
    citation = extract_file(FOUNDING).citations[0]
    assert citation == dataclasses.replace(citation) and hash(citation) == hash(dataclasses.replace(citation))
