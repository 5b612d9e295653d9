"""Running one student's notebooks: a forked worker process per submission, one fresh kernel
per notebook, inside a sandbox.

Why this shape (see reference/nbgrader-facts.md):
* kernel start/stop is most of the cost and nbgrader's API is not thread-safe: parallelism
  comes from processes. The parent has already imported nbclient & nbgrader (about 3 s), so
  each worker is a cheap ``fork`` of it, not a fresh interpreter.
* the worker never touches the gradebook: the parent prepares the notebook (nbgrader's
  sanitize steps, which restore test cells from the gradebook) and saves the grades
  afterwards, so there is one writer for SQLite or PostgreSQL.
* the kernel gets: a fresh temporary folder holding only the teacher's support files (not
  the notebook itself, which holds the hidden tests, and never the student's extra files);
  a scrubbed environment (no NBGRADER_EXECUTION, no paths to the course); memory, CPU, file
  size and open-file limits (setrlimit); and, when we run as root, its own user (nobody),
  no network and the school folder and source assignments hidden (see kernel_launcher.py).
* a whole-submission time limit: the parent kills the worker's and the kernel's process
  groups when it is over ("infinite loop stopped after N s").
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

LAUNCHER = str(Path(__file__).with_name("kernel_launcher.py"))


@dataclass
class SandboxSettings:
    time_limit: float = 60.0          # seconds for the whole submission
    memory_mb: int = 2048             # address space of the kernel process
    user: str | None = "nobody"       # when running as root; None: stay who we are
    isolate_network: bool = True
    hide: list[str] = field(default_factory=list)   # folders the kernel must not see


class SandboxRun:
    """Shared by all submissions of one `grade` run: a temporary base folder, the sandbox
    user, and a private copy of mini_sdk when it is not installed in site-packages (so the
    kernel can import it without being told where the repository is)."""

    def __init__(self, settings: SandboxSettings):
        self.settings = settings
        self.base = Path(tempfile.mkdtemp(prefix="minicourse-grade-"))
        self.uid = self.gid = None
        if os.geteuid() == 0 and settings.user:
            import pwd

            try:
                pw = pwd.getpwnam(settings.user)
                self.uid, self.gid = pw.pw_uid, pw.pw_gid
            except KeyError:
                pass
        # the sandbox user may walk through the base folder but not list it
        os.chmod(self.base, 0o711)
        self.site = self._private_site()
        self.counter = 0
        self.notes: list[str] = []
        self.hide, self.reexpose = self._plan_mounts()
        if self.uid is not None:
            self.reexpose += [p for p in self._closed_folders() if p not in self.reexpose]
        if self.uid is not None and not self._user_can_run_python():
            # the sandbox user cannot start Python here, even with the folders re-exposed
            self.notes.append("user_unavailable")
            self.uid = self.gid = None

    def _needed(self) -> list[Path]:
        import sysconfig

        return sorted({Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(),
                       Path(sys.executable).resolve().parent,
                       Path(sysconfig.get_paths()["purelib"]).resolve(), self.base.resolve()})

    def _plan_mounts(self) -> tuple[list[str], list[tuple[str, str]]]:
        """Folders to hide from the kernel. One that holds something the kernel needs (the
        repository holds .venv) is covered too, with just that child brought back."""
        needed = self._needed()
        hide, reexpose = [], []
        for folder in self.settings.hide:
            p = Path(folder).resolve()
            if not p.is_dir() or p == Path("/"):
                continue
            inside = [n for n in needed if p == n or p in n.parents]
            if any(n == p for n in inside):
                continue  # cannot hide what Python itself is
            inside = [n for n in inside if not any(o in n.parents for o in inside)]
            if inside:
                reexpose += [(str(p), str(n)) for n in inside]
            else:
                hide.append(str(p))
        # a folder inside another hidden one needs no mount of its own
        hide = [h for h in hide if not any(Path(o) in Path(h).parents for o in hide)]
        return hide, reexpose

    def _closed_folders(self) -> list[tuple[str, str]]:
        """[(closed folder, its child on the way to Python)] for folders the sandbox user
        cannot walk through, e.g. ('/root', '/root/.pyenv') when Python comes from pyenv."""
        import sysconfig

        needed = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(),
                  Path(sys.executable).resolve().parent,
                  Path(sysconfig.get_paths()["purelib"]).resolve()}
        out = []
        for path in sorted(needed):
            parts = path.parts
            for depth in range(1, len(parts)):
                folder = Path(*parts[:depth])
                st = folder.stat()
                if not (st.st_mode & 0o001) and st.st_uid != self.uid:
                    pair = (str(folder), str(Path(*parts[:depth + 1])))
                    if pair not in out and all(pair[0] != o[0] for o in out):
                        out.append(pair)
                    break
        return out

    def _user_can_run_python(self) -> bool:
        """Start Python + ipykernel as the sandbox user, through the real launcher."""
        import subprocess

        probe = self.base / "probe"
        probe.mkdir(mode=0o700)
        os.chown(probe, self.uid, self.gid)
        out = self.base / "probe-out"
        out.mkdir(mode=0o700)
        cfg = {"pid_file": str(out / "pid"), "report_file": str(out / "report"),
               "uid": self.uid, "gid": self.gid, "reexpose": self.reexpose, "hide": self.hide,
               "stage_dir": str(out / "stage"), "cwd": str(probe),
               "env": self.kernel_env(str(probe), "en")}
        (out / "cfg.json").write_text(json.dumps(cfg))
        code = "import ipykernel, importlib.util as u; assert u.find_spec('mini_sdk')"
        try:
            done = subprocess.run([sys.executable, "-I", "-S", LAUNCHER, str(out / "cfg.json"), "--",
                                   sys.executable, "-c", code], capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return False
        return done.returncode == 0

    def _private_site(self) -> str | None:
        import importlib.util
        import sysconfig

        spec = importlib.util.find_spec("mini_sdk")
        if spec is None or not spec.submodule_search_locations:
            return None
        pkg = Path(list(spec.submodule_search_locations)[0]).resolve()
        purelib = Path(sysconfig.get_paths()["purelib"]).resolve()
        if purelib in pkg.parents:
            return None  # installed normally: the kernel finds it in site-packages
        site = self.base / "site"
        shutil.copytree(pkg, site / "mini_sdk", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        for p in [site, *site.rglob("*")]:
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
        return str(site)

    def close(self) -> None:
        if os.environ.get("MINICOURSE_KEEP_SANDBOX"):  # for debugging a grading problem
            return
        shutil.rmtree(self.base, ignore_errors=True)

    # -- one submission ---------------------------------------------------------------------
    def new_job_dirs(self, support: list[tuple[Path, str]]) -> dict:
        """work/ (kernel's cwd) and ipc/ owned by the sandbox user, out/ only ours."""
        self.counter += 1
        name = f"j{self.counter}-{os.urandom(4).hex()}"
        dirs = {k: self.base / f"{name}-{k}" for k in ("work", "ipc", "out")}
        for key, path in dirs.items():
            path.mkdir(mode=0o700)
        for src, rel in support:
            target = dirs["work"] / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
        if self.uid is not None:
            for key in ("work", "ipc"):
                for p in [dirs[key], *dirs[key].rglob("*")]:
                    os.chown(p, self.uid, self.gid)
        return {k: str(v) for k, v in dirs.items()}

    def kernel_env(self, work: str, language: str) -> dict:
        env = {
            "PATH": os.pathsep.join([os.path.dirname(sys.executable), "/usr/local/bin", "/usr/bin", "/bin"]),
            "HOME": work, "TMPDIR": work, "IPYTHONDIR": os.path.join(work, ".ipython"),
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8",
            "MINICOURSE_LANG": language, "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1",
            "JUPYTER_PLATFORM_DIRS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        }
        if self.site:
            env["PYTHONPATH"] = self.site
        return env


def kill_job(pid: int, out_dir: str) -> None:
    """Kill a worker and every kernel it started (each kernel has its own process group)."""
    for pid_file in Path(out_dir).glob("kernel-*.pid"):
        try:
            kpid = int(pid_file.read_text().strip() or 0)
            if kpid > 1:
                os.killpg(kpid, signal.SIGKILL)
        except (ValueError, ProcessLookupError, PermissionError, OSError):
            pass
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        pass


# -- the worker (runs in the forked child) ------------------------------------------------------
def worker_main(run: SandboxRun, job: dict) -> None:
    """Execute job["notebooks"] ([(name, notebook json string)]); write results to out/.

    Writes out/<name>.ipynb per executed notebook and out/result.json:
    {"status": "ok"} or {"status": "crashed"|"error", "notebook": name, "detail": ...}.
    """
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = Path(job["dirs"]["out"])
    log = os.open(out / "worker.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    _cap_own_memory()
    result = {"status": "ok", "isolation": []}
    try:
        import nbformat
        from jupyter_client.manager import AsyncKernelManager
        from nbclient.exceptions import DeadKernelError
        from nbgrader.preprocessors import Execute

        settings = run.settings
        for index, (name, nb_json) in enumerate(job["notebooks"]):
            nb = nbformat.reads(nb_json, as_version=4)
            cfg_path = out / f"kernel-{index}.json"
            conn = os.path.join(job["dirs"]["ipc"], f"kernel-{index}.json")
            cfg = {
                "pid_file": str(out / f"kernel-{index}.pid"),
                "report_file": str(out / f"kernel-{index}.report"),
                "memory_bytes": int(settings.memory_mb) * 1024 * 1024 if settings.memory_mb else None,
                "cpu_seconds": int(settings.time_limit) + 10,
                "uid": run.uid, "gid": run.gid, "connection_file": conn,
                "isolate_network": settings.isolate_network,
                "reexpose": run.reexpose, "stage_dir": str(out / f"stage-{index}"),
                "hide": run.hide, "hides_something": bool(run.settings.hide),
                "cwd": job["dirs"]["work"],
                "env": run.kernel_env(job["dirs"]["work"], job["language"]),
            }
            cfg_path.write_text(json.dumps(cfg))
            km = _sandbox_kernel_manager(str(cfg_path), conn, job["dirs"]["ipc"], index,
                                         nb.metadata.get("kernelspec", {}).get("name") or "python3")
            ep = Execute(timeout=int(settings.time_limit) + 5, shutdown_kernel="immediate",
                         extra_arguments=["--HistoryManager.hist_file=:memory:"],
                         startup_timeout=60)
            try:
                ep.preprocess(nb, {"metadata": {"path": job["dirs"]["work"]}}, km=km)
            except DeadKernelError as exc:
                result = {"status": "crashed", "notebook": name, "detail": str(exc)[:500]}
                break
            except RuntimeError as exc:  # kernel did not start / died before replying
                result = {"status": "crashed", "notebook": name, "detail": str(exc)[:500]}
                break
            report = out / f"kernel-{index}.report"
            if report.exists():
                result["isolation"] = json.loads(report.read_text() or "[]")
            (out / f"{index}.ipynb").write_text(nbformat.writes(nb), encoding="utf-8")
    except BaseException as exc:  # noqa: BLE001 - everything must end up in result.json
        import traceback

        result = {"status": "error", "detail": f"{type(exc).__name__}: {exc}"[:500],
                  "traceback": traceback.format_exc()[-4000:]}
    tmp = out / "result.json.tmp"
    tmp.write_text(json.dumps(result))
    os.replace(tmp, out / "result.json")


def _cap_own_memory() -> None:
    """The worker collects the kernel's output: bound it too (a print loop makes GBs)."""
    import resource

    try:
        with open("/proc/self/status") as fh:
            vm = next(int(l.split()[1]) * 1024 for l in fh if l.startswith("VmSize:"))
        cap = vm + 3 * 1024 ** 3
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (OSError, StopIteration, ValueError):
        pass


_READY_CLIENT = None


def ReadyClient():
    """AsyncKernelClient whose wait_for_ready does not idle 200 ms on a quiet IOPub channel
    after the kernel answered (jupyter_client's flush loop); messages nbclient could see are
    filtered by their parent id anyway, so nothing a grade depends on changes."""
    global _READY_CLIENT
    if _READY_CLIENT is not None:
        return _READY_CLIENT
    import time
    from queue import Empty

    from jupyter_client.asynchronous.client import AsyncKernelClient
    from jupyter_client.utils import ensure_async

    class _ReadyClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout=None):
            deadline = time.time() + (timeout if timeout is not None else 1e9)
            while True:
                self.kernel_info()
                try:
                    msg = await ensure_async(self.shell_channel.get_msg(timeout=1))
                except Empty:
                    msg = None
                if msg is not None and msg["msg_type"] == "kernel_info_reply":
                    try:  # IOPub connected? (the kernel_info status messages come through it)
                        await ensure_async(self.iopub_channel.get_msg(timeout=0.2))
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(msg)
                        break
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.time() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
            while True:  # drain what is already there, without waiting for silence
                try:
                    await ensure_async(self.iopub_channel.get_msg(timeout=0.01))
                except Empty:
                    break

    _READY_CLIENT = _ReadyClient
    return _READY_CLIENT


def _sandbox_kernel_manager(cfg_path: str, connection_file: str, ipc_dir: str, index: int,
                            kernel_name: str):
    from jupyter_client.manager import AsyncKernelManager

    class SandboxKernelManager(AsyncKernelManager):
        client_factory = ReadyClient()

        def format_kernel_cmd(self, extra_arguments=None):
            cmd = super().format_kernel_cmd(extra_arguments)
            return [sys.executable, "-I", "-S", LAUNCHER, cfg_path, "--", *cmd]

        async def _async_wait(self, pollinterval: float = 0.1) -> None:
            # jupyter_client polls a killed kernel every 100 ms: 5 ms is plenty
            import asyncio

            while await self._async_is_alive():
                await asyncio.sleep(0.005)

    # unix sockets: work without a network (the kernel has none)
    return SandboxKernelManager(kernel_name=kernel_name, transport="ipc",
                                ip=os.path.join(ipc_dir, f"k{index}"),
                                connection_file=connection_file)
