"""Homework 1 (assignments/hw1): real nbgrader, start to finish, in a temporary course.

For each language variant the source notebook is copied into ``source/hw1/menu.ipynb`` (as
``minicourse release`` does), ``nbgrader generate_assignment`` makes the student version, and
``nbgrader autograde`` grades submissions built from that student version:

* the model solution: full marks on every autograded cell, the written answer left for the
  teacher;
* three typical mistakes, each losing exactly the points of the behaviour it gets wrong;
* the untouched student version: zero, without crashing the notebook.

The expected scores below are the homework's contract: change them together with the points
in ``assignments/hw1.source.md``.
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
HW = REPO / "assignments" / "hw1"
NOTEBOOK = "menu"
LANGUAGES = ("en", "zh-Hans", "zh-Hant")

POINTS = {"menu_list": 2, "add_drink": 2, "running_total": 3, "clear_all": 2}
MANUAL = {"explain_set_data": 2}

# Typical mistakes: (replace this, with that) in the model solution's page cell.
MISTAKES = {
    # forgets to add the price to the total: the total never moves
    "total_not_updated": [
        ('            "total": self.data["total"] + drink["price"],\n', ""),
    ],
    # does not read the dataset: every "+" adds to the first drink
    "plus_adds_to_wrong_drink": [
        ('i = event.current_target.dataset["index"]', "i = 0"),
    ],
    # clears every count but forgets the total
    "clear_forgets_total": [
        ('        self.set_data({"total": 0})\n', ""),
    ],
}
EXPECTED = {
    "solution": POINTS,
    "total_not_updated": {**POINTS, "running_total": 0},
    "plus_adds_to_wrong_drink": {**POINTS, "add_drink": 0, "running_total": 0},
    "clear_forgets_total": {**POINTS, "clear_all": 0},
    "blank": {name: 0 for name in POINTS},
}
ANSWER = {
    "en": "set_data changes the data and redraws the page, so the screen shows the new values.",
    "zh-Hans": "set_data 会修改数据并重新画页面，所以屏幕会显示新的值。",
    "zh-Hant": "set_data 會修改資料並重新繪畫頁面，所以螢幕會顯示新的值。",
}
# Submissions graded per language (the mistakes once, in English and one in each Chinese).
SUBMISSIONS = {
    "en": ["solution", "total_not_updated", "plus_adds_to_wrong_drink", "clear_forgets_total", "blank"],
    "zh-Hans": ["solution", "plus_adds_to_wrong_drink"],
    "zh-Hant": ["solution", "clear_forgets_total"],
}


# ------------------------------------------------------------------------------------ helpers
def model_solution(cell_source: str) -> str:
    """The solution cell as a student who got it right would hand it in."""
    return "\n".join(line for line in cell_source.split("\n")
                     if "BEGIN SOLUTION" not in line and "END SOLUTION" not in line)


def with_mistake(code: str, mistake: str) -> str:
    for old, new in MISTAKES[mistake]:
        assert code.count(old) == 1, f"{mistake}: {old!r} should occur once in the solution"
        code = code.replace(old, new)
    return code


def submission(release: nbformat.NotebookNode, source: nbformat.NotebookNode, kind: str, lang: str):
    nb = nbformat.from_dict(json.loads(json.dumps(release)))
    if kind == "blank":
        return nb
    code = model_solution(cell_by_id(source, "menu_page").source)
    if kind != "solution":
        code = with_mistake(code, kind)
    cell_by_id(nb, "menu_page").source = code
    cell_by_id(nb, "explain_set_data").source = ANSWER[lang]
    return nb


homework.hands_in("hw1", SUBMISSIONS, submission)


@pytest.fixture(scope="module", params=homework.params("hw1"))
def graded(request, tmp_path_factory):
    """hw1 generated from one language variant, every submission graded (once per
    session, by homework.py, with the other tests' submissions of hw1)."""
    lang = request.param
    done = homework.graded(tmp_path_factory, "hw1", lang)
    return {"lang": lang,
            "course": done.course,
            "release": done.release,
            "scores": done.scores(SUBMISSIONS[lang], POINTS),
            "manual": done.manual(SUBMISSIONS[lang], MANUAL),
            "autograded": {kind: done.autograded[kind] for kind in SUBMISSIONS[lang]}}


# -------------------------------------------------------------------------------------- tests
def test_solution_gets_full_marks(graded):
    assert graded["scores"]["solution"] == POINTS
    assert graded["manual"]["solution"] == {"explain_set_data": (True, 2)}


def test_typical_mistakes_get_the_intended_partial_marks(graded):
    for kind in SUBMISSIONS[graded["lang"]]:
        assert graded["scores"][kind] == EXPECTED[kind], kind
    for kind in SUBMISSIONS[graded["lang"]]:
        if kind in MISTAKES:
            total = sum(graded["scores"][kind].values())
            assert 0 < total < sum(POINTS.values()), kind


def test_grade_cells_are_silent_on_a_correct_program(graded):
    """nbgrader scores a test cell that writes to stderr as 0: a right answer writes nothing."""
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
    marker = {"en": r"[A-Za-z]{4}", "zh-Hans": "应该|点", "zh-Hant": "應該|按"}[lang]
    assert re.search(marker, message), message
    if lang != "en":
        assert not re.search(r"\b(should|After)\b", message), message


@pytest.mark.parametrize("graded", homework.params("hw1", ["en"]), indirect=True)  # the blank copy is graded in English
def test_blank_student_version_runs_and_scores_zero(graded):
    nb = graded["autograded"]["blank"]
    assert not [o for o in cell_by_id(nb, "setup").outputs if o.output_type == "error"]
    # the untouched page cell stops at nbgrader's stub, as every untouched solution cell does
    errors = [o for o in cell_by_id(nb, "menu_page").outputs if o.output_type == "error"]
    assert [o.ename for o in errors] == ["NotImplementedError"]


def test_student_version_has_no_solutions_and_no_hidden_tests(graded):
    text = json.dumps(graded["release"], ensure_ascii=False)
    for secret in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
                   'dataset["index"]', "drinks[{i}].count", "Test soda", "taps = [0, 2, 2, 3, 1, 3]",
                   "(2, 2, 1)", "(0, 0, 2)", '<view class="drink" wx:for'):
        assert secret not in text, secret
    for answer in ANSWER.values():
        assert answer not in text
    model = {"en": "redraws the page so the screen", "zh-Hans": "重新画页面，让屏幕",
             "zh-Hant": "重新繪畫頁面，令螢幕"}[graded["lang"]]
    assert model not in text
    # what the student needs is still there: the visible tests, the given WXML, the data
    page = cell_by_id(graded["release"], "menu_page").source
    assert 'id="total"' in page and 'bindtap="clear"' in page and '"count": 0' in page
    # the first stub stands where drink_rows is written, as Python, not inside the template
    # (tests/assignments/test_released.py checks every stub of every assignment that way)
    comment = re.escape(homework.stub_comment(graded["lang"]))
    assert re.search(rf"\n    {comment}\n    raise NotImplementedError\(\)\n\n.*\n"
                     r"    template = drink_rows \+ \"\"\"", page)
    visible = cell_by_id(graded["release"], "add_drink").source
    assert "counts[0] == 1" in visible


def test_points_match_the_source():
    for lang in LANGUAGES:
        nb = nbformat.read(HW / f"{NOTEBOOK}.{lang}.ipynb", as_version=4)
        found = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
                 for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}
        assert found == {**POINTS, **MANUAL}, lang
