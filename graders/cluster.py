"""`minicourse grade ... --cluster tcp://HOST:8786 | local:N`: the same sandboxed grading on a
Dask distributed cluster.

The teacher's process stays what it is locally: it reads the submissions, keeps the run's one
gradebook transaction, and saves every result (the gradebook is written by this one process
only). What a local run forks per submission (a trusted grading worker and the student's
sandboxed child of the fork-server) runs on a Dask worker instead: each worker process keeps
one warm fork-server of its own (started on its first submission, for the run's limits) and
forks a grading worker per submission from itself, as the local run does. A task carries
plain data only: the submission's notebooks as handed in, the assignment's cells and support
files, the limits; it returns the result and the graded notebooks' text.

Workers are started with `dask worker tcp://HOST:8786` on machines that have minicourse
installed (the same version: the task names graders.cluster.grade_on_worker) and bubblewrap.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

from .errors import TeacherError

_zygotes: dict = {}
_zygote_lock = threading.Lock()
_warm: dict = {}


def open_cluster(address: str):
    """A dask.distributed Client for `tcp://HOST:PORT` (a running scheduler) or `local:N` (a
    LocalCluster of N single-threaded worker processes, closed with the client)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise TeacherError("cluster_not_installed") from None
    if address.startswith("local:"):
        try:
            n = int(address.split(":", 1)[1])
        except ValueError:
            raise TeacherError("cluster_bad_address", address=address) from None
        if n < 1:
            raise TeacherError("cluster_bad_address", address=address)
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=50)
        client = Client(cluster)
        client.minicourse_cluster = cluster
        return client
    if not address.startswith(("tcp://", "tls://")):
        raise TeacherError("cluster_bad_address", address=address)
    try:
        return Client(address, timeout=15)
    except (OSError, TimeoutError) as exc:
        raise TeacherError("cluster_unreachable", address=address, reason=str(exc)[:200]) from None


def close_cluster(client) -> None:
    cluster = getattr(client, "minicourse_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def _zygote(settings):
    """This worker process's fork-server for these limits (one per process, kept warm)."""
    from .sandbox import Zygote

    key = (settings.time_limit, settings.memory_mb, settings.sandbox, settings.cell_time_limit)
    with _zygote_lock:
        zygote = _zygotes.get(key)
        if zygote is None or zygote.proc is None or zygote.proc.poll() is not None:
            zygote = _zygotes[key] = Zygote(settings).start()
            import atexit

            atexit.register(zygote.close)
        return zygote


def grade_on_worker(task: dict, settings, cells_json: dict) -> dict:
    """One submission, on a Dask worker: the local run's grading worker, forked here."""
    from .autograde_steps import AssignmentCells
    from .grade import grade_worker, wait_for_child, warm_up_for_workers

    with _zygote_lock:
        if not _warm.get(task["assignment_key"]):
            warm_up_for_workers(AssignmentCells.from_json(cells_json))
            _warm[task["assignment_key"]] = True
    zygote = _zygote(settings)
    base = Path(tempfile.mkdtemp(prefix="minicourse-task-"))
    try:
        support = []
        for rel, data in task["support"]:
            path = base / "support" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            support.append((path, rel))
        out = base / "out"
        (out / "files").mkdir(parents=True)
        for path, rel in support:
            target = out / "files" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        with _zygote_lock:   # one control socket, several task threads
            sandbox_jobs = [zygote.new_job(support, task["language"]) for _ in task["notebooks"]]
        job = {**task, "out": str(out), "sandbox_jobs": sandbox_jobs}
        pid = os.fork()   # a daemonic Dask worker may not use multiprocessing's children
        if pid == 0:
            try:
                grade_worker(job, settings, cells_json)
            finally:
                os._exit(0)
        for sandbox_job in sandbox_jobs:
            sandbox_job.sock.close()
        exitcode = wait_for_child(pid, settings.time_limit + 15)
        for sandbox_job in sandbox_jobs:
            sandbox_job.kill()
            sandbox_job.remove()
        files = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()
                 if p.is_file() and (p.suffix == ".ipynb" or p.name == "result.json")}
        return {"files": files, "exitcode": exitcode}
    finally:
        shutil.rmtree(base, ignore_errors=True)
