"""CSV: UTF-8 with a BOM so Excel shows Cyrillic, a header row, cells with commas and line breaks quoted."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from shnor_docs.export.csv import to_csv_bytes, write_csv


def test_csv_bytes_have_bom_header_and_quoting():
    data = to_csv_bytes(["file", "directives", "pages"],
                        [{"file": "приказ, №5.txt", "directives": "1. Утвердить план.\n2. Контроль.", "pages": None}])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [["file", "directives", "pages"], ["приказ, №5.txt", "1. Утвердить план.\n2. Контроль.", ""]]


def test_write_csv_replaces_the_file_whole(tmp_path: Path):
    p = tmp_path / "t" / "x.csv"
    write_csv(p, ["a"], [{"a": 1}])
    write_csv(p, ["a"], [{"a": 2}])
    assert p.read_bytes().decode("utf-8-sig") == "a\r\n2\r\n"
    assert [f.name for f in p.parent.iterdir()] == ["x.csv"]
