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


def assert_paths_match_a_search(page, at_least=30):
    nodes = every_node(page._vnodes)
    assert len(nodes) >= at_least
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


# --------------------------------------------------------------------------- set_data's paths

def shape(nodes):
    """Everything a rendered tree says, as plain data, to compare two renders."""
    out = []
    for n in nodes:
        events = sorted((name, b.phase, b.handler if isinstance(b.handler, str) else "<fn>")
                        for name, bs in n.events.items() for b in bs)
        out.append((n.tag, n.text, dict(n.attrs), n.id, list(n.classes), dict(n.dataset),
                    dict(n.marks), n.key, n.hidden, events, shape(n.children)))
    return out


def fresh_render(page):
    """The page rendered from its view data with no memo at all: the reference."""
    from mini_sdk.wxml.render import RenderContext

    ctx = RenderContext(owner=page, wxs_modules=dict(type(page).wxs or {}))
    return type(page)._compiled().render(page._view, ctx)


class Shop(Page):
    template = """
    <view class="head">{{title}} · {{drinks.length}}</view>
    <view wx:for="{{drinks}}" wx:key="id" class="drink {{item.sold ? 'sold' : ''}}" data-i="{{index}}">
      <text>{{index}}. {{item.name}}</text>
      <text wx:for="{{item.tags}}" wx:key="*this" class="tag">{{item}}</text>
      <button bindtap="buy" wx:if="{{!item.sold}}">buy</button>
    </view>
    <view wx:for="{{shelf.rows}}" class="row">{{item}}</view>
    <block wx:for="{{drinks}}" wx:key="id"><text class="b">{{item.name}}</text></block>
    """
    data = {"title": "Menu", "shelf": {"rows": ["a", "b", "c"]},
            "drinks": [{"id": i, "name": f"d{i}", "sold": False, "tags": ["hot", "new"][: i % 3]}
                       for i in range(12)]}

    def buy(self, event):
        pass


CHANGES = [
    {"drinks[3].name": "latte"},                                  # one item
    {"drinks[0].sold": True, "drinks[11].name": "last"},          # the ends, a wx:if inside
    {"drinks[5].tags[0]": "cold"},                                # an inner loop's item
    {"drinks[4]": {"id": 40, "name": "new key", "sold": False, "tags": []}},   # a new key
    {"drinks[6].id": 4},                                          # a key another item had
    {"drinks[12]": {"id": 99, "name": "added", "sold": False, "tags": []}},    # longer list
    {"shelf.rows[1]": "B"},                                       # a list under an object
    {"shelf": {"rows": ["x"]}},                                   # what holds the list
    {"title": "Drinks"},                                          # outside the lists
    {"drinks": [{"id": 1, "name": "only", "sold": True, "tags": ["t"]}]},      # whole list
    {"drinks[0].tags": ["p", "q", "p"]},                          # duplicate *this keys
]


def test_one_item_updates_render_what_a_full_render_renders():
    with run(Shop) as phone:
        page = phone._phone.current_page
        for change in CHANGES:
            phone.current_page.set_data(change)
            assert shape(page._vnodes) == shape(fresh_render(page)), change
            assert_paths_match_a_search(page, at_least=5)


def test_a_one_item_update_rebuilds_only_that_item(monkeypatch):
    from mini_sdk.wxml.render import ForR

    patched = []
    original = ForR._patch

    def spy(self, *args):
        result = original(self, *args)
        patched.append(result is not None)
        return result

    monkeypatch.setattr(ForR, "_patch", spy)
    with run(Shop) as phone:
        page = phone._phone.current_page
        before = [n for n in page._vnodes if "drink" in n.classes]
        phone.current_page.set_data({"drinks[7].name": "mocha"})
        after = [n for n in page._vnodes if "drink" in n.classes]
        assert True in patched                      # the item loop was not walked
        assert [a is b for a, b in zip(before, after)] == [i != 7 for i in range(12)]
        assert phone.current_page.query_all(".drink")[7].query("text").text == "7. mocha"


def test_view_data_changed_behind_set_data_is_still_rendered():
    """A change to the view data that bypasses set_data's bookkeeping makes the next render
    look at everything, never show stale items."""
    from mini_sdk.data import set_copy_on_write

    with run(Shop) as phone:
        page = phone._phone.current_page
        phone.current_page.set_data({"drinks[1].name": "one"})
        page._view = set_copy_on_write(page._view, ("drinks", 2, "name"), "two")
        phone.current_page.set_data({"drinks[3].name": "three"})
        names = [t.text for t in phone.current_page.query_all(".b")]
        assert names[1:4] == ["one", "two", "three"]
        assert shape(page._vnodes) == shape(fresh_render(page))


def test_component_properties_reach_its_list_items():
    class Tags(Component):
        template = '<text wx:for="{{tags}}" wx:key="*this" class="t">{{item}}</text>'
        properties = {"tags": list}

    class Host(Page):
        template = '<tags tags="{{tags}}"/><button bindtap="more">more</button>'
        data = {"tags": ["a", "b"]}
        using_components = {"tags": Tags}

        def more(self, event):
            self.set_data({"tags[1]": "B"})

    with run(Host) as phone:
        phone.current_page.query("button").tap()
        assert [t.text for t in phone.current_page.query_all(".t")] == ["a", "B"]


# --------------------------------------------------------------------------- what tests read

class Note(Component):
    template = '<view id="note-{{n}}" class="note" bindtap="bump">note {{n}}</view>'
    data = {"n": 0}

    def bump(self, event):
        self.set_data({"n": self.data["n"] + 1})


class Board(Page):
    template = """
    <view id="top">{{title}}</view>
    <view wx:for="{{cells}}" wx:key="id" id="{{item.tag}}" class="cell" hidden="{{item.hide}}">{{item.id}}</view>
    <view wx:if="{{extra}}" id="extra">extra</view>
    <input id="name" value="{{name}}"/>
    <note/>
    <button id="go" bindtap="go">go</button>
    <button id="quiet" bindtap="quiet">quiet</button>
    """
    data = {"title": "t", "extra": False, "name": "",
            "cells": [{"id": i, "tag": f"c{i % 3}", "hide": False} for i in range(6)]}
    using_components = {"note": Note}

    def go(self, event):
        self.set_data({"extra": not self.data["extra"], "cells[2].tag": "moved",
                       "cells[4].hide": True, "title": self.data["title"] + "!"})

    def quiet(self, event):
        self.data["title"] = "changed without set_data"   # the logic layer only

    def later(self):
        self.data["late"] = True


def ids_by_search(phone):
    from mini_sdk.wxml.select import select_all

    roots = phone._phone.current_page._vnodes
    ids = sorted({n.id for n in select_all(roots, "*") if n.id})
    return {i: [n for n in select_all(roots, f"#{i}") if not n.hidden] for i in ids}


def assert_id_queries_match_a_search(phone):
    page = phone.current_page
    expected = ids_by_search(phone)
    for i, nodes in expected.items():
        found = page.query_all(f"#{i}")
        assert [e._node for e in found] == nodes, i
        assert page.exists(f"#{i}") == bool(nodes)
    assert not page.exists("#nothing-has-this-id")


def test_id_queries_follow_nodes_that_come_and_go():
    with run(Board) as phone:
        assert_id_queries_match_a_search(phone)
        assert len(phone.current_page.query_all("#c1")) == 2        # duplicates, in page order
        phone.current_page.query("#go").tap()                          # #extra appears, #moved...
        assert_id_queries_match_a_search(phone)
        assert phone.current_page.query("#moved").text == "2"
        assert phone.current_page.exists("#extra")
        phone.current_page.query("#note-0").tap()                      # a component re-renders alone
        assert_id_queries_match_a_search(phone)
        assert phone.current_page.exists("#note-1") and not phone.current_page.exists("#note-0")
        phone.current_page.query("#go").tap()                          # #extra goes again
        assert_id_queries_match_a_search(phone)
        assert not phone.current_page.exists("#extra")
        phone.current_page.set_data({"cells": [{"id": 9, "tag": "c9", "hide": False}]})
        assert_id_queries_match_a_search(phone)
        assert not phone.current_page.exists("#c1")


def test_page_data_is_fresh_after_every_change_and_each_read_is_a_copy():
    with run(Board) as phone:
        page = phone.current_page
        first = page.data
        first["title"] = "scribbled on by the test"
        assert phone.current_page.data["title"] == "t"                 # a copy each time
        phone.current_page.query("#go").tap()
        assert phone.current_page.data["title"] == "t!"
        assert phone.current_page.data["cells"][2]["tag"] == "moved"
        phone.current_page.query("#quiet").tap()                       # no set_data at all
        assert phone.current_page.data["title"] == "changed without set_data"
        phone.current_page.call_method("later")
        assert phone.current_page.data["late"] is True
        phone._phone.current_page.set_data({"title": "direct"})        # straight on the page
        assert phone.current_page.data["title"] == "direct"


def test_screen_text_is_fresh_after_taps_typing_components_and_timers():
    with run(Board) as phone:
        assert "note 0" in phone.screen()
        phone.current_page.query("#note-0").tap()
        assert "note 1" in phone.screen() and "note 1" in phone.current_page.text
        phone.current_page.query("#name").input("Mei")
        assert "[Mei]" in phone.screen()
        phone.current_page.query("#go").tap()
        assert "extra" in phone.screen()
        raw = phone._phone.current_page
        phone._phone.clock.call_later(500, lambda: raw.set_data({"title": "from a timer"}))
        assert "from a timer" not in phone.screen()
        phone.advance(500)
        assert "from a timer" in phone.screen()
        assert phone.screen() == phone.screen()


# --------------------------------------------------------------------------- garbage collector

def test_a_render_leaves_the_garbage_collector_as_it_found_it():
    import gc

    class Fails(Component):
        template = "<text>x</text>"

        def attached(self):
            raise ValueError("attached failed")

    class Broken(Page):
        template = '<fails wx:if="{{show}}"/>'
        data = {"show": False}
        using_components = {"fails": Fails}

    with run(Shop) as phone:
        assert gc.isenabled()
        phone.current_page.set_data({"title": "x"})
        assert gc.isenabled()
        gc.disable()
        try:
            phone.current_page.set_data({"title": "y"})
            assert not gc.isenabled()          # a test (or a student) that turned it off
        finally:
            gc.enable()
    with run(Broken) as phone:
        with pytest.raises(ValueError):       # raised in the middle of a render
            phone.current_page.set_data({"show": True})
        assert gc.isenabled()


def test_trees_a_page_no_longer_shows_are_freed():
    import gc

    from mini_sdk.wxml.nodes import VNode

    def alive():
        gc.collect()
        return sum(1 for o in gc.get_objects() if isinstance(o, VNode))

    with run(Shop) as phone:
        base = alive()
        for round_ in range(5):
            phone.current_page.set_data({"drinks": [
                {"id": round_ * 100 + i, "name": f"n{i}", "sold": False, "tags": ["a"]} for i in range(12)]})
            phone.current_page.query("button").tap()
        assert alive() <= base * 1.5


def test_many_set_data_calls_before_one_render_all_show():
    class Busy(Page):
        template = '<text wx:for="{{cells}}" wx:key="*this" class="c">{{item}}</text><button bindtap="fill">fill</button>'
        data = {"cells": list(range(30))}

        def fill(self, event):
            for round_ in range(40):          # 1,200 paths before the render: more than are noted
                for i in range(30):
                    self.set_data({f"cells[{i}]": 1000 * round_ + i})

    with run(Busy) as phone:
        phone.current_page.query("button").tap()
        assert [t.text for t in phone.current_page.query_all(".c")] == [str(39000 + i) for i in range(30)]


# --------------------------------------------------------------------------- kept screen and #id index

class Listed(Page):
    template = """
    <view id="top" class="list">
      <view wx:for="{{drinks}}" wx:key="id" id="drink-{{item.id}}" hidden="{{item.hide}}"
            style="{{item.gone ? 'display: none' : ''}}">
        <text id="name-{{item.id}}">{{item.name}}</text>
        <view wx:for="{{item.tags}}" wx:key="*this" id="tag-{{item.id}}-{{item}}">{{item}}</view>
        <button id="buy-{{item.id}}" wx:if="{{!item.sold}}">buy</button>
      </view>
      <view id="last">{{drinks.length}} drinks</view>
      <view wx:if="{{extra}}" id="extra"><view id="inner">inside</view></view>
    </view>
    <view id="foot">{{title}}</view>
    """
    data = {"title": "Menu", "extra": False,
            "drinks": [{"id": i, "name": f"d{i}", "sold": False, "hide": False, "gone": False,
                        "tags": ["hot", "new"][: i % 3]} for i in range(12)]}


LISTED_CHANGES = [
    {"drinks[3].name": "latte"},                                  # one item
    {"drinks[0].sold": True, "drinks[11].name": "end"},           # the ends; a wx:if inside
    {"drinks[5].tags[0]": "cold"},                                # an inner loop's item (its id)
    {"drinks[4].hide": True},                                     # hidden
    {"drinks[6].gone": True},                                     # display:none inline
    {"drinks[4].hide": False, "drinks[6].gone": False},
    {"drinks[7].id": 70},                                         # a new key: new ids
    {"drinks[8].id": 2},                                          # an id another item has
    {"drinks[12]": {"id": 99, "name": "added", "sold": False, "hide": False, "gone": False,
                    "tags": []}},                                 # longer list
    {"extra": True},                                              # a subtree appears
    {"title": "Drinks"},                                          # outside the list
    {"extra": False, "drinks[1].tags": ["p", "q"]},
    {"drinks": [{"id": 1, "name": "only", "sold": True, "hide": False, "gone": False,
                 "tags": ["t"]}]},                                # whole list
]


def test_kept_screen_and_id_index_equal_fresh_ones_after_every_change():
    from mini_sdk.css_display import invisible_nodes
    from mini_sdk.wxml.nodes import screen_text
    from mini_sdk.wxml.select import id_index

    with run(Listed) as phone:
        page = phone._phone.current_page
        for change in [{}] + LISTED_CHANGES:
            page.set_data(change)
            phone._phone.settle()
            shown = phone.screen()
            kept_index = phone.current_page._select  # noqa: B018 (the driver's #id path)
            fresh = id_index(page._vnodes)
            for ident, nodes in fresh.items():
                visible = [n for n in nodes if not n.hidden and id(n) not in invisible_nodes(phone._phone)]
                assert kept_index("#" + ident) == visible, (change, ident)
            assert kept_index("#no-such-id") == []
            # the same text as laid out afresh (what CSS hides marked by a fresh look)
            page.__dict__.pop("_subtree_memos")
            page.__dict__.pop("_css_invisible")
            page.__dict__.pop("_reads")
            assert phone.screen() == shown, change
            assert screen_text(page._vnodes) in shown
            for drink in page.data["drinks"]:
                assert (drink["name"] in shown) == (not drink["hide"] and not drink["gone"]), change


def test_one_item_change_looks_again_only_at_that_item(monkeypatch):
    """After a one-item set_data on a 200-item list the screen and the #id index look into
    the rebuilt item (and its rebuilt parents), never into the other items' nodes."""
    from mini_sdk.wxml import nodes as nodes_module

    class Long(Page):
        template = Listed.template
        data = {**Listed.data, "drinks": [
            {"id": i, "name": f"d{i}", "sold": False, "hide": False, "gone": False, "tags": ["t"]}
            for i in range(200)]}

    with run(Long) as phone:
        phone.screen()
        phone.current_page.query("#last")
        looked: list = []
        real = nodes_module._Layout.block

        def counting(self, node, tag):
            looked.append(node)
            return real(self, node, tag)

        monkeypatch.setattr(nodes_module._Layout, "block", counting)
        phone.current_page.set_data({"drinks[150].name": "changed"})
        text = phone.screen()
        assert "changed" in text and "d150" not in text
        assert phone.current_page.query("#name-150").text == "changed"
        assert phone.current_page.query("#last").text == "200 drinks"
        items = [n for n in looked if n.id.startswith("drink-")]
        assert [n.id for n in items] == ["drink-150"]


# --------------------------------------------------------------------------- what a rebuild says changed
#
# A list's element rebuilt after a one-item set_data says which of its children are new
# (VNode.renewal); the #id index, what CSS hides and the screen then look at those children
# only. These tests change one item at a time, in every way that could leave something kept
# stale, and compare what the driver reads with what a fresh look finds.

class Shelf(Page):
    template = """
    <view id="top" class="shelf">
      <view wx:for="{{books}}" wx:key="key" id="{{item.ident}}" class="book {{item.done ? 'done' : ''}}"
            hidden="{{item.hide}}" style="{{item.gone ? 'display: none' : ''}}">
        <text class="title" id="title-{{item.key}}">{{item.title}}</text>
        <button class="mark" bindtap="mark" data-index="{{index}}">done</button>
      </view>
      <view id="last">{{books.length}} books</view>
    </view>
    """
    style = ".done { display: none; }"
    data = {"books": [{"key": i, "ident": f"book-{i}", "title": f"t{i}", "done": False,
                       "hide": False, "gone": False} for i in range(60)]}

    def mark(self, event):
        i = event.current_target.dataset["index"]
        self.set_data({f"books[{i}].done": True})


class PlainShelf(Shelf):
    """The same list with no WXSS: what CSS hides is kept per subtree (only inline styles and
    ``hidden`` can hide)."""
    style = ""


SHELF_CHANGES = [
    {"books[7].title": "seven"},                  # text inside one item
    {"books[0].title": "first", "books[59].title": "end"},   # the ends
    {"books[8].done": True},                      # a WXSS class hides it
    {"books[8].done": False},                     # ... and shows it again
    {"books[9].hide": True},                      # hidden
    {"books[10].gone": True},                     # display:none inline
    {"books[9].hide": False, "books[10].gone": False},
    {"books[11].ident": "moved-here"},            # an #id moves to another name
    {"books[12].ident": "book-13"},               # an #id another item has too
    {"books[12].ident": "book-12"},               # ... and back
    {"books[14].ident": ""},                      # an #id disappears
    {"books[14].ident": "book-14-again"},         # ... and appears
]


def fresh_look(phone):
    """(the ids a person can find, the screen) worked out afresh, nothing kept."""
    from mini_sdk.css_display import invisible_nodes
    from mini_sdk.wxml.select import id_index

    page = phone._phone.current_page
    for kept in ("_subtree_memos", "_css_invisible", "_reads"):
        page.__dict__.pop(kept, None)
    invisible = invisible_nodes(phone._phone)
    ids = {i: [n for n in nodes if not n.hidden and id(n) not in invisible]
           for i, nodes in id_index(page._vnodes).items()}
    return {i: nodes for i, nodes in ids.items() if nodes}, phone.screen()


def kept_look(phone):
    """The same through what the driver keeps between reads."""
    from mini_sdk.wxml.select import id_index

    page = phone._phone.current_page
    names = list(id_index(page._vnodes))
    found = {i: [e._node for e in phone.current_page.query_all("#" + i)] for i in names}
    return {i: nodes for i, nodes in found.items() if nodes}, phone.screen()


@pytest.mark.parametrize("shelf", [Shelf, PlainShelf])
def test_one_item_changes_leave_nothing_kept_stale(shelf):
    with run(shelf) as phone:
        page = phone._phone.current_page
        kept_look(phone)
        for change in SHELF_CHANGES:
            phone.current_page.set_data(change)
            ids, screen = kept_look(phone)
            assert (ids, screen) == fresh_look(phone), change
            data = phone.current_page.data
            assert data["books"] == page.data["books"]
            idents = [book["ident"] for book in data["books"]]
            for book in data["books"]:
                # done hides only where WXSS says .done { display: none }
                shown = not (book["hide"] or book["gone"] or (book["done"] and shelf is Shelf))
                assert (f"{book['title']} [ done ]" in screen.split("\n")) == shown, (change, book)
                if book["ident"] and idents.count(book["ident"]) == 1:
                    assert phone.current_page.exists("#" + book["ident"]) == shown, (change, book)
                    if shown:
                        assert phone.current_page.query("#" + book["ident"]).text == f"{book['title']}done"
            assert phone.current_page.query("#last").text == f"{len(data['books'])} books"


@pytest.mark.parametrize("shelf", [Shelf, PlainShelf])
def test_several_renders_between_reads_leave_nothing_stale(shelf):
    """What was kept may be several renders old (set_data, taps, then one query): each
    render's note of what changed names only its own changes."""
    with run(shelf) as phone:
        kept_look(phone)
        for start in range(0, len(SHELF_CHANGES), 3):
            for change in SHELF_CHANGES[start:start + 3]:
                phone.current_page.set_data(change)
            phone.current_page.query(f"#book-{20 + start} .mark").tap()   # .done: WXSS hides it
            assert kept_look(phone) == fresh_look(phone), start
            assert phone.current_page.exists(f"#book-{20 + start}") == (shelf is PlainShelf)
            assert phone.current_page.data["books"][20 + start]["done"] is True


@pytest.mark.parametrize("shelf", [Shelf, PlainShelf])
def test_reads_after_a_whole_list_and_then_one_item_are_fresh(shelf):
    with run(shelf) as phone:
        kept_look(phone)
        books = [{"key": 100 + i, "ident": f"new-{i}", "title": f"n{i}", "done": i == 3,
                  "hide": False, "gone": False} for i in range(40)]
        phone.current_page.set_data({"books": books})
        assert kept_look(phone) == fresh_look(phone)
        assert not phone.current_page.exists("#book-1") and phone.current_page.exists("#new-1")
        assert phone.current_page.exists("#new-3") == (shelf is PlainShelf)
        phone.current_page.set_data({"books[5].ident": "renamed", "books[3].done": False})
        assert kept_look(phone) == fresh_look(phone)
        assert phone.current_page.exists("#renamed") and phone.current_page.exists("#new-3")
        assert phone.current_page.query("#last").text == "40 books"


def test_a_one_item_change_names_only_that_item_to_the_id_index(monkeypatch):
    """The #id index after a one-item set_data on a 300-item list looks into that item, and
    does not compare the list's other children one by one."""
    from mini_sdk.wxml import select

    class Long(PlainShelf):
        data = {"books": [{"key": i, "ident": f"book-{i}", "title": f"t{i}", "done": False,
                           "hide": False, "gone": False} for i in range(300)]}

    with run(Long) as phone:
        phone.current_page.query("#last")
        phone.current_page.set_data({"books[150].title": "changed"})
        top = phone._phone.current_page._vnodes[0]
        before, positions = top.renewal
        assert positions == [150, 300] and before is not top   # the item, and #last (reads books.length)
        assert before.renewal is None            # no chain of older pages kept alive
        looked: list = []
        real = select._renewed

        def counting(node, *args):
            looked.append(node)
            return real(node, *args)

        monkeypatch.setattr(select, "_renewed", counting)
        assert phone.current_page.query("#title-150").text == "changed"
        # the list's element, the item and #last; below the item only its rebuilt children
        assert [n.id for n in looked if n.id.startswith("book-") or n.id in ("top", "last")] == [
            "top", "book-150", "last"]
        assert len(looked) <= 6
