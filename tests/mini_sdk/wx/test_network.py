"""wx.request (spec 5.3) against a pretend backend written in Python."""
import pytest

from mini_sdk.servers import Backend, Response, ServerSetupError
from mini_sdk.wx import WxCallFailed, wx

API = "https://api.tea.example"


@pytest.fixture
def backend():
    b = Backend(API)
    menu = [{"id": 1, "name": "黑糖珍珠奶茶", "price": 1800}, {"id": 2, "name": "Mango", "price": 1500}]
    orders = []

    @b.get("/menu")
    def get_menu(request):
        if request.query.get("max"):
            return {"items": [m for m in menu if m["price"] <= int(request.query["max"])]}
        return {"items": menu}

    @b.get("/menu/<id>")
    def one(request):
        for m in menu:
            if m["id"] == int(request.params["id"]):
                return m
        return 404, {"error": "no such drink"}

    @b.route("/orders", methods=["GET", "POST"])
    def orders_route(request):
        if request.method == "POST":
            orders.append(request.json)
            return 201, {"n": len(orders)}
        return orders

    @b.post("/feedback")
    def feedback(request):
        return {"form": request.form, "ctype": request.headers["Content-Type"]}

    @b.get("/echo")
    def echo(request):
        return Response(200, "plain text", {"X-Shop": "tea"})

    @b.get("/crash")
    def crash(request):
        return 1 / 0

    @b.get("/slow", delay_ms=5000)
    def slow(request):
        return {"ok": True}

    @b.post("/login")
    def login(request):
        return {"token": request.start_session("o-test")}

    @b.get("/me")
    def me(request):
        return {"openid": request.openid}

    b.orders = orders
    return b


def test_get_json(make_phone, backend):
    phone = make_phone(backend=backend)
    got = []
    wx.request(url=API + "/menu", success=got.append)
    assert got == []
    phone.settle()
    res = got[0]
    assert res.err_msg == "request:ok" and res.status_code == 200
    assert res.data["items"][0]["name"] == "黑糖珍珠奶茶"
    assert res.header["content-type"].startswith("application/json")
    assert res.cookies == []


def test_get_data_goes_into_the_query_string(make_phone, backend):
    make_phone(backend=backend)
    res = wx.request({"url": API + "/menu", "data": {"max": 1600}}).result()
    assert [m["id"] for m in res.data["items"]] == [2]
    assert res.status_code == 200


def test_path_params_and_status_codes_reach_success(make_phone, backend):
    make_phone(backend=backend)
    assert wx.request(url=API + "/menu/2").result().data["name"] == "Mango"
    res = wx.request(url=API + "/menu/9").result()  # success runs for any status
    assert res.status_code == 404 and res.data == {"error": "no such drink"}
    assert wx.request(url=API + "/nowhere").result().status_code == 404
    assert wx.request(url=API + "/menu", method="DELETE").result().status_code == 405


def test_post_json_and_form_bodies(make_phone, backend):
    phone = make_phone(backend=backend)
    res = wx.request(url=API + "/orders", method="POST", data={"drink": 1, "qty": 2}).result()
    assert res.status_code == 201 and backend.orders == [{"drink": 1, "qty": 2}]
    res = wx.request(url=API + "/feedback", method="POST", data={"text": "好喝 & 便宜", "stars": 5},
                     header={"content-type": "application/x-www-form-urlencoded"}).result()
    assert res.data["form"] == {"text": "好喝 & 便宜", "stars": "5"}
    sent = phone.services.requests[-1]
    assert sent["body"] == "text=%E5%A5%BD%E5%96%9D%20%26%20%E4%BE%BF%E5%AE%9C&stars=5"
    assert sent["header"]["Referer"].startswith("https://servicewechat.com/wxbubbletea000001/")


def test_text_answers_and_data_type(make_phone, backend):
    make_phone(backend=backend)
    res = wx.request(url=API + "/echo").result()
    assert res.data == "plain text" and res.header["x-shop"] == "tea"
    res = wx.request(url=API + "/menu", data_type="text").result()
    assert isinstance(res.data, str) and res.data.startswith('{"items"')


def test_a_crashing_route_answers_500(make_phone, backend):
    phone = make_phone(backend=backend)
    res = wx.request(url=API + "/crash").result()
    assert res.status_code == 500 and res.err_msg == "request:ok"
    assert phone.errors[0]["type"] == "ZeroDivisionError"
    assert phone.warned("wx.server_code_crashed")


@pytest.mark.parametrize("url, warning", [
    ("http://api.tea.example/menu", "wx.request_needs_https"),
    ("https://192.168.1.5/menu", "wx.request_no_ip"),
    ("https://localhost/menu", "wx.request_no_localhost"),
    ("https://api.weixin.qq.com/sns/jscode2session?appid=x", "wx.request_weixin_api"),
    ("https://evil.example/menu", "wx.request_domain_not_listed"),
    ("https://api.tea.example:443/menu", "wx.request_domain_not_listed"),  # port must match exactly
])
def test_domain_rules(make_phone, backend, url, warning):
    phone = make_phone(backend=backend)
    got = []
    wx.request(url=url, fail=got.append, success=got.append)
    phone.settle()
    assert got[0].err_msg == "request:fail url not in domain list"
    assert phone.warned(warning)
    assert phone.services.requests[-1]["state"] == "refused"


def test_no_backend_and_bad_url(make_phone):
    phone = make_phone()
    with pytest.raises(WxCallFailed):
        wx.request(url=API + "/menu").result()
    assert phone.warned("wx.request_no_backend")
    with pytest.raises(WxCallFailed) as info:
        wx.request(url="/menu").result()
    assert info.value.err_msg == "request:fail invalid url"


def test_backend_refuses_bad_domains():
    for bad in ("http://shop.example", "https://10.0.0.1", "https://localhost:8080", "https://api.weixin.qq.com"):
        with pytest.raises(ServerSetupError):
            Backend(bad)


def test_timeout(make_phone, backend):
    phone = make_phone(backend=backend)
    got = []
    wx.request(url=API + "/slow", timeout=2000, fail=got.append, success=got.append)
    phone.advance(1999)
    assert got == []
    phone.advance(1)
    assert got[0].err_msg == "request:fail timeout"
    phone.advance(10_000)  # the late answer is dropped
    assert len(got) == 1
    assert phone.services.requests[-1]["state"] == "timeout"


def test_default_timeout_from_app_json(make_phone, backend):
    phone = make_phone(backend=backend, config={"networkTimeout": {"request": 3000}})
    with pytest.raises(WxCallFailed) as info:
        wx.request(url=API + "/slow").result()
    assert info.value.err_msg == "request:fail timeout" and phone.clock.now == 3000
    assert wx.request(url=API + "/slow", timeout=60000).result().data == {"ok": True}


def test_abort(make_phone, backend):
    phone = make_phone(backend=backend)
    got = []
    task = wx.request(url=API + "/slow", fail=got.append, complete=got.append)
    phone.advance(100)
    task.abort()
    phone.settle()
    assert [r.err_msg for r in got] == ["request:fail abort", "request:fail abort"]
    task.abort()  # a second abort does nothing
    phone.advance(10_000)
    assert len(got) == 2


def test_at_most_ten_in_flight(make_phone, backend):
    phone = make_phone(backend=backend)
    done = []
    tasks = [wx.request(url=API + "/slow", success=lambda r, i=i: done.append((i, phone.clock.now)))
             for i in range(12)]
    assert phone.services.network.in_flight == 10 and phone.services.network.queued == 2
    phone.advance(5000)
    assert len(done) == 10
    phone.advance(5000)
    assert [i for i, _ in done] == list(range(12))
    assert done[-1][1] == 10_000
    assert tasks[0]._entry["state"] == "done"


def test_sessions_give_request_openid(make_phone, backend):
    make_phone(backend=backend)
    token = wx.request(url=API + "/login", method="POST").result().data["token"]
    assert wx.request(url=API + "/me").result().data == {"openid": None}
    me = wx.request(url=API + "/me", header={"Authorization": "Bearer " + token}).result()
    assert me.data == {"openid": "o-test"}


def test_every_request_is_logged(make_phone, backend):
    phone = make_phone(backend=backend)
    wx.request(url=API + "/menu", data={"max": 2000}).result()
    wx.request(url="http://x.example").then(None, lambda r: None)
    phone.settle()
    log = phone.services.requests
    assert log[0]["method"] == "GET" and log[0]["path"] == "/menu"
    assert log[0]["query"] == {"max": "2000"} and log[0]["status_code"] == 200
    assert log[0]["response"]["items"][0]["id"] == 1
    assert log[1]["state"] == "refused"
    assert {"request", "response", "request_refused"} <= set(phone.kinds())


def test_on_headers_received(make_phone, backend):
    phone = make_phone(backend=backend)
    heads = []
    task = wx.request(url=API + "/echo")
    task.on_headers_received(heads.append)
    phone.settle()
    assert heads[0].status_code == 200
