"""PDF files: the text layer where it is usable, OCR for the pages where it is not.

Page by page, the words outside ruled tables become lines (grouped by their ``top``), lines that
wrap one paragraph are joined back into one logical line, and the ruled tables become
:class:`Table` blocks; a table running over a page break is one Table. Running headers, footers
and page numbers are left out. A page without a usable text layer (no text, too few Cyrillic
letters, Latin look-alikes, garbage) goes to OCR through :mod:`.scan` when it is available.
"""

from __future__ import annotations

import logging
import re
import statistics
from dataclasses import dataclass, field

from ..document import Document, Paragraph, Provenance, Table
from ..errors import CorruptInput
from ..tables.pdf import PageTable, build_table, continue_table, join_hyphenation
from ._pdfium_words import read_pages as read_fast
from ._pdfplumber import RawPage, Word, open_pdf, page_count, read_page

log = logging.getLogger("shnor_docs")

_CYR = re.compile(r"[А-Яа-яЁё]")
_LETTER = re.compile(r"[^\W\d_]")
_CYR_VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
_WORD = re.compile(r"[^\W\d_]+")
_GARBAGE = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff]|[\x00-\x08\x0b\x0c\x0e-\x1f]")


def page_needs_ocr(text: str) -> bool:
    """Whether a page whose text layer reads ``text`` must be recognised from its image instead.

    True for no text, too few letters, letters mostly not Cyrillic (a layer of Latin look-alikes
    such as «Hanpapnenue», or mojibake), many words mixing Latin and Cyrillic letters, much
    unmapped-glyph garbage, or Cyrillic with an implausible share of vowels (scrambled glyphs).
    """
    garbage = sum(len(m) for m in _GARBAGE.findall(text))
    letters = _LETTER.findall(_GARBAGE.sub("", text))
    if len(letters) < 10:
        return True
    if garbage > 0.1 * (len(letters) + garbage):
        return True
    cyr = [ch for ch in letters if _CYR.match(ch)]
    if len(cyr) < 0.5 * len(letters):
        return True
    words = [w for w in _WORD.findall(text) if len(w) > 2]
    if words:
        mixed = sum(1 for w in words if _CYR.search(w) and re.search(r"[A-Za-z]", w))
        if mixed > 0.15 * len(words):
            return True
    if len(cyr) >= 60:
        vowels = sum(1 for ch in cyr if ch in _CYR_VOWELS) / len(cyr)
        if not 0.25 <= vowels <= 0.6:
            return True
    return False


# --- lines -------------------------------------------------------------------------------------

@dataclass
class _Line:
    words: list[Word]
    page: int
    split: bool = False  # one of several pieces of a visual line parted by a wide gap
    gap: bool = False
    centered: bool = False

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        inked = [w for w in self.words if _LETTER.search(w.text)]
        return bool(inked) and all(w.bold for w in inked)


def _group_lines(words: list[Word], page: int) -> list[_Line]:
    """Words to visual lines (by ``top``), each split where a wide gap parts two pieces of text
    (a date on the left and a number on the right, a post and a name)."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(w.top - rows[-1][0].top) <= max(2.0, 0.4 * w.size):
            rows[-1].append(w)
        else:
            rows.append([w])
    lines: list[_Line] = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        pieces: list[list[Word]] = [[row[0]]]
        for prev, w in zip(row, row[1:]):
            if w.x0 - prev.x1 > 3.5 * max(prev.size, 6.0):
                pieces.append([w])
            else:
                pieces[-1].append(w)
        for piece in pieces:
            lines.append(_Line(words=piece, page=page, split=len(pieces) > 1))
    return lines


_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:(?:стр\.?|страница|с\.)\s*)?\d{1,4}(?:\s*(?:из|/)\s*\d{1,4})?[-–—\s]*$",
                          re.I)
_DIGITS = re.compile(r"\d+")


def _margin_zone(line: _Line, height: float) -> str | None:
    if line.bottom <= 0.1 * height:
        return "top"
    if line.top >= 0.9 * height:
        return "bottom"
    return None


def _drop_running_lines(pages: list[RawPage], lines: dict[int, list[_Line]]) -> None:
    """Leave out page numbers and lines repeated in the top or bottom margin of several pages."""
    seen: dict[tuple[str, str], set[int]] = {}
    for p in pages:
        ls = lines[p.number]
        # only a page's outermost lines can be running ones, and they are short
        for ln in ls[:2] + ls[-2:] if len(ls) > 4 else ls:
            zone = _margin_zone(ln, p.height)
            if zone and len(ln.text) <= 100:
                seen.setdefault((zone, _DIGITS.sub("#", ln.text.lower())), set()).add(p.number)
    repeated = {k for k, v in seen.items() if len(v) >= 2 and len(v) >= 0.4 * len(pages)}

    def running(ln: _Line, height: float) -> bool:
        zone = _margin_zone(ln, height)
        return bool(zone) and bool(_PAGE_NUMBER.match(ln.text) or
                                   (zone, _DIGITS.sub("#", ln.text.lower())) in repeated)

    for p in pages:
        ls = lines[p.number]
        # running lines sit outermost: peel them off both ends, stopping at the first body line
        head = 0
        while head < min(2, len(ls)) and running(ls[head], p.height):
            head += 1
        tail = len(ls)
        while tail > max(head, len(ls) - 2) and running(ls[tail - 1], p.height):
            tail -= 1
        lines[p.number] = ls[head:tail]


_LIST_START = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[-–—•·▪]|[а-яa-z]\)|[IVX]{1,4}\.)(?:\s|$)")


def _mark_layout(pages: list[RawPage], lines: dict[int, list[_Line]]) -> dict[int, tuple[float, float]]:
    """Set ``gap`` and ``centered`` on every line; return each page's text-area edges."""
    ratios = []
    for p in pages:
        ls = lines[p.number]
        for a, b in zip(ls, ls[1:]):
            if not a.split and abs(a.size - b.size) < 1 and b.top > a.top:
                ratios.append((b.top - a.top) / max(a.size, 1.0))
    ratios.sort()
    base = ratios[len(ratios) // 4] if ratios else 1.2
    # the text area is measured over all pages of one width (a short last page has no full line)
    groups: dict[int, list[float]] = {}
    for p in pages:
        # tables stick out past the text margins; they count only where text is too scarce
        scarce = len(lines[p.number]) < 5
        xs0 = [ln.x0 for ln in lines[p.number]] + [t.bbox[0] for t in p.tables if scarce]
        xs1 = [ln.x1 for ln in lines[p.number]] + [t.bbox[2] for t in p.tables if scarce]
        if xs0:
            g = groups.setdefault(round(p.width), [p.width, 0.0])
            g[0], g[1] = min(g[0], min(xs0)), max(g[1], max(xs1))
    areas: dict[int, tuple[float, float]] = {}
    for p in pages:
        ls = lines[p.number]
        if not ls:
            continue
        left, right = groups[round(p.width)]
        if right - left < 0.5 * p.width:  # too little text to tell the margins
            left, right = min(left, p.width - right), max(right, p.width - left)
        areas[p.number] = (left, right)
        mid = (left + right) / 2
        prev_top = None
        prev_size = None
        for ln in ls:
            if prev_top is None:
                ln.gap = True
            elif ln.top - prev_top > 1.3 * base * max(prev_size or 1.0, 1.0) + 1.0:
                ln.gap = True
            if ln.top != prev_top:  # pieces of one visual line share their first piece's gap
                prev_top, prev_size = ln.top, ln.size
            width = ln.x1 - ln.x0
            ln.centered = (not ln.split and width < 0.8 * (right - left) and ln.x0 > left + 2 * ln.size
                           and abs((ln.x0 + ln.x1) / 2 - mid) < max(8.0, 0.03 * (right - left)))
    return areas


def _continues(a: _Line, b: _Line, area: tuple[float, float], same_page: bool) -> bool:
    """Whether line ``b`` carries on the paragraph that line ``a`` wrapped."""
    left, right = area
    if a.split or b.split or a.centered or b.centered or abs(a.size - b.size) >= 1:
        return False
    # ``a`` was wrapped when ``b``'s first word would not have fitted after it (ragged or justified)
    first = b.words[0]
    if a.x1 + 0.25 * a.size + (first.x1 - first.x0) < right - 0.5 * a.size:
        return False
    if a.x0 > left + 4 * a.size:
        return False
    # ``b`` starts at the margin, under ``a`` (a hanging indent's second line on), or under the
    # text after ``a``'s list label (a hanging indent's first wrap)
    hanging = len(a.words) > 1 and _LIST_START.match(a.text) and abs(b.x0 - a.words[1].x0) < 2.0
    if not (b.x0 <= left + 1.0 * b.size or abs(b.x0 - a.x0) < 2.0 or hanging):
        return False
    if _LIST_START.match(b.text):
        return False
    if not same_page:
        return b.text[:1].islower()
    return not b.gap


def _box(lines: list[_Line]) -> tuple[float, float, float, float]:
    return (round(min(ln.x0 for ln in lines), 2), round(min(ln.top for ln in lines), 2),
            round(max(ln.x1 for ln in lines), 2), round(max(ln.bottom for ln in lines), 2))


def _paragraph(lines: list[_Line]) -> Paragraph:
    text = join_hyphenation("\n".join(ln.text for ln in lines)).replace("\n", " ")
    first = lines[0]
    return Paragraph(text=" ".join(text.split()), prov=Provenance(page=first.page, box=_box(lines)),
                     gap_before=first.gap, bold=all(ln.bold for ln in lines),
                     centered=first.centered and len(lines) == 1)


# --- the document ------------------------------------------------------------------------------

@dataclass
class _PageBlocks:
    items: list = field(default_factory=list)  # _Line | PageTable, in reading order


def _page_text(raw: RawPage) -> str:
    parts = [w.text for w in raw.words]
    for t in raw.tables:
        parts.extend(x for row in t.texts for x in row if x)
    return " ".join(parts)


def _ocr(data: bytes, name: str, pages: list[int], doc: Document) -> dict[int, list]:
    try:
        from .scan import ocr_pdf_pages
    except ImportError:
        for i in pages:
            doc.warnings.append(f"page {i + 1} has no text layer; OCR not available")
        return {}
    try:
        return ocr_pdf_pages(data, name, pages, warnings=doc.warnings)
    except CorruptInput:
        raise
    except Exception as e:  # an OCR failure costs those pages, not the document
        log.warning("%s: OCR failed: %s", name, e)
        for i in pages:
            doc.warnings.append(f"page {i + 1} has no text layer; OCR failed: {e}")
        return {}


def load(data: bytes, name: str, sha256: str) -> Document:
    """Read a PDF into a Document; pages without a usable text layer go through OCR."""
    with open_pdf(data, name) as pdf:
        n = page_count(pdf, name)
        if n == 0:
            raise CorruptInput(name, "PDF has no pages")
        fast = read_fast(data)
        if fast is not None and len(fast) != n:
            fast = None
        raws = [fast[i] if fast is not None and fast[i] is not None else read_page(pdf, i, name)
                for i in range(n)]
    doc = Document(file=name, media_type="application/pdf", sha256=sha256, pages=n)

    need_ocr = [r.number - 1 for r in raws if page_needs_ocr(_page_text(r))]
    native = [r for r in raws if r.number - 1 not in need_ocr]
    lines = {r.number: _group_lines(r.words, r.number) for r in native}
    _drop_running_lines(native, lines)
    areas = _mark_layout(native, lines)

    per_page: dict[int, _PageBlocks] = {}
    for r in native:
        items: list[tuple[float, int, object]] = [(ln.top, 1, ln) for ln in lines[r.number]]
        for t in r.tables:
            items.append((t.bbox[1], 0, build_table(t.cells, t.texts, r.number)))
        items.sort(key=lambda x: (x[0], x[1]))
        per_page[r.number] = _PageBlocks(items=[x[2] for x in items])

    ocr_blocks = _ocr(data, name, need_ocr, doc) if need_ocr else {}
    if ocr_blocks:
        doc.ocr = True

    blocks: list = []
    pending: list[_Line] = []  # the lines of the paragraph being read
    last_table: PageTable | None = None  # the table that ended the previous page, if any

    def flush() -> None:
        if pending:
            blocks.append(_paragraph(pending))
            pending.clear()

    for page in range(1, n + 1):
        if page - 1 in need_ocr:
            flush()
            last_table = None
            blocks.extend(ocr_blocks.get(page - 1, []))
            continue
        items = per_page[page].items
        for k, item in enumerate(items):
            if isinstance(item, PageTable):
                flush()
                if k == 0 and last_table is not None and continue_table(last_table, item):
                    continue
                if item.table.rows:
                    blocks.append(item.table)
                    last_table = item
            else:
                if pending and _continues(pending[-1], item, areas[page], pending[-1].page == page):
                    pending.append(item)
                    continue
                flush()
                last_table = None
                pending.append(item)
        if items and not isinstance(items[-1], PageTable):
            last_table = None
    flush()
    # a paragraph after a table starts after white space, whatever the line pitch said
    for a, b in zip(blocks, blocks[1:]):
        if isinstance(a, Table) and isinstance(b, Paragraph):
            b.gap_before = True
    doc.blocks = blocks
    return doc
