"""The worked example, driven end to end like a user: menu from the backend, cart in storage,
login, checkout with WeChat Pay, order saved in the cloud database."""
import os

import pytest

testing = pytest.importorskip("mini_sdk.testing")
from mini_sdk import MiniProgram  # noqa: E402

EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "examples", "bubble_tea")


@pytest.fixture
def program():
    return MiniProgram.load(EXAMPLE)


def buy_two_boba_and_one_mango(phone):
    menu = phone.current_page
    assert menu.path == "pages/menu/menu"
    assert [e.text for e in menu.query_all(".name")] == ["黑糖珍珠奶茶", "芒果绿茶", "抹茶拿铁"]
    menu.query("#add-1").tap()
    menu.query("#add-1").tap()
    menu.query("#add-2").tap()
    assert phone.toasts[-1]["title"] == "已加入"
    assert "3 杯" in menu.query("#cart-count").text
    menu.query("#go-cart").tap()
    cart = phone.current_page
    assert cart.path == "pages/cart/cart"
    assert "51.00" in cart.query("#total").text
    cart.query("#checkout").tap()
    return cart


def test_buy_bubble_tea_end_to_end(program):
    with testing.launch(program) as phone:
        assert phone.requests[0]["path"] == "/menu" and phone.requests[0]["status_code"] == 200
        assert phone.toast is None  # the loading was hidden after the menu came
        assert phone.storage == {}
        buy_two_boba_and_one_mango(phone)
        assert phone.storage["cart"] == [
            {"id": 1, "name": "黑糖珍珠奶茶", "price": 1800, "qty": 2},
            {"id": 2, "name": "芒果绿茶", "price": 1500, "qty": 1}]
        # login, then the order: the pay sheet is on screen
        paths = [r["path"] for r in phone.requests]
        assert paths == ["/menu", "/login", "/checkout"]
        sheet = phone.pay_sheet
        assert sheet["merchant"] == "Bubble Tea Shop" and sheet["total"] == 5100
        assert sheet["amount_text"] == "¥51.00"
        phone.confirm_payment()
        # paid: notification reached the backend, order saved in the cloud, cart emptied
        assert phone.payments[-1]["status"] == "paid"
        assert "cart" not in phone.storage and phone.storage["token"]
        assert phone.toasts[-1]["title"] == "支付成功"
        orders = phone.current_page
        assert orders.path == "pages/orders/orders"
        assert "BT00000001：3 杯 ¥51.00" in orders.text
        assert "已卖出 3 杯" in orders.query("#stats").text
        saved = program.cloud.data("orders")
        assert saved[0]["_openid"].startswith("o") and saved[0]["total"] == 5100
        # the shop trusts the notification, not the phone: the backend marked the order paid
        from mini_sdk.wx import wx

        res = wx.request(url="https://api.bubbletea.example/orders/BT00000001",
                         header={"Authorization": phone.storage["token"]}).result()
        assert res.data == {"status": "paid", "total": 5100}
        assert any(e["kind"] == "pay_notify" and e["acknowledged"] for e in phone.log)


def test_cancel_keeps_the_cart(program):
    with testing.launch(program) as phone:
        buy_two_boba_and_one_mango(phone)
        phone.cancel_payment()
        assert phone.payments[-1]["status"] == "cancelled"
        assert phone.toasts[-1]["title"] == "已取消支付"
        assert len(phone.storage["cart"]) == 2
        assert program.cloud.data("orders") == []
        assert phone.current_page.path == "pages/cart/cart"


def test_second_purchase_reuses_the_login_and_storage_survives_restart(program):
    with testing.launch(program) as phone:
        buy_two_boba_and_one_mango(phone)
        phone.confirm_payment()
        phone.restart()
        token = phone.storage["token"]
        assert token
        phone.current_page.query("#add-3").tap()
        phone.current_page.query("#go-cart").tap()
        phone.current_page.query("#checkout").tap()
        phone.confirm_payment()
        paths = [r["path"] for r in phone.requests]
        assert paths.count("/login") == 1 and paths.count("/checkout") == 2
        assert len(program.cloud.data("orders")) == 2
