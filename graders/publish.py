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
import html
import io
import statistics
from pathlib import Path

from .common import fmt_seconds, nbgrader_log, say, t
from .errors import TeacherError
from .records import FAILED, GRADED, MISSING, NEEDS_MANUAL, WAITING, Records
from .school import School, parse_iso

ATTENTION_BELOW = 0.6  # share of the points under which a student needs attention


def add_parser(sub) -> None:
    p = sub.add_parser("publish", help=t("help_publish"), description=t("help_publish"))
    p.add_argument("class_id", metavar="CLASS", help=t("help_arg_classes"))
    p.add_argument("assignment", help=t("help_arg_assignment"))
    p.add_argument("--no-release", action="store_true", help=t("help_arg_no_release"))
    p.set_defaults(func=run)


def _num(x):
    if x is None:
        return None
    x = round(float(x), 2)
    return int(x) if x.is_integer() else x


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
               "language": student.get("language", klass.language), "scores": {}, "total": None,
               "max": max_total, "reason": "", "late_seconds": 0.0, "submitted_at": None,
               "submissions": records.count_for(sid)}
        if entry is None:
            row["status"] = MISSING
        else:
            row["submitted_at"] = parse_iso(entry["received_at"])
            row["late_seconds"] = float(entry.get("late_seconds") or 0)
            if not state or state["submission"] != entry["id"]:
                row["status"] = WAITING
            elif state["status"] == FAILED:
                from .grade import describe_reason
                from .common import teacher_language

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
            + [f"{q['name']} ({_num(q['max_score'])})" for q in questions]
            + [t("col_total"), t("col_max"), t("col_percent"), t("col_status"), t("col_late"),
               t("col_submitted_at"), t("col_reason"), t("col_submissions"), "status_code"])


def row_values(row, questions, tz) -> list:
    pct = round(100 * row["total"] / row["max"], 1) if row["total"] is not None and row["max"] else None
    return ([row["id"], row["name"], row["other_name"]]
            + [_num(row["scores"].get(q["name"])) for q in questions]
            + [_num(row["total"]), _num(row["max"]), pct, status_text(row),
               fmt_seconds(row["late_seconds"]) if row["late_seconds"] > 0 else "",
               row["submitted_at"].astimezone(tz).strftime("%Y-%m-%d %H:%M") if row["submitted_at"] else "",
               row["reason"], row["submissions"], row["status"]])


def write_csv(path: Path, questions, rows, tz) -> None:
    # utf-8-sig: Excel needs the BOM to read UTF-8; csv quotes names with commas or quotes
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        w.writerow(headers(questions))
        for row in rows:
            w.writerow(["" if v is None else v for v in row_values(row, questions, tz)])


FILLS = {GRADED: None, NEEDS_MANUAL: "FFF2CC", FAILED: "F8CBAD", MISSING: "D9D9D9", WAITING: "DDEBF7"}


def write_xlsx(path: Path, klass, assignment, questions, rows, tz) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = assignment[:31]
    ws.append(headers(questions))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    status_col = 3 + len(questions) + 4
    for row in rows:
        ws.append(row_values(row, questions, tz))
        fill = FILLS.get(row["status"])
        if fill:
            ws.cell(ws.max_row, status_col).fill = PatternFill("solid", fgColor=fill)
    ws.freeze_panes = "D2"
    for i, width in enumerate([12, 14, 16] + [12] * len(questions) + [8, 8, 8, 22, 10, 17, 40, 8, 18], 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    info = wb.create_sheet(t("col_about")[:31])
    info.append([t("col_class"), f"{klass.id} {klass.name}"])
    info.append([t("col_assignment"), assignment])
    for q in questions:
        info.append([q["name"], q["notebook"], q["max_score"], q["kind"]])
    wb.save(path)


# -- plots and the HTML report -------------------------------------------------------------
def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def plots(questions, rows) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # labels in plots stay ASCII (question ids, numbers): no CJK font needed on the server
    scored = [r for r in rows if r["total"] is not None and r["max"]]
    out = {}
    fig, ax = plt.subplots(figsize=(6, 2.8))
    pcts = [100 * r["total"] / r["max"] for r in scored]
    ax.hist(pcts, bins=range(0, 110, 10), color="#4a7bd0", edgecolor="white")
    ax.set_xlabel("% of points")
    ax.set_ylabel("students")
    ax.set_xlim(0, 100)
    ax.yaxis.get_major_locator().set_params(integer=True)
    out["distribution"] = _png(fig)
    fig, ax = plt.subplots(figsize=(6, 0.5 + 0.45 * max(1, len(questions))))
    names = [q["name"] for q in questions][::-1]
    rates = []
    for q in questions[::-1]:
        vals = [r["scores"].get(q["name"]) for r in scored if r["scores"].get(q["name"]) is not None]
        rates.append(100 * sum(1 for v in vals if v >= q["max_score"]) / len(vals) if vals else 0)
    ax.barh(names, rates, color="#2e9d49")
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of graded students with full marks")
    for y, v in enumerate(rates):
        ax.text(min(v + 1, 92), y, f"{v:.0f}%", va="center", fontsize=8)
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
            why.append(t("attn_manual", questions=", ".join(r.get("needs_manual", []))))
        elif r["status"] == WAITING:
            why.append(t("attn_waiting"))
        if r["total"] is not None and r["max"] and r["total"] / r["max"] < ATTENTION_BELOW:
            why.append(t("attn_low", percent=f"{100 * r['total'] / r['max']:.0f}"))
        if r["late_seconds"] > 0:
            why.append(t("attn_late", late=fmt_seconds(r["late_seconds"])))
        if why:
            out.append((r, "; ".join(why)))
    return out


def summary(rows) -> dict:
    scored = [100 * r["total"] / r["max"] for r in rows if r["total"] is not None and r["max"]]
    count = lambda s: sum(1 for r in rows if r["status"] == s)
    return {"students": len(rows), "handed_in": sum(1 for r in rows if r["status"] != MISSING),
            "graded": count(GRADED), "manual": count(NEEDS_MANUAL), "failed": count(FAILED),
            "missing": count(MISSING), "waiting": count(WAITING),
            "late": sum(1 for r in rows if r["late_seconds"] > 0),
            "mean": round(statistics.mean(scored), 1) if scored else None,
            "median": round(statistics.median(scored), 1) if scored else None}


CSS = """body{font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:.9em;margin:.5em 0}td,th{border:1px solid #ddd;padding:.3em .6em;text-align:left}
th{background:#f3f6fa}.tiles{display:flex;flex-wrap:wrap;gap:.6em}.tile{background:#f3f6fa;border-radius:8px;padding:.5em 1em}
.tile b{display:block;font-size:1.4em}.failed_to_grade{background:#fbe3dc}.needs_manual_grading{background:#fff2cc}
.missing{background:#eee}.not_graded_yet{background:#ddebf7}img{max-width:100%}"""


def _tiles(s: dict) -> str:
    keys = [("students", "tile_students"), ("handed_in", "tile_handed_in"), ("graded", "tile_graded"),
            ("manual", "tile_manual"), ("failed", "tile_failed"), ("missing", "tile_missing"),
            ("late", "tile_late"), ("mean", "tile_mean"), ("median", "tile_median")]
    return '<div class="tiles">' + "".join(
        f'<div class="tile"><b>{"–" if s[k] is None else s[k]}</b>{html.escape(t(label))}</div>'
        for k, label in keys) + "</div>"


def write_report(path: Path, klass, assignment, questions, rows, tz) -> None:
    esc = html.escape
    pics = plots(questions, rows)
    s = summary(rows)
    att = attention(rows)
    head = headers(questions)[:-1]
    table_rows = "".join(
        f'<tr class="{r["status"]}">' + "".join(f"<td>{esc('' if v is None else str(v))}</td>"
                                                 for v in row_values(r, questions, tz)[:-1]) + "</tr>"
        for r in rows)
    att_rows = "".join(f"<tr class=\"{r['status']}\"><td>{esc(r['id'])}</td><td>{esc(r['name'])}</td>"
                       f"<td>{esc(why)}</td></tr>" for r, why in att) or f"<tr><td colspan=3>{esc(t('attn_none'))}</td></tr>"
    doc = f"""<!DOCTYPE html><html lang="{esc(klass.language)}"><head><meta charset="utf-8">
<title>{esc(t('report_title', assignment=assignment, name=klass.name))}</title><style>{CSS}</style></head><body>
<h1>{esc(t('report_title', assignment=assignment, name=klass.name))}</h1>
{_tiles(s)}
<h2>{esc(t('report_attention'))}</h2>
<table><tr><th>{esc(t('col_student_id'))}</th><th>{esc(t('col_name'))}</th><th>{esc(t('col_why'))}</th></tr>{att_rows}</table>
<h2>{esc(t('report_distribution'))}</h2><img alt="score distribution" src="{pics['distribution']}">
<h2>{esc(t('report_pass_rate'))}</h2><img alt="pass rate per question" src="{pics['pass_rate']}">
<h2>{esc(t('report_all'))}</h2>
<table><tr>{''.join(f'<th>{esc(h)}</th>' for h in head)}</tr>{table_rows}</table>
<p>{esc(t('report_footer'))}</p>
</body></html>"""
    path.write_text(doc, encoding="utf-8")


def write_school_summary(school: School, assignment: str) -> Path | None:
    """One line per class that received the assignment."""
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
            w.writerow([klass.id, klass.name] + ["" if s[c] is None else s[c] for c in cols])
    esc = html.escape
    body = "".join(f"<tr><td>{esc(k.id)}</td><td>{esc(k.name)}</td>" +
                   "".join(f"<td>{'–' if s[c] is None else s[c]}</td>" for c in cols) + "</tr>"
                   for k, s in lines)
    links = "".join(f'<li><a href="{esc(str(k.published_dir(assignment) / "report.html"))}">{esc(k.id)} {esc(k.name)}</a></li>'
                    for k, _ in lines)
    doc = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(t('summary_title', assignment=assignment))}</title>
<style>{CSS}</style></head><body><h1>{esc(t('summary_title', assignment=assignment))}</h1>
<table><tr>{''.join(f'<th>{esc(l)}</th>' for l in labels)}</tr>{body}</table>
<h2>{esc(t('summary_reports'))}</h2><ul>{links}</ul></body></html>"""
    (out / "summary.html").write_text(doc, encoding="utf-8")
    return out / "summary.html"


def release_feedback(klass, assignment: str) -> int:
    """nbgrader's ExchangeReleaseFeedback for every page placed in feedback/ (exchange only)."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.abc import ExchangeError
    from nbgrader.exchange.default import ExchangeReleaseFeedback

    pages = list(klass.root.glob(f"feedback/*/{assignment}/*.html"))
    if not pages:
        return 0
    config = klass.nbgrader_config()
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = assignment
    import os

    old = os.getcwd()
    os.chdir(klass.root)
    try:
        app = ExchangeReleaseFeedback(coursedir=coursedir, authenticator=Authenticator(config=config),
                                      config=config)
        app.start()
    except ExchangeError as exc:
        raise TeacherError("exchange_failed", reason=str(exc)[:300]) from None
    finally:
        os.chdir(old)
    return len({p.parent.parent.name for p in pages})


def publish(klass, assignment: str, release: bool = True) -> dict:
    from . import feedback

    pages = feedback.generate(klass, assignment)
    questions, rows = class_table(klass, assignment)
    out = klass.published_dir(assignment)
    out.mkdir(parents=True, exist_ok=True)
    tz = klass.school.tz
    write_csv(out / "scores.csv", questions, rows, tz)
    write_xlsx(out / "scores.xlsx", klass, assignment, questions, rows, tz)
    write_report(out / "report.html", klass, assignment, questions, rows, tz)
    released = release_feedback(klass, assignment) if release else 0
    return {"folder": out, "rows": rows, "questions": questions, "feedback": len(pages),
            "released": released, "summary": summary(rows)}


def run(args) -> int:
    from .common import class_lock

    school = School.open(args.school)
    for klass in school.classes(args.class_id):
        with class_lock(klass), nbgrader_log(school, "publish"):
            out = publish(klass, args.assignment, release=not args.no_release)
        s = out["summary"]
        say("published", class_id=klass.id, folder=str(out["folder"]), graded=s["graded"],
            manual=s["manual"], failed=s["failed"], missing=s["missing"], released=out["released"])
    path = write_school_summary(school, args.assignment)
    if path:
        say("school_summary_written", path=str(path))
    return 0
