"""Renderers: text round trip on the seeds, DOCX tables (merged sections once, header row, landscape
annex, continuation rows merged), PDF through LibreOffice or ReportLab, scans."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from corpora.generate import generate_one
from corpora.render import (merge_continuations, pdf_page_count, render_docx, render_pdf,
                            render_pdf_reportlab, render_scan, render_txt)
from shnor_docs.backends.text import parse_lines
from shnor_docs.document import Cell, Document, Paragraph, Table

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / ".." / "shared" / "seeds"


def _doc(blocks) -> Document:
    return Document(file="x.txt", media_type="text/plain", sha256="", blocks=blocks)


def _small() -> Document:
    rows = [[Cell("№"), Cell("Мероприятия"), Cell("Сроки"), Cell("Ответственные")],
            [Cell("Организационный раздел", span=4)],
            [Cell("1."), Cell("Совещание директоров школ"), Cell("март 2022"), Cell("И.Б. Петрова, методист\nМОЦ")],
            [Cell("2."), Cell("Анализ результатов проверочных"), Cell("апрель"), Cell("Отдел образования")],
            [Cell(""), Cell("работ по математике"), Cell("2022"), Cell("")]]
    body = [Paragraph(f"{k}. Пункт распорядительной части номер {k}.") for k in range(1, 6)]
    return _doc([Paragraph("ПРИКАЗ", bold=True, centered=True), Paragraph("О плане работы", gap_before=True),
                 *body, Paragraph("Приложение", gap_before=True), Table(rows=rows)])


def test_merge_continuations_joins_cells():
    rows = merge_continuations(_small().blocks[-1])
    assert rows[1] == ["Организационный раздел"]
    assert rows[3][1] == "Анализ результатов проверочных работ по математике"
    assert rows[3][2] == "апрель 2022"
    assert len(rows) == 4


def test_render_txt_format():
    txt = render_txt(_small())
    lines = txt.splitlines()
    assert "**ПРИКАЗ**" in lines
    assert "Организационный раздел\t\t\t" in lines
    i = lines.index("\tработ по математике\t2022\t")
    assert lines[i - 1] == ""  # the page-break continuation row follows a blank line
    assert "И.Б. Петрова, методист МОЦ" in txt


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
def test_seed_text_round_trips_table_rows():
    for seed in sorted(SEEDS.glob("*.txt")):
        blocks = parse_lines(seed.read_text(encoding="utf-8"))
        again = parse_lines(render_txt(_doc(blocks)))
        rows = [len(b.rows) for b in blocks if isinstance(b, Table)]
        assert rows == [len(b.rows) for b in again if isinstance(b, Table)], seed.name


def test_docx_section_row_merged_once_and_header_repeats(tmp_path):
    import docx

    path = tmp_path / "a.docx"
    render_docx(_small(), path)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert xml.count("Организационный раздел") == 1
    assert "w:gridSpan" in xml and "w:tblHeader" in xml
    assert 'w:orient="landscape"' in xml
    d = docx.Document(str(path))
    t = d.tables[0]
    assert len(t.rows) == 4  # continuation row merged back
    assert t.style.name == "Table Grid"
    cell = t.rows[2].cells[3]
    assert [p.text for p in cell.paragraphs] == ["И.Б. Петрова, методист", "МОЦ"]


def test_docx_table_without_borders(tmp_path):
    import docx
    from docx.oxml.ns import qn

    path = tmp_path / "b.docx"
    render_docx(_small(), path, borders=False)
    t = docx.Document(str(path)).tables[0]
    (borders,) = t._tbl.tblPr.findall(qn("w:tblBorders"))
    assert {el.tag.split("}")[1]: el.get(qn("w:val")) for el in borders} == {
        side: "nil" for side in ("top", "left", "bottom", "right", "insideH", "insideV")}
    assert [c.text for c in t.rows[2].cells][:3] == ["1.", "Совещание директоров школ", "март 2022"]


def test_docx_reads_back_through_the_backend(tmp_path):
    from shnor_docs.api import load_document

    _, doc, gold = generate_one(1, 12)
    path = tmp_path / "g.docx"
    render_docx(doc, path)
    back = load_document(str(path))
    tables = [b for b in back.blocks if isinstance(b, Table)]
    assert len(tables) == len(gold["roadmaps"])
    for t, rm in zip(tables, gold["roadmaps"]):
        sections = {i["section"] for i in rm["items"] if i["section"]}
        assert len(t.rows) == 1 + len(rm["items"]) + len(sections)


def test_reportlab_pdf_has_text_and_pages(tmp_path):
    pytest.importorskip("reportlab")
    import pypdfium2 as pdfium

    _, doc, gold = generate_one(2, 12)
    pdf = tmp_path / "r.pdf"
    render_pdf_reportlab(doc, pdf)
    n = pdf_page_count(pdf)
    assert n >= 1
    text = "".join(pdfium.PdfDocument(str(pdf))[i].get_textpage().get_text_range() for i in range(n))
    assert gold["order"]["number"] in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_soffice_pdf_and_scan(tmp_path):
    from PIL import Image

    docx_path, pdf = tmp_path / "s.docx", tmp_path / "s.pdf"
    render_docx(_small(), docx_path)
    render_pdf(docx_path, pdf)
    assert pdf_page_count(pdf) >= 2  # portrait order page + landscape annex
    png = tmp_path / "s.png"
    render_scan(pdf, png, damage="heavy", seed=1, fmt="png")
    im = Image.open(png)
    assert abs(im.size[0] - 150 / 72 * 595) < 60 or abs(im.size[1] - 150 / 72 * 595) < 60
    scan_pdf = tmp_path / "s.scan.pdf"
    render_scan(pdf, scan_pdf, damage="light", seed=2, dpi=100, fmt="pdf")
    assert pdf_page_count(scan_pdf) == pdf_page_count(pdf)
