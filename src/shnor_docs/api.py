"""The library's entry points: read a file, extract the contract's records, or show its text."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Union

from .backends import load_bytes
from .document import Document
from .errors import CorruptInput, ShnorError
from .records import ExtractionResult

PathOrBytes = Union[str, os.PathLike, bytes, bytearray, memoryview]


def _read(source: PathOrBytes, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), name or "document"
    path = Path(source)
    label = name or path.name or str(path)
    try:
        if path.is_dir():
            raise CorruptInput(str(path), "is a directory, not a file")
        return path.read_bytes(), label
    except FileNotFoundError:
        raise ShnorError(str(path), "no such file") from None
    except PermissionError:
        raise ShnorError(str(path), "permission denied") from None
    except OSError as e:  # symlink loops, devices, I/O errors
        raise ShnorError(str(path), e.strerror or e.__class__.__name__) from None


def load_document(source: PathOrBytes, name: str | None = None, *, clean: bool = True,
                  trace: list | None = None) -> Document:
    """Read a file (a path, or bytes plus a file name) into the working :class:`Document`.

    OCR runs on pages that have no usable text; with ``clean`` the OCR-cleaning stage repairs
    the text (it leaves clean text as it is). When ``trace`` is a list, each change the cleaning
    stage makes is appended to it as ``(rule_name, before, after)``.
    """
    data, label = _read(source, name)
    try:
        doc = load_bytes(data, label)
    except ShnorError as e:
        if isinstance(source, (bytes, bytearray, memoryview)) or str(source) == e.file:
            raise
        # name the file as the user gave it («dir/x.pdf»), not by its base name
        raise type(e)(str(source), e.reason) from None
    if clean:
        from .clean import clean_document

        clean_document(doc, trace=trace)
    return doc


def extract(source: PathOrBytes, name: str | None = None) -> ExtractionResult:
    """Extract the order, roadmaps, schools, persons and references from one file.

    ``source`` is a path or the file's bytes (then ``name`` gives the file name, whose extension
    helps tell the kind). Raises :class:`~shnor_docs.errors.ShnorError` for a file that cannot
    be read; anything the pipeline could read but not understand goes to ``result.warnings``.
    """
    from .pipeline import run

    return run(load_document(source, name))


def document_text(source: PathOrBytes, name: str | None = None, *, raw: bool = False) -> str:
    """The document's text (after OCR where needed) in the seeds' format; cleaned unless ``raw``."""
    doc = load_document(source, name, clean=not raw)
    if raw and doc.raw_text is not None:
        return doc.raw_text
    return doc.text()
