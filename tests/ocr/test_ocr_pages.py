"""Whole-page recognition: pages turned by 90/180 degrees and skewed pages come out upright;
short doubtful cells read again."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ocr_testpages import FONT, table_page, text_page
from shnor_docs.document import Cell, Provenance, Table
from shnor_docs.ocr.pages import _reread_short_cells, recognize_page, recognize_pages
from shnor_docs.ocr.tesseract import TesseractEngine

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


def _texts(res) -> list[str]:
    return [b.text for b in res.blocks if not isinstance(b, Table)]


@pytest.mark.parametrize("turn, applied", [(90, 90), (180, 180)])
def test_turned_page_is_recovered(turn, applied):
    res = recognize_page(text_page().rotate(turn, expand=True), 1)
    assert res.rotation == applied
    assert _texts(res)[:2] == ["ОТДЕЛ ОБРАЗОВАНИЯ ГОРОДСКОГО ОКРУГА", "ПРИКАЗ"]
    assert res.confidence > 85


def test_skewed_table_page_is_straightened_and_its_table_found():
    page = table_page().rotate(3, fillcolor=255, resample=Image.Resampling.BICUBIC)
    res = recognize_page(page, 1)
    assert res.skew == pytest.approx(-3.0, abs=0.2)
    (table,) = [b for b in res.blocks if isinstance(b, Table)]
    assert [len(r) for r in table.rows] == [4, 4, 4, 1, 4]
    assert table.texts()[2][1] == "Семинар для учителей"


def test_blank_page_has_no_blocks_and_no_confidence():
    res = recognize_page(Image.new("L", (2480, 3508), 255), 1)
    assert res.blocks == [] and res.confidence is None and res.warning() is None


def test_pages_come_back_in_order():
    pages = [text_page(), Image.new("L", (1240, 1754), 255), table_page()]
    sources = [(i + 1, (lambda p=p: p), 300, 1.0) for i, p in enumerate(pages)]
    got = list(recognize_pages(sources))
    assert [r.page for r in got] == [1, 2, 3]
    assert got[1].blocks == [] and any(isinstance(b, Table) for b in got[2].blocks)


def test_short_number_cells_are_read_again_binarised():
    # «1.1.» at the top of a tall number cell on grey paper: read as a line with the grey kept,
    # Tesseract returns «ты.», «Пе», «РЕ»; binarised first, the numbers themselves
    serif = FONT.with_name("DejaVuSerif.ttf")
    if not serif.exists():
        pytest.skip("DejaVu Serif is not installed")
    numbers = ["1.1.", "1.2.", "1.3.", "2.1.", "2.4.", "3.5."]
    img = Image.new("L", (1000, 300 * len(numbers)), 248)
    d = ImageDraw.Draw(img)
    rows = []
    for i, n in enumerate(numbers):
        d.text((40, i * 300 + 20), n, font=ImageFont.truetype(str(serif), 40), fill=0)
        rows.append([Cell("ты.", Provenance(1, (20, i * 300, 270, i * 300 + 280), 11.0))])
    table = Table(rows=rows)
    gray = np.asarray(img.filter(ImageFilter.GaussianBlur(0.8)))
    _reread_short_cells([table], gray, 300, 1.0, TesseractEngine(), "rus")
    assert [r[0].text for r in table.rows] == numbers
    assert all(r[0].prov.confidence > 80 for r in table.rows)
