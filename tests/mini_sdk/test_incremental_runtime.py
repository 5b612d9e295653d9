"""What the runtime's shortcuts must never change (issue 15, speed): a tap's event path found by
parent links is the path a search of the whole page finds; a one-item set_data renders what a
full render renders; the #id index and the cached page.data / screen text are never stale."""
import pytest

from mini_sdk import Component, MiniProgram, Page
from mini_sdk.events import _walk_up, tree_path
from mini_sdk.testing import launch


def run(page_cls, **pages):
    return launch(MiniProgram(pages={"pages/index/index": page_cls, **pages}))


def every_node(roots):
    """(node, path from its root) for every node on the page, by a plain search: the reference."""
    out = []

    def visit(node, path):
        path = path + [node]
        out.append((node, path))
        for child in node.children:
            visit(child, path)

    for root in roots:
        visit(root, [])
    return out


class Badge(Component):
    template = '<view class="badge" bindtap="on_badge"><slot name="icon"></slot><text>{{label}}</text><slot></slot></view>'
    properties = {"label": str}

    def on_badge(self, event):
        self._page_ref.calls.append(("badge", event.target.id, event.current_target.id))


class Card(Component):
    template = """
    <view class="card" id="card-root">
      <badge label="{{title}}"><text id="in-badge-{{title}}">★</text><view slot="icon" id="icon-{{title}}">i</view></badge>
      <slot></slot>
    </view>
    """
    properties = {"title": str}
    using_components = {"badge": Badge}


class Nested(Page):
    template = """
    <template name="row">
      <view class="row" id="row-{{id}}" bindtap="on_row">
        <text id="label-{{id}}">{{name}}</text>
        <card title="{{name}}"><button id="buy-{{id}}" bindtap="on_buy">buy</button></card>
      </view>
    </template>
    <view id="top" capture-bind:tap="on_capture">
      <block wx:for="{{rows}}" wx:key="id">
        <template is="row" data="{{...item}}"/>
      </block>
      <view wx:if="{{more}}" id="more">more</view>
    </view>
    """
    data = {"rows": [{"id": 1, "name": "tea"}, {"id": 2, "name": "milk"}, {"id": 3, "name": "soy"}],
            "more": True}
    using_components = {"card": Card}

    def on_load(self, query):
        self.calls = []

    def on_capture(self, event):
        self.calls.append(("capture", event.target.id))

    def on_row(self, event):
        self.calls.append(("row", event.target.id, event.current_target.id))

    def on_buy(self, event):
        self.calls.append(("buy", event.target.id))


def assert_paths_match_a_search(page):
    nodes = every_node(page._vnodes)
    assert len(nodes) > 30
    for node, expected in nodes:
        assert tree_path(page._vnodes, node) == expected, node
        # found by the parent links themselves, not by the search they fall back on
        assert _walk_up(page._vnodes, node) == expected, node


def test_event_paths_by_parent_links_are_the_paths_a_search_finds():
    with run(Nested) as phone:
        page = phone._phone.current_page
        assert_paths_match_a_search(page)
        # re-rendered: an item changed, one removed, one added, a wx:if branch gone
        page.set_data({"rows[1].name": "oat"})
        phone._phone.settle()
        assert_paths_match_a_search(page)
        page.set_data({"rows": [{"id": 3, "name": "soy"}, {"id": 1, "name": "tea"}, {"id": 4, "name": "rice"}],
                       "more": False})
        phone._phone.settle()
        assert_paths_match_a_search(page)


def test_a_node_no_longer_on_the_page_has_no_path():
    with run(Nested) as phone:
        page = phone._phone.current_page
        old = {id(node): node for node, _ in every_node(page._vnodes)}
        page.set_data({"rows": [{"id": 9, "name": "new"}], "more": False})
        phone._phone.settle()
        live = {id(node) for node, _ in every_node(page._vnodes)}
        gone = [node for key, node in old.items() if key not in live]
        assert gone
        for node in gone:
            assert tree_path(page._vnodes, node) is None, node


def test_tap_in_slot_content_inside_nested_components_bubbles_to_the_page():
    with run(Nested) as phone:
        page = phone._phone.current_page
        phone.current_page.query("#buy-2").tap()
        # the page's button sits in card's slot: capture at #top, then the button's own
        # handler, then the row (card and its badge are not on the way up from the slot)
        assert page.calls == [("capture", "buy-2"), ("buy", "buy-2"), ("row", "buy-2", "row-2")]
        page.calls.clear()
        phone.current_page.query("#in-badge-milk").tap()
        # card's text in badge's slot: up through badge's root, then the page's row, which sees
        # the card host as target (an event from inside a component is retargeted)
        assert [(c[0], c[-1]) for c in page.calls] == [("capture", ""), ("badge", ""), ("row", "row-2")]
        assert page.calls[-1][1] == ""


def test_taps_after_changes_reach_the_fresh_nodes():
    with run(Nested) as phone:
        page = phone._phone.current_page
        for round_ in range(3):
            page.set_data({"rows[0].name": f"tea{round_}"})
            phone._phone.settle()
            phone.current_page.query("#buy-1").tap()
            assert page.calls[-1] == ("row", "buy-1", "row-1")
        assert phone.current_page.query("#label-1").text == "tea2"
