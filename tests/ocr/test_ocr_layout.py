"""OCR words to blocks: paragraphs with gaps, words in the right table cells, page-break joins."""

from __future__ import annotations

import shutil

import pytest

from ocr_testpages import table_page, text_page
from shnor_docs.document import Cell, Paragraph, Provenance, Table
from shnor_docs.ocr.base import Word
from shnor_docs.ocr.layout import merge_continued_tables, text_lines
from shnor_docs.ocr.pages import recognize_page

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


@pytest.fixture(scope="module")
def table_blocks():
    return recognize_page(table_page(), 1).blocks


@needs_tesseract
def test_text_page_paragraphs_and_gaps():
    blocks = recognize_page(text_page(), 3).blocks
    texts = [b.text for b in blocks]
    assert texts[:3] == ["ОТДЕЛ ОБРАЗОВАНИЯ ГОРОДСКОГО ОКРУГА", "ПРИКАЗ",
                         "О мерах поддержки школ с низкими результатами обучения"]
    gaps = [b.gap_before for b in blocks]
    assert gaps[:3] == [False, True, True]
    assert gaps[4] is False  # the second line of the same paragraph
    p = blocks[1]
    assert p.prov.page == 3 and p.prov.confidence > 80
    assert 250 <= p.prov.box[0] < 300


@needs_tesseract
def test_table_cells_hold_their_words(table_blocks):
    tables = [b for b in table_blocks if isinstance(b, Table)]
    assert len(tables) == 1
    rows = tables[0].texts()
    assert rows[0] == ["№", "Мероприятие", "Срок", "Ответственный"]
    assert rows[1] == ["1", "Анализ результатов\nдиагностики", "октябрь", "Иванова"]
    assert rows[2][1:] == ["Семинар для учителей", "ноябрь", "Петров"]
    assert rows[3] == ["Раздел второй. Работа с родителями"]
    assert tables[0].rows[3][0].span == 4
    assert rows[4][1:] == ["Родительское собрание", "декабрь", "Сидорова"]
    cell = tables[0].rows[1][1]
    assert cell.prov.page == 1 and cell.prov.confidence > 80


@needs_tesseract
def test_table_words_are_not_paragraphs_and_order_is_kept(table_blocks):
    paras = [b.text for b in table_blocks if isinstance(b, Paragraph)]
    assert not any("Семинар" in p or "Иванова" in p for p in paras)
    kinds = [type(b).__name__ for b in table_blocks]
    assert kinds.index("Table") == 3  # after the three header lines, before the signature
    assert "Смирнова" in table_blocks[-1].text


def _table(page: int, xs: list[float], rows: list[list[str]]) -> Table:
    def row(texts):
        return [Cell(t, Provenance(page, (xs[i], 0, xs[i + 1], 10), 90)) for i, t in enumerate(texts)]
    return Table(rows=[row(r) for r in rows], prov=Provenance(page, (xs[0], 0, xs[-1], 10)), pages=[page])


def test_continued_table_is_joined_and_repeated_header_dropped():
    xs = [50, 100, 300, 400]
    first = _table(1, xs, [["№", "Мероприятие", "Срок"], ["1", "Первое", "май"]])
    cont = _table(2, [51, 101, 302, 399], [["№", "Мероприятие", "Срок"], ["2", "Второе", "июнь"]])
    pages = {1: [Paragraph("Текст"), first], 2: [Paragraph("2"), cont, Paragraph("Подпись")]}
    merge_continued_tables(pages)
    assert first.texts() == [["№", "Мероприятие", "Срок"], ["1", "Первое", "май"], ["2", "Второе", "июнь"]]
    assert first.pages == [1, 2]
    assert [b.text for b in pages[2]] == ["2", "Подпись"]


def test_table_over_three_pages_is_one_table_and_ocr_variants_of_the_header_go():
    xs = [50, 100, 300, 400]
    first = _table(1, xs, [["№ п/п", "Мероприятие", "Срок"], ["1", "Первое", "май"]])
    # the repeated header read differently by OCR on each page
    second = _table(2, xs, [["№\nп/п", "Мероприятие", "Срок"], ["2", "Второе", "июнь"]])
    third = _table(3, xs, [["№ п/", "Мероприятне", "Срок"], ["3", "Третье", "июль"]])
    pages = {1: [first], 2: [Paragraph("2"), second], 3: [Paragraph("3"), third, Paragraph("Подпись")]}
    merge_continued_tables(pages)
    assert [r[0] for r in first.texts()] == ["№ п/п", "1", "2", "3"]
    assert first.pages == [1, 2, 3]
    assert [b.text for b in pages[2]] == ["2"] and [b.text for b in pages[3]] == ["3", "Подпись"]


def test_tables_with_other_columns_stay_apart():
    first = _table(1, [50, 100, 300, 400], [["1", "а", "б"]])
    other = _table(2, [50, 250, 400], [["x", "y"]])
    pages = {1: [first], 2: [other]}
    merge_continued_tables(pages)
    assert len(first.rows) == 1 and pages[2] == [other]


def test_text_lines_orders_words_inside_a_cell():
    ws = [Word("второй", (10, 60, 80, 90), 90), Word("строка", (90, 12, 150, 40), 90),
          Word("Первая", (10, 10, 80, 40), 90)]
    assert [[w.text for w in line] for line in text_lines(ws)] == [["Первая", "строка"], ["второй"]]
