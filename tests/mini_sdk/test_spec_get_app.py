"""Rule (spec §1.1): ``getApp()`` returns the one App instance of the running program. In
WeChat app.js runs before every page file, so ``const app = getApp()`` at the top of a page
file is that App; here it is a handle that reaches the running program's App when used, and
never the App of another program an earlier launch() left open."""
import pytest

from mini_sdk import App, MiniProgram, MiniProgramError, Page, get_app, set_language
from mini_sdk.testing import launch

app = get_app()          # at module level, as `const app = getApp()` in page.js


class Shop(App):
    global_data = {"shop": "tea"}


class Other(App):
    global_data = {"shop": "OTHER"}


class Index(Page):
    template = "<text id='shop'>{{shop}}</text><button id='buy' bindtap='buy'>buy</button>"

    def on_load(self, query):
        self.set_data({"shop": app.global_data["shop"]})

    def buy(self, event):
        app.global_data["bought"] = True


def test_rule_get_app_at_module_level_is_the_running_programs_app():
    with launch(MiniProgram(pages={"pages/index/index": Index}, app=Shop)) as phone:
        assert phone.current_page.query("#shop").text == "tea"
        phone.current_page.query("#buy").tap()
        assert phone.global_data["bought"] is True


def test_rule_get_app_never_reaches_a_program_left_open_earlier():
    left_open = launch(MiniProgram(pages={"pages/index/index": Index}, app=Other))  # never closed
    assert left_open.current_page.query("#shop").text == "OTHER"
    with launch(MiniProgram(pages={"pages/index/index": Index}, app=Shop)) as phone:
        assert phone.current_page.query("#shop").text == "tea"
        phone.current_page.query("#buy").tap()
        assert phone.global_data.get("bought") is True
        assert "bought" not in left_open.global_data
    left_open.close()


def test_rule_get_app_inside_a_hook_is_the_app_instance_itself():
    seen = {}

    class Probe(Page):
        template = "<view/>"

        def on_load(self, query):
            seen["app"] = get_app()
            seen["handle is it"] = app == seen["app"]

    with launch(MiniProgram(pages={"pages/index/index": Probe}, app=Shop)) as phone:
        assert isinstance(seen["app"], Shop)
        assert seen["handle is it"] is True


@pytest.mark.parametrize("lang, words", [("en", "none is running"), ("zh-Hans", "没有小程序在运行"),
                                         ("zh-Hant", "沒有小程式在執行")])
def test_rule_get_app_used_with_nothing_running_says_so(lang, words, monkeypatch):
    from mini_sdk.wx import _phone as current

    monkeypatch.setattr(current, "_last_launched", None)  # no phone left open
    set_language(lang)
    with pytest.raises(MiniProgramError) as caught:
        app.global_data
    assert words in str(caught.value)
