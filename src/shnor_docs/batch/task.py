"""The per-document task: one file in, one plain dict out.

:func:`process_document` is a plain top-level function of plain arguments returning a plain,
picklable dict, so any executor can run it — a local worker process, a Dask worker on another
machine, or the driver itself. It never raises for a bad document: the failure is the answer.
Writing outputs and the catalog stays with the driver.
"""

from __future__ import annotations

import logging
import os
import resource
import time
import traceback
from typing import Any, Union

log = logging.getLogger("shnor_docs")

OK = "ok"
ERROR = "error"


def _max_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux: the process's peak resident set so far
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def error_answer(reason: str, kind: str = "ShnorError", seconds: float | None = None, detail: str = "") -> dict:
    """The dict of a failed document (also used by executors for timeouts and crashed workers)."""
    return {"status": ERROR, "error": reason, "error_kind": kind, "detail": detail, "result": None,
            "timings": {"total": round(seconds, 3)} if seconds is not None else {},
            "max_rss_mb": None, "pid": os.getpid()}


def process_document(source: Union[str, bytes], name: str) -> dict[str, Any]:
    """Extract one document and answer with a plain dict.

    ``source`` is a path the worker can read, or the file's bytes (for workers that do not see
    the driver's disk); ``name`` is the file's base name (its extension helps tell the kind).
    The answer has ``status`` (``"ok"`` or ``"error"``), ``result`` (the contract JSON object or
    ``None``), ``error`` (one-line reason), ``error_kind``, ``timings`` (seconds by stage where the
    library reports them, always ``total``) and ``max_rss_mb`` (the worker's peak memory so far).
    """
    from ..api import extract
    from ..errors import ShnorError

    t0 = time.perf_counter()
    try:
        result = extract(source if isinstance(source, (bytes, bytearray)) else os.fspath(source), name=name)
        answer_dict = result.to_dict()
    except ShnorError as e:
        return error_answer(e.reason, type(e).__name__, time.perf_counter() - t0)
    except MemoryError:
        return error_answer("out of memory while reading the document", "MemoryError", time.perf_counter() - t0)
    except RecursionError:
        return error_answer("document too deeply nested to read", "RecursionError", time.perf_counter() - t0)
    except Exception as e:  # an unexpected failure must not stop the batch; the reason is kept
        log.debug("%s: internal error", name, exc_info=True)
        tb = traceback.format_exc(limit=-3)
        return error_answer(f"internal error: {type(e).__name__}: {e}".splitlines()[0][:500],
                            type(e).__name__, time.perf_counter() - t0, detail=tb)
    timings = {"total": round(time.perf_counter() - t0, 3)}
    # the pipeline may report seconds per stage; take them where it does
    stage_times = getattr(result, "timings", None)
    if isinstance(stage_times, dict):
        timings.update({str(k): round(float(v), 3) for k, v in stage_times.items()})
    return {"status": OK, "error": None, "error_kind": None, "detail": "", "result": answer_dict,
            "timings": timings, "max_rss_mb": _max_rss_mb(), "pid": os.getpid()}
