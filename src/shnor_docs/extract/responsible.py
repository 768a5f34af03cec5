"""Splitting a «responsible» cell into persons (with their positions) and organisations.

A cell mixes «И.Д. Коршунова, заместитель начальника УОН В.Т. Гоцеридзе, директор ЦРО»,
«Начальник отдела Ракитова Е.Л., кураторы», «Администрация ОО, педагогические работники ОО
(учителя начальных классов)». Names are found first; each takes the position printed right after it
(«, директор ЦРО») or, failing that, right before it («Методист ИМО Соболева С.К.»); what is left
is split into organisations and collectives.
"""

from __future__ import annotations

import re

from ..records import PersonRef, Responsible
from . import morph
from .names import Mention, find_mentions
from .positions import clean_position, cut_position, starts_with_position

_SEP = re.compile(r"[,;\n]")


def _split_top(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` between separators (comma, semicolon, line break) outside brackets."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif depth == 0 and ch in ",;\n":
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans


def _split_org_chunk(chunk: str) -> list[str]:
    """«Администрация ОО Педагогические работники» is two collectives printed without a comma: a
    capitalised word in the nominative, after a word that ends a phrase, starts the next one."""
    words = chunk.split()
    out, cur = [], []
    for i, w in enumerate(words):
        bare = w.strip("«»\"()")
        if cur and bare[:1].isupper() and not bare.isupper() and i > 0 and not words[i - 1].endswith(("«", "(")):
            ps = morph.parses(bare.lower())
            nominative_only = ps and all(p.tag.case in ("nomn", "accs") for p in ps if p.tag.case)
            body = ps[0].tag.POS == "NOUN" and not ({"Name", "Surn", "Patr", "Geox"} & set(ps[0].tag.grammemes))
            if nominative_only and ps[0].tag.POS in ("NOUN", "ADJF") and (ps[0].tag.number == "plur" or body):
                out.append(" ".join(cur))
                cur = []
        cur.append(w)
    if cur:
        out.append(" ".join(cur))
    return out


def _org_entries(text: str) -> list[Responsible]:
    out = []
    for a, b in _split_top(text):
        chunk = " ".join(text[a:b].split()).strip(" .;:,-–—")
        if not chunk or not re.search(r"[А-Яа-яЁёA-Za-z]", chunk):
            continue
        for part in _split_org_chunk(chunk):
            part = part.strip(" .;:,")
            if part:
                out.append(Responsible(text=part, org=part))
    return out


def _position_after(text: str, start: int, limit: int) -> tuple[str, int, int] | None:
    """A position printed after a name: («position», start, end) within text[start:limit]."""
    seg = text[start:limit]
    m = re.match(r"[\s,.:–—-]*", seg)
    off = m.end() if m else 0
    body = seg[off:]
    if not body.strip() or not starts_with_position(body):
        return None
    # the position runs to the next separator outside brackets
    end_rel = _split_top(body)[0][1]
    pos_text = body[:end_rel]
    pos, rest = cut_position(pos_text)
    pos_end = start + off + len(pos)
    return clean_position(pos), start + off, pos_end


def _position_before(text: str, lo: int, end: int) -> tuple[str, int, int] | None:
    seg = text[lo:end]
    spans = _split_top(seg)
    a, b = spans[-1]
    chunk = seg[a:b]
    if not chunk.strip() and len(spans) > 1 and seg[spans[-2][1]] == "\n":
        a, b = spans[-2]  # «Методист ИМО» on the line above the name
        chunk = seg[a:b]
    lead = len(chunk) - len(chunk.lstrip(" .;:–—-"))
    body = chunk[lead:].rstrip()
    if not body or not starts_with_position(body):
        return None
    return clean_position(body), lo + a + lead, lo + a + lead + len(body)


def split_responsible(cell: str, canonical: dict[tuple[str, str], str] | None = None) -> list[Responsible]:
    """The persons and organisations of one responsible cell, in printed order.

    ``canonical`` maps (surname, initials) of a spelling variant to the surname the document uses
    most (persons merged across the document).
    """
    text = cell.replace("\u00a0", " ")
    mentions = find_mentions(text)
    if not mentions:
        return _org_entries(text)
    used: list[tuple[int, int]] = []
    entries: list[tuple[int, Responsible]] = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        prev_end = max([mentions[i - 1].end] + [u[1] for u in used]) if i else 0
        pos = _position_after(text, m.end, nxt)
        span_lo, span_hi = m.start, m.end
        position = None
        if pos:
            position, _, pe = pos
            span_hi = pe
        else:
            before = _position_before(text, prev_end, m.start)
            if before:
                position, ps, _ = before
                span_lo = ps
        used.append((span_lo, span_hi))
        surname = m.surname
        if canonical:
            surname = canonical.get((m.surname, m.initials), surname)
        printed = " ".join(text[span_lo:span_hi].split()).strip(" ,;")
        entries.append((span_lo, Responsible(text=printed, person=PersonRef(surname, m.initials, position),
                                             position=position)))
    # what no person took is organisations
    rest, last = [], 0
    for a, b in sorted(used):
        rest.append((last, text[last:a]))
        last = max(last, b)
    rest.append((last, text[last:]))
    for off, chunk in rest:
        for r in _org_entries(chunk):
            entries.append((off + max(0, chunk.find(r.text)), r))
    entries.sort(key=lambda e: e[0])
    return [e[1] for e in entries]


def mentions_with_positions(cell: str) -> list[tuple[Mention, str | None]]:
    """Each name in a cell with the position the cell gives it (for the persons registry)."""
    out = []
    for r, m in zip([r for r in split_responsible(cell) if r.person], find_mentions(cell)):
        out.append((m, r.position))
    return out
