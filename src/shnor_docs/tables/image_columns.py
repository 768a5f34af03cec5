"""Tables without ruling lines in a page image: columns found from where the OCR words stand.

A plan of measures is often printed as a table with its borders hidden, so the ruled-table search
(:mod:`.image_grid`) sees nothing and its words would read as paragraphs. This fallback works on the
words of one page that are not inside a ruled table, in the order it runs
(:func:`find_borderless_tables`):

1. the words are put into visual lines (:func:`~shnor_docs.ocr.layout.text_lines`); marks (a «—»
   Tesseract reads in a wide gap, a bar, a dot) and small specks read as a letter never count;
2. from a line showing at least three columns (two gaps of at least ``RIVER`` word heights), lines
   are added one by one while the "rivers" — x-ranges that no word of any line so far covers, each
   at least ``RIVER`` word heights wide — all stay open. A line crossing the rivers ends the region,
   unless it is one run of words and the columns go on just below it (a section heading across the
   table). A one-run line that crossed a column not yet seen when it was added (the number column
   under a header whose «№» cell is empty) is a heading too. Where the region grown from the next
   line has more columns and reaches as far, the first line was text above the table;
3. a column boundary stands in each river, just before the next column's (left-aligned) text; a
   column holding text on fewer than two lines is joined to its neighbour, except a number column
   of which the OCR kept one number or only the header's «№»;
4. rows: cells are top-aligned, so a line with text in a column that was empty on its row's first
   line or on the line above starts a row. Besides, with a number column every line with text in
   it starts a row (not the «1» of a «1.1» / «1» broken by a narrow cell); the lines above the
   first number are the header, then perhaps the end of a row begun on the page before. Without
   one: the lines below the wider vertical gaps, or, evenly spaced, a line filling its row's
   columns whose first cell starts a sentence. The other lines continue the cells of their row;
5. a region becomes a table only with at least ``MIN_LINES`` lines, ``MIN_COLS`` columns and
   ``MIN_ROWS`` rows, and only when it has numbered rows or a header row
   (:func:`~.roadmap.is_header_row`) — signatures laid out in columns are not a table of measures.

The result is a :class:`~.image_grid.GridTable` with synthetic boundaries (``borderless`` set), so
:func:`~shnor_docs.ocr.layout.page_blocks` places the words in its cells as for a ruled table.
:func:`drop_gap_marks` then drops the marks standing in the gaps between its columns. Pure Python
and numpy over the word boxes: no image work and no further OCR pass.
"""

from __future__ import annotations

import bisect
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from ..ocr.base import Word
from ..ocr.layout import text_lines
from .image_grid import GridCell, GridTable
from .roadmap import is_header_row

#: a column gap (a river) is at least this many word heights wide; a space between words is about
#: 0.4 of one, a justified line stretches it to about 1, a table cell's padding on both sides makes
#: 1.2 or more
RIVER = 1.0
#: fewest lines, columns and rows (a header counts as a row) of a table found without rules
MIN_LINES, MIN_COLS, MIN_ROWS = 3, 3, 2
#: a column must hold text on at least this many lines (else it is joined to its neighbour)
MIN_COLUMN_LINES = 2
#: a vertical gap between two lines wider than this many word heights ends a table
MAX_LINE_GAP = 3.0
#: at most this many lines of a section heading may cross the columns between two parts of a table
MAX_SECTION_LINES = 2
#: a one-letter word smaller than this share of a word's height and read with less confidence than
#: NOISE_CONF is a speck (a misread lone digit of a number column is as tall as a word, not a speck)
SPECK, NOISE_CONF = 0.6, 40.0
#: rows set apart by spacing: a gap this many word heights wider than the gap between a cell's lines
ROW_GAP = 0.6
#: share of the first column's filled lines that must be row numbers for it to be a number column
NUMBERED_SHARE = 0.6

_NUM = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}|[IVXLC]{1,5})[.)]?$")
_NUM_HEADER = re.compile(r"^(?:№|N[oо]?|№?\s*п\s*/?\s*п?\.?|/\s*п\.?|№№)$", re.I)


def _is_mark(w: Word) -> bool:
    """A word of punctuation only: a dash, a bar, a dot (Tesseract reads a wide gap as «—»); «№»
    and the like are text."""
    return all(unicodedata.category(ch)[0] == "P" or ch in "|~`^=+<>" for ch in w.text.strip())


def _is_noise(w: Word, h: float = 0.0) -> bool:
    """A word that does not count as text: a mark, or a small speck read as a letter (``h``: the
    page's usual word height)."""
    t = w.text.strip()
    return not t or _is_mark(w) or (len(t) == 1 and w.conf < NOISE_CONF and w.height < SPECK * h)


@dataclass
class _Line:
    words: list[Word]  # every word of the line, left to right
    solid: list[Word]  # the words that count as text (no specks)
    top: int
    bottom: int
    x0: int
    x1: int

    @staticmethod
    def of(words: list[Word], h: float) -> "_Line | None":
        """The line of ``words``, None for a line of specks and marks only."""
        solid = [w for w in words if not _is_noise(w, h)]
        if not solid:
            return None
        return _Line(words=words, solid=solid, top=min(w.box[1] for w in solid),
                     bottom=max(w.box[3] for w in solid), x0=min(w.box[0] for w in solid),
                     x1=max(w.box[2] for w in solid))

    def segments(self, min_gap: float) -> int:
        """How many runs of words the line has, split at gaps of at least ``min_gap``."""
        return 1 + sum(1 for a, b in zip(self.solid, self.solid[1:]) if b.box[0] - a.box[2] >= min_gap)


@dataclass
class _Region:
    """Consecutive lines in columns: ``members`` are the lines in the columns, ``spans`` the
    section headings crossing them (indexes into the page's lines), ``rivers`` the open gaps."""

    members: list[int]
    spans: list[int] = field(default_factory=list)
    rivers: list[tuple[int, int]] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(self.members + self.spans)

    @property
    def last(self) -> int:
        return max(self.members + self.spans)

    @property
    def n_lines(self) -> int:
        return len(self.members) + len(self.spans)


class _Cover:
    """The x-ranges covered by the words of some lines (one boolean per pixel column)."""

    def __init__(self, width: int, min_gap: float):
        self.cov = np.zeros(width, dtype=bool)
        self.lo, self.hi = width, -1
        self.min_gap = min_gap

    def copy(self) -> "_Cover":
        c = _Cover.__new__(_Cover)
        c.cov, c.lo, c.hi, c.min_gap = self.cov.copy(), self.lo, self.hi, self.min_gap
        return c

    def add(self, line: _Line) -> None:
        for w in line.solid:
            self.cov[max(0, w.box[0]): w.box[2] + 1] = True
        self.lo, self.hi = min(self.lo, line.x0), max(self.hi, line.x1)

    def rivers(self) -> list[tuple[int, int]]:
        """The uncovered x-ranges between the leftmost and rightmost word, at least ``min_gap``
        wide: (first free x, first covered x after it)."""
        if self.hi <= self.lo:
            return []
        free = ~self.cov[self.lo: self.hi + 1]
        edges = np.diff(np.concatenate(([0], free.astype(np.int8), [0])))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        wide = np.flatnonzero(ends - starts >= self.min_gap)
        return [(self.lo + int(starts[k]), self.lo + int(ends[k])) for k in wide]


def _keeps(old: list[tuple[int, int]], new: list[tuple[int, int]]) -> bool:
    """Whether every river of ``old`` still holds an open river of ``new``."""
    return all(any(a <= na and nb <= b for na, nb in new) for a, b in old)


class _Finder:
    def __init__(self, lines: list[_Line], h: float):
        self.lines = lines
        self.h = h
        self.min_gap = RIVER * h
        self.width = max(ln.x1 for ln in lines) + 2

    def _close(self, a: int, b: int) -> bool:
        """Whether line ``b`` follows line ``a`` without a wide vertical gap."""
        return self.lines[b].top - self.lines[a].bottom <= MAX_LINE_GAP * self.h

    def _fits(self, cover: _Cover, rivers: list[tuple[int, int]], idx: list[int]) -> _Cover | None:
        """The cover with the lines ``idx`` added, if every river stays open."""
        c = cover.copy()
        for i in idx:
            c.add(self.lines[i])
        return c if _keeps(rivers, c.rivers()) else None

    def grow(self, s: int) -> _Region | None:
        """The region of lines in columns that starts at line ``s`` (which must show the columns)."""
        cover = _Cover(self.width, self.min_gap)
        cover.add(self.lines[s])
        rivers = cover.rivers()
        if len(rivers) < MIN_COLS - 1:
            return None
        region = _Region(members=[s], rivers=rivers)
        n = len(self.lines)
        j, prev = s + 1, s
        while j < n and self._close(prev, j):
            c = self._fits(cover, rivers, [j])
            if c is not None:
                cover, rivers = c, c.rivers()
                region.members.append(j)
                prev, j = j, j + 1
                continue
            # a section heading across the columns, when the columns go on below it
            for k in range(1, MAX_SECTION_LINES + 1):
                below = [j + k, j + k + 1]
                if below[-1] >= n or not all(self._close(a, a + 1) for a in range(prev, below[-1])):
                    continue
                heading = range(j, j + k)
                if all(self.lines[i].segments(self.min_gap) == 1 and self._fits(cover, rivers, [i]) is None
                       for i in heading) and self._fits(cover, rivers, below) is not None:
                    region.spans.extend(heading)
                    prev, j = j + k - 1, j + k
                    break
            else:
                break
        region.rivers = rivers
        self._headings_found_late(region)
        return region

    def _headings_found_late(self, region: _Region) -> None:
        """Section headings that crossed a column not yet seen when they were added.

        A header row with an empty «№» cell shows no number column, so a heading right below it
        («Муниципальный уровень», from the left edge into the next column) fits the columns known
        so far and closes the number column's river for good. The columns shown by the lines of
        several runs of words tell: a line of one run crossing one of their rivers from edge to
        edge, starting left of the first one, is a heading."""
        lines = self.lines
        core = [i for i in region.members if lines[i].segments(self.min_gap) >= 2]
        if len(core) < MIN_LINES:
            return
        cover = _Cover(self.width, self.min_gap)
        for i in core:
            cover.add(lines[i])
        rivers = cover.rivers()
        if len(rivers) <= len(region.rivers):
            return
        crossing = [i for i in region.members if i not in core and lines[i].x0 < rivers[0][0]
                    and any(lines[i].x0 < a and b < lines[i].x1 for a, b in rivers)]
        if not crossing or len(crossing) > max(MAX_SECTION_LINES, len(region.members) // 5):
            return
        rest = _Cover(self.width, self.min_gap)
        for i in region.members:
            if i not in crossing:
                rest.add(lines[i])
        kept = rest.rivers()
        if len(kept) > len(region.rivers) and _keeps(region.rivers, kept):
            region.members = [i for i in region.members if i not in crossing]
            region.spans = sorted(region.spans + crossing)
            region.rivers = kept

    def tables(self) -> list[GridTable]:
        """The tables of the page's lines, top to bottom."""
        out: list[GridTable] = []
        n = len(self.lines)
        s = 0
        while s < n:
            r = self.grow(s)
            if r is None or r.n_lines < MIN_LINES:
                s += 1
                continue
            # a line above the table that fits some of its columns: the table starts below it
            while s + 1 <= r.last:
                r2 = self.grow(s + 1)
                if r2 is None or r2.last < r.last or len(r2.rivers) <= len(r.rivers):
                    break
                s, r = s + 1, r2
            t = _table(self.lines, r, self.h) if r.n_lines >= MIN_LINES else None
            if t is not None:
                out.append(t)
                s = r.last + 1
                continue
            # not a table (no header, no numbers): it may still start at a header or a numbered
            # line further down; lines in columns before one are skipped (signatures in columns)
            s = next((i for i in range(s + 1, r.last + 1) if self._may_open(i)), r.last + 1)
        return out

    def _may_open(self, i: int) -> bool:
        """Whether line ``i`` could open a table: it shows the columns and reads as a header or
        starts with a row number."""
        line = self.lines[i]
        if line.segments(self.min_gap) < MIN_COLS:
            return False
        runs: list[list[str]] = [[line.solid[0].text]]
        for a, b in zip(line.solid, line.solid[1:]):
            if b.box[0] - a.box[2] >= self.min_gap:
                runs.append([])
            runs[-1].append(b.text)
        cells = [" ".join(r) for r in runs]
        return bool(_NUM.match(cells[0])) or is_header_row(cells)


def _boundary(river: tuple[int, int], h: float) -> float:
    """Where a column boundary stands in a river: just before the next column's text (cells are
    left-aligned, so that edge is the same on every page of the table; the ragged right edge of the
    text before the river is not), but never left of the river's middle."""
    a, b = river
    return max((a + b) / 2, b - 0.5 * h)


def _columns(lines: list[_Line], members: list[int], rivers: list[tuple[int, int]], h: float) -> list[float]:
    """Column boundaries (x), one per river; a column holding text on fewer than
    ``MIN_COLUMN_LINES`` lines is joined to its neighbour across the narrower river."""
    rivers = list(rivers)
    while rivers:
        bounds = [_boundary(r, h) for r in rivers]
        counts = [0] * (len(bounds) + 1)
        for i in members:
            for c in {bisect.bisect(bounds, w.cx) for w in lines[i].solid}:
                counts[c] += 1
        # a number column of which the OCR read one number or only its header word stays (the OCR
        # drops lone digits; the rows are then found by their other columns)
        lone_number = counts[0] == 1 and all(_NUM.match(w.text) or _NUM_HEADER.match(w.text)
                                             for i in members for w in lines[i].solid if w.cx < bounds[0])
        weak = min(range(1 if lone_number else 0, len(counts)), key=lambda c: counts[c])
        if counts[weak] >= MIN_COLUMN_LINES:
            return bounds
        sides = [k for k in (weak - 1, weak) if 0 <= k < len(rivers)]
        drop = min(sides, key=lambda k: rivers[k][1] - rivers[k][0])
        del rivers[drop]
    return []


def _cell_texts(line: _Line, bounds: list[float]) -> list[str]:
    cols: list[list[str]] = [[] for _ in range(len(bounds) + 1)]
    for w in line.solid:
        cols[bisect.bisect(bounds, w.cx)].append(w.text)
    return [" ".join(c) for c in cols]


def _is_number_cell(text: str) -> bool:
    """A short text in the first column that is not a header word: a row number, perhaps misread
    («т.» for «1.», «Ге» for «12.»; the roadmap stage repairs a number by its neighbours)."""
    t = text.strip()
    return bool(t) and len(t) <= 5 and len(t.split()) <= 2 and not _NUM_HEADER.match(t)


def _first_number(members: list[int], texts: dict[int, list[str]]) -> int | None:
    """The first line numbering a row when the first column numbers the rows, else None."""
    filled = [i for i in members if texts[i][0].strip()]
    numbered = [i for i in filled if _is_number_cell(texts[i][0])]
    if len(numbered) < 2 or not any(_NUM.match(texts[i][0].strip()) for i in numbered):
        return None
    after = [i for i in filled if i >= numbered[0]]
    return numbered[0] if len(numbered) >= NUMBERED_SHARE * len(after) else None


def _wide_gaps(lines: list[_Line], runs: list[list[int]], h: float) -> set[int]:
    """The lines below a vertical gap clearly wider than the usual gap between the lines of a cell
    (rows set apart by spacing); nothing unless at least two such gaps show a pattern."""
    gaps = [(lines[b].top - lines[a].bottom, b) for run in runs for a, b in zip(run, run[1:])]
    if len(gaps) < 3:
        return set()
    base = sorted(g for g, _ in gaps)[len(gaps) // 4]  # the lower quartile: a cell's own lines
    wide = {b for g, b in gaps if g >= base + ROW_GAP * h}
    return wide if len(wide) >= 2 else set()


def _starts_sentence(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in "«\"")


_NUM_CUT = re.compile(r"^\d{1,3}(?:\.\d{1,3})+$")  # «1.1» of «1.11» cut at a narrow cell's edge


def _number_goes_on(above: list[str], cells: list[str]) -> bool:
    """Whether the first column's «1» goes on with the number «1.1» of the line above (a narrow
    number column breaks «1.11» over two lines) rather than numbering a row: the other cells of the
    line go on in lower case."""
    rest = next((t.strip() for t in cells[1:] if t.strip()), "")
    return bool(_NUM_CUT.match(above[0].strip()) and re.fullmatch(r"\d{1,2}\.?", cells[0].strip())
                and not _starts_sentence(rest))


def _row_starts(lines: list[_Line], runs: list[list[int]], texts: dict[int, list[str]], h: float,
                numbered_from: int | None) -> set[int]:
    """The lines that start a row; ``runs`` are the runs of lines between section headings.

    Cells are top-aligned, so a cell's text runs from its row's first line without a pause: a
    line with text in a column that was empty on the row's first line or on the line above starts
    a new row whatever else is known. Besides: with a number column, every line with text in it
    (above the first number: the header, then perhaps the end of a row begun on the page before,
    whose lines start a sentence and are not a lone header word); else the lines below a wider
    gap, or, evenly spaced, a line filling its row's columns whose first cell starts a sentence.
    A row split too often leaves a row without a number, which the roadmap stage joins back to the
    row above."""
    wide = _wide_gaps(lines, runs, h)
    starts: set[int] = set()
    for run in runs:
        start = run[0]
        starts.add(start)
        for prev, i in zip(run, run[1:]):
            cells = texts[i]
            filled = [c for c, t in enumerate(cells) if t.strip()]
            if numbered_from is not None and i < numbered_from:
                new = all(_starts_sentence(cells[c].strip()) for c in filled) and \
                    any(len(cells[c].split()) > 1 for c in filled)
            else:
                new = any(not texts[start][c].strip() or not texts[prev][c].strip() for c in filled)
                if numbered_from is not None:
                    new = new or (bool(cells[0].strip()) and not _number_goes_on(texts[prev], cells)) \
                        or i in wide
                elif wide:
                    new = new or i in wide
                else:
                    # evenly spaced: a line filling every column its row's first line fills, whose
                    # first filled cell starts a sentence (one-line rows)
                    first = texts[start]
                    row_cols = [c for c, t in enumerate(first) if t.strip()]
                    new = new or (bool(filled) and filled[0] == row_cols[0] and set(row_cols) <= set(filled)
                                  and _starts_sentence(cells[filled[0]].strip()))
            if new:
                starts.add(i)
                start = i
    return starts


def _table(lines: list[_Line], region: _Region, h: float) -> GridTable | None:
    bounds = _columns(lines, region.members, region.rivers, h)
    if len(bounds) < MIN_COLS - 1:
        return None
    ncols = len(bounds) + 1
    texts = {i: _cell_texts(lines[i], bounds) for i in region.members}
    order = sorted(region.members + region.spans)
    spans = set(region.spans)
    runs: list[list[int]] = []  # the lines in columns between section headings
    after_span = True
    for i in order:
        if i in spans:
            after_span = True
            continue
        if after_span:
            runs.append([])
        runs[-1].append(i)
        after_span = False
    numbered_from = _first_number(region.members, texts)
    starts = _row_starts(lines, runs, texts, h, numbered_from)
    rows: list[tuple[list[int], bool]] = []  # (lines, is a section heading)
    for i in order:
        if i in spans:
            if rows and rows[-1][1] and rows[-1][0][-1] == i - 1:
                rows[-1][0].append(i)  # a heading over two lines
            else:
                rows.append(([i], True))
        elif i in starts or not rows or rows[-1][1]:
            rows.append(([i], False))
        else:
            rows[-1][0].append(i)
    if len(rows) < MIN_ROWS:
        return None
    if numbered_from is None:
        head, section = rows[0]
        cells = ["\n".join(texts[i][c] for i in head if texts[i][c]) for c in range(ncols)]
        if section or not is_header_row(cells):
            return None

    pad = max(2, int(round(0.3 * h)))
    left = min(lines[i].x0 for i in order) - pad
    right = max(lines[i].x1 for i in order) + pad
    xs = [left] + [int(round(b)) for b in bounds] + [right]
    tops = [min(lines[i].top for i in r) for r, _ in rows]
    bottoms = [max(lines[i].bottom for i in r) for r, _ in rows]
    ys = [tops[0] - pad] + [int(round((bottoms[k] + tops[k + 1]) / 2)) for k in range(len(rows) - 1)]
    ys.append(bottoms[-1] + pad)
    table = GridTable(box=(xs[0], ys[0], xs[-1], ys[-1]), xs=xs, ys=ys, borderless=True)
    for r, (_, section) in enumerate(rows):
        if section:
            table.rows.append([GridCell(row=r, col=0, span=ncols, box=(xs[0], ys[r], xs[-1], ys[r + 1]))])
        else:
            table.rows.append([GridCell(row=r, col=c, span=1, box=(xs[c], ys[r], xs[c + 1], ys[r + 1]))
                               for c in range(ncols)])
    return table


def find_borderless_tables(words: Sequence[Word], ruled: Sequence[GridTable] = ()) -> list[GridTable]:
    """Tables laid out in columns without ruling lines among one page's OCR words, top to bottom.

    Words inside a ``ruled`` table's box are left out, and a table found here that would overlap a
    ruled one is dropped (the ruled table wins)."""
    def inside(w: Word, t: GridTable) -> bool:
        x0, y0, x1, y1 = t.box
        return x0 <= w.cx <= x1 and y0 <= w.cy <= y1

    free = [w for w in words if w.text.strip() and not any(inside(w, t) for t in ruled)]
    heights = [w.height for w in free if not _is_noise(w) and len(w.text.strip()) >= 2]
    if len(heights) < MIN_LINES * MIN_COLS:
        return []
    h = float(statistics.median(heights))
    if h <= 0:
        return []
    lines = [ln for ln in (_Line.of(ws, h) for ws in text_lines(free)) if ln is not None]
    if len(lines) < MIN_LINES:
        return []
    return [t for t in _Finder(lines, h).tables() if not any(_overlap(t.box, r.box) for r in ruled)]


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def drop_gap_marks(words: Sequence[Word], tables: Sequence[GridTable]) -> list[Word]:
    """The words without the marks Tesseract reads in the empty gap between two columns of a table
    found without rulings (a «—» or «|» standing where no text of its column stands)."""
    tables = [t for t in tables if t.borderless]
    if not tables:
        return list(words)
    drop: set[int] = set()
    for t in tables:
        x0, y0, x1, y1 = t.box
        inside = [w for w in words if x0 <= w.cx <= x1 and y0 <= w.cy <= y1]
        extents: dict[int, tuple[int, int]] = {}
        for w in inside:
            if not _is_noise(w):
                c = bisect.bisect(t.xs, w.cx) - 1
                a, b = extents.get(c, (w.box[0], w.box[2]))
                extents[c] = (min(a, w.box[0]), max(b, w.box[2]))
        for w in inside:
            if _is_mark(w):
                a, b = extents.get(bisect.bisect(t.xs, w.cx) - 1, (0, -1))
                if not a <= w.cx <= b:
                    drop.add(id(w))
    return [w for w in words if id(w) not in drop]
