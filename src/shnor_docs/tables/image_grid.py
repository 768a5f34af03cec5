"""Ruled tables in a page image: find the ruling lines, build the grid, find merged cells.

The algorithm, in the order it runs (:func:`find_tables`):

1. binarise with an adaptive threshold (uneven scans), then keep only long horizontal runs
   (opening with a kernel of ~1/30 of the page width) and long vertical runs (~1/6 inch: a row
   of one line of text is not much taller);
2. group the rulings into tables (connected components of the dilated union);
3. per table, cluster the line positions into the grid's row and column boundaries, adding an
   outer edge where the table has no outer border;
4. per row, a column boundary whose line segment is missing inside that row joins the two cells
   (a section row spanning the whole table becomes one cell); a missing row boundary inside a cell
   makes the lower cell a continuation of the upper one (a cell spanning rows).

Pixels of the rulings are returned as a mask so the page can be OCR'd without them (Tesseract
reads a ruling beside a word as «|» or «_»).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

#: share of a boundary that must be inked for the boundary to count as present
PRESENT = 0.6


@dataclass
class GridCell:
    """One cell of the grid: its row, first column, column span and pixel box. A cell whose upper
    boundary is missing continues the cell above: ``owner`` is then that cell's (row, col)."""

    row: int
    col: int
    span: int
    box: tuple[int, int, int, int]
    owner: tuple[int, int] | None = None


@dataclass
class GridTable:
    """A ruled table: its box, the x / y positions of its column / row boundaries, and its cells row
    by row (each row's cells left to right, covering every column once). ``borderless`` marks a
    table whose boundaries were drawn from its words' layout (:mod:`.image_columns`), not rulings."""

    box: tuple[int, int, int, int]
    xs: list[int]
    ys: list[int]
    rows: list[list[GridCell]] = field(default_factory=list)
    borderless: bool = False

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def cell_at(self, x: float, y: float) -> GridCell | None:
        """The cell (its owner, for a continuation) whose box holds the point, or None."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        r = max(0, min(len(self.ys) - 2, int(np.searchsorted(self.ys, y, side="right")) - 1))
        for cell in self.rows[r]:
            if cell.box[0] <= x <= cell.box[2]:
                if cell.owner is not None:
                    orow, ocol = cell.owner
                    return next(c for c in self.rows[orow] if c.col == ocol)
                return cell
        return None


def _cluster(values: list[tuple[float, int, int]], tol: float) -> list[tuple[int, int, int]]:
    """Positions within ``tol`` of each other merged: (mean position, min start, max end)."""
    out: list[list[float]] = []
    for pos, a, b in sorted(values):
        if out and pos - out[-1][0] / out[-1][3] <= tol:
            last = out[-1]
            last[0] += pos
            last[1] = min(last[1], a)
            last[2] = max(last[2], b)
            last[3] += 1
        else:
            out.append([pos, a, b, 1])
    return [(int(round(s / n)), int(a), int(b)) for s, a, b, n in out]


def _segments(mask: np.ndarray, horizontal: bool, min_len: int) -> list[tuple[float, int, int]]:
    """Line segments of a mask: (position across, start, end along)."""
    n, _, stats, cents = cv2.connectedComponentsWithStats(mask, connectivity=8)
    segs = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if horizontal and w >= min_len:
            segs.append((float(cents[i][1]), int(x), int(x + w)))
        elif not horizontal and h >= min_len:
            segs.append((float(cents[i][0]), int(y), int(y + h)))
    return segs


def rule_masks(gray: np.ndarray, dpi: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """Binary masks (255 = ruling) of the page's horizontal and vertical lines."""
    h, w = gray.shape
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    hk = max(30, w // 30)
    vk = max(25, dpi // 6)
    hor = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hk, 1)))
    ver = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vk)))
    # close the small breaks a scan leaves in a ruling
    gap = max(3, dpi // 40)
    hor = cv2.morphologyEx(hor, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    ver = cv2.morphologyEx(ver, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    return hor, _drop_glyph_stems(ver, hor, ink, 2 * vk, max(4, dpi // 50))


def _drop_glyph_stems(ver: np.ndarray, hor: np.ndarray, ink: np.ndarray, short: int, tol: int) -> np.ndarray:
    """The vertical mask without short runs that are letters' stems, not rulings.

    A tall letter's stem («ф», «р» with «у» below it) can be as long as the vertical kernel; taken
    for a ruling, it splits a cell into a phantom column (and is erased from the text: «Соормирована»).
    A real short ruling — a header's sub-column, one row's boundary — runs from rule to rule with
    white padding on both sides; a stem floats in its cell, or has the rest of its letter (the
    bowls of «ф») touching it on both sides, which in a one-line row reaches rule to rule too."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ver, connectivity=8)
    if n <= 1:
        return ver
    reach = cv2.dilate(hor, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * tol + 1, 2 * tol + 1)))
    keep = np.ones(n, dtype=bool)
    keep[0] = False
    # the page's column lines: a short run hugged by ink on both sides is a stem only where such
    # lines exist and it stands apart from them (a table's last row alone on a page has only short ones)
    columns = [stats[i][0] + stats[i][2] / 2 for i in range(1, n) if stats[i][3] >= short]
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if h >= short:
            continue
        if not (reach[y, x: x + w].any() and reach[y + h - 1, x: x + w].any()):
            keep[i] = False
            continue
        # two pixels off: the blurred edge of a real ruling is not its neighbour
        left = ink[y: y + h, max(0, x - tol - 2): max(0, x - 2)].any(axis=1)
        right = ink[y: y + h, x + w + 2: x + w + tol + 2].any(axis=1)
        hugged = (left & right).mean() >= 0.3
        keep[i] = not hugged or not columns or any(abs(x + w / 2 - c) <= tol for c in columns)
    if keep[1:].all():
        return ver
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def _present(mask: np.ndarray, horizontal: bool, pos: int, a: int, b: int, tol: int) -> bool:
    """Whether the ruling at ``pos`` is inked over most of ``a``..``b`` (ends trimmed, where the
    crossing lines are)."""
    trim = min(tol * 2, (b - a) // 4)
    a, b = a + trim, b - trim
    if b <= a:
        return True
    if horizontal:
        band = mask[max(0, pos - tol): pos + tol + 1, a:b]
        covered = band.any(axis=0)
    else:
        band = mask[a:b, max(0, pos - tol): pos + tol + 1]
        covered = band.any(axis=1)
    return covered.size > 0 and covered.mean() >= PRESENT


def _grid(hor: np.ndarray, ver: np.ndarray, box: tuple[int, int, int, int], dpi: int,
          min_h: int, min_v: int) -> GridTable | None:
    x0, y0, x1, y1 = box
    hsub, vsub = hor[y0:y1, x0:x1], ver[y0:y1, x0:x1]
    tol = max(4, dpi // 50)
    hl = _cluster(_segments(hsub, True, min_h), tol)
    vl = _cluster(_segments(vsub, False, min_v), tol)
    if len(hl) < 2 or len(vl) < 1:
        return None
    ys = [p for p, _, _ in hl]
    xs = [p for p, _, _ in vl]
    left, right = min(a for _, a, _ in hl), max(b for _, _, b in hl)
    top, bottom = min(a for _, a, _ in vl), max(b for _, _, b in vl)
    if xs[0] - left > tol * 2:
        xs.insert(0, left)
    if right - xs[-1] > tol * 2:
        xs.append(right)
    if ys[0] - top > tol * 2:
        ys.insert(0, top)
    if bottom - ys[-1] > tol * 2:
        ys.append(bottom)
    min_band = max(8, dpi // 25)
    xs = _drop_thin(xs, min_band)
    ys = _drop_thin(ys, min_band)
    if len(xs) < 2 or len(ys) < 2 or (len(xs) - 1) * (len(ys) - 1) < 2:
        return None
    table = GridTable(box=(x0 + xs[0], y0 + ys[0], x0 + xs[-1], y0 + ys[-1]),
                      xs=[x0 + x for x in xs], ys=[y0 + y for y in ys])
    ncols = len(xs) - 1
    for r in range(len(ys) - 1):
        ya, yb = ys[r], ys[r + 1]
        row: list[GridCell] = []
        c = 0
        while c < ncols:
            end = c + 1
            while end < ncols and not _present(vsub, False, xs[end], ya, yb, tol):
                end += 1
            cell = GridCell(row=r, col=c, span=end - c, box=(x0 + xs[c], y0 + ya, x0 + xs[end], y0 + yb))
            if r > 0 and not _present(hsub, True, ya, xs[c], xs[end], tol):
                above = next((u for u in table.rows[r - 1] if u.col == c and u.span == cell.span), None)
                if above is not None:
                    cell.owner = above.owner or (above.row, above.col)
            row.append(cell)
            c = end
        table.rows.append(row)
    return table


def _drop_thin(pos: list[int], min_band: int) -> list[int]:
    """Boundaries closer than ``min_band`` (a double ruling) counted once."""
    out: list[int] = []
    for p in sorted(pos):
        if out and p - out[-1] < min_band:
            continue
        out.append(p)
    return out


def find_tables(gray: np.ndarray, dpi: int = 300) -> tuple[list[GridTable], np.ndarray]:
    """The ruled tables of a (level) page image, top to bottom, and the mask of all rulings."""
    hor, ver = rule_masks(gray, dpi)
    rules = cv2.bitwise_or(hor, ver)
    joined = cv2.dilate(rules, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)), iterations=2)
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    h, w = gray.shape
    min_h, min_v = max(30, w // 30), max(25, dpi // 6)
    tables: list[GridTable] = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if bw < dpi or bh < dpi // 4:
            continue  # a signature underline or a short rule, not a table
        t = _grid(hor, ver, (int(x), int(y), int(x + bw), int(y + bh)), dpi, min_h, min_v)
        if t is not None:
            tables.append(t)
    tables.sort(key=lambda t: (t.box[1], t.box[0]))
    return tables, rules
