"""Spec §7.2: tricky constructs found in real mini-programs (miniprogram-demo), end to end.

Fixtures are re-typed from the descriptions in the spec (paths given there), not copied.
"""
from __future__ import annotations

from mini_sdk.wxml import DictLoader, RenderContext, compile_template, screen_text, select_all
from wxml_helpers import render

# 1. miniprogram/page/component/index.wxml (lines 11-45): nested loops, shadowed index,
#    wx:key="{{item.id}}" and "*item", if/elif/else with comments, attribute interpolation,
#    class ternaries, valueless scroll-y.
KIND_LIST = """
<scroll-view scroll-y class="index-bd">
  <view class="kind-list">
    <block wx:for="{{list}}" wx:key="{{item.id}}">
      <view class="kind-list-item">
        <view id="{{item.id}}" class="kind-list-item-hd {{item.open ? 'kind-list-item-hd-show' : ''}}" bindtap="kindToggle">
          <view class="kind-list-text">{{item.name}}</view>
          <image class="kind-list-img" src="resources/kind/{{item.id}}.png"></image>
        </view>
        <view class="kind-list-item-bd {{item.open ? 'kind-list-item-bd-show' : ''}}">
          <block wx:for="{{item.pages}}" wx:for-item="page" wx:key="*item">
            <navigator url="pages/{{page}}/{{page}}" class="navigator">
              <view class="navigator-text">{{page}}</view>
            </navigator>
            <!-- the last one gets a different separator -->
            <view wx:if="{{index + 1 === item.pages.length}}" class="sep last"></view>
            <!-- first -->
            <view wx:elif="{{index === 0}}" class="sep first"></view>
            <view wx:elif="{{index === 1}}" class="sep second"></view>
            <!-- third -->
            <view wx:elif="{{index === 2}}" class="sep third"></view>
            <view wx:else class="sep middle"></view>
          </block>
        </view>
      </view>
    </block>
  </view>
</scroll-view>
"""


def test_spec_7_2_1_nested_loops_with_shadowed_index_and_deviant_keys():
    data = {"list": [
        {"id": "view", "name": "视图容器", "open": True, "pages": ["view", "scroll-view", "swiper", "movable-view", "cover-view"]},
        {"id": "content", "name": "基础内容", "open": False, "pages": ["text", "icon"]},
    ]}
    r = render(KIND_LIST, data)
    assert r.one("scroll-view").attrs["scroll-y"] is True
    heads = r.all(".kind-list-item-hd")
    assert [h.id for h in heads] == ["view", "content"]
    assert "kind-list-item-hd-show" in heads[0].classes and "kind-list-item-hd-show" not in heads[1].classes
    assert r.all(".kind-list-img")[1].attrs["src"] == "resources/kind/content.png"
    assert r.all("navigator")[1].attrs["url"] == "pages/scroll-view/scroll-view"
    # the inner loop's index (not the outer one) decides the chain, item is the outer item
    seps = [n.classes[1] for n in r.all(".sep")]
    assert seps == ["first", "second", "third", "middle", "last", "first", "last"]
    assert set(r.warnings) == {"tpl_wx_key_mustache", "tpl_wx_key_star"}
    assert r.one(".kind-list-text").inner_text() == "视图容器"


def test_spec_7_2_1_kind_list_toggle_is_incremental():
    pages = ["text", "icon"]
    first = {"id": "view", "name": "A", "open": False, "pages": ["view"]}
    second = {"id": "content", "name": "B", "open": False, "pages": pages}
    t = compile_template(KIND_LIST, "page/component/index.wxml")
    ctx = RenderContext()
    before = select_all(t.render({"list": [first, second]}, ctx), ".kind-list-item")
    after = select_all(t.render({"list": [first, {**second, "open": True}]}, ctx), ".kind-list-item")
    assert after[0] is before[0] and after[1] is not before[1]


# 2. common/head.wxml + foot.wxml used with object literal data; tdesign tag.wxml + icon template
FILES = {
    "common/head.wxml": """<template name="head">
  <view class="page-head"><view class="page-head-title">{{title}}</view>
  <view wx:if="{{desc}}" class="page-head-desc">{{desc}}</view></view>
</template>""",
    "common/foot.wxml": """<template name="foot">
  <navigator class="page-foot" openType="switchTab" url="/page/component/index" hover-class="none">
    <image class="icon-foot" src="../../../../image/icon_foot.png"></image>
  </navigator>
</template>""",
    "components/tag/common/template/icon.wxml": """<template name="icon">
  <view class="{{tClass}} t-icon" style="{{style}}" bind:click="{{bindclick || ''}}" aria-label="{{ariaLabel}}">{{name}}</view>
</template>""",
    "components/tag/tag.wxml": """<import src="./common/template/icon.wxml"/>
<view class="{{classPrefix}}">
  <template wx:if="{{_icon}}" is="icon" data="{{ tClass: prefix + '-icon', ..._icon }}"/>
  <text>{{label}}</text>
</view>""",
}


def test_spec_7_2_2_templates_with_object_literal_data_after_import():
    src = """<import src="../../../../common/head.wxml"/><import src="../../../../common/foot.wxml"/>
    <view class="container">
      <template is="head" data="{{title: 'tabBar'}}"/>
      <view class="page-body">body</view>
      <template is="foot"/>
    </view>"""
    r = render(src, filename="packageAPI/pages/tab/tab/tab.wxml", loader=DictLoader(FILES))
    assert r.screen == "tabBar\nbody\n[🖼 ../../../../image/icon_foot.png]"
    assert r.one(".page-foot").attrs["openType"] == "switchTab"
    assert r.all(".page-head-desc") == []


def test_spec_7_2_2_wx_if_with_is_and_spread_data_and_dynamic_handler():
    t = compile_template(FILES["components/tag/tag.wxml"], "components/tag/tag.wxml", loader=DictLoader(FILES))
    ctx = RenderContext(owner="tag")
    icon = {"name": "close", "style": "color: red", "bindclick": "handleClose"}
    out = t.render({"classPrefix": "t-tag", "prefix": "t", "_icon": icon, "label": "Tag"}, ctx)
    view = select_all(out, ".t-icon")[0]
    assert view.classes == ["t-icon", "t-icon"] and view.style == "color: red"
    assert view.events["click"][0].handler == "handleClose"
    out = t.render({"classPrefix": "t-tag", "prefix": "t", "_icon": {"name": "x"}, "label": "Tag"}, ctx)
    assert select_all(out, ".t-icon")[0].events == {}          # bindclick missing → '' → unbound
    out = t.render({"classPrefix": "t-tag", "prefix": "t", "_icon": None, "label": "Tag"}, ctx)
    assert select_all(out, ".t-icon") == [] and screen_text(out) == "Tag"


# 3. packageAPI/pages/device/bluetooth/bluetooth.wxml: inline wxs used in mustache
BLUETOOTH = """
<wxs module="utils">
module.exports.max = function(n1, n2) { return Math.max(n1, n2) }
module.exports.len = function(arr) { arr = arr || []; return arr.length }
</wxs>
<view class="devices_summary">已发现 {{devices.length}} 个外围设备：</view>
<scroll-view class="device_list" scroll-y scroll-with-animation>
  <view wx:for="{{devices}}" wx:key="index" data-device-id="{{item.deviceId}}"
        data-name="{{item.name || item.localName}}" bindtap="createBLEConnection" class="device_item">
    <view style="font-size: 16px; color: #333;">{{item.name}}</view>
    <view style="font-size: 10px">信号强度: {{item.RSSI}}dBm ({{utils.max(0, item.RSSI + 100)}}%)</view>
    <view style="font-size: 10px">Service数量: {{utils.len(item.advertisServiceUUIDs)}}</view>
  </view>
</scroll-view>
"""


def test_spec_7_2_3_wxs_module_functions_in_mustache():
    utils = {"max": max, "len": lambda arr: len(arr or [])}
    devices = [{"deviceId": "AA:BB", "name": "", "localName": "Band", "RSSI": -40, "advertisServiceUUIDs": ["x"]}]
    r = render(BLUETOOTH, {"devices": devices}, wxs_modules={"utils": utils})
    item = r.one(".device_item")
    assert item.dataset == {"deviceId": "AA:BB", "name": "Band"}
    assert "信号强度: -40dBm (60%)" in item.inner_text()
    assert "Service数量: 1" in item.inner_text()
    assert r.warnings == []                  # wx:key="index" is accepted quietly


# 3b. packageAPI/pages/framework/wxs/movable.wxml: wxs from src as event handlers
MOVABLE = """
<wxs module="test" src="./movable.wxs"></wxs>
<view class="area" style='position:relative;width:100%;height:100%;'>
  <view data-index="1" data-obj="{{dataObj}}" bindtouchstart="{{test.touchstart}}"
        bindtouchmove="{{test.touchmove}}" class="movable" style="width: {{size}}rpx"></view>
</view>
"""


def test_spec_7_2_3_wxs_functions_as_handlers_single_quotes_object_dataset():
    def touchstart(event, owner):
        return None

    def touchmove(event, owner):
        return None

    r = render(MOVABLE, {"dataObj": {"x": 1}, "size": 100},
               wxs_modules={"test": {"touchstart": touchstart, "touchmove": touchmove}})
    box = r.one(".movable")
    assert box.events["touchstart"][0].handler is touchstart
    assert box.events["touchmove"][0].handler is touchmove
    assert box.dataset == {"index": "1", "obj": {"x": 1}}
    assert r.one(".area").style == "position:relative;width:100%;height:100%;"
    assert box.style == "width: 100rpx"


# 4. two-way binding, mut-bind, camelCase attributes, XR tags
def test_spec_7_2_4_model_mut_bind_camel_case_and_xr_tags():
    src = """
    <input model:value="{{value}}" placeholder="two-way"/>
    <switch model:checked="{{on}}"/>
    <view mut-bind:tap="outer"><button mut-bind:tap="inner">in</button></view>
    <navigator openType="switchTab" url="/page/API/index">API</navigator>
    <xr-scene bind:ready="handleReady"><xr-assets><xr-asset-load type="gltf" asset-id="m" src="{{url}}"/></xr-assets></xr-scene>
    """
    r = render(src, {"value": "hi", "on": False, "url": "a.glb"})
    assert r.one("input").models == {"value": "value"} and r.one("input").attrs["value"] == "hi"
    assert r.one("switch").models == {"checked": "on"}
    assert r.one("view").events["tap"][0].phase == "mut-bind"
    assert r.one("navigator").attrs["openType"] == "switchTab"
    assert r.one("xr-asset-load").attrs["src"] == "a.glb"
    assert r.one("xr-scene").events["ready"][0].handler == "handleReady"


def test_spec_7_3_lt_and_and_inside_mustache_in_attributes_and_text():
    src = """<view class="{{ count < 3 && ok ? 'few' : 'many' }}">{{ count < 3 && ok ? "<3" : '>=3' }}</view>"""
    r = render(src, {"count": 2, "ok": True})
    assert r.vnodes[0].classes == ["few"] and r.screen == "<3"
