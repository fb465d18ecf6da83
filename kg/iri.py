"""Canonical IRIs: they depend only on what identifies a thing, never on how it was written."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from .namespaces import ID

__all__ = ["slug", "identity_number", "instrument_iri", "file_iri", "is_file_iri", "section_iri", "provision_iri", "source_graph_iri",
           "agency_iri", "type_iri", "ONTOLOGY_GRAPH", "INSTRUMENTS_GRAPH"]

#: The named graph of the ontology and the concepts of document types (kg.rdf.ontology_quads).
ONTOLOGY_GRAPH = ID + "graph/ontology"
#: The named graph of the instruments, described once over the corpus (kg.rdf.instrument_quads).
INSTRUMENTS_GRAPH = ID + "graph/instruments"

_NON_WORD = re.compile(r"[^a-z0-9]+")


# The same section numbers ("Điều 3", "2", "a"), types and issuers recur in every document.
@lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """ASCII slug: Vietnamese letters lose their marks, Đ becomes d, the rest joins with '-'.

    >>> slug("15/2019/QĐ-UBND")
    '15-2019-qd-ubnd'
    >>> slug("Luật Tố cáo")
    'luat-to-cao'
    """
    text = text.replace("Đ", "D").replace("đ", "d").replace("\u00d0", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub("-", text.lower()).strip("-")


_LEADING_ZEROS = re.compile(r"^0+(?=\d)")


def identity_number(number: str) -> str:
    """A number as it identifies: its sequence number without leading zeros, for the same instrument
    is printed "04/2023/NĐ-CP" in one place and "4/2023/NĐ-CP" in another (output keeps it as printed).

    >>> identity_number("04/2023/NĐ-CP"), identity_number("05-CT/TU"), identity_number("104/2023/QH15")
    ('4/2023/NĐ-CP', '5-CT/TU', '104/2023/QH15')
    """
    return _LEADING_ZEROS.sub("", number)


def instrument_iri(doc_type: str, number: str | None, year: int | None,
                   jurisdiction: str | None = None, title: str | None = None) -> str:
    """The IRI of an instrument.

    A number is unique only within its issuer's series of a year, and local series
    (every province issues a 454/QĐ-UBND) also within their province: ``jurisdiction``
    is that province for local numbers and None for national ones.

    >>> instrument_iri("Chỉ thị", "33/CT-TTg", 2021)
    'https://w3id.org/kg-vn/id/chi-thi/33-ct-ttg/2021'
    >>> instrument_iri("Quyết định", "454/QĐ-UBND", 2018, "tỉnh Kon Tum")
    'https://w3id.org/kg-vn/id/quyet-dinh/454-qd-ubnd/2018/tinh-kon-tum'
    >>> instrument_iri("Luật", None, 2018, title="Luật Tố cáo")
    'https://w3id.org/kg-vn/id/luat/title/luat-to-cao/2018'
    >>> instrument_iri("Nghị định", "04/2023/NĐ-CP", 2023) == instrument_iri("Nghị định", "4/2023/NĐ-CP", 2023)
    True
    """
    parts = [slug(doc_type)]
    if number:
        parts += [slug(identity_number(number)), str(year) if year else "undated"]
    else:
        parts += ["title", slug(title or "untitled"), str(year) if year else "undated"]
    if jurisdiction:
        parts.append(slug(jurisdiction))
    return ID + "/".join(parts)


def file_iri(doc_type: str, path: str) -> str:
    """The IRI of a document whose own number was not found: its file names it, so that no two
    files share one (a shared "untitled" node took every such file's citations as its own).

    ``path`` is the file as the build labels it, relative to the folder the input names, so the
    IRI stays the same from build to build; a short hash of it keeps apart two paths that slug
    alike ("a/b.md", "a-b.md").

    >>> file_iri("Văn bản", "luat/dieu-5.md")
    'https://w3id.org/kg-vn/id/van-ban/file/luat-dieu-5-md-5aa5251f'
    >>> file_iri("Văn bản", "luat-dieu-5.md") != file_iri("Văn bản", "luat/dieu-5.md")
    True
    """
    path = path.replace("\\", "/")
    digest = hashlib.sha1(path.encode("utf-8")).hexdigest()[:8]
    return ID + "/".join([slug(doc_type), "file", f"{slug(path)}-{digest}"])


def is_file_iri(iri: str) -> bool:
    """Whether ``iri`` was made by ``file_iri``."""
    parts = iri[len(ID):].split("/")
    return iri.startswith(ID) and len(parts) == 3 and parts[1] == "file"


def section_iri(document_iri: str, section_id: str) -> str:
    """The IRI of a section ("II.4", "Điều 3.2", "appendix.7") of a document.

    >>> section_iri("https://w3id.org/kg-vn/id/nghi-dinh/158-2025-nd-cp/2025", "Điều 3.2")
    'https://w3id.org/kg-vn/id/nghi-dinh/158-2025-nd-cp/2025/section/dieu-3.2'
    >>> section_iri("d", "Điều 3.2.đ") != section_iri("d", "Điều 3.2.d"), section_iri("d", "II.4.-3")
    (True, 'd/section/ii.4.dash-3')

    >>> section_iri("https://w3id.org/kg-vn/id/ke-hoach/322-kh-ubnd/2023/tinh-kon-tum", "II.4")
    'https://w3id.org/kg-vn/id/ke-hoach/322-kh-ubnd/2023/tinh-kon-tum/section/ii.4'
    """
    # a point "đ)" follows "d)": its own letter keeps it apart once the marks are gone; and a task's dash "-3"
    # ("II.4.-3") its word, apart from item "II.4.3"
    return document_iri + "/section/" + ".".join("dd" if part in ("đ", "Đ") else "dash-" + slug(part)
                                                 if part.startswith("-") else slug(part)
                                                 for part in section_id.split("."))


def provision_iri(instrument_iri: str, provision_id: str) -> str:
    """The IRI of a part of an instrument that a text names ("Điều 19.3.d", "Chương V", "Phụ lục II"):
    the IRI that instrument's own section of that id has, so that a cited article and the article
    of the document in the corpus are one node.

    >>> provision_iri("https://w3id.org/kg-vn/id/nghi-dinh/34-2016-nd-cp/2016", "Điều 19.3.d")
    'https://w3id.org/kg-vn/id/nghi-dinh/34-2016-nd-cp/2016/section/dieu-19.3.d'
    """
    return section_iri(instrument_iri, provision_id)


def source_graph_iri(label: str) -> str:
    """The named graph (and node) of a source file, from its path relative to the build's input.

    >>> source_graph_iri("corpus/plans/a b.txt")
    'https://w3id.org/kg-vn/id/source/corpus/plans/a%20b.txt'
    """
    return ID + "source/" + quote(label.replace("\\", "/").lstrip("./"), safe="/-_.~")


def agency_iri(name: str) -> str:
    """The node of an issuing body or an agency given a task, by its full name.

    >>> agency_iri("Ủy ban nhân dân tỉnh Kon Tum")
    'https://w3id.org/kg-vn/id/agency/uy-ban-nhan-dan-tinh-kon-tum'
    """
    return ID + "agency/" + slug(name)


def type_iri(doc_type: str) -> str:
    """The SKOS concept of a kind of instrument (kg/data/document_types.json lists them).

    >>> type_iri("Quyết định")
    'https://w3id.org/kg-vn/id/type/quyet-dinh'
    """
    return ID + "type/" + slug(doc_type)
