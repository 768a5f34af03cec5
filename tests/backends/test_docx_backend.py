"""The DOCX backend on real .docx files written with python-docx."""

from __future__ import annotations

import zipfile
from io import BytesIO

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from shnor_docs.backends import load_bytes
from shnor_docs.backends.docx import format_number
from shnor_docs.document import Paragraph, Table

W = nsdecls("w")


def _bytes(d) -> bytes:
    buf = BytesIO()
    d.save(buf)
    return buf.getvalue()


def _add_decimal_list(d, num_id: int) -> None:
    """A two-level decimal list definition («1.», «1.1.») in the numbering part."""
    numbering = d.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="{num_id + 100}">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%3)"/></w:lvl>'
        '</w:abstractNum>')
    # abstractNum elements must precede num elements
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{num_id + 100}"/></w:num>'))


def _number(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


@pytest.fixture(scope="module")
def order_doc():
    d = docx.Document()
    title = d.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ")
    run.bold = True
    run.add_break()
    title.add_run("ГОРОДСКОГО ОКРУГА").bold = True
    d.add_paragraph("")
    d.add_paragraph("05.02.2024\t\t\t\t\t№ 118")
    d.add_paragraph("приказываю:")
    _add_decimal_list(d, 77)
    for text, level in [("Утвердить план мероприятий.", 0), ("Назначить кураторов:", 0),
                        ("в школе № 3;", 1), ("в школе № 7.", 1), ("Провести семинар.", 0),
                        ("для директоров", 2)]:
        _number(d.add_paragraph(text), 77, level)

    t = d.add_table(rows=6, cols=4)
    t.style = "Table Grid"
    for i, h in enumerate(["№", "Мероприятие", "Срок", "Ответственный"]):
        t.cell(0, i).text = h
    t.cell(1, 0).merge(t.cell(1, 3)).text = "Раздел 1. Работа с кадрами"
    t.cell(2, 0).merge(t.cell(3, 0)).text = "1.1."
    t.cell(2, 1).text = "Курсы повышения квалификации"
    t.cell(3, 1).text = "для учителей математики"
    t.cell(2, 2).merge(t.cell(2, 3)).text = "весь год"
    t.cell(3, 2).text = "март"
    t.cell(3, 3).text = "Сидорова В.В."
    nested = t.cell(4, 3).add_table(rows=2, cols=2)
    nested.cell(0, 0).text = "Орлова Е.Е."
    nested.cell(0, 1).text = "директор"
    nested.cell(1, 0).text = "Белов Д.Д."
    t.cell(4, 1).text = "Первая строка\nвторая строка"
    _number(t.cell(4, 0).paragraphs[0], 77, 0)
    t.cell(4, 0).paragraphs[0].add_run("")  # numbered empty cell: the label alone is its text
    t.cell(5, 1).text = "без номера"

    d.add_paragraph("Текст между таблицами")
    section = d.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    t2 = d.add_table(rows=2, cols=6)
    for j in range(6):
        t2.cell(0, j).text = f"Колонка {j + 1}"
        t2.cell(1, j).text = f"значение {j + 1}"
    d.add_paragraph("Начальник управления\tА.А. Смирнова")
    return load_bytes(_bytes(d), "order.docx")


def test_body_order_interleaves_paragraphs_and_tables(order_doc):
    kinds = ["T" if isinstance(b, Table) else "P" for b in order_doc.blocks]
    assert "".join(kinds) == "PPPPP" "P" "PPPPP" "T" "P" "T" "PP"
    assert order_doc.media_type.endswith("wordprocessingml.document")


def test_line_breaks_split_and_hints(order_doc):
    first, second = order_doc.blocks[:2]
    assert (first.text, second.text) == ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ", "ГОРОДСКОГО ОКРУГА")
    assert first.bold and first.centered and second.bold and second.centered
    assert first.gap_before and not second.gap_before


def test_tab_spacer_parts_date_and_number(order_doc):
    texts = [b.text for b in order_doc.blocks if isinstance(b, Paragraph)]
    i = texts.index("05.02.2024")
    assert texts[i + 1] == "№ 118"
    assert order_doc.blocks[2].gap_before  # the empty paragraph before it
    assert "Начальник управления" in texts and "А.А. Смирнова" in texts


def test_list_numbers_rebuilt(order_doc):
    texts = [b.text for b in order_doc.blocks if isinstance(b, Paragraph)]
    start = texts.index("приказываю:") + 1
    assert texts[start:start + 6] == [
        "1. Утвердить план мероприятий.", "2. Назначить кураторов:", "2.1. в школе № 3;",
        "2.2. в школе № 7.", "3. Провести семинар.", "а) для директоров"]


def test_merged_cells_once_with_span(order_doc):
    table = next(order_doc.tables())
    rows = table.texts()
    assert rows[0] == ["№", "Мероприятие", "Срок", "Ответственный"]
    assert rows[1] == ["Раздел 1. Работа с кадрами"] and table.rows[1][0].span == 4
    assert rows[2] == ["1.1.", "Курсы повышения квалификации", "весь год"]
    assert [c.span for c in table.rows[2]] == [1, 1, 2]
    assert rows[3] == ["", "для учителей математики", "март", "Сидорова В.В."]  # vertical merge: empty


def test_nested_table_flattened_and_cell_lines_kept(order_doc):
    rows = next(order_doc.tables()).texts()
    assert rows[4][1] == "Первая строка\nвторая строка"
    assert rows[4][3] == "Орлова Е.Е. директор\nБелов Д.Д."
    assert rows[4][0] == "4."  # the list continues in the table's numbered first column
    assert rows[5] == ["", "без номера", "", ""]


def test_landscape_section_table(order_doc):
    wide = list(order_doc.tables())[1]
    assert wide.texts() == [[f"Колонка {j}" for j in range(1, 7)], [f"значение {j}" for j in range(1, 7)]]


def test_page_count_from_app_properties():
    d = docx.Document()
    d.add_paragraph("Приказ")
    src = zipfile.ZipFile(BytesIO(_bytes(d)))
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in src.namelist():
            data = src.read(name)
            if name == "docProps/app.xml":
                data = (b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
                        b'officeDocument/2006/extended-properties"><Pages>3</Pages></Properties>')
            z.writestr(name, data)
    doc = load_bytes(out.getvalue(), "three.docx")
    assert doc.pages == 3
    assert [b.text for b in doc.blocks] == ["Приказ"]


def test_style_bold_and_alignment_inherited():
    d = docx.Document()
    style = d.styles["Title"]
    style.font.bold = True
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("ПРИКАЗ", style="Title")
    d.add_paragraph("обычный текст")
    doc = load_bytes(_bytes(d), "styled.docx")
    title, body = doc.blocks
    assert (title.bold, title.centered) == (True, True)
    assert (body.bold, body.centered) == (False, False)


@pytest.mark.parametrize("n, fmt, expected", [
    (1, "decimal", "1"), (12, "decimal", "12"), (3, "decimalZero", "03"), (4, "lowerRoman", "iv"),
    (9, "upperRoman", "IX"), (2, "lowerLetter", "b"), (27, "lowerLetter", "aa"), (1, "russianLower", "а"),
    (6, "russianLower", "е"), (9, "russianLower", "и"), (10, "russianLower", "к"), (3, "russianUpper", "В"),
    (1, "bullet", None), (5, "none", ""),
])
def test_format_number(n, fmt, expected):
    assert format_number(n, fmt) == expected
