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
