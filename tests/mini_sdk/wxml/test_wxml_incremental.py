"""Incremental rendering over copy-on-write view data (docs/architecture.md, render pipeline).

Identity equal means value equal, because the runtime never mutates view data in place: a
subtree whose free names still hold the same objects is handed back unchanged.
"""
from __future__ import annotations

from mini_sdk.wxml import RenderContext, compile_template

LIST = """
<view class="page">
  <text class="title">{{title}}</text>
  <view wx:for="{{list}}" wx:key="id" class="item {{item.done ? 'done' : ''}}" data-id="{{item.id}}">
    <text class="name">{{item.name}}</text>
    <text class="count">x{{item.count}}</text>
    <button data-index="{{index}}" bindtap="inc">+1</button>
  </view>
</view>"""


def items(n=1000):
    return [{"id": i, "name": f"Item {i}", "count": 0, "done": False} for i in range(n)]


def cow_set(data, k, **changes):
    """What set_data({"list[k].count": ...}) does to the view copy: copy-on-write."""
    new_list = list(data["list"])
    new_list[k] = {**new_list[k], **changes}
    return {**data, "list": new_list}


def rows(vnodes):
    return [n for n in vnodes[0].children if "item" in n.classes]


def test_one_item_change_reuses_the_999_other_item_subtrees_by_identity():
    t = compile_template(LIST, "pages/list/list.wxml")
    ctx = RenderContext()
    data = {"title": "Shop", "list": items()}
    before = rows(t.render(data, ctx))
    data = cow_set(data, 500, count=1)
    after = rows(t.render(data, ctx))
    same = [a is b for a, b in zip(before, after)]
    assert same.count(True) == 999 and same[500] is False
    assert after[500].children[1].inner_text() == "x1"
    assert before[500].children[1].inner_text() == "x0"        # the old tree was not mutated


def test_replacing_the_list_with_equal_but_new_objects_renders_again():
    t = compile_template(LIST, "pages/list/list.wxml")
    ctx = RenderContext()
    data = {"title": "Shop", "list": items(50)}
    before = rows(t.render(data, ctx))
    data = {**data, "list": [dict(it) for it in data["list"]]}
    after = rows(t.render(data, ctx))
    assert all(a is not b for a, b in zip(before, after))
    assert [a.inner_text() for a in after] == [b.inner_text() for b in before]


def test_nothing_changed_returns_the_same_tree():
    t = compile_template(LIST, "pages/list/list.wxml")
    ctx = RenderContext()
    data = {"title": "Shop", "list": items(10)}
    first = t.render(data, ctx)
    assert t.render(dict(data), ctx)[0] is first[0]


def test_change_outside_the_list_keeps_every_item():
    t = compile_template(LIST, "pages/list/list.wxml")
    ctx = RenderContext()
    data = {"title": "Shop", "list": items(10)}
    before = t.render(data, ctx)
    after = t.render({**data, "title": "Cart"}, ctx)
    assert after[0] is not before[0]
    assert rows(after) == rows(before) and all(a is b for a, b in zip(rows(after), rows(before)))
    assert after[0].children[0].inner_text() == "Cart"


def test_names_read_from_outside_the_loop_invalidate_every_item():
    src = '<text wx:for="{{list}}" wx:key="*this">{{prefix}}{{item}}</text>'
    t = compile_template(src, "p.wxml")
    ctx = RenderContext()
    lst = ["a", "b"]
    before = t.render({"list": lst, "prefix": "1-"}, ctx)
    after = t.render({"list": lst, "prefix": "2-"}, ctx)
    assert [n.inner_text() for n in after] == ["2-a", "2-b"]
    assert all(a is not b for a, b in zip(before, after))


def test_removed_and_inserted_items_with_keys():
    t = compile_template(LIST, "pages/list/list.wxml")
    ctx = RenderContext()
    data = {"title": "Shop", "list": items(5)}
    before = rows(t.render(data, ctx))
    new_item = {"id": 99, "name": "New", "count": 0, "done": False}
    data = {**data, "list": [new_item] + data["list"][:2] + data["list"][3:]}
    after = rows(t.render(data, ctx))
    assert [r.dataset["id"] for r in after] == [99, 0, 1, 3, 4]
    # keyed items moved: same objects, but their index (read by the button) changed → rebuilt
    # element, while the children that do not read index are reused
    assert after[1] is not before[0]
    assert after[1].children[0] is before[0].children[0]


def test_items_that_keep_their_index_are_reused_after_a_removal_at_the_end():
    t = compile_template(LIST, "pages/list/list.wxml")
    ctx = RenderContext()
    data = {"title": "Shop", "list": items(5)}
    before = rows(t.render(data, ctx))
    after = rows(t.render({**data, "list": data["list"][:4]}, ctx))
    assert len(after) == 4 and all(a is b for a, b in zip(before, after))


def test_memo_keeps_strong_references_and_forgets_removed_items():
    t = compile_template(LIST, "pages/list/list.wxml")
    ctx = RenderContext()
    data = {"title": "Shop", "list": items(100)}
    t.render(data, ctx)
    t.render({**data, "list": data["list"][:3]}, ctx)
    memo_root = ctx.memo[t]
    page_entry = next(iter(memo_root.values()))
    # the wx:for's entry: its child memo holds the items' memo, keyed by their wx:key (ints
    # here)
    def items_memo(entry):
        if not (isinstance(entry, tuple) and isinstance(entry[2], dict)):
            return None
        return next((v for v in entry[2].values()
                     if isinstance(v, dict) and any(isinstance(k, int) for k in v)), None)

    found = next(m for m in map(items_memo, page_entry[2].values()) if m is not None)
    item_keys = [k for k in found if isinstance(k, int)]
    assert item_keys == [0, 1, 2]                         # the 97 removed items were dropped
    assert found[0][0] is data["list"][0]                 # the compared value is held strongly


def test_equal_scalars_count_as_unchanged():
    """JSON copies make new str/int objects: equal scalars must not force a re-render."""
    t = compile_template("<view><text>{{name}}</text></view>", "p.wxml")
    ctx = RenderContext()
    first = t.render({"name": "".join(["Li", " Wen"])}, ctx)
    second = t.render({"name": "".join(["Li ", "Wen"])}, ctx)
    assert second[0] is first[0]


def test_true_and_one_are_not_confused():
    t = compile_template("<text>{{v}}</text>", "p.wxml")
    ctx = RenderContext()
    t.render({"v": 1}, ctx)
    assert t.render({"v": True}, ctx)[0].children[0].text == "true"


def test_separate_contexts_do_not_share_trees():
    """One compiled template serves many instances (components): each context has its own memo."""
    t = compile_template('<view bindtap="tap">{{n}}</view>', "c.wxml")
    a, b = RenderContext(owner="A"), RenderContext(owner="B")
    data = {"n": 1}
    va, vb = t.render(data, a)[0], t.render(data, b)[0]
    assert va is not vb and va.events["tap"][0].owner == "A" and vb.events["tap"][0].owner == "B"


def test_ui_state_written_by_the_runtime_stays_on_a_reused_node():
    """The runtime keeps what was typed in node.attrs; attrs are the node's own dict."""
    t = compile_template('<view><input placeholder="name"/><input placeholder="name"/><text>{{n}}</text></view>', "p.wxml")
    ctx = RenderContext()
    out = t.render({"n": 1}, ctx)
    first, second = out[0].children[:2]
    first.attrs["value"] = "typed"
    assert "value" not in second.attrs
    again = t.render({"n": 2}, ctx)
    assert again[0].children[0] is first and first.attrs["value"] == "typed"


def test_shared_static_parts_are_read_only():
    import pytest

    t = compile_template('<view class="a" data-x="1"><text>hi</text></view>', "p.wxml")
    out = t.render({}, RenderContext())
    with pytest.raises(TypeError):
        out[0].dataset["x"] = "2"
    with pytest.raises(TypeError):
        out[0].classes.append("b")
    out[0].classes = ["a", "b"]            # assigning a new container is fine
