"""set_data semantics (spec §2)."""
import pytest

from mini_sdk import MiniProgram, Page, SetDataError
from mini_sdk.data import SET_DATA_LIMIT_BYTES, parse_path, set_copy_on_write
from mini_sdk.testing import launch


class Shop(Page):
    template = """
    <view>
      <text id="title">{{user.name}}</text>
      <view wx:for="{{list}}" wx:key="id" class="item">{{item.name}}:{{item.count}}</view>
    </view>
    """
    data = {"user": {"name": "Li"}, "list": [{"id": 1, "name": "tea", "count": 0}, {"id": 2, "name": "milk", "count": 0}]}

    def rename(self, event=None):
        self.set_data({"list[1].name": "juice", "user.city": "Macao"})
        self.after = self.data["list"][1]["name"]  # logic layer already updated


def run(page_cls=Shop):
    return launch(MiniProgram(pages={"pages/index/index": page_cls}))


def test_spec_2_path_keys_parse():
    assert parse_path("list[0].name") == ("list", 0, "name")
    assert parse_path("a.b.c") == ("a", "b", "c")
    assert parse_path("grid[1][2]") == ("grid", 1, 2)


@pytest.mark.parametrize("bad", ["a..b", ".a", "a.", "a[x]", "a[1", "[0]"])
def test_spec_2_bad_path_is_a_clear_error(bad):
    with pytest.raises(SetDataError) as info:
        parse_path(bad)
    assert bad in str(info.value)


def test_spec_2_set_data_updates_this_data_synchronously_and_page_after():
    with run() as phone:
        page = phone._phone.current_page
        phone.current_page.call_method("rename")
        assert page.after == "juice"
        assert phone.current_page.data["user"] == {"name": "Li", "city": "Macao"}
        assert [e.text for e in phone.current_page.query_all(".item")] == ["tea:0", "juice:0"]


def test_spec_2_path_creates_missing_parents():
    class P(Page):
        template = "<text>{{a.b.c}}</text>"
        data = {}

        def go(self):
            self.set_data({"a.b.c": 5})

    with run(P) as phone:
        phone.current_page.call_method("go")
        assert phone.current_page.data == {"a": {"b": {"c": 5}}}
        assert "5" in phone.screen()


def test_spec_2_whole_key_replaces_object_no_deep_merge():
    class P(Page):
        template = "<text>{{user.name}}</text>"
        data = {"user": {"name": "Li", "age": 13}}

        def go(self):
            self.set_data({"user": {"name": "Wong"}})

    with run(P) as phone:
        phone.current_page.call_method("go")
        assert phone.current_page.data["user"] == {"name": "Wong"}


def test_spec_2_rule1_direct_mutation_does_not_update_page():
    class P(Page):
        template = "<text id='t'>{{count}}</text>"
        data = {"count": 0}

        def cheat(self):
            self.data["count"] = 9  # no set_data: the page must not change

    with run(P) as phone:
        phone.current_page.call_method("cheat")
        assert phone.current_page.query("#t").text == "0"


def test_spec_2_rule2_only_json_data():
    class P(Page):
        template = "<text>{{x}}</text>"

        def bad(self):
            self.set_data({"tags": {"a", "b"}})

    with run(P) as phone:
        with pytest.raises(SetDataError) as info:
            phone.current_page.call_method("bad")
        assert "tags" in str(info.value) and "set" in str(info.value)


def test_spec_2_rule3_1024_kb_limit():
    class P(Page):
        template = "<text>{{x}}</text>"

        def big(self):
            self.set_data({"x": "a" * (SET_DATA_LIMIT_BYTES + 1)})

        def fits(self):
            self.set_data({"x": "a" * (SET_DATA_LIMIT_BYTES - 100)})

    with run(P) as phone:
        phone.current_page.call_method("fits")
        with pytest.raises(SetDataError) as info:
            phone.current_page.call_method("big")
        assert "1024 kB" in str(info.value)


def test_spec_2_callback_runs_after_render():
    seen = []

    class P(Page):
        template = "<text id='t'>{{n}}</text>"
        data = {"n": 0}

        def go(self):
            self.set_data({"n": 1}, lambda: seen.append(self._vnodes[0].inner_text()))
            seen.append("handler returned")

    with run(P) as phone:
        phone.current_page.call_method("go")
    assert seen == ["handler returned", "1"]


def test_set_data_keyword_form():
    class P(Page):
        template = "<text id='t'>{{n}}</text>"
        data = {"n": 0}

        def go(self):
            self.set_data(n=3)

    with run(P) as phone:
        phone.current_page.call_method("go")
        assert phone.current_page.query("#t").text == "3"


def test_copy_on_write_shares_untouched_items():
    data = {"list": [{"n": i} for i in range(5)], "other": {"x": 1}}
    new = set_copy_on_write(data, ("list", 3, "n"), 9)
    assert new["list"][3] == {"n": 9} and data["list"][3] == {"n": 3}
    assert all(new["list"][i] is data["list"][i] for i in (0, 1, 2, 4))
    assert new["other"] is data["other"]


def test_index_past_end_pads_and_warns():
    class P(Page):
        template = "<text>{{list.length}}</text>"
        data = {"list": []}

        def go(self):
            self.set_data({"list[2]": "x"})

    with run(P) as phone:
        phone.current_page.call_method("go")
        assert phone.current_page.data["list"] == [None, None, "x"]
        assert any("list[2]" in w for w in phone.warnings)
