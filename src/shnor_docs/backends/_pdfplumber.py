"""The only place that calls pdfplumber/pdfminer: open a PDF and read one page's raw material.

Everything pdfminer can raise on a bad file is turned into a one-line :class:`CorruptInput`, so
the rest of the PDF backend works on plain Python values (words, table grids) and never sees a
pdfminer exception.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from typing import Iterator

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import CorruptInput

log = logging.getLogger("shnor_docs")

#: the table finder's settings: ruled tables only (lines drawn as lines or thin rectangles)
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
                  "join_tolerance": 3, "intersection_tolerance": 3}


@dataclass
class Word:
    """One word of the text layer, in PDF points from the page's top-left corner."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool


@dataclass
class RawTable:
    """A ruled table as found on one page: the grid rows (``None`` where a merged cell sits) and
    each cell's text with its own line breaks."""

    bbox: tuple[float, float, float, float]
    cells: list[list[tuple[float, float, float, float] | None]]
    texts: list[list[str | None]]


@dataclass
class RawPage:
    """What the backend needs from one page, read in one pass."""

    number: int  # 1-based
    width: float
    height: float
    n_chars: int
    words: list[Word] = field(default_factory=list)  # outside tables
    tables: list[RawTable] = field(default_factory=list)


def _reason(exc: BaseException) -> str:
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
        return "encrypted PDF (password protected)"
    text = str(inner).strip().splitlines()[0] if str(inner).strip() else inner.__class__.__name__
    return f"damaged or truncated PDF: {text[:120]}"


@contextmanager
def open_pdf(data: bytes, name: str) -> Iterator[pdfplumber.PDF]:
    """The opened PDF; a damaged, truncated or encrypted file raises :class:`CorruptInput`."""
    try:
        pdf = pdfplumber.open(BytesIO(data))
    except Exception as e:  # pdfminer raises a wide zoo of exceptions on broken files
        raise CorruptInput(name, _reason(e)) from None
    try:
        yield pdf
    finally:
        pdf.close()


def page_count(pdf: pdfplumber.PDF, name: str) -> int:
    """Number of pages, reading the page tree (which can itself be damaged)."""
    try:
        return len(pdf.pages)
    except Exception as e:
        raise CorruptInput(name, _reason(e)) from None


def _table_settings(page) -> dict:
    """The finder's settings plus rules closing a table left open at a page break: a table
    that runs on often has no bottom (or top) rule on the page, and its last row would be lost."""
    vertical = [e for e in page.edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 10]
    if not vertical:
        return TABLE_SETTINGS
    return dict(TABLE_SETTINGS, explicit_horizontal_lines=[min(e["top"] for e in vertical),
                                                           max(e["bottom"] for e in vertical)])


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def read_page(pdf: pdfplumber.PDF, index: int, name: str) -> RawPage:
    """Words outside tables and the ruled tables of page ``index`` (0-based)."""
    try:
        page = pdf.pages[index]
        chars = page.chars
        raw = RawPage(number=index + 1, width=float(page.width), height=float(page.height),
                      n_chars=len(chars))
        if not chars:
            return raw
        boxes: list[tuple[float, float, float, float]] = []
        # find_tables is the costly step; a page without any drawn lines cannot hold a ruled table
        if page.lines or page.rects:
            for t in page.find_tables(_table_settings(page)):
                texts = t.extract(x_tolerance=1.5, y_tolerance=3)
                if not texts or (len(texts) < 2 and len(texts[0]) < 2):
                    continue  # a framed paragraph, not a table
                cells = [list(r.cells) for r in t.rows]
                raw.tables.append(RawTable(bbox=tuple(t.bbox), cells=cells, texts=texts))
                boxes.append(tuple(t.bbox))
        outside = page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, boxes)) \
            if boxes else page
        for w in outside.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False,
                                       extra_attrs=["fontname", "size"]):
            raw.words.append(Word(text=w["text"], x0=float(w["x0"]), top=float(w["top"]),
                                  x1=float(w["x1"]), bottom=float(w["bottom"]), size=float(w["size"]),
                                  bold="bold" in w["fontname"].lower()))
        return raw
    except CorruptInput:
        raise
    except Exception as e:
        raise CorruptInput(name, _reason(e)) from None
