"""Events (spec §3.5): bubbling, catch, capture, mut-bind, event object, dataset, forms."""
import pytest

from mini_sdk import MiniProgram, Page
from mini_sdk.testing import launch


def run(page_cls):
    return launch(MiniProgram(pages={"pages/index/index": page_cls}))


class Nested(Page):
    calls: list = []
    template = """
    <view id="outer" bindtap="h1">outer
      <view id="middle" catchtap="h2">middle
        <view id="inner" bindtap="h3">inner</view>
      </view>
    </view>
    """

    def h1(self, e): self.calls.append("h1")
    def h2(self, e): self.calls.append("h2")
    def h3(self, e): self.calls.append("h3")


@pytest.mark.parametrize("target,expected", [("#inner", ["h3", "h2"]), ("#middle", ["h2"]), ("#outer", ["h1"])])
def test_spec_3_5_official_bind_catch_example(target, expected):
    Nested.calls = []
    with run(Nested) as phone:
        phone.current_page.query(target).tap()
    assert Nested.calls == expected


class Capture(Page):
    calls: list = []
    template = """
    <view id="outer" bind:touchstart="h1" capture-bind:touchstart="h2">
      <view id="inner" bind:touchstart="h3" capture-bind:touchstart="h4">inner</view>
    </view>
    """

    def h1(self, e): self.calls.append("h1")
    def h2(self, e): self.calls.append("h2")
    def h3(self, e): self.calls.append("h3")
    def h4(self, e): self.calls.append("h4")


def test_spec_3_5_official_capture_example():
    Capture.calls = []
    with run(Capture) as phone:
        phone.current_page.query("#inner").tap()
    assert Capture.calls == ["h2", "h4", "h3", "h1"]


def test_spec_3_5_capture_catch_stops_everything():
    class CaptureCatch(Capture):
        calls: list = []
        template = Capture.template.replace('capture-bind:touchstart="h2"', 'capture-catch:touchstart="h2"')

    with run(CaptureCatch) as phone:
        phone.current_page.query("#inner").tap()
    assert CaptureCatch.calls == ["h2"]


def test_spec_3_5_mut_bind_only_first_on_path():
    calls = []

    class Mut(Page):
        template = """
        <view id="a" mut-bind:tap="ha"><view id="b" mut-bind:tap="hb"><view id="c" bindtap="hc">c</view></view></view>
        """
        def ha(self, e): calls.append("ha")
        def hb(self, e): calls.append("hb")
        def hc(self, e): calls.append("hc")

    with run(Mut) as phone:
        phone.current_page.query("#c").tap()
    assert calls == ["hc", "hb"]


def test_spec_3_5_event_object_target_current_target_dataset():
    seen = {}

    class P(Page):
        template = """
        <view id="card" bindtap="pick" data-drink-id="{{7}}" data-name="奶茶" data-alpha-beta="1" data-alphaBeta="2">
          <text id="label">奶茶</text>
        </view>
        """

        def pick(self, event):
            seen["type"] = event.type
            seen["target"] = event.target.id
            seen["current"] = event.current_target.id
            seen["dataset"] = dict(event.current_target.dataset)
            seen["detail"] = dict(event.detail)

    with run(P) as phone:
        phone.current_page.query("#label").tap()
    assert seen["type"] == "tap"
    assert seen["target"] == "label" and seen["current"] == "card"
    assert seen["dataset"] == {"drinkId": 7, "name": "奶茶", "alphaBeta": "1", "alphabeta": "2"}
    assert set(seen["detail"]) == {"x", "y"}


def test_spec_3_5_input_does_not_bubble_and_may_replace_value():
    calls = []

    class P(Page):
        template = """
        <view bindinput="outer"><input id="name" bindinput="typed"/></view>
        <text id="shown">{{name}}</text>
        """
        data = {"name": ""}

        def outer(self, e): calls.append("outer")

        def typed(self, e):
            calls.append(e.detail.value)
            self.set_data({"name": e.detail.value})
            return e.detail.value.upper()

    with run(P) as phone:
        box = phone.current_page.query("#name")
        box.input("tea")
        assert calls == ["tea"]
        assert box.value == "TEA"
        assert phone.current_page.query("#shown").text == "tea"


def test_spec_3_5_longpress_handled_means_no_tap():
    calls = []

    class P(Page):
        template = """
        <view id="a" bindlongpress="lp" bindtap="tap">a</view>
        <view id="b" bindtap="tap">b</view>
        """
        def lp(self, e): calls.append("longpress")
        def tap(self, e): calls.append("tap")

    with run(P) as phone:
        phone.current_page.query("#a").long_press()
        phone.current_page.query("#b").long_press()
    assert calls == ["longpress", "tap"]


def test_handler_named_in_camel_case_finds_snake_case_method():
    calls = []

    class P(Page):
        template = "<button id='b' bindtap='addItem'>+</button>"
        def add_item(self, e): calls.append("ok")

    with run(P) as phone:
        phone.current_page.query("#b").tap()
    assert calls == ["ok"]


def test_missing_handler_warns_not_crashes():
    class P(Page):
        template = "<button id='b' bindtap='nothere'>+</button>"

    with run(P) as phone:
        phone.current_page.query("#b").tap()
        assert any("nothere" in w for w in phone.warnings)


def test_handler_exception_reaches_test_with_student_line_and_app_on_error():
    from mini_sdk import App

    errors = []

    class Watch(App):
        def on_error(self, message):
            errors.append(message)

    class P(Page):
        template = "<button id='b' bindtap='boom'>+</button>"

        def boom(self, e):
            return 1 / 0

    with launch(MiniProgram(pages={"pages/p/p": P}, app=Watch)) as phone:
        with pytest.raises(ZeroDivisionError) as info:
            phone.current_page.query("#b").tap()
        # what a reader sees: frames marked __tracebackhide__ are hidden by pytest and IPython
        frames = [str(entry.path) for entry in info.traceback if not entry.ishidden(info)]
        import os
        import mini_sdk
        package = os.path.dirname(mini_sdk.__file__) + os.sep
        assert not any(f.startswith(package) for f in frames), frames
        assert frames[-1].endswith("test_events.py")
        assert phone.errors[0]["type"] == "ZeroDivisionError" and phone.errors[0]["function"].endswith("boom")
    assert errors and "ZeroDivisionError" in errors[0]


def test_form_submit_collects_named_fields():
    got = {}

    class P(Page):
        template = """
        <form bindsubmit="send">
          <input name="nick" id="nick"/>
          <switch name="ice" id="ice"/>
          <checkbox-group name="toppings">
            <checkbox value="pearl" id="pearl"/><checkbox value="jelly"/>
          </checkbox-group>
          <button form-type="submit" id="go">Order</button>
        </form>
        """
        def send(self, e):
            got.update(e.detail.value)

    with run(P) as phone:
        page = phone.current_page
        page.query("#nick").input("阿明")
        page.query("#ice").tap()
        page.query("#pearl").tap()
        page.query("#go").tap()
    assert got == {"nick": "阿明", "ice": True, "toppings": ["pearl"]}


def test_disabled_button_does_not_fire():
    calls = []

    class P(Page):
        template = "<button id='b' disabled='{{true}}' bindtap='go'>+</button>"
        def go(self, e): calls.append(1)

    with run(P) as phone:
        phone.current_page.query("#b").tap()
    assert calls == []


def test_navigator_opens_page():
    class Home(Page):
        template = "<navigator id='n' url='/pages/detail/detail?id=2'>more</navigator>"

    class Detail(Page):
        template = "<text>detail</text>"

    with launch(MiniProgram(pages={"pages/index/index": Home, "pages/detail/detail": Detail})) as phone:
        phone.current_page.query("#n").tap()
        assert phone.page_stack == ["pages/index/index", "pages/detail/detail"]
        assert phone.current_page.query == {"id": "2"}


def test_spec_3_5_mark_gathers_the_path_and_each_handler_has_its_own_detail():
    """``event.mark`` holds every ``mark:`` from the target up to the root (the nearer one
    wins a name); every handler an event reaches gets the same mark and detail, and what one
    handler writes into its event's detail or mark does not reach the next one. (The official
    events page: "如果存在同名的 mark，父节点的 mark 会被子节点覆盖".)"""
    seen = []

    class P(Page):
        template = """
        <view id="card" mark:shop="小息茶記" mark:size="L" bindtap="outer">
          <view id="drink" mark:drink="奶茶" mark:size="M" bindtap="inner">奶茶</view>
        </view>
        """

        def inner(self, event):
            seen.append(("inner", dict(event.mark), dict(event.detail)))
            event.mark["drink"] = "changed"
            event.detail["x"] = 99

        def outer(self, event):
            seen.append(("outer", dict(event.mark), dict(event.detail)))

    with run(P) as phone:
        phone.current_page.query("#drink").tap()
        phone.current_page.query("#card").tap()
    mark = {"shop": "小息茶記", "drink": "奶茶", "size": "M"}
    assert seen[0] == ("inner", mark, {"x": 0, "y": 0})
    assert seen[1] == ("outer", mark, {"x": 0, "y": 0})
    # tapping the card itself: only its own marks
    assert seen[2] == ("outer", {"shop": "小息茶記", "size": "L"}, {"x": 0, "y": 0})
