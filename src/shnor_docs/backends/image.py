"""Page images (PNG, JPEG, TIFF including multi-page TIFF) read by OCR.

Every frame of the image is a page. The image's own dpi is used when it is plausible (a JPEG
tagged 72 dpi at A4 pixel size is a 300-dpi scan, not a 34-inch page); pages scanned at less than
200 dpi are enlarged for Tesseract, which reads small print poorly. Boxes stay in the image's own
pixels. Oversized images (decompression bombs) and damaged files are refused as CorruptInput.
"""

from __future__ import annotations

import logging
import re
import warnings
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

from ..document import Document
from ..errors import CorruptInput, ShnorError
from ..ocr.base import OcrError
from ..ocr.layout import merge_continued_tables
from ..ocr.pages import recognize_pages

log = logging.getLogger("shnor_docs")

MAX_PIXELS = 60_000_000  # about seven 300-dpi A4 pages; an A4 page at 600 dpi is 35 MP
DEFAULT_DPI = 300
MIN_OCR_DPI = 200
MAX_INCHES = 17.0  # longest plausible side of a document page


def _dpi(img: Image.Image) -> int:
    """The frame's resolution: its tag when plausible, else guessed from an A4-ish page size."""
    w, h = img.size
    tag = img.info.get("dpi")
    try:
        dpi = float(tag[0]) if tag else 0.0
    except (TypeError, ValueError, IndexError):
        dpi = 0.0
    if 50 <= dpi <= 1200 and max(w, h) / dpi <= MAX_INCHES:
        return int(round(dpi))
    if max(w, h) / DEFAULT_DPI <= MAX_INCHES:
        return DEFAULT_DPI
    return int(round(min(w, h) / 8.27))  # the short side of an A4 page


def _too_large(name: str, w: int, h: int) -> CorruptInput:
    return CorruptInput(name, f"image too large: {w}×{h} pixels")


def _open(data: bytes, name: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # PIL warns above 89 MP and refuses above 179 MP; the bound here is our own, below
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(BytesIO(data))
    except Image.DecompressionBombError as e:
        pixels = re.search(r"\((\d+) pixels\)", str(e))
        count = pixels.group(1) if pixels else "over 179 million"
        raise CorruptInput(name, f"image too large: {count} pixels") from None
    except UnidentifiedImageError:
        raise CorruptInput(name, "not a readable image") from None
    except (OSError, ValueError, SyntaxError) as e:
        raise CorruptInput(name, f"damaged image ({e})") from None
    if img.size[0] * img.size[1] > MAX_PIXELS:
        raise _too_large(name, *img.size)
    return img


def _frames(img: Image.Image, name: str):
    """(page, frame loader, dpi, unit) per frame; each frame is decoded only when its turn comes."""
    n = getattr(img, "n_frames", 1)
    for index in range(n):
        try:
            img.seek(index)
        except (OSError, EOFError, ValueError) as e:
            raise CorruptInput(name, f"damaged image (frame {index + 1}: {e})") from None
        w, h = img.size
        if w * h > MAX_PIXELS:
            raise _too_large(name, w, h)
        if w < 8 or h < 8:
            raise CorruptInput(name, f"image too small: {w}×{h} pixels")
        dpi = _dpi(img)
        scale = MIN_OCR_DPI / dpi if dpi < MIN_OCR_DPI else 1.0
        ocr_dpi = int(round(dpi * scale))

        def load(index=index, scale=scale):
            img.seek(index)
            try:
                frame = img.copy()
                frame.load()
            except (OSError, ValueError, SyntaxError) as e:
                raise CorruptInput(name, f"damaged image ({e})") from None
            if index == 0:
                frame = ImageOps.exif_transpose(frame)
            if scale != 1.0:
                frame = frame.resize((round(frame.width * scale), round(frame.height * scale)),
                                     Image.Resampling.LANCZOS)
            return frame

        yield index + 1, load, ocr_dpi, 1.0 / scale


def load(data: bytes, name: str, sha256: str, *, engine: str = "tesseract", lang: str = "rus") -> Document:
    """OCR every page of an image file into a Document (``pages`` = number of frames)."""
    img = _open(data, name)
    doc = Document(file=name, media_type=f"image/{(img.format or 'png').lower()}", sha256=sha256, ocr=True)
    by_page: dict[int, list] = {}
    try:
        for res in recognize_pages(_frames(img, name), engine=engine, lang=lang):
            by_page[res.page] = res.blocks
            log.info("%s: page %d OCR'd in %.2f s (confidence %s)", name, res.page, res.seconds,
                     None if res.confidence is None else round(res.confidence))
            msg = res.warning()
            if msg:
                doc.warnings.append(msg)
    except OcrError as e:
        raise ShnorError(name, f"OCR failed: {e}") from None
    merge_continued_tables(by_page)
    doc.pages = len(by_page)
    for page in sorted(by_page):
        blocks = by_page[page]
        if doc.blocks and blocks and hasattr(blocks[0], "gap_before"):
            blocks[0].gap_before = True  # a page break
        doc.blocks.extend(blocks)
    doc.raw_text = doc.text()
    return doc
