"""Spec §3.1–3.4: binding in attributes, list and conditional rendering, templates, import/include."""
from __future__ import annotations

import pytest

from mini_sdk.wxml import DictLoader, RenderContext, compile_template
from wxml_helpers import error_of, message, render


# ----------------------------------------------------------------------------- §3.1 attributes

def test_spec_3_1_single_mustache_attribute_keeps_type():
    r = render('<view id="v" data-n="{{n}}" data-obj="{{obj}}" checked="{{false}}"/>', {"n": 3, "obj": {"a": 1}})
    v = r.one("#v")
    assert v.dataset["n"] == 3 and v.dataset["obj"] == {"a": 1}
    assert v.attrs["checked"] is False


def test_spec_3_1_mixed_text_and_mustache_is_a_string():
    r = render('<view id="item-{{id}}" data-n="n{{n}}"/>', {"id": 7, "n": 3})
    assert r.vnodes[0].id == "item-7" and r.vnodes[0].dataset["n"] == "n3"


def test_spec_3_1_space_outside_braces_makes_a_string():
    """`wx:for="{{[1,2,3]}} "` iterates the characters of "1,2,3 "."""
    r = render('<text wx:for="{{[1,2,3]}} " wx:key="*this">{{item}}</text>')
    assert [t.inner_text() for t in r.all("text")] == ["1", ",", "2", ",", "3", ""]


def test_spec_3_1_string_false_is_truthy_pitfall():
    """checked="false" is the string "false" (truthy); hidden="false" hides."""
    r = render('<switch checked="false"/><view id="h" hidden="false">x</view>')
    assert r.one("switch").attrs["checked"] == "false"
    assert r.one("#h").hidden is True


def test_spec_3_1_true_false_keywords():
    r = render('<view id="a" hidden="{{true}}"/><view id="b" hidden="{{false}}"/>')
    assert r.one("#a").hidden is True and r.one("#b").hidden is False


def test_spec_7_2_valueless_attribute_is_true():
    r = render("<scroll-view scroll-y><text>x</text></scroll-view>")
    assert r.one("scroll-view").attrs["scroll-y"] is True


def test_spec_7_2_camel_case_attributes_kept():
    r = render('<navigator openType="switchTab" url="/pages/index/index">Home</navigator>')
    assert r.one("navigator").attrs["openType"] == "switchTab"


def test_class_id_and_style_fields():
    r = render("<view id='{{id}}' class='a {{on ? \"on\" : \"\"}}  b' style='color:{{c}}; width: 10rpx'/>",
               {"id": "x", "on": True, "c": "red"})
    v = r.vnodes[0]
    assert v.id == "x" and v.classes == ["a", "on", "b"] and v.style == "color:red; width: 10rpx"
    assert "wx:if" not in v.attrs and v.attrs["class"] == 'a on  b'


def test_spec_3_1_text_with_mustache():
    r = render("<text>Count: {{count}}</text>", {"count": 2})
    assert r.screen == "Count: 2"


# ----------------------------------------------------------------------------- §3.2 lists

def test_spec_3_2_wx_for_default_item_and_index():
    r = render('<text wx:for="{{list}}" wx:key="*this">{{index}}:{{item}} </text>', {"list": ["a", "b"]})
    assert [t.inner_text() for t in r.all("text")] == ["0:a", "1:b"]


def test_spec_3_2_wx_for_item_and_index_renamed():
    src = '<view wx:for="{{rows}}" wx:for-item="row" wx:for-index="i" wx:key="*this">{{i}}={{row}}</view>'
    r = render(src, {"rows": [10, 20]})
    assert [v.inner_text() for v in r.all("view")] == ["0=10", "1=20"]


def test_spec_3_2_nested_loops_shadow_item_and_index():
    src = """
    <view wx:for="{{outer}}" wx:key="id" class="o">
      <text wx:for="{{item.inner}}" wx:key="*this">{{index}}-{{item}}</text>
    </view>"""
    r = render(src, {"outer": [{"id": 1, "inner": ["a", "b"]}, {"id": 2, "inner": ["c"]}]})
    texts = [t.inner_text() for t in r.all("text")]
    assert texts == ["0-a", "1-b", "0-c"]


def test_spec_3_2_nine_by_nine_table_with_renamed_loops():
    src = """<view wx:for="{{[1, 2, 3]}}" wx:for-item="i" wx:key="*this">
      <view wx:for="{{[1, 2, 3]}}" wx:for-item="j" wx:key="*this">
        <view wx:if="{{i <= j}}">{{i}} * {{j}} = {{i * j}}</view>
      </view></view>"""
    r = render(src)
    assert "2 * 3 = 6" in r.screen and "3 * 2" not in r.screen


def test_spec_3_2_block_wx_for_repeats_several_nodes():
    r = render('<block wx:for="{{[1, 2]}}" wx:key="*this"><text>{{item}}</text><text>!</text></block>')
    assert [v.tag for v in r.vnodes] == ["text"] * 4


def test_spec_3_2_wx_for_over_a_string_gives_characters():
    r = render('<text wx:for="array" wx:key="*this">{{item}}</text>')
    assert [t.inner_text() for t in r.all("text")] == list("array")


def test_spec_3_2_wx_for_over_a_number_unverified():
    """UNVERIFIED in the spec: a number N iterates 0..N-1."""
    r = render('<text wx:for="{{3}}" wx:key="*this">{{item}}</text>')
    assert [t.inner_text() for t in r.all("text")] == ["0", "1", "2"]


def test_spec_3_2_wx_for_over_an_object_unverified():
    """UNVERIFIED in the spec: an object iterates with index = key, item = value."""
    r = render('<text wx:for="{{obj}}" wx:key="*this">{{index}}={{item}}</text>', {"obj": {"a": 1, "b": 2}})
    assert [t.inner_text() for t in r.all("text")] == ["a=1", "b=2"]


def test_spec_3_2_wx_for_over_nothing_renders_nothing():
    r = render('<text wx:for="{{missing}}" wx:key="id">x</text><text wx:for="{{null}}">y</text>')
    assert r.vnodes == []


def test_spec_3_2_missing_wx_key_is_a_warning_not_an_error():
    r = render('<text wx:for="{{[1, 2]}}">{{item}}</text>')
    assert len(r.vnodes) == 2
    assert r.warnings == ["tpl_wx_for_no_key"]
    key, params = r.ctx.warnings[0]
    assert params["where"] == "pages/index/index.wxml:1"


def test_spec_3_2_missing_key_warning_is_given_once():
    r = render('<text wx:for="{{list}}">{{item}}</text>', {"list": [1]})
    r.again({"list": [1, 2]}).again({"list": [3]})
    assert r.warnings == ["tpl_wx_for_no_key"]


def test_spec_3_2_duplicate_keys_warn_and_still_render():
    r = render('<text wx:for="{{list}}" wx:key="id">{{item.n}}</text>',
               {"list": [{"id": 1, "n": "a"}, {"id": 1, "n": "b"}]})
    assert [t.inner_text() for t in r.all("text")] == ["a", "b"]
    assert r.warnings == ["tpl_wx_key_duplicate"]
    assert r.ctx.warnings[0][1]["value"] == "1"


def test_spec_3_2_key_property_missing_on_items_warns():
    r = render('<text wx:for="{{list}}" wx:key="id">{{item.n}}</text>', {"list": [{"n": "a"}]})
    assert r.warnings == ["tpl_wx_key_missing"] and r.screen == "a"


def test_spec_3_2_key_this_on_objects_warns():
    r = render('<text wx:for="{{list}}" wx:key="*this">x</text>', {"list": [{"n": 1}]})
    assert r.warnings == ["tpl_wx_key_not_simple"]


@pytest.mark.parametrize("key, warning", [
    ("{{item.id}}", "tpl_wx_key_mustache"),
    ("*item", "tpl_wx_key_star"),
    ("{{years}}", "tpl_wx_key_mustache"),
])
def test_spec_3_2_real_world_key_deviations_are_tolerated_with_a_warning(key, warning):
    src = f'<text wx:for="{{{{list}}}}" wx:key="{key}">{{{{item.id}}}}</text>'
    r = render(src, {"list": [{"id": 1}, {"id": 2}]})
    assert r.screen == "12"
    assert r.warnings == [warning]


def test_wx_key_index_on_items_without_an_index_field_is_quiet():
    """UNVERIFIED choice: wx:key="index" keys by position without a warning."""
    r = render('<text wx:for="{{list}}" wx:key="index">{{item.n}}</text>', {"list": [{"n": 1}, {"n": 2}]})
    assert r.warnings == [] and r.screen == "12"


def test_wx_for_with_wx_if_filters_each_item():
    r = render('<text wx:for="{{list}}" wx:key="*this" wx:if="{{item % 2}}">{{item}}</text>', {"list": [1, 2, 3]})
    assert [t.inner_text() for t in r.all("text")] == ["1", "3"]


# ----------------------------------------------------------------------------- §3.3 conditions

CHAIN = """
<view>
  <text wx:if="{{n > 10}}">big</text>
  <!-- comments between the branches -->
  <text wx:elif="{{n > 5}}">medium</text>
  <!-- are skipped -->
  <text wx:elif="{{n > 0}}">small</text>
  <text wx:else>none</text>
</view>"""


@pytest.mark.parametrize("n, shown", [(11, "big"), (6, "medium"), (1, "small"), (0, "none")])
def test_spec_3_3_if_elif_else_chain_with_comments_between(n, shown):
    assert render(CHAIN, {"n": n}).screen == shown


def test_spec_3_3_wx_if_is_lazy():
    """A false branch is not evaluated at all (its wxs call never runs)."""
    calls = []
    src = "<wxs module='m'/><text wx:if='{{false}}'>{{m.f(1)}}</text><text wx:else>{{m.f(2)}}</text>"
    render(src, {}, wxs_modules={"m": {"f": lambda x: calls.append(x) or x}})
    assert calls == [2]


def test_spec_3_3_block_wx_if_groups_nodes():
    r = render("<block wx:if='{{ok}}'><text>a</text><text>b</text></block><text wx:else>c</text>", {"ok": True})
    assert r.screen == "ab"


def test_spec_3_3_hidden_always_renders_but_is_not_shown():
    r = render("<view id='a' hidden='{{h}}'>secret</view><view>shown</view>", {"h": True})
    assert r.one("#a").hidden is True
    assert r.screen == "shown"


def test_spec_3_3_else_without_if_is_an_error():
    err = error_of("<view>\n  <text>a</text>\n  <text wx:else>b</text>\n</view>")
    assert err.message_key == "tpl_else_without_if" and err.line == 3
    assert "wx:if" in message(err)


def test_spec_3_3_text_between_branches_breaks_the_chain():
    err = error_of("<text wx:if='{{a}}'>a</text> words <text wx:else>b</text>")
    assert err.message_key == "tpl_else_without_if"


# ----------------------------------------------------------------------------- §3.4 templates

def test_spec_3_4_template_definition_and_use_with_spread_data():
    src = """
    <template name="card"><view class="card"><text>{{name}}</text><text>{{price}}</text></view></template>
    <template is="card" data="{{...item}}"/>"""
    r = render(src, {"item": {"name": "Tea", "price": 5}})
    assert r.screen == "Tea5"


def test_spec_3_4_template_has_its_own_scope():
    src = """<template name="t"><text>[{{a}}|{{b}}]</text></template>
    <template is="t" data="{{a: 1}}"/>"""
    r = render(src, {"a": "page-a", "b": "page-b"})
    assert r.screen == "[1|]"


def test_spec_3_4_template_without_data_sees_nothing():
    r = render('<template name="t"><text>[{{a}}]</text></template><template is="t"/>', {"a": 1})
    assert r.screen == "[]"


def test_spec_3_4_template_is_can_be_an_expression():
    src = """<template name="odd"><text>odd {{n}}</text></template>
    <template name="even"><text>even {{n}}</text></template>
    <block wx:for="{{[1, 2]}}" wx:key="*this">
      <template is="{{item % 2 == 0 ? 'even' : 'odd'}}" data="{{n: item}}"/>
    </block>"""
    assert render(src).screen == "odd 1even 2"


def test_spec_3_4_template_definitions_are_hoisted():
    r = render('<template is="later" data="{{x: 1}}"/><template name="later"><text>{{x}}</text></template>')
    assert r.screen == "1"


def test_spec_3_4_unknown_template_warns_and_renders_nothing():
    r = render('<template is="nope"/><text>after</text>')
    assert r.screen == "after" and r.warnings == ["tpl_template_not_found"]


def test_spec_3_4_template_with_wx_for():
    src = '<template name="row"><text>{{name}};</text></template><template is="row" wx:for="{{rows}}" wx:key="name" data="{{...item}}"/>'
    assert render(src, {"rows": [{"name": "a"}, {"name": "b"}]}).screen == "a;b;"


def test_template_recursion_is_stopped_with_a_clear_error():
    err = error_of('<template name="t"><template is="t" data="{{x: 1}}"/></template><template is="t"/>')
    assert err.message_key == "tpl_template_too_deep"


def test_template_needs_name_or_is():
    assert error_of("<template><text/></template>").message_key == "tpl_template_needs_name"


FILES = {
    "common/a.wxml": '<template name="a"><text>A{{x}}</text></template>',
    "common/b.wxml": '<import src="a.wxml"/><template name="b"><text>B</text><template is="a" data="{{x: 1}}"/></template>',
    "common/head.wxml": '<template name="head"><view class="head"><text>{{title}}</text></view></template>',
    "common/header.wxml": """<wxs module="hidden_mod"/><template name="inside-include"><text>T</text></template>
        <view class="header"><text>{{title}}</text></view>""",
    "common/nested.wxml": '<include src="header.wxml"/><text>nested</text>',
    "common/loop1.wxml": '<include src="loop2.wxml"/>',
    "common/loop2.wxml": '<include src="/common/loop1.wxml"/>',
}


def test_spec_3_4_import_makes_templates_available():
    src = '<import src="../../common/head.wxml"/><template is="head" data="{{title: \'tabBar\'}}"/>'
    r = render(src, loader=DictLoader(FILES))
    assert r.one(".head").inner_text() == "tabBar"


def test_spec_3_4_import_absolute_path_from_project_root():
    src = '<import src="/common/head.wxml"/><template is="head" data="{{title: \'x\'}}"/>'
    assert render(src, loader=DictLoader(FILES)).screen == "x"


def test_spec_3_4_import_is_not_transitive():
    """C imports B, B imports A: C can use B's templates, not A's."""
    src = '<import src="/common/b.wxml"/><template is="b"/><template is="a" data="{{x: 2}}"/>'
    r = render(src, loader=DictLoader(FILES))
    assert r.screen == "BA1"                      # b uses a inside b's own file: fine
    assert r.warnings == ["tpl_template_not_found"]   # a directly from C: not found


def test_spec_3_4_include_copies_content_except_template_and_wxs():
    src = '<include src="/common/header.wxml"/><template is="inside-include"/>'
    r = render(src, {"title": "Shop"}, loader=DictLoader(FILES))
    assert r.one(".header").inner_text() == "Shop"     # included content sees the page's data
    assert r.warnings == ["tpl_template_not_found"]    # the template was not copied
    assert r.template.unit.wxs == {}                   # nor the wxs module


def test_spec_3_4_include_is_relative_to_the_included_file_and_nests():
    r = render('<include src="/common/nested.wxml"/>', {"title": "T"}, loader=DictLoader(FILES))
    assert r.screen == "T\nnested"


def test_spec_3_4_include_cycle_is_an_error():
    err = error_of('<include src="/common/loop1.wxml"/>', loader=DictLoader(FILES))
    assert err.message_key == "tpl_include_cycle"
    assert "common/loop1.wxml" in err.params["chain"]


def test_missing_import_file_is_a_clear_error():
    err = error_of('<view/>\n<import src="../nope.wxml"/>', loader=DictLoader(FILES))
    assert err.message_key == "tpl_file_not_found"
    assert err.params["path"] == "pages/nope.wxml" and err.line == 2


def test_import_without_a_loader_is_a_clear_error():
    assert error_of('<import src="a.wxml"/>').message_key == "tpl_no_loader"


def test_errors_in_included_files_name_that_file():
    files = {"common/bad.wxml": "<view>\n<text>{{ a + }}</text></view>"}
    err = error_of('<include src="/common/bad.wxml"/>', loader=DictLoader(files))
    assert err.filename == "common/bad.wxml" and err.line == 2


def test_file_loader_reads_project_files_and_stays_inside(tmp_path):
    from mini_sdk.wxml import FileLoader

    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "head.wxml").write_text('<template name="head"><text>H</text></template>', "utf-8")
    loader = FileLoader(tmp_path)
    assert loader("/common/head", "pages/index/index.wxml")[1] == "common/head.wxml"
    assert loader("../../../etc/passwd", "pages/index/index.wxml") is None
    t = compile_template('<import src="../../common/head.wxml"/><template is="head"/>',
                         "pages/index/index.wxml", loader=loader)
    assert t.render({}, RenderContext())[0].tag == "text"


# ----------------------------------------------------------------------------- wxs

def test_spec_3_7_wxs_module_missing_from_the_page_is_a_clear_error():
    err = error_of('<view/>\n<wxs module="fmt" src="./fmt.wxs"/>\n<text>{{fmt.price(p)}}</text>',
                   data={"p": 1})
    assert err.message_key == "wxs_src_not_found"     # its JavaScript runs: the file is needed
    assert err.params["module"] == "fmt" and err.line == 2
    text = message(err)
    assert "pages/index/fmt.wxs" in text and 'wxs = {"fmt": …}' in text


def test_spec_3_7_wxs_declared_but_unused_needs_nothing():
    assert render('<wxs module="fmt"/><text>hi</text>').screen == "hi"


def test_spec_3_7_wxs_module_name_must_be_an_identifier():
    assert error_of('<wxs module="my-fmt"/>').message_key == "tpl_wxs_bad_module_name"


def test_spec_3_7_inline_module_named_this():
    """A real inline module is literally named `this` (spec §7.2.3)."""
    r = render("<wxs module='this'>module.exports = {}</wxs><text>{{this.f(1)}}</text>",
               wxs_modules={"this": {"f": lambda x: x + 1}})
    assert r.screen == "2"


def test_wxs_modules_of_an_imported_template_file():
    files = {"common/fmt.wxml": "<wxs module='money'/><template name='price'><text>{{money.fmt(p)}}</text></template>"}
    r = render("<import src='/common/fmt.wxml'/><template is='price' data='{{p: 3}}'/>",
               loader=DictLoader(files), wxs_modules={"money": {"fmt": lambda p: f"¥{p}"}})
    assert r.screen == "¥3"


def test_repeated_elements_carry_their_wx_key():
    r = render('<view wx:for="{{list}}" wx:key="id">{{item.id}}</view><text wx:for="{{[5, 6]}}">x</text>',
               {"list": [{"id": "a"}, {"id": "b"}]})
    assert [v.key for v in r.all("view")] == ["a", "b"]
    assert [v.key for v in r.all("text")] == [0, 1]
