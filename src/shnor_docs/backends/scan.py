"""PDF pages without a usable text layer: rasterise them with pypdfium2 and OCR them.

A scanned PDF is simply a PDF whose every page goes through here. A page that is one embedded
image (the usual scan) is rendered at that image's own resolution, so no pixels are invented or
thrown away; any other page at 300 dpi. Pages are recognised in parallel, one Tesseract process
per core (:func:`shnor_docs.ocr.pages.recognize_pages`).
"""

from __future__ import annotations

import logging

import cv2
import numpy as np
import pypdfium2 as pdfium

from ..document import Block
from ..errors import CorruptInput, ShnorError
from ..ocr.base import OcrError
from ..ocr.layout import merge_continued_tables
from ..ocr.pages import recognize_pages

log = logging.getLogger("shnor_docs")

DPI = 300
MIN_DPI, MAX_DPI = 150, 600  # an embedded image outside these is rendered at the nearest bound
MAX_PIXELS = 60_000_000  # a page larger than this is rendered at a lower resolution


def _scan_image(page: "pdfium.PdfPage"):
    """The page's single embedded image if the page is just that (a scan), else None."""
    try:
        objs = list(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))
    except Exception:  # a damaged content stream: render the page instead
        return None
    if len(objs) != 1:
        return None
    width_pt, height_pt = page.get_size()
    try:
        left, bottom, right, top = objs[0].get_bounds()
    except Exception:
        return None
    if right <= left or top <= bottom or (right - left) * (top - bottom) < 0.7 * width_pt * height_pt:
        return None
    return objs[0]


def page_dpi(page: "pdfium.PdfPage") -> int:
    """The resolution to render a page at: its single embedded image's own, else :data:`DPI`."""
    img = _scan_image(page)
    if img is None:
        return DPI
    left, bottom, right, top = img.get_bounds()
    px_w, px_h = img.get_px_size()
    dpi = max(px_w / ((right - left) / 72), px_h / ((top - bottom) / 72))
    return int(max(MIN_DPI, min(MAX_DPI, round(dpi))))


def _raw_scan(page: "pdfium.PdfPage"):
    """The scan's own pixels (grayscale) when the page is one upright image filling the page, else
    None. Taking the pixels avoids resampling them (rendering at the image's size still blurs
    about 2 % of the pixels) and is ten times faster than rendering."""
    img = _scan_image(page)
    if img is None or page.get_rotation() != 0:
        return None
    try:
        m = img.get_matrix()
        if abs(m.b) > 1e-6 or abs(m.c) > 1e-6 or m.a <= 0 or m.d <= 0:
            return None  # rotated or mirrored placement: let the renderer apply it
        bitmap = img.get_bitmap(render=False)
        arr = bitmap.to_numpy()
        fmt = bitmap.format
    except Exception:
        return None
    if fmt == pdfium.raw.FPDFBitmap_Gray:
        gray = arr.reshape(arr.shape[0], arr.shape[1])
    elif fmt in (pdfium.raw.FPDFBitmap_BGR, pdfium.raw.FPDFBitmap_BGRx, pdfium.raw.FPDFBitmap_BGRA):
        gray = cv2.cvtColor(np.ascontiguousarray(arr[:, :, :3]), cv2.COLOR_BGR2GRAY)
    else:
        return None
    if gray.mean() < 96:  # mostly black: an inverted mask or decode array the renderer would honour
        return None
    return np.ascontiguousarray(gray)


def _fit(page: "pdfium.PdfPage", dpi: int) -> int:
    """``dpi``, lowered if the page would otherwise exceed :data:`MAX_PIXELS` (a poster-size page)."""
    w, h = page.get_size()
    if (w * dpi / 72) * (h * dpi / 72) > MAX_PIXELS:
        return max(36, int(72 * (MAX_PIXELS / (w * h)) ** 0.5))
    return dpi


def ocr_pdf_pages(data: bytes, name: str, pages: list[int], *, lang: str = "rus",
                  engine: str = "tesseract", warnings: list[str] | None = None) -> dict[int, list[Block]]:
    """OCR the 0-based ``pages`` of the PDF ``data`` (called ``name``); the blocks per 0-based page.

    Boxes are in PDF points, pages in provenance 1-based. A table that runs from one of these pages
    onto the next is one Table (on the earlier page's list). A page read with low confidence adds
    ``"page N: low OCR confidence (C)"`` to ``warnings`` when a list is given.
    """
    if not pages:
        return {}
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise CorruptInput(name, f"unreadable PDF ({e})") from None

    def sources():
        for index in sorted(set(pages)):
            if not 0 <= index < len(pdf):
                raise CorruptInput(name, f"page {index + 1} does not exist")
            page = pdf[index]
            raw = _raw_scan(page)
            if raw is not None and raw.shape[0] * raw.shape[1] <= MAX_PIXELS:
                unit = page.get_size()[0] / raw.shape[1]  # points per pixel
                dpi = int(round(72 / unit))
                if MIN_DPI <= dpi <= MAX_DPI:
                    yield index + 1, (lambda raw=raw: raw), dpi, unit
                    continue
            dpi = _fit(page, page_dpi(page))

            def render(index=index, dpi=dpi):
                arr = pdf[index].render(scale=dpi / 72, grayscale=True).to_numpy()
                return np.ascontiguousarray(arr.reshape(arr.shape[0], arr.shape[1]))

            yield index + 1, render, dpi, 72.0 / dpi

    out: dict[int, list[Block]] = {}
    try:
        for res in recognize_pages(sources(), engine=engine, lang=lang):
            out[res.page - 1] = res.blocks
            log.info("%s: page %d OCR'd in %.2f s (confidence %s)", name, res.page, res.seconds,
                     None if res.confidence is None else round(res.confidence))
            msg = res.warning()
            if msg and warnings is not None:
                warnings.append(msg)
    except OcrError as e:
        raise ShnorError(name, f"OCR failed: {e}") from None
    finally:
        pdf.close()
    merge_continued_tables(out)
    return out
