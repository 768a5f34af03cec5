"""Does a text look like raw OCR? A score from the scanner's fingerprints."""

from __future__ import annotations

import math
import re

# Fingerprints Tesseract leaves in Russian text and a careful typist never does.
_SIGNS = [
    re.compile(r"[А-Яа-яЁё][A-Za-z]|[A-Za-z][А-Яа-яЁё]"),          # mixed scripts inside a word
    re.compile(r"(?<![\w])(?:N[9sчэpрlа!]|J[фФЪ&SE\\]|Л[ЬЪ!]|[\]}]ф|\.}ф)\s?\d"),  # faces of «№»
    re.compile(r"[€$]\s?[а-яё]|[а-яё][€}\]|]"),                   # garbage inside words
    re.compile(r"\b(?:19|20)\d[lI|З]|\b[lI|]\d|\d[lI|З]\b"),       # letters among digits
    re.compile(r"<[А-ЯЁ]|[а-яё]>"),                                # guillemets read as < >
    re.compile(r"[А-ЯЁ]{2}[а-яё][А-ЯЁ]"),                          # «МБоУ»: broken capitals
]


def looks_like_ocr(text: str) -> float:
    """A score from 0 (clean typed text) to 1 (raw OCR): fingerprints per thousand characters,
    squashed. Above 0.5 the text should go through the OCR-only rules."""
    if not text.strip():
        return 0.0
    hits = sum(len(p.findall(text)) for p in _SIGNS)
    # a short text needs several fingerprints: one odd «<» in a memo is not a scan
    rate = hits * 1000 / max(len(text), 1000)
    return round(1 - math.exp(-rate / 3), 3)
