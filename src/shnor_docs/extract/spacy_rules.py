"""The rule layer as a spaCy pipeline: an EntityRuler over a blank Russian tokenizer, with patterns
for persons with initials, schools, positions and dated document references, built from the
project's lexicons.

It is the same knowledge the regex rules in :mod:`names`, :mod:`schools` and :mod:`references`
apply, in the form spaCy users can plug into their own pipelines (``nlp = build_nlp()``;
``[(e.label_, e.text) for e in nlp(text).ents]``). The extraction pipeline itself uses the regex
rules: ``benchmarks/ner.py`` measures both on the seeds and the corpus, and the regex rules also
put surnames into the nominative, which an entity span alone does not.
"""

from __future__ import annotations

import json
from functools import lru_cache

from .. import paths

_INITIALS = r"^[А-ЯЁ]\.(?:[А-ЯЁ]\.?)?$"
_SURNAME = r"^[А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁ][а-яё]+)?$"
_KINDS = ["СОШ", "ООШ", "НОШ", "лицей", "лицея", "лицею", "лицеем", "гимназия", "гимназии", "гимназию",
          "гимназией", "школа", "школы", "школе", "школу", "школой", "ЦО", "Лицей", "Гимназия", "Школа"]
_POSITION_HEADS = ["начальник", "заместитель", "директор", "специалист", "методист", "куратор", "координатор",
                   "руководитель", "председатель", "заведующий", "инспектор", "консультант", "и.о.", "зам."]
_DOC_KINDS = ["приказ", "распоряжение", "постановление", "письмо", "решение"]


def _legal_forms() -> list[str]:
    try:
        forms = json.loads(paths.data_file("legal_forms.json").read_text(encoding="utf-8"))
        return sorted({f for f in forms if isinstance(f, str) and " " not in f})
    except (OSError, ValueError):
        return ["МБОУ", "МАОУ", "МОУ", "МОБУ", "МКОУ", "ГБОУ", "ГКОУ", "ГАОУ", "ЧОУ"]


def patterns() -> list[dict]:
    """EntityRuler patterns: PER (initials and surname, either order), SCHOOL, POSITION, DOCREF."""
    forms = _legal_forms()
    school_core = [{"TEXT": {"IN": forms}, "OP": "?"}, {"TEXT": {"IN": ["«", '"']}, "OP": "?"},
                   {"TEXT": {"IN": _KINDS}}, {"TEXT": "№"}, {"TEXT": {"REGEX": r"^\d{1,4}[А-Яа-я]?$"}}]
    pats = [
        {"label": "PER", "pattern": [{"TEXT": {"REGEX": _INITIALS}}, {"TEXT": {"REGEX": _SURNAME}}]},
        {"label": "PER", "pattern": [{"TEXT": {"REGEX": _SURNAME}}, {"TEXT": {"REGEX": _INITIALS}}]},
        {"label": "PER", "pattern": [{"TEXT": {"REGEX": r"^[А-ЯЁ]\.[А-ЯЁ]\.[А-ЯЁ][а-яё]{2,}$"}}]},
        {"label": "SCHOOL", "pattern": school_core},
        {"label": "POSITION", "pattern": [{"LOWER": {"IN": ["главный", "ведущий", "старший", "муниципальный"]},
                                           "OP": "?"}, {"LOWER": {"IN": _POSITION_HEADS}}]},
    ]
    for kind in _DOC_KINDS:
        pats.append({"label": "DOCREF", "pattern": [
            {"LOWER": {"REGEX": f"^{kind[:5]}"}}, {"IS_ALPHA": True, "OP": "*"}, {"LOWER": "от"},
            {"TEXT": {"REGEX": r"^\d{1,2}\.\d{1,2}\.\d{2,4}$"}}, {"TEXT": "№", "OP": "?"},
            {"TEXT": {"REGEX": r"^\d[\w./-]*$"}, "OP": "?"}]})
    return pats


@lru_cache(maxsize=1)
def build_nlp():
    """A blank Russian spaCy pipeline with the project's EntityRuler (built once per process)."""
    import spacy

    nlp = spacy.blank("ru")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(patterns())
    return nlp


def annotate(text: str) -> list[tuple[str, int, int, str]]:
    """(label, start, end, text) of every entity the rules find in ``text``."""
    doc = build_nlp()(text)
    return [(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
