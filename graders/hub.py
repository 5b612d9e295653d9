"""`minicourse hub`: a JupyterHub for the whole school.

Students on a class roster sign in with their roster id and a one-time sign-up code
(`minicourse signup-codes CLASS`), then with the password they chose; each gets their own
Jupyter server where nbgrader's Assignment List shows the assignments of their classes
(exchange per class: ``path_includes_course``), to fetch, work on and submit. Teachers sign
in the same way and open the formgrader of their classes (one hub service per class, run in
the class folder). Servers have memory/CPU limits and are stopped when idle
(jupyterhub-idle-culler). With ``grade on submit`` (the default) every new submission is
collected and autograded within seconds and its provisional feedback released
(graders/grade_on_submit.py).

Layout, beside the classes::

    <school>/hub/
      jupyterhub_config.py     written at every start from hub_templates/jupyterhub_config.py.j2
      extra_config.py          yours, optional, read last (OAuth/LDAP, HTTPS, limits)
      accounts.json            sign-up codes and passwords, hashed (graders/signup.py)
      homes/<user>/            each user's files (0700, their own Unix account as root)
      student-config/          the nbgrader_config.py every user's server reads
      jupyterhub.sqlite, jupyterhub_cookie_secret, jupyterhub.log

The hub runs in its own process group; Ctrl-C stops it, which stops the proxy, every
user's server and every service, and then anything of this run still alive is ended.
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

from .common import say, t, teacher_language, warn
from .errors import TeacherError
from .school import School

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "hub_templates"
START_TIMEOUT = 240.0


def add_parser(sub) -> None:
    p = sub.add_parser("hub", help=t("help_hub"), description=t("help_hub"))
    p.add_argument("--ip", default="127.0.0.1", help=t("help_arg_hub_ip"))
    p.add_argument("--port", type=int, default=8000, help=t("help_arg_hub_port"))
    p.add_argument("--idle-timeout", type=int, default=3600, metavar="SECONDS",
                   help=t("help_arg_idle_timeout"))
    p.add_argument("--mem-limit", default="2G", help=t("help_arg_hub_mem"))
    p.add_argument("--cpu-limit", type=float, default=1.0, help=t("help_arg_hub_cpu"))
    p.add_argument("--no-grade-on-submit", dest="grade_on_submit", action="store_false",
                   help=t("help_arg_no_grade_on_submit"))
    p.set_defaults(func=run)


def proxy_command() -> str:
    """configurable-http-proxy from the project's node_modules (scripts/setup.sh), else PATH."""
    local = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return str(local)
    found = shutil.which("configurable-http-proxy")
    if not found:
        raise TeacherError("hub_no_proxy", path=str(local))
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def venv_bin(name: str) -> str:
    path = Path(sys.executable).parent / name
    return str(path) if path.exists() else (shutil.which(name) or name)


def hub_dir(school: School) -> Path:
    path = school.root / "hub"
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o711)
    return path


def write_student_config(school: School) -> Path:
    """The nbgrader settings of every user's server: the school's exchange, per class, and
    the classes a user is in taken from their hub groups (nbgrader's JupyterHubAuthPlugin)."""
    folder = hub_dir(school) / "student-config"
    folder.mkdir(exist_ok=True)
    os.chmod(folder, 0o755)
    titles = {cid: school.get_class(cid).name for cid in school.class_ids()}
    text = (
        "# Written by `minicourse hub`: nbgrader in every student's and teacher's server.\n"
        "import os\n"
        "from nbgrader.auth import JupyterHubAuthPlugin\n"
        "c = get_config()  # noqa\n"
        f"c.Exchange.root = {str(school.exchange_root)!r}\n"
        "c.Exchange.path_includes_course = True\n"
        f"c.Exchange.timezone = {school.timezone_name!r}\n"
        "c.Authenticator.plugin_class = JupyterHubAuthPlugin\n"
        "# submissions are named by the hub user (the roster id), not by the Unix account\n"
        "c.CourseDirectory.student_id = os.environ.get('JUPYTERHUB_USER', '*')\n"
        f"c.NbGrader.course_titles = {titles!r}\n"
    )
    path = folder / "nbgrader_config.py"
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o644)
    return folder


def prepare_exchange(school: School) -> None:
    """nbgrader's exchange modes, so that every user's own account can fetch and submit."""
    root = school.exchange_root
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o777 | 0o1000)  # sticky: nobody removes another's files
    for p in (school.root, school.classes_dir):
        if p.exists():
            os.chmod(p, os.stat(p).st_mode | 0o711)


def others_can_reach(path: str | os.PathLike, execute: bool = False) -> bool:
    """Whether another Unix account could open `path` (every folder on the way, symlinks
    followed, passable by others; the file readable, or runnable, by others)."""
    import stat

    target = Path(os.path.realpath(path))
    try:
        for folder in list(target.parents)[::-1]:
            if not os.stat(folder).st_mode & stat.S_IXOTH:
                return False
        mode = os.stat(target).st_mode
    except OSError:
        return False
    need = stat.S_IROTH | (stat.S_IXOTH if execute or target.is_dir() else 0)
    return mode & need == need


def student_python(school: School) -> str | None:
    """An interpreter the students' own accounts can run, with this venv's packages.

    The venv's, when others can reach it; else (a Python of root's own, e.g. under /root)
    a small venv in <school>/hub/python made with the system's Python of the same version,
    whose site-packages point at ours. None when neither works."""
    import sysconfig

    site_packages = sysconfig.get_paths()["purelib"]
    if others_can_reach(sys.executable, execute=True):
        return sys.executable
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(version, path="/usr/bin:/usr/local/bin:/bin")
    if not system or not others_can_reach(system, execute=True) \
            or not others_can_reach(site_packages) or not others_can_reach(REPO):
        return None
    bridge = hub_dir(school) / "python"
    python = bridge / "bin" / "python"
    if not python.exists():
        subprocess.run([system, "-m", "venv", "--without-pip", str(bridge)], check=True,
                       capture_output=True)
    own = Path(subprocess.run([str(python), "-c", "import sysconfig;print(sysconfig.get_paths()['purelib'])"],
                              check=True, capture_output=True, text=True).stdout.strip())
    # an "import" line of a .pth file runs at start-up: our packages, editable ones included
    (own / "minicourse-venv.pth").write_text(
        f"import site; site.addsitedir({site_packages!r})\n", encoding="utf-8")
    for p in [bridge, *bridge.rglob("*")]:
        os.chmod(p, os.stat(p).st_mode | (0o755 if p.is_dir() else 0o644))
    return str(python)


def hub_settings(school: School, ip: str, port: int, *, idle_timeout: int = 3600,
                 mem_limit: str = "2G", cpu_limit: float = 1.0,
                 grade_on_submit: bool = True) -> dict:
    """Everything the config template needs (free ports chosen now)."""
    from .signup import Accounts, student_classes

    folder = hub_dir(school)
    isolate = os.geteuid() == 0
    python_for_users = student_python(school) if isolate else sys.executable
    if isolate and (python_for_users is None or not others_can_reach(school.root)):
        isolate, python_for_users = False, sys.executable
    students = student_classes(school)
    teachers = Accounts(school).teachers()
    classes, groups = [], {}
    for class_id in school.class_ids():
        klass = school.get_class(class_id)
        groups[f"nbgrader-{class_id}"] = {"users": [s for s, cs in students.items() if class_id in cs]}
        groups[f"formgrade-{class_id}"] = {"users": [n for n, cs in teachers.items() if class_id in cs]}
        classes.append({"id": class_id, "name": klass.name, "language": klass.language,
                        "root": str(klass.root), "port": free_port(),
                        "students": len(groups[f"nbgrader-{class_id}"]["users"]),
                        "teachers": groups[f"formgrade-{class_id}"]["users"]})
    return {
        "school": str(school.root), "school_name": school.name, "ip": ip, "port": port,
        "hub_port": free_port(), "proxy_api_port": free_port(),
        "proxy_token": secrets.token_hex(32), "proxy_command": proxy_command(),
        "db_url": f"sqlite:///{folder / 'jupyterhub.sqlite'}",
        "cookie_secret_file": str(folder / "jupyterhub_cookie_secret"),
        "pid_file": str(folder / "jupyterhub.pid"), "template_dir": str(TEMPLATES),
        "extra_config": str(folder / "extra_config.py"),
        "users": sorted(set(students) | set(teachers)), "groups": groups, "classes": classes,
        "python": sys.executable, "singleuser": venv_bin("jupyterhub-singleuser"),
        "as_root": os.geteuid() == 0, "isolate": isolate, "user_python": python_for_users,
        "prefix": sys.prefix,
        "idle_timeout": idle_timeout,
        "cull_every": max(10, min(300, idle_timeout // 4)),
        "mem_limit": mem_limit, "cpu_limit": cpu_limit, "grade_on_submit": grade_on_submit,
        "teacher_lang": teacher_language(), "instance": uuid.uuid4().hex,
        "student_config": str(write_student_config(school)),
    }


def render_config(school: School, settings: dict) -> Path:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    text = env.get_template("jupyterhub_config.py.j2").render(**settings)
    path = hub_dir(school) / "jupyterhub_config.py"
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o600)  # the proxy's token
    return path


class Hub:
    """A running JupyterHub of a school (also used by the tests)."""

    def __init__(self, school: School, settings: dict):
        self.school = school
        self.settings = settings
        self.config = render_config(school, settings)
        self.log_path = hub_dir(school) / "jupyterhub.log"
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        host = self.settings["ip"] or "127.0.0.1"
        if host in ("0.0.0.0", "::", ""):
            host = socket.gethostname()
        return f"http://{host}:{self.settings['port']}"

    def start(self) -> None:
        prepare_exchange(self.school)
        env = dict(os.environ, MINICOURSE_HUB_INSTANCE=self.settings["instance"],
                   PYTHONUNBUFFERED="1")
        # JupyterHub looks for configurable-http-proxy on PATH too; the venv's jupyterhub first
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent),
                                       str(Path(self.settings["proxy_command"]).parent),
                                       env.get("PATH", "")])
        log = open(self.log_path, "ab")
        os.chmod(self.log_path, 0o600)
        self.proc = subprocess.Popen(
            [venv_bin("jupyterhub"), "-f", str(self.config)], cwd=str(hub_dir(self.school)),
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
            start_new_session=True)  # Ctrl-C reaches us, not it: we stop it in order
        log.close()
        self.wait_ready()
        database = hub_dir(self.school) / "jupyterhub.sqlite"
        if database.exists():
            os.chmod(database, 0o600)  # users' names and (hashed) tokens

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        import urllib.error
        import urllib.request

        deadline = time.monotonic() + timeout
        api = f"http://127.0.0.1:{self.settings['port']}/hub/api/"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise TeacherError("hub_failed", log=str(self.log_path), reason=self.last_error())
            try:
                with urllib.request.urlopen(api, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        self.stop()
        raise TeacherError("hub_failed", log=str(self.log_path), reason="timeout")

    def last_error(self) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "?"
        errors = [l for l in lines if " E " in l or "Error" in l or "error" in l]
        return ((errors or lines or ["?"])[-1])[:300]

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM to JupyterHub (it stops the proxy, the servers and the services), then
        whatever of this run is still alive."""
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.proc.send_signal(signal.SIGTERM)
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)  # the proxy, if it outlived the hub
            except (ProcessLookupError, PermissionError):
                pass
        end_leftovers(self.settings["instance"])

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


def processes_of(instance: str) -> list[int]:
    """Processes started for this hub run (they carry MINICOURSE_HUB_INSTANCE)."""
    marker = f"MINICOURSE_HUB_INSTANCE={instance}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def end_leftovers(instance: str, grace: float = 5.0) -> None:
    pids = processes_of(instance)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    while pids and time.monotonic() < deadline:
        time.sleep(0.2)
        pids = processes_of(instance)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def run(args) -> int:
    school = School.open(args.school)
    if not school.class_ids():
        raise TeacherError("no_classes")
    settings = hub_settings(school, args.ip, args.port, idle_timeout=args.idle_timeout,
                            mem_limit=args.mem_limit, cpu_limit=args.cpu_limit,
                            grade_on_submit=args.grade_on_submit)
    hub = Hub(school, settings)
    if os.geteuid() != 0:
        warn("hub_not_root")
    elif not settings["isolate"]:
        closed = str(school.root) if not others_can_reach(school.root) else os.path.realpath(sys.executable)
        warn("hub_path_closed", path=closed)
    def stop_on_signal(signum, frame):  # `kill`, a closed terminal, a service manager
        raise KeyboardInterrupt

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop_on_signal)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C, even if started in background
    try:
        hub.start()
        say("hub_running", url=hub.url, log=str(hub.log_path))
        for c in settings["classes"]:
            say("hub_class_line", class_id=c["id"], name=c["name"], students=c["students"],
                teachers=", ".join(c["teachers"]) or "-",
                formgrader=f"{hub.url}/services/formgrader-{c['id']}/formgrader")
        say("hub_stop_hint")
        while hub.proc.poll() is None:
            time.sleep(0.5)
        raise TeacherError("hub_failed", log=str(hub.log_path), reason=hub.last_error())
    except KeyboardInterrupt:
        say("hub_stopping")
        hub.stop()
        say("hub_stopped")
        return 0
    finally:
        hub.stop()
