"""Helpers for the graders tests (importable as `graders_helpers`)."""
from __future__ import annotations

import shutil
from pathlib import Path


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
