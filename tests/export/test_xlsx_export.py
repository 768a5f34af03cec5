"""The workbook: one sheet per table, bold frozen header, autofilter, widths from the content."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from shnor_docs.export.xlsx import MAX_WIDTH, write_xlsx


def test_workbook_layout(tmp_path: Path):
    path = tmp_path / "book.xlsx"
    long_text = "Организация методического сопровождения педагогов " * 4
    write_xlsx(path, [
        ("orders", ["file", "title", "pages"], [{"file": "а.txt", "title": long_text, "pages": 3},
                                                {"file": "б.txt", "title": "О плане\x07", "pages": None}]),
        ("schools", ["file", "name"], []),
    ])
    wb = load_workbook(path)
    assert wb.sheetnames == ["orders", "schools"]
    ws = wb["orders"]
    assert [c.value for c in ws[1]] == ["file", "title", "pages"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:C3"
    assert ws["B2"].value == long_text and ws["C2"].value == 3
    assert ws["B3"].value == "О плане"  # a control character Excel refuses is dropped
    assert ws.column_dimensions["B"].width == MAX_WIDTH
    assert ws.column_dimensions["A"].width < 10
    assert ws["B2"].alignment.wrap_text
    assert wb["schools"].auto_filter.ref == "A1:B1" and wb["schools"].max_row == 1
    assert not list(tmp_path.glob("*.part"))
