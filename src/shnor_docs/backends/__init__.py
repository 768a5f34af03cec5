"""One backend per input kind; each turns bytes into a :class:`~shnor_docs.document.Document`."""

from __future__ import annotations

import hashlib
from typing import Callable

from ..document import Document
from .detect import DOCX, JPEG, PDF, PNG, TEXT, TIFF, sniff

Loader = Callable[[bytes, str, str], Document]


def _loader(media_type: str) -> Loader:
    # imported lazily: the text path must not pay for pdfplumber, OpenCV or Tesseract
    if media_type == TEXT:
        from .text import load
    elif media_type == DOCX:
        from .docx import load
    elif media_type == PDF:
        from .pdf import load
    else:
        from .image import load
    return load


def load_bytes(data: bytes, name: str) -> Document:
    """Read ``data`` (the bytes of a file called ``name``) into a Document."""
    media_type = sniff(data, name)
    sha = hashlib.sha256(data).hexdigest()
    doc = _loader(media_type)(data, name, sha)
    doc.media_type = media_type
    return doc


__all__ = ["load_bytes", "sniff", "DOCX", "JPEG", "PDF", "PNG", "TEXT", "TIFF"]
