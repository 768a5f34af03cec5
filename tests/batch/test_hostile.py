"""A backlog full of bad files: every input gets exactly one row (ok or error) and nothing crashes."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import struct
import zlib
from pathlib import Path

import pytest

from shnor_docs.cli import main

GOOD = ["order_00.txt", "-приказ \"№ 5\" от 'мая'.txt", "архив/план поддержки.txt"]


def _png(path: Path, width: int, height: int, bit_depth: int, row: bytes) -> None:
    """Write a grayscale PNG whose rows all hold ``row``, streamed: the pixels are never in memory."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    z = zlib.compressobj(9)
    raw_row = b"\x00" + row  # filter byte "none" per row
    body = b"".join(z.compress(raw_row) for _ in range(height)) + z.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def _pdf(path: Path, text: str, **kw) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), **kw)
    c.drawString(72, 720, text)
    c.save()


@pytest.fixture
def hostile_dir(tmp_path: Path, make_orders, sample_text, english_text: str) -> tuple[Path, dict[str, str]]:
    """The folder, and what each input is expected to give: "ok", "error" or "any"."""
    d = tmp_path / "in"
    make_orders(d, 1)
    (d / "архив").mkdir()
    order_text = sample_text
    (d / GOOD[1]).write_text(order_text(5), encoding="utf-8")
    (d / GOOD[2]).write_text(order_text(7), encoding="utf-8")
    (d / "english order.txt").write_text(english_text, encoding="utf-8")
    expect = {g: "ok" for g in GOOD} | {"english order.txt": "ok"}

    (d / "empty.txt").write_bytes(b"")
    expect["empty.txt"] = "error"
    full = tmp_path / "full.pdf"
    _pdf(full, "Prikaz 1")
    (d / "truncated.pdf").write_bytes(full.read_bytes()[: len(full.read_bytes()) // 2])
    expect["truncated.pdf"] = "any"  # a forgiving PDF reader may still get something out of half a file
    _pdf(d / "encrypted.pdf", "Prikaz 2", encrypt="pw")
    expect["encrypted.pdf"] = "error"
    _png(d / "bomb.png", 30000, 30000, 1, b"\x00" * 3750)  # 900 megapixels in a few hundred KB
    expect["bomb.png"] = "error"
    _png(d / "huge page.png", 10000, 10000, 8, b"\xff" * 10000)  # 100 megapixels: read within bounds or refused
    expect["huge page.png"] = "any"
    (d / "pdf in disguise.docx").write_bytes(full.read_bytes())  # the content decides: read as a PDF
    expect["pdf in disguise.docx"] = "any"
    (d / "text in disguise.pdf").write_text("ПРИКАЗ № 1 от 01.01.2022", encoding="utf-8")
    expect["text in disguise.pdf"] = "error"
    os.symlink("loop.pdf", d / "loop.pdf")
    expect["loop.pdf"] = "error"
    locked = d / "locked.txt"
    locked.write_text(order_text(9), encoding="utf-8")
    locked.chmod(0)
    # root reads it anyway: then it is simply a good file
    expect["locked.txt"] = "ok" if os.access(locked, os.R_OK) else "error"
    (d / "notes.md").write_text("not an input", encoding="utf-8")
    return d, expect


def _csv_rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_hostile_backlog(hostile_dir, tmp_path: Path):
    in_dir, expect = hostile_dir
    out = tmp_path / "out"
    code = main(["batch", str(in_dir), str(out), "--jobs", "2", "--timeout", "120", "-q"])
    assert code == 1  # some failed, the batch went on
    db = sqlite3.connect(out / "catalog.sqlite")
    rows = {f: (status, error) for f, status, error in db.execute("SELECT file, status, error FROM documents")}
    assert sorted(rows) == sorted(expect)  # every input exactly once; notes.md is not an input
    for f, want in expect.items():
        status, error = rows[f]
        assert status in ("ok", "error"), f
        if want != "any":
            assert status == want, (f, error)
        if status == "error":
            assert error and "\n" not in error and "Traceback" not in error, (f, error)
    # what detection and the driver decide themselves, word for word
    assert rows["empty.txt"][1] == "empty file"
    assert rows["text in disguise.pdf"][1] == "not a PDF file (its content does not match the extension)"
    assert "symbolic links" in rows["loop.pdf"][1]

    errors = {r["file"]: r["error"] for r in _csv_rows(out / "csv" / "errors.csv")}
    assert errors == {f: e for f, (s, e) in rows.items() if s == "error"}
    for g in GOOD:
        data = (out / "json" / (g + ".json")).read_text(encoding="utf-8")
        assert '"schema_version": "1.0"' in data
    orders = {r["file"]: r for r in _csv_rows(out / "csv" / "orders.csv")}
    assert orders[GOOD[2]]["number"] == "107-од" and orders[GOOD[2]]["date"] == "2022-10-08"
    assert "english order.txt" in orders
    # the pipeline flags text that is not Russian; the batch carries the warning to warnings.csv
    english = [r["warning"] for r in _csv_rows(out / "csv" / "warnings.csv") if r["file"] == "english order.txt"]
    assert any("Russian" in w for w in english), english
