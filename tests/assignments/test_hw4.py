"""Homework 4 (assignments/hw4, on lessons 10-13): real nbgrader, start to finish.

As for hw1 (tests/assignments/test_hw1.py): each language variant is copied into a temporary
course, ``nbgrader generate_assignment`` makes the student version, and ``nbgrader autograde``
grades submissions built from that student version:

* the model solution: full marks, the written answer left for the teacher;
* the nbgrader habit: the student version with each ``raise NotImplementedError()`` (and its
  comment, ``# YOUR CODE HERE``) replaced by the right code, in place: full marks too;
* three typical mistakes, each losing exactly the points of the behaviour it gets wrong;
* the untouched student version: zero, without crashing the notebook.

The expected scores are the homework's contract: change them together with the points in
``assignments/hw4.source.md``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

import homework
from homework import cell_by_id

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
HW = REPO / "assignments" / "hw4"
NOTEBOOK = "canteen"
LANGUAGES = ("en", "zh-Hans", "zh-Hant")
SOLUTION_CELLS = ("dish_card", "canteen_backend", "lunch_page")

POINTS = {"card_event": 2, "login_token": 2, "server_amount": 3, "paid_by_notice": 2,
          "cloud_history": 3}
MANUAL = {"explain_trust": 2}

# Typical mistakes: (replace this, with that) in the model solution's cells.
MISTAKES = {
    # uses the total the phone sends: a phone can pay 1 fen
    "trusts_phone_total": [
        ('    total = MENU[index]["price"]\n', '    total = request.json["total"]\n'),
    ],
    # marks the order paid as soon as it is made, not when WeChat Pay says so
    "paid_at_checkout": [
        ('"total": total, "status": "unpaid"}', '"total": total, "status": "paid"}'),
    ],
    # keeps the lunch in the history before the user has paid (even when they cancel)
    "history_before_paying": [
        ('        self.bill = res.data\n',
         '        self.bill = res.data\n'
         '        wx.cloud.database().collection("history").add(\n'
         '            data={"name": MENU[self.chosen]["name"], "total": self.bill["total"],\n'
         '                  "number": self.bill["number"]},\n'
         '            success=lambda added: self.load_history())\n'),
        ('        wx.cloud.database().collection("history").add(\n'
         '            data={"name": MENU[self.chosen]["name"], "total": self.bill["total"],\n'
         '                  "number": self.bill["number"]},\n'
         '            success=lambda added: self.load_history())\n'
         '        self.set_data', '        self.set_data'),
    ],
}
EXPECTED = {
    "solution": POINTS,
    "habit": POINTS,
    "trusts_phone_total": {**POINTS, "server_amount": 0},
    "paid_at_checkout": {**POINTS, "paid_by_notice": 0},
    "history_before_paying": {**POINTS, "cloud_history": 0},
    "blank": {name: 0 for name in POINTS},
}
ANSWER = {
    "en": "The phone can be changed to send any total, so only the server's prices are trusted; "
          "the AppSecret would let anyone act as the shop, so it stays on the server.",
    "zh-Hans": "手机发的总价可以被改，所以只相信服务器的价格；有了 AppSecret 谁都能冒充店铺，所以它只放在服务器上。",
    "zh-Hant": "手機傳的總數可以被改，所以只相信伺服器的價錢；有了 AppSecret 誰都可以冒充店舖，所以它只放在伺服器上。",
}
SUBMISSIONS = {
    "en": ["solution", "habit", "trusts_phone_total", "paid_at_checkout", "history_before_paying",
           "blank"],
    "zh-Hans": ["solution", "habit", "history_before_paying"],
    "zh-Hant": ["solution", "habit", "paid_at_checkout"],
}

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


# ------------------------------------------------------------------------------------ helpers
def model_solution(cell_source: str) -> str:
    return "\n".join(line for line in cell_source.split("\n")
                     if BEGIN not in line and END not in line)


def solution_regions(cell_source: str) -> list[str]:
    """The code between each BEGIN/END SOLUTION pair, as written (with its indentation)."""
    regions, current = [], None
    for line in cell_source.split("\n"):
        if BEGIN in line:
            current = []
        elif END in line:
            regions.append("\n".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return regions


def by_habit(released: str, source: str, lang: str) -> str:
    """The student version with every stub (in ``lang``) replaced, in place, by the right code."""
    regions = iter(solution_regions(source))
    done = homework.stub_pattern(lang).sub(lambda m: next(regions), released)
    assert next(regions, None) is None, "a solution region has no stub in the student version"
    return done


def with_mistake(cells: dict[str, str], mistake: str) -> dict[str, str]:
    cells = dict(cells)
    for old, new in MISTAKES[mistake]:
        holders = [grade_id for grade_id, code in cells.items() if old in code]
        assert len(holders) == 1 and cells[holders[0]].count(old) == 1, (mistake, old)
        cells[holders[0]] = cells[holders[0]].replace(old, new)
    return cells


def submission(release, source, kind: str, lang: str):
    nb = nbformat.from_dict(json.loads(json.dumps(release)))
    if kind == "blank":
        return nb
    if kind == "habit":
        cells = {g: by_habit(cell_by_id(release, g).source, cell_by_id(source, g).source, lang)
                 for g in SOLUTION_CELLS}
    else:
        cells = {g: model_solution(cell_by_id(source, g).source) for g in SOLUTION_CELLS}
        if kind != "solution":
            cells = with_mistake(cells, kind)
    for grade_id, code in cells.items():
        cell_by_id(nb, grade_id).source = code
    cell_by_id(nb, "explain_trust").source = ANSWER[lang]
    return nb


homework.hands_in("hw4", SUBMISSIONS, submission)


@pytest.fixture(scope="module", params=homework.params("hw4"))
def graded(request, tmp_path_factory):
    """hw4 generated from one language variant, every submission graded (once per
    session, by homework.py, with the other tests' submissions of hw4)."""
    lang = request.param
    done = homework.graded(tmp_path_factory, "hw4", lang)
    return {"lang": lang,
            "release": done.release,
            "scores": done.scores(SUBMISSIONS[lang], POINTS),
            "manual": done.manual(SUBMISSIONS[lang], MANUAL),
            "autograded": {kind: done.autograded[kind] for kind in SUBMISSIONS[lang]}}


# -------------------------------------------------------------------------------------- tests
def test_solution_gets_full_marks(graded):
    assert graded["scores"]["solution"] == POINTS
    assert graded["manual"]["solution"] == {"explain_trust": (True, 2)}


def test_replacing_each_stub_with_the_right_code_gets_full_marks(graded):
    assert graded["scores"]["habit"] == POINTS


def test_typical_mistakes_get_the_intended_partial_marks(graded):
    for kind in SUBMISSIONS[graded["lang"]]:
        assert graded["scores"][kind] == EXPECTED[kind], kind
        if kind in MISTAKES:
            assert 0 < sum(graded["scores"][kind].values()) < sum(POINTS.values()), kind


def test_grade_cells_are_silent_on_a_correct_program(graded):
    nb = graded["autograded"]["solution"]
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code":
            assert cell.outputs == [], (cell.metadata["nbgrader"]["grade_id"], cell.outputs)


def test_failing_tests_explain_in_the_students_language(graded):
    lang = graded["lang"]
    wrong = next(kind for kind in SUBMISSIONS[lang] if kind in MISTAKES)
    failed = [cell for cell in graded["autograded"][wrong].cells
              if cell.cell_type == "code" and any(o.output_type == "error" for o in cell.outputs)]
    assert failed
    message = " ".join(o.evalue for cell in failed for o in cell.outputs if o.output_type == "error")
    marker = {"en": r"\b(should|must)\b", "zh-Hans": "应该|不能|必须", "zh-Hant": "應該|不可以|必須"}[lang]
    assert re.search(marker, message), message
    if lang != "en":
        assert not re.search(r"\b(should|must)\b", message), message


@pytest.mark.parametrize("graded", homework.params("hw4", ["en"]), indirect=True)
def test_blank_student_version_runs_and_scores_zero(graded):
    nb = graded["autograded"]["blank"]
    for grade_id in ("setup", *SOLUTION_CELLS):
        assert not [o for o in cell_by_id(nb, grade_id).outputs if o.output_type == "error"], grade_id


def test_student_version_has_no_solutions_and_no_hidden_tests(graded):
    text = json.dumps(graded["release"], ensure_ascii=False)
    code = "\n".join(c.source for c in graded["release"].cells if c.cell_type == "code")
    for secret in ("create_jsapi_order(", "parse_notification(", "request_payment({",
                   "request.start_session(session"):   # named in the prose, never in the code
        assert secret not in code, secret
    for secret in (BEGIN, END, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "trigger_event(\"order\"",
                   "collection(\"history\").add", "hw4-cheat", "Test pie"):
        assert secret not in text, secret
    for answer in ANSWER.values():
        assert answer not in text
    # what the student needs is still there: the visible tests, the given code, the stubs
    backend = cell_by_id(graded["release"], "canteen_backend").source
    assert '@backend.get("/orders/<number>")' in backend and "sign_pay_params" in backend
    assert backend.count("raise NotImplementedError()") == 3
    page = cell_by_id(graded["release"], "lunch_page").source
    assert "bind:order=\"order\"" in page and page.count("raise NotImplementedError()") == 3
    assert "hw4-amount" in cell_by_id(graded["release"], "server_amount").source


def test_points_match_the_source():
    for lang in LANGUAGES:
        nb = nbformat.read(HW / f"{NOTEBOOK}.{lang}.ipynb", as_version=4)
        found = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
                 for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}
        assert found == {**POINTS, **MANUAL}, lang


def test_solution_regions_are_whole_python_lines():
    """Never inside a comment or a string: the student version must still be valid Python
    whose stubs are real statements."""
    import ast

    for lang in LANGUAGES:
        nb = nbformat.read(HW / f"{NOTEBOOK}.{lang}.ipynb", as_version=4)
        for grade_id in SOLUTION_CELLS:
            source = cell_by_id(nb, grade_id).source
            tree = ast.parse(source)
            strings = [node for node in ast.walk(tree)
                       if isinstance(node, ast.Constant) and isinstance(node.value, str)]
            assert not any(BEGIN in s.value or END in s.value for s in strings), grade_id
            for line in source.split("\n"):
                if BEGIN in line or END in line:
                    assert line.strip() in (BEGIN, END), (grade_id, line)
