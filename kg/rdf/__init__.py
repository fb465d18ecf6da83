"""Extractions -> RDF quads: the only package that writes triples.

One node per instrument, one named graph per source file. The instruments' descriptions
(type, number, date, issuer) are merged over the whole corpus into one graph of their own,
so that two documents citing the same decree with and without its date still give it one
date; everything a source file states (its sections, tasks, relations, and the words that
justify each edge) sits in the named graph of that file, so rebuilding one file replaces
its statements and nothing else.

One module per job, in the order ``dataset`` runs them:

- :mod:`.terms`: the ontology's terms as nodes and literals, and each relation's property;
- :mod:`.ontology_graph`: kg.ttl and the concepts of document types (the ontology graph);
- :mod:`.sources`: what one source file states (its named graph), with :mod:`.provisions`, the
  articles and points it cites and changes;
- :mod:`.instruments`: the corpus-level pass, one merged description per instrument.

The IRIs themselves are minted in :mod:`kg.iri`, the namespaces declared in :mod:`kg.namespaces`.

>>> from kg.models import Citation, Document, Extraction, Instrument, Reference, Relation
>>> from kg.namespaces import ID, KG
>>> from pyoxigraph import NamedNode
>>> plan = Instrument(ID + "ke-hoach/1-kh-ubnd/2025/tinh-a", "Kế hoạch", "1/KH-UBND", year=2025)
>>> law = Instrument(ID + "luat/5-2020-qh14/2020", "Luật", "5/2020/QH14", year=2020, issuer="Quốc hội")
>>> words = "Căn cứ Luật số 5/2020/QH14"
>>> extraction = Extraction("corpus/a.txt", Document(plan), (Citation(Reference(7, 26, words[7:], "Luật"), law),),
...                         relations=(Relation(plan.iri, "based_on", law.iri, 0, 26, "Căn cứ", words),))
>>> quads = dataset([("corpus/a.txt", "0" * 64, extraction)])
>>> sorted(str(q.predicate) for q in quads if q.subject == NamedNode(plan.iri))[:2]
['<http://data.europa.eu/eli/ontology#number>', '<http://data.europa.eu/eli/ontology#type_document>']
>>> [str(q.object) for q in quads if q.predicate == NamedNode(KG + "basedOn")]
['<https://w3id.org/kg-vn/id/luat/5-2020-qh14/2020>']
"""
from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Quad

from ..iri import INSTRUMENTS_GRAPH, ONTOLOGY_GRAPH, agency_iri, source_graph_iri, type_iri
from ..models import Extraction
from .instruments import (InstrumentTally, canonical_iris, corpus_dating, instrument_quads, is_party,
                          is_shared_edge, mentioned_iris, mentions)
from .ontology_graph import ontology_file, ontology_quads, type_concepts
from .sources import PROFILES, check_profile, source_nquads, source_quads
from .terms import PREDICATES

__all__ = ["dataset", "PREDICATES", "PROFILES", "source_quads", "source_nquads", "mentions", "mentioned_iris", "instrument_quads",
           "InstrumentTally", "check_profile", "canonical_iris", "corpus_dating", "is_party", "is_shared_edge", "source_graph_iri",
           "agency_iri", "type_iri", "ontology_file", "ontology_quads", "type_concepts", "INSTRUMENTS_GRAPH",
           "ONTOLOGY_GRAPH"]


def dataset(sources: Iterable[tuple[str, str, Extraction]], profile: str = "full") -> list[Quad]:
    """Every quad of the graph, from ``(label, sha256, extraction)`` of each source file.

    ``label`` is the file's path relative to the build's input; it names the file's graph. The
    ontology graph, then each file's graph (``source_quads``), then the instruments' (``instrument_quads``).
    """
    from ..extract import bind_to_file

    # a document its text does not name is its file's, by the label, as a build names it
    sources = [(label, sha256, bind_to_file(extraction, label)) for label, sha256, extraction in sources]
    summaries = [mentions(extraction) for _, _, extraction in sources]
    same = corpus_dating(summaries)
    # The ontology travels with the data, so that queries can read class labels and the
    # concepts of document types, and the graph validates on its own.
    quads: list[Quad] = ontology_quads()
    for label, sha256, extraction in sources:
        quads.extend(source_quads(label, sha256, extraction, same, profile))
    quads.extend(instrument_quads(summaries, same))
    return list(dict.fromkeys(quads))  # a file named twice is one graph


