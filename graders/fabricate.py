"""Fabricated student work, honest and faulty, for the demo, the tests and the benchmark.

Works for any released assignment: the student version comes from the class's
release/<assignment>/ folder, the right answers from its source/<assignment>/ notebook
(solution regions, without the ### BEGIN/END SOLUTION lines).
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
from pathlib import Path

import nbformat

KINDS = ("correct", "partly_wrong", "blank", "exception", "infinite_loop", "crash", "invalid_json",
         "deleted_test")

_SOLUTION = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.MULTILINE)


def _nbg(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _answers(source_nb) -> dict[str, str]:
    """grade_id -> the solution text of every solution cell of the source notebook."""
    out = {}
    for cell in source_nb.cells:
        meta = _nbg(cell)
        if meta.get("solution"):
            text = cell.source
            if cell.cell_type == "markdown":
                text = re.sub(r"=== (BEGIN|END) MARK SCHEME ===.*?(?==== END MARK SCHEME ===|$)", "",
                              text, flags=re.S)
            out[meta["grade_id"]] = _SOLUTION.sub("", text)
    return out


def _replace_last(text: str, old: str, new: str) -> str:
    head, found, tail = text.rpartition(old)
    return head + new + tail if found else text


def make_notebook(klass, assignment: str, notebook: str, kind: str) -> bytes:
    """The bytes of one notebook as a student of `kind` would hand it in."""
    if kind == "invalid_json":
        return b'{"cells": [{"cell_type": "code", "source": "print(1)"  <- saved half-way'
    released = nbformat.read(klass.nbgrader_dir("release", None, assignment) / f"{notebook}.ipynb",
                             as_version=4)
    source = nbformat.read(klass.nbgrader_dir("source", None, assignment) / f"{notebook}.ipynb",
                           as_version=4)
    answers = _answers(source)
    nb = copy.deepcopy(released)
    solution_cells = [c for c in nb.cells if _nbg(c).get("solution")]
    code_cells = [c for c in solution_cells if c.cell_type == "code"]
    for index, cell in enumerate(solution_cells):
        answer = answers.get(_nbg(cell).get("grade_id"))
        if answer is None or kind == "blank":
            continue
        if kind == "partly_wrong" and cell.cell_type == "code" and index >= len(code_cells) // 2:
            # the later functions are off: upper case letters forgotten, off by one, ...
            # (the last " + ": in hw1 the first one joins the template's parts)
            answer = _replace_last(answer.replace(".lower()", ""), " + ", " - ") if (
                ".lower()" in answer or " + " in answer) else answer + "\n    # (not finished)"
        cell.source = answer
    if code_cells and kind in ("exception", "infinite_loop", "crash"):
        first = code_cells[0]
        prefix = {"exception": "raise ValueError('I am not sure what to do here')\n",
                  "infinite_loop": "while True:\n    pass\n",
                  "crash": "import os\nos._exit(1)\n"}[kind]
        first.source = prefix + first.source
    if kind == "deleted_test":
        nb.cells = [c for c in nb.cells if not (_nbg(c).get("grade") and c.cell_type == "code"
                                                and not _nbg(c).get("solution"))][:]
    # a student's notebook has been run: give it outputs and counts like JupyterLab would
    for i, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = i + 1
    return nbformat.writes(nb).encode("utf-8")


def submission_files(klass, assignment: str, kind: str, notebooks: list[str]) -> dict[str, bytes]:
    return {f"{nb}.ipynb": make_notebook(klass, assignment, nb, kind) for nb in notebooks}


def submit_via_exchange(klass, student: str, assignment: str, files: dict[str, bytes], home: Path) -> None:
    """What `nbgrader submit` does for a student: nbgrader's own ExchangeSubmit."""
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeSubmit
    from traitlets.config import Config

    work = home / klass.id / assignment
    work.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (work / name).write_bytes(data)
    cfg = Config()
    cfg.Exchange.root = str(klass.school.exchange_root)
    cfg.Exchange.path_includes_course = True
    cfg.Exchange.assignment_dir = str(home)
    cfg.Exchange.cache = str(home / ".nbgrader_cache")
    cfg.CourseDirectory.course_id = klass.id
    coursedir = CourseDirectory(config=cfg)
    coursedir.assignment_id = assignment
    coursedir.student_id = student
    from nbgrader.auth import Authenticator

    app = ExchangeSubmit(coursedir=coursedir, authenticator=Authenticator(config=cfg), config=cfg)
    app.start()


def write_inbound(klass, student: str, assignment: str, files: dict[str, bytes],
                  when: dt.datetime) -> Path:
    """An exchange submission with a chosen time, laid out exactly as nbgrader submit does."""
    stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    folder = (klass.school.exchange_root / klass.id / "inbound" /
              f"{student}+{assignment}+{stamp}+{os.urandom(6).hex()}")
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "timestamp.txt").write_text(stamp)
    (folder / "submission_secret.txt").write_text(os.urandom(32).hex())
    return folder


def write_upload_zip(path: Path, entries: list[tuple[str, bytes, dt.datetime]]) -> Path:
    """A .zip as a school's upload system hands it over; entry times in local wall time."""
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data, when in entries:
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path


def dumps(obj) -> bytes:
    return json.dumps(obj).encode()
