"""Finding person names in a piece of text: «И.Д. Коршунова», «Коршунова И.Д.», «Кравец Татьяна
Викторовна», in any case, with the case the context demands.

Rules come first because they are exact where this genre is regular (initials and a surname);
natasha's NER is asked only about capitalised given names the rules did not explain, which keeps
it off the hot path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import morph

_UP = "А-ЯЁ"
_SURNAME = rf"[{_UP}][а-яё]+(?:-[{_UP}][а-яё]+)?"
_INIT2 = rf"([{_UP}])\.\s?([{_UP}])\.?"
_INIT1 = rf"([{_UP}])\."

# «И.Д. Коршунова» / «И. Д. Коршунова» / «И.Д.Коршунова»
_IF = re.compile(rf"(?<![А-Яа-яЁёA-Za-z.])(?:{_INIT2}|{_INIT1})\s?({_SURNAME})(?![а-яё])")
# «Коршунова И.Д.» / «Коршунова И. Д.»
_SF = re.compile(rf"(?<![А-Яа-яЁё-])({_SURNAME})\s+(?:([{_UP}])\.\s?([{_UP}])\.?|([{_UP}])\.)(?![а-яё])")
# «Кравец Татьяна Викторовна» / «Татьяна Викторовна Кравец» / «Татьяной Викторовной Кравец»
# a lookahead, so that «Школы Штерн Зоя Леонидовна» is tried from «Штерн» too (matches overlap)
_WORD3 = re.compile(rf"(?=(?<![А-Яа-яЁё])([{_UP}][а-яё]+(?:-[{_UP}][а-яё]+)?)\s+([{_UP}][а-яё]+)\s+([{_UP}][а-яё]+)(?![а-яё]))")

_ACC_CUE = re.compile(r"(?:\bна|\bвозложить|\bназначить|\bпоощрить|\bнаградить)\b[^.;()]{0,160}$", re.I)
_DAT_CUE = re.compile(r"(?:ям|ам|ому|ему|у)\s*\(?[^.;()]{0,10}$|\b(?:поручить|предложить|объявить)\b[^.;]{0,120}$",
                      re.I)


@dataclass
class Mention:
    """One printed person name: where it is, how it is printed, and what it means."""

    start: int
    end: int
    printed: str
    surname: str  # nominative
    initials: str  # «И.Б.» or ""
    surname_printed: str
    first_name: str | None = None
    patronymic: str | None = None
    gender: str | None = None


def _initials(*letters: str | None) -> str:
    return "".join(f"{x}." for x in letters if x)


def context_case(before: str) -> str | None:
    """The case a name is in, judged from the text just before it."""
    tail = before[-200:]
    if re.search(r"\bна\s+(?:[а-яё.«»\"-]+\s+){0,12}$", tail, re.I) or re.search(
            r"\b(?:возложить|назначить|наградить|поощрить|освободить|уволить|перевести)\b[^.;]{0,160}$", tail, re.I):
        return "accs"
    # «по социальным вопросам» belongs to a position before the name, it does not govern it
    by_topic = re.search(r"\bпо\s+(?:[а-яё-]+\s+){0,2}[а-яё]+(?:ям|ам)\s*$", tail, re.I)
    if (not by_topic and re.search(r"[а-яё]+(?:ям|ам)\s*(?:\([^)]*)?$", tail, re.I)) or re.search(
            r"(?:^|\s)(?:поручить|предложить|объявить\s+благодарность)\s+(?:[а-яё.«»\"-]+\s+){0,10}$", tail, re.I):
        return "datv"
    if re.search(r"\b[а-яё]+(?:ям|ам)\b[^.;]{0,200}\([^)]*$", tail, re.I):
        return "datv"
    # «Директору МОУ ООШ № 17 В.Н. Яковлеву»: a position in the dative right before the name
    m = re.search(r"\b([А-Яа-яЁё]+(?:у|ю))\b[^.;:()]{0,80}$", tail)
    if m:
        from .positions import heads

        if any(p.tag.case == "datv" and p.normal_form in heads() for p in morph.parses(m.group(1).lower())[:2]):
            return "datv"
    return None


_WORD_BEFORE = re.compile(r"(?<![А-Яа-яЁё.])([А-ЯЁ][а-яё]+)\s+$")
_INITIAL_AFTER = re.compile(r"\s+[А-ЯЁ]\.")
_INITIAL_BEFORE = re.compile(r"(?<![А-Яа-яЁё])[А-ЯЁ]\.\s*$")
_WORD_AFTER = re.compile(r"\s+[А-ЯЁ][а-яё]+(?![а-яё]*\.)")


def _initials_belong_before(text: str, start: int, end: int) -> bool:
    """«Гладких У.П. Пименова Р.Я.» read as «У.П. Пименова»: the initials stand between a bare
    surname and another set of initials, so they are the word before's, not the word after's."""
    w = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return bool(w and morph.surname_quality(w.group(1)) >= 0 and _INITIAL_AFTER.match(text, end))


def _initials_belong_after(text: str, start: int, end: int) -> bool:
    """«Р.Я. Пименова Г.А. Сорокин» read as «Пименова Г.А.»: the mirror image of the above."""
    w = _WORD_AFTER.match(text, end)
    return bool(_INITIAL_BEFORE.search(text, max(0, start - 6), start) and w
                and morph.surname_quality(w.group(0).strip()) >= 0)


def _compound_head(text: str, end: int, word: str) -> bool:
    """``word`` is the first half of a compound adjective («П. Психолого-педагогическое …», a misread
    «II.» heading), not a surname followed by a dash («Ковалева-главный специалист»)."""
    return (word.endswith("о") and text.startswith("-", end) and end + 1 < len(text) and text[end + 1].islower()
            and not any("Surn" in p.tag for p in morph.parses(word)))


def find_mentions(text: str, before: str = "") -> list[Mention]:
    """Every person name printed in ``text``, left to right, overlaps resolved. ``before`` is the
    text that leads up to ``text`` (earlier lines of its paragraph): it only tells the case a name
    is in («возложить на» at one line's end puts «Медведеву Л.Д.» on the next in the accusative)."""
    cands: list[tuple[int, int, int, Mention]] = []
    for m in _IF.finditer(text):
        a, b, single, surname = m.group(1), m.group(2), m.group(3), m.group(4)
        q = morph.surname_quality(surname)
        if _compound_head(text, m.end(), surname):
            continue
        # one letter before a common noun is a misread list marker («П. Мероприятия» for «II.»)
        if q < 0 or (q == 0 and not a):
            continue
        inits = _initials(a, b) if a else _initials(single)
        rank = 1 if _initials_belong_before(text, m.start(), m.end()) else 2 + (q > 0)
        cands.append((m.start(), m.end(), rank, _make(text, m.start(), m.end(), surname, inits, before)))
    for m in _SF.finditer(text):
        surname = m.group(1)
        q = morph.surname_quality(surname)
        if q < 0 or (q == 0 and not m.group(2)):  # «Раздел П.»: a section's misread numeral
            continue
        inits = _initials(m.group(2), m.group(3)) if m.group(2) else _initials(m.group(4))
        end = m.end()
        rank = 1 if _initials_belong_after(text, m.start(), end) else 2 + (q > 0)
        cands.append((m.start(), end, rank, _make(text, m.start(), end, surname, inits, before)))
    for m in _WORD3.finditer(text):
        w1, w2, w3 = m.group(1), m.group(2), m.group(3)
        span_end = m.end(3)
        if morph.is_name_part(w2, "Name") and morph.is_name_part(w3, "Patr") and morph.looks_like_surname(w1):
            cands.append((m.start(), span_end, 4, _make_full(text, m.start(), span_end, w1, w2, w3, before)))
        elif morph.is_name_part(w1, "Name") and morph.is_name_part(w2, "Patr") and morph.looks_like_surname(w3):
            cands.append((m.start(), span_end, 4, _make_full(text, m.start(), span_end, w3, w1, w2, before)))
    # longest, most specific first; then keep the ones that do not overlap a kept one
    cands.sort(key=lambda c: (-c[2], c[0], -(c[1] - c[0])))
    kept: list[tuple[int, int, int, Mention]] = []
    for c in cands:
        if any(c[0] < k[1] and k[0] < c[1] for k in kept):
            continue
        kept.append(c)
    kept.sort(key=lambda c: c[0])
    found = [k[3] for k in kept]
    found.extend(_ner_mentions(text, [(m.start, m.end) for m in found], before))
    found.sort(key=lambda m: m.start)
    return found


def _ner_mentions(text: str, covered: list[tuple[int, int]], before: str = "") -> list[Mention]:
    """Names the rules cannot see, from natasha's NER, read word by word with pymorphy3: a given
    name and patronymic give the initials, the remaining capitalised word is the surname."""
    from . import ner

    if not ner.worth_asking(text, covered):
        return []
    out = []
    for a, b in ner.person_spans(text):
        if any(a < y and x < b for x, y in covered):
            continue
        words = re.findall(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?", text[a:b])
        if len(words) < 2 or len(words) > 4:
            continue  # a lone word is too weak to be a person here
        first = [w for w in words if morph.is_name_part(w, "Name")]
        patr = [w for w in words if morph.is_name_part(w, "Patr")]
        rest = [w for w in words if w not in first and w not in patr]
        surname_w = next((w for w in rest if morph.looks_like_surname(w)), None)
        if surname_w is None:
            continue
        given = first or [w for w in rest if w != surname_w]
        if not given:
            continue
        gender = morph.name_gender(given[0]) if first else None
        case = context_case(before + text[:a])
        nom = morph.surname_nominative(surname_w, case=case, gender=gender)
        first_n = " ".join(morph.name_nominative(w, "Name") or w for w in given)
        patr_n = morph.name_nominative(patr[0], "Patr") if patr else None
        initials = _initials(*[w[0] for w in first_n.split()][:2], patr_n[0] if patr_n else None)
        out.append(Mention(a, b, " ".join(text[a:b].split()), nom, initials, surname_w, first_n, patr_n, gender))
    return out


def _ocr_surname(word: str) -> str:
    """A surname the dictionary does not know but knows with Tesseract's «ф» put back
    («Трооимова» → «Трофимова»); other words are returned as they are."""
    if morph.is_known(word.lower()):
        return word
    for i, ch in enumerate(word):
        if ch in "осОС" and i:
            cand = word[:i] + ("ф" if ch.islower() else "Ф") + word[i + 1:]
            if any("Surn" in p.tag for p in morph.parses(cand)) and morph.is_known(cand.lower()):
                return cand
    return word


def _make(text: str, start: int, end: int, surname: str, initials: str, before: str = "") -> Mention:
    surname = _ocr_surname(surname)
    case = context_case(before + text[:start])
    nom = morph.surname_nominative(surname, case=case)
    printed = " ".join(text[start:end].split())
    return Mention(start, end, printed, nom, initials, surname)


def _make_full(text: str, start: int, end: int, surname: str, first: str, patr: str,
               before: str = "") -> Mention:
    gender = morph.name_gender(first) or morph.name_gender(patr)
    case = context_case(before + text[:start])
    nom = morph.surname_nominative(surname, case=case, gender=gender)
    first_n = morph.name_nominative(first, "Name") or first
    patr_n = morph.name_nominative(patr, "Patr") or patr
    printed = " ".join(text[start:end].split())
    return Mention(start, end, printed, nom, _initials(first_n[0], patr_n[0]), surname, first_n, patr_n, gender)
