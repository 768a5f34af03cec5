"""Tell what kind of file a byte string is, from its first bytes first and its name second."""

from __future__ import annotations

import zipfile
from io import BytesIO

from ..errors import CorruptInput, UnsupportedInput

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"

_BY_SUFFIX = {
    ".pdf": PDF, ".docx": DOCX, ".txt": TEXT, ".text": TEXT, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG,
    ".tif": TIFF, ".tiff": TIFF,
}
SUPPORTED_SUFFIXES = tuple(sorted(_BY_SUFFIX))
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, and Office's encrypted packages


def sniff(data: bytes, name: str) -> str:
    """The media type of ``data`` (named ``name``), or :class:`ShnorError` saying why not.

    The content decides where it can: a PDF named ``.txt`` is read as a PDF. A file whose name
    promises a kind its content does not have is reported as corrupt, not guessed at.
    """
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if not data:
        raise CorruptInput(name, "empty file")
    head = data[:8]
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return TIFF
    if head.startswith(_OLE2):
        if suffix == ".doc":
            raise UnsupportedInput(name, "legacy Word .doc format is not supported (save it as .docx)")
        raise CorruptInput(name, "an OLE2 container, not a .docx or PDF (a legacy .doc file, or a "
                                 "password-protected .docx)")
    if head.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            raise CorruptInput(name, "damaged zip container (not a readable .docx)") from None
        if "word/document.xml" in names:
            return DOCX
        raise CorruptInput(name, "zip archive without word/document.xml (not a .docx)")
    expected = _BY_SUFFIX.get(suffix)
    if expected in (PDF, DOCX, PNG, JPEG, TIFF):
        raise CorruptInput(name, f"not a {suffix[1:].upper()} file (its content does not match the extension)")
    if expected == TEXT or not suffix:
        if b"\x00" in data[:4096]:
            raise CorruptInput(name, "binary data, not text")
        return TEXT
    raise UnsupportedInput(name, f"unsupported file type {suffix!r} (supported: {', '.join(SUPPORTED_SUFFIXES)})")
