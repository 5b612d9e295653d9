"""Rule (spec §3.3): ``hidden`` only toggles display, so ``display: none`` from WXSS (a class,
an accordion) or an inline style hides an element exactly as ``hidden`` does: it is not on the
text screen, and the driver finds neither it nor anything inside it."""
import pytest

from mini_sdk import Component, MiniProgram, Page
from mini_sdk.testing import ElementNotFound, launch


class Faq(Page):
    template = """
    <view wx:for="{{items}}" wx:key="q" class="faq {{item.open ? 'open' : ''}}" data-i="{{index}}" bindtap="toggle">
      <text class="q">{{item.q}}</text>
      <view class="answer"><text class="a">{{item.a}}</text><button class="more">more</button></view>
    </view>
    <view id="banner" style="color: red; display: {{banner ? 'flex' : 'none'}}">Sale!</view>
    <view id="hidden-attr" hidden><text id="inside">secret</text></view>
    """
    style = """
    .answer { display: none; color: #333; }
    .faq.open .answer { display: block; }
    .always { display: none !important; }
    """
    data = {"items": [{"q": "Tea?", "a": "Yes, tea.", "open": False},
                      {"q": "Milk?", "a": "Oat milk.", "open": False}], "banner": False}

    def toggle(self, event):
        i = event.current_target.dataset["i"]
        self.set_data({f"items[{i}].open": not self.data["items"][i]["open"]})


def test_rule_display_none_from_a_class_is_not_on_screen_nor_found():
    with launch(MiniProgram(pages={"pages/index/index": Faq})) as phone:
        page = phone.current_page
        assert "Yes, tea." not in phone.screen()
        assert page.query_all(".a") == [] and page.query_all(".more") == []
        page.query_all(".faq")[0].tap()
        assert "Yes, tea." in phone.screen() and "Oat milk." not in phone.screen()
        assert [e.text for e in page.query_all(".a")] == ["Yes, tea."]
        page.query(".more").tap()          # visible now: it can be tapped (bubbles: closes)
        assert "Yes, tea." not in phone.screen()
        with pytest.raises(ElementNotFound):
            page.query(".answer")


def test_rule_inline_display_none_hides_and_flex_shows():
    class Banner(Page):
        template = Faq.template
        style = Faq.style
        data = dict(Faq.data, banner=True)

    with launch(MiniProgram(pages={"pages/index/index": Faq, "pages/b/b": Banner})) as phone:
        assert "Sale!" not in phone.screen() and not phone.current_page.exists("#banner")
        phone.navigate_to("/pages/b/b")
        assert "Sale!" in phone.screen() and phone.current_page.exists("#banner")


def test_rule_hidden_attribute_hides_what_is_inside_too():
    with launch(MiniProgram(pages={"pages/index/index": Faq})) as phone:
        assert "secret" not in phone.screen()
        assert not phone.current_page.exists("#inside")


def test_rule_cascade_important_then_specificity_then_order():
    class Cascade(Page):
        template = """
        <view id="a" class="x y">A</view>
        <view id="b" class="x">B</view>
        <view id="c" class="always" style="display: block">C</view>
        """
        style = """
        .x.y { display: block; }
        .x { display: none; }
        #b { display: flex; }
        .always { display: none !important; }
        """

    with launch(MiniProgram(pages={"pages/index/index": Cascade})) as phone:
        screen = phone.screen()
        assert "A" in screen           # .x.y is more specific than the later .x
        assert "B" in screen           # #b beats .x
        assert "C" not in screen       # !important beats the inline style


def test_rule_app_wxss_hides_page_elements_but_not_inside_a_component():
    class Badge(Component):
        template = "<text class='tip'>inside</text>"

    class Host(Page):
        template = "<text class='tip'>outside</text><badge/>"
        using_components = {"badge": Badge}

    program = MiniProgram(pages={"pages/index/index": Host}, style=".tip { display: none; }")
    with launch(program) as phone:
        screen = phone.screen()
        assert "outside" not in screen
        assert "inside" in screen       # style isolation: app.wxss classes stay out of components
