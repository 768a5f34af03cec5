"""Deadline cells of a roadmap («февраль 2021», «до 15 декабря 2020», «ежеквартально», «по плану …»)
read into :class:`~shnor_docs.records.Deadline`: the text as printed plus ISO start/end and recurrence.

The reading is a list of named rules tried in order (:data:`RULES`); the first that answers wins,
and the debug log names it. Conventions follow the annotated seeds:

* a periodic word (ежегодно, ежеквартально, 2 раза в год …) wins over any date in the cell: the dates
  in «2 раза в год (не позже 15 января и 25 августа)» are checkpoints, the span is the roadmap's;
* explicit dates, months, quarters and years fix start/end; «до …»/«не позднее …» fix only the end,
  «с …» only the start; several of them span from the earliest to the latest;
* «в течение года», «постоянно» → the roadmap's span, continuous; «в течение учебного года» →
  continuous with no dates (which school year is not fixed);
* a pointer to a schedule elsewhere («по плану …», «по графику …») fixes nothing; an event
  («после …», «по запросам», «по необходимости») gives recurrence ``on_event``.

``year`` is the document's year, ``period`` the roadmap's span of years; dates that need them are
null when they are missing. Nothing here raises on odd input: an unreadable cell keeps its text and
gets null dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Callable

from ..records import Deadline
from .dates import month_number, prepare, scan_dates

log = logging.getLogger("shnor_docs")

_YEAR = r"(?:19|20)\d\d"


def clean_text(text: str) -> str:
    """The cell as one line: line-break hyphenation joined («ме-\\nсяц» → «месяц»), spaces collapsed.
    A hyphen between month names or numbers («Сентябрь-\\nоктябрь», «2019-\\n2021») is kept."""
    text = text.replace("\u00ad", "")

    def join(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        if month_number(left) or month_number(right) or right[0].isupper():
            return f"{left}-{right}"
        return left + right

    text = re.sub(r"([А-Яа-яЁё]+)-[ \t]*\r?\n\s*([А-Яа-яЁё]+)", join, text)
    text = re.sub(r"(?<=\S)-[ \t]*\r?\n\s*", "-", text)  # «2019-⏎2021» → «2019-2021»
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------------------------------------
# Time expressions in a cell ("atoms"): each is an interval once its year is known.


@dataclass
class _Atom:
    kind: str  # date | days | month | quarter | half | school_year | years | year
    start: int
    end: int
    year: int | None  # the year the text gives (for a range: its first year)
    month: int = 0  # first month (date/days/month), for ordering and year wrap-around
    a: int = 0  # kind-specific: day, first day, quarter/half number, last year
    b: int = 0  # kind-specific: last day
    inherited: bool = False
    fixed: tuple[dt.date, dt.date] | None = None  # bounds settled while reading (a school-year half)

    def interval(self) -> tuple[dt.date, dt.date] | None:
        if self.fixed:
            return self.fixed
        y = self.year
        if y is None:
            return None
        try:
            if self.kind == "date":
                d = dt.date(y, self.month, self.a)
                return d, d
            if self.kind == "days":
                return dt.date(y, self.month, self.a), dt.date(y, self.month, self.b)
            if self.kind == "month":
                return _month_bounds(y, self.month)
            if self.kind == "quarter":
                return dt.date(y, 3 * self.a - 2, 1), _month_bounds(y, 3 * self.a)[1]
            if self.kind == "half":
                return dt.date(y, 6 * self.a - 5, 1), _month_bounds(y, 6 * self.a)[1]
            if self.kind == "school_year":
                return dt.date(y, 9, 1), dt.date(self.a, 8, 31)
            if self.kind == "years":
                return dt.date(y, 1, 1), dt.date(self.a, 12, 31)
            if self.kind == "year":
                return dt.date(y, 1, 1), dt.date(y, 12, 31)
        except ValueError:
            return None
        return None


def _month_bounds(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def _two_years(y1: str, y2: str) -> tuple[int, int] | None:
    a = int(y1)
    b = int(y2) if len(y2) == 4 else (a // 100) * 100 + int(y2)
    return (a, b) if 0 < b - a <= 15 else None


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4,
          "перв": 1, "втор": 2, "трет": 3, "четверт": 4}
_ORDINAL_WORD = r"(iv|i{1,3}|[1-4](?!\d)|перв|втор|трет|четверт)(?:[а-я]{0,3})?\s*(?:-?[а-я]{1,3}\s*)?"
_ORDINAL = r"(?<![\w])" + _ORDINAL_WORD
_YEAR_AFTER = r"(?:\s*,?\s*(?P<y>" + _YEAR + r")(?!\d|\s*[-/]\s*\d\d)(?:\s*(?:гг?\.?|годы|года|году|год))?)?"
_SUFFIX = r"(?:\s*(?:гг?\.|г(?![а-я])|годы|годов|года|году|год)(?![а-я]))?"

_RE_SCHOOL_YEAR = re.compile(r"(?<!\d)(" + _YEAR + r")\s*[-/]\s*((?:19|20)?\d\d)(?!\d)\s*(?:гг?\.?\s*)?"
                             r"(?:учебн[а-я]*|уч\.?)\s*(?:год[а-я]*|гг?\.?)?")
_RE_YEARS = re.compile(r"(?<!\d)(?<!\d[.,])(" + _YEAR + r")\s*(?:-|/)\s*((?:19|20)?\d\d)(?!\d|[.,]\d)" + _SUFFIX)
_RE_DAYS = re.compile(r"(?<![\d.,])(\d{1,2})\s*(?:-|по|до)\s*(\d{1,2})\s+(?P<mon>[а-я]{3,9}\.?)" + _YEAR_AFTER)
_RE_PERIOD = re.compile(_ORDINAL + r"(?P<what>квартал|полугоди)[а-я]*" + _YEAR_AFTER)
_RE_PERIOD_RANGE = re.compile(_ORDINAL + r"-\s*" + _ORDINAL_WORD + r"(?P<what>квартал|полугоди)[а-я]*" + _YEAR_AFTER)
# «до 20.09» — day and zero-padded month, the year left to the document
_RE_DAY_MONTH = re.compile(r"(?<![\d.,/])(\d{1,2})\.(0[1-9]|1[0-2])(?![\d/]|[.,]\d)")
_RE_MONTH = re.compile(r"(?<![а-я])(?P<mon>[а-я]{3,9})(?![а-я])\.?" + _YEAR_AFTER)
_RE_YEAR = re.compile(r"(?<![\d.,/])(" + _YEAR + r")(?!\d|[.,/]\d)" + _SUFFIX)


def _find_atoms(t: str, raw: str) -> list[_Atom]:
    """The time expressions of prepared cell text ``t`` (``raw`` is the same text unprepared)."""
    atoms: list[_Atom] = []

    def free(s: int, e: int) -> bool:
        return not any(s < a.end and a.start < e for a in atoms)

    for m in _RE_SCHOOL_YEAR.finditer(t):
        ys = _two_years(m.group(1), m.group(2))
        if ys and free(m.start(), m.end()):
            atoms.append(_Atom("school_year", m.start(), m.end(), ys[0], a=ys[1], month=9))
    for m in _RE_YEARS.finditer(t):
        ys = _two_years(m.group(1), m.group(2))
        if ys and free(m.start(), m.end()):
            atoms.append(_Atom("years", m.start(), m.end(), ys[0], a=ys[1], month=1))
    for m in _RE_DAYS.finditer(t):
        mon = month_number(m["mon"])
        d1, d2 = int(m.group(1)), int(m.group(2))
        if mon and 1 <= d1 < d2 <= 31 and free(m.start(), m.end()):
            atoms.append(_Atom("days", m.start(), m.end(), int(m["y"]) if m["y"] else None, month=mon, a=d1, b=d2))
    for span in scan_dates(raw, allow_missing_year=True):
        if free(span.start, span.end):
            atoms.append(_Atom("date", span.start, span.end, span.year, month=span.month, a=span.day))
    for m in _RE_PERIOD_RANGE.finditer(t):
        n1, n2 = _ROMAN.get(m.group(1)), _ROMAN.get(m.group(2))
        kind = "quarter" if m["what"] == "квартал" else "half"
        if n1 and n2 and n1 < n2 and (kind == "quarter" or n2 <= 2) and free(m.start(), m.end()):
            y = int(m["y"]) if m["y"] else None
            size = 3 if kind == "quarter" else 6
            # two atoms over one span of text: the first and the last period of the range
            atoms.append(_Atom(kind, m.start(), m.start() + 1, y, month=size * (n1 - 1) + 1, a=n1))
            atoms.append(_Atom(kind, m.start() + 1, m.end(), y, month=size * (n2 - 1) + 1, a=n2))
    for m in _RE_DAY_MONTH.finditer(t):
        d, mon = int(m.group(1)), int(m.group(2))
        if 1 <= d <= 31 and free(m.start(), m.end()):
            atoms.append(_Atom("date", m.start(), m.end(), None, month=mon, a=d))
    for m in _RE_PERIOD.finditer(t):
        n = _ROMAN.get(m.group(1))
        kind = "quarter" if m["what"] == "квартал" else "half"
        if n and (kind == "quarter" or n <= 2) and free(m.start(), m.end()):
            atoms.append(_Atom(kind, m.start(), m.end(), int(m["y"]) if m["y"] else None,
                               month=(3 * n - 2) if kind == "quarter" else (6 * n - 5), a=n))
    for m in _RE_MONTH.finditer(t):
        mon = month_number(m["mon"])
        if mon and free(m.start(), m.end()):
            atoms.append(_Atom("month", m.start(), m.end(), int(m["y"]) if m["y"] else None, month=mon))
    for m in _RE_YEAR.finditer(t):
        if free(m.start(), m.end()):
            atoms.append(_Atom("year", m.start(), m.end(), int(m.group(1)), month=1))
    atoms.sort(key=lambda a: a.start)
    # «I полугодие 2021-2022 учебного года»: halves of the school year (September–December, January–May)
    for half, nxt in zip(atoms, atoms[1:]):
        if half.kind == "half" and half.year is None and nxt.kind == "school_year" and not t[half.end:nxt.start].strip():
            half.fixed = ((dt.date(nxt.year, 9, 1), dt.date(nxt.year, 12, 31)) if half.a == 1
                          else (dt.date(nxt.a, 1, 1), dt.date(nxt.a, 5, 31)))
            half.year, nxt.fixed = nxt.year, half.fixed
    return atoms


def _fill_years(atoms: list[_Atom], default: int | None) -> None:
    """Give year-less atoms the year of the next atom that has one («сентябрь – декабрь 2021»), else
    ``default``; a month after the one it borrows from belongs to the year before («декабрь – январь 2023»)."""
    for i, atom in enumerate(atoms):
        if atom.year is not None:
            continue
        nxt = next((b for b in atoms[i + 1:] if b.year is not None and not b.inherited), None)
        if nxt is not None:
            atom.year = nxt.year - 1 if atom.month > nxt.month and nxt.kind in ("date", "days", "month") \
                else nxt.year
            atom.inherited = True
        elif default is not None:
            atom.year = default
            atom.inherited = True
            prev = atoms[i - 1] if i else None
            if prev is not None and prev.year == default and prev.month > atom.month and prev.inherited:
                atom.year = default + 1  # «декабрь – январь» with the year from the document


# ---------------------------------------------------------------------------------------------
# Phrases

_PERIODIC: list[tuple[str, re.Pattern]] = [
    ("half_yearly", re.compile(r"кажд[а-я]*\s+полугоди|(?:в\s+конце|по\s+итогам|по\s+окончании|по\s+завершении)\s+"
                               r"(?:каждого\s+)?полугоди|по\s+полугодиям|полугодов")),
    ("quarterly", re.compile(r"ежекварт|поквартал|кажд[а-я]*\s+(?:кварт|четверт)|(?:в\s+конце|по\s+итогам|по\s+окончании"
                             r"|по\s+завершении)\s+(?:каждой\s+|каждого\s+)?(?:четверти|квартала)(?![а-я]|\s+\d)"
                             r"|по\s+четвертям|по\s+кварталам|четвертн")),
    ("monthly", re.compile(r"ежемесячн|кажд[а-я]*\s+месяц|по\s+месяцам")),
    ("weekly", re.compile(r"еженедельн|кажд[а-я]*\s+недел|по\s+(?:понедельник|вторник|сред|четверг|пятниц|суббот)ам")),
    ("yearly", re.compile(r"ежегодн|кажд[а-я]*\s+(?:учебн[а-я]*\s+)?год|по\s+годам")),
]
_NUMBERS = {"один": 1, "одного": 1, "одной": 1, "одно": 1, "два": 2, "дважды": 2, "двух": 2, "три": 3, "трижды": 3,
            "трех": 3, "четыре": 4, "четырех": 4, "пять": 5, "шесть": 6}
# «2 раза в год», «не реже 1 раза в четверть», «не реже одного в полугодие», «дважды в год»
_COUNT = re.compile(r"(?:(?<![\w.])(?P<n>\d{1,2}|один|одного|одной|одно|два|дважды|двух|три|трижды|трех|четыре|четырех"
                    r"|пять|шесть)(?:-?х|-ти)?\s+)?(?P<raz>раз[а]?\s+)?в\s+(?:каждый\s+|каждую\s+|каждое\s+|учебный\s+"
                    r"|календарный\s+|течение\s+)?(?P<unit>год|полугоди|пол\s?года|квартал|четверт|месяц|недел|две\s+недели)")
# times per year → the finest recurrence it fully covers: twice a month still happens every month
_PER_YEAR = ((52, "weekly"), (12, "monthly"), (4, "quarterly"), (2, "half_yearly"), (1, "yearly"))
_UNIT_PER_YEAR = {"год": 1, "полугоди": 2, "полгода": 2, "пол года": 2, "квартал": 4, "четверт": 4, "месяц": 12,
                  "недел": 52, "две недели": 26}


def _count_recurrence(t: str) -> str | None:
    """«N раз в <unit>» → recurrence by how often it happens in a year (3 a year counts as half-yearly)."""
    for m in _COUNT.finditer(t):
        if not (m["n"] or m["raz"]) or (m["n"] and not m["raz"] and m["n"] not in ("дважды", "трижды")
                                        and not re.fullmatch(r"1|одного|одной|одно|один", m["n"])):
            continue  # «в год» alone is no count; «одного в четверть» is («одного раза» left out)
        n = m["n"] or "1"
        times = int(n) if n.isdigit() else _NUMBERS.get(n, 1)
        per_year = times * _UNIT_PER_YEAR[re.sub(r"\s+", " ", m["unit"])]
        return next((rec for limit, rec in _PER_YEAR if per_year >= limit), "yearly")
    return None


_SCHOOL_QUARTER = re.compile(_ORDINAL + r"четверт")
_STUDY_YEAR = re.compile(r"в\s+течение\s+(?:всего\s+)?(?:текущего\s+)?(?:учебного|уч\.)\s+года")
_WHOLE_SPAN = re.compile(r"в\s+течение\s+(?:всего\s+)?(?:текущего\s+|календарного\s+|отчетного\s+)?года"
                         r"|в\s+течение\s+(?:всего\s+)?(?:периода|срока)|весь\s+период|на\s+протяжении"
                         r"|в\s+период\s+(?:реализации|действия)|постоянн|систематическ|регулярн|ежедневн"
                         r"|в\s+течение\s+действия|текущ[а-я]+\s+(?:год|период)")
_SCHEDULE = re.compile(r"по\s+(?:[а-я]+[ыо]му\s+)?(?:плану|планам|графику|графикам|расписанию|календарю|циклограмме)"
                       r"|согласно\s+(?:[а-я]+\s+){0,2}(?:план|график|расписани|календар|срок|циклограмм)"
                       r"|в\s+соответствии\s+с\s+(?:[а-я]+\s+){0,2}(?:план|график|расписани|календар|срок|циклограмм)"
                       r"|в\s+(?:установленные|указанные|определенные)\s+сроки|в\s+сроки,?\s+(?:установлен|определен)"
                       r"|сроки\s+(?:[а-я]+\s+)?(?:определяются|устанавливаются|уточняются)|в\s+сроки\s+проведени")
_EVENT = re.compile(r"(?<![а-я])после(?![а-я])|по\s+результатам|по\s+итогам|по\s+запрос|по\s+необходимост"
                    r"|по\s+мере|при\s+необходимост|в\s+рамках|по\s+факту|по\s+требовани|по\s+окончани"
                    r"|по\s+завершени|по\s+согласовани|в\s+случае|при\s+наличии|при\s+поступлени|по\s+обращени"
                    r"|по\s+заявк|накануне|в\s+ходе|во\s+время|в\s+(?:день|дни)(?![а-я])|в\s+период\s+проведени"
                    r"|в\s+течение\s+\d+\s+(?:дн|рабоч|календар|недел|месяц)|в\s+\d+-?\s*дневный|по\s+приглашени"
                    r"|по\s+поступлени|по\s+предложени|при\s+(?:выявлени|получени|изменени)")
_END_PREFIX = re.compile(r"(?:^|\W)(?:в\s+срок\s+до|срок\s+до|не\s+позднее|не\s+позже|до\s+конца|до|к|по)\s*$")
_START_PREFIX = re.compile(r"(?:^|\W)(?:начиная\s+с|начиная\s+со|с|со)\s*$")
_DURING_PREFIX = re.compile(r"(?:^|\W)(?:в\s+течение|в\s+течении|на\s+протяжении)(?:\s+всего)?\s*$")
_RANGE_JOIN = re.compile(r"^\s*(?:-|по|до)\s*$")
_YEARISH = ("year", "years", "school_year")


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass
class _Cell:
    raw: str  # cleaned one-line text
    t: str  # prepared copy (same length)
    year: int | None
    period: tuple[int, int] | None

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """The roadmap's span: its period, else the document's year."""
        if self.period:
            return dt.date(self.period[0], 1, 1), dt.date(self.period[1], 12, 31)
        if self.year:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        return None

    @property
    def default_year(self) -> int | None:
        if self.year:
            return self.year
        if self.period and self.period[0] == self.period[1]:
            return self.period[0]
        return None


_Result = tuple[dt.date | None, dt.date | None, str | None]
Rule = Callable[[_Cell], "_Result | None"]


def _rule_periodic(c: _Cell) -> _Result | None:
    """A repeating measure: the span is the roadmap's, or the years the cell names («ежегодно, 2019-2021»)."""
    recurrence = _count_recurrence(c.t) or next((rec for rec, rx in _PERIODIC if rx.search(c.t)), None)
    if recurrence is None:
        return None
    atoms = [a for a in _find_atoms(c.t, c.raw) if a.kind in _YEARISH]
    ivs = [iv for a in atoms if (iv := a.interval())]
    if ivs:
        start, end = min(i[0] for i in ivs), max(i[1] for i in ivs)
        if len(atoms) == 1 and _START_PREFIX.search(c.t[:atoms[0].start]):  # «с 2021 года ежегодно»
            end = c.span[1] if c.span and c.span[1] > start else None
        return start, end, recurrence
    span = c.span
    return (span[0], span[1], recurrence) if span else (None, None, recurrence)


def _rule_school_quarter(c: _Cell) -> _Result | None:
    """«I четверть», «до четвертой четверти»: school-quarter bounds are not fixed by the text."""
    if _SCHOOL_QUARTER.search(c.t):
        return None, None, None
    return None


def _rule_explicit(c: _Cell) -> _Result | None:
    """Dates, months, quarters and years written in the cell."""
    atoms = _find_atoms(c.t, c.raw)
    if not atoms:
        return None
    _fill_years(atoms, c.default_year)
    ivs = [a.interval() for a in atoms]
    first = atoms[0]
    before = c.t[:first.start]
    scheduled = bool(_SCHEDULE.search(c.t))
    joined = len(atoms) > 1 and any(_RANGE_JOIN.match(c.t[a.end:b.start]) for a, b in zip(atoms, atoms[1:]))
    complete = all(ivs)
    start = min(i[0] for i in ivs) if complete else None  # type: ignore[index]
    end = max(i[1] for i in ivs) if complete else None  # type: ignore[index]

    if _START_PREFIX.search(before) and not joined and first.kind != "days":
        iv = ivs[0]
        return (iv[0] if iv else None), None, (None if scheduled else "continuous")
    if _END_PREFIX.search(before):
        iv = ivs[-1]
        return None, (iv[1] if iv else None), None
    if _DURING_PREFIX.search(before):  # «в течение 2021 года по плану …» is still ongoing (cf. «в течение года»)
        return start, end, "continuous"
    if scheduled:
        return start, end, None
    if all(a.kind in _YEARISH for a in atoms):
        return start, end, "continuous"
    if len(atoms) == 1 and first.kind == "date":
        return start, end, "once"
    return start, end, None


def _rule_study_year(c: _Cell) -> _Result | None:
    """«в течение учебного года» without years: continuous, dates not fixed."""
    return (None, None, "continuous") if _STUDY_YEAR.search(c.t) else None


def _rule_whole_span(c: _Cell) -> _Result | None:
    """«в течение года», «постоянно», «в течение всего периода»: the roadmap's span, continuous."""
    if _WHOLE_SPAN.search(c.t):
        span = c.span
        return (span[0], span[1], "continuous") if span else (None, None, "continuous")
    return None


def _rule_schedule(c: _Cell) -> _Result | None:
    """«по плану …», «по графику …»: the schedule is elsewhere, nothing fixed here."""
    return (None, None, None) if _SCHEDULE.search(c.t) else None


def _rule_event(c: _Cell) -> _Result | None:
    """«после …», «по запросам», «по необходимости»: triggered by an event."""
    return (None, None, "on_event") if _EVENT.search(c.t) else None


#: the rules in the order they are tried; the first that answers wins
RULES: list[tuple[str, Rule]] = [
    ("periodic", _rule_periodic),
    ("school_quarter", _rule_school_quarter),
    ("explicit", _rule_explicit),
    ("study_year", _rule_study_year),
    ("whole_span", _rule_whole_span),
    ("schedule", _rule_schedule),
    ("event", _rule_event),
]


def explain_deadline(text: str, *, year: int | None = None,
                     period: tuple[int, int] | None = None) -> tuple[Deadline, str | None]:
    """:func:`parse_deadline` plus the name of the rule that decided (None: no rule did)."""
    raw = clean_text(text or "")
    cell = _Cell(raw=raw, t=prepare(raw), year=year, period=period)
    for name, rule in RULES:
        try:
            res = rule(cell)
        except (ValueError, IndexError, TypeError, OverflowError) as exc:  # odd input must not stop a document
            log.debug("deadline rule %s failed on %r: %s", name, raw, exc)
            continue
        if res is not None:
            start, end, recurrence = res
            if start and end and end < start:
                start, end = None, None
            log.debug("deadline %r: rule %s", raw, name)
            return Deadline(text=raw, start=_iso(start), end=_iso(end), recurrence=recurrence), name
    return Deadline(text=raw), None


def parse_deadline(text: str, *, year: int | None = None, period: tuple[int, int] | None = None) -> Deadline:
    """Read a roadmap deadline cell: the text as one line, ISO ``start``/``end`` where it fixes them
    (``year`` fills a missing year; ``period`` is the roadmap's span for «ежегодно», «в течение года»),
    and ``recurrence``. Never raises."""
    return explain_deadline(text, year=year, period=period)[0]
