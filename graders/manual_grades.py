"""Manual grades survive `grade --regrade` of the same submission.

nbgrader's SaveAutoGrades sets needs_manual_grade again on every answer it cannot score, so a
regrade re-flagged what the teacher had already marked in formgrader (and publish then showed
those questions as waiting). The teacher's marks are for this very submission: kept as they
are. A new submission is new work and is marked again.
"""
from __future__ import annotations


def snapshot(klass, assignment: str, student: str) -> dict:
    """(notebook, grade name) -> manual score, for the grades the teacher has marked."""
    from nbgrader.api import MissingEntry

    from .gradebook import open_gradebook

    with open_gradebook(klass) as gb:
        try:
            sub = gb.find_submission(assignment, student)
        except MissingEntry:
            return {}
        return {(nb.name, g.name): g.manual_score for nb in sub.notebooks for g in nb.grades
                if g.manual_score is not None and not g.needs_manual_grade}


def restore(klass, assignment: str, student: str, marked: dict) -> None:
    if not marked:
        return
    from .gradebook import open_gradebook

    with open_gradebook(klass) as gb:
        sub = gb.find_submission(assignment, student)
        for nb in sub.notebooks:
            for g in nb.grades:
                if (nb.name, g.name) in marked:
                    g.manual_score = marked[(nb.name, g.name)]
                    g.needs_manual_grade = False
        gb.db.commit()
