"""Dates in Russian official text: «28.01.2021», «"12" сентября 2023 г.», «1 сент. 2021», «2021-01-28».

Everything here is regular expressions over a *prepared* copy of the text (:func:`prepare`): same
length as the original, so offsets found in it are offsets in the original. Preparing folds case,
``ё``, Latin look-alike letters and dashes, and repairs OCR digits (``202l`` → ``2021``) — cheap
fixes that keep an OCR'd date findable without changing what a clean text means.

Order numbers such as «3.06.41-207-В/24» look like dates to a naive reader (natasha reads 1941);
a numeric date here must not run on into more digits, so they are left alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator

MONTHS_NOMINATIVE = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
                     "октябрь", "ноябрь", "декабрь")
MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря")
MONTHS_PREPOSITIONAL = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
                        "октябре", "ноябре", "декабре")
#: abbreviations as printed (the dot is optional when matching)
MONTHS_ABBREVIATED = (("янв",), ("фев", "февр"), ("мар", "март"), ("апр",), ("май", "мая"), ("июн",),
                      ("июл",), ("авг",), ("сен", "сент"), ("окт",), ("ноя", "нояб"), ("дек",))

# Month stems and the endings a month noun takes in any case («сентябрём» is rare but harmless).
_STEMS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр",
          "декабр")
_SOFT_ENDINGS = ("ь", "я", "е", "ю", "ем", "ём")
_HARD_ENDINGS = ("", "а", "е", "у", "ом")
_MAY_FORMS = ("май", "мая", "мае", "маю", "маем")


def _build_months() -> dict[str, int]:
    table: dict[str, int] = {}
    for n, stem in enumerate(_STEMS, start=1):
        if stem == "ма":
            forms: tuple[str, ...] = _MAY_FORMS
        elif stem in ("март", "август"):
            forms = tuple(stem + e for e in _HARD_ENDINGS)
        else:
            forms = tuple(stem + e for e in _SOFT_ENDINGS)
        for f in forms:
            table[f] = n
    for n, abbrs in enumerate(MONTHS_ABBREVIATED, start=1):
        for a in abbrs:
            table.setdefault(a, n)
    return table


_ABBREVIATIONS = frozenset(a for abbrs in MONTHS_ABBREVIATED for a in abbrs)

#: every accepted month word (lower case, ``е`` for ``ё``, no dot) → month number
MONTHS: dict[str, int] = _build_months()

# Latin letters that OCR and copy-paste put in place of Cyrillic ones.
_LOOKALIKES = str.maketrans("aeopcxykmthbAEOPCXYKMTHB", "аеорсхукмтнвАЕОРСХУКМТНВ")
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−"})
_QUOTES = "«»\"„“”'‘’"


# a date-shaped token whose digits OCR partly read as letters («lЗ.04.202l»)
_OCR_DIGIT = r"[\dlI|ЗзОо]"
_OCR_DATE = re.compile(r"(?<![^\W\d])" + _OCR_DIGIT + r"{1,2}\s?[.,]\s?" + _OCR_DIGIT + r"{2}\s?\.\s?"
                       + _OCR_DIGIT + r"{4}(?!\w)")
_OCR_DIGITS = str.maketrans("lI|ЗзОо", "1113300")


def _repair_date(m: re.Match) -> str:
    token = m.group(0)
    return token.translate(_OCR_DIGITS) if sum(c.isdigit() for c in token) >= 4 else token


def prepare(text: str) -> str:
    """A same-length, matching-friendly copy of ``text``: lower case, ``е`` for ``ё``, Cyrillic for
    Latin look-alikes, ``-`` for every dash, and ``1``/``0``/``3`` for OCR ``l``/``I``/``|``, ``о``, ``З``
    touching digits."""
    t = text.translate(_LOOKALIKES).translate(_DASHES).replace("ё", "е").replace("Ё", "Е")
    t = t.replace("\u00ad", "-")
    for _ in range(2):  # twice, so «ll» next to a digit is repaired from the inside out
        t = re.sub(r"(?<=\d)[lI|](?=[\d\W]|$)|(?<![^\W\d])[lI|](?=\d)", "1", t)
        t = re.sub(r"(?<=\d)[оОoO](?=\d)", "0", t)
        t = re.sub(r"(?<=\d)[Зз](?=[\d.,])|(?<![^\W\d])[Зз](?=\d)", "3", t)
    t = _OCR_DATE.sub(_repair_date, t)
    # str.lower may lengthen a few exotic letters («İ»); keep those as they are so offsets hold
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in t)


def month_number(word: str) -> int | None:
    """The month (1–12) a word names in any case or abbreviation («сентября», «сент.», «Сентябрь»), else None."""
    w = word.strip().rstrip(".").translate(_LOOKALIKES).lower().replace("ё", "е")
    return MONTHS.get(w)


_MONTH_WORD = r"[а-я]{3,9}\.?"
_YEAR4 = r"(?:19|20)\d\d"
_YEAR_SUFFIX = r"(?:\s*(?:гг?\.|г(?![а-я])|годах|годов|годы|года|году|год))?"

# «28.01.2021», «28/01/2021», «28.01.21», OCR «22,01 .2021»
_NUMERIC = re.compile(
    r"(?P<d>\d{1,2})(?P<sp1>\s?)(?P<s1>[./,-])(?P<sp2>\s?)(?P<m>\d{1,2})(?P<sp3>\s?)(?P<s2>[./-])(?P<sp4>\s?)"
    r"(?P<y>\d{4}|\d{2})(?!\d)" + _YEAR_SUFFIX)
# «2021-01-28»
_ISO = re.compile(r"(?P<y>" + _YEAR4 + r")-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
# «"12" сентября 2023 г.», «1 сент. 2021», «01 ноября 2021 г.», «12 сентября»
_TEXTUAL = re.compile(
    r"(?:[" + _QUOTES + r"]\s*)?(?P<d>\d{1,2})(?:\s*[" + _QUOTES + r"])?\s*(?:-?го\s+)?"
    r"(?P<mon>" + _MONTH_WORD + r")(?:\s*,?\s*(?P<y>" + _YEAR4 + r")(?!\d)" + _YEAR_SUFFIX + r")?")


@dataclass(frozen=True)
class DateSpan:
    """A date found in a text; ``year`` is None when the text leaves it out («до 1 сентября»)."""

    day: int
    month: int
    year: int | None
    start: int
    end: int

    def date(self, default_year: int | None = None) -> dt.date | None:
        """The date, taking ``default_year`` when the text gave none; None if still incomplete."""
        y = self.year if self.year is not None else default_year
        return _make(y, self.month, self.day) if y is not None else None


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _year(raw: str) -> int:
    return 2000 + int(raw) if len(raw) == 2 else int(raw)


def _numeric_ok(t: str, m: re.Match) -> bool:
    """Reject numeric look-alikes: order numbers («5.04.32-111»), section numbers, decimals."""
    s1, s2 = m["s1"], m["s2"]
    spaced = any(m[g] for g in ("sp1", "sp2", "sp3", "sp4"))
    if s1 in "/-" or s2 in "/-":
        if s1 != s2 or spaced:
            return False
    if s1 == "," and s2 != ".":
        return False
    y = m["y"]
    if len(y) == 2 and (len(m["d"]) != 2 or len(m["m"]) != 2 or s1 != s2 or spaced):
        return False
    if len(y) == 4 and not (1900 <= int(y) <= 2099):
        return False
    start, end = m.start(), m.end("y")
    before = t[max(0, start - 2):start]
    if before[-1:].isalnum() or before[-1:] in ("/", "_") or re.fullmatch(r"\d[.,]", before):
        return False
    if re.search(r"(?<![\d.])\d{1,3}-$", t[max(0, start - 8):start]):  # «111-5.04.32»
        return False
    after = t[end:end + 16]
    if re.match(r"[.,/]?\d", after):
        return False
    if re.match(r"\s?-\s?\d", after):
        # a range «01.02.2021-28.02.2021» may go on; an order number «5.04.32-111» may not
        return bool(re.match(r"\s?-\s?\d{1,2}[./]\d{1,2}[./]\d{2,4}", after)) and len(y) == 4
    return True


def _spans(t: str) -> list[tuple[int, int, int, int | None, int, int]]:
    """(priority, start, end, year, month, day) for every date-shaped match in prepared text ``t``."""
    found = []
    for m in _ISO.finditer(t):
        if t[m.end():m.end() + 1] in ("-", "/") or t[max(0, m.start() - 1):m.start()].isalnum():
            continue
        found.append((0, m.start(), m.end(), int(m["y"]), int(m["m"]), int(m["d"])))
    for m in _NUMERIC.finditer(t):
        if _numeric_ok(t, m):
            found.append((1, m.start(), m.end(), _year(m["y"]), int(m["m"]), int(m["d"])))
    for m in _TEXTUAL.finditer(t):
        mon = month_number(m["mon"])
        if mon is None or t[max(0, m.start() - 1):m.start()].isdigit():
            continue
        end = m.end()
        if m["y"] is None:  # the optional year group did not take part: end after the month word
            end = m.end("mon")
            if m["mon"].endswith(".") and m["mon"][:-1] not in _ABBREVIATIONS:
                end -= 1  # a full stop after a full month name ends the sentence, not the word
        if re.match(r"[.,]?\d", t[m.end("d"):m.end("d") + 2]):  # «1.5 сентября» is not a day
            continue
        found.append((2, m.start(), end, int(m["y"]) if m["y"] else None, mon, int(m["d"])))
    return found


def scan_dates(text: str, *, allow_missing_year: bool = False) -> Iterator[DateSpan]:
    """Every valid date in ``text``, left to right, without overlaps; day-month dates without a year
    («до 1 сентября») only when ``allow_missing_year``."""
    t = prepare(text)
    chosen: list[tuple[int, int, int | None, int, int]] = []
    taken: list[tuple[int, int]] = []
    for _prio, s, e, y, mo, d in sorted(_spans(t), key=lambda x: (x[1], -(x[2] - x[1]), x[0])):
        if any(s < te and ts < e for ts, te in taken):
            continue
        if y is None and not allow_missing_year:
            continue
        if _make(y if y is not None else 2000, mo, d) is None:  # 2000 is a leap year: 29.02 passes
            continue
        taken.append((s, e))
        chosen.append((s, e, y, mo, d))
    for s, e, y, mo, d in chosen:
        yield DateSpan(day=d, month=mo, year=y, start=s, end=e)


def find_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every full date in ``text`` with its start/end offsets (the span includes a «г.»/«года» suffix)."""
    out = []
    for span in scan_dates(text):
        d = span.date()
        if d is not None:
            out.append((d, span.start, span.end))
    return out


def parse_date(text: str) -> dt.date | None:
    """The (first) date written in ``text`` in any usual form, or None («32.13.2021», «3.06.41-207-В/24»)."""
    found = find_dates(text)
    return found[0][0] if found else None


_YEAR_TOKEN = re.compile(r"(?<![\d.,/])(" + _YEAR4 + r")(?![\d])")


def find_years(text: str) -> list[int]:
    """Years named as years («в 2021 году», «2019-2021»), in text order; years inside full dates are not."""
    t = prepare(text)
    dates = [(s.start, s.end) for s in scan_dates(text)]
    out = []
    for m in _YEAR_TOKEN.finditer(t):
        if any(s <= m.start() < e for s, e in dates):
            continue
        if re.match(r"[.,/]\d", t[m.end():m.end() + 2]):
            continue
        out.append(int(m.group(1)))
    return out


_SCHOOL_YEAR = re.compile(r"(?<!\d)(" + _YEAR4 + r")\s*[-/]\s*((?:19|20)?\d\d)(?!\d)\s*(?:гг?\.?\s*)?"
                          r"(?:учебн|уч\.|уч\s)")
_YEAR_RANGE = re.compile(r"(?<!\d)(?<!\d\.)(" + _YEAR4 + r")\s*(?:-|по|до)\s*((?:19|20)?\d\d)(?!\d|\.\d)"
                         r"\s*(гг?\.|г(?![а-я])|годы|годов|годах|год|года)?")
_ONE_YEAR = re.compile(r"(?:^|\s)(?:на|в|во|за)\s+(" + _YEAR4 + r")(?!\d)\s*(?:год|году|года|г\.|г(?![а-я]))")


def _range_years(y1: str, y2: str) -> tuple[int, int] | None:
    a = int(y1)
    b = int(y2) if len(y2) == 4 else (a // 100) * 100 + int(y2)
    return (a, b) if 0 < b - a <= 15 else None


def period_of(text: str) -> tuple[int, int] | None:
    """The span of years a document or roadmap covers: «на 2019-2021 годы» → (2019, 2021),
    «в 2021 году» / «на 2021 год» → (2021, 2021), «2020-2021 учебный год» → (2020, 2021)."""
    t = prepare(text)
    for m in _SCHOOL_YEAR.finditer(t):
        r = _range_years(m.group(1), m.group(2))
        if r:
            return r
    bare = None
    for m in _YEAR_RANGE.finditer(t):
        r = _range_years(m.group(1), m.group(2))
        if r and m.group(3):
            return r
        bare = bare or r
    m = _ONE_YEAR.search(t)
    if m:
        return (int(m.group(1)), int(m.group(1)))
    return bare
