"""The OCR engine interface: an engine turns a page image into words with boxes and confidences.

Engines are chosen by name (:func:`get_engine`): ``"tesseract"`` runs the real Tesseract, ``"null"``
recognises nothing (for a pipeline run without OCR, or a test that checks the pages still load).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


class OcrError(RuntimeError):
    """The OCR engine is missing or failed on a page (the backend turns it into a ShnorError)."""


@dataclass(frozen=True)
class Word:
    """One recognised word: text, pixel box ``(x0, top, x1, bottom)``, confidence 0–100 and the
    engine's block / paragraph / line numbers (words with equal numbers share a line)."""

    text: str
    box: tuple[int, int, int, int]
    conf: float
    block: int = 0
    par: int = 0
    line: int = 0

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]


@dataclass
class OcrPage:
    """What an engine read on one page image of ``size`` (width, height) pixels at ``dpi``."""

    words: list[Word] = field(default_factory=list)
    size: tuple[int, int] = (0, 0)
    dpi: int = 300

    def mean_confidence(self) -> float | None:
        """Mean word confidence, ``None`` when the page has no words."""
        confs = [w.conf for w in self.words if w.conf >= 0]
        return sum(confs) / len(confs) if confs else None


class OcrEngine(Protocol):
    """An OCR engine: ``recognize`` reads a grayscale page image (numpy array or PIL image)."""

    name: str

    def recognize(self, image: Any, *, lang: str, dpi: int = 300) -> OcrPage: ...

    def orientation(self, image: Any) -> int | None:
        """Clockwise degrees (0, 90, 180, 270) to rotate the image to make it upright, or None."""
        ...


class NullEngine:
    """An engine that finds no words: pages load, but carry no text."""

    name = "null"

    def recognize(self, image: Any, *, lang: str, dpi: int = 300) -> OcrPage:
        h, w = _shape(image)
        return OcrPage(words=[], size=(w, h), dpi=dpi)

    def orientation(self, image: Any) -> int | None:
        return None


def _shape(image: Any) -> tuple[int, int]:
    if hasattr(image, "shape"):
        return int(image.shape[0]), int(image.shape[1])
    w, h = image.size
    return h, w


def get_engine(name: str = "tesseract") -> OcrEngine:
    """The engine called ``name`` (``"tesseract"`` or ``"null"``)."""
    if name == "null":
        return NullEngine()
    if name == "tesseract":
        from .tesseract import TesseractEngine

        return TesseractEngine()
    raise ValueError(f"unknown OCR engine {name!r} (known: tesseract, null)")
