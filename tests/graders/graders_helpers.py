"""Helpers for the graders tests (importable as `graders_helpers`)."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
ASSIGNMENTS = FIXTURES / "assignments"
DUE = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.timezone.utc)
BEFORE = DUE - dt.timedelta(days=1)

ROSTER = """学号,姓名,英文名,电邮,语言
S001,李文琪,Li Wenqi,li@example.com,简体
S002,陳大文,Chan Tai Man,,繁體
S003,Emily Wong,,emily@example.com,English
S004,"Smith, John",,,en
S005,张伟,,,
S006,黃嘉欣,Wong Ka Yan,,zh-HK
S007,王浩然,,,简体
S008,李志明,Lee Chi Ming,,繁體
S009,Olivia Chen,,,en
S010,刘子轩,,,
S011,何俊傑,Ho Chun Kit,,粵語
"""


def copy_school(src: Path, dest: Path):
    """A copy of a school folder that works on its own (nbgrader_config.py rewritten)."""
    from graders.school import School

    shutil.copytree(src, dest, symlinks=True)
    school = School.open(dest)
    for class_id in school.class_ids():
        school.get_class(class_id).write_nbgrader_config_file()
    return school


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder -> its bytes (to prove nothing else changed)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".minicourse.lock"}


def gradebook_dump(klass) -> dict:
    from graders.gradebook import grade_rows, open_gradebook

    with open_gradebook(klass) as gb:
        questions, rows = grade_rows(gb, "ex1")
        students = sorted((s.id, s.first_name, s.last_name, s.email) for s in gb.students)
    for row in rows.values():
        row.pop("timestamp", None)
    return {"questions": questions, "rows": rows, "students": students}


def everything_graded(klass, outcomes=None) -> dict:
    """Every row grading writes (without the random ids) and every autograded file, with
    ``outcomes`` (what the test recorded of the run) alongside."""
    import json
    import sqlite3

    db = sqlite3.connect(klass.root / "gradebook.db")
    owner = ("join submitted_notebook sn on x.notebook_id = sn.id "
             "join submitted_assignment sa on sn.assignment_id = sa.id join base_cell bc on bc.id = x.cell_id")
    rows = {
        "grades": sorted(db.execute("select sa.student_id, bc.name, bc.type, x.auto_score, x.manual_score, "
                                    f"x.extra_credit, x.needs_manual_grade from grade x {owner}")),
        "comments": sorted(db.execute("select sa.student_id, bc.name, bc.type, x.auto_comment, "
                                      f"x.manual_comment from comment x {owner}")),
        "notebooks": sorted(db.execute("select sa.student_id, sn.flagged, sn.late_submission_penalty from "
                                       "submitted_notebook sn join submitted_assignment sa on sn.assignment_id = sa.id")),
        "submissions": sorted(db.execute("select student_id, timestamp, extension from submitted_assignment")),
        "students": sorted(db.execute("select * from student")),
    }
    db.close()
    files = {str(p.relative_to(klass.root / "autograded")): p.read_bytes()
             for p in sorted((klass.root / "autograded").rglob("*"))
             if p.is_file() and p.name != "submission_secret.txt"}   # random, made at collect
    for name, content in files.items():   # a restored cell's id is random, as nbformat makes it
        if name.endswith(".ipynb"):
            nb = json.loads(content)
            for cell in nb["cells"]:
                if "was missing from the submission" in "".join(cell["source"]):
                    cell["id"] = "restored"
            files[name] = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False).encode()
        files[name] = files[name].replace(str(klass.school.root).encode(), b"<school>")  # S009's probe
    return {"rows": rows, "files": files, "outcomes": outcomes}


def minicourse(root, *args, lang="en", check=True):
    """The real CLI, `python -m graders.cli --school ROOT --lang LANG ...`: (code, stdout, stderr)."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "graders.cli", "--school", str(root), "--lang", lang,
                           *map(str, args)], env=env, capture_output=True, text=True, cwd=REPO, timeout=900)
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done.returncode, done.stdout, done.stderr
