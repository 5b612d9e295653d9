"""Grading works the way schools install Python: the demo, run for real (a new process), from a
venv outside the repository whose Python lives in a folder closed to other users (pyenv in
root's home), and as a normal user with the system's Python. Last round the sandbox could not
start there and every student was told their program had crashed."""
from __future__ import annotations

import csv
import os
import pwd
import shutil
import site
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

from graders_helpers import REPO

pytestmark = pytest.mark.slow


def _venv_like_ours(folder: Path, python: str) -> Path:
    """A venv at ``folder`` made by ``python``, seeing this environment's packages (a .pth
    file: the same pinned versions, without a second download)."""
    subprocess.run([python, "-m", "venv", "--without-pip", str(folder)], check=True)
    purelib = subprocess.run([str(folder / "bin" / "python"), "-c",
                              "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    ours = sysconfig.get_paths()["purelib"]
    # our site-packages, processed as site-packages (its .pth files: the editable install)
    Path(purelib, "zz-minicourse-test.pth").write_text(f"import site; site.addsitedir({ours!r})\n")
    _console_scripts(folder)
    return folder / "bin" / "python"


def _console_scripts(venv: Path) -> None:
    """What pip would have put in the venv's bin (nbgrader runs `alembic` by name)."""
    script = venv / "bin" / "alembic"
    script.write_text(f"#!{venv / 'bin' / 'python'}\nimport sys\nfrom alembic.config import main\nsys.exit(main())\n")
    script.chmod(0o755)


def _demo(python: Path, school: Path, user: str | None = None) -> subprocess.CompletedProcess:
    cmd = [str(python), "-m", "graders.cli", "--lang", "en", "--school", str(school), "demo",
           "--time-limit", "20"]
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(school.parent)}
    if user:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", "--"] + cmd
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900, env=env, cwd=school.parent)


def _check_demo(done: subprocess.CompletedProcess, school: Path) -> None:
    from graders.messages import catalogue

    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "bubblewrap sandbox" in done.stdout and "tests run outside the student's program" in done.stdout
    col = lambda key: catalogue.text(key, "zh-Hans")  # noqa: E731 - 8a publishes in its language
    rows = {r[col("col_student_id")].strip('="'): r for r in csv.DictReader(
        open(school / "classes" / "8a" / "published" / "hw1" / "scores.csv", encoding="utf-8-sig"))}
    model = rows["23080101"]                      # the demo's model student
    assert model[col("col_status")] == col("status_graded"), model
    assert model[col("col_total")] == model[col("col_max")], model
    failed = [r for r in rows.values() if r[col("col_status")] == col("status_failed_to_grade")]
    assert len(failed) <= 1                       # only the demo's own os._exit student


@pytest.mark.skipif(os.geteuid() != 0, reason="the closed-home layout is root's")
def test_demo_as_root_from_a_venv_outside_the_repo(tmp_path):
    base = Path(sys.base_prefix)
    closed = [p for p in base.parents if p != Path("/") and not (p.stat().st_mode & 0o001)]
    venv = _venv_like_ours(tmp_path / "elsewhere" / "venv", sys._base_executable)
    assert REPO not in venv.resolve().parents
    school = tmp_path / "school"
    _check_demo(_demo(venv, school), school)
    # on this machine the Python of the venv lives in a folder others cannot enter
    if closed:
        assert closed[0] == Path("/root") or closed


def test_demo_from_the_repos_venv(tmp_path):
    python = REPO / ".venv" / "bin" / "python"
    if not python.exists():
        pytest.skip("no .venv in the repository")
    school = tmp_path / "school"
    _check_demo(_demo(python, school), school)


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("useradd") or not os.path.exists("/usr/bin/python3"),
                    reason="needs root to make a normal user, and the system's Python")
def test_demo_as_a_normal_user_with_the_system_python():
    user = "minicourse-teacher"
    try:
        pwd.getpwnam(user)
    except KeyError:
        subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", user], check=True)
    uid = pwd.getpwnam(user).pw_uid
    home = Path(tempfile.mkdtemp(prefix="minicourse-user-"))
    try:
        os.chown(home, uid, uid)
        venv = home / "venv"
        subprocess.run(["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", "--",
                        "/usr/bin/python3", "-m", "venv", "--without-pip", str(venv)], check=True)
        purelib = subprocess.run([str(venv / "bin" / "python"), "-c",
                                  "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 check=True, capture_output=True, text=True).stdout.strip()
        ours = sysconfig.get_paths()["purelib"]
        if not os.access(ours, os.R_OK | os.X_OK) or any(
                not (p.stat().st_mode & 0o005) for p in Path(ours).parents if p != Path("/")):
            pytest.skip("this environment's packages are not readable by other users")
        pth = Path(purelib, "zz-minicourse-test.pth")
        pth.write_text(f"import site; site.addsitedir({ours!r})\n")
        os.chown(pth, uid, uid)
        _console_scripts(venv)
        school = home / "school"
        _check_demo(_demo(venv / "bin" / "python", school, user=user), school)
    finally:
        shutil.rmtree(home, ignore_errors=True)
