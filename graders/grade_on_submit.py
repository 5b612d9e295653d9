"""Grade on submit: while the school's hub runs, every new submission in the exchange is
collected, autograded and its feedback released within seconds.

Runs as a JupyterHub service of `minicourse hub` (``python -m graders.grade_on_submit
--school DIR``), stopped with the hub. Every couple of seconds it looks at each class's
``<exchange>/<class>/inbound``; for a folder it has not seen, it does exactly what the teacher's
verbs do, under the same class lock: `collect` (from the exchange), `grade(klass, assignment,
students=[...])` for the students with a new submission, then the feedback pages and their
release through nbgrader's exchange (the student's Assignment List, "Fetch feedback").
A page whose manual grading is still pending says "provisional" at the top; the teacher's
`grade` (which finds these already graded) and `publish` later give the same scores and
replace the page with the final one.

When the teacher's own command holds the class lock, the folder is simply tried again on
the next round.
"""
from __future__ import annotations

import argparse
import html
import re
import sys
import time
from pathlib import Path

from .common import class_lock, nbgrader_log, set_teacher_language, t
from .errors import TeacherError
from .school import School

POLL_SECONDS = 2.0


def inbound_entries(school: School) -> dict[tuple[str, str], set[str]]:
    """(class, assignment) -> names of the inbound folders of that assignment."""
    out: dict[tuple[str, str], set[str]] = {}
    for class_id in school.class_ids():
        inbound = school.exchange_root / class_id / "inbound"
        try:
            names = [p.name for p in inbound.iterdir()]
        except OSError:
            continue
        for name in names:
            parts = name.rsplit("+", 3)
            if len(parts) >= 3 and parts[0] and parts[1]:
                out.setdefault((class_id, parts[1]), set()).add(name)
    return out


def mark_provisional(klass, assignment: str, students: list[str]) -> None:
    """Put the "provisional" banner on the released copy of pages still waiting for a
    teacher's manual grade (nbgrader's feedback/<student>/<assignment>/*.html)."""
    from .records import NEEDS_MANUAL, Records

    records = Records.load(klass, assignment)
    for student in students:
        state = records.grading(student) or {}
        if state.get("status") != NEEDS_MANUAL:
            continue
        lang = klass.student_language(student)
        banner = (f'<p class="notice provisional" id="provisional"><b>'
                  f'{html.escape(t_in(lang, "fb_provisional"))}</b></p>')
        for page in klass.nbgrader_dir("feedback", student, assignment).glob("*.html"):
            text = page.read_text(encoding="utf-8")
            if 'id="provisional"' not in text:
                text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + banner, text, count=1)
                page.write_text(text, encoding="utf-8")


def t_in(lang: str, key: str, **params) -> str:
    from .messages import catalogue

    return catalogue.text(key, lang, **params)


def handle(school: School, class_id: str, assignment: str) -> list[str]:
    """Collect, grade and release feedback for one assignment of one class; returns the
    students graded. Raises TeacherError (e.g. class_busy) for the caller to retry."""
    from . import feedback
    from .collect import collect
    from .grade import grade
    from .publish import release_feedback

    klass = school.get_class(class_id)
    with class_lock(klass), nbgrader_log(school, "grade-on-submit"):
        result = collect(klass, assignment)
        for origin, key, params in result.refused:
            print(t("gos_refused", class_id=class_id, origin=origin,
                    reason=t(key, **params)), flush=True)
        students = sorted({e["student"] for e in result.new})
        if not students:
            return []
        report = grade(klass, assignment, students=students)
        feedback.generate(klass, assignment)
        mark_provisional(klass, assignment, students)
        release_feedback(klass, assignment, students)   # provisional where manual grading is pending
    for o in report.outcomes:
        print(t("gos_graded", class_id=class_id, assignment=assignment, student=o.student,
                status=t("status_" + o.status), score=_num(o.score), max_score=_num(o.max_score)),
              flush=True)
    return students


def _num(x) -> str:
    if x is None:
        return "-"
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def watch(school: School, poll: float = POLL_SECONDS, rounds: int | None = None) -> None:
    seen: set[tuple[str, str, str]] = set()
    done = 0
    while rounds is None or done < rounds:
        done += 1
        for (class_id, assignment), names in inbound_entries(school).items():
            fresh = {n for n in names if (class_id, assignment, n) not in seen}
            if not fresh:
                continue
            try:
                handle(school, class_id, assignment)
            except TeacherError as exc:
                if exc.key == "class_busy":
                    continue  # the teacher's own command is running: next round
                print(t("gos_failed", class_id=class_id, assignment=assignment,
                        reason=exc.message()), flush=True)
            except Exception as exc:  # noqa: BLE001 - one bad round must not stop the service
                import traceback

                traceback.print_exc()
                print(t("gos_failed", class_id=class_id, assignment=assignment,
                        reason=type(exc).__name__), flush=True)
            seen.update((class_id, assignment, n) for n in fresh)
        time.sleep(poll)


def main(argv: list[str] | None = None) -> int:
    import os

    parser = argparse.ArgumentParser(prog="python -m graders.grade_on_submit")
    parser.add_argument("--school", required=True)
    parser.add_argument("--poll", type=float, default=POLL_SECONDS)
    args = parser.parse_args(argv)
    set_teacher_language(os.environ.get("MINICOURSE_LANG") or None)
    # the venv's tools (nbgrader's alembic) as .venv/bin/minicourse finds them
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    school = School.open(args.school)
    print(t("gos_started", school=str(school.root)), flush=True)
    try:
        watch(school, args.poll)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
