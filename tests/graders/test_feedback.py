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
    assert "8c: 10 feedback page(s) in" in out  # 10 handed in; S011 did not: no page
    folder = klass.root / "published" / "ex1" / "feedback"
    return {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}


def text(page):
    import html

    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_pages_in_each_students_language(pages):
    assert "ex1：李文琪 的反馈" in pages["S001"] and "得分：7 / 9" in text(pages["S001"])
    assert "ex1：陳大文 的回饋" in pages["S002"] and "遲了 2.0 h" in pages["S002"]
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
