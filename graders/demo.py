"""`minicourse demo`: a demo school with two classes, and a whole homework week run on it.

Class 8a (初二(3)班, 简体中文, roster from a CSV) hands homework in through the nbgrader
exchange (nbgrader's own ExchangeSubmit); class s2c (中二丙班, 繁體中文, roster from an Excel
sheet with a title row) through a .zip from the school's upload system; class g8e (Grade 8E,
English) through Moodle's "Download all submissions" zip. Fabricated work:
correct, partly wrong, blank, an exception, a crash (os._exit), an infinite loop, invalid
JSON, a deleted test cell, a resubmission, a late one, one from a student not on the roster,
a photo and a path that tries to leave the upload; two students hand in nothing. Then
collect, grade, feedback, one manual grade as formgrader would store it, publish.
"""
from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from .common import say, t
from .errors import TeacherError

DATA = Path(__file__).with_name("demo_data")
MARKER = ".minicourse-demo"
REPO = Path(__file__).resolve().parent.parent

# The real homework 1 lives in assignments/hw1 (written by the assignments team).
# ---------------------------------------------------------------------------------------------
# TEMPORARY FALLBACK: until assignments/hw1 exists, the demo uses the graders test fixture
# `ex1` (plain-Python exercise of the same shape). Remove this block once hw1 is in the repo.
FALLBACK_ASSIGNMENTS = REPO / "tests" / "graders" / "fixtures" / "assignments"
FALLBACK_ASSIGNMENT = "ex1"
# ---------------------------------------------------------------------------------------------


def add_parser(sub) -> None:
    import argparse

    # its own --school: the demo's default folder is ./demo-school, not the school's
    p = sub.add_parser("demo", help=t("help_demo"), description=t("help_demo"), parents=[])
    p.add_argument("--school", default=argparse.SUPPRESS, help=t("help_arg_demo_school"))
    p.add_argument("--time-limit", type=float, default=10.0, help=t("help_arg_time_limit", default="10"))
    p.add_argument("--workers", type=int, default=None, help=t("help_arg_workers"))
    p.set_defaults(func=run)


def pick_assignment() -> tuple[Path, str, bool]:
    """(assignments root, assignment id, is_fallback)."""
    from .release import assignments_root

    root = assignments_root()
    if (root / "hw1").is_dir() and any((root / "hw1").glob("*.ipynb")):
        return root, "hw1", False
    return FALLBACK_ASSIGNMENTS, FALLBACK_ASSIGNMENT, True  # TEMPORARY FALLBACK (see above)


def prepare_folder(path: Path) -> None:
    if path.exists() and any(path.iterdir()):
        if not (path / MARKER).exists():
            raise TeacherError("demo_folder_taken", path=str(path))
        shutil.rmtree(path)
    path.mkdir(parents=True, exist_ok=True)
    (path / MARKER).write_text("built by minicourse demo; safe to delete\n")


def build(path: Path, *, time_limit: float = 10.0, workers: int | None = None, progress: bool = True,
          echo=say, prepared: bool = False) -> dict:
    from . import collect, fabricate, feedback, grade, publish, release
    from .classes import create_class
    from .gradebook import open_gradebook
    from .roster import import_roster
    from .school import School

    if not prepared:
        prepare_folder(path)
    source_root, assignment, fallback = pick_assignment()
    if fallback:
        echo("demo_fallback", assignment=assignment, path=str(source_root / assignment))
    school = School.open(path, create=True)
    school.name = "示范中学 Demo School"
    school.save()
    k8a = create_class(school, "8a", "初二(3)班", "zh-Hans")
    ks2c = create_class(school, "s2c", "中二丙班", "zh-Hant")
    kg8e = create_class(school, "g8e", "Grade 8E", "en")
    import_roster(k8a, DATA / "8a.csv")
    import_roster(ks2c, DATA / "s2c.xlsx")
    import_roster(kg8e, DATA / "g8e.csv")
    echo("demo_classes", a=f"{k8a.id} {k8a.name}", b=f"{ks2c.id} {ks2c.name}, {kg8e.id} {kg8e.name}")

    # Each class has its own due date: 8a's is tomorrow (it hands in through the exchange
    # now, on time); s2c's passed an hour ago, and its upload system logged when each
    # notebook came in, one of them after the due time.
    now = dt.datetime.now(school.tz).replace(microsecond=0)
    due_8a = now + dt.timedelta(days=1)
    due_s2c = now - dt.timedelta(hours=1)
    release.release(k8a, assignment, due_8a, source_root)
    release.release(ks2c, assignment, due_s2c, source_root)
    release.release(kg8e, assignment, due_s2c, source_root)
    echo("demo_released", assignment=assignment, due_a=due_8a.strftime("%Y-%m-%d %H:%M"),
         due_b=due_s2c.strftime("%Y-%m-%d %H:%M"))
    notebooks = release.source_variants(source_root / assignment)
    notebooks = sorted(notebooks)

    def files(klass, kind):
        return fabricate.submission_files(klass, assignment, kind, notebooks)

    # 8a: through the exchange, as `nbgrader submit` does it
    homes = Path(tempfile.mkdtemp(prefix="minicourse-demo-homes-"))
    try:
        plan_8a = [("23080101", "correct"), ("23080102", "partly_wrong"), ("23080103", "blank"),
                   ("23080104", "exception"), ("23080105", "crash"), ("23080106", "correct"),
                   ("23080107", "partly_wrong"), ("23080107", "correct")]  # a resubmission
        for student, kind in plan_8a:
            fabricate.submit_via_exchange(k8a, student, assignment, files(k8a, kind), homes / student)
    finally:
        shutil.rmtree(homes, ignore_errors=True)
    # s2c: a .zip from the school's upload system (entry times in local wall time)
    upload = path / "uploads" / f"s2c-{assignment}.zip"
    upload.parent.mkdir(parents=True, exist_ok=True)
    before = (due_s2c - dt.timedelta(hours=2)).replace(tzinfo=None)
    late = (due_s2c + dt.timedelta(minutes=40)).replace(tzinfo=None)
    one = notebooks[0]
    entries = [
        (f"{assignment}/S2C01_陳大文_{one}.ipynb", files(ks2c, "correct")[f"{one}.ipynb"], before),
        (f"{assignment}/S2C02/{one}.ipynb", files(ks2c, "infinite_loop")[f"{one}.ipynb"], before),
        (f"{assignment}/S2C03-{one}.ipynb", files(ks2c, "invalid_json")[f"{one}.ipynb"], before),
        (f"{assignment}/S2C04_{one}.ipynb", files(ks2c, "correct")[f"{one}.ipynb"], late),
        (f"{assignment}/S2C05_{one}.ipynb", files(ks2c, "deleted_test")[f"{one}.ipynb"], before),
        (f"{assignment}/S2C07_{one}.ipynb", files(ks2c, "partly_wrong")[f"{one}.ipynb"], before),
        (f"{assignment}/S2C99_{one}.ipynb", files(ks2c, "correct")[f"{one}.ipynb"], before),
        (f"{assignment}/S2C01_photo.jpg", b"\xff\xd8\xff\xe0 not really a photo", before),
        (f"../../{one}.ipynb", files(ks2c, "correct")[f"{one}.ipynb"], before),
    ]
    fabricate.write_upload_zip(upload, entries)
    echo("demo_fabricated", a=k8a.id, b=ks2c.id, zip=str(upload))
    # g8e: Moodle's "Download all submissions" (<Full name>_<participant no>_assignsubmission_file/)
    moodle = path / "uploads" / f"g8e-{assignment}-moodle.zip"
    g8e = [("Olivia Chen", 601, "correct", before), ("Arjun Patel", 602, "partly_wrong", before),
           ("Sophie Martin", 603, "blank", before), ("Lucas Silva", 604, "correct", late),
           ("Mia Tanaka", 605, "exception", before)]
    fabricate.write_upload_zip(moodle, [
        (f"{name}_{number}_assignsubmission_file/{one}.ipynb", files(kg8e, kind)[f"{one}.ipynb"], when)
        for name, number, kind, when in g8e])

    results = {}
    for klass, source in ((k8a, None), (ks2c, upload), (kg8e, moodle)):
        got = collect.collect(klass, assignment, source)
        echo("collected", class_id=klass.id, new=len(got.new), already=got.already, refused=len(got.refused))
        for origin, key, params in got.refused:
            echo("refused_line", origin=origin, reason=t(key, **params))
        report = grade.grade(klass, assignment, workers=workers, time_limit=time_limit, progress=progress)
        counts = report.by_status()
        echo("graded_summary", class_id=klass.id, assignment=assignment, graded=counts.get("graded", 0),
             manual=counts.get("needs_manual_grading", 0), failed=counts.get("failed_to_grade", 0),
             skipped=report.skipped, seconds=f"{report.seconds:.1f}")
        echo("isolation_line", protections=", ".join(t("isolation_" + p) for p in report.isolation)
             or t("isolation_none"))
        results[klass.id] = report

    # the teacher marks one written answer in formgrader (this is the gradebook write it does)
    from nbgrader.api import MissingEntry

    with open_gradebook(k8a) as gb:
        try:
            sub = gb.find_submission(assignment, "23080101")
        except MissingEntry:   # not graded (the report says why): nothing to mark by hand
            sub = None
        for nb in sub.notebooks if sub else []:
            for g in nb.grades:
                if g.needs_manual_grade:
                    g.manual_score = g.max_score
                    g.needs_manual_grade = False
        gb.db.commit()
    if sub:
        echo("demo_manual_grade", student="23080101")

    out = {}
    for klass in (k8a, ks2c, kg8e):
        out[klass.id] = publish.publish(klass, assignment)
    summary = publish.write_school_summary(school, assignment)
    return {"school": school, "assignment": assignment, "fallback": fallback, "published": out,
            "summary": summary, "grade": results, "classes": (k8a, ks2c, kg8e)}


def run(args) -> int:
    import os
    import sys

    from .common import nbgrader_log

    from .school import School

    path = Path(args.school or "demo-school").resolve()
    prepare_folder(path)
    with nbgrader_log(School(root=path), "demo"):
        result = build(path, time_limit=args.time_limit, workers=args.workers, prepared=True,
                       progress=sys.stderr.isatty() or bool(os.environ.get("MINICOURSE_PROGRESS")))
    assignment = result["assignment"]
    say("demo_done")
    for klass in result["classes"]:
        folder = klass.published_dir(assignment)
        say("demo_class_files", class_id=klass.id, name=klass.name, xlsx=str(folder / "scores.xlsx"),
            csv=str(folder / "scores.csv"), report=str(folder / "report.html"),
            feedback=str(folder / "feedback"))
    say("school_summary_written", path=str(result["summary"]))
    say("demo_formgrader", path=str(result["classes"][0].root))
    return 0
