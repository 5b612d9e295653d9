"""The notebook preview, without a browser: the widget tree is built from the page, clicking
its widgets runs the program, and the view follows (the browser test is tests/browser/)."""
from __future__ import annotations

import os

import ipywidgets as W
import pytest

from mini_sdk import MiniProgram, Page, set_language, wx
from mini_sdk.live_preview import PhonePreview, preview

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples")


class Counter(Page):
    template = """
    <view class="box">
      <text id="count">Count: {{count}}</text>
      <button id="add" type="primary" bindtap="add" data-step="1">+1</button>
      <button id="reset" bindtap="reset">Reset</button>
      <button id="shout" bindtap="shout">Shout</button>
      <view id="card" class="card" bindtap="open_card" data-id="7" style="width: 300rpx">
        <text>Tea</text><button id="buy" catchtap="buy">Buy</button>
      </view>
      <input id="name" value="{{name}}" bindinput="named" placeholder="Your name"/>
      <text id="hello">Hi {{name}}</text>
    </view>
    """
    style = ".box { padding: 20rpx; } #count { color: red; }"
    data = {"count": 0, "name": "", "bought": 0}

    def add(self, event):
        step = int(event.current_target.dataset["step"])
        self.set_data({"count": self.data["count"] + step})

    def reset(self, event):
        wx.show_modal(title="Reset?", content="Back to 0",
                      success=lambda res: res["confirm"] and self.set_data({"count": 0}))

    def shout(self, event):
        print("hello from shout")
        wx.show_toast(title="Hi!")

    def open_card(self, event):
        wx.navigate_to(url="/pages/detail/detail?id=" + event.current_target.dataset["id"])

    def buy(self, event):
        self.set_data({"bought": self.data["bought"] + 1})

    def named(self, event):
        self.set_data({"name": event.detail.value.upper()})


class Detail(Page):
    template = '<view class="detail">Item {{id}} <button id="oops" bindtap="oops">Oops</button></view>'
    data = {"id": ""}

    def on_load(self, query):
        self.set_data({"id": query["id"]})

    def oops(self, event):
        total = self.data["missing"] + 1  # the student's bug
        self.set_data({"total": total})


def make_program(**extra):
    return MiniProgram(pages={"pages/index/index": Counter, "pages/detail/detail": Detail},
                       window={"navigationBarTitleText": "Counter"}, **extra)


@pytest.fixture
def pv():
    phone = preview(make_program(), live=False)
    yield phone
    phone.close()


def page_text(pv: PhonePreview) -> str:
    return pv.screen()


# the widget tree -----------------------------------------------------------------------------
def test_the_page_becomes_widgets(pv):
    assert isinstance(pv, W.VBox) and isinstance(pv, PhonePreview)
    add = pv.widget_for("#add")
    assert isinstance(add, W.Button) and add.description == "+1"
    assert {"wx-button", "mc-primary"} <= set(add._dom_classes)
    count = pv.widget_for("#count")
    assert isinstance(count, W.HTML) and "Count: 0" in count.value
    assert isinstance(pv.widget_for("#name"), W.Text)
    assert pv.widget_for("#name").placeholder == "Your name"
    card = pv.widget_for("#card")  # a view with its own tap binding: a box with a hit button
    assert isinstance(card, W.Box) and "mc-tap" in card._dom_classes and "card" in card._dom_classes
    # the page box holds the page's root view
    box = pv.widget_for(".box")
    assert box in pv._page.children and "mc-box" in box._dom_classes


def test_clicking_plus_one_updates_the_count(pv):
    add = pv.widget_for("#add")
    add.click()
    add.click()
    assert "Count: 2" in pv.widget_for("#count").value
    assert pv.phone.current_page.data["count"] == 2
    assert pv.widget_for("#add") is add  # the same widget: no flicker, no new views


def test_text_is_escaped():
    class Evil(Page):
        template = "<view><text>{{x}}</text><button bindtap='t'>{{x}}</button></view>"
        data = {"x": "<img src=x onerror=alert(1)>"}

        def t(self, e):
            pass

    pv = preview(MiniProgram(pages={"pages/index/index": Evil}), live=False)
    html = pv.widget_for("text").value
    assert "<img" not in html and "&lt;img" in html
    assert pv.widget_for("button").description == "<img src=x onerror=alert(1)>"  # text, not HTML


def test_navigation_and_back(pv):
    assert "mc-hidden" in pv._back._dom_classes
    pv.click("#card")
    assert pv.phone.current_page.route == "pages/detail/detail"
    assert "Item 7" in page_text(pv)
    back = pv.find_button("‹")
    assert back is pv._back and "mc-hidden" not in back._dom_classes
    back.click()
    assert pv.phone.current_page.route == "pages/index/index"
    assert "mc-hidden" in pv._back._dom_classes


def test_catchtap_inside_a_tappable_card_does_not_open_it(pv):
    pv.widget_for("#buy").click()
    assert pv.phone.current_page.data["bought"] == 1
    assert pv.phone.current_page.route == "pages/index/index"


def test_answering_a_modal(pv):
    pv.click("#add")
    pv.click("#reset")
    assert pv.find_button("确定") is not None and pv.find_button("取消") is not None
    assert any("mc-modal" in w._dom_classes for w in pv._layer.children)
    pv.find_button("取消").click()
    assert pv.phone.current_page.data["count"] == 1
    pv.click("#reset")
    pv.find_button("确定").click()
    assert pv.phone.current_page.data["count"] == 0
    assert "Count: 0" in pv.widget_for("#count").value
    assert pv.find_button("确定") is None


def test_typing_runs_bindinput_and_keeps_the_input_widget(pv):
    name = pv.widget_for("#name")
    name.value = "li"
    assert pv.phone.current_page.data["name"] == "LI"
    assert pv.widget_for("#name") is name and name.value == "LI"
    assert "Hi LI" in pv.widget_for("#hello").value


def test_two_previews_are_independent():
    program = make_program()
    one, two = preview(program, live=False), preview(program, live=False)
    assert one.phone is not two.phone and one.scope != two.scope
    one.click("#add")
    assert "Count: 1" in one.widget_for("#count").value
    assert "Count: 0" in two.widget_for("#count").value
    assert one.scope in one._css_page.value and two.scope not in one._css_page.value


def test_wxss_scoped_ids_and_inline_styles(pv):
    css = pv._css_page.value
    assert f".{pv.scope} .box" in css and "padding:10px" in css.replace(" ", "")
    assert f".mc-id-count" in css  # #count also matches the widget of #count
    card = pv.widget_for("#card")
    uid_class = next(c for c in card._dom_classes if c.startswith("mc-n"))
    assert f".{uid_class}{{width:150px !important}}" in pv._css_dyn.value


def test_mimebundle_has_the_widget_and_an_html_fallback(pv):
    bundle = pv._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "Count: 0" in bundle["text/html"] and "<style>" in bundle["text/html"]


def test_nbconvert_shows_the_html_phone_when_widgets_cannot_run(pv):
    nbformat = pytest.importorskip("nbformat")
    from nbconvert import HTMLExporter

    bundle = pv._repr_mimebundle_()
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("preview(program)")
    cell.outputs = [nbformat.v4.new_output("display_data", data=bundle)]
    nb.cells = [cell]
    html, _ = HTMLExporter().from_notebook_node(nb)
    assert "Count: 0" in html


def test_a_students_error_shows_in_a_red_box_not_on_stderr(pv, capsys):
    pv.click("#card")
    pv.click("#oops")
    errors = pv.errors
    assert errors and errors[0]["message"].startswith("There is no key 'missing' in this dictionary")
    assert "(Python says: KeyError: 'missing')" in errors[0]["message"]
    assert errors[0]["code"] == 'total = self.data["missing"] + 1  # the student\'s bug'
    assert "oops" in errors[0]["where"] and "test_preview.py" in errors[0]["where"]
    box = [w for w in pv._layer.children if "mc-error" in w._dom_classes]
    assert box and "KeyError" in box[0].children[0].value
    out = capsys.readouterr()
    assert out.err == "" and out.out == ""
    pv.find_button("✕").click()
    assert pv.errors == [] and "mc-hidden" in pv._layer._dom_classes
    pv.find_button("‹").click()  # the phone still works
    assert pv.phone.current_page.route == "pages/index/index"


def test_error_box_speaks_the_students_language(pv):
    set_language("zh-Hant")
    pv.click("#card")
    pv.click("#oops")
    body = [w for w in pv._layer.children if "mc-error" in w._dom_classes][0].children[0].value
    assert "你的程式碼出錯了" in body and "第" in body


def test_prints_go_to_the_console_and_toasts_wait_for_time(pv, capsys):
    pv.click("#shout")
    assert pv.console == "hello from shout\n"
    assert "hello from shout" in pv._console_text.value
    assert capsys.readouterr().out == ""
    assert any("mc-toast-w" in w._dom_classes for w in pv._layer.children)
    # no event loop here: time stands still until the student lets it pass
    skip = pv.find_button("⏩")
    assert skip is not None
    skip.click()
    assert not any("mc-toast-w" in w._dom_classes for w in pv._layer.children)
    assert pv.find_button("⏩") is None


def test_a_failing_launch_still_shows_a_phone():
    class Broken(Page):
        template = "<view>hi</view>"

        def on_load(self, query):
            raise ValueError("bad start")

    pv = preview(MiniProgram(pages={"pages/index/index": Broken}), live=False)
    assert pv.errors[0]["message"] == "Python stopped with an error: ValueError: bad start"
    assert pv.errors[0]["code"] == 'raise ValueError("bad start")'


def test_preview_of_something_else_explains():
    pv = preview(42, live=False)
    assert "needs a MiniProgram" in pv.errors[0]["message"] and "int" in pv.errors[0]["message"]
    assert "needs a MiniProgram" in pv._repr_mimebundle_()["text/html"]
    pv = preview(Counter, live=False)  # a page class alone: a one-page program
    assert "Count: 0" in pv.screen()


def test_tab_bar():
    class A(Page):
        template = "<view>Page A</view>"

    class B(Page):
        template = "<view>Page B</view>"

    program = MiniProgram(pages={"pages/a/a": A, "pages/b/b": B}, tab_bar={
        "color": "#999999", "selectedColor": "#ff0000",
        "list": [{"pagePath": "pages/a/a", "text": "Home"}, {"pagePath": "pages/b/b", "text": "Me"}]})
    pv = preview(program, live=False)
    home, me = pv.find_button("Home"), pv.find_button("Me")
    assert "mc-tab-on" in home._dom_classes and "mc-tab-on" not in me._dom_classes
    me.click()
    assert "Page B" in pv.screen() and "mc-tab-on" in me._dom_classes
    assert "#ff0000" in pv._css_dyn.value


def test_switches_and_checkboxes_toggle():
    class Settings(Page):
        template = """<view><switch id="sw" checked="{{on}}" bindchange="flip"/>
        <text id="state">{{on ? 'ON' : 'OFF'}}</text></view>"""
        data = {"on": False}

        def flip(self, event):
            self.set_data({"on": event.detail.value})

    pv = preview(MiniProgram(pages={"pages/index/index": Settings}), live=False)
    pv.click("#sw")
    assert "ON" in pv.widget_for("#state").value
    assert 'aria-checked="true"' in pv.widget_for("#sw").children[0].value


def test_widgets_of_old_screens_are_closed():
    from ipywidgets.widgets.widget import _instances

    at_start = len(_instances)
    pv = preview(make_program(), live=False)
    pv.click("#add")
    before = len(_instances)
    for _ in range(5):
        pv.click("#card")
        pv.find_button("‹").click()
        pv.click("#reset")
        pv.find_button("确定").click()
    assert len(_instances) <= before + 2
    pv.close()
    assert pv.comm is None and len(_instances) == at_start


@pytest.mark.skipif(not os.path.isdir(os.path.join(EXAMPLES, "bubble_tea")), reason="example missing")
def test_pay_sheet_in_the_bubble_tea_example():
    pv = preview(os.path.join(EXAMPLES, "bubble_tea"), live=False)
    for selector in ("#add-1", "#add-2", "#go-cart", "#checkout"):
        pv.click(selector)
    assert pv.find_button("Pay") is not None
    assert "¥" in [w for w in pv._layer.children if "mc-pay" in w._dom_classes][0].children[0].value
    pv.find_button("Pay").click()
    assert pv.phone.current_page.route == "pages/orders/orders"
    assert pv.errors == []


def test_from_mini_sdk_import_preview_works_again_after_the_module_loaded():
    import mini_sdk.live_preview  # noqa: F401 - what the first call does
    from mini_sdk import preview as again

    pv = again(make_program(), live=False)
    assert isinstance(pv, PhonePreview) and "Count: 0" in pv.screen()


def test_with_an_event_loop_time_follows_the_clock_on_the_wall():
    """In a kernel (which has an event loop) a toast vanishes by itself, as on a phone."""
    import asyncio

    class Quick(Page):
        template = "<view><button id='hi' bindtap='hi'>Hi</button><text id='n'>{{n}}</text></view>"
        data = {"n": 0}

        def hi(self, event):
            wx.show_toast(title="Hello", duration=200)
            wx.set_navigation_bar_title(title="Hi")

    async def scenario():
        pv = preview(MiniProgram(pages={"pages/index/index": Quick}))
        pv.click("#hi")
        assert any("mc-toast-w" in w._dom_classes for w in pv._layer.children)
        assert pv.find_button("⏩") is None  # no skip button: time runs by itself
        await asyncio.sleep(0.5)
        assert not any("mc-toast-w" in w._dom_classes for w in pv._layer.children)
        assert pv._title.value == "Hi"
        pv.close()

    asyncio.run(scenario())


def test_warnings_show_in_the_console():
    class Typo(Page):
        template = "<view><button id='b' bindtap='ad'>+</button></view>"

        def add(self, event):
            pass

    pv = preview(MiniProgram(pages={"pages/index/index": Typo}), live=False)
    pv.click("#b")
    assert pv.console.startswith("⚠ ") and "ad" in pv.console


def test_a_shorter_phone_for_a_small_page():
    pv = preview(make_program(), live=False, height=360)
    css = pv._css_frame.value
    assert "height:360px" in css and "height:667px" not in css


def test_the_phone_fits_its_page():
    class Small(Page):
        template = "<view>Hi</view><button>OK</button>"

    class Long(Page):
        template = '<view wx:for="{{rows}}">{{item}}</view>'
        data = {"rows": [f"row {i}" for i in range(40)]}

    small = preview(MiniProgram(pages={"pages/index/index": Small}), live=False)
    long = preview(MiniProgram(pages={"pages/index/index": Long}), live=False)
    fixed = preview(MiniProgram(pages={"pages/index/index": Small}), live=False, height=500)
    try:
        assert 300 <= small.height < 450
        assert long.height == 667
        assert fixed.height == 500
        assert f"height:{small.height}px" in small._css_frame.value
    finally:
        for pv in (small, long, fixed):
            pv.close()
