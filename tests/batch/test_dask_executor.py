"""The Dask executor (a LocalCluster on 127.0.0.1) gives the same outputs as local workers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from shnor_docs.batch import BatchOptions, run_batch  # noqa: E402
from shnor_docs.batch.executors import DaskExecutor, Job  # noqa: E402


def test_dask_local_cluster_matches_local_executor(sample_backlog: Path, tmp_path: Path, jsons_of):
    (sample_backlog / "empty.txt").write_bytes(b"")
    local = run_batch(BatchOptions(sample_backlog, tmp_path / "local", jobs=2, progress=False))
    ex = DaskExecutor(workers=2, timeout=120)
    try:
        assert ex.workers == 2
        addresses = list(ex.client.scheduler_info()["workers"])
        assert len(addresses) == 2 and all(a.startswith("tcp://127.0.0.1:") for a in addresses)
        dask = run_batch(BatchOptions(sample_backlog, tmp_path / "dask", jobs=2, executor="dask", progress=False),
                         executor=ex)
        # the executor stays usable for a second batch of jobs
        [(job, answer)] = list(ex.run([Job("x", str(sample_backlog / "order_00.txt"), "order_00.txt")]))
        assert answer["status"] == "ok" and answer["result"]["source"]["file"] == "order_00.txt"
    finally:
        ex.close()
    assert (dask.ok, dask.failed, dask.exit_code) == (local.ok, local.failed, 1) == (4, 1, 1)
    assert jsons_of(tmp_path / "dask") == jsons_of(tmp_path / "local")
    assert len(jsons_of(tmp_path / "dask")) == 4
    db = sqlite3.connect(tmp_path / "dask" / "catalog.sqlite")
    assert db.execute("SELECT error FROM documents WHERE file = 'empty.txt'").fetchone() == ("empty file",)


def test_cli_runs_against_a_running_scheduler(sample_backlog: Path, tmp_path: Path, jsons_of):
    from dask.distributed import LocalCluster

    from shnor_docs.cli import main

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        code = main(["batch", str(sample_backlog), str(tmp_path / "out"), "--scheduler", cluster.scheduler_address,
                     "-q"])
    assert code == 0
    assert sorted(jsons_of(tmp_path / "out")) == ["order_00.txt.json", "order_01.txt.json", "order_02.txt.json",
                                                 "архив 2022/order_03.txt.json"]
    db = sqlite3.connect(tmp_path / "out" / "catalog.sqlite")
    assert db.execute("SELECT executor FROM runs").fetchall() == [("dask",)]
