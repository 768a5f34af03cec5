"""Builders of real DOCX and PDF files for the backend tests (python-docx, reportlab, LibreOffice)."""

from __future__ import annotations

import os
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

# the ruled table used in several tests: a header, numbered rows, one row long enough to split
HEADER = ["№", "Мероприятие", "Срок", "Ответственный"]


def plan_rows(n: int) -> list[list[str]]:
    rows = []
    for i in range(1, n + 1):
        what = f"Проведение семинара для учителей школы номер {i} по вопросам качества обучения"
        rows.append([f"{i}.", what, f"до {i % 28 + 1:02d}.05.2024", f"Иванова А.{chr(0x410 + i % 20)}., методист"])
    return rows


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(*docx: Path, outdir: Path) -> list[Path]:
    """Convert with LibreOffice (one run for all files) in a private profile, since parallel
    runs would fight over one."""
    exe = soffice()
    assert exe, "soffice missing"
    profile = f"file:///tmp/lo_profile_{os.getpid()}"
    subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), *map(str, docx)], check=True, capture_output=True, timeout=300)
    out = [outdir / (d.stem + ".pdf") for d in docx]
    missing = [p.name for p in out if not p.exists()]
    assert not missing, f"LibreOffice produced no PDF for {missing}"
    return out


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DV" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DV", str(FONT)))
        pdfmetrics.registerFont(TTFont("DV-Bold", str(FONT_BOLD)))
    return "DV", "DV-Bold"


def reportlab_order_pdf(n_rows: int = 40, *, encrypt: str | None = None, pages_of_text: int = 0,
                        split_row: bool = True) -> bytes:
    """An order as reportlab lays it out: a centred bold title, numbered directives wrapping over
    lines, a page number in the footer, and a ruled table that runs over a page break with its
    header repeated (``repeatRows=1``) and a row split by the break (``splitInRow=1``)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=12, leading=15, firstLineIndent=12 * mm,
                          alignment=4)
    title = ParagraphStyle("title", fontName=bold, fontSize=13, leading=16, alignment=1, spaceAfter=10)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=10, leading=12)
    story = [Paragraph("ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ РАЙОНА", title),
             Paragraph("ПРИКАЗ", title),
             Paragraph("12.03.2024 № 57", ParagraphStyle("n", parent=body, firstLineIndent=0, spaceAfter=8)),
             Paragraph("1. Утвердить план мероприятий по поддержке школ с низкими образовательными "
                       "результатами на 2024 год согласно приложению к настоящему приказу, а также "
                       "обеспечить его исполнение в установленные сроки.", body),
             Paragraph("2. Контроль исполнения приказа оставляю за собой.", body),
             Spacer(1, 8)]
    subjects = ["математике", "русскому языку", "физике", "химии", "биологии", "истории", "географии",
                "литературе", "информатике", "обществознанию"]
    for k in range(pages_of_text):
        story.append(PageBreak())
        for j in range(28):
            story.append(Paragraph(f"{j + 1}. Раздел по {subjects[k % 10]}: проведение мероприятий по повышению качества "
                                   "образования в школах района, обсуждение результатов оценочных "
                                   "процедур и подготовка методических рекомендаций.", body))
    long_text = " ".join(["Длинное описание мероприятия, которое занимает много строк в ячейке"] * 14)
    data = [[Paragraph(x, cell) for x in HEADER]]
    for r in plan_rows(n_rows):
        data.append([Paragraph(x, cell) for x in r])
    if split_row:
        at = min(len(data) - 1, 24)
        data[at][1] = Paragraph(long_text, cell)
    table = Table(data, colWidths=[12 * mm, 85 * mm, 30 * mm, 45 * mm], repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(table)
    story.append(Paragraph("Начальник отдела образования А.Б. Петрова", body))

    def footer(canvas, doc_) -> None:
        canvas.setFont(regular, 9)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, str(doc_.page))

    buf = BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=25 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                      bottomMargin=20 * mm, encrypt=encrypt, title="order").build(
        story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def reportlab_canvas_pdf(text_lines: list[str], *, font: str = "DV", encrypt: str | None = None) -> bytes:
    """A one-page PDF holding ``text_lines`` (Helvetica for a Latin-only layer)."""
    from reportlab.pdfgen import canvas

    _fonts()
    buf = BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    c.setFont(font, 12)
    y = 780
    for line in text_lines:
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


def blank_pdf() -> bytes:
    """A one-page PDF with no text at all (what a scan without a text layer looks like)."""
    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf)
    c.rect(100, 100, 200, 200)
    c.showPage()
    c.save()
    return buf.getvalue()


def _repeat_header(row) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def write_order_docx(path: Path, n_rows: int = 45) -> Path:
    """An order as Word writes it: centred bold heading, numbered directives, a table with a
    section row merged across, a vertically merged number cell, a long table whose header row
    repeats on every page and one very long row, and a landscape section with a wide table."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    for text in ("КОМИТЕТ ПО ОБРАЗОВАНИЮ", "ПРИКАЗ"):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = True
    d.add_paragraph("14.11.2023\t\t\t\t\t\t№ 902")
    for text in ("Утвердить план работы со школами, показывающими низкие образовательные результаты, "
                 "на 2023-2024 учебный год согласно приложению.",
                 "Контроль исполнения настоящего приказа оставляю за собой."):
        d.add_paragraph(text, style="List Number")
    t = d.add_table(rows=4, cols=4)
    t.style = "Table Grid"
    for i, h in enumerate(HEADER):
        t.cell(0, i).text = h
    t.cell(1, 0).merge(t.cell(1, 3)).text = "Раздел I. Диагностика"
    t.cell(2, 0).merge(t.cell(3, 0)).text = "1."
    t.cell(2, 1).text = "Анкетирование педагогов"
    t.cell(3, 1).text = "Анализ анкет"
    t.cell(2, 2).text = "сентябрь"
    t.cell(3, 2).text = "октябрь"
    t.cell(2, 3).text = "Кузнецова Т.Т."
    t.cell(3, 3).text = "Кузнецова Т.Т."
    d.add_paragraph("План мероприятий").alignment = WD_ALIGN_PARAGRAPH.CENTER
    rows = plan_rows(n_rows)
    rows[30][1] = " ".join(["Длинное описание мероприятия, которое занимает много строк"] * 40)
    big = d.add_table(rows=n_rows + 1, cols=4)
    big.style = "Table Grid"
    _repeat_header(big.rows[0])
    for i, h in enumerate(HEADER):
        big.cell(0, i).text = h
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            big.cell(r, c).text = text
    section = d.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    wide = d.add_table(rows=3, cols=6)
    wide.style = "Table Grid"
    for r in range(3):
        for c in range(6):
            wide.cell(r, c).text = f"Столбец {c + 1}" if r == 0 else f"значение {r}.{c + 1}"
    d.add_paragraph("Председатель комитета\t\t\t\tН.Н. Волкова")
    d.save(path)
    return path


def write_blocks_docx(blocks: list, path: Path) -> Path:
    """A .docx holding parsed blocks: paragraphs as paragraphs, tables on a full grid, a one-cell
    row merged across the table."""
    import docx

    from shnor_docs.document import Paragraph

    d = docx.Document()
    for b in blocks:
        if isinstance(b, Paragraph):
            d.add_paragraph().add_run(b.text).bold = b.bold
            continue
        n = max(len(r) for r in b.rows)
        t = d.add_table(rows=len(b.rows), cols=n)
        t.style = "Table Grid"
        for i, row in enumerate(b.rows):
            if len(row) == 1 and n > 1:
                t.cell(i, 0).merge(t.cell(i, n - 1)).text = row[0].text
            else:
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell.text
    d.save(path)
    return path
