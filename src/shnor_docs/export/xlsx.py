"""An XLSX workbook with one sheet per export table, ready for a spreadsheet user.

Header row bold and frozen, an autofilter over the data, column widths from the content (capped),
long text wrapped. The workbook is written whole or not at all.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable

from .atomic import write_bytes_atomic

MAX_WIDTH = 60
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
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for name, columns, rows in tables:
        ws = wb.create_sheet(title=name[:31])
        ws.append(columns)
        widths = [len(c) for c in columns]
        n = 0
        for r in rows:
            values = [_cell(r.get(c)) for c in columns]
            ws.append(values)
            n += 1
            for i, v in enumerate(values):
                if v is not None:
                    longest = max((len(line) for line in str(v).split("\n")), default=0)
                    widths[i] = max(widths[i], longest)
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"
        last = get_column_letter(len(columns))
        ws.auto_filter.ref = f"A1:{last}{n + 1}"
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = max(MIN_WIDTH, min(MAX_WIDTH, w + 2))
        if any(w > MAX_WIDTH for w in widths):
            for row in ws.iter_rows(min_row=2):
                for i, cell in enumerate(row):
                    if widths[i] > MAX_WIDTH:
                        cell.alignment = wrap
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_xlsx(path: Path | str, tables: Iterable[tuple[str, list[str], Iterable[dict]]]) -> None:
    """Write the workbook to ``path`` atomically."""
    write_bytes_atomic(path, to_xlsx_bytes(tables))
