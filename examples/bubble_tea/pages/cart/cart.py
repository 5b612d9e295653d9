from mini_sdk import Page, get_app, wx


class Cart(Page):
    data = {"cart": [], "total": "0.00"}

    def on_show(self):
        cart = wx.get_storage_sync("cart") or []
        total = sum(line["price"] * line["qty"] for line in cart)
        self.set_data({"cart": cart, "total": f"{total / 100:.2f}"})

    # 1. log in (once): wx.login -> our backend -> a token kept in storage
    def checkout(self, event):
        if not self.data["cart"]:
            wx.show_toast(title="购物车是空的", icon="none")
            return
        if wx.get_storage_sync("token"):
            self.create_order()
        else:
            wx.login(success=self.logged_in)

    def logged_in(self, res):
        wx.request(url=get_app().global_data["api"] + "/login", method="POST",
                   data={"code": res.code}, success=self.got_token)

    def got_token(self, res):
        wx.set_storage_sync("token", res.data["token"])
        self.create_order()

    # 2. the backend makes a WeChat Pay order and signs the payment
    def create_order(self):
        wx.show_loading(title="下单中")
        wx.request(url=get_app().global_data["api"] + "/checkout", method="POST",
                   header={"Authorization": wx.get_storage_sync("token")},
                   data={"cart": [{"id": line["id"], "qty": line["qty"]} for line in self.data["cart"]]},
                   success=self.pay)

    # 3. the phone shows the pay sheet
    def pay(self, res):
        wx.hide_loading()
        if res.status_code != 200:
            wx.show_toast(title="下单失败", icon="error")
            return
        self.order = res.data
        wx.request_payment({**res.data["payment"], "success": self.paid, "fail": self.not_paid})

    # 4. paid: save the order in the cloud database, empty the cart
    def paid(self, res):
        cart = self.data["cart"]
        wx.cloud.database().collection("orders").add(data={
            "out_trade_no": self.order["out_trade_no"],
            "items": cart,
            "cups": sum(line["qty"] for line in cart),
            "total": self.order["total"],
        }, success=self.saved)

    def saved(self, res):
        wx.remove_storage_sync("cart")
        wx.show_toast(title="支付成功")
        wx.switch_tab(url="/pages/orders/orders")

    def not_paid(self, res):
        if res.err_msg == "requestPayment:fail cancel":
            wx.show_toast(title="已取消支付", icon="none")
        else:
            wx.show_modal(title="支付失败", content=res.err_msg, show_cancel=False)
