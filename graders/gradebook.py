"""The class's nbgrader gradebook (SQLite file by default, PostgreSQL by URL).

nbgrader is the system of record: manual grades typed in formgrader live here, and publish
reads them back. Imports nbgrader lazily (3 s).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import re

from .errors import TeacherError


def redact(url: str) -> str:
    """Never print a database password."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def _venv_on_path() -> None:
    """nbgrader runs `alembic heads` by name when it creates a gradebook: it must be found
    even when minicourse is started as .venv/bin/minicourse without an activated venv."""
    import os
    import sys

    bindir = os.path.dirname(sys.executable)
    path = os.environ.get("PATH", "")
    if bindir not in path.split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + path


BUSY_TIMEOUT_MS = 120_000  # how long a write waits for a lock held elsewhere (formgrader, a backup)
_busy_timeout_set = False


def wait_for_locks() -> None:
    """Every SQLite connection of this process (ours and nbgrader's own Gradebook objects in
    SaveAutoGrades/AssignLatePenalties) waits for a lock taken mid-run instead of failing at
    once with "database is locked" after sqlite3's default 5 s."""
    global _busy_timeout_set
    if _busy_timeout_set:
        return
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _busy_timeout(dbapi_connection, record):  # noqa: ARG001
        import sqlite3

        if isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    _busy_timeout_set = True


@contextlib.contextmanager
def open_gradebook(klass):
    """The class's Gradebook; a clear message if the database cannot be reached."""
    _venv_on_path()
    wait_for_locks()
    from .database import use_passwords

    use_passwords(klass.school)
    from nbgrader.api import Gradebook
    import sqlalchemy.exc

    try:
        gb = Gradebook(klass.gradebook_url, klass.id)
    except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.ArgumentError,
            sqlalchemy.exc.NoSuchModuleError, ModuleNotFoundError) as exc:
        raise TeacherError("gradebook_unreachable", class_id=klass.id,
                           url=redact(klass.gradebook_url),
                           reason=str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200]) from None
    try:
        yield gb
    finally:
        gb.close()


@contextlib.contextmanager
def one_engine_per_database():
    """For one grading run: every Gradebook nbgrader opens shares one SQLAlchemy engine per URL.

    nbgrader's preprocessors open a new Gradebook for every notebook, each with its own engine:
    a new connection, every table checked again, and a cold statement cache, so each query is
    compiled anew (measured: 90 % of the parent's time). The same queries on one engine give
    the same results; the table check runs once per engine.
    """
    import nbgrader.api as api

    engines: dict = {}
    checked: set = set()
    real_create_engine = api.create_engine
    metadata = api.Base.metadata
    real_create_all = metadata.create_all

    def create_engine(url, *args, **kwargs):
        key = (str(url), tuple(sorted(kwargs.items())))
        if key not in engines:
            engines[key] = real_create_engine(url, *args, **kwargs)
        return engines[key]

    def create_all(bind=None, **kwargs):
        if id(bind) not in checked:
            checked.add(id(bind))
            real_create_all(bind=bind, **kwargs)

    api.create_engine = create_engine
    metadata.create_all = create_all
    try:
        yield
    finally:
        api.create_engine = real_create_engine
        del metadata.create_all
        for engine in engines.values():
            engine.dispose()


def naive_utc(ts: dt.datetime) -> dt.datetime:
    """nbgrader stores times as naive UTC."""
    return ts.astimezone(dt.timezone.utc).replace(tzinfo=None)


def aware_utc(ts: dt.datetime | None) -> dt.datetime | None:
    if ts is None:
        return None
    return ts.replace(tzinfo=dt.timezone.utc) if ts.tzinfo is None else ts


def grade_rows(gb, assignment: str) -> tuple[list[dict], dict[str, dict]]:
    """The assignment's questions and every student's grades, straight from the gradebook.

    Returns (questions, by_student) where questions is
    [{"notebook", "name", "max_score", "kind": "auto"|"manual"}, ...] in notebook order and
    by_student[student] = {"score", "max_score", "needs_manual_grade", "late_penalty",
    "timestamp", "seconds_late", "grades": {name: {"score", "auto", "manual", "needs_manual"}}}.
    """
    from nbgrader.api import MissingEntry

    questions = []
    try:
        assignment_row = gb.find_assignment(assignment)
    except MissingEntry:
        return [], {}
    for notebook in assignment_row.notebooks:
        # source cell order is the order a student sees the questions in
        order = {cell.name: i for i, cell in enumerate(notebook.source_cells)}
        cells = sorted(notebook.grade_cells, key=lambda c: order.get(c.name, 10**6))
        for cell in cells:
            kind = "manual" if cell.cell_type == "markdown" or _is_solution(notebook, cell.name) else "auto"
            questions.append({"notebook": notebook.name, "name": cell.name,
                              "max_score": float(cell.max_score), "kind": kind})
    by_student = {}
    for sub in assignment_row.submissions:
        grades, comments = {}, {}
        for nb in sub.notebooks:
            # the teacher's words typed in formgrader (nbgrader's own feedback shows them);
            # nbgrader's automatic "No response." is not the teacher speaking
            for comment in nb.comments:
                text = comment.manual_comment
                if text and text.strip():
                    comments[comment.name] = text.strip()
            for grade in nb.grades:
                grades[grade.name] = {
                    "score": float(grade.score) if grade.score is not None else None,
                    "auto": grade.auto_score, "manual": grade.manual_score,
                    "needs_manual": bool(grade.needs_manual_grade),
                }
        penalty = sum(float(nb.late_submission_penalty or 0) for nb in sub.notebooks)
        by_student[sub.student_id] = {
            "score": float(sub.score) - penalty if sub.score is not None else None,
            "raw_score": float(sub.score or 0),
            "max_score": float(sub.max_score or 0),
            "needs_manual_grade": bool(sub.needs_manual_grade),
            "late_penalty": penalty,
            "timestamp": aware_utc(sub.timestamp),
            "seconds_late": float(sub.total_seconds_late or 0),
            "grades": grades,
            "comments": comments,
        }
    return questions, by_student


def _is_solution(notebook, name: str) -> bool:
    return any(cell.name == name for cell in notebook.solution_cells)


def released_grades(klass, assignment: str):
    """What feedback and publish both start from: the assignment's records (it must have been
    released to this class), and its questions and per-student grades from the gradebook.
    Returns ``(records, questions, by_student)``."""
    from .records import Records

    records = Records.load(klass, assignment)
    if not records.release:
        raise TeacherError("not_released", assignment=assignment, class_id=klass.id)
    with open_gradebook(klass) as gb:
        questions, by_student = grade_rows(gb, assignment)
    return records, questions, by_student
