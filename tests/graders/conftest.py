"""Shared set-up for the graders tests.

A school with class 8c (初二(3)班, zh-Hans), eleven students in three languages and the
fixture assignment ex1 released (due 2026-01-01 12:00 UTC) is built once per session; each
test gets its own copy. The CLI is driven in-process through graders.cli.main.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from graders_helpers import ASSIGNMENTS, BEFORE, DUE, FIXTURES, REPO, ROSTER, copy_school  # noqa: F401

# make sure the venv's tools (alembic, nbgrader) are found, as .venv/bin/minicourse would
os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
os.environ.setdefault("MINICOURSE_LANG", "en")


@pytest.fixture(scope="session")
def template_school(tmp_path_factory) -> Path:
    from graders.classes import create_class
    from graders.release import release
    from graders.roster import import_roster
    from graders.school import School

    root = tmp_path_factory.mktemp("template") / "school"
    school = School.open(root, create=True)
    school.timezone_name = "Asia/Shanghai"
    school.save()
    klass = create_class(school, "8c", "初二(3)班", "zh-Hans")
    roster = root.parent / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    import_roster(klass, roster)
    release(klass, "ex1", DUE, ASSIGNMENTS)
    return root


@pytest.fixture
def school(template_school, tmp_path):
    return copy_school(template_school, tmp_path / "school")


@pytest.fixture
def klass(school):
    return school.get_class("8c")


@pytest.fixture
def cli(capsys, monkeypatch, tmp_path_factory):
    """cli('grade', '8c', 'ex1', school=...) -> (exit code, stdout, stderr). Without school=
    (and no --school), the command's default school is an empty folder of the test's own,
    never the folder the tests were started from."""
    from graders.cli import main

    def run(*args, school=None, lang="en"):
        argv = []
        if school is None and "--school" not in map(str, args):
            monkeypatch.delenv("MINICOURSE_SCHOOL", raising=False)
            monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))
        if school is not None:
            from graders.school import School

            argv += ["--school", str(school.root if isinstance(school, School) else school)]
        argv += ["--lang", lang, *map(str, args)]
        capsys.readouterr()
        code = main(argv)
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return run


@pytest.fixture(scope="session")
def graded_template(template_school, tmp_path_factory):
    """The session school with every kind of submission collected and graded via the CLI;
    returns (school root, grade output, grade stderr, exit code)."""
    from graders.cli import main
    from graded_school import MEMORY_MB, TIME_LIMIT, hand_in
    import contextlib
    import io

    school = copy_school(template_school, tmp_path_factory.mktemp("graded") / "school")
    klass = school.get_class("8c")
    upload = hand_in(klass)
    assert main(["--school", str(school.root), "collect", "8c", "ex1"]) == 0
    assert main(["--school", str(school.root), "collect", "8c", "ex1", "--from", str(upload)]) == 0
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--school", str(school.root), "--lang", "en", "grade", "8c", "ex1",
                     "--time-limit", str(TIME_LIMIT), "--memory-limit", str(MEMORY_MB)])
    return school.root, out.getvalue(), err.getvalue(), code


@pytest.fixture
def graded(graded_template, tmp_path):
    """A private copy of the graded school: (school, klass)."""
    root = graded_template[0]
    school = copy_school(root, tmp_path / "school")
    return school, school.get_class("8c")
