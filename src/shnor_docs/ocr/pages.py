"""One page image to blocks (orientation, deskew, ruled tables, one OCR pass, tables without
rulings from the words' layout, layout), and many pages at once: one Tesseract process per core.

Per page the cost is one OCR pass plus a few tenths of a second of OpenCV work. Orientation is
checked cheaply first (:func:`~shnor_docs.ocr.preprocess.analyse`: text lines run across the
page or down it); Tesseract's slower orientation detection runs only for a page on its side, or
when the OCR pass came back with a confidence too low for an upright page (an upside-down page).
"""

from __future__ import annotations

import logging
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

import cv2
import numpy as np

from ..document import Block, Provenance, Table
from ..tables.image_columns import drop_gap_marks, find_borderless_tables
from ..tables.image_grid import GridTable, find_tables
from .base import OcrEngine, OcrPage, get_engine
from .layout import page_blocks
from .preprocess import analyse, deskew, rotate_quarter, to_gray

log = logging.getLogger("shnor_docs")

#: mean word confidence below which the page is reported as poorly recognised
LOW_CONFIDENCE = 60.0
#: a cell of at most SHORT_CELL characters read with less confidence is read again on its own
SHORT_CELL, SHORT_CELL_CONF, MAX_REREADS = 3, 75.0, 12
_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,2})*[.)]?$")  # «3», «3.», «1.2.», «2.10»
_LATIN = re.compile(r"[A-Za-z]")
#: below this an upright page is unlikely: ask the engine whether the page is upside down
RETRY_ORIENTATION = 50.0


@dataclass
class PageResult:
    """One recognised page: its blocks and what was done to read them."""

    page: int
    blocks: list[Block] = field(default_factory=list)
    confidence: float | None = None
    words: int = 0
    rotation: int = 0  # clockwise degrees applied
    skew: float = 0.0  # counter-clockwise degrees applied
    seconds: float = 0.0

    def warning(self) -> str | None:
        if self.confidence is not None and self.confidence < LOW_CONFIDENCE:
            return f"page {self.page}: low OCR confidence ({self.confidence:.0f})"
        return None


def _read(gray: np.ndarray, dpi: int, engine: OcrEngine, lang: str) -> tuple[OcrPage, list[GridTable]]:
    """Tables found on the level page, then one OCR pass over it with the tables' rulings erased."""
    tables, rules = find_tables(gray, dpi)
    image = gray
    if tables:
        image = gray.copy()
        keep = np.zeros_like(rules)
        for t in tables:
            x0, y0, x1, y1 = t.box
            pad = max(4, dpi // 50)
            keep[max(0, y0 - pad): y1 + pad + 1, max(0, x0 - pad): x1 + pad + 1] = 255
        erase = cv2.dilate(cv2.bitwise_and(rules, keep), np.ones((3, 3), np.uint8))
        image[erase > 0] = 255
    return engine.recognize(image, lang=lang, dpi=dpi), tables


def _reread_short_cells(blocks: list[Block], gray: np.ndarray, dpi: int, unit: float, engine: OcrEngine,
                        lang: str) -> None:
    """Read short, doubtful cells (row numbers, single digits) again as one line each.

    In the page pass a lone «3» in a number column is often read as «Е»; cropped and read as a line
    it is not. Only a handful of cells per page qualify, each costing one small Tesseract run.
    """
    reread = getattr(engine, "recognize_line", None)
    if reread is None:
        return
    budget = MAX_REREADS
    pad = max(4, dpi // 50)
    for table in (b for b in blocks if isinstance(b, Table)):
        for row in table.rows:
            for cell in row:
                conf = cell.prov.confidence if cell.prov else None
                if budget <= 0 or conf is None or conf >= SHORT_CELL_CONF or len(cell.text) > SHORT_CELL:
                    continue
                budget -= 1
                x0, y0, x1, y1 = (int(round(v / unit)) for v in cell.prov.box)
                crop = gray[y0 + pad: y1 - pad, x0 + pad: x1 - pad]
                if crop.size == 0:
                    continue
                # binarised first: grey paper inside a pure white border makes Tesseract's own
                # threshold misplace the strokes («1.1.» read as «ты.», and as «1.1.» once binarised)
                _, crop = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
                crop = cv2.copyMakeBorder(crop, 30, 30, 30, 30, cv2.BORDER_CONSTANT, value=255)
                # with English added the model reads a lone digit as a digit; plain rus reads «3» as «Е.»
                page = reread(crop, lang=lang if "eng" in lang else lang + "+eng", dpi=dpi)
                new_conf = page.mean_confidence()
                text = " ".join(w.text for w in page.words)
                if new_conf is None or not text or len(text) > SHORT_CELL + 2 or _LATIN.search(text):
                    continue
                if (_NUMBER.match(text) and not _NUMBER.match(cell.text)) or new_conf > conf + 5:
                    cell.text = text
                    cell.prov = Provenance(cell.prov.page, cell.prov.box, new_conf)


def _better(a: OcrPage, b: OcrPage) -> bool:
    """Whether reading ``b`` is better than ``a`` (more confident, and not nearly empty)."""
    ca, cb = a.mean_confidence() or 0.0, b.mean_confidence() or 0.0
    return cb > ca + 10 and len(b.words) >= 0.3 * len(a.words)


def recognize_page(image: Any, page: int, *, dpi: int = 300, unit: float = 1.0,
                   engine: OcrEngine | str = "tesseract", lang: str = "rus") -> PageResult:
    """Read one page image (PIL image or numpy array) into blocks; boxes are scaled by ``unit``."""
    start = time.perf_counter()
    eng = get_engine(engine) if isinstance(engine, str) else engine
    gray = to_gray(image)
    rotation = 0
    sideways, angle = analyse(gray)
    if sideways:
        turn = eng.orientation(gray)
        rotation = turn if turn in (90, 270) else 90
        gray = rotate_quarter(gray, rotation)
        _, angle = analyse(gray)
    gray, skew = deskew(gray, angle)
    ocr, tables = _read(gray, dpi, eng, lang)
    conf = ocr.mean_confidence()
    if conf is not None and conf < RETRY_ORIENTATION and eng.name != "null":
        # an upside-down page (or a side page turned the wrong way) reads as confident-less noise
        turn = eng.orientation(gray)
        candidates = [turn] if turn in (90, 180, 270) else ([180] if sideways else [])
        for extra in candidates:
            turned = rotate_quarter(gray, extra)
            _, a2 = analyse(turned)
            turned, s2 = deskew(turned, a2)
            ocr2, tables2 = _read(turned, dpi, eng, lang)
            if _better(ocr, ocr2):
                ocr, tables, gray = ocr2, tables2, turned
                rotation, skew = (rotation + extra) % 360, s2
                break
    # a table printed without rulings (a plan of measures in columns only), from the words' layout
    borderless = find_borderless_tables(ocr.words, ruled=tables)
    if borderless:
        log.debug("page %d: %d table(s) found without rulings", page, len(borderless))
        ocr = OcrPage(words=drop_gap_marks(ocr.words, borderless), size=ocr.size, dpi=ocr.dpi)
        tables = sorted([*tables, *borderless], key=lambda t: (t.box[1], t.box[0]))
    blocks = page_blocks(ocr, tables, page, unit)
    if tables:
        _reread_short_cells(blocks, gray, dpi, unit, eng, lang)
    res = PageResult(page=page, blocks=blocks, confidence=ocr.mean_confidence(), words=len(ocr.words),
                     rotation=rotation, skew=skew, seconds=time.perf_counter() - start)
    log.debug("page %d: %d words, confidence %s, rotation %d, skew %.2f, %.2f s", page, res.words,
              res.confidence, rotation, skew, res.seconds)
    return res


PageSource = tuple[int, Callable[[], Any], int, float]  # (page, image loader, dpi, unit)

#: environment variable: how many pages of one document are OCR'd at once (default: every core)
OCR_WORKERS_ENV = "SHNOR_OCR_WORKERS"


def ocr_workers() -> int:
    """Pages of one document read at once: ``$SHNOR_OCR_WORKERS`` or the number of cores. A batch
    running several documents at once sets it so that documents × pages ≈ cores."""
    try:
        return max(1, int(os.environ.get(OCR_WORKERS_ENV, "")))
    except ValueError:
        return os.cpu_count() or 1


def recognize_pages(sources: Iterable[PageSource], *, engine: str = "tesseract", lang: str = "rus",
                    workers: int | None = None) -> Iterator[PageResult]:
    """Recognise many pages, one Tesseract process per core, yielding results in page order.

    Each source's image loader runs in the calling thread (PDF rendering is not thread-safe) just
    before its page is handed to a worker; at most ``2 × workers`` page images are held at once.
    The workers are threads: each spends its time waiting on its Tesseract process or in OpenCV,
    both of which release the GIL.
    """
    workers = workers or ocr_workers()
    eng = get_engine(engine)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        queue = []
        for page, load, dpi, unit in sources:
            queue.append(pool.submit(recognize_page, load(), page, dpi=dpi, unit=unit, engine=eng, lang=lang))
            while len(queue) >= 2 * workers or (queue and queue[0].done()):
                yield queue.pop(0).result()
        for fut in queue:
            yield fut.result()
