"""Where the student's code runs while it is graded: bubblewrap, then a fork per submission.

One grading run starts one **zygote** inside bubblewrap (Debian's ``bubblewrap``): an empty root
holding only read-only Python, its site-packages, a private copy of mini_sdk and the system
libraries; no network and no host sockets of any kind (its own network namespace, no /run, no
host /tmp); its own user, PID, IPC and UTS namespaces; every capability dropped; killed with
the grading run. The zygote imports IPython and mini_sdk once and forks one child per
submission (see :mod:`graders.cellrunner`): that child shuts itself in further (own user,
mount and PID namespaces, its own folder, /tmp and /dev/shm, /proc hidden), takes the
submission's limits and runs the student's cells. The teacher's tests never go there: they
run in the grader (:mod:`graders.testcells`), which drives the student's program over a
socket that carries JSON only.

Limits for a whole submission, whatever it starts: wall time (the grader kills it), memory (an
address-space limit per process, and the grader adds up the resident memory of all its
processes and kills it above the limit), number of processes (per-namespace RLIMIT_NPROC),
file size, open files. When the submission ends, the kernel ends everything in its PID
namespace, double-forked daemons included.

When bubblewrap is missing or cannot start here, :class:`SandboxUnavailable` says what is
missing and how to fix it; ``grade`` then refuses to run (unless the teacher passes
``--no-sandbox``), and no student is blamed.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import TeacherError

RUNNER = Path(__file__).with_name("cellrunner.py")
INNER_UID = 65534


@dataclass
class SandboxSettings:
    time_limit: float = 60.0          # seconds for the whole submission
    cell_time_limit: float | None = None  # seconds for one cell or one test (default: time_limit)
    memory_mb: int = 2048             # all the submission's processes together
    processes: int = 64
    file_mb: int = 64
    sandbox: bool = True              # False: --no-sandbox (the teacher's explicit choice)
    fork_server: bool = True          # False: a new sandboxed Python for every submission (slower)


class SandboxUnavailable(TeacherError):
    """The sandbox cannot start on this machine: names what is missing and how to fix it."""


def find_bwrap() -> str | None:
    return shutil.which("bwrap") or next((p for p in ("/usr/bin/bwrap", "/bin/bwrap") if os.path.exists(p)), None)


def python_paths() -> list[Path]:
    """Folders Python needs to start and import what grading needs, real paths."""
    import importlib.util

    paths = {Path(sys.base_prefix), Path(sys.prefix), Path(sys.executable).parent,
             Path(sysconfig.get_paths()["stdlib"]), Path(sysconfig.get_paths()["purelib"]),
             Path(sysconfig.get_paths()["platlib"])}
    for name in ("IPython", "nbformat", "babel"):
        spec = importlib.util.find_spec(name)
        if spec and spec.submodule_search_locations:
            paths.add(Path(list(spec.submodule_search_locations)[0]).parent)
    real = set()
    for p in paths:
        real.add(p.resolve())
        real.add(p)      # symlinked venvs: both the link and its target
    # no folder inside another
    out = sorted(real, key=lambda p: len(p.parts))
    keep: list[Path] = []
    for p in out:
        if not any(k == p or k in p.parents for k in keep):
            keep.append(p)
    return [p for p in keep if p.exists()]


class Zygote:
    """The sandboxed fork-server of one grading run."""

    def __init__(self, settings: SandboxSettings, base: Path | None = None):
        self.settings = settings
        self.base = Path(base or tempfile.mkdtemp(prefix="minicourse-grade-"))
        self.jobs = self.base / "jobs"
        self.jobs.mkdir(mode=0o700, exist_ok=True)
        self.site = self.base / "site"
        self._copy_mini_sdk()
        self.proc: subprocess.Popen | None = None
        self.control: socket.socket | None = None
        self.buffer = b""
        self.counter = 0
        self.waiting: dict[int, "SandboxJob"] = {}   # jobs whose pid the zygote has not told yet
        self.in_tmp = self.python_in_tmp()
        self.owner = os.getpid()   # only this process reads the control socket (workers are forks)
        self.protections: list[str] = []

    # -- start -------------------------------------------------------------------------------
    def _copy_mini_sdk(self) -> None:
        import importlib.util

        spec = importlib.util.find_spec("mini_sdk")
        pkg = Path(list(spec.submodule_search_locations)[0]).resolve()
        shutil.copytree(pkg, self.site / "mini_sdk", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))

    def command(self) -> list[str]:
        if not self.settings.sandbox:   # --no-sandbox: the teacher's explicit choice
            return [sys.executable, "-I", str(RUNNER), str(self.site)]
        bwrap = find_bwrap()
        if not bwrap:
            raise SandboxUnavailable("sandbox_no_bwrap")
        args = [bwrap, "--unshare-all", "--die-with-parent", "--new-session",
                "--uid", str(INNER_UID), "--gid", str(INNER_UID), "--cap-drop", "ALL",
                "--hostname", "phone", "--tmpfs", "/", "--dev", "/dev", "--proc", "/proc",
                "--tmpfs", "/tmp", "--dir", "/home/student"]
        for name in ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"):
            top = Path("/") / name
            if top.is_symlink():
                args += ["--symlink", os.readlink(top), str(top)]
            elif top.is_dir():
                args += ["--ro-bind", str(top), str(top)]
        for etc in ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "nsswitch.conf", "passwd", "group"):
            if os.path.exists(f"/etc/{etc}"):
                args += ["--ro-bind", f"/etc/{etc}", f"/etc/{etc}"]
        for p in python_paths():
            if not str(p).startswith(("/usr/", "/bin/", "/lib")):
                args += ["--ro-bind", str(p), str(p)]
        for i, _ in enumerate(self.python_in_tmp()):   # where each job holds them (cellrunner)
            args += ["--dir", f"/opt/minicourse/hold{i}"]
        args += ["--ro-bind", str(self.site), "/opt/minicourse/site",
                 "--ro-bind", str(RUNNER), "/opt/minicourse/cellrunner.py",
                 "--bind", str(self.jobs), "/jobs", "--chdir", "/home/student",
                 "--clearenv", "--setenv", "PATH", f"{Path(sys.executable).parent}:/usr/bin:/bin",
                 "--setenv", "HOME", "/home/student", "--setenv", "LANG", "C.UTF-8",
                 "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--setenv", "MPLBACKEND", "Agg",
                 "--", sys.executable, "-I", "/opt/minicourse/cellrunner.py", "/opt/minicourse/site"]
        return args  # + the control socket's fd number, added by start()

    def start(self, timeout: float = 120.0) -> "Zygote":
        return self.launch().wait_ready(timeout)

    @staticmethod
    def python_in_tmp() -> list[str]:
        """Python's own folders that lie under /tmp, which each job mounts afresh."""
        return [str(p) for p in python_paths() if p.parts[:2] == ("/", "tmp")]

    def launch(self) -> "Zygote":
        """Start the sandboxed Python without waiting for it (it imports IPython and mini_sdk
        while the teacher's process reads the gradebook)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        os.set_inheritable(theirs.fileno(), True)
        cmd = self.command() + [str(theirs.fileno())]
        self.errlog = open(self.base / "zygote.log", "w+b")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.errlog, stderr=self.errlog,
                                     pass_fds=(theirs.fileno(),))
        theirs.close()
        self.control = ours
        return self

    def wait_ready(self, timeout: float = 120.0) -> "Zygote":
        ready = self._control_line(timeout)
        if not ready or not ready.get("ready"):
            self.close()
            self.errlog.seek(0)
            detail = self.errlog.read()[-600:].decode("utf-8", "replace").strip()
            raise SandboxUnavailable("sandbox_did_not_start", detail=detail or "?")
        self.protections = (["sandbox", "network", "user", "pid", "memory", "processes", "folders"]
                            if self.settings.sandbox else ["memory"])
        return self

    def _control_line(self, timeout: float) -> dict | None:
        from mini_sdk.remote import wait_readable

        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or (self.proc and self.proc.poll() is not None and not self.buffer):
                return None
            ready = wait_readable(self.control, min(left, 0.5))
            if ready:
                chunk = self.control.recv(65536)
                if not chunk:
                    return None
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    # -- jobs --------------------------------------------------------------------------------
    def new_job(self, support: list[tuple[Path, str]], language: str) -> "SandboxJob":
        """A fresh folder with the assignment's support files, and a forked child for it."""
        self.counter += 1
        folder = f"j{self.counter}-{os.urandom(8).hex()}"
        work = self.jobs / folder
        work.mkdir(mode=0o700)
        for src, rel in support:
            target = work / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
        s = self.settings
        job = {"id": self.counter, "folder": folder, "language": language,
               "isolate": self.settings.sandbox, "path": str(work),
               "limits": {"memory_bytes": s.memory_mb * 1024 * 1024, "processes": s.processes,
                          "file_bytes": s.file_mb * 1024 * 1024, "cpu_seconds": int(s.time_limit) + 5},
               "env": {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": "/home/student",
                       "TMPDIR": "/tmp", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                       "PYTHONIOENCODING": "utf-8", "MINICOURSE_LANG": language, "MPLBACKEND": "Agg",
                       "MINICOURSE_GRADING": "1",
                       "PYTHONDONTWRITEBYTECODE": "1"},
               "protections": self.protections, "python_in_tmp": self.in_tmp}
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            socket.send_fds(self.control, [json.dumps(job).encode()], [theirs.fileno()])
        except OSError:
            ours.close()
            theirs.close()
            raise SandboxUnavailable("sandbox_did_not_start", detail="the sandbox stopped") from None
        theirs.close()
        # not waiting for the zygote's answer (its child's pid): the child says it too, first
        # thing, to whoever grades with it; answers are read as they come (_read_answers)
        sandbox_job = SandboxJob(self, ours, work, None, self.settings.memory_mb)
        self.waiting[self.counter] = sandbox_job
        self._read_answers()
        return sandbox_job

    def _read_answers(self, wait: float = 0.0) -> None:
        """The zygote's answers so far ({"job": n, "pid": p}), without blocking."""
        from mini_sdk.remote import wait_readable

        while self.control and os.getpid() == self.owner:
            ready = wait_readable(self.control, wait)
            if not ready:
                return
            chunk = self.control.recv(65536)
            if not chunk:
                return
            self.buffer += chunk
            while b"\n" in self.buffer:
                line, self.buffer = self.buffer.split(b"\n", 1)
                answer = json.loads(line)
                sandbox_job = self.waiting.pop(answer.get("job"), None)
                if sandbox_job is not None and sandbox_job.inner_pid is None:
                    sandbox_job.inner_pid = answer.get("pid")
            wait = 0.0

    def close(self) -> None:
        if self.control:
            self.control.close()
            self.control = None
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        if not os.environ.get("MINICOURSE_KEEP_SANDBOX"):
            shutil.rmtree(self.base, ignore_errors=True)


class SandboxJob:
    """One submission's child in the zygote, seen from the grader."""

    def __init__(self, zygote: Zygote, sock: socket.socket, work: Path, inner_pid: int, memory_mb: int):
        self.zygote, self.sock, self.work = zygote, sock, work
        self.inner_pid = inner_pid
        self.memory_bytes = memory_mb * 1024 * 1024
        self._host_pid: int | None = None

    def host_pid(self) -> int | None:
        """The job's first process, as the host sees it (found through /proc's NSpid)."""
        if self._host_pid:
            return self._host_pid
        if self.inner_pid is None and self.zygote.control:   # the teacher's process: ask the answers
            self.zygote._read_answers(wait=0.5)
        if self.inner_pid is None:
            return None
        root = self.zygote.proc.pid if self.zygote.proc else None
        for pid in process_tree(root) if root else []:
            try:
                with open(f"/proc/{pid}/status") as fh:
                    ns = next((l.split()[1:] for l in fh if l.startswith("NSpid:")), [])
            except OSError:
                continue
            if len(ns) == 2 and ns[1] == str(self.inner_pid):
                self._host_pid = pid
                return pid
        return None

    def processes(self) -> list[int]:
        top = self.host_pid()
        return process_tree(top) if top else []

    def resident_bytes(self) -> int:
        return resident_bytes(self.processes())

    def kill(self) -> None:
        for pid in reversed(self.processes()):
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            self.sock.close()
        except OSError:
            pass

    def remove(self) -> None:
        self.kill()
        shutil.rmtree(self.work, ignore_errors=True)


def process_tree(root: int) -> list[int]:
    """root and every process below it, breadth first: from each thread's list of children
    (/proc/PID/task/TID/children), or, on a kernel without those lists, from every process's
    parent link."""
    try:
        out, todo = [], [root]
        while todo:
            pid = todo.pop(0)
            out.append(pid)
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children", "rb") as fh:
                    todo += [int(c) for c in fh.read().split()]
        return out
    except FileNotFoundError:
        if not os.path.exists("/proc/self/task/%d/children" % os.getpid()) and os.path.exists(f"/proc/{root}"):
            return _process_tree_by_parents(root)
        return out   # a process ended while we looked: what is left
    except (OSError, ValueError):
        return out


def _process_tree_by_parents(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop(0)
        out.append(pid)
        todo += children.get(pid, [])
    return out


def resident_bytes(pids: list[int]) -> int:
    """The resident memory of these processes together (from /proc/<pid>/statm)."""
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            pass
    return total
