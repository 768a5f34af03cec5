"""Ruled PDF tables: grid rows to :class:`Table`, and tables that run over a page break to one.

pdfplumber gives a table as rows over a common column grid, with ``None`` where a merged cell
covers the position. A position covered from the left (horizontal merge) becomes the ``span`` of
the cell that covers it; a position covered from above (vertical merge) becomes an empty cell,
so that every row still has its columns in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Cell, Provenance, Table

Box = tuple[float, float, float, float]

_TOL = 3.0  # points: how far two column edges may differ and still be one edge


@dataclass
class PageTable:
    """A table found on one page, with the column edges needed to join it to its continuation."""

    table: Table
    columns: list[float]  # x0 of every grid column, then the table's right edge


_HYPHEN_BREAK = re.compile(r"(\w+)-\n(?=[a-zа-яё])")
# a compound's first part («научно-», «учебно-», «финансово-») keeps its hyphen at a line end
_COMPOUND_STEM = re.compile(r"(?:но|ко|во|ло|ро)$")


def join_hyphenation(text: str) -> str:
    """Undo layout hyphenation: ``"ме-\\nтодическому"`` → ``"методическому"``.

    A line-end hyphen after a compound's first part is a real hyphen and stays, the line break
    going: ``"научно-\\nметодический"`` → ``"научно-методический"``.
    """
    if "-\n" not in text:
        return text

    from ..extract.morph import is_known

    def repl(m: re.Match) -> str:
        stem = m.group(1)
        rest = re.match(r"[a-zа-яё]+", text[m.end():])
        # the dictionary decides: «ме-»+«тодическому» is one word, «школы-»+«участницы» a compound
        if rest and is_known((stem + rest.group(0)).lower()):
            return stem
        if rest and is_known(rest.group(0)) and is_known(stem.lower()):
            return stem + "-"
        if len(stem) >= 5 and _COMPOUND_STEM.search(stem.lower()):
            return stem + "-"
        return stem

    return _HYPHEN_BREAK.sub(repl, text)


def clean_cell_text(text: str | None) -> str:
    """A cell's text: hyphenation undone, spaces squeezed, empty lines dropped."""
    if not text:
        return ""
    text = join_hyphenation(text.replace("\r", ""))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _column_edges(cells: list[list[Box | None]]) -> list[float]:
    # the same x0 set pdfplumber aligns its rows on, so index j of a row is column j here
    xs = sorted({c[0] for row in cells for c in row if c is not None})
    right = max((c[2] for row in cells for c in row if c is not None), default=0.0)
    return xs + [right]


def build_table(cells: list[list[Box | None]], texts: list[list[str | None]], page: int) -> PageTable:
    """One page's grid (``cells`` boxes, ``texts``) as a Table with spans and provenance."""
    edges = _column_edges(cells)
    ncols = len(edges) - 1
    rows: list[list[Cell]] = []
    for box_row, text_row in zip(cells, texts):
        row: list[Cell] = []
        j = 0
        while j < len(box_row):
            box = box_row[j]
            if box is None:
                # covered from above: keep the column, leave it empty
                row.append(Cell("", Provenance(page=page)))
                j += 1
                continue
            span = sum(1 for k in range(j, ncols) if edges[k] < box[2] - _TOL)
            span = max(1, min(span, len(box_row) - j))
            text = clean_cell_text(text_row[j] if j < len(text_row) else None)
            row.append(Cell(text, Provenance(page=page, box=tuple(round(v, 2) for v in box)), span=span))
            j += span
        if any(c.text for c in row):
            rows.append(row)
    if rows and not re.match(r"\s*\d", rows[0][0].text):
        rows = drop_repeated_headers(rows, rows[0])
    x0 = min((c[0] for r in cells for c in r if c), default=0.0)
    top = min((c[1] for r in cells for c in r if c), default=0.0)
    x1 = max((c[2] for r in cells for c in r if c), default=0.0)
    bottom = max((c[3] for r in cells for c in r if c), default=0.0)
    table = Table(rows=rows, prov=Provenance(page=page, box=(x0, top, x1, bottom)), pages=[page])
    return PageTable(table=table, columns=edges)


def _same_columns(a: list[float], b: list[float]) -> bool:
    """Two grids are one table's when their outer edges agree and most inner edges do too."""
    if abs(a[0] - b[0]) > _TOL or abs(a[-1] - b[-1]) > _TOL:
        return False
    inner_b = b[1:-1]
    if not inner_b:
        return len(a) == 2
    hits = sum(1 for x in inner_b if any(abs(x - y) <= _TOL for y in a))
    return hits >= max(1, round(0.8 * len(inner_b))) and abs(len(a) - len(b)) <= max(1, len(a) // 4)


def _norm(row: list[Cell]) -> tuple[str, ...]:
    return tuple(" ".join(c.text.split()).lower() for c in row)


def _strip_header(row: list[Cell], header: list[Cell]) -> list[Cell] | None:
    """``row`` with a repeated ``header`` taken off: ``[]`` when the row is the header again, the
    rest when each cell starts with its header cell's lines (a split row's remainder drawn in
    the header's cells, with no rule between), ``None`` when the row is not a repeated header."""
    if len(row) != len(header) or not any(c.text for c in header):
        return None
    if _norm(row) == _norm(header):
        return []
    rest: list[Cell] = []
    longer = False
    for c, h in zip(row, header):
        lines, head = c.text.split("\n"), h.text.split("\n") if h.text else []
        if lines[:len(head)] != head:
            return None
        tail = "\n".join(lines[len(head):])
        longer = longer or bool(tail)
        rest.append(Cell(tail, c.prov, c.span))
    return rest if longer and not rest[0].text else None


def drop_repeated_headers(rows: list[list[Cell]], header: list[Cell], start: int = 1) -> list[list[Cell]]:
    """``rows`` without copies of ``header`` (from ``start`` on): a header repeated after a page
    break inside one drawn table, or at the top of a continuation page."""
    out = rows[:start]
    for row in rows[start:]:
        rest = _strip_header(row, header)
        if rest is None:
            out.append(row)
        elif rest:
            out.append(rest)
    return out


def continue_table(prev: PageTable, nxt: PageTable) -> bool:
    """Append ``nxt`` (the first block of a page) to ``prev`` (the last block of the page
    before) when it is the same table's continuation; a header row repeated at the top of the
    new page is dropped. Returns whether it joined."""
    if not _same_columns(prev.columns, nxt.columns):
        return False
    if prev.table.rows:
        prev.table.rows.extend(drop_repeated_headers(nxt.table.rows, prev.table.rows[0], start=0))
    else:
        prev.table.rows.extend(nxt.table.rows)
    for p in nxt.table.pages:
        if p not in prev.table.pages:
            prev.table.pages.append(p)
    return True
