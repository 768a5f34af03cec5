"""Page images through the image backend: PNG, JPEG, multi-page TIFF, bad and oversized images."""

from __future__ import annotations

import io
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from shnor_docs.backends import load_bytes
from shnor_docs.errors import CorruptInput, ShnorError

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None or not FONT.exists(),
                                reason="tesseract or DejaVu fonts not installed")


def _page(lines: list[str], size=(2480, 3508), px: int = 42) -> Image.Image:
    img = Image.new("L", size, 255)
    d = ImageDraw.Draw(img)
    f = ImageFont.truetype(str(FONT), px)
    for i, line in enumerate(lines):
        d.text((240, 240 + i * 70), line, font=f, fill=0)
    return img


def _save(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


FIRST = ["Распоряжение по школе", "О проведении пробного экзамена"]
SECOND = ["Лист согласования", "Заместитель директора Орлова"]


def test_png_page_is_read():
    doc = load_bytes(_save(_page(FIRST), "PNG", dpi=(300, 300)), "page.png")
    assert doc.ocr is True and doc.pages == 1 and doc.media_type == "image/png"
    assert [b.text for b in doc.blocks] == FIRST
    assert doc.raw_text == "Распоряжение по школе\nО проведении пробного экзамена\n"
    assert doc.blocks[0].prov.page == 1 and doc.blocks[0].prov.box[0] == pytest.approx(240, abs=8)
    assert doc.warnings == []


def test_jpeg_tagged_72_dpi_at_a4_size_is_read_as_a_scan():
    doc = load_bytes(_save(_page(FIRST).convert("RGB"), "JPEG", quality=85, dpi=(72, 72)), "scan.jpg")
    assert [b.text for b in doc.blocks] == FIRST


def test_low_resolution_page_is_enlarged_and_boxes_stay_in_its_pixels():
    small = _page(FIRST).resize((1240, 1754), Image.Resampling.LANCZOS)
    doc = load_bytes(_save(small, "PNG", dpi=(150, 150)), "small.png")
    assert [b.text for b in doc.blocks] == FIRST
    assert doc.blocks[0].prov.box[0] == pytest.approx(120, abs=6)


def test_two_page_tiff_gives_two_pages():
    data = _save(_page(FIRST), "TIFF", save_all=True, append_images=[_page(SECOND)], dpi=(300, 300),
                 compression="tiff_lzw")
    doc = load_bytes(data, "pair.tif")
    assert doc.pages == 2
    assert [b.text for b in doc.blocks] == FIRST + SECOND
    assert [b.prov.page for b in doc.blocks] == [1, 1, 2, 2]
    assert doc.blocks[2].gap_before is True


def test_blurred_page_warns_of_low_confidence():
    doc = load_bytes(_save(_page(FIRST * 3).filter(ImageFilter.GaussianBlur(6)), "PNG"), "blur.png")
    assert any(w.startswith("page 1: low OCR confidence (") for w in doc.warnings)


def test_truncated_image_is_corrupt():
    data = _save(_page(FIRST), "PNG")
    with pytest.raises(CorruptInput, match="cut.png"):
        load_bytes(data[: len(data) // 2], "cut.png")


def test_damaged_body_behind_a_valid_signature_is_corrupt():
    with pytest.raises(CorruptInput, match="bad.jpg"):
        load_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 200, "bad.jpg")


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` (a decompression bomb's shape)."""
    data = bytearray(_save(Image.new("L", (1, 1), 255), "PNG"))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


@pytest.mark.parametrize("side", [10_000, 20_000])
def test_oversized_image_is_refused_without_decoding(side):
    with pytest.raises(CorruptInput, match="image too large") as err:
        load_bytes(_png_claiming(side, side), "huge.png")
    assert isinstance(err.value, ShnorError)
    if side == 10_000:
        assert "10000×10000 pixels" in str(err.value)
