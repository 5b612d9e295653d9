"""The student's side of grading: runs inside the sandbox, never in the grader.

Started by :mod:`graders.sandbox` inside bubblewrap as ``python -I cellrunner.py SITE``. It is
a fork-server: it imports IPython, mini_sdk and the driver once, then for each submission the
grader hands it a socket (SCM_RIGHTS) and it forks a child that

1. shuts itself in further (its own user, mount, PID and IPC namespaces: the other
   submissions' folders, /tmp and /proc are out of sight), takes its limits (memory, processes,
   file size, open files) and drops every capability;
2. runs the student's cells one by one with IPython's own shell (IPython syntax, display,
   outputs as nbformat dicts) and sends each cell's outputs back;
3. for each test cell, forks once more: that child answers the grader's driver requests
   (``mini_sdk.remote.Server``) about the student's namespace as it is at that point, and is
   thrown away, so nothing a test does reaches the student's later cells.

This file holds our code only; the student's code runs in the grandchild, after step 1. The
test cells themselves are never sent here.
"""
import ctypes
import json
import os
import signal
import socket
import struct
import sys

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWIPC, CLONE_NEWUTS = (
    0x00020000, 0x10000000, 0x20000000, 0x08000000, 0x04000000)
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = (
    1, 2, 4, 8, 32, 4096, 16384, 1 << 18)
PR_SET_PDEATHSIG, PR_SET_NAME, PR_SET_NO_NEW_PRIVS, PR_CAPBSET_DROP = 1, 15, 38, 24
JOBS = "/jobs"
WORK = "/home/student"
MAX_OUTPUT = 1_000_000   # characters of output kept per cell (like nbgrader's LimitOutput)

libc = ctypes.CDLL(None, use_errno=True)


def name_process(name: str) -> None:
    """What `top` and `ps -o comm` show for this process (its role in grading)."""
    libc.prctl(PR_SET_NAME, name.encode()[:15], 0, 0, 0)


def main() -> None:
    name_process("mc-zygote")
    os.environ["MINICOURSE_GRADING"] = "1"   # before mini_sdk is imported: it watches no cells then
    sys.path.insert(0, sys.argv[1])      # the private copy of mini_sdk (python -I ignores PYTHONPATH)
    preload()
    control = socket.socket(fileno=int(sys.argv[2]))
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    send_control(control, {"ready": True})
    while True:
        try:
            msg, fds, _flags, _addr = socket.recv_fds(control, 65536, 4)
        except OSError:
            return
        if not msg:
            return
        job = json.loads(msg.decode("utf-8"))
        pid = os.fork()
        if pid == 0:
            control.close()
            name_process(f"mc-job{job['id']}")
            run_job(job, fds[0])
            os._exit(0)
        for fd in fds:
            os.close(fd)
        send_control(control, {"job": job["id"], "pid": pid})
        reap()


def send_control(control, message) -> None:
    control.sendall(json.dumps(message).encode() + b"\n")


def reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def preload() -> None:
    """What every submission needs, imported once (the children share it, copy-on-write)."""
    from IPython.core.interactiveshell import InteractiveShell

    import importlib
    import pkgutil

    import mini_sdk

    # all of mini_sdk, the live preview (and ipywidgets) too: the homework's cells call
    # preview(program), and this private copy has no compiled files (each child would compile
    # the module again: 77 ms of CPU for a cell that previews, 21 ms with it loaded here)
    for module in sorted(m.name for m in pkgutil.walk_packages(mini_sdk.__path__, "mini_sdk.")):
        importlib.import_module(module)

    # the shell itself, made once: each submission's child gets its own copy of it (fork)
    shell = InteractiveShell.instance(colors="NoColor", history_length=0)
    shell.history_manager.enabled = False
    shell.run_cell("pass", store_history=False)
    warm_error_path(shell)
    # what is loaded now never needs collecting: out of the garbage collector's sight, so a
    # forked child's collections do not touch (and copy) every page it shares with us
    import gc

    gc.collect()
    gc.freeze()


def warm_error_path(shell) -> None:
    """A cell that stops with an error is common (the stub's NotImplementedError, a typo), and
    its first traceback loads, lazily, what IPython formats it with (stack_data, executing,
    pure_eval, pygments' formatters) and our explanation in the student's language
    (mini_sdk.explain, the catalogue), compiled from source here: 37 ms of CPU for a child's
    first error, 17 ms once they are loaded. One error here loads them once for all. It leaves
    nothing behind for the student's cells: no name in their namespace, no history, no
    sys.last_* traceback."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from mini_sdk.explain import explain

    names = set(shell.user_ns)
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        result = shell.run_cell("def _warm():\n    raise NotImplementedError()\n_warm()", store_history=False)
    explain(result.error_in_exec)
    for name in set(shell.user_ns) - names:
        del shell.user_ns[name]
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        if hasattr(sys, name):
            delattr(sys, name)
    shell._last_traceback = None


# -- one submission ------------------------------------------------------------------------------
def run_job(job: dict, fd: int) -> None:
    from mini_sdk.remote import Channel

    channel = Channel(fd, fd)
    top = os.getpid()   # the job's first process, in the zygote's PID namespace (told to the grader)
    if not job.get("isolate", True):   # --no-sandbox
        set_limits(job)
        os.chdir(job["path"])
        os.environ.update(job.get("env", {}))
        channel.send({"started": True, "pid": top, "protections": job.get("protections", [])})
        Job(job, channel).run()
        return
    try:
        isolate(job)
    except OSError as exc:
        channel.send({"jail_failed": str(exc)})
        return
    # our own pid, as the grader's side of the PID namespace it is in counts it, goes first
    pid = os.fork()
    if pid:
        # the job's init is its first child; this process only waits for it
        name_process(f"mc-wait{job['id']}")
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        os._exit(0)
    finish_isolation(job)
    channel.send({"started": True, "pid": top, "protections": job.get("protections", [])})
    Job(job, channel).run()


def isolate(job: dict) -> None:
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS) != 0:
        raise OSError(ctypes.get_errno(), "unshare")
    inner = 1000
    with open("/proc/self/setgroups", "w") as fh:
        fh.write("deny")
    with open("/proc/self/uid_map", "w") as fh:
        fh.write(f"{inner} {uid} 1")
    with open("/proc/self/gid_map", "w") as fh:
        fh.write(f"{inner} {gid} 1")
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    work = os.path.join(JOBS, job["folder"])
    mount(work, WORK, None, MS_BIND | MS_REC)
    # the other submissions, the shared /tmp and /dev/shm, /proc: out of sight
    mount("tmpfs", JOBS, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=0555")
    # Python itself may live under /tmp (a venv made there): held aside while this job's own
    # /tmp is mounted, then put back at its path (read-only, as bubblewrap bound it), or the
    # job could import nothing it had not imported already
    held = []
    for i, path in enumerate(job.get("python_in_tmp", [])):
        hold = f"/opt/minicourse/hold{i}"
        mount(path, hold, None, MS_BIND | MS_REC)
        held.append((hold, path))
    mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=64m,mode=1777")
    for hold, path in held:
        os.makedirs(path, exist_ok=True)
        mount(hold, path, None, MS_BIND | MS_REC)
        try:
            mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY)
        except OSError:
            pass   # already read-only: bubblewrap's read-only bind is locked in this namespace
    if os.path.isdir("/dev/shm"):
        mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=16m,mode=1777")


def finish_isolation(job: dict) -> None:
    mount("tmpfs", "/proc", "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=0555")
    set_limits(job)
    drop_capabilities()
    os.chdir(WORK)
    os.umask(0o077)
    os.environ.clear()
    os.environ.update(job.get("env", {}))


def set_limits(job: dict) -> None:
    import resource

    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    limits = job.get("limits", {})
    for name, value in (("RLIMIT_AS", limits.get("memory_bytes")), ("RLIMIT_NPROC", limits.get("processes")),
                        ("RLIMIT_FSIZE", limits.get("file_bytes")), ("RLIMIT_NOFILE", 256),
                        ("RLIMIT_CORE", 0), ("RLIMIT_CPU", limits.get("cpu_seconds"))):
        if value is not None:
            resource.setrlimit(getattr(resource, name), (value, value))


def drop_capabilities() -> None:
    for cap in range(64):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)
    header = struct.pack("II", 0x20080522, 0)
    data = bytes(24)  # two __user_cap_data_struct, all zero
    if libc.capset(ctypes.c_char_p(header), ctypes.c_char_p(data)) != 0:
        raise OSError(ctypes.get_errno(), "capset")
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "no_new_privs")


def mount(source, target, fstype, flags, data=None) -> None:
    enc = lambda s: s.encode() if isinstance(s, str) else s  # noqa: E731
    if libc.mount(enc(source), enc(target), enc(fstype), flags, enc(data)) != 0:
        raise OSError(ctypes.get_errno(), f"mount {target}")


class Job:
    """The student's cells in an IPython shell; requests from the grader in between."""

    def __init__(self, job: dict, channel) -> None:
        self.job = job
        self.channel = channel
        from IPython.core.interactiveshell import InteractiveShell

        self.shell = InteractiveShell.instance()
        self.outputs: list = []
        self._hook_display()
        language = job.get("language")
        if language:
            import mini_sdk

            mini_sdk.set_language(language)

    def _hook_display(self) -> None:
        job = self

        class Publisher(self.shell.display_pub.__class__):
            def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
                job.outputs.append({"output_type": "display_data", "data": _plain_mime(data),
                                    "metadata": {}})

        self.shell.display_pub = Publisher(shell=self.shell)
        shell = self.shell

        def show_traceback(etype, evalue, stb):
            job.outputs.append({"output_type": "error", "ename": getattr(etype, "__name__", "Error"),
                                "evalue": _safe_str(evalue), "traceback": [str(s) for s in stb][-50:]})
        shell._showtraceback = show_traceback

        class Hook(shell.displayhook.__class__):
            def __call__(self, result=None):
                if result is None or shell.displayhook.quiet():
                    return
                try:
                    data, _ = shell.display_formatter.format(result)
                except Exception:  # noqa: BLE001
                    data = {"text/plain": "?"}
                job.outputs.append({"output_type": "execute_result", "data": _plain_mime(data),
                                    "metadata": {}, "execution_count": shell.execution_count})

        shell.displayhook = Hook(shell=shell, cache_size=0)
        shell.display_trap.hook = shell.displayhook

    def run(self) -> None:
        from mini_sdk.remote import ChannelClosed

        while True:
            try:
                request = self.channel.receive()
            except ChannelClosed:
                return
            op = request.get("op") if isinstance(request, dict) else None
            if op == "cell":
                self.channel.send(self.run_cell(request.get("source", "")))
            elif op == "test":
                self.serve_test(request)
            elif op == "end":
                return

    def run_cell(self, source: str) -> dict:
        self.outputs = []
        out, err = _Capture("stdout", self.outputs), _Capture("stderr", self.outputs)
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        error = None
        try:
            result = self.shell.run_cell(source, store_history=True, silent=False)
            exc = result.error_before_exec or result.error_in_exec
            if exc is not None:
                error = exc
        except BaseException as exc:  # noqa: BLE001
            error = exc
        finally:
            sys.stdout, sys.stderr = saved
        if error is not None and not any(o.get("output_type") == "error" for o in self.outputs):
            # IPython could not show it (a MemoryError while formatting the traceback, say):
            # the teacher still sees what stopped the cell
            self.outputs.append({"output_type": "error", "ename": type(error).__name__,
                                 "evalue": _safe_str(error), "traceback": []})
        if isinstance(error, Exception):
            _explain_first(error, self.outputs)
        outputs = _merge_streams(self.outputs)
        return {"outputs": outputs, "failed": error is not None}

    def serve_test(self, request: dict) -> None:
        """Fork: the child answers this test's requests and is thrown away."""
        import gc

        from mini_sdk.remote import Server, wait_for_exit

        gc.freeze()   # the student's objects too, for this test's fork (see preload)
        pid = os.fork()
        if pid == 0:
            name_process(f"mc-test{self.job['id']}")
            try:
                self.channel.send({"serving": True})
                Server(self.shell.user_ns).serve(self.channel, until="done")
            finally:
                os._exit(0)
        limit = float(request.get("seconds") or 60)
        if wait_for_exit(pid, limit) is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            self.channel.send({"test_over": True, "reason": "timeout"})
            return
        self.channel.send({"test_over": True, "reason": "ended"})


def _explain_first(error: Exception, outputs: list) -> None:
    """The student's error explained in their language (what their notebook would say, e.g.
    "replace raise NotImplementedError() with your code"), as the first line of the cell's
    error output, above IPython's traceback: feedback and formgrader show it first."""
    try:
        from mini_sdk.explain import explain

        text = explain(error)
    except Exception:  # noqa: BLE001 - the traceback is still there
        return
    for output in reversed(outputs):
        if output.get("output_type") == "error":
            output["traceback"] = [text] + list(output.get("traceback") or [])
            return


class _Capture:
    """sys.stdout/sys.stderr while a cell runs: text becomes nbformat stream outputs."""

    def __init__(self, name: str, outputs: list) -> None:
        self.name, self.outputs, self.size = name, outputs, 0
        self.encoding = "utf-8"

    def write(self, text) -> int:
        text = str(text)
        if self.size < MAX_OUTPUT:
            self.outputs.append({"output_type": "stream", "name": self.name,
                                 "text": text[: MAX_OUTPUT - self.size]})
            self.size += len(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _safe_str(value) -> str:
    try:
        return str(value)[:4000]
    except Exception:  # noqa: BLE001
        return "?"


def _merge_streams(outputs: list) -> list:
    merged: list = []
    for o in outputs:
        if merged and o["output_type"] == "stream" and merged[-1]["output_type"] == "stream" \
                and merged[-1]["name"] == o["name"]:
            merged[-1]["text"] += o["text"]
        else:
            merged.append(o)
    return merged


def _plain_mime(data) -> dict:
    out = {}
    for key, value in dict(data).items():
        if isinstance(value, (dict, list)):
            try:
                value = json.loads(json.dumps(value))
            except (TypeError, ValueError):
                continue
        elif not isinstance(value, str):
            value = str(value)
        out[str(key)] = value
    return out


if __name__ == "__main__":
    main()
