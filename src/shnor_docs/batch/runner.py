"""Run a whole backlog: find the files, skip the finished ones, extract the rest, write the outputs.

The driver (this module) owns every output: a worker only answers with a dict. For each finished
document the driver first writes its JSON (atomically), then commits its catalog row, so a batch
killed at any moment loses nothing it finished and leaves no half-written file. The combined
exports are regenerated from the catalog at the end of every run, complete after a resume.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable

from ..backends.detect import SUPPORTED_SUFFIXES
from ..errors import ShnorError
from ..export.catalog import CATALOG_NAME, Catalog
from ..export.json import json_relpath, write_result
from ..export.tables import EXPORT_TABLES
from .executors import DaskExecutor, Executor, InlineExecutor, Job, LocalExecutor
from .task import ERROR, OK

log = logging.getLogger("shnor_docs")

FORMATS = ("json", "csv", "xlsx")
CSV_DIR = "csv"
XLSX_NAME = "backlog.xlsx"


class BatchArgumentError(ShnorError):
    """The batch cannot start: a missing input folder, an output folder in the way, a bad option."""


@dataclass
class BatchOptions:
    """What ``shnor-docs batch`` was asked to do."""

    in_dir: Path
    out_dir: Path
    jobs: int = 1
    executor: str = "local"  # local | dask | inline
    scheduler: str | None = None
    formats: tuple[str, ...] = FORMATS
    force: bool = False
    retry_errors: bool = False
    timeout: float | None = 600.0
    max_memory_mb: int = 4096
    max_size_mb: float = 512.0
    progress: bool = True


@dataclass
class BatchSummary:
    """How a run went. ``ok``/``failed`` count this run's input files in the catalog after the run."""

    found: int = 0
    processed: int = 0
    skipped: int = 0
    copies: int = 0
    ok: int = 0
    failed: int = 0
    pages: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every file is extracted, 1 when some failed."""
        return 1 if self.failed else 0


@dataclass
class InputFile:
    """A file found under the input folder: its path relative to it (POSIX form) and on disk."""

    rel: str
    path: Path


def validate(opts: BatchOptions) -> None:
    """Raise :class:`BatchArgumentError` for options a batch cannot run with."""
    if not opts.in_dir.exists():
        raise BatchArgumentError(str(opts.in_dir), "no such input folder")
    if not opts.in_dir.is_dir():
        raise BatchArgumentError(str(opts.in_dir), "not a folder (give the folder that holds the documents)")
    if opts.out_dir.exists() and not opts.out_dir.is_dir():
        raise BatchArgumentError(str(opts.out_dir), "output path exists and is not a folder")
    if opts.out_dir.resolve() == opts.in_dir.resolve():
        raise BatchArgumentError(str(opts.out_dir), "output folder must differ from the input folder")
    if opts.jobs < 1:
        raise BatchArgumentError("--jobs", f"must be at least 1, got {opts.jobs}")
    if opts.timeout is not None and opts.timeout <= 0:
        raise BatchArgumentError("--timeout", f"must be positive, got {opts.timeout:g}")
    bad = [f for f in opts.formats if f not in FORMATS]
    if bad:
        raise BatchArgumentError("--formats", f"unknown format {bad[0]!r} (choose from {', '.join(FORMATS)})")
    if opts.executor not in ("local", "dask", "inline"):
        raise BatchArgumentError("--executor", f"unknown executor {opts.executor!r}")


def _safe_rel(rel: str) -> str:
    # names that are not valid UTF-8 arrive with surrogate escapes; the catalog needs real text
    try:
        rel.encode("utf-8")
        return rel
    except UnicodeEncodeError:
        return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def find_inputs(in_dir: Path, exclude: Path | None = None) -> list[InputFile]:
    """Every supported file under ``in_dir``, sorted by relative path.

    Symlinked folders are not followed (no loops); symlinked files are (a broken or looping link
    is reported when read). Hidden files and folders (``.name``) and ``exclude`` are left out.
    """
    in_dir = Path(in_dir)
    skip = exclude.resolve() if exclude is not None else None
    found: list[InputFile] = []

    def on_error(err: OSError) -> None:
        log.warning("%s: cannot list folder: %s", err.filename, err.strerror)

    for root, dirs, files in os.walk(in_dir, followlinks=False, onerror=on_error):
        rootp = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (skip is None or (rootp / d).resolve() != skip))
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            p = rootp / name
            rel = _safe_rel(PurePosixPath(*p.relative_to(in_dir).parts).as_posix())
            found.append(InputFile(rel, p))
    found.sort(key=lambda f: f.rel)
    return found


def _read_sha(path: Path, max_bytes: int) -> tuple[str | None, int | None, str | None]:
    """``(sha256, size, None)`` or ``(None, size, reason)`` for a file the driver cannot read."""
    try:
        size = path.stat().st_size
        if max_bytes and size > max_bytes:
            return None, size, f"file too large ({size / 2**20:.0f} MB; the limit is {max_bytes / 2**20:.0f} MB)"
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest(), size, None
    except PermissionError:
        return None, None, "permission denied"
    except OSError as e:  # a looping or broken symlink, a device, an I/O error
        return None, None, e.strerror or type(e).__name__


def _share_cores(opts: BatchOptions) -> Callable[[], None]:
    """For the batch's duration, let each of the local worker processes (which inherit the
    environment, also when restarted) read ``cores / jobs`` pages at once: N documents at once
    times every core would be N × cores Tesseract processes fighting over the cores. Returns the
    function that puts the environment back. A user's own setting is left alone."""
    from ..ocr.pages import OCR_WORKERS_ENV

    if opts.executor == "inline" or opts.scheduler or OCR_WORKERS_ENV in os.environ:
        return lambda: None
    os.environ[OCR_WORKERS_ENV] = str(max(1, (os.cpu_count() or 1) // max(1, opts.jobs)))
    return lambda: os.environ.pop(OCR_WORKERS_ENV, None)


def make_executor(opts: BatchOptions) -> Executor:
    """The executor the options ask for."""
    if opts.executor == "inline":
        return InlineExecutor()
    if opts.executor == "dask":
        try:
            return DaskExecutor(opts.jobs, opts.scheduler, opts.timeout)
        except ImportError:
            raise BatchArgumentError("--executor dask", "needs dask[distributed]: "
                                     "pip install 'shnor-docs[cluster]'") from None
        except OSError as e:
            raise BatchArgumentError(opts.scheduler or "LocalCluster", f"cannot reach the scheduler: {e}") from None
    return LocalExecutor(opts.jobs, opts.timeout, opts.max_memory_mb)


def write_exports(catalog: Catalog, out_dir: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Regenerate the CSV files and the workbook from the catalog; returns the files written."""
    from ..export.csv import write_csv
    from ..export.xlsx import write_xlsx

    written: list[Path] = []
    if "csv" in formats:
        for name, cols in EXPORT_TABLES.items():
            p = out_dir / CSV_DIR / f"{name}.csv"
            write_csv(p, cols, catalog.iter_rows(name))
            written.append(p)
    if "xlsx" in formats:
        p = out_dir / XLSX_NAME
        write_xlsx(p, ((name, cols, catalog.iter_rows(name)) for name, cols in EXPORT_TABLES.items()))
        written.append(p)
    return written


def _doc_row(rel: str, sha: str | None, size: int | None, answer: dict, json_path: str | None,
             version: str) -> dict:
    result = answer.get("result") or {}
    src = result.get("source") or {}
    timings = answer.get("timings") or {}
    return {"file": rel, "sha256": sha, "size": size, "status": answer["status"],
            "error_kind": answer.get("error_kind"), "error": answer.get("error"),
            "media_type": src.get("media_type"), "pages": src.get("pages"),
            "ocr": int(bool(src.get("ocr"))) if src else None, "json_path": json_path, "copy_of": None,
            "seconds_total": timings.get("total"), "timings": timings or None,
            "max_rss_mb": answer.get("max_rss_mb"), "version": version}


def _copy_row(rel: str, size: int | None, origin: dict) -> dict:
    row = {k: origin.get(k) for k in ("sha256", "status", "error_kind", "error", "media_type", "pages", "ocr",
                                      "version")}
    return {**row, "file": rel, "size": size, "copy_of": origin["file"], "json_path": None}


def run_batch(opts: BatchOptions, executor: Executor | None = None,
              on_answer: Callable[[str, dict], None] | None = None) -> BatchSummary:
    """Process the backlog ``opts.in_dir`` into ``opts.out_dir``; see :mod:`shnor_docs.batch`."""
    from .. import __version__

    validate(opts)
    t0 = time.perf_counter()
    out_dir = opts.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary()
    inputs = find_inputs(opts.in_dir, exclude=out_dir)
    summary.found = len(inputs)
    max_bytes = int(opts.max_size_mb * 2**20) if opts.max_size_mb else 0

    with Catalog(out_dir / CATALOG_NAME) as cat:
        run_id = cat.start_run(str(opts.in_dir), opts.executor, opts.jobs)
        jobs: list[Job] = []
        meta: dict[str, tuple[str, int | None]] = {}
        claimed: dict[str, str] = {}  # sha -> the file processed for it this run
        copies: dict[str, list[tuple[str, int | None]]] = {}
        present = {f.rel for f in inputs}
        for f in inputs:
            sha, size, reason = _read_sha(f.path, max_bytes)
            if sha is None:
                cat.record({"file": f.rel, "sha256": None, "size": size, "status": ERROR, "error_kind": "ReadError",
                            "error": reason, "version": __version__}, None)
                summary.processed += 1
                continue
            if sha in claimed:
                copies.setdefault(sha, []).append((f.rel, size))
                continue
            if not opts.force:
                prev = cat.get(f.rel)
                if prev is not None and prev["sha256"] == sha and (prev["status"] == OK or not opts.retry_errors):
                    summary.skipped += 1
                    _restore_json(cat, prev, out_dir, opts.formats)
                    continue
                origin = cat.find_content(sha, exclude=f.rel)
                if origin is not None and (origin["status"] == OK or not opts.retry_errors):
                    if origin["file"] not in present:
                        # the file was renamed or moved: its record moves with it, no re-extraction
                        _move(cat, dict(origin), f.rel, size, out_dir, opts.formats)
                        summary.skipped += 1
                    else:
                        cat.record(_copy_row(f.rel, size, dict(origin)), None)
                        summary.copies += 1
                    continue
            claimed[sha] = f.rel
            meta[f.rel] = (sha, size)
            jobs.append(Job(key=f.rel, source=str(f.path), name=f.path.name))

        def finish(job_rel: str, answer: dict) -> None:
            sha, size = meta[job_rel]
            json_path = None
            if answer.get("status") == OK and "json" in opts.formats:
                json_path = write_result(out_dir, job_rel, answer["result"])
            row = _doc_row(job_rel, sha, size, answer, json_path, __version__)
            cat.record(row, answer.get("result"))
            for rel, csize in copies.pop(sha, []):
                cat.record(_copy_row(rel, csize, row), None)
                summary.copies += 1

        if jobs:
            own = executor is None
            restore = _share_cores(opts) if own else (lambda: None)
            try:
                ex = executor or make_executor(opts)
            except BaseException:
                restore()
                raise
            try:
                with _Progress(len(jobs), enabled=opts.progress) as bar:
                    for job, answer in ex.run(jobs):
                        rel = job.key
                        finish(rel, answer)
                        summary.processed += 1
                        pages = ((answer.get("result") or {}).get("source") or {}).get("pages") or 1
                        failed = answer.get("status") != OK
                        summary.pages += pages if not failed else 0
                        if failed:
                            bar.note(f"{rel}: {answer.get('error')}")
                        bar.advance(pages if not failed else 0, failed)
                        if on_answer:
                            on_answer(rel, answer)
            finally:
                if own:
                    ex.close()
                restore()

        cat.rebuild_registry()
        write_exports(cat, out_dir, opts.formats)
        for f in inputs:
            r = cat.get(f.rel)
            if r is not None and r["status"] == OK:
                summary.ok += 1
            else:
                summary.failed += 1
                summary.failures.append((f.rel, r["error"] if r is not None else "not processed"))
        summary.seconds = time.perf_counter() - t0
        cat.finish_run(run_id, found=summary.found, processed=summary.processed, skipped=summary.skipped,
                       failed=summary.failed, seconds=round(summary.seconds, 3))
    return summary


def _move(cat: Catalog, origin: dict, rel: str, size: int | None, out_dir: Path, formats: tuple[str, ...]) -> None:
    result = cat.result(origin["file"])
    json_path = None
    if result is not None:
        # what a fresh extraction would say: only the base name differs
        result.setdefault("source", {})["file"] = PurePosixPath(rel).name
        if "json" in formats:
            json_path = write_result(out_dir, rel, result)
    row = {**origin, "file": rel, "size": size, "json_path": json_path,
           "timings": json.loads(origin["timings"]) if origin.get("timings") else None}
    cat.record(row, result)
    cat.forget(origin["file"])
    if origin.get("json_path"):
        try:
            (out_dir / origin["json_path"]).unlink()
        except OSError:
            pass


def _restore_json(cat: Catalog, prev, out_dir: Path, formats: tuple[str, ...]) -> None:
    # a finished document whose JSON was deleted gets it back from the catalog, not by re-extracting
    if "json" not in formats or prev["status"] != OK or prev["copy_of"]:
        return
    rel = prev["json_path"] or json_relpath(prev["file"])
    if not (out_dir / rel).exists():
        result = cat.result(prev["file"])
        if result is not None:
            write_result(out_dir, prev["file"], result)


class _Progress:
    """A rich progress bar (files, pages, failures, time left) on stderr; silent when disabled."""

    def __init__(self, total: int, enabled: bool = True) -> None:
        self.total = total
        self.enabled = enabled
        self._p = None

    def __enter__(self) -> "_Progress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self._p = Progress(TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(),
                               TextColumn("files · {task.fields[pages]} pages · {task.fields[failed]} failed"),
                               TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                               console=Console(stderr=True), transient=False)
            self._p.__enter__()
            self._task = self._p.add_task("extract", total=self.total, pages=0, failed=0)
        return self

    def advance(self, pages: int, failed: bool) -> None:
        if self._p is not None:
            t = self._p.tasks[0]
            self._p.update(self._task, advance=1, pages=t.fields["pages"] + pages,
                           failed=t.fields["failed"] + int(failed))

    def note(self, line: str) -> None:
        if self._p is not None:
            from rich.markup import escape

            self._p.console.print(f"[red]failed[/red] {escape(line)}", markup=True, highlight=False, soft_wrap=True)
        else:
            log.info("failed: %s", line)

    def __exit__(self, *exc) -> None:
        if self._p is not None:
            self._p.__exit__(*exc)
