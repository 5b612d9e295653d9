"""What a person sees: screen_text, inner_text, to_html; selectors; WXSS; the messages."""
from __future__ import annotations

import re

import pytest

from mini_sdk.i18n import Catalogue
from mini_sdk.messages.template import MESSAGES
from mini_sdk.wxml import SelectorError, VNode, node_at_path, select_all, select_one, to_html
from mini_sdk.wxml.select import matches
from mini_sdk.wxss import BASE_CSS, compile_wxss, convert_inline_style, rpx_to_px, wxss_to_css
from mini_sdk.wxml import DictLoader
from mini_sdk.errors import TemplateError
from wxml_helpers import render

COUNTER = """
<view class="box">
  <text id="count">Count: {{count}}</text>
  <button id="add" bindtap="add" data-step="1">+1</button>
</view>"""


# ----------------------------------------------------------------------------- screen_text

def test_screen_text_counter_page():
    r = render(COUNTER, {"count": 2})
    assert r.screen == "Count: 2 [ +1 ]"
    assert "Count: 2" in r.screen


def test_screen_text_blocks_start_lines_inline_flows():
    r = render("<view>Title</view><view><text>a</text><text>b</text><image src='x.png'/></view>"
               "<navigator url='/b'>Go</navigator>")
    assert r.screen == "Title\nab [🖼 x.png]\nGo"


def test_screen_text_widgets():
    src = """
    <view><input value="{{name}}"/></view>
    <view><input placeholder="Your name"/></view>
    <view><input password value="secret"/></view>
    <view><button disabled>Pay</button><button>OK</button></view>
    <view><checkbox checked/>Tea <checkbox/>Milk</view>
    <view><radio checked="{{true}}"/>A <radio/>B</view>
    <view><switch checked/> <switch/></view>
    """
    lines = render(src, {"name": "李文琪"}).screen.split("\n")
    assert lines == [
        "[李文琪]",
        "[Your name…]",
        "[••••••]",
        "[ Pay (disabled) ] [ OK ]",
        "[x] Tea [ ] Milk",
        "(*) A ( ) B",
        "[on] [off]",
    ]


def test_screen_text_hides_hidden_and_false_branches():
    r = render("<view hidden>secret</view><view wx:if='{{false}}'>nope</view><view>yes</view>")
    assert r.screen == "yes"


def test_screen_text_text_element_keeps_newlines_and_collapses_spaces():
    r = render("<text>line 1\nline   2</text><view>\n   spaced    out   \n</view>")
    assert r.screen == "line 1\nline 2\nspaced out"


def test_screen_text_swiper_shows_the_current_item():
    src = "<swiper current='{{c}}'><swiper-item>one</swiper-item><swiper-item>two</swiper-item></swiper>"
    assert render(src, {"c": 1}).screen == "two"


def test_screen_text_wraps_by_display_width():
    from mini_sdk.wxml import screen_text

    node = render("<view>你好你好你好 hello world</view>").vnodes
    assert screen_text(node, width=12).split("\n") == ["你好你好你好", "hello world"]


def test_inner_text_is_the_text_without_widget_decorations():
    r = render("<view id='card'><view>Name</view><view>Age <text>12</text></view>"
               "<button>Buy</button><view hidden>x</view></view>")
    assert r.one("#card").inner_text() == "Name\nAge 12\nBuy"
    assert r.one("button").inner_text() == "Buy"


def test_vnode_attribute_reads_like_the_automator():
    r = render("<view id='a' class='x y' style='color:red' data-alpha-beta='1' title='{{t}}'/>", {"t": 5})
    v = r.vnodes[0]
    assert v.attribute("class") == "x y" and v.attribute("id") == "a"
    assert v.attribute("style") == "color:red" and v.attribute("data-alpha-beta") == "1"
    assert v.attribute("title") == 5 and v.attribute("nope") is None


# ----------------------------------------------------------------------------- to_html

def test_to_html_classes_ids_styles_paths():
    r = render("<view id='v' class='card'><text style='width: 100rpx'>hi</text><button disabled>b</button>"
               "<input placeholder='p' password/><image src='a.png'/></view>")
    html = to_html(r.vnodes, "mc-s1")
    assert '<div class="wx-view card" id="v" data-mc-node="0">' in html
    assert '<span class="wx-text" style="width: 50px" data-mc-node="0.0">hi</span>' in html
    assert '<button class="wx-button" data-mc-node="0.1" disabled>b</button>' in html
    assert 'type="password"' in html and 'placeholder="p"' in html
    assert '<img class="wx-image"' in html and 'src="a.png"' in html


def test_to_html_hidden_is_display_none():
    html = to_html(render("<view hidden style='color:red'>x</view>").vnodes)
    assert 'style="color:red;display:none"' in html


def test_to_html_escapes_everything_the_student_typed():
    r = render("<view class='{{c}}' data-x='1'><text>{{t}}</text><input value='{{t}}'/></view>",
               {"t": "<script>alert('x')</script> 李", "c": 'a" onclick="evil()'})
    html = to_html(r.vnodes)
    assert "<script>" not in html and 'onclick="evil()"' not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; 李" in html


def test_to_html_refuses_javascript_image_urls():
    html = to_html(render("<image src='javascript:alert(1)'/>").vnodes)
    assert 'src="javascript' not in html


def test_to_html_wrap_and_node_paths_map_back():
    r = render("<view><text>a</text><view><button>b</button></view></view>")
    html = to_html(r.vnodes, "mc-s2", wrap=True)
    assert html.startswith('<div class="mc-s2"><div class="wx-page">')
    paths = re.findall(r'data-mc-node="([\d.]+)"', html)
    assert paths == ["0", "0.0", "0.1", "0.1.0"]
    assert node_at_path(r.vnodes, "0.1.0").tag == "button"
    assert node_at_path(r.vnodes, "7") is None


# ----------------------------------------------------------------------------- selectors

SHOP = """
<view class="page">
  <view class="item done" wx:for="{{items}}" wx:key="id" data-item-id="{{item.id}}">
    <text class="name">{{item.name}}</text>
    <button class="buy" type="primary">Buy</button>
  </view>
  <input class="name" id="who"/>
</view>"""


@pytest.fixture
def shop():
    return render(SHOP, {"items": [{"id": 1, "name": "Tea"}, {"id": 2, "name": "Milk"}]})


def test_select_tag_id_class(shop):
    assert len(shop.all("view")) == 3
    assert shop.one("#who").tag == "input"
    assert [n.tag for n in shop.all(".name")] == ["text", "text", "input"]
    assert len(shop.all("view.item.done")) == 2
    assert shop.all("input.name")[0].id == "who"


def test_select_attributes_and_dataset(shop):
    assert len(shop.all("[type=primary]")) == 2
    assert len(shop.all('button[type="primary"]')) == 2
    assert shop.one("[data-item-id=2] .name").inner_text() == "Milk"
    assert shop.all("[data-item-id='1']")[0].dataset["itemId"] == 1
    assert len(shop.all("[id]")) == 1


def test_select_descendant_child_and_comma(shop):
    assert len(shop.all(".page .name")) == 3
    assert len(shop.all(".page > .name")) == 1
    assert len(shop.all(".page > text")) == 0
    assert [n.tag for n in shop.all("#who, .item > button")] == ["button", "button", "input"]


def test_select_document_order_and_no_duplicates(shop):
    found = shop.all("text, .name")
    assert [n.tag for n in found] == ["text", "text", "input"]


def test_select_one_returns_none_when_nothing_matches(shop):
    assert select_one(shop.vnodes, "#nope") is None


@pytest.mark.parametrize("bad", ["", "..a", "view >", "> view", "a,,b", "view[", "#"])
def test_select_invalid_selector_is_a_clear_error(bad):
    with pytest.raises(SelectorError) as info:
        select_all([], bad)
    assert info.value.message_key == "tpl_selector_invalid"


def test_select_does_not_enter_components_when_asked():
    host = VNode("my-comp", children=[VNode("view", classes=["inner"])])
    host.component = object()
    assert len(select_all([host], ".inner")) == 1
    assert select_all([host], ".inner", enter_components=False) == []


def test_matches_with_ancestors():
    parent, child = VNode("view", classes=["a"]), VNode("text")
    assert matches(child, ".a text", [parent]) and not matches(child, ".b text", [parent])


# ----------------------------------------------------------------------------- WXSS

def test_wxss_rpx_to_px_keeps_fractions():
    assert rpx_to_px(750) == 375 and rpx_to_px(1) == 0.5
    assert convert_inline_style("width: 100rpx; margin: 3rpx -1RPX") == "width: 50px; margin: 1.5px -0.5px"
    assert convert_inline_style("color: red") == "color: red"


def test_wxss_rpx_in_strings_and_urls_untouched():
    assert convert_inline_style("background: url(a-10rpx.png); content: '10rpx'; width: 10rpx") == \
        'background: url(a-10rpx.png); content: "10rpx"; width: 5px'


def test_wxss_tag_selectors_become_classes_and_rules_are_scoped():
    css = compile_wxss("/* c */ view.item > text, .a::after, #x button { width: 20rpx }", "mc-s1")
    assert css.strip() == ".mc-s1 .wx-view.item > .wx-text, .mc-s1 .a::after, .mc-s1 #x .wx-button { width: 10px }"


def test_wxss_page_selector_is_the_page_root():
    assert compile_wxss("page { background: #eee }", "s").strip() == ".s .wx-page { background: #eee }"


def test_wxss_media_keyframes_and_calc():
    css = compile_wxss("@media (min-width: 300px) { view { padding: calc(10rpx + 1px) } }"
                       "@keyframes spin { from { width: 10rpx } to { width: 20rpx } }", "s")
    assert ".s .wx-view { padding: calc(5px + 1px) }" in css
    assert "from { width: 5px }" in css and ".s from" not in css


def test_wxss_import_through_a_loader():
    files = {"common.wxss": ".btn { height: 80rpx }", "pages/a/a.wxss": '@import "../../common.wxss";'}
    loader = DictLoader(files, extension=".wxss")
    css = compile_wxss(files["pages/a/a.wxss"] + " .x { color: red }", "s", filename="pages/a/a.wxss", loader=loader)
    assert css.split("\n")[:2] == [".s .btn { height: 40px }", ".s .x { color: red }"]


def test_wxss_missing_import_and_cycles_are_clear_errors():
    with pytest.raises(TemplateError) as info:
        compile_wxss('@import "nope.wxss";', "s", filename="app.wxss")
    assert info.value.message_key == "wxss_file_not_found"
    files = {"a.wxss": '@import "b.wxss";', "b.wxss": '@import "a.wxss";'}
    with pytest.raises(TemplateError) as info:
        compile_wxss(files["a.wxss"], "s", filename="a.wxss", loader=DictLoader(files, extension=".wxss"))
    assert info.value.message_key == "wxss_import_cycle"


def test_wxss_to_css_is_the_same_function_and_base_css_compiles():
    assert wxss_to_css("view{a:2rpx}", "s") == compile_wxss("view{a:2rpx}", "s")
    assert ".s .wx-button[type=primary]" in compile_wxss(BASE_CSS, "s")


# ----------------------------------------------------------------------------- messages

def test_every_message_has_three_languages_and_the_same_placeholders():
    assert Catalogue(MESSAGES).problems() == []


def test_messages_with_literal_braces_render():
    cat = Catalogue(MESSAGES)
    assert "{{" in cat.text("tpl_unterminated_mustache", "en")
    assert 'wxs = {"fmt": …}' in cat.text("tpl_wxs_missing", "zh-Hant", module="fmt", file="a.wxml")


def test_warnings_never_write_to_stderr(capsys):
    r = render('<text wx:for="{{[1, 1]}}" wx:key="*this">{{item}}</text><template is="x"/>')
    assert set(r.warnings) == {"tpl_wx_key_duplicate", "tpl_template_not_found"}
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""
