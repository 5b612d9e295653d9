"""The preview in a real JupyterLab, in headless Chromium: a student's view of ``preview()``.

Runs all cells of a notebook that previews a counter program, then taps the phone like a
student: "+1" twice, to the detail page and back, a modal answered, a second preview on the
same notebook left alone. Screenshots land in ``artifacts/browser/``.
"""
from __future__ import annotations

import sys
import time

from labkit import ARTIFACTS, REPO, open_notebook

PROGRAM = r'''
import sys
assert sys.executable == EXPECTED_PYTHON, sys.executable  # the repo's .venv, not another python
from mini_sdk import MiniProgram, Page, wx, preview

class Counter(Page):
    template = """
    <view class="box">
      <text class="hello">Hello, 小程序!</text>
      <text id="count" class="count">Count: {{count}}</text>
      <button id="add" type="primary" bindtap="add" data-step="1">+1</button>
      <button id="reset" bindtap="reset">Reset</button>
      <navigator url="/pages/detail/detail?id=7" class="link">Open details ›</navigator>
    </view>
    """
    style = """
    .box { padding: 40rpx; }
    .hello { display: block; color: #888; font-size: 28rpx; }
    .count { display: block; font-size: 64rpx; font-weight: bold; margin: 30rpx 0; }
    .link { color: #576b95; margin-top: 30rpx; padding: 20rpx 0; }
    """
    data = {"count": 0}

    def add(self, event):
        step = int(event.current_target.dataset["step"])
        self.set_data({"count": self.data["count"] + step})
        if self.data["count"] == 2:
            wx.show_toast(title="Two!")

    def reset(self, event):
        wx.show_modal(title="Reset?", content="Start again from 0",
                      success=lambda res: res["confirm"] and self.set_data({"count": 0}))

class Detail(Page):
    template = """<view class="detail"><text>Item {{id}}</text></view>"""
    style = ".detail { padding: 40rpx; font-size: 40rpx; }"
    data = {"id": ""}

    def on_load(self, query):
        self.set_data({"id": query["id"]})

program = MiniProgram(
    pages={"pages/index/index": Counter, "pages/detail/detail": Detail},
    window={"navigationBarTitleText": "Counter", "navigationBarBackgroundColor": "#07c160"},
)
'''


def _wait_text(page, locator, text: str, timeout: float = 10_000) -> None:
    locator.filter(has_text=text).first.wait_for(timeout=timeout)


def test_counter_preview_in_jupyterlab(jupyter_lab, lab_page):
    page = lab_page
    started = time.monotonic()
    program = PROGRAM.replace("EXPECTED_PYTHON", repr(sys.executable))
    notebook = open_notebook(page, jupyter_lab, "preview_counter.ipynb",
                             [program, "phone = preview(program)\nphone", "other = preview(program)\nother"])
    phones = notebook.locator(".mc-preview")
    phones.nth(1).locator(".mc-phone").wait_for(timeout=30_000)
    first, second = phones.nth(0), phones.nth(1)
    screen = first.locator(".mc-page")
    _wait_text(page, screen, "Count: 0")
    page.screenshot(path=str(ARTIFACTS / "01-launched.png"))

    # the student's styles are applied (WXSS -> scoped CSS in a <style> inside an HTML widget)
    size = first.locator(".count").evaluate("el => getComputedStyle(el).fontSize")
    assert size == "32px"

    add = first.locator("button.wx-button", has_text="+1")
    add.click()
    _wait_text(page, screen, "Count: 1")
    add.click()
    _wait_text(page, screen, "Count: 2")
    _wait_text(page, first.locator(".mc-toast"), "Two!")
    first.locator(".mc-phone").screenshot(path=str(ARTIFACTS / "02-count-2-toast.png"))
    # the other preview on the page is another phone
    assert "Count: 0" in second.locator(".mc-page").inner_text()
    # the toast goes away by itself after 1.5 s, as on a phone (the live clock)
    first.locator(".mc-toast").wait_for(state="detached", timeout=10_000)

    # to the second page and back
    first.locator(".mc-tap", has_text="Open details").click()
    _wait_text(page, screen, "Item 7")
    back = first.locator("button.mc-back")
    back.wait_for(state="visible")
    first.locator(".mc-phone").screenshot(path=str(ARTIFACTS / "03-detail.png"))
    back.click()
    _wait_text(page, screen, "Count: 2")
    assert first.locator("button.mc-back").is_hidden()

    # a modal, answered
    first.locator("button.wx-button", has_text="Reset").click()
    modal = first.locator(".mc-modal")
    _wait_text(page, modal, "Start again from 0")
    first.locator(".mc-phone").screenshot(path=str(ARTIFACTS / "04-modal.png"))
    modal.locator("button.mc-modal-confirm").click()
    _wait_text(page, screen, "Count: 0")
    modal.wait_for(state="detached")
    page.screenshot(path=str(ARTIFACTS / "05-after-modal.png"))

    # the second preview still works on its own
    second.locator("button.wx-button", has_text="+1").click()
    _wait_text(page, second.locator(".mc-page"), "Count: 1")
    assert "Count: 0" in screen.inner_text()
    page.screenshot(path=str(ARTIFACTS / "06-two-phones.png"), full_page=True)
    assert time.monotonic() - started < 60


SHOWCASE = r'''
from mini_sdk import MiniProgram, Page, preview

class Profile(Page):
    template = """
    <view class="form">
      <input id="name" class="name" value="{{name}}" bindinput="typed" placeholder="Your name"/>
      <text id="hello" class="hello">Hello {{name}}</text>
      <button id="oops" type="warn" bindtap="oops">Oops</button>
    </view>
    """
    style = ".form { padding: 32rpx; } .name { border: 1px solid #ccc; padding: 12rpx; } .hello { display: block; margin: 24rpx 0; }"
    data = {"name": ""}

    def typed(self, event):
        self.set_data({"name": event.detail.value})

    def oops(self, event):
        total = self.data["count"] + 1
        self.set_data({"total": total})

profile = preview(MiniProgram(pages={"pages/profile/profile": Profile},
                              window={"navigationBarTitleText": "Profile",
                                      "navigationBarBackgroundColor": "#ffffff",
                                      "navigationBarTextStyle": "black"}))
profile
'''


def test_shop_tab_bar_pay_sheet_input_and_error_box(jupyter_lab, lab_page):
    page = lab_page
    started = time.monotonic()
    shop = str(REPO / "examples" / "bubble_tea")
    notebook = open_notebook(page, jupyter_lab, "preview_showcase.ipynb",
                             [f"from mini_sdk import preview\nshop = preview({shop!r})\nshop", SHOWCASE])
    phones = notebook.locator(".mc-preview")
    phones.nth(1).locator(".mc-phone").wait_for(timeout=30_000)
    shop_phone, profile = phones.nth(0), phones.nth(1)

    # the shop: a list from the backend, a tab bar, the cart and WeChat Pay
    screen = shop_phone.locator(".mc-page")
    _wait_text(page, screen, "黑糖珍珠奶茶")
    assert shop_phone.locator(".mc-tab").count() == 2
    shop_phone.locator(".mc-phone").screenshot(path=str(ARTIFACTS / "11-shop-menu.png"))
    shop_phone.locator("button.add").first.click()
    _wait_text(page, screen, "购物车：1 杯")
    shop_phone.locator("button.wx-button", has_text="去结算").click()
    _wait_text(page, screen, "合计")
    shop_phone.locator("button.wx-button", has_text="微信支付").click()
    sheet = shop_phone.locator(".mc-pay")
    _wait_text(page, sheet, "¥18.00")
    shop_phone.locator(".mc-phone").screenshot(path=str(ARTIFACTS / "12-pay-sheet.png"))
    sheet.locator("button.mc-pay-confirm").click()
    _wait_text(page, screen, "BT00000001")
    shop_phone.locator(".mc-phone").screenshot(path=str(ARTIFACTS / "13-orders-tab.png"))

    # typing, and a student's error shown on the phone
    profile.locator(".mc-input input").fill("李文琪")
    _wait_text(page, profile.locator(".mc-page"), "Hello 李文琪")
    profile.locator("button.wx-button", has_text="Oops").click()
    error = profile.locator(".mc-error")
    _wait_text(page, error, "KeyError: 'count'")
    _wait_text(page, error, 'total = self.data["count"] + 1')
    profile.locator(".mc-phone").screenshot(path=str(ARTIFACTS / "14-error-box.png"))
    error.locator("button.mc-error-close").click()
    error.wait_for(state="detached")
    assert time.monotonic() - started < 60


def test_counter_preview_in_notebook_7(jupyter_lab, lab_page):
    page = lab_page
    program = PROGRAM.replace("EXPECTED_PYTHON", repr(sys.executable))
    notebook = open_notebook(page, jupyter_lab, "preview_nb7.ipynb",
                             [program, "preview(program)"], ui="notebook")
    phone = notebook.locator(".mc-preview").first
    screen = phone.locator(".mc-page")
    _wait_text(page, screen, "Count: 0", timeout=30_000)
    add = phone.locator("button.wx-button", has_text="+1")
    add.click()
    add.click()
    _wait_text(page, screen, "Count: 2")
    phone.locator(".mc-tap", has_text="Open details").click()
    _wait_text(page, screen, "Item 7")
    phone.locator("button.mc-back").click()
    _wait_text(page, screen, "Count: 2")
    page.screenshot(path=str(ARTIFACTS / "21-notebook7.png"))
