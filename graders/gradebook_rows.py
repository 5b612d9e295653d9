"""A grading run's reads and writes of nbgrader's gradebook, as rows, in one connection.

nbgrader's own API opens a session per preprocessor and commits once per cell; a grading run
here reads the assignment's cells once and writes each submission's rows (the same tables and
columns nbgrader's `add_submission`, SaveAutoGrades and AssignLatePenalties write), committing
in batches. Only SQLAlchemy Core: importing nbgrader costs seconds a grading run does not need.
The schema is nbgrader's (the pinned version); `tests/graders/test_grade.py` grades the same
submissions through nbgrader's preprocessors and through these rows and compares every grade,
comment and penalty.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid

from sqlalchemy import (Boolean, Column, DateTime, Float, Interval, MetaData, String, Table, Text,
                        and_, bindparam, create_engine, insert, select, update)

from .autograde_steps import AssignmentCells, NotebookCells, late_penalty
from .errors import TeacherError

meta = MetaData()
student = Table("student", meta, Column("id", String(128), primary_key=True),
                Column("first_name", String(128)), Column("last_name", String(128)),
                Column("email", String(128)), Column("lms_user_id", String(128)))
assignment = Table("assignment", meta, Column("id", String(32), primary_key=True),
                   Column("name", String(128)), Column("duedate", DateTime()))
notebook = Table("notebook", meta, Column("id", String(32), primary_key=True), Column("name", String(128)),
                 Column("assignment_id", String(32)), Column("kernelspec", String(1024)))
base_cell = Table("base_cell", meta, Column("id", String(32), primary_key=True), Column("name", String(128)),
                  Column("notebook_id", String(32)), Column("type", String(50)))
grade_cells = Table("grade_cells", meta, Column("id", String(32), primary_key=True),
                    Column("max_score", Float()), Column("cell_type", String(50)))
task_cells = Table("task_cells", meta, Column("id", String(32), primary_key=True),
                   Column("max_score", Float()), Column("cell_type", String(50)))
source_cell = Table("source_cell", meta, Column("id", String(32), primary_key=True),
                    Column("name", String(128)), Column("cell_type", String(50)), Column("locked", Boolean),
                    Column("source", Text()), Column("checksum", String(128)), Column("notebook_id", String(32)))
submitted_assignment = Table("submitted_assignment", meta, Column("id", String(32), primary_key=True),
                             Column("assignment_id", String(32)), Column("student_id", String(128)),
                             Column("timestamp", DateTime()), Column("extension", Interval()))
submitted_notebook = Table("submitted_notebook", meta, Column("id", String(32), primary_key=True),
                           Column("assignment_id", String(32)), Column("notebook_id", String(32)),
                           Column("flagged", Boolean), Column("late_submission_penalty", Float(0)))
grade = Table("grade", meta, Column("id", String(32), primary_key=True), Column("notebook_id", String(32)),
              Column("cell_id", String(32)), Column("auto_score", Float()), Column("manual_score", Float()),
              Column("extra_credit", Float()), Column("needs_manual_grade", Boolean))
comment = Table("comment", meta, Column("id", String(32), primary_key=True), Column("notebook_id", String(32)),
                Column("cell_id", String(32)), Column("auto_comment", Text()), Column("manual_comment", Text()))


def new_id() -> str:
    return uuid.uuid4().hex   # nbgrader.api.new_uuid


def grade_score(row) -> float:
    """nbgrader's Grade.score: the manual score if there is one, else the auto score, plus any
    extra credit; 0 when neither."""
    extra = row["extra_credit"] or 0.0
    if row["manual_score"] is not None:
        return row["manual_score"] + extra
    if row["auto_score"] is not None:
        return row["auto_score"] + extra
    return 0.0


class GradebookRows:
    """One connection to the class's gradebook for a grading run."""

    def __init__(self, klass, assignment_name: str):
        from .database import use_passwords
        from .gradebook import redact, wait_for_locks
        import sqlalchemy.exc

        wait_for_locks()
        use_passwords(klass.school)
        self.klass = klass
        try:
            self.engine = create_engine(klass.gradebook_url)
            self.conn = self.engine.connect()
        except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.ArgumentError,
                sqlalchemy.exc.NoSuchModuleError, ModuleNotFoundError) as exc:
            raise TeacherError("gradebook_unreachable", class_id=klass.id, url=redact(klass.gradebook_url),
                               reason=str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200]) from None
        self.tx = self.conn.begin()
        self.cells = self._read(assignment_name)
        if self.cells is not None:
            self._read_submissions()

    # -- the assignment, once per run ---------------------------------------------------------
    def _read(self, name: str) -> AssignmentCells | None:
        row = self.conn.execute(select(assignment.c.id, assignment.c.duedate)
                                .where(assignment.c.name == name)).first()
        if row is None:
            return None
        self.assignment_id = row.id
        cells = AssignmentCells(name, row.duedate)
        self.notebook_ids: dict[str, str] = {}
        self.cell_ids: dict[tuple[str, str, str], str] = {}   # (notebook, grade_id, kind) -> base_cell id
        self.max_scores: dict[str, float] = {}                  # base_cell id -> points
        by_id = {}
        for nb in self.conn.execute(select(notebook).where(notebook.c.assignment_id == row.id)):
            spec = json.loads(nb.kernelspec) if nb.kernelspec else None
            cells.notebooks[nb.name] = by_id[nb.id] = NotebookCells(nb.name, spec)
            self.notebook_ids[nb.name] = nb.id
        if not by_id:
            return cells
        # in the gradebook's own order, as nbgrader's relationships read them
        for sc in self.conn.execute(select(source_cell).where(source_cell.c.notebook_id.in_(by_id))):
            nbc = by_id[sc.notebook_id]
            nbc.source[sc.name] = {"cell_type": sc.cell_type, "locked": bool(sc.locked),
                                   "source": sc.source, "checksum": sc.checksum}
            nbc.order.append(sc.name)
        query = (select(base_cell.c.id, base_cell.c.name, base_cell.c.notebook_id, base_cell.c.type,
                        grade_cells.c.max_score.label("grade_max"), task_cells.c.max_score.label("task_max"))
                 .select_from(base_cell.outerjoin(grade_cells, grade_cells.c.id == base_cell.c.id)
                              .outerjoin(task_cells, task_cells.c.id == base_cell.c.id))
                 .where(base_cell.c.notebook_id.in_(by_id)))
        for bc in self.conn.execute(query):
            nbc = by_id[bc.notebook_id]
            if bc.type == "GradeCell":
                nbc.grade[bc.name] = float(bc.grade_max)
                self.max_scores[bc.id] = float(bc.grade_max)
            elif bc.type == "TaskCell":
                nbc.task[bc.name] = float(bc.task_max)
                self.max_scores[bc.id] = float(bc.task_max)
            elif bc.type == "SolutionCell":
                nbc.solution.add(bc.name)
            self.cell_ids[(nbc.name, bc.name, bc.type)] = bc.id
        self.max_score = sum(self.max_scores.values())
        return cells

    def _read_submissions(self) -> None:
        """The assignment's submissions as they stand, read once: which students exist, each
        one's submission, its notebooks and grade rows (kept up to date as the run writes)."""
        c = self.conn
        self.students = {r.id for r in c.execute(select(student.c.id))}
        self.submissions = {r.student_id: r.id for r in c.execute(
            select(submitted_assignment.c.id, submitted_assignment.c.student_id)
            .where(submitted_assignment.c.assignment_id == self.assignment_id))}
        self.sub_notebooks: dict[str, dict[str, str]] = {}   # submission -> notebook id -> submitted nb id
        owner = {}
        for r in c.execute(select(submitted_notebook.c.id, submitted_notebook.c.notebook_id,
                                  submitted_notebook.c.assignment_id)
                           .join(submitted_assignment, submitted_assignment.c.id == submitted_notebook.c.assignment_id)
                           .where(submitted_assignment.c.assignment_id == self.assignment_id)):
            self.sub_notebooks.setdefault(r.assignment_id, {})[r.notebook_id] = r.id
            owner[r.id] = r.assignment_id
        self.grade_rows: dict[str, dict] = {}   # submission -> (submitted nb, cell) -> row
        for r in c.execute(select(grade).join(submitted_notebook, submitted_notebook.c.id == grade.c.notebook_id)
                           .join(submitted_assignment, submitted_assignment.c.id == submitted_notebook.c.assignment_id)
                           .where(submitted_assignment.c.assignment_id == self.assignment_id)):
            self.grade_rows.setdefault(owner[r.notebook_id], {})[(r.notebook_id, r.cell_id)] = dict(r._mapping)

    # -- one submission -----------------------------------------------------------------------
    def _submission(self, student_id: str, timestamp, extension) -> str:
        c = self.conn
        if student_id not in self.students:
            c.execute(insert(student).values(id=student_id))     # update_or_create_student
            self.students.add(student_id)
        sub_id = self.submissions.get(student_id)
        if sub_id is not None:                                   # update_or_create_submission
            c.execute(update(submitted_assignment).where(submitted_assignment.c.id == sub_id)
                      .values(timestamp=timestamp, extension=extension))
            return sub_id
        sub_id = new_id()                                        # add_submission
        c.execute(insert(submitted_assignment).values(id=sub_id, assignment_id=self.assignment_id,
                                                      student_id=student_id, timestamp=timestamp,
                                                      extension=extension))
        notebooks, grades, comments = [], [], []
        for name, nbc in self.cells.notebooks.items():
            nb_id = new_id()
            notebooks.append({"id": nb_id, "assignment_id": sub_id, "notebook_id": self.notebook_ids[name],
                              "flagged": False, "late_submission_penalty": None})
            for grade_id in nbc.grade:
                grades.append(self._new_grade(nb_id, self.cell_ids[(name, grade_id, "GradeCell")]))
            for grade_id in sorted(nbc.solution):
                comments.append(self._new_comment(nb_id, self.cell_ids[(name, grade_id, "SolutionCell")]))
            for grade_id in nbc.task:
                cell_id = self.cell_ids[(name, grade_id, "TaskCell")]
                comments.append(self._new_comment(nb_id, cell_id))
                grades.append(self._new_grade(nb_id, cell_id))
        c.execute(insert(submitted_notebook), notebooks)
        if grades:
            c.execute(insert(grade), grades)
        if comments:
            c.execute(insert(comment), comments)
        self.submissions[student_id] = sub_id
        self.sub_notebooks[sub_id] = {nb["notebook_id"]: nb["id"] for nb in notebooks}
        self.grade_rows[sub_id] = {(g["notebook_id"], g["cell_id"]): dict(g) for g in grades}
        return sub_id

    @staticmethod
    def _new_grade(nb_id, cell_id) -> dict:
        return {"id": new_id(), "notebook_id": nb_id, "cell_id": cell_id, "auto_score": None,
                "manual_score": None, "extra_credit": None, "needs_manual_grade": True}

    @staticmethod
    def _new_comment(nb_id, cell_id) -> dict:
        return {"id": new_id(), "notebook_id": nb_id, "cell_id": cell_id, "auto_comment": None,
                "manual_comment": None}

    def save(self, student_id: str, *, timestamp: dt.datetime, extension: dt.timedelta | None,
             results: dict, missing: list[str], same_submission: bool, policy: str | None) -> dict:
        """Write one graded submission (not yet committed).

        ``results``: notebook name -> autograde_steps.autograde_results(); ``missing``: the
        notebooks not handed in (score zero, as nbgrader); ``same_submission``: a --regrade of
        the work the teacher may already have marked by hand (those marks stay as they are).
        Returns {"score", "max_score", "needs_manual_grade"} as nbgrader's gradebook would.
        """
        c = self.conn
        sub_id = self._submission(student_id, timestamp, extension)
        nb_rows = self.sub_notebooks.get(sub_id, {})
        rows = self.grade_rows.setdefault(sub_id, {})   # updated in place: what is written is kept
        grade_updates, comment_updates, penalties = [], [], []
        due = self.cells.duedate
        seconds_late = 0.0
        if due is not None and timestamp is not None:
            seconds_late = max(0.0, (timestamp - (due + extension if extension else due)).total_seconds())
        for name, nbc in self.cells.notebooks.items():
            nb_id = nb_rows.get(self.notebook_ids[name])
            if nb_id is None:
                continue
            if name in missing:
                for grade_id in list(nbc.grade) + list(nbc.task):
                    kind = "GradeCell" if grade_id in nbc.grade else "TaskCell"
                    row = rows.get((nb_id, self.cell_ids[(name, grade_id, kind)]))
                    if row is not None:
                        row.update(auto_score=0, needs_manual_grade=False)
                        grade_updates.append(row)
                continue
            if name not in results:
                continue
            result = results[name]
            for grade_id, auto in result["grades"].items():           # SaveAutoGrades._add_score
                kind = "GradeCell" if grade_id in nbc.grade else "TaskCell"
                row = rows[(nb_id, self.cell_ids[(name, grade_id, kind)])]
                marked = same_submission and row["manual_score"] is not None and not row["needs_manual_grade"]
                row["auto_score"] = auto
                row["needs_manual_grade"] = (not marked and (row["manual_score"] is not None or auto is None))
                grade_updates.append(row)
            for grade_id, text in result["comments"].items():         # SaveAutoGrades._add_comment
                kind = "SolutionCell" if grade_id in nbc.solution else "TaskCell"
                comment_updates.append({"n": nb_id, "cell": self.cell_ids[(name, grade_id, kind)], "text": text})
            # AssignLatePenalties: from the notebook's score after these grades
            score = sum(grade_score(r) for (n, _), r in rows.items() if n == nb_id)
            penalties.append({"n": nb_id, "penalty": late_penalty(policy, score, seconds_late)})
        if grade_updates:
            c.execute(update(grade).where(grade.c.id == bindparam("gid"))
                      .values(auto_score=bindparam("a"), needs_manual_grade=bindparam("m")),
                      [{"gid": r["id"], "a": r["auto_score"], "m": bool(r["needs_manual_grade"])}
                       for r in grade_updates])
        if comment_updates:
            c.execute(update(comment).where(and_(comment.c.notebook_id == bindparam("n"),
                                                 comment.c.cell_id == bindparam("cell")))
                      .values(auto_comment=bindparam("text")), comment_updates)
        if penalties:
            c.execute(update(submitted_notebook).where(submitted_notebook.c.id == bindparam("n"))
                      .values(late_submission_penalty=bindparam("penalty")), penalties)
        return {"score": sum(grade_score(r) for r in rows.values()), "max_score": self.max_score,
                "needs_manual_grade": any(r["needs_manual_grade"] for r in rows.values())}

    def commit(self) -> None:
        self.tx.commit()
        self.tx = self.conn.begin()

    def close(self) -> None:
        try:
            if self.tx.is_active:
                self.tx.rollback()
        finally:
            self.conn.close()
            self.engine.dispose()
