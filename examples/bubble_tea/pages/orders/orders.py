from mini_sdk import Page, wx


class Orders(Page):
    data = {"orders": [], "cups": 0}

    def on_show(self):
        db = wx.cloud.database()
        db.collection("orders").order_by("out_trade_no", "desc").get(success=self.got_orders)
        wx.cloud.call_function(name="shop_stats", success=self.got_stats)

    def got_orders(self, res):
        orders = [dict(o, yuan=f"{o['total'] / 100:.2f}") for o in res.data]
        self.set_data({"orders": orders})

    def got_stats(self, res):
        self.set_data({"cups": res.result["cups"]})
