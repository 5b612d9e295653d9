"""Rule: a form control is native; what the user typed (or toggled) stays when set_data
changes something else on the page or on the element, and goes only when the program changes
the attribute the template binds, or when wx:if removes the control."""
from mini_sdk import Component, MiniProgram, Page
from mini_sdk.testing import launch


class SignUp(Page):
    template = """
    <form bindsubmit="submit">
      <view wx:if="{{message}}" id="message">{{message}}</view>
      <input name="nickname" class="field {{bad ? 'bad' : ''}}" value="{{start}}"/>
      <switch name="news" class="{{bad ? 'bad' : ''}}"/>
      <button id="send" form-type="submit">Send</button>
    </form>
    <button id="clear" bindtap="clear">clear</button>
    <button id="fill" bindtap="fill">fill</button>
    """
    data = {"bad": False, "message": "", "sent": [], "start": ""}

    def submit(self, event):
        value = event.detail.value
        short = len(value["nickname"]) < 3
        self.set_data({"sent": self.data["sent"] + [dict(value)], "bad": short,
                       "message": "too short" if short else ""})

    def clear(self, event):
        self.set_data({"start": "x"})

    def fill(self, event):
        self.set_data({"start": "Tom"})


def test_rule_typed_text_survives_a_class_change_and_a_sibling_appearing():
    with launch(MiniProgram(pages={"pages/index/index": SignUp})) as phone:
        page = phone.current_page
        page.query("input").input("ab")
        page.query("switch").tap()
        page.query("#send").tap()
        assert page.query("input").attribute("class") == "field bad"
        page.query("#send").tap()
        assert page.data["sent"] == [{"nickname": "ab", "news": True}, {"nickname": "ab", "news": True}]
        assert page.query("input").attribute("value") == "ab"


def test_rule_the_program_setting_the_bound_value_replaces_what_was_typed():
    with launch(MiniProgram(pages={"pages/index/index": SignUp})) as phone:
        page = phone.current_page
        page.query("input").input("ab")
        page.query("#fill").tap()
        assert page.query("input").attribute("value") == "Tom"
        page.query("#send").tap()
        assert page.data["sent"][-1]["nickname"] == "Tom"


class Toggle(Page):
    template = """
    <input wx:if="{{open}}" id="box"/>
    <button id="flip" bindtap="flip">flip</button>
    """
    data = {"open": True}

    def flip(self, event):
        self.set_data({"open": not self.data["open"]})


def test_rule_wx_if_removing_the_input_loses_what_was_typed():
    with launch(MiniProgram(pages={"pages/index/index": Toggle})) as phone:
        page = phone.current_page
        page.query("#box").input("hello")
        page.query("#flip").tap()
        page.query("#flip").tap()
        assert page.query("#box").attribute("value") in (None, "")


class Field(Component):
    template = "<input id='inner' class='{{warn ? \"red\" : \"\"}}'/><button id='check' bindtap='flag'>check</button>"
    data = {"warn": False}

    def flag(self):
        self.set_data({"warn": True})


def test_rule_typed_text_in_a_component_survives_its_own_set_data():
    class Host(Page):
        template = "<field id='f'/>"
        using_components = {"field": Field}

    with launch(MiniProgram(pages={"pages/index/index": Host})) as phone:
        page = phone.current_page
        page.query("#inner").input("typed")
        page.query("#check").tap()
        assert page.query("#inner").attribute("class") == "red"
        assert page.query("#inner").attribute("value") == "typed"
