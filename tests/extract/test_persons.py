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
