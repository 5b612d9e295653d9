"""wx on the real simulated phone (mini_sdk.phone / mini_sdk.testing): route APIs, the active
phone, modals and mocks through the driver, errors in callbacks."""
import pytest

testing = pytest.importorskip("mini_sdk.testing")
from mini_sdk import App, MiniProgram, Page, wx  # noqa: E402
from mini_sdk.servers import Backend  # noqa: E402

API = "https://api.demo.example"


def make_program():
    backend = Backend(API)

    @backend.get("/hello")
    def hello(request):
        return {"hi": request.query.get("name", "?")}

    @backend.get("/crash")
    def crash(request):
        return {}["missing"]

    class Home(Page):
        template = """
        <view>
          <text id="msg">{{msg}}</text>
          <button id="go" bindtap="go">go</button>
          <button id="tab" bindtap="go_tab">tab</button>
          <button id="ask" bindtap="ask">ask</button>
          <button id="hello" bindtap="hello">hello</button>
          <button id="crash" bindtap="crash">crash</button>
          <button id="bad" bindtap="bad">bad</button>
        </view>"""
        data = {"msg": ""}

        def go(self, event):
            wx.navigate_to(url="/pages/detail/detail?id=3",
                           success=lambda res: self.set_data({"msg": res.err_msg}))

        def go_tab(self, event):
            wx.navigate_to(url="/pages/other/other", fail=lambda res: self.set_data({"msg": res.err_msg}))

        def ask(self, event):
            wx.show_modal(title="Sure?", editable=True,
                          success=lambda res: self.set_data({"msg": f"{res.confirm}:{res.content}"}))

        def hello(self, event):
            wx.request(url=API + "/hello", data={"name": "Li"},
                       success=lambda res: self.set_data({"msg": res.data["hi"]}))

        def crash(self, event):
            wx.request(url=API + "/crash", success=lambda res: self.set_data({"msg": str(res.status_code)}))

        def bad(self, event):
            wx.set_storage(key="a", data=1, success=lambda res: res.no_such_field)

    class Detail(Page):
        template = "<text>detail</text>"

        def on_load(self, query):
            wx.set_navigation_bar_title(title="Drink " + query["id"])

    class Other(Page):
        template = "<text>other</text>"

    class Demo(App):
        errors = []

        def on_error(self, message):
            Demo.errors.append(message)

    program = MiniProgram(
        pages={"pages/index/index": Home, "pages/detail/detail": Detail, "pages/other/other": Other},
        app=Demo, backend=backend,
        tab_bar={"list": [{"pagePath": "pages/index/index", "text": "Home"},
                          {"pagePath": "pages/other/other", "text": "Other"}]})
    return program, Demo


def test_route_apis_and_title():
    program, _ = make_program()
    with testing.launch(program) as phone:
        phone.current_page.query("#go").tap()
        assert phone.current_page.path == "pages/detail/detail"
        assert phone.current_page.title == "Drink 3"
        phone.navigate_back()
        assert phone.current_page.data["msg"] == "navigateTo:ok"
        phone.current_page.query("#tab").tap()
        assert phone.current_page.path == "pages/index/index"
        assert phone.current_page.data["msg"].startswith("navigateTo:fail")


def test_modal_request_and_mock_through_the_driver():
    program, _ = make_program()
    with testing.launch(program) as phone:
        page = phone.current_page
        page.query("#ask").tap()
        assert phone.modal["title"] == "Sure?"
        phone.confirm_modal("two sugars")
        assert page.data["msg"] == "True:two sugars"
        page.query("#hello").tap()
        assert page.data["msg"] == "Li"
        assert phone.requests[-1]["url"] == API + "/hello?name=Li"
        phone.mock_wx_method("request", result={"data": {"hi": "mocked"}, "status_code": 200})
        page.query("#hello").tap()
        assert page.data["msg"] == "mocked"
        phone.restore_wx_method("request")
        page.query("#hello").tap()
        assert page.data["msg"] == "Li"


def test_backend_crash_is_a_500_and_reported():
    program, Demo = make_program()
    with testing.launch(program) as phone:
        phone.current_page.query("#crash").tap()
        assert phone.current_page.data["msg"] == "500"
        assert phone.errors[-1]["type"] == "KeyError"


def test_error_in_a_callback_reaches_the_test_and_on_error():
    program, Demo = make_program()
    Demo.errors.clear()
    with testing.launch(program) as phone:
        with pytest.raises(AttributeError) as info:
            phone.current_page.query("#bad").tap()
        assert "no_such_field" in str(info.value)
        assert Demo.errors and "no_such_field" in Demo.errors[0]


def test_bare_notebook_cell_uses_a_scratch_phone():
    from mini_sdk.phone import active_phone

    wx.set_storage_sync("note", "hello")
    assert wx.get_storage_sync("note") == "hello"
    assert active_phone().services.storage_data["note"] == "hello"
    assert wx.get_storage(key="note").result().data == "hello"
    wx.remove_storage_sync("note")
