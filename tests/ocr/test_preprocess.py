"""Orientation and skew checks on rendered pages (no OCR involved)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from ocr_testpages import gray, table_page, text_page
from shnor_docs.ocr.preprocess import analyse, deskew, rotate_quarter, to_gray


def test_level_page_is_upright_and_level():
    sideways, angle = analyse(gray(text_page()))
    assert sideways is False
    assert abs(angle) < 0.25


@pytest.mark.parametrize("turn", [90, 270])
def test_page_on_its_side_is_seen_as_sideways(turn):
    sideways, _ = analyse(gray(text_page().rotate(turn, expand=True)))
    assert sideways is True


@pytest.mark.parametrize("degrees", [3.0, -2.0, 4.5])
def test_skew_angle_is_found(degrees):
    page = text_page().rotate(degrees, fillcolor=255, resample=Image.Resampling.BICUBIC)
    sideways, angle = analyse(gray(page))
    assert sideways is False
    assert angle == pytest.approx(-degrees, abs=0.2)


def test_skewed_table_page_is_not_mistaken_for_sideways():
    page = table_page().rotate(-3, fillcolor=255, resample=Image.Resampling.BICUBIC)
    assert analyse(gray(page)) == (False, pytest.approx(3.0, abs=0.2))


def test_deskew_leaves_level_page_untouched():
    g = gray(text_page())
    out, applied = deskew(g, 0.1)
    assert applied == 0.0 and out is g


def test_rotate_quarter_swaps_sides():
    g = np.zeros((30, 20), np.uint8)
    assert rotate_quarter(g, 90).shape == (20, 30)
    assert rotate_quarter(g, 180).shape == (30, 20)


def test_to_gray_flattens_transparency_on_white():
    img = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    assert to_gray(img).min() == 255
    assert to_gray(Image.new("RGB", (4, 4), (0, 0, 0))).max() == 0
