"""`minicourse feedback`: one HTML page per student, in the student's own language (their
roster language), showing each question's points, what passed, what failed and why.

Never shown: the text of hidden tests (the test cells restored at grading time hold them
between ### BEGIN/END HIDDEN TESTS), messages raised from hidden tests, and any solution
(pages are built from the student's own graded notebook and the gradebook, never from the
source notebook). A submission that could not be graded gets a page that says why.

Pages: <class>/published/<assignment>/feedback/<student>.html. For submissions that came
through the exchange they are also written where nbgrader's release_feedback finds them
(feedback/<student>/<assignment>/<notebook>.html + timestamp.txt + submission_secret.txt),
and `minicourse publish` releases them.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from .common import nbgrader_log, say, t
from .records import FAILED, GRADED, NEEDS_MANUAL, Records
from .school import School, parse_iso

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
HIDDEN = re.compile(r"^[ \t]*#+[ \t]*BEGIN HIDDEN TESTS.*?^[ \t]*#+[ \t]*END HIDDEN TESTS[^\n]*\n?",
                    re.MULTILINE | re.DOTALL)


def add_parser(sub) -> None:
    p = sub.add_parser("feedback", help=t("help_feedback"), description=t("help_feedback"))
    p.add_argument("class_id", metavar="CLASS", help=t("help_arg_classes"))
    p.add_argument("assignment", help=t("help_arg_assignment"))
    p.set_defaults(func=run)


def _st(key: str, lang: str, **params) -> str:
    from .messages import catalogue

    return catalogue.text(key, lang, **params)


def _num(x) -> str:
    if x is None:
        return "–"
    x = float(x)
    return str(int(x)) if x.is_integer() else f"{x:.2f}".rstrip("0").rstrip(".")


def visible_source(source: str) -> tuple[str, bool]:
    """The part of a test cell a student may see, and whether anything was hidden."""
    stripped, n = HIDDEN.subn("", source)
    return stripped.strip(), n > 0 or "BEGIN HIDDEN TESTS" in source


def question_titles(nb) -> dict[str, str]:
    """grade_id -> the heading of the markdown cell that introduces it."""
    titles, heading = {}, None
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "markdown" and not meta.get("solution"):
            first = next((l for l in cell.source.splitlines() if l.strip()), "")
            heading = first.lstrip("#").strip() or heading
        if meta.get("grade_id") and (meta.get("grade") or meta.get("solution")):
            titles[meta["grade_id"]] = heading or meta["grade_id"]
    return titles


def explain_cell(cell, lang: str) -> tuple[str, str]:
    """(short verdict, why) for one executed test cell, never leaking hidden tests."""
    visible, had_hidden = visible_source(cell.source)
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    stderr = [o for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    if errors:
        err = errors[0]
        ename, evalue = err.get("ename", "Error"), str(err.get("evalue", ""))
        if had_hidden and (not evalue or evalue not in visible):
            return ename, _st("fb_hidden_failed", lang, error=ename)
        if had_hidden:
            return ename, f"{ename}: {evalue}"
        trace = "\n".join(ANSI.sub("", line) for line in err.get("traceback", []))
        return ename, trace[-3000:] or f"{ename}: {evalue}"
    if stderr:
        if had_hidden:
            return "stderr", _st("fb_stderr_hidden", lang)
        return "stderr", _st("fb_stderr", lang, text="".join(o.get("text", "") for o in stderr)[-1000:])
    return "", ""


def student_code_errors(nb, titles: dict, lang: str) -> list[str]:
    """Errors raised by the student's own cells (they are the student's code: safe to show)."""
    out = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("solution"):
            continue
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                title = titles.get(meta.get("grade_id"), meta.get("grade_id", ""))
                trace = "\n".join(ANSI.sub("", line) for line in o.get("traceback", []))
                out.append(_st("fb_your_cell_error", lang, question=title) + "\n" + trace[-2000:])
    return out


PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
       max-width: 760px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.5; }}
h1 {{ font-size: 1.4em; margin-bottom: .2em; }}
.meta {{ color: #666; }}
.total {{ font-size: 1.3em; margin: 1em 0; padding: .6em 1em; background: #f3f6fa; border-radius: 8px; }}
.q {{ border: 1px solid #ddd; border-radius: 8px; padding: .6em 1em; margin: .8em 0; }}
.q h2 {{ font-size: 1.05em; margin: 0; display: flex; justify-content: space-between; gap: 1em; }}
.ok {{ border-left: 6px solid #2e9d49; }} .part {{ border-left: 6px solid #e0a800; }}
.bad {{ border-left: 6px solid #d33; }} .wait {{ border-left: 6px solid #888; }}
.verdict {{ font-weight: 600; }}
pre {{ background: #fafafa; border: 1px solid #eee; padding: .6em; overflow-x: auto; white-space: pre-wrap; font-size: .85em; }}
.notice {{ padding: .6em 1em; background: #fff4e5; border-radius: 8px; }}
.fail {{ padding: .6em 1em; background: #fdecea; border-radius: 8px; }}
</style></head><body>
<h1>{title}</h1>
<div class="meta">{meta}</div>
{body}
</body></html>
"""


def render_page(klass, assignment: str, student: dict, entry: dict | None, state: dict | None,
                notebooks: list, gb_row: dict | None, questions: list, lang: str) -> str:
    """The page. notebooks: [(name, executed notebook)] from autograded/."""
    esc = html.escape
    name = student.get("name") or student["id"]
    title = _st("fb_title", lang, assignment=assignment, name=name)
    meta_parts = [esc(klass.name)]
    body = []
    if entry:
        when = parse_iso(entry["received_at"]).astimezone(klass.school.tz).strftime("%Y-%m-%d %H:%M")
        meta_parts.append(esc(_st("fb_submitted_at", lang, when=when)))
        if entry.get("late_seconds", 0) > 0:
            from .common import fmt_seconds

            body.append(f'<p class="notice">{esc(_st("fb_late", lang, late=fmt_seconds(entry["late_seconds"], lang)))}</p>')
    if state and state["status"] == FAILED:
        from .grade import describe_reason

        body.append(f'<p class="fail">{esc(_st("fb_failed", lang, reason=describe_reason(state.get("reason"), lang)))}</p>')
        return PAGE.format(lang=lang, title=esc(title), meta=" · ".join(meta_parts), body="\n".join(body))
    if gb_row:
        total = gb_row["score"]
        body.append(f'<div class="total">{esc(_st("fb_total", lang, score=_num(total), max_score=_num(gb_row["max_score"])))}</div>')
        if gb_row["needs_manual_grade"]:
            body.append(f'<p class="notice">{esc(_st("fb_some_waiting", lang))}</p>')
        if gb_row.get("late_penalty"):
            body.append(f'<p class="notice">{esc(_st("fb_penalty", lang, points=_num(gb_row["late_penalty"])))}</p>')
    cells = {}
    titles = {}
    own_errors = []
    for _, nb in notebooks:
        titles.update(question_titles(nb))
        own_errors.extend(student_code_errors(nb, titles, lang))
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade"):
                cells[meta["grade_id"]] = cell
    grades = (gb_row or {}).get("grades", {})
    for q in questions:
        g = grades.get(q["name"], {})
        score, max_score = g.get("score"), q["max_score"]
        if g.get("needs_manual"):
            score = None  # nbgrader counts a pending manual grade as 0: show "–" instead
        cell = cells.get(q["name"])
        why = ""
        if g.get("needs_manual"):
            css, verdict = "wait", _st("fb_waiting", lang)
        elif q["kind"] == "manual" or (cell is not None and cell.cell_type == "markdown"):
            css = "ok" if score == max_score else ("part" if score else "bad")
            verdict = _st("fb_marked", lang)
        elif score is not None and score >= max_score:
            css, verdict = "ok", _st("fb_passed", lang)
        elif score:
            css, verdict = "part", _st("fb_partly", lang)
            if cell is not None:
                why = explain_cell(cell, lang)[1]
        else:
            css, verdict = "bad", _st("fb_not_passed", lang)
            if cell is not None:
                why = explain_cell(cell, lang)[1] or _st("fb_no_output", lang)
        title_q = titles.get(q["name"], q["name"])
        body.append(
            f'<div class="q {css}"><h2><span>{esc(title_q)}</span><span>{_num(score)} / {_num(max_score)}</span></h2>'
            f'<div class="verdict">{esc(verdict)}</div>' + (f"<pre>{esc(why)}</pre>" if why else "") + "</div>")
    if own_errors:
        body.append(f"<h2>{esc(_st('fb_your_code', lang))}</h2>")
        body.extend(f"<pre>{esc(e)}</pre>" for e in own_errors)
    return PAGE.format(lang=lang, title=esc(title), meta=" · ".join(meta_parts), body="\n".join(body))


def generate(klass, assignment: str) -> dict[str, Path]:
    """Write every student's page; returns student -> page path."""
    import nbformat

    from .gradebook import released_grades

    records, questions, by_student = released_grades(klass, assignment)
    roster = klass.roster()
    newest = records.newest()
    out_dir = klass.published_dir(assignment) / "feedback"
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = {}
    for student_id, entry in sorted(newest.items()):
        state = records.grading(student_id)
        if not state or state["submission"] != entry["id"] or state["status"] not in (GRADED, NEEDS_MANUAL, FAILED):
            continue  # not graded yet: no page rather than a wrong one
        student = roster.get(student_id, {"id": student_id})
        lang = student.get("language") or klass.language
        notebooks = []
        autograded = klass.nbgrader_dir("autograded", student_id, assignment)
        if state["status"] != FAILED:
            for name in records.release["notebooks"]:
                path = autograded / f"{name}.ipynb"
                if path.exists():
                    notebooks.append((name, nbformat.read(path, as_version=4)))
        page = render_page(klass, assignment, student, entry, state, notebooks,
                           by_student.get(student_id), questions, lang)
        target = out_dir / f"{student_id}.html"
        target.write_text(page, encoding="utf-8")
        pages[student_id] = target
        # nbgrader's place, for release through the exchange (needs the submission's secret)
        submitted = klass.nbgrader_dir("submitted", student_id, assignment)
        nbg = klass.nbgrader_dir("feedback", student_id, assignment)
        if (submitted / "submission_secret.txt").exists() and state["status"] != FAILED:
            if nbg.exists():
                shutil.rmtree(nbg)
            nbg.mkdir(parents=True)
            for meta in ("timestamp.txt", "submission_secret.txt"):
                shutil.copyfile(submitted / meta, nbg / meta)
            for name, _ in notebooks:
                (nbg / f"{name}.html").write_text(page, encoding="utf-8")
        elif nbg.exists():
            shutil.rmtree(nbg)  # an older exchange submission's page must not be released
    return pages


def run(args) -> int:
    from .common import class_lock

    school = School.open(args.school)
    for klass in school.classes(args.class_id):
        with class_lock(klass), nbgrader_log(school, "feedback"):
            pages = generate(klass, args.assignment)
        say("feedback_written", class_id=klass.id, count=len(pages),
            path=str(klass.published_dir(args.assignment) / "feedback"))
    return 0
