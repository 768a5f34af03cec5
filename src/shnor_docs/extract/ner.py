"""natasha's NER as the fallback of the name rules: only for text where two capitalised words look
like a name the initials patterns cannot see («Анна Смирнова», «Сазоновой Ын Хи»).

The models ship inside natasha's wheel (offline) and load once per process, on first need: the
common case — names with initials — never loads them. natasha's own normaliser is not used for
surnames: with initials only it defaults to the masculine («О.Р. Соболева» → «Соболев»), which the
contract forbids; :mod:`morph` puts surnames into the nominative instead.
"""

from __future__ import annotations

import logging
import re
import threading

from . import morph

log = logging.getLogger("shnor_docs")

_LOCK = threading.Lock()
_MODELS: tuple | None = None

_PAIR = re.compile(r"\b([А-ЯЁ][а-яё]{1,})\s+([А-ЯЁ][а-яё]{1,})\b")


def _models():
    global _MODELS
    with _LOCK:
        if _MODELS is None:
            from natasha import NewsEmbedding, NewsNERTagger, Segmenter

            emb = NewsEmbedding()
            _MODELS = (Segmenter(), NewsNERTagger(emb))
            log.debug("natasha NER loaded")
    return _MODELS


def _namey(word: str) -> bool:
    return any(("Name" in p.tag or "Surn" in p.tag) for p in morph.parses(word)[:3])


def worth_asking(text: str, covered: list[tuple[int, int]]) -> bool:
    """Is there a pair of capitalised words, outside what the rules found, one of them a given name
    or a surname by the dictionary? Only then is natasha asked."""
    for m in _PAIR.finditer(text):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in covered):
            continue
        w1, w2 = m.group(1), m.group(2)
        if _namey(w1) or _namey(w2):
            return True
    return False


def person_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every person natasha's NER finds in ``text``."""
    from natasha import Doc

    segmenter, tagger = _models()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [(s.start, s.stop) for s in doc.spans if s.type == "PER"]
