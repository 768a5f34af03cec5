"""Person names: both orders of initials, cases, genders, variants."""

from __future__ import annotations

import pytest

from shnor_docs.extract.names import find_mentions


@pytest.mark.parametrize("text, expected", [
    ("И.Д. Коршунова, заместитель начальника", [("Коршунова", "И.Д.")]),
    ("Коршунова И.Д., заместитель начальника", [("Коршунова", "И.Д.")]),
    ("И. Д. Коршунова", [("Коршунова", "И.Д.")]),
    ("И.Т.Брыков", [("Брыков", "И.Т.")]),
    ("возложить на заместителя начальника управления Коршунова И.Д.", [("Коршунова", "И.Д.")]),
    ("возложить на начальника отдела Е.Л. Ракитову.", [("Ракитова", "Е.Л.")]),
    ("поручить Иванову И.И. подготовить справку", [("Иванов", "И.И.")]),
    ("(Т.Р. Пасечниковой, А.Г. Шевчак, Н.Л. Коробен)", [("Пасечникова", "Т.Р."), ("Шевчак", "А.Г."),
                                                       ("Коробен", "Н.Л.")]),
    ("с участием Петровым А.А.", [("Петров", "А.А.")]),
    ("доклад Верховской Э.Н.", [("Верховская", "Э.Н.")]),
    ("Кравец Татьяна Викторовна, учитель", [("Кравец", "Т.В.")]),
    ("Татьяна Викторовна Кравец", [("Кравец", "Т.В.")]),
    ("Гоцеридзе В.Т., директор ЦРО", [("Гоцеридзе", "В.Т.")]),
    ("Коршунова И.Д. Отделу образования", [("Коршунова", "И.Д.")]),
    ("Ответственный: Анна Смирнова, методист", [("Смирнова", "А.")]),
    ("Управление образования администрации района", []),
    ("И.о. начальника отдела образования", []),
    ("г. Тула, ул. Советская", []),
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
