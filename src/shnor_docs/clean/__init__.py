"""The OCR-cleaning stage: small named rules (:data:`RULES`) applied in order.

``clean_text(text, trace=[])`` shows which rule changed what; :func:`clean_document` cleans a
:class:`~shnor_docs.document.Document` in place, running the OCR-only rules where the document
went through OCR or its text looks like raw OCR (:func:`looks_like_ocr`).
"""

from __future__ import annotations

from .detect import looks_like_ocr
from .rules import RULES, Context, Rule
from .stage import clean_document, clean_text

__all__ = ["RULES", "Context", "Rule", "clean_document", "clean_text", "looks_like_ocr"]
