"""Homework 2 (assignments/hw2, sports day sign-up, on lessons 4-6): real nbgrader, start to
finish, in a temporary course, as tests/assignments/test_hw1.py does for homework 1.

For each language variant: ``nbgrader generate_assignment`` makes the student version, and
``nbgrader autograde`` grades submissions built from it:

* the model solution: full marks on every autograded cell, the written answer left for the teacher;
* the usual nbgrader way: the student version with each ``raise NotImplementedError()`` replaced
  by the right code (the stubs sit where code runs, so this is a working program): full marks;
* three typical mistakes, each losing exactly the points of the behaviour it gets wrong;
* the untouched student version: zero, without crashing the notebook.

The expected scores below are the homework's contract: change them together with the points
in ``assignments/hw2.source.md``.
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
HW = REPO / "assignments" / "hw2"
NOTEBOOK = "signup"
LANGUAGES = ("en", "zh-Hans", "zh-Hant")
PAGE_CELL = "signup_pages"

POINTS = {"check_name": 2, "check_number": 2, "ask_first": 2, "result_page": 3}
MANUAL = {"explain_callback": 2}

# Typical mistakes: (replace this, with that) in the model solution's page cell.
MISTAKES = {
    # no .strip(): a name of spaces gets through
    "spaces_are_a_name": [
        ('name = self.data["name"].strip()', 'name = self.data["name"]'),
    ],
    # signs up at once, without asking first
    "does_not_ask": [
        ('            wx.show_modal(title=', '            self.answered({"confirm": True})\n'
                                           '            dict(title='),
    ],
    # forgets that the query holds text: EVENTS["2"] fails on the result page
    "query_is_text": [
        ('EVENTS[int(query["event"])]', 'EVENTS[query["event"]]'),
    ],
}
EXPECTED = {
    "solution": POINTS,
    "nbgrader_habit": POINTS,
    "spaces_are_a_name": {**POINTS, "check_name": 0},
    "does_not_ask": {**POINTS, "ask_first": 0},
    "query_is_text": {**POINTS, "result_page": 0},
    "blank": {name: 0 for name in POINTS},
}
ANSWER = {
    "en": "answered runs only when the user taps a button of the dialog; navigating right away would leave before they answer.",
    "zh-Hans": "answered 在用户点了对话框的按钮以后才运行；马上跳转的话，用户还没回答就离开了。",
    "zh-Hant": "answered 在用戶按了對話框的按鈕之後才執行；立即跳轉的話，用戶還未回答就離開了。",
}
SUBMISSIONS = {
    "en": ["solution", "nbgrader_habit", "spaces_are_a_name", "does_not_ask", "query_is_text", "blank"],
    "zh-Hans": ["solution", "nbgrader_habit", "spaces_are_a_name"],
    "zh-Hant": ["solution", "nbgrader_habit", "does_not_ask"],
}


# ------------------------------------------------------------------------------------ helpers
def model_solution(cell_source: str) -> str:
    return "\n".join(line for line in cell_source.split("\n")
                     if "BEGIN SOLUTION" not in line and "END SOLUTION" not in line)


def solution_regions(cell_source: str) -> list[list[str]]:
    """The lines of each ### BEGIN/END SOLUTION region, in order."""
    regions, current = [], None
    for line in cell_source.split("\n"):
        if "### BEGIN SOLUTION" in line:
            current = []
        elif "### END SOLUTION" in line:
            regions.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return regions


def the_nbgrader_way(released: str, source: str) -> str:
    """What a student who replaces each ``raise NotImplementedError()`` (and nothing else) with
    the right code hands in: the stubs' comments (``# YOUR CODE HERE``) stay."""
    regions = iter(solution_regions(source))
    lines = []
    for line in released.split("\n"):
        if line.strip() == "raise NotImplementedError()":
            lines.extend(next(regions))
        else:
            lines.append(line)
    assert next(regions, None) is None, "fewer stubs than solution regions"
    return "\n".join(lines)


def with_mistake(code: str, mistake: str) -> str:
    for old, new in MISTAKES[mistake]:
        assert code.count(old) == 1, f"{mistake}: {old!r} should occur once in the solution"
        code = code.replace(old, new)
    return code


def submission(release, source, kind: str, lang: str):
    nb = nbformat.from_dict(json.loads(json.dumps(release)))
    if kind == "blank":
        return nb
    page = cell_by_id(nb, PAGE_CELL)
    if kind == "nbgrader_habit":
        page.source = the_nbgrader_way(page.source, cell_by_id(source, PAGE_CELL).source)
    else:
        code = model_solution(cell_by_id(source, PAGE_CELL).source)
        page.source = code if kind == "solution" else with_mistake(code, kind)
    cell_by_id(nb, "explain_callback").source = ANSWER[lang]
    return nb


homework.hands_in("hw2", SUBMISSIONS, submission)


@pytest.fixture(scope="module", params=homework.params("hw2"))
def graded(request, tmp_path_factory):
    """hw2 generated from one language variant, every submission graded (once per
    session, by homework.py, with the other tests' submissions of hw2)."""
    lang = request.param
    done = homework.graded(tmp_path_factory, "hw2", lang)
    return {"lang": lang,
            "release": done.release,
            "scores": done.scores(SUBMISSIONS[lang], POINTS),
            "manual": done.manual(SUBMISSIONS[lang], MANUAL),
            "autograded": {kind: done.autograded[kind] for kind in SUBMISSIONS[lang]}}


# -------------------------------------------------------------------------------------- tests
def test_solution_gets_full_marks(graded):
    assert graded["scores"]["solution"] == POINTS
    assert graded["manual"]["solution"] == {"explain_callback": (True, 2)}


def test_replacing_each_stub_with_the_right_code_gets_full_marks(graded):
    page = cell_by_id(graded["autograded"]["nbgrader_habit"], PAGE_CELL).source
    assert homework.stub_comment(graded["lang"]) in page and "NotImplementedError" not in page
    assert graded["scores"]["nbgrader_habit"] == POINTS


def test_typical_mistakes_get_the_intended_partial_marks(graded):
    for kind in SUBMISSIONS[graded["lang"]]:
        assert graded["scores"][kind] == EXPECTED[kind], kind
        if kind in MISTAKES:
            assert 0 < sum(graded["scores"][kind].values()) < sum(POINTS.values()), kind


def test_grade_cells_are_silent_on_a_correct_program(graded):
    """nbgrader scores a test cell that writes to stderr as 0: a right answer writes nothing."""
    for kind in ("solution", "nbgrader_habit"):
        for cell in graded["autograded"][kind].cells:
            if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code":
                assert cell.outputs == [], (kind, cell.metadata["nbgrader"]["grade_id"], cell.outputs)


def test_failing_tests_explain_in_the_students_language(graded):
    lang = graded["lang"]
    wrong = next(kind for kind in SUBMISSIONS[lang] if kind in MISTAKES)
    failed = [cell for cell in graded["autograded"][wrong].cells
              if cell.cell_type == "code" and any(o.output_type == "error" for o in cell.outputs)]
    assert failed
    message = " ".join(o.evalue for cell in failed for o in cell.outputs if o.output_type == "error")
    marker = {"en": r"[A-Za-z]{4}", "zh-Hans": "应该|要", "zh-Hant": "應該|要"}[lang]
    assert re.search(marker, message), message
    if lang != "en":
        assert not re.search(r"\b(should|must)\b", message), message


@pytest.mark.parametrize("graded", homework.params("hw2", ["en"]), indirect=True)
def test_a_crash_in_the_students_page_points_at_their_line(graded):
    cell = cell_by_id(graded["autograded"]["query_is_text"], "result_page")
    errors = [o for o in cell.outputs if o.output_type == "error"]
    assert errors and errors[0].ename == "TypeError"
    trace = "\n".join(errors[0].traceback)
    assert 'EVENTS[query["event"]]' in trace, trace


@pytest.mark.parametrize("graded", homework.params("hw2", ["en"]), indirect=True)
def test_blank_student_version_runs_and_scores_zero(graded):
    nb = graded["autograded"]["blank"]
    for grade_id in ("setup", PAGE_CELL):
        assert not [o for o in cell_by_id(nb, grade_id).outputs if o.output_type == "error"], grade_id


def test_student_version_has_no_solutions_and_no_hidden_tests(graded):
    text = json.dumps(graded["release"], ensure_ascii=False)
    for secret in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
                   ".strip()", "isdigit", "show_modal(title=", "show_toast(title=", "navigate_to(url=",
                   'int(query["event"])', "Tester", '"4.5"', "cancel_modal"):
        assert secret not in text, secret
    for answer in ANSWER.values():
        assert answer not in text
    page = cell_by_id(graded["release"], PAGE_CELL).source
    # what the student needs is still there: the template, the picker's handler, the data
    assert 'model:value="{{name}}"' in page and "def pick(self, event):" in page
    assert page.count("raise NotImplementedError()") == 3
    assert "«" not in page
    visible = cell_by_id(graded["release"], "check_name").source
    assert 'input("12")' in visible


def test_points_match_the_source():
    for lang in LANGUAGES:
        nb = nbformat.read(HW / f"{NOTEBOOK}.{lang}.ipynb", as_version=4)
        found = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
                 for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}
        assert found == {**POINTS, **MANUAL}, lang
