"""OCR words to blocks: lines of running text become Paragraphs, words inside a table's grid (ruled,
or drawn from the words' layout for a table without rulings) become its Cells, and a table continued
on the next page is joined to the one it continues.

Coordinates: the words' pixel boxes are multiplied by ``unit`` (1 for an image's pixels, 72/dpi for
PDF points) so every Provenance is in the page's own units.
"""

from __future__ import annotations

import statistics
from typing import Iterable, Sequence

from ..document import Block, Cell, Paragraph, Provenance, Table
from ..tables.image_grid import GridCell, GridTable
from .base import OcrPage, Word

#: a vertical gap above a line larger than this share of the usual line height is a paragraph gap
GAP = 0.9


def _mean_conf(words: Sequence[Word]) -> float | None:
    confs = [w.conf for w in words if w.conf >= 0]
    return sum(confs) / len(confs) if confs else None


def _bbox(words: Sequence[Word]) -> tuple[int, int, int, int]:
    return (min(w.box[0] for w in words), min(w.box[1] for w in words),
            max(w.box[2] for w in words), max(w.box[3] for w in words))


def _prov(page: int, box: tuple[float, float, float, float], conf: float | None, unit: float) -> Provenance:
    return Provenance(page=page, box=tuple(round(v * unit, 1) for v in box), confidence=conf)


def text_lines(words: Sequence[Word]) -> list[list[Word]]:
    """Words split into visual lines top to bottom, each left to right (for text inside a cell,
    where the engine's own line numbers can run across neighbouring cells)."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.cy, w.box[0])):
        if lines:
            last = lines[-1]
            mid = statistics.fmean(v.cy for v in last)
            height = statistics.fmean(v.height for v in last)
            if abs(w.cy - mid) <= 0.5 * max(height, w.height):
                last.append(w)
                continue
        lines.append([w])
    return [sorted(line, key=lambda w: w.box[0]) for line in lines]


def _engine_lines(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped by the engine's (block, paragraph, line) numbers, in the engine's order."""
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        groups.setdefault((w.block, w.par, w.line), []).append(w)
    return [sorted(g, key=lambda w: w.box[0]) for g in groups.values()]


def _table_block(grid: GridTable, words: list[Word], page: int, unit: float) -> Table:
    by_cell: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        cell = grid.cell_at(w.cx, w.cy)
        if cell is not None:
            by_cell.setdefault((cell.row, cell.col), []).append(w)
    rows: list[list[Cell]] = []
    for grid_row in grid.rows:
        row: list[Cell] = []
        for gc in grid_row:
            row.append(_cell(gc, by_cell.get((gc.row, gc.col), []), page, unit))
        rows.append(row)
    return Table(rows=rows, prov=_prov(page, grid.box, _mean_conf(words), unit), pages=[page],
                 borderless=grid.borderless)


def _cell(gc: GridCell, words: list[Word], page: int, unit: float) -> Cell:
    text = "\n".join(" ".join(w.text for w in line) for line in text_lines(words))
    return Cell(text=text, prov=_prov(page, gc.box, _mean_conf(words), unit), span=gc.span)


def page_blocks(ocr: OcrPage, tables: Sequence[GridTable], page: int, unit: float = 1.0) -> list[Block]:
    """The page's blocks in reading order: its text lines as Paragraphs and its ruled tables, each
    table where its top edge falls among the lines. Words inside a table never become paragraphs."""
    in_table: list[list[Word]] = [[] for _ in tables]
    free: list[Word] = []
    for w in ocr.words:
        for i, t in enumerate(tables):
            x0, y0, x1, y1 = t.box
            if x0 <= w.cx <= x1 and y0 <= w.cy <= y1:
                in_table[i].append(w)
                break
        else:
            free.append(w)
    lines = _engine_lines(free)
    heights = [_bbox(line)[3] - _bbox(line)[1] for line in lines]
    usual = statistics.median(heights) if heights else 0
    left = min((_bbox(line)[0] for line in lines), default=0)
    right = max((_bbox(line)[2] for line in lines), default=0)
    span = max(1, right - left)

    blocks: list[Block] = []
    pending = sorted(range(len(tables)), key=lambda i: tables[i].box[1])
    prev_bottom: float | None = None
    for line in lines:
        box = _bbox(line)
        cy = (box[1] + box[3]) / 2
        while pending and tables[pending[0]].box[1] < cy:
            i = pending.pop(0)
            blocks.append(_table_block(tables[i], in_table[i], page, unit))
            prev_bottom = tables[i].box[3]
        gap = prev_bottom is not None and box[1] - prev_bottom > GAP * usual
        width = box[2] - box[0]
        centred = width < 0.75 * span and abs((box[0] + box[2]) / 2 - (left + right) / 2) < 0.04 * span
        blocks.append(Paragraph(text=" ".join(w.text for w in line),
                                prov=_prov(page, box, _mean_conf(line), unit),
                                gap_before=bool(gap), centered=centred))
        prev_bottom = box[3]
    for i in pending:
        blocks.append(_table_block(tables[i], in_table[i], page, unit))
    return blocks


# --- tables continued over a page break ----------------------------------------------------------

def _is_minor(b: Block) -> bool:
    """A page number or running head: a short paragraph that may stand between a page edge and a
    table continuing across it."""
    return isinstance(b, Paragraph) and len(b.text.split()) <= 3 and len(b.text) <= 25


def _edges(t: Table) -> list[float] | None:
    """Column boundaries (x) of the table's fullest row, from the cells' boxes."""
    row = max(t.rows, key=len, default=None)
    if not row or any(c.prov is None or c.prov.box is None for c in row):
        return None
    return [c.prov.box[0] for c in row] + [row[-1].prov.box[2]]


def _lines_up(a: Table, b: Table) -> bool:
    ea, eb = _edges(a), _edges(b)
    if ea is None or eb is None or len(ea) != len(eb):
        return False
    width = max(ea[-1] - ea[0], 1.0)
    if a.borderless and b.borderless:
        # no rulings: the right edge is where the longest text of the page ends, not a boundary
        ea, eb = ea[:-1], eb[:-1]
    return all(abs(x - y) <= 0.02 * width for x, y in zip(ea, eb))


def _norm(row: list[Cell]) -> list[str]:
    return [" ".join(c.text.split()).lower() for c in row]


def _same_row(a: list[Cell], b: list[Cell]) -> bool:
    """Two header rows alike up to OCR noise («№ п/п» read once as «№»)."""
    from rapidfuzz import fuzz

    ta, tb = " | ".join(_norm(a)), " | ".join(_norm(b))
    return len(a) == len(b) and (ta == tb or fuzz.ratio(ta, tb) >= 85)


def _after_header(row: list[Cell], header: list[Cell]) -> list[Cell] | None:
    """What a table without rulings holds under its repeated header in its first row, or None.

    Without rulings nothing parts the header from the end of a row begun on the page before when
    no row number stands between them (both fill the first row's cells); each cell then begins
    with the header's lines, and the lines after them are that row's end."""
    from rapidfuzz import fuzz

    if len(row) != len(header):
        return None
    rest: list[Cell] = []
    for cell, head in zip(row, header):
        lines, want = cell.text.split("\n"), [x for x in head.text.split("\n") if x.strip()]
        got = " ".join(" ".join(lines[: len(want)]).split()).lower()
        if want and fuzz.ratio(got, " ".join(" ".join(want).split()).lower()) < 85:
            return None
        rest.append(Cell("\n".join(lines[len(want):]).strip("\n"), prov=cell.prov, span=cell.span))
    return rest if any(c.text.strip() for c in rest) else None


def merge_continued_tables(pages: dict[int, list[Block]]) -> None:
    """Join, in place, a table that opens page p+1 to the table that closes page p when their columns
    line up; a repeated header row on the new page is dropped. Only neighbouring pages present in
    ``pages`` are joined; the joined table stays on the page where it starts, so a table running
    over three pages or more is joined page after page."""
    open_table: Table | None = None  # the table the text so far ends with
    prev: int | None = None
    for p in sorted(pages):
        blocks = pages[p]
        first_idx = next((i for i, b in enumerate(blocks) if not _is_minor(b)), None)
        if open_table is not None and prev == p - 1 and first_idx is not None \
                and isinstance(blocks[first_idx], Table) and _lines_up(open_table, blocks[first_idx]):
            cont = blocks[first_idx]
            rows = cont.rows
            if rows and open_table.rows and _same_row(rows[0], open_table.rows[0]):
                rows = rows[1:]
            elif rows and open_table.rows and cont.borderless:
                rest = _after_header(rows[0], open_table.rows[0])
                if rest is not None:
                    rows = [rest, *rows[1:]]
            open_table.rows.extend(rows)
            open_table.pages.extend(pg for pg in cont.pages if pg not in open_table.pages)
            del blocks[first_idx]
        if any(not _is_minor(b) for b in blocks):
            open_table = _last_table(blocks)
        # a page left with only a page number (its whole table joined above) keeps the table open
        prev = p


def _last_table(blocks: Iterable[Block]) -> Table | None:
    for b in reversed(list(blocks)):
        if isinstance(b, Table):
            return b
        if not _is_minor(b):
            return None
    return None
