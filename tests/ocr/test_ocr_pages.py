"""Whole-page recognition: pages turned by 90/180 degrees and skewed pages come out upright."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image

from ocr_testpages import table_page, text_page
from shnor_docs.document import Table
from shnor_docs.ocr.pages import recognize_page, recognize_pages

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
