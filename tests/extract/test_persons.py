"""Persons across a document: names broken by a line end, initials a scan misread."""

from __future__ import annotations

from shnor_docs.api import extract

WRAPPED = """ПРИКАЗ

1. Кураторам школ (Р.К. Беляк, Ф.С.
Затонской, Д.Н. Угаровой) обеспечить сопровождение.
2. Контроль оставляю за собой.
"""


def test_name_broken_by_a_line_end_is_found_in_the_nominative():
    people = {(p.surname, p.initials) for p in extract(WRAPPED.encode(), "order.txt").persons}
    assert {("Беляк", "Р.К."), ("Затонская", "Ф.С."), ("Угарова", "Д.Н.")} <= people


SLIPS = """ПРИКАЗ

1. Назначить координатором проекта директора центра В.Г. Гвелесиани.
2. Директору центра В.Т. Гвелесиани подготовить план.
3. Отчёт направить В.Г. Гвелесиани до 1 марта.
4. Специалисту Е. Шевчишин и Е.А. Шевчишин, методисту, провести семинар.
"""


def test_initials_misread_by_a_scan_join_the_main_reading():
    persons = extract(SLIPS.encode(), "order.txt").persons
    by_name = {p.surname: p for p in persons}
    assert sorted((p.surname, p.initials) for p in persons) == [("Гвелесиани", "В.Г."), ("Шевчишин", "Е.А.")]
    assert "В.Т. Гвелесиани" in by_name["Гвелесиани"].variants


BROKEN_SENTENCE = """ПРИКАЗ

5. Контроль за исполнением настоящего приказа возложить на
заместителя главы администрации по социальным вопросам Кудрявцеву Н.С.
"""


BROKEN_NAME = """ПРИКАЗ

5. Контроль за исполнением настоящего приказа возложить на
заместителя главы администрации по социальным вопросам М.Б.
Румянцеву.
"""


def test_case_of_a_name_is_read_from_the_line_before():
    # a PDF or a scan gives each printed line on its own: «возложить на» ends the line before
    people = {(p.surname, p.initials) for p in extract(BROKEN_SENTENCE.encode(), "order.txt").persons}
    assert people == {("Кудрявцева", "Н.С.")}
    # … also for a name the line end breaks («М.Б.» / «Румянцеву.»)
    people = {(p.surname, p.initials) for p in extract(BROKEN_NAME.encode(), "order.txt").persons}
    assert people == {("Румянцева", "М.Б.")}


HEADINGS = """ПЛАН МЕРОПРИЯТИЙ
№\tМероприятие\tСрок\tОтветственный
Г. Аналитическая деятельность
1\tАнализ результатов\tмарт\tЛ.В. Богданова, методист
П. Психолого-педагогическое сопровождение
2\tКонсультации\tапрель\tВ. Богданова, методист
3\tСеминар\tмай\tЛ.В. Богданова
"""


def test_misread_section_numerals_are_not_people_and_a_lost_first_initial_joins():
    persons = extract(HEADINGS.encode(), "order.txt").persons
    assert [(p.surname, p.initials) for p in persons] == [("Богданова", "Л.В.")]
    assert "В. Богданова" in persons[0].variants


def test_initials_slip_joins_across_a_case_form():
    text = ("ПРИКАЗ\n\n1. Заместителю главы Родионова В.П. подготовить план.\n"
            "2. Контроль возложить на заместителя главы В.Т. Родионову.\n")
    persons = extract(text.encode(), "order.txt").persons
    assert [(p.surname, p.initials) for p in persons] == [("Родионова", "В.П.")]
