"""The OCR-cleaning stage (placeholder until the rules land)."""

from __future__ import annotations

from ..document import Document


def clean_document(doc: Document) -> Document:
    """Repair OCR errors in the document's paragraphs and cells, in place."""
    return doc
