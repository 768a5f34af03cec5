"""Regions and municipalities named in a header, put into the nominative."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from .. import paths
from . import morph


@lru_cache(maxsize=1)
def _regions() -> list[tuple[str, list[str]]]:
    """(nominative, every printed form) for each subject of the federation, longest forms first."""
    try:
        data = json.loads(paths.data_file("regions.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = []
    out = []
    for r in data:
        if isinstance(r, dict) and r.get("name"):
            forms = {v for k, v in r.items() if isinstance(v, str) and v}
            for k, v in r.items():
                if isinstance(v, list):
                    forms.update(x for x in v if isinstance(x, str))
            out.append((r["name"], sorted(forms, key=len, reverse=True)))
    return out


_REGION_RX = re.compile(
    r"\b([А-ЯЁ][а-яё-]+(?:ого|ой|ому|ом|ский|ская|ий|ая|ым|ей))\s+(края|краю|краем|крае|край|области|"
    r"областью|область|автономного\s+округа|автономный\s+округ)\b|"
    r"\b(Республик[аиеу])\s+([А-ЯЁ][а-яё-]+(?:\s+[—–-]\s+[А-ЯЁ][а-яё]+)?)")


def find_region(text: str) -> tuple[str, int] | None:
    """The first subject of the federation named in ``text`` (nominative) and where it starts."""
    best: tuple[int, str] | None = None
    low = text.lower()
    for name, forms in _regions():
        for f in forms:
            i = low.find(f.lower())
            if i >= 0 and (i == 0 or not low[i - 1].isalpha()) and (best is None or i < best[0]):
                best = (i, name)
                break
    if best is not None:
        return best[1], best[0]
    m = _REGION_RX.search(text)
    if not m:
        return None
    if m.group(1):
        phrase = f"{m.group(1)} {m.group(2)}"
        return morph.inflect_phrase_nominative(phrase), m.start()
    return f"Республика {m.group(4)}", m.start()


def region_counts(text: str) -> dict[str, int]:
    """How often each region is named in a text (for documents whose header names none)."""
    counts: dict[str, int] = {}
    pos = 0
    while True:
        r = find_region(text[pos:])
        if r is None:
            break
        name, i = r
        counts[name] = counts.get(name, 0) + 1
        pos += i + 5
    return counts


_MO = re.compile(r"муниципальн\w+\s+образовани\w+\s+(.+)", re.I)
_KIND_AFTER = re.compile(
    r"((?:[А-ЯЁ][а-яё-]+(?:ого|ий|ой|ая|ом|ый|ее|его)\s+){1,2})"
    r"(муниципальн\w+\s+район\w*|муниципальн\w+\s+округ\w*|городск\w+\s+округ\w*|район\w*|округ\w*|"
    r"городск\w+\s+поселени\w+|сельск\w+\s+поселени\w+)", re.I)
_CITY = re.compile(r"\b(?:города|город|г\.)\s*([А-ЯЁ][а-яё-]+(?:-[а-яё]+-[А-ЯЁ][а-яё]+)?)")


def find_municipality(issuer: str, region: str | None) -> str | None:
    """The municipality an issuer belongs to, as named there, in the nominative where the text
    allows: «…муниципального образования «Заречинский район»…» → «Заречинский район»;
    «…Тихогорского муниципального округа…» → «Тихогорский муниципальный округ»."""
    text = issuer
    m = _MO.search(text)
    if m:
        name = m.group(1)
        name = _strip_region(name, region)
        name = name.strip(" ,.«»\"")
        q = re.search(r"[«\"]([^»\"]+)[»\"]", m.group(1))
        if q:
            return q.group(1).strip()
        if name:
            return name
    m = re.search(r"(городск\w+\s+округ\w*)\s+(?:город\w*|г\.)\s*([А-ЯЁ][а-яё-]+)", text)
    if m:  # «администрации городского округа город Нефтеюганск»
        return f"{morph.inflect_phrase_nominative(m.group(1))} город {m.group(2)}"
    m = _KIND_AFTER.search(text)
    if m:
        phrase = f"{m.group(1)}{m.group(2)}".strip()
        if not region or morph.inflect_phrase_nominative(phrase).lower() not in region.lower():
            return morph.inflect_phrase_nominative(" ".join(phrase.split())).strip()
    m = _CITY.search(text)
    if m:
        city = m.group(1)
        return f"город {morph.name_nominative(city, 'Geox') or city}"
    return None


def _strip_region(name: str, region: str | None) -> str:
    if not region:
        return name
    for n, forms in _regions():
        if n == region:
            for f in forms:
                i = name.lower().rfind(f.lower())
                if i > 0:
                    return name[:i]
    # no lexicon: drop a trailing «… края/области»
    return re.sub(r"\s+[А-ЯЁ][а-яё-]+\s+(?:края|области|автономного\s+округа)\s*$", "", name)
