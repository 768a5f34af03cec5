"""The ``shnor-docs batch`` subcommand."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .runner import FORMATS, BatchOptions, run_batch


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def _positive_float(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if x <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {text}")
    return x


def _formats(text: str) -> tuple[str, ...]:
    parts = tuple(p.strip().lower() for p in text.replace(",", " ").split() if p.strip())
    bad = [p for p in parts if p not in FORMATS]
    if bad or not parts:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(FORMATS)} (got {text!r})")
    return parts


def _cmd_batch(args: argparse.Namespace) -> int:
    executor = "dask" if args.scheduler and args.executor == "local" else args.executor
    opts = BatchOptions(
        in_dir=Path(args.in_dir), out_dir=Path(args.out_dir), jobs=args.jobs, executor=executor,
        scheduler=args.scheduler, formats=args.formats, force=args.force, retry_errors=args.retry_errors,
        timeout=args.timeout, max_memory_mb=args.max_memory, max_size_mb=args.max_size,
        progress=not args.quiet,
    )
    s = run_batch(opts)
    if not args.quiet:
        print(f"{s.found} files: {s.ok} extracted, {s.failed} failed "
              f"({s.processed} processed now, {s.skipped} already done, {s.copies} identical copies) "
              f"in {s.seconds:.1f} s; outputs in {opts.out_dir}", file=sys.stderr)
        if s.failed:
            print(f"failures are listed in {opts.out_dir / 'csv' / 'errors.csv'} and the catalog", file=sys.stderr)
    return s.exit_code


def register(subparsers) -> None:
    """Add ``batch`` to the ``shnor-docs`` command's subparsers."""
    b = subparsers.add_parser(
        "batch", help="extract every document in a folder (resumable; CSV, XLSX, SQLite catalog)",
        description="Extract every supported file (.txt .docx .pdf .png .jpg .jpeg .tif .tiff) under IN_DIR, "
                    "recursively. Writes one JSON per document (OUT_DIR/json/<relative path>.json), the "
                    "SQLite catalog OUT_DIR/catalog.sqlite, CSV tables in OUT_DIR/csv/ and the workbook "
                    "OUT_DIR/backlog.xlsx. Run it again to resume: files already done (by content) are "
                    "skipped. A file that fails is recorded with its reason and the batch goes on.",
        epilog="Exit codes: 0 every file extracted, 1 some files failed, 2 bad arguments.")
    b.add_argument("in_dir", metavar="IN_DIR", help="folder with the documents (searched recursively)")
    b.add_argument("out_dir", metavar="OUT_DIR", help="folder for the outputs (created if missing)")
    b.add_argument("-j", "--jobs", type=_positive_int, default=1,
                   help="worker processes (or LocalCluster workers with --executor dask); default 1")
    b.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="local worker processes (default) or a Dask cluster")
    b.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="the Dask scheduler to use (implies --executor dask); without it a LocalCluster starts")
    b.add_argument("--formats", type=_formats, default=FORMATS, metavar="LIST",
                   help=f"outputs besides the catalog, comma-separated from {','.join(FORMATS)} (default all)")
    b.add_argument("--force", action="store_true", help="extract every file again, even those already done")
    b.add_argument("--retry-errors", action="store_true", help="extract again the files that failed before")
    b.add_argument("--timeout", type=_positive_float, default=600.0, metavar="SECONDS",
                   help="give up on a document after this long (default 600); recorded as an error")
    b.add_argument("--max-memory", type=int, default=4096, metavar="MB",
                   help="address-space limit per local worker, 0 for none (default 4096)")
    b.add_argument("--max-size", type=float, default=512.0, metavar="MB",
                   help="skip larger files as errors, 0 for no limit (default 512)")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    b.set_defaults(func=_cmd_batch)
