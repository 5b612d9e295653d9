"""What a student reads about a failed test, end to end through the real CLI
(`python -m graders.cli` class add, roster import, release, collect, grade, feedback, publish):
homework 1 handed in with a "+" that counts but never adds to the total (and always counts the
first drink). The visible part of test 3 fails with the test's own message, which the student's
page shows exactly, under the test's title, in the student's roster language; the hidden part
of test 2 fails, and the page says only that a hidden check did not pass: never its message,
its values or its code."""
from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
import sys

import nbformat
import pytest

from graders_helpers import REPO

pytestmark = pytest.mark.slow

STUDENTS = {"H001": ("陳小明", "zh-Hant"), "H002": ("Amy Lee", "en"), "H003": ("王芳", "zh-Hans")}
# test 3's visible assert, as each student's notebook run would say it (the class's notebook is
# the 繁體中文 one: its drink names and its "合共：$" total line; the words follow the student)
SAID = {
    "zh-Hant": "點了一杯珍珠奶茶之後，總數應該是 12，但顯示的是：合共：$0",
    "en": "After one 珍珠奶茶, the total should be 12, but it shows: 合共：$0",
    "zh-Hans": "点了一杯珍珠奶茶以后，总价应该是 12，但显示的是：合共：$0",
}
HIDDEN_SAID = {"zh-Hant": "有一項隱藏檢查沒有通過（AssertionError）", "en": "A hidden check did not pass (AssertionError)",
               "zh-Hans": "有一项隐藏检查没有通过（AssertionError）"}
HIDDEN_BITS = ["(2, 2, 1)", "[0, 1, 2, 0]", "0、1、2、0", "BEGIN HIDDEN", "taps = [", "expected += ",
               "Does each", "每個「+」", "每个“+”", "[3, 0, 0, 0]"]


def minicourse(root, *args, lang="en"):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "graders.cli", "--school", str(root), "--lang", lang,
                           *map(str, args)], env=env, capture_output=True, text=True, cwd=REPO, timeout=600)
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def counts_but_never_totals(klass) -> bytes:
    from graders import fabricate

    nb = nbformat.reads(fabricate.make_notebook(klass, "hw1", "menu", "correct").decode(), as_version=4)
    page = next(c for c in nb.cells if "def add(self, event)" in c.source)
    before = page.source
    page.source = page.source.replace('i = event.current_target.dataset["index"]', "i = 0").replace(
        '"total": self.data["total"] + drink["price"],', "")
    assert page.source != before and "dataset" not in page.source.split("def clear")[0]
    return nbformat.writes(nb).encode()


def questions(page: str) -> dict[str, str]:
    """question title -> the plain text of its block on the page."""
    found = {}
    for block in page.split('<div class="q ')[1:]:
        title = html.unescape(re.search(r"<h2><span>(.*?)</span>", block).group(1))
        found[title] = html.unescape(re.sub(r"<[^>]+>", " ", block))
    return found


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    from graders import fabricate
    from graders.school import School

    root = tmp_path_factory.mktemp("messages") / "school"
    minicourse(root, "class", "add", "7h", "--name", "中一甲班", "--class-lang", "zh-Hant")
    roster = root.parent / "roster.csv"
    roster.write_text("學號,姓名,語言\n" + "".join(f"{sid},{name},{lang}\n" for sid, (name, lang) in STUDENTS.items()),
                      encoding="utf-8")
    minicourse(root, "roster", "import", "7h", roster)
    due = (dt.datetime.now() + dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    minicourse(root, "release", "7h", "hw1", "--due", due, "--source", REPO / "assignments")
    klass = School.open(root).get_class("7h")
    handed_in = counts_but_never_totals(klass)
    when = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
    for sid in STUDENTS:   # as nbgrader submit leaves it in the exchange
        fabricate.write_inbound(klass, sid, "hw1", {"menu.ipynb": handed_in}, when)
    minicourse(root, "collect", "7h", "hw1")
    graded = minicourse(root, "grade", "7h", "hw1", "--cell-time-limit", "10")
    minicourse(root, "feedback", "7h", "hw1")
    minicourse(root, "publish", "7h", "hw1")
    pages = {sid: (klass.root / "published" / "hw1" / "feedback" / f"{sid}.html").read_text(encoding="utf-8")
             for sid in STUDENTS}
    released = {sid: (klass.root / "feedback" / sid / "hw1" / "menu.html").read_text(encoding="utf-8")
                for sid in STUDENTS}
    return {"klass": klass, "graded": graded, "pages": pages, "released": released}


def titles(lang: str) -> dict[str, str]:
    from graders.feedback import question_titles

    return question_titles(nbformat.read(REPO / "assignments" / "hw1" / f"menu.{lang}.ipynb", as_version=4))


def test_graded_as_intended(school):
    assert "0 failed to grade" in school["graded"] and "3 need manual grading" in school["graded"]  # the written answer
    from graders.gradebook import open_gradebook

    with open_gradebook(school["klass"]) as gb:
        for sid in STUDENTS:
            sub = gb.find_submission("hw1", sid)
            scores = {g.name: g.auto_score for nb in sub.notebooks for g in nb.grades}
            assert scores["menu_list"] == 2 and scores["clear_all"] == 2
            assert scores["running_total"] == 0 and scores["add_drink"] == 0, scores


@pytest.mark.parametrize("sid", list(STUDENTS))
def test_a_visible_tests_own_message_is_shown_under_its_title(school, sid):
    lang = STUDENTS[sid][1]
    for page in (school["pages"][sid], school["released"][sid]):   # published, and as nbgrader releases it
        assert f'<html lang="{lang}">' in page
        blocks = questions(page)
        total = titles(lang)["running_total"]
        assert total in blocks, (total, list(blocks))
        assert SAID[lang] in blocks[total]
        assert DRINK_TEST_LINE in blocks[total]         # the visible check itself, as the notebook shows it
        for other_lang, other in SAID.items():
            if other_lang != lang:
                assert other not in page


DRINK_TEST_LINE = 'page.query_all(".drink")[0].query(".add").tap()'


@pytest.mark.parametrize("sid", list(STUDENTS))
def test_a_hidden_tests_failure_says_only_that_it_failed(school, sid):
    lang = STUDENTS[sid][1]
    page = school["pages"][sid]
    blocks = questions(page)
    add = blocks[titles(lang)["add_drink"]]
    assert HIDDEN_SAID[lang] in add
    for bit in HIDDEN_BITS:
        assert bit not in page and bit not in school["released"][sid], bit


def test_a_message_the_students_program_made_is_not_shown():
    """The student's own exception text (which could carry what their program saw of a hidden
    test's taps) is not passed off as the check's message: only its name and the check."""
    from nbformat.v4 import new_code_cell, new_output

    from graders.feedback import explain_cell

    source = nbformat.read(REPO / "assignments" / "hw1" / "menu.en.ipynb", as_version=4)
    test = next(c for c in source.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "running_total")
    for evalue, shown in ((SAID["en"], True), ("I saw the taps [2, 2, 1]", False)):
        cell = new_code_cell(test.source)
        cell.outputs = [new_output("error", ename="AssertionError", evalue=evalue, traceback=[evalue])]
        why = explain_cell(cell, "en")[1]
        assert (evalue in why) is shown, why
        assert "BEGIN HIDDEN" not in why and "taps = [" not in why
