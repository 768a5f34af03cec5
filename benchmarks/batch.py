"""Throughput of ``shnor-docs batch`` over a mixed backlog, with 1 and 2 workers and under Dask.

    .venv/bin/python benchmarks/batch.py [--count 200] [--seed 1] [--formats txt,docx,pdf,scan] [--json]

The backlog is made first: ``python -m corpora.generate --count N --seed S --out DIR --formats ...``
when the corpus generator is available, else ``N`` text documents (the seeds from ../shared when
present, else a made-up order), each with a distinct numbered line so that no two are byte-identical
(the batch would otherwise extract identical files once). Then each configuration runs the whole
batch from scratch into its own output folder:

* ``local ×1`` and ``local ×2`` — the local process executor with 1 and 2 workers;
* ``dask ×2`` — a Dask LocalCluster of 2 single-threaded worker processes on 127.0.0.1.

Printed per configuration: documents, failures, pages (a file without page count is one page),
wall seconds (worker start-up included), documents/s, pages/s, scaling efficiency against one
local worker (rate ÷ workers ÷ rate of one), and peak memory per worker (the largest ``ru_maxrss``
a worker reported). Target: peak ≤ 600 MB per worker. Exit status 0 however low the figures are.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = (REPO / ".." / "shared" / "seeds").resolve()
TARGET_PEAK_MB = 600.0
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

_FALLBACK = """УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДСКОГО ОКРУГА «ПРИМЕРНЫЙ»

ПРИКАЗ

{day:02d}.11.2022\t№ {num}

О поддержке школ с низкими результатами обучения

приказываю:
1. Утвердить план поддержки МБОУ СОШ № {school}.
2. Контроль исполнения приказа оставляю за собой.

Начальник управления
А.С. Воронцова

№ п/п\tМероприятие\tСрок\tОтветственный
1.\tСобеседование с директором\tдекабрь 2022\tВоронцова А.С.
2.\tПосещение уроков\tв течение года\tРуководители ОО
"""


_KEEP = {"txt": ".txt", "docx": ".docx", "pdf": ".pdf", "scan": ".scan.pdf"}


def make_backlog(out: Path, count: int, seed: int, formats: str) -> str:
    """Fill ``out`` with ``count`` documents, an equal share in each format (each document in one
    format only: a backlog, not the same orders four times); returns how they were made."""
    kinds = [f for f in formats.split(",") if f in _KEEP] or ["txt"]
    try:
        made = []
        for k, kind in enumerate(kinds):
            share = count // len(kinds) + (1 if k < count % len(kinds) else 0)
            part = out / kind
            cmd = [sys.executable, "-m", "corpora.generate", "--count", str(share), "--seed", str(seed + k),
                   "--out", str(part), "--formats", kind]
            r = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=3600)
            if r.returncode != 0:
                raise OSError(r.stderr[-300:])
            for f in [p for p in part.iterdir() if p.is_file()]:
                # keep only this share's rendering (the generator leaves the .docx/.pdf it scanned from)
                if not f.name.endswith(_KEEP[kind]) or (kind == "pdf" and f.name.endswith(".scan.pdf")):
                    f.unlink()
            made.append(f"{sum(1 for _ in part.iterdir())} {kind}")
        return "corpora.generate: " + ", ".join(made)
    except (OSError, subprocess.TimeoutExpired):
        pass
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    for i in range(count):
        if texts:
            body = texts[i % len(texts)].rstrip("\n") + f"\n\nЭкземпляр {i + 1}\n"
        else:
            body = _FALLBACK.format(day=1 + i % 28, num=100 + i, school=1 + i % 50)
        (out / f"doc_{i:04d}.txt").write_text(body, encoding="utf-8")
    what = "seed texts" if texts else "a made-up order"
    return f"txt copies of {what} (corpora.generate not available): {count} files"


def run(in_dir: Path, out: Path, workers: int, executor: str) -> dict:
    """One batch run from scratch; its figures."""
    import sqlite3

    from shnor_docs.batch import BatchOptions, run_batch

    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    s = run_batch(BatchOptions(in_dir, out, jobs=workers, executor=executor, progress=False, timeout=600))
    seconds = time.perf_counter() - t0
    db = sqlite3.connect(out / "catalog.sqlite")
    pages = db.execute("SELECT COALESCE(SUM(COALESCE(pages, 1)), 0) FROM documents "
                       "WHERE status = 'ok' AND copy_of IS NULL").fetchone()[0]
    peak = db.execute("SELECT MAX(max_rss_mb) FROM documents").fetchone()[0]
    db.close()
    return {"config": f"{executor} ×{workers}", "executor": executor, "workers": workers, "documents": s.found,
            "failed": s.failed, "pages": pages, "seconds": round(seconds, 2),
            "docs_per_s": round(s.found / seconds, 2), "pages_per_s": round(pages / seconds, 2),
            "peak_mb_per_worker": peak}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=200, help="documents in the backlog (default 200)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--formats", default="txt,docx,pdf,scan", help="renderings asked of corpora.generate")
    ap.add_argument("--no-dask", action="store_true", help="leave the Dask run out")
    ap.add_argument("--keep", type=Path, help="build everything in this folder and keep it")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="shnor-batch-bench-"))
    try:
        in_dir = work / "backlog"
        shutil.rmtree(in_dir, ignore_errors=True)
        in_dir.mkdir(parents=True)
        made = make_backlog(in_dir, args.count, args.seed, args.formats)
        configs = [(1, "local"), (2, "local")] + ([] if args.no_dask else [(2, "dask")])
        rows = []
        for workers, executor in configs:
            try:
                rows.append(run(in_dir, work / f"out-{executor}-{workers}", workers, executor))
            except Exception as e:  # a missing optional extra must not hide the other figures
                print(f"{executor} ×{workers}: failed: {type(e).__name__}: {e}", file=sys.stderr)
        base = next((r for r in rows if r["executor"] == "local" and r["workers"] == 1), None)
        for r in rows:
            r["efficiency"] = (round(r["docs_per_s"] / r["workers"] / base["docs_per_s"], 2)
                               if base and base["docs_per_s"] else None)
        if args.json:
            print(json.dumps({"backlog": made, "cores": os.cpu_count(), "runs": rows}, ensure_ascii=False, indent=1))
            return 0
        print(f"backlog: {made}; {os.cpu_count()} cores")
        head = ["config", "docs", "failed", "pages", "seconds", "docs/s", "pages/s", "efficiency", "peak MB/worker"]
        keys = ["config", "documents", "failed", "pages", "seconds", "docs_per_s", "pages_per_s", "efficiency",
                "peak_mb_per_worker"]
        table = [head] + [[("—" if r[k] is None else str(r[k])) for k in keys] for r in rows]
        widths = [max(len(row[i]) for row in table) for i in range(len(head))]
        for row in table:
            print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))))
        peaks = [r["peak_mb_per_worker"] for r in rows if r["peak_mb_per_worker"]]
        if peaks:
            verdict = "within" if max(peaks) <= TARGET_PEAK_MB else "ABOVE"
            print(f"peak memory per worker {max(peaks):.0f} MB: {verdict} the {TARGET_PEAK_MB:.0f} MB target")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
