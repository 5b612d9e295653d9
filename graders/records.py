"""Our record of one assignment in one class: release, every submission, every refusal,
every grading outcome. Kept beside nbgrader's gradebook (which holds scores), in
<class>/records/<assignment>.json, written atomically by one command at a time (class lock).

Nothing in here is ever deleted: a new submission is appended, a new grading outcome pushes
the previous one into the student's history.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .school import iso, parse_iso, read_json, utcnow, write_json

# grading statuses (what a teacher sees; publish adds "missing" and "not graded yet")
GRADED = "graded"
NEEDS_MANUAL = "needs_manual_grading"
FAILED = "failed_to_grade"
MISSING = "missing"
WAITING = "not_graded_yet"


@dataclass
class Records:
    klass: object
    assignment: str
    data: dict = field(default_factory=dict)

    @classmethod
    def load(cls, klass, assignment: str) -> "Records":
        data = read_json(klass.record_path(assignment)) or {}
        data.setdefault("assignment", assignment)
        data.setdefault("release", None)
        data.setdefault("submissions", [])
        data.setdefault("refused", [])
        data.setdefault("grading", {})
        return cls(klass, assignment, data)

    def save(self) -> None:
        write_json(self.klass.record_path(self.assignment), self.data)

    # -- release ----------------------------------------------------------------------------
    @property
    def release(self) -> dict | None:
        return self.data["release"]

    def due(self):
        rel = self.release
        return parse_iso(rel["due"]) if rel and rel.get("due") else None

    # -- submissions ------------------------------------------------------------------------
    @property
    def submissions(self) -> list[dict]:
        return self.data["submissions"]

    def has_origin(self, origin: str) -> bool:
        return any(s["origin"] == origin for s in self.submissions)

    def has_submission(self, submission_id: str, student: str) -> bool:
        return any(s["id"] == submission_id and s["student"] == student for s in self.submissions)

    def add_submission(self, entry: dict) -> None:
        self.submissions.append(entry)

    def newest(self) -> dict[str, dict]:
        """student -> the submission that counts (the newest by its time)."""
        best: dict[str, dict] = {}
        for s in self.submissions:
            cur = best.get(s["student"])
            if cur is None or (parse_iso(s["received_at"]), s["id"]) > (parse_iso(cur["received_at"]), cur["id"]):
                best[s["student"]] = s
        return best

    def count_for(self, student: str) -> int:
        return sum(1 for s in self.submissions if s["student"] == student)

    # -- refusals ---------------------------------------------------------------------------
    def add_refusal(self, origin: str, key: str, params: dict) -> None:
        if any(r["origin"] == origin and r["key"] == key for r in self.data["refused"]):
            return  # the same upload collected twice: one record is enough
        self.data["refused"].append({"at": iso(utcnow()), "origin": origin, "key": key,
                                     "params": params})

    # -- grading ----------------------------------------------------------------------------
    def grading(self, student: str) -> dict | None:
        return self.data["grading"].get(student)

    def set_grading(self, student: str, submission_id: str, status: str,
                    reason: dict | None = None, **extra) -> None:
        old = self.data["grading"].get(student)
        history = []
        if old:
            history = old.pop("history", [])
            history.append(old)
        entry = {"submission": submission_id, "status": status, "reason": reason,
                 "graded_at": iso(utcnow()), **extra, "history": history}
        self.data["grading"][student] = entry
