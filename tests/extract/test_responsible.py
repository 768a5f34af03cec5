"""Splitting responsible cells into persons (with positions) and organisations."""

from __future__ import annotations

import pytest

from shnor_docs.extract.responsible import split_responsible


def _view(cell: str) -> list[tuple]:
    return [((r.person.surname, r.person.initials) if r.person else None, r.position, r.org)
            for r in split_responsible(cell)]


@pytest.mark.parametrize("cell, expected", [
    ("И.Д. Коршунова, заместитель начальника УОН В.Т. Гоцеридзе, директор ЦРО",
     [(("Коршунова", "И.Д."), "заместитель начальника УОН", None), (("Гоцеридзе", "В.Т."), "директор ЦРО", None)]),
    ("Начальник отдела дошкольного образования Ракитова Е.Л., кураторы",
     [(("Ракитова", "Е.Л."), "Начальник отдела дошкольного образования", None), (None, None, "кураторы")]),
    ("Методист ИМО Соболева С.К., руководители ОО, кураторы",
     [(("Соболева", "С.К."), "Методист ИМО", None), (None, None, "руководители ОО"), (None, None, "кураторы")]),
    ("Родникова Е.Ф., муниципальный координатор методисты РМК",
     [(("Родникова", "Е.Ф."), "муниципальный координатор", None), (None, None, "методисты РМК")]),
    ("Администрация ОО, педагогические работники ОО (учителя начальных классов)",
     [(None, None, "Администрация ОО"),
      (None, None, "педагогические работники ОО (учителя начальных классов)")]),
    ("Администрация ОО Педагогические работники",
     [(None, None, "Администрация ОО"), (None, None, "Педагогические работники")]),
    ("Отдел образования, МОЦ, директора школ",
     [(None, None, "Отдел образования"), (None, None, "МОЦ"), (None, None, "директора школ")]),
    ("Кузнецова Е.Д.\nметодист РМК", [(("Кузнецова", "Е.Д."), "методист РМК", None)]),
    ("Руководители ОО\nРМК", [(None, None, "Руководители ОО"), (None, None, "РМК")]),
])
def test_split_responsible(cell: str, expected: list[tuple]) -> None:
    assert _view(cell) == expected
