"""Text -> the document's structure: parts, items, tasks, articles, appendix rows.

(Being written: returns no sections yet.)
"""
from __future__ import annotations

from .models import Document, Section, SourceText

__all__ = ["parse_sections"]


def parse_sections(source: SourceText, document: Document) -> tuple[Section, ...]:
    """The sections of ``source``, parents before children, offsets into the original text."""
    return ()
