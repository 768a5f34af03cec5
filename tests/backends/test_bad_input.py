"""Files that cannot be read give one line naming the file and the reason, in the library and in
the command line (exit code 2), never a traceback."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docpdf_builders import reportlab_canvas_pdf, reportlab_order_pdf

from shnor_docs.api import load_document
from shnor_docs.backends import load_bytes
from shnor_docs.errors import CorruptInput, ShnorError, UnsupportedInput

CLI = Path(sys.executable).with_name("shnor-docs")


def _docx_bytes(*paragraphs: str) -> bytes:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = BytesIO()
    d.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    src = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in src.namelist():
            z.writestr(name, replace.get(name, src.read(name)))
    return out.getvalue()


def _other_zip() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("data.csv", "a;b\n1;2\n")
    return out.getvalue()


_ZERO_PAGES = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
               b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


@pytest.fixture(scope="module")
def cases() -> dict[str, tuple[bytes, type, str]]:
    """name → (bytes, expected error class, words the reason must hold)."""
    pdf = reportlab_order_pdf(10)
    good_docx = _docx_bytes("Приказ")
    return {
        "empty.pdf": (b"", CorruptInput, "empty file"),
        "notes.pdf": ("Это просто текст, а не PDF.\n".encode(), CorruptInput, "not a PDF"),
        "half.pdf": (pdf[: len(pdf) // 2], CorruptInput, "damaged or truncated PDF"),
        "secret.pdf": (reportlab_canvas_pdf(["Приказ"], encrypt="secret"), CorruptInput,
                       "encrypted PDF (password protected)"),
        "nopages.pdf": (_ZERO_PAGES, CorruptInput, "no pages"),
        "archive.docx": (_other_zip(), CorruptInput, "not a .docx"),
        "broken.docx": (_rezip(good_docx, {"word/document.xml": b"<w:document><w:body><w:p>"}),
                        CorruptInput, "damaged .docx"),
        "half.docx": (good_docx[: len(good_docx) // 2], CorruptInput, "damaged zip"),
        "blank.docx": (_docx_bytes(), CorruptInput, "empty document"),
        "legacy.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), CorruptInput, "OLE2"),
        "legacy.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), UnsupportedInput, ".doc"),
        "binary.txt": (bytes(range(256)) * 8, CorruptInput, "binary data"),
        "picture.bmp": (b"BM" + bytes(100), UnsupportedInput, "unsupported file type"),
    }


CASE_NAMES = ["empty.pdf", "notes.pdf", "half.pdf", "secret.pdf", "nopages.pdf", "archive.docx", "broken.docx",
              "half.docx", "blank.docx", "legacy.docx", "legacy.doc", "binary.txt", "picture.bmp"]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_bad_bytes_raise_one_line(cases, name):
    data, kind, words = cases[name]
    with pytest.raises(ShnorError) as info:
        load_bytes(data, name)
    err = info.value
    assert type(err) is kind
    assert err.file == name and str(err).startswith(f"{name}: ")
    assert words in err.reason
    assert "\n" not in str(err) and len(str(err)) < 200


def test_missing_path(tmp_path):
    missing = tmp_path / "absent.pdf"
    with pytest.raises(ShnorError) as info:
        load_document(missing)
    assert str(info.value) == f"{missing}: no such file"


def test_ocr_unavailable_is_a_warning(monkeypatch):
    # an import of the OCR backend that fails (module absent or its deps missing) costs the page
    from shnor_docs.backends.pdf import load

    monkeypatch.setitem(sys.modules, "shnor_docs.backends.scan", None)
    doc = load(reportlab_canvas_pdf([]), "empty-page.pdf", "0" * 64)
    assert doc.warnings == ["page 1 has no text layer; OCR not available"]
    assert doc.ocr is False and doc.blocks == []


@pytest.mark.skipif(not CLI.exists(), reason="the shnor-docs script is not installed in this environment")
@pytest.mark.parametrize("name", ["empty.pdf", "half.pdf", "secret.pdf", "broken.docx", "binary.txt", "missing.pdf"])
def test_cli_exit_2_and_one_line(cases, tmp_path, name):
    if name != "missing.pdf":
        (tmp_path / name).write_bytes(cases[name][0])
    run = subprocess.run([str(CLI), "extract", name], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"shnor-docs: {name}: ")
    assert "Traceback" not in run.stderr
