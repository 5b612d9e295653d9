"""mini_sdk.selfcheck: instant ✅/❌ for a 12-year-old, in their language, never a traceback."""
from __future__ import annotations

import pytest

from mini_sdk import MiniProgram, Page, set_language
from mini_sdk.i18n import Catalogue
from mini_sdk.messages.selfcheck import MESSAGES
from mini_sdk.selfcheck import Hint, check, expect, number_in, numbers_in, tr


class Counter(Page):
    template = """
    <view id="count">{{count}}</view>
    <button id="add" bindtap="add">+1</button>
    """
    data = {"count": 0}

    def add(self, event):
        self.set_data({"count": self.data["count"] + 1})


class Buggy(Counter):
    def add(self, event):
        self.set_data({"count": self.data["cont"] + 1})


HINT = {"en": "add a minus button", "zh-Hans": "加一个减号按钮", "zh-Hant": "加一個減號按鈕"}


@pytest.fixture(autouse=True)
def english():
    import mini_sdk.selfcheck as selfcheck

    selfcheck._tries.clear()  # each test is a new student
    set_language("en")
    yield
    set_language(None)


def taps_to(n):
    def test(phone):
        phone.current_page.query("#add").tap()
        expect(phone.current_page.data["count"] == n,
               {"en": f"count should be {n}", "zh-Hans": f"应该是 {n}", "zh-Hant": f"應該是 {n}"},
               hint=HINT)
    return test


def test_pass_prints_a_tick(capsys):
    check(taps_to(1), MiniProgram(pages={"pages/index/index": Counter}))
    out = capsys.readouterr()
    assert out.out.startswith("✅") and out.err == ""


def test_fail_prints_the_problem_and_the_hint(capsys):
    check(taps_to(2), MiniProgram(pages={"pages/index/index": Counter}))
    out = capsys.readouterr()
    assert out.out.splitlines() == ["❌ Not yet: count should be 2", "💡 Hint: add a minus button"]
    assert out.err == ""


def test_hints_follow_the_language(capsys):
    set_language("zh-Hant")
    check(taps_to(2), MiniProgram(pages={"pages/index/index": Counter}))
    assert capsys.readouterr().out.splitlines() == ["❌ 還差一點：應該是 2", "💡 提示：加一個減號按鈕"]
    set_language("zh-Hans")
    check(taps_to(1), MiniProgram(pages={"pages/index/index": Counter}))
    assert capsys.readouterr().out.startswith("✅ 太棒了")


def test_language_from_the_environment(capsys, monkeypatch):
    set_language(None)
    monkeypatch.setenv("MINICOURSE_LANG", "zh-Hans")
    check(taps_to(2), MiniProgram(pages={"pages/index/index": Counter}))
    assert capsys.readouterr().out.startswith("❌ 还差一点")


def test_a_bug_in_the_students_handler_is_explained_not_raised(capsys):
    check(taps_to(1), MiniProgram(pages={"pages/index/index": Buggy}))
    out = capsys.readouterr()
    assert "KeyError: 'cont'" in out.out
    assert "test_selfcheck.py" in out.out and 'self.data["cont"]' in out.out  # their line
    assert "Traceback" not in out.out and out.err == ""


def test_not_a_program(capsys):
    check(taps_to(1), Counter)
    out = capsys.readouterr().out
    assert "class Counter" in out and "MiniProgram(pages=" in out


def test_a_broken_template_is_explained(capsys):
    class Broken(Page):
        template = "<view>{{count +}}</view>"
    check(taps_to(1), MiniProgram(pages={"pages/index/index": Broken}))
    out = capsys.readouterr()
    assert out.out.startswith("❌") and out.err == ""


def test_plain_assert_and_checks_without_a_program(capsys):
    def test():
        raise AssertionError("maths is broken")  # what `assert 1 + 1 == 3, "..."` raises
    check(test)
    assert capsys.readouterr().out.strip() == "❌ Not yet: maths is broken"
    check(lambda: None, success={"en": "🎉 yes", "zh-Hans": "🎉 对", "zh-Hant": "🎉 對"})
    assert capsys.readouterr().out.strip() == "🎉 yes"


def test_check_returns_nothing_so_a_cell_shows_only_the_message():
    assert check(lambda: None) is None


def test_tr_and_numbers():
    assert tr({"en": "{n} cups", "zh-Hans": "{n} 杯"}, n=3) == "3 cups"
    set_language("zh-Hant")
    assert tr({"en": "hi", "zh-Hans": "你好"}) == "hi"  # missing language: English
    assert tr("plain") == "plain"
    assert numbers_in("Total: ¥36.5 (3 cups)") == [36.5, 3]
    assert numbers_in("no numbers") == []
    assert number_in("x 3") == 3 and number_in("1 and 2") is None
    assert isinstance(Hint("x"), AssertionError)


def test_messages_have_three_languages():
    assert Catalogue(MESSAGES).problems() == []


# hints in levels, the answer only when asked ---------------------------------------------------
LEVELS = [{"en": "look at the button", "zh-Hans": "看看按钮", "zh-Hant": "看看按鈕"},
          {"en": "the button needs bindtap", "zh-Hans": "按钮需要 bindtap", "zh-Hant": "按鈕需要 bindtap"}]
ANSWER = '<button id="add" bindtap="add">+1</button>'
MORE = {"en": "Run this check again for a bigger hint", "zh-Hans": "再运行一次这个检查，会有更多提示",
        "zh-Hant": "再執行一次這個檢查，會有更多提示"}
OFFER = {"en": "Run show_answer() in a new cell", "zh-Hans": "在新的单元格里运行 show_answer()",
         "zh-Hant": "在新的儲存格裡執行 show_answer()"}


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "zh-Hant"])
def test_hints_come_in_levels_and_the_answer_only_when_asked(lang, capsys):
    from mini_sdk.selfcheck import show_answer

    set_language(lang)

    def test(phone):
        expect(phone.current_page.data["count"] == 99, "count is not 99", hint=LEVELS, answer=ANSWER)

    program = MiniProgram(pages={"pages/index/index": Counter})
    shown = []
    for _ in range(3):
        check(test, program)
        shown.append(capsys.readouterr().out)
    assert tr(LEVELS[0]) in shown[0] and tr(LEVELS[1]) not in shown[0] and MORE[lang] in shown[0]
    assert tr(LEVELS[1]) in shown[1] and MORE[lang] not in shown[1]
    assert tr(LEVELS[1]) in shown[2]
    assert all(ANSWER not in out and OFFER[lang] in out for out in shown)
    show_answer()
    assert ANSWER in capsys.readouterr().out


# in a real kernel: which version of the code a check tests ------------------------------------
def kernel_outputs(cells: list[str], lang: str) -> list[str]:
    """Run the cells in a fresh kernel (a lesson notebook's, in ``lang``); each cell's text."""
    import os
    import queue
    import time

    from jupyter_client.manager import start_new_kernel

    env = {k: v for k, v in os.environ.items() if k not in ("NBGRADER_EXECUTION", "MINICOURSE_LANG")}
    env["JPY_SESSION_NAME"] = f"/home/student/lesson.{lang}.ipynb"
    km, kc = start_new_kernel(kernel_name="python3", env=env)
    texts = []
    try:
        for code in cells:
            msg_id, parts, deadline = kc.execute(code), [], time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    msg = kc.get_iopub_msg(timeout=5)
                except queue.Empty:
                    continue
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "stream":
                    parts.append(msg["content"]["text"])
                elif msg["msg_type"] == "error":
                    parts.append("ERROR " + "\n".join(msg["content"]["traceback"]))
                elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    break
            texts.append("".join(parts))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return texts


REPO = __import__("pathlib").Path(__file__).resolve().parents[2]
CHECK = '''
def test(phone):
    phone.current_page.query("#minus").tap()
    expect("-1" in phone.screen(), "no -1")
check(test, "my_counter")
'''
EXERCISE = '''
class MyCounter(Page):
    template = '<view>{{count}}</view><button id="minus" bindtap="minus">-</button>'
    data = {"count": 0}
    def minus(self, event):
        self.set_data({"count": self.data["count"] - 1})
my_counter = MiniProgram(pages={"pages/index/index": MyCounter})
'''
VERSIONS = {  # not run yet / stale version / check's own line never shown
    "en": ("there is no my_counter yet", "your cell [4] stopped with an error", "cannot read line 4"),
    "zh-Hans": ("还没有 my_counter", "你的单元格 [4] 运行时出错了", "读不懂第 4 行"),
    "zh-Hant": ("還沒有 my_counter", "你的儲存格 [4] 執行時出錯了", "讀不懂第 4 行"),
}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh-Hans", "zh-Hant"])
def test_a_check_knows_which_version_of_the_code_it_tests(lang):
    not_run, stale, unreadable = VERSIONS[lang]
    broken = EXERCISE.replace("    def minus(self, event):", "    def minus(self, event)")
    no_button = EXERCISE.replace('<button id="minus" bindtap="minus">-</button>', "")
    out = kernel_outputs([
        f"import sys; sys.path.insert(0, {str(REPO)!r})\n"
        "from mini_sdk import MiniProgram, Page\nfrom mini_sdk.selfcheck import check, expect",
        CHECK,            # [2] the exercise cell was never run
        EXERCISE,         # [3]
        broken,           # [4] the student's edit does not parse
        CHECK,            # [5] must not grade the version of [3]
        no_button,        # [6] runs, but the button is gone
        CHECK,            # [7]
        EXERCISE,         # [8] fixed
        CHECK,            # [9]
    ], lang)
    assert out[1].startswith("❌") and not_run in out[1] and "ERROR" not in out[1]
    assert out[3].startswith("ERROR") and unreadable in out[3]
    assert out[4].startswith("❌") and stale in out[4] and "✅" not in out[4]
    assert out[6].startswith("❌") and "#minus" in out[6]
    assert 'query("#minus")' not in out[6] and "expect(" not in out[6]  # never the check's code
    assert out[8].startswith("✅")


HOMEWORK_TEST = '''
with launch(my_counter) as phone:
    phone.current_page.query("#minus").tap()
    assert "-1" in phone.screen(), "no -1"
print("test ran")
'''
STALE_TEST = {"en": ("your cell [3] stopped with an error, so this test would run the version from before",
                     "then run this test again"),
              "zh-Hans": ("你的单元格 [3] 运行时出错了，所以这个测试只能测到之前的版本", "然后再运行这个测试"),
              "zh-Hant": ("你的儲存格 [3] 執行時出錯了，所以這個測試只能測到之前的版本", "然後再執行這個測試")}


PREVIEW_STALE = {"en": "your cell [3] stopped with an error, so this preview would show the version from before",
                 "zh-Hans": "你的单元格 [3] 运行时出错了，所以这里只能显示之前的版本",
                 "zh-Hant": "你的儲存格 [3] 執行時出錯了，所以這裡只能顯示之前的版本"}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh-Hans", "zh-Hant"])
def test_a_homework_test_cell_knows_which_version_of_the_code_it_tests(lang):
    """A visible test in the student's notebook (``with launch(program)``) and a preview, after
    an edit that does not parse: they say so instead of using the version from before."""
    stale, again = STALE_TEST[lang]
    broken = EXERCISE.replace("    def minus(self, event):", "    def minus(self, event)")
    out = kernel_outputs([
        f"import sys; sys.path.insert(0, {str(REPO)!r})\n"
        "from mini_sdk import MiniProgram, Page\nfrom mini_sdk.testing import launch",
        EXERCISE,         # [2]
        broken,           # [3] the student's edit does not parse
        HOMEWORK_TEST,    # [4] must not pass on the version of [2]
        "from mini_sdk import preview\npreview(my_counter)",   # [5] nor show it
        EXERCISE,         # [6] fixed
        HOMEWORK_TEST,    # [7]
        "preview(my_counter); print('shown')",                # [8]
    ], lang)
    assert out[3].startswith("ERROR") and stale in out[3] and again in out[3] and "test ran" not in out[3]
    assert out[4].startswith("ERROR") and PREVIEW_STALE[lang] in out[4]
    assert "test ran" in out[6] and "ERROR" not in out[6]
    assert "shown" in out[7] and "ERROR" not in out[7]


def test_a_grading_run_keeps_nbgraders_meaning_of_an_earlier_version(monkeypatch):
    """Under nbgrader (NBGRADER_EXECUTION) a test runs what the notebook defined last, as a
    kernel always has: a cell that failed after an earlier good one changes no score."""
    from mini_sdk import explain
    from mini_sdk.testing import launch

    my_counter = MiniProgram(pages={"pages/index/index": Counter})
    failed = {"count": 7, "source": "class Counter(Page)\n", "error": SyntaxError("bad")}   # its page class
    monkeypatch.setattr(explain, "_runs", [failed])
    with pytest.raises(Exception, match=r"\[7\]"):
        launch(my_counter)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with launch(my_counter) as phone:
        assert phone.current_page is not None
    # and a grading kernel does not even remember which cells failed: nbgrader's kernel and
    # minicourse's sandbox (which never watches) explain a student's NameError alike
    shell = type("Shell", (), {"events": type("Events", (), {"register": lambda *a: pytest.fail("watched")})()})()
    monkeypatch.setattr(explain, "_shell", lambda: shell)
    explain.watch_cells()


STUB = {"en": ("This is where your code goes", "Your cell [2] makes program, but it stopped with an error"),
        "zh-Hans": ("这里是写你的代码的地方", "program 是由你的单元格 [2] 定义的，可是那个单元格出错停下了"),
        "zh-Hant": ("這裡是寫你的程式碼的地方", "program 是由你的儲存格 [2] 定義的，可是那個儲存格出錯停下了")}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh-Hans", "zh-Hant"])
def test_an_untouched_stub_says_to_replace_it_and_the_next_cell_names_the_cell_that_failed(lang):
    """nbgrader's stub left as it is: its cell says what to do with it, and a later cell that
    needs what the stub's cell makes names that cell (it was run: it failed), not 'run it'."""
    stub, failed = STUB[lang]
    out = kernel_outputs([
        f"import sys; sys.path.insert(0, {str(REPO)!r})\nimport mini_sdk",
        "def rows():\n    # YOUR CODE HERE\n    raise NotImplementedError()\nprogram = rows()",   # [2]
        "print(program)",                                                                      # [3]
        "def show():\n    raise NotImplementedError\nshow()",   # [4] the student's own stub line too
        "import json\njson.JSONEncoder().default(object())",    # [5] a library's error stays its own
    ], lang)
    assert out[1].startswith("ERROR") and stub in out[1], out[1]
    assert out[2].startswith("ERROR") and failed in out[2], out[2]
    assert stub in out[3]
    assert stub not in out[4] and "TypeError" in out[4]


TRIED = {"en": "the check put in its own: count = 5 (your cell is unchanged)",
         "zh-Hans": "检查放进了它自己的数据：count = 5（你的单元格没有被改动）",
         "zh-Hant": "檢查放進了它自己的資料：count = 5（你的儲存格沒有被改動）"}


@pytest.mark.parametrize("lang", list(TRIED))
def test_a_check_says_when_the_data_in_its_message_is_its_own(lang, capsys):
    from mini_sdk.selfcheck import try_data

    set_language(lang)

    def test(phone):
        try_data(phone.current_page, {"count": 5})
        expect(phone.current_page.query("#count").text == "6", "the page should show 6")

    check(test, MiniProgram(pages={"pages/index/index": Counter}))
    assert TRIED[lang] in capsys.readouterr().out
    check(taps_to(2), MiniProgram(pages={"pages/index/index": Counter}))  # no data of its own
    assert "ℹ️" not in capsys.readouterr().out


TYPO_HINT = {"en": "Read the error, fix that line", "zh-Hans": "读一读错误信息，改好那一行",
             "zh-Hant": "讀一讀錯誤訊息，改好那一行"}
UNKNOWN_TAG = {"en": "txet", "zh-Hans": "txet", "zh-Hant": "txet"}


@pytest.mark.parametrize("lang", list(TYPO_HINT))
def test_a_typo_in_a_handler_is_not_called_a_cell_not_run_and_a_pass_still_shows_the_console(lang, capsys):
    from mini_sdk import MiniProgram, Page, set_language
    from mini_sdk.selfcheck import check

    set_language(lang)

    class Typo(Page):
        template = '<view id="count">{{count}}</view><button id="add" bindtap="add">+</button>'
        data = {"count": 0}

        def add(self, event):
            self.set_data({"count": cuont + 1})  # noqa: F821 (the student's typo)

    def test(phone):
        phone.current_page.query("#add").tap()

    check(test, MiniProgram(pages={"pages/index/index": Typo}))
    out = capsys.readouterr().out
    assert out.startswith("❌") and "cuont" in out and TYPO_HINT[lang] in out

    class Txet(Page):  # <txet>: the check only looks at #count, the phone warns
        template = '<txet id="count">{{count}}</txet>'
        data = {"count": 0}

    check(lambda phone: None, MiniProgram(pages={"pages/index/index": Txet}))
    out = capsys.readouterr().out
    assert out.startswith("✅") and "⚠" in out and UNKNOWN_TAG[lang] in out
