"""Bytes -> text: decoding, Unicode clean-up and page furniture, with offsets kept.

The first stage of the data flow. ``read_text`` decodes a file (UTF-8 with or without BOM,
UTF-16, Windows-1258) and ``prepare_text`` builds the view the patterns read: NFC letters,
Đ for its lookalike Ð, invisible marks and markdown emphasis as spaces, gazette page headers
and e-signature stamps blanked. Every change but NFC keeps the length, so offsets into the
view are offsets into the text as read; where NFC composed letters, ``SourceText.offsets``
maps back.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .errors import InputError
from .models import SourceText

__all__ = ["read_text", "prepare_text", "decode_bytes"]

# Letters that look like Vietnamese ones and invisible marks: one character for one,
# so the translation keeps every offset.
_LOOKALIKES = str.maketrans({
    "\u00d0": "\u0110",  # Icelandic Eth, typed for Đ
    "\u00f0": "\u0111",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " ",
    "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ", "\ufeff": " ",
    "\u200e": " ", "\u200f": " ", "\u202a": " ", "\u202b": " ", "\u202c": " ",
    "\u202d": " ", "\u202e": " ", "\u2066": " ", "\u2067": " ", "\u2068": " ", "\u2069": " ",
    "\u00ad": " ",  # soft hyphen
    "*": " ",  # markdown emphasis from the plans' website split words like "**ỦY BAN\n**"
    "\t": " ",
    "\r": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
})

# Gazette page furniture: "CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025" with the page number on the
# line before or after, and the e-signature stamp block pasted into the text of every page.
_FURNITURE = re.compile(
    r"(?:^[ \t]*\d{1,4}[ \t]*\n(?:[ \t]*\n)*)?^[ \t]*CÔNG BÁO[ \t]*/[ \t]*Số[^\n]{0,60}$(?:\n(?:[ \t]*\n)*[ \t]*\d{1,4}[ \t]*$)?"
    r"|^Người ký:[^\n]*\n(?:Email:[^\n]*\n)?(?:Cơ quan:[^\n]*\n)?(?:Thời gian ký:[^\n]*$)?",
    re.MULTILINE,
)

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
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        if _CONTROL.search(data):
            raise InputError(path, "not a text file: it holds binary control bytes") from None
        try:
            return data.decode("cp1258")
        except UnicodeDecodeError:
            raise InputError(path, f"cannot decode as UTF-8 ({utf8_error.reason} at byte "
                                   f"{utf8_error.start}) nor as Windows-1258") from None


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(path, f"cannot decode as {encoding}: {error.reason} at byte {error.start}") from None
    return text.lstrip("\ufeff")


def read_text(path: str | Path) -> SourceText:
    """Read and prepare one file; ``InputError`` names the file when it cannot be read."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(name, error.strerror or str(error)) from None
    return prepare_text(decode_bytes(data, name), name)


def prepare_text(original: str, path: str = "<text>") -> SourceText:
    """Build the normalised view of ``original`` that the patterns read.

    >>> source = prepare_text("Quyết định số 324- QÐ/TU")
    >>> source.normalized[-5:], len(source.normalized) == len(source.original)
    ('QĐ/TU', True)
    """
    offsets = None
    text = original
    if not unicodedata.is_normalized("NFC", text):
        text, offsets = _compose(text)
    text = text.translate(_LOOKALIKES)
    if "CÔNG BÁO" in text or "Người ký:" in text:
        text = _FURNITURE.sub(_blank, text)
    return SourceText(path=path, original=original, normalized=text, offsets=offsets)


def _blank(match: re.Match) -> str:
    """Spaces for every character but newlines, so lines and offsets stay where they were."""
    return re.sub(r"[^\n]", " ", match.group(0))


_CLUSTER = re.compile(r".[\u0300-\u036f\u0323\u0309]+", re.DOTALL)


def _compose(text: str) -> tuple[str, tuple[int, ...]]:
    """NFC by letter clusters, recording where each composed character came from."""
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _CLUSTER.finditer(text):
        start, end = match.span()
        if start > position:
            plain = unicodedata.normalize("NFC", text[position:start])
            if len(plain) == start - position:
                pieces.append(plain)
                offsets.extend(range(position, start))
            else:  # rare: composition outside the combining-mark ranges above
                for index in range(position, start):
                    pieces.append(unicodedata.normalize("NFC", text[index]))
                    offsets.extend([index] * len(pieces[-1]))
        composed = unicodedata.normalize("NFC", match.group(0))
        pieces.append(composed)
        # every composed character starts at the cluster's start; a trailing mark that did
        # not compose maps to itself
        offsets.extend([start] + [min(start + 1 + k, end - 1) for k in range(len(composed) - 1)])
        position = end
    if position < len(text):
        tail = unicodedata.normalize("NFC", text[position:])
        pieces.append(tail)
        offsets.extend(range(position, position + len(tail)))
    offsets.append(len(text))
    return "".join(pieces), tuple(offsets)
