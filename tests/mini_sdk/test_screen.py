"""What a person sees: the text screen and the HTML phone (issue 2, 'what a person sees')."""
import re

from mini_sdk import MiniProgram, Page
from mini_sdk.testing import launch


class Menu(Page):
    template = """
    <view class="drink"><text class="name">{{name}}</text><button id="add" bindtap="add">+</button></view>
    <text id="n">{{count}}</text>
    """
    style = ".drink { padding: 20rpx 30rpx; } .name { font-size: 32rpx; } view { color: #333; }"
    data = {"name": "<script>alert(1)</script>珍珠奶茶", "count": 0}

    def add(self, event):
        self.set_data({"count": self.data["count"] + 1})


def program():
    return MiniProgram(pages={"pages/menu/menu": Menu, "pages/me/me": type("Me", (Page,), {"template": "<text>me</text>"})},
                       window={"navigationBarTitleText": "茶铺", "navigationBarBackgroundColor": "#07c160"},
                       tab_bar={"list": [{"pagePath": "pages/menu/menu", "text": "菜单"}, {"pagePath": "pages/me/me", "text": "我的"}]})


def test_html_phone_has_bar_page_tabs_and_scoped_wxss_in_px():
    with launch(program()) as phone:
        html = phone._repr_html_()
    scope = re.search(r'class="(mc-s\d+) mc-phone"', html).group(1)
    assert "茶铺" in html and "#07c160" in html and "菜单" in html and "我的" in html
    assert f".{scope} .drink" in html and "padding: 10px 15px" in html  # 20rpx 30rpx at 375 px
    assert f".{scope} .wx-view" in html  # tag selectors become wx-<tag> classes
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_two_phones_on_one_page_do_not_share_styles():
    with launch(program()) as a, launch(program()) as b:
        first, second = a._repr_html_(), b._repr_html_()
    scope_a = re.search(r'class="(mc-s\d+) mc-phone"', first).group(1)
    scope_b = re.search(r'class="(mc-s\d+) mc-phone"', second).group(1)
    assert scope_a != scope_b


def test_program_shows_itself_in_a_notebook():
    html = program()._repr_html_()
    assert "mc-phone" in html and "珍珠奶茶" in html


def test_text_screen_layout():
    with launch(program()) as phone:
        phone.current_page.query("#add").tap()
        assert phone.screen().splitlines() == [
            "茶铺",
            "─" * 24,
            "<script>alert(1)</script>珍珠奶茶 [ + ]",
            "1",
            "─" * 24,
            "[菜单]  我的 ",
        ]


def test_a_correct_program_writes_nothing_to_stdout_or_stderr(capfd):
    with launch(program()) as phone:
        phone.current_page.query("#add").tap()
        phone.tap_tab("我的")
        phone.screen()
        phone._repr_html_()
    out, err = capfd.readouterr()
    assert out == "" and err == ""
