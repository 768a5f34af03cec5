"""Roadmap deadline cells → Deadline(text, start, end, recurrence), following the gold conventions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shnor_docs.extract.dates import period_of
from shnor_docs.extract.deadlines import RULES, clean_text, explain_deadline, parse_deadline
from shnor_docs.records import Deadline

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
P = (2019, 2021)  # a roadmap «на 2019-2021 годы»

# (cell as printed, document year, roadmap period, start, end, recurrence)
CASES = [
    # month + year → the month; one-off, recurrence null
    ("февраль 2021", None, None, "2021-02-01", "2021-02-28", None),
    ("Сентябрь, 2025", None, None, "2025-09-01", "2025-09-30", None),
    ("в феврале 2021 г.", None, None, "2021-02-01", "2021-02-28", None),
    ("Август 2019", None, None, "2019-08-01", "2019-08-31", None),
    ("декабрь 2020", 2021, None, "2020-12-01", "2020-12-31", None),
    ("май, 2023 г.", None, None, "2023-05-01", "2023-05-31", None),
    ("январь 2022 года", None, None, "2022-01-01", "2022-01-31", None),
    ("февраль 2024", None, None, "2024-02-01", "2024-02-29", None),
    ("сент. 2021", None, None, "2021-09-01", "2021-09-30", None),
    ("янв. 2022 г.", None, None, "2022-01-01", "2022-01-31", None),
    ("ноябрь", 2021, None, "2021-11-01", "2021-11-30", None),
    ("Май", 2022, None, "2022-05-01", "2022-05-31", None),
    ("май", None, None, None, None, None),  # no year anywhere
    ("в апреле", 2023, None, "2023-04-01", "2023-04-30", None),
    ("май 202l", None, None, "2021-05-01", "2021-05-31", None),  # OCR l for 1
    ("сентябрь 2О21", None, None, "2021-09-01", "2021-09-30", None),
    ("Сентябрь 2019 г.", 2019, P, "2019-09-01", "2019-09-30", None),
    # month ranges
    ("февраль-апрель 2021", None, None, "2021-02-01", "2021-04-30", None),
    ("Октябрь-ноябрь 2019", None, None, "2019-10-01", "2019-11-30", None),
    ("март- апрель 2021 года", None, None, "2021-03-01", "2021-04-30", None),
    ("Февраль-май 2021", None, None, "2021-02-01", "2021-05-31", None),
    ("апрель–май 2021", None, None, "2021-04-01", "2021-05-31", None),
    ("август-сентябрь 2021 г.", None, None, "2021-08-01", "2021-09-30", None),
    ("сентябрь – декабрь", 2022, None, "2022-09-01", "2022-12-31", None),
    ("Январь-февраль", 2021, None, "2021-01-01", "2021-02-28", None),
    ("декабрь 2022 – январь 2023", None, None, "2022-12-01", "2023-01-31", None),
    ("декабрь – январь 2023", None, None, "2022-12-01", "2023-01-31", None),
    ("декабрь - январь", 2022, None, "2022-12-01", "2023-01-31", None),
    ("ноябрь 2020 г. – март 2021 г.", None, None, "2020-11-01", "2021-03-31", None),
    ("сентябрь 2021 - май 2022", None, None, "2021-09-01", "2022-05-31", None),
    ("с сентября по декабрь 2021 г.", None, None, "2021-09-01", "2021-12-31", None),
    ("с октября по ноябрь", 2020, None, "2020-10-01", "2020-11-30", None),
    ("март-\nапрель 2021", None, None, "2021-03-01", "2021-04-30", None),
    # lists of months or dates → earliest .. latest
    ("январь, июнь 2021", None, None, "2021-01-01", "2021-06-30", None),
    ("март, июнь, сентябрь, декабрь 2021 г.", None, None, "2021-03-01", "2021-12-31", None),
    ("октябрь-ноябрь 2020 г., март-апрель 2021 г.", None, None, "2020-10-01", "2021-04-30", None),
    ("24.09.2020 14.10.2020 18.11.2020 16.12.2020", None, None, "2020-09-24", "2020-12-16", None),
    ("01.09.2021, 01.12.2021, 01.03.2022", None, None, "2021-09-01", "2022-03-01", None),
    ("20.09, 20.12", 2021, None, "2021-09-20", "2021-12-20", None),
    # single dates → start = end, once
    ("01.02.2021", None, None, "2021-02-01", "2021-02-01", "once"),
    ("27 мая 2021 г.", None, None, "2021-05-27", "2021-05-27", "once"),
    ("02 ноября 2021 г.", None, None, "2021-11-02", "2021-11-02", "once"),
    ("28.01.2021", 2021, None, "2021-01-28", "2021-01-28", "once"),
    ("20.09.2021г.", None, None, "2021-09-20", "2021-09-20", "once"),
    ("20.09.21", None, None, "2021-09-20", "2021-09-20", "once"),
    ("«30» апреля 2021 г.", None, None, "2021-04-30", "2021-04-30", "once"),
    ("30 апреля", 2021, None, "2021-04-30", "2021-04-30", "once"),
    ("30 апреля", None, None, None, None, "once"),
    ("1 сент. 2021", None, None, "2021-09-01", "2021-09-01", "once"),
    ("2021-09-15", None, None, "2021-09-15", "2021-09-15", "once"),
    ("l9.02.202l", None, None, "2021-02-19", "2021-02-19", "once"),
    # day ranges and date ranges
    ("10-15 марта 2023", None, None, "2023-03-10", "2023-03-15", None),
    ("1-10 сентября", 2023, None, "2023-09-01", "2023-09-10", None),
    ("с 10 по 15 марта 2023", None, None, "2023-03-10", "2023-03-15", None),
    ("в период с 1 по 15 марта 2023 г.", None, None, "2023-03-01", "2023-03-15", None),
    ("01.02.2021-28.02.2021", None, None, "2021-02-01", "2021-02-28", None),
    ("с 01.09.2021 по 31.05.2022", None, None, "2021-09-01", "2022-05-31", None),
    ("с 01.09.2021 г. до 31.12.2021 г.", None, None, "2021-09-01", "2021-12-31", None),
    # «до …», «не позднее …» → only the end
    ("до 18 декабря 2020", 2021, None, None, "2020-12-18", None),
    ("не позднее 03 апреля 2025", 2025, None, None, "2025-04-03", None),
    ("До 05 декабря 2025", None, None, None, "2025-12-05", None),
    ("Не позднее 02 июня", 2025, None, None, "2025-06-02", None),
    ("Не позднее 02 июня", None, None, None, None, None),
    ("в срок до 20.12.2022", None, None, None, "2022-12-20", None),
    ("до 1 сентября", 2022, None, None, "2022-09-01", None),
    ("до 25.05.2021 г.", None, None, None, "2021-05-25", None),
    ("не позднее 10.01.2022", None, None, None, "2022-01-10", None),
    ("не позже 5 октября 2021 года", None, None, None, "2021-10-05", None),
    ("к 1 сентября 2021 г.", None, None, None, "2021-09-01", None),
    ("до конца 2021 года", None, None, None, "2021-12-31", None),
    ("до конца февраля 2021", None, None, None, "2021-02-28", None),
    ("до 2022 года", None, None, None, "2022-12-31", None),
    ("до 20.09", 2021, None, None, "2021-09-20", None),
    ("по 31 мая 2022 г.", None, None, None, "2022-05-31", None),
    ("срок до 15.15.2021", 2021, None, None, None, None),  # impossible date: nothing fixed
    ("до 18 де-\nкабря 2020", None, None, None, "2020-12-18", None),
    # «в течение …» with a year, year ranges, school years → continuous
    ("в течение 2021 г.", None, None, "2021-01-01", "2021-12-31", "continuous"),
    ("в течение 2021 года", None, None, "2021-01-01", "2021-12-31", "continuous"),
    ("в течение 2021-2023 гг.", None, None, "2021-01-01", "2023-12-31", "continuous"),
    ("в течение I полугодия 2021 г.", None, None, "2021-01-01", "2021-06-30", "continuous"),
    ("в течение 2021 года по плану", None, None, "2021-01-01", "2021-12-31", "continuous"),
    ("2019-2021", 2019, P, "2019-01-01", "2021-12-31", "continuous"),
    ("2019-2021 гг.", None, None, "2019-01-01", "2021-12-31", "continuous"),
    ("2019 – 2021 годы", None, None, "2019-01-01", "2021-12-31", "continuous"),
    ("2022 - 2024", None, None, "2022-01-01", "2024-12-31", "continuous"),
    ("на 2021-2022 годы", None, None, "2021-01-01", "2022-12-31", "continuous"),
    ("2021 год", None, None, "2021-01-01", "2021-12-31", "continuous"),
    ("2021", None, None, "2021-01-01", "2021-12-31", "continuous"),
    ("2023 г.", None, None, "2023-01-01", "2023-12-31", "continuous"),
    ("в 2022 году", None, None, "2022-01-01", "2022-12-31", "continuous"),
    ("2019-2020 учебный год", 2019, P, "2019-09-01", "2020-08-31", "continuous"),
    ("в течение 2022-2023 учебного года", None, None, "2022-09-01", "2023-08-31", "continuous"),
    ("в течение 2020/2021 учебного года", None, None, "2020-09-01", "2021-08-31", "continuous"),
    ("2021-2022 уч. год", None, None, "2021-09-01", "2022-08-31", "continuous"),
    ("2021/2022 уч.г.", None, None, "2021-09-01", "2022-08-31", "continuous"),
    ("I полугодие 2021-2022 учебного года", None, None, "2021-09-01", "2021-12-31", None),
    ("II полугодие 2021/2022 учебного года", None, None, "2022-01-01", "2022-05-31", None),
    # the roadmap's span → continuous
    ("в течение года", 2021, None, "2021-01-01", "2021-12-31", "continuous"),
    ("В течение года", None, None, None, None, "continuous"),
    ("В течение года по особому графику оценочных процедур", 2025, None, "2025-01-01", "2025-12-31",
     "continuous"),
    ("в течение календарного года", 2022, None, "2022-01-01", "2022-12-31", "continuous"),
    ("постоянно", 2021, None, "2021-01-01", "2021-12-31", "continuous"),
    ("Постоянно", None, P, "2019-01-01", "2021-12-31", "continuous"),
    ("систематически", None, P, "2019-01-01", "2021-12-31", "continuous"),
    ("в течение всего периода", None, P, "2019-01-01", "2021-12-31", "continuous"),
    ("весь период", None, (2021, 2023), "2021-01-01", "2023-12-31", "continuous"),
    ("в течение периода реализации дорожной карты", 2024, (2024, 2026), "2024-01-01", "2026-12-31",
     "continuous"),
    ("ежедневно", 2021, None, "2021-01-01", "2021-12-31", "continuous"),
    ("В течение учебного года", 2025, None, None, None, "continuous"),
    ("в течение всего учебного года", 2025, (2025, 2025), None, None, "continuous"),
    # «с …» → only the start
    ("С августа 2020", 2019, P, "2020-08-01", None, "continuous"),
    ("С 2020 года", 2019, P, "2020-01-01", None, "continuous"),
    ("с 01.09.2021", None, None, "2021-09-01", None, "continuous"),
    ("начиная с сентября 2022 г.", None, None, "2022-09-01", None, "continuous"),
    ("с августа 2020 г. постоянно", None, None, "2020-08-01", None, "continuous"),
    # recurring → the roadmap's span
    ("Ежегодно", 2019, P, "2019-01-01", "2021-12-31", "yearly"),
    ("ежегодно", 2020, None, "2020-01-01", "2020-12-31", "yearly"),
    ("Ежегодно, до 1 октября", None, P, "2019-01-01", "2021-12-31", "yearly"),
    ("ежегодно (сентябрь)", None, P, "2019-01-01", "2021-12-31", "yearly"),
    ("Ежегодно в течение 2019-2021 гг.", None, None, "2019-01-01", "2021-12-31", "yearly"),
    ("с 2021 года ежегодно", None, (2021, 2023), "2021-01-01", "2023-12-31", "yearly"),
    ("1 раз в год", 2021, None, "2021-01-01", "2021-12-31", "yearly"),
    ("один раз в учебный год", 2021, None, "2021-01-01", "2021-12-31", "yearly"),
    ("ежемесячно", 2021, None, "2021-01-01", "2021-12-31", "monthly"),
    ("ежемесячно до 5 числа", 2022, None, "2022-01-01", "2022-12-31", "monthly"),
    ("не реже 1 раза в месяц", 2021, None, "2021-01-01", "2021-12-31", "monthly"),
    ("2 раза в месяц", 2021, None, "2021-01-01", "2021-12-31", "monthly"),
    ("до 5 числа каждого месяца", 2021, None, "2021-01-01", "2021-12-31", "monthly"),
    ("еженедельно", 2021, None, "2021-01-01", "2021-12-31", "weekly"),
    ("раз в неделю", 2021, None, "2021-01-01", "2021-12-31", "weekly"),
    ("еженедельно по пятницам", None, None, None, None, "weekly"),
    ("Ежеквартально, не позднее 20 числа третьего месяца квартала", 2025, None, "2025-01-01", "2025-12-31",
     "quarterly"),
    ("Поквартально, не позднее 7 числа месяца, идущего за отчетным кварталом", 2025, None, "2025-01-01",
     "2025-12-31", "quarterly"),
    ("ежеквартально", None, P, "2019-01-01", "2021-12-31", "quarterly"),
    ("не реже одного в четверть", 2021, None, "2021-01-01", "2021-12-31", "quarterly"),
    ("Не реже 1 раза в четверть, по договоренности с ОО", 2025, None, "2025-01-01", "2025-12-31",
     "quarterly"),
    ("1 раз в четверть", 2021, None, "2021-01-01", "2021-12-31", "quarterly"),
    ("в конце четверти", 2021, None, "2021-01-01", "2021-12-31", "quarterly"),
    ("в конце каждой четверти", 2021, None, "2021-01-01", "2021-12-31", "quarterly"),
    ("по итогам четверти", 2021, None, "2021-01-01", "2021-12-31", "quarterly"),
    ("по окончании каждой четверти", 2021, None, "2021-01-01", "2021-12-31", "quarterly"),
    ("ежеквартально до 10 числа", 2021, None, "2021-01-01", "2021-12-31", "quarterly"),
    ("не реже одной в полугодие", 2021, None, "2021-01-01", "2021-12-31", "half_yearly"),
    ("не реже одного в полугодие", 2021, None, "2021-01-01", "2021-12-31", "half_yearly"),
    ("1 раз в полугодие", 2021, None, "2021-01-01", "2021-12-31", "half_yearly"),
    ("2 раза в год (не позже 15 января и 25 августа)", 2025, None, "2025-01-01", "2025-12-31", "half_yearly"),
    ("По окончании полугодия (не позднее 12 января и 15 июня)", 2025, None, "2025-01-01", "2025-12-31",
     "half_yearly"),
    ("не реже 2 раз в год", 2021, None, "2021-01-01", "2021-12-31", "half_yearly"),
    ("не менее 2-х раз в год", 2021, None, "2021-01-01", "2021-12-31", "half_yearly"),
    ("дважды в год", 2021, None, "2021-01-01", "2021-12-31", "half_yearly"),
    ("раз в полгода", 2021, None, "2021-01-01", "2021-12-31", "half_yearly"),
    # quarters and halves of a calendar year
    ("1 квартал 2021 г.", None, None, "2021-01-01", "2021-03-31", None),
    ("I квартал 2021", None, None, "2021-01-01", "2021-03-31", None),
    ("II полугодие 2021", None, None, "2021-07-01", "2021-12-31", None),
    ("1 полугодие 2021 года", None, None, "2021-01-01", "2021-06-30", None),
    ("второе полугодие 2022 г.", None, None, "2022-07-01", "2022-12-31", None),
    ("IV квартал", 2022, None, "2022-10-01", "2022-12-31", None),
    ("IV квартал 2022 г.", None, None, "2022-10-01", "2022-12-31", None),
    ("2 квартал", 2021, None, "2021-04-01", "2021-06-30", None),
    ("III квартал", None, None, None, None, None),
    ("3-4 квартал 2021", None, None, "2021-07-01", "2021-12-31", None),
    ("III-IV квартал 2021 г.", None, None, "2021-07-01", "2021-12-31", None),
    ("I-II квартал", 2021, None, "2021-01-01", "2021-06-30", None),
    ("4 квартал 2021 – 1 квартал 2022", None, None, "2021-10-01", "2022-03-31", None),
    ("по итогам 1 квартала 2021 г.", None, None, "2021-01-01", "2021-03-31", None),
    # school quarters: their bounds are not in the text
    ("до четвертой четверти", 2021, None, None, None, None),
    ("I четверть", 2021, None, None, None, None),
    ("в течение 2 четверти", 2021, None, None, None, None),
    # a schedule kept elsewhere
    ("по плану работы", 2021, None, None, None, None),
    ("по плану работы ИРО, ЦРО", 2021, None, None, None, None),
    ("По плану ИРО", 2019, P, None, None, None),
    ("По графику ИРО", 2019, P, None, None, None),
    ("По отдельному графику", 2025, None, None, None, None),
    ("Согласно графику проведения семинаров", 2025, None, None, None, None),
    ("По плану школы", 2025, None, None, None, None),
    ("По плану оценочных исследований", 2025, None, None, None, None),
    ("по утвержденному графику", 2021, None, None, None, None),
    ("в соответствии с планом работы МО", 2021, None, None, None, None),
    ("в установленные сроки", 2021, None, None, None, None),
    ("в сроки проведения ГИА", 2021, None, None, None, None),
    ("2019-2021 по графику ИРО", 2019, P, "2019-01-01", "2021-12-31", None),
    ("Апрель-май 2021 г. (по графику ФИС ОКО)", None, None, "2021-04-01", "2021-05-31", None),
    # triggered by an event
    ("после проведения оценочной процедуры", 2021, None, None, None, "on_event"),
    ("После получения результатов анкетирования", 2025, None, None, None, "on_event"),
    ("По результатам тренировочных мероприятий", 2025, None, None, None, "on_event"),
    ("по итогам ВПР", 2021, None, None, None, "on_event"),
    ("По запросам", 2025, None, None, None, "on_event"),
    ("по запросу ОО", 2021, None, None, None, "on_event"),
    ("По необходимости", 2025, None, None, None, "on_event"),
    ("по мере необходимости", 2021, None, None, None, "on_event"),
    ("по мере поступления", 2021, None, None, None, "on_event"),
    ("при необходимости", 2021, None, None, None, "on_event"),
    ("В рамках заседаний районных МО", 2025, None, None, None, "on_event"),
    ("в дни проведения ВПР", 2021, None, None, None, "on_event"),
    ("в течение 10 дней после получения результатов", 2021, None, None, None, "on_event"),
    ("апрель 2021 (по итогам ВПР)", None, None, "2021-04-01", "2021-04-30", None),
    # nothing to read
    ("", 2021, None, None, None, None),
    ("—", 2021, None, None, None, None),
    ("своевременно", 2021, None, None, None, None),
]


@pytest.mark.parametrize("text, year, period, start, end, recurrence", CASES)
def test_parse_deadline(text: str, year: int | None, period: tuple[int, int] | None, start: str | None,
                        end: str | None, recurrence: str | None) -> None:
    d = parse_deadline(text, year=year, period=period)
    assert (d.start, d.end, d.recurrence) == (start, end, recurrence)


@pytest.mark.parametrize("raw, one_line", [
    ("  февраль\n2021 ", "февраль 2021"),
    ("Октябрь-\nноябрь 2019", "Октябрь-ноябрь 2019"),
    ("2019-\n2021", "2019-2021"),
    ("01.02.2021\n", "01.02.2021"),
    ("по плану ра-\nботы", "по плану работы"),
    ("март- апрель 2021 года", "март- апрель 2021 года"),
    ("Ежеквартально, не позднее 20 числа\nтретьего месяца квартала",
     "Ежеквартально, не позднее 20 числа третьего месяца квартала"),
])
def test_clean_text_is_one_line_with_hyphenation_joined(raw: str, one_line: str) -> None:
    assert clean_text(raw) == one_line
    assert parse_deadline(raw, year=2021).text == one_line


def test_explain_names_the_rule_and_returns_a_record() -> None:
    d, rule = explain_deadline("Ежегодно", period=(2019, 2021))
    assert isinstance(d, Deadline)
    assert rule == "periodic"
    assert [name for name, _ in RULES][0] == "periodic"
    assert explain_deadline("своевременно", year=2021)[1] is None


@pytest.mark.parametrize("junk", ["\x00\x01", "((((", "9" * 400, "31.31.3131 - 99.99.9999", "I" * 50,
                                  "с по до к", "до 0 января 2021", "1-99 марта 2021", "2021-2999"])
def test_parse_deadline_never_raises(junk: str) -> None:
    d = parse_deadline(junk, year=2021, period=(2021, 2021))
    assert d.text == clean_text(junk)
    assert d.start is None or d.start <= (d.end or "9999")


def _gold_roadmap_deadlines():
    gold_dir = SHARED / "gold"
    if not gold_dir.is_dir():
        return None
    rows = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        order = gold.get("order") or {}
        for roadmap in gold.get("roadmaps") or []:
            period = period_of(roadmap.get("title") or "") or period_of(order.get("title") or "")
            year = int(order["date"][:4]) if order.get("date") else (period[0] if period else None)
            for item in roadmap.get("items") or []:
                rows.append((path.name, item["deadline"], year, period))
    return rows


def test_gold_deadlines_agree() -> None:
    rows = _gold_roadmap_deadlines()
    if rows is None:
        pytest.skip("shared gold files not available")
    assert rows, "gold files hold no roadmap items"
    bad = []
    for name, gold, year, period in rows:
        got = parse_deadline(gold["text"], year=year, period=period)
        if (got.start, got.end) != (gold["start"], gold["end"]):
            bad.append(f"{name}: {gold['text']!r} gold {gold['start']}..{gold['end']} got {got.start}..{got.end}")
        assert got.text == gold["text"]
    agreement = 1 - len(bad) / len(rows)
    print(f"gold deadlines: {len(rows) - len(bad)}/{len(rows)} = {agreement:.1%} agree on (start, end)")
    for line in bad:
        print("  ", line)
    assert agreement >= 0.95, "\n".join(bad)
