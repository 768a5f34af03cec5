"""The batch driver end to end: outputs, resume, identical copies, bad arguments."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest

from shnor_docs.api import extract
from shnor_docs.batch import BatchOptions, find_inputs, run_batch
from shnor_docs.cli import main


def _opts(in_dir: Path, out_dir: Path, **kw) -> BatchOptions:
    return BatchOptions(in_dir, out_dir, progress=False, **kw)


def test_cli_batch_writes_one_json_per_document_and_exports(sample_backlog: Path, tmp_path: Path, jsons_of):
    out = tmp_path / "out"
    assert main(["batch", str(sample_backlog), str(out), "--jobs", "2", "-q"]) == 0
    jsons = jsons_of(out)
    assert sorted(jsons) == ["order_00.txt.json", "order_01.txt.json", "order_02.txt.json",
                             "архив 2022/order_03.txt.json"]
    # the driver writes what the library returns, unchanged
    for rel, data in jsons.items():
        expected = extract(sample_backlog / rel[: -len(".json")]).to_dict()
        assert data == json.loads(json.dumps(expected, ensure_ascii=False))
    orders_csv = (out / "csv" / "orders.csv").read_bytes()
    assert orders_csv.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(orders_csv.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["file", "sha256", "media_type"]
    assert [r[0] for r in rows[1:]] == ["order_00.txt", "order_01.txt", "order_02.txt", "архив 2022/order_03.txt"]
    assert (out / "backlog.xlsx").stat().st_size > 0
    db = sqlite3.connect(out / "catalog.sqlite")
    rows = db.execute("SELECT file, status, json_path, length(sha256) FROM documents ORDER BY file").fetchall()
    assert [r[1] for r in rows] == ["ok"] * 4
    assert rows[3] == ("архив 2022/order_03.txt", "ok", "json/архив 2022/order_03.txt.json", 64)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_rerun_skips_done_files_by_content(sample_backlog: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = run_batch(_opts(sample_backlog, out))
    assert (first.processed, first.skipped, first.ok, first.exit_code) == (4, 0, 4, 0)
    again = run_batch(_opts(sample_backlog, out))
    assert (again.processed, again.skipped, again.ok) == (0, 4, 4)
    # a renamed file is the same document: its record moves, nothing is extracted again
    (sample_backlog / "order_00.txt").rename(sample_backlog / "renamed.txt")
    third = run_batch(_opts(sample_backlog, out))
    assert (third.processed, third.skipped, third.copies) == (0, 4, 0)
    db = sqlite3.connect(out / "catalog.sqlite")
    assert db.execute("SELECT file, status, json_path FROM documents WHERE sha256 = ?",
                      (_sha(sample_backlog / "renamed.txt"),)).fetchall() == [
        ("renamed.txt", "ok", "json/renamed.txt.json")]
    moved = json.loads((out / "json" / "renamed.txt.json").read_text(encoding="utf-8"))
    assert moved == extract(sample_backlog / "renamed.txt").to_dict()
    assert not (out / "json" / "order_00.txt.json").exists()
    # changed content under the same name is extracted again
    (sample_backlog / "order_01.txt").write_text("ПРИКАЗ\n\n01.02.2023 № 7\n\nО новом\n", encoding="utf-8")
    fourth = run_batch(_opts(sample_backlog, out))
    assert fourth.processed == 1
    forced = run_batch(_opts(sample_backlog, out, force=True))
    assert (forced.processed, forced.copies, forced.ok) == (4, 0, 4)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_identical_files_in_one_run_are_extracted_once(tmp_path: Path, make_orders):
    in_dir = tmp_path / "in"
    make_orders(in_dir, 2)
    (in_dir / "copy of order_00.txt").write_bytes((in_dir / "order_00.txt").read_bytes())
    s = run_batch(_opts(in_dir, tmp_path / "out"))
    assert (s.processed, s.copies, s.ok) == (2, 1, 3)
    db = sqlite3.connect(tmp_path / "out" / "catalog.sqlite")
    assert db.execute("SELECT COUNT(*) FROM orders").fetchone()[0] == 2  # a copy adds no second order row


def test_deleted_json_is_restored_from_the_catalog(sample_backlog: Path, tmp_path: Path):
    out = tmp_path / "out"
    run_batch(_opts(sample_backlog, out))
    target = out / "json" / "order_02.txt.json"
    before = target.read_text(encoding="utf-8")
    target.unlink()
    s = run_batch(_opts(sample_backlog, out))
    assert s.processed == 0
    assert target.read_text(encoding="utf-8") == before


def test_find_inputs_takes_supported_files_and_skips_hidden_and_output(tmp_path: Path):
    (tmp_path / "in" / "a").mkdir(parents=True)
    for name in ["x.TXT", "y.docx", "z.json", ".hidden.txt", "a/w.Pdf", "notes.md"]:
        (tmp_path / "in" / name).write_text("текст", encoding="utf-8")
    (tmp_path / "in" / "out").mkdir()
    (tmp_path / "in" / "out" / "v.txt").write_text("текст", encoding="utf-8")
    found = [f.rel for f in find_inputs(tmp_path / "in", exclude=tmp_path / "in" / "out")]
    assert found == ["a/w.Pdf", "x.TXT", "y.docx"]


def test_formats_option_limits_outputs(sample_backlog: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert main(["batch", str(sample_backlog), str(out), "--formats", "csv", "-q"]) == 0
    assert (out / "csv" / "orders.csv").exists() and (out / "catalog.sqlite").exists()
    assert not (out / "json").exists() and not (out / "backlog.xlsx").exists()


@pytest.mark.parametrize("args", [
    ["batch", "{tmp}/missing", "{tmp}/out"],
    ["batch", "{tmp}/in", "{tmp}/in"],
    ["batch", "{tmp}/file.txt", "{tmp}/out"],
])
def test_bad_folders_exit_2_with_one_line(args, tmp_path: Path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    assert main([a.format(tmp=tmp_path) for a in args]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("shnor-docs: ") and "\n" not in err


@pytest.mark.parametrize("bad", [["--jobs", "0"], ["--jobs", "two"], ["--timeout", "-5"], ["--formats", "pdf"],
                                 ["--executor", "spark"]])
def test_bad_options_exit_2(bad, tmp_path: Path):
    (tmp_path / "in").mkdir()
    with pytest.raises(SystemExit) as e:
        main(["batch", str(tmp_path / "in"), str(tmp_path / "out"), *bad])
    assert e.value.code == 2


def test_workers_share_the_cores_for_ocr_and_the_setting_is_put_back(monkeypatch):
    import os

    from shnor_docs.batch.runner import BatchOptions, _share_cores
    from shnor_docs.ocr.pages import OCR_WORKERS_ENV, ocr_workers

    monkeypatch.delenv(OCR_WORKERS_ENV, raising=False)
    restore = _share_cores(BatchOptions(Path("in"), Path("out"), jobs=os.cpu_count() or 1))
    assert os.environ[OCR_WORKERS_ENV] == "1" and ocr_workers() == 1
    restore()
    assert OCR_WORKERS_ENV not in os.environ and ocr_workers() == (os.cpu_count() or 1)
    monkeypatch.setenv(OCR_WORKERS_ENV, "3")  # a user's own choice stays
    _share_cores(BatchOptions(Path("in"), Path("out"), jobs=2))()
    assert ocr_workers() == 3
