"""Late work: the class's late policy and per-student extensions, applied by nbgrader's own
AssignLatePenalties in grade's save step (the gradebook's late_submission_penalty).

Where the policy comes from, first found wins:
1. `minicourse grade CLASS A --late-policy ...` (kept in <class>/late.json for later runs,
   formgrader and `nbgrader autograde` alike, since it is written into nbgrader_config.py);
2. the teacher's own lines in the class's nbgrader_config.py (above minicourse's block), e.g.
   `c.LateSubmissionPlugin.penalty_method = "zero"` or `c.AssignLatePenalties.plugin_class = ...`;
3. none: late work is marked late, not penalised.

Policies: `none`, `zero` (nbgrader's LateSubmissionPlugin), `per-hour:P` (P points for every
started hour late), `percent-per-day:N` (N % of the score for every started day), both at most
the score. Extensions (`--extend S002=2d`) are nbgrader's Submission.extension: the gradebook
counts lateness from the due date plus the extension.
"""
from __future__ import annotations

import datetime as dt
import json
import re

from .errors import TeacherError

POLICY = re.compile(r"^(none|zero|per-hour:(?P<points>\d+(\.\d+)?)|percent-per-day:(?P<percent>\d+(\.\d+)?))$")
DURATION = re.compile(r"^(?P<n>\d+(\.\d+)?)\s*(?P<unit>[mhd])$")
EXAMPLE = "# c.LateSubmissionPlugin.penalty_method = 'zero'"
MARKER = "# --- minicourse writes the lines below (your own lines anywhere in this file are kept) ---"


def _path(klass):
    return klass.root / "late.json"


def load(klass) -> dict:
    try:
        return json.loads(_path(klass).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save(klass, data: dict) -> None:
    from .school import write_json

    write_json(_path(klass), data)


def parse_policy(text: str) -> str:
    if not POLICY.match(text.strip()):
        raise TeacherError("late_policy_invalid", value=text)
    return text.strip()


def parse_extension(text: str) -> tuple[str, float]:
    student, _, length = text.partition("=")
    m = DURATION.match(length.strip())
    if not student or not m:
        raise TeacherError("late_extension_invalid", value=text)
    return student.strip(), float(m["n"]) * {"m": 60, "h": 3600, "d": 86400}[m["unit"]]


def config_values(klass) -> dict:
    """nbgrader configuration for the stored policy ({} when none was set with --late-policy)."""
    policy = load(klass).get("policy")
    if not policy:
        return {}
    return _policy_values(policy, POLICY.match(policy))


def _policy_values(policy: str, m) -> dict:
    if policy in ("none", "zero"):
        return {"AssignLatePenalties": {"plugin_class": "nbgrader.plugins.LateSubmissionPlugin"},
                "LateSubmissionPlugin": {"penalty_method": policy}}
    if m["points"]:
        return {"AssignLatePenalties": {"plugin_class": "graders.late_plugins.PerHourPenalty"},
                "PerHourPenalty": {"points_per_hour": float(m["points"])}}
    return {"AssignLatePenalties": {"plugin_class": "graders.late_plugins.PercentPerDayPenalty"},
            "PercentPerDayPenalty": {"percent_per_day": float(m["percent"])}}


def teacher_lines(klass) -> str:
    """What the teacher wrote in nbgrader_config.py, wherever in the file (a teacher appends
    at the end): every line except the ones minicourse writes itself."""
    path = klass.root / "nbgrader_config.py"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ""
    ours = {f"c.{section}.{key} =" for section, values in klass.config_values().items() for key in values}
    if load(klass).get("policy"):  # a stored --late-policy replaces any earlier one of ours
        ours |= {f"c.{section}.{key} =" for section, values in config_values_for_all() for key in values}
    from .release import our_stub_lines

    ours_exactly = our_stub_lines()   # a stub line the teacher wrote is theirs (teacher_stub_keys)
    keep = []
    for line in text.splitlines(keepends=True):
        bare = line.strip()
        if (bare == MARKER or bare in ours_exactly or bare.startswith("c = get_config()") or bare.startswith("# Written by minicourse")
                or bare.startswith("# The nbgrader course of class") or bare == EXAMPLE
                or any(bare.startswith(prefix) for prefix in ours)):
            continue
        keep.append(line)
    return "".join(keep)


def config_values_for_all():
    """Every setting a --late-policy can write (so an old one is replaced, not kept)."""
    for policy in ("zero", "per-hour:1", "percent-per-day:1"):
        m = POLICY.match(policy)
        yield from _policy_values(policy, m).items()


def teacher_config(klass):
    """The teacher's lines of nbgrader_config.py as a traitlets Config (empty if none)."""
    from traitlets.config import Config

    text = teacher_lines(klass)
    if "c." not in text:
        return Config()
    cfg = Config()
    namespace = {"c": cfg, "get_config": lambda: cfg}
    try:
        exec(compile(text, str(klass.root / "nbgrader_config.py"), "exec"), namespace)
    except Exception as exc:
        raise TeacherError("nbgrader_config_broken", path=str(klass.root / "nbgrader_config.py"),
                           reason=f"{type(exc).__name__}: {exc}"[:200]) from None
    return cfg


def extension_seconds(klass, assignment: str, student: str, stored: dict | None = None) -> float:
    """``stored``: late.json as load() read it, for a caller asking for many students."""
    stored = load(klass) if stored is None else stored
    return float(stored.get("extensions", {}).get(assignment, {}).get(student, 0))


def submission_fields(klass, assignment: str, student: str, stored: dict | None = None) -> dict:
    """Extra fields for nbgrader's update_or_create_submission: the student's extension."""
    seconds = extension_seconds(klass, assignment, student, stored)
    return {"extension": dt.timedelta(seconds=seconds) if seconds else None}


def seconds_late(due, received, extension: float = 0.0) -> float:
    """How late work handed in at ``received`` is: after the due date plus the extension, as
    nbgrader's gradebook counts it (SubmittedAssignment.total_seconds_late)."""
    if due is None or received is None:
        return 0.0
    return max(0.0, (received - (due + dt.timedelta(seconds=extension))).total_seconds())


def late_seconds(klass, assignment: str, entry: dict, due=None) -> float:
    """How late a collected submission counts, after the student's extension: the one answer
    to "is this late, by how much" for collect, feedback, publish and the grade's late policy
    (nbgrader gets the same due date, time and extension). From the entry's time and the
    assignment's due date, so an extension given after collect counts too."""
    from .school import parse_iso

    if due is None:
        from .records import Records

        due = Records.load(klass, assignment).due()
    received = parse_iso(entry["received_at"]) if entry.get("received_at") else None
    return seconds_late(due, received, extension_seconds(klass, assignment, entry["student"]))


def add_extend_argument(p) -> None:
    from .common import t

    p.add_argument("--extend", metavar="STUDENT=TIME", action="append", default=[],
                   help=t("help_arg_extend"))


def add_arguments(p) -> None:
    from .common import t

    p.add_argument("--late-policy", metavar="POLICY", help=t("help_arg_late_policy"))
    add_extend_argument(p)


def apply_arguments(klass, assignment: str, args) -> None:
    """Store --late-policy and --extend for the class before grading, and rewrite the class's
    nbgrader_config.py so nbgrader and formgrader see the same policy."""
    if not (getattr(args, "late_policy", None) or getattr(args, "extend", None)):
        return
    data = load(klass)
    if getattr(args, "late_policy", None):
        data["policy"] = parse_policy(args.late_policy)
    for text in getattr(args, "extend", None) or []:
        student, seconds = parse_extension(text)
        if student not in klass.roster():
            raise TeacherError("late_extension_unknown", student_id=student, class_id=klass.id)
        data.setdefault("extensions", {}).setdefault(assignment, {})[student] = seconds
    save(klass, data)
    klass.write_nbgrader_config_file()
