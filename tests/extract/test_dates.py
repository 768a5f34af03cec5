"""Dates in the usual Russian official forms, and the years/period a title names."""

from __future__ import annotations

from datetime import date

import pytest

from shnor_docs.extract.dates import MONTHS, find_dates, find_years, month_number, parse_date, period_of, prepare


@pytest.mark.parametrize("text, expected", [
    ("28.01.2021", date(2021, 1, 28)),
    ("28.01.2021г.", date(2021, 1, 28)),
    ("26.09.2019 г", date(2019, 9, 26)),
    ("«12» сентября 2023 г.", date(2023, 9, 12)),
    ('"12" сентября 2023 года', date(2023, 9, 12)),
    ("“5” марта 2022 г.", date(2022, 3, 5)),
    ("12 сентября 2023", date(2023, 9, 12)),
    ("от 05.03.2022", date(2022, 3, 5)),
    ("от 05.03.2022 № 112", date(2022, 3, 5)),
    ("28/01/2021", date(2021, 1, 28)),
    ("28-01-2021", date(2021, 1, 28)),
    ("28.01.21", date(2021, 1, 28)),
    ("2021-01-28", date(2021, 1, 28)),
    ("01 ноября 2021 г.", date(2021, 11, 1)),
    ("1 сент. 2021", date(2021, 9, 1)),
    ("1 сент. 2021 г.", date(2021, 9, 1)),
    ("15 янв. 2022", date(2022, 1, 15)),
    ("3 дек. 2020 г.", date(2020, 12, 3)),
    ("7 окт 2021", date(2021, 10, 7)),
    ("9 апреля 2020 года", date(2020, 4, 9)),
    ("30 мая 2021 г.", date(2021, 5, 30)),
    ("1 мая 2021", date(2021, 5, 1)),
    ("31 декабря 2024 года", date(2024, 12, 31)),
    ("29 февраля 2024 г.", date(2024, 2, 29)),
    ("1-го сентября 2021 г.", date(2021, 9, 1)),
    ("приказ от 21 сентября 2020 года № 5", date(2020, 9, 21)),
    ("9 СЕНТЯБРЯ 2020 ГОДА", date(2020, 9, 9)),
    ("12 сентября, 2023", date(2023, 9, 12)),
    ("1 сентября 2021г.", date(2021, 9, 1)),
    ("21 сентября 2020 гола", date(2020, 9, 21)),  # OCR «гола» for «года»: the date itself is whole
    ("l9.02.202l", date(2021, 2, 19)),  # OCR l for 1
    ("|4.05.202l", date(2021, 5, 14)),
    ("26.01.202|", date(2021, 1, 26)),
    ("22,0l .202|", date(2021, 1, 22)),  # OCR comma and stray space
    ("12 сeнтября 2023", date(2023, 9, 12)),  # Latin «e» inside the month
    ("20.12.2О21", date(2021, 12, 20)),
    ("lЗ.04.202l", date(2021, 4, 13)),  # OCR Cyrillic «З» for 3  # Cyrillic «О» for zero between digits
    ("(24.09.2020):", date(2020, 9, 24)),
    ("срок – 01.12.2020;", date(2020, 12, 1)),
    ("01.02.2021-28.02.2021", date(2021, 2, 1)),
    ("12 сентября 2023 г. и 14 октября 2023 г.", date(2023, 9, 12)),
    ("19.01.2021 № 73", date(2021, 1, 19)),
    ("№ 3.06.41-207-В/24 от 14.03.2024", date(2024, 3, 14)),
])
def test_parse_date_reads_usual_forms(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "32.13.2021",  # impossible day and month
    "31.04.2021",
    "29.02.2021",  # 2021 is not a leap year
    "3.06.41-207-В/24",  # an order number, not a date in 1941
    "03.06.41-207",
    "№ 207-3.06.41",
    "1.2.14",  # a section number
    "п. 2.1.12",
    "12 сентября",  # no year
    "30 брюмера 2021",
    "2021",
    "3.14159",
    "10.5.2021.3",
    "",
])
def test_parse_date_rejects_non_dates(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_gives_offsets_into_the_original_text() -> None:
    text = "Приказ от 19.01.2021 № 73; письмо от «12» сентября 2023 г. и приказ № 3.06.41-207-В/24."
    found = find_dates(text)
    assert [d for d, _s, _e in found] == [date(2021, 1, 19), date(2023, 9, 12)]
    (_d1, s1, e1), (_d2, s2, e2) = found
    assert text[s1:e1] == "19.01.2021"
    assert text[s2:e2] == "«12» сентября 2023 г."


def test_find_dates_reads_a_list_of_meeting_dates() -> None:
    found = find_dates("24.09.2020 14.10.2020 18.11.2020 16.12.2020")
    assert [d for d, _s, _e in found] == [date(2020, 9, 24), date(2020, 10, 14), date(2020, 11, 18),
                                          date(2020, 12, 16)]


def test_find_dates_reads_an_ocr_line() -> None:
    found = find_dates("письмо от l9.02.202l Nl 47 и от 23.03.202l № 452")
    assert [d for d, _s, _e in found] == [date(2021, 2, 19), date(2021, 3, 23)]


def test_prepare_keeps_length_and_repairs_ocr_digits() -> None:
    raw = "Сентябрь 202l — «l9» мая"
    t = prepare(raw)
    assert len(t) == len(raw)
    assert t == "сентябрь 2021 - «19» мая"


@pytest.mark.parametrize("word, number", [
    ("январь", 1), ("февраля", 2), ("марте", 3), ("апр.", 4), ("май", 5), ("мая", 5), ("июнь", 6),
    ("июле", 7), ("Августа", 8), ("сент.", 9), ("СЕНТЯБРЬ", 9), ("октябре", 10), ("нояб.", 11),
    ("декабрём", 12), ("дек", 12), ("ceнтябрь", 9), ("понедельник", None), ("марш", None),
])
def test_month_number(word: str, number: int | None) -> None:
    assert month_number(word) == number


def test_months_table_has_every_month_in_every_case() -> None:
    assert set(MONTHS.values()) == set(range(1, 13))
    assert MONTHS["сентября"] == MONTHS["сентябре"] == MONTHS["сент"] == 9


@pytest.mark.parametrize("text, years", [
    ("на 2019-2021 годы", [2019, 2021]),
    ("в 2021 году", [2021]),
    ("приказ от 19.01.2021 о плане на 2021 год", [2021]),
    ("2020-2021 учебный год", [2020, 2021]),
    ("в 202l году", [2021]),
    ("номер 120210", []),
])
def test_find_years(text: str, years: list[int]) -> None:
    assert find_years(text) == years


@pytest.mark.parametrize("text, period", [
    ("Об утверждении плана мероприятий на 2019-2021 годы", (2019, 2021)),
    ("на 2019 – 2021 годы", (2019, 2021)),
    ("дорожная карта на 2021 год", (2021, 2021)),
    ("о работе школ с низкими результатами в 2025 году", (2025, 2025)),
    ("Об итогах работы в 2020-2021 учебном году", (2020, 2021)),
    ("2020-2021 учебный год", (2020, 2021)),
    ("на 2024-2026 годы", (2024, 2026)),
    ("на 2021-22 гг.", (2021, 2022)),
    ("с 2022 по 2024 год", (2022, 2024)),
    ("Программа 2019-2021.", (2019, 2021)),
    ("приказ от 19.01.2021 № 73", None),
    ("Об утверждении Дорожной карты", None),
])
def test_period_of(text: str, period: tuple[int, int] | None) -> None:
    assert period_of(text) == period
