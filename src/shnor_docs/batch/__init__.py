"""Batch conversion of a backlog: every file in a folder to JSON, CSV, XLSX and an SQLite catalog.

``shnor-docs batch IN_DIR OUT_DIR`` or, from Python::

    from shnor_docs.batch import BatchOptions, run_batch
    summary = run_batch(BatchOptions(Path("incoming"), Path("out"), jobs=2))

The per-document work is :func:`process_document` (a plain function returning a plain dict), run
by a local process pool or a Dask cluster; the driver writes every output and the catalog.
"""

from __future__ import annotations

from .runner import BatchOptions, BatchSummary, find_inputs, run_batch, write_exports
from .task import process_document

__all__ = ["BatchOptions", "BatchSummary", "run_batch", "find_inputs", "write_exports", "process_document"]
