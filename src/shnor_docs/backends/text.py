"""Plain text in the converters' format: lines of running text, tables as tab-separated rows.

What this format carries, and how it is read:

* a blank line is a gap (paragraph or page break);
* a line holding a tab is a table row; consecutive rows, even with blank lines between them (a page
  break), are one table;
* a line of running text standing alone between two table rows is a section row of that table,
  unless the rows after it start a new table with a header row of its own;
* HTML fragments inside cells (``<p>``, ``<b>``, ``<ul><li>``, ``<br>``) are reduced to text, a
  paragraph or list item boundary becoming a line break inside the cell;
* Markdown bold markers (``**``) are dropped and remembered as the paragraph's ``bold`` hint;
* rows made only of dashes are rules left by a converter, not rows.
"""

from __future__ import annotations

import html
import re

from ..document import Cell, Document, Paragraph, Provenance, Table
from ..errors import CorruptInput

_RULE = re.compile(r"^[\s\-–—=_|+]*$")
_BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|br|tr)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_BULLET = re.compile(r"(^|\n)\s*[•·▪●◦‣∙]\s*")
_HEADER_WORDS = re.compile(r"мероприяти|срок|ответствен|исполнител|результат|№\s*п/?п|наименование|форма", re.I)


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1251."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1251", errors="replace")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if not sample.strip():
        raise CorruptInput(name, "empty file (no text)")
    if controls > max(8, len(sample) // 50) or "\x00" in sample:
        raise CorruptInput(name, "binary data, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")


def clean_cell(raw: str) -> str:
    """A cell's HTML fragments reduced to text; list items and paragraphs become separate lines."""
    if "<" in raw and ">" in raw:
        raw = _BLOCK_TAG.sub("\n", raw)
        raw = _ANY_TAG.sub("", raw)
    raw = html.unescape(raw) if "&" in raw else raw
    raw = _BULLET.sub(r"\1", raw)
    raw = raw.replace("**", "")
    lines = [" ".join(x.split()) for x in raw.split("\n")]
    return "\n".join(x for x in lines if x)


def _strip_bold(line: str) -> tuple[str, bool]:
    if "**" in line:
        return line.replace("**", "").strip(), True
    return line.strip(), False


def _looks_like_header(cells: list[str]) -> bool:
    """A table's header row: short cells, no row number, at least two column words."""
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2 or any(len(c) > 90 for c in filled) or re.match(r"^\s*\d", filled[0]):
        return False
    return sum(1 for c in filled if _HEADER_WORDS.search(c[:40])) >= 2


def parse_lines(text: str) -> list:
    """The blocks (paragraphs and tables) of text in the converters' format."""
    lines = text.split("\n")
    blocks: list = []
    table: Table | None = None
    gap = False
    i = 0
    n = len(lines)

    def next_row_index(j: int) -> int | None:
        while j < n and not lines[j].strip():
            j += 1
        return j if j < n and "\t" in lines[j] else None

    while i < n:
        line = lines[i]
        if not line.strip():
            gap = True
            i += 1
            continue
        if "\t" in line:
            if _RULE.match(line):
                i += 1
                continue
            cells = [clean_cell(c) for c in line.split("\t")]
            while len(cells) > 1 and not cells[-1]:
                cells.pop()
            if table is None or (_looks_like_header(cells) and table.rows and not _looks_like_header(
                    [c.text for c in table.rows[-1]])):
                table = Table(rows=[])
                blocks.append(table)
            table.rows.append([Cell(c) for c in cells])
            gap = False
            i += 1
            continue
        if _RULE.match(line) and table is not None:
            i += 1
            continue
        # running text: a section row inside a table, or a paragraph
        text, bold = _strip_bold(line)
        if table is not None:
            j = next_row_index(i + 1)
            short = len(text) < 200 and not text.endswith((":",))
            if j is not None and short:
                nxt = [clean_cell(c) for c in lines[j].split("\t")]
                if not _looks_like_header(nxt):
                    table.rows.append([Cell(clean_cell(text))])
                    i += 1
                    continue
        table = None
        blocks.append(Paragraph(text=text, gap_before=gap, bold=bold))
        gap = False
        i += 1
    return blocks


def load(data: bytes, name: str, sha256: str) -> Document:
    """Read a .txt file into a Document (no pages: plain text has none)."""
    text = decode(data, name)
    blocks = _parse_with_bold(text)
    for b in blocks:
        if isinstance(b, Table):
            b.prov = Provenance(page=None)
    return Document(file=name, media_type="text/plain", sha256=sha256, blocks=blocks, pages=None,
                    ocr=False, raw_text=text)


def _parse_with_bold(text: str) -> list:
    # Join a bold span opened on one line and closed on a later one into a single line first, so
    # the heading reaches the extractors whole.
    out: list[str] = []
    buf: list[str] | None = None
    for line in text.split("\n"):
        if buf is not None:
            buf.append(line.strip())
            if "**" in line:
                out.append(" ".join(x for x in buf if x))
                buf = None
            continue
        if line.count("**") % 2 == 1 and "\t" not in line:
            buf = [line.strip()]
            continue
        out.append(line)
    if buf is not None:
        out.append(" ".join(x for x in buf if x))
    return parse_lines("\n".join(out))
