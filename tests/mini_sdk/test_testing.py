"""The driver (mini_sdk.testing): plain data out, clear failures, every verb."""
import pytest

from mini_sdk import MiniProgram, Page
from mini_sdk.testing import ElementNotFound, launch


class Counter(Page):
    template = """
    <view class="box">
      <text id="count">Count: {{count}}</text>
      <button id="add" bindtap="add" data-step="1">+1</button>
      <view wx:for="{{items}}" wx:key="id" class="item" data-id="{{item.id}}">{{item.name}}</view>
    </view>
    """
    data = {"count": 0, "items": [{"id": 1, "name": "tea"}, {"id": 2, "name": "milk"}]}

    def add(self, event):
        step = int(event.current_target.dataset["step"])
        self.set_data({"count": self.data["count"] + step})


def program():
    return MiniProgram(pages={"pages/index/index": Counter}, window={"navigationBarTitleText": "Counter"})


def test_design_contract_counter_story():
    with launch(program()) as phone:
        page = phone.current_page
        assert page.path == "pages/index/index" and page.query == {} and page.title == "Counter"
        page.query("#add").tap()
        page.query("#add").tap()
        assert page.data["count"] == 2
        assert "Count: 2" in phone.screen()
        items = page.query_all("view.item")
        assert [i.text for i in items] == ["tea", "milk"]
        assert items[1].dataset == {"id": 2}
        assert page.query("#add").attribute("data-step") == "1"


def test_no_match_lists_ids_and_tags():
    with launch(program()) as phone:
        with pytest.raises(ElementNotFound) as info:
            phone.current_page.query("#buy")
        message = str(info.value)
        assert message.startswith("No element matches '#buy' on pages/index/index. Elements with ids: #count, #add.")
        assert "{" not in message


def test_no_match_message_in_chinese():
    from mini_sdk import set_language

    with launch(program()) as phone:
        set_language("zh-Hans")
        with pytest.raises(ElementNotFound) as info:
            phone.current_page.query("#buy")
        assert "找不到" in str(info.value)


def test_element_handle_survives_redraw():
    with launch(program()) as phone:
        count = phone.current_page.query("#count")
        phone.current_page.query("#add").tap()
        assert count.text == "Count: 1"


def test_data_is_a_plain_copy_even_if_student_stores_tricky_objects():
    class Always(str):
        def __eq__(self, other):
            return True

        __hash__ = str.__hash__

    class Sneaky(Page):
        template = "<text id='t'>{{answer}}</text>"
        data = {"answer": ""}

        def on_load(self, query):
            self.set_data({"answer": Always("wrong")})
            self.data["answer"] = Always("wrong")

    with launch(MiniProgram(pages={"p/p": Sneaky})) as phone:
        data = phone.current_page.data
        assert type(data["answer"]) is str
        assert data["answer"] != "right"
        assert type(phone.current_page.query("#t").text) is str
        data["answer"] = "changed"
        assert phone.current_page.data["answer"] == "wrong"


def test_advance_runs_timers_on_virtual_clock():
    from mini_sdk import set_timeout

    class Timer(Page):
        template = "<text id='t'>{{n}}</text>"
        data = {"n": 0}

        def on_load(self, query):
            set_timeout(lambda: self.set_data({"n": 1}), 1000)

    with launch(MiniProgram(pages={"p/p": Timer})) as phone:
        phone.advance(999)
        assert phone.current_page.query("#t").text == "0"
        phone.advance(1)
        assert phone.current_page.query("#t").text == "1"
        assert phone.now == 1000


def test_screen_shows_title_and_page():
    with launch(program()) as phone:
        lines = phone.screen().splitlines()
        assert lines[0] == "Counter"
        assert any("Count: 0" in line for line in lines)
        assert any("[ +1 ]" in line for line in lines)


class Dialogs(Page):
    template = """
    <button id="ask" bindtap="ask">ask</button>
    <button id="menu" bindtap="menu">menu</button>
    <button id="where" bindtap="where">where</button>
    <text id="answer">{{answer}}</text>
    """
    data = {"answer": ""}

    def ask(self, event):
        from mini_sdk import wx

        wx.show_modal(title="Nickname", content="Type your nickname", editable=True,
                      success=lambda res: self.set_data({"answer": f"{res['confirm']}:{res.get('content')}"}))

    def menu(self, event):
        from mini_sdk import wx

        wx.show_action_sheet(item_list=["珍珠", "椰果"],
                             success=lambda res: self.set_data({"answer": f"tap {res['tap_index']}"}))

    def where(self, event):
        from mini_sdk import wx

        wx.get_location(type="gcj02", success=lambda res: self.set_data({"answer": f"{res['latitude']},{res['longitude']}"}),
                        fail=lambda res: self.set_data({"answer": res["err_msg"]}))


def test_modal_confirm_with_typed_content_and_cancel():
    with launch(MiniProgram(pages={"p/p": Dialogs})) as phone:
        page = phone.current_page
        page.query("#ask").tap()
        assert phone.modal["title"] == "Nickname" and phone.modal["editable"] is True
        phone.confirm_modal(content="阿明")
        assert phone.modal is None and page.query("#answer").text == "True:阿明"
        page.query("#ask").tap()
        phone.cancel_modal()
        assert page.query("#answer").text.startswith("False")


def test_answering_a_modal_that_is_not_there_says_what_is_on_screen():
    with launch(MiniProgram(pages={"p/p": Dialogs})) as phone:
        with pytest.raises(ElementNotFound) as info:
            phone.confirm_modal()
        assert "ask" in str(info.value)


def test_action_sheet_choice():
    with launch(MiniProgram(pages={"p/p": Dialogs})) as phone:
        phone.current_page.query("#menu").tap()
        assert phone.action_sheet["item_list"] == ["珍珠", "椰果"]
        phone.choose_action(1)
        assert phone.current_page.query("#answer").text == "tap 1"


def test_mock_and_restore_a_wx_method():
    with launch(MiniProgram(pages={"p/p": Dialogs})) as phone:
        phone.mock_wx_method("get_location", result={"latitude": 22.54, "longitude": 113.93})
        phone.current_page.query("#where").tap()
        assert phone.current_page.query("#answer").text == "22.54,113.93"
        phone.restore_wx_method("get_location")
        phone.current_page.query("#where").tap()
        # without the mock the real rule applies: the program never declared getLocation
        assert "getLocation:fail" in phone.current_page.query("#answer").text


class TypoList(Page):
    template = '<view class="row" wx:fro="{{drinks}}">{{item}}</view>'
    data = {"drinks": ["tea", "milk"]}


def test_a_failing_test_in_the_notebook_shows_what_the_console_warned(capsys, monkeypatch):
    """A visible homework test that fails because of wx:fro: the console's warning (with its
    'did you mean wx:for') is printed under the failure, as a self-check shows it; not while
    grading, where nbgrader's meaning of the cell's output is kept."""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("MINICOURSE_GRADING", raising=False)
    program = MiniProgram(pages={"pages/index/index": TypoList})
    with pytest.raises(AssertionError):
        with launch(program) as phone:
            assert len(phone.current_page.query_all(".row")) == 2
    printed = capsys.readouterr().out
    assert printed.startswith("⚠") and "wx:fro" in printed and "wx:for" in printed
    with launch(program) as phone:   # a test that passes adds nothing
        phone.screen()
    assert capsys.readouterr().out == ""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError):
        with launch(program) as phone:
            assert len(phone.current_page.query_all(".row")) == 2
    assert capsys.readouterr().out == ""
