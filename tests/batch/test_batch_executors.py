"""Worker isolation: a crash, a hang, an exception or a memory blow-up costs one document only."""

from __future__ import annotations

import os
import signal
import time

from shnor_docs.batch.executors import InlineExecutor, Job, LocalExecutor


def misbehaving_task(source: str, name: str) -> dict:
    """A per-document task whose behaviour the file name chooses (top level: workers import it)."""
    if name == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if name == "hang":
        time.sleep(60)
    if name == "raise":
        raise ValueError("broken on purpose")
    if name == "hog":
        block = bytearray(1536 * 2**20)  # beyond the worker's 1 GB address-space limit
        return {"status": "ok", "size": len(block)}
    return {"status": "ok", "name": name, "pid": os.getpid()}


def test_local_executor_isolates_each_failure():
    names = ["good1", "crash", "good2", "hang", "raise", "hog", "good3"]
    ex = LocalExecutor(workers=2, timeout=3, max_memory_mb=1024, task=misbehaving_task)
    answers = {job.name: answer for job, answer in ex.run(Job(n, n, n) for n in names)}
    assert sorted(answers) == sorted(names)  # every job answered exactly once
    for n in ("good1", "good2", "good3"):
        assert answers[n] == {"status": "ok", "name": n, "pid": answers[n]["pid"]}
    assert answers["crash"]["status"] == "error" and "SIGSEGV" in answers["crash"]["error"]
    assert answers["hang"]["error"] == "timed out after 3 s"
    assert answers["raise"]["error"] == "internal error: ValueError: broken on purpose"
    assert answers["hog"]["error_kind"] == "MemoryError"


def test_workers_are_recycled_after_their_quota():
    ex = LocalExecutor(workers=1, timeout=30, tasks_per_worker=2, task=misbehaving_task)
    pids = [a["pid"] for _, a in ex.run(Job(str(i), str(i), str(i)) for i in range(4))]
    assert len(set(pids)) == 2 and pids[0] == pids[1] and pids[2] == pids[3]


def test_inline_executor_answers_errors_for_bad_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    [(job, answer)] = list(InlineExecutor().run([Job("e", str(empty), "empty.txt")]))
    assert answer["status"] == "error" and answer["error"] == "empty file" and answer["result"] is None
