"""Each student's (and teacher's) own Jupyter server on the hub's machine.

As root, every hub user gets a Unix account of their own (``mc-<id>``, no login shell, no
password) and a home folder only they can open, ``<school>/hub/homes/<id>`` (mode 0700):
one student's server, terminal and kernels cannot read another's files. Not as root, all
servers run as the hub's own user (JupyterHub's SimpleLocalProcessSpawner model), which
keeps students apart in the interface only; `minicourse hub` says so when it starts.

Limits: each server process and its kernels get an address-space limit (``mem_limit``, via
setrlimit, so a runaway kernel dies with MemoryError instead of starving the class) and run at
a lower CPU priority (``nice``), with ``cpu_limit`` advertised to the server (MEM_LIMIT,
CPU_LIMIT) as JupyterHub does. Hard CPU shares need cgroups: see docs/school-hub.md.
Runs inside the JupyterHub process (``c.JupyterHub.spawner_class``).
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import os
import pwd
import re
import subprocess
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Bool, Integer, Unicode, default

from .collect import HUB_ACCOUNT
from .school import School

JUPYTERLAB_LOCALES = {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW", "en": "en"}
#: students' Jupyter settings (nbgrader's teacher parts off, JupyterLab in their language);
#: first on a student's JUPYTER_CONFIG_PATH. Teachers' servers do without it.
STUDENTS_JUPYTER = Path(__file__).resolve().parent.parent / "jupyter" / "students"


def unix_name(name: str) -> str:
    """The Unix account of hub user `name`: mc-<id in lower case>, at most 32 characters."""
    base = re.sub(r"[^a-z0-9_.-]", "_", name.lower())
    full = f"mc-{base}"
    if len(full) <= 32 and base.lower() == name.lower():
        return full
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return f"mc-{base[:20]}-{digest}"


class StudentSpawner(LocalProcessSpawner):
    school = Unicode(config=True, help="the minicourse school folder")
    isolate = Bool(config=True, help="one Unix account per hub user (needs root)")
    student_config = Unicode(config=True, help="folder with the students' nbgrader_config.py")
    niceness = Integer(5, config=True, help="CPU priority of users' servers (os.nice)")
    hub_instance = Unicode(config=True, help="marks every process of this hub run")
    packages_prefix = Unicode(config=True, help="the venv whose Jupyter extensions users get")

    @default("isolate")
    def _default_isolate(self):
        return os.geteuid() == 0

    @property
    def home(self) -> Path:
        return Path(self.school) / "hub" / "homes" / self.user.name

    @property
    def account(self) -> str:
        return unix_name(self.user.name)

    def _classes(self) -> tuple[School, list[str]]:
        from .signup import student_classes

        school = School.open(self.school)
        return school, list(student_classes(school).get(self.user.name, []))

    def is_student(self) -> bool:
        """In a class's roster (teachers and admins are not)."""
        return bool(self._classes()[1])

    def language(self) -> str:
        school, classes = self._classes()
        for class_id in classes:
            return school.get_class(class_id).student_language(self.user.name)
        from .common import teacher_language

        return teacher_language()

    def _prepare_home(self) -> None:
        """Create the Unix account and home folder (once); the JupyterLab language setting."""
        home = self.home
        home.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(home.parent, 0o711)
        uid = gid = None
        if self.isolate:
            try:
                entry = pwd.getpwnam(self.account)
            except KeyError:
                subprocess.run(["useradd", "--system", "--user-group", "--no-create-home",
                                "--home-dir", str(home), "--shell", "/usr/sbin/nologin",
                                "--comment", HUB_ACCOUNT + self.user.name,
                                self.account], check=True, capture_output=True)
                entry = pwd.getpwnam(self.account)
            uid, gid = entry.pw_uid, entry.pw_gid
        home.mkdir(exist_ok=True)
        settings = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / \
            "translation-extension" / "plugin.jupyterlab-settings"
        news = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / \
            "apputils-extension" / "notification.jupyterlab-settings"
        for path, value in ((settings, {"locale": JUPYTERLAB_LOCALES[self.language()]}),
                            # no "Would you like Jupyter news?" question for a 12-year-old
                            (news, {"fetchNews": "false", "checkForUpdates": False})):
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(value), encoding="utf-8")
        if uid is not None:
            for dirpath, dirnames, filenames in os.walk(home):
                os.chown(dirpath, uid, gid)
                for name in filenames:
                    os.chown(os.path.join(dirpath, name), uid, gid)
        os.chmod(home, 0o700)

    def make_preexec_fn(self, name):
        become = set_user_setuid(self.account, chdir=False) if self.isolate else None
        home = str(self.home)
        limit = int(self.mem_limit) if self.mem_limit else None
        niceness = self.niceness

        def preexec():
            import resource

            if limit:
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            if niceness:
                os.nice(niceness)
            if become:
                become()
            os.chdir(home)

        return preexec

    def user_env(self, env):
        env["USER"] = self.account if self.isolate else env.get("USER", "")
        env["HOME"] = str(self.home)
        env["SHELL"] = "/bin/bash"
        env["MINICOURSE_LANG"] = self.language()
        env["MINICOURSE_HUB_INSTANCE"] = self.hub_instance
        # nbgrader reads the exchange settings from here, not from a file the student can edit
        prefix = Path(self.packages_prefix)
        config_path = [self.student_config, str(prefix / "etc" / "jupyter")]
        if self.is_student():  # no Create Assignment, Formgrader or Validate; lab in their language
            config_path.insert(0, str(STUDENTS_JUPYTER))
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(config_path)
        # the interpreter may be a bridge to our venv (see graders.hub.student_python): its
        # JupyterLab, nbgrader's extensions and the kernel spec live in our venv's prefix
        env["JUPYTER_PATH"] = str(prefix / "share" / "jupyter")
        env["PATH"] = os.pathsep.join([str(Path(self.cmd[0]).parent), "/usr/local/bin", "/usr/bin", "/bin"])
        env["JUPYTERLAB_DIR"] = str(prefix / "share" / "jupyter" / "lab")
        return env

    async def start(self):
        await asyncio.get_running_loop().run_in_executor(None, self._prepare_home)
        return await super().start()

    async def move_certs(self, paths):  # internal_ssl is not used
        return paths
