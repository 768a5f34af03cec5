"""Positions (должности): telling a position from an organisation, and cutting it out of a phrase."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from .. import paths
from . import morph

# Head nouns of positions, as lemmas. The project's lexicon (data/positions.json) adds to these.
_HEADS = {
    "начальник", "заместитель", "директор", "специалист", "методист", "куратор", "координатор",
    "руководитель", "председатель", "заведующий", "заведующая", "инспектор", "консультант", "исполняющий",
    "учитель", "педагог", "секретарь", "советник", "эксперт", "тьютор", "член", "ректор", "проректор",
    "менеджер", "бухгалтер", "экономист", "юрисконсульт", "психолог", "педагог-психолог", "логопед",
    "воспитатель", "аналитик", "глава", "министр", "замминистра", "референт", "помощник", "администратор",
    "наставник", "преподаватель", "делопроизводитель", "инженер", "программист", "старший", "ведущий",
    "главный", "врио", "уполномоченный", "представитель", "технолог", "ответственный", "сотрудник",
}
_ABBR_HEADS = ("и.о.", "и. о.", "зам.", "нач.", "врио", "вр.и.о.", "гл.", "и.о ")


@lru_cache(maxsize=1)
def heads() -> frozenset[str]:
    extra: set[str] = set()
    try:
        data = json.loads(paths.data_file("positions.json").read_text(encoding="utf-8"))
        for p in data:
            w = str(p).split()[0].lower()
            if w and not w.endswith("."):
                extra.add(w)
    except (OSError, ValueError):
        pass
    return frozenset(_HEADS | extra)


def _lemma(word: str) -> str | None:
    ps = morph.parses(word.lower())
    return ps[0].normal_form if ps else None


def starts_with_position(text: str) -> bool:
    """Does this phrase begin with a position title («заместитель начальника…», «Методист ИМО»,
    «и.о. директора»)? A plural («кураторы», «руководители ШНОР») is a collective, not a position."""
    t = text.strip().lower()
    if t.startswith(_ABBR_HEADS):
        return True
    words = re.findall(r"[а-яё-]+", t)[:3]
    if not words:
        return False
    if morph.is_plural_nominative_noun(words[0]):
        return False
    for w in words:
        lem = _lemma(w)
        if w in heads() or (lem and lem in heads()):
            return True
        if not any(p.tag.POS == "ADJF" for p in morph.parses(w)):
            break
    return False


def cut_position(text: str) -> tuple[str, str]:
    """Split a phrase into (position, the rest): the position stops before a plural noun in the
    nominative that starts a collective («муниципальный координатор методисты ОМО» →
    («муниципальный координатор», «методисты ОМО»))."""
    words = text.split()
    depth = 0
    for i in range(1, len(words)):
        prev = words[i - 1]
        depth += prev.count("«") + prev.count("(") - prev.count("»") - prev.count(")")
        w = words[i].strip(",.;:«»\"()")
        if not w or not w[0].isalpha() or w.isupper():
            continue
        if morph.is_plural_nominative_noun(w):
            return " ".join(words[:i]), " ".join(words[i:])
        # a body named after the position without a comma: «… «Центр развития образования» Отдел образования»
        if depth <= 0 and w[0].isupper() and not words[i].startswith(("«", "(")) and _nominative_body(w):
            return " ".join(words[:i]), " ".join(words[i:])
    return text, ""


def _nominative_body(word: str) -> bool:
    ps = morph.parses(word.lower())
    return bool(ps) and all(p.tag.case in ("nomn", "accs") for p in ps if p.tag.POS == "NOUN") and ps[0].tag.POS == "NOUN" \
        and not ({"Name", "Surn", "Patr", "Geox"} & set(ps[0].tag.grammemes))


def clean_position(text: str) -> str:
    """A position as one line, without the punctuation it was cut with."""
    t = " ".join(text.split()).strip(" ,;:-–—")
    if t.endswith(".") and not re.search(r"\b(?:зам|им|г|с|д|п|ст|гл|нач)\.$", t):
        t = t[:-1].rstrip()
    return t
