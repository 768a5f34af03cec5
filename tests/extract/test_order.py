"""The order header, directives, signature and controller on documents written for the tests."""

from __future__ import annotations

from shnor_docs.api import extract

ORDER = """УПРАВЛЕНИЕ ОБРАЗОВАНИЯ
АДМИНИСТРАЦИИ ЛЕСНОГОРСКОГО ГОРОДСКОГО ОКРУГА
ПЕРМСКОГО КРАЯ

ПРИКАЗ

«05» марта 2022 г.\t№ 01-11/347

г. Лесногорск

О мерах поддержки школ
с низкими образовательными результатами

В соответствии с приказом Министерства образования Пермского края от 12.01.2022 № 26-01/15 «О региональной программе»

ПРИКАЗЫВАЮ:

1. Утвердить план мероприятий (приложение).
2. Внести изменения в приказ управления образования от 20.09.2021 № 01-11/210 «О кураторах».
2.1. Назначить кураторами специалистов отдела.
3. Контроль за исполнением приказа оставляю за собой.

Начальник управления образования
Т.Г. Воронцова
"""


def test_header_and_directives() -> None:
    o = extract(ORDER.encode(), "order.txt").order
    assert (o.doc_type, o.date, o.number, o.place) == ("приказ", "2022-03-05", "01-11/347", "г. Лесногорск")
    assert o.issuer == "Управление образования администрации Лесногорского городского округа Пермского края"
    assert (o.region, o.municipality) == ("Пермский край", "Лесногорский городской округ")
    assert o.title == "О мерах поддержки школ с низкими образовательными результатами"
    assert [d.number for d in o.directives] == ["1", "2", "2.1", "3"]
    assert (o.signatory.surname, o.signatory.initials, o.signatory.position) == (
        "Воронцова", "Т.Г.", "Начальник управления образования")
    assert o.controller.surname == "Воронцова"  # «оставляю за собой»


def test_references_relations() -> None:
    refs = {(r.date, r.number): r for r in extract(ORDER.encode(), "order.txt").references}
    assert refs[("2022-01-12", "26-01/15")].relation == "cites"
    assert refs[("2022-01-12", "26-01/15")].doc_type == "приказ"
    assert refs[("2021-09-20", "01-11/210")].relation == "amends"
    assert refs[("2021-09-20", "01-11/210")].title == "О кураторах"


STANDALONE = """УТВЕРЖДАЮ
Директор МКУ «Центр развития образования»
____________ О.П. Никитина
«10» января 2023 г.

ПЛАН МЕРОПРИЯТИЙ
по сопровождению школ с низкими результатами на 2023 год

№\tМероприятие\tСрок\tОтветственный
1\tСеминар для заместителей директоров\tфевраль\tО.П. Никитина, директор
2\tВыезды в школы\tв течение года\tметодисты центра
"""


def test_standalone_plan_under_approval() -> None:
    r = extract(STANDALONE.encode(), "plan.txt")
    o = r.order
    assert o.approved_by.surname == "Никитина" and o.approved_by.position == "Директор МКУ «Центр развития образования»"
    assert o.date == "2023-01-10"
    assert o.doc_type == "дорожная карта"  # a plan standing alone under «УТВЕРЖДАЮ»
    items = r.roadmaps[0].items
    assert items[0].deadline.start == "2023-02-01" and items[0].deadline.end == "2023-02-28"
    assert items[1].responsible[0].org == "методисты центра"


def test_plan_heading_ends_after_its_years_without_a_blank_line():
    # a scan keeps one paragraph per printed line and no blank lines
    text = ("ПЛАН МЕРОПРИЯТИЙ\nпо поддержке школ с низкими результатами обучения\nна 2023-2025 годы\n"
            "Перечень школ: МБОУ СОШ № 4, МБОУ СОШ № 9.\n")
    assert extract(text.encode(), "plan.txt").order.title == (
        "ПЛАН МЕРОПРИЯТИЙ по поддержке школ с низкими результатами обучения на 2023-2025 годы")


def _points(body: str, title: str = "О координаторе"):
    """The order of a short «ПРИКАЗ» whose operative part (points and signature) is ``body``."""
    text = f"ПРИКАЗ\n\n01.02.2022\t№ 15\n\n{title}\n\nприказываю:\n{body}"
    return extract(text.encode(), "order.txt").order


def test_a_point_wrapped_before_utverzhdenii_goes_on():
    o = _points("1. Внести изменения в приказ управления от 10.01.2020 № 3 «Об\n"
                "утверждении положения о кураторах», изложив его в новой редакции.\n"
                "2. Контроль оставляю за собой.\n\nНачальник управления\nА.Б. Щеглова\n", title="О плане")
    assert [d.number for d in o.directives] == ["1", "2"]
    assert o.directives[0].text.endswith("изложив его в новой редакции.")
    assert (o.signatory.surname, o.signatory.initials) == ("Щеглова", "А.Б.")


def test_a_point_wrapped_before_a_name_goes_on_to_the_signature():
    # a scan's lines: the name that begins the second line is the end of point 1, not a signature
    o = _points(
        "1. Назначить старшего методиста МКУ «Методический центр»\n"
        "Лаврова Н.Е. муниципальным координатором проекта.\n"
        "2. Контроль за исполнением приказа возложить на заместителя\n"
        "начальника управления Р.Т. Зуеву.\n"
        "Начальник управления\nА.Б. Щеглова\n")
    assert [d.number for d in o.directives] == ["1", "2"]
    assert o.directives[0].text.endswith("муниципальным координатором проекта.")
    assert (o.signatory.surname, o.signatory.initials) == ("Щеглова", "А.Б.")
    assert (o.controller.surname, o.controller.initials) == ("Зуева", "Р.Т.")


def test_a_name_alone_after_a_wrapped_point_ends_the_point():
    o = _points(
        "1. Графики посещения школ согласовать с ведущим специалистом центра\n"
        "Черных Н.Д.\n"
        "2. Контроль возложить на заместителя начальника управления образования\n"
        "Исаеву А.Э.\n"
        "Временно исполняющий обязанности\nначальника управления образования\nВ.Л. Беляков\n")
    assert [d.text.split()[-2:] for d in o.directives] == [["Черных", "Н.Д."], ["Исаеву", "А.Э."]]
    assert (o.signatory.surname, o.signatory.initials) == ("Беляков", "В.Л.")
    assert o.signatory.position == "Временно исполняющий обязанности начальника управления образования"
    assert (o.controller.surname, o.controller.initials) == ("Исаева", "А.Э.")


def test_a_lower_case_position_after_initials_is_not_a_signature():
    o = _points(
        "1. Назначить главного специалиста управления образования Савчук Ю.А.\n"
        "муниципальным координатором по работе со школами.\n"
        "2. Контроль оставляю за собой.\n"
        "Глава района\nИ.А. Калинин\n")
    assert o.directives[0].text.endswith("муниципальным координатором по работе со школами.")
    assert (o.signatory.surname, o.signatory.position) == ("Калинин", "Глава района")


def test_an_unreadable_kind_line_still_gives_the_header():
    # a letter-spaced «П Р И К А З» in a scan can come back as a made-up word
    text = ("Департамент образования администрации\nгорода Лесногорска\n\nГРИВА\n\n"
            "11.02.2025 № 2.09-1186/25\n\nг. Лесногорск\n\nО плане мероприятий\n\n"
            "приказываю:\n1. Утвердить план.\n2. Контроль оставляю за собой.\n\nДиректор департамента\nМ.Л. Рогова\n")
    res = extract(text.encode(), "order.txt")
    o = res.order
    assert (o.doc_type, o.date, o.number, o.place) == ("приказ", "2025-02-11", "2.09-1186/25", "г. Лесногорск")
    assert o.issuer == "Департамент образования администрации города Лесногорска"
    assert any("«ГРИВА»" in w for w in res.warnings)
