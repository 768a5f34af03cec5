"""Render a shnor_docs :class:`~shnor_docs.document.Document` to the formats the pipeline reads.

Every function takes the same working document the backends produce, so a generated document
and a real seed parsed with ``shnor_docs.backends.text.parse_lines`` are rendered alike:

* :func:`render_txt` — the seeds' text format (tables as tab rows, page-split continuation rows
  after a blank line);
* :func:`render_docx` — a Word file with real bordered tables, merged section rows, a repeating
  header row, the annex in a landscape section;
* :func:`render_pdf` — that DOCX through LibreOffice; :func:`render_pdf_reportlab` — a fallback
  PDF drawn directly with ReportLab;
* :func:`render_scan` — a PDF rasterised and damaged like a scan (skew, blur, noise, specks,
  JPEG artefacts, a stamp and a signature), saved as an image-only PDF, a TIFF or a PNG.
"""

from __future__ import annotations

import io
import logging
import os
import random
import re
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from shnor_docs.document import Cell, Document, Paragraph, Table

log = logging.getLogger("shnor_docs")

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class RenderError(RuntimeError):
    """A rendering tool is missing or failed (the message names the tool and the file)."""


# --------------------------------------------------------------------------- table shape helpers

def _ncols(table: Table) -> int:
    return max((sum(c.span for c in row) for row in table.rows), default=1)


def is_section_row(row: list[Cell], ncols: int) -> bool:
    """A row holding one cell across a multi-column table (a section heading of a roadmap)."""
    return ncols > 1 and len(row) == 1 and bool(row[0].text.strip())


def is_continuation_row(row: list[Cell], index: int) -> bool:
    """A row split off its predecessor by a page break: empty first cell, some text after it."""
    return index > 0 and len(row) > 1 and not row[0].text.strip() and any(c.text.strip() for c in row[1:])


def merge_continuations(table: Table) -> list[list[str]]:
    """The table's rows as strings, continuation rows joined back into the row above cell by cell
    (what the row looked like before the page break split it)."""
    out: list[list[str]] = []
    ncols = _ncols(table)
    for i, row in enumerate(table.rows):
        texts = [c.text for c in row]
        prev_is_data = bool(out) and len(out[-1]) > 1 and i > 1
        if is_continuation_row(row, i) and prev_is_data:
            prev = out[-1]
            prev.extend([""] * (len(texts) - len(prev)))
            for j, t in enumerate(texts):
                if t.strip():
                    prev[j] = f"{prev[j]} {t}".strip() if prev[j].strip() else t
            continue
        if is_section_row(row, ncols):
            out.append([texts[0]])
        else:
            out.append(texts)
    return out


# --------------------------------------------------------------------------- text

def render_txt(doc: Document) -> str:
    """The document in the seeds' text format: a paragraph per line, a blank line for a gap,
    bold paragraphs in ``**``, tables as tab-separated rows, section rows padded with tabs to the
    table's width, a page-split continuation row preceded by a blank line."""
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            if b.gap_before and out and out[-1] != "":
                out.append("")
            text = " ".join(b.text.split())
            out.append(f"**{text}**" if b.bold and text else text)
            continue
        if out and out[-1] != "":
            out.append("")
        ncols = _ncols(b)
        for i, row in enumerate(b.rows):
            cells = [" ".join(c.text.split()) for c in row]
            if is_section_row(row, ncols):
                out.append(cells[0] + "\t" * (ncols - 1))
                continue
            if is_continuation_row(row, i) and out and out[-1] != "":
                out.append("")
            line = "\t".join(cells)
            if "\t" not in line:  # a one-cell row must still read as a row
                line += "\t"
            out.append(line)
        out.append("")
    return "\n".join(out).strip("\n") + "\n"


# --------------------------------------------------------------------------- DOCX

def _set_repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _fill_cell(cell, text: str, *, bold: bool = False, size: float | None = None) -> None:
    from docx.shared import Pt

    lines = [ln.strip() for ln in text.split("\n") if ln.strip()] or [""]
    for k, line in enumerate(lines):
        par = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        run = par.add_run(line)
        run.bold = bold
        if size:
            run.font.size = Pt(size)


def _col_weights(header: list[str], ncols: int) -> list[float]:
    weights = []
    for j in range(ncols):
        h = header[j].lower() if j < len(header) else ""
        if j == 0 and (not h.strip() or "№" in h):
            weights.append(0.6)
        elif any(w in h for w in ("мероприят", "содержание", "наименование", "показател")):
            weights.append(4.0)
        else:
            weights.append(2.0)
    return weights


def _landscape_start(blocks: list, first_table: int) -> int:
    """Index of the block where the annex (landscape part) starts: the «Приложение» line before
    the first table, else the bold heading right above it."""
    for k in range(first_table - 1, max(-1, first_table - 12), -1):
        b = blocks[k]
        if isinstance(b, Paragraph) and b.text.strip().lower().startswith(("приложение", "утверждаю", "утверждено",
                                                                            "утверждена")):
            return k
    k = first_table
    while k > 0 and isinstance(blocks[k - 1], Paragraph) and blocks[k - 1].bold and first_table - k < 4:
        k -= 1
    return k


def render_docx(doc: Document, path: str | Path, *, landscape_tables: bool = True,
                borders: bool = True) -> None:
    """Write ``doc`` as a .docx: paragraphs with their bold/centre hints, each table a bordered Word
    table («Table Grid») whose first row repeats on every page, section rows merged across the row,
    continuation rows merged back into the row they continue, one line per line of a cell (so the
    persons of a responsible cell stand one per line). With ``landscape_tables`` the part from the
    annex on is a landscape section; with ``borders=False`` the tables are printed without rulings
    (a plan of measures laid out in columns only, as some orders are)."""
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), "Times New Roman")
    normal.paragraph_format.space_after = Pt(0)
    sec = d.sections[0]
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(1.5), Cm(2), Cm(2)

    blocks = list(doc.blocks)
    first_table = next((i for i, b in enumerate(blocks) if isinstance(b, Table)), None)
    land_at = None
    if landscape_tables and first_table is not None:
        land_at = _landscape_start(blocks, first_table)
        if land_at <= 5:  # only a header above the annex (a stand-alone roadmap): all of it landscape
            land_at = 0
            _make_landscape(sec, WD_ORIENT)

    for i, b in enumerate(blocks):
        if land_at is not None and i == land_at and land_at > 0:
            new = d.add_section(WD_SECTION.NEW_PAGE)
            _make_landscape(new, WD_ORIENT)
        if isinstance(b, Paragraph):
            par = d.add_paragraph()
            run = par.add_run(" ".join(b.text.split()))
            run.bold = b.bold
            if b.centered:
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if b.gap_before:
                par.paragraph_format.space_before = Pt(12)
            continue
        _add_table(d, b, Cm, borders=borders)
    if blocks and isinstance(blocks[-1], Table):
        d.add_paragraph()
    d.save(str(path))
    normalise_docx(path)


def _make_landscape(section, WD_ORIENT) -> None:
    if section.orientation != WD_ORIENT.LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


def _hide_borders(wt) -> None:
    """No rulings on the table: every border of the table and between its cells set to ``nil``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = wt._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _add_table(d, table: Table, Cm, *, borders: bool = True) -> None:
    rows = merge_continuations(table)
    if not rows:
        return
    ncols = max(len(r) for r in rows)
    wt = d.add_table(rows=0, cols=ncols)
    wt.style = "Table Grid"
    if not borders:
        _hide_borders(wt)
    section = d.sections[-1]
    usable = (section.page_width - section.left_margin - section.right_margin) / 360000  # EMU → cm
    weights = _col_weights(rows[0], ncols)
    widths = [Cm(usable * w / sum(weights)) for w in weights]
    wt.autofit = False
    for j, col in enumerate(wt.columns):  # LibreOffice lays out by the grid, Word by the cells
        col.width = widths[j]
    for r_i, texts in enumerate(rows):
        row = wt.add_row()
        for j, c in enumerate(row.cells):
            c.width = widths[j]
        if len(texts) == 1 and ncols > 1:
            # merge first, then write: python-docx would repeat text written before the merge
            merged = row.cells[0].merge(row.cells[ncols - 1])
            _fill_cell(merged, texts[0], bold=True)
            continue
        for j in range(ncols):
            _fill_cell(row.cells[j], texts[j] if j < len(texts) else "", bold=(r_i == 0))
        if r_i == 0:
            _set_repeat_header(row)


# --------------------------------------------------------------------------- PDF

def render_pdf(docx_path: str | Path, pdf_path: str | Path, *, timeout: float = 240) -> None:
    """Convert a .docx to a text-layer PDF with LibreOffice (``soffice --headless``), using a
    private user profile so parallel conversions do not block each other."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RenderError(f"{Path(docx_path).name}: soffice (LibreOffice) not found; install "
                          "libreoffice-writer or use render_pdf_reportlab")
    docx_path, pdf_path = Path(docx_path), Path(pdf_path)
    with tempfile.TemporaryDirectory(prefix="shnor-lo-") as tmp:
        profile = Path(tmp) / f"profile-{uuid.uuid4().hex}"
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", tmp, str(docx_path)]
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                 env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired as e:
            raise RenderError(f"{docx_path.name}: soffice timed out after {timeout:.0f} s") from e
        made = Path(tmp) / (docx_path.stem + ".pdf")
        if run.returncode != 0 or not made.exists():
            msg = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
            raise RenderError(f"{docx_path.name}: soffice failed: {msg[0]}")
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(made), str(pdf_path))
    normalise_pdf(pdf_path)


_PDF_VOLATILE = [
    re.compile(rb"/(?:CreationDate|ModDate)\s*\(D:[^)]*\)"),
    re.compile(rb"/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]"),
    re.compile(rb"/DocChecksum\s*/[0-9A-Fa-f]+"),
]


def normalise_pdf(path: str | Path) -> None:
    """Blank the creation date, file ID and checksum of a PDF in place (same byte length, so the
    cross-reference offsets stay right): the same document then gives the same bytes."""
    path = Path(path)
    data = path.read_bytes()

    def blank(m: re.Match) -> bytes:
        text = m.group(0)
        if text.startswith((b"/CreationDate", b"/ModDate")):
            head, _, rest = text.partition(b"D:")
            digits = re.sub(rb"\d", b"0", rest)
            return head + b"D:" + b"20000101" + digits[8:] if len(rest) >= 14 else head + b"D:" + digits
        return re.sub(rb"[0-9A-Fa-f](?=[0-9A-Fa-f]*>)|(?<=/)[0-9A-Fa-f]+", lambda x: b"0" * len(x.group(0)), text)

    for rx in _PDF_VOLATILE:
        data = rx.sub(blank, data)
    path.write_bytes(data)


def normalise_docx(path: str | Path) -> None:
    """Rewrite a .docx with fixed zip timestamps and core-property dates (deterministic bytes)."""
    import zipfile

    path = Path(path)
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    fixed = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:(created|modified)>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                data = fixed.sub(lambda m: m.group(0).split(b">")[0] + b">2000-01-01T00:00:00Z</dcterms:"
                                 + m.group(1) + b">", data)
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    path.write_bytes(buf.getvalue())


def _register_dejavu() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    return "DejaVuSans", "DejaVuSans-Bold"


def render_pdf_reportlab(doc: Document, pdf_path: str | Path) -> None:
    """A text-layer PDF drawn with ReportLab (no LibreOffice needed): DejaVu Sans for Cyrillic, ruled
    tables that break across pages between rows and repeat their header row, section rows spanned."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import NextPageTemplate, PageBreak, PageTemplate, BaseDocTemplate, Frame
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Spacer
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus import TableStyle
    from xml.sax.saxutils import escape

    regular, bold = _register_dejavu()
    body = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=13)
    body_b = ParagraphStyle("bodyb", parent=body, fontName=bold)
    centre = ParagraphStyle("centre", parent=body, alignment=TA_CENTER)
    centre_b = ParagraphStyle("centreb", parent=body_b, alignment=TA_CENTER)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=10)
    cell_b = ParagraphStyle("cellb", parent=cell, fontName=bold)

    portrait_frame = Frame(2.5 * cm, 2 * cm, A4[0] - 4 * cm, A4[1] - 4 * cm, id="p")
    lw, lh = landscape(A4)
    land_frame = Frame(1.5 * cm, 1.5 * cm, lw - 3 * cm, lh - 3 * cm, id="l")
    blocks = list(doc.blocks)
    first_table = next((i for i, b in enumerate(blocks) if isinstance(b, Table)), None)
    land_at = _landscape_start(blocks, first_table) if first_table is not None else None
    templates = [PageTemplate("portrait", [portrait_frame], pagesize=A4),
                 PageTemplate("landscape", [land_frame], pagesize=landscape(A4))]
    if land_at is not None and land_at <= 5:  # as in render_docx: all of it landscape
        templates.reverse()
        land_at = None
    pdf = BaseDocTemplate(str(pdf_path), pagesize=templates[0].pagesize, pageTemplates=templates)
    story: list = []
    for i, b in enumerate(blocks):
        if land_at is not None and i == land_at:
            story += [NextPageTemplate("landscape"), PageBreak()]
        if isinstance(b, Paragraph):
            if b.gap_before:
                story.append(Spacer(1, 8))
            style = (centre_b if b.bold else centre) if b.centered else (body_b if b.bold else body)
            story.append(RLParagraph(escape(" ".join(b.text.split())) or "&nbsp;", style))
            continue
        rows = merge_continuations(b)
        ncols = max(len(r) for r in rows)
        weights = _col_weights(rows[0], ncols)
        width = lw - 3 * cm
        data, spans = [], []
        for r_i, texts in enumerate(rows):
            style = cell_b if r_i == 0 or len(texts) == 1 else cell
            line = [RLParagraph("<br/>".join(escape(x) for x in t.split("\n")), style) for t in texts]
            line += [""] * (ncols - len(line))
            if len(texts) == 1 and ncols > 1:
                spans.append(("SPAN", (0, r_i), (ncols - 1, r_i)))
            data.append(line)
        t = RLTable(data, colWidths=[width * w / sum(weights) for w in weights], repeatRows=1, splitByRow=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), *spans]))
        story += [Spacer(1, 6), t, Spacer(1, 6)]
    if not story:
        story.append(RLParagraph("&nbsp;", body))
    pdf.build(story)
    normalise_pdf(pdf_path)


def pdf_page_count(pdf_path: str | Path) -> int:
    """Number of pages of a PDF (PDFium)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return len(pdf)
    finally:
        pdf.close()


# --------------------------------------------------------------------------- scans

def _stamp(img, rng: random.Random):
    """A blue round stamp with rings and a little text, pasted at a random spot near the bottom."""
    from PIL import Image, ImageDraw, ImageFont

    w, h = img.size
    r = int(min(w, h) * rng.uniform(0.08, 0.11))
    layer = Image.new("RGBA", (2 * r + 4, 2 * r + 4), (0, 0, 0, 0))
    dr = ImageDraw.Draw(layer)
    colour = (30, 60, 170, rng.randint(120, 190))
    c = r + 2
    dr.ellipse([2, 2, 2 * r + 2, 2 * r + 2], outline=colour, width=max(3, r // 25))
    dr.ellipse([c - int(r * 0.72), c - int(r * 0.72), c + int(r * 0.72), c + int(r * 0.72)], outline=colour,
               width=max(2, r // 40))
    try:
        font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), max(10, r // 5))
        dr.text((c, c), "ДЛЯ\nДОКУМЕНТОВ", fill=colour, font=font, anchor="mm", align="center")
    except OSError:
        pass
    layer = layer.rotate(rng.uniform(-25, 25), expand=True)
    x = rng.randint(int(w * 0.15), max(int(w * 0.15) + 1, int(w * 0.55)))
    y = rng.randint(int(h * 0.55), max(int(h * 0.55) + 1, h - layer.size[1] - 10))
    base = img.convert("RGBA")
    base.alpha_composite(layer, (x, y))
    return base.convert("RGB")


def _signature(img, rng: random.Random):
    from PIL import ImageDraw

    w, h = img.size
    dr = ImageDraw.Draw(img)
    x0, y0 = rng.randint(int(w * 0.35), int(w * 0.6)), rng.randint(int(h * 0.4), int(h * 0.85))
    pts, x, y = [], x0, y0
    for _ in range(rng.randint(12, 22)):
        x += rng.randint(6, 22) * w // 2500
        y = y0 + rng.randint(-40, 40) * h // 3500
        pts.append((x, y))
    dr.line(pts, fill=(20, 30, 110), width=max(2, w // 700), joint="curve")
    return img


def damage_page(img, *, damage: str = "light", rotate: int = 0, rng: random.Random | None = None):
    """One page image (PIL, RGB) made to look scanned: skew, blur, noise, specks, JPEG artefacts,
    optional stamp and signature on the first page, optional 90/180° turn."""
    import cv2
    import numpy as np
    from PIL import Image

    rng = rng or random.Random(0)
    heavy = damage == "heavy"
    arr = np.asarray(img.convert("RGB")).astype(np.float32)
    h, w = arr.shape[:2]
    angle = rng.uniform(0.3, 3.0 if heavy else 1.2) * rng.choice((-1, 1))
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    arr = cv2.warpAffine(arr, m, (w, h), borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))
    # paper tone and uneven lighting
    tone = np.linspace(rng.uniform(0.9, 1.0), 1.0, w, dtype=np.float32)[None, :, None]
    arr = arr * tone + rng.uniform(-8, 0)
    k = 3 if heavy else rng.choice((1, 3))
    if k > 1:
        arr = cv2.GaussianBlur(arr, (k, k), rng.uniform(0.4, 1.0 if heavy else 0.6))
    nprng = np.random.default_rng(rng.randint(0, 2**31))
    arr = arr + nprng.normal(0, 9 if heavy else 4, arr.shape)
    n_specks = int(w * h * (0.0006 if heavy else 0.0001))
    ys, xs = nprng.integers(0, h, n_specks), nprng.integers(0, w, n_specks)
    arr[ys, xs] = 0
    ys, xs = nprng.integers(0, h, n_specks // 2), nprng.integers(0, w, n_specks // 2)
    arr[ys, xs] = 255
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=rng.randint(40, 60) if heavy else rng.randint(70, 90))
    out = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    if rotate in (90, 180, 270):
        out = out.rotate(rotate, expand=True)
    return out


def render_scan(pdf_path: str | Path, out_path: str | Path, *, dpi: int = 300, damage: str = "light",
                rotate: int = 0, seed: int = 0, fmt: str = "pdf", stamp: bool = True,
                signature: bool = True) -> None:
    """Rasterise ``pdf_path`` with PDFium and damage every page like a scan; write an image-only
    PDF (``fmt="pdf"``, resolution kept), a multi-page TIFF, or a PNG of the first page. Heavy
    damage scans at 150 dpi whatever ``dpi`` says."""
    import pypdfium2 as pdfium

    if damage not in ("light", "heavy"):
        raise ValueError(f"damage must be 'light' or 'heavy', not {damage!r}")
    if fmt not in ("pdf", "tiff", "png"):
        raise ValueError(f"fmt must be pdf, tiff or png, not {fmt!r}")
    dpi = 150 if damage == "heavy" else dpi
    rng = random.Random(seed)
    pdf = pdfium.PdfDocument(str(pdf_path))
    pages = []
    try:
        for i in range(len(pdf)):
            img = pdf[i].render(scale=dpi / 72, grayscale=False).to_pil().convert("RGB")
            if i == len(pdf) - 1 and signature and rng.random() < 0.8:
                img = _signature(img, rng)
            if i == len(pdf) - 1 and stamp and rng.random() < 0.7:
                img = _stamp(img, rng)
            pages.append(damage_page(img, damage=damage, rotate=rotate, rng=rng))
    finally:
        pdf.close()
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "pdf":
        pages[0].save(out_path, "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:])
    elif fmt == "tiff":
        pages[0].save(out_path, "TIFF", compression="tiff_deflate", dpi=(dpi, dpi), save_all=True,
                      append_images=pages[1:])
    else:
        pages[0].save(out_path, "PNG", dpi=(dpi, dpi))
