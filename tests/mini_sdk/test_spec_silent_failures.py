"""Rules: a wx promise that fails with nobody handling it is not silent (spec §5.1: with no
callbacks the API returns a promise; the real console prints "Uncaught (in promise)" with the
err_msg, e.g. the 11th navigateTo's "navigateTo:fail webview count limit exceed", §4.3); and
an open dialog (modal, action sheet, pay sheet, masked toast) covers the page, so a finger
cannot tap what is under it."""
import pytest

from mini_sdk import App, MiniProgram, Page, set_language, wx
from mini_sdk.testing import BlockedByDialog, launch


class Deep(Page):
    template = "<button id='next' bindtap='next'>next</button><button id='ask' bindtap='ask'>ask</button>"

    def next(self, event):
        wx.navigate_to(url="/pages/deep/deep")       # no callbacks: the promise form

    def ask(self, event):
        wx.show_modal(title="Delete?", content="Really?")


def test_rule_eleventh_navigate_to_without_callbacks_warns_with_the_real_err_msg():
    with launch(MiniProgram(pages={"pages/deep/deep": Deep})) as phone:
        for _ in range(9):
            phone.current_page.query("#next").tap()
        assert len(phone.page_stack) == 10 and phone.warnings == []
        phone.current_page.query("#next").tap()
        assert len(phone.page_stack) == 10
        (warning,) = phone.warnings
        assert "wx.navigate_to failed" in warning
        assert "navigateTo:fail webview count limit exceed" in warning
        assert "Uncaught (in promise)" in warning


def test_rule_a_handled_failure_does_not_warn():
    got = []

    class Careful(Page):
        template = "<button id='go' bindtap='go'>go</button>"

        def go(self, event):
            wx.navigate_to(url="/pages/nowhere/nowhere").catch(lambda res: got.append(res["err_msg"]))
            wx.navigate_to(url="/pages/nowhere/nowhere", fail=lambda res: got.append("cb"))

    with launch(MiniProgram(pages={"pages/index/index": Careful})) as phone:
        phone.current_page.query("#go").tap()
        assert len(got) == 2 and phone.warnings == []


def test_rule_unhandled_rejection_reaches_app_hook():
    reasons = []

    class Watch(App):
        def on_unhandled_rejection(self, res):
            reasons.append(res["reason"]["err_msg"])

    with launch(MiniProgram(pages={"pages/deep/deep": Deep}, app=Watch)) as phone:
        for _ in range(10):
            phone.current_page.query("#next").tap()
        assert reasons == ["navigateTo:fail webview count limit exceed"]


@pytest.mark.parametrize("lang, words", [("en", "covers the screen"), ("zh-Hans", "盖住了屏幕"),
                                         ("zh-Hant", "蓋住了螢幕")])
def test_rule_an_open_modal_blocks_taps_on_the_page(lang, words):
    set_language(lang)
    with launch(MiniProgram(pages={"pages/deep/deep": Deep})) as phone:
        phone.current_page.query("#ask").tap()
        with pytest.raises(BlockedByDialog) as caught:
            phone.current_page.query("#next").tap()
        assert words in str(caught.value) and "Delete?" in str(caught.value)
        assert len(phone.page_stack) == 1
        phone.cancel_modal()
        phone.current_page.query("#next").tap()
        assert len(phone.page_stack) == 2


def test_rule_a_masked_loading_box_blocks_taps_an_unmasked_toast_does_not():
    class Busy(Page):
        template = "<button id='a' bindtap='toast'>a</button><button id='b' bindtap='load'>b</button>"
        data = {"taps": 0}

        def toast(self, event):
            self.set_data({"taps": self.data["taps"] + 1})
            wx.show_toast(title="hi")

        def load(self, event):
            wx.show_loading(title="wait", mask=True)

    with launch(MiniProgram(pages={"pages/index/index": Busy})) as phone:
        phone.current_page.query("#a").tap()
        phone.current_page.query("#a").tap()      # the toast has no mask
        assert phone.current_page.data["taps"] == 2
        phone.current_page.query("#b").tap()
        with pytest.raises(BlockedByDialog):
            phone.current_page.query("#a").tap()
