"""Marks in the shapes the places schools keep them import: Canvas's gradebook CSV, Moodle's
grade import CSV, Google Classroom's CSV and a plain one-sheet XLSX, in
<class>/published/<assignment>/exports/. Only final totals are exported: a student whose
manual grading is pending or who could not be graded gets an empty cell, never a 0."""
from __future__ import annotations

import csv
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
    return sorted(folder.iterdir())
