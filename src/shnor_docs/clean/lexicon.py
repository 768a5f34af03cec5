"""Word look-ups for the cleaning rules: pymorphy3's dictionary, the genre's own words and its
abbreviations. Every look-up is cached: an OCR page asks about the same words again and again."""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from pathlib import Path

log = logging.getLogger("shnor_docs")

_HERE = Path(__file__).resolve().parent
_DATA = _HERE.parent / "data"
_MORPH = None


def morph():
    """pymorphy3's MorphAnalyzer, loaded on first use (it takes a few tenths of a second)."""
    global _MORPH
    if _MORPH is None:
        import pymorphy3

        _MORPH = pymorphy3.MorphAnalyzer()
    return _MORPH


def _read_list(name: str) -> list[str]:
    lines = (_HERE / name).read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


@lru_cache(maxsize=1)
def _domain() -> tuple[frozenset[str], frozenset[str]]:
    words, stems = set(), set()
    for item in _read_list("domain_words.txt"):
        (stems if item.endswith("*") else words).add(item.rstrip("*").lower())
    return frozenset(words), frozenset(stems)


def domain_words() -> frozenset[str]:
    """The genre's word forms (lower case) from domain_words.txt."""
    return _domain()[0]


def _strings(obj) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() for s in _strings(k) + _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Upper-case abbreviations of the genre: abbreviations.txt plus any upper-case words found in
    data/org_abbreviations.json and data/legal_forms.json (written by the organisations helper)."""
    out = set(_read_list("abbreviations.txt"))
    for name in ("org_abbreviations.json", "legal_forms.json"):
        path = _DATA / name
        if not path.exists():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            log.warning("cannot read %s: %s", path, e)
            continue
        for s in _strings(data):
            out.update(w for w in re.findall(r"[А-ЯЁA-Z]{2,8}", s) if w.isupper())
    return frozenset(out)


# inflection endings (with the suffixes that follow a stem in the lexicon): a stem counts only
# with one of them, so «…тельньж» (OCR for «…тельных») is not taken for a word
_ENDINGS = frozenset(
    "а я о е ы и у ю ь ой ей ом ем ам ям ах ях ами ями ый ий ая яя ое ее ые ие ого его ому ему ым "
    "им ых их ую юю ою ею ов ев ия ии ие ию ием иями иях иям ость ости остью остей остям остями "
    "остях ский ская ское ские ского ской скому ским ских скую ы ка ки ку кой ке ков кам ками ках "
    "ный ная ное ные ного ной ному ным ных ную ного".split()) | {""}


@lru_cache(maxsize=200_000)
def is_known(word: str) -> bool:
    """True for a word form pymorphy3's dictionary or the genre's lexicon knows (any case)."""
    w = word.lower().replace("ё", "е")
    if not w:
        return False
    words, stems = _domain()
    if w in words or word.upper() in abbreviations():
        return True
    if any(w[:k] in stems and w[k:] in _ENDINGS for k in range(max(5, len(w) - 6), len(w) + 1)):
        return True
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        if parts and all(is_known(p) for p in parts):
            return True
    return morph().word_is_known(w)
