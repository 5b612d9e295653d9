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
    from .formats import score

    return score(x)


def visible_source(source: str) -> tuple[str, bool]:
    """The part of a test cell a student may see, and whether anything was hidden."""
    stripped, n = HIDDEN.subn("", source)
    return stripped.strip(), n > 0 or "BEGIN HIDDEN TESTS" in source


BUILTIN_ERRORS = {name for name, obj in vars(__import__("builtins")).items()
                  if isinstance(obj, type) and issubclass(obj, BaseException)}
POINTS = re.compile(r"\s*[(（]\s*\d+(\.\d+)?\s*(points?|分|marks?)\s*[)）]\s*$", re.IGNORECASE)


def question_titles(nb) -> dict[str, str]:
    """grade_id -> what the student knows the question by: the heading that introduces the
    answer it checks; for a test cell under a heading of tests only ("## Tests"), the test's
    own first comment line ("# Test 2: '+' adds one to that drink's count")."""
    titles, heading, heading_has_answer = {}, None, False
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type == "markdown" and not meta.get("solution"):
            first = next((l for l in cell.source.splitlines() if l.strip()), "")
            if first.lstrip().startswith("#"):
                heading, heading_has_answer = first.lstrip("#").strip() or heading, False
            continue
        if meta.get("solution"):
            heading_has_answer = True
        if not meta.get("grade_id") or not (meta.get("grade") or meta.get("solution")):
            continue
        title = heading
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution") and not heading_has_answer:
            visible, _ = visible_source(cell.source)
            first = next((l.strip() for l in visible.splitlines() if l.strip()), "")
            if first.startswith("#"):
                title = POINTS.sub("", first.lstrip("#").strip()) or heading
        titles[meta["grade_id"]] = title or meta["grade_id"]
    return titles


def titles_in(klass, assignment: str, notebook: str, lang: str, fallback) -> dict[str, str]:
    """Question titles in the student's language, from the released notebook of that language
    (its headings and the visible first lines of its tests only: never solutions or hidden
    tests), so an English-roster student in a Chinese class reads English titles."""
    import nbformat

    from .records import Records

    source = Records.load(klass, assignment).release.get("source")
    path = Path(source) / f"{notebook}.{lang}.ipynb" if source else None
    if path is not None and path.is_file():
        try:
            return question_titles(nbformat.read(path, as_version=4))
        except Exception:
            pass
    return question_titles(fallback)


def _safe_error_name(ename: str) -> str:
    """A built-in exception's name, else just 'Error': a class name can be built by the
    student's code (from a hidden test's text) and must not be shown."""
    return ename if ename in BUILTIN_ERRORS else "Error"


def hidden_failure_texts(source: str) -> set[str] | None:
    """What a failure inside a test's hidden part may have said (the grader keeps a hidden
    assert's message only when it is fixed text, else puts the catalogue's sentence): that
    sentence in every language and the literal strings written between BEGIN/END HIDDEN TESTS.
    None when the source cannot be read (then any failure of the cell counts as hidden)."""
    import ast

    from .messages import catalogue

    texts = set(catalogue.all_languages("test_hidden_failed").values())
    hidden_lines, inside = set(), False
    for number, line in enumerate(source.splitlines(), start=1):
        if "BEGIN HIDDEN TESTS" in line:
            inside = True
        elif "END HIDDEN TESTS" in line:
            inside = False
        elif inside:
            hidden_lines.add(number)
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.lineno in hidden_lines:
            texts.add(node.value.strip())
    return texts


def own_message(visible: str, evalue: str) -> bool:
    """Is ``evalue`` a message the visible test's own asserts give (their literal words, with any
    values in the {} places)? A message the student's program made (its own exception) is not."""
    import ast

    try:
        tree = ast.parse(visible)
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assert) or node.msg is None:
            continue
        for part in ast.walk(node.msg):
            if isinstance(part, ast.Constant) and isinstance(part.value, str) and part.value.strip() == evalue:
                return True
            if isinstance(part, ast.JoinedStr):
                pattern = "".join(re.escape(v.value) if isinstance(v, ast.Constant) else "(?s:.*)"
                                  for v in part.values)
                if re.fullmatch(pattern.strip(), evalue, re.DOTALL):
                    return True
    return False


def explain_cell(cell, lang: str) -> tuple[str, str]:
    """(short verdict, why) for one executed test cell.

    A failure in a test's hidden part says "a hidden check did not pass" and a built-in error
    name, nothing more: never its message or its code. A failure in the visible part shows the
    message the test gave, exactly as the notebook showed it when the student ran the test
    ("After one Bubble tea, the total should be 12, but it shows: Total: $0"), and the visible
    test. The grader ran the test in its own process, so the message was made there from the
    visible test's own words and plain data of the student's program (nothing of the hidden
    tests is in that process's reach of the student's code)."""
    from .messages import catalogue

    visible, had_hidden = visible_source(cell.source)
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    stderr = [o for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr"]
    if errors:
        err = errors[0]
        ename = _safe_error_name(str(err.get("ename", "Error")))
        evalue = ANSI.sub("", str(err.get("evalue", ""))).strip()
        if had_hidden:
            hidden = hidden_failure_texts(cell.source)
            if hidden is None or evalue in hidden:
                return ename, _st("fb_hidden_failed", lang, error=ename)
        generic = set(catalogue.all_languages("test_failed_no_message").values())
        if evalue and evalue not in generic and (evalue in visible or own_message(visible, evalue)):
            message = evalue if ename == "AssertionError" or evalue.startswith(ename + ":") else f"{ename}: {evalue}"
            return ename, _st("fb_check_message", lang, message=message, test=visible)
        return ename, _st("fb_check_error", lang, error=ename, test=visible)
    if stderr:
        return "stderr", _st("fb_stderr_hidden", lang)
    return "", ""


def student_code_errors(nb, titles: dict, lang: str) -> list[str]:
    """Errors raised by the student's own cells (their answer cells: safe to show to them),
    with the traceback's frames from their own cell only. Its first line is shown whole: when
    graded in the sandbox, it is the error explained in the student's language."""
    out = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("solution") or meta.get("grade"):
            continue
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                title = titles.get(meta.get("grade_id"), meta.get("grade_id", ""))
                lines = [ANSI.sub("", line) for line in o.get("traceback", [])]
                first, rest = (lines[0], "\n".join(lines[1:])) if lines else ("", "")
                out.append("\n".join(part for part in (_st("fb_your_cell_error", lang, question=title),
                                                         first[:1000], rest[-2000:]) if part))
    return out


def _templates():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                       autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def verdict(q: dict, g: dict, cell, lang: str) -> tuple[str, str, str]:
    """(css class, verdict, why) for one question."""
    score, max_score = g.get("score"), q["max_score"]
    auto, manual = g.get("auto"), g.get("manual")
    if g.get("needs_manual"):
        return "wait", _st("fb_waiting", lang), ""
    if q["kind"] == "manual" or (cell is not None and cell.cell_type == "markdown"):
        if manual is None and not score:   # left as released: nbgrader scored it 0, no teacher did
            return "bad", _st("fb_no_answer", lang), ""
        return ("ok" if score == max_score else ("part" if score else "bad")), _st("fb_marked", lang), ""
    if manual is not None and auto is not None and manual != auto:
        # the teacher changed the checks' points in formgrader: say so, not "partly passed"
        checks = _st("fb_passed", lang) if auto >= max_score else (
            _st("fb_partly", lang) if auto else _st("fb_not_passed", lang))
        css = "ok" if score is not None and score >= max_score else ("part" if score else "bad")
        why = explain_cell(cell, lang)[1] if cell is not None and auto < max_score else ""
        return css, checks + " " + _st("fb_teacher_changed", lang, auto=_num(auto), score=_num(manual)), why
    if score is not None and score >= max_score:
        return "ok", _st("fb_passed", lang), ""
    if score:
        return "part", _st("fb_partly", lang), explain_cell(cell, lang)[1] if cell is not None else ""
    why = (explain_cell(cell, lang)[1] if cell is not None else "") or _st("fb_no_output", lang)
    return "bad", _st("fb_not_passed", lang), why


def render_page(klass, assignment: str, student: dict, entry: dict | None, state: dict | None,
                notebooks: list, gb_row: dict | None, questions: list, lang: str,
                titles: dict | None = None) -> str:
    """The page. notebooks: [(name, executed notebook)] from autograded/."""
    from .common import fmt_seconds

    name = student.get("name") or student["id"]
    page = {"lang": lang, "title": _st("fb_title", lang, assignment=assignment, name=name),
            "meta": [klass.name], "notices": [], "failed": "", "total": "", "questions": [],
            "own_errors": [], "comments_heading": _st("fb_teacher_comment", lang),
            "own_heading": _st("fb_your_code", lang)}
    if entry:
        when = parse_iso(entry["received_at"]).astimezone(klass.school.tz).strftime("%Y-%m-%d %H:%M")
        page["meta"].append(_st("fb_submitted_at", lang, when=when))
        from .late import late_seconds

        late_by = late_seconds(klass, assignment, entry)   # after the student's extension
        if late_by > 0:
            page["notices"].append(_st("fb_late", lang, late=fmt_seconds(late_by, lang)))
    if state and state["status"] == FAILED:
        from .grade import describe_reason

        page["failed"] = _st("fb_failed", lang, reason=describe_reason(state.get("reason"), lang))
        return _templates().get_template("feedback.html").render(**page)
    if gb_row:
        page["total"] = _st("fb_total", lang, score=_num(gb_row["score"]), max_score=_num(gb_row["max_score"]))
        if gb_row["needs_manual_grade"]:
            page["notices"].append(_st("fb_some_waiting", lang))
        if gb_row.get("late_penalty"):
            page["notices"].append(_st("fb_penalty", lang, points=_num(gb_row["late_penalty"])))
    cells = {}
    all_titles = dict(titles or {})
    for _, nb in notebooks:
        if titles is None:
            all_titles.update(question_titles(nb))
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade"):
                cells[meta["grade_id"]] = cell
    for _, nb in notebooks:
        page["own_errors"].extend(student_code_errors(nb, all_titles, lang))
    grades = (gb_row or {}).get("grades", {})
    comments = (gb_row or {}).get("comments", {})
    for q in questions:
        g = grades.get(q["name"], {})
        score = None if g.get("needs_manual") else g.get("score")
        css, said, why = verdict(q, g, cells.get(q["name"]), lang)
        page["questions"].append({"css": css, "title": all_titles.get(q["name"], q["name"]),
                                  "points": f"{_num(score)} / {_num(q['max_score'])}", "verdict": said,
                                  "why": why, "comment": comments.get(q["name"], "")})
    # comments on answer cells that carry no points of their own (formgrader lets the teacher
    # comment on every answer): shown under the question they belong to
    # (a comment on an answer cell goes with the first question of the same title)
    shown = {q["name"] for q in questions}
    page["extra_comments"] = []
    for cell_name, comment in comments.items():
        if cell_name in shown:
            continue
        title = all_titles.get(cell_name, cell_name)
        target = next((q for q in page["questions"] if q["title"] == title), None)
        if target is not None:
            target["comment"] = (target["comment"] + "\n" + comment).strip()
        else:
            page["extra_comments"].append((title, comment))
    return _templates().get_template("feedback.html").render(**page)


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
        titles: dict[str, str] = {}
        autograded = klass.nbgrader_dir("autograded", student_id, assignment)
        if state["status"] != FAILED:
            for name in records.release["notebooks"]:
                path = autograded / f"{name}.ipynb"
                if path.exists():
                    nb = nbformat.read(path, as_version=4)
                    notebooks.append((name, nb))
                    titles.update(titles_in(klass, assignment, name, lang, nb))
        page = render_page(klass, assignment, student, entry, state, notebooks,
                           by_student.get(student_id), questions, lang, titles)
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
