"""Splitting responsible cells into persons (with positions) and organisations."""

from __future__ import annotations

import pytest

from shnor_docs.extract.responsible import split_responsible


def _view(cell: str) -> list[tuple]:
    return [((r.person.surname, r.person.initials) if r.person else None, r.position, r.org)
            for r in split_responsible(cell)]


@pytest.mark.parametrize("cell, expected", [
    ("И.Б. Лукашова, заместитель начальника УОН В.Г. Церекидзе, директор СЦРО",
     [(("Лукашова", "И.Б."), "заместитель начальника УОН", None), (("Церекидзе", "В.Г."), "директор СЦРО", None)]),
    ("Начальник отдела общего образования Тамонова Е.А., кураторы",
     [(("Тамонова", "Е.А."), "Начальник отдела общего образования", None), (None, None, "кураторы")]),
    ("Методист ИМО Медведева С.В., руководители ШНОР, кураторы",
     [(("Медведева", "С.В."), "Методист ИМО", None), (None, None, "руководители ШНОР"), (None, None, "кураторы")]),
    ("Сошникова Е.Н., муниципальный координатор методисты ОМО",
     [(("Сошникова", "Е.Н."), "муниципальный координатор", None), (None, None, "методисты ОМО")]),
    ("Администрация ОО, педагогические работники ОО (учителя-предметники)",
     [(None, None, "Администрация ОО"), (None, None, "педагогические работники ОО (учителя-предметники)")]),
    ("Администрация ОО Педагогические работники",
     [(None, None, "Администрация ОО"), (None, None, "Педагогические работники")]),
    ("Отдел образования, МОЦ, директора школ",
     [(None, None, "Отдел образования"), (None, None, "МОЦ"), (None, None, "директора школ")]),
    ("Кузнецова Е.Д.\nметодист РМК", [(("Кузнецова", "Е.Д."), "методист РМК", None)]),
    ("Руководители ОО\nРМК", [(None, None, "Руководители ОО"), (None, None, "РМК")]),
])
def test_split_responsible(cell: str, expected: list[tuple]) -> None:
    assert _view(cell) == expected
