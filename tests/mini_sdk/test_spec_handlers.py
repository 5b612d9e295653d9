"""Rule: JavaScript drops arguments a function does not name (``onLoad() {}``, ``add() {}``),
so a handler, hook or callback written without its parameter runs; one that needs more than
the framework gives is refused with a message naming the function and its line."""
import inspect

import pytest

from mini_sdk import App, Component, MiniProgram, Page, set_language, wx
from mini_sdk.testing import launch


class NoParameters(Page):
    template = """
    <text id="n">{{n}}</text>
    <button id="add" bindtap="add">+1</button>
    <button id="ask" bindtap="ask">ask</button>
    """
    data = {"n": 0, "seen": []}

    def on_load(self):
        self.set_data({"n": 10, "seen": self.data["seen"] + ["load"]})

    def on_show(self):
        self.set_data({"seen": self.data["seen"] + ["show"]})

    def add(self):
        self.set_data({"n": self.data["n"] + 1})

    def ask(self):
        wx.show_modal(title="?", success=lambda: self.set_data({"seen": self.data["seen"] + ["answered"]}))


class Quiet(App):
    def on_launch(self):
        self.global_data = {"launched": True}


def test_rule_hooks_and_handlers_without_their_parameter_run():
    with launch(MiniProgram(pages={"pages/index/index": NoParameters}, app=Quiet)) as phone:
        page = phone.current_page
        assert page.data["n"] == 10
        assert page.data["seen"] == ["load", "show"]
        page.query("#add").tap()
        page.query("#add").tap()
        assert page.query("#n").text == "12"
        page.query("#ask").tap()
        phone.confirm_modal()
        assert page.data["seen"][-1] == "answered"
        assert phone.errors == []


class Counter(Component):
    template = "<view id='c' bindtap='bump'>{{count}}</view>"
    data = {"count": 0}

    def attached(self):
        self.set_data({"count": 5})

    def bump(self):
        self.set_data({"count": self.data["count"] + 1})


def test_rule_component_lifetimes_and_methods_without_parameters_run():
    class Host(Page):
        template = "<counter id='k'></counter>"
        using_components = {"counter": Counter}

    with launch(MiniProgram(pages={"pages/index/index": Host})) as phone:
        phone.current_page.query("#c").tap()
        assert phone.current_page.query("#c").text == "6"


class NeedsTooMuch(Page):
    template = "<button id='go' bindtap='go'>go</button>"

    def go(self, event, step):
        pass


def test_rule_a_handler_that_needs_more_than_the_event_is_named_with_its_line():
    line = inspect.getsourcelines(NeedsTooMuch.go)[1]
    with launch(MiniProgram(pages={"pages/index/index": NeedsTooMuch})) as phone:
        with pytest.raises(TypeError) as caught:
            phone.current_page.query("#go").tap()
        message = str(caught.value)
        assert "NeedsTooMuch.go" in message
        assert f"test_spec_handlers.py:{line}" in message
        assert phone.errors[-1]["function"] == "NeedsTooMuch.go"
        assert phone.errors[-1]["where"] == f"test_spec_handlers.py:{line}"


@pytest.mark.parametrize("lang, words", [("zh-Hans", "没法被调用"), ("zh-Hant", "沒法被呼叫"), ("en", "cannot be called")])
def test_rule_signature_message_in_three_languages(lang, words):
    class BadHook(Page):
        template = "<view/>"

        def on_show(self, options):
            pass

    set_language(lang)
    with pytest.raises(TypeError) as caught:
        with launch(MiniProgram(pages={"pages/index/index": BadHook})):
            pass
    assert words in str(caught.value)
    assert "BadHook.on_show" in str(caught.value)
    # the default to give is for the student's own parameter, not a made-up "event"
    assert "def on_show(self, options=None)" in str(caught.value)
    assert "event=None" not in str(caught.value)
