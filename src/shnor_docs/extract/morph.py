"""Russian morphology for the extractors: one lazily loaded pymorphy3 analyser and the few
inflections the contract needs (surnames and positions to the nominative, plurals to singular).

pymorphy3 is used directly: natasha's pymorphy2 dependency crashes on Python 3.11 unless patched.
"""

from __future__ import annotations

import re
from functools import lru_cache

_MORPH = None


def morph():
    """The process-wide pymorphy3 analyser (loaded on first use, ~0.1 s)."""
    global _MORPH
    if _MORPH is None:
        import pymorphy3

        _MORPH = pymorphy3.MorphAnalyzer()
    return _MORPH


@lru_cache(maxsize=65536)
def parses(word: str) -> tuple:
    return tuple(morph().parse(word))


@lru_cache(maxsize=65536)
def is_known(word: str) -> bool:
    return morph().word_is_known(word.lower())


def _match_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# ---------------------------------------------------------------- surnames

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

# Endings that no nominative surname has, with the nominative they come from. The gender is
# told by the ending itself; the case only where the form is shared (-ову: fem. acc. or masc. dat.).
_FEM_OBLIQUE = [
    (re.compile(r"(ов|ев|ёв|ин|ын)ой$"), r"\1а"),
    (re.compile(r"(ск|цк)ой$"), r"\1ая"),
    (re.compile(r"(ск|цк)ую$"), r"\1ая"),
]
_MASC_OBLIQUE = [
    (re.compile(r"(ов|ев|ёв|ин|ын)ым$"), r"\1"),
    (re.compile(r"(ов|ев|ёв|ин|ын)е$"), r"\1"),
    (re.compile(r"(ск|цк)ого$"), r"\1ий"),
    (re.compile(r"(ск|цк)ому$"), r"\1ий"),
    (re.compile(r"(ск|цк)им$"), r"\1ий"),
    (re.compile(r"(ск|цк)ом$"), r"\1ий"),
]
_OVU = re.compile(r"(ов|ев|ёв|ин|ын)у$")
_MASC_CONS_DAT = re.compile(r"([бвгджзклмнпрстфхцчшщ])у$")
_MASC_CONS_INS = re.compile(r"([бвгджзклмнпрстфхцчшщ])ом$")


def surname_nominative(word: str, case: str | None = None, gender: str | None = None) -> str:
    """The nominative of a printed surname.

    A form that can be read as a nominative is kept as printed («Коршунова И.Д.» stays
    «Коршунова»): the text gives no way to tell it from a masculine genitive, and the contract keeps
    it. Forms no nominative has are turned back («Пасечниковой» → «Пасечникова», «Петровым» →
    «Петров»); «-ову» is a feminine accusative in an accusative context («возложить на … Ракитову»)
    and a masculine dative otherwise. ``case`` is the case the context demands, when known;
    ``gender`` (``"femn"``/``"masc"``) comes from a first name or another mention.
    """
    w = word
    lower = w.lower()
    if gender == "masc":
        # a man's «-ова/-ина» is his genitive or accusative («Дмитриева Дмитрия Васильевича»)
        m = re.search(r"(ов|ев|ёв|ин|ын)(а|у|ым|е)$", lower)
        if m:
            return _match_case(w, lower[: m.start(2)])
    for rx, rep in _FEM_OBLIQUE:
        if rx.search(lower):
            return _match_case(w, rx.sub(rep, lower))
    m = _OVU.search(lower)
    if m:
        if gender == "masc" or (gender is None and case == "datv"):
            return _match_case(w, lower[:-1])
        return _match_case(w, lower[:-1] + "а")
    for rx, rep in _MASC_OBLIQUE:
        if rx.search(lower):
            # «-ове»/«-ине» could also be a nominative («Гуринове»? none); such forms only occur as
            # masculine prepositional/instrumental in running text
            return _match_case(w, rx.sub(rep, lower))
    if case in ("datv",) and gender != "femn" and _MASC_CONS_DAT.search(lower) and not is_known(lower):
        return _match_case(w, lower[:-1])
    if case in ("accs", "gent") and gender != "femn" and re.search(r"[бвгджзклмнпрстфхцчшщ]а$", lower) \
            and not re.search(r"(?:ов|ев|ёв|ин|ын)а$", lower):
        return _match_case(w, lower[:-1])  # «назначить … Гайдука А.А.»: a man's accusative
    if case == "ablt" and gender != "femn" and _MASC_CONS_INS.search(lower) and not is_known(lower):
        return _match_case(w, lower[:-2])
    return w


def name_gender(first_name: str) -> str | None:
    """``"femn"`` or ``"masc"`` for a first name or patronymic, when the dictionary knows it."""
    for p in parses(first_name):
        if ("Name" in p.tag or "Patr" in p.tag) and p.tag.gender in ("femn", "masc"):
            return p.tag.gender
    return None


def name_nominative(word: str, tag: str) -> str | None:
    """A first name (``tag="Name"``) or patronymic (``"Patr"``) in the nominative, else None."""
    for p in parses(word):
        if tag in p.tag:
            inf = p.inflect({"nomn"})
            if inf is not None:
                return _match_case(word, inf.word)
    return None


def is_name_part(word: str, tag: str) -> bool:
    return any(tag in p.tag for p in parses(word))


def surname_quality(word: str) -> int:
    """How surely a capitalised word beside initials is a surname: 2 — the dictionary calls it one,
    or does not know it; 1 — a «-ский» adjective or a given name («Стрелецкий», «Демьян»);
    0 — a common noun or adjective that is also a surname («Мельник», «Гайдук», «Гладких»);
    -1 — not a surname («Отделу», «Приказ», a verb, a preposition)."""
    if not re.fullmatch(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?", word) or len(word) < 3:
        return -1
    if word.lower() in _NOT_SURNAMES:
        return -1
    ps = parses(word)
    if any("Surn" in p.tag for p in ps) or not is_known(word):
        return 2
    top = ps[0].tag
    if re.search(r"ическ(?:ий|ая|ое|ие|ой|ого|ому|им|ую|ом)$", word):
        return -1  # «Аналитическая», «Методический»: adjectives of a field, never surnames
    if re.search(r"(?:ск|цк)(?:ий|ая|ой|ого|ому|им|ую|ом)$", word):
        return 1
    if "Name" in top or "Patr" in top:
        return 1
    if top.POS in ("VERB", "INFN", "PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED", "GRND"):
        return -1
    if top.POS in ("NOUN", "ADJF") and {"datv", "ablt", "loct"} & {p.tag.case for p in ps[:2]}:
        return -1  # «Отделу», «Управлению»: an oblique common noun, not a name
    return 0  # a surname that is also a word; only beside initials, and only when nothing better overlaps


def looks_like_surname(word: str) -> bool:
    """True for a capitalised word that can be a surname (see :func:`surname_quality`)."""
    return surname_quality(word) >= 0


_NOT_SURNAMES = {
    "отдел", "управление", "комитет", "департамент", "министерство", "администрация", "контроль", "протокол",
    "положение", "порядок", "программа", "проект", "решение", "письмо", "центр", "совет", "заседание",
    "приказ", "приложение", "начальник", "директор", "управление", "отдел", "школа", "отчет", "план",
    "составил", "составила", "исполнитель", "утверждаю", "согласовано", "куратор", "методист",
}


# ---------------------------------------------------------------- positions

def _nominative_word(word: str, number: str = "sing") -> tuple[str, bool] | None:
    """(nominative form, is_noun) of one word of a position, or None if it is not inflected."""
    for p in parses(word.lower()):
        if p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case in ("gent", "datv", "accs", "ablt", "loct",
                                                                    "nomn"):
            feats = {"nomn", number}
            if p.tag.POS == "NOUN" and p.tag.number == "plur" and number == "sing":
                feats = {"nomn", "sing"}
            inf = p.inflect(feats)
            if inf is None:
                continue
            return _match_case(word, inf.word), p.tag.POS == "NOUN"
    return None


def position_nominative(text: str) -> str:
    """A position put into the nominative singular: the leading words up to and including the
    first noun are inflected, the rest (genitive complements, names of bodies) stays as printed.

    «заместителя начальника управления» → «заместитель начальника управления»;
    «главного специалиста УОН» → «главный специалист УОН»; «кураторам» → «куратор».
    """
    words = text.split()
    if not words:
        return text
    low0 = words[0].lower().rstrip(".,")
    if low0 in ("и.о.", "и.о", "зам.", "врио", "вр.и.о."):
        if len(words) > 1:
            rest = position_nominative(" ".join(words[1:]))
            return f"{words[0]} {rest}"
        return text
    if low0 in ("исполняющего", "исполняющему", "исполняющим", "исполняющий"):
        head = _match_case(words[0], "исполняющий")
        return " ".join([head] + words[1:])
    if not re.fullmatch(r"[А-Яа-яЁё-]+", words[0]):
        return text
    return inflect_phrase_nominative(text)


def is_plural_nominative_noun(word: str) -> bool:
    """A plural noun in the nominative («методисты», «кураторы»): a collective, not a position."""
    ps = parses(word.lower())
    return bool(ps) and ps[0].tag.POS == "NOUN" and ps[0].tag.number == "plur" and ps[0].tag.case == "nomn"


def inflect_phrase_nominative(text: str) -> str:
    """An adjective + noun phrase in any case put into the nominative, agreeing with its noun
    («Тихогорского муниципального округа» → «Тихогорский муниципальный округ»)."""
    words = text.split()
    head_i, gender, number = None, None, "sing"
    for i, w in enumerate(words):
        allp = parses(w.lower())
        ps = [p for p in allp if p.tag.POS == "NOUN" and not ({"Surn", "Name", "Patr"} & set(p.tag.grammemes))]
        if ps and not any(p.tag.POS == "ADJF" for p in allp):
            # names of places and bodies are singular («Тверской области», not the plural «области»)
            sing = [p for p in ps if p.tag.number == "sing"] or ps
            head_i, gender = i, sing[0].tag.gender
            number = "sing"
            break
    if head_i is None:
        return text
    out = []
    for i, w in enumerate(words[: head_i + 1]):
        want = {"nomn", number} | ({gender} if gender and number == "sing" and i < head_i else set())
        form = None
        cands = list(parses(w.lower()))
        if i == head_i:
            # a singular reading first («области» is genitive singular here), a plural one otherwise
            cands = [p for p in cands if p.tag.number != "plur"] + [p for p in cands if p.tag.number == "plur"]
        for p in cands:
            if (i == head_i and p.tag.POS == "NOUN") or (i < head_i and p.tag.POS in ("ADJF", "PRTF")):
                inf = p.inflect(want)
                if inf is not None:
                    form = _match_case(w, inf.word)
                    break
        out.append(form or w)
    return " ".join(out + words[head_i + 1:])
