"""`minicourse feedback`: a page per student in the student's language; what passed, what
failed and why; never the text of hidden tests or solutions."""
import re

import pytest

pytestmark = pytest.mark.slow

SECRETS = ["SECRET-HIDDEN-CHECK", "BEGIN HIDDEN TESTS", "BEGIN SOLUTION", "QUEUE", "add(-5, 5)",
           "add(0.5, 0.25)", "测试能在每次修改后检查程序"]


@pytest.fixture
def pages(cli, graded):
    school, klass = graded
    code, out, err = cli("feedback", "8c", "ex1", school=school)
    assert code == 0, err
    assert "8c: 10 feedback pages in" in out  # 10 handed in; S011 did not: no page
    folder = klass.root / "published" / "ex1" / "feedback"
    return {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}


def text(page):
    import html

    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_pages_in_each_students_language(pages):
    assert "ex1：李文琪 的反馈" in pages["S001"] and "得分：7 / 9" in text(pages["S001"])
    assert "ex1：陳大文 的回饋" in pages["S002"] and "遲了 2 小時" in pages["S002"]
    assert "ex1: feedback for Emily Wong" in pages["S003"] and "Score: 0 / 9" in text(pages["S003"])
    assert '<html lang="zh-Hant">' in pages["S006"]


def test_what_passed_what_failed_and_why(pages):
    s002 = text(pages["S002"])
    assert "全部檢查通過" in s002                     # add
    assert "部分檢查通過" in s002                     # partial credit: 2 of 3
    assert "有一項隱藏檢查沒有通過（AssertionError）" in s002
    assert "等待老師批改這道題" in s002               # the written answer
    s004 = text(pages["S004"])
    assert 'Your code for "1. `add(a, b)`" stopped with an error:' in s004
    assert "ValueError: I am not sure what to do here" in s004   # the student's own line
    s003 = text(pages["S003"])   # blank: the written answer left as released
    assert "Nothing was written here, so it scores 0." in s003 and "Marked by your teacher" not in s003


def test_failed_submission_page_says_why(pages):
    assert "你的笔记本无法评分：可能是死循环？8 秒后已停止" in text(pages["S005"])
    assert "你的笔记本无法评分：无效的笔记本" in text(pages["S007"])


def test_never_hidden_tests_or_solutions(pages):
    for student, page in pages.items():
        for secret in SECRETS:
            assert secret not in page, (student, secret)
    assert "return a + b" not in pages["S003"]  # a blank notebook's page holds no solution


def test_exchange_submissions_are_placed_for_nbgrader_release(pages, graded):
    school, klass = graded
    assert (klass.root / "feedback" / "S001" / "ex1" / "ex1.html").exists()
    assert (klass.root / "feedback" / "S001" / "ex1" / "submission_secret.txt").exists()
    assert not (klass.root / "feedback" / "S007").exists()  # uploaded: no exchange secret


def test_questions_titled_in_the_students_own_language(pages):
    # 8c is a 简体中文 class; S003 is on the roster in English, S002 in 繁體中文
    assert "3. In one sentence: why do we write tests?" in text(pages["S003"])
    assert "3. 用一句話回答：我們為甚麼要寫測試？" in text(pages["S002"])
    assert "In one sentence" not in text(pages["S001"])
    for page in pages.values():
        assert "<span>Tests</span>" not in page and "<span>测试</span>" not in page


def test_tests_under_a_tests_heading_are_titled_by_their_own_first_line():
    """Homework 1 puts its four tests under '## Tests': each is titled by its comment."""
    import nbformat

    from graders.feedback import question_titles
    from graders_helpers import REPO

    titles = question_titles(nbformat.read(REPO / "assignments" / "hw1" / "menu.en.ipynb", as_version=4))
    assert titles["add_drink"].startswith("Test 2:") and "points" not in titles["add_drink"]
    assert len({titles[k] for k in ("menu_list", "add_drink", "running_total", "clear_all")}) == 4
    zh = question_titles(nbformat.read(REPO / "assignments" / "hw1" / "menu.zh-Hant.ipynb", as_version=4))
    assert zh["add_drink"] != titles["add_drink"] and "Tests" not in zh.values()


def test_a_failed_visible_test_shows_the_check_not_a_traceback(pages):
    s003 = text(pages["S003"])  # count_vowels is blank: the visible check, as the notebook had it
    assert "The check stopped with NotImplementedError while running your code. The check: # partial credit" in s003
    for student in ("S003", "S004"):
        assert "Traceback" not in text(pages[student]).split("Errors in your own code")[0]


def test_hidden_checks_say_only_passed_or_not(pages):
    for page in pages.values():
        body = text(page)
        assert "SECRET-HIDDEN-CHECK" not in body and "QUEUE" not in body


def test_formgrader_comments_and_a_teachers_deduction_reach_the_student(cli, graded):
    from graders.gradebook import open_gradebook

    school, klass = graded
    with open_gradebook(klass) as gb:  # what formgrader writes when the teacher types
        gb.find_comment("add", "ex1", "ex1", "S003").manual_comment = "Nice start <b>Emily</b> — try return."
        gb.find_comment("explain", "ex1", "ex1", "S001").manual_comment = "很好！"
        grade = gb.find_grade("test_add", "ex1", "ex1", "S001")   # passed: 2 of 2 by the checks
        grade.manual_score = 1                                     # the teacher takes a point off
        gb.db.commit()
    code, out, err = cli("feedback", "8c", "ex1", school=school)
    assert code == 0, err
    folder = klass.root / "published" / "ex1" / "feedback"
    s003 = (folder / "S003.html").read_text(encoding="utf-8")
    assert "Your teacher:</b> Nice start &lt;b&gt;Emily&lt;/b&gt; — try return." in s003
    assert "No response" not in s003  # nbgrader's automatic comment is not the teacher's
    s001 = text((folder / "S001.html").read_text(encoding="utf-8"))
    assert "老师的评语： 很好！" in s001
    assert "全部检查通过。 老师把这道题的分数从 2 改为 1。" in s001
    assert "部分检查通过" not in s001.split("3.")[0].split("1.")[1]


def test_a_students_cell_error_is_explained_in_their_language_above_the_traceback():
    """A stub left in a cell that runs (homework 1's page class): the sandbox puts the
    explanation their notebook would show first in the cell's error output, and the feedback
    page shows it whole, then the traceback's end."""
    import nbformat

    from graders.cellrunner import _explain_first
    from graders.feedback import student_code_errors
    from mini_sdk import set_language

    import linecache

    source = "class MenuPage:\n    # 在這裡寫你的程式碼\n    raise NotImplementedError()\n"
    filename = "/tmp/ipykernel_1/123.py"   # a notebook cell's file, as IPython names it
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    outputs = [{"output_type": "error", "ename": "NotImplementedError", "evalue": "",
                "traceback": ["-" * 20, "Traceback (most recent call last)", "NotImplementedError: "]}]
    set_language("zh-Hant")
    try:
        exec(compile(source, filename, "exec"), {})
    except NotImplementedError as error:
        _explain_first(error, outputs)
    finally:
        linecache.cache.pop(filename, None)
        set_language(None)
    assert outputs[0]["traceback"][0].startswith("這裡是寫你的程式碼的地方")
    cell = nbformat.v4.new_code_cell(source, outputs=[nbformat.from_dict(outputs[0])])
    cell.metadata["nbgrader"] = {"solution": True, "grade": False, "grade_id": "page"}
    shown = student_code_errors(nbformat.v4.new_notebook(cells=[cell]), {"page": "你的頁面"}, "zh-Hant")
    assert len(shown) == 1
    assert shown[0].index("你為「你的頁面」寫的程式出錯停止了") < shown[0].index("這裡是寫你的程式碼的地方") \
        < shown[0].index("Traceback")
