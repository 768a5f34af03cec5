"""References to other documents found in running text, as a scan's lines break them."""

from __future__ import annotations

from shnor_docs.extract.references import find_references


def test_a_date_broken_by_a_line_end_keeps_its_number():
    text = ("В соответствии с приказом министерства образования края от 19\n"
            "июля 2020 г. № 4.06-1586/20 «О мерах по повышению объективности»\n")
    (ref,) = find_references(text)
    assert (ref.doc_type, ref.date, ref.number) == ("приказ", "2020-07-19", "4.06-1586/20")
    assert ref.title == "О мерах по повышению объективности"

