"""Lifecycles and routes (spec §1.1-1.5, §4.3)."""
import pytest

from mini_sdk import App, MiniProgram, Page, get_app, get_current_pages
from mini_sdk.testing import NavigationFailed, launch


def make_page(name, template=None):
    return type(name, (Page,), {"template": template or f"<view id='{name.lower()}'>{name}</view>"})


A, B, C, D = (make_page(n) for n in "ABCD")


class Recorder(App):
    global_data = {"cart": []}


def tabs_program():
    return MiniProgram(
        pages={"pages/a/a": A, "pages/b/b": B, "pages/c/c": C, "pages/d/d": D},
        app=Recorder,
        tab_bar={"list": [{"pagePath": "pages/a/a", "text": "A"}, {"pagePath": "pages/b/b", "text": "B"}]},
    )


def hooks_since(phone, start):
    return phone.lifecycle[start:]


def test_spec_1_5_cold_start_order():
    with launch(tabs_program()) as phone:
        assert phone.lifecycle == [
            "App.on_launch", "App.on_show",
            "pages/a/a.on_load", "pages/a/a.on_show", "pages/a/a.on_ready",
        ]


def test_spec_1_2_on_load_gets_query_strings():
    got = {}

    class Detail(Page):
        template = "<text>{{id}}</text>"

        def on_load(self, query):
            got.update(query)

    program = MiniProgram(pages={"pages/index/index": A, "pages/detail/detail": Detail})
    with launch(program) as phone:
        phone.navigate_to("/pages/detail/detail?id=3&name=tea")
        assert got == {"id": "3", "name": "tea"}
        assert phone.current_page.query == {"id": "3", "name": "tea"}
        assert phone.current_page.path == "pages/detail/detail"


def test_spec_4_3_navigate_to_hides_then_loads():
    with launch(tabs_program()) as phone:
        n = len(phone.lifecycle)
        phone.navigate_to("/pages/c/c")
        assert hooks_since(phone, n) == ["pages/a/a.on_hide", "pages/c/c.on_load", "pages/c/c.on_show", "pages/c/c.on_ready"]
        assert phone.page_stack == ["pages/a/a", "pages/c/c"]


def test_spec_4_3_redirect_to_unloads_current():
    with launch(tabs_program()) as phone:
        phone.navigate_to("/pages/c/c")
        n = len(phone.lifecycle)
        phone.redirect_to("/pages/d/d")
        assert hooks_since(phone, n) == ["pages/c/c.on_unload", "pages/d/d.on_load", "pages/d/d.on_show", "pages/d/d.on_ready"]
        assert phone.page_stack == ["pages/a/a", "pages/d/d"]


def test_spec_4_3_navigate_back_unloads_each_then_shows():
    with launch(tabs_program()) as phone:
        phone.navigate_to("/pages/c/c")
        phone.navigate_to("/pages/d/d")
        n = len(phone.lifecycle)
        phone.navigate_back(5)  # more than the stack: stops at the first page
        assert hooks_since(phone, n) == ["pages/d/d.on_unload", "pages/c/c.on_unload", "pages/a/a.on_show"]
        assert phone.page_stack == ["pages/a/a"]


def test_spec_4_3_navigate_back_on_first_page_fails():
    with launch(tabs_program()) as phone:
        with pytest.raises(NavigationFailed) as info:
            phone.navigate_back()
        assert info.value.err_msg.startswith("navigateBack:fail")


def test_spec_4_3_stack_at_most_ten():
    pages = {"pages/index/index": A, "pages/c/c": C}
    with launch(MiniProgram(pages=pages)) as phone:
        for _ in range(9):
            phone.navigate_to("/pages/c/c")
        assert len(phone.page_stack) == 10
        with pytest.raises(NavigationFailed) as info:
            phone.navigate_to("/pages/c/c")
        assert info.value.err_msg == "navigateTo:fail webview count limit exceed"
        assert "10" in str(info.value)
        assert len(phone.page_stack) == 10


def test_spec_4_3_navigate_to_and_redirect_to_refuse_tab_pages():
    with launch(tabs_program()) as phone:
        for verb in (phone.navigate_to, phone.redirect_to):
            with pytest.raises(NavigationFailed) as info:
                verb("/pages/b/b")
            assert "tabbar" in info.value.err_msg and "switch_tab" in str(info.value)


def test_spec_4_3_missing_page_fails_with_err_msg_and_lists_pages():
    with launch(tabs_program()) as phone:
        with pytest.raises(NavigationFailed) as info:
            phone.navigate_to("/pages/nope/nope")
        assert info.value.err_msg == 'navigateTo:fail page "pages/nope/nope" is not found'
        assert "pages/c/c" in str(info.value)


def test_spec_4_3_switch_tab_only_tab_pages():
    with launch(tabs_program()) as phone:
        with pytest.raises(NavigationFailed):
            phone.switch_tab("/pages/c/c")


def test_spec_4_3_tab_switching_table():
    with launch(tabs_program()) as phone:
        # A -> A: nothing
        n = len(phone.lifecycle)
        phone.switch_tab("/pages/a/a")
        assert hooks_since(phone, n) == []
        # A -> B (first time)
        phone.switch_tab("/pages/b/b")
        assert hooks_since(phone, n) == ["pages/a/a.on_hide", "pages/b/b.on_load", "pages/b/b.on_show", "pages/b/b.on_ready"]
        # B -> A again: tab pages stay alive
        n = len(phone.lifecycle)
        phone.switch_tab("/pages/a/a")
        assert hooks_since(phone, n) == ["pages/b/b.on_hide", "pages/a/a.on_show"]
        # C (opened from A) -> A
        phone.navigate_to("/pages/c/c")
        n = len(phone.lifecycle)
        phone.switch_tab("/pages/a/a")
        assert hooks_since(phone, n) == ["pages/c/c.on_unload", "pages/a/a.on_show"]
        # D (opened from C) -> B: B is alive already, so only on_show
        phone.navigate_to("/pages/c/c")
        phone.navigate_to("/pages/d/d")
        n = len(phone.lifecycle)
        phone.switch_tab("/pages/b/b")
        assert hooks_since(phone, n) == ["pages/d/d.on_unload", "pages/c/c.on_unload", "pages/b/b.on_show"]
        assert phone.page_stack == ["pages/b/b"]


def test_spec_4_3_c_to_b_first_time_loads_b():
    with launch(tabs_program()) as phone:
        phone.navigate_to("/pages/c/c")
        n = len(phone.lifecycle)
        phone.switch_tab("/pages/b/b")
        assert hooks_since(phone, n) == ["pages/c/c.on_unload", "pages/b/b.on_load", "pages/b/b.on_show", "pages/b/b.on_ready"]


def test_spec_4_3_re_launch_unloads_all():
    with launch(tabs_program()) as phone:
        phone.navigate_to("/pages/c/c")
        n = len(phone.lifecycle)
        phone.re_launch("/pages/d/d?x=1")
        assert hooks_since(phone, n) == ["pages/c/c.on_unload", "pages/a/a.on_unload", "pages/d/d.on_load", "pages/d/d.on_show", "pages/d/d.on_ready"]
        assert phone.page_stack == ["pages/d/d"]


def test_tab_bar_tap_by_text():
    with launch(tabs_program()) as phone:
        phone.tap_tab("B")
        assert phone.current_page.path == "pages/b/b"
        assert "[B]" in phone.screen()


def test_relative_urls_resolve_from_current_page():
    pages = {"pages/index/index": A, "pages/detail/detail": B}
    with launch(MiniProgram(pages=pages)) as phone:
        phone.navigate_to("../detail/detail?id=1")
        assert phone.current_page.path == "pages/detail/detail"


def test_spec_1_5_app_background_and_back():
    with launch(tabs_program()) as phone:
        n = len(phone.lifecycle)
        phone.hide_app()
        phone.show_app()
        assert hooks_since(phone, n) == ["pages/a/a.on_hide", "App.on_hide", "App.on_show", "pages/a/a.on_show"]


def test_spec_1_1_on_page_not_found_at_entry():
    class Lost(App):
        def on_page_not_found(self, res):
            self.seen = res
            from mini_sdk import wx
            wx.redirect_to(url="/pages/c/c")

    program = MiniProgram(pages={"pages/a/a": A, "pages/c/c": C}, app=Lost)
    with launch(program, path="pages/old/old") as phone:
        assert phone._phone.app.seen == {"path": "pages/old/old", "query": {}, "is_entry_page": True}
        assert phone.current_page.path == "pages/c/c"


def test_spec_1_1_without_handler_the_native_not_found_page_shows():
    with launch(MiniProgram(pages={"pages/a/a": A}), path="pages/gone/gone") as phone:
        assert "Page not found" in phone.screen()


def test_get_app_and_get_current_pages_inside_handlers():
    seen = {}

    class P(Page):
        template = "<button id='b' bindtap='go'>go</button>"

        def go(self, event):
            seen["cart"] = get_app().global_data["cart"]
            seen["pages"] = [p.route for p in get_current_pages()]

    with launch(MiniProgram(pages={"pages/index/index": P}, app=Recorder)) as phone:
        phone.current_page.query("#b").tap()
    assert seen == {"cart": [], "pages": ["pages/index/index"]}


def test_spec_1_2_pull_down_refresh_needs_enable():
    calls = []

    class P(Page):
        template = "<view>list</view>"
        config = {"enablePullDownRefresh": True}

        def on_pull_down_refresh(self):
            calls.append("refresh")

        def on_reach_bottom(self):
            calls.append("bottom")

    class Q(P):
        config = {}

    with launch(MiniProgram(pages={"pages/p/p": P, "pages/q/q": Q})) as phone:
        assert phone.pull_down_refresh() is True
        phone.reach_bottom()
        phone.navigate_to("/pages/q/q")
        assert phone.pull_down_refresh() is False
    assert calls == ["refresh", "bottom"]


def test_spec_1_2_share_only_when_defined():
    class Sharable(Page):
        template = "<button id='s' open-type='share'>share</button>"

        def on_share_app_message(self, res):
            return {"title": "Try our tea! " + res["from"]}

    with launch(MiniProgram(pages={"pages/s/s": Sharable, "pages/a/a": A})) as phone:
        assert phone.share()["title"] == "Try our tea! menu"
        phone.current_page.query("#s").tap()
        assert phone.log[-1]["kind"] == "share" and phone.log[-1]["title"] == "Try our tea! button"
        phone.navigate_to("/pages/a/a")
        assert phone.share() is None


def test_spec_1_2_share_to_moments_needs_both_hooks():
    class Both(Page):
        template = "<view>tea</view>"

        def on_share_app_message(self, res):
            return {"title": "friends"}

        def on_share_timeline(self):
            return {"title": "Moments", "query": "drink=3", "imageUrl": "/tea.png"}

    class OnlyTimeline(Page):
        template = "<view/>"

        def on_share_timeline(self):
            return {"title": "never"}

    class Default(Both):
        def on_share_timeline(self):
            pass

    program = MiniProgram(pages={"pages/b/b": Both, "pages/o/o": OnlyTimeline, "pages/d/d": Default,
                                 "pages/a/a": A}, name="Tea")
    with launch(program) as phone:
        assert phone.share_timeline() == {"title": "Moments", "query": "drink=3", "image_url": "/tea.png"}
        assert phone.log[-1]["kind"] == "share_timeline"
        phone.navigate_to("/pages/o/o")
        assert phone.share_timeline() is None
        phone.navigate_to("/pages/a/a")
        assert phone.share_timeline() is None
        phone.navigate_to("/pages/d/d")
        assert phone.share_timeline() == {"title": "Tea", "query": "", "image_url": None}


def test_camel_case_hook_warns():
    class P(Page):
        template = "<view/>"

        def onLoad(self, query):
            pass

    with launch(MiniProgram(pages={"pages/p/p": P})) as phone:
        assert any("onLoad" in w and "on_load" in w for w in phone.warnings)


def test_storage_survives_restart_of_the_same_phone():
    class P(Page):
        template = "<text id='n'>{{n}}</text>"
        data = {"n": 0}

        def on_load(self, query):
            from mini_sdk import wx
            n = (wx.get_storage_sync("n") or 0) + 1
            wx.set_storage_sync("n", n)
            self.set_data({"n": n})

    with launch(MiniProgram(pages={"pages/p/p": P})) as phone:
        assert phone.current_page.query("#n").text == "1"
        phone.restart()
        assert phone.current_page.query("#n").text == "2"
        assert phone.storage == {"n": 2}
