"""The school folder: where every class, its nbgrader course and our records live.

```
<school>/
  school.json                 {"name", "timezone", "exchange"}
  exchange/                   the nbgrader exchange shared by all classes
                              (Exchange.path_includes_course = True: <exchange>/<class>/...)
  published/<assignment>/     the school summary across classes
  logs/                       one log file per verb run (nbgrader's own log lines go here)
  classes/<class_id>/         one nbgrader course per class (mode 0700):
    class.json                {"id", "name", "language", "db_url"}
    nbgrader_config.py        so that nbgrader / formgrader run in this folder see the same course
    gradebook.db              nbgrader's gradebook (unless db_url points to PostgreSQL)
    roster.json               the class list with each student's language
    source/ release/ submitted/ autograded/ feedback/      nbgrader's own folders
    archive/<assignment>/<student>/<submission_id>/        every submission ever received
    records/<assignment>.json                              submissions, refusals, grading states
    published/<assignment>/   scores.xlsx, scores.csv, report.html, feedback/<student>.html
```

Only stdlib at import time: the CLI imports this module to answer ``--help``.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import TeacherError

SCHOOL_FILE = "school.json"
CLASS_FILE = "class.json"
LANGUAGES = ("zh-Hans", "zh-Hant", "en")

# nbgrader course ids, assignment ids and student ids end up in paths and in the exchange's
# "<student>+<assignment>+<timestamp>" names: plain ASCII, no '+', no '*', no path separators.
CLASS_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
ASSIGNMENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")


def write_json(path: Path, data) -> None:
    """Write JSON atomically (a crash never leaves half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name, suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)  # mkstemp's 0600 would hide the file from formgrader run by a colleague
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=False)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def read_json(path: Path, default=None):
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        return default


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def iso(ts: dt.datetime) -> str:
    return ts.astimezone(dt.timezone.utc).isoformat()


def parse_iso(text: str) -> dt.datetime:
    ts = dt.datetime.fromisoformat(text)
    return ts if ts.tzinfo else ts.replace(tzinfo=dt.timezone.utc)


@dataclass
class SchoolClass:
    """One class = one nbgrader course (own gradebook)."""

    school: "School"
    id: str
    name: str
    language: str
    db_url: str | None = None
    created: str | None = None

    @property
    def root(self) -> Path:
        return self.school.classes_dir / self.id

    @property
    def gradebook_url(self) -> str:
        return self.db_url or f"sqlite:///{self.root / 'gradebook.db'}"

    @property
    def roster_path(self) -> Path:
        return self.root / "roster.json"

    def record_path(self, assignment: str) -> Path:
        return self.root / "records" / f"{assignment}.json"

    def archive_dir(self, assignment: str) -> Path:
        return self.root / "archive" / assignment

    def published_dir(self, assignment: str) -> Path:
        return self.root / "published" / assignment

    def nbgrader_dir(self, kind: str, student: str | None, assignment: str) -> Path:
        """nbgrader's layout: source/<a>, release/<a>, submitted/<s>/<a>, autograded/<s>/<a>..."""
        if student is None:
            return self.root / kind / assignment
        return self.root / kind / student / assignment

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "language": self.language,
                "db_url": self.db_url, "created": self.created}

    def save(self) -> None:
        write_json(self.root / CLASS_FILE, self.to_json())

    def config_values(self) -> dict:
        """The nbgrader configuration of this class, as plain values."""
        return {
            "CourseDirectory": {"root": str(self.root), "course_id": self.id,
                                "db_url": self.gradebook_url},
            "Exchange": {"root": str(self.school.exchange_root), "path_includes_course": True,
                         "timezone": self.school.timezone_name},
            # a student deleting a test cell must not leave its points waiting forever
            "OverwriteCells": {"add_missing_cells": True},
            # the student version's stubs in the class's language ("# 在这里写你的代码")
            "ClearSolutions": self._stub_values(),
            **self._late_values(),
        }

    def _stub_values(self) -> dict:
        """The stubs in the class's language, except those the teacher set in
        nbgrader_config.py themselves (theirs stay)."""
        from .release import stub_values, teacher_stub_keys

        theirs = teacher_stub_keys(self)
        return {key: value for key, value in stub_values(self.language).items() if key not in theirs}

    def _late_values(self) -> dict:
        from . import late

        return late.config_values(self)

    def nbgrader_config(self):
        """A traitlets Config for in-process nbgrader calls (imports traitlets)."""
        from traitlets.config import Config

        from . import late

        cfg = Config()
        cfg.merge(late.teacher_config(self))  # the teacher's own lines, e.g. a late policy
        for section, values in self.config_values().items():
            for key, value in values.items():
                setattr(cfg[section], key, value)
        return cfg

    def write_nbgrader_config_file(self) -> None:
        """So that `nbgrader ...` and formgrader started in this folder see the same course.
        The teacher's own lines (above the marker) are kept; minicourse rewrites its block."""
        from . import late

        mine = late.teacher_lines(self).strip("\n")
        lines = ["c = get_config()  # noqa"]
        lines += [mine] if mine.strip() else [
            "# The nbgrader course of class "
            f"{self.id} ({self.name}). Add your own settings anywhere in this file, e.g.",
            late.EXAMPLE,
        ]
        lines += [late.MARKER]
        for section, values in self.config_values().items():
            for key, value in values.items():
                lines.append(f"c.{section}.{key} = {value!r}")
        (self.root / "nbgrader_config.py").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # -- roster ---------------------------------------------------------------------------
    def roster(self) -> dict[str, dict]:
        """student id -> {"id", "name", "email", "language"} (insertion order kept)."""
        data = read_json(self.roster_path, {"students": []})
        return {s["id"]: s for s in data["students"]}

    def student_language(self, student_id: str) -> str:
        student = self.roster().get(student_id) or {}
        return student.get("language") or self.language


@dataclass
class School:
    root: Path
    name: str = ""
    timezone_name: str = "UTC"
    exchange: str = "exchange"
    _classes: dict = field(default_factory=dict, repr=False)

    @property
    def classes_dir(self) -> Path:
        return self.root / "classes"

    @property
    def exchange_root(self) -> Path:
        path = Path(self.exchange)
        return path if path.is_absolute() else self.root / path

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    def published_dir(self, assignment: str) -> Path:
        return self.root / "published" / assignment

    @property
    def tz(self) -> dt.tzinfo:
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.timezone_name)

    # -- loading --------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike | None, create: bool = False) -> "School":
        root = Path(path or os.environ.get("MINICOURSE_SCHOOL") or ".").resolve()
        data = read_json(root / SCHOOL_FILE)
        if data is None:
            if not create:
                raise TeacherError("school_missing", path=str(root))
            root.mkdir(parents=True, exist_ok=True)
            data = {"name": root.name, "timezone": local_timezone_name(), "exchange": "exchange"}
            write_json(root / SCHOOL_FILE, data)
        return cls(root=root, name=data.get("name", root.name),
                   timezone_name=data.get("timezone") or "UTC",
                   exchange=data.get("exchange") or "exchange")

    def save(self) -> None:
        write_json(self.root / SCHOOL_FILE, {"name": self.name, "timezone": self.timezone_name,
                                             "exchange": self.exchange})

    def class_ids(self) -> list[str]:
        if not self.classes_dir.is_dir():
            return []
        return sorted(p.name for p in self.classes_dir.iterdir() if (p / CLASS_FILE).is_file())

    def get_class(self, class_id: str) -> SchoolClass:
        data = read_json(self.classes_dir / class_id / CLASS_FILE) if CLASS_ID.match(class_id) else None
        if data is None:
            raise TeacherError("class_missing", class_id=class_id,
                               known=", ".join(self.class_ids()) or "-")
        return SchoolClass(self, data["id"], data["name"], data["language"], data.get("db_url"),
                           data.get("created"))

    def classes(self, spec: str) -> list[SchoolClass]:
        """'3a', '3a,3b' or 'all'."""
        if spec == "all":
            ids = self.class_ids()
            if not ids:
                raise TeacherError("no_classes")
            return [self.get_class(i) for i in ids]
        return [self.get_class(part.strip()) for part in spec.split(",") if part.strip()]


def local_timezone_name() -> str:
    """The machine's IANA time zone name (for due dates typed without a zone)."""
    tz = os.environ.get("TZ")
    if tz and "/" in tz:
        return tz.lstrip(":")
    try:
        link = os.readlink("/etc/localtime")
        if "zoneinfo/" in link:
            return link.split("zoneinfo/", 1)[1]
    except OSError:
        pass
    try:
        name = Path("/etc/timezone").read_text().strip()
        if name:
            return name
    except OSError:
        pass
    return "UTC"


def parse_when(text: str, tz: dt.tzinfo) -> dt.datetime:
    """A date/time a teacher types ('2025-03-10 18:00', '2025-03-10T18:00+08:00', '2025-03-10')
    in the school's time zone unless it names one; returned as an aware datetime."""
    raw = text.strip().replace("/", "-")
    try:
        ts = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise TeacherError("bad_datetime", value=text) from None
    if len(raw) == 10:  # a bare date means the end of that day
        ts = ts.replace(hour=23, minute=59, second=59)
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=tz)
    return ts
