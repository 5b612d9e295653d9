"""Homework 3 (assignments/hw3): real nbgrader, start to finish, in a temporary course.

For each language variant the source notebook is copied into ``source/hw3/planner.ipynb`` (as
``minicourse release`` does), ``nbgrader generate_assignment`` makes the student version, and
``nbgrader autograde`` grades submissions built from that student version:

* the model solution: full marks on every autograded cell, the written answer left for the
  teacher;
* the student version with each ``raise NotImplementedError()`` replaced by the right code, as
  a student following the notebook's instructions does: full marks too;
* three typical mistakes, each losing exactly the points of the behaviour it gets wrong;
* the untouched student version: zero, without crashing the notebook.

The expected scores below are the homework's contract: change them together with the points
in ``assignments/hw3.source.md``.
"""
from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import nbformat
import pytest

import homework
from homework import cell_by_id

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
HW = REPO / "assignments" / "hw3"
NOTEBOOK = "planner"
LANGUAGES = ("en", "zh-Hans", "zh-Hant")
PAGE_CELL = "planner_page"

POINTS = {"load_tasks": 2, "refresh_and_errors": 3, "add_task": 2, "tick_and_remove": 2,
          "remember": 2}
MANUAL = {"explain_storage": 2}

# Typical mistakes: (replace this, with that) in the model solution's page cell.
MISTAKES = {
    # trusts every answer: a 500 has no "tasks", and the page breaks instead of showing #error
    "ignores_status_code": [
        ('        if res.status_code == 200:\n'
         '            self.set_data({"loading": False, "tasks": res.data["tasks"]})\n'
         '        else:\n'
         '            self.set_data({"loading": False, "error": str(res.status_code)})\n',
         '        self.set_data({"loading": False, "tasks": res.data["tasks"]})\n'),
    ],
    # never saves: the list is forgotten when the mini-program is closed
    "forgets_to_save": [
        ('        wx.set_storage_sync("tasks", self.data["tasks"])\n', "        pass\n"),
    ],
    # does not read the dataset: Remove always removes the last task
    "removes_the_last_task": [
        ("        tasks.pop(i)\n", "        tasks.pop()\n"),
    ],
}
EXPECTED = {
    "solution": POINTS,
    "stubs_filled": POINTS,
    "ignores_status_code": {**POINTS, "refresh_and_errors": 0},
    "forgets_to_save": {**POINTS, "remember": 0},
    "removes_the_last_task": {**POINTS, "tick_and_remove": 0},
    "blank": {name: 0 for name in POINTS},
}
ANSWER = {
    "en": "It would forget my own tasks when the mini-program is closed: global_data only lives while it is open.",
    "zh-Hans": "关掉小程序以后它会忘掉我自己的任务：global_data 只在小程序打开期间存在。",
    "zh-Hant": "關掉小程式之後它會忘記我自己的任務：global_data 只在小程式打開期間存在。",
}
# Submissions graded per language (the mistakes once, in English and one in each Chinese).
SUBMISSIONS = {
    "en": ["solution", "stubs_filled", "ignores_status_code", "forgets_to_save",
           "removes_the_last_task", "blank"],
    "zh-Hans": ["solution", "stubs_filled", "removes_the_last_task"],
    "zh-Hant": ["solution", "stubs_filled", "ignores_status_code"],
}


# ------------------------------------------------------------------------------------ helpers
def model_solution(cell_source: str) -> str:
    """The solution cell as a student who got it right would hand it in."""
    return "\n".join(line for line in cell_source.split("\n")
                     if "BEGIN SOLUTION" not in line and "END SOLUTION" not in line)


def solution_regions(cell_source: str) -> list[list[str]]:
    """The lines of each ``### BEGIN SOLUTION`` ... ``### END SOLUTION`` region, in order."""
    regions, current = [], None
    for line in cell_source.split("\n"):
        if "BEGIN SOLUTION" in line:
            current = []
        elif "END SOLUTION" in line:
            regions.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return regions


def fill_stubs(released: str, source: str) -> str:
    """The student version with each ``raise NotImplementedError()`` line replaced by the code
    of the matching solution region (the stub's comment, ``# YOUR CODE HERE``, left where it was), as a
    student who follows the instructions hands it in."""
    regions = iter(solution_regions(source))
    out = []
    for line in released.split("\n"):
        if line.strip() == "raise NotImplementedError()":
            out.extend(next(regions))
        else:
            out.append(line)
    assert next(regions, None) is None, "more solution regions than stubs"
    return "\n".join(out)


def with_mistake(code: str, mistake: str) -> str:
    for old, new in MISTAKES[mistake]:
        assert code.count(old) == 1, f"{mistake}: {old!r} should occur once in the solution"
        code = code.replace(old, new)
    return code


def submission(release: nbformat.NotebookNode, source: nbformat.NotebookNode, kind: str, lang: str):
    nb = nbformat.from_dict(json.loads(json.dumps(release)))
    if kind == "blank":
        return nb
    solution_cell = cell_by_id(source, PAGE_CELL).source
    if kind == "stubs_filled":
        code = fill_stubs(cell_by_id(release, PAGE_CELL).source, solution_cell)
    else:
        code = model_solution(solution_cell)
        if kind != "solution":
            code = with_mistake(code, kind)
    cell_by_id(nb, PAGE_CELL).source = code
    cell_by_id(nb, "explain_storage").source = ANSWER[lang]
    return nb


homework.hands_in("hw3", SUBMISSIONS, submission)


@pytest.fixture(scope="module", params=homework.params("hw3"))
def graded(request, tmp_path_factory):
    """hw3 generated from one language variant, every submission graded (once per
    session, by homework.py, with the other tests' submissions of hw3)."""
    lang = request.param
    done = homework.graded(tmp_path_factory, "hw3", lang)
    return {"lang": lang,
            "course": done.course,
            "release": done.release,
            "source": done.source,
            "scores": done.scores(SUBMISSIONS[lang], POINTS),
            "manual": done.manual(SUBMISSIONS[lang], MANUAL),
            "autograded": {kind: done.autograded[kind] for kind in SUBMISSIONS[lang]}}


# -------------------------------------------------------------------------------------- tests
def test_solution_gets_full_marks(graded):
    assert graded["scores"]["solution"] == POINTS
    assert graded["manual"]["solution"] == {"explain_storage": (True, 2)}


def test_replacing_each_stub_with_the_right_code_gets_full_marks(graded):
    """The usual nbgrader way: keep the stub's comment, replace 'raise NotImplementedError()'."""
    page = cell_by_id(graded["autograded"]["stubs_filled"], PAGE_CELL).source
    assert homework.stub_comment(graded["lang"]) in page and "NotImplementedError" not in page
    assert graded["scores"]["stubs_filled"] == POINTS


def test_typical_mistakes_get_the_intended_partial_marks(graded):
    for kind in SUBMISSIONS[graded["lang"]]:
        assert graded["scores"][kind] == EXPECTED[kind], kind
    for kind in SUBMISSIONS[graded["lang"]]:
        if kind in MISTAKES:
            total = sum(graded["scores"][kind].values())
            assert 0 < total < sum(POINTS.values()), kind


def test_grade_cells_are_silent_on_a_correct_program(graded):
    """nbgrader scores a test cell that writes to stderr as 0: a right answer writes nothing."""
    for kind in ("solution", "stubs_filled"):
        nb = graded["autograded"][kind]
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code":
                assert cell.outputs == [], (kind, cell.metadata["nbgrader"]["grade_id"], cell.outputs)


def test_failing_tests_explain_in_the_students_language(graded):
    lang = graded["lang"]
    wrong = next(kind for kind in SUBMISSIONS[lang] if kind in MISTAKES)
    failed = [cell for cell in graded["autograded"][wrong].cells
              if cell.cell_type == "code" and any(o.output_type == "error" for o in cell.outputs)]
    assert failed
    messages = " ".join(o.evalue for cell in failed for o in cell.outputs if o.output_type == "error")
    assert messages.strip(), messages
    if wrong == "removes_the_last_task":
        marker = {"en": "should remove it", "zh-Hans": "应该只删掉它", "zh-Hant": "應該只刪除它"}[lang]
        assert marker in messages, messages


@pytest.mark.parametrize("graded", homework.params("hw3", ["en"]), indirect=True)  # the blank copy is graded in English
def test_blank_student_version_runs_and_scores_zero(graded):
    nb = graded["autograded"]["blank"]
    for grade_id in ("setup", "server", PAGE_CELL):
        assert not [o for o in cell_by_id(nb, grade_id).outputs if o.output_type == "error"], grade_id


def test_student_version_has_no_solutions_and_no_hidden_tests(graded):
    text = json.dumps(graded["release"], ensure_ascii=False)
    for secret in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
                   'wx.set_storage_sync("tasks"', 'wx.get_storage_sync("tasks")', "tasks.pop(i)",
                   "res.status_code == 200", "Hidden test task", "request:fail timeout"):
        assert secret not in text, secret
    for answer in ANSWER.values():
        assert answer not in text
    # what the student needs is still there: the template, the given methods, the visible tests
    page = cell_by_id(graded["release"], PAGE_CELL).source
    assert page.count("raise NotImplementedError()") == len(
        solution_regions(cell_by_id(graded["source"], PAGE_CELL).source)) == 8
    template = page.split('"""')[1]
    assert "NotImplementedError" not in template and 'class="task"' in template
    assert "def on_pull_down_refresh(self):\n        self.load()" in page
    assert "mock_wx_method" in cell_by_id(graded["release"], "refresh_and_errors").source


def test_no_solution_region_sits_in_a_string_or_a_comment():
    """Solution regions are whole method bodies (Python code), so the released stub runs."""
    for lang in LANGUAGES:
        nb = nbformat.read(HW / f"{NOTEBOOK}.{lang}.ipynb", as_version=4)
        page = cell_by_id(nb, PAGE_CELL).source
        template = page.split('"""')[1]
        assert "SOLUTION" not in template
        for region in solution_regions(page):
            body = textwrap.indent(textwrap.dedent("\n".join(region)), "    ")
            compile("def method(self, *args):\n" + body, "<region>", "exec")  # a method body
            assert any(line.strip() and not line.strip().startswith("#") for line in region)


def test_points_match_the_source():
    for lang in LANGUAGES:
        nb = nbformat.read(HW / f"{NOTEBOOK}.{lang}.ipynb", as_version=4)
        found = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
                 for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}
        assert found == {**POINTS, **MANUAL}, lang
