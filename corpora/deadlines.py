"""Deadline cells of a roadmap with their gold reading (text, start, end, recurrence), following the
conventions of the hand-made gold: month → month bounds; a date → start = end; «до …» → end only;
«в течение года» → the roadmap's year(s), continuous; periodic wordings → the roadmap period."""

from __future__ import annotations

import calendar
import random
from datetime import date

MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
          "ноябрь", "декабрь"]
MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
              "ноября", "декабря"]
ROMAN = ["I", "II", "III", "IV"]


def _iso(y: int, m: int, d: int) -> str:
    return date(y, m, d).isoformat()


def _last(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _cap(s: str, rng: random.Random) -> str:
    return s[:1].upper() + s[1:] if rng.random() < 0.6 else s


def make_deadline(rng: random.Random, y0: int, y1: int) -> dict:
    """One deadline cell for a roadmap running from year ``y0`` to ``y1`` (inclusive)."""
    y = rng.randint(y0, y1)
    period = (_iso(y0, 1, 1), _iso(y1, 12, 31))
    kind = rng.choices(
        ["month", "months", "date", "date_words", "until", "year", "school_year", "school_year_open",
         "quarterly", "half", "monthly", "yearly", "from", "quarter", "schedule", "event", "month_noyear"],
        [8, 5, 6, 4, 6, 8, 3, 3, 5, 4, 2, 2, 3, 3, 5, 5, 2])[0]
    if kind == "month_noyear" and y0 != y1:
        kind = "month"
    if kind in ("month", "month_noyear"):
        m = rng.randint(1, 12)
        text = _cap(MONTHS[m - 1], rng) + ("" if kind == "month_noyear" else rng.choice([f" {y}", f" {y} г.", f", {y}"]))
        return dict(text=text, start=_iso(y, m, 1), end=_iso(y, m, _last(y, m)), recurrence=None)
    if kind == "months":
        m1 = rng.randint(1, 10)
        m2 = rng.randint(m1 + 1, min(12, m1 + 3))
        sep = rng.choice(["-", " – ", "–"])
        text = f"{_cap(MONTHS[m1 - 1], rng)}{sep}{MONTHS[m2 - 1]} {y}" + rng.choice(["", " г.", " года"])
        return dict(text=text, start=_iso(y, m1, 1), end=_iso(y, m2, _last(y, m2)), recurrence=None)
    if kind in ("date", "date_words", "until"):
        m = rng.randint(1, 12)
        d = rng.randint(1, _last(y, m))
        if kind == "date_words" or (kind == "until" and rng.random() < 0.5):
            body = f"{d:02d} {MONTHS_GEN[m - 1]}" if rng.random() < 0.3 else f"{d} {MONTHS_GEN[m - 1]}"
            body += rng.choice([f" {y} г.", f" {y} года", f" {y}"])
        else:
            body = f"{d:02d}.{m:02d}.{y}" + rng.choice(["", "", " г."])
        if kind == "until":
            text = rng.choice(["до ", "До ", "не позднее ", "Не позднее "]) + body
            return dict(text=text, start=None, end=_iso(y, m, d), recurrence="once")
        return dict(text=body, start=_iso(y, m, d), end=_iso(y, m, d), recurrence="once")
    if kind == "year":
        if y0 == y1:
            text = rng.choice([f"в течение {y0} г.", f"В течение {y0} года", "В течение года", "в течение года"])
        else:
            text = rng.choice([f"{y0}-{y1}", f"{y0}–{y1} гг.", f"В течение {y0}-{y1} гг."])
        return dict(text=text, start=period[0], end=period[1], recurrence="continuous")
    if kind == "school_year":
        text = rng.choice([f"{y}-{y + 1} учебный год", f"{y}/{y + 1} учебный год", f"в течение {y}-{y + 1} учебного года"])
        return dict(text=text, start=_iso(y, 9, 1), end=_iso(y + 1, 8, 31), recurrence="continuous")
    if kind == "school_year_open":
        return dict(text=rng.choice(["В течение учебного года", "в течение учебного года"]), start=None, end=None,
                    recurrence="continuous")
    if kind == "quarterly":
        text = rng.choice(["Ежеквартально", "ежеквартально", "Не реже одного раза в четверть",
                           "ежеквартально, до 5 числа месяца, следующего за кварталом", "Поквартально"])
        return dict(text=text, start=period[0], end=period[1], recurrence="quarterly")
    if kind == "half":
        text = rng.choice(["2 раза в год", "Не реже одного раза в полугодие", "два раза в год (декабрь, май)"])
        return dict(text=text, start=period[0], end=period[1], recurrence="half_yearly")
    if kind == "monthly":
        return dict(text=rng.choice(["Ежемесячно", "ежемесячно"]), start=period[0], end=period[1],
                    recurrence="monthly")
    if kind == "yearly":
        return dict(text=rng.choice(["Ежегодно", "ежегодно"]), start=period[0], end=period[1], recurrence="yearly")
    if kind == "from":
        m = rng.randint(1, 12)
        text = rng.choice(["С ", "с "]) + f"{MONTHS_GEN[m - 1]} {y}" + rng.choice(["", " г.", " года"])
        return dict(text=text, start=_iso(y, m, 1), end=None, recurrence="continuous")
    if kind == "quarter":
        q = rng.randint(1, 4)
        qtext = rng.choice([f"{q} квартал", f"{ROMAN[q - 1]} квартал"])
        text = qtext + rng.choice([f" {y} г.", f" {y} года", f" {y}"])
        return dict(text=text, start=_iso(y, 3 * q - 2, 1), end=_iso(y, 3 * q, _last(y, 3 * q)), recurrence=None)
    if kind == "schedule":
        text = rng.choice(["По графику ИМЦ", "по плану работы управления образования", "Согласно графику",
                           "По отдельному графику", "по графику проведения РМО", "По плану ЦОКО"])
        return dict(text=text, start=None, end=None, recurrence=None)
    text = rng.choice(["После проведения ВПР", "по результатам мониторинга", "По запросам школ",
                       "По мере необходимости", "по необходимости", "После получения результатов ГИА",
                       "По результатам диагностики"])
    return dict(text=text, start=None, end=None, recurrence="on_event")
