"""Run a command and measure it as a whole process tree: wall time, CPU time of everything it
started (so cores busy = CPU / wall), and the peak of the tree's summed resident memory,
sampled every 20 ms from /proc. Shared by the grading benchmarks.

The tree's CPU time comes from getrusage(RUSAGE_CHILDREN), which counts a process only once
its parent has waited for it: a sandboxed job killed at the end, or a process whose parent
ended first, is not in it. So the whole machine's busy time over the same interval is taken
too (/proc/stat: all CPUs, less idle and iowait); on an otherwise quiet machine it is the
honest "cores busy"."""
from __future__ import annotations

import resource
import subprocess
import threading
import time
from dataclasses import dataclass

from graders.sandbox import process_tree, resident_bytes


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_mb: float
    machine_busy_seconds: float
    returncode: int
    stdout: str
    stderr: str

    @property
    def cores_busy(self) -> float:
        return self.cpu_seconds / self.seconds if self.seconds else 0.0

    @property
    def machine_cores_busy(self) -> float:
        return self.machine_busy_seconds / self.seconds if self.seconds else 0.0


def machine_busy_seconds() -> float:
    """CPU seconds all the machine's CPUs have spent not idle since boot (/proc/stat)."""
    import os

    with open("/proc/stat") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)   # idle, iowait
    busy = sum(fields[:8]) - idle                             # up to steal; guest is inside user
    return busy / os.sysconf("SC_CLK_TCK")


def measure(cmd: list[str], **kwargs) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine_before = machine_busy_seconds()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], resident_bytes(process_tree(proc.pid)))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    machine = machine_busy_seconds() - machine_before
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, peak[0] / 1024 / 1024, machine, proc.returncode, out, err)
