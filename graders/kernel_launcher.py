"""Starts one grading kernel inside its sandbox, then becomes the kernel (execve).

Run as ``python -I -S kernel_launcher.py CONFIG.json -- <kernel command...>`` by
:mod:`graders.sandbox` (never imported; stdlib only, no site-packages, so it starts in a few
milliseconds). Steps, each recorded in the report file so the teacher can see which
protections were in force:

1. write our pid (the parent kills this process group on timeout);
2. resource limits: address space (memory), CPU seconds, file size, open files, no core dumps;
3. when running as root: new network namespace (no network at all: the kernel talks to
   its client through unix sockets) and new mount namespace with the school folder and the
   teacher's source assignments hidden under empty read-only tmpfs;
4. when running as root: switch to the sandbox user (nobody) with no supplementary groups;
5. scrubbed environment, working directory = a fresh folder holding only support files.
"""
import ctypes
import ctypes.util
import json
import os
import resource
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18


def main():
    sep = sys.argv.index("--")
    with open(sys.argv[1]) as fh:
        cfg = json.load(fh)
    cmd = sys.argv[sep + 1:]
    done = []
    with open(cfg["pid_file"], "w") as fh:
        fh.write(str(os.getpid()))

    def limit(name, soft, hard=None):
        resource.setrlimit(getattr(resource, name), (soft, soft if hard is None else hard))

    if cfg.get("memory_bytes"):
        limit("RLIMIT_AS", cfg["memory_bytes"])
        done.append("memory")
    if cfg.get("cpu_seconds"):
        limit("RLIMIT_CPU", cfg["cpu_seconds"], cfg["cpu_seconds"] + 5)
        done.append("cpu")
    limit("RLIMIT_FSIZE", cfg.get("file_bytes", 64 * 1024 * 1024))
    limit("RLIMIT_NOFILE", 256)
    limit("RLIMIT_CORE", 0)

    uid, gid = cfg.get("uid"), cfg.get("gid")
    if os.geteuid() == 0:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        if cfg.get("isolate_network") and libc.unshare(CLONE_NEWNET) == 0:
            done.append("network")
        hide = [p for p in cfg.get("hide", []) if os.path.isdir(p)]
        # (closed folder, child to keep): the folder is covered, only the child comes back.
        # Used for the repository (hidden, but its .venv stays) and for folders the sandbox
        # user cannot walk through (pyenv's Python under /root).
        groups = {}
        for closed, child in cfg.get("reexpose") or []:
            groups.setdefault(closed, []).append(child)
        ok = False
        if (hide or groups) and libc.unshare(CLONE_NEWNS) == 0 \
                and libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) == 0:
            ok = True
            for path in hide:
                if libc.mount(b"tmpfs", path.encode(), b"tmpfs",
                              MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, b"size=4k,mode=0555") != 0:
                    ok = False
            for i, (closed, children) in enumerate(groups.items()):
                stages = []
                for j, child in enumerate(children):
                    stage = os.path.join(cfg["stage_dir"], f"{i}-{j}")
                    os.makedirs(stage, exist_ok=True)
                    if libc.mount(child.encode(), stage.encode(), None, MS_BIND | MS_REC, None) == 0:
                        stages.append((child, stage))
                    else:
                        ok = False
                if libc.mount(b"tmpfs", closed.encode(), b"tmpfs", MS_NOSUID | MS_NODEV,
                              b"size=64k,mode=0755") != 0:
                    ok = False
                    continue
                for child, stage in stages:
                    os.makedirs(child, exist_ok=True)
                    if libc.mount(stage.encode(), child.encode(), None, MS_BIND | MS_REC, None) != 0:
                        ok = False
        if ok and cfg.get("hides_something"):
            done.append("hidden-folders")
        if (hide or groups) and not ok:
            uid = None  # Python may be out of reach: do not switch user
        if uid is not None:
            done.append("user")
    # the report goes to a folder only we (not the sandbox user) may write: write it now
    with open(cfg["report_file"], "w") as fh:
        fh.write(json.dumps(done))
    if os.geteuid() == 0 and uid is not None:
        if cfg.get("connection_file"):
            os.chown(cfg["connection_file"], uid, gid)
        limit("RLIMIT_NPROC", cfg.get("max_processes", 512))
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
    os.chdir(cfg["cwd"])
    os.umask(0o077)
    env = dict(cfg["env"])
    if "JPY_PARENT_PID" in os.environ:
        env["JPY_PARENT_PID"] = os.environ["JPY_PARENT_PID"]
    os.execve(cmd[0], cmd, env)


if __name__ == "__main__":
    main()
