from mini_sdk import Page, get_app, wx


class Menu(Page):
    data = {"items": [], "count": 0}

    def on_load(self, query):
        wx.show_loading(title="加载中")
        wx.request(url=get_app().global_data["api"] + "/menu",
                   success=self.got_menu, complete=lambda res: wx.hide_loading())

    def on_show(self):
        self.show_count()

    def got_menu(self, res):
        if res.status_code != 200:
            wx.show_toast(title="菜单加载失败", icon="error")
            return
        items = [dict(d, yuan=f"{d['price'] / 100:.2f}") for d in res.data["items"]]
        self.set_data({"items": items})

    def add_to_cart(self, event):
        drink_id = int(event.current_target.dataset["id"])
        drink = next(d for d in self.data["items"] if d["id"] == drink_id)
        cart = wx.get_storage_sync("cart") or []
        for line in cart:
            if line["id"] == drink_id:
                line["qty"] += 1
                break
        else:
            cart.append({"id": drink_id, "name": drink["name"], "price": drink["price"], "qty": 1})
        wx.set_storage_sync("cart", cart)
        self.show_count()
        wx.show_toast(title="已加入")

    def show_count(self):
        cart = wx.get_storage_sync("cart") or []
        self.set_data({"count": sum(line["qty"] for line in cart)})

    def go_cart(self, event):
        wx.navigate_to(url="/pages/cart/cart")
