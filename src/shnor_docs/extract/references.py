"""Stage: references — the documents the text cites, repeals, amends or approves.

A dated or numbered reference reads «<kind> [<issuer>] от <date> [№ <number>] [«<title>»]» or
«<kind> № <number> от <date>»; lists share the kind («письма УО от 19.11.2020 № 1, от 21.01.2021
№ 2»). The relation comes from the directive around it: «признать утратившим силу» repeals,
«внести изменения» amends. What a directive approves («Утвердить … дорожную карту (приложение)»)
is recorded as an approved document without a date or number.
"""

from __future__ import annotations

import re

from ..records import Reference
from .dates import find_dates, parse_date
from .morph import inflect_phrase_nominative

_KIND_WORDS = {
    "приказ": "приказ", "распоряжени": "распоряжение", "постановлени": "постановление", "письм": "письмо",
    "решени": "решение", "указ": "указ", "закон": "закон", "протокол": "протокол", "положени": "положение",
    "программ": "программа", "концепци": "концепция", "дорожн": "дорожная карта", "план": "план",
    "методическ": "методические рекомендации", "соглашени": "соглашение", "договор": "договор",
    "инструктивн": "письмо", "порядок": "порядок", "порядк": "порядок",
}
_KIND_RX = re.compile(r"\b(приказ\w*|распоряжени\w*|постановлени\w*|письм\w*|решени\w*|указ\w*|"
                      r"(?:федеральн\w+\s+)?закон\w*|протокол\w*|концепци\w*|дорожн\w+\s+карт\w*|соглашени\w*)\b", re.I)
# «№», and OCR's faces of it that the cleaning stage leaves when the number went to the next line
_NUM_SIGN = r"(?:№|N[s9]?|No\.?)\s*№?\s*"
# a number may be broken by spaces around its separators in OCR text: «2957 /20-21 -10»
_NUM_BODY = r"[0-9][0-9A-Za-zА-Яа-яЁё./\-]*(?:\s?[-/]\s?[0-9A-Za-zА-Яа-яЁё][0-9A-Za-zА-Яа-яЁё.]*)*"
# re.S: a date may run over a line end («от 19» / «июля 2020 г. № 4.06-1586/20»); its group is
# at most 28 characters and must read as a date
_OT_DATE_NUM = re.compile(
    r"\bот\s+(?P<date>.{6,28}?)\s*(?:года|г\.|г\b)?\s*,?\s*" + _NUM_SIGN + r"(?P<num>" + _NUM_BODY + r")"
    r"|\bот\s+(?P<date2>\d{1,2}[./]\d{1,2}[./]\d{2,4}|[«\"]?\d{1,2}[»\"]?\s+[а-я]+\s+\d{4})", re.I | re.S)
_NUM_OT = re.compile(_NUM_SIGN + r"(?P<num>" + _NUM_BODY + r")\s+от\s+(?P<date>.{6,28}?)"
                     r"(?=\s*(?:года|г\.|г\b|[,;)«\"]|$))", re.I | re.S)
_TITLE = re.compile(r"^\s*(?:года|г\.?)?\s*[,]?\s*(?:[«\"<(]{1,2})\s*((?:О|Об|Обо|о|об)\s[^»\">)]{3,400})[»\">)]")
_REPEAL = re.compile(r"утратившим\w*\s+сил|отменить|признать\s+утратив", re.I)
_AMEND = re.compile(r"внести\s+(?:следующие\s+)?изменени|дополнить", re.I)
_APPROVE = re.compile(r"^\s*утвердить\s+(.+?)(?:\s*\((?:приложени|прилагается)[^)]*\)|\s+согласно\s+приложени|"
                      r"\s*\(прилагается\)|[.;]?\s*$)", re.I)


def _kind_of(word: str) -> str:
    w = word.lower()
    for stem, kind in _KIND_WORDS.items():
        if stem in w:
            return "закон" if "закон" in w else kind
    return w


def _clean_number(raw: str) -> str:
    n = re.sub(r"\s*([-/])\s*", r"\1", raw.strip())
    # OCR letters standing for digits inside a number («l3», «2l»)
    n = re.sub(r"(?<=\d)[lI|](?=[\d/-]|$)|(?<=[-/])[lI|](?=\d)|^[lI|](?=\d)", "1", n)
    return n.rstrip(".,;-")


def _nearest_kind(text: str, pos: int) -> tuple[str | None, int]:
    window = text[max(0, pos - 160):pos]
    kinds = list(_KIND_RX.finditer(window))
    if not kinds:
        return None, -1
    k = kinds[-1]
    return _kind_of(k.group(1)), max(0, pos - 160) + k.end()


def find_references(text: str) -> list[Reference]:
    """Every dated or numbered document reference in ``text``, in order, duplicates merged."""
    # a number broken at a line end keeps its separator: «№ 6.06- 1181/22» is «6.06-1181/22»
    text = re.sub(r"(?<=\d)([-/])\s+(?=\d)", r"\1", text)
    out: dict[tuple, Reference] = {}
    spans: list[tuple[int, int, str | None, str | None]] = []
    for m in _OT_DATE_NUM.finditer(text):
        raw_date = m.group("date") or m.group("date2")
        d = parse_date(raw_date)
        if d is None:
            ds = find_dates(raw_date)
            d = ds[0][0] if ds else None
        if d is None:
            continue
        num = _clean_number(m.group("num")) if m.group("num") else None
        spans.append((m.start(), m.end(), d.isoformat(), num))
    for m in _NUM_OT.finditer(text):
        d = parse_date(m.group("date"))
        if d is None:
            continue
        if any(s[0] <= m.start() < s[1] or m.start() <= s[0] < m.end() for s in spans):
            continue
        spans.append((m.start(), m.end(), d.isoformat(), _clean_number(m.group("num"))))
    spans.sort()
    for start, end, date, num in spans:
        kind, kend = _nearest_kind(text, start)
        if kind is None:
            # «от 14.01.2021» with no document word nearby is not a reference (a period, an age …)
            if num is None:
                continue
        issuer = None
        if kend >= 0:
            between = " ".join(text[kend:start].split()).strip(" ,")
            if between and len(between) < 140 and not re.search(r"[.;]", between):
                issuer = inflect_phrase_nominative(between) if between[:1].isalpha() else None
        tm = _TITLE.match(text[end:end + 420])
        title = " ".join(tm.group(1).split()) if tm else None
        sentence_start = max(text.rfind(".", 0, start - 30), text.rfind("\n", 0, start) if False else -1)
        ctx = text[max(0, sentence_start, start - 250):start]
        relation = "cites"
        if _REPEAL.search(ctx):
            relation = "repeals"
        elif _AMEND.search(ctx):
            relation = "amends"
        key = (date, num)
        if key in out:
            r = out[key]
            r.title = r.title or title
            r.doc_type = r.doc_type or kind
            if r.relation == "cites" and relation != "cites":
                r.relation = relation
            continue
        out[key] = Reference(doc_type=kind, date=date, number=num, title=title, relation=relation,
                             issuer=issuer[:1].upper() + issuer[1:] if issuer else None)
    return list(out.values())


def stage(ctx) -> None:
    """Fill ``result.references`` (the document's own date and number are not a reference)."""
    order = ctx.result.order
    text = ctx.doc.text()
    refs = [r for r in find_references(text) if not (r.date == order.date and r.number == order.number)]
    # what a directive approves: the annex, with no date or number of its own
    for d in order.directives:
        m = _APPROVE.match(d.text)
        if m and re.search(r"приложени|прилага", d.text, re.I):
            title = m.group(1).strip(" ,")
            kind = "дорожная карта" if re.search(r"дорожн\w+\s+карт", title, re.I) else (
                "план" if re.match(r"(?:\w+\s+)?план", title, re.I) else
                ("отчет" if re.search(r"отч[её]т", title, re.I) else None))
            heading = next((rm.title for rm in ctx.result.roadmaps if rm.title), None)
            refs.append(Reference(doc_type=kind, date=None, number=None,
                                  title=heading if heading and kind in ("дорожная карта", "план") else title,
                                  relation="approves", issuer=order.issuer))
    ctx.result.references = refs
