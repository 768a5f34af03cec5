"""A batch killed with SIGKILL resumes to exactly the outputs of an uninterrupted run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROWS = 300  # enough table rows that each document takes a noticeable moment


def _big_orders(folder: Path, sample_text, count: int) -> None:
    folder.mkdir(parents=True)
    for i in range(count):
        rows = "\n".join(f"{n}.\tВстреча с педагогами школы № {n % 40 + 1} по итогам четверти {n}\t"
                         f"до {1 + n % 27:02d}.12.2022\tОрлова Н.Ю., методист" for n in range(4, ROWS))
        (folder / f"order_{i:02d}.txt").write_text(sample_text(i).rstrip("\n") + "\n" + rows + "\n",
                                                   encoding="utf-8")


def _batch(in_dir: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "shnor_docs", "batch", str(in_dir), str(out), "--jobs", "1", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _done(out: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{out / 'catalog.sqlite'}?mode=ro", uri=True, timeout=1)
        try:
            return db.execute("SELECT COUNT(*) FROM documents WHERE status = 'ok'").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def test_kill_9_then_resume_equals_uninterrupted_run(tmp_path: Path, sample_text, jsons_of):
    in_dir = tmp_path / "in"
    _big_orders(in_dir, sample_text, 12)

    reference = tmp_path / "reference"
    assert _batch(in_dir, reference).wait(timeout=300) == 0

    out = tmp_path / "out"
    proc = _batch(in_dir, out)
    deadline = time.monotonic() + 120
    while _done(out) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    finished = _done(out)
    assert 3 <= finished < 12, "the batch should be killed part way"

    resumed = subprocess.run([sys.executable, "-m", "shnor_docs", "batch", str(in_dir), str(out), "--jobs", "1"],
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    # only the unfinished documents were extracted again
    assert f"{12 - finished} processed now, {finished} already done" in resumed.stderr

    assert jsons_of(out) == jsons_of(reference)
    assert len(jsons_of(out)) == 12
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]
    for name in ("orders", "roadmap_items", "persons_registry"):
        assert (out / "csv" / f"{name}.csv").read_bytes() == (reference / "csv" / f"{name}.csv").read_bytes()
