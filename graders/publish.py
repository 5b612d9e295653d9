"""`minicourse publish`: what the teacher hands on, per class and for the school.

Per class, in <class>/published/<assignment>/:
  scores.xlsx, scores.csv   one row per student on the roster: per question, total, status
                            (graded, needs manual grading, failed to grade + reason, missing,
                            not graded yet), late; CSV in UTF-8 with BOM and proper quoting so
                            Excel opens Chinese names and names with commas correctly
  report.html               summary, plots (score distribution, pass rate per question),
                            students who need attention, the full table
  feedback/<student>.html   regenerated (manual grades typed in formgrader since are in)
and the school summary across classes in <school>/published/<assignment>/summary.html + .csv.
Feedback of exchange submissions is released through the exchange (nbgrader's
ExchangeReleaseFeedback). Scores are read from the gradebook, so manual grades entered in
nbgrader's formgrader appear here.
"""
from __future__ import annotations

import base64
import csv
import io
import statistics
from pathlib import Path

from .common import fmt_seconds, nbgrader_log, say, speaking, t, teacher_language
from .errors import TeacherError
from . import late
from .formats import percent as fmt_percent, score as fmt_score, score_value
from .records import FAILED, GRADED, MISSING, NEEDS_MANUAL, WAITING, Records
from .school import School, parse_iso

ATTENTION_BELOW = 0.6  # share of the points under which a student needs attention
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets read as a formula (OWASP)


def add_parser(sub) -> None:
    p = sub.add_parser("publish", help=t("help_publish"), description=t("help_publish"))
    p.add_argument("class_id", metavar="CLASS", help=t("help_arg_classes"))
    p.add_argument("assignment", help=t("help_arg_assignment"))
    p.add_argument("--no-release", action="store_true", help=t("help_arg_no_release"))
    p.add_argument("--release-pending", action="store_true", help=t("help_arg_release_pending"))
    p.add_argument("--no-lti", action="store_true", help=t("help_arg_no_lti"))
    p.set_defaults(func=run)


def _num(x):
    return score_value(x)


def class_table(klass, assignment: str) -> tuple[list[dict], list[dict]]:
    """(questions, rows): one row per student on the roster (and any graded student who
    has since left it), with the status that counts."""
    from .gradebook import released_grades

    records, questions, by_student = released_grades(klass, assignment)
    roster = klass.roster()
    newest = records.newest()
    max_total = sum(q["max_score"] for q in questions)
    rows = []
    for sid in list(roster) + sorted(s for s in newest if s not in roster):
        student = roster.get(sid, {"id": sid, "name": "", "language": klass.language})
        entry = newest.get(sid)
        state = records.grading(sid)
        gb_row = by_student.get(sid)
        row = {"id": sid, "name": student.get("name", ""), "other_name": student.get("other_name", ""),
               "email": student.get("email"),
               "language": student.get("language", klass.language), "scores": {}, "total": None,
               "max": max_total, "reason": "", "late_seconds": 0.0, "submitted_at": None,
               "submissions": records.count_for(sid)}
        if entry is None:
            row["status"] = MISSING
        else:
            row["submitted_at"] = parse_iso(entry["received_at"])
            row["late_seconds"] = late.late_seconds(klass, assignment, entry)  # after any extension
            if not state or state["submission"] != entry["id"]:
                row["status"] = WAITING
            elif state["status"] == FAILED:
                from .grade import describe_reason
                row["status"] = FAILED
                row["reason_data"] = state.get("reason")
                row["reason"] = describe_reason(state.get("reason"), teacher_language())
            elif gb_row is None:
                row["status"] = WAITING
            else:
                # the gradebook decides: a manual grade typed in formgrader clears the flag
                row["status"] = NEEDS_MANUAL if gb_row["needs_manual_grade"] else GRADED
                grades = gb_row["grades"]
                # a grade waiting for the teacher is blank, not the 0 nbgrader stores for it
                row["scores"] = {q["name"]: (None if grades.get(q["name"], {}).get("needs_manual")
                                             else grades.get(q["name"], {}).get("score")) for q in questions}
                row["total"] = gb_row["score"]
                row["needs_manual"] = [q["name"] for q in questions
                                       if gb_row["grades"].get(q["name"], {}).get("needs_manual")]
        rows.append(row)
    return questions, rows


def status_text(row, lang=None) -> str:
    text = t("status_" + row["status"])
    if row["late_seconds"] > 0:
        text += " · " + t("status_late")
    return text


def headers(questions) -> list[str]:
    return ([t("col_student_id"), t("col_name"), t("col_other_name")]
            + [f"{q['name']} ({fmt_score(q['max_score'], teacher_language())})" for q in questions]
            + [t("col_total"), t("col_max"), t("col_percent"), t("col_status"), t("col_late"),
               t("col_submitted_at"), t("col_reason"), t("col_submissions")])


def _pct(row):
    return round(100 * row["total"] / row["max"], 1) if row["total"] is not None and row["max"] else None


def row_values(row, questions, tz) -> list:
    """The row as people read it (report, CSV): one number format, durations in words."""
    lang = teacher_language()
    return ([row["id"], row["name"], row["other_name"]]
            + [score_value(row["scores"].get(q["name"])) for q in questions]
            + [score_value(row["total"]), score_value(row["max"]), _pct(row), status_text(row),
               fmt_seconds(row["late_seconds"], lang) if row["late_seconds"] > 0 else "",
               row["submitted_at"].astimezone(tz).strftime("%Y-%m-%d %H:%M") if row["submitted_at"] else "",
               row["reason"], row["submissions"]])


def neutralise(value):
    """A text a spreadsheet would run as a formula (=, +, -, @) is kept as text: CSV cells get
    a leading apostrophe, as OWASP advises; numbers are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def excel_id(sid: str) -> str:
    """Excel turns 00123 into 123 and 20 digits into 2E+19 when it opens a CSV: ="00123" is
    the form it keeps as text (a student number is letters and digits only, never a formula)."""
    if sid.isdigit() and (sid.startswith("0") or len(sid) > 15):
        return f'="{sid}"'
    return neutralise(sid)


def write_csv(path: Path, questions, rows, tz) -> None:
    # utf-8-sig: Excel needs the BOM to read UTF-8; csv quotes names with commas or quotes
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        w.writerow(headers(questions))
        for row in rows:
            values = row_values(row, questions, tz)
            values = [excel_id(values[0])] + [neutralise(v) for v in values[1:]]
            w.writerow(["" if v is None else v for v in values])


FILLS = {GRADED: None, NEEDS_MANUAL: "FFF2CC", FAILED: "F8CBAD", MISSING: "D9D9D9", WAITING: "DDEBF7"}


def _text_cell(cell, value) -> None:
    """Text, never a formula, whatever it starts with (openpyxl reads '=...' as one)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        cell.number_format = "@"


def write_xlsx(path: Path, klass, assignment, questions, rows, tz) -> None:
    """Numbers as numbers, the time handed in as a date-time, lateness as a duration; every
    text cell written as text (a name starting with '=' is not a formula)."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = assignment[:31]
    for col, h in enumerate(headers(questions), 1):
        _text_cell(ws.cell(1, col), h)
        ws.cell(1, col).font = Font(bold=True)
    n = len(questions)
    late_col, when_col, status_col = 3 + n + 5, 3 + n + 6, 3 + n + 4
    for r, row in enumerate(rows, 2):
        values = row_values(row, questions, tz)
        for col, value in enumerate(values, 1):
            cell = ws.cell(r, col)
            if col == late_col:
                if row["late_seconds"] > 0:
                    cell.value = dt.timedelta(seconds=round(row["late_seconds"]))
                    cell.number_format = "[h]:mm"
            elif col == when_col:
                if row["submitted_at"]:
                    cell.value = row["submitted_at"].astimezone(tz).replace(tzinfo=None, microsecond=0)
                    cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, str):
                _text_cell(cell, value)
            else:
                cell.value = value
        fill = FILLS.get(row["status"])
        if fill:
            ws.cell(r, status_col).fill = PatternFill("solid", fgColor=fill)
    ws.freeze_panes = "D2"
    for i, width in enumerate([12, 14, 16] + [12] * n + [8, 8, 8, 22, 10, 17, 40, 8], 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    info = wb.create_sheet(t("col_about")[:31])
    for values in ([t("col_class"), f"{klass.id} {klass.name}"], [t("col_assignment"), assignment],
                   *([q["name"], q["notebook"], score_value(q["max_score"]), t("kind_" + q["kind"])]
                     for q in questions)):
        info.append([None] * len(values))
        for col, v in enumerate(values, 1):
            if isinstance(v, str):
                _text_cell(info.cell(info.max_row, col), v)
            else:
                info.cell(info.max_row, col).value = v
    wb.save(path)


# -- plots and the HTML report -------------------------------------------------------------
CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans CJK TC", "Source Han Sans SC",
             "PingFang SC", "Microsoft YaHei", "DejaVu Sans"]


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def final(rows) -> list[dict]:
    """Rows whose total is final: graded, nothing waiting for the teacher. A pending manual
    question is not a 0, so those students are left out of means, medians and plots."""
    return [r for r in rows if r["status"] == GRADED and r["total"] is not None and r["max"]]


def plots(questions, rows) -> dict[str, str]:
    """The score distribution and each question's full-marks rate, labelled in the class's
    language (a CJK font where the labels need one)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = {}
    with matplotlib.rc_context({"font.sans-serif": CJK_FONTS, "font.family": "sans-serif",
                                "axes.unicode_minus": False}):
        fig, ax = plt.subplots(figsize=(6, 2.8))
        pcts = [100 * r["total"] / r["max"] for r in final(rows)]
        ax.hist(pcts, bins=range(0, 110, 10), color="#4a7bd0", edgecolor="white")
        ax.set_xlabel(t("plot_percent_of_points"))
        ax.set_ylabel(t("plot_students"))
        ax.set_xlim(0, 100)
        if not pcts:  # nobody's total is final yet: an empty chart from 0, not around 0
            ax.set_ylim(0, 1)
        ax.yaxis.get_major_locator().set_params(integer=True)
        out["distribution"] = _png(fig)
        fig, ax = plt.subplots(figsize=(6, 0.5 + 0.45 * max(1, len(questions))))
        names = [q["name"] for q in questions][::-1]
        rates = []
        for q in questions[::-1]:
            vals = [r["scores"].get(q["name"]) for r in rows if r["scores"].get(q["name"]) is not None]
            rates.append(100 * sum(1 for v in vals if v >= q["max_score"]) / len(vals) if vals else 0)
        ax.barh(names, rates, color="#2e9d49")
        ax.set_xlim(0, 100)
        ax.set_xlabel(t("plot_full_marks"))
        lang = teacher_language()
        for y, v in enumerate(rates):
            ax.text(min(v + 1, 90), y, fmt_percent(v, 100, lang), va="center", fontsize=8)
        out["pass_rate"] = _png(fig)
    return out


def attention(rows) -> list[tuple[dict, str]]:
    out = []
    for r in rows:
        why = []
        if r["status"] == FAILED:
            why.append(t("attn_failed", reason=r["reason"]))
        elif r["status"] == MISSING:
            why.append(t("attn_missing"))
        elif r["status"] == NEEDS_MANUAL:
            why.append(t("attn_manual", questions=t("sep_items").join(r.get("needs_manual", []))))
        elif r["status"] == WAITING:
            why.append(t("attn_waiting"))
        if r["status"] == GRADED and r["total"] is not None and r["max"] and r["total"] / r["max"] < ATTENTION_BELOW:
            why.append(t("attn_low", percent=fmt_percent(r["total"], r["max"], teacher_language())))
        if r["late_seconds"] > 0:
            why.append(t("attn_late", late=fmt_seconds(r["late_seconds"])))
        if why:
            out.append((r, t("sep_reasons").join(why)))
    return out


def summary(rows) -> dict:
    scored = [100 * r["total"] / r["max"] for r in final(rows)]
    count = lambda s: sum(1 for r in rows if r["status"] == s)
    return {"students": len(rows), "handed_in": sum(1 for r in rows if r["status"] != MISSING),
            "graded": count(GRADED), "manual": count(NEEDS_MANUAL), "failed": count(FAILED),
            "missing": count(MISSING), "waiting": count(WAITING),
            "late": sum(1 for r in rows if r["late_seconds"] > 0),
            "mean": round(statistics.mean(scored), 1) if scored else None,
            "median": round(statistics.median(scored), 1) if scored else None}


TILES = [("students", "tile_students"), ("handed_in", "tile_handed_in"), ("graded", "tile_graded"),
         ("manual", "tile_manual"), ("failed", "tile_failed"), ("missing", "tile_missing"),
         ("late", "tile_late"), ("mean", "tile_mean"), ("median", "tile_median")]


def _templates():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                       autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def write_report(path: Path, klass, assignment, questions, rows, tz, stats=None) -> None:
    lang = teacher_language()
    s = summary(rows)
    tiles = [(fmt_percent(s[k], 100, lang) if k in ("mean", "median") and s[k] is not None
              else ("–" if s[k] is None else s[k]), t(label)) for k, label in TILES]
    table = []
    for r in rows:
        v = row_values(r, questions, tz)
        n = len(questions)
        table.append({"status": r["status"], "id": v[0], "name": v[1], "other_name": v[2],
                      "scores": [fmt_score(x, lang) if x is not None else "" for x in v[3:3 + n]],
                      "total": fmt_score(r["total"], lang) if r["total"] is not None else "",
                      "percent": fmt_percent(r["total"], r["max"], lang) if r["total"] is not None else "",
                      "status_text": v[3 + n + 3], "late": v[3 + n + 4], "when": v[3 + n + 5],
                      "reason": v[3 + n + 6], "submissions": v[3 + n + 7]})
    doc = _templates().get_template("report.html").render(
        lang=lang, t=t, title=t("report_title", assignment=assignment, name=klass.name),
        tiles=tiles, attention=attention(rows), pics=plots(questions, rows), questions=questions,
        max_total=fmt_score(sum(q["max_score"] for q in questions), lang),
        q_max=[fmt_score(q["max_score"], lang) for q in questions], table=table, stats=stats or [])
    path.write_text(doc, encoding="utf-8")


def write_school_summary(school: School, assignment: str) -> Path | None:
    """One line per class that received the assignment; links relative to the summary, so the
    folder can be copied to a share or a web server."""
    import os

    lines = []
    for class_id in school.class_ids():
        klass = school.get_class(class_id)
        if not Records.load(klass, assignment).release:
            continue
        _, rows = class_table(klass, assignment)
        lines.append((klass, summary(rows)))
    if not lines:
        return None
    out = school.published_dir(assignment)
    out.mkdir(parents=True, exist_ok=True)
    cols = ["students", "handed_in", "graded", "manual", "failed", "missing", "late", "mean", "median"]
    labels = [t("col_class"), t("col_name")] + [t("tile_" + c) for c in cols]
    with open(out / "summary.csv", "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(labels)
        for klass, s in lines:
            w.writerow([neutralise(klass.id), neutralise(klass.name)] + ["" if s[c] is None else s[c] for c in cols])
    links = [(os.path.relpath(k.published_dir(assignment) / "report.html", out).replace(os.sep, "/"), k, s)
             for k, s in lines]
    doc = _templates().get_template("summary.html").render(
        lang=teacher_language(), t=t, title=t("summary_title", assignment=assignment), labels=labels,
        cols=cols, lines=links)
    (out / "summary.html").write_text(doc, encoding="utf-8")
    return out / "summary.html"


def release_feedback(klass, assignment: str, students: list[str]) -> int:
    """nbgrader's ExchangeReleaseFeedback for the pages placed in feedback/ of ``students``."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.abc import ExchangeError
    from nbgrader.exchange.default import ExchangeReleaseFeedback

    students = [sid for sid in students if list(klass.root.glob(f"feedback/{sid}/{assignment}/*.html"))]
    if not students:
        return 0
    config = klass.nbgrader_config()
    import os

    old = os.getcwd()
    os.chdir(klass.root)
    try:
        for sid in students:
            coursedir = CourseDirectory(config=config)
            coursedir.assignment_id = assignment
            coursedir.student_id = sid
            app = ExchangeReleaseFeedback(coursedir=coursedir, authenticator=Authenticator(config=config),
                                          config=config)
            app.start()
    except ExchangeError as exc:
        raise TeacherError("exchange_failed", reason=str(exc)[:300]) from None
    finally:
        os.chdir(old)
    return len(students)


def publish(klass, assignment: str, release: bool = True, release_pending: bool = False) -> dict:
    """Everything in the class's language, whoever runs the command. Feedback is released to
    students whose grading is finished; while a manual grade is pending, only with
    ``release_pending``."""
    from . import feedback
    from .exports import write_exports
    from .question_stats import question_stats

    pages = feedback.generate(klass, assignment)
    with speaking(klass.language):
        questions, rows = class_table(klass, assignment)
        out = klass.published_dir(assignment)
        out.mkdir(parents=True, exist_ok=True)
        tz = klass.school.tz
        notebooks = Records.load(klass, assignment).release["notebooks"]
        stats = question_stats(klass, assignment, questions, rows, notebooks,
                               lambda x: fmt_score(x, klass.language))
        write_csv(out / "scores.csv", questions, rows, tz)
        write_xlsx(out / "scores.xlsx", klass, assignment, questions, rows, tz)
        write_report(out / "report.html", klass, assignment, questions, rows, tz, stats)
        write_exports(out / "exports", klass, assignment, rows, sum(q["max_score"] for q in questions))
    ready = [r["id"] for r in rows if r["status"] == GRADED or (release_pending and r["status"] == NEEDS_MANUAL)]
    held = [r["id"] for r in rows if r["status"] == NEEDS_MANUAL and r["id"] not in ready]
    released = release_feedback(klass, assignment, ready) if release else 0
    return {"folder": out, "rows": rows, "questions": questions, "feedback": len(pages),
            "released": released, "held": held, "summary": summary(rows)}


def run(args) -> int:
    from .common import class_lock

    school = School.open(args.school)
    code = 0
    for klass in school.classes(args.class_id):
        with class_lock(klass), nbgrader_log(school, "publish"):
            out = publish(klass, args.assignment, release=not args.no_release,
                          release_pending=args.release_pending)
        s = out["summary"]
        say("published", class_id=klass.id, folder=str(out["folder"]), graded=s["graded"],
            manual=s["manual"], failed=s["failed"], missing=s["missing"], released=out["released"])
        if out["held"] and not args.no_release:
            say("feedback_held", count=len(out["held"]), students=", ".join(out["held"]))
        if not args.no_lti:
            code = max(code, send_to_platform(klass, args.assignment))
    path = write_school_summary(school, args.assignment)
    if path:
        say("school_summary_written", path=str(path))
    return code


def send_to_platform(klass, assignment: str) -> int:
    """For a class linked to the school's LTI platform (graders/lti.py): the published scores
    to its gradebook too. Exit code: 0, or 1 when a score could not be sent."""
    from .lti import LTIStore

    if not LTIStore(klass.school).is_linked(klass.id):
        return 0
    from .lti_scores import send_scores

    try:
        report = send_scores(klass, assignment)
    except TeacherError as exc:
        say("lti_publish_not_sent", class_id=klass.id, reason=exc.message(teacher_language()))
        return 1
    for line in report.lines():
        print(line)
    return 1 if report.failed else 0
