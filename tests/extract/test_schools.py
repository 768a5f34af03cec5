"""School mentions: kinds, legal forms over lists, number lists, roles from context."""

from __future__ import annotations

import pytest

from shnor_docs.api import extract


def _schools(text: str) -> list[tuple]:
    r = extract(text.encode("utf-8"), "t.txt")
    return [(s.kind, s.number, s.legal_form, tuple(s.roles)) for s in r.schools]


@pytest.mark.parametrize("text, expected", [
    ("Школы с низкими результатами: МБОУ СОШ № 4, СОШ № 10, гимназия № 9.",
     [("СОШ", "4", "МБОУ", ("low_results",)), ("СОШ", "10", "МБОУ", ("low_results",)),
      ("Гимназия", "9", "МБОУ", ("low_results",))]),
    ("Участники проекта «500+»: МАОУ СОШ № 5, 10, 19.",
     [("СОШ", "5", "МАОУ", ("500plus",)), ("СОШ", "10", "МАОУ", ("500plus",)), ("СОШ", "19", "МАОУ", ("500plus",))]),
    ("Школа-наставник МОУ «Лицей № 3» поможет ООШ № 7.",
     [("Лицей", "3", "МОУ", ("mentor",)), ("ООШ", "7", None, ())]),
    ("ШССУ: МКОУ ООШ № 2l.", [("ООШ", "21", "МКОУ", ("unfavourable",))]),
    ("МБОУ «Средняя общеобразовательная школа № 12» и МБОУ «Основная общеобразовательная школа № 3»",
     [("СОШ", "12", "МБОУ", ()), ("ООШ", "3", "МБОУ", ())]),
])
def test_school_lists(text: str, expected: list[tuple]) -> None:
    assert _schools(text) == expected


def test_bare_school_number_joins_the_named_school() -> None:
    text = "Список ШНОР: МБОУ СОШ № 5, МБОУ ООШ № 7.\n\nВ школах № 5, 7 проведены выезды."
    assert [(s.kind, s.number) for s in extract(text.encode(), "t.txt").schools] == [("СОШ", "5"), ("ООШ", "7")]
