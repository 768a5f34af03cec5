"""Cheap page preparation before OCR: grayscale, a sideways check, deskew.

Tesseract binarises the page itself (Otsu), so no denoising or thresholding is done here: on the
rendered and photocopy-like pages measured it changed nothing or made things worse. What it does
not do is turn a page that lies on its side or straighten a few degrees of skew well enough for
the ruled-table finder, so these two are done here, on a quarter-size copy of the page where they
cost a few tens of milliseconds.
"""

from __future__ import annotations

import cv2
import numpy as np

# OpenCV's own worker threads would compete with the one-Tesseract-per-core page pool
cv2.setNumThreads(1)

MAX_SKEW = 5.0  # degrees searched either way
MIN_SKEW = 0.25  # below this a rotation only blurs the page


def to_gray(image) -> np.ndarray:
    """A 2-D uint8 array (white paper, dark ink) from a PIL image or a numpy array."""
    if hasattr(image, "mode"):  # PIL
        if image.mode in ("RGBA", "LA", "P"):
            from PIL import Image

            rgba = image.convert("RGBA")
            bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            image = Image.alpha_composite(bg, rgba)
        if image.mode.startswith("I;16") or image.mode == "I":
            arr = np.asarray(image, dtype=np.float64)
            peak = arr.max() or 1.0
            return (arr * (255.0 / peak)).astype(np.uint8)
        image = image.convert("L")
        return np.array(image, dtype=np.uint8)
    arr = np.asarray(image)
    if arr.ndim == 3:
        arr = cv2.cvtColor(arr, cv2.COLOR_RGBA2GRAY if arr.shape[2] == 4 else cv2.COLOR_RGB2GRAY)
    return np.ascontiguousarray(arr, dtype=np.uint8)


def _ink_small(gray: np.ndarray, target: int = 700) -> np.ndarray:
    """A binary (ink = 1) copy of the page scaled so its longer side is about ``target`` pixels."""
    h, w = gray.shape
    f = min(1.0, target / max(h, w))
    small = cv2.resize(gray, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink.astype(np.float32)


def rotate_quarter(gray: np.ndarray, clockwise_degrees: int) -> np.ndarray:
    """The page turned clockwise by 90, 180 or 270 degrees (0 returns it unchanged)."""
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    deg = clockwise_degrees % 360
    return gray if deg == 0 else cv2.rotate(gray, codes[deg])


def _rotate_small(ink: np.ndarray, angle: float) -> np.ndarray:
    h, w = ink.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)


def _striping(ink: np.ndarray, angle: float) -> float:
    """How sharply the rows of ``ink`` turned by ``angle`` alternate between ink and paper: the
    squared steps of the row profile, normalised by the ink so pages of any density compare."""
    prof = _rotate_small(ink, angle).sum(axis=1)
    total = float(prof.sum())
    return float(np.square(np.diff(prof)).sum()) / (total * total) if total > 0 else 0.0


def _best_angle(ink: np.ndarray) -> tuple[float, float]:
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.5)
    best = max(coarse, key=lambda a: _striping(ink, a))
    fine = np.arange(best - 0.4, best + 0.4 + 1e-9, 0.1)
    best = max(fine, key=lambda a: _striping(ink, a))
    return round(float(best), 2), _striping(ink, best)


def analyse(gray: np.ndarray) -> tuple[bool, float]:
    """``(sideways, skew)``: whether the text lines run vertically (the page is turned 90° or
    270°), and the counter-clockwise angle in degrees (within ±MAX_SKEW) that levels them.

    A projection-profile search on a small binary copy: text lines make the row profile of a level
    page sharply striped. The same search over the transposed page tells a page on its side: its
    columns are the striped ones. Pages with almost no ink are left alone.
    """
    ink = _ink_small(gray, target=900)
    if ink.mean() < 0.002:
        return False, 0.0
    angle, rows = _best_angle(ink)
    _, cols = _best_angle(np.ascontiguousarray(ink.T))
    if cols > 1.5 * rows:
        return True, 0.0
    return False, angle


def rotate_small_angle(gray: np.ndarray, angle: float) -> np.ndarray:
    """The page rotated counter-clockwise by ``angle`` degrees about its centre, same size, with
    white filling the corners."""
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=255)


def deskew(gray: np.ndarray, angle: float) -> tuple[np.ndarray, float]:
    """The page turned by ``angle`` (from :func:`analyse`), and the angle actually applied
    (0.0 when the page was level enough to leave alone)."""
    if abs(angle) < MIN_SKEW:
        return gray, 0.0
    return rotate_small_angle(gray, angle), angle
