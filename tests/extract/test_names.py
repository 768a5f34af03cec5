"""Person names: both orders of initials, cases, genders, variants."""

from __future__ import annotations

import pytest

from shnor_docs.extract.names import find_mentions


@pytest.mark.parametrize("text, expected", [
    ("И.Б. Лукашова, заместитель начальника", [("Лукашова", "И.Б.")]),
    ("Лукашова И.Б., заместитель начальника", [("Лукашова", "И.Б.")]),
    ("И. Б. Лукашова", [("Лукашова", "И.Б.")]),
    ("И.П.Жохов", [("Жохов", "И.П.")]),
    ("возложить на заместителя начальника управления Лукашова И.Б.", [("Лукашова", "И.Б.")]),
    ("возложить на начальника отдела Е.А. Тамонову.", [("Тамонова", "Е.А.")]),
    ("поручить Иванову И.И. подготовить справку", [("Иванов", "И.И.")]),
    ("(Т.И. Мельниковой, А.В. Шестак, Н.В. Гребен)", [("Мельникова", "Т.И."), ("Шестак", "А.В."),
                                                    ("Гребен", "Н.В.")]),
    ("с участием Петровым А.А.", [("Петров", "А.А.")]),
    ("доклад Вольской Э.В.", [("Вольская", "Э.В.")]),
    ("Кравец Татьяна Викторовна, учитель", [("Кравец", "Т.В.")]),
    ("Татьяна Викторовна Кравец", [("Кравец", "Т.В.")]),
    ("Церекидзе В.Г., директор СЦРО", [("Церекидзе", "В.Г.")]),
    ("Лукашова И.Б. Отделу образования", [("Лукашова", "И.Б.")]),
    ("Ответственный: Анна Смирнова, методист", [("Смирнова", "А.")]),
    ("Управление образования администрации района", []),
    ("И.о. начальника отдела образования", []),
    ("г. Сочи, ул. Советская", []),
])
def test_find_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.surname, m.initials) for m in find_mentions(text)] == expected


def test_full_name_keeps_first_name_and_patronymic() -> None:
    m = find_mentions("назначить Кравец Татьяну Викторовну куратором")[0]
    assert (m.surname, m.first_name, m.patronymic, m.initials) == ("Кравец", "Татьяна", "Викторовна", "Т.В.")


@pytest.mark.parametrize("text, expected", [
    # a responsible cell listing two people with no comma between them, either order of initials
    ("методист центра Гладких У.П. Пименова Р.Я., заместитель начальника",
     [("Гладких", "У.П."), ("Пименова", "Р.Я.")]),
    ("методист Р.Я. Пименова Г.А. Сорокин, заместитель начальника",
     [("Пименова", "Р.Я."), ("Сорокин", "Г.А.")]),
    # a section's Roman numeral read by OCR as a letter is not an initial of a common noun
    ("П. Мероприятия по выявлению школ", []),
    ("Раздел П. Мониторинг", []),
])
def test_initials_go_to_the_right_surname(text, expected):
    assert [(m.surname, m.initials) for m in find_mentions(text)] == expected
