"""An XLSX workbook with one sheet per export table, ready for a spreadsheet user.

Header row bold and frozen, an autofilter over the data, column widths from the content (capped),
long text wrapped. The workbook is written whole or not at all.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Iterable

from .atomic import write_bytes_atomic

log = logging.getLogger("shnor_docs")

MAX_WIDTH = 60
#: data rows a sheet can hold (Excel's limit is 1,048,576 rows including the header)
MAX_ROWS = 1_048_575
MIN_WIDTH = 6
#: the longest text a cell may hold in Excel
_CELL_LIMIT = 32767
_ILLEGAL = {c: None for c in range(32) if chr(c) not in "\t\n\r"}


def _cell(value):
    if isinstance(value, str):
        # openpyxl refuses control characters; Excel refuses over-long cells
        return value.translate(_ILLEGAL)[:_CELL_LIMIT]
    return value


def to_xlsx_bytes(tables: Iterable[tuple[str, list[str], Iterable[dict]]]) -> bytes:
    """The workbook as bytes; ``tables`` are ``(sheet name, columns, rows)``."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    # write-only mode streams rows (several times faster on big backlogs); it needs the column
    # widths before the first row, hence two passes over each table
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for name, columns, rows in tables:
        values = [[_cell(r.get(c)) for c in columns] for r in rows]
        if len(values) > MAX_ROWS:
            log.warning("sheet %s: %d rows, Excel shows %d; the CSV and the catalog have them all",
                        name, len(values), MAX_ROWS)
            values = values[:MAX_ROWS]
        widths = [len(c) for c in columns]
        for vals in values:
            for i, v in enumerate(vals):
                if v is not None:
                    longest = max((len(line) for line in str(v).split("\n")), default=0)
                    if longest > widths[i]:
                        widths[i] = longest
        ws = wb.create_sheet(title=name[:31])
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(values) + 1}"
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = max(MIN_WIDTH, min(MAX_WIDTH, w + 2))
        header = []
        for c in columns:
            cell = WriteOnlyCell(ws, value=c)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        wide = [i for i, w in enumerate(widths) if w > MAX_WIDTH]
        for vals in values:
            if wide:
                vals = list(vals)
                for i in wide:
                    if vals[i] is not None:
                        cell = WriteOnlyCell(ws, value=vals[i])
                        cell.alignment = wrap
                        vals[i] = cell
            ws.append(vals)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_xlsx(path: Path | str, tables: Iterable[tuple[str, list[str], Iterable[dict]]]) -> None:
    """Write the workbook to ``path`` atomically."""
    write_bytes_atomic(path, to_xlsx_bytes(tables))
