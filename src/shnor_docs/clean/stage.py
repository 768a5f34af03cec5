"""Running the rules over a text or over a whole working document."""

from __future__ import annotations

import difflib
import logging
import re

from ..document import Document, Paragraph, Provenance, Table
from .detect import looks_like_ocr
from .lexicon import abbreviations, is_known
from .rules import RULES, Context, hyphen_join

log = logging.getLogger("shnor_docs")

#: looks_like_ocr() score from which a document not marked as OCR is cleaned as OCR
OCR_THRESHOLD = 0.5


def _word_span(s: str, i: int, j: int) -> tuple[int, int]:
    while i > 0 and not s[i - 1].isspace():
        i -= 1
    while j < len(s) and not s[j].isspace():
        j += 1
    return i, j


def _changes(before: str, after: str) -> list[tuple[str, str]]:
    """The changed spots as (before, after) snippets widened to whole words."""
    out: list[tuple[str, str]] = []
    sm = difflib.SequenceMatcher(None, before, after, autojunk=False)
    last = (-1, -1)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        a1, a2 = _word_span(before, i1, i2)
        b1, b2 = _word_span(after, j1, j2)
        if a1 < last[1] and out:  # same words as the previous change: widen that one
            pa1, pb1 = last[0], last[2]
            out[-1] = (before[pa1:a2], after[pb1:b2])
            last = (pa1, a2, pb1)
            continue
        out.append((before[a1:a2], after[b1:b2]))
        last = (a1, a2, b1)
    return out


def clean_text(text: str, *, trace: list | None = None, ocr: bool = True,
               ctx: Context | None = None) -> str:
    """``text`` (any number of lines) after the rules; with ``ocr=False`` only the rules safe on
    clean text run. When ``trace`` is a list, ``(rule_name, before, after)`` is appended to it
    for every change. ``ctx`` carries the document's vocabulary (built from ``text`` if absent)."""
    if ocr and ctx is None:
        ctx = Context.of(text)
    ctx = ctx or Context()
    for rule in RULES:
        if rule.ocr_only and not ocr:
            continue
        new = rule.fn(text, ctx)
        if new != text and trace is not None:
            trace.extend((rule.name, a, b) for a, b in _changes(text, new))
        text = new
    return text


# ---------------------------------------------------------------------------------------------
# document level

_SUSPECT = re.compile(r"[A-Za-z].*[^A-Za-z\s]|[^A-Za-z\s].*[A-Za-z]|[a-z]|[€$|{}\[\]!^]")


def is_garbage_line(text: str) -> bool:
    """A line of OCR noise: a lone letter (a speck), or short and made of tokens that are neither
    words, numbers nor abbreviations and mostly look broken (Latin among Cyrillic, stray signs)."""
    s = text.strip()
    if not s:
        return False
    letters = [ch for ch in s if ch.isalpha()]
    if len(s) <= 3 and len(letters) == 1 and not re.search(r"\d|[IVX]", s):
        return True
    if len(s) > 40:
        return False
    toks = s.split()
    words = [t.strip(".,;:()«»\"'-") for t in toks]
    if any(len(w) >= 3 and (is_known(w) or w.upper() in abbreviations() or w.isdigit()) for w in words):
        return False
    if re.search(r"\d{1,2}\.\d{1,2}\.\d{2,4}|\.\d\d\.\d{4}|№\s?\d|\b(?:19|20)\d\d\b", s):
        return False
    broken = sum(1 for t in toks if _SUSPECT.search(t))
    return broken * 2 >= len(toks) and broken >= 1


def _merge_hyphenated(doc: Document, trace: list | None = None) -> None:
    """Consecutive paragraphs where a word is hyphenated across the break become one paragraph."""
    out: list = []
    for b in doc.blocks:
        prev = out[-1] if out else None
        if isinstance(b, Paragraph) and isinstance(prev, Paragraph) and re.search(r"\d-$", prev.text) \
                and re.match(r"\d", b.text):
            # a number split after its hyphen («1348/21-21-» + «10»)
            prev.text += b.text
            prev.prov = _union(prev.prov, b.prov)
            continue
        if isinstance(b, Paragraph) and isinstance(prev, Paragraph) and re.search(r"[а-яёА-ЯЁ][-_]$", prev.text):
            head, _, last = prev.text[:-1].rpartition(" ")
            first, _, rest = b.text.lstrip().partition(" ")
            joined = hyphen_join(last, first)
            if joined is not None:
                if trace is not None:
                    trace.append(("merge_hyphenated_lines", f"{last}\n{first}", joined))
                prev.text = (head + " " if head else "") + joined + (" " + rest if rest else "")
                prev.prov = _union(prev.prov, b.prov)
                continue
        out.append(b)
    doc.blocks = out


def _union(a: Provenance | None, b: Provenance | None) -> Provenance | None:
    if a is None or b is None or a.page != b.page or a.box is None or b.box is None:
        return a or b
    box = (min(a.box[0], b.box[0]), min(a.box[1], b.box[1]), max(a.box[2], b.box[2]), max(a.box[3], b.box[3]))
    conf = None if a.confidence is None or b.confidence is None else (a.confidence + b.confidence) / 2
    return Provenance(page=a.page, box=box, confidence=conf)


def clean_document(doc: Document, *, trace: list | None = None) -> Document:
    """Repair OCR errors in every paragraph and cell of ``doc``, in place (and return it).

    The OCR-only rules run when ``doc.ocr`` is set or the text scores at least
    :data:`OCR_THRESHOLD` on :func:`looks_like_ocr`; otherwise only the safe rules run. In OCR
    mode, paragraphs split inside a hyphenated word are merged and lines of pure noise dropped.
    """
    full = doc.text()
    ocr = doc.ocr or looks_like_ocr(full) >= OCR_THRESHOLD
    log.debug("%s: cleaning as %s", doc.file, "OCR" if ocr else "clean text")
    ctx = Context.of(full) if ocr else Context()
    if ocr:
        _merge_hyphenated(doc, trace)
    kept: list = []
    gap = False  # a dropped line's gap passes to the next line
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            b.text = clean_text(b.text, trace=trace, ocr=ocr, ctx=ctx)
            if ocr and is_garbage_line(b.text):
                if trace is not None:
                    trace.append(("drop_garbage_line", b.text, ""))
                gap = gap or b.gap_before
                continue
            b.gap_before = b.gap_before or gap
            gap = False
        elif isinstance(b, Table):
            for row in b.rows:
                for cell in row:
                    if cell.text:
                        cell.text = clean_text(cell.text, trace=trace, ocr=ocr, ctx=ctx)
        kept.append(b)
    doc.blocks = kept
    return doc
