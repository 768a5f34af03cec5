"""Stage: the order's header and operative part — issuer, kind, date, number, place, title,
directives, signatory, the «УТВЕРЖДАЮ» block and the controller.

The header of this genre is a sequence of short lines: the issuing body (often in capitals over
several lines), the kind («ПРИКАЗ»), the date and number (on one line or two), the place, then the
title «О…»/«Об…». The operative part follows «приказываю:» as numbered points, and the signature
(position lines, then the name) closes it. The stage reads those lines in order; the same code
serves every backend because a header table (date | number) is flattened into lines first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Paragraph, Table
from ..records import Directive, PersonRef
from . import morph
from .dates import find_dates, period_of
from .geo import find_municipality, find_region, region_counts
from .names import find_mentions
from .morph import position_nominative
from .positions import clean_position, starts_with_position


def _spaced(word: str) -> str:
    return r"\s*".join(word)


_DOC_TYPES = {
    "приказ": "приказ", "распоряжение": "распоряжение", "постановление": "постановление",
    "решение": "решение", "указ": "указ", "отчет": "отчет", "отчёт": "отчет",
}
_DOC_TYPE_RX = re.compile(
    r"^\s*(" + "|".join(_spaced(w) for w in _DOC_TYPES) + r")\b\s*(.*)$", re.I)
_OPERATIVE = re.compile(
    r"(" + "|".join(_spaced(w) for w in ("приказываю", "постановляю", "распоряжаюсь", "обязываю", "предлагаю",
                                          "решил", "постановил", "приказал")) + r")\s*[:.]?", re.I)
_NUMBERED = re.compile(r"^\s*[-–—•]?\s*((?:\d{1,2}|[lIЗ])(?:\.\d{1,2})*)(?:[.)]|\.\)|,)?\s+(\S.*)$")
_DASH_ITEM = re.compile(r"^\s*[-–—•]\s*\S")
_NUMBER = re.compile(r"(?:№|N\s|N°|No\.?\s)\s*([^\s,;«»\"()]*\d[^\s,;«»\"()]*)")
_PLACE = re.compile(r"^\s*(?:г\.|город|пгт\.?|п\.|пос\.|посёлок|поселок|с\.|село|ст-ца|станица|д\.|деревня|р\.\s?п\.|"
                    r"рп\.?|х\.|аул)\s*[А-ЯЁ][А-Яа-яЁё-]+(?:[\s-][А-ЯЁа-яё-]+){0,3}\s*$")
_TITLE_START = re.compile(r"^\s*[«\"]?\s*(?:О|Об|Обо)\s+\S")
# a heading «… на 2022–2024 годы» is complete: a capitalised line after it starts something else
# (a scan has no blank line to tell)
_ENDS_WITH_YEARS = re.compile(r"(?:\bгод[аыу]?|\b(?:19|20)\d\d(?:\s?г\.)?)\s*[»\"]?\s*$", re.I)

# after a kind line («ОТЧЕТ»), the title may start in lower case («о выполнении плана …»)
_TITLE_START_ANY = re.compile(r"^\s*[«\"]?\s*(?:[Оо]|[Оо]б|[Оо]бо)\s+\S")
_PREAMBLE = re.compile(r"^\s*(?:В\s+целях|В\s+соответствии|Согласно|На\s+основании|С\s+целью|Во\s+исполнение|"
                       r"В\s+связи|В\s+рамках|Руководствуясь|Для\s+|По\s+итогам|Рассмотрев|В\s+результате)", re.I)
_APPROVE = re.compile(r"^\s*[«\"„]?\s*у\s*т\s*в\s*е\s*р\s*ж\s*д\s*а\s*ю\s*[»\"“]?\s*:?\s*(.*)$", re.I)
_NOT_SIGNATORY = re.compile(r"^\s*(?:составил|исполнитель|исп\.|проект\s+внес|согласовано|подготовил|"
                            r"ознакомлен|разослать|верно|копия)", re.I)
_ANNEX = re.compile(r"^\s*(?:приложение|утвержден[аоы]?\b|к\s+приказу|к\s+распоряжению)", re.I)
_ORG_WORDS = re.compile(r"\b(?:управлени|отдел|комитет|департамент|министерств|администраци|муниципальн|"
                        r"образовани|учреждени|центр)", re.I)
_CONTACTS = re.compile(r"тел\.|телефон|факс|e-?mail|@|инн|огрн|окпо|ул\.|улица|\bд\.\s*\d|индекс|\d{6}", re.I)
_LETTERS_ONLY = re.compile(r"[^А-Яа-яЁё]")


@dataclass
class Line:
    """A line of the document's running text (table cells of small tables count as lines)."""

    text: str
    block: int
    gap_before: bool
    bold: bool = False
    in_table: bool = False


def document_lines(blocks: list) -> list[Line]:
    """Paragraphs as lines; a small table (a header laid out in a borderless grid, a signature
    table) contributes its cells as lines, row by row; large tables are left to the roadmap stage."""
    out: list[Line] = []
    for i, b in enumerate(blocks):
        if isinstance(b, Paragraph):
            for k, part in enumerate(b.text.split("\n")):
                if part.strip():
                    out.append(Line(" ".join(part.split()), i, b.gap_before or k > 0 and False, b.bold))
        elif isinstance(b, Table):
            if len(b.rows) <= 4 and sum(len(r) for r in b.rows) <= 12:
                first = True
                for row in b.rows:
                    for c in row:
                        for part in c.text.split("\n"):
                            if part.strip():
                                out.append(Line(" ".join(part.split()), i, first, False, True))
                                first = False
    return out


def sentence_case(text: str) -> str:
    """An issuer printed in capitals, in sentence case: proper names (regions, municipalities,
    places, words the dictionary does not know) keep their capital."""
    if not text:
        return text
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) < 0.7 * len(letters):
        return text[0].upper() + text[1:]
    words = text.split(" ")
    out = []
    cap_next = False
    for i, w in enumerate(words):
        core = w.strip("«»\"()")
        low = w.lower()
        if i == 0:
            out.append(low[:1].upper() + low[1:])
        elif w.startswith(("«", '"')) or cap_next:
            j = 1 if w.startswith(("«", '"')) else 0
            out.append(low[:j] + low[j:j + 1].upper() + low[j + 1:])
        elif len(core) <= 6 and core.isupper() and not morph.is_known(core.lower()):
            out.append(w)  # an abbreviation
        elif all(_is_proper(part) for part in core.lower().split("-") if part):
            out.append(low[:1].upper() + low[1:])
        else:
            out.append(low)
        cap_next = low.strip("«»\"") in ("город", "г.", "города", "город-курорт", "города-курорта")
    return " ".join(out)


def _is_proper(word: str) -> bool:
    ps = morph.parses(word)
    if not ps:
        return True
    if any("Geox" in p.tag or "Surn" in p.tag or "Name" in p.tag for p in ps[:2]):
        return True
    if not morph.is_known(word):
        return True
    # adjectives made from place names: «ставропольского», «тихогорского»
    return bool(re.search(r"(?:ск|цк)(?:ий|ого|ой|ая|ому|им|ом|ую)$", word)) and not any(
        morph.is_known(word) and p.score > 0.3 and "Geox" not in p.tag and p.normal_form in _COMMON_ADJ for p in ps)


_COMMON_ADJ = {"городской", "сельский", "муниципальный", "районный", "российский", "областной", "краевой",
               "федеральный", "общеобразовательный", "детский", "педагогический", "социальный", "школьный",
               "славянский", "городский", "научный", "методический", "административный", "физический", "английский",
               "русский", "национальный"}


def _doc_type_match(text: str) -> tuple[str, str] | None:
    m = _DOC_TYPE_RX.match(text)
    if not m:
        return None
    word = _LETTERS_ONLY.sub("", m.group(1)).lower()
    rest = m.group(2)
    if rest and re.match(r"[а-яё]", rest):  # «Приказом управления…» is running text
        return None
    if len(text) > 80 and not re.search(r"\d", rest):
        return None
    return _DOC_TYPES.get(word, word), rest


_OPERATIVE_KIND = {"приказываю": "приказ", "постановляю": "постановление", "постановляет": "постановление",
                   "постановил": "постановление", "решил": "решение", "распоряжаюсь": "распоряжение"}


def _unread_kind_line(head: list[Line]) -> int | None:
    """Where the kind of document stands when OCR could not read it (a letter-spaced «П Р И К А З»
    comes back as one made-up word): a lone short capitalised word right above the line with the
    order's date and number, below the issuer."""
    for k, ln in enumerate(head[:14]):
        t = ln.text.strip()
        if k < 2 or len(t) > 60 or not find_dates(t) or not _NUMBER.search(t):
            continue
        cand = head[k - 1].text.strip()
        letters = _LETTERS_ONLY.sub("", cand)
        if 3 <= len(letters) <= 14 and len(cand.split()) <= 2 and letters.isupper() and not find_dates(cand):
            return k - 1
        return None
    return None


def _kind_from_operative(lines: list[Line]) -> str | None:
    for ln in lines:
        m = _OPERATIVE.search(ln.text)
        if m:
            return _OPERATIVE_KIND.get(_LETTERS_ONLY.sub("", m.group(1)).lower())
    return None


def _name_ref(text: str, *, position_hint: str | None = None) -> tuple[PersonRef, int, int] | None:
    ms = find_mentions(text)
    if not ms:
        return None
    m = ms[0]
    return PersonRef(m.surname, m.initials, position_hint), m.start, m.end


def stage(ctx) -> None:
    """Fill ``result.order``; sets ``ctx.year`` and ``ctx.period`` for the later stages."""
    doc, order = ctx.doc, ctx.result.order
    lines = document_lines(doc.blocks)
    first_big_table = next((i for i, b in enumerate(doc.blocks) if isinstance(b, Table) and len(b.rows) > 4),
                           len(doc.blocks))
    head = [ln for ln in lines if ln.block < first_big_table]

    # --- the kind of document and the issuer above it
    dt_idx = None
    for k, ln in enumerate(head[:40]):
        hit = _doc_type_match(ln.text)
        if hit:
            order.doc_type, rest = hit
            dt_idx = k
            break
    approve_idx = next((k for k, ln in enumerate(head[:60]) if _APPROVE.match(ln.text)), None)
    if dt_idx is None and approve_idx is None:
        dt_idx = _unread_kind_line(head)
        if dt_idx is not None:
            order.doc_type = _kind_from_operative(lines)
            ctx.warn(
                f"the kind of document is unreadable (line «{head[dt_idx].text}»); "
                + (f"taken as «{order.doc_type}» from its operative word" if order.doc_type else "left empty"))
    if dt_idx is not None:
        issuer_lines = [ln.text for ln in head[:dt_idx] if not _CONTACTS.search(ln.text) and not _APPROVE.match(ln.text)
                        and not _ANNEX.match(ln.text)]
        # keep the contiguous run of organisation lines closest to the kind line
        if issuer_lines:
            order.issuer = sentence_case(" ".join(" ".join(issuer_lines).split()).strip(" ,.")) or None
    else:
        # capitals at the very top, above an «УТВЕРЖДАЮ» block if there is one
        top = [ln.text for ln in head[: approve_idx if approve_idx is not None else 6][:6]]
        caps = []
        for t in top:
            letters = [c for c in t if c.isalpha()]
            if letters and sum(c.isupper() for c in letters) > 0.8 * len(letters) and (
                    _ORG_WORDS.search(t) or caps):
                caps.append(t)
            else:
                break
        if not caps and approve_idx:
            # a body printed in ordinary case above the «УТВЕРЖДАЮ» block
            above = [ln.text for ln in head[:approve_idx] if not _CONTACTS.search(ln.text)]
            if above and _ORG_WORDS.search(above[0]) and len(above) <= 5:
                caps = above
        if caps:
            order.issuer = sentence_case(" ".join(caps))

    # --- date, number, place: the few lines after the kind line (or before the title)
    title_idx = None
    search_from = dt_idx if dt_idx is not None else 0
    for k in range(search_from, min(len(head), search_from + 12)):
        t = head[k].text
        starts = _TITLE_START_ANY if dt_idx is not None and k - dt_idx <= 6 else _TITLE_START
        if k != dt_idx and starts.match(t) and len(t) > 8:
            title_idx = k
            break
    header_zone = head[search_from:(title_idx if title_idx is not None else search_from + 6)] if dt_idx is not None \
        else []
    where = ctx.notes.setdefault("order_blocks", {})
    if dt_idx is not None:
        where["doc_type"] = head[dt_idx].block
    for ln in header_zone:
        t = ln.text
        if order.date is None:
            ds = find_dates(t)
            if ds:
                order.date = ds[0][0].isoformat()
                where["date"] = ln.block
        if order.number is None:
            m = _NUMBER.search(t)
            if m and not re.search(r"(?:СОШ|ООШ|школ|лице|гимнази)\w*\s*$", t[:m.start()], re.I):
                order.number = m.group(1).rstrip(".")
                where["number"] = ln.block
        if order.place is None and _PLACE.match(t):
            order.place = " ".join(t.split())
            where["place"] = ln.block

    # --- title
    if title_idx is not None:
        parts = [head[title_idx].text]
        for ln in head[title_idx + 1: title_idx + 6]:
            # a lowercase start continues the title whatever the spacing (a DOCX of a scan keeps
            # every printed line as its own paragraph)
            continues = ln.text[:1].islower() and not re.search(r"[.;:]\s*$", parts[-1])
            if (ln.gap_before and not continues) or _PREAMBLE.match(ln.text) or _OPERATIVE.fullmatch(ln.text.strip()) \
                    or _NUMBERED.match(ln.text) or ln.in_table:
                break
            parts.append(ln.text)
        order.title = _join_lines(parts).strip(" «»\"") or None
        where["title"] = head[title_idx].block
    if order.title is None:
        # a stand-alone plan: its own heading
        for k, ln in enumerate(head[:30]):
            if re.search(r"дорожн\w+\s+карт|план\w*\s+мероприят|^\s*план\b|циклограмм|^\s*отч[её]т\b", ln.text, re.I) \
                    and not _ANNEX.match(ln.text) and len(ln.text) > 15:
                parts = [ln.text]
                # a heading printed over several lines (a PDF or a scan keeps them apart)
                for nxt in head[k + 1: k + 5]:
                    if nxt.gap_before or nxt.in_table or _PREAMBLE.match(nxt.text) or re.search(r"[.:]\s*$", parts[-1]) \
                            or (_ENDS_WITH_YEARS.search(parts[-1]) and nxt.text[:1].isupper()):
                        break
                    parts.append(nxt.text)
                order.title = _join_lines(parts).strip("*« ")
                break
    if order.doc_type is None and order.title:
        t = order.title.lower()
        if approve_idx is not None and re.search(r"дорожн\w*\s+карт|план|циклограмм|комплекс\s+мер", t):
            order.doc_type = "дорожная карта"  # a plan standing alone under «УТВЕРЖДАЮ» (the contract's rule)
        elif "дорожн" in t and "карт" in t:
            order.doc_type = "дорожная карта"
        elif re.match(r"\s*(?:муниципальн\w+\s+|региональн\w+\s+)?план", t):
            order.doc_type = "план"
        elif "отчет" in t or "отчёт" in t:
            order.doc_type = "отчет"

    # --- the «УТВЕРЖДАЮ» block
    if approve_idx is not None:
        ref = _block_person(head, approve_idx, inline=_APPROVE.match(head[approve_idx].text).group(1))
        if ref:
            order.approved_by = ref

    # --- directives and signature
    directives, after = _directives(lines, title_idx and head[title_idx].block or 0)
    order.directives = directives
    order.signatory = _signatory(lines, after) if directives else None
    if order.signatory is None and not directives and approve_idx is None:
        order.signatory = _closing_signatory(lines)
    if order.signatory is None and order.approved_by is not None and not directives:
        order.signatory = PersonRef(order.approved_by.surname, order.approved_by.initials, order.approved_by.position)
    order.controller = _controller(directives, order.signatory)

    # --- date fallbacks: the approval block, then «Составил … дата» or a closing date line
    if order.date is None and approve_idx is not None:
        for ln in head[approve_idx: approve_idx + 6]:
            ds = find_dates(ln.text)
            if ds:
                order.date = ds[0][0].isoformat()
                break
    if order.date is None and (dt_idx is None or not directives):
        tail = [ln for ln in lines[-8:]]
        for ln in reversed(tail):
            ds = find_dates(ln.text)
            if ds and len(ln.text) < 40:
                order.date = ds[-1][0].isoformat()
                break

    # --- region and municipality
    if order.issuer:
        r = find_region(order.issuer)
        if r:
            order.region = r[0]
        order.municipality = find_municipality(order.issuer, order.region)
    if order.region is None and order.issuer:
        counts = region_counts(doc.text())
        if counts:
            order.region = max(sorted(counts), key=lambda k: counts[k])

    # --- the year and period later stages need for deadlines
    if order.date:
        ctx.year = int(order.date[:4])
    ctx.period = period_of(order.title or "") if order.title else None
    for d in directives[:3]:
        if ctx.period is None:
            ctx.period = period_of(d.text)
    if ctx.year is None and ctx.period:
        ctx.year = ctx.period[0]
    if order.date is None and dt_idx is not None:
        ctx.warn("order: no readable date in the header")
    if order.title is None:
        ctx.warn("order: no title found")


def _join_lines(parts: list[str]) -> str:
    out = ""
    for p in parts:
        p = " ".join(p.split())
        if not out:
            out = p
        elif re.search(r"[А-Яа-яЁё]-$", out) and p[:1].islower():
            w = re.search(r"([А-Яа-яЁё]+)-$", out).group(1) + re.match(r"[А-Яа-яЁё]*", p).group(0)
            out = out[:-1] + p if morph.is_known(w.lower()) else out + p
        else:
            out = f"{out} {p}"
    return out


def _block_person(lines: list[Line], idx: int, inline: str = "") -> PersonRef | None:
    """The person of a block that starts at ``lines[idx]`` (the «УТВЕРЖДАЮ» line): position lines,
    then the name."""
    pos_parts = []
    texts = ([inline] if inline and inline.strip() else []) + [ln.text for ln in lines[idx + 1: idx + 7]]
    for t in texts:
        t = re.sub(r"_{2,}|/\s*$", " ", t).strip(" /")  # signature lines («________ О.П. Никитина»)
        if not t or re.fullmatch(r"[\s_«»\"\d.г-]*(?:20\d\d|_+)?[\s_г.]*", t):
            continue
        hit = _name_ref(t)
        if hit:
            ref, s, e = hit
            before = t[:s].strip(" ,_/")
            if before:
                pos_parts.append(before)
            pos = clean_position(" ".join(pos_parts)) or None
            return PersonRef(ref.surname, ref.initials, pos)
        if find_dates(t):
            continue
        pos_parts.append(t)
    return None


def _directives(lines: list[Line], title_block: int) -> tuple[list[Directive], int]:
    """The numbered points after «приказываю» and the index of the first line after them."""
    start = None
    for k, ln in enumerate(lines):
        if ln.block < title_block:
            continue
        m = _OPERATIVE.search(ln.text)
        if m and (m.end() >= len(ln.text.rstrip()) - 1 or ln.text[m.end():].strip()[:1].isdigit()):
            start = k + 1
            tail = ln.text[m.end():].strip(" :")
            if tail and _NUMBERED.match(tail):
                lines = lines[:k + 1] + [Line(tail, ln.block, False)] + lines[k + 1:]
            break
    if start is None:
        # «распоряжение» and some orders: numbered points right after the preamble
        for k, ln in enumerate(lines):
            if ln.block >= title_block and _NUMBERED.match(ln.text) and ln.text.split()[0].rstrip(".)") in ("1",):
                start = k
                break
    if start is None:
        return [], len(lines)
    out: list[Directive] = []
    k = start
    while k < len(lines):
        ln = lines[k]
        t = ln.text
        if ln.in_table and not _NUMBERED.match(t):
            break
        m = _NUMBERED.match(t)
        if m and not _looks_like_date_start(t):
            num = _fix_digits(m.group(1))
            out.append(Directive(num, m.group(2).strip()))
            k += 1
            continue
        if not out:
            if find_mentions(t) or starts_with_position(t):
                break
            k += 1
            continue
        if _is_signature_start(lines, k):
            break
        if _ANNEX.match(t) and not _DASH_ITEM.match(t):
            break
        out[-1].text = _join_lines([out[-1].text, t])
        k += 1
    return out, k


def _looks_like_date_start(t: str) -> bool:
    return bool(re.match(r"^\s*\d{1,2}\.\d{1,2}\.\d{2,4}", t))


def _fix_digits(num: str) -> str:
    return num.replace("l", "1").replace("I", "1").replace("З", "3")


def _is_signature_start(lines: list[Line], k: int) -> bool:
    """Does the signature (position lines and a name) start at line k?"""
    t = lines[k].text
    if _DASH_ITEM.match(t):
        return False
    prev = lines[k - 1].text if k else ""
    if t[:1].islower() and not re.search(r"[.;:!]\s*$", prev):
        return False  # the wrapped rest of a point («… возложить на заместителя» / «начальника …»)
    if _NOT_SIGNATORY.match(t):
        return True
    ms = find_mentions(t)
    if not re.search(r"[.;:!?]\s*$", prev) and not lines[k].gap_before:
        if ms and ms[0].start < 3:
            rest = t[ms[0].end:]
            # «… назначить старшего методиста» / «Кравчук Г.А. координатором проекта.»: the name goes
            # on into the end of the point's sentence; a signature line does not end in a full stop
            if re.search(r"[.;]\s*$", t) and re.match(r"\s*,?\s*[а-яё]+\s+[а-яё]+", rest):
                return False
            # «8. Контроль возложить на заместителя начальника» / «Исаеву А.Э.»: a name alone after
            # a full wrapped line of the point; a signature's name follows a position line
            if not rest.strip(" .,;") and len(prev) >= 40 and not starts_with_position(prev):
                return False
    if len(t) < 90 and ms and not re.search(r"[;:]\s*$", t) and (
            starts_with_position(t) or ms[0].start < 3 or lines[k].gap_before):
        return True
    # a short position line after a point's full stop needs no blank line before it: a scan
    # keeps none («… Исаеву А.Э.» / «Временно исполняющий обязанности» / … / «В.Л. Беляков»)
    if starts_with_position(t) and len(t) < 80 and (lines[k].gap_before or lines[k].in_table or (
            len(t) < 60 and t[:1].isupper() and re.search(r"[.;!]\s*$", prev))):
        for j in range(k, min(k + 4, len(lines))):
            if find_mentions(lines[j].text):
                return True
    return False


def _signatory(lines: list[Line], k: int) -> PersonRef | None:
    pos_parts: list[str] = []
    for ln in lines[k: k + 8]:
        t = ln.text
        if _NOT_SIGNATORY.match(t) or _ANNEX.match(t):
            break
        hit = _name_ref(t)
        if hit:
            ref, s, e = hit
            before = t[:s].strip(" ,_/")
            if before:
                pos_parts.append(before)
            pos = clean_position(" ".join(pos_parts)) or None
            return PersonRef(ref.surname, ref.initials, pos)
        if len(t) < 120 and not find_dates(t):
            pos_parts.append(t)
    return None


def _closing_signatory(lines: list[Line]) -> PersonRef | None:
    """The signature closing a document without directives (a report, a plan): the last name in
    the closing lines that follows a position, not a «Составил:»/«Исполнитель:» line."""
    tail = lines[-10:]
    for k in range(len(tail) - 1, -1, -1):
        t = tail[k].text
        if _NOT_SIGNATORY.match(t) or tail[k].in_table and len(tail[k].text) > 80:
            continue
        hit = _name_ref(t)
        if not hit:
            continue
        ref, s, _ = hit
        before = t[:s].strip(" ,_/")
        if before and starts_with_position(before):
            return PersonRef(ref.surname, ref.initials, clean_position(before))
        if not before and k and starts_with_position(tail[k - 1].text) and not _NOT_SIGNATORY.match(tail[k - 1].text) \
                and len(tail[k - 1].text) < 90:
            return PersonRef(ref.surname, ref.initials, clean_position(tail[k - 1].text))
    return None


_CONTROL = re.compile(r"контрол", re.I)
_SELF = re.compile(r"за\s+собой|оставляю\s+за|осуществляю\s+лично|возлагаю\s+на\s+себя", re.I)


def _controller(directives: list[Directive], signatory: PersonRef | None) -> PersonRef | None:
    for d in directives:
        if not _CONTROL.search(d.text):
            continue
        if _SELF.search(d.text):
            return PersonRef(signatory.surname, signatory.initials, signatory.position) if signatory else None
        ms = find_mentions(d.text)
        if not ms:
            continue
        m = ms[-1]
        before = d.text[:m.start]
        pm = re.search(r"\bна\s+(.+?)\s*[,(]?\s*$", before)
        position = None
        if pm:
            ptxt = pm.group(1).strip(" ,(")
            if ptxt and starts_with_position(ptxt):
                position = position_nominative(ptxt)
        return PersonRef(m.surname, m.initials, position)
    return None
