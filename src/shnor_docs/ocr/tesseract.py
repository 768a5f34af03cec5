"""Tesseract behind the :class:`~shnor_docs.ocr.base.OcrEngine` interface.

The only module that runs Tesseract, through pytesseract (``image_to_data`` for words, boxes and
confidences; ``image_to_osd`` for orientation). The page is written once to a temporary PNG at the
lowest compression and pytesseract is given its path, so it does not re-encode the image; the TSV it
returns is parsed here. Every run gets ``OMP_THREAD_LIMIT=1``: Tesseract's own threads make a page
about four times slower on these machines, so parallelism comes from running one process per page
instead (see :mod:`shnor_docs.ocr.pages`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from typing import Any

import cv2
import numpy as np

from .base import OcrError, OcrPage, Word

#: page segmentation mode: 4 = one column of text of variable sizes. Measured on rendered order pages
#: against 3 (automatic) and 6 (one uniform block): same speed, 4 keeps the reading order of
#: side-by-side header blocks line by line and does not drop short lines next to tables.
PSM = 4
#: Tesseract parameters for every word-reading call. Its row noise filter drops a text row whose
#: letters have no holes and whose marks are mostly small («Е.Н.,» or «Т.Г.,» alone on a line of a
#: narrow table cell, in a serif face) as dirt, without a trace; such rows are common in the
#: responsible-persons column. Measured with the filter off: the seed scans and 20 generated scans
#: score the same or higher (seed 003 as TIFF 0.949 → 0.970) in the same time.
PARAMS = {"textord_noise_rejrows": "0"}
TIMEOUT = 600  # seconds per page; a page that takes longer is a stuck process, not a slow page

_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_ORIENT_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")


def _binary() -> str:
    path = shutil.which("tesseract")
    if path is None:
        raise OcrError("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-rus)")
    return path


def _write_png(image: Any, path: str) -> None:
    arr = np.asarray(image)
    # PNG at the lowest compression: a fraction of a second cheaper than the default for a page
    if not cv2.imwrite(path, arr, [cv2.IMWRITE_PNG_COMPRESSION, 1]):
        raise OcrError("could not write the page image for tesseract")


def _call(image: Any, fn_name: str, *, lang: str, config: str) -> str:
    """Run one pytesseract function (``image_to_data`` or ``image_to_osd``) on ``image``."""
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = _binary()
    # pytesseract starts Tesseract with this process's environment
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with tempfile.TemporaryDirectory(prefix="shnor-ocr-") as tmp:
        path = os.path.join(tmp, "page.png")
        _write_png(image, path)
        try:
            return getattr(pytesseract, fn_name)(path, lang=lang, config=config, timeout=TIMEOUT)
        except RuntimeError as e:  # pytesseract's timeout
            raise OcrError(f"tesseract took longer than {TIMEOUT} s on a page: {e}") from None
        except pytesseract.TesseractError as e:
            msg = str(e.message or e).strip().splitlines()
            raise OcrError("tesseract failed: " + (msg[-1] if msg else f"exit code {e.status}")) from None


def _config(psm: int, dpi: int) -> str:
    params = " ".join(f"-c {k}={v}" for k, v in PARAMS.items())
    return f"--oem 1 --psm {psm} --dpi {int(dpi)} {params}"


def parse_tsv(tsv: str) -> list[Word]:
    """Words (level-5 rows with text) from Tesseract's TSV output."""
    words: list[Word] = []
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5":
            continue
        text = f[11].strip()
        if not text:
            continue
        x, y, w, h = int(f[6]), int(f[7]), int(f[8]), int(f[9])
        words.append(Word(text=text, box=(x, y, x + w, y + h), conf=float(f[10]),
                          block=int(f[2]), par=int(f[3]), line=int(f[4])))
    return words


class TesseractEngine:
    """Tesseract 5 (LSTM), one single-threaded process per call."""

    name = "tesseract"

    def __init__(self, psm: int = PSM) -> None:
        self.psm = psm

    def recognize(self, image: Any, *, lang: str = "rus", dpi: int = 300) -> OcrPage:
        arr = np.asarray(image)
        tsv = _call(arr, "image_to_data", lang=lang, config=_config(self.psm, dpi))
        return OcrPage(words=parse_tsv(tsv), size=(arr.shape[1], arr.shape[0]), dpi=int(dpi))

    def recognize_line(self, image: Any, *, lang: str = "rus", dpi: int = 300) -> OcrPage:
        """Read a small crop as one line of text (``--psm 7``): for short cells read poorly in the
        page pass, where a lone digit without context is often taken for a letter («3» → «Е»)."""
        arr = np.asarray(image)
        tsv = _call(arr, "image_to_data", lang=lang, config=_config(7, dpi))
        return OcrPage(words=parse_tsv(tsv), size=(arr.shape[1], arr.shape[0]), dpi=int(dpi))

    def orientation(self, image: Any) -> int | None:
        """Tesseract's orientation and script detection (``--psm 0``): the clockwise rotation that
        makes the page upright, or None when it cannot tell (too few letters, low confidence)."""
        try:
            out = _call(np.asarray(image), "image_to_osd", lang="osd", config="")
        except OcrError:
            return None  # "Too few characters" on sparse pages
        rot, conf = _ROTATE.search(out), _ORIENT_CONF.search(out)
        if rot is None or conf is None or float(conf.group(1)) < 1.0:
            return None
        return int(rot.group(1)) % 360
