"""Spec §3.5 (event bindings, dataset, marks, model:) and custom components / slots."""
from __future__ import annotations

import pytest

from mini_sdk.wxml import RenderContext, VNode, compile_template, screen_text
from mini_sdk.wxml.nodes import EventBinding
from wxml_helpers import render

OWNER = object()


def bindings(src, data=None, **kw):
    r = render(src, data, owner=OWNER, **kw)
    return r.vnodes[0].events, r


# ----------------------------------------------------------------------------- bindings

@pytest.mark.parametrize("attr, event, phase", [
    ("bindtap", "tap", "bind"),
    ("bind:tap", "tap", "bind"),
    ("catchtap", "tap", "catch"),
    ("catch:tap", "tap", "catch"),
    ("capture-bind:touchstart", "touchstart", "capture-bind"),
    ("capture-catch:touchstart", "touchstart", "capture-catch"),
    ("mut-bind:tap", "tap", "mut-bind"),
    ("mut-bindtap", "tap", "mut-bind"),
    ("bind:myEvent", "myEvent", "bind"),
    ("bindlongpress", "longpress", "bind"),
])
def test_spec_3_5_binding_attribute_grammar(attr, event, phase):
    """(capture-)?(mut-)?(bind|catch)(:)?name"""
    events, _ = bindings(f'<view {attr}="onIt"/>')
    assert events == {event: [EventBinding(phase, "onIt", OWNER)]}


def test_spec_3_5_bindings_are_not_attributes():
    events, r = bindings('<view bindtap="a" data-x="1" mark:m="2" class="c"/>')
    assert set(r.vnodes[0].attrs) == {"class"}


def test_spec_3_5_several_bindings_keep_their_order():
    events, _ = bindings('<view capture-bind:touchstart="h2" bind:touchstart="h1"/>')
    assert [b.handler for b in events["touchstart"]] == ["h2", "h1"]
    assert [b.phase for b in events["touchstart"]] == ["capture-bind", "bind"]


def test_spec_3_5_handler_name_from_a_mustache():
    events, _ = bindings('<view bindtap="{{ handlerName }}"/>', {"handlerName": "onTap"})
    assert events["tap"][0].handler == "onTap"


@pytest.mark.parametrize("value", ['""', '"{{\'\'}}"', '"{{bindclick || \'\'}}"', '"{{missing}}"'])
def test_spec_3_5_empty_handler_disables_the_binding(value):
    events, _ = bindings(f"<view bind:click={value}/>")
    assert events == {}


def test_spec_3_5_dynamic_handler_from_data_as_in_the_icon_template():
    events, _ = bindings('<view bind:click="{{bindclick || \'\'}}"/>', {"bindclick": "onIconTap"})
    assert events["click"][0].handler == "onIconTap"


def test_spec_3_5_wxs_function_as_handler():
    def touchstart(event, owner_instance):
        return None

    src = '<wxs module="test" src="./movable.wxs"/><view bindtouchstart="{{test.touchstart}}"/>'
    events, _ = bindings(src, wxs_modules={"test": {"touchstart": touchstart}})
    assert events["touchstart"][0].handler is touchstart


def test_spec_3_5_handler_that_is_not_a_name_warns():
    _, r = bindings('<view bindtap="{{42}}"/>')
    assert r.vnodes[0].events == {} and r.warnings == ["tpl_handler_bad_value"]


def test_spec_3_5_dataset_naming_rule():
    """data-alpha-beta="1" data-alphaBeta="2" → dataset.alphaBeta == 1, dataset.alphabeta == 2."""
    r = render('<view data-alpha-beta="1" data-alphaBeta="2" data-device-id="{{id}}" data-x="{{n}}"/>',
               {"id": "AA", "n": 5})
    assert r.vnodes[0].dataset == {"alphaBeta": "1", "alphabeta": "2", "deviceId": "AA", "x": 5}


def test_spec_3_5_dataset_keeps_typed_object_values():
    r = render('<view data-obj="{{dataObj}}" data-list="{{[1, 2]}}"/>', {"dataObj": {"a": [1]}})
    assert r.vnodes[0].dataset == {"obj": {"a": [1]}, "list": [1, 2]}


def test_spec_3_5_marks():
    r = render('<view mark:myMark="last" mark:n="{{n}}"/>', {"n": 2})
    assert r.vnodes[0].marks == {"myMark": "last", "n": 2}


def test_spec_7_2_model_value_two_way_binding():
    r = render('<input model:value="{{value}}"/><switch model:checked="{{form.on}}"/>',
               {"value": "hi", "form": {"on": True}})
    inp, sw = r.vnodes
    assert inp.attrs["value"] == "hi" and inp.models == {"value": "value"}
    assert sw.attrs["checked"] is True and sw.models == {"checked": "form.on"}


def test_model_with_an_expression_warns():
    r = render('<input model:value="{{a + b}}"/>', {"a": 1, "b": 2})
    assert r.vnodes[0].models == {} and r.warnings == ["tpl_model_not_path"]


def test_element_owner_line_and_filename():
    r = render("<view>\n  <button>x</button>\n</view>", owner=OWNER, filename="pages/a/a.wxml")
    button = r.vnodes[0].children[0]
    assert (button.owner, button.line, button.filename) == (OWNER, 2, "pages/a/a.wxml")


# ----------------------------------------------------------------------------- components

class Counter:  # stands in for a Component class; the engine only checks the tag
    pass


def make_ctx(calls, **kw):
    def render_component(tag, props, slots, key, node):
        calls.append({"tag": tag, "props": props, "slots": slots, "key": key, "node": node})
        node.children = [VNode.text_node(f"<{tag} {props.get('count')}>")]
        return node

    return RenderContext(owner=OWNER, components={"my-counter": Counter},
                         render_component=render_component, **kw)


def test_component_gets_typed_props_bindings_and_a_host_node():
    calls = []
    t = compile_template('<view><my-counter id="c" class="k" count="{{n}}" label="n={{n}}" '
                         'openType="x" data-i="1" bind:change="onChange"/></view>', "p.wxml")
    out = t.render({"n": 3}, make_ctx(calls))
    (call,) = calls
    assert call["tag"] == "my-counter"
    assert call["props"] == {"id": "c", "class": "k", "count": 3, "label": "n=3", "openType": "x"}
    host = call["node"]
    assert host.tag == "my-counter" and host.id == "c" and host.classes == ["k"]
    assert host.dataset == {"i": "1"}
    assert host.events == {"change": [EventBinding("bind", "onChange", OWNER)]}
    assert out[0].children[0] is host
    assert host.has_components and out[0].has_components
    assert screen_text(out) == "<my-counter 3>"


def test_component_children_are_slot_content_rendered_in_the_owners_scope():
    calls = []
    src = ('<my-counter><text>default {{who}}</text><view slot="footer">foot {{who}}</view>'
           '<text slot="footer">!</text></my-counter>')
    compile_template(src, "p.wxml").render({"who": "owner"}, make_ctx(calls))
    slots = calls[0]["slots"]
    assert set(slots) == {"", "footer"}
    assert slots[""][0].inner_text() == "default owner"
    assert [n.inner_text() for n in slots["footer"]] == ["foot owner", "!"]


def test_component_key_is_stable_and_includes_loop_keys():
    calls = []
    t = compile_template('<block wx:for="{{list}}" wx:key="id"><my-counter count="{{item.n}}"/></block>', "p.wxml")
    ctx = make_ctx(calls)
    a = {"id": "a", "n": 1}
    t.render({"list": [a, {"id": "b", "n": 2}]}, ctx)
    keys = [c["key"] for c in calls]
    assert len(set(keys)) == 2 and keys[0][-2] == "a" and keys[1][-2] == "b"
    calls.clear()
    # reorder (copy-on-write: a is the same object) and change b: only b is rendered again,
    # with the same key as before
    t.render({"list": [{"id": "b", "n": 5}, a]}, ctx)
    assert [c["key"] for c in calls] == [keys[1]]


def test_component_not_rendered_again_when_its_props_are_unchanged():
    calls = []
    t = compile_template('<view><my-counter count="{{n}}"/><text>{{other}}</text></view>', "p.wxml")
    ctx = make_ctx(calls)
    t.render({"n": 1, "other": "a"}, ctx)
    t.render({"n": 1, "other": "b"}, ctx)
    assert len(calls) == 1


def test_without_render_component_the_tag_renders_its_children():
    t = compile_template("<my-counter><text>inside</text></my-counter>", "p.wxml")
    out = t.render({}, RenderContext(components={"my-counter": Counter}))
    assert out[0].has_components and screen_text(out) == "inside"


def test_slot_renders_the_slot_content_in_a_component_template():
    content = [VNode.text_node("hello")]
    footer = [VNode("text", children=[VNode.text_node("bye")])]
    t = compile_template('<view class="card"><slot/><view class="f"><slot name="footer"/></view></view>', "c.wxml")
    ctx = RenderContext(slots={"": content, "footer": footer})
    out = t.render({}, ctx)
    default_slot, = [n for n in out[0].children if n.tag == "slot"]
    assert default_slot.children == content
    assert screen_text(out) == "hello\nbye"
    # new slot content → the slot is rendered again even though no data changed
    ctx.slots = {"": [VNode.text_node("again")], "footer": footer}
    assert screen_text(t.render({}, ctx)) == "again\nbye"


def test_slot_without_content_is_empty():
    out = compile_template("<slot name='x'/>", "c.wxml").render({}, RenderContext(slots={}))
    assert out[0].tag == "slot" and out[0].children == []
