"""The engines chosen by name: real Tesseract on a rendered page, and the null engine."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr_testpages import A4, FONT, gray, text_page
from shnor_docs.ocr.base import NullEngine, OcrPage, get_engine
from shnor_docs.ocr.tesseract import parse_tsv

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


@needs_tesseract
def test_tesseract_reads_russian_words_with_boxes():
    page = get_engine("tesseract").recognize(gray(text_page()), lang="rus", dpi=300)
    assert isinstance(page, OcrPage)
    assert page.size == (2480, 3508)
    texts = [w.text for w in page.words]
    for word in ("ОТДЕЛ", "ПРИКАЗ", "поддержки", "методической", "декабря."):
        assert word in texts
    w = next(w for w in page.words if w.text == "ПРИКАЗ")
    assert 250 <= w.box[0] < w.box[2] < 700  # drawn at x = 260
    assert w.conf > 80
    assert page.mean_confidence() > 85
    # words of one drawn line share the engine's line number
    line = [v for v in page.words if (v.block, v.par, v.line) == (w.block, w.par, w.line)]
    assert [v.text for v in line] == ["ПРИКАЗ"]


@needs_tesseract
def test_tesseract_orientation_of_upside_down_page():
    assert get_engine("tesseract").orientation(gray(text_page().rotate(180))) == 180


def test_null_engine_finds_nothing():
    eng = get_engine("null")
    assert isinstance(eng, NullEngine)
    page = eng.recognize(gray(text_page()), lang="rus")
    assert page.words == [] and page.size == (2480, 3508)
    assert page.mean_confidence() is None


def test_unknown_engine_name():
    with pytest.raises(ValueError, match="unknown OCR engine"):
        get_engine("abbyy")


def test_parse_tsv_keeps_word_rows_only():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "4\t1\t1\t1\t1\t0\t10\t20\t300\t40\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t10\t20\t100\t40\t91.5\tПриказ\n"
           "5\t1\t1\t1\t1\t2\t120\t20\t30\t40\t95\t \n")
    (w,) = parse_tsv(tsv)
    assert (w.text, w.box, w.conf, w.line) == ("Приказ", (10, 20, 110, 60), 91.5, 1)


@needs_tesseract
def test_initials_alone_on_a_line_are_read():
    # A narrow responsible-persons cell wraps «Фамилия И.О., должность» so the initials stand alone.
    # Serif capitals without holes plus three small marks look like dirt to Tesseract's row noise
    # filter, which would drop such a row silently (3 of these 8 with the filter on).
    serif = FONT.with_name("DejaVuSerif.ttf")
    if not serif.exists():
        pytest.skip("DejaVu Serif is not installed")
    initials = ["Е.Н.,", "Т.Г.,", "Н.Е.,", "Ш.Т.,", "Л.П.,", "Г.Н.,", "И.Н.,", "П.Т.,"]
    img = Image.new("L", A4, 255)
    d = ImageDraw.Draw(img)
    f = ImageFont.truetype(str(serif), 48)
    y = 300
    for i in initials:
        for line in ("Смирнова", i, "методист"):
            d.text((300, y), line, font=f, fill=0)
            y += 60
    texts = [w.text for w in get_engine("tesseract").recognize(gray(img), lang="rus", dpi=300).words]
    assert texts.count("Смирнова") == len(initials)
    # every initials line is there (the reading of a letter may slip; the row may not vanish)
    read = [t for t in texts if t not in ("Смирнова", "методист")]
    assert len(read) == len(initials)
    assert sum(t in initials for t in read) >= 6
