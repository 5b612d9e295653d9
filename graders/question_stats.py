"""Per-question statistics for the class report: how many were graded, the mean, how the
scores spread, and the check that failed most often (the first line of the message a failed
test cell showed, read from the graded notebooks in autograded/; quoted from the students who
read it in the class's language, so that the report stays in one). Pending manual questions
are left out, never counted as 0."""
from __future__ import annotations

import collections
import re

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def failing_checks(klass, assignment: str, notebooks: list[str], students) -> dict[str, collections.Counter]:
    """grade_id -> Counter of 'AssertionError: message' over the students' failed test cells."""
    import nbformat

    out: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for sid in students:
        # a student reads the message in their own language: the report (in the class's)
        # quotes it only for students of the class's language, and names the error for others
        quoted = klass.student_language(sid) == klass.language
        for name in notebooks:
            path = klass.nbgrader_dir("autograded", sid, assignment) / f"{name}.ipynb"
            if not path.is_file():
                continue
            try:
                nb = nbformat.read(path, as_version=4)
            except Exception:  # a notebook grading could not write whole: nothing to count
                continue
            for cell in nb.cells:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if not meta.get("grade") or cell.cell_type != "code":
                    continue
                for o in cell.get("outputs", []):
                    if o.get("output_type") == "error":
                        first = ANSI.sub("", str(o.get("evalue", ""))).strip().splitlines()
                        label = o.get("ename", "Error") + (": " + first[0][:160] if first and quoted else "")
                        out[meta["grade_id"]][label] += 1
                        break
    return out


def question_titles(klass, assignment: str, notebooks: list[str]) -> dict[str, str]:
    """grade_id -> the title students know the question by, in the class's language (the
    released notebook's headings and visible first lines of its tests, as feedback reads them)."""
    import nbformat

    from .feedback import titles_in

    titles: dict[str, str] = {}
    for name in notebooks:
        try:
            titles.update(titles_in(klass, assignment, name, klass.language, nbformat.v4.new_notebook()))
        except Exception:  # noqa: BLE001 - a title is a help for reading, never a reason to stop
            continue
    return {k: v for k, v in titles.items() if v != k}


def question_stats(klass, assignment: str, questions, rows, notebooks, score_fmt) -> list[dict]:
    """One entry per question: name, max, count, mean, distribution [(score, n, bar width)],
    the most common failing check and how many students it stopped."""
    checks = failing_checks(klass, assignment, notebooks,
                            [r["id"] for r in rows if r["status"] in ("graded", "needs_manual_grading")])
    titles = question_titles(klass, assignment, notebooks)
    out = []
    for q in questions:
        scores = [r["scores"][q["name"]] for r in rows
                  if r["scores"].get(q["name"]) is not None]
        counts = collections.Counter(round(s, 2) for s in scores)
        top = max(counts.values(), default=1)
        dist = [(score_fmt(v), counts[v], round(6 * counts[v] / top, 2)) for v in sorted(counts)]
        # the most students; of as many, one whose message the report can quote
        common = sorted(checks.get(q["name"], collections.Counter()).items(),
                        key=lambda kv: (-kv[1], ":" not in kv[0]))[:1]
        out.append({"name": q["name"], "title": titles.get(q["name"], ""), "max": score_fmt(q["max_score"]), "count": len(scores),
                    "mean": score_fmt(sum(scores) / len(scores)) if scores else "–",
                    "distribution": dist,
                    "failure": common[0][0] if common else "", "failure_count": common[0][1] if common else 0})
    return out
