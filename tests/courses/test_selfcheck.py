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
