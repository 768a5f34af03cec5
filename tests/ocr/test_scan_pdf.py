"""Scanned (image-only) PDFs through ``ocr_pdf_pages``."""

from __future__ import annotations

import shutil

import pytest

from ocr_testpages import HEADER, ROWS, pdf_bytes, table_page, tables_page, text_page
from shnor_docs.backends.scan import ocr_pdf_pages
from shnor_docs.document import Paragraph, Table
from shnor_docs.errors import CorruptInput

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


def test_two_page_scan_blocks_per_page_in_points():
    data = pdf_bytes(text_page(), table_page())
    warnings: list[str] = []
    out = ocr_pdf_pages(data, "scan.pdf", [0, 1], warnings=warnings)
    assert sorted(out) == [0, 1]
    first = out[0][0]
    assert isinstance(first, Paragraph) and first.text == "ОТДЕЛ ОБРАЗОВАНИЯ ГОРОДСКОГО ОКРУГА"
    assert first.prov.page == 1
    # drawn at x = 260 px of a 300-dpi page: 62.4 pt
    assert first.prov.box[0] == pytest.approx(62.4, abs=3)
    (table,) = [b for b in out[1] if isinstance(b, Table)]
    assert table.pages == [2]
    assert table.texts()[0] == HEADER and table.texts()[3] == ["Раздел второй. Работа с родителями"]
    assert warnings == []


def test_only_the_asked_pages_are_read():
    data = pdf_bytes(text_page(), table_page())
    out = ocr_pdf_pages(data, "scan.pdf", [1])
    assert list(out) == [1]
    assert out[1][0].prov.page == 2


def test_table_continued_on_next_page_is_one_table():
    second = tables_page(rows=[["4", "Итоговый педсовет", "май", "Кузнецова"]], note="2")
    out = ocr_pdf_pages(pdf_bytes(tables_page(), second), "scan.pdf", [0, 1])
    (table,) = [b for b in out[0] if isinstance(b, Table)]
    assert table.pages == [1, 2]
    assert len(table.rows) == 1 + len(ROWS) + 1  # the repeated header was dropped
    assert table.texts()[-1][1:] == ["Итоговый педсовет", "май", "Кузнецова"]
    assert not any(isinstance(b, Table) for b in out[1])
    # the lone digits of the number column (a short doubtful cell is read again on its own)
    assert [r[0] for r in table.texts()[1:] if len(r) > 1] == ["1", "2", "3", "4"]


def test_missing_page_and_broken_pdf():
    data = pdf_bytes(text_page())
    with pytest.raises(CorruptInput, match="page 5 does not exist"):
        ocr_pdf_pages(data, "scan.pdf", [4])
    with pytest.raises(CorruptInput, match="bad.pdf"):
        ocr_pdf_pages(b"%PDF-1.4\n garbage", "bad.pdf", [0])
