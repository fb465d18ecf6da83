"""The spaCy face of ``kg``: every reference to a legal instrument as a span of a ``Doc``.

``nlp.add_pipe("vn_legal_references")`` runs kg's whole extraction (the one ``kg extract``
runs) on ``doc.text`` and puts one span per reference in ``doc.spans["legal_references"]``,
labelled with the instrument's type and carrying its IRI as ``kb_id``. The resolved instrument
rides on span extensions: ``span._.doc_type``, ``number``, ``date``, ``year``, ``issuer``,
``title``, ``iri``, ``relation`` (the predicate of the document's relation to the instrument,
"cites" unless a cue says more) and ``ref_start``/``ref_end``, the reference's exact character
offsets. A tokenizer that splits only on whitespace leaves "33/CT-TTg;" one token, so a span
covers whole tokens (``alignment_mode="expand"``) and may be wider than the reference;
``ref_start``/``ref_end`` are always the reference's own offsets. A reference that cannot be
made a span of its own is logged and counted in ``doc.user_data["<span_key>_unplaced"]``.

A gazette file's name can be all that says which instrument it is ("thong-tu-so-102-2018-tt-btc");
set ``doc._.source`` to it before the component runs, as ``kg extract`` has it, so the document's
mentions of itself are known for what they are.

The factory is found through the ``spacy_factories`` entry point, so kg need not be imported
first. It works on any pipeline; ``spacy.blank("vi")`` needs pyvi unless told not to use it:

>>> import spacy
>>> nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
>>> _ = nlp.add_pipe("vn_legal_references")
>>> doc = nlp("Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.")
>>> [(span.text, span._.number, span._.date, span._.relation) for span in doc.spans["legal_references"]]
[('Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.', '33/CT-TTg', '2021-11-26', 'implements')]
>>> span = doc.spans["legal_references"][0]
>>> doc.text[span._.ref_start:span._.ref_end]  # the reference itself, without the token's full stop
'Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ'
"""
from __future__ import annotations

import logging
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry as spacy_registry

from .extract import extract_source
from .models import Citation, Extraction, Relation
from .resolve import Registry, default_registry
from .text import prepare_text

__all__ = ["LegalReferences", "make_component", "EXTENSIONS"]

logger = logging.getLogger(__name__)

FACTORY = "vn_legal_references"
# The span extensions the component sets; each defaults to None on spans it did not make.
EXTENSIONS = ("doc_type", "number", "date", "year", "issuer", "title", "iri", "relation", "ref_start", "ref_end")
DEFAULT_CONFIG = {
    "span_key": "legal_references",
    "locality": None,
    "registry": {"@misc": "kg.default_registry.v1"},
}


@spacy_registry.misc("kg.default_registry.v1")
def _bundled_registry() -> Registry:
    """The registry bundled with kg (laws by title and number)."""
    return default_registry()


@spacy_registry.misc("kg.empty_registry.v1")
def _empty_registry() -> Registry:
    """No registry: instruments resolve from the text alone."""
    return Registry()


def register_extensions() -> None:
    """Declare the extensions; safe to call again, refuses to redefine another's extension."""
    for owner, names in ((Span, EXTENSIONS), (Doc, ("source",))):
        for name in names:
            if owner.has_extension(name):
                default, method, getter, setter = owner.get_extension(name)
                if default is None and method is None and getter is None and setter is None:
                    continue  # ours, or a plain attribute that means the same
                raise ValueError(f"{owner.__name__} extension '{name}' is already defined with a getter, "
                                 f"setter or method by another component; {FACTORY} needs it as a plain attribute")
            owner.set_extension(name, default=None)


@Language.factory(FACTORY, default_config=DEFAULT_CONFIG)
def make_component(nlp: Language, name: str, span_key: str, locality: str | None,
                   registry: Registry) -> "LegalReferences":
    """Build the component from its config (see ``DEFAULT_CONFIG``)."""
    return LegalReferences(name=name, span_key=span_key, locality=locality, registry=registry)


class LegalReferences:
    """Sets ``doc.spans[span_key]``: one span per reference kg extracts from ``doc.text``.

    ``locality`` ("tỉnh Kon Tum") is the place a text without a header of its own is read in,
    so "Ủy ban nhân dân tỉnh" and "Quyết định số 454/QĐ-UBND" resolve to that province's
    instruments; a text that names its own issuer keeps its own place. ``registry`` is the
    ``kg.resolve.Registry`` that laws named by title are looked up in.
    """

    def __init__(self, name: str = FACTORY, span_key: str = "legal_references",
                 locality: str | None = None, registry: Registry | None = None):
        self.name = name
        self.span_key = span_key
        self.locality = locality
        self.registry = registry if registry is not None else default_registry()
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        extraction = self.extract(doc.text, doc._.source or "<text>")
        predicates = _predicates(extraction)
        spans = []
        used: set[tuple[int, int]] = set()
        unplaced = 0
        for citation in extraction.citations:
            span = self._span(doc, citation, used)
            if span is None:
                unplaced += 1
                reference = citation.reference
                logger.warning("%s: no span of its own for reference %r at %d-%d (it shares a token with "
                               "another); counted in doc.user_data[%r]", self.name, reference.text,
                               reference.start, reference.end, self.unplaced_key)
                continue
            used.add((span.start_char, span.end_char))
            _annotate(span, citation, predicates)
            spans.append(span)
        doc.spans[self.span_key] = spans
        doc.user_data[self.unplaced_key] = unplaced
        return doc

    @property
    def unplaced_key(self) -> str:
        return f"{self.span_key}_unplaced"

    def extract(self, text: str, path: str = "<text>") -> Extraction:
        """kg's extraction of ``text`` (from file ``path``), read in ``locality`` when it gives no place of its own."""
        return extract_source(prepare_text(text, path), self.registry, self.locality)

    def _span(self, doc: Doc, citation: Citation, used: set[tuple[int, int]]) -> Span | None:
        """The reference's span: exact when tokens allow, else the tokens around it.

        Extension values are stored per character range, so two references may not share one
        span; the second then gets only the tokens wholly inside it, or none.
        """
        reference = citation.reference
        label = citation.instrument.doc_type
        kb_id = citation.instrument.iri
        for mode in ("expand", "contract"):
            span = doc.char_span(reference.start, reference.end, label=label, kb_id=kb_id, alignment_mode=mode)
            if span is not None and len(span) and (span.start_char, span.end_char) not in used:
                return span
        return None

    def to_disk(self, path: str | Path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", self._cfg())

    def from_disk(self, path: str | Path, *, exclude=tuple()) -> "LegalReferences":
        self._load_cfg(srsly.read_json(Path(path) / "cfg"))
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return srsly.json_dumps(self._cfg()).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> "LegalReferences":
        self._load_cfg(srsly.json_loads(data))
        return self

    def _cfg(self) -> dict:
        return {"span_key": self.span_key, "locality": self.locality}

    def _load_cfg(self, cfg: dict) -> None:
        self.span_key = cfg.get("span_key", self.span_key)
        self.locality = cfg.get("locality", self.locality)


def _predicates(extraction: Extraction) -> dict[str, list[Relation]]:
    """The document's (or its sections') relations to each instrument it cites, by instrument IRI."""
    own = extraction.document.instrument.iri
    by_object: dict[str, list[Relation]] = {}
    for relation in extraction.relations:
        if relation.subject == own or relation.subject.startswith(own + "/section/"):
            by_object.setdefault(relation.object, []).append(relation)
    return by_object


def _annotate(span: Span, citation: Citation, predicates: dict[str, list[Relation]]) -> None:
    instrument, reference = citation.instrument, citation.reference
    span._.doc_type = instrument.doc_type
    span._.number = reference.number or instrument.number  # as printed, as kg extract gives it
    span._.date = instrument.date
    span._.year = instrument.year
    span._.issuer = instrument.issuer
    span._.title = instrument.title
    span._.iri = instrument.iri
    span._.ref_start = reference.start
    span._.ref_end = reference.end
    relations = predicates.get(instrument.iri, ())
    # the relation stated by the words around this mention, else the first one stated of the instrument
    stated = next((r for r in relations if r.start < reference.end and reference.start < r.end), None)
    span._.relation = (stated or relations[0]).predicate if relations else None

