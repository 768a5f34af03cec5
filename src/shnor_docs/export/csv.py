"""CSV exports that Excel opens correctly: UTF-8 with a byte-order mark, a header row."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable

from .atomic import write_bytes_atomic


def to_csv_bytes(columns: list[str], rows: Iterable[dict]) -> bytes:
    """The CSV file as bytes: BOM, header, one line per row (``None`` as an empty cell)."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for r in rows:
        w.writerow(["" if r.get(c) is None else r.get(c) for c in columns])
    # the BOM is what makes Excel read the file as UTF-8 rather than the local code page
    return "\ufeff".encode("utf-8") + buf.getvalue().encode("utf-8")


def write_csv(path: Path | str, columns: list[str], rows: Iterable[dict]) -> None:
    """Write one table to ``path`` atomically."""
    write_bytes_atomic(path, to_csv_bytes(columns, rows))
