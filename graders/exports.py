"""Marks in the shapes the places schools keep them import: Canvas's gradebook CSV, Moodle's
grade import CSV, Google Classroom's CSV and a plain one-sheet XLSX, in
<class>/published/<assignment>/exports/. Only final totals are exported: a student whose
manual grading is pending or who could not be graded gets an empty cell, never a 0.

For a school's own scripts, scores.json holds the same table with stable codes instead of words
(status graded / needs_manual_grading / failed_to_grade / missing / not_graded_yet, late as a
flag and seconds, times in ISO 8601 UTC, the reason a submission failed as its message key):
the same in every class's language, so a script written once reads every class."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from .formats import score_value
from .records import GRADED


def _final(row):
    return score_value(row["total"]) if row["status"] == GRADED else None


def _write(path: Path, header: list[str], lines) -> None:
    from .publish import neutralise

    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for line in lines:
            w.writerow(["" if v is None else neutralise(v) for v in line])


def write_exports(folder: Path, klass, assignment: str, rows, max_total: float) -> list[Path]:
    from openpyxl import Workbook

    from .common import t
    from .publish import _text_cell

    folder.mkdir(parents=True, exist_ok=True)
    points = f"{assignment} ({score_value(max_total)})"
    # Canvas: Student, ID, SIS User ID, SIS Login ID, Section, then one column per assignment;
    # the "Points Possible" row tells Canvas the maximum
    _write(folder / "canvas.csv", ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", points],
           [["    Points Possible", "", "", "", "", score_value(max_total)]]
           + [[r["other_name"] or r["name"], "", r["id"], r["id"], klass.id, _final(r)] for r in rows])
    # Moodle's grade import maps a column to "ID number" and one to the grade item
    _write(folder / "moodle.csv", ["ID number", "Email address", "Full name", assignment],
           [[r["id"], r.get("email") or "", r["name"], _final(r)] for r in rows])
    # Google Classroom imports by email address
    _write(folder / "google_classroom.csv", ["Email Address", "First Name", "Last Name", assignment],
           [[r.get("email") or "", r["other_name"] or r["name"], "", _final(r)] for r in rows])
    wb = Workbook()
    ws = wb.active
    ws.title = klass.id[:31]
    header = [t("col_student_id"), t("col_name"), t("col_other_name"), points]
    for col, h in enumerate(header, 1):
        _text_cell(ws.cell(1, col), h)
    for r, row in enumerate(rows, 2):
        for col, v in enumerate([row["id"], row["name"], row["other_name"]], 1):
            _text_cell(ws.cell(r, col), v or "")
        ws.cell(r, 4).value = _final(row)
    wb.save(folder / f"{klass.id}-{assignment}.xlsx")
    write_json(folder / "scores.json", klass, assignment, rows, max_total)
    return sorted(folder.iterdir())


SCHEMA = "minicourse-scores/1"
STATUSES = ("graded", "needs_manual_grading", "failed_to_grade", "missing", "not_graded_yet")


def json_rows(klass, assignment: str, rows, max_total: float) -> dict:
    """The class's table for scripts: codes, numbers and ISO times, no words of any language."""
    from .school import iso

    students = []
    for r in rows:
        final = r["status"] == GRADED
        students.append({
            "student_id": r["id"], "name": r["name"], "other_name": r["other_name"] or None,
            "email": r.get("email") or None, "language": r.get("language"),
            "status": r["status"], "final": final,
            "total": score_value(r["total"]) if r["total"] is not None else None,
            "max_score": score_value(r["max"]),
            "scores": {q: score_value(v) if v is not None else None for q, v in r["scores"].items()},
            "needs_manual_grading": r.get("needs_manual", []),
            "late": r["late_seconds"] > 0, "late_seconds": round(r["late_seconds"]),
            "submitted_at": iso(r["submitted_at"]) if r["submitted_at"] else None,
            "submissions": r["submissions"],
            "failure_reason": (r.get("reason_data") or {}).get("key"),
        })
    return {"schema": SCHEMA, "class_id": klass.id, "class_name": klass.name, "language": klass.language,
            "assignment": assignment, "max_score": score_value(max_total), "students": students}


def write_json(path: Path, klass, assignment: str, rows, max_total: float) -> None:
    path.write_text(json.dumps(json_rows(klass, assignment, rows, max_total), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
