"""Test pages rendered with PIL (DejaVu Sans, 300 dpi): running text and a ruled table with a
merged section row; imported by the tests beside it (not a test module). Our own wording."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
A4 = (2480, 3508)

TEXT_LINES = [
    "ОТДЕЛ ОБРАЗОВАНИЯ ГОРОДСКОГО ОКРУГА",
    "",
    "ПРИКАЗ",
    "",
    "О мерах поддержки школ с низкими результатами обучения",
    "",
    "В целях повышения качества образования в городском округе",
    "и оказания методической помощи руководителям школ приказываю:",
    "1. Утвердить перечень мероприятий на текущий учебный год.",
    "2. Директорам школ представить отчеты до пятого декабря.",
]

HEADER = ["№", "Мероприятие", "Срок", "Ответственный"]
ROWS = [
    ["1", "Анализ результатов\nдиагностики", "октябрь", "Иванова"],
    ["2", "Семинар для учителей", "ноябрь", "Петров"],
    ["Раздел второй. Работа с родителями"],
    ["3", "Родительское собрание", "декабрь", "Сидорова"],
]
COLS = [200, 1000, 420, 560]  # column widths in pixels


def font(size: int = 42) -> ImageFont.FreeTypeFont:
    if not FONT.exists():
        pytest.skip("DejaVu fonts are not installed")
    return ImageFont.truetype(str(FONT), size)


def draw_text(d: ImageDraw.ImageDraw, lines: list[str], x: int, y: int, pitch: int = 68) -> int:
    f = font()
    for line in lines:
        if line:
            d.text((x, y), line, font=f, fill=0)
        y += pitch
    return y


def draw_table(d: ImageDraw.ImageDraw, x0: int, y0: int, header=HEADER, rows=ROWS) -> int:
    """A ruled table; a one-element row is a section row spanning all columns."""
    f = font(38)
    xs = [x0]
    for w in COLS:
        xs.append(xs[-1] + w)
    y = y0
    lw = 4
    d.line([(xs[0], y), (xs[-1], y)], fill=0, width=lw)
    for row in [header, *rows]:
        n_lines = max(len(c.split("\n")) for c in row)
        h = 30 + 50 * n_lines
        if len(row) == 1:
            d.text((xs[0] + 20, y + 15), row[0], font=f, fill=0)
            d.line([(xs[0], y), (xs[0], y + h)], fill=0, width=lw)
            d.line([(xs[-1], y), (xs[-1], y + h)], fill=0, width=lw)
        else:
            for i, cell in enumerate(row):
                d.multiline_text((xs[i] + 20, y + 15), cell, font=f, fill=0, spacing=12)
            for x in xs:
                d.line([(x, y), (x, y + h)], fill=0, width=lw)
        y += h
        d.line([(xs[0], y), (xs[-1], y)], fill=0, width=lw)
    return y


@functools.cache
def text_page() -> Image.Image:
    img = Image.new("L", A4, 255)
    draw_text(ImageDraw.Draw(img), TEXT_LINES, 260, 260)
    return img


@functools.cache
def table_page() -> Image.Image:
    img = Image.new("L", A4, 255)
    d = ImageDraw.Draw(img)
    y = draw_text(d, TEXT_LINES[:5], 260, 260)
    y = draw_table(d, 260, y + 40)
    draw_text(d, ["", "Начальник отдела образования               О.П. Смирнова"], 260, y + 40)
    return img


def gray(img: Image.Image) -> np.ndarray:
    return np.array(img.convert("L"))


def tables_page(header=HEADER, rows=ROWS, top: int = 300, note: str | None = None) -> Image.Image:
    """A page holding only a table (a continuation page), optionally with a short line above it."""
    img = Image.new("L", A4, 255)
    d = ImageDraw.Draw(img)
    if note:
        draw_text(d, [note], 1200, 150)
    draw_table(d, 260, top, header=header, rows=rows)
    return img


def pdf_bytes(*pages: Image.Image) -> bytes:
    """An image-only ("scanned") PDF of the pages at 300 dpi."""
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=300, save_all=True, append_images=list(pages[1:]))
    return buf.getvalue()
