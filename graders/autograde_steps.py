"""nbgrader's autograde steps, computed directly on the notebook.

`nbgrader autograde` passes every notebook through two chains of preprocessors, each of which
opens the gradebook again and commits once per cell:

* before running: ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells,
  CheckCellMetadata;
* after running: IgnorePattern, LimitOutput, SaveAutoGrades, AssignLatePenalties,
  CheckCellMetadata.

Here the same rules are plain functions of the notebook and of the assignment's cells as the
gradebook holds them (read once per run, :class:`AssignmentCells`). They give the result
nbgrader's preprocessors give with nbgrader's default settings (a test grades the same
submissions both ways and compares every grade, comment and file); a class whose
nbgrader_config.py sets anything of its own is graded through nbgrader's preprocessors instead
(``graders.grade``). Nothing here imports nbgrader.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field

SCHEMA_VERSION = 3          # nbgrader's cell metadata schema (nbgrader.nbgraderformat)
MAX_LINES = 1000            # LimitOutput.max_lines
MAX_TRACEBACK = 100         # LimitOutput.max_traceback
NO_RESPONSE = "No response."


class MetadataTooOld(Exception):
    pass


class MetadataTooNew(Exception):
    pass


@dataclass
class NotebookCells:
    """One notebook of the assignment, as the gradebook holds it."""
    name: str
    kernelspec: dict | None
    # grade_id -> {"cell_type", "locked", "source", "checksum"}
    source: dict = field(default_factory=dict)
    grade: dict = field(default_factory=dict)     # grade_id -> max_score (grade cells)
    task: dict = field(default_factory=dict)      # grade_id -> max_score (task cells)
    solution: set = field(default_factory=set)    # grade_ids of solution cells
    order: list = field(default_factory=list)     # source cells in the release's order


@dataclass
class AssignmentCells:
    name: str
    duedate: object                                # naive UTC datetime or None
    notebooks: dict = field(default_factory=dict)  # name -> NotebookCells

    def to_json(self) -> dict:
        return {"name": self.name, "duedate": self.duedate.isoformat() if self.duedate else None,
                "notebooks": {n: {"name": c.name, "kernelspec": c.kernelspec, "source": c.source,
                                  "grade": c.grade, "task": c.task, "solution": sorted(c.solution),
                                  "order": c.order}
                              for n, c in self.notebooks.items()}}

    @classmethod
    def from_json(cls, data: dict) -> "AssignmentCells":
        import datetime as dt

        due = dt.datetime.fromisoformat(data["duedate"]) if data["duedate"] else None
        return cls(data["name"], due, {n: NotebookCells(c["name"], c["kernelspec"], c["source"], c["grade"],
                                                          c["task"], set(c["solution"]), c["order"])
                                         for n, c in data["notebooks"].items()})


# -- nbgrader.utils, the same rules ----------------------------------------------------------
def _nbgrader(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def is_grade(cell) -> bool:
    return bool(_nbgrader(cell).get("grade", False))


def is_solution(cell) -> bool:
    return bool(_nbgrader(cell).get("solution", False))


def is_task(cell) -> bool:
    return bool(_nbgrader(cell).get("task", False))


def is_locked(cell) -> bool:
    meta = _nbgrader(cell)
    if is_solution(cell):
        return False
    if is_grade(cell) or is_task(cell):
        return True
    return bool(meta.get("locked", False))


def compute_checksum(cell) -> str:
    """nbgrader.utils.compute_checksum."""
    m = hashlib.md5()
    m.update(cell["source"].encode("utf-8"))
    m.update(cell["cell_type"].encode("utf-8"))
    m.update(str(is_grade(cell)).encode("utf-8"))
    m.update(str(is_solution(cell)).encode("utf-8"))
    m.update(str(is_locked(cell)).encode("utf-8"))
    m.update(_nbgrader(cell)["grade_id"].encode("utf-8"))
    if is_grade(cell):
        m.update(str(float(_nbgrader(cell)["points"])).encode("utf-8"))
    return m.hexdigest()


def partial_grade(output, max_points: float) -> float:
    """nbgrader.utils.get_partial_grade: a test cell whose result is a number between 0 and
    its points scores that number."""
    text = output["data"]["text/plain"]
    if not text:
        raise KeyError("output ['data']['text/plain'] does not exist")
    if isinstance(text, list):
        if len(text) > 1:
            return max_points
        text = text[0]
    try:
        grade = float(text)
    except ValueError:
        return max_points
    if grade >= 0.0:
        if grade > max_points:   # nbgrader stops here (the grader clamps what it writes)
            raise ValueError("partial credit cannot be greater than maximum points for cell")
        return grade
    return max_points            # negative, or NaN


def determine_grade(cell) -> float | None:
    """nbgrader.utils.determine_grade (the auto score; None: a person has to look)."""
    max_points = float(_nbgrader(cell)["points"])
    if is_solution(cell):
        meta = _nbgrader(cell)
        return 0 if "checksum" in meta and meta["checksum"] == compute_checksum(cell) else None
    if cell["cell_type"] == "code":
        for output in cell.get("outputs", []):
            if output["output_type"] == "error" or (output["output_type"] == "stream"
                                                    and output.get("name") == "stderr"):
                return 0
            if output["output_type"] == "execute_result":
                return partial_grade(output, max_points)
        return max_points
    return None


# -- before running ----------------------------------------------------------------------------
def sanitize(nb, cells: NotebookCells, add_missing_cells: bool = True) -> None:
    """ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells (with minicourse's
    add_missing_cells) and CheckCellMetadata, in place."""
    for cell in nb["cells"]:                                   # ClearOutput
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
            for key in ("collapsed", "scrolled"):
                cell.get("metadata", {}).pop(key, None)
    seen = set()                                               # DeduplicateIds (last one wins)
    for cell in reversed(nb["cells"]):
        if not (is_grade(cell) or is_solution(cell) or is_locked(cell)):
            continue
        grade_id = _nbgrader(cell)["grade_id"]
        if grade_id in seen:
            cell["metadata"]["nbgrader"] = {}
        else:
            seen.add(grade_id)
    if cells.kernelspec:                                       # OverwriteKernelspec
        nb["metadata"]["kernelspec"] = cells.kernelspec
    for cell in nb["cells"]:                                   # OverwriteCells
        meta = _nbgrader(cell)
        grade_id = meta.get("grade_id")
        if grade_id is None:
            continue
        source = cells.source.get(grade_id)
        if source is None:
            del cell["metadata"]["nbgrader"]["grade_id"]
            continue
        if cell["cell_type"] != source["cell_type"]:
            _change_cell_type(cell, source["cell_type"])
        if is_locked(cell) != source["locked"]:
            meta["locked"] = source["locked"]
        if is_grade(cell):
            old = float(cells.grade.get(grade_id, cells.task.get(grade_id, 0.0)))
            if old != float(meta["points"]):
                meta["points"] = old
        meta["checksum"] = source["checksum"]
        if source["locked"] and compute_checksum(cell) != source["checksum"]:
            cell["source"] = source["source"]
            if compute_checksum(cell) != source["checksum"]:
                raise RuntimeError(f"Inconsistent checksums for cell {grade_id}")
    if add_missing_cells:
        _add_missing_grade_cells(nb, cells)
        _add_missing_task_cells(nb, cells)
    check_metadata(nb)


MISSING_CELL = ("This cell (id:{cell_id}) was missing from the submission. "
                "It was added back by nbgrader.\n\n")


def _missing_cell(cells: NotebookCells, grade_id: str, max_score: float, is_solution=False, is_task=False):
    """OverwriteCells.missing_cell_transform, as its metadata upgrade leaves it."""
    source = cells.source[grade_id]
    meta = {"grade": True, "grade_id": grade_id, "locked": source["locked"], "checksum": source["checksum"],
            "cell_type": source["cell_type"], "points": float(max_score), "solution": False,
            "schema_version": SCHEMA_VERSION}
    import uuid

    cell = {"id": uuid.uuid4().hex[:8],   # nbformat 4.5 cells have ids; nbformat makes them so
            "cell_type": source["cell_type"], "metadata": {"deletable": False, "editable": False, "nbgrader": meta},
            "source": MISSING_CELL.format(cell_id=grade_id) + source["source"]}
    if cell["cell_type"] == "code":
        cell["execution_count"] = None
        cell["outputs"] = []
        cell["source"] = "# " + cell["source"]
    if is_solution:
        del cell["metadata"]["editable"]
        meta["solution"] = True
    elif is_task:
        meta["grade"] = False
        meta["task"] = True
        meta["points"] = max_score
    from nbformat.notebooknode import from_dict   # the notebook's own node type (attribute access)

    return from_dict(cell)


def _add_missing_grade_cells(nb, cells: NotebookCells) -> None:
    """OverwriteCells.add_missing_grade_cells: a deleted grade cell comes back after the grade
    or solution cell before it in the release."""
    source_ids = cells.order
    placed = {}
    for idx, cell in enumerate(nb["cells"]):
        if is_grade(cell) or is_solution(cell):
            placed[_nbgrader(cell)["grade_id"]] = idx
    added = 0
    for grade_id, max_score in cells.grade.items():
        if grade_id in placed:
            continue
        source_idx = source_ids.index(grade_id)
        new = _missing_cell(cells, grade_id, max_score, is_solution=grade_id in cells.solution)
        if source_idx == 0:
            nb["cells"].insert(0, new)
            placed[grade_id] = 0
        else:
            prev_id = source_ids[source_idx - 1]
            nb["cells"].insert(placed[prev_id] + added + 1, new)   # KeyError as nbgrader's
            placed[grade_id] = placed[prev_id]
        added += 1


def _add_missing_task_cells(nb, cells: NotebookCells) -> None:
    present = [c["metadata"]["nbgrader"].get("grade_id") for c in nb["cells"] if "nbgrader" in c.get("metadata", {})]
    for grade_id, max_score in cells.task.items():
        if grade_id not in present:
            nb["cells"].append(_missing_cell(cells, grade_id, max_score, is_task=True))


def _change_cell_type(cell, cell_type: str) -> None:
    cell["cell_type"] = cell_type
    if cell_type == "code":
        cell["outputs"] = []
        cell["execution_count"] = None
    else:
        cell.pop("outputs", None)
        cell.pop("execution_count", None)


def check_metadata(nb) -> None:
    """CheckCellMetadata's refusals: a cell's nbgrader metadata in another schema version."""
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader")
        if not meta:
            continue
        version = meta.get("schema_version", 0)
        if version < SCHEMA_VERSION:
            raise MetadataTooOld(version)
        if version > SCHEMA_VERSION:
            raise MetadataTooNew(version)


# -- after running -----------------------------------------------------------------------------
def limit_outputs(nb, ignore_pattern: str = "", max_lines: int = MAX_LINES,
                  max_traceback: int = MAX_TRACEBACK) -> None:
    """IgnorePattern (when a pattern is set) and LimitOutput, in place."""
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        if ignore_pattern:
            cell["outputs"] = [o for o in cell["outputs"]
                               if not (o["output_type"] == "stream" and o.get("name") == "stderr"
                                       and re.search(ignore_pattern, o["text"]))]
        if max_lines != -1:
            length, kept = 0, []
            for output in cell["outputs"]:
                if output["output_type"] == "stream":
                    if length == max_lines:
                        continue
                    text = output["text"].split("\n")
                    if len(text) + length > max_lines:
                        text = text[:max_lines - length - 1]
                        text.append("... Output truncated ...")
                    length += len(text)
                    output["text"] = "\n".join(text)
                kept.append(output)
            cell["outputs"] = kept
        if max_traceback != -1:
            for output in cell["outputs"]:
                if output["output_type"] == "error" and len(output["traceback"]) > max_traceback:
                    start = int(max_traceback / 2)
                    end = max_traceback - start - 1
                    output["traceback"] = (output["traceback"][:start] + ["... Traceback truncated ..."]
                                           + output["traceback"][-end:])


def autograde_results(nb) -> dict:
    """SaveAutoGrades' values: {"grades": {grade_id: auto score or None},
    "comments": {grade_id: automatic comment or None}}."""
    grades, comments = {}, {}
    for cell in nb["cells"]:
        meta = _nbgrader(cell)
        if is_grade(cell):
            grades[meta["grade_id"]] = determine_grade(cell)
        if is_solution(cell) or is_task(cell):
            unchanged = meta.get("checksum") == compute_checksum(cell) and not is_task(cell)
            comments[meta["grade_id"]] = NO_RESPONSE if unchanged else None
    return {"grades": grades, "comments": comments}


def late_penalty(policy: str | None, score: float, seconds_late: float) -> float | None:
    """AssignLatePenalties with one of minicourse's policies (graders.late): the penalty for a
    notebook, or None when there is none."""
    if seconds_late <= 0 or not policy or policy == "none":
        return None
    if policy == "zero":
        penalty = score
    elif policy.startswith("per-hour:"):
        penalty = min(score, math.ceil(seconds_late / 3600) * float(policy.split(":", 1)[1]))
    elif policy.startswith("percent-per-day:"):
        penalty = min(score, score * float(policy.split(":", 1)[1]) / 100 * math.ceil(seconds_late / 86400))
    else:
        raise ValueError(policy)
    return 0 if penalty < 0 else min(penalty, score)
