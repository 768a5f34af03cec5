"""Executors: run :func:`~shnor_docs.batch.task.process_document` over many files.

Each executor takes :class:`Job` objects and yields ``(job, answer)`` pairs as documents finish,
in whatever order they finish. Every job yields exactly one answer: a worker that crashes,
runs out of memory or overruns the timeout becomes an error answer, never a lost job.

- :class:`LocalExecutor` — long-lived worker processes on this machine, each with its own
  memory limit; a stuck worker is killed at the timeout and replaced.
- :class:`DaskExecutor` — the same task on a Dask distributed cluster (or a LocalCluster).
- :class:`InlineExecutor` — in the calling process (debugging, tiny runs); no isolation.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import resource
import signal
import time
import uuid
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterable, Iterator, Union

from .task import error_answer, process_document

log = logging.getLogger("shnor_docs")


@dataclass
class Job:
    """One document to process: ``key`` identifies it to the driver; ``source`` is a path or bytes."""

    key: str
    source: Union[str, bytes]
    name: str


Answers = Iterator[tuple[Job, dict]]


class InlineExecutor:
    """Run every job in this process, one after another (no isolation, no timeout)."""

    workers = 1

    def run(self, jobs: Iterable[Job]) -> Answers:
        for job in jobs:
            yield job, process_document(job.source, job.name)

    def close(self) -> None:
        pass


# ---------------------------------------------------------------- local worker processes

def _limit_memory(max_memory_mb: int) -> None:
    # an address-space limit turns a runaway allocation (a decompression bomb, a huge scan)
    # into a MemoryError inside this worker instead of the kernel's OOM killer picking a victim
    if not max_memory_mb or max_memory_mb <= 0:
        return
    limit = max_memory_mb * 1024 * 1024
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY and hard < limit:
            limit = hard
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # not permitted here: run without the limit
        log.debug("could not set a memory limit of %s MB", max_memory_mb)


_SINGLE_THREAD = ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _worker_main(conn: Connection, max_memory_mb: int, task: Callable[[Union[str, bytes], str], dict]) -> None:
    """A worker process: receive ``(source, name)``, send the answer, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    _die_with_parent()
    # one thread per worker process: the workers already fill the cores, and threaded BLAS or
    # Tesseract inside each of them only fight over the same cores (Tesseract gets 4x slower)
    for var in _SINGLE_THREAD:
        os.environ.setdefault(var, "1")
    _limit_memory(max_memory_mb)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        source, name = msg
        try:
            answer = task(source, name)
        except MemoryError:
            answer = error_answer("out of memory while reading the document", "MemoryError")
        except Exception as e:  # process_document never raises; another task might
            answer = error_answer(f"internal error: {type(e).__name__}: {e}".splitlines()[0][:500], type(e).__name__)
        try:
            conn.send(answer)
        except (OSError, ValueError):  # the driver is gone
            return


def _die_with_parent() -> None:
    # a driver killed with SIGKILL cannot stop its workers; Linux can, when the parent dies
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "worker process stopped"
    if code < 0:
        try:
            sig = signal.Signals(-code).name
        except ValueError:
            sig = str(-code)
        hint = " (killed: likely out of memory)" if sig == "SIGKILL" else ""
        return f"worker process crashed with {sig}{hint}"
    return f"worker process exited with code {code}"


class _Worker:
    def __init__(self, ctx, max_memory_mb: int, task: Callable) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, max_memory_mb, task), daemon=True)
        self.proc.start()
        child.close()
        self.job: Job | None = None
        self.started = 0.0
        self.done = 0

    def give(self, job: Job) -> None:
        self.job = job
        self.started = time.monotonic()
        self.conn.send((job.source, job.name))

    def stop(self, kill: bool = False) -> None:
        if not kill and self.proc.is_alive():
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                kill = True
            self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


class LocalExecutor:
    """``workers`` long-lived processes (spawned, so no state leaks from the driver).

    ``timeout`` seconds per document (the worker is killed and replaced when it overruns);
    ``max_memory_mb`` caps each worker's address space; a worker is replaced after
    ``tasks_per_worker`` documents so that slow leaks in native libraries cannot pile up.
    ``task`` is the per-document function (a top-level function, so a spawned worker can import it).
    """

    def __init__(self, workers: int = 1, timeout: float | None = 600.0, max_memory_mb: int = 0,
                 tasks_per_worker: int = 200, task: Callable[[Union[str, bytes], str], dict] = process_document,
                 ) -> None:
        self.task = task
        self.workers = max(1, int(workers))
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        self.tasks_per_worker = tasks_per_worker
        self._ctx = mp.get_context("spawn")
        self._pool: list[_Worker] = []

    def _new(self) -> _Worker:
        return _Worker(self._ctx, self.max_memory_mb, self.task)

    def _replace(self, w: _Worker, kill: bool) -> None:
        w.stop(kill=kill)
        self._pool[self._pool.index(w)] = self._new()

    def run(self, jobs: Iterable[Job]) -> Answers:
        queue = deque(jobs)
        if not queue:
            return
        self._pool = [self._new() for _ in range(min(self.workers, len(queue)))]
        try:
            while True:
                for w in self._pool:
                    if w.job is None and queue:
                        w.give(queue.popleft())
                busy = [w for w in self._pool if w.job is not None]
                if not busy:
                    break
                wait_for = None
                if self.timeout:
                    wait_for = max(0.0, min(w.started + self.timeout for w in busy) - time.monotonic())
                wait([w.conn for w in busy] + [w.proc.sentinel for w in busy],
                     timeout=min(wait_for, 1.0) if wait_for is not None else 1.0)
                now = time.monotonic()
                for w in busy:
                    job = w.job
                    assert job is not None
                    answer = None
                    crashed = False
                    try:
                        if w.conn.poll():
                            answer = w.conn.recv()
                    except (EOFError, OSError):
                        crashed = True
                    if answer is not None:
                        w.job = None
                        w.done += 1
                        if self.tasks_per_worker and w.done >= self.tasks_per_worker:
                            self._replace(w, kill=False)
                        yield job, answer
                    elif crashed or not w.proc.is_alive():
                        w.proc.join(1)
                        reason = _describe_exit(w.proc.exitcode)
                        log.warning("%s: %s", job.name, reason)
                        self._replace(w, kill=True)
                        yield job, error_answer(reason, "WorkerCrash", now - w.started)
                    elif self.timeout and now - w.started > self.timeout:
                        log.warning("%s: timed out after %g s", job.name, self.timeout)
                        self._replace(w, kill=True)
                        yield job, error_answer(f"timed out after {self.timeout:g} s", "Timeout", now - w.started)
        finally:
            self.close()

    def close(self) -> None:
        for w in self._pool:
            w.stop(kill=w.job is not None)
        self._pool = []


# ---------------------------------------------------------------- Dask

class DaskExecutor:
    """Submit the task to a Dask distributed cluster.

    With ``scheduler`` (``tcp://HOST:PORT``) it connects to a running cluster; without it starts a
    LocalCluster of ``workers`` single-threaded worker processes bound to 127.0.0.1. Workers get
    the file's bytes, so they need not see the driver's disk. A worker that dies is restarted by
    its nanny and the task retried; a task that kills workers repeatedly becomes an error answer.
    The timeout cannot stop a running task on a Dask worker: the answer becomes an error and the
    task is cancelled, but the worker thread runs it to its end.
    """

    def __init__(self, workers: int = 1, scheduler: str | None = None, timeout: float | None = 600.0,
                 max_memory_mb: int = 0) -> None:
        from dask.distributed import Client, LocalCluster

        self.timeout = timeout
        self._cluster = None
        if scheduler:
            self.client = Client(scheduler, timeout="30s")
        else:
            kwargs = dict(n_workers=max(1, int(workers)), threads_per_worker=1, processes=True,
                          host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
            if max_memory_mb:
                kwargs["memory_limit"] = f"{int(max_memory_mb)}MB"
            self._cluster = LocalCluster(**kwargs)
            self.client = Client(self._cluster)
        threads = sum(self.client.nthreads().values()) or 1
        self.workers = threads

    def run(self, jobs: Iterable[Job]) -> Answers:
        from dask.distributed import wait as dask_wait

        queue = deque(jobs)
        running: dict = {}  # future -> (job, submitted)
        # keep about one task per worker thread in flight, so "submitted" is close to "started"
        # and the timeout means roughly the same as with the local executor
        limit = max(1, self.workers)
        try:
            while queue or running:
                while queue and len(running) < limit:
                    job = queue.popleft()
                    try:
                        # ship the bytes: a worker on another machine need not see the driver's disk
                        source = Path(job.source).read_bytes() if isinstance(job.source, str) else job.source
                    except OSError as e:
                        yield job, error_answer(e.strerror or type(e).__name__, "ReadError")
                        continue
                    fut = self.client.submit(process_document, source, job.name, pure=False,
                                             key=f"shnor-doc-{uuid.uuid4().hex}")
                    running[fut] = (job, time.monotonic())
                try:
                    done, _ = dask_wait(list(running), timeout=1.0, return_when="FIRST_COMPLETED")
                except TimeoutError:  # dask's wait raises when nothing finished in time
                    done = set()
                now = time.monotonic()
                for fut in list(running):
                    job, submitted = running[fut]
                    if fut in done or fut.done():
                        del running[fut]
                        try:
                            answer = fut.result()
                        except Exception as e:  # KilledWorker, a lost connection, ...
                            answer = error_answer(f"cluster task failed: {type(e).__name__}: {e}".splitlines()[0],
                                                  "WorkerCrash", now - submitted)
                        yield job, answer
                    elif self.timeout and now - submitted > self.timeout:
                        del running[fut]
                        fut.cancel()
                        yield job, error_answer(f"timed out after {self.timeout:g} s", "Timeout", now - submitted)
        finally:
            for fut in running:
                fut.cancel()

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()


Executor = Union[InlineExecutor, LocalExecutor, DaskExecutor]
