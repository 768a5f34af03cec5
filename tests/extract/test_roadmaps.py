"""Roadmap items from a plan written for the tests: what the stage warns about."""

from __future__ import annotations

from shnor_docs.api import extract

PLAN = """ПЛАН МЕРОПРИЯТИЙ
по сопровождению школ на 2023 год

№\tМероприятие\tСрок\tОтветственный
1\tСеминар для заместителей директоров\tфевраль\tметодисты центра
2\tВыезды в школы\tк 45 числу\tметодисты центра
3\tСовещание\tпо мере необходимости\tметодисты центра
"""


def test_unreadable_deadline_is_named_in_warnings() -> None:
    r = extract(PLAN.encode(), "plan.txt")
    items = r.roadmaps[0].items
    assert (items[0].deadline.start, items[0].deadline.end) == ("2023-02-01", "2023-02-28")
    assert items[2].deadline.recurrence == "on_event"
    # figures that make no date: flagged; a deadline that is words only is not
    assert r.warnings == ["roadmaps[0].items[1].deadline: could not read a date in «к 45 числу»"]


# A converter repeated a merged «responsible» cell: rows are one cell wider than the header, and
# the result stands in a column without a heading.
REPEATED = """ПЛАН МЕРОПРИЯТИЙ
по сопровождению школ на 2024 год

№\tМероприятие\tСрок\tОтветственные\tРезультат
1\tАнкетирование родителей\tмарт\tзаместители директоров\tзаместители директоров\tСправка по итогам
2\tМетодический день\tапрель\tметодисты центра\tметодисты центра\tПротокол
3\tСобеседование с учителями\tмай\tруководители школ\tПлан работы\t
"""


def test_repeated_cell_does_not_push_the_result_out():
    items = extract(REPEATED.encode(), "plan.txt").roadmaps[0].items
    assert [(i.number, i.result) for i in items] == [("1", "Справка по итогам"), ("2", "Протокол"),
                                                    ("3", "План работы")]
    assert [r.org for r in items[0].responsible] == ["заместители директоров"]


SPLIT_UNDER_HEADER = """ПЛАН МЕРОПРИЯТИЙ

\tМероприятие\tСрок\tОтветственный
\tпо итогам олимпиады\tпо отдельному графику\tотдела образования
1\tСовещание директоров\tянварь\tначальник отдела
"""


def test_lower_case_row_after_the_header_is_not_a_second_header_line():
    rm = extract(SPLIT_UNDER_HEADER.encode(), "plan.txt").roadmaps[0]
    assert rm.columns == ["", "Мероприятие", "Срок", "Ответственный"]
    assert rm.items[-1].action == "Совещание директоров"


def test_header_row_test_rejects_a_lower_case_tail():
    from shnor_docs.tables.roadmap import is_header_row

    assert is_header_row(["№", "Мероприятие", "Срок", "Ответственный"])
    assert not is_header_row(["", "сессий для кураторов", "(не позднее 10 января)", "отдела образования"])


def _numbers(nums, sections=None):
    from shnor_docs.extract.roadmaps import repair_numbers
    from shnor_docs.records import RoadmapItem

    items = [RoadmapItem(action="мероприятие", number=n, section=(sections or {}).get(i)) for i, n in enumerate(nums)]
    repair_numbers(items)
    return [it.number for it in items]


def test_scan_numbers_misread_in_a_run_are_counted_through():
    # a lone misreading between agreeing neighbours, and several in a row
    assert _numbers(["1", "2", "З", "4"]) == ["1", "2", "3", "4"]
    assert _numbers([None, "аа", "203", "204", "го", "2.6", "2.7"]) == ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7"]
    # a run is not counted across a section: the item under the new section counts back from its own
    secs = {0: "1. Первый раздел", 1: "1. Первый раздел", 2: "2. Второй раздел", 3: "2. Второй раздел"}
    assert _numbers(["1.1", "1.2", "ви", "2.2"], secs) == ["1.1", "1.2", "2.1", "2.2"]
