"""Files -> text: one reader for each format a legal text is downloaded in.

Official sites give a text as a Word file (``.docx``), a PDF, or an HTML page; datasets give
``.txt`` and ``.md``, in any of the encodings Vietnamese text is saved in (``decode_bytes``: UTF-8
with or without BOM, UTF-16, Windows-1258, mojibake repaired). ``file_text`` reads any of them into
the one plain text the later stages read (``kg.text.prepare_text`` makes the ``SourceText`` of it,
so every offset indexes that extracted text). A format that holds no text to read, a Word 97-2003 ``.doc`` or a scanned PDF
without a text layer, is an ``InputError`` that names the file and says what to convert it to.

- ``.docx`` (python-docx): paragraphs and tables in the order of the body; a table row is one
  line, its cells between "|" as on the sites' markdown, so a plan's table of tasks and the
  header's two columns ("ỦY BAN NHÂN DÂN ... | CỘNG HÒA ...") read as they do there.
- ``.pdf`` (pypdf): the text layer, page by page.
- ``.html``/``.htm`` (the standard library's parser): the document's body only, the container
  the legal-document sites put it in (``kg/data/html_bodies.json``), without menus, related
  documents and scripts, whose numbers are not the document's citations.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from .errors import InputError

__all__ = ["file_text", "bytes_text", "decode_bytes", "SUFFIXES", "docx_text", "pdf_text", "html_text"]

#: Suffix -> format; ``kg.extract.iter_text_files`` walks directories for these.
SUFFIXES = {".txt": "text", ".md": "text", ".text": "text", ".docx": "docx", ".pdf": "pdf",
            ".html": "html", ".htm": "html", ".doc": "doc"}

_DATA = Path(__file__).parent / "data"


def file_text(path: str | Path) -> str:
    """The text of one file, by its format; ``InputError`` names the file when it has none."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(name, error.strerror or str(error)) from None
    return bytes_text(data, name)


def bytes_text(data: bytes, name: str) -> str:
    """The text of a file's bytes, by the format its name says (``kg build`` reads the bytes itself,
    bounded in size, and keys its cache by them)."""
    kind = SUFFIXES.get(Path(name).suffix.lower(), "text")
    if kind == "doc" or (kind == "text" and data.startswith(b"\xd0\xcf\x11\xe0") and name.lower().endswith(".doc")):
        raise InputError(name, "a Word 97-2003 .doc file, which kg cannot read: save it as .docx "
                               "(Word: Save As; or `libreoffice --headless --convert-to docx FILE`)")
    if kind == "docx":
        return docx_text(data, name)
    if kind == "pdf":
        return pdf_text(data, name)
    if kind == "html":
        return html_text(decode_bytes(data, name), name)
    return decode_bytes(data, name)


_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (DOCX, XLSX or similar)",
    b"\xd0\xcf\x11\xe0": "an OLE document (DOC, XLS)",
    b"\x7fELF": "an executable",
}

# Byte values that cp1258 leaves undefined; a file holding them is not Windows-1258 text.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def decode_bytes(data: bytes, path: str = "<bytes>") -> str:
    """Decode a legal text, raising ``InputError`` that names ``path`` when it is not text.

    >>> decode_bytes("Số: 33/CT-TTg".encode("utf-16"))
    'Số: 33/CT-TTg'
    """
    if not data.strip():
        raise InputError(path, "empty file")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"not a text file: it is {kind}")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path)
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 4:  # UTF-16 without a BOM: every other byte is 0
        encoding = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return _strict(data, encoding, path)
    try:
        return _unmangle(data.decode("utf-8"))
    except UnicodeDecodeError as utf8_error:
        if _CONTROL.search(data):
            raise InputError(path, "not a text file: it holds binary control bytes") from None
        try:
            return data.decode("cp1258")
        except UnicodeDecodeError:
            raise InputError(path, f"cannot decode as UTF-8 ({utf8_error.reason} at byte "
                                   f"{utf8_error.start}) nor as Windows-1258") from None


# UTF-8 read as Windows-1252 (or Latin-1) and saved again: "Quyết định" became "Quyáº¿t Ä‘á»‹nh"
_MOJIBAKE = re.compile("á[º»]|Ä[‘\u0091]|Æ°|Ã[¡-¿]")


def _unmangle(text: str) -> str:
    """Repair mojibake when the whole text decodes back to UTF-8; leave any other text alone."""
    if len(_MOJIBAKE.findall(text, 0, 20000)) < 3:
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(path, f"cannot decode as {encoding}: {error.reason} at byte {error.start}") from None
    return text.lstrip("\ufeff")


# ---------------------------------------------------------------- .docx

def docx_text(data: bytes, name: str = "<docx>") -> str:
    """The paragraphs and table rows of a Word document's body, in order, one a line."""
    import io
    import zipfile

    try:
        import docx
        from docx.oxml.ns import qn
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError(name, "reading .docx needs python-docx (pip install python-docx)") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(name, f"not a readable .docx file ({error})") from None
    lines: list[str] = []
    paragraph, table = qn("w:p"), qn("w:tbl")
    for child in document.element.body.iterchildren():
        if child.tag == paragraph:
            lines.append(_paragraph_text(child))
        elif child.tag == table:
            lines.extend(_table_lines(child))
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(name, "a .docx file with no text in its body")
    return text + "\n"


def _paragraph_text(element) -> str:
    from docx.oxml.ns import qn

    pieces = []
    for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        pieces.append(node.text or "" if node.tag == qn("w:t") else (" " if node.tag == qn("w:tab") else "\n"))
    return "".join(pieces)


def _table_lines(element) -> list[str]:
    """Each row as "| cell | cell |"; a cell's paragraphs joined by spaces, a merged cell once."""
    from docx.oxml.ns import qn

    lines = []
    for row in element.iterchildren(qn("w:tr")):
        cells = []
        for cell in row.iterchildren(qn("w:tc")):
            merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if merge is not None and merge.get(qn("w:val")) != "restart":
                cells.append("")  # the rest of a cell merged downwards: its text stands above
                continue
            text = " ".join(_paragraph_text(p) for p in cell.iter(qn("w:p")))
            cells.append(" ".join(text.split()))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


# ---------------------------------------------------------------- .pdf

#: Fewer characters a page than this, on every page: the PDF is images (a scan) with no text layer.
_SCANNED_CHARS_PER_PAGE = 20


def pdf_text(data: bytes, name: str = "<pdf>") -> str:
    """The text layer of a PDF, page after page; a scan without one is an ``InputError``."""
    import io
    import logging

    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError(name, "reading .pdf needs pypdf (pip install pypdf)") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about damaged xrefs it repairs
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(name, "an encrypted PDF: save it without a password, or as .docx")
        pages = [page.extract_text() or "" for page in reader.pages]
    except PdfReadError as error:
        raise InputError(name, f"not a readable PDF ({error})") from None
    if sum(len(page.strip()) for page in pages) < _SCANNED_CHARS_PER_PAGE * max(len(pages), 1):
        raise InputError(name, f"a PDF without a text layer ({len(pages)} page(s) of images, a scan): "
                               "run OCR on it first (e.g. `ocrmypdf -l vie FILE out.pdf`) or get the .docx")
    return "\n".join(page.rstrip("\n") for page in pages) + "\n"


# ---------------------------------------------------------------- .html

@lru_cache(maxsize=1)
def _html_rules() -> dict:
    return json.loads((_DATA / "html_bodies.json").read_text(encoding="utf-8"))


_BLOCKS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article blockquote pre hr dd dt title".split())
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _BodyText(HTMLParser):
    """The text of an HTML page, from the first container ``_html_rules`` names, else from its
    ``<main>``/``<article>``, else from its ``<body>``; lines break where blocks do."""

    def __init__(self, containers: list[dict], skip: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.containers = containers
        self.skip = skip
        self.skipping = 0  # depth inside script, style, nav...
        self.capture: dict[str, list] = {}  # container key -> [tag, depth, pieces]
        self.whole: list[str] = []
        self.cells = 0  # depth inside td/th: a cell's blocks are one line, as on the sites' markdown
        self.preformatted = 0  # depth inside <pre>, whose line breaks are the text's

    def _key(self, tag: str, attrs: dict) -> str | None:
        classes = set((attrs.get("class") or "").split())
        for index, container in enumerate(self.containers):
            if "id" in container and attrs.get("id") == container["id"]:
                return f"{index}"
            if "class" in container and container["class"] in classes:
                return f"{index}"
            if "tag" in container and tag == container["tag"]:
                return f"{index}"
        return None

    def _emit(self, text: str) -> None:
        if self.skipping:
            return
        self.whole.append(text)
        for entry in self.capture.values():
            if entry[1] > 0:
                entry[2].append(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.skip and tag not in _VOID:
            self.skipping += 1
            return
        for entry in self.capture.values():
            if entry[1] > 0 and entry[0] == tag:
                entry[1] += 1
        key = self._key(tag, attrs)
        if key is not None and key not in self.capture and not self.skipping:
            self.capture[key] = [tag, 1, []]
        if tag == "pre":
            self.preformatted += 1
        if tag in ("td", "th"):
            self.cells += 1
            self._emit(" | ")
        elif tag in _BLOCKS:
            self._emit(" " if self.cells and tag != "tr" else "\n")

    def handle_endtag(self, tag):
        if tag in self.skip and tag not in _VOID:
            self.skipping = max(self.skipping - 1, 0)
            return
        if tag == "pre":
            self.preformatted = max(self.preformatted - 1, 0)
        if tag in ("td", "th"):
            self.cells = max(self.cells - 1, 0)
        elif tag == "tr":
            self.cells = 0
            self._emit(" |\n")
        elif tag in _BLOCKS:
            self._emit(" " if self.cells else "\n")
        for entry in self.capture.values():
            if entry[1] > 0 and entry[0] == tag:
                entry[1] -= 1

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS:
            self._emit(" " if self.cells else "\n")

    def handle_data(self, data):
        # a run of spaces and line breaks is one space, as a browser shows it: Word's HTML wraps
        # a paragraph's source lines at ~80 columns, and puts a line break between its tags
        self._emit(data if self.preformatted else _WHITE_RUN.sub(" ", data))

    def body(self) -> str:
        for index in range(len(self.containers)):
            entry = self.capture.get(f"{index}")
            if entry and "".join(entry[2]).strip():
                return "".join(entry[2])
        return "".join(self.whole)


_SPACES = re.compile(r"[ \t\u00a0]+")
_WHITE_RUN = re.compile(r"[ \t\r\n\f]+")  # HTML's white space (not the no-break space)


def html_text(page: str, name: str = "<html>") -> str:
    """The document's body of an HTML page, as lines of text."""
    rules = _html_rules()
    parser = _BodyText(rules["containers"], frozenset(rules["skip"]))
    try:
        parser.feed(page)
        parser.close()
    except AssertionError as error:  # html.parser's own complaint about broken markup
        raise InputError(name, f"HTML the parser cannot read ({error})") from None
    lines = []
    for line in parser.body().split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if line.startswith("| "):
            line = "| " + line[2:].lstrip("| ")  # the row's first cell opened it
        lines.append(line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    if not text.strip():
        raise InputError(name, "an HTML page with no text in its body")
    return text + "\n"
