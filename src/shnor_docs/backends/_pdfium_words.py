"""The only place the PDF backend calls pypdfium2: a fast first read of every page.

pdfplumber spends most of its time turning each glyph into a dictionary; PDFium reads the same
text layer about seven times faster. Pages that draw no paths cannot hold a ruled table, so
their words come from here and pdfplumber is asked only about the pages with drawn lines.
"""

from __future__ import annotations

import ctypes
import logging

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ._pdfplumber import RawPage, Word

log = logging.getLogger("shnor_docs")

_GAP = 1.5  # points of white space between two glyphs that part two words (pdfplumber's x_tolerance)


def _font(textpage, i: int, cache: dict) -> tuple[float, bool]:
    size = float(pdfium_c.FPDFText_GetFontSize(textpage, i))
    weight = pdfium_c.FPDFText_GetFontWeight(textpage, i)
    buf = ctypes.create_string_buffer(96)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage, i, buf, 96, ctypes.byref(flags))
    name = buf.value
    bold = cache.get(name)
    if bold is None:
        bold = b"bold" in name.lower() or b"black" in name.lower() or b"heavy" in name.lower()
        cache[name] = bold
    return size, bold or weight >= 600


def _words(page) -> tuple[list[Word], int]:
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        n = textpage.count_chars()
        raw_tp = textpage.raw
        words: list[Word] = []
        cur: list = []  # [text, x0, top, x1, bottom, size, bold]
        fonts: dict = {}
        inked = 0
        for i in range(n):
            code = pdfium_c.FPDFText_GetUnicode(raw_tp, i)
            ch = "-" if code == 2 else chr(code)  # PDFium reports a line-end soft hyphen as 0x02
            if ch.isspace() or code == 0 or pdfium_c.FPDFText_IsGenerated(raw_tp, i) == 1:
                if cur:
                    words.append(Word(*cur))
                    cur = []
                continue
            inked += 1
            left, bottom, right, _ = textpage.get_charbox(i, loose=True)
            size, bold = _font(raw_tp, i, fonts)
            # the loose box's bottom sits at the font's descent for every glyph, but its top
            # follows tall glyphs («Й»): measure the top from the bottom, like pdfplumber's
            y1 = height - bottom
            y0 = y1 - size
            if cur and (left - cur[3] > _GAP or left < cur[1] - 0.5 or abs(y1 - cur[4]) > 0.3 * max(size, 1.0)
                        or bold != cur[6]):
                words.append(Word(*cur))
                cur = []
            if cur:
                cur[0] += ch
                cur[3] = max(cur[3], right)
                cur[4] = max(cur[4], y1)
            else:
                cur = [ch, left, y0, right, y1, size, bold]
        if cur:
            words.append(Word(*cur))
        return words, inked
    finally:
        textpage.close()


def _has_paths(page) -> bool:
    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3):
        return True
    return False


def read_pages(data: bytes) -> list[RawPage | None] | None:
    """Every page read by PDFium: a RawPage for a page without drawn paths, ``None`` for a page
    that pdfplumber must read (it may hold a ruled table). ``None`` when PDFium cannot read
    the file at all (pdfplumber then reads everything, and reports the damage)."""
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as e:  # damaged or encrypted: pdfplumber gives the reason
        log.debug("PDFium could not open the file: %s", e)
        return None
    out: list[RawPage | None] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                if _has_paths(page):
                    out.append(None)
                    continue
                words, inked = _words(page)
                out.append(RawPage(number=index + 1, width=float(page.get_width()),
                                   height=float(page.get_height()), n_chars=inked, words=words))
            finally:
                page.close()
    except Exception as e:
        log.debug("PDFium failed on a page: %s", e)
        return None
    finally:
        pdf.close()
    return out
