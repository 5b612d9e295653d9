"""Components (spec §1.4): properties, observers, lifetimes, trigger_event, slots."""
import pytest

from mini_sdk import Component, MiniProgram, Page, SetDataError
from mini_sdk.testing import launch, render_component


class DrinkCard(Component):
    template = """
    <view class="card">
      <text class="name">{{name}}</text><text class="price">¥{{price}}</text>
      <text class="count">{{count}}</text>
      <button class="add" bindtap="add">+</button>
      <slot></slot>
    </view>
    """
    properties = {"name": str, "price": {"type": int, "value": 0, "observer": "price_changed"}}
    data = {"count": 0, "label": ""}
    observers = {"name, price": "update_label"}
    seen: list = []

    def created(self):
        self.seen.append("created")

    def attached(self):
        self.seen.append("attached")

    def ready(self):
        self.seen.append("ready")

    def detached(self):
        self.seen.append("detached")

    def price_changed(self, new, old):
        self.seen.append(f"price {old}->{new}")

    def update_label(self, name, price):
        self.set_data({"label": f"{name} {price}"})

    def add(self, event):
        self.set_data({"count": self.data["count"] + 1})
        self.trigger_event("add", {"name": self.data["name"], "count": self.data["count"]})


def test_spec_1_4_properties_typed_from_attributes_and_observers():
    DrinkCard.seen = []
    card = render_component(DrinkCard, {"name": "奶茶", "price": 12})
    assert card.data["name"] == "奶茶" and card.data["price"] == 12
    assert card.data["label"] == "奶茶 12"
    assert DrinkCard.seen[:2] == ["created", "price 0->12"] or "created" in DrinkCard.seen
    card.set_properties(price=15)
    assert card.data["label"] == "奶茶 15"
    assert "price 12->15" in DrinkCard.seen


def test_spec_1_4_tap_inside_component_and_trigger_event():
    card = render_component(DrinkCard, {"name": "Lemon tea", "price": 10})
    card.query(".add").tap()
    card.query(".add").tap()
    assert card.data["count"] == 2
    assert card.query(".count").text == "2"
    assert card.events == [{"name": "add", "detail": {"name": "Lemon tea", "count": 1}},
                           {"name": "add", "detail": {"name": "Lemon tea", "count": 2}}]


def test_spec_1_4_page_listens_to_component_event_and_fills_slot():
    class Menu(Page):
        template = """
        <drink-card id="tea" name="奶茶" price="{{12}}" bind:add="on_add"><text class="note">hot</text></drink-card>
        <text id="total">{{total}}</text>
        """
        data = {"total": 0}
        using_components = {"drink-card": DrinkCard}

        def on_add(self, event):
            self.set_data({"total": self.data["total"] + 12})

    with launch(MiniProgram(pages={"pages/menu/menu": Menu})) as phone:
        page = phone.current_page
        assert page.query("#tea .note").text == "hot"
        page.query("#tea .add").tap()
        assert page.query("#total").text == "12"
        assert phone._phone.current_page.select_component("#tea").data["count"] == 1


def test_spec_1_5_component_lifetimes_around_page():
    DrinkCard.seen = []

    class Menu(Page):
        template = '<drink-card wx:if="{{show}}" name="x" price="{{1}}"/>'
        data = {"show": True}
        using_components = {"drink-card": DrinkCard}

        def hide(self):
            self.set_data({"show": False})

    with launch(MiniProgram(pages={"pages/menu/menu": Menu})) as phone:
        life = [x for x in phone.lifecycle if not x.startswith("App")]
        assert life.index("DrinkCard.created") < life.index("DrinkCard.attached") < life.index("pages/menu/menu.on_load")
        assert life.index("pages/menu/menu.on_show") < life.index("DrinkCard.ready") < life.index("pages/menu/menu.on_ready")
        phone.current_page.call_method("hide")
        assert DrinkCard.seen[-1] == "detached"


def test_spec_2_set_data_in_created_is_refused():
    class Early(Component):
        template = "<view/>"

        def created(self):
            self.set_data({"x": 1})

    with pytest.raises(SetDataError) as info:
        render_component(Early)
    assert "attached" in str(info.value)


def test_spec_1_4_observer_fires_for_parent_path_and_wildcard():
    calls = []

    class Watch(Component):
        template = "<view/>"
        data = {"a": {"b": 1, "c": 2}, "other": 0}
        observers = {"a.b": "ab", "a.**": "deep", "**": "everything"}

        def ab(self, v): calls.append(("a.b", v))
        def deep(self, v): calls.append(("a.**", v))
        def everything(self): calls.append("**")

        def go(self):
            self.set_data({"a.c": 5})       # not a.b; a.** yes
            self.set_data({"a": {"b": 9}})  # parent of a.b
            self.set_data({"other": 1})

    h = render_component(Watch)
    calls.clear()
    h.call_method("go")
    assert calls == [("a.**", {"b": 1, "c": 5}), "**", ("a.b", 9), ("a.**", {"b": 9}), "**", "**"]


def test_spec_1_4_observer_loop_is_stopped_with_a_message():
    class Loop(Component):
        template = "<view/>"
        data = {"n": 0}
        observers = {"n": "bump"}

        def bump(self, n):
            self.set_data({"n": n + 1})

        def go(self):
            self.set_data({"n": 1})

    h = render_component(Loop)
    with pytest.raises(SetDataError) as info:
        h.call_method("go")
    assert "observer" in str(info.value)


def test_unknown_property_in_harness_is_explained():
    with pytest.raises(Exception) as info:
        render_component(DrinkCard, {"colour": "red"})
    assert "colour" in str(info.value) and "price" in str(info.value)


def test_page_lifetimes_reach_components():
    calls = []

    class Clock(Component):
        template = "<view/>"
        def page_hide(self): calls.append("hide")
        def page_show(self): calls.append("show")

    class Home(Page):
        template = "<clock-face/>"
        using_components = {"clock-face": Clock}

    class Other(Page):
        template = "<view/>"

    with launch(MiniProgram(pages={"pages/a/a": Home, "pages/b/b": Other})) as phone:
        phone.navigate_to("/pages/b/b")
        phone.navigate_back()
    assert calls == ["hide", "show"]


def test_spec_3_5_tap_inside_component_bubbles_to_page_with_host_as_target():
    seen = {}

    class Inner(Component):
        template = '<view class="inside"><text id="deep">tap me</text></view>'

    class Host(Page):
        template = '<view id="wrap" bindtap="tapped"><inner-card id="card" data-n="{{3}}"/></view>'
        using_components = {"inner-card": Inner}

        def tapped(self, event):
            seen["target"] = (event.target.id, event.target.tag_name, dict(event.target.dataset))
            seen["current"] = event.current_target.id

    with launch(MiniProgram(pages={"pages/p/p": Host})) as phone:
        phone.current_page.query("#deep").tap()
    assert seen == {"target": ("card", "inner-card", {"n": 3}), "current": "wrap"}
